"""``mkdocs-pgm``: check front matter without a build, print the JSON Schema.

``mkdocs-pgm check [DOCS_DIR]`` reads the plugin options from ``mkdocs.yml``
(``-f`` to name another file) when there is one, validates every page with
the same core as the build, and exits 1 when it finds errors (with
``--strict``, warnings too). ``--findings`` also runs the health checks
(:mod:`mkdocs_pgm.core.findings`); they change the exit status only with
``--fail-on-findings``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.base import ValidationError

from . import __version__
from . import generate as generating
from .adapter import i18n
from .config import SourcesOption
from .core import diagnostics as diag
from .core import scaffold
from .core.analysis import findings as health
from .core.analysis import schedule
from .core.dates import resolve_today
from .core.exports.jsonschema import dumps
from .core.federation.records import remote_pages
from .core.federation.sources import byte_limit, load_all
from .core.history.changes import CHANGE_KINDS, Change
from .core.history.git import Reader
from .core.history.load import load_timeline
from .core.history.timeline import Timeline
from .core.i18n import ENGLISH
from .core.limits import MAX_DAYS
from .core.model.loader import read_docs
from .core.model.registry import PageSource, ParseOptions, Registry, RemotePage

FORMATTERS = {"text": diag.format_text, "json": diag.format_json, "github": diag.format_github}


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name:…)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_mkdocs_yml(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_LenientLoader) or {}  # noqa: S506 - a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def _mkdocs_settings(path: str) -> tuple[str | None, dict[str, Any]]:
    """``docs_dir`` and the ``pgm`` plugin options of an mkdocs.yml."""
    data = _read_mkdocs_yml(path)
    options: dict[str, Any] = {}
    plugins = data.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else ((p, None) if isinstance(p, str) else next(iter(p.items()), (None, None)) for p in plugins)
    for name, value in entries:
        if name == "pgm" and isinstance(value, dict):
            options = value
    docs_dir = data.get("docs_dir", "docs")
    if docs_dir and not os.path.isabs(docs_dir):
        docs_dir = os.path.join(os.path.dirname(os.path.abspath(path)), docs_dir)
    return docs_dir, options


_INCLUDE = "!include "
_WILDCARD_INCLUDE = "*include "
_ALIAS_RE = re.compile(r"^[a-zA-Z0-9_./-]+$")


def _included_sites(config_file: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """mkdocs-monorepo-plugin: the sub-sites of the ``nav`` (``'!include sub/mkdocs.yml'``, or
    ``'*include */mkdocs.yml'``) as (alias, docs folder): their pages are built as ``alias/...``,
    the alias being the sub-site's ``site_name`` (made a slug when it is not path-like)."""
    root = os.path.dirname(os.path.abspath(config_file))
    found: list[str] = []

    def walk(nav: object) -> None:
        items = nav if isinstance(nav, list) else []
        for item in items:
            value = next(iter(item.values()), None) if isinstance(item, dict) and item else None
            if isinstance(value, str) and value.startswith(_INCLUDE):
                found.append(os.path.normpath(os.path.join(root, value[len(_INCLUDE):].strip())))
            elif isinstance(value, str) and value.startswith(_WILDCARD_INCLUDE):
                found.extend(sorted(str(p) for p in Path(root).glob(value[len(_WILDCARD_INCLUDE):].strip())))
            elif isinstance(value, list):
                walk(value)

    walk(data.get("nav"))
    sites = []
    for path in found:
        sub = _read_mkdocs_yml(path)
        name = str(sub.get("site_name") or "")
        alias = name if _ALIAS_RE.match(name) else re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        sites.append((alias, os.path.join(os.path.dirname(path), str(sub.get("docs_dir") or "docs"))))
    return sites


def _pages(docs_dir: str, config_file: str | None, unreadable: list[diag.Diagnostic] | None = None) -> list[PageSource]:
    """Every page of the docs folder and, with mkdocs-monorepo-plugin, of every ``!include``d sub-site."""
    pages = list(read_docs(docs_dir, unreadable))
    if config_file:
        for alias, sub_docs in _included_sites(config_file, _read_mkdocs_yml(config_file)):
            pages.extend(PageSource(f"{alias}/{p.src_uri}", p.file, p.text) for p in read_docs(sub_docs, unreadable))
    return pages


