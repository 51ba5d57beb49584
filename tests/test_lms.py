"""`make lms`: one SCORM 1.2 package per language, checked as a zip and manifest, and run in
Chromium inside a real SCORM runtime (scorm-again, from npm: tests/lms/package.json) that
stands in for the learning platform."""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, RTL, prefix

# make test runs two workers (pytest-xdist): this file's tests stay on one, so its module-scoped fixtures are made once
pytestmark = pytest.mark.xdist_group("lms")

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
RUNTIME = ROOT / "tests" / "lms" / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
XSD = ROOT / "tests" / "lms" / "scorm12edition"  # fetched by the Makefile (make test)


@pytest.fixture(scope="module")
def lms_out(tmp_path_factory, printed):
    """`make lms`: the packages, made from the file:// build with its reader PDFs and handouts (conftest.printed)."""
    out = tmp_path_factory.mktemp("lms") / "packages"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "lms.py"), str(printed), str(out)],
                   check=True, capture_output=True, text=True, timeout=600)
    return out


@pytest.fixture(scope="module")
def packages(lms_out):
    return {lang: lms_out / f"kennisbank-{lang}-scorm12.zip" for lang in LANGUAGES}


@pytest.fixture(scope="module")
def cartridges(lms_out):
    return {lang: lms_out / f"kennisbank-{lang}-cc11.imscc" for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_package_manifest_lists_every_file(packages, site, lang):
    with zipfile.ZipFile(packages[lang]) as z:
        names = [n for n in z.namelist() if not n.endswith("/")]
        manifest = ET.fromstring(z.read("imsmanifest.xml"))  # at the root of the zip
    assert manifest.tag == f"{CP}manifest"
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    orgs = manifest.find(f"{CP}organizations")
    org = [o for o in orgs.findall(f"{CP}organization") if o.get("identifier") == orgs.get("default")]
    assert len(org) == 1 and org[0].findtext(f"{CP}title").strip()
    items = org[0].findall(f"{CP}item")
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    assert items and all(i.get("identifierref") in resources for i in items)
    sco = resources[items[0].get("identifierref")]
    assert sco.get(f"{ADLCP}scormtype") == "sco" and sco.get("type") == "webcontent"
    listed = [f.get("href") for r in resources.values() for f in r.findall(f"{CP}file")]
    assert sco.get("href") in listed
    assert sorted(listed) == sorted(n for n in names if n != "imsmanifest.xml"), "every file listed, no more"
    ids = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids))
    # the lesson guide, the reader and every card of this language
    for need in ("lesbrief.html", "reader.html", *(c.path[:-3] + ".html" for c in site.cards.values())):
        assert prefix(lang) + need in names, need
    # the launch page speaks the package's language, right to left where it is written so
    with zipfile.ZipFile(packages[lang]) as z:
        launch = z.read(sco.get("href")).decode("utf-8")
    assert f'<html lang="{lang}" dir="{"rtl" if lang in RTL else "ltr"}">' in launch


@pytest.mark.parametrize("lang", LANGUAGES)
def test_package_manifest_is_valid_against_the_scorm_12_schemas(packages, lang):
    if not (XSD / "imscp_rootv1p1p2.xsd").is_file():
        pytest.fail(f"{XSD} is missing: `make test` fetches the SCORM 1.2 schema files")
    from lxml import etree
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    both = (f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
            f'<xsd:import namespace="{CP[1:-1]}" schemaLocation="imscp_rootv1p1p2.xsd"/>'
            f'<xsd:import namespace="{ADLCP[1:-1]}" schemaLocation="adlcp_rootv1p2.xsd"/></xsd:schema>')
    schema = etree.XMLSchema(etree.fromstring(both.encode(), parser, base_url=f"{XSD}/"))
    with zipfile.ZipFile(packages[lang]) as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"), parser)
    assert schema.validate(manifest), str(schema.error_log)


def _host_page(folder: Path) -> None:
    """A stand-in platform: scorm-again's SCORM 1.2 API on window, one SCO's launch page in a frame
    (host.html?sco=scorm-x.html), as a platform opens one item of the course."""
    shutil.copy(RUNTIME, folder / "scorm12.min.js")
    (folder / "host.js").write_text("""
window.calls = [];
window.API = new Scorm12API({autocommit: false, logLevel: 5});
['LMSInitialize', 'LMSFinish', 'LMSCommit'].forEach(function (name) {
  window.API.on(name, function () { window.calls.push([name]); });
});
window.API.on('LMSSetValue.cmi.*', function (element, value) { window.calls.push(['LMSSetValue', element, value]); });
document.addEventListener('DOMContentLoaded', function () {
  var f = document.createElement('iframe');
  f.id = 'sco'; f.title = 'SCO'; f.src = 'pkg/' + new URLSearchParams(location.search).get('sco');
  f.style.width = '1000px'; f.style.height = '700px';
  document.body.appendChild(f);
});
""", encoding="utf-8")
    (folder / "host.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>'
                                      '<script src="scorm12.min.js"></script><script src="host.js"></script></head>'
                                      '<body></body></html>', encoding="utf-8")


