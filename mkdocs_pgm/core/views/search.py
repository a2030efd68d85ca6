"""Search entries of nested entries: each risk, decision, benefit, milestone… is a result of its own.

Host-independent: the host adds these entries to its search index (Material's
search plugin and MkDocs' built-in one both accept ``location``, ``title`` and
``text``), next to the entries they make for the page and its headings. An
entry lands on the anchor the entry has on its page, and its text carries the
metadata people search for: ids, owners, statuses, the page and the program.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape

from ..analysis.registers import program_of, risk_row
from ..diagnostics import Diagnostic
from ..i18n import ENGLISH, Locale
from ..limits import MAX_CONTEXT_TEXT
from ..model.markdown_scan import TAG_RE
from ..model.registry import Entity, Nested, Registry


@dataclass(frozen=True)
class SearchEntry:
    anchor: str
    """The entry's id on its page (without ``#``)."""
    title: str
    text: str


def _context(text: str) -> str:
    """A title repeated as context in every entry of a page, cut to :data:`~.limits.MAX_CONTEXT_TEXT`."""
    return text if len(text) <= MAX_CONTEXT_TEXT else text[: MAX_CONTEXT_TEXT - 1].rstrip() + "…"


def _amount(value: float) -> str:
    """``value`` as ``:g`` does, for finite values only (a non-finite value is not a fact)."""
    return f"{value:g}" if math.isfinite(value) else "unknown"


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
            yield f"cost impact {_amount(impact.cost)}"
        if impact.scope:
            yield f"scope: {impact.scope}"
    for later in entry.rel.superseded_by:
        yield f"superseded by {later.ref_id} {_context(later.title)}"
    for earlier in entry.rel.supersedes:
        yield f"supersedes {earlier.ref_id} {_context(earlier.title)}"
    for decision in entry.rel.settled_by:
        yield f"settled by {decision.ref_id} {_context(decision.title)}"
    for project in entry.rel.contributors:
        yield f"contributing project {project.id} {_context(project.title)}"


def nested_entries(entity: Entity, locale: Locale = ENGLISH) -> list[SearchEntry]:
    """One search entry per nested entry of ``entity``'s page, in page order."""
    out = []
    program = program_of(entity)
    # Repeated in every entry: the titles are cut (the entry's own title is not).
    where = f"{_context(entity.title)} ({entity.id})"
    if program is not None and program is not entity:
        where += f", program {_context(program.title)} ({program.id})"
    for entry in entity.nested:
        label = locale.vocabulary("type", entry.kind)  # "Risk", "Change request": in the site's language
        parts = [entry.ref_id, label.lower()]
        if entry.status:
            parts.append(locale.label(entry.status))
        parts.extend(_facts(entry))
        parts.append(f"on {where}")
        out.append(SearchEntry(entry.anchor, f"{label}: {entry.title}", " · ".join(parts)))
    return out


def remote_anchor(entity: Entity) -> str:
    """The id of an imported entity's row in the catalog: its search results land there."""
    return f"pgm-remote-{entity.id.lower()}"


def remote_entries(registry: Registry, locale: Locale = ENGLISH) -> list[SearchEntry]:
    """Search entries, on the catalog, for the entities of other sites (``sources``) and their entries:
    their pages are elsewhere, and both search plugins take only this site's addresses."""
    out = []
    for entity in registry.entities:
        if entity.origin is None:
            continue
        anchor = remote_anchor(entity)
        label = locale.vocabulary("type", entity.kind)
        parts = [entity.id, label.lower()]
        if entity.status:
            parts.append(locale.label(entity.status))
        for value in (getattr(entity.model, "owner", None), getattr(entity.model, "summary", None)):
            if isinstance(value, str) and value:
                parts.append(value)
        parts.append(f"on {entity.origin}")
        out.append(SearchEntry(anchor, f"{label}: {entity.title}", " · ".join(parts)))
        out.extend(SearchEntry(anchor, e.title, e.text) for e in nested_entries(entity, locale))
    return out


#: An HTML tag, comment or declaration (``<`` then a letter, ``/``, ``!`` or ``?``), and such a start left unclosed.
_MARKUP_RE = re.compile(r"<[A-Za-z/!?][^<>]*>")
_MARKUP_START_RE = re.compile(r"<(?=[A-Za-z/!?])")


def plain_tag(text: str) -> str:
    """``text`` as a tag: themes print tags as HTML, so markup is dropped (a ``<`` that could
    open a tag included); ``R&D <-> Ops`` stays as it is."""
    return " ".join(_MARKUP_START_RE.sub("", _MARKUP_RE.sub("", text)).split())


def tags_of(entity: Entity, fields: Iterable[str], problems: list[Diagnostic] | None = None) -> list[str]:
    """Tags for Material's tags plugin: the entity's program (its title) and/or status.

    Every tag is plain text (Material prints tags as HTML): markup in a program's
    title is left out of its tag, and a warning about it goes to ``problems``.
    """
    tags = []
    for name in fields:
        if name == "program":
            program = program_of(entity)
            if program is not None:
                tag = plain_tag(program.title)
                if tag != " ".join(program.title.split()) and problems is not None:
                    problems.append(Diagnostic(
                        program.file, program.line("title"), "title",
                        "markup is left out of the tag made from this program's title (tags_from: program): tags are plain text"
                        if tag else "the program's title is all markup: no tag is made from it (tags_from: program)",
                        severity="warning", code="tag-markup",
                    ))
                if tag:
                    tags.append(tag)
        elif name == "status" and entity.status:
            tags.append(entity.status.replace("-", " "))
        elif name == "type":
            tags.append(entity.kind)
        elif name == "health" and entity.health:
            tags.append(entity.health)
    return tags


_SVG_OPEN_RE = re.compile(r"<svg\b", re.IGNORECASE)
_SVG_CLOSE_RE = re.compile(r"</svg>", re.IGNORECASE)
#: What MkDocs' built-in search collapses into one space (not every Unicode space: str.split would).
_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")


def drawing_texts(html: str) -> list[str]:
    """The text of every drawing (inline ``<svg>…</svg>``, outermost only) in ``html``, as
    MkDocs' built-in search indexes it: tags as spaces, entities decoded, whitespace collapsed.

    Material's search skips the drawings (they carry ``data-search-exclude``); MkDocs'
    built-in search has no such attribute, so the host takes these texts out of its
    entries: the same data is in the tables next to the drawings. A regular expression
    is enough here (the HTML is ours, from our templates); linear, each part is searched once.
    """
    out: list[str] = []
    done = 0
    for opening in _SVG_OPEN_RE.finditer(html):
        if opening.start() < done:
            continue  # inside the drawing just taken
        closing = _SVG_CLOSE_RE.search(html, opening.end())
        if closing is None:
            break  # no drawing closes after here
        text = unescape(TAG_RE.sub(" ", html[opening.start():closing.end()])).replace("\u00a0", " ")
        text = _SPACE_RE.sub(" ", text).strip()
        if text:
            out.append(text)
        done = closing.end()
    return out
