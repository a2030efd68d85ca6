"""ADR folders (``decision_dirs``): MADR 4, MADR 2 / log4brains and adr-tools records as they are.

The records under ``tests/data/adr/`` are realistic files of each format: ``madr4/`` (YAML front
matter without ``type``, people as lists and as comma strings, a draft, a record superseded by an
id and one superseded by a link, an explicit id, a template and a README), ``madr2/`` (bullet
metadata under the title, log4brains' date-numbered file and tags) and ``adr-tools/``.
"""

from __future__ import annotations

import csv
import io
import logging
import time
from pathlib import Path

import pytest

from mkdocs_pgm.cli import main
from mkdocs_pgm.core.analysis.registers import awaiting_decision
from mkdocs_pgm.core.model import adr
from mkdocs_pgm.core.model.registry import PageSource, ParseCache, ParseOptions, Registry

DATA = Path(__file__).parent / "data" / "adr"
TODAY = "2024-10-01"


def records(kind: str, folder: str) -> dict[str, str]:
    """The files of ``tests/data/adr/<kind>`` as they would be under ``docs/<folder>/``."""
    return {f"{folder}/{path.name}": path.read_text(encoding="utf-8") for path in sorted((DATA / kind).iterdir())}


def pgm(**options: object) -> dict[str, object]:
    return {"plugins": ["search", {"pgm": {"today": TODAY, **options}}]}


def sources(files: dict[str, str]) -> list[PageSource]:
    return [PageSource(name, f"docs/{name}", text) for name, text in files.items()]


def decision_rows(site) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(site.read("governance/decisions.csv").removeprefix("\ufeff")))
    return {row["id"]: row for row in rows}


# --------------------------------------------------------------------------- MADR 4, built


def test_madr4_folder_is_read_as_decisions(build_site, tmp_path: Path) -> None:
    site = build_site(tmp_path, {"index.md": "# Home\n", **records("madr4", "decisions")}, pgm(decision_dirs=["decisions"]), dedent=False)
    assert site.warnings == []
    rows = decision_rows(site)
    # README.md and adr-template.md are not decisions; 0011 keeps its explicit id.
    assert sorted(rows) == [
        "ADR-0001", "ADR-0002", "ADR-0003", "ADR-0004", "ADR-0005", "ADR-0006", "ADR-0007", "ADR-0008",
        "ADR-0009", "ADR-0010", "ADR-0012", "OBS-TRACING",
    ]
    assert {ident: row["status"] for ident, row in rows.items()} == {
        "ADR-0001": "accepted", "ADR-0002": "superseded", "ADR-0003": "accepted", "ADR-0004": "superseded",
        "ADR-0005": "accepted", "ADR-0006": "draft", "ADR-0007": "proposed", "ADR-0008": "accepted",
        "ADR-0009": "rejected", "ADR-0010": "deprecated", "ADR-0012": "accepted", "OBS-TRACING": "accepted",
    }
    # Titles from the first heading; people from lists and from comma-separated strings.
    assert rows["ADR-0005"]["title"] == "Shard orders with PostgreSQL and Citus"
    assert rows["ADR-0005"]["decision_makers"] == "Ana Lima; Bo Chen"
    assert rows["ADR-0005"]["consulted"] == "Database administrators; Cloud centre of excellence"
    assert rows["ADR-0001"]["decision_makers"] == "Ana Lima; Bo Chen"
    assert rows["ADR-0001"]["consulted"] == "Platform team; Security guild"
    assert rows["ADR-0008"]["informed"] == "All engineers; Support"
    # Superseded by an id, and by a Markdown link to the successor's file.
    assert (rows["ADR-0002"]["superseded_by"], rows["ADR-0005"]["supersedes"]) == ("ADR-0005", "ADR-0002")
    assert (rows["ADR-0004"]["superseded_by"], rows["ADR-0008"]["supersedes"]) == ("ADR-0008", "ADR-0004")

    data = site.json("governance/pgm.json")
    entities = {e["id"]: e for e in data["entities"]}
    assert "README" not in entities and "ADR-TEMPLATE" not in entities and "DECISIONS" not in entities
    draft = entities["ADR-0006"]
    assert (draft["type"], draft["status"], draft["title"]) == ("decision", "draft", "Event sourcing for billing")
    assert entities["ADR-0002"]["relations"]["superseded_by"] == ["ADR-0005"]
    assert entities["ADR-0008"]["relations"]["supersedes"] == ["ADR-0004"]

    # The decision log on the folder's README (its index page) lists every record, the draft too.
    log = site.html("decisions/README.md")
    for title in ("Event sourcing for billing", "Ship on fortnightly release trains", "Instrument services with OpenTelemetry"):
        assert title in log
    assert "pgm-status--draft" in log
    page = site.html("decisions/0002-store-orders-in-postgresql.md")
    assert 'href="../0005-postgresql-with-citus/' in page  # the card links the successor


