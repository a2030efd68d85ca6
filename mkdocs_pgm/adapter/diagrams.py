"""Graphviz for a build: one service kept across ``mkdocs serve`` rebuilds (its memory cache
makes them free), the layouts started in ``on_files`` in the order pages are built, and each
page waiting only for its own diagrams."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from ..core.diagrams.graphs import Graph
from ..core.diagrams.graphviz import GraphvizMissing, GraphvizService, Layout, Result
from ..core.model.loader import display_path


class Diagrams:
    def __init__(self, log: logging.Logger | logging.LoggerAdapter[logging.Logger]) -> None:
        self.log = log
        self.service: GraphvizService | None = None
        self.layout: Layout | None = None
        self._missing_reported = False
        self._reported: set[str] = set()
        #: Shown path of each page (src_uri -> file), for messages.
        self.display: dict[str, str] = {}

    def configure(self, cache_dir: str | None, timeout: float, *, serving: bool = True) -> None:
        """A new build: a new service only when its cache folder or timeout changed."""
        wanted = Path(cache_dir) if cache_dir else None
        if self.service is None or self.service.cache_dir != wanted or self.service.timeout != timeout:
            self.service = GraphvizService(cache_dir, timeout=timeout)
        self.service.keep = serving or wanted is None  # without a cache folder, memory is the only cache
        self.service.failed.clear()
        self._missing_reported = False
        self._reported = set()
        self.cancel()

    def start(self, graphs: Sequence[Graph]) -> None:
        """Start laying out ``graphs`` in threads (cached ones start no process)."""
        self.cancel()
        graphs = [g for g in graphs if g.nodes > 1 or g.name in ("portfolio", "programs")]
        if self.service is None or not graphs:
            return
        rejected = self.service.stats.rejected
        try:
            self.layout = self.service.start(graphs)
        except GraphvizMissing as exc:
            self.log.error("%s", exc)
            self._missing_reported = True
            return
        finally:
            rejected = self.service.stats.rejected - rejected
            if rejected:  # the cache files are read in start(): not ours, or changed since (a poisoned CI cache?)
                self.log.warning(
                    "%d diagram(s) in the cache folder %s failed their integrity check (changed after they were written, "
                    "or holding script); they are laid out again", rejected, display_path(self.service.cache_dir or "."),
                )
        todo = len(self.layout.pending)
        if todo:  # minutes on a large cold site: say what is going on
            self.log.info("Laying out %d of %d dependency diagrams with Graphviz while the pages build (%d from the cache)",
                          todo, len(graphs), len(graphs) - todo)
        else:
            self.log.debug("%d dependency diagrams, all from the cache", len(graphs))

    def draw(self, graphs: Sequence[Graph]) -> dict[str, Result]:
        """Each graph's SVG (or error): from the layout started earlier, else laid out now."""
        if self.service is None or not graphs:
            return {}
        try:
            results = {}
            for graph in graphs:
                result = self.layout.get(graph) if self.layout is not None else None
                if result is None:
                    result = self.service.render([graph])[graph.name]
                results[graph.name] = result
        except GraphvizMissing as exc:
            if not self._missing_reported:
                self.log.error("%s", exc)
                self._missing_reported = True
            return {}
        for graph in graphs:
            result = results.get(graph.name)
            if result is not None and result.svg is None and graph.key not in self._reported:
                self._reported.add(graph.key)
                self.log.warning("%s: %s could not be drawn: %s", self.display.get(graph.page, graph.page), graph.title, result.error)
        return results

    def finish(self) -> None:
        """Every page has its diagrams: join the threads."""
        if self.layout is not None:
            self.layout.wait()
            if self.layout.threads:
                self.log.info("Laid out %d dependency diagrams in %.1f s", self.layout.count, self.layout.seconds)
            self.layout = None

    def cancel(self) -> None:
        if self.layout is not None:  # a build that stopped before on_post_build (mkdocs serve)
            self.layout.cancel()
            self.layout = None
