"""A ``pgm.json`` published earlier, as a point to compare with (``compare_to: URL or path``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping

from .state import State, state_from_export

#: The most a published pgm.json may weigh, and the seconds its download may take.
MAX_BYTES = 64 * 1024 * 1024
TIMEOUT = 20


def read_export(location: str, base_dir: str) -> tuple[Mapping[str, State], dt.date | None]:
    """The states a published ``pgm.json`` holds (by id, lower case) and the day it was made.

    ``location``: an http(s) URL, or a path (relative to ``base_dir``). Raises ValueError saying what went wrong."""
    try:
        if location.startswith(("http://", "https://")):
            with urllib.request.urlopen(location, timeout=TIMEOUT) as answer:
                data = answer.read(MAX_BYTES + 1)
        else:
            path = os.path.join(base_dir, location)
            with open(path, "rb") as file:
                data = file.read(MAX_BYTES + 1)
    except (OSError, urllib.error.URLError, ValueError) as exc:
        raise ValueError(f"cannot read {location}: {exc}") from exc
    if len(data) > MAX_BYTES:
        raise ValueError(f"{location} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        document = json.loads(data)
    except ValueError as exc:
        raise ValueError(f"{location} is not JSON: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("entities"), list):
        raise ValueError(f"{location} is not a pgm.json (no 'entities' list)")
    states = {}
    for record in document["entities"]:
        state = state_from_export(record) if isinstance(record, dict) else None
        if state is not None:
            states[state.id.lower()] = state
    generated = document.get("generated")
    made = generated.get("today") if isinstance(generated, dict) else None
    day = None
    if isinstance(made, str):
        try:
            day = dt.date.fromisoformat(made)
        except ValueError:
            day = None
    return states, day
