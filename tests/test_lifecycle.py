"""Lifecycle gates and lessons learned: ``acceptance`` and ``lessons`` (validation, export),
the gate findings (completed-open-items, closure-no-acceptance, closure-no-lessons,
execution-no-baseline, phase-dates) and the generated ``governance/lessons/`` page."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mkdocs_pgm.core.analysis.findings import RULES, Finding, Settings, find, settings_from
from mkdocs_pgm.core.directives import DIRECTIVES, GENERATED
from mkdocs_pgm.core.exports.jsonschema import json_schema
from mkdocs_pgm.core.i18n import STRINGS
from mkdocs_pgm.core.model.schema import Acceptance, Lesson
from mkdocs_pgm.core.views.render import schema_reference_rows

from conftest import SiteBuilder
from helpers import check, page, registry_of

TODAY = dt.date(2026, 11, 21)
GATES = ["completed-open-items", "closure-no-acceptance", "closure-no-lessons", "execution-no-baseline", "phase-dates"]


def findings(pages: dict[str, str], today: dt.date = TODAY, **settings) -> list[Finding]:
    return find(registry_of(pages), today, Settings(**settings))


def printed(found: list[Finding], rule: str | None = None) -> list[str]:
    return [str(f) for f in found if (f.rule == rule if rule else f.rule in GATES)]


# --------------------------------------------------------------------------- fields


def test_acceptance_and_lessons_validate():
    model, problems = check(page(
        "type: project", "id: P", "owner: Ann",
        "acceptance: {by: Steering board, date: 2026-10, note: signed in the minutes}",
        "lessons:",
        "  - Start the PSP contract earlier",
        "  - {title: Test with real cards, detail: Sandbox cards hid the 3-D Secure flow.}",
    ))
    assert problems == []
    assert model.acceptance == Acceptance(by="Steering board", date=dt.date(2026, 10, 31), note="signed in the minutes")
    assert model.lessons == [
        Lesson(title="Start the PSP contract earlier"),
        Lesson(title="Test with real cards", detail="Sandbox cards hid the 3-D Secure flow."),
    ]
    program, problems = check(page("type: program", "id: G", "owner: Ann", "acceptance: {by: Board, date: 2026-11-01}", "lessons: One"))
    assert problems == [] and program.acceptance.by == "Board" and program.lessons == [Lesson(title="One")]


@pytest.mark.parametrize(("line", "expected"), [
    ("acceptance: {by: Steering board}", "p.md:5: acceptance.date: required field 'date' is missing; acceptance is left out"),
    ("acceptance: {date: 2026-10-01}", "p.md:5: acceptance.by: required field 'by' is missing; acceptance is left out"),
    ("acceptance: yes",
     "p.md:5: acceptance: expected {by, date, note}: who accepted the output and when, found True (bool); the value is left out"),
    ("acceptance: {by: X, date: 2026-10-01, signed: yes}", "p.md:5: acceptance.signed: unknown field 'signed' in acceptance; it is ignored"),
    ("lessons: [ok, {detail: no title}]", "p.md:5: lessons[1].title: required field 'title' is missing; the entry is left out"),
    ("lessons: [{title: T, details: x}]",
     "p.md:5: lessons[0].details: unknown field 'details' in lessons[0] (did you mean 'detail'?); it is ignored"),
    ("lessons: [[a]]", "p.md:5: lessons[0]: expected a lesson: text or {title, detail}, found a list; the value is left out"),
    ("lessons: 42", "p.md:5: lessons: expected a lesson: text or {title, detail}, found 42 (int); the value is left out"),
])
def test_bad_acceptance_and_lessons(line, expected):
    model, problems = check(page("type: project", "id: P", "owner: Ann", line))
    assert expected in problems
    assert model is not None


def test_json_schema_describes_the_fields():
    defs = json_schema()["$defs"]
    props = defs["ProjectPage"]["properties"]
    assert "lessons" in defs["ProgramPage"]["properties"] and defs["Acceptance"]["required"] == ["by", "date"]
    assert {"type": "string"} in props["lessons"]["anyOf"][0]["items"]["anyOf"]
    sections = {section["title"]: section for section in schema_reference_rows()}
    assert [(r["name"], r["required"]) for r in sections["acceptance"]["rows"]] == [("by", "yes"), ("date", "yes"), ("note", "")]
    assert [r["name"] for r in sections["lesson"]["rows"]] == ["title", "detail"]


# --------------------------------------------------------------------------- rules


def test_rules_are_registered_with_titles_in_every_language():
    assert list(RULES)[-5:] == GATES
    for rule in GATES:
        for language, strings in STRINGS.items():
            assert strings[f"finding.{rule}"], (language, rule)


COMPLETED = {
    "prg.md": page(
        "type: program", "id: PRG", "title: Shop", "owner: Ann", "status: completed",
        "risks: [{id: RSK-1, title: Vendor lock-in}, {id: RSK-2, title: Old, status: closed}]",
        "issues: [{id: ISS-1, title: Late invoices, status: in-progress}, {title: Done, status: resolved}]",
    ),
    "a.md": page(
        "type: project", "id: A", "title: Checkout", "owner: Bo", "program: PRG", "status: completed",
        "milestones:",
        "  - {title: Go live, date: 2026-10-01}",
        "  - {title: Handover, date: 2026-10-02, status: done}",
        "  - {id: M3, title: Sunset old shop, date: 2027-01-31}",
        "issues: [{title: Refund bug}]",
        "acceptance: {by: Steering board, date: 2026-10-15}",
        "lessons: [Start earlier]",
    ),
    "ok.md": page(
        "type: project", "id: OK", "owner: Bo", "status: completed", "acceptance: {by: Sponsor, date: 2026-11-01}", "lessons: [Fine]",
        "milestones: [{title: Done, status: done}]", "risks: [{title: Gone, status: mitigated}]",
    ),
}


def test_completed_open_items():
    assert printed(findings(COMPLETED), "completed-open-items") == [
        "a.md:7: status: project 'Checkout' is completed but has 3 open items: open issues 'Refund bug'; "
        "milestones still planned 'Go live', M3 [completed-open-items]",
        "prg.md:6: status: program 'Shop' is completed but has 2 open items: open risks RSK-1; open issues ISS-1 [completed-open-items]",
    ]


def test_completed_open_items_lists_three_then_counts():
    milestones = ", ".join(f"{{id: M{n}, title: Step {n}}}" for n in range(1, 6))
    found = findings({"p.md": page("type: project", "id: P", "owner: Ann", "status: completed", f"milestones: [{milestones}]")})
    assert printed(found, "completed-open-items") == [
        "p.md:5: status: project 'P' is completed but has 5 open items: milestones still planned M1, M2, M3 and 2 more [completed-open-items]",
    ]


def test_closure_without_acceptance_or_lessons():
    pages = {
        **COMPLETED,
        "closing.md": page("type: project", "id: C", "title: Search", "owner: Bo", "status: active", "phase: closure"),
        "run.md": page("type: project", "id: R", "owner: Bo", "status: active", "phase: execution", "baseline: {end: 2027-01-31}"),
        "gone.md": page("type: project", "id: X", "owner: Bo", "status: cancelled", "phase: closure", "acceptance: {by: A, date: 2026-01-01}"),
    }
    found = findings(pages)
    assert printed(found, "closure-no-acceptance") == [
        "closing.md:7: phase: project 'Search' is in phase closure with no acceptance: add acceptance: {by, date} "
        "(who accepted the output, and when) [closure-no-acceptance]",
        "prg.md:6: status: program 'Shop' is completed with no acceptance: add acceptance: {by, date} "
        "(who accepted the output, and when) [closure-no-acceptance]",
    ]
    assert printed(found, "closure-no-lessons") == [
        "closing.md:7: phase: project 'Search' is in phase closure with no lessons learned: add lessons "
        "(what to repeat or avoid next time) [closure-no-lessons]",
        "gone.md:6: phase: project 'X' is in phase closure with no lessons learned: add lessons "
        "(what to repeat or avoid next time) [closure-no-lessons]",
        "prg.md:6: status: program 'Shop' is completed with no lessons learned: add lessons "
        "(what to repeat or avoid next time) [closure-no-lessons]",
    ]


def test_invalid_acceptance_counts_as_none():
    text = page("type: project", "id: C", "owner: Bo", "status: completed", "acceptance: {by: Board}", "lessons: [x]")
    assert printed(findings({"c.md": text})) == [
        "c.md:5: status: project 'C' is completed with no acceptance: add acceptance: {by, date} "
        "(who accepted the output, and when) [closure-no-acceptance]",
    ]


def test_execution_without_baseline():
    pages = {
        "none.md": page("type: project", "id: N", "owner: Bo", "status: active", "phase: execution", "start: 2026-01-01", "end: 2027-06-30"),
        "budget.md": page("type: project", "id: B", "owner: Bo", "status: active", "phase: monitoring", "baseline: {budget: 1000}"),
        "ok.md": page("type: project", "id: OK", "owner: Bo", "status: active", "phase: execution", "baseline: {end: 2027-06-30}"),
        "plan.md": page("type: project", "id: PL", "owner: Bo", "status: planned", "phase: planning"),
        "done.md": page("type: project", "id: D", "owner: Bo", "status: cancelled", "phase: execution"),
    }
    assert printed(findings(pages)) == [
        "budget.md:6: phase: project 'B' is in phase monitoring with no baseline end: approve the plan as baseline: {start, end, budget} "
        "[execution-no-baseline]",
        "none.md:6: phase: project 'N' is in phase execution with no baseline end: approve the plan as baseline: {start, end, budget} "
        "[execution-no-baseline]",
    ]


PHASES = {
    # Started 2026-08-23: 90 days before today, at the limit (not reported).
    "limit.md": page("type: project", "id: L", "owner: Bo", "phase: initiation", "start: 2026-08-23"),
    # 91 days.
    "late.md": page("type: project", "id: LATE", "title: Loyalty", "owner: Bo", "phase: planning", "start: 2026-08-22"),
    # In execution 41 days before it starts.
    "early.md": page("type: project", "id: E", "title: Search", "owner: Bo", "phase: execution", "start: 2027-01-01",
                     "baseline: {end: 2027-06-30}"),
    # Starts today: fine.
    "today.md": page("type: project", "id: T", "owner: Bo", "phase: monitoring", "start: 2026-11-21", "baseline: {end: 2027-06-30}"),
    # Closed, or no start: not checked.
    "closed.md": page("type: project", "id: C", "owner: Bo", "status: cancelled", "phase: planning", "start: 2020-01-01"),
    "nostart.md": page("type: project", "id: NS", "owner: Bo", "phase: planning"),
}


def test_phase_dates():
    found = findings(PHASES)
    assert printed(found) == [
        "early.md:6: phase: project 'Search' is in phase execution but starts 2027-01-01, in 41 days [phase-dates]",
        "late.md:6: phase: project 'Loyalty' is still in phase planning 91 days after its start 2026-08-22 (limit: 90 days) [phase-dates]",
    ]
    assert [f.days for f in found] == [41, 91]
    # A longer limit: only the project in execution too early.
    assert printed(findings(PHASES, initiation_days=91)) == [
        "early.md:6: phase: project 'Search' is in phase execution but starts 2027-01-01, in 41 days [phase-dates]",
    ]


def test_findings_ignore_turns_the_gates_off():
    pages = {**COMPLETED, **PHASES, "run.md": page("type: project", "id: R", "owner: Bo", "phase: execution")}
    everything = {f.rule for f in findings(pages)}
    assert set(GATES) <= everything
    settings = settings_from({"findings_ignore": GATES, "initiation_days": 120})
    assert settings.initiation_days == 120 and settings.ignore == frozenset(GATES)
    assert not {f.rule for f in find(registry_of(pages), TODAY, settings)} & set(GATES)
    with pytest.raises(ValueError, match=r"^initiation_days: expected a number of days \(0 or more\), found -1$"):
        settings_from({"initiation_days": -1})


# --------------------------------------------------------------------------- the lessons page

SITE = {
    "programs/shop.md": page(
        "type: program", "id: PRG-SHOP", "title: Online shop", "owner: Olga", "status: completed",
        "acceptance: {by: Steering committee, date: 2026-11-10}",
        "lessons: [{title: Fund the platform team first, detail: Every project waited on the platform team in Q1.}]",
    ),
    "projects/checkout.md": page(
        "type: project", "id: CHECKOUT", "title: Checkout", "owner: Sofia", "program: PRG-SHOP", "status: active", "phase: closure",
        "start: 2026-01-01", "end: 2026-12-31", "baseline: {end: 2026-12-31}",
        "acceptance: {by: Head of e-commerce, date: 2026-11-15, note: two minor defects open}",
        "lessons:",
        "  - Negotiate the PSP contract before the build starts",
        "  - {title: Test with <real> cards, detail: 'Sandbox cards & mocks hid the 3-D Secure flow.'}",
    ),
    "projects/search.md": page(
        "type: project", "id: SEARCH", "title: Search", "owner: Sofia", "program: PRG-SHOP", "status: active", "phase: execution",
        "start: 2026-01-01", "end: 2027-06-30", "baseline: {end: 2027-06-30}",
    ),
    "projects/intranet.md": page(
        "type: project", "id: INTRA", "title: Intranet", "owner: Ivo", "status: completed",
        "lessons: [Ask the users first]",
    ),
}
CONFIG = {"plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return SiteBuilder()(tmp_path_factory.mktemp("lessons"), SITE, CONFIG)


def test_directive_and_generated_page():
    assert DIRECTIVES["lessons"].context == "lessons_context" and "program" in DIRECTIVES["lessons"].arguments
    assert GENERATED["lessons"].slug == "lessons"
    assert GENERATED["lessons"].markdown("lessons").startswith("# Lessons learned\n\n")


def test_lessons_page_lists_lessons_by_program(site):
    assert site.warnings == []
    html = site.html("governance/lessons.md")
    assert "<p>4 lessons learned.</p>" in html
    assert re.findall(r'<h2 id="(pgm-lessons-group-[^"]+)"', html) == ["pgm-lessons-group-prg-shop", "pgm-lessons-group--standalone"]
    # The program's own page first, then its projects by title; pages without lessons are left out.
    assert re.findall(r'<h3 id="(pgm-lessons-[^"]+)"', html) == ["pgm-lessons-prg-shop", "pgm-lessons-checkout", "pgm-lessons-intra"]
    assert 'href="../../projects/checkout/"' in html and 'href="../../programs/shop/"' in html
    assert "Accepted by Head of e-commerce on 2026-11-15 (two minor defects open)" in html
    assert 'title="Lifecycle phase">Closure phase</span>' in html
    assert "<li><strong>Negotiate the PSP contract before the build starts</strong></li>" in html
    # Escaped, never markup.
    assert "<li><strong>Test with &lt;real&gt; cards</strong>: Sandbox cards &amp; mocks hid the 3-D Secure flow.</li>" in html
    assert '<span class="pgm-muted">Not accepted yet</span>' in html


def test_lessons_page_in_nav_and_search(site):
    home = site.html("programs/shop.md")
    assert re.search(r'href="../../governance/lessons/"[^>]*>\s*(<span[^>]*>\s*)?Lessons learned', home)
    docs = {d["location"]: d for d in site.json("search/search_index.json")["docs"]}
    assert '<a href="lessons/">Lessons learned</a>' in site.html("governance/index.md")
    entry = docs["governance/lessons/#pgm-lessons-checkout"]
    assert entry["title"] == "Checkout"
    assert "Negotiate the PSP contract before the build starts" in entry["text"]


def test_lessons_page_narrowed_to_a_program(build_site, tmp_path):
    files = {**SITE, "lessons.md": "# Shop lessons\n\n<!-- pgm:lessons program=PRG-SHOP -->\n"}
    built = build_site(tmp_path, files, CONFIG)
    html = built.html("lessons.md")
    assert re.findall(r'<h3 id="(pgm-lessons-[^"]+)"', html) == ["pgm-lessons-prg-shop", "pgm-lessons-checkout"]


def test_lessons_page_when_there_are_none(build_site, tmp_path):
    built = build_site(tmp_path, {"projects/search.md": SITE["projects/search.md"]}, CONFIG)
    assert "No lessons learned yet: add <code>lessons:</code> to a project or program, at the latest when it closes." in built.html(
        "governance/lessons.md")


def test_pgm_json_exports_the_fields(site):
    data = site.json("governance/pgm.json")
    checkout = next(e for e in data["entities"] if e["id"] == "CHECKOUT")
    assert checkout["front_matter"]["acceptance"] == {"by": "Head of e-commerce", "date": "2026-11-15", "note": "two minor defects open"}
    assert checkout["front_matter"]["lessons"] == [
        {"title": "Negotiate the PSP contract before the build starts"},
        {"title": "Test with <real> cards", "detail": "Sandbox cards & mocks hid the 3-D Secure flow."},
    ]
