"""Steering packs: one generated page per program (``governance/steering/ID/``) holding
``<!-- pgm:steering program=ID -->``, made to be printed before a forum.

The fixture portfolio, by hand (today 2026-11-21):

* PRG-ECOM, threshold 12. Its risks: R-HIGH 4 × 4 = 16 (open: escalate), R-LOW 2 × 2 = 4.
  Its project SHOP: issue I-HIGH, impact 3 → 15 (in progress: escalate), I-DONE resolved.
  So the pack's risks to escalate are R-HIGH (16) then I-HIGH (15).
* Decisions awaiting one (``proposed``), oldest first: the page DEC-0001 (scope SHOP, 2026-09-01),
  then the program's entry DEC-OPEN (2026-10-01); DEC-DONE is accepted.
* Change requests of SHOP: CR-1 requested (+20 days, 5,000), CR-2 approved: only CR-1 is to approve.
* SHOP: end 2026-12-31 against baseline end 2026-11-30: +31 days.
* PRG-EVIL: a hostile title, no threshold, no decision, no change request.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from mkdocs_pgm.core.directives import DIRECTIVES, steering_markdown, steering_slug
from mkdocs_pgm.core.i18n import locale_for
from mkdocs_pgm.core.model.markdown_scan import Directive
from mkdocs_pgm.core.views.render import Renderer

from helpers import page, registry_of

HOSTILE = '<script>alert(1)</script> [x](javascript:alert(2)) *b* {: onclick=alert(3) } & "q" </title><img src=x onerror=alert(4)> #'

PAGES = {
    "index.md": "# Home\n",
    "programs/ecom.md": page(
        "type: program", "id: PRG-ECOM", "title: E-commerce", "owner: Dana", "status: active", "health: amber",
        "governance:",
        "  forums: [{name: Steering review, cadence: monthly}]",
        "  escalation: [Dana, Steering review]",
        "  risk_threshold: 12",
        "risks:",
        "  - {id: R-HIGH, title: Vendor insolvency, probability: 4, impact: 4, owner: Dana, mitigation: Second vendor}",
        "  - {id: R-LOW, title: Minor, probability: 2, impact: 2}",
        "decisions:",
        "  - {id: DEC-OPEN, title: Pick a payment provider, status: proposed, date: 2026-10-01, forum: Steering review, decision_makers: [Dana]}",
        "  - {id: DEC-DONE, title: Go headless, status: accepted, date: 2026-05-01}",
        body="Body.\n",
    ),
    "programs/evil.md": page("type: program", "id: PRG-EVIL", f"title: {json.dumps(HOSTILE)}", "owner: Eve"),
    "projects/shop.md": page(
        "type: project", "id: SHOP", "title: Shop", "program: PRG-ECOM", "owner: Sam", "status: active", "health: amber",
        "start: 2026-01-01", "end: 2026-12-31", "baseline: {end: 2026-11-30}", "progress: 40",
        "issues:",
        "  - {id: I-HIGH, title: Refunds fail, impact: 3, status: in-progress, owner: Sam}",
        "  - {id: I-DONE, title: Outage, impact: 5, status: resolved}",
        "changes:",
        "  - {id: CR-1, title: Add gift cards, status: requested, raised: 2026-11-01, impact: {schedule_days: 20, cost: 5000, scope: gift cards}}",
        "  - {id: CR-2, title: Drop wishlists, status: approved}",
    ),
    "decisions/0001.md": page("type: decision", "id: DEC-0001", "title: Host on containers", "status: proposed", "scope: SHOP", "date: 2026-09-01"),
}
OPTIONS = {"today": "2026-11-21", "diagrams": False}
SECTIONS = ["Summary and KPIs", "Roadmap", "What changed since the last forum", "Risks to escalate",
            "Decisions awaiting a decision", "Change requests to approve"]
ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>|<div role="main"[^>]*>(.*?)<footer', re.S)


def config(theme: str = "material") -> dict[str, Any]:
    return {"theme": {"name": theme}, "plugins": ["search", {"pgm": OPTIONS}]}


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def section(html: str, ident: str) -> str:
    """The HTML from the heading ``ident`` to the next h2 of the pack."""
    start = html.index(f'id="{ident}"')
    end = html.find("<h2 ", start)
    return html[start:end if end >= 0 else len(html)]


def ids(html: str) -> list[str]:
    return re.findall(r'<tr data-pgm-id="([^"]+)"', html)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        #: Active content: an element with an ``on*`` attribute or a ``javascript:`` value, a script calling ``alert``.
        self.active: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href") is not None:
            self.hrefs.append(found["href"] or "")
        if any(k.startswith("on") for k in found) or any((v or "").strip().lower().startswith("javascript:") for v in found.values()):
            self.active.append(tag)
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.active.append("script")


def parsed(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from conftest import SiteBuilder

    return SiteBuilder()(tmp_path_factory.mktemp("steering"), PAGES, config())


def pack(site: Any, ident: str) -> str:
    return site.html(f"governance/steering/{ident.lower()}.md")


def test_one_pack_per_program_each_with_every_section(built: Any) -> None:
    site = built
    assert site.warnings == []
    folder = site.site_dir / "governance" / "steering"
    assert sorted(p.name for p in folder.iterdir()) == ["prg-ecom", "prg-evil"]
    for ident in ("PRG-ECOM", "PRG-EVIL"):
        html = pack(site, ident)
        assert re.findall(r'<h2 id="pgm-steering-[a-z-]+">([^<]*)</h2>', html) == SECTIONS, ident
        assert html.count('class="pgm pgm-steering"') == 1
    html = pack(site, "PRG-ECOM")
    assert text(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)) == "Steering pack: E-commerce"  # type: ignore[union-attr]
    assert "<title>Steering pack: E-commerce - Test</title>" in html
    summary = section(html, "pgm-steering-summary")
    assert 'class="pgm pgm-card pgm-card--program" data-pgm-id="PRG-ECOM"' in summary
    assert ids(summary) == ["SHOP"] and "+31 days" in text(summary)
    assert "Schedule variance" in text(summary) and "Strategic risk index" in text(summary)
    roadmap = section(html, "pgm-steering-roadmap")
    assert '<figure class="pgm pgm-roadmap" id="pgm-steering-roadmap-svg">' in roadmap and 'data-pgm-id="SHOP"' in roadmap
    assert 'class="pgm pgm-changes-since"' in section(html, "pgm-steering-changes")  # no git here: a sentence says so
    risks = section(html, "pgm-steering-risks")
    assert ids(risks) == ["R-HIGH", "I-HIGH"]
    assert "escalate to Steering review" in text(risks) and "score 16 ≥ threshold 12" in text(risks)
    assert ids(section(html, "pgm-steering-decisions")) == ["DEC-0001", "DEC-OPEN"]
    requests = section(html, "pgm-steering-change-requests")
    assert ids(requests) == ["CR-1"] and "+20 days" in text(requests) and "gift cards" in text(requests)
    # A program with nothing to escalate, decide or approve says so.
    evil = text(pack(site, "PRG-EVIL"))
    for said in ("No escalation threshold: set governance.risk_threshold on the program.", "No decision is waiting to be taken (proposed).",
                 "No change request awaits approval (requested)."):
        assert said in evil, said


def test_the_packs_are_in_the_navigation_and_linked_from_their_program(built: Any) -> None:
    site = built
    home = site.html("index.md")
    for ident in ("prg-ecom", "prg-evil"):
        assert f'href="governance/steering/{ident}/"' in home, ident
    card = re.search(r'<div class="pgm-card__steering">(.*?)</div>', site.html("programs/ecom.md"), re.S)
    assert card is not None and '<a href="../../governance/steering/prg-ecom/">Print or save as PDF</a>' in card.group(1)
    # Not on the pack itself: the card there does not link to its own page.
    assert "pgm-card__steering" not in pack(site, "PRG-ECOM")


def test_every_link_of_a_pack_leads_to_a_page_and_anchor_of_the_site(built: Any) -> None:
    site = built
    base = "http://site/" + site.url("governance/steering/prg-ecom.md")
    article = ARTICLE_RE.search(pack(site, "PRG-ECOM"))
    assert article is not None
    checked = 0
    for href in sorted(set(parsed(article.group(1) or article.group(2)).hrefs)):
        url = urlsplit(urljoin(base, href))
        if url.netloc != "site":
            continue
        target = site.site_dir / url.path.lstrip("/")
        target = target / "index.html" if url.path.endswith("/") else target
        assert target.is_file(), href
        if url.fragment:
            assert url.fragment in parsed(target.read_text(encoding="utf-8")).ids, href
        checked += 1
    assert checked >= 8, checked


def test_a_hostile_program_title_is_text_in_the_pack(built: Any) -> None:
    html = pack(built, "PRG-EVIL")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert heading is not None and unescape(heading.group(1)) == f"Steering pack: {HOSTILE}"
    assert parsed(html).active == []
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None and "<" not in title.group(1) and "alert(1)" in title.group(1)
    assert "<em>b</em>" not in html and "<img" not in html  # no emphasis, no image made of it


def test_the_page_markdown_escapes_html_and_markdown() -> None:
    markdown = steering_markdown("PRG-X", "a *b* [c](d) <e> & f", locale_for("de"))
    assert markdown == (
        '---\ntitle: "Lenkungsunterlage: a *b* [c](d) & f"\n---\n\n'
        "# Lenkungsunterlage: a \\*b\\* \\[c\\]\\(d\\) &lt;e&gt; &amp; f\n\n<!-- pgm:steering program=PRG-X -->\n"
    )
    assert steering_slug("PRG-Ecom.2") == "steering/prg-ecom.2"
    assert DIRECTIVES["steering"].page is None and set(DIRECTIVES["steering"].arguments) == {"program"}


def test_core_render_without_history_or_program() -> None:
    registry = registry_of(PAGES)
    renderer = Renderer(registry, lambda src: src.replace(".md", "/"))
    fragment = renderer.render(Directive("steering", (("program", ("prg-ecom",)),), 0), _page())
    assert fragment is not None
    assert [h.title for h in fragment.headings if h.level == 2] == SECTIONS
    assert "History is off" in text(fragment.html) or "pgm-changes-since" in fragment.html
    for args in ((), (("program", ("SHOP",)),), (("program", ("NOPE",)),)):
        empty = renderer.render(Directive("steering", args, 0), _page())
        assert empty is not None and empty.html == '<p class="pgm pgm-empty">A steering pack needs a program: <code>program=ID</code>.</p>', args


def _page() -> Any:
    from mkdocs_pgm.core.views.render import PageRef

    return PageRef("governance/steering/prg-ecom/", "governance/steering/prg-ecom.md")


def test_generate_writes_a_pack_per_program_for_hosts_without_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from mkdocs_pgm.cli import main

    _write(tmp_path, PAGES, {**OPTIONS, "history": False})
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "out"]) == 0, capsys.readouterr().err
    folder = tmp_path / "out" / "governance" / "steering"
    assert sorted(p.name for p in folder.iterdir()) == ["prg-ecom.md", "prg-evil.md"]
    written = (folder / "prg-ecom.md").read_text(encoding="utf-8")
    assert written.startswith('---\ntitle: "Steering pack: E-commerce"\n---\n\n# Steering pack: E\\-commerce\n\n\n<div class="pgm pgm-steering"')
    assert re.findall(r'<h2 id="pgm-steering-[a-z-]+">([^<]*)</h2>', written) == SECTIONS
    card = (tmp_path / "out" / "programs" / "ecom.md").read_text(encoding="utf-8")
    assert '<a href="../../governance/steering/prg-ecom/">Print or save as PDF</a>' in card


# ------------------------------------------------------------------ history and --dirty

GIT = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@e"}


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, **GIT}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _write(root: Path, pages: dict[str, str], options: dict[str, Any]) -> None:
    import yaml

    for name, content in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(content, encoding="utf-8")
    settings = {"site_name": "Steering", "theme": {"name": "material"}, "plugins": ["search", {"pgm": options}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


def _build(root: Path, *args: str) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def test_the_pack_lists_its_programs_changes_since_the_point(tmp_path: Path) -> None:
    root = tmp_path
    _write(root, PAGES, {**OPTIONS, "compare_to": "2026-10-01"})
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Start", date="2026-09-01T12:00:00Z")
    shop = (root / "docs/projects/shop.md").read_text(encoding="utf-8")
    (root / "docs/projects/shop.md").write_text(shop.replace("end: 2026-12-31", "end: 2027-01-31"), encoding="utf-8")
    _git(root, "commit", "-q", "-am", "Shop slips a month", date="2026-11-10T12:00:00Z")
    _build(root)
    ecom = (root / "site/governance/steering/prg-ecom/index.html").read_text(encoding="utf-8")
    changes = section(ecom, "pgm-steering-changes")
    assert re.search(r'<tr data-pgm-change="slipped" data-pgm-id="SHOP">', changes), text(changes)[:400]
    assert "Shop slips a month" in text(changes) and "+31 days" in text(changes)
    evil = (root / "site/governance/steering/prg-evil/index.html").read_text(encoding="utf-8")
    assert "data-pgm-change" not in section(evil, "pgm-steering-changes")  # another program's changes are not its


def test_a_dirty_build_after_an_edit_updates_the_pack(tmp_path: Path) -> None:
    root = tmp_path
    _write(root, PAGES, {**OPTIONS, "history": False})
    _build(root)
    target = root / "site/governance/steering/prg-ecom/index.html"
    other = root / "site/governance/steering/prg-evil/index.html"
    assert "+31 days" in target.read_text(encoding="utf-8")
    shop = root / "docs/projects/shop.md"
    shop.write_text(shop.read_text(encoding="utf-8").replace("end: 2026-12-31", "end: 2027-01-30"), encoding="utf-8")
    stat = shop.stat()
    os.utime(shop, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    before = other.stat().st_mtime_ns
    log = _build(root, "--dirty", "-v")
    assert re.search(r"\d+ pages show changed data and are built again", log)
    assert "+61 days" in target.read_text(encoding="utf-8")
    # The other program's pack shows nothing of SHOP: rendered again, found the same, left as it was.
    assert other.stat().st_mtime_ns == before


# ------------------------------------------------------------------ print (headless Chromium)


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_a_pack_prints_to_pdf_with_every_section(build_site: Any, tmp_path: Path, browser: Any, theme: str) -> None:
    from pypdf import PdfReader

    from test_browser import _serve

    site = build_site(tmp_path, PAGES, config(theme))
    with _serve(site.site_dir) as base:
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.set_default_timeout(30_000)
        try:
            tab.goto(base + site.url("governance/steering/prg-ecom.md"))
            tab.emulate_media(media="print")
            shown = tab.evaluate("() => [...document.querySelectorAll('.pgm-steering h2')].map(h => h.textContent.trim())")
            hidden = tab.evaluate("() => [...document.querySelectorAll('.md-header, .md-sidebar, .navbar, footer')]"
                                  ".filter(e => getComputedStyle(e).display !== 'none').length")
            fits = tab.evaluate("() => { const svg = document.querySelector('.pgm-steering svg.pgm-rm');"
                                " return svg.getBoundingClientRect().right <= document.documentElement.clientWidth + 1; }")
            data = tab.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            tab.close()
    assert shown == SECTIONS and hidden == 0 and fits
    out = Path(__file__).resolve().parents[1] / "test-results" / "print"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{theme}-steering-pack.pdf").write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) >= 4, len(pages)  # the summary, then the roadmap, the changes, the risks and the decisions each start a page
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(842, 595)}, sizes  # A4 landscape
    everything = " ".join(pages)
    for expected in ("Steering pack: E-commerce", *SECTIONS, "Vendor insolvency", "Refunds fail", "Add gift cards", "Pick a payment provider"):
        assert expected in everything, expected
    for heading in ("Roadmap", "What changed since the last forum", "Risks to escalate", "Decisions awaiting a decision"):
        assert any(p.startswith(heading) for p in pages), (heading, [p[:40] for p in pages])
    assert "Home" not in pages[0].split("Steering pack")[0]  # nothing of the site's navigation before the title
