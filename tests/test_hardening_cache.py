"""The diagram cache is not trusted blindly: each entry's integrity is checked before its SVG
goes into a page, and the cache stays inside the project unless the user says otherwise.

The cache folder is restored from CI caches, which other jobs (other branches, forks'
pull requests) can write; its SVG is inlined into pages as it is. So every cache file
carries a SHA-256 digest of its key and SVG on its first line, a changed file is laid
out again (with a warning), and an SVG that could run script is never taken from the
cache, even when its digest matches.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from mkdocs_pgm.core.diagrams.graphviz import GraphvizService, is_safe_svg

from test_diagrams import (
    SITE,
    figures,
    needs_dot,
    new_process,
    pgm_config,
    small_graphs,
    svg_of,
)

INTEGRITY = "failed their integrity check"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.svg"))


def without_fragments(root: Path) -> None:
    """Drop the cached page fragments (which hold their diagrams' SVG), so that the next build
    reads every diagram from the diagram cache: what these tests are about."""
    shutil.rmtree(root / ".cache" / "pgm" / "fragments", ignore_errors=True)


def digest_line(key: str, svg: str) -> bytes:
    """A valid first line for ``svg`` under ``key``, as an attacker who read the code would write it."""
    return b"<!-- pgm-svg sha256=" + hashlib.sha256(f"{key}\n{svg}".encode()).hexdigest().encode() + b" -->\n"


def poison(svg: str) -> str:
    """The SVG with a script, an event handler and a javascript: link added."""
    return svg.replace(
        "</svg>",
        '<script>alert("cache")</script><g onload="alert(2)"/><a xlink:href="javascript:alert(3)"><text>x</text></a></svg>',
    )


# ------------------------------------------------------------------ the service


@needs_dot
def test_cache_files_carry_a_digest_and_a_changed_file_is_laid_out_again(tmp_path: Path) -> None:
    graphs = small_graphs(3)
    first = GraphvizService(tmp_path / "cache", jobs=1)
    fresh = first.render(graphs)
    files = entries(tmp_path / "cache")
    assert len(files) == 3
    for graph in graphs:
        key = first.key(graph)
        data = (tmp_path / "cache" / key[:2] / f"{key}.svg").read_bytes()
        svg = fresh[graph.name].svg
        assert svg is not None and data == digest_line(key, svg) + svg.encode()

    # Tamper with one entry (keeping its digest line), rewrite another with a matching digest
    # but a script, and swap the third for another graph's entry.
    keys = [first.key(g) for g in graphs]
    paths = [tmp_path / "cache" / k[:2] / f"{k}.svg" for k in keys]
    svgs = [fresh[g.name].svg or "" for g in graphs]
    header = paths[0].read_bytes().partition(b"\n")[0]
    paths[0].write_bytes(header + b"\n" + poison(svgs[0]).encode())
    paths[1].write_bytes(digest_line(keys[1], poison(svgs[1])) + poison(svgs[1]).encode())
    paths[2].write_bytes(digest_line(keys[1], svgs[1]) + svgs[1].encode())

    second = GraphvizService(tmp_path / "cache", jobs=1)
    again = second.render(graphs)
    assert second.stats.rejected == 3 and second.stats.cache_hits == 0
    assert {n: (r.svg, r.cached) for n, r in again.items()} == {n: (r.svg, False) for n, r in fresh.items()}
    # Laid out again and written back whole: a third service takes them all from the cache.
    third = GraphvizService(tmp_path / "cache", jobs=1)
    assert all(r.cached for r in third.render(graphs).values()) and third.stats.rejected == 0


@needs_dot
def test_entries_of_the_previous_format_and_unreadable_files_are_misses(tmp_path: Path) -> None:
    graphs = small_graphs(2)
    first = GraphvizService(tmp_path / "cache", jobs=1)
    fresh = first.render(graphs)
    old, garbage = (tmp_path / "cache" / k[:2] / f"{k}.svg" for k in (first.key(g) for g in graphs))
    old.write_text(fresh[graphs[0].name].svg or "", encoding="utf-8")  # the SVG alone, as before
    garbage.write_bytes(b"\xff\xfe\x00 not a cache file")
    second = GraphvizService(tmp_path / "cache", jobs=1)
    again = second.render(graphs)
    assert second.stats.rejected == 0 and second.stats.cache_hits == 0  # plain misses, no error
    assert all(r.svg and not r.cached for r in again.values())
    assert old.read_bytes().startswith(b"<!-- pgm-svg sha256=")


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<SCRIPT src=x></SCRIPT>",
        '<g onload="alert(1)"/>',
        "<g/onload=alert(1)>",
        '<a xlink:href="x"onclick="alert(1)">',
        '<a xlink:href="javascript:alert(1)">',
        '<a href="JavaScript:alert(1)">',
        '<a xlink:href=" javascript:alert(1)">',
        '<a xlink:href="java&#115;cript:alert(1)">',
        '<a xlink:href="javascript&colon;alert(1)">',
        '<a xlink:href="java\tscript:alert(1)">',
        "<a xlink:href='javascript:alert(1)'>",
        "<a xlink:href=javascript:alert(1)>",
        '<a href="data:text/html,<script>alert(1)</script>">',
        '<foreignObject><div onclick="alert(1)">x</div></foreignObject>',
        '<set attributeName="href" to="javascript:alert(1)"/>',
        '<animate attributeName="href" values="javascript:alert(1)"/>',
        '<use href="data:image/svg+xml,x#a"/>',
        '<image href="x" />',
        "<iframe srcdoc=x>",
        '<style>@import "x"</style>',
    ],
)
def test_svg_that_could_run_script_is_never_safe(payload: str) -> None:
    assert not is_safe_svg(f'<svg class="pgm-dg-svg"><g class="graph">{payload}</g></svg>')


def test_what_dot_writes_for_our_graphs_is_safe() -> None:
    svg = (
        '<svg class="pgm-dg-svg" width="309" height="176" viewBox="0.00 0.00 232.00 132.00" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">\n<g class="node pgm&#45;node pgm&#45;kind&#45;project">\n'
        '<g><a xlink:href="../ecom&#45;storefront/" xlink:title="Three (P3) · project · owner Olu Ade &amp; co" target="_top">\n'
        '<text text-anchor="middle" x="50" y="-29" font-family="Helvetica,Arial,sans-serif" font-size="10.00">Three &lt;b&gt;</text>\n'
        '</a></g><g><a xlink:href="#pgm-risk-r1"></a><a xlink:href="https://example.org/a/b?x=1#y"></a>'
        '<a xlink:href="/docs/a:b/"></a><a xlink:href=""></a></g>\n</g>\n</svg>'
    )
    assert is_safe_svg(svg)


@pytest.mark.parametrize("text", ["<" * 100_000, " on" * 50_000, 'href="' + "/" * 100_000, " href=" * 20_000, "&#45;" * 30_000])
def test_the_safety_check_is_linear_on_100_kb_of_hostile_text(text: str) -> None:
    svg = f'<svg><a xlink:href="{text}">{text}</a></svg>'
    started = time.perf_counter()
    is_safe_svg(svg)
    assert time.perf_counter() - started < 1.0


# ------------------------------------------------------------------ in a build


@needs_dot
def test_a_poisoned_cache_entry_is_laid_out_again_not_inlined(build_site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_process(monkeypatch)
    first = build_site(tmp_path, SITE)
    assert first.warnings == []
    before = figures(first.html("projects/b.md"))["project:B"]
    cache = tmp_path / ".cache" / "pgm"
    stored = entries(cache)
    assert stored
    for path in stored:  # every entry: a script in the SVG, the digest line kept
        header, _, body = path.read_bytes().partition(b"\n")
        path.write_bytes(header + b"\n" + poison(body.decode()).encode())
    without_fragments(tmp_path)

    new_process(monkeypatch)  # a new `mkdocs build` on the restored cache
    second = build_site(tmp_path, SITE)
    for src in ("projects/a.md", "projects/b.md", "programs/alpha.md", "governance/dependencies.md"):
        html = second.html(src)
        assert 'alert("cache")' not in html and "alert(2)" not in html and "javascript:alert(3)" not in html, src
    assert figures(second.html("projects/b.md"))["project:B"] == before
    assert second.warnings == [
        (
            f"mkdocs_pgm: {len(stored)} diagram(s) in the cache folder .cache/pgm failed their integrity check "
            "(changed after they were written, or holding script); they are laid out again"
        )
    ]
    # The entries were written again: the next build takes them all from the cache, silently.
    without_fragments(tmp_path)
    new_process(monkeypatch)
    third = build_site(tmp_path, SITE)
    assert third.warnings == []
    assert figures(third.html("projects/b.md"))["project:B"] == before


@needs_dot
def test_an_entry_with_a_matching_digest_but_a_script_is_not_inlined(build_site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_process(monkeypatch)
    build_site(tmp_path, SITE)
    cache = tmp_path / ".cache" / "pgm"
    for path in entries(cache):
        svg = poison(path.read_bytes().partition(b"\n")[2].decode())
        path.write_bytes(digest_line(path.stem, svg) + svg.encode())
    without_fragments(tmp_path)
    new_process(monkeypatch)
    site = build_site(tmp_path, SITE)
    html = site.html("projects/b.md")
    assert "onload" not in svg_of(figures(html)["project:B"])
    assert 'alert("cache")' not in html
    assert any(INTEGRITY in w for w in site.warnings)


@needs_dot
def test_cache_entries_of_the_previous_format_are_misses(build_site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_process(monkeypatch)
    first = build_site(tmp_path, SITE)
    before = {src: figures(first.html(src)) for src in ("projects/a.md", "projects/b.md")}
    for path in entries(tmp_path / ".cache" / "pgm"):  # the SVG alone, as the previous version wrote it
        path.write_bytes(path.read_bytes().partition(b"\n")[2])
    without_fragments(tmp_path)
    new_process(monkeypatch)
    second = build_site(tmp_path, SITE)
    assert second.warnings == []
    assert {src: figures(second.html(src)) for src in before} == before
    assert all(p.read_bytes().startswith(b"<!-- pgm-svg sha256=") for p in entries(tmp_path / ".cache" / "pgm"))


# ------------------------------------------------------------------ where the cache may be


@pytest.mark.parametrize("where", ["absolute", "parent"])
def test_cache_dir_outside_the_project_is_refused(build_site: Any, tmp_path: Path, where: str) -> None:
    outside = tmp_path / "shared-cache"
    value = str(outside) if where == "absolute" else "../shared-cache"
    root = tmp_path / "project"
    with pytest.raises(Abort):
        build_site(root, SITE, pgm_config(cache_dir=value))
    assert build_site.last.messages(logging.ERROR) == [
        (
            f"pgm: cache_dir: '{value}' is outside the folder of mkdocs.yml ({root}); "
            "keep the diagram cache inside the project, or set 'cache_dir_outside: true' to allow it"
        )
    ]
    assert not outside.exists()


@needs_dot
def test_cache_dir_outside_the_project_when_allowed(build_site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_process(monkeypatch)
    site = build_site(tmp_path / "project", SITE, pgm_config(cache_dir="../shared-cache", cache_dir_outside=True))
    assert site.warnings == []
    assert entries(tmp_path / "shared-cache")
    # Inside the project, an absolute path is fine without the option.
    new_process(monkeypatch)
    inside = tmp_path / "other" / "build" / "diagrams"
    site = build_site(tmp_path / "other", SITE, pgm_config(cache_dir=str(inside)))
    assert site.warnings == []
    assert entries(inside)
