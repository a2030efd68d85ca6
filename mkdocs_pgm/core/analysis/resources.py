"""People and capacity: who works where, and how loaded each person is month by month.

Projects and programs list their ``team`` (``{name, role, allocation, from, to}``). The
rules, defined here once (the docs and the resources page repeat them):

* **One person, one name.** Names are compared case-insensitively with runs of white
  space made one space (``Lena  PARK`` is ``Lena Park``); the first spelling met, in
  page order, is the one displayed.
* **Dates.** An assignment runs from its ``from`` to its ``to``, both included. A missing
  ``from`` is the project's ``start`` (on a program: the earliest start of its projects),
  a missing ``to`` the project's ``end`` (on a program: the latest end of its projects).
  An assignment whose dates are still unknown, or without ``allocation``, is listed but
  counts in no month.
* **Monthly load.** A person's load in a calendar month is the sum, over their
  assignments, of ``allocation × (days of the assignment in that month / days in the
  month)``, calendar days, rounded once at the end to a whole percent (halves up). A 60 %
  assignment from 16 April to 30 June counts 30 % in April (15 of 30 days), 60 % in May
  and June.
* **Over-allocation.** A month whose rounded load is above 100 % is over-allocated: the
  ``over-allocation`` finding names the person, those months and every page whose
  assignment falls in them.

Pure and host-independent; linear in the number of assignment-months.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from ..model.registry import Entity, Registry

#: Above this rounded monthly load (percent), a person is over-allocated.
CAPACITY = 100


def person_key(name: str) -> str:
    """The key that makes two spellings of a name one person: case-folded, white space collapsed."""
    return " ".join(name.split()).casefold()


Month = tuple[int, int]
"""A calendar month as ``(year, month)``."""


def month_text(month: Month) -> str:
    """``2026-03``."""
    return f"{month[0]:04d}-{month[1]:02d}"


@dataclass(frozen=True)
class Assignment:
    """One ``team`` entry of a page, with its dates resolved."""

    page: Entity
    index: int
    """Position in the page's ``team`` list."""
    name: str
    """As written on this page."""
    role: str | None
    allocation: float | None
    start: dt.date | None
    end: dt.date | None

    @property
    def line(self) -> int | None:
        return self.page.line("team", self.index)

    @property
    def field(self) -> str:
        """``team[1]`` as written in the file."""
        return self.page.field("team", self.index)

    @property
    def counted(self) -> bool:
        """Whether it adds to the person's load (an allocation and both dates)."""
        return self.allocation is not None and self.start is not None and self.end is not None

    def share(self, month: Month) -> Fraction:
        """Its exact contribution, in percent, to the load of ``month`` (0 outside its dates)."""
        if not self.counted:
            return Fraction(0)
        assert self.start is not None and self.end is not None and self.allocation is not None
        length = calendar.monthrange(*month)[1]
        first, last = dt.date(*month, 1), dt.date(*month, length)
        days = (min(last, self.end) - max(first, self.start)).days + 1
        if days <= 0:
            return Fraction(0)
        return Fraction(self.allocation) * days / length

    def months(self) -> Iterator[Month]:
        """The calendar months it touches (none when not counted)."""
        if not self.counted:
            return
        assert self.start is not None and self.end is not None
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            yield year, month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass
class MonthLoad:
    """A person's load in one month."""

    month: Month
    exact: Fraction
    assignments: list[Assignment]
    """The assignments that count in this month, in page order."""

    @property
    def load(self) -> int:
        """The load in whole percent, halves rounded up."""
        return math.floor(self.exact + Fraction(1, 2))

    @property
    def over(self) -> bool:
        return self.load > CAPACITY

    @property
    def text(self) -> str:
        return month_text(self.month)

    @property
    def pages(self) -> list[Entity]:
        """The pages of its assignments, each once, in page order."""
        return list(dict.fromkeys(a.page for a in self.assignments))


@dataclass
class Person:
    """Everyone with the same :func:`person_key`: their assignments and monthly loads."""

    key: str
    name: str
    """The first spelling met."""
    assignments: list[Assignment] = field(default_factory=list)
    loads: list[MonthLoad] = field(default_factory=list)
    """Months with a counted assignment, in order (a month inside an assignment is listed even at 0 %)."""

    @property
    def over(self) -> list[MonthLoad]:
        return [m for m in self.loads if m.over]

    @property
    def peak(self) -> int:
        return max((m.load for m in self.loads), default=0)

    @property
    def pages(self) -> list[Entity]:
        return list(dict.fromkeys(a.page for a in self.assignments))

    def load_in(self, month: Month) -> MonthLoad | None:
        return next((m for m in self.loads if m.month == month), None)


