"""mkdocs-static-i18n support: which language the current build is for, and its files.

mkdocs-static-i18n builds the default language, then, from its own ``on_post_build``, calls
MkDocs' ``build()`` again for every other language with the same configuration and the same
plugin instances. In each build its ``on_files`` keeps the pages of that language (a page
without a translation falls back to the default language's, when ``fallback_to_default`` is
on) and moves their output under the language's folder (``fr/``). So that each language
gets a model, generated pages and exports of its own:

* our ``on_files`` runs after i18n's (:func:`follow_i18n`), whatever their order in
  ``plugins``: the model is built from the pages i18n kept for the language;
* what the plugin generates goes under the language's folder too (:func:`localize`), with the
  attributes i18n gives its own files (language switcher, ``sitemap.xml``);
* each language keeps its own part of the cache folder (:func:`language_folder`).

Nothing here imports mkdocs-static-i18n: its plugin is recognised by its module and read
through the attributes it has had since 1.0 (``current_language``, ``default_language``,
``build_languages``, ``i18n_files_per_language``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


def i18n_plugin(config: MkDocsConfig) -> Any | None:
    """The mkdocs-static-i18n plugin instance of this build, if it is enabled."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("mkdocs_static_i18n") and hasattr(plugin, "current_language"):
            return plugin
    return None


def build_language(config: MkDocsConfig) -> str | None:
    """The language mkdocs-static-i18n is building now, or None when it is not in use.

    In the first build i18n sets ``current_language`` in its own ``on_config``, which runs after
    ours: until then the build is the default language's.
    """
    plugin = i18n_plugin(config)
    if plugin is None:
        return None
    language = plugin.current_language or plugin.default_language
    return str(language) if language else None


def language_folder(config: MkDocsConfig) -> str | None:
    """The folder of the site the current build writes into (``fr``), or None: the default
    language's build (at the site's root, as i18n places it) or no mkdocs-static-i18n."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return None
    language = build_language(config)
    return language if language and language != plugin.default_language else None


def follow_i18n(config: MkDocsConfig, on_files: Callable[..., Any]) -> None:
    """Run ``on_files`` (ours) right after mkdocs-static-i18n's, even when ``pgm`` is listed before
    ``i18n``: both have priority -100, and before i18n the files hold the pages of every language
    (the same ids twice) and i18n cannot place files generated without a source file."""
    plugin = i18n_plugin(config)
    events = config.plugins.events.get("files")
    if plugin is None or events is None:
        return
    theirs = plugin.on_files
    if on_files in events and theirs in events and events.index(on_files) < events.index(theirs):
        events.remove(on_files)
        events.insert(events.index(theirs) + 1, on_files)


def localize(config: MkDocsConfig, file: File) -> File:
    """A generated file (page or export) placed in the folder of the language being built, as
    i18n places that language's pages; a page also gets the attributes i18n gives its own
    files: Material's language switcher links it to the same page in the other languages, and
    i18n's ``sitemap.xml`` lists it."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return file
    language = build_language(config)
    folder = language_folder(config)
    dest_uri = file.dest_uri
    if folder:
        _move(config, file, f"{folder}/{dest_uri}")
    if not file.is_documentation_page():
        return file
    alternates: dict[str, File] = {}
    for other in plugin.build_languages:
        if other == language:
            alternates[other] = file
            continue
        twin = File.generated(config, file.src_uri, content="")
        _move(config, twin, dest_uri if other == plugin.default_language else f"{other}/{dest_uri}")
        alternates[other] = twin
    file.alternates = alternates  # type: ignore[attr-defined]
    file.locale = language  # type: ignore[attr-defined]
    file.locale_alternate_of = language  # type: ignore[attr-defined]
    file.localization = None  # type: ignore[attr-defined]
    file.norm_src_uri = file.src_uri  # type: ignore[attr-defined]
    pages = getattr(plugin, "i18n_files_per_language", {}).get(language)
    if isinstance(pages, list) and file not in pages:
        pages.append(file)
    return file


