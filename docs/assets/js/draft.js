/* 组稿: assemble a whole draft from pieces across the library, see it on A4, take it to Word.

   - Drafts live in this browser only (localStorage "speechlib.drafts.v1"): several named drafts, one
     current. A draft is {id, name, title, pieces, slots}; a piece is
     {id, type: "heading"|"para", level (0, or 2–5 for a heading or a run-in numbered paragraph),
      text (without its number: numbers are given by position), original (the source's text, to mark
      an edit), role (where it came from, in words), source {title, url (site-relative)} or null,
      alts [{label, text}] and alt (the chosen alternative) for pieces the agenda form made}.
   - The current draft's slot values are the ones the page slot panel edits (slots.js,
     localStorage "speechlib.slots.v1"); switching drafts puts the old draft's values away in it and
     brings the new draft's out, so a value typed for one meeting never shows in another draft.
   - "加入组稿" buttons sit beside the copy buttons (copy.js: paragraph, section, whole page,
     alternative, concordance line; search.js: search result, and each row of the header search's
     dropdown, drawn on its "search:drop-rendered" event), found by the same anchors.
   - The 组稿 page (docs/draft.md, [data-draft-app]): pieces in order (drag, or the arrow keys on a
     piece's handle), remove, edit in place, insert headings (numbered 一、（一）1.（1） by position),
     undo; every slot of the draft listed once; a live A4 preview (22 lines of 28 characters, page
     numbers, as the Word file lays it out); copy all (SpeechCopy) and a Word file (SpeechDocx);
     export and import of a draft as .json.
   Never builds HTML from text: every node is made with SpeechSite.el / textContent.

   window.SpeechDraft: current(), add(pieces, info), blocks(), numbered(), values(), setValues(),
   mutate(fn), newDraft(name), render(), and the page's pieces for agenda.js. */
