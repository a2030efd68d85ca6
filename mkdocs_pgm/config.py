"""Configuration of the ``pgm`` plugin (``plugins: [pgm: {...}]`` in ``mkdocs.yml``).

Each option's docstring is its documentation: the configuration reference in
the docs is generated from this file (``<!-- pgm:config-reference -->``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .core.dates import resolve_today  # noqa: F401 - re-exported for the adapter
from .core.federation.sources import Spec
from .core.i18n import check_labels

_GOVERNANCE_DIR_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")


class _Today(base.BaseConfigOption[Any]):
    """A date (``2026-11-21``); YAML reads it as a date, a string is parsed too."""

    def run_validation(self, value: object) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise base.ValidationError(f"expected a date as YYYY-MM-DD, found {value!r}")


class _Folder(c.Type[str]):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        if not _GOVERNANCE_DIR_RE.match(text) or ".." in text.split("/"):
            raise base.ValidationError(f"expected a folder inside the docs, such as 'governance', found {value!r}")
        return text


class _IdPrefix(c.Type[str]):
    """What may start an id: empty, or a letter or digit, then letters, digits, ``_``, ``.`` or ``-``."""

    def __init__(self) -> None:
        super().__init__(str, default="ADR-")

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip()
        if text and not _ID_PREFIX_RE.match(text):
            raise base.ValidationError(f"expected the start of an id, such as 'ADR-' (letters, digits, '_', '.', '-'), found {value!r}")
        return text


_ID_PREFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$")


class _Labels(base.BaseConfigOption[Any]):
    """``{key: text}`` and ``{language: {key: text}}``: overrides of the plugin's labels (:mod:`.core.i18n`)."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, Any] = {}

    def run_validation(self, value: object) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError(f"expected a mapping of label keys to texts, found {value!r}")
        problems = check_labels({str(k): v for k, v in value.items()})
        if problems:
            raise base.ValidationError("; ".join(problems))
        return {str(k): ({str(kk): vv for kk, vv in v.items()} if isinstance(v, dict) else v) for k, v in value.items()}


_SOURCE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_SOURCE_KEYS = ("name", "url", "site_url")


class _Positive(c.Type[Any]):
    """A number above zero (seconds, megabytes)."""

    def __init__(self, default: float) -> None:
        super().__init__((int, float), default=default)

    def run_validation(self, value: object) -> Any:
        number = super().run_validation(value)
        if isinstance(number, bool) or not math.isfinite(number) or number <= 0:
            raise base.ValidationError(f"expected a number above 0, found {value!r}")
        return number


class SourcesOption(base.BaseConfigOption[Any]):
    """``[{name, url, site_url}]``: the ``pgm.json`` of other sites (:mod:`.core.federation`)."""

    def __init__(self) -> None:
        super().__init__()
        self.default: list[Any] = []

    def run_validation(self, value: object) -> list[Spec]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise base.ValidationError(f"expected a list of sources ({{name, url}}), found {value!r}")
        found: list[Spec] = []
        for index, item in enumerate(value):
            where = f"sources[{index}]"
            if not isinstance(item, dict):
                raise base.ValidationError(f"{where}: expected a mapping with 'name' and 'url', found {item!r}")
            unknown = [str(k) for k in item if k not in _SOURCE_KEYS]
            if unknown:
                raise base.ValidationError(f"{where}: unknown key '{unknown[0]}' (expected {', '.join(_SOURCE_KEYS)})")
            name, url, site_url = item.get("name"), item.get("url"), item.get("site_url")
            if not isinstance(name, str) or not _SOURCE_NAME_RE.match(name):
                raise base.ValidationError(
                    f"{where}.name: expected a short name of letters, digits, '_', '.' or '-' (such as 'payments'), found {name!r}")
            if any(s.name.lower() == name.lower() for s in found):
                raise base.ValidationError(f"{where}.name: '{name}' names two sources (names are unique, case-insensitively)")
            if not isinstance(url, str) or not url.strip():
                raise base.ValidationError(f"{where}.url: expected the http(s) URL of a pgm.json, or a path to one, found {url!r}")
            url = url.strip()
            scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
            if scheme and len(scheme.group(1)) > 1 and not url.startswith(("http://", "https://")):
                raise base.ValidationError(f"{where}.url: only http:// and https:// URLs (or a path) are read, found {url!r}")
            if site_url is not None and not (isinstance(site_url, str) and site_url.startswith(("http://", "https://"))):
                raise base.ValidationError(f"{where}.site_url: expected the http(s) address of that site, found {site_url!r}")
            found.append(Spec(name, url, site_url))
        return found


