"""The CI recipes of ``docs/guides/publishing.md`` run as written.

The YAML blocks of the guide are parsed, their structure is checked, and the
shell commands of their check and build steps are run, in the order and with
the environment the recipe gives them, in a copy of this repository's site
(``mkdocs.yml``, ``docs/``, ``theme_overrides/``) turned into a one-commit Git
repository, as a CI runner would see it after checking it out.

Steps that install packages or publish cannot run here. Every step and script
line is classified explicitly (:func:`_kind`); a step the test does not know
fails it, so a changed recipe is looked at rather than silently skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

from mkdocs_pgm.config import PgmConfig

from helpers import titled_blocks

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guides" / "publishing.md"
BIN = Path(sys.executable).parent  # .venv/bin under `make test`: mkdocs, mkdocs-pgm
CACHE_DIR = PgmConfig.cache_dir.default  # the plugin's default cache_dir, ".cache/pgm"

# The last commit of the copy, so that SOURCE_DATE_EPOCH (from `git log -1 --format=%ct`) is known
# and differs from the day the test runs and from the `today` pinned in mkdocs.yml.
COMMIT_DATE = dt.datetime(2026, 6, 15, 10, 20, 30, tzinfo=dt.timezone.utc)
COMMIT_EPOCH = int(COMMIT_DATE.timestamp())

GITHUB_ACTIONS = {
    # action@version: why the test does not run it
    "actions/checkout@v4": "the copy of the site is the checkout",
    "actions/setup-python@v5": "the test runs in the Python of the test suite",
    "actions/cache@v4": "caches are the CI's business; the build fills the cache folder checked below",
    "actions/upload-pages-artifact@v3": "publishes",
    "actions/deploy-pages@v4": "publishes",
}
INSTALL_RE = re.compile(r"^(?:sudo )?apt-get (?:update|install -y graphviz)$|^pip install -r requirements\.txt$")
ENV_GITHUB_RE = re.compile(r'^echo "SOURCE_DATE_EPOCH=\$\(git log -1 --format=%ct\)" >> "\$GITHUB_ENV"$')
ENV_GITLAB_RE = re.compile(r'^export SOURCE_DATE_EPOCH="\$\(git log -1 --format=%ct\)"$')
GITHUB_COMMAND_RE = re.compile(r"^::(?:notice|warning|error)(?: [^:]*)?::.*$")


def _blocks() -> dict[str, tuple[str, str]]:
    return titled_blocks(GUIDE.read_text(encoding="utf-8"))


def _yaml(title: str) -> Any:
    lang, body = _blocks()[title]
    assert lang == "yaml", f"{title}: fenced as {lang!r}, not yaml"
    return yaml.safe_load(body)


def _kind(command: str) -> str:
    """What a step's shell command does: install, env, check or build. Anything else fails the test."""
    command = command.strip()
    if all(INSTALL_RE.match(part.strip()) for part in command.split("&&")):
        return "install"
    if ENV_GITHUB_RE.match(command) or ENV_GITLAB_RE.match(command):
        return "env"
    if "\n" not in command and command.startswith("mkdocs-pgm check"):
        return "check"
    if "\n" not in command and command.startswith("mkdocs build"):
        return "build"
    raise AssertionError(f"the test does not know what this recipe command does; teach _kind(): {command!r}")


# ------------------------------------------------------------------ the workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of this repository's site, committed to a fresh Git repository dated COMMIT_DATE."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "theme_overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "requirements.txt").write_text(_blocks()["requirements.txt"][1], encoding="utf-8")
    (root / ".gitignore").write_text(_blocks()[".gitignore"][1], encoding="utf-8")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": COMMIT_DATE.isoformat(),
        "GIT_COMMITTER_DATE": COMMIT_DATE.isoformat(),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    config = ["-c", "user.name=CI", "-c", "user.email=ci@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Site"]):
        subprocess.run(["git", *config, *args], cwd=root, env=env, check=True, capture_output=True)
    return root


def _environment(root: Path) -> dict[str, str]:
    """The runner's environment: this test suite's bin folder first, no build date of our own."""
    assert (BIN / "mkdocs").exists() and (BIN / "mkdocs-pgm").exists(), f"mkdocs and mkdocs-pgm are not in {BIN}"
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ENV", "PYTHONHASHSEED")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's notice on standard error; it changes nothing else
    return env


