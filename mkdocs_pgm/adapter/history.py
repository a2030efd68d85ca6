"""The portfolio's history for one build: git read by the core (:mod:`..core.history`), with what
MkDocs gives (the docs folder, the cache folder, the options) and what is missing said once."""

from __future__ import annotations

import datetime as dt
import logging
import os

from .. import __version__
from ..config import PgmConfig
from ..core.history.git import Reader, resolve_ref
from ..core.history.published import read_export
from ..core.history.timeline import History, Point, Timeline, resolve_point, timeline_of
from ..core.model.registry import ParseOptions, Registry

Log = logging.Logger | logging.LoggerAdapter[logging.Logger]


class HistorySource:
    """Kept across `mkdocs serve` rebuilds: the reader and what it cached."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self._reader: Reader | None = None
        self._said: set[str] = set()

    def timeline(
        self, registry: Registry, *, docs_dir: str, config_dir: str, cache_dir: str | None, options: PgmConfig, today: dt.date,
        serving: bool = False,
    ) -> Timeline:
        """The build's timeline; what history is missing is said at INFO level on every build, once under ``mkdocs serve``."""
        if not serving:
            self._said.clear()
        if options.history:
            parse = ParseOptions.of(options.ignore_fields, options.decision_dirs, options.adr_prefix)
            if self._reader is None or self._reader.docs_dir != os.path.abspath(docs_dir) or self._reader.options != parse:
                self._reader = Reader(docs_dir, cache_dir, parse, code=__version__)
            history = self._reader.read((e.src_uri for e in registry.entities), since=options.history_since)
        else:
            history = History(missing="")
        if history.missing:
            self._once(history.missing[0].upper() + history.missing[1:])
        try:
            point = resolve_point(
                options.compare_to, today, ref=lambda ref: resolve_ref(docs_dir, ref),
                export=lambda location: read_export(location, config_dir),
            )
        except ValueError as exc:
            self.log.warning("%s; changes are counted from 30 days before today", exc)
            point = resolve_point(None, today)
        if not options.history and point.kind != "export":
            point = Point("none", "")
        return timeline_of(registry, history, point, today, last_forum=(options.compare_to or "").strip() == "last-forum")

    def _once(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.log.info("%s", message)
