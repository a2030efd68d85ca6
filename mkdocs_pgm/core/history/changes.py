"""What changed between two states of the portfolio: the one comparison behind the "changes
since" page and sections, ``mkdocs-pgm diff``, the feed and the slip histories.

:data:`CHANGE_KINDS` is the table of what is reported, each with its label key; :func:`compare`
compares two states of one entity and returns those changes, in the table's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from ..model import rules
from .state import Item, State

ChangeKind = Literal[
    "added", "removed", "slipped", "recovered", "status", "health", "phase",
    "milestone-slipped", "milestone-recovered", "milestone-done",
    "risk-new", "risk-closed", "risk-crossed", "decision", "change-raised", "change-settled", "benefit", "update",
]


@dataclass(frozen=True)
class ChangeKindSpec:
    kind: ChangeKind
    label: str
    """Its label key in :mod:`..i18n` (``change.KIND``)."""
    group: Literal["schedule", "status", "raid", "decisions", "benefits", "scope"]


#: Every kind of change, in the order a list shows them.
CHANGE_KINDS: dict[ChangeKind, ChangeKindSpec] = {
    spec.kind: spec for spec in (
        ChangeKindSpec("slipped", "change.slipped", "schedule"),
        ChangeKindSpec("recovered", "change.recovered", "schedule"),
        ChangeKindSpec("milestone-slipped", "change.milestone-slipped", "schedule"),
        ChangeKindSpec("milestone-recovered", "change.milestone-recovered", "schedule"),
        ChangeKindSpec("milestone-done", "change.milestone-done", "schedule"),
        ChangeKindSpec("health", "change.health", "status"),
        ChangeKindSpec("status", "change.status", "status"),
        ChangeKindSpec("phase", "change.phase", "status"),
        ChangeKindSpec("update", "change.update", "status"),
        ChangeKindSpec("risk-crossed", "change.risk-crossed", "raid"),
        ChangeKindSpec("risk-new", "change.risk-new", "raid"),
        ChangeKindSpec("risk-closed", "change.risk-closed", "raid"),
        ChangeKindSpec("decision", "change.decision", "decisions"),
        ChangeKindSpec("change-raised", "change.change-raised", "decisions"),
        ChangeKindSpec("change-settled", "change.change-settled", "decisions"),
        ChangeKindSpec("benefit", "change.benefit", "benefits"),
        ChangeKindSpec("added", "change.added", "scope"),
        ChangeKindSpec("removed", "change.removed", "scope"),
    )
}
#: Each kind's place in :data:`CHANGE_KINDS`: the order changes are listed in.
KIND_ORDER = {kind: i for i, kind in enumerate(CHANGE_KINDS)}

#: Change requests that were decided: approved, rejected, or done.
SETTLED_CHANGE_STATUSES = frozenset({"approved", "rejected", "implemented"})


@dataclass(frozen=True)
class Source:
    """Where a change came from: a commit, a status update, or the working tree (not committed yet)."""

    kind: Literal["commit", "update", "working-tree", "export"]
    date: dt.date | None
    commit: str = ""
    subject: str = ""
    author: str = ""

    @property
    def short(self) -> str:
        return self.commit[:7]


WORKING_TREE = Source("working-tree", None)


@dataclass(frozen=True)
class Change:
    """One change of one entity (or of one of its entries)."""

    kind: ChangeKind
    entity: str
    """The entity's id."""
    entity_kind: str
    title: str
    """The entity's title (as it is now, or as it was for a removed one)."""
    src_uri: str
    item: str | None = None
    """The entry's id (risks, milestones, decisions, change requests, benefits)."""
    item_kind: str | None = None
    item_title: str | None = None
    before: str | None = None
    after: str | None = None
    days: int | None = None
    """How far a date moved (positive: later)."""
    source: Source = WORKING_TREE
    program: str | None = None

    @property
    def key(self) -> tuple[str, str | None]:
        """What the change is about: a kind of field and an entry."""
        return (CHANGE_KINDS[self.kind].group + ("" if self.kind in ("slipped", "recovered") else self.kind), self.item)

    @property
    def stable_id(self) -> str:
        """The same change always has this id (the feed's entry ids)."""
        parts = [self.kind, self.entity, self.item or "", self.before or "", self.after or "", self.source.commit or str(self.source.date or "")]
        return "/".join(p.replace("/", "%2F") for p in parts)


