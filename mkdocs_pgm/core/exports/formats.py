"""Build-time exports: the knowledge base as JSON, a calendar feed and two CSV registers.

Host-independent and pure, like the rest of the core: every function takes the
:class:`~.registry.Registry` and what the host knows (the date that counts as
today, a function giving each page's URL, the site URL) and returns the text
of one file. Nothing here imports MkDocs, reads the clock or touches the disk,
so two builds of the same pages with the same ``today`` give byte-identical
files, whatever order the host hands the pages in.

* :func:`export_json` -> ``pgm.json``: every entity with its validated front
  matter, derived relations, KPIs and nested entries, plus findings, diagnostics
  and the schedule analysis. Versioned by :data:`EXPORT_VERSION` and described by
  :func:`export_schema` (JSON Schema draft 2020-12, ``$id`` :data:`SCHEMA_ID`).
* :func:`export_ics` -> ``milestones.ics``: an RFC 5545 calendar of dated
  milestones, decisions taken at a forum, and benefit due dates.
* :func:`raid_csv` -> ``raid.csv`` and :func:`decisions_csv` -> ``decisions.csv``:
  RFC 4180 CSV, UTF-8 with a byte order mark, cells guarded against formula
  injection.

No output names a path of the build machine: pages are named by ``src_uri``
(relative to the docs folder), and an absolute path in a diagnostic or a finding
is made relative to the docs folder (or dropped when it is not below it).

The formats are documented for users in ``docs/reference/exports.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import BaseModel

from ... import __version__
from ..analysis.kpis import EV_KEYS, Kpi, benefit_realization, entity_earned_value, portfolio_kpis, program_kpis, project_kpis
from ..analysis.registers import RiskRow, decision_log, escalation_text, item_of, program_of, risk_row, scope_of
from ..analysis.resources import allocation
from ..analysis.schedule import Analysis, Schedule, Times
from ..limits import shift
from ..model.registry import KIND_OF_COLLECTION, Edge, Entity, Nested, Node, Registry, home_url, is_remote
from ..model.rules import decision_decided

EXPORT_VERSION = "1.1"
"""Version of the ``pgm.json`` format (``MAJOR.MINOR``). A minor release only adds
(new keys, new values of open enumerations); a major release may remove or change
fields, and changes :data:`SCHEMA_ID`. 1.1 added ``content_hash``, each entity's
``source`` and the ``url`` of entities imported from other sites."""

SCHEMA_ID = "https://mkdocs-pgm.invalid/schema/export-v1.json"
"""``$id`` of :func:`export_schema`, and the ``$schema`` of every 1.x export.
Like the front-matter schema's id, it is a name, not a download address
(``.invalid`` never resolves); the site publishes the schema next to the export."""

DEFAULT_GENERATOR = f"mkdocs-pgm {__version__}"
"""``generated.generator`` unless the host names itself."""

DEFAULT_CALENDAR_NAME = "Milestones and governance dates"
"""``X-WR-CALNAME`` unless the host gives a name (the site name, typically)."""

PRODID = "-//mkdocs-pgm//EN"
"""The calendar's ``PRODID``."""

UID_HOST = "mkdocs-pgm"
"""The part of an event ``UID`` after ``@`` when no ``site_url`` is given."""

RAID_COLUMNS = (
    "type", "id", "title", "page", "program", "owner", "status",
    "probability", "impact", "score", "threshold", "escalate_to", "mitigation",
    "raised", "due", "escalated", "depends_on", "dependency_type", "note", "url",
)
"""Header of ``raid.csv``, in order."""

DECISION_COLUMNS = (
    "id", "title", "status", "date", "scope", "program", "decision_makers", "consulted", "informed",
    "forum", "affects", "supersedes", "superseded_by", "change_request", "url",
)
"""Header of ``decisions.csv``, in order."""

LIST_SEPARATOR = "; "
"""Joins several values in one CSV cell (decision makers, superseded decisions…)."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""A CSV cell starting with one of these gets a leading ``'`` (OWASP CSV injection)."""

UrlOf = Callable[[Node], "str | None"]
"""``url_of(node)``: the URL of a page or entry relative to the site root, with
``#anchor`` for entries (``projects/checkout/#risk-rsk-1``); None when it has none."""

_RAID_TYPES = (("risks", "risk"), ("assumptions", "assumption"), ("issues", "issue"))


# --------------------------------------------------------------------------- shared helpers


def _sort_key(ident: str) -> tuple[str, str]:
    return (ident.lower(), ident)


def _ids(nodes: Sequence[Node]) -> list[str]:
    """Reference ids of ``nodes``, sorted case-insensitively (duplicates kept once)."""
    if not nodes:
        return []
    return sorted({n.ref_id for n in nodes}, key=_sort_key)


def _entities(registry: Registry) -> list[Entity]:
    """Every entity, the implicit default portfolio included, sorted by id then src_uri."""
    found = list(registry.entities)
    if registry.default_portfolio is not None:
        found.append(registry.default_portfolio)
    return sorted(found, key=lambda e: (*_sort_key(e.id), e.src_uri))


def _program_id(node: Node) -> str | None:
    program = program_of(node)
    return program.id if program is not None else None


class _Links:
    """Site-relative paths and, with a ``site_url``, absolute URLs of pages and entries."""

    def __init__(self, url_of: UrlOf, site_url: str | None) -> None:
        self.url_of = url_of
        self.base = (site_url if site_url.endswith("/") else site_url + "/") if site_url else None
        self.host = (urlsplit(site_url).hostname or UID_HOST) if site_url else UID_HOST

    def path(self, node: Node) -> str | None:
        """The site-relative path; for an entity imported from another site, the absolute URL of its page there."""
        if isinstance(node, Entity) and node.virtual:
            return None
        if is_remote(node):
            return home_url(node)
        return self.url_of(node)

    def absolute(self, path: str | None) -> str | None:
        if path is not None and path.startswith(ABSOLUTE):  # a page on another site
            return path
        if path is None or self.base is None:
            return None
        # Keep existing %-escapes; escape what a URL may not hold (spaces, non-ASCII).
        return quote(self.base + path.lstrip("/"), safe=":/?#[]@!$&'()*+,;=%~")

    def url(self, node: Node) -> str | None:
        """The absolute URL with a ``site_url``, else the site-relative path (a page on another site: its URL)."""
        path = self.path(node)
        return self.absolute(path) if self.base is not None else path


