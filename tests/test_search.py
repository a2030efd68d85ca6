"""Search: entity metadata is indexed, nested entries are results of their own, tags are opt-in."""

from __future__ import annotations

import re

import pytest

from helpers import page

PAGES = {
    "programs/shop.md": page(
        "type: program", "id: PRG-SHOP", "title: Online shop", "owner: Olga Berg",
        "governance: {risk_threshold: 12, escalation: [Program board]}",
        "benefits:",
        "  - {id: BEN-CONV, title: Higher conversion, kpi: conversion rate, target: 3, due: 2027-06-30, owner: Head of Sales}",
    ),
    "projects/checkout.md": page(
        "type: project", "id: CHECKOUT", "title: Checkout", "owner: Sofia Lindqvist", "program: PRG-SHOP",
        "status: active", "tags: [payments]", "contributes_to: [BEN-CONV]",
        "milestones:",
        "  - {id: go-live, title: Go live, date: 2027-01-15}",
        "risks:",
        "  - {id: R-PSP, title: PSP delay, probability: 4, impact: 4, owner: Ravi Menon, mitigation: a second provider}",
        "decisions:",
        "  - {id: DEC-PSP, title: Pick Adyen as payment provider, status: accepted, date: 2026-10-05, decision_makers: [Priya Nair], forum: steering review}",
        body="# Checkout\n\nThe new checkout.\n",
    ),
}

CONFIG = {"plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}


def index_of(site) -> dict[str, dict]:
    return {doc["location"]: doc for doc in site.json("search/search_index.json")["docs"]}


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_nested_entries_are_results_of_their_own(build_site, tmp_path, theme):
    site = build_site(tmp_path, PAGES, CONFIG, theme=theme)
    assert site.warnings == []
    docs = index_of(site)
    risk = docs["projects/checkout/#risk-r-psp"]
    assert risk["title"] == "Risk: PSP delay"
    assert risk["text"] == (
        "R-PSP · risk · open · probability 4 × impact 4 = score 16 · at or above the escalation threshold 12 · "
        "escalate to Program board · owner: Ravi Menon · mitigation: a second provider · "
        "on Checkout (CHECKOUT), program Online shop (PRG-SHOP)"
    )
    decision = docs["projects/checkout/#decision-dec-psp"]
    assert decision["title"] == "Decision: Pick Adyen as payment provider"
    assert "decision makers: Priya Nair" in decision["text"] and "forum: steering review" in decision["text"]
    assert docs["projects/checkout/#milestone-go-live"]["title"] == "Milestone: Go live"
    benefit = docs["programs/shop/#benefit-ben-conv"]
    assert "contributing project CHECKOUT Checkout" in benefit["text"]
    # The anchors exist on the page the results land on.
    html = site.html("projects/checkout.md")
    for anchor in ("risk-r-psp", "decision-dec-psp", "milestone-go-live"):
        assert f'id="{anchor}"' in html


def test_entity_metadata_is_in_the_indexed_text(build_site, tmp_path):
    site = build_site(tmp_path, PAGES, CONFIG)
    text = " ".join(doc["text"] for loc, doc in index_of(site).items() if loc.startswith("projects/checkout/") and "#" not in loc.rstrip("/").split("/")[-1])
    for needle in ("Sofia Lindqvist", "PRG-SHOP", "CHECKOUT", "active", "payments"):
        assert needle in text, needle


def test_a_page_excluded_from_search_adds_no_entries(build_site, tmp_path):
    pages = dict(PAGES)
    pages["projects/checkout.md"] = pages["projects/checkout.md"].replace("status: active", "status: active\nsearch: {exclude: true}")
    site = build_site(tmp_path, pages, CONFIG)
    assert not any(loc.startswith("projects/checkout/") for loc in index_of(site))


def test_tags_from_program_and_status_feed_materials_tags_plugin(build_site, tmp_path):
    pages = dict(PAGES, **{"tags.md": "# Tags\n\n<!-- material/tags -->\n"})
    config = {"plugins": ["search", "tags", {"pgm": {"today": "2026-11-21", "diagrams": False, "tags_from": ["program", "status"]}}]}
    site = build_site(tmp_path, pages, config)
    assert site.warnings == []
    listing = site.html("tags.md")
    assert re.findall(r'<h2 id="tag:([^"]+)"', listing) == ["online-shop", "active", "payments"]
    assert 'href="../projects/checkout/"' in listing and 'href="../programs/shop/"' in listing
    assert index_of(site)["projects/checkout/#risk-r-psp"]["tags"] == ["payments", "Online shop", "active"]


def test_tags_are_not_added_unless_asked(build_site, tmp_path):
    pages = dict(PAGES, **{"tags.md": "# Tags\n\n<!-- material/tags -->\n"})
    config = {"plugins": ["search", "tags", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}
    site = build_site(tmp_path, pages, config)
    assert re.findall(r'<h2 id="tag:([^"]+)"', site.html("tags.md")) == ["payments"]


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_sections_are_indexed_by_heading_without_their_drawings(build_site, tmp_path, theme):
    pages = dict(PAGES)
    pages["projects/checkout.md"] = pages["projects/checkout.md"].replace("status: active", "status: active\nstart: 2026-01-01\nend: 2027-03-31")
    site = build_site(tmp_path, pages, {"plugins": ["search", {"pgm": {"today": "2026-11-21"}}]}, theme=theme)
    assert site.warnings == []
    docs = index_of(site)
    milestones = docs["projects/checkout/#pgm-milestones"]
    assert milestones["title"] == "Milestones"
    assert "Go live" in milestones["text"] and "2027-01-15" in milestones["text"]
    # The roadmap and the diagram are drawn in the page, but their SVG text is not indexed
    # (by either search plugin): the same data is in the tables next to them.
    program = site.html("programs/shop.md")
    assert "<svg" in program and "Today 2026-11-21" in program
    assert not any("Today 2026-11-21" in doc["text"] for doc in docs.values())
    for src in ("projects/checkout.md", "programs/shop.md", "governance/index.md"):
        assert "pgm:slot" not in site.html(src)


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_front_matter_markup_is_text_in_search_results(build_site, tmp_path, theme):
    """Material's index holds HTML (its search results render it), so the plugin's entries are
    escaped there, like the text Material parses itself; MkDocs' built-in search escapes in the
    browser, so its index holds plain text."""
    hostile = "<img src=x onerror=alert(1)>"
    pages = {
        "projects/a.md": page(
            "type: project", "id: A", f'owner: "{hostile}"',
            f'risks: [{{id: R1, title: "{hostile}", probability: 4, impact: 4}}]',
            body="# Alpha\n",
        ),
    }
    site = build_site(tmp_path, pages, CONFIG, theme=theme)
    docs = index_of(site)
    risk = docs["projects/a/#risk-r1"]
    raid = docs["projects/a/#pgm-risks"]
    if theme == "material":
        escaped = "&lt;img src=x onerror=alert(1)&gt;"
        assert risk["title"] == f"Risk: {escaped}"
        assert escaped in raid["text"]
        assert "<img" not in site.path("search/search_index.json").read_text(encoding="utf-8")
    else:
        assert risk["title"] == f"Risk: {hostile}"
        assert hostile in raid["text"]
