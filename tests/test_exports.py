"""Build-time exports (``mkdocs_pgm.core.exports.formats``): pgm.json, milestones.ics, raid.csv, decisions.csv.

One fixture portfolio (two programs, three projects, decision pages with a
supersedes chain) holds hostile text: quotes, commas, semicolons, a newline,
cells starting with ``=``, ``+``, ``-`` and ``@``, and non-ASCII names. Every
expected value below is written out by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import jsonschema
import pytest

from mkdocs_pgm.core.analysis.findings import find
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.exports import formats as ex
from mkdocs_pgm.core.model.registry import Entity, Node, PageSource, Registry

from helpers import page, registry_of, strict

TODAY = dt.date(2026, 11, 21)
SITE = "https://pmo.example.org/docs/"
#: 56 ASCII characters after "SUMMARY:Checkout: " (18 octets) end at octet 74;
#: the two octets of "ë" would straddle octet 75, so the fold comes before it.
LONG = "Go live in all markets after the payments sign-off of Zoë and the café team"

PAGES = {
    "portfolio/index.md": page("type: portfolio", "id: PF", "title: Digital portfolio", "objectives: [Grow online sales]"),
    "programs/shop.md": page(
        "type: program", "id: PRG-SHOP", "title: Online shop", "owner: Olga", "portfolio: PF",
        "governance:",
        "  forums: [{name: Steering review, cadence: monthly, chair: Olga}, {name: 'Steering review; monthly'}]",
        "  escalation: [Program manager, Steering committee]",
        "  risk_threshold: 12",
        "benefits:",
        "  - {id: BEN-CONV, title: Higher conversion, kpi: conversion rate, baseline: 2, target: 3, actual: 2.5, unit: '%', due: 2027-06-30, owner: Olga, status: realizing}",
        "risks:",
        "  - {id: R-VENDOR, title: Vendor lock-in, probability: 2, impact: 3, owner: Olga}",
    ),
    "programs/data.md": page(
        "type: program", "id: PRG-DATA", "title: Data platform", "owner: Zoë Ødegård", "portfolio: PF",
        "assumptions:",
        "  - {id: A-CLOUD, title: Cloud discount applies, owner: Finance, status: validated}",
    ),
    "projects/checkout.md": page(
        "type: project", "id: CHK", "title: Checkout", "owner: Sofia", "program: PRG-SHOP", "status: active", "health: red",
        "start: 2026-07-01", "end: 2027-03-31", "baseline: {end: 2026-12-31, budget: 1000}",
        "budget: {planned: 1000, actual: 600}", "progress: 50",
        "contributes_to: [BEN-CONV]",
        "milestones:",
        "  - {id: pilot, title: Pilot, date: 2026-10-01, status: done}",
        f"  - {{id: go-live, title: '{LONG}', date: 2027-01-15}}",
        "  - {title: Undated review}",
        "risks:",
        "  - {id: R-PSP, title: PSP delay, probability: 4, impact: 4, owner: Sofia, mitigation: 'Second PSP, fallback; \"plan B\"'}",
        "  - {id: R-INJECT, title: \"=cmd()|' /C calc'!A0\", probability: 3, impact: 4, owner: '@attacker', escalated: 2026-11-01}",
        "issues:",
        "  - {id: I-REFUNDS, title: \"Refunds \\\"fail\\\", sometimes\\nsecond line\", owner: Sofia, raised: 2026-11-02, due: 2026-12-01, escalated: true}",
        "assumptions:",
        "  - {id: A-PSP, title: PSP keeps its fees, owner: '+Finance'}",
        "decisions:",
        "  - {id: DEC-CHK, title: Re-baseline the checkout, status: accepted, date: 2026-10-05, forum: 'Steering review; monthly', decision_makers: [Olga, Sofia]}",
        "depends_on:",
        "  - {id: SEARCH, note: 'Needs the \"new\" search, first'}",
    ),
    "projects/search.md": page(
        "type: project", "id: SEARCH", "title: Search", "owner: Sam", "program: PRG-SHOP", "status: planned",
        "start: 2026-03-01", "end: 2026-06-30",
        body="Feeds [[CHK]].\n",
    ),
    "projects/lake.md": page(
        "type: project", "id: LAKE", "title: Lakehouse", "owner: Lin", "program: PRG-DATA", "status: cancelled",
        "milestones:",
        "  - {id: M1, title: Landing zone, date: 2026-12-01}",
        "depends_on: [{id: 'CHK#go-live', type: informational}]",
    ),
    "decisions/0001-kafka.md": page(
        "type: decision", "id: DEC-0001", "title: Run Kafka ourselves", "status: superseded by DEC-0002", "date: 2025-05-01",
        "scope: PRG-DATA",
    ),
    "decisions/0002-managed.md": page(
        "type: decision", "id: DEC-0002", "title: Use managed streaming", "status: accepted", "date: 2026-02-01",
        "scope: LAKE", "supersedes: [DEC-0001]", "decision_makers: [Dan, Zoë Ødegård]", "consulted: [Lin]", "informed: [Finance, Ops]",
        "forum: Architecture board", "affects: [CHK]",
    ),
    "decisions/0003-slack.md": page(
        "type: decision", "id: DEC-0003", "title: '-1 day slack, +2 buffer'", "status: proposed", "date: 2026-12-10",
        "scope: PRG-SHOP", "forum: Steering review",
    ),
}


def url_of(node: Node) -> str | None:
    """What the host gives: ``projects/checkout/`` for ``projects/checkout.md``, ``#anchor`` for entries."""
    entity = node if isinstance(node, Entity) else node.owner
    path = (entity.src_uri[: -len(".md")] + "/").removesuffix("index/")
    return f"{path}#{node.anchor}" if node.anchor else path


