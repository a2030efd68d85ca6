"""Code-aware scanning of Markdown bodies: first heading and ``[[ID]]`` references.

The scan runs once per page when the model is built (and in ``mkdocs-pgm
check``), so unknown references are reported with their line without a build.
Rendering the references is the Markdown extension's job
(:mod:`mkdocs_pgm.core.xref`); both skip fenced code, indented code and code spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

#: ``[[ID]]`` or ``[[ID|text]]``; the id may name a nested entry (``P#m1``).
XREF_RE = re.compile(r"\[\[\s*([A-Za-z0-9][A-Za-z0-9_.#-]*)\s*(?:\|([^\]\n]*))?\]\]")
_FENCE_RE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^[ ]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^[ ]{0,3}=+[ \t]*$")
_ATTR_RE = re.compile(r"\s*\{[^}]*\}\s*$")
_LIST_RE = re.compile(r"^[ ]{0,3}([-*+]|\d+[.)])[ \t]")
_CONTAINER_RE = re.compile(r"^[ ]{0,3}(!!!|\?\?\?\+?|===)[ \t]")
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)


@dataclass(frozen=True)
class Reference:
    """One ``[[ID]]`` in a page body."""

    target: str
    text: str | None
    line: int


def prose_lines(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for lines outside fenced and indented code."""
    fence: str | None = None
    previous_blank = True
    in_list = False  # indented lines after a list item continue it (Python-Markdown)
    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        match = _FENCE_RE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            previous_blank = False
            continue
        if match:
            fence = match.group(1)
            continue
        indented = line.startswith("    ") or line.startswith("\t")
        if previous_blank and indented and line.strip() and not in_list:
            continue  # indented code block
        if line.strip() and not indented:
            # Indented lines continue a list item, an admonition or a content tab.
            in_list = bool(_LIST_RE.match(line) or _CONTAINER_RE.match(line))
        previous_blank = not line.strip()
        yield number, line


def references(body: str, first_line: int = 1) -> list[Reference]:
    """Every ``[[ID]]`` outside code, with its line."""
    found = []
    for number, line in prose_lines(body, first_line):
        if "[[" not in line:
            continue
        line = _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)
        for match in XREF_RE.finditer(line):
            text = match.group(2)
            found.append(Reference(match.group(1), text.strip() if text is not None else None, number))
    return found


def first_heading(body: str) -> str | None:
    """The text of the first level-1 heading (ATX or setext), without attributes."""
    previous: str | None = None
    for _, line in prose_lines(body):
        match = _ATX_RE.match(line)
        if match:
            return _ATTR_RE.sub("", match.group(1)).strip() or None
        if previous and previous.strip() and _SETEXT_RE.match(line):
            return _ATTR_RE.sub("", previous).strip()
        previous = line
    return None


def first_heading_line(body: str) -> int:
    """Index of the line just after the first level-1 heading (0 when there is none)."""
    previous: str | None = None
    for number, line in prose_lines(body, 0):
        if _ATX_RE.match(line):
            return number + 1
        if previous and previous.strip() and _SETEXT_RE.match(line):
            return number + 1
        previous = line
    return 0


def has_directive(body: str, name: str) -> bool:
    """Whether a ``<!-- pgm:NAME -->`` directive stands on a line of its own outside code."""
    return any(d.name == name for d in directives(body))


#: A directive in HTML (Markdown keeps the comment as it was written).
DIRECTIVE_RE = re.compile(r"<!--\s*pgm:([a-z][a-z-]*)(?![\w-])(.*?)-->", re.DOTALL)
_DIRECTIVE_LINE_RE = re.compile(r"^[ ]{0,3}<!--\s*pgm:([a-z][a-z-]*)(?![\w-])(.*?)-->\s*$")
_ARG_RE = re.compile(r"([A-Za-z_][\w-]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s]+)")


@dataclass(frozen=True)
class Directive:
    """``<!-- pgm:roadmap program=PRG-A status=active,planned -->`` on a line of its own."""

    name: str
    args: tuple[tuple[str, tuple[str, ...]], ...]
    line: int
    rest: str = ""

    def get(self, key: str) -> tuple[str, ...]:
        for name, values in self.args:
            if name == key:
                return values
        return ()


def parse_args(text: str) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], str]:
    """``key=a,b key2="x y"`` -> ((key, (a, b)), (key2, ("x y",))) and what did not parse."""
    args = []
    for match in _ARG_RE.finditer(text):
        value = match.group(2).strip("\"'")
        args.append((match.group(1).lower().replace("-", "_"), tuple(v.strip() for v in value.split(",") if v.strip())))
    rest = _ARG_RE.sub("", text).strip()
    return tuple(args), rest


def directives(body: str, first_line: int = 1) -> list[Directive]:
    """Every ``<!-- pgm:name ... -->`` line outside code."""
    found = []
    for number, line in prose_lines(body, first_line):
        match = _DIRECTIVE_LINE_RE.match(line)
        if match:
            args, rest = parse_args(match.group(2))
            found.append(Directive(match.group(1), args, number, rest))
    return found
