"""Labels, dates and numbers in the site's language (``core/i18n.py``, the ``language`` and ``labels`` options).

The tables are complete (every language has every key and placeholder of English); sites built
with Material's ``theme.language`` or the MkDocs theme's ``theme.locale`` show a project page, a
program page, the dashboard, a register and a roadmap's SVG in that language; ``labels``
overrides one label, adds a language, and stops the build on an unknown key; a language without
a table falls back to English with one INFO line.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import unescape

import pytest
from mkdocs.exceptions import Abort

from mkdocs_pgm.core.i18n import FORMATS, STRINGS, check_labels, locale_for, placeholders

from conftest import SiteBuilder
from helpers import page

PAGES = {
    "programs/shop.md": page(
        "type: program", "id: PRG-SHOP", "title: Online shop", "owner: Olga", "health: green",
        "governance: {risk_threshold: 12}",
        "benefits:",
        "  - {id: BEN-CONV, title: Higher conversion, kpi: conversion, baseline: 2, target: 3.5, actual: 2.5, due: 2027-06-30, status: at-risk}",
        body="# Online shop\n",
    ),
    "projects/checkout.md": page(
        "type: project", "id: CHECKOUT", "title: Checkout", "owner: Sofia", "program: PRG-SHOP", "status: on-hold",
        "health: amber", "phase: execution",
        "start: 2026-01-05", "end: 2026-12-31", "baseline: {end: 2026-10-31}", "progress: 40",
        "budget: {planned: 1250000.5, actual: 20000, currency: EUR}",
        "milestones:",
        "  - {id: go-live, title: Go live, date: 2026-03-15}",
        "risks:",
        "  - {id: R-PSP, title: PSP delay, probability: 4, impact: 4, owner: Sofia}",
        "changes:",
        "  - {id: CR-1, title: Extend, raised: 2026-02-01, status: approved, impact: {schedule_days: 30, cost: 1500}}",
        body="# Checkout\n",
    ),
}
TODAY = "2026-05-02"


def _text(html: str) -> str:
    """The text of some HTML, tags dropped and whitespace collapsed (what a reader sees)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", "~").replace("\u202f", "_").split()).replace("~", "\u00a0").replace("_", "\u202f")


def _svg(html: str, index: int = 0) -> str:
    """The ``index``-th roadmap drawing of a page (a program page: its roadmap, then its benefits), entities decoded."""
    found = re.findall(r"<svg class=\"pgm-rm .*?</svg>", html, re.S)
    assert len(found) > index, "no such roadmap drawing on the page"
    return unescape(found[index])


def _build(build_site: SiteBuilder, tmp_path, theme: dict, plugin: dict | None = None, *, name: str = "material"):
    options = {"today": TODAY, "diagrams": False, **(plugin or {})}
    return build_site(tmp_path, PAGES, {"theme": {"name": name, **theme}, "plugins": ["search", {"pgm": options}]}, theme=name)


# ------------------------------------------------------------------------------ the tables


def test_every_language_has_every_key_and_placeholder_of_english() -> None:
    english = STRINGS["en"]
    for language, table in STRINGS.items():
        assert set(table) == set(english), language
        for key, text in english.items():
            assert placeholders(table[key]) == placeholders(text), (language, key)
        assert language in FORMATS


def test_dates_and_numbers_per_language() -> None:
    day = dt.date(2026, 3, 5)
    assert [locale_for(code).date(day) for code in ("en", "de", "fr", "es")] == ["2026-03-05", "5. März 2026", "5 mars 2026", "5 mar 2026"]
    assert [locale_for(code).number(1250000.5) for code in ("en", "de", "fr", "es")] == [
        "1\u202f250\u202f000.5", "1.250.000,5", "1\u202f250\u202f000,5", "1.250.000,5",
    ]
    assert locale_for("en").percent(40) == "40%"
    assert locale_for("de").percent(40) == "40\u00a0%"
    assert locale_for("fr").money(1500, "EUR") == "1\u202f500\u00a0EUR"
    assert locale_for("fr").tick(dt.date(2027, 1, 1), "quarter", with_year=True) == "T1 2027"
    assert str(locale_for("fr").plural("dashboard.tile_findings", 0)) == "0 constat"  # French: 0 is singular
    assert str(locale_for("en").plural("dashboard.tile_findings", 0)) == "0 findings"


