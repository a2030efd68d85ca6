"""Incremental builds: ``mkdocs build --dirty`` after an edit shows the same data as a clean build,
rebuilds only the pages that show what changed, and a warm build renders nothing twice.

Each build is a ``mkdocs build`` in its own process (as in CI and on a laptop), on a
copy of the example portfolio of the docs. Pages are compared by their article (the
page's own content: card, sections, registers, diagrams, ``[[ID]]`` links); MkDocs'
navigation and search index are not compared, since ``--dirty`` leaves them stale by
design (MkDocs warns about it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from mkdocs_pgm.core.analysis.findings import find
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.directives import DIRECTIVES
from mkdocs_pgm.core.model.markdown_scan import Directive
from mkdocs_pgm.core.text import narrow
from mkdocs_pgm.core.views.render import PageRef, Renderer

from helpers import commit, registry_of

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "docs" / "example"
CONFIG = """\
site_name: Incremental
theme: {name: material}
plugins: [search, {pgm: {today: 2026-11-20}}]
"""
ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


def copy_example(root: Path) -> Path:
    docs = root / "docs"
    shutil.copytree(EXAMPLE, docs)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "notes.md").write_text("# Notes\n\nSee [[ECOM-CHECKOUT]] and [[DATA-STREAMING]].\n", encoding="utf-8")
    return docs


def build(root: Path, *args: str) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stderr


def articles(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted(site.rglob("*.html")):
        match = ARTICLE_RE.search(path.read_text(encoding="utf-8"))
        if match:
            out[path.relative_to(site).as_posix()] = match.group(1)
    return out


def mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()  # a later mtime even on a coarse clock
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def clean_copy(root: Path, into: Path) -> Path:
    shutil.copytree(root / "docs", into / "docs")
    shutil.copy(root / "mkdocs.yml", into / "mkdocs.yml")
    build(into)
    return into / "site"


def dirty_matches_clean(root: Path, tmp_path: Path) -> dict[str, str]:
    """``mkdocs build --dirty`` in ``root`` (which must build again some pages), then a clean build of a copy of
    ``root``: both sites show the same articles; returns the clean build's."""
    log = build(root, "--dirty", "-v")
    assert re.search(r"\d+ pages show changed data and are built again", log), log
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("site", ".cache"))
    build(clean)
    expected = articles(clean / "site")
    assert articles(root / "site") == expected
    return expected


def test_a_dirty_build_after_a_date_edit_updates_every_page_that_shows_it(tmp_path: Path) -> None:
    root = tmp_path / "work"
    docs = copy_example(root)
    build(root)
    site = root / "site"
    before = mtimes(site)
    old = articles(site)

    edit(docs / "projects" / "ecom-checkout.md", "end: 2027-03-31", "end: 2027-09-30")
    log = build(root, "--dirty", "-v")
    assert re.search(r"\d+ pages show changed data and are built again", log), log

    expected = articles(clean_copy(root, tmp_path / "clean"))
    assert articles(site) == expected
    rebuilt = {page for page, mtime in mtimes(site).items() if mtime != before.get(page)}
    # The project, its program, the portfolio, the registers, and the pages that link to it, at least:
    for page in ("projects/ecom-checkout/index.html", "programs/ecommerce/index.html", "index.html",
                 "governance/raid/index.html", "governance/index.html", "notes/index.html"):
        assert page in rebuilt, page
        assert "2027-09-30" in expected[page] or page == "notes/index.html", page
    # ... and the new date is on each of those pages, where the old one was.
    assert "2027-09-30" in expected["projects/ecom-checkout/index.html"]
    assert "2027-03-31" in old["programs/ecommerce/index.html"] and "2027-09-30" in expected["programs/ecommerce/index.html"]
    # Nothing else: a page that shows nothing of this project is left as it was.
    untouched = [p for p in before if p not in rebuilt]
    assert "decisions/0003-lakehouse-open-table-format/index.html" in untouched
    # The registers that show nothing of a date are rendered again, found the same, and left as they were.
    assert "governance/decisions/index.html" in untouched and "governance/catalog/index.html" in untouched
    assert len(rebuilt) < len(before) * 3 // 4


