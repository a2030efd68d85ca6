"""Governance registers: decisions, RAID, changes and benefits gathered from every page.

Host-independent and pure: each function takes the :class:`~.registry.Registry`
and returns rows for a template; every row keeps the node it came from, so a
register links each entry back to the page (and anchor) where it is written.

``programs`` (where accepted) narrows a register to the entries that belong to
those programs: written on the program page, on one of its projects' pages, or
on a decision page scoped to either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..i18n import ENGLISH, Locale
from ..limits import shift
from ..model.registry import Edge, Entity, Nested, Node, Registry, program_of
from ..model.rules import Escalation, decision_pending, escalation_of, is_open_risk
from ..text import slugify
from .schedule import Analysis, Conflict


def _keep(node: Node, programs: Sequence[Entity] | None) -> bool:
    return programs is None or program_of(node) in programs


def _by_program(nodes: Iterable[Node]) -> list[tuple[Entity | None, list[Node]]]:
    """Nodes grouped by program (programs by title), then the ones without a program."""
    groups: dict[Entity | None, list[Node]] = {}
    for node in nodes:
        groups.setdefault(program_of(node), []).append(node)
    ordered = sorted((p for p in groups if p is not None), key=lambda p: (p.title.lower(), p.id))
    out: list[tuple[Entity | None, list[Node]]] = [(p, groups[p]) for p in ordered]
    if None in groups:
        out.append((None, groups[None]))
    return out


# --------------------------------------------------------------------------- decisions


def item_of(node: Node) -> object:
    """The model holding a node's fields (a decision page's model, an entry's item)."""
    return node.model if isinstance(node, Entity) else node.item


def scope_of(decision: Node) -> Entity | None:
    """What a decision belongs to: its page's ``scope``, or the page an entry is written on."""
    return decision.scope if isinstance(decision, Entity) else decision.owner


def decision_anchor(decision: Node) -> str:
    """Stable id of a decision's heading in the decision log."""
    return "log-" + slugify(decision.ref_id)


def decision_log(registry: Registry, programs: Sequence[Entity] | None = None) -> list[Node]:
    """Every decision (pages and entries), newest first; undated ones last, by id."""
    decisions = [d for d in registry.decisions() if _keep(d, programs)]
    dated = sorted((d for d in decisions if getattr(item_of(d), "date", None)), key=lambda d: d.id)
    dated.sort(key=lambda d: item_of(d).date, reverse=True)  # type: ignore[attr-defined]
    undated = sorted((d for d in decisions if not getattr(item_of(d), "date", None)), key=lambda d: d.id)
    return dated + undated


def decision_groups(decisions: Sequence[Node]) -> list[tuple[Entity | None, list[Node]]]:
    return _by_program(decisions)


def awaiting_decision(registry: Registry) -> list[Node]:
    """Decisions still ``proposed``, oldest first (waiting longest on top)."""
    found = [d for d in registry.decisions() if decision_pending(d.status)]
    return sorted(found, key=lambda d: (getattr(item_of(d), "date", None) or dt.date.max, d.id))


# --------------------------------------------------------------------------- lessons learned


def lesson_groups(registry: Registry, programs: Sequence[Entity] | None = None) -> list[tuple[Entity | None, list[Entity]]]:
    """Projects and programs with ``lessons``, by program (programs by title, then standalone projects);
    in a group, the program's own page first, then its projects by title."""
    pages = [e for e in registry.entities if not e.virtual and e.kind in ("program", "project")
             and getattr(e.model, "lessons", None) and _keep(e, programs)]
    pages.sort(key=lambda e: (e.kind != "program", e.title.lower(), e.id))
    return [(program, [e for e in group if isinstance(e, Entity)]) for program, group in _by_program(pages)]


# --------------------------------------------------------------------------- RAID


@dataclass
class RiskRow:
    """A risk (or an issue) with what its program's governance says about it."""

    risk: Nested
    """The risk or issue (issues share the row: they escalate like risks)."""
    score: int | None
    program: Entity | None
    threshold: int | None
    above: bool
    """Open and scoring at or above the threshold that applies (:func:`~..model.rules.must_escalate`)."""
    escalated: bool
    """Escalated at least to the first step it had to go to."""
    escalate_to: str | None
    """Where it goes next when it is above the threshold (the rule: :func:`~..model.rules.escalation_of`;
    None: below the threshold, no path, or at the top of the path)."""
    escalation: Escalation
    """The whole answer of the rule: the step, its holder, the reason, where it is now."""


