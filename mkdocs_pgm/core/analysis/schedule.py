"""Schedule analysis: conflicts, slip, the critical-path method and what-if impacts.

Host-independent and pure: every function takes the :class:`~.registry.Registry`
(or its entities) and returns plain data; nothing here imports MkDocs or
renders anything. All graph walks are iterative and linear in the size of the
graph, so a chain of any length is fine, and a scheduling cycle in the data (an
error the registry already reports) never hangs an analysis.

Dates come from the project model: ``start``, ``end``, ``baseline.end`` and each
milestone's ``date``. Only *scheduling* dependencies (``finish-to-start`` and
``start-to-start``, see :attr:`~.registry.Edge.scheduling`) are analysed;
``informational`` links never constrain anything. A dependency may carry
``lag_days`` (:attr:`~.registry.Edge.lag`, negative: a lead).

**Program dates.** A program has no dates of its own: its start is the earliest
``start`` of its projects, its end the latest ``end`` (see :func:`program_dates`).
Dependencies from or to a program are checked against those dates by
:func:`schedule_conflicts` like dependencies between projects. Programs are not
nodes of the critical-path network (their projects are).

**Planned-date CPM.** Projects carry planned dates, not durations to schedule, so
the critical-path method works on the planned dates (all arithmetic in day
numbers, :meth:`datetime.date.toordinal`):

* The nodes are the *dated* projects (``start`` and ``end`` set); a project's
  duration is ``d = end - start`` and its milestones with a ``date`` are
  zero-length points of it at offset ``o = date - start`` (they move with it).
* An edge "X depends on T" holds X's start to an *anchor* of T's project U:
  ``U.ES + o(T)``, with ``o(T) = d(U)`` for a finish-to-start edge to a project
  (its finish), ``0`` for a start-to-start edge to a project (its start), and
  the milestone's offset for a milestone (either type). The constraint is
  ``anchor + k + lag`` with ``k = 1`` for finish-to-start (the day after) and
  ``k = 0`` for start-to-start.
* Forward pass: ``ES(X) = max(planned start of X, every constraint on X)``,
  ``EF(X) = ES(X) + d(X)``; a milestone's early date is ``ES + o``.
* Scope: ``"*"`` is every dated project; a program's scope is its dated projects
  (its *members*) plus everything upstream of them, in any program (a milestone
  in another program that holds a project back is part of the program's chain).
  The scope's end ``E`` is the latest ``EF`` among its members.
* Backward pass, in reverse topological order over the scope:
  ``LS(U) = min(E - d(U) if U is a member, LS(X) - k - lag - o(T) for every edge
  "X depends on T" with T in U and X in the scope)``; ``LF = LS + d``. A
  milestone's late date is ``LS(U) + o``: at most its project's late finish
  minus ``end - date``.
* Total float = ``LS - ES`` (days), the same for a project and its milestones.
  Critical: float ``<= 0``; near-critical: ``0 < float <= near_critical_days``.
* The critical chain of a scope starts at the member with the latest ``EF``
  (ties: smallest id) and steps back along *binding* edges (constraint equal to
  the dependent's ``ES``) to a predecessor whose float is ``<= 0`` (ties:
  smallest id); an edge to a milestone adds the milestone and then its project.
  Listed first step first.

**Facts.** A milestone marked ``done`` and a project marked ``completed`` keep their
planned dates whatever happens upstream: a link anchored on one is fixed to its date,
they are not pushed, have no float (no :class:`Times`), hold nothing upstream back
(they are left out of the backward pass and of a program's upstream scope) and cannot
slip; a critical chain that reaches one starts there.

A cycle: the nodes are ordered by an iterative depth-first walk (in order of
``src_uri``); an edge that closes a cycle on that walk is left out of both
passes, so every node is settled once.

**What-if** (:func:`impact`): "X slips N days" moves X's finish and its milestones
not ``done`` yet by N days (its start and its done milestones stay; for a
milestone, only that milestone moves). The current slip of a project (its
``end`` against ``baseline.end``) is replayed with only the finish moving. The
forward pass is run again with that anchor moved; every project whose ``ES``
changes moves by the difference. For each downstream project or milestone the
result gives the old and new dates, the push arriving at it (the largest move
of an anchor it depends on, plus that of its own project for a milestone) and
the float absorbed (push minus move): a slip within the free slack of an edge
(the gap between the constraint and the dependent's early start) moves nothing
behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from ..model.registry import Edge, Entity, Nested, Node, Registry

FINISH_TO_START = "finish-to-start"
START_TO_START = "start-to-start"
ALL = "*"
#: Default of the ``near_critical_days`` option.
NEAR_CRITICAL_DAYS = 10
#: Default of the ``what_if_days`` option: the further slip a project page's "Impact of a delay" tries.
WHAT_IF_DAYS = 30


# --------------------------------------------------------------------------- dates


def _start(entity: Entity) -> dt.date | None:
    """A project's planned start (None for anything without one)."""
    return getattr(entity.model, "start", None) if entity.kind == "project" else None


