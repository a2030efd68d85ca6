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
  a start, their last day for an end or a due date; no other form is a date;
* dates, amounts and numbers of days are bounded (:mod:`mkdocs_pgm.core.limits`);
  booleans are not numbers, and ids must be written as text;
* text is bounded: short text (titles, names) and prose are cut, with a warning,
  to ``limits.MAX_SHORT_TEXT`` and ``limits.MAX_LONG_TEXT`` characters.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
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
from pydantic_core import PydanticCustomError

from ..diagnostics import describe
from ..limits import MAX_AMOUNT, MAX_DATE, MAX_DAYS, MAX_LONG_TEXT, MAX_SHORT_TEXT, MIN_DATE
from ..text import ID_PATTERN, REF_PATTERN

T = TypeVar("T")

# --------------------------------------------------------------------------- helpers


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


#: The error type of an id or reference that YAML read as a number or a boolean
#: (``id: 1.50`` is the number 1.5): validation names the text to quote.
ID_NOT_TEXT = "id_not_text"


def _id_text(value: Any) -> Any:
    # YAML reads `id: 1.50` as the number 1.5, `id: 042` as 42, `id: yes` as
    # true: converting back cannot restore what was written, so it is refused.
    if isinstance(value, (bool, int, float)):
        raise PydanticCustomError(ID_NOT_TEXT, "expected an id written as text: quote it")
    return value.strip() if isinstance(value, str) else value


# The three documented forms, and nothing else (``date.fromisoformat`` would
# also take 2026-W10 and 20260101). Each pattern is anchored and linear.
_QUARTER_RE = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = r"(19[0-9]{2}|2[0-9]{3})"
_DATE_PATTERN = (
    rf"^{_YEAR}-((0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|[Qq][1-4])$"
)
_DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY-Qn"
_DATE_RANGE = f"expected a date from {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"


def _in_range(day: dt.date, written: str) -> dt.date:
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(f"{_DATE_RANGE}, found {written}")
    return day


def _date_parser(end: bool) -> Any:
    def parse(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return _in_range(value.date(), value.date().isoformat())
        if isinstance(value, dt.date):
            return _in_range(value, value.isoformat())
        if not isinstance(value, str):
            raise ValueError(f"expected a date ({_DATE_FORMS}), found {type(value).__name__} {value!r}")
        text = value.strip()
        for pattern in (_QUARTER_RE, _MONTH_RE, _DAY_RE):
            match = pattern.match(text)
            if match:
                break
        else:
            raise ValueError(f"expected a date ({_DATE_FORMS}), found {describe(text)}")
        year = int(match.group(1))
        if not MIN_DATE.year <= year <= MAX_DATE.year:
            raise ValueError(f"{_DATE_RANGE}, found {text}")
        if pattern is _QUARTER_RE:
            quarter = int(match.group(2))
            month = quarter * 3 if end else quarter * 3 - 2
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        month = int(match.group(2))
        if pattern is _MONTH_RE:
            if not 1 <= month <= 12:
                raise ValueError(f"expected a month 01-12, found {text!r}")
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        try:
            return dt.date(year, month, int(match.group(3)))
        except ValueError:
            raise ValueError(f"expected a date ({_DATE_FORMS}), found {text!r}") from None

    return parse


_DATE_SCHEMA = WithJsonSchema(
    {
        "type": "string",
        "pattern": _DATE_PATTERN,
        "description": f"ISO date (2026-03-31), month (2026-04) or quarter (2026-Q2), from {MIN_DATE.year} to {MAX_DATE.year}",
    }
)

StartDate = Annotated[dt.date, BeforeValidator(_date_parser(end=False)), _DATE_SCHEMA]
EndDate = Annotated[dt.date, BeforeValidator(_date_parser(end=True)), _DATE_SCHEMA]
EntityId = Annotated[str, StringConstraints(pattern=ID_PATTERN), BeforeValidator(_id_text)]
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN), BeforeValidator(_id_text)]
#: Text without a length limit (URLs: cutting one would break it).
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
#: Titles, names, owners, units, tags: repeated in tables, search entries and
#: diagrams. Longer values are cut with a warning (validate handles pydantic's
#: ``string_too_long`` error by keeping the cut text).
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_SHORT_TEXT)]
#: Prose (summary, vision, objectives, mitigation, notes, scope of a change).
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_LONG_TEXT)]


