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
