"""Diagnostics: every problem the core finds, with the file, line and field it concerns."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Literal

Severity = Literal["error", "warning", "info"]

#: Characters that must not reach a terminal or a log as they are: C0 controls
#: but tab (escape codes, carriage return, newline), DEL, C1 controls, and the
#: invisible characters that reorder or break lines (bidi overrides, isolates,
#: marks, line and paragraph separators).
_UNSAFE_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def safe_text(text: str) -> str:
    """``text`` with control and bidi characters shown escaped (``\\x1b``, ``\\u202e``)."""
    return _UNSAFE_RE.sub(_escape_char, text) if _UNSAFE_RE.search(text) else text


@dataclass(frozen=True)
class Location:
    """A place in a source file (``line`` is 1-based, ``None`` when unknown)."""

    file: str
    line: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", safe_text(self.file))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Diagnostic:
    """One problem, printed as ``file:line: field.path: message``.

    ``related`` lists the other places involved (the other file of a duplicate
    id, every file of a dependency cycle).
    """

    file: str
    line: int | None
    field: str
    message: str
    severity: Severity = "error"
    code: str = "invalid"
    related: tuple[Location, ...] = ()

    def __post_init__(self) -> None:
        # Once, here: every output (log line, JSON, GitHub annotation) shows
        # front-matter text with its control characters escaped, so a key or
        # value cannot move the cursor, recolour the terminal or reorder a line.
        for name in ("file", "field", "message"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, safe_text(value))

    def __str__(self) -> str:
        where = str(Location(self.file, self.line))
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.related:
            text += " (see " + ", ".join(str(r) for r in self.related) + ")"
        return text

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.field, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
            "code": self.code,
            "related": [{"file": r.file, "line": r.line} for r in self.related],
        }


def _tokens(text: str) -> list[tuple[str, int]]:
    """Each character with its occurrence number (``"aba"`` -> a1, b1, a2): two strings
    share as many tokens as :meth:`difflib.SequenceMatcher.quick_ratio` counts matches."""
    seen: dict[str, int] = {}
    out = []
    for char in text:
        seen[char] = seen.get(char, 0) + 1
        out.append((char, seen[char]))
    return out


class Suggestions:
    """Candidates for :func:`did_you_mean`, indexed once for many lookups.

    Gives exactly what :func:`difflib.get_close_matches` gives (the best match
    at or above the cutoff, compared case-insensitively), but a lookup only
    compares the word with the candidates that share enough characters with it
    to reach the cutoff (difflib's ``quick_ratio`` bound, counted for all
    candidates at once from an index of characters), and remembers its answer.
    Thousands of unknown ids on a site of thousands of ids stay cheap.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        pool: dict[str, str] = {}
        for candidate in candidates:
            pool[candidate.lower()] = candidate
        self._pool = pool
        self._names = list(pool)
        self._lengths = [len(name) for name in self._names]
        self._longest = max(self._lengths, default=0)
        self._shortest = min(self._lengths, default=0)
        postings: dict[tuple[str, int], list[int]] = {}
        for index, name in enumerate(self._names):
            for token in _tokens(name):
                postings.setdefault(token, []).append(index)
        self._postings = postings
        self._answers: dict[tuple[str, float], str] = {}

    def hint(self, word: str, cutoff: float = 0.6) -> str:
        """``" (did you mean 'x'?)"`` for the closest candidate, or ``""``."""
        wanted = word.lower()
        key = (wanted, cutoff)
        answer = self._answers.get(key)
        if answer is None:
            best = self._best(wanted, cutoff)
            answer = self._answers[key] = f" (did you mean '{self._pool[best]}'?)" if best is not None else ""
        return answer

    def _best(self, word: str, cutoff: float) -> str | None:
        size = len(word)
        if not size or not self._names:
            return None
        # 2·min(a, b)/(a + b) (difflib's real_quick_ratio) is largest for the candidate
        # length nearest the word's: a word far longer than every candidate matches none.
        if size > self._longest and 2.0 * self._longest / (size + self._longest) < cutoff:
            return None
        shared = Counter(chain.from_iterable(self._postings.get(token, ()) for token in _tokens(word)))
        least = cutoff * (size + self._shortest) / 2
        lengths = self._lengths
        # difflib's quick_ratio of each candidate sharing characters with the word:
        # an upper bound of its ratio(). Best bounds first, so that the search stops
        # as soon as no candidate left can beat the best ratio found.
        ranked = sorted(
            ((bound, index) for index, count in shared.items()
             if count >= least and (bound := 2.0 * count / (size + lengths[index])) >= cutoff),
            reverse=True,
        )
        if not ranked:
            return None
        # The matches ratio() counts form a common subsequence: the longest common
        # subsequence (bit-parallel, a few integer operations per character) bounds
        # it more tightly than quick_ratio, and is far cheaper than ratio() itself.
        masks: dict[str, int] = {}
        for position, char in enumerate(word):
            masks[char] = masks.get(char, 0) | (1 << position)
        full = (1 << size) - 1
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for bound, index in ranked:
            if best is not None and bound < best[0]:
                break  # sorted: no candidate left can reach the best score
            name = self._names[index]
            rest = full
            for char in name:
                match = rest & masks.get(char, 0)
                rest = ((rest + match) | (rest - match)) & full
            common = size - rest.bit_count()
            closest = 2.0 * common / (size + lengths[index])
            if closest < cutoff or (best is not None and closest < best[0]):
                continue
            matcher.set_seq1(name)
            score = matcher.ratio()
            if score >= cutoff and (best is None or (score, name) > best):
                best = (score, name)
        return best[1] if best is not None else None


def did_you_mean(word: str, candidates: Iterable[str] | Suggestions, *, cutoff: float = 0.6) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest candidate, or ``""``.

    Pass a :class:`Suggestions` to look up many words among the same candidates.
    """
    suggestions = candidates if isinstance(candidates, Suggestions) else Suggestions(candidates)
    return suggestions.hint(word, cutoff)


def describe(value: object, limit: int = 60) -> str:
    """A short, readable rendering of a found value for messages."""
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, dict):
        text = "a mapping"
    elif isinstance(value, list):
        text = "a list"
    elif value is None:
        text = "nothing (null)"
    else:
        text = f"{value!r} ({type(value).__name__})"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """``file:line: field: message`` per line (editors jump to it); non-errors say what they are."""
    return "\n".join(str(d) if d.severity == "error" else f"{d} [{d.severity}]" for d in diagnostics)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)


def gh_escape(text: str, *, prop: bool = False) -> str:
    """``text`` escaped for a GitHub workflow command: its message, or a property (``prop``)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::message``)."""
    lines = []
    for d in diagnostics:
        level = {"error": "error", "warning": "warning", "info": "notice"}[d.severity]
        props = f"file={gh_escape(d.file, prop=True)}"
        if d.line:
            props += f",line={d.line}"
        props += f",title={gh_escape(d.field or d.code, prop=True)}"
        message = d.message
        if d.related:
            message += " (see " + ", ".join(str(r) for r in d.related) + ")"
        lines.append(f"::{level} {props}::{gh_escape(message)}")
    return "\n".join(lines)
