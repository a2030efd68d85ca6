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

from ..i18n import ENGLISH, Locale
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


def format_number(value: float, decimals: int = 2, locale: Locale = ENGLISH) -> str:
    """``value`` rounded to ``decimals`` (half away from zero) without trailing
    zeros, with the separators of ``locale`` (English: thousands separated by a
    narrow no-break space, U+202F): ``1050000`` → "1 050 000", ``111.1111`` with
    ``decimals=1`` → "111.1" (German: "111,1").
    NaN and infinities (which validation keeps out) are shown as "—"."""
    if isinstance(value, float) and not math.isfinite(value):
        return MISSING
    rounded = _decimal(value, decimals)
    if rounded == 0:
        return "0"
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    formats = locale.formats
    return text.replace(",", "\0").replace(".", formats.decimal).replace("\0", formats.group)


#: How many items the ``inputs`` of a KPI lists before "and N more": a roll-up
#: over thousands of projects names the first ones (the worst first) and leaves
#: every detail to the program and project pages.
INPUT_ITEMS = 10


class _Say:
    """The words and numbers of the KPIs in one language (``kpi.*`` keys of :mod:`..i18n`)."""

    def __init__(self, locale: Locale) -> None:
        self.locale = locale

    def __call__(self, key: str, /, **values: object) -> str:
        return self.locale.text(f"kpi.{key}", **values)

    def plural(self, key: str, n: int, /, **values: object) -> str:
        """``kpi.KEY.one`` or ``kpi.KEY.other`` by ``n`` (given as ``{n}``)."""
        form = "one" if n in self.locale.formats.plural_one else "other"
        return self(f"{key}.{form}", n=n, **values)

    def label(self, key: str) -> str:
        return self.locale.text(f"kpi.{key}")

    def number(self, value: float, decimals: int = 2) -> str:
        return format_number(value, decimals, self.locale)

    def signed(self, value: float, decimals: int = 2) -> str:
        """Like :meth:`number`, with "+" before a positive number ("-" is ASCII)."""
        text = self.number(value, decimals)
        return text if text == "0" or text.startswith("-") else "+" + text

    def days(self, days: int) -> str:
        form = "one" if abs(days) in self.locale.formats.plural_one else "other"
        return self.locale.text(f"days.{form}", n=self.signed(days, 0))

    def money(self, amount: float, currency: str, signed: bool = False) -> str:
        return self("money", amount=self.signed(amount) if signed else self.number(amount), currency=currency)

    def percent(self, value: float, decimals: int = 1, signed: bool = False) -> str:
        return self("percent", number=self.signed(value, decimals) if signed else self.number(value, decimals))

    def date(self, day: object) -> str:
        return self.locale.date(day) if isinstance(day, dt.date) else str(day)

    def join(self, parts: Iterable[str]) -> str:
        """Parts of ``inputs`` one after the other ("; ", French " ; ")."""
        return self("separator").join(parts)

    def first(self, items: Sequence[str], limit: int = INPUT_ITEMS) -> list[str]:
        if len(items) <= limit:
            return list(items)
        return [*items[:limit], self("more", count=len(items) - limit)]

    def missing(self, key: str, unit: str, inputs: str, sources: tuple = ()) -> Kpi:
        return Kpi(key, self.label(key), None, unit, MISSING, inputs, "none", sources)


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


def _with_cancelled(inputs: str, cancelled: Sequence[Entity], say: _Say) -> str:
    if not cancelled:
        return inputs
    return say("cancelled", inputs=inputs, ids=", ".join(say.first([p.id for p in cancelled])))


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


def _schedule_inputs(project: Entity, say: _Say) -> str:
    return say("schedule.inputs", end=say.date(project.model.end), baseline=say.date(_baseline(project, "end")))  # type: ignore[attr-defined]


def _schedule_missing(project: Entity, say: _Say) -> str:
    end, baseline = getattr(project.model, "end", None), _baseline(project, "end")
    if end is None and baseline is None:
        return say("schedule.missing_both")
    return say("schedule.missing_end" if end is None else "schedule.missing_baseline")


