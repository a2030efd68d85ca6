"""Domain rules, each defined once: what counts as an open risk, when a risk reaches its
program's escalation threshold. Registers, findings, KPIs, sections and exports ask here."""

from __future__ import annotations

from .registry import Nested
from .schema import RiskStatus

#: Risks that still threaten the plan: counted in the risk index, escalated at the threshold.
OPEN_RISK_STATUSES: frozenset[RiskStatus] = frozenset({"open", "occurred"})


def is_open_risk(risk: Nested) -> bool:
    return risk.status in OPEN_RISK_STATUSES


def reaches(score: int | None, threshold: int | None) -> bool:
    """A score at or above an escalation threshold (no score or no threshold: never)."""
    return score is not None and threshold is not None and score >= threshold


def must_escalate(risk: Nested) -> bool:
    """An open risk scoring at or above the threshold of its program (the contract: such a risk
    "must be escalated to the program")."""
    return is_open_risk(risk) and reaches(getattr(risk.item, "score", None), risk.owner.risk_threshold)
