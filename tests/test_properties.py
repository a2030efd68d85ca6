"""Property-based tests: whatever front matter people write, the core reports, it never raises.

Pages are generated three ways: structured front matter (random nested
dict/list/scalar values under real and made-up keys, dumped with
``yaml.safe_dump``), random YAML-ish text, and random dependency graphs whose
cycles are checked against a brute-force answer.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_pgm.core.model import schema
from mkdocs_pgm.core.model.registry import PageSource, Registry
from mkdocs_pgm.core.model.validate import HOST_KEYS

from helpers import sources

# The same output as yaml.safe_dump, several times faster when libyaml is there.
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _field_names() -> list[str]:
    names: set[str] = set()
    todo: list[Any] = [*schema.PAGE_MODELS.values(), *schema.NESTED_KINDS.values(), schema.Governance, schema.Forum,
                       schema.Baseline, schema.Budget, schema.ChangeImpact, schema.Dependency, schema.Link,
                       schema.Stakeholder, schema.Kpi, schema.Deliverable]
    for model in todo:
        names.update(model.model_fields)
    return sorted(names)


FIELDS = _field_names()
TYPES = ["portfolio", "program", "project", "decision"]
SRC_URIS = ["a.md", "b.md", "projects/c.md", "programs/core/index.md", "decisions/0001-x.md", "d/README.md"]
IDS = ["A", "B", "C", "CORE", "X", "RSK-1", "BEN-1", "CR-1", "DEC-1", "A#m", "C#go-live", "CORE#BEN-1", "a", "0001-X"]
SPECIAL = [
    "2026-Q2", "2026-q5", "2026-04", "2026-13", "2026-13-01", "2026-02-30", "superseded by A", "Superseded by [DEC-1](x.md)",
    "superseded by", "javascript:alert(1)", "java\tscript:x", "https://example.org", "mailto:a@b", "../x.md",
    "finish-to-start", "start-to-start", "informational", "accepted", "proposed", "superseded", "open", "done", "green",
    "RED", "on-hold", "[[A]]", "#", "", " ", "~", "null", "-1", "1e309", "\u202e", "\x00", "a" * 70,
]


def _variants(name: str) -> list[str]:
    camel = re.sub(r"_(.)", lambda m: m.group(1).upper(), name)
    return [name, name.replace("_", "-"), camel, name.upper()]


keys = st.one_of(
    st.sampled_from(FIELDS).flatmap(lambda n: st.sampled_from(_variants(n))),
    st.sampled_from(sorted(HOST_KEYS) + ["deciders", "dependsOn", "decision-makers"]),
    st.text(min_size=1, max_size=8),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.sampled_from(IDS),
    st.sampled_from(SPECIAL),
    st.sampled_from(TYPES),
    st.text(max_size=12),
)

values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=10,
)

entry = st.dictionaries(st.sampled_from(FIELDS), values, max_size=6)


@st.composite
def front_matter(draw: st.DrawFn) -> dict[Any, Any]:
    data: dict[Any, Any] = {}
    kind = draw(st.one_of(st.sampled_from(TYPES), st.sampled_from([t.title() for t in TYPES] + ["projet", None, 3]), values))
    data["type"] = kind
    data.update(draw(st.dictionaries(keys, values, max_size=6)))
    # Lists of nested entries with real field names, so that nested validation is exercised.
    for collection in draw(st.lists(st.sampled_from(sorted(schema.NESTED_KINDS) + ["deliverables", "kpis", "links", "stakeholders", "depends_on"]), max_size=3)):
        data[collection] = draw(st.lists(st.one_of(entry, values), max_size=4))
    if draw(st.booleans()):
        data["id"] = draw(st.one_of(st.sampled_from(IDS), values))
    return data


body = st.lists(
    st.one_of(
        st.sampled_from(["# Title", "Title\n=====", "```", "~~~", "    [[CODE]]", "`[[SPAN]]`", "- item [[A]]", "", "text"]),
        st.sampled_from(IDS).map(lambda i: f"See [[{i}]]."),
        st.text(max_size=10).map(lambda t: f"[[{t}]]"),
        st.text(max_size=20),
    ),
    max_size=6,
).map(lambda lines: "\n".join(lines) + "\n")


@st.composite
def structured_page(draw: st.DrawFn) -> str:
    data = draw(front_matter())
    block = yaml.dump(
        data, Dumper=_DUMPER, sort_keys=False, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.sampled_from([None, False, True]))
    )
    return "---\n" + block + "---\n" + draw(body)


FRAGMENTS = [
    "type: project", "type: program", "type: decision", "type: portfolio", "Type: Project", "owner: Ana", "status: active",
    "status: superseded by A", "date: 2026-13-01", "start: 2026-Q2", "end: 2026-04", "id: A", "id: bad id!",
    "depends_on:", "dependsOn: [A, B#m]", "  - A", "  - {id: B, type: informational}", "- x", "risks:", "  - title: R",
    "    probability: 9", "milestones:", "  - title: m", "links: [{url: 'javascript:x'}]", "a: &x [*x]", "b: *x",
    "c: &y {d: 1}", "e: {<<: *y}", "f: [", "g: ]", "h: {", "  bad: indent", ": :", "? k", "!!python/name:os.system x",
    "'unterminated", '"esc \\q"', "key: |", "  literal", "...", "---", "#comment", "\t", "title: T", "program: CORE",
    "supersedes: [A, A]", "decision_makers: Dana", "deciders: [Eve]", "hide: [toc]", "~: ~", "[a, b]: c",
]


@st.composite
def raw_page(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=15)), max_size=12))
    text = "---\n" + "\n".join(lines) + "\n---\n" + draw(body)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def _check(pages: list[PageSource], **options: Any) -> Registry:
    registry = Registry.build(pages, **options)
    files = {p.file: p.text for p in pages}
    for d in registry.diagnostics:
        assert d.file, d
        assert d.file in files, d
        assert str(d).startswith(f"{d.file}:"), d
        if d.line is not None:
            # Lines are counted as editors count them (a BOM or CRLF adds none).
            assert 1 <= d.line <= len(files[d.file].splitlines()) + 1, (d, files[d.file])
        for place in d.related:
            assert place.file in files, d
        assert d.severity in {"error", "warning", "info"}
        assert d.message
    return registry


def _pages(texts: list[str]) -> list[PageSource]:
    return sources(dict(zip(SRC_URIS, texts, strict=False)))  # one page per text, up to len(SRC_URIS)


@SETTINGS
@given(st.lists(structured_page(), min_size=1, max_size=4), st.booleans())
def test_structured_front_matter_never_raises(texts: list[str], strict: bool) -> None:
    pages = _pages(texts)
    first = _check(pages, strict_references=strict)
    # The same input gives the same report.
    assert [str(d) for d in Registry.build(pages, strict_references=strict).diagnostics] == [str(d) for d in first.diagnostics]


@SETTINGS
@given(st.lists(raw_page(), min_size=1, max_size=len(SRC_URIS)))
def test_yamlish_text_never_raises(texts: list[str]) -> None:
    _check(_pages(texts))


@SETTINGS
@given(st.lists(st.one_of(raw_page(), structured_page()), min_size=1, max_size=4), st.lists(st.text(max_size=8), max_size=3))
def test_mixed_pages_with_ignored_fields_never_raise(texts: list[str], ignore: list[str]) -> None:
    _check(_pages(texts), ignore_fields=ignore)


# --------------------------------------------------------------------------- cycles against brute force


PROJECTS = [f"P{i}" for i in range(7)]
EDGE_TYPES = ["finish-to-start", "start-to-start", "informational"]


@st.composite
def dependency_graph(draw: st.DrawFn) -> dict[str, list[tuple[str, str, bool]]]:
    """project -> [(target project, dependency type, via milestone)]."""
    n = draw(st.integers(min_value=1, max_value=len(PROJECTS)))
    names = PROJECTS[:n]
    return {
        name: draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(EDGE_TYPES), st.booleans()), max_size=3))
        for name in names
    }


def _reach(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    reach = {n: set(graph[n]) for n in graph}
    changed = True
    while changed:
        changed = False
        for n in graph:
            more = set().union(*(reach[m] for m in reach[n])) if reach[n] else set()
            if not more <= reach[n]:
                reach[n] |= more
                changed = True
    return reach


@SETTINGS
@given(dependency_graph())
def test_every_scheduling_cycle_is_reported_once_and_is_real(graph: dict[str, list[tuple[str, str, bool]]]) -> None:
    pages = {}
    for name, edges in graph.items():
        # P6 is a program (no milestones): programs take part in scheduling cycles too.
        head = ["type: program"] if name == "P6" else ["type: project", "milestones: [{id: m, title: M}]"]
        front = head + ["owner: X", "depends_on:"]
        front += [f"  - {{id: '{target}{'#m' if via and target != 'P6' else ''}', type: {kind}}}" for target, kind, via in edges]
        pages[f"{name.lower()}.md"] = "---\n" + "\n".join(front) + "\n---\n"
    registry = _check(sources(pages))
    scheduling = {n: {t for t, kind, _ in edges if kind != "informational"} for n, edges in graph.items()}
    reach = _reach(scheduling)
    components = {frozenset({n} | {m for m in reach[n] if n in reach[m]}) for n in graph if n in reach[n]}
    cycles = [d for d in registry.diagnostics if d.code == "cycle"]
    assert len(cycles) == len(components), [str(d) for d in registry.diagnostics]
    assert [d for d in registry.diagnostics if d.code != "cycle"] == []
    seen: set[frozenset[str]] = set()
    for d in cycles:
        names = d.message.split(": ", 1)[1].split(" (", 1)[0].split(" → ")
        assert names[0] == names[-1]
        for a, b in pairwise(names):
            assert b in scheduling[a], (d.message, graph)
        component = next(c for c in components if names[0] in c)
        assert set(names) <= component
        seen.add(component)
        assert d.file == f"{names[0].lower()}.md"
        assert {loc.file for loc in d.related} == {f"{n.lower()}.md" for n in names[1:-1]}
    assert seen == components
