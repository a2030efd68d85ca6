"""Computed KPIs: schedule and cost variance, milestones on time, budget
adherence, benefits realization and the strategic risk index.

Host-independent and pure, like :mod:`.analysis`: every function takes
entities of the :class:`~.registry.Registry` and a ``today`` date and returns
plain :class:`Kpi` values; nothing here imports MkDocs or renders HTML.

Every level returns the same KPIs in the same order, whether or not they can
be computed (``value`` is None, ``display`` is "—" and ``inputs`` says what is
missing), so that tables line up:

* a project: :data:`PROJECT_KEYS`;
* a program or a portfolio: :data:`ROLLUP_KEYS` (the five rolled up, plus the
  strategic risk index).

Rounding: ``value`` is rounded to the precision ``display`` shows (days and
count-based percentages to whole numbers, other percentages and the risk index
to one decimal, money to cents, half away from zero), and ``rating`` is taken
from that rounded value, so a figure and its colour always agree.

Roll-ups (program, portfolio) leave out ``cancelled`` projects and say so in
``inputs``. The formulas and cut-offs are documented, with worked examples, in
``docs/guides/kpis.md``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Context, Decimal

from ..i18n import ENGLISH
from ..model.registry import Entity, Nested, Registry
from ..model.rules import OPEN_RISK_STATUSES
from .schedule import slip_days

MISSING = "—"
"""``display`` of a KPI without a value."""

PROJECT_KEYS = ("schedule_variance", "cost_variance", "milestone_on_time", "budget_adherence", "benefits_realization")
"""The KPIs of a project, in display order."""
ROLLUP_KEYS = PROJECT_KEYS + ("risk_index",)
"""The KPIs of a program or a portfolio, in display order."""
LABELS = {key: ENGLISH.text(f"kpi.{key}") for key in ROLLUP_KEYS}
"""English label of every KPI key (``kpi.KEY`` in :mod:`..i18n`: pages show it in their language)."""

RATINGS = ("good", "warning", "bad", "none")
"""Every value of :attr:`Kpi.rating`."""

#: Risk statuses that count towards the strategic risk index: the open ones.
COUNTED_RISKS = OPEN_RISK_STATUSES

_THIN = "\u202f"  # narrow no-break space: thousands separator


@dataclass(frozen=True)
class Kpi:
    """One computed KPI of a project, a program or a portfolio."""

    key: str
    """``schedule_variance``, ``cost_variance``, ``milestone_on_time``, ``budget_adherence``, ``benefits_realization`` or ``risk_index``."""
    label: str
    """For people: "Schedule variance", "Cost variance", "Milestones on time", "Budget adherence", "Benefits realization", "Strategic risk index"."""
    value: float | None
    """The number (rounded as ``display`` shows it); None when the inputs are missing."""
    unit: str
    """``days``, ``%``, a currency code (``EUR``) or ``points``."""
    display: str
    """The value formatted for people ("+14 days", "75 % (3 of 4)"); "—" without a value."""
    inputs: str
    """The inputs in words, so that every number can be traced (or what is missing)."""
    rating: str
    """``good``, ``warning``, ``bad``, or ``none`` without a value (for colouring)."""
    sources: tuple = ()
    """The entities and entries the value came from (projects, milestones, benefits, risks), for links."""


# --------------------------------------------------------------------------- numbers


def _decimal(value: float, decimals: int) -> Decimal:
    exact = Decimal(str(value))
    # Enough digits for any float (1e300 has 301 before the point): the default
    # 28 would make quantize() fail on amounts above 1e26.
    context = Context(prec=max(28, exact.adjusted() + decimals + 2))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=context)


def _finite(*values: float | None) -> bool:
    """Whether every value is a number inside the float range (no NaN, no infinity)."""
    return all(value is not None and math.isfinite(value) for value in values)


def _round(value: float, decimals: int) -> float:
    """``value`` rounded half away from zero (2.675 → 2.68, unlike :func:`round`); a
    value that is not finite stays as it is (callers keep such values out)."""
    if not math.isfinite(value):
        return value
    rounded = _decimal(value, decimals)
    return float(rounded) if rounded != 0 else 0.0


def format_number(value: float, decimals: int = 2) -> str:
    """``value`` rounded to ``decimals`` (half away from zero) without trailing
    zeros, thousands separated by a narrow no-break space (U+202F):
    ``1050000`` → "1 050 000", ``111.1111`` with ``decimals=1`` → "111.1".
    NaN and infinities (which validation keeps out) are shown as "—"."""
    if isinstance(value, float) and not math.isfinite(value):
        return MISSING
    rounded = _decimal(value, decimals)
    if rounded == 0:
        return "0"
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", _THIN)


def _signed(value: float, decimals: int = 2) -> str:
    """Like :func:`format_number`, with "+" before a positive number ("-" is ASCII)."""
    text = format_number(value, decimals)
    return text if text == "0" or text.startswith("-") else "+" + text


def _days(days: int) -> str:
    sign = _signed(days, 0)
    return f"{sign} day" if abs(days) == 1 else f"{sign} days"


def _money(amount: float, currency: str, signed: bool = False) -> str:
    return f"{_signed(amount) if signed else format_number(amount)} {currency}"


def _percent(value: float, decimals: int = 1, signed: bool = False) -> str:
    return f"{_signed(value, decimals) if signed else format_number(value, decimals)} %"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


#: How many items the ``inputs`` of a KPI lists before "and N more": a roll-up
#: over thousands of projects names the first ones (the worst first) and leaves
#: every detail to the program and project pages.
INPUT_ITEMS = 10


def _first(items: Sequence[str], limit: int = INPUT_ITEMS) -> list[str]:
    if len(items) <= limit:
        return list(items)
    return [*items[:limit], f"and {len(items) - limit} more"]


def _missing(key: str, unit: str, inputs: str, sources: tuple = ()) -> Kpi:
    return Kpi(key, LABELS[key], None, unit, MISSING, inputs, "none", sources)


# --------------------------------------------------------------------------- ratings


def _rate_schedule(days: float) -> str:
    """≤ 0 days good, 1–30 warning, > 30 bad."""
    return "good" if days <= 0 else "warning" if days <= 30 else "bad"


def _rate_cost(percent: float) -> str:
    """≤ 0 % good, ≤ 10 % warning, > 10 % bad (positive: overspend)."""
    return "good" if percent <= 0 else "warning" if percent <= 10 else "bad"


def _rate_share(percent: float) -> str:
    """Milestones on time and budget adherence: ≥ 90 % good, ≥ 70 % warning, else bad."""
    return "good" if percent >= 90 else "warning" if percent >= 70 else "bad"


def _rate_benefits(percent: float, at_risk: bool) -> str:
    """≥ 75 % good, ≥ 40 % warning, else bad; a benefit at risk caps it at warning."""
    rating = "good" if percent >= 75 else "warning" if percent >= 40 else "bad"
    return "warning" if at_risk and rating == "good" else rating


def _rate_risk(points: float) -> str:
    """< 25 points good, < 50 warning, else bad."""
    return "good" if points < 25 else "warning" if points < 50 else "bad"


# --------------------------------------------------------------------------- scopes


def _active(projects: Iterable[Entity]) -> tuple[list[Entity], list[Entity]]:
    """(projects rolled up, cancelled projects left out), each sorted by id."""
    kept: list[Entity] = []
    cancelled: list[Entity] = []
    for project in sorted(projects, key=lambda p: p.id):
        (cancelled if project.status == "cancelled" else kept).append(project)
    return kept, cancelled


def _with_cancelled(inputs: str, cancelled: Sequence[Entity]) -> str:
    if not cancelled:
        return inputs
    return f"{inputs}; cancelled, left out: {', '.join(_first([p.id for p in cancelled]))}"


def _currency(project: Entity, default: str) -> str:
    budget = getattr(project.model, "budget", None)
    return (budget.currency if budget is not None else None) or default


def _baseline(project: Entity, name: str) -> object:
    baseline = getattr(project.model, "baseline", None)
    return getattr(baseline, name, None) if baseline is not None else None


def _budget(project: Entity, name: str) -> float | None:
    budget = getattr(project.model, "budget", None)
    return getattr(budget, name, None) if budget is not None else None


# --------------------------------------------------------------------------- schedule variance


def _schedule_inputs(project: Entity) -> str:
    return f"end {project.model.end} against baseline end {_baseline(project, 'end')}"  # type: ignore[attr-defined]


def _schedule_missing(project: Entity) -> str:
    absent = [name for name, value in (("end", getattr(project.model, "end", None)), ("baseline.end", _baseline(project, "end"))) if value is None]
    return f"needs end and baseline.end; {' and '.join(absent)} {'is' if len(absent) == 1 else 'are'} not set"


def _schedule_variance(project: Entity) -> Kpi:
    key = "schedule_variance"
    slip = slip_days(project)
    if slip is None:
        return _missing(key, "days", _schedule_missing(project))
    return Kpi(key, LABELS[key], slip, "days", _days(slip), _schedule_inputs(project), _rate_schedule(slip), (project,))


def _schedule_rollup(projects: Sequence[Entity]) -> Kpi:
    key = "schedule_variance"
    kept, cancelled = _active(projects)
    measured = [(slip, p) for p in kept if (slip := slip_days(p)) is not None]
    unmeasured = [p.id for p in kept if slip_days(p) is None]
    measured.sort(key=lambda sp: (-sp[0], sp[1].id))
    parts = _first([f"{p.id} {_days(slip)} ({_schedule_inputs(p)})" for slip, p in measured])
    if unmeasured:
        parts.append(f"no end or baseline.end: {', '.join(_first(unmeasured))}")
    inputs = _with_cancelled("; ".join(parts) or "no projects", cancelled)
    if not measured:
        return _missing(key, "days", inputs)
    worst, first = measured[0]
    late = [p for slip, p in measured if slip > 0]
    total = len(measured)
    display = f"{_days(worst)} ({first.id}); {len(late)} of {_count(total, 'project')} late"
    sources = tuple(late) if late else tuple(p for _, p in measured)
    return Kpi(key, LABELS[key], worst, "days", display, inputs, _rate_schedule(worst), sources)


# --------------------------------------------------------------------------- cost variance


@dataclass(frozen=True)
class _Cost:
    """The cost inputs of one project (``variance`` None: not computable, ``why`` says why)."""

    project: Entity
    currency: str
    variance: float | None = None
    earned: float | None = None
    explain: str = ""
    why: str = ""


def _cost(project: Entity, default: str) -> _Cost:
    currency = _currency(project, default)
    baseline = _baseline(project, "budget")
    planned = _budget(project, "planned")
    actual = _budget(project, "actual")
    plan, plan_name = (baseline, "baseline budget") if baseline is not None else (planned, "planned budget")
    if actual is None or plan is None:
        absent = [name for name, value in (("budget.actual", actual), ("a plan (baseline.budget or budget.planned)", plan)) if value is None]
        verb = "is" if len(absent) == 1 else "are"
        return _Cost(project, currency, why=f"needs budget.actual and a plan (baseline.budget or budget.planned); {' and '.join(absent)} {verb} not set")
    if project.status == "completed":
        progress, why_progress = 100.0, "100 % (completed)"
    elif getattr(project.model, "progress", None) is None:
        progress, why_progress = 100.0, "100 % (no progress given: the whole plan)"
    else:
        progress = float(project.model.progress)  # type: ignore[attr-defined]
        why_progress = f"{format_number(progress, 1)} % progress"
    earned = float(plan) * progress / 100  # type: ignore[arg-type]
    explain = f"actual {_money(actual, currency)} against earned {_money(earned, currency)} = {plan_name} {_money(plan, currency)} × {why_progress}"  # type: ignore[arg-type]
    if not _finite(actual, plan, earned, actual - earned):  # type: ignore[arg-type]
        return _Cost(project, currency, why=f"{explain}: the amounts are out of range, no variance to measure")
    if earned == 0:
        return _Cost(project, currency, why=f"{explain}: nothing earned yet, no variance to measure")
    return _Cost(project, currency, _round(actual - earned, 2), earned, explain)


def _cost_kpi(variance: float, earned: float, currency: str, inputs: str, sources: tuple) -> Kpi:
    key = "cost_variance"
    percent = _round(variance / earned * 100, 1) if _finite(variance, earned) and earned != 0 else math.nan
    if not _finite(variance, percent):
        return _missing(key, currency, f"{inputs}; the amounts are out of range, no variance to measure", sources)
    display = f"{_money(variance, currency, signed=True)} ({_percent(percent, signed=True)})"
    return Kpi(key, LABELS[key], variance, currency, display, inputs, _rate_cost(percent), sources)


def _cost_variance(project: Entity, currency: str) -> Kpi:
    cost = _cost(project, currency)
    if cost.variance is None or cost.earned is None:
        return _missing("cost_variance", cost.currency, cost.why)
    return _cost_kpi(cost.variance, cost.earned, cost.currency, cost.explain, (project,))


def _cost_rollup(projects: Sequence[Entity], currency: str) -> Kpi:
    key = "cost_variance"
    kept, cancelled = _active(projects)
    costs = [_cost(p, currency) for p in kept]
    summed = [c for c in costs if c.variance is not None and c.currency == currency]
    foreign = [c for c in costs if c.variance is not None and c.currency != currency]
    unmeasured = [c.project.id for c in costs if c.variance is None]
    parts = _first([f"{c.project.id} {_money(c.variance, currency, signed=True)} ({c.explain})" for c in summed])  # type: ignore[arg-type]
    if foreign:
        parts.append(f"left out, budget in another currency than {currency}: " + ", ".join(_first([f"{c.project.id} ({c.currency})" for c in foreign])))
    if unmeasured:
        parts.append(f"no actual or plan: {', '.join(_first(unmeasured))}")
    inputs = _with_cancelled("; ".join(parts) or "no projects", cancelled)
    if not summed:
        return _missing(key, currency, inputs)
    variance = _round(sum(c.variance for c in summed), 2)  # type: ignore[misc]
    earned = sum(c.earned for c in summed)  # type: ignore[misc]
    if len(summed) > 1:
        inputs = f"sum {_money(variance, currency, signed=True)} against earned {_money(earned, currency)}: {inputs}"
    return _cost_kpi(variance, earned, currency, inputs, tuple(c.project for c in summed))


# --------------------------------------------------------------------------- milestones on time


@dataclass(frozen=True)
class _Milestones:
    on_time: list[Nested]
    missed: list[Nested]
    overdue: list[Nested]
    pending: int
    """Planned and not yet due (or without a date): not counted."""


def _milestones(project: Entity, today: dt.date) -> _Milestones:
    on_time, missed, overdue, pending = [], [], [], 0
    for milestone in project.entries("milestones"):
        status = milestone.status
        date = getattr(milestone.item, "date", None)
        if status == "done":
            on_time.append(milestone)
        elif status == "missed":
            missed.append(milestone)
        elif date is not None and date < today:
            overdue.append(milestone)
        else:
            pending += 1
    return _Milestones(on_time, missed, overdue, pending)


def _milestone_kpi(found: _Milestones, name: Callable[[Nested], str], what: str) -> Kpi:
    """``name``: how a milestone is named in ``inputs``; ``what``: the scope, for "no milestones"."""
    key = "milestone_on_time"
    on_time, late = len(found.on_time), len(found.missed) + len(found.overdue)
    details = [
        f"{len(group)} {word}: {', '.join(_first(list(map(name, group))))}"
        for word, group in (("missed", found.missed), ("overdue", found.overdue))
        if group
    ]
    late_text = f"{late} late ({'; '.join(details)})" if details else f"{late} late"
    inputs = f"{on_time} done, {late_text}, {found.pending} not yet due"
    if on_time + late == 0:
        pending = f" ({found.pending} not yet due)" if found.pending else ""
        return _missing(key, "%", f"no milestone done, missed or overdue {what}{pending}")
    percent = _round(on_time / (on_time + late) * 100, 0)
    display = f"{_percent(percent, 0)} ({on_time} of {on_time + late})"
    sources = tuple(found.missed + found.overdue + found.on_time)
    return Kpi(key, LABELS[key], percent, "%", display, inputs, _rate_share(percent), sources)


def _milestone_on_time(project: Entity, today: dt.date) -> Kpi:
    return _milestone_kpi(_milestones(project, today), lambda m: m.id, "yet")


def _milestone_rollup(projects: Sequence[Entity], today: dt.date) -> Kpi:
    kept, cancelled = _active(projects)
    found = [_milestones(project, today) for project in kept]
    pooled = _Milestones(
        [m for f in found for m in f.on_time],
        [m for f in found for m in f.missed],
        [m for f in found for m in f.overdue],
        sum(f.pending for f in found),
    )
    kpi = _milestone_kpi(pooled, lambda m: m.key, "in its projects")
    return replace(kpi, inputs=_with_cancelled(kpi.inputs, cancelled))


# --------------------------------------------------------------------------- budget adherence


def _adherence(project: Entity, default: str) -> tuple[bool | None, str]:
    """(adheres, explanation); adheres is None without the inputs."""
    currency = _currency(project, default)
    planned = _budget(project, "planned")
    baseline = _baseline(project, "budget")
    actual = _budget(project, "actual")
    if planned is None:
        return None, "needs budget.planned and baseline.budget or budget.actual; budget.planned is not set"
    if baseline is None and actual is None:
        return None, "needs budget.planned and baseline.budget or budget.actual; neither baseline.budget nor budget.actual is set"
    over = []
    if baseline is not None and planned > baseline:  # type: ignore[operator]
        over.append(f"planned {_money(planned, currency)} against baseline {_money(baseline, currency)}")  # type: ignore[arg-type]
    if actual is not None and actual > planned:
        over.append(f"actual {_money(actual, currency)} against planned {_money(planned, currency)}")
    if over:
        return False, "over budget: " + "; ".join(over)
    within = [f"planned {_money(planned, currency)}"]
    if baseline is not None:
        within.append(f"baseline {_money(baseline, currency)}")  # type: ignore[arg-type]
    if actual is not None:
        within.append(f"actual {_money(actual, currency)}")
    return True, "within budget: " + ", ".join(within)


def _budget_adherence(project: Entity, currency: str) -> Kpi:
    key = "budget_adherence"
    adheres, explain = _adherence(project, currency)
    if adheres is None:
        return _missing(key, "%", explain)
    value = 100.0 if adheres else 0.0
    display = "within budget" if adheres else explain
    return Kpi(key, LABELS[key], value, "%", display, explain, _rate_share(value), (project,))


def _budget_rollup(projects: Sequence[Entity], currency: str) -> Kpi:
    key = "budget_adherence"
    kept, cancelled = _active(projects)
    over: list[tuple[Entity, str]] = []
    within: list[tuple[Entity, str]] = []
    unmeasured: list[str] = []
    for project in kept:
        adheres, explain = _adherence(project, currency)
        if adheres is None:
            unmeasured.append(project.id)
        else:
            (within if adheres else over).append((project, explain))
    parts = _first([f"{p.id} {explain}" for p, explain in over + within])
    if unmeasured:
        parts.append(f"no budget.planned with baseline.budget or budget.actual: {', '.join(_first(unmeasured))}")
    inputs = _with_cancelled("; ".join(parts) or "no projects", cancelled)
    total = len(over) + len(within)
    if total == 0:
        return _missing(key, "%", inputs)
    percent = _round(len(within) / total * 100, 0)
    display = f"{len(within)} of {_count(total, 'project')} ({_percent(percent, 0)})"
    sources = tuple(p for p, _ in over + within)
    return Kpi(key, LABELS[key], percent, "%", display, inputs, _rate_share(percent), sources)


# --------------------------------------------------------------------------- benefits realization


def benefit_realization(benefit: Nested) -> float | None:
    """How far a benefit has come from its baseline to its target, in percent
    (one decimal): ``(actual - baseline) / (target - baseline) × 100``.

    ``baseline`` defaults to 0. None without ``target`` or ``actual``, or when
    ``target`` equals ``baseline``. Not clipped: over-delivery gives more than
    100, moving away from the target less than 0. Works for targets below the
    baseline (a cost to cut) as well.
    """
    item = benefit.item
    target, actual = getattr(item, "target", None), getattr(item, "actual", None)
    baseline = getattr(item, "baseline", None) or 0.0
    if target is None or actual is None or target == baseline:
        return None
    percent = (actual - baseline) / (target - baseline) * 100
    return _round(percent, 1) if math.isfinite(percent) else None


def _with_unit(value: float, unit: str | None) -> str:
    return f"{format_number(value)} {unit}" if unit else format_number(value)


def _benefit_inputs(benefit: Nested, percent: float) -> str:
    item = benefit.item
    unit = getattr(item, "unit", None)
    baseline = getattr(item, "baseline", None)
    base = _with_unit(baseline, unit) if baseline is not None else "0 (no baseline given)"
    return f"{benefit.ref_id} {_percent(percent)} (actual {_with_unit(item.actual, unit)}, baseline {base}, target {_with_unit(item.target, unit)})"  # type: ignore[attr-defined]


def _benefit_why(benefit: Nested) -> str:
    item = benefit.item
    if getattr(item, "target", None) is None:
        return "no target"
    if getattr(item, "actual", None) is None:
        return "no actual"
    if item.target == (getattr(item, "baseline", None) or 0.0):  # type: ignore[attr-defined]
        return "target equals baseline"
    return "values out of range"


def _benefits_kpi(benefits: Sequence[Nested], none: str) -> Kpi:
    key = "benefits_realization"
    measured = [(b, p) for b in benefits if (p := benefit_realization(b)) is not None]
    unmeasured = [b for b in benefits if benefit_realization(b) is None]
    at_risk = [b for b in benefits if b.status == "at-risk"]
    parts = _first([_benefit_inputs(b, p) for b, p in measured])
    if unmeasured:
        parts.append("not measured: " + ", ".join(_first([f"{b.ref_id} ({_benefit_why(b)})" for b in unmeasured])))
    if at_risk:
        parts.append("at risk: " + ", ".join(_first([b.ref_id for b in at_risk])))
    inputs = "; ".join(parts) or none
    if not measured:
        return _missing(key, "%", inputs, tuple(benefits))
    mean = sum(p for _, p in measured) / len(measured)
    if not math.isfinite(mean):  # the sum of huge percentages overflowed: divide first
        mean = sum(p / len(measured) for _, p in measured)
    percent = _round(mean, 1)
    if len(measured) == 1:
        count = "1 benefit" if not unmeasured else f"1 of {len(benefits)} benefits"
        display = f"{_percent(percent)} ({count})"
    else:
        count = _count(len(measured), "benefit") if not unmeasured else f"{len(measured)} of {len(benefits)} benefits"
        display = f"{_percent(percent)} (mean of {count})"
    return Kpi(key, LABELS[key], percent, "%", display, inputs, _rate_benefits(percent, bool(at_risk)), tuple(benefits))


def _benefits_of(entities: Iterable[Entity]) -> list[Nested]:
    return [b for e in entities for b in e.entries("benefits")]


# --------------------------------------------------------------------------- strategic risk index


def risk_score(risk: Nested) -> int | None:
    """Probability × impact (1–25); None when either is missing."""
    probability, impact = getattr(risk.item, "probability", None), getattr(risk.item, "impact", None)
    if probability is None or impact is None:
        return None
    return probability * impact


def _weight(risk: Nested) -> float | None:
    """A risk's points in the index: probability × impact × impact / 5."""
    score = risk_score(risk)
    return None if score is None else score * risk.item.impact / 5  # type: ignore[attr-defined]


