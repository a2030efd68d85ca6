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

from .. import limits
from ..diagnostics import Diagnostic
from ..text import normalize_key

try:  # libyaml is several times faster; the pure-Python loader gives the same nodes.
    _BaseLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

_RESOLVED: dict[tuple[Any, str, Any], str] = {}


class _Loader(_BaseLoader):
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
_OPEN_RE = re.compile(r"\A-{3}[ \t]*\r?\n")
# A top-level key `type` in any case and quoting ("type", 'Type', TYPE), also
# as the first key of a flow mapping: what makes a broken block ours.
_TYPE_LINE_RE = re.compile(r"""^(?:\{[ \t]*)?(?:type|"type"|'type')[ \t]*:""", re.MULTILINE | re.IGNORECASE)
# The same, with a page type as its value: what makes an unclosed block ours
# (the whole page is searched then, and Markdown may say "Type: note").
_TYPED_LINE_RE = re.compile(
    r"""^(?:\{[ \t]*)?(?:type|"type"|'type')[ \t]*:[ \t]*["']?(?:portfolio|program|project|decision)\b""",
    re.MULTILINE | re.IGNORECASE,
)

Path = tuple[str | int, ...]

#: How deeply values may nest (no real front matter comes close).
_MAX_DEPTH = 32
_MAX_FLOW_DEPTH = 200
_STR_TAG = "tag:yaml.org,2002:str"
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


