"""The catalog (``governance/catalog/``): every entity in one table, filterable in the browser.

The built page is checked row by row (data attributes, links, filter options,
escaping) under Material and MkDocs' theme; then ``catalog.js`` is driven in
Debian's Chromium (see ``test_browser.py``): filtering, the "N of M" count,
the filter kept in the query string across a reload and Material's instant
navigation, and the page without JavaScript.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils import get_relative_url

from test_browser import CHROMIUM_ARGS, _require_chromium, _serve

CATALOG = "governance/catalog.md"

HOSTILE_TITLE = 'Intranet <img src=x onerror="alert(1)">'
HOSTILE_OWNER = 'Ann "A" & <b>Co</b>'

FILES = {
    "index.md": "# Home\n\nEverything is in the [catalog](governance/catalog.md).\n",
    "portfolio.md": """
        ---
        type: portfolio
        id: PF-MAIN
        title: Main portfolio
        owner: Board
        ---
        """,
    "programs/shop.md": """
        ---
        type: program
        id: PRG-SHOP
        title: Online shop
        owner: Olga
        health: green
        tags: [retail]
        ---
        """,
    "programs/data.md": """
        ---
        type: program
        id: PRG-DATA
        title: Data platform
        owner: Dan
        status: on-hold
        ---
        """,
    "projects/checkout.md": """
        ---
        type: project
        id: CHECKOUT
        title: Checkout
        program: PRG-SHOP
        owner: Sofia Lee
        status: active
        health: red
        summary: Payments for the shop.
        tags: [payments, retail]
        ---
        """,
    "projects/search.md": """
        ---
        type: project
        id: SEARCH
        title: Search
        program: PRG-SHOP
        owner: Sam
        ---
        """,
    "projects/lake.md": """
        ---
        type: project
        id: LAKE
        title: Lakehouse
        program: PRG-DATA
        owner: sofia lee
        status: active
        health: amber
        ---
        """,
    "projects/intranet.md": """
        ---
        type: project
        id: INTRANET
        title: 'Intranet <img src=x onerror="alert(1)">'
        owner: 'Ann "A" & <b>Co</b>'
        summary: '<script>alert("summary")</script> for staff'
        tags: ['<i>x</i>']
        ---
        """,
    "decisions/0001.md": """
        ---
        type: decision
        id: DEC-0001
        title: Use managed streaming
        status: accepted
        date: 2026-02-01
        scope: LAKE
        ---
        """,
    "decisions/0002.md": """
        ---
        type: decision
        id: DEC-0002
        title: One cloud
        status: proposed
        date: 2026-06-01
        ---
        """,
}

#: id, data-type, data-status, data-health, data-owner, data-program, source page, program page: in table order.
EXPECTED = [
    ("PF-MAIN", "portfolio", "", "", "board", "", "portfolio.md", None),
    ("PRG-DATA", "program", "on-hold", "amber", "dan", "prg-data", "programs/data.md", "programs/data.md"),
    ("PRG-SHOP", "program", "active", "green", "olga", "prg-shop", "programs/shop.md", "programs/shop.md"),
    ("CHECKOUT", "project", "active", "red", "sofia lee", "prg-shop", "projects/checkout.md", "programs/shop.md"),
    ("INTRANET", "project", "planned", "green", HOSTILE_OWNER.lower(), "", "projects/intranet.md", None),
    ("LAKE", "project", "active", "amber", "sofia lee", "prg-data", "projects/lake.md", "programs/data.md"),
    ("SEARCH", "project", "planned", "green", "sam", "prg-shop", "projects/search.md", "programs/shop.md"),
    ("DEC-0002", "decision", "proposed", "", "", "", "decisions/0002.md", None),  # no scope: no program
    ("DEC-0001", "decision", "accepted", "", "", "prg-data", "decisions/0001.md", "programs/data.md"),  # scope LAKE
]

OPTIONS = {
    "type": [("", "All (9)"), ("portfolio", "Portfolio (1)"), ("program", "Program (2)"), ("project", "Project (4)"), ("decision", "Decision (2)")],
    "status": [("", "All (9)"), ("accepted", "accepted (1)"), ("active", "active (3)"), ("on-hold", "on hold (1)"), ("planned", "planned (2)"),
               ("proposed", "proposed (1)")],
    "health": [("", "All (9)"), ("green", "Green (3)"), ("amber", "Amber (2)"), ("red", "Red (1)")],
    "program": [("", "All (9)"), ("prg-data", "Data platform (3)"), ("prg-shop", "Online shop (3)")],
    "owner": [("", "All (9)"), (HOSTILE_OWNER.lower(), HOSTILE_OWNER + " (1)"), ("board", "Board (1)"), ("dan", "Dan (1)"), ("olga", "Olga (1)"),
              ("sam", "Sam (1)"), ("sofia lee", "Sofia Lee (2)")],
    # Everyone a page names (owner, sponsor, team, stakeholders): here, the owners.
    "person": [("", "All (9)"), (HOSTILE_OWNER.lower(), HOSTILE_OWNER + " (1)"), ("board", "Board (1)"), ("dan", "Dan (1)"), ("olga", "Olga (1)"),
               ("sam", "Sam (1)"), ("sofia lee", "Sofia Lee (2)")],
}


class _Catalog(HTMLParser):
    """The rows (attributes, cell texts, link targets) and the filter form of a catalog page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.form: dict[str, str | None] | None = None
        self.rows: list[dict[str, Any]] = []
        self.options: dict[str, list[tuple[str, str]]] = {}
        self._select: str | None = None
        self._option: list[Any] | None = None
        self._cell: list[str] | None = None
        self._depth = 0  # inside .pgm-catalog

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._depth:
            self._depth += tag not in ("br", "img", "input", "meta", "link", "hr")
        elif tag == "div" and "pgm-catalog" in (a.get("class") or "").split():
            self._depth = 1
        if not self._depth:
            return
        if tag == "form":
            self.form = a
        elif tag == "select":
            self._select = a["name"]
            self.options[self._select or ""] = []
        elif tag == "option":
            self._option = [a["value"], ""]
        elif tag == "tr" and "data-type" in a:
            self.rows.append({"attrs": a, "cells": [], "links": []})
        elif tag == "td" and self.rows:
            self._cell = []
        elif tag == "a" and self._cell is not None:
            self.rows[-1]["links"].append((len(self.rows[-1]["cells"]), a["href"]))

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if tag == "option" and self._option is not None and self._select:
            self.options[self._select].append((self._option[0], " ".join(self._option[1].split())))
            self._option = None
        elif tag == "td" and self._cell is not None:
            self.rows[-1]["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option[1] += data
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> _Catalog:
    parser = _Catalog()
    parser.feed(html)
    parser.close()
    return parser


def config(*, instant: bool = False, **pgm: Any) -> dict[str, Any]:
    theme: dict[str, Any] = {"name": "material", "font": False}
    if instant:
        theme["features"] = ["navigation.instant"]
    return {"theme": theme, "plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False, **pgm}}]}


@pytest.mark.parametrize(("theme", "directory_urls"), [("material", True), ("mkdocs", False)])
def test_catalog_lists_every_entity_with_its_filter_values_and_links(build_site: Any, tmp_path: Path, theme: str, directory_urls: bool) -> None:
    settings = config()
    settings["theme"] = {"name": theme}
    settings["use_directory_urls"] = directory_urls
    site = build_site(tmp_path, FILES, settings, strict=True)
    assert site.warnings == []
    html = site.html(CATALOG)
    page = site.url(CATALOG)
    catalog = parse(html)

    table = [
        (r["attrs"]["data-pgm-id"], r["attrs"]["data-type"], r["attrs"]["data-status"], r["attrs"]["data-health"], r["attrs"]["data-owner"],
         r["attrs"]["data-program"])
        for r in catalog.rows
    ]
    assert table == [row[:6] for row in EXPECTED]
    for row, (ident, _, _, _, _, _, src, program) in zip(catalog.rows, EXPECTED, strict=True):
        links = dict(row["links"])
        assert links[0] == get_relative_url(site.url(src), page), ident  # the title
        assert links.get(6) == (get_relative_url(site.url(program), page) if program else None), ident  # the program
        assert row["cells"][1] == ident

    checkout = catalog.rows[3]
    assert checkout["cells"] == ["Checkout", "CHECKOUT", "Project", "active", "Red", "Sofia Lee", "Online shop", "payments retail", "Payments for the shop."]
    assert checkout["attrs"]["data-search"] == "checkout checkout sofia lee payments for the shop. payments retail"
    assert [r["cells"][0] for r in catalog.rows][4] == HOSTILE_TITLE

    # The filter form is there, hidden until the script shows it.
    assert catalog.form is not None and "hidden" in catalog.form and catalog.form.get("role") == "search"
    assert catalog.options == OPTIONS
    assert 'aria-live="polite"' in html and "9 of 9 shown" in html
    # The script is loaded on every page, relative to it.
    assert f'src="{get_relative_url("assets/pgm/catalog.js", page)}"' in html
    assert f'src="{get_relative_url("assets/pgm/catalog.js", site.url("index.md"))}"' in site.html("index.md")
    assert site.path("assets/pgm/catalog.js").exists()


def test_catalog_escapes_every_user_value(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, FILES, config(), strict=True)
    html = site.html(CATALOG)
    for raw in ("<img src=x", "<b>Co</b>", "<script>alert(", "<i>x</i>"):
        assert raw not in html
    assert "Intranet &lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert 'data-owner="ann &#34;a&#34; &amp; &lt;b&gt;co&lt;/b&gt;"' in html
    assert "&lt;script&gt;alert(&#34;summary&#34;)&lt;/script&gt; for staff" in html
    assert '<span class="pgm-catalog-tag">&lt;i&gt;x&lt;/i&gt;</span>' in html


def test_catalog_directive_on_any_page_and_empty_site(build_site: Any, tmp_path: Path) -> None:
    files = dict(FILES, **{"all.md": "# All of it\n\n<!-- pgm:catalog -->\n"})
    site = build_site(tmp_path / "directive", files, config(), strict=True)
    assert [r["attrs"]["data-pgm-id"] for r in parse(site.html("all.md")).rows] == [row[0] for row in EXPECTED]
    assert parse(site.html("all.md")).rows[3]["links"][0][1] == "../projects/checkout/"

    site = build_site(tmp_path / "empty", {"index.md": "# Home\n"}, config(), strict=True)
    html = site.html(CATALOG)
    assert "No portfolio, program, project or decision yet" in html
    assert "pgm-catalog-filters" not in html


# ------------------------------------------------------------------ in a browser


@contextlib.contextmanager
def _chromium(**context: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page of headless Chromium, and the script errors and dialogs (none expected) it saw."""
    from playwright.sync_api import sync_playwright

    chromium = _require_chromium()
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}, **context).new_page()
            page.set_default_timeout(30_000)
            page.on("pageerror", lambda error: problems.append(f"error: {error}"))
            page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
            yield page, problems
        finally:
            browser.close()


def _visible_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(".pgm-catalog tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.pgmId)")


@pytest.mark.browser
def test_catalog_filters_in_material_with_instant_navigation(build_site: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    screenshot = Path(__file__).resolve().parents[1] / "test-results" / "catalog.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)

    # Material's instant navigation only follows links to pages of its sitemap, so site_url is the served address.
    with _serve(tmp_path / "src" / "site") as base, _chromium() as (page, problems):
        site = build_site(tmp_path / "src", FILES, {**config(instant=True), "site_url": base}, strict=True)
        assert site.warnings == []
        catalog_url = base + site.url(CATALOG)
        # Arrive through instant navigation: the content is swapped in, no page load.
        page.goto(base)
        page.evaluate("window.pgmLoaded = 'first page'")
        page.locator("article a", has_text="catalog").click()
        page.wait_for_url(catalog_url)
        expect(page.locator("article h1")).to_have_text("Catalog")
        assert page.evaluate("window.pgmLoaded") == "first page"  # still the same document

        form = page.locator(".pgm-catalog-filters")
        count = page.locator(".pgm-catalog-count")
        expect(form).to_be_visible()
        expect(count).to_have_text("9 of 9 shown")
        expect(count).to_have_attribute("aria-live", "polite")

        page.select_option('.pgm-catalog select[name="status"]', "active")
        expect(count).to_have_text("3 of 9 shown")
        assert _visible_ids(page) == ["PRG-SHOP", "CHECKOUT", "LAKE"]
        text = page.locator('.pgm-catalog input[name="text"]')
        text.press_sequentially("Sofia")  # as a person types: the filter applies at each key
        expect(page).to_have_url(catalog_url + "?status=active&text=Sofia")
        expect(count).to_have_text("2 of 9 shown")
        assert _visible_ids(page) == ["CHECKOUT", "LAKE"]
        expect(page.locator(".pgm-catalog-none")).to_be_hidden()
        page.locator(".pgm-catalog").screenshot(path=str(screenshot))

        # The shared URL applies the same filter on a fresh load.
        page.goto(page.url)
        expect(count).to_have_text("2 of 9 shown")
        assert _visible_ids(page) == ["CHECKOUT", "LAKE"]
        expect(page.locator('.pgm-catalog select[name="status"]')).to_have_value("active")
        expect(page.locator('.pgm-catalog input[name="text"]')).to_have_value("Sofia")
        expect(page.locator("input[data-md-toggle=search]")).not_to_be_checked()  # ?q= would open Material's search

        # Away and back (instant navigation both ways): the filter is still in the URL and applied once.
        page.locator(".pgm-catalog tbody a", has_text="Checkout").first.click()
        page.wait_for_url(base + site.url("projects/checkout.md"))
        page.go_back()
        page.wait_for_url(catalog_url + "?status=active&text=Sofia")
        expect(count).to_have_text("2 of 9 shown")
        # A triple click selects what is there, so what is typed next replaces it. (A click, unlike
        # select_text, waits again when the page swaps the field in once more after going back.)
        text.click(click_count=3)
        text.press_sequentially("no such thing")
        expect(page).to_have_url(catalog_url + "?status=active&text=no+such+thing")
        expect(count).to_have_text("0 of 9 shown")
        expect(page.locator(".pgm-catalog-none")).to_be_visible()

        page.locator(".pgm-catalog-clear").click()
        expect(count).to_have_text("9 of 9 shown")
        assert len(_visible_ids(page)) == 9
        expect(page).to_have_url(catalog_url)
        expect(page.locator('.pgm-catalog input[name="text"]')).to_be_focused()
        assert problems == []

    assert screenshot.stat().st_size > 0


@pytest.mark.browser
def test_catalog_filters_in_mkdocs_theme_from_the_url(build_site: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    settings = config()
    settings["theme"] = {"name": "mkdocs", "highlightjs": False}  # from a CDN: the machine may be offline
    site = build_site(tmp_path / "src", FILES, settings, strict=True)

    with _serve(site.site_dir) as base, _chromium() as (page, problems):
        catalog_url = base + site.url(CATALOG)
        page.goto(catalog_url + "?type=Decision&owner=nobody&other=kept")  # case-insensitive; an unknown value is ignored
        count = page.locator(".pgm-catalog-count")
        expect(count).to_have_text("2 of 9 shown")
        assert _visible_ids(page) == ["DEC-0002", "DEC-0001"]
        expect(page.locator('.pgm-catalog select[name="owner"]')).to_have_value("")
        page.select_option('.pgm-catalog select[name="program"]', "prg-data")
        expect(count).to_have_text("1 of 9 shown")
        expect(page).to_have_url(catalog_url + "?type=decision&other=kept&program=prg-data")
        page.select_option('.pgm-catalog select[name="type"]', "")
        page.select_option('.pgm-catalog select[name="owner"]', HOSTILE_OWNER.lower())
        expect(count).to_have_text("0 of 9 shown")
        page.select_option('.pgm-catalog select[name="program"]', "")
        assert _visible_ids(page) == ["INTRANET"]
        assert problems == []


@pytest.mark.browser
def test_catalog_without_javascript_shows_the_whole_table_and_no_form(build_site: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    site = build_site(tmp_path / "src", FILES, config(), strict=True)
    with _serve(site.site_dir) as base, _chromium(java_script_enabled=False) as (page, problems):
        page.goto(base + site.url(CATALOG) + "?status=active")
        expect(page.locator(".pgm-catalog tbody tr")).to_have_count(9)
        for i in range(9):
            expect(page.locator(".pgm-catalog tbody tr").nth(i)).to_be_visible()
        expect(page.locator(".pgm-catalog-filters")).to_be_hidden()
        expect(page.locator(".pgm-catalog-none")).to_be_hidden()
        assert problems == []
