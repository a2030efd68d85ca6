"""Generate a portfolio site of N projects, so builds can be measured at scale.

    python benchmarks/generate.py 1000 /tmp/pgm-1000                     # writes mkdocs.yml + docs/
    python benchmarks/generate.py 620 /tmp/rw --profile realworld        # about 1,400 pages
    python benchmarks/generate.py 620 /tmp/rw-plain --profile realworld --no-plugin

``--no-plugin`` writes the same pages with a ``mkdocs.yml`` without ``pgm``.
Two profiles (``generate(count, root, profile=...)``):

``synthetic`` (the default): every project dense with data, projects spread
evenly over programs, a one-line body.

``realworld``: the shape of a real site of about 1,400 pages at its default
size of 620 projects, scaled with N (programs and decision records in
proportion): 22 programs of very different sizes (126, 118 and 104 projects
down to 2), 736 decision records as pages of their own (``type: decision``,
MADR style, ids ``ADR-0001``), most standalone, some in supersede chains of
2-6 records (each names the one before in ``supersedes``; all but the last
are ``superseded``, a few in MADR's ``superseded by ADR-…`` form), scoped to
a few projects each, many to none. Each project page has about 2 KB of prose
(paragraphs, headings, a list, sometimes a table) with a few ``[[ID]]``
references (its program, a peer, a current decision, a dependency) and
sparse front matter: 45 % carry no dates, about a fifth milestones, some
risks, budgets, links; months and quarters among the dates; half without an
``id`` (the file name's). Eight untyped guide pages; Material with
``admonition``, ``attr_list``, ``tables`` and ``toc`` permalinks.

The synthetic profile: every 25 projects make a program. Each program has a governance block
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

The output depends only on ``count``, ``seed`` and the profile. The fields the first
version generated (dates, dependencies, status, health, progress, the first two
risks' scores) come from the same random sequence as before; the governance
data comes from a second one, so adding it did not move the schedules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

PROFILES = ("synthetic", "realworld")
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


def generate(count: int, root: Path, *, seed: int = 7, plugin: bool = True, profile: str = "synthetic") -> Path:
    """Write ``root/mkdocs.yml`` and ``root/docs`` for ``count`` projects; ``plugin=False``: the same pages without ``pgm``."""
    if profile == "realworld":
        return _realworld(count, root, seed, plugin)
    if profile != "synthetic":
        raise ValueError(f"unknown profile {profile!r}: expected one of {', '.join(PROFILES)}")
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


# --------------------------------------------------------------------------
# The "realworld" profile: the shape of a real site of about 1,400 pages.
# --------------------------------------------------------------------------

REALWORLD_PROJECTS = 620
"""Projects at the realworld profile's default size (22 programs, 736 decision records: about 1,400 pages)."""
REALWORLD_PROGRAM_SIZES = (126, 118, 104, 61, 44, 30, 22, 18, 15, 13, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 2, 2)
"""Projects per program at the default size (they add up to 620); other sizes scale this curve."""
REALWORLD_DECISIONS = 736
REALWORLD_PROGRAMS = (  # (id suffix, name)
    ("FIN", "Finance Transformation"), ("CX", "Customer Experience"), ("SCM", "Supply Chain"), ("DATA", "Data Platform"),
    ("WORK", "Workplace Modernisation"), ("CLOUD", "Cloud Migration"), ("SEC", "Security and Compliance"), ("HR", "HR Systems"),
    ("SHOP", "E-Commerce"), ("MES", "Manufacturing Execution"), ("FSM", "Field Service"), ("PROC", "Procurement"),
    ("MKT", "Marketing Technology"), ("NET", "Network Refresh"), ("ERP", "ERP Consolidation"), ("AI", "Analytics and AI"),
    ("SVC", "Customer Service"), ("LOG", "Logistics"), ("PLM", "Product Lifecycle"), ("TRY", "Treasury"),
    ("IAM", "Identity and Access"), ("ESG", "Sustainability Reporting"),
)
PEOPLE = (
    "Anna Keller", "Ben Okafor", "Carla Mendes", "David Chen", "Eva Lindqvist", "Farid Haddad", "Grace Liu", "Hannes Brandt",
    "Ines Duarte", "Jonas Weber", "Kofi Mensah", "Laura Bianchi", "Marek Nowak", "Nina Petrova", "Omar Saleh", "Paula Schmidt",
    "Quentin Laurent", "Rita Sousa", "Sven Olsen", "Tara Murphy", "Umar Farooq", "Vera Novak", "Wim de Vries", "Yuki Tanaka",
    "Zoe Clarke", "Platform team", "Integration team", "Enterprise architecture", "Service desk", "Data office",
)
OBJECTS = (
    "invoice processing", "supplier portal", "payroll engine", "customer master data", "warehouse scanners", "mobile app",
    "data warehouse", "order management", "identity provider", "ticketing system", "pricing engine", "contract repository",
    "reporting suite", "API gateway", "contact-centre telephony", "field-service scheduling", "asset register",
    "expense management", "product catalogue", "loyalty programme", "document archive", "event streaming",
    "demand forecasting", "quality management", "travel booking", "board reporting", "month-end close", "tax engine",
    "label printing", "fleet telematics", "intranet", "e-mail platform", "backup service", "test automation",
)
ACTIONS = ("replacement", "migration", "rollout", "upgrade", "consolidation", "automation", "redesign", "pilot",
           "harmonisation", "decommissioning", "modernisation", "integration")
