"""``mkdocs-pgm check`` and ``mkdocs-pgm schema``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_pgm.cli import main

GOOD = "---\ntype: project\nid: GOOD\nowner: Ann\n---\n# Good\n"
BAD = "---\ntype: project\nowner: Ann\nhealth: purple\n---\n# Bad\n\nSee [[NOPE]].\n"
WARN_ONLY = "---\ntype: project\nowner: Ann\nhealht: red\n---\n# Typo\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "docs"


def test_check_clean_exits_0(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"good.md": GOOD})
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1 entities in 1 pages: 0 error(s), 0 warning(s)" in captured.err


def test_check_errors_exit_1_with_file_line_field(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"good.md": GOOD, "bad.md": BAD})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "docs"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "docs/bad.md:4: health: expected 'green', 'amber' or 'red', found 'purple'; the value is left out",
        "docs/bad.md:8: [[NOPE]]: unknown id 'NOPE'; it is shown as plain text [warning]",
    ]


def test_check_warnings_fail_only_with_strict(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"typo.md": WARN_ONLY})
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert "unknown field 'healht' (did you mean 'health'?)" in capsys.readouterr().out
    assert main(["check", "--strict"]) == 1


def test_check_json_and_github_formats(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"bad.md": BAD})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {
        "file": "docs/bad.md", "line": 4, "field": "health",
        "message": "expected 'green', 'amber' or 'red', found 'purple'; the value is left out",
        "severity": "error", "code": "invalid", "related": [],
    }
    assert main(["check", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "::error file=docs/bad.md,line=4,title=health::expected 'green', 'amber' or 'red', found 'purple'; the value is left out"
    assert lines[1].startswith("::warning file=docs/bad.md,line=8,title=[[NOPE]]::unknown id 'NOPE'")


def test_check_reads_docs_dir_and_options_from_mkdocs_yml(tmp_path, monkeypatch, capsys):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: pages\nplugins:\n  - search\n  - pgm:\n      ignore_fields: [healht]\n      strict_references: !ENV [STRICT, false]\n",
        encoding="utf-8",
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages/typo.md").write_text(WARN_ONLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--strict"]) == 0
    assert capsys.readouterr().out == ""


def test_check_missing_folder_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "nowhere"]) == 2
    assert "no docs folder at nowhere" in capsys.readouterr().err


def test_schema_is_json_schema_for_every_type(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    names = {ref["$ref"].rsplit("/", 1)[-1] for ref in schema["oneOf"]}
    assert names == {"PortfolioPage", "ProgramPage", "ProjectPage", "DecisionPage"}
    project = schema["$defs"]["ProjectPage"]
    assert project["required"] == ["type", "owner"]
    assert project["properties"]["health"]["enum"] == ["green", "amber", "red"] or "anyOf" in project["properties"]["health"]
    assert schema["$defs"]["DecisionPage"]["required"] == ["type", "status", "date"]
    assert "deciders" in schema["$defs"]["DecisionPage"]["properties"]
    assert project["additionalProperties"] is False


def test_console_script_runs(tmp_path):
    write(tmp_path, {"good.md": GOOD})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_pgm.cli", "check", "docs"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _plain(value):
    """YAML values as an editor's JSON view of them (dates are strings)."""
    import datetime

    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_json_schema_accepts_every_example_page_and_rejects_bad_values():
    import jsonschema
    import yaml

    from mkdocs_pgm.core.exports.jsonschema import json_schema
    from mkdocs_pgm.core.model.frontmatter import split

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    checked = 0
    for path in sorted(Path(__file__).parent.parent.joinpath("docs").rglob("*.md")):
        block, _, _ = split(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(block) if block else None
        if not isinstance(data, dict) or "type" not in data:
            continue
        errors = [e.message for e in validator.iter_errors(_plain(data))]
        assert errors == [], f"{path}: {errors}"
        checked += 1
    assert checked >= 15
    bad = {"type": "project", "owner": "Ann", "health": "purple"}
    assert not validator.is_valid(bad)
    madr = {"type": "decision", "status": "superseded by DEC-2", "date": "2026-01-02", "decision-makers": "Dana"}
    assert validator.is_valid(madr)


# --------------------------------------------------------------------------- --findings

LATE = (
    "---\ntype: project\nid: LATE\nowner: Ann\nstatus: active\nend: 2026-10-31\nreviewed: 2026-06-01\n"
    "milestones:\n  - {title: Contract signed, date: 2026-09-30}\n---\n# Late\n"
)
LATE_FINDINGS = [
    "docs/late.md:9: milestones[0].date: milestone 'Contract signed' was due 2026-09-30 and is still planned (52 days overdue) [overdue-milestone]",
    "docs/late.md:6: end: project 'Late' was planned to end 2026-10-31 and is still active (21 days past its end) [past-end]",
    "docs/late.md:7: reviewed: project 'Late' was last reviewed 2026-06-01, 173 days ago (review cadence: 90 days) [stale-review]",
]


def site(root: Path, pgm: str = "today: 2026-11-21", files: dict[str, str] | None = None) -> None:
    (root / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - pgm:\n      {pgm}\n", encoding="utf-8")
    write(root, files or {"late.md": LATE})


def test_findings_text_after_diagnostics_and_counted(tmp_path, monkeypatch, capsys):
    site(tmp_path, files={"late.md": LATE, "bad.md": BAD})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--findings"]) == 1  # the error in bad.md, not the findings
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "docs/bad.md:4: health: expected 'green', 'amber' or 'red', found 'purple'; the value is left out",
        "docs/bad.md:8: [[NOPE]]: unknown id 'NOPE'; it is shown as plain text [warning]",
        *LATE_FINDINGS,
    ]
    assert "2 entities in 2 pages: 1 error(s), 1 warning(s), 3 finding(s) (" in captured.err


def test_findings_only_when_asked_and_never_fail_by_default(tmp_path, monkeypatch, capsys):
    site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0 error(s), 0 warning(s) (" in captured.err and "finding" not in captured.err
    assert main(["check", "--findings", "--strict"]) == 0
    assert capsys.readouterr().out.splitlines() == LATE_FINDINGS


def test_fail_on_findings(tmp_path, monkeypatch, capsys):
    site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--fail-on-findings"]) == 1  # implies --findings
    assert capsys.readouterr().out.splitlines() == LATE_FINDINGS
    assert main(["check", "--fail-on-findings", "--today", "2026-01-01"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "0 finding(s)" in captured.err


def test_findings_json_is_one_document(tmp_path, monkeypatch, capsys):
    site(tmp_path, files={"late.md": LATE, "bad.md": BAD})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--findings", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["diagnostics", "findings"]
    assert [d["code"] for d in data["diagnostics"]] == ["invalid", "unknown-reference"]
    assert data["findings"][0] == {
        "rule": "overdue-milestone", "file": "docs/late.md", "line": 9, "field": "milestones[0].date",
        "message": "milestone 'Contract signed' was due 2026-09-30 and is still planned (52 days overdue)",
        "days": 52, "page": "LATE", "target": "LATE#contract-signed",
    }
    assert [f["rule"] for f in data["findings"]] == ["overdue-milestone", "past-end", "stale-review"]
    assert main(["check", "--format", "json"]) == 1
    assert isinstance(json.loads(capsys.readouterr().out), list)  # unchanged without --findings


def test_findings_github_notices(tmp_path, monkeypatch, capsys):
    site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--findings", "--format", "github"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "::notice file=docs/late.md,line=9,title=overdue-milestone::milestones[0].date: milestone 'Contract signed' was due 2026-09-30 and is still planned (52 days overdue)",
        "::notice file=docs/late.md,line=6,title=past-end::end: project 'Late' was planned to end 2026-10-31 and is still active (21 days past its end)",
        "::notice file=docs/late.md,line=7,title=stale-review::reviewed: project 'Late' was last reviewed 2026-06-01, 173 days ago (review cadence: 90 days)",
    ]


def test_findings_options_from_mkdocs_yml_and_today_flag(tmp_path, monkeypatch, capsys):
    site(tmp_path, "{today: 2026-11-21, review_cadence: 200, findings_ignore: [overdue_milestone]}")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--findings"]) == 0
    assert capsys.readouterr().out.splitlines() == [LATE_FINDINGS[1]]
    assert main(["check", "--findings", "--today", "2026-12-19"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "docs/late.md:6: end: project 'Late' was planned to end 2026-10-31 and is still active (49 days past its end) [past-end]",
        "docs/late.md:7: reviewed: project 'Late' was last reviewed 2026-06-01, 201 days ago (review cadence: 200 days) [stale-review]",
    ]


def test_findings_today_defaults_to_source_date_epoch(tmp_path, monkeypatch, capsys):
    site(tmp_path, "strict_references: true")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790035200")  # 2026-09-22 UTC
    assert main(["check", "--findings"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "docs/late.md:7: reviewed: project 'Late' was last reviewed 2026-06-01, 113 days ago (review cadence: 90 days) [stale-review]",
    ]


def test_findings_bad_ignore_id_or_today_exits_2(tmp_path, monkeypatch, capsys):
    site(tmp_path, "findings_ignore: [stale-reviews]")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0  # only checked when findings are wanted
    capsys.readouterr()
    assert main(["check", "--findings"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        "mkdocs-pgm: mkdocs.yml: findings_ignore: unknown rule 'stale-reviews' (did you mean 'stale-review'?); expected one of "
        "overdue-milestone, past-end, stale-review, stale-decision, unmanaged-risk, superseded-link, schedule-conflict, health-optimistic, "
        "over-allocation, benefit-overdue, completed-open-items, closure-no-acceptance, closure-no-lessons, execution-no-baseline, phase-dates"
    )
    site(tmp_path, "today: soon")
    assert main(["check", "--findings"]) == 2
    assert "mkdocs.yml: today: expected a date as YYYY-MM-DD, found 'soon'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--findings", "--today", "21/11/2026"])
    assert exit_.value.code == 2
    assert "--today: expected a date as YYYY-MM-DD, found '21/11/2026'" in capsys.readouterr().err
