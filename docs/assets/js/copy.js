/* Copy buttons: a paragraph, a section, the whole text, a search result, a concordance line, each
   put on the clipboard in two flavours: plain text, and HTML laid out as the body of an official
   document (GB/T 9704: 仿宋_GB2312 16 pt, first-line indent of two characters, fixed 28 pt line
   spacing; 一、 headings 黑体, （一） 楷体), so that a plain Ctrl+V into Word or WPS keeps the format.

   What is copied is the paragraph model's copy text (speechlib/paragraphs.py), computed here from
   the page by the same rule: the text of the paragraph without stage directions (span.stage),
   editor's notes (span.editor-note), permalinks, buttons and code; zero-width characters removed;
   white space next to a Chinese character removed, other runs of white space one space. Slot values
   typed in the slot panel (slots.js) are already in the page's text, so they are copied too.
   Section and whole-text copies hold the headings (in a template only the numbered ones: 开场,
   议程衔接 … are the editor's labels) and the body paragraphs, as the Word file does
   (speechlib/docx_export.py); alternatives (备选表述) are copied one by one from their own buttons.

   window.SpeechCopy.copyBlocks(blocks, button): blocks = [{type: "p", text}] or
   [{type: "h", level, text}] (and {type: "t", text} for a title); fills slots with the stored
   values, writes both flavours, and shows 已复制 on the button. Returns a Promise of true/false.
   Never builds HTML from text with innerHTML: every node is made with createElement/textContent. */
