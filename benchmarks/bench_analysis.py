"""How the site-wide analyses scale: CPM, allocation, escalation and findings, by site size.

    python benchmarks/bench_analysis.py                 # 1,000, 2,000 and 4,000 projects
    python benchmarks/bench_analysis.py 500 5000 --profile realworld

For each size it generates a site (``generate.py``), builds the registry once, then
times (best of ``--runs``) :func:`~mkdocs_pgm.core.analysis.schedule.analyze` (conflicts,
the CPM of every program and of the portfolio, current slips),
:func:`~mkdocs_pgm.core.analysis.resources.allocation`, the escalation of every risk
and issue, and :func:`~mkdocs_pgm.core.analysis.findings.find`. The last column is the
time per project in microseconds: flat when the work is linear in the size of the site.
Nothing here is asserted; compare the rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs_pgm.core.analysis.findings import find
from mkdocs_pgm.core.analysis.resources import allocation
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.model.loader import read_docs
from mkdocs_pgm.core.model.registry import Registry
from mkdocs_pgm.core.model.rules import escalation_of

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

TODAY = dt.date(2026, 6, 1)


def best(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def escalations(registry: Registry) -> int:
    count = 0
    for entity in registry.entities:
        for node in (*entity.entries("risks"), *entity.entries("issues")):
            escalation_of(node)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 2000, 4000])
    parser.add_argument("--profile", choices=("synthetic", "realworld"), default="synthetic")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'projects':>8} {'pages':>6} {'analyze':>9} {'allocation':>11} {'escalation':>11} {'findings':>9} {'µs/project':>11}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = generate(size, Path(tmp), profile=args.profile)
            print(row(size, Registry.build(read_docs(root / "docs")), args.runs))


def row(size: int, registry: Registry, runs: int) -> str:
    """One line of the table: the best time of each analysis on ``registry``."""
    a = best(runs, lambda: analyze(registry))
    b = best(runs, lambda: allocation(registry))
    c = best(runs, lambda: escalations(registry))
    analysis = analyze(registry)
    d = best(runs, lambda: find(registry, TODAY, analysis=analysis))
    total = a + b + c + d
    return f"{size:>8} {len(registry.entities):>6} {a:>8.3f}s {b:>10.3f}s {c:>10.3f}s {d:>8.3f}s {total / size * 1e6:>11.0f}"

if __name__ == "__main__":
    main()
