// Contact with Material 9.8.1: what this file relies on in Material's bundle
// (assets/javascripts/bundle.*.min.js) and templates, all here. tests/test_upstream.py checks each
// against the installed package and names the one that changed.
var kbMaterial = {
  // Run setup on every page Material shows (the bundle's window.document$), else once the page is read.
  eachPage: function (setup) {
    if (window.document$ && typeof window.document$.subscribe === "function") { window.document$.subscribe(setup); }
    else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
    else { setup(); }
  },
  searchInput: "input.md-search__input",    // the search field (partials/search.html); the bundle searches on "keyup"
  searchDialog: ".md-search[role=dialog]",  // the search dialog (partials/search.html)
  article: "article.md-content__inner",     // the page's text (base.html)
  pageButtons: ".md-content__button",       // the page's edit and view-source buttons (partials/actions.html)
  tableScroll: ".md-typeset__scrollwrap"    // the bundle's wrapper round a table, which scrolls sideways
};

// Checklist ticks. A tick belongs to the item, by its stable key ("T01/a"), not to the page's
// language or list: ticked on the Arabic parents' list, it shows on the Dutch list, on the card and
// on the side-by-side sheets. Ticks stay in this browser only (localStorage), under one key per
// site; the site is named by its root path, so two knowledge bases on one intranet host keep their
// own ticks. Ticks that earlier versions kept per language and per list are moved in once.
// Where storage is blocked or a write fails, the page says so, and no box shows a tick that is not
// stored. Works with Material's instant navigation (document$) and when opened from file://.
(function () {
  "use strict";
  var PREFIX = "kb-ticks:";
  var me = document.currentScript && document.currentScript.src;
  var SITE = me ? new URL("..", me).pathname : "/";  // this file is in <site root>/assets/
  var KEY = PREFIX + SITE;  // {"T01/a": 1, ...}
  var OLD = KEY + ":";      // before: KEY + ":" + language + ":" + list id, each {"T01/a": 1, ...}
  var failed = false;       // a write did not hold: say so until the page is left

  function storage() {
    try { var s = window.localStorage; s.length; return s; } catch (e) { return null; }
  }
  function read(s) {  // throws where the browser blocks reading
    var text = s.getItem(KEY), ticks;
    try { ticks = JSON.parse(text); } catch (e) { ticks = null; }  // not ours to read: start empty
    return ticks && typeof ticks === "object" && !Array.isArray(ticks) ? ticks : {};
  }
  function write(s, ticks) {
    if (Object.keys(ticks).length) { s.setItem(KEY, JSON.stringify(ticks)); } else { s.removeItem(KEY); }
  }
  // The old keys are removed only once their ticks are stored under the new one.
  function migrate(s) {
    var old = [];
    for (var i = 0; i < s.length; i++) {
      var k = s.key(i);
      if (k && k.indexOf(OLD) === 0) { old.push(k); }
    }
    if (!old.length) { return; }
    var ticks = read(s);
    old.forEach(function (k) {
      var list;
      try { list = JSON.parse(s.getItem(k)); } catch (e) { list = null; }
      Object.keys(list && typeof list === "object" ? list : {}).forEach(function (item) {
        if (list[item]) { ticks[item] = 1; }
      });
    });
    write(s, ticks);
    old.forEach(function (k) { s.removeItem(k); });
  }
  // What this browser has stored, or null where it keeps nothing.
  function stored() {
    var s = storage();
    if (!s) { return null; }
    try { migrate(s); return read(s); } catch (e) { return null; }
  }
  // Change what is stored; true only if the change holds when read back.
  function change(how) {
    var s = storage();
    if (!s) { return false; }
    try {
      var ticks = read(s);
      how(ticks);
      write(s, ticks);
      return JSON.stringify(read(s)) === JSON.stringify(ticks);
    } catch (e) { return false; }
  }
  // Every box and sheet row on the page as stored; a failure is said before the first list.
  function show() {
    var ticks = stored();
    var off = failed || !ticks;
    Array.prototype.forEach.call(document.querySelectorAll(".kb-checklist input[data-item]"), function (box) {
      box.checked = !!(ticks && ticks[box.getAttribute("data-item")]);
      box.disabled = !ticks;
    });
    Array.prototype.forEach.call(document.querySelectorAll("tr[data-item]"), function (row) {
      row.classList.toggle("kb-ticked", !!(ticks && ticks[row.getAttribute("data-item")]));
    });
    var first = document.querySelector(".kb-checklist");
    Array.prototype.forEach.call(document.querySelectorAll(".kb-storage-failed"), function (note, i) {
      if (off && i === 0 && first && note.nextElementSibling !== first) { first.parentNode.insertBefore(note, first); }
      note.hidden = !(off && i === 0);
    });
  }
  // another tab, or a page shown again from the back/forward cache
  window.addEventListener("storage", function (event) { if (event.key === KEY || event.key === null) { show(); } });
  window.addEventListener("pageshow", function (event) { if (event.persisted) { show(); } });

  function once(el, name) {  // instant navigation may run setup again over the same elements
    if (el.getAttribute("data-kb-" + name)) { return false; }
    el.setAttribute("data-kb-" + name, "1");
    return true;
  }

  function setup() {
    var boxes = document.querySelectorAll(".kb-checklist input[data-item]");
    Array.prototype.forEach.call(boxes, function (box) {
      if (!once(box, "tick")) { return; }
      box.addEventListener("change", function () {
        var item = box.getAttribute("data-item");
        var on = box.checked;
        if (!change(function (ticks) { if (on) { ticks[item] = 1; } else { delete ticks[item]; } })) { failed = true; }
        show();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-reset"), function (button) {
      if (!once(button, "reset")) { return; }
      button.addEventListener("click", function () {
        // One tap must not wipe every tick: ask first. It clears the items on this page, in
        // every language; ticks of items elsewhere stay.
        if (!window.confirm(button.getAttribute("data-confirm") || "?")) { return; }
        var items = Array.prototype.map.call(document.querySelectorAll(".kb-checklist input[data-item]"),
          function (box) { return box.getAttribute("data-item"); });
        if (!change(function (ticks) { items.forEach(function (item) { delete ticks[item]; }); })) { failed = true; }
        show();
      });
    });
    show();
    Array.prototype.forEach.call(document.querySelectorAll(".kb-print"), function (button) {
      if (!once(button, "print")) { return; }
      button.addEventListener("click", function () { window.print(); });
    });
    // A table wider than the screen scrolls sideways in Material's wrapper: keyboard users must be
    // able to reach it (WCAG 2.1.1; axe: scrollable-region-focusable).
    Array.prototype.forEach.call(document.querySelectorAll(kbMaterial.tableScroll), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) { wrap.setAttribute("tabindex", "0"); }
    });
  }

  kbMaterial.eachPage(setup);
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
    Array.prototype.forEach.call(copy.querySelectorAll("button, .kb-tools, .kb-print-only, .headerlink, " + kbMaterial.pageButtons + ", script, style, svg"),
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
        var article = document.querySelector(kbMaterial.article) || document.body;
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
  kbMaterial.eachPage(setup);
})();

// Search: Material starts a search on a key release only, so a pasted or dictated word did nothing.
// Any input starts it. The search dialog gets an accessible name (the search field's own label).
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches(kbMaterial.searchInput)) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);
  function name() {
    var dialog = document.querySelector(kbMaterial.searchDialog);
    var box = document.querySelector(kbMaterial.searchInput);
    if (dialog && box && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", box.getAttribute("aria-label") || box.getAttribute("placeholder") || "");
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", name); } else { name(); }
})();
