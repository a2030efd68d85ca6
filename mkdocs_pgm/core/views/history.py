"""The portfolio over time, drawn: inline SVG charts of what :mod:`..history.timeline` gives.

* :func:`slip_chart`: a project's planned end at each revision (a step line; the baseline end dashed);
* :func:`slip_sparkline`: the same, tiny, for the card;
* :func:`health_trend`: how many projects were green, amber, red at each month end (stacked bars);
* :func:`variance_trend`: the projects' average schedule variance at each month end (days the
  planned end lies after the baseline end, per project that has both).

The conventions of the roadmap and of the benefit trends (:mod:`.trend`): no JavaScript; a
``viewBox`` so that a drawing scales to its column (a phone); ``role="img"`` with the words in
``aria-label``, ``<title>`` and ``<desc>``, each point or bar with its own ``<title>`` (a tooltip);
the light colours of :mod:`.palette` as presentation attributes, overridden by class in
``pgm.css`` (dark scheme too); neutral text and lines in ``currentColor``. Every value from the
front matter or from git (titles, commit subjects) is escaped. The same data is in the tables
next to the drawings (``pgm/sections/slips.html``, the dashboard's trends).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

from ..history.changes import Source
from ..history.state import State
from ..history.timeline import Slip, Timeline
from ..i18n import ENGLISH, Locale
from . import palette

#: The size of a chart (SVG units, CSS pixels at full size) and its margins: room for the axis labels.
WIDTH = 640
HEIGHT = 200
LEFT = 96
RIGHT = 16
TOP = 14
BOTTOM = 30
#: The size of the labels (SVG units): about 9 px where the drawing is 30em wide (a phone, scrolling).
FONT = 12
#: The card's sparkline (as a benefit's trend).
SPARK_WIDTH = 120
SPARK_HEIGHT = 32
SPARK_PAD = 4
#: Labels of the vertical axis closer than this are dropped (the first one placed wins).
LABEL_GAP = 14
#: Share of a month's band a bar of :func:`health_trend` takes.
BAR_SHARE = 0.6
#: The order bars are stacked in, bottom up.
HEALTHS = ("green", "amber", "red")


def _fmt(number: float) -> str:
    """A coordinate: one decimal at most, no trailing zeros."""
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _scale(value: float, low: float, high: float, size: float) -> float:
    """``value`` within ``low``..``high`` on 0..``size`` (the middle when the range is empty)."""
    if high == low:
        return size / 2
    return (value - low) / (high - low) * size


def signed_days(locale: Locale, value: float) -> str:
    """"+30 days", "0 days", "-2.5 days": days with a sign, one decimal at most (an average need not be whole)."""
    value = round(value, 1)
    number = locale.number(int(value) if float(value).is_integer() else value)
    if value > 0:
        number = "+" + number
    form = "one" if abs(value) in locale.formats.plural_one else "other"
    return locale.text(f"days.{form}", n=number)


def source_words(source: Source, locale: Locale = ENGLISH) -> str:
    """Where a state came from, in words: the commit's short id, or "not committed yet"."""
    if source.kind == "commit" and source.commit:
        return source.short
    return locale.text("history.not_committed") if source.kind == "working-tree" else source.short


def _open(kind: str, width: int, height: int, words: str, desc: str = "") -> str:
    label = escape(words)
    return (
        f'<svg class="pgm-hist pgm-hist--{kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-label="{label}"><title>{label}</title>'
        + (f"<desc>{escape(desc)}</desc>" if desc else "")
    )


def _text(x: float, y: float, text: str, anchor: str = "start", css: str = "pgm-hist-label") -> str:
    return (f'<text class="{css}" x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" fill="currentColor"'
            f' font-size="{FONT}">{escape(text)}</text>')


# ---------------------------------------------------------------------------- a project's end date


def end_points(states: Sequence[tuple[Source, State]]) -> list[tuple[Source, State]]:
    """The states a slip chart marks: the first with an end date, then each one that moved it."""
    found: list[tuple[Source, State]] = []
    for source, state in states:
        if state.end is not None and (not found or found[-1][1].end != state.end):
            found.append((source, state))
    return found


