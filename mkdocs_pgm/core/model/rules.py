"""Domain rules, each defined once: what counts as an open risk, when a risk reaches its
program's escalation threshold. Registers, findings, KPIs, sections and exports ask here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .schema import DECISION_STATUSES, RiskStatus, StatusMeaning, StatusUpdate

if TYPE_CHECKING:  # the registry asks here too: no import at run time
    from .registry import Entity, Nested

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


def decision_current(status: str | None) -> bool:
    """A decision in force and not replaced (``accepted``): one a successor supersedes must say ``superseded``."""
    meaning = _decision_meaning(status)
    return meaning.in_force and not meaning.settled


def decision_settled(status: str | None) -> bool:
    """A decision no longer in force, or never (rejected, deprecated, superseded): it needs no more reviews."""
    return _decision_meaning(status).settled


def decision_in_force(status: str | None) -> bool:
    """A decision that took effect (accepted, or superseded since): a valid successor of a superseded one."""
    return _decision_meaning(status).in_force


def reaches(score: int | None, threshold: int | None) -> bool:
    """A score at or above an escalation threshold (no score or no threshold: never)."""
    return score is not None and threshold is not None and score >= threshold


#: Issues not resolved yet: escalated like open risks.
OPEN_ISSUE_STATUSES: frozenset[str] = frozenset({"open", "in-progress"})


def is_open_raid(node: Nested) -> bool:
    """An open (or occurred) risk, or an open or in-progress issue: what can still need escalating."""
    if node.kind == "issue":
        return node.status in OPEN_ISSUE_STATUSES
    return node.kind == "risk" and is_open_risk(node)


def must_escalate(node: Nested) -> bool:
    """An open risk or issue scoring at or above the threshold that applies to it (the contract: such
    a risk "must be escalated to the program"). A risk scores probability × impact, an issue impact × 5."""
    return is_open_raid(node) and reaches(getattr(node.item, "score", None), node.owner.risk_threshold)


# --------------------------------------------------------------------------- status updates


def updates_newest_first(model: object) -> list[StatusUpdate]:
    """A page's status updates (``updates``), newest first: by date, and on the same date the
    one written last first. Pages without updates (portfolios, decisions) have none."""
    written: Sequence[StatusUpdate] = getattr(model, "updates", None) or ()
    # A stable sort by date keeps the written order on a date; reversed, the last written comes first.
    return sorted(written, key=lambda u: u.date)[::-1]


def latest_update(model: object) -> StatusUpdate | None:
    """THE latest status update of a page: the one with the latest date (on the same date, the
    last written). It feeds the card, the dashboard and the last review (:func:`last_review`)."""
    found = updates_newest_first(model)
    return found[0] if found else None


def last_review(model: object) -> tuple[dt.date, StatusUpdate | None] | None:
    """When a page was last reviewed: the later of its ``reviewed`` date and its latest status
    update's date (the update on a tie is not preferred: ``reviewed`` wins), with that update when
    it is the later; None when it has neither (``stale-review``)."""
    reviewed: dt.date | None = getattr(model, "reviewed", None)
    update = latest_update(model)
    if update is not None and (reviewed is None or update.date > reviewed):
        return update.date, update
    return (reviewed, None) if reviewed is not None else None


# --------------------------------------------------------------------------- escalation
#
# THE escalation rule (docs/guides/registers.md, "Escalation"), for a risk or an issue:
#
# * The path: its program's ``governance.escalation``, then the steps of its portfolio's
#   path that the program's does not list already.
# * Project-level steps: those before the step naming the program's ``owner`` (a step names
#   the owner when its text, or the part before a parenthesis, is the owner's name, case and
#   spaces aside); when no step names the owner, the leading steps that mention "project".
# * Not escalated: a project's entry goes to the first step after the project-level ones
#   (the program owner when listed); a program's own entry to the first step after its
#   owner (the first program-level step when the owner is not listed).
# * ``escalated: true`` or a date: it is at that first step; it goes to the next one.
# * ``escalated: STEP``: it is at that step (matched like the owner: whole text or the
#   part before a parenthesis); it goes to the next step, past the program's path to the
#   portfolio's; after the last step, nowhere ("top of the path"). A step not on the path
#   is a diagnostic, and counts as ``true``.


@dataclass(frozen=True)
class PathStep:
    """One step of an escalation path, and the page whose ``governance`` lists it."""

    name: str
    holder: Entity = field(repr=False)
    """The program or portfolio whose ``escalation`` lists the step."""


@dataclass(frozen=True)
class EscalationPath:
    """A risk's or issue's escalation path and where on it it starts."""

    steps: list[PathStep]
    """Its program's steps, then its portfolio's that the program's does not list."""
    first: int
    """The index of the first step it goes to (not escalated yet)."""
    owner: int | None
    """The index of the step naming the program owner (None: no step names the owner)."""


