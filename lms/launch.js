/* The package's launch page: talks to the learning platform's SCORM 1.2 API and shows the
   lesson guide in a frame. Completion: the learner has opened the lesson guide and the reader.
   No request leaves the package; without a platform (opened from disk) it only shows the pages. */
(function () {
  "use strict";
  var api = null, finished = false, started = Date.now(), seen = {};
  var frame = document.getElementById("kb-content");
  var need = (frame.getAttribute("data-complete-after") || "").split(" ");

  function findAPI(win) {
    // SCORM 1.2 (RTE 3.3.6.1): walk up the parent frames, then the opener's
    for (var i = 0; win && i < 10; i++) {
      try { if (win.API) { return win.API; } } catch (e) { return null; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  function sessionTime() {  // HHHH:MM:SS, as SCORM 1.2 wants it
    var s = Math.round((Date.now() - started) / 1000);
    function pad(n, w) { n = String(n); while (n.length < w) { n = "0" + n; } return n; }
    return pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(s % 60, 2);
  }

  function status() { return api ? String(api.LMSGetValue("cmi.core.lesson_status")) : ""; }

  function onPage() {
    var path = "";
    try { path = frame.contentWindow.location.pathname; } catch (e) { return; }
    var file = path.split("/").slice(-2).join("/");
    need.forEach(function (n) { if (file === n || path.slice(-n.length - 1) === "/" + n) { seen[n] = true; } });
    var done = need.every(function (n) { return seen[n]; });
    if (api && done && status() !== "completed" && status() !== "passed") {
      api.LMSSetValue("cmi.core.lesson_status", "completed");
      api.LMSCommit("");
    }
  }

  function finish() {
    if (!api || finished) { return; }
    finished = true;
    api.LMSSetValue("cmi.core.session_time", sessionTime());
    api.LMSSetValue("cmi.core.exit", status() === "completed" ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  }

  api = findAPI(window.parent !== window ? window.parent : null) ||
        (window.top && window.top.opener ? findAPI(window.top.opener) : null);
  if (api && String(api.LMSInitialize("")) === "true") {
    var s = status();
    if (s === "" || s === "not attempted") {
      api.LMSSetValue("cmi.core.lesson_status", "incomplete");
      api.LMSCommit("");
    }
  } else {
    api = null;
  }
  frame.addEventListener("load", onPage);
  onPage();
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
}());
