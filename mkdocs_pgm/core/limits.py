"""The valid range of every value the plugin computes with, defined once.

Front matter is validated against these bounds (a value outside them is reported
as ``file:line: field: message`` and left out), so that every computation on a
validated model stays inside the calendar and inside exact float arithmetic.
Computations that add offsets to dates use :func:`shift`, which is total.
"""

from __future__ import annotations

import datetime as dt

#: The earliest and latest date accepted in front matter. Wide enough for any
#: governance record (ADRs from the last century, plans far ahead), narrow
#: enough that any offset a computation adds (a delay, a padding, a year of
#: axis) stays a valid date.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2999, 12, 31)

#: The largest magnitude of an amount (budget, cost, KPI and benefit values):
#: a quadrillion, beyond any budget in any currency, and well inside the range
#: where floats add and format exactly enough.
MAX_AMOUNT = 1e15

#: The largest magnitude of a number of days (a change request's schedule impact).
MAX_DAYS = 36_500

#: Short text (titles, names, owners, units, tags): longer values are cut to this
#: many characters, with a warning, because they are repeated in tables, search
#: entries and diagrams.
MAX_SHORT_TEXT = 300
#: Prose fields (summary, vision, mitigation, notes, scope of a change).
MAX_LONG_TEXT = 5_000
#: Context repeated in every entry of a page (the page's and its program's titles
#: in each search entry): cut to this many characters, so that a page's output
#: grows with its number of entries, not with entries × title length.
MAX_CONTEXT_TEXT = 80

#: How many values one front-matter block may hold: 30,000 risks of six fields
#: are about 210,000; beyond a million the page is not a page.
MAX_FRONT_MATTER_VALUES = 1_000_000
#: How many values YAML aliases may add by repeating an anchored collection:
#: enough for any template reused with ``<<: *defaults``, far below an alias
#: bomb ("billion laughs"), which would otherwise take the memory of the build.
MAX_ALIAS_VALUES = 100_000


def shift(date: dt.date, days: int | float) -> dt.date:
    """``date`` plus ``days``, clamped to the calendar (never raises)."""
    ordinal = date.toordinal() + int(days)
    ordinal = min(max(ordinal, dt.date.min.toordinal()), dt.date.max.toordinal())
    return dt.date.fromordinal(ordinal)
