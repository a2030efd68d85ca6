"""The registry: every entity of the site, its nested entries and their relations.

Built once per build from all pages (before any page renders), so that every
page can show relations in both directions. Relations are written once, on one
side; the inverse is derived here. All graph algorithms are iterative.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, ClassVar, TypeVar
from urllib.parse import unquote

from ..diagnostics import Diagnostic, Location, Suggestions, did_you_mean
from ..directives import DIRECTIVES
from ..limits import MAX_DAYS, MAX_SHORT_TEXT
from ..text import default_id, slugify
from . import adr, rules, schema
from .frontmatter import FrontMatter, parse, path_text
from .markdown_scan import Directive, Reference, directives, first_heading_at, references
from .validate import SourceMap, validate_page

KIND_OF_COLLECTION = {
    "milestones": "milestone",
    "decisions": "decision",
    "risks": "risk",
    "assumptions": "assumption",
    "issues": "issue",
    "changes": "change",
    "benefits": "benefit",
}
K = TypeVar("K", bound=Hashable)
HEALTH_ORDER = {"green": 0, "amber": 1, "red": 2}
SCHEDULING = {"finish-to-start", "start-to-start"}
#: How many places a diagnostic about a duplicate id names before "and N more".
DUPLICATE_PLACES = 3


@dataclass(frozen=True)
class PageSource:
    """What the host hands the core for one Markdown file."""

    src_uri: str
    """Path inside the docs folder, with ``/`` separators."""
    file: str
    """Path shown in diagnostics (relative to the working directory when possible)."""
    text: str


@dataclass(frozen=True)
class RemotePage:
    """An entity of another site (a ``pgm.json`` of the ``sources`` option), parsed and validated
    like a page (:func:`..federation.records.remote_pages`); it has no page on this site."""

    origin: str
    """The source's name."""
    src_uri: str
    """``NAME:path`` (the page's src_uri on its home site): what diagnostics name it by."""
    home: str | None
    """The absolute URL of its page on its home site."""
    parsed: Parsed


@dataclass(eq=False)
class Relations:
    """Derived relations, filled by :meth:`Registry.link` (shared by entities and entries)."""

    depends_on: list[Edge] = field(default_factory=list)
    dependency_of: list[Edge] = field(default_factory=list)
    supersedes: list[Node] = field(default_factory=list)
    superseded_by: list[Node] = field(default_factory=list)
    affects: list[Node] = field(default_factory=list)
    affected_by: list[Node] = field(default_factory=list)
    decisions: list[Node] = field(default_factory=list)
    contributes_to: list[Node] = field(default_factory=list)
    contributors: list[Entity] = field(default_factory=list)
    changes_settled: list[Node] = field(default_factory=list)
    settled_by: list[Node] = field(default_factory=list)
    referenced_by: list[Entity] = field(default_factory=list)


@dataclass(eq=False)
class Nested:
    """An entry kept inside a page: milestone, decision, risk, assumption, issue, change, benefit."""

    kind: str
    collection: str
    index: int
    item: schema.Entry
    owner: Entity
    id: str
    explicit: bool
    line: int | None
    rel: Relations = field(default_factory=Relations)

    @property
    def anchor(self) -> str:
        """Stable HTML id on the owner's page."""
        return f"{self.kind}-{slugify(self.id)}"

    @property
    def key(self) -> str:
        return f"{self.owner.id}#{self.id}"

    @property
    def ref_id(self) -> str:
        """How to reference it: its own id when that is site-wide, else ``PAGE#id``."""
        return self.id if self.explicit and self.kind != "milestone" else self.key

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def status(self) -> str | None:
        return getattr(self.item, "status", None)

    @property
    def src_uri(self) -> str:
        return self.owner.src_uri

    @property
    def file(self) -> str:
        return self.owner.file


@dataclass(eq=False)
class Entity:
    """A page that takes part: portfolio, program, project or decision."""

    id: str
    kind: str
    src_uri: str
    file: str
    model: schema.Page
    title: str
    source: SourceMap
    refs: list[Reference] = field(default_factory=list)
    nested: list[Nested] = field(default_factory=list)
    rel: Relations = field(default_factory=Relations)
    program: Entity | None = None
    portfolio: Entity | None = None
    projects: list[Entity] = field(default_factory=list)
    programs: list[Entity] = field(default_factory=list)
    scope: Entity | None = None
    virtual: bool = False
    #: Digest of the page's text (see :func:`content_digest`): what the page is made of.
    digest: bytes = b""
    #: The source (``sources`` option) an entity imported from another site comes from; None: a page of this site.
    origin: str | None = None
    #: The absolute URL of an imported entity's page on its home site (None: no link).
    home: str | None = None

    #: A page is linked to without an anchor (entries have one).
    anchor: ClassVar[str] = ""

    @property
    def key(self) -> str:
        return self.id

    @property
    def ref_id(self) -> str:
        return self.id

    @property
    def risk_threshold(self) -> int | None:
        """The escalation threshold that applies here: the program's (a project's program's), else its portfolio's."""
        program = self if self.kind == "program" else self.program
        for holder in (program, program.portfolio if program is not None else None):
            governance = getattr(holder.model, "governance", None) if holder is not None else None
            if governance is not None and governance.risk_threshold is not None:
                return governance.risk_threshold
        return None

    @property
    def status(self) -> str | None:
        return getattr(self.model, "status", None)

    @property
    def health(self) -> str | None:
        """RAG health; a program without one takes the worst of its projects."""
        own = getattr(self.model, "health", None)
        if own or self.kind != "program":
            return own
        worst = None
        for project in self.projects:
            if project.model.health and (worst is None or HEALTH_ORDER[project.model.health] > HEALTH_ORDER[worst]):  # type: ignore[attr-defined]
                worst = project.model.health  # type: ignore[attr-defined]
        return worst

    def line(self, *path: str | int) -> int | None:
        """Source line of a value of the model (list indices as in the model)."""
        return self.source.line(*path)

    def field(self, *path: str | int) -> str:
        """``risks[2].owner``: the path of a model value as written in the file."""
        return path_text(self.source.source_path(tuple(path)))

    def entries(self, collection: str) -> list[Nested]:
        return [n for n in self.nested if n.collection == collection]


