"""A page that is not UTF-8 gives one clear error, ``mkdocs serve`` keeps serving whatever the
data, and ``mkdocs-pgm check`` fails exactly when ``mkdocs build --strict`` does.

Under ``mkdocs serve`` a failed rebuild leaves the server up but answering no request until
the problem is fixed ("The server will appear stuck until build errors are resolved"), so
the plugin never stops a serve build on bad data: it logs an error and leaves the bad part
out. One test runs the real ``mkdocs serve`` and edits a page under it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_pgm.cli import main

MKDOCS = Path(sys.executable).with_name("mkdocs")

PROJECT = """\
---
type: project
id: PRJ-A
owner: Ann
---
# Alpha

Caf\u00e9 for everyone.
"""
#: The project page saved as Latin-1: "é" is the byte 0xe9.
LATIN1 = PROJECT.encode("latin-1")
LATIN1_OFFSET = LATIN1.index(b"\xe9")
ENCODING_ERROR = f"docs/alpha.md:8: not valid UTF-8 at byte {LATIN1_OFFSET} (0xe9): save the file as UTF-8"

FILES: dict[str, str | bytes] = {
    "index.md": "# Home\n",
    "beta.md": "---\ntype: project\nid: PRJ-B\nowner: Bo\n---\n# Beta\n",
}


# ------------------------------------------------------------------ mkdocs build and check


def test_a_page_that_is_not_utf8_stops_the_build_with_one_clear_error(build_site: Any, tmp_path: Path) -> None:
    with pytest.raises(Abort):
        build_site(tmp_path, {**FILES, "alpha.md": LATIN1})
    assert build_site.last.messages(logging.ERROR) == [ENCODING_ERROR]


def test_a_byte_order_mark_is_fine_and_the_offset_counts_it(build_site: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path / "bom", {**FILES, "alpha.md": b"\xef\xbb\xbf" + PROJECT.encode()}, strict=True)
    assert "Café for everyone" in site.html("alpha.md")
    with pytest.raises(Abort):
        build_site(tmp_path / "bad", {**FILES, "alpha.md": b"\xef\xbb\xbf" + LATIN1})
    assert build_site.last.messages(logging.ERROR) == [ENCODING_ERROR.replace(f"byte {LATIN1_OFFSET}", f"byte {LATIN1_OFFSET + 3}")]


def test_check_reports_a_page_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {**FILES, "alpha.md": LATIN1})
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [ENCODING_ERROR]
    assert "1 entities in 3 pages: 1 error(s), 0 warning(s)" in captured.err
    assert main(["check", "--format", "json"]) == 1
    assert [(d["line"], d["code"], d["severity"]) for d in json.loads(capsys.readouterr().out)] == [(8, "encoding", "error")]


# ------------------------------------------------------------------ serve mode, in process


def write(root: Path, files: dict[str, str | bytes], options: dict[str, Any] | None = None) -> Path:
    """``mkdocs.yml`` (MkDocs' theme, the plugin without diagrams) and ``docs/`` under ``root``."""
    for name, content in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    config = {"site_name": "Serve", "theme": {"name": "mkdocs"}, "plugins": ["search", {"pgm": {"diagrams": False, **(options or {})}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def serve_build(root: Path, command: str = "serve") -> list[str]:
    """Build the site under ``root`` as one build of ``mkdocs serve`` does; returns ``LEVEL: message`` lines."""
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    level, cwd = logger.level, os.getcwd()
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    os.chdir(root)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"))
        config.plugins.on_startup(command=command, dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(level)
    return [f"{r.levelname}: {r.getMessage()}" for r in handler.records]


def test_serve_leaves_a_page_that_is_not_utf8_out_and_builds_the_rest(tmp_path: Path) -> None:
    write(tmp_path, {**FILES, "alpha.md": LATIN1})
    logs = serve_build(tmp_path)
    assert f"ERROR: mkdocs_pgm: {ENCODING_ERROR}; the page is left out until it is fixed" in logs
    assert (tmp_path / "site" / "beta" / "index.html").exists()
    assert not (tmp_path / "site" / "alpha").exists()


def test_serve_keeps_going_on_an_unknown_findings_rule(tmp_path: Path) -> None:
    write(tmp_path, FILES, {"findings_ignore": ["stale-decisions"]})
    logs = serve_build(tmp_path)
    errors = [line for line in logs if line.startswith("ERROR")]
    assert len(errors) == 1
    assert errors[0].startswith(
        "ERROR: mkdocs_pgm: findings_ignore: unknown rule 'stale-decisions' (did you mean 'stale-decision'?); expected one of "
    )
    assert errors[0].endswith("; the health checks run with their defaults until it is fixed")
    assert (tmp_path / "site" / "beta" / "index.html").exists()
    # `mkdocs build` stops on it, as before.
    with pytest.raises(Abort):
        serve_build(tmp_path, command="build")


def test_serve_keeps_going_on_a_cache_dir_outside_the_project(tmp_path: Path) -> None:
    write(tmp_path / "project", FILES, {"diagrams": True, "cache_dir": "../elsewhere"})
    logs = serve_build(tmp_path / "project")
    assert [line for line in logs if line.startswith("ERROR")] == [
        (
            f"ERROR: mkdocs_pgm: cache_dir: '../elsewhere' is outside the folder of mkdocs.yml ({tmp_path / 'project'}); keep the "
            "diagram cache inside the project, or set 'cache_dir_outside: true' to allow it; diagrams are not cached on disk until it is fixed"
        )
    ]
    assert not (tmp_path / "elsewhere").exists()
    assert (tmp_path / "project" / "site" / "beta" / "index.html").exists()


# ------------------------------------------------------------------ the real `mkdocs serve`


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(url: str) -> int:
    """The HTTP status of ``url``; a server that does not answer within 10 s fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # our own local server
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {seconds:g} s waiting for {what}")
        time.sleep(0.1)  # polling interval, not a wait for an outcome


def _save(path: Path, data: bytes) -> None:
    """Replace ``path`` at once, as editors do: the watcher never sees it half written."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _rebuilds(log: Path) -> int:
    """How many rebuilds ``mkdocs serve`` has finished, well or not (its log says either)."""
    text = log.read_text(errors="replace")
    return text.count("Reloading browsers") + text.count("An error happened during the rebuild")


@contextmanager
def _mkdocs_serve(root: Path, log: Path) -> Iterator[str]:
    """``mkdocs serve`` (with live reload) on a free port; yields the base URL; killed at the end."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            base = f"http://127.0.0.1:{port}/"

            def up() -> bool:
                if process.poll() is not None:
                    pytest.fail(f"mkdocs serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
                try:
                    return _status(base) == 200
                except OSError:
                    return False

            _until(up, "mkdocs serve to answer")
            yield base
        finally:
            process.kill()
            process.wait(timeout=30)


def test_mkdocs_serve_keeps_serving_while_a_page_is_not_utf8(tmp_path: Path) -> None:
    write(tmp_path, {**FILES, "alpha.md": PROJECT})
    log = tmp_path / "serve.log"
    with _mkdocs_serve(tmp_path, log) as base:
        assert _status(base + "alpha/") == 200
        builds = _rebuilds(log)

        def rebuilt(after: int) -> Callable[[], bool]:
            return lambda: _rebuilds(log) > after

        _save(tmp_path / "docs" / "alpha.md", LATIN1)
        _until(rebuilt(builds), "the rebuild after the page was saved as Latin-1")
        text = log.read_text(errors="replace")
        assert f"mkdocs_pgm: {ENCODING_ERROR}; the page is left out until it is fixed" in text
        assert "Traceback" not in text and "appear stuck" not in text
        assert _status(base) == 200
        assert _status(base + "beta/") == 200
        assert _status(base + "alpha/") == 404

        builds = _rebuilds(log)
        _save(tmp_path / "docs" / "alpha.md", PROJECT.encode())
        _until(rebuilt(builds), "the rebuild after the page was fixed")
        assert _status(base + "alpha/") == 200
        assert _status(base + "beta/") == 200


# ------------------------------------------------------------------ check agrees with the strict build

#: Pages that once crashed the build or were silently dropped, each built alone next to
#: BASE: ``mkdocs-pgm check --strict`` must fail exactly when ``mkdocs build --strict`` does.
BASE: dict[str, str | bytes] = {
    "index.md": "# Home\n",
    "program.md": "---\ntype: program\nid: PRG-X\nowner: Olga\n---\n# Program X\n",
}
HOSTILE: dict[str, str | bytes] = {
    "clean": "---\ntype: project\nid: P\nprogram: PRG-X\nowner: Ann\nstart: 2026-01-05\nend: 2026-06-30\n---\n# Clean\n",
    "end 9999-12-30 with a baseline": (
        "---\ntype: project\nid: P\nprogram: PRG-X\nowner: Ann\nstart: 2026-01-05\nend: 9999-12-30\nbaseline: {end: 2026-06-30}\n---\n# P\n"
    ),
    "start 0001-01-01 on a roadmap": "---\ntype: project\nid: P\nprogram: PRG-X\nowner: Ann\nstart: 0001-01-01\nend: 2026-06-30\n---\n# P\n",
    "milestone 9999-12-31": (
        "---\ntype: project\nid: P\nprogram: PRG-X\nowner: Ann\nmilestones:\n  - {id: m, title: Far, date: 9999-12-31}\n---\n# P\n"
    ),
    "budget 1e26": "---\ntype: project\nid: P\nprogram: PRG-X\nowner: Ann\nbudget: {planned: 1e26, actual: 5}\n---\n# P\n",
    "benefit actual 1e25": (
        "---\ntype: program\nid: PRG-Y\nowner: Olga\nbenefits:\n  - {id: B-1, title: Savings, baseline: 0, target: 100, actual: 1e25}\n---\n# Y\n"
    ),
    "not UTF-8": "---\ntype: project\nid: P\nowner: Ren\u00e9\n---\n# P\n".encode("latin-1"),
    "quoted type with a YAML error": '---\n"type": project\nid: P\nowner: [Ann\n---\n# P\n',
    "unclosed front matter": "---\ntype: project\nid: P\nowner: Ann\n\n# P\n\nNo closing line.\n",
    "self-superseding decision": "---\ntype: decision\nid: DEC-1\nstatus: accepted\ndate: 2026-01-05\nsupersedes: [DEC-1]\n---\n# D\n",
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_check_fails_exactly_when_the_strict_build_fails(
    case: str, build_site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = {"theme": {"name": "mkdocs"}, "plugins": ["search", {"pgm": {"today": "2026-05-01"}}]}
    failure = ""
    try:
        build_site(tmp_path, {**BASE, "page.md": HOSTILE[case]}, config, strict=True)
    except Exception as exc:  # noqa: BLE001 - any way the build stops counts, tracebacks included
        failure = f"{type(exc).__name__}: {exc}"
    monkeypatch.chdir(tmp_path)
    status = main(["check", "--strict"])
    output = capsys.readouterr().out
    assert (status != 0) == bool(failure), (
        f"strict build: {failure or 'passed'}; warnings: {build_site.last.warnings}\ncheck --strict exit {status}:\n{output}"
    )
    if case == "clean":
        assert status == 0 and not failure
    if failure and not failure.startswith("Abort"):
        pytest.fail(f"the strict build crashed instead of reporting: {failure}")
