"""Hostile front matter never becomes markup, script or a link: in pages, diagrams, search and exports.

MkDocs and Material print a page's own front-matter ``title`` and ``tags`` as
HTML: that is the host's behaviour. The plugin must never add another place
where user text becomes markup. The site below puts a payload in every field
the plugin shows (and in titles and tags, so that they reach the plugin's
cards, tables, diagrams, roadmaps, TOC, tags and search entries); each value
carries its own number (``alert(17)``), so a leak names its field.

Pages are checked with an HTML parser for *active* content (a ``<script>``
running ``alert``, an ``on*`` attribute, a ``javascript:`` URL in ``href``,
``src``, ``xlink:href``…). Each page of the site built with the plugin may hold
no more of it than the same page built without the plugin (the host's own
printing of ``title`` and ``tags``); pages the plugin generates may hold none.
The browser counterpart is ``test_hostile_browser.py``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from mkdocs_pgm.core.exports import formats as exports
from mkdocs_pgm.core.views.search import plain_tag

from helpers import page, registry_of
from test_diagrams import (
    assert_inert,
    builder,
    entity,
    needs_dot,
    parse,
    run_dot,
    svg_links,
    svg_texts,
)

TODAY = "2026-05-01"

#: The payloads of issue 11, numbered per field (``{n}``).
PAYLOADS = {
    "img": "<img src=x onerror=alert({n})>",
    "script": "<script>alert({n})</script>",
    "svg": '"><svg onload=alert({n})>',
    "js": "javascript:alert({n})",
}
SCRIPT_PAYLOADS = ("img", "script", "svg")


class Hostile:
    """Hands out numbered payloads and remembers which field got which number."""

    def __init__(self, make: Callable[[int], str]) -> None:
        self.make = make
        self.fields: dict[int, str] = {}

    def __call__(self, field: str) -> str:
        number = len(self.fields) + 100
        self.fields[number] = field
        return self.make(number)

    def name(self, text: str) -> str:
        """The fields whose numbers appear in ``text`` (for failure messages)."""
        return ", ".join(sorted({self.fields.get(int(n), n) for n in re.findall(r"alert\((\d+)\)", text)}))


def one_payload(kind: str) -> Hostile:
    return Hostile(lambda n: PAYLOADS[kind].format(n=n))


def mixed_payloads() -> Hostile:
    """Every field one of the script payloads, in turn (the browser site: one build per theme)."""
    return Hostile(lambda n: PAYLOADS[SCRIPT_PAYLOADS[n % 3]].format(n=n))


def _dump(fields: dict[str, Any], body: str = "") -> str:
    """A page with a heading and some text of its own. (Material's search indexes the text before
    a page's first heading under its front-matter ``title``, as HTML: the host's behaviour.)"""
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10**6) + "---\n\n# Page\n\nSome text.\n\n" + body


def hostile_pages(v: Hostile, *, url: str = "javascript:alert(1)") -> dict[str, str]:
    """A portfolio, two programs, four projects and a decision page with ``v(...)`` in every text field.

    ``url`` is the URL of a link (refused by the schema when it is ``javascript:``).
    """

    def common(prefix: str) -> dict[str, Any]:
        return {
            "title": v(f"{prefix}.title"),
            "summary": v(f"{prefix}.summary"),
            "owner": v(f"{prefix}.owner"),
            "sponsor": v(f"{prefix}.sponsor"),
            "stakeholders": [v(f"{prefix}.stakeholders[0]"), {"name": v(f"{prefix}.stakeholders[1].name"), "role": v(f"{prefix}.stakeholders[1].role")}],
            "tags": [v(f"{prefix}.tags[0]")],
            "links": [{"title": v(f"{prefix}.links[0].title"), "url": url}, {"title": v(f"{prefix}.links[1].title"), "url": "https://example.com/"}],
        }

    def raid(prefix: str, n: str) -> dict[str, Any]:
        return {
            "risks": [{"id": f"R-{n}", "title": v(f"{prefix}.risks[0].title"), "owner": v(f"{prefix}.risks[0].owner"),
                       "mitigation": v(f"{prefix}.risks[0].mitigation"), "probability": 5, "impact": 5}],
            "assumptions": [{"id": f"A-{n}", "title": v(f"{prefix}.assumptions[0].title"), "owner": v(f"{prefix}.assumptions[0].owner")}],
            "issues": [{"id": f"I-{n}", "title": v(f"{prefix}.issues[0].title"), "owner": v(f"{prefix}.issues[0].owner"),
                        "raised": "2026-03-01", "due": "2026-06-01", "escalated": True}],
            "changes": [{"id": f"CR-{n}", "title": v(f"{prefix}.changes[0].title"), "raised": "2026-03-02",
                         "impact": {"schedule_days": 5, "cost": 100, "scope": v(f"{prefix}.changes[0].impact.scope")}, "decision": f"DEC-{n}"}],
            "decisions": [{"id": f"DEC-{n}", "title": v(f"{prefix}.decisions[0].title"), "status": "proposed", "date": "2026-03-03",
                           "decision_makers": [v(f"{prefix}.decisions[0].decision_makers[0]")], "consulted": [v(f"{prefix}.decisions[0].consulted[0]")],
                           "informed": [v(f"{prefix}.decisions[0].informed[0]")], "forum": v(f"{prefix}.decisions[0].forum")}],
        }

    portfolio = {"type": "portfolio", "id": "PF", **common("portfolio"), "objectives": [v("portfolio.objectives[0]")]}
    program = {
        "type": "program", "id": "PRG-A", "portfolio": "PF", **common("programs/a"), "health": "amber",
        "vision": v("programs/a.vision"), "objectives": [v("programs/a.objectives[0]")],
        "benefits": [
            {"id": "B1", "title": v("programs/a.benefits[0].title"), "kpi": v("programs/a.benefits[0].kpi"), "unit": v("programs/a.benefits[0].unit"),
             "owner": v("programs/a.benefits[0].owner"), "baseline": 1, "target": 10, "actual": 2, "due": "2026-06-01", "status": "at-risk"},
            {"id": "B2", "title": v("programs/a.benefits[1].title"), "unit": v("programs/a.benefits[1].unit"), "target": 5, "due": "2026-09-01"},
        ],
        "governance": {"forums": [{"name": v("programs/a.governance.forums[0].name"), "cadence": v("programs/a.governance.forums[0].cadence"),
                                   "chair": v("programs/a.governance.forums[0].chair")}],
                       "escalation": [v("programs/a.governance.escalation[0]"), v("programs/a.governance.escalation[1]")], "risk_threshold": 10},
        **raid("programs/a", "PA"),
    }
    program_b = {"type": "program", "id": "PRG-B", "portfolio": "PF", "title": v("programs/b.title"), "owner": v("programs/b.owner")}
    project_a = {
        "type": "project", "id": "PRJ-A", "program": "PRG-A", **common("projects/a"), "status": "active", "health": "amber", "phase": "execution",
        "start": "2026-01-05", "end": "2026-08-31", "baseline": {"end": "2026-06-30"}, "progress": 40, "budget": {"planned": 1000, "actual": 500},
        "milestones": [{"id": "m1", "title": v("projects/a.milestones[0].title"), "date": "2026-05-20"},
                       {"id": "m2", "title": v("projects/a.milestones[1].title"), "date": "2026-04-01"}],
        "deliverables": [v("projects/a.deliverables[0]"), {"title": v("projects/a.deliverables[1].title"), "due": "2026-07-01"}],
        "kpis": [{"name": v("projects/a.kpis[0].name"), "unit": v("projects/a.kpis[0].unit"), "target": 1, "actual": 2}],
        "contributes_to": ["PRG-A#B1"],
        "depends_on": [{"id": "PRJ-C", "note": v("projects/a.depends_on[0].note")}],
        **raid("projects/a", "A"),
    }
    project_b = {
        "type": "project", "id": "PRJ-B", "program": "PRG-A", "title": v("projects/b.title"), "owner": v("projects/b.owner"),
        "start": "2026-09-01", "end": "2026-12-01",
        "depends_on": [{"id": "PRJ-A#m1", "note": v("projects/b.depends_on[0].note")}, "PRJ-A"],
    }
    project_c = {
        "type": "project", "id": "PRJ-C", "program": "PRG-B", "title": v("projects/c.title"), "owner": v("projects/c.owner"),
        "start": "2026-01-01", "end": "2026-03-31", "depends_on": [{"id": "PRJ-S", "type": "informational", "note": v("projects/c.depends_on[0].note")}],
    }
    project_s = {"type": "project", "id": "PRJ-S", "title": v("projects/s.title"), "owner": v("projects/s.owner"), "start": "2026-02-01", "end": "2026-10-01",
                 "depends_on": ["PRJ-B"]}
    decision = {
        "type": "decision", "id": "DEC-1", **common("decisions/d"), "status": "accepted", "date": "2026-02-01", "scope": "PRG-A",
        "decision_makers": [v("decisions/d.decision_makers[0]")], "consulted": [v("decisions/d.consulted[0]")], "informed": [v("decisions/d.informed[0]")],
        "forum": v("decisions/d.forum"), "affects": ["PRJ-A"], "supersedes": ["DEC-PA"], "change_request": "CR-A",
    }
    index = (
        "# Home\n\n"
        f"See [[PRJ-A]], [[PRJ-A|{v('[[PRJ-A|text]]')}]], [[PRG-A]], [[PRJ-A#m1]], [[DEC-PA]], [[R-A]], [[PF]], [[NO-SUCH|{v('[[NO-SUCH|text]]')}]].\n\n"
        "## About [[PRJ-A]] and [[B1|its benefit]]\n\n"
        "## R&D budget\n\n<!-- pgm:decision-log program=PRG-A -->\n\n<!-- pgm:dependencies project=PRJ-A -->\n"
    )
    return {
        "index.md": index,
        "portfolio.md": _dump(portfolio),
        "programs/a.md": _dump(program, "<!-- pgm:decision-log program=PRG-A -->\n\n<!-- pgm:benefits program=PRG-A -->\n"),
        "programs/b.md": _dump(program_b),
        "projects/a.md": _dump(project_a),
        "projects/b.md": _dump(project_b),
        "projects/c.md": _dump(project_c),
        "projects/s.md": _dump(project_s),
        "decisions/d.md": _dump(decision),
        "catalog.md": "# Everything\n\n<!-- pgm:catalog -->\n\n<!-- pgm:roadmap -->\n\n<!-- pgm:raid -->\n\n<!-- pgm:changes -->\n",
    }


def site_config(theme: str, *, plugin: bool = True) -> dict[str, Any]:
    """The plugins of the hostile site; without ``plugin``: the same host, as the baseline."""
    plugins: list[Any] = ["search"]
    if theme == "material":
        plugins.append("tags")
    if plugin:
        plugins.append({"pgm": {"today": TODAY, "tags_from": ["program", "status"]}})
    return {"theme": {"name": theme, **({"font": False} if theme == "material" else {})}, "plugins": plugins}


# ---------------------------------------------------------------- what counts as active


class _Active(HTMLParser):
    """Collects script that would run: ``<script>`` with ``alert(``, ``on*`` attributes, ``javascript:`` URLs."""

    URL_ATTRIBUTES: ClassVar[set[str]] = {"href", "src", "xlink:href", "action", "formaction", "data", "srcdoc", "background", "poster"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._script = True
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert(" in value:
                self.found[f"<{tag} {name}={value}>"] += 1
            if name in self.URL_ATTRIBUTES and re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                self.found[f"<{tag} {name}={value}>"] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.found[f"<script>{data.strip()[:80]}"] += 1


def active(html: str) -> Counter[str]:
    parser = _Active()
    parser.feed(html)
    parser.close()
    return parser.found


def pages_of(site_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(site_dir)): p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))}


def added_script(plugin_site: Path, baseline_site: Path) -> dict[str, list[str]]:
    """Active content in the plugin's site that the same page without the plugin does not have."""
    baseline = {name: active(html) for name, html in pages_of(baseline_site).items()}
    added = {}
    for name, html in pages_of(plugin_site).items():
        extra = active(html) - baseline.get(name, Counter())
        if extra:
            added[name] = sorted(extra)
    return added


def search_docs(site_dir: Path) -> list[dict[str, Any]]:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


# ---------------------------------------------------------------- whole sites


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_no_front_matter_value_becomes_script(build_site: Any, tmp_path: Path, kind: str, theme: str) -> None:
    v = one_payload(kind)
    pages = hostile_pages(v, url=PAYLOADS["js"].format(n=1))
    site = build_site(tmp_path / "with", pages, site_config(theme))
    baseline = build_site(tmp_path / "without", pages, site_config(theme, plugin=False))
    # The javascript: link of the portfolio, program a, project a and the decision is left out, and said so.
    refused = [w for w in site.warnings if ": links[0]" in w]
    assert len(refused) == 8 and sum("found scheme 'javascript:'; the value is left out" in w for w in refused) == 4, refused
    # Tags made from a program's title (tags_from) are plain text: a warning per program with markup.
    tagged = sorted(w.split(":")[1] for w in site.warnings if "(tags_from: program)" in w)
    assert tagged == ([] if kind == "js" else [" docs/programs/a.md", " docs/programs/b.md"]), tagged
    unknown = [w for w in site.warnings if "NO-SUCH" in w]
    assert len(unknown) == 1, unknown
    others = [w for w in site.warnings if w not in refused + unknown and "(tags_from: program)" not in w]
    assert others == [], others
    added = added_script(site.site_dir, baseline.site_dir)
    assert added == {}, {name: v.name(" ".join(found)) for name, found in added.items()}
    # Every page the plugin generates is there, and the payloads are shown as text.
    for src in ("governance/index.md", "governance/catalog.md", "governance/roadmap.md", "governance/raid.md", "governance/decisions.md",
                "governance/benefits.md", "governance/changes.md", "governance/dependencies.md", "programs/a.md", "projects/a.md"):
        html = site.html(src)
        assert "pgm" in html, src
    sample = PAYLOADS[kind].format(n=next(n for n, f in v.fields.items() if f == "programs/a.governance.forums[0].name"))
    assert sample.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in site.html("programs/a.md").replace("&#34;", '"').replace("&quot;", '"')
    # Material's search index holds HTML: the plugin's entries add no script to it.
    if theme == "material":
        ours = Counter[str]()
        for doc in search_docs(site.site_dir):
            ours += active(doc.get("title", "")) + active(doc.get("text", ""))
        theirs = Counter[str]()
        for doc in search_docs(baseline.site_dir):
            theirs += active(doc.get("title", "")) + active(doc.get("text", ""))
        assert ours - theirs == Counter(), v.name(" ".join(ours - theirs))


# ---------------------------------------------------------------- the TOC


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_headings_the_plugin_adds_to_the_toc_are_text(build_site: Any, tmp_path: Path, theme: str) -> None:
    """Themes print TOC titles as HTML: a decision's title in the decision log's headings is
    escaped exactly once (``R&D`` is ``R&amp;D``, never ``R&amp;amp;D``)."""
    title = "R&D <img src=x onerror=alert(1)>"
    pages = {
        "programs/a.md": page(
            "type: program", "id: PRG-A", "owner: Ana",
            f'decisions: [{{id: DEC-1, title: "{title}", status: accepted, date: 2026-01-02}}]',
            body="# Alpha\n\n## R&D budget\n\n<!-- pgm:decision-log program=PRG-A -->\n",
        ),
    }
    site = build_site(tmp_path, pages, {"plugins": ["search", {"pgm": {"today": TODAY, "diagrams": False}}], "theme": {"name": theme}}, theme=theme)
    html = site.html("programs/a.md")
    assert active(html) == Counter()
    links = re.findall(r'<a href="#log-dec-1"[^>]*>(.*?)</a>', html, re.DOTALL)
    assert links, "the decision's heading is in the TOC"
    for link in links:
        text = " ".join(re.sub(r"</?span[^>]*>", " ", link).split())
        assert text == "R&amp;D &lt;img src=x onerror=alert(1)&gt;", text
    # Search entries are indexed under the host's heading "R&D budget": text for MkDocs, HTML for Material.
    titles = {doc["title"] for doc in search_docs(site.site_dir) if doc["location"].endswith("#rd-budget")}
    assert ("R&amp;D budget" if theme == "material" else "R&D budget") in titles, titles
    assert not any("&amp;amp;" in t for t in titles), titles
    log = {doc["title"] for doc in search_docs(site.site_dir) if doc["location"].endswith("#log-dec-1")}
    assert log == {"R&amp;D &lt;img src=x onerror=alert(1)&gt;" if theme == "material" else title}, log


# ---------------------------------------------------------------- tags_from


def test_tags_derived_from_a_program_title_are_plain_text(build_site: Any, tmp_path: Path) -> None:
    pages = {
        "programs/a.md": page("type: program", "id: PRG-A", "owner: Ana", 'title: "<b>Shop</b> & <img src=x onerror=alert(1)> more"', body="Text.\n"),
        "projects/p.md": page("type: project", "id: PRJ-P", "program: PRG-A", "owner: Bo", "title: Portal", body="Text.\n"),
        "projects/q.md": page("type: project", "id: PRJ-Q", "program: PRG-A", "owner: Cy", "title: Queue", body="Text.\n"),
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    }
    config = {"plugins": ["search", "tags", {"pgm": {"today": TODAY, "diagrams": False, "tags_from": ["program"]}}]}
    site = build_site(tmp_path, pages, config)
    for src in ("projects/p.md", "projects/q.md", "tags.md"):
        html = site.html(src)
        assert active(html) == Counter(), src
        assert "<b>Shop" not in html and "<img src=x" not in html, src
    nav = re.search(r'<nav class="md-tags"[^>]*>(.*?)</nav>', site.html("projects/p.md"), re.DOTALL)
    assert nav is not None and " ".join(re.sub(r"<[^>]+>", " ", nav.group(1)).split()) == "Shop & more"
    assert site.warnings == [
        "mkdocs_pgm: docs/programs/a.md:5: title: markup is left out of the tag made from this program's title (tags_from: program): tags are plain text"
    ]
    tags = {tuple(doc.get("tags", ())) for doc in search_docs(site.site_dir) if doc["location"].startswith("projects/p/")}
    assert ("Shop & more",) in tags, tags


@pytest.mark.parametrize(("title", "tag"), [
    ("<img src=x onerror=alert(1)>", ""),
    ("<script>alert(1)</script>", "alert(1)"),
    ('"><svg onload=alert(1)>', '">'),
    ("<img src=x onerror=alert(1) ", "img src=x onerror=alert(1)"),  # never closed: no tag may start
    ("<<b>html</b>>", "html>"),  # what is left after the markup may not open a tag either
    ("R&D <-> Ops", "R&D <-> Ops"),  # text, not markup
    ("a<!-- x -->b", "ab"),
])
def test_plain_tag(title: str, tag: str) -> None:
    assert plain_tag(title) == tag
    assert "<" not in re.sub(r"<(?![A-Za-z/!?])", "", plain_tag(title))


def test_plain_tag_is_linear_on_hostile_text() -> None:
    import time

    start = time.perf_counter()
    for text in ("<a" * 50_000, "<a" + "x" * 100_000, "<" * 100_000, "<a>" * 33_000):
        assert "<a" not in plain_tag(text)
    assert time.perf_counter() - start < 1


# ---------------------------------------------------------------- DOT


def _dot_site(title: str, owner: str) -> dict[str, str]:
    def dump(**fields: Any) -> str:
        return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10**6) + "---\n# Heading\n"

    return {
        "programs/p.md": dump(type="program", id="PRG-A", title=title, owner=owner),
        "programs/q.md": dump(type="program", id="PRG-B", title="Other", owner="Q"),
        "projects/a.md": dump(type="project", id="A", program="PRG-A", title=title, owner=owner, end="2026-06-30",
                              milestones=[{"id": "m1", "title": title, "date": "2026-04-01"}]),
        "projects/b.md": dump(type="project", id="B", program="PRG-A", title="B", owner="Bea", depends_on=[{"id": "A#m1", "note": owner}]),
        "projects/c.md": dump(type="project", id="C", program="PRG-B", title="C", owner="Cy", depends_on=["B", "A"]),
        "projects/d.md": dump(type="project", id="D", title=title, owner=owner, depends_on=["C"]),
    }


