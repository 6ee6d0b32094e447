/* Copy buttons: a paragraph, a section, the whole text, a search result, a concordance line, each
   put on the clipboard in two flavours: plain text, and HTML laid out as the Word file is (the one
   layout of speechlib/export/docx.py, loaded as assets/docx/layout.js: 仿宋_GB2312 16 pt justified,
   first-line indent of two characters, the file's exact line pitch; 一、 headings 黑体, （一） 楷体;
   the title 方正小标宋简体 with the speaker and date under it and a blank line), so that a plain
   Ctrl+V into Word, WPS or LibreOffice looks like the downloaded file.

   What each paragraph is, is decided by the build and written on the page (speechlib/page/blocks.py):
   data-role (body, alternative, annotation, stage, editor_note), data-export="1" on the headings and
   paragraphs that "copy the whole text" and the Word file hold, data-layout (heading, runin,
   salutation, body) and data-level. This file reads those attributes and never decides them again.
   The copy text of a paragraph is the paragraph model's (speechlib/page/paragraphs.py): its text
   without stage directions (span.stage), editor's notes (span.editor-note), permalinks, buttons and
   code; zero-width characters removed; white space next to a Chinese character removed, other runs
   of white space one space. Slot values typed in the slot panel (slots.js) are filled in.

   window.SpeechCopy:
     write(plainText, html) -> Promise<void>   THE one clipboard path (rejects when nothing was copied)
     html(blocks)           -> official-format HTML for the clipboard, built from escaped text
     copyBlocks(blocks, button) -> Promise<boolean>: fills slots, writes both flavours, shows 已复制
     pageBlocks(root?)      -> the page's exported blocks [{kind, level?, text}] (no title)
     blocks(heading?)       -> the exported blocks of the heading's section (or of the page)
     textParagraphs()       -> [{id, role, text}] of the speech paragraphs (body and alternatives)
   Blocks: [{kind: "title"|"meta"|"heading"|"runin"|"salutation"|"body", level?, text}] as in docx.js.
   Never builds HTML from text with innerHTML: every node is made with createElement/textContent. */
