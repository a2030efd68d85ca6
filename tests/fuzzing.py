"""A schema-driven fuzzer: whole sites of valid and invalid front matter for every field.

Every field of every page type and nested entry is read from the pydantic
schema (so a field added to the schema is fuzzed without touching this file).
Each field gets, at random, a value that fits its type (dates, amounts,
enums, ids of the other pages of the site, nested entries…) or one that does
not: extreme dates and numbers, booleans, hostile markup, control
characters, very long text, wrong shapes. Some pages are then damaged as
text (cut short, a character inserted), as a careless editor would.

``site(rng)`` returns ``{src_uri: text}``; the same seed gives the same site.
"""

from __future__ import annotations

import datetime as dt
import random
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from mkdocs_pgm.core.model import schema

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<>];URL="javascript:alert(1)";a="',
    "<<html>>",
    "R&D <b>bold</b> & 'quotes' \"double\"",
    "\x1b[31mred\x1b[0m",
    "line\nbreak\r\nand\ttab",
    "\u202eevil\u202c",
    "{{ jinja }} {% raw %}",
    "[[PRJ-1]] and [[NOPE]]",
    "=cmd|' /C calc'!A0",
    "a" * 400,
    "word " * 1200,
    "",
    " ",
    "漢字 é ü",
]
DATES: list[Any] = [
    dt.date(2026, 1, 5), dt.date(2026, 6, 30), dt.date(2025, 11, 3), dt.date(2027, 3, 1), "2026-Q2", "2026-04", "2026-q4",
    dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(9999, 12, 30), dt.date(1899, 12, 31), dt.date(3000, 1, 1),
    "9999-Q4", "0001-01", "2026-4", "2026-W10", "2026-13-01", "2026-02-30", "tomorrow", 20260101,
]
NUMBERS: list[Any] = [0, 1, 2, 3, 4, 5, 25, 50, 100, 120_000, 0.5, -1, -250_000.75, 1e15, 1e16, 1e25, 1e26, 1e300, 1e-300,
                      True, False, "12", "1e3", float("nan"), float("inf")]
SHAPES: list[Any] = [None, [], {}, ["a", "b"], {"a": 1}, [[1, [2]]], {"nested": {"deep": [1, {"x": None}]}}]


