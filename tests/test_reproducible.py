"""Two builds of the same sources are byte-identical, and no path of the build machine leaks into the site.

This repository's site (``mkdocs.yml``, ``docs/``, ``theme_overrides/``) is
copied twice, into folders with different absolute paths, and built with
``mkdocs build --strict`` in separate processes, with the same
``SOURCE_DATE_EPOCH`` (``today`` is pinned in ``mkdocs.yml``) and different
``PYTHONHASHSEED``s, so that an order that depends on set or dict hashing
shows up as a difference. ``site_url`` is set, as a published site has it, so
that the sitemap lists every page with its ``<lastmod>``.

What "reproducible" means, and what a user must set for it, is documented in
``docs/guides/publishing.md`` (Reproducible builds).
"""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # .venv/bin under `make test`
SOURCE_DATE = dt.datetime(2026, 6, 15, 10, 20, 30, tzinfo=dt.timezone.utc)  # not the pinned today, not the real one
SOURCE_DATE_EPOCH = str(int(SOURCE_DATE.timestamp()))
SITE_URL = "https://example.org/mkdocs-pgm/"

# Absolute paths that must not appear in any file of a site (besides the two build folders themselves).
# Nothing is allow-listed: today no file of the site, not even Material's bundled JavaScript, contains one.
LEAKS = ("/work/", "/home/", "/root/", "/tmp/", str(ROOT))


# --------------------------------------------------------------- mkdocs.yml, comments and tags kept as data


@dataclass
class _Tagged:
    """A value with a tag safe_load does not know (``!ENV``, ``!!python/name:``), written back as it was."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return _Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


def _represent(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct)
_Dumper.add_representer(_Tagged, _represent)


def _copy_site(root: Path) -> Path:
    """This repository's site under ``root``, with ``site_url`` set; the plugin's options are checked, not changed."""
    root.mkdir(parents=True)
    for folder in ("docs", "theme_overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    config.setdefault("site_url", SITE_URL)
    plugins = config["plugins"]
    at = next(i for i, p in enumerate(plugins) if p == "pgm" or (isinstance(p, dict) and "pgm" in p))
    options = dict(plugins[at]["pgm"] or {}) if isinstance(plugins[at], dict) else {}
    assert "today" in options, "mkdocs.yml no longer pins today: the builds below would depend on SOURCE_DATE_EPOCH"
    # Diagrams on (the default; the docs link to the generated dependencies page, so they cannot be
    # built --strict without it), cached in the default cache_dir, .cache/pgm next to mkdocs.yml:
    # an empty folder in every copy, so every build lays out every diagram with Graphviz.
    assert options.get("diagrams", True) is True and "cache_dir" not in options
    (root / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def _build(root: Path, *, seed: int, cwd: Path | None = None, site_dir: str | None = None) -> Path:
    """``mkdocs build --strict`` in a new process; returns the site folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
        PYTHONHASHSEED=str(seed),
        NO_MKDOCS_2_WARNING="1",
    )
    command = [str(BIN / "mkdocs"), "build", "--strict"]
    if cwd is not None:  # built from another folder: mkdocs build -f /abs/path/mkdocs.yml
        command += ["--config-file", str(root / "mkdocs.yml")]
    if site_dir is not None:
        command += ["--site-dir", site_dir]
    result = subprocess.run(command, check=False, cwd=cwd or root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(command)} in {cwd or root} failed:\n{result.stderr}"
    return root / (site_dir or "site")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cache(root: Path) -> dict[str, bytes]:
    """The diagrams and fragments kept in the cache folder (not the record of what was written
    where, ``pages.json``, which names the site folder)."""
    return {name: data for name, data in _tree(root / ".cache" / "pgm").items() if name.endswith(".svg") or name.startswith("fragments/")}


def _assert_identical(a: Path, b: Path) -> None:
    """Same files with the same bytes; on failure, which files differ and a diff of the first ones."""
    tree_a, tree_b = _tree(a), _tree(b)
    assert sorted(tree_a) == sorted(tree_b), f"different files: only in {a}: {sorted(set(tree_a) - set(tree_b))}, only in {b}: {sorted(set(tree_b) - set(tree_a))}"
    differ = [name for name in tree_a if tree_a[name] != tree_b[name]]
    if differ:
        report = []
        for name in differ[:3]:
            try:
                left, right = tree_a[name].decode("utf-8"), tree_b[name].decode("utf-8")
            except UnicodeDecodeError:
                report.append(f"{name}: binary, {len(tree_a[name])} and {len(tree_b[name])} bytes")
                continue
            lines = difflib.unified_diff(left.splitlines(), right.splitlines(), f"a/{name}", f"b/{name}", n=1, lineterm="")
            report.append("\n".join(line[:300] for line in list(lines)[:40]))
        pytest.fail(f"{len(differ)} of {len(tree_a)} files differ: {differ}\n" + "\n".join(report))


def _assert_no_leak(site: Path, *roots: Path) -> None:
    """No file of ``site`` (nor the XML inside ``sitemap.xml.gz``) names a build folder or a machine path."""
    needles = [str(r) for r in roots] + [str(r.resolve()) for r in roots] + list(LEAKS)
    found = []
    for name, data in _tree(site).items():
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        # Every file, binary ones too (images, fonts): a path is ASCII wherever it is stored.
        for needle in needles:
            at = data.find(needle.encode())
            if at >= 0:
                found.append(f"{name}: {needle!r} in …{data[max(0, at - 60):at + 80].decode('utf-8', 'replace')}…")
    assert found == [], "machine paths in the site:\n" + "\n".join(found)


def _assert_dated_by_source_date_epoch(site: Path) -> None:
    """MkDocs 1.6 dates the sitemap from SOURCE_DATE_EPOCH: what the publishing guide tells users to set."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert lastmods == {SOURCE_DATE.date().isoformat()}
    midnight = dt.datetime.combine(SOURCE_DATE.date(), dt.time(), dt.timezone.utc)
    assert struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0] == int(midnight.timestamp())


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path: Path):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (make test installs it)")
    # Different absolute folders, of different depths; the second is built from another working
    # directory (mkdocs build -f /abs/mkdocs.yml), so the file paths the plugin logs are absolute there.
    root_a = _copy_site(tmp_path / "a")
    root_b = _copy_site(tmp_path / "checkout" / "of-the" / "same-sources")
    assert not (root_a / ".cache").exists() and not (root_b / ".cache").exists()
    site_a = _build(root_a, seed=1)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site_b = _build(root_b, seed=2, cwd=elsewhere)

    _assert_identical(site_a, site_b)
    for site in (site_a, site_b):
        _assert_no_leak(site, root_a, root_b, tmp_path)
    _assert_dated_by_source_date_epoch(site_a)

    html = "".join(p.read_text(encoding="utf-8") for p in site_a.rglob("*.html"))
    assert "pgm-card" in html  # the plugin ran
    # Every diagram was laid out by Graphviz, twice: the caches started empty in both copies.
    assert html.count('class="pgm-dg-svg"') >= 10
    assert "pgm-dg-missing" not in html
    cache_a, cache_b = _cache(root_a), _cache(root_b)
    assert any(name.endswith(".svg") for name in cache_a) and any(name.startswith("fragments/") for name in cache_a)
    assert cache_a == cache_b  # same diagram sources and fragments (the names are their hashes), same layouts
    # A build from a warm cache (as in CI, with the cache restored) gives the same site again.
    warm = _build(root_a, seed=3, site_dir="site-warm")
    _assert_identical(site_a, warm)
    assert _cache(root_a) == cache_a
