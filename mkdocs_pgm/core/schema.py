"""The front-matter schema (contract v1), as pydantic models.

One schema serves three purposes: validating pages at build time, the
``mkdocs-pgm check`` command, and the JSON Schema that editors use for
completion (``mkdocs-pgm schema``). Field docstrings become the schema's
descriptions and the generated reference in the docs.

Conventions:

* keys are normalised to snake_case before validation (``dependsOn`` is
  ``depends_on``), see :func:`mkdocs_pgm.core.text.normalize_key`;
* enum values are matched case-insensitively;
* a single value where a list is expected is a one-item list;
* ``2026-Q2`` and ``2026-04`` are accepted where a date is: their first day for
  a start, their last day for an end or a due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal, Optional, TypeVar, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .text import ID_PATTERN, REF_PATTERN

T = TypeVar("T")

# --------------------------------------------------------------------------- helpers


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _id_text(value: Any) -> Any:
    # YAML reads `id: 42` as a number; an id is text.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else value


_QUARTER_RE = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE_PATTERN = r"^\d{4}-(\d{2}(-\d{2})?|[Qq][1-4])$"


def _date_parser(end: bool) -> Any:
    def parse(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found {type(value).__name__} {value!r}")
        text = value.strip()
        match = _QUARTER_RE.match(text)
        if match:
            year, quarter = int(match.group(1)), int(match.group(2))
            if end:
                month = quarter * 3
                return dt.date(year, month, calendar.monthrange(year, month)[1])
            return dt.date(year, quarter * 3 - 2, 1)
        match = _MONTH_RE.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                raise ValueError(f"expected a month 01-12, found {text!r}")
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found {text!r}") from None

    return parse


_DATE_SCHEMA = WithJsonSchema(
    {"type": "string", "pattern": _DATE_PATTERN, "description": "ISO date (2026-03-31), month (2026-04) or quarter (2026-Q2)"}
)

StartDate = Annotated[dt.date, BeforeValidator(_date_parser(end=False)), _DATE_SCHEMA]
EndDate = Annotated[dt.date, BeforeValidator(_date_parser(end=True)), _DATE_SCHEMA]
EntityId = Annotated[str, StringConstraints(pattern=ID_PATTERN), BeforeValidator(_id_text)]
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN), BeforeValidator(_id_text)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]


def ListOf(item: Any) -> Any:  # noqa: N802 - reads like a type
    """A list that also accepts a single value (``decision_makers: Dana``)."""
    return Annotated[list[item], BeforeValidator(_as_list)]


def Enum(*values: str) -> Any:  # noqa: N802 - reads like a type
    """A lower-case enum matched case-insensitively."""
    return Annotated[Literal[values], BeforeValidator(_lower)]  # type: ignore[valid-type]


Health = Enum("green", "amber", "red")
Score = Annotated[int, Field(ge=1, le=5)]

_ALLOWED_SCHEMES = {"http", "https", "mailto"}
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def check_url(url: str) -> str:
    """Allow http, https, mailto and relative URLs; refuse every other scheme."""
    squashed = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    match = _SCHEME_RE.match(squashed)
    if match and match.group(1).lower() not in _ALLOWED_SCHEMES:
        raise ValueError(f"expected an http, https, mailto or relative URL, found scheme '{match.group(1)}:'")
    if squashed != url.strip():
        raise ValueError("expected a URL without spaces or control characters")
    return url.strip()


class Model(BaseModel):
    """Base of every front-matter model: unknown fields are reported."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, use_attribute_docstrings=True, allow_inf_nan=False)


# --------------------------------------------------------------------------- nested entries


class Stakeholder(Model):
    name: Text
    """Person or group."""
    role: Optional[Text] = None
    """Their role towards this page's subject (e.g. 'end users', 'finance')."""


class Link(Model):
    title: Optional[Text] = None
    """Text shown for the link (default: the URL)."""
    url: Text
    """``http``, ``https``, ``mailto`` or a relative URL; anything else is refused."""

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return check_url(value)


class Dependency(Model):
    id: Ref
    """What is depended on: a project, a program, or a milestone as ``PROJECT-ID#milestone-id``."""
    type: Enum("finish-to-start", "start-to-start", "informational") = "finish-to-start"
    """``finish-to-start`` (default): the target must finish before this starts; ``start-to-start``: it must start first; ``informational``: no scheduling meaning (may form cycles)."""
    note: Optional[Text] = None
    """Why the dependency exists."""


def _dependency(value: Any) -> Any:
    return {"id": value} if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