@pytest.fixture(scope="module")
def registry() -> Registry:
    built = registry_of(PAGES)
    assert [str(d) for d in built.diagnostics] == []
    return built


def export(registry: Registry, site_url: str | None = SITE, **options: Any) -> str:
    analysis = analyze(registry)
    return ex.export_json(
        registry, analysis=analysis, findings=find(registry, TODAY, analysis=analysis), today=TODAY, currency="EUR",
        url_of=url_of, site_url=site_url, generator="mkdocs-pgm test", **options,
    )


def all_exports(registry: Registry, site_url: str | None = SITE) -> dict[str, str]:
    return {
        "pgm.json": export(registry, site_url),
        "milestones.ics": ex.export_ics(registry, today=TODAY, url_of=url_of, site_url=site_url),
        "raid.csv": ex.raid_csv(registry, url_of=url_of, site_url=site_url),
        "decisions.csv": ex.decisions_csv(registry, url_of=url_of, site_url=site_url),
    }


# --------------------------------------------------------------------------- raid.csv


RAID_CSV = (
    "\ufefftype,id,title,page,program,owner,status,probability,impact,score,threshold,escalate_to,mitigation,raised,due,escalated,depends_on,dependency_type,note,url\r\n"
    'risk,R-PSP,PSP delay,CHK,PRG-SHOP,Sofia,open,4,4,16,12,Program manager,"Second PSP, fallback; ""plan B""",,,,,,,projects/checkout/#risk-r-psp\r\n'
    "risk,R-INJECT,'=cmd()|' /C calc'!A0,CHK,PRG-SHOP,'@attacker,open,3,4,12,12,Steering committee,,,,2026-11-01,,,,projects/checkout/#risk-r-inject\r\n"
    "risk,R-VENDOR,Vendor lock-in,PRG-SHOP,PRG-SHOP,Olga,open,2,3,6,12,,,,,,,,,programs/shop/#risk-r-vendor\r\n"
    "assumption,A-PSP,PSP keeps its fees,CHK,PRG-SHOP,'+Finance,open,,,,,,,,,,,,,projects/checkout/#assumption-a-psp\r\n"
    "assumption,A-CLOUD,Cloud discount applies,PRG-DATA,PRG-DATA,Finance,validated,,,,,,,,,,,,,programs/data/#assumption-a-cloud\r\n"
    'issue,I-REFUNDS,"Refunds ""fail"", sometimes\nsecond line",CHK,PRG-SHOP,Sofia,open,,,,,,,2026-11-02,2026-12-01,true,,,,projects/checkout/#issue-i-refunds\r\n'
    'dependency,CHK->SEARCH,Checkout depends on Search,CHK,PRG-SHOP,Sofia,planned,,,,,,,,,,SEARCH,finish-to-start,"Needs the ""new"" search, first",projects/checkout/\r\n'
    f"dependency,LAKE->CHK#go-live,Lakehouse depends on Checkout: {LONG},LAKE,PRG-DATA,Lin,planned,,,,,,,,,,CHK#go-live,informational,,projects/lake/\r\n"
)


