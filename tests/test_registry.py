"""The registry: ids, references, derived relations, cycles, decision checks, body references."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mkdocs_pgm.core.diagnostics import Location
from mkdocs_pgm.core.model.loader import read_docs
from mkdocs_pgm.core.model.registry import Entity, Nested, Registry
from mkdocs_pgm.core.text import default_id

from helpers import messages, page, registry_of

# A small but complete site used by several tests.
SITE = {
    "portfolio.md": page("type: portfolio", "id: GROUP", body="# Group portfolio\n"),
    "programs/core/index.md": page(
        "type: program",                 # 2
        "owner: Ana",                    # 3
        "portfolio: GROUP",              # 4
        "benefits:",                     # 5
        "  - id: BEN-SAVE",              # 6
        "    title: Save money",         # 7
        "  - title: Happier users",      # 8
        body="# Core program\n",
    ),
    "projects/apollo.md": page(
        "type: project",                 # 2
        "owner: Ben",                    # 3
        "program: CORE",                 # 4
        "health: amber",                 # 5
        "contributes_to: [BEN-SAVE, CORE#happier-users]",  # 6
        "milestones:",                   # 7
        "  - title: Go live",            # 8
        "  - {id: M2, title: Handover}", # 9
        "changes:",                      # 10
        "  - id: CR-1",                  # 11
        "    title: More scope",         # 12
        "    decision: DEC-001",         # 13
        "risks:",                        # 14
        "  - {id: RSK-1, title: Vendor late}",  # 15
        body="# Apollo\n\nSee [[GEMINI]] and [[RSK-1|the vendor risk]].\n",
    ),
    "projects/gemini.md": page(
        "type: project",
        "owner: Cy",
        "program: core",
        "health: red",
        "depends_on:",
        "  - APOLLO#go-live",
        "  - {id: APOLLO, type: start-to-start, note: shared team}",
        body="Gemini has no heading. It needs [[apollo#M2]].\n",
    ),
    "decisions/dec-001.md": page(
        "type: decision",
        "status: accepted",
        "date: 2026-01-15",
        "scope: CORE",
        "change_request: CR-1",
        "affects: [GEMINI, RSK-1]",
        "supersedes: [DEC-000]",
        body="# Use one vendor\n",
    ),
    "decisions/dec-000.md": page("type: decision", "status: superseded", "date: 2025-06-01", body="# Use two vendors\n"),
}


@pytest.fixture(scope="module")
def site() -> Registry:
    return registry_of(SITE)


def test_complete_site_has_no_diagnostics(site: Registry) -> None:
    assert messages(site) == []
    assert [e.id for e in site.entities] == ["DEC-000", "DEC-001", "GROUP", "CORE", "APOLLO", "GEMINI"]


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize(
    "src_uri, expected",
    [
        ("projects/alpha.md", "ALPHA"),
        ("projects/alpha-beta_2.0.md", "ALPHA-BETA_2.0"),
        ("programs/core/index.md", "CORE"),
        ("programs/core/README.md", "CORE"),
        ("programs/Core Platform/index.md", "CORE-PLATFORM"),
        ("index.md", "INDEX"),
        ("projects/my project (v2).md", "MY-PROJECT--V2-"),
        ("projects/élan.md", "LAN"),
        ("projects/_draft.md", "DRAFT"),
        ("projects/ü.md", "PAGE"),
        ("decisions/0001-use-madr.markdown", "0001-USE-MADR"),
    ],
)
def test_default_id(src_uri: str, expected: str) -> None:
    assert default_id(src_uri) == expected


def test_default_id_is_used_and_matches_the_id_pattern() -> None:
    r = registry_of({"programs/Core Platform/index.md": page("type: program", "owner: A"), "p/my project.md": page("type: project", "owner: A")})
    assert messages(r) == []
    assert [e.id for e in r.entities] == ["MY-PROJECT", "CORE-PLATFORM"]
    assert r.get("core-platform") is r.entities[1]


def test_explicit_id_wins_over_the_file_name() -> None:
    r = registry_of({"projects/alpha.md": page("type: project", "owner: A", "id: PRJ-7"), "projects/beta.md": page("type: project", "owner: A", "id: '42'")})
    assert [e.id for e in r.entities] == ["PRJ-7", "42"]
    assert r.get("ALPHA") is None
    assert r.get("prj-7") is r.entities[0]


def test_invalid_explicit_id_falls_back_to_the_default() -> None:
    r = registry_of({"projects/alpha.md": page("type: project", "owner: A", "id: 'not valid!'")})
    assert [e.id for e in r.entities] == ["ALPHA"]
    assert len(r.diagnostics) == 1 and r.diagnostics[0].field == "id" and r.diagnostics[0].line == 4


def test_duplicate_ids_are_case_insensitive_and_name_every_file() -> None:
    r = registry_of(
        {
            "a/x.md": page("type: project", "owner: A"),
            "b/X.md": page("type: program", "owner: A"),
            "c.md": page("type: decision", "status: accepted", "date: 2026-01-01", "id: x"),
        }
    )
    scope = "(ids are unique case-insensitively across the site)"
    # One diagnostic per id, at its second use, naming every place (there are few).
    assert messages(r) == [
        f"b/X.md:2: id: id 'X' is used 3 times {scope}; the first, a/x.md:2, is kept and references go to it; "
        "the others are at b/X.md:2, c.md:5 (see a/x.md:2)",
    ]
    assert {d.code for d in r.diagnostics} == {"duplicate-id"}
    assert r.diagnostics[0].related == (Location("a/x.md", 2),)
    # References go to the first one.
    first = r.get("X")
    assert first is not None and first.src_uri == "a/x.md"


def test_explicit_nested_ids_are_unique_site_wide() -> None:
    r = registry_of(
        {
            "a.md": page("type: project", "owner: A", "risks:", "  - {id: RSK-1, title: One}"),
            "b.md": page("type: project", "owner: A", "issues:", "  - {id: rsk-1, title: Two}"),
        }
    )
    assert [(d.file, d.line, d.field) for d in r.diagnostics] == [("b.md", 5, "issues[0].id")]
    assert r.diagnostics[0].related == (Location("a.md", 5),)
    assert "id 'RSK-1' is used twice" in r.diagnostics[0].message and "the other is at b.md:5" in r.diagnostics[0].message


def test_entries_of_one_page_need_distinct_ids() -> None:
    r = registry_of({"a.md": page("type: project", "owner: A", "milestones:", "  - title: Go live", "  - title: Go Live!")})
    assert messages(r) == [
        "a.md:6: milestones[1].id: id 'go-live' is used twice (ids are unique case-insensitively across the entries of this page); "
        "the first, a.md:5, is kept and references go to it; the other is at a.md:6 (see a.md:5)",
    ]


def test_same_milestone_slug_on_two_pages_is_fine() -> None:
    r = registry_of({f"{n}.md": page("type: project", "owner: A", "milestones: [{title: Go live}]") for n in "ab"})
    assert messages(r) == []
    assert r.resolve("A#go-live") is not r.resolve("B#go-live")


# --------------------------------------------------------------------------- references


UNKNOWN = [
    ("program: CORX", "program", "expected the id of a program (did you mean 'CORE'?)", "CORX"),
    ("depends_on: [APOLO]", "depends_on[0]", "expected the id of a project, program or milestone (PROJECT#milestone) (did you mean 'APOLLO'?)", "APOLO"),
    ("depends_on: [APOLLO#go-lve]", "depends_on[0]", "expected the id of a project, program or milestone (PROJECT#milestone) (did you mean 'APOLLO#go-live'?)", "APOLLO#go-lve"),
    ("contributes_to: [BEN-SAV]", "contributes_to[0]", "expected the id of a benefit (did you mean 'BEN-SAVE'?)", "BEN-SAV"),
    ("changes: [{title: C, decision: DEC-01}]", "changes[0].decision", "expected the id of a decision (did you mean 'DEC-001'?)", "DEC-01"),
    ("decisions: [{title: D, status: accepted, date: 2026-01-01, supersedes: [DEC-01]}]", "decisions[0].supersedes[0]", "expected the id of a decision (did you mean 'DEC-001'?)", "DEC-01"),
    ("decisions: [{title: D, status: accepted, date: 2026-01-01, affects: [GEMINY]}]", "decisions[0].affects[0]", "expected the id of an entity (did you mean 'GEMINI'?)", "GEMINY"),
    ("decisions: [{title: D, status: accepted, date: 2026-01-01, change_request: CR-11}]", "decisions[0].change_request", "expected the id of a change request (did you mean 'CR-1'?)", "CR-11"),
]


@pytest.mark.parametrize("line, field, expected, ref", UNKNOWN, ids=[u[1] for u in UNKNOWN])
def test_unknown_id_in_a_project_reference(line: str, field: str, expected: str, ref: str) -> None:
    r = registry_of({**SITE, "new.md": page("type: project", "owner: A", line)})
    assert messages(r) == [f"new.md:4: {field}: unknown id '{ref}': {expected}"]
    assert r.diagnostics[0].code == "unknown-id"
    assert r.diagnostics[0].severity == "error"


UNKNOWN_DECISION = [
    ("scope: COR", "scope", "expected the id of a program, project or portfolio (did you mean 'CORE'?)", "COR"),
    ("supersedes: [DEC-0001]", "supersedes[0]", "expected the id of a decision (did you mean 'DEC-001'?)", "DEC-0001"),
    ("affects: [APOLLO-X]", "affects[0]", "expected the id of an entity (did you mean 'APOLLO'?)", "APOLLO-X"),
    ("change_request: CR1", "change_request", "expected the id of a change request (did you mean 'CR-1'?)", "CR1"),
    ("depends_on: [DEC-01]", "depends_on[0]", "expected the id of an entity (did you mean 'DEC-001'?)", "DEC-01"),
    ("status: superseded by DEC-01", "status", "expected the id of a decision (did you mean 'DEC-001'?)", "DEC-01"),
]


@pytest.mark.parametrize("line, field, expected, ref", UNKNOWN_DECISION, ids=[u[1] for u in UNKNOWN_DECISION])
def test_unknown_id_in_a_decision_reference(line: str, field: str, expected: str, ref: str) -> None:
    front = ["type: decision", "date: 2026-02-01", line]
    if not line.startswith("status"):
        front.insert(1, "status: proposed")
    r = registry_of({**SITE, "decisions/new.md": page(*front)})
    line_no = len(front) + 1
    expected_messages = [f"decisions/new.md:{line_no}: {field}: unknown id '{ref}': {expected}"]
    # For "superseded by DEC-01" the unknown id is the whole story: no second
    # warning that nothing supersedes the decision.
    assert messages(r) == expected_messages


def test_unknown_portfolio() -> None:
    r = registry_of({**SITE, "programs/edge.md": page("type: program", "owner: A", "portfolio: GROUQ")})
    assert messages(r) == ["programs/edge.md:4: portfolio: unknown id 'GROUQ': expected the id of a portfolio (did you mean 'GROUP'?)"]
    edge = r.get("EDGE")
    assert edge is not None and edge.portfolio is None


WRONG_KIND = [
    ("projects/new.md", ("type: project", "owner: A", "program: APOLLO"), "program", "'APOLLO' is a project (projects/apollo.md:2): expected a program"),
    ("projects/new.md", ("type: project", "owner: A", "contributes_to: [CORE]"), "contributes_to[0]", "'CORE' is a program (programs/core/index.md:2): expected a benefit"),
    ("projects/new.md", ("type: project", "owner: A", "depends_on: [DEC-001]"), "depends_on[0]", "'DEC-001' is a decision (decisions/dec-001.md:2): expected a project, program or milestone (PROJECT#milestone)"),
    ("projects/new.md", ("type: project", "owner: A", "depends_on: [RSK-1]"), "depends_on[0]", "'RSK-1' is a risk (projects/apollo.md:15): expected a project, program or milestone (PROJECT#milestone)"),
    ("programs/new.md", ("type: program", "owner: A", "portfolio: CORE"), "portfolio", "'CORE' is a program (programs/core/index.md:2): expected a portfolio"),
    ("decisions/new.md", ("type: decision", "status: proposed", "scope: DEC-001"), "scope", "'DEC-001' is a decision (decisions/dec-001.md:2): expected a program, project or portfolio"),
    ("decisions/new.md", ("type: decision", "status: proposed", "supersedes: [APOLLO]"), "supersedes[0]", "'APOLLO' is a project (projects/apollo.md:2): expected a decision"),
    ("decisions/new.md", ("type: decision", "status: proposed", "change_request: RSK-1"), "change_request", "'RSK-1' is a risk (projects/apollo.md:15): expected a change request"),
]


@pytest.mark.parametrize("src, front, field, message", WRONG_KIND, ids=[w[2] + "-" + w[0] for w in WRONG_KIND])
def test_reference_to_the_wrong_kind(src: str, front: tuple[str, ...], field: str, message: str) -> None:
    if front[0] == "type: decision":
        front = front[:2] + ("date: 2026-02-01",) + front[2:]
    r = registry_of({**SITE, src: page(*front)})
    assert messages(r) == [f"{src}:{len(front) + 1}: {field}: {message}"]
    assert r.diagnostics[0].code == "wrong-kind"


def test_wrong_kind_reference_creates_no_relation() -> None:
    r = registry_of({**SITE, "projects/new.md": page("type: project", "owner: A", "program: APOLLO")})
    new, apollo = r.get("NEW"), r.get("APOLLO")
    assert new is not None and apollo is not None
    assert new.program is None
    assert new not in apollo.projects


def test_field_path_of_a_reference_names_the_entry_as_written() -> None:
    """Validation names entries by their position in the file; the registry must too, even after one was left out."""
    r = registry_of({"a.md": page("type: project", "owner: A", "changes:", "  - {id: CR-0}", "  - {title: C, decision: NOPE}")})
    assert messages(r) == [
        "a.md:5: changes[0].title: required field 'title' is missing; the entry is left out",
        "a.md:6: changes[1].decision: unknown id 'NOPE': expected the id of a decision",
    ]


# --------------------------------------------------------------------------- derived relations


def test_program_projects_and_portfolio(site: Registry) -> None:
    core, apollo, gemini, group = (site.get(i) for i in ("CORE", "APOLLO", "GEMINI", "GROUP"))
    assert core is not None and apollo is not None and gemini is not None and group is not None
    assert core.projects == [apollo, gemini]
    assert apollo.program is core and gemini.program is core  # 'program: core' is case-insensitive
    assert group.programs == [core] and core.portfolio is group
    assert site.default_portfolio is None


def test_dependency_of_is_derived(site: Registry) -> None:
    apollo, gemini = site.get("APOLLO"), site.get("GEMINI")
    assert apollo is not None and gemini is not None
    go_live = site.resolve("APOLLO#go-live")
    assert isinstance(go_live, Nested)
    assert [(e.source, e.target, e.type, e.note, e.line) for e in gemini.rel.depends_on] == [
        (gemini, go_live, "finish-to-start", None, 7),
        (gemini, apollo, "start-to-start", "shared team", 8),
    ]
    assert [e.source for e in apollo.rel.dependency_of] == [gemini]
    assert [e.source for e in go_live.rel.dependency_of] == [gemini]
    assert all(e.scheduling for e in gemini.rel.depends_on)


def test_superseded_by_is_derived(site: Registry) -> None:
    old, new = site.get("DEC-000"), site.get("DEC-001")
    assert old is not None and new is not None
    assert new.rel.supersedes == [old]
    assert old.rel.superseded_by == [new]


def test_madr_superseded_by_links_both_ways() -> None:
    r = registry_of(
        {
            "d/old.md": page("type: decision", "status: Superseded by [NEW](new.md)", "date: 2025-01-01"),
            "d/new.md": page("type: decision", "status: accepted", "date: 2026-01-01"),
        }
    )
    assert messages(r) == []
    old, new = r.get("OLD"), r.get("NEW")
    assert old is not None and new is not None
    assert old.rel.superseded_by == [new]
    assert new.rel.supersedes == [old]


def test_supersedes_written_on_both_sides_is_linked_once() -> None:
    r = registry_of(
        {
            "d/old.md": page("type: decision", "status: superseded by NEW", "date: 2025-01-01"),
            "d/new.md": page("type: decision", "status: accepted", "date: 2026-01-01", "supersedes: OLD"),
        }
    )
    assert messages(r) == []
    old, new = r.get("OLD"), r.get("NEW")
    assert old is not None and new is not None
    assert old.rel.superseded_by == [new] and new.rel.supersedes == [old]


def test_benefit_contributors(site: Registry) -> None:
    apollo = site.get("APOLLO")
    save, happier = site.resolve("BEN-SAVE"), site.resolve("CORE#happier-users")
    assert isinstance(save, Nested) and isinstance(happier, Nested)
    assert save.kind == "benefit" and happier.kind == "benefit"
    assert save.rel.contributors == [apollo] and happier.rel.contributors == [apollo]
    assert apollo is not None and apollo.rel.contributes_to == [save, happier]


def test_decision_affects_scope_and_change_request(site: Registry) -> None:
    decision, core, gemini = site.get("DEC-001"), site.get("CORE"), site.get("GEMINI")
    risk, change = site.resolve("RSK-1"), site.resolve("CR-1")
    assert decision is not None and core is not None and gemini is not None
    assert decision.rel.affects == [gemini, risk]
    assert gemini.rel.affected_by == [decision]
    assert isinstance(risk, Nested) and risk.rel.affected_by == [decision]
    assert decision.scope is core
    assert core.rel.decisions == [decision]
    # CR-1 names DEC-001 and DEC-001 names CR-1: one link each way.
    assert isinstance(change, Nested)
    assert change.rel.settled_by == [decision]
    assert decision.rel.changes_settled == [change]


def test_nested_decisions_are_decisions_of_their_page() -> None:
    r = registry_of(
        {
            "p.md": page(
                "type: project",
                "owner: A",
                "decisions:",
                "  - {id: DEC-P1, title: Buy, status: accepted, date: 2026-01-01, affects: [Q]}",
                "  - {title: Old way, status: superseded by DEC-P1, date: 2025-01-01}",
            ),
            "q.md": page("type: project", "owner: A"),
        }
    )
    assert messages(r) == []
    p, q = r.get("P"), r.get("Q")
    buy, old = r.resolve("DEC-P1"), r.resolve("P#old-way")
    assert p is not None and q is not None and isinstance(buy, Nested) and isinstance(old, Nested)
    assert p.rel.decisions == [buy, old]
    assert q.rel.affected_by == [buy]
    assert old.rel.superseded_by == [buy] and buy.rel.supersedes == [old]
    assert [d.id for d in r.decisions()] == ["DEC-P1", "old-way"]


def test_referenced_by_comes_from_page_bodies(site: Registry) -> None:
    apollo, gemini = site.get("APOLLO"), site.get("GEMINI")
    assert apollo is not None and gemini is not None
    # Gemini's body names apollo#M2 (an entry of Apollo): Apollo is referenced by Gemini.
    assert apollo.rel.referenced_by == [gemini]
    # Apollo's body names GEMINI, and RSK-1 (its own entry: no self-reference).
    assert gemini.rel.referenced_by == [apollo]
    assert [(ref.target, ref.text, ref.line) for ref in apollo.refs] == [("GEMINI", None, 19), ("RSK-1", "the vendor risk", 19)]


# --------------------------------------------------------------------------- nested entries


def test_nested_references(site: Registry) -> None:
    go_live, handover, risk = site.resolve("APOLLO#go-live"), site.resolve("apollo#m2"), site.resolve("rsk-1")
    assert isinstance(go_live, Nested) and isinstance(handover, Nested) and isinstance(risk, Nested)
    assert (go_live.kind, go_live.id, go_live.explicit, go_live.line, go_live.key, go_live.anchor) == (
        "milestone", "go-live", False, 8, "APOLLO#go-live", "milestone-go-live"
    )
    assert (handover.id, handover.explicit, handover.line) == ("M2", True, 9)
    assert (risk.kind, risk.owner.id, risk.anchor, risk.file) == ("risk", "APOLLO", "risk-rsk-1", "projects/apollo.md")
    # Explicit ids of risks, decisions, changes, benefits… are site-wide; a milestone id
    # belongs to its page, and names it alone only while no other page uses it.
    assert site.resolve("RSK-1") is site.resolve("APOLLO#RSK-1")
    assert site.resolve("M2") is handover
    assert site.resolve("NOPE#go-live") is None
    assert site.resolve("APOLLO#nope") is None
    assert site.resolve("RSK-1#x") is None


# --------------------------------------------------------------------------- titles and defaults


def test_title_defaults(site: Registry) -> None:
    titles = {e.id: e.title for e in site.entities}
    assert titles["APOLLO"] == "Apollo"            # first '# heading'
    assert titles["GEMINI"] == "GEMINI"            # no heading: the id
    assert titles["CORE"] == "Core program"


def test_explicit_title_and_setext_heading() -> None:
    r = registry_of(
        {
            "a.md": page("type: project", "owner: A", "title: Explicit", body="# Heading\n"),
            "b.md": page("type: project", "owner: A", body="Setext title\n============\n"),
            "c.md": page("type: project", "owner: A", body="```\n# not a title\n```\n\n## Second level\n\n# Real title {#anchor}\n"),
        }
    )
    assert [e.title for e in r.entities] == ["Explicit", "Setext title", "Real title"]


def test_program_health_is_the_worst_of_its_projects(site: Registry) -> None:
    core = site.get("CORE")
    assert core is not None and core.health == "red"


def test_program_health_explicit_or_without_projects() -> None:
    r = registry_of(
        {
            "p1.md": page("type: program", "owner: A", "health: green"),
            "p2.md": page("type: program", "owner: A"),
            "p3.md": page("type: program", "owner: A"),
            "a.md": page("type: project", "owner: A", "program: P1", "health: red"),
            "b.md": page("type: project", "owner: A", "program: P3", "health: amber"),
            "c.md": page("type: project", "owner: A", "program: P3"),
        }
    )
    assert [(e.id, e.health) for e in r.of_kind("program")] == [("P1", "green"), ("P2", None), ("P3", "amber")]


def test_project_defaults() -> None:
    r = registry_of({"a.md": page("type: project", "owner: A")})
    (a,) = r.entities
    assert (a.kind, a.status, a.health, a.program, a.title) == ("project", "planned", "green", None, "A")


# --------------------------------------------------------------------------- portfolios


def test_no_portfolio_means_a_virtual_default_holding_every_program() -> None:
    r = registry_of({"p1.md": page("type: program", "owner: A"), "p2.md": page("type: program", "owner: A")})
    default = r.default_portfolio
    assert default is not None and default.virtual and default.kind == "portfolio"
    assert [p.id for p in default.programs] == ["P1", "P2"]
    assert all(p.portfolio is default for p in r.of_kind("program"))
    assert default not in r.entities


def test_a_single_portfolio_is_implicit() -> None:
    r = registry_of(
        {
            "group.md": page("type: portfolio"),
            "p1.md": page("type: program", "owner: A"),
            "p2.md": page("type: program", "owner: A", "portfolio: GROUP"),
        }
    )
    group = r.get("GROUP")
    assert r.default_portfolio is None
    assert group is not None and [p.id for p in group.programs] == ["P1", "P2"]


def test_two_portfolios_are_never_implicit() -> None:
    r = registry_of(
        {
            "g1.md": page("type: portfolio"),
            "g2.md": page("type: portfolio"),
            "p1.md": page("type: program", "owner: A"),
            "p2.md": page("type: program", "owner: A", "portfolio: G2"),
        }
    )
    g1, g2, p1 = r.get("G1"), r.get("G2"), r.get("P1")
    assert g1 is not None and g2 is not None and p1 is not None
    assert r.default_portfolio is None
    assert g1.programs == [] and [p.id for p in g2.programs] == ["P2"]
    assert p1.portfolio is None


# --------------------------------------------------------------------------- cycles


CYCLE_HINT = "(scheduling dependencies cannot form a cycle; mark one 'type: informational' if it is not about dates)"


def test_two_cycle() -> None:
    r = registry_of({"a.md": page("type: project", "owner: X", "depends_on: [B]"), "b.md": page("type: project", "owner: X", "depends_on: [A]")})
    assert messages(r) == [f"a.md:4: depends_on[0]: dependency cycle: A → B → A {CYCLE_HINT} (see b.md:4)"]
    assert r.diagnostics[0].code == "cycle" and r.diagnostics[0].severity == "error"


def test_three_cycle_names_every_file() -> None:
    r = registry_of(
        {
            "p/a.md": page("type: project", "owner: X", "depends_on: [B]"),
            "p/b.md": page("type: project", "owner: X", "depends_on:", "  - Z", "  - C"),
            "p/c.md": page("type: program", "owner: X", "depends_on: [{id: A, note: waits}]"),
            "p/z.md": page("type: project", "owner: X"),
        }
    )
    assert messages(r) == [f"p/a.md:4: depends_on[0]: dependency cycle: A → B → C → A {CYCLE_HINT} (see p/b.md:6, p/c.md:4)"]
    diag = r.diagnostics[0]
    assert {diag.file} | {loc.file for loc in diag.related} == {"p/a.md", "p/b.md", "p/c.md"}


def test_self_dependency() -> None:
    r = registry_of({"s.md": page("type: project", "owner: X", "depends_on: [s]")})
    assert messages(r) == [f"s.md:4: depends_on[0]: dependency cycle: S → S {CYCLE_HINT}"]


def test_dependency_on_own_milestone_is_a_self_cycle() -> None:
    r = registry_of({"s.md": page("type: project", "owner: X", "depends_on: [S#m1]", "milestones: [{id: m1, title: M}]")})
    assert messages(r) == [f"s.md:4: depends_on[0]: dependency cycle: S → S {CYCLE_HINT}"]


def test_milestone_dependency_cycle() -> None:
    r = registry_of(
        {
            "a.md": page("type: project", "owner: X", "depends_on: [B#launch]", "milestones: [{title: Kick-off}]"),
            "b.md": page("type: project", "owner: X", "depends_on: [A#kick-off]", "milestones: [{title: Launch}]"),
        }
    )
    assert messages(r) == [f"a.md:4: depends_on[0]: dependency cycle: A → B → A {CYCLE_HINT} (see b.md:4)"]


def test_start_to_start_dependencies_can_cycle_too() -> None:
    r = registry_of(
        {
            "a.md": page("type: project", "owner: X", "depends_on: [{id: B, type: start-to-start}]"),
            "b.md": page("type: project", "owner: X", "depends_on: [{id: A, type: start-to-start}]"),
        }
    )
    assert [d.code for d in r.diagnostics] == ["cycle"]


def test_informational_links_may_form_cycles() -> None:
    r = registry_of(
        {
            "a.md": page("type: project", "owner: X", "depends_on: [{id: B, type: informational}]"),
            "b.md": page("type: project", "owner: X", "depends_on: [A]"),
            "c.md": page("type: project", "owner: X", "depends_on: [{id: C, type: informational}]"),
        }
    )
    assert messages(r) == []
    a, b = r.get("A"), r.get("B")
    assert a is not None and b is not None
    assert [e.scheduling for e in a.rel.depends_on] == [False]
    assert [e.source for e in a.rel.dependency_of] == [b]


def test_decision_and_portfolio_dependencies_are_informational() -> None:
    r = registry_of(
        {
            "d1.md": page("type: decision", "status: accepted", "date: 2026-01-01", "depends_on: [D2]"),
            "d2.md": page("type: decision", "status: accepted", "date: 2026-01-01", "depends_on: [D1]"),
            "g1.md": page("type: portfolio", "depends_on: [G2]"),
            "g2.md": page("type: portfolio", "depends_on: [G1]"),
        }
    )
    assert messages(r) == []


def test_two_separate_cycles_are_two_diagnostics() -> None:
    pages = {
        "a.md": page("type: project", "owner: X", "depends_on: [B]"),
        "b.md": page("type: project", "owner: X", "depends_on: [A]"),
        "c.md": page("type: project", "owner: X", "depends_on: [D]"),
        "d.md": page("type: project", "owner: X", "depends_on: [C, A]"),
    }
    r = registry_of(pages)
    assert messages(r) == [
        f"a.md:4: depends_on[0]: dependency cycle: A → B → A {CYCLE_HINT} (see b.md:4)",
        f"c.md:4: depends_on[0]: dependency cycle: C → D → C {CYCLE_HINT} (see d.md:4)",
    ]


def _chain(n: int, *, closed: bool) -> dict[str, str]:
    pages = {}
    for i in range(n):
        nxt = i + 1 if i + 1 < n else (0 if closed else None)
        front = ["type: project", "owner: X"] + ([f"depends_on: [P{nxt:05d}]"] if nxt is not None else [])
        pages[f"p/p{i:05d}.md"] = page(*front)
    return pages


def test_chain_of_ten_thousand_projects() -> None:
    started = time.perf_counter()
    r = registry_of(_chain(10_000, closed=False))
    assert messages(r) == []
    assert len(r.entities) == 10_000
    last = r.get("P09999")
    assert last is not None and [e.source.id for e in last.rel.dependency_of] == ["P09998"]
    assert time.perf_counter() - started < 30


def test_cycle_of_ten_thousand_projects_is_reported_whole() -> None:
    r = registry_of(_chain(10_000, closed=True))
    assert len(r.diagnostics) == 1
    diag = r.diagnostics[0]
    assert (diag.file, diag.line, diag.field, diag.code) == ("p/p00000.md", 4, "depends_on[0]", "cycle")
    ids = " → ".join(f"P{i:05d}" for i in range(10_000))
    assert diag.message == f"dependency cycle: {ids} → P00000 {CYCLE_HINT}"
    assert len(diag.related) == 9_999
    assert {loc.file for loc in diag.related} == {f"p/p{i:05d}.md" for i in range(1, 10_000)}


# --------------------------------------------------------------------------- decision checks


def test_superseded_decision_that_nothing_supersedes() -> None:
    r = registry_of({"d/old.md": page("type: decision", "status: superseded", "date: 2025-01-01")})
    assert messages(r) == [
        "d/old.md:3: status: decision 'OLD' is superseded, but no decision supersedes it: add 'supersedes: [OLD]' to the later decision"
    ]
    assert r.diagnostics[0].severity == "warning"


def test_superseded_by_a_decision_that_is_not_accepted() -> None:
    r = registry_of(
        {
            "d/old.md": page("type: decision", "status: superseded", "date: 2025-01-01"),
            "d/new.md": page("type: decision", "status: proposed", "date: 2026-01-01", "supersedes: [OLD]"),
        }
    )
    assert messages(r) == ["d/old.md:3: status: decision 'OLD' is superseded by 'NEW', which is proposed, not accepted (see d/new.md:2)"]
    assert r.diagnostics[0].severity == "warning"


def test_madr_superseded_by_a_rejected_decision() -> None:
    r = registry_of(
        {
            "d/old.md": page("type: decision", "status: superseded by NEW", "date: 2025-01-01"),
            "d/new.md": page("type: decision", "status: rejected", "date: 2026-01-01"),
        }
    )
    assert messages(r) == ["d/old.md:3: status: decision 'OLD' is superseded by 'NEW', which is rejected, not accepted (see d/new.md:2)"]


def test_nested_superseded_decision_checks() -> None:
    r = registry_of(
        {
            "p.md": page(
                "type: project",
                "owner: A",
                "decisions:",
                "  - {title: Lonely, status: superseded, date: 2025-01-01}",
                "  - title: Replaced",
                "    status: superseded",
                "    date: 2025-01-01",
                "  - {id: DEC-9, title: Draft, status: proposed, date: 2026-01-01, supersedes: [P#replaced]}",
            )
        }
    )
    assert messages(r) == [
        "p.md:5: decisions[0].status: decision 'lonely' is superseded, but no decision supersedes it: add 'supersedes: [lonely]' to the later decision",
        "p.md:7: decisions[1].status: decision 'replaced' is superseded by 'DEC-9', which is proposed, not accepted (see p.md:9)",
    ]


def test_superseded_decision_still_accepted() -> None:
    r = registry_of(
        {
            "d/old.md": page("type: decision", "status: accepted", "date: 2025-01-01"),
            "d/new.md": page("type: decision", "status: accepted", "date: 2026-01-01", "supersedes: [OLD]"),
        }
    )
    assert messages(r) == ["d/old.md:3: status: decision 'OLD' is still accepted, but 'NEW' supersedes it: set 'status: superseded' (see d/new.md:2)"]
    assert r.diagnostics[0].severity == "warning"


def test_successor_dated_before_the_decision_it_replaces() -> None:
    r = registry_of(
        {
            "d/old.md": page("type: decision", "status: superseded", "date: 2026-03-01"),
            "d/new.md": page("type: decision", "status: accepted", "date: 2026-02-01", "supersedes: [OLD]"),
        }
    )
    assert messages(r) == [
        "d/new.md:4: date: decision 'NEW' (2026-02-01) supersedes 'OLD', which is dated later (2026-03-01):"
        " a decision can only replace an earlier one; check both dates (see d/old.md:2)"
    ]
    # The same day is fine (a decision replaced at the meeting that took it).
    same = registry_of(
        {
            "d/old.md": page("type: decision", "status: superseded", "date: 2026-03-01"),
            "d/new.md": page("type: decision", "status: accepted", "date: 2026-03-01", "supersedes: [OLD]"),
        }
    )
    assert messages(same) == []


def test_decisions_that_supersede_each_other() -> None:
    r = registry_of(
        {
            "d/a.md": page("type: decision", "status: superseded", "date: 2026-01-01", "supersedes: [B]"),
            "d/b.md": page("type: decision", "status: superseded", "date: 2026-01-01", "supersedes: [A]"),
        }
    )
    assert messages(r, "supersede-cycle") == [
        "d/a.md:5: supersedes[0]: supersede cycle: A → B → A (a decision cannot be superseded by one it replaces) (see d/b.md:5)"
    ]


def test_forum_must_be_one_of_the_program() -> None:
    program = page(
        "type: program", "id: PRG", "owner: Dana", "portfolio: PF",  # 2-5
        "governance:",                                               # 6
        "  forums:",                                                 # 7
        "    - {name: Steering review, cadence: monthly}",           # 8
        "    - {name: Design authority}",                            # 9
    )
    pages = {
        "pf.md": page("type: portfolio", "id: PF", "governance: {forums: [{name: Portfolio board}]}"),
        "prg.md": program,
        "p.md": page(
            "type: project", "owner: A", "program: PRG",                                             # 2-4
            "decisions:",                                                                            # 5
            "  - {id: D1, title: Good, status: accepted, date: 2026-01-01, forum: steering  REVIEW}",  # 6
            "  - {id: D2, title: Board, status: accepted, date: 2026-01-01, forum: Portfolio board}",  # 7
            "  - {id: D3, title: Bad, status: accepted, date: 2026-01-01, forum: Steering reveiw}",   # 8
        ),
        "d/x.md": page("type: decision", "status: accepted", "date: 2026-01-01", "scope: PRG", "forum: Architecture board"),
        "d/free.md": page("type: decision", "status: accepted", "date: 2026-01-01", "forum: Portfolio board"),
        "d/none.md": page("type: decision", "status: accepted", "date: 2026-01-01", "forum: Kitchen table"),
    }
    r = registry_of(pages)
    assert messages(r, "forum") == [
        "d/none.md:5: forum: 'Kitchen table' is not a forum of PF; expected one of 'Portfolio board' (see pf.md:4)",
        "d/x.md:6: forum: 'Architecture board' is not a forum of PRG or PF; expected one of 'Steering review', 'Design authority',"
        " 'Portfolio board' (see prg.md:7, pf.md:4)",
        "p.md:8: decisions[2].forum: 'Steering reveiw' is not a forum of PRG or PF (did you mean 'Steering review'?);"
        " expected one of 'Steering review', 'Design authority', 'Portfolio board' (see prg.md:7, pf.md:4)",
    ]
    # A program (and portfolio) listing no forums: nothing to check against.
    bare = registry_of({"prg.md": page("type: program", "id: PRG", "owner: Dana"),
                        "d/x.md": page("type: decision", "status: accepted", "date: 2026-01-01", "scope: PRG", "forum: Anything")})
    assert messages(bare) == []


# --------------------------------------------------------------------------- body references


def test_unknown_body_reference_is_a_warning_at_its_line() -> None:
    body = "# Alpha\n\nDepends on [[GEMNI]].\n\nAnd [[nothing|x]] too.\n"
    r = registry_of({**SITE, "alpha.md": page("type: project", "owner: A", body=body)})
    assert messages(r) == [
        "alpha.md:7: [[GEMNI]]: unknown id 'GEMNI' (did you mean 'GEMINI'?); it is shown as plain text",
        "alpha.md:9: [[nothing]]: unknown id 'nothing'; it is shown as plain text",
    ]
    assert {(d.severity, d.code) for d in r.diagnostics} == {("warning", "unknown-reference")}


def test_references_in_code_are_ignored() -> None:
    body = "\n".join(
        [
            "# Alpha",
            "",
            "```",
            "[[IN-FENCE]]",
            "```",
            "",
            "~~~~yaml",
            "[[IN-TILDE-FENCE]]",
            "~~~~",
            "",
            "Inline `[[IN-CODE]]` and ``[[IN-DOUBLE]]``.",
            "",
            "    [[IN-INDENTED-CODE]]",
            "",
            "Real [[MISSING]].",
            "",
        ]
    )
    r = registry_of({"alpha.md": page("type: project", "owner: A", body=body)})
    assert messages(r) == ["alpha.md:19: [[MISSING]]: unknown id 'MISSING'; it is shown as plain text"]


def test_non_strict_references_are_info() -> None:
    r = registry_of({"alpha.md": page("type: project", "owner: A", body="[[GHOST]]\n")}, strict_references=False)
    assert messages(r) == ["alpha.md:5: [[GHOST]]: unknown id 'GHOST'; it is shown as plain text"]
    assert r.diagnostics[0].severity == "info"


def test_body_references_to_entries_resolve(site: Registry) -> None:
    gemini = site.get("GEMINI")
    assert gemini is not None
    assert [(ref.target, ref.line) for ref in gemini.refs] == [("apollo#M2", 10)]
    assert messages(site, "unknown-reference") == []


def test_pages_without_type_have_their_references_checked_but_take_no_part() -> None:
    r = registry_of({"notes.md": "# Notes\n\nSee [[a]] and [[NOWHERE]].\n", "a.md": page("type: project", "owner: A")})
    assert messages(r) == ["notes.md:3: [[NOWHERE]]: unknown id 'NOWHERE'; it is shown as plain text"]
    assert [e.id for e in r.entities] == ["A"]
    # Only pages that take part are back-linked.
    assert r.entities[0].rel.referenced_by == []


# --------------------------------------------------------------------------- reading a folder


def test_read_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "projects").mkdir(parents=True)
    (docs / ".hidden").mkdir()
    (docs / "projects" / "alpha.md").write_text(page("type: project", "owner: A", "program: NOPE"), encoding="utf-8")
    (docs / "projects" / "beta.markdown").write_bytes(("\ufeff" + page("type: project", "owner: B")).encode("utf-8"))
    (docs / ".hidden" / "x.md").write_text(page("type: project"), encoding="utf-8")
    (docs / "projects" / "notes.txt").write_text("type: project", encoding="utf-8")
    found = list(read_docs(docs))
    assert [p.src_uri for p in found] == ["projects/alpha.md", "projects/beta.markdown"]
    assert not found[1].text.startswith("\ufeff")
    r = Registry.build(found)
    assert [e.id for e in r.entities] == ["ALPHA", "BETA"]
    assert len(r.diagnostics) == 1
    assert str(r.diagnostics[0]).endswith("alpha.md:4: program: unknown id 'NOPE': expected the id of a program")
    assert isinstance(r.entities[0], Entity)


def test_a_chain_of_superseded_decisions_is_history_not_a_problem() -> None:
    """A ← B ← C: B took effect, then C replaced it; only the chain's last link must be accepted."""
    r = registry_of(
        {
            "d/a.md": page("type: decision", "status: superseded", "date: 2024-01-01"),
            "d/b.md": page("type: decision", "status: superseded", "date: 2025-01-01", "supersedes: [A]"),
            "d/c.md": page("type: decision", "status: accepted", "date: 2026-01-01", "supersedes: [B]"),
        }
    )
    assert messages(r) == []
