"""mkdocs-static-i18n: every language gets its own governance pages, exports, search entries and
links, whatever the docs structure (``suffix``: ``page.fr.md``; ``folder``: ``docs/fr/page.md``)
and whatever the order of ``i18n`` and ``pgm`` in ``plugins``.

i18n builds the default language, then calls MkDocs' ``build()`` again for French from its own
``on_post_build``, with the same plugin instances: these are real builds of an English and French
site (``fr`` has no translation of the program page, so i18n falls back to the English one).
"""

from __future__ import annotations

import json
import logging
import re
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from mkdocs_pgm.adapter.i18n import build_language, language_folder, language_pages
from mkdocs_pgm.cli import main
from mkdocs_pgm.core.i18n import locale_for

from conftest import BuiltSite, SiteBuilder

ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
HREF_RE = re.compile(r'href="([^"]*)"')
H1_RE = re.compile(r"<h1[^>]*>([^<]*)")

PROJECT = """\
---
type: project
id: PRJ-A
program: PRG-X
owner: Dana
status: active
start: 2026-01-05
end: 2026-06-30
risks:
  - id: R-A-1
    title: {risk}
    probability: 3
    impact: 4
    owner: Ops
    status: open
---

# {title}

{text} [[PRG-X]], [[R-A-1]].
"""
PROGRAM = """\
---
type: program
id: PRG-X
owner: Priya
status: active
---

# Program X

See [[PRJ-A]].
"""
HOME = "# {title}\n\n[[PRJ-A]]\n"

EN = {
    "index.md": HOME.format(title="Home"),
    "projects/a.md": PROJECT.format(title="Project A", risk="Supplier late", text="Needs"),
    "programs/x.md": PROGRAM,
}
FR = {
    "index.md": HOME.format(title="Accueil"),
    "projects/a.md": PROJECT.format(title="Projet A", risk="Fournisseur en retard", text="Il faut"),
}

STRUCTURES = ("suffix", "folder")
ORDERS = ("i18n-pgm", "pgm-i18n")


def docs_of(structure: str, *, fr: dict[str, str] | None = None) -> dict[str, str]:
    """The English pages and their French translations (none of the program page), laid out as ``structure``."""
    fr = FR if fr is None else fr
    if structure == "folder":
        return {**{f"en/{k}": v for k, v in EN.items()}, **{f"fr/{k}": v for k, v in fr.items()}}
    return {**EN, **{k.replace(".md", ".fr.md"): v for k, v in fr.items()}}


def config_of(structure: str, order: str, **i18n_options: Any) -> dict[str, Any]:
    i18n = {"i18n": {
        "docs_structure": structure,
        "languages": [{"locale": "en", "default": True, "name": "English"}, {"locale": "fr", "name": "Français"}],
        **i18n_options,
    }}
    pgm = {"pgm": {"today": "2026-03-01", "diagrams": False}}
    return {"plugins": ["search", i18n, pgm] if order == "i18n-pgm" else ["search", pgm, i18n]}


def src(structure: str, language: str, page: str) -> str:
    """The path inside docs/ of ``page`` in ``language``."""
    if structure == "folder":
        return f"{language}/{page}"
    return page if language == "en" else page.replace(".md", f".{language}.md")


def article(site: BuiltSite, dest: str) -> str:
    found = ARTICLE_RE.search(site.read(dest))
    assert found, dest
    return found.group(1)


def links(site: BuiltSite, dest: str) -> set[str]:
    """The site paths (``/fr/projects/a/``) the page's article links to, anchors dropped."""
    base = "https://x.invalid/" + dest.removesuffix("index.html")
    out = set()
    for href in HREF_RE.findall(article(site, dest)):
        if href.startswith("#"):
            continue
        url = urlsplit(urljoin(base, href))
        if url.netloc == "x.invalid":
            out.add(url.path)
    return out


@pytest.fixture(scope="module", params=[(s, o) for s in STRUCTURES for o in ORDERS], ids=lambda p: f"{p[0]}-{p[1]}")
def bilingual(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, BuiltSite]:
    """One site per structure and order, built once for the tests that only read it."""
    structure, order = request.param
    return structure, SiteBuilder()(tmp_path_factory.mktemp(f"{structure}-{order}"), docs_of(structure), config_of(structure, order))


