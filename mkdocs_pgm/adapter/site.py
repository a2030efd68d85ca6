"""One site across builds: what the plugin keeps between ``mkdocs serve`` rebuilds (parsed pages,
fragments, diagrams) and what it makes of each build (model, generated files, filled pages).

* :meth:`Site.load` (``on_files``): read every page (a page whose text did not change is
  not parsed again), build the model, add the generated pages and exports, fingerprint the
  pages (:mod:`..core.incremental`) and, for ``--dirty``, mark the pages whose data changed
  as stale so that MkDocs builds them again.
* :meth:`Site.fill` (``on_page_content``): put each directive's HTML in place, from the
  fragment cache when the page's fingerprint is unchanged, and merge its headings into
  the page's table of contents.
* :meth:`Site.finish` (``on_post_build``): write what the next build needs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import __version__
from ..config import PgmConfig
from ..core.analysis.findings import Finding, Settings, find
from ..core.analysis.schedule import Analysis, analyze
from ..core.cache import FragmentCache
from ..core.diagnostics import Diagnostic
from ..core.directives import GENERATED, steering_markdown, steering_slug
from ..core.exports import files as export_files
from ..core.history.timeline import Timeline
from ..core.i18n import DEFAULT, ENGLISH, Locale, base_language, locale_for
from ..core.incremental import Fingerprints, digest
from ..core.model.loader import decode_page, display_path
from ..core.model.markdown_scan import DIRECTIVE_RE, Directive, parse_args, place_entity_directives
from ..core.model.registry import Entity, PageSource, ParseCache, Registry
from ..core.views.render import TEMPLATES_DIR, CompiledTemplates, Fragment, PageRef, Renderer, RoadmapUids
from ..core.views.search import drawing_texts, nested_entries, remote_entries, tags_of
from ..reference import config_rows
from .diagrams import Diagrams
from .history import HistorySource
from .i18n import build_language, language_folder, localize
from .monorepo import source_files
from .search import add_entries
from .sources import RemoteSources
from .toc import last_heading_id, merge_toc, toc_ids

Log = logging.Logger | logging.LoggerAdapter[logging.Logger]
#: What each language of a mkdocs-static-i18n site keeps: fragments, parsed pages, manifest, outputs, its site folder.
_Language = tuple[FragmentCache, ParseCache, dict[str, str], dict[str, str], str | None]
#: A step that takes longer says so at INFO level (shorter ones at DEBUG): small sites stay quiet.
SLOW = 2.0


@dataclass
class BuildState:
    """What one build made of the site."""

    registry: Registry
    analysis: Analysis
    renderer: Renderer
    fingerprints: Fingerprints
    entities: dict[str, Entity]
    #: The directives of each page (src_uri -> names), generated pages and entity pages' card and sections included.
    directives: dict[str, list[str]]
    #: ``[[ID]]`` targets of the pages that are not entities (src_uri -> ids).
    refs: dict[str, list[str]]
    #: The directives written on each page that is not an entity's, generated pages included: (name, arguments).
    written: dict[str, list[tuple[str, str]]]
    #: The portfolio over time (git history, the point changes are counted from).
    timeline: Timeline
    #: The pages filled so far: src_uri -> the text of their drawings (for MkDocs' built-in search).
    drawings: dict[str, list[str]] = field(default_factory=dict)
    #: Fragments rendered ahead of their page (``--dirty``, see :meth:`Site._same_output`), by key.
    ready: dict[str, Fragment] = field(default_factory=dict)
    filled: int = 0
    fill_seconds: float = 0.0
    rendered: int = 0


class Site:
    def __init__(self, log: Log) -> None:
        self.log = log
        self.parsed = ParseCache()
        self.compiled = CompiledTemplates()
        self.diagrams = Diagrams(log)
        self.history = HistorySource(log)
        self.sources = RemoteSources(log)
        self.fragments = FragmentCache(None)
        self.state: BuildState | None = None
        self.dirty = False
        self.manifest: dict[str, str] = {}
        #: The digest of the fragments last written on each page (see :func:`output_digest`).
        self.outputs: dict[str, str] = {}
        self._manifest_for: str | None = None
        self.cache_dir: str | None = None
        self.page_url = ""
        self.governance_dir = "governance"
        self._tag_problems: set[str] = set()
        #: Languages without labels of their own that a build was asked for (said once each).
        self._untranslated: set[str] = set()
        #: The folder of the language being built (mkdocs-static-i18n, see :meth:`_switch_language`), None: the site's root.
        self.language: str | None = None
        self._languages: dict[str | None, _Language] = {}
        #: Diagnostics reported by the builds of the other languages of this run (see :meth:`_report`).
        self._reported: set[str] = set()
        #: A build loaded and not finished or cancelled yet.
        self._pending = False

    # ------------------------------------------------------------------ set-up

    def configure(self, cache_dir: str | None, options: PgmConfig, *, serving: bool = True) -> None:
        if cache_dir != self.cache_dir:
            self._languages.clear()  # what each language kept was in the old folder
            self.cache_dir = cache_dir
            self.fragments = FragmentCache(self._language_dir())
            self._manifest_for = None
        self.cache_dir = cache_dir
        if options.diagrams:
            self.diagrams.configure(cache_dir, float(options.graphviz_timeout), serving=serving)

    def locale(self, config: MkDocsConfig, options: PgmConfig) -> Locale:
        """The language of this build's labels, dates and numbers, decided here only: the language
        mkdocs-static-i18n builds now, else the ``language`` option, else the theme's (Material's
        ``theme.language``, the MkDocs themes' ``theme.locale``), else English. A language without a
        table of its own is written in English, which an info message says once per language."""
        theme = config.theme
        language = build_language(config) or options.language or theme.get("language") or str(theme.get("locale") or "") or DEFAULT
        locale = locale_for(str(language), options.labels)
        if base_language(locale.language) is None and locale.language not in self._untranslated:
            self._untranslated.add(locale.language)
            self.log.info("The plugin has no labels in language '%s': they are in English (add yours with the 'labels' option)", language)
        return locale

    def _salt(self, config: MkDocsConfig, options: PgmConfig, today: str, locale: Locale = ENGLISH) -> bytes:
        """What every page's fingerprint shares: version, templates, options, site settings, today, language."""
        templates: list[bytes | str] = []
        for folder in [*config.theme.dirs, TEMPLATES_DIR]:  # by content: the same in every checkout
            root = Path(folder) / "pgm"
            if root.is_dir():
                for path in sorted(root.rglob("*")):
                    if path.is_file():
                        templates += [path.relative_to(root).as_posix(), path.read_bytes()]
        settings = json.dumps({k: options[k] for k in sorted(options)}, default=str, sort_keys=True)
        site = json.dumps([config.site_url, config.use_directory_urls, config.theme.name, config.theme.get("language"), locale.key], default=str)
        return digest(__version__, _code_digest(), today, settings, site, *templates)

    # ------------------------------------------------------------------ on_files

    def load(self, files: Files, config: MkDocsConfig, options: PgmConfig, *, today: dt.date, health: Settings, serving: bool) -> Files:
        started = time.perf_counter()
        language = language_folder(config)
        if self._pending and language != self.language:
            # mkdocs-static-i18n starts the next language's build from its on_post_build: when that runs before
            # ours, the build before (its pages all written) is finished now, before its state is put aside.
            self.finish()
        self._switch_language(language)
        self._pending = True
        self.fragments.start()
        self.fragments.keep = serving
        sources, unreadable = [], []
        copied = source_files(config)  # mkdocs-monorepo-plugin builds copies: name the real files
        for file in files.documentation_pages():
            path = file.abs_src_path or os.path.join(config.docs_dir, file.src_uri)
            path = copied.get(path, path)
            text = decode_page(file.content_bytes, display_path(path))
            if isinstance(text, Diagnostic):  # MkDocs would stop with a traceback when it reads the page
                unreadable.append((file, text))
            else:
                sources.append(PageSource(file.src_uri, display_path(path), text))
        if unreadable and not serving:
            raise PluginError("\n".join(str(problem) for _, problem in unreadable))
        for file, problem in unreadable:  # serving: the rest of the site builds
            self.log.error("%s; the page is left out until it is fixed", problem)
            files.remove(file)
        self.parsed.hits = self.parsed.misses = 0
        self._tag_problems = set()
        project_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        remote = self.sources.load(options, config_dir=project_dir, cache_dir=self.cache_dir, serving=serving, again=self.language is not None)
        registry = Registry.build(
            sources, cache=self.parsed, remote=remote, ignore_fields=options.ignore_fields, strict_references=options.strict_references,
            decision_dirs=options.decision_dirs, adr_prefix=options.adr_prefix,
        )
        self.parsed.keep_only((s.src_uri, s.file) for s in sources)
        if self.language is None:  # the site's first build (mkdocs-static-i18n builds the other languages after it)
            self._reported = set()
        reported = set(self._reported)
        for diagnostic in registry.diagnostics:
            self._report(diagnostic, reported)
        analysis = analyze(registry, near_critical_days=health.near_critical_days, what_if_days=health.what_if_days)
        for conflict in analysis.conflicts:  # facts about the plan, not errors in the data: INFO
            edge = conflict.edge
            where = edge.source.field("depends_on", edge.index)
            self._report(Diagnostic(edge.source.file, edge.line, where, conflict.message, severity="info", code="schedule-conflict"), reported)
        history_started = time.perf_counter()
        timeline = self.history.timeline(
            registry, docs_dir=config.docs_dir, config_dir=project_dir, cache_dir=self.cache_dir, options=options, today=today,
            serving=serving,
        )
        history_seconds = time.perf_counter() - history_started
        model_seconds = time.perf_counter() - started

        locale = self.locale(config, options)
        programs = [p for p in registry.of_kind("program") if not p.virtual and p.origin is None]  # another site's: steered there
        pages = self._add_pages(files, config, options, locale, programs)
        urls = {file.src_uri: file.url for file in files}  # every link of the build looks one up
        # Any new commit (or another point to compare with) changes what history shows: every page's fingerprint.
        salt = digest(self._salt(config, options, today.isoformat(), locale), timeline.history.head, timeline.point.label, timeline.point.kind)
        if self.sources.states:  # the dashboard says which sources are current, and since when the others are not
            salt = digest(salt, json.dumps([state.to_dict() for state in self.sources.states], sort_keys=True))
        fingerprints = Fingerprints(registry, analysis, urls, salt, diagram_depth=options.diagram_depth)
        findings = find(registry, today, health, analysis)
        if options.exports:
            pages.update(self._add_exports(files, config, options, registry, analysis, findings, fingerprints, urls, today, timeline))
            urls.update((file.src_uri, file.url) for file in files)
        self.diagrams.display = {source.src_uri: source.file for source in sources}
        renderer = Renderer(
            registry, urls.get, search_path=list(config.theme.dirs), currency=options.currency, today=today,
            lane_limit=options.roadmap_lane_limit, draw=self.diagrams.draw if options.diagrams else None,
            diagram_depth=options.diagram_depth, diagram_max_nodes=options.diagram_max_nodes, analysis=analysis,
            findings=findings, upcoming_days=options.upcoming_days, pages=pages, compiled=self.compiled, config_rows=config_rows,
            locale=locale, timeline=timeline, sources=self.sources.states,
        )
        entities = {e.src_uri: e for e in registry.entities}
        directives: dict[str, list[str]] = {src_uri: ["card", "sections"] for src_uri in entities}
        written: dict[str, list[tuple[str, str]]] = {}  # what --dirty may render ahead (see _same_output)
        for _, src_uri, found in registry.directives:
            directives.setdefault(src_uri, []).extend(d.name for d in found)
            written.setdefault(src_uri, []).extend((d.name, d.text) for d in found)
        for name, page in GENERATED.items():
            directives.setdefault(pages[page.slug], []).append(name)
            written.setdefault(pages[page.slug], []).append((name, ""))
        for program in programs:  # each program's steering pack: a site-wide directive, the site's fingerprint
            src_uri = pages[steering_slug(program.id)]
            directives.setdefault(src_uri, []).append("steering")
            written.setdefault(src_uri, []).append(("steering", f"program={program.id}"))
        refs: dict[str, list[str]] = {}
        for src_uri, (_, found_refs) in zip(registry.other_ref_pages, registry.other_refs, strict=True):
            refs.setdefault(src_uri, []).extend(r.target for r in found_refs)
        self.state = BuildState(registry, analysis, renderer, fingerprints, entities, directives, refs, written, timeline)
        self._load_manifest(config, files)
        stale = self._mark_stale(files) if self.dirty else None
        if options.diagrams and not self.dirty:
            self._start_diagrams(files)
        seconds = time.perf_counter() - started
        (self.log.info if seconds >= SLOW else self.log.debug)(
            "Read %d pages (%d parsed, %d unchanged) and built the model of %d entities in %.1f s (history: %d commits, %.1f s)%s",
            len(sources), self.parsed.misses, self.parsed.hits, len(registry.entities), model_seconds, timeline.history.commits, history_seconds,
            f"; {stale} pages show changed data and are built again" if stale is not None else "",
        )
        return files

    def _report(self, diagnostic: Diagnostic, reported: set[str]) -> None:
        """Log ``diagnostic``, unless the build of another language reported it already (a page of the
        default language is also the other languages' page when it has no translation)."""
        text = str(diagnostic)
        if text in reported:
            return
        self._reported.add(text)
        (self.log.info if diagnostic.severity == "info" else self.log.warning)("%s", diagnostic)

    def _switch_language(self, folder: str | None) -> None:
        """mkdocs-static-i18n builds each language in turn with this same plugin (see :mod:`.i18n`).
        Each language keeps its own fragments, manifest and parsed pages, in its own part of the cache
        folder (``languages/fr``; the default language's at the root, as without i18n): the build of
        one language neither prunes nor overwrites what another one wrote."""
        if folder == self.language:
            return
        self._languages[self.language] = (self.fragments, self.parsed, self.manifest, self.outputs, self._manifest_for)
        self.language = folder
        kept = self._languages.pop(folder, None)
        if kept is None:
            kept = (FragmentCache(self._language_dir()), ParseCache(), {}, {}, None)
        self.fragments, self.parsed, self.manifest, self.outputs, self._manifest_for = kept

    def _language_dir(self) -> str | None:
        """The cache folder of the language being built."""
        if self.cache_dir is None or self.language is None:
            return self.cache_dir
        return os.path.join(self.cache_dir, "languages", self.language)

    def _add_pages(
        self, files: Files, config: MkDocsConfig, options: PgmConfig, locale: Locale = ENGLISH, programs: list[Entity] | None = None,
    ) -> dict[str, str]:
        """The generated pages under ``governance_dir`` (from the directive table), and the steering pack of each of
        ``programs`` (``steering/ID.md``); returns slug -> src_uri.

        With a cache folder, a page's Markdown is a file there, rewritten only when it changes:
        MkDocs' ``--dirty`` then builds it only when its data changed (see :meth:`_mark_stale`).
        """
        self.governance_dir = options.governance_dir
        added = {}
        for name, page in GENERATED.items():
            src_uri = f"{options.governance_dir}/{page.slug}.md"
            if files.get_file_from_path(src_uri) is not None:
                self.log.info("%s exists in the docs; the generated page is not added", src_uri)
            else:
                files.append(localize(config, self._generated(config, src_uri, page.markdown(name, locale))))
            added[page.slug] = src_uri
        for program in programs or ():
            slug = steering_slug(program.id)
            src_uri = f"{options.governance_dir}/{slug}.md"
            if files.get_file_from_path(src_uri) is not None:
                self.log.info("%s exists in the docs; the generated page is not added", src_uri)
            else:
                files.append(localize(config, self._generated(config, src_uri, steering_markdown(program.id, program.title, locale))))
            added[slug] = src_uri
        return added

    def _generated(self, config: MkDocsConfig, src_uri: str, content: str) -> File:
        folder = self._language_dir()
        if folder is None:
            return File.generated(config, src_uri, content=content)
        path = Path(folder) / "pages" / src_uri
        try:
            if not path.is_file() or path.read_text(encoding="utf-8") != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
        except OSError:
            return File.generated(config, src_uri, content=content)
        return File.generated(config, src_uri, abs_src_path=str(path))

    def _add_exports(
        self, files: Files, config: MkDocsConfig, options: PgmConfig, registry: Registry, analysis: Analysis,
        findings: list[Finding], fingerprints: Fingerprints, urls: dict[str, str], today: dt.date, timeline: Timeline,
    ) -> dict[str, str]:
        """The data files of ``governance_dir``; kept by the site's fingerprint; returns name -> src_uri."""

        makers = export_files.makers(
            registry, analysis=analysis, findings=findings, today=today, currency=options.currency, urls=urls,
            site_url=config.site_url or None, docs_dir=config.docs_dir, site_name=config.site_name or "", timeline=timeline,
            sources=self.sources.states,
            locale=self.locale(config, options), governance_dir=options.governance_dir,
        )
        added = {}
        for name in export_files.EXPORTS:
            src_uri = f"{options.governance_dir}/{name}"
            if files.get_file_from_path(src_uri) is not None:
                self.log.info("%s exists in the docs; the generated file is not added", src_uri)
            else:
                # The exports name files relative to the docs folder: the same key in every checkout.
                key = digest(fingerprints.site, "export", name, config.site_name or "").hex()
                content = self.fragments.text(key)
                if content is None:
                    content = makers[name]()
                    self.fragments.put_text(key, content)
                files.append(localize(config, File.generated(config, src_uri, content=content)))
            added[name] = src_uri
        return added

    def _start_diagrams(self, files: Files) -> None:
        """Start laying out the diagrams of the pages whose fragments are not cached, in build order."""
        state = self.state
        assert state is not None
        renderer = state.renderer
        graphs = []

        def cached(src_uri: str, name: str, args: str = "") -> bool:
            fp = self.page_fingerprint(src_uri)
            return fp is not None and self.fragments.has(fragment_key(fp, name, args, ""))

        for entity in state.registry.entities:
            file = files.get_file_from_path(entity.src_uri)
            if file is not None and entity.kind in ("project", "program") and not cached(entity.src_uri, "sections"):
                graphs.extend(renderer.graphs_for(entity, file.url))
        for _, src_uri, found in state.registry.directives:  # <!-- pgm:dependencies --> on any page
            file = files.get_file_from_path(src_uri)
            for directive in found:
                if directive.name == "dependencies" and file is not None and not cached(src_uri, "dependencies", directive.text):
                    graphs.extend(renderer.dependency_graphs(directive, file.url, file.src_uri))
        overview = files.get_file_from_path(f"{self.governance_dir}/{GENERATED['dependencies'].slug}.md")
        if overview is not None and overview.generated_by and not cached(overview.src_uri, "dependencies"):
            graphs.extend(renderer.portfolio_graphs(overview.url, overview.src_uri))
        order = {file.src_uri: i for i, file in enumerate(files.documentation_pages())}
        graphs.sort(key=lambda g: order.get(g.page, len(order)))  # stable: a page's own order stays
        self.diagrams.start(graphs)

    # ------------------------------------------------------------------ --dirty

    def page_fingerprint(self, src_uri: str) -> bytes | None:
        """The fingerprint of a page of this build (None: the plugin writes nothing on it)."""
        state = self.state
        assert state is not None
        return state.fingerprints.page(src_uri, directives=state.directives.get(src_uri, ()), refs=state.refs.get(src_uri, ()))

    def _manifest_path(self) -> Path | None:
        folder = self._language_dir()
        return Path(folder) / "pages.json" if folder else None

    def _load_manifest(self, config: MkDocsConfig, files: Files) -> None:
        """The fingerprint of each page as last written to this ``site_dir`` (pages gone are forgotten)."""
        site_dir = os.path.abspath(config.site_dir)
        if self._manifest_for == site_dir:
            present = {f.src_uri for f in files.documentation_pages()}
            self.manifest = {k: v for k, v in self.manifest.items() if k in present}
            self.outputs = {k: v for k, v in self.outputs.items() if k in present}
            return
        self._manifest_for = site_dir
        self.manifest, self.outputs = {}, {}
        path = self._manifest_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("site_dir") == site_dir and isinstance(data.get("pages"), dict):
            self.manifest = {str(k): str(v) for k, v in data["pages"].items()}
            outputs = data.get("outputs")
            if isinstance(outputs, dict):
                self.outputs = {str(k): str(v) for k, v in outputs.items()}

    def _mark_stale(self, files: Files) -> int:
        """``--dirty``: make MkDocs build again every page whose data changed since it was written
        (its output is dated back, so MkDocs sees it as older than its source)."""
        stale = 0
        for file in files.documentation_pages():
            fp = self.page_fingerprint(file.src_uri)
            wanted = fp.hex() if fp is not None else None
            if self.manifest.get(file.src_uri) == wanted:
                continue
            if wanted is None and file.src_uri not in self.manifest:
                continue
            if fp is not None and self._same_output(file, fp):
                self.manifest[file.src_uri] = fp.hex()
                continue
            stale += 1
            try:
                if os.path.isfile(file.abs_dest_path):
                    os.utime(file.abs_dest_path, (0, 0))
            except OSError:
                pass
        return stale

    def _same_output(self, file: File, fp: bytes) -> bool:
        """Whether a page of site-wide directives whose data changed would still show the same HTML.

        Its fragments are rendered now (and kept for :meth:`fill`) and compared with those last
        written: a date moved on one project changes the site's fingerprint, but not the decision
        log or the catalog, which need not be built again. Only for pages whose every part the
        plugin writes is a fragment: not entity pages (card, sections, tags, search entries) and
        not pages with ``[[ID]]`` links (those are in the Markdown).
        """
        state = self.state
        assert state is not None
        src_uri = file.src_uri
        before = self.outputs.get(src_uri)
        if before is None or src_uri in state.entities or state.refs.get(src_uri) or file.is_modified():
            return False
        listed = state.written.get(src_uri)
        if not listed:
            return False
        parts: list[str] = []
        fresh: list[str] = []
        uid_of = RoadmapUids()
        for name, args in listed:
            uid = uid_of(name)
            key = fragment_key(fp, name, args, uid)
            fragment = self.fragments.fragment(key)
            if fragment is None:
                fragment = state.renderer.render(Directive(name, parse_args(args)[0], 0), PageRef(file.url, src_uri, None, uid))
                if fragment is None:
                    continue
                state.rendered += 1
                state.ready[key] = fragment
                fresh.append(key)
            parts.append(output_part(name, args, uid, fragment))
        if output_digest(parts) != before:
            return False  # the page is built: fill() takes its fragments from state.ready
        for key in fresh:  # the page stays as it is; its fragments are the next build's
            self.fragments.put_fragment(key, state.ready.pop(key))
        return True

    # ------------------------------------------------------------------ on_page_markdown

    def prepare(self, markdown: str, page: Page, options: PgmConfig) -> str | None:
        """An entity page's Markdown: placeholders where its card and sections go (unless written),
        its canonical status for Material's navigation badge, and its derived tags."""
        self.page_url = page.file.url
        state = self.state
        entity = state.entities.get(page.file.src_uri) if state is not None else None
        if entity is None:
            return None
        title = page.meta.get("title")
        if isinstance(title, str) and page.title == title:
            # Themes print page.title as HTML; a title from front matter is text.
            page.title = escape(title, quote=False)
        if options.material_status and entity.status:
            page.meta["status"] = entity.status  # canonical (or default) status for Material's nav badge
        if options.tags_from:
            own = page.meta.get("tags")
            tags = list(own) if isinstance(own, list) else []
            problems: list[Diagnostic] = []
            tags.extend(t for t in tags_of(entity, options.tags_from, problems) if t not in tags)
            page.meta["tags"] = tags
            for problem in problems:  # once per program, not on every page of it
                if problem.file not in self._tag_problems:
                    self._tag_problems.add(problem.file)
                    self.log.warning("%s", problem)
        return place_entity_directives(markdown)

    def xref(self, ref: str, text: str | None) -> str:
        """``[[ID]]`` on the page being converted (see :class:`..core.views.xref.XrefExtension`)."""
        if self.state is None:
            return f"[[{ref}]]"
        return self.state.renderer.xref(ref, text, self.page_url)

    # ------------------------------------------------------------------ on_page_content

    def fill(self, html: str, page: Page) -> str:
        state = self.state
        assert state is not None
        started = time.perf_counter()
        src_uri = page.file.src_uri
        fp = self.page_fingerprint(src_uri)
        if fp is not None:
            self.manifest[src_uri] = fp.hex()
        else:
            self.manifest.pop(src_uri, None)
        self.outputs.pop(src_uri, None)
        if not DIRECTIVE_RE.search(html):
            return html
        entity = state.entities.get(src_uri)
        uid_of = RoadmapUids()
        position = 0
        parts: list[str] = []
        while match := DIRECTIVE_RE.search(html, position):
            name, args = match.group(1), match.group(2).strip()
            uid = uid_of(name)
            key = fragment_key(fp, name, args, uid) if fp is not None else None
            fragment = None
            if key is not None:
                fragment = state.ready.pop(key, None)
                if fragment is not None:  # rendered ahead (--dirty): kept now that its page is built
                    self.fragments.put_fragment(key, fragment)
                else:
                    fragment = self.fragments.fragment(key)
            if fragment is None:
                fragment = state.renderer.render(Directive(name, parse_args(args)[0], 0), PageRef(page.file.url, src_uri, entity, uid))
                if fragment is not None:
                    state.rendered += 1
                    if key is not None:
                        self.fragments.put_fragment(key, fragment)
            if fragment is None:  # not ours to fill here (reported by the check if unknown)
                position = match.end()
                continue
            parts.append(output_part(name, args, uid, fragment))
            html = self._insert(page, html, match.start(), match.end(), fragment)
            position = match.start() + len(fragment.html)
            drawings = state.drawings.setdefault(src_uri, [])
            if "<svg" in fragment.html:
                drawings.extend(drawing_texts(fragment.html))
        if parts:
            self.outputs[src_uri] = output_digest(parts)
        state.filled += 1
        state.fill_seconds += time.perf_counter() - started
        return html

    @staticmethod
    def _insert(page: Page, html: str, start: int, end: int, fragment: Fragment) -> str:
        """Put ``fragment`` in place of the directive; its headings join the page's TOC."""
        if fragment.headings:
            page.toc = merge_toc(page.toc, fragment.headings, last_heading_id(html[:start]))
        return html[:start] + fragment.html + html[end:]

    # ------------------------------------------------------------------ on_page_context

    def index(self, page: Page, config: MkDocsConfig) -> None:
        """Each nested entry (risk, decision, milestone…) of the page a search result of its own."""
        state = self.state
        if state is None:
            return
        drawings = state.drawings.pop(page.file.src_uri, None)
        search = page.meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return
        entity = state.entities.get(page.file.src_uri)
        entries = []
        if page.file.src_uri == state.renderer.pages.get(GENERATED["catalog"].slug) and page.file.generated_by:
            # The entities of other sites: their results land on their rows of the catalog.
            entries = [(f"{page.url}#{e.anchor}", e.title, e.text) for e in remote_entries(state.registry, state.renderer.locale)]
        if entity is not None:
            # An anchor that is a heading of the page has its result already, made by the search plugin.
            headings = toc_ids(page.toc)
            entries = [(f"{page.url}#{e.anchor}", e.title, e.text) for e in nested_entries(entity, state.renderer.locale) if e.anchor not in headings]
        if entries or drawings is not None:
            add_entries(config, page, entries, drawings)

    # ------------------------------------------------------------------ on_post_build

    def finish(self) -> None:
        if not self._pending:  # finished already (a mkdocs-static-i18n language build, see load)
            return
        self._pending = False
        self.diagrams.finish()
        state = self.state
        if state is not None:
            stats = self.fragments.stats
            (self.log.info if state.fill_seconds >= SLOW else self.log.debug)(
                "Filled %d pages in %.1f s: %d fragments rendered, %d from the cache",
                state.filled, state.fill_seconds, state.rendered, stats.memory + stats.disk,
            )
            if stats.rejected:
                self.log.warning("%d cached fragment(s) in %s failed their integrity check; they were rendered again",
                                 stats.rejected, display_path(self.cache_dir or "."))
        if not self.dirty:
            self.fragments.prune()
        self.fragments.forget_unused()
        path = self._manifest_path()
        if path is not None and self._manifest_for is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps({"site_dir": self._manifest_for, "pages": self.manifest, "outputs": self.outputs}, sort_keys=True), encoding="utf-8")
            except OSError:
                pass

    def cancel(self) -> None:
        self._pending = False
        self.diagrams.cancel()


@functools.cache
def _code_digest() -> bytes:
    """The plugin's own code, by content: an edited checkout (``pip install -e``) keeps no fragment of the code before."""
    package = Path(__file__).resolve().parents[1]
    return digest(*(part for path in sorted(package.rglob("*.py")) for part in (path.relative_to(package).as_posix(), path.read_bytes())))


def fragment_key(fingerprint: bytes, name: str, args: str, uid: str) -> str:
    return digest(fingerprint, name, args, uid).hex()


def output_part(name: str, args: str, uid: str, fragment: Fragment) -> str:
    """One fragment of a page, as it goes into the page's :func:`output_digest`."""
    headings = "\n".join(f"{h.level} {h.id} {h.title}" for h in fragment.headings)
    return digest(name, args, uid, fragment.html, headings).hex()


def output_digest(parts: list[str]) -> str:
    """What the plugin wrote on a page: its fragments, whatever their order."""
    return digest(*sorted(parts)).hex()
