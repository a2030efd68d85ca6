"""Full and dirty builds of generated portfolios, with the plugin and without it: time and peak memory ratios.

    python benchmarks/bench_build.py                     # 1,000 projects, synthetic profile
    python benchmarks/bench_build.py --profile realworld # 620 projects, about 1,400 pages
    python benchmarks/bench_build.py 1000 5000           # sizes
    python benchmarks/bench_build.py 1000 --runs 3       # three rounds, median ratios
    python benchmarks/bench_build.py 5000 --only plain,warm --check-runs 0
    python benchmarks/bench_build.py 620 --profile realworld --only plain,warm,dirty,navprog

For each size, the same pages (``generate.py``, ``--profile synthetic`` or
``realworld``; a size is a number of projects) are built, each as ``mkdocs
build -q`` in its own process (``NO_MKDOCS_2_WARNING=1``), Material with
``navigation.prune``:

* ``plain``: no ``pgm`` plugin (the front matter is still read, nothing is
  derived from it): the baseline of every full build's ratio;
* ``cold``: the plugin, its diagram cache (``.cache/pgm``) emptied first, so
  every diagram is laid out by ``dot``;
* ``warm``: the plugin again, right after ``cold``: every diagram comes from the cache;
* ``dirty``: right after ``warm``, one project page is edited (its ``end``
  date moves by 30 days, its mtime forward) and ``mkdocs build --dirty -q``
  rebuilds the plugin's site; the same edit on the plugin-free site, right
  after its full ``plain`` build, gives the ``without plugin, --dirty`` row,
  the baseline of the ``dirty`` ratio (the edits add up over rounds, the same
  on both sites);
* ``nostatus``: ``warm`` with ``material_status: false`` (the same site and
  diagram cache): what the navigation's status badges cost;
* ``navprog``: ``warm`` with ``nav_by_program: true`` (the same site and
  diagram cache): the navigation grouped by program;
* ``off``: the plugin with ``diagrams: false``.

A round builds ``plain, cold, warm, dirty, nostatus, navprog, off`` one after
the other and each ratio is taken inside its round (plugin-free and plugin
builds interleaved), so a burst of load on these shared machines skews one
round, not one configuration; with several rounds the table shows the median
ratio and the range. ``warm``, ``dirty``, ``nostatus`` and ``navprog`` bring
``cold`` with them, ``dirty`` brings ``plain`` and ``warm``. Every build starts
with the previous build's site folder in place (a first, uncounted build of a
10-project site warms the interpreter's files). A configuration that fails
(its build exits non-zero, or MkDocs does not know one of its plugin options,
checked once before the rounds) shows as a FAILED row with the reason; the
others are measured as usual.

Measured around each build process, with ``os.wait4``: wall seconds, CPU
seconds (user + system, the ``dot`` processes included) and peak memory
(``ru_maxrss``, the largest of the build and the ``dot`` processes it
waited for). Then ``mkdocs-pgm check docs`` on the same pages, ``--check-runs``
times (median). Quote the ratios, not the seconds.

Targets (issue): warm build at most 1.15x the plugin-free build, cold at most
1.3x, peak memory at most 2x the plugin-free build's, a dirty rebuild after
editing one page at most 1.2x the plugin-free dirty rebuild; ``check`` under
5 s at 5,000 projects.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from generate import PROFILES, REALWORLD_PROJECTS, generate

CONFIGS = ("plain", "cold", "warm", "dirty", "nostatus", "navprog", "off")
LABELS = {
    "plain": "without plugin",
    "cold": "plugin, cold diagram cache",
    "warm": "plugin, warm diagram cache",
    "plaindirty": "without plugin, --dirty",
    "dirty": "plugin, --dirty after warm",
    "nostatus": "warm, material_status: false",
    "navprog": "warm, nav_by_program: true",
    "off": "plugin, diagrams: false",
}
BASE = {"plaindirty": "plain", "dirty": "plaindirty"}
"""The build each row is a ratio of (default ``plain``)."""
TARGETS = {"warm": 1.15, "cold": 1.3, "dirty": 1.2}
RSS_TARGET = 2.0
"""Peak memory of a plugin build with a time target, against its baseline's."""
DEFAULT_SIZE = {"synthetic": 1000, "realworld": REALWORLD_PROJECTS}
OPTIONS = {"nostatus": "material_status: false", "navprog": "nav_by_program: true"}
"""Configurations that build the warm site with one more plugin option, from ``mkdocs-NAME.yml``."""
END = re.compile(r"^end: (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


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


@dataclass
class Failure:
    """A configuration that did not build: why, in one line."""

    reason: str


def last_lines(log: Path, count: int = 2) -> str:
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return " | ".join(lines[-count:]) or "no output"


def build(root: Path, name: str, *, dirty: bool = False) -> Run | Failure:
    """``mkdocs build -q`` of the configuration ``name`` in ``root`` (``--dirty``: only the pages changed since the last build)."""
    if name == "cold":
        shutil.rmtree(root / ".cache", ignore_errors=True)
    log = root.parent / f"{root.name}-{name}.log"
    options = ["-f", f"mkdocs-{name}.yml"] if name in OPTIONS else []
    run = measure([sys.executable, "-m", "mkdocs", "build", "-q", *options, *(["--dirty"] if dirty else [])], root, log)
    if run.returncode:
        return Failure(f"mkdocs build exited {run.returncode}: {last_lines(log)}")
    return run


def edit_page(root: Path) -> str:
    """Move the ``end`` of the first project page that has a full date 30 days later; its mtime moves forward.

    The page is the same on every site of a size (the same pages), and stays the first one.
    """
    for page in sorted((root / "docs" / "projects").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        front, sep, body = text.partition("\n---\n")
        match = END.search(front)
        if match is None:
            continue
        moved = (dt.date.fromisoformat(match.group(1)) + dt.timedelta(days=30)).isoformat()
        before = page.stat().st_mtime
        page.write_text(f"{front[: match.start(1)]}{moved}{front[match.end(1) :]}{sep}{body}", encoding="utf-8")
        stamp = max(time.time(), before) + 1  # newer than the page built from it, whatever the clock's resolution
        os.utime(page, (stamp, stamp))
        return page.name
    raise SystemExit(f"no project page with an end date in {root}")


def config_problem(root: Path, config: str) -> str | None:
    """Why MkDocs would not take the plugin options of ``config`` (an unknown option is only a warning to it), or None."""
    script = (
        "import logging, sys\n"
        "from mkdocs.config import load_config\n"
        "class Keep(logging.Handler):\n"
        "    def emit(self, record):\n"
        "        print(record.getMessage())\n"
        "logging.getLogger('mkdocs').addHandler(Keep(logging.WARNING))\n"
        "load_config(sys.argv[1])\n"
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-c", script, config], cwd=root, env=env, capture_output=True, text=True, check=False)
    unknown = [line for line in done.stdout.splitlines() if "Unrecognised configuration name" in line]
    if unknown:
        return "; ".join(unknown)
    if done.returncode:
        return f"configuration refused: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    return None


def with_option(root: Path, name: str, option: str) -> None:
    """``mkdocs-NAME.yml``: the site's ``mkdocs.yml`` with one more option of the pgm plugin."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / f"mkdocs-{name}.yml").write_text(re.sub(r"(today: \S+\n)", rf"\g<1>      {option}\n", text), encoding="utf-8")


def sites(size: int, tmp: Path, configs: list[str], profile: str) -> dict[str, Path]:
    roots: dict[str, Path] = {}
    if "plain" in configs:
        roots["plain"] = roots["plaindirty"] = generate(size, tmp / "plain", plugin=False, profile=profile)
    if any(c in configs for c in ("cold", "warm", "dirty", *OPTIONS)):
        roots["cold"] = roots["warm"] = roots["dirty"] = generate(size, tmp / "pgm", plugin=True, profile=profile)
    for name, option in OPTIONS.items():  # the warm site again, other options: its diagram cache is warm too
        if name in configs:
            with_option(roots["warm"], name, option)
            roots[name] = roots["warm"]
    if "off" in configs:
        off = generate(size, tmp / "off", plugin=True, profile=profile)
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


def configurations(only: str) -> tuple[list[str], list[str]]:
    """The builds of a round, in order (with the ones they need), and the rows of the table."""
    wanted = set(only.split(","))
    if "dirty" in wanted:  # a dirty rebuild follows the full builds of both sites
        wanted |= {"plain", "warm"}
    if wanted & {"warm", "dirty", *OPTIONS}:  # warm means: right after a cold build
        wanted.add("cold")
    configs = [c for c in CONFIGS if c in wanted]
    rows = [r for c in configs for r in (("plaindirty", "dirty") if c == "dirty" else (c,))]
    return configs, rows


def table(size: int, rounds: int, rows: list[str], runs: dict[str, list[Run | Failure]]) -> None:
    print(f"\n{size} projects, {rounds} round(s); ratios to the build named under 'against', of the same round")
    print(f"{'build':<28} {'against':<14} {'wall s':>8} {'wall ratio':>16} {'CPU ratio':>16} {'max RSS MB':>10} {'RSS ratio':>16}  target")
    for name in rows:
        own = runs[name]
        failures = [r for r in own if isinstance(r, Failure)]
        if failures:
            print(f"{LABELS[name]:<28} FAILED in {len(failures)} of {len(own)} round(s): {failures[-1].reason}")
        done = [r for r in own if isinstance(r, Run)]
        if not done:
            continue
        base = BASE.get(name, "plain")
        pairs = [(r, b) for r, b in zip(own, runs.get(base, []), strict=False) if isinstance(r, Run) and isinstance(b, Run)]
        wall = cpu = rss = "-"
        target = ""
        if pairs:
            wall = spread([r.wall / b.wall for r, b in pairs])
            cpu = spread([r.cpu / b.cpu for r, b in pairs])
            rss = spread([r.max_rss_kb / b.max_rss_kb for r, b in pairs])
            if name in TARGETS:
                ratio = statistics.median(r.wall / b.wall for r, b in pairs)
                memory = statistics.median(r.max_rss_kb / b.max_rss_kb for r, b in pairs)
                target = (f"{'met' if ratio <= TARGETS[name] else 'MISSED'} ≤{TARGETS[name]}, "
                          f"RSS {'met' if memory <= RSS_TARGET else 'MISSED'} ≤{RSS_TARGET:g}")
        print(f"{LABELS[name]:<28} {(base if pairs else '-'):<14} {spread([r.wall for r in done], '{:.1f}'):>8} {wall:>16} {cpu:>16} "
              f"{statistics.median(r.max_rss_kb for r in done) / 1024:>10.0f} {rss:>16}  {target}")


def rounds(size: int, count: int, roots: dict[str, Path], configs: list[str], rows: list[str], refused: dict[str, str]) -> dict[str, list[Run | Failure]]:
    """Build ``configs`` one after the other, ``count`` times; every row's runs, a Failure where it did not build."""
    runs: dict[str, list[Run | Failure]] = {r: [] for r in rows}

    def record(name: str, run: Run | Failure, round_: int) -> None:
        runs[name].append(run)
        head = f"  {size} projects, round {round_ + 1}: {LABELS[name]:<28}"
        if isinstance(run, Failure):
            print(f"{head} FAILED: {run.reason}", flush=True)
        else:
            print(f"{head} {run.wall:>7.1f} s wall {run.cpu:>7.1f} s CPU {run.max_rss_kb / 1024:>7.0f} MB", flush=True)

    for round_ in range(count):
        for name in configs:
            if name in refused:
                record(name, Failure(refused[name]), round_)
            elif name == "dirty":  # each site right after its full build: the same edit, then --dirty
                page = edit_page(roots["plaindirty"])
                record("plaindirty", build(roots["plaindirty"], "plaindirty", dirty=True), round_)
                if edit_page(roots["dirty"]) != page:
                    sys.exit(f"the edited pages differ: {page} on the plugin-free site")
                record("dirty", build(roots["dirty"], "dirty", dirty=True), round_)
                if round_ == 0:
                    print(f"    (dirty: docs/projects/{page}, end + 30 days)")
            else:
                record(name, build(roots[name], name), round_)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, help="projects per site (default: 1000 synthetic, 620 realworld)")
    parser.add_argument("--profile", choices=PROFILES, default="synthetic", help="the shape of the generated sites (default: synthetic)")
    parser.add_argument("--runs", type=int, default=1, help="rounds of builds per size (default 1)")
    parser.add_argument("--only", default=",".join(CONFIGS), help=f"configurations to build, from {','.join(CONFIGS)}")
    parser.add_argument("--check-runs", type=int, default=3, help="runs of mkdocs-pgm check per size (0: none)")
    args = parser.parse_args()
    unknown = set(args.only.split(",")) - set(CONFIGS)
    if unknown:
        parser.error(f"unknown configuration(s) {', '.join(sorted(unknown))}: expected some of {','.join(CONFIGS)}")
    configs, rows = configurations(args.only)
    sizes = args.sizes or [DEFAULT_SIZE[args.profile]]
    if shutil.which("dot") is None and "cold" in configs:
        print("note: Graphviz's dot is not on PATH: the diagrams are notices, cold and warm builds do not lay out anything")
    print(f"cores: {os.cpu_count()}, load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; code: {revision()}; "
          f"profile: {args.profile}")

    with tempfile.TemporaryDirectory() as tmp:
        warmup = generate(10, Path(tmp) / "warmup", plugin=True, profile=args.profile)
        first = build(warmup, "warmup")
        if isinstance(first, Failure):
            sys.exit(f"the warm-up build failed: {first.reason}")
        for size in sizes:
            roots = sites(size, Path(tmp) / str(size), configs, args.profile)
            pages = sum(1 for _ in (roots.get("warm") or roots.get("plain") or roots["off"]).glob("docs/**/*.md"))
            print(f"{size} projects: {pages} pages")
            refused = {name: problem for name in OPTIONS if name in configs and (problem := config_problem(roots[name], f"mkdocs-{name}.yml"))}
            runs = rounds(size, args.runs, roots, configs, rows, refused)
            table(size, args.runs, rows, runs)
            if args.check_runs:
                root = roots.get("warm") or roots.get("off") or generate(size, Path(tmp) / str(size) / "pgm", plugin=True, profile=args.profile)
                checks = [measure([sys.executable, "-m", "mkdocs_pgm.cli", "check", "docs"], root, root.parent / "check.log")
                          for _ in range(args.check_runs)]
                seconds = [c.wall for c in checks]
                verdict = "" if size != 5000 else f" (target < 5 s: {'met' if statistics.median(seconds) < 5 else 'MISSED'})"
                print(f"mkdocs-pgm check docs: {spread(seconds)} s wall, median of {len(checks)}, "
                      f"{statistics.median(c.max_rss_kb for c in checks) / 1024:.0f} MB max RSS, exit {checks[-1].returncode}{verdict}")
            print(flush=True)


if __name__ == "__main__":
    main()