(function () {
  "use strict";

  var S = window.SpeechSite;
  var el = S.el;
  var STORE = "speechlib.drafts.v1";
  var SLOTS_KEY = "speechlib.slots.v1";  // slots.js: the current draft's values
  var FORMAT = "speechlib-draft";
  var SLOT_SOURCE = S.text.SLOT_RE.source;
  var CN = S.text.CN_DIGITS;
  // speechlib.text.NUMBERING_RE: 一、 （一） 1. （1）, and the run-in heading up to its first stop.
  var NUMBERING = [
    [2, /^[一二三四五六七八九十]{1,3}、\s*/],
    [3, /^[（(][一二三四五六七八九十]{1,3}[）)]\s*/],
    [4, /^\d{1,2}(?:、|[.．](?!\d))\s*/],
    [5, /^[（(]\d{1,2}[）)]\s*/]
  ];
  // speechlib.page.blocks: RUN_IN_RE, HEADING_MAX, SALUTATION_RE (FULL_STOPS 。！？!?).
  var RUN_IN = /^([^。！？!?]{2,40}?[。！？!?])(?=[\s\S])/;
  var HEADING_MAX = 60;
  var SALUTATION = /^[^。！？!?，,；;：:]{1,24}[：:]$/;
  var LEVEL_NAMES = { 2: "一级标题（一、）", 3: "二级标题（（一））", 4: "三级标题（1.）", 5: "四级标题（（1））" };

  /* ---- numbers ----------------------------------------------------------------------------- */

  function chinese(n) {
    if (n <= 10) return n === 10 ? "十" : CN[n - 1];
    if (n < 20) return "十" + CN[n - 11];
    var tens = Math.floor(n / 10), ones = n % 10;
    return CN[tens - 1] + "十" + (ones ? CN[ones - 1] : "");
  }

  function marker(level, n) {
    if (level === 2) return chinese(n) + "、";
    if (level === 3) return "（" + chinese(n) + "）";
    if (level === 4) return n + ".";
    return "（" + n + "）";
  }

  /* [level, text without its number] of a text that starts with a numbering marker, or null. */
  function splitNumber(text) {
    for (var i = 0; i < NUMBERING.length; i++) {
      var m = NUMBERING[i][1].exec(text);
      if (m && text.length > m[0].length) return [NUMBERING[i][0], text.slice(m[0].length)];
    }
    return null;
  }

  /* ---- storage ----------------------------------------------------------------------------- */

  var state = null;  // {current, order: [id], drafts: {id: draft}}
  var serial = 0;

  function newId(prefix) {
    serial += 1;
    return prefix + Date.now().toString(36) + serial.toString(36) + Math.floor(Math.random() * 1296).toString(36);
  }

  function readJSON(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function writeJSON(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) { return false; }  // storage disabled or full: the draft lasts as long as the page
  }

  function cleanValues(data) {
    var out = {};
    Object.keys(data || {}).forEach(function (k) {
      var v = data[k] === null || data[k] === undefined ? "" : String(data[k]).trim();
      if (v) out[k] = v;
    });
    return out;
  }

  function values() { return cleanValues(readJSON(SLOTS_KEY) || {}); }

  function setValues(data) {
    var clean = cleanValues(data);
    writeJSON(SLOTS_KEY, Object.keys(clean).length ? clean : null);
    if (window.SpeechSlots) window.SpeechSlots.fill(document, clean);
  }

  function blankDraft(name) {
    return { id: newId("d"), name: name, title: "", pieces: [], slots: {}, updated: Date.now() };
  }

  function load() {
    var data = readJSON(STORE);
    if (!data || typeof data !== "object" || !data.drafts || !Array.isArray(data.order)) {
      data = { current: null, order: [], drafts: {} };
    }
    data.order = data.order.filter(function (id) { return data.drafts[id]; });
    if (!data.order.length) {
      var d = blankDraft("稿件1");
      data.drafts[d.id] = d;
      data.order.push(d.id);
    }
    if (!data.drafts[data.current]) data.current = data.order[0];
    state = data;
    return state;
  }

  function save() {
    current().updated = Date.now();
    writeJSON(STORE, state);
  }

  function current() {
    if (!state) load();
    return state.drafts[state.current];
  }

  function uniqueName(base) {
    var names = state.order.map(function (id) { return state.drafts[id].name; });
    if (names.indexOf(base) < 0) return base;
    for (var i = 2; ; i++) if (names.indexOf(base + "（" + i + "）") < 0) return base + "（" + i + "）";
  }

  /* Make ``id`` the current draft: its slot values become the ones every page shows. */
  function switchTo(id) {
    if (!state.drafts[id] || id === state.current) return;
    current().slots = values();
    state.current = id;
    setValues(state.drafts[id].slots || {});
    undoStack = [];
    save();
  }

  function newDraft(name) {
    if (!state) load();
    var d = blankDraft(uniqueName(name || "稿件" + (state.order.length + 1)));
    state.drafts[d.id] = d;
    state.order.push(d.id);
    switchTo(d.id);
    return d;
  }

  function deleteDraft(id) {
    var wasCurrent = id === state.current;
    delete state.drafts[id];
    state.order = state.order.filter(function (x) { return x !== id; });
    if (!state.order.length) {
      var d = blankDraft("稿件1");
      state.drafts[d.id] = d;
      state.order.push(d.id);
    }
    if (wasCurrent) {
      state.current = state.order[0];
      setValues(state.drafts[state.current].slots || {});
      undoStack = [];
    }
    save();
  }

  /* ---- pieces and their numbers ------------------------------------------------------------- */

  function makePiece(type, text, info) {
    info = info || {};
    var level = type === "heading" ? (info.level || 2) : 0;
    var split = splitNumber(text);
    if (split) { level = split[0]; text = split[1]; }
    return {
      id: newId("p"), type: type, level: level, text: text, original: info.original === null ? null : text,
      role: info.role || "", source: info.source || null,
      alts: info.alts || null, alt: info.alts ? (info.alt || 0) : null
    };
  }

  /* The pieces with the numbers their position gives them: [{piece, number, text}]. */
  function numbered(pieces) {
    var counts = { 2: 0, 3: 0, 4: 0, 5: 0 };
    return (pieces || current().pieces).map(function (p) {
      var number = "";
      if (p.level >= 2) {
        counts[p.level] += 1;
        for (var l = p.level + 1; l <= 5; l++) counts[l] = 0;
        number = marker(p.level, counts[p.level]);
      }
      return { piece: p, number: number, text: number + p.text };
    });
  }

  function fill(text, data) {
    return String(text).replace(new RegExp(SLOT_SOURCE, "g"), function (all, name) {
      return Object.prototype.hasOwnProperty.call(data, name) ? data[name] : all;
    });
  }

  /* The draft as the Word writer and the clipboard take it (SpeechDocx's blocks), slots filled. */
  function blocks(data) {
    data = data || values();
    var d = current();
    var out = [];
    if (d.title.trim()) out.push({ kind: "title", text: fill(d.title.trim(), data) });
    numbered(d.pieces).forEach(function (x) {
      var text = fill(x.text, data).trim();
      if (!text) return;
      var level = x.piece.level;
      if (x.piece.type === "heading") out.push({ kind: "heading", level: level, text: text });
      else if (level >= 2 && RUN_IN.test(text)) out.push({ kind: "runin", level: level, text: text });
      else if (level >= 2 && text.length <= HEADING_MAX && !/[。！？!?]/.test(text.slice(0, -1))) {
        out.push({ kind: "heading", level: level, text: text });
      } else if (!level && SALUTATION.test(text)) out.push({ kind: "salutation", text: text });
      else out.push({ kind: "body", text: text });
    });
    return out;
  }

  /* ---- undo and changes ---------------------------------------------------------------------- */

  var undoStack = [];
  var UNDO_DEPTH = 50;
  var listeners = [];

  function snapshot() { var d = current(); return JSON.stringify({ title: d.title, pieces: d.pieces }); }

  /* Change the current draft: fn(draft) edits it; the state before is kept for undo. */
  function mutate(fn, message) {
    undoStack.push(snapshot());
    if (undoStack.length > UNDO_DEPTH) undoStack.shift();
    fn(current());
    save();
    changed(message);
  }

  function undo() {
    if (!undoStack.length) return false;
    var before = JSON.parse(undoStack.pop());
    var d = current();
    d.title = before.title;
    d.pieces = before.pieces;
    save();
    changed("已撤销上一步");
    return true;
  }

  function changed(message) {
    updateCounter();
    listeners.forEach(function (fn) { fn(message); });
  }

  /* ---- announcements, the header counter ------------------------------------------------------ */

  var live;
  function announce(text) {
    if (!text) return;
    if (!live || !document.body.contains(live)) {
      live = el("div", "draft-live");
      live.setAttribute("aria-live", "polite");
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function updateCounter() {
    var n = state ? current().pieces.length : 0;
    document.querySelectorAll("[data-draft-counter]").forEach(function (a) {
      a.href = new URL(a.getAttribute("data-draft-target"), S.root).href;
      var count = a.querySelector("[data-draft-count]");
      if (count) count.textContent = String(n);
      a.setAttribute("aria-label", "组稿：当前稿件“" + current().name + "”共 " + n + " 段");
    });
  }

  /* ---- adding from the library's pages ---------------------------------------------------------- */

  function siteUrl(href) {
    var abs = new URL(href, location.href);
    var root = S.root.href;
    return abs.href.indexOf(root) === 0 ? abs.href.slice(root.length) : abs.href;
  }

  function article() { return document.querySelector("article.md-content__inner") || document.querySelector("article"); }

  function pageTitle() {
    var tools = document.querySelector(".speech-tools");
    var h1 = article() && article().querySelector("h1");
    return (tools && tools.getAttribute("data-title")) || (h1 ? h1.textContent.trim() : document.title);
  }

  function pageUrl(anchor) { return siteUrl(location.pathname + (anchor ? "#" + anchor : "")); }

  /* Read page text with its slots as ［名称］, not the values the slot panel put in the page. */
  function withRawSlots(fn) {
    var slots = window.SpeechSlots;
    if (slots) slots.fill(document, {});
    try { return fn(); } finally { if (slots) slots.fill(document); }
  }

  function textOf(node) {
    return window.SpeechCopy && window.SpeechCopy.textOf ? window.SpeechCopy.textOf(node) : node.textContent.trim();
  }

  function add(pieces, button) {
    if (!pieces.length) return;
    var where = "";
    mutate(function (d) {
      // The insertion point (set on the 组稿 page): new pieces go after it, and it moves past them.
      var at = d.at ? indexOf(d.at) : -1;
      if (at < 0) { d.at = null; d.pieces = d.pieces.concat(pieces); return; }
      Array.prototype.splice.apply(d.pieces, [at + 1, 0].concat(pieces));
      d.at = pieces[pieces.length - 1].id;
      where = "，插在第 " + (at + 1) + " 段之后";
    });
    var n = current().pieces.length;
    var message = "已加入组稿" + (pieces.length > 1 ? pieces.length + " 段" : "") + where + "，“" + current().name + "”共 " + n + " 段";
    announce(message);
    if (button) {
      button.setAttribute("data-added", "ok");
      button.title = message;
      window.clearTimeout(button._draftTimer);
      button._draftTimer = window.setTimeout(function () { button.removeAttribute("data-added"); button.title = button.getAttribute("aria-label"); }, 2000);
    }
  }

  function alternativeLabel(p) {
    var block = p.closest(".tabbed-block");
    if (!block || !block.parentElement) return "";
    var index = Array.prototype.indexOf.call(block.parentElement.children, block);
    var set = block.closest(".tabbed-set");
    var labels = set ? set.querySelectorAll(":scope > .tabbed-labels > label") : [];
    return labels[index] ? labels[index].textContent.trim() : "";
  }

  function paragraphPiece(p) {
    var alt = p.closest(".alternatives");
    var text = withRawSlots(function () { return textOf(p); });
    var role = alt ? "备选表述" + (alternativeLabel(p) ? "：" + alternativeLabel(p) : "") : "正文段落";
    return makePiece("para", text, { role: role, source: { title: pageTitle(), url: pageUrl(p.id) } });
  }

  /* The pieces of a section (from heading h) or of the whole page (h null), as copy.js copies them. */
  function sectionPieces(h, role) {
    var copy = window.SpeechCopy;
    if (!copy || !copy.blocks) return [];
    var title = pageTitle();
    return withRawSlots(function () {
      var list = copy.blocks(h);
      var paras = copy.textParagraphs().filter(function (x) { return x.role === "body"; });
      var headings = {};
      article().querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (x) {
        var t = textOf(x);
        if (!headings[t]) headings[t] = x.id;
      });
      var at = 0;
      return list.map(function (b) {
        var anchor = "";
        var heading = b.kind === "heading" || b.type === "h";
        if (heading) anchor = headings[b.text] || "";
        else {
          for (var i = at; i < paras.length; i++) {
            if (paras[i].text === b.text) { anchor = paras[i].id; at = i + 1; break; }
          }
        }
        var piece = makePiece(heading ? "heading" : "para", b.text, {
          level: b.level, role: role, source: { title: title, url: pageUrl(anchor) }
        });
        return piece;
      });
    });
  }

  function addButton(label, onClick, text) {
    var b = el("button", "draft-add", text || "＋组稿");
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.setAttribute("data-draft-add", "");
    b.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      onClick(b);
    });
    return b;
  }

  function after(anchor, button) {
    anchor.parentNode.insertBefore(button, anchor.nextSibling);
  }

  function has(node) {
    var next = node.nextElementSibling;
    return next && next.hasAttribute("data-draft-add");
  }

  function addButtons() {
    var art = article();
    if (!art) return;
    art.querySelectorAll("p.para > .copy-btn").forEach(function (copy) {
      if (has(copy)) return;
      var p = copy.parentElement;
      var alt = p.closest(".alternatives");
      after(copy, addButton(alt ? "把这条备选表述加入组稿" : "把本段加入组稿", function (b) { add([paragraphPiece(p)], b); }));
    });
    art.querySelectorAll(".copy-btn--section").forEach(function (copy) {
      if (has(copy)) return;
      var h = copy.parentElement;
      var name = textOf(h);
      after(copy, addButton("把本节加入组稿：" + name, function (b) { add(sectionPieces(h, "小节：" + name), b); }));
    });
    var whole = document.querySelector(".speech-tools > .copy-btn--page");
    if (whole && !has(whole)) {
      var b = addButton("把全文加入组稿", function (btn) {
        var pieces = sectionPieces(null, "全文");
        if (!current().title.trim() && pieces.length) current().title = pageTitle();
        add(pieces, btn);
      });
      b.className = "draft-add draft-add--page md-button";
      b.textContent = "全文加入组稿";
      after(whole, b);
    }
    art.querySelectorAll("tr[data-copy] .copy-btn").forEach(function (copy) {
      if (has(copy)) return;
      var row = copy.closest("tr");
      after(copy, addButton("把整段加入组稿", function (btn) {
        var link = row.querySelector(".kwic-src a") || row.querySelector("a[href]");
        var source = link ? { title: link.textContent.trim(), url: siteUrl(link.getAttribute("href")) } : null;
        add([makePiece("para", row.getAttribute("data-copy"), { role: "表述例句", source: source })], btn);
      }));
    });
    art.querySelectorAll(".ss-result .ss-copy").forEach(function (copy) {
      if (has(copy)) return;
      var item = copy.closest(".ss-result");
      after(copy, addButton("把这一段加入组稿", function (btn) {
        var link = item.querySelector(".ss-result__title");
        var text = item.querySelector(".ss-result__text");
        var source = link ? { title: link.textContent.trim(), url: siteUrl(link.getAttribute("href")) } : null;
        add([makePiece("para", text ? text.textContent.trim() : "", { role: "检索结果", source: source })], btn);
      }, "加入组稿"));
    });
  }

  /* The header search's dropdown (search.js) is outside the article: its rows get a 组稿 button
     beside their copy button each time it is drawn. */
  function addDropButtons(event) {
    var drop = event.detail && event.detail.drop;
    if (!drop) return;
    drop.querySelectorAll(".ss-drop__item > .ss-copy").forEach(function (copy) {
      if (has(copy)) return;
      var item = copy.parentElement;
      var link = item.querySelector(".ss-drop__link");
      var b = addButton("把这一段加入组稿：" + item.getAttribute("data-title"), function (btn) {
        var source = { title: item.getAttribute("data-title"), url: siteUrl(link.getAttribute("href")) };
        add([makePiece("para", item.getAttribute("data-copy"), { role: "检索结果", source: source })], btn);
      }, "＋组稿");
      b.className = "ss-copy ss-drop__add";
      after(copy, b);
    });
  }
  document.addEventListener("search:drop-rendered", addDropButtons);

  /* Search results and concordance lines arrive after the page view: add their buttons as they come. */
  var observer = null;
  function watch() {
    if (observer) observer.disconnect();
    var art = article();
    if (!art || !window.MutationObserver) return;
    var pending = false;
    observer = new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.setTimeout(function () { pending = false; addButtons(); }, 0);
    });
    observer.observe(art, { childList: true, subtree: true });
  }

  /* ---- 示例稿: a template shown filled in from the slots' examples ------------------------------- */

  function examplesOnPage() {
    var out = {};
    document.querySelectorAll("details.slot-panel input[data-slot-input]").forEach(function (input) {
      out[input.getAttribute("data-slot-input")] = (input.getAttribute("placeholder") || "").replace(/^例：/, "");
    });
    return out;
  }

  function exampleSwitch() {
    var tools = document.querySelector('.speech-tools[data-kind="template"]');
    if (!tools || tools.querySelector(".draft-example") || !window.SpeechSlots) return;
    var label = el("label", "draft-example");
    var box = el("input");
    box.type = "checkbox";
    label.appendChild(box);
    label.appendChild(document.createTextNode("示例稿"));
    label.title = "用各空白的示例填满模板，看一个虚构单位的完整文稿";
    box.addEventListener("change", function () {
      if (box.checked) window.SpeechSlots.fill(document, examplesOnPage());
      else window.SpeechSlots.fill(document);
      announce(box.checked ? "已显示示例稿：空白处为示例文字" : "已恢复模板");
    });
    tools.appendChild(label);
  }

  /* ---- the 组稿 page ---------------------------------------------------------------------------- */

  var app = null;  // the page's parts while the 组稿 page is shown
  var catalog = {};  // slot name → {help, example}, from draft/slots.js

  function button(label, cls, onClick, aria) {
    var b = el("button", "draft-btn" + (cls ? " " + cls : ""), label);
    b.type = "button";
    if (aria) b.setAttribute("aria-label", aria);
    b.addEventListener("click", onClick);
    return b;
  }

  function slotNodes(parent, text, data, examples) {
    var re = new RegExp(SLOT_SOURCE, "g"), at = 0, m;
    while ((m = re.exec(text))) {
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var name = m[1];
      var value = data[name] || (examples && examples[name]) || "";
      var span = el("span", value ? "draft-slot draft-slot--filled" : "draft-slot", value || m[0]);
      if (value && !data[name]) span.classList.add("draft-slot--example");
      span.title = m[0];
      parent.appendChild(span);
      at = re.lastIndex;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  function sourceLink(source) {
    if (!source || !source.url) return null;
    var a = el("a", "dp__source", source.title || source.url);
    a.href = /^[a-z]+:/i.test(source.url) ? source.url : new URL(source.url, S.root).href;
    return a;
  }

  /* ---- the list of pieces ---- */

  var focusAfter = null;  // [piece id, control] to focus after the next render
  var editing = null;  // id of the piece being edited
  var selected = null;  // id of the piece new headings go after

  function move(from, to, message) {
    var d = current();
    if (to < 0 || to >= d.pieces.length || from === to) return;
    var id = d.pieces[from].id;
    mutate(function (draft) {
      var p = draft.pieces.splice(from, 1)[0];
      draft.pieces.splice(to, 0, p);
    }, message || "已移到第 " + (to + 1) + " 段");
    focusAfter = [id, "handle"];
    render();
  }

  function indexOf(id) {
    var pieces = current().pieces;
    for (var i = 0; i < pieces.length; i++) if (pieces[i].id === id) return i;
    return -1;
  }

  function pieceItem(x, index, total, data) {
    var p = x.piece;
    var li = el("li", "dp" + (p.type === "heading" ? " dp--heading dp--h" + p.level : ""));
    li.setAttribute("data-piece", p.id);
    li.draggable = editing !== p.id;
    var pos = "第 " + (index + 1) + " 段";
    // A focusable handle, not a <button>: Chromium starts no drag from inside a button.
    var handle = el("span", "dp__handle", "⠿");
    handle.tabIndex = 0;
    handle.setAttribute("role", "button");
    handle.setAttribute("aria-roledescription", "拖动手柄");
    handle.setAttribute("aria-label", "移动" + pos + "（上下方向键移动，Home/End 移到首尾，共 " + total + " 段）");
    handle.setAttribute("data-control", "handle");
    handle.addEventListener("keydown", function (event) {
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        move(indexOf(p.id), indexOf(p.id) + (event.key === "ArrowUp" ? -1 : 1));
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        move(indexOf(p.id), event.key === "Home" ? 0 : current().pieces.length - 1);
      }
    });
    li.appendChild(handle);

    var body = el("div", "dp__body");
    if (editing === p.id) {
      var area = el("textarea", "dp__edit");
      area.value = p.text;
      area.rows = Math.min(12, Math.max(2, Math.ceil(p.text.length / 40)));
      area.setAttribute("aria-label", "编辑" + pos + "的文字（Ctrl+Enter 保存，Esc 取消）");
      area.setAttribute("data-control", "edit");
      var done = function () {
        var text = area.value.replace(/\s*\n\s*/g, "").trim();
        editing = null;
        focusAfter = [p.id, "edit-btn"];
        if (text !== p.text) {
          mutate(function () { p.text = text; }, "已保存改动");
        }
        render();
      };
      var cancel = function () { editing = null; focusAfter = [p.id, "edit-btn"]; render(); };
      area.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); done(); }
        else if (event.key === "Escape") { event.preventDefault(); cancel(); }
      });
      body.appendChild(area);
      var row = el("div", "dp__editbar");
      row.appendChild(button("保存", "dp__save", done));
      row.appendChild(button("取消", "", cancel));
      body.appendChild(row);
    } else {
      var text = el(p.type === "heading" ? "div" : "p", "dp__text");
      if (x.number) text.appendChild(el("span", "dp__number", x.number));
      slotNodes(text, p.text, data);
      if (!p.text) text.appendChild(el("span", "dp__empty", "（空段落，点“编辑”写入文字）"));
      body.appendChild(text);
    }
    var meta = el("div", "dp__meta");
    if (p.type === "heading") meta.appendChild(el("span", "dp__level", LEVEL_NAMES[p.level]));
    meta.appendChild(el("span", "dp__role", p.role || "段落"));
    var link = sourceLink(p.source);
    if (link) meta.appendChild(link);
    if (p.original !== null && p.original !== undefined && p.text !== p.original) {
      meta.appendChild(el("span", "dp__changed", "已改动"));
      var restore = button("恢复原文", "dp__restore", function () {
        focusAfter = [p.id, "edit-btn"];
        mutate(function () { p.text = p.original; }, "已恢复原文");
        render();
      });
      meta.appendChild(restore);
    }
    if (p.alts && p.alts.length > 1) {
      var pick = el("select", "dp__alt");
      pick.setAttribute("aria-label", "换用" + pos + "的备选表述");
      pick.setAttribute("data-control", "alt");
      p.alts.forEach(function (a, i) {
        var o = el("option", null, a.label);
        o.value = String(i);
        pick.appendChild(o);
      });
      pick.value = String(p.alt || 0);
      pick.addEventListener("change", function () {
        var i = Number(pick.value);
        focusAfter = [p.id, "alt"];
        mutate(function () { p.alt = i; p.text = p.alts[i].text; p.original = p.alts[i].text; }, "已换用" + p.alts[i].label);
        render();
      });
      meta.appendChild(pick);
    }
    body.appendChild(meta);
    li.appendChild(body);

    var tools = el("div", "dp__tools");
    var up = button("上移", "dp__up", function () { move(indexOf(p.id), indexOf(p.id) - 1); focusAfter = [p.id, "up"]; render(); }, "上移" + pos);
    up.setAttribute("data-control", "up");
    up.disabled = index === 0;
    var down = button("下移", "dp__down", function () { move(indexOf(p.id), indexOf(p.id) + 1); focusAfter = [p.id, "down"]; render(); }, "下移" + pos);
    down.setAttribute("data-control", "down");
    down.disabled = index === total - 1;
    var edit = button("编辑", "dp__editbtn", function () { editing = p.id; focusAfter = [p.id, "edit"]; render(); }, "编辑" + pos);
    edit.setAttribute("data-control", "edit-btn");
    var remove = button("删除", "dp__remove", function () {
      var i = indexOf(p.id);
      var next = current().pieces[i + 1] || current().pieces[i - 1];
      mutate(function (d) { d.pieces.splice(i, 1); }, "已删除" + pos + "，可撤销");
      focusAfter = next ? [next.id, "handle"] : null;
      render();
    }, "删除" + pos);
    var isAt = current().at === p.id;
    var point = button(isAt ? "插入点" : "插在此后", "dp__at", function () {
      var on = current().at === p.id;
      focusAfter = [p.id, "at"];
      mutate(function (d) { d.at = on ? null : p.id; },
        on ? "已取消插入点：新加入的段落放在末尾" : "新加入的段落将插在" + pos + "之后");
      render();
    }, isAt ? "取消插入点（新加入的段落改放在末尾）" : "把插入点设在" + pos + "之后：在其他页面点“＋组稿”加入的段落插在这里");
    point.setAttribute("data-control", "at");
    point.setAttribute("aria-pressed", isAt ? "true" : "false");
    if (isAt) li.classList.add("dp--at");
    [up, down, edit, point, remove].forEach(function (b) { tools.appendChild(b); });
    li.appendChild(tools);
    return li;
  }

  function renderList() {
    var d = current();
    var data = values();
    var list = app.list;
    var items = numbered(d.pieces);
    var nodes = items.map(function (x, i) { return pieceItem(x, i, items.length, data); });
    list.replaceChildren.apply(list, nodes);
    app.empty.hidden = items.length > 0;
  }

  /* ---- drag and drop ---- */

  function dragSetup(list) {
    var dragged = null;
    list.addEventListener("dragstart", function (event) {
      var li = event.target.closest && event.target.closest("li.dp");
      if (!li) return;
      dragged = li.getAttribute("data-piece");
      li.classList.add("dp--dragging");
      event.dataTransfer.effectAllowed = "move";
      try { event.dataTransfer.setData("text/plain", dragged); } catch (e) { /* old browsers */ }
    });
    function target(event) {
      var li = event.target.closest && event.target.closest("li.dp");
      if (!li) return null;
      var box = li.getBoundingClientRect();
      return { li: li, after: event.clientY > box.top + box.height / 2 };
    }
    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      list.querySelectorAll(".dp--drop-before, .dp--drop-after").forEach(function (n) { n.classList.remove("dp--drop-before", "dp--drop-after"); });
      var t = target(event);
      if (t) t.li.classList.add(t.after ? "dp--drop-after" : "dp--drop-before");
    });
    list.addEventListener("drop", function (event) {
      if (!dragged) return;
      event.preventDefault();
      var t = target(event);
      var from = indexOf(dragged);
      if (t && from >= 0) {
        var to = indexOf(t.li.getAttribute("data-piece")) + (t.after ? 1 : 0);
        if (to > from) to -= 1;
        move(from, to);
      }
      dragged = null;
    });
    list.addEventListener("dragend", function () {
      dragged = null;
      list.querySelectorAll(".dp--dragging, .dp--drop-before, .dp--drop-after").forEach(function (n) {
        n.classList.remove("dp--dragging", "dp--drop-before", "dp--drop-after");
      });
    });
  }

  /* ---- slots once, per draft ---- */

  function slotNames() {
    var d = current();
    var seen = {}, order = [];
    var re = new RegExp(SLOT_SOURCE, "g");
    [d.title].concat(d.pieces.map(function (p) { return p.text; })).forEach(function (text) {
      var m;
      re.lastIndex = 0;
      while ((m = re.exec(text))) if (!seen[m[1]]) { seen[m[1]] = true; order.push(m[1]); }
    });
    return order;
  }

  function slotInfo(name) {
    return catalog[name] || catalog[name.replace(/[1-9]$/, "")] || { help: "", example: "" };
  }

  function renderSlots() {
    var names = slotNames();
    var data = values();
    var box = app.slots;
    var nodes = [];
    names.forEach(function (name) {
      var info = slotInfo(name);
      var row = el("div", "draft-slotrow");
      var id = "draft-slot-" + name;
      var label = el("label", "draft-slotrow__name", name);
      label.htmlFor = id;
      row.appendChild(label);
      var input = el("input", "draft-slotrow__input");
      input.type = "text";
      input.id = id;
      input.value = data[name] || "";
      input.placeholder = info.example ? "例：" + info.example : "";
      input.setAttribute("data-slot-input", name);
      input.setAttribute("autocomplete", "off");
      if (info.help) {
        var help = el("span", "draft-slotrow__help", info.help);
        help.id = id + "-help";
        input.setAttribute("aria-describedby", help.id);
        row.appendChild(input);
        row.appendChild(help);
      } else row.appendChild(input);
      input.addEventListener("input", function () {
        var now = values();
        now[name] = input.value;
        setValues(now);
        refreshText();
      });
      nodes.push(row);
    });
    box.replaceChildren.apply(box, nodes);
    var filled = names.filter(function (n) { return data[n]; }).length;
    app.slotCount.textContent = names.length ? "（本稿 " + names.length + " 项，已填 " + filled + " 项）" : "（本稿没有空白）";
  }

  /* ---- the A4 preview (speechlib.export.docx's layout) ---- */

  var PAGE_PT = 225 / 25.4 * 72;  // the type area's height
  var LINE_PT = 28.95, TITLE_LINE_PT = 36, CHARS = 28, TITLE_CHARS = 20;

  function width(ch) {
    var c = ch.charCodeAt(0);
    return c < 0x2e80 && c !== 0x2014 && c !== 0x2026 && c !== 0x201c && c !== 0x201d && c !== 0x2018 && c !== 0x2019 ? 0.5 : 1;
  }

  var NO_START = "，。、；：？！）》」』】〕”’…—·%";

  /* The lines of a paragraph of ``chars`` characters per line, the first ``indent`` in. */
  function lines(text, chars, indent) {
    var out = [], line = "", used = indent;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i], w = width(ch);
      if (used + w > chars + 0.01 && line && NO_START.indexOf(ch) < 0) {
        out.push(line);
        line = "";
        used = 0;
      }
      line += ch;
      used += w;
    }
    if (line || !out.length) out.push(line);
    return out;
  }

  /* Pages of the draft: [[{b: block index, kind, level, text, first, last}]] (lines per page). */
  function paginate(list) {
    var pages = [[]], height = 0;
    function put(entry, h) {
      if (height + h > PAGE_PT + 0.5) { pages.push([]); height = 0; }
      pages[pages.length - 1].push(entry);
      height += h;
    }
    list.forEach(function (block, b) {
      var title = block.kind === "title";
      var ls = title ? lines(block.text, TITLE_CHARS, 0) : lines(block.text, CHARS, block.kind === "salutation" ? 0 : 2);
      ls.forEach(function (text, i) {
        put({ b: b, kind: block.kind, level: block.level || 0, text: text, first: i === 0, last: i === ls.length - 1 },
          title ? TITLE_LINE_PT : LINE_PT);
      });
      if (title) put({ b: -1, kind: "blank", text: "", first: true, last: true }, LINE_PT);
    });
    return pages;
  }

  function renderPreview() {
    var data = values();
    var examples = app.example.checked ? exampleValues() : null;
    var list = blocks(examples ? Object.assign({}, examples, data) : data);
    var pages = paginate(list);
    var runin = {};
    list.forEach(function (block, b) {
      if (block.kind === "runin") runin[b] = RUN_IN.exec(block.text)[1].length;
    });
    var seen = {};
    var nodes = pages.map(function (page, n) {
      var sheet = el("div", "dpv-page");
      sheet.setAttribute("role", "group");
      sheet.setAttribute("aria-label", "第 " + (n + 1) + " 页");
      var area = el("div", "dpv-area");
      page.forEach(function (line) {
        var cls = "dpv-line dpv-line--" + line.kind + (line.level ? " dpv-line--h" + line.level : "") +
          (line.first ? " dpv-line--first" : "") + (line.last ? " dpv-line--last" : "");
        var node = el("div", cls);
        node.setAttribute("data-b", String(line.b));
        var start = seen[line.b] || 0;
        seen[line.b] = start + line.text.length;
        if (runin[line.b] !== undefined && start < runin[line.b]) {
          var cut = Math.min(line.text.length, runin[line.b] - start);
          node.appendChild(slotNodes(el("span", "dpv-runin"), line.text.slice(0, cut), {}, null));
          slotNodes(node, line.text.slice(cut), {}, null);
        } else slotNodes(node, line.text, {}, null);
        area.appendChild(node);
      });
      sheet.appendChild(area);
      sheet.appendChild(el("div", "dpv-folio dpv-folio--" + (n % 2 ? "even" : "odd"), "— " + (n + 1) + " —"));
      return sheet;
    });
    app.preview.replaceChildren.apply(app.preview, nodes);
    var chars = list.reduce(function (sum, b) { return sum + b.text.length; }, 0);
    app.status.textContent = "共 " + current().pieces.length + " 段，约 " + chars + " 字，A4 " + pages.length + " 页";
  }

  function exampleValues() {
    var out = {};
    slotNames().forEach(function (name) { out[name] = slotInfo(name).example; });
    return out;
  }

  function refreshText() {
    if (!app) return;
    var data = values();
    app.list.querySelectorAll("li.dp").forEach(function (li) {
      var p = current().pieces[indexOf(li.getAttribute("data-piece"))];
      var text = li.querySelector(".dp__text");
      if (!p || !text) return;
      var number = text.querySelector(".dp__number");
      text.replaceChildren();
      if (number) text.appendChild(number);
      slotNodes(text, p.text, data);
    });
    renderPreview();
  }

  /* ---- taking it away ---- */

  function copyAll(b) {
    var list = blocks();
    var copy = window.SpeechCopy;
    if (copy && copy.write && copy.html) {
      var plain = copy.plainText ? copy.plainText(list) : list.map(function (x) { return x.text; }).join("\n");
      return copy.write(plain, copy.html(list)).then(function () {
        flash(b, "已复制");
        announce("已复制全文（" + list.length + " 段）");
        return true;
      }, function (error) {
        flash(b, "复制失败");
        announce(String(error && error.message || "复制失败"));
        return false;
      });
    }
    if (copy && copy.copyBlocks) {
      // Until SpeechCopy.write/html: the copy buttons' path (type t/h/p), same two flavours.
      return copy.copyBlocks(list.map(function (x) {
        return { type: x.kind === "title" ? "t" : x.kind === "heading" ? "h" : "p", level: x.level, text: x.text };
      }), b);
    }
    announce("复制功能未能加载");
    return Promise.resolve(false);
  }

  function flash(b, text) {
    if (!b) return;
    if (!b._label) b._label = b.textContent;
    b.textContent = text;
    b.setAttribute("data-done", "");
    window.clearTimeout(b._timer);
    b._timer = window.setTimeout(function () { b.textContent = b._label; b.removeAttribute("data-done"); }, 2000);
  }

  function fileName() {
    var d = current();
    var name = (blocks()[0] && blocks()[0].kind === "title" ? blocks()[0].text : d.name) || "组稿";
    return name.replace(/[\\/:*?"<>|\s]+/g, "").slice(0, 60) || "组稿";
  }

  function downloadBlob(blob, name) {
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function word() {
    var docx = window.SpeechDocx;
    if (!docx || !docx.build) { announce("Word 文件功能未能加载，请先用“复制全文”粘贴到 Word"); return Promise.resolve(null); }
    var list = blocks();
    var title = list.length && list[0].kind === "title" ? list[0].text : current().name;
    return docx.build(list, { title: title }).then(function (blob) {
      downloadBlob(blob, docx.fileName ? docx.fileName(fileName()) : fileName() + ".docx");
      announce("已生成 Word 文件");
      return blob;
    });
  }

  function exportDraft() {
    var d = current();
    var data = { format: FORMAT, version: 1, name: d.name, title: d.title, pieces: d.pieces, slots: values() };
    downloadBlob(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }), d.name.replace(/[\\/:*?"<>|\s]+/g, "") + ".组稿.json");
    announce("已导出稿件“" + d.name + "”");
  }

  function cleanPiece(p) {
    if (!p || typeof p !== "object" || typeof p.text !== "string") return null;
    var type = p.type === "heading" ? "heading" : "para";
    var level = Number(p.level) || 0;
    if (level && (level < 2 || level > 5)) level = 0;
    if (type === "heading" && !level) level = 2;
    var source = p.source && typeof p.source === "object" && typeof p.source.url === "string"
      ? { title: String(p.source.title || ""), url: p.source.url } : null;
    if (source && /^(javascript|data|vbscript):/i.test(source.url)) source = null;
    var alts = Array.isArray(p.alts) ? p.alts.filter(function (a) { return a && typeof a.text === "string"; })
      .map(function (a) { return { label: String(a.label || ""), text: a.text }; }) : null;
    return {
      id: newId("p"), type: type, level: level, text: p.text,
      original: typeof p.original === "string" ? p.original : null,
      role: String(p.role || ""), source: source, alts: alts && alts.length ? alts : null,
      alt: alts && alts.length ? Math.min(Number(p.alt) || 0, alts.length - 1) : null
    };
  }

  /* A draft from an exported .json file, or a Chinese message saying what is wrong with it. */
  function importDraft(text, fileLabel) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return "“" + fileLabel + "”不是组稿导出的文件（无法按 JSON 读取）。"; }
    if (!data || data.format !== FORMAT || !Array.isArray(data.pieces)) {
      return "“" + fileLabel + "”不是组稿导出的文件（缺少 format: " + FORMAT + " 或 pieces）。";
    }
    var pieces = data.pieces.map(cleanPiece);
    var bad = pieces.indexOf(null);
    if (bad >= 0) return "“" + fileLabel + "”第 " + (bad + 1) + " 段缺少文字（text），未导入。";
    var d = newDraft(String(data.name || "导入的稿件"));
    d.title = String(data.title || "");
    d.pieces = pieces;
    setValues(data.slots && typeof data.slots === "object" ? data.slots : {});
    save();
    return null;
  }

  /* ---- the page ---- */

  function toolbarDrafts() {
    var bar = el("div", "draft-bar");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "稿件");
    var pickLabel = el("label", "draft-bar__label", "当前稿件");
    var pick = el("select", "draft-bar__pick");
    pick.id = "draft-pick";
    pickLabel.htmlFor = pick.id;
    state.order.forEach(function (id) {
      var o = el("option", null, state.drafts[id].name + "（" + state.drafts[id].pieces.length + " 段）");
      o.value = id;
      pick.appendChild(o);
    });
    pick.value = state.current;
    pick.addEventListener("change", function () { switchTo(pick.value); focusAfter = ["#draft-pick"]; render(); announce("已切换到“" + current().name + "”"); });
    bar.appendChild(pickLabel);
    bar.appendChild(pick);

    var nameLabel = el("label", "draft-bar__label", "名称");
    var name = el("input", "draft-bar__name");
    name.id = "draft-name";
    nameLabel.htmlFor = name.id;
    name.value = current().name;
    name.addEventListener("change", function () {
      var v = name.value.trim();
      if (!v || v === current().name) { name.value = current().name; return; }
      current().name = uniqueName(v);
      save();
      focusAfter = ["#draft-name"];
      render();
    });
    bar.appendChild(nameLabel);
    bar.appendChild(name);
    bar.appendChild(button("新建稿件", "draft-bar__new", function () {
      newDraft();
      focusAfter = ["#draft-name"];
      render();
      announce("已新建“" + current().name + "”");
    }));
    bar.appendChild(button("删除稿件", "draft-bar__delete", function () {
      if (!window.confirm("删除稿件“" + current().name + "”？删除后不能恢复（可先导出）。")) return;
      var old = current().name;
      deleteDraft(state.current);
      focusAfter = ["#draft-pick"];
      render();
      announce("已删除“" + old + "”");
    }));
    bar.appendChild(button("导出 .json", "draft-bar__export", exportDraft, "把当前稿件导出为 .json 文件，带到另一台电脑"));
    var file = el("input", "draft-bar__file");
    file.type = "file";
    file.accept = ".json,application/json";
    file.id = "draft-import";
    var fileLabel = el("label", "draft-btn draft-bar__import", "导入 .json");
    fileLabel.htmlFor = file.id;
    fileLabel.tabIndex = -1;
    file.setAttribute("aria-label", "导入稿件（组稿导出的 .json 文件）");
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      f.text().then(function (text) {
        var problem = importDraft(text, f.name);
        focusAfter = ["#draft-name"];
        render();
        app.message.textContent = problem || "已导入“" + current().name + "”";
        announce(app.message.textContent);
      });
    });
    bar.appendChild(file);
    bar.appendChild(fileLabel);
    return bar;
  }

  function toolbarPieces() {
    var bar = el("div", "draft-tools");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "编排");
    var level = el("select", "draft-tools__level");
    level.id = "draft-level";
    level.setAttribute("aria-label", "标题级别");
    [2, 3, 4, 5].forEach(function (l) {
      var o = el("option", null, LEVEL_NAMES[l]);
      o.value = String(l);
      level.appendChild(o);
    });
    var text = el("input", "draft-tools__heading");
    text.id = "draft-heading";
    text.placeholder = "标题文字，如：提高政治站位";
    text.setAttribute("aria-label", "标题文字（编号自动加）");
    var insertHeading = function () {
      var t = text.value.trim();
      if (!t) { text.focus(); announce("请先写标题文字"); return; }
      var piece = makePiece("heading", t, { level: Number(level.value), role: "自加标题", original: null });
      piece.level = Number(level.value);
      insertAfterSelected(piece, "已插入" + LEVEL_NAMES[piece.level]);
      text.value = "";
    };
    text.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); insertHeading(); } });
    bar.appendChild(level);
    bar.appendChild(text);
    bar.appendChild(button("插入标题", "draft-tools__insert", insertHeading));
    bar.appendChild(button("插入段落", "draft-tools__para", function () {
      var piece = makePiece("para", "", { role: "自写段落", original: null });
      insertAfterSelected(piece, "已插入空段落");
      editing = piece.id;
      focusAfter = [piece.id, "edit"];
      render();
    }));
    var undoBtn = button("撤销", "draft-tools__undo", function () { if (undo()) { render(); } else announce("没有可撤销的改动"); }, "撤销上一步（Ctrl+Z）");
    undoBtn.disabled = !undoStack.length;
    bar.appendChild(undoBtn);
    return bar;
  }

  function insertAfterSelected(piece, message) {
    var at = selected ? indexOf(selected) : -1;
    mutate(function (d) {
      if (at >= 0) d.pieces.splice(at + 1, 0, piece);
      else d.pieces.push(piece);
    }, message + "（第 " + (at >= 0 ? at + 2 : current().pieces.length + 1) + " 段）");
    selected = piece.id;
    focusAfter = [piece.id, "handle"];
    render();
  }

  function outputs() {
    var bar = el("div", "draft-out");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "带走");
    var copyBtn = button("复制全文", "draft-out__copy md-button md-button--primary", function () { copyAll(copyBtn); });
    bar.appendChild(copyBtn);
    var wordBtn = button("下载 Word 文件", "draft-out__word md-button", function () { word(); });
    if (!window.SpeechDocx) wordBtn.title = "Word 文件功能尚未载入";
    bar.appendChild(wordBtn);
    if (window.SpeechCheck && window.SpeechCheck.open) {
      bar.appendChild(button("核对", "draft-out__check md-button", function () {
        window.SpeechCheck.open(blocks().map(function (b) { return b.text; }).join("\n"));
      }, "核对全文的提法"));
    }
    return bar;
  }

  function render() {
    if (!app) return;
    var d = current();
    updateCounter();
    app.drafts.replaceChildren(toolbarDrafts());
    app.tools.replaceChildren(toolbarPieces());
    app.out.replaceChildren(outputs());
    if (document.activeElement !== app.title) app.title.value = d.title;
    renderList();
    renderSlots();
    renderPreview();
    var target = focusAfter;
    focusAfter = null;
    if (target) {
      var node = target[0].charAt(0) === "#" ? document.querySelector(target[0])
        : app.list.querySelector('li[data-piece="' + target[0] + '"] [data-control="' + target[1] + '"]') ||
          app.list.querySelector('li[data-piece="' + target[0] + '"] [data-control="handle"]');
      if (node) node.focus();
    }
  }

  function tab(label, panel, tabs) {
    var b = el("button", "draft-tab", label);
    b.type = "button";
    b.setAttribute("role", "tab");
    b.setAttribute("aria-controls", panel.id);
    b.addEventListener("click", function () {
      tabs.querySelectorAll("[role=tab]").forEach(function (t) {
        var on = t === b;
        t.setAttribute("aria-selected", on ? "true" : "false");
        document.getElementById(t.getAttribute("aria-controls")).classList.toggle("draft-pane--shown", on);
      });
    });
    return b;
  }

  function mount(root) {
    root.replaceChildren();
    var intro = el("p", "draft-intro", "在范文、模板、检索结果和表述页上点“＋组稿”，段落连同出处收进当前稿件；在这里排序、改写、加标题，空白只填一次，右侧即是 A4 排版。稿件只保存在本机浏览器里。");
    root.appendChild(intro);
    var drafts = el("div", "draft-drafts");
    root.appendChild(drafts);
    var message = el("p", "draft-message");
    message.setAttribute("role", "status");
    root.appendChild(message);

    var tabs = el("div", "draft-tabs");
    tabs.setAttribute("role", "tablist");
    tabs.setAttribute("aria-label", "组稿视图");
    var grid = el("div", "draft-grid");
    var left = el("section", "draft-pane draft-pane--pieces draft-pane--shown");
    left.id = "draft-pane-pieces";
    left.setAttribute("aria-label", "段落");
    var right = el("section", "draft-pane draft-pane--preview");
    right.id = "draft-pane-preview";
    right.setAttribute("aria-label", "A4 预览");
    var t1 = tab("段落", left, tabs), t2 = tab("A4 预览", right, tabs);
    t1.setAttribute("aria-selected", "true");
    t2.setAttribute("aria-selected", "false");
    tabs.appendChild(t1);
    tabs.appendChild(t2);
    root.appendChild(tabs);

    var titleLabel = el("label", "draft-title", "标题");
    var title = el("input", "draft-title__input");
    title.id = "draft-title";
    title.placeholder = "文稿标题，如：［会议名称］主持词";
    titleLabel.htmlFor = title.id;
    title.addEventListener("change", function () {
      if (title.value === current().title) return;
      mutate(function (d) { d.title = title.value.trim(); }, "已改标题");
      renderSlots();
      renderPreview();
    });
    var titleRow = el("div", "draft-titlerow");
    titleRow.appendChild(titleLabel);
    titleRow.appendChild(title);
    left.appendChild(titleRow);
    var tools = el("div", "draft-toolsbox");
    left.appendChild(tools);
    var agenda = el("div", "draft-agenda-mount");
    left.appendChild(agenda);
    var empty = el("p", "draft-empty", "当前稿件还没有段落。到模板、范文或检索结果页点“＋组稿”加入段落，或用上面的“从议程生成主持词”。");
    left.appendChild(empty);
    var list = el("ol", "draft-list");
    list.setAttribute("aria-label", "稿件段落（在段落的⠿按钮上按上下方向键移动）");
    list.addEventListener("focusin", function (event) {
      var li = event.target.closest && event.target.closest("li.dp");
      if (li) selected = li.getAttribute("data-piece");
    });
    dragSetup(list);
    left.appendChild(list);
    var slotsBox = el("section", "draft-slots");
    slotsBox.setAttribute("aria-labelledby", "draft-slots-title");
    var slotsTitle = el("h2", "draft-slots__title", "填写空白");
    slotsTitle.id = "draft-slots-title";
    var slotCount = el("span", "draft-slots__count");
    slotsTitle.appendChild(slotCount);
    slotsBox.appendChild(slotsTitle);
    slotsBox.appendChild(el("p", "draft-slots__intro", "本稿用到的每个空白只列一次，填一次全稿替换；填写的内容属于当前稿件，切换稿件时随之切换，模板页的“填写空白”面板显示的也是当前稿件的内容。"));
    var slotRows = el("div", "draft-slots__rows");
    slotsBox.appendChild(slotRows);
    left.appendChild(slotsBox);

    var out = el("div", "draft-outbox");
    right.appendChild(out);
    var previewHead = el("div", "draft-preview__head");
    var status = el("p", "draft-status");
    status.setAttribute("aria-live", "polite");
    previewHead.appendChild(status);
    var exLabel = el("label", "draft-example");
    var ex = el("input");
    ex.type = "checkbox";
    ex.addEventListener("change", renderPreview);
    exLabel.appendChild(ex);
    exLabel.appendChild(document.createTextNode("示例稿（未填空白用示例）"));
    previewHead.appendChild(exLabel);
    right.appendChild(previewHead);
    var preview = el("div", "draft-preview");
    preview.setAttribute("aria-label", "A4 预览，每页 22 行、每行 28 字");
    right.appendChild(preview);
    grid.appendChild(left);
    grid.appendChild(right);
    root.appendChild(grid);

    app = {
      root: root, drafts: drafts, tools: tools, list: list, empty: empty, slots: slotRows, slotCount: slotCount,
      preview: preview, status: status, out: out, title: title, message: message, example: ex, agenda: agenda
    };
    render();
    document.dispatchEvent(new CustomEvent("draft:mounted", { detail: { mount: agenda } }));
    S.loadData("draft/slots.js", "draft-slots").then(function (data) {
      if (!data || !app) return;
      catalog = {};
      data.slots.forEach(function (s) { catalog[s.name] = { help: s.help, example: s.example }; });
      renderSlots();
    });
  }

  document.addEventListener("keydown", function (event) {
    if (!app || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z" || event.shiftKey) return;
    var t = event.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    event.preventDefault();
    if (undo()) render();
  });

  /* Another tab changed the drafts or the values: follow. */
  window.addEventListener("storage", function (event) {
    if (event.key !== STORE && event.key !== SLOTS_KEY && event.key !== null) return;
    if (event.key !== SLOTS_KEY) load();
    updateCounter();
    if (app && !editing) render();
  });

  function onPage() {
    load();
    updateCounter();
    var root = document.querySelector("[data-draft-app]");
    if (root && document.body.contains(root)) {
      if (!app || app.root !== root) mount(root);
    } else {
      app = null;
    }
    addButtons();
    exampleSwitch();
    watch();
  }

  document.addEventListener("kwic:rows-added", addButtons);

  window.SpeechDraft = {
    current: current, add: function (pieces) { add(pieces); }, piece: makePiece, blocks: blocks,
    numbered: function () { return numbered(); }, values: values, setValues: setValues,
    mutate: mutate, newDraft: newDraft, render: render, undo: undo, paginate: paginate,
    chinese: chinese, announce: announce, state: function () { return state; },
    renderPreview: function () { if (app) renderPreview(); },
    move: function (from, to) { move(from, to); }
  };

  S.onPage(onPage);
})();
