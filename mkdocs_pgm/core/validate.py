"""Lenient validation: report every problem, drop only the invalid value.

Pydantic reports all errors of a document in one pass. Each error is turned
into a :class:`Diagnostic` with the line of the offending key, the offending
value is removed, and the page is validated again without it, so a page with
one bad field still builds with all its good ones.
"""

from __future__ import annotations

from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from . import schema
from .diagnostics import Diagnostic, describe, did_you_mean
from .frontmatter import FrontMatter, Path, path_text
from .text import ID_PATTERN, normalize_key

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


class SourceMap:
    """Lines of a validated model's values in the source file.

    Dropping an invalid list item shifts the items after it; this maps a path
    in the model (``("risks", 1)``) back to the path as written.
    """

    def __init__(self, fm: FrontMatter, removed: set[Path] | frozenset[Path] = frozenset()) -> None:
        self.fm = fm
        self.removed = removed

    def source_path(self, path: Path) -> Path:
        if not self.removed:  # nothing was dropped: the model's path is the source's
            return tuple(path)
        out: Path = ()
        for part in path:
            if isinstance(part, int) and self.removed:
                kept = -1
                index = 0
                while kept < part:
                    if out + (index,) not in self.removed:
                        kept += 1
                    index += 1
                part = index - 1
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
    model = None
    for _ in range(_MAX_ROUNDS):
        candidate = _without(work, removed)
        try:
            model = model_cls.model_validate(candidate)
            break
        except ValidationError as exc:
            dropped: set[Path] = set()
            found: dict[Path | None, tuple[int, Diagnostic]] = {}
            for error in exc.errors(include_url=False):
                # Locations refer to this round's input: resolve them all
                # against the removals made before it.
                path, diag = _diagnose(error, work, removed, model_cls, fm, file)
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
            if not dropped - removed:  # nothing left to drop: give up on the page
                break
            removed |= dropped
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


def _without(data: Any, removed: set[Path], path: Path = ()) -> Any:
    """A copy of ``data`` without the removed paths (original indices)."""
    if not removed:
        return data  # validation does not mutate its input
    if isinstance(data, dict):
        return {k: _without(v, removed, path + (k,)) for k, v in data.items() if path + (k,) not in removed}
    if isinstance(data, list):
        return [_without(v, removed, path + (i,)) for i, v in enumerate(data) if path + (i,) not in removed]
    return data


def _resolve(loc: tuple[Any, ...], data: Any, removed: set[Path]) -> Path:
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
            kept = [i for i in range(len(current)) if path + (i,) not in removed]
            if part >= len(kept):
                break
            path += (kept[part],)
            current = current[kept[part]]
    return path


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
    return [name for name in model.model_fields if name != "type"]


def _diagnose(
    error: Any, data: dict[str, Any], removed: set[Path], model_cls: type[BaseModel], fm: FrontMatter, file: str
) -> tuple[Path | None, Diagnostic | None]:
    loc = tuple(error["loc"])
    kind = error["type"]
    path = _resolve(loc, data, removed)
    line = fm.line_of(path)
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
    if kind == "string_pattern_mismatch" and "#" in str(error.get("ctx", {}).get("pattern", "")):
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