def _number(limit: float, what: str) -> Any:
    """Refuse booleans (YAML's ``true`` is not 1) and numbers beyond ``limit``."""

    def check(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"expected a number, found {describe(value)}")
        # Non-finite floats are left to pydantic ("expected a finite number").
        if isinstance(value, (int, float)) and (isinstance(value, int) or math.isfinite(value)) and abs(value) > limit:
            raise ValueError(f"expected {what} from {-limit:,.0f} to {limit:,.0f}, found {_number_text(value)}")
        return value

    return check


def _number_text(value: int | float) -> str:
    """A number as a message shows it (``1e+26``); huge integers are shortened."""
    if isinstance(value, int) and abs(value) >= 10**16:
        digits = str(abs(value))
        return f"{'-' if value < 0 else ''}{digits[0]}.{digits[1:6]}e+{len(digits) - 1}"
    return str(value) if isinstance(value, int) else f"{value:.15g}"


def _amount_schema(kind: str, limit: float) -> WithJsonSchema:
    bound: float = int(limit)
    return WithJsonSchema({"type": kind, "minimum": -bound, "maximum": bound})


_AMOUNT = _number(MAX_AMOUNT, "an amount")
_DAYS = _number(MAX_DAYS, "a number of days")
#: Budget, cost, KPI and benefit values: finite, within ±limits.MAX_AMOUNT.
Amount = Annotated[float, BeforeValidator(_AMOUNT), AfterValidator(_AMOUNT), _amount_schema("number", MAX_AMOUNT)]
Days = Annotated[int, BeforeValidator(_DAYS), _amount_schema("integer", MAX_DAYS)]
_NOT_BOOL = _number(float("inf"), "a number")


#: A list that also accepts a single value (``decision_makers: Dana``): ``ListOf[ShortText]``.
ListOf = Annotated[list[T], BeforeValidator(_as_list)]
#: A lower-case enum matched case-insensitively: ``Enum[Literal["green", "amber", "red"]]``.
Enum = Annotated[T, BeforeValidator(_lower)]

Health = Enum[Literal["green", "amber", "red"]]
Score = Annotated[int, Field(ge=1, le=5), BeforeValidator(_NOT_BOOL)]

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



#: ``escalated``: ``true``/``false``, the date it was escalated, or the step of the escalation path it is at
#: (tried in this order: ``2026-Q3`` is a date, ``Steering review`` a step).
def _escalated(value: Any) -> Any:
    """Text written as a date (``2026-10``, even out of range) is read as one: only other text is a step."""
    if isinstance(value, str) and any(form.match(value.strip()) for form in (_QUARTER_RE, _MONTH_RE, _DAY_RE)):
        return _date_parser(end=True)(value)
    return value


Escalated = Annotated[bool | EndDate | ShortText, Field(union_mode="left_to_right"), BeforeValidator(_escalated)]

RiskStatus = Literal["open", "mitigated", "closed", "occurred"]
"""The statuses of a risk (see :mod:`.rules` for which are open)."""

class Model(BaseModel):
    """Base of every front-matter model: unknown fields are reported."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, use_attribute_docstrings=True, allow_inf_nan=False)


# --------------------------------------------------------------------------- nested entries


class Stakeholder(Model):
    name: ShortText
    """Person or group."""
    role: ShortText | None = None
    """Their role towards this page's subject (e.g. 'end users', 'finance')."""
    influence: Score | None = None
    """Power over the program, 1 (little) to 5 (decisive): with ``interest``, places them on the power/interest map of a program page."""
    interest: Score | None = None
    """How much the outcome concerns them, 1 (little) to 5 (a great deal): with ``influence``, places them on the power/interest map."""


