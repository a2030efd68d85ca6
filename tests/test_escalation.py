"""Tiered escalation: the one rule (rules.escalation_of), its diagnostics, and where the site shows it.

The fixture portfolio, by hand:

* PF's path: [Portfolio board, Executive committee], threshold 16.
* PRG-ECOM, owner Dana Whitfield, path [Project manager, Dana Whitfield, Steering review],
  threshold 12. "Project manager" comes before the owner: project-level. A project's entry at
  12 or more goes to Dana Whitfield; past Steering review, to the portfolio's path.
* PRG-OPS, owner Olga (not on its path), path [Project manager, Project board, Program office,
  Steering]; no threshold of its own, so the portfolio's 16 applies. The two leading steps
  mention "project": a project's entry goes to Program office.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest

from mkdocs_pgm.core.analysis import registers as reg
from mkdocs_pgm.core.i18n import locale_for
from mkdocs_pgm.core.model import rules

from conftest import SiteBuilder
from helpers import messages, page, registry_of, strict

PAGES = {
    "index.md": page(
        "type: portfolio", "id: PF", "title: Digital portfolio", "owner: Margaret Osei",
        "governance:",
        "  forums: [{name: Portfolio board, cadence: quarterly, chair: Margaret Osei}]",
        "  escalation: [Portfolio board, Executive committee]",
        "  risk_threshold: 16",
    ),
    "programs/ecom.md": page(
        "type: program", "id: PRG-ECOM", "title: E-commerce", "portfolio: PF", "owner: Dana Whitfield",
        "governance:",
        "  escalation: [Project manager, Dana Whitfield, Steering review]",
        "  risk_threshold: 12",
        "risks:",
        "  - {id: R-PRG, title: Vendor insolvency, probability: 4, impact: 4, owner: Dana Whitfield}",
        "  - {id: R-PRG-SR, title: Budget cut, probability: 4, impact: 5, escalated: Steering review}",
    ),
    "programs/ops.md": page(
        "type: program", "id: PRG-OPS", "title: Operations", "portfolio: PF", "owner: Olga",
        "governance:",
        "  escalation: [Project manager, Project board, Program office, Steering]",
    ),
    "projects/shop.md": page(
        "type: project", "id: SHOP", "title: Shop", "owner: Sam", "program: PRG-ECOM",
        "risks:",
        "  - {id: R-LOW, title: Below, probability: 3, impact: 3}",
        "  - {id: R-AT, title: At the threshold, probability: 3, impact: 4, owner: Sam, mitigation: a second supplier}",
        "  - {id: R-TRUE, title: Escalated, probability: 4, impact: 4, escalated: true}",
        "  - {id: R-DATE, title: Escalated on a date, probability: 4, impact: 4, escalated: 2026-10-24}",
        "  - {id: R-STEP, title: At the steering review, probability: 4, impact: 4, escalated: steering review}",
        "  - {id: R-TOP, title: At the top, probability: 5, impact: 5, escalated: Executive committee}",
        "  - {id: R-PM, title: Only told the PM, probability: 4, impact: 4, escalated: Project manager}",
        "  - {id: R-BAD, title: Misspelt step, probability: 4, impact: 4, escalated: Steering reviw}",
        "  - {id: R-CLOSED, title: Closed, probability: 5, impact: 5, status: closed}",
        "issues:",
        "  - {id: I-HIGH, title: Refunds fail, impact: 3, status: in-progress, owner: Sam}",
        "  - {id: I-LOW, title: Typo on a page, impact: 2}",
        "  - {id: I-DONE, title: Outage, impact: 5, status: resolved}",
        "  - {id: I-STEP, title: Payments down, impact: 4, escalated: Dana Whitfield}",
    ),
    "projects/depot.md": page(
        "type: project", "id: DEPOT", "title: Depot", "owner: Ines", "program: PRG-OPS",
        "risks:",
        "  - {id: R-OPS, title: Forklift shortage, probability: 4, impact: 4}",
        "  - {id: R-OPS-LOW, title: Minor, probability: 3, impact: 5}",
    ),
    "projects/solo.md": page(
        "type: project", "id: SOLO", "title: Solo", "owner: Ana",
        "risks:",
        "  - {id: R-SOLO, title: Alone, probability: 5, impact: 5, escalated: Board}",
    ),
}


@pytest.fixture(scope="module")
def registry():
    return registry_of(PAGES)


def node(registry, ident):
    found = registry.resolve(ident)
    assert found is not None, ident
    return found


def where(registry, ident):
    """(step, holder id, reason, at, escalated, above, score, threshold) of the rule's answer."""
    e = rules.escalation_of(node(registry, ident))
    return (e.step, e.holder_id, e.reason, e.current, e.escalated, e.above, e.score, e.threshold)


