// Checklist ticks. They stay in this browser only (localStorage), kept per checklist
// and per language, keyed by each item's stable id ("T01/a"), never by position.
// Works with Material's instant navigation (document$) and when opened from file://.
(function () {
  "use strict";
  var PREFIX = "kb-ticks:";

  function keyOf(list) {
    return PREFIX + (document.documentElement.lang || "nl") + ":" + list.getAttribute("data-checklist");
  }
  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function save(key, ticks) {
    try { window.localStorage.setItem(key, JSON.stringify(ticks)); } catch (e) { /* private mode: ticks last this visit */ }
  }

  function setup() {
    var lists = document.querySelectorAll(".kb-checklist[data-checklist]");
    Array.prototype.forEach.call(lists, function (list) {
      var key = keyOf(list);
      var ticks = load(key);
      Array.prototype.forEach.call(list.querySelectorAll("input[data-item]"), function (box) {
        box.disabled = false;
        box.checked = !!ticks[box.getAttribute("data-item")];
        box.addEventListener("change", function () {
          var now = load(key);
          if (box.checked) { now[box.getAttribute("data-item")] = 1; } else { delete now[box.getAttribute("data-item")]; }
          save(key, now);
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-reset"), function (button) {
      button.addEventListener("click", function () {
        Array.prototype.forEach.call(lists, function (list) {
          window.localStorage.removeItem(keyOf(list));
          Array.prototype.forEach.call(list.querySelectorAll("input[data-item]"), function (box) { box.checked = false; });
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-print"), function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
