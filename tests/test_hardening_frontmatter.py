"""Hardening of front-matter parsing and validation (issue 11).

Extreme values are refused with ``file:line: field: message`` before any
computation sees them; long text is cut with a warning; YAML's coercions
(numbers as ids, booleans as numbers, odd date forms) are refused; broken,
unclosed or tagged typed blocks are reported, never dropped in silence;
control characters never reach the log as they are; a page with tens of
thousands of entries is read completely in linear time; no regex backtracks.

In ``page(...)`` each argument is one line of the front matter, so argument
``n`` (0-based) is on file line ``n + 2``.
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

from mkdocs_pgm.core import limits, text
from mkdocs_pgm.core.diagnostics import Diagnostic, Location, format_github, format_json, format_text, safe_text
from mkdocs_pgm.core.exports.jsonschema import json_schema
from mkdocs_pgm.core.limits import MAX_LONG_TEXT, MAX_SHORT_TEXT
from mkdocs_pgm.core.model import frontmatter, schema
from mkdocs_pgm.core.model import validate as validate_module
from mkdocs_pgm.core.model.frontmatter import parse
from mkdocs_pgm.core.model.validate import validate_page

from helpers import check, page, registry_of, validate

PROJECT = ("type: project", "owner: Ana")  # lines 2-3: the field under test is on line 4
PROGRAM = ("type: program", "owner: Ana")
RANGE = "expected a date from 1900-01-01 to 2999-12-31"
AMOUNT = "expected an amount from -1,000,000,000,000,000 to 1,000,000,000,000,000"


# --------------------------------------------------------------------------- 1. ranges

DATE_FIELDS = [
    ("start: {v}", "start"),
    ("end: {v}", "end"),
    ("reviewed: {v}", "reviewed"),
    ("baseline: {{start: {v}}}", "baseline.start"),
    ("baseline: {{end: {v}}}", "baseline.end"),
    ("milestones: [{{title: M, date: {v}}}]", "milestones[0].date"),
    ("risks: [{{title: R, raised: {v}}}]", "risks[0].raised"),
    ("risks: [{{title: R, escalated: {v}}}]", "risks[0].escalated"),
    ("issues: [{{title: I, raised: {v}}}]", "issues[0].raised"),
    ("issues: [{{title: I, due: {v}}}]", "issues[0].due"),
    ("changes: [{{title: C, raised: {v}}}]", "changes[0].raised"),
    ("deliverables: [{{title: D, due: {v}}}]", "deliverables[0].due"),
    ("decisions: [{{title: D, status: accepted, date: {v}}}]", "decisions[0].date"),
]


@pytest.mark.parametrize("line, field", DATE_FIELDS, ids=[f for _, f in DATE_FIELDS])
@pytest.mark.parametrize("value", ["9999-12-30", "9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01", "9999-Q4", "0001-Q1", "1899-12", "'0000-01-01'"])
def test_dates_outside_the_calendar_range_are_refused(line: str, field: str, value: str) -> None:
    model, diagnostics = check(page(*PROJECT, line.format(v=value)))
    assert f"p.md:4: {field}: {RANGE}, found {value.strip(chr(39))}; the value is left out" in diagnostics
    assert isinstance(model, schema.ProjectPage)


@pytest.mark.parametrize("line, field", DATE_FIELDS, ids=[f for _, f in DATE_FIELDS])
@pytest.mark.parametrize("value", ["1900-01-01", "2999-12-31", "1900-Q1", "2999-Q4", "2999-12"])
def test_dates_at_the_bounds_are_kept(line: str, field: str, value: str) -> None:
    assert check(page(*PROJECT, line.format(v=value)))[1] == []


def test_decision_page_and_benefit_dates_are_bounded_too() -> None:
    _, diagnostics = check(page("type: decision", "status: accepted", "date: 9999-12-31"))
    assert diagnostics[0] == f"p.md:4: date: {RANGE}, found 9999-12-31; the value is left out"
    _, diagnostics = check(page(*PROGRAM, "benefits: [{title: B, due: 9999-Q4}]"))
    assert diagnostics == [f"p.md:4: benefits[0].due: {RANGE}, found 9999-Q4; the value is left out"]


AMOUNT_FIELDS = [
    (PROJECT, "budget: {{planned: {v}}}", "budget.planned"),
    (PROJECT, "budget: {{actual: {v}}}", "budget.actual"),
    (PROJECT, "baseline: {{budget: {v}}}", "baseline.budget"),
    (PROJECT, "changes: [{{title: C, impact: {{cost: {v}}}}}]", "changes[0].impact.cost"),
    (PROJECT, "kpis: [{{name: K, target: {v}}}]", "kpis[0].target"),
    (PROJECT, "kpis: [{{name: K, actual: {v}}}]", "kpis[0].actual"),
    (PROGRAM, "benefits: [{{title: B, baseline: {v}}}]", "benefits[0].baseline"),
    (PROGRAM, "benefits: [{{title: B, target: {v}}}]", "benefits[0].target"),
    (PROGRAM, "benefits: [{{title: B, actual: {v}}}]", "benefits[0].actual"),
]


@pytest.mark.parametrize("kind, line, field", AMOUNT_FIELDS, ids=[f for _, _, f in AMOUNT_FIELDS])
@pytest.mark.parametrize(
    "value, found",
    [("1.0e+26", "1e+26"), ("1.0e+25", "1e+25"), ("-2.0e+15", "-2e+15"), ("'1e26'", "1e+26"),
     ("100000000000000000000000000", "1.00000e+26"), ("1000000000000001", "1000000000000001")],
)
def test_amounts_beyond_a_quadrillion_are_refused(kind: tuple[str, ...], line: str, field: str, value: str, found: str) -> None:
    _, diagnostics = check(page(*kind, line.format(v=value)))
    assert diagnostics == [f"p.md:4: {field}: {AMOUNT}, found {found}; the value is left out"]


@pytest.mark.parametrize("kind, line, field", AMOUNT_FIELDS, ids=[f for _, _, f in AMOUNT_FIELDS])
@pytest.mark.parametrize("value", ["1.0e+15", "-1.0e+15", "0", "0.5"])
def test_amounts_within_the_range_are_kept(kind: tuple[str, ...], line: str, field: str, value: str) -> None:
    assert check(page(*kind, line.format(v=value)))[1] == []


@pytest.mark.parametrize("value, ok", [("36500", True), ("-36500", True), ("36501", False), ("-100000", False)])
def test_schedule_days_are_bounded(value: str, ok: bool) -> None:
    model, diagnostics = check(page(*PROJECT, f"changes: [{{title: C, impact: {{schedule_days: {value}}}}}]"))
    assert isinstance(model, schema.ProjectPage)
    if ok:
        assert diagnostics == [] and model.changes[0].impact is not None
        assert model.changes[0].impact.schedule_days == int(value)
    else:
        assert diagnostics == [
            f"p.md:4: changes[0].impact.schedule_days: expected a number of days from -36,500 to 36,500, found {value}; "
            "the value is left out"
        ]


@pytest.mark.parametrize("value, found", [(".nan", "nan"), (".inf", "inf"), ("-.inf", "-inf"), (".NaN", "nan")])
@pytest.mark.parametrize(
    "line, field",
    [("budget: {{planned: {v}}}", "budget.planned"), ("progress: {v}", "progress"),
     ("risks: [{{title: R, probability: {v}}}]", "risks[0].probability"),
     ("changes: [{{title: C, impact: {{schedule_days: {v}}}}}]", "changes[0].impact.schedule_days")],
)
def test_non_finite_numbers_are_refused(line: str, field: str, value: str, found: str) -> None:
    _, diagnostics = check(page(*PROJECT, line.format(v=value)))
    assert diagnostics == [f"p.md:4: {field}: expected a finite number, found {found} (float); the value is left out"]


def test_extreme_values_never_reach_a_computation() -> None:
    """The pages of the issue: every value is reported and left out, the registry builds."""
    pages = {
        "a.md": page("type: project", "id: A", "owner: Ana", "start: 0001-01-01", "end: 9999-12-30",
                     "baseline: {start: 2026-01-01, end: 9999-12-30, budget: 1.0e+26}",
                     "budget: {planned: 1.0e+26, actual: 1.0e+25}",
                     "milestones: [{title: M, date: 9999-12-31}]", "program: P"),
        "p.md": page("type: program", "id: P", "owner: Ana", "benefits: [{title: B, actual: 1.0e+25}]"),
    }
    registry = registry_of(pages)
    project = registry.get("A")
    assert project is not None and isinstance(project.model, schema.ProjectPage)
    model = project.model
    assert (model.start, model.end, model.milestones[0].date) == (None, None, None)
    assert model.baseline is not None and (model.baseline.end, model.baseline.budget) == (None, None)
    assert model.budget is not None and (model.budget.planned, model.budget.actual) == (None, None)
    reported = sorted((d.file, d.line, d.field) for d in registry.diagnostics)
    assert reported == [
        ("a.md", 5, "start"), ("a.md", 6, "end"), ("a.md", 7, "baseline.budget"), ("a.md", 7, "baseline.end"),
        ("a.md", 8, "budget.actual"), ("a.md", 8, "budget.planned"), ("a.md", 9, "milestones[0].date"),
        ("p.md", 5, "benefits[0].actual"),
    ]


# --------------------------------------------------------------------------- 2. text lengths

def _long(n: int) -> str:
    return "x" * n


@pytest.mark.parametrize(
    "line, field, limit",
    [
        ("title: {t}", "title", MAX_SHORT_TEXT),
        ("sponsor: {t}", "sponsor", MAX_SHORT_TEXT),
        ("tags: [ok, {t}]", "tags[1]", MAX_SHORT_TEXT),
        ("stakeholders: [{t}]", "stakeholders[0]", MAX_SHORT_TEXT),
        ("stakeholders: [{{name: {t}}}]", "stakeholders[0].name", MAX_SHORT_TEXT),
        ("stakeholders: [{{name: N, role: {t}}}]", "stakeholders[0].role", MAX_SHORT_TEXT),
        ("links: [{{title: {t}, url: 'https://x.test'}}]", "links[0].title", MAX_SHORT_TEXT),
        ("risks: [{{title: {t}}}]", "risks[0].title", MAX_SHORT_TEXT),
        ("risks: [{{title: R, owner: {t}}}]", "risks[0].owner", MAX_SHORT_TEXT),
        ("kpis: [{{name: {t}}}]", "kpis[0].name", MAX_SHORT_TEXT),
        ("kpis: [{{name: K, unit: {t}}}]", "kpis[0].unit", MAX_SHORT_TEXT),
        ("decisions: [{{title: D, status: accepted, date: 2026-01-01, decision_makers: [{t}]}}]", "decisions[0].decision_makers[0]", MAX_SHORT_TEXT),
        ("decisions: [{{title: D, status: accepted, date: 2026-01-01, forum: {t}}}]", "decisions[0].forum", MAX_SHORT_TEXT),
        ("deliverables: [{t}]", "deliverables[0]", MAX_SHORT_TEXT),
        ("summary: {t}", "summary", MAX_LONG_TEXT),
        ("risks: [{{title: R, mitigation: {t}}}]", "risks[0].mitigation", MAX_LONG_TEXT),
        ("changes: [{{title: C, impact: {{scope: {t}}}}}]", "changes[0].impact.scope", MAX_LONG_TEXT),
        ("depends_on: [{{id: X, note: {t}}}]", "depends_on[0].note", MAX_LONG_TEXT),
    ],
)
def test_long_text_is_cut_with_a_warning(line: str, field: str, limit: int) -> None:
    length = 100_000
    model, diagnostics, _ = validate(page(*PROJECT, line.format(t=_long(length))))
    assert [(str(d), d.severity, d.code) for d in diagnostics] == [
        (f"p.md:4: {field}: is 100,000 characters long, more than {limit:,}; only the first {limit - 1:,} are kept",
         "warning", "text-too-long")
    ]
    value: Any = model
    for part in field.replace("[", ".").replace("]", "").split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    if not isinstance(value, str):  # a stakeholder or a deliverable written as text
        value = getattr(value, "name", None) or value.title
    assert value == "x" * (limit - 1) + "…"


def test_program_prose_and_governance_text_are_cut() -> None:
    model, diagnostics = check(page(*PROGRAM, f"vision: {_long(6000)}", f"objectives: [{_long(6000)}]",
                                    f"governance: {{escalation: [{_long(400)}], forums: [{{name: F, chair: {_long(400)}}}]}}"))
    assert diagnostics == [
        "p.md:4: vision: is 6,000 characters long, more than 5,000; only the first 4,999 are kept",
        "p.md:5: objectives[0]: is 6,000 characters long, more than 5,000; only the first 4,999 are kept",
        "p.md:6: governance.escalation[0]: is 400 characters long, more than 300; only the first 299 are kept",
        "p.md:6: governance.forums[0].chair: is 400 characters long, more than 300; only the first 299 are kept",
    ]
    assert isinstance(model, schema.ProgramPage) and model.vision is not None and len(model.vision) == MAX_LONG_TEXT


def test_text_at_the_limit_is_kept_whole_and_spaces_do_not_count() -> None:
    model, diagnostics = check(page(*PROJECT, f"title: '  {_long(MAX_SHORT_TEXT)}  '"))
    assert diagnostics == []
    assert model is not None and model.title == _long(MAX_SHORT_TEXT)


def test_a_long_title_is_not_repeated_in_every_entry() -> None:
    """A 100,000-character title and 1,000 risks: what the registry keeps is proportional."""
    risks = [f"  - {{id: R-{i}, title: Risk {i}}}" for i in range(1000)]
    registry = registry_of({"a.md": page("type: project", "owner: Ana", f"title: {_long(100_000)}", "risks:", *risks)})
    entity = registry.get("A")
    assert entity is not None and len(entity.title) == MAX_SHORT_TEXT
    assert len(entity.model.risks) == 1000


def test_a_long_text_with_another_error_in_the_same_page() -> None:
    model, diagnostics = check(page(*PROJECT, f"title: {_long(400)}", "progress: 300", "risks: [{title: R, impact: 9}]"))
    assert diagnostics == [
        "p.md:4: title: is 400 characters long, more than 300; only the first 299 are kept",
        "p.md:5: progress: expected less than or equal to 100, found 300 (int); the value is left out",
        "p.md:6: risks[0].impact: expected less than or equal to 5, found 9 (int); the value is left out",
    ]
    assert model is not None and model.title is not None and len(model.title) == 300 and model.progress is None


# --------------------------------------------------------------------------- 3. broken YAML, any spelling of type


@pytest.mark.parametrize(
    "type_line",
    ['"type": project', "'Type' : project", "TYPE: project", "Type:   project", '{"type": project, owner: [Ana}'],
)
def test_broken_typed_block_is_reported_whatever_the_spelling_of_type(type_line: str) -> None:
    fm = parse(page("title: T", type_line, "owner: [Ana, Ben", "summary: x"), "p.md")
    assert fm.data is None
    assert [(d.field, d.code, d.severity) for d in fm.diagnostics] == [("front matter", "yaml", "error")]
    assert fm.diagnostics[0].message.startswith("front matter is not valid YAML: ")
    assert fm.diagnostics[0].message.endswith("; the page is not part of the governance model")


def test_broken_block_with_an_indented_type_is_still_not_ours() -> None:
    assert parse("---\nmeta:\n  'type': project\nbad: [\n---\n", "p.md").diagnostics == []


# --------------------------------------------------------------------------- 4. unclosed front matter

UNCLOSED = "front matter starts on line 1 but is never closed with '---'; the page is not part of the governance model"


@pytest.mark.parametrize("text", ["---\ntype: project\nowner: Ana\n# Alpha\n", "\ufeff---\r\n'Type': Decision\r\n", "---  \n\ntitle: x\ntype: program\n"])
def test_unclosed_typed_block_is_reported(text: str) -> None:
    fm = parse(text, "p.md")
    assert fm.data is None
    assert [str(d) for d in fm.diagnostics] == [f"p.md:1: front matter: {UNCLOSED}"]
    assert fm.diagnostics[0].code == "yaml"


@pytest.mark.parametrize("text", ["---\ntitle: Notes\n# Notes\n", "---\n\nType: note, a horizontal rule above\n", "# T\n---\ntype: project\n"])
def test_unclosed_block_that_is_not_typed_is_not_ours(text: str) -> None:
    assert parse(text, "p.md").diagnostics == []


def test_unclosed_typed_page_is_reported_by_the_registry() -> None:
    registry = registry_of({"a.md": "---\ntype: project\nowner: Ana\n"})
    assert registry.entities == []
    assert [str(d) for d in registry.diagnostics] == [f"a.md:1: front matter: {UNCLOSED}"]


# --------------------------------------------------------------------------- 5. custom YAML tags


def test_custom_tag_on_a_typed_page_is_an_error_and_the_value_is_left_out() -> None:
    model, diagnostics = check(page(*PROJECT, "summary: !foo Hello", "sponsor: Bea"))
    assert diagnostics == [
        "p.md:4: summary: unknown YAML tag '!foo': MkDocs cannot read front matter with it and shows the block as text; "
        "the value is left out"
    ]
    assert isinstance(model, schema.ProjectPage)
    assert (model.summary, model.sponsor) == (None, "Bea")


@pytest.mark.parametrize(
    "line, field, tag",
    [
        ("tags: [a, !x b, c]", "tags[1]", "!x"),
        ("risks: [{title: R, owner: !!python/object:os.system x}]", "risks[0].owner", "!!python/object:os.system"),
        ("!key summary: x", "front matter", "!key"),
        ("budget: !money {planned: 5}", "budget", "!money"),
        ("summary: !ENV HOME", "summary", "!ENV"),
    ],
)
def test_custom_tags_anywhere_are_reported_at_their_line(line: str, field: str, tag: str) -> None:
    model, diagnostics, _ = validate(page(*PROJECT, line))
    assert [(d.line, d.field, d.code, d.severity) for d in diagnostics] == [(4, field, "yaml", "error")]
    assert f"unknown YAML tag '{tag}'" in diagnostics[0].message
    assert isinstance(model, schema.ProjectPage) and model.owner == "Ana"


def test_tagged_list_item_is_left_out_and_the_others_keep_their_lines() -> None:
    fm = parse(page(*PROJECT, "tags:", "  - a", "  - !x b", "  - c"), "p.md")
    assert fm.data is not None and fm.data["tags"] == ["a", "c"]
    assert (fm.lines[("tags", 0)], fm.lines[("tags", 1)]) == (5, 7)


def test_custom_tags_on_a_page_that_is_not_typed_are_not_ours() -> None:
    assert parse(page("title: !foo x", "tags: [!bar y]"), "p.md").diagnostics == []


def test_tagged_typed_page_still_takes_part() -> None:
    registry = registry_of({"a.md": page(*PROJECT, "summary: !foo Hello")})
    assert [e.id for e in registry.entities] == ["A"]
    assert [d.line for d in registry.diagnostics] == [4]


# --------------------------------------------------------------------------- 6. lines of the key, not line 1


def test_non_mapping_block_is_reported_at_the_type_key() -> None:
    fm = parse("---\n- first\n- second\n- type: project\n---\n", "p.md")
    assert fm.diagnostics == []  # an indented/nested type is not a top-level key
    fm = parse("---\n[first,\n second,\ntype: project]\n---\n", "p.md")
    assert [(d.line, d.code) for d in fm.diagnostics] == [(4, "yaml")]


@pytest.mark.parametrize(
    "value, line",
    [("x: " + "[" * 300 + "]" * 300, 5), ("x:\n  " + "- " * 300 + "a", 6)],
    ids=["flow", "block"],
)
def test_nesting_errors_are_reported_at_their_line(value: str, line: int) -> None:
    fm = parse(page(*PROJECT, "summary: s", value), "p.md")
    assert [(d.line, d.code) for d in fm.diagnostics] == [(line, "yaml")]


@pytest.mark.parametrize(
    "value, line",
    [("owner: 'Ana", 4), ('owner: "Ana', 4), ("owner: [Ana, Ben", 4), ("risks:\n  - {title: a", 5)],
)
def test_an_unclosed_quote_or_bracket_is_reported_where_it_opens(value: str, line: int) -> None:
    # Not at the end of the block, where YAML notices it.
    fm = parse(page("type: project", "id: P", value, "summary: s" if "[" not in value and "{" not in value else "x"), "p.md")
    assert [(d.line, d.code) for d in fm.diagnostics] == [(line, "yaml")]


def test_unknown_type_and_unreadable_page_are_reported_at_the_type_key() -> None:
    model, diagnostics = check(page("title: T", "summary: S", "type: projct"))
    assert model is None
    assert diagnostics[0].startswith("p.md:4: type: expected one of portfolio")


def test_a_whole_page_error_is_placed_at_the_type_key() -> None:
    """An error without a location of its own (a model-level check) names the `type` line, not line 1 or none."""
    error = {"type": "value_error", "loc": (), "msg": "Value error, the page is inconsistent", "input": {}}
    fm = parse(page("title: T", "summary: S", "type: project"), "p.md")
    path, diag = validate_module._diagnose(error, fm.data or {}, set(), validate_module._Gaps(()), schema.ProjectPage, fm, "p.md")
    assert path is None and diag is not None
    assert str(diag) == "p.md:4: front matter: the page is inconsistent"


# --------------------------------------------------------------------------- 7. coercions


@pytest.mark.parametrize(
    "line, field, shown",
    [
        ("id: 1.50", "id", 'id: "1.50"'),
        ("id: 42", "id", 'id: "42"'),
        ("id: 042", "id", 'id: "042"'),
        ("id: 0x10", "id", 'id: "0x10"'),
        ("id: 1_000", "id", 'id: "1_000"'),
        ("id: yes", "id", 'id: "yes"'),
        ("program: 12", "program", 'program: "12"'),
        ("contributes_to: [1.10]", "contributes_to[0]", '"1.10"'),
        ("depends_on: [7]", "depends_on[0]", '"7"'),
        ("depends_on: [{id: 7.0}]", "depends_on[0].id", 'id: "7.0"'),
        ("risks: [{id: 1.50, title: R}]", "risks[0].id", 'id: "1.50"'),
        ("changes: [{title: C, decision: 3}]", "changes[0].decision", 'decision: "3"'),
    ],
)
def test_ids_and_references_written_as_numbers_must_be_quoted(line: str, field: str, shown: str) -> None:
    _, diagnostics = check(page(*PROJECT, line))
    expected = f"p.md:4: {field}: expected an id written as text: quote it ({shown}); the value is left out"
    # A dependency without a valid id is left out as well, which is said too.
    assert diagnostics in ([expected], [f"p.md:4: {field.rsplit('.', 1)[0]}: left out: it has no valid 'id'", expected])


def test_decision_references_written_as_numbers_must_be_quoted() -> None:
    _, diagnostics = check(page("type: decision", "status: accepted", "date: 2026-01-01", "supersedes: [12]", "scope: 3"))
    assert diagnostics == [
        'p.md:5: supersedes[0]: expected an id written as text: quote it ("12"); the value is left out',
        'p.md:6: scope: expected an id written as text: quote it (scope: "3"); the value is left out',
    ]


def test_quoted_ids_are_kept_as_written() -> None:
    model, diagnostics = check(page(*PROJECT, "id: '1.50'", "depends_on: ['042']"))
    assert diagnostics == []
    assert model is not None and model.id == "1.50" and model.depends_on[0].id == "042"


@pytest.mark.parametrize(
    "line, field",
    [
        ("progress: true", "progress"),
        ("progress: no", "progress"),
        ("risks: [{title: R, probability: true}]", "risks[0].probability"),
        ("risks: [{title: R, impact: false}]", "risks[0].impact"),
        ("budget: {planned: true}", "budget.planned"),
        ("baseline: {budget: yes}", "baseline.budget"),
        ("kpis: [{name: K, target: on}]", "kpis[0].target"),
        ("changes: [{title: C, impact: {schedule_days: true, cost: false}}]", "changes[0].impact.cost"),
    ],
)
def test_booleans_are_not_numbers(line: str, field: str) -> None:
    _, diagnostics = check(page(*PROJECT, line))
    assert any(d.startswith(f"p.md:4: {field}: expected a number, found ") for d in diagnostics)
    assert all("expected a number, found True (bool)" in d or "expected a number, found False (bool)" in d for d in diagnostics)


def test_boolean_risk_threshold_is_not_a_number() -> None:
    _, diagnostics = check(page(*PROGRAM, "governance: {risk_threshold: true}"))
    assert diagnostics == ["p.md:4: governance.risk_threshold: expected a number, found True (bool); the value is left out"]


@pytest.mark.parametrize("value", ["2026-W10", "2026-W10-1", "2026-4", "2026-4-1", "20260101", "'20260101'", "2026-001", "'2026-01-01T10:00'", "2026-1-05"])
def test_only_the_documented_forms_are_dates(value: str) -> None:
    model, diagnostics = check(page(*PROJECT, f"start: {value}"))
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("p.md:4: start: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found ")
    assert model is not None and model.start is None


@pytest.mark.parametrize("value", ["2026-03-31", "'2026-03-31'", "2026-04", "2026-q2", "2026-03-31 10:00:00", "2026-03-31T10:00:00Z", "2026-3-31 10:00:00"])
def test_documented_forms_and_yaml_timestamps_are_dates(value: str) -> None:
    model, diagnostics = check(page(*PROJECT, f"start: {value}"))
    assert diagnostics == []
    assert model is not None and model.start is not None


def test_json_schema_agrees_on_ids_numbers_and_dates() -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(json_schema())
    base = {"type": "project", "owner": "Ana"}
    good = [{"id": "1.50"}, {"start": "2026-03-31"}, {"end": "2026-04"}, {"end": "2999-Q4"}, {"budget": {"planned": 1e15}},
            {"progress": 50}, {"changes": [{"title": "C", "impact": {"schedule_days": -36500}}]}]
    bad = [{"id": 1.5}, {"program": 12}, {"progress": True}, {"budget": {"planned": 1e26}}, {"budget": {"planned": True}},
           {"start": "2026-W10"}, {"end": "2026-4"}, {"end": "9999-12-30"}, {"start": "1899-12-31"}, {"start": "2026-13-01"},
           {"changes": [{"title": "C", "impact": {"schedule_days": 36501}}]}, {"risks": [{"title": "R", "probability": True}]},
           {"title": "x" * 301}]
    for extra in good:
        assert validator.is_valid({**base, **extra}), extra
    for extra in bad:
        assert not validator.is_valid({**base, **extra}), extra


# --------------------------------------------------------------------------- 8. control characters


HOSTILE = "\x1b[31mred\x1b[0m\rover\x07\x9b2J\u202eevil\u2066x\u2069\n"


def test_diagnostics_show_control_characters_escaped() -> None:
    diag = Diagnostic("a\x1b.md", 3, f"f{HOSTILE}", f"found '{HOSTILE}'", related=(Location("b\r.md", 1),))
    shown = str(diag)
    assert shown == (
        "a\\x1b.md:3: f\\x1b[31mred\\x1b[0m\\rover\\x07\\x9b2J\\u202eevil\\u2066x\\u2069\\n: "
        "found '\\x1b[31mred\\x1b[0m\\rover\\x07\\x9b2J\\u202eevil\\u2066x\\u2069\\n' (see b\\r.md:1)"
    )
    for output in (shown, format_text([diag]), format_json([diag]), format_github([diag]), json.dumps(diag.to_dict(), ensure_ascii=False)):
        assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in output)
    assert safe_text("plain text, tabs\tstay") == "plain text, tabs\tstay"


def test_control_characters_from_front_matter_keys_and_values_are_escaped() -> None:
    _model, diagnostics = check(page(*PROJECT, '"own\\e[2Jer": x', 'health: "\\e]0;pwned\\a\\u202Ered"'))
    assert diagnostics == [
        "p.md:4: own\\x1b[2_jer: unknown field 'own\\x1b[2_jer' (did you mean 'owner'?); it is ignored",
        "p.md:5: health: expected 'green', 'amber' or 'red', found '\\x1b]0;pwned\\x07\\u202ered'; the value is left out",
    ]


# --------------------------------------------------------------------------- 9. many entries, linear cost


def _risks(count: int, *, bad_every: int = 0) -> str:
    lines = ["type: project", "id: BIG", "owner: Ana", "risks:"]
    for i in range(count):
        impact = 9 if bad_every and i % bad_every == 0 else 2
        lines += [f"  - id: R-{i}", f"    title: Risk {i}", "    probability: 3", f"    impact: {impact}", "    owner: Bob", "    status: open"]
    return page(*lines)


def test_thirty_thousand_risks_all_arrive() -> None:
    model, diagnostics, source = validate(_risks(30_000))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage) and len(model.risks) == 30_000
    assert model.risks[-1].id == "R-29999"
    assert source.line("risks", 29_999, "title") == 7 + 6 * 29_999


def _work(count: int) -> int:
    """Python lines run to parse and validate a page of ``count`` risks and map every entry to its line.

    A count of operations, not a time: deterministic, whatever the load of the machine.
    """
    text = _risks(count, bad_every=1)  # every entry has an error: removals everywhere
    files = {frontmatter.__file__, validate_module.__file__, schema.__file__}
    lines = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal lines
        if frame.f_code.co_filename not in files:
            return None
        if event == "line":
            lines += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        fm = parse(text, "p.md")
        model, diagnostics, source = validate_page(fm, "p.md")
        for index in range(count):
            source.line("risks", index, "title")
    finally:
        sys.settrace(previous)
    assert model is not None and len(model.risks) == count and len(diagnostics) == count
    return lines


def test_validation_cost_is_linear_in_the_number_of_entries() -> None:
    """Twice the entries, twice the work (each one has an error: removed, resolved, mapped back).

    Before: each error resolved its list index by scanning the list, and each
    line lookup counted the removed items before it: 1,200 entries took 3.8
    times the work of 600.
    """
    small, large = _work(600), _work(1_200)
    assert large / small < 2.2, f"600 entries: {small:,} lines run, 1,200: {large:,}"


def test_more_values_than_the_limit_names_what_it_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FRONT_MATTER_VALUES", 40)
    fm = parse(_risks(10), "p.md")
    # 5 values before the risks (the block, type, id, owner, the list), then 7
    # per risk (the mapping and its 6 fields): the 6th risk (line 36) is cut.
    assert [str(d) for d in fm.diagnostics] == [
        "p.md:36: front matter: front matter has more than 40 values; the values from line 36 on are left out"
    ]
    assert fm.data is not None
    risks = fm.data["risks"]
    assert [r["id"] for r in risks] == [f"R-{i}" for i in range(5)]
    assert all(None not in risk.values() for risk in risks)
    assert ("risks", 4) in fm.lines and ("risks", 5) not in fm.lines


def test_the_value_limit_is_far_above_real_pages() -> None:
    assert limits.MAX_FRONT_MATTER_VALUES >= 1_000_000
    assert limits.MAX_ALIAS_VALUES <= 1_000_000


def test_billion_laughs_stays_fast_and_small() -> None:
    levels = [f"l{i}: &l{i} [{', '.join(['*l' + str(i - 1)] * 10)}]" for i in range(1, 10)]
    text = page("type: project", "owner: Ana", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]", *levels, "summary: after")
    started = time.perf_counter()
    fm = parse(text, "p.md")
    assert time.perf_counter() - started < 5  # about 0.3 s
    tracemalloc.start()  # slows the parse down several times: measured apart
    try:
        parse(text, "p.md")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20  # about 16 MB
    assert [d.code for d in fm.diagnostics] == ["yaml"]
    assert fm.diagnostics[0].message.startswith("aliases expand to more than 100,000 values")
    assert fm.data is not None and fm.data["summary"] == "after"


# --------------------------------------------------------------------------- 10. linear regexes

HOSTILE_TEXTS = [
    "superseded by " + "(" * 100_000,
    "superseded by x" + "(" * 100_000,
    "superseded by [" + "[(" * 50_000,
    "superseded by x(" + ") " * 50_000 + "x",
    "superseded by" + " " * 100_000 + "x",
    " " * 100_000 + "x",
    "-" * 100_000,
    "[" * 100_000,
    "- " * 50_000 + "x",
    ("-" + " " * 999) * 100 + "x",
    "aA" * 50_000 + "!",
    "a-" * 50_000,
    "9" * 100_000,
    "2026-" * 20_000,
    "type" + " " * 100_000 + "x",
    "\x1b" * 100_000,
]

REGEX_USERS: dict[str, Callable[[str], Any]] = {
    "madr status": lambda v: schema._decision_status(v),
    "madr link": lambda v: schema._MADR_SUPERSEDED.match(v),
    "date": lambda v: [r.match(v) for r in (schema._QUARTER_RE, schema._MONTH_RE, schema._DAY_RE)],
    "url scheme": lambda v: schema._SCHEME_RE.match(v),
    "normalize_key": lambda v: text.normalize_key.__wrapped__(v),
    "slugify": text.slugify,
    "default_id": text.default_id,
    "id": lambda v: text.ID_RE.match(v),
    "safe_text": safe_text,
    "front matter value": lambda v: parse("---\ntype: project\nx: " + v + "\n---\n", "p.md"),
    "front matter block": lambda v: parse("---\n" + v + "\n---\n", "p.md"),
    "unclosed block": lambda v: parse("---\n" + v, "p.md"),
    "opening line": lambda v: parse("---" + v + "\n---\n", "p.md"),
}


@pytest.mark.parametrize("user", list(REGEX_USERS))
def test_every_regex_is_linear_on_100_kb_of_hostile_text(user: str) -> None:
    run = REGEX_USERS[user]
    for hostile in HOSTILE_TEXTS:
        started = time.perf_counter()
        run(hostile)
        elapsed = time.perf_counter() - started
        assert elapsed < 1, f"{user} took {elapsed:.2f} s on {hostile[:20]!r}…"


def test_madr_status_still_reads_every_form() -> None:
    for status, link in [("superseded by DEC-012", "DEC-012"), ("Superseded by [DEC-7](dec-7.md)", "DEC-7"),
                         ("superseded by [DEC-7]", "DEC-7"), ("  superseded  by  DEC-1(x)  ", "DEC-1")]:
        match = schema._MADR_SUPERSEDED.match(status)
        assert match is not None and match.group(1) == link, status
    assert schema._MADR_SUPERSEDED.match("superseded by DEC-1 (see x)") is None


# --------------------------------------------------------------------------- a real build

EXTREME_SITE = {
    "index.md": "# Home\n\n<!-- pgm:roadmap -->\n",
    "prg.md": page("type: program", "id: PRG", "owner: Ana", "benefits: [{id: BEN-1, title: B, actual: 1.0e+25, target: 5}]", body="# Program\n"),
    "far.md": page("type: project", "id: FAR", "owner: Ana", "program: PRG", "start: 2026-01-01", "end: 9999-12-30",
                   "baseline: {start: 2026-01-01, end: 2026-06-30}", "budget: {planned: 1.0e+26, actual: 5}",
                   "milestones: [{title: Someday, date: 9999-12-31}]", body="# Far\n"),
    "old.md": page("type: project", "id: OLD", "owner: Ana", "program: PRG", "start: 0001-01-01", "end: 2026-12-31", body="# Old\n"),
}


def test_a_site_with_extreme_values_builds_and_reports_each_one(build_site: Any, tmp_path: Any) -> None:
    """The pages of the issue crashed the roadmap, the ICS feed and number formatting."""
    site = build_site(tmp_path, EXTREME_SITE, {"plugins": ["search", {"pgm": {"diagrams": False, "today": "2026-03-01"}}]})
    warnings = [w for w in site.warnings if "expected" in w]
    assert warnings == [
        f"mkdocs_pgm: docs/far.md:7: end: {RANGE}, found 9999-12-30; the value is left out",
        f"mkdocs_pgm: docs/far.md:9: budget.planned: {AMOUNT}, found 1e+26; the value is left out",
        f"mkdocs_pgm: docs/far.md:10: milestones[0].date: {RANGE}, found 9999-12-31; the value is left out",
        f"mkdocs_pgm: docs/old.md:6: start: {RANGE}, found 0001-01-01; the value is left out",
        f"mkdocs_pgm: docs/prg.md:5: benefits[0].actual: {AMOUNT}, found 1e+25; the value is left out",
    ]
    assert "Far" in site.html("far.md")


def test_findings_show_control_characters_escaped() -> None:
    """Findings quote titles from front matter: like diagnostics, they cannot drive the terminal."""
    import datetime as dt

    from mkdocs_pgm.core.analysis.findings import find

    registry = registry_of({"p.md": page(
        "type: project", "owner: Ana", "milestones:", '  - {title: "\\x1b[2Jgone", date: 2026-01-31}',
    )})
    found = [str(f) for f in find(registry, dt.date(2026, 5, 1))]
    assert found and all("\x1b" not in line for line in found)
    assert any("\\x1b[2Jgone" in line for line in found), found


def test_github_annotations_title_a_problem_without_field_by_its_code() -> None:
    from mkdocs_pgm.core.diagnostics import Diagnostic, format_github

    line = format_github([Diagnostic("docs/a.md", 8, "", "not valid UTF-8 at byte 55 (0xe9)", code="encoding")])
    assert line == "::error file=docs/a.md,line=8,title=encoding::not valid UTF-8 at byte 55 (0xe9)"


def test_a_lone_surrogate_is_a_yaml_error_not_a_crash() -> None:
    """Text handed to the core may hold a lone surrogate (no UTF-8 file can): libyaml would raise."""
    fm = frontmatter.parse("---\ntype: project\nid: P\nowner: A\ud800b\n---\n# x\n", "p.md")
    assert fm.data is None
    assert [str(d) for d in fm.diagnostics] == [
        "p.md:4: front matter: front matter is not valid YAML: character U+D800 is not a Unicode character; the page is not part of the governance model"
    ]