class TeamMember(Model):
    """A person working on a project or program (``team``); the same name on several pages, written in any case, is one person."""

    # ``from`` is a Python keyword: the field is ``from_``, written and exported as ``from``.
    model_config = ConfigDict(serialize_by_alias=True)

    name: ShortText
    """The person (the same name on another page, in any case and spacing, is the same person)."""
    role: ShortText | None = None
    """What they do here (e.g. 'lead architect')."""
    allocation: Annotated[float, Field(ge=0, le=100), BeforeValidator(_NOT_BOOL)] | None = None
    """Percent of the person's time given to this page, 0-100; without it they are listed but not counted in their load."""
    from_: StartDate | None = Field(default=None, alias="from")
    """First day of the assignment. Default: the project's ``start`` (on a program: the earliest start of its projects)."""
    to: EndDate | None = None
    """Last day of the assignment. Default: the project's ``end`` (on a program: the latest end of its projects)."""

    @model_validator(mode="after")
    def _ordered(self) -> TeamMember:
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise ValueError(f"expected 'to' on or after 'from' ({self.from_}), found {self.to}")
        return self


class Link(Model):
    title: ShortText | None = None
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
    type: Enum[Literal["finish-to-start", "start-to-start", "informational"]] = "finish-to-start"
    """``finish-to-start`` (default): the target must finish before this starts; ``start-to-start``: it must start first; ``informational``: no scheduling meaning (may form cycles)."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    lag_days: Days = 0
    """Days of lag (negative: lead) added to the constraint: finish-to-start, this may start ``lag_days`` days later than the day after the target ends; start-to-start, ``lag_days`` days after it starts. Ignored for ``informational``."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    note: LongText | None = None
    """Why the dependency exists."""


def _dependency(value: Any) -> Any:
    return {"id": value} if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


DependencyItem = Annotated[Dependency, BeforeValidator(_dependency)]


class Entry(Model):
    """Fields every nested entry has: an id (default: slug of the title) and a title."""

    required: ClassVar[tuple[str, ...]] = ()

    id: EntityId | None = None
    """Stable id. Default: a slug of the title. Every entry is reachable as ``PAGE-ID#id``; an explicit id of a risk, decision, benefit, change, issue or assumption is also site-wide (``[[RSK-1]]``). A milestone id belongs to its page (``PAGE-ID#M1``); alone it resolves only while no other page uses it."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    title: ShortText
    """What the entry is."""


class Milestone(Entry):
    date: EndDate | None = None
    """When it is due (a month or quarter means its last day)."""
    status: Enum[Literal["planned", "done", "missed"]] = "planned"
    """``planned`` (default), ``done`` or ``missed``."""


class Deliverable(Model):
    title: ShortText
    """The output delivered."""
    status: Enum[Literal["planned", "in-progress", "done", "cancelled"]] = "planned"
    """``planned`` (default), ``in-progress``, ``done`` or ``cancelled``."""
    due: EndDate | None = None
    """When it is due."""


def _deliverable(value: Any) -> Any:
    return {"title": value} if isinstance(value, str) else value


DeliverableItem = Annotated[Deliverable, BeforeValidator(_deliverable)]


class Risk(Entry):
    probability: Score | None = None
    """Likelihood, 1 (rare) to 5 (almost certain)."""
    impact: Score | None = None
    """Consequence, 1 (negligible) to 5 (severe). Score = probability × impact."""
    owner: ShortText | None = None
    """Who manages the risk."""
    status: Enum[RiskStatus] = "open"
    """``open`` (default), ``mitigated``, ``closed`` or ``occurred``."""
    mitigation: LongText | None = None
    """What is done to reduce it."""
    raised: EndDate | None = None
    """When it was raised."""
    escalated: Escalated | None = None
    """Where the risk has been escalated: ``true`` or the date it was escalated (to the first step it goes to, see the escalation rule), or the step of the escalation path it is at now (``escalated: Steering review``); the next step is the one after it."""  # noqa: E501 - one line: it is the field's description in the JSON Schema

    @property
    def score(self) -> int | None:
        if self.probability is None or self.impact is None:
            return None
        return self.probability * self.impact


class Assumption(Entry):
    owner: ShortText | None = None
    """Who validates it."""
    status: Enum[Literal["open", "validated", "invalidated"]] = "open"
    """``open`` (default), ``validated`` or ``invalidated`` (an extension: the contract leaves it open)."""


class Issue(Entry):
    owner: ShortText | None = None
    """Who resolves it."""
    status: Enum[Literal["open", "in-progress", "resolved", "closed"]] = "open"
    """``open`` (default), ``in-progress``, ``resolved`` or ``closed`` (an extension: the contract leaves it open)."""
    raised: EndDate | None = None
    """When it was raised."""
    due: EndDate | None = None
    """When it must be resolved."""
    impact: Score | None = None
    """Consequence, 1 (negligible) to 5 (severe). An issue has happened: its score is impact × 5, compared with the escalation threshold while it is ``open`` or ``in-progress``."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    escalated: Escalated | None = None
    """Where the issue has been escalated: ``true``, a date, or the step of the escalation path it is at now, as for a risk."""

    @property
    def score(self) -> int | None:
        """Impact × 5: an issue is certain (no impact: no score)."""
        return None if self.impact is None else self.impact * 5


