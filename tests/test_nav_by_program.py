"""``nav_by_program: true``: the navigation grouped as portfolio → program → projects.

The core (:mod:`mkdocs_pgm.core.views.nav`) is tested on registries built from
text; real builds with Material and with MkDocs' own theme check the navigation
as the reader gets it, read from the HTML: section titles, the links in each
section, and every page exactly once.
"""

from __future__ import annotations

import logging
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.utils import nest_paths as mkdocs_nest_paths

from mkdocs_pgm.core.views.nav import nav_by_program, nest_paths

from helpers import page, registry_of

PAGES = {
    "index.md": "# Home\n",
    "guides/start-here.md": "# Start here\n",
    "portfolio.md": page("type: portfolio", "id: PF", body="# Group portfolio\n"),
    "programs/erp.md": page("type: program", "id: PRG-ERP", "owner: Ann", body="# ERP renewal\n"),
    "programs/crm.md": page("type: program", "id: PRG-CRM", "owner: Bo", body="# Customer platform\n"),
    "projects/ledger.md": page("type: project", "id: LEDGER", "program: PRG-ERP", "owner: Ann", body="# Zeta ledger\n"),
    "projects/payroll.md": page("type: project", "id: PAYROLL", "program: PRG-ERP", "owner: Ann", body="# Alpha payroll\n"),
    "projects/crm-rollout.md": page("type: project", "id: CRM-ROLL", "program: PRG-CRM", "owner: Bo", body="# CRM rollout\n"),
    "projects/solo.md": page("type: project", "id: SOLO", "owner: Cy", body="# Solo tool\n"),
    "decisions/0001.md": page("type: decision", "status: accepted", "date: 2026-01-05", "scope: PRG-ERP", body="# Use Postgres\n"),
    "decisions/0002.md": page("type: decision", "status: accepted", "date: 2026-02-01", "scope: CRM-ROLL", body="# Buy, not build\n"),
    "decisions/0003.md": page("type: decision", "status: proposed", "date: 2026-03-01", "scope: PF", body="# One cloud\n"),
    "decisions/0004.md": page("type: decision", "status: accepted", "date: 2026-03-02", body="# Markdown everywhere\n"),
}
GROUPED = {
    "Group portfolio": [
        "portfolio.md",
        {"Customer platform": ["programs/crm.md", "projects/crm-rollout.md", {"Decisions": ["decisions/0002.md"]}]},
        {"ERP renewal": ["programs/erp.md", "projects/payroll.md", "projects/ledger.md", {"Decisions": ["decisions/0001.md"]}]},
    ]
}


def order(pages: dict[str, Any]) -> list[str]:
    """The pages in MkDocs' order: index first, then by folder and name, folders after files."""
    def key(uri: str) -> tuple[Any, ...]:
        parts = uri.split("/")
        return (parts[:-1], parts[-1] != "index.md", parts[-1])
    return sorted(pages, key=key)


# ------------------------------------------------------------------ the core


def test_entities_are_grouped_and_other_pages_keep_their_folders() -> None:
    pages = order(PAGES)
    nav = nav_by_program(registry_of(PAGES), pages)
    assert nav == [
        "index.md",
        GROUPED,
        {"Standalone projects": ["projects/solo.md"]},
        {"Decisions": ["decisions/0004.md", "decisions/0003.md"]},
        {"Guides": ["guides/start-here.md"]},
    ]


def test_a_portfolio_home_page_opens_the_navigation() -> None:
    pages = {**PAGES, "index.md": PAGES["portfolio.md"]}
    del pages["portfolio.md"]
    nav = nav_by_program(registry_of(pages), order(pages))
    assert nav[0] == {"Group portfolio": ["index.md", *GROUPED["Group portfolio"][1:]]}
    assert nav[-1] == {"Guides": ["guides/start-here.md"]}


def test_without_portfolio_page_programs_are_top_sections_and_a_lone_page_is_no_section() -> None:
    pages = {
        "about.md": "# About\n",
        "prg/b.md": page("type: program", "id: B", "owner: O", body="# Beta\n"),
        "prg/a.md": page("type: program", "id: A", "owner: O", body="# alpha\n"),
        "prj/x.md": page("type: project", "id: X", "program: B", "owner: O", body="# X\n"),
        "zz/notes.md": "# Notes\n",
    }
    nav = nav_by_program(registry_of(pages), order(pages))
    assert nav == ["about.md", "prg/a.md", {"Beta": ["prg/b.md", "prj/x.md"]}, {"Zz": ["zz/notes.md"]}]