#: How a URL to another site starts (the links to entities imported from other sites).
ABSOLUTE = ("https://", "http://")


def _is_absolute(path: str) -> bool:
    return path.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:[\\/]", path))


class _Paths:
    """Paths in the exports are relative to the docs folder, whatever the build's working directory.

    The host shows files relative to the working directory when it can (``docs/x.md``),
    else absolute. The docs folder's prefix is known from every page whose
    displayed ``file`` ends with its ``src_uri`` (and from ``docs_dir``); it is
    stripped from file fields and message text alike, so two builds of the same
    sources from different folders export the same text. An absolute path
    outside the docs folder is dropped.
    """

    def __init__(self, registry: Registry, docs_dir: str | None = None) -> None:
        prefixes: set[str] = set()
        pairs = [(e.file, e.src_uri) for e in registry.entities]
        pairs.extend((file, src_uri) for file, src_uri, _ in registry.directives)
        for file, src_uri in pairs:
            if file and src_uri and file != src_uri and file.replace("\\", "/").endswith("/" + src_uri):
                prefixes.add(file[: len(file) - len(src_uri)])
        if docs_dir and _is_absolute(docs_dir):
            prefixes.add(docs_dir if docs_dir.endswith(("/", "\\")) else docs_dir + ("\\" if "\\" in docs_dir else "/"))
        self.prefixes = sorted(prefixes, key=lambda p: (-len(p), p))
        # A relative prefix ("docs/") only where a path starts, not inside a word or another path.
        self._relative = [re.compile(r"(?<![\w./\\-])" + re.escape(p)) for p in self.prefixes if not _is_absolute(p)]

    def file(self, path: str | None) -> str | None:
        if not path:
            return path
        for prefix in self.prefixes:
            if path.startswith(prefix):
                return path[len(prefix):].replace("\\", "/")
        return None if _is_absolute(path) else path

    def text(self, text: str) -> str:
        for prefix in self.prefixes:
            if _is_absolute(prefix):
                text = text.replace(prefix, "")
        for pattern in self._relative:
            text = pattern.sub("", text)
        return text


# --------------------------------------------------------------------------- pgm.json


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float replaced by None (JSON has neither)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _front_matter(model: BaseModel, exclude: Iterable[str] = ()) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True, exclude=set(exclude))


def _edge_out(edge: Edge) -> dict[str, Any]:
    return {"id": edge.target.ref_id, "type": edge.type, "note": edge.note}


def _edge_in(edge: Edge) -> dict[str, Any]:
    return {"id": edge.source.ref_id, "type": edge.type, "note": edge.note}


def _relations(node: Node) -> dict[str, Any]:
    """Derived relations of a page or an entry: ids, sorted; ``depends_on`` as written."""
    rel = node.rel
    return {
        "depends_on": [_edge_out(e) for e in sorted(rel.depends_on, key=lambda e: e.index)],
        "dependency_of": sorted((_edge_in(e) for e in rel.dependency_of), key=lambda d: (*_sort_key(d["id"]), d["type"], d["note"] or "")),
        "supersedes": _ids(rel.supersedes),
        "superseded_by": _ids(rel.superseded_by),
        "affects": _ids(rel.affects),
        "affected_by": _ids(rel.affected_by),
        "decisions": _ids(rel.decisions),
        "contributes_to": _ids(rel.contributes_to),
        "contributors": _ids(rel.contributors),
        "changes_settled": _ids(rel.changes_settled),
        "settled_by": _ids(rel.settled_by),
        "referenced_by": _ids(rel.referenced_by),
    }


def _kpi(kpi: Kpi) -> dict[str, Any]:
    return {
        "key": kpi.key,
        "label": kpi.label,
        "value": kpi.value,
        "unit": kpi.unit,
        "display": kpi.display,
        "rating": kpi.rating,
        "inputs": kpi.inputs,
        "sources": [source.ref_id for source in kpi.sources],
    }


def _entity_kpis(entity: Entity, registry: Registry, today: dt.date, currency: str) -> list[Kpi]:
    if entity.kind == "project":
        return project_kpis(entity, today, currency)
    if entity.kind == "program":
        return program_kpis(entity, today, currency)
    if entity.kind == "portfolio":
        return portfolio_kpis(registry, today, currency, programs=None if entity.virtual else entity.programs)
    return []


def _earned_value(entity: Entity, registry: Registry, today: dt.date, currency: str) -> dict[str, Any] | None:
    """BAC, EV, PV, AC (a roll-up: their sums) and the figures taken on them; None for a decision."""
    ev, kpis = entity_earned_value(entity, registry, today, currency)
    if ev is None:
        return None
    return {"currency": ev.currency, **ev.figures(), "projects": [p.id for p in ev.projects], "kpis": [_kpi(k) for k in kpis]}


def _located(path: str | None, links: _Links) -> dict[str, str | None]:
    """``path``, and ``url`` when the site has a ``site_url``."""
    if links.base is None:
        return {"path": path}
    return {"path": path, "url": links.absolute(path)}


def _located_node(node: Node, links: _Links) -> dict[str, str | None]:
    """Where a page or entry is: on this site (:func:`_located`), or, imported from another site
    (``sources``), no path here and the absolute URL of its page there."""
    if is_remote(node):
        return {"path": None, "url": home_url(node)}
    return _located(links.path(node), links)