class PgmConfig(base.Config):
    """Options of the ``pgm`` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (``enabled: !ENV [PGM, true]``); pages are then rendered as plain Markdown."""

    today = _Today()
    """The date every date-based result uses (today: overdue milestones). Pin it for reproducible builds.
    Default: ``SOURCE_DATE_EPOCH`` when set, else the build date (UTC)."""

    governance_dir = _Folder("governance")
    """Folder, inside the site, of the pages the plugin generates. Nothing is written into ``docs_dir``:
    a file of yours at the same path wins, and a note says so."""

    currency = c.Type(str, default="EUR")
    """Currency of budgets that do not name one (ISO 4217 code)."""

    language = c.Optional(c.Type(str))
    """Language of the labels, dates and numbers the plugin writes (``en``, ``de``, ``fr``, ``es``; a regional
    variant such as ``fr-CA`` uses its language, another language English, with an info message). Default: the
    theme's language (Material's ``theme.language``, the MkDocs themes' ``theme.locale``), else ``en``. Under
    mkdocs-static-i18n, the language being built. See Languages."""

    labels = _Labels()
    """Your own texts for the plugin's labels, by key (``page.dashboard: Overview``; every key is listed in
    ``mkdocs_pgm/core/i18n.py``), for every language, or under a language code for that language only
    (``de: {page.dashboard: Übersicht}``). With ``language`` set to a language the plugin has no table for,
    this is how you add it: what you leave out is English. An unknown key stops the build, naming the closest one."""

    strict_references = c.Type(bool, default=True)
    """Report an unknown ``[[ID]]`` as a warning (which fails ``mkdocs build --strict``). Off: an info message."""

    ignore_fields = c.ListOfItems(c.Type(str), default=[])
    """More front-matter keys to accept without an "unknown field" warning (used by other plugins of yours).
    Keys MkDocs and Material use (``template``, ``hide``, ``icon``, ``search``, ``description``…) are always accepted."""

    decision_dirs = c.ListOfItems(_Folder("decisions"), default=[])
    """Folders inside the docs (``[decisions, adr]``) that hold architecture decision records: every Markdown
    file in them, at any depth, is a decision page, with or without ``type: decision`` (MADR 4 front matter,
    or MADR 2 / log4brains / adr-tools metadata in the body). An ``index.md``, a ``README.md`` and a template
    (a name with the word ``template``, such as ``adr-template.md``) are not records. See the ADR folders guide."""

    adr_prefix = _IdPrefix()
    """The default id of a record in ``decision_dirs``: this prefix and the number its file name starts with
    (``0005-use-postgres.md`` is ``ADR-0005``). An ``id`` in the front matter wins; a file name without a
    number gives its stem upper-cased, as elsewhere."""

    roadmap_lane_limit = c.Type(int, default=15)
    """In a roadmap with several programs, a program with more dated projects than this is drawn as one
    summary bar that links to the roadmap on its program page (keeps a 300-project portfolio readable)."""

    diagrams = c.Type(bool, default=True)
    """Draw dependency diagrams with Graphviz (needs the ``dot`` program). Off: no diagram, no Graphviz needed."""

    diagram_depth = c.Type(int, default=2)
    """How many steps upstream and downstream a project page's diagram shows."""

    diagram_max_nodes = c.Type(int, default=40)
    """Most projects a diagram shows: per program in the portfolio view (the rest become one "N more projects"
    node linking to the program's diagram), and in all in a project's neighbourhood (the rest become "N more")."""

    cache_dir = c.Type(str, default=".cache/pgm")
    """Where the plugin keeps what it made between builds, relative to ``mkdocs.yml`` (add it to ``.gitignore``,
    keep it between CI runs): laid-out diagrams, the HTML of each page's cards, sections and registers (by a
    fingerprint of the data they show), the exports, and what ``--dirty`` needs to know which pages to build
    again. Nothing unchanged is laid out or rendered twice. It must be inside the folder of ``mkdocs.yml`` (see
    ``cache_dir_outside``). Each entry carries a digest and is checked before use: an entry that was changed,
    or holds script, is made again instead of being put into a page."""

    cache_dir_outside = c.Type(bool, default=False)
    """Allow a ``cache_dir`` outside the folder of ``mkdocs.yml`` (an absolute path, or one with ``..``).
    Off, such a ``cache_dir`` stops the build with an error: the cached HTML and SVG go into your pages, so keep the
    cache where only this project writes, or turn this on if you trust the folder."""

    graphviz_timeout = c.Type((int, float), default=30)
    """Seconds one diagram may take to lay out; a diagram that takes longer is replaced by a notice and a warning."""

    tags_from = c.ListOfItems(c.Choice(("program", "status", "type", "health")), default=[])
    """Give typed pages tags for Material's tags plugin, from these fields: ``program`` (the program's title;
    a program page is tagged with its own), ``status``, ``type``, ``health``. Added to the page's own ``tags``.
    Tags are plain text: markup in a program's title is left out of its tag, with a warning. Default: none."""

    exports = c.Type(bool, default=True)
    """Write ``pgm.json`` (with its JSON Schema ``pgm.schema.json``), ``milestones.ics``, ``raid.csv`` and
    ``decisions.csv`` into ``governance_dir`` at build time (see the exports reference). Off: none of them."""

    review_cadence = c.Type(int, default=90)
    """Days after which a page's ``reviewed`` date is stale: the ``stale-review`` health check."""

    proposed_decision_days = c.Type(int, default=30)
    """Days a decision may stay ``proposed`` (counted from its ``date``) before the ``stale-decision``
    health check reports it."""

    initiation_days = c.Type(int, default=90)
    """Days after its ``start`` a project may stay in phase ``initiation`` or ``planning`` before the
    ``phase-dates`` health check reports it."""

    upcoming_days = c.Type(int, default=90)
    """How far ahead the governance dashboard lists upcoming milestones."""

    near_critical_days = c.Type(int, default=10)
    """A project or milestone whose total float is positive and at most this many days is near-critical: roadmaps
    and diagrams draw it with a dashed outline, program and portfolio pages and ``pgm.json`` list it (see the
    dependencies guide for the critical-path method)."""

    what_if_days = c.Type(int, default=30)
    """Every dated project's page says, in its "Impact of a delay" section, what a further slip of this many days
    (from its planned end) would move downstream: projects and milestones with their old and new dates and the
    float absorbed, or that nothing moves because its float covers it (see the dependencies guide). 0: not shown.
    At most 36500."""

    history = c.Type(bool, default=True)
    """Read each page's history from git at build time (one ``git log`` of the docs folder; what was read is kept
    in ``cache_dir``, so a warm build reads only new commits): slip histories, trends, "changes since" and the feed
    (see the history guide). Without git, in a shallow clone or for a folder outside the repository, one info
    message says what is missing. Off: none of it is read."""

    history_since = _Today()
    """How far back to read the git history (a date, ``2026-01-01``); each page's state just before it is read too.
    Default: all of it."""

    compare_to = c.Optional(c.Type(str))
    """What "changes since" compares the portfolio with: a date (``2026-11-01``), a git ref (a tag such as
    ``steering-2026-11``, a branch or a commit: the pages as they were there), ``last-forum`` (for each program, its
    steering forum's last meeting: the latest decision taken by that forum, else today less its ``cadence``), or the
    path or URL of a ``pgm.json`` published earlier. Default: 30 days before ``today``."""

    sources = SourcesOption()
    """Other sites whose portfolio joins this one's (see the federation guide): a list of ``{name, url, site_url}``.
    ``url`` is the ``governance/pgm.json`` another site publishes (an ``http(s)`` URL, or a path relative to
    ``mkdocs.yml``); ``name`` names it in messages (``payments:projects/checkout.md``); ``site_url`` (optional) is that
    site's address, for links when its ``pgm.json`` carries none. Their entities take part in roadmaps, diagrams,
    registers, the dashboard, the catalog and the exports, link to their pages there, and may be named by this
    site's references (and name this site's ids). A source that cannot be read gives a warning, and its last good
    copy (kept in ``cache_dir``) is used. Default: none."""

    source_timeout = _Positive(20)
    """Seconds a source's whole download may take; a source that takes longer counts as unreachable."""

    source_max_size = _Positive(64)
    """Megabytes a source may weigh; a larger one is not read."""

    findings_ignore = c.ListOfItems(c.Type(str), default=[])
    """Health-check rules to turn off, by id (``stale-review``, ``overdue-milestone``…; see the health checks guide).
    Findings are listed on the dashboard and by ``mkdocs-pgm check --findings``; they never fail a build."""

    nav_by_program = c.Type(bool, default=False)
    """When ``mkdocs.yml`` has no ``nav``: group the navigation by program instead of by folder. Each portfolio
    is a section (its page first, then its programs), each program a section (its page first, then its projects
    and a "Decisions" section of the decision records scoped to it), sorted by title; projects without a program
    go under "Standalone projects", other decision records under "Decisions". Every other page keeps its folder's
    place. A large site then draws one program's projects in a page's navigation, not all of them (see
    Performance at scale). With a ``nav`` in ``mkdocs.yml`` it does nothing (an info message says so)."""

    material_status = c.Type(bool, default=True)
    """Register the statuses of typed pages with Material's page status feature (``extra.status``), so the
    navigation shows a badge with a tooltip. Entries you define in ``extra.status`` are kept. On a very large
    site (a navigation section of hundreds of pages, drawn on each of them) the badges' tooltips cost build
    time: 4-7 % at 1,000 projects in one section (see Performance at scale); turn them off there."""
