"""Navigation grouped by program (the ``nav_by_program`` option).

Host-independent and pure: :func:`nav_by_program` takes the registry and the
site's pages and returns a navigation in the shape of MkDocs' ``nav:`` setting
(a list of page paths and one-key ``{title: path or list}`` sections), which the
host hands to its navigation builder as if the user had written it.

Every entity page is placed once: each portfolio is a section (its page first,
then its programs), each program a section (its page first, then its projects by
title, then a "Decisions" section with the decision records scoped to it or to
one of its projects). Programs without a portfolio page are sections of their
own; projects without a program go under "Standalone projects", the remaining
decision records under "Decisions". Every other page keeps the place the host's
default, folder-based navigation gives it; the grouped sections take the place
of the first folder (or page) of that navigation that held an entity page.
A section of one page is that page alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeAlias

from ..analysis.registers import program_of
from ..i18n import ENGLISH, Locale
from ..model.registry import Entity, Registry

NavItem: TypeAlias = "str | dict[str, list[NavItem]]"
"""A page (its path in the docs) or a section ``{title: [items]}``, as in MkDocs' ``nav:``."""

def nav_by_program(registry: Registry, pages: Sequence[str], locale: Locale = ENGLISH) -> list[NavItem]:
    """The navigation of ``pages`` (paths in the docs, in the host's order) with entity pages grouped by program.

    Only pages in ``pages`` appear; an entity whose page is not among them (left
    out of the navigation by the host) is left out, its section stays when it
    has other pages.
    """
    standalone, decisions_title = locale.text("roadmap.standalone"), locale.text("section.decisions")  # section titles
    listed = set(pages)
    entities = [e for e in registry.entities if not e.virtual and e.src_uri in listed]
    placed = {e.src_uri for e in entities}
    projects: dict[Entity | None, list[Entity]] = defaultdict(list)
    decisions: dict[Entity | None, list[Entity]] = defaultdict(list)
    programs: dict[Entity | None, list[Entity]] = defaultdict(list)
    for entity in entities:
        if entity.kind == "project":
            projects[entity.program].append(entity)
        elif entity.kind == "decision":
            decisions[program_of(entity)].append(entity)
    for program in _with_children(registry.of_kind("program"), listed, projects, decisions):
        portfolio = program.portfolio if program.portfolio is not None and not program.portfolio.virtual else None
        programs[portfolio].append(program)

    def program_item(program: Entity) -> NavItem | None:
        children: list[NavItem] = [p.src_uri for p in _by_title(projects[program])]
        if decisions[program]:
            children.append({decisions_title: [d.src_uri for d in _by_title(decisions[program])]})
        return _section(program, listed, children)

    grouped: list[NavItem] = []
    portfolios = [p for p in registry.of_kind("portfolio") if not p.virtual and (p.src_uri in listed or programs[p])]
    for portfolio in _by_title(portfolios):
        item = _section(portfolio, listed, [i for p in _by_title(programs[portfolio]) if (i := program_item(p)) is not None])
        if item is not None:
            grouped.append(item)
    grouped.extend(i for p in _by_title(programs[None]) if (i := program_item(p)) is not None)
    generic = [(standalone, [p.src_uri for p in _by_title(projects[None])]), (decisions_title, [d.src_uri for d in _by_title(decisions[None])])]

    nav: list[NavItem] = []
    at: int | None = None
    for item in nest_paths(pages):
        if at is None and _holds(item, placed):
            at = len(nav)
        kept = _without(item, placed)
        if kept is not None:
            nav.append(kept)
    for title, items in generic:
        if not items:
            continue
        folder = next((i for i in nav if isinstance(i, dict) and title in i), None)
        if folder is not None:  # a folder of the same name (a decisions/index.md of its own): one section
            folder[title].extend(items)
        else:
            grouped.append({title: list(items)})
    at = len(nav) if at is None else at
    nav[at:at] = grouped
    return nav


def nest_paths(paths: Iterable[str]) -> list[NavItem]:
    """MkDocs' navigation without ``nav:``: a section per folder, titled from the folder's name."""
    nested: list[NavItem] = []
    for path in paths:
        branch = nested
        for part in path.split("/")[:-1]:
            title = folder_title(part)
            found = next((item for item in branch if isinstance(item, dict) and title in item), None)
            if found is None:
                found = {title: []}
                branch.append(found)
            branch = found[title]
        branch.append(path)
    return nested


def folder_title(name: str) -> str:
    """``release-notes`` -> ``Release notes``; a name with capitals keeps them (as MkDocs does)."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _by_title(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e.title.casefold(), e.src_uri))


def _with_children(programs: list[Entity], listed: set[str], projects: dict[Entity | None, list[Entity]],
                   decisions: dict[Entity | None, list[Entity]]) -> list[Entity]:
    """The programs that have a page in the navigation, or a project or decision record there."""
    return [p for p in programs if not p.virtual and (p.src_uri in listed or projects.get(p) or decisions.get(p))]


def _section(entity: Entity, listed: set[str], children: list[NavItem]) -> NavItem | None:
    """``{title: [its page, *children]}``; its page alone without children; None when empty."""
    own: list[NavItem] = [entity.src_uri] if entity.src_uri in listed else []
    if not children:
        return own[0] if own else None
    return {entity.title: own + children}


def _holds(item: NavItem, pages: set[str]) -> bool:
    if isinstance(item, str):
        return item in pages
    return any(_holds(child, pages) for children in item.values() for child in children)


def _without(item: NavItem, pages: set[str]) -> NavItem | None:
    """``item`` without ``pages``; None when nothing is left of it."""
    if isinstance(item, str):
        return None if item in pages else item
    out: dict[str, list[NavItem]] = {}
    for title, children in item.items():
        kept = [k for child in children if (k := _without(child, pages)) is not None]
        if kept:
            out[title] = kept
    return out or None
