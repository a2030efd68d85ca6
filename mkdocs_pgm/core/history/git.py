"""Each page's history, read from git at build time: one ``git log`` of the docs folder, then
the text of each version of each page (one ``git cat-file --batch`` for all of them), read by
the same parser and schema as the page itself (:func:`..model.registry.parse_page`).

Cached in ``cache_dir``: the log by commit (a warm build asks git only for the commits since the
last head it read) and each version's state by blob id (a file's text at a commit is read once).
Git is never required: no ``git`` program, no repository, a folder outside it or a shallow clone
give a :class:`.timeline.History` that says, in words, what is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.registry import PageSource, ParseOptions, parse_page
from .changes import Source
from .state import State, state_of
from .timeline import History, Revision

#: Seconds any one git command may take.
TIMEOUT = 120
_DELETED = "0" * 40
#: Bump when the cached states' shape or meaning changes.
_FORMAT = "1"
CI_HINT = "in CI, fetch the whole history (GitHub Actions: actions/checkout with 'fetch-depth: 0'; GitLab CI: GIT_DEPTH: 0)"


class GitError(Exception):
    pass


def _git(root: str, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", root, *args], input=stdin, capture_output=True, timeout=TIMEOUT, check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError as exc:
        raise GitError("the git program is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} took more than {TIMEOUT} s") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


@dataclass
class Commit:
    id: str
    date: dt.date
    author: str
    subject: str
    #: (path relative to the repository, blob id after the commit; deleted: zeros).
    files: list[tuple[str, str]] = field(default_factory=list)


def _unquote(path: str) -> str:
    if path.startswith('"') and path.endswith('"'):
        return path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")
    return path


def parse_log(output: bytes) -> list[Commit]:
    """The commits of ``git log --format=%x1e%H%x1f%ct%x1f%aN%x1f%s --raw --no-renames --no-abbrev``, oldest first."""
    commits = []
    for block in output.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _, rest = block.partition("\n")
        parts = head.split("\x1f")
        if len(parts) < 4:
            continue
        commit = Commit(parts[0], dt.datetime.fromtimestamp(int(parts[1]), dt.timezone.utc).date(), parts[2], parts[3])
        for line in rest.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            fields = meta.split()
            if len(fields) >= 5:
                commit.files.append((_unquote(path), fields[3]))
        commits.append(commit)
    return commits[::-1]


def _read_blobs(root: str, blobs: list[str]) -> dict[str, bytes]:
    """The content of each blob, by one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(b + "\n" for b in blobs).encode())
    found: dict[str, bytes] = {}
    position = 0
    for blob in blobs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[blob] = out[position:position + size]
        position += size + 1
    return found


