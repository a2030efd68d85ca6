"""Federated sites (issue 16): a portfolio site imports the ``pgm.json`` of other sites.

Three team sites (alpha, beta, gamma) are built once for the module, each with its own
``site_url``; beta imports alpha, and its project B1 depends on alpha's A1 while starting
before A1 ends (a schedule conflict across sites: A1 ends 2027-02-28, B1 starts 2027-02-01,
so B1 starts 28 days too early). A fourth site, the PMO's, imports the three from files and,
in a second set of tests, from a local HTTP server on 127.0.0.1 that can be made to fail
(HTTP 500, no answer in time, bad JSON, a future format version, ...): the build then keeps
the copy of the last good download, with one warning naming the source and the fault.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import gzip
import hashlib
import json
import re
import shutil
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from mkdocs_pgm.cli import main

from conftest import BuiltSite, SiteBuilder
from helpers import page, strict

TODAY = "2026-11-21"
NAMES = ("alpha", "beta", "gamma")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

# ------------------------------------------------------------------------------------- the sites

ALPHA = {
    "programs/alpha.md": page(
        "type: program", "id: PRG-ALPHA", "title: Alpha program", "owner: Ana", "health: green",
        "governance: {escalation: [Ana, Alpha board], risk_threshold: 12}",
    ),
    "projects/a1.md": page(
        "type: project", "id: A1", "title: Alpha API", "owner: Ana", "program: PRG-ALPHA", "status: active", "health: green",
        "start: 2026-09-01", "end: 2027-02-28",
        "milestones:",
        "  - {id: api-ready, title: API ready, date: 2026-12-10}",
        "risks:",
        "  - {id: R-A1, title: Vendor API late, probability: 4, impact: 4, owner: Ana}",  # 16 > 12
        "decisions:",
        "  - {id: DEC-A1, title: Use REST, status: accepted, date: 2026-10-01}",
    ),
    "projects/a2.md": page(
        "type: project", "id: A2", "title: Alpha data", "owner: Abe", "program: PRG-ALPHA", "status: active",
        "start: 2026-10-01", "end: 2027-01-31",
        "risks:",
        "  - {id: R-A2, title: Test data late, probability: 1, impact: 2, owner: Abe}",
    ),
}
BETA = {
    "programs/beta.md": page(
        "type: program", "id: PRG-BETA", "title: Beta program", "owner: Bea", "health: amber",
        "governance: {escalation: [Bea, Beta board], risk_threshold: 10}",
    ),
    "projects/b1.md": page(
        "type: project", "id: B1", "title: Beta checkout", "owner: Bea", "program: PRG-BETA", "status: planned",
        "start: 2027-02-01", "end: 2027-06-30",
        "depends_on: [A1]",  # line 10: alpha's A1 ends 2027-02-28
        "risks:",
        "  - {id: R-B1, title: PSP contract late, probability: 3, impact: 4, owner: Bea}",  # 12 > 10
        "decisions:",
        "  - {id: DEC-B1, title: Pick a PSP, status: proposed, date: 2026-11-01}",
    ),
    "projects/b2.md": page(
        "type: project", "id: B2", "title: Beta wallet", "owner: Ben", "program: PRG-BETA", "status: planned",
        "start: 2027-03-01", "end: 2027-05-31",
    ),
}
GAMMA = {
    "programs/gamma.md": page(
        "type: program", "id: PRG-GAMMA", "title: Gamma – Läden und Kassen", "owner: Gil", "health: red",
        "governance: {escalation: [Gil, Gamma board], risk_threshold: 15}",
    ),
    "projects/g1.md": page(
        "type: project", "id: G1", "title: Gamma stores", "owner: Gil", "program: PRG-GAMMA", "status: active", "health: amber",
        "start: 2026-06-01", "end: 2027-05-31",
        "risks:",
        "  - {id: R-G1, title: Store network outage, probability: 5, impact: 4, owner: Gil}",  # 20 > 15
    ),
    "projects/g2.md": page(
        "type: project", "id: G2", "title: Gamma tills", "owner: Gus", "program: PRG-GAMMA", "status: active",
        "start: 2026-07-01", "end: 2027-03-31",
    ),
    "decisions/0001-cloud.md": page(
        "type: decision", "id: DEC-G1", "title: Move the tills to the cloud", "status: accepted", "date: 2026-09-15",
        "scope: PRG-GAMMA",
    ),
}
TEAMS: dict[str, dict[str, str]] = {"alpha": ALPHA, "beta": BETA, "gamma": GAMMA}
#: Each team's own entities (its pages), the ones a site importing it takes.
OWN = {"alpha": ["A1", "A2", "PRG-ALPHA"], "beta": ["B1", "B2", "PRG-BETA"], "gamma": ["DEC-G1", "G1", "G2", "PRG-GAMMA"]}
PMO_PAGES = {
    "index.md": page("type: portfolio", "id: PF-ALL", "title: Group portfolio", "owner: PMO"),
    # A local page that depends on a remote project and links to another one: line 10 is depends_on.
    "projects/rollout.md": page(
        "type: project", "id: ROLLOUT", "title: Group rollout", "owner: Pia", "status: planned",
        "start: 2027-06-15", "end: 2027-09-30", "depends_on: [G1]", body="\n# Group rollout\n\nAfter [[A1]].\n",
    ),
}
#: The PMO's site without local references (for builds where a source may be missing).
PMO_INDEX = {"index.md": PMO_PAGES["index.md"]}
CONFLICT = "B1 starts 2027-02-01, 28 days too early: it must start after A1 ends (2027-02-28); finish-to-start"

#: Where each entity, risk and decision of the teams lives on its home site.
HOME = {
    "A1": "https://alpha.example.test/projects/a1/",
    "A2": "https://alpha.example.test/projects/a2/",
    "PRG-ALPHA": "https://alpha.example.test/programs/alpha/",
    "B1": "https://beta.example.test/projects/b1/",
    "B2": "https://beta.example.test/projects/b2/",
    "PRG-BETA": "https://beta.example.test/programs/beta/",
    "G1": "https://gamma.example.test/projects/g1/",
    "G2": "https://gamma.example.test/projects/g2/",
    "PRG-GAMMA": "https://gamma.example.test/programs/gamma/",
    "DEC-G1": "https://gamma.example.test/decisions/0001-cloud/",
    "R-A1": "https://alpha.example.test/projects/a1/#risk-r-a1",
    "R-A2": "https://alpha.example.test/projects/a2/#risk-r-a2",
    "R-B1": "https://beta.example.test/projects/b1/#risk-r-b1",
    "R-G1": "https://gamma.example.test/projects/g1/#risk-r-g1",
    "DEC-A1": "https://alpha.example.test/projects/a1/#decision-dec-a1",
    "DEC-B1": "https://beta.example.test/projects/b1/#decision-dec-b1",
    "api-ready": "https://alpha.example.test/projects/a1/#milestone-api-ready",
}


def pgm(**options: Any) -> dict[str, Any]:
    """Plugin options of a test site: today pinned, no git history (the folders are no repositories)."""
    return {"today": TODAY, "history": False, **options}


def site_config(name: str, **options: Any) -> dict[str, Any]:
    return {"site_name": name.title(), "site_url": f"https://{name}.example.test/", "plugins": ["search", {"pgm": pgm(**options)}]}


def file_sources(*names: str) -> list[dict[str, str]]:
    """Sources read from the team sites' built pgm.json, by paths relative to the importing mkdocs.yml."""
    return [{"name": name, "url": f"../{name}/site/governance/pgm.json"} for name in names]


