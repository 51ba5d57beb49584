// Search, before Material's bundle runs (overrides/main.html loads this file just before it).
// 1. The search index is downloaded only when the reader opens search: a parent on mobile data
//    does not pay for it on every first visit. Material asks for it as soon as a page loads
//    (XMLHttpRequest to search/search_index.json); that request is sent when the search toggle
//    is switched on, or at once on a page opened from a search result (?h=, for highlighting).
// 2. The query is written the way the index writes words (hooks/kennisbank/search.py adds
//    these spellings to the index): Persian letters for the Arabic ي and ك an Arabic keyboard
//    types, no zero-width non-joiner; Arabic without vowel marks and with alef, hamza and ta
//    marbuta unified; Turkish İ and I lower-cased the Turkish way; one Ukrainian apostrophe;
//    Sorani as Persian; Romanian ş ţ with the comma below (ș ț); Chinese cut into words with
//    Intl.Segmenter (ICU, as the index is cut at build time), the words apart.
(function () {
  "use strict";
  // Contact with Material 9.8.1: what this file relies on in Material's bundle and search worker
  // (assets/javascripts/bundle.*.min.js, workers/search.*.min.js), all here. tests/test_upstream.py
  // checks each against the installed package and names the one that changed.
  var MATERIAL = {
    index: /\/search\/search_index\.json$/,  // the bundle fetches the index by XMLHttpRequest from this address
    toggle: "[data-md-toggle=search]",        // the search switch; the bundle opens it by click(), so "change" fires
    query: 2                                  // the bundle posts the query to its worker as {type: 2, data: "<query>"}
  };

  function searchWanted() {
    var toggle = document.querySelector(MATERIAL.toggle);
    var params = new URLSearchParams(location.search);
    return (toggle && toggle.checked) || params.has("h") || params.has("q");
  }

  function whenSearchOpens(run) {
    if (searchWanted()) { run(); return; }
    function check() {
      var toggle = document.querySelector(MATERIAL.toggle);
      if (toggle && toggle.checked) {
        document.removeEventListener("change", check, true);
        run();
      }
    }
    document.addEventListener("change", check, true);
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbSearchIndex = MATERIAL.index.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.kbSearchIndex) { return send.apply(xhr, args); }
    whenSearchOpens(function () { send.apply(xhr, args); });
  };

  var lang = (document.documentElement.lang || "").toLowerCase().split("-")[0];
  // The marks (vowels, the rarer marks, dagger alef) and tatweel, and the Arabic comma, semicolon and question
  // mark (a pasted word often brings one; Material's separator splits at white space and hyphens only).
  // The same rules as hooks/kennisbank/normalise.py: tests/test_normalise.py runs both on one table.
  var MARKS = /[\u064b-\u065f\u0670\u0640]/g, PUNCT = /[\u060c\u061b\u061f]/g;
  function persian(q) {
    return q.replace(PUNCT, " ").trim().replace(MARKS, "").replace(/[\u064a\u0649]/g, "\u06cc").replace(/\u0643/g, "\u06a9")
      .replace(/\u0629/g, "\u0647").replace(/\u200c/g, "");
  }
  function chinese(q) {
    if (!window.Intl || !Intl.Segmenter) { return q; }
    var words = [];
    var segments = new Intl.Segmenter("zh-Hans", { granularity: "word" }).segment(q);
    for (var it = segments[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) {
      if (s.value.isWordLike) { words.push(s.value.segment); }
    }
    return words.join(" ");
  }
  var normalise = {
    fa: persian,
    ckb: persian,
    zh: chinese,
    ro: function (q) { return q.replace(/\u015f/g, "\u0219").replace(/\u0163/g, "\u021b").replace(/\u015e/g, "\u0218").replace(/\u0162/g, "\u021a"); },
    ar: function (q) {
      return q.replace(PUNCT, " ").trim().replace(MARKS, "").replace(/[\u0623\u0625\u0622\u0671]/g, "\u0627").replace(/\u0649/g, "\u064a")
        .replace(/\u0629/g, "\u0647").replace(/\u0624/g, "\u0648").replace(/\u0626/g, "\u064a");
    },
    tr: function (q) { return q.replace(/\u0130/g, "i").replace(/I/g, "\u0131"); },
    uk: function (q) { return q.replace(/[\u2019\u02bc]/g, "'"); }
  }[lang];
  if (!normalise) { return; }
  // Material sends the query to its search worker as {type: 2, data: "<query>"}.
  // file:// pages use iframe-worker's Worker (loaded before this file), with the same postMessage.
  var post = window.Worker && window.Worker.prototype.postMessage;
  if (!post) { return; }
  window.Worker.prototype.postMessage = function (message) {
    if (message && message.type === MATERIAL.query && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: MATERIAL.query, data: normalise(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();
