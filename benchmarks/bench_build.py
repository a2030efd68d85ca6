"""Build generated portfolios with and without the plugin and report the ratio.

    python benchmarks/bench_build.py 100 1000        # sizes (default: 100 1000)

Both builds use the same pages and Material with navigation.prune; without the
plugin, the front matter is still there (MkDocs reads it) but nothing is
derived from it. Times are the best of ``--runs`` builds; quote the ratio,
not the seconds (these machines are noisy).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402


def build_time(root: Path, runs: int) -> float:
    best = float("inf")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(f"{'projects':>8} {'without s':>10} {'with s':>8} {'ratio':>6}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            plain = generate(size, Path(tmp) / "plain", plugin=False)
            ours = generate(size, Path(tmp) / "pgm", plugin=True)
            without = build_time(plain, args.runs)
            with_plugin = build_time(ours, args.runs)
            print(f"{size:>8} {without:>10.2f} {with_plugin:>8.2f} {with_plugin / without:>6.2f}")


if __name__ == "__main__":
    main()
