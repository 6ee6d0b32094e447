/* Paragraph search: the header box with its dropdown, and the results page (search/?q=…).
 *
 * The index is made by the build (format: hooks/speechlib/search/index.py); the query rules are those
 * of hooks/speechlib/search/query.py, which the tests compare with this file. Parts are data files
 * loaded with SpeechSite.loadData (core.js), over HTTP and from file:// alike. Nothing leaves the site.
 *
 * Text from the index and from the query is only ever put into the page with textContent and
 * createElement, never as HTML.
 */
(function () {
  "use strict";

  var ROOT = window.SpeechSite.root; // core.js, loaded first
  var PARTS = new URL("search/parts/", ROOT);
  var FROM_DISK = location.protocol === "file:";
  var GAP = 12;
  var PAGE_SIZE = 20;
  var DROP_SIZE = 6;

  // --- normalization: speechlib.text.normalize ----------------------------------------------------

  // Python's str.isspace(), exactly (JavaScript's \s differs: it has U+FEFF, lacks U+001C–001F, U+0085).
  var SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  var SPACE_CLASS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

  function foldChar(ch, foldCase) {
    var code = ch.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) return " ";
    return foldCase && ch >= "A" && ch <= "Z" ? ch.toLowerCase() : ch;
  }

  /* Normalized characters (one string per code point) and, for each, its UTF-16 start and end in text. */
  function normalizeWithMap(text) {
    var chars = [], starts = [], ends = [], i = 0;
    for (var ch of text) {
      var folded = foldChar(ch, true);
      if (!SPACE.test(folded)) {
        chars.push(folded);
        starts.push(i);
        ends.push(i + ch.length);
      }
      i += ch.length;
    }
    return { chars: chars, starts: starts, ends: ends };
  }

  function normalize(text) {
    return normalizeWithMap(text).chars.join("");
  }

  // --- query syntax: speechlib.search_query.parse ---------------------------------------------------

  var TOKEN = new RegExp('-?"[^"]*"?|[^' + SPACE_CLASS + "]+", "g");
  var GAP_MARK = /…+|\*+|\.{3,}/;

  function parse(query) {
    var folded = "";
    for (var ch of query) folded += foldChar((t2s && t2s.get(ch)) || ch, false);
    var include = [], exclude = [], seen = {};
    (folded.match(TOKEN) || []).forEach(function (token) {
      var negative = token.charAt(0) === "-" && token.length > 1;
      if (negative) token = token.slice(1);
      if (token.charAt(0) === '"') {
        token = token.length > 1 && token.charAt(token.length - 1) === '"' ? token.slice(1, -1) : token.slice(1);
      }
      var parts = token.split(GAP_MARK).map(normalize).filter(Boolean);
      if (!parts.length) return;
      var key = (negative ? "-" : "+") + JSON.stringify(parts);
      if (seen[key]) return;
      seen[key] = true;
      (negative ? exclude : include).push(parts);
    });
    return { include: include, exclude: exclude };
  }

  // --- the reference semantics on one text, used for highlighting ----------------------------------

  function occurrences(chars, needle) {
    var n = Array.from(needle), out = [];
    outer: for (var i = 0; i + n.length <= chars.length; i++) {
      for (var k = 0; k < n.length; k++) if (chars[i + k] !== n[k]) continue outer;
      out.push(i);
    }
    return out;
  }

  function len(s) {
    return Array.from(s).length;
  }

  /* Spans [start, end) of every part occurrence that belongs to a complete chain (see gap_spans). */
  function gapSpans(starts, parts) {
    var reach = [starts[0]];
    for (var k = 1; k < parts.length; k++) {
      var prev = reach[k - 1], l = len(parts[k - 1]);
      reach.push(starts[k].filter(function (s) {
        return prev.some(function (p) { return p + l <= s && s <= p + l + GAP; });
      }));
    }
    if (!reach[parts.length - 1].length) return [];
    var keep = new Array(parts.length);
    keep[parts.length - 1] = reach[parts.length - 1];
    for (k = parts.length - 1; k > 0; k--) {
      var next = keep[k], lk = len(parts[k - 1]);
      keep[k - 1] = reach[k - 1].filter(function (s) {
        return next.some(function (t) { return s + lk <= t && t <= s + lk + GAP; });
      });
    }
    var spans = [];
    keep.forEach(function (list, k) {
      list.forEach(function (s) { spans.push([s, s + len(parts[k])]); });
    });
    return spans;
  }

  function termSpans(chars, term) {
    if (term.length === 1) {
      var l = len(term[0]);
      return occurrences(chars, term[0]).map(function (s) { return [s, s + l]; });
    }
    return gapSpans(term.map(function (p) { return occurrences(chars, p); }), term);
  }

  // --- loading index parts --------------------------------------------------------------------------

  var meta = null;
  var metaPromise = null;
  var stats = { requests: 0 }; // read by the tests
  var requested = new Set();

  /* One index part through core.js's loader; `?v=` names the build, so a new index is never mixed
     with parts of the old one held in a cache. */
  function loadPart(name) {
    var url = new URL(name + ".js", PARTS);
    if (meta) url.search = "v=" + meta.id;
    if (!requested.has(url.href)) { requested.add(url.href); stats.requests++; }
    return window.SpeechSite.loadData(url.href, name, name === "meta" ? { cache: "no-cache" } : {});
  }

  /* Traditional → simplified, character by character (speechlib.search.t2s, OpenCC's t2s): loaded
     with the first query; until then, and if it cannot be loaded, queries are taken as typed. */
  var t2s = null;
  var t2sPromise = null;
  function loadT2s() {
    if (!t2sPromise) {
      t2sPromise = loadMeta().then(function () { return loadPart("t2s"); }).then(function (d) {
        var from = Array.from(d.from), to = Array.from(d.to), map = new Map();
        from.forEach(function (ch, i) { map.set(ch, to[i]); });
        t2s = map;
      }).catch(function () { t2s = new Map(); });
    }
    return t2sPromise;
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = loadPart("meta").then(function (m) {
        if (!m) throw new Error("no index");
        meta = m;
        // Facet tuple of each paragraph number, as run boundaries.
        var bounds = [], tuples = [], at = 0, runs = readVarints(fromBase64(m.runs));
        for (var i = 0; i < runs.length; i += 2) {
          at += runs[i];
          bounds.push(at);
          tuples.push(runs[i + 1]);
        }
        m.bounds = bounds;
        m.runTuples = tuples;
        return m;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  // --- decoding lists ---------------------------------------------------------------------------------

  function fnv1a(key) {
    var h = 0x811c9dc5;
    for (var ch of key) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function fromBase64(s) {
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function readVarints(bytes, start) {
    var out = [], n = 0, shift = 0;
    for (var i = start || 0; i < bytes.length; i++) {
      var b = bytes[i];
      n += (b & 0x7f) * Math.pow(2, shift);
      if (b & 0x80) shift += 7;
      else { out.push(n); n = 0; shift = 0; }
    }
    return out;
  }

  function decodePresence(bytes) {
    var out = [];
    if (!bytes.length) return out;
    if (bytes[0] === 1) {
      for (var i = 1; i < bytes.length; i++) {
        var byte = bytes[i];
        if (byte) for (var b = 0; b < 8; b++) if (byte >> b & 1) out.push((i - 1) * 8 + b);
      }
      return out;
    }
    var values = readVarints(bytes, 1), pid = 0;
    for (var k = 0; k < values.length; k++) {
      pid = k === 0 ? values[0] : pid + values[k];
      out.push(pid);
    }
    return out;
  }

  /* The shard entry of key: a base64 list, "@name" of a file of its own, or null. */
  function entry(family, key) {
    return loadMeta().then(function (m) {
      if (!m.shards[family]) return null;
      return loadPart(family + "/" + (fnv1a(key) % m.shards[family]));
    }).then(function (shard) {
      var value = shard && shard[key];
      return value == null ? null : value;
    });
  }

  function list(family, key) {
    return entry(family, key).then(function (value) {
      if (value == null) return null;
      if (value.charAt(0) === "@") return loadPart(value.slice(1)).then(function (v) { return v ? fromBase64(v) : null; });
      return fromBase64(value);
    });
  }

  var presenceCache = new Map();
  function presence(gram) {
    if (!presenceCache.has(gram)) {
      presenceCache.set(gram, list("g", gram).then(function (bytes) { return bytes ? decodePresence(bytes) : []; }));
    }
    return presenceCache.get(gram);
  }

  function lowerBound(arr, x) {
    var lo = 0, hi = arr.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (arr[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  function subtract(a, b) {
    var out = [], j = 0;
    for (var i = 0; i < a.length; i++) {
      while (j < b.length && b[j] < a[i]) j++;
      if (j >= b.length || b[j] !== a[i]) out.push(a[i]);
    }
    return out;
  }

  /* Read positions (speechlib.search_index.decode_positions) for the paragraphs `present[from..to)`. */
  function decodePositions(bytes, present, from, to, into) {
    var values = readVarints(bytes), i = 0;
    for (var k = from; k < to; k++) {
      var pos = [], acc = 0, v;
      do {
        v = values[i++];
        acc = pos.length ? acc + Math.floor(v / 2) : Math.floor(v / 2);
        pos.push(acc);
      } while (v & 1);
      into.set(present[k], pos);
    }
  }

  /* Positions of gram in each paragraph of pids (all contain it): Map pid → [positions]. */
  function positions(gram, pids) {
    return Promise.all([loadMeta(), presence(gram), entry("p", gram)]).then(function (r) {
      var size = r[0].block, present = r[1], value = r[2], found = new Map();
      if (value == null) return found;
      var done;
      if (value.charAt(0) === "=") { // a file of its own
        done = loadPart(value.slice(1)).then(function (data) {
          if (data) decodePositions(fromBase64(data), present, 0, present.length, found);
        });
      } else if (value.charAt(0) === "@") { // in blocks: read those that hold a wanted paragraph
        var blocks = [];
        pids.forEach(function (p) {
          var b = Math.floor(p / size);
          if (blocks[blocks.length - 1] !== b) blocks.push(b);
        });
        done = Promise.all(blocks.map(function (block) {
          return loadPart(value.slice(1) + "." + block).then(function (data) {
            if (!data) return;
            decodePositions(fromBase64(data), present, lowerBound(present, block * size), lowerBound(present, (block + 1) * size), found);
          });
        }));
      } else {
        decodePositions(fromBase64(value), present, 0, present.length, found);
        done = Promise.resolve();
      }
      return done.then(function () {
        var out = new Map();
        pids.forEach(function (p) { if (found.has(p)) out.set(p, found.get(p)); });
        return out;
      });
    });
  }

  /* The grams whose positions decide where s occurs (speechlib.search_query.cover). */
  function cover(s) {
    var c = Array.from(s);
    if (c.length <= 2) return [[s, 0]];
    var offsets = [];
    for (var o = 0; o < c.length - 1; o += 2) offsets.push(o);
    if (offsets[offsets.length - 1] !== c.length - 2) offsets.push(c.length - 2);
    return offsets.map(function (o) { return [c[o] + c[o + 1], o]; });
  }

  /* Where s starts in each paragraph of pids: Map pid → sorted starts (paragraphs without it left out). */
  function starts(s, pids) {
    var grams = cover(s);
    return Promise.all(grams.map(function (g) { return positions(g[0], pids); })).then(function (maps) {
      var found = null;
      maps.forEach(function (map, k) {
        var offset = grams[k][1], here = new Map();
        map.forEach(function (pos, pid) { here.set(pid, pos.map(function (p) { return p - offset; })); });
        if (found === null) { found = here; return; }
        var next = new Map();
        found.forEach(function (list, pid) {
          var other = here.get(pid);
          if (!other) return;
          var set = new Set(other), both = list.filter(function (x) { return set.has(x); });
          if (both.length) next.set(pid, both);
        });
        found = next;
      });
      return found || new Map();
    });
  }

  function candidates(s) {
    var grams = len(s) > 2 ? cover(s).map(function (g) { return g[0]; }) : [s];
    return Promise.all(grams.map(presence)).then(function (lists) {
      return lists.reduce(function (a, b) { return intersect(a, b); });
    });
  }

  /* The exact list of a glossary spelling or a frequent string of 3 to 8 characters
     (speechlib.search.index: PhraseLists, frequent_lists), or null. */
  function phrase(s) {
    if (len(s) < 3) return Promise.resolve(null);
    return list("n", s).then(function (bytes) { return bytes ? decodePresence(bytes) : null; });
  }

  function termIds(term, within) {
    if (term.length === 1 && len(term[0]) >= 3) {
      return phrase(term[0]).then(function (exact) {
        if (exact === null) return matchTerm(term, within);
        return within ? intersect(within, exact) : exact;
      });
    }
    return matchTerm(term, within);
  }

  function matchTerm(term, within) {
    return Promise.all(term.map(candidates)).then(function (lists) {
      var cands = lists.reduce(function (a, b) { return intersect(a, b); });
      if (within) cands = intersect(within, cands);
      if (!cands.length) return [];
      if (term.length === 1 && len(term[0]) <= 2) return cands;
      return Promise.all(term.map(function (p) { return starts(p, cands); })).then(function (maps) {
        if (term.length === 1) return cands.filter(function (pid) { return maps[0].has(pid); });
        return cands.filter(function (pid) {
          if (!maps.every(function (m) { return m.has(pid); })) return false;
          return gapSpans(maps.map(function (m) { return m.get(pid); }), term).length > 0;
        });
      });
    });
  }

  /* The ascending paragraph numbers matching a parsed query (speechlib.search_query.Reader.search). */
  function run(query) {
    if (!query.include.length) return Promise.resolve([]);
    var include = query.include.slice().sort(function (a, b) {
      return Math.max.apply(null, b.map(len)) - Math.max.apply(null, a.map(len));
    });
    var result = null;
    var chain = Promise.resolve();
    include.forEach(function (t) {
      chain = chain.then(function () {
        if (result && !result.length) return;
        return termIds(t, result).then(function (ids) { result = ids; });
      });
    });
    query.exclude.forEach(function (t) {
      chain = chain.then(function () {
        if (!result.length) return;
        return termIds(t, result).then(function (ids) { result = subtract(result, ids); });
      });
    });
    return chain.then(function () { return result || []; });
  }

  // --- facets -------------------------------------------------------------------------------------

  var DIMENSIONS = [["mt", "会议类型"], ["genre", "文种"], ["kind", "类别"], ["period", "时期"]];

  function tupleOf(m, ids) {
    var out = new Array(ids.length), r = 0;
    for (var i = 0; i < ids.length; i++) {
      while (m.bounds[r] <= ids[i]) r++;
      out[i] = m.tuples[m.runTuples[r]];
    }
    return out;
  }

  function facetCounts(m, tuples, filters) {
    return DIMENSIONS.map(function (dim, d) {
      var counts = m.facets[dim[0]].map(function () { return 0; });
      tuples.forEach(function (t) {
        for (var o = 0; o < DIMENSIONS.length; o++) if (o !== d && filters[o] !== null && t[o] !== filters[o]) return;
        counts[t[d]]++;
      });
      return counts;
    });
  }

  // --- text chunks ------------------------------------------------------------------------------------

  function paragraphs(ids) {
    return loadMeta().then(function (m) {
      var names = [];
      ids.forEach(function (id) {
        var name = "t/" + Math.floor(id / m.chunk);
        if (names.indexOf(name) < 0) names.push(name);
      });
      return Promise.all(names.map(loadPart)).then(function (chunks) {
        var byName = {};
        names.forEach(function (n, i) { byName[n] = chunks[i]; });
        return ids.map(function (id) {
          var chunk = byName["t/" + Math.floor(id / m.chunk)];
          var p = chunk.p[id % m.chunk], d = chunk.d[String(p[0])];
          return {
            id: id, anchor: p[1], heading: p[2], text: p[3], title: d[0], url: d[1],
            meetingType: m.facets.mt[d[2]], genre: m.facets.genre[d[3]], kind: m.facets.kind[d[4]], date: d[5],
          };
        });
      });
    });
  }

  function glossaryCard(query) {
    if (query.include.length !== 1 || query.exclude.length || query.include[0].length !== 1) return Promise.resolve(null);
    var key = query.include[0][0];
    return loadMeta().then(function (m) {
      return loadPart("gl/" + (fnv1a(key) % m.shards.gl));
    }).then(function (shard) { return (shard && shard[key]) || null; });
  }

  // --- rendering (text only) -------------------------------------------------------------------------

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function pageUrl(url, anchor) {
    return new URL(url, ROOT).href + (anchor ? "#" + anchor : "");
  }

  function resultsUrl(q) {
    var base = meta ? meta.results : (FROM_DISK ? "search/index.html" : "search/");
    var url = new URL(base, ROOT);
    if (q) url.search = "q=" + encodeURIComponent(q);
    return url.href;
  }

  /* Highlight spans (UTF-16 ranges of text) for the include terms. */
  function highlights(text, query) {
    var norm = normalizeWithMap(text), spans = [];
    query.include.forEach(function (term) {
      termSpans(norm.chars, term).forEach(function (s) {
        spans.push([norm.starts[s[0]], norm.ends[s[1] - 1]]);
      });
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  function markedText(node, text, spans, from, to) {
    from = from || 0;
    to = to == null ? text.length : to;
    var at = from;
    spans.forEach(function (s) {
      var a = Math.max(s[0], from), b = Math.min(s[1], to);
      if (a >= b) return;
      if (a > at) node.appendChild(document.createTextNode(text.slice(at, a)));
      node.appendChild(el("mark", null, text.slice(a, b)));
      at = b;
    });
    if (at < to) node.appendChild(document.createTextNode(text.slice(at, to)));
    return node;
  }

  function yearOf(date) {
    return /^\d{4}/.test(date) ? date.slice(0, 4) + "年" : "";
  }

  function copyButton(text, label) {
    var button = el("button", "ss-copy", "复制");
    button.type = "button";
    button.setAttribute("aria-label", label || "复制这一段");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      // The one clipboard path (copy.js, loaded on every page): both flavours, 已复制 on the button.
      window.SpeechCopy.copyBlocks([{ kind: "body", text: text }], button);
    });
    return button;
  }

  function resultItem(r, query) {
    var isHeading = !/^p-/.test(r.anchor);  /* a section heading: its anchor is the heading's id */
    var li = el("li", isHeading ? "ss-result ss-result--heading" : "ss-result");
    var head = el("div", "ss-result__head");
    var link = el("a", "ss-result__title", r.title);
    link.href = pageUrl(r.url, r.anchor);
    head.appendChild(link);
    if (isHeading) head.appendChild(el("span", "ss-result__badge", "小标题"));
    var metaLine = [r.kind, r.meetingType, r.genre, yearOf(r.date)].filter(Boolean).join(" · ");
    head.appendChild(el("span", "ss-result__meta", metaLine));
    li.appendChild(head);
    if (r.heading) li.appendChild(el("div", "ss-result__heading", r.heading));
    var body = el("div", "ss-result__body");
    body.appendChild(markedText(el("p", "ss-result__text"), r.text, highlights(r.text, query)));
    body.appendChild(copyButton(r.text, "复制这一段：" + r.title));
    li.appendChild(body);
    return li;
  }

  function syntaxHint(query, raw) {
    if (!raw.trim()) return "请输入要查找的表述。";
    if (!query.include.length) return "请至少输入一个要查找的词（减号后面的词只用于排除）。";
    return null;
  }

  // --- the results page --------------------------------------------------------------------------------

  function ResultsPage(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input");
    this.output = root.querySelector(".ss-page__output");
    this.filters = [null, null, null, null];
    this.token = 0;
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.search(self.input.value, true);
    });
    var q = new URLSearchParams(location.search).get("q") || "";
    this.input.value = q;
    if (q) this.search(q, false);
    else this.output.replaceChildren(el("p", "ss-status", "输入要查找的表述，按回车键查找。查找规则见下方。"));
  }

  ResultsPage.prototype.search = function (raw, push) {
    var self = this;
    if (!t2s) return loadT2s().then(function () { return self.search(raw, push); });
    var token = ++this.token;
    if (push) history.replaceState(history.state, "", resultsUrl(raw.trim()));
    this.raw = raw;
    this.query = parse(raw);
    this.filters = [null, null, null, null];
    var hint = syntaxHint(this.query, raw);
    delete this.root.dataset.done;
    if (hint) { this.output.replaceChildren(el("p", "ss-status", hint)); this.root.dataset.done = raw; return Promise.resolve(); }
    this.output.replaceChildren(el("p", "ss-status", "正在查找……"));
    return Promise.all([loadMeta(), run(this.query), glossaryCard(this.query)]).then(function (r) {
      if (token !== self.token) return;
      self.meta = r[0];
      self.ids = r[1];
      self.tuples = tupleOf(r[0], r[1]);
      self.card = r[2];
      return self.render();
    }).catch(function () {
      if (token !== self.token) return;
      self.output.replaceChildren(el("p", "ss-status ss-status--error", "检索索引未能加载，请刷新页面后重试。"));
      self.root.dataset.done = raw;
    });
  };

  ResultsPage.prototype.filtered = function () {
    var f = this.filters, tuples = this.tuples;
    return this.ids.filter(function (id, i) {
      return f.every(function (v, d) { return v === null || tuples[i][d] === v; });
    });
  };

  ResultsPage.prototype.render = function () {
    var self = this, m = this.meta, out = [];
    if (this.card) out.push(this.renderCard(this.card));
    var total = el("p", "ss-total");
    total.appendChild(el("strong", "ss-count", "共 " + this.ids.length + " 段"));
    this.shown = this.filtered();
    var filtered = this.filters.some(function (v) { return v !== null; });
    if (filtered) total.appendChild(document.createTextNode("，筛选出 " + this.shown.length + " 段"));
    if (!this.ids.length) total.appendChild(document.createTextNode("。没有找到含有这一表述的段落，可减少字数或改用空格分开的几个词再查。"));
    out.push(total);
    if (this.ids.length) {
      var counts = facetCounts(m, this.tuples, this.filters);
      var facets = el("div", "ss-facets");
      DIMENSIONS.forEach(function (dim, d) {
        var group = el("div", "ss-facet");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", dim[1]);
        group.appendChild(el("span", "ss-facet__label", dim[1]));
        m.facets[dim[0]].forEach(function (label, v) {
          if (!counts[d][v] && self.filters[d] !== v) return;
          var b = el("button", "ss-chip", label + " ");
          b.type = "button";
          b.appendChild(el("span", "ss-chip__count", String(counts[d][v])));
          b.setAttribute("aria-pressed", String(self.filters[d] === v));
          b.addEventListener("click", function () {
            self.filters[d] = self.filters[d] === v ? null : v;
            self.render();
          });
          group.appendChild(b);
        });
        facets.appendChild(group);
      });
      out.push(facets);
    }
    this.list = el("ol", "ss-results");
    out.push(this.list);
    this.more = el("button", "md-button ss-more");
    this.more.type = "button";
    this.more.hidden = true;
    this.more.addEventListener("click", function () { self.page(); });
    out.push(this.more);
    this.output.replaceChildren.apply(this.output, out);
    this.next = 0;
    return this.page();
  };

  ResultsPage.prototype.renderCard = function (card) {
    var box = el("aside", "ss-card");
    var title = el("div", "ss-card__title");
    title.appendChild(el("span", "ss-card__tag", "固定表述"));
    var link = el("a", null, card.text);
    link.href = new URL(card.url, ROOT).href;
    title.appendChild(link);
    box.appendChild(title);
    if (card.note) box.appendChild(el("p", "ss-card__note", card.note));
    var c = card.counts || {};
    var facts = [];
    if (c.occurrences != null) facts.push("出现 " + c.occurrences + " 次");
    if (c.paragraphs != null) facts.push("见于 " + c.paragraphs + " 段、" + (c.speeches || 0) + " 篇");
    if (card.variants && card.variants.length) facts.push("变体：" + card.variants.join("、"));
    if (facts.length) box.appendChild(el("p", "ss-card__facts", facts.join("；")));
    var more = el("a", "ss-card__more", "查看全部用例 ›");
    more.href = link.href;
    box.appendChild(more);
    return box;
  };

  ResultsPage.prototype.page = function () {
    var self = this, ids = this.shown.slice(this.next, this.next + PAGE_SIZE), token = this.token;
    this.next += ids.length;
    this.more.hidden = true;
    return paragraphs(ids).then(function (rows) {
      if (token !== self.token) return;
      rows.forEach(function (r) { self.list.appendChild(resultItem(r, self.query)); });
      var rest = self.shown.length - self.next;
      self.more.hidden = rest <= 0;
      self.more.textContent = "再显示 " + Math.min(rest, PAGE_SIZE) + " 段（还有 " + rest + " 段）";
      self.root.dataset.done = self.raw; // the tests wait for this
    });
  };

  // --- the header box --------------------------------------------------------------------------------

  function snippet(text, spans, width) {
    if (text.length <= width || !spans.length) return [0, Math.min(text.length, width)];
    var start = Math.max(0, spans[0][0] - Math.floor(width / 3));
    return [start, Math.min(text.length, start + width)];
  }

  function HeaderBox(box) {
    this.box = box;
    this.form = box.querySelector("form");
    this.input = box.querySelector("input");
    this.drop = box.querySelector(".ss-drop");
    this.token = 0;
    this.composing = false;
    var self = this;
    this.input.addEventListener("compositionstart", function () { self.composing = true; });
    this.input.addEventListener("compositionend", function () { self.composing = false; self.schedule(); });
    this.input.addEventListener("input", function (event) {
      if (event.isComposing || self.composing) return; // wait for the IME to finish the word
      self.schedule();
    });
    this.input.addEventListener("focus", function () {
      loadMeta().catch(function () {}); // while the writer types, not after
      if (self.input.value.trim() && self.drop.childNodes.length) self.open(true);
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = self.input.value.trim();
      if (q) location.assign(resultsUrl(q));
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { self.open(false); self.input.blur(); }
      if (event.key === "ArrowDown") {
        var first = self.drop.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    this.drop.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { self.open(false); self.input.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!self.box.contains(event.target)) self.open(false);
    });
    // "/" focuses the box from anywhere but a text field, as Material's own search did.
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      event.preventDefault();
      self.input.focus();
    });
  }

  HeaderBox.prototype.open = function (on) {
    this.drop.hidden = !on;
    this.input.setAttribute("aria-expanded", String(on));
  };

  HeaderBox.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.search(self.input.value); }, 80);
  };

  HeaderBox.prototype.search = function (raw) {
    var self = this;
    if (!t2s && raw.trim()) return loadT2s().then(function () { return self.search(raw); });
    var token = ++this.token, query = parse(raw);
    delete this.box.dataset.done;
    if (!raw.trim()) { this.drop.replaceChildren(); this.open(false); this.box.dataset.done = raw; return Promise.resolve(); }
    var hint = syntaxHint(query, raw);
    if (hint) {
      this.drop.replaceChildren(el("p", "ss-drop__status", hint));
      this.open(true);
      this.box.dataset.done = raw;
      return Promise.resolve();
    }
    return run(query).then(function (ids) {
      return paragraphs(ids.slice(0, DROP_SIZE)).then(function (rows) {
        if (token !== self.token) return;
        var out = [];
        var status = el("p", "ss-drop__status");
        status.appendChild(el("strong", "ss-count", "共 " + ids.length + " 段"));
        if (!ids.length) status.appendChild(document.createTextNode("，没有找到含有这一表述的段落"));
        out.push(status);
        var ul = el("ul", "ss-drop__list");
        rows.forEach(function (r) {
          var li = el("li", "ss-drop__item");
          // The whole paragraph and its speech for 组稿 (draft.js): the link shows a snippet only.
          li.setAttribute("data-copy", r.text);
          li.setAttribute("data-title", r.title);
          var a = el("a", "ss-drop__link");
          a.href = pageUrl(r.url, r.anchor);
          var spans = highlights(r.text, query), cut = snippet(r.text, spans, 90);
          var text = markedText(el("span", "ss-drop__text"), r.text, spans, cut[0], cut[1]);
          if (cut[0] > 0) text.insertBefore(document.createTextNode("…"), text.firstChild);
          if (cut[1] < r.text.length) text.appendChild(document.createTextNode("…"));
          a.appendChild(text);
          var where = [/^p-/.test(r.anchor) ? "" : "小标题", r.title, r.kind, yearOf(r.date)];
          a.appendChild(el("span", "ss-drop__meta", where.filter(Boolean).join(" · ")));
          li.appendChild(a);
          li.appendChild(copyButton(r.text, "复制这一段：" + r.title));
          ul.appendChild(li);
        });
        if (rows.length) out.push(ul);
        if (ids.length) {
          var all = el("a", "ss-drop__all", ids.length > DROP_SIZE ? "查看全部 " + ids.length + " 段，可按会议类型、文种筛选 ›" : "在结果页查看和筛选 ›");
          all.href = resultsUrl(raw.trim());
          out.push(all);
        }
        self.drop.replaceChildren.apply(self.drop, out);
        document.dispatchEvent(new CustomEvent("search:drop-rendered", { detail: { drop: self.drop } }));
        self.open(true);
        self.box.dataset.done = raw; // the tests wait for this
      });
    }).catch(function () {
      if (token !== self.token) return;
      self.drop.replaceChildren(el("p", "ss-drop__status", "检索索引未能加载，请刷新页面后重试。"));
      self.open(true);
      self.box.dataset.done = raw;
    });
  };

  // --- wiring (works with Material's instant navigation) -------------------------------------------

  function init() {
    document.querySelectorAll("[data-ss-box]").forEach(function (box) {
      if (!box.ssBound) { box.ssBound = true; box.ss = new HeaderBox(box); }
    });
    document.querySelectorAll("[data-ss-page]").forEach(function (root) {
      if (!root.ssBound) { root.ssBound = true; root.ss = new ResultsPage(root); }
    });
  }

  window.SpeechSearch = {
    normalize: normalize, parse: parse, run: run, stats: stats, loadMeta: loadMeta,
    termSpans: function (text, term) { return termSpans(normalizeWithMap(text).chars, term); },
  };

  // init is idempotent: run it now, and again for each page Material's instant navigation swaps in
  // (document$ does not emit from file://, where instant navigation is off).
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
