/* The front end's base, loaded before every other script (mkdocs.yml extra_javascript):
   SpeechSite.onPage  — run a function on every page view (instant navigation and file://);
   SpeechSite.loadData — the one loader of the build's data files (listings, concordance lines, search
                         parts, rule sets): classic scripts `__speechData("key",{…});` written by
                         speechlib.page.datafile.script; over HTTP fetched and read as JSON, from file://
                         run as a script (browsers refuse fetch() there);
   SpeechSite.zipLibrary — the vendored zip library (fflate), loaded on first use;
   SpeechSite.el      — build a DOM node with text (never HTML) content;
   SpeechSite.root    — the site's root URL, from this script's own address;
   SpeechSite.text    — text rules the browser shares with the build (speechlib.text), held equal to
                         Python's by tests/unit/test_text_rules_js.py.
   Dependency-free; defines globals only under window.SpeechSite and window.__speechData. */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : location.href); // assets/js/core.js → site root

  /* --- data files ------------------------------------------------------------------------------ */
  var waiting = {};  // key → [resolve, …] of scripts in flight (file://)
  var loaded = {};   // url → Promise of the data

  window.__speechData = function (key, data) {
    var list = waiting[key];
    if (!list) return;
    delete waiting[key];
    list.forEach(function (resolve) { resolve(data); });
  };

  function parse(text) {
    // `__speechData("key",{…});\n`: the JSON starts after the first comma and ends at the last ")".
    return JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
  }

  function viaScript(url, key) {
    return new Promise(function (resolve) {
      (waiting[key] = waiting[key] || []).push(resolve);
      var el = document.createElement("script");
      el.src = url;
      el.onload = el.onerror = function () {
        el.remove();
        var list = waiting[key];
        if (list && list.indexOf(resolve) >= 0) {
          list.splice(list.indexOf(resolve), 1);
          if (!list.length) delete waiting[key];
          resolve(null);
        }
      };
      document.head.appendChild(el);
    });
  }

  /* The data of `url` (absolute, or relative to the site root), or null when it cannot be had;
     loaded once per page life, retried after a failure. fetchOptions: passed to fetch() over HTTP. */
  function loadData(url, key, fetchOptions) {
    var href = new URL(url, ROOT).href;
    if (loaded[href]) return loaded[href];
    var promise = location.protocol === "file:"
      ? viaScript(href, key)
      : fetch(href, fetchOptions || {}).then(function (r) { return r.ok ? r.text().then(parse) : null; })
          .catch(function () { return null; });
    loaded[href] = promise.then(function (data) { if (!data) delete loaded[href]; return data; });
    return loaded[href];
  }

  /* --- the vendored zip library ------------------------------------------------------------------ */
  /* fflate (assets/vendor/fflate/, see its README), loaded on first use: a page that never makes or
     opens a .docx never fetches it. Resolves to window.fflate, or null when it cannot be loaded (the
     next call tries again). Used by docx.js (writing Word files) and check.js (reading them). */
  var ZIP_LIB = "assets/vendor/fflate/fflate.min.js";
  var zipLib = null;
  function zipLibrary() {
    if (window.fflate) return Promise.resolve(window.fflate);
    if (!zipLib) {
      zipLib = new Promise(function (resolve) {
        var el = document.createElement("script");
        el.src = new URL(ZIP_LIB, ROOT).href;
        el.onload = el.onerror = function () {
          if (!window.fflate) zipLib = null;
          resolve(window.fflate || null);
        };
        document.head.appendChild(el);
      });
    }
    return zipLib;
  }

  /* --- page views ------------------------------------------------------------------------------ */
  /* Run fn on every page view: through Material's instant navigation (document$), and once the page
     has loaded if document$ has not run it by then (it does not emit from file://). */
  function onPage(fn) {
    var ran = false;
    function run() { ran = true; fn(); }
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    }
    function fallback() { if (!ran) run(); }
    if (document.readyState === "complete") setTimeout(fallback, 0);
    else window.addEventListener("load", fallback);
  }

  /* --- DOM ----------------------------------------------------------------------------------------- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* --- text rules (speechlib.text) -------------------------------------------------------------- */
  var text = {
    // speechlib.text.SLOT_RE: a fill-in slot ［名称］
    SLOT_RE: /［([^［］\s]{1,20})］/g,
    // speechlib.text.PLACEHOLDER_RE: text the source hid (×× numbers, ××× names)
    PLACEHOLDER_RE: /×{2,}/g,
    // speechlib.text.CN_DIGITS
    CN_DIGITS: "一二三四五六七八九十"
  };

  window.SpeechSite = { onPage: onPage, loadData: loadData, zipLibrary: zipLibrary, el: el, root: ROOT, text: text };
})();
