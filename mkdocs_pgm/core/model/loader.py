"""Reading a docs folder from disk (for ``mkdocs-pgm check`` and tests), and decoding a page."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
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


def decode_page(data: bytes, file: str) -> str | Diagnostic:
    """The text of a page (UTF-8, an initial byte order mark dropped, as MkDocs reads it),
    or an ``encoding`` error naming the line and the byte offset (from 0) of the first
    byte that is not UTF-8."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        line = data.count(b"\n", 0, offset) + 1
        message = f"not valid UTF-8 at byte {offset} (0x{data[offset]:02x}): save the file as UTF-8"
        return Diagnostic(file, line, "", message, code="encoding")


def walk_docs(docs_dir: str | os.PathLike[str]) -> Iterator[tuple[str, Path]]:
    """Every file below ``docs_dir`` as (src_uri, path), sorted; hidden files and folders skipped."""
    root = Path(docs_dir)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(folder, name)
                yield path.relative_to(root).as_posix(), path


def is_markdown(src_uri: str) -> bool:
    return src_uri.lower().endswith(MARKDOWN_SUFFIXES)


def read_docs(docs_dir: str | os.PathLike[str], problems: list[Diagnostic] | None = None) -> Iterator[PageSource]:
    """Every Markdown file below ``docs_dir`` (hidden folders skipped), sorted.

    A file that is not UTF-8 is skipped; its ``encoding`` error is appended to
    ``problems`` when given.
    """
    shown = display_path(docs_dir)
    for src_uri, path in walk_docs(docs_dir):
        if not is_markdown(src_uri):
            continue
        file = src_uri if shown == "." else f"{shown}/{src_uri}"
        text = decode_page(path.read_bytes(), file)
        if isinstance(text, Diagnostic):
            if problems is not None:
                problems.append(text)
            continue
        yield PageSource(src_uri, file, text)
