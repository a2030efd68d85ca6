"""The ``sources`` of a build: other sites' ``pgm.json`` read (:mod:`..core.federation`), said in the log.

Kept across builds: each source's entities by the digest of what was read (a source that did
not change is not validated again), and under ``mkdocs serve`` what each source gave: a URL is
read again after :data:`REFRESH` seconds only, a file when its time or size changed (the builds
of the other languages of a mkdocs-static-i18n site use what the first one read).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time

from ..config import PgmConfig
from ..core.federation.records import remote_pages
from ..core.federation.sources import Loaded, SourceState, Spec, byte_limit, load_all
from ..core.model.registry import ParseOptions, RemotePage

Log = logging.Logger | logging.LoggerAdapter[logging.Logger]
#: Seconds a URL's answer is used again by the rebuilds of `mkdocs serve`.
REFRESH = 300.0


class RemoteSources:
    def __init__(self, log: Log) -> None:
        self.log = log
        #: Source name -> (what it was made from, its pages, how many have no link).
        self._pages: dict[str, tuple[tuple[object, ...], list[RemotePage], int]] = {}
        #: What each source gave, when, and the size and time of a file source then (for :data:`REFRESH`).
        self._read: dict[Spec, tuple[float, Loaded, tuple[int, int] | None]] = {}
        #: What the last build made of each source (the dashboard's "Sources").
        self.states: list[SourceState] = []

    def load(self, options: PgmConfig, *, config_dir: str, cache_dir: str | None, serving: bool, again: bool = False) -> list[RemotePage]:
        """The entities of every source of ``options``. ``again``: another language of the same run."""
        specs: list[Spec] = list(options.sources)
        self.states = []
        if not specs:
            return []
        started = time.perf_counter()
        now = time.monotonic()
        parse = ParseOptions.of(options.ignore_fields, options.decision_dirs, options.adr_prefix)
        # A file of this machine is read again when it changed (its time or size): an edit shows on the next rebuild.
        stamps = {spec: _stamp(os.path.join(config_dir, spec.url)) for spec in specs if not spec.remote}

        def recent(spec: Spec) -> Loaded | None:
            found = self._read.get(spec)
            if found is None:
                return None
            if not again and not (serving and (now - found[0] < REFRESH if spec.remote else found[2] == stamps.get(spec))):
                return None
            kept = self._pages.get(spec.name)
            if found[1].document is not None and (kept is None or kept[0] != (found[1].digest, parse, spec.site_url)):
                return None  # its entities, as these options make them, are not kept: read it again
            return found[1]

        reused = {spec: recent(spec) for spec in specs}
        loaded = load_all(
            specs, config_dir, cache_dir, timeout=float(options.source_timeout), max_bytes=byte_limit(float(options.source_max_size)),
            skip=reused.get,
        )
        moment = dt.datetime.now(dt.timezone.utc)
        pages: list[RemotePage] = []
        counts: list[str] = []
        for item in loaded:
            spec = item.spec
            message = item.message(moment)
            if message is not None:
                self.log.warning("%s", message)
            if item.document is None:
                self.states.append(item.state(0))
                continue
            key = (item.digest, parse, spec.site_url)
            kept = self._pages.get(spec.name)
            if kept is None or kept[0] != key:
                found, unlinked = remote_pages(spec.name, item.document, site_url=spec.site_url, options=parse)
                kept = self._pages[spec.name] = (key, found, unlinked)
            if kept[2]:
                self.log.warning(
                    "source '%s' (%s): %d of its entities have no address to link to (its pgm.json has no site_url, and the source "
                    "sets none): they are shown without links; set site_url on the source", spec.name, spec.url, kept[2],
                )
            pages.extend(kept[1])
            self.states.append(item.state(len(kept[1])))
            counts.append(f"{spec.name} ({len(kept[1])} {'entity' if len(kept[1]) == 1 else 'entities'})" if not counts else f"{spec.name} ({len(kept[1])})")
        for name in [n for n in self._pages if n not in {s.name for s in specs}]:
            del self._pages[name]
        # What each source gave, without its document (its entities are kept above): a large portfolio's
        # JSON is not held for the rest of the build.
        self._read = {
            item.spec: self._read[item.spec] if reused[item.spec] is not None else (now, _without_entities(item), stamps.get(item.spec))
            for item in loaded
        }
        seconds = time.perf_counter() - started
        if not again:
            self.log.info("Loaded %d source%s in %.1f s: %s", len(counts), "" if len(counts) == 1 else "s", seconds, ", ".join(counts) or "none")
        return pages


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _without_entities(item: Loaded) -> Loaded:
    """``item`` with only what :meth:`Loaded.state` reads of its document."""
    if item.document is None:
        return item
    return dataclasses.replace(item, document={"generated": item.document.get("generated")})