def _end(entity: Entity) -> dt.date | None:
    """A project's planned end (None for anything without one)."""
    return getattr(entity.model, "end", None) if entity.kind == "project" else None


def _dated(entity: Entity) -> bool:
    return _start(entity) is not None and _end(entity) is not None


def program_dates(program: Entity) -> tuple[dt.date | None, dt.date | None]:
    """A program's (start, end): the earliest ``start`` and latest ``end`` of its projects."""
    starts = [s for s in map(_start, program.projects) if s is not None]
    ends = [e for e in map(_end, program.projects) if e is not None]
    return (min(starts) if starts else None, max(ends) if ends else None)


def _span(entity: Entity) -> tuple[dt.date | None, dt.date | None]:
    if entity.kind == "program":
        return program_dates(entity)
    return _start(entity), _end(entity)


def _milestone(node: Node) -> Nested | None:
    """``node`` when it is a milestone of a project, else None."""
    if isinstance(node, Nested) and node.kind == "milestone" and node.owner.kind == "project":
        return node
    return None


def _constraint(edge: Edge) -> dt.date | None:
    """The planned date a scheduling edge holds its dependent to (before ``lag_days``).

    Finish-to-start: the target's end; start-to-start: its start; either type with
    a milestone target: the milestone's ``date``. A program's dates are those of
    :func:`program_dates`. None when the date is missing.
    """
    target = edge.target
    milestone = _milestone(target)
    if milestone is not None:
        return getattr(milestone.item, "date", None)
    if isinstance(target, Entity) and target.kind in ("project", "program"):
        start, end = _span(target)
        return end if edge.type == FINISH_TO_START else start
    return None


def plural(days: int) -> str:
    """``1 day``, ``3 days`` (English: messages and the command line)."""
    return _plural(days)


def _plural(days: int) -> str:
    return f"{days} day" if days in (1, -1) else f"{days} days"


@lru_cache(maxsize=4096)
def _date(day: int) -> dt.date:
    """A day number as a date, held within the calendar."""
    return dt.date.fromordinal(min(max(day, 1), dt.date.max.toordinal()))


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
    """``edge.source`` (the dependent project or program) depends on ``edge.target``."""
    kind: str
    """``finish-to-start`` or ``start-to-start``."""
    days: int
    """How many days too early the dependent starts (> 0): moving its start this far resolves it."""
    message: str
    """One line for people, naming both sides and their dates."""

    @property
    def dependent(self) -> Entity:
        """The project or program that starts too early."""
        return self.edge.source

    @property
    def target(self) -> Node:
        """What it depends on: a project, a program or a project's milestone."""
        return self.edge.target


def _conflict(edge: Edge) -> Conflict | None:
    dependent = edge.source
    start = _span(dependent)[0]
    limit = _constraint(edge)
    if start is None or limit is None:
        return None
    milestone = _milestone(edge.target)
    lag = f" plus {_plural(edge.lag)} of lag" if edge.lag > 0 else f" minus {_plural(-edge.lag)} of lead" if edge.lag < 0 else ""
    target = edge.target.id
    if isinstance(edge.target, Entity) and edge.target.kind == "program":
        target = f"program {target}"
    if edge.type == FINISH_TO_START:
        days = (limit - start).days + 1 + edge.lag  # the start must be strictly after the limit
        rule = f"it must start after milestone {milestone.key} ({limit}){lag}" if milestone else f"it must start after {target} ends ({limit}){lag}"
    else:
        days = (limit - start).days + edge.lag  # the start may be on the limit
        rule = (f"it must not start before milestone {milestone.key} ({limit}){lag}" if milestone
                else f"it must not start before {target} starts ({limit}){lag}")
    if days <= 0:
        return None
    what = f"{dependent.id} starts {start}" if dependent.kind == "project" else f"program {dependent.id} starts {start} (its earliest project)"
    message = f"{what}, {_plural(days)} too early: {rule}; {edge.type}"
    return Conflict(edge, edge.type, days, message)