Node = Entity | Nested


@dataclass(eq=False)
class Edge:
    """A dependency: ``source`` depends on ``target``."""

    source: Entity
    target: Node
    type: str
    note: str | None
    line: int | None
    index: int = 0
    lag: int = 0
    """``lag_days`` of the dependency: days added to its constraint (negative: a lead)."""

    @property
    def scheduling(self) -> bool:
        return self.type in SCHEDULING and self.source.kind in {"project", "program"}


@dataclass(frozen=True)
class Parsed:
    """What one page's text gives before linking: the same text and options always give the same."""

    diagnostics: tuple[Diagnostic, ...]
    model: schema.Page | None
    source: SourceMap
    directives: tuple[Directive, ...]
    refs: tuple[Reference, ...]
    digest: bytes
    ident: str = ""
    title: str = ""


@dataclass(frozen=True)
class ParseOptions:
    """The options that shape what a page's text gives (part of :class:`ParseCache`'s key)."""

    ignore_fields: tuple[str, ...] = ()
    """Front-matter keys accepted without an "unknown field" warning."""
    decision_dirs: tuple[str, ...] = ()
    """Folders of decision records (normalised: ``/`` separators, none leading or trailing)."""
    adr_prefix: str = "ADR-"
    """Put before a record's ADR number to make its default id."""

    @classmethod
    def of(cls, ignore_fields: Iterable[str] = (), decision_dirs: Iterable[str] = (), adr_prefix: str = "ADR-") -> ParseOptions:
        """Options with the folders normalised (``./adr/`` -> ``adr``)."""
        return cls(tuple(str(f) for f in ignore_fields), adr.AdrSettings.of(decision_dirs).dirs, adr_prefix)

    @property
    def adr(self) -> adr.AdrSettings:
        return adr.AdrSettings(self.decision_dirs, self.adr_prefix)


def parse_page(page: PageSource, options: ParseOptions | None = None, digest: bytes | None = None) -> Parsed:
    """Parse and validate one page: its model, diagnostics, directives, references, id and title."""
    if options is None:
        options = ParseOptions()
    if digest is None:
        digest = content_digest(page.text)
    settings = options.adr
    record = settings.holds(page.src_uri)
    fm = parse(page.text, page.file, ours=record)
    if record:
        fm = adr.as_decision(fm)
    diagnostics = list(fm.diagnostics)
    model, problems, source = validate_page(fm, page.file, ignore=options.ignore_fields)
    diagnostics.extend(problems)
    found = tuple(directives(fm.body, fm.body_line))
    refs = tuple(references(fm.body, fm.body_line))
    if model is None:
        return Parsed(tuple(diagnostics), None, source, found, refs, digest)
    ident = model.id or (adr.default_id(page.src_uri, settings.prefix) if record else None) or default_id(page.src_uri)
    title = model.title
    if not title:
        heading, line = first_heading_at(fm.body, fm.body_line)
        if heading and len(heading) > MAX_SHORT_TEXT:
            # Like a front-matter title (validation cuts those): a title is
            # repeated in tables, search entries and diagrams.
            diagnostics.append(Diagnostic(
                page.file, line, "title",
                f"the first heading, which is the page's title, is {len(heading):,} characters long, more than "
                f"{MAX_SHORT_TEXT:,}; only the first {MAX_SHORT_TEXT - 1:,} are kept",
                severity="warning", code="text-too-long",
            ))
            heading = heading[: MAX_SHORT_TEXT - 1] + "…"
        if heading and record:
            heading = adr.clean_title(heading)
        title = heading or ident
    return Parsed(tuple(diagnostics), model, source, found, refs, digest, ident, title)


def parse_data(data: dict[str, Any], file: str, options: ParseOptions, digest: bytes) -> Parsed:
    """Validate front matter given as data, not text (an entity of another site's ``pgm.json``):
    the same schema and messages as a page's, without lines (``file``: ``NAME:path``)."""
    model, problems, source = validate_page(FrontMatter(data), file, ignore=options.ignore_fields)
    if model is None:
        return Parsed(tuple(problems), None, source, (), (), digest)
    ident = model.id or default_id(file.partition(":")[2] or file)
    return Parsed(tuple(problems), model, source, (), (), digest, ident, model.title or ident)


