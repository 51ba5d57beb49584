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
        // One tap must not wipe every tick: ask first.
        if (!window.confirm(button.getAttribute("data-confirm") || "?")) { return; }
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

// Read aloud with the browser's own speech synthesis: nothing leaves the computer.
// The button shows only where the browser has a voice for the page's language.
(function () {
  "use strict";
  function lang() { return (document.documentElement.lang || "nl").toLowerCase().slice(0, 2); }
  function voiceFor(code) {
    if (!("speechSynthesis" in window)) { return null; }
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().slice(0, 2) === code) { return voices[i]; }
    }
    return null;
  }
  function textOf(article) {
    var copy = article.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("button, .kb-tools, .kb-print-only, .headerlink, .md-content__button, script, style, svg"),
      function (el) { el.remove(); });
    return copy.innerText || copy.textContent || "";
  }
  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-readaloud"), function (button) {
      var code = lang();
      function refresh() { button.hidden = !voiceFor(code); }
      refresh();
      if ("speechSynthesis" in window && window.speechSynthesis.addEventListener) {
        window.speechSynthesis.addEventListener("voiceschanged", refresh);
      }
      button.addEventListener("click", function () {
        var synth = window.speechSynthesis;
        if (synth.speaking) {
          synth.cancel();
          button.setAttribute("aria-pressed", "false");
          return;
        }
        var article = document.querySelector("article.md-content__inner") || document.body;
        var say = new SpeechSynthesisUtterance(textOf(article));
        say.lang = code;
        say.voice = voiceFor(code);
        say.onend = function () { button.setAttribute("aria-pressed", "false"); };
        button.setAttribute("aria-pressed", "true");
        synth.speak(say);
      });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