def test_dirty_builds_after_random_edits_match_clean_builds(tmp_path: Path) -> None:
    root = tmp_path / "work"
    docs = copy_example(root)
    build(root)
    rng = random.Random(12)
    projects = sorted((docs / "projects").glob("*.md"))
    for round_ in range(4):
        for path in rng.sample(projects, 2):
            text = path.read_text(encoding="utf-8")
            kind = rng.choice(["end", "status", "health", "title"])
            if kind == "end" and (m := re.search(r"(?m)^end: (.+)$", text)):
                edit(path, m.group(0), f"end: 20{rng.randint(27, 29)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
            elif kind == "status" and (m := re.search(r"(?m)^status: (.+)$", text)):
                edit(path, m.group(0), f"status: {rng.choice(['active', 'on-hold', 'planned'])}")
            elif kind == "health" and (m := re.search(r"(?m)^health: (.+)$", text)):
                edit(path, m.group(0), f"health: {rng.choice(['green', 'amber', 'red'])}")
            elif (m := re.search(r"(?m)^title: (.+)$", text)):
                edit(path, m.group(0), f"title: {m.group(1).strip()} v{round_}")
        build(root, "--dirty")
        expected = articles(clean_copy(root, tmp_path / f"clean{round_}"))
        got = articles(root / "site")
        differ = [page for page in expected if got.get(page) != expected[page]]
        assert not differ, f"round {round_}: stale pages {differ}"


def test_a_warm_build_renders_nothing_it_rendered_before(tmp_path: Path) -> None:
    root = tmp_path / "work"
    copy_example(root)
    first = build(root, "-v")
    assert re.search(r"Filled \d+ pages in [\d.]+ s: (\d+) fragments rendered, 0 from the cache", first)
    shutil.rmtree(root / "site")
    second = build(root, "-v")
    match = re.search(r"Filled (\d+) pages in [\d.]+ s: (\d+) fragments rendered, (\d+) from the cache", second)
    assert match and match.group(2) == "0" and int(match.group(3)) > 30, second
    assert re.search(r"Read \d+ pages \(\d+ parsed, 0 unchanged\)", second)


@pytest.mark.parametrize("payload", ['<script>alert("cache")</script>', '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>'])
def test_a_poisoned_fragment_is_rendered_again_not_inlined(tmp_path: Path, payload: str) -> None:
    import hashlib
    import json

    root = tmp_path / "work"
    copy_example(root)
    build(root)
    fragments = sorted((root / ".cache" / "pgm" / "fragments").glob("*/*.json"))
    assert fragments
    for path in fragments:  # with a digest that matches: as an attacker who read the code would write it
        body = json.loads(path.read_text(encoding="utf-8").partition("\n")[2])
        if "html" in body:
            body["html"] = payload + body["html"]
            text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
            path.write_text(hashlib.sha256(f"{path.stem}\n{text}".encode()).hexdigest() + "\n" + text, encoding="utf-8")
    shutil.rmtree(root / "site")
    log = build(root)
    html = "".join(p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html"))
    assert payload not in html
    assert "cached fragment(s) in .cache/pgm failed their integrity check; they were rendered again" in log


def test_mkdocs_serve_dirty_shows_an_edit_on_every_page_that_shows_it(tmp_path: Path) -> None:
    import urllib.request

    from test_hardening_serve import _free_port, _rebuilds, _save, _until

    root = tmp_path / "work"
    docs = copy_example(root)
    log = tmp_path / "serve.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}

    def get(path: str) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:  # our own local server
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                   cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _until(lambda: "2027-03-31" in get("programs/ecommerce/"), "mkdocs serve to answer with the program page")
            builds = _rebuilds(log)
            path = docs / "projects" / "ecom-checkout.md"
            _save(path, path.read_bytes().replace(b"end: 2027-03-31", b"end: 2027-09-30"))
            _until(lambda: _rebuilds(log) > builds, "the rebuild after the edit")
            for page in ("projects/ecom-checkout/", "programs/ecommerce/", "governance/raid/", ""):
                assert "2027-09-30" in get(page), page
            assert "Traceback" not in log.read_text(errors="replace")
        finally:
            process.kill()
            process.wait(timeout=30)


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        '{"format":"1","html":"<p>x</p>","headings":[["h2","a","b"]]}',
        '{"format":"1","html":"<p>x</p>","headings":[[9,"a","b"]]}',
        '{"format":"1","html":"<p>x</p>","headings":"none"}',
        '{"format":"1","html":42,"headings":[]}',
        '{"format":"0","html":"<p>x</p>","headings":[]}',
        '["a list"]',
    ],
)
def test_a_malformed_cache_entry_is_a_miss_not_a_crash(tmp_path: Path, body: str) -> None:
    import hashlib

    from mkdocs_pgm.core.cache import FragmentCache

    key = "ab" * 16
    path = tmp_path / "fragments" / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True)
    path.write_text(hashlib.sha256(f"{key}\n{body}".encode()).hexdigest() + "\n" + body, encoding="utf-8")
    cache = FragmentCache(tmp_path)
    assert cache.fragment(key) is None
    assert cache.stats.misses == 1


