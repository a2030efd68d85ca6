"""Blow-ups: output, memory and time stay proportional to the input.

* a template copied thousands of times (every risk ``id: R-1``) gives one
  diagnostic of bounded length, and ``pgm.json`` grows with the copies, not
  with their square;
* a huge first heading (the page's title) is cut, with a warning, and a title
  is not repeated in full in every entry of its page;
* every regular expression that sees user text stays linear on 100 KB of
  hostile text;
* thousands of unknown ids cost little "did you mean" work.
"""

from __future__ import annotations

import datetime as dt
import difflib
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_pgm.core.analysis.findings import find
from mkdocs_pgm.core.analysis.schedule import analyze
from mkdocs_pgm.core.diagnostics import Suggestions, did_you_mean
from mkdocs_pgm.core.exports.formats import export_json
from mkdocs_pgm.core.limits import MAX_CONTEXT_TEXT, MAX_SHORT_TEXT
from mkdocs_pgm.core.model import markdown_scan
from mkdocs_pgm.core.model.registry import Node, Registry
from mkdocs_pgm.core.views import search
from mkdocs_pgm.core.views.render import headings_of

from helpers import messages, page, registry_of, sources

TODAY = dt.date(2026, 5, 1)


def _url_of(node: Node) -> str | None:
    owner = node if not hasattr(node, "owner") else node.owner  # type: ignore[union-attr]
    return owner.src_uri.removesuffix(".md") + "/"


def _copies(count: int) -> str:
    """A project page whose ``count`` risks were all copied from one template (``id: R-1``)."""
    risks = [line for i in range(count) for line in ("  - id: R-1", f"    title: Risk {i}", "    owner: Ana")]
    return page("type: project", "owner: A", "risks:", *risks)


def _pgm_json(registry: Registry) -> str:
    analysis = analyze(registry)
    return export_json(registry, analysis=analysis, findings=find(registry, TODAY, analysis=analysis), today=TODAY,
                       currency="EUR", url_of=_url_of)


# --------------------------------------------------------------------------- duplicate ids


def test_three_thousand_copies_of_one_id_give_one_bounded_diagnostic() -> None:
    registry = registry_of({"x.md": _copies(3000)})
    # Risk i is on line 5 + 3i: the first is kept, the second carries the diagnostic.
    assert messages(registry, "duplicate-id") == [
        ("x.md:8: risks[1].id: id 'R-1' is used 3,000 times (ids are unique case-insensitively across the site); "
        "the first, x.md:5, is kept and references go to it; the others are at x.md:8, x.md:11, x.md:14 and 2,996 more "
        "(see x.md:5)")
    ]
    assert sum(len(str(d)) for d in registry.diagnostics) < 1_000


def test_duplicates_keep_pgm_json_linear() -> None:
    small = len(_pgm_json(registry_of({"x.md": _copies(1000)})))
    large = len(_pgm_json(registry_of({"x.md": _copies(3000)})))
    # Before: every copy listed every other one (287 MB for 3,000 copies).
    assert large < 3.3 * small
    assert large < 3_000 * 1_000  # about 1 KB per risk: its entry, nothing quadratic


def test_duplicates_across_pages_name_the_first_few(tmp_path: Path) -> None:
    pages = {f"p{i}.md": page("type: project", "id: SAME", "owner: A") for i in range(6)}
    registry = registry_of(pages)
    assert messages(registry) == [
        ("p1.md:3: id: id 'SAME' is used 6 times (ids are unique case-insensitively across the site); "
        "the first, p0.md:3, is kept and references go to it; the others are at p1.md:3, p2.md:3, p3.md:3 and 2 more "
        "(see p0.md:3)")
    ]


def test_a_build_with_copied_risks_logs_one_line_and_stays_small(build_site, tmp_path: Path) -> None:
    site = build_site(tmp_path, {"x.md": _copies(600)})
    duplicates = [w for w in site.warnings if "R-1" in w]
    assert duplicates == [
        ("mkdocs_pgm: docs/x.md:8: risks[1].id: id 'R-1' is used 600 times (ids are unique case-insensitively across the site); "
        "the first, docs/x.md:5, is kept and references go to it; the others are at docs/x.md:8, docs/x.md:11, docs/x.md:14 "
        "and 596 more (see docs/x.md:5)")
    ]
    exported = (site.site_dir / "governance" / "pgm.json").stat().st_size
    assert exported < 600 * 1_500


# --------------------------------------------------------------------------- huge titles


