"""New pages with valid front matter (``mkdocs-pgm new``), as adr-tools does for decisions.

:func:`plan` works out, from the model of the docs folder, what to write: the new page
(its folder, file name, id and text) and, for ``--supersedes``, the edit that marks each
replaced decision ``superseded``. It writes nothing; the CLI does, and refuses to overwrite.
Every page it makes passes validation (``tests/test_scaffold.py`` checks each kind).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

from .model.frontmatter import block_span
from .model.registry import Entity, Registry
from .text import slugify

Kind = Literal["project", "program", "decision"]
KINDS: tuple[Kind, ...] = ("project", "program", "decision")

#: Where a kind's pages go when the docs hold none of them yet.
DEFAULT_FOLDERS: dict[Kind, str] = {"project": "projects", "program": "programs", "decision": "decisions"}

_NUMBERED_ID = re.compile(r"^([A-Za-z][A-Za-z0-9]*)-(\d+)$")
_NUMBERED_FILE = re.compile(r"^(\d+)-")
_STATUS_LINE = re.compile(r"(?m)^status[ \t]*:.*$")
_TYPE_LINE = re.compile(r"(?m)^type[ \t]*:.*$")


class ScaffoldError(ValueError):
    """What is wrong with the request, in one sentence for the user."""


@dataclass(frozen=True)
class Edit:
    """A change to an existing page: its new text."""

    src_uri: str
    text: str
    reason: str


@dataclass(frozen=True)
class Plan:
    src_uri: str
    ident: str
    text: str
    edits: list[Edit] = field(default_factory=list)


@dataclass(frozen=True)
class Request:
    kind: Kind
    title: str
    ident: str | None = None
    owner: str | None = None
    program: str | None = None
    portfolio: str | None = None
    scope: str | None = None
    supersedes: Sequence[str] = ()
    folder: str | None = None
    status: Literal["proposed", "accepted"] | None = None
    """A decision's status; by default ``accepted`` when it supersedes others (they are marked
    ``superseded``), else ``proposed``. A proposed successor leaves them as they are: a decision
    is superseded only by an accepted one."""


def _yaml(value: str) -> str:
    """A YAML scalar for ``value``: JSON's quoting is valid YAML and escapes everything."""
    return json.dumps(value, ensure_ascii=False)


def _folder(registry: Registry, kind: Kind) -> str:
    """Where most pages of ``kind`` are, else the default folder."""
    folders = Counter(str(PurePosixPath(e.src_uri).parent) for e in registry.of_kind(kind) if not e.virtual)
    if not folders:
        return DEFAULT_FOLDERS[kind]
    folder, _ = max(folders.items(), key=lambda item: (item[1], item[0]))
    return "" if folder == "." else folder


def _entity(registry: Registry, ident: str, kind: str, option: str) -> Entity:
    found = registry.get(ident)
    if found is None or found.virtual or found.kind != kind:
        known = sorted(e.id for e in registry.of_kind(kind) if not e.virtual)
        hint = f"; known: {', '.join(known[:12])}{'…' if len(known) > 12 else ''}" if known else f"; the docs hold no {kind} page yet"
        raise ScaffoldError(f"{option} {ident}: no {kind} has this id{hint}")
    return found


def _next_decision(registry: Registry, folder: str, taken: set[str]) -> tuple[int, str, int]:
    """The next number of an ADR folder and the id pattern in use: (number, id prefix, width)."""
    numbers = [int(m.group(1)) for e in registry.of_kind("decision") if (m := _NUMBERED_FILE.match(PurePosixPath(e.src_uri).name))]
    numbers += [int(m.group(1)) for name in taken if (m := _NUMBERED_FILE.match(PurePosixPath(name).name)) and name.startswith(folder)]
    prefixes: Counter[str] = Counter()
    widths: Counter[int] = Counter()
    for entity in registry.of_kind("decision"):
        match = _NUMBERED_ID.match(entity.id)
        if match:
            prefixes[match.group(1)] += 1
            widths[len(match.group(2))] += 1
            numbers.append(int(match.group(2)))
    prefix = prefixes.most_common(1)[0][0] if prefixes else "ADR"
    width = widths.most_common(1)[0][0] if widths else 4
    return (max(numbers) + 1 if numbers else 1), prefix, width


