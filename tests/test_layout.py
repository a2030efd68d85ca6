"""The layout of what the plugin draws, in a real browser: wide tables fit or say that they scroll.

The example site (this repository's ``docs/``) is built with Material and with MkDocs' own
theme; pages that together hold every kind of table of ours (its class and headings) are
opened in headless Chromium at a laptop's width (1,400 px) and a phone's (390 px), in
Material's light and dark (slate) schemes. Each
table must either fit the column it sits in, or sit in a scroll container (its
``.pgm-table-wrap``) that scrolls sideways and shows it: a shadow on the edge that has more
to show. The page itself never scrolls sideways. The cells of a KPI table are at most three
lines high (its inputs are folded in a ``<details>``).

Screenshots of the widest tables (dashboard KPIs, RAID risks, catalog, a program's KPIs)
go to ``test-results/layout/`` (not versioned) for review by eye.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_browser import _serve

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-results" / "layout"
WIDTHS = (1400, 390)



def build_example(root: Path, theme: str = "material") -> Path:
    """This repository's docs built into ``root/site`` with ``theme`` (``material`` or ``mkdocs``)."""
    shutil.copytree(REPO / "docs", root / "docs")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if theme == "material":
        shutil.copytree(REPO / "theme_overrides", root / "theme_overrides")
        config["theme"]["font"] = False  # no web fonts: the machine may be offline
    else:
        config["theme"] = {"name": theme}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "site")], cwd=root, env=env, check=True)
    return root / "site"


TABLE = re.compile(r'<table class="(pgm-table[^"]*|pgm-heat[^"]*)"><thead>(.*?)</thead>', re.S)


def table_pages(site: Path) -> tuple[list[str], list[str]]:
    """Pages that together hold every kind of table the plugin draws, and every page with a KPI table.

    A kind of table is its class and its column headings. The first list covers every kind
    found in the site with as few pages as can be picked greedily (the page with the most
    kinds not yet covered first), so each kind is checked without opening every page.
    """
    kinds: dict[str, set[tuple[str, str]]] = {}
    kpis = []
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        rel = html.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        found = {(cls, " ".join(re.sub(r"<[^>]+>", " ", head).split())) for cls, head in TABLE.findall(text)}
        if found:
            kinds[url] = found
        if 'class="pgm pgm-sections' in text and "pgm-table--kpis" in text:
            kpis.append(url)
    cover: list[str] = []
    left = set().union(*kinds.values())
    while left:
        best = max(kinds, key=lambda url: (len(kinds[url] & left), -len(url)))
        cover.append(best)
        left -= kinds[best]
    return cover, kpis



# Every table of ours on the page, measured: fits its container, or its scroll container and its cue.
MEASURE = """() => {
  const out = [];
  const main = document.querySelector('article, [role="main"]');
  const mainRight = main.getBoundingClientRect().right;
  for (const table of document.querySelectorAll('table.pgm-table, table.pgm-heat')) {
    if (!table.getClientRects().length) continue;  // folded (a closed <details>)
    let scroller = null;
    for (let el = table.parentElement; el && el !== main; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (['auto', 'scroll'].includes(style.overflowX)) { scroller = el; break; }
    }
    const container = scroller || table.parentElement;
    const head = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()).join('|');
    out.push({
      head: head.slice(0, 60) || table.className,
      fits: table.getBoundingClientRect().width <= container.clientWidth + 1,
      scrolls: !!scroller && scroller.scrollWidth > scroller.clientWidth,
      cue: scroller ? getComputedStyle(scroller).backgroundImage : '',
      inside: container.getBoundingClientRect().right <= mainRight + 1,
    });
  }
  return {tables: out, pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth + 1};
}"""

# The cells of the KPI tables of program, portfolio and project pages, in lines of text.
KPI_LINES = """() => [...document.querySelectorAll('.pgm-sections table.pgm-table--kpis :is(td, th)')].map(cell => {
  const style = getComputedStyle(cell);
  const probe = document.createElement('span');
  probe.textContent = 'X';
  cell.appendChild(probe);
  const line = probe.getBoundingClientRect().height;  // one line of the cell's text, whatever line-height says
  probe.remove();
  const content = cell.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
    - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
  const lineHeight = style.lineHeight === 'normal' ? line : Math.max(parseFloat(style.lineHeight), line);
  return {text: cell.textContent.trim().slice(0, 50), lines: content / lineHeight};
})"""


def _show(page: Any, base: str, path: str, scheme: str | None) -> None:
    page.goto(base + path)
    if scheme:
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    page.wait_for_function("() => document.fonts.status === 'loaded'")


def _schemes(theme: str) -> tuple[str | None, ...]:
    return ("default", "slate") if theme == "material" else (None,)


