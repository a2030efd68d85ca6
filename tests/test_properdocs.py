"""The plugin loads and builds under ProperDocs, the drop-in fork of MkDocs 1.x.

ProperDocs redirects every ``mkdocs.*`` import to ``properdocs.*`` and reads the
``mkdocs.plugins`` entry points, so the plugin runs unchanged. It looks for
``properdocs.yml`` first and falls back to ``mkdocs.yml`` (with an info
message), so both file names are covered. The build runs in a subprocess:
ProperDocs aliases ``mkdocs`` in ``sys.modules``, which must not leak into the
other tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROGRAM = """\
---
type: program
id: PRG-DIGITAL
owner: Digital Office
status: active
---

# Digital program

Runs [[PRJ-PORTAL]].
"""

PROJECT = """\
---
type: project
id: PRJ-PORTAL
program: PRG-DIGITAL
owner: Dana Smith
status: active
health: amber
start: 2026-01-05
end: 2026-06-30
---

# Customer portal

Part of [[PRG-DIGITAL]].
"""

CONFIG = """\
site_name: ProperDocs test
theme:
  name: material
plugins:
  - search
  - pgm
"""


def _write_site(root: Path, config_name: str) -> None:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nSee [the program](program.md).\n", encoding="utf-8")
    (docs / "program.md").write_text(PROGRAM, encoding="utf-8")
    (docs / "portal.md").write_text(PROJECT, encoding="utf-8")
    (root / config_name).write_text(CONFIG, encoding="utf-8")


@pytest.mark.parametrize("config_name", ["properdocs.yml", "mkdocs.yml"])
def test_properdocs_builds_a_site_with_the_plugin(tmp_path: Path, config_name: str) -> None:
    _write_site(tmp_path, config_name)

    # --strict: any warning (ours or ProperDocs') makes the run exit 1.
    run = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )

    output = f"exit code {run.returncode}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"
    assert run.returncode == 0, output

    site = tmp_path / "site"
    project_html = (site / "portal" / "index.html").read_text(encoding="utf-8")
    program_html = (site / "program" / "index.html").read_text(encoding="utf-8")

    # Built by ProperDocs, not by MkDocs.
    assert 'content="mkdocs-ProperDocs' in project_html
    # The plugin ran: header cards on both typed pages, resolved cross-references.
    assert "pgm-card" in project_html, textwrap.shorten(project_html, 2000)
    assert "pgm-card" in program_html, textwrap.shorten(program_html, 2000)
    assert 'class="pgm-xref' in project_html
    assert 'href="../program/"' in project_html
    assert 'href="../portal/"' in program_html
    # A page without `type` is untouched.
    assert "pgm-card" not in (site / "index.html").read_text(encoding="utf-8")
