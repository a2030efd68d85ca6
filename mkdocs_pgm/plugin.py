"""The MkDocs adapter: maps MkDocs events onto the host-independent core.

Event order (MkDocs 1.6): ``on_config`` registers templates, CSS, the ``[[ID]]``
Markdown extension and Material's page statuses; ``on_files`` reads every
page's front matter and builds the whole model before any page renders;
``on_page_markdown`` puts placeholders where the card and sections go;
``on_page_content`` (early) replaces every placeholder and directive with its
HTML rendered from Jinja templates, diagrams included (laid out by Graphviz in
threads started in ``on_files``: a page waits only for its own), and merges its
headings into the page's TOC. From then on ``page.content`` is the final page:
the search plugins index it in ``on_page_context``, where this plugin then adds
each nested entry (risk, decision, milestone…) as a search result of its own,
and other plugins (print-site, i18n, minifiers) see the whole of it.
``on_post_build`` joins the layout threads.
"""

from __future__ import annotations

import gc
import json
import os
import re
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.templates import TemplateContext

from .config import PgmConfig, resolve_today
from .core.analysis.findings import Settings, find, settings_from
from .core.analysis.schedule import Analysis, analyze
from .core.diagnostics import Diagnostic
from .core.diagrams.graphs import Graph
from .core.diagrams.graphviz import GraphvizMissing, GraphvizService, Layout, Result
from .core.exports import formats as exports
from .core.model.loader import decode_page, display_path
from .core.model.markdown_scan import DIRECTIVE_RE, Directive, first_heading_line, has_directive, parse_args
from .core.model.registry import Entity, Node, PageSource, Registry
from .core.views.render import TEMPLATES_DIR, CompiledTemplates, Fragment, Heading, Renderer, headings_of, html_to_text
from .core.views.search import drawing_texts, nested_entries, tags_of
from .core.views.xref import XrefExtension
from .reference import config_rows

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

CARD = "<!-- pgm:card -->"
SECTIONS = "<!-- pgm:sections -->"
DASHBOARD = "<!-- pgm:dashboard -->"
ROADMAP = "<!-- pgm:roadmap -->"
_SPACES_RE = re.compile(" {2,}")

#: Tooltips of the statuses registered with Material's page status feature.
MATERIAL_STATUSES = {
    "proposed": "Proposed",
    "planned": "Planned",
    "active": "Active",
    "on-hold": "On hold",
    "completed": "Completed",
    "cancelled": "Cancelled",
    "accepted": "Decision accepted",
    "rejected": "Decision rejected",
    "deprecated": "Deprecated",
    "superseded": "Decision superseded",
}