def test_regional_variants_use_their_language_and_others_english() -> None:
    assert locale_for("fr-CA").table == "fr"
    assert locale_for("pt_BR").table == "en"
    assert locale_for("de").text("page.dashboard") == "Governance-Übersicht"


def test_markup_escapes_labels_and_values() -> None:
    locale = locale_for("en", {"page.dashboard": "R&D <board>"})
    assert str(locale.markup("page.dashboard")) == "R&amp;D &lt;board&gt;"
    assert str(locale.markup("roadmap.title", names="<script>")) == "Roadmap of &lt;script&gt;"


def test_check_labels_names_the_closest_key_and_bad_placeholders() -> None:
    assert check_labels({"page.dashbord": "Overview"}) == ["unknown label 'page.dashbord'; did you mean 'page.dashboard'?"]
    assert check_labels({"de": {"roadmap.today": "Jetzt {day}"}}) == [
        "label 'roadmap.today': unknown placeholder {day} (this label has: {date})",
    ]
    assert check_labels({"de": {"roadmap.today": "Jetzt {date}"}, "page.catalog": "Index"}) == []


# ------------------------------------------------------------------------------ built sites


def test_german_material_site(build_site: SiteBuilder, tmp_path) -> None:
    site = _build(build_site, tmp_path, {"language": "de"})
    assert site.warnings == []
    project = site.html("projects/checkout.md")
    text = _text(project)
    assert "Verantwortlich" in text and "Owner" not in text  # card field
    assert "Durchführungsphase" in text  # phase label (the front matter says "execution")
    assert 'pgm-status--on-hold" title="Status: pausiert">pausiert</span>' in project  # status label, value kept in the class
    assert ">Gelb</span>" in project  # health
    assert "5. Jan. 2026" in text and "31. Dez. 2026" in text  # dates with German month names
    assert 'datetime="2026-01-05"' in project  # machines still read ISO dates
    assert "1.250.000,5&nbsp;EUR geplant" in project  # number separators, currency, label
    assert "40\u00a0%" in text  # progress
    assert '<h2 id="pgm-milestones">Meilensteine</h2>' in project  # section heading, same anchor
    assert "+30 Tage" in text  # change request's schedule impact
    assert "überfällig" in text  # the milestone of 2026-03-15 is past
    program = site.html("programs/shop.md")
    assert '<h2 id="pgm-roadmap">Roadmap</h2>' in program and '<h2 id="pgm-projects">Projekte</h2>' in program
    svg = _svg(program)
    assert ">Heute 2. Mai 2026</text>" in svg  # today's line
    assert ">Q1 2026</text>" in svg and ">Q2</text>" in svg  # quarter ticks (the plan spans a year)
    assert ">Juni 2027</text>" in _svg(program, 1)  # month ticks: the benefits' timeline spans a month
    assert "<title id=\"pgm-roadmap-prg-shop-title\">Roadmap von Online shop</title>" in svg
    dashboard = site.html("governance/index.md")
    assert "<title>Governance-Übersicht" in dashboard  # generated page title
    assert '<h2 id="pgm-slipped">Hinter der Basis</h2>' in dashboard
    assert "<strong>1</strong> Projekt hinter der Basis" in dashboard  # tile, singular
    assert "+61 Tage" in _text(dashboard)  # slip: 2026-12-31 against 2026-10-31
    assert ">Terminabweichung</th>" in dashboard  # KPI label
    raid = site.html("governance/raid.md")
    assert '<h2 id="pgm-reg-heat-map">Risiko-Heatmap</h2>' in raid
    assert "Noch keine Annahmen." in raid
    assert site.config is not None and site.config.extra["status"]["on-hold"] == "Pausiert"  # Material's badge tooltip
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', project, re.S)
    assert nav is not None
    assert "RAID-Register" in nav.group(0) and "Entscheidungsprotokoll" in nav.group(0)  # navigation titles of the generated pages


