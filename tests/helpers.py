"""Small helpers for the core tests: build a registry or validate a page from in-memory text.

The core never touches the disk or MkDocs, so these tests hand it
:class:`~mkdocs_pgm.core.model.registry.PageSource` objects built from strings; a
page's ``file`` (what diagnostics print) is its ``src_uri``.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mkdocs_pgm.core.diagnostics import Diagnostic
from mkdocs_pgm.core.model.frontmatter import parse
from mkdocs_pgm.core.model.registry import PageSource, Registry
from mkdocs_pgm.core.model.schema import Page
from mkdocs_pgm.core.model.validate import SourceMap, validate_page


def sources(pages: Mapping[str, str]) -> list[PageSource]:
    """``{"projects/a.md": text}`` -> page sources whose displayed file is the src_uri."""
    return [PageSource(src_uri, src_uri, text) for src_uri, text in pages.items()]


def registry_of(pages: Mapping[str, str], **options: Any) -> Registry:
    """Build a :class:`Registry` from ``{src_uri: text}``."""
    return Registry.build(sources(pages), **options)


def validate(text: str, file: str = "p.md", **options: Any) -> tuple[Page | None, list[Diagnostic], SourceMap]:
    """Parse and validate one page: (model, parse + validation diagnostics, source map)."""
    fm = parse(text, file)
    model, problems, source = validate_page(fm, file, **options)
    return model, fm.diagnostics + problems, source


def lines(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """Every diagnostic as the user sees it (``file:line: field: message``)."""
    return [str(d) for d in diagnostics]


def check(text: str, file: str = "p.md", **options: Any) -> tuple[Page | None, list[str]]:
    """Validate one page; return the model and its diagnostics as printed."""
    model, diagnostics, _ = validate(text, file, **options)
    return model, lines(diagnostics)


def page(*front: str, body: str = "") -> str:
    """A Markdown page: ``page("type: project", "owner: Ana")`` -> front matter block + body.

    Each argument is one line of the block, so line ``n`` of the arguments is
    line ``n + 1`` of the file.
    """
    return "---\n" + "".join(line + "\n" for line in front) + "---\n" + body


def messages(registry: Registry, code: str | None = None) -> list[str]:
    """The registry's diagnostics as printed, optionally only those with ``code``."""
    return [str(d) for d in registry.diagnostics if code is None or d.code == code]


def strict(schema: Any) -> Any:
    """The schema with every object closed, so that an undocumented key fails the test."""
    schema = copy.deepcopy(schema)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


def git(root: Path, *args: str, date: str = "2026-01-01", author: str = "Ana Lima") -> str:
    """Run git in ``root`` with a fixed author and author and commit dates (noon UTC on ``date``); its output."""
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    done = subprocess.run(["git", "-C", str(root), "-c", f"user.name={author}", "-c", "user.email=ana@example.org", *args],
                          env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(root: Path, date: str, message: str, files: Mapping[str, str], author: str = "Ana Lima") -> str:
    """Write ``files`` (paths inside ``root/docs``) and commit everything on ``date``; the commit's id."""
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date, author=author)
    return git(root, "rev-parse", "HEAD")


#: A fenced code block of a Markdown page: its language, the rest of its opening line (``title="…"``), its body.
FENCE_RE = re.compile(r"^```(?P<lang>[\w-]*)(?P<attrs>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def titled_blocks(text: str) -> dict[str, tuple[str, str]]:
    """The code blocks of a guide that have a ``title``: title -> (language, body); a title used twice fails."""
    blocks: dict[str, tuple[str, str]] = {}
    for match in FENCE_RE.finditer(text):
        title = re.search(r'title="([^"]+)"', match["attrs"])
        if title:
            assert title[1] not in blocks, f"two code blocks titled {title[1]!r}"
            blocks[title[1]] = (match["lang"], match["body"])
    return blocks