DOT_CASES = [
    ('<>];URL="javascript:alert(1)";a="', "Ana>"),
    ("<<html>>", "<<html>>"),
    ("<img src=x onerror=alert(1)>", "<i>Ana</i>"),
    ("<b>bold</b>", "x>"),
]


@needs_dot
@pytest.mark.parametrize(("title", "owner"), DOT_CASES, ids=range(len(DOT_CASES)))
def test_a_label_is_never_an_html_like_dot_label(title: str, owner: str, tmp_path: Path) -> None:
    """A title starting with ``<`` and an owner ending with ``>`` made the joined node label an
    HTML-like DOT label: ``URL="javascript:…"`` became a link, ``<<html>>`` broke the diagram."""
    reg = registry_of(_dot_site(title, owner))
    assert [str(d) for d in reg.diagnostics if d.severity != "info"] == []
    b = builder(reg)
    programs = [entity(reg, "PRG-A"), entity(reg, "PRG-B")]
    graphs = [
        b.project(entity(reg, "A"), "projects/a/"), b.project(entity(reg, "B"), "projects/b/"),
        b.program(entity(reg, "PRG-A"), "programs/p/"), b.program(entity(reg, "PRG-B"), "programs/q/"),
        b.portfolio(programs, [entity(reg, "D")], "g/", "g.md"), b.programs_overview(programs, "g/", "g.md"),
    ]
    for graph in graphs:
        # The DOT: every value is a quoted string, never an HTML-like <...> label.
        assert not re.search(r"=\s*<", graph.source), graph.source
        data = json.loads(run_dot(graph.source), strict=False)
        for obj in data.get("objects", []) + data.get("edges", []):  # nodes, clusters, edges
            for name in ("URL", "href"):
                assert obj.get(name, "/").startswith("/"), (graph.name, obj)  # only the plugin's own links
        labels = [str(n.get("label", "")) for n in parse(graph).nodes.values()]
        assert any(label.startswith(title[:20]) for label in labels), (graph.name, labels)
        # The SVG: the title shown as text, no script, only the plugin's own links.
        svg = run_dot(graph.source, "-Tsvg")
        assert_inert(svg)
        assert all(link.startswith("/") for link in svg_links(svg)), svg_links(svg)
        assert any(t.startswith(title[:20]) for t in svg_texts(svg)), (graph.name, svg_texts(svg))