class PgmPlugin(BasePlugin[PgmConfig]):
    """``plugins: [pgm]``: a governance knowledge base from page front matter."""

    def __init__(self) -> None:
        self.registry: Registry | None = None
        #: Templates compiled once, kept across `mkdocs serve` rebuilds.
        self.compiled = CompiledTemplates()
        self.renderer: Renderer | None = None
        self._entities: dict[str, Entity] = {}
        self._page_url = ""
        self._display: dict[str, str] = {}
        self._reported: set[str] = set()
        self.today = resolve_today(None)
        self.command = "build"
        self.service: GraphvizService | None = None
        #: The diagrams of the current build, being laid out (see _draw_all).
        self.layout: Layout | None = None
        self._missing_dot_reported = False
        self.findings: list = []
        self.health = Settings()
        #: The pages this plugin filled (src_uri): the text of their drawings, taken out of MkDocs' built-in search.
        self._filled: dict[str, list[str]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command = command

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer | None:
        # `mkdocs serve --clean` starts with command "build"; its rebuilds must not stop the server either.
        self.command = "serve"
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
        # Appended last, so a user's custom_dir (searched first) overrides our templates.
        config.theme.dirs.append(TEMPLATES_DIR)
        config.extra_css.append("assets/pgm/pgm.css")
        # The catalog's filter, on every page (a no-op elsewhere): Material's instant
        # navigation swaps pages in without loading extra_javascript again.
        config.extra_javascript.append("assets/pgm/catalog.js")
        config.markdown_extensions.append(XrefExtension(self._render_xref))  # type: ignore[arg-type]
        if self.config.diagrams:
            cache: str | None = self._cache_dir(config)
            if self.service is None or self.service.cache_dir != (Path(cache) if cache else None) or self.service.timeout != self.config.graphviz_timeout:
                # Kept across `mkdocs serve` rebuilds: its memory cache makes them free.
                self.service = GraphvizService(cache, timeout=float(self.config.graphviz_timeout))
            self.service.failed.clear()
            self._missing_dot_reported = False
        if self.config.material_status:
            status = dict(MATERIAL_STATUSES)
            status.update(config.extra.get("status") or {})
            config.extra["status"] = status
        return config

    def _stop(self, message: str, serving: str) -> None:
        """Stop the build on bad data or options with ``message`` (``pgm: message``); under
        ``mkdocs serve`` log it as an error followed by ``serving`` (what happens instead) and
        go on: a failed rebuild would leave the server answering no request until it is fixed."""
        if self.command != "serve":
            raise PluginError(f"pgm: {message}")
        log.error("%s%s", message, serving)

    def _cache_dir(self, config: MkDocsConfig) -> str | None:
        """The diagram cache folder: ``cache_dir`` relative to mkdocs.yml, inside its folder
        unless ``cache_dir_outside`` allows otherwise. Its SVG is inlined into pages, so a
        folder shared with other projects or restored from elsewhere is not trusted silently."""
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
        sources = []
        unreadable: list[tuple[File, Diagnostic]] = []
        for file in files.documentation_pages():
            path = file.abs_src_path or os.path.join(config.docs_dir, file.src_uri)
            text = decode_page(file.content_bytes, display_path(path))
            if isinstance(text, Diagnostic):  # MkDocs would stop with a traceback when it reads the page
                unreadable.append((file, text))
            else:
                sources.append(PageSource(file.src_uri, display_path(path), text))
        if unreadable and self.command != "serve":
            raise PluginError("\n".join(str(problem) for _, problem in unreadable))
        for file, problem in unreadable:  # serving: the rest of the site builds
            log.error("%s; the page is left out until it is fixed", problem)
            files.remove(file)
        registry = Registry.build(
            sources, ignore_fields=self.config.ignore_fields, strict_references=self.config.strict_references
        )
        for diagnostic in registry.diagnostics:
            _log(diagnostic)
        analysis = analyze(registry)
        for conflict in analysis.conflicts:  # facts about the plan, not errors in the data: INFO
            edge = conflict.edge
            where = edge.source.field("depends_on", edge.index)
            log.info("%s", Diagnostic(edge.source.file, edge.line, where, conflict.message, severity="info", code="schedule-conflict"))
        # The model lives for the whole build: the collector need not walk it again and
        # again while pages render (about 3 % of a build). on_post_build unfreezes it.
        gc.freeze()
        self.registry = registry
        self._filled.clear()
        self._entities = {entity.src_uri: entity for entity in registry.entities}
        self._display = {source.src_uri: source.file for source in sources}
        self._reported = set()

        pages: dict[str, str] = {}
        for name, content in self._generated_pages().items():
            src_uri = f"{self.config.governance_dir}/{name}.md" if name != "dashboard" else f"{self.config.governance_dir}/index.md"
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
            else:
                log.info("%s exists in the docs; the generated page is not added", src_uri)
            pages[name] = src_uri
        self.findings = find(registry, self.today, self.health, analysis)
        if self.config.exports:
            pages.update(self._add_exports(files, config, registry, analysis))

        urls = {file.src_uri: file.url for file in files}  # every link of the build looks one up
        self.renderer = Renderer(
            registry, urls.get, search_path=list(config.theme.dirs), currency=self.config.currency, today=self.today,
            lane_limit=self.config.roadmap_lane_limit,
            draw=self._draw if self.config.diagrams else None,
            diagram_depth=self.config.diagram_depth, diagram_max_nodes=self.config.diagram_max_nodes, analysis=analysis,
            findings=self.findings, upcoming_days=self.config.upcoming_days, pages=pages,
            compiled=self.compiled,
        )
        if self.layout is not None:  # a build that stopped before on_post_build (mkdocs serve)
            self.layout.cancel()
            self.layout = None
        if self.config.diagrams:
            self._draw_all(files)
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # what on_files froze may be collected again (mkdocs serve rebuilds)
        if self.layout is not None:  # every page has its diagrams: this only joins the threads
            self.layout.wait()
            if self.layout.threads:
                log.info("Laid out %d dependency diagrams in %.1f s", len(self.layout.keys), self.layout.seconds)
            self.layout = None

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        if self.layout is not None:
            self.layout.cancel()
            self.layout = None

    def _add_exports(self, files: Files, config: MkDocsConfig, registry: Registry, analysis: Analysis) -> dict[str, str]:
        """The data files of ``governance_dir``, generated in memory; returns name -> src_uri."""

        urls = {file.src_uri: file.url for file in files}

        def url_of(node: Node) -> str | None:
            url = urls.get(node.src_uri) if node.src_uri else None
            if url is None:
                return None
            return f"{url}#{node.anchor}" if node.anchor else url

        site_url = config.site_url or None
        contents = {
            "pgm.json": lambda: exports.export_json(
                registry, analysis=analysis, findings=self.findings, today=self.today, currency=self.config.currency,
                url_of=url_of, site_url=site_url, docs_dir=config.docs_dir,
            ),
            "pgm.schema.json": lambda: json.dumps(exports.export_schema(), indent=2, ensure_ascii=False) + "\n",
            "milestones.ics": lambda: exports.export_ics(
                registry, today=self.today, url_of=url_of, site_url=site_url, calendar_name=f"{config.site_name}: milestones and decisions",
            ),
            "raid.csv": lambda: exports.raid_csv(registry, url_of=url_of, site_url=site_url),
            "decisions.csv": lambda: exports.decisions_csv(registry, url_of=url_of, site_url=site_url),
        }
        added = {}
        for name, content in contents.items():
            src_uri = f"{self.config.governance_dir}/{name}"
            if files.get_file_from_path(src_uri) is not None:
                log.info("%s exists in the docs; the generated file is not added", src_uri)
            else:
                files.append(File.generated(config, src_uri, content=content()))
            added[name] = src_uri
        return added

    def _generated_pages(self) -> dict[str, str]:
        """The pages under ``governance_dir``, by name: Markdown with a directive each."""
        pages = {
            "dashboard": f"# Governance dashboard\n\n{DASHBOARD}\n",
            "decisions": "# Decision log\n\n<!-- pgm:decision-log -->\n",
            "raid": "# RAID register\n\nRisks, assumptions, issues and dependencies of every project and program.\n\n<!-- pgm:raid -->\n",
            "changes": "# Change requests\n\nEvery change request, its impact and the decision that settled it.\n\n<!-- pgm:changes -->\n",
            "benefits": "# Benefits\n\nWhat the programs are meant to deliver, and how far they have got.\n\n<!-- pgm:benefits -->\n",
            "roadmap": f"# Portfolio roadmap\n\nEvery program as a swim lane, then the standalone projects.\n\n{ROADMAP}\n",
            "catalog": "# Catalog\n\nEvery portfolio, program, project and decision, sorted by type then title.\n\n<!-- pgm:catalog -->\n",
            "dependencies": (
                "# Dependencies\n\nFirst between programs, then between every project, grouped by program. "
                "Dependencies implied by others are left out.\n\n<!-- pgm:dependencies -->\n"
            ),
        }
        return pages

    # After plugins that rewrite Markdown, so the card lands under the final title; just
    # before Material's tags plugin (-50), which reads the tags this adds (tags_from).
    @event_priority(-49)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        self._page_url = page.file.url
        entity = self._entities.get(page.file.src_uri)
        if entity is None:
            return None
        title = page.meta.get("title")
        if isinstance(title, str) and page.title == title:
            # Themes print page.title as HTML; a title from front matter is text.
            page.title = escape(title, quote=False)
        if self.config.material_status and entity.status:
            page.meta["status"] = entity.status  # canonical (or default) status for Material's nav badge
        if self.config.tags_from:
            own = page.meta.get("tags")
            tags = list(own) if isinstance(own, list) else []
            problems: list[Diagnostic] = []
            tags.extend(t for t in tags_of(entity, self.config.tags_from, problems) if t not in tags)
            page.meta["tags"] = tags
            for problem in problems:  # once per program, not on every page of it
                if f"tags:{problem.file}" not in self._reported:
                    self._reported.add(f"tags:{problem.file}")
                    _log(problem)
        if not has_directive(markdown, "card"):
            line = first_heading_line(markdown)
            lines = markdown.split("\n")
            lines.insert(line, f"\n{CARD}\n")
            markdown = "\n".join(lines)
        if not has_directive(markdown, "sections"):
            markdown = f"{markdown.rstrip()}\n\n{SECTIONS}\n"
        return markdown

    @event_priority(50)  # early, so other plugins and both search indexes see the final HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.renderer is None or not DIRECTIVE_RE.search(html):
            return None
        renderer = self.renderer
        url = page.file.url
        entity = self._entities.get(page.file.src_uri)
        roadmaps = 0
        position = 0
        while match := DIRECTIVE_RE.search(html, position):
            name, args = match.group(1), parse_args(match.group(2))[0]
            fragment: Fragment | None = None
            if name == "card" and entity is not None:
                fragment = renderer.card(entity, url)
            elif name == "sections" and entity is not None:
                fragment = renderer.sections(entity, url)
            elif name in ("dashboard", "overview"):
                fragment = renderer.dashboard(url)
            elif name in ("decision-log", "raid", "changes", "benefits"):
                fragment = renderer.register(Directive(name, args, 0), url)
            elif name == "schema-reference":
                fragment = renderer.schema_reference(url)
            elif name == "config-reference":
                fragment = renderer.config_reference(config_rows(), url)
            elif name == "dependencies":
                fragment = renderer.dependencies(Directive(name, args, 0), url, page.file.src_uri)
            elif name == "catalog":
                fragment = renderer.catalog(url)
            elif name == "roadmap":
                roadmaps += 1
                fragment = renderer.roadmap(Directive(name, args, 0), url, uid=f"pgm-roadmap-{roadmaps}")
            if fragment is None:  # not ours to fill here (reported by the check if unknown)
                position = match.end()
                continue
            html = self._insert(page, html, match.start(), match.end() - match.start(), fragment)
            position = match.start() + len(fragment.html)
            drawings = self._filled.setdefault(page.file.src_uri, [])
            if "<svg" in fragment.html:
                drawings.extend(drawing_texts(fragment.html))
        return html

    @event_priority(-100)  # after the search plugins have indexed the page itself
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext | None:
        """Make each nested entry (risk, decision, milestone…) a search result of its own; in
        MkDocs' built-in search, make the titles of a filled page's entries text, and take the
        drawings' text out (Material's search skips them: ``data-search-exclude``)."""
        filled = self._filled.pop(page.file.src_uri, None)
        entity = self._entities.get(page.file.src_uri) if self.config.enabled else None
        search = page.meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return None
        entries: list[tuple[str, str, str]] = []
        if entity is not None:
            # An anchor that is a heading of the page has its result already, made by the search plugin.
            headings = _toc_ids(page.toc)
            entries.extend((f"{page.url}#{e.anchor}", e.title, e.text) for e in nested_entries(entity) if e.anchor not in headings)
        if not entries and filled is None:
            return None
        tags = [str(t) for t in page.meta.get("tags") or [] if isinstance(t, (str, int, float))] if isinstance(page.meta.get("tags"), list) else []
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if isinstance(getattr(index, "entries", None), list):  # Material's search plugin
                # Material's index holds HTML (it escapes the text it parses, and its search
                # results show it as HTML); MkDocs' built-in search holds text and escapes it
                # in the browser.
                for location, title, text in entries:
                    item: dict[str, object] = {"location": location, "title": escape(title, quote=False), "text": escape(text, quote=False)}
                    if tags:
                        item["tags"] = tags
                    index.entries.append(item)  # type: ignore[union-attr]
            elif callable(getattr(index, "_add_entry", None)):  # MkDocs' built-in search plugin
                if filled is not None:
                    _as_text(getattr(index, "_entries", None), page.url, filled)
                titles_only = getattr(index, "config", {}).get("indexing") == "titles"
                for location, title, text in entries:
                    index._add_entry(title=title, text="" if titles_only else text, loc=location)  # type: ignore[union-attr]  # noqa: SLF001
        return None

    @staticmethod
    def _insert(page: Page, html: str, position: int, length: int, fragment: Fragment) -> str:
        """Put ``fragment`` in place of the placeholder; its headings join the page's TOC."""
        if fragment.headings:
            page.toc = _merge_toc(page.toc, fragment.headings, _last_heading_id(html[:position]))
        return html[:position] + fragment.html + html[position + length:]

    def _draw_all(self, files: Files) -> None:
        """Start laying out every page's diagrams, in the order the pages are built (cached
        ones start no process); each page waits for its own in on_page_content."""
        assert self.renderer is not None
        graphs = []
        for entity in self.renderer.registry.entities:
            file = files.get_file_from_path(entity.src_uri)
            if file is not None:
                graphs.extend(self.renderer.graphs_for(entity, file.url))
        overview = files.get_file_from_path(f"{self.config.governance_dir}/dependencies.md")
        if overview is not None:
            graphs.extend(self.renderer.portfolio_graphs(overview.url, overview.src_uri))
        for _, src_uri, found in self.renderer.registry.directives:  # <!-- pgm:dependencies --> on any page
            file = files.get_file_from_path(src_uri)
            for directive in found:
                if directive.name == "dependencies" and file is not None:
                    graphs.extend(self.renderer.dependency_graphs(directive, file.url, file.src_uri))
        graphs = [g for g in graphs if g.nodes > 1 or g.name in ("portfolio", "programs")]
        order = {file.src_uri: i for i, file in enumerate(files.documentation_pages())}
        graphs.sort(key=lambda g: order.get(g.page, len(order)))  # stable: a page's own order stays
        if self.service is None or not graphs:
            return
        rejected = self.service.stats.rejected
        try:
            self.layout = self.service.start(graphs)
        except GraphvizMissing as exc:
            log.error("%s", exc)
            self._missing_dot_reported = True
            return
        finally:
            rejected = self.service.stats.rejected - rejected
            if rejected:  # the cache files are read in start(): not ours, or changed since (a poisoned CI cache?)
                log.warning(
                    "%d diagram(s) in the cache folder %s failed their integrity check (changed after they were written, "
                    "or holding script); they are laid out again", rejected, display_path(self.service.cache_dir or "."),
                )
        todo = len(self.layout.pending)
        if todo:  # minutes on a large cold site: say what is going on
            log.info("Laying out %d of %d dependency diagrams with Graphviz while the pages build (%d from the cache)",
                     todo, len(graphs), len(graphs) - todo)
        else:
            log.debug("%d dependency diagrams, all from the cache", len(graphs))

    def _draw(self, graphs: Sequence[Graph]) -> dict[str, Result]:
        if self.service is None or not graphs:
            return {}
        try:
            layout = self.layout
            results = {}
            for graph in graphs:  # from the layout started in on_files, else laid out now
                result = layout.get(graph) if layout is not None else None
                if result is None:
                    result = self.service.render([graph])[graph.name]
                results[graph.name] = result
        except GraphvizMissing as exc:
            if not self._missing_dot_reported:
                log.error("%s", exc)
                self._missing_dot_reported = True
            return {}
        for graph in graphs:
            result = results.get(graph.name)
            if result is not None and result.svg is None and graph.key not in self._reported:
                self._reported.add(graph.key)
                log.warning("%s: %s could not be drawn: %s", self._display.get(graph.page, graph.page), graph.title, result.error)
        return results

    def _render_xref(self, ref: str, text: str | None) -> str:
        if self.renderer is None:
            return f"[[{ref}]]"
        return self.renderer.xref(ref, text, self._page_url)


def _log(diagnostic: Diagnostic) -> None:
    if diagnostic.severity == "info":
        log.info("%s", diagnostic)
    else:
        log.warning("%s", diagnostic)


def _toc_ids(toc: TableOfContents) -> set[str]:
    ids: set[str] = set()
    stack = list(toc)
    while stack:
        item = stack.pop()
        ids.add(item.id)
        stack.extend(item.children)
    return ids


def _as_text(entries: object, url: str, drawings: list[str]) -> None:
    """Fix the entries MkDocs' built-in search just made for the page at ``url`` (the last ones
    of its index): it takes their titles from the TOC, which holds HTML, and escapes them in the
    browser, so they become text; and the text of the page's drawings goes (the tables next to
    them hold the same data)."""
    if not isinstance(entries, list):
        return
    for entry in reversed(entries):
        location = entry.get("location") if isinstance(entry, dict) else None
        if not isinstance(location, str) or location.split("#", 1)[0] != url:
            break
        title = entry.get("title")
        if isinstance(title, str) and ("&" in title or "<" in title):
            entry["title"] = html_to_text(title)
        text = entry.get("text")
        if isinstance(text, str) and any(drawing in text for drawing in drawings):
            for drawing in drawings:
                text = text.replace(drawing, " ")
            entry["text"] = _SPACES_RE.sub(" ", text).strip()


def _last_heading_id(html: str) -> str | None:
    found = headings_of(html)
    return found[-1].id if found else None


def _merge_toc(toc: TableOfContents, headings: list[Heading], after: str | None) -> TableOfContents:
    """Insert ``headings`` into the page's table of contents after the heading ``after``."""
    flat: list[AnchorLink] = []
    stack = list(reversed(list(toc)))
    while stack:
        item = stack.pop()
        flat.append(item)
        stack.extend(reversed(item.children))
    position = 0
    if after is not None:
        for index, item in enumerate(flat):
            if item.id == after:
                position = index + 1
                break
        else:
            position = len(flat)
    # Themes print TOC titles as HTML; a heading's title is text (user text included): escape it once.
    new = [AnchorLink(escape(h.title, quote=False), h.id, h.level) for h in headings]
    flat[position:position] = new
    roots: list[AnchorLink] = []
    parents: list[AnchorLink] = []
    for item in flat:
        item.children = []
        while parents and parents[-1].level >= item.level:
            parents.pop()
        (parents[-1].children if parents else roots).append(item)
        parents.append(item)
    return TableOfContents(roots)
