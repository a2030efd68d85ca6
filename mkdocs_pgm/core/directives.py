"""The one table of ``<!-- pgm:NAME args -->`` directives.

Each entry says what a directive takes, which view renders it, and, for the
pages the plugin generates under ``governance_dir``, that page's title and
introduction. The build (placeholders, generated pages), ``check`` (arguments),
the renderer (dispatch) and the docs (``<!-- pgm:directive-reference -->``) all
read this table: adding a register is one entry here, one context function in
:mod:`.views.registers` and one template.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Literal, get_args

from .i18n import DEFAULT, ENGLISH, STRINGS, Locale
from .model import schema

ArgumentKind = Literal["id", "choice", "text", "days"]


@dataclass(frozen=True)
class Argument:
    """``key=a,b``: the ids of entities of kind ``key`` (``id``), one of ``choices``, free text, or a whole number of days from 1 (``days``)."""

    kind: ArgumentKind
    choices: frozenset[str] = frozenset()
    help: str = ""


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds under ``governance_dir`` holding the directive."""

    slug: str
    """File name without ``.md`` (``index``: the folder's index page)."""
    key: str
    """Its title's key in the label tables (:mod:`.i18n`); ``KEY.intro``, where the tables have it, its introduction."""

    @property
    def title(self) -> str:
        """The English title (the docs' directive reference)."""
        return ENGLISH.text(self.key)

    def markdown(self, directive: str, locale: Locale = ENGLISH) -> str:
        """The page's Markdown in ``locale``'s language: its title (which the navigation shows too), introduction and directive."""
        title = escape(locale.text(self.key), quote=False)
        intro = f"{escape(locale.text(self.key + '.intro'), quote=False)}\n\n" if f"{self.key}.intro" in STRINGS[DEFAULT] else ""
        return f"# {title}\n\n{intro}<!-- pgm:{directive} -->\n"


@dataclass(frozen=True)
class Spec:
    name: str
    summary: str
    view: str
    """The :class:`~.views.render.Renderer` method that renders it: ``(directive, page) -> Fragment | None``."""
    arguments: Mapping[str, Argument] = field(default_factory=dict)
    entity: bool = False
    """Fills the page of the entity it is written on (nothing elsewhere)."""
    page: GeneratedPage | None = None
    template: str = ""
    """For registers: the template, and ``context`` the function of :mod:`.views.registers` that feeds it."""
    context: str = ""


def _statuses() -> frozenset[str]:
    return frozenset(get_args(schema.ProjectPage.model_fields["status"].annotation))


_PROGRAM = Argument("id", help="ids of programs: only their items")
_ROADMAP_ARGS = {
    "program": Argument("id", help="ids of programs: their projects only, one lane each"),
    "status": Argument("choice", _statuses(), help="project statuses to keep"),
    "health": Argument("choice", frozenset({"green", "amber", "red"}), help="project health values to keep"),
    "tag": Argument("text", help="tags: projects with one of them"),
}