def article(html: str) -> str:
    """The page's content (without the navigation, which links every local page anyway)."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', html, re.DOTALL)
    assert match, "no article in the page"
    return match.group(1)


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', html))


def figures(html: str) -> dict[str, str]:
    """``data-pgm-graph`` -> the SVG of the figure."""
    found = re.findall(r'<figure class="pgm pgm-diagram[^"]*" data-pgm-graph="([^"]+)">.*?(<svg .*?</svg>).*?</figure>', html, re.DOTALL)
    return dict(found)


@dataclass
class Svg:
    root: ET.Element

    @classmethod
    def of(cls, text: str) -> Svg:
        return cls(ET.fromstring(text))

    def links(self) -> set[str]:
        return {a.get(f"{XLINK}href", "") for a in self.root.iter(f"{SVG}a") if a.get(f"{XLINK}href")}

    def texts(self) -> list[str]:
        return [t.text or "" for t in self.root.iter(f"{SVG}text")]

    def edges(self) -> dict[str, set[str]]:
        """Tooltip of each edge -> its classes."""
        found: dict[str, set[str]] = {}
        for g in self.root.iter(f"{SVG}g"):
            classes = set((g.get("class") or "").split())
            if "pgm-edge" in classes:
                for a in g.iter(f"{SVG}a"):
                    found[a.get(f"{XLINK}title", "")] = classes
        return found


def canonical_hash(document: Mapping[str, Any]) -> str:
    """The contract's content hash, computed here on its own: sha256 of the canonical JSON (sorted keys, no spaces,
    non-ASCII as is, UTF-8) of the document without ``generated`` and ``content_hash``."""
    content = {k: v for k, v in document.items() if k not in ("generated", "content_hash")}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify_hash(document: Mapping[str, Any]) -> None:
    assert document["content_hash"] == canonical_hash(document)


def with_hash(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with a content hash that matches it (after an edit)."""
    return {**document, "content_hash": canonical_hash(document)}


def no_traceback(site: BuiltSite) -> None:
    for record in site.records:
        assert record.exc_info is None, record.getMessage()[:300]
        assert "Traceback" not in record.getMessage(), record.getMessage()[:300]


def entity(document: Mapping[str, Any], ident: str) -> dict[str, Any]:
    (found,) = [e for e in document["entities"] if e["id"] == ident]
    return dict(found)


# ------------------------------------------------------------------------------- built once


@dataclass
class Federation:
    base: Path
    teams: dict[str, BuiltSite] = field(default_factory=dict)
    pmo: BuiltSite | None = None

    def pgm_json(self, name: str) -> dict[str, Any]:
        data: dict[str, Any] = self.teams[name].json("governance/pgm.json")
        return data


