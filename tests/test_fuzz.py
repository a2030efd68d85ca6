"""The fuzzer (tests/fuzzing.py) against the whole core, then against real builds.

Whatever the front matter holds, the core reports problems as diagnostics and
renders what it kept: no exception anywhere from parsing to exports, and no
marker of ours left in a built page. Seeds are fixed, so a failure names the
case that reproduces it (``fuzzing.site(random.Random(seed))``).

``PGM_FUZZ_CASES`` and ``PGM_FUZZ_BUILDS`` scale the runs (defaults: 2,000
core cases and 200 builds).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_pgm.core.analysis.findings import find
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.exports import formats as exports
from mkdocs_pgm.core.model.markdown_scan import Directive
from mkdocs_pgm.core.model.registry import Registry
from mkdocs_pgm.core.views.render import CompiledTemplates, Renderer

import fuzzing
from helpers import sources

TODAY = dt.date(2026, 5, 1)
CORE_CASES = int(os.environ.get("PGM_FUZZ_CASES", "2000"))
BUILDS = int(os.environ.get("PGM_FUZZ_BUILDS", "200"))
#: Each core case renders every view of the site; every RENDER_EVERY-th case (the
#: rest build the model, analysis, findings, DOT and exports), to keep the suite quick.
RENDER_EVERY = 4
COMPILED = CompiledTemplates()


def _url_of(src_uri: str | None) -> str | None:
    return None if not src_uri else src_uri.removesuffix(".md") + "/"


def _run_core(seed: int) -> None:
    pages = fuzzing.site(random.Random(seed))
    registry = Registry.build(sources(pages))
    for diagnostic in registry.diagnostics:
        assert "\x1b" not in str(diagnostic), diagnostic
    analysis = analyze(registry)
    findings = find(registry, TODAY, analysis=analysis)
    renderer = Renderer(registry, _url_of, today=TODAY, analysis=analysis, findings=findings, compiled=COMPILED)
    for entity in registry.entities:
        url = _url_of(entity.src_uri) or ""
        for graph in renderer.graphs_for(entity, url):
            assert graph.source
    for graph in renderer.portfolio_graphs("governance/dependencies/", "governance/dependencies.md"):
        assert graph.source

    def url_of(node: object) -> str | None:
        return _url_of(getattr(node, "src_uri", None))

    document = json.loads(exports.export_json(registry, analysis=analysis, findings=findings, today=TODAY, currency="EUR",
                                              url_of=url_of, site_url="https://example.org/", docs_dir=None))
    assert document["entities"] is not None
    exports.export_ics(registry, today=TODAY, url_of=url_of, site_url="https://example.org/", calendar_name="x")
    exports.raid_csv(registry, url_of=url_of, site_url=None)
    exports.decisions_csv(registry, url_of=url_of, site_url=None)
    if seed % RENDER_EVERY:
        return
    html = [renderer.dashboard("governance/").html, renderer.catalog("governance/catalog/").html]
    for name in ("decision-log", "raid", "changes", "benefits"):
        html.append(renderer.register(Directive(name, (), 0), "governance/x/").html)
    html.append(renderer.roadmap(Directive("roadmap", (), 0), "governance/roadmap/", uid="r").html)
    for entity in registry.entities:
        url = _url_of(entity.src_uri) or ""
        html.append(renderer.card(entity, url).html)
        html.append(renderer.sections(entity, url).html)
        for ref in entity.refs:
            html.append(renderer.xref(ref.target, ref.text, url))
    for fragment in html:
        _assert_inert(fragment)


class _Live(HTMLParser):
    """Elements and attributes through which a payload of the fuzzer would run as script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "img", "iframe", "object", "embed"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            elif (
                name in {"href", "src", "xlink:href", "action", "formaction"}
                and value
                and "".join(value.split()).lower().startswith(("javascript:", "vbscript:", "data:"))
            ):
                self.found.append(f"<{tag} {name}={value!r}>")


def _assert_inert(html: str) -> None:
    parser = _Live()
    parser.feed(html)
    parser.close()
    assert not parser.found, parser.found


@pytest.mark.parametrize("chunk", range(10))
def test_the_core_never_raises_on_fuzzed_sites(chunk: int) -> None:
    for seed in range(chunk, CORE_CASES, 10):
        try:
            _run_core(seed)
        except AssertionError:
            raise
        except Exception as exc:  # the point: name the seed of any exception
            raise AssertionError(f"seed {seed}: {type(exc).__name__}: {exc}") from exc


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_real_builds_of_fuzzed_sites_never_raise(build_site, tmp_path: Path, theme: str) -> None:
    """MkDocs builds of fuzzed sites (half in each theme): no exception, no marker of ours left."""
    start = 0 if theme == "material" else BUILDS // 2
    for seed in range(start, start + BUILDS // 2):
        root = tmp_path / str(seed)
        root.mkdir()
        pages = fuzzing.site(random.Random(10_000 + seed))
        config = {"theme": {"name": theme}, "plugins": ["search", {"pgm": {"today": "2026-05-01", "diagrams": False}}]}
        try:
            site = build_site(root, pages, config=config)
        except Exception as exc:  # the point: name the seed of any exception
            raise AssertionError(f"seed {10_000 + seed}: {type(exc).__name__}: {exc}") from exc
        for path in site.site_dir.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            assert "pgm:slot" not in text and "pgm:diagram" not in text, (seed, path)
