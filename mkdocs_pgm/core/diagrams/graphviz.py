"""Graphviz as a service: batched, parallel, cached layout of DOT graphs to SVG.

All graphs of a build go to :meth:`GraphvizService.start` at once, which
returns a :class:`Layout` without waiting (:meth:`GraphvizService.render` is
the same, waiting for all):

* graphs whose SVG is cached (keyed by a hash of the DOT source and the
  Graphviz version; in memory across ``mkdocs serve`` rebuilds, and as files
  in the cache folder across builds) start no process at all;
* the others are split into one batch per worker, in the order given (a
  graph with clusters alone: see :meth:`GraphvizService.start`), and
  each batch is laid out by a single ``dot`` process, in a thread, that reads
  all its graphs from standard input and writes each SVG as soon as it is
  laid out: the host builds its pages meanwhile, and a page waits only for
  its own diagrams (:meth:`Layout.get`);
* dot stops at a graph it cannot lay out, or that takes longer than the
  timeout: that graph gets an error message, the ones before keep their SVG,
  and the rest go on in one more process. One bad graph costs only itself.

The SVG is put into pages as it is, and the cache folder may come from
elsewhere (a CI cache), so a cache file is checked before use
(:meth:`GraphvizService._read_cache`): its first line holds a SHA-256 digest
of the key and the SVG, and the SVG must hold nothing that can run script
(:func:`is_safe_svg`). An entry that fails is laid out again (and counted in
``Stats.rejected``); a file without the digest line (written by an older
version) is a plain miss.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .graphs import Graph

#: Bump when the post-processing below changes, to invalidate cached SVG.
FORMAT = "2"

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
    #: Cache files that failed their integrity check (changed after they were written, or holding script).
    rejected: int = 0
    seconds: float = 0.0
    history: list[int] = field(default_factory=list)


_PROLOG_RE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)
_TITLE_RE = re.compile(r"<title>[^<]*</title>")
_ID_RE = re.compile(r'\s(?:id)="[^"]*"')
#: The group dot wraps around each link of a node or an edge: one element fewer each.
_LINK_GROUP_RE = re.compile(r"<g>\s*(<a\s)")
_LINK_GROUP_END_RE = re.compile(r"(</a>)\s*</g>")
_SIZE_RE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_POLYGON_BG_RE = re.compile(r'(<g class="graph"[^>]*>\s*)<polygon fill="[^"]*" stroke="[^"]*" points="[^"]*"/>')
_SUBGRAPH_RE = re.compile(r"^\s*subgraph\b", re.MULTILINE)
_END = b"</svg>"  # user text in SVG is escaped: this ends a document

#: The first line of a cache file: the SHA-256 of the key, a newline and the SVG.
_HEADER_RE = re.compile(rb"<!-- pgm-svg sha256=([0-9a-f]{64}) -->")

# What may stand in a URL attribute of a cached SVG (dot writes them in double quotes):
# no character reference but &amp; and &#45; (dot's hyphen), no space or control
# character, and no scheme but http(s) and mailto (so no javascript:, however spelled).
_URL_CHAR = r'(?:[^"&\s<>\x00-\x1f]|&amp;|&#45;|&(?![#\w]))'
_URL_HEAD = r'(?:[^"&:/?#\s<>\x00-\x1f]|&amp;|&#45;|&(?![#\w]))'
_SAFE_URL = rf'"(?:(?:(?:https?:)?//|mailto:){_URL_CHAR}*|{_URL_HEAD}*(?:[/?#]{_URL_CHAR}*)?)"'
# Anything in an SVG that could run script or load something once the SVG is inlined into a
# page, as the HTML parser reads it (matched in the lowercased SVG; an attribute may follow
# a quote or a slash). dot writes none of it for our graphs; it may also match harmless
# text (" on=" in a tooltip), which only costs a layout. Three searches are faster than
# one alternation; each is linear (no nested or adjacent unbounded quantifiers).
_UNSAFE_ELEMENT_RE = re.compile(
    r"<(?:script|foreignobject|iframe|frame|embed|object|applet|set|animate\w*|handler|listener|style|base|link|meta"
    r"|image|feimage|use|form|input|button|textarea)(?=[\s/>])|<!\[cdata\["
)
_UNSAFE_ATTRIBUTE_RE = re.compile(r"[\s/\"'](?:on[\w-]*|(?:form)?action|srcdoc|src)\s*=")
_UNSAFE_LINK_RE = re.compile(rf"href\s*=\s*(?!{_SAFE_URL})")


def is_safe_svg(svg: str) -> bool:
    """Whether ``svg`` can be put into a page as it is: no script element, no event handler,
    no ``javascript:`` (or other scheme) link, no ``foreignObject``, nothing that loads or animates."""
    text = svg.lower()
    return not (_UNSAFE_ELEMENT_RE.search(text) or _UNSAFE_ATTRIBUTE_RE.search(text) or _UNSAFE_LINK_RE.search(text))


def _digest(key: str, svg: str) -> bytes:
    return hashlib.sha256(f"{key}\n{svg}".encode()).hexdigest().encode("ascii")


def clean_svg(svg: str) -> str:
    """Our SVG from ``dot``'s: no prolog, comments, internal names or ids; sized in CSS pixels."""
    svg = _PROLOG_RE.sub("", svg)
    svg = _TITLE_RE.sub("", svg)  # node names are ours (n0…): tooltips come from the links
    svg = _ID_RE.sub("", svg)  # several diagrams on one page must not share ids
    svg = _POLYGON_BG_RE.sub(r"\1", svg)  # the page's background shows through
    # Leaner for every reader and for the search parsers that walk it: dot writes each hyphen
    # as &#45; (5 bytes) and wraps each link in an anonymous group.
    svg = svg.replace("&#45;", "-")
    svg = _LINK_GROUP_END_RE.sub(r"\1", _LINK_GROUP_RE.sub(r"\1", svg))
    svg = _SIZE_RE.sub(lambda m: f'<svg width="{float(m.group(1)) * 4 / 3:.0f}" height="{float(m.group(2)) * 4 / 3:.0f}"', svg)
    svg = svg.replace("<svg ", '<svg class="pgm-dg-svg" ', 1)
    return "\n".join(line for line in svg.strip().splitlines() if line.strip())


