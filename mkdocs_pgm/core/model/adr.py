"""Architecture decision record folders: MADR 4, MADR 2 / log4brains and adr-tools files as they are.

A folder named in the ``decision_dirs`` option holds decision records: every Markdown file
in it (at any depth) is a decision page, with or without ``type: decision``, except an
``index.md`` or ``README.md`` and a template (a file whose name has the word ``template``).
For such a file:

* front matter without ``type`` (MADR 4) is read as ``type: decision``; a file with an
  explicit ``type`` keeps it;
* a file without front matter has its metadata read from the lines between its first
  heading and the next one: ``- Status: accepted``, ``* Date: 2021-03-04``,
  ``- Deciders: Ana, Bo``, ``- Tags: a, b``, ``Technical Story: <url>`` (MADR 2, log4brains),
  ``Date: 2016-02-12`` (adr-tools); without a ``Status`` line there, the first line of a
  ``## Status`` section (adr-tools);
* its default id is the ADR number of its file name with a prefix
  (``0005-use-postgres.md`` -> ``ADR-0005``); an explicit ``id`` wins;
* a title taken from its first heading loses adr-tools' number (``# 5. Use Postgres``).

Everything here is linear in the length of the page.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from .frontmatter import FrontMatter, Path
from .markdown_scan import prose_lines

#: What the ADR number of a file is: leading digits and a separator (``0005-use-postgres``, ``20240213-x``).
_NUMBER_RE = re.compile(r"^(\d+)(?:[-_ .]|$)")
#: A file name that looks like an ADR: four or more digits, a dash, a name.
_ADR_NAME_RE = re.compile(r"^\d{4,}-[^/]+$")
#: Words that mark a template (``template.md``, ``adr-template.md``, ``0000-template.md``).
_TEMPLATE_RE = re.compile(r"(?:^|[-_. ])template(?:$|[-_. ])", re.IGNORECASE)
#: Folder names (relative to the docs folder) that hold decision records by convention.
_ADR_FOLDER_NAMES = frozenset({"adr", "adrs", "decisions", "decision-records", "architecture-decisions"})
#: A metadata line: an optional bullet, an optional bold key, a known key, a colon and a value.
_META_RE = re.compile(
    r"^[ ]{0,3}(?:[-*+][ \t]+)?(?:\*\*|__)?"
    r"(status|date|deciders|decision[- ]makers|consulted|informed|tags|technical[- ]story)"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(.*)$",
    re.IGNORECASE,
)
#: An ATX heading: its level and its text (closing #s stripped in code: a regex would not be linear).
_HEADING_RE = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+(.*))?$")
#: ``[text](url)`` or a bare ``http(s)://`` URL, for a technical story. The text holds no ``[``,
#: so that each attempt stops at the next one (linear on a line of brackets).
_LINK_RE = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]+)\)|(https?://[^\s<>()]+)")
_NOT_ID_RE = re.compile(r"[^A-Za-z0-9_.-]")
#: adr-tools' "# 5. Title": the number before the title.
_TITLE_NUMBER_RE = re.compile(r"^\d+\.[ \t]+(?=\S)")
_LIST_KEYS = {"decision_makers", "consulted", "informed", "tags"}


@dataclass(frozen=True)
class AdrSettings:
    """Which folders hold decision records, and the prefix of their ids."""

    dirs: tuple[str, ...] = ()
    """Folders under the docs folder, with ``/`` separators and no leading or trailing ``/``."""
    prefix: str = "ADR-"
    """Put before the ADR number of a file name to make its default id."""

    @classmethod
    def of(cls, dirs: Iterable[str] = (), prefix: str = "ADR-") -> AdrSettings:
        """Settings with each folder normalised (``./docs/adr/`` -> ``docs/adr``)."""
        cleaned = []
        for folder in dirs:
            text = str(folder).replace("\\", "/").strip().strip("/")
            text = posixpath.normpath(text) if text else ""
            if text and text != "." and text not in cleaned:
                cleaned.append(text)
        return cls(tuple(cleaned), prefix)

    def holds(self, src_uri: str) -> bool:
        """Whether ``src_uri`` is a decision record of a ``decision_dirs`` folder."""
        if not self.dirs:
            return False
        return any(src_uri.startswith(folder + "/") for folder in self.dirs) and is_record_name(src_uri)


def is_record_name(src_uri: str) -> bool:
    """Whether a file of an ADR folder is a record: not an index, a README or a template."""
    stem = src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.lower() not in {"index", "readme"} and not _TEMPLATE_RE.search(stem)


def default_id(src_uri: str, prefix: str) -> str | None:
    """``ADR-0005`` for ``…/0005-use-postgres.md``; None when the file name has no number."""
    stem = src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    match = _NUMBER_RE.match(stem)
    if match is None:
        return None
    return _NOT_ID_RE.sub("-", prefix + match.group(1))[:64]


def clean_title(title: str) -> str:
    """A title from a record's heading without adr-tools' number (``5. Use Postgres`` -> ``Use Postgres``)."""
    return _TITLE_NUMBER_RE.sub("", title, count=1) or title


def as_decision(fm: FrontMatter) -> FrontMatter:
    """The front matter of a record of an ADR folder, read as a decision.

    Front matter without ``type`` gets ``type: decision`` (placed on the block's first line for
    messages); a file without front matter gets the metadata of its body (see the module).
    """
    if fm.data is not None:
        if "type" not in fm.data:
            fm.data = {"type": "decision", **fm.data}
            fm.lines[("type",)] = 1
        return fm
    if fm.diagnostics:  # a broken block: reported already, nothing to read
        return fm
    data, lines = body_metadata(fm.body, fm.body_line)
    fm.data = {"type": "decision", **data}
    fm.lines.update(lines)
    return fm


def body_metadata(body: str, first_line: int = 1) -> tuple[dict[str, object], dict[Path, int]]:
    """The metadata a record without front matter writes in its body, and the line of each value.

    Read from the lines after the first level-1 heading up to the next heading; without a
    ``Status`` there, from the first paragraph of a ``## Status`` section (adr-tools).
    """
    data: dict[str, object] = {}
    lines: dict[Path, int] = {}
    phase = "title"  # then "meta" (after the title), "sections", "status" (in a ## Status section)
    heading_line: int | None = None
    for number, line in prose_lines(body, first_line):
        heading = _HEADING_RE.match(line)
        if heading:
            level = len(heading.group(1))
            if phase == "title" and level == 1:
                phase, heading_line = "meta", number
            elif level == 2 and (heading.group(2) or "").strip(" \t#").lower() == "status":
                phase = "status"
            else:
                phase = "sections"
            continue
        if phase == "status":
            if "status" not in data and line.strip():
                data["status"], lines[("status",)] = line.strip(), number
            continue
        if phase == "sections":
            continue
        match = _META_RE.match(line)
        if match is None:
            continue
        key = match.group(1).lower().replace(" ", "_").replace("-", "_")
        key = "decision_makers" if key == "deciders" else key
        value = match.group(2).strip()
        if key in data or not value:
            continue
        if key == "technical_story":
            links = _story_links(value)
            if links:
                data["links"] = links
                lines[("links",)] = number
                for index in range(len(links)):
                    lines[("links", index)] = number
            continue
        lines[(key,)] = number
        if key in _LIST_KEYS:
            items = [item.strip() for item in value.split(",") if item.strip()]
            data[key] = items
            for index in range(len(items)):
                lines[(key, index)] = number
        else:
            data[key] = value
    lines[("type",)] = heading_line or first_line
    return data, lines


def _story_links(value: str) -> list[dict[str, str]]:
    """The links of a ``Technical Story`` line: ``[text](url)`` and bare URLs."""
    found = []
    for match in _LINK_RE.finditer(value):
        if match.group(3):
            found.append({"title": "Technical story", "url": match.group(3).rstrip(".,;")})
        else:
            found.append({"title": match.group(1).strip() or "Technical story", "url": match.group(2)})
    return found


def looks_like_records(pages: Iterable[tuple[str, str]], settings: AdrSettings) -> list[Diagnostic]:
    """Folders that look like ADR folders but are not in ``decision_dirs``: one ``info`` each.

    ``pages`` are the (src_uri, shown file) of the pages that do not take part. A folder looks
    like one when it holds two or more such files named ``NNNN-*.md``, or one in a folder named
    ``adr``, ``adrs``, ``decisions`` or ``architecture/decisions``.
    """
    folders: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for src_uri, file in pages:
        folder, _, name = src_uri.rpartition("/")
        if _ADR_NAME_RE.match(name) and is_record_name(name) and not settings.holds(src_uri):
            folders[folder].append((name, file))
    found = []
    for folder, records in sorted(folders.items()):
        named = folder.rsplit("/", 1)[-1].lower() in _ADR_FOLDER_NAMES or folder.lower().endswith("architecture/decisions")
        if not folder or (len(records) < 2 and not named):
            continue  # the docs folder itself cannot be a decision folder
        name, file = records[0]
        shown = file[: -len(name) - 1] if file.endswith("/" + name) else folder
        listed = ", ".join(n for n, _ in records[:3]) + (f" and {len(records) - 3:,} more" if len(records) > 3 else "")
        holds = (f"{len(records):,} files that look like architecture decision records" if len(records) > 1
                 else "a file that looks like an architecture decision record")
        dirs = ", ".join([*settings.dirs, folder])
        # At the folder's first record: a diagnostic names a file (editors and CI annotations open it).
        found.append(Diagnostic(
            file, None, "",
            f"the folder {shown} holds {holds} ({listed}), not read as decisions: "
            f"add 'decision_dirs: [{dirs}]' to the pgm plugin options in mkdocs.yml",
            severity="info", code="adr-folder",
        ))
    return found
