"""Code-aware scanning of Markdown bodies: first heading and ``[[ID]]`` references.

The scan runs once per page when the model is built (and in ``mkdocs-pgm
check``), so unknown references are reported with their line without a build.
Rendering the references is the Markdown extension's job
(:mod:`mkdocs_pgm.core.xref`); both skip fenced code, indented code and code spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Every pattern here sees user text: each is linear in the length of its input
# (no two unbounded quantifiers can match the same characters, and no match
# attempt scans past the point where the next attempt starts). What a regular
# expression cannot say linearly (a heading's closing #s, a trailing {attr}
# block, code spans) is done with string methods below.

#: ``[[ID]]`` or ``[[ID|text]]``; the id may name a nested entry (``P#m1``).
#: The text holds no ``[`` or ``]``: an unclosed ``[[ID|`` stops at the next ``[[``.
XREF_RE = re.compile(r"\[\[\s*([A-Za-z0-9][A-Za-z0-9_.#-]*)\s*(?:\|([^\[\]\n]*))?\]\]")
_FENCE_RE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
#: A level-1 ATX heading; its text (group 1) still holds the closing #s and trailing blanks.
_ATX_RE = re.compile(r"^[ ]{0,3}#[ \t]+(.+)$")
_SETEXT_RE = re.compile(r"^[ ]{0,3}=+[ \t]*$")
_LIST_RE = re.compile(r"^[ ]{0,3}([-*+]|\d+[.)])[ \t]")
_CONTAINER_RE = re.compile(r"^[ ]{0,3}(!!!|\?\?\?\+?|===)[ \t]")
_BACKTICKS_RE = re.compile(r"`+")


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
        indented = line.startswith(("    ", "\t"))
        if previous_blank and indented and line.strip() and not in_list:
            continue  # indented code block
        if line.strip() and not indented:
            # Indented lines continue a list item, an admonition or a content tab.
            in_list = bool(_LIST_RE.match(line) or _CONTAINER_RE.match(line))
        previous_blank = not line.strip()
        yield number, line


def blank_code_spans(line: str) -> str:
    """``line`` with every code span (```` `x` ````, ```` ``x`` ````…) replaced by spaces.

    As in CommonMark, a run of backticks opens a span that the next run of the
    same length closes; a run without one is literal. Linear: each run is
    visited once, and the next run of each length is found from the right.
    """
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(line)]
    closing: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        start, end = runs[index]
        closing[index] = last.get(end - start)
        last[end - start] = index
    parts: list[str] = []
    done = 0
    index = 0
    while index < len(runs):
        close = closing[index]
        if close is None:
            index += 1
            continue
        start, end = runs[index][0], runs[close][1]
        parts.append(line[done:start])
        parts.append(" " * (end - start))
        done = end
        index = close + 1
    parts.append(line[done:])
    return "".join(parts)


def references(body: str, first_line: int = 1) -> list[Reference]:
    """Every ``[[ID]]`` outside code, with its line."""
    found = []
    for number, line in prose_lines(body, first_line):
        if "[[" not in line:
            continue
        line = blank_code_spans(line)
        for match in XREF_RE.finditer(line):
            text = match.group(2)
            found.append(Reference(match.group(1), text.strip() if text is not None else None, number))
    return found


def _without_closing(text: str) -> str:
    """An ATX heading's text without its closing sequence (``# Title ##``) and trailing blanks."""
    text = text.rstrip(" \t")
    closed = text.rstrip("#")
    if closed != text and closed[-1:] in (" ", "\t"):
        text = closed.rstrip(" \t")
    return text


def _without_attributes(text: str) -> str:
    """``text`` without a trailing attribute list (``Title {#id .class}``), stripped."""
    text = text.rstrip()
    if text.endswith("}"):
        # The earliest "{" after the last "}" before the final one opens the block.
        opening = text.find("{", text.rfind("}", 0, len(text) - 1) + 1, len(text) - 1)
        if opening >= 0:
            text = text[:opening]
    return text.strip()


