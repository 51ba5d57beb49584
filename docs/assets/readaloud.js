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
