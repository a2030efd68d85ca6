"""Dependency diagrams: the DOT of each view, escaping, the Graphviz service, and real site builds.

* Views (``mkdocs_pgm.core.diagrams.graphs``) are checked on the docs' example portfolio
  (3 programs, 10 projects) and on small hand-made registries. The DOT is not
  matched as text: ``dot -Tjson0`` parses it (so a test also proves it is valid
  DOT) and gives nodes, edges and clusters with their attributes. Nodes are
  named by the page they link to (the ``href`` below gives ``/<src_uri>/``), or
  by their label when they link nowhere.
* Escaping: hostile text in titles, owners, milestone titles and notes (and, on
  the pure builder, ids) leaves the graph's structure unchanged, and the SVG
  ``dot`` draws from it holds no active content.
* ``GraphvizService``: batches, the cache (memory and files), a graph that
  fails, a ``dot`` that hangs (a fake ``dot`` script) and a missing ``dot``.
* Site builds: where diagrams appear, their links, the cache across builds
  (``dot -Tsvg`` calls are counted by wrapping ``subprocess.run``), options,
  and the faults as the user sees them (log lines, notices, strict mode).

MkDocs keeps one instance of a plugin that defines ``on_startup`` per process
(as ``mkdocs serve`` does across rebuilds), so a test that wants what a new
``mkdocs build`` process would do first forgets that instance
(:func:`new_process`).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from mkdocs_pgm.core.diagrams import graphviz as graphviz_service
from mkdocs_pgm.core.diagrams.graphs import DiagramBuilder, Graph, cycle_members, transitive_reduction
from mkdocs_pgm.core.diagrams.graphviz import GraphvizMissing, GraphvizService, clean_svg
from mkdocs_pgm.core.federation.records import remote_pages
from mkdocs_pgm.core.federation.sources import read_document
from mkdocs_pgm.core.model.loader import read_docs
from mkdocs_pgm.core.model.registry import Entity, Nested, ParseOptions, Registry

from helpers import page, registry_of

ROOT = Path(__file__).resolve().parent.parent
DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz's dot is not installed")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


# ---------------------------------------------------------------- helpers: DOT and SVG


def href(node: Entity | Nested, page_url: str) -> str | None:
    """Links as ``/<src_uri without .md>/`` (+ anchor): one URL per page, so nodes can be named by it."""
    if isinstance(node, Entity) and node.virtual:
        return None
    url = "/" + node.src_uri.removesuffix(".md") + "/"
    return f"{url}#{node.anchor}" if node.anchor else url


@dataclass
class Dot:
    """A DOT graph as ``dot -Tjson0`` read it."""

    attrs: dict[str, Any]
    nodes: dict[str, dict[str, Any]]
    """By key: the id of the entity the node links to, else its label."""
    edges: list[tuple[str, str, dict[str, Any]]]
    clusters: dict[str, list[str]]
    """Cluster label -> keys of its nodes."""

    def classes(self, key: str) -> set[str]:
        return set(self.nodes[key].get("class", "").split())

    def pairs(self) -> set[tuple[str, str]]:
        return {(tail, head) for tail, head, _ in self.edges}

    def edge(self, tail: str, head: str) -> dict[str, Any]:
        (found,) = [attrs for t, h, attrs in self.edges if (t, h) == (tail, head)]
        return found


def run_dot(source: str, fmt: str = "-Tjson0") -> str:
    assert DOT is not None
    done = subprocess.run([DOT, fmt], input=source, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower() and "syntax" not in done.stderr.lower(), done.stderr
    return done.stdout


def parse(graph: Graph | str, urls: dict[str, str] | None = None) -> Dot:
    """Parse DOT with ``dot`` itself; name nodes by ``urls`` (URL -> id) or by label."""
    source = graph.source if isinstance(graph, Graph) else graph
    data = json.loads(run_dot(source), strict=False)  # dot copies control characters as they are
    objects = data.get("objects", [])
    count = data.get("_subgraph_cnt", 0)
    urls = urls or {}

    def key(obj: dict[str, Any]) -> str:
        url = obj.get("URL")
        if url in urls:
            return urls[url]
        return obj.get("label", obj["name"])

    nodes: dict[str, dict[str, Any]] = {}
    for obj in objects[count:]:
        assert key(obj) not in nodes, f"two nodes named {key(obj)}"
        nodes[key(obj)] = obj
    clusters = {sub.get("label", sub["name"]): [key(objects[i]) for i in sub.get("nodes", [])] for sub in objects[:count]}
    edges = [(key(objects[e["tail"]]), key(objects[e["head"]]), e) for e in data.get("edges", [])]
    attrs = {k: v for k, v in data.items() if k not in ("objects", "edges")}
    return Dot(attrs, nodes, edges, clusters)


def url_map(registry: Registry) -> dict[str, str]:
    return {url: e.id for e in registry.entities if (url := href(e, "")) is not None}


def svg_root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def svg_links(svg: str) -> list[str]:
    return [a.get(f"{XLINK}href", "") for a in svg_root(svg).iter(f"{SVG}a") if a.get(f"{XLINK}href")]


def svg_texts(svg: str) -> list[str]:
    return [t.text or "" for t in svg_root(svg).iter(f"{SVG}text")]


def svg_tooltips(svg: str) -> list[str]:
    return [a.get(f"{XLINK}title", "") for a in svg_root(svg).iter(f"{SVG}a") if a.get(f"{XLINK}title")]


def assert_inert(svg: str) -> None:
    """No script, no foreign HTML, no event handler, no ``javascript:`` link; one ``<svg>`` root."""
    root = svg_root(svg)
    assert root.tag == f"{SVG}svg"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        assert tag not in ("script", "foreignobject", "iframe", "object", "embed", "use"), tag
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), (name, value)
            if local == "href":
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE), value
    assert "<script" not in svg.lower()


def render(graphs: Iterable[Graph], tmp_path: Path, **options: Any) -> dict[str, graphviz_service.Result]:
    return GraphvizService(tmp_path / "cache", **options).render(list(graphs))


def builder(registry: Registry, **options: Any) -> DiagramBuilder:
    return DiagramBuilder(registry.entities, href, **options)


def entity(registry: Registry, ident: str) -> Entity:
    found = registry.get(ident)
    assert isinstance(found, Entity), ident
    return found


def program_page(ident: str = "PRG-A", title: str = "Alpha program", owner: str = "Ana Lind") -> str:
    return page("type: program", f"id: {ident}", f"owner: {owner}", body=f"# {title}\n")


def project_page(ident: str, *depends: str, program: str | None = "PRG-A") -> str:
    lines = ["type: project", f"id: {ident}", "owner: Olu Ade"]
    if program:
        lines.append(f"program: {program}")
    if depends:
        lines.append("depends_on: [" + ", ".join(depends) + "]")
    return page(*lines, body=f"# Project {ident}\n")


def chain_registry(edges: dict[str, Iterable[str]], program: str | None = "PRG-A") -> Registry:
    """Projects with these dependencies (``{"A": ["B"]}``: A depends on B), in one program."""
    pages = {"programs/a.md": program_page()} if program else {}
    names = set(edges) | {t for targets in edges.values() for t in targets}
    for name in sorted(names):
        pages[f"projects/{name.lower()}.md"] = project_page(name, *edges.get(name, ()), program=program)
    return registry_of(pages)


# ---------------------------------------------------------------- the docs' example portfolio


@pytest.fixture(scope="module")
def example() -> Registry:
    # The example imports a mobile team's site (`sources` in mkdocs.yml): its entities join as the build's do.
    document = read_document((ROOT / "docs" / "example" / "sources" / "mobile.pgm.json").read_bytes())
    remote, _ = remote_pages("mobile", document, site_url=None, options=ParseOptions.of())
    registry = Registry.build(list(read_docs(ROOT / "docs")), remote=remote)
    assert [str(d) for d in registry.diagnostics if d.severity != "info"] == []
    return registry


def example_views(example: Registry, **options: Any) -> tuple[DiagramBuilder, list[Entity], list[Entity]]:
    programs = sorted(example.of_kind("program"), key=lambda p: p.title.lower())
    standalone = [p for p in example.of_kind("project") if p.program is None]
    return builder(example, **options), programs, standalone


STREAMING_DEPTH_1 = {"DATA-STREAMING", "DATA-LAKEHOUSE", "ECOM-STOREFRONT", "STORE-CLICK-COLLECT", "ECOM-SEARCH"}
EXAMPLE_PROJECTS = {
    "DATA-BI-MIGRATION", "DATA-GOVERNANCE", "DATA-LAKEHOUSE", "DATA-STREAMING", "ECOM-CATALOG",
    "ECOM-CHECKOUT", "ECOM-SEARCH", "ECOM-STOREFRONT", "IAM-SSO", "STORE-CLICK-COLLECT",
}
#: The projects of the mobile team's site that the example imports (`sources` in mkdocs.yml).
MOBILE_PROJECTS = {"MOB-APP-CHECKOUT", "MOB-NOTIFY"}


@needs_dot
def test_example_project_neighbourhood(example: Registry) -> None:
    b = builder(example, depth=1)
    graph = b.project(entity(example, "DATA-STREAMING"), "example/projects/data-streaming/")
    assert graph.name == "project:DATA-STREAMING"
    assert graph.page == "example/projects/data-streaming.md"
    assert graph.title == "Dependencies of Real-time event streaming"
    assert (graph.nodes, graph.hidden) == (5, 0)
    dot = parse(graph, url_map(example))
    # Upstream (what it needs, also through a milestone) and downstream (who needs it, also its milestones), one step.
    assert set(dot.nodes) == STREAMING_DEPTH_1
    # Arrows run from the prerequisite to the dependent.
    assert dot.pairs() == {
        ("DATA-LAKEHOUSE", "DATA-STREAMING"),  # on the milestone "Cloud landing zone ready"
        ("ECOM-STOREFRONT", "DATA-STREAMING"),  # informational, on the milestone "Beta launch"
        ("DATA-STREAMING", "STORE-CLICK-COLLECT"),  # informational
        ("DATA-STREAMING", "ECOM-SEARCH"),  # on DATA-STREAMING's milestone "Clickstream events in production"
        ("ECOM-STOREFRONT", "STORE-CLICK-COLLECT"),  # between two drawn projects: on the storefront's go-live, a week's lead
    }
    assert len(dot.edges) == 5
    landing = dot.edge("DATA-LAKEHOUSE", "DATA-STREAMING")
    assert landing["label"] == "Cloud landing zone ready"
    assert {"pgm-edge", "pgm-edge-finish-to-start"} <= set(landing["class"].split())
    assert not landing.get("style")
    beta = dot.edge("ECOM-STOREFRONT", "DATA-STREAMING")
    assert beta["style"] == "dashed" and "pgm-edge-informational" in beta["class"].split()
    assert beta["label"].startswith("Beta launch")
    assert dot.edge("DATA-STREAMING", "ECOM-SEARCH")["label"].startswith("Clickstream events in")
    assert dot.edge("DATA-STREAMING", "STORE-CLICK-COLLECT")["style"] == "dashed"
    assert not dot.edge("DATA-STREAMING", "STORE-CLICK-COLLECT").get("label")
    # The page's own project is marked; every node is a project linking to its page.
    assert {"pgm-node", "pgm-kind-project", "pgm-current", "pgm-health-amber", "pgm-status-active"} <= dot.classes("DATA-STREAMING")
    assert not any("pgm-current" in dot.classes(k) for k in dot.nodes if k != "DATA-STREAMING")
    assert dot.nodes["DATA-LAKEHOUSE"]["URL"] == "/example/projects/data-lakehouse/"
    # Health as a word and a shape, owner (without the role) and end date.
    label = dot.nodes["DATA-LAKEHOUSE"]["label"]
    assert label.split("\\n") == ["Lakehouse foundation", "● green · Mei Chen", "ends 2026-12-18"]


@needs_dot
def test_example_start_to_start_edges_are_drawn_differently(example: Registry) -> None:
    graph = builder(example, depth=1).project(entity(example, "ECOM-STOREFRONT"), "x/")
    dot = parse(graph, url_map(example))
    s2s = dot.edge("ECOM-CATALOG", "ECOM-STOREFRONT")
    assert "pgm-edge-start-to-start" in s2s["class"].split()
    assert s2s.get("arrowhead") == "empty"
    fs = dot.edge("ECOM-STOREFRONT", "DATA-STREAMING")  # informational, onto the beta-launch milestone
    assert fs["style"] == "dashed"


@needs_dot
def test_example_project_depth(example: Registry) -> None:
    project = entity(example, "DATA-STREAMING")
    urls = url_map(example)
    assert set(parse(builder(example, depth=1).project(project, "x/"), urls).nodes) == STREAMING_DEPTH_1
    two = builder(example, depth=2).project(project, "x/")
    # Every local project is within two steps, and the mobile team's push service (through click & collect).
    assert set(parse(two, urls).nodes) == EXAMPLE_PROJECTS | {"MOB-NOTIFY"}
    alone = builder(example, depth=0).project(project, "x/")
    assert (alone.nodes, alone.hidden) == (1, 0)  # the plugin does not draw a one-node diagram


@needs_dot
def test_example_project_cap_has_n_more_node(example: Registry) -> None:
    graph = builder(example, depth=2, max_nodes=4).project(entity(example, "DATA-STREAMING"), "x/")
    assert (graph.nodes, graph.hidden) == (4, 7)
    dot = parse(graph, url_map(example))
    assert set(dot.nodes) - {"7 more"} <= STREAMING_DEPTH_1  # nearest first: the page's project, then one step away
    assert "DATA-STREAMING" in dot.nodes and len(dot.nodes) == 5
    assert {"pgm-node", "pgm-more"} <= dot.classes("7 more")
    assert "projects" in dot.nodes["7 more"]["tooltip"]
    assert all("7 more" not in (t, h) for t, h, _ in dot.edges)
    assert {e.id for e in graph.entities} == set(dot.nodes) - {"7 more"}


@needs_dot
def test_example_program_view_collapses_other_programs(example: Registry) -> None:
    graph = builder(example).program(entity(example, "PRG-ECOM"), "example/programs/ecommerce/")
    assert graph.name == "program:PRG-ECOM" and graph.page == "example/programs/ecommerce.md"
    dot = parse(graph, url_map(example))
    ecom = {"ECOM-CATALOG", "ECOM-CHECKOUT", "ECOM-SEARCH", "ECOM-STOREFRONT"}
    assert set(dot.nodes) == ecom | {"PRG-DATA", "PRG-STORE", "MOB-APPS", "Standalone projects"}
    assert graph.nodes == 8
    for other in ("PRG-DATA", "PRG-STORE", "Standalone projects"):
        assert {"pgm-node", "pgm-external"} <= dot.classes(other)
    assert "pgm-kind-program" in dot.classes("PRG-DATA")
    assert dot.nodes["PRG-DATA"]["URL"] == "/example/programs/data-platform/"
    assert not dot.nodes["Standalone projects"].get("URL")
    assert not any("pgm-external" in dot.classes(p) for p in ecom)
    inside = {("ECOM-STOREFRONT", "ECOM-CHECKOUT"), ("ECOM-CATALOG", "ECOM-SEARCH"), ("ECOM-CATALOG", "ECOM-STOREFRONT")}
    outside = {
        ("Standalone projects", "ECOM-CHECKOUT"),  # IAM-SSO, informational
        ("Standalone projects", "ECOM-STOREFRONT"),  # IAM-SSO, informational
        ("PRG-DATA", "ECOM-SEARCH"),  # DATA-STREAMING#clickstream-live
        ("ECOM-STOREFRONT", "PRG-DATA"),  # DATA-STREAMING needs the beta launch (informational)
        ("ECOM-CHECKOUT", "PRG-STORE"),  # click & collect needs the checkout
        ("ECOM-STOREFRONT", "PRG-STORE"),  # and the storefront's go-live
        ("PRG-DATA", "ECOM-CHECKOUT"),  # DATA-LAKEHOUSE#landing-zone, 22 days of lag
        ("ECOM-CHECKOUT", "MOB-APPS"),  # the mobile team's in-app checkout, a program of another site
    }
    assert dot.pairs() == inside | outside
    for tail, head, attrs in dot.edges:
        assert ("pgm-edge-cross" in attrs["class"].split()) == ((tail, head) in outside), (tail, head)
    assert dot.edge("PRG-DATA", "ECOM-SEARCH")["label"].startswith("Clickstream events in")
    assert dot.edge("ECOM-STOREFRONT", "PRG-DATA")["style"] == "dashed"


@needs_dot
def test_example_program_view_of_data_platform(example: Registry) -> None:
    dot = parse(builder(example).program(entity(example, "PRG-DATA"), "x/"), url_map(example))
    assert set(dot.nodes) == {"DATA-BI-MIGRATION", "DATA-GOVERNANCE", "DATA-LAKEHOUSE", "DATA-STREAMING", "PRG-ECOM", "PRG-STORE"}
    assert dot.pairs() == {
        ("DATA-LAKEHOUSE", "DATA-BI-MIGRATION"), ("DATA-GOVERNANCE", "DATA-BI-MIGRATION"),
        ("DATA-LAKEHOUSE", "DATA-GOVERNANCE"), ("DATA-LAKEHOUSE", "DATA-STREAMING"),
        ("PRG-ECOM", "DATA-STREAMING"), ("DATA-STREAMING", "PRG-ECOM"), ("DATA-STREAMING", "PRG-STORE"),
        ("DATA-LAKEHOUSE", "PRG-ECOM"),  # the checkout waits for the landing zone
    }


@needs_dot
def test_example_portfolio_clusters_and_cross_program_edges(example: Registry) -> None:
    b, programs, standalone = example_views(example)
    graph = b.portfolio(programs, standalone, "governance/dependencies/", "governance/dependencies.md")
    assert (graph.name, graph.page, graph.nodes, graph.hidden) == ("portfolio", "governance/dependencies.md", 12, 0)
    dot = parse(graph, url_map(example))
    assert dot.attrs["rankdir"] == "LR"
    members = {label: set(nodes) for label, nodes in dot.clusters.items()}
    assert members == {
        "Data platform modernisation": {"DATA-BI-MIGRATION", "DATA-GOVERNANCE", "DATA-LAKEHOUSE", "DATA-STREAMING"},
        "E-commerce replatforming": {"ECOM-CATALOG", "ECOM-CHECKOUT", "ECOM-SEARCH", "ECOM-STOREFRONT"},
        "Mobile apps": MOBILE_PROJECTS,  # the program of the mobile team's site
        "Store experience": {"STORE-CLICK-COLLECT"},
        "Standalone projects": {"IAM-SSO"},
    }
    assert set(dot.nodes) == EXAMPLE_PROJECTS | MOBILE_PROJECTS
    cluster_of = {node: label for label, nodes in members.items() for node in nodes}
    # Every drawn edge is a real dependency, in the prerequisite -> dependent direction.
    real = {(_target(edge).id, e.id) for e in example.of_kind("project") for edge in e.rel.depends_on}
    assert dot.pairs() <= real
    # Cross-program edges, and only they, are emphasised.
    for tail, head, attrs in dot.edges:
        cross = cluster_of[tail] != cluster_of[head]
        assert ("pgm-edge-cross" in attrs["class"].split()) == cross, (tail, head)
        assert (attrs.get("penwidth") == "2") == cross, (tail, head)
    assert {(t, h) for t, h, a in dot.edges if "pgm-edge-cross" in a["class"]} >= {
        ("DATA-STREAMING", "ECOM-SEARCH"), ("ECOM-CHECKOUT", "STORE-CLICK-COLLECT"),
        ("DATA-STREAMING", "STORE-CLICK-COLLECT"), ("ECOM-STOREFRONT", "DATA-STREAMING"), ("IAM-SSO", "ECOM-STOREFRONT"),
        ("ECOM-CHECKOUT", "MOB-APP-CHECKOUT"), ("MOB-NOTIFY", "STORE-CLICK-COLLECT"),  # across sites, both ways
    }
    # Clusters link to their program's page.
    data = json.loads(run_dot(graph.source))
    urls = {sub.get("label"): sub.get("URL") for sub in data["objects"][: data["_subgraph_cnt"]]}
    assert urls["Data platform modernisation"] == "/example/programs/data-platform/"
    assert not urls["Standalone projects"]
    # Whatever the reduction leaves out is still implied by what is drawn.
    drawn = _closure(dot.pairs())
    assert real <= drawn


@needs_dot
def test_example_portfolio_keeps_scheduling_edges_implied_only_through_informational_ones(example: Registry) -> None:
    """DATA-BI-MIGRATION needs DATA-LAKEHOUSE finished (finish-to-start). The only other path,
    BI -> GOVERNANCE -> LAKEHOUSE, is two informational dependencies ("not a precondition"),
    which imply no date at all: the finish-to-start edge must stay in the reduced portfolio."""
    b, programs, standalone = example_views(example)
    dot = parse(b.portfolio(programs, standalone, "x/", "x.md"), url_map(example))
    assert ("DATA-LAKEHOUSE", "DATA-BI-MIGRATION") in dot.pairs()
    assert ("ECOM-CATALOG", "ECOM-SEARCH") in dot.pairs()  # the other path runs through STREAMING -> STOREFRONT, informational


@needs_dot
def test_example_programs_overview_counts_dependencies(example: Registry) -> None:
    b, programs, _ = example_views(example)
    graph = b.programs_overview(programs, "governance/dependencies/", "governance/dependencies.md")
    assert (graph.name, graph.nodes) == ("programs", 4)
    dot = parse(graph, url_map(example))
    assert set(dot.nodes) == {"PRG-DATA", "PRG-ECOM", "PRG-STORE", "MOB-APPS"}
    assert all("pgm-kind-program" in dot.classes(p) for p in dot.nodes)
    labels = {(t, h): a.get("label") or a.get("xlabel") for t, h, a in dot.edges}  # xlabel: placed after the layout
    assert labels == {
        ("PRG-ECOM", "PRG-DATA"): "1 dependency",  # DATA-STREAMING -> ECOM-STOREFRONT#beta-launch
        # ECOM-SEARCH -> DATA-STREAMING#clickstream-live, ECOM-CHECKOUT -> DATA-LAKEHOUSE#landing-zone
        ("PRG-DATA", "PRG-ECOM"): "2 dependencies",
        ("PRG-DATA", "PRG-STORE"): "1 dependency",  # STORE-CLICK-COLLECT -> DATA-STREAMING
        ("PRG-ECOM", "PRG-STORE"): "3 dependencies",  # STORE-CLICK-COLLECT -> ECOM-CHECKOUT, -> ECOM-STOREFRONT#go-live, PRG-STORE -> PRG-ECOM
        ("PRG-ECOM", "MOB-APPS"): "1 dependency",  # MOB-APP-CHECKOUT -> ECOM-CHECKOUT, across sites
        ("MOB-APPS", "PRG-STORE"): "1 dependency",  # STORE-CLICK-COLLECT -> MOB-NOTIFY, across sites
    }
    assert all("pgm-edge-cross" in a["class"].split() for _, _, a in dot.edges)


def _target(edge: Any) -> Entity:
    target = edge.target
    return target if isinstance(target, Entity) else target.owner


def _closure(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    closure = set(pairs)
    while True:
        more = {(a, d) for a, b in closure for c, d in closure if b == c and a != d} - closure
        if not more:
            return closure
        closure |= more


# ---------------------------------------------------------------- reduction, caps and cycles


def _pairs(reduced: set[tuple[Entity, Entity]]) -> set[tuple[str, str]]:
    return {(s.id, t.id) for s, t in reduced}


def test_transitive_reduction_drops_implied_edges() -> None:
    reg = chain_registry({"A": ["B", "C"], "B": ["C"]})
    projects = [entity(reg, x) for x in "ABC"]
    assert _pairs(transitive_reduction(projects)) == {("A", "B"), ("B", "C")}
    diamond = chain_registry({"A": ["B", "C", "D"], "B": ["D"], "C": ["D"]})
    assert _pairs(transitive_reduction([entity(diamond, x) for x in "ABCD"])) == {("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")}
    long = chain_registry({"A": ["B", "E"], "B": ["C"], "C": ["D"], "D": ["E"]})
    assert _pairs(transitive_reduction([entity(long, x) for x in "ABCDE"])) == {("A", "B"), ("B", "C"), ("C", "D"), ("D", "E")}
    # Only among the entities given: without C, A -> C is not implied by anything shown.
    assert _pairs(transitive_reduction([entity(reg, "A"), entity(reg, "C")])) == {("A", "C")}


@needs_dot
def test_portfolio_draws_the_reduced_graph() -> None:
    reg = chain_registry({"A": ["B", "C"], "B": ["C"]})
    graph = builder(reg).portfolio([entity(reg, "PRG-A")], [], "x/", "x.md")
    dot = parse(graph, url_map(reg))
    assert dot.pairs() == {("B", "A"), ("C", "B")}  # C is needed by B, B by A; A -> C is implied


def test_transitive_reduction_keeps_what_a_cycle_does_not_imply() -> None:
    """A depends on B and on C; B and C depend on each other (a reported cycle). Dropping both
    A -> B (implied through C) and A -> C (implied through B) leaves A disconnected from them:
    whatever is dropped must still be implied by what is kept."""
    reg = chain_registry({"A": ["B", "C"], "B": ["C"], "C": ["B"]})
    projects = [entity(reg, x) for x in "ABC"]
    kept = _pairs(transitive_reduction(projects))
    assert {("B", "C"), ("C", "B")} <= kept
    assert {("A", "B"), ("A", "C")} <= _closure(kept)


@needs_dot
def test_cycles_are_marked() -> None:
    reg = chain_registry({"A": ["B"], "B": ["A"], "C": ["A"]})
    assert {e.id for e in cycle_members(reg.entities)} == {"A", "B"}
    urls = url_map(reg)
    for graph in (builder(reg).project(entity(reg, "C"), "x/"), builder(reg).portfolio([entity(reg, "PRG-A")], [], "x/", "x.md")):
        dot = parse(graph, urls)
        assert "pgm-cycle" in dot.classes("A") and "pgm-cycle" in dot.classes("B")
        assert "pgm-cycle" not in dot.classes("C")
        assert "pgm-cycle" in dot.edge("A", "B")["class"].split() and "pgm-cycle" in dot.edge("B", "A")["class"].split()
        assert "pgm-cycle" not in dot.edge("A", "C")["class"].split()


def test_informational_loops_are_not_cycles() -> None:
    reg = registry_of({
        "a.md": project_page("A", "B", program=None),
        "b.md": project_page("B", "{id: A, type: informational}", program=None),
    })
    assert not [d for d in reg.diagnostics if "cycle" in d.message]
    assert cycle_members(reg.entities) == set()
    assert "pgm-cycle" not in builder(reg).project(entity(reg, "A"), "x/").source


@needs_dot
def test_portfolio_cap_keeps_linked_projects_and_adds_a_more_node() -> None:
    pages = {"programs/a.md": program_page(), "programs/b.md": program_page("PRG-B", "Beta program")}
    for i in range(5):
        pages[f"projects/a{i}.md"] = project_page(f"A{i}")
    pages["projects/a4.md"] = project_page("A4", "B0")  # the one project of A linked to another program
    pages["projects/b0.md"] = project_page("B0", program="PRG-B")
    reg = registry_of(pages)
    graph = builder(reg, max_nodes=2).portfolio([entity(reg, "PRG-A"), entity(reg, "PRG-B")], [], "governance/dependencies/", "g.md")
    assert graph.hidden == 3
    dot = parse(graph, url_map(reg))
    alpha = set(dot.clusters["Alpha program"])
    assert "A4" in alpha and len(alpha - {"3 more projects"}) == 2
    assert "3 more projects" in alpha
    assert {"pgm-more"} <= dot.classes("3 more projects")
    assert dot.nodes["3 more projects"]["URL"].startswith("/programs/a/#")
    assert set(dot.clusters["Beta program"]) == {"B0"}
    assert ("B0", "A4") in dot.pairs()


# ---------------------------------------------------------------- escaping and injection

NASTY = [
    'Say "hi" \\ there',
    "{braces} [brackets]; semi",
    'x ]; n9 -> n0 [label="pwn"',
    '" } digraph evil { "',
    "line one\nline two",
    "<script>alert(1)</script>",
    "<b>bold</b> & <i>it</i>",
    "javascript:alert(1)",
    "trailing backslash \\",
    "\\N \\G \\E \\L \\l \\n -> x",
]


def _nasty_site(text: str) -> dict[str, str]:
    def dump(**fields: Any) -> str:
        return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n# Heading\n"

    return {
        "programs/p.md": dump(type="program", id="PRG-A", title=text, owner=text),
        "programs/q.md": dump(type="program", id="PRG-B", title="Other " + text, owner="Q"),
        "projects/a.md": dump(type="project", id="A", program="PRG-A", title=text, owner=text, end="2026-06-30",
                              milestones=[{"id": "m1", "title": text, "date": "2026-04-01"}]),
        "projects/b.md": dump(type="project", id="B", program="PRG-A", title="B " + text, owner="Bea",
                              depends_on=[{"id": "A#m1", "note": text}]),
        "projects/c.md": dump(type="project", id="C", program="PRG-B", title="C", owner="Cy",
                              depends_on=[{"id": "B", "type": "informational", "note": text}, "A"]),
        "projects/d.md": dump(type="project", id="D", title=text, owner=text, depends_on=["C"]),
    }


def _views(reg: Registry) -> list[Graph]:
    b = builder(reg)
    programs = [entity(reg, "PRG-A"), entity(reg, "PRG-B")]
    return [
        b.project(entity(reg, "B"), "projects/b/"),
        b.project(entity(reg, "C"), "projects/c/"),
        b.program(entity(reg, "PRG-A"), "programs/p/"),
        b.program(entity(reg, "PRG-B"), "programs/q/"),
        b.portfolio(programs, [entity(reg, "D")], "g/", "g.md"),
        b.programs_overview(programs, "g/", "g.md"),
    ]


def _shape(dot: Dot) -> tuple[int, int, list[int], list[tuple[str, str]]]:
    return len(dot.nodes), len(dot.edges), sorted(len(n) for n in dot.clusters.values()), sorted(
        (t, h) for t, h, _ in dot.edges)


@needs_dot
@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_hostile_text_cannot_change_the_graph(text: str, tmp_path: Path) -> None:
    reg = registry_of(_nasty_site(text))
    plain = registry_of(_nasty_site("plain"))
    assert [str(d) for d in reg.diagnostics if d.severity != "info"] == []
    urls, plain_urls = url_map(reg), url_map(plain)
    graphs = _views(reg)
    for graph, reference in zip(graphs, _views(plain), strict=True):
        assert _shape(parse(graph, urls)) == _shape(parse(reference, plain_urls)), graph.name
    results = render(graphs, tmp_path)
    one_line = " ".join(text.split())
    for graph in graphs:
        result = results[graph.name]
        assert result.error is None and result.svg is not None, result.error
        assert_inert(result.svg)
    # The text is shown as written (on one line): node label, edge label (a milestone), tooltips.
    project_b = results["project:B"].svg
    assert project_b is not None
    texts = svg_texts(project_b)
    assert one_line[:33] in "\n".join(texts)  # A's title (labels are cut at 34 characters)
    if "\\" not in text:  # dot 2.43 expands \N, \G… inside tooltips: see test_backslashes_in_tooltips_are_shown_as_written
        tips = "\n".join(svg_tooltips(project_b))
        assert f"owner {one_line}" in tips  # A's owner, in full
        assert f"· finish-to-start · {one_line}" in tips  # B's note on its dependency
    for graph in graphs:
        svg = results[graph.name].svg or ""
        assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg


@needs_dot
def test_backslashes_in_tooltips_are_shown_as_written(tmp_path: Path) -> None:
    r"""Windows accounts and paths are common owners and titles. ``graphviz.escape`` doubles the
    backslash, but dot 2.43 still expands ``\N`` (node name), ``\G`` (graph name), ``\L``… in
    tooltips: ``CORP\Nadia`` became ``CORPn0adia``. The tooltip shows the owner as written."""
    reg = registry_of({
        "a.md": page("type: project", "id: A", "owner: CORP\\Nadia", "title: 'Share \\\\fs\\Groups'", body="# A\n"),
        "b.md": page("type: project", "id: B", "owner: Bo", "depends_on: [A]", body="# B\n"),
    })
    graph = builder(reg).project(entity(reg, "B"), "b/")
    svg = render([graph], tmp_path)[graph.name].svg
    assert svg is not None
    tip = next(t for t in svg_tooltips(svg) if "(A)" in t)
    assert re.search(r"owner CORP.Nadia\b", tip), tip
    assert re.search(r"Share ..fs.Groups", tip), tip
    assert "n1" not in tip and "project_B" not in tip


@needs_dot
@pytest.mark.parametrize("ident", ['x"; n9 -> n8; "', "x]\n[label=pwn", "a -> b", "x}\ndigraph y {", "x\\"], ids=range(5))
def test_hostile_ids_on_the_pure_builder(ident: str) -> None:
    """Ids from front matter are validated (letters, digits, ``_.-``), but the builder is a library
    function: an id reaches the DOT in the graph's name and tooltips, and must not break it either."""
    reg = chain_registry({"A": ["B"], "C": ["A"]})
    plain = _shape(parse(builder(reg).project(entity(reg, "A"), "x/")))
    for node in reg.entities:
        if node.id in ("A", "B", "PRG-A"):
            node.id = f"{node.id}{ident}"
    project = next(e for e in reg.entities if e.id.startswith("A") and e.kind == "project")
    b = builder(reg)
    assert _shape(parse(b.project(project, "x/"))) == plain
    program = next(e for e in reg.entities if e.kind == "program")
    assert parse(b.program(program, "x/")).nodes
    assert parse(b.portfolio([program], [], "x/", "x.md")).clusters


