// Search from disk (mkdocs.offline.yml), under the site's Content-Security-Policy.
// Browsers refuse web workers from file://, so Material's search worker runs in a hidden frame:
// assets/javascripts/workers/search-frame.html, which the build writes with the worker's file name
// fixed in it. Nothing here builds a script address at run time: the address Material passes
// (from #__config) is ignored, and the frame's address is fixed relative to this file.
// Replaces iframe-worker 1.0.4, which wrote an inline script into an about:blank frame and put
// the address from #__config into a <script src> (issue 24).
(function () {
  "use strict";
  if (location.protocol !== "file:" || !document.currentScript) { return; }
  var FRAME = new URL("../javascripts/workers/search-frame.html", document.currentScript.src).href;

  function FileWorker() {
    var self = this, target = new EventTarget();
    this.queue = [];
    this.ready = false;
    this.frame = document.createElement("iframe");
    this.frame.hidden = true;
    this.frame.setAttribute("aria-hidden", "true");
    this.frame.tabIndex = -1;
    this.frame.src = FRAME;
    this.target = target;
    this.listener = function (e) {
      if (!self.frame.contentWindow || e.source !== self.frame.contentWindow) { return; }
      if (e.data === "kb-worker-ready") {
        self.ready = true;
        self.queue.splice(0).forEach(function (d) { self.frame.contentWindow.postMessage(d, "*"); });
        return;
      }
      var ev = new MessageEvent("message", { data: e.data });
      target.dispatchEvent(ev);
      if (typeof self.onmessage === "function") { self.onmessage(ev); }
    };
    window.addEventListener("message", this.listener);
    (document.body || document.documentElement).appendChild(this.frame);
  }
  FileWorker.prototype.addEventListener = function (t, f, o) { this.target.addEventListener(t, f, o); };
  FileWorker.prototype.removeEventListener = function (t, f, o) { this.target.removeEventListener(t, f, o); };
  FileWorker.prototype.dispatchEvent = function (e) { return this.target.dispatchEvent(e); };
  FileWorker.prototype.postMessage = function (data) {
    if (this.ready) { this.frame.contentWindow.postMessage(data, "*"); } else { this.queue.push(data); }
  };
  FileWorker.prototype.terminate = function () {
    window.removeEventListener("message", this.listener);
    this.frame.remove();
  };
  window.Worker = FileWorker;
}());
