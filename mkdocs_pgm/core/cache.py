"""Rendered fragments and exports, kept by fingerprint: in memory across ``mkdocs serve``
rebuilds, and on disk in ``cache_dir`` so that a warm CI build renders nothing it rendered before.

A cache file is JSON, after a first line holding the SHA-256 of its key and its
content: a file changed after it was written (or written for another key) is a
miss. The HTML of a cached fragment goes into pages as it is, so a fragment
must also hold nothing that can run script (:func:`is_safe_html`): our
templates never write any, and a file that does is a miss, not an injection.
A miss is always safe: the fragment is rendered again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .views.render import Fragment, Heading

#: Markup that can run script, matched in the lowercased HTML: a script or frame element, an
#: event-handler attribute (after a space, a slash or a quote), a javascript:, vbscript: or
#: data: URL in an attribute. Escaped user text never matches (its ``<`` and quotes are
#: entities). Three searches with a literal start are faster than one alternation.
_UNSAFE_ELEMENT_RE = re.compile(r"<\s*/?\s*(?:script|iframe|frame|object|embed|base|meta|link)\b")
_HANDLER_RE = re.compile(r"on[a-z]+\s*=")
_UNSAFE_URL_RE = re.compile(r"=\s*[\"']?\s*(?:javascript|vbscript|data)\s*:")
_BEFORE_ATTRIBUTE = frozenset(" \t\n\r\f/\"'")
#: Bump when what a cache file holds changes shape.
FORMAT = "1"


def _fragment_of(data: dict[str, object]) -> Fragment | None:
    """A cached fragment, if it is well formed and holds nothing that can run script."""
    html, rows = data.get("html"), data.get("headings")
    if not isinstance(html, str) or not is_safe_html(html) or not isinstance(rows, list):
        return None
    if not all(isinstance(r, list) and len(r) == 3 and isinstance(r[0], int) and 1 <= r[0] <= 6 for r in rows):
        return None
    return Fragment(html, [Heading(level, str(ident), str(title)) for level, ident, title in rows])


def _text_of(data: dict[str, object]) -> str | None:
    text = data.get("text")
    return text if isinstance(text, str) else None


def is_safe_html(html: str) -> bool:
    text = html.lower()
    if _UNSAFE_ELEMENT_RE.search(text) or _UNSAFE_URL_RE.search(text):
        return False
    return not any(m.start() and text[m.start() - 1] in _BEFORE_ATTRIBUTE for m in _HANDLER_RE.finditer(text))


def _digest(key: str, body: str) -> str:
    return hashlib.sha256(f"{key}\n{body}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Stats:
    memory: int = 0
    disk: int = 0
    misses: int = 0
    rejected: int = 0
    written: int = 0


class FragmentCache:
    """Fragments and export texts by key (a page fingerprint and what is rendered from it)."""

    def __init__(self, directory: str | os.PathLike[str] | None) -> None:
        self.directory = Path(directory) if directory else None
        self.memory: dict[str, Fragment | str] = {}
        #: Keep what is read or rendered in memory for the next build (``mkdocs serve``); a one-off
        #: build uses each fragment once, and holding them all would double its peak memory.
        self.keep = False
        #: Keys used by the current build: what ``prune`` keeps.
        self.used: set[str] = set()
        self.stats = Stats()

    def start(self) -> None:
        """A new build: count afresh."""
        self.used = set()
        self.stats = Stats()

    def _path(self, key: str) -> Path | None:
        return self.directory / "fragments" / key[:2] / f"{key}.json" if self.directory else None

    def _read(self, key: str) -> object | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        first, _, body = text.partition("\n")
        if not hmac.compare_digest(first.encode(), _digest(key, body).encode()):
            self.stats.rejected += 1
            return None
        try:
            return json.loads(body)
        except ValueError:
            self.stats.rejected += 1
            return None

    def _write(self, key: str, data: object) -> None:
        path = self._path(key)
        if path is None:
            return
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
                out.write(f"{_digest(key, body)}\n{body}")
            os.replace(out.name, path)
            self.stats.written += 1
        except OSError:  # a read-only or full disk: the build goes on without it
            pass

    def has(self, key: str) -> bool:
        """Whether ``key`` is probably cached (a file that fails its check later is a miss then)."""
        if key in self.memory:
            return True
        path = self._path(key)
        return path is not None and path.is_file()

    def _get(self, key: str, kind: type[Fragment] | type[str], decode: Callable[[dict[str, object]], Fragment | str | None]) -> Fragment | str | None:
        """From memory, else from the folder (``decode``: the entry, or None when it is not acceptable)."""
        self.used.add(key)
        kept = self.memory.get(key)
        if isinstance(kept, kind):
            self.stats.memory += 1
            return kept
        data = self._read(key)
        if isinstance(data, dict) and data.get("format") == FORMAT:
            value = decode(data)
            if value is not None:
                if self.keep:
                    self.memory[key] = value
                self.stats.disk += 1
                return value
            self.stats.rejected += 1
        self.stats.misses += 1
        return None

    def _put(self, key: str, value: Fragment | str, data: dict[str, object]) -> None:
        self.used.add(key)
        if self.keep:
            self.memory[key] = value
        self._write(key, {"format": FORMAT, **data})

    def fragment(self, key: str) -> Fragment | None:
        found = self._get(key, Fragment, _fragment_of)
        return found if isinstance(found, Fragment) else None

    def put_fragment(self, key: str, fragment: Fragment) -> None:
        if fragment.complete:
            self._put(key, fragment, {"html": fragment.html, "headings": [[h.level, h.id, h.title] for h in fragment.headings]})

    def text(self, key: str) -> str | None:
        found = self._get(key, str, _text_of)
        return found if isinstance(found, str) else None

    def put_text(self, key: str, text: str) -> None:
        self._put(key, text, {"text": text})

    def forget_unused(self) -> None:
        """Drop from memory what this build did not use (``mkdocs serve`` keeps one build's worth)."""
        for key in [k for k in self.memory if k not in self.used]:
            del self.memory[key]

    def prune(self) -> int:
        """Delete the files of the cache this (complete) build did not use; returns how many."""
        if self.directory is None:
            return 0
        removed = 0
        root = self.directory / "fragments"
        try:
            folders = list(root.iterdir())
        except OSError:
            return 0
        for folder in folders:
            try:
                for path in folder.iterdir():
                    if path.suffix == ".json" and path.stem not in self.used:
                        path.unlink()
                        removed += 1
            except OSError:
                continue
        return removed