def test_raid_csv_exact(registry):
    assert ex.raid_csv(registry, url_of=url_of) == RAID_CSV


def test_raid_csv_reads_back_with_the_csv_module(registry):
    text = ex.raid_csv(registry, url_of=url_of, site_url=SITE)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert list(rows[0]) == list(ex.RAID_COLUMNS)
    issue = next(r for r in rows if r["id"] == "I-REFUNDS")
    assert issue["title"] == 'Refunds "fail", sometimes\nsecond line'
    assert issue["url"] == "https://pmo.example.org/docs/projects/checkout/#issue-i-refunds"
    assert [r["type"] for r in rows] == ["risk"] * 3 + ["assumption"] * 2 + ["issue"] + ["dependency"] * 2


# --------------------------------------------------------------------------- decisions.csv


DECISIONS_CSV = (
    "\ufeffid,title,status,date,scope,program,decision_makers,consulted,informed,forum,affects,supersedes,superseded_by,change_request,url\r\n"
    "DEC-0003,\"'-1 day slack, +2 buffer\",proposed,2026-12-10,PRG-SHOP,PRG-SHOP,,,,Steering review,,,,,https://pmo.example.org/docs/decisions/0003-slack/\r\n"
    "DEC-CHK,Re-baseline the checkout,accepted,2026-10-05,CHK,PRG-SHOP,Olga; Sofia,,,Steering review; monthly,,,,,https://pmo.example.org/docs/projects/checkout/#decision-dec-chk\r\n"
    "DEC-0002,Use managed streaming,accepted,2026-02-01,LAKE,PRG-DATA,Dan; Zoë Ødegård,Lin,Finance; Ops,Architecture board,CHK,DEC-0001,,,https://pmo.example.org/docs/decisions/0002-managed/\r\n"
    "DEC-0001,Run Kafka ourselves,superseded,2025-05-01,PRG-DATA,PRG-DATA,,,,,,,DEC-0002,,https://pmo.example.org/docs/decisions/0001-kafka/\r\n"
)


def test_decisions_csv_exact(registry):
    assert ex.decisions_csv(registry, url_of=url_of, site_url=SITE) == DECISIONS_CSV


def test_decisions_csv_change_requests_both_ways():
    registry = registry_of({
        "p.md": page(
            "type: project", "owner: A",
            "changes: [{id: CR-1, title: More time, decision: DEC-1}, {id: CR-2, title: More money}]",
            "decisions: [{id: DEC-1, title: Approved, status: accepted, date: 2026-01-01, change_request: CR-2}]",
        ),
    })
    rows = list(csv.DictReader(io.StringIO(ex.decisions_csv(registry, url_of=url_of).removeprefix("\ufeff"), newline="")))
    assert [(r["id"], r["change_request"], r["url"]) for r in rows] == [("DEC-1", "CR-1; CR-2", "p/#decision-dec-1")]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 555", "'+31 20 555"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("Zoë", "Zoë"),
        (None, ""),
        (True, "true"),
        (dt.date(2026, 1, 2), "2026-01-02"),
        (["=a", "b"], "'=a; b"),
    ],
)
def test_csv_cells_defuse_formulas(value, cell):
    assert ex._cell(value) == cell


# --------------------------------------------------------------------------- milestones.ics


