"""Schedule analysis: conflicts, slip, critical path and blast radius.

Host-independent and pure: every function takes the :class:`~.registry.Registry`
(or its entities) and returns plain data; nothing here imports MkDocs or
renders anything. All graph walks are iterative, so a chain of any length is
fine, and a scheduling cycle in the data (an error the registry already
reports) never hangs an analysis.

Dates come from the project model: ``start``, ``end``, ``baseline.end`` and each
milestone's ``date``. Only *scheduling* dependencies (``finish-to-start`` and
``start-to-start``, see :attr:`~.registry.Edge.scheduling`) are analysed;
``informational`` links never constrain anything.

Programs have no dates of their own in the data model, so a dependency whose
source or target is a program is skipped by every analysis here (a program is
neither checked, nor pushed, nor on a critical path). Likewise a project or
milestone missing the date a rule needs is skipped by that rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..model.registry import Edge, Entity, Nested, Node, Registry

FINISH_TO_START = "finish-to-start"
START_TO_START = "start-to-start"


# --------------------------------------------------------------------------- dates


def _start(entity: Entity) -> dt.date | None:
    """A project's planned start (None for anything without one, e.g. a program)."""
    return getattr(entity.model, "start", None) if entity.kind == "project" else None


def _end(entity: Entity) -> dt.date | None:
    """A project's planned end (None for anything without one, e.g. a program)."""
    return getattr(entity.model, "end", None) if entity.kind == "project" else None


def _dated(entity: Entity) -> bool:
    return _start(entity) is not None and _end(entity) is not None


def _milestone(node: Node) -> Nested | None:
    """``node`` when it is a milestone of a project, else None."""
    if isinstance(node, Nested) and node.kind == "milestone" and node.owner.kind == "project":
        return node
    return None


def _constraint(edge: Edge) -> dt.date | None:
    """The date a scheduling edge holds its dependent to.

    Finish-to-start: the target project's ``end``; start-to-start: its ``start``;
    either type with a milestone target: the milestone's ``date``. None when the
    date is missing or the target is neither a project nor a project's milestone.
    """
    target = edge.target
    milestone = _milestone(target)
    if milestone is not None:
        return getattr(milestone.item, "date", None)
    if isinstance(target, Entity) and target.kind == "project":
        return _end(target) if edge.type == FINISH_TO_START else _start(target)
    return None


