"""What changed since a point in time: the changes of a timeline made by hand (slips, risks over
the threshold, decisions, change requests, pages added and removed, each named by the commit
that made it), the view that groups them, and the changes-since page, the program page's
section and the dashboard of a real build in a git repository. Days are counted by hand."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from mkdocs_pgm.core.directives import DIRECTIVES, GENERATED
from mkdocs_pgm.core.history.changes import CHANGE_KINDS, Source
from mkdocs_pgm.core.history.state import Item, State
from mkdocs_pgm.core.history.timeline import History, Point, Revision, Timeline, Update
from mkdocs_pgm.core.i18n import STRINGS, locale_for
from mkdocs_pgm.core.model.markdown_scan import Directive
from mkdocs_pgm.core.views.changes import changes_view, detail
from mkdocs_pgm.core.views.render import PageRef, Renderer

from helpers import commit, git, registry_of

TODAY = dt.date(2026, 12, 1)
AUG1 = Point("date", "2026-08-01", dt.date(2026, 8, 1))


def src(sha: str, day: str, subject: str, author: str = "Ana Lima") -> Source:
    return Source("commit", dt.date.fromisoformat(day), sha * 40, subject, author)


def pay(end: str, *, health: str = "green", items: tuple[Item, ...] = (), status: str = "active") -> State:
    return State("PAY", "project", "Payments", status=status, health=health, end=dt.date.fromisoformat(end), program="PRG", items=items)


def timeline(revisions: dict[str, list[Revision]], current: dict[str, State], point: Point = AUG1, **extra: object) -> Timeline:
    history = History(revisions=revisions, head="f" * 40, commits=9, first=dt.date(2026, 6, 1))
    return Timeline(history, current, point, TODAY, **extra)  # type: ignore[arg-type]


def found(line: Timeline, src_uri: str | None = None) -> list[tuple[object, ...]]:
    changes = line.changes_of(src_uri) if src_uri else line.changes()
    return [(c.kind, c.entity, c.item, c.before, c.after, c.days, c.source.short or c.source.kind) for c in changes]


# ------------------------------------------------------------------ the changes, from states made by hand


def test_every_kind_has_a_label_in_every_language():
    for spec in CHANGE_KINDS.values():
        for language, table in STRINGS.items():
            assert spec.label in table, (language, spec.label)
            assert f"changes.group.{spec.group}" in table, (language, spec.group)


def test_a_slip_is_named_by_the_commit_that_made_it():
    # 06-01 end 03-31; 07-15 +30 days (before the point); 09-10 health red; 10-20 +45 days: since 08-01 the end
    # moved 2027-04-30 -> 2027-06-14 (+45), named by 10-20's commit, and the health by 09-10's.
    revisions = {"pay.md": [
        Revision(src("a", "2026-06-01", "Add payments"), pay("2027-03-31")),
        Revision(src("b", "2026-07-15", "PSP late"), pay("2027-04-30", health="amber")),
        Revision(src("c", "2026-09-10", "Red"), pay("2027-04-30", health="red")),
        Revision(src("d", "2026-10-20", "Certification moves"), pay("2027-06-14", health="red")),
    ]}
    line = timeline(revisions, {"pay.md": pay("2027-06-14", health="red")})
    assert found(line, "pay.md") == [
        ("slipped", "PAY", None, "2027-04-30", "2027-06-14", 45, "ddddddd"),
        ("health", "PAY", None, "amber", "red", None, "ccccccc"),
    ]
    # An edit not committed yet is named so; the end back by 14 days is a recovery of 31 (06-14 -> 05-31 ... from 04-30: +31).
    line = timeline(revisions, {"pay.md": pay("2027-05-31", health="red")})
    assert found(line, "pay.md")[0] == ("slipped", "PAY", None, "2027-04-30", "2027-05-31", 31, "working-tree")
    line = timeline(revisions, {"pay.md": pay("2027-04-20", health="red")})
    assert found(line, "pay.md")[0] == ("recovered", "PAY", None, "2027-04-30", "2027-04-20", -10, "working-tree")


def test_risks_over_the_threshold_new_and_closed():
    before = (Item("R1", "risk", "PSP", "open", score=9), Item("R3", "risk", "Old", "open", score=4))
    after = (Item("R1", "risk", "PSP", "open", score=16), Item("R2", "risk", "New", "open", score=4),
             Item("R3", "risk", "Old", "closed", score=4))
    revisions = {"pay.md": [
        Revision(src("a", "2026-06-01", "Add"), pay("2027-03-31", items=before)),
        Revision(src("b", "2026-09-01", "Risks"), pay("2027-03-31", items=after)),
    ]}
    line = timeline(revisions, {"pay.md": pay("2027-03-31", items=after)}, thresholds={"pay.md": 12})
    assert found(line) == [
        ("risk-crossed", "PAY", "R1", "9", "16", None, "bbbbbbb"),
        ("risk-new", "PAY", "R2", None, "open", None, "bbbbbbb"),
        ("risk-closed", "PAY", "R3", "open", "closed", None, "bbbbbbb"),
    ]
    # Without a threshold nothing is crossed; a score already over it before is no crossing.
    assert "risk-crossed" not in {c[0] for c in found(timeline(revisions, {"pay.md": pay("2027-03-31", items=after)}))}
    line = timeline(revisions, {"pay.md": pay("2027-03-31", items=after)}, thresholds={"pay.md": 8})
    assert "risk-crossed" not in {c[0] for c in found(line)}


def test_decisions_taken_and_change_requests_raised_or_settled():
    adr = State("ADR-7", "decision", "Use PSP B", status="proposed", program="PRG")
    crs = (Item("CR1", "change", "Scope cut", "requested"),)
    revisions = {
        "adr.md": [Revision(src("a", "2026-06-01", "Propose"), adr)],
        "pay.md": [Revision(src("a", "2026-06-01", "Add"), pay("2027-03-31", items=crs))],
    }
    now_crs = (Item("CR1", "change", "Scope cut", "approved"), Item("CR2", "change", "More scope", "requested"))
    current = {"adr.md": State("ADR-7", "decision", "Use PSP B", status="accepted", program="PRG"),
               "pay.md": pay("2027-03-31", items=now_crs)}
    assert found(timeline(revisions, current)) == [
        # Not committed yet: the newest; then by entity id.
        ("decision", "ADR-7", None, "proposed", "accepted", None, "working-tree"),
        ("change-raised", "PAY", "CR2", None, "requested", None, "working-tree"),
        ("change-settled", "PAY", "CR1", "requested", "approved", None, "working-tree"),
    ]


def test_projects_added_and_removed():
    old = State("OLD", "project", "Old system", end=dt.date(2026, 12, 31), program="PRG")
    revisions = {
        "old.md": [Revision(src("a", "2026-06-01", "Add"), old), Revision(src("e", "2026-10-01", "Drop the old system"), None)],
        "new.md": [Revision(src("f", "2026-11-02", "Start CRM"), State("CRM", "project", "CRM", end=dt.date(2027, 9, 30), program="PRG"))],
    }
    current = {"new.md": State("CRM", "project", "CRM", end=dt.date(2027, 9, 30), program="PRG")}
    assert found(timeline(revisions, current)) == [
        ("added", "CRM", None, None, "2027-09-30", None, "fffffff"),
        ("removed", "OLD", None, "2026-12-31", None, None, "eeeeeee"),
    ]


# ------------------------------------------------------------------ the view


PROGRAM = "---\ntype: program\nid: PRG\ntitle: Program\nowner: Dana\ngovernance: {risk_threshold: 12}\n---\n\n# Program\n"


def project_page(ident: str, title: str, end: str, *, program: str = "PRG", health: str = "green", risks: str = "") -> str:
    return (f"---\ntype: project\nid: {ident}\ntitle: {title}\nowner: Ana\nprogram: {program}\nhealth: {health}\n"
            f"start: 2026-01-01\nend: {end}\nbaseline: {{end: 2027-03-31}}\n{risks}---\n\n# {title}\n")


def test_the_view_groups_links_and_filters_by_program():
    registry = registry_of({
        "prg.md": PROGRAM, "other.md": PROGRAM.replace("PRG", "OTH").replace("Program", "Other"),
        "pay.md": project_page("PAY", "Payments", "2027-06-14", health="red",
                               risks="risks:\n  - {id: R1, title: PSP, probability: 4, impact: 4}\n"),
        "crm.md": project_page("CRM", "CRM", "2027-05-01", program="OTH"),
    })
    revisions = {
        "pay.md": [Revision(src("a", "2026-06-01", "Add"), pay("2027-04-30", health="amber"))],
        "crm.md": [Revision(src("a", "2026-06-01", "Add"), State("CRM", "project", "CRM", end=dt.date(2027, 4, 1), program="OTH"))],
    }
    risk = (Item("R1", "risk", "PSP", "open", score=16),)
    current = {"pay.md": pay("2027-06-14", health="red", items=risk),
               "crm.md": State("CRM", "project", "CRM", end=dt.date(2027, 5, 1), program="OTH")}
    line = timeline(revisions, current, thresholds={"pay.md": 12})
    view = changes_view(line, registry)
    assert not view.off and view.since == "2026-08-01" and view.count == 5
    assert [(g.name, [r.change.kind for r in g.rows]) for g in view.groups] == [
        ("schedule", ["slipped", "slipped"]), ("status", ["health"]), ("raid", ["risk-crossed", "risk-new"]),
    ]
    # The largest slip first: PAY +45 days, CRM +30.
    assert [(r.change.entity, r.change.days, r.detail) for r in view.top_slips] == [
        ("PAY", 45, "+45 days: 2027-04-30 → 2027-06-14"), ("CRM", 30, "+30 days: 2027-04-01 → 2027-05-01")]
    crossed = view.groups[2].rows[0]
    assert crossed.entity is registry.get("PAY") and crossed.node is not None and crossed.node.anchor == "risk-r1"
    assert crossed.detail == "score 16"
    mine = changes_view(line, registry, programs=[registry.get("OTH")])
    assert [(r.change.entity, r.change.kind) for g in mine.groups for r in g.rows] == [("CRM", "slipped")]
    # In German: dates and days as German writes them.
    german = changes_view(line, registry, locale_for("de"), programs=[registry.get("OTH")])
    de = locale_for("de")
    assert german.since == "1. Aug. 2026" == de.date(dt.date(2026, 8, 1))
    assert german.groups[0].rows[0].detail == f"+30 Tage: {de.date(dt.date(2027, 4, 1))} → {de.date(dt.date(2027, 5, 1))}"
    assert german.groups[0].title == "Termine" and german.groups[0].rows[0].label == "Verschoben"


def test_details_of_each_kind():
    base = State("PAY", "project", "Payments")
    from mkdocs_pgm.core.history.changes import Change

    def text(kind: str, **fields: object) -> str:
        return detail(Change(kind, base.id, base.kind, base.title, "pay.md", **fields))  # type: ignore[arg-type]

    assert text("health", before="green", after="amber") == "Green → Amber"
    assert text("status", before="active", after="on-hold") == "active → on hold"
    assert text("phase", before=None, after="execution") == "Execution"
    assert text("risk-crossed", before="9", after="16") == "score 9 → 16"
    assert text("update", before="active", after="amber", item_title="PSP late") == "Amber, active: PSP late"
    assert text("milestone-recovered", before="2027-01-31", after="2027-01-21", days=-10) == "-10 days: 2027-01-31 → 2027-01-21"
    assert text("added", after="2027-01-01") == ""


def test_without_history_the_views_say_so():
    registry = registry_of({"prg.md": PROGRAM, "pay.md": project_page("PAY", "Payments", "2027-06-14")})
    renderer = Renderer(registry, lambda s: s.removesuffix(".md") + "/" if s else None, today=TODAY)
    page = PageRef("governance/changes-since/", "governance/changes-since.md")
    fragment = renderer.render(Directive("changes-since", (), 1), page)
    assert fragment is not None
    assert "History is off: there is no earlier state to compare with" in fragment.html
    # The program page has no section, the dashboard none either.
    program = renderer.sections(registry.get("PRG"), "prg/")
    assert 'id="pgm-changes-since"' not in program.html
    assert 'id="pgm-recent-changes"' not in renderer.dashboard("governance/").html
    # History turned off (point "none"): the same sentence.
    renderer.timeline = timeline({}, {}, Point("none", ""))
    assert "History is off" in renderer.changes_since("x/").html
    # History read, nothing changed since the point.
    renderer.timeline = timeline({"pay.md": [Revision(src("a", "2026-06-01", "Add"), pay("2027-06-14"))]}, {"pay.md": pay("2027-06-14")})
    assert "Nothing changed since 2026-08-01." in renderer.changes_since("x/").html
    # No git history read: status updates only, and a note says so.
    updates = {"pay.md": [Update(dt.date(2026, 7, 1), "active", "green", "Old"), Update(dt.date(2026, 11, 2), "active", "amber", "PSP <late>")]}
    renderer.timeline = Timeline(History(missing="no git"), {"pay.md": pay("2027-06-14")}, AUG1, TODAY, updates=updates)
    html_text = renderer.changes_since("x/").html
    assert "The page history could not be read from git: only status updates are listed." in html_text
    assert "Status update</span> <span class=\"pgm-change-detail\">Amber, active: PSP &lt;late&gt;</span>" in html_text
    assert "status update of 2026-11-02" in html_text and "Old" not in html_text
    # A history that starts after the point: counted from its first day, and said.
    renderer.timeline = Timeline(History(head="f" * 40, first=dt.date(2026, 9, 1)), {}, AUG1, TODAY)
    assert "The git history read starts on 2026-09-01: changes before that day are not known." in renderer.changes_since("x/").html


def test_the_directive_table_has_the_page():
    spec = DIRECTIVES["changes-since"]
    assert spec.view == "changes_since" and set(spec.arguments) == {"program"}
    assert GENERATED["changes-since"].slug == "changes-since"
    assert GENERATED["changes-since"].markdown("changes-since").startswith("# Changes since the last review\n\nWhat moved")


# ------------------------------------------------------------------ a real build in a git repository






HOSTILE = '<script>alert(1)</script> "Pay" & co'


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """Payments slips +30 days (07-15), then +61 (09-10, red) and a risk over the threshold is added (11-05)."""
    git(tmp_path, "init", "-q", "-b", "main")
    risk = "risks:\n  - {id: R1, title: PSP certification, probability: 4, impact: 4}\n"
    shas = [
        commit(tmp_path, "2026-06-01", "Add payments", {"pay.md": project_page("PAY", "Payments", "2027-03-31"), "prg.md": PROGRAM}),
        commit(tmp_path, "2026-07-15", "PSP contract late", {"pay.md": project_page("PAY", "Payments", "2027-04-30", health="amber")}),
        commit(tmp_path, "2026-09-10", "Certification <moves>", {"pay.md": project_page("PAY", "Payments", "2027-06-30", health="red")}),
        commit(tmp_path, "2026-11-05", "Risk found", {"pay.md": project_page("PAY", "Payments", "2027-06-30", health="red", risks=risk)}),
    ]
    return tmp_path, shas


def build(build_site, root: Path, compare_to: str):
    config = {"plugins": ["search", {"pgm": {"today": "2026-12-01", "compare_to": compare_to}}]}
    return build_site(root, {}, config)


def text_of(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def test_the_changes_since_page_of_a_build(build_site, repo):
    root, shas = repo
    site = build(build_site, root, "2026-08-01")
    page = site.html("governance/changes-since.md")
    part = page[page.index('<div class="pgm pgm-changes-since">'):]
    words = text_of(part)
    # Since 08-01 (end 2027-04-30, amber): +61 days by "Certification <moves>" (escaped), red by the same commit, R1 on 11-05.
    assert "Changes since 2026-08-01. 4 changes." in words
    assert f"Slipped +61 days: 2027-04-30 → 2027-06-30 Payments 2026-09-10 {shas[2][:7]} Certification <moves> by Ana Lima" in words
    assert "Certification &lt;moves&gt;" in part
    assert f"Crossed the escalation threshold score 16 PSP certification ( Payments ) 2026-11-05 {shas[3][:7]} Risk found" in words
    assert 'href="../../pay/#risk-r1"' in part and 'id="pgm-changes-since-schedule"' in part
    # The program page: its section, counted from the same point.
    program = site.html("prg.md")
    start = program.index('<h2 id="pgm-changes-since">')
    section = text_of(program[start:program.index("</table>", start)])
    assert section == ("Changes since 2026-08-01 4 changes. Schedule (1) What Where When Source "
                       f"Slipped +61 days: 2027-04-30 → 2027-06-30 Payments 2026-09-10 {shas[2][:7]} Certification <moves> by Ana Lima")
    # The dashboard: counts per group, the largest slip, a link to the page.
    dashboard = site.html("governance/index.md")
    recent = text_of(dashboard[dashboard.index('<h2 id="pgm-recent-changes"'):dashboard.index("</ul>", dashboard.index('id="pgm-recent-slips"'))])
    assert recent == ("What changed Changes since 2026-08-01. 4 changes. All changes Schedule: 1 Health and status: 1 "
                      f"Risks and issues: 2 Largest slips Payments : +61 days: 2027-04-30 → 2027-06-30 {shas[2][:7]}")
    assert 'href="changes-since/#pgm-changes-since-raid"' in dashboard
    # The page's text is in the search index.
    index = site.json("search/search_index.json")
    assert any(d["location"].startswith("governance/changes-since/") and "Certification" in d["text"] for d in index["docs"])


def test_compare_to_a_tag_and_a_hostile_title(build_site, repo):
    root, shas = repo
    git(root, "tag", "steering-2026-08", shas[1])
    # Not committed: the title changes and the end moves again.
    (root / "docs/pay.md").write_text(project_page("PAY", HOSTILE, "2027-07-31", health="red"), encoding="utf-8")
    site = build(build_site, root, "steering-2026-08")
    page = site.html("governance/changes-since.md")
    part = page[page.index('<div class="pgm pgm-changes-since">'):]
    words = text_of(part)
    # From the tag (end 2027-04-30) to the working tree (2027-07-31): +92 days, not committed yet; R1 added and removed since: nothing.
    assert f"Changes since steering-2026-08 ({shas[1][:7]})." in words
    assert f"Slipped +92 days: 2027-04-30 → 2027-07-31 {HOSTILE} not committed yet" in words
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &#34;Pay&#34; &amp; co" in part
    assert re.findall(r'data-pgm-change="([^"]+)"', part) == ["slipped", "health"]
    for where in ("prg.md", "governance/index.md"):
        shown = site.html(where)
        assert "<script>alert(1)" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt; &#34;Pay&#34; &amp; co" in shown, where


def test_last_forum_counts_each_program_from_its_own_forum(build_site, repo):
    root, _ = repo
    forum = "governance: {risk_threshold: 12, forums: [{name: Steering board, cadence: monthly}]}"
    commit(root, "2026-06-02", "Forums", {"prg.md": PROGRAM.replace("governance: {risk_threshold: 12}", forum)})
    (root / "docs/notes.md").write_text("# Notes\n\n<!-- pgm:changes-since program=PRG -->\n", encoding="utf-8")
    site = build(build_site, root, "last-forum")
    # Monthly, no decision of the forum yet: today less 31 days, 2026-10-31; since then only the 11-05 commit.
    program = site.html("prg.md")
    start = program.index('<h2 id="pgm-changes-since">')
    assert text_of(program[start:program.index("</table>", start)]).startswith(
        "Changes since the last Steering board (2026-10-31) 2 changes. Risks and issues (2)")
    page = text_of(site.html("governance/changes-since.md"))
    assert "Each program is compared with its last steering forum: Program : the last Steering board (2026-10-31)" in page
    # The directive with program=: counted from that program's point, its changes only.
    notes = text_of(site.html("notes.md"))
    assert "Changes since the last Steering board (2026-10-31). 2 changes." in notes and "Each program" not in notes
    assert site.warnings == []


def test_history_off_in_a_build(build_site, repo):
    root, _ = repo
    site = build_site(root, {}, {"plugins": ["search", {"pgm": {"today": "2026-12-01", "history": False}}]})
    page = site.html("governance/changes-since.md")
    assert "History is off: there is no earlier state to compare with" in page
    assert 'id="pgm-changes-since"' not in site.html("prg.md") and 'id="pgm-recent-changes"' not in site.html("governance/index.md")