def test_a_cache_entry_round_trips(tmp_path: Path) -> None:
    from mkdocs_pgm.core.cache import FragmentCache
    from mkdocs_pgm.core.views.render import Fragment, Heading

    fragment = Fragment('<h2 id="pgm-risks">Risks ≥ 15 · “quoted”</h2>', [Heading(2, "pgm-risks", "Risks ≥ 15 · “quoted”")])
    FragmentCache(tmp_path).put_fragment("cd" * 16, fragment)
    again = FragmentCache(tmp_path)
    assert again.fragment("cd" * 16) == fragment
    assert (again.stats.disk, again.stats.misses) == (1, 0)
    incomplete = Fragment("<p>no diagram</p>", [], complete=False)
    FragmentCache(tmp_path).put_fragment("ef" * 16, incomplete)
    assert FragmentCache(tmp_path).fragment("ef" * 16) is None


@pytest.mark.parametrize(
    "html",
    ["<script>", "< SCRIPT >", '<img src=x ONERROR="a">', '<a href="JavaScript:alert(1)">', "<svg/onload=1>",
     "<a href = data:text/html,x>", "<p x='1'onclick='a'>", "<iframe srcdoc=x>", "</script>", "<META http-equiv=refresh>"],
)
def test_cached_html_that_could_run_script_is_never_safe(html: str) -> None:
    from mkdocs_pgm.core.cache import is_safe_html

    assert not is_safe_html(f'<div class="pgm">{html}</div>')


def test_what_the_templates_write_is_safe() -> None:
    from mkdocs_pgm.core.cache import is_safe_html

    assert is_safe_html('<p class="pgm-x" data-pgm-conditions="a">Conditions apply; done = 5 · data: <a href="x.json">JSON</a></p>')


def test_every_fragment_keeps_latin1_text_one_byte_per_character() -> None:
    """MkDocs keeps every page's HTML until the build ends; one arrow would double a page's memory.

    On the example's pages made Latin-1, every fragment is Latin-1 too: its arrows, bullets
    and dashes are character references, which every parser decodes.
    """
    assert narrow("a → b · c") == "a &#8594; b · c" and unescape(narrow("a → b · c")) == "a → b · c"
    pages = {p.relative_to(EXAMPLE).as_posix(): p.read_text(encoding="utf-8").encode("latin-1", "replace").decode("latin-1")
             for p in EXAMPLE.rglob("*.md")}
    registry = registry_of(pages)
    analysis = analyze(registry)
    today = dt.date(2026, 11, 20)
    renderer = Renderer(registry, lambda s: s.removesuffix(".md") + "/" if s else None, today=today, analysis=analysis,
                        findings=find(registry, today, analysis=analysis))
    wide = []
    for entity in registry.entities:
        for name in ("card", "sections"):
            fragment = renderer.render(Directive(name, (), 0), PageRef("x/", entity.src_uri, entity))
            assert fragment is not None
            wide += [(entity.id, name)] if max(map(ord, fragment.html)) > 255 else []
    for name, spec in DIRECTIVES.items():
        if not spec.entity:
            fragment = renderer.render(Directive(name, (), 0), PageRef("governance/x/", "governance/x.md", None, "u"))
            assert fragment is not None
            wide += [(name, "")] if max(map(ord, fragment.html)) > 255 else []
    assert not wide, wide
    assert len(registry.entities) > 10


