"""``governance/feed.xml``: the Atom feed of decisions taken, change requests settled, status updates
and end-date moves, built in a real git repository and read back with an XML parser."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs_pgm.core.exports.feed import export_feed
from mkdocs_pgm.core.history.timeline import History, Point, timeline_of

from helpers import commit, git, registry_of

A = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Pay & <script>alert("x")</script> ]]> \'q\''




def project(end: str, *, extra: str = "") -> str:
    return (f"---\ntype: project\nid: PAY\ntitle: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\nowner: Ana\nhealth: amber\n"
            f"start: 2026-01-01\nend: {end}\nbaseline: {{end: 2027-03-31}}\n{extra}---\n\n# Payments\n")


EXTRA = (
    "updates:\n"
    "  - {date: 2026-10-20, status: active, health: amber, summary: 'PSP signed <late> & over budget'}\n"
    "changes:\n  - {id: CR-7, title: Add wallets, status: approved, decision: ADR-0001}\n"
)
DECISION = (
    "---\ntype: decision\nid: ADR-0001\ntitle: Pick a PSP\nstatus: accepted\ndate: 2026-10-05\n"
    "decision_makers: [Olga, Sofia]\nforum: steering review\n---\n\n# Pick a PSP\n"
)




def repo(root: Path) -> list[str]:
    git(root, "init", "-q", "-b", "main")
    return [
        commit(root, "2026-06-01", "Add payments", {"projects/pay.md": project("2027-03-31")}),
        commit(root, "2026-07-15", "PSP late", {"projects/pay.md": project("2027-04-10")}, author='Bo "Boss" & Co'),
        commit(root, "2026-09-10", "Certification", {"projects/pay.md": project("2027-04-30")}),
        commit(root, "2026-11-05", "Move PAY end", {"projects/pay.md": project("2027-05-21", extra=EXTRA), "decisions/adr-0001.md": DECISION}),
    ]


CONFIG = {"site_url": "https://pmo.example.org/docs/", "plugins": [{"pgm": {"today": "2026-12-01", "diagrams": False}}]}


def entries(site) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.fromstring(site.path("governance/feed.xml").read_bytes())
    assert root.tag == f"{A}feed"
    return root, root.findall(f"{A}entry")


def text(entry: ET.Element, name: str) -> str:
    found = entry.find(f"{A}{name}")
    assert found is not None, name
    return found.text or ""


def test_feed_lists_what_happened_newest_first_with_stable_ids(build_site, tmp_path):
    shas = repo(tmp_path)
    site = build_site(tmp_path, {}, CONFIG)
    assert site.warnings == []
    feed, found = entries(site)
    assert text(feed, "title") == "Test: governance changes"
    assert text(feed, "updated") == "2026-11-05T00:00:00Z"
    assert feed.find(f"{A}link[@rel='self']").get("href") == "https://pmo.example.org/docs/governance/feed.xml"
    rows = [(text(e, "updated")[:10], e.find(f"{A}category").get("term"), text(e, "title")) for e in found]
    assert rows == [
        ("2026-11-05", "slipped", "PAY: Slipped +21 days (2027-04-30 → 2027-05-21)"),
        ("2026-10-20", "update", "PAY: Status update (active, Amber): PSP signed <late> & over budget"),
        ("2026-10-05", "change-settled", "CR-7: Change request settled: Add wallets (approved)"),
        ("2026-10-05", "decision", "ADR-0001: Decision taken: Pick a PSP (accepted)"),
        ("2026-09-10", "slipped", "PAY: Slipped +20 days (2027-04-10 → 2027-04-30)"),
        ("2026-07-15", "slipped", "PAY: Slipped +10 days (2027-03-31 → 2027-04-10)"),
    ]
    dates = [r[0] for r in rows]
    assert dates == sorted(dates, reverse=True)
    latest = found[0]
    assert text(latest, "id") == f"tag:pmo.example.org,2026:docs/slipped/PAY//2027-04-30/2027-05-21/{shas[3]}"
    assert latest.find(f"{A}link").get("href") == "https://pmo.example.org/docs/projects/pay/"
    assert text(latest.find(f"{A}author"), "name") == "Ana Lima"
    # The hostile title and author round-trip through the XML as text.
    assert text(latest, "summary").splitlines() == [f"PAY: {HOSTILE}", "2027-04-30 → 2027-05-21 (+21 days)", f"{shas[3][:7]} Move PAY end"]
    assert text(found[-1].find(f"{A}author"), "name") == 'Bo "Boss" & Co'
    assert text(found[3].find(f"{A}author"), "name") == "Olga, Sofia"
    assert found[2].find(f"{A}link").get("href") == "https://pmo.example.org/docs/projects/pay/#change-cr-7"
    raw = site.read("governance/feed.xml")
    assert "<script>" not in raw and "&lt;script&gt;" in raw

    ids = [text(e, "id") for e in found]
    assert len(set(ids)) == len(ids)
    again = build_site(tmp_path, {}, CONFIG)  # warm: the same ids
    assert [text(e, "id") for e in entries(again)[1]] == ids
    # A new commit adds its entry; the others keep their ids.
    commit(tmp_path, "2026-11-20", "Recover", {"projects/pay.md": project("2027-05-11", extra=EXTRA)})
    later = [text(e, "id") for e in entries(build_site(tmp_path, {}, CONFIG))[1]]
    assert later[1:] == ids and later[0].startswith("tag:pmo.example.org,2026:docs/recovered/PAY//2027-05-21/2027-05-11/")


def test_without_site_url_links_are_relative_to_the_feed(build_site, tmp_path):
    repo(tmp_path)
    site = build_site(tmp_path, {}, {"plugins": [{"pgm": {"today": "2026-12-01", "diagrams": False}}]})
    feed, found = entries(site)
    assert feed.find(f"{A}link") is None
    assert text(found[0], "id").startswith("tag:mkdocs-pgm,2026:slipped/PAY//")
    assert found[0].find(f"{A}link").get("href") == "../projects/pay/"


def test_no_history_keeps_dated_decisions_and_updates(build_site, tmp_path):
    files = {"projects/pay.md": project("2027-05-21", extra=EXTRA), "decisions/adr-0001.md": DECISION}
    site = build_site(tmp_path, files, {"plugins": [{"pgm": {"today": "2026-12-01", "diagrams": False, "history": False}}]})
    _, found = entries(site)
    assert [e.find(f"{A}category").get("term") for e in found] == ["update", "change-settled", "decision"]


def test_without_a_timeline_the_feed_is_valid_and_empty():
    registry = registry_of({"d.md": DECISION})
    text_ = export_feed(registry, None, today=dt.date(2026, 12, 1), url_of=lambda node: None, site_name="PMO")
    root = ET.fromstring(text_)
    assert root.findall(f"{A}entry") == []
    assert [child.tag.removeprefix(A) for child in root] == ["id", "title", "updated", "author", "generator"]
    assert root.find(f"{A}updated").text == "2026-12-01T00:00:00Z"


def test_control_characters_never_break_the_xml():
    page = DECISION.replace("title: Pick a PSP", 'title: "Pick\\x01 a\\x0b PSP"')
    registry = registry_of({"d.md": page})
    timeline = timeline_of(registry, History(), Point("none", ""), dt.date(2026, 12, 1))
    root = ET.fromstring(export_feed(registry, timeline, today=dt.date(2026, 12, 1), url_of=lambda node: "d/"))
    assert root.find(f"{A}entry/{A}title").text == "ADR-0001: Decision taken: Pick a PSP (accepted)"


def test_a_decision_keeps_its_entry_when_its_status_changes():
    today = dt.date(2026, 12, 1)

    def feed(status: str) -> list[tuple[str, str]]:
        registry = registry_of({"d.md": DECISION.replace("status: accepted", f"status: {status}")})
        timeline = timeline_of(registry, History(), Point("none", ""), today)
        root = ET.fromstring(export_feed(registry, timeline, today=today, url_of=lambda node: "d/"))
        return [(e.findtext(f"{A}id"), e.findtext(f"{A}title")) for e in root.iter(f"{A}entry")]

    assert feed("accepted") == [("tag:mkdocs-pgm,2026:decision/adr-0001/2026-10-05", "ADR-0001: Decision taken: Pick a PSP (accepted)")]
    assert feed("superseded") == [("tag:mkdocs-pgm,2026:decision/adr-0001/2026-10-05", "ADR-0001: Decision taken: Pick a PSP (superseded)")]
    assert feed("proposed") == []