DependencyItem = Annotated[Dependency, BeforeValidator(_dependency)]


class Entry(Model):
    """Fields every nested entry has: an id (default: slug of the title) and a title."""

    required: ClassVar[tuple[str, ...]] = ()

    id: Optional[EntityId] = None
    """Stable id. Default: a slug of the title. Every entry is reachable as ``PAGE-ID#id``; an explicit id of a risk, decision, benefit, change, issue or assumption is also site-wide (``[[RSK-1]]``). A milestone id belongs to its page (``PAGE-ID#M1``); alone it resolves only while no other page uses it."""
    title: Text
    """What the entry is."""


class Milestone(Entry):
    date: Optional[EndDate] = None
    """When it is due (a month or quarter means its last day)."""
    status: Enum("planned", "done", "missed") = "planned"
    """``planned`` (default), ``done`` or ``missed``."""


class Deliverable(Model):
    title: Text
    """The output delivered."""
    status: Enum("planned", "in-progress", "done", "cancelled") = "planned"
    """``planned`` (default), ``in-progress``, ``done`` or ``cancelled``."""
    due: Optional[EndDate] = None
    """When it is due."""


def _deliverable(value: Any) -> Any:
    return {"title": value} if isinstance(value, str) else value


DeliverableItem = Annotated[Deliverable, BeforeValidator(_deliverable)]


class Risk(Entry):
    probability: Optional[Score] = None
    """Likelihood, 1 (rare) to 5 (almost certain)."""
    impact: Optional[Score] = None
    """Consequence, 1 (negligible) to 5 (severe). Score = probability × impact."""
    owner: Optional[Text] = None
    """Who manages the risk."""
    status: Enum("open", "mitigated", "closed", "occurred") = "open"
    """``open`` (default), ``mitigated``, ``closed`` or ``occurred``."""
    mitigation: Optional[Text] = None
    """What is done to reduce it."""
    raised: Optional[EndDate] = None
    """When it was raised."""
    escalated: Union[bool, EndDate, None] = None
    """``true`` or the date it was escalated to the program."""

    @property
    def score(self) -> int | None:
        if self.probability is None or self.impact is None:
            return None
        return self.probability * self.impact


class Assumption(Entry):
    owner: Optional[Text] = None
    """Who validates it."""
    status: Enum("open", "validated", "invalidated") = "open"
    """``open`` (default), ``validated`` or ``invalidated`` (an extension: the contract leaves it open)."""


class Issue(Entry):
    owner: Optional[Text] = None
    """Who resolves it."""
    status: Enum("open", "in-progress", "resolved", "closed") = "open"
    """``open`` (default), ``in-progress``, ``resolved`` or ``closed`` (an extension: the contract leaves it open)."""
    raised: Optional[EndDate] = None
    """When it was raised."""
    due: Optional[EndDate] = None
    """When it must be resolved."""
    escalated: Union[bool, EndDate, None] = None
    """``true`` or the date it was escalated."""


class ChangeImpact(Model):
    schedule_days: Optional[int] = None
    """Schedule impact in days (positive: later)."""
    cost: Optional[float] = None
    """Cost impact in the budget currency."""
    scope: Optional[Text] = None
    """Scope impact, in words."""


class ChangeRequest(Entry):
    raised: Optional[EndDate] = None
    """When it was requested."""
    status: Enum("requested", "approved", "rejected", "implemented") = "requested"
    """``requested`` (default), ``approved``, ``rejected`` or ``implemented``."""
    impact: Optional[ChangeImpact] = None
    """Schedule, cost and scope impact."""
    decision: Optional[Ref] = None
    """The decision that settled it."""


_MADR_SUPERSEDED = re.compile(r"^\s*superseded\s+by\s+\[?([^\]\s]+?)\]?(\(.*\))?\s*$", re.IGNORECASE)


_DECISION_STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")


def _decision_status(value: Any) -> Any:
    if isinstance(value, str) and _MADR_SUPERSEDED.match(value):
        return "superseded"
    return _lower(value)


DecisionStatus = Annotated[
    Literal[_DECISION_STATUSES],  # type: ignore[valid-type]
    BeforeValidator(_decision_status),
    WithJsonSchema({"anyOf": [{"enum": list(_DECISION_STATUSES)}, {"type": "string", "pattern": "^[Ss]uperseded by .+$"}]}),
]


