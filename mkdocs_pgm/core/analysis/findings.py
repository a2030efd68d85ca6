"""Health checks: findings about the state of the portfolio, not about the data.

A diagnostic says the front matter is wrong (an unknown id, a bad value); a
*finding* says the front matter is right and describes something a PMO wants to
act on: a milestone that slipped by without being updated, a review that is
overdue, a high risk nobody owns. Findings never fail a build; they are listed
on the governance dashboard and by ``mkdocs-pgm check --findings``.

Everything here is pure and host-independent: :func:`find` takes the
:class:`~.registry.Registry` and the date that counts as today (pin it for
reproducible results) and returns a sorted list. Each rule visits every page
or entry once, so the whole run is linear in the size of the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, did_you_mean, safe_text
from ..i18n import ENGLISH
from ..limits import MAX_DAYS
from ..model import schema
from ..model.markdown_scan import Reference
from ..model.registry import HEALTH_ORDER, KIND_OF_COLLECTION, Entity, Nested, Node, Registry
from ..model.rules import OPEN_ISSUE_STATUSES, decision_pending, decision_settled, is_open_risk, last_review, must_escalate
from .resources import allocation, over_allocation_message
from .schedule import WHAT_IF_DAYS, Analysis, schedule_conflicts

#: Rule id -> one-line description, in the order findings are listed. Plain text
#: (no Markdown, no ``[[ID]]``), so it is safe in HTML and in generated Markdown.
RULES: dict[str, str] = {
    "overdue-milestone": "a milestone still planned whose date is before today",
    "past-end": "a project whose end is before today and whose status is not completed or cancelled",
    "stale-review": "a page whose last review (reviewed, or its latest status update if later) is more than review_cadence days before today",
    "stale-decision": "a decision (page or entry) still proposed whose date is more than proposed_decision_days days before today",
    "unmanaged-risk": "an open or occurred risk scoring at or above its program's risk_threshold with no mitigation or no owner",
    "superseded-link": "a page body links to a superseded decision as if it were current",
    "schedule-conflict": "a scheduling dependency the planned dates break",
    "health-optimistic": "a program whose own health is better than the worst health of its projects",
    "over-allocation": "a person whose team allocations add up to more than 100 % in a month, across all pages",
    "benefit-overdue": "a benefit whose due date is before today and whose status is not realized",
    "completed-open-items": "a completed project or program with open risks, open or in-progress issues, or milestones still planned",
    "closure-no-acceptance": "a project in phase closure, or a completed project or program, without acceptance (by and date)",
    "closure-no-lessons": "a project in phase closure, or a completed project or program, without lessons",
    "execution-no-baseline": "a project in phase execution or monitoring without a baseline end",
    "phase-dates": "a project in phase initiation or planning over initiation_days days after its start, or in execution or monitoring before it",
}
_ORDER = {rule: position for position, rule in enumerate(RULES)}
#: Rule id -> a short heading for lists of findings, in English (the dashboard's, in every language: ``finding.RULE`` in :mod:`..i18n`).
TITLES: dict[str, str] = {rule: ENGLISH.text(f"finding.{rule}") for rule in RULES}

#: Statuses after which a project or program needs no more reviews or milestones.
_CLOSED = frozenset({"completed", "cancelled"})


@dataclass(frozen=True)
class Settings:
    """Thresholds of the rules and the rules turned off."""

    review_cadence: int = 90
    """A ``reviewed`` date more than this many days old is stale."""
    proposed_decision_days: int = 30
    """A decision ``proposed`` for more than this many days (from its ``date``) is stale."""
    initiation_days: int = 90
    """A project still in phase ``initiation`` or ``planning`` more than this many days after its ``start`` is a ``phase-dates`` finding."""
    near_critical_days: int = 10
    """A positive total float of at most this many days is near-critical (see :mod:`.schedule`)."""
    what_if_days: int = WHAT_IF_DAYS
    """The further slip a project page's "Impact of a delay" tries (0: none; see :meth:`.Analysis.further_slip`)."""
    ignore: frozenset[str] = frozenset()
    """Rule ids (keys of :data:`RULES`) not to run."""


