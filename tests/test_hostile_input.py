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
import datetime as dt
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

from mkdocs_pgm.core.analysis import findings
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

    def raid(prefix: str, n: str, escalated: str | bool = True) -> dict[str, Any]:
        return {
            "risks": [{"id": f"R-{n}", "title": v(f"{prefix}.risks[0].title"), "owner": v(f"{prefix}.risks[0].owner"),
                       "mitigation": v(f"{prefix}.risks[0].mitigation"), "probability": 5, "impact": 5}],
            "assumptions": [{"id": f"A-{n}", "title": v(f"{prefix}.assumptions[0].title"), "owner": v(f"{prefix}.assumptions[0].owner")}],
            "issues": [{"id": f"I-{n}", "title": v(f"{prefix}.issues[0].title"), "owner": v(f"{prefix}.issues[0].owner"),
                        "raised": "2026-03-01", "due": "2026-06-01", "impact": 5, "escalated": escalated}],
            "changes": [{"id": f"CR-{n}", "title": v(f"{prefix}.changes[0].title"), "raised": "2026-03-02",
                         "impact": {"schedule_days": 5, "cost": 100, "scope": v(f"{prefix}.changes[0].impact.scope")}, "decision": f"DEC-{n}"}],
            "decisions": [{"id": f"DEC-{n}", "title": v(f"{prefix}.decisions[0].title"), "status": "proposed", "date": "2026-03-03",
                           "decision_makers": [v(f"{prefix}.decisions[0].decision_makers[0]")], "consulted": [v(f"{prefix}.decisions[0].consulted[0]")],
                           "informed": [v(f"{prefix}.decisions[0].informed[0]")], "forum": v(f"{prefix}.decisions[0].forum")}],
        }

    # The escalation steps of program a, then of the portfolio. A step is named by the text before a "(" too
    # ("Dana (CFO)" is "Dana"), so each starts with a word of its own: else every payload names the first step.
    tiers = [f"{word} {v(field)}" for word, field in (("Lead", "programs/a.governance.escalation[0]"), ("Board", "programs/a.governance.escalation[1]"),
                                                      ("Council", "portfolio.governance.escalation[0]"), ("Chair", "portfolio.governance.escalation[1]"))]
    portfolio = {
        "type": "portfolio", "id": "PF", **common("portfolio"), "objectives": [v("portfolio.objectives[0]")],
        # Past a program's path, its risks and issues go to the portfolio's (a payload in every step).
        "governance": {"forums": [{"name": v("portfolio.governance.forums[0].name"), "cadence": v("portfolio.governance.forums[0].cadence"),
                                   "chair": v("portfolio.governance.forums[0].chair")}],
                       "escalation": tiers[2:], "risk_threshold": 12},
    }
    # One person on two pages, over 100 % from March to May: the finding, the heat map, the tables name them.
    busy = v("team.busy.name")
    program = {
        "type": "program", "id": "PRG-A", "portfolio": "PF", **common("programs/a"), "health": "amber",
        "vision": v("programs/a.vision"), "objectives": [v("programs/a.objectives[0]")],
        "benefits": [
            {"id": "B1", "title": v("programs/a.benefits[0].title"), "kpi": v("programs/a.benefits[0].kpi"), "unit": v("programs/a.benefits[0].unit"),
             "owner": v("programs/a.benefits[0].owner"), "baseline": 1, "target": 10, "actual": 2, "due": "2026-06-01", "status": "at-risk"},
            {"id": "B2", "title": v("programs/a.benefits[1].title"), "unit": v("programs/a.benefits[1].unit"), "baseline": 0, "target": 5,
             "due": "2026-09-01", "measurements": [{"date": "2026-02-01", "value": 1, "note": v("programs/a.benefits[1].measurements[0].note")},
                                                   {"date": "2026-04-01", "value": 3, "note": v("programs/a.benefits[1].measurements[1].note")}]},
        ],
        "governance": {"forums": [{"name": v("programs/a.governance.forums[0].name"), "cadence": v("programs/a.governance.forums[0].cadence"),
                                   "chair": v("programs/a.governance.forums[0].chair")}],
                       "escalation": tiers[:2], "risk_threshold": 10},
        **raid("programs/a", "PA", escalated=tiers[2]),  # at the portfolio's first step: next, its second
        "team": [{"name": busy, "role": v("programs/a.team[0].role"), "allocation": 50, "from": "2026-03-01", "to": "2026-05-31"}],
        "lessons": [v("programs/a.lessons[0]")],
    }
    # The program's owner is its last step: the steps before are project-level, and the program's own risks go to the portfolio.
    program["governance"]["escalation"].append(program["owner"])
    # The power/interest map: a stakeholder in each quadrant, five in one cell (the last two counted, named in a tooltip).
    program["stakeholders"] += [
        {"name": v("programs/a.stakeholders[2].name"), "role": v("programs/a.stakeholders[2].role"), "influence": 2, "interest": 5},
        {"name": v("programs/a.stakeholders[3].name"), "influence": 1, "interest": 1},
        {"name": v("programs/a.stakeholders[4].name"), "influence": 5, "interest": 1},
        *({"name": v(f"programs/a.stakeholders[{n}].name"), "role": v(f"programs/a.stakeholders[{n}].role"), "influence": 5, "interest": 5}
          for n in range(5, 10)),
    ]
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
        **raid("projects/a", "A", escalated=program["owner"]),  # at the program's owner: next, the portfolio's first step
        "team": [{"name": busy, "role": v("projects/a.team[0].role"), "allocation": 60},
                 {"name": v("projects/a.team[1].name"), "role": v("projects/a.team[1].role")}],  # no allocation: listed, not counted
    }
    project_b = {
        "type": "project", "id": "PRJ-B", "program": "PRG-A", "title": v("projects/b.title"), "owner": v("projects/b.owner"),
        "start": "2026-09-01", "end": "2026-12-01",
        "depends_on": [{"id": "PRJ-A#m1", "lag_days": 10, "note": v("projects/b.depends_on[0].note")}, "PRJ-A"],
        "team": [{"name": v("projects/b.team[0].name"), "role": v("projects/b.team[0].role"), "allocation": 40}],
    }
    project_c = {
        "type": "project", "id": "PRJ-C", "program": "PRG-B", "title": v("projects/c.title"), "owner": v("projects/c.owner"),
        "start": "2026-01-01", "end": "2026-03-31", "depends_on": [{"id": "PRJ-S", "type": "informational", "note": v("projects/c.depends_on[0].note")}],
        # Closed properly: the lessons page shows its acceptance and lessons.
        "status": "completed", "phase": "closure",
        "acceptance": {"by": v("projects/c.acceptance.by"), "date": "2026-04-10", "note": v("projects/c.acceptance.note")},
        "lessons": [v("projects/c.lessons[0]"), {"title": v("projects/c.lessons[1].title"), "detail": v("projects/c.lessons[1].detail")}],
    }
    project_s = {"type": "project", "id": "PRJ-S", "title": v("projects/s.title"), "owner": v("projects/s.owner"), "start": "2026-02-01", "end": "2026-10-01",
                 "depends_on": ["PRJ-B"]}
    decision = {
        "type": "decision", "id": "DEC-1", **common("decisions/d"), "status": "accepted", "date": "2026-03-10", "scope": "PRG-A",
        "decision_makers": [v("decisions/d.decision_makers[0]")], "consulted": [v("decisions/d.consulted[0]")], "informed": [v("decisions/d.informed[0]")],
        "forum": v("decisions/d.forum"), "affects": ["PRJ-A"], "supersedes": ["DEC-PA"], "change_request": "CR-A",
    }
    # Every decision's forum is one of its program's (a payload too): the data is consistent, only hostile.
    program["governance"]["forums"] += [{"name": d["forum"]} for d in (program["decisions"][0], project_a["decisions"][0], decision)]
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
        "catalog.md": "# Everything\n\n<!-- pgm:catalog -->\n\n<!-- pgm:roadmap -->\n\n<!-- pgm:raid -->\n\n<!-- pgm:changes -->\n\n"
                      "<!-- pgm:impact project=PRJ-A days=30 -->\n\n<!-- pgm:resources program=PRG-A -->\n\n<!-- pgm:lessons -->\n",
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


