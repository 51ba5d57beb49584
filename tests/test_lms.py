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

from conftest import LANGUAGES, ROOT, RTL, mkdocs, prefix

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
RUNTIME = ROOT / "tests" / "lms" / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
XSD = ROOT / "tests" / "lms" / "scorm12edition"  # fetched by the Makefile (make test)


@pytest.fixture(scope="module")
def packages(tmp_path_factory, site):
    tmp = tmp_path_factory.mktemp("lms")
    offline = tmp / "offline"
    result = mkdocs(ROOT, "--config-file", "mkdocs.offline.yml", site_dir=offline)
    assert result.returncode == 0, result.stderr[-2000:]
    out = tmp / "packages"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "lms.py"), str(offline), str(out)],
                   check=True, capture_output=True, text=True, timeout=300)
    return {lang: out / f"kennisbank-{lang}-scorm12.zip" for lang in LANGUAGES}


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
    """A stand-in platform: scorm-again's SCORM 1.2 API on window, the package's launch page in a frame."""
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
  f.id = 'sco'; f.title = 'SCO'; f.src = 'pkg/scorm.html'; f.style.width = '1000px'; f.style.height = '700px';
  document.body.appendChild(f);
});
""", encoding="utf-8")
    (folder / "host.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>'
                                      '<script src="scorm12.min.js"></script><script src="host.js"></script></head>'
                                      '<body></body></html>', encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_package_reports_to_a_scorm_runtime(packages, page, tmp_path, lang):
    if not RUNTIME.is_file():
        pytest.fail(f"{RUNTIME} is missing: run `npm ci` in tests/lms (make test does)")
    from reader import serve
    with zipfile.ZipFile(packages[lang]) as z:
        z.extractall(tmp_path / "pkg")
    _host_page(tmp_path)
    httpd, base = serve(tmp_path)
    try:
        page.goto(base + "host.html", wait_until="load")
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSInitialize')")
        frame = page.frame_locator("#sco").frame_locator("#kb-content")
        frame.locator("article h1").first.wait_for()
        calls = page.evaluate("window.calls")
        assert calls[0] == ["LMSInitialize"]
        assert ["LMSSetValue", "cmi.core.lesson_status", "incomplete"] in calls
        assert page.evaluate("API.cmi.core.lesson_status") == "incomplete", "the guide alone is not the whole course"
        # the learner follows the guide's link to the reader: the course is complete
        frame.locator('article a[href$="reader.html"]').first.click()
        page.wait_for_function("API.cmi.core.lesson_status === 'completed'")
        assert not page.evaluate("API.isTerminated()")
        # the platform closes the SCO: the package says goodbye
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
        calls = page.evaluate("window.calls")
        names = [c[0] for c in calls]
        assert names.count("LMSInitialize") == 1 and names.count("LMSFinish") == 1
        assert names.index("LMSFinish") == len(names) - 1
        assert page.evaluate("API.isTerminated()") and page.evaluate("API.cmi.core.lesson_status") == "completed"
        assert page.evaluate("API.lastErrorCode") in ("0", 0)
    finally:
        httpd.shutdown()
