"""The portfolio over time, drawn (core/views/history.py): a project's slip chart and sparkline,
the dashboard's health and variance trends; and in a real build from a git repository, a
project's "Slip history" section and the dashboard's "Trends".

Expected coordinates are computed by hand from the module's geometry: a chart is
``WIDTH`` 640 by ``HEIGHT`` 200; the plot area starts at ``LEFT`` (96; 40 for the health bars)
and ``TOP`` 14, and is 640 - LEFT - 16 wide and 200 - 14 - 30 = 156 high.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from mkdocs_pgm.core.history.changes import Source
from mkdocs_pgm.core.history.state import State
from mkdocs_pgm.core.history.timeline import History, Point, Revision, Timeline
from mkdocs_pgm.core.i18n import locale_for
from mkdocs_pgm.core.views import history as views

D = dt.date


def commit(day: str, sha: str, subject: str = "Edit") -> Source:
    return Source("commit", D.fromisoformat(day), sha * 40 if len(sha) == 1 else sha, subject)


def project(end: str | None, *, baseline: str | None = "2027-03-31", health: str = "green", title: str = "Checkout",
            ident: str = "CHK", status: str = "active") -> State:
    return State(ident, "project", title, status=status, health=health, end=D.fromisoformat(end) if end else None,
                 baseline_end=D.fromisoformat(baseline) if baseline else None)


#: Three moves of the end: +30 days, +61 days, -30 days.
STATES = [
    (commit("2026-09-01", "a"), project("2027-03-31")),
    (commit("2026-09-15", "b"), project("2027-03-31", health="green")),  # the end did not move: no point
    (commit("2026-10-01", "c"), project("2027-04-30", health="amber")),
    (commit("2026-11-01", "d"), project("2027-06-30", health="red")),
    (commit("2026-12-01", "e"), project("2027-05-31", health="amber")),
]


def attr(svg: str, tag: str, name: str) -> list[str]:
    return re.findall(rf'<{tag}\b[^>]*?\s{name}="([^"]*)"', svg)


# ---------------------------------------------------------------------------- slip chart


def test_slip_chart_steps_through_each_end_date() -> None:
    svg = str(views.slip_chart("Checkout", STATES, today=D(2026, 12, 1)))
    # x: 2026-09-01 .. 2026-12-01 = 91 days over 528; y: 2027-03-31 .. 2027-06-30 = 91 days over 156, later up.
    # 2026-10-01: 96 + 30/91*528 = 270.1; 2026-11-01: 96 + 61/91*528 = 449.9; 2026-12-01: 624.
    # 2027-03-31: 170; 2027-04-30: 170 - 30/91*156 = 118.6; 2027-06-30: 14; 2027-05-31: 170 - 61/91*156 = 65.4.
    assert attr(svg, "path", "d") == ["M96,170H270.1V118.6H449.9V14H624V65.4"]
    assert attr(svg, "circle", "cx") == ["96", "270.1", "449.9", "624"]
    assert attr(svg, "circle", "cy") == ["170", "118.6", "14", "65.4"]
    assert attr(svg, "circle", "class") == ["pgm-hist-dot pgm-hist-dot--green", "pgm-hist-dot pgm-hist-dot--amber",
                                            "pgm-hist-dot pgm-hist-dot--red", "pgm-hist-dot pgm-hist-dot--amber"]
    titles = re.findall(r"<circle[^>]*><title>([^<]*)</title>", svg)
    assert titles == ["2026-09-01 (aaaaaaa): end 2027-03-31", "2026-10-01 (ccccccc): end 2027-04-30",
                      "2026-11-01 (ddddddd): end 2027-06-30", "2026-12-01 (eeeeeee): end 2027-05-31"]
    # The baseline end, dashed, at y 170; the drawing's words for screen readers.
    assert re.search(r'<line class="pgm-hist-baseline" x1="96" x2="624" y1="170" y2="170"[^>]*stroke-dasharray', svg)
    assert svg.startswith('<svg class="pgm-hist pgm-hist--slips" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 200"')
    assert 'role="img" aria-label="Planned end of Checkout over time"><title>Planned end of Checkout over time</title><desc>' in svg
    assert "baseline end 2027-03-31</desc>" in svg
    # The axis: each end's date up the left (at its y), the first and last day along the bottom.
    labels = re.findall(r'<text class="pgm-hist-label" x="([^"]*)" y="([^"]*)" text-anchor="(\w+)"[^>]*>([^<]*)</text>', svg)
    assert labels == [("90", "18", "end", "2027-06-30"), ("90", "69.4", "end", "2027-05-31"), ("90", "122.6", "end", "2027-04-30"),
                      ("90", "174", "end", "2027-03-31"), ("96", "190", "start", "2026-09-01"), ("624", "190", "end", "2026-12-01")]


def test_slip_chart_runs_to_today_and_names_the_working_tree() -> None:
    states = [STATES[0], (Source("working-tree", D(2026, 9, 21)), project("2027-04-30", baseline=None))]
    svg = str(views.slip_chart("Checkout", states, today=D(2026, 10, 11)))
    # 2026-09-01 .. 2026-10-11 = 40 days: 2026-09-21 at 96 + 20/40*528 = 360; the line goes on to today (624).
    assert attr(svg, "path", "d") == ["M96,170H360V14H624"]
    assert "2026-09-01 (aaaaaaa): end 2027-03-31" in svg and "2026-09-21 (not committed yet): end 2027-04-30" in svg
    assert "pgm-hist-baseline" not in svg  # the latest state has no baseline


def test_slip_chart_is_empty_when_the_end_never_moved() -> None:
    assert views.slip_chart("X", STATES[:2]) == ""
    assert views.slip_chart("X", []) == ""
    assert views.slip_sparkline("X", STATES[:2]) == ""


def test_every_value_is_escaped() -> None:
    hostile = '<script>alert(1)</script>"&'
    states = [(commit("2026-09-01", "a", hostile), project("2027-03-31", title=hostile)),
              (commit("2026-10-01", "b", hostile), project("2027-04-30", title=hostile))]
    for svg in (str(views.slip_chart(hostile, states)), str(views.slip_sparkline(hostile, states))):
        assert "<script>" not in svg and "&#34;&amp;" in svg
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&amp;" in svg
        ElementTree.fromstring(svg)  # well-formed XML
    for svg in (str(views.health_trend(MONTHS)), str(views.variance_trend([(D(2026, 10, 31), 60, 2)]))):
        ElementTree.fromstring(svg)


def test_labels_follow_the_language() -> None:
    svg = str(views.slip_chart("Kasse", STATES, locale_for("de"), today=D(2026, 12, 1)))
    assert "Geplantes Ende von Kasse im Zeitverlauf" in svg and "1. Okt. 2026 (ccccccc): Ende 30. Apr. 2027" in svg


# ---------------------------------------------------------------------------- sparkline


def test_sparkline_draws_days_after_the_baseline() -> None:
    svg = str(views.slip_sparkline("Checkout", STATES, today=D(2026, 12, 1)))
    # Days after the baseline end: 0, 30, 91, 61 over 0..91 (the zero line is the lowest); 112 wide, 24 high from 4.
    # x: 4, 4 + 30/91*112 = 40.9, 4 + 61/91*112 = 79.1, 116; y: 28, 28 - 30/91*24 = 20.1, 4, 28 - 61/91*24 = 11.9.
    assert attr(svg, "path", "d") == ["M4,28H40.9V20.1H79.1V4H116V11.9"]
    assert attr(svg, "circle", "cx") == ["116"] and attr(svg, "circle", "cy") == ["11.9"]
    assert "pgm-hist-spark-line--red" in svg  # still after the baseline
    assert 'aria-label="Checkout: planned end 2027-03-31 → 2027-05-31 (+61 days; moved 3×)"' in svg
    assert 'viewBox="0 0 120 32"' in svg


# ---------------------------------------------------------------------------- trends


MONTHS = [
    (D(2026, 10, 31), {"green": 3, "amber": 1, "red": 0}),
    (D(2026, 11, 30), {"green": 0, "amber": 0, "red": 0}),
    (D(2026, 12, 15), {"green": 1, "amber": 2, "red": 1}),
]


def test_health_trend_stacks_green_amber_red() -> None:
    svg = str(views.health_trend(MONTHS))
    # Three bands of (640 - 40 - 16) / 3 = 194.67; bars 0.6 of that = 116.8 wide, centred: x = 40 + 194.67 i + 38.93.
    # The tallest month has 4 projects: one project is 156 / 4 = 39 high, from the base line at 170.
    rects = re.findall(r'<rect class="pgm-hist-bar pgm-hist-bar--(\w+)" x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)"', svg)
    assert rects == [
        ("green", "78.9", "53", "116.8", "117"), ("amber", "78.9", "14", "116.8", "39"),
        ("green", "468.3", "131", "116.8", "39"), ("amber", "468.3", "53", "116.8", "78"), ("red", "468.3", "14", "116.8", "39"),
    ]
    titles = re.findall(r'<g class="pgm-hist-month" data-month="([^"]*)"><title>([^<]*)</title>', svg)
    assert titles == [("2026-10-31", "Oct 2026: 3 green, 1 amber, 0 red"), ("2026-11-30", "Nov 2026: 0 green, 0 amber, 0 red"),
                      ("2026-12-15", "Dec 2026: 1 green, 2 amber, 1 red")]
    assert 'aria-label="Projects by health at each month end"' in svg
    months = re.findall(r'text-anchor="middle"[^>]*>([^<]*)</text>', svg)
    assert months == ["Oct", "2026", "Nov", "Dec"]  # the year under the first month (and under January)


def test_the_months_before_the_first_project_are_left_out() -> None:
    empty = (D(2026, 9, 30), {"green": 0, "amber": 0, "red": 0})
    assert views.health_trend([empty, *MONTHS]) == views.health_trend(MONTHS)
    rows = [(D(2026, 9, 30), 0, 0), (D(2026, 10, 31), 60, 2)]
    assert views.variance_trend(rows) == views.variance_trend(rows[1:])


def test_health_trend_is_empty_without_projects() -> None:
    assert views.health_trend([(D(2026, 10, 31), {"green": 0, "amber": 0, "red": 0})]) == ""
    assert views.health_trend([]) == ""


def test_variance_trend_is_the_average_per_project() -> None:
    rows = [(D(2026, 10, 31), 60, 2), (D(2026, 11, 30), 0, 0), (D(2026, 12, 15), -30, 3)]
    svg = str(views.variance_trend(rows))
    # Averages +30, none, -10 days; range -10..30 over 156 from 14: y(30) = 14, y(0) = 14 + 30/40*156 = 131, y(-10) = 170.
    # Bands of (640 - 96 - 16) / 3 = 176, points at their middle: 184 and 536; the empty month is a gap.
    assert attr(svg, "path", "d") == ["M184,14M536,170"]
    assert attr(svg, "circle", "cy") == ["14", "170"]
    assert attr(svg, "circle", "class") == ["pgm-hist-dot pgm-hist-dot--late", "pgm-hist-dot pgm-hist-dot--early"]
    assert re.search(r'<line class="pgm-hist-zero" x1="96" x2="624" y1="131" y2="131"', svg)
    labels = re.findall(r'<text class="pgm-hist-label" x="90" y="([^"]*)" text-anchor="end"[^>]*>([^<]*)</text>', svg)
    assert labels == [("135", "0 days"), ("18", "+30 days"), ("174", "-10 days")]
    assert "Oct 2026: +30 days per project on average (projects with a baseline: 2; in all +60 days)" in svg
    assert "Nov 2026: no project with a baseline end" in svg
    assert "Dec 2026: -10 days per project on average (projects with a baseline: 3; in all -30 days)" in svg
    assert views.variance_trend([(D(2026, 10, 31), 0, 0)]) == ""


def test_signed_days_of_an_average() -> None:
    assert views.signed_days(locale_for("en"), 12.25) == "+12.2 days"
    assert views.signed_days(locale_for("en"), 1) == "+1 day"
    assert views.signed_days(locale_for("en"), 0) == "0 days"
    assert views.signed_days(locale_for("fr"), -2.5) == "-2,5 jours"


# ---------------------------------------------------------------------------- a timeline's views


def test_template_globals_use_the_timeline() -> None:
    src = "projects/checkout.md"
    history = History(revisions={src: [Revision(s, st) for s, st in STATES]}, commits=5)
    timeline = Timeline(history, {src: STATES[-1][1]}, Point("date", "2026-11-01", D(2026, 11, 1)), D(2026, 12, 15))
    found: dict[str, Any] = views.template_globals(timeline)

    class Entity:
        src_uri, title, kind = src, "Checkout", "project"

    assert [s.days for s in found["slips_of"](Entity())] == [30, 61, -30]
    assert "pgm-hist--slips" in found["slip_chart"](Entity()) and "pgm-hist-spark" in found["slip_sparkline"](Entity())
    assert found["history_commits"] == 5
    rows = found["trend_rows"]()
    assert len(rows) == 4 and rows[0][0] == D(2026, 9, 30) and rows[-1] == (D(2026, 12, 15), {"green": 0, "amber": 1, "red": 0}, 61, 1)
    assert rows[-3] == (D(2026, 10, 31), {"green": 0, "amber": 1, "red": 0}, 30, 1)
    none = views.template_globals(None)
    assert none["slips_of"](Entity()) == [] and none["slip_chart"](Entity()) == "" and none["history_commits"] == 0


# ---------------------------------------------------------------------------- a real build


PAGE = """\
---
type: project
id: CHK
title: Checkout
owner: Ana
status: active
health: {health}
start: 2026-06-01
end: {end}
baseline:
  end: 2027-03-31