@needs_dot
@pytest.mark.parametrize("escape", ["\\0", "\\x01", "\\e", "\\x7f"])
def test_control_characters_in_front_matter_do_not_break_the_diagram(escape: str) -> None:
    r"""YAML's double-quoted strings turn ``\0`` into a NUL character. dot reads its input line by
    line as C strings: a NUL cuts the rest of the line off, the quoted label runs on into the next
    statement, and the whole diagram fails with a syntax error. Control characters are no text
    anyone means: they are dropped (or replaced) before DOT."""
    reg = registry_of({
        "a.md": page("type: project", "id: A", "owner: O", f'title: "Alpha{escape}API"', body="# A\n"),
        "b.md": page("type: project", "id: B", "owner: O", "depends_on: [A]", body="# B\n"),
    })
    assert entity(reg, "A").title.startswith("Alpha") and len(entity(reg, "A").title) == len("Alpha?API")
    dot = parse(builder(reg).project(entity(reg, "B"), "b/"), url_map(reg))
    assert set(dot.nodes) == {"A", "B"} and dot.pairs() == {("A", "B")}


def test_invalid_id_in_front_matter_is_rejected_not_drawn() -> None:
    reg = registry_of({"a.md": page("type: project", "id: 'x\"]; evil'", "owner: O", body="# A\n")})
    assert any("id:" in str(d) for d in reg.diagnostics)
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", e.id) for e in reg.entities)


