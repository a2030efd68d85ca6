"""Incremental builds: ``mkdocs build --dirty`` after an edit shows the same data as a clean build,
rebuilds only the pages that show what changed, and a warm build renders nothing twice.

Each build is a ``mkdocs build`` in its own process (as in CI and on a laptop), on a
copy of the example portfolio of the docs. Pages are compared by their article (the
page's own content: card, sections, registers, diagrams, ``[[ID]]`` links); MkDocs'
navigation and search index are not compared, since ``--dirty`` leaves them stale by
design (MkDocs warns about it).
"""

from __future__ import annotations

import datetime as dt
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

from helpers import registry_of

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