class Layout:
    """The graphs of one :meth:`GraphvizService.start`: each Result as soon as it is known."""

    def __init__(self, service: GraphvizService) -> None:
        self.service = service
        #: Result by cache key; a key in ``pending`` has none yet.
        self.keys: dict[str, Result] = {}
        self.pending: set[str] = set()
        self.threads: list[threading.Thread] = []
        self.processes: list[subprocess.Popen[bytes]] = []
        self.cancelled = False
        self._changed = threading.Condition()
        self._started = time.perf_counter()
        self._processes_before = service.stats.processes
        self._finished = False
        #: Seconds from start() until every graph was done (set by wait()).
        self.seconds = 0.0
        #: How many different graphs it holds (set by start()).
        self.count = 0

    def get(self, graph: Graph) -> Result | None:
        """The graph's Result, waiting for ``dot`` if need be; None if it was not in this layout."""
        key = self.service.key(graph)
        with self._changed:
            while key in self.pending:
                self._changed.wait()
            if self.service.keep:
                return self.keys.get(key)
            # A one-off build asks once per graph: what is handed over is not held on to (asked
            # again, the graph comes from the cache folder).
            return self.keys.pop(key, None)

    def wait(self) -> None:
        """Until every graph is laid out (or given up on)."""
        for thread in self.threads:
            thread.join()
        self.finish()

    def cancel(self) -> None:
        """Stop every ``dot`` process (the build failed): pending graphs get an error."""
        self.cancelled = True
        for process in list(self.processes):
            if process.poll() is None:
                process.kill()
        self.wait()

    def run(self, executable: str, batch: list[tuple[Graph, str]]) -> None:
        try:
            self.service._batch(executable, batch, self)  # noqa: SLF001
        except Exception as exc:  # noqa: BLE001  (a page must never wait forever)
            for _, key in batch:
                if key in self.pending:
                    self.deliver(key, Result(None, f"Graphviz could not be run: {exc}"))

    def deliver(self, key: str, result: Result) -> None:
        service = self.service
        if result.svg is not None:
            if service.keep:
                service.memory[key] = result.svg
            service._write_cache(key, result.svg)  # noqa: SLF001
        else:
            service.failed[key] = result.error or "failed"
            service.stats.failures += 1
        with self._changed:
            self.keys[key] = result
            self.pending.discard(key)
            self._changed.notify_all()

    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.seconds = time.perf_counter() - self._started
        stats = self.service.stats
        stats.seconds += self.seconds
        stats.history.append(stats.processes - self._processes_before)


