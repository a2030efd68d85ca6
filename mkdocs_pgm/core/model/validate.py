"""Lenient validation: report every problem, drop only the invalid value.

Pydantic reports all errors of a document in one pass. Each error is turned
into a :class:`Diagnostic` with the line of the offending key, the offending
value is removed, and the page is validated again without it, so a page with
one bad field still builds with all its good ones. Text longer than its limit
is not removed but cut, with a warning.

Every step is linear in the size of the page: each round validates once, a
round copies only the containers that lose a value, and list indices are
mapped between the model and the source by binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, describe, did_you_mean
from ..text import ID_PATTERN, normalize_key
from . import schema
from .frontmatter import FrontMatter, Path, path_text

#: MkDocs and Material front-matter keys that are not ours and are never reported.
HOST_KEYS = frozenset(
    {
        "template", "description", "hide", "icon", "search", "comments", "subtitle",
        "social", "status_text", "render_macros", "authors", "draft", "categories",
        "slug", "readtime", "pin", "links_title", "nav_title", "meta", "robots",
    }
)

_MAX_ROUNDS = 8

#: Which of several errors on one value to show: the most specific.
_RANK = {"missing": 3, "extra_forbidden": 3, "value_error": 2, "literal_error": 2, "less_than_equal": 2, "greater_than_equal": 2}


class _Gaps:
    """The list items removed under each list, for index arithmetic.

    For a list whose items ``r_0 < r_1 < …`` were removed, ``kept_before[j]``
    is ``r_j - j``: how many kept items come before ``r_j``. The ``k``-th kept
    item is then at ``k + bisect_right(kept_before, k)`` (O(log n) a lookup).
    """

    def __init__(self, removed: Iterable[Path]) -> None:
        by_list: dict[Path, list[int]] = {}
        for path in removed:
            if path and isinstance(path[-1], int):
                by_list.setdefault(path[:-1], []).append(path[-1])
        self.kept_before: dict[Path, list[int]] = {}
        for container, indices in by_list.items():
            indices.sort()
            self.kept_before[container] = [index - rank for rank, index in enumerate(indices)]

    def source_index(self, container: Path, kept: int) -> int:
        """The index in the source list of the ``kept``-th item left in it."""
        gaps = self.kept_before.get(container)
        return kept + bisect_right(gaps, kept) if gaps else kept


class SourceMap:
    """Lines of a validated model's values in the source file.

    Dropping an invalid list item shifts the items after it; this maps a path
    in the model (``("risks", 1)``) back to the path as written.
    """

    def __init__(self, fm: FrontMatter, removed: set[Path] | frozenset[Path] = frozenset()) -> None:
        self.fm = fm
        self.removed = removed
        self._gaps = _Gaps(removed) if removed else None

    def source_path(self, path: Path) -> Path:
        if self._gaps is None:  # nothing was dropped: the model's path is the source's
            return tuple(path)
        out: Path = ()
        for part in path:
            if isinstance(part, int):
                part = self._gaps.source_index(out, part)
            out += (part,)
        return out

    def line(self, *path: str | int) -> int | None:
        return self.fm.line_of(self.source_path(tuple(path)))


def validate_page(
    fm: FrontMatter, file: str, *, ignore: Iterable[str] = ()
) -> tuple[schema.Page | None, list[Diagnostic], SourceMap]:
    """Validate the front matter of one page.

    Returns the model (``None`` when the page does not take part: no ``type``,
    or an unknown one), the diagnostics in line order, and the map from model
    paths to source lines.
    """
    return _validate_page(fm, file, ignore)


def _validate_page(
    fm: FrontMatter, file: str, ignore: Iterable[str]
) -> tuple[schema.Page | None, list[Diagnostic], SourceMap]:
    data = fm.data
    diagnostics: list[Diagnostic] = []
    if not data or "type" not in data:
        return None, diagnostics, SourceMap(fm)
    kind = data["type"]
    model_cls = schema.PAGE_MODELS.get(kind.strip().lower()) if isinstance(kind, str) else None
    if model_cls is None:
        diagnostics.append(
            Diagnostic(
                file,
                fm.line_of(("type",)),
                "type",
                f"expected one of {', '.join(schema.PAGE_MODELS)}, found {describe(kind)}"
                + (did_you_mean(kind, schema.PAGE_MODELS) if isinstance(kind, str) else "")
                + "; the page is not part of the governance model",
            )
        )
        return None, diagnostics, SourceMap(fm)

    skip = HOST_KEYS | {normalize_key(k) for k in ignore}
    work = {k: v for k, v in data.items() if k not in skip}
    work["type"] = model_cls.kind
    removed: set[Path] = set()
    cut: dict[Path, str] = {}
    model = None
    for _ in range(_MAX_ROUNDS):
        candidate = _without(work, removed, cut)
        try:
            model = model_cls.model_validate(candidate)
            break
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            gaps = _Gaps(removed)
            # Text too long is cut, not dropped: first, so that the other
            # branches of a union (a stakeholder is a mapping or a name) do
            # not drop the value that the text branch keeps.
            shortened: dict[Path, str] = {}
            for error in errors:
                if error["type"] == "string_too_long":
                    where = _resolve(tuple(error["loc"]), work, removed, gaps)
                    if where and where not in cut:
                        shortened[where] = _shorten(error)
                        diagnostics.append(_too_long(error, where, fm, file))
            # The other branch of a union (a stakeholder written as a mapping
            # is not a name) holds the cut text too: it is judged next round.
            around = {cut_path[:end] for cut_path in shortened for end in range(1, len(cut_path) + 1)}
            dropped: set[Path] = set()
            found: dict[tuple[str, int | None, Path | str], tuple[int, Diagnostic]] = {}  # by place, and path or message
            # Locations refer to this round's input: resolve them all
            # against the removals made before it.
            judged = [(error, *_diagnose(error, work, removed, gaps, model_cls, fm, file)) for error in errors if error["type"] != "string_too_long"]
            # A mapping where a union also takes text (a stakeholder) is judged by its mapping branch
            # alone when that branch names a field: "expected a string" would drop the whole entry.
            inner = {path[:end] for _, path, _ in judged if path for end in range(1, len(path))}
            for error, path, diag in judged:
                if path and path in around:
                    continue
                if error["type"] == "string_type" and isinstance(error.get("input"), dict) and path in inner:
                    continue
                if path:
                    dropped.add(path)
                if diag is None:
                    continue
                # A union reports one error per branch: keep the most telling one.
                rank = _RANK.get(error["type"], 0)
                key = (diag.file, diag.line, path) if path else (diag.file, diag.line, diag.message)
                if key not in found or rank > found[key][0]:
                    found[key] = (rank, diag)
            diagnostics.extend(diag for _, diag in found.values())
            if not dropped - removed and not shortened:  # nothing left to change: give up on the page
                break
            removed |= dropped
            cut.update(shortened)
    if model is None:
        diagnostics.append(Diagnostic(file, fm.line_of(("type",)), "type", "the page could not be read; it is left out"))
        return None, _unique(diagnostics), SourceMap(fm, removed)

    source = SourceMap(fm, removed)
    for name in model_cls.required:
        if getattr(model, name, None) in (None, ""):
            reason = "missing" if ((name,) not in fm.lines or (name,) in removed) else "empty"
            diagnostics.append(
                Diagnostic(file, fm.line_of((name,)) or fm.line_of(("type",)), name, f"required for a {model_cls.kind} page, but {reason}", code="missing")
            )
    for collection in schema.NESTED_KINDS:
        for index, item in enumerate(getattr(model, collection, ())):
            for name in item.required:
                if getattr(item, name, None) is None:
                    written = source.source_path((collection, index))
                    diagnostics.append(
                        Diagnostic(
                            file, fm.line_of(written), path_text(written + (name,)),
                            f"required for a {collection[:-1]} entry, but missing", code="missing",
                        )
                    )
    if isinstance(model, schema.ProjectPage) and model.start and model.end and model.end < model.start:
        diagnostics.append(
            Diagnostic(file, fm.line_of(("end",)), "end", f"expected a date on or after start ({model.start}), found {model.end}; end is left out")
        )
        model.end = None
    return model, _unique(diagnostics), source


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: dict[tuple[Any, ...], Diagnostic] = {}
    for d in diagnostics:
        seen.setdefault((d.file, d.line, d.field, d.message), d)
    return sorted(seen.values(), key=Diagnostic.sort_key)


def _without(data: Any, removed: set[Path], cut: dict[Path, str]) -> Any:
    """A copy of ``data`` without the removed paths and with the cut texts (original indices).

    Only the containers on the way to a change are copied; everything else is
    shared (validation does not mutate its input).
    """
    if not removed and not cut:
        return data
    changed: set[Path] = set()  # every container holding a change, at any depth
    for path in (*removed, *cut):
        for end in range(len(path)):
            changed.add(path[:end])
    return _copy(data, (), removed, cut, changed)


def _copy(data: Any, path: Path, removed: set[Path], cut: dict[Path, str], changed: set[Path]) -> Any:
    if path in cut:
        return cut[path]
    if path not in changed:
        return data
    if isinstance(data, dict):
        return {
            k: _copy(v, path + (k,), removed, cut, changed) for k, v in data.items() if path + (k,) not in removed
        }
    if isinstance(data, list):
        return [
            _copy(v, path + (i,), removed, cut, changed) for i, v in enumerate(data) if path + (i,) not in removed
        ]
    return data


def _resolve(loc: tuple[Any, ...], data: Any, removed: set[Path], gaps: _Gaps) -> Path:
    """Map a pydantic error location onto a path in the original data.

    List indices are translated back past removed items. Parts that are not in
    the data (the names pydantic gives union branches, a missing field) are
    skipped: the result is the deepest path that exists.
    """
    path: Path = ()
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current and path + (part,) not in removed:
            path += (part,)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int):
            index = gaps.source_index(path, part)
            if index >= len(current):
                break
            path += (index,)
            current = current[index]
    return path


def _shorten(error: Any) -> str:
    """The text of a ``string_too_long`` error, cut to its limit and ending in '…'."""
    limit = int(error["ctx"]["max_length"])
    value = error["input"]
    text = (value if isinstance(value, str) else str(value)).strip()
    return text[: limit - 1] + "…"


def _too_long(error: Any, path: Path, fm: FrontMatter, file: str) -> Diagnostic:
    limit = int(error["ctx"]["max_length"])
    value = error["input"]
    length = len((value if isinstance(value, str) else str(value)).strip())
    return Diagnostic(
        file, fm.line_of(path), path_text(path),
        f"is {length:,} characters long, more than {limit:,}; only the first {limit - 1:,} are kept",
        severity="warning", code="text-too-long",
    )


def _model_at(model_cls: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (best effort)."""
    current: Any = model_cls
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _first_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _first_model(annotation: Any) -> Any:
    stack = [annotation]
    while stack:
        item = stack.pop(0)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        stack.extend(getattr(item, "__args__", ()) or ())  # Optional[...], list[...], Annotated[...]
        origin = getattr(item, "__origin__", None)
        if origin is not None and origin not in (list, tuple, dict) and hasattr(origin, "__args__"):
            stack.append(origin)
    return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items() if name != "type"]


