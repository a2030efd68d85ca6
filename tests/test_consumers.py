"""Complete pages for every consumer: by the end of MkDocs' page-content phase, ``page.content``
holds the final HTML of the card, sections, registers, roadmaps and diagrams, so other plugins
(print-site, minifiers, i18n, a hook of the site's own) and both search indexes see all of it,
and no marker of the plugin ever reaches them or the output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import BuiltSite, SiteBuilder
from helpers import page

PAGES = {
    "portfolio/index.md": page("type: portfolio", "id: PF", "title: Digital portfolio", "owner: Dana Okafor"),
    "programs/shop.md": page(
        "type: program", "id: PRG-SHOP", "title: Online shop", "owner: Olga Berg", "portfolio: PF",
        "governance: {risk_threshold: 12}",
        "decisions:",
        "  - {id: DEC-SHOP-1, title: Pick a PSP, status: proposed, date: 2026-09-01, decision_makers: [Olga Berg]}",
    ),
    "programs/data.md": page("type: program", "id: PRG-DATA", "title: Data platform", "owner: Dan Reyes", "portfolio: PF"),
    "projects/checkout.md": page(
        "type: project", "id: CHECKOUT", "title: Checkout", "owner: Zoltan Varga", "program: PRG-SHOP", "status: active",
        "start: 2026-01-01", "end: 2027-03-31", "depends_on: [SEARCH, LAKE]",
        "milestones:",
        "  - {id: go-live, title: Go live, date: 2027-01-15}",
        "risks:",
        "  - {id: R-PSP, title: PSP delay, probability: 4, impact: 4, owner: Ravi Menon, mitigation: a second provider}",
        "decisions:",
        "  - {id: DEC-CHK, title: Re-baseline the checkout, status: accepted, date: 2026-10-05}",
        body="# Checkout\n\nThe new checkout.\n",
    ),
    "projects/search.md": page(
        "type: project", "id: SEARCH", "title: Search", "owner: Sam Lee", "program: PRG-SHOP", "status: planned",
        "start: 2026-03-01", "end: 2026-06-30",
    ),
    "projects/lake.md": page(
        "type: project", "id: LAKE", "title: Lakehouse", "owner: Lin Chen", "program: PRG-DATA", "status: active",
        "start: 2026-02-01", "end: 2027-02-28",
        "risks:",
        "  - {id: R-SKILLS, title: Skills gap, probability: 4, impact: 4, owner: Lin Chen}",
    ),
    "decisions/0001-kafka.md": page(
        "type: decision", "id: DEC-0001", "title: Run Kafka ourselves", "status: superseded by DEC-0002", "date: 2025-05-01",
        "scope: PRG-DATA",
    ),
    "decisions/0002-managed.md": page(
        "type: decision", "id: DEC-0002", "title: Use managed streaming", "status: accepted", "date: 2026-02-01",
        "scope: LAKE", "supersedes: [DEC-0001]", "decision_makers: [Dan Reyes, Lin Chen]",
    ),
}
# Every page starts with its title (print-site warns about a page without a leading h1).
PAGES = {src: text if "\n# " in text else text + f"# {re.search(r'^title: (.+)$', text, re.M).group(1)}\n"  # type: ignore[union-attr]
         for src, text in PAGES.items()}

PGM = {"pgm": {"today": "2026-11-21"}}

#: A hook of the site's own: what page.content holds after every plugin's on_page_content
#: (the plugin's runs early) and when the page's template context is made.
HOOK = '''
import json
import os

from mkdocs.plugins import event_priority

SEEN = {}


@event_priority(-100)
def on_page_content(html, page, config, files):
    SEEN.setdefault(page.file.src_uri, {})["content"] = html


@event_priority(100)
def on_page_context(context, page, config, nav):
    SEEN.setdefault(page.file.src_uri, {})["context"] = page.content


def on_post_build(config):
    with open(os.path.join(os.path.dirname(config.config_file_path), "seen.json"), "w", encoding="utf-8") as out:
        json.dump(SEEN, out)
'''


def _no_markers(site: BuiltSite) -> None:
    """No output file holds a marker of the plugin (any ``<!-- pgm:`` comment)."""
    checked = 0
    for path in site.site_dir.rglob("*"):
        if path.suffix == ".html" or path.name == "search_index.json":
            text = path.read_text(encoding="utf-8")
            checked += 1
            for marker in ("pgm:slot", "pgm:diagram", "<!-- pgm:", "&lt;!-- pgm:", "\\u003c!-- pgm:"):
                assert marker not in text, (marker, path.relative_to(site.site_dir))
    assert checked > 10


def _diagram_svgs(html: str) -> int:
    return len(re.findall(r'<div class="?pgm-dg"?[\s>][^>]*>?\s*<svg', html))


def test_the_print_page_holds_every_roadmap_register_and_diagram(build_site: SiteBuilder, tmp_path: Path) -> None:
    site = build_site(tmp_path, PAGES, {"plugins": ["search", PGM, "print-site"]})
    assert site.warnings == []
    printed = site.read("print_page/index.html")
    assert "pgm:slot" not in printed and "pgm:diagram" not in printed
    # The portfolio roadmap (generated page) and the programs' and projects' roadmaps.
    assert printed.count('<svg class="pgm-rm') >= 3
    assert "Today 2026-11-21" in printed
    # The RAID register and the decision log, as tables and entries.
    assert "pgm-register" in printed and "Skills gap" in printed and "PSP delay" in printed
    assert re.search(r'<h2 id="[^"]*log-dec-0002"', printed), "the decision log's entries"
    assert "Use managed streaming" in printed and "Re-baseline the checkout" in printed
    # Dependency diagrams laid out by Graphviz: the projects', the programs' and the overview page's.
    assert _diagram_svgs(printed) >= 4
    _no_markers(site)


def test_a_minified_site_is_complete(build_site: SiteBuilder, tmp_path: Path) -> None:
    site = build_site(tmp_path, PAGES, {"plugins": ["search", PGM, {"minify": {"minify_html": True}}]})
    assert site.warnings == []
    checkout = site.html("projects/checkout.md")
    assert "\n\n" not in checkout  # minified
    assert _diagram_svgs(checkout) == 1
    for section in ("pgm-milestones", "pgm-raid", "pgm-decisions", "pgm-dependencies"):
        assert re.search(rf"id=\"?{section}\b", checkout), section
    assert "PSP delay" in checkout and "Go live" in checkout
    program = site.html("programs/shop.md")
    assert _diagram_svgs(program) == 1 and "pgm-rm" in program
    raid = site.html("governance/raid.md")
    assert "Skills gap" in raid and "PSP delay" in raid
    _no_markers(site)


def test_other_plugins_see_the_final_html_in_page_content(build_site: SiteBuilder, tmp_path: Path) -> None:
    (tmp_path / "hooks.py").write_text(HOOK, encoding="utf-8")
    site = build_site(tmp_path, PAGES, {"plugins": ["search", PGM], "hooks": ["hooks.py"]})
    assert site.warnings == []
    seen: dict[str, dict[str, Any]] = json.loads((tmp_path / "seen.json").read_text(encoding="utf-8"))
    for event in ("content", "context"):
        checkout = seen["projects/checkout.md"][event]
        assert "pgm-card" in checkout and 'id="pgm-milestones"' in checkout and 'id="pgm-raid"' in checkout, event
        assert _diagram_svgs(checkout) == 1, event
        assert '<svg class="pgm-rm' in seen["programs/shop.md"][event], event
        assert "Skills gap" in seen["governance/raid.md"][event], event
        assert 'id="log-dec-0002"' in seen["governance/decisions.md"][event], event
        assert _diagram_svgs(seen["governance/dependencies.md"][event]) >= 2, event
        for src_uri, contents in seen.items():
            assert "<!-- pgm:" not in contents[event], (src_uri, event)
    _no_markers(site)


def _index(site: BuiltSite) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = site.json("search/search_index.json")["docs"]
    return docs


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_labels_and_values_are_separate_words_in_search(build_site: SiteBuilder, tmp_path: Path, theme: str) -> None:
    site = build_site(tmp_path, PAGES, {"plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}, theme=theme)
    docs = _index(site)
    text = " ".join(doc["text"] for doc in docs if doc["location"].split("#")[0] == site.url("projects/checkout.md"))
    assert re.search(r"\bOwner\b\W+Zoltan\b", text), text[:400]
    assert "OwnerZoltan" not in text
    portfolio = " ".join(doc["text"] for doc in docs if doc["location"].split("#")[0] == site.url("portfolio/index.md"))
    assert re.search(r"\bOwner\b\W+Dana\b", portfolio) and "OwnerDana" not in portfolio
    # Table cells: the RAID register's risk, score and owner are words of their own.
    raid = " ".join(doc["text"] for doc in docs if doc["location"].split("#")[0] == site.url("governance/raid.md"))
    assert re.search(r"\bSkills gap\b", raid) and re.search(r"\bLin Chen\b", raid)
    assert not re.search(r"[a-z]Lin Chen|Lin Chen[A-Za-z0-9]", raid), raid[:600]
    _no_markers(site)


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_no_search_result_is_duplicated(build_site: SiteBuilder, tmp_path: Path, theme: str) -> None:
    site = build_site(tmp_path, PAGES, {"plugins": ["search", PGM]}, theme=theme)
    locations = [doc["location"] for doc in _index(site)]
    assert sorted(loc for loc in set(locations) if locations.count(loc) > 1) == []
    # The decision log's entries are results (made by the search plugin from their headings) …
    assert f"{site.url('governance/decisions.md')}#log-dec-0002" in locations
    # … and so are the nested entries, on their own anchors.
    assert f"{site.url('projects/checkout.md')}#risk-r-psp" in locations
    # The drawings' text is in neither index (the same data is in the tables next to them).
    assert not any("Today 2026-11-21" in doc["text"] for doc in _index(site))
