"""The exports in a built site: generated in memory, valid, linked from the dashboard, optional."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema

from helpers import page

PAGES = {
    "programs/shop.md": page("type: program", "id: PRG-SHOP", "title: Online shop", "owner: Olga"),
    "projects/checkout.md": page(
        "type: project", "id: CHECKOUT", "title: Checkout", "owner: Sofia", "program: PRG-SHOP",
        "milestones:", "  - {id: go-live, title: Go live, date: 2027-01-15}",
        "risks:", "  - {id: R-PSP, title: PSP delay, probability: 4, impact: 4}",
        "decisions:", "  - {id: DEC-PSP, title: Pick a PSP, status: accepted, date: 2026-10-05, forum: steering review}",
    ),
}
CONFIG = {"site_url": "https://pmo.example.org/docs/", "plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}
ATOM = "{http://www.w3.org/2005/Atom}"
NAMES = ("pgm.json", "pgm.schema.json", "milestones.ics", "raid.csv", "decisions.csv", "feed.xml")


def test_exports_are_written_valid_and_linked(build_site, tmp_path):
    site = build_site(tmp_path, PAGES, CONFIG)
    assert site.warnings == []
    assert not (site.docs_dir / "governance").exists()  # in memory only
    data = site.json("governance/pgm.json")
    jsonschema.Draft202012Validator(site.json("governance/pgm.schema.json")).validate(data)
    checkout = next(e for e in data["entities"] if e["id"] == "CHECKOUT")
    assert checkout["url"] == "https://pmo.example.org/docs/projects/checkout/"
    ics = site.path("governance/milestones.ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and b"URL:https://pmo.example.org/docs/projects/checkout/#milestone-go-live\r\n" in ics
    raid = site.path("governance/raid.csv").read_text(encoding="utf-8-sig").splitlines()
    assert raid[1].startswith("risk,R-PSP,PSP delay,CHECKOUT,PRG-SHOP,")
    assert "DEC-PSP" in site.read("governance/decisions.csv")
    feed = ET.fromstring(site.path("governance/feed.xml").read_bytes())  # no git here: the dated decision still is an entry
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == ["DEC-PSP: Decision taken: Pick a PSP (accepted)"]
    dashboard = site.html("governance/index.md")
    for name in ("pgm.json", "milestones.ics", "raid.csv", "decisions.csv", "feed.xml"):
        assert f'href="{name}" download' in dashboard


def test_exports_off_and_a_user_file_wins(build_site, tmp_path):
    off = {**CONFIG, "plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False, "exports": False}}]}
    site = build_site(tmp_path / "off", PAGES, off)
    for name in NAMES:
        assert not site.path(f"governance/{name}").exists()
    assert "pgm.json" not in site.html("governance/index.md")
    mine = dict(PAGES, **{"governance/raid.csv": "my own register\n"})
    site = build_site(tmp_path / "mine", mine, CONFIG)
    assert site.read("governance/raid.csv") == "my own register\n"
    assert any("governance/raid.csv exists in the docs; the generated file is not added" in m for m in site.logs)
    assert json.loads(site.read("governance/pgm.json"))["version"]
