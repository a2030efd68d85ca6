"""Governance registers: exact rows for a fixture portfolio, in the core and in a built site."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from mkdocs.exceptions import Abort

from mkdocs_pgm.core.analysis import registers as reg
from mkdocs_pgm.core.analysis.schedule import analyze

from conftest import SiteBuilder
from helpers import page, registry_of

TODAY = dt.date(2026, 11, 21)

PORTFOLIO = {
    "programs/shop.md": page(
        "type: program", "id: PRG-SHOP", "title: Online shop", "owner: Olga", "health: green",
        "governance:",
        "  escalation: [Program manager, Steering committee, Board]",
        "  risk_threshold: 12",
        "benefits:",
        "  - {id: BEN-CONV, title: Higher conversion, kpi: conversion rate, baseline: 2, target: 3, actual: 2.5, unit: '%', due: 2027-06-30, status: realizing}",
        "  - {id: BEN-COST, title: Lower hosting cost, baseline: 100, target: 60, actual: 95, due: 2027-01-31, status: at-risk}",
        "risks:",
        "  - {id: R-VENDOR, title: Vendor lock-in, probability: 2, impact: 3, owner: Olga}",
        "decisions:",
        "  - {id: DEC-SHOP-1, title: Pick a PSP, status: proposed, date: 2026-09-01, decision_makers: [Olga], forum: steering review}",
    ),
    "programs/data.md": page(
        "type: program", "id: PRG-DATA", "title: Data platform", "owner: Dan",
        "governance: {risk_threshold: 20}",
    ),
    "projects/checkout.md": page(
        "type: project", "id: CHECKOUT", "title: Checkout", "owner: Sofia", "program: PRG-SHOP", "status: active", "health: red",
        "start: 2026-01-01", "end: 2027-03-31", "baseline: {end: 2026-12-31, budget: 1000}",
        "contributes_to: [BEN-CONV]",
        "milestones:",
        "  - {id: go-live, title: Go live, date: 2027-01-15}",
        "  - {id: pilot, title: Pilot, date: 2026-12-01, status: done}",
        "risks:",
        "  - {id: R-PSP, title: PSP delay, probability: 4, impact: 4, owner: Sofia, mitigation: second PSP}",
        "  - {id: R-PCI, title: PCI audit fails, probability: 3, impact: 4, escalated: 2026-11-01}",
        "  - {id: R-OLD, title: Old risk, probability: 4, impact: 4, status: closed}",
        "  - {id: R-FUZZY, title: Unscored risk}",
        "issues:",
        "  - {id: I-REFUNDS, title: Refunds fail, owner: Sofia, raised: 2026-11-02, due: 2026-12-01, escalated: true}",
        "assumptions:",
        "  - {id: A-PSP, title: PSP keeps its fees, owner: Finance}",
        "changes:",
        "  - {id: CR-1, title: Extend to March, raised: 2026-10-01, status: approved, impact: {schedule_days: 90, cost: 150}, decision: DEC-CHK}",
        "  - {id: CR-2, title: Add wallets, raised: 2026-11-10, impact: {schedule_days: 30, cost: 80, scope: Apple Pay}}",
        "decisions:",
        "  - {id: DEC-CHK, title: Re-baseline the checkout, status: accepted, date: 2026-10-05, change_request: CR-1}",
        "depends_on: [SEARCH]",
    ),
    "projects/search.md": page(
        "type: project", "id: SEARCH", "title: Search", "owner: Sam", "program: PRG-SHOP", "status: planned",
        "start: 2026-03-01", "end: 2026-06-30",
    ),
    "projects/lake.md": page(
        "type: project", "id: LAKE", "title: Lakehouse", "owner: Lin", "program: PRG-DATA", "status: active", "health: amber",
        "start: 2026-02-01", "end: 2027-02-28",
        "risks:",
        "  - {id: R-SKILLS, title: Skills gap, probability: 4, impact: 4, owner: Lin}",
    ),
    "decisions/0001-kafka.md": page(
        "type: decision", "id: DEC-0001", "title: Run Kafka ourselves", "status: superseded by DEC-0002", "date: 2025-05-01",
        "scope: PRG-DATA",
    ),
    "decisions/0002-managed.md": page(
        "type: decision", "id: DEC-0002", "title: Use managed streaming", "status: accepted", "date: 2026-02-01",
        "scope: LAKE", "supersedes: [DEC-0001]", "decision_makers: [Dan, Lin]", "forum: Architecture board",
    ),
    "decisions/0003-portfolio.md": page(
        "type: decision", "id: DEC-0003", "title: One cloud", "status: accepted", "date: 2026-06-01",
    ),
}


@pytest.fixture(scope="module")
def registry():
    built = registry_of(PORTFOLIO)
    assert [d for d in built.diagnostics if d.severity != "info"] == []
    return built


def ids(nodes):
    return [n.id for n in nodes]


def test_decision_log_is_newest_first_with_groups_per_program(registry):
    log = reg.decision_log(registry)
    assert ids(log) == ["DEC-CHK", "DEC-SHOP-1", "DEC-0003", "DEC-0002", "DEC-0001"]
    groups = [(p.id if p else None, ids(ds)) for p, ds in reg.decision_groups(log)]
    # DEC-0002 is scoped to LAKE, a project of PRG-DATA; DEC-0003 has no scope.
    assert groups == [("PRG-DATA", ["DEC-0002", "DEC-0001"]), ("PRG-SHOP", ["DEC-CHK", "DEC-SHOP-1"]), (None, ["DEC-0003"])]
    shop = registry.get("PRG-SHOP")
    assert ids(reg.decision_log(registry, [shop])) == ["DEC-CHK", "DEC-SHOP-1"]
    assert [reg.decision_anchor(d) for d in log[:2]] == ["log-dec-chk", "log-dec-shop-1"]
    assert ids(reg.awaiting_decision(registry)) == ["DEC-SHOP-1"]


def test_risk_rows_escalation_and_heat_map(registry):
    rows = reg.risk_rows(registry)
    table = [(r.risk.id, r.score, r.program.id if r.program else None, r.threshold, r.above, r.escalated, r.escalate_to) for r in rows]
    assert table == [
        ("R-SKILLS", 16, "PRG-DATA", 20, False, False, None),  # below its own program's threshold
        ("R-PSP", 16, "PRG-SHOP", 12, True, False, "Program manager"),
        ("R-PCI", 12, "PRG-SHOP", 12, True, True, "Steering committee"),  # escalated: the next step
        ("R-VENDOR", 6, "PRG-SHOP", 12, False, False, None),
        ("R-FUZZY", None, "PRG-SHOP", 12, False, False, None),
        ("R-OLD", 16, "PRG-SHOP", 12, False, False, None),  # closed: last, and never escalates
    ]
    assert [r.risk.id for r in reg.awaiting_escalation(rows)] == ["R-PSP"]
    heat = reg.heat_map(rows)
    counts = {(c.probability, c.impact): [r.risk.id for r in c.risks] for row in heat.rows for c in row if c.risks}
    assert counts == {(4, 4): ["R-SKILLS", "R-PSP"], (3, 4): ["R-PCI"], (2, 3): ["R-VENDOR"]}
    assert [r.risk.id for r in heat.unscored] == ["R-FUZZY"]
    assert heat.rows[0][0].probability == 5 and heat.rows[4][4].impact == 5
    assert heat.threshold is None  # two programs, two thresholds
    assert heat.total == 4


def test_other_registers(registry):
    assert ids(reg.entries(registry, "issues")) == ["I-REFUNDS"]
    assert ids(reg.entries(registry, "assumptions")) == ["A-PSP"]
    changes = reg.entries(registry, "changes")
    assert ids(changes) == ["CR-1", "CR-2"]
    assert ids(changes[0].rel.settled_by) == ["DEC-CHK"]
    totals = reg.change_totals(changes)
    assert (totals.approved_days, totals.approved_cost, totals.pending, totals.pending_days, totals.pending_cost) == (90, 150, 1, 30, 80)
    deps = reg.dependency_rows(registry, analyze(registry))
    assert [(d.edge.source.id, d.edge.target.id, d.conflict is not None) for d in deps] == [("CHECKOUT", "SEARCH", True)]  # starts before SEARCH ends
    assert [(p.id, ids(bs)) for p, bs in reg.benefits(registry)] == [("PRG-SHOP", ["BEN-CONV", "BEN-COST"])]
    assert ids(reg.upcoming_milestones(registry, TODAY, 90)) == ["go-live"]
    assert ids(reg.upcoming_milestones(registry, TODAY, 30)) == []
    projects = reg.status_counts(registry.of_kind("project"), ["proposed", "planned", "active"])
    assert projects.statuses == ["planned", "active"] and projects.healths == ["green", "amber", "red"]
    assert ids(projects.cell("active", "red")) == ["CHECKOUT"] and projects.total("active") == 2


CONFIG = {"plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return SiteBuilder()(tmp_path_factory.mktemp("registers"), PORTFOLIO, CONFIG)


def rows(html: str) -> list[str]:
    return re.findall(r'<tr[^>]*data-pgm-id="([^"]+)"', html)


def test_generated_registers_are_built_in_nav_and_search(site):
    assert site.warnings == []
    for name in ("index", "decisions", "raid", "changes", "benefits"):
        assert site.path(site.dest(f"governance/{name}.md")).exists()
    assert not (site.docs_dir / "governance").exists()
    index = site.json("search/search_index.json")["docs"]
    locations = {d["location"]: d["title"] for d in index}
    # One search result per decision, landing on its heading in the log.
    assert locations["governance/decisions/#log-dec-chk"] == "Re-baseline the checkout"
    assert locations["governance/decisions/#log-dec-0001"] == "Run Kafka ourselves"
    html = site.html("governance/index.md")
    assert 'href="decisions/"' in html and 'href="raid/"' in html


def test_decision_log_page(site):
    html = site.html("governance/decisions.md")
    headings = re.findall(r'<h2 id="(log-[^"]+)"', html)
    assert headings == ["log-dec-chk", "log-dec-shop-1", "log-dec-0003", "log-dec-0002", "log-dec-0001"]
    # Supersedes chains both ways, inside the log.
    assert re.search(r'Supersedes</dt> <dd><a class="pgm-ref" href="#log-dec-0001">Run Kafka ourselves</a>', html)
    assert re.search(r'Superseded by</dt> <dd><a class="pgm-ref" href="#log-dec-0002">Use managed streaming</a>', html)
    assert 'Settles</dt> <dd><a class="pgm-ref" href="../../projects/checkout/#change-cr-1"' in html
    assert 'id="pgm-decisions-prg-data"' in html and 'id="pgm-decisions-other"' in html


def test_raid_page(site):
    html = site.html("governance/raid.md")
    assert rows(html)[:6] == ["R-SKILLS", "R-PSP", "R-PCI", "R-VENDOR", "R-FUZZY", "R-OLD"]
    # The 4×4 cell counts two open risks and links to the first of them in the table.
    cell = re.search(r'data-score="16">\s*<a href="#pgm-heat-p4-i4"[^>]*>(\d)</a>', html)
    assert cell and cell.group(1) == "2"
    assert re.search(r'<tr id="pgm-heat-p4-i4" class="pgm-heat-p4-i4" data-pgm-id="R-SKILLS">', html)
    assert "escalate</span> to Program manager" in html and "escalated</span> next: Steering committee" in html
    assert rows(html)[-2:] == ["A-PSP", "I-REFUNDS"]


def test_changes_and_benefits_pages(site):
    html = site.html("governance/changes.md")
    assert rows(html) == ["CR-1", "CR-2"]
    assert "Approved or implemented: +90 days, 150&nbsp;EUR." in html
    assert "awaiting a decision" in html
    html = site.html("governance/benefits.md")
    assert rows(html) == ["BEN-CONV", "BEN-COST"]
    assert "50&nbsp;%" in html  # (2.5 - 2) / (3 - 2)
    assert 'class="pgm-rm-benefit pgm-rm-benefit--at-risk"' in html


def test_register_directive_narrowed_to_a_program(build_site, tmp_path):
    files = dict(PORTFOLIO, **{"shop-log.md": "# Shop\n\n<!-- pgm:decision-log program=PRG-SHOP -->\n\n<!-- pgm:raid program=PRG-DATA -->\n"})
    site = build_site(tmp_path, files, CONFIG)
    html = site.html("shop-log.md")
    assert re.findall(r'<h2 id="(log-[^"]+)"', html) == ["log-dec-chk", "log-dec-shop-1"]
    assert rows(html) == ["R-SKILLS"]
    assert site.warnings == []


def test_unknown_register_argument_is_reported(build_site, tmp_path):
    files = dict(PORTFOLIO, **{"x.md": "# X\n\n<!-- pgm:raid programme=PRG-SHOP -->\n"})
    site = build_site(tmp_path, files, CONFIG)
    assert any("x.md:3: <!-- pgm:raid --> programme: unknown argument 'programme' (did you mean 'program'?)" in w for w in site.warnings)


def test_dashboard(site):
    html = site.html("governance/index.md")
    tiles = {name: int(n) for n, name in re.findall(r"<strong>(\d+)</strong> ([a-z ]+?)</a>", html)}
    assert tiles["decision awaiting a decision"] == 1
    assert tiles["risk to escalate"] == 1
    assert tiles["project behind baseline"] == 1
    assert tiles["benefit at risk"] == 1
    assert "81 days" in html  # DEC-SHOP-1 proposed 2026-09-01, today 2026-11-21
    assert 'id="pgm-finding-overdue-milestone"' not in html  # the only planned milestone is in the future
    assert 'id="pgm-finding-stale-decision"' in html


def test_program_page_shows_kpis_and_benefits_roadmap(site):
    html = site.html("programs/shop.md")
    assert 'id="pgm-kpis"' in html and "Schedule variance" in html
    assert 'id="pgm-benefits-roadmap"' in html


def test_project_page_shows_its_kpis_with_inputs(site):
    html = site.html("projects/checkout.md")
    row = re.search(r'<tr class="pgm-kpi-row--schedule_variance">(.*?)</tr>', html, re.S)
    assert row and "+90 days" in row.group(1) and "end 2027-03-31 against baseline end 2026-12-31" in row.group(1)


def test_findings_ignore_turns_a_rule_off_and_a_bad_rule_id_stops_the_build(build_site, tmp_path):
    config = {"plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False, "findings_ignore": ["stale-decision"]}}]}
    site = build_site(tmp_path / "ok", PORTFOLIO, config)
    assert 'id="pgm-finding-stale-decision"' not in site.html("governance/index.md")
    config["plugins"][1]["pgm"]["findings_ignore"] = ["stale-decisions"]
    with pytest.raises(Abort):
        build_site(tmp_path / "bad", PORTFOLIO, config)
    assert any("pgm: findings_ignore: unknown rule 'stale-decisions' (did you mean 'stale-decision'?)" in line for line in build_site.last.logs)
