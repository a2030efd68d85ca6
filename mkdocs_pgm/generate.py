"""``mkdocs-pgm generate OUT_DIR``: the knowledge base as plain Markdown, for hosts without plugins.

Zensical and MkDocs 2 run no MkDocs plugin. This host of the core writes a copy of the docs
folder in which everything the plugin would add is already there, as HTML inside Markdown:
each entity page's card and sections, every ``<!-- pgm:... -->`` directive, every ``[[ID]]``,
the generated pages under ``governance_dir``, the exports, and the plugin's stylesheet and
script under ``assets/pgm/``. Any MkDocs-like host builds that folder as its docs folder.

What a host without the plugin cannot get (documented in docs/integrations/other-hosts.md):
headings inside the HTML are not in the table of contents, nested search entries (each risk,
decision…) are not added, tags are not derived, and the output is made again by running the
command, not incrementally.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core import diagnostics as diag
from .core.analysis import findings as health
from .core.analysis.schedule import analyze
from .core.diagrams.graphviz import GraphvizMissing, GraphvizService
from .core.directives import GENERATED, steering_markdown, steering_slug
from .core.exports import files as export_files
from .core.history.git import Reader
from .core.history.load import load_timeline
from .core.history.timeline import Timeline
from .core.i18n import locale_for
from .core.model.frontmatter import split
from .core.model.loader import is_markdown, read_docs, walk_docs
from .core.model.markdown_scan import XREF_RE, Directive, blank_code_spans, directives, place_entity_directives, prose_lines
from .core.model.registry import Entity, ParseOptions, Registry, RemotePage
from .core.urls import page_url
from .core.views.render import TEMPLATES_DIR, Fragment, PageRef, Renderer, RoadmapUids
from .reference import config_rows

#: Written into the output folder: a folder with it may be emptied and written again.
MARKER = ".mkdocs-pgm-generated"
ASSETS = "assets/pgm"
#: Characters Markdown reads inside a line of text, written as references in the text of inline HTML.
_MARKDOWN_CHARS = {ord(c): f"&#{ord(c)};" for c in "*_`[]\\|~"}
_TEXT_RE = re.compile(r">([^<>]+)<")


class GenerateError(Exception):
    """Why nothing was written (the folder is not ours, the data has errors…)."""

    def __init__(self, message: str, diagnostics: list[diag.Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass
class Settings:
    """What the output depends on: the ``pgm`` options and a few site settings of mkdocs.yml."""

    options: Mapping[str, Any] = field(default_factory=dict)
    model: Mapping[str, Any] = field(default_factory=dict)
    """The keyword arguments of :meth:`Registry.build` from the options (``ignore_fields``, ``decision_dirs``…)."""
    site_name: str = ""
    site_url: str | None = None
    directory_urls: bool = True
    today: dt.date = field(default_factory=dt.date.today)
    language: str | None = None
    """The language of labels, dates and numbers (the ``language`` option, else the theme's)."""
    remote: Sequence[RemotePage] = ()
    """The entities of the ``sources`` (other sites' ``pgm.json``), read as the build reads them."""


@dataclass
class Summary:
    pages: int = 0
    filled: int = 0
    generated: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)
    copied: int = 0
    diagnostics: list[diag.Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def prepare_output(docs_dir: Path, out_dir: Path) -> None:
    """Make ``out_dir`` an empty folder of ours; never empty a folder we did not write."""
    docs, out = docs_dir.resolve(), out_dir.resolve()
    if out == docs or docs in out.parents or out in docs.parents:
        raise GenerateError(f"{out_dir} must be outside the docs folder {docs_dir} (and not contain it)")
    if out.exists():
        if not out.is_dir():
            raise GenerateError(f"{out_dir} exists and is not a folder")
        if any(out.iterdir()):
            if not (out / MARKER).is_file():
                raise GenerateError(
                    f"{out_dir} is not empty and was not written by mkdocs-pgm generate; nothing was written: choose an empty or new folder"
                )
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(
        "Written by `mkdocs-pgm generate`: made again, from scratch, on every run. Edit the docs folder instead.\n", encoding="utf-8",
    )


def html_block(html: str) -> str:
    """HTML that Markdown hosts keep as one raw block: no blank line (CommonMark ends an HTML
    block there) and no indented first line (it would be code)."""
    return "\n".join(line for line in html.strip().splitlines() if line.strip())


def inline_html(html: str) -> str:
    """Inline HTML whose text Markdown leaves alone (``*``, ``_``, ``|`` in a title…)."""
    return _TEXT_RE.sub(lambda m: ">" + m.group(1).translate(_MARKDOWN_CHARS) + "<", html)


def _expand_refs(body: str, first_line: int, xref: Callable[[str, str | None], str]) -> str:
    """Every ``[[ID]]`` outside code as the link the plugin would make."""
    lines = body.split("\n")
    for number, line in prose_lines(body, first_line):
        if "[[" not in line:
            continue
        index = number - first_line
        blanked = blank_code_spans(line)
        out, done = [], 0
        for match in XREF_RE.finditer(blanked):
            text = match.group(2)
            out += [line[done:match.start()], inline_html(xref(match.group(1), text.strip() if text is not None else None))]
            done = match.end()
        lines[index] = "".join(out) + line[done:]
    return "\n".join(lines)


def _expand_directives(body: str, first_line: int, render: Callable[[Directive, str], Fragment | None]) -> tuple[str, int]:
    """Every directive line of ``body`` replaced by its HTML; returns the body and how many were filled."""
    lines = body.split("\n")
    uid_of = RoadmapUids()
    filled = 0
    for directive in directives(body, first_line):
        fragment = render(directive, uid_of(directive.name))
        if fragment is not None:
            lines[directive.line - first_line] = "\n" + html_block(fragment.html) + "\n"
            filled += 1
    return "\n".join(lines), filled


def _timeline(registry: Registry, docs: Path, options: Mapping[str, Any], settings: Settings, summary: Summary) -> Timeline:
    """The docs' history from git, as the build reads it (without a cache folder); what is missing is a note."""
    reader = None
    if options.get("history", True):
        model = settings.model
        reader = Reader(str(docs), None, ParseOptions.of(model.get("ignore_fields", ()), model.get("decision_dirs", ()), model.get("adr_prefix", "ADR-")))
    since = options.get("history_since")
    compare_to = options.get("compare_to")
    if isinstance(since, str):
        try:
            since = dt.date.fromisoformat(since.strip())
        except ValueError:
            summary.notes.append(f"history_since: expected a date as YYYY-MM-DD, found {since!r}; all of the history is read")
    kwargs: dict[str, Any] = {"docs_dir": str(docs), "base_dir": str(docs.parent), "reader": reader, "today": settings.today,
                              "since": since if isinstance(since, dt.date) else None}
    try:
        timeline = load_timeline(registry, compare_to=str(compare_to) if compare_to else None, **kwargs)
    except ValueError as exc:
        summary.notes.append(f"{exc}; changes are counted from 30 days before today")
        timeline = load_timeline(registry, compare_to=None, **kwargs)
    if timeline.history.missing:
        summary.notes.append(timeline.history.missing)
    return timeline


def generate(docs_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], settings: Settings, *, strict: bool = False) -> Summary:
    """Write the processed copy of ``docs_dir`` into ``out_dir`` (see the module's docstring)."""
    docs, out = Path(docs_dir), Path(out_dir)
    options = settings.options
    summary = Summary()
    unreadable: list[diag.Diagnostic] = []
    pages = list(read_docs(docs, unreadable))
    registry = Registry.build(pages, remote=settings.remote, **settings.model, strict_references=bool(options.get("strict_references", True)))
    summary.diagnostics = sorted(unreadable + registry.diagnostics, key=diag.Diagnostic.sort_key)
    stopping = [d for d in summary.diagnostics if d.severity == "error" or (strict and d.severity == "warning")]
    if stopping:
        raise GenerateError(f"{len(stopping)} problem(s) in the docs (listed above); nothing was written", summary.diagnostics)
    prepare_output(docs, out)

    governance = str(options.get("governance_dir") or "governance").strip("/")
    present = {p.src_uri for p in pages}
    urls: dict[str, str] = {}
    others: list[str] = []
    for src_uri, _ in walk_docs(docs):
        if is_markdown(src_uri):
            urls[src_uri] = page_url(src_uri, directory_urls=settings.directory_urls)
        else:
            urls[src_uri] = src_uri
            others.append(src_uri)
    generated: dict[str, str] = {}
    for page in GENERATED.values():
        src_uri = f"{governance}/{page.slug}.md"
        generated[page.slug] = src_uri
        if src_uri in present:
            summary.notes.append(f"{src_uri} exists in the docs; the generated page is not written")
        else:
            urls[src_uri] = page_url(src_uri, directory_urls=settings.directory_urls)
    programs = [p for p in registry.of_kind("program") if not p.virtual]  # each one's steering pack
    for program in programs:
        src_uri = f"{governance}/{steering_slug(program.id)}.md"
        generated[steering_slug(program.id)] = src_uri
        if src_uri in present:
            summary.notes.append(f"{src_uri} exists in the docs; the generated page is not written")
        else:
            urls[src_uri] = page_url(src_uri, directory_urls=settings.directory_urls)
    wants_exports = bool(options.get("exports", True))
    if wants_exports:
        for name in export_files.EXPORTS:
            urls.setdefault(f"{governance}/{name}", f"{governance}/{name}")

    checks = health.settings_from(options)
    analysis = analyze(registry, near_critical_days=checks.near_critical_days, what_if_days=checks.what_if_days)
    today = settings.today
    findings = health.find(registry, today, checks, analysis)
    locale = locale_for(settings.language, options.get("labels") or None)
    draw = None
    if options.get("diagrams", True):
        service = GraphvizService(None, timeout=float(options.get("graphviz_timeout", 30)))
        try:
            service.executable()
            draw = service.render
        except GraphvizMissing as exc:
            summary.notes.append(f"{exc}; the pages are written without dependency diagrams")
    timeline = _timeline(registry, docs, options, settings, summary)
    renderer = Renderer(
        registry, urls.get, search_path=[], currency=str(options.get("currency", "EUR")), today=today,
        lane_limit=int(options.get("roadmap_lane_limit", 15)), draw=draw,
        diagram_depth=int(options.get("diagram_depth", 2)), diagram_max_nodes=int(options.get("diagram_max_nodes", 40)),
        analysis=analysis, findings=findings, upcoming_days=int(options.get("upcoming_days", 90)), pages=generated,
        config_rows=config_rows, locale=locale, timeline=timeline,
    )
    entities = {e.src_uri: e for e in registry.entities}

    def write(src_uri: str, text: str) -> None:
        target = out.joinpath(*src_uri.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")

    def processed(src_uri: str, text: str, entity: Entity | None) -> str:
        url = urls[src_uri]
        stripped = text[1:] if text.startswith("\ufeff") else text
        _, body, first = split(stripped)
        head = stripped[: len(stripped) - len(body)]
        if entity is not None:
            body = place_entity_directives(body)
        body = _expand_refs(body, first, lambda ref, label: renderer.xref(ref, label, url))
        body, filled = _expand_directives(
            body, first, lambda d, uid: renderer.render(d, PageRef(url, src_uri, entity, uid)),
        )
        summary.filled += bool(filled)
        return head + body

    for source in pages:
        write(source.src_uri, processed(source.src_uri, source.text, entities.get(source.src_uri)))
        summary.pages += 1
    for name, page in GENERATED.items():
        src_uri = generated[page.slug]
        if src_uri not in present:
            write(src_uri, processed(src_uri, page.markdown(name, locale), None))
            summary.generated.append(src_uri)
    for program in programs:
        src_uri = generated[steering_slug(program.id)]
        if src_uri not in present:
            write(src_uri, processed(src_uri, steering_markdown(program.id, program.title, locale), None))
            summary.generated.append(src_uri)
    for src_uri in others:
        target = out.joinpath(*src_uri.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(docs.joinpath(*src_uri.split("/")), target)
        summary.copied += 1
    assets = Path(TEMPLATES_DIR, *ASSETS.split("/"))
    for asset in sorted(assets.iterdir()):
        write(f"{ASSETS}/{asset.name}", asset.read_text(encoding="utf-8"))

    if wants_exports:
        made = export_files.makers(
            registry, analysis=analysis, findings=findings, today=today, currency=str(options.get("currency", "EUR")),
            urls=urls, site_url=settings.site_url or None, docs_dir=str(docs), site_name=settings.site_name, timeline=timeline,
            locale=locale, governance_dir=governance,
        )
        for name in export_files.EXPORTS:
            src_uri = f"{governance}/{name}"
            if src_uri in others:
                summary.notes.append(f"{src_uri} exists in the docs; the export is not written")
                continue
            write(src_uri, made[name]())
            summary.exports.append(src_uri)
    return summary
