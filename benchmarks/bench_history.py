"""What reading the git history costs a build: a warm ``mkdocs build`` with ``history: true``
against ``history: false`` on the same pages, and the first (cold) read.

    python benchmarks/bench_history.py                        # 1,000 projects, 500 commits, 3 rounds
    python benchmarks/bench_history.py 100 --commits 50 --runs 1   # a quick check that it works

The site is ``generate.py``'s synthetic portfolio of N projects in a new git repository: one
commit of every page, then ``--commits`` commits (dated one day apart, 2025-07-01 on, so the
history is the same on every run) that each change the front matter of 1-3 project pages:
an end date moves (-7 to +30 days), the health changes, or a risk's probability changes.

Both sites share the pages and the repository, each with its own ``cache_dir`` (``.cache/on``,
``.cache/off``) so that each build is warm for itself. After one uncounted build of each, a round
builds, each as ``mkdocs build -q`` in its own process (``NO_MKDOCS_2_WARNING=1``):

* ``off``: ``history: false``;
* ``warm``: ``history: true``, the history cache (``.cache/on/history``) filled by the build before;
* ``cold``: ``history: true`` with the history cache emptied first (the page fragments stay
  cached: they do not depend on the cache of the history, only on what it holds).

Each ratio is CPU time (user + system, children included) against ``off`` in the same round;
the table shows the median and range over ``--runs`` rounds. Then the history read alone, in
this process (:class:`mkdocs_pgm.core.history.git.Reader`): cold (an empty cache folder) and warm
(a new reader on the cache the cold one wrote, as a new build process would be).

Target (issue "Governance over time"): history adds at most 10 % to a warm build (``warm`` ≤ 1.10).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import measure

from mkdocs_pgm.core.history.git import Reader
from mkdocs_pgm.core.model.registry import ParseOptions

from generate import generate

TARGET = 1.10
FIRST_DAY = "2025-07-01"
END = re.compile(r"^end: (\d{4})-(\d{2})-(\d{2})$", re.MULTILINE)
HEALTH = re.compile(r"^health: (\w+)$", re.MULTILINE)
PROBABILITY = re.compile(r"probability: (\d)")


def git(root: Path, *args: str, day: str = FIRST_DAY) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z", "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false", *args],
        env=env, capture_output=True, text=True, check=True,
    )
    return done.stdout


def _edit(text: str, g: random.Random) -> str:
    """One change of a project page's front matter: its end date, its health or a risk's probability."""
    kind = g.choice(("end", "end", "health", "risk"))
    if kind == "end" and (found := END.search(text)):
        day = dt.date(*map(int, found.groups())) + dt.timedelta(days=g.choice((-7, 7, 14, 21, 30)))
        return text[:found.start()] + f"end: {day.isoformat()}" + text[found.end():]
    if kind == "health" and (found := HEALTH.search(text)):
        health = g.choice([h for h in ("green", "amber", "red") if h != found.group(1)])
        return text[:found.start()] + f"health: {health}" + text[found.end():]
    if found := PROBABILITY.search(text):
        value = g.choice([v for v in "12345" if v != found.group(1)])
        return text[:found.start()] + f"probability: {value}" + text[found.end():]
    return text


def make_repository(count: int, commits: int, root: Path, seed: int = 11) -> None:
    """The pages, their first commit and ``commits`` commits of front-matter changes; the two mkdocs.yml."""
    generate(count, root)
    base = (root / "mkdocs.yml").read_text(encoding="utf-8")
    for name, value in (("on", "true"), ("off", "false")):
        text = base.replace("  - pgm:\n", f"  - pgm:\n      history: {value}\n      cache_dir: .cache/{name}\n", 1)
        assert text != base, "generate.py's mkdocs.yml changed: update bench_history.py"
        (root / f"mkdocs-{name}.yml").write_text(text, encoding="utf-8")
    (root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "All pages")
    g = random.Random(seed)
    projects = sorted((root / "docs" / "projects").glob("*.md"))
    first = dt.date.fromisoformat(FIRST_DAY)
    for i in range(commits):
        day = (first + dt.timedelta(days=i + 1)).isoformat()
        changed = g.sample(projects, min(len(projects), g.randint(1, 3)))
        for path in changed:
            path.write_text(_edit(path.read_text(encoding="utf-8"), g), encoding="utf-8")
        git(root, "add", "-A", day=day)
        git(root, "commit", "-q", "--allow-empty", "-m", f"Update {len(changed)} page(s)", day=day)


def build(root: Path, name: str, log: Path) -> float:
    run = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"mkdocs-{name}.yml"], root, log)
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build -f mkdocs-{name}.yml failed (exit {run.returncode}); see {log}")
    return run.cpu


def spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def read_alone(root: Path) -> tuple[float, float, int, int]:
    """The history read in this process: cold and warm seconds, commits, page versions read cold."""
    with tempfile.TemporaryDirectory() as cache:
        reader = Reader(str(root / "docs"), cache, ParseOptions.of())
        started = time.perf_counter()
        history = reader.read()
        cold = time.perf_counter() - started
        blobs = reader.blobs_read
        started = time.perf_counter()
        Reader(str(root / "docs"), cache, ParseOptions.of()).read()
        warm = time.perf_counter() - started
    return cold, warm, history.commits, blobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, nargs="?", default=1000, help="projects (default 1,000)")
    parser.add_argument("--commits", type=int, default=500, help="commits of front-matter changes (default 500)")
    parser.add_argument("--runs", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--keep", type=Path, help="build in this folder (emptied first) and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pgm-history-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    root = work / "site"
    try:
        started = time.perf_counter()
        make_repository(args.count, args.commits, root)
        print(f"{args.count} projects, {args.commits + 1} commits written in {time.perf_counter() - started:.1f} s")
        build(root, "off", work / "off.log")  # uncounted: fills each site's caches
        build(root, "on", work / "on.log")
        warm: list[float] = []
        cold: list[float] = []
        for round_ in range(args.runs):
            off = build(root, "off", work / "off.log")
            on = build(root, "on", work / "on.log")
            shutil.rmtree(root / ".cache" / "on" / "history", ignore_errors=True)
            first = build(root, "on", work / "cold.log")
            warm.append(on / off)
            cold.append(first / off)
            print(f"round {round_ + 1}: off {off:.1f} s, warm {on:.1f} s ({on / off:.2f}), cold read {first:.1f} s ({first / off:.2f}) CPU")
        print()
        print("| build (CPU, against history: false) | ratio | target |")
        print("|---|---:|---:|")
        met = "met" if statistics.median(warm) <= TARGET else "**missed**"
        print(f"| warm, history: true | {spread(warm)} | ≤ {TARGET}: {met} |")
        print(f"| cold history cache (first read) | {spread(cold)} | |")
        seconds_cold, seconds_warm, commits, blobs = read_alone(root)
        print()
        print(f"History read alone: {commits} commits, {blobs} page versions; cold {seconds_cold:.2f} s, warm {seconds_warm:.2f} s "
              f"(ratio {seconds_cold / max(seconds_warm, 1e-9):.1f})")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
