"""What each page is made of, as a fingerprint: the key of its cached fragments and of ``--dirty``.

A page's fingerprint is a digest of everything the plugin writes on it:

* the **salt**, shared by every page: the plugin's version, its templates, its
  options, ``today``, and every entity's id, kind and URL (an added, removed or
  moved page changes every link, so every fingerprint);
* the **own digest** of each entity whose data the page shows: the digest of its
  file's text (front matter and body, so its title too);
* the **derived values** the page shows that come from other pages, as values: a
  sibling's move that changes no figure here changes no fingerprint. They are:

  - from the schedule analysis: its conflicts, its program's critical chain (the
    chain outlined in a diagram); on a project page, the near-critical projects of
    its program's scope (dashed in its diagram), its blast radius, its slip and
    its what-if; on a program page, the chain and near-critical items of its
    scope with their dates and float (across programs: a date moved two hops
    away can change them), the float of each of its projects (its roadmap) and
    its projects' conflicts;
  - from the people of every page: for each person on a program's or project's
    team (its projects' teams too, on a program page), the spelling shown (the
    first met on any page) and the months over 100 %, counting their other pages.

  What needs no token: escalation targets and the forums a decision's ``forum``
  is checked against come from the page's program and portfolio, whose own
  digests are in every fingerprint that shows them; a program's earned value and
  KPIs come from its projects, which its page shows; the portfolio, the
  registers, the resources heat map and the dashboard show the whole model.
  Diagnostics (a decision naming no forum of its program) are not page content:
  every build, ``--dirty`` or not, reports them from the whole model.

Which entities a page shows is defined once, in :func:`shown_by`: the entity,
its program and portfolio, everything it links to or is linked from (one hop,
entries included), the projects of a program, the neighbourhood its diagram
draws, and the program and portfolio of each of those (their titles and
colours appear in tables and diagrams). A page with another directive (a
register, the dashboard, a roadmap…) shows the whole model: its fingerprint
is the site's. Tests rebuild with ``--dirty`` after edits and compare every
page with a clean build (``tests/test_incremental.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .analysis.resources import Allocation, allocation
from .analysis.schedule import Analysis, slip_days
from .diagrams.graphs import neighbourhood
from .model.registry import Entity, Nested, Node, Registry

#: Fragments that show one entity's page; every other directive shows the whole model.
ENTITY_FRAGMENTS = frozenset({"card", "sections"})


def digest(*parts: bytes | str) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def _owner(node: Node) -> Entity:
    return node if isinstance(node, Entity) else node.owner


def _ancestors(entity: Entity) -> Iterator[Entity]:
    for other in (entity.program, entity.portfolio, entity.scope):
        if other is not None:
            yield other
            yield from (o for o in (other.program, other.portfolio) if o is not None)


def _linked(node: Node) -> Iterator[Node]:
    """Every node ``node`` is related to, in either direction."""
    rel = node.rel
    for edge in rel.depends_on:
        yield edge.target
    for edge in rel.dependency_of:
        yield edge.source
    yield from rel.supersedes
    yield from rel.superseded_by
    yield from rel.affects
    yield from rel.affected_by
    yield from rel.decisions
    yield from rel.contributes_to
    yield from rel.contributors
    yield from rel.changes_settled
    yield from rel.settled_by
    yield from rel.referenced_by


def one_hop(entity: Entity, registry: Registry) -> set[Entity]:
    """The entity, its ancestors, children, and every entity one of its nodes links to or is linked from."""
    out = {entity, *entity.projects, *entity.programs, *_ancestors(entity)}
    nodes: list[Node] = [entity, *entity.nested]
    for node in nodes:
        out.update(_owner(other) for other in _linked(node))
    for ref in entity.refs:  # [[ID]] in its body: the target's title and status are shown
        target = registry.resolve(ref.target)
        if target is not None:
            out.add(_owner(target))
    return out


def shown_by(entity: Entity, registry: Registry, *, diagram_depth: int) -> set[Entity] | None:
    """The entities whose data ``entity``'s page shows; None: the whole model (a portfolio)."""
    if entity.kind == "portfolio":
        return None
    shown = one_hop(entity, registry)
    if entity.kind == "program":
        for project in entity.projects:
            shown |= one_hop(project, registry)
    elif entity.kind == "project":
        shown.update(neighbourhood(entity, diagram_depth))  # the projects its diagram draws
    for other in list(shown):
        shown.update(_ancestors(other))
    return shown