def test_a_huge_first_heading_is_cut_with_a_warning() -> None:
    heading = "T" * 100_000
    registry = registry_of({"x.md": page("type: project", "owner: A") + f"\nIntro\n\n# {heading}\n"})
    (entity,) = registry.entities
    assert len(entity.title) == MAX_SHORT_TEXT and entity.title.endswith("…")
    assert messages(registry) == [
        ("x.md:8: title: the first heading, which is the page's title, is 100,000 characters long, more than 300; "
        "only the first 299 are kept")
    ]
    assert registry.diagnostics[0].severity == "warning"


def test_search_entries_repeat_a_short_context_not_the_whole_title() -> None:
    title = "Programme " + "x" * (MAX_SHORT_TEXT - 10)
    registry = registry_of({
        "prg.md": page("type: program", "owner: A", f"title: {title}"),
        "x.md": page("type: project", "owner: A", "program: PRG", f"title: {title}", "risks:",
                     *[f"  - {{id: R-{i}, title: Risk {i}}}" for i in range(50)]),
    })
    project = registry.get("X")
    assert project is not None
    entries = search.nested_entries(project)
    assert len(entries) == 50
    for entry in entries:
        assert title not in entry.text
        assert len(entry.text) < 2 * MAX_CONTEXT_TEXT + 100


def _site_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def _title_site(build_site, root: Path, risks: int) -> tuple[int, int]:
    body = f"# {'T' * 100_000}\n"
    text = page("type: project", "owner: A", "risks:", *[f"  - {{id: R-{i}, title: Risk {i}}}" for i in range(risks)], body=body)
    site = build_site(root, {"x.md": text})
    assert (f"mkdocs_pgm: docs/x.md:{risks + 6}: title: the first heading, which is the page's title, is 100,000 characters "
            "long, more than 300; only the first 299 are kept") in site.warnings
    return _site_size(site.site_dir), (site.site_dir / "search" / "search_index.json").stat().st_size


def test_site_output_grows_with_the_entries_not_with_entries_times_title(build_site, tmp_path: Path) -> None:
    small_site, small_index = _title_site(build_site, tmp_path / "small", 50)
    large_site, large_index = _title_site(build_site, tmp_path / "large", 250)
    # 200 more risks: a few KB each at most over the whole site (before: 200 KB each,
    # the 100,000-character title in each risk's search entry and register row).
    assert large_site - small_site < 200 * 6_000
    assert large_index - small_index < 200 * 1_500


# --------------------------------------------------------------------------- linear regular expressions


HOSTILE = {
    "spaces": " " * 100_000,
    "hashes": "#" * 100_000,
    "heading spaces": "# a" + " " * 100_000 + "b",
    "heading hashes": "# a " + "# " * 50_000 + "b",
    "brackets": "[" * 100_000,
    "open refs": "[[a|" * 25_000,
    "open ref spaces": "[[" + " " * 100_000,
    "long id": "[[" + "a" * 100_000 + " x",
    "comments": "<!--" * 25_000,
    "open directives": "<!-- pgm:a " * 9_000,
    "directive line": "<!-- pgm:roadmap " + "a" * 100_000,
    "directive args": "<!-- pgm:roadmap " + "a= " * 33_000 + "-->",
    "directive quotes": "<!-- pgm:roadmap " + 'a="b ' * 20_000 + "-->",
    "backticks": "`" * 100_000,
    "backtick runs": " ".join("`" * n for n in range(1, 440)) + " [[X]]",
    "braces": "# a " + "{" * 100_000,
    "brace blocks": "# a " + "{ }" * 33_000 + " }",
    "setext": "a\n" + "=" * 100_000 + " x",
    "list": "1" * 100_000 + ".",
    "tags": "<" * 100_000,
    "headings": '<h2 id="a">' * 9_000,
    "heading ids": '<h2 id="a ' * 10_000,
    "svg": "<svg " * 20_000,
}

SCANNERS: dict[str, Callable[[str], object]] = {
    "references": markdown_scan.references,
    "first_heading": markdown_scan.first_heading,
    "first_heading_line": markdown_scan.first_heading_line,
    "directives": markdown_scan.directives,
    "parse_args": markdown_scan.parse_args,
    "directive search": lambda text: [m.group(1) for m in markdown_scan.DIRECTIVE_RE.finditer(text)],
    "code spans": markdown_scan.blank_code_spans,
    "html_headings": lambda text: list(markdown_scan.html_headings(text)),
    "drawing_texts": search.drawing_texts,
    "headings_of": headings_of,
}


