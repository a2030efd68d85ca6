"""Python-Markdown extension that renders ``[[ID]]`` and ``[[ID|text]]``.

It is an inline processor, so references inside code spans and code blocks
are left alone (Markdown's own code handling runs first). The rendering
itself (a link with the target's title and status) is delegated to a
callable, which knows the page being converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor

from ..model.markdown_scan import XREF_RE

RenderXref = Callable[[str, "str | None"], str]

#: Above Markdown's links (160) and references (170), below code spans (190) and escapes (180).
PRIORITY = 175


class _XrefProcessor(InlineProcessor):
    def __init__(self, render: RenderXref, md: Markdown) -> None:
        super().__init__(XREF_RE.pattern, md)
        self.compiled_re = re.compile(XREF_RE.pattern)
        self.render = render

    # Markdown's InlineProcessor changes the signature of Pattern.handleMatch (its stubs ignore the same error).
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Element | str | None, int, int]:  # type: ignore[override]  # noqa: N802
        text = m.group(2)
        html = self.render(m.group(1), text.strip() if text is not None else None)
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class XrefExtension(Extension):
    """``markdown.Markdown(extensions=[XrefExtension(render)])``."""

    def __init__(self, render: RenderXref) -> None:
        super().__init__()
        self.render = render

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_XrefProcessor(self.render, md), "pgm_xref", PRIORITY)
