/* 提法核对: check a draft against the library's rule set, in the browser, offline.

   The engine (first half) is speechlib.check.engine in JavaScript, finding for finding; the rule
   set is the build's check/rules.js (speechlib.check.rules.compile_rules), loaded with
   SpeechSite.loadData. tests/unit/check/test_check_parity.py runs both engines over the corpus and
   requires the same findings: change them together. The engine also runs under node
   (module.exports), for the tests and the benchmark.

   Page API (any page; a future 组稿 page's 核对 button uses it):
     SpeechCheck.check(text)  → Promise of the findings (see engine.py for their fields)
     SpeechCheck.open(text)   → opens the 提法核对 page with the text in it, and checks it
   The page itself (docs/check.md) has a mount point #speech-check that this script fills.
   Nothing leaves the browser; the draft is only ever shown with textContent. */
(function () {
  "use strict";

  /* --- engine ------------------------------------------------------------------------------------ */
  var WS = " \t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" +
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a";
  var SENTENCE_END = "。！？；\n";
  var CLAUSE_END = "，。；：！？\n";
  var CN = "一二三四五六七八九";
  var LEAD_RE = /^[ \t　#]+/;
  var MEMBER_STRIP_RE = /^[，。；：！？、 \t\n　“”]+/;

  function fold(text) {
    var out = [], index = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i), ch = text[i];
      if (code >= 0xFF01 && code <= 0xFF5E) ch = String.fromCharCode(code - 0xFEE0);
      else if (code === 0x3000) ch = " ";
      if (WS.indexOf(ch) >= 0) continue;
      if (ch >= "A" && ch <= "Z") ch = ch.toLowerCase();
      out.push(ch);
      index.push(i);
    }
    return { text: out.join(""), index: index };
  }

  function numeral(t) {
    if (/^[0-9]+$/.test(t)) return parseInt(t, 10);
    if (t === "两") return 2;
    if (t.length === 1 && CN.indexOf(t) >= 0) return CN.indexOf(t) + 1;
    var m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(t);
    if (m) return (m[1] ? CN.indexOf(m[1]) + 1 : 1) * 10 + (m[2] ? CN.indexOf(m[2]) + 1 : 0);
    return null;
  }

  function cnNumeral(n, count) {
    if (count && n === 2) return "两";
    if (n < 10) return CN[n - 1];
    var tens = Math.floor(n / 10), ones = n % 10;
    return (tens === 1 ? "" : CN[tens - 1]) + "十" + (ones ? CN[ones - 1] : "");
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return String(values[key]); });
  }

  function resolve(cands) {
    cands.sort(function (a, b) {
      return a[0] - b[0] || (a[0] - a[1]) - (b[0] - b[1]) || a[2] - b[2];
    });
    var kept = [], reach = -1;
    cands.forEach(function (c) { if (c[0] >= reach) { kept.push(c); reach = c[1]; } });
    return kept;
  }

  /* Every match of a regex (body text) in text: [start, end, value, whole match, end of the whole
     match]; start, end and value are group 1's where the regex has a group that took part. */
  function matches(body, text) {
    var re = new RegExp(body, "gd"), out = [], m;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === "") { re.lastIndex++; continue; }
      var end = m.index + m[0].length;
      if (m.length > 1 && m[1] !== undefined) out.push([m.indices[1][0], m.indices[1][1], m[1], m[0], end]);
      else out.push([m.index, end, m[0], m[0], end]);
    }
    return out;
  }

  function Draft(text, rules) {
    this.text = text;
    this.rules = rules;
    var f = fold(text);
    this.folded = f.text;
    this.index = f.index;
    this.ctx = rules.context;
  }

  Draft.prototype.literal = function (needle) {
    var folded = fold(needle).text, out = [];
    if (!folded) return out;
    var at = this.folded.indexOf(folded);
    while (at >= 0) {
      out.push([this.index[at], this.index[at + folded.length - 1] + 1]);
      at = this.folded.indexOf(folded, at + 1);
    }
    return out;
  };

  Draft.prototype.regexFolded = function (body) {
    var self = this;
    // The whole matches (restricted patterns group freely).
    return matches(body, this.folded).map(function (m) { return [m[4] - m[3].length, m[4]]; })
      .filter(function (m) { return m[1] > m[0]; })
      .map(function (m) { return [self.index[m[0]], self.index[m[1] - 1] + 1]; });
  };

  Draft.prototype.isHan = function (ch) {
    if (!ch) return false;
    var code = ch.charCodeAt(0), han = this.rules.han;
    for (var i = 0; i < han.length; i++) if (code >= han[i][0] && code <= han[i][1]) return true;
    return false;
  };

  function lastBefore(text, chars, start) {
    var best = -1;
    if (start <= 0) return -1;
    for (var i = 0; i < chars.length; i++) best = Math.max(best, text.lastIndexOf(chars[i], start - 1));
    return best;
  }

  Draft.prototype.sentence = function (start, end) {
    var s = lastBefore(this.text, SENTENCE_END, start) + 1, e = this.text.length;
    for (var i = 0; i < SENTENCE_END.length; i++) {
      var at = this.text.indexOf(SENTENCE_END[i], end);
      if (at >= 0 && at < e) e = at;
    }
    return this.text.slice(s, start) + "\n" + this.text.slice(end, e); // the match itself left out
  };

  Draft.prototype.history = function (start, end, lastYear) {
    var text = this.text;
    if (this.ctx.history_before.some(function (c) {
      return text.slice(Math.max(0, start - c.length), start) === c;
    })) return true;
    var sentence = this.sentence(start, end);
    if (this.ctx.history_sentence.some(function (c) { return sentence.indexOf(c) >= 0; })) return true;
    var re = /((?:19|20)[0-9]{2})年/g, m;
    while ((m = re.exec(sentence)) !== null) if (parseInt(m[1], 10) <= lastYear) return true;
    return false;
  };

  Draft.prototype.negated = function (start) {
    var clause = this.text.slice(lastBefore(this.text, CLAUSE_END, start) + 1, start);
    return this.ctx.negation.some(function (cue) { return clause.indexOf(cue) >= 0; });
  };

  Draft.prototype.finding = function (cls, rule, start, end, message, suggest, evidence) {
    var before = this.text.slice(0, start);
    return {
      cls: cls, rule: rule, start: start, end: end,
      line: before.split("\n").length, col: start - (before.lastIndexOf("\n") + 1) + 1,
      text: this.text.slice(start, end), message: message,
      suggest: (suggest || []).slice(), evidence: evidence || {}
    };
  };

  function dated(d) {
    var cands = [];
    d.rules.dated.forEach(function (m, i) {
      m.forms.forEach(function (form) {
        d.literal(form).forEach(function (s) { cands.push([s[0], s[1], i, [true, m]]); });
      });
      m.exempt.forEach(function (form) {
        d.literal(form).forEach(function (s) { cands.push([s[0], s[1], i, [false, m]]); });
      });
    });
    var out = [], msg = d.rules.messages.dated;
    resolve(cands).forEach(function (c) {
      var m = c[3][1];
      if (!c[3][0] || d.history(c[0], c[1], m.until)) return;
      var evidence = { kind: m.kind, from: m.from, until: m.until, years: m.years, reason: m.reason };
      var message = fmt(msg, { kind: m.kind, form: d.text.slice(c[0], c[1]), years: m.years, ended: m.ended });
      out.push(d.finding("dated", m.id, c[0], c[1], message, m.suggest, evidence));
    });
    return out;
  }

  function restricted(d) {
    var cands = [], order = 0;
    d.rules.restricted.forEach(function (r) {
      r.patterns.forEach(function (p) {
        var spans = p[0] === "l" ? d.literal(p[1]) : d.regexFolded(p[1]);
        var o = order++;
        spans.forEach(function (s) { cands.push([s[0], s[1], o, r]); });
      });
    });
    var out = [], msg = d.rules.messages.restricted;
    resolve(cands).forEach(function (c) {
      var r = c[3];
      if (d.negated(c[0]) || (r.history_ok && d.history(c[0], c[1], d.rules.year - 1))) return;
      var evidence = { kind: r.kind, reason: r.reason, rule: r.rule };
      var message = fmt(msg, { kind: r.kind, form: d.text.slice(c[0], c[1]), reason: r.reason });
      out.push(d.finding("restricted", r.id, c[0], c[1], message, r.suggest, evidence));
    });
    return out;
  }

  function slots(d) {
    var cands = [];
    d.rules.placeholders.forEach(function (p, i) {
      matches(p.regex, d.text).forEach(function (m) { if (m[1] > m[0]) cands.push([m[0], m[1], i, p]); });
    });
    var msg = d.rules.messages.slot;
    return resolve(cands).map(function (c) {
      return d.finding("slot", c[3].id, c[0], c[1], fmt(msg, { reason: c[3].reason, form: d.text.slice(c[0], c[1]) }));
    });
  }

  var EXAMPLE = { 2: "一、", 3: "（一）", 4: "1.", 5: "（1）" };

  function renumber(marker, value, level) {
    var m = /[0-9]+|[一二三四五六七八九十]+/.exec(marker);
    var fresh = level === 4 || level === 5 ? String(value) : cnNumeral(value);
    return marker.slice(0, m.index) + fresh + marker.slice(m.index + m[0].length);
  }

  function numbering(d) {
    var msgs = d.rules.messages;
    var levels = d.rules.numbering.levels.map(function (l) { return [l[0], new RegExp("^(?:" + l[1] + ")")]; });
    var last = {}, markerOf = {}, form4 = null, out = [], pos = 0;
    levels.forEach(function (l) { last[l[0]] = null; });
    function sepOf(marker) { var c = marker[marker.length - 1]; return c === "." || c === "．" ? "." : "、"; }
    d.text.split("\n").forEach(function (line) {
      var body = line.replace(LEAD_RE, ""), indent = line.length - body.length;
      for (var li = 0; li < levels.length; li++) {
        var level = levels[li][0], m = levels[li][1].exec(body);
        if (!m) continue;
        var marker = m[0];
        var value = numeral(marker.replace(/[^0-9一二三四五六七八九十]/g, ""));
        if (value === null) break;
        var s = pos + indent, e = s + marker.length;
        if (level > 2 && last[level] === null && last[level - 1] === null) {
          var parent = null;
          for (var k = 2; k < level - 1; k++) if (last[k] !== null) parent = k;
          if (parent !== null) {
            out.push(d.finding("numbering", "jump", s, e,
              fmt(msgs.jump, { parent: markerOf[parent], form: marker, missing: EXAMPLE[level - 1] })));
          }
        }
        var expected = (last[level] || 0) + 1;
        if (value > expected) {
          var want = renumber(marker, expected, level);
          out.push(d.finding("numbering", "gap", s, e, fmt(msgs.gap, { expected: want, form: marker }), [want]));
        } else if (value < expected) {
          out.push(d.finding("numbering", "repeat", s, e, fmt(msgs.repeat, { previous: markerOf[level], form: marker })));
        }
        if (level === 4) {
          if (form4 === null) form4 = marker;
          else if (sepOf(marker) !== sepOf(form4)) {
            out.push(d.finding("numbering", "mixed", s, e, fmt(msgs.mixed, { first: form4, form: marker }),
              [marker.slice(0, -1) + form4[form4.length - 1]]));
          }
        }
        last[level] = value;
        markerOf[level] = marker;
        Object.keys(last).forEach(function (key) { if (+key > level) last[key] = null; });
        break;
      }
      pos += line.length + 1;
    });
    return out;
  }

  function punct(d) {
    var p = d.rules.punct, msgs = d.rules.messages, text = d.text, out = [], quotes = 0, i;
    for (i = 0; i < text.length; i++) {
      var ch = text[i];
      if (ch === "\n") { quotes = 0; continue; }
      var full = Object.prototype.hasOwnProperty.call(p.halfwidth, ch) ? p.halfwidth[ch] : null;
      if (full === null) continue;
      var prev = i ? text[i - 1] : "", next = i + 1 < text.length ? text[i + 1] : "";
      if (ch === "\"") { full = quotes % 2 === 0 ? full[0] : full[full.length - 1]; quotes++; }
      var hit = ch === "." ? d.isHan(prev) && next !== "." : d.isHan(prev) || d.isHan(next);
      if (hit) out.push(d.finding("punct", "halfwidth", i, i + 1, fmt(msgs.halfwidth, { form: ch, full: full }), [full]));
    }
    i = 0;
    while (i + 1 < text.length) {
      var pair = text.slice(i, i + 2);
      if (p.stops.indexOf(pair[0]) >= 0 && p.stops.indexOf(pair[1]) >= 0 && p.allowed.indexOf(pair) < 0) {
        var suggest = pair[0] === pair[1] ? [pair[1]] : [pair[1], pair[0]];
        out.push(d.finding("punct", "clash", i, i + 2, fmt(msgs.clash, { form: pair }), suggest));
        i += 2;
      } else i += 1;
    }
    var openers = {}, closers = {}, stack = [];
    p.pairs.forEach(function (pr) { openers[pr[0]] = pr[1]; closers[pr[1]] = pr[0]; });
    function unclosed(item) {
      out.push(d.finding("punct", "unclosed", item[1], item[1] + 1,
        fmt(msgs.unclosed, { form: item[0], other: openers[item[0]] })));
    }
    var all = text + "\n";
    for (i = 0; i < all.length; i++) {
      var c = all[i];
      if (c === "\n") { stack.forEach(unclosed); stack = []; }
      else if (Object.prototype.hasOwnProperty.call(openers, c)) stack.push([c, i]);
      else if (Object.prototype.hasOwnProperty.call(closers, c)) {
        var opener = closers[c];
        if (stack.some(function (x) { return x[0] === opener; })) {
          while (stack[stack.length - 1][0] !== opener) unclosed(stack.pop());
          stack.pop();
        } else {
          out.push(d.finding("punct", "stray", i, i + 1, fmt(msgs.stray, { form: c, other: opener })));
        }
      }
    }
    return out;
  }

  function frames(d) {
    var fr = d.rules.frames, text = d.text, out = [];
    var members = fr.members.map(function (mt) { return [mt, matches(mt.regex, text)]; });
    var byId = {};
    members.forEach(function (x) { byId[x[0].id] = x[1]; });
    matches(fr.regex, text).forEach(function (m) {
      var s = m[0], e = m[4], n = numeral(m[2]);
      if (n === null || n < 2) return;
      var first = null;
      members.forEach(function (pair, order) {
        var found = pair[1];
        for (var i = 0; i < found.length; i++) {
          var x = found[i];
          if (x[0] < e) continue;
          if (x[0] >= e + fr.window) break;
          if (numeral(x[2]) === 1) {
            if (first === null || x[0] < first[1][0] || (x[0] === first[1][0] && order < first[0])) first = [order, x, pair[0]];
            break;
          }
        }
      });
      if (first === null) return;
      var x0 = first[1], mt = first[2], boundary = text.length + 1;
      mt.stop.forEach(function (sid) {
        byId[sid].forEach(function (y) { if (y[0] > x0[0] && y[0] < boundary) boundary = y[0]; });
      });
      var run = [x0], list = byId[mt.id];
      for (var j = 0; j < list.length; j++) {
        var y = list[j];
        if (y[0] <= x0[0] || y[0] >= boundary) continue;
        var v = numeral(y[2]);
        if (v === run.length + 1) run.push(y);
        else if (v === 1) break;
      }
      if (run.length >= 2 && run.length !== n) {
        var message = fmt(d.rules.messages.frame, {
          form: text.slice(s, e), count: cnNumeral(run.length, true),
          first: run[0][3].replace(MEMBER_STRIP_RE, ""), last: run[run.length - 1][3].replace(MEMBER_STRIP_RE, ""),
          n: m[2]
        });
        out.push(d.finding("frame", "count", s, e, message, [], { members: run.length, said: n }));
      }
    });
    return out;
  }

  function phrases(d) {
    var cands = [];
    d.rules.phrases.forEach(function (p, i) {
      p.forms.forEach(function (form) {
        d.literal(form).forEach(function (s) { cands.push([s[0], s[1], i, p]); });
      });
    });
    var msg = d.rules.messages.phrase;
    return resolve(cands).map(function (c) {
      var p = c[3];
      return d.finding("phrase", p.id, c[0], c[1], fmt(msg, { category: p.category, note: p.note }), [],
        { text: p.text, category: p.category, note: p.note, url: p.url });
    });
  }

  var CHECKS = { dated: dated, restricted: restricted, slot: slots, numbering: numbering,
    punct: punct, frame: frames, phrase: phrases };

  function check(text, rules) {
    text = text.replace(/\r\n?/g, "\n");
    var d = new Draft(text, rules), order = {}, findings = [];
    rules.classes.forEach(function (c, i) {
      order[c.id] = i;
      findings = findings.concat(CHECKS[c.id](d));
    });
    findings.sort(function (a, b) {
      return a.start - b.start || a.end - b.end || order[a.cls] - order[b.cls] ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
    });
    return findings;
  }

  var Engine = { check: check, fold: fold, numeral: numeral };
  if (typeof module === "object" && module.exports) { module.exports = Engine; return; }

  /* --- page -------------------------------------------------------------------------------------- */
  if (!window.SpeechSite) { window.SpeechCheck = { engine: Engine }; return; } // the engine alone (bench)
  var ROOT = window.SpeechSite.root;
  var FROM_DISK = location.protocol === "file:";
  var RULES_URL = "check/rules.js";
  var RULES_KEY = "check-rules";
  var STORE = "speechlib.check.draft"; // sessionStorage: a draft handed over by SpeechCheck.open
  var W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  function loadData(url, key) { return window.SpeechSite.loadData(url, key); } // core.js

  var rulesPromise = null;
  function rules() {
    if (!rulesPromise) {
      rulesPromise = loadData(RULES_URL, RULES_KEY).then(function (r) {
        if (!r) rulesPromise = null;
        return r;
      });
    }
    return rulesPromise;
  }

  function siteUrl(path) {
    // A build without folder URLs (make offline) names pages x.html instead of x/.
    var flat = FROM_DISK || /\.html$/.test(location.pathname);
    return new URL(flat ? path.replace(/\/$/, ".html") : path, ROOT).href;
  }

  var el = window.SpeechSite.el;

  function label(r, cls) {
    for (var i = 0; i < r.classes.length; i++) if (r.classes[i].id === cls) return r.classes[i].label;
    return cls;
  }

  function isFault(r, cls) {
    return r.classes.some(function (c) { return c.id === cls && c.fault; });
  }

  /* --- reading files ------------------------------------------------------------------------------ */
  function decodeText(buffer) {
    try { return new TextDecoder("utf-8", { fatal: true }).decode(buffer).replace(/^\ufeff/, ""); }
    catch (e) { return new TextDecoder("gb18030").decode(buffer); }
  }

  /* fflate through core.js's loader; a failed load rejects (the caller reports it). */
  function fflate() {
    return window.SpeechSite.zipLibrary().then(function (lib) {
      return lib || Promise.reject(new Error("fflate"));
    });
  }

  /* The text of a .docx: each w:p of word/document.xml a line; w:tab a tab, w:br and w:cr a line
     break (speechlib.check.cli.read_docx reads it the same way). */
  function docxText(buffer) {
    return fflate().then(function (lib) {
      var files = lib.unzipSync(new Uint8Array(buffer), {
        filter: function (f) { return f.name === "word/document.xml"; }
      });
      var xml = files["word/document.xml"];
      if (!xml) throw new Error("no word/document.xml");
      var doc = new DOMParser().parseFromString(lib.strFromU8(xml), "application/xml");
      if (doc.getElementsByTagName("parsererror").length) throw new Error("bad xml");
      var lines = [];
      Array.prototype.forEach.call(doc.getElementsByTagNameNS(W_NS, "p"), function (p) {
        var parts = [];
        (function walk(node) {
          Array.prototype.forEach.call(node.childNodes, function (child) {
            if (child.nodeType !== 1) return;
            if (child.namespaceURI === W_NS && child.localName === "t") parts.push(child.textContent);
            else if (child.namespaceURI === W_NS && child.localName === "tab") parts.push("\t");
            else if (child.namespaceURI === W_NS && (child.localName === "br" || child.localName === "cr")) parts.push("\n");
            else if (!(child.namespaceURI === W_NS && child.localName === "p")) walk(child);
          });
        })(p);
        lines.push(parts.join(""));
      });
      return lines.join("\n");
    });
  }

  function readFile(file) {
    var name = file.name.toLowerCase();
    if (/\.doc$/.test(name)) {
      return Promise.reject(new Error("老式 .doc 文件无法直接读取：请在 Word 或 WPS 中另存为 .docx 后再打开。"));
    }
    return file.arrayBuffer().then(function (buffer) {
      var head = new Uint8Array(buffer.slice(0, 4));
      var zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
      if (zip) {
        return docxText(buffer).catch(function () {
          throw new Error("“" + file.name + "”不是有效的 .docx 文件：请在 Word 或 WPS 中重新保存后再打开。");
        });
      }
      if (/\.docx$/.test(name)) throw new Error("“" + file.name + "”不是有效的 .docx 文件：请在 Word 或 WPS 中重新保存后再打开。");
      return decodeText(buffer);
    });
  }

  /* --- the page ------------------------------------------------------------------------------------- */
  function Checker(mount) {
    this.mount = mount;
    this.ignored = {};
    this.findings = [];
    this.checked = null; // the text the findings belong to
    this.composing = false;
    this.timer = null;
    this.build();
  }

  Checker.prototype.build = function () {
    var self = this;
    var form = el("div", "sc-input");
    var lab = el("label", "sc-label", "粘贴讲话稿、主持词，或把 .txt、.docx 文件拖到下面的框里：");
    lab.htmlFor = "sc-text";
    this.input = el("textarea", "sc-text");
    this.input.id = "sc-text";
    this.input.rows = 12;
    this.input.spellcheck = false;
    this.input.placeholder = "同志们：\n\n……";
    var tools = el("div", "sc-tools");
    this.runButton = el("button", "md-button md-button--primary sc-run", "核对");
    this.runButton.type = "button";
    var fileLabel = el("label", "md-button sc-file", "打开文件…");
    this.fileInput = el("input");
    this.fileInput.type = "file";
    this.fileInput.accept = ".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    fileLabel.appendChild(this.fileInput);
    this.clearButton = el("button", "md-button sc-clear", "清空");
    this.clearButton.type = "button";
    this.status = el("span", "sc-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    tools.append(this.runButton, fileLabel, this.clearButton, this.status);
    form.append(lab, this.input, tools);
    this.summary = el("div", "sc-summary");
    this.summary.hidden = true;
    var body = el("div", "sc-body");
    var markedBox = el("section", "sc-marked-box");
    markedBox.appendChild(el("h2", null, "标注稿"));
    this.marked = el("div", "sc-marked");
    markedBox.appendChild(this.marked);
    var listBox = el("section", "sc-list-box");
    listBox.appendChild(el("h2", null, "核对结果"));
    this.list = el("div", "sc-list");
    listBox.appendChild(this.list);
    body.append(markedBox, listBox);
    this.body = body;
    body.hidden = true;
    this.mount.replaceChildren(form, this.summary, body);
    this.mount.removeAttribute("hidden");

    this.runButton.addEventListener("click", function () { self.run(); });
    this.clearButton.addEventListener("click", function () {
      self.input.value = "";
      self.ignored = {};
      self.run();
      self.input.focus();
    });
    this.input.addEventListener("compositionstart", function () { self.composing = true; });
    this.input.addEventListener("compositionend", function () { self.composing = false; self.schedule(); });
    this.input.addEventListener("input", function (e) {
      if (e.isComposing || self.composing) return;
      if (e.inputType === "insertFromPaste" || e.inputType === "insertFromDrop") self.reveal = true;
      self.schedule();
    });
    this.fileInput.addEventListener("change", function () {
      if (self.fileInput.files[0]) self.open(self.fileInput.files[0]);
      self.fileInput.value = "";
    });
    this.mount.addEventListener("dragover", function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
        e.preventDefault();
        self.mount.classList.add("sc-drop");
      }
    });
    this.mount.addEventListener("dragleave", function () { self.mount.classList.remove("sc-drop"); });
    this.mount.addEventListener("drop", function (e) {
      self.mount.classList.remove("sc-drop");
      var file = e.dataTransfer && e.dataTransfer.files[0];
      if (!file) return;
      e.preventDefault();
      self.open(file);
    });
  };

  Checker.prototype.say = function (text) { this.status.textContent = text; };

  Checker.prototype.open = function (file) {
    var self = this;
    this.say("正在读取“" + file.name + "”…");
    return readFile(file).then(function (text) {
      self.input.value = text;
      self.ignored = {};
      self.reveal = true;
      return self.run().then(function () {
        self.say("已读入“" + file.name + "”，共 " + text.length + " 字。" + self.status.textContent);
      });
    }, function (error) {
      self.say(error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : "无法读取“" + file.name + "”：请改用 .txt 或 .docx 文件。");
    });
  };

  Checker.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(); }, 200);
  };

  Checker.prototype.run = function () {
    var self = this;
    clearTimeout(this.timer);
    var text = this.input.value;
    return rules().then(function (r) {
      if (!r) {
        self.say("核对规则（check/rules.js）载入失败：请从本站的“提法核对”页面打开，或重新构建站点。");
        return;
      }
      self.rules = r;
      var started = performance.now();
      self.findings = text.trim() ? Engine.check(text, r) : [];
      self.checked = text.replace(/\r\n?/g, "\n");
      self.ms = performance.now() - started;
      self.render();
    });
  };

  Checker.prototype.key = function (f) { return f.cls + "|" + f.rule + "|" + f.text; };

  Checker.prototype.visible = function () {
    var self = this;
    return this.findings.filter(function (f) { return !self.ignored[self.key(f)]; });
  };

  Checker.prototype.render = function () {
    var self = this, r = this.rules, shown = this.visible();
    this.mount.dataset.checked = String(this.findings.length);
    if (!this.checked || !this.checked.trim()) {
      this.summary.hidden = true;
      this.body.hidden = true;
      this.say("");
      return;
    }
    this.summary.hidden = false;
    this.body.hidden = false;
    var faults = shown.filter(function (f) { return isFault(r, f.cls); });
    var counts = {};
    shown.forEach(function (f) { counts[f.cls] = (counts[f.cls] || 0) + 1; });
    var parts = r.classes.filter(function (c) { return c.fault && counts[c.id]; })
      .map(function (c) { return c.label + " " + counts[c.id]; });
    var summary = faults.length ? "共 " + faults.length + " 处需要核对：" + parts.join("，") : "未发现需要核对的问题";
    if (counts.phrase) summary += "；识别固定表述 " + counts.phrase + " 处";
    var p = el("p", "sc-summary__text", summary + "。");
    var kids = [p];
    var nIgnored = Object.keys(this.ignored).length;
    if (nIgnored) {
      var restore = el("button", "md-button sc-restore", "恢复已忽略的 " + nIgnored + " 项");
      restore.type = "button";
      restore.addEventListener("click", function () { self.ignored = {}; self.render(); });
      kids.push(restore);
    }
    this.summary.replaceChildren.apply(this.summary, kids);
    this.say("已核对 " + this.checked.length + " 字。");
    this.renderMarked(shown);
    this.renderList(shown);
    if (this.reveal) { // a whole draft came in (paste, drop, file): show the results, not the box
      this.reveal = false;
      this.summary.scrollIntoView({ block: "start" });
    }
  };

  /* The draft as text nodes, with one <mark> per finding; where findings overlap, faults come first. */
  Checker.prototype.renderMarked = function (shown) {
    var self = this, r = this.rules, text = this.checked, order = {};
    r.classes.forEach(function (c, i) { order[c.id] = i; });
    var picked = [], taken = [];
    shown.map(function (f, i) { return [f, i]; })
      .sort(function (a, b) { return order[a[0].cls] - order[b[0].cls] || a[0].start - b[0].start; })
      .forEach(function (pair) {
        var f = pair[0];
        if (taken.some(function (t) { return f.start < t[1] && t[0] < f.end; })) return;
        taken.push([f.start, f.end]);
        picked.push(pair);
      });
    picked.sort(function (a, b) { return a[0].start - b[0].start; });
    var frag = document.createDocumentFragment(), pos = 0;
    picked.forEach(function (pair) {
      var f = pair[0];
      if (f.start > pos) frag.appendChild(document.createTextNode(text.slice(pos, f.start)));
      var mark = el("mark", "sc-mark sc-mark--" + f.cls, text.slice(f.start, f.end));
      mark.dataset.finding = String(pair[1]);
      mark.title = label(r, f.cls) + "：" + f.message;
      mark.tabIndex = 0;
      mark.addEventListener("click", function () { self.focusItem(pair[1]); });
      mark.addEventListener("keydown", function (e) { if (e.key === "Enter") self.focusItem(pair[1]); });
      frag.appendChild(mark);
      pos = f.end;
    });
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    this.marked.replaceChildren(frag);
  };

  Checker.prototype.focusItem = function (i) {
    var item = this.list.querySelector('[data-findings~="' + i + '"]');
    if (!item) return;
    var details = item.closest("details");
    if (details) details.open = true;
    item.scrollIntoView({ block: "center" });
    item.classList.remove("sc-flash");
    void item.offsetWidth;
    item.classList.add("sc-flash");
  };

  Checker.prototype.focusMark = function (i) {
    var mark = this.marked.querySelector('[data-finding="' + i + '"]');
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.classList.remove("sc-flash");
    void mark.offsetWidth;
    mark.classList.add("sc-flash");
  };

  Checker.prototype.renderList = function (shown) {
    var self = this, r = this.rules, index = new Map();
    this.findings.forEach(function (f, i) { index.set(f, i); });
    var out = [];
    r.classes.forEach(function (c) {
      var mine = shown.filter(function (f) { return f.cls === c.id; });
      if (!mine.length) return;
      // Slots are listed once each, with every place they occur.
      var groups = [];
      if (c.id === "slot") {
        var byText = {};
        mine.forEach(function (f) {
          if (!byText[f.text]) { byText[f.text] = []; groups.push(byText[f.text]); }
          byText[f.text].push(f);
        });
      } else mine.forEach(function (f) { groups.push([f]); });
      var ol = el("ol", "sc-items");
      groups.forEach(function (g) { ol.appendChild(self.item(g, index)); });
      var title = c.label + "（" + groups.length + "）";
      var box;
      if (c.fault) {
        box = el("section", "sc-group");
        box.appendChild(el("h3", null, title));
      } else {
        box = el("details", "sc-group");
        box.appendChild(el("summary", null, title + "：文库中的固定表述，点链接看范文里怎样用"));
      }
      box.dataset.cls = c.id;
      box.appendChild(ol);
      out.push(box);
    });
    if (!out.length) out.push(el("p", "sc-none", "没有发现需要核对的地方。"));
    this.list.replaceChildren.apply(this.list, out);
  };

  function where(g) {
    if (g.length === 1) return "第" + g[0].line + "行第" + g[0].col + "字";
    var lines = [];
    g.forEach(function (f) { if (lines.indexOf(f.line) < 0) lines.push(f.line); });
    return "第" + lines.join("、") + "行，共" + g.length + "处";
  }

  Checker.prototype.item = function (g, index) {
    var self = this, f = g[0], r = this.rules;
    var li = el("li", "sc-item sc-item--" + f.cls);
    li.dataset.findings = g.map(function (x) { return index.get(x); }).join(" ");
    li.dataset.cls = f.cls;
    var head = el("div", "sc-item__head");
    var at = el("button", "sc-where", where(g));
    at.type = "button";
    at.title = "在标注稿中显示";
    at.addEventListener("click", function () { self.focusMark(index.get(f)); });
    head.append(at, el("span", "sc-tag", label(r, f.cls)), el("span", "sc-found", f.text));
    li.appendChild(head);
    li.appendChild(el("p", "sc-msg", f.message));
    var ev = f.evidence || {};
    if (f.cls === "dated") {
      li.appendChild(el("p", "sc-evidence", "依据（data/dated_markers.yml）：" + ev.years + "。" + ev.reason));
    } else if (f.cls === "restricted") {
      li.appendChild(el("p", "sc-evidence", "依据：" + ev.rule));
    } else if (f.cls === "phrase" && ev.url) {
      var p = el("p", "sc-evidence");
      var a = el("a", null, "看“" + ev.text + "”在文库讲话中的用例");
      a.href = siteUrl(ev.url);
      p.appendChild(a);
      li.appendChild(p);
    }
    var actions = el("div", "sc-actions");
    f.suggest.forEach(function (s) {
      var b = el("button", "md-button sc-replace", "改为“" + s + "”");
      b.type = "button";
      b.addEventListener("click", function () { self.replace(f, s); });
      actions.appendChild(b);
    });
    if (isFault(r, f.cls)) {
      var ignore = el("button", "md-button sc-ignore", "忽略");
      ignore.type = "button";
      ignore.title = "不再标出这一处（同样的写法一并忽略）";
      ignore.addEventListener("click", function () {
        self.ignored[self.key(f)] = true;
        self.render();
      });
      actions.appendChild(ignore);
    }
    if (actions.childNodes.length) li.appendChild(actions);
    return li;
  };

  Checker.prototype.replace = function (f, s) {
    var value = this.input.value.replace(/\r\n?/g, "\n");
    if (value !== this.checked || value.slice(f.start, f.end) !== f.text) { this.run(); return; }
    this.input.value = value.slice(0, f.start) + s + value.slice(f.end);
    this.run();
  };

  Checker.prototype.load = function (text) {
    this.input.value = text;
    this.ignored = {};
    return this.run();
  };

  function mountOf() { return document.getElementById("speech-check"); }

  function init() {
    var mount = mountOf();
    if (!mount || mount.checker) return;
    mount.checker = new Checker(mount);
    var handed = null;
    try { handed = sessionStorage.getItem(STORE); sessionStorage.removeItem(STORE); } catch (e) { handed = null; }
    if (handed) mount.checker.load(handed);
    rules(); // start loading the rules before the first paste
  }

  window.SpeechCheck = {
    check: function (text) {
      return rules().then(function (r) {
        if (!r) throw new Error("核对规则（check/rules.js）载入失败");
        return Engine.check(text, r);
      });
    },
    open: function (text) {
      var mount = mountOf();
      if (mount && mount.checker) return mount.checker.load(text);
      try { sessionStorage.setItem(STORE, text); } catch (e) { /* private mode: open the page empty */ }
      location.href = siteUrl("check/");
      return Promise.resolve();
    },
    engine: Engine
  };

  window.SpeechSite.onPage(init);
})();