def schedule_conflicts(registry: Registry) -> list[Conflict]:
    """Every scheduling dependency of a project or program that the planned dates break.

    * finish-to-start: the dependent's start must be after the target's end plus
      ``lag_days`` (after the milestone's ``date`` for a ``PROJECT#milestone``
      target); it conflicts when ``target end + lag >= start``, by
      ``target end + lag - start + 1`` days;
    * start-to-start: the dependent's start must be on or after the target's
      start plus ``lag_days`` (the milestone's ``date``); it conflicts when
      ``target start + lag > start``, by ``target start + lag - start`` days.

    A program's start and end are :func:`program_dates`. Informational edges
    never conflict; edges missing either date are skipped. Sorted by
    (dependent's ``src_uri``, edge index).
    """
    found: list[Conflict] = []
    for entity in sorted(registry.entities, key=lambda e: e.src_uri):
        if entity.kind not in ("project", "program"):
            continue
        for edge in sorted(entity.rel.depends_on, key=lambda e: e.index):
            if edge.scheduling:
                conflict = _conflict(edge)
                if conflict is not None:
                    found.append(conflict)
    return found


# --------------------------------------------------------------------------- the network


@dataclass(frozen=True)
class _Link:
    """A scheduling edge between two dated projects: ``dependent`` is held by ``unit``'s anchor."""

    edge: Edge
    dependent: Entity
    unit: Entity
    """The project of the target (the target itself, or the milestone's owner)."""
    offset: int
    """``o(T)``: the anchor's day relative to ``unit``'s start."""
    gap: int
    """``k + lag``: the constraint is ``ES(unit) + offset + gap``."""
    fixed: int | None = None
    """A milestone marked ``done``: its date (day number), which no longer moves with its project."""

    def anchor(self, early: Mapping[Entity, int]) -> int:
        """The anchor's day given the early starts ``early``: a done milestone's is its date."""
        return self.fixed if self.fixed is not None else early[self.unit] + self.offset


