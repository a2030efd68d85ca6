"""Domain rules, each defined once: what counts as an open risk, when a risk reaches its
program's escalation threshold. Registers, findings, KPIs, sections and exports ask here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import DECISION_STATUSES, RiskStatus, StatusMeaning

if TYPE_CHECKING:  # the registry asks here too: no import at run time
    from .registry import Nested

#: Risks that still threaten the plan: counted in the risk index, escalated at the threshold.
OPEN_RISK_STATUSES: frozenset[RiskStatus] = frozenset({"open", "occurred"})


def is_open_risk(risk: Nested) -> bool:
    return risk.status in OPEN_RISK_STATUSES


#: An unknown or missing decision status: neither decided, pending, settled nor in force.
_NO_MEANING = StatusMeaning("", decided=False)


def _decision_meaning(status: str | None) -> StatusMeaning:
    """What a decision status means; an unknown or missing one means nothing (every flag off)."""
    return DECISION_STATUSES.get(status or "", _NO_MEANING)


def decision_pending(status: str | None) -> bool:
    """A decision awaiting its decision (``proposed``): dashboard, ``stale-decision``."""
    return _decision_meaning(status).pending


def decision_decided(status: str | None) -> bool:
    """A decision that was taken, accepted or not (a ``draft`` or ``proposed`` one was not): the calendar's CONFIRMED."""
    return _decision_meaning(status).decided


def decision_settled(status: str | None) -> bool:
    """A decision no longer in force, or never (rejected, deprecated, superseded): it needs no more reviews."""
    return _decision_meaning(status).settled


def decision_in_force(status: str | None) -> bool:
    """A decision that took effect (accepted, or superseded since): a valid successor of a superseded one."""
    return _decision_meaning(status).in_force


def reaches(score: int | None, threshold: int | None) -> bool:
    """A score at or above an escalation threshold (no score or no threshold: never)."""
    return score is not None and threshold is not None and score >= threshold


def must_escalate(risk: Nested) -> bool:
    """An open risk scoring at or above the threshold of its program (the contract: such a risk
    "must be escalated to the program")."""
    return is_open_risk(risk) and reaches(getattr(risk.item, "score", None), risk.owner.risk_threshold)
