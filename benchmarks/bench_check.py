"""Time ``mkdocs-pgm check`` on generated portfolios (ratio to reading the files alone).

    python benchmarks/bench_check.py 100 1000 5000
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate


def best_of(runs: int, command: list[str], cwd: Path) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    return best


def main(counts: list[int]) -> None:
    print(f"{'projects':>8} {'check s':>8} {'python -c pass s':>16} {'ratio':>6}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = generate(count, Path(tmp))
            check = best_of(3, [sys.executable, "-m", "mkdocs_pgm.cli", "check", "docs"], root)
            startup = best_of(3, [sys.executable, "-c", "import mkdocs_pgm.cli"], root)
            print(f"{count:>8} {check:>8.2f} {startup:>16.2f} {check / startup:>6.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
