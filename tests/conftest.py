"""Shared fixtures: build real MkDocs sites in temporary folders.

Tests use the ``build_site`` fixture::

    def test_card(build_site, tmp_path):
        site = build_site(tmp_path, {"alpha.md": PROJECT_PAGE})
        assert "pgm-card" in site.html("alpha.md")
        assert site.warnings == []

    def test_strict_aborts(build_site, tmp_path):
        with pytest.raises(Abort):
            build_site(tmp_path, {"alpha.md": BROKEN_PAGE}, strict=True)
        assert any("owner" in w for w in build_site.last.warnings)

The build goes through MkDocs' Python API exactly as ``mkdocs build`` does
(``load_config`` → ``on_startup`` → ``build`` → ``on_shutdown``), inside
``tmp_path`` as the working directory, so diagnostics name files as
``docs/alpha.md``. Every record of the ``mkdocs`` logger hierarchy (INFO and
above unless ``log_level`` says otherwise) is captured, including the plugin's own
``mkdocs.plugins.mkdocs_pgm.*`` loggers.
"""

from __future__ import annotations

import json
import logging
import os
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

DEFAULT_PLUGINS: tuple[str, ...] = ("search", "pgm")
"""Plugins of a test site unless the config passed to ``build_site`` names its own."""


class _ListHandler(logging.Handler):
    """Keeps every record it receives."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(level=logging.NOTSET)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class BuiltSite:
    """The outcome of one ``build_site`` call (also kept when the build raised)."""

    root: Path
    """The folder holding ``mkdocs.yml`` (the ``tmp_path`` given)."""
    config_file: Path
    docs_dir: Path
    site_dir: Path
    use_directory_urls: bool = True
    records: list[logging.LogRecord] = field(default_factory=list)
    """Every record of the ``mkdocs`` logger hierarchy at the build's ``log_level`` or above."""
    config: MkDocsConfig | None = None
    """The loaded configuration (``None`` when loading it failed)."""

    @property
    def logs(self) -> list[str]:
        """``"LEVEL: message"`` for every record at INFO or above, in order."""
        return [f"{r.levelname}: {r.getMessage()}" for r in self.records if r.levelno >= logging.INFO]

    @property
    def warnings(self) -> list[str]:
        """The messages of every record at WARNING or above (what ``--strict`` counts)."""
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    def messages(self, level: int = logging.INFO, *, logger: str = "mkdocs") -> list[str]:
        """Messages at ``level`` or above from ``logger`` or its children (e.g. ``"mkdocs.plugins.mkdocs_pgm"``)."""
        return [
            r.getMessage()
            for r in self.records
            if r.levelno >= level and (r.name == logger or r.name.startswith(logger + "."))
        ]

    def path(self, path: str) -> Path:
        """Absolute path of a file in the built site (``"search/search_index.json"``)."""
        return self.site_dir / path

    def read(self, path: str) -> str:
        """Text of a built file, by its path inside ``site_dir``."""
        return self.path(path).read_text(encoding="utf-8")

    def json(self, path: str) -> Any:
        """Parsed JSON of a built file (``"search/search_index.json"``)."""
        return json.loads(self.read(path))

    def _file(self, src_page: str) -> File:
        return File(src_page, str(self.docs_dir), str(self.site_dir), self.use_directory_urls)

    def dest(self, src_page: str) -> str:
        """Path inside ``site_dir`` of the page built from ``src_page`` (``"a/b.md"`` → ``"a/b/index.html"``)."""
        return self._file(src_page).dest_uri

    def url(self, src_page: str) -> str:
        """URL of a page relative to the site root (``"a/b/"``, or ``"a/b.html"`` without directory URLs)."""
        return self._file(src_page).url

    def html(self, src_page: str) -> str:
        """HTML of the page built from ``src_page`` (a path inside ``docs/``)."""
        return self.read(self.dest(src_page))


