"""Hostile front matter in a real browser: no dialog fires that the same site without the plugin does not fire.

The site of ``test_hostile_input.py`` (a script payload in every field, each
with its own number: ``alert(117)``) is built once per theme and served over
http (Material's search needs it). Headless Chromium, with a ``dialog``
listener, opens every generated page, types payload words into the search box
and filters the catalog. MkDocs and Material print a page's own ``title`` and
``tags`` as HTML (the host's behaviour), so a dialog is allowed only where the
same pages built without the plugin fire the same one: that baseline is built
when the plugin's site fired anything, and only the steps that fired are taken
again on it.

Waits are conditions, never time: a page is done when every image has loaded
or failed (``onerror`` payloads), a search when its results are shown (both
search plugins answer a query typed before their index is ready with nothing,
so a ``?q=`` query shows first that the index is ready).
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from test_browser import _serve
from test_hostile_input import Hostile, hostile_pages, mixed_payloads, site_config

pytestmark = pytest.mark.browser

#: Words of the payloads, typed into the search box: each finds the entries holding them.
SEARCH_WORDS = ("onerror", "onload", "src")
#: A word of every page (``Some text.``), searched by URL (``?q=``) to know when the search index is ready.
READY_WORD = "text"



class Visit:
    """A browser page on a served site that records every dialog (and dismisses it)."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.where = ""
        self.dialogs: Counter[tuple[str, str]] = Counter()
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        from playwright.sync_api import Error

        self.dialogs[(self.where, dialog.message)] += 1
        with contextlib.suppress(Error):  # the page navigated meanwhile: Chromium closed the dialog with it
            dialog.dismiss()

    def open(self, path: str, where: str | None = None) -> None:
        self.settle()
        self.where = where or path
        self.page.goto(self.base + path, wait_until="load")
        self.settle()

    def settle(self) -> None:
        """Wait until every image has loaded or failed: a broken image's ``onerror`` runs in the
        task that marks it complete, and ``onload``/``<script>`` payloads run when inserted, so
        every dialog of what is on the page has fired (navigating while one is open would hang)."""
        self.page.wait_for_function("() => Array.from(document.images).every((image) => image.complete)")

    def close(self) -> None:
        self.context.close()


def _paths(site_dir: Path) -> list[str]:
    """Every page of the site, as URLs relative to its root."""
    out = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        out.append(relative.removesuffix("index.html"))
    return out


def _type(box: Any, text: str) -> None:
    """Type ``text`` into an empty ``box`` as a person does. The host's own dialogs (a page's tags in
    Material's results are HTML) can open while the keys go in, and a key pressed while one is open is
    lost: as a person would, look at the box and type again what is missing, until it holds ``text``."""
    from playwright.sync_api import expect

    for _ in range(len(text) + 1):
        current = box.input_value()
        if current == text:
            break
        if not text.startswith(current):
            box.press("Control+a")
            box.press("Backspace")
            current = ""
        box.press_sequentially(text[len(current):])
    expect(box).to_have_value(text)


def _search_material(visit: Visit, word: str, *, typed: bool) -> None:
    """Material builds its index in a worker and answers a query typed before it is ready with
    nothing: open with ``?q=`` (it searches when ready) and wait for the answer; then type
    ``word`` (``typed``) and wait for results marking it, or open ``?q=word`` (the baseline:
    the same results, whether there are any or not)."""
    from playwright.sync_api import expect

    page = visit.page
    meta = page.locator(".md-search-result__meta")
    visit.open(f"?q={READY_WORD}", where=f"search:{word}")
    expect(meta).to_have_text(re.compile(r"matching document"))
    if not typed:
        visit.open(f"?q={word}", where=f"search:{word}")
        expect(meta).to_have_text(re.compile(r"matching document"))
        return
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    _type(box, word)
    expect(page.locator(".md-search-result mark", has_text=re.compile(word, re.IGNORECASE)).first).to_be_attached()
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.evaluate("() => document.querySelectorAll('details.md-search-result__more').forEach(d => d.open = true)")


