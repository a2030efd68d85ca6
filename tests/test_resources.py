"""People and capacity: ``team`` on projects and programs, monthly loads, the ``over-allocation``
finding, the resources page, a program's people and power/interest map, the catalog's person filter."""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mkdocs_pgm.core.analysis.findings import find
from mkdocs_pgm.core.analysis.resources import allocation, person_key
from mkdocs_pgm.core.model.rules import stakeholder_quadrant
from mkdocs_pgm.core.views.resources import load_band, power_map

from helpers import check, page, registry_of

TODAY = dt.date(2026, 11, 21)

# Lena Park: 60 % on A (Jan-Jun), 60 % on B from 16 Apr (as "lena  PARK"), 20 % on the program
# from 1 Jun to 15 Jul. Bo Chen: 50 % on B, from 2026-05-10 to 2026-06-20.
PORTAL = page(
    "type: project", "id: PRJ-A", "title: Portal", "owner: Ann Lee", "program: PRG", "start: 2026-01-01", "end: 2026-06-30",
    "team:",
    "  - {name: Lena Park, role: lead architect, allocation: 60}",
)
BILLING = page(
    "type: project", "id: PRJ-B", "title: Billing", "owner: Ann Lee", "program: PRG", "start: 2026-04-16", "end: 2026-09-30",
    "team:",
    "  - {name: Bo Chen, role: developer, allocation: 50, from: 2026-05-10, to: 2026-06-20}",
    '  - {name: "lena  PARK", role: architect, allocation: 60}',
)
PROGRAM = page(
    "type: program", "id: PRG", "title: Digital", "owner: Dana Whitfield",
    "team:",
    "  - {name: Lena Park, role: design authority, allocation: 20, from: 2026-06-01, to: 2026-07-15}",
    "  - {name: Sam Roe, role: program office}",
    "stakeholders:",
    "  - {name: CFO, role: finance, influence: 5, interest: 4}",
    "  - {name: Works council, influence: 4, interest: 2}",
    "  - {name: Store managers, influence: 2, interest: 5}",
    "  - {name: Suppliers, influence: 1, interest: 1}",
    "  - Regulator",
)
PAGES = {"a.md": PORTAL, "b.md": BILLING, "prg.md": PROGRAM}


def loads(pages: dict[str, str] = PAGES) -> dict[str, dict[str, int]]:
    return {p.name: {m.text: m.load for m in p.loads} for p in allocation(registry_of(pages)).people}


# --------------------------------------------------------------------------- analysis


def test_monthly_loads_prorate_by_calendar_days_and_merge_names():
    # Lena, April: A 60 % all month, B 60 % × 15/30 days (16-30 April) = 30 % -> 90 %.
    # June: A 60 + B 60 + program 20 (whole June) = 140 %. July: B 60 + program 20 × 15/31 = 69.68 -> 70 %.
    # Bo, May: 50 % × 22/31 (10-31 May) = 35.48 -> 35 %; June: 50 % × 20/30 = 33.33 -> 33 %.
    assert loads() == {
        "Bo Chen": {"2026-05": 35, "2026-06": 33},
        "Lena Park": {
            "2026-01": 60, "2026-02": 60, "2026-03": 60, "2026-04": 90, "2026-05": 120, "2026-06": 140,
            "2026-07": 70, "2026-08": 60, "2026-09": 60,
        },
        # No allocation: listed, never counted.
        "Sam Roe": {},
    }
    people = {p.name: p for p in allocation(registry_of(PAGES)).people}
    july = people["Lena Park"].load_in((2026, 7))
    assert july is not None and july.exact == 60 + Fraction(20 * 15, 31)
    assert [a.page.id for a in people["Lena Park"].assignments] == ["PRJ-A", "PRJ-B", "PRG"]


def test_halves_round_up_and_the_program_span_is_its_projects():
    # 50 % × 15/30 = 25 % (June); 1 % × 15/30 = 0.5 % -> 1 % (halves up).
    one = {"p.md": page("type: project", "id: P", "owner: X", "start: 2026-06-16", "end: 2026-06-30",
                        "team: [{name: Ann, allocation: 50}, {name: Cy, allocation: 1}]")}
    assert loads(one) == {"Ann": {"2026-06": 25}, "Cy": {"2026-06": 1}}
    # A program's team defaults to the span of its projects: 2026-01-01 .. 2026-09-30 here.
    pages = {**PAGES, "prg.md": page("type: program", "id: PRG", "owner: D", "team: [{name: Eve, allocation: 10}]")}
    assert loads(pages)["Eve"] == {f"2026-{m:02d}": 10 for m in range(1, 10)}


