// brand.html: a school's coordinator puts the school's details into a released site, without a
// build and without installing anything. The form is checked by the same rules as a school file
// at build time (hooks/kennisbank/school.py): one line per fault. Then the coordinator picks the
// site's folder (File System Access API: Chrome, Edge, Chromebook) and every page's inert
// <script type="application/json" id="kb-school"> block gets the details; kb-school.js shows them.
// The details stay data: JSON, with "<", ">" and "&" escaped, never markup or code.
var KBBrand = (function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kb-brand-config").textContent);
  var LANGS = config.languages;          // the site's languages, Dutch first
  var BLOCK = /(<script type="application\/json" id="kb-school">)([\s\S]*?)(<\/script>)/;
  var MAX_LOGO = 512 * 1024;
  var LIMITS = { name: 120, contact: 120, phone: 40, email: 254, site_url: 300, text: 600 };
  var BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
  var form = document.getElementById("kb-brand");
  var logo = null;  // {name, bytes, ext} once checked

  function val(name) { var el = form.elements[name]; return el ? el.value.trim() : ""; }
  function checked(name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (x) { return x.checked; })
      .map(function (x) { return x.value; });
  }

  // ------------------------------------------------------------------ the rules of school.py
  function text(errors, field, value, limit, required) {
    if (!value) { if (required) { errors.push(field + ": vul dit in."); } return false; }
    if (value.length > limit) { errors.push(field + ": " + value.length + " tekens; hoogstens " + limit + "."); return false; }
    if (/javascript\s*:|[{}\[\]`*_\\<>]|\x00/i.test(value) && field.indexOf("e-mail") < 0) {
      errors.push(field + ": alleen gewone tekst, zonder HTML, Markdown of de tekens { } [ ] ` * _ \\ < >."); return false;
    }
    var m = BIDI.exec(value);
    if (m) { errors.push(field + ": bevat een onzichtbaar richtingsteken (U+" + m[0].charCodeAt(0).toString(16).toUpperCase() + "); typ de tekst opnieuw."); return false; }
    return true;
  }
  function phone(errors, field, value) {
    if (!value) { return null; }
    if (!text(errors, field, value, LIMITS.phone)) { return null; }
    var shown = value.replace(/[-.()\/]/g, " ").split(/\s+/).filter(Boolean).join(" ");
    if (!/^\+?[0-9][0-9 ]{5,}$/.test(shown) || shown.replace(/\D/g, "").length > 15) {
      errors.push(field + ": een telefoonnummer: cijfers en spaties, eventueel met + vooraan."); return null;
    }
    return shown;
  }
  function email(errors, field, value) {
    if (!value) { return null; }
    if (!text(errors, field, value, LIMITS.email)) { return null; }
    if (!/^[^@\s\\"'()<>]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(value)) { errors.push(field + ": een e-mailadres zoals naam@school.nl."); return null; }
    return value;
  }
  function contrast(hex) {
    function lin(c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
    return 1.05 / (0.2126 * lin(parseInt(hex.slice(1, 3), 16)) + 0.7152 * lin(parseInt(hex.slice(3, 5), 16)) +
                   0.0722 * lin(parseInt(hex.slice(5, 7), 16)) + 0.05);
  }
  function siteUrl(errors, value) {
    if (!value) { return null; }
    var u = null;
    try { u = new URL(value); } catch (e) { u = null; }
    if (value.length > LIMITS.site_url || !u || (u.protocol !== "http:" && u.protocol !== "https:") || !u.hostname ||
        u.username || u.password || u.search || u.hash || value.indexOf("?") >= 0 || value.indexOf("#") >= 0 ||
        /[\s"'<>\\`@]/.test(value)) {
      errors.push("adres: een webadres zoals https://intranet.school.nl/kennisbank/."); return null;
    }
    return value.charAt(value.length - 1) === "/" ? value : value + "/";
  }

  /** The form's details, checked: {data, errors, missing}. ``missing`` names, per free-text
   *  field that is filled in somewhere, the languages that lack it (one line each). */
  function details() {
    var errors = [], d = { contact: {} };
    if (text(errors, "naam van de school", val("name"), LIMITS.name, true)) { d.name = val("name"); }
    var color = val("color").toLowerCase();
    if (color) {
      if (!/^#[0-9a-f]{6}$/.test(color)) { errors.push("kleur: een kleur zoals #6a1b4d."); }
      else if (contrast(color) < 4.5) {
        errors.push("kleur: " + color + " heeft contrast " + contrast(color).toFixed(1).replace(".", ",") +
                    " : 1 met wit; minstens 4,5 : 1 is nodig. Kies een donkerder kleur.");
      } else { d.color = color; }
    }
    var url = siteUrl(errors, val("site_url"));
    if (url) { d.site_url = url; }
    d.contact.role = val("role") === "vertrouwenspersoon" ? "vertrouwenspersoon" : "contactouder";
    if (text(errors, "naam van de contactpersoon", val("contact"), LIMITS.contact, true)) { d.contact.name = val("contact"); }
    var p = phone(errors, "telefoon", val("phone"));
    if (p) { d.contact.phone = p; }
    var m = email(errors, "e-mail", val("email"));
    if (m) { d.contact.email = m; }
    var hours = [];
    for (var row = 1; row <= 3; row++) {
      var days = checked("days" + row).map(Number), from = val("from" + row), to = val("to" + row);
      if (!days.length && !from && !to) { continue; }
      if (!days.length) { errors.push("tijden " + row + ": kies minstens één dag."); continue; }
      if (!/^\d\d:\d\d$/.test(from) || !/^\d\d:\d\d$/.test(to)) { errors.push("tijden " + row + ": vul een begin- en eindtijd in."); continue; }
      if (to <= from) { errors.push("tijden " + row + ": " + to + " is niet na " + from + "."); continue; }
      hours.push({ days: days, from: from, to: to });
    }
    if (hours.length) { d.contact.hours = hours; }
    var vp = {};
    if (val("vp-name") || val("vp-phone") || val("vp-email")) {
      if (text(errors, "naam van de vertrouwenspersoon", val("vp-name"), LIMITS.contact, true)) { vp.name = val("vp-name"); }
      var vpp = phone(errors, "telefoon van de vertrouwenspersoon", val("vp-phone"));
      if (vpp) { vp.phone = vpp; }
      var vpm = email(errors, "e-mail van de vertrouwenspersoon", val("vp-email"));
      if (vpm) { vp.email = vpm; }
      d.vertrouwenspersoon = vp;
    }
    var codes = checked("interpreter_languages").concat(val("more-languages") ? val("more-languages").split(/[,\s]+/).filter(Boolean) : []);
    codes.forEach(function (c) {
      if (!/^[a-z]{2,3}(-[A-Z][a-z]{3})?$/.test(c)) { errors.push("tolk: '" + c + "' is geen taalcode zoals ar, tr, ti."); }
    });
    codes = codes.filter(function (c, i) { return /^[a-z]{2,3}(-[A-Z][a-z]{3})?$/.test(c) && codes.indexOf(c) === i; });
    if (codes.length) { d.interpreter_languages = codes; }
    var missing = [];
    [["when", "wanneer"], ["interpreter", "tolk"]].forEach(function (f) {
      var out = {}, lack = [];
      LANGS.forEach(function (l) {
        var t = val(f[0] + "-" + l.code);
        if (t && text(errors, f[1] + " (" + l.code + ")", t, LIMITS.text)) { out[l.code] = t; } else if (!t) { lack.push(l.code); }
      });
      if (Object.keys(out).length) {
        if (f[0] === "when") { d.contact.when = out; } else { d.interpreter = out; }
        if (lack.length) {
          missing.push("De vrije tekst '" + f[1] + "' ontbreekt in: " + lack.join(", ") +
                       ". Op die pagina's blijft hij weg (nooit in het Nederlands).");
        }
      }
    });
    if (logo) { d.logo = "assets/school-logo." + logo.ext; }
    return { data: d, errors: errors, missing: missing };
  }

  function checkLogo(file) {  // the rules of school.py's _logo
    return file.arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf), name = file.name.toLowerCase(), ext = name.slice(name.lastIndexOf(".") + 1);
      if (ext !== "svg" && ext !== "png") { throw new Error("logo: kies een .svg- of .png-bestand."); }
      if (bytes.length > MAX_LOGO) { throw new Error("logo: " + bytes.length + " bytes; hoogstens " + MAX_LOGO + "."); }
      if (ext === "png" && String.fromCharCode.apply(null, bytes.slice(0, 8)) !== "\x89PNG\r\n\x1a\n") {
        throw new Error("logo: dit is geen PNG-afbeelding.");
      }
      if (ext === "svg") {
        var svg = new TextDecoder().decode(bytes);
        if (svg.indexOf("<svg") < 0 || /<script|<foreignObject|\bon[a-z]+\s*=|javascript:|href\s*=\s*["']?(https?:)?\/\//i.test(svg)) {
          throw new Error("logo: een gewone SVG-afbeelding, zonder scripts of links naar andere sites.");
        }
      }
      return { bytes: bytes, ext: ext };
    });
  }

  /** The kb-school block's content for these details: JSON that cannot close its <script>. */
  function json(data) {
    return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  }

  /** One page with the details in its kb-school block; null if the page has no such block. */
  function brandPage(html, data) {
    if (!BLOCK.test(html)) { return null; }
    var body = json(data);
    return html.replace(BLOCK, function (all, open, old, close) { return open + body + close; });
  }

  // ------------------------------------------------------------------ the folder
  async function pages(dir, path, out) {
    for await (var entry of dir.values()) {
      if (entry.kind === "directory") { await pages(entry, path + entry.name + "/", out); }
      else if (/\.html$/.test(entry.name) && entry.name !== "brand.html") { out.push({ handle: entry, path: path + entry.name }); }
    }
    return out;
  }

  async function write(handle, content) {
    var w = await handle.createWritable();
    await w.write(content);
    await w.close();
  }

  async function apply(dir, data) {
    var assets;
    try { assets = await dir.getDirectoryHandle("assets"); await assets.getFileHandle("kb-school.js"); }
    catch (e) { throw new Error("Dit is niet de map van de kennisbank: kies de map waar brand.html en index.html in staan."); }
    if (logo) { await write(await assets.getFileHandle("school-logo." + logo.ext, { create: true }), new Blob([logo.bytes])); }
    var all = await pages(dir, "", []), done = 0;
    for (var i = 0; i < all.length; i++) {
      var file = await all[i].handle.getFile();
      var html = await file.text();
      var branded = brandPage(html, data);
      if (branded !== null && branded !== html) { await write(all[i].handle, branded); }
      if (branded !== null) { done++; }
    }
    return done;
  }

  // ------------------------------------------------------------------ the page
  function report(errors, lines) {
    var ul = document.getElementById("kb-errors");
    ul.textContent = "";
    errors.forEach(function (e) { var li = document.createElement("li"); li.textContent = e; ul.appendChild(li); });
    var result = document.getElementById("kb-result");
    result.textContent = "";
    lines.forEach(function (t) { var p = document.createElement("p"); p.textContent = t; result.appendChild(p); });
  }

  function check() {
    var r = details();
    report(r.errors, r.errors.length ? ["Verbeter eerst wat hieronder staat."] : ["De gegevens zijn in orde."].concat(r.missing));
    return r;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".kb-langname"), function (el) {
    try { el.textContent = new Intl.DisplayNames(["nl"], { type: "language" }).of(el.getAttribute("data-code")); } catch (e) { /* the code stays */ }
  });
  form.elements.logo.addEventListener("change", function () {
    var f = form.elements.logo.files[0];
    logo = null;
    if (!f) { return; }
    checkLogo(f).then(function (l) { logo = l; check(); }, function (e) { report([e.message], []); });
  });
  document.getElementById("kb-check").addEventListener("click", check);
  // school.json: the details of last time, to brand the next release with (data: read with
  // JSON.parse into the form's fields, checked again like anything typed).
  function fillForm(d) {
    function set(name, v) { if (form.elements[name] && typeof v === "string") { form.elements[name].value = v; } }
    var c = d.contact || {};
    set("name", d.name); set("color", d.color); set("site_url", d.site_url);
    set("role", c.role); set("contact", c.name); set("phone", c.phone); set("email", c.email);
    (Array.isArray(c.hours) ? c.hours : []).slice(0, 3).forEach(function (h, i) {
      Array.prototype.forEach.call(form.querySelectorAll("input[name='days" + (i + 1) + "']"), function (x) {
        x.checked = Array.isArray(h.days) && h.days.indexOf(Number(x.value)) >= 0;
      });
      set("from" + (i + 1), h.from); set("to" + (i + 1), h.to);
    });
    var vp = d.vertrouwenspersoon || {};
    set("vp-name", vp.name); set("vp-phone", vp.phone); set("vp-email", vp.email);
    var codes = Array.isArray(d.interpreter_languages) ? d.interpreter_languages : [];
    var boxes = Array.prototype.map.call(form.querySelectorAll("input[name=interpreter_languages]"), function (x) {
      x.checked = codes.indexOf(x.value) >= 0; return x.value;
    });
    set("more-languages", codes.filter(function (x) { return boxes.indexOf(x) < 0; }).join(", "));
    LANGS.forEach(function (l) {
      set("when-" + l.code, (c.when || {})[l.code]); set("interpreter-" + l.code, (d.interpreter || {})[l.code]);
    });
  }
  document.getElementById("kb-load").addEventListener("change", function (ev) {
    var f = ev.target.files[0];
    if (!f) { return; }
    f.text().then(function (t) { fillForm(JSON.parse(t)); check(); }, function () { report(["school.json: kan niet gelezen worden."], []); })
      .catch(function () { report(["school.json: dit is geen geldig gegevensbestand."], []); });
  });
  document.getElementById("kb-save").addEventListener("click", function () {
    var r = check();
    if (r.errors.length) { return; }
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(r.data, null, 2) + "\n"], { type: "application/json" }));
    a.download = "school.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  document.getElementById("kb-apply").addEventListener("click", function () {
    var r = check();
    if (r.errors.length) { return; }
    if (!window.showDirectoryPicker) {
      report(["Deze browser kan geen map aanpassen. Open brand.html in Chrome of Edge (ook op een Chromebook)."], []);
      return;
    }
    window.showDirectoryPicker({ mode: "readwrite" }).then(function (dir) { return apply(dir, r.data); }).then(function (n) {
      report([], [n + " pagina's aangepast. Open index.html om het resultaat te zien."].concat(r.missing));
    }, function (e) { if (e && e.name !== "AbortError") { report([e.message || String(e)], []); } });
  });

  return { details: details, brandPage: brandPage, json: json, apply: apply, fillForm: fillForm };
})();