def _schedule_variance(project: Entity, say: _Say) -> Kpi:
    key = "schedule_variance"
    slip = slip_days(project)
    if slip is None:
        return say.missing(key, "days", _schedule_missing(project, say))
    return Kpi(key, say.label(key), slip, "days", say.days(slip), _schedule_inputs(project, say), _rate_schedule(slip), (project,))


def _schedule_rollup(projects: Sequence[Entity], say: _Say) -> Kpi:
    key = "schedule_variance"
    kept, cancelled = _active(projects)
    measured = [(slip, p) for p in kept if (slip := slip_days(p)) is not None]
    unmeasured = [p.id for p in kept if slip_days(p) is None]
    measured.sort(key=lambda sp: (-sp[0], sp[1].id))
    parts = say.first([f"{p.id} {say.days(slip)} ({_schedule_inputs(p, say)})" for slip, p in measured])
    if unmeasured:
        parts.append(say("schedule.unmeasured", ids=", ".join(say.first(unmeasured))))
    inputs = _with_cancelled(say.join(parts) or say("no_projects"), cancelled, say)
    if not measured:
        return say.missing(key, "days", inputs)
    worst, first = measured[0]
    late = [p for slip, p in measured if slip > 0]
    total = len(measured)
    display = say.plural("schedule.display", total, days=say.days(worst), id=first.id, late=len(late))
    sources = tuple(late) if late else tuple(p for _, p in measured)
    return Kpi(key, say.label(key), worst, "days", display, inputs, _rate_schedule(worst), sources)


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


def _cost(project: Entity, default: str, say: _Say) -> _Cost:
    currency = _currency(project, default)
    baseline = _baseline(project, "budget")
    planned = _budget(project, "planned")
    actual = _budget(project, "actual")
    plan, explain_key = (baseline, "cost.explain_baseline") if baseline is not None else (planned, "cost.explain_planned")
    if actual is None or plan is None:
        which = "both" if actual is None and plan is None else "actual" if actual is None else "plan"
        return _Cost(project, currency, why=say(f"cost.missing_{which}"))
    if project.status == "completed":
        progress, why_progress = 100.0, say("cost.progress_completed", percent=say.percent(100.0, 0))
    elif getattr(project.model, "progress", None) is None:
        progress, why_progress = 100.0, say("cost.progress_none", percent=say.percent(100.0, 0))
    else:
        progress = float(project.model.progress)  # type: ignore[attr-defined]
        why_progress = say("cost.progress", percent=say.percent(progress, 1))
    earned = float(plan) * progress / 100  # type: ignore[arg-type]
    explain = say(explain_key, actual=say.money(actual, currency), earned=say.money(earned, currency),
                  plan=say.money(plan, currency), progress=why_progress)  # type: ignore[arg-type]
    if not _finite(actual, plan, earned, actual - earned):  # type: ignore[arg-type]
        return _Cost(project, currency, why=say("cost.out_of_range", inputs=explain))
    if earned == 0:
        return _Cost(project, currency, why=say("cost.nothing_earned", inputs=explain))
    return _Cost(project, currency, _round(actual - earned, 2), earned, explain)


def _cost_kpi(variance: float, earned: float, currency: str, inputs: str, sources: tuple, say: _Say) -> Kpi:
    key = "cost_variance"
    percent = _round(variance / earned * 100, 1) if _finite(variance, earned) and earned != 0 else math.nan
    if not _finite(variance, percent):
        return say.missing(key, currency, say("cost.sum_out_of_range", inputs=inputs), sources)
    display = f"{say.money(variance, currency, signed=True)} ({say.percent(percent, signed=True)})"
    return Kpi(key, say.label(key), variance, currency, display, inputs, _rate_cost(percent), sources)


def _cost_variance(project: Entity, currency: str, say: _Say) -> Kpi:
    cost = _cost(project, currency, say)
    if cost.variance is None or cost.earned is None:
        return say.missing("cost_variance", cost.currency, cost.why)
    return _cost_kpi(cost.variance, cost.earned, cost.currency, cost.explain, (project,), say)