def test_without_decision_dirs_the_folder_is_ignored_and_the_build_says_so(build_site, tmp_path: Path) -> None:
    site = build_site(tmp_path, {"index.md": "# Home\n", **records("madr4", "decisions")}, pgm(), dedent=False)
    assert site.warnings == []
    hint = (
        "mkdocs_pgm: docs/decisions/0001-record-architecture-decisions.md: the folder docs/decisions holds 11 files that look "
        "like architecture decision records (0001-record-architecture-decisions.md, 0002-store-orders-in-postgresql.md, "
        "0003-rest-for-the-public-api.md and 8 more), not read as decisions: add 'decision_dirs: [decisions]' to the pgm "
        "plugin options in mkdocs.yml"
    )
    assert hint in site.messages(logging.INFO, logger="mkdocs.plugins")
    # Only the record with `type: decision` takes part, with the default id of any page.
    assert sorted(decision_rows(site)) == ["0012-SECRETS-IN-VAULT"]


def test_a_draft_is_not_waiting_for_a_decision(build_site, tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\n<!-- pgm:dashboard -->\n", **records("madr4", "decisions")}
    for name in ("decisions/0006-event-sourcing-for-billing.md", "decisions/0008-release-trains.md"):
        files[name] = files[name].replace("\ndate:", "\nforum: Architecture board\ndate:")
    site = build_site(tmp_path, files, pgm(decision_dirs=["decisions"], proposed_decision_days=30), dedent=False)
    data = site.json("governance/pgm.json")
    stale = sorted(f["field"] + " " + f["file"] for f in data["findings"] if f["rule"] == "stale-decision")
    # ADR-0007 (proposed 2024-05-20) is stale on 2024-10-01; the draft ADR-0006 is not.
    assert stale == ["status decisions/0007-feature-flag-service.md"]
    # In the calendar, a draft's forum date is tentative, an accepted decision's confirmed.
    events = {
        event.split("\nSUMMARY:", 1)[1].split("\n", 1)[0]: event.split("\nSTATUS:", 1)[1].split("\n", 1)[0]
        for event in site.read("governance/milestones.ics").split("BEGIN:VEVENT")[1:]
        if "Architecture board" in event
    }
    assert events == {
        "Architecture board: Event sourcing for billing": "TENTATIVE",
        "Architecture board: Ship on fortnightly release trains": "CONFIRMED",
    }
    registry = Registry.build(sources(files), decision_dirs=["decisions"])
    assert [d.id for d in awaiting_decision(registry)] == ["ADR-0007"]


# --------------------------------------------------------------------------- MADR 2 / log4brains, adr-tools


def test_madr2_and_log4brains_bullet_metadata(build_site, tmp_path: Path) -> None:
    # log4brains' template links to a placeholder file: MkDocs' own check of links says so (not ours).
    config = {**pgm(decision_dirs=["adr"]), "validation": {"links": {"not_found": "info"}}}
    site = build_site(tmp_path, {"index.md": "# Home\n", **records("madr2", "adr")}, config, dedent=False)
    assert site.warnings == []
    rows = decision_rows(site)
    assert sorted(rows) == ["ADR-0001", "ADR-0002", "ADR-0003", "ADR-20210402"]
    assert [(rows[i]["status"], rows[i]["date"], rows[i]["decision_makers"]) for i in sorted(rows)] == [
        ("accepted", "2017-12-05", "Oliver Kopp; Olaf Zimmermann"),
        ("superseded", "2019-06-14", "Olaf Zimmermann"),
        ("accepted", "2021-03-04", "Ana; Bo"),
        ("draft", "2021-04-02", ""),
    ]
    assert rows["ADR-0002"]["superseded_by"] == "ADR-0003"
    entities = {e["id"]: e for e in site.json("governance/pgm.json")["entities"]}
    assert entities["ADR-20210402"]["front_matter"]["tags"] == ["dev-tools", "doc"]
    assert entities["ADR-0003"]["front_matter"]["links"] == [{"title": "Technical story", "url": "https://github.com/example/shop/issues/87"}]
    assert entities["ADR-0001"]["front_matter"]["links"] == [
        {"title": "Decide how to record decisions", "url": "https://github.com/example/shop/issues/12"},
    ]
    assert entities["ADR-0001"]["title"] == "Use Markdown Architectural Decision Records"


def test_adr_tools_records() -> None:
    registry = Registry.build(sources(records("adr-tools", "doc/architecture/decisions")), decision_dirs=["doc/architecture/decisions"])
    assert registry.diagnostics == []
    found = {e.id: (e.title, e.status, str(e.model.date), [s.id for s in e.rel.superseded_by]) for e in registry.entities}  # type: ignore[attr-defined]
    assert found == {
        "ADR-0001": ("Record architecture decisions", "accepted", "2016-02-12", []),
        "ADR-0002": ("Use a message queue", "superseded", "2016-03-01", ["ADR-0003"]),
        "ADR-0003": ("Use event streaming", "accepted", "2016-09-20", []),
    }


def test_bullet_metadata_keeps_each_line_for_diagnostics() -> None:
    page = "\n".join([
        "# Use PostgreSQL JSONB",     # 1
        "",                           # 2
        "- Status: acepted",          # 3
        "- Date: 2021-13-04",         # 4
        "- **Deciders**: Ana, Bo",    # 5
        "",                           # 6
        "## Context",                 # 7
        "",                           # 8
        "- Status: this is prose",    # 9: after the first section: not metadata
    ]) + "\n"
    data, lines = adr.body_metadata(page)
    assert data == {"status": "acepted", "date": "2021-13-04", "decision_makers": ["Ana", "Bo"]}
    assert (lines[("status",)], lines[("date",)], lines[("decision_makers", 1)], lines[("type",)]) == (3, 4, 5, 1)
    registry = Registry.build([PageSource("adr/0003-jsonb.md", "docs/adr/0003-jsonb.md", page)], decision_dirs=["adr"])
    assert [str(d) for d in registry.diagnostics] == [
        "docs/adr/0003-jsonb.md:3: status: expected 'draft', 'proposed', 'accepted', 'rejected', 'deprecated' or 'superseded', "
        "found 'acepted'; the value is left out",
        "docs/adr/0003-jsonb.md:3: status: required for a decision page, but missing",
        "docs/adr/0003-jsonb.md:4: date: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2021-13-04'; the value is left out",
        "docs/adr/0003-jsonb.md:4: date: required for a decision page, but missing",
    ]


# --------------------------------------------------------------------------- successors


def test_a_wrong_successor_id_is_one_diagnostic_with_file_and_line(build_site, tmp_path: Path) -> None:
    files = records("madr4", "decisions")
    files["decisions/0002-store-orders-in-postgresql.md"] = files["decisions/0002-store-orders-in-postgresql.md"].replace(
        "superseded by ADR-0005", "superseded by ADR-0050",
    )
    site = build_site(tmp_path, {"index.md": "# Home\n", **files}, pgm(decision_dirs=["decisions"]), dedent=False)
    assert site.warnings == [
        "mkdocs_pgm: docs/decisions/0002-store-orders-in-postgresql.md:2: status: unknown id 'ADR-0050': expected the id of a decision "
        "(did you mean 'ADR-0010'?)",
    ]


@pytest.mark.parametrize(("status", "expected"), [
    ("superseded by [ADR-0002](0002-b.md)", []),
    ("superseded by [the Postgres record](0002-b.md)", []),  # the link is followed whatever its text
    ("superseded by [ADR-0002](0009-gone.md)", []),  # a stale link, but the id is known
    ("superseded by [the Postgres record](0009-gone.md)",
     ["docs/adr/0001-a.md:2: status: unknown decision file '0009-gone.md': the link of 'superseded by' must point to the successor's page"]),
    ("superseded by [ADR-0003](../notes.md)", ["docs/adr/0001-a.md:2: status: 'NOTES' is a project (docs/notes.md:2): expected a decision"]),
])
def test_superseded_by_a_link(status: str, expected: list[str]) -> None:
    files = {
        "adr/0001-a.md": f"---\nstatus: {status}\ndate: 2024-01-01\n---\n# A\n",
        "adr/0002-b.md": "---\nstatus: accepted\ndate: 2024-02-01\n---\n# B\n",
        "notes.md": "---\ntype: project\nowner: Ana\n---\n# Notes\n",
    }
    registry = Registry.build(sources(files), decision_dirs=["adr"])
    assert [str(d) for d in registry.diagnostics] == expected
    first = registry.get("ADR-0001")
    assert first is not None and first.status == "superseded"
    if not expected:
        assert [s.id for s in first.rel.superseded_by] == ["ADR-0002"]


# --------------------------------------------------------------------------- which files, which ids


@pytest.mark.parametrize(("src_uri", "record"), [
    ("decisions/0001-x.md", True),
    ("decisions/sub/0002-y.md", True),
    ("decisions/no-number.md", True),
    ("decisions/index.md", False),
    ("decisions/README.md", False),
    ("decisions/adr-template.md", False),
    ("decisions/template.md", False),
    ("decisions/0000-template.md", False),
    ("decisions/templates-guide.md", True),
    ("decisions-old/0001-x.md", False),
    ("other/0001-x.md", False),
])
def test_which_files_of_a_folder_are_records(src_uri: str, record: bool) -> None:
    assert adr.AdrSettings.of(["./decisions/"]).holds(src_uri) is record


def test_ids_prefix_and_explicit_id() -> None:
    files = {
        "adr/0005-use-postgres.md": "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use Postgres\n",
        "adr/0006-use-kafka.md": "---\nid: KAFKA\nstatus: accepted\ndate: 2024-01-01\n---\n# Use Kafka\n",
        "adr/naming.md": "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Naming\n",
    }
    assert sorted(e.id for e in Registry.build(sources(files), decision_dirs=["adr"]).entities) == ["ADR-0005", "KAFKA", "NAMING"]
    assert sorted(e.id for e in Registry.build(sources(files), decision_dirs=["adr"], adr_prefix="DEC-").entities) == [
        "DEC-0005", "KAFKA", "NAMING",
    ]
    assert sorted(e.id for e in Registry.build(sources(files), decision_dirs=["adr"], adr_prefix="").entities) == ["0005", "KAFKA", "NAMING"]


def test_a_broken_block_in_an_adr_folder_is_reported() -> None:
    files = {"adr/0001-a.md": "---\nstatus: [accepted\ndate: 2024-01-01\n---\n# A\n"}
    registry = Registry.build(sources(files), decision_dirs=["adr"])
    assert [d.code for d in registry.diagnostics] == ["yaml"]
    assert registry.diagnostics[0].file == "docs/adr/0001-a.md" and registry.entities == []
    # Outside an ADR folder, a block without `type` is no business of ours.
    assert [d.code for d in Registry.build(sources(files)).diagnostics] == ["adr-folder"]


def test_an_explicit_type_in_an_adr_folder_is_kept() -> None:
    files = {"adr/0001-a.md": "---\ntype: project\nowner: Ana\n---\n# A project among the records\n"}
    registry = Registry.build(sources(files), decision_dirs=["adr"])
    assert [(e.id, e.kind) for e in registry.entities] == [("ADR-0001", "project")]


def test_the_parse_cache_key_holds_the_options() -> None:
    cache = ParseCache()
    pages = sources(records("madr4", "decisions"))
    assert len(Registry.build(pages, cache=cache).entities) == 1
    assert len(Registry.build(pages, cache=cache, decision_dirs=["decisions"]).entities) == 12
    assert (cache.hits, cache.misses) == (0, 28)
    assert len(Registry.build(pages, cache=cache, decision_dirs=["decisions"]).entities) == 12
    assert cache.hits == 14
    assert ParseOptions.of(decision_dirs=["adr/"]) == ParseOptions.of(decision_dirs=["adr"])
    assert ParseOptions.of(decision_dirs=["adr"]) != ParseOptions.of(decision_dirs=["adr"], adr_prefix="DEC-")


# --------------------------------------------------------------------------- the hint


def test_check_names_a_folder_that_looks_like_adrs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in records("adr-tools", "adr").items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "docs/adr/0001-record-architecture-decisions.md: the folder docs/adr holds 3 files that look like architecture decision "
        "records (0001-record-architecture-decisions.md, 0002-use-a-message-queue.md, 0003-use-event-streaming.md), not read as "
        "decisions: add 'decision_dirs: [adr]' to the pgm plugin options in mkdocs.yml [info]",
    ]
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - pgm:\n      decision_dirs: [adr]\n", encoding="utf-8")
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "3 entities in 4 pages: 0 error(s), 0 warning(s)" in captured.err


