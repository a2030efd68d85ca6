"""The timeline of a docs folder, as the build, ``mkdocs-pgm diff`` and ``mkdocs-pgm generate`` read it:
its git history (:mod:`.git`) and the point ``compare_to`` names (:func:`.timeline.resolve_point`)."""

from __future__ import annotations

import datetime as dt

from ..model.registry import Registry
from .git import Reader, resolve_ref
from .published import read_export
from .timeline import History, Point, Timeline, resolve_point, timeline_of


def load_timeline(
    registry: Registry, *, docs_dir: str, base_dir: str, reader: Reader | None, compare_to: str | None, today: dt.date,
    since: dt.date | None = None,
) -> Timeline:
    """The portfolio of ``registry`` over time. ``reader``: None when history is off (a published ``pgm.json``
    can still be compared with). ``base_dir``: what a ``compare_to`` path is relative to (the folder of mkdocs.yml).

    Raises ValueError, saying what to write instead, when ``compare_to`` names nothing (see :func:`resolve_point`)."""
    history = reader.read(since=since) if reader is not None else History()
    text = (compare_to or "").strip() or None
    point = resolve_point(
        text, today, ref=lambda ref: resolve_ref(docs_dir, ref), export=lambda location: read_export(location, base_dir),
    )
    if reader is None and point.kind != "export":
        point = Point("none", "")
    return timeline_of(registry, history, point, today, last_forum=text == "last-forum")