def _cost_rollup(projects: Sequence[Entity], currency: str, say: _Say) -> Kpi:
    key = "cost_variance"
    kept, cancelled = _active(projects)
    costs = [_cost(p, currency, say) for p in kept]
    summed = [c for c in costs if c.variance is not None and c.currency == currency]
    foreign = [c for c in costs if c.variance is not None and c.currency != currency]
    unmeasured = [c.project.id for c in costs if c.variance is None]
    parts = say.first([f"{c.project.id} {say.money(c.variance, currency, signed=True)} ({c.explain})" for c in summed])  # type: ignore[arg-type]
    if foreign:
        parts.append(say("cost.foreign", currency=currency, items=", ".join(say.first([f"{c.project.id} ({c.currency})" for c in foreign]))))
    if unmeasured:
        parts.append(say("cost.unmeasured", ids=", ".join(say.first(unmeasured))))
    inputs = _with_cancelled(say.join(parts) or say("no_projects"), cancelled, say)
    if not summed:
        return say.missing(key, currency, inputs)
    variance = _round(sum(c.variance for c in summed), 2)  # type: ignore[misc]
    earned = sum(c.earned for c in summed)  # type: ignore[misc]
    if len(summed) > 1:
        inputs = say("cost.sum", variance=say.money(variance, currency, signed=True), earned=say.money(earned, currency), inputs=inputs)
    return _cost_kpi(variance, earned, currency, inputs, tuple(c.project for c in summed), say)


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


def _milestone_kpi(found: _Milestones, name: Callable[[Nested], str], none: str, say: _Say) -> Kpi:
    """``name``: how a milestone is named in ``inputs``; ``none``: the key of "no milestones" for the scope."""
    key = "milestone_on_time"
    on_time, late = len(found.on_time), len(found.missed) + len(found.overdue)
    details = [
        say(f"milestones.{word}", count=len(group), names=", ".join(say.first(list(map(name, group)))))
        for word, group in (("missed", found.missed), ("overdue", found.overdue))
        if group
    ]
    late_text = say("milestones.late_details", late=late, details=say.join(details)) if details else say("milestones.late", late=late)
    inputs = say("milestones.inputs", done=on_time, late=late_text, pending=found.pending)
    if on_time + late == 0:
        pending = say("milestones.pending", count=found.pending) if found.pending else ""
        return say.missing(key, "%", say(none, pending=pending))
    percent = _round(on_time / (on_time + late) * 100, 0)
    display = say("milestones.display", percent=say.percent(percent, 0), done=on_time, total=on_time + late)
    sources = tuple(found.missed + found.overdue + found.on_time)
    return Kpi(key, say.label(key), percent, "%", display, inputs, _rate_share(percent), sources)


def _milestone_on_time(project: Entity, today: dt.date, say: _Say) -> Kpi:
    return _milestone_kpi(_milestones(project, today), lambda m: m.id, "milestones.none_yet", say)


def _milestone_rollup(projects: Sequence[Entity], today: dt.date, say: _Say) -> Kpi:
    kept, cancelled = _active(projects)
    found = [_milestones(project, today) for project in kept]
    pooled = _Milestones(
        [m for f in found for m in f.on_time],
        [m for f in found for m in f.missed],
        [m for f in found for m in f.overdue],
        sum(f.pending for f in found),
    )
    kpi = _milestone_kpi(pooled, lambda m: m.key, "milestones.none_in_projects", say)
    return replace(kpi, inputs=_with_cancelled(kpi.inputs, cancelled, say))


# --------------------------------------------------------------------------- budget adherence


def _adherence(project: Entity, default: str, say: _Say) -> tuple[bool | None, str]:
    """(adheres, explanation); adheres is None without the inputs."""
    currency = _currency(project, default)
    planned = _budget(project, "planned")
    baseline = _baseline(project, "budget")
    actual = _budget(project, "actual")
    if planned is None:
        return None, say("budget.missing_planned")
    if baseline is None and actual is None:
        return None, say("budget.missing_reference")
    over = []
    if baseline is not None and planned > baseline:  # type: ignore[operator]
        over.append(say("budget.planned_over_baseline", planned=say.money(planned, currency), baseline=say.money(baseline, currency)))  # type: ignore[arg-type]
    if actual is not None and actual > planned:
        over.append(say("budget.actual_over_planned", actual=say.money(actual, currency), planned=say.money(planned, currency)))
    if over:
        return False, say("budget.over", details=say.join(over))
    within = [say("budget.planned", amount=say.money(planned, currency))]
    if baseline is not None:
        within.append(say("budget.baseline", amount=say.money(baseline, currency)))  # type: ignore[arg-type]
    if actual is not None:
        within.append(say("budget.actual", amount=say.money(actual, currency)))
    return True, say("budget.within_details", details=", ".join(within))


