"""The package as users get it: one version, the licence, an sdist whose tests run, no Material needed.

The sdist and wheel are built here with ``python -m build --no-isolation`` (the test
environment's setuptools; no download) and checked with ``twine check --strict``, as an
upload to PyPI would be.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import mkdocs_pgm

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("src") / "mkdocs-pgm"
    # A clean copy of the files git knows, as a release is built from a clean checkout.
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=False)
    if listed.returncode != 0:  # not a git checkout (e.g. the unpacked sdist): the folder as it is
        ignore = shutil.ignore_patterns(".venv", ".venv-techdocs", "node_modules", "site", ".cache", "dist", "build", "*.egg-info", "__pycache__")
        shutil.copytree(REPO, source, ignore=ignore)
    else:
        for name in listed.stdout.decode().split("\0"):
            if name and (REPO / name).is_file():
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, source / name)
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_twine_accepts_the_sdist_and_the_wheel(dist: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_wheel_says_one_version_the_licence_and_material_as_an_extra(dist: Path) -> None:
    wheel = only(dist, "*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(archive.read(info))
    assert meta["Version"] == mkdocs_pgm.__version__
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    requires = meta.get_all("Requires-Dist") or []
    material = [r for r in requires if r.startswith("mkdocs-material")]
    assert material and all('extra == "material"' in r or 'extra == "test"' in r for r in material), material
    assert "Framework :: MkDocs" in (meta.get_all("Classifier") or [])
    assert "Programming Language :: Python :: 3.13" in (meta.get_all("Classifier") or [])
    # The templates and the stylesheet travel with the code.
    assert "mkdocs_pgm/templates/pgm/card.html" in names and "mkdocs_pgm/templates/assets/pgm/pgm.css" in names


def test_the_tests_run_from_the_unpacked_sdist(dist: Path, tmp_path: Path) -> None:
    sdist = only(dist, "*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path, filter="data")
    root = tmp_path / sdist.name.removesuffix(".tar.gz")
    for needed in ("LICENSE", "CHANGELOG.md", "mkdocs.yml", "tests/conftest.py", "tests/helpers.py", "docs/example/index.md"):
        assert (root / needed).is_file(), needed
    assert not [n for n in names if "__pycache__" in n or "/test-results/" in n]
    env = {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_registry.py", "tests/test_incremental.py", "-k",
                           "not random and not serve"], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "error" not in done.stdout.splitlines()[-1]


def test_the_plugin_builds_a_site_without_material(tmp_path: Path) -> None:
    """``pip install mkdocs-pgm`` alone: Material cannot even be imported, MkDocs' own theme is used."""
    shutil.copytree(REPO / "docs" / "example", tmp_path / "docs")
    sources = "[{name: mobile, url: docs/sources/mobile.pgm.json}]"  # the example's source, copied with it
    (tmp_path / "mkdocs.yml").write_text(f"site_name: No Material\ntheme: {{name: mkdocs}}\nplugins: [search, {{pgm: {{today: 2026-11-20, sources: {sources}}}}}]\n",
                                         encoding="utf-8")
    blocker = (
        "import sys\n"
        "class NoMaterial:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'material' or name.startswith('material.'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, NoMaterial())\n"
        "from mkdocs.__main__ import cli\n"
        "cli(['build'])\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", blocker], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "material" not in done.stderr.lower(), done.stderr
    # The example links to pages of the docs around it (not copied here); nothing else to say.
    around = ("'../governance/index.md'", "'../../integrations/adr.md'")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING") and not any(a in line for a in around)]
    assert warnings == []
    page = (tmp_path / "site" / "programs" / "ecommerce" / "index.html").read_text(encoding="utf-8")
    assert 'class="pgm pgm-card' in page and "pgm-rm" in page