class ChangeImpact(Model):
    schedule_days: Days | None = None
    """Schedule impact in days (positive: later)."""
    cost: Amount | None = None
    """Cost impact in the budget currency."""
    scope: LongText | None = None
    """Scope impact, in words."""


class ChangeRequest(Entry):
    raised: EndDate | None = None
    """When it was requested."""
    status: Enum[Literal["requested", "approved", "rejected", "implemented"]] = "requested"
    """``requested`` (default), ``approved``, ``rejected`` or ``implemented``."""
    impact: ChangeImpact | None = None
    """Schedule, cost and scope impact."""
    decision: Ref | None = None
    """The decision that settled it."""


# MADR's "superseded by ADR-0005", "superseded by [ADR-0005]" and "superseded by
# [ADR-0005](0005-use-postgres.md)" (group 1: the id, group 2: a link written after it).
# Linear: the id is one run of characters that cannot start what follows it (']', '(' or
# a space), and the optional '(link)' is the rest of the text.
_MADR_SUPERSEDED = re.compile(r"^\s*superseded\s+by\s+\[?([^\]\s(]+)\]?(\(.*\))?\s*\Z", re.IGNORECASE | re.DOTALL)
# "superseded by [text](file.md)": a Markdown link to the successor's file, whatever its text
# (adr-tools writes "[5. Use Postgres](0005-use-postgres.md)"). Group 1: the text, 2: the target.
_MADR_SUPERSEDED_LINK = re.compile(
    r"^\s*superseded\s+by\s*\[([^\]\n]*)\]\(\s*<?([^()<>\s]*)>?\s*\)\s*\Z", re.IGNORECASE,
)
_ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class StatusMeaning:
    """What a status means for display and for the health of the model."""

    label: str
    """How it is shown (badges, Material's navigation tooltip)."""
    decided: bool = True
    """Taken (accepted or rejected, in force or not): the calendar export confirms its event."""
    pending: bool = False
    """Awaiting a decision: listed as waiting on the dashboard, ``stale-decision`` when it waits too long,
    ``TENTATIVE`` in the calendar export."""
    settled: bool = False
    """No longer in force or never was: needs no more reviews (``stale-review`` skips it)."""
    in_force: bool = False
    """Taken and in force, or was until superseded: a valid successor of a superseded decision."""


#: The statuses of a decision record, in lifecycle order: the one table every view and check reads.
DECISION_STATUSES: dict[str, StatusMeaning] = {
    "draft": StatusMeaning("Decision draft", decided=False),
    "proposed": StatusMeaning("Proposed", decided=False, pending=True),
    "accepted": StatusMeaning("Decision accepted", in_force=True),
    "rejected": StatusMeaning("Decision rejected", settled=True),
    "deprecated": StatusMeaning("Deprecated", settled=True),
    "superseded": StatusMeaning("Decision superseded", settled=True, in_force=True),
}
DecisionStatusName = Literal["draft", "proposed", "accepted", "rejected", "deprecated", "superseded"]
_DECISION_STATUSES: tuple[str, ...] = get_args(DecisionStatusName)
assert tuple(DECISION_STATUSES) == _DECISION_STATUSES, "the Literal and the table list the same statuses"