_TABLE = (
    Spec("card", "The entity's card: type, status, health, owner, dates and key figures. Placed after the page title unless written.",
         "card", entity=True),
    Spec("sections", "The entity's sections: milestones, RAID, decisions, changes, benefits, dependencies, roadmap, KPIs. "
         "Placed at the end of the page unless written.", "sections", entity=True),
    Spec("dashboard", "The governance dashboard: counts, KPIs, slipped projects, risks awaiting escalation, findings, upcoming milestones.",
         "dashboard", page=GeneratedPage("index", "page.dashboard")),
    Spec("overview", "Another name of dashboard.", "dashboard"),
    Spec("decision-log", "Every decision, grouped by scope, with its status and what it supersedes.", "register",
         {"program": _PROGRAM}, page=GeneratedPage("decisions", "page.decision-log"),
         template="pgm/registers/decisions.html", context="decisions_context"),
    Spec("raid", "Risks (with a heat map), assumptions, issues and dependencies.", "register", {"program": _PROGRAM},
         page=GeneratedPage("raid", "page.raid"),
         template="pgm/registers/raid.html", context="raid_context"),
    Spec("changes", "Change requests, their impact and the decision that settled them.", "register", {"program": _PROGRAM},
         page=GeneratedPage("changes", "page.changes"),
         template="pgm/registers/changes.html", context="changes_context"),
    Spec("benefits", "Benefits, their measures and how far they are realised, on a timeline.", "register", {"program": _PROGRAM},
         page=GeneratedPage("benefits", "page.benefits"),
         template="pgm/registers/benefits.html", context="benefits_context"),
    Spec("lessons", "Lessons learned by every project and program, grouped by program, with phase, status and acceptance.",
         "register", {"program": _PROGRAM}, page=GeneratedPage("lessons", "page.lessons"),
         template="pgm/registers/lessons.html", context="lessons_context"),
    Spec("changes-since", "What changed since a point in time (the compare_to option): slips, health and status, risks, "
         "decisions, change requests, benefits, projects added or removed and status updates, each with its commit.",
         "changes_since", {"program": Argument("id", help="ids of programs: their changes only")},
         page=GeneratedPage("changes-since", "page.changes-since")),
    Spec("roadmap", "A roadmap: every program as a lane, or the programs asked for.", "roadmap", _ROADMAP_ARGS,
         page=GeneratedPage("roadmap", "page.roadmap")),
    Spec("resources", "People and capacity: each person's load per month across projects and programs, as a heat map and a table; "
         "over 100 % is marked.", "resources", {"program": Argument("id", help="ids of programs: the people working on them")},
         page=GeneratedPage("resources", "page.resources")),
    Spec("catalog", "Every portfolio, program, project and decision in one filterable table.", "catalog",
         page=GeneratedPage("catalog", "page.catalog")),
    Spec("dependencies", "Dependency diagrams: between programs and every project, or one project's or program's.", "dependencies",
         {"program": Argument("id", help="a program's projects"), "project": Argument("id", help="a project's neighbourhood")},
         page=GeneratedPage("dependencies", "page.dependencies")),
    Spec("impact", "What-if: every project and milestone downstream of a project that slips, its dates before and after, "
         "how far it moves and the float absorbed (see the dependencies guide).", "impact",
         {"project": Argument("id", help="the project that slips"), "days": Argument("days", help="how many days it slips (default 30)")}),
    Spec("steering", "A program's steering pack, to print or save as PDF before a forum: summary and KPIs, roadmap, what changed "
         "since the last forum, risks to escalate, decisions awaiting a decision, change requests to approve. "
         "One page is generated per program (governance/steering/ID/).", "steering",
         {"program": Argument("id", help="the program")}),
    Spec("schema-reference", "The front-matter reference, generated from the schema.", "schema_reference"),
    Spec("config-reference", "The plugin's options, generated from its configuration.", "config_reference"),
    Spec("directive-reference", "This table of directives.", "directive_reference"),
)

#: The folder of the programs' steering packs under ``governance_dir``: one generated page per program.
STEERING_DIR = "steering"

#: What Markdown reads as markup and a backslash makes text (the characters Python-Markdown escapes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def steering_slug(program_id: str) -> str:
    """The steering pack of a program, its path under ``governance_dir`` without ``.md``: ``steering/prg-ecom``
    (ids are case-insensitive and made of characters safe in a path)."""
    return f"{STEERING_DIR}/{program_id.lower()}"


def steering_markdown(program_id: str, title: str, locale: Locale = ENGLISH) -> str:
    """The Markdown of a program's steering pack: its heading (the program's title as text: neither HTML nor Markdown)
    and directive. Themes print a page's title (``<title>``, the header) as HTML: its front-matter ``title`` is
    the heading without markup (:func:`.views.search.plain_tag`), as tags are."""
    from .views.search import plain_tag  # the views import this table

    text = locale.text("page.steering", title=" ".join(title.split()))
    heading = _MARKDOWN_SPECIAL.sub(r"\\\1", escape(text, quote=False))
    return f"---\ntitle: {json.dumps(plain_tag(text), ensure_ascii=False)}\n---\n\n# {heading}\n\n<!-- pgm:steering program={program_id} -->\n"


#: Every directive by name, in the order of the docs.
DIRECTIVES: Mapping[str, Spec] = {spec.name: spec for spec in _TABLE}

#: The pages generated under ``governance_dir``: directive name -> page.
GENERATED: Mapping[str, GeneratedPage] = {spec.name: spec.page for spec in _TABLE if spec.page is not None}
