// Checklist ticks. They stay in this browser only (localStorage), kept per site, per checklist
// and per language, keyed by each item's stable id ("T01/a"), never by position. The site is
// named by its root path, so two knowledge bases on one intranet host keep their own ticks.
// Where storage is blocked, ticks last this visit and nothing throws.
// Works with Material's instant navigation (document$) and when opened from file://.
(function () {
  "use strict";
  var PREFIX = "kb-ticks:";
  var me = document.currentScript && document.currentScript.src;
  var SITE = me ? new URL("..", me).pathname : "/";  // this file is in <site root>/assets/
  var memory = {};  // stands in for storage where the browser blocks it

  function storage() {
    try { var s = window.localStorage; s.length; return s; } catch (e) { return null; }
  }
  function keyOf(list) {
    return PREFIX + SITE + ":" + (document.documentElement.lang || "nl") + ":" + list.getAttribute("data-checklist");
  }
  function load(key) {
    var s = storage();
    try { return JSON.parse(s ? s.getItem(key) : memory[key]) || {}; } catch (e) { return {}; }
  }
  function save(key, ticks) {
    var text = JSON.stringify(ticks);
    memory[key] = text;
    var s = storage();
    try { if (s) { s.setItem(key, text); } } catch (e) { /* full or blocked: ticks last this visit */ }
  }
  function forget(key) {
    delete memory[key];
    var s = storage();
    try { if (s) { s.removeItem(key); } } catch (e) { /* blocked */ }
  }
  function once(el, name) {  // instant navigation may run setup again over the same elements
    if (el.getAttribute("data-kb-" + name)) { return false; }
    el.setAttribute("data-kb-" + name, "1");
    return true;
  }

  function setup() {
    var lists = document.querySelectorAll(".kb-checklist[data-checklist]");
    Array.prototype.forEach.call(lists, function (list) {
      var key = keyOf(list);
      var ticks = load(key);
      Array.prototype.forEach.call(list.querySelectorAll("input[data-item]"), function (box) {
        box.disabled = false;
        box.checked = !!ticks[box.getAttribute("data-item")];
        if (!once(box, "tick")) { return; }
        box.addEventListener("change", function () {
          var now = load(key);
          if (box.checked) { now[box.getAttribute("data-item")] = 1; } else { delete now[box.getAttribute("data-item")]; }
          save(key, now);
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-reset"), function (button) {
      if (!once(button, "reset")) { return; }
      button.addEventListener("click", function () {
        // One tap must not wipe every tick: ask first.
        if (!window.confirm(button.getAttribute("data-confirm") || "?")) { return; }
        Array.prototype.forEach.call(lists, function (list) {
          forget(keyOf(list));
          Array.prototype.forEach.call(list.querySelectorAll("input[data-item]"), function (box) { box.checked = false; });
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-print"), function (button) {
      if (!once(button, "print")) { return; }
      button.addEventListener("click", function () { window.print(); });
    });
    // A table wider than the screen scrolls sideways in Material's wrapper: keyboard users must be
    // able to reach it (WCAG 2.1.1; axe: scrollable-region-focusable).
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) { wrap.setAttribute("tabindex", "0"); }
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
  // The article as spoken parts, each in its own language: a passage marked lang="nl" in a Turkish
  // page (the report's quote, Dutch terms) is read with a Dutch voice, or skipped if there is none.
  var MARK = "\u0000";
  function partsOf(article, code) {
    var copy = article.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("button, .kb-tools, .kb-print-only, .headerlink, .md-content__button, script, style, svg"),
      function (el) { el.remove(); });
    // Whole passages only: a Dutch term inside a sentence is read with the sentence.
    Array.prototype.forEach.call(copy.querySelectorAll("[lang]:not(span):not(abbr):not(a):not(bdi):not(em):not(strong):not(small)"), function (el) {
      var other = el.getAttribute("lang").toLowerCase().slice(0, 2);
      var outer = el.parentElement && el.parentElement.closest("[data-kb-lang]");
      var around = outer ? outer.getAttribute("data-kb-lang") : code;
      if (other === around) { return; }
      el.setAttribute("data-kb-lang", other);
      el.insertBefore(document.createTextNode(MARK + other + MARK), el.firstChild);
      el.appendChild(document.createTextNode(MARK + around + MARK));
    });
    var bits = (MARK + code + MARK + (copy.innerText || copy.textContent || "")).split(MARK);
    var parts = [];
    for (var i = 1; i + 1 < bits.length; i += 2) {
      var text = bits[i + 1].trim();
      if (text) { parts.push({ lang: bits[i], text: text }); }
    }
    return parts;
  }
  function refreshAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-readaloud"), function (button) {
      button.hidden = !voiceFor(lang());
    });
  }
  // one listener for the whole visit, not one more per page shown
  if ("speechSynthesis" in window && window.speechSynthesis.addEventListener) {
    window.speechSynthesis.addEventListener("voiceschanged", refreshAll);
  }
  function setup() {
    refreshAll();
    Array.prototype.forEach.call(document.querySelectorAll(".kb-readaloud"), function (button) {
      var code = lang();
      if (button.getAttribute("data-kb-read")) { return; }
      button.setAttribute("data-kb-read", "1");
      button.addEventListener("click", function () {
        var synth = window.speechSynthesis;
        if (synth.speaking) {
          synth.cancel();
          button.setAttribute("aria-pressed", "false");
          return;
        }
        var article = document.querySelector("article.md-content__inner") || document.body;
        var says = partsOf(article, code).filter(function (part) { return voiceFor(part.lang); }).map(function (part) {
          var say = new SpeechSynthesisUtterance(part.text);
          say.lang = part.lang;
          say.voice = voiceFor(part.lang);
          return say;
        });
        if (!says.length) { return; }
        says[says.length - 1].onend = function () { button.setAttribute("aria-pressed", "false"); };
        button.setAttribute("aria-pressed", "true");
        says.forEach(function (say) { synth.speak(say); });
      });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();

// Search: Material starts a search on a key release only, so a pasted or dictated word did nothing.
// Any input starts it. The search dialog gets an accessible name (the search field's own label).
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches("input.md-search__input")) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var box = document.querySelector("input.md-search__input");
    if (dialog && box && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", box.getAttribute("aria-label") || box.getAttribute("placeholder") || "");
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", name); } else { name(); }
})();