#: Counts the queries MkDocs' search page sends to its worker and the answers it shows.
_COUNT_MKDOCS_QUERIES = """() => {
  window.pgmPosted = 0; window.pgmAnswered = 0;
  const post = searchWorker.postMessage.bind(searchWorker);
  searchWorker.postMessage = (message) => { if (message.query !== undefined) window.pgmPosted += 1; post(message); };
  const answer = searchWorker.onmessage;
  searchWorker.onmessage = (event) => { answer(event); if (event.data.results) window.pgmAnswered += 1; };
}"""


def _search_mkdocs(visit: Visit, word: str, *, typed: bool) -> None:
    """MkDocs' search binds its box once the index is loaded: open a page with ``?q=`` (it
    searches when ready) and wait for the answer; then type as :func:`_search_material` does,
    and wait until the worker has answered the last query typed (each key sends one)."""
    from playwright.sync_api import expect

    page = visit.page
    answer = page.locator("#mkdocs-search-results article, #mkdocs-search-results p")
    visit.open(f"?q={READY_WORD}", where=f"search:{word}")
    expect(answer.first).to_be_attached()
    if not typed:
        visit.open(f"?q={word}*", where=f"search:{word}")
        expect(answer.first).to_be_attached()
        return
    box = page.locator("#mkdocs-search-query")  # in the search dialog, which ?q= opened
    expect(box).to_be_visible()
    page.evaluate(_COUNT_MKDOCS_QUERIES)
    box.press("Control+a")
    box.press("Backspace")
    _type(box, word + "*")
    page.wait_for_function("() => window.pgmPosted > 0 && window.pgmAnswered === window.pgmPosted")
    expect(page.locator("#mkdocs-search-results article", has_text=re.compile(word, re.IGNORECASE)).first).to_be_attached()


def _filter_catalog(visit: Visit, path: str, text: str, person: str = "") -> None:
    """Type ``text`` (the payload of one entity's title) into the catalog's filter: one row is left; then
    choose ``person`` (a payload named in the team of program a and of project a): their two rows are left."""
    from playwright.sync_api import expect

    page = visit.page
    visit.open(path, where=f"catalog:{path}")
    form = page.locator("form.pgm-catalog-filters")
    expect(form).to_be_visible()
    count = form.locator(".pgm-catalog-count")
    box = form.locator("input[name=text]")
    box.press_sequentially(text)
    expect(box).to_have_value(text)
    rows = page.locator(".pgm-catalog-table tbody tr:not([hidden])")
    expect(rows).to_have_count(1)  # the whole text filters: one entity, the one with that title
    expect(rows.first).to_contain_text(text)
    expect(count).to_have_text(re.compile(r"^1 of \d+ shown"))
    form.locator(".pgm-catalog-clear").click()
    owners = form.locator("select[name=owner] option")
    if owners.count() > 1:
        form.locator("select[name=owner]").select_option(index=1)
        expect(page.locator(".pgm-catalog-table tbody tr:not([hidden])").first).to_be_visible()
    if person:
        form.locator(".pgm-catalog-clear").click()
        form.locator("select[name=person]").select_option(value=" ".join(person.split()).casefold())
        expect(rows).to_have_count(2)
        expect(count).to_have_text(re.compile(r"^2 of \d+ shown"))