class DecisionFields(Model):
    """The fields of a decision record (MADR 4 plus governance links)."""

    #: Required (checked after validation, so a record missing one still builds).
    required: ClassVar[tuple[str, ...]] = ("status", "date")

    status: Optional[DecisionStatus] = None
    """Required. ``proposed``, ``accepted``, ``rejected``, ``deprecated`` or ``superseded``; MADR's ``superseded by DEC-012`` is read as ``superseded`` plus the link."""
    date: Optional[EndDate] = None
    """Required. When it was decided (or proposed)."""
    decision_makers: ListOf(Text) = []
    """Who decided (alias ``deciders``)."""
    consulted: ListOf(Text) = []
    """Whose opinion was sought."""
    informed: ListOf(Text) = []
    """Who is kept up to date."""
    supersedes: ListOf(Ref) = []
    """Earlier decisions this one replaces; their ``superseded_by`` is derived."""
    scope: Optional[Ref] = None
    """The program, project or portfolio the decision belongs to."""
    affects: ListOf(Ref) = []
    """Other entities the decision changes."""
    forum: Optional[Text] = None
    """Where it was taken (e.g. "steering review")."""
    change_request: Optional[Ref] = None
    """The change request it settles."""

    #: The later decision named by MADR's ``status: superseded by DEC-012``.
    _superseded_by: Optional[str] = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _madr_status(cls, data: Any, handler: Any) -> Any:
        link = None
        if isinstance(data, dict) and isinstance(data.get("status"), str):
            match = _MADR_SUPERSEDED.match(data["status"])
            if match:
                link = match.group(1)
        model = handler(data)
        model._superseded_by = link
        return model


class DecisionEntry(Entry, DecisionFields):
    """A decision kept inside a project or program page (its scope is that page)."""

    required: ClassVar[tuple[str, ...]] = ("status", "date")


class Kpi(Model):
    name: Text
    """What is measured."""
    target: Optional[float] = None
    """Target value."""
    actual: Optional[float] = None
    """Current value."""
    unit: Optional[Text] = None
    """Unit (%, days, EUR…)."""


class Benefit(Entry):
    kpi: Optional[Text] = None
    """The measure that shows the benefit."""
    baseline: Optional[float] = None
    """Value before the program."""
    target: Optional[float] = None
    """Value to reach."""
    actual: Optional[float] = None
    """Value reached so far."""
    unit: Optional[Text] = None
    """Unit of baseline, target and actual."""
    due: Optional[EndDate] = None
    """When the target should be reached."""
    owner: Optional[Text] = None
    """Who is accountable for realising it."""
    status: Enum("planned", "realizing", "realized", "at-risk") = "planned"
    """``planned`` (default), ``realizing``, ``realized`` or ``at-risk``."""


class Forum(Model):
    name: Text
    """E.g. "Steering review"."""
    cadence: Optional[Text] = None
    """E.g. "monthly", "quarterly"."""
    chair: Optional[Text] = None
    """Who chairs it."""


class Governance(Model):
    forums: ListOf(Forum) = []
    """Governance forums (steering reviews, design authorities…)."""
    escalation: ListOf(Text) = []
    """Ordered escalation path: roles or names, first step first."""
    risk_threshold: Optional[Annotated[int, Field(ge=1, le=25)]] = None
    """A risk scoring (probability × impact) at or above this must be escalated to the program."""


class Baseline(Model):
    start: Optional[StartDate] = None
    """Approved start."""
    end: Optional[EndDate] = None
    """Approved end; schedule variance is measured against it."""
    budget: Optional[float] = None
    """Approved budget; cost variance is measured against it."""


class Budget(Model):
    planned: Optional[float] = None
    """Planned cost."""
    actual: Optional[float] = None
    """Cost so far."""
    currency: Optional[Annotated[str, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v), StringConstraints(pattern=r"^[A-Z]{3}$")]] = None
    """ISO 4217 code; default from the plugin's ``currency`` option."""


# --------------------------------------------------------------------------- pages


class Page(Model):
    """Fields common to every page type."""

    #: Fields the contract requires for this type (checked after validation, so
    #: that a page missing one still builds).
    required: ClassVar[tuple[str, ...]] = ()
    kind: ClassVar[str] = ""

    type: str
    """``portfolio``, ``program``, ``project`` or ``decision``: what the page describes."""
    id: Optional[EntityId] = None
    """Site-wide unique key (case-insensitive). Default: the file stem upper-cased (``index.md`` takes its folder's name)."""
    title: Optional[Text] = None
    """Default: the page's first ``# heading``, else the id."""
    summary: Optional[Text] = None
    """One line, shown in tables and search results."""
    owner: Optional[Text] = None
    """Accountable person or team."""
    sponsor: Optional[Text] = None
    """Executive sponsor."""
    stakeholders: ListOf(Union[Stakeholder, Text]) = []
    """People and groups with a stake: ``{name, role}`` or a name."""
    tags: ListOf(Text) = []
    """Passed through to Material's tags plugin when it is enabled."""
    reviewed: Optional[EndDate] = None
    """Date of the last governance review of this page."""
    links: ListOf(Link) = []
    """External references (tickets, dashboards): ``{title, url}``."""
    depends_on: ListOf(DependencyItem) = []
    """Ids this depends on, or ``{id, type, note}``; scheduling semantics for projects and programs, informational otherwise."""