def test_each_language_gets_its_own_governance_pages(bilingual: tuple[str, BuiltSite]) -> None:
    _, site = bilingual
    for dest in ("governance/index.html", "governance/raid/index.html", "governance/catalog/index.html"):
        assert site.path(dest).is_file()
        assert site.path(f"fr/{dest}").is_file()
    assert site.read("governance/index.html") != site.read("fr/governance/index.html")
    # The French catalog lists the French page; the English one, the English page.
    assert "Projet A" in article(site, "fr/governance/catalog/index.html")
    assert "Project A" not in article(site, "fr/governance/catalog/index.html")
    assert "Project A" in article(site, "governance/catalog/index.html")
    assert "Projet A" not in article(site, "governance/catalog/index.html")
    # The French RAID register shows the French risk.
    assert "Fournisseur en retard" in article(site, "fr/governance/raid/index.html")
    assert "Supplier late" in article(site, "governance/raid/index.html")


def test_links_stay_inside_their_language(bilingual: tuple[str, BuiltSite]) -> None:
    _, site = bilingual
    fr_pages = ("fr/index.html", "fr/projects/a/index.html", "fr/programs/x/index.html",
                "fr/governance/index.html", "fr/governance/raid/index.html", "fr/governance/catalog/index.html")
    for dest in fr_pages:
        found = links(site, dest)
        assert found, dest
        assert all(path.startswith("/fr/") for path in found), (dest, found)
    for dest in ("index.html", "projects/a/index.html", "governance/index.html", "governance/catalog/index.html"):
        found = links(site, dest)
        assert found, dest
        assert not any(path.startswith("/fr/") for path in found), (dest, found)
    # [[ID]] references, the card and the registers: the French page, and i18n's fallback for the
    # program (no French translation: the English page built under /fr/).
    assert "/fr/programs/x/" in links(site, "fr/projects/a/index.html")
    assert "/fr/projects/a/" in links(site, "fr/index.html")
    assert {"/fr/programs/x/", "/fr/projects/a/"} <= links(site, "fr/governance/catalog/index.html")
    assert "/fr/projects/a/" in links(site, "fr/programs/x/index.html")
    assert {"/programs/x/", "/projects/a/"} <= links(site, "governance/catalog/index.html")


def test_each_language_gets_its_own_exports(bilingual: tuple[str, BuiltSite]) -> None:
    structure, site = bilingual
    for name in ("pgm.json", "pgm.schema.json", "milestones.ics", "raid.csv", "decisions.csv", "feed.xml"):
        assert site.path(f"governance/{name}").is_file()
        assert site.path(f"fr/governance/{name}").is_file()

    def entities(path: str) -> dict[str, tuple[str, str | None, str | None]]:
        return {e["id"]: (e["title"], e["src_uri"], e["path"]) for e in site.json(path)["entities"] if not e.get("virtual")}

    assert entities("governance/pgm.json") == {
        "PRJ-A": ("Project A", src(structure, "en", "projects/a.md"), "projects/a/"),
        "PRG-X": ("Program X", src(structure, "en", "programs/x.md"), "programs/x/"),
    }
    assert entities("fr/governance/pgm.json") == {
        "PRJ-A": ("Projet A", src(structure, "fr", "projects/a.md"), "fr/projects/a/"),
        "PRG-X": ("Program X", src(structure, "en", "programs/x.md"), "fr/programs/x/"),  # i18n's fallback
    }
    assert "Fournisseur en retard" in site.read("fr/governance/raid.csv")
    assert "Supplier late" not in site.read("fr/governance/raid.csv")
    assert "Supplier late" in site.read("governance/raid.csv")


def test_each_language_gets_its_own_search_entries(bilingual: tuple[str, BuiltSite]) -> None:
    _, site = bilingual
    entries = {e["location"]: e for e in site.json("search/search_index.json")["docs"]}
    # The nested entries the plugin adds (one per risk…), in both languages.
    assert "Supplier late" in entries["projects/a/#risk-r-a-1"]["title"]
    assert "Fournisseur en retard" in entries["fr/projects/a/#risk-r-a-1"]["title"]
    assert "Projet A" in entries["fr/projects/a/"]["title"]
    assert "governance/" in entries
    assert not any(location.startswith("fr/") and "Supplier late" in str(e) for location, e in entries.items())



