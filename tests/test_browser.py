"""End to end in a real browser: the header card shows, a ``[[ID]]`` link navigates, the roadmap shows and its bars link.

Drives Debian's ``chromium`` (``/usr/bin/chromium``, installed by ``make test``)
through Playwright; Playwright's own browser downloads are never used. Without
Chromium the test fails, unless ``PGM_SKIP_BROWSER=1`` is set.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

FILES = {
    "index.md": "# Home\n\nThe [portal](portal.md) project.\n",
    "program.md": """
        ---
        type: program
        id: PRG-DIGITAL
        owner: Digital Office
        ---

        # Digital program
        """,
    "portal.md": """
        ---
        type: project
        id: PRJ-PORTAL
        program: PRG-DIGITAL
        owner: Dana Smith
        status: active
        health: amber
        summary: One front door for every customer.
        ---

        # Customer portal

        The portal needs [[PRJ-BILLING]] before it can take payments.
        """,
    "billing.md": """
        ---
        type: project
        id: PRJ-BILLING
        program: PRG-DIGITAL
        owner: Sam Lee
        status: planned
        ---

        # Billing platform
        """,
}

# No web fonts: the machine running the tests may be offline.
CONFIG = {"theme": {"name": "material", "font": False}}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


def _require_chromium() -> Path:
    """Debian's Chromium, else fail (skip only with ``PGM_SKIP_BROWSER=1``)."""
    if not CHROMIUM.exists():
        if os.environ.get("PGM_SKIP_BROWSER") == "1":
            pytest.skip(f"{CHROMIUM} is missing and PGM_SKIP_BROWSER=1")
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium package), "
            "or `apt-get install chromium`; set PGM_SKIP_BROWSER=1 to skip the browser tests.",
            pytrace=False,
        )
    return CHROMIUM


@contextlib.contextmanager
def _serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 and a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def _browser_page(site_dir: Path, chromium: Path) -> Iterator[tuple[Any, str]]:
    """A headless Chromium page on the site served from ``site_dir``, and the site's base URL."""
    from playwright.sync_api import sync_playwright

    with _serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(30_000)
            yield page, base
        finally:
            browser.close()


def test_card_visible_and_xref_navigates(build_site: Any, tmp_path: Path) -> None:
    chromium = _require_chromium()
    from playwright.sync_api import expect

    site = build_site(tmp_path / "src", FILES, CONFIG, strict=True)
    assert site.warnings == []

    with _browser_page(site.site_dir, chromium) as (page, base):
        page.goto(base + site.url("portal.md"))

        card = page.locator(".pgm-card")
        expect(card).to_have_count(1)
        expect(card).to_be_visible()
        expect(card).to_have_attribute("data-pgm-id", "PRJ-PORTAL")
        expect(card).to_contain_text("Dana Smith")
        expect(page.locator("article h1")).to_have_text("Customer portal")
        page.screenshot(path=str(tmp_path / "portal.png"), full_page=True)

        link = page.locator("article a.pgm-xref", has_text="Billing platform")
        expect(link).to_have_count(1)
        link.click()

        target = base + site.url("billing.md")
        page.wait_for_url(target)
        assert page.url == target
        expect(page.locator("article h1")).to_have_text("Billing platform")
        expect(page.locator(".pgm-card")).to_have_attribute("data-pgm-id", "PRJ-BILLING")
        page.screenshot(path=str(tmp_path / "billing.png"), full_page=True)

    assert (tmp_path / "portal.png").stat().st_size > 0


REPO = Path(__file__).resolve().parents[1]

ROADMAP_FILES = {
    "index.md": "# Home\n",
    "programs/digital.md": """
        ---
        type: program
        id: PRG-DIGITAL
        owner: Digital Office
        ---

        # Digital program
        """,
    "projects/discovery.md": """
        ---
        type: project
        id: PRJ-DISCOVERY
        program: PRG-DIGITAL
        owner: Dana Smith
        status: completed
        start: 2026-01-05
        end: 2026-Q1
        milestones:
          - {id: findings, title: Findings shared, date: 2026-03-13, status: done}
        ---

        # Discovery
        """,
    "projects/portal.md": """
        ---
        type: project
        id: PRJ-PORTAL
        program: PRG-DIGITAL
        owner: Sam Lee
        status: active
        health: amber
        start: 2026-04
        end: 2026-08-31
        progress: 40
        baseline: {end: 2026-07-31}
        depends_on: ["PRJ-DISCOVERY#findings"]
        milestones:
          - {id: beta, title: Public beta, date: 2026-06-15}
        ---

        # Customer portal
        """,
    "projects/billing.md": """
        ---
        type: project
        id: PRJ-BILLING
        program: PRG-DIGITAL
        owner: Kim Ng
        status: planned
        health: red
        start: 2026-09-01
        end: 2026-12-18
        depends_on: [PRJ-PORTAL]
        ---

        # Billing platform
        """,
}


