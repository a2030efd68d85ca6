"""Totality: no computation raises, whatever dates and numbers a model holds.

Validation keeps dates and amounts inside :mod:`mkdocs_pgm.core.limits`, but the
core does not rely on it alone: a model holding the first or last day of the
calendar, NaN, infinities or 1e300 (set here directly on validated models,
bypassing validation) still gives an analysis, KPIs, findings, roadmaps,
registers, search entries and every export, without an exception and without
"inf" or "nan" in what people read.

Also here: decisions that supersede themselves or each other are reported, and
nothing downstream loops on such a cycle.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_pgm.core.analysis import registers
from mkdocs_pgm.core.analysis.findings import find
from mkdocs_pgm.core.analysis.kpis import (
    format_number,
    portfolio_kpis,
    program_kpis,
    project_kpis,
)
from mkdocs_pgm.core.analysis.schedule import analyze, blast_radius
from mkdocs_pgm.core.exports import formats as exports
from mkdocs_pgm.core.model.markdown_scan import Directive
from mkdocs_pgm.core.model.registry import Entity, Node, Registry
from mkdocs_pgm.core.views.render import Renderer, _number
from mkdocs_pgm.core.views.roadmap import benefits_layout, layout
from mkdocs_pgm.core.views.search import nested_entries

from helpers import messages, page, registry_of

TODAY = dt.date(2026, 5, 1)

PAGES = {
    "prg.md": page(
        "type: program", "id: PRG", "title: Program", "owner: Olga",
        "governance: {risk_threshold: 6, escalation: [PM, Board]}",
        "benefits:",
        "  - {id: BEN-1, title: Conversion, baseline: 2, target: 3, actual: 2.5, unit: '%', due: 2027-06-30, status: realizing}",
        "  - {id: BEN-2, title: Cost, baseline: 10, target: 5, actual: 8, due: 2027-01-31, status: at-risk}",
        "risks:",
        "  - {id: R-PRG, title: Vendor, probability: 3, impact: 3}",
    ),
    "a.md": page(
        "type: project", "id: A", "title: Alpha", "owner: Ann", "program: PRG", "status: active", "health: amber",
        "start: 2026-01-01", "end: 2026-12-31", "reviewed: 2026-01-15",
        "baseline: {start: 2026-01-01, end: 2026-10-31, budget: 1000}",
        "budget: {planned: 1200, actual: 700, currency: EUR}", "progress: 40",
        "contributes_to: [BEN-1, BEN-2]",
        "milestones:",
        "  - {id: m1, title: Pilot, date: 2026-06-01}",
        "  - {id: m2, title: Launch, date: 2026-12-01, status: done}",
        "risks:",
        "  - {id: R-A, title: Delay, probability: 4, impact: 4}",
        "issues:",
        "  - {id: I-A, title: Bug, raised: 2026-02-01, due: 2026-03-01}",
        "changes:",
        "  - {id: CR-A, title: More scope, status: approved, impact: {schedule_days: 30, cost: 500, scope: More}}",
        "  - {id: CR-B, title: Less scope, status: requested, impact: {schedule_days: -10, cost: -100}}",
        "decisions:",
        "  - {id: D-A, title: Re-plan, status: proposed, date: 2026-02-01, forum: Board}",
    ),
    "b.md": page(
        "type: project", "id: B", "title: Beta", "owner: Bo", "program: PRG", "status: planned",
        "start: 2026-11-01", "end: 2027-06-30", "baseline: {end: 2027-03-31, budget: 0}", "budget: {planned: 0, actual: 10}",
        "contributes_to: [BEN-1]",
        "depends_on: [A, {id: 'A#m1', type: start-to-start}]",
        "milestones: [{id: m1, title: Done, date: 2027-06-01}]",
    ),
    "c.md": page(
        "type: project", "id: C", "title: Gamma", "owner: Cy", "program: PRG", "status: active",
        "start: 2026-12-01", "end: 2027-02-01", "depends_on: [B]",
    ),
    "dec.md": page(
        "type: decision", "id: DEC-1", "title: Use X", "status: accepted", "date: 2026-03-01", "forum: Board", "scope: PRG",
    ),
}

#: Every date the calendar allows, the ends first.
EXTREME_DATES = st.one_of(
    st.sampled_from([dt.date.min, dt.date.max, dt.date.min + dt.timedelta(days=1), dt.date.max - dt.timedelta(days=1)]),
    st.dates(),
)
#: Every float, the awkward ones first.
EXTREME_NUMBERS = st.one_of(
    st.sampled_from([0.0, -0.0, 1e300, -1e300, 1e-300, 5e-324, 1e26, 1.7976931348623157e308, math.inf, -math.inf, math.nan]),
    st.floats(allow_nan=True, allow_infinity=True),
)

#: (page id, path to a model inside the page, field): the dates and numbers set by the property test.
DATE_FIELDS = [
    ("A", (), "start"), ("A", (), "end"), ("A", ("baseline",), "start"), ("A", ("baseline",), "end"), ("A", (), "reviewed"),
    ("A", ("milestones", 0), "date"), ("A", ("milestones", 1), "date"), ("A", ("issues", 0), "raised"), ("A", ("issues", 0), "due"),
    ("A", ("decisions", 0), "date"), ("B", (), "start"), ("B", (), "end"), ("B", ("baseline",), "end"),
    ("B", ("milestones", 0), "date"), ("C", (), "start"), ("C", (), "end"), ("PRG", ("benefits", 0), "due"),
    ("PRG", ("benefits", 1), "due"), ("DEC-1", (), "date"),
]
NUMBER_FIELDS = [
    ("A", ("budget",), "planned"), ("A", ("budget",), "actual"), ("A", ("baseline",), "budget"),
    ("B", ("budget",), "planned"), ("B", ("budget",), "actual"), ("B", ("baseline",), "budget"),
    ("A", ("changes", 0, "impact"), "cost"), ("A", ("changes", 1, "impact"), "cost"),
    ("PRG", ("benefits", 0), "baseline"), ("PRG", ("benefits", 0), "target"), ("PRG", ("benefits", 0), "actual"),
    ("PRG", ("benefits", 1), "baseline"), ("PRG", ("benefits", 1), "target"), ("PRG", ("benefits", 1), "actual"),
]


def _holder(registry: Registry, ident: str, path: tuple[Any, ...]) -> Any:
    entity = registry.get(ident)
    assert entity is not None
    value: Any = entity.model
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


def _force(registry: Registry, where: tuple[str, tuple[Any, ...], str], value: object) -> None:
    """Set a field of a validated model without validation (as a model built by hand could hold it)."""
    ident, path, name = where
    _holder(registry, ident, path).__dict__[name] = value


def _url_of(node: Node) -> str | None:
    owner = node if isinstance(node, Entity) else node.owner
    return owner.src_uri.removesuffix(".md") + "/" + (f"#{node.anchor}" if node.anchor else "")


def _readable(text: str) -> None:
    """No number people read is "inf" or "nan"."""
    words = set(text.lower().replace(",", " ").replace("(", " ").replace(")", " ").split())
    assert not words & {"inf", "-inf", "+inf", "nan", "infinity", "-infinity"}, text


def _everything(registry: Registry, today: dt.date) -> dict[str, str]:
    """Every computation of the core on ``registry``; the texts people read, by name."""
    analysis = analyze(registry)
    for project in registry.of_kind("project"):
        blast_radius(project, 10**6)
    found = find(registry, today, analysis=analysis)
    texts: dict[str, str] = {"findings": "\n".join(str(f) for f in found)}
    kpis = [k for p in registry.of_kind("project") for k in project_kpis(p, today)]
    kpis += [k for p in registry.of_kind("program") for k in program_kpis(p, today)]
    kpis += portfolio_kpis(registry, today)
    for kpi in kpis:
        assert kpi.value is None or math.isfinite(kpi.value), kpi
    texts["kpis"] = "\n".join(f"{k.display} | {k.inputs}" for k in kpis)
    program = registry.get("PRG")
    roadmap = layout([("Program", program, registry.of_kind("project"))], today, critical=analysis.critical["*"])
    assert all(math.isfinite(bar.x) and math.isfinite(bar.width) for bar in roadmap.bars)
    assert len(roadmap.ticks) <= 60
    if program is not None:
        benefits_layout([(program, program.entries("benefits"))], today)
    rows = registers.risk_rows(registry)
    registers.heat_map(rows)
    registers.decision_log(registry)
    registers.awaiting_decision(registry)
    registers.upcoming_milestones(registry, today, 90)
    registers.dependency_rows(registry, analysis)
    totals = registers.change_totals(registers.entries(registry, "changes"))
    texts["totals"] = " ".join(_number(v) for v in (totals.approved_cost, totals.pending_cost, totals.approved_days))
    texts["search"] = "\n".join(e.text for entity in registry.entities for e in nested_entries(entity))
    document = exports.export_json(registry, analysis=analysis, findings=found, today=today, currency="EUR", url_of=_url_of)
    assert "Infinity" not in document and "NaN" not in document
    json.loads(document)
    texts["ics"] = exports.export_ics(registry, today=today, url_of=_url_of, site_url="https://example.org/")
    for line in texts["ics"].splitlines():
        if line.startswith(("DTSTART", "DTEND", "DTSTAMP")):
            assert line.split(":")[1][:8].isdigit() and len(line.split(":")[1].split("T")[0]) == 8, line
    texts["raid"] = exports.raid_csv(registry, url_of=_url_of)
    texts["decisions"] = exports.decisions_csv(registry, url_of=_url_of)
    return texts


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    today=EXTREME_DATES,
    dates=st.lists(EXTREME_DATES, min_size=len(DATE_FIELDS), max_size=len(DATE_FIELDS)),
    numbers=st.lists(EXTREME_NUMBERS, min_size=len(NUMBER_FIELDS), max_size=len(NUMBER_FIELDS)),
)
def test_extreme_dates_and_numbers_never_raise(today: dt.date, dates: list[dt.date], numbers: list[float]) -> None:
    registry = registry_of(PAGES)
    assert messages(registry) == []
    for where, value in zip(DATE_FIELDS, dates, strict=True):
        _force(registry, where, value)
    for where, amount in zip(NUMBER_FIELDS, numbers, strict=True):
        _force(registry, where, amount)
    texts = _everything(registry, today)
    for name in ("kpis", "totals", "search", "ics"):
        _readable(texts[name])


CORNERS = [
    # (today, every date set to this, every number set to this)
    (dt.date.max, dt.date.max, 1e300),
    (dt.date.min, dt.date.min, -1e300),
    (TODAY, dt.date.max, math.inf),
    (TODAY, dt.date.min, math.nan),
    (dt.date.max, dt.date.min, 1e-300),
    (dt.date.min, dt.date.max, 0.0),
]


@pytest.mark.parametrize(("today", "day", "amount"), CORNERS)
def test_the_corners_of_the_calendar_render(today: dt.date, day: dt.date, amount: float) -> None:
    registry = registry_of(PAGES)
    for where in DATE_FIELDS:
        _force(registry, where, day)
    for where in NUMBER_FIELDS:
        _force(registry, where, amount)
    _everything(registry, today)
    analysis = analyze(registry)
    renderer = Renderer(registry, lambda src_uri: src_uri.removesuffix(".md") + "/" if src_uri else None, today=today,
                        analysis=analysis, findings=find(registry, today, analysis=analysis))
    html = [renderer.dashboard("governance/").html, renderer.roadmap(Directive("roadmap", (), 0), "governance/roadmap/", uid="r").html]
    for name in ("decision-log", "raid", "changes", "benefits"):
        html.append(renderer.register(Directive(name, (), 0), "governance/x/").html)
    for entity in registry.entities:
        html.append(renderer.card(entity, "x/").html)
        html.append(renderer.sections(entity, "x/").html)
    for fragment in html:
        assert ">inf<" not in fragment and ">nan<" not in fragment


def test_a_plan_spanning_the_whole_calendar_gets_a_readable_axis() -> None:
    registry = registry_of(PAGES)
    for where in DATE_FIELDS:
        _force(registry, where, dt.date(2026, 1, 1))
    _force(registry, ("A", (), "start"), dt.date.min)
    _force(registry, ("C", (), "end"), dt.date.max)
    roadmap = layout([("All", None, registry.of_kind("project"))], TODAY)
    assert roadmap.start == dt.date.min and roadmap.end == dt.date.max
    assert [t.label for t in roadmap.ticks][:3] == ["1", "500", "1000"]
    assert len(roadmap.ticks) == 20


def test_the_last_day_of_the_calendar_is_a_one_day_event() -> None:
    registry = registry_of(PAGES)
    _force(registry, ("A", ("milestones", 0), "date"), dt.date.max)
    _force(registry, ("A", ("milestones", 1), "date"), dt.date.min)
    ics = exports.export_ics(registry, today=TODAY, url_of=_url_of)
    first, last = ics.split("BEGIN:VEVENT")[1], ics.split("BEGIN:VEVENT")[-1]
    assert "DTSTART;VALUE=DATE:00010101\r\nDTEND;VALUE=DATE:00010102\r\n" in first
    assert "DTSTART;VALUE=DATE:99991231\r\nSUMMARY:" in last  # no DTEND: a date-only event lasts one day


def test_huge_and_tiny_amounts_format_without_error() -> None:
    assert format_number(1e26) == "100" + "\u202f000" * 8
    assert format_number(1e300).replace("\u202f", "") == "1" + "0" * 300
    assert format_number(1e-300) == "0"
    assert format_number(math.inf) == format_number(math.nan) == "—"
    assert _number(1e26) == "100" + "\u202f000" * 8
    assert _number(math.inf) == _number(math.nan) == ""


def test_cost_variance_out_of_float_range_is_not_measured() -> None:
    registry = registry_of(PAGES)
    _force(registry, ("A", ("budget",), "actual"), 1e308)
    _force(registry, ("A", ("baseline",), "budget"), -1e308)
    project = registry.get("A")
    assert project is not None
    cost = next(k for k in project_kpis(project, TODAY) if k.key == "cost_variance")
    assert cost.value is None and cost.display == "—"
    assert cost.inputs.endswith("the amounts are out of range, no variance to measure")


# --------------------------------------------------------------------------- supersede cycles


def _decision(ident: str, *lines: str) -> str:
    return page("type: decision", f"id: {ident}", "date: 2026-01-01", *lines)


def test_a_decision_that_supersedes_itself_is_reported_and_not_linked() -> None:
    registry = registry_of({
        "d1.md": _decision("DEC-1", "status: accepted", "supersedes: [DEC-1]"),
        "d2.md": _decision("DEC-2", "status: superseded by DEC-2"),
    })
    assert messages(registry) == [
        "d1.md:6: supersedes[0]: decision 'DEC-1' supersedes itself; the link is ignored",
        "d2.md:5: status: decision 'DEC-2' is superseded by itself; the link is ignored",
    ]
    assert all(d.severity == "error" for d in registry.diagnostics)
    for decision in registry.entities:
        assert decision.rel.supersedes == [] and decision.rel.superseded_by == []


def test_decisions_that_supersede_each_other_are_one_error() -> None:
    registry = registry_of({
        # DEC-1 replaces DEC-2, which replaces DEC-3, which (says DEC-1's MADR status) replaces DEC-1.
        "d1.md": _decision("DEC-1", "status: superseded by DEC-3", "supersedes: [DEC-2]"),
        "d2.md": _decision("DEC-2", "status: accepted", "supersedes: [DEC-3]"),
        "d3.md": _decision("DEC-3", "status: accepted"),
        "p.md": page("type: project", "owner: A", "decisions:",
                     "  - {id: D-A, title: A, date: 2026-01-01, status: accepted, supersedes: [D-B]}",
                     "  - {id: D-B, title: B, date: 2026-01-01, status: accepted, supersedes: [D-A]}"),
    })
    cycles = messages(registry, "supersede-cycle")
    assert cycles == [
        ("d1.md:6: supersedes[0]: supersede cycle: DEC-1 → DEC-2 → DEC-3 → DEC-1 (a decision cannot be superseded by one it replaces)"
        " (see d2.md:6, d1.md:5)"),
        ("p.md:5: decisions[0].supersedes[0]: supersede cycle: D-A → D-B → D-A (a decision cannot be superseded by one it replaces)"
        " (see p.md:6)"),
    ]
    # Nothing downstream follows the circle forever.
    texts = _everything(registry, TODAY)
    assert "DEC-1" in texts["decisions"]
    assert [d.id for d in registers.decision_log(registry)] == ["D-A", "D-B", "DEC-1", "DEC-2", "DEC-3"]


def test_a_supersede_cycle_in_a_build_is_an_error_line(build_site, tmp_path) -> None:
    site = build_site(tmp_path, {
        "d1.md": _decision("DEC-1", "status: accepted", "supersedes: [DEC-2]", "title: One"),
        "d2.md": _decision("DEC-2", "status: accepted", "supersedes: [DEC-1]", "title: Two"),
    })
    assert (
        "mkdocs_pgm: docs/d1.md:6: supersedes[0]: supersede cycle: DEC-1 → DEC-2 → DEC-1 "
        "(a decision cannot be superseded by one it replaces) (see docs/d2.md:6)"
    ) in site.warnings