REGIONS = ("", "", "", " (DACH)", " (Nordics)", " (UK)", " (Iberia)", " (APAC)", " phase 2", " phase 3")
TECHS = ("PostgreSQL", "Kafka", "a managed Kubernetes service", "SAP S/4HANA", "Salesforce", "Terraform", "OpenID Connect",
         "a headless CMS", "Snowflake", "event sourcing", "a modular monolith", "GraphQL", "REST APIs", "ServiceNow",
         "Power BI", "dbt", "Airflow", "a SaaS product", "an in-house build", "the existing ESB", "object storage")
CONCERNS = ("the order data store", "integration with the ERP", "customer sign-in", "operational reporting", "the mobile front end",
            "batch scheduling", "document storage", "master data", "the pricing rules", "release management", "observability",
            "secrets management", "payment processing", "product search", "supplier onboarding", "audit logging")
FORUMS = ("Architecture board", "Steering review", "Design authority", "Data governance council", "Change advisory board")

_OPENINGS = (
    "The {obj} in use today dates from {year} and no longer fits how the business works.",
    "Most teams in {area} still rely on manual workarounds around the {obj}.",
    "This project exists because the {obj} has become the bottleneck for {area}.",
    "Over the last two years the cost of running the {obj} has grown faster than its use.",
    "Auditors flagged the {obj} twice, and the vendor ends support for the current version next year.",
)
_SENTENCES = (
    "The work is split into small releases so that each country can switch over on its own schedule.",
    "We keep the existing interfaces stable until every consuming system has moved to the new ones.",
    "Business owners sign off each release after a two-week acceptance period in the test environment.",
    "Data quality is the main unknown: roughly a fifth of the records need to be cleaned before migration.",
    "The team works in two-week sprints and demos progress at the monthly steering review.",
    "Licences for the old platform run until the end of the year, which sets a hard deadline for the cut-over.",
    "Training material is written together with the service desk, who will support users after go-live.",
    "Security reviewed the target architecture and asked for single sign-on and audit logging from day one.",
    "Interfaces to finance and logistics are the riskiest part and are tested first.",
    "A pilot with a small group of users runs before the wider rollout, and its lessons feed the rollout plan.",
    "Reporting moves to the central data platform so that the figures match across departments.",
    "Open questions are tracked on the team board and reviewed every week with the product owner.",
    "External consultants support the first phase; internal staff take over operations afterwards.",
    "The scope excludes the archive of closed records, which stays read-only in the old system.",
    "Performance targets were agreed with the business: a typical request answers in under two seconds.",
    "The vendor shortlist was narrowed to two after reference calls with three other customers.",
    "Change management is planned from the start, with a named champion in every department.",
    "The budget covers licences for three years; operating costs move to the line organisation after that.",
    "Each release goes through the change advisory board, which meets every Tuesday.",
    "Users asked for fewer screens and fewer fields, so the forms are redesigned rather than copied.",
    "The old and new systems run side by side for one closing period to compare the results.",
    "Test cases come from real transactions of last year, anonymised by the data office.",
    "A dedicated cut-over weekend is booked with the business; a fallback plan is rehearsed beforehand.",
    "Dependencies on other projects are reviewed with their managers every month.",
    "The solution runs in the group's cloud landing zone and follows its tagging and backup policies.",
)
_BULLETS = (
    "Replace the {obj} for all sites in scope", "Migrate open records and five years of history",
    "Decommission the old servers and licences", "Connect the new solution to the identity provider",
    "Hand over operations to the run organisation", "Train key users and update the process documentation",
    "Automate the nightly reconciliation", "Move reporting to the data platform", "Retire the spreadsheet-based workarounds",
    "Agree the support model with the vendor",
)
_WORKSTREAMS = ("Process design", "Data migration", "Integration", "Testing", "Training", "Cut-over", "Operations")