---
# Checkout
"""

#: (commit date, end, health, subject): the page as each commit leaves it.
COMMITS = [
    ("2026-09-01", "2027-03-31", "green", "Plan the checkout"),
    ("2026-10-01", "2027-04-30", "amber", "Payment provider late"),
    ("2026-11-01", "2027-06-30", "red", "Scope grew <fraud> & checks"),
    ("2026-12-01", "2027-05-31", "amber", "Recovered a month"),
]


def _git(root: Path, *args: str, day: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00Z"
    config = ["-c", "user.name=T", "-c", "user.email=t@e", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    return subprocess.run(["git", *config, *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n<!-- pgm:dashboard -->\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    shas = []
    for day, end, health, subject in COMMITS:
        (tmp_path / "docs" / "checkout.md").write_text(PAGE.format(end=end, health=health), encoding="utf-8")
        _git(tmp_path, "add", "docs")
        _git(tmp_path, "commit", "-q", "-m", subject, day=day)
        shas.append(_git(tmp_path, "rev-parse", "HEAD").strip())
    return tmp_path, shas


def test_a_real_build_shows_the_slips_and_the_trends(build_site: Any, repo: tuple[Path, list[str]]) -> None:
    root, shas = repo
    files = {"index.md": (root / "docs" / "index.md").read_text(), "checkout.md": (root / "docs" / "checkout.md").read_text()}
    site = build_site(root, files, {"plugins": ["search", {"pgm": {"diagrams": False, "today": "2026-12-15"}}]})
    html = site.html("checkout.md")
    section = html[html.index('<h2 id="pgm-slips">'):]
    section = section[:section.index("</table>")]
    rows = re.findall(r'<tr class="pgm-slip pgm-slip--(\w+)">(.*?)</tr>', section)
    text = [(cls, " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split())) for cls, row in rows]
    assert text == [  # newest first
        ("early", f"2026-12-01 {shas[3][:7]} Recovered a month 2027-06-30 → 2027-05-31 -30 days Amber"),
        ("late", f"2026-11-01 {shas[2][:7]} Scope grew <fraud> & checks 2027-04-30 → 2027-06-30 +61 days Red"),
        ("late", f"2026-10-01 {shas[1][:7]} Payment provider late 2027-03-31 → 2027-04-30 +30 days Amber"),
    ]
    assert f'<code class="pgm-commit" title="{shas[1]}">{shas[1][:7]}</code>' in section
    assert section.count('<circle class="pgm-hist-dot') == 4  # the first plan and its three moves
    # The card: the sparkline, linked to the section.
    assert '<div class="pgm-card__slips"><dt>Slip history</dt> <dd><a href="#pgm-slips" data-search-exclude><svg class="pgm-hist-spark"' in html
    assert 'aria-label="Checkout: planned end 2027-03-31 → 2027-05-31 (+61 days; moved 3×)"' in unescape(html)
    assert "Scope grew <fraud>" not in html and "Scope grew &lt;fraud&gt; &amp; checks" in section
    # The dashboard: the trends of the last 12 months (October 2026: one amber project, 30 days late).
    home = site.html("index.md")
    assert '<h2 id="pgm-trends">Trends</h2>' in home
    assert 'class="pgm-hist pgm-hist--health"' in home and 'class="pgm-hist pgm-hist--variance"' in home
    assert "Oct 2026: 0 green, 1 amber, 0 red" in home and "Nov 2026: 0 green, 0 amber, 1 red" in home
    trend = re.search(r'<tr data-month="2026-11-30">(.*?)</tr>', home)
    assert trend is not None and " ".join(re.sub(r"<[^>]+>", " ", trend.group(1)).split()) == "2026-11-30 0 0 1 +91 days +91 days 1"
    assert site.warnings == []


def test_no_history_no_section(build_site: Any, tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\n<!-- pgm:dashboard -->\n", "checkout.md": PAGE.format(end="2027-05-31", health="green")}
    site = build_site(tmp_path, files, {"plugins": ["search", {"pgm": {"diagrams": False, "today": "2026-12-15", "history": False}}]})
    assert 'id="pgm-slips"' not in site.html("checkout.md")
    assert 'id="pgm-trends"' not in site.html("index.md")
