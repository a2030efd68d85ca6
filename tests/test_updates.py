"""Status updates written by the team (``updates``): validation, the latest update (rules),
the page's section, the card (with "Last changed" from git), ``stale-review`` and ``pgm.json``."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
from pathlib import Path

import jsonschema

from mkdocs_pgm.core.analysis.findings import Settings, find
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.exports import formats as ex
from mkdocs_pgm.core.exports.jsonschema import json_schema
from mkdocs_pgm.core.i18n import STRINGS
from mkdocs_pgm.core.model import schema
from mkdocs_pgm.core.model.rules import last_review, latest_update, updates_newest_first

from helpers import check, page, registry_of, strict

TODAY = dt.date(2026, 11, 21)
CONFIG = {"plugins": ["search", {"pgm": {"today": TODAY.isoformat()}}]}

PROGRAM = page(
    "type: program", "id: P", "owner: Pat", "status: active",
    "updates:",
    "  - {date: 2026-10-31, health: amber, status: active, summary: 'Two projects <late> & one at risk'}",
    "  - {date: 2026-09-30, health: green, summary: On track}",
    body="# Program P\n",
)
PROJECT = page(
    "type: project", "id: A", "owner: Ana", "program: P", "status: active", "health: red",
    "updates:",
    "  - {date: 2026-08-31, health: green, status: planned, summary: Kick-off done}",
    "  - {date: 2026-10-15, health: amber, status: active, summary: Vendor API three weeks late}",
    "  - {date: 2026-10-15, health: red, status: active, summary: 'Same day, written last: it is the latest'}",
    body="# Project A\n",
)
NO_REVIEW = page("type: project", "id: B", "owner: Bo", "program: P", body="# Project B\n")
REVIEWED = page("type: project", "id: C", "owner: Cy", "program: P", "reviewed: 2026-11-02", body="# Project C\n")
PAGES = {"p.md": PROGRAM, "a.md": PROJECT, "b.md": NO_REVIEW, "c.md": REVIEWED}


# --------------------------------------------------------------------------- validation


def test_updates_are_read_in_any_order():
    model, problems = check(PROJECT)
    assert problems == []
    assert isinstance(model, schema.ProjectPage)
    assert [(u.date, u.health, u.status) for u in model.updates] == [
        (dt.date(2026, 8, 31), "green", "planned"), (dt.date(2026, 10, 15), "amber", "active"), (dt.date(2026, 10, 15), "red", "active"),
    ]
    single, problems = check(page("type: project", "owner: Ana", "updates: {date: 2026-Q3, health: Amber, summary: One}"))
    assert problems == []
    assert [(u.date, u.health, u.status, u.summary) for u in single.updates] == [(dt.date(2026, 9, 30), "amber", None, "One")]  # type: ignore[union-attr]


def test_bad_updates_are_reported_and_left_out():
    model, problems = check(page(
        "type: project", "owner: Ana",
        "updates:",
        "  - {health: green, summary: No date}",
        "  - {date: 2026-10-01, health: blue, summary: Bad health}",
        "  - {date: 2026-13-01, summary: Bad date}",
        "  - {date: 2026-10-02}",
        "  - Just text",
        "  - {date: 2026-10-03, status: started, summary: Bad status}",
        "  - {date: 2026-10-04, summary: Good, author: Ana}",
    ))
    assert problems == [
        "p.md:5: updates[0].date: required field 'date' is missing; the entry is left out",
        "p.md:6: updates[1].health: expected 'green', 'amber' or 'red', found 'blue'; the value is left out",
        "p.md:7: updates[2]: left out: it has no valid 'date'",
        "p.md:7: updates[2].date: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2026-13-01'; the value is left out",
        "p.md:8: updates[3].summary: required field 'summary' is missing; the entry is left out",
        "p.md:9: updates[4]: expected a valid dictionary or instance of StatusUpdate, found 'Just text'; the value is left out",
        "p.md:10: updates[5].status: expected 'proposed', 'planned', 'active', 'on-hold', 'completed' or 'cancelled', found 'started'; "
        "the value is left out",
        "p.md:11: updates[6].author: unknown field 'author' in updates[6]; it is ignored",
    ]
    assert [(u.date, u.health, u.status, u.summary) for u in model.updates] == [  # type: ignore[union-attr]
        (dt.date(2026, 10, 1), None, None, "Bad health"),
        (dt.date(2026, 10, 3), None, None, "Bad status"),
        (dt.date(2026, 10, 4), None, None, "Good"),
    ]


def test_updates_that_are_not_a_list():
    model, problems = check(page("type: project", "owner: Ana", "updates: soon"))
    assert problems == ["p.md:4: updates: expected a valid dictionary or instance of StatusUpdate, found 'soon'; the value is left out"]
    assert model is not None and model.updates == []  # type: ignore[attr-defined]
    _, problems = check(page("type: program", "owner: Ana", "updates: 5"))
    assert problems == ["p.md:4: updates: expected a valid dictionary or instance of ProgramUpdate, found 5 (int); the value is left out"]


def test_a_program_update_takes_the_program_statuses():
    _, problems = check(page("type: program", "owner: Pat", "updates: [{date: 2026-10-01, status: planned, summary: S}]"))
    assert problems == [
        "p.md:4: updates[0].status: expected 'proposed', 'active', 'on-hold', 'completed' or 'cancelled', found 'planned'; the value is left out",
    ]


def test_updates_are_only_on_projects_and_programs():
    _, problems = check(page("type: portfolio", "updates: [{date: 2026-10-01, summary: S}]"))
    assert problems == ["p.md:3: updates: unknown field 'updates'; it is ignored"]


def test_json_schema_describes_updates():
    defs = json_schema()["$defs"]
    update = defs["StatusUpdate"]
    assert update["required"] == ["date", "summary"]
    assert list(update["properties"]) == ["date", "status", "health", "summary"]
    assert "updates" in defs["ProjectPage"]["properties"] and "updates" in defs["ProgramPage"]["properties"]
    assert "newest first or in any order" in defs["ProjectPage"]["properties"]["updates"]["description"]
    statuses = json.dumps(defs["ProgramUpdate"]["properties"]["status"])
    assert "proposed" in statuses and "planned" not in statuses
    validator = jsonschema.Draft202012Validator(json_schema())
    good = {"type": "project", "owner": "Ana", "updates": [{"date": "2026-10-01", "health": "red", "summary": "S"}]}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "updates": [{"date": "2026-10-01"}]})) != []


# --------------------------------------------------------------------------- the latest update


def test_latest_update_is_the_latest_date_then_the_last_written():
    model, _ = check(PROJECT)
    latest = latest_update(model)
    assert latest is not None and (latest.date, latest.health, latest.summary) == (dt.date(2026, 10, 15), "red", "Same day, written last: it is the latest")
    assert [u.summary for u in updates_newest_first(model)] == ["Same day, written last: it is the latest", "Vendor API three weeks late", "Kick-off done"]
    assert latest_update(check(NO_REVIEW)[0]) is None
    assert updates_newest_first(None) == []


def test_last_review_is_the_later_of_reviewed_and_the_latest_update():
    model, _ = check(PROJECT)
    assert last_review(model) == (dt.date(2026, 10, 15), model.updates[2])  # type: ignore[union-attr]
    later, _ = check(page("type: project", "owner: Ana", "reviewed: 2026-11-01", "updates: [{date: 2026-10-01, summary: S}]"))
    assert last_review(later) == (dt.date(2026, 11, 1), None)
    same, _ = check(page("type: project", "owner: Ana", "reviewed: 2026-10-01", "updates: [{date: 2026-10-01, summary: S}]"))
    assert last_review(same) == (dt.date(2026, 10, 1), None)
    assert last_review(check(NO_REVIEW)[0]) is None


# --------------------------------------------------------------------------- stale-review


def stale(pages: dict[str, str]) -> list[str]:
    return [str(f) for f in find(registry_of(pages), TODAY, Settings()) if f.rule == "stale-review"]


def test_stale_review_counts_the_latest_update():
    old_update = page(
        "type: project", "id: A", "owner: Ana", "reviewed: 2026-05-01",
        "updates:",
        "  - {date: 2026-08-15, health: amber, summary: Latest, but 98 days ago}",
        "  - {date: 2026-06-30, summary: Older}",
    )
    # 2026-08-15 to 2026-11-21: 16 days of August + 30 + 31 + 21 = 98 days.
    assert stale({"a.md": old_update}) == [
        "a.md:7: updates[0].date: project 'A' was last reviewed 2026-08-15 (its latest status update), 98 days ago "
        "(review cadence: 90 days) [stale-review]",
    ]
    # An update within the cadence is a review: the old `reviewed` is not stale any more.
    recent = page("type: project", "id: A", "owner: Ana", "reviewed: 2026-05-01", "updates: [{date: 2026-08-23, summary: 90 days ago}]")
    assert stale({"a.md": recent}) == []
    # Without `reviewed`, the update alone is checked.
    never = page("type: program", "id: P", "owner: Pat", "updates: [{date: 2026-08-22, summary: 91 days ago}]")
    assert stale({"p.md": never}) == [
        "p.md:5: updates[0].date: program 'P' was last reviewed 2026-08-22 (its latest status update), 91 days ago (review cadence: 90 days) [stale-review]",
    ]
    # A later `reviewed` wins, and the finding points at it as before.
    reviewed = page("type: project", "id: A", "owner: Ana", "updates: [{date: 2026-03-01, summary: Old}]", "reviewed: 2026-08-01")
    assert stale({"a.md": reviewed}) == [
        "a.md:6: reviewed: project 'A' was last reviewed 2026-08-01, 112 days ago (review cadence: 90 days) [stale-review]",
    ]


# --------------------------------------------------------------------------- pgm.json


def test_updates_in_pgm_json():
    registry = registry_of(PAGES)
    analysis = analyze(registry)
    document = json.loads(ex.export_json(registry, analysis=analysis, findings=find(registry, TODAY, analysis=analysis), today=TODAY,
                                         currency="EUR", url_of=lambda node: None, site_url=None, generator="test"))
    jsonschema.Draft202012Validator(strict(ex.export_schema())).validate(document)
    entities = {e["id"]: e for e in document["entities"]}
    assert entities["P"]["front_matter"]["updates"] == [
        {"date": "2026-10-31", "status": "active", "health": "amber", "summary": "Two projects <late> & one at risk"},
        {"date": "2026-09-30", "health": "green", "summary": "On track"},
    ]
    assert [u["date"] for u in entities["A"]["front_matter"]["updates"]] == ["2026-08-31", "2026-10-15", "2026-10-15"]


# --------------------------------------------------------------------------- the built site


def _git(root: Path, *args: str, date: str = "2026-09-01T12:00:00Z") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@e", *args], cwd=root, env=env, check=True, capture_output=True)


def _card(text: str) -> str:
    start = text.index('<div class="pgm pgm-card')
    return text[start:text.index('<div class="pgm pgm-sections', start)]


def _section(text: str) -> str:
    start = text.index('<h2 id="pgm-updates">')
    return text[start:text.index("</ol>", start) + len("</ol>")]


def test_section_and_card_in_a_built_site(build_site, tmp_path):
    site = build_site(tmp_path, PAGES, CONFIG)
    assert site.warnings == []
    built = site.html("a.md")
    section = _section(built)
    # Newest first; on the same date, the one written last first.
    assert re.findall(r'<time class="pgm-update__date pgm-nowrap" datetime="([\d-]+)">', section) == ["2026-10-15", "2026-10-15", "2026-08-31"]
    assert re.findall(r'<p class="pgm-update__summary">([^<]*)</p>', section) == [
        "Same day, written last: it is the latest", "Vendor API three weeks late", "Kick-off done",
    ]
    assert section.startswith('<h2 id="pgm-updates">Status updates</h2><p class="pgm-muted">Written by the team, newest first.</p>')
    assert '<li class="pgm-update pgm-update--red">' in section
    assert 'pgm-status--planned' in section and 'pgm-health--green' in section
    # The heading is in the table of contents.
    assert '<a href="#pgm-updates" class="md-nav__link">' in built
    card = _card(built)
    assert ('<div class="pgm-card__update"><dt>Latest update</dt> <dd><time datetime="2026-10-15">2026-10-15</time> '
            '<span class="pgm-chip pgm-chip--health pgm-health--red" title="Health: red">Red</span>') in card
    assert '<span class="pgm-card__update-summary">Same day, written last: it is the latest</span>' in card
    # Summaries are escaped on the card and on the page.
    program = site.html("p.md")
    assert "Two projects &lt;late&gt; &amp; one at risk" in _card(program)
    assert "<late>" not in program
    assert _section(program).count('<li class="pgm-update') == 2
    # No updates: no section, nothing on the card; no git: no "Last changed".
    other = site.html("b.md")
    assert 'id="pgm-updates"' not in other and "pgm-card__update" not in other and "Last changed" not in other
    # The dashboard's programs table gives each program's and project's latest update date after its health.
    dashboard = site.read("governance/index.html")
    assert '</span> <span class="pgm-muted pgm-nowrap">updated 2026-10-31</span></td>' in dashboard
    assert ('title="Health: red">Red</span> <span class="pgm-muted pgm-nowrap">updated 2026-10-15</span><br>') in dashboard
    assert dashboard.count("pgm-muted pgm-nowrap\">updated") == 2


def test_a_long_summary_is_shortened_on_the_card(build_site, tmp_path):
    words = " ".join(f"word{i}" for i in range(60))
    site = build_site(tmp_path, {"a.md": page("type: project", "id: A", "owner: Ana", f"updates: [{{date: 2026-10-01, summary: {words}}}]")}, CONFIG)
    card = _card(site.html("a.md"))
    shown = html.unescape(re.search(r'<span class="pgm-card__update-summary">([^<]*)</span>', card).group(1))  # type: ignore[union-attr]
    assert shown.endswith("…") and len(shown) <= 141 and words.startswith(shown[:-1].rstrip())
    assert words in _section(site.html("a.md"))


def test_the_card_says_when_git_last_changed_a_page_without_reviewed(build_site, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "docs")
    _git(tmp_path, "commit", "-q", "-m", "First", date="2026-09-01T12:00:00Z")
    (docs / "b.md").write_text(NO_REVIEW + "\nMore text.\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "Body only", date="2026-10-05T09:00:00Z")
    site = build_site(tmp_path, {**PAGES, "b.md": NO_REVIEW + "\nMore text.\n"}, CONFIG)
    assert site.warnings == []
    changed = ('<div class="pgm-card__changed"><dt>Last changed</dt> <dd><time datetime="{0}" '
               'title="The date of the last commit that changed this page">{0}</time></dd> </div>')
    assert changed.format("2026-10-05") in _card(site.html("b.md"))  # a change of the body counts
    assert changed.format("2026-09-01") in _card(site.html("a.md"))
    reviewed = _card(site.html("c.md"))
    assert "Last changed" not in reviewed and '<dt>Reviewed</dt> <dd><time datetime="2026-11-02">' in reviewed


def test_labels_in_every_language():
    for language, table in STRINGS.items():
        for key in ("section.updates", "section.updates_text", "card.latest_update", "card.last_changed", "card.last_changed_title"):
            assert table[key], (language, key)
    assert STRINGS["de"]["section.updates"] == "Statusberichte"