@pytest.fixture(scope="module")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Federation:
    """alpha, then beta (importing alpha), then gamma, then the PMO's site importing all three from files."""
    base = tmp_path_factory.mktemp("federation")
    build = SiteBuilder()
    fed = Federation(base)
    fed.teams["alpha"] = build(base / "alpha", ALPHA, site_config("alpha"))
    fed.teams["beta"] = build(base / "beta", BETA, site_config("beta", sources=file_sources("alpha")))
    fed.teams["gamma"] = build(base / "gamma", GAMMA, site_config("gamma"))
    fed.pmo = build(base / "pmo", PMO_PAGES, site_config("pmo", sources=file_sources(*NAMES)))
    return fed


@pytest.fixture(scope="module")
def pmo(federation: Federation) -> BuiltSite:
    assert federation.pmo is not None
    return federation.pmo


# ------------------------------------------------------------------------------- team sites


def test_team_sites_build_clean_and_publish_format_1_1(federation: Federation) -> None:
    for name in NAMES:
        site = federation.teams[name]
        assert site.warnings == [], name
        data = federation.pgm_json(name)
        assert data["version"] == "1.1"
        assert data["generated"]["site_url"] == f"https://{name}.example.test/"
        verify_hash(data)
        jsonschema.Draft202012Validator(strict(site.json("governance/pgm.schema.json"))).validate(data)
        own = sorted(e["id"] for e in data["entities"] if e["source"] is None and not e["virtual"])
        assert own == OWN[name]
        for ident in own:
            assert entity(data, ident)["url"] == HOME[ident]


def test_beta_imports_alpha_and_reports_the_conflict_at_its_own_page(federation: Federation) -> None:
    beta = federation.teams["beta"]
    assert f"INFO: mkdocs_pgm: docs/projects/b1.md:10: depends_on[0]: {CONFLICT}" in beta.logs
    loaded = [m for m in beta.logs if "Loaded" in m and "source" in m]
    assert len(loaded) == 1 and re.fullmatch(r"INFO: mkdocs_pgm: Loaded 1 sources? in \d+\.\d s: alpha \(3 entities\)", loaded[0]), loaded
    # alpha's entities are in beta's pgm.json, as alpha's, linking to alpha's site; no page of beta's is made for them.
    data = federation.pgm_json("beta")
    a1 = entity(data, "A1")
    assert (a1["source"], a1["url"], a1["path"]) == ("alpha", HOME["A1"], None)
    assert entity(data, "B1")["source"] is None
    assert not beta.path("projects/a1").exists() and not beta.path("alpha").exists()
    # B1's page: the dependency links to alpha's page, in the table and on the diagram.
    html = article(beta.html("projects/b1.md"))
    assert HOME["A1"] in hrefs(html)


@needs_dot
def test_beta_project_diagram_shows_the_remote_project(federation: Federation) -> None:
    html = federation.teams["beta"].html("projects/b1.md")
    svg = Svg.of(figures(html)["project:B1"])
    assert {HOME["A1"], "./"} <= svg.links()
    assert "Alpha API" in svg.texts() and "Beta checkout" in svg.texts()
    edge = svg.edges()["Beta checkout depends on Alpha API · finish-to-start"]
    assert "pgm-conflict" in edge


# ------------------------------------------------------------------------------- the PMO, from files


def test_pmo_builds_clean_and_says_what_it_loaded(pmo: BuiltSite) -> None:
    assert pmo.warnings == []
    no_traceback(pmo)
    loaded = [m for m in pmo.logs if "Loaded" in m and "source" in m]
    assert len(loaded) == 1
    assert re.fullmatch(
        r"INFO: mkdocs_pgm: Loaded 3 sources in \d+\.\d s: alpha \(3 entities\), beta \(3\), gamma \(4\)", loaded[0]
    ), loaded


def test_pmo_reports_the_cross_site_conflict_at_the_remote_page(pmo: BuiltSite) -> None:
    conflicts = [m for m in pmo.logs if "too early" in m]
    assert conflicts == [f"INFO: mkdocs_pgm: beta:projects/b1.md: depends_on[0]: {CONFLICT}"]


@pytest.mark.parametrize(("slug", "expected"), [
    ("governance/raid.md", ["R-A1", "R-A2", "R-B1", "R-G1", "A1", "B1", "G1"]),
    ("governance/decisions.md", ["DEC-A1", "DEC-B1", "DEC-G1", "A1", "B1", "PRG-GAMMA"]),  # the entry, its scope
    ("governance/roadmap.md", ["A1", "A2", "B1", "B2", "G1", "G2", "PRG-ALPHA", "PRG-BETA", "PRG-GAMMA", "api-ready"]),
    ("governance/catalog.md", ["A1", "A2", "B1", "B2", "G1", "G2", "PRG-ALPHA", "PRG-BETA", "PRG-GAMMA", "DEC-G1"]),
    # Risks above their program's threshold await escalation; the milestone is upcoming.
    ("governance/index.md", ["R-A1", "R-B1", "R-G1", "api-ready", "PRG-ALPHA", "PRG-BETA", "PRG-GAMMA"]),
    pytest.param("governance/dependencies.md", ["A1", "B1", "G1", "PRG-ALPHA", "PRG-BETA", "PRG-GAMMA"], marks=needs_dot),
])
def test_pmo_governance_pages_link_remote_entities_to_their_home_sites(pmo: BuiltSite, slug: str, expected: list[str]) -> None:
    html = pmo.html(slug)
    links = hrefs(article(html))
    missing = [ident for ident in expected if HOME[ident] not in links]
    assert missing == []
    # No relative link to a page that would be the remote entity's on this site.
    assert not [link for link in links if re.search(r"(^|/)(projects/(a|b|g)\d|programs/(alpha|beta|gamma)|decisions/0001-cloud)/", link)
                and not link.startswith("https://")]