def _budget_adherence(project: Entity, currency: str, say: _Say) -> Kpi:
    key = "budget_adherence"
    adheres, explain = _adherence(project, currency, say)
    if adheres is None:
        return say.missing(key, "%", explain)
    value = 100.0 if adheres else 0.0
    display = say("budget.within") if adheres else explain
    return Kpi(key, say.label(key), value, "%", display, explain, _rate_share(value), (project,))


def _budget_rollup(projects: Sequence[Entity], currency: str, say: _Say) -> Kpi:
    key = "budget_adherence"
    kept, cancelled = _active(projects)
    over: list[tuple[Entity, str]] = []
    within: list[tuple[Entity, str]] = []
    unmeasured: list[str] = []
    for project in kept:
        adheres, explain = _adherence(project, currency, say)
        if adheres is None:
            unmeasured.append(project.id)
        else:
            (within if adheres else over).append((project, explain))
    parts = say.first([f"{p.id} {explain}" for p, explain in over + within])
    if unmeasured:
        parts.append(say("budget.unmeasured", ids=", ".join(say.first(unmeasured))))
    inputs = _with_cancelled(say.join(parts) or say("no_projects"), cancelled, say)
    total = len(over) + len(within)
    if total == 0:
        return say.missing(key, "%", inputs)
    percent = _round(len(within) / total * 100, 0)
    display = say.plural("budget.display", total, within=len(within), percent=say.percent(percent, 0))
    sources = tuple(p for p, _ in over + within)
    return Kpi(key, say.label(key), percent, "%", display, inputs, _rate_share(percent), sources)


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


def _with_unit(value: float, unit: str | None, say: _Say) -> str:
    return f"{say.number(value)} {unit}" if unit else say.number(value)


def _benefit_inputs(benefit: Nested, percent: float, say: _Say) -> str:
    item = benefit.item
    unit = getattr(item, "unit", None)
    baseline = getattr(item, "baseline", None)
    base = _with_unit(baseline, unit, say) if baseline is not None else say("benefits.no_baseline")
    return say("benefits.item", id=benefit.ref_id, percent=say.percent(percent), actual=_with_unit(item.actual, unit, say),  # type: ignore[attr-defined]
               baseline=base, target=_with_unit(item.target, unit, say))  # type: ignore[attr-defined]


def _benefit_why(benefit: Nested, say: _Say) -> str:
    item = benefit.item
    if getattr(item, "target", None) is None:
        return say("benefits.no_target")
    if getattr(item, "actual", None) is None:
        return say("benefits.no_actual")
    if item.target == (getattr(item, "baseline", None) or 0.0):  # type: ignore[attr-defined]
        return say("benefits.target_is_baseline")
    return say("benefits.out_of_range")