class _Text(HTMLParser):
    """What a browser shows of some HTML or SVG as text: character data and attribute values, unescaped;
    with ``within``, only inside the elements with that class.

    A payload found here whole was escaped: unescaped, it would have been parsed as a tag."""

    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, within: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.within = within
        self.depth = 0 if within else 1
        """Elements open since entering one with the class (0: outside; always inside without ``within``)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.within and not self.depth and self.within in (dict(attrs).get("class") or "").split():
            self.depth = 0 if tag in self.VOID else 1
            self.parts.extend(value or "" for _, value in attrs)
        elif self.depth:
            self.parts.extend(value or "" for _, value in attrs)
            if self.within and tag not in self.VOID:
                self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.parts.extend(value or "" for _, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.within and self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def shown_text(html: str, within: str | None = None) -> str:
    parser = _Text(within)
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def svgs_of(html: str, css_class: str) -> list[str]:
    """The inline ``<svg class="CSS_CLASS …">…</svg>`` drawings of a page (they do not nest)."""
    return re.findall(rf'<svg\b[^>]*\bclass="{re.escape(css_class)}\b[^"]*"[^>]*>.*?</svg>', html, re.DOTALL)


#: The sinks of issue 14 (people, lessons, escalation tiers, trends, critical chain, what-if): (page, the
#: class of the element holding the sink or None for the whole page, the fields whose payload it shows as
#: text), so that "no script" is checked where the data is.
NEW_SINKS: list[tuple[str, str | None, list[str]]] = [
    ("governance/resources.md", "pgm-resources", ["team.busy.name", "programs/a.team[0].role", "projects/a.team[0].role", "projects/b.team[0].name",
                                                  "projects/b.team[0].role", "projects/a.team[1].name", "projects/a.title", "programs/a.title"]),
    ("governance/resources.md", "pgm-load-table", ["team.busy.name", "programs/a.team[0].role", "projects/a.team[0].role", "projects/a.title"]),
    ("governance/resources.md", "pgm-load-uncounted", ["projects/a.team[1].name", "projects/a.title"]),
    ("governance/lessons.md", "pgm-lessons", ["programs/a.lessons[0]", "projects/c.lessons[0]", "projects/c.lessons[1].title",
                                              "projects/c.lessons[1].detail", "projects/c.acceptance.by", "projects/c.acceptance.note",
                                              "programs/b.title", "programs/a.title", "projects/c.title"]),
    ("governance/index.md", "pgm-dashboard", ["team.busy.name", "programs/a.owner", "portfolio.governance.escalation[0]"]),
    ("governance/raid.md", "pgm-register", ["programs/a.owner", "portfolio.governance.escalation[0]", "portfolio.governance.escalation[1]"]),
    ("governance/raid.md", "pgm-escalation-why", ["portfolio.governance.escalation[0]"]),  # "the step after" the one it is at
    ("governance/benefits.md", "pgm-trend-cell", ["programs/a.benefits[1].title", "programs/a.benefits[1].unit"]),
    ("governance/catalog.md", "pgm-catalog-filters", ["team.busy.name", "programs/a.stakeholders[9].name", "projects/a.team[1].name"]),
    ("portfolio.md", None, ["portfolio.governance.forums[0].name", "portfolio.governance.forums[0].cadence", "portfolio.governance.forums[0].chair",
                            "portfolio.governance.escalation[0]", "portfolio.governance.escalation[1]"]),
    ("programs/a.md", "pgm-people", ["team.busy.name", "programs/a.team[0].role", "projects/a.team[0].role", "projects/a.team[1].name",
                                     "projects/a.title"]),
    ("programs/a.md", "pgm-power", ["programs/a.stakeholders[2].role", "programs/a.stakeholders[9].name", "programs/a.stakeholders[0]"]),
    ("programs/a.md", "pgm-cpm", ["projects/a.title", "projects/b.title", "projects/c.title", "programs/b.title"]),
    ("programs/a.md", None, ["portfolio.governance.escalation[0]", "portfolio.governance.escalation[1]", "programs/a.governance.escalation[0]",
                             "programs/a.governance.escalation[1]"]),
    ("projects/a.md", "pgm-people", ["team.busy.name", "projects/a.team[0].role", "projects/a.team[1].name"]),
    ("projects/a.md", "pgm-impact", ["projects/b.title"]),
    ("projects/a.md", "pgm-chip--flag", ["programs/a.owner"]),
    ("catalog.md", "pgm-impact-view", ["projects/a.title", "projects/b.title"]),
    ("catalog.md", "pgm-resources", ["team.busy.name", "programs/a.team[0].role", "projects/a.team[0].role"]),
    ("catalog.md", "pgm-lessons", ["projects/c.lessons[1].detail", "projects/c.acceptance.note", "programs/a.lessons[0]"]),
]
#: The new drawings: (page, class of the ``<svg>``, fields whose payload it shows as text).
NEW_SVGS: list[tuple[str, str, list[str]]] = [
    ("governance/resources.md", "pgm-load", ["team.busy.name", "projects/b.team[0].name", "projects/a.title", "programs/a.title"]),
    ("catalog.md", "pgm-load", ["team.busy.name"]),
    ("programs/a.md", "pgm-power-map", ["programs/a.title", "programs/a.stakeholders[2].name", "programs/a.stakeholders[2].role",
                                       "programs/a.stakeholders[3].name", "programs/a.stakeholders[4].name", "programs/a.stakeholders[5].name",
                                       "programs/a.stakeholders[5].role", "programs/a.stakeholders[9].name"]),
    ("governance/benefits.md", "pgm-trend", ["programs/a.benefits[1].title", "programs/a.benefits[1].unit"]),
    ("programs/a.md", "pgm-trend", ["programs/a.benefits[1].title"]),
]


def assert_new_sinks_are_text(site: Any, v: Hostile) -> None:
    """Each new sink shows its payloads as text, and each new drawing is there, inert, with its payloads as text."""

    def payload(field: str) -> str:
        return v.make(next(n for n, f in v.fields.items() if f == field))

    missing = [(src, within, field) for src, within, fields in NEW_SINKS for field in fields
               if payload(field) not in shown_text(site.html(src), within)]
    assert missing == [], missing
    for src, css_class, fields in NEW_SVGS:
        svgs = svgs_of(site.html(src), css_class)
        assert svgs, (src, css_class)
        found = [active(svg) for svg in svgs]
        assert all(f == Counter() for f in found), (src, css_class, v.name(" ".join(str(f) for f in found)))
        text = shown_text("".join(svgs))
        assert [f for f in fields if payload(f) not in text] == [], (src, css_class)
    # The exports hold the text as it is (JSON files of their own; the JSON of a page is covered below).
    data = site.read("governance/pgm.json")
    for field in ("programs/a.benefits[1].measurements[0].note", "team.busy.name", "projects/c.lessons[1].detail", "projects/c.acceptance.by",
                  "portfolio.governance.escalation[1]"):
        assert json.dumps(payload(field))[1:-1] in data, field
    # The data is what the test says it is: the busy person is over-allocated (a finding), the closed project has no finding.
    exported = json.loads(data)
    assert [p["over_allocated"] for p in exported["people"] if p["name"] == payload("team.busy.name")] == [["2026-03", "2026-04", "2026-05"]]
    rules = Counter(f["rule"] for f in exported["findings"])
    assert rules["over-allocation"] == 1 and not {"closure-no-acceptance", "closure-no-lessons", "completed-open-items"} & set(rules), rules


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
                "governance/benefits.md", "governance/changes.md", "governance/dependencies.md", "governance/resources.md",
                "governance/lessons.md", "programs/a.md", "projects/a.md"):
        html = site.html(src)
        assert "pgm" in html, src
    assert_new_sinks_are_text(site, v)
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


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_headings_of_the_lessons_page_are_text(build_site: Any, tmp_path: Path, theme: str) -> None:
    """The lessons page heads each program and project with its title: in the TOC, escaped exactly once."""
    title = "R&D <img src=x onerror=alert(1)>"
    pages = {
        "programs/a.md": page("type: program", "id: PRG-A", "owner: Ana", f'title: "{title}"', body="# Alpha\n"),
        "projects/p.md": page("type: project", "id: PRJ-P", "program: PRG-A", "owner: Bo", f'title: "{title}"', "status: completed",
                              "phase: closure", "start: 2026-01-01", "end: 2026-03-31", "acceptance: {by: Cy, date: 2026-04-02}",
                              f'lessons: ["{title}", {{title: "{title}", detail: "{title}"}}]', body="# P\n"),
    }
    site = build_site(tmp_path, pages, {"plugins": ["search", {"pgm": {"today": TODAY, "diagrams": False}}], "theme": {"name": theme}}, theme=theme)
    assert [w for w in site.warnings if "title" in w] == [], site.warnings
    html = site.html("governance/lessons.md")
    assert active(html) == Counter()
    # (MkDocs' theme lists headings down to level 2 by default: the program's.)
    for anchor in ("pgm-lessons-group-prg-a", "pgm-lessons-prj-p") if theme == "material" else ("pgm-lessons-group-prg-a",):
        links = re.findall(rf'<a href="#{anchor}"[^>]*>(.*?)</a>', html, re.DOTALL)
        assert links, anchor  # the heading is in the TOC
        for link in links:
            text = " ".join(re.sub(r"</?span[^>]*>", " ", link).split())
            assert text == "R&amp;D &lt;img src=x onerror=alert(1)&gt;", text
    assert shown_text(html, "pgm-lessons").count(title) == 6  # two headings, the project's link, two lessons, a detail


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


@pytest.mark.parametrize("text", FORMULAS, ids=range(len(FORMULAS)))
def test_csv_escalation_cells_never_start_a_formula(text: str) -> None:
    """``escalate_to`` (a step of the path) and ``escalated: STEP`` are cells of ``raid.csv`` too."""
    reg = registry_of({
        "programs/p.md": page("type: program", "id: PRG-A", "owner: Ana", f"governance: {{escalation: [{_flow(text)}, Board], risk_threshold: 5}}",
                              body="# P\n"),
        "projects/a.md": page("type: project", "id: A", "program: PRG-A", "owner: Bo",
                              "risks: [{id: R1, title: Outage, probability: 5, impact: 5}]",
                              f"issues: [{{id: I1, title: Delay, impact: 5, escalated: {_flow(text)}}}]", body="# A\n"),
    })
    content = exports.raid_csv(reg, url_of=lambda s: "x/", site_url=None)
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"), newline="")))
    header, body = rows[0], {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    for row in rows:
        assert len(row) == len(header), row
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
    assert body["R1"]["escalate_to"].lstrip("'") == text.strip(), body["R1"]
    assert body["I1"]["escalated"].lstrip("'") == text.strip() and body["I1"]["escalate_to"] == "Board", body["I1"]


def test_no_page_embeds_json_that_could_close_a_script(build_site: Any, tmp_path: Path) -> None:
    """The exports are files of their own; if a page ever embeds JSON, ``</script>`` must not end it early."""
    v = one_payload("script")
    site = build_site(tmp_path, hostile_pages(v), site_config("mkdocs"))
    for name, html in pages_of(site.site_dir).items():
        for block in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.DOTALL | re.IGNORECASE):
            assert "alert(" not in block, (name, v.name(block))
    data = site.read("governance/pgm.json")
    assert "<script>alert(" in data  # a JSON file of its own holds the text as it is



# ---------------------------------------------------------------- the terminal


def test_new_messages_cannot_drive_the_terminal() -> None:
    """A team name (the over-allocation finding) and an ``escalated`` step (its diagnostic) with control
    and bidi characters are printed escaped, as every diagnostic and finding is."""
    name = '"Ana\\x1b[2J\\u202eX"'  # YAML: ESC and RIGHT-TO-LEFT OVERRIDE
    reg = registry_of({
        "programs/p.md": page("type: program", "id: PRG-A", "owner: Ana", "governance: {escalation: [Lead, Board], risk_threshold: 5}",
                              body="# P\n"),
        "projects/a.md": page("type: project", "id: A", "program: PRG-A", "owner: Bo", "start: 2026-01-01", "end: 2026-03-31",
                              f"team: [{{name: {name}, allocation: 80}}]", body="# A\n"),
        "projects/b.md": page("type: project", "id: B", "program: PRG-A", "owner: Bo", "start: 2026-02-01", "end: 2026-02-28",
                              f"team: [{{name: {name}, allocation: 30}}]",
                              f"issues: [{{id: I1, title: Delay, impact: 5, escalated: {name}}}]", body="# B\n"),
    })
    found = [str(f) for f in findings.find(reg, dt.date(2026, 5, 1)) if f.rule == "over-allocation"]
    problems = [str(d) for d in reg.diagnostics if "escalated" in str(d)]
    assert len(found) == 1 and len(problems) == 1, (found, problems)
    for text in found + problems:
        assert "\x1b" not in text and "\u202e" not in text, text
        assert "Ana\\x1b[2J\\u202eX" in text, text


# ---------------------------------------------------------------- the checker itself


@pytest.mark.parametrize("kind", SCRIPT_PAYLOADS)
def test_shown_text_holds_a_payload_only_when_escaped(kind: str) -> None:
    """``assert_new_sinks_are_text`` proves a sink escapes: a payload printed as markup is not shown whole."""
    payload = PAYLOADS[kind].format(n=7)
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    page = '<p>before</p><div class="pgm-x other"><table><tr><td>{}</td></tr></table><br><p title="{}">t</p></div><p>{}</p>'
    assert payload in shown_text(page.format(escaped, "", ""), "pgm-x")
    assert payload in shown_text(page.format("", escaped, ""), "pgm-x")  # an attribute's value
    assert payload not in shown_text(page.format(payload, "", ""), "pgm-x")
    assert payload not in shown_text(page.format("", "", escaped), "pgm-x")  # outside the element
    assert payload in shown_text(page.format("", "", escaped))
    svg = f'<svg class="pgm-load" viewBox="0 0 1 1"><g><title>{escaped}</title></g></svg>'
    assert svgs_of(f"<p>x</p>{svg}<svg class='y'></svg>", "pgm-load") == [svg]
    assert payload in shown_text(svg) and active(svg) == Counter()
    assert active(svg.replace(escaped, payload)) != Counter()