# ------------------------------------------------------------------ analyses that span pages
#
# Float and critical chains, over-allocation, escalation paths, forum checks and earned-value
# roll-ups on one page come from other pages. Each edit below changes such a value on a page
# it does not touch: the in-process check renders every entity page before and after and asks
# that each page whose HTML changed has a new fingerprint; the build test asks that
# ``mkdocs build --dirty`` then writes what a clean build writes.

#: Applied before the first build: two risks at the threshold, escalated to the portfolio board,
#: so that the next step comes from the portfolio's path.
SETUP = [
    ("projects/store-click-collect.md", "    probability: 4\n    impact: 3\n", "    probability: 4\n    impact: 4\n    escalated: Portfolio board\n"),
]


@dataclasses.dataclass(frozen=True)
class CrossEdit:
    name: str
    edits: list[tuple[str, str, str]]
    shows: str | None
    """The page (src_uri) whose content the edit changes without being edited (None: none, only diagnostics)."""
    before: str = ""
    """Text in that page's article before the edit (and not after)."""
    after: str = ""
    """Text in it after the edit (and not before)."""
    keeps: tuple[str, ...] = ()
    """Pages that show nothing the edit changes: their fingerprint stays."""
    warns: str = ""
    """A diagnostic the edit brings in (on a page it does not touch), as the build log prints it."""


CROSS_EDITS = [
    # (a) Two hops away: ECOM-CATALOG (PRG-ECOM) starts ten days later; the storefront starts with it (start-to-start,
    # 2026-01-12 + 10 = 2026-01-22 instead of 2026-01-19: 3 days later), so its float in PRG-STORE's scope, shown on
    # that program's page, drops from 7 days to 4. Nothing links PRG-STORE's page to ECOM-CATALOG but the analysis.
    CrossEdit("float-two-hops", [("projects/ecom-catalog.md", "\nstart: 2026-01-12", "\nstart: 2026-01-22")], "programs/store-experience.md",
              before='2026-01-19 &#8594; 2027-04-30</td> <td class="pgm-nowrap">7 days</td>',
              after='2026-01-22 &#8594; 2027-05-03</td> <td class="pgm-nowrap">4 days</td>'),
    # (a) ECOM-CHECKOUT (PRG-ECOM) ends three weeks earlier: click & collect (PRG-STORE) is then driven by the
    # storefront's go-live (lag -7 days), which joins PRG-STORE's critical chain (its float there drops to 0).
    CrossEdit("float", [("projects/ecom-checkout.md", "end: 2027-03-31", "end: 2027-03-10")], "programs/store-experience.md",
              before='<tbody><tr class="pgm-cpm-row pgm-cpm-row--critical"><td><a class="pgm-ref" href="../../projects/ecom-checkout/"',
              after='<tr class="pgm-cpm-row pgm-cpm-row--critical"><td><a class="pgm-ref" href="../../projects/ecom-storefront/"'),
    # (b) Marco Bianchi, 100 % on ECOM-CHECKOUT, also gives 20 % to DATA-GOVERNANCE (another program): 120 %.
    CrossEdit("over-allocation", [("projects/data-governance.md", "\nbudget:", "\nteam:\n  - {name: Marco Bianchi, role: reviewer, allocation: 20}\nbudget:")],
              "projects/ecom-checkout.md", before='Marco Bianchi</th>', after='Marco Bianchi <strong class="pgm-load-over">',
              keeps=("projects/iam-sso.md", "decisions/0003-lakehouse-open-table-format.md")),
    # ... and spelled in capitals on a page read before his own: every table shows the first spelling met.
    CrossEdit("person-name", [("projects/data-governance.md", "\nbudget:", "\nteam:\n  - {name: MARCO BIANCHI, role: reviewer, allocation: 0}\nbudget:")],
              "programs/ecommerce.md", before="Marco Bianchi</th>", after="MARCO BIANCHI</th>"),
    # (c) The portfolio's last step is renamed: RSK-CC-1, at the portfolio board, now goes to the new step.
    CrossEdit("escalation", [("index.md", "    - Executive committee\n  risk_threshold", "    - Group executive board\n  risk_threshold")],
              "programs/store-experience.md", before="Executive committee", after="Group executive board"),
    # (d) PRG-ECOM's "Design authority" is renamed: three decisions name a forum it no longer has. No page
    # shows the check; every build, dirty or not, reports it.
    CrossEdit("forum", [("programs/ecommerce.md", "    - name: Design authority", "    - name: Architecture board")], None,
              keeps=("decisions/0003-lakehouse-open-table-format.md",),
              warns="decisions/0002-server-side-rendering-on-containers.md:12: forum: 'Design authority' is not a forum of PRG-ECOM or PF-DIGITAL"),
    # (e) ECOM-SEARCH (budget 480,000) reports 20 points more progress, ECOM-CHECKOUT 100,000 more cost: the
    # program's earned value grows by 96,000 and its actual cost by 100,000, so CV = EV - AC goes from
    # -368,500 to -372,500 EUR.
    CrossEdit("earned-value", [("projects/ecom-search.md", "progress: 5", "progress: 25"),
                               ("projects/ecom-checkout.md", "  actual: 720000", "  actual: 820000")],
              "programs/ecommerce.md", before="-368&#8239;500 EUR<", after="-372&#8239;500 EUR<"),
]


