"""Real MkDocs builds with the plugin: HTML, search index, logs, strict mode."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort

PROGRAM = """
---
type: program
id: PRG-ECOM
owner: Dana Whitfield
governance:
  risk_threshold: 12
  escalation: [Program manager, Sponsor]
  forums: [{name: Steering review, cadence: monthly, chair: Dana Whitfield}]
benefits:
  - {id: BEN-CONV, title: Higher conversion, kpi: Conversion rate, baseline: 2.1, target: 3.0, unit: "%"}
---
# E-commerce replatforming

The program behind [[SHOP]].
"""

SHOP = """
---
type: project
id: SHOP
program: PRG-ECOM
owner: Ann Lee
status: Active
health: amber
phase: execution
start: 2026-01-05
end: 2026-Q3
baseline: {end: 2026-06-30}
progress: 40
depends_on: [PAY, "PAY#go-live"]
contributes_to: BEN-CONV
milestones:
  - {title: Go live, date: 2026-09-15}
risks:
  - {id: RSK-SHOP-1, title: Vendor capacity, probability: 4, impact: 4, owner: Ann Lee, mitigation: Second vendor}
---
# Shop

Payments come from [[PAY]]; the biggest risk is [[RSK-SHOP-1]], see also [[PAY#go-live|the go-live]].

```
[[NOT-A-REF]]
```
"""

PAY = """
---
type: project
id: PAY
program: PRG-ECOM
owner: Bob Ray
start: 2026-01-01
end: 2026-05-31
milestones:
  - {title: Go live, date: 2026-05-01}
---
# Payments
"""

PLAIN = """
# Plain page

Nothing here is ours: [[NOT-PARSED]] stays as written? No: plain pages get links too.
"""


def article(html: str) -> str:
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.DOTALL)
    return match.group(1) if match else html


def test_project_page_gets_card_sections_and_links(build_site, tmp_path):
    site = build_site(tmp_path, {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY})
    html = site.html("projects/shop.md")
    assert site.warnings == []
    card = html[html.index('class="pgm pgm-card'):]
    assert html.index("<h1") < html.index('class="pgm pgm-card')
    assert 'pgm-status--active' in card and ">active<" in card
    assert 'pgm-health--amber' in card and "Amber" in card
    assert "Execution phase" in card
    assert '<a class="pgm-ref" href="../../programs/ecom/" title="PRG-ECOM">E-commerce replatforming</a>' in card
    assert "+92 days vs baseline 2026-06-30" in card
    assert '<tr id="risk-rsk-shop-1">' in html
    assert '<tr id="milestone-go-live"' in html
    assert 'href="../pay/"' in html
    assert 'href="../pay/#milestone-go-live"' in html
    assert ">the go-live</a>" in html
    assert 'href="#risk-rsk-shop-1"' in html  # same page: anchor only
    assert "[[NOT-A-REF]]" in html  # code is left alone
    assert 'href="../../programs/ecom/#benefit-ben-conv"' in html


def test_program_page_rolls_up_projects_and_escalated_risks(build_site, tmp_path):
    site = build_site(tmp_path, {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY})
    html = site.html("programs/ecom.md")
    projects = html[html.index('id="pgm-projects"'):html.index('id="pgm-benefits"')]
    assert projects.index("Payments") < projects.index("Shop")
    escalated = html[html.index('id="pgm-escalated-risks"'):]
    assert 'href="../../projects/shop/#risk-rsk-shop-1"' in escalated
    assert ">16<" in escalated
    assert "Steering review" in html and "Program manager" in html
    # health defaults to the worst of its projects
    assert "pgm-health--amber" in html[html.index('class="pgm pgm-card'):html.index("pgm-card__facts")]


def test_sections_are_in_toc_and_search_index(build_site, tmp_path):
    site = build_site(tmp_path, {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY})
    html = site.html("projects/shop.md")
    toc = html[html.index('data-md-component="toc"'):]
    assert 'href="#pgm-milestones"' in toc and 'href="#pgm-raid"' in toc
    index = site.json("search/search_index.json")
    shop = [d for d in index["docs"] if d["location"].startswith("projects/shop/")]
    text = " ".join(d["text"] + " " + d["title"] for d in shop)
    assert "Vendor capacity" in text
    assert "Ann Lee" in text
    assert any(d["location"] == "projects/shop/#pgm-raid" for d in shop)


def test_mkdocs_theme_and_builtin_search(build_site, tmp_path):
    site = build_site(
        tmp_path, {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY}, theme="mkdocs"
    )
    assert site.warnings == []
    html = site.html("projects/shop.md")
    assert 'class="pgm pgm-card pgm-card--project"' in html
    assert "assets/pgm/pgm.css" in html
    assert (site.site_dir / "assets/pgm/pgm.css").is_file()
    index = site.json("search/search_index.json")
    assert any("Vendor capacity" in d["text"] for d in index["docs"])


def test_use_directory_urls_false_and_subpath_site_url(build_site, tmp_path):
    site = build_site(
        tmp_path,
        {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY},
        {"use_directory_urls": False, "site_url": "https://example.org/docs/pgm/"},
    )
    html = site.html("projects/shop.md")
    assert site.dest("projects/shop.md") == "projects/shop.html"
    assert 'href="pay.html"' in html
    assert 'href="pay.html#milestone-go-live"' in html
    assert 'href="../programs/ecom.html"' in html


def test_explicit_nav(build_site, tmp_path):
    site = build_site(
        tmp_path,
        {"index.md": "# Home\n\nStart at [[SHOP]].\n", "programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY},
        {"nav": [{"Home": "index.md"}, {"Shop": "projects/shop.md"}, {"Payments": "projects/pay.md"}, {"Program": "programs/ecom.md"}]},
    )
    assert site.warnings == []
    assert 'href="projects/shop/"' in site.html("index.md")


def test_pages_without_type_are_untouched(build_site, tmp_path):
    page = "---\ntitle: Notes\nstatus: new\n---\n# Notes\n\nSome *text* and a [link](other.md).\n"
    other = "# Other\n"
    plain = build_site(tmp_path / "a", {"notes.md": page, "other.md": other}, {"plugins": ["search"]})
    ours = build_site(tmp_path / "b", {"notes.md": page, "other.md": other})
    assert article(ours.html("notes.md")) == article(plain.html("notes.md"))


def test_unknown_reference_warns_with_line_and_strict_aborts(build_site, tmp_path):
    files = {"projects/shop.md": SHOP.replace("[[PAY]];", "[[PAYY]];"), "projects/pay.md": PAY, "programs/ecom.md": PROGRAM}
    site = build_site(tmp_path, files)
    assert site.warnings == [
        "mkdocs_pgm: docs/projects/shop.md:22: [[PAYY]]: unknown id 'PAYY' (did you mean 'PAY'?); it is shown as plain text"
    ]
    assert '<span class="pgm-xref pgm-xref--unknown" title="Unknown id">[[PAYY]]</span>' in site.html("projects/shop.md")
    with pytest.raises(Abort):
        build_site(tmp_path, files, strict=True)


def test_strict_references_off_makes_unknown_ids_info(build_site, tmp_path):
    files = {"projects/shop.md": SHOP.replace("[[PAY]];", "[[PAYY]];"), "projects/pay.md": PAY, "programs/ecom.md": PROGRAM}
    site = build_site(tmp_path, files, {"plugins": ["search", {"pgm": {"strict_references": False}}]}, strict=True)
    assert any("unknown id 'PAYY'" in line for line in site.logs if line.startswith("INFO"))


def test_invalid_field_dropped_page_still_builds_and_strict_fails(build_site, tmp_path):
    bad = SHOP.replace("health: amber", "health: purple").replace("probability: 4", "probability: 9")
    files = {"projects/shop.md": bad, "projects/pay.md": PAY, "programs/ecom.md": PROGRAM}
    site = build_site(tmp_path, files)
    assert site.warnings == [
        "mkdocs_pgm: docs/projects/shop.md:7: health: expected 'green', 'amber' or 'red', found 'purple'; the value is left out",
        "mkdocs_pgm: docs/projects/shop.md:18: risks[0].probability: expected less than or equal to 5, found 9 (int); the value is left out",
    ]
    html = site.html("projects/shop.md")
    assert "pgm-health--green" in html  # the default replaces the dropped value
    assert "Vendor capacity" in html
    with pytest.raises(Abort):
        build_site(tmp_path, files, strict=True)


def test_broken_yaml_is_reported_not_rendered_silently(build_site, tmp_path):
    broken = "---\ntype: project\nowner: [Ann\n---\n# Broken\n"
    site = build_site(tmp_path, {"broken.md": broken})
    assert len(site.warnings) == 1
    # Reported where the unclosed bracket opens (line 3), not at the end of the block.
    assert site.warnings[0].startswith("mkdocs_pgm: docs/broken.md:3: front matter: front matter is not valid YAML")


def test_duplicate_ids_and_cycles_name_every_file(build_site, tmp_path):
    a = "---\ntype: project\nid: X\nowner: A\ndepends_on: [B]\n---\n# A\n"
    b = "---\ntype: project\nowner: B\ndepends_on: [x]\n---\n# B\n"
    c = "---\ntype: project\nid: x\nowner: C\n---\n# C\n"
    site = build_site(tmp_path, {"a.md": a, "b.md": b, "c.md": c})
    assert (
        "mkdocs_pgm: docs/c.md:3: id: id 'X' is used twice (ids are unique case-insensitively across the site); "
        "the first, docs/a.md:3, is kept and references go to it; the other is at docs/c.md:3 (see docs/a.md:3)"
        in site.warnings
    )
    assert len([w for w in site.warnings if "duplicate" in w or "is used" in w]) == 1
    cycle = [w for w in site.warnings if "dependency cycle" in w]
    assert cycle == [
        "mkdocs_pgm: docs/a.md:5: depends_on[0]: dependency cycle: X → B → X (scheduling dependencies cannot form a cycle; mark one 'type: informational' if it is not about dates) (see docs/b.md:4)"
    ]


def test_user_values_are_escaped(build_site, tmp_path):
    evil = """
    ---
    type: project
    title: "<script>alert('t')</script> & Co"
    owner: "<img src=x onerror=alert(1)>"
    summary: '"quoted" <b>bold</b>'
    links:
      - {title: "<i>x</i>", url: "javascript:alert(1)"}
      - {title: ok, url: "https://example.org/?a=1&b=<2>"}
    risks:
      - {id: R-1, title: "</td><script>x()</script>", mitigation: "<svg onload=alert(1)>"}
    ---
    Body [[R-1]].
    """
    site = build_site(tmp_path, {"evil.md": evil})
    html = article(site.html("evil.md"))
    assert "<script>alert" not in html and "<script>x()" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert 'href="https://example.org/?a=1&amp;b=&lt;2&gt;"' in html
    assert any("links[0].url: expected an http, https, mailto or relative URL, found scheme 'javascript:'" in w for w in site.warnings)


def test_generated_overview_page_in_memory_and_user_file_wins(build_site, tmp_path):
    files = {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY}
    site = build_site(tmp_path / "gen", files)
    html = site.html("governance/index.md")
    assert "Governance dashboard" in html and 'href="../programs/ecom/"' in html
    assert not (site.docs_dir / "governance").exists()
    mine = dict(files, **{"governance/index.md": "# My own governance page\n"})
    site = build_site(tmp_path / "own", mine)
    assert "My own governance page" in site.html("governance/index.md")
    assert "Governance dashboard" not in site.html("governance/index.md")


def test_material_page_status_is_registered(build_site, tmp_path):
    site = build_site(tmp_path, {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY})
    html = site.html("projects/pay.md")
    assert re.search(r'<span class="md-status md-status--active" title="Active">', html)
    assert "assets/pgm/pgm.css" in html


def test_templates_can_be_overridden_from_custom_dir(build_site, tmp_path):
    (tmp_path / "overrides/pgm").mkdir(parents=True)
    (tmp_path / "overrides/pgm/card.html").write_text('<div class="my-card">{{ entity.title }} / {{ entity.model.owner }}</div>\n')
    site = build_site(tmp_path, {"projects/pay.md": PAY}, {"theme": {"name": "material", "custom_dir": "overrides"}})
    html = site.html("projects/pay.md")
    assert '<div class="my-card">Payments / Bob Ray</div>' in html
    assert "pgm-card__facts" not in html


def test_reference_directives(build_site, tmp_path):
    site = build_site(tmp_path, {"ref.md": "# Reference\n\n<!-- pgm:schema-reference -->\n\n## Options\n\n<!-- pgm:config-reference -->\n"})
    html = site.html("ref.md")
    assert '<h2 id="fm-projectpage"><code>type: project</code></h2>' in html
    assert "<code>risk_threshold</code>" in html
    assert '<tr id="option-governance-dir"><td><code>governance_dir</code></td> <td><code>governance</code></td>' in html


def test_disabled_plugin_changes_nothing(build_site, tmp_path):
    files = {"projects/pay.md": PAY}
    site = build_site(tmp_path, files, {"plugins": ["search", {"pgm": {"enabled": False}}]})
    assert "pgm-card" not in site.html("projects/pay.md")
    assert not (site.site_dir / "governance").exists()


def test_explicit_milestone_id_alone_when_unique(build_site, tmp_path):
    a = "---\ntype: project\nowner: A\nmilestones: [{id: MS-LAUNCH, title: Launch, date: 2026-05-01}, {id: M1, title: One}]\n---\n# A\n"
    b = "---\ntype: project\nowner: B\nmilestones: [{id: M1, title: Other one}]\n---\n# B\n\n[[MS-LAUNCH]] and [[A#M1]], not [[M1]].\n"
    site = build_site(tmp_path, {"a.md": a, "b.md": b})
    html = site.html("b.md")
    assert 'href="../a/#milestone-ms-launch"' in html
    assert 'href="../a/#milestone-m1"' in html
    assert site.warnings == ["mkdocs_pgm: docs/b.md:8: [[M1]]: unknown id 'M1' (did you mean 'B#M1'?); it is shown as plain text"]


def test_a_user_status_tooltip_wins_and_reaches_every_badge(build_site, tmp_path):
    """Our statuses are added to the user's extra.status (theirs win), and the badges of the
    navigation show the user's tooltip on every page: what Material reads is the merged table."""
    config = {"extra": {"status": {"active": "In flight", "new": "Recently added"}}}
    site = build_site(tmp_path, {"programs/ecom.md": PROGRAM, "projects/shop.md": SHOP, "projects/pay.md": PAY}, config)
    for page in ("projects/pay.md", "projects/shop.md", "programs/ecom.md"):
        assert re.search(r'<span class="md-status md-status--active" title="In flight">', site.html(page)), page
    extra = site.config.extra
    assert extra["status"]["active"] == "In flight" and extra["status"]["new"] == "Recently added"
    assert extra["status"]["planned"] == "Planned"