(function () {
  "use strict";

  var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
  // speechlib.text.CJK_SPACE_RE without lookbehind (older Safari cannot parse it).
  var SPACE_AFTER_CJK = /([\u3000-\u9fff\uff00-\uffef])\s+/g;
  var SPACE_BEFORE_CJK = /\s+(?=[\u3000-\u9fff\uff00-\uffef])/g;
  var DROPPED = "span.stage, span.editor-note, a.headerlink, button";
  var RAW = { SCRIPT: 1, STYLE: 1, PRE: 1, CODE: 1, TEXTAREA: 1 };
  // speechlib.text.NUMBERING_RE: 一、 （一） 1. （1）
  var NUMBERING = [
    [2, /^[一二三四五六七八九十]{1,3}、/],
    [3, /^[（(][一二三四五六七八九十]{1,3}[）)]/],
    [4, /^\d{1,2}(?:、|[.．](?!\d))/],
    [5, /^[（(]\d{1,2}[）)]/]
  ];
  var RUN_IN = /^([^。！？]{2,40}?[。！？])(?=[\s\S])/;
  // What the page pipeline appends after the text (校勘记, the phrases used) is not the speech:
  // Markdown content never makes <section> elements (speechlib/page_html.py, step 5).
  var TAIL = "section";

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

  function numberingLevel(text) {
    for (var i = 0; i < NUMBERING.length; i++) if (NUMBERING[i][1].test(text)) return NUMBERING[i][0];
    return 0;
  }

  /* ---- the page's paragraphs and headings (speechlib.paragraphs.read_page) ------------------- */

  function article() { return document.querySelector("article.md-content__inner") || document.querySelector("article"); }

  function pageKind() {
    var tools = document.querySelector(".speech-tools");
    return tools ? tools.getAttribute("data-kind") : "";
  }

  /* Paragraphs of the model are the <p> the page pipeline left bare or anchored (id, class para). */
  function isModelParagraph(p) {
    for (var i = 0; i < p.attributes.length; i++) {
      var a = p.attributes[i];
      if (a.name === "id") continue;
      if (a.name === "class" && /^(\s*(para|para--target)\s*)*$/.test(a.value)) continue;
      return false;
    }
    return true;
  }

  function role(p) {
    // A paragraph that is only a source link (范文出处：…) is a note about the text.
    if (p.querySelector("a.source-link") && !rawText(p, DROPPED + ", a.source-link").trim()) return "annotation";
    var art = article();
    for (var n = p.parentElement; n && n !== art; n = n.parentElement) {
      if (n.tagName === "DIV" || n.tagName === "DETAILS") {
        if (n.classList.contains("alternatives")) return "alternative";
        if (n.tagName === "DETAILS" || n.classList.contains("admonition")) return "annotation";
      }
    }
    return textOf(p) ? "body" : "stage";
  }

  /* Speech paragraphs (body and alternatives) with their id, role and copy text. */
  function textParagraphs() {
    var art = article();
    if (!art) return [];
    var out = [];
    art.querySelectorAll("p").forEach(function (p) {
      if (!isModelParagraph(p) || p.closest(TAIL)) return;
      var r = role(p);
      if (r === "body" || r === "alternative") out.push({ el: p, id: p.id, role: r, text: textOf(p) });
    });
    return out;
  }

  function isSpeechHeading(h) {
    if (h.closest(TAIL + ", .admonition, details, .speech-tools")) return false;
    return pageKind() !== "template" || numberingLevel(textOf(h)) > 0;
  }

  /* Headings and body paragraphs in document order, from ``start`` (a heading) to the end of its
     section, or of the whole page. */
  function blocks(start) {
    var art = article();
    if (!art) return [];
    var bodies = new Set(textParagraphs().filter(function (x) { return x.role === "body"; }).map(function (x) { return x.el; }));
    var out = [];
    var inside = !start;
    var startLevel = start ? Number(start.tagName[1]) : 0;
    var nodes = art.querySelectorAll("h2, h3, h4, h5, h6, p");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var isHeading = el.tagName[0] === "H";
      if (el === start) inside = true;
      else if (start && inside && isHeading && Number(el.tagName[1]) <= startLevel) break;
      if (!inside) continue;
      if (isHeading) {
        if (isSpeechHeading(el)) {
          var text = textOf(el);
          out.push({ type: "h", level: numberingLevel(text) || Number(el.tagName[1]), text: text });
        }
      } else if (bodies.has(el)) {
        out.push({ type: "p", text: textOf(el) });
      }
    }
    return out;
  }

  function pageTitle() {
    var tools = document.querySelector(".speech-tools");
    var h1 = article() && article().querySelector("h1");
    return (tools && tools.getAttribute("data-title")) || (h1 ? textOf(h1) : document.title);
  }

  /* ---- the two flavours ------------------------------------------------------------------ */

  var FANGSONG = "仿宋_GB2312,仿宋,FangSong,STFangsong,'Fangsong SC','Noto Serif CJK SC','Source Han Serif SC',serif";
  var HEITI = "黑体,SimHei,'Heiti SC',STHeiti,'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif";
  var KAITI = "楷体_GB2312,楷体,KaiTi,STKaiti,'Kaiti SC','AR PL UKai CN',serif";
  var XIAOBIAOSONG = "方正小标宋简体,华文中宋,STZhongsong,宋体,SimSun,'Songti SC','Noto Serif CJK SC',serif";
  var BASE = "margin:0;font-size:16pt;line-height:28pt;mso-line-height-rule:exactly;font-weight:normal;font-style:normal;";
  var INDENT = "text-indent:32pt;mso-char-indent-count:2;";
  var FONTS = { 2: [HEITI, false], 3: [KAITI, false], 4: [FANGSONG, true], 5: [FANGSONG, false] };

  function fontStyle(level) {
    var f = FONTS[level] || FONTS[2];
    return "font-family:" + f[0] + ";" + (f[1] ? "font-weight:bold;" : "");
  }

  function htmlParagraph(block) {
    var p = document.createElement("p");
    if (block.type === "t") {
      p.setAttribute("style", BASE + "text-align:center;font-size:22pt;line-height:36pt;font-family:" + XIAOBIAOSONG + ";");
      p.textContent = block.text;
      return p;
    }
    if (block.type === "h") {
      p.setAttribute("style", BASE + INDENT + fontStyle(numberingLevel(block.text) || block.level));
      p.textContent = block.text;
      return p;
    }
    p.setAttribute("style", BASE + INDENT + "font-family:" + FANGSONG + ";");
    var level = numberingLevel(block.text);
    var head = level ? RUN_IN.exec(block.text) : null;
    if (head) {
      var span = document.createElement("span");
      span.setAttribute("style", fontStyle(level));
      span.textContent = head[1];
      p.appendChild(span);
      p.appendChild(document.createTextNode(block.text.slice(head[1].length)));
    } else {
      p.textContent = block.text;
    }
    return p;
  }

  function flavours(blocks) {
    var root = document.createElement("div");
    var plain = [];
    blocks.forEach(function (b) {
      root.appendChild(htmlParagraph(b));
      plain.push(b.text);
    });
    if (blocks.length && blocks[0].type === "t") plain.splice(1, 0, "");
    // Serializing nodes made with textContent escapes <, > and &: the text stays text.
    return { plain: plain.join("\n"), html: "<meta charset=\"utf-8\">" + root.innerHTML };
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

  function write(plain, html) {
    if (window.isSecureContext && navigator.clipboard && navigator.clipboard.write && window.ClipboardItem) {
      var item = new window.ClipboardItem({
        "text/plain": new Blob([plain], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      });
      return navigator.clipboard.write([item]).then(function () { return true; }, function () { return legacyCopy(plain, html); });
    }
    return Promise.resolve(legacyCopy(plain, html));
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

  function fillSlots(text) {
    return window.SpeechSlots ? window.SpeechSlots.apply(text) : text;
  }

  function copyBlocks(list, button) {
    var clean = (list || []).map(function (b) {
      return { type: b.type === "h" || b.type === "t" ? b.type : "p", level: Number(b.level) || 0, text: fillSlots(copyTextOf(String(b.text || ""))) };
    }).filter(function (b) { return b.text; });
    var f = flavours(clean);
    return write(f.plain, f.html).then(function (ok) { confirm(button, ok); return ok; });
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
        b.addEventListener("click", function () { copyBlocks([{ type: "p", text: textOf(x.el) }], b); });
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
          copyBlocks([{ type: "t", text: pageTitle() }].concat(blocks(null)), whole);
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
      b.addEventListener("click", function () { copyBlocks([{ type: "p", text: row.getAttribute("data-copy") }], b); });
      cell.appendChild(b);
    });
  }

  window.SpeechCopy = {
    copyBlocks: copyBlocks,
    textOf: textOf,
    copyTextOf: copyTextOf,
    textParagraphs: function () { return textParagraphs().map(function (x) { return { id: x.id, role: x.role, text: x.text }; }); },
    blocks: function (heading) { return blocks(heading || null); },
    flavours: flavours
  };

  window.SpeechSite.onPage(addButtons);  // site.js, loaded first
  // Concordance lines loaded on demand (site.js) get their buttons too; addButtons skips done rows.
  document.addEventListener("kwic:rows-added", addButtons);
})();
