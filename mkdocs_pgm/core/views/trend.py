"""The trend of a benefit: an inline SVG sparkline of its measurements.

Dates run along x (scaled by days, so uneven gaps show as such), values along y;
the benefit's ``baseline`` and ``target``, when set, are dashed reference lines
and are inside the vertical range, so that the line reads against them. No
JavaScript: the values are in the ``<title>`` (a tooltip, and what screen
readers announce) and in ``aria-label``. Colours are the light values of
:mod:`.palette` as presentation attributes (readable without our stylesheet,
e.g. in Backstage TechDocs); ``pgm.css`` overrides them by class for the dark
scheme. Every value from the front matter is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from ..i18n import ENGLISH, Locale
from . import palette

WIDTH = 120
"""Width of the drawing, in SVG units (CSS pixels)."""
HEIGHT = 32
"""Height of the drawing."""
PAD = 4
"""Margin inside the drawing, so that dots and strokes are not cut."""


def _scale(value: float, low: float, high: float, size: float) -> float:
    """``value`` within ``low``..``high`` as a coordinate on 0..``size`` (the middle when the range is empty)."""
    if high == low:
        return size / 2
    return (value - low) / (high - low) * size


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def trend_title(title: str, points: Sequence[tuple[dt.date, float]], baseline: float | None, target: float | None,
                unit: str | None, locale: Locale = ENGLISH) -> str:
    """The words of a trend: "Higher conversion: 31 Mar 2026 1.9 %; …; baseline 1.8 %; target 2.6 %" (not escaped)."""

    def value(number: float) -> str:
        text = locale.number(number)
        return f"{text} {unit}" if unit else text

    parts = [locale.text("benefit.trend_point", date=locale.date(day), value=value(v)) for day, v in points]
    if baseline is not None:
        parts.append(locale.text("benefit.trend_baseline", value=value(baseline)))
    if target is not None:
        parts.append(locale.text("benefit.trend_target", value=value(target)))
    return locale.text("benefit.trend", title=title, points=locale.text("kpi.separator").join(parts))


def sparkline(title: str, points: Sequence[tuple[dt.date, float]], baseline: float | None = None, target: float | None = None,
              unit: str | None = None, locale: Locale = ENGLISH) -> Markup:
    """An inline SVG of ``points`` ((date, value) in date order) against ``baseline`` and ``target``;
    empty without points."""
    points = [(day, v) for day, v in points if math.isfinite(v)]
    if not points:
        return Markup("")
    values = [v for _, v in points] + [v for v in (baseline, target) if v is not None and math.isfinite(v)]
    low, high = min(values), max(values)
    first, last = points[0][0], points[-1][0]
    span = (last - first).days
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def x(day: dt.date) -> str:
        return _fmt(PAD + _scale((day - first).days, 0, span, inner_w))

    def y(v: float) -> str:
        return _fmt(PAD + inner_h - _scale(v, low, high, inner_h))

    words = escape(trend_title(title, points, baseline, target, unit, locale))
    out = [
        f'<svg class="pgm-trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-label="{words}"><title>{words}</title>'
    ]
    for name, ref, tone in (("baseline", baseline, "muted"), ("target", target, "green")):
        if ref is not None and math.isfinite(ref):
            out.append(
                f'<line class="pgm-trend-{name}" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y(ref)}" y2="{y(ref)}"'
                f' stroke="{palette.colour(tone)}" stroke-width="1" stroke-dasharray="3 2"/>'
            )
    coords = " ".join(f"{x(day)},{y(v)}" for day, v in points)
    if len(points) > 1:
        out.append(f'<polyline class="pgm-trend-line" points="{coords}" fill="none" stroke="{palette.colour("blue")}"'
                   ' stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>')
    day, v = points[-1]
    out.append(f'<circle class="pgm-trend-last" cx="{x(day)}" cy="{y(v)}" r="2.5" fill="{palette.colour("blue")}"/>')
    out.append("</svg>")
    return Markup("".join(out))


def benefit_sparkline(benefit: object, locale: Locale = ENGLISH) -> Markup:
    """The sparkline of a benefit entry (a :class:`~..model.registry.Nested` or its item); empty without measurements."""
    item = getattr(benefit, "item", benefit)
    trend = getattr(item, "trend", None)
    if not trend:
        return Markup("")
    return sparkline(item.title, [(m.date, m.value) for m in trend], getattr(item, "baseline", None), getattr(item, "target", None),  # type: ignore[attr-defined]
                     getattr(item, "unit", None), locale)