def _benefits_kpi(benefits: Sequence[Nested], none: str, say: _Say) -> Kpi:
    """``none``: the key of what ``inputs`` says without benefits."""
    key = "benefits_realization"
    measured = [(b, p) for b in benefits if (p := benefit_realization(b)) is not None]
    unmeasured = [b for b in benefits if benefit_realization(b) is None]
    at_risk = [b for b in benefits if b.status == "at-risk"]
    parts = say.first([_benefit_inputs(b, p, say) for b, p in measured])
    if unmeasured:
        parts.append(say("benefits.unmeasured", items=", ".join(say.first([f"{b.ref_id} ({_benefit_why(b, say)})" for b in unmeasured]))))
    if at_risk:
        parts.append(say("benefits.at_risk", ids=", ".join(say.first([b.ref_id for b in at_risk]))))
    inputs = say.join(parts) or say(none)
    if not measured:
        return say.missing(key, "%", inputs, tuple(benefits))
    mean = sum(p for _, p in measured) / len(measured)
    if not math.isfinite(mean):  # the sum of huge percentages overflowed: divide first
        mean = sum(p / len(measured) for _, p in measured)
    percent = _round(mean, 1)
    shown = say.percent(percent)
    if len(measured) == 1:
        display = say("benefits.display_one", percent=shown) if not unmeasured else say("benefits.display_one_of", percent=shown, total=len(benefits))
    elif not unmeasured:
        display = say("benefits.display_mean", percent=shown, count=len(measured))
    else:
        display = say("benefits.display_mean_of", percent=shown, count=len(measured), total=len(benefits))
    return Kpi(key, say.label(key), percent, "%", display, inputs, _rate_benefits(percent, bool(at_risk)), tuple(benefits))


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


def _risk_kpi(risks: Sequence[Nested], cancelled: Sequence[Entity], say: _Say) -> Kpi:
    key = "risk_index"
    counted = [r for r in risks if r.status in COUNTED_RISKS]
    weighed = sorted(((w, r) for r in counted if (w := _weight(r)) is not None), key=lambda wr: (-wr[0], wr[1].ref_id))
    skipped = [r for r in counted if _weight(r) is None]
    closed = len(risks) - len(counted)
    parts = say.first([
        f"{r.ref_id} {r.item.probability} × {r.item.impact} × {r.item.impact} / 5 = {say.number(w)}"  # type: ignore[attr-defined]
        for w, r in weighed
    ])
    if skipped:
        parts.append(say.plural("risk.skipped", len(skipped), ids=", ".join(say.first([r.ref_id for r in skipped]))))
    if closed:
        parts.append(say("risk.closed", count=closed))
    value = risk_index(risks)
    inputs = say.join(parts) if weighed or skipped else say("risk.none") + (say("separator") + parts[0] if parts else "")
    inputs = _with_cancelled(inputs, cancelled, say)
    return Kpi(key, say.label(key), value, "points", say.number(value, 1), inputs, _rate_risk(value), tuple(r for _, r in weighed))


def _risks_of(entities: Iterable[Entity]) -> list[Nested]:
    return [r for e in entities for r in e.entries("risks")]


# --------------------------------------------------------------------------- levels


def project_kpis(project: Entity, today: dt.date, currency: str = "EUR", *, locale: Locale = ENGLISH) -> list[Kpi]:
    """The KPIs of one project, in the order of :data:`PROJECT_KEYS`.

    ``currency`` is the plugin's default, for a project without ``budget.currency``;
    ``locale`` the language of labels, ``display`` and ``inputs`` (English by default).
    """
    say = _Say(locale)
    benefits = [b for b in project.rel.contributes_to if isinstance(b, Nested) and b.kind == "benefit"]
    return [
        _schedule_variance(project, say),
        _cost_variance(project, currency, say),
        _milestone_on_time(project, today, say),
        _budget_adherence(project, currency, say),
        _benefits_kpi(benefits, "benefits.none_project", say),
    ]


def _rollup(projects: Sequence[Entity], benefits: Sequence[Nested], risks: Sequence[Nested], today: dt.date, currency: str, none: str, say: _Say) -> list[Kpi]:
    return [
        _schedule_rollup(projects, say),
        _cost_rollup(projects, currency, say),
        _milestone_rollup(projects, today, say),
        _budget_rollup(projects, currency, say),
        _benefits_kpi(benefits, none, say),
        _risk_kpi(risks, _active(projects)[1], say),
    ]


def program_kpis(program: Entity, today: dt.date, currency: str = "EUR", *, locale: Locale = ENGLISH) -> list[Kpi]:
    """The KPIs of a program, in the order of :data:`ROLLUP_KEYS`: its projects
    rolled up (cancelled ones left out), the realization of its own benefits,
    and the risk index of its own risks and those of its projects (in ``locale``)."""
    kept, _ = _active(program.projects)
    return _rollup(program.projects, program.entries("benefits"), _risks_of([program, *kept]), today, currency, "benefits.none_program", _Say(locale))


