"""Schedule analysis: conflicts, slip, critical path, blast radius, ``analyze``.

Every expected value is computed by hand in the comments next to it. Pages are
built in memory with :func:`helpers.registry_of`; a page ``x.md`` has id ``X``.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from mkdocs_pgm.core.analysis.schedule import (
    Analysis,
    Conflict,
    Impact,
    analyze,
    blast_radius,
    critical_path,
    schedule_conflicts,
    slip_days,
)
from mkdocs_pgm.core.model.registry import Entity, Nested, Registry

from helpers import messages, page, registry_of


def project(
    start: str | None = None,
    end: str | None = None,
    *,
    deps: tuple[str, ...] = (),
    milestones: tuple[str, ...] = (),
    baseline: str | None = None,
    program: str | None = None,
) -> str:
    """A project page. ``deps`` are flow-style items: ``"A"`` or ``"{id: A, type: start-to-start}"``;
    ``milestones`` are ``"ID DATE"`` (title = id)."""
    front = ["type: project", "owner: X"]
    if program:
        front.append(f"program: {program}")
    if start:
        front.append(f"start: {start}")
    if end:
        front.append(f"end: {end}")
    if baseline:
        front.append(f"baseline: {{end: {baseline}}}")
    if deps:
        front.append("depends_on: [" + ", ".join(deps) + "]")
    if milestones:
        items = []
        for text in milestones:
            ident, _, date = text.partition(" ")
            items.append(f"{{id: {ident}, title: {ident}" + (f", date: {date}" if date else "") + "}")
        front.append("milestones: [" + ", ".join(items) + "]")
    return page(*front)


def build(pages: dict[str, str], *codes: str) -> Registry:
    """A registry whose only diagnostics have one of ``codes`` (none by default)."""
    registry = registry_of(pages)
    assert [d for d in messages(registry) if not any(f"{c}" in d for c in codes)] == []
    return registry


def get(registry: Registry, ident: str) -> Entity:
    entity = registry.get(ident)
    assert entity is not None
    return entity


def milestone(registry: Registry, ref: str) -> Nested:
    node = registry.resolve(ref)
    assert isinstance(node, Nested)
    return node


def summary(impacts: list[Impact]) -> list[tuple[str, int, str]]:
    return [(i.node.key, i.days, i.via.id) for i in impacts]


def brief(conflicts: list[Conflict]) -> list[tuple[str, str, str, int]]:
    return [(c.dependent.id, c.target.key, c.kind, c.days) for c in conflicts]


# --------------------------------------------------------------------------- conflicts


def test_finish_to_start_conflict_has_exact_days_and_message() -> None:
    r = build({
        "ecom-storefront.md": project("2026-01-01", "2026-06-14"),
        "ecom-checkout.md": project("2026-05-01", "2026-07-31", deps=("ECOM-STOREFRONT",)),
    })
    [conflict] = schedule_conflicts(r)
    assert conflict.dependent is get(r, "ECOM-CHECKOUT")
    assert conflict.target is get(r, "ECOM-STOREFRONT")
    assert conflict.edge.index == 0
    assert conflict.kind == "finish-to-start"
    # 2026-05-01 -> 2026-06-14 is 44 days; it must start the day after the end: 45.
    assert conflict.days == 45
    assert conflict.message == (
        "ECOM-CHECKOUT starts 2026-05-01, 45 days too early: it must start after ECOM-STOREFRONT ends (2026-06-14); finish-to-start"
    )


@pytest.mark.parametrize("start, days", [("2026-06-15", None), ("2026-07-01", None), ("2026-06-14", 1), ("2026-06-13", 2)])
def test_finish_to_start_boundary(start: str, days: int | None) -> None:
    r = build({"a.md": project("2026-01-01", "2026-06-14"), "b.md": project(start, "2026-12-31", deps=("A",))})
    conflicts = schedule_conflicts(r)
    if days is None:
        assert conflicts == []
    else:
        assert [c.days for c in conflicts] == [days]


def test_one_day_is_singular() -> None:
    r = build({"a.md": project("2026-01-01", "2026-06-14"), "b.md": project("2026-06-14", "2026-12-31", deps=("A",))})
    assert [c.message for c in schedule_conflicts(r)] == [
        "B starts 2026-06-14, 1 day too early: it must start after A ends (2026-06-14); finish-to-start"
    ]


@pytest.mark.parametrize("start, days", [("2026-03-01", 9), ("2026-03-09", 1), ("2026-03-10", None), ("2026-03-11", None)])
def test_start_to_start_conflict(start: str, days: int | None) -> None:
    r = build({
        "a.md": project("2026-03-10", "2026-04-30"),
        "b.md": project(start, "2026-03-20", deps=("{id: A, type: start-to-start}",)),
    })
    conflicts = schedule_conflicts(r)
    if days is None:
        assert conflicts == []
    else:
        [conflict] = conflicts
        assert (conflict.kind, conflict.days) == ("start-to-start", days)
        # The SS rule is about starts: B ends before A ends, which is fine.
        assert conflict.message == (
            f"B starts {start}, {days} day{'s' if days > 1 else ''} too early: it must not start before A starts (2026-03-10); start-to-start"
        )


def test_milestone_target_conflicts() -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-12-31", milestones=("M1 2026-04-30",)),
        "b.md": project("2026-04-20", "2026-05-31", deps=("A#M1",)),
        "c.md": project("2026-04-20", "2026-05-31", deps=("{id: A#M1, type: start-to-start}",)),
        "d.md": project("2026-05-01", "2026-05-31", deps=("A#M1",)),  # the day after: fine
    })
    conflicts = schedule_conflicts(r)
    # FS: 04-20 -> 04-30 is 10 days, + 1 = 11; SS: 10.
    assert brief(conflicts) == [("B", "A#M1", "finish-to-start", 11), ("C", "A#M1", "start-to-start", 10)]
    assert conflicts[0].target is milestone(r, "A#M1")
    assert [c.message for c in conflicts] == [
        "B starts 2026-04-20, 11 days too early: it must start after milestone A#M1 (2026-04-30); finish-to-start",
        "C starts 2026-04-20, 10 days too early: it must not start before milestone A#M1 (2026-04-30); start-to-start",
    ]
    analysis = analyze(r)
    assert analysis.conflicts_of(get(r, "A")) == conflicts  # the milestone's owner
    assert analysis.conflicts_of(milestone(r, "A#M1")) == conflicts
    assert analysis.conflicts_of(get(r, "C")) == [conflicts[1]]
    assert analysis.conflicts_of(get(r, "D")) == []


def test_informational_edges_never_conflict() -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-06-30", deps=("{id: B, type: informational}",)),
        "b.md": project("2026-01-01", "2026-06-30", deps=("{id: A, type: informational}",)),  # a cycle is allowed
        "c.md": project("2026-02-01", "2026-03-31", deps=("{id: A, type: informational, note: FYI}",)),
    })
    assert schedule_conflicts(r) == []


def test_missing_dates_programs_and_decisions_are_skipped() -> None:
    r = build({
        "prog.md": page("type: program", "owner: X", "depends_on: [LATE]"),
        "late.md": project("2026-01-01", "2026-12-31", milestones=("UNDATED",)),
        "no-end.md": project("2026-01-01"),
        "no-start.md": project(None, "2026-01-31", deps=("LATE",)),
        "on-no-end.md": project("2026-01-01", "2026-01-31", deps=("NO-END",)),
        "on-program.md": project("2026-01-01", "2026-01-31", deps=("PROG",)),
        "on-undated-milestone.md": project("2026-01-01", "2026-01-31", deps=("LATE#UNDATED",)),
        "dec.md": page("type: decision", "status: accepted", "date: 2026-01-01", "depends_on: [LATE]"),
        "real.md": project("2026-06-01", "2026-06-30", deps=("LATE",)),  # the only conflict
    })
    # 2026-06-01 -> 2026-12-31 is 213 days, + 1.
    assert brief(schedule_conflicts(r)) == [("REAL", "LATE", "finish-to-start", 214)]


def test_conflicts_are_sorted_by_file_then_edge_index() -> None:
    r = build({
        "z.md": project("2026-01-01", "2026-01-31", deps=("B", "A")),
        "a.md": project("2026-01-01", "2026-01-10"),
        "b.md": project("2026-01-01", "2026-01-20"),
        "m.md": project("2026-01-05", "2026-01-31", deps=("A", "{id: B, type: start-to-start}", "B")),
    })
    assert [(c.dependent.id, c.edge.index, c.days) for c in schedule_conflicts(r)] == [
        ("M", 0, 6),   # 01-05 -> 01-10: 5 + 1
        ("M", 2, 16),  # 01-05 -> 01-20: 15 + 1 (the SS edge at index 1 holds: B starts 01-01)
        ("Z", 0, 20),  # 01-01 -> 01-20: 19 + 1
        ("Z", 1, 10),  # 01-01 -> 01-10: 9 + 1
    ]


# --------------------------------------------------------------------------- slip


def test_slip_days() -> None:
    r = build({
        "late.md": project("2026-01-01", "2026-06-30", baseline="2026-06-15"),
        "ahead.md": project("2026-01-01", "2026-06-10", baseline="2026-06-15"),
        "on-time.md": project("2026-01-01", "2026-06-15", baseline="2026-06-15"),
        "no-baseline.md": project("2026-01-01", "2026-06-15"),
        "no-end.md": project("2026-01-01", baseline="2026-06-15"),
        "baseline-without-end.md": page("type: project", "owner: X", "end: 2026-06-30", "baseline: {start: 2026-01-01, budget: 10}"),
        "quarter.md": page("type: project", "owner: X", "end: 2026-Q3", "baseline: {end: 2026-Q2}"),
    })
    assert {e.id: slip_days(e) for e in r.of_kind("project")} == {
        "AHEAD": -5,
        "BASELINE-WITHOUT-END": None,
        "LATE": 15,
        "NO-BASELINE": None,
        "NO-END": None,
        "ON-TIME": 0,
        "QUARTER": 92,  # 2026-06-30 -> 2026-09-30
    }


# --------------------------------------------------------------------------- critical path


DIAMOND = {
    "a.md": project("2026-01-01", "2026-01-31"),
    "b.md": project("2026-02-01", "2026-02-28", deps=("A",)),
    "c.md": project("2026-02-01", "2026-03-31", deps=("A",)),
    "d.md": project("2026-04-01", "2026-04-30", deps=("B", "C")),
    "e.md": project("2026-01-01", "2026-03-15"),  # unrelated, ends earlier than D
    "undated.md": project("2026-01-01"),
}


def ids(entities: list[Entity]) -> list[str]:
    return [e.id for e in entities]


def test_critical_path_of_a_diamond_follows_the_later_branch() -> None:
    r = build(DIAMOND)
    assert ids(critical_path(r.of_kind("project"))) == ["A", "C", "D"]
    # What lies upstream of the given projects counts too: C still drives D.
    assert ids(critical_path([get(r, i) for i in ("A", "B", "D")])) == ["A", "C", "D"]
    assert ids(critical_path([get(r, i) for i in ("B", "D")])) == ["A", "C", "D"]
    assert ids(critical_path([get(r, "UNDATED")])) == []
    assert critical_path([]) == []


def test_critical_path_through_start_to_start_and_milestone_predecessors() -> None:
    r = build({
        "x.md": project("2026-01-01", "2026-06-30", milestones=("M1 2026-03-31",)),
        "w.md": project("2026-01-01", "2026-03-15"),
        "y.md": project("2026-04-01", "2026-05-31", deps=("X#M1",)),
        # SS on Y: constraint Y.start 04-01 beats W.end 03-15.
        "z.md": project("2026-05-01", "2026-08-31", deps=("{id: Y, type: start-to-start}", "W")),
    })
    # Z starts on its own date 05-01, after both constraints (Y starts 04-01, W ends 03-15):
    # nothing holds it back, so the chain is Z alone (Y and X have a month of float).
    assert ids(critical_path(r.of_kind("project"))) == ["Z"]


def test_critical_path_ignores_informational_and_undated_predecessors() -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-05-31"),
        "b.md": project("2026-01-01", "2026-02-28"),
        "n.md": project("2026-01-01"),
        "c.md": project("2026-06-01", "2026-09-30", deps=("{id: A, type: informational}", "B", "N")),
    })
    # B ends 02-28, C starts 06-01: three months of float; A is informational, N undated.
    assert ids(critical_path(r.of_kind("project"))) == ["C"]


def test_critical_path_ties_take_the_smallest_id() -> None:
    r = build({
        # R2 and Q2 end together: Q2 drives although listed second.
        "r2.md": project("2026-01-01", "2026-03-31"),
        "q2.md": project("2026-02-01", "2026-03-31"),
        "a/k.md": project("2026-04-01", "2026-12-31", deps=("R2", "Q2")),  # listed before J
        "b/j.md": project("2026-06-01", "2026-12-31"),  # ends with K: J starts the walk
    })
    assert ids(critical_path(r.of_kind("project"))) == ["J"]
    assert ids(critical_path([get(r, i) for i in ("R2", "Q2", "K")])) == ["Q2", "K"]


def test_critical_path_stops_at_a_cycle() -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-06-30", deps=("B",)),
        "b.md": project("2026-01-01", "2026-05-31", deps=("A",)),
    }, "dependency cycle")
    assert len(r.diagnostics) == 1
    # The walk from a.md meets B (depends on A) first; "A depends on B" closes the cycle and
    # is left out. B is pushed to start after A (07-01): B ends last, A drives it.
    assert ids(critical_path(r.of_kind("project"))) == ["A", "B"]


# --------------------------------------------------------------------------- blast radius


# Slip 20 (end 03-31, baseline 03-11): A's end moves to 04-20.
NET = {
    "a.md": project("2026-01-01", "2026-03-31", baseline="2026-03-11", milestones=("MA 2026-03-01",)),
    "b.md": project("2026-04-05", "2026-05-31", deps=("A",), milestones=("M 2026-05-15", "LATER")),
    "c.md": project("2026-06-10", "2026-07-31", deps=("B",)),
    "d.md": project("2026-05-20", "2026-06-10", deps=("B#M",)),
    "e.md": project("2026-03-02", "2026-04-30", deps=("A#MA",)),
    "f.md": project("2026-04-10", "2026-06-15", deps=("{id: B, type: start-to-start}",)),
    "g.md": project("2025-12-01", "2026-02-01", deps=("{id: A, type: start-to-start}",)),
    "h.md": project("2026-06-20", "2026-07-10", deps=("B", "F")),
    "k.md": project("2026-06-12", "2026-06-30", deps=("B", "D")),
    "i.md": project("2026-01-01", "2026-12-31", deps=("{id: A, type: informational}",)),
    "prog.md": page("type: program", "owner: X", "depends_on: [A]"),
}

def test_blast_radius_by_hand() -> None:
    r = build(NET)
    assert summary(blast_radius(get(r, "A"))) == [  # the default slip: 20
        ("B", 16, "A"),    # 04-20 - 04-05 + 1; B moves to 04-21 .. 06-16
        ("B#M", 16, "B"),  # 05-15 -> 05-31 (the undated milestone LATER is not listed)
        ("D", 12, "B"),    # FS on B#M: 05-31 - 05-20 + 1; D moves to 06-01 .. 06-22
        ("F", 11, "B"),    # SS on B: 04-21 - 04-10; F moves to 04-21 .. 06-26
        ("K", 11, "D"),    # via B: 06-16 - 06-12 + 1 = 5; via D: 06-22 - 06-12 + 1 = 11 (the max)
        ("C", 7, "B"),     # 06-16 - 06-10 + 1
        ("H", 7, "F"),     # via B: 06-16 - 06-20 + 1 < 0; via F: 06-26 - 06-20 + 1 = 7
    ]
    # E (on A's milestone), G (start-to-start on A: A's start does not move),
    # I (informational) and the program are not pushed; A's own milestone is not listed.
    assert summary(blast_radius(get(r, "A"), 20)) == summary(blast_radius(get(r, "A")))
    impact = blast_radius(get(r, "A"))[1]
    assert impact.node is milestone(r, "B#M") and impact.via is get(r, "B")


def test_a_gap_absorbs_the_move() -> None:
    r = build(NET)
    a = get(r, "A")
    # B may start 04-01 at the earliest: 4 days of slack.
    assert blast_radius(a, 4) == []
    # 5 days: B moves 1 (to 04-06 .. 06-01); B#M to 05-16 (D starts 05-20), F starts 04-10,
    # C 06-10, H 06-20, K 06-12: every further gap absorbs it.
    assert summary(blast_radius(a, 5)) == [("B", 1, "A"), ("B#M", 1, "B")]


def test_chain_with_gaps() -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-03-31"),
        "b.md": project("2026-04-05", "2026-05-31", deps=("A",)),
        "c.md": project("2026-06-10", "2026-07-31", deps=("B",)),
    })
    a = get(r, "A")
    # 10: A ends 04-10, B +6 (04-10 - 04-05 + 1) ends 06-06, C: 06-06 - 06-10 + 1 < 0.
    assert summary(blast_radius(a, 10)) == [("B", 6, "A")]
    # 20: A ends 04-20, B +16 ends 06-16, C +7 (06-16 - 06-10 + 1).
    assert summary(blast_radius(a, 20)) == [("B", 16, "A"), ("C", 7, "B")]
    # B's own slip pushes only C.
    assert summary(blast_radius(get(r, "B"), 20)) == [("C", 11, "B")]  # 06-20 - 06-10 + 1


def test_a_dependent_already_too_early_moves_to_where_it_must_start() -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-03-31"),
        "b.md": project("2026-03-30", "2026-04-30", deps=("A",)),  # already 2 days too early
    })
    # The forward pass already has B start 04-01 (the day after A ends); A ending 04-05
    # moves it to 04-06: 5 days.
    assert summary(blast_radius(get(r, "A"), 5)) == [("B", 5, "A")]


def test_no_slip_means_no_impacts() -> None:
    r = build(NET)
    assert blast_radius(get(r, "C")) == []  # no baseline
    assert blast_radius(get(r, "A"), 0) == []
    assert blast_radius(get(r, "A"), -3) == []
    ahead = build({"a.md": project("2026-01-01", "2026-03-01", baseline="2026-03-31"), "b.md": project("2026-03-02", "2026-04-01", deps=("A",))})
    assert blast_radius(get(ahead, "A")) == []
    no_end = build({"a.md": project("2026-01-01"), "b.md": project("2026-01-02", "2026-04-01", deps=("A",))})
    assert blast_radius(get(no_end, "A"), 10) == []


def test_blast_radius_survives_cycles() -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-03-31", deps=("B",)),   # closes A -> B -> A
        "b.md": project("2026-04-01", "2026-04-30", deps=("A", "C")),  # and B -> C -> B
        "c.md": project("2026-05-01", "2026-05-31", deps=("B",)),
    }, "dependency cycle")
    # A ends 04-10: B +10 (ends 05-10), C +10 (05-10 - 05-01 + 1). Neither feeds back.
    assert summary(blast_radius(get(r, "A"), 10)) == [("B", 10, "A"), ("C", 10, "B")]


@pytest.mark.parametrize("p_file, q_file", [("p.md", "q.md"), ("x/p.md", "a/q.md")], ids=["p-linked-first", "q-linked-first"])
def test_two_paths_keep_the_larger_push_and_ties_take_the_smallest_via(p_file: str, q_file: str) -> None:
    r = build({
        "a.md": project("2026-01-01", "2026-01-31"),
        p_file: project("2026-02-01", "2026-02-28", deps=("A",)),
        q_file: project("2026-02-01", "2026-02-25", deps=("A",)),
        "z.md": project("2026-03-01", "2026-03-31", deps=("Q", "P")),
        "y.md": project("2026-03-01", "2026-03-31", deps=("Q", "P")),
    })
    # A ends 02-05: P and Q +5 (P ends 03-05, Q 03-02). Y and Z: +5 via P (03-05 - 03-01 + 1), +2 via Q (03-02 - 03-01 + 1): the max.
    assert summary(blast_radius(get(r, "A"), 5)) == [("P", 5, "A"), ("Q", 5, "A"), ("Y", 5, "P"), ("Z", 5, "P")]
    # With Q as long as P, both paths push Z by 5: via the smallest id, whatever the link order.
    r2 = build({
        "a.md": project("2026-01-01", "2026-01-31"),
        p_file: project("2026-02-01", "2026-02-28", deps=("A",)),
        q_file: project("2026-02-01", "2026-02-28", deps=("A",)),
        "z.md": project("2026-03-01", "2026-03-31", deps=("Q", "P")),
    })
    assert summary(blast_radius(get(r2, "A"), 5)) == [("P", 5, "A"), ("Q", 5, "A"), ("Z", 5, "P")]


# --------------------------------------------------------------------------- analyze


def test_analyze_two_programs() -> None:
    r = build({
        "programs/p1/index.md": page("type: program", "owner: X"),
        "programs/p2/index.md": page("type: program", "owner: X"),
        "a1.md": project("2026-01-01", "2026-03-31", baseline="2026-03-21", program="P1"),
        "a2.md": project("2026-04-05", "2026-06-30", deps=("A1",), program="P1"),
        "a3.md": project("2026-01-01", "2026-05-31", program="P1", baseline="2026-06-30"),
        "b1.md": project("2026-07-01", "2026-09-30", deps=("A2",), program="P2"),
        "b2.md": project("2026-02-01", "2026-08-31", deps=("{id: A1, type: informational}",), program="P2"),
        "b3.md": project("2026-03-01", "2026-04-30", deps=("A3",), program="P2"),
        "solo.md": project("2026-01-01", "2026-02-01"),
    })
    analysis = analyze(r)
    assert isinstance(analysis, Analysis)
    assert {scope: ids(chain) for scope, chain in analysis.critical.items()} == {
        "P1": ["A2"],        # A2 ends last in P1; A1 ends 03-31, 4 days before A2 starts: not binding
        "P2": ["A2", "B1"],  # B1's driver A2 is in P1: it is part of P2's chain
        "*": ["A2", "B1"],
    }
    # 03-01 -> 05-31 is 91 days, + 1.
    assert brief(analysis.conflicts) == [("B3", "A3", "finish-to-start", 92)]
    [conflict] = analysis.conflicts
    assert analysis.conflicts_of(get(r, "A3")) == [conflict]
    assert analysis.conflicts_of(get(r, "B3")) == [conflict]
    assert analysis.conflicts_of(get(r, "A1")) == []
    # A1 slipped 10 (03-21 -> 03-31): A2 may start 03-22 -> 04-01, it starts 04-05: the
    # 4-day gap absorbs all of it (pushed 10, moves 0). A3 is ahead of its baseline: not listed.
    assert {e.id: summary(v) for e, v in analysis.impacts.items()} == {"A1": [("A2", 0, "A1")]}
    assert analysis.impacts[get(r, "A1")][0].absorbed == 10
    assert analysis.on_critical_path(get(r, "A2")) is True
    assert analysis.on_critical_path(get(r, "A2"), "P1") is True
    assert analysis.on_critical_path(get(r, "A2"), "P2") is True
    assert analysis.on_critical_path(get(r, "B1"), get(r, "P2")) is True
    assert analysis.on_critical_path(get(r, "A3")) is False
    assert analysis.on_critical_path(get(r, "SOLO")) is False
    assert analysis.on_critical_path(get(r, "A1"), "NOPE") is False


def test_analyze_empty_site() -> None:
    analysis = analyze(build({"index.md": "# Hello\n"}))
    assert (analysis.conflicts, analysis.critical, analysis.impacts) == ([], {"*": []}, {})


# --------------------------------------------------------------------------- scale


N = 10_000
BASE = dt.date(2000, 1, 1)


@pytest.fixture(scope="module")
def chain() -> Registry:
    """P00000 <- P00001 <- ... : each project takes two days and starts the day after the
    previous one ends; P05000 starts a day early (on P04999's end). P00000 slipped 3 days."""
    pages = {}
    for i in range(N):
        start = BASE + dt.timedelta(days=2 * i - (1 if i == 5000 else 0))
        end = BASE + dt.timedelta(days=2 * i + 1)
        front = ["type: project", "owner: X", f"start: {start}", f"end: {end}"]
        if i:
            front.append(f"depends_on: [P{i - 1:05d}]")
        else:
            front.append(f"baseline: {{end: {end - dt.timedelta(days=3)}}}")
        pages[f"p/p{i:05d}.md"] = page(*front)
    registry = registry_of(pages)
    assert messages(registry) == []
    return registry


def test_ten_thousand_project_chain_is_fast(chain: Registry) -> None:
    started = time.perf_counter()
    conflicts = schedule_conflicts(chain)
    path = critical_path(chain.of_kind("project"))
    impacts = blast_radius(get(chain, "P00000"))
    analysis = analyze(chain)
    elapsed = time.perf_counter() - started
    assert brief(conflicts) == [("P05000", "P04999", "finish-to-start", 1)]
    assert ids(path) == [f"P{i:05d}" for i in range(N)]
    # P00000 ends 3 days later: every other project moves 3 (P05000, a day too early,
    # already starts a day later in the forward pass).
    assert len(impacts) == N - 1
    assert summary(impacts[:2]) == [("P00001", 3, "P00000"), ("P00002", 3, "P00001")]
    assert summary(impacts[-1:]) == [("P09999", 3, "P09998")]
    assert sum(i.days for i in impacts) == 3 * (N - 1)
    assert list(analysis.impacts) == [get(chain, "P00000")]
    assert ids(analysis.critical["*"]) == ids(path)
    assert elapsed < 2