def test_programs_go_under_their_own_portfolio() -> None:
    pages = {
        "p1.md": page("type: portfolio", "id: P1", body="# Retail\n"),
        "p2.md": page("type: portfolio", "id: P2", body="# Corporate\n"),
        "a.md": page("type: program", "id: A", "owner: O", "portfolio: P1", body="# A\n"),
        "b.md": page("type: program", "id: B", "owner: O", "portfolio: P2", body="# B\n"),
        "c.md": page("type: project", "id: C", "owner: O", "program: B", body="# C\n"),
        "d.md": page("type: program", "id: D", "owner: O", body="# D\n"),  # two portfolios: it names none
    }
    nav = nav_by_program(registry_of(pages), order(pages))
    assert nav == [{"Corporate": ["p2.md", {"B": ["b.md", "c.md"]}]}, {"Retail": ["p1.md", "a.md"]}, "d.md"]


def test_a_decisions_folder_with_a_page_of_its_own_is_one_section() -> None:
    pages = {
        "index.md": "# Home\n",
        "decisions/index.md": "# Decision records\n",
        "decisions/0001.md": page("type: decision", "status: accepted", "date: 2026-01-05", body="# Use Postgres\n"),
    }
    nav = nav_by_program(registry_of(pages), order(pages))
    assert nav == ["index.md", {"Decisions": ["decisions/index.md", "decisions/0001.md"]}]


def test_only_the_pages_given_appear() -> None:
    pages = order(PAGES)
    pages.remove("programs/erp.md")  # e.g. `not_in_nav`: its projects still make a section
    pages.remove("projects/solo.md")
    nav = nav_by_program(registry_of(PAGES), pages)
    assert {"ERP renewal": ["projects/payroll.md", "projects/ledger.md", {"Decisions": ["decisions/0001.md"]}]} in nav[1]["Group portfolio"]
    assert not any(isinstance(item, dict) and "Standalone projects" in item for item in nav)


def test_without_entities_it_is_mkdocs_own_navigation() -> None:
    pages = ["index.md", "a.md", "release-notes/v1.md", "release_notes/v2.md", "API/x.md", "API/deep/index.md", "API/deep/y.md"]
    assert nest_paths(pages) == mkdocs_nest_paths(pages)
    assert nav_by_program(registry_of(dict.fromkeys(pages, "# T\n")), pages) == mkdocs_nest_paths(pages)


# ------------------------------------------------------------------ real builds


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _Tree(HTMLParser):
    """The page as a tree of ``[tag, attrs, children]`` (text as plain strings)."""

    def __init__(self) -> None:
        super().__init__()
        self.root: list[Any] = ["root", {}, []]
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node: list[Any] = [tag, dict(attrs), []]
        self.stack[-1][2].append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1][2].append([tag, dict(attrs), []])

    def handle_endtag(self, tag: str) -> None:
        if any(node[0] == tag for node in self.stack[1:]):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(data)


def _find(node: list[Any], test: Any, inside: Any = lambda n: True) -> list[Any] | None:
    """The first node (depth first) that passes ``test``, looking only into nodes that pass ``inside``."""
    if test(node):
        return node
    for child in node[2]:
        if isinstance(child, list) and inside(child) and (found := _find(child, test, inside)) is not None:
            return found
    return None


def _text(node: list[Any] | str) -> str:
    return node if isinstance(node, str) else " ".join(" ".join(_text(c) for c in node[2]).split())


def _items(ul: list[Any]) -> list[Any]:
    """A navigation list as ``nav:`` would write it, with URLs: ``[url, {title: [...]}]``.

    An item whose own link has a real ``href`` is a page (a list under it is the
    page's table of contents); otherwise its label or ``#`` link is a section title.
    """
    out: list[Any] = []
    for li in (c for c in ul[2] if isinstance(c, list) and c[0] == "li"):
        own = lambda n: n[0] not in ("ul", "nav")  # noqa: E731 - not into the item's sub-list or table of contents
        link = _find(li, lambda n: n[0] == "a" and n[1].get("href") not in (None, "#"), own)
        if link is not None:
            out.append(link[1]["href"])
            continue
        head = _find(li, lambda n: n[0] in ("a", "label"), own)
        sub = _find(li, lambda n: n[0] == "ul")
        assert head is not None, li
        assert sub is not None, li
        out.append({_text(head): _items(sub)})
    return out


def rendered_nav(html: str) -> list[Any]:
    """The site navigation of a page of Material or of MkDocs' theme, as ``nav:`` would write it (URLs)."""
    tree = _Tree()
    tree.feed(html)
    material = _find(tree.root, lambda n: n[0] == "nav" and "md-nav--primary" in n[1].get("class", ""))
    if material is not None:
        root = _find(material, lambda n: n[0] == "ul")
    else:
        root = _find(tree.root, lambda n: n[0] == "ul" and n[1].get("class") == "nav navbar-nav")
    assert root is not None
    return _items(root)