def test_person_key_is_case_insensitive_and_spacing_insensitive():
    assert person_key("  Lena\t PARK ") == person_key("lena park") == "lena park"
    assert [p.name for p in allocation(registry_of(PAGES)).people] == ["Bo Chen", "Lena Park", "Sam Roe"]


def test_over_allocation_finding_names_the_person_months_and_every_page():
    found = [str(f) for f in find(registry_of(PAGES), TODAY) if f.rule == "over-allocation"]
    assert found == [
        "a.md:10: team[0]: 'Lena Park' is allocated over 100 % in 2026-05 (120 %), 2026-06 (140 %): "
        "PRJ-A (a.md:10 team[0], 60 %), PRJ-B (b.md:11 team[1], 60 %), PRG (prg.md:7 team[0], 20 %) [over-allocation]"
    ]


def test_exactly_full_is_not_over_allocated():
    pages = {
        "a.md": page("type: project", "id: A", "owner: X", "start: 2026-01-01", "end: 2026-03-31", "team: [{name: Ann, allocation: 60}]"),
        "b.md": page("type: project", "id: B", "owner: X", "start: 2026-02-01", "end: 2026-03-31", "team: [{name: ann, allocation: 40}]"),
    }
    assert loads(pages) == {"Ann": {"2026-01": 60, "2026-02": 100, "2026-03": 100}}
    assert [f for f in find(registry_of(pages), TODAY) if f.rule == "over-allocation"] == []


def test_bad_team_input_is_reported_with_file_line_and_field():
    model, printed = check(page(
        "type: project", "id: A", "owner: X", "start: 2026-01-01", "end: 2026-06-30",
        "team:",
        "  - {name: Ann, allocation: 120}",
        "  - {name: Bo, allocation: 50, from: 2026-05-01, to: 2026-03-31}",
        "  - {name: Cy, allocation: true, form: 2026-01}",
        "  - {role: nobody}",
        "stakeholders:",
        "  - {name: S, influence: 6, interest: 0}",
    ))
    assert printed == [
        "p.md:8: team[0].allocation: expected less than or equal to 100, found 120 (int); the value is left out",
        "p.md:9: team[1]: expected 'to' on or after 'from' (2026-05-01), found 2026-03-31; the value is left out",
        "p.md:10: team[2].allocation: expected a number, found True (bool); the value is left out",
        "p.md:10: team[2].form: unknown field 'form' in team[2] (did you mean 'from'?); it is ignored",
        "p.md:11: team[3].name: required field 'name' is missing; the entry is left out",
        "p.md:13: stakeholders[0].influence: expected less than or equal to 5, found 6 (int); the value is left out",
        "p.md:13: stakeholders[0].interest: expected greater than or equal to 1, found 0 (int); the value is left out",
    ]
    assert model is not None
    assert [(m.name, m.allocation) for m in model.team] == [("Ann", None), ("Cy", None)]  # type: ignore[attr-defined]
    # The stakeholder stays, without its bad scores.
    assert model.stakeholders[0].name == "S"  # type: ignore[union-attr]


def test_quadrants_and_bands():
    assert [stakeholder_quadrant(5, 4), stakeholder_quadrant(4, 2), stakeholder_quadrant(2, 5), stakeholder_quadrant(3, 3)] == [
        "manage", "satisfy", "inform", "monitor"]
    assert [load_band(0), load_band(1), load_band(80), load_band(81), load_band(100), load_band(101)] == [
        None, "low", "low", "medium", "medium", "high"]


def test_power_map_stacks_names_in_one_cell_and_counts_the_rest():
    from mkdocs_pgm.core.model.schema import Stakeholder

    crowd = [Stakeholder(name=f"S{n}", influence=5, interest=5) for n in range(8)]
    drawn = power_map([*crowd, "Plain"])
    assert drawn is not None
    # A cell is (360 - 10 - 34) / 5 = 63.2 high: (63.2 - 6) // 12 = 4 lines, 3 names and "5 more".
    assert [p.name for p in drawn.placed] == ["S0", "S1", "S2"]
    assert [(count, names) for _, _, count, names in drawn.more] == [(5, ["S3", "S4", "S5", "S6", "S7"])]
    assert drawn.unplaced == ["Plain"]
    assert power_map(["Plain"]) is None