# ---------------------------------------------------------------- exports


def _export_registry(text: str) -> Any:
    return registry_of({
        "programs/p.md": page("type: program", "id: PRG-A", "owner: Ana", f"title: {yaml.safe_dump(text, width=10**6).strip().removesuffix('...').strip()}",
                              f"benefits: [{{id: B1, title: {_flow(text)}, owner: {_flow(text)}, kpi: {_flow(text)}, due: 2026-09-01}}]", body="# P\n"),
        "projects/a.md": page("type: project", "id: A", "program: PRG-A", f"owner: {_flow(text)}", f"title: {_flow(text)}",
                              f"milestones: [{{id: m1, title: {_flow(text)}, date: 2026-05-20}}]",
                              f"risks: [{{id: R1, title: {_flow(text)}, owner: {_flow(text)}, mitigation: {_flow(text)}}}]",
                              f"decisions: [{{id: D1, title: {_flow(text)}, status: accepted, date: 2026-02-01, forum: {_flow(text)}, decision_makers: [{_flow(text)}]}}]",
                              body="# A\n"),
    })


def _flow(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (safe in flow mappings)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


ICS_INJECTIONS = [
    "Launch\r\nATTENDEE:mailto:evil@example.com",
    "a;b,c\\d\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:forged",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", ICS_INJECTIONS, ids=range(len(ICS_INJECTIONS)))
def test_ics_fields_cannot_add_properties_or_events(text: str) -> None:
    reg = _export_registry(text)
    ics = exports.export_ics(reg, today=exports.dt.date(2026, 5, 1), url_of=lambda s: "x/", site_url="https://example.com/")
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
    lines = ics.replace("\r\n ", "").split("\r\n")[:-1]  # unfolded content lines
    names = Counter(re.match(r"[A-Z-]+", line).group(0) for line in lines)  # type: ignore[union-attr]
    assert "ATTENDEE" not in names and names["BEGIN"] == names["END"]
    assert names["BEGIN"] - 1 == names["SUMMARY"] == 3  # the calendar, a milestone, a decision, a benefit
    for line in lines:
        name, _, value = line.partition(":")
        if name in ("SUMMARY", "DESCRIPTION"):
            # Every comma, semicolon and newline of the text is escaped (RFC 5545, 3.3.11).
            assert not re.search(r"(?<!\\)(\\\\)*[;,]", value.replace("\\\\", "")), line
            assert "\n" not in value and "\r" not in value


FORMULAS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-1-1", "@SUM(A1)", "=1+1;x", "a,\"b\"\r\n=2+2"]


@pytest.mark.parametrize("text", FORMULAS, ids=range(len(FORMULAS)))
def test_csv_cells_never_start_a_formula(text: str) -> None:
    reg = _export_registry(text)
    for export in (exports.raid_csv, exports.decisions_csv):
        content = export(reg, url_of=lambda s: "x/", site_url=None)
        rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"), newline="")))
        assert len(rows) >= 2
        width = len(rows[0])
        for row in rows:
            assert len(row) == width, row
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (export.__name__, cell)
        assert any(text.strip() in cell.lstrip("'") for row in rows for cell in row)


def test_no_page_embeds_json_that_could_close_a_script(build_site: Any, tmp_path: Path) -> None:
    """The exports are files of their own; if a page ever embeds JSON, ``</script>`` must not end it early."""
    v = one_payload("script")
    site = build_site(tmp_path, hostile_pages(v), site_config("mkdocs"))
    for name, html in pages_of(site.site_dir).items():
        for block in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.DOTALL | re.IGNORECASE):
            assert "alert(" not in block, (name, v.name(block))
    data = site.read("governance/pgm.json")
    assert "<script>alert(" in data  # a JSON file of its own holds the text as it is