def _decision_status(value: Any) -> Any:
    if isinstance(value, str) and madr_successor(value) is not None:
        return "superseded"
    return _lower(value)


def madr_successor(status: str) -> Successor | None:
    """The successor MADR's ``superseded by …`` names (None for any other status)."""
    link = _MADR_SUPERSEDED_LINK.match(status)
    if link is not None:
        text = link.group(1).strip()
        return Successor(text if _ID_RE.match(text) else None, link.group(2) or None)
    match = _MADR_SUPERSEDED.match(status)
    return Successor(match.group(1)) if match is not None else None


def _names(value: Any) -> Any:
    """People as a YAML list, one name, or one comma-separated string (``Ana, Bo``), as MADR writes them."""
    if isinstance(value, str):
        return [name.strip() for name in value.split(",") if name.strip()]
    return _as_list(value)


DecisionStatus = Annotated[
    DecisionStatusName,
    BeforeValidator(_decision_status),
    WithJsonSchema({"anyOf": [{"enum": list(_DECISION_STATUSES)}, {"type": "string", "pattern": "^[Ss]uperseded by .+$"}]}),
]
#: Names as a list, one name or a comma-separated string (a name with a comma needs the list form).
Names = Annotated[list[ShortText], BeforeValidator(_names)]


@dataclass(frozen=True)
class Successor:
    """The later decision named by MADR's ``status: superseded by …``."""

    id: str | None
    """The id written (or the link's text when it is an id)."""
    file: str | None = None
    """The link's target (``0005-use-postgres.md``), relative to the page, when the status links."""


class DecisionFields(Model):
    """The fields of a decision record (MADR 4 plus governance links)."""

    #: Required (checked after validation, so a record missing one still builds).
    required: ClassVar[tuple[str, ...]] = ("status", "date")

    status: DecisionStatus | None = None
    """Required. ``draft``, ``proposed``, ``accepted``, ``rejected``, ``deprecated`` or ``superseded``; MADR's ``superseded by ADR-0005`` or ``superseded by [ADR-0005](0005-use-postgres.md)`` is read as ``superseded`` plus the link."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    date: EndDate | None = None
    """Required. When it was decided (or proposed)."""
    decision_makers: Names = []
    """Who decided (alias ``deciders``): a list, or names separated by commas."""
    consulted: Names = []
    """Whose opinion was sought: a list, or names separated by commas."""
    informed: Names = []
    """Who is kept up to date: a list, or names separated by commas."""
    supersedes: ListOf[Ref] = []
    """Earlier decisions this one replaces; their ``superseded_by`` is derived."""
    scope: Ref | None = None
    """The program, project or portfolio the decision belongs to."""
    affects: ListOf[Ref] = []
    """Other entities the decision changes."""
    forum: ShortText | None = None
    """Where it was taken (e.g. "steering review")."""
    change_request: Ref | None = None
    """The change request it settles."""

    #: The later decision named by MADR's ``status: superseded by ADR-0005``.
    _successor: Successor | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _madr_status(cls, data: Any, handler: Any) -> Any:
        successor = None
        if isinstance(data, dict) and isinstance(data.get("status"), str):
            successor = madr_successor(data["status"])
        model = handler(data)
        model._successor = successor  # noqa: SLF001 - the model's own attribute, set by its validator
        return model

    @property
    def madr_successor(self) -> Successor | None:
        """The later decision named by MADR's ``status: superseded by …``, if any."""
        return self._successor

    @property
    def madr_superseded_by(self) -> str | None:
        """The id of the later decision named by MADR's ``status: superseded by ADR-0005``, if written."""
        return self._successor.id if self._successor is not None else None


class DecisionEntry(Entry, DecisionFields):
    """A decision kept inside a project or program page (its scope is that page)."""

    required: ClassVar[tuple[str, ...]] = ("status", "date")


class Kpi(Model):
    name: ShortText
    """What is measured."""
    target: Amount | None = None
    """Target value."""
    actual: Amount | None = None
    """Current value."""
    unit: ShortText | None = None
    """Unit (%, days, EUR…)."""