def risk_row(risk: Nested) -> RiskRow:
    """The row of a risk or an issue."""
    escalation = escalation_of(risk)
    return RiskRow(risk, escalation.score, program_of(risk), escalation.threshold, escalation.above, escalation.escalated,
                   escalation.step if escalation.above else None, escalation)


def risk_rows(registry: Registry, programs: Sequence[Entity] | None = None) -> list[RiskRow]:
    """Every risk: open and occurred ones first, highest score (then impact) first,
    unscored last, then by program and id. Risks of one heat-map cell are adjacent."""
    rows = [risk_row(r) for e in registry.entities for r in e.entries("risks") if _keep(r, programs)]
    rows.sort(key=lambda r: (not is_open_risk(r.risk), -(r.score or 0), -(getattr(r.risk.item, "impact", 0) or 0),
                             r.program.title.lower() if r.program else "~", r.risk.key))
    return rows


def issue_rows(registry: Registry, programs: Sequence[Entity] | None = None) -> list[RiskRow]:
    """Every issue with its escalation, by program then page order (as :func:`entries`)."""
    return [risk_row(issue) for issue in entries(registry, "issues", programs)]


def awaiting_escalation(rows: Iterable[RiskRow]) -> list[RiskRow]:
    """Risks and issues at or above their threshold that nobody has escalated yet: highest score first."""
    found = [r for r in rows if r.above and not r.escalated]
    return sorted(found, key=lambda r: -(r.score or 0))


def escalation_reason(row: RiskRow, locale: Locale = ENGLISH) -> str:
    """Why a risk or issue goes where it goes, as plain text: "program owner of PRG-ECOM; score 16 ≥ threshold 12"
    (the rule: :func:`~..model.rules.escalation_of`). Empty when it has nowhere to go and is at no step."""
    e = row.escalation
    program = row.program.id if row.program is not None else ""
    reason = {
        "owner": lambda: locale.text("escalation.reason.owner", program=program),
        "program": lambda: locale.text("escalation.reason.program", program=program),
        "next": lambda: locale.text("escalation.reason.next", after=e.after, holder=e.holder_id),
        "portfolio": lambda: locale.text("escalation.reason.portfolio", program=program, holder=e.holder_id),
        "top": lambda: locale.text("escalation.reason.top", current=e.current),
    }.get(e.reason)
    if reason is None:
        return ""
    parts = [reason()]
    if e.above:
        if row.risk.kind == "issue":
            parts.append(locale.text("escalation.score_issue", impact=row.risk.item.impact, score=e.score, threshold=e.threshold))  # type: ignore[attr-defined]
        else:
            parts.append(locale.text("escalation.score", score=e.score, threshold=e.threshold))
    return "; ".join(parts)


def escalation_text(row: RiskRow, locale: Locale = ENGLISH) -> str:
    """Where a risk or issue goes and why, as plain text: "to Dana Whitfield (program owner of PRG-ECOM; score 16 ≥ threshold 12)"."""
    why = escalation_reason(row, locale)
    if row.escalate_to is None:
        return why
    where = locale.text("escalation.next" if row.escalated else "escalation.to", name=row.escalate_to)
    return f"{where} ({why})" if why else where


@dataclass
class HeatCell:
    probability: int
    impact: int
    risks: list[RiskRow] = field(default_factory=list)

    @property
    def score(self) -> int:
        return self.probability * self.impact

    @property
    def anchor(self) -> str:
        return f"pgm-heat-p{self.probability}-i{self.impact}"


@dataclass
class HeatMap:
    """Open and occurred risks on a 5×5 grid; ``rows[0]`` is probability 5."""

    rows: list[list[HeatCell]]
    unscored: list[RiskRow]
    threshold: int | None
    """The escalation threshold when every risk shown shares one (the cells at or above it are marked)."""

    @property
    def total(self) -> int:
        return sum(len(cell.risks) for row in self.rows for cell in row)