def test_french_site_numbers_and_benefits(build_site: SiteBuilder, tmp_path) -> None:
    site = _build(build_site, tmp_path, {"language": "fr"})
    assert site.warnings == []
    project = _text(site.html("projects/checkout.md"))
    assert "Responsable Sofia" in project
    assert "1\u202f250\u202f000,5\u00a0EUR prévus" in project
    assert "5 janv. 2026" in project
    program = site.html("programs/shop.md")
    assert '<h2 id="pgm-benefits">Bénéfices</h2>' in program
    assert "cible 3,5" in program  # decimal comma inside the benefits roadmap's tooltip
    svg = _svg(program)
    assert ">Aujourd\u2019hui 2 mai 2026</text>" in svg and ">T1 2026</text>" in svg
    assert ">juin 2027</text>" in _svg(program, 1)
    dashboard = site.html("governance/index.md")
    assert '<h2 id="pgm-benefits-at-risk">Bénéfices menacés</h2>' in dashboard
    assert "0 décision en attente d\u2019arbitrage" in _text(dashboard)  # French: 0 is singular
    assert "<strong>1</strong> bénéfice menacé<" in dashboard and "<strong>3</strong> constats<" in dashboard
    changes = site.html("governance/changes.md")
    assert "1 demande de changement." in changes
    assert "Approuvées ou mises en œuvre : +30 jours, 1\u202f500\u00a0EUR." in _text(changes)
    catalog = site.html("governance/catalog.md")
    assert 'placeholder="Titre, identifiant, responsable, résumé ou étiquette"' in catalog
    assert 'data-pgm-shown="{shown} sur {total} affichés"' in catalog


def test_spanish_mkdocs_theme_locale(build_site: SiteBuilder, tmp_path) -> None:
    site = _build(build_site, tmp_path, {"locale": "es"}, name="mkdocs")
    assert site.warnings == []
    project = _text(site.html("projects/checkout.md"))
    assert "Presupuesto 1.250.000,5\u00a0EUR previstos" in project
    assert "en pausa" in project
    assert "15 mar 2026" in project
    program = site.html("programs/shop.md")
    assert ">Hoy 2 may 2026</text>" in _svg(program) and ">T1 2026</text>" in _svg(program)
    assert ">jun 2027</text>" in _svg(program, 1)
    raid = site.html("governance/raid.md")
    assert '<h2 id="pgm-reg-risks">Riesgos</h2>' in raid
    assert "<title>Registro RAID" in raid


def test_english_is_the_default(build_site: SiteBuilder, tmp_path) -> None:
    site = _build(build_site, tmp_path, {})
    project = _text(site.html("projects/checkout.md"))
    assert "Owner Sofia" in project and "2026-01-05" in project and "1\u202f250\u202f000.5\u00a0EUR planned" in project
    program = site.html("programs/shop.md")
    assert ">Today 2026-05-02</text>" in _svg(program) and ">Q1 2026</text>" in _svg(program) and ">Jun 2027</text>" in _svg(program, 1)
    assert "<title>Governance dashboard" in site.html("governance/index.md")


def test_language_option_wins_over_the_theme(build_site: SiteBuilder, tmp_path) -> None:
    site = _build(build_site, tmp_path, {"language": "de"}, {"language": "es"})
    assert "<title>Panel de gobernanza" in site.html("governance/index.md")


def test_override_one_label_and_one_language(build_site: SiteBuilder, tmp_path) -> None:
    labels = {"page.dashboard": "Overview", "de": {"field.owner": "Zuständig"}}
    site = _build(build_site, tmp_path, {"language": "de"}, {"labels": labels})
    assert site.warnings == []
    assert "<title>Overview" in site.html("governance/index.md")
    project = _text(site.html("projects/checkout.md"))
    assert "Zuständig Sofia" in project and "Verantwortlich" not in project
    assert "Programm" in project  # the other labels stay German


