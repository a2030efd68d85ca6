"""Headings of the HTML the plugin writes, merged into MkDocs' table of contents."""

from __future__ import annotations

from html import escape

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..core.views.render import Heading, headings_of


def toc_ids(toc: TableOfContents) -> set[str]:
    ids: set[str] = set()
    stack = list(toc)
    while stack:
        item = stack.pop()
        ids.add(item.id)
        stack.extend(item.children)
    return ids


def last_heading_id(html: str) -> str | None:
    found = headings_of(html)
    return found[-1].id if found else None


def merge_toc(toc: TableOfContents, headings: list[Heading], after: str | None) -> TableOfContents:
    """Insert ``headings`` into the page's table of contents after the heading ``after``."""
    flat: list[AnchorLink] = []
    stack = list(reversed(list(toc)))
    while stack:
        item = stack.pop()
        flat.append(item)
        stack.extend(reversed(item.children))
    position = 0
    if after is not None:
        for index, item in enumerate(flat):
            if item.id == after:
                position = index + 1
                break
        else:
            position = len(flat)
    # Themes print TOC titles as HTML; a heading's title is text (user text included): escape it once.
    new = [AnchorLink(escape(h.title, quote=False), h.id, h.level) for h in headings]
    flat[position:position] = new
    roots: list[AnchorLink] = []
    parents: list[AnchorLink] = []
    for item in flat:
        item.children = []
        while parents and parents[-1].level >= item.level:
            parents.pop()
        (parents[-1].children if parents else roots).append(item)
        parents.append(item)
    return TableOfContents(roots)