def test_pmo_raid_register_shows_remote_titles(pmo: BuiltSite) -> None:
    html = article(pmo.html("governance/raid.md"))
    for title in ("Vendor API late", "Test data late", "PSP contract late", "Store network outage"):
        assert title in html


def test_pmo_makes_no_page_for_remote_entities(pmo: BuiltSite) -> None:
    for folder in ("projects/a1", "projects/b1", "projects/g1", "programs", "decisions", "alpha", "beta", "gamma"):
        assert not pmo.path(folder).exists(), folder
    assert pmo.path("projects/rollout/index.html").exists()
    # Nor a steering pack for a remote program (its own site has it).
    assert [p for p in pmo.site_dir.rglob("*") if re.search(r"alpha|beta|gamma|/a1\b", str(p.relative_to(pmo.site_dir)))] == []


def test_pmo_local_references_to_remote_entities(pmo: BuiltSite) -> None:
    html = article(pmo.html("projects/rollout.md"))
    assert HOME["A1"] in hrefs(html)  # [[A1]] in the body
    assert HOME["G1"] in hrefs(html)  # depends_on: [G1]


@needs_dot
def test_pmo_dependency_diagram_shows_the_cross_site_edge(pmo: BuiltSite) -> None:
    shown = figures(pmo.html("governance/dependencies.md"))
    svg = Svg.of(shown["portfolio"])
    assert {HOME["A1"], HOME["B1"], HOME["G1"]} <= svg.links()
    texts = svg.texts()
    assert "Alpha API" in texts and "Beta checkout" in texts
    edges = svg.edges()
    assert "pgm-conflict" in edges["Beta checkout depends on Alpha API · finish-to-start"]
    assert "Group rollout depends on Gamma stores · finish-to-start" in edges
    for text in shown.values():
        assert not re.search(r'href="(?!https://|\.\./|\./|#)', text)


def test_pmo_pgm_json_lists_remote_entities_with_source_and_url(pmo: BuiltSite) -> None:
    data = pmo.json("governance/pgm.json")
    assert data["version"] == "1.1"
    assert data["generated"]["site_url"] == "https://pmo.example.test/"
    verify_hash(data)
    jsonschema.Draft202012Validator(strict(pmo.json("governance/pgm.schema.json"))).validate(data)
    for name in NAMES:
        for ident in OWN[name]:
            found = entity(data, ident)
            assert (found["source"], found["url"], found["path"]) == (name, HOME[ident], None), ident
    rollout = entity(data, "ROLLOUT")
    assert (rollout["source"], rollout["url"]) == (None, "https://pmo.example.test/projects/rollout/")
    # beta's copy of alpha's entities is not taken: each entity once.
    ids = [e["id"] for e in data["entities"]]
    assert len(ids) == len(set(ids))
    risk = next(e for e in entity(data, "A1")["entries"] if e["id"] == "R-A1")
    assert risk["url"] == HOME["R-A1"]


def test_pmo_search_finds_remote_entities_on_the_catalog(pmo: BuiltSite) -> None:
    index = pmo.json("search/search_index.json")
    text = " ".join(d["text"] + " " + d["title"] for d in index["docs"] if d["location"].startswith("governance/catalog/"))
    for title in ("Alpha API", "Beta wallet", "Gamma tills", "Move the tills to the cloud"):
        assert title in text


# ------------------------------------------------------------------------------- id clash


def test_a_local_id_clashing_with_a_remote_one_names_both_places(federation: Federation, build_site: SiteBuilder) -> None:
    root = federation.base / "clash"
    mine = page("type: project", "id: A1", "title: My A1", "owner: Pia")
    user = page("type: project", "id: USER", "title: User", "owner: Pia", "depends_on: [A1]")
    site = build_site(root, {"projects/mine.md": mine, "projects/user.md": user}, site_config("clash", sources=file_sources("alpha")))
    clashes = [w for w in site.warnings if "is used twice" in w]
    assert len(clashes) == 1 and len(site.warnings) == 1, site.warnings
    assert "id 'A1' is used twice" in clashes[0]
    assert "the first, docs/projects/mine.md:3, is kept and references go to it; the other is at alpha:projects/a1.md" in clashes[0]
    # The local page is kept: references go to it (as with two local pages, both are still listed in the catalog).
    links = hrefs(article(site.html("projects/user.md")))
    assert "../mine/" in links and HOME["A1"] not in links
    assert HOME["A2"] in hrefs(article(site.html("governance/catalog.md")))