def example_pages() -> dict[str, str]:
    pages = {p.relative_to(EXAMPLE).as_posix(): p.read_text(encoding="utf-8") for p in EXAMPLE.rglob("*.md")}
    return apply(pages, SETUP)


def apply(pages: dict[str, str], edits: list[tuple[str, str, str]]) -> dict[str, str]:
    out = dict(pages)
    for src_uri, old, new in edits:
        assert old in out[src_uri], (src_uri, old)
        out[src_uri] = out[src_uri].replace(old, new, 1)
    return out


def rendered(pages: dict[str, str]) -> dict[str, tuple[str, bytes | None]]:
    """Every entity page's card and sections (diagrams as their DOT source), and its fingerprint."""
    from mkdocs_pgm.core.diagrams.graphviz import Result
    from mkdocs_pgm.core.incremental import Fingerprints

    def url(src_uri: str) -> str:
        return src_uri.removesuffix(".md").removesuffix("index") + ("/" if not src_uri.endswith("index.md") else "")

    registry = registry_of(pages)
    analysis = analyze(registry)
    today = dt.date(2026, 11, 20)
    renderer = Renderer(registry, url, today=today, analysis=analysis, findings=find(registry, today, analysis=analysis),
                        draw=lambda graphs: {g.name: Result(g.source) for g in graphs})
    fingerprints = Fingerprints(registry, analysis, {s: url(s) for s in pages}, b"salt", diagram_depth=2)
    out = {}
    for entity in registry.entities:
        if not entity.virtual:
            page = PageRef(url(entity.src_uri), entity.src_uri, entity)
            html = "".join(renderer.render(Directive(name, (), 0), page).html for name in ("card", "sections"))  # type: ignore[union-attr]
            out[entity.src_uri] = (html, fingerprints.page(entity.src_uri, directives=["card", "sections"]))
    return out


def stale_pages(before: dict[str, tuple[str, bytes | None]], after: dict[str, tuple[str, bytes | None]]) -> list[str]:
    """Pages whose HTML changed but whose fingerprint did not: ``--dirty`` would leave them stale."""
    return [page for page in after if page in before and after[page][0] != before[page][0] and after[page][1] == before[page][1]]


