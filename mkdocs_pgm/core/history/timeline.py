"""The portfolio over time: each page's states, read from git (:mod:`.git`), the point it is
compared to (``compare_to``), and what the views ask of them: the changes since that point,
each project's slips, the trends by month.

Rules, each defined here once (and written down in the history guide):

* the state of a page **at a date** is the state of its last commit on or before that date
  (commit date, UTC); a page with no commit by then did not exist yet; a date before the
  first commit read counts from the end of that commit's day (earlier, nothing is known);
* the state **now** is the working tree's (the registry), so an edit not committed yet
  counts, and is named "not committed yet";
* the changes **since a point** are the differences between the state at the point and now;
  each is attributed to the last commit (or the working tree) that made that kind of change
  on that page or entry, and a status update (``updates``) dated after the point is listed too;
* ``compare_to``: a date; a git ref (tag, branch, commit: the state at that commit); a path
  or URL of a published ``pgm.json`` (the states it holds); ``last-forum``: for each program,
  the last meeting of its steering forum (its ``forums`` entry whose name mentions
  "steering", else its first): the latest ``date`` of a decision taken by that forum, else
  ``today`` less one period of its ``cadence``. Default: 30 days before ``today``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..model.registry import Entity, Node, Registry, program_of
from ..model.rules import updates_newest_first
from .changes import KIND_ORDER, WORKING_TREE, Change, Source, compare
from .state import State, state_of

#: Days before ``today`` the changes are counted from when ``compare_to`` is not set.
DEFAULT_COMPARE_DAYS = 30


@dataclass(frozen=True)
class Revision:
    """A page as one commit left it (``state`` None: deleted, or not an entity then)."""

    source: Source
    state: State | None


@dataclass
class History:
    """Each page's revisions (by ``src_uri``, oldest first), as git gives them."""

    revisions: dict[str, list[Revision]] = field(default_factory=dict)
    #: The date of the last commit that touched each page (any change, its body too).
    last_changed: dict[str, dt.date] = field(default_factory=dict)
    head: str = ""
    #: What is missing, in words (no git, shallow clone, turned off), for one INFO line; "" when complete.
    missing: str = ""
    #: Commits read (all of the docs folder's history, or since ``history_since``).
    commits: int = 0
    #: The date of the first commit read: before it, the pages' states are not known.
    first: dt.date | None = None
    #: The dates of each page's revisions (for :meth:`at`), made when first asked.
    _dates: dict[str, list[dt.date]] = field(default_factory=dict, repr=False)

    def dates(self, src_uri: str) -> list[dt.date]:
        found = self._dates.get(src_uri)
        if found is None:
            found = self._dates[src_uri] = [r.source.date or dt.date.min for r in self.revisions.get(src_uri, ())]
        return found

    def at(self, src_uri: str, day: dt.date) -> tuple[int, State | None]:
        """The index of the last revision on or before ``day`` (-1: none) and its state."""
        index = bisect.bisect_right(self.dates(src_uri), day) - 1
        return index, (self.revisions[src_uri][index].state if index >= 0 else None)


@dataclass(frozen=True)
class Point:
    """What the changes are counted from."""

    kind: Literal["date", "ref", "forum", "export", "none"]
    label: str
    date: dt.date | None = None
    #: ``ref``: the commits of the ref's history.
    commits: frozenset[str] | None = None
    #: ``export``: the states a published ``pgm.json`` holds, by entity id (lower case).
    states: Mapping[str, State] | None = None


@dataclass(frozen=True)
class Slip:
    """One move of a project's end date."""

    source: Source
    before: dt.date
    after: dt.date
    health: str | None

    @property
    def days(self) -> int:
        return (self.after - self.before).days


@dataclass(frozen=True)
class Update:
    """A status update written by the team (``updates``)."""

    date: dt.date
    status: str | None
    health: str | None
    summary: str


_CADENCE_DAYS = (
    (re.compile(r"\bdaily\b", re.I), 1), (re.compile(r"\bweekly\b", re.I), 7),
    (re.compile(r"\b(fortnightly|bi-?weekly|every two weeks)\b", re.I), 14), (re.compile(r"\bmonthly\b", re.I), 31),
    (re.compile(r"\b(bi-?monthly|every two months)\b", re.I), 61), (re.compile(r"\bquarterly\b", re.I), 92),
    (re.compile(r"\b(half-yearly|semi-?annual|twice a year)\b", re.I), 183), (re.compile(r"\b(annual|yearly)\b", re.I), 365),
)


