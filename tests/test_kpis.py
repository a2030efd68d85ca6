"""Computed KPIs (``mkdocs_pgm.core.analysis.kpis``): every expected value is worked out by hand.

Pages are built in memory with :func:`helpers.registry_of`; a page ``x.md`` has
id ``X``. Thousands in ``display`` and ``inputs`` are separated by U+202F
(written ``_`` in :func:`n` below for readability).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_pgm.core.analysis.kpis import (
    LABELS,
    PROJECT_KEYS,
    ROLLUP_KEYS,
    Kpi,
    benefit_realization,
    format_number,
    portfolio_kpis,
    program_kpis,
    project_kpis,
    risk_index,
    risk_score,
)
from mkdocs_pgm.core.model.registry import Registry

from helpers import page, registry_of

TODAY = dt.date(2026, 11, 21)


def n(text: str) -> str:
    """``"1_050_000 EUR"`` -> the same with narrow no-break spaces as thousands separators."""
    return text.replace("_", "\u202f")


def project(*front: str, program: str | None = None) -> str:
    lines = ["type: project", "owner: X"]
    if program:
        lines.append(f"program: {program}")
    return page(*lines, *front)


def build(pages: dict[str, str]) -> Registry:
    registry = registry_of(pages)
    errors = [str(d) for d in registry.diagnostics if d.severity == "error"]
    assert errors == []
    return registry


def kpi(kpis: list[Kpi], key: str) -> Kpi:
    (found,) = [k for k in kpis if k.key == key]
    return found


def of_project(front: tuple[str, ...], key: str, today: dt.date = TODAY, currency: str = "EUR") -> Kpi:
    registry = build({"p.md": project(*front)})
    return kpi(project_kpis(registry.get("P"), today, currency), key)  # type: ignore[arg-type]


def ids(nodes: tuple) -> list[str]:
    return [node.ref_id for node in nodes]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1050000, 2, "1_050_000"),
        (1050000.0, 2, "1_050_000"),
        (111.1111, 1, "111.1"),
        (2.675, 2, "2.68"),  # half away from zero, not banker's rounding
        (66.5, 0, "67"),
        (-1234.5, 2, "-1_234.5"),
        (-0.004, 2, "0"),  # never "-0"
        (12.40, 1, "12.4"),
        (0.2, 1, "0.2"),
    ],
)
def test_format_number(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == n(expected)


# --------------------------------------------------------------------------- shape


def test_every_level_returns_the_same_keys_in_a_fixed_order_even_without_data() -> None:
    registry = build({"prg.md": page("type: program", "owner: X"), "p.md": project(program="PRG")})
    kpis = project_kpis(registry.get("P"), TODAY)  # type: ignore[arg-type]
    assert [k.key for k in kpis] == list(PROJECT_KEYS) == [
        "schedule_variance", "cost_variance", "milestone_on_time", "budget_adherence", "benefits_realization",
    ]
    assert [k.label for k in kpis] == ["Schedule variance", "Cost variance", "Milestones on time", "Budget adherence", "Benefits realization"]
    assert all(k.value is None and k.display == "—" and k.rating == "none" and k.inputs for k in kpis)
    for rolled in (program_kpis(registry.get("PRG"), TODAY), portfolio_kpis(registry, TODAY)):  # type: ignore[arg-type]
        assert [k.key for k in rolled] == list(ROLLUP_KEYS) == [*PROJECT_KEYS, "risk_index"]
        assert [k.label for k in rolled] == [LABELS[key] for key in ROLLUP_KEYS]
        assert kpi(rolled, "risk_index").label == "Strategic risk index"
        # No risks: the index is 0 (a value, never missing).
        risk = kpi(rolled, "risk_index")
        assert (risk.value, risk.display, risk.unit, risk.rating, risk.inputs) == (0.0, "0", "points", "good", "no open or occurred risks")


# --------------------------------------------------------------------------- schedule variance


@pytest.mark.parametrize(
    ("end", "display", "rating"),
    [
        ("2027-01-14", "+14 days", "warning"),
        ("2026-12-28", "-3 days", "good"),
        ("2026-12-31", "0 days", "good"),
        ("2027-01-01", "+1 day", "warning"),
        ("2027-01-30", "+30 days", "warning"),
        ("2027-01-31", "+31 days", "bad"),
    ],
)
def test_project_schedule_variance(end: str, display: str, rating: str) -> None:
    found = of_project(("start: 2026-01-01", f"end: {end}", "baseline: {end: 2026-12-31}"), "schedule_variance")
    days = (dt.date.fromisoformat(end) - dt.date(2026, 12, 31)).days
    assert (found.value, found.unit, found.display, found.rating) == (days, "days", display, rating)
    assert found.inputs == f"end {end} against baseline end 2026-12-31"
    assert ids(found.sources) == ["P"]


def test_project_schedule_variance_needs_end_and_baseline_end() -> None:
    found = of_project(("end: 2026-12-31",), "schedule_variance")
    assert (found.value, found.display, found.rating, found.sources) == (None, "—", "none", ())
    assert found.inputs == "needs end and baseline.end; baseline.end is not set"
    found = of_project(("baseline: {budget: 10}",), "schedule_variance")
    assert found.inputs == "needs end and baseline.end; end and baseline.end are not set"


def test_program_schedule_variance_is_the_largest_slip() -> None:
    registry = build({
        "prg.md": page("type: program", "owner: X"),
        "a.md": project("end: 2027-03-31", "baseline: {end: 2026-12-31}", program="PRG"),  # +90
        "b.md": project("end: 2027-01-10", "baseline: {end: 2026-12-31}", program="PRG"),  # +10
        "c.md": project("end: 2026-12-21", "baseline: {end: 2026-12-31}", program="PRG"),  # -10
        "d.md": project("end: 2026-12-21", program="PRG"),  # no baseline
        "e.md": project("status: cancelled", "end: 2028-01-01", "baseline: {end: 2026-12-31}", program="PRG"),
    })
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "schedule_variance")  # type: ignore[arg-type]
    assert (found.value, found.rating) == (90, "bad")
    assert found.display == "+90 days (A); 2 of 3 projects late"
    assert found.inputs == (
        "A +90 days (end 2027-03-31 against baseline end 2026-12-31); "
        "B +10 days (end 2027-01-10 against baseline end 2026-12-31); "
        "C -10 days (end 2026-12-21 against baseline end 2026-12-31); "
        "no end or baseline.end: D; cancelled, left out: E"
    )
    assert ids(found.sources) == ["A", "B"]


def test_schedule_rollup_with_no_project_late() -> None:
    registry = build({
        "prg.md": page("type: program", "owner: X"),
        "a.md": project("end: 2026-12-21", "baseline: {end: 2026-12-31}", program="PRG"),  # -10
        "b.md": project("end: 2026-12-29", "baseline: {end: 2026-12-31}", program="PRG"),  # -2
    })
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "schedule_variance")  # type: ignore[arg-type]
    assert (found.value, found.display, found.rating) == (-2, "-2 days (B); 0 of 2 projects late", "good")
    assert ids(found.sources) == ["B", "A"]  # nobody late: every project measured, latest first


# --------------------------------------------------------------------------- cost variance


def test_project_cost_variance_against_the_baseline_budget() -> None:
    # earned = 900 000 × 40 % = 360 000; variance = 760 000 - 360 000 = +400 000 = +111.1 % of earned
    found = of_project(("baseline: {budget: 900000}", "budget: {planned: 1050000, actual: 760000}", "progress: 40"), "cost_variance")
    assert (found.value, found.unit, found.rating) == (400000, "EUR", "bad")
    assert found.display == n("+400_000 EUR (+111.1 %)")
    assert found.inputs == n("actual 760_000 EUR against earned 360_000 EUR = baseline budget 900_000 EUR × 40 % progress")


def test_cost_variance_falls_back_to_the_planned_budget() -> None:
    # No baseline: earned = 200 000 × 50 % = 100 000; +5 000 = +5 %: warning (0 < 5 ≤ 10)
    found = of_project(("budget: {planned: 200000, actual: 105000, currency: usd}", "progress: 50"), "cost_variance")
    assert (found.value, found.unit, found.display, found.rating) == (5000, "USD", n("+5_000 USD (+5 %)"), "warning")
    assert found.inputs == n("actual 105_000 USD against earned 100_000 USD = planned budget 200_000 USD × 50 % progress")


def test_a_completed_project_has_earned_its_whole_plan() -> None:
    # progress 60 is ignored: completed means 100 %; earned 100 000, actual 95 000: -5 000 (-5 %)
    found = of_project(("status: completed", "progress: 60", "baseline: {budget: 100000}", "budget: {actual: 95000}"), "cost_variance")
    assert (found.value, found.display, found.rating) == (-5000, n("-5_000 EUR (-5 %)"), "good")
    assert found.inputs == n("actual 95_000 EUR against earned 100_000 EUR = baseline budget 100_000 EUR × 100 % (completed)")


def test_cost_variance_without_progress_uses_the_whole_plan() -> None:
    # earned = 100 000; +12 000 = +12 %: bad (> 10)
    found = of_project(("budget: {planned: 100000, actual: 112000}",), "cost_variance", currency="CHF")
    assert (found.value, found.display, found.rating) == (12000, n("+12_000 CHF (+12 %)"), "bad")
    assert found.inputs.endswith("× 100 % (no progress given: the whole plan)")


@pytest.mark.parametrize(
    ("front", "inputs"),
    [
        (("budget: {planned: 100}",), "needs budget.actual and a plan (baseline.budget or budget.planned); budget.actual is not set"),
        (("budget: {actual: 100}",), "needs budget.actual and a plan (baseline.budget or budget.planned); a plan (baseline.budget or budget.planned) is not set"),
        ((), "needs budget.actual and a plan (baseline.budget or budget.planned); budget.actual and a plan (baseline.budget or budget.planned) are not set"),
        (("budget: {planned: 100, actual: 5}", "progress: 0"), "actual 5 EUR against earned 0 EUR = planned budget 100 EUR × 0 % progress: nothing earned yet, no variance to measure"),
    ],
)
def test_cost_variance_needs_actual_plan_and_something_earned(front: tuple[str, ...], inputs: str) -> None:
    found = of_project(front, "cost_variance")
    assert (found.value, found.display, found.rating, found.unit) == (None, "—", "none", "EUR")
    assert found.inputs == inputs


def test_program_cost_variance_sums_one_currency_and_names_the_others() -> None:
    registry = build({
        "prg.md": page("type: program", "owner: X"),
        # earned 360 000, +400 000
        "a.md": project("baseline: {budget: 900000}", "budget: {actual: 760000}", "progress: 40", program="PRG"),
        # earned 100 000, -10 000
        "b.md": project("budget: {planned: 100000, actual: 90000, currency: EUR}", program="PRG"),
        # USD: left out of the EUR sum
        "c.md": project("budget: {planned: 50000, actual: 80000, currency: USD}", program="PRG"),
        "d.md": project("budget: {planned: 50000}", program="PRG"),
    })
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "cost_variance")  # type: ignore[arg-type]
    # +390 000 against earned 460 000 = +84.8 %
    assert (found.value, found.unit, found.rating) == (390000, "EUR", "bad")
    assert found.display == n("+390_000 EUR (+84.8 %)")
    assert found.inputs == n(
        "sum +390_000 EUR against earned 460_000 EUR: "
        "A +400_000 EUR (actual 760_000 EUR against earned 360_000 EUR = baseline budget 900_000 EUR × 40 % progress); "
        "B -10_000 EUR (actual 90_000 EUR against earned 100_000 EUR = planned budget 100_000 EUR × 100 % (no progress given: the whole plan)); "
        "left out, budget in another currency than EUR: C (USD); no actual or plan: D"
    )
    assert ids(found.sources) == ["A", "B"]
    # With USD as the default currency, A (no budget.currency) is in USD too: A and C are
    # summed, +430 000 against earned 410 000 = +104.9 %; B (EUR, written out) is left out.
    found = kpi(program_kpis(registry.get("PRG"), TODAY, currency="USD"), "cost_variance")  # type: ignore[arg-type]
    assert (found.value, found.unit, found.display) == (430000, "USD", n("+430_000 USD (+104.9 %)"))
    assert "left out, budget in another currency than USD: B (EUR)" in found.inputs
    assert ids(found.sources) == ["A", "C"]


def test_cost_rollup_is_missing_when_no_project_uses_the_currency() -> None:
    registry = build({
        "prg.md": page("type: program", "owner: X"),
        "c.md": project("budget: {planned: 50000, actual: 80000, currency: USD}", program="PRG"),
    })
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "cost_variance")  # type: ignore[arg-type]
    assert (found.value, found.display, found.unit, found.rating) == (None, "—", "EUR", "none")
    assert found.inputs == "left out, budget in another currency than EUR: C (USD)"


# --------------------------------------------------------------------------- milestones on time

MILESTONES = (
    "milestones: ["
    "{id: m1, title: m1, date: 2026-06-30, status: done},"  # on time
    "{id: m2, title: m2, date: 2027-06-30, status: done},"  # done early: on time
    "{id: m3, title: m3, date: 2026-09-30, status: missed},"  # late
    "{id: m4, title: m4, date: 2026-11-20},"  # planned, overdue on 2026-11-21: late
    "{id: m5, title: m5, date: 2026-11-21},"  # due today: not late yet
    "{id: m6, title: m6, date: 2026-12-15},"  # not yet due
    "{id: m7, title: m7}"  # no date, planned: ignored
    "]"
)


def test_project_milestones_on_time_counts_overdue_as_late() -> None:
    found = of_project((MILESTONES,), "milestone_on_time")
    # on time: m1, m2; late: m3 (missed), m4 (overdue) -> 2 of 4
    assert (found.value, found.unit, found.display, found.rating) == (50, "%", "50 % (2 of 4)", "bad")
    assert found.inputs == "2 done, 2 late (1 missed: m3; 1 overdue: m4), 3 not yet due"
    assert ids(found.sources) == ["P#m3", "P#m4", "P#m1", "P#m2"]  # late ones first


def test_milestones_on_time_moves_with_today() -> None:
    early = of_project((MILESTONES,), "milestone_on_time", today=dt.date(2026, 11, 20))
    # m4 is due today, not yet late: 2 of 3
    assert (early.value, early.display, early.rating) == (67, "67 % (2 of 3)", "bad")
    assert early.inputs == "2 done, 1 late (1 missed: m3), 4 not yet due"
    late = of_project((MILESTONES,), "milestone_on_time", today=dt.date(2027, 1, 1))
    # m4, m5 and m6 overdue: 2 of 6
    assert (late.value, late.display) == (33, "33 % (2 of 6)")
    assert late.inputs == "2 done, 4 late (1 missed: m3; 3 overdue: m4, m5, m6), 1 not yet due"
    again = of_project((MILESTONES,), "milestone_on_time", today=dt.date(2026, 11, 20))
    assert (again.value, again.display, again.inputs, ids(again.sources)) == (early.value, early.display, early.inputs, ids(early.sources))


@pytest.mark.parametrize(("done", "late", "rating"), [(9, 1, "good"), (7, 3, "warning"), (69, 31, "bad")])
def test_milestone_rating_cut_offs(done: int, late: int, rating: str) -> None:
    items = [f"{{title: d{i}, status: done}}" for i in range(done)] + [f"{{title: l{i}, status: missed}}" for i in range(late)]
    found = of_project(("milestones: [" + ", ".join(items) + "]",), "milestone_on_time")
    assert (found.value, found.rating) == (done / (done + late) * 100, rating)


def test_milestones_none_due_yet() -> None:
    found = of_project(("milestones: [{title: a, date: 2027-01-01}, {title: b}]",), "milestone_on_time")
    assert (found.value, found.display, found.rating) == (None, "—", "none")
    assert found.inputs == "no milestone done, missed or overdue yet (2 not yet due)"


def test_program_milestones_pool_the_counts() -> None:
    registry = build({
        "prg.md": page("type: program", "owner: X"),
        "a.md": project(MILESTONES, program="PRG"),  # 2 on time, 2 late, 3 pending
        "b.md": project("milestones: [{id: x, title: x, status: done}, {id: y, title: y, date: 2026-01-01, status: done}]", program="PRG"),
    })
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "milestone_on_time")  # type: ignore[arg-type]
    # 4 on time of 6
    assert (found.value, found.display, found.rating) == (67, "67 % (4 of 6)", "bad")
    assert found.inputs == "4 done, 2 late (1 missed: A#m3; 1 overdue: A#m4), 3 not yet due"
    assert ids(found.sources) == ["A#m3", "A#m4", "A#m1", "A#m2", "B#x", "B#y"]


# --------------------------------------------------------------------------- budget adherence


@pytest.mark.parametrize(
    ("budget", "value", "display", "inputs"),
    [
        (
            ("baseline: {budget: 900000}", "budget: {planned: 900000, actual: 500000}"),
            100, "within budget", "within budget: planned 900_000 EUR, baseline 900_000 EUR, actual 500_000 EUR",
        ),
        (
            ("baseline: {budget: 900000}", "budget: {planned: 1050000, actual: 760000}"),
            0, "over budget: planned 1_050_000 EUR against baseline 900_000 EUR", None,
        ),
        (
            ("budget: {planned: 100000, actual: 120000}",),
            0, "over budget: actual 120_000 EUR against planned 100_000 EUR", None,
        ),
        (
            ("baseline: {budget: 90}", "budget: {planned: 100, actual: 120}"),
            0, "over budget: planned 100 EUR against baseline 90 EUR; actual 120 EUR against planned 100 EUR", None,
        ),
        (
            ("budget: {planned: 100000, actual: 100000}",),
            100, "within budget", "within budget: planned 100_000 EUR, actual 100_000 EUR",
        ),
    ],
)
def test_project_budget_adherence(budget: tuple[str, ...], value: int, display: str, inputs: str | None) -> None:
    found = of_project(budget, "budget_adherence")
    assert (found.value, found.unit, found.display) == (value, "%", n(display))
    assert found.inputs == n(inputs or display)
    assert found.rating == ("good" if value else "bad")
    assert ids(found.sources) == ["P"]


@pytest.mark.parametrize(
    ("front", "inputs"),
    [
        (("baseline: {budget: 100}", "budget: {actual: 50}"), "needs budget.planned and baseline.budget or budget.actual; budget.planned is not set"),
        (("budget: {planned: 100}",), "needs budget.planned and baseline.budget or budget.actual; neither baseline.budget nor budget.actual is set"),
    ],
)
def test_budget_adherence_needs_its_inputs(front: tuple[str, ...], inputs: str) -> None:
    found = of_project(front, "budget_adherence")
    assert (found.value, found.display, found.rating, found.inputs) == (None, "—", "none", inputs)


def test_program_budget_adherence_is_the_share_of_projects_within_budget() -> None:
    registry = build({
        "prg.md": page("type: program", "owner: X"),
        "a.md": project("baseline: {budget: 900000}", "budget: {planned: 1050000}", program="PRG"),
        "b.md": project("baseline: {budget: 100}", "budget: {planned: 100, actual: 40}", program="PRG"),
        "c.md": project("budget: {planned: 100, actual: 40, currency: USD}", program="PRG"),
        "d.md": project("budget: {planned: 100}", program="PRG"),
    })
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "budget_adherence")  # type: ignore[arg-type]
    assert (found.value, found.display, found.rating) == (67, "2 of 3 projects (67 %)", "bad")
    assert found.inputs == n(
        "A over budget: planned 1_050_000 EUR against baseline 900_000 EUR; "
        "B within budget: planned 100 EUR, baseline 100 EUR, actual 40 EUR; "
        "C within budget: planned 100 USD, actual 40 USD; "
        "no budget.planned with baseline.budget or budget.actual: D"
    )
    assert ids(found.sources) == ["A", "B", "C"]


# --------------------------------------------------------------------------- benefits realization

BENEFITS = (
    "benefits: ["
    "{id: B-CONV, title: conv, baseline: 1.8, target: 2.6, actual: 2.0, unit: '%', status: realizing},"  # 25 %
    "{id: B-COST, title: cost, baseline: 2.4, target: 1.6, actual: 2.0},"  # (2.0-2.4)/(1.6-2.4) = 50 %
    "{id: B-NEW, title: new, target: 40, actual: 50},"  # baseline 0: 125 % (over-delivery, not clipped)
    "{id: B-OPEN, title: open, target: 10, status: at-risk},"  # no actual
    "{id: B-FLAT, title: flat, baseline: 3, target: 3, actual: 3}"  # target == baseline
    "]"
)


def benefits_registry() -> Registry:
    return build({
        "prg.md": page("type: program", "owner: X", BENEFITS),
        "a.md": project("contributes_to: [B-CONV, B-COST]", program="PRG"),
        "b.md": project("contributes_to: [B-NEW, B-OPEN]", program="PRG"),
        "c.md": project("contributes_to: [B-OPEN]", program="PRG"),
    })


def test_benefit_realization() -> None:
    registry = benefits_registry()
    values = {b.id: benefit_realization(b) for b in registry.get("PRG").entries("benefits")}  # type: ignore[union-attr]
    assert values == {"B-CONV": 25.0, "B-COST": 50.0, "B-NEW": 125.0, "B-OPEN": None, "B-FLAT": None}


def test_project_benefits_realization_is_the_mean_of_its_benefits() -> None:
    registry = benefits_registry()
    found = kpi(project_kpis(registry.get("A"), TODAY), "benefits_realization")  # type: ignore[arg-type]
    # (25 + 50) / 2 = 37.5: bad (< 40)
    assert (found.value, found.unit, found.display, found.rating) == (37.5, "%", "37.5 % (mean of 2 benefits)", "bad")
    assert found.inputs == (
        "B-CONV 25 % (actual 2 %, baseline 1.8 %, target 2.6 %); "
        "B-COST 50 % (actual 2, baseline 2.4, target 1.6)"
    )
    assert ids(found.sources) == ["B-CONV", "B-COST"]


def test_an_at_risk_benefit_caps_the_rating_at_warning() -> None:
    registry = benefits_registry()
    found = kpi(project_kpis(registry.get("B"), TODAY), "benefits_realization")  # type: ignore[arg-type]
    # only B-NEW is measured: 125 % would be good, but B-OPEN is at risk
    assert (found.value, found.display, found.rating) == (125, "125 % (1 of 2 benefits)", "warning")
    assert found.inputs == "B-NEW 125 % (actual 50, baseline 0 (no baseline given), target 40); not measured: B-OPEN (no actual); at risk: B-OPEN"


def test_benefits_realization_missing() -> None:
    registry = benefits_registry()
    found = kpi(project_kpis(registry.get("C"), TODAY), "benefits_realization")  # type: ignore[arg-type]
    assert (found.value, found.display, found.rating) == (None, "—", "none")
    assert found.inputs == "not measured: B-OPEN (no actual); at risk: B-OPEN"
    alone = of_project((), "benefits_realization")
    assert (alone.value, alone.inputs) == (None, "contributes to no benefit (contributes_to)")


def test_program_benefits_realization_is_the_mean_of_its_own_benefits() -> None:
    registry = benefits_registry()
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "benefits_realization")  # type: ignore[arg-type]
    # (25 + 50 + 125) / 3 = 66.7: warning (40 ≤ 66.7 < 75)
    assert (found.value, found.display, found.rating) == (66.7, "66.7 % (mean of 3 of 5 benefits)", "warning")
    assert found.inputs.endswith("not measured: B-OPEN (no actual), B-FLAT (target equals baseline); at risk: B-OPEN")
    assert ids(found.sources) == ["B-CONV", "B-COST", "B-NEW", "B-OPEN", "B-FLAT"]


# --------------------------------------------------------------------------- strategic risk index

RISKS = (
    "risks: ["
    "{id: R-1, title: a, probability: 5, impact: 5},"  # 25
    "{id: R-2, title: b, probability: 1, impact: 1, status: occurred},"  # 0.2
    "{id: R-3, title: c, probability: 4, impact: 3},"  # 4 × 3 × 3 / 5 = 7.2
    "{id: R-4, title: d, probability: 5, impact: 5, status: mitigated},"  # not counted
    "{id: R-5, title: e, probability: 5, impact: 5, status: closed},"  # not counted
    "{id: R-6, title: f, impact: 4}"  # no probability: skipped
    "]"
)


def test_risk_score_and_index() -> None:
    registry = build({"prg.md": page("type: program", "owner: X", RISKS)})
    risks = registry.get("PRG").entries("risks")  # type: ignore[union-attr]
    assert [risk_score(r) for r in risks] == [25, 1, 12, 25, 25, None]
    assert risk_index(risks) == 32.4  # 25 + 0.2 + 7.2
    assert risk_index(risks[:1]) == 25
    assert risk_index(risks[1:2]) == 0.2
    assert risk_index([]) == 0


def test_program_risk_index_counts_its_own_and_its_projects_risks() -> None:
    registry = build({
        "prg.md": page("type: program", "owner: X", RISKS),
        "a.md": project("risks: [{id: R-A, title: a, probability: 3, impact: 4}]", program="PRG"),  # 9.6
        "x.md": project("status: cancelled", "risks: [{id: R-X, title: x, probability: 5, impact: 5}]", program="PRG"),
    })
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "risk_index")  # type: ignore[arg-type]
    # 32.4 + 9.6 = 42: warning (25 ≤ 42 < 50)
    assert (found.value, found.unit, found.display, found.rating) == (42, "points", "42", "warning")
    assert found.inputs == (
        "R-1 5 × 5 × 5 / 5 = 25; R-A 3 × 4 × 4 / 5 = 9.6; R-3 4 × 3 × 3 / 5 = 7.2; R-2 1 × 1 × 1 / 5 = 0.2; "
        "1 risk without probability or impact skipped: R-6; 2 mitigated or closed not counted; cancelled, left out: X"
    )
    assert ids(found.sources) == ["R-1", "R-A", "R-3", "R-2"]


@pytest.mark.parametrize(("risks", "value", "rating"), [(1, 25, "warning"), (0, 0, "good"), (2, 50, "bad")])
def test_risk_index_cut_offs(risks: int, value: float, rating: str) -> None:
    items = ", ".join(f"{{title: r{i}, probability: 5, impact: 5}}" for i in range(risks))
    registry = build({"prg.md": page("type: program", "owner: X", f"risks: [{items}]")})
    found = kpi(program_kpis(registry.get("PRG"), TODAY), "risk_index")  # type: ignore[arg-type]
    assert (found.value, found.rating) == (value, rating)


# --------------------------------------------------------------------------- portfolio


def portfolio() -> Registry:
    return build({
        "pf.md": page("type: portfolio"),
        "one.md": page("type: program", "owner: X", "portfolio: PF", "benefits: [{id: B1, title: b1, target: 10, actual: 5}]"),
        "two.md": page("type: program", "owner: X", "portfolio: PF", "benefits: [{id: B2, title: b2, target: 10, actual: 10}]",
                       "risks: [{id: R2, title: r, probability: 2, impact: 5}]"),
        "a.md": project("end: 2027-01-10", "baseline: {end: 2026-12-31}", "milestones: [{title: m, status: done}]", program="ONE"),
        "b.md": project("end: 2027-03-31", "baseline: {end: 2026-12-31}", program="TWO"),
        "solo.md": project(
            "end: 2027-06-30", "baseline: {end: 2026-12-31, budget: 100}", "budget: {planned: 100, actual: 130}",
            "milestones: [{title: s, status: missed}]", "risks: [{id: RS, title: s, probability: 5, impact: 5}]",
        ),
    })


def test_portfolio_kpis_cover_every_project_benefit_and_risk() -> None:
    registry = portfolio()
    kpis = portfolio_kpis(registry, TODAY)
    schedule = kpi(kpis, "schedule_variance")
    assert schedule.display == "+181 days (SOLO); 3 of 3 projects late"  # the standalone project counts
    assert ids(schedule.sources) == ["SOLO", "B", "A"]
    assert kpi(kpis, "milestone_on_time").display == "50 % (1 of 2)"
    assert kpi(kpis, "cost_variance").display == "+30 EUR (+30 %)"
    assert kpi(kpis, "budget_adherence").display == "0 of 1 project (0 %)"
    benefits = kpi(kpis, "benefits_realization")
    assert (benefits.value, benefits.display, benefits.rating) == (75, "75 % (mean of 2 benefits)", "good")  # (50 + 100) / 2
    risks = kpi(kpis, "risk_index")
    assert (risks.value, risks.display, risks.rating) == (35, "35", "warning")  # 25 + 2 × 5 × 5 / 5


def test_portfolio_kpis_restricted_to_programs() -> None:
    registry = portfolio()
    kpis = portfolio_kpis(registry, TODAY, programs=[registry.get("TWO")])  # type: ignore[list-item]
    schedule = kpi(kpis, "schedule_variance")
    assert (schedule.value, schedule.display) == (90, "+90 days (B); 1 of 1 project late")
    assert kpi(kpis, "milestone_on_time").value is None
    assert kpi(kpis, "cost_variance").inputs == "no actual or plan: B"
    assert kpi(kpis, "benefits_realization").display == "100 % (1 benefit)"
    assert kpi(kpis, "risk_index").inputs == "R2 2 × 5 × 5 / 5 = 10"
    empty = portfolio_kpis(registry, TODAY, programs=[])
    assert kpi(empty, "schedule_variance").inputs == "no projects"
    assert kpi(empty, "benefits_realization").inputs == "no program lists benefits"


def test_kpis_are_deterministic() -> None:
    registry = portfolio()
    assert portfolio_kpis(registry, TODAY) == portfolio_kpis(registry, TODAY)
    # a fresh registry of the same pages gives the same figures (sources are other objects)
    first = [(k.key, k.value, k.display, k.inputs, k.rating) for k in portfolio_kpis(registry, TODAY)]
    again = [(k.key, k.value, k.display, k.inputs, k.rating) for k in portfolio_kpis(portfolio(), TODAY)]
    assert first == again


def test_rollup_inputs_name_the_first_ten_items_then_count_the_rest() -> None:
    pages = {"prg.md": page("type: program", "id: PRG", "owner: O")}
    for n in range(12):
        pages[f"p{n:02}.md"] = page(
            "type: project", f"id: P{n:02}", "owner: O", "program: PRG", "start: 2026-01-01",
            f"end: 2026-06-{n + 10}", "baseline: {end: 2026-06-01}",
        )
    kpi = next(k for k in program_kpis(registry_of(pages).get("PRG"), TODAY) if k.key == "schedule_variance")
    assert kpi.inputs.startswith("P11 +20 days (end 2026-06-21 against baseline end 2026-06-01); P10 +19 days")
    assert kpi.inputs.endswith("; P02 +11 days (end 2026-06-12 against baseline end 2026-06-01); and 2 more")
    assert len(kpi.sources) == 12  # every project stays linked