def _mark_superseded(entity: Entity, text: str, by: str) -> Edit:
    """``status: superseded`` in the front matter of ``entity``'s page (the rest is left as written)."""
    span = block_span(text)
    if span is None:
        raise ScaffoldError(f"--supersedes {entity.id}: {entity.file} has no front matter to mark")
    start, end = span
    front = text[start:end]
    if _STATUS_LINE.search(front):
        front = _STATUS_LINE.sub("status: superseded", front, count=1)
    else:
        kind = _TYPE_LINE.search(front)
        at = kind.end() if kind else 0
        front = f"{front[:at]}\nstatus: superseded{front[at:]}" if kind else f"status: superseded\n{front}"
    return Edit(entity.src_uri, text[:start] + front + text[end:], f"{entity.id} is now superseded by {by}")


def plan(request: Request, registry: Registry, *, today: dt.date, read: dict[str, str], existing: set[str]) -> Plan:
    """What ``mkdocs-pgm new`` writes. ``read``: the text of pages by src_uri (for edits); ``existing``: src_uris taken."""
    title = " ".join(request.title.split())
    if not title:
        raise ScaffoldError("the title is empty")
    kind = request.kind
    folder = (request.folder if request.folder is not None else _folder(registry, kind)).strip("/")
    slug = slugify(title)
    if kind == "decision":
        number, prefix, width = _next_decision(registry, folder, existing)
        name = f"{number:0{max(width, 4)}d}-{slug}.md"
        ident = request.ident or f"{prefix}-{number:0{width}d}"
    else:
        name = f"{slug}.md"
        ident = request.ident or slug.upper()
    src_uri = f"{folder}/{name}" if folder else name
    if src_uri in existing:
        raise ScaffoldError(f"{src_uri} exists already; nothing was written (give another title or --dir)")
    taken = registry.get(ident)
    if taken is not None:
        raise ScaffoldError(f"the id {ident} is taken by {taken.file}; give another with --id")

    lines = ["---", f"type: {kind}", f"id: {ident}", f"title: {_yaml(title)}"]
    edits: list[Edit] = []
    if kind in ("project", "program"):
        lines.append(f"owner: {_yaml(request.owner or 'To be named')}")
    if kind == "project":
        if request.program:
            lines.append(f"program: {_entity(registry, request.program, 'program', '--program').id}")
        lines += ["status: planned", "health: green", "phase: initiation", f"start: {today.isoformat()}",
                  "# end: YYYY-MM-DD        # the planned end date", "summary: >-", "  What this project delivers, in one or two sentences."]
    elif kind == "program":
        if request.portfolio:
            lines.append(f"portfolio: {_entity(registry, request.portfolio, 'portfolio', '--portfolio').id}")
        lines += ["status: proposed", "summary: >-", "  The outcome this program is for, in one or two sentences.", "objectives: []",
                  "governance:", "  forums: []", "  escalation: []"]
    else:
        status = request.status or ("accepted" if request.supersedes else "proposed")
        lines += [f"status: {status}", f"date: {today.isoformat()}", "decision-makers: []"]
        scope = request.scope or request.program
        if scope:
            found = registry.get(scope)
            if found is None or found.virtual or found.kind not in ("portfolio", "program", "project"):
                raise ScaffoldError(f"--scope {scope}: no portfolio, program or project has this id")
            lines.append(f"scope: {found.id}")
        replaced = [_entity(registry, old, "decision", "--supersedes") for old in request.supersedes]
        if replaced:  # a proposed decision supersedes nothing yet: the line waits for its acceptance
            listed = "supersedes: [" + ", ".join(e.id for e in replaced) + "]"
            lines.append(listed if status == "accepted" else f"# {listed}   # once accepted (and mark those superseded)")
        for old in replaced if status == "accepted" else ():
            text = read.get(old.src_uri)
            if text is None:
                raise ScaffoldError(f"--supersedes {old.id}: {old.file} could not be read")
            edits.append(_mark_superseded(old, text, ident))
    lines += ["---", "", f"# {title}", ""]
    if kind == "decision":
        lines += ["## Context and problem statement", "", "What is the question, and why does it need a decision now?", "",
                  "## Considered options", "", "- Option 1", "- Option 2", "",
                  "## Decision outcome", "", "Chosen option: …, because …", "",
                  "### Consequences", "", "- Good, because …", "- Bad, because …", ""]
    else:
        lines += ["Why it exists, what is in and out of scope, and how it is run.", ""]
    return Plan(src_uri, ident, "\n".join(lines), edits)
