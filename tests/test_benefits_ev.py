"""Benefit measurements and trends, the ``benefit-overdue`` finding, and the earned-value
figures (SPI, CPI, CV, SV, EAC, ETC, VAC) of projects and their roll-ups.

Every expected number is computed by hand in the comments (docs/guides/kpis.md has the
same worked example).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema

from mkdocs_pgm.core.analysis import kpis
from mkdocs_pgm.core.analysis.findings import RULES, find
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.exports import formats as ex
from mkdocs_pgm.core.i18n import locale_for
from mkdocs_pgm.core.views.trend import sparkline

from helpers import check, page, registry_of

TODAY = dt.date(2026, 7, 2)  # 182 of the 364 days from 2026-01-01 to 2026-12-31: half the schedule

PROJECT_A = page(
    "type: project", "id: A", "owner: Ana", "program: P",
    "start: 2026-01-01", "end: 2027-03-31",
    "baseline: {start: 2026-01-01, end: 2026-12-31, budget: 900000}",
    "budget: {planned: 1050000, actual: 500000}",
    "progress: 40",
)
PROJECT_B = page(
    "type: project", "id: B", "owner: Ben", "program: P",
    "start: 2026-01-01", "end: 2026-12-31",
    "budget: {planned: 100000, actual: 50000}",
    "progress: 60",
)
PROJECT_C = page(  # no progress: no EV, left out of the roll-up
    "type: project", "id: C", "owner: Cy", "program: P",
    "start: 2026-01-01", "end: 2026-12-31", "budget: {planned: 70000, actual: 10000}",
)
PROJECT_X = page(  # cancelled: left out
    "type: project", "id: X", "owner: Xi", "program: P", "status: cancelled",
    "start: 2026-01-01", "end: 2026-12-31", "budget: {planned: 5000, actual: 9000}", "progress: 10",
)
PROGRAM = page("type: program", "id: P", "owner: Pat")


def _ev_registry():
    registry = registry_of({"a.md": PROJECT_A, "b.md": PROJECT_B, "c.md": PROJECT_C, "x.md": PROJECT_X, "p.md": PROGRAM})
    assert [str(d) for d in registry.diagnostics] == []
    return registry


def _by_key(found):
    return {k.key: k for k in found}


# --------------------------------------------------------------------------- earned value


def test_project_earned_value_by_hand():
    registry = _ev_registry()
    ev = kpis.earned_value(registry.get("A"), TODAY)
    # BAC = baseline budget 900 000; EV = 900 000 × 40 % = 360 000;
    # PV = 900 000 × 182/364 = 450 000 (baseline schedule); AC = 500 000.
    assert (ev.bac, ev.ev, ev.pv, ev.ac) == (900000.0, 360000.0, 450000.0, 500000.0)
    figures = ev.figures()
    assert figures == {
        "bac": 900000.0, "ev": 360000.0, "pv": 450000.0, "ac": 500000.0,
        "spi": 0.8,         # 360 000 / 450 000
        "cpi": 0.72,        # 360 000 / 500 000
        "cv": -140000.0,    # 360 000 - 500 000
        "sv": -90000.0,     # 360 000 - 450 000
        "eac": 1250000.0,   # 900 000 / 0.72
        "etc": 750000.0,    # 1 250 000 - 500 000
        "vac": -350000.0,   # 900 000 - 1 250 000
    }
    shown = _by_key(kpis.project_earned_value(registry.get("A"), TODAY))
    assert list(shown) == list(kpis.EV_KEYS)
    assert [(k, shown[k].display, shown[k].rating) for k in kpis.EV_KEYS] == [
        ("spi", "0.8", "bad"), ("cpi", "0.72", "bad"),
        ("cv", "-140\u202f000 EUR", "bad"), ("sv", "-90\u202f000 EUR", "bad"),
        ("eac", "1\u202f250\u202f000 EUR", "bad"), ("etc", "750\u202f000 EUR", "bad"), ("vac", "-350\u202f000 EUR", "bad"),
    ]
    assert shown["spi"].label == "Schedule performance index (SPI)"
    assert shown["spi"].inputs == (
        "EV 360\u202f000 EUR = BAC 900\u202f000 EUR × 40 % progress; "
        "PV 450\u202f000 EUR = BAC 900\u202f000 EUR × 50 % of the baseline schedule 2026-01-01 to 2026-12-31 elapsed on 2026-07-02"
    )
    assert shown["cpi"].inputs == "EV 360\u202f000 EUR = BAC 900\u202f000 EUR × 40 % progress; AC 500\u202f000 EUR (budget.actual)"
    assert shown["eac"].inputs.startswith("BAC 900\u202f000 EUR (baseline budget); EV 360\u202f000 EUR")


def test_project_ahead_and_under_cost_is_good():
    registry = _ev_registry()
    shown = _by_key(kpis.project_earned_value(registry.get("B"), TODAY))
    # BAC 100 000 (planned, no baseline); EV 60 000; PV 50 000 (planned dates); AC 50 000.
    assert {k: shown[k].value for k in kpis.EV_KEYS} == {
        "spi": 1.2, "cpi": 1.2, "cv": 10000.0, "sv": 10000.0,
        "eac": 83333.33,  # 100 000 × 50 000 / 60 000
        "etc": 33333.33, "vac": 16666.67,
    }
    assert {shown[k].rating for k in kpis.EV_KEYS} == {"good"}
    assert "(planned budget)" in shown["eac"].inputs and "of the schedule 2026-01-01 to 2026-12-31" in shown["spi"].inputs


def test_program_rollup_sums_then_divides():
    registry = _ev_registry()
    total, shown = kpis.rollup_earned_value(registry.get("P").projects, TODAY)
    # A + B: BAC 1 000 000, EV 420 000, PV 500 000, AC 550 000 (C: no progress; X: cancelled).
    assert (total.bac, total.ev, total.pv, total.ac) == (1000000.0, 420000.0, 500000.0, 550000.0)
    values = {k.key: k.value for k in shown}
    assert values == {
        "spi": 0.84,          # 420 000 / 500 000
        "cpi": 0.76,          # 420 000 / 550 000 = 0.7636…
        "cv": -130000.0,      # 420 000 - 550 000
        "sv": -80000.0,       # 420 000 - 500 000
        "eac": 1309523.81,    # 1 000 000 × 550 000 / 420 000
        "etc": 759523.81,     # 1 309 523.81 - 550 000
        "vac": -309523.81,    # 1 000 000 - 1 309 523.81
    }
    assert shown[0].inputs == (
        "sums over A, B: BAC 1\u202f000\u202f000 EUR, EV 420\u202f000 EUR, PV 500\u202f000 EUR, AC 550\u202f000 EUR; "
        "left out: C (no EV); cancelled, left out: X"
    )
    assert [p.id for p in shown[0].sources] == ["A", "B"]
    # The program page's figures are the same roll-up.
    assert [k.value for k in kpis.program_earned_value(registry.get("P"), TODAY)] == list(values.values())
    # The portfolio of the whole site: the same four projects.
    assert [k.value for k in kpis.portfolio_earned_value(registry, TODAY)] == list(values.values())


def test_undefined_figures_are_a_dash_not_an_error():
    registry = registry_of({
        "n.md": page("type: project", "id: N", "owner: Ana", "start: 2026-08-01", "end: 2026-12-31",
                     "budget: {planned: 1000}", "progress: 0"),
        "e.md": page("type: project", "id: E", "owner: Ana"),
    })
    shown = _by_key(kpis.project_earned_value(registry.get("N"), TODAY))
    # Before the start PV is 0 (no SPI); no actual (no CPI, CV, EAC…); EV is 0, so SV = 0 - 0.
    assert {k: shown[k].display for k in kpis.EV_KEYS} == {
        "spi": "—", "cpi": "—", "cv": "—", "sv": "0 EUR", "eac": "—", "etc": "—", "vac": "—",
    }
    assert shown["spi"].rating == "none" and shown["sv"].rating == "good"
    assert shown["cpi"].inputs == "EV 0 EUR = BAC 1\u202f000 EUR × 0 % progress; AC needs budget.actual; it is not set"
    empty = _by_key(kpis.project_earned_value(registry.get("E"), TODAY))
    assert {k.display for k in empty.values()} == {"—"}
    assert empty["spi"].inputs == (
        "needs a budget at completion (baseline.budget or budget.planned); neither is set; "
        "needs a budget at completion (baseline.budget or budget.planned); neither is set"
    )
    total, rolled = kpis.rollup_earned_value(registry.of_kind("project"), TODAY)
    assert total.ev is None and {k.display for k in rolled} == {"—"}
    assert rolled[0].inputs == "left out: E (no BAC, EV, PV, AC); N (no AC)"


def test_earned_value_in_german():
    registry = _ev_registry()
    shown = _by_key(kpis.project_earned_value(registry.get("A"), TODAY, locale=locale_for("de")))
    assert shown["cpi"].label == "Kostenleistungsindex (CPI)"
    assert shown["cpi"].display == "0,72"


# --------------------------------------------------------------------------- measurements


def test_actual_is_the_latest_measurement_in_any_order():
    model, problems = check(page(
        "type: program", "owner: Pat",
        "benefits:",
        "  - title: Conversion",
        "    baseline: 1.8",
        "    target: 2.6",
        "    measurements:",
        "      - {date: 2026-09-30, value: 2.2}",
        "      - {date: 2026-03-31, value: 1.9}",
        "      - {date: 2026-Q3, value: 2.0, note: 'same day as the first, written last'}",
        "  - title: Written actual wins",
        "    actual: 5",
        "    measurements: [{date: 2026-01-31, value: 7}]",
    ))
    assert problems == []
    measured, written = model.benefits  # type: ignore[union-attr]
    assert measured.actual == 2.0 and measured.actual_measured
    assert [m.value for m in measured.trend] == [1.9, 2.2, 2.0]
    assert written.actual == 5 and not written.actual_measured
    registry = registry_of({"p.md": page(
        "type: program", "id: P", "owner: Pat",
        "benefits: [{id: BEN-1, title: B, baseline: 10, target: 20, measurements: [{date: 2026-05-31, value: 16}, {date: 2026-02-28, value: 12}]}]",
    )})
    benefit = registry.resolve("BEN-1")
    assert kpis.benefit_realization(benefit) == 60.0  # (16 - 10) / (20 - 10)


def test_bad_measurements_are_reported_and_left_out():
    model, problems = check(page(
        "type: program", "owner: Pat",
        "benefits:",
        "  - title: Conversion",
        "    measurements:",
        "      - {date: 2026-13-01, value: 2}",
        "      - {date: 2026-05-31, value: lots}",
        "      - {value: 3}",
        "      - 4",
        "      - {date: 2026-04-30, value: 1.5, source: survey}",
        "      - {date: 2026-03-31, value: true}",
    ))
    assert problems == [
        "p.md:7: benefits[0].measurements[0]: left out: it has no valid 'date'",
        "p.md:7: benefits[0].measurements[0].date: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2026-13-01'; the value is left out",
        "p.md:8: benefits[0].measurements[1]: left out: it has no valid 'value'",
        "p.md:8: benefits[0].measurements[1].value: expected a valid number, unable to parse string as a number, found 'lots'; the value is left out",
        "p.md:9: benefits[0].measurements[2].date: required field 'date' is missing; the entry is left out",
        "p.md:10: benefits[0].measurements[3]: expected a valid dictionary or instance of Measurement, found 4 (int); the value is left out",
        "p.md:11: benefits[0].measurements[4].source: unknown field 'source' in benefits[0].measurements[4]; it is ignored",
        "p.md:12: benefits[0].measurements[5]: left out: it has no valid 'value'",
        "p.md:12: benefits[0].measurements[5].value: expected a number, found True (bool); the value is left out",
    ]
    benefit = model.benefits[0]  # type: ignore[union-attr]
    assert [(m.date, m.value) for m in benefit.measurements] == [(dt.date(2026, 4, 30), 1.5)]
    assert benefit.actual == 1.5


def test_measurements_in_json_schema_and_pgm_json():
    from mkdocs_pgm.core.exports.jsonschema import json_schema

    schema = json_schema()
    measurement = schema["$defs"]["Measurement"]
    assert measurement["required"] == ["date", "value"]
    assert set(measurement["properties"]) == {"date", "value", "note"}
    registry = registry_of({
        "a.md": PROJECT_A,
        "p.md": page("type: program", "id: P", "owner: Pat",
                     "benefits: [{id: BEN-1, title: B, target: 4, measurements: [{date: 2026-05-31, value: 3, note: Q2 survey}]}]"),
    })
    analysis = analyze(registry)
    document = json.loads(ex.export_json(registry, analysis=analysis, findings=find(registry, TODAY, analysis=analysis), today=TODAY,
                                         currency="EUR", url_of=lambda node: None, site_url=None, generator="test"))
    jsonschema.Draft202012Validator(ex.export_schema()).validate(document)
    entities = {e["id"]: e for e in document["entities"]}
    benefit = entities["P"]["entries"][0]
    assert benefit["front_matter"]["measurements"] == [{"date": "2026-05-31", "value": 3.0, "note": "Q2 survey"}]
    assert (benefit["front_matter"]["actual"], benefit["actual_measured"], benefit["realization"]) == (3.0, True, 75.0)
    ev = entities["A"]["earned_value"]
    assert {k: ev[k] for k in ("currency", "bac", "ev", "pv", "ac", "spi", "cpi", "eac")} == {
        "currency": "EUR", "bac": 900000.0, "ev": 360000.0, "pv": 450000.0, "ac": 500000.0, "spi": 0.8, "cpi": 0.72, "eac": 1250000.0,
    }
    assert [k["key"] for k in ev["kpis"]] == list(kpis.EV_KEYS)
    assert entities["P"]["earned_value"]["projects"] == ["A"]


# --------------------------------------------------------------------------- benefit-overdue


def test_benefit_overdue_exact_message():
    assert "benefit-overdue" in RULES
    registry = registry_of({
        "p.md": page(
            "type: program", "id: P", "owner: Pat",
            "benefits:",
            "  - {id: BEN-LATE, title: Fresher data, due: 2026-05-31, status: realizing}",
            "  - {id: BEN-DONE, title: Done, due: 2026-01-31, status: realized}",
            "  - {id: BEN-TODAY, title: Due today, due: 2026-07-02}",
            "  - id: BEN-RISK",
            "    title: At risk",
            "    status: at-risk",
            "    due: 2026-Q2",
        ),
        "x.md": page("type: program", "id: X", "owner: Xi", "status: cancelled",
                     "benefits: [{title: Never, due: 2026-01-31}]"),
    })
    found = [f for f in find(registry, TODAY) if f.rule == "benefit-overdue"]
    assert [str(f) for f in found] == [
        "p.md:6: benefits[0].due: benefit 'Fresher data' was due 2026-05-31 and is still realizing (32 days overdue) [benefit-overdue]",
        "p.md:12: benefits[3].due: benefit 'At risk' was due 2026-06-30 and is still at-risk (2 days overdue) [benefit-overdue]",
    ]
    assert [f.days for f in found] == [32, 2]
    assert found[0].node.ref_id == "BEN-LATE"


def test_benefit_overdue_title_in_every_language():
    assert [locale_for(lang).text("finding.benefit-overdue") for lang in ("en", "de", "fr", "es")] == [
        "Benefits past their due date and not realized",
        "Nutzen nach ihrem Fälligkeitsdatum und nicht realisiert",
        "Bénéfices échus et non réalisés",
        "Beneficios vencidos y no realizados",
    ]


# --------------------------------------------------------------------------- sparkline


def test_sparkline_geometry_and_title():
    svg = str(sparkline("Conv", [(dt.date(2026, 1, 1), 2.0), (dt.date(2026, 1, 11), 4.0), (dt.date(2026, 1, 21), 3.0)],
                        baseline=0.0, target=4.0, unit="%"))
    # x: 4 + days/20 × 112; y: 4 + 24 - (v - 0)/(4 - 0) × 24.
    assert 'points="4,16 60,4 116,10"' in svg
    assert '<line class="pgm-trend-baseline" x1="4" x2="116" y1="28" y2="28"' in svg
    assert '<line class="pgm-trend-target" x1="4" x2="116" y1="4" y2="4" stroke="#1a7f37"' in svg
    assert '<circle class="pgm-trend-last" cx="116" cy="10"' in svg
    assert "<title>Conv: 2026-01-01 2 %; 2026-01-11 4 %; 2026-01-21 3 %; baseline 0 %; target 4 %</title>" in svg
    # One measurement: a dot in the middle, no line; none: nothing.
    one = str(sparkline("One", [(dt.date(2026, 1, 1), 5.0)]))
    assert "<polyline" not in one and 'cx="60" cy="16"' in one
    assert str(sparkline("None", [])) == ""


HOSTILE = '<img src=x onerror=alert(1)>"&'

SITE_PAGES = {
    "index.md": "# Home\n",
    "programs/p.md": page(
        "type: program", "id: PRG-P", "title: Program P", "owner: Pat",
        "benefits:",
        "  - id: BEN-CONV",
        f"    title: '{HOSTILE}'",
        "    baseline: 1.8",
        "    target: 2.6",
        f"    unit: '{HOSTILE}'",
        "    due: 2027-Q4",
        "    measurements:",
        "      - {date: 2026-06-30, value: 1.85}",
        "      - {date: 2026-03-31, value: 1.8}",
        "      - {date: 2026-09-30, value: 1.95}",
        body="# Program P\n",
    ),
    "governance/benefits.md": "# Benefits\n\n<!-- pgm:benefits -->\n",
    "projects/a.md": PROJECT_A.replace("program: P", "program: PRG-P") + "# A\n",
}


def test_sparkline_in_a_built_site_is_escaped(build_site, tmp_path):
    site = build_site(tmp_path, SITE_PAGES, {"plugins": ["search", {"pgm": {"today": "2026-07-02"}}]})
    escaped = "&lt;img src=x onerror=alert(1)&gt;&#34;&amp;"
    for src in ("programs/p.md", "governance/benefits.md"):
        html = site.html(src)
        svgs = re.findall(r'<svg class="pgm-trend".*?</svg>', html)
        assert len(svgs) == 1, src
        svg = svgs[0]
        assert f"<title>{escaped}: 2026-03-31 1.8 {escaped}; 2026-06-30 1.85 {escaped}; 2026-09-30 1.95 {escaped}; baseline 1.8 {escaped}; target 2.6 {escaped}</title>" in svg
        assert "<img" not in svg
        assert "<polyline" in svg and "pgm-trend-target" in svg
        assert "<th scope=\"col\">Trend</th>" in html
    # The actual is the latest measurement: (1.95 - 1.8) / (2.6 - 1.8) = 18.75 → 19 % in the register.
    assert "19&nbsp;%" in site.html("governance/benefits.md")


def test_earned_value_tables_in_a_built_site(build_site, tmp_path):
    site = build_site(tmp_path, SITE_PAGES, {"plugins": ["search", {"pgm": {"today": "2026-07-02"}}]})
    for src, spi, cpi in (("projects/a.md", "0.8", "0.72"), ("programs/p.md", "0.8", "0.72")):
        html = site.html(src)
        assert '<h3 id="pgm-kpis-earned-value">Earned value</h3>' in html, src
        table = html.split('id="pgm-kpis-earned-value"', 1)[1].split("</table>", 1)[0]
        assert re.search(r'<tr class="pgm-kpi-row--spi"><th scope="row">Schedule performance index \(SPI\)</th> <td class="pgm-kpi pgm-kpi--bad">'
                         + re.escape(spi) + "</td>", table), src
        assert f'<td class="pgm-kpi pgm-kpi--bad">{cpi}</td>' in table
        assert '<td class="pgm-kpi pgm-kpi--bad">-140&#8239;000 EUR</td>' in table  # CV = 360 000 - 500 000
