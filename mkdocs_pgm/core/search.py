"""Search entries of nested entries: each risk, decision, benefit, milestone… is a result of its own.

Host-independent: the host adds these entries to its search index (Material's
search plugin and MkDocs' built-in one both accept ``location``, ``title`` and
``text``), next to the entries they make for the page and its headings. An
entry lands on the anchor the entry has on its page, and its text carries the
metadata people search for: ids, owners, statuses, the page and the program.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape

from .registers import program_of, risk_row
from .registry import Entity, Nested

LABELS = {
    "milestone": "Milestone",
    "decision": "Decision",
    "risk": "Risk",
    "assumption": "Assumption",
    "issue": "Issue",
    "change": "Change request",
    "benefit": "Benefit",
}


@dataclass(frozen=True)
class SearchEntry:
    anchor: str
    """The entry's id on its page (without ``#``)."""
    title: str
    text: str


def _people(value: object) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value or "")


def _facts(entry: Nested) -> Iterable[str]:
    item = entry.item
    kind = entry.kind
    if kind == "risk":
        row = risk_row(entry)
        if row.score is not None:
            yield f"probability {item.probability} × impact {item.impact} = score {row.score}"  # type: ignore[attr-defined]
        if row.above:
            yield f"at or above the escalation threshold {row.threshold}"
            if row.escalate_to:
                yield f"{'escalated, next' if row.escalated else 'escalate to'} {row.escalate_to}"
    for name in ("owner", "decision_makers", "consulted", "informed", "forum", "kpi", "mitigation"):
        value = getattr(item, name, None)
        if value:
            yield f"{name.replace('_', ' ')}: {_people(value)}"
    for name in ("date", "due", "raised"):
        value = getattr(item, name, None)
        if value:
            yield f"{name} {value.isoformat()}"
    impact = getattr(item, "impact", None) if kind == "change" else None
    if impact is not None:
        if impact.schedule_days is not None:
            yield f"schedule impact {impact.schedule_days:+d} days"
        if impact.cost is not None:
            yield f"cost impact {impact.cost:g}"
        if impact.scope:
            yield f"scope: {impact.scope}"
    for later in entry.rel.superseded_by:
        yield f"superseded by {later.ref_id} {later.title}"
    for earlier in entry.rel.supersedes:
        yield f"supersedes {earlier.ref_id} {earlier.title}"
    for decision in entry.rel.settled_by:
        yield f"settled by {decision.ref_id} {decision.title}"
    for project in entry.rel.contributors:
        yield f"contributing project {project.id} {project.title}"


def nested_entries(entity: Entity) -> list[SearchEntry]:
    """One search entry per nested entry of ``entity``'s page, in page order."""
    out = []
    program = program_of(entity)
    where = f"{entity.title} ({entity.id})"
    if program is not None and program is not entity:
        where += f", program {program.title} ({program.id})"
    for entry in entity.nested:
        label = LABELS.get(entry.kind, entry.kind.capitalize())
        parts = [entry.ref_id, label.lower()]
        if entry.status:
            parts.append(entry.status.replace("-", " "))
        parts.extend(_facts(entry))
        parts.append(f"on {where}")
        out.append(SearchEntry(entry.anchor, f"{label}: {entry.title}", " · ".join(parts)))
    return out


def tags_of(entity: Entity, fields: Iterable[str]) -> list[str]:
    """Tags for Material's tags plugin: the entity's program (its title) and/or status."""
    tags = []
    for name in fields:
        if name == "program":
            program = program_of(entity)
            if program is not None:
                tags.append(program.title)
        elif name == "status" and entity.status:
            tags.append(entity.status.replace("-", " "))
        elif name == "type":
            tags.append(entity.kind)
        elif name == "health" and entity.health:
            tags.append(entity.health)
    return tags


_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_SECTION_HEADING_RE = re.compile(r"<h([1-6])\b[^>]*?\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    return " ".join(unescape(_TAG_RE.sub(" ", html)).split())


def fragment_sections(html: str) -> list[tuple[str | None, str | None, str]]:
    """Plain text of HTML the plugin rendered, split at its headings, for a search index.

    Returns ``(heading id, heading title, text)`` per section; the first has no
    heading when text comes before the first heading (it belongs to whatever
    section of the page the fragment sits in). Drawings (inline SVG) are left
    out: their text is in the tables next to them. A regular expression is
    enough here (the HTML is ours, from our templates) and far cheaper than an
    HTML parser over every page.
    """
    html = _SVG_RE.sub(" ", html)
    out: list[tuple[str | None, str | None, str]] = []
    last, ident, title = 0, None, None
    for match in _SECTION_HEADING_RE.finditer(html):
        text = _plain(html[last:match.start()])
        if text or ident is not None:
            out.append((ident, title, text))
        ident, title, last = match.group(2), _plain(match.group(3)), match.end()
    text = _plain(html[last:])
    if text or ident is not None:
        out.append((ident, title, text))
    return out
