/* Slot filling on template pages, dependency-free.

   A template's slots are <span class="slot" data-slot="名称">［名称］</span> (speechlib.content.slots); the
   panel (details.slot-panel, speechlib.page.tools) has one input[data-slot-input] per slot name. What a
   writer types replaces the slots on the page as they type; copy.js reads the page, so copies carry
   the values too. Values live in localStorage under one key, shared by all templates (a slot name
   means the same thing everywhere); empty values are not stored, and an unfilled slot shows, and
   copies as, ［名称］. Text is only ever set with textContent / value: no HTML is built from it.

   window.SpeechSlots: values(), apply(text) (fills ［名称］ in a string), fill(root). */
(function () {
  "use strict";

  var KEY = "speechlib.slots.v1";
  var SLOT_RE = window.SpeechSite.text.SLOT_RE;  // core.js: speechlib.text.SLOT_RE

  function values() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return data && typeof data === "object" ? data : {};
    } catch (e) {
      return {};
    }
  }

  function save(data) {
    try {
      var clean = {};
      Object.keys(data).forEach(function (k) { if (data[k]) clean[k] = String(data[k]); });
      if (Object.keys(clean).length) window.localStorage.setItem(KEY, JSON.stringify(clean));
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage disabled: values last as long as the page */ }
  }

  function apply(text) {
    var data = values();
    return String(text).replace(SLOT_RE, function (all, name) {
      return Object.prototype.hasOwnProperty.call(data, name) && data[name] ? data[name] : all;
    });
  }

  /* Show each slot's value, or its ［名称］ when empty. */
  function fill(root, data) {
    data = data || values();
    var filled = 0;
    (root || document).querySelectorAll("span.slot[data-slot]").forEach(function (span) {
      var name = span.getAttribute("data-slot");
      var value = Object.prototype.hasOwnProperty.call(data, name) ? data[name] : "";
      if (value) {
        if (span.textContent !== value) span.textContent = value;
        span.classList.add("slot--filled");
        span.title = "［" + name + "］";
        filled += 1;
      } else {
        if (span.textContent !== "［" + name + "］") span.textContent = "［" + name + "］";
        span.classList.remove("slot--filled");
        span.removeAttribute("title");
      }
    });
    var note = document.querySelector(".speech-tools__note");
    if (note) note.hidden = filled === 0;
    return filled;
  }

  function initPanel() {
    var panel = document.querySelector("details.slot-panel");
    if (!panel) return;
    var inputs = panel.querySelectorAll("input[data-slot-input]");
    var status = panel.querySelector(".slot-panel__status");
    var data = values();
    inputs.forEach(function (input) {
      var name = input.getAttribute("data-slot-input");
      input.value = data[name] || "";
      input.addEventListener("input", function () {
        var current = values();
        current[name] = input.value.trim();
        save(current);
        fill(document, current);
        if (status) status.textContent = "";
      });
    });
    var clear = panel.querySelector(".slot-panel__clear");
    if (clear) {
      clear.addEventListener("click", function () {
        save({});
        inputs.forEach(function (input) { input.value = ""; });
        fill(document, {});
        if (status) status.textContent = "已清空";
      });
    }
    /* A click on a slot in the text opens the panel at its field. */
    var article = document.querySelector("article");
    if (article) {
      article.addEventListener("click", function (event) {
        var span = event.target.closest && event.target.closest("span.slot[data-slot]");
        if (!span || span.closest("a")) return;
        var name = span.getAttribute("data-slot");
        var input = Array.prototype.find.call(inputs, function (i) { return i.getAttribute("data-slot-input") === name; });
        if (!input) return;
        panel.open = true;
        input.focus();
        input.scrollIntoView({ block: "center" });
      });
    }
    panel.hidden = false;
  }

  function init() {
    fill(document);
    initPanel();
  }

  /* Another tab changed the values: show them here too. */
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    var data = values();
    fill(document, data);
    document.querySelectorAll("details.slot-panel input[data-slot-input]").forEach(function (input) {
      if (document.activeElement !== input) input.value = data[input.getAttribute("data-slot-input")] || "";
    });
  });

  window.SpeechSlots = { values: values, apply: apply, fill: fill, key: KEY };

  window.SpeechSite.onPage(init);  // site.js, loaded first
})();
