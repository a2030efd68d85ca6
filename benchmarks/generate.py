"""Generate a synthetic portfolio site: N projects spread over programs, with
dependencies, milestones, risks and decisions, so builds can be measured at scale.

    python benchmarks/generate.py 1000 /tmp/pgm-1000   # writes mkdocs.yml + docs/
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

PROJECTS_PER_PROGRAM = 25


def generate(count: int, root: Path, *, seed: int = 7, plugin: bool = True) -> Path:
    rng = random.Random(seed)
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "programs").mkdir(parents=True)
    (docs / "projects").mkdir()
    (docs / "decisions").mkdir()
    programs = max(1, count // PROJECTS_PER_PROGRAM)
    (docs / "index.md").write_text("---\ntype: portfolio\nid: PF\nobjectives: [Grow, Simplify]\n---\n# Portfolio\n", encoding="utf-8")
    for p in range(programs):
        (docs / "programs" / f"prg-{p:03d}.md").write_text(
            f"""---
type: program
id: PRG-{p:03d}
owner: Owner {p}
governance: {{risk_threshold: 12, escalation: [PM, Sponsor]}}
benefits:
  - {{id: BEN-{p:03d}, title: Benefit {p}, kpi: Cost, baseline: 100, target: 80, unit: EUR}}
---
# Program {p}

Coordinates the projects of area {p}.
""",
            encoding="utf-8",
        )
    base = dt.date(2026, 1, 1)
    for i in range(count):
        program = i % programs
        start = base + dt.timedelta(days=rng.randrange(0, 600))
        end = start + dt.timedelta(days=rng.randrange(30, 400))
        deps = []
        if i >= programs:  # depend on an earlier project: a DAG, never a cycle
            deps.append(f"PRJ-{rng.randrange(0, i):05d}")
        risks = "\n".join(
            f"  - {{id: RSK-{i:05d}-{r}, title: Risk {r} of project {i}, probability: {rng.randint(1, 5)}, impact: {rng.randint(1, 5)}, owner: Owner {i}}}"
            for r in range(2)
        )
        (docs / "projects" / f"prj-{i:05d}.md").write_text(
            f"""---
type: project
id: PRJ-{i:05d}
program: PRG-{program:03d}
owner: Owner {i}
status: {rng.choice(["planned", "active", "active", "on-hold", "completed"])}
health: {rng.choice(["green", "green", "amber", "red"])}
start: {start.isoformat()}
end: {end.isoformat()}
progress: {rng.randrange(0, 100)}
depends_on: [{", ".join(deps)}]
contributes_to: [BEN-{program:03d}]
milestones:
  - {{title: Design done, date: {(start + dt.timedelta(days=20)).isoformat()}, status: done}}
  - {{title: Go live, date: {end.isoformat()}}}
risks:
{risks}
decisions:
  - {{id: DEC-{i:05d}, title: Approach of project {i}, status: accepted, date: {start.isoformat()}}}
---
# Project {i}

Delivers part of [[PRG-{program:03d}]]. Lorem ipsum dolor sit amet, consectetur adipiscing elit.

## Scope

Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.
""",
            encoding="utf-8",
        )
    plugins = "  - search\n  - pgm:\n      today: 2026-11-21\n" if plugin else "  - search\n"
    (root / "mkdocs.yml").write_text(
        f"site_name: Benchmark\ntheme:\n  name: material\n  features: [navigation.prune]\nplugins:\n{plugins}",
        encoding="utf-8",
    )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--no-plugin", action="store_true")
    args = parser.parse_args()
    generate(args.count, args.root, plugin=not args.no_plugin)


if __name__ == "__main__":
    main()
