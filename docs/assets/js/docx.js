/* The one Word writer of the site: every .docx a reader downloads is made here, in the browser.

   The build writes one shell .docx per site (speechlib/export/docx.py: page setup, styles, footers
   with page numbers, font table, empty body) as the data file assets/docx/shell.js, and the layout
   (the shell's style ids, the clipboard CSS, the run-in heading pattern) as assets/docx/layout.js.
   This module writes a list of blocks as the document body against those style ids, puts the title
   into the document properties and zips the parts with the vendored fflate (assets/vendor/fflate,
   loaded with the first file made on a page).
   No size, font or margin is set here: they are all in the shell's styles.

   Blocks: [{kind, level?, text}], kind one of
     "title"       the speech's title                       (style title)
     "meta"        a line under it: speaker, date            (style meta); one blank line follows
     "heading"     a heading line, level 2 一、 … 5 （1）    (style heading[level])
     "runin"       a paragraph that opens with a heading sentence up to its first 。 (run style
                   runin[level] on that sentence, the rest body text)
     "salutation"  同志们： flush left                      (style salutation)
     "body"        body text                                 (the Normal style)
   On a speech page the build decides each block's kind and level and writes them as data attributes
   (speechlib/page/blocks.py); blocksFromPage reads them (through SpeechCopy, the page's one reader).

   Text is written as text: XML-escaped (& < > " '), control characters removed (U+000B and the like
   make a .docx unopenable). Slots ［名称］ take the writer's value from opts.slotValues when it has
   one; an unfilled slot stays ［名称］ with the shell's slot mark (markSlots: false leaves it plain).

   window.SpeechDocx:
     blocksFromPage(root?)                          -> [{kind, level?, text}] (title and meta first)
     build(blocks, {title, slotValues?, markSlots?}) -> Promise<Blob> of a .docx
     download(blocks, {title, fileName?, slotValues?, markSlots?}) -> Promise<void>
     fileName(title)                                -> a safe file name ending in .docx
   The Word button of a speech page (.speech-tools__docx) downloads the page with the slot values
   the writer filled in (slots.js). */
