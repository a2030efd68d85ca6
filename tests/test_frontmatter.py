"""Front matter parsing: line numbers, key spelling, broken and hostile YAML."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest

from mkdocs_pgm.core.model.frontmatter import block_span, parse, path_text, split

from helpers import check, page

PROJECT = """\
---
type: project
owner: Ana
risks:
  - title: Vendor late
    impact: 3
  - title: Key person leaves
tags: [alpha, beta]
milestones:
  -
    title: Go live
---
# Alpha

Body text.
"""


# --------------------------------------------------------------------------- line numbers


def test_keys_and_list_items_keep_their_file_line() -> None:
    fm = parse(PROJECT, "projects/alpha.md")
    assert fm.diagnostics == []
    assert fm.data == {
        "type": "project",
        "owner": "Ana",
        "risks": [{"title": "Vendor late", "impact": 3}, {"title": "Key person leaves"}],
        "tags": ["alpha", "beta"],
        "milestones": [{"title": "Go live"}],
    }
    # The opening '---' is line 1, so YAML line n is file line n + 1.
    assert fm.lines[("type",)] == 2
    assert fm.lines[("owner",)] == 3
    assert fm.lines[("risks",)] == 4
    assert fm.lines[("risks", 0)] == 5
    assert fm.lines[("risks", 0, "title")] == 5
    assert fm.lines[("risks", 0, "impact")] == 6
    assert fm.lines[("risks", 1)] == 7
    assert fm.lines[("tags", 1)] == 8
    # An item whose mapping starts on the next line is at that line.
    assert fm.lines[("milestones", 0, "title")] == 11
    assert fm.body == "# Alpha\n\nBody text.\n"
    assert fm.body_line == 13


def test_line_of_falls_back_to_closest_written_ancestor() -> None:
    fm = parse(PROJECT, "p.md")
    assert fm.line_of(("risks", 1, "probability")) == 7
    assert fm.line_of(("risks", 5)) == 4
    assert fm.line_of(("summary",)) is None
    assert fm.line_of(()) is None


def test_path_text() -> None:
    assert path_text(("risks", 2, "impact")) == "risks[2].impact"
    assert path_text(("governance", "forums", 0)) == "governance.forums[0]"
    assert path_text(()) == ""


@pytest.mark.parametrize("key", ["depends_on", "depends-on", "dependsOn", "DependsOn", "Depends On", "depends.on"])
def test_keys_are_separator_insensitive(key: str) -> None:
    fm = parse(page("type: project", f"{key}: [BETA]"), "p.md")
    assert fm.data == {"type": "project", "depends_on": ["BETA"]}
    assert fm.lines[("depends_on",)] == 3
    assert fm.lines[("depends_on", 0)] == 3


@pytest.mark.parametrize("key", ["decision_makers", "decision-makers", "decisionMakers", "deciders", "Deciders"])
def test_decision_makers_spellings_and_deciders_alias(key: str) -> None:
    fm = parse(page("type: decision", f"{key}: [Dana]"), "p.md")
    assert fm.data == {"type": "decision", "decision_makers": ["Dana"]}


def test_non_string_keys_become_text() -> None:
    fm = parse(page("type: project", "1: one", "true: yes"), "p.md")
    assert fm.data == {"type": "project", "1": "one", "true": True}


# --------------------------------------------------------------------------- repeated keys


def test_repeated_key_is_a_warning_with_both_lines() -> None:
    fm = parse(page("type: project", "owner: Ana", "owner: Ben"), "p.md")
    assert [str(d) for d in fm.diagnostics] == [
        "p.md:4: owner: 'owner' repeats a field already given on line 3; the later value is used"
    ]
    assert fm.diagnostics[0].severity == "warning"
    assert fm.diagnostics[0].code == "duplicate-key"


def test_repeated_key_in_another_spelling_is_reported_as_written() -> None:
    fm = parse(page("type: project", "depends_on: [A]", "dependsOn: [B]"), "p.md")
    assert [str(d) for d in fm.diagnostics] == [
        "p.md:4: depends_on: 'dependsOn' repeats a field already given on line 3; the later value is used"
    ]


def test_repeated_nested_key_is_reported_with_its_path() -> None:
    fm = parse(page("type: project", "risks:", "  - title: A", "    impact: 2", "    impact: 4"), "p.md")
    assert [str(d) for d in fm.diagnostics] == [
        "p.md:6: risks[0].impact: 'impact' repeats a field already given on line 5; the later value is used"
    ]


def test_repeated_key_later_value_is_used() -> None:
    """The warning says the later value is used (as PyYAML and MkDocs do): it must be."""
    fm = parse(page("type: project", "owner: Ana", "owner: Ben"), "p.md")
    assert fm.data is not None
    assert fm.data["owner"] == "Ben"
    assert fm.lines[("owner",)] == 4


def test_repeated_key_lines_come_from_the_value_used() -> None:
    text = page(
        "type: project",      # 2
        "milestones:",        # 3
        "  - title: Old",     # 4
        "    date: 2026-01-01",  # 5
        "milestones:",        # 6
        "  - title: New",     # 7
    )
    fm = parse(text, "p.md")
    assert fm.data is not None
    assert fm.data["milestones"] == [{"title": "New"}]
    assert fm.lines[("milestones", 0)] == 7
    # Nothing of the discarded value may leave a line behind.
    assert ("milestones", 0, "date") not in fm.lines


# --------------------------------------------------------------------------- delimiters and encodings


def test_no_front_matter() -> None:
    fm = parse("# Title\n\ntype: project\n", "p.md")
    assert fm.data is None
    assert fm.diagnostics == []
    assert fm.body == "# Title\n\ntype: project\n"
    assert fm.body_line == 1


def test_empty_front_matter() -> None:
    fm = parse("---\n---\n# T\n", "p.md")
    assert fm.data is None
    assert fm.diagnostics == []
    assert fm.body == "# T\n"
    assert fm.body_line == 3


def test_byte_order_mark_is_ignored() -> None:
    fm = parse("\ufeff" + PROJECT, "p.md")
    assert fm.diagnostics == []
    assert fm.data is not None and fm.data["type"] == "project"
    assert fm.lines[("owner",)] == 3
    assert fm.body_line == 13


def test_dots_terminate_the_block() -> None:
    fm = parse("---\ntype: project\nowner: Ana\n...\n# Alpha\n", "p.md")
    assert fm.data == {"type": "project", "owner": "Ana"}
    assert fm.body == "# Alpha\n"
    assert fm.body_line == 5


def test_crlf_line_endings_keep_line_numbers() -> None:
    fm = parse(PROJECT.replace("\n", "\r\n"), "p.md")
    assert fm.diagnostics == []
    assert fm.data is not None and fm.data["owner"] == "Ana"
    assert fm.lines[("risks", 1)] == 7
    assert fm.body_line == 13


def test_block_without_closing_delimiter_is_no_front_matter() -> None:
    text = "---\ntype: project\n# Alpha\n"
    block, body, first = split(text)
    assert block is None and body == text and first == 1
    assert parse(text, "p.md").data is None


def test_four_dashes_do_not_close_the_block() -> None:
    fm = parse("---\ntype: project\nsummary: x\n----\nowner: Ana\n---\n", "p.md")
    # '----' is not a delimiter: YAML sees it as a plain scalar line and fails;
    # the block has a type line, so the problem is reported, not swallowed.
    assert fm.data is None
    assert len(fm.diagnostics) == 1
    assert fm.diagnostics[0].code == "yaml"


# --------------------------------------------------------------------------- broken YAML


def test_broken_yaml_with_type_line_is_reported_at_its_line() -> None:
    text = page("type: project", "owner: [Ana, Ben", "summary: x", body="# Alpha\n")
    fm = parse(text, "projects/alpha.md")
    assert fm.data is None
    assert len(fm.diagnostics) == 1
    diag = fm.diagnostics[0]
    assert (diag.file, diag.line, diag.field, diag.severity, diag.code) == (
        "projects/alpha.md", 4, "front matter", "error", "yaml"
    )
    assert diag.message.startswith("front matter is not valid YAML: ")
    assert "']'" in diag.message
    assert str(diag).startswith("projects/alpha.md:4: front matter: front matter is not valid YAML: ")
    assert fm.body == "# Alpha\n"
    assert fm.body_line == 6


def test_bad_indentation_is_reported_at_the_offending_line() -> None:
    text = page("type: project", "owner: Ana", "title: Alpha", "  extra: indented")
    fm = parse(text, "p.md")
    assert [(d.line, d.field, d.code) for d in fm.diagnostics] == [(5, "front matter", "yaml")]
    assert "mapping values are not allowed" in fm.diagnostics[0].message


def test_broken_yaml_is_reported_through_validation_and_the_page_is_left_out() -> None:
    model, diagnostics = check(page("type: project", "owner: 'Ana", body="# A\n"))
    assert model is None
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("p.md:")
    assert ": front matter: front matter is not valid YAML: " in diagnostics[0]


def test_broken_yaml_without_type_line_is_not_ours() -> None:
    # MkDocs would render this block as text; it is not a governance page.
    fm = parse("---\ntitle: Notes\ntags: [a, b\n---\n# Notes\n", "notes.md")
    assert fm.data is None
    assert fm.diagnostics == []
    assert fm.body == "# Notes\n"


def test_nested_type_key_does_not_make_a_broken_block_ours() -> None:
    fm = parse("---\nmeta:\n  type: project\nbad: [\n---\n", "p.md")
    assert fm.data is None
    assert fm.diagnostics == []


def test_non_mapping_front_matter_without_type_is_ignored() -> None:
    for block in ("- a\n- b\n", "just text\n", "42\n"):
        fm = parse("---\n" + block + "---\n# T\n", "p.md")
        assert fm.data is None, block
        assert fm.diagnostics == [], block
        assert fm.body == "# T\n"


def test_non_mapping_front_matter_with_type_line_is_reported() -> None:
    fm = parse("---\n[first,\ntype: project]\n---\n", "p.md")
    assert fm.data is None
    # Reported at the line of the `type` key that makes the block ours.
    assert [str(d) for d in fm.diagnostics] == [
        "p.md:3: front matter: expected a mapping of fields, found a list; the page is not part of the governance model"
    ]


# --------------------------------------------------------------------------- values


def test_dates_are_read_as_dates() -> None:
    fm = parse(page("type: project", "start: 2026-03-31", "end: 2026-Q2"), "p.md")
    assert fm.data == {"type": "project", "start": dt.date(2026, 3, 31), "end": "2026-Q2"}


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "2026-00-10"])
def test_impossible_timestamp_is_kept_as_text_and_reported_against_its_field(value: str) -> None:
    fm = parse(page("type: project", "owner: Ana", f"start: {value}"), "p.md")
    assert fm.diagnostics == []
    assert fm.data is not None and fm.data["start"] == value
    model, diagnostics = check(page("type: project", "owner: Ana", f"start: {value}"))
    assert diagnostics == [
        f"p.md:4: start: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '{value}'; the value is left out"
    ]
    assert model is not None and model.start is None and model.owner == "Ana"


def test_alias_of_an_impossible_timestamp_is_reported_for_each_use() -> None:
    _model, diagnostics = check(page("type: project", "owner: Ana", "start: &d 2026-13-01", "end: *d"))
    assert diagnostics == [
        "p.md:4: start: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2026-13-01'; the value is left out",
        "p.md:5: end: expected a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn), found '2026-13-01'; the value is left out",
    ]


def test_python_tags_are_never_executed() -> None:
    fm = parse(page("type: project", "owner: !!python/name:os.system", "summary: !!python/object/new:os.system [echo]"), "p.md")
    assert fm.data is not None
    # Never constructed: reported as unknown tags, and the values are left out.
    assert "owner" not in fm.data and "summary" not in fm.data
    assert [(d.line, d.field, d.code) for d in fm.diagnostics] == [(3, "owner", "yaml"), (4, "summary", "yaml")]
    assert "'!!python/name:os.system'" in fm.diagnostics[0].message


def test_merge_keys_are_flattened() -> None:
    text = page("type: project", "defaults: &d {owner: Ana}", "risks:", "  - <<: *d", "    title: R")
    fm = parse(text, "p.md")
    assert fm.diagnostics == []
    assert fm.data is not None
    assert fm.data["risks"] == [{"owner": "Ana", "title": "R"}]


# --------------------------------------------------------------------------- hostile YAML


BOMB = page(
    "type: project",
    "owner: Ana",
    "a: &a [x, x, x, x, x, x, x, x, x]",
    *(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
)


def test_alias_bomb_does_not_hang() -> None:
    started = time.perf_counter()
    fm = parse(BOMB, "p.md")
    assert time.perf_counter() - started < 5
    # b..e expand to about 74,000 values; f (line 9) passes the limit.
    assert [(d.line, d.code, d.severity) for d in fm.diagnostics] == [(9, "yaml", "error")]
    assert fm.diagnostics[0].message == (
        "aliases expand to more than 100,000 values; the values they add from line 9 on are left out"
    )


def test_alias_bomb_keeps_the_fields_written_before_it() -> None:
    fm = parse(BOMB, "p.md")
    assert fm.data is not None
    assert fm.data["type"] == "project"
    assert fm.data["owner"] == "Ana"


@pytest.mark.parametrize(
    "value, field",
    [("&a [*a]", "a[0][0]"), ("&a {b: *a}", "a.b.b"), ("&a [x, {c: *a}]", "a[1].c[1]")],
)
def test_recursive_alias_terminates(value: str, field: str) -> None:
    started = time.perf_counter()
    fm = parse(page("type: project", f"a: {value}"), "p.md")
    assert time.perf_counter() - started < 5
    assert len(fm.diagnostics) == 1
    assert fm.diagnostics[0].line == 3
    assert fm.diagnostics[0].field.startswith(field)
    assert "nests too deeply" in fm.diagnostics[0].message
    assert fm.data is not None and fm.data["type"] == "project"


def test_recursive_merge_key_terminates() -> None:
    fm = parse(page("type: project", "a: &a {<<: *a, b: 1}"), "p.md")
    assert fm.data is not None and fm.data["a"] == {"b": 1}


def test_deep_nesting_is_cut_off() -> None:
    depth = 100  # far beyond any real front matter
    fm = parse(page("type: project", "x: " + "[" * depth + "]" * depth, "owner: Ana"), "p.md")
    assert [(d.line, d.code) for d in fm.diagnostics] == [(3, "yaml")]
    assert fm.diagnostics[0].field == "x" + "[0]" * 32
    assert fm.data is not None and (fm.data["type"], fm.data["owner"]) == ("project", "Ana")


@pytest.mark.parametrize("value", ["x: " + "[" * 300 + "]" * 300, "x:\n  " + "- " * 300 + "a"], ids=["flow", "block"])
def test_absurd_nesting_is_reported_not_raised(value: str) -> None:
    fm = parse(page("type: project", value), "p.md")
    assert fm.diagnostics != []
    assert {d.code for d in fm.diagnostics} == {"yaml"}


def test_chain_of_merge_keys_in_document_order() -> None:
    chain = ["a0: &a0 {x: 1}"] + [f"a{i}: &a{i} {{<<: *a{i - 1}}}" for i in range(1, 3000)]
    fm = parse(page("type: project", "owner: Ana", *chain), "p.md")
    assert fm.diagnostics == []
    assert fm.data is not None
    assert (fm.data["type"], fm.data["owner"], fm.data["a2999"]) == ("project", "Ana", {"x": 1})


def test_long_chain_of_merge_keys_is_reported_not_raised() -> None:
    """PyYAML flattens merge keys recursively: a chain of 3,000 merges must not escape as RecursionError.

    The anchors sit below the builder's depth limit, so nothing flattens them
    before ``top`` merges the last one.
    """
    items = ", ".join(["&a0 {x: 1}"] + [f"&a{i} {{<<: *a{i - 1}}}" for i in range(1, 3000)])
    text = page("type: project", "owner: Ana", "deep: " + "[" * 40 + items + "]" * 40, "top: {<<: *a2999}")
    fm = parse(text, "p.md")
    assert fm.diagnostics != []
    assert all(d.code == "yaml" for d in fm.diagnostics)
    assert fm.data is not None
    assert (fm.data["type"], fm.data["owner"]) == ("project", "Ana")


DEEP_SCRIPT = """
import sys
from mkdocs_pgm.core.model.frontmatter import parse
n = 50_000
value = "x: " + "[" * n + "]" * n if sys.argv[1] == "flow" else "x:\\n  " + "- " * n + "a"
fm = parse("---\\ntype: project\\n" + value + "\\n---\\n", "p.md")
print(sorted({d.code for d in fm.diagnostics}))
"""


@pytest.mark.parametrize("style", ["flow", "block"])
def test_very_deep_nesting_does_not_crash_the_process(style: str) -> None:
    """libyaml composes nodes recursively in C: 50,000 levels overflowed the C stack (segfault)."""
    done = subprocess.run([sys.executable, "-c", DEEP_SCRIPT, style], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"exit status {done.returncode}: {done.stderr[-500:]}"
    assert done.stdout.strip() == "['yaml']"


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("---\nstatus: a\n---\nbody", "status: a\n"),
        ("\ufeff---\r\ntype: x\r\n...\r\nbody", "type: x\r\n"),
        ("---\n---\nbody", ""),
        ("no front matter", None),
        ("---\nnever closed\n", None),
    ],
)
def test_block_span_finds_the_yaml_where_split_does(text: str, inside: str | None) -> None:
    span = block_span(text)
    assert (text[span[0] : span[1]] if span else None) == inside
    assert split(text)[0] == inside