def test_each_language_shows_its_own_labels(bilingual: tuple[str, BuiltSite]) -> None:
    _, site = bilingual
    en, fr = locale_for("en"), locale_for("fr")
    for key, dest in (("page.dashboard", "governance/index.html"), ("page.raid", "governance/raid/index.html"),
                      ("page.catalog", "governance/catalog/index.html")):
        assert en.text(key) != fr.text(key)
        assert H1_RE.findall(article(site, f"fr/{dest}")) == [escape(fr.text(key), quote=False)]
        assert H1_RE.findall(article(site, dest)) == [escape(en.text(key), quote=False)]
    # The sections of an entity page, and of the English page French falls back to.
    risks = f'id="pgm-risks">{escape(fr.text("section.risks"), quote=False)}<'
    assert risks in article(site, "fr/projects/a/index.html")
    assert f'id="pgm-projects">{escape(fr.text("section.projects"), quote=False)}<' in article(site, "fr/programs/x/index.html")
    assert f'id="pgm-risks">{escape(en.text("section.risks"), quote=False)}<' in article(site, "projects/a/index.html")
    # Labels differ, so i18n keeps the French entries of the generated pages in the search index.
    entries = {e["location"]: e["title"] for e in site.json("search/search_index.json")["docs"]}
    assert entries["fr/governance/"] == fr.text("page.dashboard")
    assert entries["governance/"] == en.text("page.dashboard")


def test_no_warning_and_each_language_built_once(bilingual: tuple[str, BuiltSite]) -> None:
    _, site = bilingual
    assert site.warnings == []
    building = [m for m in site.messages(logging.INFO, logger="mkdocs.plugins.mkdocs_static_i18n") if "documentation to directory" in m]
    assert building == [
        f"mkdocs_static_i18n: Building 'en' documentation to directory: {site.site_dir}",
        f"mkdocs_static_i18n: Building 'fr' documentation to directory: {site.site_dir / 'fr'}",
    ]
    # The plugin's CSS once per page, in the second language's build too (its on_config runs again).
    assert site.read("fr/index.html").count("assets/pgm/pgm.css") == 1
    assert site.read("index.html").count("assets/pgm/pgm.css") == 1


def test_a_problem_on_a_page_both_languages_show_is_reported_once(build_site: SiteBuilder, tmp_path: Path) -> None:
    docs = docs_of("suffix")
    docs["programs/x.md"] = PROGRAM.replace("owner: Priya\n", "owner: Priya\nhealth: purple\n")
    site = build_site(tmp_path, docs, config_of("suffix", "pgm-i18n"))
    problems = [w for w in site.warnings if "purple" in w]
    assert len(problems) == 1, site.warnings
    assert problems[0].startswith("mkdocs_pgm: docs/programs/x.md:5: health: ")


def test_each_language_keeps_its_own_cache(build_site: SiteBuilder, tmp_path: Path) -> None:
    config = config_of("suffix", "pgm-i18n")
    site = build_site(tmp_path, docs_of("suffix"), config)
    cache = tmp_path / ".cache" / "pgm"
    en = json.loads((cache / "pages.json").read_text(encoding="utf-8"))
    fr = json.loads((cache / "languages" / "fr" / "pages.json").read_text(encoding="utf-8"))
    assert {"projects/a.md", "governance/index.md"} <= set(en["pages"])
    assert "projects/a.fr.md" not in en["pages"]
    assert {"projects/a.fr.md", "programs/x.md", "governance/index.md"} <= set(fr["pages"])
    assert "projects/a.md" not in fr["pages"]
    assert any((cache / "fragments").rglob("*.json"))  # the French build pruned none of the English fragments
    assert any((cache / "languages" / "fr" / "fragments").rglob("*.json"))
    first = {dest: site.read(dest) for dest in ("governance/raid/index.html", "fr/governance/raid/index.html")}

    # A warm build renders nothing again, in either language, and writes the same pages.
    site = build_site(tmp_path, {}, config, log_level=logging.DEBUG)
    filled = [m for m in site.messages(logging.DEBUG, logger="mkdocs.plugins.mkdocs_pgm") if m.startswith("mkdocs_pgm: Filled ")]
    assert len(filled) == 2
    assert all(" 0 fragments rendered" in m for m in filled), filled
    assert {dest: site.read(dest) for dest in first} == first


def test_without_fallback_a_language_has_only_its_own_pages(build_site: SiteBuilder, tmp_path: Path) -> None:
    fr = {"index.md": "# Accueil\n", "projects/a.md": FR["projects/a.md"].replace(" [[PRG-X]],", "")}
    site = build_site(tmp_path, docs_of("folder", fr=fr), config_of("folder", "i18n-pgm", fallback_to_default=False))
    ids = {e["id"] for e in site.json("fr/governance/pgm.json")["entities"] if not e.get("virtual")}
    assert ids == {"PRJ-A"}
    assert {e["id"] for e in site.json("governance/pgm.json")["entities"] if not e.get("virtual")} == {"PRJ-A", "PRG-X"}
    assert not site.path("fr/programs/x/index.html").exists()
    assert "Program X" not in article(site, "fr/governance/catalog/index.html")