def _entry(entry: Nested, links: _Links) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": entry.kind,
        "id": entry.id,
        "ref_id": entry.ref_id,
        "key": entry.key,
        "anchor": entry.anchor,
        "title": entry.title,
        "status": entry.status,
        "page": entry.owner.id,
        "program": _program_id(entry),
        **_located_node(entry, links),
        "front_matter": _front_matter(entry.item),
        "relations": _relations(entry),
    }
    if entry.kind in ("risk", "issue"):
        row = risk_row(entry)
        if entry.kind == "risk":
            out["risk"] = {
                "score": row.score,
                "threshold": row.threshold,
                "above_threshold": row.above,
                "escalated": row.escalated,
                "escalate_to": row.escalate_to,
            }
        out["escalation"] = _escalation(row)
    elif entry.kind == "benefit":
        out["realization"] = benefit_realization(entry)
        out["actual_measured"] = entry.item.actual_measured  # type: ignore[attr-defined]
    return out


def _escalation(row: RiskRow) -> dict[str, Any]:
    """Where a risk or issue goes by the escalation rule (:func:`~..model.rules.escalation_of`), and why."""
    e = row.escalation
    return {
        "score": row.score, "threshold": row.threshold, "above_threshold": row.above, "escalated": row.escalated,
        "at": e.current, "to": row.escalate_to, "holder": e.holder_id if row.escalate_to else None, "reason": e.reason,
        "text": escalation_text(row),
    }


def _entity(entity: Entity, registry: Registry, links: _Links, today: dt.date, currency: str) -> dict[str, Any]:
    if entity.kind == "project":
        program = entity.program.id if entity.program is not None else None
    elif entity.kind == "decision":
        program = _program_id(entity)
    else:
        program = None
    relations = {
        "program": program,
        "portfolio": entity.portfolio.id if entity.portfolio is not None else None,
        "scope": entity.scope.id if entity.scope is not None else None,
        "projects": _ids(entity.projects),
        "programs": _ids(entity.programs),
        **_relations(entity),
    }
    return {
        "id": entity.id,
        "type": entity.kind,
        "title": entity.title,
        "status": entity.status,
        "health": entity.health,
        "virtual": entity.virtual,
        "source": entity.origin,
        "src_uri": entity.src_uri or None,
        **_located_node(entity, links),
        "front_matter": _front_matter(entity.model, exclude=KIND_OF_COLLECTION),
        "relations": relations,
        "kpis": [_kpi(k) for k in _entity_kpis(entity, registry, today, currency)],
        "earned_value": _earned_value(entity, registry, today, currency),
        "entries": [_entry(n, links) for n in entity.nested],
    }


def _times(times: Times, schedule: Schedule) -> dict[str, Any]:
    node = times.node
    return {
        "id": node.ref_id, "kind": node.kind, "program": times.program.id if times.program else None,
        "early_start": times.early_start.isoformat(), "early_finish": times.early_finish.isoformat(),
        "late_start": times.late_start.isoformat(), "late_finish": times.late_finish.isoformat(),
        "float": times.float, "critical": times.float <= 0, "near_critical": schedule.near_critical(node),
    }


def _cpm(analysis: Analysis) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for scope in sorted(analysis.schedules, key=_sort_key):
        schedule = analysis.schedules[scope]
        found[scope] = {
            "end": schedule.end.isoformat() if schedule.end else None,
            "chain": [_times(t, schedule) for t in schedule.chain],
            "near_critical": [t.node.ref_id for t in schedule.near],
        }
    return found


def _schedule(analysis: Analysis) -> dict[str, Any]:
    portfolio = analysis.schedules.get("*")
    nodes = sorted(portfolio.times.values(), key=lambda t: (t.early_start, *_sort_key(t.node.ref_id))) if portfolio else []
    return {
        "near_critical_days": analysis.near_critical_days,
        "cpm": _cpm(analysis),
        "float": [_times(t, portfolio) for t in nodes] if portfolio else [],
        "critical_paths": {scope: [p.id for p in analysis.critical[scope]] for scope in sorted(analysis.critical, key=_sort_key)},
        "conflicts": [
            {"dependent": c.dependent.id, "target": c.target.ref_id, "type": c.kind, "days": c.days, "message": c.message}
            for c in analysis.conflicts
        ],
        "blast_radius": {
            project.id: [i.to_dict() for i in impacts]
            for project, impacts in sorted(analysis.impacts.items(), key=lambda pi: (*_sort_key(pi[0].id), pi[0].src_uri))
        },
    }


def _people(registry: Registry) -> list[dict[str, Any]]:
    """Everyone named in a ``team``, by name: their assignments (dates defaulted) and load per month."""
    return [
        {
            "name": person.name,
            "key": person.key,
            "assignments": [
                {"page": a.page.id, "field": a.field, "role": a.role, "allocation": a.allocation,
                 "from": a.start.isoformat() if a.start else None, "to": a.end.isoformat() if a.end else None}
                for a in person.assignments
            ],
            "months": {load.text: load.load for load in person.loads},
            "over_allocated": [load.text for load in person.over],
        }
        for person in allocation(registry).people
    ]


def _finding(finding: Any, paths: _Paths) -> dict[str, Any]:
    out = dict(finding.to_dict())
    out["file"] = paths.file(out.get("file"))
    out["message"] = paths.text(str(out.get("message", "")))
    return out


def _diagnostic(diagnostic: Any, paths: _Paths) -> dict[str, Any]:
    out = dict(diagnostic.to_dict())
    out["file"] = paths.file(out.get("file"))
    out["message"] = paths.text(str(out.get("message", "")))
    out["field"] = paths.text(str(out.get("field", "")))
    out["related"] = [{"file": paths.file(r["file"]), "line": r["line"]} for r in out.get("related", [])]
    return out