def events(text: str) -> dict[str, str]:
    """UID -> the VEVENT block as written (folded, CRLF)."""
    found = {}
    for block in text.split("BEGIN:VEVENT\r\n")[1:]:
        block = "BEGIN:VEVENT\r\n" + block[: block.index("END:VEVENT\r\n")] + "END:VEVENT\r\n"
        uid = next(line for line in block.split("\r\n") if line.startswith("UID:"))[4:]
        found[uid] = block
    return found


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_ics_header_and_event_order(registry):
    text = ex.export_ics(registry, today=TODAY, url_of=url_of, site_url=SITE, calendar_name="PMO, dates; Zoë")
    assert text.startswith(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mkdocs-pgm//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
        "X-WR-CALNAME:PMO\\, dates\\; Zoë\r\nNAME:PMO\\, dates\\; Zoë\r\n"
        "REFRESH-INTERVAL;VALUE=DURATION:P1D\r\nX-PUBLISHED-TTL:P1D\r\nBEGIN:VEVENT\r\n"
    )
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    lines = unfold(text)
    # Dated milestones (the undated one is left out), decisions with a forum
    # (DEC-0001 has none), benefit due dates; by date, then UID.
    assert [(line[4:]) for line in lines if line.startswith("UID:")] == [
        "decision-dec-0002@pmo.example.org",
        "milestone-chk/pilot@pmo.example.org",
        "decision-dec-chk@pmo.example.org",
        "milestone-lake/m1@pmo.example.org",
        "decision-dec-0003@pmo.example.org",
        "milestone-chk/go-live@pmo.example.org",
        "benefit-ben-conv@pmo.example.org",
    ]
    assert [line for line in lines if line.startswith("STATUS:")] == [
        "STATUS:CONFIRMED", "STATUS:CONFIRMED", "STATUS:CONFIRMED",
        "STATUS:CANCELLED",  # a milestone of a cancelled project
        "STATUS:TENTATIVE",  # a proposed decision
        "STATUS:CONFIRMED", "STATUS:TENTATIVE",  # a benefit not yet realized
    ]
    assert {line for line in lines if line.startswith("DTSTAMP:")} == {"DTSTAMP:20261121T000000Z"}


def test_ics_milestone_event_folded_at_75_octets(registry):
    text = ex.export_ics(registry, today=TODAY, url_of=url_of, site_url=SITE)
    assert events(text)["milestone-chk/go-live@pmo.example.org"] == (
        "BEGIN:VEVENT\r\n"
        "UID:milestone-chk/go-live@pmo.example.org\r\n"
        "DTSTAMP:20261121T000000Z\r\n"
        "DTSTART;VALUE=DATE:20270115\r\n"
        "DTEND;VALUE=DATE:20270116\r\n"
        "SUMMARY:Checkout: Go live in all markets after the payments sign-off of Zo\r\n"
        " ë and the café team\r\n"
        "DESCRIPTION:Milestone CHK#go-live: planned\\nProject: Checkout (CHK)\\, owner\r\n"
        "  Sofia\\, active\\nProgram: Online shop (PRG-SHOP)\\nhttps://pmo.example.org/\r\n"
        " docs/projects/checkout/#milestone-go-live\r\n"
        "STATUS:CONFIRMED\r\n"
        "CATEGORIES:Milestone,PRG-SHOP\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "URL:https://pmo.example.org/docs/projects/checkout/#milestone-go-live\r\n"
        "END:VEVENT\r\n"
    )
    summary = "SUMMARY:Checkout: Go live in all markets after the payments sign-off of Zo"
    assert len(summary.encode("utf-8")) == 74  # "ë" (2 octets) would have made it 76


def test_ics_decision_event_escapes_text(registry):
    text = ex.export_ics(registry, today=TODAY, url_of=url_of, site_url=SITE)
    assert events(text)["decision-dec-chk@pmo.example.org"] == (
        "BEGIN:VEVENT\r\n"
        "UID:decision-dec-chk@pmo.example.org\r\n"
        "DTSTAMP:20261121T000000Z\r\n"
        "DTSTART;VALUE=DATE:20261005\r\n"
        "DTEND;VALUE=DATE:20261006\r\n"
        "SUMMARY:Steering review\\; monthly: Re-baseline the checkout\r\n"
        "DESCRIPTION:Decision DEC-CHK: accepted\\nTaken at: Steering review\\; monthly\r\n"
        " \\nScope: Checkout (CHK)\\nProgram: Online shop (PRG-SHOP)\\nDecision makers:\r\n"
        "  Olga\\, Sofia\\nhttps://pmo.example.org/docs/projects/checkout/#decision-de\r\n"
        " c-chk\r\n"
        "STATUS:CONFIRMED\r\n"
        "CATEGORIES:Decision,PRG-SHOP\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "URL:https://pmo.example.org/docs/projects/checkout/#decision-dec-chk\r\n"
        "END:VEVENT\r\n"
    )