@pytest.mark.parametrize("case", CROSS_EDITS, ids=lambda c: c.name)
def test_a_value_derived_from_other_pages_changes_the_fingerprint_of_the_page_that_shows_it(case: CrossEdit) -> None:
    pages = example_pages()
    before = rendered(pages)
    after = rendered(apply(pages, case.edits))
    if case.shows is not None:
        assert case.shows not in {src for src, _, _ in case.edits}
        old, new = before[case.shows][0], after[case.shows][0]
        gone, came = case.before in old and case.before not in new, case.after in new and case.after not in old
        assert gone and came, (case.before, case.after)
    stale = stale_pages(before, after)
    assert not stale
    for page in case.keeps:  # precise: a page that shows nothing of it keeps its fingerprint
        same = after[page][1] == before[page][1]
        assert same, page


def test_fingerprints_follow_random_edits_of_dates_teams_costs_and_risks() -> None:
    pages = example_pages()
    before = rendered(pages)
    rng = random.Random(14)
    patterns = [
        (r"(?m)^(  (?:- )?(?:end|start|date): |  end: |    date: )\d{4}-\d\d(?:-\d\d)?$", lambda m: f"{m.group(1)}20{rng.randint(26, 28)}-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}"),
        (r"allocation: \d+", lambda m: f"allocation: {rng.choice([0, 10, 30, 60, 100])}"),
        (r"(?m)^  - \{name: [^,]+", lambda m: f"  - {{name: {rng.choice(['Marco Bianchi', 'ELENA ROSSI', 'Mei Chen', 'jakob lund'])}"),
        (r"(?m)^progress: \d+", lambda m: f"progress: {rng.randint(0, 100)}"),
        (r"(?m)^  (actual|planned): \d+", lambda m: f"  {m.group(1)}: {rng.randint(1, 20) * 100000}"),
        (r"(?m)^    (probability|impact): \d", lambda m: f"    {m.group(1)}: {rng.randint(1, 5)}"),
        (r"(?m)^  risk_threshold: \d+", lambda m: f"  risk_threshold: {rng.randint(5, 20)}"),
        (r"(?m)^    - (Portfolio board|Executive committee|Program steering review|Data steering review)$",
         lambda m: f"    - {rng.choice(['Portfolio board', 'Executive committee', 'Steering group'])}"),
        (r"(?m)^    lag_days: -?\d+", lambda m: f"    lag_days: {rng.randint(-20, 20)}"),
    ]
    stale = []
    for round_ in range(16):
        edited = dict(pages)
        for _ in range(2):
            src_uri = rng.choice(sorted(p for p in pages if "/" in p or p == "index.md"))
            found = [(m, make) for pattern, make in patterns for m in re.finditer(pattern, edited[src_uri])]
            if found:
                match, make = rng.choice(found)
                text = edited[src_uri]
                edited[src_uri] = text[:match.start()] + make(match) + text[match.end():]
        after = rendered(edited)
        stale += [(round_, page) for page in stale_pages(before, after)]
    assert not stale


def test_dirty_builds_follow_analyses_that_span_pages(tmp_path: Path) -> None:
    root = tmp_path / "work"
    docs = copy_example(root)
    for src_uri, old, new in SETUP:
        edit(docs / src_uri, old, new)
    build(root)
    previous = articles(root / "site")
    for n, case in enumerate(CROSS_EDITS):
        for src_uri, old, new in case.edits:
            edit(docs / src_uri, old, new)
        dirty_log = build(root, "--dirty")
        clean = tmp_path / f"clean{n}"
        shutil.copytree(docs, clean / "docs")
        shutil.copy(root / "mkdocs.yml", clean / "mkdocs.yml")
        clean_log = build(clean)
        expected = articles(clean / "site")
        got = articles(root / "site")
        if case.shows is not None:
            shows = case.shows.removesuffix(".md").removesuffix("index") + ("/index.html" if not case.shows.endswith("index.md") else "index.html")
            came = case.after in expected[shows] and case.after not in previous[shows]
            assert came, case.name
        differ = [page for page in expected if got.get(page) != expected[page]]
        assert not differ, f"{case.name}: stale pages {differ}"
        # Diagnostics about other pages (a decision's forum) are reported by every build, dirty or not.
        assert pgm_warnings(dirty_log) == pgm_warnings(clean_log), case.name
        if case.warns:
            assert any(case.warns in line for line in pgm_warnings(dirty_log)), case.warns
        previous = expected