def export_json(
    registry: Registry,
    *,
    analysis: Analysis,
    findings: Sequence[Any],
    today: dt.date,
    currency: str,
    url_of: UrlOf,
    site_url: str | None = None,
    generator: str = DEFAULT_GENERATOR,
    docs_dir: str | None = None,
    sources: Sequence[Any] = (),
) -> str:
    """``pgm.json``: the whole knowledge base as one JSON document.

    ``findings`` are those of :func:`~.findings.find` for the same ``today``;
    ``currency`` is the plugin's default currency (KPIs of projects without
    ``budget.currency``); ``docs_dir`` (optional) is the docs folder as the host
    knows it, so that absolute paths in diagnostics become relative to it even
    when no page names it. Keys come in a fixed order (the order of the
    format's documentation: ids and titles first), lists in a documented order;
    each top-level key and each entity, finding and diagnostic is on a line of
    its own, and the text ends with a newline.
    """
    links = _Links(url_of, site_url)
    paths = _Paths(registry, docs_dir)
    document = {
        "$schema": SCHEMA_ID,
        "version": EXPORT_VERSION,
        "content_hash": "",
        "generated": {"today": today.isoformat(), "generator": generator, "currency": currency, "site_url": site_url or None},
        "sources": [state.to_dict() for state in sources],
        "entities": [_entity(e, registry, links, today, currency) for e in _entities(registry)],
        "schedule": _schedule(analysis),
        "people": _people(registry),
        "findings": [_finding(f, paths) for f in findings],
        "diagnostics": [_diagnostic(d, paths) for d in registry.diagnostics],
    }
    document["content_hash"] = content_hash(document)
    return _dump(document)


#: What :func:`content_hash` leaves out: when and by what the file was made, and the hash itself.
UNHASHED = ("generated", "content_hash")