def unfold_language_sections(config: MkDocsConfig, nav: list[Any]) -> list[Any]:
    """``nav_by_program`` with ``docs_structure: folder``: the pages outside every program are in the
    language's folder (``docs/fr/index.md``), so the navigation gets a section named after it ("Fr").
    i18n takes such a top-level section for the whole navigation (it keeps only its pages): its pages
    take its place instead."""
    plugin = i18n_plugin(config)
    if plugin is None or plugin.config.docs_structure != "folder":
        return nav
    names = {str(code).capitalize() for code in plugin.all_languages}
    unfolded: list[Any] = []
    for item in nav:
        title, children = next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (None, None)
        if title in names and isinstance(children, list):
            unfolded.extend(children)
        else:
            unfolded.append(item)
    return unfolded


def _move(config: MkDocsConfig, file: File, dest_uri: str) -> None:
    file.dest_uri = dest_uri
    file.url = file._get_url(config.use_directory_urls)  # noqa: SLF001 - what i18n does for its own files


# ---------------------------------------------------------------------------------- mkdocs-pgm check

#: A language code as mkdocs-static-i18n recognises one in a file or folder name (its ``RE_LOCALE``).
_LOCALE_RE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")


def i18n_options(mkdocs_yml: Mapping[str, Any]) -> dict[str, Any] | None:
    """The options of the ``i18n`` plugin in a parsed mkdocs.yml, or None when it is not listed (or disabled)."""
    plugins = mkdocs_yml.get("plugins") or []
    entries: Iterable[tuple[object, object]] = plugins.items() if isinstance(plugins, dict) else (
        (p, {}) if isinstance(p, str) else next(iter(p.items()), (None, None)) for p in plugins if isinstance(p, (str, dict))
    )
    for name, value in entries:
        if name == "i18n":
            options = value if isinstance(value, dict) else {}
            return None if options.get("enabled") is False else options
    return None


def language_pages(options: Mapping[str, Any], src_uris: Iterable[str]) -> list[set[str]]:
    """The pages mkdocs-static-i18n builds for each language, the default language's first, as its
    ``on_files`` chooses them (a page's translation, else the default language's page when
    ``fallback_to_default`` is on): what ``mkdocs-pgm check`` checks as one site each, without
    MkDocs. Empty when the options name no default language."""
    languages = [entry for entry in options.get("languages") or [] if isinstance(entry, dict) and entry.get("locale")]
    codes = [str(entry["locale"]) for entry in languages]
    default = next((str(entry["locale"]) for entry in languages if entry.get("default")), None)
    built = [str(entry["locale"]) for entry in languages if entry.get("build", True) and entry["locale"] != "null"]
    only = options.get("build_only_locale")
    if only in codes:
        default, built = str(only), [str(only)]
    if default is None or default not in built:
        return []
    folder = options.get("docs_structure") == "folder"
    versions: dict[str, dict[str, str]] = {}
    for src_uri in src_uris:
        locale, norm = _locale_of(src_uri, folder=folder, codes=codes, default=default)
        versions.setdefault(norm, {}).setdefault(locale, src_uri)
    fallback = options.get("fallback_to_default", True) is not False
    chosen = []
    for language in [default, *(code for code in built if code != default)]:
        pages = set()
        for found in versions.values():
            page = found.get(language) or (found.get(default) if fallback else None)
            if page is not None:
                pages.add(page)
        chosen.append(pages)
    return chosen


def _locale_of(src_uri: str, *, folder: bool, codes: list[str], default: str) -> tuple[str, str]:
    """The language of a page and its path without the language (``projects/a.fr.md`` → fr, ``projects/a.md``)."""
    if folder:
        first, _, rest = src_uri.partition("/")
        if rest and (first in codes or _LOCALE_RE.match(first)):
            return first, rest
        return default, src_uri
    parent, _, name = src_uri.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    base, _, suffix = stem.rpartition(".")
    if dot and base and (suffix in codes or _LOCALE_RE.match(suffix)):
        return suffix, f"{parent}/{base}.{extension}" if parent else f"{base}.{extension}"
    return default, src_uri