@pytest.mark.parametrize("scanner", sorted(SCANNERS))
@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_scanner_is_linear_on_100_kb_of_hostile_text(scanner: str, hostile: str) -> None:
    text = HOSTILE[hostile]
    started = time.perf_counter()
    SCANNERS[scanner](text)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{scanner} took {elapsed:.2f} s on {hostile!r}"


def test_the_linear_scanners_still_find_what_they_should() -> None:
    assert markdown_scan.first_heading("# Title ##  ") == "Title"
    assert markdown_scan.first_heading("# a#") == "a#"
    assert markdown_scan.first_heading("# #") == "#"
    assert markdown_scan.first_heading("# Title {#id .cls}") == "Title"
    assert markdown_scan.first_heading("# a {b {c}") == "a"
    assert markdown_scan.first_heading("#   ") is None
    assert markdown_scan.first_heading("Title {: #x }\n=====") == "Title"
    assert [r.target for r in markdown_scan.references("`[[A]]` [[B]] ``x [[C]] `` [[D|d]] ``` [[E]]")] == ["B", "D", "E"]
    assert [r.text for r in markdown_scan.references("[[A|one]] [[B| two ]]")] == ["one", "two"]
    assert markdown_scan.parse_args('program=A,B status="x y" 9z=1') == ((("program", ("A", "B")), ("status", ("x y",))), "9z=1")
    found = markdown_scan.directives("<!-- pgm:roadmap program=P -->\n<!-- pgm:raid")
    assert [(d.name, d.args) for d in found] == [("roadmap", (("program", ("P",)),))]
    html = '<p>a</p><h2 id="one">One <em>1</em></h2><p>b</p><h3 class="x" id="two">Two</h3><svg><text>no</text></svg>c'
    assert search.drawing_texts(html + '<svg><text>x&amp;y</text>\n<text> z\u00a0 </text></svg><svg>') == ["no", "x&y z"]
    assert [(h.level, h.id, h.title) for h in headings_of(html)] == [(2, "one", "One 1"), (3, "two", "Two")]


# --------------------------------------------------------------------------- did you mean


def _site_with_ids(count: int) -> dict[str, str]:
    return {f"p{i}.md": page("type: project", f"id: PRJ-{i}", "owner: A") for i in range(count)}


def test_thousands_of_unknown_references_cost_little() -> None:
    pages = _site_with_ids(1000)
    started = time.perf_counter()
    Registry.build(sources(pages))
    without = time.perf_counter() - started
    pages["refs.md"] = "".join(f"[[NOPE-{i}]] and [[PRJ-{i}x]]\n" for i in range(1000))
    started = time.perf_counter()
    registry = Registry.build(sources(pages))
    extra = time.perf_counter() - started - without
    unknown = [d for d in registry.diagnostics if d.code == "unknown-reference"]
    assert len(unknown) == 2000
    assert "unknown id 'PRJ-7x' (did you mean 'PRJ-7'?); it is shown as plain text" in [d.message for d in unknown]
    assert extra < 1.5, f"2,000 unknown references took {extra:.2f} s more"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abcAB-_.12", min_size=1, max_size=9), max_size=15),
    st.text("abcAB-_.12", max_size=10),
)
def test_suggestions_are_those_of_difflib(candidates: list[str], word: str) -> None:
    pool = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(word.lower(), list(pool), n=1, cutoff=0.6)
    expected = f" (did you mean '{pool[match[0]]}'?)" if match else ""
    assert did_you_mean(word, candidates) == expected
    assert Suggestions(candidates).hint(word) == expected


def test_a_word_far_longer_than_every_candidate_is_not_compared() -> None:
    suggestions = Suggestions([f"PRJ-{i}" for i in range(1000)])
    started = time.perf_counter()
    assert suggestions.hint("P" * 100_000) == ""
    assert time.perf_counter() - started < 0.5


def test_thousands_of_links_on_one_line_to_a_superseded_decision_are_one_finding() -> None:
    registry = registry_of({
        "d1.md": page("type: decision", "id: DEC-1", "date: 2026-01-01", "status: superseded by DEC-2"),
        "d2.md": page("type: decision", "id: DEC-2", "date: 2026-01-01", "status: accepted", "supersedes: [DEC-1]"),
        "notes.md": "[[DEC-1]] " * 10_000 + "\n",
    })
    started = time.perf_counter()
    found = find(registry, TODAY)
    elapsed = time.perf_counter() - started
    assert [str(f) for f in found] == [
        "notes.md:1: [[DEC-1]]: links to decision DEC-1 'DEC-1', superseded by DEC-2; link to the decision in force instead [superseded-link]"
    ]
    assert elapsed < 1.0, f"{elapsed:.2f} s"  # before: every link was compared with every other one on its line
