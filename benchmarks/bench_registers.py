"""Time the governance registers, KPIs and health checks on generated portfolios (core only).

    python benchmarks/bench_registers.py                 # 1,000 and 5,000 projects
    python benchmarks/bench_registers.py 300 1000 --runs 5
    python benchmarks/bench_registers.py 1000 --no-check  # skip the mkdocs-pgm check runs

For each size, on the pages of ``generate.py`` (which carry baselines, budgets,
risks, decision entries, change requests, benefits and review dates), the
median of ``--runs`` timings of:

* ``Registry.build`` (parse, validate and link every page): the unit of the ratios;
* ``analyze`` (conflicts, critical paths, blast radii) and ``findings.find``;
* the KPIs: ``project_kpis`` of every project, ``program_kpis`` of every
  program and ``portfolio_kpis``;
* ``Renderer.dashboard()`` and ``Renderer.register()`` for ``decision-log``,
  ``raid``, ``changes`` and ``benefits``, set up as ``plugin.py`` does in
  ``on_files`` (analysis, findings and the generated pages passed in), with the
  HTML size of each.

The first rendering of a template compiles it; the median of three leaves that out.

Then, on the largest size, ``mkdocs-pgm check`` with and without
``--findings`` (each in its own process, interpreter start included, median of
``--runs``). Quote the ratios, not the seconds: these machines are noisy. The
check has an absolute target, though: under 5 s at 5,000 pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from mkdocs_pgm.core.analysis.findings import Settings, find
from mkdocs_pgm.core.analysis.kpis import portfolio_kpis, program_kpis, project_kpis
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.model.loader import read_docs
from mkdocs_pgm.core.model.markdown_scan import Directive
from mkdocs_pgm.core.model.registry import Registry
from mkdocs_pgm.core.views.render import Renderer

from generate import TODAY, generate

REGISTERS = ("decision-log", "raid", "changes", "benefits")
#: Generated pages as plugin.py names them (governance_dir ``governance``).
PAGES = {
    "dashboard": "governance/index.md",
    "decisions": "governance/decisions.md",
    "raid": "governance/raid.md",
    "changes": "governance/changes.md",
    "benefits": "governance/benefits.md",
    "roadmap": "governance/roadmap.md",
}
REGISTER_PAGE = {"decision-log": "decisions", "raid": "raid", "changes": "changes", "benefits": "benefits"}


def url_of(src_uri: str) -> str:
    """The URL MkDocs gives a page (``use_directory_urls``): ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``."""
    stem = src_uri.rsplit(".", 1)[0]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def median_time(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """Median seconds of ``runs`` calls, and what the last call returned."""
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def all_kpis(registry: Registry, today: dt.date) -> int:
    count = sum(len(project_kpis(p, today)) for p in registry.of_kind("project"))
    count += sum(len(program_kpis(p, today)) for p in registry.of_kind("program"))
    return count + len(portfolio_kpis(registry, today))


def measure(size: int, root: Path, runs: int) -> dict[str, tuple[float, int | None]]:
    """{step: (median seconds, HTML bytes or None)} for one generated site."""
    pages = list(read_docs(root / "docs"))
    today = TODAY
    rows: dict[str, tuple[float, int | None]] = {}
    seconds, registry = median_time(runs, lambda: Registry.build(pages))
    rows["Registry.build"] = (seconds, None)
    seconds, analysis = median_time(runs, lambda: analyze(registry))
    rows["analyze"] = (seconds, None)
    seconds, findings = median_time(runs, lambda: find(registry, today, Settings(), analysis))
    rows["findings.find"] = (seconds, None)
    seconds, _ = median_time(runs, lambda: all_kpis(registry, today))
    rows["KPIs (every project, program, portfolio)"] = (seconds, None)

    def renderer() -> Renderer:
        return Renderer(registry, url_of, today=today, analysis=analysis, findings=findings, pages=PAGES)

    seconds, render = median_time(runs, renderer)
    rows["Renderer() set-up"] = (seconds, None)
    seconds, fragment = median_time(runs, lambda: render.dashboard(url_of(PAGES["dashboard"])))
    rows["dashboard"] = (seconds, len(fragment.html.encode()))
    for name in REGISTERS:
        page_url = url_of(PAGES[REGISTER_PAGE[name]])
        directive = Directive(name, (), 0)
        seconds, fragment = median_time(runs, lambda: render.register(directive, page_url))  # noqa: B023 - called at once
        rows[f"register {name}"] = (seconds, len(fragment.html.encode()))
    counts = (
        f"{len(registry.entities)} entities, {sum(1 for _ in registry.decisions())} decisions, "
        f"{sum(len(e.entries('risks')) for e in registry.entities)} risks, "
        f"{sum(len(e.entries('changes')) for e in registry.entities)} changes, "
        f"{sum(len(e.entries('benefits')) for e in registry.entities)} benefits, {len(findings)} findings, "
        f"{sum(d.severity == 'warning' for d in registry.diagnostics)} warnings"
    )
    print(f"{size:,} projects: {counts}", flush=True)
    return rows


def check_times(root: Path, runs: int) -> tuple[float, float]:
    def run(*extra: str) -> float:
        command = [sys.executable, "-m", "mkdocs_pgm.cli", "check", *extra, "docs"]
        seconds, _ = median_time(runs, lambda: subprocess.run(command, cwd=root, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return seconds

    return run(), run("--findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="do not time mkdocs-pgm check")
    args = parser.parse_args()
    results: dict[int, dict[str, tuple[float, int | None]]] = {}
    check: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            root = generate(size, Path(tmp) / str(size))
            results[size] = measure(size, root, args.runs)
        if not args.no_check:
            check = check_times(Path(tmp) / str(args.sizes[-1]), args.runs)

    sizes = args.sizes
    steps = list(results[sizes[0]])
    head = "".join(f" {f'{s:,} ratio':>12} {f'{s:,} KB':>9}" for s in sizes)
    growth = len(sizes) > 1
    print()
    print(f"{'step (median of ' + str(args.runs) + ')':<42}{head}" + (f" {'time growth':>11} {'ratio growth':>12}" if growth else ""))
    for step in steps:
        cells = ""
        for size in sizes:
            seconds, size_bytes = results[size][step]
            ratio = seconds / results[size]["Registry.build"][0]
            kilobytes = f"{size_bytes / 1024:.0f}" if size_bytes is not None else "-"
            cells += f" {ratio:>12.3f} {kilobytes:>9}"
        if growth:
            first = results[sizes[0]][step][0] / results[sizes[0]]["Registry.build"][0]
            last = results[sizes[-1]][step][0] / results[sizes[-1]]["Registry.build"][0]
            times = results[sizes[-1]][step][0] / results[sizes[0]][step][0]
            cells += f" {times:>10.1f}× {last / first:>11.1f}×"
        print(f"{step:<42}{cells}")
    print(f"{'Registry.build seconds':<42}" + "".join(f" {results[s]['Registry.build'][0]:>12.2f} {'':>9}" for s in sizes))
    if growth:
        print(f"(time growth: seconds at {sizes[-1]:,} over seconds at {sizes[0]:,}, {sizes[-1] / sizes[0]:.0f} for a linear step;"
              f" ratio growth: the same for the ratio, about 1 when a step scales like the registry build,"
              f" about {sizes[-1] / sizes[0]:.0f} when it is quadratic)")
    if check is not None:
        plain, with_findings = check
        print(f"\nmkdocs-pgm check at {sizes[-1]:,} projects (median of {args.runs}, own process):"
              f" {plain:.2f} s; with --findings {with_findings:.2f} s; ratio {with_findings / plain:.2f}")


if __name__ == "__main__":
    main()
