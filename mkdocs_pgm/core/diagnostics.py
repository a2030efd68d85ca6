"""Diagnostics: every problem the core finds, with the file, line and field it concerns."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Location:
    """A place in a source file (``line`` is 1-based, ``None`` when unknown)."""

    file: str
    line: int | None = None

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
    related: tuple[Location, ...] = field(default=())

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


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest candidate, or ``""``."""
    pool = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(word.lower(), list(pool), n=1, cutoff=cutoff)
    return f" (did you mean '{pool[match[0]]}'?)" if match else ""


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


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::message``)."""
    lines = []
    for d in diagnostics:
        level = {"error": "error", "warning": "warning", "info": "notice"}[d.severity]
        props = f"file={_gh_escape(d.file, prop=True)}"
        if d.line:
            props += f",line={d.line}"
        props += f",title={_gh_escape(d.field or 'front matter', prop=True)}"
        message = d.message
        if d.related:
            message += " (see " + ", ".join(str(r) for r in d.related) + ")"
        lines.append(f"::{level} {props}::{_gh_escape(message)}")
    return "\n".join(lines)