class Raid(Model):
    """Decision log and RAID lists shared by projects and programs."""

    decisions: ListOf(DecisionEntry) = []
    """Decision log entries kept on this page."""
    risks: ListOf(Risk) = []
    """RAID: risks."""
    assumptions: ListOf(Assumption) = []
    """RAID: assumptions."""
    issues: ListOf(Issue) = []
    """RAID: issues."""
    changes: ListOf(ChangeRequest) = []
    """Formal change requests."""


class PortfolioPage(Page):
    kind: ClassVar[str] = "portfolio"
    objectives: ListOf(Text) = []
    """Strategic objectives."""


class ProgramPage(Page, Raid):
    kind: ClassVar[str] = "program"
    required: ClassVar[tuple[str, ...]] = ("owner",)
    portfolio: Optional[Ref] = None
    """The portfolio this program belongs to."""
    status: Enum("proposed", "active", "on-hold", "completed", "cancelled") = "active"
    """``proposed``, ``active`` (default), ``on-hold``, ``completed`` or ``cancelled``."""
    health: Optional[Health] = None
    """RAG status ``green``, ``amber`` or ``red``; default: the worst health of its projects."""
    vision: Optional[Text] = None
    """The future state the program works towards."""
    objectives: ListOf(Text) = []
    """Strategic objectives."""
    benefits: ListOf(Benefit) = []
    """Benefits roadmap; projects contribute with ``contributes_to``."""
    governance: Optional[Governance] = None
    """Forums, escalation path and risk threshold."""


class ProjectPage(Page, Raid):
    kind: ClassVar[str] = "project"
    required: ClassVar[tuple[str, ...]] = ("owner",)
    program: Optional[Ref] = None
    """The program this project belongs to (none for a standalone project)."""
    status: Enum("proposed", "planned", "active", "on-hold", "completed", "cancelled") = "planned"
    """``proposed``, ``planned`` (default), ``active``, ``on-hold``, ``completed`` or ``cancelled``."""
    health: Health = "green"
    """RAG status ``green`` (default), ``amber`` or ``red``."""
    phase: Optional[Enum("initiation", "planning", "execution", "monitoring", "closure")] = None
    """Lifecycle phase: ``initiation``, ``planning``, ``execution``, ``monitoring`` or ``closure``."""
    start: Optional[StartDate] = None
    """Planned start; with ``end``, needed to appear on a roadmap."""
    end: Optional[EndDate] = None
    """Planned end."""
    baseline: Optional[Baseline] = None
    """The approved plan: ``{start, end, budget}``."""
    budget: Optional[Budget] = None
    """``{planned, actual, currency}``."""
    progress: Optional[Annotated[float, Field(ge=0, le=100)]] = None
    """Percent complete, 0-100."""
    contributes_to: ListOf(Ref) = []
    """Ids of the program benefits this project serves."""
    milestones: ListOf(Milestone) = []
    """Key dates: ``{id, title, date, status}``."""
    deliverables: ListOf(DeliverableItem) = []
    """Outputs: titles or ``{title, status, due}``."""
    kpis: ListOf(Kpi) = []
    """Measures: ``{name, target, actual, unit}``."""


class DecisionPage(Page, DecisionFields):
    """A decision record of its own (ADR style; a MADR 4 file with ``type: decision`` works unchanged)."""

    kind: ClassVar[str] = "decision"
    required: ClassVar[tuple[str, ...]] = ("status", "date")


PAGE_MODELS: dict[str, type[Page]] = {
    "portfolio": PortfolioPage,
    "program": ProgramPage,
    "project": ProjectPage,
    "decision": DecisionPage,
}

NESTED_KINDS: dict[str, type[Entry]] = {
    "milestones": Milestone,
    "decisions": DecisionEntry,
    "risks": Risk,
    "assumptions": Assumption,
    "issues": Issue,
    "changes": ChangeRequest,
    "benefits": Benefit,
}