# --------------------------------------------------------------------------- built site

HOSTILE = "<img src=x onerror=alert(1)>"


def _config() -> dict[str, Any]:
    return {"theme": {"name": "material", "font": False}, "plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}


def _files() -> dict[str, str]:
    hostile = page(
        "type: project", "id: PRJ-H", "title: Hostile", "owner: X", "program: PRG", "start: 2026-03-01", "end: 2026-03-31",
        "team:",
        f'  - {{name: "{HOSTILE}", role: "<b>r</b>", allocation: 100}}',
        f'  - {{name: "{HOSTILE.upper()}", allocation: 30}}',
    )
    return {"index.md": "# Home\n", "a.md": PORTAL, "b.md": BILLING, "prg.md": PROGRAM, "h.md": hostile}


def test_built_site_resources_page_program_people_power_map_and_catalog(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, _files(), _config(), strict=True)
    assert site.warnings == []
    html = site.html("governance/resources.md")
    assert "<h1" in html and "People and capacity" in html
    svg = re.search(r'<svg class="pgm-load".*?</svg>', html, re.S)
    assert svg is not None
    drawing = svg.group(0)
    assert 'role="img"' in drawing and "<title id=" in drawing and "<desc id=" in drawing and 'width="100%"' in drawing
    # Lena's June cell: over-allocated, bold and marked, not by colour only.
    assert "Lena Park, 2026-06: 140% (over-allocated)" in drawing
    assert 'font-weight="700">&#9650;140</text>' in drawing
    assert "pgm-load-cell--high pgm-load-cell--over" in drawing
    # The table: runs of months with the same load and pages; over-allocated rows marked.
    table = html[html.index('<table class="pgm-table pgm-load-table"'):]
    texts = [" ".join(re.sub(r"<[^>]+>", " ", r).split()) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]]
    assert [t for t in texts if t.startswith(("Lena", "Bo"))] == [
        "Bo Chen 2026-05 35% Billing developer 50%",
        "Bo Chen 2026-06 33% Billing developer 50%",
        "Lena Park 2026-01 to 2026-03 60% Portal lead architect 60%",
        "Lena Park 2026-04 90% Portal lead architect 60% Billing architect 60%",
        "Lena Park 2026-05 &#9650; 120% over-allocated Portal lead architect 60% Billing architect 60%",
        "Lena Park 2026-06 &#9650; 140% over-allocated Portal lead architect 60% Billing architect 60% Digital design authority 20%",
        "Lena Park 2026-07 70% Billing architect 60% Digital design authority 20%",
        "Lena Park 2026-08 to 2026-09 60% Billing architect 60%",
    ]
    assert '<tr class="pgm-load-over"><td>Lena Park</td>' in table
    uncounted = re.search(r'<p class="pgm-load-uncounted">(.*?)</p>', html, re.S)
    assert uncounted is not None
    assert " ".join(re.sub(r"<[^>]+>", " ", uncounted.group(1)).split()) == "Not counted in the load (no allocation or no dates): Sam Roe ( Digital )"

    # The program page: its people (own team and projects') and the power/interest map.
    program = site.html("prg.md")
    people = program[program.index('id="pgm-people"'):]
    people = people[: people.index("</table>")]
    assert "Lena Park" in people and "Bo Chen" in people and "Sam Roe" in people
    assert "&#9650; over-allocated" in people and "lead architect" in people and "the program" in people
    power = re.search(r'<svg class="pgm-power-map".*?</svg>', program, re.S)
    assert power is not None
    for label in ("Manage closely", "Keep satisfied", "Keep informed", "Monitor", "CFO", "Works council", "Store managers", "Suppliers"):
        assert f">{label}</text>" in power.group(0), label
    assert "Not on the map (influence or interest missing): Regulator" in program
    # A project page lists its own team.
    billing = site.html("b.md")
    team = billing[billing.index('id="pgm-people"'):]
    team = " ".join(re.sub(r"<[^>]+>", " ", team[: team.index("</table>")]).split())
    assert team == ('id="pgm-people">People Person Role Allocation Dates Bo Chen developer 50% 2026-05-10 &#8594; 2026-06-20 '
                    "Lena Park &#9650; over-allocated architect 60% 2026-04-16 &#8594; 2026-09-30")

    # The catalog filters by person: owner, sponsor, team and stakeholders, case-insensitively one.
    catalog = site.html("governance/catalog.md")
    assert '<select name="person" data-pgm-multi>' in catalog
    assert '<option value="lena park">Lena Park (3)</option>' in catalog
    assert 'data-person="|ann lee|lena park|"' in catalog
    assert 'data-person="|dana whitfield|lena park|sam roe|cfo|works council|store managers|suppliers|regulator|"' in catalog

    # The finding, on the dashboard and in pgm.json, with the people and their loads.
    data = json.loads(site.read("governance/pgm.json"))
    jsonschema.Draft202012Validator(site.json("governance/pgm.schema.json")).validate(data)
    assert [f["field"] for f in data["findings"] if f["rule"] == "over-allocation"] == ["team[0]", "team[0]"]
    lena = next(p for p in data["people"] if p["name"] == "Lena Park")
    assert lena["over_allocated"] == ["2026-05", "2026-06"]
    assert lena["months"]["2026-04"] == 90
    assert lena["assignments"][1] == {"page": "PRJ-B", "field": "team[1]", "role": "architect", "allocation": 60,
                                      "from": "2026-04-16", "to": "2026-09-30"}
    prj_b = next(e for e in data["entities"] if e["id"] == "PRJ-B")
    assert prj_b["front_matter"]["team"][0]["from"] == "2026-05-10"


