"""Graphviz as a service: batched, parallel, cached layout of DOT graphs to SVG.

All graphs of a build go through :meth:`GraphvizService.render` at once:

* graphs whose SVG is cached (keyed by a hash of the DOT source and the
  Graphviz version; in memory across ``mkdocs serve`` rebuilds, and as files
  in the cache folder across builds) start no process at all;
* the others are split into one batch per worker, and each batch is laid out
  by a single ``dot`` process that reads all its graphs from standard input;
* a batch that fails or times out is retried graph by graph, so that one bad
  graph costs only itself: it gets an error message, the others their SVG.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .diagrams import Graph

#: Bump when the post-processing below changes, to invalidate cached SVG.
FORMAT = "1"

INSTALL_HINT = (
    "Graphviz's 'dot' program was not found on PATH; dependency diagrams are replaced by a notice. "
    "Install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
    "see https://graphviz.org/download/) or set the plugin option 'diagrams: false'."
)


class GraphvizMissing(RuntimeError):
    """``dot`` is not installed."""


@dataclass
class Result:
    svg: str | None
    error: str | None = None
    cached: bool = False


@dataclass
class Stats:
    graphs: int = 0
    cache_hits: int = 0
    processes: int = 0
    failures: int = 0
    seconds: float = 0.0
    history: list[int] = field(default_factory=list)


_PROLOG_RE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)
_TITLE_RE = re.compile(r"<title>[^<]*</title>")
_ID_RE = re.compile(r'\s(?:id)="[^"]*"')
_SIZE_RE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_POLYGON_BG_RE = re.compile(r'(<g class="graph"[^>]*>\s*)<polygon fill="[^"]*" stroke="[^"]*" points="[^"]*"/>')
_SPLIT_RE = re.compile(r"(?=<\?xml )")


def clean_svg(svg: str) -> str:
    """Our SVG from ``dot``'s: no prolog, comments, internal names or ids; sized in CSS pixels."""
    svg = _PROLOG_RE.sub("", svg)
    svg = _TITLE_RE.sub("", svg)  # node names are ours (n0…): tooltips come from the links
    svg = _ID_RE.sub("", svg)  # several diagrams on one page must not share ids
    svg = _POLYGON_BG_RE.sub(r"\1", svg)  # the page's background shows through
    svg = _SIZE_RE.sub(lambda m: f'<svg width="{float(m.group(1)) * 4 / 3:.0f}" height="{float(m.group(2)) * 4 / 3:.0f}"', svg)
    svg = svg.replace("<svg ", '<svg class="pgm-dg-svg" ', 1)
    return "\n".join(line for line in svg.strip().splitlines() if line.strip())