@needs_dot
def test_clean_svg(tmp_path: Path) -> None:
    reg = chain_registry({"A": ["B"]})
    graph = builder(reg).project(entity(reg, "A"), "x/")
    raw = run_dot(graph.source, "-Tsvg")
    svg = clean_svg(raw)
    assert svg.startswith('<svg class="pgm-dg-svg" ')
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<!--" not in svg
    assert not re.search(r"\sid=", svg)  # several diagrams on one page must not clash
    assert "<title>" not in svg  # node names are ours (n0): tooltips come from the links
    width = float(re.search(r'<svg width="([\d.]+)pt"', raw).group(1))  # type: ignore[union-attr]
    assert re.search(rf'<svg class="pgm-dg-svg" width="{width * 4 / 3:.0f}"', svg)
    assert_inert(svg)
    assert sorted(svg_links(svg)) == ["/projects/a/", "/projects/b/"]


# ---------------------------------------------------------------- the Graphviz service


@pytest.fixture
def dot_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The argv of every process the plugin's Graphviz service starts (``dot -V`` runs, layouts
    stream through ``Popen``)."""
    calls: list[list[str]] = []
    original_run, original_popen = subprocess.run, subprocess.Popen

    # The module is the process's `subprocess`: the history's `git` runs through it too, and is not counted.
    def run(args: Any, *rest: Any, **kwargs: Any) -> Any:
        if str(args[0]) != "git":
            calls.append([str(a) for a in args])
        return original_run(args, *rest, **kwargs)

    def popen(args: Any, *rest: Any, **kwargs: Any) -> Any:
        if str(args[0]) != "git":
            calls.append([str(a) for a in args])
        return original_popen(args, *rest, **kwargs)

    monkeypatch.setattr(graphviz_service.subprocess, "run", run)
    monkeypatch.setattr(graphviz_service.subprocess, "Popen", popen)
    return calls


def layouts(calls: list[list[str]]) -> int:
    return sum(1 for argv in calls if "-Tsvg" in argv)


def small_graphs(count: int) -> list[Graph]:
    reg = chain_registry({f"P{i}": [f"P{i + 1}"] for i in range(count)})
    return [builder(reg).project(entity(reg, f"P{i}"), "x/") for i in range(count)]


@pytest.fixture
def fake_dot(tmp_path: Path) -> Path:
    """A ``dot`` that answers ``-V`` and then hangs on any layout."""
    folder = tmp_path / "fakebin"
    folder.mkdir()
    script = folder / "dot"
    script.write_text(
        '#!/bin/sh\ncase "$1" in -V) echo "dot - graphviz version 0.0 (fake)" >&2; exit 0;; esac\nexec sleep 30\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@needs_dot
def test_service_caches_in_memory_and_in_files(tmp_path: Path, dot_calls: list[list[str]]) -> None:
    graphs = small_graphs(5)
    first = GraphvizService(tmp_path / "cache", jobs=2)
    results = first.render(graphs)
    assert all(r.svg and not r.cached for r in results.values())
    assert layouts(dot_calls) == 2
    files = sorted((tmp_path / "cache").glob("*/*.svg"))
    assert len(files) == 5 and all(f.parent.name == f.stem[:2] for f in files)
    # The same service again: nothing to run at all (the version is known too).
    again = first.render(graphs)
    assert first.stats.history[-1] == 0
    assert all(r.cached for r in again.values())
    # A new service (a new build) on the same folder: no layout, the same SVG.
    dot_calls.clear()
    second = GraphvizService(tmp_path / "cache", jobs=2)
    cached = second.render(graphs)
    assert layouts(dot_calls) == 0
    assert second.stats.cache_hits == 5
    assert {n: r.svg for n, r in cached.items()} == {n: r.svg for n, r in results.items()}
    # The key is the DOT source and the Graphviz version.
    other = GraphvizService(tmp_path / "cache")
    other._version = "dot - graphviz version 99"
    assert other.key(graphs[0]) != second.key(graphs[0])
    changed = Graph(graphs[0].name, graphs[0].source.replace("Olu Ade", "Olu Adé"), "t", "p.md")
    assert second.key(changed) != second.key(graphs[0])


@needs_dot
@pytest.mark.parametrize("jobs", [1, 3])
def test_service_batches_at_most_one_process_per_job(tmp_path: Path, dot_calls: list[list[str]], jobs: int) -> None:
    graphs = small_graphs(7)
    results = render(graphs, tmp_path, jobs=jobs)
    assert len(results) == 7 and all(r.svg for r in results.values())
    assert layouts(dot_calls) == jobs
    for graph in graphs:  # each graph got its own SVG, not a neighbour's
        tips = svg_tooltips(results[graph.name].svg or "")
        assert any(t.startswith(graph.title) for t in tips)


BROKEN = Graph("broken", 'digraph broken { a -> ; "unterminated }', "A broken graph", "broken.md")


@needs_dot
def test_service_isolates_a_broken_graph(tmp_path: Path, dot_calls: list[list[str]]) -> None:
    graphs = small_graphs(2)
    service = GraphvizService(tmp_path / "cache", jobs=1)
    results = service.render([graphs[0], BROKEN, graphs[1]])
    assert results[graphs[0].name].svg and results[graphs[1].name].svg
    assert results["broken"].svg is None and results["broken"].error
    assert service.stats.failures == 1
    assert layouts(dot_calls) == 2  # dot stops at the broken graph: the batch, then the rest
    assert len(list((tmp_path / "cache").glob("*/*.svg"))) == 2  # no error is cached as SVG
    dot_calls.clear()
    assert service.render([BROKEN])["broken"].svg is None
    assert layouts(dot_calls) == 0  # not tried twice in one build


@needs_dot
def test_service_error_of_a_broken_graph_is_not_called_a_timeout(tmp_path: Path) -> None:
    """A graph dot rejects at once is reported with dot's own message, not as a timeout (which
    would send the user looking at ``graphviz_timeout``)."""
    error = GraphvizService(tmp_path / "cache", jobs=1).render([BROKEN])["broken"].error or ""
    assert "within" not in error and "timeout" not in error.lower(), error
    assert "syntax" in error.lower(), error


def test_service_timeout(tmp_path: Path, fake_dot: Path) -> None:
    graphs = small_graphs(1)
    service = GraphvizService(tmp_path / "cache", timeout=0.5, dot=str(fake_dot))
    started = time.perf_counter()
    results = service.render(graphs)
    elapsed = time.perf_counter() - started
    result = results[graphs[0].name]
    assert result.svg is None
    assert "0.5 s" in (result.error or ""), result.error
    assert elapsed < 5
    assert service.stats.failures == 1
    assert not list((tmp_path / "cache").glob("*/*.svg"))


def test_service_timeout_of_a_batch_costs_each_graph_once(tmp_path: Path, fake_dot: Path) -> None:
    graphs = small_graphs(3)
    service = GraphvizService(tmp_path / "cache", timeout=0.3, dot=str(fake_dot), jobs=1)
    started = time.perf_counter()
    results = service.render(graphs)
    assert all(r.svg is None and "0.3 s" in (r.error or "") for r in results.values())
    assert time.perf_counter() - started < 0.3 * (1 + 3) + 3  # the batch, then each graph alone


def python_dot(folder: Path, before_each: str) -> Path:
    """A ``dot`` in Python that answers ``-V`` and lays the graphs of its input out one after the
    other with the real dot, writing each SVG as soon as it is done, like dot; ``before_each`` is a
    line of Python run first for each graph (its source is ``graph``)."""
    assert DOT is not None
    script = folder / "dot"
    folder.mkdir()
    script.write_text(
        f"#!{sys.executable}\n"
        "import re, subprocess, sys, time\n"
        "if sys.argv[1:] == ['-V']:\n"
        "    print('dot - graphviz version 0.1 (fake)', file=sys.stderr)\n"
        "    sys.exit(0)\n"
        "for graph in re.split(r'(?m)^(?=digraph )', sys.stdin.read()):\n"
        "    if not graph.strip():\n"
        "        continue\n"
        f"    {before_each}\n"
        f"    sys.stdout.write(subprocess.run([{DOT!r}, '-Tsvg'], input=graph, capture_output=True, text=True).stdout)\n"
        "    sys.stdout.flush()\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@pytest.fixture
def dot_hanging_on_slow(tmp_path: Path) -> Path:
    """A ``dot`` that hangs on a graph whose source contains ``SLOW``: what dot does with a graph
    it cannot finish in time."""
    return python_dot(tmp_path / "slowbin", "time.sleep(60) if 'SLOW' in graph else None")


@needs_dot
def test_service_one_slow_graph_does_not_relayout_its_whole_batch(tmp_path: Path, dot_hanging_on_slow: Path,
                                                                  dot_calls: list[list[str]]) -> None:
    """A batch that times out must not cost each of its graphs a process of its own: at 1,000
    projects (two batches of ~520 graphs) one slow diagram turned a cold build's 2 ``dot`` processes
    into 531 (benchmarks/bench_diagrams.py). dot writes each SVG as soon as it is done, so what came
    out before the timeout can be kept; only the slow graph is given up on, the rest go on in one batch."""
    graphs = small_graphs(6)
    slow = Graph("slow", "digraph SLOW { a -> b }", "A slow graph", "slow.md")
    service = GraphvizService(tmp_path / "cache", timeout=1, jobs=1, dot=str(dot_hanging_on_slow))
    results = service.render([*graphs[:3], slow, *graphs[3:]])
    assert results["slow"].svg is None
    assert all(results[g.name].svg for g in graphs)
    assert layouts(dot_calls) <= 3, f"{layouts(dot_calls)} dot processes for 7 graphs"


@needs_dot
def test_layout_hands_each_graph_over_as_soon_as_dot_writes_it(tmp_path: Path, dot_hanging_on_slow: Path) -> None:
    """A page waits only for its own diagrams: the first graphs of a batch are there while dot is
    still on a later one (here one it never finishes), and ``cancel`` stops the process."""
    graphs = small_graphs(2)
    slow = Graph("slow", "digraph SLOW { a -> b }", "A slow graph", "slow.md")
    service = GraphvizService(tmp_path / "cache", timeout=60, jobs=1, dot=str(dot_hanging_on_slow))
    started = time.perf_counter()
    layout = service.start([*graphs, slow])
    assert time.perf_counter() - started < 5  # start() does not wait for dot
    first = layout.get(graphs[0])
    second = layout.get(graphs[1])
    assert first is not None and first.svg and second is not None and second.svg
    assert time.perf_counter() - started < 20  # long before the slow graph's 60 s
    assert service.key(slow) in layout.pending
    layout.cancel()
    assert time.perf_counter() - started < 25
    stopped = layout.get(slow)
    assert stopped is not None and stopped.svg is None and "stopped" in (stopped.error or "")
    assert all(process.poll() is not None for process in layout.processes)


@needs_dot
def test_a_graph_with_clusters_comes_out_the_same_after_other_graphs(example: Registry, tmp_path: Path,
                                                                     dot_calls: list[list[str]]) -> None:
    """dot orders subgraphs by where their names sit in memory: after other graphs in the same
    process, the portfolio's clusters came out in a different order from run to run (8 different SVGs
    in 10 runs of one batch), and two cold builds were not byte-identical. Such a graph gets a
    process of its own."""
    b, programs, standalone = example_views(example)
    portfolio = b.portfolio(programs, standalone, "governance/dependencies/", "governance/dependencies.md")
    graphs = [*small_graphs(8), portfolio]
    outputs = set()
    for run in range(4):
        dot_calls.clear()
        results = GraphvizService(tmp_path / f"cache{run}", jobs=1).render(graphs)
        outputs.add(results["portfolio"].svg)
        assert layouts(dot_calls) == 2  # the small graphs together, the portfolio alone
    assert len(outputs) == 1


@pytest.fixture
def dot_slow_per_graph(tmp_path: Path) -> Path:
    """A ``dot`` that takes 0.4 s over each graph."""
    return python_dot(tmp_path / "steadybin", "time.sleep(0.4)")


@needs_dot
def test_timeout_is_per_graph_not_per_batch(tmp_path: Path, dot_slow_per_graph: Path) -> None:
    """``graphviz_timeout`` bounds one diagram: a batch of many quick graphs may take longer in all.
    (With one timeout for the whole batch, a cold build of 5,000 projects gave up on a diagram
    every 30 s.)"""
    graphs = small_graphs(6)  # 6 x 0.4 s = 2.4 s in one process, each graph well within 1.5 s
    service = GraphvizService(tmp_path / "cache", timeout=1.5, jobs=1, dot=str(dot_slow_per_graph))
    results = service.render(graphs)
    assert all(results[g.name].svg for g in graphs), {n: r.error for n, r in results.items()}
    assert service.stats.failures == 0


@needs_dot
@pytest.mark.slow
def test_programs_overview_of_a_large_portfolio_lays_out_in_time(tmp_path: Path) -> None:
    """40 programs of 25 projects, each project depending on one earlier project (the shape of
    benchmarks/generate.py at 1,000 projects): ~700 edges between programs, each with a count label.
    With the counts as edge ``label``s (laid out as nodes) dot 2.43 took 75-95 s on this graph: with the
    default ``graphviz_timeout`` (30 s) the overview was never drawn, and every build warned and waited
    30 s. As ``xlabel``s (placed after the layout), and with dot's network simplex capped (``nslimit``,
    23 s without it on dot 2.43), the same graph takes about 6 s."""
    rng = random.Random(7)
    pages = {f"programs/p{p:02d}.md": program_page(f"PRG-{p:02d}", f"Program {p}") for p in range(40)}
    for i in range(1000):
        depends = [f"PRJ-{rng.randrange(0, i):04d}"] if i >= 40 else []
        pages[f"projects/j{i:04d}.md"] = project_page(f"PRJ-{i:04d}", *depends, program=f"PRG-{i % 40:02d}")
    reg = registry_of(pages)
    programs = sorted(reg.of_kind("program"), key=lambda p: p.title.lower())
    graph = builder(reg).programs_overview(programs, "g/", "g.md")
    assert graph.source.count("->") > 600
    # The default timeout: about 6 s on an idle machine, and 10 s was too tight on a busy one.
    result = GraphvizService(tmp_path / "cache", timeout=30).render([graph])["programs"]
    assert result.svg is not None, result.error


def test_service_without_dot(tmp_path: Path) -> None:
    service = GraphvizService(tmp_path / "cache", dot="no-such-dot")
    with pytest.raises(GraphvizMissing) as caught:
        service.render(small_graphs(1))
    message = str(caught.value)
    assert "apt-get install graphviz" in message and "brew install graphviz" in message
    assert "https://graphviz.org/download/" in message and "diagrams: false" in message
    assert not (tmp_path / "cache").exists()


# ---------------------------------------------------------------- site builds

SITE = {
    "programs/alpha.md": """
        ---
        type: program
        id: PRG-A
        owner: Ana Lind
        ---
        # Alpha program
        """,
    "projects/a.md": """
        ---
        type: project
        id: A
        program: PRG-A
        owner: Olu Ade (architect)
        health: green
        end: 2026-06-30
        milestones:
          - {id: ready, title: API ready, date: 2026-04-01}
        ---
        # Alpha API
        """,
    "projects/b.md": """
        ---
        type: project
        id: B
        program: PRG-A
        owner: Bea Kim
        health: red
        depends_on: ["A#ready"]
        ---
        # Beta app
        """,
    "projects/c.md": """
        ---
        type: project
        id: C
        program: PRG-A
        owner: Cy Ng
        depends_on: [{id: B, type: informational}]
        ---
        # Gamma
        """,
}
NOTES = "# Notes\n\n<!-- pgm:dependencies project=A -->\n\nAnd the program:\n\n<!-- pgm:dependencies program=PRG-A -->\n"
PAGES = ["programs/alpha.md", "projects/a.md", "projects/b.md", "projects/c.md", "governance/dependencies.md"]


def figures(html: str) -> dict[str, str]:
    """``data-pgm-graph`` -> the figure's inner HTML."""
    found = re.findall(r'<figure class="pgm pgm-diagram[^"]*" data-pgm-graph="([^"]+)">(.*?)</figure>', html, re.DOTALL)
    return dict(found)


