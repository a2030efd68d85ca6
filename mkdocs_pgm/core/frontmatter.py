"""Front matter parsing with line numbers.

MkDocs drops front matter that fails to parse and renders it as page text; we
parse it ourselves so that a broken block is reported, and so that every key
and list item keeps the line it was written on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic
from .text import normalize_key

try:  # libyaml is several times faster; the pure-Python loader gives the same nodes.
    _BaseLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

_RESOLVED: dict[tuple[Any, str, Any], str] = {}


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, remembering tag resolution.

    Without path resolvers (the safe loader has none), a scalar's implicit tag
    depends only on its text; front matter repeats the same values a lot
    (statuses, owners, dates), and resolution is most of the parse time.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (implicit, value, kind)
        tag = _RESOLVED.get(key)
        if tag is None:
            if len(_RESOLVED) > 50_000:
                _RESOLVED.clear()
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
        return tag

# The same delimiters MkDocs accepts (mkdocs.utils.meta): '---' then '---' or '...'.
_BLOCK_RE = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)?(?:\.{3}|-{3})[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_TYPE_LINE_RE = re.compile(r"^type[ \t]*:", re.MULTILINE | re.IGNORECASE)

Path = tuple[str | int, ...]

_MAX_DEPTH = 32
_MAX_FLOW_DEPTH = 200
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_NODES = 100_000


@dataclass
class FrontMatter:
    """The parsed front matter of one file.

    ``data`` has normalised (snake_case) keys; ``lines`` maps a path such as
    ``("risks", 2, "impact")`` to the 1-based line where it was written.
    ``body`` is the Markdown after the block and ``body_line`` its first line.
    """

    data: dict[str, Any] | None
    lines: dict[Path, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its closest written ancestor."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def split(text: str) -> tuple[str | None, str, int]:
    """Split ``text`` into (yaml block or None, body, first line of body)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    match = _BLOCK_RE.match(text)
    if not match:
        return None, text, 1
    block = match.group(1) or ""
    return block, text[match.end():], match.group(0).count("\n") + 1


def parse(text: str, file: str) -> FrontMatter:
    """Parse the front matter of a Markdown file.

    A block that does not parse is reported only when it looks like ours (it
    has a top-level ``type:`` line); otherwise it is no front matter for us,
    exactly as MkDocs would treat it.
    """
    block, body, body_line = split(text)
    if block is None:
        return FrontMatter(None, body=body, body_line=body_line)
    try:
        data, lines, problems = _compose(block, file)
    except yaml.YAMLError as exc:
        if not _TYPE_LINE_RE.search(block):
            return FrontMatter(None, body=body, body_line=body_line)
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"front matter is not valid YAML: {problem}"
        if context:
            message += f" ({context})"
        diag = Diagnostic(file, line, "front matter", message, code="yaml")
        return FrontMatter(None, body=body, body_line=body_line, diagnostics=[diag])
    if data is None:
        return FrontMatter(None, lines, body, body_line, problems)
    if not isinstance(data, dict):
        if _TYPE_LINE_RE.search(block):
            problems.append(
                Diagnostic(file, 2, "front matter", f"expected a mapping of fields, found a {type(data).__name__}", code="yaml")
            )
        return FrontMatter(None, lines, body, body_line, problems)
    return FrontMatter(data, lines, body, body_line, problems)


def _flow_depth(block: str) -> int:
    """How deeply ``[`` / ``{`` nest (quotes ignored): a guard, not a parser."""
    depth = deepest = 0
    for char in block:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


_COMPACT_RE = re.compile(r"(?:[-?][ \t]+){%d}" % 200)


