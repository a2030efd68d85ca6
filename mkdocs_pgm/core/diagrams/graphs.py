"""Dependency diagrams as Graphviz DOT (built with the ``graphviz`` package).

Pure and host-independent: the functions here return :class:`Graph` objects
(DOT source plus what the page needs to show it); :mod:`.graphviz_service`
lays them out. Every attribute value is written as a quoted DOT string (see
:class:`_Digraph`: never an HTML-like ``<...>`` label, whatever it starts and
ends with), and user text reaches it through :func:`_text` or :func:`_tip`
(backslashes made literal), so no id, title or owner can change the graph's
structure or add a link; only the plugin's own URLs go into ``URL``. Node
names are our own (``n0``, ``n1``…), never user text. Nodes and edges carry
classes that the stylesheet colours, so diagrams follow the light and dark
palettes; they also carry the light colours of :mod:`..views.palette` (``color``,
``fillcolor``, ``fontcolor``), which dot writes as presentation attributes: the
SVG stays readable where our stylesheet is not loaded (Backstage TechDocs), and
any CSS rule overrides them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import graphviz
from graphviz import quoting

from ..i18n import ENGLISH, Locale
from ..model.registry import Edge, Entity, Nested, strongly_connected
from ..views.palette import colour, mix

HEALTH_GLYPH = {"green": "●", "amber": "▲", "red": "■"}
#: The health of a node in English (other languages: the glyph and the ``health.*`` label).
HEALTH_WORD = {health: f"{glyph} {health}" for health, glyph in HEALTH_GLYPH.items()}
FONT = "Helvetica,Arial,sans-serif"
#: How much of its health's colour a node's background mixes into the page's (as pgm.css does).
HEALTH_TINT = {"green": 12, "amber": 16, "red": 14}
#: Statuses whose nodes have muted text.
MUTED_STATUSES = ("completed", "cancelled")

UrlOf = Callable[["Entity | Nested"], "str | None"]


@dataclass
class Graph:
    """One diagram to lay out: its DOT source and where it is shown."""

    name: str
    source: str
    title: str
    page: str
    nodes: int = 0
    hidden: int = 0
    entities: list[Entity] = field(default_factory=list)

    @property
    def key(self) -> str:
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()


_CONTROL = dict.fromkeys(range(32), " ") | {127: " "}


def _a_list(label: str | None = None, kwargs: Mapping[str, Any] | None = None, attributes: Any = None) -> str:
    """``graphviz.quoting.a_list`` with every value a quoted string: the graphviz package
    writes a value that looks like ``<...>`` as an HTML-like label (markup, links) unless it
    is a :func:`graphviz.nohtml` string, and a label joined from escaped lines is not one."""

    def plain(value: Any) -> Any:
        return value if value is None else graphviz.nohtml(str(value))

    if hasattr(attributes, "items"):
        attributes = attributes.items()
    return quoting.a_list(
        None if label is None else graphviz.nohtml(label),
        kwargs={k: plain(v) for k, v in (kwargs or {}).items()} or None,
        attributes=[(k, plain(v)) for k, v in attributes] if attributes else None,
    )


def _attr_list(label: str | None = None, kwargs: Mapping[str, Any] | None = None, attributes: Any = None) -> str:
    content = _a_list(label, kwargs, attributes)
    return f" [{content}]" if content else ""


class _Digraph(graphviz.Digraph):
    """A ``graphviz.Digraph`` whose attribute values are always quoted DOT strings (subgraphs too)."""

    _a_list = staticmethod(_a_list)
    _attr_list = staticmethod(_attr_list)


def _text(value: object) -> str:
    """User text for a DOT label: one line, no control characters, backslashes literal."""
    return graphviz.escape(" ".join(str(value).translate(_CONTROL).split()))


def _tip(value: object) -> str:
    """User text for a tooltip: Graphviz expands escapes in tooltips once more than in labels."""
    return graphviz.escape(_text(value))


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _project_of(node: Entity | Nested) -> Entity:
    return node if isinstance(node, Entity) else node.owner


def neighbourhood(entity: Entity, depth: int) -> list[Entity]:
    """What a project's diagram draws: the entity, then what it depends on and what depends on
    it (its milestones included), ``depth`` steps out, nearest first."""
    order: list[Entity] = [entity]
    seen = {entity}
    frontier = [entity]
    for _ in range(depth):
        following: list[Entity] = []
        for node in frontier:
            neighbours = [_project_of(e.target) for e in node.rel.depends_on]
            neighbours += [e.source for e in node.rel.dependency_of]
            for entry in node.entries("milestones"):
                neighbours += [e.source for e in entry.rel.dependency_of]
            for other in neighbours:
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
        order.extend(following)
    return order


def cycle_members(entities: Iterable[Entity]) -> set[Entity]:
    """Entities on a cycle of scheduling dependencies (drawn highlighted)."""
    graph = {e: [edge for edge in e.rel.depends_on if edge.scheduling] for e in entities}
    members: set[Entity] = set()
    for component in strongly_connected(graph):
        if len(component) > 1 or any(_project_of(edge.target) is component[0] for edge in graph[component[0]]):
            members.update(component)
    return members


class DiagramBuilder:
    """Builds the DOT of each view, with links relative to the page showing it."""

    def __init__(
        self,
        entities: Sequence[Entity],
        href: Callable[[Entity | Nested, str], str | None],
        *,
        depth: int = 2,
        max_nodes: int = 40,
        critical: dict[str, list[Entity]] | None = None,
        near_critical: dict[str, list[Entity]] | None = None,
        conflicts: Iterable[Edge] = (),
        locale: Locale = ENGLISH,
    ) -> None:
        self.entities = list(entities)
        #: The language of titles, labels and tooltips (the cache is keyed by the DOT: one entry per language).
        self.locale = locale
        self.href = href
        self.depth = depth
        self.max_nodes = max_nodes
        #: Critical paths by program id ("*": the portfolio); each view highlights its own.
        self.critical_paths = critical or {}
        self.critical: set[Entity] = set()
        #: Near-critical projects by program id ("*": the portfolio): a dashed outline.
        self.near_paths = near_critical or {}
        self.near: set[Entity] = set()
        self.conflicts = set(conflicts)
        self.cycles = cycle_members(self.entities)

    # ------------------------------------------------------------ words

    def _say(self, key: str, /, **values: object) -> str:
        return self.locale.text(key, **values)

    def _count(self, key: str, n: int, /, **values: object) -> str:
        """``key.one`` or ``key.other`` by ``n`` (given as ``{n}``)."""
        return self._say(f"{key}.{'one' if n in self.locale.formats.plural_one else 'other'}", n=n, **values)

    def _word(self, group: str, value: str) -> str:
        """A front-matter value (status, kind, dependency type): as written in English, else its label."""
        if self.locale.table == "en":
            return value
        return self.locale.vocabulary(group, value)

    def _health(self, health: str) -> str:
        if self.locale.table == "en":
            return HEALTH_WORD[health]
        return f"{HEALTH_GLYPH[health]} {self.locale.vocabulary('health', health).lower()}"

    # ------------------------------------------------------------ building blocks

    def _digraph(self, name: str, title: str, *, rankdir: str = "TB") -> graphviz.Digraph:
        graph = _Digraph(name=name)
        graph.attr(rankdir=rankdir, fontname=FONT, fontsize="11", nodesep="0.25", ranksep="0.45", tooltip=_tip(title), bgcolor="transparent")
        graph.attr("node", shape="box", style="rounded,filled", fontname=FONT, fontsize="10", margin="0.12,0.05",
                   color=colour("muted"), fillcolor=colour("surface"), fontcolor=colour("fg"))
        graph.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7", color=colour("muted"), fontcolor=colour("muted"))
        return graph

    def _node(self, graph: graphviz.Digraph, ident: str, entity: Entity, page_url: str, *, current: bool = False) -> None:
        model = entity.model
        lines = [_short(entity.title)]
        facts = []
        health = entity.health
        if health:
            facts.append(self._health(health))
        owner = getattr(model, "owner", None)
        if owner:
            facts.append(_short(owner.split(" (")[0], 22))
        end = getattr(model, "end", None)
        if end:
            facts.append(self._say("section.impact_ends", date=self.locale.date(end)))
        if facts:
            lines.append(" · ".join(facts[:2]))
            lines.extend(facts[2:])
        classes = ["pgm-node", f"pgm-kind-{entity.kind}"]
        if health:
            classes.append(f"pgm-health-{health}")
        if entity.status:
            classes.append(f"pgm-status-{entity.status}")
        if current:
            classes.append("pgm-current")
        if entity in self.critical:
            classes.append("pgm-critical")
        elif entity in self.near:
            classes.append("pgm-near-critical")
        if entity in self.cycles:
            classes.append("pgm-cycle")
        tooltip = f"{entity.title} ({entity.id}) · {self._word('noun', entity.kind)}" + (f" · {self._word('status', entity.status)}" if entity.status else "")
        tooltip += (f" · {self._say('roadmap.owner', name=owner)}" if owner else "")
        tooltip += (f" · {self._say('section.impact_ends', date=self.locale.date(end))}" if end else "")
        if entity.origin is not None:  # a page of another site (sources): the link leaves this site
            tooltip += f" · {entity.origin} ↗"
            classes.append("pgm-remote")
        attrs = {"label": "\\n".join(_text(line) for line in lines), "tooltip": _tip(tooltip), "class": " ".join(classes)}
        url = self.href(entity, page_url)
        if url:
            attrs["URL"] = _text(url)
            attrs["target"] = "_top"
        attrs.update(self._node_colours(entity, current=current))
        graph.node(ident, **attrs)

    def _node_colours(self, entity: Entity, *, current: bool = False) -> dict[str, str]:
        """The light colours and lines of a node, as pgm.css draws them (which overrides them)."""
        attrs: dict[str, str] = {}
        style = ["rounded", "filled"]
        if entity.health:
            attrs["color"] = colour(entity.health)
            attrs["fillcolor"] = mix(entity.health, HEALTH_TINT[entity.health])
        if entity.status in MUTED_STATUSES:
            attrs["fontcolor"] = colour("muted")
        if entity.kind == "program":
            style.append("dashed")
        if current:
            attrs["penwidth"] = "2"
        if entity in self.critical:
            attrs["color"], attrs["penwidth"] = colour("purple"), "2.5"
        elif entity in self.near:
            attrs["color"], attrs["penwidth"] = colour("purple"), "1.8"
            if "dashed" not in style:
                style.append("dashed")
        if entity in self.cycles:
            attrs["color"], attrs["penwidth"] = colour("red"), "2.5"
            if "dashed" not in style:
                style.append("dashed")
        if len(style) > 2:
            attrs["style"] = ",".join(style)
        return attrs

    def _edge(
        self, graph: graphviz.Digraph, tail: str, head: str, edge: Edge | None, *,
        cross: bool = False, label: str = "", count: int = 0, dense: bool = False,
    ) -> None:
        classes = ["pgm-edge"]
        attrs: dict[str, str] = {}
        if edge is not None:
            classes.append(f"pgm-edge-{edge.type}")
            if edge.type == "informational":
                attrs["style"] = "dashed"
                attrs["constraint"] = "false"  # no scheduling meaning: it does not shape the layout
            elif edge.type == "start-to-start":
                attrs["arrowhead"] = "empty"
            target = edge.target
            if isinstance(target, Nested):
                label = label or target.title
            if edge in self.conflicts:
                classes.append("pgm-conflict")
            if edge.source in self.cycles and _project_of(target) in self.cycles:
                classes.append("pgm-cycle")
            if edge.source in self.critical and _project_of(target) in self.critical:
                classes.append("pgm-critical")
            tip = self._say("diagram.depends_on", source=edge.source.title, target=target.title)
            tip += f" ({target.owner.title})" if isinstance(target, Nested) else ""
            tip += f" · {self._word('dependency', edge.type)}" + (f" · {edge.note}" if edge.note else "")
            attrs["tooltip"] = _tip(tip)
        if cross:
            classes.append("pgm-edge-cross")
            attrs["penwidth"] = "2"
            attrs["color"] = colour("accent")
        if "pgm-critical" in classes:
            attrs["color"], attrs["penwidth"] = colour("purple"), "2.5"
        if "pgm-conflict" in classes or "pgm-cycle" in classes:
            attrs["color"] = colour("red")
        if count > 1:
            label = self._count("diagram.dependencies", count)
        if label:
            # On a dense graph, an xlabel (placed after the layout) instead of a label (laid
            # out like a node) turns minutes of dot into seconds.
            attrs["xlabel" if dense else "label"] = _text(_short(label, 30))
        attrs["class"] = " ".join(classes)
        graph.edge(tail, head, **attrs)

    @staticmethod
    def _ids(entities: Iterable[Entity]) -> dict[Entity, str]:
        return {entity: f"n{index}" for index, entity in enumerate(entities)}

    # ------------------------------------------------------------ views

    def project(self, entity: Entity, page_url: str) -> Graph:
        """The neighbourhood of a project: upstream and downstream to ``depth``."""
        order = neighbourhood(entity, self.depth)
        shown = order[: self.max_nodes]
        hidden = len(order) - len(shown)
        self.critical = set(self.critical_paths.get(entity.program.id, ())) if entity.program else set()
        self.near = set(self.near_paths.get(entity.program.id, ())) if entity.program else set()
        title = self._say("diagram.title_project", title=entity.title)
        graph = self._digraph("neighbourhood", title)
        ids = self._ids(shown)
        for node in shown:
            self._node(graph, ids[node], node, page_url, current=node is entity)
        self._edges_between(graph, shown, ids)
        if hidden:
            tooltip = _tip(self._say("diagram.more_within", count=hidden, depth=self.depth))
            graph.node("more", label=_text(self._say("diagram.more", count=hidden)), tooltip=tooltip, style="rounded,dashed", **{"class": "pgm-node pgm-more"})
        return Graph(f"project:{entity.id}", graph.source, title, entity.src_uri, len(shown), hidden, shown)

    def _edges_between(self, graph: graphviz.Digraph, shown: Sequence[Entity], ids: dict[Entity, str], *, cross: bool = False) -> None:
        for node in shown:
            for edge in node.rel.depends_on:
                target = _project_of(edge.target)
                if target in ids:
                    is_cross = cross and node.program is not target.program
                    self._edge(graph, ids[target], ids[node], edge, cross=is_cross)

    def program(self, program: Entity, page_url: str) -> Graph:
        """A program's projects; every other program they depend on, or that depends on them, is one node."""
        projects = list(program.projects)
        self.critical = set(self.critical_paths.get(program.id, ()))
        self.near = set(self.near_paths.get(program.id, ()))
        title = self._say("diagram.title_program", title=program.title)
        graph = self._digraph("program", title)
        ids = self._ids(projects)
        for project in projects:
            self._node(graph, ids[project], project, page_url)
        outside: dict[Entity | None, list[tuple[str, str, Edge]]] = defaultdict(list)
        for project in projects:
            for edge in project.rel.depends_on:
                target = _project_of(edge.target)
                if target in ids:
                    self._edge(graph, ids[target], ids[project], edge)
                elif target is not program:
                    outside[target.program if target.kind == "project" else target].append((ids[project], "out", edge))
            for edge in project.rel.dependency_of + [e for m in project.entries("milestones") for e in m.rel.dependency_of]:
                source = edge.source
                if source not in ids and source is not program:
                    outside[source.program if source.kind == "project" else source].append((ids[project], "in", edge))
        for index, (other, links) in enumerate(sorted(outside.items(), key=lambda kv: kv[0].title if kv[0] else "")):
            ident = f"x{index}"
            if other is None:
                graph.node(ident, label=_text(self._say("roadmap.standalone")), **{"class": "pgm-node pgm-external"})
            else:
                count = len({(e.source, _project_of(e.target)) for _, _, e in links})
                self._node(graph, ident, other, page_url)
                tooltip = _tip(self._count("diagram.with_program", count, title=other.title))
                graph.node(ident, **{"class": f"pgm-node pgm-external pgm-kind-{other.kind}", "tooltip": tooltip})
            for local, direction, edge in links:  # arrows run from what is needed to what needs it
                if direction == "out":
                    self._edge(graph, ident, local, edge, cross=True)
                else:
                    self._edge(graph, local, ident, edge, cross=True)
        return Graph(f"program:{program.id}", graph.source, title, program.src_uri, len(projects) + len(outside), 0, projects)

    def portfolio(self, programs: Sequence[Entity], standalone: Sequence[Entity], page_url: str, page: str) -> Graph:
        """Programs as clusters, every project (up to ``max_nodes`` per program), cross-program edges emphasised.

        Edges implied by others (A→C when A→B→C) are left out (transitive reduction).
        """
        title = self._say("diagram.title_portfolio")
        self.critical = set(self.critical_paths.get("*", ()))
        self.near = set(self.near_paths.get("*", ()))
        graph = self._digraph("portfolio", title, rankdir="LR")
        graph.attr(compound="true", newrank="true")
        shown: list[Entity] = []
        hidden_total = 0
        more_nodes: list[tuple[str, Entity, int]] = []
        groups = [(p, list(p.projects)) for p in programs] + ([(None, list(standalone))] if standalone else [])
        for program, projects in groups:
            keep = self._keep(projects)
            shown.extend(keep)
            if len(keep) < len(projects) and program is not None:
                more_nodes.append((f"more{len(more_nodes)}", program, len(projects) - len(keep)))
                hidden_total += len(projects) - len(keep)
        ids = self._ids(shown)
        reduced = transitive_reduction(shown)
        for index, (program, projects) in enumerate(groups):
            with graph.subgraph(name=f"cluster_{index}") as cluster:
                label = program.title if program is not None else self._say("roadmap.standalone")
                health = f" pgm-health-{program.health}" if program is not None and program.health else ""
                cluster_attrs = {"label": _text(label), "class": "pgm-cluster" + health, "style": "rounded,filled",
                                 "color": colour("border"), "fillcolor": mix("fg", 4), "fontcolor": colour("fg")}
                if program is not None:
                    url = self.href(program, page_url)
                    if url:
                        cluster_attrs["URL"] = _text(url)
                    cluster_attrs["tooltip"] = _tip(f"{program.title} ({program.id})")
                cluster.attr(**cluster_attrs)
                for project in projects:
                    if project in ids:
                        self._node(cluster, ids[project], project, page_url)
                for ident, prog, count in more_nodes:
                    if prog is program:
                        url = self.href(prog, page_url)
                        extra = {"URL": _text(url + "#pgm-project-dependencies")} if url else {}
                        tooltip = _tip(self._say("diagram.see_page", title=prog.title))
                        cluster.node(ident, label=_text(self._say("diagram.more_projects", count=count)), tooltip=tooltip, style="rounded,dashed",
                                     **{"class": "pgm-node pgm-more"}, **extra)
        for node in shown:
            for edge in node.rel.depends_on:
                target = _project_of(edge.target)
                if target in ids and (node, target) in reduced:
                    self._edge(graph, ids[target], ids[node], edge, cross=node.program is not target.program, dense=True)
        return Graph("portfolio", graph.source, title, page, len(shown), hidden_total, shown)

    def programs_overview(self, programs: Sequence[Entity], page_url: str, page: str) -> Graph:
        """One node per program; an edge where projects of one depend on projects of another (with the count)."""
        title = self._say("diagram.title_programs")
        self.critical = set()
        self.near = set()
        graph = self._digraph("programs", title, rankdir="LR")
        # Few nodes, many edges (40 programs of a 1,000-project portfolio: ~700 edges): dot's network
        # simplex placing the nodes took 23 s of the 30 s timeout; capped, 7 s for the same drawing size.
        graph.attr(nslimit="3", nslimit1="3")
        ids = self._ids(programs)
        for program in programs:
            self._node(graph, ids[program], program, page_url)
        counts: dict[tuple[Entity, Entity], int] = defaultdict(int)
        for program in programs:
            for project in [program, *program.projects]:
                for edge in project.rel.depends_on:
                    target = _project_of(edge.target)
                    other = target if target.kind == "program" else target.program
                    if other is not None and other is not program and other in ids:
                        counts[(program, other)] += 1
        for (source, target), count in sorted(counts.items(), key=lambda kv: (kv[0][0].id, kv[0][1].id)):
            self._edge(graph, ids[target], ids[source], None, cross=True, label=self._count("diagram.dependencies", count), dense=True)
        return Graph("programs", graph.source, title, page, len(programs), 0, list(programs))

    def _keep(self, projects: Sequence[Entity]) -> list[Entity]:
        """Up to ``max_nodes`` projects: those with cross-program links or on the critical path first, then by degree."""
        if len(projects) <= self.max_nodes:
            return list(projects)

        def rank(project: Entity) -> tuple[int, int, str]:
            cross = any(_project_of(e.target).program is not project.program for e in project.rel.depends_on)
            cross = cross or any(e.source.program is not project.program for e in project.rel.dependency_of)
            degree = len(project.rel.depends_on) + len(project.rel.dependency_of)
            return (0 if cross or project in self.critical else 1, -degree, project.id)

        chosen = set(sorted(projects, key=rank)[: self.max_nodes])
        return [p for p in projects if p in chosen]


