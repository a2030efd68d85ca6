/* mkdocs-pgm: filters the catalog table (.pgm-catalog) in place and keeps the
 * filter in the query string (?type=project&status=active&text=sofia), so that a
 * filtered view can be shared. Loaded on every page; a no-op without a catalog.
 * Runs on each page of Material's instant navigation (document$), else once. */
(function () {
  "use strict";
  if (window.pgmCatalog) return; // loaded twice: bind once
  window.pgmCatalog = true;

  function setup(root) {
    const form = root.querySelector("form.pgm-catalog-filters");
    if (!form || root.dataset.pgmBound) return;
    root.dataset.pgmBound = "1";
    const fields = Array.from(form.elements).filter((el) => el.name);
    const rows = Array.from(root.querySelectorAll("tbody tr[data-type]"));
    const count = form.querySelector(".pgm-catalog-count");
    const none = root.querySelector(".pgm-catalog-none");

    function apply(save) {
      const terms = form.elements.text.value.toLowerCase().split(/\s+/).filter(Boolean);
      const selects = fields.filter((f) => f.tagName === "SELECT" && f.value);
      let shown = 0;
      for (const row of rows) {
        const text = row.dataset.search || "";
        // A multi-valued facet (data-pgm-multi: a row names several people) holds "|a|b|".
        const match = selects.every((f) => f.hasAttribute("data-pgm-multi")
          ? (row.getAttribute("data-" + f.name) || "").split("|").includes(f.value)
          : row.getAttribute("data-" + f.name) === f.value) &&
          terms.every((t) => text.includes(t));
        row.hidden = !match;
        if (match) shown += 1;
      }
      // The sentence in the page's language, from the template (data-pgm-shown: "{shown} of {total} shown").
      const sentence = count.dataset.pgmShown || "{shown} of {total} shown";
      count.textContent = sentence.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
      if (none) none.hidden = shown > 0;
      if (save) {
        const url = new URL(window.location.href);
        for (const f of fields) {
          const value = f.value.trim();
          if (value) url.searchParams.set(f.name, value);
          else url.searchParams.delete(f.name);
        }
        if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
      }
    }

    const query = new URLSearchParams(window.location.search);
    for (const f of fields) {
      const value = (query.get(f.name) || "").trim();
      if (f.tagName !== "SELECT") f.value = value;
      else f.value = Array.from(f.options).some((o) => o.value === value.toLowerCase()) ? value.toLowerCase() : "";
    }
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", () => apply(true));
    form.addEventListener("change", () => apply(true));
    form.querySelector(".pgm-catalog-clear").addEventListener("click", () => {
      for (const f of fields) f.value = "";
      apply(true);
      form.elements.text.focus();
    });
    form.hidden = false;
    apply(false);
  }

  function init() {
    for (const root of document.querySelectorAll(".pgm-catalog")) setup(root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