def _run(script: str, root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # How GitHub runs `run:` on Linux (bash --noprofile --norc -eo pipefail) and GitLab a bash script.
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        check=False, cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )


def _sitemap_mtime(site: Path) -> int:
    """The modification time MkDocs wrote into the gzip header of ``sitemap.xml.gz``."""
    return struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0]


def _assert_built(site: Path) -> None:
    assert (site / "index.html").is_file(), f"no site in {site}"
    assert (site / "governance" / "index.html").is_file()
    # SOURCE_DATE_EPOCH from the commit reached MkDocs: the sitemap is dated the day of the commit.
    assert _sitemap_mtime(site) == int(dt.datetime.combine(COMMIT_DATE.date(), dt.time(), dt.timezone.utc).timestamp())


def _assert_cache_filled(root: Path) -> None:
    if shutil.which("dot") is not None:
        assert any((root / CACHE_DIR).rglob("*.svg")), f"the build wrote no diagram into {CACHE_DIR}"


# ------------------------------------------------------------------ the blocks


def test_requirements_name_the_plugin_by_git_url():
    body = _blocks()["requirements.txt"][1]
    lines = [line for line in body.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == 1
    requirement = Requirement(lines[0].replace("<org>", "example").replace("<tag>", "v0.1.0"))
    assert requirement.name == "mkdocs-pgm"
    assert requirement.url == "git+https://github.com/example/mkdocs-pgm@v0.1.0"


def test_every_yaml_block_parses():
    blocks = {title: body for title, (lang, body) in _blocks().items() if lang == "yaml"}
    assert {".github/workflows/docs.yml", ".gitlab-ci.yml"} <= set(blocks)
    for title, body in blocks.items():
        assert yaml.safe_load(body), title
    # The mkdocs.yml excerpt is valid plugin configuration.
    pgm = next(p["pgm"] for p in _yaml("mkdocs.yml")["plugins"] if isinstance(p, dict) and "pgm" in p)
    config = PgmConfig()
    config.load_dict(pgm)
    errors, _ = config.validate()
    assert errors == []


def test_github_workflow_structure():
    workflow = _yaml(".github/workflows/docs.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"] == {"branches": ["main"]} and "pull_request" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["runs-on"] == deploy["runs-on"] == "ubuntu-latest"

    steps = build["steps"]
    used = [s["uses"] for s in steps if "uses" in s] + [s["uses"] for s in deploy["steps"]]
    assert sorted(used) == sorted(GITHUB_ACTIONS)
    kinds = [s.get("uses") or _kind(s["run"]) for s in steps]  # an action, or what the command does
    assert kinds.count("check") == kinds.count("build") == kinds.count("env") == 1
    check, build_step, env = kinds.index("check"), kinds.index("build"), kinds.index("env")
    checkout, python, cache = (kinds.index(f"actions/{a}") for a in ("checkout@v4", "setup-python@v5", "cache@v4"))
    upload = kinds.index("actions/upload-pages-artifact@v3")
    last_install = max(i for i, k in enumerate(kinds) if k == "install")
    assert steps[checkout]["with"] == {"fetch-depth": 0}  # the whole history, for slips and changes since a review
    assert checkout < python < last_install < check  # Graphviz and the plugin before anything runs them
    assert cache < check and env < check < build_step < upload  # the check before the build
    assert "--format github" in steps[check]["run"]
    assert "--strict" in steps[build_step]["run"]
    for step in (steps[check], steps[build_step], steps[env]):
        assert "if" not in step and "working-directory" not in step  # they run on pull requests too, at the root

    assert steps[python]["with"]["python-version"] == "3.11"
    cached = steps[cache]["with"]
    assert cached["path"] == CACHE_DIR
    assert "hashFiles(" in cached["key"] and "docs/**" in cached["key"]
    assert cached["key"].startswith(cached["restore-keys"].strip())
    assert steps[upload]["with"]["path"] == "site"  # mkdocs.yml's default site_dir
    assert steps[upload]["if"] == deploy["if"] == "github.event_name == 'push'"

    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v4"}]
    assert workflow["permissions"] == {"contents": "read"}


def test_gitlab_ci_structure():
    ci = _yaml(".gitlab-ci.yml")
    default = ci["default"]
    assert default["image"] == "python:3.11"
    assert default["cache"]["paths"] == [CACHE_DIR]
    assert [_kind(line) for line in default["before_script"]] == ["install", "install", "env"]
    assert ci["variables"] == {"GIT_DEPTH": 0}  # the whole history, for slips and changes since a review
    jobs = {name: job for name, job in ci.items() if name not in ("default", "variables")}
    assert set(jobs) == {"docs", "pages"}
    assert [_kind(line) for line in jobs["docs"]["script"]] == ["check", "build"]
    assert [_kind(line) for line in jobs["pages"]["script"]] == ["check", "build"]
    assert jobs["docs"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    pages = jobs["pages"]
    assert pages["stage"] == "deploy" and jobs["docs"]["stage"] == "test"
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["script"][-1] == "mkdocs build --strict --site-dir public"
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


# ------------------------------------------------------------------ running them


def test_github_workflow_runs_as_written(workspace: Path):
    workflow = _yaml(".github/workflows/docs.yml")
    env = _environment(workspace)
    env.update({k: str(v) for k, v in (workflow.get("env") or {}).items()})
    env.update({k: str(v) for k, v in (workflow["jobs"]["build"].get("env") or {}).items()})
    github_env = workspace.parent / "github_env"
    ran: list[str] = []
    for step in workflow["jobs"]["build"]["steps"]:
        if "uses" in step:
            assert step["uses"] in GITHUB_ACTIONS, f"unknown action {step['uses']}"
            continue
        kind = _kind(step["run"])
        if kind == "install":
            continue  # apt-get and pip: Graphviz and the plugin are installed for the test suite
        assert "${{" not in step["run"], f"the test cannot evaluate expressions: {step['run']!r}"
        github_env.write_text("", encoding="utf-8")
        step_env = {**env, **{k: str(v) for k, v in (step.get("env") or {}).items()}, "GITHUB_ENV": str(github_env)}
        result = _run(step["run"], workspace, step_env)
        assert result.returncode == 0, f"{step['run']!r} exited with {result.returncode}\n{result.stdout}\n{result.stderr}"
        if kind == "check":
            lines = result.stdout.splitlines()
            stray = [line for line in lines if not GITHUB_COMMAND_RE.match(line)]
            assert stray == [], f"not workflow commands: {stray}"
            assert any(line.startswith("::notice ") for line in lines)  # --findings: this site has findings
        for line in github_env.read_text(encoding="utf-8").splitlines():  # what later steps see
            name, sep, value = line.partition("=")
            assert sep and name.isidentifier(), f"unsupported $GITHUB_ENV line {line!r}"
            env[name] = value
        ran.append(kind)
    assert ran == ["env", "check", "build"]
    assert env["SOURCE_DATE_EPOCH"] == str(COMMIT_EPOCH)
    upload = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    _assert_built(workspace / upload["with"]["path"])
    _assert_cache_filled(workspace)


def test_gitlab_ci_runs_as_written(workspace: Path):
    ci = _yaml(".gitlab-ci.yml")
    for name in ("docs", "pages"):
        job = ci[name]
        env = _environment(workspace)
        env.update({"CI_PROJECT_DIR": str(workspace), "CI": "true", "GITLAB_CI": "true"})
        env.update({k: str(v) for k, v in (ci.get("variables") or {}).items()})
        env.update({k: str(v) for k, v in (job.get("variables") or {}).items()})
        lines = list(job.get("before_script", ci["default"]["before_script"])) + list(job["script"])
        kept = [line for line in lines if _kind(line) != "install"]  # apt-get and pip
        assert [_kind(line) for line in kept] == ["env", "check", "build"]
        # One shell for the whole job, as GitLab runs it: the `export` reaches the later lines.
        script = "\n".join(kept + ['echo "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"'])
        result = _run(script, workspace, env)
        assert result.returncode == 0, f"job {name} exited with {result.returncode}\n{result.stdout}\n{result.stderr}"
        assert f"SOURCE_DATE_EPOCH={COMMIT_EPOCH}" in result.stdout.splitlines()
        if "--findings" in job["script"][0]:
            assert "[overdue-milestone]" in result.stdout
    _assert_built(workspace / "public")  # the pages job's artifact
    _assert_built(workspace / "site")  # the docs job's build, into mkdocs.yml's site_dir
    _assert_cache_filled(workspace)