def content_hash(document: Mapping[str, Any]) -> str:
    """``sha256:`` and the hex digest of ``document`` without :data:`UNHASHED` keys, as canonical JSON:
    keys sorted, no spaces (separators ``,`` and ``:``), non-ASCII as is, UTF-8; NaN and infinities as
    null. Two builds of the same data have the same hash whatever day they ran; a reader recomputes it
    from the parsed document to know the file arrived whole and unedited."""
    content = {k: v for k, v in document.items() if k not in UNHASHED}
    try:
        text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except ValueError:  # a non-finite float, from front matter such as ``.inf``
        text = json.dumps(_finite(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _compact(value: Any) -> str:
    """One JSON value on one line (the C encoder: fast); NaN and infinities become null."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a non-finite float, from front matter such as ``.inf``
        return json.dumps(_finite(value), ensure_ascii=False, allow_nan=False)


def _dump(document: dict[str, Any]) -> str:
    """The document with one top-level key per line, and one list item per line.

    Each entity, finding and diagnostic is one line: the file stays readable
    with ``jq``, diffs between builds show which entities changed, and the
    encoding of a site of thousands of pages takes a fraction of what
    ``indent=2`` (Python's slow pure-Python encoder) takes.
    """
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + _compact(item) for item in value)
            parts.append(f"  {_compact(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {_compact(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


# --------------------------------------------------------------------------- the JSON Schema


def _nullable(kind: str | list[str], **extra: Any) -> dict[str, Any]:
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return {"type": [*kinds, "null"], **extra}


def _ids_schema(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": "#/$defs/ref"}, "description": description}


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`export_json`'s document, format 1.x.

    Objects are open (no ``additionalProperties: false``): a 1.x export may carry
    keys added in a later minor version, and a consumer should ignore keys it
    does not know. ``front_matter`` objects are described by the front-matter
    schema (``mkdocs-pgm schema``) and left open here.
    """
    string = {"type": "string"}
    date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    relations: dict[str, Any] = {
        "type": "object",
        "description": "Derived relations, by reference id. Lists of ids are sorted case-insensitively; depends_on keeps the order written.",
        "required": [
            "depends_on", "dependency_of", "supersedes", "superseded_by", "affects", "affected_by", "decisions",
            "contributes_to", "contributors", "changes_settled", "settled_by", "referenced_by",
        ],
        "properties": {
            "depends_on": {"type": "array", "items": {"$ref": "#/$defs/edge"}, "description": "What this depends on, as written."},
            "dependency_of": {"type": "array", "items": {"$ref": "#/$defs/edge"}, "description": "What depends on this (the dependent's id)."},
            "supersedes": _ids_schema("Earlier decisions this decision replaces."),
            "superseded_by": _ids_schema("Later decisions replacing this one."),
            "affects": _ids_schema("Entities and entries this decision changes."),
            "affected_by": _ids_schema("Decisions that change this."),
            "decisions": _ids_schema("Decisions scoped to this page (decision pages with scope, and entries kept on it)."),
            "contributes_to": _ids_schema("Benefits this project serves."),
            "contributors": _ids_schema("Projects serving this benefit."),
            "changes_settled": _ids_schema("Change requests this decision settles."),
            "settled_by": _ids_schema("Decisions settling this change request."),
            "referenced_by": _ids_schema("Pages whose body links here with [[ID]]."),
        },
    }
    entity_relations = {
        "type": "object",
        "description": "The relations of a page: those of every node, plus its place in the hierarchy.",
        "required": ["program", "portfolio", "scope", "projects", "programs", *relations["required"]],
        "properties": {
            "program": {**_nullable("string"), "description": "A project's program; a decision's program (through its scope)."},
            "portfolio": {**_nullable("string"), "description": "A program's portfolio."},
            "scope": {**_nullable("string"), "description": "A decision page's scope."},
            "projects": _ids_schema("A program's projects."),
            "programs": _ids_schema("A portfolio's programs."),
            **relations["properties"],
        },
    }
    kpi = {
        "type": "object",
        "required": ["key", "label", "value", "unit", "display", "rating", "inputs", "sources"],
        "properties": {
            "key": {"enum": ["schedule_variance", "cost_variance", "milestone_on_time", "budget_adherence", "benefits_realization", "risk_index", *EV_KEYS]},
            "label": string,
            "value": {**_nullable("number"), "description": "Rounded as display shows it; null when inputs are missing."},
            "unit": {"type": "string", "description": "days, %, a currency code or points."},
            "display": string,
            "rating": {"enum": ["good", "warning", "bad", "none"]},
            "inputs": {"type": "string", "description": "The inputs in words (or what is missing)."},
            "sources": _ids_schema("Entities and entries the value came from."),
        },
    }
    entry = {
        "type": "object",
        "required": ["kind", "id", "ref_id", "key", "anchor", "title", "status", "page", "program", "path", "front_matter", "relations"],
        "properties": {
            "kind": {"enum": sorted(set(KIND_OF_COLLECTION.values()))},
            "id": string,
            "ref_id": {"$ref": "#/$defs/ref", "description": "How to reference it: its own id when site-wide, else PAGE#id."},
            "key": {"$ref": "#/$defs/ref", "description": "PAGE#id, always."},
            "anchor": {"type": "string", "description": "HTML id on its page."},
            "title": string,
            "status": _nullable("string"),
            "page": {"type": "string", "description": "Id of the page it is written on."},
            "program": _nullable("string", description="Id of the program it belongs to."),
            "path": {**_nullable("string"), "description": "URL relative to the site root, with #anchor."},
            "url": {**_nullable("string"), "format": "uri", "description": "Absolute URL (only when the site has a site_url)."},
            "front_matter": {"type": "object", "description": "The entry as validated (snake_case, defaults filled in, unset fields left out)."},
            "relations": {"$ref": "#/$defs/relations"},
            "risk": {
                "type": "object",
                "description": "Risks only: score and escalation.",
                "required": ["score", "threshold", "above_threshold", "escalated", "escalate_to"],
                "properties": {
                    "score": _nullable("integer", minimum=1, maximum=25),
                    "threshold": _nullable("integer", minimum=1, maximum=25),
                    "above_threshold": {"type": "boolean"},
                    "escalated": {"type": "boolean"},
                    "escalate_to": _nullable("string"),
                },
            },
            "escalation": {
                "type": "object",
                "description": "Risks and issues only: where the escalation rule sends it, and why (see the registers guide).",
                "required": ["score", "threshold", "above_threshold", "escalated", "at", "to", "holder", "reason", "text"],
                "properties": {
                    "score": {**_nullable("integer", minimum=1, maximum=25), "description": "A risk's probability × impact, an issue's impact × 5."},
                    "threshold": _nullable("integer", minimum=1, maximum=25),
                    "above_threshold": {"type": "boolean", "description": "Open and scoring at or above the threshold."},
                    "escalated": {"type": "boolean", "description": "Escalated at least to the first step it had to go to."},
                    "at": {**_nullable("string"), "description": "The step of the path it is at now (escalated)."},
                    "to": {**_nullable("string"), "description": "The step it goes to next (above the threshold only)."},
                    "holder": {**_nullable("string"), "description": "Id of the program or portfolio whose path lists that step."},
                    "reason": {"enum": ["owner", "program", "next", "portfolio", "top", "none"]},
                    "text": {"type": "string",
                             "description": "Where and why, in English: 'to Dana Whitfield (program owner of PRG-ECOM; score 16 ≥ threshold 12)'."},
                },
            },
            "realization": {**_nullable("number"), "description": "Benefits only: percent of the way from baseline to target."},
            "actual_measured": {"type": "boolean", "description": "Benefits only: actual is the value of the latest measurement (not written)."},
        },
    }
    entity = {
        "type": "object",
        "required": [
            "id", "type", "title", "status", "health", "virtual", "src_uri", "path",
            "front_matter", "relations", "kpis", "entries",
        ],
        "properties": {
            "id": {"$ref": "#/$defs/ref"},
            "type": {"enum": ["portfolio", "program", "project", "decision"]},
            "title": string,
            "status": _nullable("string"),
            "health": _nullable("string", enum=["green", "amber", "red", None]),
            "virtual": {"type": "boolean", "description": "The implicit portfolio of a site without one (no page)."},
            "source": {**_nullable("string"), "description": "1.1: null for this site's own pages; for an entity imported from another "
                       "site (the plugin's sources option), that source's name. A reader importing this file skips those: "
                       "each entity is imported from its home site only."},
            "src_uri": {**_nullable("string"), "description": "Source file, relative to the docs folder (of its home site: "
                        "NAME:path for an imported entity)."},
            "path": {**_nullable("string"), "description": "URL relative to the site root (null for an imported entity: see url)."},
            "url": {**_nullable("string"), "format": "uri", "description": "Absolute URL: with the site's site_url, or the page on its home "
                    "site for an imported entity."},
            "front_matter": {"type": "object", "description": "The front matter as validated, without the nested lists (see entries)."},
            "relations": {"$ref": "#/$defs/entity_relations"},
            "kpis": {"type": "array", "items": {"$ref": "#/$defs/kpi"}, "description": "Projects, programs and portfolios; empty for decisions."},
            "earned_value": {
                "type": ["object", "null"],
                "description": "Earned value (docs/guides/kpis.md): BAC, EV, PV, AC (a program or portfolio: sums over the projects in projects) "
                               "and SPI, CPI, CV, SV, EAC, ETC, VAC taken on them; null for decisions and where undefined.",
                "required": ["currency", "bac", "ev", "pv", "ac", *EV_KEYS, "projects", "kpis"],
                "properties": {
                    "currency": {"type": "string"},
                    **{name: _nullable("number") for name in ("bac", "ev", "pv", "ac", *EV_KEYS)},
                    "projects": _ids_schema("The projects summed."),
                    "kpis": {"type": "array", "items": {"$ref": "#/$defs/kpi"}},
                },
            },
            "entries": {
                "type": "array", "items": {"$ref": "#/$defs/entry"},
                "description": "Milestones, decisions, risks, assumptions, issues, changes and benefits kept on the page.",
            },
        },
    }
    location = {"type": "object", "required": ["file", "line"], "properties": {"file": _nullable("string"), "line": _nullable("integer")}}
    finding = {
        "type": "object",
        "required": ["rule", "file", "line", "field", "message", "days", "page", "target"],
        "properties": {
            "rule": string,
            "file": {**_nullable("string"), "description": "As diagnostics show it; never absolute."},
            "line": _nullable("integer"),
            "field": string,
            "message": string,
            "days": _nullable("integer"),
            "page": _nullable("string"),
            "target": _nullable("string"),
        },
    }
    diagnostic = {
        "type": "object",
        "required": ["file", "line", "field", "message", "severity", "code", "related"],
        "properties": {
            "file": {**_nullable("string"), "description": "As diagnostics show it; never absolute."},
            "line": _nullable("integer"),
            "field": string,
            "message": string,
            "severity": {"enum": ["error", "warning", "info"]},
            "code": string,
            "related": {"type": "array", "items": {"$ref": "#/$defs/location"}},
        },
    }
    times = {
        "type": "object",
        "required": ["id", "kind", "program", "early_start", "early_finish", "late_start", "late_finish", "float", "critical", "near_critical"],
        "properties": {
            "id": {"$ref": "#/$defs/ref"},
            "kind": {"enum": ["project", "milestone"]},
            "program": _nullable("string"),
            "early_start": date, "early_finish": date, "late_start": date, "late_finish": date,
            "float": {"type": "integer", "description": "Total float in days: late start - early start (see the dependencies guide)."},
            "critical": {"type": "boolean", "description": "Float <= 0."},
            "near_critical": {"type": "boolean", "description": "0 < float <= near_critical_days."},
        },
    }
    schedule = {
        "type": "object",
        "required": ["near_critical_days", "cpm", "float", "critical_paths", "conflicts", "blast_radius"],
        "properties": {
            "near_critical_days": {"type": "integer", "minimum": 0},
            "cpm": {
                "type": "object",
                "description": (
                    "Program id (\"*\": the portfolio) -> its critical-path analysis: end date, critical chain (first step first) and near-critical ids."
                ),
                "additionalProperties": {
                    "type": "object",
                    "required": ["end", "chain", "near_critical"],
                    "properties": {
                        "end": {"anyOf": [date, {"type": "null"}]},
                        "chain": {"type": "array", "items": times},
                        "near_critical": {"type": "array", "items": {"$ref": "#/$defs/ref"}},
                    },
                },
            },
            "float": {
                "type": "array", "items": times,
                "description": "Every dated project and milestone with its CPM dates and float in the whole portfolio, by early start.",
            },
            "critical_paths": {
                "type": "object",
                "description": "Program id (\"*\": all projects) -> project ids of its critical path, first first.",
                "additionalProperties": {"type": "array", "items": string},
            },
            "conflicts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["dependent", "target", "type", "days", "message"],
                    "properties": {
                        "dependent": string,
                        "target": {"$ref": "#/$defs/ref"},
                        "type": {"enum": ["finish-to-start", "start-to-start"]},
                        "days": {"type": "integer", "minimum": 1},
                        "message": string,
                    },
                },
            },
            "blast_radius": {
                "type": "object",
                "description": (
                    "Project behind its baseline id -> what its slip moved downstream (compared with the same plan at the baseline end): "
                    "dates before and after, the push arriving and the float absorbed."
                ),
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "days", "via", "pushed", "absorbed", "old_start", "old_end", "new_start", "new_end"],
                        "properties": {
                            "id": {"$ref": "#/$defs/ref"}, "days": {"type": "integer", "minimum": 0}, "via": string,
                            "pushed": {"type": "integer", "minimum": 1}, "absorbed": {"type": "integer", "minimum": 0},
                            "old_start": date, "old_end": date, "new_start": date, "new_end": date,
                        },
                    },
                },
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mkdocs-pgm export (pgm.json), format 1.x",
        "description": (
            "Every portfolio, program, project and decision of a site with its front matter, relations, KPIs and entries, plus findings and diagnostics."
        ),
        "type": "object",
        "required": ["$schema", "version", "generated", "entities", "schedule", "people", "findings", "diagnostics"],
        "properties": {
            "$schema": {"const": SCHEMA_ID},
            "version": {"type": "string", "pattern": r"^1\.\d+$", "description": "Format version MAJOR.MINOR."},
            "content_hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$",
                             "description": "1.1: sha256 of the document without generated and content_hash, as canonical JSON "
                                            "(keys sorted, separators ',' and ':', UTF-8, non-ASCII as is): the same data gives the same hash."},
            "generated": {
                "type": "object",
                "required": ["today", "generator", "currency", "site_url"],
                "properties": {
                    "today": {**date, "description": "The date every date-based value is judged against."},
                    "generator": string,
                    "currency": {"type": "string", "description": "Default currency of money KPIs."},
                    "site_url": _nullable("string"),
                },
            },
            "sources": {
                "type": "array", "description": "1.1: the other sites whose entities this one imports (the sources option), in that order.",
                "items": {
                    "type": "object", "required": ["name", "url", "site_url", "entities", "fault", "kept"],
                    "properties": {
                        "name": string, "url": {"type": "string", "description": "As configured: a URL, or a path on the machine that built."},
                        "site_url": _nullable("string"), "entities": {"type": "integer", "description": "How many joined the model."},
                        "fault": {**_nullable("string"), "description": "What went wrong reading it for this build (null: it was read)."},
                        "kept": {**_nullable("string"), "description": "When the copy used instead was fetched (ISO 8601, UTC)."},
                    },
                },
            },
            "entities": {"type": "array", "items": {"$ref": "#/$defs/entity"}, "description": "Sorted by id (case-insensitively)."},
            "schedule": {"$ref": "#/$defs/schedule"},
            "people": {"type": "array", "items": {"$ref": "#/$defs/person"}, "description": "Everyone named in a team, sorted by name (case-insensitively)."},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "diagnostics": {"type": "array", "items": {"$ref": "#/$defs/diagnostic"}},
        },
        "$defs": {
            "person": {
                "type": "object",
                "description": "One person (names compared case-insensitively, spacing collapsed): assignments and monthly load.",
                "required": ["name", "key", "assignments", "months", "over_allocated"],
                "properties": {
                    "name": {"type": "string", "description": "The first spelling met, in page order."},
                    "key": {"type": "string", "description": "The name case-folded, white space collapsed: what makes two spellings one person."},
                    "assignments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["page", "field", "role", "allocation", "from", "to"],
                            "properties": {
                                "page": {"$ref": "#/$defs/ref"},
                                "field": {"type": "string", "description": "The team entry as written (team[1])."},
                                "role": _nullable("string"),
                                "allocation": _nullable("number", description="Percent of the person's time; null: not counted."),
                                "from": _nullable("string", description="First day, defaulted from the page (null: unknown)."),
                                "to": _nullable("string", description="Last day, defaulted from the page (null: unknown)."),
                            },
                        },
                    },
                    "months": {
                        "type": "object",
                        "description": "YYYY-MM -> load in whole percent: allocations prorated by the calendar days of each month.",
                        "additionalProperties": {"type": "integer"},
                    },
                    "over_allocated": {"type": "array", "items": string, "description": "Months (YYYY-MM) whose load is above 100."},
                },
            },
            "ref": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}(#[A-Za-z0-9][A-Za-z0-9_.-]{0,63})?$"},
            "edge": {
                "type": "object",
                "required": ["id", "type", "note"],
                "properties": {
                    "id": {"$ref": "#/$defs/ref"},
                    "type": {"enum": ["finish-to-start", "start-to-start", "informational"]},
                    "note": _nullable("string"),
                },
            },
            "relations": relations,
            "entity_relations": entity_relations,
            "kpi": kpi,
            "entry": entry,
            "entity": entity,
            "schedule": schedule,
            "location": location,
            "finding": finding,
            "diagnostic": diagnostic,
        },
    }


