"""``mkdocs-pgm new``: pages with valid front matter, numbered like the folder's ADRs, nothing overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mkdocs_pgm.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "docs" / "example"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "docs")
    # The example imports a mobile team's site (click & collect depends on one of its projects), as mkdocs.yml says.
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Example\nplugins:\n  - pgm:\n      sources: [{name: mobile, url: docs/sources/mobile.pgm.json}]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def new(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["new", *args, "--today", "2026-12-02"])
    out, err = capsys.readouterr()
    return status, out, err


def strict_check(capsys: pytest.CaptureFixture[str]) -> str:
    sources = ["--sources"] if Path("mkdocs.yml").is_file() else []  # the example's source
    status = main(["check", "docs", "--strict", *sources])
    out, err = capsys.readouterr()
    assert status == 0, out + err
    return err


def test_each_kind_is_written_where_its_kind_lives_and_passes_a_strict_check(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(capsys, "program", "Digital channels", "--owner", "Dana Smith", "--portfolio", "PF-DIGITAL") == (
        0, "docs/programs/digital-channels.md: new program DIGITAL-CHANNELS\n", "")
    assert new(capsys, "project", "Loyalty app: phase 2", "--program", "DIGITAL-CHANNELS") == (
        0, "docs/projects/loyalty-app-phase-2.md: new project LOYALTY-APP-PHASE-2\n", "")
    # The example's decisions are 0001-0006 with ids DEC-001…: the next is 0007 / DEC-007.
    assert new(capsys, "decision", "Use PostgreSQL for orders", "--scope", "PRG-ECOM") == (
        0, "docs/decisions/0007-use-postgresql-for-orders.md: new decision DEC-007\n", "")
    project = (docs / "projects" / "loyalty-app-phase-2.md").read_text(encoding="utf-8")
    assert project.startswith('---\ntype: project\nid: LOYALTY-APP-PHASE-2\ntitle: "Loyalty app: phase 2"\nowner: "To be named"\n'
                              "program: DIGITAL-CHANNELS\nstatus: planned\n")
    assert "start: 2026-12-02\n" in project and "\n# Loyalty app: phase 2\n" in project
    decision = (docs / "decisions" / "0007-use-postgresql-for-orders.md").read_text(encoding="utf-8")
    assert "status: proposed\ndate: 2026-12-02\n" in decision and "scope: PRG-ECOM\n" in decision
    assert "## Decision outcome" in decision
    assert strict_check(capsys).startswith("27 entities in 24 pages: 0 error(s), 0 warning(s)")  # 4 from the mobile team's site


def test_supersedes_marks_the_old_decision_and_changes_nothing_else_in_it(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = docs / "decisions" / "0003-lakehouse-open-table-format.md"
    before = old.read_text(encoding="utf-8")
    status, out, err = new(capsys, "decision", "Lakehouse on managed tables", "--supersedes", "DEC-003")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "docs/decisions/0007-lakehouse-on-managed-tables.md: new decision DEC-007",
        "docs/decisions/0003-lakehouse-open-table-format.md: DEC-003 is now superseded by DEC-007",
    ]
    assert old.read_text(encoding="utf-8") == before.replace("\nstatus: accepted\n", "\nstatus: superseded\n", 1)
    made = (docs / "decisions" / "0007-lakehouse-on-managed-tables.md").read_text(encoding="utf-8")
    assert "status: accepted\n" in made and "supersedes: [DEC-003]\n" in made
    strict_check(capsys)


def test_a_proposed_successor_leaves_the_old_decision_as_it_is(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = docs / "decisions" / "0001-headless-commerce-platform.md"
    before = old.read_text(encoding="utf-8")
    status, out, _ = new(capsys, "decision", "Composable commerce", "--supersedes", "DEC-001", "--status", "proposed")
    assert status == 0
    assert out.splitlines()[1] == "DEC-001: left as they are until DEC-007 is accepted (then set their status to superseded)"
    assert old.read_text(encoding="utf-8") == before
    made = (docs / "decisions" / "0007-composable-commerce.md").read_text(encoding="utf-8")
    assert "status: proposed\n" in made and "\n# supersedes: [DEC-001]   # once accepted (and mark those superseded)\n" in made
    strict_check(capsys)


def test_an_empty_folder_gets_adr_numbering_and_default_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    assert new(capsys, "decision", "Record architecture decisions")[1] == "docs/decisions/0001-record-architecture-decisions.md: new decision ADR-0001\n"
    assert new(capsys, "decision", "Use Markdown")[1] == "docs/decisions/0002-use-markdown.md: new decision ADR-0002\n"
    assert new(capsys, "project", "Été 2027 \"launch\" #1")[1] == "docs/projects/ete-2027-launch-1.md: new project ETE-2027-LAUNCH-1\n"
    text = (tmp_path / "docs" / "projects" / "ete-2027-launch-1.md").read_text(encoding="utf-8")
    assert 'title: "Été 2027 \\"launch\\" #1"\n' in text and '\n# Été 2027 "launch" #1\n' in text
    strict_check(capsys)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("project", "Loyalty", "--program", "NOPE"), "mkdocs-pgm new: --program NOPE: no program has this id; known: PRG-DATA, PRG-ECOM, PRG-STORE\n"),
        (("decision", "X", "--supersedes", "ECOM-CHECKOUT"), "mkdocs-pgm new: --supersedes ECOM-CHECKOUT: no decision has this id; known: "
                                                              "DEC-001, DEC-002, DEC-003, DEC-004, DEC-005, DEC-006\n"),
        (("project", "Checkout", "--id", "ECOM-CHECKOUT", "--dir", "more"), "mkdocs-pgm new: the id ECOM-CHECKOUT is taken by docs/projects/ecom-checkout.md; "
                                                                          "give another with --id\n"),
        (("project", "Ecom checkout"), "mkdocs-pgm new: projects/ecom-checkout.md exists already; nothing was written (give another title or --dir)\n"),
        (("program", "   "), "mkdocs-pgm new: the title is empty\n"),
    ],
)
def test_a_request_that_cannot_be_met_writes_nothing(docs: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    before = {p: p.read_bytes() for p in docs.rglob("*")  if p.is_file()}
    assert new(capsys, *args) == (2, "", message)
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
