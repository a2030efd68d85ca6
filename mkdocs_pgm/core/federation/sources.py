"""Reading the ``pgm.json`` of other sites (the ``sources`` option): fetch, check, keep the last good copy.

A source is read in full within a time limit and a size limit, and checked before use:
JSON, a ``pgm.json`` (an ``entities`` list), a format version this plugin reads (1.x)
and, when it carries one, a content hash that matches its content. What fails gives a
:class:`Fault` saying what went wrong, and the last good copy, kept in the cache folder
(``sources/NAME.json``), is used instead, with its age. An HTTP source is asked again with
the validators of the copy kept (``ETag``, ``Last-Modified``): an unchanged file is not
downloaded again. Several sources are read at once (:func:`load_all`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ... import __version__
from ..exports.formats import EXPORT_VERSION, content_hash
from .records import source_site

#: The format versions read: any 1.x (a minor version only adds keys, which are ignored).
MAJOR = EXPORT_VERSION.split(".")[0]
#: The most sources read at the same time.
MAX_WORKERS = 8
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Spec:
    """One item of the ``sources`` option."""

    name: str
    url: str
    """An http(s) URL, or a path (relative to the folder of mkdocs.yml)."""
    site_url: str | None = None

    @property
    def remote(self) -> bool:
        return self.url.startswith(("http://", "https://"))


class Fault(Exception):
    """What went wrong with a source, in words (``HTTP error 500 (Internal Server Error)``)."""


@dataclass(frozen=True)
class Loaded:
    """A source as this build uses it."""

    spec: Spec
    #: The document (None: no usable copy at all).
    document: Mapping[str, Any] | None
    #: Digest of the bytes read: an unchanged source need not be read into the model again.
    digest: str = ""
    #: What went wrong reading it now (None: it was read).
    fault: str | None = None
    #: When the copy used was fetched, if it is the one kept in the cache (because of ``fault``).
    kept: dt.datetime | None = None
    seconds: float = 0.0

    def state(self, entities: int) -> SourceState:
        """What the build made of it, with ``entities`` of its entities in the model."""
        return SourceState(self.spec.name, self.spec.url, source_site(self.spec.site_url, self.document), entities, self.fault, self.kept)

    def message(self, now: dt.datetime) -> str | None:
        """The one warning this source gives (None: it was read)."""
        if self.fault is None:
            return None
        where = f"source '{self.spec.name}' ({self.spec.url}): {self.fault}"
        if self.document is None:
            return f"{where}; no copy is kept in cache_dir: its entities are left out of this build"
        if self.kept is None:
            return where
        return f"{where}; using the copy kept on {self.kept:%Y-%m-%d %H:%M} UTC ({age_text(now - self.kept)})"


@dataclass(frozen=True)
class SourceState:
    """What a build made of a source, as the dashboard and ``pgm.json`` show it."""

    name: str
    url: str
    #: The address of its site (for a link), when known.
    site: str | None
    #: How many of its entities joined the model.
    entities: int
    #: What went wrong reading it now (None: it is current).
    fault: str | None = None
    #: When the copy used instead was fetched (None: none was, or it is current).
    kept: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "site_url": self.site, "entities": self.entities, "fault": self.fault,
                "kept": self.kept.isoformat(timespec="seconds") if self.kept is not None else None}


def age_text(age: dt.timedelta) -> str:
    """``less than a minute old``, ``5 minutes old``, ``3 hours old``, ``2 days old``."""
    seconds = max(0, int(age.total_seconds()))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} old"
    return "less than a minute old"


def read_document(data: bytes, *, verify: bool = True) -> dict[str, Any]:
    """``data`` as a ``pgm.json`` this plugin reads, or a :class:`Fault` saying why not. ``verify``: check its
    content hash (bytes checked before need not be: the hash costs as much again as the JSON)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise Fault(f"not valid JSON: not UTF-8 at byte {exc.start}") from None
    except ValueError as exc:
        raise Fault(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise Fault("not valid JSON: nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("entities"), list):
        raise Fault("not a pgm.json (it has no 'entities' list)")
    version = document.get("version")
    if not isinstance(version, str) or version.split(".")[0] != MAJOR:
        shown = version if isinstance(version, str) else json.dumps(version)
        raise Fault(f"format version {shown[:40]} is not supported (this mkdocs-pgm reads {MAJOR}.x)")
    written = document.get("content_hash")
    if written is not None and verify:
        try:
            actual = content_hash(document)
        except (TypeError, ValueError, RecursionError):
            actual = ""
        if written != actual:
            raise Fault("its content hash does not match its content (cut short or edited on the way?)")
    return document


def fetch(spec: Spec, base_dir: str, *, timeout: float, max_bytes: int, validators: Mapping[str, str] | None = None) -> tuple[bytes | None, dict[str, str]]:
    """The bytes of ``spec``'s file and the HTTP validators to keep with them; (None, {}) when
    the server says the copy with ``validators`` is still current (304). Raises :class:`Fault`."""
    if not spec.remote:
        path = os.path.join(base_dir, spec.url)
        try:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise Fault(f"larger than {_megabytes(max_bytes)}")
            with open(path, "rb") as file:
                return file.read(max_bytes + 1), {}
        except OSError as exc:
            raise Fault(f"cannot read it: {exc.strerror or exc}") from None
    headers = {"User-Agent": f"mkdocs-pgm/{__version__}", "Accept": "application/json", "Accept-Encoding": "gzip"}
    if validators:
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
    request = urllib.request.Request(spec.url, headers=headers)
    deadline = time.monotonic() + timeout
    late = Fault(f"no answer within {timeout:g} s")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            gzipped = answer.headers.get("Content-Encoding", "").lower() == "gzip"
            inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise late
                chunk = answer.read(_CHUNK)
                if not chunk:
                    break
                if inflate is not None:
                    chunk = inflate.decompress(chunk, max_bytes + 1 - size)
                size += len(chunk)
                if size > max_bytes:
                    raise Fault(f"larger than {_megabytes(max_bytes)}")
                chunks.append(chunk)
            kept = {k: v for k, v in (("etag", answer.headers.get("ETag")), ("last_modified", answer.headers.get("Last-Modified"))) if v}
            return b"".join(chunks), kept
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and validators:
            return None, {}
        raise Fault(f"HTTP error {exc.code} ({exc.reason})") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise late from None
        raise Fault(f"cannot read it: {exc.reason}") from None
    except TimeoutError:
        raise late from None
    except zlib.error as exc:
        raise Fault(f"cannot read it: not valid gzip ({exc})") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise Fault(f"cannot read it: {exc or type(exc).__name__}") from None


def byte_limit(megabytes: float) -> int:
    """The ``source_max_size`` option (megabytes) in bytes."""
    return int(megabytes * 1024 * 1024)


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB"


def _digest(data: bytes) -> str:
    """What a source's bytes are known by (in the cache and in :class:`Loaded`)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Kept:
    """The last good copy of each source, in ``cache_dir/sources`` (None: no cache folder)."""

    def __init__(self, cache_dir: str | None) -> None:
        self.folder = Path(cache_dir, "sources") if cache_dir else None

    def _paths(self, name: str) -> tuple[Path, Path] | None:
        if self.folder is None:
            return None
        return self.folder / f"{name}.json", self.folder / f"{name}.meta.json"

    def read(self, spec: Spec) -> tuple[bytes, dict[str, Any]] | None:
        """The copy kept of ``spec`` (its bytes and what was kept with them), if it came from the same address."""
        paths = self._paths(spec.name)
        if paths is None:
            return None
        try:
            meta = json.loads(paths[1].read_text(encoding="utf-8"))
            data = paths[0].read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != spec.url or not isinstance(meta.get("fetched"), str):
            return None
        return data, meta

    def write(self, spec: Spec, data: bytes | None, validators: Mapping[str, str], fetched: dt.datetime) -> None:
        """Keep ``data`` (None: the copy kept is still current) as fetched at ``fetched``."""
        paths = self._paths(spec.name)
        if paths is None:
            return
        meta = {"url": spec.url, "fetched": fetched.isoformat(timespec="seconds"), **validators}
        try:
            paths[0].parent.mkdir(parents=True, exist_ok=True)
            if data is not None:
                _replace(paths[0], data)
            _replace(paths[1], json.dumps(meta, sort_keys=True).encode("utf-8"))
        except OSError:
            pass  # a read-only cache folder: the build goes on, the next one fetches again


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a build stopped half-way leaves the old copy)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _fetched_at(meta: Mapping[str, Any]) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(str(meta["fetched"]))
    except (KeyError, ValueError):
        return None
    return when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)


def load(spec: Spec, base_dir: str, kept: Kept, *, timeout: float, max_bytes: int, now: dt.datetime) -> Loaded:
    """``spec`` as this build uses it: read now, else the copy kept (with the fault), else nothing."""
    started = time.perf_counter()
    copy = kept.read(spec)
    fault: str
    try:
        validators = {k: str(v) for k, v in copy[1].items() if k in ("etag", "last_modified")} if copy is not None else None
        data, fresh = fetch(spec, base_dir, timeout=timeout, max_bytes=max_bytes, validators=validators)
        if data is None:  # 304: the copy kept is current
            assert copy is not None and validators is not None
            data, fresh = copy[0], validators
        digest = _digest(data)
        same = copy is not None and copy[1].get("digest") == digest and copy[0] == data
        document = read_document(data, verify=not same)  # the copy kept was checked when it was kept
        kept.write(spec, None if same else data, {**fresh, "digest": digest}, now)
        return Loaded(spec, document, digest, seconds=time.perf_counter() - started)
    except Fault as exc:
        fault = str(exc)
    if copy is not None:
        digest = _digest(copy[0])
        try:
            document = read_document(copy[0], verify=copy[1].get("digest") != digest)
        except Fault:
            pass
        else:
            return Loaded(spec, document, digest, fault, _fetched_at(copy[1]), time.perf_counter() - started)
    return Loaded(spec, None, "", fault, seconds=time.perf_counter() - started)


def load_all(
    specs: Sequence[Spec], base_dir: str, cache_dir: str | None, *, timeout: float, max_bytes: int,
    now: Callable[[], dt.datetime] | None = None, skip: Callable[[Spec], Loaded | None] | None = None,
) -> list[Loaded]:
    """Every source of ``specs``, read at the same time, in the order given. ``skip(spec)``: a
    result to use instead of reading ``spec`` again (``mkdocs serve`` reads URLs now and then)."""
    kept = Kept(cache_dir)
    clock = now or (lambda: dt.datetime.now(dt.timezone.utc))
    moment = clock()
    results: list[Loaded | None] = [skip(spec) if skip is not None else None for spec in specs]
    todo = [i for i, found in enumerate(results) if found is None]
    if len(todo) == 1:
        results[todo[0]] = load(specs[todo[0]], base_dir, kept, timeout=timeout, max_bytes=max_bytes, now=moment)
    elif todo:
        with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(todo)), thread_name_prefix="pgm-source") as pool:
            futures = {i: pool.submit(load, specs[i], base_dir, kept, timeout=timeout, max_bytes=max_bytes, now=moment) for i in todo}
            for i, future in futures.items():
                results[i] = future.result()
    return [r for r in results if r is not None]