class _Network:
    """The dated projects, their links and a topological order (cycles broken)."""

    def __init__(self, projects: Iterable[Entity]) -> None:
        units = sorted((p for p in projects if p.kind == "project" and _dated(p)), key=lambda p: (p.src_uri, p.id))
        self.units = units
        self.start: dict[Entity, int] = {u: _start(u).toordinal() for u in units}  # type: ignore[union-attr]
        self.duration: dict[Entity, int] = {u: _end(u).toordinal() - self.start[u] for u in units}  # type: ignore[union-attr]
        #: Completed projects: their dates are facts, they are not pushed and hold nothing upstream back.
        self.done: set[Entity] = {u for u in units if u.status == "completed"}
        self.into: dict[Entity, list[_Link]] = {u: [] for u in units}
        self.out: dict[Entity, list[_Link]] = {u: [] for u in units}
        self._milestones: dict[Entity, list[tuple[Nested, int]]] = {}
        for dependent in units:
            for edge in sorted(dependent.rel.depends_on, key=lambda e: e.index):
                link = self._link(edge)
                if link is not None:
                    self.into[dependent].append(link)
        for dependent in units:
            for link in self.into[dependent]:
                self.out[link.unit].append(link)
        #: Milestones some link holds a dependent to.
        self.anchors = {link.edge.target for links in self.into.values() for link in links if isinstance(link.edge.target, Nested)}
        self.order, back = self._topological()
        self.position = {u: i for i, u in enumerate(self.order)}
        for unit in units:
            self.into[unit] = [link for link in self.into[unit] if id(link) not in back]
            self.out[unit] = [link for link in self.out[unit] if id(link) not in back]

    @classmethod
    def of(cls, seeds: Iterable[Entity]) -> _Network:
        """The network of the projects linked to ``seeds`` (up- and downstream, any distance)."""
        found: dict[int, Entity] = {}
        stack = [p for p in seeds if p.kind == "project"]
        for p in stack:
            found[id(p)] = p
        while stack:
            project = stack.pop()
            edges = [*project.rel.depends_on, *project.rel.dependency_of]
            for milestone in project.entries("milestones"):
                edges.extend(milestone.rel.dependency_of)
            for edge in edges:
                for node in (edge.source, edge.target):
                    other = node.owner if isinstance(node, Nested) else node
                    if other.kind == "project" and id(other) not in found:
                        found[id(other)] = other
                        stack.append(other)
        return cls(found.values())

    def _link(self, edge: Edge) -> _Link | None:
        if not edge.scheduling:
            return None
        target = edge.target
        milestone = _milestone(target)
        unit = milestone.owner if milestone is not None else target
        if not isinstance(unit, Entity) or unit not in self.start:
            return None
        k = 1 if edge.type == FINISH_TO_START else 0
        fixed = None
        if milestone is not None:
            date = getattr(milestone.item, "date", None)
            if date is None:
                return None
            offset = date.toordinal() - self.start[unit]
            if milestone.status == "done":
                fixed = date.toordinal()
        else:
            offset = self.duration[unit] if edge.type == FINISH_TO_START else 0
        if unit in self.done:
            fixed = self.start[unit] + offset
        return _Link(edge, edge.source, unit, offset, k + edge.lag, fixed)

    def _topological(self) -> tuple[list[Entity], set[int]]:
        """Predecessors first; the ids of the links closing a cycle.

        An iterative depth-first walk along the links downstream, from each unit in
        order of ``src_uri``: a link back to a unit still on the walk's stack closes
        a cycle. The reverse post-order of the walk is a topological order.
        """
        state: dict[Entity, int] = {}  # 1: on the walk's stack, 2: done
        back: set[int] = set()
        post: list[Entity] = []
        for root in self.units:
            if root in state:
                continue
            state[root] = 1
            stack: list[tuple[Entity, int]] = [(root, 0)]
            while stack:
                node, position = stack.pop()
                links = self.out[node]
                descended = False
                while position < len(links):
                    link = links[position]
                    position += 1
                    seen = state.get(link.dependent)
                    if seen == 1:
                        back.add(id(link))
                    elif seen is None:
                        stack.append((node, position))
                        state[link.dependent] = 1
                        stack.append((link.dependent, 0))
                        descended = True
                        break
                if not descended:
                    state[node] = 2
                    post.append(node)
        post.reverse()
        return post, back

    def forward(self, shift: Mapping[int, int] | None = None) -> dict[Entity, int]:
        """Early start of every unit; ``shift`` moves the anchor of some links (by ``id(link)``) by days."""
        early: dict[Entity, int] = {}
        for unit in self.order:
            best = self.start[unit]
            for link in self.into[unit] if unit not in self.done else ():
                value = link.anchor(early) + link.gap
                if shift:
                    value += shift.get(id(link), 0)
                best = max(best, value)
            early[unit] = best
        return early

    def milestones(self, unit: Entity) -> list[tuple[Nested, int]]:
        """The dated milestones of ``unit`` and their offsets (computed once)."""
        found = self._milestones.get(unit)
        if found is None:
            found = self._milestones[unit] = [
                (m, m.item.date.toordinal() - self.start[unit]) for m in unit.entries("milestones")  # type: ignore[attr-defined]
                if getattr(m.item, "date", None) is not None
            ]
        return found


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Times:
    """CPM dates of a project or milestone in one scope (a milestone: start == finish)."""

    node: Node
    early_start: dt.date
    early_finish: dt.date
    late_start: dt.date
    late_finish: dt.date
    float: int
    """Total float in days: late start - early start."""

    @property
    def program(self) -> Entity | None:
        """The program of the project (of the milestone's project)."""
        owner = self.node.owner if isinstance(self.node, Nested) else self.node
        return owner.program


@dataclass
class Schedule:
    """The CPM result of one scope: a program id or ``"*"``."""

    scope: str
    end: dt.date | None
    """The scope's end: the latest early finish of its members (None: nothing dated)."""
    times: dict[Node, Times]
    """Every project of the scope (members and upstream) and dated milestone (of a member; upstream: those
    something depends on) -> its dates and float."""
    chain: list[Times]
    """The critical chain, first step first (see the module docstring)."""
    near: list[Times]
    """Near-critical projects of the scope (``0 < float <= near_critical_days``) and milestones of theirs that
    something depends on, by early start."""
    near_critical_days: int = NEAR_CRITICAL_DAYS

    def critical(self, node: Node) -> bool:
        times = self.times.get(node)
        return times is not None and times.float <= 0

    def near_critical(self, node: Node) -> bool:
        times = self.times.get(node)
        return times is not None and 0 < times.float <= self.near_critical_days