def transitive_reduction(entities: Sequence[Entity]) -> set[tuple[Entity, Entity]]:
    """The (source, target) project pairs to draw: an edge implied by a longer path is dropped.

    Only scheduling dependencies imply one another (an informational link is
    always drawn), only among ``entities``, and never through a cycle: a pair
    is dropped only when another path reaches the target without passing
    through the target's own cycle. Iterative.
    """
    members = set(entities)
    scheduling: dict[Entity, list[Edge]] = {e: [] for e in entities}
    pairs: set[tuple[Entity, Entity]] = set()
    for entity in entities:
        for edge in entity.rel.depends_on:
            target = _project_of(edge.target)
            if target in members and target is not entity:
                pairs.add((entity, target))
                if edge.scheduling:
                    scheduling[entity].append(edge)
    component: dict[Entity, int] = {}
    for index, members_of in enumerate(strongly_connected(scheduling)):
        for member in members_of:
            component[member] = index
    successors = {e: {_project_of(edge.target) for edge in edges} - {e} for e, edges in scheduling.items()}
    keep: set[tuple[Entity, Entity]] = set()
    for source, target in pairs:
        if target not in successors[source] or component[source] == component[target]:
            keep.add((source, target))
            continue
        # Is target reachable from source by another path, outside target's cycle?
        avoid = component[target]
        stack = [t for t in successors[source] if t is not target and component[t] != avoid]
        seen = set(stack)
        implied = False
        while stack and not implied:
            node = stack.pop()
            for following in successors[node]:
                if following is target:
                    implied = True
                    break
                if following not in seen and following is not source and component[following] != avoid:
                    seen.add(following)
                    stack.append(following)
        if not implied:
            keep.add((source, target))
    return keep
