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


def page_url(src_uri: str, *, directory_urls: bool = True) -> str:
    """The site URL of the page at ``src_uri`` (a Markdown path under the docs folder), by
    MkDocs' rules: ``a/b.md`` -> ``a/b/`` (``a/b.html`` without directory URLs), ``a/index.md``
    and ``a/README.md`` -> ``a/``, the home page -> ``./``."""
    directory, _, name = src_uri.rpartition("/")
    stem = name.rpartition(".")[0] or name
    if stem in ("index", "README"):
        dest = f"{directory}/index.html" if directory else "index.html"
    elif directory_urls:
        dest = f"{directory}/{stem}/index.html" if directory else f"{stem}/index.html"
    else:
        dest = f"{directory}/{stem}.html" if directory else f"{stem}.html"
    if directory_urls and dest.endswith("index.html"):
        return dest[: -len("index.html")] or "./"
    return dest
