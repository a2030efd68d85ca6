"""HTML fragments from Jinja templates (host-independent).

The host gives the renderer a template search path (its users' override folders
first; the package's templates are always last) and a function that maps a
source path to its URL in the site. Every template is rendered with
autoescaping on: user values are escaped unless a template says otherwise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import jinja2
from markupsafe import Markup

from ..analysis import registers as reg
from ..analysis.findings import RULES
from ..analysis.resources import Allocation, allocation, person_key
from ..analysis.schedule import Analysis, Schedule, analyze, slip_days
from ..diagrams.graphs import DiagramBuilder, Graph
from ..diagrams.graphviz import Result
from ..directives import DIRECTIVES, Spec, steering_slug
from ..federation.sources import SourceState
from ..history.timeline import Timeline
from ..i18n import ENGLISH, Locale
from ..limits import MAX_DAYS
from ..model import schema
from ..model.markdown_scan import TAG_RE, Directive, html_headings
from ..model.registry import Entity, Node, Registry, home_url, is_remote, origin_of
from ..model.rules import is_open_risk, latest_update, updates_newest_first
from ..text import narrow
from ..urls import relative_url
from . import history as history_views
from . import palette
from . import registers as register_views
from . import resources as resource_views
from .changes import ChangesView, changes_view
from .roadmap import benefits_layout, layout
from .search import remote_anchor
from .trend import benefit_sparkline

TEMPLATES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "templates")
"""The package's template folder (``pgm/*.html``) and static assets (``assets/pgm/``)."""

UrlOf = Callable[[str], "str | None"]
#: Lays out graphs: ``{graph.name: Result}`` (see :class:`~.graphviz_service.GraphvizService`).
Draw = Callable[[Sequence[Graph]], "dict[str, Result]"]


@dataclass
class Heading:
    level: int
    id: str
    title: str
    """Text (entities decoded): escape it to print it as HTML."""


@dataclass
class Fragment:
    """Rendered HTML and the headings (with ids) it contains, for the table of contents."""

    html: str
    headings: list[Heading] = field(default_factory=list)
    complete: bool = True
    """False when a diagram in it could not be drawn (a timeout, no Graphviz): not to be kept in a cache."""


@dataclass(frozen=True)
class PageRef:
    """The page a directive is rendered on."""

    url: str
    src_uri: str = ""
    entity: Entity | None = None
    """The entity whose page it is, if any (``card`` and ``sections`` fill only such pages)."""
    uid: str = ""
    """Unique on the page: the HTML ids of a roadmap."""


class RoadmapUids:
    """The unique part of each directive's HTML ids on one page, in page order: roadmaps are
    numbered (``pgm-roadmap-1``, ``pgm-roadmap-2``…); other directives need none."""

    def __init__(self) -> None:
        self.roadmaps = 0

    def __call__(self, name: str) -> str:
        if name != "roadmap":
            return ""
        self.roadmaps += 1
        return f"pgm-roadmap-{self.roadmaps}"


def html_to_text(html: str) -> str:
    """The text of a bit of HTML (tags dropped, entities decoded, whitespace collapsed): to be escaped again where HTML is wanted."""
    return " ".join(unescape(TAG_RE.sub("", html)).split())


def headings_of(html: str) -> list[Heading]:
    """Headings with an id, in document order (of HTML we rendered ourselves).

    A heading's ``title`` is text, not HTML: whoever prints it as HTML escapes it.
    """
    return [Heading(h.level, h.id, html_to_text(h.inner)) for h in html_headings(html)]


def _iso(value: dt.date | None) -> str:
    """A day for machines (``datetime`` attributes): ISO 8601 in every language."""
    return value.isoformat() if value else ""


def _spaced(text: str) -> Markup:
    """``text`` as HTML, its no-break spaces written ``&nbsp;`` (the same on screen, readable in the source)."""
    return Markup(str(Markup.escape(text)).replace("\u00a0", "&nbsp;"))


def _number(value: float | int | None) -> str:
    """An amount as English writes it (see :meth:`.i18n.Locale.number`)."""
    return ENGLISH.number(value)


_CODE_RE = re.compile(r"``(.+?)``|`([^`]+)`")


def _code(text: str | None) -> Markup:
    """Escape ``text`` and show ``literal`` spans (docstring style) as code."""
    escaped = str(Markup.escape(text or ""))
    return Markup(_CODE_RE.sub(lambda m: f"<code>{m.group(1) or m.group(2)}</code>", escaped))


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory across builds (pass one to every :class:`Renderer`).

    Compiling the templates is most of a small build's rendering time; Jinja checks
    each entry against its template's source, so an edited override is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


