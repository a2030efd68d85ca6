"""The front-matter contract (v1), field by field: realistic pages that use every field validate cleanly.

Each page below uses every field the contract describes for its type, with
every nested entry kind, in the spellings the contract shows. The site is
consistent (every reference resolves), so the registry must report nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from mkdocs_pgm.core.model import schema
from mkdocs_pgm.core.model.registry import Entity, Nested, Registry
from mkdocs_pgm.core.text import normalize_key

from helpers import messages, page, registry_of

PORTFOLIO = """\
---
type: portfolio
id: DIGITAL
title: Digital portfolio
summary: Every change programme of the digital division.
owner: Chief Digital Officer
sponsor: Executive board
stakeholders:
  - {name: Board, role: funding}
  - Internal audit
tags: [portfolio, digital]
reviewed: 2026-03-31
links:
  - {title: Strategy deck, url: "https://intranet.example.org/strategy"}
depends_on: []
objectives:
  - Halve time to market
  - Retire legacy platforms
---
# Digital portfolio
"""

PROGRAM = """\
---
type: program
id: CORE
title: Core platform
summary: Replace the core banking platform.
owner: Programme office
sponsor: CFO
stakeholders:
  - name: Operations
    role: end users
  - Finance
tags: [core, platform]
reviewed: 2026-Q1
links:
  - {title: Steering minutes, url: "minutes/2026-03.md"}
  - {title: PMO mailbox, url: "mailto:pmo@example.org"}
portfolio: DIGITAL
status: active
health: amber
vision: One platform for every product line.
objectives:
  - Cut run costs by 30%
benefits:
  - id: BEN-COST
    title: Lower run costs
    kpi: Annual run cost
    baseline: 12.5
    target: 8.75
    actual: 11
    unit: MEUR
    due: 2027-Q4
    owner: CFO
    status: realizing
  - title: Faster releases
    kpi: Lead time
    unit: days
    status: planned
governance:
  forums:
    - {name: Steering review, cadence: quarterly, chair: CFO}
    - {name: Design authority, cadence: monthly, chair: Chief architect}
  escalation: [Programme manager, Programme board, Executive board]
  risk_threshold: 15
depends_on:
  - {id: DATA, type: informational, note: shares the data platform team}
decisions:
  - id: DEC-P1
    title: Fund the programme in tranches
    status: accepted
    date: 2026-01-20
    decision_makers: [CFO, CIO]
    consulted: [Finance]
    informed: [All staff]
    supersedes: []
    affects: [APOLLO]
    forum: Steering review
    change_request: CR-7
risks:
  - id: RSK-P1
    title: Regulator delays approval
    probability: 2
    impact: 5
    owner: Compliance lead
    status: open
    mitigation: Early pre-filing meetings
    raised: 2026-01-10
    escalated: true
issues:
  - {id: ISS-P1, title: Budget freeze in Q2, owner: CFO, status: open, raised: 2026-04-02, due: 2026-05, escalated: 2026-04-10}
assumptions:
  - {id: ASM-P1, title: Vendor keeps its roadmap, owner: Vendor manager, status: open}
changes:
  - id: CR-P1
    title: Add a second data centre
    raised: 2026-02-01
    status: requested
    impact: {schedule_days: 30, cost: 250000, scope: second site}
---
# Core platform
"""

DATA_PROGRAM = """\
---
type: program
id: DATA
owner: Data office
depends_on: [{id: CORE, type: informational}]
---
# Data platform
"""

PROJECT = """\
---
type: project
id: APOLLO
title: Apollo ledger migration
summary: Move every ledger to the new platform.
owner: Ben Okafor
sponsor: CIO
stakeholders:
  - {name: Accounting, role: users}
tags: [migration]
reviewed: 2026-04-15
links:
  - title: Jira board
    url: https://jira.example.org/browse/APOLLO