def test_remote_ids_clashing_across_sources_name_both_sources(federation: Federation, build_site: SiteBuilder) -> None:
    """alpha's pgm.json imported twice, under two names: the first listed is kept; every site-wide id clashes once."""
    twice = [*file_sources("alpha"), {"name": "alpha2", "url": "../alpha/site/governance/pgm.json"}]
    site = build_site(federation.base / "clash-remote", PMO_INDEX, site_config("clash-remote", sources=twice, diagrams=False))
    clashes = sorted(site.warnings)
    assert len(clashes) == len(site.warnings) == 6  # A1, A2, PRG-ALPHA and R-A1, R-A2, DEC-A1 (milestone ids are per page)
    assert (
        "mkdocs_pgm: alpha2:projects/a1.md: id: id 'A1' is used twice (ids are unique case-insensitively across the site and its "
        "sources); the first, alpha:projects/a1.md, is kept and references go to it; the other is at alpha2:projects/a1.md "
        "(see alpha:projects/a1.md)"
    ) in clashes
    assert (
        "mkdocs_pgm: alpha2:projects/a1.md: risks[0].id: id 'R-A1' is used twice (ids are unique case-insensitively across the site and "
        "its sources); the first, alpha:projects/a1.md, is kept and references go to it; the other is at alpha2:projects/a1.md "
        "(see alpha:projects/a1.md)"
    ) in clashes
    assert all(w.startswith("mkdocs_pgm: alpha2:") for w in clashes)


def test_a_remote_entity_may_depend_on_a_local_one(federation: Federation, build_site: SiteBuilder) -> None:
    """beta's B1 depends on A1; here A1 is a page of the importing site, ending 2027-03-15: B1 (2027-02-01) is 43 days early."""
    local = page("type: project", "id: A1", "title: Local A1", "owner: Pia", "start: 2026-10-01", "end: 2027-03-15")
    site = build_site(federation.base / "reverse", {"projects/a1.md": local}, site_config("reverse", sources=file_sources("beta")))
    assert site.warnings == []
    assert [m for m in site.logs if "too early" in m] == [
        "INFO: mkdocs_pgm: beta:projects/b1.md: depends_on[0]: B1 starts 2027-02-01, 43 days too early: "
        "it must start after A1 ends (2027-03-15); finish-to-start"
    ]
    html = article(site.html("projects/a1.md"))
    assert HOME["B1"] in hrefs(html)  # its dependents: beta's project, on beta's site


def test_links_without_urls_use_the_source_site_url(federation: Federation, build_site: SiteBuilder) -> None:
    """A pgm.json without any address (no site_url, no entity url): the source's site_url makes the links; without it, a warning."""
    data = copy.deepcopy(federation.pgm_json("gamma"))
    del data["content_hash"]
    data["generated"]["site_url"] = None
    for found in data["entities"]:
        found.pop("url")
        for entry in found["entries"]:
            entry.pop("url")
    root = federation.base / "no-address"
    root.mkdir()
    (root / "gamma.json").write_text(json.dumps(data), encoding="utf-8")
    source = {"name": "gamma", "url": "gamma.json", "site_url": "https://gamma.example.test/docs/"}
    site = build_site(root, PMO_INDEX, site_config("pmo", sources=[source], diagrams=False))
    assert site.warnings == []
    links = hrefs(article(site.html("governance/raid.md")))
    assert "https://gamma.example.test/docs/projects/g1/#risk-r-g1" in links
    del source["site_url"]
    site = build_site(root, PMO_INDEX, site_config("pmo", sources=[source], diagrams=False))
    assert site.warnings == [
        "mkdocs_pgm: source 'gamma' (gamma.json): 4 of its entities have no address to link to (its pgm.json has no site_url, "
        "and the source sets none): they are shown without links; set site_url on the source"
    ]
    html = article(site.html("governance/raid.md"))
    assert "Store network outage" in html and not [link for link in hrefs(html) if "g1" in link]


@pytest.mark.parametrize(("sources", "error"), [
    ([{"name": "bad name", "url": "x.json"}],
     "sources[0].name: expected a short name of letters, digits, '_', '.' or '-' (such as 'payments'), found 'bad name'"),
    ([{"name": "../up", "url": "x.json"}],
     "sources[0].name: expected a short name of letters, digits, '_', '.' or '-' (such as 'payments'), found '../up'"),
    ([{"name": "a", "url": "x.json"}, {"name": "A", "url": "y.json"}], "sources[1].name: 'A' names two sources (names are unique, case-insensitively)"),
    ([{"name": "a", "url": "file:///etc/passwd"}], "sources[0].url: only http:// and https:// URLs (or a path) are read, found 'file:///etc/passwd'"),
])
def test_bad_sources_stop_the_build_with_a_configuration_error(
    sources: list[dict[str, str]], error: str, tmp_path: Path, build_site: SiteBuilder,
) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(tmp_path, PMO_INDEX, {"plugins": [{"pgm": pgm(sources=sources)}]})
    assert build_site.last is not None
    assert build_site.last.logs == [f"ERROR: Config value 'plugins': Plugin 'pgm' option 'sources': {error}"]