def risk_index(risks: Iterable[Nested]) -> float:
    """Σ probability × impact × impact / 5 over the ``open`` and ``occurred``
    risks among ``risks`` (others, and risks missing probability or impact, are
    skipped), rounded to one decimal. A 5×5 risk adds 25 points, a 1×1 risk 0.2."""
    return _round(sum(w for r in risks if r.status in COUNTED_RISKS and (w := _weight(r)) is not None), 1)


def _risk_kpi(risks: Sequence[Nested], cancelled: Sequence[Entity] = ()) -> Kpi:
    key = "risk_index"
    counted = [r for r in risks if r.status in COUNTED_RISKS]
    weighed = sorted(((w, r) for r in counted if (w := _weight(r)) is not None), key=lambda wr: (-wr[0], wr[1].ref_id))
    skipped = [r for r in counted if _weight(r) is None]
    closed = len(risks) - len(counted)
    parts = _first([
        f"{r.ref_id} {r.item.probability} × {r.item.impact} × {r.item.impact} / 5 = {format_number(w)}"  # type: ignore[attr-defined]
        for w, r in weighed
    ])
    if skipped:
        parts.append(f"{_count(len(skipped), 'risk')} without probability or impact skipped: {', '.join(_first([r.ref_id for r in skipped]))}")
    if closed:
        parts.append(f"{closed} mitigated or closed not counted")
    value = risk_index(risks)
    inputs = "; ".join(parts) if weighed or skipped else "no open or occurred risks" + (f"; {parts[0]}" if parts else "")
    inputs = _with_cancelled(inputs, cancelled)
    return Kpi(key, LABELS[key], value, "points", format_number(value, 1), inputs, _rate_risk(value), tuple(r for _, r in weighed))