def _date(text: str) -> dt.date:
    """``--today``: a date as YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {text!r}") from None


def _today(args: argparse.Namespace, options: dict[str, Any]) -> dt.date:
    """``--today``, else the ``today`` option, else ``SOURCE_DATE_EPOCH``, else the current date (UTC)."""
    if args.today is not None:
        return args.today
    configured = options.get("today")
    if isinstance(configured, dt.datetime):
        configured = configured.date()
    elif isinstance(configured, str):
        try:
            configured = dt.date.fromisoformat(configured.strip())
        except ValueError:
            raise ValueError(f"today: expected a date as YYYY-MM-DD, found {configured!r}") from None
    elif configured is not None and not isinstance(configured, dt.date):
        raise ValueError(f"today: expected a date as YYYY-MM-DD, found {configured!r}")

    return resolve_today(configured)


def _github_finding(finding: health.Finding) -> str:
    props = f"file={diag.gh_escape(finding.file, prop=True)}"
    if finding.line:
        props += f",line={finding.line}"
    props += f",title={diag.gh_escape(finding.rule, prop=True)}"
    message = f"{finding.field}: {finding.message}" if finding.field else finding.message
    return f"::notice {props}::{diag.gh_escape(message)}"


def _model_options(options: dict[str, Any]) -> dict[str, Any]:
    """The ``pgm`` options that shape the model: ``ignore_fields``, ``decision_dirs``, ``adr_prefix``."""
    prefix = options.get("adr_prefix", "ADR-")
    return {
        "ignore_fields": [str(f) for f in options.get("ignore_fields") or []],
        "decision_dirs": [str(d) for d in options.get("decision_dirs") or []],
        "adr_prefix": str(prefix).strip() if prefix is not None else "",
    }


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    where = _docs_and_options(args)
    if isinstance(where, int):
        return where
    docs_dir, options, config_file = where
    # A one-shot run that allocates millions of long-lived objects and few cycles:
    # the collector's full passes cost a quarter of the time at 5,000 pages.
    gc.disable()
    unreadable: list[diag.Diagnostic] = []  # pages that are not UTF-8: MkDocs could not read them either
    pages = _pages(docs_dir, config_file, unreadable)
    model: dict[str, Any] = {**_model_options(options), "strict_references": bool(options.get("strict_references", True))}
    if args.sources:
        remote = _remote_pages(options, config_file, unreadable)
        if isinstance(remote, int):
            return remote
        model["remote"] = remote
    i18n_options = i18n.i18n_options(_read_mkdocs_yml(config_file)) if config_file else None
    languages = i18n.language_pages(i18n_options, (p.src_uri for p in pages)) if i18n_options is not None else []
    # mkdocs-static-i18n: each language is a site of its own (a page and its translation share their ids).
    registries = [Registry.build([p for p in pages if p.src_uri in chosen], **model) for chosen in languages] or [Registry.build(pages, **model)]
    registry = registries[0]  # the default language's: its findings and counts
    problems = list({str(d): d for r in registries for d in r.diagnostics}.values()) if languages else registry.diagnostics  # a page two languages show: once
    diagnostics = sorted(unreadable + problems, key=diag.Diagnostic.sort_key)
    wanted = args.findings or args.fail_on_findings
    found: list[health.Finding] = []
    if wanted:
        try:
            settings = health.settings_from(options)
            today = _today(args, options)
        except ValueError as exc:
            print(f"mkdocs-pgm: {config_file}: {exc}", file=sys.stderr)
            return 2
        found = health.find(registry, today, settings)
    # An ADR folder the options do not name is only an info for the build, but the hint is what check is for.
    shown = [d for d in diagnostics if args.verbose or d.severity != "info" or d.code == "adr-folder"]
    if args.format == "json" and wanted:
        output = json.dumps(
            {"diagnostics": [d.to_dict() for d in shown], "findings": [f.to_dict() for f in found]}, indent=2, ensure_ascii=False
        )
    else:
        output = FORMATTERS[args.format](shown)
        extra = "\n".join(str(f) if args.format == "text" else _github_finding(f) for f in found)
        output = "\n".join(part for part in (output, extra) if part)
    if output:
        print(output)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    if args.format == "text":
        elapsed = time.perf_counter() - started
        counts = f"{errors} error(s), {warnings} warning(s)" + (f", {len(found)} finding(s)" if wanted else "")
        print(f"{len(registry.entities)} entities in {len(pages) + len(unreadable)} pages: {counts} ({elapsed:.2f} s)", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 1 if args.fail_on_findings and found else 0


def _cache_dir(options: dict[str, Any], config_file: str | None) -> str | None:
    """The ``cache_dir`` of mkdocs.yml's options, as the build takes it: relative to mkdocs.yml, and inside its
    folder unless ``cache_dir_outside`` allows otherwise (None: no mkdocs.yml, or a folder that is not trusted)."""
    folder = options.get("cache_dir", ".cache/pgm")
    if not config_file or not folder:
        return None
    project = os.path.dirname(os.path.abspath(config_file))
    cache = os.path.abspath(os.path.join(project, str(folder)))
    try:
        inside = os.path.commonpath([project, cache]) == project
    except ValueError:  # another drive on Windows
        inside = False
    return cache if inside or options.get("cache_dir_outside") else None


def _remote_pages(options: dict[str, Any], config_file: str | None, problems: list[diag.Diagnostic]) -> list[RemotePage] | int:
    """``check --sources``: the entities of the ``sources`` of mkdocs.yml, read as the build reads them
    (the same cache folder); a source that cannot be read is a warning in ``problems``."""
    if not config_file:
        print("mkdocs-pgm: --sources reads the sources of mkdocs.yml: none found (use -f)", file=sys.stderr)
        return 2
    try:
        specs = SourcesOption().run_validation(options.get("sources"))
        timeout = float(options.get("source_timeout", 20))
        max_bytes = byte_limit(float(options.get("source_max_size", 64)))
    except (ValidationError, TypeError, ValueError) as exc:
        print(f"mkdocs-pgm: {config_file}: sources: {exc}", file=sys.stderr)
        return 2
    project = os.path.dirname(os.path.abspath(config_file))
    parse = ParseOptions.of(**_model_options(options))
    now = dt.datetime.now(dt.timezone.utc)
    pages: list[RemotePage] = []
    for index, loaded in enumerate(load_all(specs, project, _cache_dir(options, config_file), timeout=timeout, max_bytes=max_bytes)):
        message = loaded.message(now)
        if message is not None:
            problems.append(diag.Diagnostic(config_file, None, f"sources[{index}]", message, severity="warning", code="source"))
        if loaded.document is not None:
            pages.extend(remote_pages(loaded.spec.name, loaded.document, site_url=loaded.spec.site_url, options=parse)[0])
    return pages


def _docs_and_options(args: argparse.Namespace) -> tuple[str, dict[str, Any], str | None] | int:
    """The docs folder and ``pgm`` options (from mkdocs.yml when there is one), or an exit status."""
    options: dict[str, Any] = {}
    docs_dir = args.docs_dir
    config_file = args.config_file or ("mkdocs.yml" if os.path.isfile("mkdocs.yml") else None)
    if config_file:
        if not os.path.isfile(config_file):
            print(f"mkdocs-pgm: no such configuration file: {config_file}", file=sys.stderr)
            return 2
        configured_dir, options = _mkdocs_settings(config_file)
        docs_dir = docs_dir or configured_dir
    docs_dir = docs_dir or "docs"
    if not os.path.isdir(docs_dir):
        print(f"mkdocs-pgm: no docs folder at {docs_dir}", file=sys.stderr)
        return 2
    return docs_dir, options, config_file


def _new(args: argparse.Namespace) -> int:
    where = _docs_and_options(args)
    if isinstance(where, int):
        return where
    docs_dir, options, _ = where
    pages = list(read_docs(docs_dir))
    registry = Registry.build(pages, **_model_options(options))
    request = scaffold.Request(
        args.kind, args.title, ident=args.id, owner=args.owner, program=args.program, portfolio=args.portfolio,
        scope=args.scope, supersedes=tuple(args.supersedes or ()), folder=args.dir, status=args.status,
    )
    try:
        made = scaffold.plan(request, registry, today=_today(args, options), read={p.src_uri: p.text for p in pages},
                             existing={p.src_uri for p in pages})
    except (scaffold.ScaffoldError, ValueError) as exc:
        print(f"mkdocs-pgm new: {exc}", file=sys.stderr)
        return 2
    root = os.path.abspath(docs_dir)
    target = os.path.join(root, *made.src_uri.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # never over an existing file
            handle.write(made.text)
    except FileExistsError:
        print(f"mkdocs-pgm new: {target} exists already; nothing was written", file=sys.stderr)
        return 2
    shown = os.path.relpath(target)
    print(f"{shown}: new {args.kind} {made.ident}")
    if args.kind == "decision" and args.supersedes and not made.edits:
        print(f"{', '.join(args.supersedes)}: left as they are until {made.ident} is accepted (then set their status to superseded)")
    for edit in made.edits:
        path = os.path.join(root, *edit.src_uri.split("/"))
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(edit.text)
        print(f"{os.path.relpath(path)}: {edit.reason}")
    return 0


def _generate(args: argparse.Namespace) -> int:
    where = _docs_and_options(args)
    if isinstance(where, int):
        return where
    docs_dir, options, config_file = where
    site = _read_mkdocs_yml(config_file) if config_file else {}
    problems: list[diag.Diagnostic] = []
    remote = _remote_pages(options, config_file, problems) if options.get("sources") else []
    if isinstance(remote, int):
        return remote
    _print_problems(problems)  # a source that cannot be read: as the build says it
    try:
        settings = generating.Settings(
            options, _model_options(options), site_name=str(site.get("site_name") or ""), site_url=site.get("site_url") or None,
            directory_urls=bool(site.get("use_directory_urls", True)), today=_today(args, options),
            language=_language(options, site), remote=remote,
        )
        summary = generating.generate(docs_dir, args.out_dir, settings, strict=args.strict)
    except generating.GenerateError as exc:
        _print_problems(exc.diagnostics)
        print(f"mkdocs-pgm generate: {exc}", file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        print(f"mkdocs-pgm generate: {exc}", file=sys.stderr)
        return 2
    _print_problems(summary.diagnostics)
    for note in summary.notes:
        print(f"mkdocs-pgm generate: {note}", file=sys.stderr)
    out = args.out_dir
    print(
        f"{out}: {summary.pages} pages ({summary.filled} with governance content), {len(summary.generated)} generated pages, "
        f"{len(summary.exports)} exports and {summary.copied} other files",
    )
    print(
        f"Build it with any MkDocs-like host: docs_dir: {out}, extra_css: [{generating.ASSETS}/pgm.css], "
        f"extra_javascript: [{generating.ASSETS}/catalog.js]",
    )
    return 0


def _language(options: dict[str, Any], site: dict[str, Any]) -> str | None:
    """The ``language`` option, else the theme's (Material's ``language``, MkDocs themes' ``locale``)."""
    theme = site.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    language = options.get("language") or theme.get("language") or theme.get("locale")
    return str(language) if language else None