def _plural(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


def slip_days(project: Entity) -> int | None:
    """How many days the planned ``end`` lies after the baseline end (negative: ahead).

    None unless both the project's ``end`` and ``baseline.end`` are set.
    """
    end = _end(project)
    baseline = getattr(project.model, "baseline", None)
    approved = getattr(baseline, "end", None) if baseline is not None else None
    if end is None or approved is None:
        return None
    return (end - approved).days


# --------------------------------------------------------------------------- conflicts


@dataclass(frozen=True)
class Conflict:
    """A scheduling dependency the planned dates break: the dependent starts too early."""

    edge: Edge
    """``edge.source`` (the dependent project) depends on ``edge.target``."""
    kind: str
    """``finish-to-start`` or ``start-to-start``."""
    days: int
    """How many days too early the dependent starts (> 0): moving its start this far resolves it."""
    message: str
    """One line for people, naming both sides and their dates."""

    @property
    def dependent(self) -> Entity:
        """The project that starts too early."""
        return self.edge.source

    @property
    def target(self) -> Node:
        """What it depends on: a project or a project's milestone."""
        return self.edge.target


def _conflict(edge: Edge) -> Conflict | None:
    dependent = edge.source
    start = _start(dependent)
    limit = _constraint(edge)
    if start is None or limit is None:
        return None
    milestone = _milestone(edge.target)
    if edge.type == FINISH_TO_START:
        days = (limit - start).days + 1  # the start must be strictly after the limit
        rule = f"it must start after milestone {milestone.key} ({limit})" if milestone else f"it must start after {edge.target.id} ends ({limit})"
    else:
        days = (limit - start).days  # the start may be on the limit
        rule = f"it must not start before milestone {milestone.key} ({limit})" if milestone else f"it must not start before {edge.target.id} starts ({limit})"
    if days <= 0:
        return None
    message = f"{dependent.id} starts {start}, {_plural(days)} too early: {rule}; {edge.type}"
    return Conflict(edge, edge.type, days, message)


def schedule_conflicts(registry: Registry) -> list[Conflict]:
    """Every scheduling dependency of a project that its planned dates break.

    * finish-to-start: the dependent's ``start`` must be after the target's ``end``
      (after the milestone's ``date`` for a ``PROJECT#milestone`` target); it
      conflicts when ``target end >= start``, by ``target end - start + 1`` days;
    * start-to-start: the dependent's ``start`` must be on or after the target's
      ``start`` (the milestone's ``date``); it conflicts when ``target start > start``,
      by ``target start - start`` days.

    Informational edges never conflict; edges from or to a program (no dates) and
    edges missing either date are skipped. Sorted by (dependent's ``src_uri``, edge index).
    """
    found: list[Conflict] = []
    for project in sorted(registry.of_kind("project"), key=lambda e: e.src_uri):
        for edge in sorted(project.rel.depends_on, key=lambda e: e.index):
            if edge.scheduling:
                conflict = _conflict(edge)
                if conflict is not None:
                    found.append(conflict)
    return found


# --------------------------------------------------------------------------- critical path


def critical_path(projects: Iterable[Entity]) -> list[Entity]:
    """The driving chain: what determines the latest end among ``projects``.

    This is what a project manager means by "what drives our end date":

    1. Only *dated* projects take part (both ``start`` and ``end`` set).
    2. Begin at the project with the latest ``end`` (ties: smallest id).
    3. Step to its *driving predecessor*: among its scheduling dependencies whose
       target project (or the target milestone's owner) is one of the dated
       projects, the one whose constraint date is latest (finish-to-start: the
       target's ``end`` or the milestone's ``date``; start-to-start: the target's
       ``start`` or the milestone's ``date``; ties: smallest id).
    4. Repeat until a project has no such predecessor, or a project comes round
       again (a cycle in the data stops the walk; it never hangs).

    Returns the chain in schedule order: the first project first, the one with
    the latest end last. Empty when no project is dated.
    """
    members = {id(p): p for p in projects if _dated(p)}
    if not members:
        return []
    current: Entity = min(members.values(), key=lambda p: (-_end(p).toordinal(), p.id))  # type: ignore[union-attr]
    chain = [current]
    seen = {id(current)}
    while True:
        best: tuple[int, str] | None = None
        driver: Entity | None = None
        for edge in current.rel.depends_on:
            if not edge.scheduling:
                continue
            owner = edge.target if isinstance(edge.target, Entity) else edge.target.owner
            if id(owner) not in members:
                continue
            limit = _constraint(edge)
            if limit is None:
                continue
            rank = (-limit.toordinal(), owner.id)
            if best is None or rank < best:
                best, driver = rank, owner
        if driver is None or id(driver) in seen:
            break
        chain.append(driver)
        seen.add(id(driver))
        current = driver
    chain.reverse()
    return chain


# --------------------------------------------------------------------------- blast radius


@dataclass(frozen=True)
class Impact:
    """A downstream project, or a milestone of one, that moves when a project slips."""

    node: Node
    """The project or milestone that moves."""
    days: int
    """How far it moves (> 0)."""
    via: Entity
    """The project whose move pushes it: its direct predecessor on the push (a milestone's own project)."""


@dataclass(frozen=True)
class _Carrier:
    """A scheduling edge that can pass a move on from ``mover`` to ``dependent``."""

    edge: Edge
    dependent: Entity
    anchor: dt.date
    """The mover's date the edge holds the dependent to (before the move)."""


def _carriers(mover: Entity, root: bool) -> Iterator[_Carrier]:
    """Edges through which a move of ``mover`` may push a dependent project.

    The slipping project itself (``root``) moves only its ``end``: only its own
    finish-to-start dependents can be pushed (its start and milestones stay).
    A pushed project moves entirely: its start, end and every milestone.
    """
    targets: list[Node] = [mover]
    if not root:
        targets.extend(mover.entries("milestones"))
    for target in targets:
        for edge in target.rel.dependency_of:
            if not edge.scheduling or (root and edge.type != FINISH_TO_START):
                continue
            dependent = edge.source
            if dependent.kind != "project" or _start(dependent) is None:
                continue
            anchor = _constraint(edge)
            if anchor is not None:
                yield _Carrier(edge, dependent, anchor)


def _push(carrier: _Carrier, move: int) -> int:
    """How far ``carrier.dependent`` must move when its anchor date moves ``move`` days."""
    start = _start(carrier.dependent)
    if start is None:  # pragma: no cover - carriers only lead to dependents with a start
        return 0
    # In day numbers, not dates: a move may take the anchor past the end of the calendar.
    gap = carrier.anchor.toordinal() + move - start.toordinal()
    if carrier.edge.type == FINISH_TO_START:
        gap += 1  # must start strictly after
    return max(0, gap)


def blast_radius(project: Entity, slip: int | None = None) -> list[Impact]:
    """What moves downstream if ``project``'s end moves by ``slip`` days.

    ``slip`` defaults to the project's current :func:`slip_days`; nothing moves
    (an empty list) when it is None or not positive, or the project has no ``end``.

    The move spreads over scheduling dependencies (``dependency_of``):

    * the slipping project's new end is ``end + slip``; a finish-to-start
      dependent ``D`` must start after it, so ``D`` is pushed by
      ``max(0, end + slip - D.start + 1)`` days: a gap before ``D.start`` absorbs
      that much of the move (``D`` already starting too early is pushed by the
      slip plus the days it was already too early, to where it must start);
    * only the slipping project's end moves: its start-to-start dependents and
      the dependents of its milestones are not pushed, and its milestones are
      not listed;
    * a pushed project moves entirely (start, end and every milestone) by its
      push ``p``, which pushes its own dependents: finish-to-start by
      ``max(0, end + p - X.start + 1)``, start-to-start by
      ``max(0, start + p - X.start)``, and dependents of its milestones by the
      same rules with the milestone's date;
    * a project reached along several paths moves by the largest push; ``via``
      is the predecessor giving it (ties: smallest id).

    Programs (no dates), dependents without a ``start`` and edges whose anchor
    date is missing are skipped. A cycle in the data cannot feed a move back:
    the edges that close a cycle, as met by a depth-first walk from the slipping
    project, are ignored, so the slipping project is never pushed and each
    project is settled once, in topological order.

    Returns an :class:`Impact` for every pushed project and every dated milestone
    of those, sorted by (most days first, node key).
    """
    move = slip_days(project) if slip is None else slip
    if move is None or move <= 0 or _end(project) is None:
        return []
    order, carriers, back = _walk(project)
    push: dict[int, int] = {id(project): move}
    via: dict[int, Entity] = {}
    for mover in order:
        amount = push.get(id(mover), 0)
        if amount <= 0:
            continue
        for carrier in carriers[id(mover)]:
            if id(carrier.edge) in back:
                continue
            dependent = carrier.dependent
            pushed = _push(carrier, amount)
            if pushed <= 0:
                continue
            current = push.get(id(dependent), 0)
            if pushed > current or (pushed == current and mover.id < via[id(dependent)].id):
                push[id(dependent)] = pushed
                via[id(dependent)] = mover
    impacts: list[Impact] = []
    for mover in order:
        if mover is project or push.get(id(mover), 0) <= 0:
            continue
        amount = push[id(mover)]
        impacts.append(Impact(mover, amount, via[id(mover)]))
        for milestone in mover.entries("milestones"):
            if getattr(milestone.item, "date", None) is not None:
                impacts.append(Impact(milestone, amount, mover))
    impacts.sort(key=lambda i: (-i.days, i.node.key))
    return impacts


def _walk(root: Entity) -> tuple[list[Entity], dict[int, list[_Carrier]], set[int]]:
    """Iterative depth-first walk over the carriers reachable from ``root``.

    Returns the projects in reverse post-order (a topological order once the
    back edges are left out), each project's carriers, and the ids of the back
    edges (those leading to a project still on the walk's stack: they close a cycle).
    """
    carriers: dict[int, list[_Carrier]] = {id(root): list(_carriers(root, True))}
    on_stack = {id(root)}
    done: set[int] = set()
    back: set[int] = set()
    post: list[Entity] = []
    stack: list[tuple[Entity, int]] = [(root, 0)]
    while stack:
        node, position = stack.pop()
        edges = carriers[id(node)]
        descended = False
        while position < len(edges):
            carrier = edges[position]
            position += 1
            succ = carrier.dependent
            if id(succ) in on_stack:
                back.add(id(carrier.edge))
            elif id(succ) not in done:
                stack.append((node, position))
                carriers[id(succ)] = list(_carriers(succ, False))
                on_stack.add(id(succ))
                stack.append((succ, 0))
                descended = True
                break
        if descended:
            continue
        on_stack.discard(id(node))
        done.add(id(node))
        post.append(node)
    post.reverse()
    return post, carriers, back


# --------------------------------------------------------------------------- all together


@dataclass
class Analysis:
    """Every schedule analysis of a site, computed once by :func:`analyze`."""

    conflicts: list[Conflict]
    """All schedule conflicts (see :func:`schedule_conflicts`)."""
    critical: dict[str, list[Entity]]
    """Program id -> the critical path of its projects; ``"*"`` -> that of all projects."""
    impacts: dict[Entity, list[Impact]]
    """Every project with a positive slip -> its blast radius (possibly empty)."""
    _critical_sets: dict[str, set[int]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_node: dict[int, list[Conflict]] | None = field(default=None, init=False, repr=False, compare=False)

    def conflicts_of(self, entity: Node) -> list[Conflict]:
        """Conflicts where ``entity`` is the dependent or the target (a project also
        owns the conflicts on its milestones), in the order of :attr:`conflicts`."""
        if self._by_node is None:
            index: dict[int, list[Conflict]] = {}
            for conflict in self.conflicts:
                target = conflict.target
                involved = {id(conflict.dependent), id(target)}
                if isinstance(target, Nested):
                    involved.add(id(target.owner))
                for key in involved:
                    index.setdefault(key, []).append(conflict)
            self._by_node = index
        return list(self._by_node.get(id(entity), ()))

    def on_critical_path(self, entity: Node, scope: str | Entity = "*") -> bool:
        """Whether ``entity`` is on the critical path of ``scope``: a program
        (or its id), or ``"*"`` for the whole portfolio."""
        key = scope.id if isinstance(scope, Entity) else scope
        members = self._critical_sets.get(key)
        if members is None:
            members = self._critical_sets[key] = {id(e) for e in self.critical.get(key, [])}
        return id(entity) in members


def analyze(registry: Registry) -> Analysis:
    """Conflicts, critical paths (per program and ``"*"``) and blast radii of a registry."""
    projects = registry.of_kind("project")
    critical = {program.id: critical_path(program.projects) for program in registry.of_kind("program")}
    critical["*"] = critical_path(projects)
    impacts: dict[Entity, list[Impact]] = {}
    for project in projects:
        slip = slip_days(project)
        if slip is not None and slip > 0:
            impacts[project] = blast_radius(project, slip)
    return Analysis(schedule_conflicts(registry), critical, impacts)
