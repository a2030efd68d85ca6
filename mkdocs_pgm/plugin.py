"""The MkDocs adapter: maps MkDocs events onto the site (``adapter/site.py``) and the core.

``on_config`` adds the templates, CSS, the ``[[ID]]`` Markdown extension and
Material's page statuses; ``on_files`` reads every page and builds the model
before any page renders (pages whose text did not change are not parsed
again), adds the generated pages and exports, and starts the diagrams' layouts;
``on_page_markdown`` places the card and sections; ``on_page_content`` (early)
puts the HTML of every directive in place, so that from then on ``page.content``
is final for every other plugin; ``on_page_context`` adds the nested entries to
the search index; ``on_post_build`` writes what the next build reuses.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .adapter.i18n import follow_i18n, unfold_language_sections
from .adapter.material import register_statuses
from .adapter.site import Site
from .config import PgmConfig, resolve_today
from .core.analysis.findings import Settings, settings_from
from .core.views.nav import nav_by_program
from .core.views.render import TEMPLATES_DIR
from .core.views.xref import XrefExtension
from .runtime import collector_paused, one_malloc_arena

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class PgmPlugin(BasePlugin[PgmConfig]):
    """``plugins: [pgm]``: a governance knowledge base from page front matter."""

    def __init__(self) -> None:
        #: Kept across `mkdocs serve` rebuilds: parsed pages, fragments, diagrams, compiled templates.
        self.site = Site(log)
        self.today = resolve_today(None)
        self.command = "build"
        self.health = Settings()
        #: The navigation nav_by_program wrote into the config.
        self._nav: object = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command = command
        self.site.dirty = dirty
        one_malloc_arena()  # before any Graphviz thread starts

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer | None:
        # `mkdocs serve --clean` starts with command "build"; its rebuilds must not stop the server either.
        self.command = "serve"
        if self.config.enabled:  # a source that is a file of this machine: an edit rebuilds, as a page's does
            project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
            for spec in self.config.sources:
                path = os.path.join(project, spec.url)
                if not spec.remote and os.path.isfile(path):
                    server.watch(path)
        return server

    @event_priority(0)  # no ordering need: only adds to the theme, CSS and Markdown extensions
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.today = resolve_today(self.config.today)
        try:
            self.health = settings_from(self.config)
        except ValueError as exc:
            # mkdocs.yml is read again on every rebuild of `mkdocs serve`: keep serving.
            self._stop(str(exc), "; the health checks run with their defaults until it is fixed")
            self.health = Settings()
        # mkdocs-static-i18n builds every other language with this same config: add things once.
        if TEMPLATES_DIR not in config.theme.dirs:
            # Appended last, so a user's custom_dir (searched first) overrides our templates.
            config.theme.dirs.append(TEMPLATES_DIR)
            config.extra_css.append("assets/pgm/pgm.css")
            # The catalog's filter, on every page (a no-op elsewhere): Material's instant
            # navigation swaps pages in without loading extra_javascript again.
            config.extra_javascript.append("assets/pgm/catalog.js")
            config.markdown_extensions.append(XrefExtension(self.site.xref))  # type: ignore[arg-type]
        follow_i18n(config, self.on_files)  # its model from the pages mkdocs-static-i18n keeps for the language
        self.site.configure(self._cache_dir(config), self.config, serving=self.command == "serve")
        if self.config.material_status:
            register_statuses(config, self.site.locale(config, self.config))  # tooltips in the site's language
        return config

    def _stop(self, message: str, serving: str) -> None:
        """Stop the build on bad data or options with ``message`` (``pgm: message``); under
        ``mkdocs serve`` log it as an error followed by ``serving`` (what happens instead) and
        go on: a failed rebuild would leave the server answering no request until it is fixed."""
        if self.command != "serve":
            raise PluginError(f"pgm: {message}")
        log.error("%s%s", message, serving)

    def _cache_dir(self, config: MkDocsConfig) -> str | None:
        """The cache folder: ``cache_dir`` relative to mkdocs.yml, inside its folder unless
        ``cache_dir_outside`` allows otherwise. What it holds goes into pages, so a folder shared
        with other projects or restored from elsewhere is not trusted silently."""
        project = os.path.abspath(os.path.dirname(config.config_file_path or os.path.join(os.getcwd(), "mkdocs.yml")))
        cache = os.path.abspath(os.path.join(project, self.config.cache_dir))
        try:
            inside = os.path.commonpath([project, cache]) == project
        except ValueError:  # another drive on Windows
            inside = False
        if inside or self.config.cache_dir_outside:
            return cache
        self._stop(
            f"cache_dir: '{self.config.cache_dir}' is outside the folder of mkdocs.yml ({project}); "
            "keep the diagram cache inside the project, or set 'cache_dir_outside: true' to allow it",
            "; diagrams are not cached on disk until it is fixed",
        )
        return None

    @event_priority(-100)  # after plugins that generate pages, so their pages take part too
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # Building the model allocates millions of small, long-lived objects and hardly any cycles:
        # the collector's passes over them would cost a third of the time on large sites. The model
        # lives for the whole build: frozen, the collector does not walk it again while pages render.
        with collector_paused():
            files = self.site.load(files, config, self.config, today=self.today, health=self.health, serving=self.command == "serve")
        gc.freeze()
        if self.config.nav_by_program and self.site.state is not None:  # `config` is read afresh on every build
            if config.nav is None or config.nav is self._nav:  # ours: mkdocs-static-i18n's next language reuses the config
                pages = [f.src_uri for f in sorted(files.documentation_pages(), key=file_sort_key) if f.inclusion.is_in_nav()]
                config.nav = self._nav = unfold_language_sections(config, nav_by_program(self.site.state.registry, pages, self.site.state.renderer.locale))
            else:
                log.info("nav_by_program is on, but mkdocs.yml has a 'nav': it is used as written")
        return files

    # After plugins that rewrite Markdown, so the card lands under the final title; just
    # before Material's tags plugin (-50), which reads the tags this adds (tags_from).
    @event_priority(-49)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        return self.site.prepare(markdown, page, self.config)

    @event_priority(50)  # early, so other plugins and both search indexes see the final HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.site.state is None:
            return None
        return self.site.fill(html, page)

    @event_priority(-100)  # after the search plugins have indexed the page itself
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext | None:
        if self.config.enabled:
            self.site.index(page, config)
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # what on_files froze may be collected again (mkdocs serve rebuilds)
        if self.config.enabled:
            self.site.finish()

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        self.site.cancel()
