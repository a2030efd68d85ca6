"""The "further slip" what-if of every dated project page (the ``what_if_days`` option).

Hand-computed chain (2026; finish-to-start: the dependent may start the day after
its predecessor ends, so the gap is the idle days in between):

    X 01-01 → 01-31 ──FS──> Y 02-10 → 03-31 (milestone YM 03-01) ──FS──> Z 04-20 → 05-31
    W 01-01 → 01-15 ──FS──> V 03-01 → 03-31

* X → Y gap: 02-01 .. 02-09 = 9 days; Y → Z gap: 04-01 .. 04-19 = 19 days.
  The portfolio ends 05-31 (Z). Total float: Z 0, Y 19, X 9 + 19 = 28.
* X slips 30 days (ends 03-02): Y absorbs 9 and moves 21 (03-03 → 04-21), YM moves
  21 (03-22), Z is pushed 21, absorbs 19 and moves 2 (04-22 → 06-02).
* Y slips 30 days (ends 04-30): Z absorbs 19 and moves 11 (05-01 → 06-11).
* W → V gap: 01-16 .. 02-28 = 44 days >= 30: a 30-day slip of W (to 02-14) moves
  nothing; W's total float is 44 + (05-31 - 03-31 = 61) = 105.
"""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort

from mkdocs_pgm.core.analysis.findings import settings_from
from mkdocs_pgm.core.analysis.schedule import Analysis, WhatIf, analyze
from mkdocs_pgm.core.model.registry import Entity, Registry

from helpers import registry_of
from test_cpm import project

CHAIN = {
    "x.md": project("2026-01-01", "2026-01-31"),
    "y.md": project("2026-02-10", "2026-03-31", deps=("X",), milestones=("YM 2026-03-01",)),
    "z.md": project("2026-04-20", "2026-05-31", deps=("Y",)),
    "w.md": project("2026-01-01", "2026-01-15"),
    "v.md": project("2026-03-01", "2026-03-31", deps=("W",)),
}


def rows(what: WhatIf | None) -> list[tuple[str, int, str, str, int, str]]:
    assert what is not None
    return [(i.node.ref_id, i.days, i.old_start.isoformat(), i.new_start.isoformat(), i.absorbed, i.via.id) for i in what.impacts]


def entity(registry: Registry, ident: str) -> Entity:
    found = registry.get(ident)
    assert isinstance(found, Entity), ident
    return found


def test_further_slip_absorbs_the_float_and_moves_the_rest_by_hand() -> None:
    registry = registry_of(CHAIN)
    assert [str(d) for d in registry.diagnostics] == []
    analysis = analyze(registry)
    assert analysis.what_if_days == 30
    x = analysis.further_slip(entity(registry, "X"))
    assert x is not None and (x.days, x.float, x.subject_after.isoformat()) == (30, 28, "2026-03-02")  # type: ignore[union-attr]
    assert rows(x) == [
        ("Y", 21, "2026-02-10", "2026-03-03", 9, "X"),
        ("Y#YM", 21, "2026-03-01", "2026-03-22", 0, "Y"),
        ("Z", 2, "2026-04-20", "2026-04-22", 19, "Y"),
    ]
    assert (x.end_before.isoformat(), x.end_after.isoformat()) == ("2026-05-31", "2026-06-02")  # type: ignore[union-attr]
    y = analysis.further_slip(entity(registry, "Y"))
    assert rows(y) == [("Z", 11, "2026-04-20", "2026-05-01", 19, "Y")]
    assert y is not None and y.float == 19
    # W's 44 days before V starts absorb all 30: nothing moves.
    w = analysis.further_slip(entity(registry, "W"))
    assert w is not None and w.moved == [] and w.float == 105
    assert rows(w) == [("V", 0, "2026-03-01", "2026-03-01", 30, "W")]
    assert analysis.further_slip(entity(registry, "X")) is x  # computed once


def test_other_day_counts_and_zero_turns_it_off() -> None:
    registry = registry_of(CHAIN)
    # 9 days: exactly Y's free float after X; nothing moves.
    nine = analyze(registry, what_if_days=9).further_slip(entity(registry, "X"))
    assert nine is not None and nine.moved == [] and rows(nine)[0] == ("Y", 0, "2026-02-10", "2026-02-10", 9, "X")
    assert analyze(registry, what_if_days=0).further_slip(entity(registry, "X")) is None


def test_undated_project_has_no_what_if() -> None:
    registry = registry_of({**CHAIN, "u.md": "---\ntype: project\nowner: X\n---\n# U\n"})
    assert analyze(registry).further_slip(entity(registry, "U")) is None


def test_option_is_validated() -> None:
    assert settings_from({}).what_if_days == 30
    assert settings_from({"what_if_days": 0}).what_if_days == 0
    assert settings_from({"what_if_days": 45}).what_if_days == 45
    with pytest.raises(ValueError, match=r"^what_if_days: expected a number of days \(0 or more\), found -1$"):
        settings_from({"what_if_days": -1})
    with pytest.raises(ValueError, match=r"^what_if_days: expected a number of days \(0 or more\), found 'soon'$"):
        settings_from({"what_if_days": "soon"})
    with pytest.raises(ValueError, match=r"^what_if_days: expected a number of days from 0 to 36500, found 99999$"):
        settings_from({"what_if_days": 99999})