# --------------------------------------------------------------------------- milestones.ics


def _ics_text(value: str) -> str:
    """An RFC 5545 TEXT value: ``\\``, ``;``, ``,`` and newlines escaped, other controls dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or (ch >= " " and ch != "\x7f"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """An RFC 5545 content line folded at ``limit`` octets (UTF-8), joined with CRLF + space.

    A continuation line's leading space counts towards its octets, and a
    multi-byte character is never split.
    """
    if len(line.encode("utf-8")) <= limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    room = limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > room:
            parts.append("".join(current))
            current, size, room = [], 0, limit - 1
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _ics_date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"  # strftime writes year 1 as "1"


def _uid(kind: str, node: Node, links: _Links) -> str:
    """Stable across builds: kind, the lower-cased reference id (``#`` -> ``/``), the site's host."""
    return f"{kind}-{node.ref_id.lower().replace('#', '/')}@{links.host}"


def _named(entity: Entity | None) -> str | None:
    return f"{entity.title} ({entity.id})" if entity is not None else None


def _event(
    uid: str, day: dt.date, today: dt.date, summary: str, description: list[str], status: str,
    categories: list[str], url: str | None,
) -> list[str]:
    if url:
        description = [*description, url]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_ics_date(today)}T000000Z",
        f"DTSTART;VALUE=DATE:{_ics_date(day)}",
        # An all-day event ends the next day; the last day of the calendar has none
        # (a date-only DTSTART without DTEND lasts one day, RFC 5545 §3.6.1).
        *([f"DTEND;VALUE=DATE:{_ics_date(shift(day, 1))}"] if day < dt.date.max else []),
        f"SUMMARY:{_ics_text(summary)}",
        f"DESCRIPTION:{_ics_text(chr(10).join(description))}",
        f"STATUS:{status}",
        f"CATEGORIES:{','.join(_ics_text(c) for c in categories)}",
        "TRANSP:TRANSPARENT",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def _milestone_events(registry: Registry, links: _Links, today: dt.date) -> Iterable[tuple[dt.date, str, list[str]]]:
    for project in registry.entities:
        for milestone in project.entries("milestones"):
            day = getattr(milestone.item, "date", None)
            if day is None:
                continue
            program = project.program
            uid = _uid("milestone", milestone, links)
            cancelled = milestone.status == "missed" or project.status == "cancelled"
            owner = f", owner {project.model.owner}" if project.model.owner else ""
            description = [
                f"Milestone {milestone.key}: {milestone.status}",
                f"{project.kind.capitalize()}: {_named(project)}{owner}, {project.status}",
            ]
            if program is not None:
                description.append(f"Program: {_named(program)}")
            categories = ["Milestone", *([program.id] if program is not None else [])]
            yield day, uid, _event(
                uid, day, today, f"{project.title}: {milestone.title}", description,
                "CANCELLED" if cancelled else "CONFIRMED", categories, links.absolute(links.path(milestone)),
            )