def test_project_risk_below_and_at_the_threshold(registry):
    # 3 × 3 = 9 < 12: not above; it would still go to the program owner.
    assert where(registry, "R-LOW") == ("Dana Whitfield", "PRG-ECOM", "owner", None, False, False, 9, 12)
    # 3 × 4 = 12 ≥ 12: to the program owner, not to the project manager before him.
    assert where(registry, "R-AT") == ("Dana Whitfield", "PRG-ECOM", "owner", None, False, True, 12, 12)
    assert where(registry, "R-CLOSED")[5] is False  # closed: never above


def test_escalated_true_date_and_step(registry):
    # true and a date: at the first step it had to go to (Dana Whitfield); next, the steering review.
    assert where(registry, "R-TRUE") == ("Steering review", "PRG-ECOM", "next", "Dana Whitfield", True, True, 16, 12)
    assert where(registry, "R-DATE") == ("Steering review", "PRG-ECOM", "next", "Dana Whitfield", True, True, 16, 12)
    # A step, in any case: the last of the program's path, so on to the portfolio's first step.
    assert where(registry, "R-STEP") == ("Portfolio board", "PF", "portfolio", "Steering review", True, True, 16, 12)
    # The portfolio's last step: nowhere further.
    assert where(registry, "R-TOP") == (None, None, "top", "Executive committee", True, True, 25, 12)
    # A project-level step is not the program: still to be escalated to Dana Whitfield.
    assert where(registry, "R-PM") == ("Dana Whitfield", "PRG-ECOM", "owner", "Project manager", False, True, 16, 12)


def test_unknown_step_is_a_diagnostic_and_counts_as_true(registry):
    assert messages(registry, "escalation") == [
        "projects/shop.md:15: risks[7].escalated: 'Steering reviw' is not a step of the escalation path of PRG-ECOM and its portfolio PF"
        " (did you mean 'Steering review'?); expected true, a date or one of 'Project manager', 'Dana Whitfield', 'Steering review',"
        " 'Portfolio board', 'Executive committee'; it counts as true",
        "projects/solo.md:7: risks[0].escalated: 'Board' is not a step of an escalation path: SOLO has none; expected true or a date",
    ]
    assert [d.severity for d in registry.diagnostics if d.code == "escalation"] == ["warning", "warning"]
    assert where(registry, "R-BAD") == ("Steering review", "PRG-ECOM", "next", "Dana Whitfield", True, True, 16, 12)
    # A standalone project has no threshold and no path.
    assert where(registry, "R-SOLO") == (None, None, "none", None, True, False, 25, None)


def test_program_risks_go_above_the_program_owner(registry):
    # The program's own risk: the first step after its owner.
    assert where(registry, "R-PRG") == ("Steering review", "PRG-ECOM", "next", None, False, True, 16, 12)
    assert rules.escalation_of(node(registry, "R-PRG")).after == "Dana Whitfield"
    # Escalated to the program's last step: past the program's path, the portfolio's first.
    assert where(registry, "R-PRG-SR") == ("Portfolio board", "PF", "portfolio", "Steering review", True, True, 20, 12)


def test_owner_not_on_the_path_and_portfolio_threshold(registry):
    # PRG-OPS sets no threshold: the portfolio's 16 applies. Its owner is not on the path: the
    # leading steps naming "project" are project-level, so Program office is the first program step.
    assert where(registry, "R-OPS") == ("Program office", "PRG-OPS", "program", None, False, True, 16, 16)
    assert where(registry, "R-OPS-LOW") == ("Program office", "PRG-OPS", "program", None, False, False, 15, 16)
    path = rules.escalation_path(node(registry, "R-OPS"))
    assert ([s.name for s in path.steps], path.first, path.owner) == (
        ["Project manager", "Project board", "Program office", "Steering", "Portfolio board", "Executive committee"], 2, None,
    )


def test_issue_scoring(registry):
    # An issue has happened: impact × 5. 3 × 5 = 15 ≥ 12, in progress: to the program owner.
    assert where(registry, "I-HIGH") == ("Dana Whitfield", "PRG-ECOM", "owner", None, False, True, 15, 12)
    assert where(registry, "I-LOW")[5:] == (False, 10, 12)
    assert where(registry, "I-DONE")[5:] == (False, 25, 12)  # resolved: never above
    assert where(registry, "I-STEP") == ("Steering review", "PRG-ECOM", "next", "Dana Whitfield", True, True, 20, 12)