class Measurement(Model):
    """One value of a benefit's measure, taken on a date (``{date: 2026-06-30, value: 2.1}``)."""

    date: EndDate
    """When the value was measured (a month or quarter means its last day)."""
    value: Amount
    """The value measured, in the benefit's ``unit``."""
    note: LongText | None = None
    """Where the value comes from, or what explains it."""


class Benefit(Entry):
    kpi: ShortText | None = None
    """The measure that shows the benefit."""
    baseline: Amount | None = None
    """Value before the program."""
    target: Amount | None = None
    """Value to reach."""
    actual: Amount | None = None
    """Value reached so far. Default: the value of the latest of ``measurements``; one written here wins over them."""
    measurements: ListOf[Measurement] = []
    """Values measured over time, in any order: ``[{date, value, note}]``. The latest (by date; on the same date, the last written) gives ``actual`` when it is not written, and the benefit's trend is drawn from them."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    unit: ShortText | None = None
    """Unit of baseline, target, actual and measurements."""
    due: EndDate | None = None
    """When the target should be reached."""
    owner: ShortText | None = None
    """Who is accountable for realising it."""
    status: Enum[Literal["planned", "realizing", "realized", "at-risk"]] = "planned"
    """``planned`` (default), ``realizing``, ``realized`` or ``at-risk``."""

    #: Whether ``actual`` was taken from the latest measurement (not written).
    _actual_measured: bool = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _actual_from_measurements(self) -> Benefit:
        if self.actual is None and self.measurements:
            self.actual = self.latest_measurement.value  # type: ignore[union-attr]
            self._actual_measured = True
        return self

    @property
    def trend(self) -> list[Measurement]:
        """The measurements in date order (on the same date, in the order written)."""
        return sorted(self.measurements, key=lambda m: m.date)

    @property
    def latest_measurement(self) -> Measurement | None:
        """The measurement with the latest date (on the same date, the last written), if any."""
        return self.trend[-1] if self.measurements else None

    @property
    def actual_measured(self) -> bool:
        """Whether ``actual`` is the value of the latest measurement, not written on the benefit."""
        return self._actual_measured


class Forum(Model):
    name: ShortText
    """E.g. "Steering review"."""
    cadence: ShortText | None = None
    """E.g. "monthly", "quarterly"."""
    chair: ShortText | None = None
    """Who chairs it."""


class Governance(Model):
    forums: ListOf[Forum] = []
    """Governance forums (steering reviews, design authorities…)."""
    escalation: ListOf[ShortText] = []
    """Ordered escalation path: roles, names or forums, first step first. Steps before the one naming the program's ``owner`` (or, when no step names it, the leading steps that mention "project") are project-level; a program's path continues with its portfolio's."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    risk_threshold: Annotated[int, Field(ge=1, le=25), BeforeValidator(_NOT_BOOL)] | None = None
    """An open risk (probability × impact) or issue (impact × 5) scoring at or above this must be escalated to the program; on a portfolio page, the threshold of its programs that set none."""  # noqa: E501 - one line: it is the field's description in the JSON Schema


class Baseline(Model):
    start: StartDate | None = None
    """Approved start."""
    end: EndDate | None = None
    """Approved end; schedule variance is measured against it."""
    budget: Amount | None = None
    """Approved budget; cost variance is measured against it."""


class Budget(Model):
    planned: Amount | None = None
    """Planned cost."""
    actual: Amount | None = None
    """Cost so far."""
    currency: Annotated[str, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v), StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    """ISO 4217 code; default from the plugin's ``currency`` option."""


class Acceptance(Model):
    """Formal acceptance of a project's or program's output: who signed it off, and when."""

    by: ShortText
    """Who accepted the output (a person, role or forum)."""
    date: EndDate
    """When it was accepted."""
    note: LongText | None = None
    """Conditions, reservations or where the sign-off is recorded."""


class Lesson(Model):
    """A lesson learned: a title, and optionally what happened and what to do next time."""

    title: ShortText
    """The lesson in one line."""
    detail: LongText | None = None
    """What happened, and what to do differently (or again) next time."""