def test_language_without_a_table_is_english_said_once(build_site: SiteBuilder, tmp_path) -> None:
    site = _build(build_site, tmp_path, {"language": "pt-BR"}, {"labels": {"pt": {"section.milestones": "Marcos"}}})
    assert site.warnings == []
    said = [m for m in site.logs if "no labels in language" in m]
    assert said == [
        "INFO: mkdocs_pgm: The plugin has no labels in language 'pt-BR': they are in English (add yours with the 'labels' option)",
    ]
    project = site.html("projects/checkout.md")
    assert '<h2 id="pgm-milestones">Marcos</h2>' in project  # the language added by the site
    assert "Owner" in _text(project)  # and English for the rest


def test_unknown_label_stops_the_build_naming_the_closest_key(build_site: SiteBuilder, tmp_path) -> None:
    with pytest.raises(Abort):
        _build(build_site, tmp_path, {}, {"labels": {"section.milestone": "Steps"}})
    assert any(
        "unknown label 'section.milestone'; did you mean 'section.milestones'?" in message
        for message in build_site.last.messages()
    ), build_site.last.logs


def test_a_language_change_between_builds_reuses_nothing(build_site: SiteBuilder, tmp_path, monkeypatch) -> None:
    """mkdocs-static-i18n builds the site once per language with the same options: the fragments kept
    on disk for one language (same pages, same options) are not those of another."""
    import mkdocs_pgm.adapter.site as site_module

    monkeypatch.setattr(site_module, "build_language", lambda config: "de")
    german = _build(build_site, tmp_path, {})
    assert '<h2 id="pgm-milestones">Meilensteine</h2>' in german.html("projects/checkout.md")
    monkeypatch.setattr(site_module, "build_language", lambda config: "fr")
    french = _build(build_site, tmp_path, {})
    assert '<h2 id="pgm-milestones">Jalons</h2>' in french.html("projects/checkout.md")
    assert "<title>Tableau de bord de gouvernance" in french.html("governance/index.md")


def test_navigation_by_program_in_french(build_site: SiteBuilder, tmp_path) -> None:
    pages = {**PAGES, "projects/lone.md": page("type: project", "id: LONE", "title: Lone", body="# Lone\n")}
    plugin = {"today": TODAY, "diagrams": False, "nav_by_program": True}
    site = build_site(tmp_path, pages, {"theme": {"name": "material", "language": "fr"}, "plugins": ["search", {"pgm": plugin}]})
    assert site.config is not None
    assert {"Projets autonomes": ["projects/lone.md"]} in site.config.nav


# ------------------------------------------------------------------------------ KPIs and diagram labels

DEPENDENT = {
    "programs/pay.md": page("type: program", "id: PRG-PAY", "title: Payments", "owner: Paul", body="# Payments\n"),
    "projects/wallet.md": page(
        "type: project", "id: WALLET", "title: Wallet", "owner: Pia", "program: PRG-PAY", "health: green",
        "end: 2027-02-28", "depends_on: [CHECKOUT]",
        body="# Wallet\n",
    ),
}


def _kpi_row(html: str, key: str) -> str:
    """The text of one row of a KPI table (label, value, inputs)."""
    found = re.search(rf'<tr class="pgm-kpi-row--{key}">(.*?)</tr>', html, re.S)
    assert found is not None, key
    return _text(found.group(1))


def _dg_svg(html: str, name: str) -> str:
    """The text of the dependency diagram ``name`` of a page (its SVG, entities decoded)."""
    found = re.search(rf'data-pgm-graph="{re.escape(name)}">.*?(<svg .*?</svg>)', html, re.S)
    assert found is not None, name
    return unescape(found.group(1))


def _dependent_site(build_site: SiteBuilder, tmp_path, language: str):
    options = {"today": TODAY, "cache_dir": "build/diagrams"}
    config = {"theme": {"name": "material", "language": language}, "plugins": ["search", {"pgm": options}]}
    return build_site(tmp_path, {**PAGES, **DEPENDENT}, config)


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


