/* The exemplar listing of a meeting-type page: filter by text, genre, level and period, and page the
 * result, in the browser.
 *
 * The page itself (speechlib.listing.meeting_type_pages) lists the first 50 exemplars with a pager to
 * further static pages, so it works without this script and its size does not grow with the library.
 * The first use of the filter loads every exemplar of the type from the data file named by the form
 * (<type>/listing.js, format in hooks/speechlib/site/listing.py): fetched and read as JSON over HTTP,
 * loaded as a script from file:// (browsers refuse fetch() there). The filter state is kept in the
 * query string (?q=…&genre=…&level=…&period=…), so browse pages can link to a filtered listing and a
 * filtered listing can be bookmarked.
 *
 * Rows are built with createElement and textContent only, never innerHTML. Works with Material's
 * instant navigation (document$).
 */
(function () {
  "use strict";

  var PER_PAGE = 50;
  // facet -> field of a data row; field 8 lists every level a row is filed under (a 县级市 row: 县级市, 县, 市)
  var FACETS = { genre: 3, level: 8, period: 7 };
  function matches(field, value) {
    return Array.isArray(field) ? field.indexOf(value) >= 0 : field === value;
  }
  /* The meeting type's listing data (speechlib.site.listing.listing_data), through core.js's loader. */
  function load(form) {
    return window.SpeechSite.loadData(new URL(form.dataset.listing, location.href).href, form.dataset.listingName);
  }

  function cell(text) {
    var td = document.createElement("td");
    td.textContent = text;
    return td;
  }

  function rowFor(data) {
    var tr = document.createElement("tr");
    var first = document.createElement("td");
    var a = document.createElement("a");
    a.href = data[1];
    a.textContent = data[0];
    first.appendChild(a);
    if (data[2]) {
      var summary = document.createElement("span");
      summary.className = "listing-summary";
      summary.textContent = data[2];
      first.appendChild(document.createElement("br"));
      first.appendChild(summary);
    }
    tr.appendChild(first);
    [3, 4, 5, 6].forEach(function (i) { tr.appendChild(cell(data[i])); });
    return tr;
  }

  function button(text, disabled, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = text;
    b.disabled = disabled;
    b.addEventListener("click", onClick);
    return b;
  }

  function init() {
    var form = document.querySelector("form.listing-filter[data-listing]");
    var table = document.querySelector(".listing table");
    if (!form || !table || !table.tBodies[0] || form.dataset.listingReady) return;
    form.dataset.listingReady = "1";
    var body = table.tBodies[0];
    var staticRows = Array.prototype.slice.call(body.rows);
    var staticPager = document.querySelector(".listing-pager");
    var input = form.querySelector("[data-listing-q]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("[data-listing-facet]"));
    var count = form.querySelector("[data-listing-count]");
    var total = Number(form.dataset.listingTotal) || staticRows.length;
    var pager = document.createElement("nav");
    pager.className = "listing-pager listing-pager--filtered";
    pager.hidden = true;
    table.closest(".listing").after(pager);
    var page = 0;
    var serial = 0;

    function terms() {
      return input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    }

    function active() {
      return terms().length > 0 || selects.some(function (s) { return s.value; });
    }

    function keepInUrl() {
      var params = new URLSearchParams(location.search);
      params.delete("q");
      if (input.value.trim()) params.set("q", input.value.trim());
      selects.forEach(function (s) {
        params.delete(s.dataset.listingFacet);
        if (s.value) params.set(s.dataset.listingFacet, s.value);
      });
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function showStatic() {
      body.replaceChildren.apply(body, staticRows);
      if (staticPager) staticPager.hidden = false;
      pager.hidden = true;
      count.textContent = "";
    }

    function show(hits) {
      var pages = Math.max(1, Math.ceil(hits.length / PER_PAGE));
      page = Math.min(page, pages - 1);
      body.replaceChildren.apply(body, hits.slice(page * PER_PAGE, (page + 1) * PER_PAGE).map(rowFor));
      if (staticPager) staticPager.hidden = true;
      count.textContent = "共 " + hits.length + " 篇" + (hits.length < total ? "（全部 " + total + " 篇）" : "");
      pager.replaceChildren();
      pager.hidden = pages <= 1;
      if (pages > 1) {
        var where = document.createElement("span");
        where.textContent = "第 " + (page + 1) + " / " + pages + " 页";
        pager.append(
          button("上一页", page === 0, function () { page -= 1; show(hits); table.scrollIntoView(); }),
          where,
          button("下一页", page >= pages - 1, function () { page += 1; show(hits); table.scrollIntoView(); })
        );
      }
    }

    function apply() {
      keepInUrl();
      var mine = ++serial;
      if (!active()) { showStatic(); return; }
      count.textContent = "正在载入…";
      load(form).then(function (data) {
        if (mine !== serial) return; // a newer change is on its way
        if (!data) { count.textContent = "筛选数据未能载入，请使用下方的分页链接"; return; }
        var words = terms();
        var wanted = selects.map(function (s) { return [FACETS[s.dataset.listingFacet], s.value]; });
        var hits = data.rows.filter(function (row) {
          for (var i = 0; i < wanted.length; i++) {
            if (wanted[i][1] && !matches(row[wanted[i][0]], wanted[i][1])) return false;
          }
          var text = (row[0] + "\n" + row[2] + "\n" + row[5]).toLowerCase();
          return words.every(function (w) { return text.indexOf(w) >= 0; });
        });
        page = 0;
        show(hits);
      });
    }

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (s) {
      var value = params.get(s.dataset.listingFacet);
      if (value && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) s.value = value;
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    input.addEventListener("input", function (e) { if (!e.isComposing) apply(); });
    input.addEventListener("compositionend", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.hidden = false;
    if (active()) apply();
  }

  window.SpeechSite.onPage(init); // site.js, loaded first: every page view, from file:// too
})();
