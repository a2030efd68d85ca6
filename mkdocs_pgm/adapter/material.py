"""Material for MkDocs' page statuses: a badge with a tooltip in the navigation."""

from __future__ import annotations

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
