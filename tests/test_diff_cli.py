"""``mkdocs-pgm diff --since REF``: what changed since a point, read from git, as text, JSON and
GitHub step-summary Markdown. The repository below moves PAY's end date three times; the days are
counted by hand (2027-04-30 -> 2027-05-21: 21 days)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_pgm.cli import main

from helpers import commit, git


def project(end: str, health: str = "green") -> str:
    return (f"---\ntype: project\nid: PAY\ntitle: Payments\nowner: Ana\nhealth: {health}\n"
            f"start: 2026-01-01\nend: {end}\nbaseline: {{end: 2027-03-31}}\n---\n\n# Payments\n")




@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - pgm:\n      today: 2026-12-01\n", encoding="utf-8")
    shas = [
        commit(tmp_path, "2026-06-01", "Add payments", {"pay.md": project("2027-03-31")}),
        commit(tmp_path, "2026-07-15", "PSP contract late", {"pay.md": project("2027-04-10", "amber")}),
        commit(tmp_path, "2026-09-10", "Certification moves", {"pay.md": project("2027-04-30", "amber")}),
        commit(tmp_path, "2026-11-05", "Move PAY end | again <b>", {"pay.md": project("2027-05-21", "amber")}),
    ]
    git(tmp_path, "tag", "steering-2026-10", shas[2])
    return tmp_path, shas


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    status = main(["diff", "-f", str(root / "mkdocs.yml"), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_text_names_the_latest_slip_its_days_and_commit(repo, capsys):
    root, shas = repo
    for since in ("2026-10-01", "steering-2026-10"):
        status, out, err = run(capsys, root, "--since", since)
        assert status == 0, err
        assert out.splitlines() == [f"PAY slipped by 21 days (2027-04-30 → 2027-05-21) — {shas[3][:7]} Move PAY end | again <b>"]
    assert err.splitlines()[-1] == "1 change(s) since steering-2026-10 (" + shas[2][:7] + ") (4 commits read)"


def test_since_before_all_slips_sums_them_and_names_the_last_commit(repo, capsys):
    root, shas = repo
    status, out, _ = run(capsys, root, "--since", "2026-06-15")
    assert status == 0
    # 2027-03-31 -> 2027-05-21: 51 days; health green -> amber came with the July commit.
    assert out.splitlines() == [
        f"PAY slipped by 51 days (2027-03-31 → 2027-05-21) — {shas[3][:7]} Move PAY end | again <b>",
        f"PAY health changed (green → amber) — {shas[1][:7]} PSP contract late",
    ]


def test_json_lists_objects(repo, capsys):
    root, shas = repo
    status, out, _ = run(capsys, root, "--since", "2026-10-01", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert len(data) == 1
    change = data[0]
    assert {k: change[k] for k in ("kind", "entity", "before", "after", "days", "src_uri")} == {
        "kind": "slipped", "entity": "PAY", "before": "2027-04-30", "after": "2027-05-21", "days": 21, "src_uri": "pay.md",
    }
    assert change["source"] == {
        "kind": "commit", "date": "2026-11-05", "commit": shas[3], "short": shas[3][:7], "subject": "Move PAY end | again <b>",
        "author": "Ana Lima",
    }
    assert change["id"] == f"slipped/PAY//2027-04-30/2027-05-21/{shas[3]}"


def test_github_step_summary_is_a_markdown_table(repo, capsys):
    root, shas = repo
    status, out, _ = run(capsys, root, "--since", "2026-10-01", "--format", "github")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "## Governance changes since 2026-10-01"
    assert lines[2] == "| Change | Entity | Before | After | Days | Source |"
    row = lines[4]
    # The commit subject's pipe and tag cannot break the table or inject HTML.
    assert row.endswith(f"| 2027-04-30 | 2027-05-21 | +21 | `{shas[3][:7]}` Move PAY end \\| again &lt;b&gt; |")
    assert "**PAY** Payments" in row
    assert len(lines) == 5


def test_nothing_changed(repo, capsys):
    root, _ = repo
    status, out, err = run(capsys, root, "--since", "2026-11-20")
    assert (status, out) == (0, "")
    assert err.startswith("0 change(s) since 2026-11-20")
    status, out, _ = run(capsys, root, "--since", "2026-11-20", "--format", "github")
    assert out == "## Governance changes since 2026-11-20\n\nNo changes.\n"
    status, out, _ = run(capsys, root, "--since", "2026-11-20", "--format", "json")
    assert json.loads(out) == []


def test_a_bad_since_exits_2_with_what_to_write(repo, capsys):
    root, _ = repo
    status, out, err = run(capsys, root, "--since", "no-such-tag")
    assert (status, out) == (2, "")
    assert err == (
        "mkdocs-pgm diff: --since: 'no-such-tag' is not a date (YYYY-MM-DD), a git ref of this repository, "
        "'last-forum' or a pgm.json path or URL\n"
    )
    status, _, err = run(capsys, root, "--since", "missing.json")
    assert status == 2 and err.startswith("mkdocs-pgm diff: --since: cannot read missing.json")


def test_outside_git_says_what_is_missing(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pay.md").write_text(project("2027-05-21"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - pgm:\n      today: 2026-12-01\n", encoding="utf-8")
    status, out, err = run(capsys, tmp_path, "--since", "2026-10-01")
    assert (status, out) == (0, "")
    assert err.startswith("mkdocs-pgm diff: no ") and "the docs folder is not in a git repository" in err


def test_without_since_the_compare_to_option_counts(repo, capsys):
    root, shas = repo
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - pgm:\n      today: 2026-12-01\n      compare_to: steering-2026-10\n", encoding="utf-8",
    )
    status, out, _ = run(capsys, root)
    assert status == 0
    assert out.splitlines() == [f"PAY slipped by 21 days (2027-04-30 → 2027-05-21) — {shas[3][:7]} Move PAY end | again <b>"]


def test_a_bad_history_since_option_exits_2(repo, capsys):
    root, _ = repo
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - pgm:\n      history_since: soon\n", encoding="utf-8")
    status, out, err = run(capsys, root, "--since", "2026-10-01")
    assert (status, out) == (2, "")
    assert err == f"mkdocs-pgm: {root / 'mkdocs.yml'}: history_since: expected a date as YYYY-MM-DD, found 'soon'\n"
