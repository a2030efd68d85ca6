"""Page history read from git (core/history): the reader, its cache, the point changes are
counted from, and what a build says when history is missing. Dates and days are computed by
hand from the commits below."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from mkdocs_pgm.core.history.changes import compare
from mkdocs_pgm.core.history.git import Reader, resolve_ref
from mkdocs_pgm.core.history.published import read_export
from mkdocs_pgm.core.history.state import State, state_from_export
from mkdocs_pgm.core.history.timeline import Point, cadence_days, forum_point, resolve_point, timeline_of
from mkdocs_pgm.core.model.registry import ParseOptions

from helpers import commit, git, registry_of

TODAY = dt.date(2026, 12, 1)




def project(end: str, *, health: str = "green", risks: str = "", body: str = "Body.") -> str:
    return (f"---\ntype: project\nid: PAY\ntitle: Payments\nowner: Ana\nprogram: PRG\nhealth: {health}\n"
            f"start: 2026-01-01\nend: {end}\nbaseline: {{end: 2027-03-31}}\n{risks}---\n\n# Payments\n\n{body}\n")


PROGRAM = "---\ntype: program\nid: PRG\ntitle: Program\nowner: Dana\ngovernance: {risk_threshold: 12}\n---\n\n# Program\n"




@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """A project whose end moves three times (+30, +61, -30 days) and whose body changes once."""
    git(tmp_path, "init", "-q", "-b", "main")
    shas = [
        commit(tmp_path, "2026-06-01", "Add payments", {"pay.md": project("2027-03-31"), "prg.md": PROGRAM}),
        commit(tmp_path, "2026-07-15", "PSP contract late", {"pay.md": project("2027-04-30", health="amber")}),
        commit(tmp_path, "2026-08-20", "Reword the body", {"pay.md": project("2027-04-30", health="amber", body="Other words.")}),
        commit(tmp_path, "2026-09-10", "Certification moves", {"pay.md": project("2027-06-30", health="red")}),
        commit(tmp_path, "2026-11-05", "Recovered a month", {"pay.md": project(
            "2027-05-31", health="amber", risks="risks:\n  - {id: R1, title: PSP, probability: 4, impact: 4}\n")}),
    ]
    return tmp_path, shas


def read(root: Path, cache: Path | None = None, since: dt.date | None = None) -> tuple[Reader, object]:
    reader = Reader(str(root / "docs"), str(cache) if cache else None, ParseOptions.of())
    return reader, reader.read(since=since)


def test_revisions_keep_what_governance_follows(repo):
    root, shas = repo
    _, history = read(root)
    assert history.missing == "" and history.commits == 5 and history.head == shas[-1]
    revisions = history.revisions["pay.md"]
    # The body-only commit changes nothing governance follows: four revisions, not five.
    assert [(r.source.date.isoformat(), r.source.commit, r.state.end.isoformat()) for r in revisions] == [
        ("2026-06-01", shas[0], "2027-03-31"), ("2026-07-15", shas[1], "2027-04-30"),
        ("2026-09-10", shas[3], "2027-06-30"), ("2026-11-05", shas[4], "2027-05-31"),
    ]
    assert revisions[1].source.subject == "PSP contract late" and revisions[1].source.author == "Ana Lima"
    # "Last changed" counts every commit, the body's too.
    assert history.last_changed["pay.md"] == dt.date(2026, 11, 5)


def test_slips_of_a_project(repo):
    root, shas = repo
    _, history = read(root)
    registry = registry_of({"pay.md": (root / "docs/pay.md").read_text(), "prg.md": PROGRAM})
    timeline = timeline_of(registry, history, resolve_point(None, TODAY), TODAY)
    slips = timeline.slips("pay.md")
    assert [(s.source.short, s.before.isoformat(), s.after.isoformat(), s.days, s.health) for s in slips] == [
        (shas[1][:7], "2027-03-31", "2027-04-30", 30, "amber"),
        (shas[3][:7], "2027-04-30", "2027-06-30", 61, "red"),
        (shas[4][:7], "2027-06-30", "2027-05-31", -30, "amber"),
    ]


def test_changes_since_a_date_name_their_commit(repo):
    root, shas = repo
    _, history = read(root)
    text = (root / "docs/pay.md").read_text()
    registry = registry_of({"pay.md": text, "prg.md": PROGRAM})
    # Since 2026-08-01 the state then was end 2027-04-30, amber: the end moved +61 then -30 = +31 days.
    timeline = timeline_of(registry, history, resolve_point("2026-08-01", TODAY), TODAY)
    found = [(c.kind, c.item, c.before, c.after, c.days, c.source.short) for c in timeline.changes_of("pay.md")]
    assert found == [
        ("slipped", None, "2027-04-30", "2027-05-31", 31, shas[4][:7]),
        # R1 scores 16, over the program's threshold of 12: new, and over the threshold.
        ("risk-crossed", "R1", None, "16", None, shas[4][:7]),
        ("risk-new", "R1", None, "open", None, shas[4][:7]),
    ]
    # The health is amber then and now: no change, although it went red in between.
    assert "health" not in {c.kind for c in timeline.changes_of("pay.md")}


def test_an_edit_not_committed_is_named_so(repo):
    root, _ = repo
    _, history = read(root)
    registry = registry_of({"pay.md": project("2027-07-31", health="red"), "prg.md": PROGRAM})
    timeline = timeline_of(registry, history, resolve_point("2026-11-01", TODAY), TODAY)
    # Since 2026-11-01 (the 2026-09-10 commit: end 2027-06-30, red) to the working tree (2027-07-31, red):
    # one slip of 31 days, not committed yet; R1, added and removed since, is no change.
    found = [(c.kind, c.before, c.after, c.days, c.source.kind) for c in timeline.changes_of("pay.md")]
    assert found == [("slipped", "2027-06-30", "2027-07-31", 31, "working-tree")]


def test_compare_to_a_tag(repo):
    root, shas = repo
    git(root, "tag", "steering-2026-08", shas[2])
    commit_id, day, commits = resolve_ref(str(root / "docs"), "steering-2026-08")
    assert commit_id == shas[2] and day == dt.date(2026, 8, 20) and shas[1] in commits and shas[3] not in commits
    _, history = read(root)
    registry = registry_of({"pay.md": (root / "docs/pay.md").read_text(), "prg.md": PROGRAM})
    point = resolve_point("steering-2026-08", TODAY, ref=lambda r: resolve_ref(str(root / "docs"), r))
    assert point.kind == "ref" and point.label == f"steering-2026-08 ({shas[2][:7]})"
    timeline = timeline_of(registry, history, point, TODAY)
    assert [(c.kind, c.days) for c in timeline.changes_of("pay.md") if c.kind == "slipped"] == [("slipped", 31)]
    assert resolve_ref(str(root / "docs"), "no-such-tag") is None
    with pytest.raises(ValueError, match="is not a date"):
        resolve_point("no-such-tag", TODAY, ref=lambda r: resolve_ref(str(root / "docs"), r))


def test_the_cache_reads_only_new_commits(repo, tmp_path_factory):
    root, _ = repo
    cache = tmp_path_factory.mktemp("cache")
    reader, first = read(root, cache)
    assert reader.blobs_read == 6  # the program once, five versions of the project (the body-only one too)
    again = Reader(str(root / "docs"), str(cache), ParseOptions.of())
    second = again.read()
    assert again.blobs_read == 0 and second.revisions == first.revisions
    new = commit(root, "2026-11-20", "Another move", {"pay.md": project("2027-08-31", health="red")})
    third = again.read()
    assert again.blobs_read == 1 and third.head == new and third.revisions["pay.md"][-1].state.end == dt.date(2027, 8, 31)


def test_history_since_reads_the_state_just_before(repo):
    root, shas = repo
    _, history = read(root, since=dt.date(2026, 9, 1))
    revisions = history.revisions["pay.md"]
    # The commit before 2026-09-01 gives the base (end 2027-04-30), then the two commits after it.
    assert [r.state.end.isoformat() for r in revisions] == ["2027-04-30", "2027-06-30", "2027-05-31"]
    assert revisions[0].source.commit == shas[2]


def test_no_git_and_shallow_clones_say_what_is_missing(tmp_path_factory, repo):
    tmp_path = tmp_path_factory.mktemp("elsewhere")
    plain = tmp_path / "plain"
    (plain / "docs").mkdir(parents=True)
    history = Reader(str(plain / "docs"), None, ParseOptions.of()).read()
    assert history.missing.startswith("no page history: the docs folder is not in a git repository (")
    assert history.revisions == {}
    root, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{root}", str(clone)], check=True, capture_output=True)
    history = Reader(str(clone / "docs"), None, ParseOptions.of()).read()
    assert history.missing == (
        "page history is partial: the clone is shallow (2 commits read), so slips and changes before them are missing; "
        "in CI, fetch the whole history (GitHub Actions: actions/checkout with 'fetch-depth: 0'; GitLab CI: GIT_DEPTH: 0)"
    )


def test_a_build_outside_git_says_so_once(build_site, tmp_path):
    site = build_site(tmp_path, {"pay.md": project("2027-03-31")}, {"plugins": [{"pgm": {"today": "2026-12-01"}}]})
    infos = [r.getMessage() for r in site.records if "page history" in r.getMessage()]
    assert len(infos) == 1 and infos[0].startswith("mkdocs_pgm: No page history: the docs folder is not in a git repository (")
    quiet = build_site(tmp_path / "off", {"pay.md": project("2027-03-31")}, {"plugins": [{"pgm": {"history": False}}]})
    assert not [r for r in quiet.records if "page history" in r.getMessage()]


def test_compare_to_a_published_pgm_json(tmp_path):
    document = {"generated": {"today": "2026-10-01"}, "entities": [
        {"id": "PAY", "type": "project", "title": "Payments", "front_matter": {
            "type": "project", "id": "PAY", "owner": "Ana", "end": "2027-03-31", "health": "green"},
         "entries": [{"kind": "risk", "front_matter": {"id": "R0", "title": "Old", "probability": 2, "impact": 2}}]},
        {"id": "BAD", "type": "project", "front_matter": {"type": "project", "end": "not a date"}},
    ]}
    (tmp_path / "old.json").write_text(json.dumps(document), encoding="utf-8")
    states, day = read_export("old.json", str(tmp_path))
    assert day == dt.date(2026, 10, 1) and set(states) == {"pay"}  # one that does not validate is left out
    assert states["pay"].end == dt.date(2027, 3, 31) and states["pay"].items[0].id == "R0"
    point = resolve_point("old.json", TODAY, export=lambda location: read_export(location, str(tmp_path)))
    assert point.kind == "export" and point.date == dt.date(2026, 10, 1)
    with pytest.raises(ValueError, match=r"cannot read missing\.json"):
        resolve_point("missing.json", TODAY, export=lambda location: read_export(location, str(tmp_path)))
    assert state_from_export({"id": "X", "type": "decision", "virtual": True, "front_matter": {}}) is None


def test_last_forum():
    # The latest decision taken by the steering forum, else today less its cadence.
    forums = [("Design authority", "weekly"), ("Steering review", "monthly")]
    decided = [("Steering review", dt.date(2026, 10, 14)), ("steering review", dt.date(2026, 11, 12)), ("Design authority", dt.date(2026, 11, 30))]
    assert forum_point(forums, decided, TODAY) == Point("forum", "Steering review, 2026-11-12", dt.date(2026, 11, 12))
    assert forum_point(forums, [], TODAY) == Point("forum", "Steering review, 2026-10-31", dt.date(2026, 10, 31))
    assert forum_point([("Board", "quarterly")], [], TODAY).date == dt.date(2026, 8, 31)
    assert forum_point([], decided, TODAY) is None
    assert [cadence_days(c) for c in ("Monthly", "every two weeks", "Quarterly, first Monday", "when needed", None)] == [31, 14, 92, None, None]


def test_compare_reports_each_kind_once():
    before = State("PAY", "project", "Payments", status="active", health="green", end=dt.date(2027, 3, 31))
    after = State("PAY", "project", "Payments", status="on-hold", health="red", end=dt.date(2027, 3, 1))
    assert [(c.kind, c.before, c.after, c.days) for c in compare(before, after, src_uri="pay.md")] == [
        ("recovered", "2027-03-31", "2027-03-01", -30), ("health", "green", "red", None), ("status", "active", "on-hold", None),
    ]
    assert [c.kind for c in compare(None, after, src_uri="pay.md")] == ["added"]
    assert [c.kind for c in compare(before, None, src_uri="pay.md")] == ["removed"]


def test_before_the_first_commit_changes_count_from_it(repo):
    root, shas = repo
    _, history = read(root)
    registry = registry_of({"pay.md": (root / "docs/pay.md").read_text(), "prg.md": PROGRAM})
    # 2026-05-01 is before the repository's first commit (2026-06-01): changes count from that commit's day,
    # when the project ended 2027-03-31 and was green; it is not reported as added.
    timeline = timeline_of(registry, history, resolve_point("2026-05-01", TODAY), TODAY)
    assert timeline.counted_from(timeline.point) == history.first == dt.date(2026, 6, 1)
    found = [(c.kind, c.item, c.before, c.after, c.days, c.source.short) for c in timeline.changes_of("pay.md")]
    # The health went amber (07-15), red (09-10), amber (11-05): the last commit that changed it is named.
    assert found == [
        ("slipped", None, "2027-03-31", "2027-05-31", 61, shas[4][:7]),
        ("health", None, "green", "amber", None, shas[4][:7]),
        ("risk-crossed", "R1", None, "16", None, shas[4][:7]),
        ("risk-new", "R1", None, "open", None, shas[4][:7]),
    ]