def first_heading_at(body: str, first_line: int = 1) -> tuple[str | None, int | None]:
    """The text of the first level-1 heading (ATX or setext), without attributes, and its line."""
    previous: str | None = None
    previous_number = first_line
    for number, line in prose_lines(body, first_line):
        match = _ATX_RE.match(line)
        if match:
            return _without_attributes(_without_closing(match.group(1))) or None, number
        if previous and previous.strip() and _SETEXT_RE.match(line):
            return _without_attributes(previous), previous_number
        previous, previous_number = line, number
    return None, None


def first_heading(body: str) -> str | None:
    """The text of the first level-1 heading (ATX or setext), without attributes."""
    return first_heading_at(body)[0]


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


def place_entity_directives(body: str) -> str:
    """An entity page's Markdown body with its card (after the title) and its sections (at the
    end) as directives, unless the page writes them itself."""
    if not has_directive(body, "card"):
        line = first_heading_line(body)
        lines = body.split("\n")
        lines.insert(line, "\n<!-- pgm:card -->\n")
        body = "\n".join(lines)
    if not has_directive(body, "sections"):
        body = f"{body.rstrip()}\n\n<!-- pgm:sections -->\n"
    return body


#: A directive in HTML (Markdown keeps the comment as it was written). Its
#: arguments hold no ``<`` or ``>``, so an unclosed ``<!-- pgm:x`` stops at the next tag.
DIRECTIVE_RE = re.compile(r"<!--\s*pgm:([a-z][a-z-]*)(?![\w-])([^<>]*?)-->")
_DIRECTIVE_LINE_RE = re.compile(r"^[ ]{0,3}<!--\s*pgm:([a-z][a-z-]*)(?![\w-])(.*?)-->\s*$")
#: ``key=value``: a key starts a word (so a long word is scanned once, not from each letter).
_ARG_RE = re.compile(r"(?<![\w-])([A-Za-z_][\w-]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s]+)")


@dataclass(frozen=True)
class Directive:
    """``<!-- pgm:roadmap program=PRG-A status=active,planned -->`` on a line of its own."""

    name: str
    args: tuple[tuple[str, tuple[str, ...]], ...]
    line: int
    rest: str = ""
    text: str = ""
    """The arguments as written (what the fragment cache keys on)."""

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
            found.append(Directive(match.group(1), args, number, rest, match.group(2).strip()))
    return found


# --------------------------------------------------------------------------- HTML

#: An opening or closing heading tag (``<h2 id="x" class="y">``, ``</h2>``).
#: A tag of HTML we rendered ourselves (linear: one class, no nesting).
TAG_RE = re.compile(r"<[^<>]+>")
_HEADING_TAG_RE = re.compile(r"<(/?)h([1-6])\b([^<>]*)>")
_ID_ATTR_RE = re.compile(r"\bid=\"([^\"]+)\"")


@dataclass(frozen=True)
class HtmlHeading:
    """A heading with an id in HTML: where it is and what it holds."""

    start: int
    end: int
    level: int
    id: str
    inner: str
    """Its content, as HTML."""


def html_headings(html: str) -> Iterator[HtmlHeading]:
    """Every ``<hN id="…">…</hN>`` of ``html``, in order (headings do not nest).

    Linear, whatever the text: a heading is closed by the next heading tag,
    which must be its own closing tag (a heading left open is skipped), so no
    part of the text is scanned twice.
    """
    tags = _HEADING_TAG_RE.finditer(html)
    opening = next(tags, None)
    while opening is not None:
        following = next(tags, None)
        if opening.group(1) or following is None:
            opening = following
            continue
        if following.group(1) and following.group(2) == opening.group(2):
            ident = _ID_ATTR_RE.search(opening.group(3))
            if ident is not None:
                yield HtmlHeading(
                    opening.start(), following.end(), int(opening.group(2)), ident.group(1), html[opening.end():following.start()],
                )
            opening = next(tags, None)
        else:
            opening = following