@dataclass(frozen=True)
class Finding:
    """One finding, printed as ``file:line: field: message [rule]``."""

    rule: str
    """The rule id, a key of :data:`RULES`."""
    node: Any
    """What it concerns (links go there): a page, or a milestone, risk or decision entry;
    for ``superseded-link``, the superseded decision that is linked to."""
    page: Entity | None
    """The page that holds it (for ``superseded-link``: the page holding the link,
    None when that page has no ``type``)."""
    file: str
    """File of that page, as diagnostics show it."""
    line: int | None
    """Line of the offending value."""
    field: str
    """Path of the offending value as written in the file (``milestones[2].date``, ``[[DEC-1]]``)."""
    message: str
    """One line for people: what is wrong, with the dates and numbers."""
    days: int | None = None
    """For rules about time: days since the date concerned (due date, end, review, decision
    date); for ``schedule-conflict`` how many days too early the dependent starts."""

    def __post_init__(self) -> None:
        # As for diagnostics: front-matter text in a finding cannot drive the terminal.
        for name in ("file", "field", "message"):
            object.__setattr__(self, name, safe_text(getattr(self, name)))

    def sort_key(self) -> tuple[int, str, int, str, str]:
        return (_ORDER.get(self.rule, len(_ORDER)), self.file, self.line or 0, self.field, self.message)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} [{self.rule}]"

    def to_diagnostic(self) -> Diagnostic:
        """The finding as an ``info`` diagnostic whose code is the rule id."""
        return Diagnostic(self.file, self.line, self.field, self.message, severity="info", code=self.rule)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: ``rule, file, line, field, message, days, page, target``."""
        return {
            "rule": self.rule,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "days": self.days,
            "page": self.page.id if self.page is not None else None,
            "target": getattr(self.node, "ref_id", None),
        }


def find(registry: Registry, today: dt.date, settings: Settings = Settings(), analysis: Analysis | None = None) -> list[Finding]:
    """Every finding of the site on ``today``, sorted by rule (order of :data:`RULES`), file and line.

    ``analysis`` supplies the schedule conflicts; without it they are computed
    (only the conflicts: the rest of :func:`~.analysis.analyze` is not needed).
    """
    checks = {
        "overdue-milestone": lambda: _overdue_milestones(registry, today),
        "past-end": lambda: _past_end(registry, today),
        "stale-review": lambda: _stale_reviews(registry, today, settings.review_cadence),
        "stale-decision": lambda: _stale_decisions(registry, today, settings.proposed_decision_days),
        "unmanaged-risk": lambda: _unmanaged_risks(registry),
        "superseded-link": lambda: _superseded_links(registry),
        "schedule-conflict": lambda: _schedule_conflicts(registry, analysis),
        "health-optimistic": lambda: _optimistic_health(registry),
        "over-allocation": lambda: _over_allocations(registry),
        "benefit-overdue": lambda: _overdue_benefits(registry, today),
        "completed-open-items": lambda: _completed_open_items(registry),
        "closure-no-acceptance": lambda: _closure_missing(registry, "acceptance"),
        "closure-no-lessons": lambda: _closure_missing(registry, "lessons"),
        "execution-no-baseline": lambda: _execution_no_baseline(registry),
        "phase-dates": lambda: _phase_dates(registry, today, settings.initiation_days),
    }
    found: list[Finding] = []
    for rule, run in checks.items():
        if rule not in settings.ignore:
            found.extend(run())
    found.sort(key=Finding.sort_key)
    return found


def rule_id(text: str) -> str:
    """A rule id as users may write it (``Stale_Review``) in its canonical form."""
    return text.strip().lower().replace("_", "-")


def settings_from(options: Mapping[str, Any]) -> Settings:
    """Settings from the ``pgm`` plugin options (``review_cadence``, ``proposed_decision_days``,
    ``initiation_days``, ``near_critical_days``, ``what_if_days``, ``findings_ignore``); a missing option takes its default.

    Raises ValueError, naming the option, for a value that is not a number of days,
    and for rule ids that do not exist (naming them, a close match, and the valid ids).
    """
    defaults = Settings()
    days: dict[str, int] = {}
    for name in ("review_cadence", "proposed_decision_days", "initiation_days", "near_critical_days", "what_if_days"):
        value = options.get(name)
        if value is None:
            days[name] = getattr(defaults, name)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            days[name] = value
        else:
            raise ValueError(f"{name}: expected a number of days (0 or more), found {value!r}")
    if days["what_if_days"] > MAX_DAYS:  # it is added to dates
        raise ValueError(f"what_if_days: expected a number of days from 0 to {MAX_DAYS}, found {days['what_if_days']}")
    raw = options.get("findings_ignore") or []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, (list, tuple, set, frozenset)):
        raise ValueError(f"findings_ignore: expected a list of rule ids, found {raw!r}")  # one error type for callers
    ignore = set()
    unknown = []
    for item in raw:
        rule = rule_id(str(item))
        if rule in RULES:
            ignore.add(rule)
        else:
            unknown.append(f"'{item}'{did_you_mean(rule, RULES)}")
    if unknown:
        label = "unknown rule" if len(unknown) == 1 else "unknown rules"
        raise ValueError(f"findings_ignore: {label} {', '.join(unknown)}; expected one of {', '.join(RULES)}")
    return Settings(**days, ignore=frozenset(ignore))


# --------------------------------------------------------------------------- helpers


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _names(ids: list[str], limit: int = 3) -> str:
    if len(ids) <= limit:
        return ", ".join(ids)
    return ", ".join(ids[:limit]) + f" and {len(ids) - limit} more"


def _pages(registry: Registry) -> Iterator[Entity]:
    return (e for e in registry.entities if not e.virtual)


# --------------------------------------------------------------------------- rules


def _overdue(registry: Registry, today: dt.date, rule: str, collection: str, field: str, pending: Callable[[Nested], bool]) -> Iterator[Finding]:
    """Entries of ``collection`` whose date ``field`` is before today while ``pending`` (still
    planned, not realized…), on pages not cancelled: what is cancelled will never be met."""
    noun = KIND_OF_COLLECTION[collection]
    for page in _pages(registry):
        if page.status == "cancelled":
            continue
        for entry in page.entries(collection):
            due = getattr(entry.item, field, None)
            if not pending(entry) or due is None or due >= today:
                continue
            late = (today - due).days
            yield Finding(
                rule, entry, page, page.file,
                page.line(collection, entry.index, field), page.field(collection, entry.index, field),
                f"{noun} '{entry.title}' was due {due} and is still {entry.status} ({_days(late)} overdue)",
                late,
            )


def _overdue_milestones(registry: Registry, today: dt.date) -> Iterator[Finding]:
    return _overdue(registry, today, "overdue-milestone", "milestones", "date", lambda m: m.status == "planned")


def _past_end(registry: Registry, today: dt.date) -> Iterator[Finding]:
    for page in _pages(registry):
        end = getattr(page.model, "end", None)
        if page.kind != "project" or end is None or end >= today or page.status in _CLOSED:
            continue
        late = (today - end).days
        yield Finding(
            "past-end", page, page, page.file, page.line("end"), page.field("end"),
            f"project '{page.title}' was planned to end {end} and is still {page.status} ({_days(late)} past its end)",
            late,
        )


def _stale_reviews(registry: Registry, today: dt.date, cadence: int) -> Iterator[Finding]:
    for page in _pages(registry):
        review = last_review(page.model)
        if review is None or page.status in _CLOSED or (page.kind == "decision" and decision_settled(page.status)):
            continue
        reviewed, update = review
        age = (today - reviewed).days
        if age <= cadence:
            continue
        if update is None:
            where: tuple[str | int, ...] = ("reviewed",)
            how = ""
        else:  # the latest status update counts as the last review
            where = ("updates", next(i for i, u in enumerate(page.model.updates) if u is update), "date")  # type: ignore[attr-defined]
            how = " (its latest status update)"
        yield Finding(
            "stale-review", page, page, page.file, page.line(*where), page.field(*where),
            f"{page.kind} '{page.title}' was last reviewed {reviewed}{how}, {_days(age)} ago (review cadence: {_days(cadence)})",
            age,
        )


def _stale_decisions(registry: Registry, today: dt.date, limit: int) -> Iterator[Finding]:
    for decision in registry.decisions():
        if not decision_pending(decision.status):
            continue
        item: schema.Page | schema.Entry
        base: tuple[str | int, ...]
        if isinstance(decision, Entity):
            page, item, base = decision, decision.model, ()
        else:
            page, item, base = decision.owner, decision.item, (decision.collection, decision.index)
        date = getattr(item, "date", None)
        if date is None:
            continue
        age = (today - date).days
        if age <= limit:
            continue
        yield Finding(
            "stale-decision", decision, page, page.file, page.line(*base, "status"), page.field(*base, "status"),
            f"decision '{decision.title}' dated {date} is still proposed after {_days(age)} (limit: {_days(limit)})",
            age,
        )


def _unmanaged_risks(registry: Registry) -> Iterator[Finding]:
    for page in _pages(registry):
        risks = page.entries("risks")
        if not risks:
            continue
        threshold = page.risk_threshold
        if threshold is None:
            continue
        program = page if page.kind == "program" else page.program
        for risk in risks:
            item = risk.item
            score = getattr(item, "score", None)
            if not must_escalate(risk):
                continue
            missing = [what for what, value in (("mitigation", item.mitigation), ("owner", item.owner)) if not value]  # type: ignore[attr-defined]
            if not missing:
                continue
            yield Finding(
                "unmanaged-risk", risk, page, page.file, risk.line, page.field("risks", risk.index),
                f"{risk.status} risk '{risk.title}' scores {score} (probability {item.probability} × impact {item.impact}), "  # type: ignore[attr-defined]
                f"at or above the risk threshold of {program.id if program else 'its program'} ({threshold}), and has no {' and no '.join(missing)}",
            )


def _superseded(decision: Node) -> bool:
    return decision.status == "superseded" or bool(decision.rel.superseded_by)


def _chains(registry: Registry) -> dict[int, int]:
    """Decision (by ``id()``) -> a representative of its supersedes chain (union-find)."""
    parent: dict[int, int] = {}

    def root(key: int) -> int:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for decision in registry.decisions():
        for earlier in decision.rel.supersedes:
            a, b = root(id(decision)), root(id(earlier))
            if a != b:
                parent[a] = b
    return {key: root(key) for key in list(parent)}


def _superseded_links(registry: Registry) -> Iterator[Finding]:
    chain_of = _chains(registry)
    pages: list[tuple[str, Iterable[Reference], Entity | None]] = [(e.file, e.refs, e) for e in _pages(registry)]
    pages.extend((file, refs, None) for file, refs in registry.other_refs)
    for file, refs, page in pages:
        own_chains: set[int] = set()
        if page is not None:
            mine: list[Node] = [page] if page.kind == "decision" else []
            mine.extend(page.entries("decisions"))
            own_chains = {chain_of[id(d)] for d in mine if id(d) in chain_of}
        # Decisions linked on each line: a line that also links to another decision
        # of the chain ("[[DEC-2]], replaced by [[DEC-5]]") names the replacement.
        decisions: list[tuple[Reference, Node]] = []
        # Per line, the decisions linked there of each chain (a set: a line of
        # thousands of links to one decision is looked at once, not once per pair).
        on_line: dict[tuple[int, int], set[int]] = {}
        for ref in refs:
            target = registry.resolve(ref.target)
            if target is not None and target.kind == "decision":
                decisions.append((ref, target))
                chain = chain_of.get(id(target))
                if chain is not None:
                    on_line.setdefault((ref.line, chain), set()).add(id(target))
        seen: set[tuple[int, int]] = set()
        for ref, target in decisions:
            if (id(target), ref.line) in seen or not _superseded(target):
                continue
            seen.add((id(target), ref.line))
            owner = target if isinstance(target, Entity) else target.owner
            if owner is page:
                continue  # a page may mention its own decisions
            chain = chain_of.get(id(target))
            if chain is not None:
                if chain in own_chains:
                    continue  # a later decision of the chain names what it replaces
                if len(on_line[(ref.line, chain)]) > 1:
                    continue  # another decision of the chain on the line names the replacement
            later = target.rel.superseded_by
            by = f", superseded by {', '.join(d.ref_id for d in later)}" if later else ", which is superseded"
            yield Finding(
                "superseded-link", target, page, file, ref.line, f"[[{ref.target}]]",
                f"links to decision {target.ref_id} '{target.title}'{by}; link to the decision in force instead",
            )


def _schedule_conflicts(registry: Registry, analysis: Analysis | None) -> Iterator[Finding]:
    conflicts = analysis.conflicts if analysis is not None else schedule_conflicts(registry)
    for conflict in conflicts:
        page, edge = conflict.dependent, conflict.edge
        yield Finding(
            "schedule-conflict", page, page, page.file, edge.line, page.field("depends_on", edge.index),
            conflict.message, conflict.days,
        )


def _optimistic_health(registry: Registry) -> Iterator[Finding]:
    for program in registry.of_kind("program"):
        own = getattr(program.model, "health", None)
        if own is None:
            continue
        worse = [p for p in program.projects if p.model.health and HEALTH_ORDER[p.model.health] > HEALTH_ORDER[own]]  # type: ignore[attr-defined]
        if not worse:
            continue
        worst = max(HEALTH_ORDER[p.model.health] for p in worse)  # type: ignore[attr-defined]
        names = sorted(p.id for p in worse if HEALTH_ORDER[p.model.health] == worst)  # type: ignore[attr-defined]
        colour = next(h for h, rank in HEALTH_ORDER.items() if rank == worst)
        projects = f"its project {names[0]} is" if len(names) == 1 else f"{len(names)} of its projects are"
        listed = "" if len(names) == 1 else f" ({_names(names)})"
        yield Finding(
            "health-optimistic", program, program, program.file, program.line("health"), program.field("health"),
            f"program '{program.title}' reports health {own}, but {projects} {colour}{listed}",
        )


def _overdue_benefits(registry: Registry, today: dt.date) -> Iterator[Finding]:
    return _overdue(registry, today, "benefit-overdue", "benefits", "due", lambda b: b.status != "realized")


def _over_allocations(registry: Registry) -> Iterator[Finding]:
    for person in allocation(registry).over:
        first = person.over[0].assignments[0]
        yield Finding(
            "over-allocation", first.page, first.page, first.page.file, first.line, first.field,
            over_allocation_message(person),
        )


# --------------------------------------------------------------------------- lifecycle gates


def _closing(page: Entity) -> str | None:
    """Why a project or program must show it has been closed properly: ``phase`` (phase closure),
    ``status`` (completed), or None. Phase closure wins: it comes first."""
    if page.kind not in ("project", "program"):
        return None
    if getattr(page.model, "phase", None) == "closure":
        return "phase"
    return "status" if page.status == "completed" else None


def _closing_text(page: Entity, why: str) -> str:
    return f"{page.kind} '{page.title}' is " + ("in phase closure" if why == "phase" else "completed")


def _named(entry: Nested) -> str:
    """An entry as a finding names it: its id when written, else its title in quotes."""
    return entry.id if entry.explicit else f"'{entry.title}'"


def _completed_open_items(registry: Registry) -> Iterator[Finding]:
    for page in _pages(registry):
        if page.kind not in ("project", "program") or page.status != "completed":
            continue
        groups = [
            ("open risks", [_named(r) for r in page.entries("risks") if is_open_risk(r)]),
            ("open issues", [_named(i) for i in page.entries("issues") if i.status in OPEN_ISSUE_STATUSES]),
            ("milestones still planned", [_named(m) for m in page.entries("milestones") if m.status == "planned"]),
        ]
        count = sum(len(ids) for _, ids in groups)
        if not count:
            continue
        listed = "; ".join(f"{what} {_names(ids)}" for what, ids in groups if ids)
        items = "item" if count == 1 else "items"
        yield Finding(
            "completed-open-items", page, page, page.file, page.line("status"), page.field("status"),
            f"{page.kind} '{page.title}' is completed but has {count} open {items}: {listed}",
        )


def _closure_missing(registry: Registry, name: str) -> Iterator[Finding]:
    rule, wanted = {
        "acceptance": ("closure-no-acceptance", "no acceptance: add acceptance: {by, date} (who accepted the output, and when)"),
        "lessons": ("closure-no-lessons", "no lessons learned: add lessons (what to repeat or avoid next time)"),
    }[name]
    for page in _pages(registry):
        why = _closing(page)
        if why is None or getattr(page.model, name, None):
            continue
        yield Finding(rule, page, page, page.file, page.line(why), page.field(why), f"{_closing_text(page, why)} with {wanted}")


def _execution_no_baseline(registry: Registry) -> Iterator[Finding]:
    for page in _pages(registry):
        phase = getattr(page.model, "phase", None)
        if page.kind != "project" or phase not in ("execution", "monitoring") or page.status in _CLOSED:
            continue
        baseline = getattr(page.model, "baseline", None)
        if baseline is not None and baseline.end is not None:
            continue
        yield Finding(
            "execution-no-baseline", page, page, page.file, page.line("phase"), page.field("phase"),
            f"project '{page.title}' is in phase {phase} with no baseline end: approve the plan as baseline: {{start, end, budget}}",
        )


def _phase_dates(registry: Registry, today: dt.date, limit: int) -> Iterator[Finding]:
    # A project past its end is past-end's business; closed projects are left alone.
    for page in _pages(registry):
        phase = getattr(page.model, "phase", None)
        start = getattr(page.model, "start", None)
        if page.kind != "project" or start is None or page.status in _CLOSED:
            continue
        if phase in ("initiation", "planning"):
            age = (today - start).days
            if age <= limit:
                continue
            message = (f"project '{page.title}' is still in phase {phase} {_days(age)} after its start {start} "
                       f"(limit: {_days(limit)})")
            days = age
        elif phase in ("execution", "monitoring") and today < start:
            days = (start - today).days
            message = f"project '{page.title}' is in phase {phase} but starts {start}, in {_days(days)}"
        else:
            continue
        yield Finding("phase-dates", page, page, page.file, page.line("phase"), page.field("phase"), message, days)