def test_the_built_in_search_and_theme(build_site: SiteBuilder, tmp_path: Path) -> None:
    site = build_site(tmp_path, docs_of("suffix"), config_of("suffix", "i18n-pgm"), theme="mkdocs")
    assert site.warnings == []
    entries = {e["location"]: e for e in site.json("search/search_index.json")["docs"]}
    assert "Fournisseur en retard" in entries["fr/projects/a/#risk-r-a-1"]["title"]
    assert "Supplier late" in entries["projects/a/#risk-r-a-1"]["title"]
    assert site.path("fr/governance/index.html").is_file()


def test_build_language(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    plain = tmp_path / "plain.yml"
    plain.write_text("site_name: T\nplugins: [pgm]\n", encoding="utf-8")
    assert build_language(load_config(str(plain))) is None
    both = tmp_path / "mkdocs.yml"
    both.write_text(
        "site_name: T\nplugins:\n- pgm\n- i18n:\n    languages:\n"
        "    - {locale: de, name: Deutsch}\n    - {locale: fr, default: true, name: Français}\n",
        encoding="utf-8",
    )
    config = load_config(str(both))
    assert (build_language(config), language_folder(config)) == ("fr", None)  # before i18n's on_config: the default
    config.plugins["i18n"].current_language = "de"
    assert (build_language(config), language_folder(config)) == ("de", "de")


@pytest.mark.parametrize("structure", STRUCTURES)
def test_check_reads_each_language_as_a_site_of_its_own(
    structure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    docs = docs_of(structure)
    # A real duplicate inside the French site; and a problem on the page French shows in English.
    docs[src(structure, "fr", "index.md")] = "---\ntype: project\nid: PRJ-A\nowner: X\n---\n# Doublon\n"
    docs[src(structure, "en", "programs/x.md")] = PROGRAM.replace("owner: Priya\n", "owner: Priya\nhealth: purple\n")
    for name, text in docs.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    plugins = config_of(structure, "pgm-i18n")["plugins"]
    (tmp_path / "mkdocs.yml").write_text(json.dumps({"site_name": "T", "plugins": plugins}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    fr_index, fr_project = src(structure, "fr", "index.md"), src(structure, "fr", "projects/a.md")
    first, second = sorted([fr_index, fr_project])
    assert sorted(out) == sorted([
        f"docs/{second}:3: id: id 'PRJ-A' is used twice (ids are unique case-insensitively across the site); the first, "
        f"docs/{first}:3, is kept and references go to it; the other is at docs/{second}:3 (see docs/{first}:3)",
        f"docs/{src(structure, 'en', 'programs/x.md')}:5: health: expected 'green', 'amber' or 'red', found 'purple'; the value is left out",
    ])


def test_language_pages_follow_i18n() -> None:
    options: dict[str, Any] = {"languages": [{"locale": "en", "default": True}, {"locale": "fr"}, {"locale": "de", "build": False}]}
    suffix = ["index.md", "index.fr.md", "a/b.md", "a/b.fr.md", "a/c.md", "a/c.de.md"]
    assert language_pages(options, suffix) == [{"index.md", "a/b.md", "a/c.md"}, {"index.fr.md", "a/b.fr.md", "a/c.md"}]
    assert language_pages({**options, "fallback_to_default": False}, suffix) == [{"index.md", "a/b.md", "a/c.md"}, {"index.fr.md", "a/b.fr.md"}]
    folder = ["en/index.md", "fr/index.md", "en/a/c.md", "de/a/c.md", "shared.md"]
    assert language_pages({**options, "docs_structure": "folder"}, folder) == [
        {"en/index.md", "en/a/c.md", "shared.md"}, {"fr/index.md", "en/a/c.md", "shared.md"},
    ]
    assert language_pages({"languages": [{"locale": "en"}]}, suffix) == []  # no default language: i18n refuses to build


def test_nav_by_program_and_a_page_of_yours_per_language(build_site: SiteBuilder, tmp_path: Path) -> None:
    docs = docs_of("folder")
    docs["fr/governance/index.md"] = "# Notre tableau\n"
    config = config_of("folder", "pgm-i18n")
    config["plugins"][1]["pgm"]["nav_by_program"] = True
    site = build_site(tmp_path, docs, config)
    assert site.warnings == []
    # Your French dashboard replaces the generated one in French only.
    assert H1_RE.findall(article(site, "fr/governance/index.html")) == ["Notre tableau"]
    assert H1_RE.findall(article(site, "governance/index.html")) == [escape(locale_for("en").text("page.dashboard"), quote=False)]

    def nav(dest: str) -> list[str]:
        html = site.read(dest)
        start = html.index("md-nav--primary")
        return [t.strip() for t in re.findall(r'md-ellipsis">\s*([^<]*)', html[start:html.index("md-sidebar--secondary", start)]) if t.strip()]

    # Each language's navigation grouped by program, with its own pages (not only the home page,
    # which is what i18n keeps of a navigation whose first section is named after a language).
    assert nav("fr/index.html")[:4] == ["Program X", "Program X", "Projet A", "Accueil"]
    assert nav("index.html")[:4] == ["Program X", "Program X", "Project A", "Home"]
    assert "Notre tableau" in nav("fr/index.html")


def test_a_language_build_started_before_our_post_build_finishes_the_one_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """i18n builds French from its on_post_build. Ours runs first (priority 0 > -100); were it to
    run after, the English build must still be finished (its manifest written, its fragments
    kept) before the French one puts it aside, and not once more afterwards."""
    for name, text in docs_of("suffix").items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(json.dumps({"site_name": "T", **config_of("suffix", "pgm-i18n")}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config("mkdocs.yml")
    pgm = config.plugins["pgm"]
    post_build = config.plugins.events["post_build"]
    post_build.remove(pgm.on_post_build)
    post_build.append(pgm.on_post_build)  # after i18n's, which builds French
    finished = []
    finish = pgm.site.finish
    monkeypatch.setattr(pgm.site, "finish", lambda: (finished.append(pgm.site.language), finish())[1])
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    assert finished == [None, "fr", "fr"]  # English when French starts; French by its own post_build; then nothing to do
    cache = tmp_path / ".cache" / "pgm"
    assert "projects/a.md" in json.loads((cache / "pages.json").read_text(encoding="utf-8"))["pages"]
    assert "projects/a.fr.md" in json.loads((cache / "languages" / "fr" / "pages.json").read_text(encoding="utf-8"))["pages"]
    assert any((cache / "fragments").rglob("*.json"))
    assert "Fournisseur en retard" in (tmp_path / "site" / "fr" / "governance" / "raid" / "index.html").read_text(encoding="utf-8")
    assert "Supplier late" in (tmp_path / "site" / "governance" / "raid" / "index.html").read_text(encoding="utf-8")


def test_each_language_shows_the_sources_read_once(build_site: SiteBuilder, tmp_path: Path) -> None:
    """Another site's entities join every language; the source is read by the first language's build only."""
    from mkdocs_pgm.core.exports.formats import content_hash

    team = {
        "$schema": "x", "version": "1.1", "generated": {"today": "2026-03-01", "site_url": "https://team.example.test/"},
        "entities": [{"id": "PRJ-T", "type": "project", "title": "Team project", "virtual": False, "source": None, "src_uri": "t.md",
                      "path": "t/", "front_matter": {"program": "PRG-X", "owner": "Mo", "depends_on": [{"id": "PRJ-A"}]},
                      "entries": [{"kind": "risk", "front_matter": {"id": "R-T", "title": "Quota", "probability": 5, "impact": 5}}]}],
        "schedule": {}, "people": [], "findings": [], "diagnostics": [],
    }
    team["content_hash"] = content_hash(team)
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "team.json").write_text(json.dumps(team), encoding="utf-8")
    config = config_of("suffix", "i18n-pgm")
    config["plugins"][2]["pgm"]["sources"] = [{"name": "team", "url": "team.json"}]
    site = build_site(tmp_path, docs_of("suffix"), config)
    assert site.warnings == []
    loaded = [m for m in site.messages(logging.INFO, logger="mkdocs.plugins.mkdocs_pgm") if "source" in m]
    assert len(loaded) == 1 and loaded[0].startswith("mkdocs_pgm: Loaded 1 source in ") and loaded[0].endswith(": team (1 entity)")
    for prefix in ("", "fr/"):
        raid = article(site, f"{prefix}governance/raid/index.html")
        assert 'href="https://team.example.test/t/#risk-r-t"' in raid, prefix
        program = article(site, f"{prefix}programs/x/index.html")
        assert 'href="https://team.example.test/t/"' in program, prefix