def heat_map(rows: Iterable[RiskRow]) -> HeatMap:
    cells = {(p, i): HeatCell(p, i) for p in range(1, 6) for i in range(1, 6)}
    unscored = []
    thresholds = set()
    for row in rows:
        if not is_open_risk(row.risk):
            continue
        thresholds.add(row.threshold)
        item = row.risk.item
        if row.score is None:
            unscored.append(row)
        else:
            cells[(item.probability, item.impact)].risks.append(row)  # type: ignore[attr-defined]
    grid = [[cells[(p, i)] for i in range(1, 6)] for p in range(5, 0, -1)]
    threshold = thresholds.pop() if len(thresholds) == 1 else None
    return HeatMap(grid, unscored, threshold)


def entries(registry: Registry, collection: str, programs: Sequence[Entity] | None = None) -> list[Nested]:
    """Every entry of a collection (``assumptions``, ``issues``, ``changes``…), by program then page order."""
    found = [n for e in registry.entities for n in e.entries(collection) if _keep(n, programs)]
    return [n for _, group in _by_program(found) for n in group]  # type: ignore[misc]


@dataclass
class DependencyRow:
    edge: Edge
    conflict: Conflict | None


def dependency_rows(registry: Registry, analysis: Analysis, programs: Sequence[Entity] | None = None) -> list[DependencyRow]:
    """Every dependency between projects and programs (decisions' links are left out)."""
    conflicts = {id(c.edge): c for c in analysis.conflicts}
    rows = []
    for entity in registry.entities:
        if entity.kind not in ("project", "program") or not _keep(entity, programs):
            continue
        for edge in entity.rel.depends_on:
            rows.append(DependencyRow(edge, conflicts.get(id(edge))))
    return rows


# --------------------------------------------------------------------------- changes


@dataclass
class ChangeTotals:
    """Schedule and cost impact of approved and implemented changes, and of those still requested."""

    approved_days: int = 0
    approved_cost: float = 0.0
    pending_days: int = 0
    pending_cost: float = 0.0
    pending: int = 0


def change_totals(changes: Iterable[Nested]) -> ChangeTotals:
    totals = ChangeTotals()
    for change in changes:
        impact = getattr(change.item, "impact", None)
        days = (impact.schedule_days or 0) if impact else 0
        cost = (impact.cost or 0.0) if impact else 0.0
        if change.status in ("approved", "implemented"):
            totals.approved_days += days
            totals.approved_cost += cost
        elif change.status == "requested":
            totals.pending += 1
            totals.pending_days += days
            totals.pending_cost += cost
    return totals


# --------------------------------------------------------------------------- benefits


def benefits(registry: Registry, programs: Sequence[Entity] | None = None) -> list[tuple[Entity, list[Nested]]]:
    """Each program (by title) with its benefits in page order."""
    out = []
    for program in sorted(registry.of_kind("program"), key=lambda p: (p.title.lower(), p.id)):
        if programs is not None and program not in programs:
            continue
        found = program.entries("benefits")
        if found:
            out.append((program, found))
    return out


# --------------------------------------------------------------------------- dashboard


@dataclass
class StatusCount:
    """How many programs or projects have each status, split by health."""

    kind: str
    statuses: list[str]
    healths: list[str]
    counts: dict[tuple[str, str], list[Entity]]

    def cell(self, status: str, health: str) -> list[Entity]:
        return self.counts.get((status, health), [])

    def total(self, status: str) -> int:
        return sum(len(self.cell(status, h)) for h in self.healths)


def status_counts(entities: Sequence[Entity], statuses: Sequence[str]) -> StatusCount:
    counts: dict[tuple[str, str], list[Entity]] = {}
    for entity in entities:
        counts.setdefault((entity.status or "", entity.health or "none"), []).append(entity)
    present = [s for s in statuses if any(k[0] == s for k in counts)]
    healths = [h for h in ("green", "amber", "red", "none") if any(k[1] == h for k in counts)]
    return StatusCount(entities[0].kind if entities else "", present, healths, counts)


def upcoming_milestones(registry: Registry, today: dt.date, days: int) -> list[Nested]:
    """Planned milestones due from today to ``days`` ahead, soonest first."""
    until = shift(today, days)
    found = [
        m for e in registry.entities for m in e.entries("milestones")
        if m.status == "planned" and getattr(m.item, "date", None) and today <= m.item.date <= until  # type: ignore[attr-defined]
    ]
    return sorted(found, key=lambda m: (m.item.date, m.key))  # type: ignore[attr-defined]