def _sentences(g: random.Random, n: int) -> str:
    return " ".join(g.sample(_SENTENCES, n))


def _paragraphs(g: random.Random, *counts: int) -> list[str]:
    """Paragraphs of ``counts`` sentences each, no sentence twice on a page."""
    deck = g.sample(_SENTENCES, sum(counts))
    out = []
    for n in counts:
        out.append(" ".join(deck[:n]))
        deck = deck[n:]
    return out


def _program_sizes(count: int, programs: int) -> list[int]:
    """Projects per program: the default curve, resampled to ``programs`` and scaled to ``count`` (largest remainder)."""
    curve = REALWORLD_PROGRAM_SIZES
    weights = [curve[min(len(curve) - 1, k * len(curve) // programs)] for k in range(programs)]
    exact = [count * w / sum(weights) for w in weights]
    sizes = [int(x) for x in exact]
    for k in sorted(range(programs), key=lambda k: sizes[k] - exact[k])[: count - sum(sizes)]:
        sizes[k] += 1
    return sizes


def _yaml_text(text: str) -> str:
    """A plain YAML scalar when it reads back as the same text, else a double-quoted one."""
    if not text or ": " in text or " #" in text or text[0] in "!&*[]{}|>'\"%@`#,?:-" or text.strip() != text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _rw_date(g: random.Random, day: dt.date) -> str:
    """Mostly full dates; some months and quarters, as people write them."""
    roll = g.random()
    if roll < 0.08:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if roll < 0.16:
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


@dataclass
class _Decision:
    number: int
    scope: str
    status: str
    date: dt.date
    supersedes: str | None = None
    madr_superseded_by: str | None = None
    affects: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"ADR-{self.number:04d}"


@dataclass
class _Project:
    id: str
    file: str
    title: str
    program: str
    area: str
    obj: str
    decisions: list[_Decision] = field(default_factory=list)


def _plan_decisions(total: int, projects: list[_Project], program_ids: list[str], g: random.Random) -> list[_Decision]:
    """``total`` decision records: some in supersede chains of 2-6 records, the rest on their own.

    In a chain each record supersedes the one before it (``supersedes: [ADR-…]``), every record
    but the last has ``status: superseded`` (a few in MADR's ``superseded by ADR-…`` form) and
    the last is accepted; all of a chain share one scope. Scopes are skewed: a few projects
    keep many records, most keep none.
    """
    weights = [g.paretovariate(1.3) for _ in projects]
    decisions: list[_Decision] = []
    number = 1
    while number <= total:
        length = 1 if g.random() < 0.85 else g.choice([2, 2, 2, 3, 3, 4, 5, 6])
        length = min(length, total - number + 1)
        if g.random() < 0.15:
            scope, owner = g.choice(program_ids), None
        else:
            owner = g.choices(projects, weights)[0]
            scope = owner.id
        day = TODAY - dt.timedelta(days=g.randrange(30, 1500))
        chain: list[_Decision] = []
        for k in range(length):
            if k < length - 1:
                status = "superseded"
            elif length > 1:
                status = "accepted"
            else:
                status = g.choice(["accepted"] * 7 + ["proposed", "proposed", "rejected", "deprecated"])
            decision = _Decision(number, scope, status, day, supersedes=chain[-1].id if chain else None)
            if chain and g.random() < 0.3:
                chain[-1].madr_superseded_by = decision.id
            if g.random() < 0.15:
                decision.affects = [g.choice(projects).id]
            chain.append(decision)
            number += 1
            day = min(TODAY - dt.timedelta(days=1), day + dt.timedelta(days=g.randrange(20, 300)))
        decisions.extend(chain)
        if owner is not None:
            owner.decisions.extend(chain)
    return decisions


def _current(decisions: list[_Decision]) -> list[_Decision]:
    """The records a page may link to without pointing at a superseded one."""
    return [d for d in decisions if d.status != "superseded"]


def _rw_project(p: _Project, index: int, others: list[_Project], decisions: list[_Decision], g: random.Random) -> str:
    fm = ["type: project"]
    if index % 2 == 0:
        fm.append(f"id: {p.id}")
    fm.append(f"program: {p.program}")
    fm.append(f"owner: {g.choice(PEOPLE)}")
    if g.random() < 0.5:
        fm.append(f"sponsor: {g.choice(PEOPLE)}")
    if g.random() < 0.7:
        fm.append(f"summary: {_yaml_text(f'{p.obj.capitalize()} for {p.area}, with less manual work and fewer incidents.')}")
    status = g.choice(["proposed", "planned", "planned", "active", "active", "active", "active", "on-hold", "completed", "cancelled"])
    fm.append(f"status: {status}")
    if g.random() < 0.6:
        fm.append(f"health: {g.choice(['green', 'green', 'green', 'amber', 'red'])}")
    if g.random() < 0.4:
        fm.append(f"phase: {g.choice(['initiation', 'planning', 'execution', 'execution', 'monitoring', 'closure'])}")
    start = TODAY + dt.timedelta(days=g.randrange(-700, 300))
    end = start + dt.timedelta(days=g.randrange(60, 720))
    dates = g.random()
    if dates < 0.45:  # many projects carry no dates at all
        pass
    elif dates < 0.55:
        fm.append(f"end: {_rw_date(g, end)}")
    else:
        fm.append(f"start: {_rw_date(g, start)}")
        fm.append(f"end: {_rw_date(g, end)}")
    if g.random() < 0.4:
        fm.append(f"progress: {100 if status == 'completed' else g.randrange(0, 95, 5)}")
    if g.random() < 0.3:
        planned = g.randrange(4, 400) * 5000
        actual = int(planned * g.uniform(0.1, 1.2))
        fm.append(f"budget: {{planned: {planned}, actual: {actual}{', currency: CHF' if g.random() < 0.1 else ''}}}")
    if g.random() < 0.5:
        fm.append(f"reviewed: {(TODAY - dt.timedelta(days=g.randrange(3, 300))).isoformat()}")
    deps: list[str] = []
    if index and g.random() < 0.2:
        deps = sorted({o.id for o in g.sample(others[:index], min(index, g.choice([1, 1, 2])))})
        fm.append(f"depends_on: [{', '.join(deps)}]")
    if g.random() < 0.15:
        fm.append(f"links:\n  - {{title: Team board, url: 'https://jira.example.com/projects/{p.id}'}}")
    if g.random() < 0.1:
        fm.append(f"stakeholders:\n  - {{name: {g.choice(PEOPLE)}, role: Key user}}\n  - {g.choice(PEOPLE)}")
    if g.random() < 0.2:  # few milestones
        fm.append("milestones:")
        day = start
        for k in range(g.randint(1, 3)):
            day = day + dt.timedelta(days=g.randrange(30, 200))
            state = g.choice(["done", "done", "missed"]) if day < TODAY else "planned"
            fm.append(f"  - {{title: {['Pilot live', 'Data migrated', 'Go live'][k]}, date: {day.isoformat()}, status: {state}}}")
    if g.random() < 0.3:
        fm.append("risks:")
        for k in range(g.randint(1, 3)):
            mitigation = f", mitigation: {_yaml_text(g.choice(_BULLETS).format(obj=p.obj))}" if g.random() < 0.5 else ""
            fm.append(f"  - {{title: {_yaml_text(f'Risk {k + 1} of the {p.obj} work')}, probability: {g.randint(1, 5)}, impact: {g.randint(1, 5)}, "
                      f"status: {g.choice(['open', 'open', 'mitigated', 'closed'])}{mitigation}}}")

    # The body: about 2 KB of prose with headings, a list, sometimes a table, and a few [[ID]] references.
    slots = {"obj": p.obj, "area": p.area, "year": str(g.randrange(2004, 2019))}
    peers = [o for o in others if o.program == p.program and o is not p]
    current = _current(p.decisions) or _current(decisions)
    refs_peer = f" It builds on the work of [[{g.choice(peers).id}]]." if peers and g.random() < 0.7 else ""
    refs_decision = f" The main design choice is recorded in [[{g.choice(current).id}]]." if current and g.random() < 0.75 else ""
    refs_deps = f" The schedule waits for [[{deps[0]}]]." if deps else ""
    bullets = "\n".join(f"- {b.format(obj=p.obj)}" for b in g.sample(_BULLETS, g.randint(3, 5)))
    table = ""
    if g.random() < 0.4:
        rows = "\n".join(f"| {w} | {g.choice(PEOPLE)} | {g.choice(['On track', 'Started', 'Not started', 'Done', 'Blocked by vendor'])} |"
                         for w in g.sample(_WORKSTREAMS, g.randint(3, 5)))
        table = f"\n### Workstreams\n\n| Workstream | Lead | State |\n| --- | --- | --- |\n{rows}\n"
    intro, background, scope, approach, risks, steps = _paragraphs(g, 2, 3, 1, 3, 2, 2)
    opening, history = g.sample(_OPENINGS, 2)
    body = f"""# {p.title}

{opening.format(**slots)} This project is part of [[{p.program}]].{refs_peer} {intro}

## Background

{background} {history.format(**slots)}

## Scope

{bullets}

{scope}

## Approach

{approach}{refs_decision}
{table}
## Risks and dependencies

{risks}{refs_deps}

## Next steps

{steps}
"""
    return "---\n" + "\n".join(fm) + "\n---\n" + body


def _rw_decision(d: _Decision, title: str, g: random.Random) -> str:
    fm = ["type: decision", f"id: {d.id}"]
    if d.madr_superseded_by:
        fm.append(f"status: superseded by {d.madr_superseded_by}")
    else:
        fm.append(f"status: {d.status}")
    fm.append(f"date: {d.date.isoformat()}")
    makers = g.sample(PEOPLE, g.randint(1, 3))
    fm.append(f"decision-makers: {makers[0]}" if len(makers) == 1 else "decision-makers:\n" + "\n".join(f"  - {m}" for m in makers))
    if g.random() < 0.5:
        fm.append(f"consulted: [{', '.join(g.sample(PEOPLE, 2))}]")
    if g.random() < 0.3:
        fm.append(f"informed: {g.choice(FORUMS)}")
    fm.append(f"scope: {d.scope}")
    if d.supersedes:
        fm.append(f"supersedes: {d.supersedes}" if g.random() < 0.5 else f"supersedes: [{d.supersedes}]")
    if d.affects:
        fm.append(f"affects: [{', '.join(d.affects)}]")
    if g.random() < 0.4:
        fm.append(f"forum: {g.choice(FORUMS)}")
    options = [f"{o[0].upper()}{o[1:]}" for o in g.sample(TECHS, 3)]
    context, good = _paragraphs(g, 2, 1)
    note = ""
    if d.status == "superseded":
        note = '\n!!! note "Superseded"\n\n    A later record replaces this one; it is kept for the history.\n'
    earlier = f" It replaces [[{d.supersedes}]], which no longer holds." if d.supersedes else ""
    return "---\n" + "\n".join(fm) + f"""
---
# {title}
{note}
## Context and Problem Statement

{context} We need to settle how to handle {g.choice(CONCERNS)} in [[{d.scope}]].{earlier}

## Considered Options

{chr(10).join(f"* {o}" for o in options)}

## Decision Outcome

Chosen option: "{options[0]}", because it fits the skills of the team and the target architecture.

### Consequences

* Good, because {good[0].lower()}{good[1:]}
* Bad, because the migration needs one more release than planned.
"""


_GUIDES = ("How we run projects", "Steering reviews", "Writing decision records", "Risk management", "Glossary",
           "Templates", "Onboarding for project managers", "Release calendar")


def _realworld(count: int, root: Path, seed: int, plugin: bool) -> Path:
    g = random.Random(seed * 104729 + 3)
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for folder in ("programs", "projects", "decisions", "guides"):
        (docs / folder).mkdir(parents=True)
    n_programs = max(1, min(len(REALWORLD_PROGRAMS), round(count * len(REALWORLD_PROGRAM_SIZES) / REALWORLD_PROJECTS)))
    sizes = _program_sizes(count, n_programs)
    programs = [(f"PGM-{code}", name) for code, name in REALWORLD_PROGRAMS[:n_programs]]
    (docs / "index.md").write_text(
        "---\ntype: portfolio\nid: PORTFOLIO\nobjectives:\n  - Run the business on fewer, simpler systems\n"
        "  - Make decisions with data we trust\n  - Meet the 2028 compliance deadlines\n---\n# Project portfolio\n\n"
        "This site holds every program, project and architecture decision of the group. "
        "Start with a program, or read the [guides](guides/how-we-run-projects.md).\n",
        encoding="utf-8",
    )
    for title in _GUIDES:
        slug = title.lower().replace(" ", "-")
        (docs / "guides" / f"{slug}.md").write_text(f"# {title}\n\n{_sentences(g, 4)}\n\n## Details\n\n{_sentences(g, 4)}\n", encoding="utf-8")
    projects: list[_Project] = []
    for (pid, name), size in zip(programs, sizes, strict=True):
        code = pid.removeprefix("PGM-").lower()
        for k in range(1, size + 1):
            obj = g.choice(OBJECTS)
            title = f"{obj.capitalize()} {g.choice(ACTIONS)}{g.choice(REGIONS)}"
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
            file = f"{code}-{k:03d}-{slug}"
            explicit = len(projects) % 2 == 0
            projects.append(_Project(f"{code.upper()}-{k:03d}" if explicit else file.upper(), file, title, pid, name, obj))
    decisions = _plan_decisions(round(count * REALWORLD_DECISIONS / REALWORLD_PROJECTS), projects, [pid for pid, _ in programs], g)
    for k, (pid, name) in enumerate(programs):
        fm = [f"type: program\nid: {pid}\nowner: {g.choice(PEOPLE)}\nsponsor: {g.choice(PEOPLE)}"]
        fm.append(f"vision: {_yaml_text(f'{name} on one platform, run by the business, measured by outcomes.')}")
        if g.random() < 0.5:
            fm.append("governance:\n  risk_threshold: 15\n  escalation: [Program manager, Sponsor, Portfolio board]\n"
                      "  forums:\n    - {name: Steering review, cadence: monthly}")
        if g.random() < 0.4:
            fm.append("benefits:")
            for b in range(1, g.randint(1, 3) + 1):
                kpi, unit, baseline, target = BENEFIT_KINDS[(k + b) % len(BENEFIT_KINDS)]
                fm.append(f"  - {{id: {pid}-B{b}, title: {kpi} in {name}, kpi: {kpi}, baseline: {baseline}, target: {target}, "
                          f"unit: \"{unit}\", due: {(TODAY + dt.timedelta(days=g.randrange(60, 900))).isoformat()}, status: planned}}")
        if g.random() < 0.6:
            fm.append(f"reviewed: {(TODAY - dt.timedelta(days=g.randrange(3, 200))).isoformat()}")
        own = _current([d for d in decisions if d.scope == pid])
        see = f" The program's standing decisions start with [[{own[0].id}]]." if own else ""
        (docs / "programs" / f"{pid.lower()}.md").write_text(
            "---\n" + "\n".join(fm) + f"\n---\n# {name}\n\n{_sentences(g, 3)}{see}\n\n## Objectives\n\n"
            f"{_sentences(g, 2)}\n\n## Governance\n\n{_sentences(g, 2)}\n",
            encoding="utf-8",
        )
    for index, p in enumerate(projects):
        (docs / "projects" / f"{p.file}.md").write_text(_rw_project(p, index, projects, decisions, g), encoding="utf-8")
    for d in decisions:
        title = f"Use {g.choice(TECHS)} for {g.choice(CONCERNS)}"
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        (docs / "decisions" / f"{d.number:04d}-{slug}.md").write_text(_rw_decision(d, title, g), encoding="utf-8")
    plugins = f"  - search\n  - pgm:\n      today: {TODAY.isoformat()}\n" if plugin else "  - search\n"
    (root / "mkdocs.yml").write_text(
        "site_name: Portfolio\ntheme:\n  name: material\n  features: [navigation.prune]\n"
        f"markdown_extensions:\n  - admonition\n  - attr_list\n  - tables\n  - toc:\n      permalink: true\nplugins:\n{plugins}",
        encoding="utf-8",
    )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help=f"projects (the realworld profile's own size: {REALWORLD_PROJECTS})")
    parser.add_argument("root", type=Path)
    parser.add_argument("--no-plugin", action="store_true", help="the same pages, without the pgm plugin in mkdocs.yml")
    parser.add_argument("--profile", choices=PROFILES, default="synthetic", help="the shape of the site (default: synthetic)")
    args = parser.parse_args()
    generate(args.count, args.root, plugin=not args.no_plugin, profile=args.profile)


if __name__ == "__main__":
    main()
