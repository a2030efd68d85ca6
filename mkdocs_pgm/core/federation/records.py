"""The entities of another site's ``pgm.json`` as this site's model reads them.

Each entity a site owns (``source`` null, not ``virtual``) is its ``front_matter`` and the
front matter of its entries, validated by the same schema as a page of this site (what
that finds wrong is said as info: it is for that site to fix, and its own build said so); it
becomes a :class:`~..model.registry.RemotePage`: read-only, named ``NAME:path`` in
messages, linked to its page on its home site. Entities a ``pgm.json`` holds from its own
sources are left out: each entity is imported from its home site only, so that sites may
import each other.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..model.registry import KIND_OF_COLLECTION, ParseOptions, RemotePage, content_digest, parse_data

#: Characters a URL carries %-escaped only (RFC 3986), refused in a link to another site.
_UNSAFE = frozenset('"<>\\^`{|}')
#: Entry kind -> the front-matter list it is written in (``risk`` -> ``risks``).
_COLLECTION_OF = {kind: collection for collection, kind in KIND_OF_COLLECTION.items()}


def web_address(value: object) -> str | None:
    """``value`` when it is an absolute http(s) URL (the only links to other sites made), else None."""
    if not isinstance(value, str) or any(c.isspace() or ord(c) < 32 or c in _UNSAFE for c in value):
        return None  # what a URL must carry %-escaped: it goes into HTML, SVG and DOT as it is
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def site_base(value: object) -> str | None:
    """A site's address (``site_url``) as a base to join page paths to (with its final ``/``)."""
    url = web_address(value)
    return url if url is None or url.endswith("/") else url + "/"


def source_site(site_url: str | None, document: Mapping[str, Any] | None) -> str | None:
    """A source's address, as a base for the paths of its pages: the source's own ``site_url`` option,
    else the ``generated.site_url`` its ``pgm.json`` carries."""
    generated = document.get("generated") if document is not None else None
    return site_base(site_url) or site_base(generated.get("site_url") if isinstance(generated, Mapping) else None)


def home_of(record: Mapping[str, Any], base: str | None) -> str | None:
    """Where an exported entity's page is: its ``url``, else its ``path`` on the site at ``base``."""
    url = web_address(record.get("url"))
    if url is not None:
        return url
    path = record.get("path")
    if base is None or not isinstance(path, str):
        return None
    try:
        parts = urlsplit(path)
    except ValueError:
        return None
    if parts.scheme or parts.netloc:  # only a path on that site
        return None
    return web_address(urljoin(base, path.lstrip("/")))


def _with_successor(front: dict[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """A decision's front matter with the successor MADR's ``status: superseded by …`` named: the export
    writes the status as ``superseded`` and the successor in ``relations.superseded_by`` only."""
    relations = record.get("relations")
    later = relations.get("superseded_by") if isinstance(relations, Mapping) else None
    if front.get("status") == "superseded" and isinstance(later, list) and later and isinstance(later[0], str):
        front["status"] = f"superseded by {later[0]}"
    return front


def remote_pages(name: str, document: Mapping[str, Any], *, site_url: str | None, options: ParseOptions) -> tuple[list[RemotePage], int]:
    """The entities ``document`` (a ``pgm.json``, checked by :func:`.sources.read_document`) owns, as
    pages of source ``name``; and how many had no address to link to. ``site_url``: the source's
    option, for links when the document carries neither entity ``url`` nor ``generated.site_url``."""
    base = source_site(site_url, document)
    pages: list[RemotePage] = []
    unlinked = 0
    for record in document.get("entities") or ():
        if not isinstance(record, Mapping) or record.get("virtual") or record.get("source") is not None:
            continue
        ident, kind, front = record.get("id"), record.get("type"), record.get("front_matter")
        if not isinstance(ident, str) or not isinstance(kind, str) or not isinstance(front, Mapping):
            continue
        data: dict[str, Any] = _with_successor({str(k): v for k, v in front.items()}, record)
        for entry in record.get("entries") or ():
            collection = _COLLECTION_OF.get(str(entry.get("kind"))) if isinstance(entry, Mapping) else None
            if collection is not None and isinstance(entry.get("front_matter"), Mapping):
                data.setdefault(collection, []).append(_with_successor(dict(entry["front_matter"]), entry))
        data["type"] = kind
        data.setdefault("id", ident)
        title = record.get("title")
        if isinstance(title, str) and "title" not in data:
            data["title"] = title
        src_uri = record.get("src_uri")
        shown = f"{name}:{src_uri if isinstance(src_uri, str) and src_uri else ident}"
        home = home_of(record, base)
        unlinked += home is None
        digest = content_digest(json.dumps([data, home], sort_keys=True, ensure_ascii=False, default=str))
        parsed = parse_data(data, shown, options, digest)
        if parsed.diagnostics:  # its own data is its site's to fix (and that site's build said so): info here
            parsed = dataclasses.replace(parsed, diagnostics=tuple(dataclasses.replace(d, severity="info") for d in parsed.diagnostics))
        pages.append(RemotePage(name, shown, home, parsed))
    return pages, unlinked