@needs_dot
def test_german_kpis_and_diagram_labels(build_site: SiteBuilder, tmp_path) -> None:
    site = _dependent_site(build_site, tmp_path, "de")
    assert site.warnings == []
    project = site.html("projects/checkout.md")
    schedule = _kpi_row(project, "schedule_variance")
    assert "Terminabweichung +61 Tage" in schedule  # label and value
    assert "Ende 31. Dez. 2026 gegenüber Basis-Ende 31. Okt. 2026" in schedule  # inputs, German dates
    cost = _kpi_row(project, "cost_variance")
    # 20 000 actual against 1 250 000.5 × 40 % earned: German separators, percent and currency.
    assert "-480.000,2\u00a0EUR (-96\u00a0%)" in cost
    assert "Ist 20.000\u00a0EUR gegenüber Fertigstellungswert 500.000,2\u00a0EUR = geplantes Budget 1.250.000,5\u00a0EUR × 40\u00a0% Fortschritt" in cost
    assert "noch kein Meilenstein" not in _kpi_row(project, "milestone_on_time")
    assert "0\u00a0% (0 von 1)" in _kpi_row(project, "milestone_on_time")  # go-live is overdue
    assert "0 erreicht, 1 verspätet (1 überfällig: go-live), 0 noch nicht fällig" in _kpi_row(project, "milestone_on_time")
    assert "braucht budget.planned und baseline.budget oder budget.actual" not in _kpi_row(project, "budget_adherence")
    assert "im Budget" in _kpi_row(project, "budget_adherence")
    assert "trägt zu keinem Nutzen bei (contributes_to)" in project  # the front-matter key is kept
    program = site.html("programs/shop.md")
    assert "+61 Tage (CHECKOUT); 1 von 1 Projekt verspätet" in _kpi_row(program, "schedule_variance")
    assert "days" not in _text(program) and " of " not in _kpi_row(program, "budget_adherence")
    # The dependency diagrams: node facts, titles, edge labels and tooltips in German.
    svg = _dg_svg(site.html("projects/wallet.md"), "project:WALLET")
    assert ">● grün · Pia</text>" in svg and ">endet 28. Feb. 2027</text>" in svg
    assert "Wallet hängt ab von Checkout · Ende" in svg  # edge tooltip, dependency type as a label
    assert "verantwortlich Pia" in svg  # node tooltip
    assert 'aria-label="Abhängigkeiten von Wallet"' in site.html("projects/wallet.md")
    overview = _dg_svg(site.html("governance/dependencies.md"), "programs")
    assert ">1 Abhängigkeit</text>" in overview  # edge label between the programs
    assert "Abhängigkeiten zwischen Programmen" in site.html("governance/dependencies.md")


@needs_dot
def test_english_kpis_and_diagram_labels_unchanged(build_site: SiteBuilder, tmp_path) -> None:
    site = _dependent_site(build_site, tmp_path, "en")
    assert site.warnings == []
    project = site.html("projects/checkout.md")
    assert "Schedule variance +61 days" in _kpi_row(project, "schedule_variance")
    assert "end 2026-12-31 against baseline end 2026-10-31" in _kpi_row(project, "schedule_variance")
    cost = _kpi_row(project, "cost_variance")
    assert "-480\u202f000.2 EUR (-96 %)" in cost
    assert "actual 20\u202f000 EUR against earned 500\u202f000.2 EUR = planned budget 1\u202f250\u202f000.5 EUR × 40 % progress" in cost
    assert "+61 days (CHECKOUT); 1 of 1 project late" in _kpi_row(site.html("programs/shop.md"), "schedule_variance")
    svg = _dg_svg(site.html("projects/wallet.md"), "project:WALLET")
    assert ">● green · Pia</text>" in svg and ">ends 2027-02-28</text>" in svg
    assert "Wallet depends on Checkout · finish-to-start" in svg
    assert ">1 dependency</text>" in _dg_svg(site.html("governance/dependencies.md"), "programs")
