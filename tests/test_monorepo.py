"""mkdocs-monorepo-plugin: sub-sites ``!include``d in the nav are built from a temporary copy;
diagnostics name the real files, and ``mkdocs-pgm check`` reads the sub-sites too."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mkdocs_pgm.cli import main

TEAM_PROJECT = """\
---
type: project
id: A-ONE
title: Team A's first project
owner: Ana Silva
status: active
start: 2026-01-01
end: 2026-12-31
depends_on: [B-MISSING]
---

# Team A's first project
"""

ROOT_CONFIG = {
    "plugins": ["search", "monorepo", "pgm"],
    "nav": [{"Home": "index.md"}, {"Team A": "!include ./team-a/mkdocs.yml"}],
}
UNKNOWN = (
    "team-a/docs/projects/one.md:9: depends_on[0]: unknown id 'B-MISSING': "
    "expected the id of a project, program or milestone (PROJECT#milestone)"
)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    sub = tmp_path / "team-a"
    (sub / "docs/projects").mkdir(parents=True)
    (sub / "mkdocs.yml").write_text("site_name: team-a\nnav:\n  - One: projects/one.md\n", encoding="utf-8")
    (sub / "docs/projects/one.md").write_text(TEAM_PROJECT, encoding="utf-8")
    return sub


def test_diagnostics_name_the_sub_sites_file_not_the_temporary_copy(build_site, tmp_path: Path, team: Path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, {"index.md": "# Portfolio\n\nTeam A starts with [[A-ONE]].\n"}, ROOT_CONFIG)
    # The monorepo plugin's clean-up is named post_build, not on_post_build: MkDocs never calls it,
    # and its temporary docs folder would be removed by the garbage collector, with a ResourceWarning.
    site.config.plugins["monorepo"].merger.cleanup()
    assert [w for w in site.warnings if "B-MISSING" in w] == [f"mkdocs_pgm: {UNKNOWN}"]
    home = site.html("index.md")
    assert 'href="team-a/projects/one/"' in home and "Team A&#39;s first project" in home
    assert 'class="pgm pgm-card pgm-card--project"' in site.read("team-a/projects/one/index.html")


def test_check_reads_the_included_sub_sites(tmp_path: Path, team: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Portfolio\n\nSee [[A-ONE]].\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Portfolio
        plugins: [search, monorepo, pgm]
        nav:
          - Home: index.md
          - Teams: '*include */mkdocs.yml'
        """), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert out == UNKNOWN + "\n"  # and no unknown [[A-ONE]] on the home page: the sub-site's project is known
    assert err.startswith("1 entities in 2 pages: 1 error(s), 0 warning(s)")