def _shown(node: Node) -> bool:
    """Listed among the near-critical: a project, or a milestone something depends on (others share their project's float)."""
    return isinstance(node, Entity) or any(edge.scheduling for edge in node.rel.dependency_of)


def _fact(node: Node, start: int, finish: int) -> Times:
    """A done milestone or completed project on a chain: its own dates, no float."""
    return Times(node, _date(start), _date(finish), _date(start), _date(finish), 0)


def _schedule(net: _Network, early: dict[Entity, int], scope: str, members: list[Entity], near_days: int) -> Schedule:
    if not members:
        return Schedule(scope, None, {}, [], [], near_days)
    member_set = set(members)
    end = max(early[u] + net.duration[u] for u in members)
    # the scope: members and everything upstream of them
    inside = set(members)
    stack = list(members)
    while stack:
        unit = stack.pop()
        for link in net.into[unit] if unit not in net.done else ():  # a completed project waits for nothing
            if link.fixed is None and link.unit not in inside:  # a done milestone holds nothing upstream back
                inside.add(link.unit)
                stack.append(link.unit)
    ordered = sorted(inside, key=net.position.__getitem__) if len(inside) < len(net.order) else net.order
    late: dict[Entity, int] = {}
    for unit in reversed(ordered):
        best = end - net.duration[unit] if unit in member_set else None
        for link in net.out[unit]:
            if link.dependent in inside and link.fixed is None and link.dependent not in net.done:
                value = late[link.dependent] - link.gap - link.offset
                best = value if best is None else min(best, value)
        late[unit] = best if best is not None else early[unit]  # pragma: no branch - upstream units have a successor
    times: dict[Node, Times] = {}
    for unit in ordered:
        if unit in net.done:
            continue  # completed: a fact, with no float
        es, ls, d = early[unit], late[unit], net.duration[unit]
        times[unit] = Times(unit, _date(es), _date(es + d), _date(ls), _date(ls + d), ls - es)
        for milestone, offset in net.milestones(unit):
            if milestone.status == "done":
                continue  # done: a fact, with no float
            if unit not in member_set and milestone not in net.anchors:
                continue  # upstream of the scope: only the milestones something depends on
            times[milestone] = Times(milestone, _date(es + offset), _date(es + offset), _date(ls + offset), _date(ls + offset), ls - es)
    # the chain
    last = min(members, key=lambda u: (-(early[u] + net.duration[u]), u.id, u.src_uri))
    chain: list[Times] = [times[last] if last in times else _fact(last, net.start[last], net.start[last] + net.duration[last])]
    seen = {last}
    current = last
    while True:
        step: _Link | None = None
        for link in net.into[current]:
            if link.fixed is None and (link.unit not in inside or late[link.unit] - early[link.unit] > 0):
                continue
            if link.anchor(early) + link.gap != early[current]:
                continue
            if step is None or (link.unit.id, link.edge.target.key if isinstance(link.edge.target, Nested) else "") < (
                step.unit.id, step.edge.target.key if isinstance(step.edge.target, Nested) else ""
            ):
                step = link
        if step is None or step.unit in seen:
            break
        if step.fixed is not None:  # held by a done milestone or a completed project: the chain starts there
            target = step.edge.target
            if isinstance(target, Entity):
                chain.append(_fact(target, net.start[target], net.start[target] + net.duration[target]))
            else:
                chain.append(_fact(target, step.fixed, step.fixed))
            break
        if isinstance(step.edge.target, Nested):
            chain.append(times[step.edge.target])
        chain.append(times[step.unit])
        seen.add(step.unit)
        current = step.unit
    chain.reverse()
    near = sorted((t for t in times.values() if 0 < t.float <= near_days and _shown(t.node)),
                  key=lambda t: (t.early_start, t.node.key))
    return Schedule(scope, _date(end), times, chain, near, near_days)


# --------------------------------------------------------------------------- what-if