@pytest.mark.parametrize(("files", "hinted"), [
    ({"adr/0001-a.md": "# A\n"}, ["docs/adr/0001-a.md"]),  # one record, in a folder named like ADRs
    ({"notes/0001-a.md": "# A\n"}, []),  # one numbered file elsewhere: no
    ({"notes/0001-a.md": "# A\n", "notes/0002-b.md": "# B\n"}, ["docs/notes/0001-a.md"]),
    ({"notes/01-intro.md": "# A\n", "notes/02-setup.md": "# B\n"}, []),  # chapters, not ADRs
    ({"0001-a.md": "# A\n", "0002-b.md": "# B\n"}, []),  # the docs folder itself cannot be one
    ({"architecture/decisions/0001-a.md": "# A\n"}, ["docs/architecture/decisions/0001-a.md"]),
    ({"adr/README.md": "# ADRs\n", "adr/template.md": "# T\n"}, []),
    ({"adr/0001-a.md": "---\ntype: decision\nstatus: accepted\ndate: 2024-01-01\n---\n# A\n"}, []),  # already typed
])
def test_which_folders_get_the_hint(files: dict[str, str], hinted: list[str]) -> None:
    registry = Registry.build(sources(files), decision_dirs=["elsewhere"])
    hints = [d for d in registry.diagnostics if d.code == "adr-folder"]
    assert [d.file for d in hints] == hinted
    assert all("add 'decision_dirs: [elsewhere, " in d.message for d in hints)  # the folders named already are kept
    assert all(d.severity == "info" for d in registry.diagnostics if d.code == "adr-folder")