@dataclass(frozen=True)
class Escalation:
    """Where a risk or issue goes: the answer of :func:`escalation_of`."""

    step: str | None
    """The step it goes to next (None: no path, or it is at the top of the path)."""
    holder: Entity | None = field(repr=False)
    """The program or portfolio whose path lists ``step``."""
    reason: str
    """Why that step: ``owner`` (the program owner, first above the project level), ``program`` (the
    first program-level step), ``next`` (the step after ``after``), ``portfolio`` (past the program's
    path, the portfolio's), ``top`` (no step after the one it is at) or ``none`` (no path)."""
    after: str | None
    """The step it comes from: the one it is at, or the program owner a program's own entry starts above."""
    current: str | None
    """The step it is at now (``escalated``), None when not escalated."""
    escalated: bool
    """Escalated at least to the first step it had to go to."""
    above: bool
    """Open and at or above the threshold (:func:`must_escalate`)."""
    score: int | None
    threshold: int | None
    unknown: str | None = None
    """``escalated: STEP`` naming no step of the path (reported by the registry)."""

    @property
    def holder_id(self) -> str | None:
        return self.holder.id if self.holder is not None else None


def folded(text: str) -> str:
    """A name as compared: case and runs of spaces do not count."""
    return " ".join(text.casefold().split())


def _name_part(text: str) -> str:
    """``Priya Nair (program manager)`` -> ``priya nair``: the name before a parenthesis."""
    return folded(text.split("(", 1)[0])


def same_step(written: str, step: str) -> bool:
    """``written`` names ``step``: the whole text, or the part before a parenthesis (case and spaces aside)."""
    if folded(written) == folded(step):
        return True
    name = _name_part(written)
    return bool(name) and name == _name_part(step)


_PROJECT_WORD = re.compile(r"\bproject\b", re.IGNORECASE)


def _steps(entity: Entity | None) -> list[str]:
    governance = getattr(entity.model, "governance", None) if entity is not None else None
    return list(governance.escalation) if governance is not None else []


def program_of_entry(node: Nested) -> Entity | None:
    """The program whose path a risk or issue follows: its page's (a program's own: that program)."""
    page = node.owner
    return page if page.kind == "program" else page.program


def escalation_path(node: Nested) -> EscalationPath:
    """A risk's or issue's path and where it starts on it (the rule above)."""
    program = program_of_entry(node)
    if program is None:
        return EscalationPath([], 0, None)
    own = _steps(program)
    steps = [PathStep(step, program) for step in own]
    seen = {folded(step) for step in own}
    steps.extend(PathStep(step, program.portfolio) for step in _steps(program.portfolio) if folded(step) not in seen)  # type: ignore[arg-type]
    owner_name = getattr(program.model, "owner", None)
    owner = next((i for i, step in enumerate(own) if owner_name and same_step(owner_name, step)), None)
    if owner is None:
        first = 0
        while first < len(own) and _PROJECT_WORD.search(own[first]):
            first += 1
    else:
        first = owner + 1 if node.owner is program else owner
    return EscalationPath(steps, first, owner)


def find_step(steps: Sequence[PathStep], written: str) -> int | None:
    """Where ``escalated: STEP`` is on the path: the first step it names (None: not on it)."""
    for index, step in enumerate(steps):
        if same_step(written, step.name):
            return index
    return None


def escalation_of(node: Nested) -> Escalation:
    """Where a risk or issue goes next, and why: the one escalation rule (see above)."""
    path = escalation_path(node)
    steps, first = path.steps, path.first
    program = program_of_entry(node)
    written = getattr(node.item, "escalated", None)
    score, threshold = getattr(node.item, "score", None), node.owner.risk_threshold
    above = is_open_raid(node) and reaches(score, threshold)
    unknown = written if isinstance(written, str) and find_step(steps, written) is None else None
    at: int | None = None
    if isinstance(written, str) and unknown is None:
        at = find_step(steps, written)
    elif written not in (None, False):
        at = first  # true, a date, or a step not on the path: at the first step it had to go to
    current = steps[at].name if at is not None and at < len(steps) else None
    escalated = at is not None and at >= first
    target = max(at + 1, first) if escalated else first  # type: ignore[operator]
    source = at if escalated else (first - 1 if path.owner is not None and first == path.owner + 1 else None)
    after = steps[source].name if source is not None and 0 <= source < len(steps) else None
    if target >= len(steps):
        return Escalation(None, None, "top" if current is not None else "none", after, current, escalated, above, score, threshold, unknown)
    step = steps[target]
    if source is not None and steps[source].holder is step.holder:
        reason = "next"
    elif step.holder is not program:
        reason = "portfolio"
    else:
        reason = "owner" if target == path.owner else "program"
    return Escalation(step.name, step.holder, reason, after, current, escalated, above, score, threshold, unknown)


#: On the 1-5 scales of a stakeholder's ``influence`` and ``interest``, this value and above is high.
HIGH_SCORE = 4


def stakeholder_quadrant(influence: int, interest: int) -> str:
    """Where a stakeholder stands on the power/interest grid (Mendelow): ``manage`` (manage closely:
    high influence, high interest), ``satisfy`` (keep satisfied: high influence only), ``inform``
    (keep informed: high interest only) or ``monitor``. High is :data:`HIGH_SCORE` (4) or more."""
    if influence >= HIGH_SCORE:
        return "manage" if interest >= HIGH_SCORE else "satisfy"
    return "inform" if interest >= HIGH_SCORE else "monitor"
