"""Lenient validation: every rule of the contract, with the exact report for bad input.

Contract: every problem is printed ``file:line: field.path: message``, the
invalid value is left out, the page still builds, and nothing raises.
In ``page(...)`` each argument is one line of the front matter, so argument
``n`` (0-based) is on file line ``n + 2``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_pgm.core.model import schema

from helpers import check, page, validate

PROJECT = ("type: project", "owner: Ana")  # lines 2-3
PROGRAM = ("type: program", "owner: Ana")
DECISION = ("type: decision", "status: accepted", "date: 2026-01-15")


# --------------------------------------------------------------------------- type


def test_page_without_type_does_not_take_part() -> None:
    assert check(page("title: Notes", "owner: [not, checked]")) == (None, [])
    assert check("# Just Markdown\n") == (None, [])


def test_unknown_type_with_did_you_mean() -> None:
    model, diagnostics = check(page("type: projet", "owner: Ana"))
    assert model is None
    assert diagnostics == [
        "p.md:2: type: expected one of portfolio, program, project, decision, found 'projet' "
        "(did you mean 'project'?); the page is not part of the governance model"
    ]


@pytest.mark.parametrize(
    "value, found",
    [("null", "nothing (null)"), ("[project]", "a list"), ("5", "5 (int)"), ("banana", "'banana'")],
)
def test_type_that_is_not_a_known_name(value: str, found: str) -> None:
    model, diagnostics = check(page(f"type: {value}"))
    assert model is None
    assert diagnostics == [
        f"p.md:2: type: expected one of portfolio, program, project, decision, found {found}; "
        "the page is not part of the governance model"
    ]


@pytest.mark.parametrize("value, cls", [("Project", schema.ProjectPage), (" PROGRAM ", schema.ProgramPage), ("Portfolio", schema.PortfolioPage)])
def test_type_is_case_insensitive(value: str, cls: type) -> None:
    model, diagnostics = check(page(f"type: '{value}'", "owner: Ana"))
    assert diagnostics == []
    assert type(model) is cls
    assert model is not None and model.type == cls.kind


# --------------------------------------------------------------------------- unknown fields


def test_unknown_field_is_a_warning_with_did_you_mean() -> None:
    model, diagnostics, _ = validate(page(*PROJECT, "ownr: Ben", "sumary: One line"))
    assert [str(d) for d in diagnostics] == [
        "p.md:4: ownr: unknown field 'ownr' (did you mean 'owner'?); it is ignored",
        "p.md:5: sumary: unknown field 'sumary' (did you mean 'summary'?); it is ignored",
    ]
    assert {d.severity for d in diagnostics} == {"warning"}
    assert {d.code for d in diagnostics} == {"unknown-field"}
    assert model is not None and model.owner == "Ana"


def test_unknown_field_without_a_close_name() -> None:
    assert check(page(*PROJECT, "zzzz: 1"))[1] == ["p.md:4: zzzz: unknown field 'zzzz'; it is ignored"]


def test_unknown_nested_fields_name_their_container() -> None:
    model, diagnostics = check(
        page(
            *PROJECT,
            "risks:",
            "  - title: Vendor late",
            "    probabilty: 3",
            "governance: {}",
            "changes:",
            "  - title: Scope",
            "    impact: {costs: 10}",
        )
    )
    assert diagnostics == [
        "p.md:6: risks[0].probabilty: unknown field 'probabilty' in risks[0] (did you mean 'probability'?); it is ignored",
        "p.md:7: governance: unknown field 'governance'; it is ignored",
        "p.md:10: changes[0].impact.costs: unknown field 'costs' in changes[0].impact (did you mean 'cost'?); it is ignored",
    ]
    assert model is not None and model.risks[0].title == "Vendor late"


def test_unknown_field_in_program_governance_forum() -> None:
    model, diagnostics = check(
        page(*PROGRAM, "governance:", "  forums:", "    - name: Steering", "      chairman: Eve")
    )
    assert diagnostics == [
        "p.md:7: governance.forums[0].chairman: unknown field 'chairman' in governance.forums[0] (did you mean 'chair'?); it is ignored"
    ]
    assert model is not None and model.governance is not None
    assert model.governance.forums[0].name == "Steering"


@pytest.mark.parametrize("key", ["hide", "template", "icon", "search", "description", "subtitle", "comments"])
def test_host_keys_are_never_reported(key: str) -> None:
    value = {"hide": "[toc, navigation]", "search": "{exclude: true}"}.get(key, "something")
    model, diagnostics = check(page(*PROJECT, f"{key}: {value}", "status: active"))
    assert diagnostics == []
    assert model is not None and model.status == "active"


def test_host_keys_do_not_hide_our_own_problems() -> None:
    _, diagnostics = check(page(*PROJECT, "hide: [toc]", "template: x.html", "health: purple"))
    assert diagnostics == ["p.md:6: health: expected 'green', 'amber' or 'red', found 'purple'; the value is left out"]


def test_ignore_fields_are_not_reported() -> None:
    model, diagnostics = check(page(*PROJECT, "jira: PGM-1", "cost_center: 42", "ownr: x"), ignore=["jira", "cost_center"])
    assert diagnostics == ["p.md:6: ownr: unknown field 'ownr' (did you mean 'owner'?); it is ignored"]
    assert model is not None


def test_ignore_fields_are_separator_insensitive_like_every_key() -> None:
    """Keys are separator-insensitive, so an ignored ``costCenter`` must cover ``costCenter:`` in a page."""
    _, diagnostics = check(page(*PROJECT, "costCenter: 42", "jira-key: PGM-1"), ignore=["costCenter", "jira-key"])
    assert diagnostics == []


# --------------------------------------------------------------------------- enums


ENUMS = [
    # (front matter lines after the type line(s), path, expected, found)
    (PROJECT + ("status: done",), "status", "'proposed', 'planned', 'active', 'on-hold', 'completed' or 'cancelled'", "'done'"),
    (PROGRAM + ("status: planned",), "status", "'proposed', 'active', 'on-hold', 'completed' or 'cancelled'", "'planned'"),
    (PROJECT + ("health: purple",), "health", "'green', 'amber' or 'red'", "'purple'"),
    (PROGRAM + ("health: yellow",), "health", "'green', 'amber' or 'red'", "'yellow'"),
    (PROJECT + ("phase: build",), "phase", "'initiation', 'planning', 'execution', 'monitoring' or 'closure'", "'build'"),
    (PROJECT + ("milestones:", "  - title: M", "    status: late"), "milestones[0].status", "'planned', 'done' or 'missed'", "'late'"),
    (PROJECT + ("risks:", "  - title: R", "    status: gone"), "risks[0].status", "'open', 'mitigated', 'closed' or 'occurred'", "'gone'"),
    (PROJECT + ("changes:", "  - title: C", "    status: pending"), "changes[0].status", "'requested', 'approved', 'rejected' or 'implemented'", "'pending'"),
    (PROGRAM + ("benefits:", "  - title: B", "    status: done"), "benefits[0].status", "'planned', 'realizing', 'realized' or 'at-risk'", "'done'"),
    (PROJECT + ("depends_on:", "  - id: BETA", "    type: blocks"), "depends_on[0].type", "'finish-to-start', 'start-to-start' or 'informational'", "'blocks'"),
    (PROJECT + ("deliverables:", "  - title: D", "    status: wip"), "deliverables[0].status", "'planned', 'in-progress', 'done' or 'cancelled'", "'wip'"),
    (PROJECT + ("assumptions:", "  - title: A", "    status: maybe"), "assumptions[0].status", "'open', 'validated' or 'invalidated'", "'maybe'"),
    (PROJECT + ("issues:", "  - title: I", "    status: stuck"), "issues[0].status", "'open', 'in-progress', 'resolved' or 'closed'", "'stuck'"),
]


@pytest.mark.parametrize("front, path, expected, found", ENUMS, ids=[f"{e[0][0]}-{e[1]}" for e in ENUMS])
def test_enum_value_outside_the_list(front: tuple[str, ...], path: str, expected: str, found: str) -> None:
    model, diagnostics = check(page(*front))
    line = len(front) + 1
    assert diagnostics == [f"p.md:{line}: {path}: expected {expected}, found {found}; the value is left out"]
    assert model is not None, "the page still builds"


def test_invalid_enum_falls_back_to_the_default() -> None:
    model, _ = check(page(*PROJECT, "status: done", "health: purple", "milestones:", "  - title: M", "    status: late"))
    assert isinstance(model, schema.ProjectPage)
    assert (model.status, model.health) == ("planned", "green")
    assert model.milestones[0].title == "M" and model.milestones[0].status == "planned"


def test_enums_are_case_insensitive() -> None:
    model, diagnostics = check(
        page(
            *PROJECT,
            "status: Active",
            "health: RED",
            "phase: Execution",
            "depends_on:",
            "  - {id: BETA, type: Informational}",
            "milestones:",
            "  - {title: M, status: DONE}",
            "decisions:",
            "  - {title: D, status: Accepted, date: 2026-01-01}",
        )
    )
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage)
    assert (model.status, model.health, model.phase) == ("active", "red", "execution")
    assert model.depends_on[0].type == "informational"
    assert model.milestones[0].status == "done"
    assert model.decisions[0].status == "accepted"


def test_decision_status_outside_the_list_in_a_decision_entry() -> None:
    model, diagnostics = check(page(*PROJECT, "decisions:", "  - title: D", "    status: active", "    date: 2026-01-01"))
    assert diagnostics == [
        "p.md:5: decisions[0].status: required for a decision entry, but missing",
        "p.md:6: decisions[0].status: expected 'draft', 'proposed', 'accepted', 'rejected', 'deprecated' or 'superseded', "
        "found 'active'; the value is left out",
    ]
    assert isinstance(model, schema.ProjectPage)
    assert [(d.title, d.status, d.date) for d in model.decisions] == [("D", None, dt.date(2026, 1, 1))]


def test_decision_page_with_invalid_status_still_builds() -> None:
    """A page with an invalid field still builds: a decision page with a bad status is reported, not dropped."""
    model, diagnostics = check(page("type: decision", "status: active", "date: 2026-01-15", "forum: Steering"))
    assert (
        "p.md:3: status: expected 'draft', 'proposed', 'accepted', 'rejected', 'deprecated' or 'superseded', "
        "found 'active'; the value is left out"
    ) in diagnostics
    assert "p.md:2: type: the page could not be read; it is left out" not in diagnostics
    assert isinstance(model, schema.DecisionPage)
    assert model.forum == "Steering"
    assert model.date == dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    "status, later",
    [
        ("superseded by DEC-012", "DEC-012"),
        ("Superseded by DEC-012", "DEC-012"),
        ("SUPERSEDED BY dec-012", "dec-012"),
        ("superseded by [ADR-0005](0005-use-postgres.md)", "ADR-0005"),
        ("superseded", None),
        ("Accepted", None),
    ],
)
def test_madr_superseded_by_is_read_as_superseded_plus_link(status: str, later: str | None) -> None:
    model, diagnostics = check(page("type: decision", f"status: {status}", "date: 2026-01-15"))
    assert diagnostics == []
    assert isinstance(model, schema.DecisionPage)
    assert model.status == status.split()[0].lower()
    assert model.madr_superseded_by == later


# --------------------------------------------------------------------------- numbers


RANGES = [
    ("probability", "0", "greater than or equal to 1", "0 (int)"),
    ("probability", "6", "less than or equal to 5", "6 (int)"),
    ("impact", "0", "greater than or equal to 1", "0 (int)"),
    ("impact", "9", "less than or equal to 5", "9 (int)"),
]


@pytest.mark.parametrize("key, value, bound, found", RANGES)
def test_risk_scores_are_1_to_5(key: str, value: str, bound: str, found: str) -> None:
    scores = {"probability": "3", "impact": "3", key: value}
    model, diagnostics = check(page(*PROJECT, "risks:", "  - title: R", f"    probability: {scores['probability']}", f"    impact: {scores['impact']}"))
    line = 6 if key == "probability" else 7
    assert diagnostics == [f"p.md:{line}: risks[0].{key}: expected {bound}, found {found}; the value is left out"]
    assert isinstance(model, schema.ProjectPage)
    risk = model.risks[0]
    assert getattr(risk, key) is None
    assert risk.score is None
    assert risk.title == "R"


def test_risk_score_is_probability_times_impact() -> None:
    model, diagnostics = check(page(*PROJECT, "risks:", "  - {title: R, probability: 5, impact: 1}", "  - {title: S, probability: '4', impact: 5}"))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage)
    assert [r.score for r in model.risks] == [5, 20]


def test_fractional_score_is_refused() -> None:
    _, diagnostics = check(page(*PROJECT, "risks:", "  - title: R", "    impact: 2.5"))
    assert diagnostics == [
        "p.md:6: risks[0].impact: expected a valid integer, got a number with a fractional part, found 2.5 (float); the value is left out"
    ]


@pytest.mark.parametrize("value, ok", [("0", False), ("1", True), ("25", True), ("26", False)])
def test_risk_threshold_is_1_to_25(value: str, ok: bool) -> None:
    model, diagnostics = check(page(*PROGRAM, "governance:", f"  risk_threshold: {value}", "  escalation: PMO"))
    assert isinstance(model, schema.ProgramPage) and model.governance is not None
    assert model.governance.escalation == ["PMO"]
    if ok:
        assert diagnostics == []
        assert model.governance.risk_threshold == int(value)
    else:
        bound = "greater than or equal to 1" if value == "0" else "less than or equal to 25"
        assert diagnostics == [f"p.md:5: governance.risk_threshold: expected {bound}, found {value} (int); the value is left out"]
        assert model.governance.risk_threshold is None


@pytest.mark.parametrize("value, ok", [("-1", False), ("0", True), ("42.5", True), ("100", True), ("101", False)])
def test_progress_is_0_to_100(value: str, ok: bool) -> None:
    model, diagnostics = check(page(*PROJECT, f"progress: {value}"))
    assert isinstance(model, schema.ProjectPage)
    if ok:
        assert diagnostics == []
        assert model.progress == float(value)
    else:
        bound = "greater than or equal to 0" if value == "-1" else "less than or equal to 100"
        assert diagnostics == [f"p.md:4: progress: expected {bound}, found {value} (int); the value is left out"]
        assert model.progress is None


def test_numbers_where_text_is_expected_become_text() -> None:
    model, diagnostics = check(page("type: project", "owner: 42", "id: '2026'", "summary: 3.5"))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage)
    assert (model.owner, model.id, model.summary) == ("42", "2026", "3.5")


def test_an_id_written_as_a_number_must_be_quoted() -> None:
    # YAML reads 2026 as a number (and 1.50 as 1.5, 042 as 42): an id is text.
    model, diagnostics = check(page("type: project", "owner: Ana", "id: 2026"))
    assert diagnostics == ['p.md:4: id: expected an id written as text: quote it (id: "2026"); the value is left out']
    assert isinstance(model, schema.ProjectPage) and model.id is None


def test_budget_and_kpi_numbers() -> None:
    model, diagnostics = check(page(*PROJECT, "budget: {planned: 100, actual: lots, currency: eur}", "kpis: [{name: NPS, target: high}]"))
    assert diagnostics == [
        "p.md:4: budget.actual: expected a valid number, unable to parse string as a number, found 'lots'; the value is left out",
        "p.md:5: kpis[0].target: expected a valid number, unable to parse string as a number, found 'high'; the value is left out",
    ]
    assert isinstance(model, schema.ProjectPage) and model.budget is not None
    assert (model.budget.planned, model.budget.actual, model.budget.currency) == (100, None, "EUR")
    assert model.kpis[0].name == "NPS" and model.kpis[0].target is None


def test_currency_is_an_iso_code() -> None:
    _, diagnostics = check(page(*PROJECT, "budget:", "  currency: euro"))
    assert diagnostics == ["p.md:5: budget.currency: expected text matching ^[A-Z]{3}$, found 'EURO'; the value is left out"]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "start, end, want_start, want_end",
    [
        ("2026-03-31", "2026-12-01", dt.date(2026, 3, 31), dt.date(2026, 12, 1)),
        ("2026-Q2", "2026-Q2", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("2026-q1", "2026-Q4", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("2026-04", "2026-04", dt.date(2026, 4, 1), dt.date(2026, 4, 30)),
        ("2028-02", "2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        ("'2026-03-31'", "'2027-02'", dt.date(2026, 3, 31), dt.date(2027, 2, 28)),
        ("2026-03-31 09:30:00", "2026-06-30T18:00:00Z", dt.date(2026, 3, 31), dt.date(2026, 6, 30)),
    ],
)
def test_dates_quarters_and_months(start: str, end: str, want_start: dt.date, want_end: dt.date) -> None:
    model, diagnostics = check(page(*PROJECT, f"start: {start}", f"end: {end}"))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage)
    assert (model.start, model.end) == (want_start, want_end)


def test_end_like_dates_take_the_last_day() -> None:
    model, diagnostics = check(
        page(
            *PROJECT,
            "reviewed: 2026-Q1",
            "baseline: {start: 2026-Q1, end: 2026-Q3, budget: 1000}",
            "milestones: [{title: M, date: 2026-05}]",
            "risks: [{title: R, raised: 2026-Q2, escalated: 2026-07}]",
            "issues: [{title: I, raised: 2026-01, due: 2026-Q2, escalated: true}]",
            "deliverables: [{title: D, due: 2026-Q4}]",
            "changes: [{title: C, raised: 2026-02}]",
        )
    )
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage) and model.baseline is not None
    assert model.reviewed == dt.date(2026, 3, 31)
    assert (model.baseline.start, model.baseline.end) == (dt.date(2026, 1, 1), dt.date(2026, 9, 30))
    assert model.milestones[0].date == dt.date(2026, 5, 31)
    assert (model.risks[0].raised, model.risks[0].escalated) == (dt.date(2026, 6, 30), dt.date(2026, 7, 31))
    assert (model.issues[0].raised, model.issues[0].due, model.issues[0].escalated) == (dt.date(2026, 1, 31), dt.date(2026, 6, 30), True)
    assert model.deliverables[0].due == dt.date(2026, 12, 31)
    assert model.changes[0].raised == dt.date(2026, 2, 28)


def test_decision_date_quarter_is_its_last_day() -> None:
    model, diagnostics = check(page("type: decision", "status: accepted", "date: 2026-Q2"))
    assert diagnostics == []
    assert isinstance(model, schema.DecisionPage) and model.date == dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    "value, message",
    [
        ("2026-13", "expected a month 01-12, found '2026-13'"),
        ("2026-00", "expected a month 01-12, found '2026-00'"),
        ("2026-Q5", "expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2026-Q5'"),
        ("soon", "expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found 'soon'"),
        ("31/03/2026", "expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '31/03/2026'"),
        ("2026", "expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found int 2026"),
        ("[2026-01-01]", "expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found list [datetime.date(2026, 1, 1)]"),
    ],
)
def test_invalid_dates_are_reported_and_left_out(value: str, message: str) -> None:
    model, diagnostics = check(page(*PROJECT, "start: 2026-01-01", f"end: {value}", "progress: 10"))
    assert diagnostics == [f"p.md:5: end: {message}; the value is left out"]
    assert isinstance(model, schema.ProjectPage)
    assert (model.start, model.end, model.progress) == (dt.date(2026, 1, 1), None, 10)


def test_end_before_start_is_reported_and_end_left_out() -> None:
    model, diagnostics = check(page(*PROJECT, "start: 2026-06-01", "end: 2026-Q1"))
    assert diagnostics == ["p.md:5: end: expected a date on or after start (2026-06-01), found 2026-03-31; end is left out"]
    assert isinstance(model, schema.ProjectPage)
    assert (model.start, model.end) == (dt.date(2026, 6, 1), None)


def test_end_on_start_is_fine() -> None:
    model, diagnostics = check(page(*PROJECT, "start: 2026-Q2", "end: 2026-04-01"))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage) and model.start == model.end == dt.date(2026, 4, 1)


# --------------------------------------------------------------------------- ids and references


@pytest.mark.parametrize("value", ["bad id!", "-leading", "x" * 65, "a/b", "ALPHA#m1"])
def test_page_id_pattern(value: str) -> None:
    model, diagnostics = check(page(*PROJECT, f"id: '{value}'"))
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:59] + "…"
    assert diagnostics == [
        "p.md:4: id: expected an id: a letter or digit, then letters, digits, '_', '.' or '-' (at most 64), "
        f"found {shown}; the value is left out"
    ]
    assert isinstance(model, schema.ProjectPage) and model.id is None


@pytest.mark.parametrize("value", ["ALPHA", "a", "P_1.2-x", "x" * 64, "0001-use-markdown"])
def test_valid_page_ids(value: str) -> None:
    model, diagnostics = check(page(*PROJECT, f"id: '{value}'"))
    assert diagnostics == []
    assert model is not None and model.id == value


def test_nested_entry_id_pattern() -> None:
    model, diagnostics = check(page(*PROJECT, "risks:", "  - id: RSK 1", "    title: R"))
    assert diagnostics == [
        "p.md:5: risks[0].id: expected an id: a letter or digit, then letters, digits, '_', '.' or '-' (at most 64), "
        "found 'RSK 1'; the value is left out"
    ]
    assert isinstance(model, schema.ProjectPage)
    assert (model.risks[0].id, model.risks[0].title) == (None, "R")


def test_reference_pattern_allows_page_hash_entry() -> None:
    model, diagnostics = check(page(*PROJECT, "depends_on: [BETA#go-live, GAMMA]", "program: 'core program'"))
    assert diagnostics == [
        "p.md:5: program: expected an id (letters, digits, '_', '.', '-'; at most 64), or PAGE-ID#entry-id, "
        "found 'core program'; the value is left out"
    ]
    assert isinstance(model, schema.ProjectPage)
    assert [d.id for d in model.depends_on] == ["BETA#go-live", "GAMMA"]
    assert model.program is None


def test_dependency_forms() -> None:
    model, diagnostics = check(
        page(
            *PROJECT,
            "depends_on:",
            "  - BETA",
            "  - {id: GAMMA, type: start-to-start, note: shared team}",
            "  - id: DELTA",
            "    type: informational",
            "  - '42'",
            "  - 42",
        )
    )
    assert diagnostics == ['p.md:10: depends_on[4]: expected an id written as text: quote it ("42"); the value is left out']
    assert isinstance(model, schema.ProjectPage)
    assert [(d.id, d.type, d.note) for d in model.depends_on] == [
        ("BETA", "finish-to-start", None),
        ("GAMMA", "start-to-start", "shared team"),
        ("DELTA", "informational", None),
        ("42", "finish-to-start", None),
    ]


def test_dependency_without_a_valid_id_is_left_out() -> None:
    model, diagnostics = check(page(*PROJECT, "depends_on:", "  - BETA", "  - {type: informational}", "  - 'no such id!'"))
    assert diagnostics == [
        "p.md:6: depends_on[1].id: required field 'id' is missing; the entry is left out",
        "p.md:7: depends_on[2]: expected an id (letters, digits, '_', '.', '-'; at most 64), or PAGE-ID#entry-id, "
        "found 'no such id!'; the value is left out",
    ]
    assert isinstance(model, schema.ProjectPage)
    assert [d.id for d in model.depends_on] == ["BETA"]


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    "url, scheme",
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "JaVaScRiPt"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("vbscript:msgbox(1)", "vbscript"),
        ("file:///etc/passwd", "file"),
    ],
)
def test_links_refuse_dangerous_schemes(url: str, scheme: str) -> None:
    model, diagnostics = check(page(*PROJECT, "links:", f"  - {{title: Bad, url: '{url}'}}", "  - {title: Good, url: 'https://example.org'}"))
    assert diagnostics == [
        "p.md:5: links[0]: left out: it has no valid 'url'",
        f"p.md:5: links[0].url: expected an http, https, mailto or relative URL, found scheme '{scheme}:'; the value is left out",
    ]
    assert isinstance(model, schema.ProjectPage)
    assert [link.url for link in model.links] == ["https://example.org"]


@pytest.mark.parametrize(
    "yaml_url",
    [
        '"java\\tscript:alert(1)"',
        '"java\\nscript:alert(1)"',
        '" javascript:alert(1)"',
        '"\\x01javascript:alert(1)"',
        '"javascript\\x00:alert(1)"',
    ],
)
def test_links_refuse_obfuscated_javascript(yaml_url: str) -> None:
    model, diagnostics = check(page(*PROJECT, "links:", f"  - url: {yaml_url}"))
    assert isinstance(model, schema.ProjectPage)
    assert model.links == []
    assert diagnostics[0] == "p.md:5: links[0]: left out: it has no valid 'url'"
    assert diagnostics[1].startswith("p.md:5: links[0].url: expected ")
    assert diagnostics[1].endswith("; the value is left out")


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a?b=c#d", "http://intranet/x", "mailto:pmo@example.org", "../decisions/0001.md", "#risks", "/abs/page/", "dashboards/q2.html"],
)
def test_links_accept_http_mailto_and_relative(url: str) -> None:
    model, diagnostics = check(page(*PROJECT, f"links: [{{title: L, url: '{url}'}}]"))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage)
    assert [(link.title, link.url) for link in model.links] == [("L", url)]


# --------------------------------------------------------------------------- required fields


@pytest.mark.parametrize("kind", ["project", "program"])
def test_owner_is_required_for_projects_and_programs(kind: str) -> None:
    model, diagnostics, _ = validate(page(f"type: {kind}", "summary: s"))
    assert [str(d) for d in diagnostics] == [f"p.md:2: owner: required for a {kind} page, but missing"]
    assert diagnostics[0].code == "missing"
    assert model is not None and model.summary == "s", "the page still builds"


def test_owner_is_not_required_for_portfolios_and_decisions() -> None:
    assert check(page("type: portfolio"))[1] == []
    assert check(page(*DECISION))[1] == []


def test_invalid_owner_is_reported_then_missing() -> None:
    _, diagnostics = check(page("type: project", "owner: {name: Ana}"))
    assert diagnostics == [
        "p.md:3: owner: expected a valid string, found a mapping; the value is left out",
        "p.md:3: owner: required for a project page, but missing",
    ]


@pytest.mark.parametrize("front, field, kind", [(("type: project", "owner:"), "owner", "project"), (("type: program", "owner: ''"), "owner", "program"), (("type: decision", "status: accepted", "date:"), "date", "decision")])
def test_required_field_written_empty(front: tuple[str, ...], field: str, kind: str) -> None:
    model, diagnostics = check(page(*front))
    assert diagnostics == [f"p.md:{len(front) + 1}: {field}: required for a {kind} page, but empty"]
    assert model is not None


@pytest.mark.parametrize("missing", ["status", "date"])
def test_decision_page_missing_a_required_field_is_reported_and_still_builds(missing: str) -> None:
    front = [line for line in DECISION if not line.startswith(missing)] + ["forum: Steering"]
    model, diagnostics = check(page(*front))
    assert diagnostics == [f"p.md:2: {missing}: required for a decision page, but missing"]
    assert isinstance(model, schema.DecisionPage)
    assert model.forum == "Steering"


def test_decision_page_with_invalid_date_is_reported_and_still_builds() -> None:
    model, diagnostics = check(page("type: decision", "status: accepted", "date: 2026-13-01"))
    assert "p.md:4: date: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2026-13-01'; the value is left out" in diagnostics
    assert isinstance(model, schema.DecisionPage) and model.status == "accepted"


@pytest.mark.parametrize("collection", ["milestones", "risks", "assumptions", "issues", "changes", "decisions"])
def test_nested_entry_without_title_is_left_out(collection: str) -> None:
    extra = ", status: accepted, date: 2026-01-01" if collection == "decisions" else ""
    model, diagnostics = check(page(*PROJECT, f"{collection}:", f"  - {{id: X-1{extra}}}", f"  - {{title: Kept{extra}}}"))
    assert diagnostics == [f"p.md:5: {collection}[0].title: required field 'title' is missing; the entry is left out"]
    assert isinstance(model, schema.ProjectPage)
    assert [entry.title for entry in getattr(model, collection)] == ["Kept"]


def test_benefit_without_title_is_left_out() -> None:
    model, diagnostics = check(page(*PROGRAM, "benefits:", "  - id: BEN-1", "    target: 10", "  - title: Kept"))
    assert diagnostics == ["p.md:5: benefits[0].title: required field 'title' is missing; the entry is left out"]
    assert isinstance(model, schema.ProgramPage) and [b.title for b in model.benefits] == ["Kept"]


def test_nested_entry_with_invalid_title_is_left_out_with_both_reasons() -> None:
    model, diagnostics = check(page(*PROJECT, "milestones:", "  - title: [a, b]", "    date: 2026-01-01"))
    assert diagnostics == [
        "p.md:5: milestones[0]: left out: it has no valid 'title'",
        "p.md:5: milestones[0].title: expected a valid string, found a list; the value is left out",
    ]
    assert isinstance(model, schema.ProjectPage) and model.milestones == []


def test_nested_decision_entry_needs_status_and_date() -> None:
    model, diagnostics = check(page(*PROJECT, "decisions:", "  - title: D", "    status: accepted", "  - title: E"))
    assert diagnostics == [
        "p.md:5: decisions[0].date: required for a decision entry, but missing",
        "p.md:7: decisions[1].date: required for a decision entry, but missing",
        "p.md:7: decisions[1].status: required for a decision entry, but missing",
    ]
    assert isinstance(model, schema.ProjectPage)
    assert [(d.title, d.status, d.date) for d in model.decisions] == [("D", "accepted", None), ("E", None, None)]


def test_stakeholder_without_name_is_left_out() -> None:
    model, diagnostics = check(page(*PROJECT, "stakeholders:", "  - {name: Finance, role: budget}", "  - {role: users}", "  - Legal"))
    assert "p.md:6: stakeholders[1].name: required field 'name' is missing; the entry is left out" in diagnostics
    assert all(d.startswith("p.md:6: stakeholders[1]") for d in diagnostics)
    assert isinstance(model, schema.ProjectPage)
    assert model.stakeholders == [schema.Stakeholder(name="Finance", role="budget"), "Legal"]


def test_lines_of_entries_after_a_left_out_one_stay_right() -> None:
    model, diagnostics, source = validate(page(*PROJECT, "risks:", "  - probability: 2", "  - title: Second", "    impact: 9"))
    assert [str(d) for d in diagnostics] == [
        "p.md:5: risks[0].title: required field 'title' is missing; the entry is left out",
        "p.md:7: risks[1].impact: expected less than or equal to 5, found 9 (int); the value is left out",
    ]
    assert isinstance(model, schema.ProjectPage) and [r.title for r in model.risks] == ["Second"]
    # Model index 0 is the source's second item.
    assert source.line("risks", 0) == 6
    assert source.line("risks", 0, "impact") == 7


# --------------------------------------------------------------------------- lists


def test_single_values_are_one_item_lists() -> None:
    model, diagnostics = check(
        page(
            "type: decision",
            "status: accepted",
            "date: 2026-01-15",
            "decision_makers: Dana",
            "consulted: Eve",
            "informed: All staff",
            "supersedes: DEC-001",
            "affects: ALPHA",
            "tags: architecture",
            "stakeholders: Finance",
            "depends_on: BETA",
            "links: {url: 'https://example.org'}",
        )
    )
    assert diagnostics == []
    assert isinstance(model, schema.DecisionPage)
    assert model.decision_makers == ["Dana"]
    assert (model.consulted, model.informed) == (["Eve"], ["All staff"])
    assert (model.supersedes, model.affects, model.tags) == (["DEC-001"], ["ALPHA"], ["architecture"])
    assert model.stakeholders == ["Finance"]
    assert [d.id for d in model.depends_on] == ["BETA"]
    assert [link.url for link in model.links] == ["https://example.org"]


def test_single_value_lists_on_programs_and_portfolios() -> None:
    program, diagnostics = check(page(*PROGRAM, "objectives: Grow", "governance: {escalation: PMO, forums: {name: Steering}}"))
    assert diagnostics == []
    assert isinstance(program, schema.ProgramPage) and program.governance is not None
    assert program.objectives == ["Grow"]
    assert program.governance.escalation == ["PMO"]
    assert [f.name for f in program.governance.forums] == ["Steering"]
    portfolio, diagnostics = check(page("type: portfolio", "objectives: Focus"))
    assert diagnostics == []
    assert isinstance(portfolio, schema.PortfolioPage) and portfolio.objectives == ["Focus"]


def test_deciders_is_an_alias_of_decision_makers() -> None:
    model, diagnostics = check(page(*DECISION, "deciders: [Dana, Eve]"))
    assert diagnostics == []
    assert isinstance(model, schema.DecisionPage) and model.decision_makers == ["Dana", "Eve"]


def test_deliverables_are_strings_or_mappings() -> None:
    model, diagnostics = check(page(*PROJECT, "deliverables:", "  - Runbook", "  - {title: Training, status: In-Progress, due: 2026-05}"))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage)
    assert [(d.title, d.status, d.due) for d in model.deliverables] == [
        ("Runbook", "planned", None),
        ("Training", "in-progress", dt.date(2026, 5, 31)),
    ]


def test_null_list_is_empty() -> None:
    model, diagnostics = check(page(*PROJECT, "risks:", "tags:"))
    assert diagnostics == []
    assert isinstance(model, schema.ProjectPage) and model.risks == [] and model.tags == []


def test_scalar_where_a_list_of_entries_is_expected() -> None:
    model, diagnostics = check(page(*PROJECT, "risks: vendor may be late"))
    assert diagnostics == [
        "p.md:4: risks: expected a valid dictionary or instance of Risk, found 'vendor may be late'; the value is left out"
    ]
    assert isinstance(model, schema.ProjectPage) and model.risks == []


# --------------------------------------------------------------------------- the whole page


def test_invalid_values_are_dropped_and_the_rest_survives() -> None:
    model, diagnostics = check(
        page(
            "type: project",              # 2
            "owner: Ana",                  # 3
            "title: Alpha",                # 4
            "status: nearly-done",         # 5
            "health: amber",               # 6
            "start: 2026-Q1",              # 7
            "end: someday",                # 8
            "progress: 140",               # 9
            "tags: [x, y]",                # 10
            "milestones:",                 # 11
            "  - {title: Kick-off, date: 2026-01-15, status: done}",  # 12
            "  - {title: Go live, date: 2026-13-45}",                 # 13
            "risks:",                      # 14
            "  - {title: Vendor, probability: 7, impact: 4}",  # 15
        )
    )
    assert diagnostics == [
        "p.md:5: status: expected 'proposed', 'planned', 'active', 'on-hold', 'completed' or 'cancelled', found 'nearly-done'; the value is left out",
        "p.md:8: end: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found 'someday'; the value is left out",
        "p.md:9: progress: expected less than or equal to 100, found 140 (int); the value is left out",
        "p.md:13: milestones[1].date: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2026-13-45'; the value is left out",
        "p.md:15: risks[0].probability: expected less than or equal to 5, found 7 (int); the value is left out",
    ]
    assert isinstance(model, schema.ProjectPage)
    assert (model.title, model.owner, model.status, model.health) == ("Alpha", "Ana", "planned", "amber")
    assert (model.start, model.end, model.progress) == (dt.date(2026, 1, 1), None, None)
    assert model.tags == ["x", "y"]
    assert [(m.title, m.date, m.status) for m in model.milestones] == [
        ("Kick-off", dt.date(2026, 1, 15), "done"),
        ("Go live", None, "planned"),
    ]
    assert [(r.title, r.probability, r.impact) for r in model.risks] == [("Vendor", None, 4)]


def test_every_problem_of_a_page_is_reported_in_one_run() -> None:
    """Problems of different kinds, at different depths, including one only visible after a drop."""
    model, diagnostics = check(
        page(
            "type: program",               # 2 (no owner)
            "status: done",                # 3
            "health: purple",              # 4
            "visoin: Better",              # 5
            "benefits:",                   # 6
            "  - title: Savings",          # 7
            "    status: banked",          # 8
            "  - {id: BEN-2}",             # 9
            "governance:",                 # 10
            "  risk_threshold: 30",        # 11
            "links: [{url: 'javascript:x'}]",  # 12
        )
    )
    assert diagnostics == [
        "p.md:2: owner: required for a program page, but missing",
        "p.md:3: status: expected 'proposed', 'active', 'on-hold', 'completed' or 'cancelled', found 'done'; the value is left out",
        "p.md:4: health: expected 'green', 'amber' or 'red', found 'purple'; the value is left out",
        "p.md:5: visoin: unknown field 'visoin' (did you mean 'vision'?); it is ignored",
        "p.md:8: benefits[0].status: expected 'planned', 'realizing', 'realized' or 'at-risk', found 'banked'; the value is left out",
        "p.md:9: benefits[1].title: required field 'title' is missing; the entry is left out",
        "p.md:11: governance.risk_threshold: expected less than or equal to 25, found 30 (int); the value is left out",
        "p.md:12: links[0]: left out: it has no valid 'url'",
        "p.md:12: links[0].url: expected an http, https, mailto or relative URL, found scheme 'javascript:'; the value is left out",
    ]
    assert isinstance(model, schema.ProgramPage)
    assert [b.title for b in model.benefits] == ["Savings"]


def test_diagnostics_carry_file_line_field_and_severity() -> None:
    _, diagnostics, _ = validate(page(*PROJECT, "health: purple", "colour: red"), "docs/projects/alpha.md")
    assert [(d.file, d.line, d.field, d.severity, d.code) for d in diagnostics] == [
        ("docs/projects/alpha.md", 4, "health", "error", "invalid"),
        ("docs/projects/alpha.md", 5, "colour", "warning", "unknown-field"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "owner: [a, b]",
        "owner: {a: 1}",
        "tags: {a: 1}",
        "risks: [[1, 2]]",
        "risks: [{title: {x: 1}}]",
        "milestones: [null]",
        "depends_on: [{id: [A]}]",
        "depends_on: [true]",
        "links: [[https://x]]",
        "stakeholders: [[a]]",
        "budget: [1, 2]",
        "baseline: yes",
        "progress: '50%'",
        "start: {year: 2026}",
        "decisions: [{title: D, status: superseded by, date: x}]",
        "id: null",
        "title: null",
        "contributes_to: {BEN: 1}",
    ],
)
def test_wrong_shapes_never_raise(line: str) -> None:
    model, diagnostics = check(page(*PROJECT, line))
    assert isinstance(model, schema.ProjectPage), diagnostics
    assert model.owner in {"Ana", None}
    for text in diagnostics:
        assert text.startswith("p.md:")


def test_numbers_must_be_finite() -> None:
    _, problems = check(page("type: project", "owner: A", "budget: {planned: .inf, actual: .nan}", "progress: .nan"))
    assert problems == [
        "p.md:4: budget.actual: expected a finite number, found nan (float); the value is left out",
        "p.md:4: budget.planned: expected a finite number, found inf (float); the value is left out",
        "p.md:5: progress: expected a finite number, found nan (float); the value is left out",
    ]