class SiteBuilder:
    """The ``build_site`` fixture: ``build_site(tmp_path, files, config=None, *, theme="material", strict=False)``.

    ``last`` is the :class:`BuiltSite` of the latest call, set even when that
    build raised (``mkdocs.exceptions.Abort`` under ``strict=True``), so a test
    can assert on the warnings that made it abort.
    """

    def __init__(self) -> None:
        self.last: BuiltSite | None = None

    def __call__(
        self,
        tmp_path: Path,
        files: Mapping[str, str | bytes],
        config: Mapping[str, Any] | str | None = None,
        *,
        theme: str = "material",
        strict: bool = False,
        dedent: bool = True,
        log_level: int = logging.INFO,
    ) -> BuiltSite:
        """Write ``mkdocs.yml`` and ``docs/`` under ``tmp_path``, build the site and return it.

        ``files`` maps paths inside ``docs/`` to their content. Text is
        ``textwrap.dedent``-ed and one leading newline dropped (so a page can be an
        indented triple-quoted string whose front matter starts on line 1); pass
        ``dedent=False`` to write it byte for byte. Bytes are always written as is.

        ``config`` is merged (key by key, top level) into
        ``{site_name: Test, theme: {name: theme}, plugins: [search, pgm]}``; a
        ``plugins`` key replaces the default list. A string is written verbatim
        as the whole ``mkdocs.yml``.

        Records of the ``mkdocs`` loggers at ``log_level`` or above are kept in
        ``BuiltSite.records``; pass ``logging.DEBUG`` to see MkDocs' debug output
        too (it is long, and pytest repeats it in the report of a failing test).
        """
        root = Path(tmp_path)
        docs_dir = root / "docs"
        docs_dir.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            target = docs_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(_clean(content) if dedent else content, encoding="utf-8")

        config_file = root / "mkdocs.yml"
        if isinstance(config, str):
            config_file.write_text(_clean(config) if dedent else config, encoding="utf-8")
        else:
            settings: dict[str, Any] = {
                "site_name": "Test",
                "theme": {"name": theme},
                "plugins": list(DEFAULT_PLUGINS),
            }
            settings.update(config or {})
            config_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")

        site = BuiltSite(root=root, config_file=config_file, docs_dir=docs_dir, site_dir=root / "site")
        self.last = site
        with _CaptureMkdocsLogs(site.records, log_level), _WorkingDirectory(root):
            cfg = load_config(config_file=str(config_file), strict=strict)
            site.config = cfg
            site.docs_dir = Path(cfg.docs_dir)
            site.site_dir = Path(cfg.site_dir)
            site.use_directory_urls = bool(cfg.use_directory_urls)
            # The same sequence as the `mkdocs build` command.
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        return site


def _clean(text: str) -> str:
    text = textwrap.dedent(text)
    return text[1:] if text.startswith("\n") else text


class _WorkingDirectory:
    """``chdir`` into a folder for the duration of a ``with`` block (``contextlib.chdir`` is 3.11+)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.previous = ""

    def __enter__(self) -> None:
        self.previous = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc: object) -> None:
        os.chdir(self.previous)


class _CaptureMkdocsLogs:
    """Collect the records of the ``mkdocs`` logger hierarchy at ``level`` or above into a list.

    The ``mkdocs`` logger's level is lowered to ``level`` for the build (outside
    the CLI it inherits the root logger's WARNING) and restored afterwards.
    """

    def __init__(self, records: list[logging.LogRecord], level: int) -> None:
        self.level = level
        self.handler = _ListHandler(records)
        self.logger = logging.getLogger("mkdocs")
        self.previous_level = logging.NOTSET

    def __enter__(self) -> None:
        self.previous_level = self.logger.level
        self.logger.setLevel(self.level)
        self.logger.addHandler(self.handler)

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.previous_level)


@pytest.fixture
def build_site() -> Iterator[SiteBuilder]:
    """Build real sites: ``build_site(tmp_path, {"page.md": "..."}, {"use_directory_urls": False})``."""
    yield SiteBuilder()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium (Debian's, see ``test_browser``) for the browser tests of the session."""
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM_ARGS, _require_chromium

    chromium = _require_chromium()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session", params=["material", "mkdocs"])
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(theme, site folder): this repository's docs, built once per theme for the session (the layout
    and print tests only read them)."""
    from test_layout import build_example

    theme = str(request.param)
    return theme, build_example(tmp_path_factory.mktemp(f"example-{theme}"), theme)
