// The school's own details on every page (issues 22 and 23): read from the page's inert
// <script type="application/json" id="kb-school"> block, which `make site SCHOOL=...` fills at
// build time and brand.html fills in a released site. Everything is shown with textContent and
// DOM nodes, never as markup. Weekdays, times, lists and language names come in the page's own
// language from the browser's CLDR data (Intl); a free text shows only on the pages of the
// language it was written in, never in Dutch instead. Kept apart from kennisbank.js (the ticks).
(function () {
  "use strict";
  var me = document.currentScript && document.currentScript.src;
  var ROOT = me ? new URL("..", me) : null;  // this file is in <site root>/assets/
  var QR_SCRIPT = "assets/vendor/qrcode-generator-1.4.4.js";
  var MIN_CONTRAST = 4.5;
  var EMAIL = /^[^@\s\\"'()<>]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
  var PHONE = /^\+?[0-9][0-9 ]{5,}$/;

  function lang() { return document.documentElement.lang || "nl"; }
  function str(v) { return typeof v === "string" ? v : ""; }

  function details() {
    var el = document.getElementById("kb-school");
    if (!el) { return null; }
    try {
      var d = JSON.parse(el.textContent);
      return d && typeof d === "object" && typeof d.name === "string" && d.name ? d : null;
    } catch (e) { return null; }
  }

  function contrast(hex) {  // against white, WCAG 2
    function lin(c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
    var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
    return 1.05 / (0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) + 0.05);
  }

  // ------------------------------------------------------------------ CLDR, from the browser
  function list(items) {
    try { return new Intl.ListFormat(lang(), { type: "conjunction" }).format(items); } catch (e) { return items.join(", "); }
  }
  function dayName(n) {  // 1 is Monday (ISO); 1 January 2024 was a Monday
    return new Intl.DateTimeFormat(lang(), { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, n)));
  }
  function at(hm) { var p = hm.split(":"); return new Date(Date.UTC(2024, 0, 1, +p[0], +p[1])); }
  function timeRange(from, to) {
    var f = new Intl.DateTimeFormat(lang(), { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
    return f.formatRange ? f.formatRange(at(from), at(to)) : f.format(at(from)) + " – " + f.format(at(to));
  }
  function languageName(code) {
    try { return new Intl.DisplayNames([lang()], { type: "language" }).of(code) || code; } catch (e) { return code; }
  }
  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m; });
  }

  // ------------------------------------------------------------------ pieces
  function show(el, on) { if (el) { el.hidden = !on; } }

  function link(parent, label, href, shown) {
    parent.appendChild(document.createElement("br"));
    parent.appendChild(document.createTextNode(label + ": "));
    var a = document.createElement("a");
    a.href = href;
    var b = document.createElement("bdi");
    b.dir = "ltr";
    b.textContent = shown;
    a.appendChild(b);
    parent.appendChild(a);
  }

  function person(row, p, labels) {
    var span = row.querySelector(".kb-s-person");
    if (!span || !p || !str(p.name)) { return false; }
    span.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = p.name;
    span.appendChild(strong);
    if (PHONE.test(str(p.phone))) { link(span, labels.phone, "tel:" + p.phone.replace(/[^0-9+]/g, ""), p.phone); }
    if (EMAIL.test(str(p.email))) { link(span, labels.email, "mailto:" + p.email, p.email); }
    return true;
  }

  function hoursText(hours, pattern) {
    var lines = [];
    (Array.isArray(hours) ? hours : []).forEach(function (h) {
      if (!h || !Array.isArray(h.days) || !/^\d\d:\d\d$/.test(str(h.from)) || !/^\d\d:\d\d$/.test(str(h.to))) { return; }
      var days = h.days.filter(function (n) { return n >= 1 && n <= 7; }).map(dayName);
      if (days.length) { lines.push(fill(pattern, { days: list(days), time: timeRange(h.from, h.to) })); }
    });
    return lines;
  }

  function lines(el, texts) {
    el.textContent = "";
    texts.forEach(function (t, i) {
      if (i) { el.appendChild(document.createElement("br")); }
      el.appendChild(document.createTextNode(t));
    });
  }

  function helpBlock(box, d) {
    function pat(name) { var el = box.querySelector(".kb-s-p-" + name); return el ? el.textContent : ""; }
    var labels = { phone: pat("phone"), email: pat("email") };
    var here = lang();
    var c = d.contact && typeof d.contact === "object" ? d.contact : {};
    box.querySelector(".kb-s-name").textContent = d.name;
    show(box.querySelector(".kb-s-school"), true);
    show(box.querySelector(".kb-s-ask"), false);
    show(box.querySelector(".kb-s-source"), true);
    show(box.querySelector(".kb-s-details"), true);

    var contact = box.querySelector(".kb-s-contact");
    var role = c.role === "vertrouwenspersoon" ? "vertrouwenspersoon" : "contactouder";
    show(box.querySelector(".kb-s-role-" + role), true);
    show(contact, person(contact, c, labels));

    var when = box.querySelector(".kb-s-when");
    var hours = hoursText(c.hours, pat("hours"));
    var whenText = c.when && str(c.when[here]);
    lines(when.querySelector(".kb-s-hours"), hours);
    lines(when.querySelector(".kb-s-when-text"), whenText ? [whenText] : []);
    if (hours.length && whenText) { when.querySelector(".kb-s-hours").appendChild(document.createElement("br")); }
    show(when, hours.length > 0 || !!whenText);

    var confidant = box.querySelector(".kb-s-confidant");
    show(confidant, person(confidant, d.vertrouwenspersoon, labels));

    var interp = box.querySelector(".kb-s-interpreter");
    var codes = (Array.isArray(d.interpreter_languages) ? d.interpreter_languages : []).filter(function (x) {
      return /^[a-z]{2,3}(-[A-Z][a-z]{3})?$/.test(str(x));
    });
    var langs = codes.length ? [fill(pat("languages"), { languages: list(codes.map(languageName)) })] : [];
    var note = d.interpreter && str(d.interpreter[here]);
    lines(interp.querySelector(".kb-s-languages"), langs);
    lines(interp.querySelector(".kb-s-interpreter-text"), note ? [note] : []);
    if (langs.length && note) { interp.querySelector(".kb-s-languages").appendChild(document.createElement("br")); }
    show(interp, langs.length > 0 || !!note);
  }

  function bar(d) {
    var el = document.querySelector(".kb-school-bar");
    if (!el) { return; }
    el.querySelector(".kb-s-name").textContent = d.name;
    if (ROOT && /^assets\/[A-Za-z0-9._-]+\.(svg|png)$/.test(str(d.logo)) && !el.querySelector(".kb-s-logo")) {
      var logo = document.createElement("img");
      logo.className = "kb-s-logo";
      logo.alt = "";  // the name stands beside it
      logo.src = new URL(d.logo, ROOT).href;
      el.querySelector(".kb-school-bar__inner").insertBefore(logo, el.querySelector(".kb-s-name"));
    }
    show(el, true);
  }

  function colour(c) {
    if (!/^#[0-9a-fA-F]{6}$/.test(str(c)) || contrast(c) < MIN_CONTRAST) { return; }
    [document.documentElement, document.body].forEach(function (el) {
      ["--md-primary-fg-color", "--md-primary-fg-color--light", "--md-primary-fg-color--dark",
       "--md-typeset-a-color", "--kb-school-color"].forEach(function (v) { el.style.setProperty(v, c); });
    });
  }

  // ------------------------------------------------------------------ the address on paper
  function onlinePath() {  // the page's address below the site root, as the web server has it
    if (!ROOT) { return null; }
    var here = location.href.split("#")[0].split("?")[0];
    if (here.indexOf(ROOT.href) !== 0) { return null; }
    var rel = here.slice(ROOT.href.length);
    if (/(^|\/)index\.html$/.test(rel)) { rel = rel.slice(0, -"index.html".length); }
    else if (/\.html$/.test(rel)) { rel = rel.slice(0, -".html".length) + "/"; }
    return rel;
  }

  function siteUrl(d) {
    var u = str(d.site_url);
    if (!/^https?:\/\/[^\s"'<>\\`@?#]+$/.test(u)) { return null; }
    return u.charAt(u.length - 1) === "/" ? u : u + "/";
  }

  function qrSvg(url, label) {
    /* global qrcode */
    var q = qrcode(0, "M");
    q.addData(url);
    q.make();
    var n = q.getModuleCount(), border = 2, size = n + 2 * border, d = "";
    for (var r = 0; r < n; r++) {
      for (var c = 0; c < n; c++) {
        if (q.isDark(r, c)) { d += "M" + (c + border) + " " + (r + border) + "h1v1h-1z"; }
      }
    }
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label + ": " + url);
    svg.setAttribute("shape-rendering", "crispEdges");
    var path = document.createElementNS(NS, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "#000");
    svg.appendChild(path);
    return svg;
  }

  function address(d) {
    var base = siteUrl(d), rel = onlinePath();
    if (!base || rel === null) { return; }
    var url = encodeURI(decodeURI(base + rel));
    Array.prototype.forEach.call(document.querySelectorAll(".kb-url"), function (p) {
      var span = p.querySelector("span[dir=ltr]");
      if (!span) {
        p.appendChild(document.createTextNode(": "));
        span = document.createElement("span");
        span.dir = "ltr";
        p.appendChild(span);
      }
      span.textContent = url;
      p.hidden = false;
    });
    var boxes = document.querySelectorAll(".kb-qr");
    if (!boxes.length) { return; }
    function draw() {
      Array.prototype.forEach.call(boxes, function (box) {
        var labelEl = box.querySelector(".kb-qr-label");
        var label = labelEl ? labelEl.textContent : "";
        Array.prototype.slice.call(box.childNodes).forEach(function (x) { if (x !== labelEl) { box.removeChild(x); } });
        box.appendChild(qrSvg(url, label));
        var p = document.createElement("p");
        p.appendChild(document.createTextNode(label + ":"));
        p.appendChild(document.createElement("br"));
        var span = document.createElement("span");
        span.dir = "ltr";
        span.textContent = url;
        p.appendChild(span);
        box.appendChild(p);
        box.setAttribute("data-kb-qr", url);
      });
    }
    if (typeof qrcode === "function") { draw(); return; }
    var s = document.createElement("script");  // only pages with a QR code load the encoder
    s.src = new URL(QR_SCRIPT, ROOT).href;
    s.onload = draw;
    document.head.appendChild(s);
  }

  function setup() {
    var d = details();
    if (!d) { return; }  // no school details: the help blocks say whom to ask at school
    bar(d);
    colour(d.color);
    Array.prototype.forEach.call(document.querySelectorAll(".kb-school"), function (box) { helpBlock(box, d); });
    address(d);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