def portfolio_kpis(
    registry: Registry, today: dt.date, currency: str = "EUR", programs: list[Entity] | None = None, *, locale: Locale = ENGLISH,
) -> list[Kpi]:
    """The KPIs of a portfolio, in the order of :data:`ROLLUP_KEYS` (in ``locale``).

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
    return _rollup(projects, _benefits_of(others), _risks_of([*others, *kept]), today, currency, "benefits.none_portfolio", _Say(locale))


# --------------------------------------------------------------------------- earned value

EV_KEYS = ("spi", "cpi", "cv", "sv", "eac", "etc", "vac")
"""The earned-value figures of a project, a program or a portfolio, in display order
(labels: ``kpi.KEY`` in :mod:`..i18n`). PMI's sign convention: a negative variance is bad."""


@dataclass(frozen=True)
class EarnedValue:
    """The inputs of the earned-value figures of one project, or their sums over a roll-up.

    ``bac``: budget at completion (``baseline.budget``, else ``budget.planned``);
    ``ev``: earned value (``bac`` × progress / 100; a ``completed`` project has earned all of it);
    ``pv``: planned value (``bac`` × the fraction of the schedule elapsed at today);
    ``ac``: actual cost (``budget.actual``). Each is None when its inputs are missing.
    """

    currency: str
    bac: float | None = None
    ev: float | None = None
    pv: float | None = None
    ac: float | None = None
    bac_text: str = ""
    ev_text: str = ""
    pv_text: str = ""
    ac_text: str = ""
    projects: tuple = ()
    """The projects summed (one for a project's own figures)."""

    @property
    def spi(self) -> float | None:
        """Schedule performance index EV / PV (None without both, or when PV is 0)."""
        return _ratio(self.ev, self.pv)

    @property
    def cpi(self) -> float | None:
        """Cost performance index EV / AC (None without both, or when AC is 0)."""
        return _ratio(self.ev, self.ac)

    @property
    def cv(self) -> float | None:
        """Cost variance EV - AC (negative: over cost)."""
        return _difference(self.ev, self.ac)

    @property
    def sv(self) -> float | None:
        """Schedule variance EV - PV, in money (negative: behind schedule)."""
        return _difference(self.ev, self.pv)

    @property
    def eac(self) -> float | None:
        """Estimate at completion BAC / CPI (= BAC × AC / EV; None when nothing is earned)."""
        if self.bac is None or self.ac is None or not self.ev:
            return None
        value = self.bac * self.ac / self.ev
        return value if math.isfinite(value) else None

    @property
    def etc(self) -> float | None:
        """Estimate to complete EAC - AC."""
        return _difference(self.eac, self.ac)

    @property
    def vac(self) -> float | None:
        """Variance at completion BAC - EAC (negative: the budget will be overrun)."""
        return _difference(self.bac, self.eac)

    def figures(self) -> dict[str, float | None]:
        """``bac, ev, pv, ac`` and every key of :data:`EV_KEYS`, rounded as shown (ratios to
        two decimals, money to the cent); None where undefined."""
        out: dict[str, float | None] = {}
        for name in ("bac", "ev", "pv", "ac", *EV_KEYS):
            value = getattr(self, name)
            out[name] = None if value is None or not math.isfinite(value) else _round(value, 2)
        return out


def _ratio(top: float | None, bottom: float | None) -> float | None:
    if top is None or not bottom:
        return None
    value = top / bottom
    return value if math.isfinite(value) else None