def svg_of(figure: str) -> str:
    match = re.search(r"<svg .*?</svg>", figure, re.DOTALL)
    assert match, figure[:300]
    return match.group(0)


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next build create a new plugin instance, as a new ``mkdocs build`` process would."""
    monkeypatch.delitem(MkDocsConfig.plugins.plugin_cache, "pgm", raising=False)


def pgm_config(**options: Any) -> dict[str, Any]:
    return {"plugins": ["search", {"pgm": options}]} if options else {}


@needs_dot
def test_project_page_shows_its_neighbourhood(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, SITE)
    assert site.warnings == []
    html = site.html("projects/b.md")
    shown = figures(html)
    assert list(shown) == ["project:B"]
    # In the Dependencies section, before the tables.
    assert html.index('id="pgm-dependencies"') < html.index('data-pgm-graph="project:B"') < html.index('id="pgm-depends-on"')
    figure = shown["project:B"]
    assert '<div class="pgm-dg" role="group" aria-label="Dependencies of Beta app" data-search-exclude>' in figure
    svg = svg_of(figure)
    assert_inert(svg)
    assert sorted(svg_links(svg)) == ["../a/", "../c/", "./"]
    texts = svg_texts(svg)
    assert "API ready" in texts  # the milestone B waits for labels the edge
    assert "● green · Olu Ade" in texts and "ends 2026-06-30" in texts and "■ red · Bea Kim" in texts
    root = svg_root(svg)
    edges = {g.get("class"): g for g in root.iter(f"{SVG}g") if "pgm-edge" in (g.get("class") or "")}
    dashed = [c for c, g in edges.items() if any(p.get("stroke-dasharray") for p in g.iter(f"{SVG}path"))]
    assert len(dashed) == 1 and "pgm-edge-informational" in dashed[0]
    assert any("pgm-current" in (g.get("class") or "") for g in root.iter(f"{SVG}g"))
    # A project with neighbours gets its diagram too; the program page shows its projects.
    assert list(figures(site.html("projects/a.md"))) == ["project:A"]
    program = site.html("programs/alpha.md")
    assert list(figures(program)) == ["program:PRG-A"]
    assert program.index('id="pgm-project-dependencies"') < program.index('data-pgm-graph="program:PRG-A"')
    assert sorted(svg_links(svg_of(figures(program)["program:PRG-A"]))) == ["../../projects/a/", "../../projects/b/", "../../projects/c/"]


@needs_dot
def test_lone_project_has_no_diagram(build_site: Any, tmp_path: Path) -> None:
    files = {**SITE, "projects/d.md": "---\ntype: project\nid: D\nowner: Di\n---\n# Alone\n"}
    site = build_site(tmp_path, files)
    assert figures(site.html("projects/d.md")) == {}


@needs_dot
def test_links_without_directory_urls(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, SITE, {"use_directory_urls": False})
    assert site.warnings == []
    svg = svg_of(figures(site.html("projects/b.md"))["project:B"])
    assert sorted(svg_links(svg)) == ["a.html", "b.html", "c.html"]
    overview = figures(site.html("governance/dependencies.md"))
    assert sorted(set(svg_links(svg_of(overview["portfolio"])))) == [
        "../programs/alpha.html", "../projects/a.html", "../projects/b.html", "../projects/c.html"]
    assert svg_links(svg_of(overview["programs"])) == ["../programs/alpha.html"]


@needs_dot
def test_generated_dependencies_page(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, SITE)
    html = site.html("governance/dependencies.md")
    shown = figures(html)
    assert list(shown) == ["programs", "portfolio"]  # the overview above the detail
    portfolio = svg_of(shown["portfolio"])
    assert_inert(portfolio)
    assert sorted(set(svg_links(portfolio))) == ["../../programs/alpha/", "../../projects/a/", "../../projects/b/", "../../projects/c/"]
    assert any("pgm-cluster" in (g.get("class") or "") for g in svg_root(portfolio).iter(f"{SVG}g"))
    assert "Alpha program" in svg_texts(portfolio)  # the cluster's label
    assert svg_links(svg_of(shown["programs"])) == ["../../programs/alpha/"]


@needs_dot
def test_directive_places_diagrams_anywhere(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, {**SITE, "notes.md": NOTES, "more/deep.md": "# Deep\n\n<!-- pgm:dependencies project=C -->\n"})
    assert site.warnings == []
    shown = figures(site.html("notes.md"))
    assert list(shown) == ["project:A", "program:PRG-A"]
    assert sorted(svg_links(svg_of(shown["project:A"]))) == ["../projects/a/", "../projects/b/", "../projects/c/"]
    assert any("pgm-current" in (g.get("class") or "") for g in svg_root(svg_of(shown["project:A"])).iter(f"{SVG}g"))
    deep = figures(site.html("more/deep.md"))
    assert sorted(svg_links(svg_of(deep["project:C"]))) == ["../../projects/a/", "../../projects/b/", "../../projects/c/"]
    # Without arguments: the two portfolio diagrams.
    site = build_site(tmp_path / "bare", {**SITE, "notes.md": "# Notes\n\n<!-- pgm:dependencies -->\n"})
    assert list(figures(site.html("notes.md"))) == ["programs", "portfolio"]


@needs_dot
def test_cold_build_lays_out_every_diagram_in_few_processes(build_site: Any, tmp_path: Path, dot_calls: list[list[str]]) -> None:
    site = build_site(tmp_path, SITE)
    assert site.warnings == []
    # One per core, and one for the portfolio view (a graph with clusters is laid out alone).
    assert 2 <= layouts(dot_calls) <= (os.cpu_count() or 1) + 1


@needs_dot
def test_directive_diagrams_are_batched_with_the_others(build_site: Any, tmp_path: Path, dot_calls: list[list[str]]) -> None:
    """Diagrams placed by the directive join the one batch of ``on_files`` (the registry knows every
    directive by then), instead of one ``dot`` process each when their page is rendered."""
    build_site(tmp_path, {**SITE, "notes.md": NOTES, "more.md": "# More\n\n<!-- pgm:dependencies project=C -->\n"})
    assert layouts(dot_calls) <= (os.cpu_count() or 1) + 1  # + the portfolio view, alone


@needs_dot
def test_second_build_lays_out_nothing(build_site: Any, tmp_path: Path, dot_calls: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    files = {**SITE, "notes.md": NOTES}
    new_process(monkeypatch)
    first = build_site(tmp_path, files)
    assert layouts(dot_calls) >= 1
    cache = tmp_path / ".cache" / "pgm"  # next to mkdocs.yml
    stored = {p: p.stat().st_mtime_ns for p in cache.glob("*/*.svg")}
    assert len(stored) == 8  # 3 projects, the program, the 2 portfolio views, 2 directive views
    progress = [m.removeprefix("mkdocs_pgm: ") for m in first.messages(logger="mkdocs.plugins.mkdocs_pgm") if "dependency diagrams" in m]
    assert len(progress) == 2, progress
    assert progress[0] == "Laying out 8 of 8 dependency diagrams with Graphviz while the pages build (0 from the cache)"
    assert re.fullmatch(r"Laid out 8 dependency diagrams in \d+\.\d s", progress[1]), progress
    before = {src: figures(first.html(src)) for src in [*PAGES, "notes.md"]}
    # A new `mkdocs build`: every diagram from the cache folder.
    new_process(monkeypatch)
    dot_calls.clear()
    second = build_site(tmp_path, files)
    assert layouts(dot_calls) == 0
    assert not [m for m in second.messages(logger="mkdocs.plugins.mkdocs_pgm") if "dependency diagrams" in m]
    assert second.warnings == []
    assert {src: figures(second.html(src)) for src in [*PAGES, "notes.md"]} == before
    assert {p: p.stat().st_mtime_ns for p in cache.glob("*/*.svg")} == stored
    # Without the diagram files, the pages' cached fragments (which hold their diagrams) are enough.
    for path in cache.glob("*/*.svg"):
        path.unlink()
    dot_calls.clear()
    build_site(tmp_path, files)
    assert layouts(dot_calls) == 0
    # A changed page lays out only the diagrams it changes.
    new_process(monkeypatch)
    dot_calls.clear()
    changed = dict(files)
    changed["projects/c.md"] = SITE["projects/c.md"].replace("owner: Cy Ng", "owner: Cy Nguyen")
    third = build_site(tmp_path, changed)
    assert 1 <= layouts(dot_calls) <= (os.cpu_count() or 1) + 3
    assert "● green · Cy Nguyen" in svg_texts(svg_of(figures(third.html("projects/c.md"))["project:C"]))


@needs_dot
def test_cache_dir_option_is_relative_to_mkdocs_yml(build_site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = build_site(tmp_path / "one", SITE, pgm_config(cache_dir="build/diagrams"))
    assert site.warnings == []
    assert list((tmp_path / "one" / "build" / "diagrams").glob("*/*.svg"))
    assert not (tmp_path / "one" / ".cache").exists()
    # `mkdocs build -f site/mkdocs.yml` from another folder: still next to mkdocs.yml.
    root = tmp_path / "two" / "site"
    for name, text in SITE.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(re.sub(r"(?m)^ {8}", "", text).lstrip("\n"), encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Two\nplugins: [pgm]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "two")
    cfg = load_config(config_file="site/mkdocs.yml")
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    assert list((root / ".cache" / "pgm").glob("*/*.svg"))
    assert not (tmp_path / "two" / ".cache").exists()


def test_diagrams_off(build_site: Any, tmp_path: Path, dot_calls: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no dot needed
    site = build_site(tmp_path, {**SITE, "notes.md": NOTES}, pgm_config(diagrams=False))
    assert site.warnings == []
    assert dot_calls == []
    for src in ["programs/alpha.md", "projects/a.md", "projects/b.md"]:
        html = site.html(src)
        assert "pgm-diagram" not in html and "pgm-dg" not in html
    assert not list(tmp_path.glob(".cache/**/*.svg"))  # no diagram cache (the cache folder keeps page fragments)
    # A directive, and the generated dependencies page, say why there is no diagram.
    for src in ["notes.md", "governance/dependencies.md"]:
        html = site.html(src)
        assert "<svg" not in html.split('class="md-content"')[-1]
        assert "Dependency diagrams are turned off for this site (<code>diagrams: false</code>)." in html
    assert "pgm-card" in site.html("projects/b.md")  # the rest of the plugin works


def test_missing_dot(build_site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    site = build_site(tmp_path / "site", {**SITE, "notes.md": NOTES})
    errors = [r.getMessage() for r in site.records if r.levelname == "ERROR"]
    assert len(errors) == 1, errors
    assert "apt-get install graphviz" in errors[0] and "diagrams: false" in errors[0]
    assert site.warnings == errors  # nothing else is reported
    for src in [*PAGES, "notes.md"]:
        assert site.path(site.dest(src)).exists(), src
    assert figures(site.html("projects/b.md"))["project:B"].count("pgm-dg-missing") == 1
    assert "pgm-dg-missing" in figures(site.html("programs/alpha.md"))["program:PRG-A"]
    overview = figures(site.html("governance/dependencies.md"))
    assert all("pgm-dg-missing" in f and "<svg" not in f for f in overview.values()) and len(overview) == 2
    notes = figures(site.html("notes.md"))
    assert len(notes) == 2 and all("pgm-dg-missing" in f for f in notes.values())
    assert "Graphviz" in notes["project:A"]
    assert "pgm-card" in site.html("projects/b.md")


def _timeout_site(fake_dot: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("PATH", f"{fake_dot.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return {k: v for k, v in SITE.items() if k != "projects/c.md"}


def test_timeout_warns_names_the_page_and_goes_on(build_site: Any, tmp_path: Path, fake_dot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _timeout_site(fake_dot, monkeypatch)
    started = time.perf_counter()
    site = build_site(tmp_path / "site", files, pgm_config(graphviz_timeout=0.5))
    assert time.perf_counter() - started < 20
    warnings = site.warnings
    assert len(warnings) == len(set(warnings))  # each diagram reported once
    assert len(warnings) == 5, warnings  # 2 projects, the program, the 2 portfolio views
    project = [w for w in warnings if "docs/projects/b.md: " in w]
    assert len(project) == 1, warnings
    assert project[0].startswith("mkdocs_pgm: docs/projects/b.md: Dependencies of Beta app could not be drawn: ")
    assert "0.5 s" in project[0]
    assert any("docs/programs/alpha.md: " in w and "could not be drawn" in w for w in warnings)
    assert any("governance/dependencies.md: Dependencies across the portfolio could not be drawn" in w for w in warnings)
    assert all("could not be drawn" in w for w in warnings)
    notice = figures(site.html("projects/b.md"))["project:B"]
    assert "pgm-dg-missing" in notice and "0.5 s" in notice and "<svg" not in notice
    for src in PAGES:
        if src != "projects/c.md":
            assert site.path(site.dest(src)).exists(), src
    assert not list((tmp_path / "site" / ".cache" / "pgm").glob("*/*.svg"))  # failures are not cached


def test_timeout_fails_a_strict_build(build_site: Any, tmp_path: Path, fake_dot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _timeout_site(fake_dot, monkeypatch)
    with pytest.raises(Abort):
        build_site(tmp_path / "site", files, pgm_config(graphviz_timeout=0.5), strict=True)
    assert any("could not be drawn" in w for w in build_site.last.warnings)


@needs_dot
def test_portfolio_more_node_links_to_the_program_diagram(build_site: Any, tmp_path: Path) -> None:
    """The "N more projects" node of the portfolio links to the program page's diagram of all its
    projects; the anchor it uses must exist on that page."""
    files = {**SITE, "projects/d.md": "---\ntype: project\nid: D\nprogram: PRG-A\nowner: Di\n---\n# Delta\n"}
    site = build_site(tmp_path, files, pgm_config(diagram_max_nodes=2))
    portfolio = svg_of(figures(site.html("governance/dependencies.md"))["portfolio"])
    more = [a for a in svg_root(portfolio).iter(f"{SVG}a") if "more" in (a.get(f"{XLINK}title") or "").lower()
            or any("more projects" in (t.text or "") for t in a.iter(f"{SVG}text"))]
    assert more, "no 'more projects' node"
    link = more[0].get(f"{XLINK}href") or ""
    assert link.startswith("../../programs/alpha/#"), link
    anchor = link.split("#", 1)[1]
    assert f'id="{anchor}"' in site.html("programs/alpha.md")