@dataclass(frozen=True)
class Impact:
    """A downstream project or milestone reached by a slip."""

    node: Node
    """The project or milestone."""
    days: int
    """How far it moves (0: the float absorbed all of it)."""
    via: Entity
    """What pushes it: the project whose anchor moved most (a milestone's own project)."""
    old_start: dt.date
    old_end: dt.date
    new_start: dt.date
    new_end: dt.date
    """Early dates before and after the slip (a milestone: start == end == its date)."""
    pushed: int
    """How far the anchor of ``via`` moved (days): the push arriving along the driving link."""
    absorbed: int
    """Float absorbed: ``pushed - days`` (the free slack of that link used up)."""

    def to_dict(self) -> dict[str, Any]:
        """As ``pgm.json`` (``blast_radius``) and ``mkdocs-pgm impact --format json`` give it."""
        return {
            "id": self.node.ref_id, "days": self.days, "via": self.via.id, "pushed": self.pushed, "absorbed": self.absorbed,
            "old_start": self.old_start.isoformat(), "old_end": self.old_end.isoformat(),
            "new_start": self.new_start.isoformat(), "new_end": self.new_end.isoformat(),
        }


@dataclass(frozen=True)
class WhatIf:
    """What a slip of ``subject`` moves (see :func:`impact`)."""

    subject: Node
    days: int
    impacts: list[Impact]
    """Every downstream project and milestone a move reaches, most days first, then by key."""
    end_before: dt.date | None
    end_after: dt.date | None
    """The portfolio's end (latest early finish) before and after."""
    float: int | None
    """The subject's total float in the portfolio (None: not dated)."""

    @property
    def moved(self) -> list[Impact]:
        """The impacts that move (``days > 0``)."""
        return [i for i in self.impacts if i.days > 0]

    @property
    def subject_after(self) -> dt.date | None:
        """The subject's new end (a milestone: its new date)."""
        milestone = _milestone(self.subject)
        date = getattr(milestone.item, "date", None) if milestone is not None else _end(self.subject)  # type: ignore[arg-type]
        return _date(date.toordinal() + self.days) if date is not None else None

    def to_dict(self) -> dict[str, Any]:
        """As ``mkdocs-pgm impact --format json`` prints it."""
        return {
            "subject": self.subject.ref_id, "days": self.days, "float": self.float,
            "end_before": self.end_before.isoformat() if self.end_before else None,
            "end_after": self.end_after.isoformat() if self.end_after else None,
            "impacts": [i.to_dict() for i in self.impacts],
        }


def _slips_with(target: Node, unit: Entity, kind: str, finish_only: bool) -> bool:
    """Whether an anchor on ``target`` moves when the project ``unit`` slips: its finish does
    (a finish-to-start link to it), and so do its milestones not done yet, unless only the
    finish moves (a replay of ``end`` against ``baseline.end``, :func:`blast_radius`)."""
    if target is unit:
        return kind == FINISH_TO_START
    milestone = _milestone(target)
    return not finish_only and milestone is not None and milestone.owner is unit and milestone.status != "done"