class ParseCache:
    """Each page's :class:`Parsed`, kept by the digest of its text (and the options that shape it)."""

    def __init__(self) -> None:
        self._pages: dict[tuple[str, str], tuple[bytes, ParseOptions, Parsed]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, page: PageSource, options: ParseOptions) -> Parsed:
        digest = content_digest(page.text)
        key = (page.src_uri, page.file)
        kept = self._pages.get(key)
        if kept is not None and kept[0] == digest and kept[1] == options:
            self.hits += 1
            return kept[2]
        self.misses += 1
        parsed = parse_page(page, options, digest)
        self._pages[key] = (digest, options, parsed)
        return parsed

    def keep_only(self, keys: Iterable[tuple[str, str]]) -> None:
        """Forget the pages that are gone (deleted or renamed since)."""
        wanted = set(keys)
        for key in [k for k in self._pages if k not in wanted]:
            del self._pages[key]


def content_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Registry:
    """All entities of a site, their ids, relations and diagnostics."""

    def __init__(
        self, *, ignore_fields: Iterable[str] = (), strict_references: bool = True,
        decision_dirs: Iterable[str] = (), adr_prefix: str = "ADR-",
    ) -> None:
        self.entities: list[Entity] = []
        self.index: dict[str, Node] = {}
        self.diagnostics: list[Diagnostic] = []
        self.options = ParseOptions.of(ignore_fields, decision_dirs, adr_prefix)
        self.ignore_fields = self.options.ignore_fields
        #: (src_uri, shown file) of the pages that do not take part: the ADR folder hint looks at them.
        self.untyped: list[tuple[str, str]] = []
        #: Entities by src_uri: a MADR successor may be named by a link to its file.
        self.by_src: dict[str, Entity] = {}
        self.strict_references = strict_references
        self.default_portfolio: Entity | None = None
        self.unique_milestones: dict[str, Nested] = {}
        #: ``<!-- pgm:... -->`` directives of every page (shown file, src_uri), checked in :meth:`link`.
        self.directives: list[tuple[str, str, list[Directive]]] = []
        #: ``[[ID]]`` references of pages that do not take part (checked, not back-linked).
        self.other_refs: list[tuple[str, list[Reference]]] = []
        #: The src_uri of each page of ``other_refs``, in the same order.
        self.other_ref_pages: list[str] = []
        #: Ids offered as "did you mean", per set of kinds (built once, after the ids are known).
        self._suggestions: dict[frozenset[str] | None, Suggestions] = {}
        #: Every supersede link kept: (later, earlier, where it is written, field), for the cycle check.
        self._supersede_links: list[tuple[Node, Node, Location, str]] = []

    # ----------------------------------------------------------------- building

    @classmethod
    def build(
        cls, pages: Iterable[PageSource], *, cache: ParseCache | None = None, remote: Iterable[RemotePage] = (), **options: object,
    ) -> Registry:
        """Parse, validate and link ``pages``; with a ``cache``, a page whose text and options are
        unchanged since it was last parsed is not parsed again (``mkdocs serve``). ``remote``: the
        entities of other sites, after this site's pages (an id used twice stays with the first)."""
        registry = cls(**options)  # type: ignore[arg-type]
        for page in sorted(pages, key=lambda p: p.src_uri):
            registry.add(page, cache.get(page, registry.options) if cache is not None else None)
        for imported in remote:
            registry.add_remote(imported)
        registry.link()
        return registry

    def add_remote(self, page: RemotePage) -> Entity | None:
        """Register an entity of another site: read-only, its diagnostics named ``NAME:path``."""
        parsed = page.parsed
        self.diagnostics.extend(parsed.diagnostics)
        if parsed.model is None:
            return None
        entity = self._entity(page.src_uri, page.src_uri, parsed)
        entity.origin, entity.home = page.origin, page.home
        return entity

    def add(self, page: PageSource, parsed: Parsed | None = None) -> Entity | None:
        """Register one page (parsed and validated now unless ``parsed`` is given) when it takes part."""
        if parsed is None:
            parsed = parse_page(page, self.options)
        self.diagnostics.extend(parsed.diagnostics)
        if parsed.directives:
            self.directives.append((page.file, page.src_uri, list(parsed.directives)))
        if parsed.model is None:
            self.untyped.append((page.src_uri, page.file))
            if parsed.refs:  # a page without type may still link to entities
                self.other_refs.append((page.file, list(parsed.refs)))
                self.other_ref_pages.append(page.src_uri)
            return None
        return self._entity(page.src_uri, page.file, parsed)

    def _entity(self, src_uri: str, file: str, parsed: Parsed) -> Entity:
        model, source = parsed.model, parsed.source
        assert model is not None
        entity = Entity(parsed.ident, model.kind, src_uri, file, model, parsed.title, source, list(parsed.refs), digest=parsed.digest)
        for collection, kind in KIND_OF_COLLECTION.items():
            for index, item in enumerate(getattr(model, collection, ())):
                explicit = item.id is not None
                entity.nested.append(
                    Nested(kind, collection, index, item, entity, item.id or slugify(item.title), explicit, source.line(collection, index))
                )
        self.entities.append(entity)
        return entity

    def _register(self) -> None:
        seen: dict[str, list[tuple[Node, int | None]]] = defaultdict(list)
        for entity in self.entities:
            seen[entity.id.lower()].append((entity, entity.line("id") or entity.line("type")))
            local: dict[str, list[Nested]] = defaultdict(list)
            for entry in entity.nested:
                local[entry.id.lower()].append(entry)
                if entry.explicit and entry.kind != "milestone":
                    seen[entry.id.lower()].append((entry, entry.line))
            for twins in local.values():
                if len(twins) > 1 and not all(t.explicit and t.kind != "milestone" for t in twins):
                    self._duplicate(twins[0].id, [(t, t.line) for t in twins], "entries of this page")
        for key, owners in seen.items():
            if len(owners) > 1:
                self._duplicate(owners[0][0].id, owners, "ids")
            self.index[key] = owners[0][0]
        # An explicit milestone id belongs to its page (PAGE#M1), but when no
        # other page uses it, [[M1]] may name it alone.
        milestones: dict[str, list[Nested]] = defaultdict(list)
        for entity in self.entities:
            for entry in entity.entries("milestones"):
                if entry.explicit:
                    milestones[entry.id.lower()].append(entry)
        self.unique_milestones = {k: v[0] for k, v in milestones.items() if len(v) == 1 and k not in self.index}

    def _duplicate(self, ident: str, owners: list[tuple[Node, int | None]], what: str) -> None:
        """One diagnostic per duplicated id, at its second use: how often it is used and where.

        Names the first few places only, so that a template copied a thousand
        times gives one line of bounded length, not a thousand lines naming
        every other copy (which grew with the square of the copies).
        """
        scope = "the site" if what == "ids" else "the " + what
        if what == "ids" and any(is_remote(node) for node, _ in owners):
            scope = "the site and its sources"
        (first, first_line), (node, line) = owners[0], owners[1]
        kept = Location(first.file, first_line)
        others = [Location(n.file, n_line) for n, n_line in owners[1 : 1 + DUPLICATE_PLACES]]
        listed = ", ".join(str(p) for p in others)
        more = len(owners) - 1 - len(others)
        if more:
            listed += f" and {more:,} more"
        times = "twice" if len(owners) == 2 else f"{len(owners):,} times"
        where = f"the other is at {listed}" if len(owners) == 2 else f"the others are at {listed}"
        field_name = "id" if isinstance(node, Entity) else node.owner.field(node.collection, node.index, "id")
        message = (
            f"id '{ident}' is used {times} (ids are unique case-insensitively across {scope}); "
            f"the first, {kept}, is kept and references go to it; {where}"
        )
        self.diagnostics.append(Diagnostic(node.file, line, field_name, message, code="duplicate-id", related=(kept,)))

    # ----------------------------------------------------------------- lookup

    def resolve(self, ref: str) -> Node | None:
        """An entity or entry by id (case-insensitive); ``PAGE#entry`` names an entry of a page."""
        if "#" in ref:
            page_id, _, entry_id = ref.partition("#")
            owner = self.index.get(page_id.lower())
            if not isinstance(owner, Entity):
                return None
            wanted = entry_id.lower()
            for entry in owner.nested:
                if entry.id.lower() == wanted:
                    return entry
            return None
        key = ref.lower()
        return self.index.get(key) or self.unique_milestones.get(key)

    def get(self, ident: str) -> Entity | None:
        node = self.index.get(ident.lower())
        return node if isinstance(node, Entity) else None

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def _candidates(self, kinds: set[str] | None) -> Suggestions:
        """The ids "did you mean" may offer for ``kinds`` (None: any), built once per set of kinds."""
        key = frozenset(kinds) if kinds is not None else None
        found = self._suggestions.get(key)
        if found is None:
            names = [node.id for node in self.index.values() if kinds is None or node.kind in kinds]
            if kinds is None or "milestone" in kinds:
                names.extend(n.key for e in self.entities for n in e.nested if n.kind == "milestone")
            found = self._suggestions[key] = Suggestions(names)
        return found

    def _ref(self, holder: Node, ref: str, path: tuple[str | int, ...], kinds: set[str] | None, what: str) -> Node | None:
        """Resolve a reference written in front matter, reporting unknown ids and wrong kinds."""
        owner = holder if isinstance(holder, Entity) else holder.owner
        base: tuple[str | int, ...] = () if isinstance(holder, Entity) else (holder.collection, holder.index)
        line = owner.line(*base, *path)
        field_name = owner.field(*base, *path)
        target = self.resolve(ref)
        if target is None:
            hint = did_you_mean(ref, self._candidates(kinds))
            self.diagnostics.append(
                Diagnostic(owner.file, line, field_name, f"unknown id '{ref}': expected the id of {what}{hint}", code="unknown-id")
            )
            return None
        if kinds is not None and target.kind not in kinds:
            self.diagnostics.append(
                Diagnostic(
                    owner.file, line, field_name,
                    f"'{ref}' is a {target.kind} ({Location(target.file, _line_of(target))}): expected {what}",
                    code="wrong-kind",
                )
            )
            return None
        return target

    # ----------------------------------------------------------------- relations

    def link(self) -> None:
        """Resolve every reference, derive inverse relations, run the graph checks."""
        self._suggestions.clear()  # the candidates are the ids registered now
        self._supersede_links.clear()
        self._register()
        self.by_src = {entity.src_uri: entity for entity in self.entities}
        portfolios = self.of_kind("portfolio")
        implicit = portfolios[0] if len(portfolios) == 1 else None
        if not portfolios:
            self.default_portfolio = implicit = Entity(
                "PORTFOLIO", "portfolio", "", "", schema.PortfolioPage(type="portfolio"), "Portfolio",
                SourceMap(parse("", "")), virtual=True,
            )
        for entity in self.entities:
            model = entity.model
            if entity.kind == "program":
                target = self._ref(entity, model.portfolio, ("portfolio",), {"portfolio"}, "a portfolio") if model.portfolio else implicit  # type: ignore[attr-defined]
                if isinstance(target, Entity):
                    entity.portfolio = target
                    target.programs.append(entity)
            if entity.kind == "project" and model.program:  # type: ignore[attr-defined]
                target = self._ref(entity, model.program, ("program",), {"program"}, "a program")  # type: ignore[attr-defined]
                if isinstance(target, Entity):
                    entity.program = target
                    target.projects.append(entity)
            scheduled = entity.kind in {"project", "program"}
            kinds = {"project", "program", "milestone"} if scheduled else None
            for index, dep in enumerate(model.depends_on):
                expected = "a project, program or milestone (PROJECT#milestone)" if scheduled else "an entity"
                target = self._ref(entity, dep.id, ("depends_on", index), kinds, expected)
                if target is not None:
                    edge = Edge(entity, target, dep.type, dep.note, entity.line("depends_on", index), index, dep.lag_days)
                    entity.rel.depends_on.append(edge)
                    target.rel.dependency_of.append(edge)
            for index, ref in enumerate(getattr(model, "contributes_to", ())):
                target = self._ref(entity, ref, ("contributes_to", index), {"benefit"}, "a benefit")
                if target is not None:
                    entity.rel.contributes_to.append(target)
                    target.rel.contributors.append(entity)
            if entity.kind == "decision":
                self._link_decision(entity, entity, ())
            for entry in entity.nested:
                if entry.kind == "decision":
                    self._link_decision(entry, entity, (entry.collection, entry.index))
                elif entry.kind == "change" and entry.item.decision:  # type: ignore[attr-defined]
                    target = self._ref(entry, entry.item.decision, ("decision",), {"decision"}, "a decision")  # type: ignore[attr-defined]
                    if target is not None:
                        _add(entry.rel.settled_by, target)
                        _add(target.rel.changes_settled, entry)
        pages: list[tuple[str, list[Reference], Entity | None]] = [(e.file, e.refs, e) for e in self.entities]
        pages.extend((file, refs, None) for file, refs in self.other_refs)
        for file, refs, referrer in pages:
            for ref in refs:
                target = self.resolve(ref.target)
                if target is None:
                    self.diagnostics.append(
                        Diagnostic(
                            file, ref.line, f"[[{ref.target}]]",
                            f"unknown id '{ref.target}'{did_you_mean(ref.target, self._candidates(None))}; it is shown as plain text",
                            severity="warning" if self.strict_references else "info", code="unknown-reference",
                        )
                    )
                elif referrer is not None:
                    owner = target if isinstance(target, Entity) else target.owner
                    if owner is not referrer:
                        _add(owner.rel.referenced_by, referrer)
        self._check_decisions()
        self._check_supersede_cycles()
        self._check_cycles()
        self._check_directives()
        self._check_escalations()
        self.diagnostics.extend(adr.looks_like_records(self.untyped, self.options.adr))
        self.diagnostics.sort(key=Diagnostic.sort_key)

    def _link_decision(self, decision: Node, page: Entity, base: tuple[str | int, ...]) -> None:
        item = decision.model if isinstance(decision, Entity) else decision.item
        holder: Node = decision
        if isinstance(decision, Entity):
            scope = self._ref(decision, item.scope, ("scope",), {"program", "project", "portfolio"}, "a program, project or portfolio") if item.scope else None  # type: ignore[union-attr]
        else:
            scope = page
            if item.scope and self.resolve(item.scope) is not page:  # type: ignore[union-attr]
                self.diagnostics.append(
                    Diagnostic(
                        page.file, page.line(*base, "scope"), page.field(*base, "scope"),
                        f"a decision kept on a page belongs to that page ({page.id}); 'scope: {item.scope}' is ignored: "  # type: ignore[union-attr]
                        "move the decision to a page of its own to scope it elsewhere",
                        severity="warning", code="scope",
                    )
                )
        if isinstance(scope, Entity):
            _add(scope.rel.decisions, decision)
            if isinstance(decision, Entity):
                decision.scope = scope
        for index, ref in enumerate(item.supersedes):  # type: ignore[union-attr]
            target = self._ref(holder, ref, ("supersedes", index), {"decision"}, "a decision")
            if target is not None:
                self._supersede(decision, target, page, (*base, "supersedes", index), f"decision '{decision.id}' supersedes itself")
        for index, ref in enumerate(item.affects):  # type: ignore[union-attr]
            target = self._ref(holder, ref, ("affects", index), None, "an entity")
            if target is not None:
                _add(decision.rel.affects, target)
                _add(target.rel.affected_by, decision)
        if item.change_request:  # type: ignore[union-attr]
            target = self._ref(holder, item.change_request, ("change_request",), {"change"}, "a change request")  # type: ignore[union-attr]
            if target is not None:
                _add(decision.rel.changes_settled, target)
                _add(target.rel.settled_by, decision)
        successor = item.madr_successor  # type: ignore[union-attr]
        if successor is not None:
            target = self._successor(holder, page, successor)
            if target is not None:
                self._supersede(target, decision, page, (*base, "status"), f"decision '{decision.id}' is superseded by itself")

    def _successor(self, holder: Node, page: Entity, successor: schema.Successor) -> Node | None:
        """The decision MADR's ``status: superseded by …`` names: by the file its link points to
        (relative to the page), else by id; an unknown one is reported at ``status``."""
        if successor.file is not None:
            target_path = unquote(successor.file.split("#", 1)[0])
            found = None
            if target_path and "://" not in target_path and not target_path.startswith("/"):
                found = self.by_src.get(posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), target_path)))
            if found is not None:
                if found.kind == "decision":
                    return found
                return self._ref(holder, found.id, ("status",), {"decision"}, "a decision")
            if successor.id is None:
                base: tuple[str | int, ...] = () if isinstance(holder, Entity) else (holder.collection, holder.index)
                self.diagnostics.append(Diagnostic(
                    page.file, page.line(*base, "status"), page.field(*base, "status"),
                    f"unknown decision file '{successor.file}': the link of 'superseded by' must point to the successor's page",
                    code="unknown-id",
                ))
                return None
        assert successor.id is not None  # a successor has an id or a file
        return self._ref(holder, successor.id, ("status",), {"decision"}, "a decision")

    def _supersede(self, later: Node, earlier: Node, page: Entity, path: tuple[str | int, ...], itself: str) -> None:
        """Link ``later`` as superseding ``earlier`` (written at ``path`` of ``page``); a decision never supersedes itself."""
        if later is earlier:
            self.diagnostics.append(Diagnostic(
                page.file, page.line(*path), page.field(*path), f"{itself}; the link is ignored", code="supersede-self",
            ))
            return
        _add(later.rel.supersedes, earlier)
        _add(earlier.rel.superseded_by, later)
        self._supersede_links.append((later, earlier, Location(page.file, page.line(*path)), page.field(*path)))

    def _check_supersede_cycles(self) -> None:
        """One error per group of decisions that supersede each other in a circle.

        The links are kept as written (each page shows what it says); nothing
        downstream follows supersede chains step by step, so a cycle cannot hang it.
        """
        nodes: dict[int, Node] = {}
        links: dict[int, list[tuple[Node, Location, str]]] = defaultdict(list)
        for later, earlier, place, field_name in self._supersede_links:
            nodes[id(later)], nodes[id(earlier)] = later, earlier
            links[id(later)].append((earlier, place, field_name))
        graph = {key: [id(target) for target, _, _ in links.get(key, ())] for key in nodes}
        for component in _components(graph):
            if len(component) < 2:
                continue  # a decision superseding itself is never linked
            members = set(component)
            start = min(component, key=lambda key: (nodes[key].src_uri, _line_of(nodes[key]) or 0, nodes[key].ref_id))
            path = _circle(start, graph, members)
            steps = [links[a][[id(t) for t, _, _ in links[a]].index(b)] for a, b in pairwise(path)]
            names = " → ".join(nodes[key].ref_id for key in path)
            (_, first, field_name), *rest = steps
            self.diagnostics.append(Diagnostic(
                first.file, first.line, field_name,
                f"supersede cycle: {names} (a decision cannot be superseded by one it replaces)",
                code="supersede-cycle", related=tuple(place for _, place, _ in rest),
            ))

    def _check_decisions(self) -> None:
        for decision in self.decisions():
            status = decision.status
            owner = decision if isinstance(decision, Entity) else decision.owner
            base: tuple[str | int, ...] = () if isinstance(decision, Entity) else (decision.collection, decision.index)
            item = decision.model if isinstance(decision, Entity) else decision.item
            if status == "superseded" and not decision.rel.superseded_by and item.madr_successor is None:  # type: ignore[union-attr]
                self.diagnostics.append(
                    Diagnostic(
                        owner.file, owner.line(*base, "status"), owner.field(*base, "status"),
                        f"decision '{decision.id}' is superseded, but no decision supersedes it: add 'supersedes: [{decision.id}]' to the later decision",
                        severity="warning", code="superseded",
                    )
                )
            for later in decision.rel.superseded_by:
                # A successor replaced in its turn (a chain of ADRs) took effect before it was superseded.
                if not rules.decision_in_force(later.status):
                    self.diagnostics.append(
                        Diagnostic(
                            owner.file, owner.line(*base, "status") or owner.line(*base), owner.field(*base, "status"),
                            f"decision '{decision.id}' is superseded by '{later.id}', which is {later.status}, not accepted",
                            severity="warning", code="superseded", related=(Location(later.file, _line_of(later)),),
                        )
                    )
                elif rules.decision_current(status):
                    self.diagnostics.append(
                        Diagnostic(
                            owner.file, owner.line(*base, "status") or owner.line(*base), owner.field(*base, "status"),
                            f"decision '{decision.id}' is still {status}, but '{later.id}' supersedes it: set 'status: superseded'",
                            severity="warning", code="superseded", related=(Location(later.file, _line_of(later)),),
                        )
                    )
                self._check_order(decision, later)
            self._check_forum(decision, owner, base, item)

    def _check_order(self, earlier: Node, later: Node) -> None:
        """A successor dated before the decision it replaces (both dated): one warning, on the successor's date."""
        before = getattr(_item(earlier), "date", None)
        after = getattr(_item(later), "date", None)
        if before is None or after is None or after >= before:
            return
        holder = _owner(later)
        base: tuple[str | int, ...] = () if isinstance(later, Entity) else (later.collection, later.index)
        self.diagnostics.append(Diagnostic(
            holder.file, holder.line(*base, "date") or _line_of(later), holder.field(*base, "date"),
            f"decision '{later.id}' ({after}) supersedes '{earlier.id}', which is dated later ({before}):"
            " a decision can only replace an earlier one; check both dates",
            severity="warning", code="superseded", related=(Location(earlier.file, _line_of(earlier)),),
        ))

    def _check_forum(self, decision: Node, owner: Entity, base: tuple[str | int, ...], item: object) -> None:
        """``forum`` must name a forum of the decision's program (or of the portfolio), when they list any."""
        forum = getattr(item, "forum", None)
        if not forum:
            return
        program = program_of(decision)
        holders = [e for e in (program, program.portfolio if program is not None else None) if e is not None]
        if program is None:
            holders.extend(self.of_kind("portfolio"))
        forums: list[tuple[Entity, str]] = []
        for holder in holders:
            governance = getattr(holder.model, "governance", None)
            forums.extend((holder, f.name) for f in (governance.forums if governance is not None else ()))
        if not forums or rules.folded(forum) in {rules.folded(name) for _, name in forums}:
            return
        unique: dict[str, str] = {}
        for _, name in forums:  # a forum of both the program and the portfolio is named once
            unique.setdefault(rules.folded(name), name)
        names = ", ".join(f"'{name}'" for name in unique.values())
        places = tuple(dict.fromkeys(Location(h.file, h.line("governance", "forums") or h.line("governance")) for h, _ in forums))
        self.diagnostics.append(Diagnostic(
            owner.file, owner.line(*base, "forum"), owner.field(*base, "forum"),
            f"'{forum}' is not a forum of {' or '.join(h.id for h in dict.fromkeys(h for h, _ in forums))}"
            f"{did_you_mean(forum, list(unique.values()))}; expected one of {names}",
            severity="warning", code="forum", related=places,
        ))

    def _check_escalations(self) -> None:
        """``escalated: STEP`` names a step of the entry's escalation path (the rule: :func:`rules.escalation_of`)."""
        for entity in self.entities:
            for entry in entity.nested:
                if entry.kind not in ("risk", "issue") or not isinstance(getattr(entry.item, "escalated", None), str):
                    continue
                unknown = rules.escalation_of(entry).unknown
                if unknown is None:
                    continue
                path = rules.escalation_path(entry).steps
                where = (entry.collection, entry.index, "escalated")
                if path:
                    holders = " and its portfolio ".join(dict.fromkeys(step.holder.id for step in path))
                    names = [step.name for step in path]
                    message = (f"'{unknown}' is not a step of the escalation path of {holders}{did_you_mean(unknown, names)};"
                               f" expected true, a date or one of {', '.join(repr(name) for name in names)}; it counts as true")
                else:
                    message = f"'{unknown}' is not a step of an escalation path: {entity.id} has none; expected true or a date"
                self.diagnostics.append(Diagnostic(
                    entity.file, entity.line(*where) or entry.line, entity.field(*where), message, severity="warning", code="escalation",
                ))

    def _check_directives(self) -> None:
        names = list(DIRECTIVES)
        for file, _, found in self.directives:
            for directive in found:
                where = f"<!-- pgm:{directive.name} -->"
                spec = DIRECTIVES.get(directive.name)
                if spec is None:
                    self.diagnostics.append(Diagnostic(
                        file, directive.line, where,
                        f"unknown directive '{directive.name}'{did_you_mean(directive.name, names)}; expected one of {', '.join(sorted(names))}",
                        severity="warning", code="directive",
                    ))
                    continue
                if directive.rest:
                    self.diagnostics.append(Diagnostic(
                        file, directive.line, where, f"expected key=value arguments, found {directive.rest!r}", severity="warning", code="directive",
                    ))
                options = spec.arguments
                for key, values in directive.args:
                    argument = options.get(key)
                    if argument is None:
                        keys = sorted(options)
                        expected = " or ".join(keys) if len(keys) == 2 else ", ".join(keys)
                        self.diagnostics.append(Diagnostic(
                            file, directive.line, f"{where} {key}",
                            f"unknown argument '{key}'{did_you_mean(key, keys)}"
                            + (f"; expected {expected}" if keys else f"; pgm:{directive.name} takes none"),
                            severity="warning", code="directive",
                        ))
                        continue
                    for value in values:
                        if argument.kind == "id":
                            target = self.resolve(value)
                            if target is None or target.kind != key:
                                self.diagnostics.append(Diagnostic(
                                    file, directive.line, f"{where} {key}",
                                    f"'{value}' is not the id of a {key}{did_you_mean(value, self._candidates({key}))}",
                                    severity="warning", code="directive",
                                ))
                        elif argument.kind == "days" and not (value.isdigit() and 1 <= int(value) <= MAX_DAYS):
                            self.diagnostics.append(Diagnostic(
                                file, directive.line, f"{where} {key}",
                                f"expected a whole number of days from 1 to {MAX_DAYS}, found '{value}'", severity="warning", code="directive",
                            ))
                        elif argument.kind == "choice" and value.lower() not in argument.choices:
                            self.diagnostics.append(Diagnostic(
                                file, directive.line, f"{where} {key}",
                                f"expected one of {', '.join(sorted(argument.choices))}, found '{value}'{did_you_mean(value, argument.choices)}",
                                severity="warning", code="directive",
                            ))

    def decisions(self) -> list[Node]:
        out: list[Node] = []
        for entity in self.entities:
            if entity.kind == "decision":
                out.append(entity)
            out.extend(entity.entries("decisions"))
        return out

    def _check_cycles(self) -> None:
        graph: dict[Entity, list[Edge]] = {}
        for entity in self.entities:
            graph[entity] = [edge for edge in entity.rel.depends_on if edge.scheduling]
        for component in strongly_connected(graph):
            members = set(component)
            if len(component) == 1:
                only = component[0]
                if not any(_owner(e.target) is only for e in graph[only]):
                    continue
            cycle = _find_cycle(component[0], graph, members)
            names = " → ".join(edge.source.id for edge in cycle) + f" → {cycle[0].source.id}"
            places = [Location(edge.source.file, edge.line) for edge in cycle]
            first = cycle[0]
            self.diagnostics.append(
                Diagnostic(
                    first.source.file, first.line, first.source.field("depends_on", first.index),
                    f"dependency cycle: {names} (scheduling dependencies cannot form a cycle; mark one 'type: informational' if it is not about dates)",
                    code="cycle", related=tuple(places[1:]),
                )
            )