@dataclass
class Allocation:
    """Every person of a site, sorted by name, and the months their loads span."""

    people: list[Person]
    months: list[Month]
    """Every month from the first to the last with a counted assignment (gaps included)."""

    @property
    def over(self) -> list[Person]:
        return [p for p in self.people if p.over]

    def of(self, pages: Iterable[Entity]) -> Allocation:
        """Only the people working on ``pages`` (with their whole load, on every page), over the same months."""
        wanted = set(map(id, pages))
        people = [p for p in self.people if any(id(a.page) in wanted for a in p.assignments)]
        return Allocation(people, _span(people))


def span(entity: Entity) -> tuple[dt.date | None, dt.date | None]:
    """The default dates of an assignment on ``entity``: a project's start and end; a program's
    earliest project start and latest project end."""
    if entity.kind == "project":
        return getattr(entity.model, "start", None), getattr(entity.model, "end", None)
    if entity.kind == "program":
        starts = [p.model.start for p in entity.projects if getattr(p.model, "start", None)]  # type: ignore[attr-defined]
        ends = [p.model.end for p in entity.projects if getattr(p.model, "end", None)]  # type: ignore[attr-defined]
        return min(starts, default=None), max(ends, default=None)
    return None, None


def assignments(entity: Entity) -> list[Assignment]:
    """The ``team`` of a project or program, dates defaulted (see the module's rules)."""
    team = getattr(entity.model, "team", None) or []
    if not team:
        return []
    start, end = span(entity)
    out = []
    for index, member in enumerate(team):
        first = member.from_ or start
        last = member.to or end
        if first is not None and last is not None and last < first:
            first = last = None  # a default crossing the written date: no period to count
        out.append(Assignment(entity, index, member.name, member.role, member.allocation, first, last))
    return out


def allocation(registry: Registry) -> Allocation:
    """Every person named in a ``team``, their assignments and their load per month."""
    people: dict[str, Person] = {}
    for entity in registry.entities:
        if entity.virtual:
            continue
        for assignment in assignments(entity):
            key = person_key(assignment.name)
            person = people.get(key)
            if person is None:
                person = people[key] = Person(key, " ".join(assignment.name.split()))
            person.assignments.append(assignment)
    for person in people.values():
        months: dict[Month, MonthLoad] = {}
        for assignment in person.assignments:
            for month in assignment.months():
                entry = months.setdefault(month, MonthLoad(month, Fraction(0), []))
                entry.exact += assignment.share(month)
                entry.assignments.append(assignment)
        person.loads = [months[m] for m in sorted(months)]
    ordered = sorted(people.values(), key=lambda p: (p.name.casefold(), p.key))
    return Allocation(ordered, _span(ordered))


def _span(people: Iterable[Person]) -> list[Month]:
    months = [m.month for p in people for m in p.loads]
    if not months:
        return []
    first, last = min(months), max(months)
    out = []
    year, month = first
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def runs(loads: Iterable[MonthLoad]) -> list[list[MonthLoad]]:
    """Consecutive months with the same load and the same pages, grouped (``2026-03 to 2026-05``)."""
    out: list[list[MonthLoad]] = []
    for load in loads:
        if out:
            last = out[-1][-1]
            following = (last.month[0] + (last.month[1] == 12), last.month[1] % 12 + 1)
            if load.month == following and load.load == last.load and load.pages == last.pages:
                out[-1].append(load)
                continue
        out.append([load])
    return out


def run_text(run: list[MonthLoad]) -> str:
    """``2026-03`` or ``2026-03 to 2026-05``."""
    return run[0].text if len(run) == 1 else f"{run[0].text} to {run[-1].text}"


def over_allocation_message(person: Person) -> str:
    """The ``over-allocation`` finding's text: the person, the months with their loads, and every
    page whose assignment counts in them (its file, line, field and allocation)."""
    over = person.over
    months = ", ".join(f"{run_text(run)} ({run[0].load} %)" for run in runs(over) if run)
    involved: dict[tuple[int, int], Assignment] = {}
    for load in over:
        for a in load.assignments:
            involved.setdefault((id(a.page), a.index), a)
    pages = []
    for a in involved.values():
        where = f"{a.page.src_uri}:{a.line}" if a.line else a.page.src_uri
        pages.append(f"{a.page.id} ({where} {a.field}, {_percent(a.allocation)} %)")
    return f"'{person.name}' is allocated over {CAPACITY} % in {months}: {', '.join(pages)}"


def _percent(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