# ------------------------------------------------------------------------------- hostile data


def test_hostile_remote_data_is_escaped_and_unsafe_urls_dropped(federation: Federation, build_site: SiteBuilder) -> None:
    """A pgm.json written by hand (format 1.1, no content hash) with markup in titles and a javascript: URL."""
    data = copy.deepcopy(federation.pgm_json("alpha"))
    del data["content_hash"]
    evil = "<script>alert(1)</script>"
    for found in data["entities"]:
        if found["id"] == "A1":
            found["title"] = found["front_matter"]["title"] = evil
            found["url"] = "javascript:alert(1)"
            for entry in found["entries"]:
                entry["title"] = entry["front_matter"]["title"] = f"<img src=x onerror=alert(2)> {entry['id']}"
                entry["url"] = "javascript:alert(2)"
    root = federation.base / "hostile"
    root.mkdir()
    (root / "evil.json").write_text(json.dumps(data), encoding="utf-8")
    site = build_site(root, PMO_INDEX, site_config("hostile", sources=[{"name": "evil", "url": "evil.json"}]))
    no_traceback(site)
    shown = 0
    for path in site.site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", text, re.IGNORECASE), path
        assert "<script>alert" not in text and "<img src=x" not in text, path
        shown += "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert shown >= 3  # the roadmap, the catalog, the RAID register... show the title, escaped
    # Without a usable url, the link is the source's site_url joined with the entity's path.
    assert HOME["A1"] in hrefs(article(site.html("governance/catalog.md")))


# ------------------------------------------------------------------------------- mkdocs-pgm check --sources


def check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, list[str], str]:
    status = main(["check", "-f", "mkdocs.yml", *args])  # run in root: files are shown as docs/...
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def write_site(root: Path, pages: Mapping[str, str], config: Mapping[str, Any]) -> None:
    import yaml

    for name, text in pages.items():
        target = root / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "Check", **config}, sort_keys=False), encoding="utf-8")