def _difference(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    value = a - b
    return value if math.isfinite(value) else None


def _elapsed(start: dt.date, end: dt.date, today: dt.date) -> float:
    """The fraction of ``start``..``end`` elapsed at ``today``: (today - start) / (end - start), within 0..1."""
    if today <= start:
        return 0.0
    if today >= end:
        return 1.0
    return (today - start).days / (end - start).days


def _schedule_pair(project: Entity) -> tuple[dt.date | None, dt.date | None, str]:
    """(start, end, which): the baseline's dates, each falling back to the planned one."""
    start = _baseline(project, "start") or getattr(project.model, "start", None)
    end = _baseline(project, "end") or getattr(project.model, "end", None)
    which = "baseline" if _baseline(project, "start") is not None and _baseline(project, "end") is not None else "planned"
    return start, end, which  # type: ignore[return-value]


def earned_value(project: Entity, today: dt.date, currency: str = "EUR", *, locale: Locale = ENGLISH) -> EarnedValue:
    """BAC, EV, PV and AC of one project on ``today``, each with its inputs in words (in ``locale``)."""
    say = _Say(locale)
    own = _currency(project, currency)
    baseline, planned, actual = _baseline(project, "budget"), _budget(project, "planned"), _budget(project, "actual")
    bac = baseline if baseline is not None else planned
    bac_f = float(bac) if bac is not None else None  # type: ignore[arg-type]
    if bac_f is None:
        bac_text = ev_text = pv_text = say("ev.no_bac")
        ev = pv = None
    else:
        bac_text = say("ev.bac_baseline" if baseline is not None else "ev.bac_planned", bac=say.money(bac_f, own))
        progress = 100.0 if project.status == "completed" else getattr(project.model, "progress", None)
        if progress is None:
            ev, ev_text = None, say("ev.no_progress")
        else:
            ev = bac_f * float(progress) / 100
            completed = project.status == "completed"
            why = say("cost.progress_completed", percent=say.percent(100.0, 0)) if completed else say("cost.progress", percent=say.percent(float(progress), 1))
            ev_text = say("ev.ev", ev=say.money(ev, own), bac=say.money(bac_f, own), progress=why)
        start, end, which = _schedule_pair(project)
        if start is None or end is None:
            pv, pv_text = None, say("ev.no_dates")
        else:
            fraction = _elapsed(start, end, today)
            pv = bac_f * fraction
            pv_text = say(f"ev.pv_{which}", pv=say.money(pv, own), bac=say.money(bac_f, own), elapsed=say.percent(_round(fraction * 100, 1)),
                          start=say.date(start), end=say.date(end), today=say.date(today))
    ac = float(actual) if actual is not None else None
    ac_text = say("ev.ac", ac=say.money(ac, own)) if ac is not None else say("ev.no_ac")
    return EarnedValue(own, bac_f, ev, pv, ac, bac_text, ev_text, pv_text, ac_text, (project,))


def _ev_rating(value: float) -> str:
    """SPI and CPI: ≥ 1 good, ≥ 0.9 warning, below bad."""
    return "good" if value >= 1 else "warning" if value >= 0.9 else "bad"


def _ev_kpis(ev: EarnedValue, inputs: dict[str, str], say: _Say) -> list[Kpi]:
    """The figures of :data:`EV_KEYS` from ``ev``; ``inputs``: the words of each key."""
    figures = ev.figures()
    spi, cpi = figures["spi"], figures["cpi"]
    out = []
    for key in EV_KEYS:
        value = figures[key]
        if value is None:
            out.append(say.missing(key, "ratio" if key in ("spi", "cpi") else ev.currency, inputs[key], ev.projects))
            continue
        if key in ("spi", "cpi"):
            display, unit, rating = say.number(value, 2), "ratio", _ev_rating(value)
        else:
            unit = ev.currency
            display = say.money(value, ev.currency, signed=key in ("cv", "sv", "vac"))
            ratio = spi if key == "sv" else cpi
            rating = "good" if key in ("cv", "sv") and value >= 0 else _ev_rating(ratio) if ratio is not None else "none"
        out.append(Kpi(key, say.label(key), value, unit, display, inputs[key], rating, ev.projects))
    return out


def _ev_inputs(ev: EarnedValue, say: _Say) -> dict[str, str]:
    cost = say.join([ev.ev_text, ev.ac_text])
    schedule = say.join([ev.ev_text, ev.pv_text])
    completion = say.join([ev.bac_text, ev.ev_text, ev.ac_text])
    return {"spi": schedule, "sv": schedule, "cpi": cost, "cv": cost, "eac": completion, "etc": completion, "vac": completion}


def project_earned_value(project: Entity, today: dt.date, currency: str = "EUR", *, locale: Locale = ENGLISH) -> list[Kpi]:
    """The earned-value figures of one project, in the order of :data:`EV_KEYS` ("—" where undefined)."""
    say = _Say(locale)
    ev = earned_value(project, today, currency, locale=locale)
    return _ev_kpis(ev, _ev_inputs(ev, say), say)


def rollup_earned_value(projects: Iterable[Entity], today: dt.date, currency: str = "EUR", *, locale: Locale = ENGLISH) -> tuple[EarnedValue, list[Kpi]]:
    """The sums of BAC, EV, PV and AC over ``projects`` and the figures taken on the sums.

    A project counts when its BAC, EV, PV and AC are all known and its budget is in
    ``currency``; cancelled projects are left out. The inputs name every project left out, and why.
    """
    say = _Say(locale)
    kept, cancelled = _active(projects)
    summed: list[tuple[Entity, EarnedValue]] = []
    left_out: list[str] = []
    for project in kept:
        ev = earned_value(project, today, currency, locale=locale)
        if ev.currency != currency:
            left_out.append(say("ev.foreign", id=project.id, currency=ev.currency))
        elif None in (ev.bac, ev.ev, ev.pv, ev.ac):
            missing = [name.upper() for name in ("bac", "ev", "pv", "ac") if getattr(ev, name) is None]
            left_out.append(say("ev.incomplete", id=project.id, missing=", ".join(missing)))
        else:
            summed.append((project, ev))
    if not summed:
        total = EarnedValue(currency, projects=())
        parts = [say("no_projects")] if not left_out else []
    else:
        total = EarnedValue(
            currency,
            math.fsum(e.bac for _, e in summed), math.fsum(e.ev for _, e in summed),  # type: ignore[misc]
            math.fsum(e.pv for _, e in summed), math.fsum(e.ac for _, e in summed),  # type: ignore[misc]
            projects=tuple(p for p, _ in summed),
        )
        parts = [say("ev.sum", bac=say.money(total.bac, currency), ev=say.money(total.ev, currency), pv=say.money(total.pv, currency),  # type: ignore[arg-type]
                     ac=say.money(total.ac, currency), ids=", ".join(say.first([p.id for p, _ in summed])))]  # type: ignore[arg-type]
    if left_out:
        parts.append(say("ev.left_out", items=say.join(say.first(left_out))))
    inputs = _with_cancelled(say.join(parts), cancelled, say)
    return total, _ev_kpis(total, dict.fromkeys(EV_KEYS, inputs), say)


def program_earned_value(program: Entity, today: dt.date, currency: str = "EUR", *, locale: Locale = ENGLISH) -> list[Kpi]:
    """The earned-value figures of a program: its projects rolled up (:func:`rollup_earned_value`)."""
    return rollup_earned_value(program.projects, today, currency, locale=locale)[1]


def portfolio_earned_value(
    registry: Registry, today: dt.date, currency: str = "EUR", programs: list[Entity] | None = None, *, locale: Locale = ENGLISH,
) -> list[Kpi]:
    """The earned-value figures of a portfolio: every project of the site (without ``programs``)
    or the projects of ``programs``, rolled up."""
    projects = registry.of_kind("project") if programs is None else [p for program in programs for p in program.projects]
    return rollup_earned_value(projects, today, currency, locale=locale)[1]


def entity_earned_value(
    entity: Entity, registry: Registry, today: dt.date, currency: str = "EUR", *, locale: Locale = ENGLISH,
) -> tuple[EarnedValue | None, list[Kpi]]:
    """The earned-value inputs (BAC, EV, PV, AC, or their sums) and figures of a project,
    program or portfolio page; (None, []) for a decision."""
    if entity.kind == "project":
        say = _Say(locale)
        ev = earned_value(entity, today, currency, locale=locale)
        return ev, _ev_kpis(ev, _ev_inputs(ev, say), say)
    if entity.kind == "program":
        return rollup_earned_value(entity.projects, today, currency, locale=locale)
    if entity.kind == "portfolio":
        programs = None if entity.virtual else entity.programs
        projects = registry.of_kind("project") if programs is None else [p for program in programs for p in program.projects]
        return rollup_earned_value(projects, today, currency, locale=locale)
    return None, []
