"""``feed.xml``: an Atom feed (RFC 4287) of what governance follows over time: decisions taken,
change requests settled, status updates and end-date moves (slips and recoveries), newest first.

Where the entries come from:

* a decision taken (its status decided, :func:`..model.rules.decision_decided`) with its ``date``,
  and a change request settled by such a decision, from the pages as they are now, with or
  without git;
* each status update (``updates``) up to ``today``;
* each move of a project's or program's end date, from its history (:meth:`..history.timeline.Timeline.slips`),
  named by the commit that made it;
* a decision or change request the pages give no date for: from the changes since the point
  (:meth:`..history.timeline.Timeline.changes`), dated by its commit.

Each entry's ``id`` is a ``tag:`` URI made of what the event is, so two builds give the same ids:
a move, what :attr:`..history.changes.Change.stable_id` gives (kind, entity, values, commit); a
decision or change request, its key and date (a later status keeps the entry); a status update,
the entity and the date. ``updated`` is the event's day at midnight UTC (never the clock).
Without a timeline (a host that reads no history) the feed is valid and empty.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

from ... import __version__
from ..analysis.registers import item_of
from ..history.changes import CHANGE_KINDS, SETTLED_CHANGE_STATUSES, Change, ChangeKind, Source
from ..history.timeline import Timeline, node_of
from ..i18n import ENGLISH, Locale
from ..model.registry import Nested, Node, Registry
from ..model.rules import decision_decided
from .formats import UrlOf, _Links

ATOM = "http://www.w3.org/2005/Atom"
#: The date part of every ``tag:`` id (RFC 4151): fixed, so that ids never change.
TAG_DATE = "2026"
#: The newest entries kept.
MAX_ENTRIES = 200
#: A status update's summary is cut to this many characters in an entry's title (the summary has all of it).
TITLE_CHARS = 120

ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    """One entry of the feed."""

    id: str
    day: dt.date
    title: str
    summary: str
    link: str | None
    author: str | None
    category: str


def _rfc3339(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"


def _clip(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(locale: Locale, kind: str) -> str:
    return locale.text(CHANGE_KINDS[kind].label)  # type: ignore[index]


class _Feed:
    def __init__(
        self, registry: Registry, timeline: Timeline | None, *, url_of: UrlOf, site_url: str | None, locale: Locale, feed_path: str,
    ) -> None:
        self.registry = registry
        self.timeline = timeline
        self.links = _Links(url_of, site_url)
        self.locale = locale
        self.up = "../" * feed_path.count("/")  # from the feed's folder to the site's root
        path = (self.links.base or "").split("://", 1)[-1].partition("/")[2] if site_url else ""
        self.prefix = f"tag:{self.links.host},{TAG_DATE}:{quote(path, safe='/')}"
        self.entries: dict[str, Entry] = {}

    # ------------------------------------------------------------------ helpers

    def tag(self, specific: str) -> str:
        return self.prefix + quote(specific, safe="/")

    def link(self, node: Node | None) -> str | None:
        path = self.links.path(node) if node is not None else None
        if path is None:
            return None
        absolute = self.links.absolute(path)
        return absolute if absolute is not None else self.up + path.lstrip("/")

    def add(self, entry: Entry) -> None:
        self.entries.setdefault(entry.id, entry)

    # ------------------------------------------------------------------ sources

    def decisions(self) -> set[str]:
        """Decisions taken, with a date: one entry each. Returns the keys of the decisions covered."""
        covered: set[str] = set()
        for decision in self.registry.decisions():
            item = item_of(decision)
            day, status = getattr(item, "date", None), decision.status
            if day is None or not decision_decided(status) or (self.timeline is not None and day > self.timeline.today):
                continue
            covered.add(decision.key.lower())
            makers = getattr(item, "decision_makers", None) or []
            forum = getattr(item, "forum", None)
            details = [f"{decision.ref_id}: {decision.title}", f"{self.locale.label(status)} ({self.locale.date(day)})"]
            if forum:
                details.append(str(forum))
            self.add(Entry(
                self.tag(f"decision/{decision.key.lower()}/{day.isoformat()}"), day,
                f"{decision.ref_id}: {_label(self.locale, 'decision')}: {decision.title} ({self.locale.label(status)})",
                "\n".join(details), self.link(decision), ", ".join(makers) or None, "decision",
            ))
            request = getattr(item, "change_request", None)
            target = self.registry.resolve(request) if request else None
            if isinstance(target, Nested) and target.kind == "change":
                covered.add(self.settled(target, day, decision))
        for entity in self.registry.entities:
            for request in entity.entries("changes"):
                ref = getattr(request.item, "decision", None)
                settler = self.registry.resolve(ref) if ref else None
                day = getattr(item_of(settler), "date", None) if settler is not None else None
                if day is not None and settler is not None and decision_decided(settler.status) and (
                    self.timeline is None or day <= self.timeline.today
                ):
                    covered.add(self.settled(request, day, settler))
        return covered

    def settled(self, request: Nested, day: dt.date, decision: Node) -> str:
        status = request.status
        if status not in SETTLED_CHANGE_STATUSES:
            return ""
        self.add(Entry(
            self.tag(f"change-settled/{request.key.lower()}/{day.isoformat()}"), day,
            f"{request.ref_id}: {_label(self.locale, 'change-settled')}: {request.title} ({self.locale.label(status)})",
            f"{request.ref_id}: {request.title}\n{self.locale.label(status)} ({self.locale.date(day)}), {decision.ref_id}",
            self.link(request), None, "change-settled",
        ))
        return request.key.lower()

    def updates(self, timeline: Timeline) -> None:
        for src_uri, written in timeline.updates.items():
            entity = self.registry.by_src.get(src_uri)
            if entity is None:
                continue
            seen: dict[dt.date, int] = {}
            for update in written:
                if update.date > timeline.today:
                    continue
                seen[update.date] = seen.get(update.date, 0) + 1  # a second update of the same day: ".../2"
                suffix = f"/{seen[update.date]}" if seen[update.date] > 1 else ""
                key = f"update/{entity.id.lower()}/{update.date.isoformat()}"
                state = ", ".join(self.locale.label(v) if i == 0 else self.locale.vocabulary("health", v)
                                  for i, v in enumerate((update.status, update.health)) if v)
                head = f"{entity.id}: {_label(self.locale, 'update')}" + (f" ({state})" if state else "")
                self.add(Entry(
                    self.tag(key + suffix), update.date, head + (f": {_clip(update.summary)}" if update.summary else ""),
                    update.summary or head, self.link(entity), getattr(entity.model, "owner", None) or None, "update",
                ))

    def slips(self, timeline: Timeline) -> None:
        for src_uri in timeline.pages():
            entity = self.registry.by_src.get(src_uri)
            states = timeline.states(src_uri)
            state = states[-1][1] if states else None  # a page removed since: as it was last
            for slip in timeline.slips(src_uri):
                ident = entity.id if entity is not None else state.id if state is not None else src_uri
                title = entity.title if entity is not None else state.title if state is not None else src_uri
                kind: ChangeKind = "slipped" if slip.days > 0 else "recovered"
                # Not committed yet: dated today, named by the values alone (the same id until it is committed).
                source = slip.source if slip.source.kind == "commit" else Source(slip.source.kind, None)
                change = Change(kind, ident, entity.kind if entity is not None else "project", title, src_uri,
                                before=slip.before.isoformat(), after=slip.after.isoformat(), days=slip.days, source=source)
                day = slip.source.date or timeline.today
                moved = f"{slip.before.isoformat()} → {slip.after.isoformat()}"
                days = self.locale.days(slip.days, signed=True)
                origin = f"{slip.source.short} {slip.source.subject}".strip() if slip.source.kind == "commit" else ""
                self.add(Entry(
                    self.tag(change.stable_id), day, f"{ident}: {_label(self.locale, kind)} {days} ({moved})",
                    "\n".join(p for p in (f"{ident}: {title}", f"{moved} ({days})", origin) if p),
                    self.link(entity), slip.source.author or None, kind,
                ))

    def changes(self, timeline: Timeline, covered: set[str]) -> None:
        """Decisions and change requests the pages give no date for: as the changes since the point date them."""
        for change in timeline.changes():
            if change.kind not in ("decision", "change-settled"):
                continue
            key = (f"{change.entity}#{change.item}" if change.item else change.entity).lower()
            if key in covered or change.source.kind not in ("commit", "working-tree"):
                continue
            node = node_of(self.registry, change)[1]
            subject = change.item if change.item else change.entity
            name = change.item_title or change.title
            status = self.locale.label(change.after) if change.after else ""
            origin = f"{change.source.short} {change.source.subject}".strip()
            self.add(Entry(
                self.tag(change.stable_id), change.source.date or timeline.today,
                f"{subject}: {_label(self.locale, change.kind)}: {name}" + (f" ({status})" if status else ""),
                "\n".join(p for p in (f"{subject}: {name}", status, origin) if p),
                self.link(node), change.source.author or None, change.kind,
            ))

    def build(self) -> list[Entry]:
        if self.timeline is None:
            return []
        covered = self.decisions()
        self.updates(self.timeline)
        self.slips(self.timeline)
        self.changes(self.timeline, covered)
        return sorted(self.entries.values(), key=lambda e: (-e.day.toordinal(), e.id))[:MAX_ENTRIES]


def export_feed(
    registry: Registry, timeline: Timeline | None, *, today: dt.date, url_of: UrlOf, site_url: str | None = None,
    site_name: str = "", locale: Locale = ENGLISH, feed_path: str = "governance/feed.xml",
) -> str:
    """``feed.xml``: the Atom feed (see the module). ``feed_path``: where it is published, from the site's
    root (without a ``site_url``, links are relative to it)."""
    feed = _Feed(registry, timeline, url_of=url_of, site_url=site_url, locale=locale, feed_path=feed_path)
    entries = feed.build()
    root = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        if text is not None:
            element.text = _xml_text(text)
        return element

    name = site_name or "mkdocs-pgm"
    sub(root, "id", feed.tag("feed"))
    sub(root, "title", f"{name}: {locale.text('feed.title')}")
    sub(root, "updated", _rfc3339(entries[0].day if entries else today))
    sub(sub(root, "author"), "name", name)
    sub(root, "generator", "mkdocs-pgm", uri="https://pypi.org/project/mkdocs-pgm/", version=__version__)
    if feed.links.base is not None:
        sub(root, "link", rel="self", type="application/atom+xml", href=feed.links.absolute(feed_path) or feed_path)
        sub(root, "link", rel="alternate", type="text/html", href=feed.links.base)
    for entry in entries:
        element = sub(root, "entry")
        sub(element, "id", entry.id)
        sub(element, "title", entry.title, type="text")
        sub(element, "updated", _rfc3339(entry.day))
        if entry.author:
            sub(sub(element, "author"), "name", entry.author)
        if entry.link:
            sub(element, "link", rel="alternate", type="text/html", href=_xml_text(entry.link))
        sub(element, "category", term=entry.category, label=_xml_text(_label(locale, entry.category)))
        sub(element, "summary", entry.summary, type="text")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return "".join(
        ch for ch in text
        if ch in "\t\n\r" or "\x20" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or "\U00010000" <= ch <= "\U0010ffff"
    )