def test_ics_without_site_url_has_no_url_and_a_default_uid_host(registry):
    text = ex.export_ics(registry, today=TODAY, url_of=url_of)
    lines = unfold(text)
    assert "X-WR-CALNAME:Milestones and governance dates" in lines
    assert not any(line.startswith("URL:") for line in lines)
    assert "UID:benefit-ben-conv@mkdocs-pgm" in lines
    assert (
        "DESCRIPTION:Benefit BEN-CONV: realizing\\nProgram: Online shop (PRG-SHOP)\\n"
        "KPI: conversion rate (baseline 2 %\\, target 3 %\\, actual 2.5 %)\\nOwner: Olga"
    ) in lines
    # The UID does not depend on the date or the title: only on the id and the host.
    assert "UID:milestone-chk/go-live@mkdocs-pgm" in lines


def test_ics_lines_are_crlf_and_at_most_75_octets(registry):
    text = ex.export_ics(registry, today=TODAY, url_of=url_of, site_url=SITE)
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line


@pytest.mark.parametrize(
    ("line", "folded"),
    [
        ("A" * 75, "A" * 75),
        ("A" * 76, "A" * 75 + "\r\n A"),
        ("A" * 73 + "é", "A" * 73 + "é"),  # 75 octets: fits exactly
        ("A" * 74 + "é", "A" * 74 + "\r\n é"),  # never split a character
        ("A" * 74 + "€x", "A" * 74 + "\r\n €x"),  # three octets
        ("A" * 75 + "B" * 74 + "C", "A" * 75 + "\r\n " + "B" * 74 + "\r\n C"),  # continuation: 1 + 74
    ],
)
def test_fold(line, folded):
    assert ex.fold(line) == folded
    assert folded.replace("\r\n ", "") == line


def test_ics_text_escaping():
    assert ex._ics_text('a\\b;c,d\ne\r\nf\rg"h\x07') == 'a\\\\b\\;c\\,d\\ne\\nf\\ng"h'


def test_ics_uid_is_stable_across_builds_and_dates():
    before = registry_of({"p.md": page("type: project", "owner: A", "milestones: [{id: M1, title: One, date: 2026-01-01}]")})
    after = registry_of({"p.md": page("type: project", "owner: A", "milestones: [{id: M1, title: Renamed, date: 2026-03-01}]")})
    uids = [
        [line for line in unfold(ex.export_ics(r, today=day, url_of=url_of, site_url="https://x.example.com:8443/a/")) if line.startswith("UID:")]
        for r, day in ((before, TODAY), (after, TODAY + dt.timedelta(days=3)))
    ]
    assert uids == [["UID:milestone-p/m1@x.example.com"]] * 2


# --------------------------------------------------------------------------- pgm.json




def test_schema_is_valid_draft_2020_12():
    schema = ex.export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == ex.SCHEMA_ID == "https://mkdocs-pgm.invalid/schema/export-v1.json"


