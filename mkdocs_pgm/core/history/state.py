"""What governance follows of one entity over time: a :class:`State`, taken from a page's model.

The same function makes the state of a page as it is now (from the registry) and as it was at
any commit (from the file's text at that commit, see :mod:`.git`), so that "what changed" is
one comparison of two states (:mod:`.changes`). A state is plain data: it is kept in the cache
folder as JSON, and read back from a published ``pgm.json`` (:func:`state_from_export`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import schema
from ..text import slugify


@dataclass(frozen=True)
class Item:
    """A nested entry as far as history goes: its id, status, and the value that moves (a risk's
    or issue's score, a milestone's date, a benefit's ``actual``), as text."""

    id: str
    kind: str
    title: str
    status: str | None = None
    value: str | None = None
    score: int | None = None


@dataclass(frozen=True)
class State:
    """One entity (portfolio, program, project, decision) at one point in time."""

    id: str
    kind: str
    title: str
    status: str | None = None
    health: str | None = None
    phase: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    baseline_end: dt.date | None = None
    progress: float | None = None
    budget_planned: float | None = None
    budget_actual: float | None = None
    program: str | None = None
    #: A decision page's date.
    date: dt.date | None = None
    items: tuple[Item, ...] = ()

    @property
    def slip(self) -> int | None:
        """Days the planned end lies after the baseline end, as in the schedule analysis."""
        if self.end is None or self.baseline_end is None:
            return None
        return (self.end - self.baseline_end).days

    def item_map(self) -> dict[tuple[str, str], Item]:
        return {(i.kind, i.id.lower()): i for i in self.items}

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "title": self.title}
        for name in ("status", "health", "phase", "program", "progress", "budget_planned", "budget_actual"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        for name in ("start", "end", "baseline_end", "date"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value.isoformat()
        if self.items:
            data["items"] = [[i.id, i.kind, i.title, i.status, i.value, i.score] for i in self.items]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> State:
        def day(name: str) -> dt.date | None:
            value = data.get(name)
            return dt.date.fromisoformat(value) if isinstance(value, str) else None

        return cls(
            id=str(data["id"]), kind=str(data["kind"]), title=str(data.get("title", data["id"])),
            status=data.get("status"), health=data.get("health"), phase=data.get("phase"),
            start=day("start"), end=day("end"), baseline_end=day("baseline_end"),
            progress=data.get("progress"), budget_planned=data.get("budget_planned"), budget_actual=data.get("budget_actual"),
            program=data.get("program"), date=day("date"),
            items=tuple(Item(*row) for row in data.get("items", ())),
        )


def _value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: The nested lists history follows: collection -> (kind, the field that moves).
TRACKED: Mapping[str, tuple[str, str | None]] = {
    "risks": ("risk", None),
    "issues": ("issue", None),
    "milestones": ("milestone", "date"),
    "decisions": ("decision", "date"),
    "changes": ("change", None),
    "benefits": ("benefit", "actual"),
}


def state_of(ident: str, title: str, model: schema.Page, program: str | None = None) -> State:
    """The state of a page with id ``ident`` and title ``title`` whose front matter gave ``model``.

    ``program``: the id of its program as written (a project's ``program``, a program's own id)."""
    items: list[Item] = []
    for collection, (kind, moving) in TRACKED.items():
        for entry in getattr(model, collection, ()) or ():
            entry_id = entry.id or slugify(entry.title)  # as the registry names it
            items.append(Item(
                entry_id, kind, entry.title, getattr(entry, "status", None),
                _value(getattr(entry, moving, None)) if moving else None, getattr(entry, "score", None),
            ))
    baseline = getattr(model, "baseline", None)
    budget = getattr(model, "budget", None)
    if program is None:
        written = getattr(model, "program", None)
        program = written if isinstance(written, str) else (ident if model.kind == "program" else None)
    return State(
        id=ident, kind=model.kind, title=title,
        status=getattr(model, "status", None), health=getattr(model, "health", None), phase=getattr(model, "phase", None),
        start=getattr(model, "start", None), end=getattr(model, "end", None),
        baseline_end=getattr(baseline, "end", None) if baseline is not None else None,
        progress=getattr(model, "progress", None),
        budget_planned=getattr(budget, "planned", None) if budget is not None else None,
        budget_actual=getattr(budget, "actual", None) if budget is not None else None,
        program=program, date=getattr(model, "date", None) if model.kind == "decision" else None,
        items=tuple(items),
    )


def state_from_export(record: Mapping[str, Any]) -> State | None:
    """The state of an entity as a published ``pgm.json`` gives it (an item of ``entities``): its
    ``front_matter`` read by the same schema as a page. None if it is not one, or does not validate."""
    ident, kind, front = record.get("id"), record.get("type"), record.get("front_matter")
    model_type = schema.PAGE_MODELS.get(kind) if isinstance(kind, str) else None
    if not isinstance(ident, str) or model_type is None or not isinstance(front, Mapping) or record.get("virtual"):
        return None
    front = dict(front)
    collections = {kind: collection for collection, (kind, _) in TRACKED.items()}
    for entry in record.get("entries") or ():  # nested entries are exported beside the page's own fields
        collection = collections.get(str(entry.get("kind"))) if isinstance(entry, Mapping) else None
        if collection is not None and isinstance(entry.get("front_matter"), Mapping):
            front.setdefault(collection, []).append(dict(entry["front_matter"]))
    try:
        model = model_type.model_validate(front)
    except ValueError:
        return None
    title = record.get("title")
    return state_of(ident, title if isinstance(title, str) else ident, model)