def _add(items: list, value: object) -> None:
    if not any(existing is value for existing in items):
        items.append(value)


def origin_of(node: Node) -> str | None:
    """The source (another site, ``sources``) a page or an entry of one comes from; None: this site's own."""
    return _owner(node).origin


def is_remote(node: Node) -> bool:
    """Whether ``node`` (a page or an entry of one) was imported from another site (``sources``)."""
    return origin_of(node) is not None


def home_url(node: Node) -> str | None:
    """The absolute URL of an imported page or entry on its home site (with the entry's anchor); None
    for this site's own pages, or when its home site's address is unknown."""
    owner = _owner(node)
    if owner.home is None:
        return None
    return f"{owner.home}#{node.anchor}" if node.anchor else owner.home


def program_of(node: Node) -> Entity | None:
    """The program a node belongs to (None: portfolio-wide or standalone)."""
    entity = node if isinstance(node, Entity) else node.owner
    for _ in range(3):  # decision -> its scope -> that project's program
        if entity.kind == "program":
            return entity
        if entity.kind == "project":
            return entity.program
        if entity.kind == "decision" and entity.scope is not None:
            entity = entity.scope
            continue
        return None
    return None


def _item(node: Node) -> object:
    return node.model if isinstance(node, Entity) else node.item


def _line_of(node: Node) -> int | None:
    return node.line if isinstance(node, Nested) else node.line("type")


