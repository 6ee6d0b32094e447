/* The Word file of a template, with the writer's slot values filled in, made in the browser.

   The build writes each slot of a template's .docx as a run of its own whose text is exactly
   ［名称］, highlighted (speechlib/docx_export.py). When the writer has filled slots of this page,
   a click on 下载 Word 文件 fetches that file, replaces the text of those runs in
   word/document.xml with the values (unhighlighted; unfilled slots keep ［名称］ and the
   highlight), stores the new document.xml uncompressed and copies every other member of the zip
   archive as it is. Nothing leaves the browser. Where the browser cannot inflate (no
   DecompressionStream), or anything fails, the link downloads the file as built and the note
   under the link says that the file keeps the ［名称］ marks. Values are written with
   textContent into an XML DOM: they stay text. */
(function () {
  "use strict";

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var SUPPORTED = typeof window.DecompressionStream === "function" && typeof window.TextEncoder === "function" &&
    typeof window.fetch === "function" && typeof window.DOMParser === "function";

  /* ---- zip ------------------------------------------------------------------------------- */

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  /* The members of a zip archive (central directory order): name, method, crc, sizes, raw data. */
  function readZip(buffer) {
    var view = new DataView(buffer);
    var eocd = -1;
    for (var i = buffer.byteLength - 22; i >= Math.max(0, buffer.byteLength - 65557); i--) {
      if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new Error("not a zip archive");
    var count = view.getUint16(eocd + 10, true);
    var pos = view.getUint32(eocd + 16, true);
    var decoder = new TextDecoder();
    var entries = [];
    for (var e = 0; e < count; e++) {
      if (view.getUint32(pos, true) !== 0x02014b50) throw new Error("bad central directory");
      var nameLen = view.getUint16(pos + 28, true);
      var extraLen = view.getUint16(pos + 30, true);
      var commentLen = view.getUint16(pos + 32, true);
      var local = view.getUint32(pos + 42, true);
      var entry = {
        flags: view.getUint16(pos + 8, true) & ~0x0008,
        method: view.getUint16(pos + 10, true),
        time: view.getUint16(pos + 12, true),
        date: view.getUint16(pos + 14, true),
        crc: view.getUint32(pos + 16, true),
        compressed: view.getUint32(pos + 20, true),
        size: view.getUint32(pos + 24, true),
        nameBytes: new Uint8Array(buffer, pos + 46, nameLen)
      };
      entry.name = decoder.decode(entry.nameBytes);
      var dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      entry.data = new Uint8Array(buffer, dataStart, entry.compressed);
      entries.push(entry);
      pos += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  }

  function writeZip(entries) {
    var parts = [];
    var central = [];
    var offset = 0;
    entries.forEach(function (e) {
      var head = new DataView(new ArrayBuffer(30));
      head.setUint32(0, 0x04034b50, true);
      head.setUint16(4, 20, true);
      head.setUint16(6, e.flags, true);
      head.setUint16(8, e.method, true);
      head.setUint16(10, e.time, true);
      head.setUint16(12, e.date, true);
      head.setUint32(14, e.crc, true);
      head.setUint32(18, e.data.length, true);
      head.setUint32(22, e.size, true);
      head.setUint16(26, e.nameBytes.length, true);
      head.setUint16(28, 0, true);
      parts.push(head.buffer, e.nameBytes, e.data);
      var dir = new DataView(new ArrayBuffer(46));
      dir.setUint32(0, 0x02014b50, true);
      dir.setUint16(4, 20, true);
      dir.setUint16(6, 20, true);
      dir.setUint16(8, e.flags, true);
      dir.setUint16(10, e.method, true);
      dir.setUint16(12, e.time, true);
      dir.setUint16(14, e.date, true);
      dir.setUint32(16, e.crc, true);
      dir.setUint32(20, e.data.length, true);
      dir.setUint32(24, e.size, true);
      dir.setUint16(28, e.nameBytes.length, true);
      dir.setUint32(42, offset, true);
      central.push(dir.buffer, e.nameBytes);
      offset += 30 + e.nameBytes.length + e.data.length;
    });
    var size = central.reduce(function (n, b) { return n + b.byteLength; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, entries.length, true);
    end.setUint16(10, entries.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [end.buffer]),
      { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  function inflate(entry) {
    if (entry.method === 0) return Promise.resolve(entry.data);
    var stream = new Blob([entry.data]).stream().pipeThrough(new window.DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /* ---- the document ------------------------------------------------------------------------ */

  /* Fill the slot runs of word/document.xml; returns the new XML text and how many were filled. */
  function fillXml(xmlText, values) {
    var doc = new DOMParser().parseFromString(xmlText, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("document.xml does not parse");
    var filled = 0;
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(W, "t"), function (t) {
      var m = /^［([^［］\s]{1,20})］$/.exec(t.textContent);
      if (!m || !values[m[1]]) return;
      t.textContent = values[m[1]];
      t.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:space", "preserve");
      var run = t.parentNode;
      var props = run && run.getElementsByTagNameNS(W, "rPr")[0];
      var mark = props && props.getElementsByTagNameNS(W, "highlight")[0];
      if (mark) props.removeChild(mark);
      filled += 1;
    });
    return { xml: new XMLSerializer().serializeToString(doc), filled: filled };
  }

  function filledDocx(url, values) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.arrayBuffer();
    }).then(function (buffer) {
      var entries = readZip(buffer);
      var main = entries.filter(function (e) { return e.name === "word/document.xml"; })[0];
      if (!main) throw new Error("no word/document.xml");
      return inflate(main).then(function (bytes) {
        var result = fillXml(new TextDecoder().decode(bytes), values);
        var data = new TextEncoder().encode(result.xml);
        main.method = 0;
        main.data = data;
        main.size = data.length;
        main.crc = crc32(data);
        return writeZip(entries);
      });
    });
  }

  function pageValues() {
    var all = window.SpeechSlots ? window.SpeechSlots.values() : {};
    var out = {};
    var any = false;
    document.querySelectorAll("article span.slot[data-slot]").forEach(function (span) {
      var name = span.getAttribute("data-slot");
      if (all[name]) { out[name] = all[name]; any = true; }
    });
    return any ? out : null;
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  function init() {
    var link = document.querySelector(".speech-tools[data-kind='template'] .speech-tools__docx");
    if (!link || link._fill) return;
    link._fill = true;
    var note = document.querySelector(".speech-tools__note");
    if (SUPPORTED && note) note.textContent = "下载的 Word 文件会填入这里填写的内容；未填的空白保留方括号标记。";
    if (!SUPPORTED) return;
    link.addEventListener("click", function (event) {
      var values = pageValues();
      if (!values) return; // nothing filled: the file as built
      event.preventDefault();
      filledDocx(link.href, values).then(function (blob) {
        save(blob, link.getAttribute("download") || "讲话.docx");
      }).catch(function () {
        if (note) note.textContent = "无法在浏览器中填入内容，已下载原文件：其中的填空项请在 Word 中替换。";
        window.location.href = link.href;
      });
    });
  }

  window.SpeechDocx = { supported: SUPPORTED, fillXml: fillXml, crc32: crc32 };

  window.SpeechSite.onPage(init);  // site.js, loaded first
})();
