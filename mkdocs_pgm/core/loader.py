"""Reading a docs folder from disk (for ``mkdocs-pgm check`` and tests)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .registry import PageSource

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory when it is below it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute
    return absolute if relative.startswith("..") else relative.replace(os.sep, "/")


def read_docs(docs_dir: str | os.PathLike[str]) -> Iterator[PageSource]:
    """Every Markdown file below ``docs_dir`` (hidden folders skipped), sorted."""
    root = Path(docs_dir)
    shown = display_path(root)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.lower().endswith(MARKDOWN_SUFFIXES) or name.startswith("."):
                continue
            path = Path(folder, name)
            src_uri = path.relative_to(root).as_posix()
            yield PageSource(src_uri, src_uri if shown == "." else f"{shown}/{src_uri}", path.read_text(encoding="utf-8-sig", errors="replace"))