def test_rows_texts_and_awaiting(registry):
    rows = {r.risk.id: r for r in reg.risk_rows(registry) + reg.issue_rows(registry)}
    assert reg.escalation_text(rows["R-AT"]) == "to Dana Whitfield (program owner of PRG-ECOM; score 12 ≥ threshold 12)"
    assert reg.escalation_text(rows["R-TRUE"]) == "next: Steering review (next after Dana Whitfield on the path of PRG-ECOM; score 16 ≥ threshold 12)"
    assert reg.escalation_text(rows["R-STEP"]) == "next: Portfolio board (past the path of PRG-ECOM: portfolio PF; score 16 ≥ threshold 12)"
    assert reg.escalation_text(rows["R-TOP"]) == "top of the path: already at Executive committee; score 25 ≥ threshold 12"
    assert reg.escalation_text(rows["R-OPS"]) == "to Program office (first program-level step of PRG-OPS; score 16 ≥ threshold 16)"
    assert reg.escalation_text(rows["I-HIGH"]) == "to Dana Whitfield (program owner of PRG-ECOM; impact 3 × 5 = 15 ≥ threshold 12)"
    assert rows["R-LOW"].escalate_to is None  # below the threshold: nowhere to go
    german = locale_for("de")
    assert reg.escalation_text(rows["R-AT"], german) == "an Dana Whitfield (verantwortlich für das Programm PRG-ECOM; Wert 12 ≥ Schwelle 12)"
    awaiting = reg.awaiting_escalation([*reg.risk_rows(registry), *reg.issue_rows(registry)])
    assert [r.risk.id for r in awaiting] == ["R-PRG", "R-PM", "R-OPS", "I-HIGH", "R-AT"]


CONFIG = {"plugins": ["search", {"pgm": {"today": "2026-11-21", "diagrams": False}}]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return SiteBuilder()(tmp_path_factory.mktemp("escalation"), PAGES, CONFIG)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_dashboard_names_who_and_why(site):
    html = text(site.html("governance/index.md"))
    assert "R-AT Shop 12 / 12 Sam a second supplier Dana Whitfield (program owner of PRG-ECOM; score 12 ≥ threshold 12)" in html
    assert "I-HIGH Shop 15 / 12 Sam Dana Whitfield (program owner of PRG-ECOM; impact 3 × 5 = 15 ≥ threshold 12)" in html
    assert "R-OPS Depot 16 / 16 Program office (first program-level step of PRG-OPS; score 16 ≥ threshold 16)" in html
    assert "R-TRUE" not in html.split("Risks to escalate", 1)[1].split("Behind the baseline", 1)[0]


def test_raid_register_and_program_page(site):
    raid = unescape(site.html("governance/raid.md"))
    assert ("escalate</span> to Dana Whitfield <span class=\"pgm-escalation-why\">(program owner of PRG-ECOM; score 12 ≥ threshold 12)</span>"
            in raid)
    assert ("escalated</span> next: Portfolio board <span class=\"pgm-escalation-why\">(past the path of PRG-ECOM: portfolio PF;"
            " score 16 ≥ threshold 12)</span>") in raid
    assert "(top of the path: already at Executive committee; score 25 ≥ threshold 12)" in raid
    assert "(program owner of PRG-ECOM; impact 3 × 5 = 15 ≥ threshold 12)" in raid  # the issue I-HIGH
    program = unescape(site.html("programs/ecom.md"))
    section = text(program.split('id="pgm-escalated-risks"', 1)[1])
    assert "R-PRG E-commerce 16 Dana Whitfield open escalate to Steering review (next after Dana Whitfield on the path of PRG-ECOM;" in section
    assert "I-HIGH Shop 15 Sam in progress escalate to Dana Whitfield (program owner of PRG-ECOM; impact 3 × 5 = 15 ≥ threshold 12)" in section
    assert "R-TOP Shop 25 open escalated (top of the path: already at Executive committee; score 25 ≥ threshold 12)" in section
    portfolio = text(site.html("index.md"))
    assert "Escalation path: Portfolio board Executive committee" in portfolio
    assert "the threshold of every program that sets none: a risk or issue scoring 16 or more is escalated." in portfolio


def test_pgm_json_carries_the_target(site):
    document = json.loads(site.read("governance/pgm.json"))
    entries = {e["ref_id"]: e for ent in document["entities"] for e in ent.get("entries", [])}
    assert entries["R-STEP"]["escalation"] == {
        "score": 16, "threshold": 12, "above_threshold": True, "escalated": True, "at": "Steering review",
        "to": "Portfolio board", "holder": "PF", "reason": "portfolio",
        "text": "next: Portfolio board (past the path of PRG-ECOM: portfolio PF; score 16 ≥ threshold 12)",
    }
    assert entries["I-HIGH"]["escalation"]["to"] == "Dana Whitfield"
    assert entries["R-STEP"]["front_matter"]["escalated"] == "steering review"


def test_pgm_json_escalation_matches_its_schema(site):
    import jsonschema

    from mkdocs_pgm.core.exports import formats as ex

    jsonschema.Draft202012Validator(strict(ex.export_schema())).validate(json.loads(site.read("governance/pgm.json")))
    rows = list(csv.DictReader(io.StringIO(site.read("governance/raid.csv").lstrip("\ufeff"))))
    issue = next(r for r in rows if r["id"] == "I-HIGH")
    assert (issue["impact"], issue["score"], issue["threshold"], issue["escalate_to"]) == ("3", "15", "12", "Dana Whitfield")
    step = next(r for r in rows if r["id"] == "R-STEP")
    assert (step["escalated"], step["escalate_to"]) == ("steering review", "Portfolio board")