def _tour(browser: Any, site_dir: Path, theme: str, steps: list[str], *, typed: bool, text: str = "", person: str = "") -> Counter[tuple[str, str]]:
    """Take ``steps`` (a page's URL; ``search:WORD``; ``catalog:URL``) on the site; returns the dialogs."""
    from playwright.sync_api import Error

    search = _search_material if theme == "material" else _search_mkdocs
    with _serve(site_dir) as base:
        visit = Visit(browser, base)
        try:
            for step in steps:
                kind, _, rest = step.partition(":")
                try:
                    if kind == "search":
                        search(visit, rest, typed=typed)
                    elif kind == "catalog":
                        _filter_catalog(visit, rest, text, person)
                    else:
                        visit.open(step)
                except (AssertionError, Error) as exc:  # keys typed while a dialog is open are lost: say why
                    fired = sorted(message for (where, message), _ in visit.dialogs.items() if where == visit.where)
                    if not fired:
                        raise
                    raise AssertionError(f"{step}: dialogs {fired} fired, then: {exc}") from exc
        finally:
            visit.close()
    return visit.dialogs


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_no_dialog_from_front_matter(build_site: Any, browser: Any, tmp_path: Path, theme: str) -> None:
    v: Hostile = mixed_payloads()
    pages = hostile_pages(v)
    site = build_site(tmp_path / "with", pages, site_config(theme))
    paths = _paths(site.site_dir)
    assert len(paths) >= len(pages) + 8  # every page, and the pages the plugin generates
    steps = [*paths, *(f"search:{word}" for word in SEARCH_WORDS), *(f"catalog:{site.url(src)}" for src in ("governance/catalog.md", "catalog.md"))]
    # The pages of issue 14 are among them: people and capacity, lessons learned.
    assert {"governance/resources/", "governance/lessons/", "programs/a/", "projects/a/", "catalog/"} <= set(paths), paths
    title = next(v.make(n) for n, field in v.fields.items() if field == "programs/a.title")
    person = next(v.make(n) for n, field in v.fields.items() if field == "team.busy.name")
    dialogs = _tour(browser, site.site_dir, theme, steps, typed=True, text=title, person=person)
    if not dialogs:
        return
    # The host prints a page's own title and tags as HTML: the same steps on the same pages
    # without the plugin fire those dialogs too. (A catalog exists only with the plugin.)
    baseline = build_site(tmp_path / "without", pages, site_config(theme, plugin=False))
    again = [step for step in dict.fromkeys(where for where, _ in dialogs) if not step.startswith("catalog:")]
    allowed = _tour(browser, baseline.site_dir, theme, again, typed=False)
    added = set(dialogs) - set(allowed)
    assert not added, sorted((where, v.name(f"alert({message})")) for where, message in added)


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_no_dialog_from_a_hostile_source(build_site: Any, browser: Any, tmp_path: Path, theme: str) -> None:
    """The same payloads, imported from another site's pgm.json (``sources``): no page of the portfolio
    site shows them as its own title, so no dialog at all may fire, whatever the host does."""
    v: Hostile = mixed_payloads()
    team = build_site(tmp_path / "team", hostile_pages(v), {**site_config(theme), "site_url": "https://team.example.test/"})
    config = site_config(theme)
    config["plugins"][-1]["pgm"]["sources"] = [{"name": "team", "url": str(team.site_dir / "governance" / "pgm.json")}]
    pmo = build_site(tmp_path / "pmo", {"index.md": "# Portfolio office\n\nSome text.\n"}, config)
    assert any(line.startswith("INFO: mkdocs_pgm: Loaded 1 source in ") for line in pmo.logs), pmo.logs
    paths = _paths(pmo.site_dir)
    assert {"governance/", "governance/catalog/", "governance/raid/", "governance/dependencies/"} <= set(paths), paths
    steps = [*paths, *(f"search:{word}" for word in SEARCH_WORDS), f"catalog:{pmo.url('governance/catalog.md')}"]
    title = next(v.make(n) for n, field in v.fields.items() if field == "programs/a.title")
    person = next(v.make(n) for n, field in v.fields.items() if field == "team.busy.name")
    dialogs = _tour(browser, pmo.site_dir, theme, steps, typed=True, text=title, person=person)
    assert not dialogs, sorted((where, v.name(f"alert({message})")) for where, message in dialogs)