@dataclass
class FrontMatter:
    """The parsed front matter of one file.

    ``data`` has normalised (snake_case) keys; ``lines`` maps a path such as
    ``("risks", 2, "impact")`` to the 1-based line where it was written.
    ``raw`` keeps the text of the values YAML read as numbers or booleans
    (``1.50`` for the number 1.5), so that messages can quote what was written.
    ``body`` is the Markdown after the block and ``body_line`` its first line.
    """

    data: dict[str, Any] | None
    lines: dict[Path, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    diagnostics: list[Diagnostic] = field(default_factory=list)
    raw: dict[Path, str] = field(default_factory=dict)

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


def block_span(text: str) -> tuple[int, int] | None:
    """Where the YAML of ``text``'s front matter is, as offsets into ``text`` (a BOM counted):
    from after the opening ``---`` line to the start of the closing one; None without a block."""
    skip = 1 if text.startswith("\ufeff") else 0
    match = _BLOCK_RE.match(text[skip:])
    if match is None:
        return None
    if match.group(1) is None:  # an empty block: nothing between the two lines
        opening = _OPEN_RE.match(text[skip:])
        assert opening is not None
        return skip + opening.end(), skip + opening.end()
    return skip + match.start(1), skip + match.end(1)


def _line_at(text: str, index: int, first: int) -> int:
    return first + text.count("\n", 0, index)


def parse(text: str, file: str, *, ours: bool = False) -> FrontMatter:
    """Parse the front matter of a Markdown file.

    A block that does not parse is reported only when it looks like ours (it
    has a top-level ``type`` key, or ``ours``: the page is a decision record of
    an ADR folder); otherwise it is no front matter for us, exactly as MkDocs
    would treat it.
    """
    block, body, body_line = split(text)
    if block is None:
        return FrontMatter(None, body=body, body_line=body_line, diagnostics=_unclosed(text, file, ours=ours))
    found = _TYPE_LINE_RE.search(block)
    typed = found.start() if found else (0 if ours else None)
    try:
        data, lines, problems, tag_problems, raw = _compose(block, file)
    except yaml.YAMLError as exc:
        if typed is None:
            return FrontMatter(None, body=body, body_line=body_line)
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        context_mark = getattr(exc, "context_mark", None)
        if mark is not None and context_mark is not None and mark.index >= len(block.rstrip()):
            mark = context_mark  # "unexpected end of stream": where the unclosed quote or bracket opens
        if isinstance(exc, _BlockProblem):
            line = exc.line + 2
        elif mark is not None:
            line = mark.line + 2
        else:
            line = _line_at(block, typed, 2)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"front matter is not valid YAML: {problem}"
        if context:
            message += f" ({context})"
        message += "; the page is not part of the governance model"
        diag = Diagnostic(file, line, "front matter", message, code="yaml")
        return FrontMatter(None, body=body, body_line=body_line, diagnostics=[diag])
    if data is None:
        return FrontMatter(None, lines, body, body_line, problems, raw)
    if not isinstance(data, dict):
        if typed is not None:
            problems.append(
                Diagnostic(file, _line_at(block, typed, 2), "front matter",
                           f"expected a mapping of fields, found a {type(data).__name__}; the page is not part of the governance model",
                           code="yaml")
            )
        return FrontMatter(None, lines, body, body_line, problems, raw)
    if "type" in data or ours:
        # MkDocs' own loader fails on these tags and shows the block as text:
        # on a governance page the author must hear about it.
        problems.extend(tag_problems)
        problems.sort(key=Diagnostic.sort_key)
    return FrontMatter(data, lines, body, body_line, problems, raw)


def _unclosed(text: str, file: str, *, ours: bool = False) -> list[Diagnostic]:
    """A typed block (any block when ``ours``) opened with '---' and never closed: MkDocs shows it as text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _OPEN_RE.match(text) or not (ours or _TYPED_LINE_RE.search(text)):
        return []
    return [
        Diagnostic(file, 1, "front matter",
                   "front matter starts on line 1 but is never closed with '---'; the page is not part of the governance model",
                   code="yaml")
    ]


def _flow_depth(block: str) -> tuple[int, int]:
    """How deeply ``[`` / ``{`` nest (quotes ignored), and where the limit is passed: a guard, not a parser."""
    depth = deepest = 0
    where = -1
    for index, char in enumerate(block):
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if depth == _MAX_FLOW_DEPTH + 1:
                    where = index
        elif char in "]}" and depth:
            depth -= 1
    return deepest, where


# Runs of compact entries ("- - - a", "? - a"): the two character classes are
# disjoint, so each run is matched once from its start (linear).
_COMPACT_RE = re.compile(r"(?:[-?][ \t]+)+")


class _BlockProblem(yaml.YAMLError):
    """A block refused before composing (too deep, or not Unicode), with the block line (0-based) of the problem."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _too_deep(message: str, block: str, index: int) -> _BlockProblem:
    return _BlockProblem(message, block.count("\n", 0, max(index, 0)))


def _compose(block: str, file: str) -> tuple[Any, dict[Path, int], list[Diagnostic], list[Diagnostic], dict[Path, str]]:
    # libyaml composes recursively: absurd nesting would overflow the C stack.
    # Deep nesting needs brackets or compact entries on one line ("- - - a");
    # nesting by indentation grows quadratically and cannot get that deep.
    if block.count("[") + block.count("{") > _MAX_FLOW_DEPTH:
        deepest, where = _flow_depth(block)
        if deepest > _MAX_FLOW_DEPTH:
            raise _too_deep(f"collections nest more than {_MAX_FLOW_DEPTH} levels deep", block, where)
    for match in _COMPACT_RE.finditer(block):
        run = match.group()
        if run.count("-") + run.count("?") >= _MAX_FLOW_DEPTH:
            raise _too_deep(f"entries nest more than {_MAX_FLOW_DEPTH} levels deep on one line", block, match.start())
    surrogate = _SURROGATE_RE.search(block)
    if surrogate is not None:  # libyaml reads UTF-8: a lone surrogate (not text a file can hold) would crash it
        raise _BlockProblem(f"character U+{ord(surrogate.group()):04X} is not a Unicode character", block.count("\n", 0, surrogate.start()))
    return _build(block, file)


def _build(block: str, file: str) -> tuple[Any, dict[Path, int], list[Diagnostic], list[Diagnostic], dict[Path, str]]:
    loader = _Loader(block)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the pure-Python composer, on deep input
            raise yaml.YAMLError("front matter nests too deeply") from None
        builder = _Builder(loader, file)
        if node is None:
            return None, builder.lines, builder.problems, builder.tag_problems, builder.raw
        value = builder.build(node, ())
        return value, builder.lines, builder.problems, builder.tag_problems, builder.raw
    finally:
        loader.dispose()


def _tag_text(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG_PREFIX):] if tag.startswith(_YAML_TAG_PREFIX) else tag


_Frame = tuple[yaml.Node, Path, Any, Any, int]


class _Builder:
    """Turns a composed YAML node tree into Python values, recording lines.

    Values are built in document order with two budgets (read from
    :mod:`.limits` at each build): ``MAX_FRONT_MATTER_VALUES`` values in all,
    and ``MAX_ALIAS_VALUES`` values that aliases add by repeating an anchored
    collection (an alias bomb); the depth is limited too.
    """

    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file
        self.lines: dict[Path, int] = {}
        self.problems: list[Diagnostic] = []
        self.tag_problems: list[Diagnostic] = []
        self.raw: dict[Path, str] = {}
        self.known_tags = frozenset(tag for tag in loader.yaml_constructors if tag) | {"tag:yaml.org,2002:merge"}

    def _known(self, node: yaml.Node, path: Path) -> bool:
        """Whether MkDocs' safe loader knows the node's tag; report it when not."""
        if node.tag in self.known_tags:
            return True
        self.tag_problems.append(
            Diagnostic(self.file, node.start_mark.line + 2, path_text(path) or "front matter",
                       f"unknown YAML tag '{_tag_text(node.tag)}': MkDocs cannot read front matter with it and shows the block "
                       "as text; the value is left out", code="yaml")
        )
        return False

    def build(self, root: yaml.Node, root_path: Path) -> Any:
        # Iterative, so that deeply nested input cannot exhaust the stack.
        if not self._known(root, root_path) and not isinstance(root, (yaml.MappingNode, yaml.SequenceNode)):
            return None
        result: list[Any] = [None]
        # (node, path, parent, slot, line where an alias expansion started or 0)
        stack: list[_Frame] = [(root, root_path, result, 0, 0)]
        values = limit_values = limits.MAX_FRONT_MATTER_VALUES
        repeats = limit_repeats = limits.MAX_ALIAS_VALUES
        seen: set[int] = set()  # collection nodes built once (aliases repeat them)
        while stack:
            node, path, parent, slot, expansion = stack.pop()
            if values <= 0:
                if values == 0:
                    line = self.lines.get(path, node.start_mark.line + 2)
                    self.problems.append(
                        Diagnostic(self.file, line, "front matter",
                                   f"front matter has more than {limit_values:,} values; the values from line {line} on are left out",
                                   code="yaml")
                    )
                    values -= 1
                self._cut(parent, slot, path)
                continue
            if expansion and repeats <= 0:
                if repeats == 0:
                    self.problems.append(
                        Diagnostic(self.file, expansion, "front matter",
                                   f"aliases expand to more than {limit_repeats:,} values; "
                                   f"the values they add from line {expansion} on are left out", code="yaml")
                    )
                    repeats -= 1
                self._cut(parent, slot, path)
                continue
            values -= 1
            if expansion:
                repeats -= 1
            if len(path) > _MAX_DEPTH:
                # A recursive alias: no real front matter nests like this.
                parent[slot] = None
                if len(path) == _MAX_DEPTH + 1:
                    self.problems.append(
                        Diagnostic(self.file, node.start_mark.line + 2, path_text(path),
                                   f"front matter nests too deeply (more than {_MAX_DEPTH} levels); the deeper values are left out",
                                   code="yaml")
                    )
                continue
            if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                if not expansion and id(node) in seen:
                    # An alias: its node's marks are the anchor's; the use is
                    # where the key, or the list holding it, is written.
                    where = path if path and isinstance(path[-1], str) else path[:-1]
                    expansion = self.lines.get(where) or node.start_mark.line + 2
                seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                self._mapping(node, path, parent, slot, expansion, stack)
            elif isinstance(node, yaml.SequenceNode):
                kept = [item for index, item in enumerate(node.value) if self._known(item, path + (index,))]
                items: list[Any] = [None] * len(kept)
                parent[slot] = items
                frames: list[_Frame] = []
                for index, item in enumerate(kept):
                    child = path + (index,)
                    self.lines[child] = item.start_mark.line + 2
                    frames.append((item, child, items, index, expansion))
                stack.extend(reversed(frames))  # built in document order
            else:
                value = self._scalar(node)
                parent[slot] = value
                if isinstance(value, (bool, int, float)):
                    self.raw[path] = node.value
        return result[0]

    def _cut(self, parent: Any, slot: Any, path: Path) -> None:
        """Leave out a value past a budget: later values come later in the document."""
        self.lines.pop(path, None)
        if isinstance(parent, dict):
            parent.pop(slot, None)
        elif isinstance(parent, list) and slot < len(parent):
            del parent[slot:]

    def _mapping(self, node: yaml.MappingNode, path: Path, parent: Any, slot: Any, expansion: int, stack: list[_Frame]) -> None:
        try:
            self.loader.flatten_mapping(node)  # merge keys (<<), recursive in PyYAML
        except RecursionError:
            parent[slot] = None
            self.problems.append(
                Diagnostic(self.file, node.start_mark.line + 2, path_text(path),
                           "front matter nests too deeply (a chain of merge keys); the value is left out", code="yaml")
            )
            return
        mapping: dict[str, Any] = {}
        parent[slot] = mapping
        pending: dict[str, _Frame] = {}
        for key_node, value_node in node.value:
            if not self._known(key_node, path):
                continue
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
            if not self._known(value_node, child):
                mapping.pop(norm, None)
                pending.pop(norm, None)
                self.lines.pop(child, None)
                continue
            self.lines[child] = line
            mapping[norm] = None
            pending.pop(norm, None)
            pending[norm] = (value_node, child, mapping, norm, expansion)
        # A repeated key keeps its later value (as PyYAML does); the earlier
        # one is never built. Reversed: built in document order.
        stack.extend(reversed(list(pending.values())))

    def _scalar(self, node: yaml.Node) -> Any:
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return f"<{node.tag}>"
        if node.tag == _STR_TAG:  # the common case, without the constructor's bookkeeping
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            # An impossible timestamp (2026-13-01): keep the text as written,
            # so that validation reports it against its field.
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
