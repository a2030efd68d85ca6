"""``mkdocs-pgm generate OUT_DIR``: the docs as Markdown with the plugin's HTML in place, built by
plain MkDocs with no plugin at all (what Zensical or MkDocs 2 users get)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mkdocs_pgm.cli import main

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-21"
#: The Markdown extensions of this project's docs: the host has to offer what the pages use.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "def_list", "toc", "pymdownx.details", "pymdownx.superfences"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's docs and mkdocs.yml (the plugin's options included)."""
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def generate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["generate", *args, "--today", TODAY])
    out, err = capsys.readouterr()
    return status, out, err


def plain_build(root: Path, out: str) -> Path:
    """Build ``out`` with MkDocs, the default theme and no plugin, in strict mode."""
    config = {
        "site_name": "Generated", "docs_dir": out, "site_dir": "plain-site", "theme": {"name": "mkdocs"}, "plugins": [],
        "extra_css": ["assets/pgm/pgm.css"], "extra_javascript": ["assets/pgm/catalog.js"], "markdown_extensions": EXTENSIONS,
    }
    (root / "plain.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "plain.yml"], cwd=root, capture_output=True, text=True, check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return root / "plain-site"


def test_plain_mkdocs_builds_every_governance_page_with_links_that_land(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = generate(capsys, "out")
    assert status == 0, err
    assert out.splitlines()[-1] == (
        "Build it with any MkDocs-like host: docs_dir: out, extra_css: [assets/pgm/pgm.css], extra_javascript: [assets/pgm/catalog.js]"
    )
    site = plain_build(project, "out")

    assert (site / "governance/index.html").is_file()  # the dashboard
    for page in ("roadmap", "raid", "decisions", "changes", "benefits", "dependencies", "catalog"):
        assert (site / "governance" / page / "index.html").is_file(), page
    roadmap = (site / "governance/roadmap/index.html").read_text(encoding="utf-8")
    assert roadmap.count("<svg") >= 1 and "pgm-roadmap" in roadmap
    assert "<svg" in (site / "governance/dependencies/index.html").read_text(encoding="utf-8")  # Graphviz, laid out by generate
    project_page = (site / "example/projects/ecom-checkout/index.html").read_text(encoding="utf-8")
    assert 'class="pgm pgm-card pgm-card--project"' in project_page
    assert "<!-- pgm:" not in project_page and "pgm:card" not in project_page
    for name in ("pgm.json", "milestones.ics", "raid.csv", "decisions.csv", "pgm.schema.json", "feed.xml"):
        assert (site / "governance" / name).is_file(), name
    exported = json.loads((site / "governance/pgm.json").read_text(encoding="utf-8"))
    assert any(e["id"] == "ECOM-CHECKOUT" for e in exported["entities"])
    assert (site / "assets/pgm/pgm.css").is_file()

    # Every link the plugin made lands on a page of the plain site; no [[ID]] is left outside code.
    links = remote = 0
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for match in re.finditer(r'<a [^>]*class="pgm[^"]*"[^>]*href="([^"#]+)', html):
            if match.group(1).startswith("https://mobile.example.com/"):  # the example's source: pages on their home site
                remote += 1
                continue
            target = (html_file.parent / match.group(1)).resolve()
            assert (target / "index.html" if target.is_dir() else target).is_file(), (html_file, match.group(1))
            links += 1
        prose = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.DOTALL)
        assert not re.search(r"\[\[[A-Z][A-Z0-9-]*\]\]", prose), html_file
    assert links > 500 and remote > 10


def test_pages_keep_their_front_matter_and_get_their_card_as_one_html_block(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate(capsys, "out")[0] == 0
    written = (project / "out/example/projects/ecom-checkout.md").read_text(encoding="utf-8")
    source = (project / "docs/example/projects/ecom-checkout.md").read_text(encoding="utf-8")
    front = source[: source.index("\n---", 3) + 4]
    assert written.startswith(front)  # kept as written: the host reads title, tags, status from it
    body = written[len(front):]
    assert body.index("# Checkout and payments") < body.index('<div class="pgm pgm-card')  # after the title, as the plugin puts it
    block = body[body.index('<div class="pgm pgm-card'):]
    block = block[: block.index("\n\n")]  # CommonMark ends an HTML block at a blank line: the whole card is before it
    assert block.count("<div") == block.count("</div>")
    assert "Sofia Lindqvist (project manager)" in block and "+90 days vs baseline" in block
    assert "<!-- pgm:sections -->" not in body and 'class="pgm pgm-sections' in body


def test_a_folder_that_is_not_ours_is_left_untouched(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "notes").mkdir()
    (project / "notes/keep.md").write_text("mine\n", encoding="utf-8")
    status, out, err = generate(capsys, "notes")
    assert (status, out) == (1, "")
    assert err == (
        "mkdocs-pgm generate: notes is not empty and was not written by mkdocs-pgm generate; "
        "nothing was written: choose an empty or new folder\n"
    )
    assert [p.name for p in (project / "notes").iterdir()] == ["keep.md"]
    assert generate(capsys, "docs/out")[0] == 1  # inside the docs: never


def test_running_again_replaces_its_own_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate(capsys, "out")[0] == 0
    (project / "docs/getting-started.md").unlink()
    assert generate(capsys, "out")[0] == 0
    assert not (project / "out/getting-started.md").exists()  # nothing stale from the run before
    assert (project / "out/.mkdocs-pgm-generated").is_file()


def test_errors_in_the_docs_write_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "docs/example/projects/ecom-search.md"
    page.write_text(page.read_text(encoding="utf-8").replace("type: project", "type: projet", 1), encoding="utf-8")
    status, out, err = generate(capsys, "out")
    assert (status, out) == (1, "")
    assert "docs/example/projects/ecom-search.md:2: type:" in err
    assert err.endswith("problem(s) in the docs (listed above); nothing was written\n")
    assert not (project / "out").exists()


def test_labels_follow_the_themes_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Accueil\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Portefeuille\ntheme:\n  name: material\n  language: fr\nplugins: [pgm]\n", encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert generate(capsys, "out")[0] == 0
    assert (tmp_path / "out/governance/index.md").read_text(encoding="utf-8").startswith("# Tableau de bord de gouvernance\n")
    assert (tmp_path / "out/governance/decisions.md").read_text(encoding="utf-8").startswith("# Journal des décisions\n")