def _decision_events(registry: Registry, links: _Links, today: dt.date) -> Iterable[tuple[dt.date, str, list[str]]]:
    for decision in registry.decisions():
        item = item_of(decision)
        day, forum = getattr(item, "date", None), getattr(item, "forum", None)
        if day is None or not forum:
            continue
        uid = _uid("decision", decision, links)
        proposed = not decision_decided(decision.status)
        description = [
            f"Decision {decision.ref_id}: {decision.status or 'no status'}",
            f"{'To be taken' if proposed else 'Taken'} at: {forum}",
        ]
        scope = scope_of(decision)
        if scope is not None:
            description.append(f"Scope: {_named(scope)}")
        program = program_of(decision)
        if program is not None and program is not scope:
            description.append(f"Program: {_named(program)}")
        makers = getattr(item, "decision_makers", [])
        if makers:
            description.append(f"Decision makers: {', '.join(makers)}")
        categories = ["Decision", *([program.id] if program is not None else [])]
        yield day, uid, _event(
            uid, day, today, f"{forum}: {decision.title}", description,
            "TENTATIVE" if proposed else "CONFIRMED", categories, links.absolute(links.path(decision)),
        )


def _benefit_events(registry: Registry, links: _Links, today: dt.date) -> Iterable[tuple[dt.date, str, list[str]]]:
    for program in registry.entities:
        for benefit in program.entries("benefits"):
            item = benefit.item
            day = getattr(item, "due", None)
            if day is None:
                continue
            uid = _uid("benefit", benefit, links)
            description = [f"Benefit {benefit.ref_id}: {benefit.status}", f"Program: {_named(program)}"]
            measure = [
                f"{name} {value:g}{' ' + item.unit if item.unit else ''}" if math.isfinite(value) else f"{name} unknown"  # type: ignore[attr-defined]
                for name, value in (("baseline", item.baseline), ("target", item.target), ("actual", item.actual))  # type: ignore[attr-defined]
                if value is not None
            ]
            if item.kpi or measure:  # type: ignore[attr-defined]
                description.append(f"KPI: {item.kpi or '-'}" + (f" ({', '.join(measure)})" if measure else ""))  # type: ignore[attr-defined]
            if item.owner:  # type: ignore[attr-defined]
                description.append(f"Owner: {item.owner}")  # type: ignore[attr-defined]
            yield day, uid, _event(
                uid, day, today, f"{program.title}: {benefit.title} (benefit due)", description,
                "CONFIRMED" if benefit.status == "realized" else "TENTATIVE", ["Benefit", program.id],
                links.absolute(links.path(benefit)),
            )