def pgm_warnings(log: str) -> list[str]:
    return sorted(line.split("-", 1)[-1].strip() for line in log.splitlines() if line.startswith("WARNING") and ".md:" in line)




def test_a_dirty_build_after_a_commit_shows_the_new_slip(tmp_path: Path) -> None:
    """History from git is part of what a page shows: a commit that moves an end date shows, after
    ``--dirty``, on the project's slip history and on the changes since, as in a clean build."""
    root = tmp_path / "work"
    docs = copy_example(root)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, capture_output=True)
    commit(root, "2026-11-01", "The portfolio", {})
    build(root)
    site = root / "site"
    assert "pgm-slips" not in articles(site)["projects/ecom-checkout/index.html"]

    edit(docs / "projects" / "ecom-checkout.md", "end: 2027-03-31", "end: 2027-05-31")
    commit(root, "2026-11-10", "Checkout moves two months", {})
    expected = dirty_matches_clean(root, tmp_path)
    page = expected["projects/ecom-checkout/index.html"]
    assert 'id="pgm-slips"' in page and "Checkout moves two months" in page and "+61" in page
    assert "Checkout moves two months" in expected["governance/changes-since/index.html"]


def _team_export(end: str, risk: str) -> str:
    """Another site's pgm.json: one project that depends on the example's checkout, with a risk."""
    from mkdocs_pgm.core.exports.formats import content_hash

    front = {"program": "ECOMMERCE", "owner": "Mo", "status": "active", "health": "amber", "start": "2026-09-01", "end": end,
             "depends_on": [{"id": "ECOM-CHECKOUT"}]}
    entry = {"id": "R-TEAM", "title": risk, "probability": 4, "impact": 5, "owner": "Mo"}
    document = {
        "$schema": "https://mkdocs-pgm.invalid/schema/export-v1.json", "version": "1.1",
        "generated": {"today": "2026-11-20", "site_url": "https://team.example.test/"},
        "entities": [{"id": "TEAM-APP", "type": "project", "title": "Team app", "virtual": False, "source": None,
                      "src_uri": "app.md", "path": "app/", "front_matter": front,
                      "entries": [{"kind": "risk", "id": "R-TEAM", "front_matter": entry}]}],
        "schedule": {}, "people": [], "findings": [], "diagnostics": [],
    }
    document["content_hash"] = content_hash(document)
    return json.dumps(document)


def test_a_dirty_build_after_a_source_changed_shows_its_new_data(tmp_path: Path) -> None:
    """Another site's data is part of what pages show: when its pgm.json changes, ``--dirty`` builds
    again every page that shows it (its program, the registers, the dependent project's diagram), as a clean build."""
    root = tmp_path / "work"
    copy_example(root)
    (root / "mkdocs.yml").write_text(CONFIG.replace("{today: 2026-11-20}", "{today: 2026-11-20, sources: [{name: team, url: team.json}]}"),
                                     encoding="utf-8")
    (root / "team.json").write_text(_team_export("2027-02-26", "Store API quota"), encoding="utf-8")
    build(root)
    site = root / "site"
    before = mtimes(site)
    assert "Store API quota" in articles(site)["governance/raid/index.html"]

    (root / "team.json").write_text(_team_export("2027-06-30", "App store review delays"), encoding="utf-8")
    expected = dirty_matches_clean(root, tmp_path)
    rebuilt = {page for page, mtime in mtimes(site).items() if mtime != before.get(page)}
    for page in ("governance/raid/index.html", "programs/ecommerce/index.html", "projects/ecom-checkout/index.html"):
        assert page in rebuilt, page
    assert "App store review delays" in expected["governance/raid/index.html"]
    assert "Store API quota" not in expected["governance/raid/index.html"]
    assert "https://team.example.test/app/" in expected["projects/ecom-checkout/index.html"]
    assert "decisions/0003-lakehouse-open-table-format/index.html" not in rebuilt
