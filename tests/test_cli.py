"""``mkdocs-pgm check`` and ``mkdocs-pgm schema``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


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

    from mkdocs_pgm.core.frontmatter import split
    from mkdocs_pgm.core.jsonschema import json_schema

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
