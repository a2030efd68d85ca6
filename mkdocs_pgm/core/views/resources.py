"""People views: the allocation heat map, a program's people, the power/interest map.

Host-independent and pure: the functions here turn :mod:`..analysis.resources` and the
stakeholders of a page into geometry (SVG user units) and rows; the templates
(``pgm/resources.html``, ``pgm/sections/people.html``, ``pgm/sections/stakeholders.html``)
turn them into markup, every text escaped by Jinja's autoescaping. Same conventions as
the roadmap: a ``viewBox`` and ``width="100%"``, a ``<title>`` and ``<desc>``, text
labels, a legend, the light colours of :mod:`.palette` as presentation attributes that
``pgm.css`` overrides (dark scheme), no JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ..analysis.resources import Allocation, Assignment, MonthLoad, Person, month_text, runs
from ..i18n import ENGLISH, Locale
from ..model.registry import Entity
from ..model.rules import stakeholder_quadrant
from . import palette
from .roadmap import truncate

# ------------------------------------------------------------------ heat map

WIDTH = 760
LABEL_WIDTH = 170
RIGHT_PAD = 8
TOP = 34
ROW = 24
MIN_CELL = 30
LABEL_CHARS = 26

#: Load bands of the heat map (upper bound in percent, inclusive) and their tone in
#: :data:`.palette.BAND`: the one table the drawing, its legend and pgm.css follow.
LOAD_BANDS: Mapping[str, int] = MappingProxyType({"low": 80, "medium": 100, "high": 10**9})


def load_band(load: int) -> str | None:
    """The band of a monthly load (None for 0 %: an empty cell)."""
    if load <= 0:
        return None
    return next(band for band, limit in LOAD_BANDS.items() if load <= limit)


@dataclass
class Cell:
    x: float
    y: float
    width: float
    month: MonthLoad
    band: str | None
    fill: str

    @property
    def mid(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def over(self) -> bool:
        return self.month.over


@dataclass
class HeatRow:
    person: Person
    y: float
    label: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Column:
    x: float
    width: float
    month: str
    """The month's short name (``Mar``)."""
    year: str
    """The year, on the first column and on every January; empty otherwise."""
    iso: str

    @property
    def mid(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass
class HeatMap:
    width: float
    height: float
    rows: list[HeatRow]
    columns: list[Column]
    table: list[TableRow]
    uncounted: list[Assignment]
    label_width: int = LABEL_WIDTH
    row_height: int = ROW

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass
class TableRow:
    """One line of the table: a person's consecutive months with the same load and pages."""

    person: Person
    first: str
    last: str
    load: int
    over: bool
    assignments: list[Assignment]


def heat_map(allocation: Allocation, locale: Locale = ENGLISH) -> HeatMap:
    """The heat map of ``allocation``: rows of people, columns of months, cells of loads."""
    months = allocation.months
    people = [p for p in allocation.people if p.loads]
    uncounted = [a for p in allocation.people for a in p.assignments if not a.counted]
    table = [
        TableRow(p, run[0].text, run[-1].text, run[0].load, run[0].over, _unique(run[0].assignments))
        for p in people for run in runs(m for m in p.loads if m.load > 0)
    ]
    if not people or not months:
        return HeatMap(WIDTH, 0, [], [], table, uncounted)
    cell = round(max(MIN_CELL, (WIDTH - LABEL_WIDTH - RIGHT_PAD) / len(months)), 2)
    width = LABEL_WIDTH + cell * len(months) + RIGHT_PAD
    columns = [
        Column(round(LABEL_WIDTH + i * cell, 2), cell, locale.month(m), str(y) if i == 0 or m == 1 else "", month_text((y, m)))
        for i, (y, m) in enumerate(months)
    ]
    index = {m: i for i, m in enumerate(months)}
    rows = []
    for n, person in enumerate(people):
        y = TOP + n * ROW
        row = HeatRow(person, y, truncate(person.name, LABEL_CHARS))
        for load in person.loads:
            band = load_band(load.load)
            row.cells.append(Cell(round(LABEL_WIDTH + index[load.month] * cell, 2), y, cell, load, band,
                                  palette.mix(palette.BAND[band], 30) if band else "none"))
        rows.append(row)
    return HeatMap(round(width, 2), TOP + len(people) * ROW + 4, rows, columns, table, uncounted)


def _unique(assignments: list[Assignment]) -> list[Assignment]:
    return list({(id(a.page), a.index): a for a in assignments}.values())


# ------------------------------------------------------------------ a program's people


@dataclass
class PersonRow:
    """A person of a program: their assignments on it, and whether they are over-allocated anywhere."""

    person: Person
    assignments: list[Assignment]
    over: list[MonthLoad]


def program_people(program: Entity, allocation: Allocation) -> list[PersonRow]:
    """The people of ``program``'s own team and of its projects' teams, by name."""
    pages = {id(program), *(id(p) for p in program.projects)}
    rows = []
    for person in allocation.people:
        mine = [a for a in person.assignments if id(a.page) in pages]
        if mine:
            mine.sort(key=lambda a: (a.page is not program, a.page.title.casefold(), a.index))
            rows.append(PersonRow(person, mine, person.over))
    return rows


# ------------------------------------------------------------------ power/interest map

MAP_WIDTH = 460
MAP_HEIGHT = 360
MAP_LEFT = 34
MAP_TOP = 10
MAP_RIGHT = 10
MAP_BOTTOM = 34
NAME_CHARS = 16
NAME_LINE = 12


@dataclass
class Placed:
    name: str
    label: str
    role: str | None
    influence: int
    interest: int
    x: float
    y: float


@dataclass
class Quadrant:
    key: str
    x: float
    y: float
    width: float
    height: float
    tone: str


@dataclass
class PowerMap:
    width: int
    height: int
    left: float
    top: float
    plot_width: float
    plot_height: float
    quadrants: list[Quadrant]
    placed: list[Placed]
    more: list[tuple[float, float, int, list[str]]]
    """Cells with more names than fit: (x, y, how many more, their names)."""
    unplaced: list[str]

    @property
    def empty(self) -> bool:
        return not self.placed and not self.more


#: The tone of each quadrant's background (a light tint; pgm.css has the dark one).
QUADRANT_TONES: Mapping[str, str] = MappingProxyType({"manage": "red", "satisfy": "amber", "inform": "blue", "monitor": "grey"})


def power_map(stakeholders: Sequence[object]) -> PowerMap | None:
    """Where each stakeholder with both ``influence`` and ``interest`` goes (None: nobody has both).

    Interest runs left to right, influence bottom to top, 1 to 5 each, one cell per
    value; names in one cell are stacked, the ones that do not fit are counted.
    """
    scored = [s for s in stakeholders if getattr(s, "influence", None) is not None and getattr(s, "interest", None) is not None]
    if not scored:
        return None
    plot_w = MAP_WIDTH - MAP_LEFT - MAP_RIGHT
    plot_h = MAP_HEIGHT - MAP_TOP - MAP_BOTTOM
    step_x, step_y = plot_w / 5, plot_h / 5
    quadrants = []
    for key, (high_interest, high_influence) in {"satisfy": (False, True), "manage": (True, True), "monitor": (False, False),
                                                 "inform": (True, False)}.items():
        x = MAP_LEFT + (3 * step_x if high_interest else 0)
        y = MAP_TOP + (0 if high_influence else 2 * step_y)
        quadrants.append(Quadrant(key, x, y, 2 * step_x if high_interest else 3 * step_x, 2 * step_y if high_influence else 3 * step_y,
                                  QUADRANT_TONES[key]))
    cells: dict[tuple[int, int], list[object]] = {}
    for s in scored:
        cells.setdefault((s.interest, s.influence), []).append(s)  # type: ignore[attr-defined]
    fits = max(1, int((step_y - 6) // NAME_LINE))
    placed, more = [], []
    for (interest, influence), group in sorted(cells.items()):
        x = round(MAP_LEFT + (interest - 1) * step_x + 10, 2)
        shown = group if len(group) <= fits else group[: fits - 1]
        lines = len(shown) + (len(shown) < len(group))
        # The stack is centred on the cell's middle (the value's tick).
        top = round(MAP_TOP + (5.5 - influence) * step_y - lines * NAME_LINE / 2, 2)
        for n, s in enumerate(shown):
            name = s.name  # type: ignore[attr-defined]
            placed.append(Placed(name, truncate(name, NAME_CHARS), s.role, influence, interest, x, top + (n + 1) * NAME_LINE - 3))  # type: ignore[attr-defined]
        if len(shown) < len(group):
            rest = [s.name for s in group[len(shown):]]  # type: ignore[attr-defined]
            more.append((x, top + (len(shown) + 1) * NAME_LINE - 3, len(rest), rest))
    unplaced = [s if isinstance(s, str) else s.name for s in stakeholders if s not in scored]  # type: ignore[attr-defined]
    return PowerMap(MAP_WIDTH, MAP_HEIGHT, MAP_LEFT, MAP_TOP, plot_w, plot_h, quadrants, placed, more, unplaced)


def quadrant_of(influence: int, interest: int) -> str:
    """The quadrant key of a stakeholder (see :func:`..model.rules.stakeholder_quadrant`)."""
    return stakeholder_quadrant(influence, interest)