class GraphvizService:
    """Lays out DOT graphs with the ``dot`` program; keep one per site (it caches)."""

    def __init__(self, cache_dir: str | os.PathLike[str] | None, *, timeout: float = 30.0, jobs: int = 0, dot: str = "dot") -> None:
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.timeout = timeout
        self.jobs = jobs or max(1, os.cpu_count() or 1)
        self.dot = dot
        self.memory: dict[str, str] = {}
        #: Keep every SVG in ``memory`` for the next build (``mkdocs serve``); a one-off build
        #: holds each only until its page has it, since the pages hold them all already.
        self.keep = True
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
        return hashlib.sha256(f"{FORMAT}\0{self.version}\0{graph.source}".encode()).hexdigest()

    # ------------------------------------------------------------ rendering

    def render(self, graphs: Sequence[Graph]) -> dict[str, Result]:
        """SVG (or an error) for every graph, by ``graph.name``. Raises GraphvizMissing."""
        layout = self.start(graphs)
        layout.wait()
        return {graph.name: layout.get(graph) or Result(None, "not laid out") for graph in graphs}

    def start(self, graphs: Sequence[Graph]) -> Layout:
        """Start laying out ``graphs`` and return at once; :meth:`Layout.get` waits for one.

        Cached graphs are answered here. The others are split into one batch per
        job, in the order given (a host passes them in the order its pages are
        built), and each batch is laid out by one ``dot`` process in a thread:
        dot writes each SVG as soon as it is laid out, so a page waits only for
        its own diagrams while the host goes on with the rest of the build.
        Raises GraphvizMissing when there is something to lay out and no ``dot``.
        """
        layout = Layout(self)
        todo: list[tuple[Graph, str]] = []
        queued: set[str] = set()
        for graph in graphs:
            key = self.key(graph)
            if key in layout.keys or key in queued:
                continue
            if key in self.failed:
                layout.keys[key] = Result(None, self.failed[key])
                continue
            svg = self.memory.get(key) or self._read_cache(key)
            if svg is not None:
                if self.keep:
                    self.memory[key] = svg
                layout.keys[key] = Result(svg, cached=True)
                self.stats.cache_hits += 1
            else:
                todo.append((graph, key))
                queued.add(key)
        self.stats.graphs += len(graphs)
        layout.count = len(layout.keys) + len(queued)
        if todo:
            executable = self.executable()
            layout.pending.update(queued)
            # dot orders a graph's subgraphs by where their names sit in memory, which varies
            # after other graphs in the same process: a graph with clusters gets a process of
            # its own, so that its SVG is the same from build to build.
            alone = [[item] for item in todo if _SUBGRAPH_RE.search(item[0].source)]
            batches = alone + _split([item for item in todo if not _SUBGRAPH_RE.search(item[0].source)], self.jobs)
            layout.threads = [
                threading.Thread(target=layout.run, args=(executable, batch), name=f"pgm-dot-{i}", daemon=True)
                for i, batch in enumerate(batches)
            ]
            for thread in layout.threads:
                thread.start()
        else:
            layout.finish()
        return layout

    def _run(self, executable: str, sources: list[str], done: Callable[[int, str], None], layout: Layout) -> tuple[int, str, bool]:
        """One ``dot`` process for these graphs, handing each SVG to ``done(index, svg)`` as it
        comes out. Returns how many came out, why it stopped early (or ""), and whether
        that was the timeout: ``timeout`` seconds without a graph finishing."""
        self.stats.processes += 1
        try:
            process = subprocess.Popen([executable, "-Tsvg"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as exc:
            return 0, f"Graphviz could not be started: {exc}", False
        layout.processes.append(process)
        data = "\n".join(sources).encode("utf-8")
        stderr: list[bytes] = []
        feeder = threading.Thread(target=_feed, args=(process.stdin, data), daemon=True)
        drainer = threading.Thread(target=lambda: stderr.append(process.stderr.read() if process.stderr else b""), daemon=True)
        feeder.start()
        drainer.start()
        # A thread reads dot's output (select() does not work on pipes on Windows);
        # this one waits for it with the timeout.
        chunks: queue.Queue[bytes] = queue.Queue()
        reader = threading.Thread(target=_read, args=(process.stdout, chunks), daemon=True)
        reader.start()
        count, buffer, timed_out = 0, bytearray(), False
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                if layout.cancelled or remaining <= 0:
                    raise queue.Empty
                chunk = chunks.get(timeout=remaining)
            except queue.Empty:
                timed_out = not layout.cancelled
                process.kill()
                break
            if not chunk:
                break
            searched = max(0, len(buffer) - len(_END))
            buffer += chunk
            while (end := buffer.find(_END, searched)) != -1:
                end += len(_END)
                done(count, buffer[:end].decode("utf-8", "replace"))
                count += 1
                del buffer[:end]
                searched = 0
                deadline = time.monotonic() + self.timeout
        returncode = process.wait()
        for thread in (feeder, drainer, reader):  # bounded: a child of dot could hold a pipe open
            thread.join(timeout=5)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
        if layout.cancelled:
            return count, "the build stopped", False
        if timed_out:
            return count, f"Graphviz took longer than {self.timeout:g} s (graphviz_timeout)", True
        if returncode != 0 and count < len(sources):
            text = b"".join(stderr).decode("utf-8", "replace")
            problem = next((line.strip() for line in text.splitlines() if line.strip()), f"exit status {returncode}")
            return count, f"Graphviz failed: {problem}", False
        if count != len(sources):
            return count, f"Graphviz returned {count} diagrams for {len(sources)}", False
        return count, "", False

    def _batch(self, executable: str, batch: list[tuple[Graph, str]], layout: Layout) -> None:
        """Lay out one batch, delivering each graph's Result to ``layout`` as it is done.

        dot stops at the graph it cannot lay out (a syntax error, the timeout): that
        graph gets the error, the ones before keep their SVG, and the rest go on in
        one more process. So one bad graph costs only itself.
        """
        rest = batch
        while rest and not layout.cancelled:
            def done(index: int, svg: str, items: list[tuple[Graph, str]] = rest) -> None:
                layout.deliver(items[index][1], Result(clean_svg(svg)))

            count, problem, _ = self._run(executable, [graph.source for graph, _ in rest], done, layout)
            if not problem:
                return
            if count < len(rest):
                layout.deliver(rest[count][1], Result(None, problem))
                rest = rest[count + 1:]
            else:
                return
        for _, key in rest:  # cancelled
            layout.deliver(key, Result(None, "the build stopped"))

    # ------------------------------------------------------------ cache files

    def _path(self, key: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.svg" if self.cache_dir else None

    def _read_cache(self, key: str) -> str | None:
        """The cached SVG of ``key`` if its file passes the integrity check, else None (a miss).

        A file without the digest line (an older version's, or not ours) is a plain miss; one
        whose digest does not match, or whose SVG is not safe to inline, is counted in
        ``stats.rejected``. Either way the graph is laid out again and the file replaced.
        """
        path = self._path(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header, newline, body = data.partition(b"\n")
        match = _HEADER_RE.fullmatch(header)
        if match is None or not newline:
            return None
        try:
            svg = body.decode("utf-8")
        except UnicodeDecodeError:
            svg = None
        if svg is None or not hmac.compare_digest(match.group(1), _digest(key, svg)) or not is_safe_svg(svg):
            self.stats.rejected += 1
            return None
        return svg

    def _write_cache(self, key: str, svg: str) -> None:
        path = self._path(key)
        if path is None or not is_safe_svg(svg):  # an entry that would be rejected is not written
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
                handle.write(b"<!-- pgm-svg sha256=" + _digest(key, svg) + b" -->\n" + svg.encode("utf-8"))
            os.replace(handle.name, path)
        except OSError:
            pass  # a read-only cache folder only costs speed


def _read(pipe: IO[bytes] | None, chunks: queue.Queue[bytes]) -> None:
    """Hand ``pipe``'s output over chunk by chunk; an empty chunk at the end."""
    try:
        while pipe is not None and (chunk := pipe.read1(1 << 16)):  # type: ignore[attr-defined]
            chunks.put(chunk)
    except (OSError, ValueError):
        pass
    chunks.put(b"")


def _feed(pipe: IO[bytes] | None, data: bytes) -> None:
    if pipe is None:
        return
    try:
        pipe.write(data)
        pipe.close()
    except (BrokenPipeError, ValueError, OSError):  # dot stopped early (error, timeout, cancel)
        pass


def _split(items: list[tuple[Graph, str]], parts: int) -> list[list[tuple[Graph, str]]]:
    """Batches balanced by source length, each in the order given (each item into the
    lightest batch so far), so the first pages' diagrams come out first."""
    batches: list[list[tuple[Graph, str]]] = [[] for _ in range(min(parts, len(items)))]
    weights = [0] * len(batches)
    for item in items:
        lightest = weights.index(min(weights))
        batches[lightest].append(item)
        weights[lightest] += len(item[0].source)
    return [b for b in batches if b]