class Fuzzer:
    """Random values for schema fields, drawing ids from the site being generated."""

    def __init__(self, rng: random.Random, ids: list[str]) -> None:
        self.rng = rng
        self.ids = ids

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: list[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def wrong(self) -> Any:
        return self.pick(HOSTILE + DATES + NUMBERS + SHAPES)

    def value(self, annotation: Any, name: str, depth: int) -> Any:
        """A value for a field of type ``annotation`` (usually fitting, sometimes not)."""
        if self.chance(0.12):
            return self.wrong()
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            return self.value(args[0], name, depth)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            return self.value(self.pick(options), name, depth) if options else None
        if origin is typing.Literal:
            value = self.pick(list(args))
            return value.upper() if isinstance(value, str) and self.chance(0.1) else value
        if origin is list:
            count = self.pick([0, 1, 1, 2, 3, 5]) if depth < 2 else self.pick([0, 1])
            items = [self.value(args[0], name, depth + 1) for _ in range(count)]
            return items[0] if count == 1 and self.chance(0.3) else items
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.mapping(annotation, depth + 1)
        if annotation is dt.date:
            return self.pick(DATES)
        if annotation is bool:
            return self.pick([True, False, "yes", 1])
        if annotation in (int, float):
            return self.pick(NUMBERS)
        if annotation is str:
            return self.text(name)
        return self.wrong()

    def text(self, name: str) -> Any:
        if name in {"id", "program", "portfolio", "scope", "decision", "change_request", "supersedes", "affects", "contributes_to"} or name.endswith("_id"):
            return self.pick(self.ids + ["NOPE", "1.50", 1.5, 42, True, "PRJ-1#m1", "a b", "x" * 80])
        if name == "url":
            return self.pick(["https://example.org/x?a=1&b=<2>", "mailto:a@b.c", "../x.md", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
                              " java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"])
        if name == "status" and self.chance(0.3):
            return self.pick(["superseded by DEC-1", "Superseded by [DEC-2](x.md)", "superseded by " + "(" * 2000, "draft"])
        if self.chance(0.5):
            return self.pick(HOSTILE)
        return self.pick(["Dana Smith", "Platform team", "Steering review", "monthly", "EUR", "%", "Payment provider", "Go-live"])

    def mapping(self, model: type[BaseModel], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            if name == "type" or not self.chance(0.6 if depth else 0.75):
                continue
            key = name
            if self.chance(0.1):  # other spellings of the same key
                key = self.pick([name.replace("_", "-"), "".join(p.capitalize() if i else p for i, p in enumerate(name.split("_")))])
            out[key] = self.value(info.annotation, name, depth) if depth < 4 else self.wrong()
        if self.chance(0.05):
            out[self.pick(["unknwon", "ownr", "startt", "<b>x</b>", "\x1b[2J"])] = self.wrong()
        return out


KINDS = {"portfolio": 1, "program": 2, "project": 5, "decision": 3}
PREFIX = {"portfolio": "POR", "program": "PRG", "project": "PRJ", "decision": "DEC"}


def site(rng: random.Random, *, damage: float = 0.1) -> dict[str, str]:
    """A small site: ``{src_uri: Markdown}`` with fuzzed front matter and bodies."""
    plan = [(kind, n) for kind, count in KINDS.items() for n in range(rng.randint(0 if kind == "portfolio" else 1, count))]
    ids = [f"{PREFIX[kind]}-{n}" for kind, n in plan] + ["R-1", "B-1", "CR-1", "DEC-9"]
    fuzz = Fuzzer(rng, ids)
    pages: dict[str, str] = {}
    for kind, n in plan:
        data = fuzz.mapping(schema.PAGE_MODELS[kind], 0)
        data = {"type": kind if not fuzz.chance(0.03) else fuzz.pick(["Project", "projet", 7]), "id": f"{PREFIX[kind]}-{n}", **data}
        if kind == "project" and "program" not in data and fuzz.chance(0.7):
            data["program"] = f"PRG-{rng.randrange(2)}"
        try:
            block = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10**6)
        except (yaml.YAMLError, ValueError):
            block = f"type: {kind}\n"
        if fuzz.chance(damage):
            block = _damage(rng, block)
        body = _body(fuzz)
        pages[f"{kind}s/{kind}-{n}.md"] = f"---\n{block}---\n\n{body}"
    pages["index.md"] = "# Home\n\n<!-- pgm:roadmap -->\n\n<!-- pgm:raid -->\n\n<!-- pgm:dependencies -->\n"
    return pages


def _damage(rng: random.Random, block: str) -> str:
    how = rng.randrange(4)
    if how == 0:  # cut short
        return block[: rng.randrange(len(block) + 1)] + "\n"
    if how == 1:  # a stray character
        at = rng.randrange(len(block) + 1)
        return block[:at] + rng.choice([":", "'", '"', "[", "{", "\t", "-", "!", "&", "*", "|", "\x00"]) + block[at:]
    if how == 2:  # a quoted key
        return block.replace("type:", '"type":', 1)
    return block + rng.choice(["bad: [unclosed\n", "- item\n", "  indented: x\n", "!custom tag\n", "x: !foo bar\n"])


def _body(fuzz: Fuzzer) -> str:
    parts = [fuzz.pick(["# " + fuzz.pick(HOSTILE), "# Title", "Setext\n=====", "# a" + " " * 3000 + "b", ""])]
    for _ in range(fuzz.rng.randrange(4)):
        parts.append(fuzz.pick([
            f"See [[{fuzz.pick(fuzz.ids)}]] and [[{fuzz.pick(fuzz.ids)}|the {fuzz.pick(HOSTILE)}]].",
            "[[NOPE-1]] [[]] [[ A ]] [[A|]]",
            "```\n[[PRJ-1]] <!-- pgm:card -->\n```",
            "<!-- pgm:roadmap program=PRG-0 status=active,bogus -->",
            "<!-- pgm:dependencies project=PRJ-1 -->",
            "<!-- pgm:decision-log program=PRG-1 -->",
            "<!-- pgm:nonsense -->",
            "<!-- pgm:card -->",
            "Some prose with <b>HTML</b> & entities &amp; `code [[PRJ-0]]`.",
            "## Section {#custom-id}",
        ]))
    return "\n\n".join(parts) + "\n"