def _lesson(value: Any) -> Any:
    if isinstance(value, str):
        return {"title": value}
    if not isinstance(value, dict):
        raise ValueError(f"expected a lesson: text or {{title, detail}}, found {describe(value)}")
    return value


def _acceptance(value: Any) -> Any:
    if value is not None and not isinstance(value, dict):
        raise ValueError(f"expected {{by, date, note}}: who accepted the output and when, found {describe(value)}")
    return value


LessonItem = Annotated[Lesson, BeforeValidator(_lesson)]
AcceptanceItem = Annotated[Acceptance, BeforeValidator(_acceptance)]

ProjectStatus = Literal["proposed", "planned", "active", "on-hold", "completed", "cancelled"]
"""The statuses of a project (a project page's ``status``, and that of its status updates)."""
ProgramStatus = Literal["proposed", "active", "on-hold", "completed", "cancelled"]
"""The statuses of a program (a program page's ``status``, and that of its status updates)."""


class StatusUpdate(Model):
    """A status update written by the team (``updates``): the date, the status and health then, and what happened."""

    date: EndDate
    """When the update was written (a month or quarter means its last day)."""
    status: Enum[ProjectStatus] | None = None
    """The status then, from the page's status vocabulary: ``proposed``, ``planned``, ``active``, ``on-hold``, ``completed`` or ``cancelled``."""
    health: Health | None = None
    """The RAG status then: ``green``, ``amber`` or ``red``."""
    summary: LongText
    """What happened since the previous update, and what comes next."""


class ProgramUpdate(StatusUpdate):
    """A status update of a program (``updates``): as a project's, with the program's statuses."""

    status: Enum[ProgramStatus] | None = None
    """The status then: ``proposed``, ``active``, ``on-hold``, ``completed`` or ``cancelled``."""


# --------------------------------------------------------------------------- pages


class Page(Model):
    """Fields common to every page type."""

    #: Fields the contract requires for this type (checked after validation, so
    #: that a page missing one still builds).
    required: ClassVar[tuple[str, ...]] = ()
    kind: ClassVar[str] = ""

    type: str
    """``portfolio``, ``program``, ``project`` or ``decision``: what the page describes."""
    id: EntityId | None = None
    """Site-wide unique key (case-insensitive). Default: the file stem upper-cased (``index.md`` takes its folder's name)."""
    title: ShortText | None = None
    """Default: the page's first ``# heading``, else the id."""
    summary: LongText | None = None
    """One line, shown in tables and search results."""
    owner: ShortText | None = None
    """Accountable person or team."""
    sponsor: ShortText | None = None
    """Executive sponsor."""
    stakeholders: ListOf[Stakeholder | ShortText] = []
    """People and groups with a stake: ``{name, role}`` or a name."""
    tags: ListOf[ShortText] = []
    """Passed through to Material's tags plugin when it is enabled."""
    reviewed: EndDate | None = None
    """Date of the last governance review of this page."""
    links: ListOf[Link] = []
    """External references (tickets, dashboards): ``{title, url}``."""
    depends_on: ListOf[DependencyItem] = []
    """Ids this depends on, or ``{id, type, note}``; scheduling semantics for projects and programs, informational otherwise."""


class Raid(Model):
    """Decision log and RAID lists shared by projects and programs."""

    decisions: ListOf[DecisionEntry] = []
    """Decision log entries kept on this page."""
    risks: ListOf[Risk] = []
    """RAID: risks."""
    assumptions: ListOf[Assumption] = []
    """RAID: assumptions."""
    issues: ListOf[Issue] = []
    """RAID: issues."""
    changes: ListOf[ChangeRequest] = []
    """Formal change requests."""


class PortfolioPage(Page):
    kind: ClassVar[str] = "portfolio"
    objectives: ListOf[LongText] = []
    """Strategic objectives."""
    governance: Governance | None = None
    """Forums, escalation path and risk threshold of the portfolio: where escalations go past a program's path."""