def _what_if(net: _Network, base: dict[Entity, int], subject: Node, days: int, *, replay: bool = False,
             total_float: int | None = None, finish_only: bool | None = None) -> WhatIf | None:
    """Compare two forward passes over what lies downstream of ``subject``: without and with it slipping ``days``.

    ``replay``: the slip already happened (the planned dates include it): the
    "before" pass moves the anchor back by ``days``, the "after" is ``base``
    (the portfolio's end is then not computed). ``finish_only`` (default: ``replay``):
    only the subject's finish moves, not its milestones.
    """
    only_finish = replay if finish_only is None else finish_only
    milestone = _milestone(subject)
    unit = milestone.owner if milestone is not None else subject
    if not isinstance(unit, Entity) or unit not in net.start or (unit in net.done and milestone is None):
        return None
    if milestone is not None and milestone.status == "done":
        return None
    moved_links: dict[int, int] = {}
    for link in net.out[unit]:
        target = link.edge.target
        hit = target is milestone if milestone is not None else _slips_with(target, unit, link.edge.type, only_finish)
        if hit:
            moved_links[id(link)] = days
    # the units downstream of the subject, in topological order
    reach: set[Entity] = set()
    stack = [unit]
    while stack:
        for link in net.out[stack.pop()]:
            if link.dependent not in reach and link.dependent is not unit and link.dependent not in net.done:
                reach.add(link.dependent)
                stack.append(link.dependent)
    ordered = sorted(reach, key=net.position.__getitem__)
    shifted: dict[Entity, int] = {}
    sign = -1 if replay else 1
    for u in ordered:
        best = net.start[u]
        for link in net.into[u] if u not in net.done else ():
            anchor = link.fixed if link.fixed is not None else shifted.get(link.unit, base[link.unit]) + link.offset
            best = max(best, anchor + link.gap + sign * moved_links.get(id(link), 0))
        shifted[u] = best
    before, after = (shifted, base) if replay else (base, shifted)

    impacts: list[Impact] = []
    reached: set[Entity] = set()
    for u in ordered:
        driver: tuple[int, str] | None = None  # the latest new constraint (ties: smallest id) among the links that moved
        via: Entity | None = None
        pushed = 0
        for link in net.into[u]:
            if link.unit is not unit and link.unit not in reached:
                continue
            slipped = days if id(link) in moved_links else 0
            if link.fixed is not None:  # a done milestone moves only as the subject of the slip
                move, value = slipped, link.fixed + link.gap + (0 if replay else slipped)
            else:
                move = after.get(link.unit, base[link.unit]) - before.get(link.unit, base[link.unit]) + slipped
                value = after.get(link.unit, base[link.unit]) + link.offset + link.gap + (0 if replay else slipped)
            if move <= 0:
                continue
            rank = (-value, link.unit.id)
            if driver is None or rank < driver:
                driver, via, pushed = rank, link.unit, move
        if via is None:
            continue
        reached.add(u)
        moved = after[u] - before[u]
        d = net.duration[u]
        impacts.append(Impact(u, moved, via, _date(before[u]), _date(before[u] + d), _date(after[u]), _date(after[u] + d), pushed, pushed - moved))
        if moved > 0:
            for m, offset in net.milestones(u):
                if m.status == "done":
                    continue  # a fact: it does not move
                impacts.append(Impact(m, moved, u, _date(before[u] + offset), _date(before[u] + offset),
                                      _date(after[u] + offset), _date(after[u] + offset), moved, 0))
    impacts.sort(key=lambda i: (-i.days, -i.pushed, i.node.key))
    end_before = end_after = None
    if not replay and net.units:
        last = max(base[u] + net.duration[u] for u in net.units)
        grown = [shifted[u] + net.duration[u] for u in ordered]
        if milestone is None:
            grown.append(base[unit] + net.duration[unit] + days)
        end_before, end_after = _date(last), _date(max([last, *grown]))
    return WhatIf(subject, days, impacts, end_before, end_after, total_float)


# --------------------------------------------------------------------------- all together


