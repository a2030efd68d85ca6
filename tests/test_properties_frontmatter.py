"""Properties of front-matter validation at the edges (issue 11).

* Any date of the calendar (``dt.date.min`` to ``dt.date.max``) in any date
  field, and any number (huge, tiny, negative, non-finite, booleans) in any
  number field: ``Registry.build`` never raises, and the value is either kept
  as written or reported by exactly one diagnostic naming its field.
* Typed pages with random YAML damage (the block cut at a random point, a
  random character inserted): parsing never raises, and a page whose
  ``type: project`` line is intact is never dropped in silence: it is in the
  registry, or a diagnostic names its file.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mkdocs_pgm.core.limits import MAX_AMOUNT, MAX_DATE, MAX_DAYS, MIN_DATE
from mkdocs_pgm.core.model.frontmatter import parse

from helpers import registry_of

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# (path of the value in the front matter, the field as diagnostics print it, the
# attribute path in the model). Each page is a project owned by Ana.
DATE_FIELDS: list[tuple[tuple[Any, ...], str]] = [
    (("start",), "start"),
    (("end",), "end"),
    (("reviewed",), "reviewed"),
    (("baseline", "start"), "baseline.start"),
    (("baseline", "end"), "baseline.end"),
    (("milestones", 0, "date"), "milestones[0].date"),
    (("risks", 0, "raised"), "risks[0].raised"),
    (("risks", 0, "escalated"), "risks[0].escalated"),
    (("issues", 0, "due"), "issues[0].due"),
    (("changes", 0, "raised"), "changes[0].raised"),
    (("deliverables", 0, "due"), "deliverables[0].due"),
]

# (path, field, lowest, highest, integer only)
NUMBER_FIELDS: list[tuple[tuple[Any, ...], str, float, float, bool]] = [
    (("budget", "planned"), "budget.planned", -MAX_AMOUNT, MAX_AMOUNT, False),
    (("budget", "actual"), "budget.actual", -MAX_AMOUNT, MAX_AMOUNT, False),
    (("baseline", "budget"), "baseline.budget", -MAX_AMOUNT, MAX_AMOUNT, False),
    (("changes", 0, "impact", "cost"), "changes[0].impact.cost", -MAX_AMOUNT, MAX_AMOUNT, False),
    (("changes", 0, "impact", "schedule_days"), "changes[0].impact.schedule_days", -MAX_DAYS, MAX_DAYS, True),
    (("kpis", 0, "target"), "kpis[0].target", -MAX_AMOUNT, MAX_AMOUNT, False),
    (("kpis", 0, "actual"), "kpis[0].actual", -MAX_AMOUNT, MAX_AMOUNT, False),
    (("progress",), "progress", 0, 100, False),
    (("risks", 0, "probability"), "risks[0].probability", 1, 5, True),
    (("risks", 0, "impact"), "risks[0].impact", 1, 5, True),
]

# Entries need their required fields to exist at all.
_ENTRY = {"milestones": {"title": "M"}, "risks": {"title": "R"}, "issues": {"title": "I"}, "changes": {"title": "C"},
          "deliverables": {"title": "D"}, "kpis": {"name": "K"}}


def _project(path: tuple[Any, ...], value: Any) -> str:
    data: dict[str, Any] = {"type": "project", "id": "P", "owner": "Ana"}
    node: Any = data
    for index, part in enumerate(path[:-1]):
        nxt = path[index + 1]
        if isinstance(nxt, int):
            node = node.setdefault(part, [dict(_ENTRY[part])])
        elif isinstance(part, int):
            node = node[part]
        else:
            node = node.setdefault(part, {})
    node[path[-1]] = value
    return "---\n" + yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True) + "---\n# P\n"


def _model_value(model: Any, path: tuple[Any, ...]) -> Any:
    value = model
    for part in path:
        if value is None:
            return None
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _about(registry: Any, field: str) -> list[str]:
    return [str(d) for d in registry.diagnostics if d.field == field]


@SETTINGS
@given(field=st.sampled_from(DATE_FIELDS), day=st.dates(min_value=dt.date.min, max_value=dt.date.max),
       as_text=st.booleans())
def test_any_date_is_kept_or_reported_once(field: tuple[tuple[Any, ...], str], day: dt.date, as_text: bool) -> None:
    path, name = field
    registry = registry_of({"p.md": _project(path, day.isoformat() if as_text else day)})
    entity = registry.get("P")
    assert entity is not None
    kept = _model_value(entity.model, path)
    if MIN_DATE <= day <= MAX_DATE:
        assert _about(registry, name) == []
        assert kept == day
    else:
        assert len(_about(registry, name)) == 1, registry.diagnostics
        assert kept is None


numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e20, max_value=1e20),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=-40_000, max_value=40_000),
    st.booleans(),
    st.sampled_from([0, 1, 5, 100, 36_500, -36_500, 36_501, 1e15, -1e15, 1e15 + 2, 5e-324, 2.5, 10**400]),
)


@SETTINGS
@given(field=st.sampled_from(NUMBER_FIELDS), value=numbers)
def test_any_number_is_kept_or_reported_once(field: tuple[tuple[Any, ...], str, float, float, bool], value: Any) -> None:
    path, name, low, high, integer = field
    registry = registry_of({"p.md": _project(path, value)})
    entity = registry.get("P")
    assert entity is not None
    kept = _model_value(entity.model, path)
    reported = _about(registry, name)
    valid = (
        not isinstance(value, bool)
        and not (isinstance(value, float) and not math.isfinite(value))
        and low <= value <= high
        and (not integer or float(value).is_integer())
    )
    if valid:
        assert reported == []
        assert kept == value
    else:
        assert len(reported) == 1, registry.diagnostics
        assert kept is None


PAGE = (
    "type: project\n"
    "id: P\n"
    "owner: 'Ana'\n"
    "title: \"Alpha: the first\"\n"
    "start: 2026-01-01\n"
    "end: 2026-Q4\n"
    "tags: [a, b]\n"
    "budget: {planned: 100, currency: EUR}\n"
    "risks:\n"
    "  - id: R-1\n"
    "    title: Vendor | late\n"
    "    probability: 3\n"
    "    mitigation: >\n"
    "      Folded text\n"
    "  - {title: 'Two', owner: \"Bo\"}\n"
    "milestones:\n"
    "  - {title: Go-live, date: 2026-09-30}\n"
)


def _check_damaged(text: str) -> None:
    fm = parse(text, "p.md")  # never raises
    assert fm is not None
    registry = registry_of({"p.md": text})
    lines = text.split("\n")
    typed = len(lines) > 1 and lines[0] == "---" and lines[1] == "type: project"
    if typed:
        assert registry.entities or any(d.file == "p.md" for d in registry.diagnostics), text


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(PAGE)), closed=st.booleans())
def test_a_truncated_typed_block_is_never_dropped_in_silence(cut: int, closed: bool) -> None:
    block = PAGE[:cut]
    _check_damaged("---\n" + block + ("\n---\n# P\n" if closed else ""))


@SETTINGS
@given(where=st.integers(min_value=0, max_value=len(PAGE)), char=st.characters(), twice=st.booleans())
def test_a_typed_block_with_a_stray_character_is_never_dropped_in_silence(where: int, char: str, twice: bool) -> None:
    block = PAGE[:where] + char * (2 if twice else 1) + PAGE[where:]
    assume(block.startswith("type: project\n"))
    _check_damaged("---\n" + block + "---\n# P\n")
