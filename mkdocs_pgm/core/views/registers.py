"""What each register's template is given: one function per register, named by the
directive table's ``context`` (:mod:`..directives`), each given the page's language (``locale``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..analysis import registers as reg
from ..analysis.kpis import benefit_realization
from ..analysis.schedule import Analysis
from ..i18n import ENGLISH, Locale
from ..model.registry import Entity, Registry
from .roadmap import benefits_layout


def decisions_context(
    registry: Registry, programs: Sequence[Entity] | None, analysis: Analysis, today: dt.date, locale: Locale = ENGLISH,
) -> dict[str, Any]:
    decisions = reg.decision_log(registry, programs)
    return {"decisions": decisions, "groups": reg.decision_groups(decisions), "scope_of": reg.scope_of, "item_of": reg.item_of}


def raid_context(
    registry: Registry, programs: Sequence[Entity] | None, analysis: Analysis, today: dt.date, locale: Locale = ENGLISH,
) -> dict[str, Any]:
    risks = reg.risk_rows(registry, programs)
    return {
        "risks": risks, "heat": reg.heat_map(risks),
        "assumptions": reg.entries(registry, "assumptions", programs), "issues": reg.issue_rows(registry, programs),
        "dependencies": reg.dependency_rows(registry, analysis, programs),
    }


def changes_context(
    registry: Registry, programs: Sequence[Entity] | None, analysis: Analysis, today: dt.date, locale: Locale = ENGLISH,
) -> dict[str, Any]:
    changes = reg.entries(registry, "changes", programs)
    return {"changes": changes, "totals": reg.change_totals(changes)}


def benefits_context(
    registry: Registry, programs: Sequence[Entity] | None, analysis: Analysis, today: dt.date, locale: Locale = ENGLISH,
) -> dict[str, Any]:
    lanes = reg.benefits(registry, programs)
    return {"lanes": lanes, "realization": benefit_realization, "timeline": benefits_layout(lanes, today, show_lane_heads=len(lanes) > 1, locale=locale)}


def lessons_context(
    registry: Registry, programs: Sequence[Entity] | None, analysis: Analysis, today: dt.date, locale: Locale = ENGLISH,
) -> dict[str, Any]:
    groups = reg.lesson_groups(registry, programs)
    count = sum(len(getattr(e.model, "lessons", ())) for _, pages in groups for e in pages)
    return {"groups": groups, "count": count}