def cadence_days(cadence: str | None) -> int | None:
    """Days between two meetings of a forum with this ``cadence`` (``monthly``: 31), None if unknown."""
    if not cadence:
        return None
    for pattern, days in _CADENCE_DAYS:
        if pattern.search(cadence):
            return days
    return None


def month_ends(today: dt.date, months: int) -> list[dt.date]:
    """The last day of each of the ``months`` months up to today's (today's month: today), oldest first."""
    found = []
    year, month = today.year, today.month
    for _ in range(months):
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        found.append(min(last, today))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


@dataclass
class Timeline:
    """What the views, exports and ``mkdocs-pgm diff`` ask of the portfolio's history."""

    history: History
    #: Each page's state now (the working tree), by src_uri.
    current: dict[str, State]
    #: The point changes are counted from, site-wide.
    point: Point
    today: dt.date
    #: Each program's own point (``compare_to: last-forum``), by program id (lower case).
    program_points: dict[str, Point] = field(default_factory=dict)
    #: The escalation threshold of each page's entries now, by src_uri.
    thresholds: dict[str, int | None] = field(default_factory=dict)
    #: Each page's status updates, oldest first, by src_uri.
    updates: dict[str, list[Update]] = field(default_factory=dict)
    _changes: list[Change] | None = field(default=None, repr=False)
    _monthly: dict[int, list[tuple[dt.date, list[State]]]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ points

    def point_of(self, state: State | None) -> Point:
        """The point a page's changes are counted from: its program's, with ``last-forum``."""
        if state is not None and state.program and self.program_points:
            return self.program_points.get(state.program.lower(), self.point)
        return self.point

    def _base(self, src_uri: str, point: Point, state: State | None) -> tuple[int, State | None, bool]:
        """The revision index at ``point`` (-1: before the first), the state then, and whether it is known."""
        revisions = self.history.revisions.get(src_uri, [])
        if point.kind == "export":
            assert point.states is not None
            before = point.states.get(state.id.lower()) if state is not None else None
            index = len(revisions) - 1 if point.date is None else self.history.at(src_uri, point.date)[0]
            return index, before, True
        if point.kind == "ref":
            assert point.commits is not None
            index = -1
            for i, revision in enumerate(revisions):
                if revision.source.commit in point.commits:
                    index = i
            return index, (revisions[index].state if index >= 0 else None), True
        if point.kind in ("date", "forum") and point.date is not None:
            if not self.history.head:
                return -1, None, False  # no history: nothing is known of the past
            index, before = self.history.at(src_uri, self.counted_from(point) or point.date)
            return index, before, True
        return -1, None, False

    def counted_from(self, point: Point) -> dt.date | None:
        """The day changes are counted from: the point's, or the first day of the history read when the
        point is earlier (what happened before the first commit is not known)."""
        if point.date is None:
            return None
        first = self.history.first
        return max(point.date, first) if first is not None and point.kind in ("date", "forum") else point.date

    # ------------------------------------------------------------------ changes

    def changes(self) -> list[Change]:
        """Every change since each page's point, newest first, the site's order for a tie."""
        if self._changes is None:
            found: list[Change] = []
            for src_uri in self.pages():
                found.extend(self.changes_of(src_uri))
            self._changes = sorted(found, key=_newest_first)
        return self._changes

    def changes_of(self, src_uri: str) -> list[Change]:
        """The changes of one page since its point, attributed to the commit or update that made them."""
        now = self.current.get(src_uri)
        revisions = self.history.revisions.get(src_uri, [])
        last = now or next((r.state for r in reversed(revisions) if r.state is not None), None)
        point = self.point_of(last)
        index, before, known = self._base(src_uri, point, last)
        found = []
        if known:  # what git (or a published pgm.json) says changed
            threshold = self.thresholds.get(src_uri)
            chain: list[tuple[Source, State | None]] = [(r.source, r.state) for r in revisions[index + 1:]]
            committed = revisions[-1].state if revisions else None
            if now != committed or not revisions:
                chain.append((WORKING_TREE, now))
            for change in compare(before, now, src_uri=src_uri, threshold=threshold):
                source = _attribute(change, before, chain, src_uri, threshold)
                found.append(Change(**{**change.__dict__, "source": source}))
        if point.date is not None:  # status updates need no history
            state = now or last
            for update in self.updates.get(src_uri, ()):
                if update.date > point.date and state is not None and update.date <= self.today:
                    found.append(Change(
                        "update", state.id, state.kind, state.title, src_uri, before=update.status, after=update.health,
                        item_title=update.summary, source=Source("update", update.date), program=state.program,
                    ))
        return found

    # ------------------------------------------------------------------ a page over time

    def states(self, src_uri: str) -> list[tuple[Source, State]]:
        """Each committed state of a page, oldest first, then the working tree's when it differs."""
        found = [(r.source, r.state) for r in self.history.revisions.get(src_uri, ()) if r.state is not None]
        now = self.current.get(src_uri)
        if now is not None and (not found or found[-1][1] != now):
            found.append((Source("working-tree", self.today), now))
        return found

    def slips(self, src_uri: str) -> list[Slip]:
        """Each move of a page's end date, oldest first (the working tree's last, when not committed)."""
        found = []
        previous: dt.date | None = None
        for source, state in self.states(src_uri):
            if state.end is not None:
                if previous is not None and state.end != previous:
                    found.append(Slip(source, previous, state.end, state.health))
                previous = state.end
        return found

    def state_on(self, src_uri: str, day: dt.date) -> State | None:
        """A page's state on ``day`` (today or later: now)."""
        if day >= self.today:
            return self.current.get(src_uri)
        return self.history.at(src_uri, day)[1]

    def pages(self) -> list[str]:
        """Every page that has a state now or had one in the history, in src_uri order."""
        return sorted(set(self.current) | set(self.history.revisions))

    def projects_by_month(self, months: int = 12) -> list[tuple[dt.date, list[State]]]:
        """For each month end of the last ``months`` (:func:`month_ends`): the states of the projects then; made once."""
        found = self._monthly.get(months)
        if found is None:
            pages = self.pages()
            found = self._monthly[months] = []
            for day in month_ends(self.today, months):
                states = (self.state_on(src_uri, day) for src_uri in pages)
                found.append((day, [state for state in states if state is not None and state.kind == "project"]))
        return found

    def health_by_month(self, months: int = 12) -> list[tuple[dt.date, dict[str, int]]]:
        """For each month end of the last ``months``: how many projects not completed or cancelled were green, amber, red."""
        found = []
        for day, states in self.projects_by_month(months):
            counts = {"green": 0, "amber": 0, "red": 0}
            for state in states:
                if state.health in counts and state.status not in ("completed", "cancelled"):
                    counts[state.health] += 1
            found.append((day, counts))
        return found

    def variance_by_month(self, months: int = 12) -> list[tuple[dt.date, int, int]]:
        """For each month end: the projects' total schedule variance in days (end against baseline end), and how many count."""
        found = []
        for day, states in self.projects_by_month(months):
            slips = [state.slip for state in states if state.slip is not None]
            found.append((day, sum(slips), len(slips)))
        return found


def node_of(registry: Registry, change: Change) -> tuple[Entity | None, Node | None]:
    """The page ``change`` is about as it is now (None: gone, virtual, or another entity's now) and its
    entry (the page itself when the entry is gone): what a row or a feed entry links to."""
    entity = registry.by_src.get(change.src_uri)
    if entity is None or entity.virtual or entity.id.lower() != change.entity.lower():
        return None, None
    if change.item is not None:
        wanted = change.item.lower()
        for entry in entity.nested:
            if entry.kind == change.item_kind and entry.id.lower() == wanted:
                return entity, entry
    return entity, entity


def _newest_first(change: Change) -> tuple[int, str, int, str]:
    date = change.source.date
    ordinal = date.toordinal() if date is not None else dt.date.max.toordinal()  # not committed yet: newest
    return (-ordinal, change.entity.lower(), KIND_ORDER[change.kind], change.item or "")


def _attribute(change: Change, before: State | None, chain: list[tuple[Source, State | None]], src_uri: str, threshold: int | None) -> Source:
    """The last step of ``chain`` that made a change like ``change`` (same kind of field, same entry)."""
    previous = before
    source = chain[-1][0] if chain else WORKING_TREE
    for step, state in chain:
        if any(c.key == change.key for c in compare(previous, state, src_uri=src_uri, threshold=threshold)):
            source = step
        previous = state
    return source


def resolve_point(
    compare_to: str | None, today: dt.date, *, ref: Callable[[str], tuple[str, dt.date, frozenset[str]] | None] | None = None,
    export: Callable[[str], tuple[Mapping[str, State], dt.date | None] | None] | None = None,
) -> Point:
    """The site-wide point of ``compare_to`` (``last-forum`` gives the default here; each program
    has its own, see :func:`forum_point`). ``ref`` resolves a git ref (its commit, date and history),
    ``export`` reads a published ``pgm.json``; either returns None when it cannot.

    Raises ValueError, with what to write instead, when ``compare_to`` names nothing."""
    text = (compare_to or "").strip()
    if not text or text == "last-forum":
        day = today - dt.timedelta(days=DEFAULT_COMPARE_DAYS)
        return Point("date", day.isoformat(), day)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return Point("date", day.isoformat(), day)
    if text.endswith(".json") or text.startswith(("http://", "https://")):
        if export is None:
            raise ValueError(f"compare_to: '{text}' cannot be read here")
        read = export(text)
        if read is None:
            raise ValueError(f"compare_to: '{text}' is not a pgm.json that can be read")
        states, generated = read
        return Point("export", text, generated, states=states)
    resolved = ref(text) if ref is not None else None
    if resolved is None:
        raise ValueError(
            f"compare_to: '{text}' is not a date (YYYY-MM-DD), a git ref of this repository, 'last-forum' or a pgm.json path or URL"
        )
    commit, day, commits = resolved
    return Point("ref", f"{text} ({commit[:7]})", day, commits=commits)


def forum_point(forums: Iterable[tuple[str, str | None]], decided: Iterable[tuple[str | None, dt.date | None]], today: dt.date) -> Point | None:
    """A program's last steering forum (see the module's rules): ``forums`` its (name, cadence),
    ``decided`` the (forum, date) of the decisions on its pages. None: it has no forum."""
    forums = list(forums)
    if not forums:
        return None
    name, cadence = next((f for f in forums if "steering" in f[0].lower()), forums[0])
    dates = [d for f, d in decided if f is not None and d is not None and f.strip().lower() == name.strip().lower() and d <= today]
    if dates:
        day = max(dates)
        return Point("forum", f"{name}, {day.isoformat()}", day)
    days = cadence_days(cadence)
    day = today - dt.timedelta(days=days if days is not None else DEFAULT_COMPARE_DAYS)
    return Point("forum", f"{name}, {day.isoformat()}", day)


def timeline_of(registry: Registry, history: History, point: Point, today: dt.date, *, last_forum: bool = False) -> Timeline:
    """The timeline of the portfolio ``registry`` holds now, its ``history`` and the ``point`` to compare with;
    ``last_forum``: each program compares with its own last steering forum (:func:`forum_point`)."""
    current: dict[str, State] = {}
    thresholds: dict[str, int | None] = {}
    updates: dict[str, list[Update]] = {}
    for entity in registry.entities:
        if entity.virtual or entity.origin is not None:  # another site's page: its history is there
            continue
        program = program_of(entity)
        current[entity.src_uri] = state_of(entity.id, entity.title, entity.model, program.id if program is not None else None)
        thresholds[entity.src_uri] = entity.risk_threshold
        written = updates_newest_first(entity.model)[::-1]  # oldest first, in the order of the rule
        if written:
            updates[entity.src_uri] = [Update(u.date, u.status, u.health, u.summary or "") for u in written]
    points: dict[str, Point] = {}
    if last_forum:
        for program in registry.entities:
            if program.kind != "program":
                continue
            governance = getattr(program.model, "governance", None)
            forums = [(f.name, f.cadence) for f in (governance.forums if governance is not None else ())]
            fields = [d.model if isinstance(d, Entity) else d.item for d in registry.decisions() if program_of(d) is program]
            decided = [(getattr(f, "forum", None), getattr(f, "date", None)) for f in fields]
            found = forum_point(forums, decided, today)
            if found is not None:
                points[program.id.lower()] = found
    return Timeline(history, current, point, today, program_points=points, thresholds=thresholds, updates=updates)
