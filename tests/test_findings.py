"""Health checks (``mkdocs_pgm.core.analysis.findings``): each rule, its thresholds, settings and output."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_pgm.core.analysis.findings import RULES, Finding, Settings, find, settings_from
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.diagnostics import format_github
from mkdocs_pgm.core.model.registry import Entity, Nested

from helpers import page, registry_of

TODAY = dt.date(2026, 11, 21)


def findings(pages: dict[str, str], today: dt.date = TODAY, **settings) -> list[Finding]:
    return find(registry_of(pages), today, Settings(**settings))


def printed(found: list[Finding], rule: str | None = None) -> list[str]:
    return [str(f) for f in found if rule is None or f.rule == rule]


def test_rules_are_listed_in_order():
    assert list(RULES) == [
        "overdue-milestone", "past-end", "stale-review", "stale-decision",
        "unmanaged-risk", "superseded-link", "schedule-conflict", "health-optimistic",
        "over-allocation", "benefit-overdue", "completed-open-items", "closure-no-acceptance",
        "closure-no-lessons", "execution-no-baseline", "phase-dates",
    ]
    assert all(RULES[rule] for rule in RULES)


# --------------------------------------------------------------------------- overdue-milestone

MILESTONES = page(
    "type: project",
    "id: CHK",
    "owner: Ann",
    "milestones:",
    "  - title: PSP contract signed",
    "    date: 2026-09-30",
    "  - {title: Done already, date: 2026-01-31, status: done}",
    "  - {title: Missed, date: 2026-02-28, status: missed}",
    "  - {title: Due today, date: 2026-11-21}",
    "  - {title: Yesterday, date: 2026-11-20}",
    "  - {title: Later, date: 2027-Q1}",
    "  - {title: Undated}",
)


def test_overdue_milestone_message_line_field_and_days():
    found = findings({"chk.md": MILESTONES})
    overdue = [f for f in found if f.rule == "overdue-milestone"]
    assert printed(overdue) == [
        "chk.md:7: milestones[0].date: milestone 'PSP contract signed' was due 2026-09-30 and is still planned (52 days overdue) [overdue-milestone]",
        "chk.md:11: milestones[4].date: milestone 'Yesterday' was due 2026-11-20 and is still planned (1 day overdue) [overdue-milestone]",
    ]
    first = overdue[0]
    assert isinstance(first.node, Nested) and first.node.kind == "milestone" and first.node.title == "PSP contract signed"
    assert isinstance(first.page, Entity) and first.page.id == "CHK"
    assert (first.file, first.line, first.field, first.days) == ("chk.md", 7, "milestones[0].date", 52)


def test_overdue_milestone_not_for_a_cancelled_project():
    text = MILESTONES.replace("owner: Ann", "owner: Ann\nstatus: cancelled")
    assert printed(findings({"chk.md": text}), "overdue-milestone") == []


def test_overdue_milestone_not_before_its_date():
    assert printed(findings({"chk.md": MILESTONES}, today=dt.date(2026, 9, 30)), "overdue-milestone") == []


# --------------------------------------------------------------------------- past-end


def project(ident: str, *lines: str, body: str = "") -> str:
    return page("type: project", f"id: {ident}", "owner: Ann", *lines, body=body)


def test_past_end_for_an_unfinished_project():
    found = findings({"a.md": project("A", "status: active", "start: 2026-01-01", "end: 2026-10-31")})
    assert printed(found) == [
        "a.md:7: end: project 'A' was planned to end 2026-10-31 and is still active (21 days past its end) [past-end]",
    ]
    assert found[0].days == 21 and found[0].node is found[0].page


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_past_end_not_for_a_closed_project(status):
    assert [f for f in findings({"a.md": project("A", f"status: {status}", "end: 2026-10-31")}) if f.rule == "past-end"] == []


def test_past_end_not_on_the_end_day_nor_without_an_end():
    assert findings({"a.md": project("A", "end: 2026-11-21"), "b.md": project("B", "start: 2026-01-01")}) == []
    assert printed(findings({"a.md": project("A", "end: 2026-11-20")})) == [
        "a.md:5: end: project 'A' was planned to end 2026-11-20 and is still planned (1 day past its end) [past-end]",
    ]


# --------------------------------------------------------------------------- stale-review


def reviewed(days_ago: int, *lines: str) -> str:
    return project("A", *lines, f"reviewed: {TODAY - dt.timedelta(days=days_ago)}")


def test_stale_review_boundary_is_the_cadence():
    assert findings({"a.md": reviewed(90)}) == []
    assert printed(findings({"a.md": reviewed(91)})) == [
        "a.md:5: reviewed: project 'A' was last reviewed 2026-08-22, 91 days ago (review cadence: 90 days) [stale-review]",
    ]


def test_stale_review_uses_the_configured_cadence():
    assert findings({"a.md": reviewed(31)}, review_cadence=31) == []
    found = findings({"a.md": reviewed(32)}, review_cadence=31)
    assert [(f.rule, f.days, f.line, f.field) for f in found] == [("stale-review", 32, 5, "reviewed")]


def test_stale_review_not_for_closed_pages_or_pages_never_reviewed():
    decision = page("type: decision", "id: D1", "status: superseded", "date: 2026-01-01", "reviewed: 2026-01-02")
    found = findings({"a.md": reviewed(400, "status: completed"), "b.md": project("B"), "d.md": decision})
    assert [f for f in found if f.rule == "stale-review"] == []


# --------------------------------------------------------------------------- stale-decision

DECISIONS = page(
    "type: project",
    "id: P",
    "owner: Ann",
    "decisions:",
    "  - id: DEC-OLD",
    "    title: Pick a PSP",
    "    status: proposed",
    "    date: 2026-10-21",
    "  - {id: DEC-EDGE, title: Edge, status: proposed, date: 2026-10-22}",
    "  - {id: DEC-OK, title: Accepted, status: accepted, date: 2020-01-01}",
)


def test_stale_decision_entry_after_proposed_decision_days():
    found = findings({"p.md": DECISIONS})
    assert printed(found) == [
        "p.md:8: decisions[0].status: decision 'Pick a PSP' dated 2026-10-21 is still proposed after 31 days (limit: 30 days) [stale-decision]",
    ]
    assert found[0].node.id == "DEC-OLD" and found[0].page.id == "P" and found[0].days == 31


def test_stale_decision_page_and_configured_limit():
    text = page("type: decision", "id: DEC-9", "title: Use a CDN", "status: Proposed", "date: 2026-11-01")
    assert findings({"d.md": text}, proposed_decision_days=20) == []
    found = findings({"d.md": text}, proposed_decision_days=19)
    assert printed(found) == [
        "d.md:5: status: decision 'Use a CDN' dated 2026-11-01 is still proposed after 20 days (limit: 19 days) [stale-decision]",
    ]
    assert found[0].node is found[0].page


# --------------------------------------------------------------------------- unmanaged-risk


def program(ident: str, *lines: str, threshold: int | None = 12) -> str:
    governance = (f"governance: {{risk_threshold: {threshold}}}",) if threshold else ()
    return page("type: program", f"id: {ident}", "owner: Bo", *governance, *lines)


RISKS = project(
    "R",
    "program: PRG",
    "risks:",
    "  - {id: RSK-1, title: PSP outage, probability: 4, impact: 3}",
    "  - {id: RSK-2, title: Below, probability: 2, impact: 5}",
    "  - {id: RSK-3, title: Managed, probability: 5, impact: 5, owner: Cy, mitigation: Second PSP}",
    "  - {id: RSK-4, title: Closed, probability: 5, impact: 5, status: closed}",
    "  - {id: RSK-5, title: Happened, probability: 5, impact: 4, status: occurred, mitigation: Failover}",
    "  - {id: RSK-6, title: Mitigated, probability: 5, impact: 5, status: mitigated}",
    "  - {id: RSK-7, title: Unscored, probability: 5}",
)


def test_unmanaged_risk_at_or_above_the_program_threshold():
    found = findings({"prg.md": program("PRG"), "r.md": RISKS})
    assert printed(found) == [
        "r.md:7: risks[0]: open risk 'PSP outage' scores 12 (probability 4 × impact 3), at or above the risk threshold of PRG (12), and has no mitigation and no owner [unmanaged-risk]",
        "r.md:11: risks[4]: occurred risk 'Happened' scores 20 (probability 5 × impact 4), at or above the risk threshold of PRG (12), and has no owner [unmanaged-risk]",
    ]
    assert [f.node.id for f in found] == ["RSK-1", "RSK-5"]
    assert all(f.days is None for f in found)


def test_unmanaged_risk_needs_a_threshold():
    assert findings({"prg.md": program("PRG", threshold=None), "r.md": RISKS}) == []
    assert findings({"r.md": RISKS.replace("program: PRG", "status: active")}) == []  # standalone project


def test_unmanaged_risk_on_a_program_page():
    text = program("PRG", "risks:", "  - {id: RSK-P, title: Vendor lock-in, probability: 5, impact: 5, owner: Bo}", threshold=25)
    assert printed(findings({"prg.md": text})) == [
        "prg.md:7: risks[0]: open risk 'Vendor lock-in' scores 25 (probability 5 × impact 5), at or above the risk threshold of PRG (25), and has no mitigation [unmanaged-risk]",
    ]


# --------------------------------------------------------------------------- superseded-link


def decision(ident: str, *lines: str, body: str = "") -> str:
    return page("type: decision", f"id: {ident}", "status: accepted", "date: 2026-01-01", *lines, body=body)


CHAIN = {
    "d1.md": decision("DEC-1", "title: Self-managed Kafka").replace("status: accepted", "status: superseded"),
    "d2.md": decision("DEC-2", "supersedes: DEC-1").replace("status: accepted", "status: superseded by DEC-3"),
    "d3.md": decision("DEC-3", "title: Managed streaming", body="Replaces [[DEC-2]].\n\nWhich replaced [[DEC-1]].\n"),
}


def test_superseded_link_from_a_project_page_and_a_page_without_type():
    pages = dict(CHAIN)
    pages["p.md"] = project("P", body="# P\n\nWe run on [[DEC-1]].\nSee [[DEC-3]] and [[DEC-2|the container decision]].\n")
    pages["notes.md"] = "# Notes\n\nKafka: [[dec-1]]\n"
    found = findings(pages)
    assert printed(found) == [
        "notes.md:3: [[dec-1]]: links to decision DEC-1 'Self-managed Kafka', superseded by DEC-2; link to the decision in force instead [superseded-link]",
        "p.md:8: [[DEC-1]]: links to decision DEC-1 'Self-managed Kafka', superseded by DEC-2; link to the decision in force instead [superseded-link]",
    ]
    notes, on_project = found
    assert notes.page is None and notes.node.id == "DEC-1"
    assert on_project.page.id == "P" and on_project.node.id == "DEC-1"


def test_superseded_link_not_from_the_chain_its_own_page_or_next_to_the_replacement():
    pages = dict(CHAIN)
    pages["d1.md"] = decision("DEC-1", body="Superseded; this page may name [[DEC-1]] itself.\n").replace("accepted", "superseded")
    pages["p.md"] = project("P", body="Formerly [[DEC-2]], now [[DEC-3]].\n")
    pages["log.md"] = project(
        "LOG", "decisions:",
        "  - {id: DEC-L1, title: Old, status: superseded, date: 2026-01-01}",
        "  - {id: DEC-L2, title: New, status: accepted, date: 2026-02-01, supersedes: DEC-L1}",
        body="We kept [[DEC-L1]] for a while.\n",
    )
    assert printed(findings(pages)) == []


def test_superseded_link_marked_superseded_with_nothing_superseding_it():
    pages = {
        "d.md": decision("DEC-7", "title: Old").replace("accepted", "superseded"),
        "p.md": project("P", body="[[DEC-7]]\n"),
    }
    assert printed(findings(pages), "superseded-link") == [
        "p.md:6: [[DEC-7]]: links to decision DEC-7 'Old', which is superseded; link to the decision in force instead [superseded-link]",
    ]


def test_superseded_link_to_a_decision_entry():
    pages = {
        "log.md": project(
            "LOG", "decisions:",
            "  - {id: DEC-L1, title: Old, status: accepted, date: 2026-01-01}",
            "  - {id: DEC-L2, title: New, status: accepted, date: 2026-02-01, supersedes: DEC-L1}",
        ),
        "p.md": project("P", body="[[DEC-L1]] and [[LOG#dec-l2]] and [[DEC-L2]]\n"),
    }
    found = findings(pages)
    # the line also links to DEC-L2, which supersedes it
    assert found == []
    pages["p.md"] = project("P", body="[[DEC-L1]]\n")
    found = findings(pages)
    assert printed(found) == [
        "p.md:6: [[DEC-L1]]: links to decision DEC-L1 'Old', superseded by DEC-L2; link to the decision in force instead [superseded-link]",
    ]
    assert isinstance(found[0].node, Nested) and found[0].node.owner.id == "LOG"


# --------------------------------------------------------------------------- schedule-conflict

SCHEDULE = {
    "a.md": project("A", "start: 2026-12-01", "end: 2027-03-31"),
    "b.md": project("B", "start: 2027-03-01", "end: 2027-06-30", "depends_on: [A]"),
    "c.md": project("C", "start: 2027-04-01", "end: 2027-06-30", "depends_on: [A]"),
}


def test_schedule_conflict_from_the_analysis():
    found = findings(SCHEDULE)
    assert printed(found) == [
        "b.md:7: depends_on[0]: B starts 2027-03-01, 31 days too early: it must start after A ends (2027-03-31); finish-to-start [schedule-conflict]",
    ]
    assert found[0].days == 31 and found[0].node.id == "B"


def test_schedule_conflict_uses_a_given_analysis():
    registry = registry_of(SCHEDULE)
    analysis = analyze(registry)
    assert find(registry, TODAY, analysis=analysis) == find(registry, TODAY)
    analysis.conflicts.clear()
    assert find(registry, TODAY, analysis=analysis) == []


# --------------------------------------------------------------------------- health-optimistic


def test_health_optimistic_program():
    pages = {
        "prg.md": program("PRG", "health: green", threshold=None),
        "a.md": project("A", "program: PRG", "health: red"),
        "b.md": project("B", "program: PRG", "health: amber"),
    }
    found = findings(pages)
    assert printed(found) == [
        "prg.md:5: health: program 'PRG' reports health green, but its project A is red [health-optimistic]",
    ]
    assert found[0].node is found[0].page and found[0].page.id == "PRG"
    pages["c.md"] = project("C", "program: PRG", "health: red")
    assert [f.message for f in findings(pages)] == ["program 'PRG' reports health green, but 2 of its projects are red (A, C)"]
    pages["prg.md"] = program("PRG", "health: amber", threshold=None)
    assert [f.message for f in findings(pages)] == ["program 'PRG' reports health amber, but 2 of its projects are red (A, C)"]


def test_health_optimistic_not_when_the_program_is_as_bad_or_derives_its_health():
    pages = {
        "prg.md": program("PRG", "health: amber", threshold=None),
        "a.md": project("A", "program: PRG", "health: amber"),
        "other.md": program("PRG2", threshold=None),
        "b.md": project("B", "program: PRG2", "health: red"),
    }
    assert findings(pages) == []


# --------------------------------------------------------------------------- all together

EVERYTHING = {
    **SCHEDULE,
    "chk.md": MILESTONES,
    "prg.md": program("PRG", "health: green"),
    "r.md": RISKS.replace("owner: Ann", "owner: Ann\nhealth: red"),
    "end.md": project("E", "end: 2026-10-31", "reviewed: 2026-01-01"),
    "p.md": DECISIONS,
    **CHAIN,
    "notes.md": "[[DEC-1]]\n",
    "ben.md": program("BENP", "benefits: [{title: Late benefit, due: 2026-10-31, status: realizing}]"),
    "gate.md": project("G", "status: completed", "milestones: [{title: Sunset}]"),
    "run.md": project("RUN", "phase: execution", "start: 2027-01-01"),
    "team.md": project("TEAM", "start: 2027-01-01", "end: 2027-03-31", "team: [{name: Ann, allocation: 70}, {name: ann, allocation: 40}]"),
}


def test_findings_are_sorted_by_rule_then_file_then_line():
    found = findings(EVERYTHING)
    assert [f.rule for f in found] == [
        "overdue-milestone", "overdue-milestone", "past-end", "stale-review", "stale-decision",
        "unmanaged-risk", "unmanaged-risk", "superseded-link", "schedule-conflict", "health-optimistic",
        "over-allocation", "benefit-overdue", "completed-open-items", "closure-no-acceptance", "closure-no-lessons", "execution-no-baseline",
        "phase-dates",
    ]
    keys = [(list(RULES).index(f.rule), f.file, f.line or 0) for f in found]
    assert keys == sorted(keys)
    assert printed(found) == printed(findings(dict(reversed(EVERYTHING.items()))))


def test_ignore_turns_rules_off():
    everything = {f.rule for f in findings(EVERYTHING)}
    assert everything == set(RULES)
    for rule in RULES:
        rest = findings(EVERYTHING, ignore=frozenset({rule}))
        assert {f.rule for f in rest} == everything - {rule}
    assert findings(EVERYTHING, ignore=frozenset(RULES)) == []


def test_today_makes_results_reproducible():
    registry = registry_of(EVERYTHING)
    first = printed(find(registry, TODAY))
    assert printed(find(registry, TODAY)) == first
    earlier = printed(find(registry, dt.date(2026, 1, 15)))
    assert earlier != first
    assert not any("[overdue-milestone]" in line or "[past-end]" in line for line in earlier)
    later = find(registry, dt.date(2027, 12, 31))
    assert [f.days for f in later if f.rule == "past-end"] == [275, 184, 184, 426, 275]  # a, b, c, end, team


def test_finding_as_diagnostic_is_an_info_notice():
    found = findings({"a.md": project("A", "end: 2026-10-31")})
    diagnostic = found[0].to_diagnostic()
    assert (diagnostic.severity, diagnostic.code, diagnostic.file, diagnostic.line, diagnostic.field) == ("info", "past-end", "a.md", 5, "end")
    assert format_github([diagnostic]).startswith("::notice file=a.md,line=5,title=end::project 'A' was planned")
    assert found[0].to_dict() == {
        "rule": "past-end", "file": "a.md", "line": 5, "field": "end",
        "message": "project 'A' was planned to end 2026-10-31 and is still planned (21 days past its end)",
        "days": 21, "page": "A", "target": "A",
    }


# --------------------------------------------------------------------------- settings


def test_settings_from_plugin_options():
    assert settings_from({}) == Settings()
    settings = settings_from({"review_cadence": 30, "proposed_decision_days": 7, "findings_ignore": ["Stale_Review", "past-end"], "today": None})
    assert settings == Settings(30, 7, ignore=frozenset({"stale-review", "past-end"}))


def test_settings_from_names_unknown_rules():
    with pytest.raises(ValueError) as error:
        settings_from({"findings_ignore": ["stale-reviews", "nope"]})
    assert str(error.value) == (
        "findings_ignore: unknown rules 'stale-reviews' (did you mean 'stale-review'?), 'nope'; expected one of "
        "overdue-milestone, past-end, stale-review, stale-decision, unmanaged-risk, superseded-link, schedule-conflict, health-optimistic, "
        "over-allocation, benefit-overdue, completed-open-items, closure-no-acceptance, closure-no-lessons, execution-no-baseline, phase-dates"
    )


@pytest.mark.parametrize("value", ["ninety", -1, True, 1.5])
def test_settings_from_refuses_bad_day_counts(value):
    with pytest.raises(ValueError, match=r"^review_cadence: expected a number of days \(0 or more\), found "):
        settings_from({"review_cadence": value})