def _diagnose(
    error: Any, data: dict[str, Any], removed: set[Path], gaps: _Gaps, model_cls: type[BaseModel], fm: FrontMatter, file: str
) -> tuple[Path | None, Diagnostic | None]:
    loc = tuple(error["loc"])
    kind = error["type"]
    path = _resolve(loc, data, removed, gaps)
    # An error about the whole page (no key of its own) is placed at `type`,
    # the key that makes the page take part.
    line = fm.line_of(path) if path else fm.line_of(("type",))
    if kind == "extra_forbidden":
        name = path[-1] if path else loc[-1]
        parent = _model_at(model_cls, path[:-1])
        hint = did_you_mean(str(name), _field_names(parent)) if parent else ""
        where = f" in {path_text(path[:-1])}" if len(path) > 1 else ""
        return path, Diagnostic(
            file, line, path_text(path), f"unknown field '{name}'{where}{hint}; it is ignored", severity="warning", code="unknown-field"
        )
    if kind == "missing":
        name = loc[-1]
        container = path  # the mapping that lacks the field
        text = f"{path_text(container)}.{name}" if container else str(name)
        # A nested entry without a required field cannot be used: leave the entry out.
        drop = container if container else None
        if drop and container + (name,) in removed:
            # Its value was invalid and already reported: say what follows from it.
            return drop, Diagnostic(file, line, path_text(container), f"left out: it has no valid '{name}'", code="missing")
        suffix = "; the entry is left out" if drop and isinstance(container[-1], int) else ""
        if drop and not isinstance(container[-1], int):
            suffix = f"; {path_text(container)} is left out"
        return drop, Diagnostic(file, line, text, f"required field '{name}' is missing{suffix}", code="missing")
    message = error["msg"]
    if kind == schema.ID_NOT_TEXT:
        written = fm.raw.get(path) if path else None
        shown = written if written is not None else str(error.get("input"))
        key = path[-1] if path and isinstance(path[-1], str) else None
        message = f'{message} ({key}: "{shown}")' if key else f'{message} ("{shown}")'
    elif kind == "string_pattern_mismatch" and "#" in str(error.get("ctx", {}).get("pattern", "")):
        message = f"expected an id (letters, digits, '_', '.', '-'; at most 64), or PAGE-ID#entry-id, found {describe(error.get('input'))}"
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == ID_PATTERN:
        message = f"expected an id: a letter or digit, then letters, digits, '_', '.' or '-' (at most 64), found {describe(error.get('input'))}"
    elif kind == "string_pattern_mismatch":
        message = f"expected text matching {error['ctx']['pattern']}, found {describe(error.get('input'))}"
    elif message.startswith("Value error, "):
        message = message[len("Value error, "):]
    else:
        message = message.replace("Input should be", "expected").replace("input should be", "expected")
        message = f"{message}, found {describe(error.get('input'))}"
    if not path:
        return None, Diagnostic(file, line, "front matter", message)
    return path, Diagnostic(file, line, path_text(path), f"{message}; the value is left out")