class GraphvizService:
    """Lays out DOT graphs with the ``dot`` program; keep one per site (it caches)."""

    def __init__(self, cache_dir: str | os.PathLike[str] | None, *, timeout: float = 30.0, jobs: int = 0, dot: str = "dot") -> None:
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.timeout = timeout
        self.jobs = jobs or max(1, os.cpu_count() or 1)
        self.dot = dot
        self.memory: dict[str, str] = {}
        #: Errors of this build by key, so a failing graph is not tried twice.
        self.failed: dict[str, str] = {}
        self.stats = Stats()
        self._version: str | None = None

    # ------------------------------------------------------------ environment

    def executable(self) -> str:
        found = shutil.which(self.dot)
        if found is None:
            raise GraphvizMissing(INSTALL_HINT)
        return found

    @property
    def version(self) -> str:
        if self._version is None:
            result = subprocess.run([self.executable(), "-V"], capture_output=True, text=True, timeout=self.timeout, check=False)
            self._version = (result.stderr or result.stdout).strip() or "unknown"
            self.stats.processes += 1
        return self._version

    def key(self, graph: Graph) -> str:
        return hashlib.sha256(f"{FORMAT}\0{self.version}\0{graph.source}".encode("utf-8")).hexdigest()

    # ------------------------------------------------------------ rendering

    def render(self, graphs: Sequence[Graph]) -> dict[str, Result]:
        """SVG (or an error) for every graph, by ``graph.name``. Raises GraphvizMissing."""
        import time

        started = time.perf_counter()
        before = self.stats.processes
        results: dict[str, Result] = {}
        todo: list[tuple[Graph, str]] = []
        for graph in graphs:
            key = self.key(graph)
            if key in self.failed:
                results[graph.name] = Result(None, self.failed[key])
                continue
            svg = self.memory.get(key) or self._read_cache(key)
            if svg is not None:
                self.memory[key] = svg
                results[graph.name] = Result(svg, cached=True)
                self.stats.cache_hits += 1
            else:
                todo.append((graph, key))
        if todo:
            batches = _split(todo, self.jobs)
            with ThreadPoolExecutor(max_workers=len(batches), thread_name_prefix="pgm-dot") as pool:
                for done in pool.map(self._batch, batches):
                    for (graph, key), result in done:
                        results[graph.name] = result
                        if result.svg is not None:
                            self.memory[key] = result.svg
                            self._write_cache(key, result.svg)
                        else:
                            self.failed[key] = result.error or "failed"
                            self.stats.failures += 1
        self.stats.graphs += len(graphs)
        self.stats.seconds += time.perf_counter() - started
        self.stats.history.append(self.stats.processes - before)
        return results

    def _run(self, sources: list[str]) -> tuple[list[str], str, bool]:
        """One ``dot`` process for these graphs: the SVG documents it finished, why it
        stopped early (or ""), and whether that was the timeout."""
        self.stats.processes += 1
        try:
            done = subprocess.run(
                [self.executable(), "-Tsvg"], input="\n".join(sources).encode("utf-8"), capture_output=True,
                timeout=self.timeout, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            # dot writes each SVG as soon as it is laid out: keep what came before the slow one.
            return _complete(exc.stdout), f"Graphviz took longer than {self.timeout:g} s (graphviz_timeout)", True
        parts = _complete(done.stdout)
        if done.returncode != 0:
            stderr = done.stderr.decode("utf-8", "replace")
            problem = next((line.strip() for line in stderr.splitlines() if line.strip()), f"exit status {done.returncode}")
            return parts, f"Graphviz failed: {problem}", False
        if len(parts) != len(sources):
            return parts, f"Graphviz returned {len(parts)} diagrams for {len(sources)}", False
        return parts, "", False

    def _batch(self, batch: list[tuple[Graph, str]]) -> list[tuple[tuple[Graph, str], Result]]:
        parts, problem, timed_out = self._run([graph.source for graph, _ in batch])
        if not problem:
            return [(item, Result(clean_svg(svg))) for item, svg in zip(batch, parts)]
        if len(batch) == 1:
            return [(batch[0], Result(None, problem))]
        if timed_out and len(parts) < len(batch):
            # The graph after the last finished one is the slow one: give up on it alone.
            finished = [(item, Result(clean_svg(svg))) for item, svg in zip(batch, parts)]
            slow = (batch[len(parts)], Result(None, problem))
            rest = batch[len(parts) + 1:]
            return finished + [slow] + (self._batch(rest) if rest else [])
        return [pair for item in batch for pair in self._batch([item])]  # isolate the bad graph

    # ------------------------------------------------------------ cache files

    def _path(self, key: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.svg" if self.cache_dir else None

    def _read_cache(self, key: str) -> str | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None

    def _write_cache(self, key: str, svg: str) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
                handle.write(svg)
            os.replace(handle.name, path)
        except OSError:
            pass  # a read-only cache folder only costs speed


def _complete(output: bytes | str | None) -> list[str]:
    """The complete SVG documents in (possibly cut-off) ``dot`` output."""
    if not output:
        return []
    text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
    return [part for part in _SPLIT_RE.split(text) if part.strip() and part.rstrip().endswith("</svg>")]


def _split(items: list[tuple[Graph, str]], parts: int) -> list[list[tuple[Graph, str]]]:
    """Balanced batches by source length (largest first, into the lightest batch)."""
    batches: list[list[tuple[Graph, str]]] = [[] for _ in range(min(parts, len(items)))]
    weights = [0] * len(batches)
    for item in sorted(items, key=lambda i: -len(i[0].source)):
        lightest = weights.index(min(weights))
        batches[lightest].append(item)
        weights[lightest] += len(item[0].source)
    return [b for b in batches if b]
