"""The export files of ``governance_dir``, by name: one table for the build and ``mkdocs-pgm generate``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence

from ..analysis.findings import Finding
from ..analysis.schedule import Analysis
from ..federation.sources import SourceState
from ..history.timeline import Timeline
from ..i18n import ENGLISH, Locale
from ..model.registry import Node, Registry
from . import feed, formats

#: The files, in the order they are written.
EXPORTS = ("pgm.json", "pgm.schema.json", "milestones.ics", "raid.csv", "decisions.csv", "feed.xml")


def node_url(urls: Mapping[str, str], node: Node) -> str | None:
    """The site URL of ``node`` (its page, with its anchor), from the site's src_uri -> URL map (a page
    of another site, ``sources``, is linked by the exports' ``_Links.path``, before this is asked)."""
    url = urls.get(node.src_uri) if node.src_uri else None
    if url is None:
        return None
    return f"{url}#{node.anchor}" if node.anchor else url


def makers(
    registry: Registry, *, analysis: Analysis, findings: list[Finding], today: dt.date, currency: str,
    urls: Mapping[str, str], site_url: str | None, docs_dir: str, site_name: str, timeline: Timeline | None = None,
    locale: Locale = ENGLISH, governance_dir: str = "governance", sources: Sequence[SourceState] = (),
) -> dict[str, Callable[[], str]]:
    """Each export's name -> the function that writes it (called only for what is not cached)."""

    def url_of(node: Node) -> str | None:
        return node_url(urls, node)

    return {
        "pgm.json": lambda: formats.export_json(
            registry, analysis=analysis, findings=findings, today=today, currency=currency,
            url_of=url_of, site_url=site_url, docs_dir=docs_dir, sources=sources,
        ),
        "pgm.schema.json": lambda: json.dumps(formats.export_schema(), indent=2, ensure_ascii=False) + "\n",
        "milestones.ics": lambda: formats.export_ics(
            registry, today=today, url_of=url_of, site_url=site_url, calendar_name=f"{site_name}: milestones and decisions",
        ),
        "raid.csv": lambda: formats.raid_csv(registry, url_of=url_of, site_url=site_url),
        "decisions.csv": lambda: formats.decisions_csv(registry, url_of=url_of, site_url=site_url),
        "feed.xml": lambda: feed.export_feed(
            registry, timeline, today=today, url_of=url_of, site_url=site_url, site_name=site_name, locale=locale,
            feed_path=f"{governance_dir.strip('/')}/feed.xml",
        ),
    }