@pytest.mark.parametrize("site_url", [SITE, None])
def test_json_validates_against_its_schema(registry, site_url):
    document = json.loads(export(registry, site_url))
    jsonschema.Draft202012Validator(strict(ex.export_schema()), format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["$schema"] == ex.SCHEMA_ID
    assert document["version"] == ex.EXPORT_VERSION == "1.1"
    assert document["generated"] == {"today": "2026-11-21", "generator": "mkdocs-pgm test", "currency": "EUR", "site_url": site_url}


def test_json_also_validates_for_a_site_with_problems():
    registry = registry_of({
        "a.md": page("type: project", "id: A", "owner: X", "status: unknown", "depends_on: [NOPE]"),
        "b.md": page("type: project", "id: a", "owner: X", "milestones: [{title: M, date: 2020-01-01}]"),
        "c.md": page("type: decision", "status: superseded", "date: 2026-01-01"),
    })
    document = json.loads(export(registry))
    jsonschema.Draft202012Validator(strict(ex.export_schema())).validate(document)
    assert {d["code"] for d in document["diagnostics"]} >= {"duplicate-id", "unknown-id", "superseded"}
    assert [f["rule"] for f in document["findings"]] == ["overdue-milestone"]
    # The implicit portfolio of a site without one is exported, without a page.
    portfolio = next(e for e in document["entities"] if e["type"] == "portfolio")
    assert (portfolio["id"], portfolio["virtual"], portfolio["path"], portfolio["src_uri"]) == ("PORTFOLIO", True, None, None)


def entity(document: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(e for e in document["entities"] if e["id"] == ident)


def test_json_entities_relations_and_kpis(registry):
    document = json.loads(export(registry))
    assert [e["id"] for e in document["entities"]] == [
        "CHK", "DEC-0001", "DEC-0002", "DEC-0003", "LAKE", "PF", "PRG-DATA", "PRG-SHOP", "SEARCH",
    ]
    chk = entity(document, "CHK")
    assert {k: chk[k] for k in ("type", "title", "status", "health", "virtual", "src_uri", "path", "url")} == {
        "type": "project", "title": "Checkout", "status": "active", "health": "red", "virtual": False,
        "src_uri": "projects/checkout.md", "path": "projects/checkout/", "url": "https://pmo.example.org/docs/projects/checkout/",
    }
    assert chk["relations"] == {
        "program": "PRG-SHOP", "portfolio": None, "scope": None, "projects": [], "programs": [],
        "depends_on": [{"id": "SEARCH", "type": "finish-to-start", "note": 'Needs the "new" search, first'}],
        "dependency_of": [],
        "supersedes": [], "superseded_by": [],
        "affects": [], "affected_by": ["DEC-0002"],
        "decisions": ["DEC-CHK"],
        "contributes_to": ["BEN-CONV"], "contributors": [],
        "changes_settled": [], "settled_by": [],
        "referenced_by": ["SEARCH"],
    }
    # Front matter as validated: snake_case, dates ISO, defaults filled in; nested lists are in "entries".
    assert chk["front_matter"]["baseline"] == {"end": "2026-12-31", "budget": 1000.0}
    assert chk["front_matter"]["start"] == "2026-07-01"
    assert "milestones" not in chk["front_matter"] and "risks" not in chk["front_matter"]
    kpis = {k["key"]: k for k in chk["kpis"]}
    assert list(kpis) == ["schedule_variance", "cost_variance", "milestone_on_time", "budget_adherence", "benefits_realization"]
    assert kpis["schedule_variance"] == {
        "key": "schedule_variance", "label": "Schedule variance", "value": 90, "unit": "days", "display": "+90 days",
        "rating": "bad", "inputs": "end 2027-03-31 against baseline end 2026-12-31", "sources": ["CHK"],
    }
    assert (kpis["cost_variance"]["value"], kpis["cost_variance"]["display"]) == (100.0, "+100 EUR (+20 %)")
    assert (kpis["benefits_realization"]["value"], kpis["benefits_realization"]["sources"]) == (50.0, ["BEN-CONV"])

    shop = entity(document, "PRG-SHOP")
    assert (shop["relations"]["portfolio"], shop["relations"]["projects"], shop["health"]) == ("PF", ["CHK", "SEARCH"], "red")
    risk_index = next(k for k in shop["kpis"] if k["key"] == "risk_index")
    assert (risk_index["value"], risk_index["display"]) == (26.0, "26")  # 3.6 + 12.8 + 9.6
    assert entity(document, "PF")["relations"]["programs"] == ["PRG-DATA", "PRG-SHOP"]
    assert entity(document, "DEC-0001")["relations"]["superseded_by"] == ["DEC-0002"]
    dec2 = entity(document, "DEC-0002")["relations"]
    assert (dec2["supersedes"], dec2["affects"], dec2["scope"], dec2["program"]) == (["DEC-0001"], ["CHK"], "LAKE", "PRG-DATA")
    assert entity(document, "DEC-0002")["kpis"] == []
    assert entity(document, "SEARCH")["relations"]["dependency_of"] == [
        {"id": "CHK", "type": "finish-to-start", "note": 'Needs the "new" search, first'},
    ]


def test_json_entries(registry):
    document = json.loads(export(registry))
    entries = {e["ref_id"]: e for e in entity(document, "CHK")["entries"]}
    assert list(entries) == [
        "CHK#pilot", "CHK#go-live", "CHK#undated-review", "DEC-CHK", "R-PSP", "R-INJECT", "A-PSP", "I-REFUNDS",
    ]
    go_live = entries["CHK#go-live"]
    assert {k: v for k, v in go_live.items() if k != "relations"} == {
        "kind": "milestone", "id": "go-live", "ref_id": "CHK#go-live", "key": "CHK#go-live", "anchor": "milestone-go-live",
        "title": LONG, "status": "planned", "page": "CHK", "program": "PRG-SHOP",
        "path": "projects/checkout/#milestone-go-live", "url": "https://pmo.example.org/docs/projects/checkout/#milestone-go-live",
        "front_matter": {"id": "go-live", "title": LONG, "date": "2027-01-15", "status": "planned"},
    }
    assert go_live["relations"]["dependency_of"] == [{"id": "LAKE", "type": "informational", "note": None}]
    assert entries["R-INJECT"]["risk"] == {
        "score": 12, "threshold": 12, "above_threshold": True, "escalated": True, "escalate_to": "Steering committee",
    }
    assert entries["R-INJECT"]["front_matter"]["escalated"] == "2026-11-01"
    benefit = next(e for e in entity(document, "PRG-SHOP")["entries"] if e["kind"] == "benefit")
    assert (benefit["ref_id"], benefit["realization"], benefit["relations"]["contributors"]) == ("BEN-CONV", 50.0, ["CHK"])


def test_json_schedule_and_text_format(registry):
    text = export(registry)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert '"owner": "Zoë Ødegård"' in text  # not \u-escaped
    lines = text.split("\n")
    document = json.loads(text)
    assert lines[:7] == [
        "{",
        '  "$schema": "https://mkdocs-pgm.invalid/schema/export-v1.json",',
        '  "version": "1.1",',
        f'  "content_hash": "{ex.content_hash(document)}",',
        '  "generated": {"today": "2026-11-21", "generator": "mkdocs-pgm test", "currency": "EUR", "site_url": "https://pmo.example.org/docs/"},',
        '  "sources": [],',
        '  "entities": [',
    ]
    # One entity per line, so that a diff between two builds names the entities that changed.
    assert lines[7].startswith('    {"id": "CHK", "type": "project", "title": "Checkout", ') and lines[7].endswith("},")
    assert lines[16] == "  ],"
    assert lines[-4:] == ["  ],", '  "diagnostics": []', "}", ""]
    assert list(document) == ["$schema", "version", "content_hash", "generated", "sources", "entities", "schedule", "people", "findings", "diagnostics"]
    assert document["schedule"]["critical_paths"] == {"*": ["SEARCH", "CHK"], "PRG-DATA": [], "PRG-SHOP": ["SEARCH", "CHK"]}
    assert document["schedule"]["conflicts"] == []
    assert document["schedule"]["blast_radius"] == {"CHK": []}
    assert [(f["rule"], f["target"]) for f in document["findings"]] == [
        ("past-end", "SEARCH"), ("unmanaged-risk", "R-INJECT"),
    ]


def test_json_without_site_url_has_paths_only(registry):
    document = json.loads(export(registry, site_url=None))
    chk = entity(document, "CHK")
    assert "url" not in chk and chk["path"] == "projects/checkout/"
    assert all("url" not in entry for entry in chk["entries"])


def test_json_has_no_non_finite_numbers():
    # Validation leaves .inf and .nan out (with a warning), so strict JSON never sees them.
    registry = registry_of({"p.md": page("type: project", "owner: A", "kpis: [{name: Uptime, target: .inf, actual: .nan}]")})
    document = json.loads(export(registry), parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))
    assert entity(document, "P")["front_matter"]["kpis"] == [{"name": "Uptime"}]


# --------------------------------------------------------------------------- determinism and paths


def test_every_export_is_deterministic(registry):
    first = all_exports(registry)
    assert all_exports(registry) == first
    reordered = Registry.build(
        [PageSource(src_uri, src_uri, text) for src_uri, text in reversed(list(PAGES.items()))]
    )
    assert all_exports(reordered) == first


def test_no_absolute_path_of_the_build_machine_leaks():
    pages = dict(PAGES)
    pages["projects/copy.md"] = page("type: project", "id: chk", "owner: X")  # duplicate id: message names both files
    pages["notes/broken.md"] = "---\ntype: [unclosed\n---\n"  # YAML error on a page without a type
    pages["projects/typo.md"] = page("type: project", "owner: X", "stauts: active")
    sources = [PageSource(src_uri, f"/tmp/abs/docs/{src_uri}", text) for src_uri, text in pages.items()]
    # A file outside the docs folder, which no page locates: its path is dropped.
    sources.append(PageSource("elsewhere.md", "/srv/other/elsewhere.md", "---\ntype: project\nowner: [\n---\n"))
    registry = Registry.build(sources)
    assert any("/tmp/abs/docs/" in str(d) for d in registry.diagnostics)  # what the log shows
    outputs = all_exports(registry)
    for name, text in outputs.items():
        assert "/tmp/abs" not in text, name
        assert "/srv/other" not in text, name
    document = json.loads(outputs["pgm.json"])
    files = {d["file"] for d in document["diagnostics"]}
    assert {"projects/copy.md", "notes/broken.md", "projects/typo.md", None} <= files
    duplicate = next(d for d in document["diagnostics"] if d["code"] == "duplicate-id" and d["file"] == "projects/copy.md")
    assert "the first, projects/checkout.md:" in duplicate["message"]
    assert duplicate["related"][0]["file"] == "projects/checkout.md"
    assert {e["src_uri"] for e in document["entities"]} >= {"projects/checkout.md", "projects/copy.md"}


def test_docs_dir_makes_paths_relative_when_no_page_names_it():
    registry = Registry.build([PageSource("x.md", "/tmp/abs/docs/x.md", "---\ntype: [\n---\n")])
    assert json.loads(export(registry))["diagnostics"][0]["file"] is None
    document = json.loads(export(registry, docs_dir="/tmp/abs/docs"))
    assert document["diagnostics"][0]["file"] == "x.md"


def test_paths_are_relative_to_the_docs_folder_whatever_the_working_directory(registry):
    # The host shows "docs/x.md" when it builds from the project folder, "/abs/docs/x.md" from
    # elsewhere: the export is the same text either way.
    texts = []
    for prefix in ("docs/", "/srv/build/site/docs/"):
        sources = [PageSource(src_uri, f"{prefix}{src_uri}", text) for src_uri, text in PAGES.items()]
        texts.append(export(Registry.build(sources)))
    assert texts[0] == texts[1]
    assert json.loads(texts[0])["findings"][0]["file"] == "projects/search.md"


def test_windows_paths_are_made_relative_to_the_docs_folder():
    registry = Registry.build([
        PageSource("x/a.md", "C:\\site\\docs\\x\\a.md", page("type: project", "id: A", "owner: X")),
        PageSource("x/b.md", "C:\\site\\docs\\x\\b.md", page("type: project", "id: a", "owner: X")),
    ])
    document = json.loads(export(registry))
    # One diagnostic per duplicated id, at its second use, naming the first (message and related place).
    assert [(d["file"], d["related"][0]["file"]) for d in document["diagnostics"]] == [("x/b.md", "x/a.md")]
    assert "a.md:3, is kept" in document["diagnostics"][0]["message"]
    assert "C:" not in json.dumps(document)


def test_ics_leaves_out_an_event_whose_uid_repeats():
    registry = registry_of({
        "a.md": page("type: project", "id: P", "owner: X", "milestones: [{id: M1, title: First, date: 2026-01-01}]"),
        "b.md": page("type: project", "id: p", "owner: X", "milestones: [{id: m1, title: Second, date: 2026-01-01}]"),
    })
    lines = unfold(ex.export_ics(registry, today=TODAY, url_of=url_of))
    assert [line for line in lines if line.startswith(("UID:", "SUMMARY:"))] == ["UID:milestone-p/m1@mkdocs-pgm", "SUMMARY:P: First"]


def test_ics_without_dated_entries_is_an_empty_calendar():
    registry = registry_of({"a.md": page("type: project", "owner: X", "milestones: [{title: Someday}]")})
    text = ex.export_ics(registry, today=TODAY, url_of=url_of)
    assert "BEGIN:VEVENT" not in text and text.endswith("X-PUBLISHED-TTL:P1D\r\nEND:VCALENDAR\r\n")
