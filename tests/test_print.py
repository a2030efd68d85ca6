"""Print: a program page, the portfolio page and the dashboard print as a steering pack.

The example site is built (Material, and MkDocs' own theme), each page is printed to PDF by
headless Chromium (``page.pdf`` with ``prefer_css_page_size``, as "Save as PDF" does) and the
PDF is read back with pypdf: A4 landscape pages, a sensible number of them, the program's
title, its registers and its projects there, nothing of the site's navigation, the roadmap
at the top of a page and each register starting one. A page of the documentation without
any of our content keeps its theme's own print layout (portrait).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from test_browser import _serve

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
A4 = (841.89, 595.28)  # points, landscape

PROGRAM = "example/programs/ecommerce/"
PORTFOLIO = "example/"
DASHBOARD = "governance/"
PROJECTS = ("Product information management", "Headless storefront", "Checkout and payments", "Site search and recommendations")
# Text of the navigation, search, table of contents and footer of both themes, absent from these pages' content.
NAVIGATION = ("Getting started", "Performance at scale", "Hosts without plugins", "Table of contents", "Made with", "Built with MkDocs")



def _pdf(browser: Any, base: str, path: str, name: str, scheme: str | None = None) -> list[str]:
    """``path`` printed to PDF (kept in test-results/print/); the text of each of its pages."""
    from pypdf import PdfReader

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    try:
        page.goto(base + path)
        if scheme:
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        data = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    out = REPO / "test-results" / "print"
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(round(A4[0]), round(A4[1]))}, f"{name}: pages of {sizes} pt, not A4 landscape"
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def _starts_a_page(pages: list[str], heading: str) -> bool:
    return any(text.startswith(heading) for text in pages)


def test_program_page_prints_as_a_steering_pack(example: tuple[str, Path], browser: Any) -> None:
    theme, site = example
    with _serve(site) as base:
        pages = _pdf(browser, base, PROGRAM, f"{theme}-program.pdf")
    text = " ".join(pages)
    assert 4 <= len(pages) <= 16, len(pages)
    assert "E-commerce replatforming" in pages[0] and "Replace the legacy web shop" in pages[0]  # title and card first
    for expected in ("Priya Nair", "Risks, assumptions and issues", "Decisions", "KPIs", "Schedule variance", *PROJECTS):
        assert expected in text, expected
    # The KPIs' inputs, folded on screen, are on paper.
    assert "against baseline end 2026-12-31" in text
    for absent in NAVIGATION:
        assert absent not in text, absent
    # The roadmap heads a page (its drawing under it), and so does each register.
    roadmap = [i for i, t in enumerate(pages) if t.startswith("Roadmap ")]
    assert len(roadmap) == 1, [t[:40] for t in pages]
    assert "Headless storefront" in pages[roadmap[0]] and "Today" in pages[roadmap[0]]
    for heading in ("Projects ", "Risks, assumptions and issues ", "Decisions "):
        assert _starts_a_page(pages, heading), (heading, [t[:40] for t in pages])


def test_portfolio_and_dashboard_print_as_a_steering_pack(example: tuple[str, Path], browser: Any) -> None:
    theme, site = example
    with _serve(site) as base:
        portfolio = _pdf(browser, base, PORTFOLIO, f"{theme}-portfolio.pdf")
        dashboard = _pdf(browser, base, DASHBOARD, f"{theme}-dashboard.pdf")
    assert 3 <= len(portfolio) <= 14, len(portfolio)
    assert 3 <= len(dashboard) <= 14, len(dashboard)
    text = " ".join(portfolio)
    for expected in ("Digital transformation portfolio 2026–2027", "E-commerce replatforming", "Data platform modernisation", "Store experience"):
        assert expected in text, expected
    assert _starts_a_page(portfolio, "Roadmap ") and _starts_a_page(portfolio, "Programs ")
    text = " ".join(dashboard)
    for expected in ("Governance dashboard", "Decisions awaiting a decision", "Risks to escalate", "Findings", "KPIs", "Portfolio"):
        assert expected in text, expected
    assert _starts_a_page(dashboard, "KPIs ") and _starts_a_page(dashboard, "Findings ")
    for absent in NAVIGATION:
        assert absent not in " ".join(portfolio + dashboard), absent


def test_a_page_without_our_content_prints_as_its_theme_prints_it(example: tuple[str, Path], browser: Any) -> None:
    from pypdf import PdfReader

    _, site = example
    with _serve(site) as base:
        page = browser.new_page()
        try:
            page.goto(base + "reference/cli/")
            assert page.locator(".pgm").count() == 0
            reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
        finally:
            page.close()
    box = reader.pages[0].mediabox
    assert float(box.height) > float(box.width)  # portrait: the steering pack's landscape stays on its pages


DARK = {
    "material": ("document.body.setAttribute('data-md-color-scheme', 'slate')", ".md-header", ".md-sidebar--primary", ".md-sidebar--secondary"),
    "mkdocs": ("document.documentElement.setAttribute('data-bs-theme', 'dark')", ".navbar", ".bs-sidebar", "footer"),
}


def test_a_dark_scheme_prints_light_with_its_colours(example: tuple[str, Path], browser: Any) -> None:
    """Printing from a dark scheme: a white page, the site around it gone, the colours kept (exact)."""
    theme, site = example
    dark, header, nav, other = DARK[theme]
    with _serve(site) as base:
        page = browser.new_page()
        try:
            page.goto(base + PROGRAM)
            page.evaluate(f"() => {{ {dark}; }}")
            screen_bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
            page.emulate_media(media="print")
            found = page.evaluate(
                """([header, nav, other]) => ({
                  bg: getComputedStyle(document.body).backgroundColor,
                  adjust: getComputedStyle(document.querySelector('.pgm-card')).printColorAdjust,
                  hidden: [header, nav, other].map(s => getComputedStyle(document.querySelector(s)).display),
                  red: getComputedStyle(document.querySelector('.pgm-chip--health.pgm-health--red')).color,
                })""",
                [header, nav, other],
            )
        finally:
            page.close()
    assert screen_bg not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")  # the scheme is dark on screen
    assert found["bg"] == "rgb(255, 255, 255)"
    assert found["adjust"] == "exact"
    assert found["hidden"] == ["none", "none", "none"]
    assert found["red"] == "rgb(207, 34, 46)"  # the red of a light page, not the dark scheme's
