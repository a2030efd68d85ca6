"""The critical-path method, float, near-critical items, what-if impacts and program dates.

Every expected number is computed by hand in the comments (2026, day counts:
Jan 31, Feb 28, Mar 31, Apr 30 days). Pages are built in memory with
:func:`helpers.registry_of` (a page ``x.md`` has id ``X``), sites with ``build_site``.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mkdocs_pgm.cli import main
from mkdocs_pgm.core.analysis.findings import find, settings_from
from mkdocs_pgm.core.analysis.schedule import Analysis, Times, analyze, impact, schedule_conflicts
from mkdocs_pgm.core.model.registry import Entity, Node, Registry

from helpers import page, registry_of


def project(start: str, end: str, *, program: str | None = None, deps: tuple[str, ...] = (), milestones: tuple[str, ...] = (),
            baseline: str | None = None, title: str | None = None) -> str:
    front = ["type: project", "owner: X", f"start: {start}", f"end: {end}"]
    if title:
        front.append(f"title: {json.dumps(title)}")
    if program:
        front.append(f"program: {program}")
    if baseline:
        front.append(f"baseline: {{end: {baseline}}}")
    if deps:
        front.append("depends_on: [" + ", ".join(deps) + "]")
    if milestones:
        front.append("milestones: [" + ", ".join(f"{{id: {m.split()[0]}, title: {m.split()[0]}, date: {m.split()[1]}}}" for m in milestones) + "]")
    return page(*front)


def program(*extra: str) -> str:
    return page("type: program", "owner: X", *extra)


# A (P1) ──FS──> B (P1) ──FS +10──> D (P1)
#  │ └─SS +5──> C (P2) ──C#N FS +13──┘
#  └─A#M FS──> E (P2)
NETWORK = {
    "p1.md": program(),
    "p2.md": program(),
    "a.md": project("2026-01-01", "2026-01-31", program="P1", milestones=("M 2026-01-20",)),  # d = 30, M at +19
    "b.md": project("2026-02-01", "2026-02-28", program="P1", deps=("A",)),  # d = 27
    "c.md": project("2026-01-10", "2026-03-10", program="P2", deps=("{id: A, type: start-to-start, lag_days: 5}",),
                    milestones=("N 2026-03-01",)),  # d = 59, N at +50
    "d.md": project("2026-03-15", "2026-04-30", program="P1", deps=("{id: B, lag_days: 10}", "{id: C#N, lag_days: 13}")),  # d = 46
    "e.md": project("2026-02-10", "2026-03-20", program="P2", deps=("A#M",)),  # d = 38
}


@pytest.fixture(scope="module")
def network() -> tuple[Registry, Analysis]:
    registry = registry_of(NETWORK)
    assert [str(d) for d in registry.diagnostics] == []
    return registry, analyze(registry)


def node(registry: Registry, ref: str) -> Node:
    found = registry.resolve(ref)
    assert found is not None, ref
    return found


def dates(times: Times | None) -> tuple[str, str, str, str, int]:
    assert times is not None
    return (times.early_start.isoformat(), times.early_finish.isoformat(), times.late_start.isoformat(), times.late_finish.isoformat(), times.float)


def chain(analysis: Analysis, scope: str) -> list[tuple[str, int]]:
    return [(t.node.key, t.float) for t in analysis.schedules[scope].chain]


def test_portfolio_forward_and_backward_pass_by_hand(network) -> None:
    r, a = network
    # Forward: A 01-01; B = A.EF + 1 = 02-01 (its planned start); C = max(01-10, A.ES + 5 = 01-06) = 01-10;
    # D = max(03-15, B.EF + 1 + 10 = 03-11, N 03-01 + 1 + 13 = 03-15) = 03-15; E = max(02-10, M 01-20 + 1) = 02-10.
    # End of "*": the latest early finish, D's 04-30.
    # Backward: D: 04-30 - 46 = 03-15 (float 0). E: 04-30 - 38 = 03-23 (float 41).
    # C: min(04-30 - 59 = 03-02, D.LS - 14 - 50 = 01-10) = 01-10 (float 0).
    # B: min(04-30 - 27 = 04-03, D.LS - 11 - 27 = 02-05) = 02-05 (float 4).
    # A: min(04-30 - 30 = 03-31, B: 02-05 - 1 - 30 = 01-05, C: 01-10 - 5 - 0 = 01-05, E: 03-23 - 1 - 19 = 03-03) = 01-05 (float 4).
    assert a.schedules["*"].end == dt.date(2026, 4, 30)
    assert dates(a.times(node(r, "A"))) == ("2026-01-01", "2026-01-31", "2026-01-05", "2026-02-04", 4)
    assert dates(a.times(node(r, "B"))) == ("2026-02-01", "2026-02-28", "2026-02-05", "2026-03-04", 4)
    assert dates(a.times(node(r, "C"))) == ("2026-01-10", "2026-03-10", "2026-01-10", "2026-03-10", 0)
    assert dates(a.times(node(r, "D"))) == ("2026-03-15", "2026-04-30", "2026-03-15", "2026-04-30", 0)
    assert dates(a.times(node(r, "E"))) == ("2026-02-10", "2026-03-20", "2026-03-23", "2026-04-30", 41)
    # A milestone is a point of its project: A#M at A + 19, late A.LS + 19 = 01-24; C#N at C + 50.
    assert dates(a.times(node(r, "A#M"))) == ("2026-01-20", "2026-01-20", "2026-01-24", "2026-01-24", 4)
    assert dates(a.times(node(r, "C#N"))) == ("2026-03-01", "2026-03-01", "2026-03-01", "2026-03-01", 0)


def test_the_chain_runs_through_a_milestone_of_another_program(network) -> None:
    r, a = network
    # D's binding constraint is C#N (03-15 = its early start), not B (03-11): C, its milestone N, then D.
    # C's constraint from A (01-06) does not bind: the chain stops at C.
    assert chain(a, "*") == [("C", 0), ("C#N", 0), ("D", 0)]
    # P1's scope is its projects plus everything upstream (C, in P2): the same chain, ending at P1's end.
    assert chain(a, "P1") == [("C", 0), ("C#N", 0), ("D", 0)]
    assert [t.program.id for t in a.schedules["P1"].chain if t.program] == ["P2", "P2", "P1"]
    assert a.critical["P1"] == [node(r, "C"), node(r, "D")]
    # P2: members C and E, upstream A. End = E's 03-20. E: 03-20 - 38 = 02-10 (0);
    # C: 03-20 - 59 = 01-20 (float 10; D is not in P2's scope); A: min(C: 01-20 - 5 = 01-15, E: 02-10 - 20 = 01-21) = 01-15 (float 14).
    assert a.schedules["P2"].end == dt.date(2026, 3, 20)
    assert chain(a, "P2") == [("E", 0)]  # A#M (01-21) does not bind E (02-10)
    assert dates(a.times(node(r, "C"), "P2")) == ("2026-01-10", "2026-03-10", "2026-01-20", "2026-03-20", 10)
    assert dates(a.times(node(r, "A"), "P2")) == ("2026-01-01", "2026-01-31", "2026-01-15", "2026-02-14", 14)
    assert a.times(node(r, "D"), "P2") is None
    assert a.on_critical_path(node(r, "C"), "P1") and not a.on_critical_path(node(r, "C"), "P2")


def test_near_critical(network) -> None:
    r, a = network
    # Float 0 < f <= 10: A and B (4), and A#M (4, E depends on it); E (41) is not.
    assert [(t.node.key, t.float) for t in a.schedules["*"].near] == [("A", 4), ("A#M", 4), ("B", 4)]
    assert a.near_critical(node(r, "B")) and not a.near_critical(node(r, "D")) and not a.near_critical(node(r, "E"))
    # In P2, C has 10 days (N shares them: D, outside P2, depends on it).
    assert [(t.node.key, t.float) for t in a.schedules["P2"].near] == [("C", 10), ("C#N", 10)]
    tight = analyze(r, near_critical_days=3)
    assert tight.schedules["*"].near == [] and tight.schedules["P2"].near == []


def test_impact_of_thirty_days(network) -> None:
    r, a = network
    what = impact(r, a, "A", 30)
    # A ends 01-31 + 30 = 03-02: B must start 03-03, 30 days later (no gap: nothing absorbed), ends 03-30.
    # D: B's new end + 1 + 10 = 04-10 against C#N's 03-15: it moves 26 (04-10 .. 05-26); B's 4 days of float absorbed.
    # A's milestone M (planned) moves with it: 01-20 + 30 = 02-19, so E (after M: 02-20) moves 10 of the 30, absorbing 20.
    # C (start-to-start on A) does not move: A's start stays.
    rows = [(i.node.key, i.old_start.isoformat(), i.new_start.isoformat(), i.new_end.isoformat(), i.days, i.pushed, i.absorbed, i.via.id)
            for i in what.impacts]
    assert rows == [
        ("B", "2026-02-01", "2026-03-03", "2026-03-30", 30, 30, 0, "A"),
        ("D", "2026-03-15", "2026-04-10", "2026-05-26", 26, 30, 4, "B"),
        ("E", "2026-02-10", "2026-02-20", "2026-03-30", 10, 30, 20, "A"),
    ]
    assert (what.end_before, what.end_after, what.float, what.subject_after) == (
        dt.date(2026, 4, 30), dt.date(2026, 5, 26), 4, dt.date(2026, 3, 2))


def test_a_slip_within_float_moves_nothing(network) -> None:
    r, a = network
    # B has 4 days of free slack before D: 4 days move nothing (D pushed 4, absorbs 4); 5 days move D by 1.
    four = impact(r, a, "B", 4)
    assert [(i.node.key, i.days, i.pushed, i.absorbed) for i in four.impacts] == [("D", 0, 4, 4)]
    assert four.moved == [] and four.end_after == four.end_before == dt.date(2026, 4, 30)
    five = impact(r, a, "B", 5)
    assert [(i.node.key, i.days, i.absorbed) for i in five.impacts] == [("D", 1, 4)]
    # A milestone slipping moves only what depends on it: C#N + 10 pushes D by 10.
    assert [(i.node.key, i.days) for i in impact(r, a, "C#N", 10).impacts] == [("D", 10)]


def test_a_done_milestone_is_a_fact() -> None:
    # Q must start after P's milestone M, which is done (02-28): Q's constraint is 03-01 whatever P does.
    r = registry_of({
        "p.md": page("type: project", "owner: X", "start: 2026-01-01", "end: 2026-06-30",
                     "milestones: [{id: M, title: M, date: 2026-02-28, status: done}]"),  # d = 180
        "q.md": project("2026-03-01", "2026-12-31", deps=("P#M",)),
    })
    a = analyze(r)
    # P does not hold Q back any more: its float runs to the portfolio's end, 12-31 - 06-30 = 184 days.
    assert dates(a.times(node(r, "P"))) == ("2026-01-01", "2026-06-30", "2026-07-04", "2026-12-31", 184)
    assert a.times(node(r, "P#M")) is None  # done: no float
    # Q is bound by the done milestone: the chain starts there.
    assert chain(a, "*") == [("P#M", 0), ("Q", 0)]
    # P slipping 30 days moves nothing: M is done.
    assert impact(r, a, "P", 30).impacts == []
    with pytest.raises(ValueError, match="P#M: the milestone is done: it cannot slip"):
        impact(r, a, "P#M", 5)


def test_a_completed_project_is_a_fact() -> None:
    # C is completed; D must start after it. C's dates are facts: no float, not pushed by B, and the chain starts at C.
    r = registry_of({
        "b.md": project("2026-01-01", "2026-03-31"),
        "c.md": page("type: project", "owner: X", "status: completed", "start: 2026-01-01", "end: 2026-02-28", "depends_on: [B]"),
        "d.md": project("2026-03-01", "2026-06-30", deps=("C",)),
    })
    a = analyze(r)
    assert a.times(node(r, "C")) is None
    assert dates(a.times(node(r, "D"))) == ("2026-03-01", "2026-06-30", "2026-03-01", "2026-06-30", 0)
    # B holds nothing back any more: 06-30 - 03-31 = 91 days of float.
    assert a.times(node(r, "B")).float == 91  # type: ignore[union-attr]
    assert chain(a, "*") == [("C", 0), ("D", 0)]
    assert impact(r, a, "B", 30).impacts == []
    with pytest.raises(ValueError, match="C: the project is completed: it cannot slip"):
        impact(r, a, "C", 5)


def test_a_lead_is_a_negative_lag() -> None:
    r = registry_of({
        "x.md": project("2026-01-01", "2026-01-31"),
        "y.md": project("2026-01-20", "2026-02-28", deps=("{id: X, lag_days: -5}",)),
    })
    # X ends 01-31: Y may start 02-01 - 5 = 01-27; it starts 01-20, 7 days too early.
    assert [c.message for c in schedule_conflicts(r)] == [
        "Y starts 2026-01-20, 7 days too early: it must start after X ends (2026-01-31) minus 5 days of lead; finish-to-start",
    ]
    assert dates(analyze(r).times(node(r, "Y"))) == ("2026-01-27", "2026-03-07", "2026-01-27", "2026-03-07", 0)


def test_impact_errors(network) -> None:
    r, a = network
    with pytest.raises(LookupError, match="unknown id 'NOPE'"):
        impact(r, a, "NOPE", 30)
    with pytest.raises(ValueError, match="days: expected a positive number of days, found 0"):
        impact(r, a, "A", 0)
    with pytest.raises(ValueError, match="P1: only a project with start and end can slip"):
        impact(r, a, "P1", 5)


def test_current_slip_within_float_moves_nothing() -> None:
    pages = dict(NETWORK)
    pages["b.md"] = project("2026-02-01", "2026-02-28", program="P1", deps=("A",), baseline="2026-02-20")
    r = registry_of(pages)
    a = analyze(r)
    # B slipped 8 days (02-20 -> 02-28). At its baseline D could start 03-03; it starts 03-15 (C#N): nothing moved.
    [row] = a.impacts[node(r, "B")]  # type: ignore[index]
    assert (row.node.key, row.days, row.pushed, row.absorbed, row.old_start, row.new_start) == (
        "D", 0, 8, 8, dt.date(2026, 3, 15), dt.date(2026, 3, 15))


def test_a_cycle_neither_hangs_nor_crashes() -> None:
    r = registry_of({
        "x.md": project("2026-05-01", "2026-05-10", deps=("Y",)),
        "y.md": project("2026-05-05", "2026-05-20", deps=("X",)),
    })
    assert any("cycle" in str(d) for d in r.diagnostics)
    a = analyze(r)
    # The walk from x.md meets "Y depends on X" first; "X depends on Y" closes the cycle and is left out.
    # Y = max(05-05, X.EF + 1 = 05-11) .. 05-26 (d = 15).
    assert chain(a, "*") == [("X", 0), ("Y", 0)]
    assert dates(a.times(node(r, "Y"))) == ("2026-05-11", "2026-05-26", "2026-05-11", "2026-05-26", 0)
    assert [(i.node.key, i.days) for i in impact(r, a, "X", 3).impacts] == [("Y", 3)]
    assert [(i.node.key, i.days) for i in impact(r, a, "Y", 3).impacts] == []


def test_program_dependencies_are_checked_against_program_dates() -> None:
    r = registry_of({
        "p1.md": program(),
        "p2.md": program("depends_on: [P1]"),
        "a.md": project("2026-01-01", "2026-01-31", program="P1"),
        "c.md": project("2026-01-10", "2026-03-10", program="P2"),
        "z.md": project("2026-01-02", "2026-02-01", deps=("{id: P1, type: start-to-start, lag_days: 3}",)),
        "w.md": project("2026-02-01", "2026-02-10", deps=("P2",)),  # P2 ends 03-10: 38 days too early
    })
    assert [str(d) for d in r.diagnostics] == []
    # P2 starts 01-10 (C), P1 ends 01-31 (A): 21 days + 1.  Z: P1 starts 01-01 + 3 = 01-04, Z starts 01-02: 2 days.
    assert [c.message for c in schedule_conflicts(r)] == [
        "program P2 starts 2026-01-10 (its earliest project), 22 days too early: it must start after program P1 ends (2026-01-31); finish-to-start",
        "W starts 2026-02-01, 38 days too early: it must start after program P2 ends (2026-03-10); finish-to-start",
        "Z starts 2026-01-02, 2 days too early: it must not start before program P1 starts (2026-01-01) plus 3 days of lag; start-to-start",
    ]
    found = [str(f) for f in find(r, dt.date(2026, 1, 1), settings_from({}), analyze(r)) if f.rule == "schedule-conflict"]
    assert found[0] == (
        "p2.md:4: depends_on[0]: program P2 starts 2026-01-10 (its earliest project), 22 days too early: "
        "it must start after program P1 ends (2026-01-31); finish-to-start [schedule-conflict]"
    )


def test_lag_days_is_validated() -> None:
    r = registry_of({"a.md": project("2026-01-01", "2026-01-31"),
                     "b.md": project("2026-02-01", "2026-02-28", deps=("{id: A, lag_days: 99999}",))})
    assert [str(d) for d in r.diagnostics] == [
        "b.md:6: depends_on[0].lag_days: expected a number of days from -36,500 to 36,500, found 99999; the value is left out",
    ]


def test_near_critical_days_option_is_validated() -> None:
    assert settings_from({"near_critical_days": 5}).near_critical_days == 5
    with pytest.raises(ValueError, match=r"near_critical_days: expected a number of days \(0 or more\), found -1"):
        settings_from({"near_critical_days": -1})


# --------------------------------------------------------------------------- command line


def write_site(root, pages: dict[str, str]) -> None:
    (root / "docs").mkdir()
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")


def test_cli_impact_text_and_json(tmp_path, monkeypatch, capsys) -> None:
    write_site(tmp_path, NETWORK)
    monkeypatch.chdir(tmp_path)
    assert main(["impact", "A", "--days", "30"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "If A slips 30 days: it ends 2026-03-02 instead of 2026-01-31 (total float 4 days).",
        "ID  PROGRAM  BEFORE                    AFTER                     MOVES  ABSORBED  VIA",
        "B   P1       2026-02-01 .. 2026-02-28  2026-03-03 .. 2026-03-30  +30    0         A",
        "D   P1       2026-03-15 .. 2026-04-30  2026-04-10 .. 2026-05-26  +26    4         B",
        "E   P2       2026-02-10 .. 2026-03-20  2026-02-20 .. 2026-03-30  +10    20        A",
        "Portfolio end: 2026-04-30 -> 2026-05-26 (+26 days).",
    ]
    assert main(["impact", "B", "--days", "4"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "If B slips 4 days: it ends 2026-03-04 instead of 2026-02-28 (total float 4 days).",
        "Nothing downstream moves: the float of what depends on it absorbs the slip.",
        "ID  PROGRAM  BEFORE                    AFTER                     MOVES  ABSORBED  VIA",
        "D   P1       2026-03-15 .. 2026-04-30  2026-03-15 .. 2026-04-30  0      4         B",
        "Portfolio end: 2026-04-30, unchanged.",
    ]
    assert main(["impact", "A", "--days", "30", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["subject"], document["days"], document["float"], document["end_after"]) == ("A", 30, 4, "2026-05-26")
    assert document["impacts"][1] == {"id": "D", "days": 26, "via": "B", "pushed": 30, "absorbed": 4, "old_start": "2026-03-15",
                                      "old_end": "2026-04-30", "new_start": "2026-04-10", "new_end": "2026-05-26"}


def test_cli_impact_unknown_id_and_bad_days(tmp_path, monkeypatch, capsys) -> None:
    write_site(tmp_path, NETWORK)
    monkeypatch.chdir(tmp_path)
    assert main(["impact", "AA", "--days", "3"]) == 2
    assert capsys.readouterr().err == (
        "mkdocs-pgm: impact: unknown id 'AA' (did you mean 'A'?); expected the id of a project (or PROJECT#milestone)\n"
    )
    with pytest.raises(SystemExit):
        main(["impact", "A", "--days", "-2"])
    assert "expected a whole number of days from 1 to 36500, found '-2'" in capsys.readouterr().err


# --------------------------------------------------------------------------- built site


SITE_CONFIG = {"plugins": ["search", {"pgm": {"diagrams": False, "near_critical_days": 5}}]}


def test_site_chain_near_critical_directive_and_json(build_site, tmp_path) -> None:
    pages = dict(NETWORK)
    pages["c.md"] = pages["c.md"].replace("type: project", 'type: project\ntitle: "<script>alert(1)</script> C"')
    pages["index.md"] = "# Home\n\n<!-- pgm:impact project=A days=30 -->\n\n<!-- pgm:impact project=B days=4 -->\n"
    pages["bad.md"] = "# Bad\n\n<!-- pgm:impact project=P1 days=x -->\n"
    pages["none.md"] = "# None\n\n<!-- pgm:impact -->\n"
    pages["b.md"] = project("2026-02-01", "2026-02-28", program="P1", deps=("A",), baseline="2026-02-20")
    built = build_site(tmp_path, pages, SITE_CONFIG)
    assert [w for w in built.warnings if "bad.md" not in w] == []
    assert sorted(w for w in built.warnings if "bad.md" in w) == sorted([
        "mkdocs_pgm: docs/bad.md:3: <!-- pgm:impact --> days: expected a whole number of days from 1 to 36500, found 'x'",
        "mkdocs_pgm: docs/bad.md:3: <!-- pgm:impact --> project: 'P1' is not the id of a project",
    ])
    html = built.html("index.md")
    assert "2026-04-10" in html and "Float absorbed" in html
    assert "Nothing downstream moves: the float of what depends on it absorbs the slip." in html
    assert "<script>alert(1)</script>" not in html
    assert "Name the project that slips: project=ID (and days=N, default 30)." in built.html("none.md")
    # B's current slip (8 days) stays within the 12 days before D must start: the project page says nothing moved.
    b = built.html("b.md")
    assert "This project ends <strong>8 days</strong> after its baseline (2026-02-20 &#8594; 2026-02-28)." in b
    assert "Nothing downstream moves: the slip stays within the float of what depends on it." in b
    assert '<td class="pgm-nowrap">8 days</td>' in b  # D absorbed all of it
    p1 = built.html("p1.md")
    assert 'id="pgm-critical-path"' in p1 and "other program" in p1
    assert "&lt;script&gt;alert(1)&lt;/script&gt; C" in p1 and "<script>alert(1)" not in p1
    # P1's near-critical with near_critical_days 5: A and B (4 days).
    assert "Near-critical (float of 5 days or less)" in p1
    assert "pgm-rm-bar--near-critical" in p1 and "float 4 days" in p1
    document = built.json("governance/pgm.json")
    schedule = document["schedule"]
    assert schedule["near_critical_days"] == 5
    assert [(s["id"], s["float"], s["program"], s["critical"]) for s in schedule["cpm"]["P1"]["chain"]] == [
        ("C", 0, "P2", True), ("C#N", 0, "P2", True), ("D", 0, "P1", True),
    ]
    assert schedule["cpm"]["*"]["near_critical"] == ["A", "A#M", "B"]
    by_id = {row["id"]: row for row in schedule["float"]}
    assert (by_id["E"]["float"], by_id["E"]["near_critical"], by_id["B"]["near_critical"], by_id["A#M"]["late_start"]) == (41, False, True, "2026-01-24")


def test_diagram_outlines_the_chain_and_dashes_near_critical(network) -> None:
    r, a = network
    from mkdocs_pgm.core.diagrams.graphs import DiagramBuilder

    near = {scope: [t.node for t in s.near if isinstance(t.node, Entity)] for scope, s in a.schedules.items()}
    builder = DiagramBuilder(r.entities, lambda node, page: None, critical=a.critical, near_critical=near)
    source = builder.program(r.get("P1"), "p1/").source  # type: ignore[arg-type]
    lines = {line.split('"')[1].split("\\n")[0]: line for line in source.splitlines() if "[label=" in line}
    assert "pgm-critical" in lines["D"] and "pgm-near-critical" not in lines["D"]
    assert "pgm-near-critical" in lines["A"] and "pgm-near-critical" in lines["B"] and "dashed" in lines["B"]
