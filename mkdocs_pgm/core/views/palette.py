"""The colours of mkdocs-pgm, defined once.

Every colour a page of ours shows has a name here (``green``, ``muted``…) with
its light and dark value, and every status, health and entity kind has the name
of its colour. Two sinks use the table:

* ``pgm.css`` declares the same values as ``--pgm-<name>`` custom properties and
  colours ``.pgm-status--<status>`` with ``var(--pgm-<tone>)``;
  ``tests/test_techdocs.py`` checks that both agree with this table;
* the SVG we generate (roadmaps, Graphviz diagrams) and the heat map carry the
  light values as presentation attributes (``fill``, ``stroke``, ``bgcolor``), so
  that they stay readable where our stylesheet is not loaded (Backstage
  TechDocs drops it). Any CSS rule beats a presentation attribute: with
  ``pgm.css`` the theme's colours (and its dark scheme) win.

Neutral text in the SVG is ``currentColor``: the colour of the text around
it, light or dark.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Light scheme (Material's default, MkDocs' light theme, and any page without our CSS).
LIGHT: Mapping[str, str] = MappingProxyType({
    "fg": "#1f2328",
    "muted": "#59636e",
    "bg": "#ffffff",
    "surface": "#f6f8fa",
    "border": "#d0d7de",
    "accent": "#0969da",
    "green": "#1a7f37",
    "amber": "#9a6700",
    "red": "#cf222e",
    "blue": "#0969da",
    "grey": "#59636e",
    "purple": "#8250df",
})

#: Dark scheme (Material's slate, MkDocs' dark theme): only the tones; neutral colours come from the theme.
DARK: Mapping[str, str] = MappingProxyType({
    "green": "#3fb950",
    "amber": "#d29922",
    "red": "#f85149",
    "blue": "#58a6ff",
    "grey": "#9198a1",
    "purple": "#bc8cff",
})

#: The tone of each health level.
HEALTH: Mapping[str, str] = MappingProxyType({"green": "green", "amber": "amber", "red": "red"})

#: The tone of each status, of every kind of entity and entry (chips, roadmap, diagrams).
STATUS: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(("active", "accepted", "done", "realized", "completed", "approved", "implemented",
                     "resolved", "validated", "mitigated"), "green"),
    **dict.fromkeys(("planned", "proposed", "requested", "realizing", "in-progress", "open"), "blue"),
    **dict.fromkeys(("on-hold", "at-risk", "deprecated"), "amber"),
    **dict.fromkeys(("missed", "rejected", "occurred", "invalidated"), "red"),
    **dict.fromkeys(("cancelled", "superseded", "closed"), "grey"),
})

#: The tone of each kind of page (the left edge of its card).
KIND: Mapping[str, str] = MappingProxyType({"project": "accent", "program": "purple", "decision": "amber", "portfolio": "green"})

#: Risk score bands of the heat map and their tone (low < 8 ≤ medium < 15 ≤ high).
BAND: Mapping[str, str] = MappingProxyType({"low": "green", "medium": "amber", "high": "red"})


def colour(name: str) -> str:
    """The light value of a colour name (``"green"``), or of a health level, ``#rrggbb``."""
    return LIGHT[HEALTH.get(name, name)]


def mix(name: str, percent: float, base: str = "bg") -> str:
    """``color-mix(in srgb, <name> <percent>%, <base>)`` of the light scheme, as ``#rrggbb``."""
    top, bottom = _rgb(colour(name)), _rgb(colour(base))
    share = percent / 100
    return "#" + "".join(f"{round(t * share + b * (1 - share)):02x}" for t, b in zip(top, bottom, strict=True))


def _rgb(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


#: The heat map's cell backgrounds where our stylesheet is missing (``bgcolor``): lighter than
#: pgm.css's, so that a link in the theme's colour stays readable on them.
HEAT_TINT: Mapping[str, int] = MappingProxyType({"low": 12, "medium": 20, "high": 20})


def heat_background(band: str) -> str:
    """The light background of a heat-map cell of ``band`` (``low``, ``medium``, ``high``)."""
    return mix(BAND[band], HEAT_TINT[band])
