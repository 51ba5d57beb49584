// Inside assets/javascripts/workers/search-frame.html (see file-worker.js): give Material's search
// worker what a worker has. postMessage(data) goes to the page; importScripts loads the lunr
// language files, and only those (assets/javascripts/lunr/), one after another.
(function () {
  "use strict";
  var up = window.parent, real = window.postMessage;
  var LUNR = new URL("../lunr/", location.href).href;
  window.postMessage = function (data) {
    if (arguments.length > 1) { return real.apply(window, arguments); }
    up.postMessage(data, "*");
  };
  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var href = new URL(url, location.href).href;
          if (href.indexOf(LUNR) !== 0 || !/\.js$/.test(href)) { reject(new Error("not a lunr file: " + url)); return; }
          var s = document.createElement("script");
          s.src = href;
          s.onload = resolve;
          s.onerror = reject;
          document.body.appendChild(s);
        });
      });
    }, Promise.resolve());
  };
  // Material's worker looks for the old shim in its parent, which a frame from disk may not read:
  // without a parent it takes "../lunr", which from this folder is right.
  window.parent = undefined;
  window.addEventListener("load", function () { up.postMessage("kb-worker-ready", "*"); });
}());
