"""The portfolio's history for one build: git read by the core (:mod:`..core.history`), with what
MkDocs gives (the docs folder, the cache folder, the options) and what is missing said once."""

from __future__ import annotations

import datetime as dt
import logging
import os

from .. import __version__
from ..config import PgmConfig
from ..core.history.git import Reader
from ..core.history.load import load_timeline
from ..core.history.timeline import Timeline
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
        reader = None
        if options.history:
            parse = ParseOptions.of(options.ignore_fields, options.decision_dirs, options.adr_prefix)
            if self._reader is None or self._reader.docs_dir != os.path.abspath(docs_dir) or self._reader.options != parse:
                self._reader = Reader(docs_dir, cache_dir, parse, code=__version__)
            reader = self._reader
        try:
            timeline = load_timeline(
                registry, docs_dir=docs_dir, base_dir=config_dir, reader=reader, compare_to=options.compare_to, today=today,
                since=options.history_since,
            )
        except ValueError as exc:
            self.log.warning("%s; changes are counted from 30 days before today", exc)
            timeline = load_timeline(
                registry, docs_dir=docs_dir, base_dir=config_dir, reader=reader, compare_to=None, today=today, since=options.history_since,
            )
        if timeline.history.missing:
            self._once(timeline.history.missing[0].upper() + timeline.history.missing[1:])
        return timeline

    def _once(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.log.info("%s", message)
