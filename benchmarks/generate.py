"""Generate a synthetic portfolio site: N projects spread over programs, with
dependencies, milestones, risks, decisions and governance data, so builds can
be measured at scale.

    python benchmarks/generate.py 1000 /tmp/pgm-1000   # writes mkdocs.yml + docs/

Every 25 projects make a program. Each program has a governance block
(escalation path, ``risk_threshold: 12``), 2-4 benefits (baseline, target,
actual, due) and a ``reviewed`` date. Each project has a baseline (end,
budget), a budget (planned, actual) with its progress, three milestones (some
overdue), 2-3 risks (probability and impact over 1-5, some open, some with a
mitigation), a ``reviewed`` date (some stale) and contributes to one or two of
its program's benefits. Every third project keeps one or two decision entries
(some ``proposed`` long ago, some superseded by the next), every fourth a
change request or two with their impact (some settled by a decision of the
same page), every fifth an issue and every sixth an assumption. Entry ids are
site-unique (``DEC-P00042-1``, ``CR-P00042-1``).

The output depends only on ``count`` and ``seed``. The fields the first
version generated (dates, dependencies, status, health, progress, the first two
risks' scores) come from the same random sequence as before; the governance
data comes from a second one, so adding it did not move the schedules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

PROJECTS_PER_PROGRAM = 25
TODAY = dt.date(2026, 11, 21)
"""The sites' ``today`` (set in mkdocs.yml), so that findings and KPIs do not depend on the day of the run."""

BENEFIT_KINDS = [  # (kpi, unit, baseline, target): some to raise, some to cut
    ("Running cost", "kEUR/year", 1200, 800),
    ("Online conversion", "%", 1.8, 2.6),
    ("Releases per month", "releases", 1, 20),
    ("Order lead time", "days", 12, 3),
    ("Customer satisfaction", "NPS", 21, 40),
    ("Manual steps per order", "steps", 9, 2),
]


def _day(date: dt.date, days: int) -> str:
    return (date + dt.timedelta(days=days)).isoformat()


def _program(p: int, benefits: int, g: random.Random) -> str:
    lines = []
    for k in range(1, benefits + 1):
        kpi, unit, baseline, target = BENEFIT_KINDS[(p + k) % len(BENEFIT_KINDS)]
        share = g.choice([0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.1])
        actual = round(baseline + (target - baseline) * share, 1)
        status = "realized" if share >= 1 else g.choice(["planned", "realizing", "realizing", "at-risk"])
        lines.append(
            f"  - {{id: BEN-{p:03d}-{k}, title: {kpi} of area {p}, kpi: {kpi}, baseline: {baseline}, target: {target}, "
            f"actual: {actual}, unit: \"{unit}\", due: {_day(TODAY, g.randrange(-120, 720))}, owner: Owner {p}, status: {status}}}"
        )
    body = "\n".join(lines)
    health = g.choice(["", "", "health: green\n", "health: amber\n"])  # unset: the worst of its projects'
    return f"""---
type: program
id: PRG-{p:03d}
owner: Owner {p}
{health}reviewed: {_day(TODAY, -g.randrange(5, 150))}
governance:
  risk_threshold: 12
  escalation: [Program manager, Sponsor, Steering committee]
  forums:
    - {{name: Steering review, cadence: monthly, chair: Sponsor {p}}}
benefits:
{body}
---
# Program {p}

Coordinates the projects of area {p}.
"""


def _risks(i: int, scores: list[tuple[int, int]], g: random.Random) -> str:
    if g.random() < 0.5:
        scores = [*scores, (g.randint(1, 5), g.randint(1, 5))]
    lines = []
    for r, (probability, impact) in enumerate(scores):
        status = g.choice(["open", "open", "open", "mitigated", "closed", "occurred"])
        extra = ""
        if g.random() < 0.6:
            extra += f", mitigation: Mitigation {r} of project {i}"
        if probability * impact >= 12 and status in ("open", "occurred") and g.random() < 0.5:
            extra += f", escalated: {_day(TODAY, -g.randrange(1, 60))}"
        lines.append(
            f"  - {{id: RSK-{i:05d}-{r}, title: Risk {r} of project {i}, probability: {probability}, impact: {impact}, "
            f"owner: Owner {i}, status: {status}, raised: {_day(TODAY, -g.randrange(10, 300))}{extra}}}"
        )
    return "\n".join(lines)


def _decisions(i: int, g: random.Random) -> tuple[str, list[str]]:
    """Decision entries of every third project, and their ids."""
    if i % 3:
        return "", []
    count = g.choice([1, 1, 2])
    ids = [f"DEC-P{i:05d}-{k}" for k in range(1, count + 1)]
    superseded = count == 2 and g.random() < 0.3
    lines = ["decisions:"]
    for k, ident in enumerate(ids, 1):
        extra = ""
        if superseded and k == 1:
            status = "superseded"
        elif superseded:
            status, extra = "accepted", f", supersedes: [{ids[0]}]"
        else:
            status = g.choice(["accepted", "accepted", "accepted", "proposed", "rejected"])
        date = _day(TODAY, -g.randrange(5, 400))
        lines.append(
            f"  - {{id: {ident}, title: Decision {k} of project {i}, status: {status}, date: {date}, "
            f"decision_makers: [Owner {i}, Sponsor]{extra}}}"
        )
    return "\n".join(lines) + "\n", ids