class Renderer:
    """Renders the plugin's HTML for one build."""

    def __init__(
        self,
        registry: Registry,
        url_of: UrlOf,
        *,
        search_path: Sequence[str] = (),
        currency: str = "EUR",
        today: dt.date | None = None,
        lane_limit: int = 15,
        draw: Draw | None = None,
        diagram_depth: int = 2,
        diagram_max_nodes: int = 40,
        analysis: Analysis | None = None,
        findings: Sequence[Any] = (),
        upcoming_days: int = 90,
        pages: dict[str, str] | None = None,
        compiled: jinja2.BytecodeCache | None = None,
        config_rows: Callable[[], Iterable[dict[str, str]]] = tuple,
        locale: Locale = ENGLISH,
        timeline: Timeline | None = None,
        sources: Sequence[SourceState] = (),
    ) -> None:
        self.registry = registry
        #: The other sites whose entities are in the model (the dashboard's "Sources").
        self.sources = list(sources)
        #: The portfolio over time (see :mod:`..history.timeline`); None: no history (core tests).
        self.timeline = timeline
        #: The language of labels, dates and numbers (see :mod:`..i18n`).
        self.locale = locale
        #: The rows of ``<!-- pgm:config-reference -->`` (the host's options).
        self.config_rows = config_rows
        self._incomplete = False
        #: Health-check findings (see :mod:`.findings`), shown on the dashboard.
        self.findings = list(findings)
        self.upcoming_days = upcoming_days
        #: Generated pages by name (``decisions``, ``raid``…) -> src_uri, for links between them.
        self.pages = dict(pages or {})
        self.lane_limit = lane_limit
        #: Lays out graphs (the host's Graphviz service); None: no diagrams.
        self.draw = draw
        self.analysis = analysis or analyze(registry)
        # A "path" of one project says nothing: only chains are highlighted.
        self.critical = {scope: chain for scope, chain in self.analysis.critical.items() if len(chain) > 1}
        near = {scope: [t.node for t in s.near if isinstance(t.node, Entity)] for scope, s in self.analysis.schedules.items()}
        self.builder = DiagramBuilder(
            registry.entities, self.href, depth=diagram_depth, max_nodes=diagram_max_nodes,
            critical=self.critical, near_critical=near, conflicts=[c.edge for c in self.analysis.conflicts], locale=self.locale,
        )
        self.url_of = url_of
        self.currency = currency
        self.today = today or dt.date.today()
        dirs = [d for d in search_path if os.path.isdir(d)]
        if TEMPLATES_DIR not in dirs:
            dirs.append(TEMPLATES_DIR)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(dirs),
            autoescape=True,
            auto_reload=False,  # one renderer per build: no need to stat templates on every use
            bytecode_cache=compiled,  # templates compiled by an earlier build (mkdocs serve), checked against their source
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.do"],
        )
        self.env.filters.update(date=locale.date, iso=_iso, number=locale.number, percent=locale.percent, label=locale.label,
                                code=_code, health=lambda v: locale.vocabulary("health", v), kind=lambda v: locale.vocabulary("type", v),
                                phase=lambda v: locale.vocabulary("phase", v))
        self.env.tests.update(open_risk=is_open_risk)
        # steering_href(program): the link to its steering pack (none on the pack itself, or without generated pages).
        self.env.globals.update(steering_href=self._steering_href)
        # The light colours of palette.py, for presentation attributes (pgm.css overrides them).
        self.env.globals.update(colour=palette.colour, colour_mix=palette.mix,
                                heat_background=palette.heat_background)
        # The sparkline of a benefit's measurements (trend.py), in the page's language.
        self.env.globals.update(benefit_trend=lambda benefit: benefit_sparkline(benefit, locale))
        # The portfolio over time (history.py): slips_of, slip_chart, slip_sparkline, health_trend, variance_trend…
        self.env.globals.update(history_views.template_globals(timeline, locale))
        # t("key", name=value): a label as HTML (values escaped); plural("key", n): its ".one" or ".other" form.
        self.env.globals.update(t=locale.markup, plural=locale.plural, days=locale.days, strong=lambda v: Markup("<strong>{}</strong>").format(v),
                                code=lambda v: Markup("<code>{}</code>").format(v),
                                money_text=lambda amount, code: _spaced(locale.money(amount, code)))
        # origin_of(node): the source (another site) a page or entry comes from, None for this site's own.
        self.env.globals.update(origin_of=origin_of, remote_anchor=remote_anchor)
        self.env.globals.update(today=self.today, currency=self.currency, registry=registry, url=self._url, page_href=self._page_href,
                                decision_anchor=reg.decision_anchor)
        # Why a risk or issue goes where it goes (the escalation rule, rules.escalation_of), in the page's language.
        self.env.globals.update(escalation_reason=lambda row: reg.escalation_reason(row, locale))
        # Status updates (rules: the latest, newest first) and the date git last changed a page (the card).
        self.env.globals.update(latest_update=latest_update, updates_newest_first=updates_newest_first, last_changed=self._last_changed)
        self._allocation: Allocation | None = None
        self._page_url: ContextVar[str] = ContextVar("page_url", default="")
        self._graphs: dict[tuple[str, str], list[Graph]] = {}

    # -------------------------------------------------------------- links

    def href(self, node: Node, page_url: str) -> str | None:
        """Relative URL from the page at ``page_url`` to ``node`` (with its anchor)."""
        if isinstance(node, Entity) and node.virtual:
            return None
        if is_remote(node):  # a page of another site (sources): its address there
            return home_url(node)
        target = self.url_of(node.src_uri)
        if target is None:
            return None
        anchor = node.anchor
        if anchor and target == page_url:
            return f"#{anchor}"
        url = relative_url(target, page_url)
        return f"{url}#{anchor}" if anchor else url

    def _url(self, node: Node) -> str | None:
        """``url(node)`` in templates: relative to the page being rendered."""
        return self.href(node, self._page_url.get())

    def _last_changed(self, entity: Entity) -> dt.date | None:
        """``last_changed(entity)`` in templates: the date of the last commit that touched its page (None: no history)."""
        if self.timeline is None or entity.virtual or entity.origin is not None:
            return None
        return self.timeline.history.last_changed.get(entity.src_uri)

    def _steering_href(self, program: Entity) -> str | None:
        """``steering_href(program)`` in templates: its steering pack (see :func:`..directives.steering_slug`), from another page."""
        src_uri = self.pages.get(steering_slug(program.id))
        target = self.url_of(src_uri) if src_uri else None
        page_url = self._page_url.get()
        return relative_url(target, page_url) if target is not None and target != page_url else None

    def _page_href(self, name: str) -> str | None:
        """``page_href("raid")`` in templates: link to a generated page, when there is one."""
        src_uri = self.pages.get(name)
        target = self.url_of(src_uri) if src_uri else None
        return relative_url(target, self._page_url.get()) if target is not None else None

    def _render(self, name: str, page_url: str, **context: Any) -> str:
        template = self.env.get_template(name)
        token = self._page_url.set(page_url)
        try:
            return template.render(page_url=page_url, **context)
        finally:
            self._page_url.reset(token)

    def fragment(self, name: str, page_url: str, **context: Any) -> Fragment:
        html = self._render(name, page_url, **context).strip()
        return Fragment(html, headings_of(html))

    # -------------------------------------------------------------- directives

    def render(self, directive: Directive, page: PageRef) -> Fragment | None:
        """The HTML of ``directive`` on ``page`` (see the table in :mod:`..directives`); None when
        it is not ours to fill there (``card`` off an entity page, an unknown name)."""
        spec = DIRECTIVES.get(directive.name)
        if spec is None or (spec.entity and page.entity is None):
            return None
        self._incomplete = False
        fragment: Fragment | None = getattr(self, f"_view_{spec.view}")(spec, directive, page)
        if fragment is not None:
            fragment.html = narrow(fragment.html)
            if self._incomplete:
                fragment.complete = False
        return fragment

    def _view_card(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        assert page.entity is not None
        return self.card(page.entity, page.url)

    def _view_sections(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        assert page.entity is not None
        return self.sections(page.entity, page.url)

    def _view_dashboard(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.dashboard(page.url)

    def _view_register(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.register(directive, page.url)

    def _view_roadmap(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.roadmap(directive, page.url, uid=page.uid or "pgm-roadmap")

    def _view_resources(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.resources(directive, page.url)

    def _view_changes_since(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        wanted = [self.registry.get(ident) for ident in directive.get("program")]
        programs = [p for p in wanted if p is not None and p.kind == "program"] if directive.get("program") else None
        return self.changes_since(page.url, programs)

    def _view_catalog(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.catalog(page.url)

    def _view_dependencies(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.dependencies(directive, page.url, page.src_uri)

    def _view_impact(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.impact(directive, page.url)

    def _view_steering(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.steering(directive, page.url)

    def _view_schema_reference(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.schema_reference(page.url)

    def _view_config_reference(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        return self.config_reference(self.config_rows(), page.url)

    def _view_directive_reference(self, spec: Spec, directive: Directive, page: PageRef) -> Fragment:
        rows = [
            {"name": d.name, "summary": d.summary, "page": d.page,
             "arguments": [(key, arg.kind, sorted(arg.choices), arg.help) for key, arg in d.arguments.items()]}
            for d in DIRECTIVES.values()
        ]
        return self.fragment("pgm/directive_reference.html", page.url, rows=rows)

    # -------------------------------------------------------------- fragments

    def card(self, entity: Entity, page_url: str) -> Fragment:
        return self.fragment("pgm/card.html", page_url, entity=entity)

    def sections(self, entity: Entity, page_url: str) -> Fragment:
        token = self._page_url.set(page_url)
        try:
            derived = self._derived(entity)
        finally:
            self._page_url.reset(token)
        return self.fragment("pgm/sections.html", page_url, entity=entity, **derived)

    def xref(self, ref: str, text: str | None, page_url: str) -> str:
        node = self.registry.resolve(ref)
        return self._render("pgm/xref.html", page_url, node=node, ref=ref, text=text).strip()

    def graphs_for(self, entity: Entity, page_url: str) -> list[Graph]:
        """The diagrams an entity's page shows: built once, for the batch and for the page."""
        key = (entity.src_uri, page_url)
        if key not in self._graphs:
            if entity.kind == "project":
                self._graphs[key] = [self.builder.project(entity, page_url)]
            elif entity.kind == "program":
                self._graphs[key] = [self.builder.program(entity, page_url)]
            else:
                self._graphs[key] = []
        return self._graphs[key]

    def portfolio_graphs(self, page_url: str, page: str) -> list[Graph]:
        programs = sorted(self.registry.of_kind("program"), key=lambda p: p.title.lower())
        standalone = [p for p in self.registry.of_kind("project") if p.program is None]
        return [
            self.builder.programs_overview(programs, page_url, page),
            self.builder.portfolio(programs, standalone, page_url, page),
        ]

    def diagram(self, graph: Graph, page_url: str) -> Markup:
        """A laid-out diagram (or a notice saying why there is none), as HTML.

        ``draw`` answers at once from a layout the host started earlier (Graphviz
        lays the diagrams out while the host renders the pages, so a page waits
        only for its own), or lays the graph out now.
        """
        if self.draw is None:
            return Markup("")
        result = self.draw([graph]).get(graph.name)
        if result is None or result.svg is None:
            self._incomplete = True
        return Markup(self._render("pgm/diagram.html", page_url, graph=graph, svg=Markup(result.svg) if result and result.svg else None,
                                   error=result.error if result else self.locale.text("diagram.no_graphviz")))

    def dependencies(self, directive: Directive, page_url: str, page: str) -> Fragment:
        """``<!-- pgm:dependencies [program=ID | project=ID] -->``: a diagram anywhere."""
        if self.draw is None:
            html = self._render("pgm/diagram_off.html", page_url).strip()
            return Fragment(html, [])
        html = "\n".join(self.diagram(graph, page_url) for graph in self.dependency_graphs(directive, page_url, page))
        return Fragment(html, headings_of(html))

    def impact(self, directive: Directive, page_url: str) -> Fragment:
        """``<!-- pgm:impact project=ID days=N -->``: what moves if each project named slips N days (default 30).

        Bad arguments are reported by the registry's directive check; here they show nothing.
        """
        texts = directive.get("days")
        days = int(texts[0]) if texts and texts[0].isdigit() and 0 < int(texts[0]) <= MAX_DAYS else 30
        parts = []
        for ident in directive.get("project"):
            node = self.registry.get(ident)
            if node is None or node.kind != "project":
                continue
            what = self.analysis.what_if(node, days)
            parts.append(self._render("pgm/impact_view.html", page_url, what=what, subject=node, summary=True, none_text=None).strip())
        if not directive.get("project"):
            parts.append(f'<p class="pgm pgm-empty">{self.locale.markup("impact.no_project")}</p>')
        html = "\n".join(parts)
        return Fragment(html, headings_of(html))

    def dependency_graphs(self, directive: Directive, page_url: str, page: str) -> list[Graph]:
        graphs: list[Graph] = []
        for ident in directive.get("project"):
            entity = self.registry.get(ident)
            if entity is not None and entity.kind == "project":
                graphs.append(self.builder.project(entity, page_url))
        for ident in directive.get("program"):
            entity = self.registry.get(ident)
            if entity is not None and entity.kind == "program":
                graphs.append(self.builder.program(entity, page_url))
        if not directive.get("project") and not directive.get("program"):
            graphs = self.portfolio_graphs(page_url, page)
        return graphs

    def dashboard(self, page_url: str) -> Fragment:
        """The governance dashboard (``<!-- pgm:dashboard -->``, alias ``overview``)."""
        from ..analysis.kpis import portfolio_kpis, program_kpis

        registry = self.registry
        portfolios = registry.of_kind("portfolio")
        if registry.default_portfolio is not None:
            portfolios = [registry.default_portfolio]
        programs = sorted(registry.of_kind("program"), key=lambda p: (p.title.lower(), p.id))
        projects = registry.of_kind("project")
        risks = reg.risk_rows(registry)
        slipped = sorted(((p, slip_days(p)) for p in projects), key=lambda t: (-(t[1] or 0), t[0].id))
        at_risk = [b for _, found in reg.benefits(registry) for b in found if b.status == "at-risk"]
        groups = [(rule, self.locale.text(f"finding.{rule}"), RULES[rule], [f for f in self.findings if f.rule == rule]) for rule in RULES]
        return self.fragment(
            "pgm/dashboard.html", page_url,
            portfolios=portfolios, programs=programs, sources=self.sources,
            standalone=[p for p in projects if p.program is None],
            unassigned=[p for p in programs if p.portfolio is None],
            kpis=portfolio_kpis(registry, self.today, self.currency, locale=self.locale),
            program_kpis=[(p, program_kpis(p, self.today, self.currency, locale=self.locale)) for p in programs],
            program_counts=reg.status_counts(programs, _statuses(schema.ProgramPage)),
            project_counts=reg.status_counts(projects, _statuses(schema.ProjectPage)),
            awaiting_decision=reg.awaiting_decision(registry),
            awaiting_escalation=reg.awaiting_escalation([*risks, *reg.issue_rows(registry)]),
            slipped=[(p, days) for p, days in slipped if days and days > 0],
            benefits_at_risk=at_risk,
            findings=[g for g in groups if g[3]], finding_count=len(self.findings),
            upcoming=reg.upcoming_milestones(registry, self.today, self.upcoming_days), upcoming_days=self.upcoming_days,
            changes=self.changes_view() if self.timeline is not None else None,
        )


    def register(self, directive: Directive, page_url: str) -> Fragment:
        """A register (``decision-log``, ``raid``, ``changes``, ``benefits``…; ``program=`` narrows it):
        its template and context function come from the directive table."""
        spec = DIRECTIVES.get(directive.name)
        if spec is None or not spec.context:
            raise ValueError(f"not a register: {directive.name}")
        wanted = [self.registry.get(ident) for ident in directive.get("program")]
        programs = [p for p in wanted if p is not None and p.kind == "program"] if directive.get("program") else None
        context = getattr(register_views, spec.context)(self.registry, programs, self.analysis, self.today, locale=self.locale)
        return self.fragment(spec.template, page_url, **context)

    def changes_view(self, programs: Sequence[Entity] | None = None) -> ChangesView:
        """What changed since the point (:mod:`.changes`); ``programs``: only theirs, counted from their points."""
        return changes_view(self.timeline, self.registry, self.locale, programs)

    def changes_since(
        self, page_url: str, programs: Sequence[Entity] | None = None, *, level: int = 2, uid: str = "pgm-changes-since", titled: bool = False,
    ) -> Fragment:
        """``<!-- pgm:changes-since [program=ID] -->``: the changes since the point, by group (headings of ``level``,
        ids ``UID-GROUP``); ``programs``: those of these programs and their projects only (a steering pack's);
        ``titled``: a heading above names the point already (the first sentence then only counts). Without history: a sentence saying so."""
        return self.fragment("pgm/changes_since.html", page_url, view=self.changes_view(programs), level=level, uid=uid, titled=titled)

    @property
    def allocation(self) -> Allocation:
        """Every person's assignments and monthly load (:mod:`..analysis.resources`), computed once."""
        if self._allocation is None:
            self._allocation = allocation(self.registry)
        return self._allocation

    def resources(self, directive: Directive, page_url: str) -> Fragment:
        """``<!-- pgm:resources [program=ID] -->``: each person's load per month, as a heat map and a table;
        ``program=`` keeps the people working on those programs (their load still counts every page)."""
        found = allocation_of = self.allocation
        wanted = [self.registry.get(ident) for ident in directive.get("program")]
        programs = [p for p in wanted if p is not None and p.kind == "program"]
        if directive.get("program"):
            found = allocation_of.of([page for program in programs for page in (program, *program.projects)])
        names = ", ".join(p.title for p in programs) if programs else self.locale.text("resources.everyone")
        return self.fragment("pgm/resources.html", page_url, heat=resource_views.heat_map(found, self.locale), uid="pgm-resources",
                             title=self.locale.text("resources.title", names=names), band_tone=palette.BAND)

    def steering(self, directive: Directive, page_url: str) -> Fragment:
        """``<!-- pgm:steering program=ID -->``: a program's steering pack, to print before a forum: its card, projects
        and KPIs, its roadmap, what changed since its last forum (or the ``compare_to`` point), the risks and issues that
        must escalate, the decisions awaiting a decision and the change requests to approve (the rules: :mod:`..model.rules`)."""
        from ..analysis.kpis import program_kpis
        from ..model.registry import program_of

        program = next((p for p in map(self.registry.get, directive.get("program")) if p is not None and p.kind == "program"), None)
        if program is None:
            html = f'<p class="pgm pgm-empty">{self.locale.markup("steering.no_program", directive=Markup("<code>program=ID</code>"))}</p>'
            return Fragment(html, [])
        rows = [*reg.risk_rows(self.registry, [program]), *reg.issue_rows(self.registry, [program])]
        escalate = sorted((r for r in rows if r.above), key=lambda r: (-(r.score or 0), r.risk.key))
        decisions = [d for d in reg.awaiting_decision(self.registry) if program_of(d) is program]  # rules.decision_pending
        requested = [c for c in reg.entries(self.registry, "changes", [program]) if c.status == "requested"]
        roadmap = self.roadmap(Directive("roadmap", (("program", (program.id,)),), 0), page_url, uid="pgm-steering-roadmap-svg")
        changes = self.changes_since(page_url, [program], level=3, uid="pgm-steering-changes")
        return self.fragment(
            "pgm/steering.html", page_url, program=program, card=Markup(self.card(program, page_url).html),
            projects=sorted(program.projects, key=lambda p: (p.title.lower(), p.id)), slip=slip_days,
            kpis=program_kpis(program, self.today, self.currency, locale=self.locale), roadmap=Markup(roadmap.html),
            changes=Markup(changes.html), escalate=escalate, threshold=program.risk_threshold, decisions=decisions, requested=requested,
        )

    def schema_reference(self, page_url: str) -> Fragment:
        return self.fragment("pgm/schema_reference.html", page_url, sections=schema_reference_rows())

    def config_reference(self, rows: Iterable[dict[str, str]], page_url: str) -> Fragment:
        return self.fragment("pgm/config_reference.html", page_url, rows=list(rows))

    def catalog(self, page_url: str) -> Fragment:
        """Every entity in one table (``<!-- pgm:catalog -->``), with the options of its filter form.

        The table is complete without JavaScript; ``assets/pgm/catalog.js``
        filters its rows in place by the ``data-*`` attributes written here.
        """
        from ..model.registry import HEALTH_ORDER

        kinds = {kind: n for n, kind in enumerate(CATALOG_KINDS)}
        locale, say = self.locale, self.locale.text
        rows = []
        for entity in self.registry.entities:
            if entity.virtual:
                continue
            model = entity.model
            owner = model.owner or ""
            tags = list(model.tags)
            text = " ".join([entity.title, entity.id, owner, model.summary or "", *tags])
            rows.append(CatalogRow(entity, reg.program_of(entity), owner, tags, " ".join(text.lower().split()), _people_of(model)))
        rows.sort(key=lambda r: (kinds.get(r.entity.kind, len(kinds)), r.entity.title.lower(), r.entity.id))
        facets = [
            _facet("type", say("field.type"), ((r.entity.kind, locale.vocabulary("type", r.entity.kind)) for r in rows), kinds),
            _facet("status", say("field.status"), ((r.entity.status, locale.label(r.entity.status)) for r in rows)),
            _facet("health", say("field.health"), ((r.entity.health, locale.vocabulary("health", r.entity.health)) for r in rows), HEALTH_ORDER),
            _facet("program", say("field.program"), ((r.program.id.lower(), r.program.title) for r in rows if r.program)),
            _facet("owner", say("field.owner"), ((r.owner.lower(), r.owner) for r in rows)),
            _facet("person", say("field.person"), (person for r in rows for person in r.people), multi=True),
        ]
        return self.fragment("pgm/catalog.html", page_url, rows=rows, facets=facets)

    # -------------------------------------------------------------- derived data

    def _derived(self, entity: Entity) -> dict[str, Any]:
        """Values the section templates show that need the whole registry."""
        escalated: list[reg.RiskRow] = []
        threshold = entity.risk_threshold if entity.kind == "program" else None
        if threshold is not None:
            for owner in [entity, *entity.projects]:
                escalated.extend(row for row in map(reg.risk_row, [*owner.entries("risks"), *owner.entries("issues")]) if row.above)
            escalated.sort(key=lambda r: (-(r.score or 0), r.risk.key))
        diagram = None
        if self.draw is not None and entity.kind in ("project", "program"):
            graph = self.graphs_for(entity, self._page_url.get())[0]
            self._graphs.pop((entity.src_uri, self._page_url.get()), None)  # its page has it now: not held any longer
            if graph.nodes > 1:
                diagram = self.diagram(graph, self._page_url.get())
        roadmap = None
        critical = self.critical
        if entity.kind == "program":
            roadmap = layout([(entity.title, entity, entity.projects)], self.today, lane_limit=10**9, show_lane_heads=False, locale=self.locale,
                             critical=critical.get(entity.id, ()), schedule=self._chain_schedule(entity.id))
        elif entity.kind == "portfolio":
            roadmap = layout(self._portfolio_lanes(entity.programs, include_standalone=False), self.today, lane_limit=self.lane_limit, locale=self.locale,
                             critical=critical.get("*", ()), schedule=self._chain_schedule("*"))
        from ..analysis.kpis import entity_earned_value, portfolio_kpis, program_kpis, project_kpis

        kpis: list[Any] = []
        benefits_roadmap = None
        if entity.kind == "project":
            kpis = project_kpis(entity, self.today, self.currency, locale=self.locale)
        elif entity.kind == "program":
            kpis = program_kpis(entity, self.today, self.currency, locale=self.locale)
            if any(b.item.due for b in entity.entries("benefits")):  # type: ignore[attr-defined]
                benefits_roadmap = benefits_layout([(entity, entity.entries("benefits"))], self.today, show_lane_heads=False, locale=self.locale)
        elif entity.kind == "portfolio":
            kpis = portfolio_kpis(self.registry, self.today, self.currency, programs=None if entity.virtual else entity.programs, locale=self.locale)
        decisions = sorted(entity.rel.decisions, key=_decision_order)
        incoming = list(entity.rel.dependency_of)
        for milestone in entity.entries("milestones"):
            incoming.extend(milestone.rel.dependency_of)
        return {"escalated": escalated, "threshold": threshold, "decisions": decisions, "incoming": incoming, "roadmap": roadmap, "diagram": diagram,
                "conflicts": self.analysis.conflicts_of(entity),
                "slip": slip_days(entity) if entity.kind == "project" else None,
                "impacts": self.analysis.impacts.get(entity, []) if entity.kind == "project" else [],
                "further": self.analysis.further_slip(entity) if entity.kind == "project" else None,
                "further_end": self.analysis.further_end(entity) if entity.kind == "project" else None,
                "critical_path": critical.get(entity.id, []) if entity.kind == "program" else [],
                "schedule": self.analysis.schedules.get(entity.id if entity.kind == "program" else "*") if entity.kind in ("program", "portfolio") else None,
                "computed_kpis": kpis, "benefits_roadmap": benefits_roadmap,
                "people": resource_views.program_people(entity, self.allocation) if entity.kind in ("program", "project") else [],
                "power_map": resource_views.power_map(entity.model.stakeholders) if entity.kind == "program" else None,
                "changes_since": self.changes_view([entity]) if entity.kind == "program" and self.timeline is not None else None,
                "earned_value": entity_earned_value(entity, self.registry, self.today, self.currency, locale=self.locale)[1]}

    def _chain_schedule(self, scope: str) -> Schedule | None:
        """The CPM of ``scope`` for a roadmap: float and near-critical bars; the chain only when it has two steps or more."""
        schedule = self.analysis.schedules.get(scope)
        if schedule is None or scope in self.critical:
            return schedule
        return dataclasses.replace(schedule, chain=[])

    def _portfolio_lanes(
        self, programs: Iterable[Entity], *, include_standalone: bool, keep: Callable[[Entity], bool] = lambda p: True,
    ) -> list[tuple[str, Entity | None, list[Entity]]]:
        lanes: list[tuple[str, Entity | None, list[Entity]]] = [
            (program.title, program, [p for p in program.projects if keep(p)]) for program in programs
        ]
        if include_standalone:
            lanes.append((self.locale.text("roadmap.standalone"), None, [p for p in self.registry.of_kind("project") if p.program is None and keep(p)]))
        return lanes

    def roadmap(self, directive: Directive, page_url: str, uid: str) -> Fragment:
        """The roadmap a ``<!-- pgm:roadmap ... -->`` directive asks for.

        Without ``program=``: every program as a lane, then the standalone
        projects. ``status=``, ``health=`` and ``tag=`` keep matching projects.
        """
        statuses = {v.lower() for v in directive.get("status")}
        health = {v.lower() for v in directive.get("health")}
        tags = {v.lower() for v in directive.get("tag")}

        def keep(project: Entity) -> bool:
            model = project.model
            return (
                (not statuses or project.status in statuses)
                and (not health or project.health in health)
                and (not tags or bool(tags & {t.lower() for t in model.tags}))
            )

        wanted = [self.registry.get(ident) for ident in directive.get("program")]
        programs = [p for p in wanted if p is not None and p.kind == "program"]
        if directive.get("program"):
            lanes = self._portfolio_lanes(programs, include_standalone=False, keep=keep)
        else:
            lanes = self._portfolio_lanes(sorted(self.registry.of_kind("program"), key=lambda p: p.title.lower()), include_standalone=True, keep=keep)
        single = len(lanes) == 1
        chain = self.critical.get(programs[0].id, ()) if single and programs else self.critical.get("*", ())
        schedule = self._chain_schedule(programs[0].id if single and programs else "*")
        rm = layout(lanes, self.today, lane_limit=10**9 if single else self.lane_limit, show_lane_heads=not single, critical=chain,
                    schedule=schedule, locale=self.locale)
        title = self.locale.text("roadmap.title", names=", ".join(p.title for p in programs) if programs else self.locale.text("roadmap.the_portfolio"))
        return self.fragment("pgm/roadmap.html", page_url, roadmap=rm, uid=uid, title=title)


def _statuses(model: type[schema.Model]) -> list[str]:
    from typing import get_args

    return list(get_args(model.model_fields["status"].annotation))


def _decision_order(node: Node) -> tuple[str, str]:
    item = node.model if isinstance(node, Entity) else node.item
    date = getattr(item, "date", None)
    return (date.isoformat() if date else "", node.id)


# ------------------------------------------------------------------ catalog

#: The catalog's order of entity types (rows, and the options of the type filter).
CATALOG_KINDS = ("portfolio", "program", "project", "decision")


@dataclass
class CatalogRow:
    """One row of the catalog: an entity and the values it is filtered by."""

    entity: Entity
    program: Entity | None
    """Its program: itself for a program, a decision's scope's program."""
    owner: str
    tags: list[str]
    search: str
    """What the free-text box matches: title, id, owner, summary and tags, lower-cased."""
    people: list[tuple[str, str]] = field(default_factory=list)
    """Everyone named on the page (owner, sponsor, team, stakeholders): (:func:`~..analysis.resources.person_key`, name as written)."""

    @property
    def person_keys(self) -> str:
        """``|key|key|``: the ``data-person`` attribute the filter matches one key of."""
        return "|" + "|".join(key for key, _ in self.people) + "|" if self.people else ""


def _people_of(model: schema.Page) -> list[tuple[str, str]]:
    """The people a page names, each once, in the order written: owner, sponsor, team, stakeholders."""
    names = [model.owner, model.sponsor, *(m.name for m in getattr(model, "team", ())),
             *(s if isinstance(s, str) else s.name for s in model.stakeholders)]
    found: dict[str, str] = {}
    for name in names:
        if name:
            # "|" separates the keys of data-person: a name cannot bring one in.
            found.setdefault(person_key(name).replace("|", " "), " ".join(name.split()))
    return list(found.items())


@dataclass
class Facet:
    """A select of the catalog's filter form: ``options`` are (value, text, count), values lower-cased."""

    name: str
    label: str
    options: list[tuple[str, str, int]]
    multi: bool = False
    """Rows hold several values (``data-NAME="|a|b|"``): a row matches when one of them is chosen."""


def _facet(name: str, label: str, values: Iterable[tuple[str | None, str]], order: dict[str, int] | None = None, *, multi: bool = False) -> Facet:
    """The distinct values (the first text seen for each), sorted by ``order`` else alphabetically, with counts."""
    texts: dict[str, str] = {}
    counts: dict[str, int] = {}
    for value, text in values:
        if value:
            texts.setdefault(value, text)
            counts[value] = counts.get(value, 0) + 1

    def key(value: str) -> tuple[int, str, str]:
        return ((order or {}).get(value, len(order or {})), texts[value].lower(), value)

    return Facet(name, label, [(value, texts[value], counts[value]) for value in sorted(texts, key=key)], multi)


# ------------------------------------------------------------------ schema reference

PAGE_SECTIONS: list[tuple[str, type[schema.Model]]] = [
    ("Common fields (every page type)", schema.Page),
    ("type: portfolio", schema.PortfolioPage),
    ("type: program", schema.ProgramPage),
    ("type: project", schema.ProjectPage),
    ("type: decision", schema.DecisionPage),
]
ENTRY_SECTIONS: list[tuple[str, type[schema.Model]]] = [
    ("milestone", schema.Milestone),
    ("risk", schema.Risk),
    ("assumption", schema.Assumption),
    ("issue", schema.Issue),
    ("change request", schema.ChangeRequest),
    ("change request impact", schema.ChangeImpact),
    ("decision entry", schema.DecisionEntry),
    ("benefit", schema.Benefit),
    ("benefit measurement", schema.Measurement),
    ("status update", schema.StatusUpdate),
    ("KPI", schema.Kpi),
    ("deliverable", schema.Deliverable),
    ("dependency", schema.Dependency),
    ("stakeholder", schema.Stakeholder),
    ("team member", schema.TeamMember),
    ("link", schema.Link),
    ("governance", schema.Governance),
    ("forum", schema.Forum),
    ("baseline", schema.Baseline),
    ("budget", schema.Budget),
    ("acceptance", schema.Acceptance),
    ("lesson", schema.Lesson),
]


def schema_reference_rows() -> list[dict[str, Any]]:
    """Field tables of every page type and nested entry, from the schema itself."""
    from ..exports.jsonschema import field_rows

    anchors = {model.__name__: "fm-" + model.__name__.lower() for _, model in PAGE_SECTIONS + ENTRY_SECTIONS}
    type_re = re.compile(r"\b(" + "|".join(sorted(anchors, key=len, reverse=True)) + r")\b")

    def parts(text: str) -> list[dict[str, str]]:
        out, last = [], 0
        for match in type_re.finditer(text):
            out.append({"text": text[last:match.start()], "anchor": ""})
            out.append({"text": match.group(1), "anchor": anchors[match.group(1)]})
            last = match.end()
        out.append({"text": text[last:], "anchor": ""})
        return [p for p in out if p["text"]]

    out: list[dict[str, Any]] = []
    common = set(schema.Page.model_fields)
    for title, model in PAGE_SECTIONS + ENTRY_SECTIONS:
        # Page types list only their own fields; the common ones have a section.
        skip = common if issubclass(model, schema.Page) and model is not schema.Page else set()
        out.append({"title": title, "anchor": anchors[model.__name__], "doc": (model.__doc__ or "").strip(), "rows": field_rows(model, skip=skip)})
    for section in out:
        for row in section["rows"]:
            row["type_parts"] = parts(row["type"])
    return out


__all__ = ["TEMPLATES_DIR", "Fragment", "Heading", "Markup", "Renderer", "headings_of", "html_to_text"]
