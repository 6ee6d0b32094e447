/* 提法核对: check a draft against the library's rule set, in the browser, offline.

   The engine (first half) is speechlib.check.engine in JavaScript, finding for finding; the rule
   set is the build's check/rules.js (speechlib.check.rules.compile_rules), loaded with
   SpeechSite.loadData. tests/unit/check/test_parity.py runs both engines over the corpus and
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
    return matches(body, this.folded).filter(function (m) { return m[1] > m[0]; })
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
    return this.text.slice(s, e);
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
  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : location.href); // assets/js/check.js → site root
  var FROM_DISK = location.protocol === "file:";
  var RULES = "check/rules.js";
  var STORE = "speechlib.check.draft";
  window.SpeechCheckPage.init({
    engine: Engine, root: ROOT, fromDisk: FROM_DISK, rulesUrl: RULES, store: STORE
  });
})();