def test_program_roadmap_visible_and_bars_navigate(build_site: Any, tmp_path: Any) -> None:
    chromium = _require_chromium()
    from playwright.sync_api import expect

    config = {**CONFIG, "plugins": ["search", {"pgm": {"today": "2026-05-01"}}]}
    site = build_site(tmp_path / "src", ROADMAP_FILES, config, strict=True)
    assert site.warnings == []
    screenshot = REPO / "test-results" / "roadmap.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)

    with _browser_page(site.site_dir, chromium) as (page, base):
        page.goto(base + site.url("programs/digital.md"))

        svg = page.locator("svg.pgm-rm")
        expect(svg).to_have_count(1)
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 80

        links = page.locator(".pgm-rm-row a.pgm-rm-link")
        expect(links).to_have_count(3)
        hrefs = [links.nth(i).get_attribute("href") for i in range(3)]
        assert hrefs == ["../../projects/discovery/", "../../projects/portal/", "../../projects/billing/"]
        for i in range(3):
            expect(links.nth(i)).to_be_visible()
        expect(page.locator(".pgm-rm-today")).to_be_visible()
        expect(page.locator(".pgm-rm-milestone")).to_have_count(2)
        expect(page.locator("details.pgm-rm-data")).not_to_have_attribute("open", "")

        roadmap = page.locator("figure.pgm-roadmap")
        roadmap.scroll_into_view_if_needed()
        roadmap.screenshot(path=str(screenshot))
        print(f"roadmap screenshot: {screenshot}")

        page.locator('.pgm-rm-row[data-pgm-id="PRJ-BILLING"] a.pgm-rm-link').click()
        target = base + site.url("projects/billing.md")
        page.wait_for_url(target)
        assert page.url == target
        expect(page.locator("article h1")).to_have_text("Billing platform")

    assert screenshot.stat().st_size > 0


# ---------------------------------------------------------------- the example site


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: Any) -> Path:
    """This repository's documentation and example portfolio, built once (diagrams included)."""
    import shutil
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("example")
    for name in ("docs", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "site")], cwd=root, env=env, check=True)
    return root / "site"


def _search(page: Any, query: str) -> Any:
    """Type ``query`` into Material's search box as a person does; returns the result links.

    Material reads the query on ``keyup`` (and when its search worker is ready, and on focus),
    so the query is typed key by key (``fill`` sends no ``keyup``). Its worker builds the index
    on first use, which takes seconds on a busy machine: until it has answered a first query,
    the result list's header says "Initializing search"; after, "Type to start searching".
    Each key typed renders the results again; those of the whole query are there when a
    result matches all of it: its link then carries the whole query (``?h=…``, the terms it
    matched, for the example site's ``search.highlight``).
    """
    from playwright.sync_api import expect

    box = page.locator("input.md-search__input")
    expect(box).to_be_visible()  # in the header on a wide screen
    box.click()  # opens the search; the empty query goes to the worker once it is ready
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=60_000)
    box.press_sequentially(query)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    whole = results.and_(page.locator(f'[href*="?h={quote_plus(query.lower())}"]'))  # Material lowercases the terms
    expect(whole).not_to_have_count(0, timeout=30_000)
    expect(results.first).to_be_visible()
    return results


def test_newcomer_finds_the_owner_and_the_why_of_a_decision_with_search(example_site: Path) -> None:
    chromium = _require_chromium()
    from playwright.sync_api import expect

    with _browser_page(example_site, chromium) as (page, base):
        page.goto(base)
        # Who owns the checkout? Search the owner's name, open the project.
        _search(page, "Sofia Lindqvist")
        result = page.locator(".md-search-result__item a.md-search-result__link[href*='/example/projects/ecom-checkout/']").first
        expect(result).to_be_visible()
        result.click()
        page.wait_for_url("**/example/projects/ecom-checkout/**")
        expect(page.locator("article h1")).to_contain_text("Checkout and payments")  # and its permalink
        expect(page.locator(".pgm-card")).to_contain_text("Sofia Lindqvist")

        # Why were hosted payment fields chosen? Search the decision's title, land on its entry.
        page.goto(base)
        results = _search(page, "hosted payment fields")
        result = results.filter(has_text="Decision: Use the provider's hosted payment fields")
        expect(result).to_have_attribute("href", re.compile(r"/example/projects/ecom-checkout/\?h=hosted\+payment\+fields#decision-dec-chk-2$"))
        # Material folds a page's further matches under "N more on this page" (the results of the
        # whole query are shown: the list no longer changes).
        if not result.is_visible():
            page.locator("details.md-search-result__more:has(a[href*='#decision-dec-chk-2']) > summary").click()
        expect(result).to_be_visible()
        result.click()
        page.wait_for_url("**/example/projects/ecom-checkout/**#decision-dec-chk-2")
        row = page.locator("#decision-dec-chk-2")
        expect(row).to_be_visible()
        expect(row).to_contain_text("Use the provider's hosted payment fields")
        expect(row).to_contain_text("accepted")


def test_diagram_node_and_roadmap_bar_lead_to_their_pages(example_site: Path) -> None:
    chromium = _require_chromium()
    from playwright.sync_api import expect

    with _browser_page(example_site, chromium) as (page, base):
        page.goto(base + "example/projects/ecom-checkout/")
        node = page.locator(".pgm-dg-svg a[*|href='../ecom-storefront/']").first
        expect(node).to_be_visible()
        node.click()
        page.wait_for_url(base + "example/projects/ecom-storefront/")
        expect(page.locator("article h1")).to_contain_text("Headless storefront")

        page.goto(base + "governance/roadmap/")
        bar = page.locator('.pgm-rm-row[data-pgm-id="DATA-LAKEHOUSE"] a.pgm-rm-link')
        expect(bar).to_be_visible()
        bar.click()
        page.wait_for_url(base + "example/projects/data-lakehouse/")
        expect(page.locator(".pgm-card")).to_have_attribute("data-pgm-id", "DATA-LAKEHOUSE")