(function () {
  "use strict";

  var LAYOUT = ["assets/docx/layout.js", "docx-layout"];
  var SHELL = ["assets/docx/shell.js", "docx-shell"];
  var MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  // XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; tabs and line breaks in a
  // value become spaces (a paragraph is one line of text here).
  var FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g;
  var BREAKS = /[\t\n\r\u2028\u2029]+/g;
  var FILE_FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]/g;  // speechlib.page.tools.word_file_name
  var ZIP_TIME = new Date(1980, 0, 1, 12, 0, 0);

  function clean(text) {
    return String(text === undefined || text === null ? "" : text)
      .replace(FORBIDDEN, function (all, before) { return before || ""; })
      .replace(BREAKS, " ");
  }

  function esc(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  }

  /* fflate, loaded with the first file (core.js; a page that never downloads does not fetch it). */
  function loadZip() { return window.SpeechSite.zipLibrary(); }

  function loadLayout() { return window.SpeechSite.loadData(LAYOUT[0], LAYOUT[1]); }
  function loadShell() { return window.SpeechSite.loadData(SHELL[0], SHELL[1]); }

  var shellBytes = null;  // the decoded shell, once per page life
  function shellFiles(data, fflate) {
    if (!shellBytes) {
      var bin = atob(data.docx);
      shellBytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) shellBytes[i] = bin.charCodeAt(i);
    }
    return fflate.unzipSync(shellBytes);
  }

  /* ---- the body ---------------------------------------------------------------------------- */

  function slotPattern() { return new RegExp(window.SpeechSite.text.SLOT_RE.source, "g"); }

  /* Text as runs: filled slots become text, unfilled ones a run with the slot style. */
  function runs(text, runStyle, slotStyle, values, markSlots) {
    var out = "";
    var pos = 0;
    var re = slotPattern();
    var m;
    var pending = "";
    function flush() {
      if (pending) out += run(pending, runStyle);
      pending = "";
    }
    while ((m = re.exec(text))) {
      pending += text.slice(pos, m.index);
      var value = values && Object.prototype.hasOwnProperty.call(values, m[1]) ? clean(values[m[1]]).trim() : "";
      if (value) pending += value;
      else if (markSlots) { flush(); out += run(m[0], slotStyle); }
      else pending += m[0];
      pos = m.index + m[0].length;
    }
    pending += text.slice(pos);
    flush();
    return out;
  }

  function run(text, style) {
    if (!text) return "";
    return "<w:r>" + (style ? '<w:rPr><w:rStyle w:val="' + esc(style) + '"/></w:rPr>' : "") +
      '<w:t xml:space="preserve">' + esc(text) + "</w:t></w:r>";
  }

  function paragraph(style, content) {
    return "<w:p>" + (style ? '<w:pPr><w:pStyle w:val="' + esc(style) + '"/></w:pPr>' : "") + content + "</w:p>";
  }

  function levelOf(block, table) {
    var level = String(Number(block.level) || 2);
    return table[level] ? level : "2";
  }

  function bodyXml(blocks, layout, opts) {
    var st = layout.styles;
    var values = opts.slotValues || null;
    var mark = opts.markSlots !== false;
    var runIn = new RegExp(layout.runIn);
    var out = [];
    var head = true;  // inside the title and the lines under it
    (blocks || []).forEach(function (block) {
      var kind = block && block.kind;
      var text = clean(block && block.text).trim();
      if (!text) return;
      if (head && kind !== "title" && kind !== "meta") {
        if (out.length) out.push("<w:p/>");  // one blank line under the title
        head = false;
      }
      if (kind === "title") out.push(paragraph(st.title, runs(text, null, st.slot, values, mark)));
      else if (kind === "meta") out.push(paragraph(st.meta, runs(text, null, st.slot, values, mark)));
      else if (kind === "heading") {
        out.push(paragraph(st.heading[levelOf(block, st.heading)], runs(text, null, st.slot, values, mark)));
      } else if (kind === "runin") {
        var level = levelOf(block, st.runin);
        var m = runIn.exec(text);
        var lead = m ? m[1] : "";
        out.push(paragraph(null,
          runs(lead, st.runin[level], st.runinSlot[level], values, mark) +
          runs(text.slice(lead.length), null, st.slot, values, mark)));
      } else if (kind === "salutation") out.push(paragraph(st.salutation, runs(text, null, st.slot, values, mark)));
      else out.push(paragraph(null, runs(text, null, st.slot, values, mark)));
    });
    return out.join("");
  }

  /* ---- the file ---------------------------------------------------------------------------- */

  function build(blocks, opts) {
    opts = opts || {};
    return Promise.all([loadLayout(), loadShell(), loadZip()]).then(function (data) {
      var layout = data[0];
      var shell = data[1];
      var fflate = data[2];
      if (!layout || !shell || !fflate) {
        throw new Error("无法载入 Word 排版文件（assets/docx/ 或 assets/vendor/fflate/），请刷新页面后重试");
      }
      var files = shellFiles(shell, fflate);
      var doc = fflate.strFromU8(files["word/document.xml"]);
      var at = doc.lastIndexOf("<w:sectPr");
      files["word/document.xml"] = fflate.strToU8(doc.slice(0, at) + bodyXml(blocks, layout, opts) + doc.slice(at));
      var title = clean(opts.title).trim();
      var core = fflate.strFromU8(files["docProps/core.xml"]);
      files["docProps/core.xml"] = fflate.strToU8(core.split(layout.titlePlaceholder).join(esc(title)));
      var zipped = fflate.zipSync(files, { level: 6, mtime: ZIP_TIME });
      return new Blob([zipped], { type: MIME });
    });
  }

  function fileName(title) {
    var name = clean(title).replace(FILE_FORBIDDEN, "＿").replace(/^[ .]+|[ .]+$/g, "") || "讲话";
    return (name.length > 80 ? name.slice(0, 80) : name) + ".docx";
  }

  function download(blocks, opts) {
    opts = opts || {};
    return build(blocks, opts).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = opts.fileName ? fileName(String(opts.fileName).replace(/\.docx$/i, "")) : fileName(opts.title);
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
    });
  }

  /* ---- the page ---------------------------------------------------------------------------- */

  function tools() { return document.querySelector(".speech-tools"); }

  /* The page's title and meta lines (from its tools bar), then its exported blocks. ``root``: an
     element or document holding a speech page (default: this page's article); its own tools bar
     gives the title when it has one. */
  function blocksFromPage(root) {
    var bar = root ? root.querySelector(".speech-tools") : tools();
    var out = [];
    if (bar) {
      out.push({ kind: "title", text: bar.getAttribute("data-doc-title") || bar.getAttribute("data-title") || "" });
      var meta = [];
      try { meta = JSON.parse(bar.getAttribute("data-doc-meta") || "[]"); } catch (e) { meta = []; }
      (Array.isArray(meta) ? meta : []).forEach(function (line) { out.push({ kind: "meta", text: String(line) }); });
    }
    return out.concat(window.SpeechCopy ? window.SpeechCopy.pageBlocks(root || null) : []);
  }

  /* The writer's stored slot values, checked: a broken store gives a message, not a failed download. */
  function storedValues() {
    var key = window.SpeechSlots ? window.SpeechSlots.key : "speechlib.slots.v1";
    var raw = null;
    try { raw = window.localStorage.getItem(key); } catch (e) { return { values: {}, problem: "" }; }
    if (!raw) return { values: {}, problem: "" };
    var data;
    try { data = JSON.parse(raw); } catch (e) { data = undefined; }
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      return { values: {}, problem: "本机保存的填写内容已损坏，无法读取；本次下载的文件保留［名称］空白标记。请在“填写空白”中点“清空全部填写内容”后重新填写。" };
    }
    var values = {};
    var bad = [];
    Object.keys(data).forEach(function (name) {
      if (typeof data[name] === "string" || typeof data[name] === "number") values[name] = String(data[name]);
      else bad.push(name);
    });
    return {
      values: values,
      problem: bad.length ? "本机保存的“" + bad.join("”“") + "”填写内容已损坏，文件中这些空白保留［名称］标记；请重新填写。" : ""
    };
  }

  function status(bar, text) {
    var el = bar && bar.querySelector(".speech-tools__status");
    if (el) el.textContent = text;
  }

  function initButton() {
    var bar = tools();
    var button = bar && bar.querySelector(".speech-tools__docx");
    if (!button || button._docx) return;
    button._docx = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      var template = bar.getAttribute("data-kind") === "template";
      var stored = template ? storedValues() : { values: {}, problem: "" };
      button.disabled = true;
      status(bar, "正在生成 Word 文件……");
      download(blocksFromPage(), {
        title: bar.getAttribute("data-doc-title") || bar.getAttribute("data-title") || "",
        fileName: bar.getAttribute("data-doc-file") || "",
        slotValues: stored.values,
        markSlots: template
      }).then(function () {
        status(bar, stored.problem || "已生成 Word 文件，请在浏览器的下载列表中查看。");
      }, function (error) {
        status(bar, "生成 Word 文件失败：" + (error && error.message ? error.message : "未知错误") + "。");
      }).then(function () { button.disabled = false; });
    });
  }

  window.SpeechDocx = {
    blocksFromPage: blocksFromPage,
    build: build,
    download: download,
    fileName: fileName,
    clean: clean
  };

  window.SpeechSite.onPage(initButton);
})();
