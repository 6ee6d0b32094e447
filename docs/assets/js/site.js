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

  /* Keyword-in-context tables on phrase pages: sort by left/right neighbour, filter by facet. */
  function initKwic() {
    var table = document.querySelector("table.kwic");
    var controls = document.querySelector(".kwic-controls");
    if (!table || !controls) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sort = controls.querySelector("[data-kwic-sort]");
    var filters = controls.querySelectorAll("[data-kwic-filter]");
    var count = controls.querySelector("[data-kwic-count]");
    var collator = new Intl.Collator("zh-Hans-CN");

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
      count.textContent = "共 " + shown + " 条" + (shown < rows.length ? "（全部 " + rows.length + " 条）" : "");
    }

    sort.addEventListener("change", apply);
    Array.prototype.forEach.call(filters, function (f) { f.addEventListener("change", apply); });
    controls.hidden = false;
  }

  function init() {
    highlightTarget();
    initKwic();
  }

  window.addEventListener("hashchange", highlightTarget);
  /* Run fn on every page view: through Material's instant navigation (document$) where it is
     on, else once the document is ready. The other scripts (copy, slots …) use this too. */
  function onPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }
  window.SpeechSite = { onPage: onPage };

  onPage(init);
})();