class ProgramPage(Page, Raid):
    kind: ClassVar[str] = "program"
    required: ClassVar[tuple[str, ...]] = ("owner",)
    portfolio: Ref | None = None
    """The portfolio this program belongs to."""
    status: Enum[ProgramStatus] = "active"
    """``proposed``, ``active`` (default), ``on-hold``, ``completed`` or ``cancelled``."""
    health: Health | None = None
    """RAG status ``green``, ``amber`` or ``red``; default: the worst health of its projects."""
    vision: LongText | None = None
    """The future state the program works towards."""
    objectives: ListOf[LongText] = []
    """Strategic objectives."""
    benefits: ListOf[Benefit] = []
    """Benefits roadmap; projects contribute with ``contributes_to``."""
    governance: Governance | None = None
    """Forums, escalation path and risk threshold."""
    team: ListOf[TeamMember] = []
    """People working on the program itself: ``{name, role, allocation, from, to}``; its projects list their own."""
    acceptance: AcceptanceItem | None = None
    """Sign-off of the program's outcome when it closes: ``{by, date, note}``; a completed program without it is a ``closure-no-acceptance`` finding."""
    lessons: ListOf[LessonItem] = []
    """Lessons learned: strings or ``{title, detail}``; listed on the lessons page. A completed program without any is a ``closure-no-lessons`` finding."""
    updates: ListOf[ProgramUpdate] = []
    """Status updates written by the team: ``{date, status, health, summary}``, newest first or in any order. The latest (by date; on the same date, the last written) is shown on the card and counts as the last review (``stale-review``); the page lists them all, newest first."""  # noqa: E501 - one line: it is the field's description in the JSON Schema


class ProjectPage(Page, Raid):
    kind: ClassVar[str] = "project"
    required: ClassVar[tuple[str, ...]] = ("owner",)
    program: Ref | None = None
    """The program this project belongs to (none for a standalone project)."""
    status: Enum[ProjectStatus] = "planned"
    """``proposed``, ``planned`` (default), ``active``, ``on-hold``, ``completed`` or ``cancelled``."""
    health: Health = "green"
    """RAG status ``green`` (default), ``amber`` or ``red``."""
    phase: Enum[Literal["initiation", "planning", "execution", "monitoring", "closure"]] | None = None
    """Lifecycle phase: ``initiation``, ``planning``, ``execution``, ``monitoring`` or ``closure``."""
    start: StartDate | None = None
    """Planned start; with ``end``, needed to appear on a roadmap."""
    end: EndDate | None = None
    """Planned end."""
    baseline: Baseline | None = None
    """The approved plan: ``{start, end, budget}``."""
    budget: Budget | None = None
    """``{planned, actual, currency}``."""
    progress: Annotated[float, Field(ge=0, le=100), BeforeValidator(_NOT_BOOL)] | None = None
    """Percent complete, 0-100."""
    contributes_to: ListOf[Ref] = []
    """Ids of the program benefits this project serves."""
    milestones: ListOf[Milestone] = []
    """Key dates: ``{id, title, date, status}``."""
    deliverables: ListOf[DeliverableItem] = []
    """Outputs: titles or ``{title, status, due}``."""
    kpis: ListOf[Kpi] = []
    """Measures: ``{name, target, actual, unit}``."""
    team: ListOf[TeamMember] = []
    """People working on the project: ``{name, role, allocation, from, to}`` (allocation: percent of their time)."""
    acceptance: AcceptanceItem | None = None
    """Sign-off of the project's output: ``{by, date, note}``. Expected in phase ``closure`` and once ``completed`` (the ``closure-no-acceptance`` finding)."""
    lessons: ListOf[LessonItem] = []
    """Lessons learned: strings or ``{title, detail}``; listed on the lessons page. Expected in phase ``closure`` and once ``completed`` (the ``closure-no-lessons`` finding)."""  # noqa: E501 - one line: it is the field's description in the JSON Schema
    updates: ListOf[StatusUpdate] = []
    """Status updates written by the team: ``{date, status, health, summary}``, newest first or in any order. The latest (by date; on the same date, the last written) is shown on the card and counts as the last review (``stale-review``); the page lists them all, newest first."""  # noqa: E501 - one line: it is the field's description in the JSON Schema


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