def text(html: str) -> str:
    """The section's text, tags removed, whitespace collapsed."""
    start = html.index(">", html.index('id="pgm-impact"')) + 1
    section = html[start:html.index("<h2", start + 1)] if "<h2" in html[start + 1:] else html[start:]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)).replace("&#8594;", "→").strip()


def test_site_project_pages_say_what_a_further_slip_moves(build_site, tmp_path) -> None:
    pages = dict(CHAIN)
    pages["y.md"] = pages["y.md"].replace("type: project", 'type: project\ntitle: "<b>Y</b> & co"')
    site = build_site(tmp_path, pages, {"plugins": ["search", {"pgm": {"diagrams": False}}]})
    assert site.warnings == []
    x = site.html("x.md")
    assert "A further slip of <strong>30 days</strong> (to 2026-03-02) would move:" in x
    assert "&lt;b&gt;Y&lt;/b&gt; &amp; co" in x and "<b>Y</b>" not in x
    found = text(x)
    assert "&lt;b&gt;Y&lt;/b&gt; &amp; co 2026-02-10 → 2026-03-31 2026-03-03 → 2026-04-21 +21 days 9 days X" in found
    assert "YM (&lt;b&gt;Y&lt;/b&gt; &amp; co) 2026-03-01 2026-03-22 +21 days" in found
    assert "Z 2026-04-20 → 2026-05-31 2026-04-22 → 2026-06-02 +2 days 19 days &lt;b&gt;Y&lt;/b&gt; &amp; co" in found
    assert "The portfolio&#39;s end moves from 2026-05-31 to 2026-06-02." in found
    assert found.startswith("Impact of a delay No slip against the baseline")  # then the what-if
    # Within its float: W moves nothing (the 44 days before V starts absorb all of it): no table.
    w = site.html("w.md")
    assert ("A further slip of <strong>30 days</strong> (to 2026-02-14) would move nothing downstream: "
            "its total float is 105 days.") in w
    assert "pgm-impact-end" not in w and "pgm-table pgm-impact" not in w
    # Z ends the portfolio: nothing downstream, the end moves by the whole slip.
    z = text(site.html("z.md"))
    assert "would move nothing downstream: its total float is 0 days." in z
    assert "The portfolio&#39;s end moves from 2026-05-31 to 2026-06-30." in z


def test_site_option_zero_hides_it_and_bad_value_stops(build_site, tmp_path) -> None:
    site = build_site(tmp_path, CHAIN, {"plugins": ["search", {"pgm": {"diagrams": False, "what_if_days": 0}}]})
    assert "A further slip" not in site.html("x.md")
    assert 'id="pgm-impact"' not in site.html("z.md")  # no dependents, no slip, no what-if: no section
    assert "No slip against the baseline" in site.html("x.md")  # the section still says what it said before
    with pytest.raises(Abort):
        build_site(tmp_path, CHAIN, {"plugins": ["search", {"pgm": {"what_if_days": -5}}]})
    assert build_site.last is not None
    assert any("what_if_days: expected a number of days (0 or more), found -5" in line for line in build_site.last.logs)


def test_fingerprint_of_a_project_page_follows_its_what_if() -> None:
    """``--dirty`` keeps a page only when its fingerprint is unchanged: the what-if is part of it."""
    from mkdocs_pgm.core.incremental import Fingerprints

    registry = registry_of(CHAIN)
    urls = {e.src_uri: e.src_uri[:-3] + "/" for e in registry.entities}

    def fingerprint(ident: str, analysis: Analysis) -> bytes:
        return Fingerprints(registry, analysis, urls, b"salt", diagram_depth=1).entity_page(entity(registry, ident))

    thirty, ten, off = analyze(registry), analyze(registry, what_if_days=10), analyze(registry, what_if_days=0)
    assert fingerprint("X", thirty) == fingerprint("X", analyze(registry))
    assert len({fingerprint("X", thirty), fingerprint("X", ten), fingerprint("X", off)}) == 3
    # Z's page has no what-if table but says its float and the portfolio's new end: that changes too.
    assert fingerprint("Z", thirty) != fingerprint("Z", off)


def test_further_end_counts_from_the_cpm_finish_when_a_dependency_holds_the_project_back() -> None:
    # H plans 02-01 → 02-28 but depends on X (ends 01-31) with a lag of 10: it can start 02-11 at the
    # earliest and finish 28 - 1 = 27 days later, 03-10; 30 more days: 04-09 (not 02-28 + 30 = 03-30).
    registry = registry_of({**CHAIN, "h.md": project("2026-02-01", "2026-02-28", deps=("{id: X, lag_days: 10}",))})
    analysis = analyze(registry)
    h = entity(registry, "H")
    assert analysis.times(h).early_finish.isoformat() == "2026-03-10"  # type: ignore[union-attr]
    assert analysis.further_end(h).isoformat() == "2026-04-09"  # type: ignore[union-attr]
    assert analysis.further_end(entity(registry, "X")).isoformat() == "2026-03-02"  # type: ignore[union-attr]
    assert analyze(registry, what_if_days=0).further_end(h) is None
