"""Full builds of generated portfolios, with the plugin and without it: time and peak memory ratios.

    python benchmarks/bench_build.py                     # 1,000 projects
    python benchmarks/bench_build.py 1000 5000           # sizes
    python benchmarks/bench_build.py 1000 --runs 3       # three rounds, median ratios
    python benchmarks/bench_build.py 5000 --only plain,warm --check-runs 0

For each size, the same pages (``generate.py``) are built, each as ``mkdocs
build -q`` in its own process (``NO_MKDOCS_2_WARNING=1``), Material with
``navigation.prune``:

* ``plain``: no ``pgm`` plugin (the front matter is still read, nothing is
  derived from it): the baseline of every ratio;
* ``cold``: the plugin, its diagram cache (``.cache/pgm``) emptied first, so
  every diagram is laid out by ``dot``;
* ``warm``: the plugin again, right after ``cold``: every diagram comes from the cache;
* ``nostatus``: ``warm`` with ``material_status: false`` (the same site and
  diagram cache): what the navigation's status badges cost;
* ``off``: the plugin with ``diagrams: false``.

A round builds ``plain, cold, warm, nostatus, off`` one after the other and each ratio
is taken inside its round (plugin-free and plugin builds interleaved), so a
burst of load on these shared machines skews one round, not one configuration;
with several rounds the table shows the median ratio and the range. Every
build starts with the previous build's site folder in place (a first,
uncounted build of a 10-project site warms the interpreter's files).

Measured around each build process, with ``os.wait4``: wall seconds, CPU
seconds (user + system, the ``dot`` processes included) and peak memory
(``ru_maxrss``, the largest of the build and the ``dot`` processes it
waited for). Then ``mkdocs-pgm check docs`` on the same pages, ``--check-runs``
times (median). Quote the ratios, not the seconds.

Targets (issue): warm build at most 1.15x the plugin-free build, cold at most
1.5x, ``check`` under 5 s at 5,000 projects.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

CONFIGS = ("plain", "cold", "warm", "nostatus", "off")
LABELS = {
    "plain": "without plugin",
    "cold": "plugin, cold diagram cache",
    "warm": "plugin, warm diagram cache",
    "nostatus": "warm, material_status: false",
    "off": "plugin, diagrams: false",
}
TARGETS = {"warm": 1.15, "cold": 1.5}


@dataclass
class Run:
    wall: float
    cpu: float
    max_rss_kb: int
    returncode: int


def measure(command: list[str], cwd: Path, log: Path) -> Run:
    """Run ``command``; wall and CPU seconds and peak memory of it (and of the children it waited for)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode)


