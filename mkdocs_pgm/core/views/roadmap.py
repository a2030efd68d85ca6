"""Roadmap layout: projects on a time axis, as geometry for an SVG template.

Host-independent and pure: :func:`layout` takes entities and a date and
returns positions in SVG user units. The template (``pgm/roadmap.html``) turns
them into markup; every text goes through Jinja's autoescaping there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..analysis.schedule import Schedule
from ..i18n import ENGLISH, Locale
from ..limits import shift
from ..model.registry import Entity, Nested

WIDTH = 760
LABEL_WIDTH = 190
RIGHT_PAD = 16
TOP = 34  # room for the grid labels
ROW = 26
LANE_HEAD = 24
BAR_HEIGHT = 12
LABEL_CHARS = 28
#: At most about this many ticks on an axis: a plan spanning centuries gets
#: ticks every 2, 5, 10… years rather than one per year.
MAX_TICKS = 40
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)

DONE = {"completed"}


@dataclass
class Marker:
    """A milestone on a bar's row."""

    entry: Nested
    x: float
    y: float
    status: str
    overdue: bool


@dataclass
class Bar:
    """One row: a project (or a collapsed program) from start to end."""

    entity: Entity
    y: float
    x: float
    width: float
    progress_width: float
    health: str
    label: str
    baseline: tuple[float, float] | None = None
    markers: list[Marker] = field(default_factory=list)
    summary: bool = False
    critical: bool = False
    near_critical: bool = False
    """Total float positive and at most ``near_critical_days`` (drawn with a dashed outline)."""
    total_float: int | None = None
    """Total float in days in the roadmap's scope (None: not computed)."""
    count: int = 0
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def mid(self) -> float:
        return self.y + BAR_HEIGHT / 2


@dataclass
class Lane:
    """A swim lane: a program's projects, or the standalone projects."""

    title: str
    entity: Entity | None
    y: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    collapsed: bool = False


@dataclass
class Tick:
    x: float
    label: str
    major: bool


@dataclass
class Arrow:
    """A finish-to-start dependency drawn from the target's end to the dependent's start."""

    path: str
    source: Entity
    target: Entity | Nested
    late: bool


@dataclass
class Roadmap:
    width: int
    height: float
    lanes: list[Lane]
    ticks: list[Tick]
    arrows: list[Arrow]
    today: dt.date
    today_x: float | None
    unscheduled: list[Entity]
    start: dt.date | None
    end: dt.date | None
    unit: str
    near_critical_days: int | None = None
    """When the roadmap shows float: the near-critical threshold (its legend names it)."""
    label_width: int = LABEL_WIDTH

    @property
    def bars(self) -> list[Bar]:
        return [bar for lane in self.lanes for bar in lane.bars]

    @property
    def empty(self) -> bool:
        return not self.bars


def _dated(project: Entity) -> bool:
    return bool(project.model.start and project.model.end)  # type: ignore[attr-defined]


def _dates_of(project: Entity) -> Iterable[dt.date]:
    model = project.model
    yield from (d for d in (model.start, model.end) if d)  # type: ignore[attr-defined]
    if model.baseline:  # type: ignore[attr-defined]
        yield from (d for d in (model.baseline.start, model.baseline.end) if d)  # type: ignore[attr-defined]
    for entry in project.entries("milestones"):
        if entry.item.date:  # type: ignore[attr-defined]
            yield entry.item.date  # type: ignore[attr-defined]