def _compose(block: str, file: str) -> tuple[Any, dict[Path, int], list[Diagnostic]]:
    # libyaml composes recursively: absurd nesting would overflow the C stack.
    # Deep nesting needs brackets or compact entries on one line ("- - - a");
    # nesting by indentation grows quadratically and cannot get that deep.
    if block.count("[") + block.count("{") > _MAX_FLOW_DEPTH and _flow_depth(block) > _MAX_FLOW_DEPTH:
        raise yaml.YAMLError(f"collections nest more than {_MAX_FLOW_DEPTH} levels deep")
    if _COMPACT_RE.search(block):
        raise yaml.YAMLError(f"entries nest more than {_MAX_FLOW_DEPTH} levels deep on one line")
    loader = _Loader(block)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the pure-Python composer, on deep input
            raise yaml.YAMLError("front matter nests too deeply") from None
        lines: dict[Path, int] = {}
        problems: list[Diagnostic] = []
        if node is None:
            return None, lines, problems
        value = _Builder(loader, file, lines, problems).build(node, ())
        return value, lines, problems
    finally:
        loader.dispose()


class _Builder:
    """Turns a composed YAML node tree into Python values, recording lines."""

    def __init__(self, loader: Any, file: str, lines: dict[Path, int], problems: list[Diagnostic]) -> None:
        self.loader = loader
        self.file = file
        self.lines = lines
        self.problems = problems

    def build(self, root: yaml.Node, root_path: Path) -> Any:
        # Iterative, so that deeply nested input cannot exhaust the stack.
        result: list[Any] = [None]
        stack: list[tuple[yaml.Node, Path, Any, Any]] = [(root, root_path, result, 0)]
        budget = _MAX_NODES
        while stack:
            node, path, parent, slot = stack.pop()
            budget -= 1
            if len(path) > _MAX_DEPTH or budget < 0:
                # A recursive alias, or an alias bomb: no real front matter is like this.
                parent[slot] = None
                if budget == -1 or len(path) == _MAX_DEPTH + 1:
                    self.problems.append(
                        Diagnostic(self.file, node.start_mark.line + 2, path_text(path),
                                   "front matter nests too deeply or expands to too many values; the rest is left out",
                                   code="yaml")
                    )
                continue
            if isinstance(node, yaml.MappingNode):
                try:
                    self.loader.flatten_mapping(node)  # merge keys (<<), recursive in PyYAML
                except RecursionError:
                    parent[slot] = None
                    self.problems.append(
                        Diagnostic(self.file, node.start_mark.line + 2, path_text(path),
                                   "front matter nests too deeply or expands to too many values; the rest is left out",
                                   code="yaml")
                    )
                    continue
                mapping: dict[str, Any] = {}
                parent[slot] = mapping
                pending: dict[str, tuple[yaml.Node, Path, Any, Any]] = {}
                for key_node, value_node in node.value:
                    key = self._scalar(key_node)
                    raw_key = key
                    if not isinstance(key, str):
                        key = str(key)
                    norm = normalize_key(key)
                    child = path + (norm,)
                    line = key_node.start_mark.line + 2
                    if norm in mapping:
                        self.problems.append(
                            Diagnostic(
                                self.file,
                                line,
                                path_text(child),
                                f"'{raw_key}' repeats a field already given on line {self.lines.get(child, '?')}; the later value is used",
                                severity="warning",
                                code="duplicate-key",
                            )
                        )
                    self.lines[child] = line
                    mapping[norm] = None
                    pending[norm] = (value_node, child, mapping, norm)
                # A repeated key keeps its later value (as PyYAML does); the
                # earlier one is never built. Reversed: built in document order.
                stack.extend(reversed(list(pending.values())))
            elif isinstance(node, yaml.SequenceNode):
                items: list[Any] = [None] * len(node.value)
                parent[slot] = items
                for index, item in enumerate(node.value):
                    child = path + (index,)
                    self.lines[child] = item.start_mark.line + 2
                    stack.append((item, child, items, index))
            else:
                parent[slot] = self._scalar(node)
        return result[0]

    def _scalar(self, node: yaml.Node) -> Any:
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return f"<{node.tag}>"
        if node.tag == _STR_TAG:  # the common case, without the constructor's bookkeeping
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            # An impossible timestamp (2026-13-01) or an unknown tag: keep the
            # text as written, so that validation reports it against its field.
            return str(node.value)


def path_text(path: Path) -> str:
    """``("risks", 2, "impact")`` -> ``risks[2].impact``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
