"""Small text helpers shared by the core: key normalisation, slugs, ids."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
ID_RE = re.compile(ID_PATTERN)
REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}(#[A-Za-z0-9][A-Za-z0-9_.-]{0,63})?$"

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[-\s.]+")

#: Spellings that mean another field (MADR 2/3 used ``deciders``).
KEY_ALIASES = {"deciders": "decision_makers"}


@lru_cache(maxsize=4096)
def normalize_key(key: str) -> str:
    """``dependsOn``, ``depends-on`` and ``depends_on`` all become ``depends_on``."""
    text = _SEPARATORS.sub("_", _CAMEL.sub("_", key.strip())).lower()
    return KEY_ALIASES.get(text, text)


def slugify(text: str) -> str:
    """A lower-case, ASCII, dash-separated slug (stable anchor material)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9_.]+", "-", text).strip("-.").lower()
    return text[:64] or "item"


def default_id(src_uri: str) -> str:
    """The default id of a page: its file stem upper-cased.

    ``index.md`` and ``README.md`` take their folder's name; characters outside
    the id pattern become ``-``.
    """
    parts = src_uri.replace("\\", "/").split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if stem.lower() in {"index", "readme"} and len(parts) > 1:
        stem = parts[-2]
    ident = re.sub(r"[^A-Za-z0-9_.-]", "-", stem).upper()
    ident = re.sub(r"^[^A-Za-z0-9]+", "", ident)[:64]
    return ident or "PAGE"


def narrow(html: str) -> str:
    """``html`` with every character above U+00FF written as a character reference (``→`` as ``&#8594;``).

    The same page for a reader and for every parser; but Python stores a string in one byte per
    character only while all of them fit in Latin-1: one arrow in a card would double the memory
    of the page's HTML, which MkDocs keeps for every page until the build ends. Only for HTML
    whose text is not inside ``<script>`` or ``<style>`` (references are not decoded there).
    """
    return html if html.isascii() else html.encode("latin-1", "xmlcharrefreplace").decode("latin-1")