# Tables photographed for review: (page, table), the table's scroll container is taken.
SHOWN = {
    "governance/": ".pgm-dashboard .pgm-table--kpis",
    "governance/raid/": ".pgm-table--risks",
    "governance/catalog/": ".pgm-catalog-table",
    "example/programs/ecommerce/": ".pgm-sections .pgm-table--kpis",
}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_fits_or_shows_that_it_scrolls(example: tuple[str, Path], browser: Any, width: int) -> None:
    theme, site = example
    cover, _ = table_pages(site)
    assert len(cover) >= 8  # registers, dashboard, program, project and decision pages
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    checked = scrolled = 0
    with _serve(site) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(30_000)
        try:
            for scheme in _schemes(theme):
                for path in sorted(set(cover) | set(SHOWN)):
                    _show(page, base, path, scheme)
                    found = page.evaluate(MEASURE)
                    if found["pageScrollsSideways"]:
                        problems.append(f"{path}: the page scrolls sideways")
                    for t in found["tables"]:
                        checked += 1
                        where = f"{path} [{t['head']}]"
                        if not t["inside"]:
                            problems.append(f"{where}: sticks out of the content column")
                        if t["fits"]:
                            continue
                        scrolled += 1
                        if not t["scrolls"]:
                            problems.append(f"{where}: wider than its column and not in a scroll container")
                        elif t["cue"].count("radial-gradient") < 2:
                            problems.append(f"{where}: scrolls without a cue ({t['cue']!r})")
                    if path in SHOWN:
                        wrap = page.locator(SHOWN[path]).first.locator("xpath=..")
                        wrap.scroll_into_view_if_needed()
                        name = f"{theme}-{scheme or 'light'}-{width}-{path.strip('/').replace('/', '-')}.png"
                        wrap.screenshot(path=str(SHOTS / name))
        finally:
            page.close()
    assert problems == []
    assert checked > 20
    if width == 390:
        assert scrolled > 0  # on a phone the registers scroll: the cue was checked on some


def test_kpi_cells_are_at_most_three_lines(example: tuple[str, Path], browser: Any) -> None:
    """A KPI row is a line or two (three at most): its inputs are folded, one click away."""
    from playwright.sync_api import expect

    _, site = example
    _, paths = table_pages(site)
    assert "example/programs/ecommerce/" in paths and len(paths) > 5
    tall: list[str] = []
    with _serve(site) as base:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_default_timeout(30_000)
            try:
                for path in paths:
                    _show(page, base, path, None)
                    cells = page.evaluate(KPI_LINES)
                    assert cells, path
                    tall += [f"{path} @{width}px: {c['text']!r} is {c['lines']:.1f} lines" for c in cells if c["lines"] > 3.2]
                    if path == "example/programs/ecommerce/":
                        assert len(cells) >= 12  # the program's six KPIs, two cells each at least
                        row = page.locator(".pgm-sections .pgm-kpi-row--schedule_variance")
                        inputs = row.locator("details.pgm-kpi-from .pgm-muted")
                        expect(inputs).to_be_hidden()
                        row.locator("details.pgm-kpi-from > summary").click()
                        expect(inputs).to_be_visible()
                        expect(inputs).to_contain_text("against baseline end")
            finally:
                page.close()
    assert tall == []


def _edge_shade(page: Any, wrap: Any) -> float:
    """The mean brightness (0-255) of the right-hand 8 px of ``wrap`` as drawn on screen."""
    box = wrap.bounding_box()
    clip = {"x": box["x"] + box["width"] - 8, "y": box["y"] + box["height"] / 3, "width": 8, "height": box["height"] / 3}
    png = base64.b64encode(page.screenshot(clip=clip)).decode()
    return float(page.evaluate(
        """async (png) => {
          const img = new Image(); img.src = 'data:image/png;base64,' + png; await img.decode();
          const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
          const g = c.getContext('2d'); g.drawImage(img, 0, 0);
          const d = g.getImageData(0, 0, c.width, c.height).data; let sum = 0;
          for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3;
          return sum / (d.length / 4);
        }""",
        png,
    ))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_scroll_cue_is_drawn_while_there_is_more_to_see(example: tuple[str, Path], browser: Any, width: int) -> None:
    """The shadow on the right edge of the catalog (nine columns): there at the start, gone at the end."""
    theme, site = example
    with _serve(site) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(30_000)
        try:
            for scheme in _schemes(theme):
                _show(page, base, "governance/catalog/", scheme)
                wrap = page.locator(".pgm-catalog .pgm-table-wrap")
                wrap.scroll_into_view_if_needed()
                assert wrap.evaluate("w => w.scrollWidth > w.clientWidth + 50")
                # Only what the wrap draws: the table is hidden, its size kept.
                wrap.evaluate("w => { w.querySelector('table').style.visibility = 'hidden'; }")
                at_start = _edge_shade(page, wrap)
                wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
                page.wait_for_function("w => w.scrollLeft > 0 && w.scrollLeft + w.clientWidth >= w.scrollWidth - 1", arg=wrap.element_handle())
                at_end = _edge_shade(page, wrap)
                # A light page: the shadow is darker than the page; a dark one: lighter.
                assert abs(at_start - at_end) > 8, (theme, scheme, width, at_start, at_end)
        finally:
            page.close()