(function () {
  "use strict";

  var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
  // speechlib.text.CJK_SPACE_RE without lookbehind (older Safari cannot parse it).
  var SPACE_AFTER_CJK = /([\u3000-\u9fff\uff00-\uffef])\s+/g;
  var SPACE_BEFORE_CJK = /\s+(?=[\u3000-\u9fff\uff00-\uffef])/g;
  var DROPPED = "span.stage, span.editor-note, a.headerlink, button";
  var RAW = { SCRIPT: 1, STYLE: 1, PRE: 1, CODE: 1, TEXTAREA: 1 };
  // What the page pipeline appends after the text (校勘记, the phrases used) is not the speech:
  // Markdown content never makes <section> elements (speechlib/page/html.py, step 5).
  var TAIL = "section";
  var LAYOUT = ["assets/docx/layout.js", "docx-layout"];
  var layout = null;  // the loaded layout data (style ids, clipboard CSS, run-in pattern)

  function loadLayout() {
    return window.SpeechSite.loadData(LAYOUT[0], LAYOUT[1]).then(function (data) {
      if (data) layout = data;
      return layout;
    });
  }

  /* ---- text ------------------------------------------------------------------------------ */

  function rawText(node, skip) {
    var out = "";
    for (var c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += c.nodeValue;
      else if (c.nodeType === 1 && !RAW[c.tagName] && !c.matches(skip)) out += rawText(c, skip);
    }
    return out;
  }

  function copyTextOf(text) {
    return text.replace(ZERO_WIDTH, "").replace(SPACE_AFTER_CJK, "$1").replace(SPACE_BEFORE_CJK, "")
      .replace(/\s+/g, " ").trim();
  }

  function textOf(el) { return copyTextOf(rawText(el, DROPPED)); }

  /* ---- the page's paragraphs and headings, as the build marked them ------------------------ */

  function article() { return document.querySelector("article.md-content__inner") || document.querySelector("article"); }

  /* Speech paragraphs (body and alternatives) with their id, role and copy text. */
  function textParagraphs() {
    var art = article();
    if (!art) return [];
    var out = [];
    art.querySelectorAll("p[data-role]").forEach(function (p) {
      var r = p.getAttribute("data-role");
      if ((r === "body" || r === "alternative") && !p.closest(TAIL)) out.push({ el: p, id: p.id, role: r, text: textOf(p) });
    });
    return out;
  }

  function blockOf(el) {
    var kind = el.getAttribute("data-layout") || (el.tagName[0] === "H" ? "heading" : "body");
    var block = { kind: kind, text: textOf(el) };
    var level = Number(el.getAttribute("data-level"));
    if (level) block.level = level;
    return block;
  }

  /* Exported headings and paragraphs in document order, from ``start`` (a heading) to the end of
     its section, or of the whole page (inside ``root``, the article by default). */
  function blocks(start, root) {
    var art = root || article();
    if (!art) return [];
    var out = [];
    var inside = !start;
    var startLevel = start ? Number(start.tagName[1]) : 0;
    var nodes = art.querySelectorAll("h2, h3, h4, h5, h6, [data-export]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var isHeading = el.tagName[0] === "H";
      if (el === start) inside = true;
      else if (start && inside && isHeading && Number(el.tagName[1]) <= startLevel) break;
      if (!inside || el.getAttribute("data-export") !== "1" || el.closest(TAIL)) continue;
      var block = blockOf(el);
      if (block.text) out.push(block);
    }
    return out;
  }

  function pageTitle() {
    var tools = document.querySelector(".speech-tools");
    var h1 = article() && article().querySelector("h1");
    return (tools && (tools.getAttribute("data-doc-title") || tools.getAttribute("data-title"))) ||
      (h1 ? textOf(h1) : document.title);
  }

  function pageMeta() {
    var tools = document.querySelector(".speech-tools");
    var meta = [];
    try { meta = JSON.parse((tools && tools.getAttribute("data-doc-meta")) || "[]"); } catch (e) { meta = []; }
    return (Array.isArray(meta) ? meta : []).map(function (line) { return { kind: "meta", text: String(line) }; });
  }

  /* ---- the HTML flavour -------------------------------------------------------------------- */

  var OLD_KINDS = { p: "body", h: "heading", t: "title" };  // the block types of earlier versions

  function fillSlots(text) {
    return window.SpeechSlots ? window.SpeechSlots.apply(text) : text;
  }

  function styled(tag, css, text) {
    var el = document.createElement(tag);
    if (css) el.setAttribute("style", css);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /* Official-format HTML of ``list``; slots filled with ``fill`` (default: as given). */
  function html(list, fill) {
    fill = fill || function (t) { return t; };
    var css = (layout && layout.css) || {};
    var runIn = layout ? new RegExp(layout.runIn) : null;
    var root = document.createElement("div");
    var head = true;
    (list || []).forEach(function (b) {
      var kind = OLD_KINDS[b.type] || b.kind || "body";
      var text = String(b.text || "");
      if (!text) return;
      if (head && kind !== "title" && kind !== "meta") {
        if (root.firstChild) root.appendChild(styled("p", css.blank, "\u00a0"));  // the blank line under the title
        head = false;
      }
      var level = Number(b.level) || 2;
      if (kind === "title" || kind === "meta" || kind === "salutation") {
        root.appendChild(styled("p", css[kind], fill(text)));
      } else if (kind === "heading") {
        root.appendChild(styled("p", css["heading" + level] || css.heading2, fill(text)));
      } else if (kind === "runin" && runIn && runIn.exec(text)) {
        var lead = runIn.exec(text)[1];
        var p = styled("p", css.body);
        p.appendChild(styled("span", css["runin" + level] || css.runin2, fill(lead)));
        p.appendChild(document.createTextNode(fill(text.slice(lead.length))));
        root.appendChild(p);
      } else {
        root.appendChild(styled("p", css.body, fill(text)));
      }
    });
    // Serializing nodes made with textContent escapes <, > and &: the text stays text.
    return "<meta charset=\"utf-8\">" + root.innerHTML;
  }

  function plainText(list, fill) {
    var lines = [];
    var head = true;
    (list || []).forEach(function (b) {
      var kind = OLD_KINDS[b.type] || b.kind || "body";
      if (!b.text) return;
      if (head && kind !== "title" && kind !== "meta") {
        if (lines.length) lines.push("");
        head = false;
      }
      lines.push(fill(String(b.text)));
    });
    return lines.join("\n");
  }

/* ---- clipboard ------------------------------------------------------------------------- */

  /* execCommand("copy") with a copy listener sets both flavours and works where the async API
     does not: pages served over plain HTTP on an internal network are not a secure context. */
  function legacyCopy(plain, html) {
    var done = false;
    function onCopy(event) {
      event.clipboardData.setData("text/plain", plain);
      event.clipboardData.setData("text/html", html);
      event.preventDefault();
      done = true;
    }
    document.addEventListener("copy", onCopy, true);
    try { document.execCommand("copy"); } catch (e) { done = false; } finally { document.removeEventListener("copy", onCopy, true); }
    return done;
  }

  function tryWrite(plain, markup) {
    if (window.isSecureContext && navigator.clipboard && navigator.clipboard.write && window.ClipboardItem) {
      var item = new window.ClipboardItem({
        "text/plain": new Blob([plain], { type: "text/plain" }),
        "text/html": new Blob([markup], { type: "text/html" })
      });
      return navigator.clipboard.write([item]).then(function () { return true; }, function () { return legacyCopy(plain, markup); });
    }
    return Promise.resolve(legacyCopy(plain, markup));
  }

  /* The one clipboard path: both flavours; rejects when the browser copied nothing. */
  function write(plain, markup) {
    return tryWrite(String(plain), String(markup)).then(function (ok) {
      if (!ok) throw new Error("复制失败，请选中文字后按 Ctrl+C");
    });
  }

  var live;
  function announce(text) {
    if (!live) {
      live = document.createElement("div");
      live.className = "copy-live";
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function confirm(button, ok) {
    announce(ok ? "已复制" : "复制失败，请选中文字后按 Ctrl+C");
    if (!button) return;
    var label = ok ? "已复制" : "复制失败";
    if (button._copyTimer) window.clearTimeout(button._copyTimer);
    else {
      button._copyLabel = button.getAttribute("aria-label");
      button._copyText = button.classList.contains("copy-btn") && !button.classList.contains("copy-btn--text") ? null : button.textContent;
    }
    button.setAttribute("data-copied", ok ? "ok" : "fail");
    button.setAttribute("aria-label", label);
    if (button._copyText !== null && button._copyText !== undefined && button._copyText.trim()) button.textContent = label;
    button._copyTimer = window.setTimeout(function () {
      button.removeAttribute("data-copied");
      if (button._copyLabel) button.setAttribute("aria-label", button._copyLabel);
      else button.removeAttribute("aria-label");
      if (button._copyText !== null && button._copyText !== undefined && button._copyText.trim()) button.textContent = button._copyText;
      button._copyTimer = null;
    }, 2000);
  }

  function copyBlocks(list, button) {
    var clean = (list || []).map(function (b) {
      var out = { kind: OLD_KINDS[b.type] || b.kind || "body", text: copyTextOf(String(b.text || "")) };
      if (Number(b.level)) out.level = Number(b.level);
      return out;
    }).filter(function (b) { return b.text; });
    // The layout is loaded when the page opens; a click before that waits for it (a local file).
    return (layout ? Promise.resolve(layout) : loadLayout()).then(function () {
      return write(plainText(clean, fillSlots), html(clean, fillSlots));
    }).then(function () { return true; }, function () { return false; })
      .then(function (ok) { confirm(button, ok); return ok; });
  }

  /* ---- buttons --------------------------------------------------------------------------- */

  function makeButton(label, extra) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "copy-btn" + (extra ? " " + extra : "");
    b.setAttribute("aria-label", label);
    b.title = label;
    return b;
  }

  function addButtons() {
    var art = article();
    if (!art) return;
    if (document.querySelector(".speech-tools")) {
      textParagraphs().forEach(function (x) {
        if (x.el.querySelector(":scope > .copy-btn")) return;
        var b = makeButton(x.role === "alternative" ? "复制这条备选表述" : "复制本段");
        b.addEventListener("click", function () { copyBlocks([blockOf(x.el)], b); });
        x.el.appendChild(b);
      });
      art.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (h) {
        if (h.closest(TAIL + ", .admonition, details") || h.querySelector(":scope > .copy-btn")) return;
        var b = makeButton("复制本节：" + textOf(h), "copy-btn--section");
        b.addEventListener("click", function () { copyBlocks(blocks(h), b); });
        var link = h.querySelector(":scope > a.headerlink");
        h.insertBefore(b, link);
      });
      var tools = document.querySelector(".speech-tools");
      if (!tools.querySelector(".copy-btn--page")) {
        var whole = makeButton("复制全文（标题和正文）", "copy-btn--text copy-btn--page md-button");
        whole.textContent = "复制全文";
        whole.addEventListener("click", function () {
          copyBlocks([{ kind: "title", text: pageTitle() }].concat(pageMeta(), blocks(null)), whole);
        });
        tools.insertBefore(whole, tools.firstChild);
      }
    }
    /* Concordance lines on phrase pages carry the whole paragraph in data-copy. */
    art.querySelectorAll("tr[data-copy]").forEach(function (row) {
      if (row.querySelector(".copy-btn")) return;
      var cell = row.querySelector(".kwic-src") || row.cells[row.cells.length - 1];
      if (!cell) return;
      var b = makeButton("复制整段");
      b.addEventListener("click", function () { copyBlocks([{ kind: "body", text: row.getAttribute("data-copy") }], b); });
      cell.appendChild(b);
    });
  }

  window.SpeechCopy = {
    write: write,
    html: function (list) { return html(list); },
    plainText: function (list) { return plainText(list, function (t) { return t; }); },
    copyBlocks: copyBlocks,
    textOf: textOf,
    copyTextOf: copyTextOf,
    textParagraphs: function () { return textParagraphs().map(function (x) { return { id: x.id, role: x.role, text: x.text }; }); },
    pageBlocks: function (root) { return blocks(null, root || null); },
    blocks: function (heading) { return blocks(heading || null); },
    loadLayout: loadLayout
  };

  window.SpeechSite.onPage(function () { loadLayout(); addButtons(); });  // core.js, loaded first
  // Concordance lines loaded on demand (site.js) get their buttons too; addButtons skips done rows.
  document.addEventListener("kwic:rows-added", addButtons);
})();