def test_check_sources_resolves_remote_ids(federation: Federation, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = federation.base / "check"
    wrong = page("type: project", "id: PMO-1", "owner: Pia", "depends_on: [A1, ALPHA-NOPE]")
    write_site(root, {"pmo.md": wrong}, site_config("check", sources=file_sources("alpha")))
    monkeypatch.chdir(root)
    status, out, _ = check(capsys, root, "--sources", "--strict")
    assert status == 1
    unknown = [line for line in out if "unknown id" in line]
    assert len(unknown) == 1 and unknown[0].startswith("docs/pmo.md:5: depends_on[1]: unknown id 'ALPHA-NOPE'"), unknown
    # Without --sources, alpha's ids are unknown too.
    status, out, _ = check(capsys, root, "--strict")
    assert status == 1
    assert [line.split(": unknown id ")[1].split("'")[1] for line in out if "unknown id" in line] == ["A1", "ALPHA-NOPE"]
    # A reference to a real alpha id only: clean with --sources, an unknown id without.
    (root / "docs" / "pmo.md").write_text(page("type: project", "id: PMO-1", "owner: Pia", "depends_on: [A1]"), encoding="utf-8")
    status, out, err = check(capsys, root, "--sources", "--strict")
    assert (status, out) == (0, []), err
    status, out, _ = check(capsys, root)
    assert status == 1 and any(line.startswith("docs/pmo.md:5: depends_on[0]: unknown id 'A1'") for line in out)


def test_check_sources_reports_a_source_fault_as_a_warning(
    federation: Federation, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = federation.base / "check-missing"
    ok = page("type: project", "id: PMO-1", "owner: Pia")
    write_site(root, {"pmo.md": ok}, site_config("check", sources=[{"name": "alpha", "url": "../nowhere/pgm.json"}]))
    monkeypatch.chdir(root)
    status, out, _ = check(capsys, root, "--sources")
    assert status == 0
    faults = [line for line in out if "source 'alpha'" in line]
    assert len(faults) == 1
    assert re.search(
        r"source 'alpha' \(\.\./nowhere/pgm\.json\): cannot read it: .+; no copy is kept in cache_dir: its entities are left out of this build",
        faults[0],
    ), faults
    assert faults[0].endswith("[warning]")
    status, _, _ = check(capsys, root, "--sources", "--strict")
    assert status == 1


# ------------------------------------------------------------------------------- over HTTP


class Server:
    """A local HTTP server of the team sites' pgm.json (``/NAME/pgm.json``), each with a mode:

    ``ok``; ``500``; ``404``; ``sleep`` (answers after ``sleep`` seconds, or as soon as the server stops);
    ``badjson``; ``v2`` (format version 2.0, a matching hash); ``notpgm`` (JSON, not a pgm.json);
    ``tampered`` (an edited title, the old hash); ``big`` (valid, padded past 1 MB); ``gzip`` (valid, compressed);
    ``bomb`` (valid, padded past 1 MB, compressed to a few kB). ``ok`` answers with an ``ETag`` and honours
    ``If-None-Match`` (304).
    """

    sleep = 3.0

    def __init__(self, documents: Mapping[str, bytes]) -> None:
        self.documents = dict(documents)
        self.modes: dict[str, str] = dict.fromkeys(documents, "ok")
        self.stopping = threading.Event()
        self.hits: dict[str, int] = dict.fromkeys(documents, 0)
        #: Answers "not modified" (304) given to an If-None-Match of the current ETag.
        self.not_modified: dict[str, int] = dict.fromkeys(documents, 0)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
                pass

            def do_GET(self) -> None:
                name = self.path.strip("/").split("/")[0]
                if name not in server.documents:
                    self.send_error(404)
                    return
                server.hits[name] += 1
                with contextlib.suppress(OSError):  # the client gave up (the timeout case)
                    self.answer(name, server.modes[name], server.documents[name])

            def answer(self, name: str, mode: str, body: bytes) -> None:
                headers = {"Content-Type": "application/json"}
                if mode in ("500", "404"):
                    self.send_error(int(mode))
                    return
                if mode == "ok":
                    headers["ETag"] = etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        server.not_modified[name] += 1
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.end_headers()
                        return
                if mode == "sleep":
                    if server.stopping.wait(server.sleep):
                        return
                elif mode == "badjson":
                    body = b'{"version": "1.1", "entities": [}'
                elif mode == "notpgm":
                    body = b'{"hello": "world"}'
                elif mode == "v2":
                    body = json.dumps(with_hash({**json.loads(body), "version": "2.0"})).encode("utf-8")
                elif mode == "tampered":
                    document = json.loads(body)
                    document["entities"][0]["title"] = "Edited on the way"
                    body = json.dumps(document).encode("utf-8")
                elif mode == "big":
                    body = b" " * (1024 * 1024 + 10) + body
                elif mode in ("gzip", "bomb"):
                    body = gzip.compress(body if mode == "gzip" else b" " * (8 * 1024 * 1024) + body)
                    headers["Content-Encoding"] = "gzip"
                self.send_response(200)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}/pgm.json"

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def server(federation: Federation) -> Iterator[Server]:
    documents = {name: federation.teams[name].path("governance/pgm.json").read_bytes() for name in NAMES}
    with pytest.MonkeyPatch.context() as patch, Server(documents) as running:
        for key in ("no_proxy", "NO_PROXY"):  # a proxy of the machine running the tests must not be asked for 127.0.0.1
            patch.setenv(key, "127.0.0.1,localhost")
        yield running


def http_config(server: Server, **options: Any) -> dict[str, Any]:
    sources = [{"name": name, "url": server.url(name)} for name in NAMES]
    # Diagrams off: these builds are about loading (the file tests cover the diagrams).
    return site_config("pmo", sources=sources, source_timeout=1, source_max_size=1, diagrams=False, **options)


@pytest.fixture(scope="module")
def http_pmo(federation: Federation, server: Server) -> Path:
    """A PMO site whose first build over HTTP succeeded: its cache_dir holds a copy of each source."""
    root = federation.base / "pmo-http"
    site = SiteBuilder()(root, PMO_INDEX, http_config(server))
    assert site.warnings == []
    return root


def test_http_sources_load_and_are_kept(http_pmo: Path, server: Server, federation: Federation) -> None:
    for name in NAMES:
        kept = http_pmo / ".cache" / "pgm" / "sources" / f"{name}.json"
        assert kept.read_bytes() == server.documents[name], name
    raid = hrefs(article((http_pmo / "site" / "governance" / "raid" / "index.html").read_text(encoding="utf-8")))
    assert {HOME["R-A1"], HOME["R-B1"], HOME["R-G1"]} <= raid


def test_an_unchanged_http_source_is_not_downloaded_again(http_pmo: Path, server: Server, build_site: SiteBuilder) -> None:
    before = dict(server.not_modified)
    site = build_site(http_pmo, PMO_INDEX, http_config(server))
    assert site.warnings == []
    assert {name: server.not_modified[name] - before[name] for name in NAMES} == dict.fromkeys(NAMES, 1)
    assert {HOME["R-A1"], HOME["R-B1"], HOME["R-G1"]} <= hrefs(article(site.html("governance/raid.md")))


def test_a_gzipped_source_is_read(federation: Federation, server: Server, build_site: SiteBuilder) -> None:
    server.modes["beta"] = "gzip"
    try:
        site = build_site(federation.base / "pmo-http-gzip", PMO_INDEX, http_config(server))
    finally:
        server.modes["beta"] = "ok"
    assert site.warnings == []
    assert HOME["R-B1"] in hrefs(article(site.html("governance/raid.md")))


#: The copy was fetched by the first build of the module (its age is exact in test_the_warning_says_how_old_the_copy_kept_is).
KEPT = r"; using the copy kept on \d{4}-\d\d-\d\d \d\d:\d\d UTC \((less than a minute|\d+ minutes?) old\)"
FAULTS = {
    "500": re.escape("HTTP error 500 (Internal Server Error)"),
    "404": re.escape("HTTP error 404 (Not Found)"),
    "sleep": re.escape("no answer within 1 s"),
    "badjson": r"not valid JSON: .+",
    "v2": re.escape("format version 2.0 is not supported (this mkdocs-pgm reads 1.x)"),
    "notpgm": r"not a pgm\.json \(.+\)",
    "tampered": re.escape("its content hash does not match its content (cut short or edited on the way?)"),
    "big": re.escape("larger than 1 MB"),
    "bomb": re.escape("larger than 1 MB"),  # counted as inflated, not as sent
}


@pytest.mark.parametrize("mode", list(FAULTS))
def test_a_failing_source_falls_back_to_the_copy_kept(mode: str, http_pmo: Path, server: Server, build_site: SiteBuilder) -> None:
    server.modes["alpha"] = mode
    try:
        site = build_site(http_pmo, PMO_INDEX, http_config(server))
    finally:
        server.modes["alpha"] = "ok"
    no_traceback(site)
    assert len(site.warnings) == 1, site.warnings
    expected = rf"mkdocs_pgm: source 'alpha' \({re.escape(server.url('alpha'))}\): {FAULTS[mode]}{KEPT}"
    assert re.fullmatch(expected, site.warnings[0]), site.warnings[0]
    # alpha's entities are still there, from the copy.
    raid = hrefs(article(site.html("governance/raid.md")))
    assert {HOME["R-A1"], HOME["R-A2"], HOME["R-B1"], HOME["R-G1"]} <= raid
    assert entity(site.json("governance/pgm.json"), "A1")["source"] == "alpha"


def test_a_failing_source_without_a_copy_is_left_out(federation: Federation, server: Server, build_site: SiteBuilder) -> None:
    server.modes["gamma"] = "500"
    try:
        site = build_site(federation.base / "pmo-http-cold", PMO_INDEX, http_config(server))
    finally:
        server.modes["gamma"] = "ok"
    no_traceback(site)
    assert site.warnings == [
        f"mkdocs_pgm: source 'gamma' ({server.url('gamma')}): HTTP error 500 (Internal Server Error); "
        "no copy is kept in cache_dir: its entities are left out of this build"
    ]
    raid = hrefs(article(site.html("governance/raid.md")))
    assert {HOME["R-A1"], HOME["R-B1"]} <= raid and HOME["R-G1"] not in raid
    dashboard = article(site.html("governance/index.md"))
    assert "<strong>left out, because: HTTP error 500 (Internal Server Error)</strong>" in dashboard
    ids = {e["id"] for e in site.json("governance/pgm.json")["entities"]}
    assert {"A1", "B1"} <= ids and not ids & {"G1", "G2", "PRG-GAMMA", "DEC-G1"}


def test_a_failing_source_fails_a_strict_build(http_pmo: Path, server: Server, build_site: SiteBuilder) -> None:
    from mkdocs.exceptions import Abort

    server.modes["beta"] = "500"
    try:
        with pytest.raises(Abort):
            build_site(http_pmo, PMO_INDEX, http_config(server), strict=True)
    finally:
        server.modes["beta"] = "ok"
    assert build_site.last is not None
    assert [w for w in build_site.last.warnings if "source 'beta'" in w] != []


def test_the_warning_says_how_old_the_copy_kept_is(http_pmo: Path, server: Server, build_site: SiteBuilder) -> None:
    meta = http_pmo / ".cache" / "pgm" / "sources" / "alpha.meta.json"
    before = meta.read_text(encoding="utf-8")
    fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(days=2, hours=3)
    meta.write_text(json.dumps({**json.loads(before), "fetched": fetched.isoformat()}), encoding="utf-8")
    server.modes["alpha"] = "500"
    try:
        site = build_site(http_pmo, PMO_INDEX, http_config(server))
    finally:
        server.modes["alpha"] = "ok"
        meta.write_text(before, encoding="utf-8")
    assert site.warnings == [
        f"mkdocs_pgm: source 'alpha' ({server.url('alpha')}): HTTP error 500 (Internal Server Error); "
        f"using the copy kept on {fetched:%Y-%m-%d %H:%M} UTC (2 days old)"
    ]
    # Readers see it too: a warning tile and the state of each source on the dashboard (and in pgm.json).
    dashboard = article(site.html("governance/index.md"))
    assert '<a href="#pgm-sources"><strong>1</strong> source not current</a>' in dashboard
    rows = re.findall(r"<tr[^>]*><td><code>(\w+)</code></td> <td>(.*?)</td> <td>(\d+)</td> <td>(.*?)</td> </tr>", dashboard)
    assert [(name, count) for name, _, count, _ in rows] == [("alpha", "3"), ("beta", "3"), ("gamma", "4")]
    assert rows[0][3] == (f"<strong>copy of {fetched:%Y-%m-%d %H:%M} UTC, because: HTTP error 500 (Internal Server Error)</strong>")
    assert rows[0][1] == '<a href="https://alpha.example.test/">https://alpha.example.test/</a>'
    assert [state for _, _, _, state in rows[1:]] == ["current", "current"]
    states = site.json("governance/pgm.json")["sources"]
    assert [(s["name"], s["fault"], s["kept"]) for s in states] == [
        ("alpha", "HTTP error 500 (Internal Server Error)", fetched.isoformat()), ("beta", None, None), ("gamma", None, None),
    ]