# --------------------------------------------------------------------------- hostile text


HOSTILE = [
    "# " + " #" * 50_000 + "x",
    "- Technical Story: " + "[" * 100_000,
    "- Technical Story: " + "[a](" * 30_000,
    "- Status: superseded by " + "[" * 100_000,
    "* **Status" + "*" * 100_000,
    "## Status\n\n" + "superseded by [x](" + "(" * 100_000,
    "Date:" + " " * 100_000 + "x",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_reading_a_record_is_linear_on_hostile_text(text: str) -> None:
    page = PageSource("adr/0001-" + "9" * 5_000 + ".md", "docs/adr/0001-x.md", "# Title\n\n" + text + "\n")
    started = time.perf_counter()
    Registry.build([page], decision_dirs=["adr"])
    adr.clean_title("1. " + " " * 100_000 + "x")
    adr.is_record_name("adr/" + "template-" * 10_000 + ".md")
    assert time.perf_counter() - started < 1


def test_a_link_to_the_successor_may_be_url_encoded_or_carry_an_anchor() -> None:
    files = {
        "adr/0001-a.md": "---\nstatus: superseded by [the next one](0002-b%20c.md#decision-outcome)\ndate: 2024-01-01\n---\n# A\n",
        "adr/0002-b c.md": "---\nstatus: accepted\ndate: 2024-02-01\n---\n# B\n",
    }
    registry = Registry.build(sources(files), decision_dirs=["adr"])
    assert registry.diagnostics == []
    first = registry.get("ADR-0001")
    assert first is not None and [s.id for s in first.rel.superseded_by] == ["ADR-0002"]


def test_an_invalid_prefix_still_gives_a_valid_id() -> None:
    files = {"adr/0007-x.md": "---\nstatus: accepted\ndate: 2024-01-01\n---\n# X\n"}
    assert [e.id for e in Registry.build(sources(files), decision_dirs=["adr"], adr_prefix="ADR ").entities] == ["ADR-0007"]