def _month_start(day: dt.date, months: int) -> dt.date:
    if months > 12:  # several years a tick: start at a multiple of the step
        step = months // 12
        return dt.date(max(dt.MINYEAR, day.year // step * step), 1, 1)
    month = ((day.month - 1) // months) * months + 1
    return dt.date(day.year, month, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s; the last day of the calendar past its end."""
    total = day.year * 12 + day.month - 1 + months
    if total // 12 > dt.MAXYEAR:
        return dt.date.max
    return dt.date(total // 12, total % 12 + 1, 1)


def _unit(days: int) -> tuple[str, int]:
    if days <= 300:
        return "month", 1
    if days <= 3 * 366:
        return "quarter", 3
    years = days / 365.25
    step = next((s for s in _YEAR_STEPS if years / s <= MAX_TICKS), _YEAR_STEPS[-1])
    return "year", 12 * step


def truncate(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


Scale = Callable[..., float]


def axis(
    first: dt.date, last: dt.date, today: dt.date, *, left: float = LABEL_WIDTH, right: float = WIDTH - RIGHT_PAD,
    locale: Locale = ENGLISH,
) -> tuple[dt.date, dt.date, str, list[Tick], Scale]:
    """The time axis from ``first`` to ``last``: (start, end, unit, ticks, x).

    Includes today when it is near the plan (a quarter either side), not years
    away; whole months, quarters or years by the span. ``x(day)`` maps a date to
    a horizontal position (``inclusive_end=True``: the end of that day).
    """
    if shift(first, -92) <= today <= shift(last, 92):
        first, last = min(first, today), max(last, today)
    unit, months = _unit((last - first).days)
    start = _month_start(first, months)
    end = _add_months(_month_start(last, months), months)
    span = (end - start).days

    def x(day: dt.date, *, inclusive_end: bool = False) -> float:
        days = (day - start).days + (1 if inclusive_end else 0)
        return round(left + (right - left) * days / span, 2)

    ticks = []
    cursor = start
    while cursor < end:
        if unit in ("month", "quarter"):  # "Jan", "Q1"; with the year at January and at the start
            label = locale.tick(cursor, unit, with_year=cursor.month == 1 or cursor == start)
            major = cursor.month == 1
        else:
            label, major = str(cursor.year), True
        ticks.append(Tick(x(cursor), label, major))
        following = _add_months(cursor, months)
        # Back on the step (a first tick clamped to year 1 is followed by 500, 1000…).
        cursor = following if following == dt.date.max else _month_start(following, months)
    return start, end, unit, ticks, x


def layout(
    lanes: Sequence[tuple[str, Entity | None, Sequence[Entity]]],
    today: dt.date,
    *,
    lane_limit: int = 15,
    show_lane_heads: bool = True,
    critical: Iterable[Entity] = (),
    schedule: Schedule | None = None,
    locale: Locale = ENGLISH,
) -> Roadmap:
    """Lay out ``lanes`` (title, program or None, projects) on one time axis.

    A lane with more than ``lane_limit`` dated projects collapses to one summary
    bar spanning them. Projects without a start or an end are returned as
    ``unscheduled``. ``schedule`` (the CPM of the roadmap's scope, see
    :mod:`..analysis.schedule`) outlines its critical chain (with ``critical``:
    those projects), dashes the near-critical projects and puts each bar's float
    in its tooltip.
    """
    on_path = set(critical)
    if schedule is not None:
        on_path.update(t.node for t in schedule.chain if isinstance(t.node, Entity))
    unscheduled: list[Entity] = []
    dated_lanes: list[tuple[str, Entity | None, list[Entity]]] = []
    for title, program, projects in lanes:
        dated: list[Entity] = []
        for project in projects:
            (dated if _dated(project) else unscheduled).append(project)
        dated.sort(key=lambda p: (p.model.start, p.model.end, p.id))  # type: ignore[attr-defined]
        if dated:
            dated_lanes.append((title, program, dated))
    all_dates = [d for _, _, projects in dated_lanes for p in projects for d in _dates_of(p)]
    if not all_dates:
        return Roadmap(WIDTH, 0, [], [], [], today, None, unscheduled, None, None, "month")

    start, end, unit, ticks, x = axis(min(all_dates), max(all_dates), today, locale=locale)

    out_lanes: list[Lane] = []
    y = TOP
    for title, program, projects in dated_lanes:
        head = LANE_HEAD if show_lane_heads else 0
        lane = Lane(title, program, y, 0)
        row_y = y + head
        if len(projects) > lane_limit and program is not None:
            lane.collapsed = True
            s = min(p.model.start for p in projects)  # type: ignore[attr-defined]
            e = max(p.model.end for p in projects)  # type: ignore[attr-defined]
            done = sum(1 for p in projects if p.status in DONE)
            bar = Bar(program, row_y + (ROW - BAR_HEIGHT) / 2, x(s), max(x(e, inclusive_end=True) - x(s), 2), 0,
                      program.health or "green", truncate(f"{program.title} ({len(projects)} projects)"),
                      summary=True, count=len(projects), start=s, end=e)
            bar.progress_width = round(bar.width * done / len(projects), 2)
            lane.bars.append(bar)
            row_y += ROW
        else:
            for project in projects:
                model = project.model
                bar_y = row_y + (ROW - BAR_HEIGHT) / 2
                x0 = x(model.start)  # type: ignore[attr-defined]
                width = max(x(model.end, inclusive_end=True) - x0, 2)  # type: ignore[attr-defined]
                progress = model.progress if model.progress is not None else (100 if project.status in DONE else 0)  # type: ignore[attr-defined]
                bar = Bar(project, bar_y, x0, width, round(width * progress / 100, 2), project.health or "green",
                          truncate(project.title), start=model.start, end=model.end,  # type: ignore[attr-defined]
                          critical=project in on_path)
                if schedule is not None:
                    times = schedule.times.get(project)
                    if times is not None:
                        bar.total_float = times.float
                        bar.near_critical = not bar.critical and schedule.near_critical(project)
                base = model.baseline  # type: ignore[attr-defined]
                if base and (base.start or base.end):
                    b_start, b_end = base.start or model.start, base.end or model.end  # type: ignore[attr-defined]
                    if (b_start, b_end) != (model.start, model.end) and b_start <= b_end:  # type: ignore[attr-defined]
                        bar.baseline = (x(b_start), max(x(b_end, inclusive_end=True) - x(b_start), 2))
                for entry in project.entries("milestones"):
                    when = entry.item.date  # type: ignore[attr-defined]
                    if when is None:
                        continue
                    status = entry.status or "planned"
                    bar.markers.append(Marker(entry, x(when, inclusive_end=True), bar.mid, status, status == "planned" and when < today))
                lane.bars.append(bar)
                row_y += ROW
        lane.height = row_y - y
        out_lanes.append(lane)
        y = row_y + 6

    height = y + 4
    roadmap = Roadmap(WIDTH, height, out_lanes, ticks, [], today, x(today) if start <= today < end else None,
                      unscheduled, start, end, unit, schedule.near_critical_days if schedule is not None else None)
    roadmap.arrows = _arrows(roadmap)
    return roadmap


def _arrows(roadmap: Roadmap) -> list[Arrow]:
    """Finish-to-start arrows between bars (and milestones) drawn on this roadmap."""
    bars = {bar.entity: bar for bar in roadmap.bars if not bar.summary}
    markers = {marker.entry: marker for bar in bars.values() for marker in bar.markers}
    arrows = []
    for dependent, bar in bars.items():
        for edge in dependent.rel.depends_on:
            if edge.type != "finish-to-start":
                continue
            target = edge.target
            if isinstance(target, Nested):
                marker = markers.get(target)
                if marker is None:
                    continue
                x1, y1 = marker.x, marker.y
                late = target.item.date >= bar.start  # type: ignore[attr-defined]
            else:
                source = bars.get(target)
                if source is None:
                    continue
                x1, y1 = source.x + source.width, source.mid
                late = source.end >= bar.start  # type: ignore[operator]
            x2, y2 = bar.x, bar.mid
            elbow = max(x1, x2 - 8) if not late else x1 + 6
            path = f"M{x1:.1f},{y1:.1f} H{elbow:.1f} V{y2:.1f} H{x2 - 1:.1f}"
            arrows.append(Arrow(path, dependent, target, late))
    return arrows


# --------------------------------------------------------------------------- benefits


@dataclass
class BenefitRow:
    """One benefit on the benefits roadmap: a point at its due date."""

    entry: Nested
    y: float
    x: float
    label: str
    status: str


@dataclass
class BenefitLane:
    program: Entity
    y: float
    height: float
    rows: list[BenefitRow] = field(default_factory=list)


@dataclass
class BenefitsRoadmap:
    width: int
    height: float
    lanes: list[BenefitLane]
    ticks: list[Tick]
    today: dt.date
    today_x: float | None
    undated: list[Nested]
    unit: str
    label_width: int = LABEL_WIDTH

    @property
    def empty(self) -> bool:
        return not self.lanes


def benefits_layout(
    lanes: Sequence[tuple[Entity, Sequence[Nested]]], today: dt.date, *, show_lane_heads: bool = True, locale: Locale = ENGLISH,
) -> BenefitsRoadmap:
    """Benefits by due date: one row per benefit, grouped by program.

    Benefits without ``due`` are returned as ``undated``.
    """
    undated: list[Nested] = []
    dated: list[tuple[Entity, list[Nested]]] = []
    for program, benefits in lanes:
        rows: list[Nested] = []
        for benefit in benefits:
            (rows if benefit.item.due else undated).append(benefit)  # type: ignore[attr-defined]
        rows.sort(key=lambda b: (b.item.due, b.id))  # type: ignore[attr-defined]
        if rows:
            dated.append((program, rows))
    if not dated:
        return BenefitsRoadmap(WIDTH, 0, [], [], today, None, undated, "month")
    dues = [b.item.due for _, rows in dated for b in rows]  # type: ignore[attr-defined]
    start, end, unit, ticks, x = axis(min(dues), max(dues), today, locale=locale)
    out: list[BenefitLane] = []
    y = TOP
    for program, rows in dated:
        lane = BenefitLane(program, y, 0)
        row_y = y + (LANE_HEAD if show_lane_heads else 0)
        for benefit in rows:
            due_x = x(benefit.item.due, inclusive_end=True)  # type: ignore[attr-defined]
            lane.rows.append(BenefitRow(benefit, row_y + ROW / 2, due_x, truncate(benefit.title), benefit.status or "planned"))
            row_y += ROW
        lane.height = row_y - y
        out.append(lane)
        y = row_y + 6
    return BenefitsRoadmap(WIDTH, y + 4, out, ticks, today, x(today) if start <= today < end else None, undated, unit)