def _point_words(source: Source, state: State, locale: Locale) -> str:
    assert state.end is not None
    return locale.text("history.point", date=locale.date(source.date), source=source_words(source, locale), end=locale.date(state.end))


def slip_chart(title: str, states: Sequence[tuple[Source, State]], locale: Locale = ENGLISH, today: dt.date | None = None) -> Markup:
    """A project's planned end (y) at each of its revisions (x), as a step line up to ``today``;
    its baseline end, when known, dashed. ``states``: :meth:`Timeline.states` (oldest first).
    Empty when the end never moved."""
    points = end_points(states)
    if len(points) < 2:
        return Markup("")
    baseline = points[-1][1].baseline_end
    first = points[0][0].date or dt.date.min
    last = max([p[0].date or first for p in points] + ([today] if today is not None else []))
    ends = [p[1].end for p in points if p[1].end is not None]
    low, high = min(ends + ([baseline] if baseline else [])), max(ends + ([baseline] if baseline else []))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = (last - first).days

    def x(day: dt.date | None) -> float:
        return LEFT + _scale(((day or first) - first).days, 0, span, inner_w)

    def y(day: dt.date) -> float:
        return TOP + inner_h - _scale((day - low).days, 0, (high - low).days, inner_h)

    words = locale.text("history.slip_chart", title=title)
    desc = locale.text("kpi.separator").join(
        [_point_words(s, st, locale) for s, st in points] + ([locale.text("history.baseline", end=locale.date(baseline))] if baseline else [])
    )
    out = [_open("slips", WIDTH, HEIGHT, words, desc)]
    # The axes: the dates of the ends (and the baseline) up the left, the first and last day along the bottom.
    placed: list[float] = []
    for day in sorted(set(ends) | ({baseline} if baseline else set()), reverse=True):
        at = y(day)
        if all(abs(at - other) >= LABEL_GAP for other in placed):
            placed.append(at)
            out.append(f'<line class="pgm-hist-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(at)}" y2="{_fmt(at)}"'
                       ' stroke="currentColor" stroke-opacity="0.12" stroke-width="1"/>')
            out.append(_text(LEFT - 6, at + 4, locale.date(day), "end"))
    out.append(f'<line class="pgm-hist-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + inner_h}" y2="{TOP + inner_h}"'
               ' stroke="currentColor" stroke-opacity="0.35" stroke-width="1"/>')
    out.append(_text(LEFT, HEIGHT - 10, locale.date(first)))
    if last != first:
        out.append(_text(WIDTH - RIGHT, HEIGHT - 10, locale.date(last), "end"))
    if baseline is not None:
        out.append(f'<line class="pgm-hist-baseline" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(y(baseline))}" y2="{_fmt(y(baseline))}"'
                   f' stroke="{palette.colour("muted")}" stroke-width="1.2" stroke-dasharray="5 3">'
                   f'<title>{escape(locale.text("history.baseline", end=locale.date(baseline)))}</title></line>')
    path = [f"M{_fmt(x(points[0][0].date))},{_fmt(y(ends[0]))}"]
    for (source, _), end in zip(points[1:], ends[1:], strict=True):
        path.append(f"H{_fmt(x(source.date))}V{_fmt(y(end))}")
    if last != points[-1][0].date:
        path.append(f"H{_fmt(x(last))}")  # on to today
    out.append(f'<path class="pgm-hist-line" d="{"".join(path)}" fill="none" stroke="{palette.colour("blue")}" stroke-width="2"'
               ' stroke-linejoin="round"/>')
    for (source, state), end in zip(points, ends, strict=True):
        health = state.health if state.health in HEALTHS else "none"
        out.append(
            f'<circle class="pgm-hist-dot pgm-hist-dot--{health}" cx="{_fmt(x(source.date))}" cy="{_fmt(y(end))}" r="4"'
            f' fill="{palette.colour(health if health != "none" else "blue")}" stroke="{palette.colour("bg")}" stroke-width="1.5">'
            f"<title>{escape(_point_words(source, state, locale))}</title></circle>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def slip_sparkline(title: str, states: Sequence[tuple[Source, State]], locale: Locale = ENGLISH, today: dt.date | None = None) -> Markup:
    """The card's tiny drawing of a project's end over its revisions: days after its baseline end
    (after its first planned end without a baseline), a step line; the zero line dashed.
    Empty when the end never moved."""
    points = end_points(states)
    if len(points) < 2:
        return Markup("")
    ends = [p[1].end for p in points if p[1].end is not None]
    reference = points[-1][1].baseline_end or ends[0]
    values = [(end - reference).days for end in ends]
    first = points[0][0].date or dt.date.min
    last = max([p[0].date or first for p in points] + ([today] if today is not None else []))
    low, high = min([0, *values]), max([0, *values])
    inner_w, inner_h = SPARK_WIDTH - 2 * SPARK_PAD, SPARK_HEIGHT - 2 * SPARK_PAD

    def x(day: dt.date | None) -> str:
        return _fmt(SPARK_PAD + _scale(((day or first) - first).days, 0, (last - first).days, inner_w))

    def y(value: int) -> str:
        return _fmt(SPARK_PAD + inner_h - _scale(value, low, high, inner_h))

    words = locale.text("history.sparkline", title=title, first=locale.date(ends[0]), last=locale.date(ends[-1]),
                        days=signed_days(locale, (ends[-1] - ends[0]).days), count=len(points) - 1)
    label = escape(words)
    out = [
        f'<svg class="pgm-hist-spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}"'
        f' width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" role="img" aria-label="{label}"><title>{label}</title>',
        f'<line class="pgm-hist-baseline" x1="{SPARK_PAD}" x2="{SPARK_WIDTH - SPARK_PAD}" y1="{y(0)}" y2="{y(0)}"'
        f' stroke="{palette.colour("muted")}" stroke-width="1" stroke-dasharray="3 2"/>',
    ]
    path = [f"M{x(points[0][0].date)},{y(values[0])}"]
    for (source, _), value in zip(points[1:], values[1:], strict=True):
        path.append(f"H{x(source.date)}V{y(value)}")
    if last != points[-1][0].date:
        path.append(f"H{x(last)}")
    tone = "red" if values[-1] > 0 else ("green" if values[-1] < 0 else "blue")
    out.append(f'<path class="pgm-hist-spark-line pgm-hist-spark-line--{tone}" d="{"".join(path)}" fill="none"'
               f' stroke="{palette.colour(tone)}" stroke-width="1.5" stroke-linejoin="round"/>')
    out.append(f'<circle class="pgm-hist-spark-last pgm-hist-spark-last--{tone}" cx="{x(last)}" cy="{y(values[-1])}" r="2.5"'
               f' fill="{palette.colour(tone)}"/>')
    out.append("</svg>")
    return Markup("".join(out))


# ---------------------------------------------------------------------------- the portfolio by month


def _month(day: dt.date, locale: Locale) -> str:
    return f"{locale.month(day.month)} {day.year}"


def _month_axis(days: Sequence[dt.date], left: float, band: float, locale: Locale) -> list[str]:
    """Each month's name under its band; its year under it for the first and for January."""
    out = []
    for i, day in enumerate(days):
        out.append(_text(left + band * (i + 0.5), HEIGHT - 15, locale.month(day.month), "middle"))
        if i == 0 or day.month == 1:
            out.append(_text(left + band * (i + 0.5), HEIGHT - 2, str(day.year), "middle"))
    return out


def health_trend(rows: Sequence[tuple[dt.date, dict[str, int]]], locale: Locale = ENGLISH) -> Markup:
    """Stacked bars: at each month end (``Timeline.health_by_month``), the projects green (bottom),
    amber and red; the months before the first that counts one are left out (the portfolio's
    history starts there). Empty when no month counts any project."""
    totals = [sum(counts.get(h, 0) for h in HEALTHS) for _, counts in rows]
    start = next((i for i, total in enumerate(totals) if total), len(rows))
    rows, totals = rows[start:], totals[start:]
    if not rows or not any(totals):
        return Markup("")
    left = 40
    inner_w, inner_h = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM
    band = inner_w / len(rows)
    bar = band * BAR_SHARE
    top = max(totals)
    base = TOP + inner_h

    def month_words(day: dt.date, counts: dict[str, int]) -> str:
        return locale.text("history.health_month", month=_month(day, locale),
                           green=counts.get("green", 0), amber=counts.get("amber", 0), red=counts.get("red", 0))

    words = locale.text("history.health_trend")
    desc = locale.text("kpi.separator").join(month_words(day, counts) for day, counts in rows)
    out = [_open("health", WIDTH, HEIGHT, words, desc)]
    out.append(f'<line class="pgm-hist-grid" x1="{left}" x2="{WIDTH - RIGHT}" y1="{TOP}" y2="{TOP}"'
               ' stroke="currentColor" stroke-opacity="0.12" stroke-width="1"/>')
    out.append(_text(left - 6, TOP + 4, locale.number(top), "end"))
    out.append(_text(left - 6, base + 4, locale.number(0), "end"))
    out.append(f'<line class="pgm-hist-axis" x1="{left}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}"'
               ' stroke="currentColor" stroke-opacity="0.35" stroke-width="1"/>')
    for i, (day, counts) in enumerate(rows):
        x = left + band * i + (band - bar) / 2
        y = float(base)
        rects = []
        for health in HEALTHS:
            count = counts.get(health, 0)
            if count <= 0:
                continue
            height = count / top * inner_h
            y -= height
            rects.append(f'<rect class="pgm-hist-bar pgm-hist-bar--{health}" x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar)}"'
                         f' height="{_fmt(height)}" fill="{palette.colour(health)}"/>')
        out.append(f'<g class="pgm-hist-month" data-month="{day.isoformat()}"><title>{escape(month_words(day, counts))}</title>'
                   # an invisible cover of the whole band, so that its tooltip shows over an empty month too
                   f'<rect class="pgm-hist-hit" x="{_fmt(left + band * i)}" y="{TOP}" width="{_fmt(band)}" height="{inner_h}" fill="transparent"/>'
                   + "".join(rects) + "</g>")
    out.extend(_month_axis([day for day, _ in rows], left, band, locale))
    out.append("</svg>")
    return Markup("".join(out))


def average_variance(total: int, count: int) -> float | None:
    """The average schedule variance of ``count`` projects whose variances add up to ``total`` days (None: none)."""
    return total / count if count else None


def variance_trend(rows: Sequence[tuple[dt.date, int, int]], locale: Locale = ENGLISH) -> Markup:
    """A line: at each month end (``Timeline.variance_by_month``), the average days the projects'
    planned end lay after their baseline end (those that have both; negative: ahead). A month
    without any such project is a gap; those before the first that has one are left out. Empty when no month has one."""
    rows = rows[next((i for i, row in enumerate(rows) if row[2]), len(rows)):]
    averages = [average_variance(total, count) for _, total, count in rows]
    known = [a for a in averages if a is not None]
    if not known:
        return Markup("")
    low, high = min(0.0, *known), max(0.0, *known)
    if low == high:
        high = low + 1
    left = LEFT
    inner_w, inner_h = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM
    band = inner_w / len(rows)

    def y(value: float) -> float:
        return TOP + inner_h - _scale(value, low, high, inner_h)

    def month_words(day: dt.date, total: int, count: int) -> str:
        average = average_variance(total, count)
        if average is None:
            return locale.text("history.variance_none", month=_month(day, locale))
        return locale.text("history.variance_month", month=_month(day, locale), average=signed_days(locale, average),
                           count=count, total=signed_days(locale, total))

    words = locale.text("history.variance_trend")
    desc = locale.text("kpi.separator").join(month_words(*row) for row in rows)
    out = [_open("variance", WIDTH, HEIGHT, words, desc)]
    placed: list[float] = []
    for value in sorted({high, 0.0, low}, key=lambda v: (v != 0, -v)):  # zero's label first: it wins a tie
        css = "pgm-hist-zero" if value == 0 else "pgm-hist-grid"
        dash = ' stroke-dasharray="5 3"' if value == 0 else ""
        opacity = "0.45" if value == 0 else "0.12"
        out.append(f'<line class="{css}" x1="{left}" x2="{WIDTH - RIGHT}" y1="{_fmt(y(value))}" y2="{_fmt(y(value))}"'
                   f' stroke="currentColor" stroke-opacity="{opacity}" stroke-width="1"{dash}/>')
        if all(abs(y(value) - other) >= LABEL_GAP for other in placed):
            placed.append(y(value))
            out.append(_text(left - 6, y(value) + 4, signed_days(locale, value), "end"))
    path: list[str] = []
    drawing = False
    for i, average in enumerate(averages):
        if average is None:
            drawing = False
            continue
        path.append(("L" if drawing else "M") + f"{_fmt(left + band * (i + 0.5))},{_fmt(y(average))}")
        drawing = True
    out.append(f'<path class="pgm-hist-line" d="{"".join(path)}" fill="none" stroke="{palette.colour("blue")}" stroke-width="2"'
               ' stroke-linejoin="round"/>')
    for i, ((day, total, count), average) in enumerate(zip(rows, averages, strict=True)):
        if average is None:
            continue
        tone = "late" if average > 0 else ("early" if average < 0 else "on-time")
        colour = palette.colour({"late": "red", "early": "green"}.get(tone, "blue"))
        out.append(
            f'<circle class="pgm-hist-dot pgm-hist-dot--{tone}" data-month="{day.isoformat()}" cx="{_fmt(left + band * (i + 0.5))}"'
            f' cy="{_fmt(y(average))}" r="4" fill="{colour}" stroke="{palette.colour("bg")}" stroke-width="1.5">'
            f"<title>{escape(month_words(day, total, count))}</title></circle>"
        )
    out.extend(_month_axis([day for day, _, _ in rows], left, band, locale))
    out.append("</svg>")
    return Markup("".join(out))


# ---------------------------------------------------------------------------- for the templates


def template_globals(timeline: Timeline | None, locale: Locale = ENGLISH) -> dict[str, Callable[..., Any] | int]:
    """What the templates call (``renderer.timeline`` None: each gives nothing):

    * ``slips_of(entity)``: its :class:`Slip` list, oldest first;
    * ``slip_chart(entity)``, ``slip_sparkline(entity)``: its drawings;
    * ``health_trend()``, ``variance_trend()``: the portfolio's over the last 12 months, with
      ``trend_rows()``: (month end, health counts, total variance days, projects counted) for their table,
      ``average_days(total, count)``: "+12.5 days";
    * ``history_commits``: how many commits were read (0: no history).
    """

    def slips_of(entity: Any) -> list[Slip]:
        return timeline.slips(entity.src_uri) if timeline is not None else []

    def chart(entity: Any) -> Markup:
        if timeline is None:
            return Markup("")
        return slip_chart(entity.title, timeline.states(entity.src_uri), locale, timeline.today)

    def sparkline(entity: Any) -> Markup:
        if timeline is None or entity.kind != "project":
            return Markup("")
        return slip_sparkline(entity.title, timeline.states(entity.src_uri), locale, timeline.today)

    cache: dict[str, Any] = {}

    def by_month() -> tuple[list[tuple[dt.date, dict[str, int]]], list[tuple[dt.date, int, int]]]:
        if "rows" not in cache:
            assert timeline is not None
            cache["rows"] = (timeline.health_by_month(12), timeline.variance_by_month(12))
        return cache["rows"]

    def health() -> Markup:
        return health_trend(by_month()[0], locale) if timeline is not None else Markup("")

    def variance() -> Markup:
        return variance_trend(by_month()[1], locale) if timeline is not None else Markup("")

    def trend_rows() -> list[tuple[dt.date, dict[str, int], int, int]]:
        if timeline is None:
            return []
        healths, variances = by_month()
        rows = [(day, counts, total, count) for (day, counts), (_, total, count) in zip(healths, variances, strict=True)]
        start = next((i for i, row in enumerate(rows) if any(row[1].values()) or row[3]), len(rows))
        return rows[start:]  # from the first month with a project

    return {
        "slips_of": slips_of, "slip_chart": chart, "slip_sparkline": sparkline,
        "health_trend": health, "variance_trend": variance, "trend_rows": trend_rows,
        "average_days": lambda total, count: signed_days(locale, total / count) if count else "",
        "history_commits": timeline.history.commits if timeline is not None else 0,
    }