def _urls(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        else:
            for children in item.values():
                out.extend(_urls(children))
    return out


def _as_urls(site: Any, item: Any) -> Any:
    """A ``nav:`` item with each page path replaced by its URL relative to the home page."""
    if isinstance(item, str):
        url = site.url(item)
        return "." if url in ("", "./") else url  # the home page links to itself as "."
    return {title: [_as_urls(site, child) for child in children] for title, children in item.items()}


OPTIONS = {"nav_by_program": True, "diagrams": False, "exports": False}
GOVERNANCE = ["index", "benefits", "catalog", "changes-since", "changes", "decisions", "dependencies", "lessons", "raid", "resources", "roadmap"]
#: The programs' steering packs (governance/steering/ID.md): the folder's section, last.
STEERING = ["steering/prg-crm", "steering/prg-erp"]


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_the_rendered_navigation_is_grouped_by_program(build_site: Any, tmp_path: Path, theme: str) -> None:
    site = build_site(tmp_path, PAGES, {"plugins": ["search", {"pgm": OPTIONS}]}, theme=theme)
    assert site.warnings == []
    assert not any("not included in the" in line for line in site.logs)
    nav = rendered_nav(site.html("index.md"))
    governance = {"Governance": [*(_as_urls(site, f"governance/{name}.md") for name in GOVERNANCE),
                                 {"Steering": [_as_urls(site, f"governance/{name}.md") for name in STEERING]}]}
    assert nav == [
        ".",
        _as_urls(site, GROUPED),
        {"Standalone projects": [site.url("projects/solo.md")]},
        {"Decisions": [site.url("decisions/0004.md"), site.url("decisions/0003.md")]},
        governance,
        {"Guides": [site.url("guides/start-here.md")]},
    ]
    every = sorted([*PAGES, *(f"governance/{name}.md" for name in GOVERNANCE + STEERING)])
    assert sorted(_urls(nav)) == sorted(_as_urls(site, p) for p in every)  # each page once
    # A project page: its program's section holds it (relative links from that page).
    project = rendered_nav(site.html("projects/ledger.md"))
    erp = project[1]["Group portfolio"][2]["ERP renewal"]
    assert erp[:3] == ["../../programs/erp/", "../payroll/", "./"]


def test_a_nav_in_mkdocs_yml_is_kept_with_one_info_line(build_site: Any, tmp_path: Path) -> None:
    nav = ["index.md", {"Work": ["projects/ledger.md", "programs/erp.md"]}]
    site = build_site(tmp_path, PAGES, {"nav": nav, "plugins": ["search", {"pgm": OPTIONS}]}, theme="mkdocs")
    notes = [line for line in site.messages(logging.INFO, logger="mkdocs.plugins") if "nav_by_program" in line]
    assert notes == ["mkdocs_pgm: nav_by_program is on, but mkdocs.yml has a 'nav': it is used as written"]
    assert rendered_nav(site.html("index.md")) == [".", {"Work": [site.url("projects/ledger.md"), site.url("programs/erp.md")]}]


def test_off_by_default(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, PAGES, {"plugins": ["search", {"pgm": {"diagrams": False, "exports": False}}]}, theme="mkdocs")
    nav = rendered_nav(site.html("index.md"))
    assert [next(iter(item)) if isinstance(item, dict) else item for item in nav] == [
        ".", "portfolio/", "Decisions", "Governance", "Guides", "Programs", "Projects",
    ]


def test_every_serve_rebuild_reads_the_nav_of_mkdocs_yml(tmp_path: Path) -> None:
    """The plugin lives across `mkdocs serve` rebuilds; the nav it set in one build is not "the user's nav" in the next."""
    for name, text in PAGES.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")

    def build(nav: list[Any] | None) -> list[Any]:
        config: dict[str, Any] = {"site_name": "Serve", "theme": {"name": "mkdocs"}, "plugins": ["search", {"pgm": OPTIONS}]}
        if nav is not None:
            config["nav"] = nav
        (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        cwd = os.getcwd()
        os.chdir(tmp_path)
        try:
            cfg = load_config(config_file=str(tmp_path / "mkdocs.yml"))
            cfg.plugins.on_startup(command="serve", dirty=False)
            mkdocs_build(cfg)
        finally:
            os.chdir(cwd)
        return rendered_nav((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))

    grouped = build(None)
    assert "Standalone projects" in grouped[2]
    assert build(None) == grouped
    assert build(["index.md", "projects/solo.md"]) == [".", "projects/solo/"]
    assert build(None) == grouped


def test_with_navigation_prune_a_page_draws_only_its_own_program(build_site: Any, tmp_path: Path) -> None:
    """What the option is for: Material's ``navigation.prune`` leaves out the sections a page is not in."""
    theme = {"name": "material", "features": ["navigation.prune"]}
    site = build_site(tmp_path, PAGES, {"theme": theme, "plugins": ["search", {"pgm": OPTIONS}]})
    urls = _urls(rendered_nav(site.html("projects/ledger.md")))
    assert {"../payroll/", "./", "../../decisions/0001/"} <= set(urls)
    # Another section is one link, to its first page: not its projects.
    assert "../../programs/crm/" in urls
    assert "../crm-rollout/" not in urls
    assert "../../decisions/0003/" not in urls