def _owner(node: Node) -> Entity:
    return node if isinstance(node, Entity) else node.owner


def strongly_connected(graph: dict[Entity, list[Edge]]) -> list[list[Entity]]:
    """The strongly connected components of a dependency graph, each sorted by file."""
    successors = {node: [_owner(edge.target) for edge in edges] for node, edges in graph.items()}
    for node, nexts in successors.items():
        successors[node] = [succ for succ in nexts if succ in graph]
    return [sorted(component, key=lambda e: e.src_uri) for component in _components(successors)]


def _components(graph: dict[K, list[K]]) -> list[list[K]]:
    """Strongly connected components (Tarjan's algorithm, iterative: a chain of any length is fine)."""
    index: dict[K, int] = {}
    low: dict[K, int] = {}
    on_stack: set[K] = set()
    stack: list[K] = []
    result: list[list[K]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[K, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = graph.get(node, [])
            recurse = False
            while position < len(successors):
                succ = successors[position]
                position += 1
                if succ not in index:
                    work.append((node, position))
                    work.append((succ, 0))
                    recurse = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if recurse:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _circle(start: int, graph: dict[int, list[int]], members: set[int]) -> list[int]:
    """A shortest circle from ``start`` back to it inside ``members`` (BFS): the keys, ``start`` first and last."""
    parent: dict[int, int] = {}
    queue = [start]
    head = 0
    while head < len(queue):
        node = queue[head]
        head += 1
        for succ in graph[node]:
            if succ == start:
                path = [start, node]
                while node != start:
                    node = parent[node]
                    path.append(node)
                path.reverse()
                return path
            if succ in members and succ not in parent and succ != start:
                parent[succ] = node
                queue.append(succ)
    return [start, start]  # pragma: no cover - a strongly connected component always has one


def _find_cycle(start: Entity, graph: dict[Entity, list[Edge]], members: set[Entity]) -> list[Edge]:
    """Edges of one cycle through ``start`` inside a strongly connected component (BFS)."""
    parent: dict[Entity, Edge] = {}
    queue = [start]
    seen = {start}
    head = 0
    while head < len(queue):
        node = queue[head]
        head += 1
        for edge in graph[node]:
            succ = _owner(edge.target)
            if succ is start:
                path = [edge]
                while node is not start:
                    path.append(parent[node])
                    node = parent[node].source
                return list(reversed(path))
            if succ in members and succ not in seen:
                seen.add(succ)
                parent[succ] = edge
                queue.append(succ)
    return []  # pragma: no cover - a strongly connected component always has one