def _print_problems(diagnostics: list[diag.Diagnostic]) -> None:
    shown = [d for d in diagnostics if d.severity != "info"]
    if shown:
        print(diag.format_text(shown), file=sys.stderr)


def _days(text: str) -> int:
    """``--days``: a whole number of days from 1."""
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"expected a whole number of days from 1 to {MAX_DAYS}, found {text!r}")
    return int(value)


def _span_text(start: dt.date, end: dt.date, milestone: bool) -> str:
    return start.isoformat() if milestone else f"{start} .. {end}"


def impact_lines(what: schedule.WhatIf) -> list[str]:
    """``mkdocs-pgm impact`` as text: who slips, a table of what moves, the portfolio's end."""
    subject = what.subject
    milestone = subject.kind == "milestone"
    before = getattr(subject.item, "date", None) if isinstance(subject, schedule.Nested) else getattr(subject.model, "end", None)
    float_text = "unknown" if what.float is None else schedule.plural(what.float)
    noun = "milestone " if milestone else ""
    verb = "comes" if milestone else "ends"
    lines = [f"If {noun}{subject.ref_id} slips {schedule.plural(what.days)}: it {verb} {what.subject_after} instead of {before} (total float {float_text})."]
    if not what.moved:
        lines.append("Nothing downstream moves: the float of what depends on it absorbs the slip.")
    if what.impacts:
        rows = [("ID", "PROGRAM", "BEFORE", "AFTER", "MOVES", "ABSORBED", "VIA")]
        for i in what.impacts:
            node = i.node
            owner = node.owner if isinstance(node, schedule.Nested) else node
            is_milestone = node.kind == "milestone"
            rows.append((
                node.ref_id, owner.program.id if owner.program else "-",
                _span_text(i.old_start, i.old_end, is_milestone), _span_text(i.new_start, i.new_end, is_milestone),
                f"+{i.days}" if i.days > 0 else "0", str(i.absorbed), i.via.id,
            ))
        widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
        lines.extend("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip() for row in rows)
    if what.end_before is not None and what.end_after is not None:
        moved = (what.end_after - what.end_before).days
        lines.append(f"Portfolio end: {what.end_before} -> {what.end_after} (+{schedule.plural(moved)})." if moved
                     else f"Portfolio end: {what.end_before}, unchanged.")
    return lines


def _impact(args: argparse.Namespace) -> int:
    where = _docs_and_options(args)
    if isinstance(where, int):
        return where
    docs_dir, options, config_file = where
    registry = Registry.build(_pages(docs_dir, config_file), **_model_options(options), strict_references=bool(options.get("strict_references", True)))
    try:
        settings = health.settings_from(options)
    except ValueError as exc:
        print(f"mkdocs-pgm: {config_file}: {exc}", file=sys.stderr)
        return 2
    analysis = schedule.analyze(registry, near_critical_days=settings.near_critical_days)
    try:
        what = schedule.impact(registry, analysis, args.id, args.days)
    except LookupError as exc:
        hint = diag.did_you_mean(args.id, [p.id for p in registry.of_kind("project")])
        print(f"mkdocs-pgm: impact: {exc.args[0]}{hint}; expected the id of a project (or PROJECT#milestone)", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"mkdocs-pgm: impact: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(what.to_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(impact_lines(what)))
    return 0


def _history_since(options: dict[str, Any]) -> dt.date | None:
    """The ``history_since`` option (YAML gives a date; a string is parsed)."""
    value = options.get("history_since")
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"history_since: expected a date as YYYY-MM-DD, found {value!r}") from None


def _since_point(
    args: argparse.Namespace, docs_dir: str, options: dict[str, Any], config_file: str | None, today: dt.date, since: dt.date | None,
) -> Timeline:
    """The timeline since ``--since`` (else the ``compare_to`` option) and what history is missing."""
    model = _model_options(options)
    registry = Registry.build(_pages(docs_dir, config_file), **model, strict_references=bool(options.get("strict_references", True)))
    project = os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()
    reader = Reader(docs_dir, _cache_dir(options, config_file), ParseOptions.of(**model), code=__version__)
    compare_to = args.since if args.since is not None else options.get("compare_to")
    return load_timeline(
        registry, docs_dir=docs_dir, base_dir=project, reader=reader, compare_to=str(compare_to) if compare_to is not None else None,
        today=today, since=since,
    )


def _change_label(kind: str) -> str:
    return ENGLISH.text(CHANGE_KINDS[kind].label)  # type: ignore[index]


def change_line(change: Change) -> str:
    """One change as a line of text: ``PAY slipped by 21 days (2027-03-31 → 2027-04-21) — abc1234 Move PAY end``."""
    subject = f"{change.entity}#{change.item}" if change.item else change.entity
    if change.days is not None:
        what = f"{'slipped' if change.days > 0 else 'recovered'} by {schedule.plural(abs(change.days))}"
    else:
        what = _change_label(change.kind).lower()
    name = change.item_title if change.kind == "update" else None
    values = f"{change.before or '-'} → {change.after or '-'}" if change.before or change.after else ""
    line = f"{subject} {what}" + (f" ({values})" if values else "") + (f": {' '.join(name.split())}" if name else "")
    source = change.source
    if source.kind == "commit":
        line += f" — {source.short} {source.subject}".rstrip()
    elif source.kind == "working-tree":
        line += " — not committed yet"
    elif source.date is not None:
        line += f" — {source.kind} of {source.date.isoformat()}"
    return line


def _change_json(change: Change) -> dict[str, Any]:
    source = change.source
    return {
        "kind": change.kind, "entity": change.entity, "entity_kind": change.entity_kind, "title": change.title,
        "src_uri": change.src_uri, "program": change.program, "item": change.item, "item_kind": change.item_kind,
        "item_title": change.item_title, "before": change.before, "after": change.after, "days": change.days,
        "source": {
            "kind": source.kind, "date": source.date.isoformat() if source.date else None, "commit": source.commit or None,
            "short": source.short or None, "subject": source.subject or None, "author": source.author or None,
        },
        "id": change.stable_id,
    }


def _md_cell(value: object) -> str:
    text = " ".join(str(value).split()) if value is not None else ""
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\\", "\\\\"), ("|", "\\|"), ("`", "\\`"), ("*", "\\*"), ("_", "\\_"), ("[", "\\[")):
        text = text.replace(raw, escaped)
    return text


def diff_summary(changes: list[Change], since: str) -> str:
    """``mkdocs-pgm diff --format github``: Markdown for ``$GITHUB_STEP_SUMMARY``."""
    lines = [f"## Governance changes since {_md_cell(since)}", ""]
    if not changes:
        return "\n".join([*lines, "No changes."]) + "\n"
    lines += ["| Change | Entity | Before | After | Days | Source |", "| --- | --- | --- | --- | ---: | --- |"]
    for change in changes:
        subject = f"{change.entity}#{change.item}" if change.item else change.entity
        name = change.item_title or change.title
        source = change.source
        origin = f"`{source.short}` {_md_cell(source.subject)}" if source.kind == "commit" else _md_cell(
            "not committed yet" if source.kind == "working-tree" else f"{source.kind} {source.date or ''}".strip(),
        )
        days = "" if change.days is None else f"{change.days:+d}"
        lines.append(
            f"| {_md_cell(_change_label(change.kind))} | **{_md_cell(subject)}** {_md_cell(name)} | {_md_cell(change.before)} "
            f"| {_md_cell(change.after)} | {days} | {origin} |",
        )
    return "\n".join(lines) + "\n"


def _diff(args: argparse.Namespace) -> int:
    where = _docs_and_options(args)
    if isinstance(where, int):
        return where
    docs_dir, options, config_file = where
    try:
        today, since = _today(args, options), _history_since(options)
    except ValueError as exc:
        print(f"mkdocs-pgm: {config_file}: {exc}", file=sys.stderr)
        return 2
    try:
        timeline = _since_point(args, docs_dir, options, config_file, today, since)
    except ValueError as exc:
        message = str(exc).removeprefix("compare_to: ")
        print(f"mkdocs-pgm diff: --since: {message}", file=sys.stderr)
        return 2
    if timeline.history.missing:
        print(f"mkdocs-pgm diff: {timeline.history.missing}", file=sys.stderr)
    changes = timeline.changes()
    label = timeline.point.label or "the start"
    if args.format == "json":
        print(json.dumps([_change_json(c) for c in changes], indent=2, ensure_ascii=False))
    elif args.format == "github":
        sys.stdout.write(diff_summary(changes, label))
    else:
        for change in changes:
            print(change_line(change))
        print(f"{len(changes)} change(s) since {label} ({timeline.history.commits} commits read)", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = dumps()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mkdocs-pgm", description="Governance knowledge base for MkDocs: checks, new pages and schema.")
    parser.add_argument("--version", action="version", version=f"mkdocs-pgm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate front matter and references without building the site")
    check.add_argument("docs_dir", nargs="?", help="docs folder (default: docs_dir of mkdocs.yml, else ./docs)")
    check.add_argument("-f", "--config-file", help="mkdocs.yml to read the pgm options from (default: ./mkdocs.yml if present)")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="text (default), json, or github (Actions annotations)")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too, as `mkdocs build --strict` would fail")
    check.add_argument("-v", "--verbose", action="store_true", help="also show info messages")
    check.add_argument(
        "--findings", action="store_true",
        help="also run the health checks (overdue milestones, stale reviews, unmanaged risks…) and list their findings",
    )
    check.add_argument("--fail-on-findings", action="store_true", help="exit 1 when there are findings (implies --findings)")
    check.add_argument(
        "--sources", action="store_true",
        help="also read the sources of mkdocs.yml (other sites' pgm.json, as the build does) and check references across them",
    )
    check.add_argument(
        "--today", type=_date, metavar="YYYY-MM-DD",
        help="the date the health checks count from (default: the today option, else SOURCE_DATE_EPOCH, else the current date)",
    )
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="write a new project, program or decision page with valid front matter")
    new.add_argument("kind", choices=scaffold.KINDS)
    new.add_argument("title", help="the page's title (its file name and, unless --id, its id come from it)")
    new.add_argument("docs_dir", nargs="?", help="docs folder (default: docs_dir of mkdocs.yml, else ./docs)")
    new.add_argument("-f", "--config-file", help="mkdocs.yml to read docs_dir and the pgm options from (default: ./mkdocs.yml if present)")
    new.add_argument("--id", help="the id (default: from the title; decisions: the next number of the ids in use, e.g. ADR-0007)")
    new.add_argument("--owner", help="who is accountable (projects and programs)")
    new.add_argument("--program", metavar="ID", help="the program of a project (or the scope of a decision)")
    new.add_argument("--portfolio", metavar="ID", help="the portfolio of a program")
    new.add_argument("--scope", metavar="ID", help="the portfolio, program or project a decision belongs to")
    new.add_argument("--supersedes", metavar="ID", action="append", help="a decision this one replaces (marked superseded); repeatable")
    new.add_argument("--status", choices=("proposed", "accepted"),
                     help="a decision's status (default: accepted with --supersedes, which marks those superseded; else proposed)")
    new.add_argument("--dir", help="folder under the docs folder (default: where pages of that kind are, else projects/, programs/, decisions/)")
    new.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="the date written as start or decision date (default: as for check)")
    new.set_defaults(run=_new)

    gen = commands.add_parser(
        "generate", help="write the docs with everything the plugin adds, as Markdown and HTML, for hosts without plugins (Zensical, MkDocs 2)",
    )
    gen.add_argument("out_dir", help="the folder to write (new, empty, or written by an earlier generate: it is then emptied)")
    gen.add_argument("docs_dir", nargs="?", help="docs folder (default: docs_dir of mkdocs.yml, else ./docs)")
    gen.add_argument("-f", "--config-file", help="mkdocs.yml to read docs_dir, site settings and the pgm options from (default: ./mkdocs.yml if present)")
    gen.add_argument("--strict", action="store_true", help="write nothing when the docs have warnings, as `mkdocs build --strict` would fail")
    gen.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="the date date-based results count from (default: as for check)")
    gen.set_defaults(run=_generate)

    what_if = commands.add_parser("impact", help="what moves downstream if a project (or PROJECT#milestone) slips N days: dates, float absorbed")
    what_if.add_argument("id", help="the id of the project, or PROJECT#milestone, that slips")
    what_if.add_argument("--days", type=_days, default=30, help="how many days it slips (default 30)")
    what_if.add_argument("docs_dir", nargs="?", help="docs folder (default: docs_dir of mkdocs.yml, else ./docs)")
    what_if.add_argument("-f", "--config-file", help="mkdocs.yml to read the pgm options from (default: ./mkdocs.yml if present)")
    what_if.add_argument("--format", choices=("text", "json"), default="text", help="text (default): a table; json")
    what_if.set_defaults(run=_impact)

    diff = commands.add_parser("diff", help="what changed since a date, git ref, last forum or published pgm.json (from git history)")
    diff.add_argument(
        "--since", metavar="REF",
        help="a date (YYYY-MM-DD), a git ref (tag, branch, commit), last-forum, or a pgm.json path or URL (default: compare_to, else 30 days ago)",
    )
    diff.add_argument("docs_dir", nargs="?", help="docs folder (default: docs_dir of mkdocs.yml, else ./docs)")
    diff.add_argument("-f", "--config-file", help="mkdocs.yml to read the pgm options from (default: ./mkdocs.yml if present)")
    diff.add_argument("--format", choices=("text", "json", "github"), default="text",
                      help="text (default): one line per change; json; github: Markdown for $GITHUB_STEP_SUMMARY")
    diff.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="the date 'now' is (default: as for check)")
    diff.set_defaults(run=_diff)

    schema = commands.add_parser("schema", help="print the JSON Schema of the front matter")
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.set_defaults(run=_schema)

    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # `mkdocs-pgm check | head`: the reader left, which is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