def test_hostile_names_are_escaped_in_svg_table_catalog_and_json(build_site: Any, tmp_path: Path) -> None:
    files = _files()
    files["prg.md"] = PROGRAM.replace("  - Regulator\n", f'  - Regulator\n  - {{name: "{HOSTILE}", role: "<b>r</b>", influence: 5, interest: 5}}\n')
    site = build_site(tmp_path, files, _config())
    for src in ("governance/resources.md", "prg.md", "governance/catalog.md", "h.md"):
        html = site.html(src)
        assert "<img src=x" not in html and "<IMG SRC=X" not in html and "<b>r</b>" not in html, src
    resources = site.html("governance/resources.md")
    # One person (the same name in two cases) at 130 % in March: over-allocated, escaped everywhere.
    assert "&lt;img src=x onerror=alert(1)&gt;, 2026-03: 130% (over-allocated)" in resources
    assert "&lt;img src=x onerror=alert(1)&gt;</td>" in resources
    assert "&lt;b&gt;r&lt;/b&gt;" in resources
    catalog = site.html("governance/catalog.md")
    assert "&lt;img src=x onerror=alert(1)&gt; (2)</option>" in catalog  # the project's team and the program's stakeholders
    # On the power/interest map: the label is cut, the tooltip holds the whole name, both escaped.
    power = re.search(r'<svg class="pgm-power-map".*?</svg>', site.html("prg.md"), re.S)
    assert power is not None
    assert "<title>&lt;img src=x onerror=alert(1)&gt; (&lt;b&gt;r&lt;/b&gt;) · Influence 5 · Interest 5</title>" in power.group(0)
    assert ">&lt;img src=x oner&#8230;</text>" in power.group(0)
    data = json.loads(site.read("governance/pgm.json"))
    assert any(p["name"] == HOSTILE for p in data["people"])


@pytest.mark.browser
def test_catalog_person_filter_in_the_browser(build_site: Any, tmp_path: Path, browser: Any) -> None:
    from playwright.sync_api import expect

    from test_catalog import _serve, _visible_ids

    settings = _config()
    settings["theme"] = {"name": "mkdocs", "highlightjs": False}
    site = build_site(tmp_path / "src", _files(), settings, strict=True)
    # The session's Chromium (conftest): a second Playwright in the same thread cannot start.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    with _serve(site.site_dir) as base:
        url = base + site.url("governance/catalog.md")
        page.goto(url + "?person=LENA%20PARK")  # case-insensitive, as the other filters
        count = page.locator(".pgm-catalog-count")
        expect(count).to_have_text("3 of 4 shown")
        # Named on the program (team), and on two projects (team): one of several names of each row.
        assert _visible_ids(page) == ["PRG", "PRJ-B", "PRJ-A"]
        page.select_option('.pgm-catalog select[name="person"]', "regulator")
        expect(count).to_have_text("1 of 4 shown")
        assert _visible_ids(page) == ["PRG"]
        assert problems == []
    context.close()