# The pages of people and plans (issue 14): the resources heat map, lessons learned, a program page
# (people, power/interest map, critical chain, earned value) and a project page (team, impact).
PEOPLE_PAGES = {
    "governance/resources/": "svg.pgm-load",
    "governance/lessons/": ".pgm-lessons .pgm-log-entry",
    "example/programs/ecommerce/": "svg.pgm-power-map",
    "example/projects/ecom-checkout/": "table.pgm-impact",
}

# The size of the smallest text of each drawing on screen, in CSS px (its font size times the SVG's scale).
SMALLEST_TEXT = """() => Object.fromEntries(['svg.pgm-load', 'svg.pgm-power-map'].map(sel => {
  const svg = document.querySelector(sel);
  if (!svg) return [sel, 0];
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return [sel, Math.min(...sizes)];
}))"""

# Every label of the heat map and of the power map against what is drawn under it (the cell or
# quadrant, over the page), composited by a canvas: WCAG contrast ratios.
SVG_CONTRAST = """() => {
  const canvas = document.createElement('canvas'); canvas.width = canvas.height = 1;
  const g = canvas.getContext('2d', {willReadFrequently: true});
  const paint = (colours) => {
    g.clearRect(0, 0, 1, 1);
    for (const c of colours) { g.fillStyle = c; g.fillRect(0, 0, 1, 1); }
    return [...g.getImageData(0, 0, 1, 1).data].slice(0, 3);
  };
  const lum = (rgb) => {
    const [r, gr, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * gr + 0.0722 * b;
  };
  const pageBg = (el) => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const out = [];
  for (const svg of document.querySelectorAll('svg.pgm-load, svg.pgm-power-map')) {
    svg.scrollIntoView({block: 'center'});
    const bg = pageBg(svg.parentElement);
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const box = text.getBoundingClientRect();
      const under = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
        .filter(el => el.localName === 'rect' && svg.contains(el)).reverse();
      const behind = [bg, ...under.map(r => getComputedStyle(r).fill).filter(f => f && f !== 'none')];
      const back = paint(behind), fore = paint([...behind, getComputedStyle(text).fill]);
      const [hi, lo] = [lum(fore), lum(back)].sort((a, b) => b - a);
      out.push({svg: svg.getAttribute('class'), text: text.textContent.trim().slice(0, 30), ratio: (hi + 0.05) / (lo + 0.05)});
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_people_pages_fit_the_screen(example: tuple[str, Path], browser: Any, width: int) -> None:
    """The new pages and sections never make the page scroll sideways; the heat map's labels keep a
    readable size on a phone (its wrap scrolls instead), and every label of both maps is readable
    against its cell or quadrant, light and dark. A benefit's trend keeps its size in its cell."""
    theme, site = example
    problems: list[str] = []
    with _serve(site) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(30_000)
        try:
            for scheme in _schemes(theme):
                for path, marker in PEOPLE_PAGES.items():
                    _show(page, base, path, scheme)
                    page.locator(marker).first.wait_for(state="visible")
                    where = f"{theme}/{scheme or 'light'} @{width}px {path}"
                    if page.evaluate(MEASURE)["pageScrollsSideways"]:
                        problems.append(f"{where}: the page scrolls sideways")
                    for sel, size in page.evaluate(SMALLEST_TEXT).items():
                        if size and size < 7:
                            problems.append(f"{where}: {sel} text drawn at {size:.1f} px")
                    trends = page.evaluate("() => [...document.querySelectorAll('svg.pgm-trend')].map(s => s.getBoundingClientRect().width)")
                    problems += [f"{where}: a benefit's trend drawn {w:.0f} px wide, not its 120" for w in trends if abs(w - 120) > 1]
                    if path == "example/programs/ecommerce/":
                        assert trends, where
                    labels = page.evaluate(SVG_CONTRAST)
                    if path in ("governance/resources/", "example/programs/ecommerce/"):
                        assert len(labels) > 10, where
                    problems += [f"{where}: {t['svg']} {t['text']!r} contrast {t['ratio']:.2f}" for t in labels if t["ratio"] < 4.5]
        finally:
            page.close()
    assert problems == []