class Reader:
    """Reads (and caches) the history of the pages of one docs folder."""

    def __init__(self, docs_dir: str, cache_dir: str | None, options: ParseOptions, *, code: str = "") -> None:
        self.docs_dir = os.path.abspath(docs_dir)
        self.cache = Path(cache_dir) / "history" if cache_dir else None
        self.options = options
        self.key = json.dumps([_FORMAT, code, list(options.ignore_fields), list(options.decision_dirs), options.adr_prefix])
        #: Kept between `mkdocs serve` rebuilds: states by blob, the log.
        self._states: dict[str, dict[str, Any] | None] = {}
        self._log: tuple[str, list[Commit]] | None = None
        self._loaded = False
        self.blobs_read = 0

    def read(self, *, since: dt.date | None = None) -> History:
        """The history of every Markdown page of the docs folder (pages removed since included)."""
        try:
            top = _git(self.docs_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD").decode().split("\n")
        except GitError as exc:
            reason = "the git program is not installed" if "not installed" in str(exc) else f"the docs folder is not in a git repository ({exc})"
            return History(missing=(
                f"no page history: {reason}; slip histories, trends and changes since a date need it "
                "(set 'history: false' if that is meant)"
            ))
        root, shallow, head = top[0], top[1] == "true", top[2]
        prefix = os.path.relpath(self.docs_dir, os.path.realpath(root)).replace(os.sep, "/")
        if prefix.startswith(".."):
            return History(missing="no page history: the docs folder is outside its git repository")
        prefix = "" if prefix == "." else prefix + "/"
        self._load_cache()
        try:
            commits = self._commits(root, head, prefix, since)
            base = self._base(root, prefix, since, commits) if since is not None else {}
            history = self._history(root, commits, base, prefix)
        except GitError as exc:
            return History(missing=f"no page history: git failed: {exc}")
        history.head = head
        if shallow:
            history.missing = (
                f"page history is partial: the clone is shallow ({history.commits} commits read), "
                f"so slips and changes before them are missing; {CI_HINT}"
            )
        self._save_cache()
        return history

    def _commits(self, root: str, head: str, prefix: str, since: dt.date | None) -> list[Commit]:
        """The commits that touched the docs folder, oldest first; only the new ones are asked of git."""
        scope = [f"--since={since.isoformat()}"] if since is not None else []
        key = head + "|" + prefix + "|" + (since.isoformat() if since else "")
        if self._log is not None and self._log[0] == key:
            return self._log[1]
        args = ["log", "--format=%x1e%H%x1f%ct%x1f%aN%x1f%s", "--raw", "--no-renames", "--no-abbrev", *scope]
        known = self._log[1] if self._log is not None and self._log[0].split("|")[1:] == key.split("|")[1:] else []
        commits: list[Commit] | None = None
        if known:
            last = known[-1].id
            try:
                _git(root, "merge-base", "--is-ancestor", last, head)
                commits = known + parse_log(_git(root, *args, f"{last}..{head}", "--", prefix or "."))
            except GitError:
                commits = None  # history rewritten: read it all again
        if commits is None:
            commits = parse_log(_git(root, *args, "HEAD", "--", prefix or "."))
        self._log = (key, commits)
        return commits

    def _base(self, root: str, prefix: str, since: dt.date, commits: list[Commit]) -> dict[str, tuple[str, Commit]]:
        """With ``history_since``: each page as it was just before, so that states before it are known."""
        try:
            first = _git(root, "rev-list", "-1", f"--before={since.isoformat()}", "HEAD").decode().strip()
        except GitError:
            return {}
        if not first:
            return {}
        listing = _git(root, "ls-tree", "-r", "--full-tree", first, "--", prefix or ".").decode("utf-8", "replace")
        meta = _git(root, "log", "-1", "--format=%ct%x1f%aN%x1f%s", first).decode("utf-8", "replace").strip().split("\x1f")
        commit = Commit(first, dt.datetime.fromtimestamp(int(meta[0]), dt.timezone.utc).date(), meta[1], meta[2] if len(meta) > 2 else "")
        found = {}
        for line in listing.splitlines():
            info, _, path = line.partition("\t")
            fields = info.split()
            if len(fields) == 3 and fields[1] == "blob":
                found[_unquote(path)] = (fields[2], commit)
        return found

    def _history(self, root: str, commits: list[Commit], base: dict[str, tuple[str, Commit]], prefix: str) -> History:
        def page(path: str) -> str | None:
            if not path.startswith(prefix):
                return None
            src_uri = path[len(prefix):]
            return src_uri if src_uri.endswith((".md", ".markdown")) else None

        steps: list[tuple[Commit, str, str]] = []  # (commit, src_uri, blob)
        for path, (blob, commit) in base.items():
            src_uri = page(path)
            if src_uri is not None:
                steps.append((commit, src_uri, blob))
        for commit in commits:
            for path, blob in commit.files:
                src_uri = page(path)
                if src_uri is not None:
                    steps.append((commit, src_uri, blob))
        # A version's state is kept by blob and path (the path decides the default id, and whether an ADR folder holds it).
        missing = sorted({(blob, src_uri) for _, src_uri, blob in steps if blob != _DELETED and f"{blob}:{src_uri}" not in self._states})
        texts = _read_blobs(root, sorted({blob for blob, _ in missing}))
        self.blobs_read = len(missing)
        for blob, src_uri in missing:
            data = texts.get(blob)
            self._states[f"{blob}:{src_uri}"] = None if data is None else self._state(src_uri, data)
        history = History(commits=len(commits), first=min((c.date for c, _, _ in steps), default=None))
        previous: dict[str, State | None] = {}
        for commit, src_uri, blob in steps:
            history.last_changed[src_uri] = commit.date
            kept = self._states.get(f"{blob}:{src_uri}") if blob != _DELETED else None
            state = State.from_json(kept) if kept is not None else None
            if src_uri in previous and previous[src_uri] == state:
                continue  # the body changed, not what governance follows
            previous[src_uri] = state
            history.revisions.setdefault(src_uri, []).append(Revision(Source("commit", commit.date, commit.id, commit.subject, commit.author), state))
        return history

    def _state(self, src_uri: str, data: bytes) -> dict[str, Any] | None:
        parsed = parse_page(PageSource(src_uri, src_uri, data.decode("utf-8", "replace")), self.options)
        if parsed.model is None:
            return None
        return state_of(parsed.ident, parsed.title, parsed.model).to_json()

    # ------------------------------------------------------------------ cache

    def _load_cache(self) -> None:
        if self._loaded or self.cache is None:
            return
        self._loaded = True
        try:
            data = json.loads((self.cache / "states.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("key") == self.key and isinstance(data.get("states"), dict):
            self._states.update(data["states"])
        try:
            log = json.loads((self.cache / "log.json").read_text(encoding="utf-8"))
            if isinstance(log, dict) and log.get("key") == self.key:
                self._log = (str(log["head"]), [
                    Commit(c[0], dt.date.fromisoformat(c[1]), c[2], c[3], [tuple(f) for f in c[4]]) for c in log["commits"]
                ])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            self._log = None

    def _save_cache(self) -> None:
        if self.cache is None:
            return
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            _write(self.cache / "states.json", {"key": self.key, "states": self._states})
            if self._log is not None:
                _write(self.cache / "log.json", {"key": self.key, "head": self._log[0], "commits": [
                    [c.id, c.date.isoformat(), c.author, c.subject, c.files] for c in self._log[1]
                ]})
        except OSError:
            pass


def _write(path: Path, data: object) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, path)


def resolve_ref(docs_dir: str, ref: str) -> tuple[str, dt.date, frozenset[str]] | None:
    """A git ref's commit, its date and the commits of its history (None: not a ref here)."""
    if ref.startswith("-"):
        return None
    try:
        commit = _git(docs_dir, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
        stamp = _git(docs_dir, "log", "-1", "--format=%ct", commit).decode().strip()
        ancestors = _git(docs_dir, "rev-list", commit).decode().split()
    except GitError:
        return None
    return commit, dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date(), frozenset(ancestors)
