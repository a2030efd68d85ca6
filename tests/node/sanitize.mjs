// Sanitizes built HTML pages as Backstage TechDocs does before it shows them
// (plugins/techdocs/src/reader/transformers/html/transformer.ts and hooks/):
// DOMPurify with <link> and <meta> added, <style> forbidden, the attributes
// http-equiv, content and dominant-baseline added, the whole document kept,
// DOMPurify's default URI protocols; every <link> but Material's
// main.<hash>.min.css and Google Fonts removed (so extra_css, our pgm.css, is
// dropped), <meta> kept only for refresh redirects, http-equiv and content only
// on <meta>. Scripts go as DOMPurify removes them.
//
// Usage: node sanitize.mjs IN_DIR OUT_DIR PAGE...   (PAGE: a path inside IN_DIR)
// Writes OUT_DIR/PAGE for each page; prints a JSON summary on standard output.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";

const MKDOCS_CSS = /main\.[A-Fa-f0-9]{8}\.min\.css$/;
const GOOGLE_FONTS = /^https:\/\/fonts\.googleapis\.com/;
const GSTATIC_FONTS = /^https:\/\/fonts\.gstatic\.com/;

const PROTOCOLS = ["callto", "cid", "ftp", "ftps", "http", "https", "mailto", "matrix", "sms", "tel", "xmpp"];
const ALLOWED_URI_REGEXP = new RegExp(`^(?:${PROTOCOLS.join("|")}:|[^a-z]|[a-z+.-]+(?:[^a-z+.\\-:]|$))`, "i");

const CONFIG = {
  ADD_TAGS: ["link", "meta"],
  FORBID_TAGS: ["style"],
  ADD_ATTR: ["http-equiv", "content", "dominant-baseline"],
  WHOLE_DOCUMENT: true,
  RETURN_DOM: true,
  ALLOWED_URI_REGEXP,
};

const { window } = new JSDOM("");
const DOMPurify = createDOMPurify(window);
const removed = { links: [], styles: 0, scripts: 0 };

DOMPurify.addHook("beforeSanitizeElements", (node) => {
  if (node.nodeName === "LINK") {
    const href = node.getAttribute("href") || "";
    if (!(MKDOCS_CSS.test(href) || GOOGLE_FONTS.test(href) || GSTATIC_FONTS.test(href))) {
      if (node.getAttribute("rel") === "stylesheet") removed.links.push(href);
      node.remove();
    }
  } else if (node.nodeName === "STYLE") {
    removed.styles += 1;
  } else if (node.nodeName === "SCRIPT") {
    removed.scripts += 1;
  }
  return node;
});

DOMPurify.addHook("uponSanitizeElement", (node, data) => {
  if (node.nodeType !== 1) return;
  if (data.tagName === "meta") {
    const refresh = node.getAttribute("http-equiv") === "refresh" && (node.getAttribute("content") || "").includes("url=");
    if (!refresh) node.parentNode?.removeChild(node);
  }
});

DOMPurify.addHook("uponSanitizeAttribute", (node, data) => {
  if (node.tagName !== "META" && (data.attrName === "http-equiv" || data.attrName === "content")) {
    node.removeAttribute(data.attrName);
  }
});

const [inDir, outDir, ...pages] = process.argv.slice(2);
if (!inDir || !outDir || pages.length === 0) {
  console.error("usage: node sanitize.mjs IN_DIR OUT_DIR PAGE...");
  process.exit(2);
}
const summary = {};
for (const page of pages) {
  removed.links = [];
  removed.styles = 0;
  removed.scripts = 0;
  const dom = new JSDOM(readFileSync(join(inDir, page), "utf8"));
  const clean = DOMPurify.sanitize(dom.window.document.documentElement.outerHTML, CONFIG);
  const target = join(outDir, page);
  mkdirSync(dirname(target), { recursive: true });
  // TechDocs puts the sanitized DOM into its page (the text is decoded already); a file on its
  // own says its encoding with a byte order mark, since <meta charset> does not survive.
  writeFileSync(target, "\ufeff<!DOCTYPE html>\n" + clean.outerHTML);
  summary[page] = { ...removed, removedElements: DOMPurify.removed.length };
}
process.stdout.write(JSON.stringify(summary));
