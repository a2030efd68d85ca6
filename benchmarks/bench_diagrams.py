"""Dependency diagrams at scale: build time with a cold and a warm Graphviz cache, and ``dot`` processes.

    python benchmarks/bench_diagrams.py              # 1,000 projects
    python benchmarks/bench_diagrams.py 300 1000     # several sizes
    python benchmarks/bench_diagrams.py 300 --runs 2

For each size, the same generated pages (``generate.py``) are built four ways,
each ``mkdocs build`` in its own process (like ``bench_build.py``):

* ``without plugin``: the pages, no ``pgm`` plugin (the baseline of the ratios);
* ``diagrams off``: the plugin with ``diagrams: false`` (what the diagrams add on top);
* ``cold cache``: the plugin, its cache folder (``.cache/pgm`` next to
  ``mkdocs.yml``) emptied first: every diagram is laid out by ``dot``;
* ``warm cache``: the same build again: every diagram comes from the cache folder.

Each build runs in a child process that wraps ``subprocess.run`` to count the
``dot`` processes it starts (``-Tsvg`` layouts and all ``dot`` calls, e.g.
``dot -V``), and reads the plugin's ``service.stats``: ``graphs`` counts every request
(each diagram is asked for once in ``on_files`` and again by its page, from memory),
``cached`` the answers that started no process, ``failed`` the diagrams not drawn
(a timeout or an error: the build warned about them). Times are the best of
``--runs`` builds, measured around the whole child process (interpreter start
included, as ``mkdocs build`` would be); quote the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate


def child(root: Path) -> None:
    """Build the site at ``root`` in this process; print what it cost as JSON on the last line."""
    import logging

    calls: list[list[str]] = []
    original = subprocess.run

    def counting_run(args: Any, *rest: Any, **kwargs: Any) -> Any:
        argv = [str(a) for a in args] if isinstance(args, (list, tuple)) else [str(args)]
        if argv and os.path.basename(argv[0]) == "dot":
            calls.append(argv)
        return original(args, *rest, **kwargs)

    subprocess.run = counting_run  # type: ignore[assignment]
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.chdir(root)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    cfg = load_config(config_file=str(root / "mkdocs.yml"))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    seconds = time.perf_counter() - started
    stats: dict[str, Any] = {}
    plugin = cfg.plugins.get("pgm")
    service = getattr(plugin, "service", None)
    if service is not None:
        s = service.stats
        stats = {"graphs": s.graphs, "cache_hits": s.cache_hits, "failures": s.failures, "dot_seconds": s.seconds, "history": s.history}
    print(json.dumps({
        "build_seconds": seconds,
        "tsvg": sum(1 for argv in calls if "-Tsvg" in argv),
        "dot": len(calls),
        **stats,
    }))


def run_child(root: Path) -> tuple[float, dict[str, Any]]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", str(root)], cwd=root, env=env, check=True,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


def best(root: Path, runs: int, *, clear_cache: bool = False) -> tuple[float, dict[str, Any]]:
    results = []
    for _ in range(runs):
        if clear_cache:
            shutil.rmtree(root / ".cache", ignore_errors=True)
        results.append(run_child(root))
    return min(results, key=lambda r: r[0])


def cache_size(root: Path) -> tuple[int, int]:
    files = list((root / ".cache" / "pgm").glob("*/*.svg"))
    return len(files), sum(f.stat().st_size for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if shutil.which("dot") is None:
        sys.exit("Graphviz's dot is not on PATH: install Graphviz to measure the diagrams")
    print(f"cores: {os.cpu_count()}, {subprocess.run(['dot', '-V'], capture_output=True, text=True, check=False).stderr.strip()}")
    print(f"{'projects':>8}  {'build':<15} {'wall s':>7} {'build s':>7} {'ratio':>6} {'dot -Tsvg':>9} {'dot all':>7} {'graphs':>6} {'cached':>6} {'failed':>6}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            plain = generate(size, Path(tmp) / "plain", plugin=False)
            ours = generate(size, Path(tmp) / "pgm", plugin=True)
            off = generate(size, Path(tmp) / "off", plugin=True)
            config = off / "mkdocs.yml"
            config.write_text(re.sub(r"(today: \S+\n)", r"\1      diagrams: false\n", config.read_text(encoding="utf-8")), encoding="utf-8")
            rows = [
                ("without plugin", *best(plain, args.runs)),
                ("diagrams off", *best(off, args.runs)),
                ("cold cache", *best(ours, args.runs, clear_cache=True)),
                ("warm cache", *best(ours, args.runs)),
            ]
            baseline = rows[0][1]
            for name, wall, info in rows:
                if "graphs" in info:
                    dots = f"{info['tsvg']:>9} {info['dot']:>7} {info['graphs']:>6} {info['cache_hits']:>6} {info['failures']:>6}"
                else:
                    dots = f"{'-':>9} {info['dot']:>7} {'-':>6} {'-':>6} {'-':>6}"
                print(f"{size:>8}  {name:<15} {wall:>7.2f} {info['build_seconds']:>7.2f} {wall / baseline:>6.2f} {dots}")
            files, size_bytes = cache_size(ours)
            print(f"{'':>8}  cache: {files} SVG files, {size_bytes / 1024:.0f} KB in .cache/pgm")


if __name__ == "__main__":
    main()
