"""mkdocs-monorepo-plugin support: the real source file of each page.

The monorepo plugin copies the root docs folder and every ``!include``d sub-site's docs
into one temporary folder and builds that; diagnostics naming the copy would point the
user at a file that is gone after the build. Its ``files_source_dir`` maps each copied
Markdown file back to the file it was copied from.
"""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig


def source_files(config: MkDocsConfig) -> Mapping[str, str]:
    """Copied page (absolute path) -> the file it was copied from; empty without the plugin."""
    plugin = config.plugins.get("monorepo")
    sources = getattr(plugin, "files_source_dir", None) if plugin is not None else None
    return sources if isinstance(sources, dict) else {}