def _items(manifest) -> list[tuple[str, str, str]]:
    """(title, launch page, the page it frames) of each item of the default organization."""
    orgs = manifest.find(f"{CP}organizations")
    org = next(o for o in orgs.findall(f"{CP}organization") if o.get("identifier") == orgs.get("default"))
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    return [(i.findtext(f"{CP}title").strip(), resources[i.get("identifierref")].get("href"), "")
            for i in org.findall(f"{CP}item")]


MEETING_PAGES = tuple(f"studenten/bijeenkomst-{n}.html" for n in range(1, 5))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_student_package_has_the_four_meetings_and_the_reader(packages, lang):
    import re
    with zipfile.ZipFile(packages[lang]) as z:
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        items = _items(manifest)
        framed = [re.search(r'<iframe id="kb-content" src="([^"]+)"', z.read(launch).decode()).group(1)
                  for _t, launch, _ in items]
    assert framed == [prefix(lang) + p for p in MEETING_PAGES] + [prefix(lang) + "reader.html"]
    assert all(title for title, *_ in items) and len({t for t, *_ in items}) == 5


def _lecturer_notes(lang: str) -> list[str]:
    """Sentences of the lesson guide's notes for the lecturer (its admonitions), in the guide's language."""
    import re
    src = ROOT / "docs" / ("lesbrief.md" if lang == LANGUAGES[0] else f"lesbrief.{lang}.md")
    blocks = re.findall(r"(?ms)^!!! note.*?(?=^\S)", src.read_text(encoding="utf-8"))
    notes = []
    for block in blocks:
        for line in block.splitlines()[1:]:
            if not re.match(r"^    (?:- )?\S", line):  # a line the note begins, not a continuation
                continue
            line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip().lstrip("- "))
            if len(line) > 30:
                notes.append(line[:30])
    return notes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_student_package_holds_one_language_its_pdfs_and_no_lecturer_notes(packages, lang):
    others = [x for x in LANGUAGES[1:] if x != lang]
    notes = _lecturer_notes(lang) + _lecturer_notes(LANGUAGES[0])
    assert len(notes) >= 5
    with zipfile.ZipFile(packages[lang]) as z:
        names = z.namelist()
        assert not [n for n in names if n.split("/")[0] in others], "only this language's pages"
        if lang != LANGUAGES[0]:
            assert not [n for n in names if n.endswith(".html") and "/" in n
                        and not n.startswith((f"{lang}/", "assets/"))], "no Dutch pages in another language's package"
        pdfs = [prefix(lang) + f"studenten/bijeenkomst-{n}-{lang}.pdf" for n in range(1, 5)]
        pdfs.append(prefix(lang) + f"kennisbank-{lang}.pdf")
        for pdf in pdfs:
            assert z.read(pdf).startswith(b"%PDF"), pdf
        for name in names:
            if name.endswith((".html", ".js", ".json")):
                text = z.read(name).decode("utf-8")
                found = [note for note in notes if note in text]  # not `assert x not in text`: pytest would diff megabytes
                assert not found, f"{name}: lecturer's note '{found[:1]}'"
    assert packages[lang].stat().st_size < 9_900_000, "smaller than the whole-site package (9.9 MB)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_item_reports_completion_to_a_scorm_runtime(packages, page, tmp_path, lang):
    if not RUNTIME.is_file():
        pytest.fail(f"{RUNTIME} is missing: run `npm ci` in tests/lms (make test does)")
    from reader import serve
    with zipfile.ZipFile(packages[lang]) as z:
        z.extractall(tmp_path / "pkg")
        items = _items(ET.fromstring(z.read("imsmanifest.xml")))
    assert len(items) == 5
    _host_page(tmp_path)
    httpd, base = serve(tmp_path)
    try:
        for _title, launch, _ in items:
            page.goto(f"{base}host.html?sco={launch}", wait_until="load")
            page.wait_for_function("window.calls.some(c => c[0] === 'LMSInitialize')")
            page.frame_locator("#sco").frame_locator("#kb-content").locator("article h1").first.wait_for()
            # opening the item is what completes it
            page.wait_for_function("API.cmi.core.lesson_status === 'completed'")
            assert not page.evaluate("API.isTerminated()")
            page.evaluate("document.getElementById('sco').src = 'about:blank'")
            page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
            names = [c[0] for c in page.evaluate("window.calls")]
            assert names[0] == "LMSInitialize" and names.count("LMSInitialize") == 1 and names.count("LMSFinish") == 1
            assert names.index("LMSFinish") == len(names) - 1, launch
            assert page.evaluate("API.cmi.core.lesson_status") == "completed", launch
            assert page.evaluate("API.lastErrorCode") in ("0", 0)
    finally:
        httpd.shutdown()