def export_ics(
    registry: Registry,
    *,
    today: dt.date,
    url_of: UrlOf,
    site_url: str | None = None,
    calendar_name: str = DEFAULT_CALENDAR_NAME,
) -> str:
    """``milestones.ics``: an RFC 5545 calendar with one all-day event per dated
    milestone, per dated decision with a ``forum``, and per benefit ``due`` date.

    ``DTSTAMP`` is ``today`` at midnight UTC (never the clock), ``UID`` is stable
    across builds, lines end with CRLF and are folded at 75 octets. Events are
    sorted by date, then UID; an event whose UID repeats (a duplicate id, which
    the registry reports) is left out.
    """
    links = _Links(url_of, site_url)
    events: list[tuple[dt.date, str, list[str]]] = [
        *_milestone_events(registry, links, today),
        *_decision_events(registry, links, today),
        *_benefit_events(registry, links, today),
    ]
    events.sort(key=lambda e: (e[0], e[1]))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(calendar_name)}",
        f"NAME:{_ics_text(calendar_name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    ]
    seen: set[str] = set()
    for _, uid, event in events:
        if uid in seen:
            continue
        seen.add(uid)
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# --------------------------------------------------------------------------- CSV


def _cell(value: Any) -> str:
    """One CSV cell: text, formula triggers defused with a leading ``'``."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, (list, tuple)):
        text = LIST_SEPARATOR.join(_cell(v) for v in value)
        return text  # each item is already guarded
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv(header: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in header])
    return "\ufeff" + buffer.getvalue()


def _escalated(value: Any) -> Any:
    return value if value else None


def _raid_rows(registry: Registry, links: _Links) -> Iterable[dict[str, Any]]:
    pages = sorted(registry.entities, key=lambda e: (*_sort_key(e.id), e.src_uri))
    for collection, kind in _RAID_TYPES:
        for page in pages:
            for entry in page.entries(collection):
                item = entry.item
                row: dict[str, Any] = {
                    "type": kind,
                    "id": entry.ref_id,
                    "title": entry.title,
                    "page": page.id,
                    "program": _program_id(entry),
                    "owner": getattr(item, "owner", None),
                    "status": entry.status,
                    "raised": getattr(item, "raised", None),
                    "due": getattr(item, "due", None),
                    "escalated": _escalated(getattr(item, "escalated", None)),
                    "url": links.url(entry),
                }
                if kind == "risk":
                    risk = risk_row(entry)
                    row.update(
                        probability=item.probability, impact=item.impact, score=risk.score,  # type: ignore[attr-defined]
                        threshold=risk.threshold, escalate_to=risk.escalate_to, mitigation=item.mitigation,  # type: ignore[attr-defined]
                    )
                elif kind == "issue" and item.impact is not None:  # type: ignore[attr-defined]
                    issue = risk_row(entry)  # scored: impact × 5, escalated like a risk
                    row.update(impact=item.impact, score=issue.score, threshold=issue.threshold, escalate_to=issue.escalate_to)  # type: ignore[attr-defined]
                yield row
    for page in pages:
        if page.kind not in ("project", "program"):
            continue
        for edge in sorted(page.rel.depends_on, key=lambda e: e.index):
            target = edge.target
            target_title = target.title if isinstance(target, Entity) else f"{target.owner.title}: {target.title}"
            yield {
                "type": "dependency",
                "id": f"{page.id}->{target.ref_id}",
                "title": f"{page.title} depends on {target_title}",
                "page": page.id,
                "program": _program_id(page),
                "owner": page.model.owner,
                "status": target.status,
                "depends_on": target.ref_id,
                "dependency_type": edge.type,
                "note": edge.note,
                "url": links.url(page),
            }


def raid_csv(registry: Registry, *, url_of: UrlOf, site_url: str | None = None) -> str:
    """``raid.csv``: one row per risk, assumption, issue and dependency (in that order;
    within each, by page id and position on the page). See :data:`RAID_COLUMNS`."""
    return _csv(RAID_COLUMNS, _raid_rows(registry, _Links(url_of, site_url)))


def _decision_rows(registry: Registry, links: _Links) -> Iterable[dict[str, Any]]:
    for decision in decision_log(registry):
        item = item_of(decision)
        scope = scope_of(decision)
        yield {
            "id": decision.ref_id,
            "title": decision.title,
            "status": decision.status,
            "date": getattr(item, "date", None),
            "scope": scope.id if scope is not None else None,
            "program": _program_id(decision),
            "decision_makers": list(getattr(item, "decision_makers", [])),
            "consulted": list(getattr(item, "consulted", [])),
            "informed": list(getattr(item, "informed", [])),
            "forum": getattr(item, "forum", None),
            "affects": _ids(decision.rel.affects),
            "supersedes": _ids(decision.rel.supersedes),
            "superseded_by": _ids(decision.rel.superseded_by),
            "change_request": _ids(decision.rel.changes_settled),
            "url": links.url(decision),
        }


def decisions_csv(registry: Registry, *, url_of: UrlOf, site_url: str | None = None) -> str:
    """``decisions.csv``: one row per decision (pages and entries), newest first, as
    in the decision log. See :data:`DECISION_COLUMNS`."""
    return _csv(DECISION_COLUMNS, _decision_rows(registry, _Links(url_of, site_url)))