program: CORE
status: active
health: green
phase: execution
start: 2026-Q1
end: 2026-11
baseline:
  start: 2026-01-15
  end: 2026-09-30
  budget: 1200000
budget:
  planned: 1250000
  actual: 400000
  currency: EUR
progress: 35
depends_on:
  - GEMINI#design-signed-off
  - {id: GEMINI, type: start-to-start, note: same squad}
  - {id: DATA, type: informational}
contributes_to: [BEN-COST, CORE#faster-releases]
milestones:
  - id: M1
    title: Pilot ledger migrated
    date: 2026-04-30
    status: done
  - title: All ledgers migrated
    date: 2026-Q3
    status: planned
  - {title: Old ledger retired, date: 2026-10, status: missed}
deliverables:
  - Migration runbook
  - {title: Reconciliation report, status: in-progress, due: 2026-06-30}
decisions:
  - id: DEC-A1
    title: Migrate ledgers one by one
    status: accepted
    date: 2026-02-10
    deciders: Ben Okafor
    consulted: Accounting
    informed: [Operations]
    scope: APOLLO
    affects: [GEMINI]
    forum: Design authority
risks:
  - id: RSK-A1
    title: Reconciliation differences
    probability: 3
    impact: 4
    owner: Accounting lead
    status: mitigated
    mitigation: Parallel run for one month
    raised: 2026-02-01
    escalated: 2026-03-01
assumptions:
  - {id: ASM-A1, title: Ledger formats stay stable, owner: Ben Okafor, status: validated}
issues:
  - id: ISS-A1
    title: Test environment unstable
    owner: Platform team
    status: in-progress
    raised: 2026-03-03
    due: 2026-03-31
    escalated: false
changes:
  - id: CR-7
    title: Include the archive ledgers
    raised: 2026-03-15
    status: approved
    impact:
      schedule_days: 21
      cost: 80000
      scope: three archive ledgers
    decision: DEC-012
kpis:
  - {name: Ledgers migrated, target: 40, actual: 14, unit: ledgers}
---
# Apollo ledger migration

Part of [[CORE]]; the pilot ([[APOLLO#M1|pilot milestone]]) is done. See [[DEC-012]] and [[RSK-A1]].
"""

GEMINI = """\
---
type: project
owner: Cy
program: CORE
start: 2026-02
end: 2026-Q4
milestones:
  - title: Design signed off
    date: 2026-03-31
---
# Gemini
"""

DECISION_OLD = """\
---
type: decision
id: DEC-011
status: superseded by DEC-012
date: 2025-11-02
decision_makers: Dana
---
# Keep the legacy archive
"""

DECISION = """\
---
type: decision
id: DEC-012
title: Migrate the archive ledgers too
summary: Archive ledgers move with the live ones.
owner: Architecture board
sponsor: CIO
stakeholders: [Records management]
tags: [architecture, adr]
reviewed: 2026-04-01
links:
  - {title: Options analysis, url: "../analysis/archive.md"}
depends_on: [DEC-P1]
status: accepted
date: 2026-03-20
decision_makers: [Dana Smith, Eli Jones]
consulted: [Records management, Legal]
informed: [Operations]
supersedes: [DEC-011]
scope: CORE
affects: [APOLLO, GEMINI#design-signed-off]
forum: steering review
change_request: CR-7
---
# Migrate the archive ledgers too
"""

# A MADR 4 record as its template produces it, with `type: decision` added.
MADR = """\
---
# These are optional metadata elements. Feel free to remove any of them.
status: "accepted"
date: 2026-02-14
decision-makers: Dana Smith, Eli Jones
consulted: Records management
informed: Operations
type: decision
---
# Use Markdown Architectural Decision Records

## Context and Problem Statement

We want to record architectural decisions made in this project.

## Considered Options

* MADR 4.0.0
* Michael Nygard's template

## Decision Outcome

Chosen option: "MADR 4.0.0", because it is lean and matches our front matter.
"""

SITE = {
    "index.md": PORTFOLIO,
    "programs/core/index.md": PROGRAM,
    "programs/data.md": DATA_PROGRAM,
    "projects/apollo.md": PROJECT,
    "projects/gemini.md": GEMINI,
    "decisions/0011-keep-archive.md": DECISION_OLD,
    "decisions/0012-migrate-archive.md": DECISION,
    "decisions/0001-use-markdown-architectural-decision-records.md": MADR,
}

#: Every field the contract lists, by page type and nested entry kind.
SPEC_FIELDS: dict[str, set[str]] = {
    "common": {"type", "id", "title", "summary", "owner", "sponsor", "stakeholders", "tags", "reviewed", "links", "depends_on"},
    "portfolio": {"objectives"},
    "program": {"portfolio", "status", "health", "vision", "objectives", "benefits", "governance", "depends_on",
                "decisions", "risks", "issues", "assumptions", "changes"},
    "project": {"program", "status", "health", "phase", "start", "end", "baseline", "budget", "progress", "depends_on",
                "contributes_to", "milestones", "deliverables", "decisions", "risks", "assumptions", "issues", "changes", "kpis"},
    "decision": {"status", "date", "decision_makers", "consulted", "informed", "supersedes", "scope", "affects", "forum",
                 "change_request"},
    "benefit": {"id", "title", "kpi", "baseline", "target", "actual", "unit", "due", "owner", "status"},
    "milestone": {"id", "title", "date", "status"},
    "risk": {"id", "title", "probability", "impact", "owner", "status", "mitigation", "raised", "escalated"},
    "assumption": {"id", "title", "owner", "status"},
    "issue": {"id", "title", "owner", "status", "raised", "due", "escalated"},
    "change": {"id", "title", "raised", "status", "impact", "decision"},
    "change_impact": {"schedule_days", "cost", "scope"},
    "decision_entry": {"id", "title", "status", "date", "decision_makers", "consulted", "informed", "supersedes", "scope",
                       "affects", "forum", "change_request"},
    "governance": {"forums", "escalation", "risk_threshold"},
    "forum": {"name", "cadence", "chair"},
    "baseline": {"start", "end", "budget"},
    "budget": {"planned", "actual", "currency"},
    "deliverable": {"title", "status", "due"},
    "kpi": {"name", "target", "actual", "unit"},
    "dependency": {"id", "type", "note"},
    "link": {"title", "url"},
    "stakeholder": {"name", "role"},
}

MODELS: dict[str, type[Any]] = {
    "portfolio": schema.PortfolioPage,
    "program": schema.ProgramPage,
    "project": schema.ProjectPage,
    "decision": schema.DecisionPage,
    "benefit": schema.Benefit,
    "milestone": schema.Milestone,
    "risk": schema.Risk,
    "assumption": schema.Assumption,
    "issue": schema.Issue,
    "change": schema.ChangeRequest,
    "change_impact": schema.ChangeImpact,
    "decision_entry": schema.DecisionEntry,
    "governance": schema.Governance,
    "forum": schema.Forum,
    "baseline": schema.Baseline,
    "budget": schema.Budget,
    "deliverable": schema.Deliverable,
    "kpi": schema.Kpi,
    "dependency": schema.Dependency,
    "link": schema.Link,
    "stakeholder": schema.Stakeholder,
}


@pytest.fixture(scope="module")
def site() -> Registry:
    return registry_of(SITE)


def test_the_whole_example_site_validates_without_a_single_diagnostic(site: Registry) -> None:
    assert messages(site) == []
    assert sorted((e.kind, e.id) for e in site.entities) == [
        ("decision", "0001-USE-MARKDOWN-ARCHITECTURAL-DECISION-RECORDS"),
        ("decision", "DEC-011"),
        ("decision", "DEC-012"),
        ("portfolio", "DIGITAL"),
        ("program", "CORE"),
        ("program", "DATA"),
        ("project", "APOLLO"),
        ("project", "GEMINI"),
    ]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_schema_has_every_field_of_the_contract(name: str) -> None:
    fields = set(MODELS[name].model_fields)
    wanted = SPEC_FIELDS[name] | (SPEC_FIELDS["common"] if name in {"portfolio", "program", "project", "decision"} else set())
    assert wanted - fields == set()


def _keys(value: Any, kind: str, found: dict[str, set[str]]) -> None:
    """Collect the keys written for each kind of mapping in an example page."""
    nested = {
        "benefits": "benefit", "milestones": "milestone", "risks": "risk", "assumptions": "assumption",
        "issues": "issue", "changes": "change", "decisions": "decision_entry", "deliverables": "deliverable",
        "kpis": "kpi", "depends_on": "dependency", "links": "link", "stakeholders": "stakeholder",
        "forums": "forum",
    }
    single = {"governance": "governance", "baseline": "baseline", "budget": "budget", "impact": "change_impact"}
    if not isinstance(value, dict):
        return
    found.setdefault(kind, set()).update(normalize_key(k) for k in value)
    for key, item in value.items():
        key = normalize_key(key)
        if key in single and isinstance(item, dict):
            _keys(item, single[key], found)
        elif key in nested and isinstance(item, list):
            for entry in item:
                _keys(entry, nested[key], found)


def test_the_examples_use_every_field_of_the_contract() -> None:
    found: dict[str, set[str]] = {}
    for text in SITE.values():
        data = yaml.safe_load(text.split("---\n")[1])
        _keys(data, data["type"], found)
    for name, fields in SPEC_FIELDS.items():
        if name == "common":
            for kind in ("portfolio", "program", "project", "decision"):
                assert fields - found[kind] == set(), kind
        else:
            assert fields - found[name] == set(), name


def test_portfolio_example(site: Registry) -> None:
    digital = site.get("DIGITAL")
    assert digital is not None
    model = digital.model
    assert isinstance(model, schema.PortfolioPage)
    assert model.objectives == ["Halve time to market", "Retire legacy platforms"]
    assert model.stakeholders == [schema.Stakeholder(name="Board", role="funding"), "Internal audit"]
    assert model.reviewed == dt.date(2026, 3, 31)
    assert [p.id for p in digital.programs] == ["CORE", "DATA"]


def test_program_example(site: Registry) -> None:
    core = site.get("CORE")
    assert core is not None and isinstance(core.model, schema.ProgramPage)
    model = core.model
    assert (core.title, model.status, core.health, model.reviewed) == ("Core platform", "active", "amber", dt.date(2026, 3, 31))
    assert model.governance is not None
    assert [(f.name, f.cadence, f.chair) for f in model.governance.forums] == [
        ("Steering review", "quarterly", "CFO"),
        ("Design authority", "monthly", "Chief architect"),
    ]
    assert model.governance.escalation == ["Programme manager", "Programme board", "Executive board"]
    assert model.governance.risk_threshold == 15
    cost = model.benefits[0]
    assert (cost.baseline, cost.target, cost.actual, cost.unit, cost.due, cost.status) == (12.5, 8.75, 11, "MEUR", dt.date(2027, 12, 31), "realizing")
    assert [p.id for p in core.projects] == ["APOLLO", "GEMINI"]
    assert {n.kind for n in core.nested} == {"benefit", "decision", "risk", "issue", "assumption", "change"}
    assert model.risks[0].score == 10
    assert model.issues[0].escalated == dt.date(2026, 4, 10)
    change = model.changes[0]
    assert change.impact is not None and (change.impact.schedule_days, change.impact.cost) == (30, 250000)


def test_project_example(site: Registry) -> None:
    apollo = site.get("APOLLO")
    assert apollo is not None and isinstance(apollo.model, schema.ProjectPage)
    model = apollo.model
    assert (model.start, model.end) == (dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    assert model.baseline is not None and model.baseline.budget == 1200000
    assert model.budget is not None and model.budget.currency == "EUR"
    assert model.progress == 35 and model.phase == "execution"
    assert [(d.id, d.type) for d in model.depends_on] == [
        ("GEMINI#design-signed-off", "finish-to-start"),
        ("GEMINI", "start-to-start"),
        ("DATA", "informational"),
    ]
    assert [(m.id, m.date, m.status) for m in model.milestones] == [
        ("M1", dt.date(2026, 4, 30), "done"),
        (None, dt.date(2026, 9, 30), "planned"),
        (None, dt.date(2026, 10, 31), "missed"),
    ]
    assert [n.key for n in apollo.entries("milestones")] == ["APOLLO#M1", "APOLLO#all-ledgers-migrated", "APOLLO#old-ledger-retired"]
    assert [d.title for d in model.deliverables] == ["Migration runbook", "Reconciliation report"]
    assert model.decisions[0].decision_makers == ["Ben Okafor"]
    assert model.decisions[0].consulted == ["Accounting"]
    assert model.risks[0].score == 12
    assert model.issues[0].escalated is False
    assert model.assumptions[0].status == "validated"
    assert [(k.name, k.target, k.actual, k.unit) for k in model.kpis] == [("Ledgers migrated", 40, 14, "ledgers")]
    assert apollo.program is site.get("CORE")
    assert [n.id for n in apollo.rel.contributes_to] == ["BEN-COST", "faster-releases"]
    assert [(r.target, r.text) for r in apollo.refs] == [("CORE", None), ("APOLLO#M1", "pilot milestone"), ("DEC-012", None), ("RSK-A1", None)]


def test_decision_examples(site: Registry) -> None:
    old, new = site.get("DEC-011"), site.get("DEC-012")
    assert old is not None and new is not None
    assert isinstance(old.model, schema.DecisionPage) and isinstance(new.model, schema.DecisionPage)
    assert (old.model.status, old.model.decision_makers) == ("superseded", ["Dana"])
    assert old.rel.superseded_by == [new] and new.rel.supersedes == [old]
    assert new.model.date == dt.date(2026, 3, 20)
    assert new.model.forum == "steering review"
    assert new.scope is site.get("CORE")
    change = site.resolve("CR-7")
    assert isinstance(change, Nested)
    # CR-7 is settled by DEC-012 (named on both sides) and by the program's DEC-P1.
    assert {d.id for d in change.rel.settled_by} == {"DEC-012", "DEC-P1"}
    assert [getattr(t, "key", None) for t in new.rel.affects] == ["APOLLO", "GEMINI#design-signed-off"]


def test_madr_4_record_works_unchanged(site: Registry) -> None:
    madr = site.get("0001-USE-MARKDOWN-ARCHITECTURAL-DECISION-RECORDS")
    assert isinstance(madr, Entity) and isinstance(madr.model, schema.DecisionPage)
    assert madr.title == "Use Markdown Architectural Decision Records"
    assert (madr.model.status, madr.model.date) == ("accepted", dt.date(2026, 2, 14))
    assert madr.model.decision_makers == ["Dana Smith", "Eli Jones"]  # MADR separates people with commas
    assert (madr.model.consulted, madr.model.informed) == (["Records management"], ["Operations"])


@pytest.mark.parametrize(
    "line",
    [
        "decision_makers: Dana",
        "status: superseded by DEC-012",
        "date: 2026-03-31",
        "date: 2026-Q2",
        "date: 2026-04",
    ],
)
def test_inline_examples_of_the_contract(line: str) -> None:
    key = line.split(":")[0]
    front = [f for f in ("type: decision", "status: accepted", "date: 2026-01-01") if not f.startswith(key + ":")] + [line]
    r = registry_of({**SITE, "decisions/extra.md": page(*front)})
    assert messages(r) == []