@dataclass
class Analysis:
    """Every schedule analysis of a site, computed once by :func:`analyze`."""

    conflicts: list[Conflict]
    """All schedule conflicts (see :func:`schedule_conflicts`)."""
    schedules: dict[str, Schedule]
    """Program id -> the CPM of its scope; ``"*"`` -> that of the whole portfolio."""
    impacts: dict[Entity, list[Impact]]
    """Every project with a positive slip -> what that slip moves downstream (possibly nothing moves)."""
    near_critical_days: int = NEAR_CRITICAL_DAYS
    _net: _Network | None = field(default=None, repr=False, compare=False)
    _early: dict[Entity, int] = field(default_factory=dict, repr=False, compare=False)
    _by_node: dict[int, list[Conflict]] | None = field(default=None, init=False, repr=False, compare=False)
    what_if_days: int = WHAT_IF_DAYS
    """The further slip each dated project's page tries (:meth:`further_slip`); 0: none."""
    _further: dict[int, WhatIf | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def critical(self) -> dict[str, list[Entity]]:
        """Scope -> the projects of its critical chain, first first."""
        return {scope: [t.node for t in s.chain if isinstance(t.node, Entity)] for scope, s in self.schedules.items()}

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

    def _scope(self, scope: str | Entity) -> Schedule | None:
        return self.schedules.get(scope.id if isinstance(scope, Entity) else scope)

    def times(self, node: Node, scope: str | Entity = ALL) -> Times | None:
        """The CPM dates and float of a project or milestone in ``scope`` (None: not in it)."""
        schedule = self._scope(scope)
        return schedule.times.get(node) if schedule is not None else None

    def on_critical_path(self, entity: Node, scope: str | Entity = ALL) -> bool:
        """Whether ``entity`` is on the critical chain of ``scope``: a program (or its id), or ``"*"``."""
        schedule = self._scope(scope)
        return schedule is not None and any(t.node is entity for t in schedule.chain)

    def near_critical(self, node: Node, scope: str | Entity = ALL) -> bool:
        """Whether ``node``'s float in ``scope`` is positive and at most ``near_critical_days``."""
        schedule = self._scope(scope)
        return schedule is not None and schedule.near_critical(node)

    def what_if(self, node: Node, days: int) -> WhatIf | None:
        """What moves if ``node`` (a dated project, or a dated milestone of one) slips ``days`` days."""
        if self._net is None or days <= 0:
            return None
        times = self.times(node)
        return _what_if(self._net, self._early, node, days, total_float=times.float if times is not None else None)

    def further_slip(self, project: Entity) -> WhatIf | None:
        """What ``project`` slipping ``what_if_days`` more days (from its planned end) would move downstream,
        computed once per project; None: the option is 0, or the project is not dated."""
        key = id(project)
        if key not in self._further:
            self._further[key] = self.what_if(project, self.what_if_days) if project.kind == "project" else None
        return self._further[key]

    def further_end(self, project: Entity) -> dt.date | None:
        """The end ``project`` would have after :meth:`further_slip`: its early finish in the CPM (its planned
        end, or later when a dependency holds it back) plus ``what_if_days``; None when there is no what-if."""
        times = self.times(project)
        if times is None or self.further_slip(project) is None:
            return None
        return _date(times.early_finish.toordinal() + self.what_if_days)


def impact(registry: Registry, analysis: Analysis, node_id: str, days: int) -> WhatIf:
    """What moves downstream if the project (or ``PROJECT#milestone``) ``node_id`` slips ``days`` days.

    Raises LookupError for an unknown id, ValueError for something that cannot slip
    (not a dated project or milestone, a completed project, a done milestone) or a
    number of days that is not positive.
    """
    node = registry.resolve(node_id)
    if node is None:
        raise LookupError(f"unknown id '{node_id}'")
    if days <= 0:
        raise ValueError(f"days: expected a positive number of days, found {days}")
    result = analysis.what_if(node, days)
    if result is None:
        milestone = _milestone(node)
        if milestone is not None and milestone.status == "done":
            raise ValueError(f"{node_id}: the milestone is done: it cannot slip")
        if milestone is None and isinstance(node, Entity) and node.kind == "project" and node.status == "completed":
            raise ValueError(f"{node_id}: the project is completed: it cannot slip")
        what = "a project with start and end" if milestone is None else "a milestone with a date of a project with start and end"
        raise ValueError(f"{node_id}: only {what} can slip")
    return result


def analyze(registry: Registry, near_critical_days: int = NEAR_CRITICAL_DAYS, what_if_days: int = WHAT_IF_DAYS) -> Analysis:
    """Conflicts, the CPM of every program and of ``"*"``, and the impact of current slips
    (and, on demand, of a further slip of ``what_if_days``: :meth:`Analysis.further_slip`)."""
    net = _Network(registry.of_kind("project"))
    early = net.forward()
    schedules = {ALL: _schedule(net, early, ALL, net.units, near_critical_days)}
    for program in registry.of_kind("program"):
        members = [p for p in program.projects if p in net.start]
        schedules[program.id] = _schedule(net, early, program.id, members, near_critical_days)
    impacts: dict[Entity, list[Impact]] = {}
    for project in registry.of_kind("project"):
        slip = slip_days(project)
        if slip is not None and slip > 0 and project in net.start:
            found = _what_if(net, early, project, slip, replay=True)
            impacts[project] = found.impacts if found is not None else []
    return Analysis(schedule_conflicts(registry), schedules, impacts, near_critical_days, net, early, what_if_days=what_if_days)

def critical_path(projects: Iterable[Entity]) -> list[Entity]:
    """The projects of the critical chain of a scope made of ``projects`` (and what lies upstream of them)."""
    members = list(projects)
    wanted = {id(p) for p in members}
    if not members:
        return []
    net = _Network.of(members)
    scope = [u for u in net.units if id(u) in wanted]
    schedule = _schedule(net, net.forward(), ALL, scope, 0)
    return [t.node for t in schedule.chain if isinstance(t.node, Entity)]


def blast_radius(project: Entity, slip: int | None = None) -> list[Impact]:
    """What moves downstream (``days > 0``) if ``project``'s end, and only its end, moves ``slip``
    more days (default: its current :func:`slip_days`); see :func:`impact`."""
    move = slip_days(project) if slip is None else slip
    if move is None or move <= 0:
        return []
    net = _Network.of([project])
    found = _what_if(net, net.forward(), project, move, finish_only=True)
    return found.moved if found is not None else []
