"""Relative URLs between site pages (the same rules as MkDocs' ``get_relative_url``)."""

from __future__ import annotations


def _parts(path: str) -> list[str]:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
        else:
            out.append(part)
    return out


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site-relative, as in ``File.url``)."""
    directory, _, basename = other.rpartition("/")
    if "." in basename:
        other = directory
    base = _parts(other)
    dest = _parts(url)
    common = 0
    for a, b in zip(base, dest, strict=False):  # up to the shorter path
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return rel + "/" if url.endswith("/") or (url == "" and rel == ".") else rel