def build(root: Path, name: str) -> Run:
    if name == "cold":
        shutil.rmtree(root / ".cache", ignore_errors=True)
    log = root.parent / f"{root.name}-{name}.log"
    options = ["-f", "mkdocs-nostatus.yml"] if name == "nostatus" else []
    run = measure([sys.executable, "-m", "mkdocs", "build", "-q", *options], root, log)
    if run.returncode:
        sys.exit(f"mkdocs build failed in {root} ({name}):\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
    return run


def sites(size: int, tmp: Path, configs: list[str]) -> dict[str, Path]:
    roots: dict[str, Path] = {}
    if "plain" in configs:
        roots["plain"] = generate(size, tmp / "plain", plugin=False)
    if "cold" in configs or "warm" in configs:
        roots["cold"] = roots["warm"] = generate(size, tmp / "pgm", plugin=True)
    if "nostatus" in configs:  # the warm site again, other options: its diagram cache is warm too
        warm = roots.setdefault("warm", generate(size, tmp / "pgm", plugin=True))
        text = (warm / "mkdocs.yml").read_text(encoding="utf-8")
        (warm / "mkdocs-nostatus.yml").write_text(re.sub(r"(today: \S+\n)", r"\1      material_status: false\n", text), encoding="utf-8")
        roots["nostatus"] = warm
    if "off" in configs:
        off = generate(size, tmp / "off", plugin=True)
        config = off / "mkdocs.yml"
        config.write_text(re.sub(r"(today: \S+\n)", r"\1      diagrams: false\n", config.read_text(encoding="utf-8")), encoding="utf-8")
        roots["off"] = off
    return roots


def revision() -> str:
    """The commit measured, and whether the plugin's files differ from it (the working tree is what runs)."""
    here = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "mkdocs_pgm"], cwd=here, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' + uncommitted changes in mkdocs_pgm/' if dirty else ''}"


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    """The median, and the range when there are several values."""
    middle = fmt.format(statistics.median(values))
    return middle if len(values) == 1 else f"{middle} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--runs", type=int, default=1, help="rounds of builds per size (default 1)")
    parser.add_argument("--only", default=",".join(CONFIGS), help=f"configurations to build, from {','.join(CONFIGS)}")
    parser.add_argument("--check-runs", type=int, default=3, help="runs of mkdocs-pgm check per size (0: none)")
    args = parser.parse_args()
    configs = [c for c in CONFIGS if c in args.only.split(",")]
    for warm in ("warm", "nostatus"):
        if warm in configs and "cold" not in configs:
            configs.insert(configs.index(warm), "cold")  # warm means: right after a cold build
    if shutil.which("dot") is None and ("cold" in configs or "warm" in configs):
        print("note: Graphviz's dot is not on PATH: the diagrams are notices, cold and warm builds do not lay out anything")
    print(f"cores: {os.cpu_count()}, load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; code: {revision()}")

    with tempfile.TemporaryDirectory() as tmp:
        warmup = generate(10, Path(tmp) / "warmup", plugin=True)
        build(warmup, "warmup")
        for size in args.sizes:
            roots = sites(size, Path(tmp) / str(size), configs)
            runs: dict[str, list[Run]] = {c: [] for c in configs}
            for round_ in range(args.runs):
                for name in configs:
                    run = build(roots[name], name)
                    runs[name].append(run)
                    print(f"  {size} projects, round {round_ + 1}: {LABELS[name]:<28} {run.wall:>7.1f} s wall {run.cpu:>7.1f} s CPU "
                          f"{run.max_rss_kb / 1024:>7.0f} MB", flush=True)
            print(f"\n{size} projects, {args.runs} round(s); ratios to the plugin-free build of the same round")
            print(f"{'build':<28} {'wall s':>8} {'wall ratio':>16} {'CPU ratio':>16} {'max RSS MB':>10} {'RSS ratio':>16} {'target':>7}")
            for name in configs:
                own = runs[name]
                if "plain" in runs:
                    base = runs["plain"]
                    wall = spread([r.wall / b.wall for r, b in zip(own, base, strict=True)])
                    cpu = spread([r.cpu / b.cpu for r, b in zip(own, base, strict=True)])
                    rss = spread([r.max_rss_kb / b.max_rss_kb for r, b in zip(own, base, strict=True)])
                else:
                    wall = cpu = rss = "-"
                target = ""
                if name in TARGETS and "plain" in runs:
                    ratio = statistics.median(r.wall / b.wall for r, b in zip(own, runs["plain"], strict=True))
                    target = f"{'met' if ratio <= TARGETS[name] else 'MISSED'} ≤{TARGETS[name]}"
                print(f"{LABELS[name]:<28} {spread([r.wall for r in own], '{:.1f}'):>8} {wall:>16} {cpu:>16} "
                      f"{statistics.median(r.max_rss_kb for r in own) / 1024:>10.0f} {rss:>16} {target:>7}")
            if args.check_runs:
                root = roots.get("warm") or roots.get("off") or generate(size, Path(tmp) / str(size) / "pgm", plugin=True)
                checks = [measure([sys.executable, "-m", "mkdocs_pgm.cli", "check", "docs"], root, root.parent / "check.log")
                          for _ in range(args.check_runs)]
                seconds = [c.wall for c in checks]
                verdict = "" if size != 5000 else f" (target < 5 s: {'met' if statistics.median(seconds) < 5 else 'MISSED'})"
                print(f"mkdocs-pgm check docs: {spread(seconds)} s wall, median of {len(checks)}, "
                      f"{statistics.median(c.max_rss_kb for c in checks) / 1024:.0f} MB max RSS, exit {checks[-1].returncode}{verdict}")
            print(flush=True)


if __name__ == "__main__":
    main()
