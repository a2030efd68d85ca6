"""Time roadmap rendering on generated portfolios (core only, no MkDocs build).

    python benchmarks/bench_roadmap.py 100 1000 5000

For each size: the time to build the registry (parse + validate + link every
page), then to render the portfolio roadmap and every program page's roadmap,
and the ratio of the two. Quote ratios; these machines are noisy.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from mkdocs_pgm.core.model.loader import read_docs
from mkdocs_pgm.core.model.markdown_scan import Directive
from mkdocs_pgm.core.model.registry import Registry
from mkdocs_pgm.core.views.render import Renderer

from generate import generate


def main(sizes: list[int]) -> None:
    print(f"{'projects':>8} {'registry s':>10} {'portfolio s':>11} {'program pages s':>15} {'svg KB':>7} {'roadmaps/registry':>17}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = generate(size, Path(tmp))
            pages = list(read_docs(root / "docs"))
            started = time.perf_counter()
            registry = Registry.build(pages)
            built = time.perf_counter() - started
            renderer = Renderer(registry, lambda src: src.rsplit(".", 1)[0] + "/", today=dt.date(2026, 11, 21))
            started = time.perf_counter()
            portfolio = renderer.roadmap(Directive("roadmap", (), 0), "governance/roadmap/", "rm")
            whole = time.perf_counter() - started
            started = time.perf_counter()
            for program in registry.of_kind("program"):
                renderer.sections(program, "programs/x/")
            programs = time.perf_counter() - started
            print(f"{size:>8} {built:>10.2f} {whole:>11.3f} {programs:>15.2f} {len(portfolio.html) / 1024:>7.0f} {(whole + programs) / built:>17.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