# ---------------------------------------------------------------- IMS Common Cartridge 1.1

CC = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CC_NAMESPACES = {CC[1:-1], "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
                 "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"}
# The resource types of the CC 1.1 profile (IMS CC 1.1 Implementation Guide, 4.5)
CC_TYPES = {"webcontent", "imsdt_xmlv1p1", "imswl_xmlv1p1", "imsbasiclti_xmlv1p0",
            "imsqti_xmlv1p2/imscc_xmlv1p1/assessment", "imsqti_xmlv1p2/imscc_xmlv1p1/question-bank",
            "associatedcontent/imscc_xmlv1p1/learning-application-resource"}


def _local_links(text: str) -> list[str]:
    """Relative href/src of a page, without the language switcher's links (hreflang) and fragments."""
    import re
    out = []
    for tag in re.findall(r"<(?:a|link|script|img)\b[^>]*>", text):
        if "hreflang=" in tag:
            continue
        m = re.search(r'\b(?:href|src)="([^"]*)"', tag)
        if m and m.group(1) and not re.match(r"^(?:[a-z]+:|#|/)", m.group(1)):
            out.append(m.group(1).split("#")[0].split("?")[0])
    return [x for x in out if x]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cartridge_reads_back_as_an_importer_reads_it(cartridges, lang):
    import posixpath
    with zipfile.ZipFile(cartridges[lang]) as z:
        names = set(z.namelist())
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        assert manifest.tag == f"{CC}manifest"
        assert {e.tag[1:].split("}")[0] for e in manifest.iter()} <= CC_NAMESPACES
        assert manifest.findtext(f"{CC}metadata/{CC}schema") == "IMS Common Cartridge"
        assert manifest.findtext(f"{CC}metadata/{CC}schemaversion") == "1.1.0"
        orgs = manifest.findall(f"{CC}organizations/{CC}organization")
        assert len(orgs) == 1 and orgs[0].get("structure") == "rooted-hierarchy"
        roots = orgs[0].findall(f"{CC}item")
        assert len(roots) == 1 and roots[0].get("identifierref") is None
        resources = {r.get("identifier"): r for r in manifest.iter(f"{CC}resource")}
        ids = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
        assert len(ids) == len(set(ids))
        for r in resources.values():
            assert r.get("type") in CC_TYPES, r.get("type")
            files = [f.get("href") for f in r.findall(f"{CC}file")]
            assert files, r.get("identifier")
            for href in files + ([r.get("href")] if r.get("href") else []):
                assert href in names, f"{href} is referenced but not in the cartridge"
                assert not href.startswith("/") and ".." not in href.split("/")
            if r.get("href"):
                assert r.get("href") in files
            for d in r.findall(f"{CC}dependency"):
                assert d.get("identifierref") in resources
        modules = roots[0].findall(f"{CC}item")
        assert len(modules) == 4, "one module per meeting"
        for n, module in enumerate(modules, start=1):
            assert module.findtext(f"{CC}title").strip()
            hrefs = [resources[i.get("identifierref")].get("href") for i in module.findall(f"{CC}item")]
            assert all(i.findtext(f"{CC}title").strip() for i in module.findall(f"{CC}item"))
            page = next(h for h in hrefs if h.endswith(f"studenten/bijeenkomst-{n}.html"))
            task = next(h for h in hrefs if h.endswith(f"studenten/bijeenkomst-{n}-opdracht.html"))
            assert any(h.endswith(f"bijeenkomst-{n}-{lang}.pdf") for h in hrefs), "the handout"
            text = z.read(task).decode("utf-8")
            assert f'<html lang="{lang}"' in text and 'id="opdracht"' in text and "<table>" in text
            assert text.count("<tr>") >= 4, "the rubric: a header and three criteria"
            for pg in (page, task):
                for link in _local_links(z.read(pg).decode("utf-8")):
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(pg), link))
                    assert target in names or target + "/index.html" in names, f"{pg}: {link} is not inside"
