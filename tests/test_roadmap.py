"""Roadmaps: the pure layout (``mkdocs_pgm.core.views.roadmap``) and the SVG in built sites.

Geometry (SVG user units): the chart runs from x=190 to x=744 (554 wide);
``x(d) = 190 + 554 * days(d - domain_start) / domain_days``, rounded to 2
decimals; a bar ends at ``x(end + 1 day)``. The expected numbers below are
worked out by hand from that formula for small domains:

* April–June 2026 (month grid, 91 days): x(Apr 1)=190, x(May 1)=190+554*30/91=372.64,
  x(Jun 1)=190+554*61/91=561.36, x(Jul 1)=744.
* The year 2026 (quarter grid, 365 days): x(Apr 1)=190+554*90/365=326.6,
  x(May 1)=190+554*120/365=372.14, x(Jul 1)=190+554*181/365=464.72.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from html import unescape
from typing import Any

import pytest

from mkdocs_pgm.core.model.registry import Nested, Registry
from mkdocs_pgm.core.views.roadmap import Roadmap, layout

from helpers import page, registry_of

D = dt.date
SVG = "{http://www.w3.org/2000/svg}"
FAR = D(2000, 1, 1)  # a "today" far from every plan: it does not stretch the domain


# ---------------------------------------------------------------- helpers


def project(ident: str, start: str | None = None, end: str | None = None, *extra: str,
            program: str | None = "PRG-A", title: str | None = None) -> str:
    """A project page; ``extra`` are more front-matter lines."""
    lines = ["type: project", f"id: {ident}", "owner: Olu Ade"]
    if program:
        lines.append(f"program: {program}")
    if start:
        lines.append(f"start: {start}")
    if end:
        lines.append(f"end: {end}")
    return page(*lines, *extra, body=f"# {title or 'Project ' + ident}\n\nBody.\n")


def program(ident: str = "PRG-A", title: str = "Alpha", *extra: str) -> str:
    return page("type: program", f"id: {ident}", "owner: Ana Lind", *extra, body=f"# {title}\n")


def registry(*projects: tuple[str, str], programs: dict[str, str] | None = None) -> Registry:
    pages = {"programs/alpha.md": program()} if programs is None else dict(programs)
    pages.update({f"projects/{name}.md": text for name, text in projects})
    reg = registry_of(pages)
    assert [str(d) for d in reg.diagnostics if d.severity != "info"] == []
    return reg


def program_roadmap(reg: Registry, today: D = FAR, ident: str = "PRG-A", **options: Any) -> Roadmap:
    prg = reg.get(ident)
    assert prg is not None
    return layout([(prg.title, prg, prg.projects)], today, **options)


def bar_of(rm: Roadmap, ident: str) -> Any:
    (bar,) = [b for b in rm.bars if b.entity.id == ident]
    return bar


def ends(bar: Any) -> tuple[float, float]:
    return bar.x, round(bar.x + bar.width, 2)


# ---------------------------------------------------------------- layout: time axis


def test_month_domain_bar_ticks_and_today_line() -> None:
    reg = registry(("one", project("P1", "2026-04-01", "2026-06-30")))
    rm = program_roadmap(reg, today=D(2026, 5, 1))
    assert (rm.unit, rm.start, rm.end) == ("month", D(2026, 4, 1), D(2026, 7, 1))
    assert ends(bar_of(rm, "P1")) == (190.0, 744.0)
    assert rm.today_x == 372.64
    assert [(t.x, t.label, t.major) for t in rm.ticks] == [
        (190.0, "Apr 2026", False), (372.64, "May", False), (561.36, "Jun", False),
    ]
    assert rm.width == 760 and rm.label_width == 190


def test_quarter_domain_of_one_year() -> None:
    reg = registry(
        ("year", project("P0", "2026-01-01", "2026-12-31")),
        ("spring", project("P1", "2026-04-01", "2026-04-30")),
    )
    rm = program_roadmap(reg, today=D(2026, 5, 1))
    assert (rm.unit, rm.start, rm.end) == ("quarter", D(2026, 1, 1), D(2027, 1, 1))
    assert ends(bar_of(rm, "P0")) == (190.0, 744.0)
    assert ends(bar_of(rm, "P1")) == (326.6, 372.14)
    assert rm.today_x == 372.14
    assert [(t.x, t.label) for t in rm.ticks] == [(190.0, "Q1 2026"), (326.6, "Q2"), (464.72, "Q3"), (604.36, "Q4")]


@pytest.mark.parametrize(
    ("start", "end", "unit", "domain"),
    [
        # 300 days: still months
        ("2026-01-15", "2026-11-11", "month", (D(2026, 1, 1), D(2026, 12, 1))),
        # 301 days: quarters
        ("2026-01-15", "2026-11-12", "quarter", (D(2026, 1, 1), D(2027, 1, 1))),
        # 3 * 366 = 1098 days: still quarters
        ("2026-02-10", "2029-02-12", "quarter", (D(2026, 1, 1), D(2029, 4, 1))),
        # 1099 days: years
        ("2026-02-10", "2029-02-13", "year", (D(2026, 1, 1), D(2030, 1, 1))),
    ],
)
def test_grid_unit_chosen_from_the_span(start: str, end: str, unit: str, domain: tuple[D, D]) -> None:
    rm = program_roadmap(registry(("p", project("P1", start, end))))
    assert (rm.unit, (rm.start, rm.end)) == (unit, domain)
    assert rm.today_x is None  # today (2000) is years away: neither drawn nor stretching the axis
    assert ends(bar_of(rm, "P1"))[0] > 190.0 and rm.ticks[0].x == 190.0
    if unit == "year":
        assert [t.label for t in rm.ticks] == ["2026", "2027", "2028", "2029"]
        assert all(t.major for t in rm.ticks)


def test_today_near_the_plan_stretches_the_domain_far_away_does_not() -> None:
    reg = registry(("one", project("P1", "2026-04-01", "2026-06-30")))
    near = program_roadmap(reg, today=D(2026, 8, 15))  # 46 days after the end
    assert (near.start, near.end) == (D(2026, 4, 1), D(2026, 9, 1))
    assert near.today_x == 682.44  # 190 + 554 * 136 / 153
    far = program_roadmap(reg, today=D(2026, 10, 15))  # 107 days after the end
    assert (far.start, far.end) == (D(2026, 4, 1), D(2026, 7, 1))
    assert far.today_x is None


def test_quarter_and_month_dates_cover_the_whole_period() -> None:
    reg = registry(
        ("year", project("P0", "2026-01-01", "2026-12-31")),
        ("quarter", project("PQ", "2026-Q2", "2026-Q2")),
        ("month", project("PM", "2026-04", "2026-04")),
    )
    rm = program_roadmap(reg)
    quarter, month = bar_of(rm, "PQ"), bar_of(rm, "PM")
    assert (quarter.start, quarter.end) == (D(2026, 4, 1), D(2026, 6, 30))
    assert ends(quarter) == (326.6, 464.72)  # x(2026-04-01), x(2026-07-01)
    assert (month.start, month.end) == (D(2026, 4, 1), D(2026, 4, 30))
    assert ends(month) == (326.6, 372.14)  # x(2026-04-01), x(2026-05-01)


def test_one_day_bar_is_at_least_two_units_wide() -> None:
    reg = registry(("long", project("P0", "2020-01-01", "2029-12-31")), ("day", project("P1", "2025-03-03", "2025-03-03")))
    bar = bar_of(program_roadmap(reg), "P1")
    assert bar.width == 2


def test_long_titles_are_shortened_on_the_label_only() -> None:
    title = "A project with a rather long and descriptive name"
    rm = program_roadmap(registry(("p", project("P1", "2026-04-01", "2026-04-30", f"title: {title}"))))
    bar = bar_of(rm, "P1")
    assert bar.label == "A project with a rather lon…" and len(bar.label) == 28
    assert bar.entity.title == title


def test_rows_sorted_by_start_then_end() -> None:
    reg = registry(
        ("c", project("PC", "2026-05-01", "2026-05-31")),
        ("a", project("PA", "2026-04-01", "2026-06-30")),
        ("b", project("PB", "2026-04-01", "2026-04-30")),
    )
    rm = program_roadmap(reg)
    assert [b.entity.id for b in rm.bars] == ["PB", "PA", "PC"]
    ys = [b.y for b in rm.bars]
    assert ys == sorted(ys) and len(set(ys)) == 3


# ---------------------------------------------------------------- layout: progress, baseline, milestones


def test_progress_fill_and_completed_projects() -> None:
    reg = registry(
        ("half", project("P1", "2026-04-01", "2026-06-30", "progress: 50")),
        ("done", project("P2", "2026-04-01", "2026-06-30", "status: completed")),
        ("none", project("P3", "2026-04-01", "2026-06-30")),
    )
    rm = program_roadmap(reg)
    assert [bar_of(rm, i).progress_width for i in ("P1", "P2", "P3")] == [277.0, 554.0, 0]


def test_health_of_bars() -> None:
    reg = registry(
        ("g", project("PG", "2026-04-01", "2026-06-30")),
        ("a", project("PA", "2026-04-01", "2026-06-30", "health: amber")),
        ("r", project("PR", "2026-04-01", "2026-06-30", "health: Red")),
    )
    rm = program_roadmap(reg)
    assert {b.entity.id: b.health for b in rm.bars} == {"PG": "green", "PA": "amber", "PR": "red"}


def test_baseline_ghost_only_where_it_differs_from_the_plan() -> None:
    reg = registry(
        ("same", project("SAME", "2026-04-01", "2026-06-30", "baseline: {start: 2026-04-01, end: 2026-06-30}")),
        ("same-end", project("SAMEEND", "2026-04-01", "2026-06-30", "baseline: {end: 2026-06-30}")),
        ("budget", project("BUDGET", "2026-04-01", "2026-06-30", "baseline: {budget: 1000}")),
        ("none", project("NONE", "2026-04-01", "2026-06-30")),
        ("slipped", project("SLIPPED", "2026-04-01", "2026-06-30", "baseline: {end: 2026-05-31}")),
        ("moved", project("MOVED", "2026-05-01", "2026-06-30", "baseline: {start: 2026-04-01, end: 2026-04-30}")),
    )
    rm = program_roadmap(reg)
    ghosts = {b.entity.id: b.baseline for b in rm.bars if b.baseline}
    # slipped: x(Apr 1) .. x(Jun 1) = 190 .. 561.36; moved: x(Apr 1) .. x(May 1) = 190 .. 372.64
    assert ghosts == {"SLIPPED": (190.0, 371.36), "MOVED": (190.0, 182.64)}


def test_baseline_dates_widen_the_domain() -> None:
    reg = registry(("slipped", project("P1", "2026-04-01", "2026-04-30", "baseline: {start: 2026-02-01, end: 2026-03-31}")))
    rm = program_roadmap(reg)
    assert (rm.start, rm.end) == (D(2026, 2, 1), D(2026, 5, 1))
    # 2026-02-01 .. 2026-05-01 is 89 days: the ghost spans x(Feb 1) .. x(Apr 1) = 190 .. 190 + 554 * 59 / 89
    assert bar_of(rm, "P1").baseline == (190.0, 367.26)
    assert bar_of(rm, "P1").x == 557.26


MILESTONES = project(
    "P1", "2026-04-01", "2026-06-30",
    "milestones:",
    "  - {id: kickoff, title: Kick-off, date: 2026-04-10, status: done}",
    "  - {id: design, title: Design, date: 2026-04-20}",
    "  - {id: beta, title: Beta, date: 2026-04-25, status: missed}",
    "  - {id: launch, title: Launch, date: 2026-05-15, status: planned}",
    "  - {id: review, title: Review, date: 2026-05-01, status: done}",
)


def test_milestone_markers_by_status_and_overdue() -> None:
    rm = program_roadmap(registry(("one", MILESTONES)), today=D(2026, 5, 1))
    markers = {m.entry.id: (m.status, m.overdue) for m in bar_of(rm, "P1").markers}
    assert markers == {
        "kickoff": ("done", False),
        "design": ("planned", True),  # planned and before today
        "beta": ("missed", False),
        "launch": ("planned", False),
        "review": ("done", False),
    }


def test_milestone_marker_sits_at_the_end_of_its_day_on_the_bar_row() -> None:
    rm = program_roadmap(registry(("one", MILESTONES)), today=D(2026, 5, 1))
    bar = bar_of(rm, "P1")
    xs = {m.entry.id: m.x for m in bar.markers}
    # x(Apr 11) = 190 + 554 * 10 / 91, x(May 16) = 190 + 554 * 45 / 91
    assert xs["kickoff"] == 250.88 and xs["launch"] == 463.96
    assert {m.y for m in bar.markers} == {bar.mid}


def test_milestone_dates_widen_the_domain() -> None:
    reg = registry(("one", project("P1", "2026-04-01", "2026-04-30", "milestones: [{title: Audit, date: 2026-06-15}]")))
    rm = program_roadmap(reg)
    assert (rm.start, rm.end) == (D(2026, 4, 1), D(2026, 7, 1))


# ---------------------------------------------------------------- layout: unscheduled, collapse


def test_projects_without_both_dates_are_unscheduled() -> None:
    reg = registry(
        ("dated", project("DATED", "2026-04-01", "2026-06-30")),
        ("start-only", project("STARTONLY", "2026-04-01")),
        ("end-only", project("ENDONLY", None, "2026-06-30")),
        ("none", project("NODATES")),
    )
    rm = program_roadmap(reg)
    assert [b.entity.id for b in rm.bars] == ["DATED"]
    assert sorted(p.id for p in rm.unscheduled) == ["ENDONLY", "NODATES", "STARTONLY"]


def test_nothing_dated_gives_an_empty_roadmap_that_still_lists_unscheduled() -> None:
    rm = program_roadmap(registry(("none", project("NODATES"))), today=D(2026, 5, 1))
    assert rm.empty and rm.lanes == [] and rm.today_x is None
    assert [p.id for p in rm.unscheduled] == ["NODATES"]


def _big_registry(count: int) -> Registry:
    projects = []
    for n in range(count):
        extra = ["status: completed"] if n == 0 else []
        projects.append((f"p{n}", project(f"P{n}", f"2026-0{n % 6 + 1}-01", f"2026-0{n % 6 + 2}-15", *extra)))
    projects.append(("loose", project("LOOSE", "2026-09-01", "2026-09-30", "health: red", program=None)))
    projects.append(("undated", project("UNDATED")))
    projects.append(("amber", project("AMBER", "2026-02-01", "2026-02-28", "health: amber")))
    return registry(*projects)


def test_lane_beyond_the_limit_collapses_to_one_summary_bar() -> None:
    reg = _big_registry(3)  # P0..P2 and AMBER: 4 dated projects in PRG-A
    prg = reg.get("PRG-A")
    assert prg is not None
    rm = layout([(prg.title, prg, prg.projects)], FAR, lane_limit=3)
    (lane,) = rm.lanes
    assert lane.collapsed
    (bar,) = lane.bars
    assert bar.summary and bar.entity is prg and bar.count == 4
    assert (bar.start, bar.end) == (D(2026, 1, 1), D(2026, 4, 15))
    assert bar.health == "amber"  # the program's health: worst of its projects
    assert bar.label == "Alpha (4 projects)"
    assert (rm.start, rm.end, rm.unit) == (D(2026, 1, 1), D(2026, 5, 1), "month")
    # 2026-01-01 .. 2026-05-01 is 120 days: x(Apr 16) = 190 + 554 * 105 / 120 = 674.75
    assert ends(bar) == (190.0, 674.75)
    assert bar.progress_width == round(484.75 / 4, 2)  # one of four completed
    assert [p.id for p in rm.unscheduled] == ["UNDATED"]
    assert rm.arrows == []


def test_lane_at_the_limit_and_standalone_lanes_do_not_collapse() -> None:
    reg = _big_registry(3)
    prg = reg.get("PRG-A")
    assert prg is not None
    at_limit = layout([(prg.title, prg, prg.projects)], FAR, lane_limit=4)
    assert not at_limit.lanes[0].collapsed and len(at_limit.bars) == 4
    standalone = [p for p in reg.of_kind("project") if p.program is None] + list(prg.projects)
    rm = layout([("Standalone projects", None, standalone)], FAR, lane_limit=1)
    assert not rm.lanes[0].collapsed and len(rm.bars) == 5


def test_lanes_keep_their_order_and_skip_lanes_with_nothing_dated() -> None:
    reg = registry(
        ("a1", project("A1", "2026-04-01", "2026-04-30")),
        ("b1", project("B1", "2026-05-01", "2026-05-31", program="PRG-B")),
        ("b2", project("B2", None, None, program="PRG-B")),
        ("c1", project("C1", None, None, program="PRG-C")),
        programs={
            "programs/a.md": program("PRG-A", "Alpha"),
            "programs/b.md": program("PRG-B", "Beta"),
            "programs/c.md": program("PRG-C", "Gamma"),
        },
    )
    lanes = [(p.title, p, p.projects) for p in (reg.get("PRG-B"), reg.get("PRG-C"), reg.get("PRG-A")) if p]
    rm = layout(lanes, FAR)
    assert [lane.title for lane in rm.lanes] == ["Beta", "Alpha"]
    assert sorted(p.id for p in rm.unscheduled) == ["B2", "C1"]
    assert rm.lanes[0].y + rm.lanes[0].height < rm.lanes[1].y


# ---------------------------------------------------------------- layout: dependency arrows


def test_finish_to_start_arrows_only() -> None:
    reg = registry(
        ("a", project("A", "2026-04-01", "2026-04-30")),
        ("b", project("B", "2026-05-01", "2026-05-31", "depends_on: [A]")),
        ("c", project("C", "2026-05-01", "2026-05-31", "depends_on: [{id: A, type: start-to-start}]")),
        ("d", project("D", "2026-05-01", "2026-05-31", "depends_on: [{id: A, type: informational}]")),
        ("e", project("E", "2026-05-01", "2026-05-31", "depends_on: [{id: A, type: finish-to-start}]")),
    )
    rm = program_roadmap(reg)
    assert sorted((a.source.id, a.target.id) for a in rm.arrows) == [("B", "A"), ("E", "A")]
    arrow = next(a for a in rm.arrows if a.source.id == "B")
    a, b = bar_of(rm, "A"), bar_of(rm, "B")
    assert not arrow.late  # A ends Apr 30, B starts May 1
    # from the end of A's bar to the start of B's bar
    assert arrow.path.startswith(f"M{a.x + a.width:.1f},{a.mid:.1f} ")
    assert arrow.path.endswith(f"V{b.mid:.1f} H{b.x - 1:.1f}")


def test_arrow_is_late_when_the_dependent_starts_before_the_target_ends() -> None:
    reg = registry(
        ("a", project("A", "2026-04-01", "2026-04-30")),
        ("b", project("B", "2026-04-30", "2026-05-31", "depends_on: [A]")),  # starts on A's last day
        ("c", project("C", "2026-04-10", "2026-05-31", "depends_on: [A]")),
    )
    rm = program_roadmap(reg)
    assert {a.source.id: a.late for a in rm.arrows} == {"B": True, "C": True}


def test_late_arrow_is_detected_on_a_long_roadmap_too() -> None:
    # Over ten years one day is 554 / 3653 = 0.15 units: lateness must come from dates, not from x.
    reg = registry(
        ("long", project("LONG", "2020-01-01", "2029-12-31")),
        ("a", project("A", "2025-01-01", "2025-06-30")),
        ("b", project("B", "2025-06-30", "2025-12-31", "depends_on: [A]")),
        ("c", project("C", "2025-07-01", "2025-12-31", "depends_on: [A]")),
    )
    rm = program_roadmap(reg)
    assert rm.unit == "year"
    assert {a.source.id: a.late for a in rm.arrows} == {"B": True, "C": False}


def test_arrow_from_a_milestone_when_the_dependency_names_it() -> None:
    reg = registry(
        ("a", project("A", "2026-04-01", "2026-06-30", "milestones: [{id: api, title: API ready, date: 2026-04-30}]")),
        ("b", project("B", "2026-05-01", "2026-05-31", "depends_on: ['A#api']")),
        ("c", project("C", "2026-04-15", "2026-05-31", "depends_on: ['A#api']")),
        ("d", project("D", "2026-04-30", "2026-05-31", "depends_on: ['A#api']")),
    )
    rm = program_roadmap(reg)
    assert {a.source.id: (a.target.key if isinstance(a.target, Nested) else None, a.late) for a in rm.arrows} == {
        "B": ("A#api", False),
        "C": ("A#api", True),
        "D": ("A#api", True),  # starts on the milestone's day
    }
    (marker,) = bar_of(rm, "A").markers
    arrow = next(a for a in rm.arrows if a.source.id == "B")
    assert arrow.path.startswith(f"M{marker.x:.1f},{marker.y:.1f} ")


def test_no_arrow_to_what_is_not_on_the_roadmap() -> None:
    reg = registry(
        ("a", project("A", None, None, "milestones: [{id: api, title: API ready}]")),
        ("other", project("OTHER", "2026-03-01", "2026-03-31", program="PRG-B")),
        ("b", project("B", "2026-05-01", "2026-05-31", "depends_on: [A, 'A#api', OTHER, PRG-B]")),
        programs={"programs/a.md": program("PRG-A", "Alpha"), "programs/b.md": program("PRG-B", "Beta")},
    )
    assert program_roadmap(reg).arrows == []


def test_no_arrows_from_or_to_collapsed_lanes() -> None:
    reg = registry(
        ("a", project("A", "2026-04-01", "2026-04-30")),
        ("a2", project("A2", "2026-04-01", "2026-04-30")),
        ("b", project("B", "2026-05-01", "2026-05-31", "depends_on: [A]", program="PRG-B")),
        programs={"programs/a.md": program("PRG-A", "Alpha"), "programs/b.md": program("PRG-B", "Beta")},
    )
    lanes = [(p.title, p, p.projects) for p in (reg.get("PRG-A"), reg.get("PRG-B")) if p]
    assert len(layout(lanes, FAR).arrows) == 1
    rm = layout(lanes, FAR, lane_limit=1)
    assert [lane.collapsed for lane in rm.lanes] == [True, False]
    assert rm.arrows == []


# ---------------------------------------------------------------- built sites


def svgs(html: str) -> list[ET.Element]:
    """Every roadmap SVG of a page, parsed as XML (so it must be well-formed)."""
    return [ET.fromstring(text) for text in re.findall(r'<svg class="pgm-rm .*?</svg>', html, re.DOTALL)]


def the_svg(html: str) -> ET.Element:
    (svg,) = svgs(html)
    return svg


def svg_text(html: str) -> str:
    (text,) = re.findall(r'<svg class="pgm-rm .*?</svg>', html, re.DOTALL)
    return text


def classes(element: ET.Element) -> list[str]:
    return element.get("class", "").split()


def find(svg: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in svg.iter(SVG + tag) if cls in classes(e)]


def rows(svg: ET.Element) -> dict[str, ET.Element]:
    found = find(svg, "g", "pgm-rm-row")
    ids = [row.get("data-pgm-id") for row in found]
    assert len(ids) == len(set(ids)), ids
    return {row.get("data-pgm-id", ""): row for row in found}


def bar_href(row: ET.Element) -> str:
    (link,) = find(row, "a", "pgm-rm-link")
    assert find(link, "rect", "pgm-rm-bar")
    return link.get("href", "")


def figure(html: str) -> str:
    (text,) = re.findall(r'<figure class="pgm pgm-roadmap".*?</figure>', html, re.DOTALL)
    return text


def table_rows(html: str) -> int:
    (details,) = re.findall(r'<details class="pgm-rm-data">.*?</details>', figure(html), re.DOTALL)
    return len(re.findall(r"<tr><td>", details))


TODAY = {"plugins": ["search", {"pgm": {"today": "2026-05-01"}}]}

SITE = {
    "index.md": "# Home\n",
    "programs/alpha.md": program("PRG-A", "Alpha"),
    "projects/one.md": project(
        "P1", "2026-04-01", "2026-06-30", "health: amber", "progress: 50",
        "baseline: {start: 2026-04-01, end: 2026-05-31}",
        "milestones:",
        "  - {id: kickoff, title: Kick-off, date: 2026-04-10, status: done}",
        "  - {id: design, title: Design, date: 2026-04-20}",
        "  - {id: beta, title: Beta, date: 2026-04-25, status: missed}",
        "  - {id: launch, title: Launch, date: 2026-06-15}",
        title="One",
    ),
    "projects/two.md": project("P2", "2026-Q2", "2026-Q2", "baseline: {start: 2026-04-01, end: 2026-06-30}",
                               "depends_on: ['P1#kickoff']", title="Two"),
    "projects/three.md": project("P3", "2026-05", "2026-06", "health: red", "depends_on: [P1]", title="Three"),
    "projects/later.md": project("P4", None, None, title="Later"),
}


@pytest.fixture
def alpha(build_site: Any, tmp_path: Any) -> Any:
    site = build_site(tmp_path, SITE, TODAY, strict=True)
    assert site.warnings == []
    return site


def test_program_page_has_a_roadmap_with_one_linked_bar_per_dated_project(alpha: Any) -> None:
    html = alpha.html("programs/alpha.md")
    assert '<h2 id="pgm-roadmap">Roadmap</h2>' in html
    svg = the_svg(html)
    found = rows(svg)
    assert {ident: bar_href(row) for ident, row in found.items()} == {
        "P1": "../../projects/one/",
        "P2": "../../projects/two/",
        "P3": "../../projects/three/",
    }
    assert len(find(svg, "rect", "pgm-rm-bar")) == 3
    # the label links too, and says the health in text (not by colour alone)
    (label,) = find(found["P3"], "a", "pgm-rm-name")
    assert label.get("href") == "../../projects/three/"
    assert "".join(label.itertext()).endswith("■ Three")
    assert find(found["P3"], "rect", "pgm-rm-pattern")  # and by a pattern
    assert not find(found["P2"], "rect", "pgm-rm-pattern")
    # progress as a fill: half of P1's bar
    (bar,) = find(found["P1"], "rect", "pgm-rm-bar")
    (progress,) = find(found["P1"], "rect", "pgm-rm-progress")
    assert (bar.get("x"), bar.get("width"), progress.get("width")) == ("190.0", "554.0", "277.0")
    # quarter and month dates: P2 is the whole of Q2, P3 runs May 1 .. Jun 30
    (bar2,) = find(found["P2"], "rect", "pgm-rm-bar")
    (bar3,) = find(found["P3"], "rect", "pgm-rm-bar")
    assert (bar2.get("x"), bar2.get("width")) == ("190.0", "554.0")
    assert (bar3.get("x"), bar3.get("width")) == ("372.64", "371.36")
    assert svg.get("class") == "pgm-rm pgm-rm--month"


def test_svg_has_an_accessible_name_and_tooltips(alpha: Any) -> None:
    svg = the_svg(alpha.html("programs/alpha.md"))
    title_id = svg.get("aria-labelledby")
    (title,) = [t for t in svg.findall(SVG + "title") if t.get("id") == title_id]
    assert title.text == "Roadmap of Alpha"
    (link,) = find(rows(svg)["P1"], "a", "pgm-rm-link")
    tip = link.find(SVG + "title")
    assert tip is not None
    # Three (finish-to-start on One) is pushed to start 07-01 and ends last: One drives it.
    assert tip.text == ("One (P1) · 2026-04-01 → 2026-06-30 · on the critical path · float 0 days · owner Olu Ade · planned"
                        " · health amber · 50% done · baseline end 2026-05-31")
    for marker in find(svg, "a", "pgm-rm-milestone"):
        assert marker.find(SVG + "title") is not None and marker.get("href")


def test_today_line_at_the_configured_date(alpha: Any) -> None:
    svg = the_svg(alpha.html("programs/alpha.md"))
    (today,) = find(svg, "g", "pgm-rm-today")
    line = today.find(SVG + "line")
    assert line is not None and line.get("x1") == line.get("x2") == "372.64"  # x(2026-05-01)
    assert "".join(today.itertext()) == "Today 2026-05-01"


def test_today_from_source_date_epoch(build_site: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01T00:00:00Z
    site = build_site(tmp_path, SITE, strict=True)
    (today,) = find(the_svg(site.html("programs/alpha.md")), "g", "pgm-rm-today")
    line = today.find(SVG + "line")
    assert line is not None and line.get("x1") == "561.36"  # x(2026-06-01)
    assert "".join(today.itertext()) == "Today 2026-06-01"


def test_config_today_wins_over_source_date_epoch(build_site: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")
    site = build_site(tmp_path, SITE, TODAY, strict=True)
    (today,) = find(the_svg(site.html("programs/alpha.md")), "g", "pgm-rm-today")
    assert "".join(today.itertext()) == "Today 2026-05-01"


def test_milestone_markers_by_status(alpha: Any) -> None:
    row = rows(the_svg(alpha.html("programs/alpha.md")))["P1"]
    markers = {a.get("href"): classes(a)[1:] for a in find(row, "a", "pgm-rm-milestone")}
    assert markers == {
        "../../projects/one/#milestone-kickoff": ["pgm-rm-milestone--done"],
        "../../projects/one/#milestone-design": ["pgm-rm-milestone--planned", "pgm-rm-milestone--overdue"],
        "../../projects/one/#milestone-beta": ["pgm-rm-milestone--missed"],
        "../../projects/one/#milestone-launch": ["pgm-rm-milestone--planned"],
    }
    (missed,) = find(row, "a", "pgm-rm-milestone--missed")
    assert find(missed, "path", "pgm-rm-cross")  # told apart by shape, not only colour
    (overdue,) = find(row, "a", "pgm-rm-milestone--overdue")
    tip = overdue.find(SVG + "title")
    assert tip is not None and tip.text == "Design · 2026-04-20 · planned (overdue) · One · owner Olu Ade"


def test_baseline_ghost_only_for_the_slipped_project(alpha: Any) -> None:
    svg = the_svg(alpha.html("programs/alpha.md"))
    ghosts = {ident: find(row, "rect", "pgm-rm-baseline") for ident, row in rows(svg).items()}
    assert {ident: len(g) for ident, g in ghosts.items()} == {"P1": 1, "P2": 0, "P3": 0}
    (ghost,) = ghosts["P1"]
    assert (ghost.get("x"), ghost.get("width")) == ("190.0", "371.36")  # Apr 1 .. May 31


def test_dependency_arrows(alpha: Any) -> None:
    svg = the_svg(alpha.html("programs/alpha.md"))
    arrows = find(svg, "path", "pgm-rm-arrow")
    tips = sorted((classes(a)[1:], a.findtext(SVG + "title")) for a in arrows)
    assert tips == [
        (["pgm-rm-arrow--late"], "Three starts after One finishes, but the plan has it start earlier"),
        (["pgm-rm-arrow--late"], "Two starts after Kick-off (One) finishes, but the plan has it start earlier"),
    ]


def test_unscheduled_projects_are_listed_under_the_chart(alpha: Any) -> None:
    html = figure(alpha.html("programs/alpha.md"))
    (para,) = re.findall(r'<p class="pgm-rm-unscheduled">.*?</p>', html, re.DOTALL)
    assert "Unscheduled" in para
    assert 'href="../../projects/later/"' in para and ">Later</a>" in para
    assert 'data-pgm-id="P4"' not in html


def test_data_table_has_one_row_per_bar(alpha: Any) -> None:
    html = alpha.html("programs/alpha.md")
    assert table_rows(html) == len(rows(the_svg(html))) == 3
    details = re.search(r'<details class="pgm-rm-data">.*?</details>', html, re.DOTALL)
    assert details is not None and "<details class=\"pgm-rm-data\" open" not in html
    assert ">2026-05-31<" in details.group(0)  # P1's baseline end


def test_titles_are_escaped_in_the_svg(build_site: Any, tmp_path: Any) -> None:
    files = dict(SITE)
    files["projects/one.md"] = project(
        "P1", "2026-04-01", "2026-06-30", "title: '<b>\"Q&A\" ''x''</b>'",
        "milestones: [{id: kickoff, title: '<i>M&M</i>', date: 2026-05-10}]",
    )
    files["programs/alpha.md"] = program("PRG-A", "Alpha", "title: 'A <&> \"B\"'")
    site = build_site(tmp_path, files, TODAY)
    assert site.warnings == []
    html = site.html("programs/alpha.md")
    text = svg_text(html)
    assert "<b>" not in text and "<i>" not in text
    assert "&lt;b&gt;&#34;Q&amp;A&#34; &#39;x&#39;&lt;/b&gt;" in text
    assert "&lt;i&gt;M&amp;M&lt;/i&gt;" in text
    assert "Roadmap of A &lt;&amp;&gt; &#34;B&#34;" in text
    svg = the_svg(html)  # well-formed XML
    (label,) = find(rows(svg)["P1"], "text", "pgm-rm-label")
    assert "".join(label.itertext()) == "● <b>\"Q&A\" 'x'</b>"
    assert "<b>" not in figure(html)


def test_generated_portfolio_roadmap_has_every_program_lane(build_site: Any, tmp_path: Any) -> None:
    files = {
        "index.md": "# Home\n",
        "programs/zeta.md": program("PRG-Z", "Zeta"),
        "programs/alpha.md": program("PRG-A", "alpha"),
        "programs/beta.md": program("PRG-B", "Beta"),
        "projects/z1.md": project("Z1", "2026-04-01", "2026-04-30", program="PRG-Z"),
        "projects/a1.md": project("A1", "2026-04-01", "2026-05-31", program="PRG-A"),
        "projects/a2.md": project("A2", "2026-05-01", "2026-06-30", program="PRG-A"),
        "projects/b1.md": project("B1", "2026-06-01", "2026-06-30", program="PRG-B", title="B one"),
        "projects/solo.md": project("SOLO", "2026-05-01", "2026-05-31", program=None),
        "projects/solo2.md": project("SOLO2", program=None),
    }
    site = build_site(tmp_path, files, TODAY, strict=True)
    assert site.warnings == []
    html = site.html("governance/roadmap.md")
    assert "<h1" in html and "Portfolio roadmap" in html
    svg = the_svg(html)
    lanes = find(svg, "g", "pgm-rm-lane")
    # sorted by title (case-insensitively), then the standalone projects; each head says its health in text
    heads = [" ".join("".join(t.itertext()).split()) for t in find(svg, "text", "pgm-rm-lane-title")]
    assert heads == ["alpha ●", "Beta ●", "Zeta ●", "Standalone projects"]
    lane_links = [a.get("href") for a in svg.iter(SVG + "a") if find(a, "text", "pgm-rm-lane-title")]
    assert lane_links == ["../../programs/alpha/", "../../programs/beta/", "../../programs/zeta/"]
    lane_rows = [[row.get("data-pgm-id") for row in find(lane, "g", "pgm-rm-row")] for lane in lanes]
    assert lane_rows == [["A1", "A2"], ["B1"], ["Z1"], ["SOLO"]]
    assert bar_href(rows(svg)["SOLO"]) == "../../projects/solo/"
    assert 'href="../../projects/solo2/"' in re.search(r'<p class="pgm-rm-unscheduled">.*?</p>', html, re.DOTALL).group(0)  # type: ignore[union-attr]
    assert table_rows(html) == 5
    assert "alpha › " in unescape(figure(html))  # the table names the lane of each project
    assert site.html("index.md").count("pgm-rm") == 0


def test_portfolio_page_has_a_roadmap_of_its_programs(build_site: Any, tmp_path: Any) -> None:
    files = {
        "portfolio.md": page("type: portfolio", "id: GROUP", body="# Group\n"),
        "programs/alpha.md": program("PRG-A", "Alpha", "portfolio: GROUP"),
        "programs/beta.md": program("PRG-B", "Beta", "portfolio: GROUP"),
        "projects/a1.md": project("A1", "2026-04-01", "2026-04-30"),
        "projects/b1.md": project("B1", "2026-05-01", "2026-05-31", program="PRG-B"),
        "projects/solo.md": project("SOLO", "2026-05-01", "2026-05-31", program=None),
    }
    site = build_site(tmp_path, files, TODAY, strict=True)
    html = site.html("portfolio.md")
    assert '<h2 id="pgm-roadmap">Roadmap</h2>' in html
    svg = the_svg(html)
    assert {i: bar_href(r) for i, r in rows(svg).items()} == {"A1": "../projects/a1/", "B1": "../projects/b1/"}
    assert [" ".join("".join(t.itertext()).split()) for t in find(svg, "text", "pgm-rm-lane-title")] == ["Alpha ●", "Beta ●"]


def _portfolio(programs: int, per_program: int) -> dict[str, str]:
    files = {"index.md": "# Home\n", "portfolio.md": page("type: portfolio", "id: GROUP", body="# Group\n")}
    for p in range(1, programs + 1):
        pid = f"PRG-{p:02d}"
        files[f"programs/p{p:02d}.md"] = program(pid, f"Program {p:02d}", "portfolio: GROUP")
        for n in range(1, per_program + 1):
            month = (p + n) % 12 + 1
            extra = ["status: completed", "progress: 100"] if n <= 5 else [f"progress: {n * 3}"]
            if n == 7:
                extra.append("health: amber")
            if p == 3 and n == 25:
                extra.append("health: red")
            deps = [f"depends_on: [P{p:02d}-{n - 1:02d}]"] if n > 1 else []
            files[f"projects/p{p:02d}/n{n:02d}.md"] = project(
                f"P{p:02d}-{n:02d}", f"2026-{month:02d}-01", f"2027-{month:02d}-15", *extra, *deps, program=pid,
                title=f"Project {p:02d}.{n:02d}",
            )
    return files


@pytest.mark.slow
def test_portfolio_of_300_projects_collapses_lanes(build_site: Any, tmp_path: Any) -> None:
    files = _portfolio(12, 25)
    started = time.perf_counter()
    site = build_site(tmp_path, files, TODAY, strict=True)
    elapsed = time.perf_counter() - started
    assert site.warnings == []
    assert elapsed < 60, f"building 300 projects took {elapsed:.1f}s"

    html = site.html("governance/roadmap.md")
    svg = the_svg(html)
    lanes = find(svg, "g", "pgm-rm-lane")
    assert len(lanes) == 12 and all("pgm-rm-lane--collapsed" in classes(lane) for lane in lanes)
    summary = rows(svg)
    assert list(summary) == [f"PRG-{p:02d}" for p in range(1, 13)]
    assert {i: bar_href(r) for i, r in summary.items()} == {
        f"PRG-{p:02d}": f"../../programs/p{p:02d}/#pgm-roadmap" for p in range(1, 13)
    }
    (label,) = find(summary["PRG-01"], "text", "pgm-rm-label")
    assert "".join(label.itertext()).endswith("Program 01 (25 projects)")
    (tip,) = [a.findtext(SVG + "title") for a in find(summary["PRG-03"], "a", "pgm-rm-link")]
    assert tip is not None and "25 projects" in tip and "health red" in tip
    assert find(summary["PRG-03"], "rect", "pgm-rm-bar--red") and find(summary["PRG-01"], "rect", "pgm-rm-bar--amber")
    # progress of a summary bar: 5 of 25 projects completed
    (bar,) = find(summary["PRG-01"], "rect", "pgm-rm-bar")
    (progress,) = find(summary["PRG-01"], "rect", "pgm-rm-progress")
    assert float(progress.get("width", 0)) == pytest.approx(float(bar.get("width", 0)) / 5, abs=0.01)
    assert find(svg, "path", "pgm-rm-arrow") == []
    assert table_rows(html) == 12
    assert float(svg.get("viewBox", "").split()[3]) < 800  # readable: 12 lanes of one row, not 300 rows (26 units each)

    # the portfolio page: same collapsed lanes
    assert len(rows(the_svg(site.html("portfolio.md")))) == 12
    # each program page: every project, never collapsed
    program_svg = the_svg(site.html("programs/p01.md"))
    assert len(rows(program_svg)) == 25 and not find(program_svg, "g", "pgm-rm-lane--collapsed")
    assert len(find(program_svg, "path", "pgm-rm-arrow")) == 24
    assert '<h2 id="pgm-roadmap">Roadmap</h2>' in site.html("programs/p01.md")


def test_roadmap_lane_limit_is_configurable(build_site: Any, tmp_path: Any) -> None:
    files = _portfolio(2, 4)
    site = build_site(tmp_path, files, {"plugins": ["search", {"pgm": {"today": "2026-05-01", "roadmap_lane_limit": 3}}]})
    assert site.warnings == []
    assert list(rows(the_svg(site.html("governance/roadmap.md")))) == ["PRG-01", "PRG-02"]
    site = build_site(tmp_path / "b", files, {"plugins": ["search", {"pgm": {"today": "2026-05-01", "roadmap_lane_limit": 4}}]})
    assert len(rows(the_svg(site.html("governance/roadmap.md")))) == 8


FILTER_SITE = {
    "programs/alpha.md": program("PRG-A", "Alpha"),
    "programs/beta.md": program("PRG-B", "Beta"),
    "projects/a1.md": project("A1", "2026-04-01", "2026-04-30", "status: active", "tags: [cloud]"),
    "projects/a2.md": project("A2", "2026-05-01", "2026-05-31", "status: planned", "health: red"),
    "projects/a3.md": project("A3", "2026-06-01", "2026-06-30", "status: completed", "tags: [Cloud, data]"),
    "projects/b1.md": project("B1", "2026-04-01", "2026-06-30", "status: active", "health: amber", program="PRG-B"),
    "projects/b2.md": project("B2", "2026-05-01", "2026-06-30", "status: on-hold", "tags: [data]", program="PRG-B"),
    "projects/solo.md": project("SOLO", "2026-04-15", "2026-05-15", "status: active", "tags: [cloud]", program=None),
}


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        ("<!-- pgm:roadmap -->", ["A1", "A2", "A3", "B1", "B2", "SOLO"]),
        ("<!-- pgm:roadmap program=PRG-A -->", ["A1", "A2", "A3"]),
        ("<!-- pgm:roadmap program=prg-b,PRG-A -->", ["B1", "B2", "A1", "A2", "A3"]),
        ("<!-- pgm:roadmap status=active -->", ["A1", "B1", "SOLO"]),
        ("<!-- pgm:roadmap status=Active,on-hold -->", ["A1", "B1", "B2", "SOLO"]),
        ("<!-- pgm:roadmap program=PRG-A status=active,planned -->", ["A1", "A2"]),
        ("<!-- pgm:roadmap tag=cloud -->", ["A1", "A3", "SOLO"]),
        ("<!-- pgm:roadmap tag=data program=PRG-B -->", ["B2"]),
        ("<!-- pgm:roadmap health=red,amber -->", ["A2", "B1"]),
        ('<!-- pgm:roadmap status="active, planned" tag=cloud -->', ["A1", "SOLO"]),
    ],
)
def test_directive_filters(build_site: Any, tmp_path: Any, directive: str, expected: list[str]) -> None:
    files = dict(FILTER_SITE)
    files["index.md"] = f"# Home\n\nBefore.\n\n{directive}\n\nAfter.\n"
    site = build_site(tmp_path, files, TODAY, strict=True)
    assert site.warnings == []
    html = site.html("index.md")
    svg = the_svg(html)
    assert list(rows(svg)) == expected
    assert {i: bar_href(r) for i, r in rows(svg).items()} == {i: f"projects/{i.lower()}/" for i in expected}
    assert table_rows(html) == len(expected)
    assert "pgm:roadmap" not in html
    assert html.index("Before.") < html.index("pgm-rm") < html.index("After.")


def test_directive_program_title_and_several_on_one_page(build_site: Any, tmp_path: Any) -> None:
    files = dict(FILTER_SITE)
    files["notes/index.md"] = "# Notes\n\n<!-- pgm:roadmap program=PRG-A -->\n\n## B\n\n<!-- pgm:roadmap program=PRG-B -->\n"
    site = build_site(tmp_path, files, TODAY, strict=True)
    html = site.html("notes/index.md")
    first, second = svgs(html)
    assert [t.text for t in first.findall(SVG + "title")] == ["Roadmap of Alpha"]
    assert [t.text for t in second.findall(SVG + "title")] == ["Roadmap of Beta"]
    assert list(rows(first)) == ["A1", "A2", "A3"] and list(rows(second)) == ["B1", "B2"]
    assert bar_href(rows(first)["A1"]) == "../projects/a1/"
    ids = re.findall(r'<figure class="pgm pgm-roadmap" id="([^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2
    # one lane only: no lane heading, the program's name is in the SVG title
    assert find(first, "text", "pgm-rm-lane-title") == []


def test_directive_with_nothing_matching(build_site: Any, tmp_path: Any) -> None:
    files = dict(FILTER_SITE)
    files["index.md"] = "# Home\n\n<!-- pgm:roadmap tag=nothing -->\n"
    site = build_site(tmp_path, files, TODAY, strict=True)
    html = site.html("index.md")
    assert svgs(html) == []
    assert "No project here has both a start and an end date yet." in figure(html)


def test_directive_in_code_is_left_alone(build_site: Any, tmp_path: Any) -> None:
    files = dict(FILTER_SITE)
    files["index.md"] = "# Home\n\n```\n<!-- pgm:roadmap progam=x -->\n```\n\nInline `<!-- pgm:roadmap -->` too.\n"
    site = build_site(tmp_path, files, TODAY, strict=True)
    html = site.html("index.md")
    assert svgs(html) == [] and "&lt;!-- pgm:roadmap progam=x --&gt;" in html


def test_bad_directive_arguments_are_reported(build_site: Any, tmp_path: Any) -> None:
    files = dict(FILTER_SITE)
    files["index.md"] = (
        "# Home\n"                                                       # 1
        "\n"                                                             # 2
        "<!-- pgm:roadmap progam=PRG-A -->\n"                            # 3
        "<!-- pgm:roadmap program=PRG-AA,A1 status=actve health=purple -->\n"  # 4
        "<!-- pgm:roadmapp -->\n"                                        # 5
        "<!-- pgm:roadmap PRG-A -->\n"                                   # 6
    )
    site = build_site(tmp_path, files, TODAY)
    assert site.warnings == [
        ("mkdocs_pgm: docs/index.md:3: <!-- pgm:roadmap --> progam: unknown argument 'progam' (did you mean 'program'?);"
         " expected health, program, status, tag"),
        "mkdocs_pgm: docs/index.md:4: <!-- pgm:roadmap --> health: expected one of amber, green, red, found 'purple'",
        "mkdocs_pgm: docs/index.md:4: <!-- pgm:roadmap --> program: 'A1' is not the id of a program",
        ("mkdocs_pgm: docs/index.md:4: <!-- pgm:roadmap --> program: 'PRG-AA' is not the id of a program"
         " (did you mean 'PRG-A'?)"),
        ("mkdocs_pgm: docs/index.md:4: <!-- pgm:roadmap --> status: expected one of active, cancelled, completed,"
         " on-hold, planned, proposed, found 'actve' (did you mean 'active'?)"),
        ("mkdocs_pgm: docs/index.md:5: <!-- pgm:roadmapp -->: unknown directive 'roadmapp' (did you mean 'roadmap'?);"
         " expected one of benefits, card, catalog, changes, changes-since, config-reference, dashboard, decision-log, dependencies,"
         " directive-reference, impact, lessons, overview, raid, resources, roadmap, schema-reference, sections, steering"),
        "mkdocs_pgm: docs/index.md:6: <!-- pgm:roadmap -->: expected key=value arguments, found 'PRG-A'",
    ]


def test_mkdocs_theme_builds_the_roadmap(build_site: Any, tmp_path: Any) -> None:
    site = build_site(tmp_path, SITE, TODAY, theme="mkdocs", strict=True)
    assert site.warnings == []
    html = site.html("programs/alpha.md")
    assert set(rows(the_svg(html))) == {"P1", "P2", "P3"}
    assert "pgm/pgm.css" in html
    assert len(rows(the_svg(site.html("governance/roadmap.md")))) == 3


def test_no_directory_urls(build_site: Any, tmp_path: Any) -> None:
    site = build_site(tmp_path, SITE, {**TODAY, "use_directory_urls": False}, strict=True)
    assert bar_href(rows(the_svg(site.html("programs/alpha.md")))["P1"]) == "../projects/one.html"
    summary = rows(the_svg(site.html("governance/roadmap.md")))
    assert bar_href(summary["P1"]) == "../projects/one.html"


def test_own_governance_roadmap_page_wins(build_site: Any, tmp_path: Any) -> None:
    files = dict(SITE)
    files["governance/roadmap.md"] = "# Our roadmap\n\nHand-written.\n"
    site = build_site(tmp_path, files, TODAY, strict=True)
    html = site.html("governance/roadmap.md")
    assert "Hand-written." in html and svgs(html) == []
    assert any("governance/roadmap.md exists in the docs" in line for line in site.logs)


@pytest.mark.parametrize(
    ("line", "rendered"),
    [
        ("<!--pgm:roadmap program=PRG-A-->", True),
        ("<!--  pgm:roadmap program=PRG-A -->", True),  # accepted (and checked) by the registry: must render
        ("<!-- pgm:roadmap-x -->", False),  # reported as an unknown directive: must not render a roadmap
    ],
)
def test_directive_spelling_renders_as_the_check_reads_it(build_site: Any, tmp_path: Any, line: str, rendered: bool) -> None:
    files = dict(FILTER_SITE)
    files["index.md"] = f"# Home\n\n{line}\n"
    site = build_site(tmp_path, files, TODAY)
    html = site.html("index.md")
    unknown = [w for w in site.warnings if "unknown directive" in w]
    assert bool(unknown) is not rendered
    assert len(svgs(html)) == (1 if rendered else 0)
    if rendered:
        assert list(rows(the_svg(html))) == ["A1", "A2", "A3"]
