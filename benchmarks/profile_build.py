"""Where a warm plugin build spends the time a plugin-free build does not.

    python benchmarks/profile_build.py                  # 1,000 projects, one pair of builds
    python benchmarks/profile_build.py 1000 --runs 3    # three pairs, medians
    python benchmarks/profile_build.py 1000 --cprofile /tmp/prof   # also cProfile both builds

The same generated pages (``generate.py``) are built without the plugin and
with it, each build in a fresh interpreter (``--child``), plugin-free and plugin
builds interleaved; a first plugin build fills the diagram cache and is not
counted (so the measured plugin build is warm). Each child runs what ``mkdocs
build`` runs (``load_config``, ``on_startup``, ``build``) with light timers
wrapped around MkDocs' steps, every plugin's event handlers, our renderer's
methods, Material's search indexing and ``write_file``, keyed by the page being
built. Python's cyclic garbage collector is timed too (``gc.callbacks``) and
taken out of every step: it is a row of its own.

The extra time of the plugin build is then attributed, without overlap, to:
our ``on_files`` (registry, analysis, findings, renderer set-up, diagrams read
from the cache), ``on_page_markdown``, ``on_page_content`` per directive,
``on_page_context`` (our search entries), and, on the typed pages, each step's
time with the plugin minus the same step on the same page without it
(Material's search indexing of the HTML we add, Markdown conversion, the theme's
template, writing files); the generated governance pages (only in the plugin
build) are rows of their own, all steps included. What is left is "other".

With ``--cprofile DIR`` both builds are run once more under cProfile
(``DIR/plain.prof``, ``DIR/pgm.prof``) and the functions whose own time grew
most are listed. cProfile slows Python code 1.5-3x unevenly, so the table
comes from the timed (unprofiled) builds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

CLOCK = time.process_time if os.environ.get("PGM_PROFILE_CLOCK", "cpu") == "cpu" else time.perf_counter
"""The timers' clock: CPU time of the build process by default (other people's load on these
shared machines barely moves it), wall time with ``--clock wall``."""

GENERATED = "governance/"
"""src_uri prefix of the pages the plugin generates (its default ``governance_dir``)."""

GENERATED_NAMES = {
    "governance/index.md": "dashboard",
    "governance/decisions.md": "decision log",
    "governance/raid.md": "RAID register",
    "governance/changes.md": "change register",
    "governance/benefits.md": "benefits register",
    "governance/roadmap.md": "portfolio roadmap",
    "governance/dependencies.md": "dependencies",
    "governance/catalog.md": "catalog",
}


# ---------------------------------------------------------------------- child: one timed build


class Timers:
    """Inclusive wall and GC seconds per (step, page); the page is the one MkDocs is working on."""

    def __init__(self) -> None:
        self.time: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.gc: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.calls: dict[str, int] = defaultdict(int)
        self.page = "-"
        self.gc_total = 0.0
        self.gc_collections = [0, 0, 0]
        self._gc_started = 0.0

    def gc_callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = CLOCK()
        else:
            self.gc_total += CLOCK() - self._gc_started
            self.gc_collections[info["generation"]] += 1

    def add(self, step: str, wall: float, gc: float, page: str | None = None) -> None:
        page = self.page if page is None else page
        self.time[step][page] += wall
        self.gc[step][page] += gc
        self.calls[step] += 1

    def wrap(self, step: str | Callable[..., str], func: Callable[..., Any]) -> Callable[..., Any]:
        timers = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            name = step(*args, **kwargs) if callable(step) else step
            gc0 = timers.gc_total
            t0 = CLOCK()
            try:
                return func(*args, **kwargs)
            finally:
                timers.add(name, CLOCK() - t0, timers.gc_total - gc0)

        timed.__wrapped__ = func  # type: ignore[attr-defined]
        return timed

    def patch(self, owner: Any, attr: str, step: str | Callable[..., str]) -> None:
        import inspect

        wrapped = self.wrap(step, getattr(owner, attr))
        if isinstance(inspect.getattr_static(owner, attr), staticmethod):
            wrapped = staticmethod(wrapped)
        setattr(owner, attr, wrapped)

    def as_json(self) -> dict[str, Any]:
        return {"time": self.time, "gc": self.gc, "calls": self.calls, "gc_total": self.gc_total, "gc_collections": self.gc_collections}


def keep_html(method: Callable[..., Any], name: str, t: Timers, fragments: dict[str, dict[str, list[str]]]) -> Callable[..., Any]:
    def keeping(*args: Any, **kwargs: Any) -> Any:
        result = method(*args, **kwargs)
        fragments[t.page][name].append(str(getattr(result, "html", result)))
        return result

    return keeping


_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def parser_experiment(pages: list[Any], fragments: dict[str, dict[str, list[str]]], parser_class: type) -> dict[str, Any]:
    """After the build: Material's search parser on the typed pages' final HTML, with and without parts of ours.

    Times ``Parser().feed()`` on every typed page's content as indexed, on the same
    content without its inline SVG, and on our card, sections and diagrams alone;
    counts bytes and start tags of each.
    """

    def parse(html: str) -> float:
        t0 = CLOCK()
        parser = parser_class()
        parser.feed(html)
        parser.close()
        return CLOCK() - t0

    def tags(html: str) -> int:
        return html.count("<") - html.count("</") - html.count("<!")

    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for page in pages:
        src = page.file.src_uri
        if src.startswith(GENERATED) or not page.content:
            continue
        content = page.content
        parts = {"page content": content, "content without inline SVG": _SVG_RE.sub("", content)}
        for name in ("card", "sections", "diagram"):
            parts[name] = "".join(fragments.get(src, {}).get(name, []))
        parts["SVG alone"] = "".join(_SVG_RE.findall(parts["diagram"]))
        for name, html in parts.items():
            if html:
                out[name]["seconds"] += parse(html)
                out[name]["bytes"] += len(html)
                out[name]["tags"] += tags(html)
                out[name]["pages"] += 1
    return out


def template_experiment(pages: list[Any], args: tuple[Any, ...], get_context: Callable[..., Any]) -> dict[str, float]:
    """After the build: the theme's template on every 10th typed page again, then with parts of the context cut down.

    Each variant keeps the previous ones' cuts: the page's HTML replaced by one
    paragraph; its table of contents emptied; ``extra.status`` and every page's
    front matter (``meta``: the nav's status badges) emptied. Run in both builds,
    the differences show which part of the page makes the plugin build's template slower.
    """
    from mkdocs.structure.toc import TableOfContents

    config, doc_files, nav, env = args
    sample = [p for p in pages if not p.file.src_uri.startswith(GENERATED)][::10]

    def render_all() -> float:
        total = 0.0
        for page in sample:
            page.active = True
            try:
                context = get_context(nav, doc_files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                t0 = CLOCK()
                template.render(context)
                total += CLOCK() - t0
            finally:
                page.active = False
        return total

    out = {"pages": float(len(sample)), "as built": render_all()}
    for page in sample:
        page.content = "<p>Text.</p>"
    out["+ page HTML: one paragraph"] = render_all()
    for page in sample:
        page.toc = TableOfContents([])
    out["+ empty table of contents"] = render_all()
    config.extra.pop("status", None)
    for page in pages:
        page.meta = {}
    out["+ no extra.status, no front matter"] = render_all()
    return out


def child(root: Path, out: Path, profile: Path | None) -> None:
    """Build the site at ``root`` in this process, timed; write the timers as JSON to ``out``."""
    import gc
    import logging
    import resource

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.chdir(root)
    import mkdocs.commands.build as mb
    import mkdocs.utils
    from material.plugins.search import plugin as search
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    uses_plugin = "pgm:" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    ballast: list[Any] = []
    per_page = int(os.environ.get("PGM_PROFILE_BALLAST", "0")) if not uses_plugin else 0
    t = Timers()
    fragments: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    gc.callbacks.append(t.gc_callback)
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()

    started = CLOCK()
    started_wall = time.perf_counter()
    gc0 = t.gc_total
    if uses_plugin:
        import mkdocs_pgm.adapter.site as ours
    cfg = load_config(config_file=str(root / "mkdocs.yml"))
    t.add("startup", CLOCK() - started, t.gc_total - gc0, "-")

    # MkDocs' steps; the module functions are looked up at call time, so patching them works.
    def set_page(func: Callable[..., Any], step: str) -> Callable[..., Any]:
        def run(page: Any, *args: Any, **kwargs: Any) -> Any:
            t.page = page.file.src_uri
            try:
                return t.wrap(step, func)(page, *args, **kwargs)
            finally:
                t.page = "-"

        return run

    mb._populate_page = set_page(mb._populate_page, "populate")  # noqa: SLF001
    if per_page:
        populate = mb._populate_page  # noqa: SLF001

        def populate_with_ballast(*args: Any, **kwargs: Any) -> Any:
            ballast.append([{"n": i, "s": str(i)} for i in range(per_page)])  # between the page's own objects
            return populate(*args, **kwargs)

        mb._populate_page = populate_with_ballast  # noqa: SLF001
    mb._build_page = set_page(mb._build_page, "build_page")  # noqa: SLF001
    build_page_args: list[tuple[Any, ...]] = []
    build_page = mb._build_page  # noqa: SLF001

    def keep_args(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, *rest: Any, **kwargs: Any) -> Any:
        if not build_page_args:
            build_page_args.append((config, doc_files, nav, env))
        return build_page(page, config, doc_files, nav, env, *rest, **kwargs)

    mb._build_page = keep_args  # noqa: SLF001
    for name in ("get_files", "get_navigation", "get_context", "_build_theme_template"):
        t.patch(mb, name, name)
    seen_files: list[Any] = []
    navigation = mb.get_navigation

    def get_navigation(files: Any, config: Any) -> Any:
        seen_files.append(files)
        return navigation(files, config)

    mb.get_navigation = get_navigation

    # Resident memory at a few points: before nav (after every on_files), before the static files
    # are copied (every page read, converted and filled), at the end.
    memory: dict[str, float] = {}

    def rss_mb() -> float:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def at(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def marked(*args: Any, **kwargs: Any) -> Any:
            memory.setdefault(label, rss_mb())
            return func(*args, **kwargs)

        return marked

    memory["after load_config"] = rss_mb()
    mb.get_navigation = at("after on_files", mb.get_navigation)
    t.patch(mkdocs.utils, "write_file", "write_file")
    t.patch(mkdocs.utils, "clean_directory", "clean_directory")
    t.patch(Page, "read_source", "read_source")
    t.patch(Page, "render", "markdown")
    t.patch(Page, "validate_anchor_links", "anchors")
    from mkdocs.structure.files import Files

    t.patch(Files, "copy_static_files", "copy_static")
    Files.copy_static_files = at("after every page is converted and filled (on_env)", Files.copy_static_files)
    t.patch(Files, "add_files_from_theme", "theme_files")
    t.patch(search.SearchIndex, "add_entry_from_context", "search: index page")
    t.patch(search.SearchIndex, "create_entry_for_section", "search: entries (TOC lookup)")
    t.patch(search.SearchIndex, "generate_search_index", "search: index JSON")

    # Every plugin's event handlers, by plugin and event.
    for event, methods in cfg.plugins.events.items():
        for i, method in enumerate(methods):
            origin = cfg.plugins._event_origins.get(method, "?")  # noqa: SLF001
            wrapped = t.wrap(f"{origin}: {event}", method)
            methods[i] = wrapped
            cfg.plugins._event_origins[wrapped] = origin  # noqa: SLF001

    if uses_plugin:
        from mkdocs_pgm.core.diagrams.graphviz import GraphvizService
        from mkdocs_pgm.core.model.registry import Registry
        from mkdocs_pgm.core.views import render

        renderer = render.Renderer
        for name in ("card", "sections", "dashboard", "roadmap", "dependencies", "schema_reference", "config_reference", "xref", "diagram", "_derived"):
            t.patch(renderer, name, f"ours: {name}")
        t.patch(renderer, "register", lambda self, directive, *a, **k: f"ours: register {directive.name}")
        t.patch(renderer, "__init__", "ours: Renderer()")
        t.patch(ours.Site, "_start_diagrams", "ours: _start_diagrams")
        t.patch(ours.Site, "_insert", "ours: _insert")
        t.patch(ours.Site, "_add_exports", "ours: _add_exports")
        t.patch(ours.FragmentCache, "fragment", "ours: fragment cache")
        t.patch(GraphvizService, "render", "ours: GraphvizService.render")
        build_registry = Registry.build.__func__  # type: ignore[attr-defined]
        Registry.build = classmethod(t.wrap("ours: Registry.build", build_registry))  # type: ignore[method-assign]
        t.patch(ours, "analyze", "ours: analyze")
        t.patch(ours, "find", "ours: findings")
        t.patch(ours, "nested_entries", "ours: nested_entries")
        if hasattr(renderer, "catalog"):
            t.patch(renderer, "catalog", "ours: catalog")
        # Keep the HTML of the card, the sections and the diagrams per page for the parser experiment.
        for name in ("card", "sections", "diagram"):
            setattr(renderer, name, keep_html(getattr(renderer, name), name, t, fragments))

    gc0 = t.gc_total
    t0 = CLOCK()
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mb.build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    t.add("build", CLOCK() - t0, t.gc_total - gc0, "-")
    t.add("total", CLOCK() - started, t.gc_total, "-")
    t.add("total wall", time.perf_counter() - started_wall, t.gc_total, "-")
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    ballast.clear()  # the closure above keeps the list itself
    data = t.as_json()
    data["max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    memory["at the end of the build"] = rss_mb()
    data["memory"] = memory
    pages = [file.page for file in seen_files[-1].documentation_pages() if file.page is not None] if seen_files else []
    data["parser"] = parser_experiment(pages, fragments, search.Parser) if profile is None else {}
    data["template"] = template_experiment(pages, build_page_args[0], mb.get_context) if profile is None and build_page_args else {}
    out.write_text(json.dumps(data), encoding="utf-8")


# ---------------------------------------------------------------------- parent


def run_child(root: Path, out: Path, profile: Path | None = None) -> dict[str, Any]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, __file__, "--child", str(root), "--out", str(out)]
    if profile is not None:
        command += ["--profile", str(profile)]
    subprocess.run(command, cwd=root, env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


class Build:
    """The timers of one build, with helpers: ``net`` is wall time minus the GC inside it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def net(self, step: str, pages: Callable[[str], bool] = lambda p: True) -> float:
        wall = self.data["time"].get(step, {})
        gc = self.data["gc"].get(step, {})
        return sum(v - gc.get(p, 0.0) for p, v in wall.items() if pages(p))

    def pages(self) -> set[str]:
        return set(self.data["time"].get("populate", {}))

    def steps(self, prefix: str) -> list[str]:
        return sorted(s for s in self.data["time"] if s.startswith(prefix))

    @property
    def gc(self) -> float:
        return float(self.data["gc_total"])


def typed(page: str) -> bool:
    return page != "-" and not page.startswith(GENERATED)


def page_steps(b: Build, pages: Callable[[str], bool]) -> dict[str, float]:
    """The steps of building pages (GC taken out), as exclusive times."""
    n = lambda step: b.net(step, pages)  # noqa: E731
    ev = lambda plugin, event: n(f"{plugin}: {event}")  # noqa: E731
    out: dict[str, float] = {}
    out["read source"] = n("read_source")
    out["Markdown conversion"] = n("markdown") - n("ours: xref")
    out["[[ID]] links (Renderer.xref)"] = n("ours: xref")
    out["on_page_markdown (ours)"] = ev("pgm", "page_markdown")
    content = ev("pgm", "page_content")
    names = ("card", "sections", "dashboard", "roadmap", "dependencies", "schema_reference", "config_reference", "catalog")
    renders = {name: n(f"ours: {name}") for name in names}
    for step in b.steps("ours: register "):
        renders[step.removeprefix("ours: ")] = n(step)
    for name, seconds in renders.items():
        if seconds:
            out[f"on_page_content: {name}"] = seconds
    out["on_page_content: fragments from the cache"] = n("ours: fragment cache")
    out["on_page_content: TOC merge, splicing"] = content - sum(renders.values()) - n("ours: fragment cache")
    out["on_page_context (our search entries)"] = ev("pgm", "page_context")
    out["search: parse HTML (Material)"] = n("search: index page") - n("search: entries (TOC lookup)")
    out["search: entries, TOC lookup (Material)"] = n("search: entries (TOC lookup)")
    out["search: strip data-search-* (Material)"] = ev("material/search", "page_context") - n("search: index page")
    other_events = sum(
        b.net(step, pages) for step in b.data["time"]
        if ": page_" in step or ": pre_page" in step or ": post_page" in step
        if not step.startswith(("pgm:", "material/search: page_context"))
    )
    out["other plugins' page events"] = other_events
    populate = n("populate")
    out["populate: rest"] = populate - out["read source"] - n("markdown") - sum(
        b.net(step, pages) for step in b.data["time"] if step.endswith((": page_markdown", ": page_content", ": pre_page"))
    )
    build_page = n("build_page")
    page_events = sum(b.net(step, pages) for step in b.data["time"] if step.endswith((": page_context", ": post_page")))
    out["theme: get_context"] = n("get_context")
    out["theme: template rendering"] = build_page - n("get_context") - page_events - n("write_file")
    out["writing files"] = n("write_file")
    out["anchor validation"] = n("anchors")
    return out


def attribute(plain: Build, pgm: Build) -> tuple[list[tuple[str, float, int]], float, dict[str, dict[str, float]]]:
    """(component, seconds, indent level) rows that sum to the extra time; the extra time; generated pages by step."""
    rows: list[tuple[str, float, int]] = []
    extra = pgm.net("total", lambda p: True) + pgm.gc - (plain.net("total", lambda p: True) + plain.gc)
    n = pgm.net

    rows.append(("start-up: import the plugin, load_config", n("startup") - plain.net("startup"), 0))
    on_files = n("pgm: files")
    rows.append(("our on_files", on_files, 0))
    parts = {
        "Registry.build (parse, validate, link)": n("ours: Registry.build"),
        "analyze": n("ours: analyze"),
        "findings": n("ours: findings"),
        "Renderer() (Jinja env, DiagramBuilder)": n("ours: Renderer()"),
        "_start_diagrams: graphs of uncached pages, cached SVG": n("ours: _start_diagrams"),
        "exports (pgm.json, .ics, .csv)": n("ours: _add_exports"),
    }
    for name, seconds in parts.items():
        rows.append((name, seconds, 1))
    rows.append(("rest (generated File objects, url_of…)", on_files - sum(parts.values()), 1))

    ours_typed = page_steps(pgm, typed)
    plain_all = page_steps(plain, lambda p: p != "-")
    rows.append(("typed pages (extra over the same page without the plugin)", 0.0, 0))
    typed_total = 0.0
    for step, seconds in ours_typed.items():
        delta = seconds - plain_all.get(step, 0.0)
        typed_total += delta
        rows.append((step, delta, 1))
    rows[-len(ours_typed) - 1] = (rows[-len(ours_typed) - 1][0], typed_total, 0)

    generated: dict[str, dict[str, float]] = {}
    gen_total = 0.0
    for page in sorted(p for p in pgm.pages() if p.startswith(GENERATED)):
        steps = page_steps(pgm, lambda p, page=page: p == page)
        generated[page] = steps
        gen_total += sum(steps.values())
    rows.append(("generated governance pages (all steps)", gen_total, 0))
    for page, steps in generated.items():
        rows.append((GENERATED_NAMES.get(page, page), sum(steps.values()), 1))

    global_steps = {
        "nav (get_navigation)": "get_navigation",
        "search index JSON (on_post_build)": "search: index JSON",
        "sitemap, 404 (theme templates)": "_build_theme_template",
        "copy static files": "copy_static",
        "clean site dir": "clean_directory",
        "get_files": "get_files",
    }
    for name, step in global_steps.items():
        rows.append((name, n(step, lambda p: p == "-") - plain.net(step, lambda p: p == "-"), 0))
    rows.append(("cyclic garbage collector (all steps)", pgm.gc - plain.gc, 0))
    listed = sum(s for name, s, level in rows if level == 0)
    rows.append(("other (unattributed)", extra - listed, 0))
    return rows, extra, generated


def median_build(builds: list[dict[str, Any]]) -> dict[str, Any]:
    """Per step and page, the median over runs (the table of one run if there is one)."""
    if len(builds) == 1:
        return builds[0]
    out: dict[str, Any] = {"time": {}, "gc": {}, "calls": builds[0]["calls"], "max_rss_kb": statistics.median(b["max_rss_kb"] for b in builds),
                           "gc_total": statistics.median(b["gc_total"] for b in builds), "gc_collections": builds[0]["gc_collections"],
                           "parser": builds[0]["parser"], "memory": builds[0]["memory"], "template": builds[0].get("template", {})}
    for kind in ("time", "gc"):
        steps = set().union(*(b[kind] for b in builds))
        for step in steps:
            pages = set().union(*(b[kind].get(step, {}) for b in builds))
            out[kind][step] = {p: statistics.median(b[kind].get(step, {}).get(p, 0.0) for b in builds) for p in pages}
    return out


def top_self_time(plain_prof: Path, pgm_prof: Path, count: int = 30) -> None:
    import pstats

    def table(path: Path) -> dict[tuple[str, int, str], tuple[float, float, int]]:
        stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
        return {key: (tt, ct, nc) for key, (cc, nc, tt, ct, callers) in stats.items()}

    plain, pgm = table(plain_prof), table(pgm_prof)

    def short(key: tuple[str, int, str]) -> str:
        path, line, name = key
        path = re.sub(r".*/site-packages/", "", path)
        path = re.sub(r".*/(mkdocs_pgm/)", r"\1", path)
        path = re.sub(r".*/lib/python3\.\d+/", "", path)
        return f"{path}:{line}({name})"

    grown = sorted(((pgm[k][0] - plain.get(k, (0.0, 0.0, 0))[0], k) for k in pgm), reverse=True)[:count]
    total = sum(v[0] for v in pgm.values()) - sum(v[0] for v in plain.values())
    print(f"\ncProfile: own time grown most (plugin build minus plugin-free build; total {total:.1f} s under cProfile)")
    print(f"{'+own s':>7} {'calls plugin':>12} {'calls plain':>11}  function")
    for delta, key in grown:
        print(f"{delta:>7.2f} {pgm[key][2]:>12} {plain.get(key, (0, 0, 0))[2]:>11}  {short(key)}")


def print_template(plain: dict[str, float], pgm: dict[str, float]) -> None:
    if not plain or not pgm:
        return
    print(f"\nThe theme's template on {pgm['pages']:.0f} typed pages again (re-run after the build), cutting the context down step by step")
    print(f"{'variant':<40} {'without s':>9} {'with s':>8} {'extra s':>8}")
    for name in pgm:
        if name != "pages":
            print(f"{name:<40} {plain[name]:>9.2f} {pgm[name]:>8.2f} {pgm[name] - plain[name]:>8.2f}")


def print_parser(plain: dict[str, dict[str, float]], pgm: dict[str, dict[str, float]]) -> None:
    print("\nMaterial's search Parser on the typed pages' HTML (re-run after the build, GC on)")
    print(f"{'HTML':<48} {'seconds':>8} {'KB':>8} {'start tags':>10}")
    rows = [("page content, plugin-free build", plain.get("page content")), ("page content, plugin build", pgm.get("page content")),
            ("  the same without inline SVG", pgm.get("content without inline SVG")), ("our card alone", pgm.get("card")),
            ("our sections alone (diagrams included)", pgm.get("sections")), ("our diagrams alone (figure, legend, SVG)", pgm.get("diagram")),
            ("  inline SVG alone", pgm.get("SVG alone"))]
    for name, row in rows:
        if row:
            print(f"{name:<48} {row['seconds']:>8.2f} {row['bytes'] / 1024:>8.0f} {row['tags']:>10.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1, help="pairs of timed builds (medians)")
    parser.add_argument("--shape", choices=("synthetic", "realworld"), default="synthetic", help="generate.py's profile of the site")
    parser.add_argument("--cprofile", type=Path, help="also profile both builds with cProfile, keep the .prof files here")
    parser.add_argument("--json", type=Path, help="write the attribution as JSON")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="a pgm option for the plugin build (what-if runs), e.g. --option material_status=false")
    parser.add_argument("--ballast", type=int, default=0, metavar="N",
                        help="what-if: the plugin-free build allocates N small dicts per page it reads and keeps them "
                             "(a heap as large and as interleaved as the plugin's, no other work)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="the timers' clock (default: CPU time of the build process)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.out, args.profile)
        return
    os.environ["PGM_PROFILE_CLOCK"] = args.clock  # read by the children
    os.environ["PGM_PROFILE_BALLAST"] = str(args.ballast)

    with tempfile.TemporaryDirectory() as tmp:
        plain_root = generate(args.size, Path(tmp) / "plain", plugin=False, profile=args.shape)
        pgm_root = generate(args.size, Path(tmp) / "pgm", plugin=True, profile=args.shape)
        if args.option:
            config = pgm_root / "mkdocs.yml"
            options = "".join(f"      {key.strip()}: {value.strip()}\n" for key, value in (o.split("=", 1) for o in args.option))
            config.write_text(re.sub(r"(today: \S+\n)", lambda m: m.group(1) + options, config.read_text(encoding="utf-8")), encoding="utf-8")
            print(f"plugin options added: {', '.join(args.option)}")
        out = Path(tmp) / "timers.json"
        shutil.rmtree(pgm_root / ".cache", ignore_errors=True)
        print(f"{args.size} projects: filling the diagram cache (a cold plugin build and a plugin-free build, not counted)…", flush=True)
        run_child(pgm_root, out)
        run_child(plain_root, out)  # so that both measured builds start with a site folder to clean
        plains, pgms = [], []
        for run in range(args.runs):
            plains.append(run_child(plain_root, out))
            pgms.append(run_child(pgm_root, out))
            a, b = plains[-1]["time"], pgms[-1]["time"]
            print(f"run {run + 1}: without {a['total']['-']:.1f} s, with (warm) {b['total']['-']:.1f} s, ratio {b['total']['-'] / a['total']['-']:.2f} "
                  f"({args.clock} time); wall {a['total wall']['-']:.1f} s and {b['total wall']['-']:.1f} s, "
                  f"ratio {b['total wall']['-'] / a['total wall']['-']:.2f}", flush=True)
        plain, pgm = Build(median_build(plains)), Build(median_build(pgms))
        rows, extra, generated = attribute(plain, pgm)
        base = plain.net("total") + plain.gc
        with_plugin = pgm.net("total") + pgm.gc
        print(f"\nmedian of {args.runs} ({args.clock} time): without plugin {base:.1f} s, with plugin (warm) {with_plugin:.1f} s, "
              f"ratio {with_plugin / base:.2f}; extra {extra:.1f} s")
        print("resident memory (MB), without / with the plugin (with: a little more than a real build, it keeps our fragments "
              "for the parser experiment; bench_build.py measures peak memory): " + "; ".join(
            f"{label} {plain.data['memory'].get(label, 0):.0f} / {pgm.data['memory'].get(label, 0):.0f}" for label in pgm.data["memory"]))
        print(f"GC: {plain.gc:.1f} s in {plain.data['gc_collections']} collections (gen 0/1/2) without, "
              f"{pgm.gc:.1f} s in {pgm.data['gc_collections']} with the plugin\n")
        print(f"{'component':<58} {'seconds':>8} {'share':>6}")
        for name, seconds, level in rows:
            label = ("  " * level + name)[:58]
            share = f"{seconds / extra:>6.0%}" if extra else ""
            print(f"{label:<58} {seconds:>8.2f} {share}")
        print(f"{'total extra':<58} {extra:>8.2f} {1:>6.0%}")

        steps = ["on_page_content", "search", "Markdown", "theme", "writing", "other"]
        print(f"\ngenerated pages by step (seconds): {'':<5}" + " ".join(f"{s:>15}" for s in steps))
        for page, by_step in generated.items():
            content = sum(v for k, v in by_step.items() if k.startswith("on_page_content"))
            search = sum(v for k, v in by_step.items() if k.startswith("search"))
            markdown = by_step["Markdown conversion"] + by_step["[[ID]] links (Renderer.xref)"]
            theme = by_step["theme: template rendering"] + by_step["theme: get_context"]
            write = by_step["writing files"]
            other = sum(by_step.values()) - content - search - markdown - theme - write
            print(f"{GENERATED_NAMES.get(page, page):<40}" + " ".join(f"{v:>15.2f}" for v in (content, search, markdown, theme, write, other)))
        print_parser(plain.data["parser"], pgm.data["parser"])
        print_template(plain.data.get("template", {}), pgm.data.get("template", {}))
        if args.json:
            for name, builds in (("plain", plains), ("pgm", pgms)):  # the children's raw timers, per step and page
                args.json.with_suffix(f".{name}.json").write_text(json.dumps(builds), encoding="utf-8")
            summary = {"rows": rows, "extra": extra, "base": base, "with_plugin": with_plugin, "generated": generated}
            args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")

        if args.cprofile:
            args.cprofile.mkdir(parents=True, exist_ok=True)
            print("\nprofiling both builds with cProfile…", flush=True)
            run_child(plain_root, out, args.cprofile / "plain.prof")
            run_child(pgm_root, out, args.cprofile / "pgm.prof")
            top_self_time(args.cprofile / "plain.prof", args.cprofile / "pgm.prof")


if __name__ == "__main__":
    main()
