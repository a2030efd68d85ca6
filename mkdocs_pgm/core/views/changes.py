"""What the "changes since" page, the program pages' section and the dashboard show of the
portfolio's history: the changes of :meth:`..history.timeline.Timeline.changes`, grouped as
:data:`..history.changes.CHANGE_KINDS` groups them, each row with the page or entry it is
about and the commit or status update it came from.

One function, :func:`changes_view`, feeds every view; ``programs`` narrows it to the changes
of those programs and their projects (a steering pack shows one program's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..history.changes import CHANGE_KINDS, Change
from ..history.timeline import Point, Timeline, node_of
from ..i18n import ENGLISH, Locale
from ..model.registry import Entity, Node, Registry

#: The groups of :data:`CHANGE_KINDS`, in the order the kinds first name them.
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(spec.group for spec in CHANGE_KINDS.values()))

#: How many of the largest slips the dashboard lists.
TOP_SLIPS = 5


@dataclass
class ChangeRow:
    """One change with what it links to: ``node`` (the entry, else the page), ``entity`` (the page)."""

    change: Change
    label: str
    entity: Entity | None
    node: Node | None
    detail: str = ""
    """What moved, as text ("+12 days: 2026-10-01 → 2026-10-13", "amber → red")."""


@dataclass
class ChangeGroup:
    name: str
    title: str
    rows: list[ChangeRow]


@dataclass
class ChangesView:
    """What the views are given. ``off``: no history to compare with (nothing else is filled)."""

    off: bool
    #: The point as a phrase ("2026-09-01", "v1.0 (abc1234)", "the last Steering board (…)").
    since: str = ""
    #: With ``compare_to: last-forum``: each program shown and the phrase of its own point.
    program_points: list[tuple[Entity, str]] = field(default_factory=list)
    groups: list[ChangeGroup] = field(default_factory=list)
    count: int = 0
    #: The projects that slipped most since the point (largest first), at most :data:`TOP_SLIPS`.
    top_slips: list[ChangeRow] = field(default_factory=list)
    #: What the reader should know of the history read (no git: status updates only; it starts after the point).
    notes: list[str] = field(default_factory=list)


def point_text(point: Point, locale: Locale = ENGLISH) -> str:
    """How a sentence names ``point`` ("Changes since {point}."), in ``locale``'s language."""
    day = point.date
    if point.kind == "date":
        return locale.date(day) or point.label
    if point.kind == "forum":
        forum = point.label.rsplit(", ", 1)[0]
        return locale.text("changes.since_forum", forum=forum, date=locale.date(day))
    if point.kind == "export":
        return locale.text("changes.since_export", source=point.label)
    return point.label


def history_off(timeline: Timeline | None) -> bool:
    """Nothing to compare with: no timeline (a core-only render), or history turned off (no point)."""
    return timeline is None or timeline.point.kind == "none"


def _notes(timeline: Timeline, points: Sequence[Point], locale: Locale) -> list[str]:
    """No git history read (status updates only), or one that starts after a point (counted from its first day)."""
    dated = [p for p in points if p.kind in ("date", "forum", "ref")]
    if dated and not timeline.history.head:
        return [locale.text("changes.no_git")]
    first = timeline.history.first
    if first is not None and any(p.date is not None and p.date < first for p in dated if p.kind != "ref"):
        return [locale.text("changes.history_starts", date=locale.date(first))]
    return []


_DATE_KINDS = frozenset({"slipped", "recovered", "milestone-slipped", "milestone-recovered"})


def _day(text: str | None, locale: Locale) -> str:
    try:
        return locale.date(dt.date.fromisoformat(text)) if text else ""
    except ValueError:
        return text or ""


def detail(change: Change, locale: Locale = ENGLISH) -> str:
    """What moved in ``change``, as text in ``locale``'s language (escape it to print it as HTML)."""
    kind, before, after = change.kind, change.before, change.after

    def moved(old: str, new: str) -> str:
        return locale.text("changes.moved", before=old, after=new) if old else new

    if kind in _DATE_KINDS:
        days = locale.days(change.days, signed=True) if change.days is not None else ""
        return f"{days}: {moved(_day(before, locale), _day(after, locale))}" if days else moved(_day(before, locale), _day(after, locale))
    if kind in ("added", "removed"):
        return ""
    if kind == "health":
        return moved(locale.vocabulary("health", before), locale.vocabulary("health", after))
    if kind == "phase":
        return moved(locale.vocabulary("phase", before), locale.vocabulary("phase", after))
    if kind == "risk-crossed":
        return locale.text("changes.score", before=before, after=after) if before else locale.text("changes.score_new", score=after)
    if kind == "benefit":
        return moved(before or "", after or "")
    if kind == "update":
        said = ", ".join(t for t in (locale.vocabulary("health", after), locale.label(before)) if t)
        summary = change.item_title or ""
        return f"{said}: {summary}" if said and summary else said or summary
    return moved(locale.label(before), locale.label(after))


def changes_view(
    timeline: Timeline | None, registry: Registry, locale: Locale = ENGLISH, programs: Sequence[Entity] | None = None,
) -> ChangesView:
    """The changes since each page's point (newest first within each group); ``programs``: only theirs
    (a program's own page, its projects', and decisions scoped to them), counted from the programs' points."""
    if timeline is None or history_off(timeline):
        return ChangesView(off=True)
    wanted = {p.id.lower() for p in programs} if programs is not None else None
    found = [c for c in timeline.changes() if wanted is None or (c.program or "").lower() in wanted]
    rows: dict[str, list[ChangeRow]] = {group: [] for group in GROUPS}
    for change in found:
        spec = CHANGE_KINDS[change.kind]
        entity, node = node_of(registry, change)
        rows[spec.group].append(ChangeRow(change, locale.text(spec.label), entity, node, detail(change, locale)))
    groups = [ChangeGroup(group, locale.text(f"changes.group.{group}"), rows[group]) for group in GROUPS if rows[group]]
    slips = sorted((r for r in rows["schedule"] if r.change.kind == "slipped" and r.change.days),
                   key=lambda r: (-(r.change.days or 0), r.change.entity.lower()))
    since = point_text(timeline.point, locale)
    points = [timeline.point]
    program_points: list[tuple[Entity, str]] = []
    if timeline.program_points:
        shown = programs if programs is not None else sorted(registry.of_kind("program"), key=lambda p: (p.title.lower(), p.id))
        for program in shown:
            point = timeline.program_points.get(program.id.lower())
            if point is not None:
                program_points.append((program, point_text(point, locale)))
                points.append(point)
        if programs is not None and len(program_points) == 1:
            since, program_points, points = program_points[0][1], [], points[1:]
    return ChangesView(False, since, program_points, groups, len(found), slips[:TOP_SLIPS], _notes(timeline, points, locale))
