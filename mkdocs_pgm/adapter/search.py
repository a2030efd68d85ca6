"""Nested entries (risks, decisions, milestones…) as search results of their own, in
Material's search and in MkDocs' built-in search.

Both plugins index ``page.content`` in ``on_page_context``; this runs after them
and adds one entry per nested item that is not already a heading of the page.
Material's index holds HTML (it escapes the text it parses, and shows results
as HTML); MkDocs' built-in index holds text and escapes it in the browser. The
built-in plugin takes its titles from the TOC, which holds HTML, so the titles
of the entries it just made for a page we filled are made text, and the text
of the page's drawings goes (Material skips them: ``data-search-exclude``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..core.views.render import html_to_text

_SPACES_RE = re.compile(" {2,}")
Entry = tuple[str, str, str]
"""(location, title, text)."""


def page_tags(page: Page) -> list[str]:
    tags = page.meta.get("tags")
    return [str(t) for t in tags if isinstance(t, (str, int, float))] if isinstance(tags, list) else []


def add_entries(config: MkDocsConfig, page: Page, entries: Iterable[Entry], drawings: list[str] | None) -> None:
    """Add ``entries`` to every search plugin of the build; ``drawings``: the text of the
    page's diagrams (None: the plugin wrote nothing on the page)."""
    entries = list(entries)
    tags = page_tags(page)
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list):  # Material's search plugin
            for location, title, text in entries:
                item: dict[str, object] = {"location": location, "title": escape(title, quote=False), "text": escape(text, quote=False)}
                if tags:
                    item["tags"] = tags
                index.entries.append(item)  # type: ignore[union-attr]
        elif callable(getattr(index, "_add_entry", None)):  # MkDocs' built-in search plugin
            if drawings is not None:
                _as_text(getattr(index, "_entries", None), page.url, drawings)
            titles_only = getattr(index, "config", {}).get("indexing") == "titles"
            for location, title, text in entries:
                index._add_entry(title=title, text="" if titles_only else text, loc=location)  # type: ignore[union-attr]  # noqa: SLF001


def _as_text(entries: object, url: str, drawings: list[str]) -> None:
    """Fix the entries MkDocs' built-in search just made for the page at ``url`` (the last ones
    of its index): titles become text, and the text of the page's drawings goes (the tables next
    to them hold the same data)."""
    if not isinstance(entries, list):
        return
    for entry in reversed(entries):
        location = entry.get("location") if isinstance(entry, dict) else None
        if not isinstance(location, str) or location.split("#", 1)[0] != url:
            break
        title = entry.get("title")
        if isinstance(title, str) and ("&" in title or "<" in title):
            entry["title"] = html_to_text(title)
        text = entry.get("text")
        if isinstance(text, str) and any(drawing in text for drawing in drawings):
            for drawing in drawings:
                text = text.replace(drawing, " ")
            entry["text"] = _SPACES_RE.sub(" ", text).strip()
