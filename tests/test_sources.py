"""The core of federation (``sources``): reading another site's pgm.json, its faults and the copy kept,
and its entities in this site's model (:mod:`mkdocs_pgm.core.federation`)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.base import ValidationError

from mkdocs_pgm.config import SourcesOption
from mkdocs_pgm.core.exports.formats import content_hash
from mkdocs_pgm.core.federation.records import home_of, remote_pages
from mkdocs_pgm.core.federation.sources import Fault, Kept, Spec, age_text, fetch, load, load_all, read_document
from mkdocs_pgm.core.model.registry import ParseOptions, Registry, home_url

from helpers import lines, page, sources

NOW = dt.datetime(2026, 12, 3, 9, 41, tzinfo=dt.timezone.utc)


def document(*entities: dict[str, Any], site_url: str | None = "https://alpha.example.test/", version: str = "1.1") -> dict[str, Any]:
    doc: dict[str, Any] = {
        "$schema": "x", "version": version, "generated": {"today": "2026-11-21", "site_url": site_url},
        "entities": list(entities), "schedule": {}, "people": [], "findings": [], "diagnostics": [],
    }
    doc["content_hash"] = content_hash(doc)
    return doc


def project(ident: str, src_uri: str, **front: Any) -> dict[str, Any]:
    return {
        "id": ident, "type": "project", "title": f"Project {ident}", "virtual": False, "source": None, "src_uri": src_uri,
        "path": src_uri.replace(".md", "/"), "front_matter": {"owner": "Ana", **front}, "entries": [],
    }


def encode(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode()


# ------------------------------------------------------------------ read_document


def test_a_document_is_checked_before_use() -> None:
    good = document(project("A-1", "projects/a.md"))
    assert read_document(encode(good))["entities"][0]["id"] == "A-1"
    older = {k: v for k, v in good.items() if k != "content_hash"} | {"version": "1.0"}
    assert read_document(encode(older))["version"] == "1.0"  # 1.0 had no hash: read as it is
    cases = {
        b"{not json": "not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        b'{"version": "1.1"}': "not a pgm.json (it has no 'entities' list)",
        encode(document(version="2.0")): "format version 2.0 is not supported (this mkdocs-pgm reads 1.x)",
        encode(good | {"findings": [{"edited": True}]}): "its content hash does not match its content (cut short or edited on the way?)",
        b"[" * 100_000: "not valid JSON: nested too deeply",
    }
    for data, expected in cases.items():
        with pytest.raises(Fault) as caught:
            read_document(data)
        assert str(caught.value) == expected


def test_the_content_hash_ignores_when_and_by_what_a_file_was_made() -> None:
    doc = document(project("A-1", "projects/a.md"))
    later = doc | {"generated": {"today": "2027-01-01", "generator": "mkdocs-pgm 9"}}
    assert content_hash(later) == content_hash(doc) == doc["content_hash"]
    assert content_hash(doc | {"entities": []}) != doc["content_hash"]
    assert doc["content_hash"].startswith("sha256:") and len(doc["content_hash"]) == 7 + 64


def test_age_text() -> None:
    assert age_text(dt.timedelta(seconds=59)) == "less than a minute old"
    assert age_text(dt.timedelta(minutes=1)) == "1 minute old"
    assert age_text(dt.timedelta(hours=5, minutes=59)) == "5 hours old"
    assert age_text(dt.timedelta(days=2, hours=3)) == "2 days old"


# ------------------------------------------------------------------ over HTTP


class _Server:
    """What the handler answers: (status, body, headers); every request is recorded."""

    def __init__(self) -> None:
        self.answer: tuple[int, bytes, dict[str, str]] = (200, b"{}", {})
        self.requests: list[dict[str, str]] = []
        self.stop = threading.Event()
        self.delay = 0.0


@pytest.fixture
def server() -> Iterator[tuple[_Server, str]]:
    state = _Server()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(dict(self.headers))
            if state.delay:
                state.stop.wait(state.delay)
            status, body, headers = state.answer
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}/governance/pgm.json"
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()


def test_http_faults_are_said_in_words(server: tuple[_Server, str], tmp_path: Path) -> None:
    state, url = server
    spec = Spec("alpha", url)
    state.answer = (500, b"boom", {})
    with pytest.raises(Fault, match=r"^HTTP error 500 \(Internal Server Error\)$"):
        fetch(spec, str(tmp_path), timeout=5, max_bytes=1000)
    state.answer = (200, b"x" * 2000, {})
    with pytest.raises(Fault, match=r"^larger than 0\.000953674 MB$"):
        fetch(spec, str(tmp_path), timeout=5, max_bytes=1000)
    state.answer, state.delay = (200, b"{}", {}), 3.0
    with pytest.raises(Fault, match=r"^no answer within 0\.5 s$"):
        fetch(spec, str(tmp_path), timeout=0.5, max_bytes=1000)
    with pytest.raises(Fault, match=r"^cannot read it: "):
        fetch(Spec("gone", "http://127.0.0.1:9/pgm.json"), str(tmp_path), timeout=2, max_bytes=1000)
    with pytest.raises(Fault, match=r"^cannot read it: No such file or directory$"):
        fetch(Spec("file", "missing/pgm.json"), str(tmp_path), timeout=2, max_bytes=1000)


def test_gzip_and_validators(server: tuple[_Server, str], tmp_path: Path) -> None:
    state, url = server
    spec = Spec("alpha", url)
    body = encode(document(project("A-1", "projects/a.md")))
    state.answer = (200, gzip.compress(body), {"Content-Encoding": "gzip", "ETag": '"v1"'})
    data, validators = fetch(spec, str(tmp_path), timeout=5, max_bytes=1 << 20)
    assert data == body and validators == {"etag": '"v1"'}
    assert state.requests[-1]["Accept-Encoding"] == "gzip"
    state.answer = (200, gzip.compress(b" " * 5000), {"Content-Encoding": "gzip"})
    with pytest.raises(Fault, match=r"^larger than"):  # counted unpacked: a small bomb does not get through
        fetch(spec, str(tmp_path), timeout=5, max_bytes=1000)
    state.answer = (304, b"", {})
    assert fetch(spec, str(tmp_path), timeout=5, max_bytes=1000, validators={"etag": '"v1"'}) == (None, {})
    assert state.requests[-1]["If-None-Match"] == '"v1"'


def test_the_last_good_copy_is_used_when_a_source_fails(server: tuple[_Server, str], tmp_path: Path) -> None:
    state, url = server
    spec = Spec("alpha", url)
    kept = Kept(str(tmp_path / "cache"))
    good = encode(document(project("A-1", "projects/a.md")))
    state.answer = (200, good, {"ETag": '"v1"'})
    first = load(spec, str(tmp_path), kept, timeout=5, max_bytes=1 << 20, now=NOW)
    assert first.fault is None and first.message(NOW) is None and first.document is not None
    assert (tmp_path / "cache/sources/alpha.json").read_bytes() == good
    state.answer = (304, b"", {})  # unchanged: the copy kept is used, and it is no fault
    again = load(spec, str(tmp_path), kept, timeout=5, max_bytes=1 << 20, now=NOW)
    assert again.fault is None and again.digest == first.digest
    state.answer = (200, b"{broken", {})
    later = NOW + dt.timedelta(days=2, hours=1)
    failed = load(spec, str(tmp_path), kept, timeout=5, max_bytes=1 << 20, now=later)
    assert failed.document == first.document
    assert failed.message(later) == (
        f"source 'alpha' ({url}): not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1); "
        "using the copy kept on 2026-12-03 09:41 UTC (2 days old)"
    )
    assert (tmp_path / "cache/sources/alpha.json").read_bytes() == good  # a bad answer never replaces the good copy
    nothing = load(spec, str(tmp_path), Kept(str(tmp_path / "empty")), timeout=5, max_bytes=1 << 20, now=NOW)
    assert nothing.document is None
    assert nothing.message(NOW) == (
        f"source 'alpha' ({url}): not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1); "
        "no copy is kept in cache_dir: its entities are left out of this build"
    )


def test_sources_are_read_at_once_in_the_order_given(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.json").write_bytes(encode(document(project(f"{name.upper()}-1", "p.md"))))
    found = load_all([Spec(n, f"{n}.json") for n in ("c", "a", "b")], str(tmp_path), None, timeout=5, max_bytes=1 << 20)
    assert [f.spec.name for f in found] == ["c", "a", "b"]
    assert [f.document["entities"][0]["id"] for f in found if f.document] == ["C-1", "A-1", "B-1"]


# ------------------------------------------------------------------ in the model


def test_remote_entities_join_the_model_and_link_home() -> None:
    doc = document(
        project("A-1", "projects/a.md", start="2026-01-01", end="2026-12-31", depends_on=[{"id": "PMO-1"}]),
        project("A-2", "projects/b.md", url="https://alpha.example.test/b/") | {"url": "https://alpha.example.test/b/"},
        project("THEIRS", "x.md") | {"source": "gamma"},  # alpha's own import: not alpha's to give
        {"id": "PORTFOLIO", "type": "portfolio", "virtual": True, "front_matter": {}},
    )
    remote, unlinked = remote_pages("alpha", doc, site_url=None, options=ParseOptions())
    assert [p.src_uri for p in remote] == ["alpha:projects/a.md", "alpha:projects/b.md"] and unlinked == 0
    pmo = sources({"projects/p.md": page("type: project", "id: PMO-1", "owner: Bo", "depends_on: [A-2]")})
    registry = Registry.build(pmo, remote=remote)
    a1, a2, p1 = registry.get("A-1"), registry.get("A-2"), registry.get("PMO-1")
    assert a1 is not None and a2 is not None and p1 is not None
    assert (a1.origin, a1.file, home_url(a1)) == ("alpha", "alpha:projects/a.md", "https://alpha.example.test/projects/a/")
    assert home_url(a2) == "https://alpha.example.test/b/" and p1.origin is None and home_url(p1) is None
    assert [e.target for e in a1.rel.depends_on] == [p1] and [e.target for e in p1.rel.depends_on] == [a2]
    assert registry.get("THEIRS") is None


def test_remote_diagnostics_name_the_source_and_a_clash_names_both() -> None:
    doc = document(project("A-1", "projects/a.md", depends_on=[{"id": "NOPE"}], colour="red"))
    remote, _ = remote_pages("alpha", doc, site_url=None, options=ParseOptions())
    registry = Registry.build(sources({"projects/p.md": page("type: project", "id: a-1", "owner: Bo")}), remote=remote)
    # Its own data is its site's to fix (info); what only the model of both sites shows is an error here.
    assert [d.severity for d in registry.diagnostics] == ["info", "error", "error"]
    assert lines(registry.diagnostics) == [
        "alpha:projects/a.md: colour: unknown field 'colour'; it is ignored",
        "alpha:projects/a.md: depends_on[0]: unknown id 'NOPE': expected the id of a project, program or milestone (PROJECT#milestone)",
        "alpha:projects/a.md: id: id 'a-1' is used twice (ids are unique case-insensitively across the site and its sources); "
        "the first, projects/p.md:3, is kept and references go to it; the other is at alpha:projects/a.md (see projects/p.md:3)",
    ]


def test_only_web_addresses_are_links() -> None:
    base = "https://alpha.example.test/"
    assert home_of({"url": "javascript:alert(1)", "path": "p/"}, base) == "https://alpha.example.test/p/"
    assert home_of({"url": "javascript:alert(1)"}, base) is None
    assert home_of({"path": "//evil.example/x"}, base) is None
    assert home_of({"path": "javascript:alert(1)"}, base) is None
    assert home_of({"path": "/p/q/"}, base) == "https://alpha.example.test/p/q/"
    assert home_of({"path": "p/"}, None) is None
    assert home_of({"url": "https://alpha.example.test/p/\n"}, None) is None
    assert home_of({"url": 'https://alpha.example.test/"><script>'}, None) is None
    assert home_of({"path": 'p/"onmouseover="x'}, base) is None


def test_the_option_is_checked() -> None:
    option = SourcesOption()
    assert option.run_validation([{"name": "alpha", "url": "a/pgm.json", "site_url": "https://a.test/"}]) == [
        Spec("alpha", "a/pgm.json", "https://a.test/")
    ]
    with pytest.raises(ValidationError, match=r"^expected a list of sources \(\{name, url\}\), found 'x'$"):
        option.run_validation("x")
    with pytest.raises(ValidationError, match=r"^sources\[0\]\.name: expected a short name"):
        option.run_validation([{"name": "a b", "url": "u"}])
    with pytest.raises(ValidationError, match=r"^sources\[1\]\.name: 'A' names two sources"):
        option.run_validation([{"name": "a", "url": "u"}, {"name": "A", "url": "v"}])
    with pytest.raises(ValidationError, match=r"^sources\[0\]\.url: only http:// and https:// URLs \(or a path\) are read, found 'file:///etc/x'$"):
        option.run_validation([{"name": "a", "url": "file:///etc/x"}])
    with pytest.raises(ValidationError, match=r"^sources\[0\]: unknown key 'uri' \(expected name, url, site_url\)$"):
        option.run_validation([{"name": "a", "uri": "u"}])
    with pytest.raises(ValidationError, match=r"^sources\[0\]\.site_url: expected the http\(s\) address"):
        option.run_validation([{"name": "a", "url": "u", "site_url": "javascript:x"}])


def test_generate_and_check_read_the_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mkdocs_pgm.cli import main

    (tmp_path / "alpha.json").write_bytes(encode(document(project("A-1", "projects/a.md", start="2026-01-01", end="2026-06-30"))))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/p.md").write_text(page("type: project", "id: PMO-1", "owner: Bo", "depends_on: [A-1]"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: PMO\nplugins:\n  - pgm:\n      history: false\n      sources:\n        - name: alpha\n          url: alpha.json\n"
        "        - name: beta\n          url: beta.json\n", encoding="utf-8",
    )
    config = str(tmp_path / "mkdocs.yml")
    assert main(["check", "-f", config]) == 1  # without its sources, A-1 is unknown
    assert "depends_on[0]: unknown id 'A-1'" in capsys.readouterr().out
    assert main(["check", "--sources", "-f", config]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{config}: sources[1]: source 'beta' (beta.json): cannot read it: No such file or directory; "
        "no copy is kept in cache_dir: its entities are left out of this build [warning]"
    ]
    assert main(["check", "--sources", "--strict", "-f", config]) == 1
    capsys.readouterr()
    assert main(["generate", str(tmp_path / "out"), "-f", config]) == 0
    roadmap = (tmp_path / "out/governance/roadmap.md").read_text(encoding="utf-8")
    assert 'href="https://alpha.example.test/projects/a/"' in roadmap
    assert "source 'beta' (beta.json): cannot read it" in capsys.readouterr().err


def test_limits_are_numbers_above_zero() -> None:
    from mkdocs_pgm.config import PgmConfig

    for name in ("source_timeout", "source_max_size"):
        config = PgmConfig()
        config.load_dict({name: -1})
        errors, _ = config.validate()
        assert [(key, str(error)) for key, error in errors] == [(name, "expected a number above 0, found -1")]
        config = PgmConfig()
        config.load_dict({name: 0.5})
        assert config.validate() == ([], []) and config[name] == 0.5


def test_every_kind_of_reference_crosses_sites() -> None:
    """``supersedes``, a decision's ``scope``, ``contributes_to``, ``program`` and ``[[ID]]`` name entities of
    another site, and that site's entities name this site's."""
    doc = document(
        {"id": "ADR-A-1", "type": "decision", "title": "Queue per region", "virtual": False, "source": None, "src_uri": "adr/1.md",
         "path": "adr/1/", "front_matter": {"status": "superseded", "date": "2026-01-10", "scope": "PRG-PMO"}, "entries": []},
        project("A-1", "projects/a.md", program="PRG-PMO", contributes_to=["PRG-PMO#BEN-1"]),
        {"id": "PRG-A", "type": "program", "title": "Alpha", "virtual": False, "source": None, "src_uri": "program.md", "path": "program/",
         "front_matter": {"owner": "Ana"}, "entries": [{"kind": "benefit", "front_matter": {"id": "BEN-A", "title": "Faster"}}]},
    )
    remote, _ = remote_pages("alpha", doc, site_url=None, options=ParseOptions())
    local = sources({
        "programs/pmo.md": page("type: program", "id: PRG-PMO", "owner: Bo", "benefits:", "  - id: BEN-1", "    title: Revenue"),
        "adr/2.md": page("type: decision", "id: ADR-2", "status: accepted", "date: 2026-02-01", "scope: A-1", "supersedes: [ADR-A-1]",
                         body="See [[BEN-A]] and [[A-1]].\n"),
        "projects/p.md": page("type: project", "id: P-1", "owner: Bo", "program: PRG-A", "contributes_to: [PRG-A#BEN-A]"),
    })
    registry = Registry.build(local, remote=remote)
    assert lines(registry.diagnostics) == []
    adr_a, adr_2, a1, pmo, p1, prg_a = (registry.get(i) for i in ("ADR-A-1", "ADR-2", "A-1", "PRG-PMO", "P-1", "PRG-A"))
    assert adr_a is not None and adr_2 is not None and a1 is not None and pmo is not None and p1 is not None and prg_a is not None
    assert adr_2.rel.supersedes == [adr_a] and adr_a.rel.superseded_by == [adr_2]
    assert adr_2.scope is a1 and adr_a.scope is pmo
    assert a1.program is pmo and a1 in pmo.projects and p1.program is prg_a
    assert [b.key for b in a1.rel.contributes_to] == ["PRG-PMO#BEN-1"] and [b.key for b in p1.rel.contributes_to] == ["PRG-A#BEN-A"]
    targets = [registry.resolve(r.target) for r in adr_2.refs]
    assert [t.id for t in targets if t is not None] == ["BEN-A", "A-1"] and adr_2 in a1.rel.referenced_by


def test_serve_reads_a_url_again_only_after_a_while(server: tuple[_Server, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs serve`` rebuilds on every edit: a URL source is read again after REFRESH seconds only
    (its entities are kept, not validated again), a file source on every rebuild."""
    import logging

    from mkdocs_pgm.adapter import sources as adapter
    from mkdocs_pgm.config import PgmConfig

    state, url = server
    state.answer = (200, encode(document(project("A-1", "projects/a.md"))), {})
    (tmp_path / "b.json").write_bytes(encode(document(project("B-1", "projects/b.md"))))
    options = PgmConfig()
    options.load_dict({"sources": [{"name": "alpha", "url": url}, {"name": "beta", "url": "b.json"}]})
    assert options.validate() == ([], [])
    loader = adapter.RemoteSources(logging.getLogger("test"))
    first = loader.load(options, config_dir=str(tmp_path), cache_dir=None, serving=True)
    assert [p.src_uri for p in first] == ["alpha:projects/a.md", "beta:projects/b.md"] and len(state.requests) == 1
    (tmp_path / "b.json").write_bytes(encode(document(project("B-2", "projects/b2.md"))))
    second = loader.load(options, config_dir=str(tmp_path), cache_dir=None, serving=True)
    assert [p.src_uri for p in second] == ["alpha:projects/a.md", "beta:projects/b2.md"] and len(state.requests) == 1
    assert second[0] is first[0]  # kept, not validated again
    assert [s.entities for s in loader.states] == [1, 1]
    from mkdocs_pgm.core.federation import sources as core

    read: list[str] = []
    monkeypatch.setattr(core, "fetch", lambda spec, *args, **kwargs: read.append(spec.name) or fetch(spec, *args, **kwargs))
    third = loader.load(options, config_dir=str(tmp_path), cache_dir=None, serving=True)  # nothing changed: nothing read
    assert third == second and read == [] and len(state.requests) == 1
    (tmp_path / "b.json").write_bytes(encode(document(project("B-3", "projects/b3.md"))))
    assert [p.src_uri for p in loader.load(options, config_dir=str(tmp_path), cache_dir=None, serving=True)][1] == "beta:projects/b3.md"
    assert read == ["beta"]
    loader._read = {spec: (at - adapter.REFRESH - 1, item, stamp) for spec, (at, item, stamp) in loader._read.items()}
    loader.load(options, config_dir=str(tmp_path), cache_dir=None, serving=True)
    assert len(state.requests) == 2
    loader.load(options, config_dir=str(tmp_path), cache_dir=None, serving=False)  # a build reads every source
    assert len(state.requests) == 3


def test_a_madr_successor_survives_the_export() -> None:
    """MADR's ``status: superseded by DEC-2`` is exported as ``superseded`` with the successor in
    ``relations.superseded_by``: the import names it again, so the decision is not "superseded by nothing"."""
    def decision(ident: str, status: str, later: list[str]) -> dict[str, Any]:
        return {"id": ident, "type": "decision", "title": ident, "virtual": False, "source": None, "src_uri": f"{ident}.md",
                "path": f"{ident}/", "front_matter": {"status": status, "date": "2026-01-10"}, "relations": {"superseded_by": later},
                "entries": []}

    doc = document(decision("DEC-1", "superseded", ["DEC-2"]), decision("DEC-2", "accepted", []))
    remote, _ = remote_pages("alpha", doc, site_url=None, options=ParseOptions())
    registry = Registry.build([], remote=remote)
    assert lines(registry.diagnostics) == []
    first, second = registry.get("DEC-1"), registry.get("DEC-2")
    assert first is not None and second is not None and first.rel.superseded_by == [second] and first.status == "superseded"