def _token(value: Any, seen: set[Entity]) -> str:
    """A stable text for a derived value; the entities it names are added to ``seen``."""
    if isinstance(value, Entity):
        seen.add(value)
        return f"E:{value.id}"
    if isinstance(value, Nested):
        seen.add(value.owner)
        return f"N:{value.key}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_token(v, seen) for v in value) + "]"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return "(" + ",".join(_token(getattr(value, f.name), seen) for f in dataclasses.fields(value)) + ")"
    if isinstance(value, (dt.date, int, float, str)) or value is None:
        return repr(value)
    if hasattr(value, "source") and hasattr(value, "target"):  # an Edge
        return f"({_token(value.source, seen)}>{_token(value.target, seen)}:{value.type}:{getattr(value, 'lag', 0)})"
    return type(value).__name__


class Fingerprints:
    """The fingerprint of each page of a build (see the module docstring)."""

    def __init__(self, registry: Registry, analysis: Analysis, url_of: Mapping[str, str], salt: bytes, *, diagram_depth: int) -> None:
        self.registry = registry
        self.analysis = analysis
        self.diagram_depth = diagram_depth
        self.own: dict[int, bytes] = {}
        entities = sorted((e for e in registry.entities if not e.virtual), key=lambda e: e.src_uri)
        site: list[bytes | str] = [salt]
        for entity in entities:
            self.own[id(entity)] = entity.digest
            site.append(f"{entity.id}\0{entity.kind}\0{entity.src_uri}\0{entity.home or url_of.get(entity.src_uri, '')}")
        #: Shared by every page: the salt and the site's entities, their kinds and URLs.
        self.salt = digest(*site)
        #: The whole model: the fingerprint of every page that shows it.
        self.site = digest(self.salt, *(self.own[id(e)] for e in entities))
        self._entities = {e.src_uri: e for e in entities}
        self._pages: dict[str, bytes] = {}
        self._allocation: Allocation | None = None

    @property
    def allocation(self) -> Allocation:
        """Everyone's monthly load (:mod:`.analysis.resources`), computed once."""
        if self._allocation is None:
            self._allocation = allocation(self.registry)
        return self._allocation

    def _of(self, shown: Iterable[Entity], derived: str) -> bytes:
        owns = sorted(self.own.get(id(e), b"") for e in shown if not e.virtual)
        return digest(self.salt, derived, *owns)

    def entity_page(self, entity: Entity) -> bytes:
        shown = shown_by(entity, self.registry, diagram_depth=self.diagram_depth)
        if shown is None:
            return self.site
        analysis = self.analysis
        named: set[Entity] = set()
        program = entity if entity.kind == "program" else entity.program
        derived = [
            _token(analysis.conflicts_of(entity), named),
            _token(analysis.critical.get(program.id, []) if program is not None else [], named),
        ]
        schedule = analysis.schedules.get(program.id) if program is not None else None
        if schedule is not None and entity.kind == "program":  # its chain, near-critical items and the float on its roadmap
            derived.append(_token([schedule.end, schedule.chain, schedule.near, [schedule.times.get(p) for p in entity.projects]], named))
        if entity.kind == "project":
            # Its diagram outlines the near-critical projects of its program's scope, wherever their float comes from.
            near = [t.node for t in schedule.near if isinstance(t.node, Entity)] if schedule is not None else []
            derived.append(_token(near, named))
            derived.append(_token(analysis.impacts.get(entity, []), named))
            derived.append(_token([analysis.further_slip(entity), analysis.further_end(entity)], named))  # its "further slip" what-if
            derived.append(_token(slip_days(entity), named))
        elif entity.kind == "program":
            for project in entity.projects:
                derived.append(_token(analysis.conflicts_of(project), named))
        if entity.kind in ("program", "project"):
            # Its people section marks who is over-allocated, counting their pages elsewhere too.
            mine = {id(entity), *(id(p) for p in entity.projects)}
            derived.extend(f"P:{p.key}:{p.name}:{','.join(m.text for m in p.over)}" for p in self.allocation.people
                           if any(id(a.page) in mine for a in p.assignments))
        return self._of(shown | named, "\n".join(derived))

    def page(self, src_uri: str, *, directives: Iterable[str] = (), refs: Iterable[str] = ()) -> bytes | None:
        """The fingerprint of the page ``src_uri``: None when the plugin writes nothing on it."""
        found = self._pages.get(src_uri)
        if found is not None:
            return found
        names = set(directives)
        entity = self._entities.get(src_uri)
        if names - ENTITY_FRAGMENTS:
            found = self.site
        elif entity is not None:
            found = self.entity_page(entity)
        else:
            targets = {_owner(t) for t in (self.registry.resolve(r) for r in refs) if t is not None}
            listed = list(refs)
            found = self._of(targets, "refs\n" + "\n".join(sorted(listed))) if listed else None
        if found is not None:  # the page's own path: its links are relative to it
            found = self._pages[src_uri] = digest(found, src_uri)
        return found