def _days(before: str | dt.date | None, after: str | dt.date | None) -> int | None:
    try:
        b = before if isinstance(before, dt.date) else dt.date.fromisoformat(before) if before else None
        a = after if isinstance(after, dt.date) else dt.date.fromisoformat(after) if after else None
    except ValueError:
        return None
    return (a - b).days if a is not None and b is not None else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _open(item: Item) -> bool:
    if item.kind == "issue":
        return item.status in rules.OPEN_ISSUE_STATUSES
    return item.status in rules.OPEN_RISK_STATUSES


def compare(
    before: State | None, after: State | None, *, src_uri: str, source: Source = WORKING_TREE,
    threshold: int | None = None,
) -> list[Change]:
    """What changed from ``before`` to ``after`` (either None: the entity did not exist), in the
    order of :data:`CHANGE_KINDS`. ``threshold``: the escalation threshold risks are measured
    against (the one that applies now, see :attr:`..model.registry.Entity.risk_threshold`)."""
    now = after or before
    if now is None:
        return []
    base = Change("added", now.id, now.kind, now.title, src_uri, source=source, program=now.program)
    found = list(_compare(before, after, base, threshold))
    found.sort(key=lambda c: KIND_ORDER[c.kind])
    return found


def _compare(before: State | None, after: State | None, base: Change, threshold: int | None) -> Iterator[Change]:
    def change(kind: ChangeKind, **fields: object) -> Change:
        return replace(base, kind=kind, **fields)  # type: ignore[arg-type]

    if before is None or after is None:
        if before is None and after is not None and after.kind in ("project", "program"):
            yield change("added", after=_text(after.end))
        elif after is None and before is not None and before.kind in ("project", "program"):
            yield change("removed", before=_text(before.end))
        if before is None and after is not None and after.kind == "decision" and rules.decision_decided(after.status):
            yield change("decision", after=after.status)
        if before is not None or after is None:
            return
        before = replace(after, status=None, health=None, phase=None, end=None, items=())  # its entries are all new
    if before.end != after.end and before.end is not None and after.end is not None:
        days = (after.end - before.end).days
        yield change("slipped" if days > 0 else "recovered", before=_text(before.end), after=_text(after.end), days=days)
    for name in ("status", "health", "phase"):
        old, new = getattr(before, name), getattr(after, name)
        if old != new and new is not None and old is not None:
            if before.kind == "decision" and name == "status":
                if rules.decision_decided(new) and not rules.decision_decided(old):
                    yield change("decision", before=old, after=new)
                continue
            yield change(name, before=old, after=new)
    old_items, new_items = before.item_map(), after.item_map()
    for key, item in new_items.items():
        yield from _item_changes(old_items.get(key), item, change, threshold)
    for key, item in old_items.items():
        if key not in new_items and item.kind in ("risk", "issue") and _open(item):
            yield change("risk-closed", item=item.id, item_kind=item.kind, item_title=item.title, before=item.status)


def _item_changes(old: Item | None, new: Item, change: Callable[..., Change], threshold: int | None) -> Iterator[Change]:
    fields = {"item": new.id, "item_kind": new.kind, "item_title": new.title}
    if new.kind in ("risk", "issue"):
        was_open = old is not None and _open(old)
        if old is None and _open(new):
            yield change("risk-new", after=new.status, **fields)
        if was_open and not _open(new):
            yield change("risk-closed", before=old.status if old else None, after=new.status, **fields)
        if _open(new) and rules.reaches(new.score, threshold) and not (was_open and rules.reaches(old.score if old else None, threshold)):
            yield change("risk-crossed", before=_text(old.score) if old else None, after=_text(new.score), **fields)
    elif new.kind == "milestone":
        if old is not None and old.value != new.value:
            days = _days(old.value, new.value)
            if days:
                yield change("milestone-slipped" if days > 0 else "milestone-recovered", before=old.value, after=new.value, days=days, **fields)
        if new.status == "done" and (old is None or old.status != "done"):
            yield change("milestone-done", before=old.status if old else None, after=new.status, **fields)
    elif new.kind == "decision":
        if rules.decision_decided(new.status) and not rules.decision_decided(old.status if old else None):
            yield change("decision", before=old.status if old else None, after=new.status, **fields)
    elif new.kind == "change":
        if old is None:
            yield change("change-raised", after=new.status, **fields)
        if new.status in SETTLED_CHANGE_STATUSES and (old is None or old.status not in SETTLED_CHANGE_STATUSES):
            yield change("change-settled", before=old.status if old else None, after=new.status, **fields)
    elif new.kind == "benefit" and old is not None and (old.value != new.value or old.status != new.status):
        yield change("benefit", before=old.value if old.value != new.value else old.status,
                     after=new.value if old.value != new.value else new.status, **fields)