def _risks_of(entities: Iterable[Entity]) -> list[Nested]:
    return [r for e in entities for r in e.entries("risks")]


# --------------------------------------------------------------------------- levels


def project_kpis(project: Entity, today: dt.date, currency: str = "EUR") -> list[Kpi]:
    """The KPIs of one project, in the order of :data:`PROJECT_KEYS`.

    ``currency`` is the plugin's default, for a project without ``budget.currency``.
    """
    benefits = [b for b in project.rel.contributes_to if isinstance(b, Nested) and b.kind == "benefit"]
    return [
        _schedule_variance(project),
        _cost_variance(project, currency),
        _milestone_on_time(project, today),
        _budget_adherence(project, currency),
        _benefits_kpi(benefits, "contributes to no benefit (contributes_to)"),
    ]


def _rollup(projects: Sequence[Entity], benefits: Sequence[Nested], risks: Sequence[Nested], today: dt.date, currency: str, none: str) -> list[Kpi]:
    return [
        _schedule_rollup(projects),
        _cost_rollup(projects, currency),
        _milestone_rollup(projects, today),
        _budget_rollup(projects, currency),
        _benefits_kpi(benefits, none),
        _risk_kpi(risks, _active(projects)[1]),
    ]


def program_kpis(program: Entity, today: dt.date, currency: str = "EUR") -> list[Kpi]:
    """The KPIs of a program, in the order of :data:`ROLLUP_KEYS`: its projects
    rolled up (cancelled ones left out), the realization of its own benefits,
    and the risk index of its own risks and those of its projects."""
    kept, _ = _active(program.projects)
    return _rollup(program.projects, program.entries("benefits"), _risks_of([program, *kept]), today, currency, "the program lists no benefits")


def portfolio_kpis(registry: Registry, today: dt.date, currency: str = "EUR", programs: list[Entity] | None = None) -> list[Kpi]:
    """The KPIs of a portfolio, in the order of :data:`ROLLUP_KEYS`.

    Without ``programs``: every project of the site (standalone ones too),
    every benefit and every risk. With ``programs`` (a portfolio's programs):
    only those programs, their projects, benefits and risks.
    """
    if programs is None:
        projects = registry.of_kind("project")
        others = [e for e in registry.entities if e.kind != "project"]
    else:
        projects = [p for program in programs for p in program.projects]
        others = list(programs)
    kept, _ = _active(projects)
    return _rollup(projects, _benefits_of(others), _risks_of([*others, *kept]), today, currency, "no program lists benefits")
