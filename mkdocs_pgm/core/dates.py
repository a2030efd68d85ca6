"""The date every date-based result is judged against (host-independent)."""

from __future__ import annotations

import datetime as dt
import os


def resolve_today(configured: dt.date | None, environ: dict[str, str] | None = None) -> dt.date:
    """``today`` option, else ``SOURCE_DATE_EPOCH``, else the current date (UTC)."""
    if configured is not None:
        return configured
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.now(tz=dt.timezone.utc).date()
