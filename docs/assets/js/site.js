/* Site behaviour, dependency-free. Runs on every page view, including Material's instant
   navigation (document$), and builds DOM nodes only from the page's own elements: no innerHTML. */
(function () {
  "use strict";

  /* Highlight the paragraph named by the URL hash. :target does not follow history.pushState,
     which instant navigation uses, so a class does the same job. */
  function highlightTarget() {
    document.querySelectorAll("p.para--target").forEach(function (el) { el.classList.remove("para--target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^p-[0-9a-f]{8}(-\d+)?$/.test(id)) return;
    var el = document.getElementById(id);
    if (el && el.tagName !== "P") el = el.closest("p");  /* an edited paragraph's old anchor (span.para-alias) */
    if (!el) return;
    reveal(el);
    el.classList.add("para--target");
    el.scrollIntoView({ block: "center" });
  }

  /* A paragraph may sit in a collapsed block (备选表述) or an inactive tab: open them first. */
  function reveal(el) {
    for (var node = el.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
      if (node.classList.contains("tabbed-block")) {
        var index = Array.prototype.indexOf.call(node.parentElement.children, node);
        var set = node.closest(".tabbed-set");
        var inputs = set ? set.querySelectorAll(":scope > input") : [];
        if (inputs[index]) inputs[index].click();
      }
    }
  }

  var el = window.SpeechSite.el;  // core.js, loaded first

  /* One concordance line from the data file, built as hooks/speechlib/phrases/index.py (lines_files) writes them
     (data-copy kept for the copy buttons). */
  function kwicRow(data, row, order) {
    var page = data.pages[row[0]];
    var href = page[1] + "#" + row[1];
    var tr = document.createElement("tr");
    tr.dataset.order = order;
    tr.dataset.mt = page[2];
    tr.dataset.genre = page[3];
    tr.dataset.left = Array.from(row[2]).reverse().join("");
    tr.dataset.right = row[4];
    var copy = data.copies[row[5]];
    if (typeof copy === "string") tr.dataset.copy = copy;  /* null: an over-long paragraph, copied on its page */
    var left = el("td", "kwic-left"); left.appendChild(el("span", "", row[2]));
    var key = el("td", "kwic-key"); var a = el("a", "", row[3]); a.href = href; key.appendChild(a);
    var right = el("td", "kwic-right"); right.appendChild(el("span", "", row[4]));
    var src = el("td", "kwic-src"); var b = el("a", "", page[0]); b.href = href; src.appendChild(b);
    src.appendChild(el("span", "kwic-meta", page[2] + " · " + page[3]));
    tr.append(left, key, right, src);
    return tr;
  }

  /* Keyword-in-context tables on phrase pages: sort by left/right neighbour, filter by facet. The
     page holds the first lines; the rest load from data-kwic-rest on request, or before the first
     sort or filter, so both always work on every line. */
  function initKwic() {
    var table = document.querySelector("table.kwic");
    var controls = document.querySelector(".kwic-controls");
    if (!table || !controls || table.dataset.kwicReady) return;
    table.dataset.kwicReady = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sort = controls.querySelector("[data-kwic-sort]");
    var filters = controls.querySelectorAll("[data-kwic-filter]");
    var count = controls.querySelector("[data-kwic-count]");
    var more = document.querySelector("[data-kwic-more]");
    var total = Number(table.dataset.kwicTotal) || rows.length;
    var complete = rows.length >= total || !table.dataset.kwicRest;
    var loading = null;
    var collator = new Intl.Collator("zh-Hans-CN");

    function loadRest() {
      if (complete) return Promise.resolve(true);
      if (!loading) {
        if (more) { more.disabled = true; more.textContent = "正在载入…"; }
        var url = new URL(table.dataset.kwicRest, location.href).href;
        // The lines come in files of bounded size, each naming the next ("next"); all are read, so
        // sorting and filtering see every line.
        var chunks = [];
        function fetchFrom(href, key) {
          return window.SpeechSite.loadData(href, key).then(function (data) {
            if (!data) return false;
            chunks.push(data);
            if (!data.next) return true;
            var next = new URL(data.next, href).href;
            return fetchFrom(next, data.next.replace(/\.js$/, ""));
          });
        }
        loading = fetchFrom(url, table.dataset.kwicKey).then(function (ok) {
          loading = null;
          if (!ok) {
            if (more) { more.disabled = false; more.textContent = "载入失败，重试"; }
            return false;
          }
          var added = [];
          chunks.forEach(function (data) {
            data.rows.forEach(function (row, i) { added.push(kwicRow(data, row, data.start + i)); });
          });
          added.forEach(function (tr) { body.appendChild(tr); });
          rows = rows.concat(added);
          complete = true;
          if (more) more.parentElement.hidden = true;
          table.dispatchEvent(new CustomEvent("kwic:rows-added", { bubbles: true, detail: { rows: added } }));
          return true;
        });
      }
      return loading;
    }

    function apply() {
      var key = sort.value;
      var sorted = rows.slice().sort(function (a, b) {
        if (key === "order") return a.dataset.order - b.dataset.order;
        var c = collator.compare(a.dataset[key], b.dataset[key]);
        return c || a.dataset.order - b.dataset.order;
      });
      var shown = 0;
      sorted.forEach(function (row) {
        var ok = Array.prototype.every.call(filters, function (f) {
          return !f.value || row.dataset[f.dataset.kwicFilter] === f.value;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
        body.appendChild(row);
      });
      var note = complete ? "" : "（本页已列 " + rows.length + " 条，全部 " + total + " 条）";
      count.textContent = "共 " + shown + " 条" + (complete && shown < rows.length ? "（全部 " + rows.length + " 条）" : note);
    }

    function changed() {
      var filtered = sort.value !== "order" || Array.prototype.some.call(filters, function (f) { return f.value; });
      if (filtered && !complete) loadRest().then(apply);
      else apply();
    }

    sort.addEventListener("change", changed);
    Array.prototype.forEach.call(filters, function (f) { f.addEventListener("change", changed); });
    if (more) {
      more.hidden = false;
      more.addEventListener("click", function () { loadRest().then(apply); });
    }
    controls.hidden = false;
  }

  /* The phrase index: filter the rows as the reader types (text, pinyin, initials) or picks a category;
     a category with no row left is hidden with its heading. */
  function initPhraseFilter() {
    var form = document.querySelector("form.phrase-filter");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var input = form.querySelector("[data-phrase-q]");
    var category = form.querySelector("[data-phrase-category]");
    var count = form.querySelector("[data-phrase-count]");
    var sections = Array.prototype.slice.call(document.querySelectorAll("section.phrase-cat"));
    var rows = Array.prototype.slice.call(document.querySelectorAll("section.phrase-cat tr[data-filter]"));
    var total = rows.length;

    function apply() {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var keys = row.dataset.filter;
        var ok = (!category.value || row.dataset.category === category.value) &&
          words.every(function (w) { return keys.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      // a block (category, or a topic of the terms index) with no row left is hidden, heading and all
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("tr[data-filter]:not([hidden])");
      });
      count.textContent = words.length || category.value ? "共 " + shown + " 条（全部 " + total + " 条）" : "";
    }

    input.addEventListener("input", function (e) { if (!e.isComposing) apply(); });
    input.addEventListener("compositionend", apply);
    category.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.hidden = false;
  }

  function init() {
    highlightTarget();
    initKwic();
    initPhraseFilter();
  }

  window.addEventListener("hashchange", highlightTarget);
  window.SpeechSite.onPage(init);
})();