def _changes(i: int, decisions: list[str], g: random.Random) -> str:
    """Change requests of every fourth project; some name a decision of the same page."""
    if i % 4:
        return ""
    lines = ["changes:"]
    for k in range(1, g.choice([1, 1, 2]) + 1):
        status = g.choice(["requested", "requested", "approved", "rejected", "implemented"])
        decision = f"\n    decision: {g.choice(decisions)}" if decisions and status != "requested" else ""
        lines.append(f"""  - id: CR-P{i:05d}-{k}
    title: Change {k} of project {i}
    raised: {_day(TODAY, -g.randrange(5, 300))}
    status: {status}
    impact:
      schedule_days: {g.choice([0, 5, 10, 20, 30, 45, 60, 90])}
      cost: {g.randrange(0, 40) * 5000}
      scope: Scope change {k} of project {i}{decision}""")
    return "\n".join(lines) + "\n"


def _raid(i: int, g: random.Random) -> str:
    """An issue on every fifth project, an assumption on every sixth."""
    out = ""
    if i % 5 == 0:
        status = g.choice(["open", "open", "in-progress", "resolved"])
        out += (
            f"issues:\n  - {{id: ISS-P{i:05d}-1, title: Issue of project {i}, owner: Owner {i}, status: {status}, "
            f"raised: {_day(TODAY, -g.randrange(5, 200))}, due: {_day(TODAY, g.randrange(-30, 90))}}}\n"
        )
    if i % 6 == 0:
        status = g.choice(["open", "validated", "invalidated"])
        out += f"assumptions:\n  - {{id: ASM-P{i:05d}-1, title: Assumption of project {i}, owner: Owner {i}, status: {status}}}\n"
    return out


def _see_also(i: int) -> str:
    """The page after one with decisions links to its first decision (superseded ones are findings)."""
    return f" Follows [[DEC-P{i - 1:05d}-1]]." if i % 3 == 1 else ""


def generate(count: int, root: Path, *, seed: int = 7, plugin: bool = True) -> Path:
    rng = random.Random(seed)
    g = random.Random(seed * 7919 + 1)  # governance data: its own sequence (see the module docstring)
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "programs").mkdir(parents=True)
    (docs / "projects").mkdir()
    (docs / "decisions").mkdir()
    programs = max(1, count // PROJECTS_PER_PROGRAM)
    (docs / "index.md").write_text("---\ntype: portfolio\nid: PF\nobjectives: [Grow, Simplify]\n---\n# Portfolio\n", encoding="utf-8")
    benefits = [g.randint(2, 4) for _ in range(programs)]
    for p in range(programs):
        (docs / "programs" / f"prg-{p:03d}.md").write_text(_program(p, benefits[p], g), encoding="utf-8")
    base = dt.date(2026, 1, 1)
    for i in range(count):
        program = i % programs
        start = base + dt.timedelta(days=rng.randrange(0, 600))
        end = start + dt.timedelta(days=rng.randrange(30, 400))
        deps = []
        if i >= programs:  # depend on an earlier project: a DAG, never a cycle
            deps.append(f"PRJ-{rng.randrange(0, i):05d}")
        scores = [(rng.randint(1, 5), rng.randint(1, 5)) for _ in range(2)]
        status = rng.choice(["planned", "active", "active", "on-hold", "completed"])
        health = rng.choice(["green", "green", "amber", "red"])
        progress = rng.randrange(0, 100)
        if status == "completed":
            progress = 100

        slip = g.choice([0, 0, 0, g.randrange(5, 120), -g.randrange(5, 30)])
        approved = g.randrange(10, 400) * 5000
        planned = int(approved * g.choice([1.0, 1.0, 1.0, 1.1, 1.25, 0.95]))
        actual = int(planned * progress / 100 * g.uniform(0.8, 1.35))
        middle = start + (end - start) * 3 // 5
        design = start + dt.timedelta(days=20)
        middle_status = g.choice(["done", "done", "missed", "planned"]) if middle < TODAY else "planned"
        contributes = sorted(g.sample(range(1, benefits[program] + 1), g.choice([1, 1, 2])))
        decisions, decision_ids = _decisions(i, g)
        (docs / "projects" / f"prj-{i:05d}.md").write_text(
            f"""---
type: project
id: PRJ-{i:05d}
program: PRG-{program:03d}
owner: Owner {i}
status: {status}
health: {health}
start: {start.isoformat()}
end: {end.isoformat()}
baseline:
  end: {_day(end, -slip)}
  budget: {approved}
budget:
  planned: {planned}
  actual: {actual}
progress: {progress}
reviewed: {_day(TODAY, -g.randrange(5, 200))}
depends_on: [{", ".join(deps)}]
contributes_to: [{", ".join(f"BEN-{program:03d}-{k}" for k in contributes)}]
milestones:
  - {{title: Design done, date: {design.isoformat()}, status: {"done" if design < TODAY else "planned"}}}
  - {{title: Build complete, date: {middle.isoformat()}, status: {middle_status}}}
  - {{title: Go live, date: {end.isoformat()}{", status: done" if status == "completed" else ""}}}
risks:
{_risks(i, scores, g)}
{decisions}{_changes(i, decision_ids, g)}{_raid(i, g)}---
# Project {i}

Delivers part of [[PRG-{program:03d}]]. Lorem ipsum dolor sit amet, consectetur adipiscing elit.{_see_also(i)}

## Scope

Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.
""",
            encoding="utf-8",
        )
    plugins = f"  - search\n  - pgm:\n      today: {TODAY.isoformat()}\n" if plugin else "  - search\n"
    (root / "mkdocs.yml").write_text(
        f"site_name: Benchmark\ntheme:\n  name: material\n  features: [navigation.prune]\nplugins:\n{plugins}",
        encoding="utf-8",
    )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--no-plugin", action="store_true")
    args = parser.parse_args()
    generate(args.count, args.root, plugin=not args.no_plugin)


if __name__ == "__main__":
    main()
