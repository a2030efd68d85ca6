"""The README's examples are valid front matter: a new user copies them first."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import registry_of

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK_RE = re.compile(r"```markdown\n(---\n.*?)```", re.DOTALL)


def test_the_readme_pages_validate_and_link_up() -> None:
    blocks = BLOCK_RE.findall(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 2
    pages = {f"p{i}.md": text for i, text in enumerate(blocks)}
    pages["iam.md"] = "---\ntype: project\nid: PRJ-IAM\nowner: Sam\n---\n# IAM\n"  # the one page the example points to
    registry = registry_of(pages)
    kinds = sorted(e.kind for e in registry.entities)
    assert kinds == ["program", "project", "project"]
    assert [str(d) for d in registry.diagnostics if d.severity != "info"] == []
    portal = registry.get("PRJ-PORTAL")
    assert portal is not None and portal.program is registry.get("PRG-DIGITAL")
