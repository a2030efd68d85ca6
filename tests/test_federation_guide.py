"""The federation guide (``docs/guides/federation.md``) says what the code does.

Its YAML blocks parse, the ``mkdocs.yml`` excerpts are valid plugin configuration,
the CI recipes have the structure the guide describes (a schedule and a dispatch or
pipeline trigger, the cache folder kept, the whole history fetched), and every
warning the guide quotes is the one :mod:`mkdocs_pgm.core.federation.sources`
writes for that fault.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_pgm.config import PgmConfig
from mkdocs_pgm.core.federation.sources import Fault, Loaded, Spec, age_text, read_document

from helpers import titled_blocks

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guides" / "federation.md"
CACHE_DIR = PgmConfig.cache_dir.default


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _blocks() -> dict[str, tuple[str, str]]:
    return titled_blocks(_text())


def _yaml(title: str) -> Any:
    lang, body = _blocks()[title]
    assert lang == "yaml", f"{title}: fenced as {lang!r}, not yaml"
    return yaml.safe_load(body)


def _pgm_options(config: dict[str, Any]) -> dict[str, Any]:
    found = [p for p in config["plugins"] if p == "pgm" or (isinstance(p, dict) and "pgm" in p)]
    assert len(found) == 1
    return dict(found[0]["pgm"] or {}) if isinstance(found[0], dict) else {}


def test_every_yaml_block_parses_and_every_mkdocs_yml_is_valid_configuration() -> None:
    blocks = {title: lang for title, (lang, _) in _blocks().items()}
    assert sum(lang == "yaml" for lang in blocks.values()) >= 8
    for title, lang in blocks.items():
        if lang != "yaml":
            continue
        data = _yaml(title)
        assert data, title
        if title.startswith("mkdocs.yml"):
            config = PgmConfig()
            config.load_dict(_pgm_options(data))
            errors, _ = config.validate()
            assert errors == [], (title, errors)


def test_the_pmo_imports_three_team_sites_by_url() -> None:
    sources = _pgm_options(_yaml("mkdocs.yml (the PMO's)"))["sources"]
    assert [s["name"] for s in sources] == ["payments", "mobile", "data"]
    assert all(s["url"].startswith("https://") and s["url"].endswith("/governance/pgm.json") for s in sources)
    team = _yaml("mkdocs.yml (the mobile team's)")
    assert team["site_url"] == "https://mobile.example.com/"  # what the PMO's links land on


def test_this_sites_source_is_the_one_the_guide_shows() -> None:
    """The guide quotes this site's mkdocs.yml: the same source, excluded from the site as it says."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    shown = _yaml("mkdocs.yml")
    assert _pgm_options(config)["sources"] == _pgm_options(shown)["sources"]
    assert config["exclude_docs"].split() == shown["exclude_docs"].split() == ["/example/sources/"]
    source = _pgm_options(shown)["sources"][0]
    document = read_document((ROOT / source["url"]).read_bytes())  # valid, and its content hash matches
    own = [e["id"] for e in document["entities"] if e.get("source") is None]
    imported = [e for e in document["entities"] if e.get("source") is not None]
    assert sorted(own) == ["MOB-APP-CHECKOUT", "MOB-APPS", "MOB-DEC-001", "MOB-NOTIFY"]
    assert imported and {e["source"] for e in imported} == {"portfolio"}
    assert f"of the {len(document['entities'])}\nentities in the file, it takes the mobile team's four" in _text()
    assert document["generated"]["site_url"] == "https://mobile.example.com/"


def test_github_workflows() -> None:
    team = _yaml(".github/workflows/docs.yml (each team's)")
    notify = team["jobs"]["notify-pmo"]
    assert notify["needs"] == "deploy" and "dispatches" in notify["steps"][0]["run"]
    event = re.search(r"event_type=([\w-]+)", notify["steps"][0]["run"])
    assert event is not None

    pmo = _yaml(".github/workflows/portfolio.yml (the PMO's)")
    triggers = pmo.get("on", pmo.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["repository_dispatch"] == {"types": [event[1]]}  # the teams' notice starts it
    assert triggers["schedule"] and "pull_request" in triggers
    steps = pmo["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"] == {"fetch-depth": 0}
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == CACHE_DIR  # the copies of the sources are kept in cache_dir/sources
    assert "github.run_id" in cache["with"]["key"] and cache["with"]["restore-keys"].strip() == "pgm-"
    runs = [s["run"] for s in steps if "run" in s]
    assert any(r.startswith("mkdocs-pgm check --sources") for r in runs)
    build = next(r for r in runs if r.startswith("mkdocs build"))
    assert "--strict" not in build.split("#")[0]  # a team's site that is down must not stop the portfolio


def test_gitlab_pipelines() -> None:
    team = _yaml(".gitlab-ci.yml (each team's)")
    assert team["variables"]["GIT_DEPTH"] == 0
    assert team["notify-pmo"]["trigger"]["project"] and team["notify-pmo"]["stage"] == ".post"

    pmo = _yaml(".gitlab-ci.yml (the PMO's)")
    assert pmo["variables"]["GIT_DEPTH"] == 0
    assert pmo["default"]["cache"]["paths"] == [CACHE_DIR]
    conditions = [rule["if"] for rule in pmo["pages"]["rules"]]
    assert '$CI_PIPELINE_SOURCE == "schedule"' in conditions and '$CI_PIPELINE_SOURCE == "pipeline"' in conditions
    assert pmo["pages"]["script"][0] == "mkdocs-pgm check --sources"
    assert "--strict" not in pmo["pages"]["script"][1].split("#")[0]


def _fault(data: bytes) -> str:
    with pytest.raises(Fault) as caught:
        read_document(data)
    return str(caught.value)


def test_the_warnings_quoted_are_those_the_plugin_writes() -> None:
    text = _text()
    good = json.loads((ROOT / "docs" / "example" / "sources" / "mobile.pgm.json").read_text(encoding="utf-8"))
    future = {**good, "version": "2.0"}
    edited = {**good, "entities": good["entities"][:1]}
    for fault in (
        _fault(json.dumps(future).encode()),
        _fault(json.dumps(edited).encode()),
        _fault(b'{"title": "not an export"}'),
    ):
        assert f"`{fault}`" in text, fault
    assert "`not valid JSON: " in text and _fault(b"{").startswith("not valid JSON: ")

    spec = Spec("mobile", "https://mobile.example.com/governance/pgm.json")
    now = dt.datetime(2026, 12, 3, 9, 15, tzinfo=dt.timezone.utc)
    kept = Loaded(spec, good, fault="HTTP error 503 (Service Unavailable)", kept=dt.datetime(2026, 12, 3, 6, 15, tzinfo=dt.timezone.utc))
    lost = Loaded(spec, None, fault="no answer within 20 s")
    for loaded in (kept, lost):
        message = loaded.message(now)
        assert message is not None and f"WARNING -  mkdocs_pgm: {message}\n" in text, message
    for age in (dt.timedelta(seconds=20), dt.timedelta(minutes=5), dt.timedelta(hours=3), dt.timedelta(days=2)):
        words = age_text(age)
        shown = re.sub(r"^\d+ (\w+?)s? old$", r"N \1s old", words)  # "2 days old" -> "N days old"
        assert f"`{shown}`" in text, words
