"""A release as a school gets it, end to end (issue 22, "Done when"): unzip it, brand it with a school
file of structured details and Dutch-only free text (brand.html, no build), and open it in Chromium
and in WebKit, from disk (offline/) and from nginx under /kennisbank/ (web/). Every language shows
the school's name and contact; no Arabic or Persian page shows the Dutch free text; the printed
parents' list shows the school and a QR code that decodes to the school's address. And: no
example.org in any file of a release built without a site_url.

This is also where branding a built site is checked in the browser (test_brand.py holds the school
file, the form's refusals and the helpers): web/ is branded through its brand.html served by nginx,
under the policy of deploy/nginx.conf.example, with a logo; offline/ from disk, its details saved as
school.json and loaded again. The brand step names the languages without the free text; the logo is
written and shown; no policy is broken and no other host asked, while branding or after; the branded
pages pass axe, brand.html too; from disk, the printed list fits one A4 in every language.

Kept affordable: the zip is made by scripts/release.py's own make_release (layout, extra files,
SHA256SUMS, zip) around the session's two site builds (built_site: without site_url; offline_site),
the real learning-platform packages, and one printed sheet for pdf/ instead of every reader; each
folder is branded once, for every test below. The whole `make release` is measured by hand
(DEVELOPERS.md).
"""
from __future__ import annotations

import io
import json
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ALL_LANGUAGES, DEFAULT, LANGUAGES, LOCAL, ROOT, RTL, _free_port, axe_violations, prefix
from test_brand import SCHOOL, _brand, _check_every_language, _printed_list
from test_webkit import trap, webkit  # noqa: F401 - WebKit on its own Xvfb, and the stand-in for other hosts

import release  # scripts/release.py

# Selenium's own WebKitGTK driver still passes an argument that Selenium itself deprecates.
pytestmark = [pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
              pytest.mark.xdist_group("webkit")]  # make test's workers: one WebKit (and its Xvfb) for test_webkit.py and test_release_e2e.py, and the release made once

EPOCH = 1700000000
WAIT = 20  # seconds, for every wait in a browser
LOGO = ROOT / "deploy" / "school-example-logo.svg"  # web/ is branded with it
# The Dutch free text, and Dutch words of the structured details, that no RTL page may show
DUTCH_WORDS = re.compile(r"\b(maandag|donderdag|Vraag|leerkracht|afspraak|balie|tolk)\b")


def _all_bytes(folder: Path):
    """(name, bytes) of every file under ``folder``, and of every file inside a zip there."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        yield name, data
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    if not info.is_dir():
                        yield f"{name}!{info.filename}", z.read(info)


@pytest.fixture(scope="module")
def unzipped(built_site, offline_site, browser, tmp_path_factory):
    """The release zip, made by release.make_release from the session builds, unzipped."""
    import lms  # scripts/lms.py

    def build(top: Path) -> None:
        shutil.copytree(built_site, top / "web")
        shutil.copytree(offline_site, top / "offline")
        # the students' packages zip the reader PDFs and handouts, which the session build has not printed
        lms.make_packages(top / "offline", top / "lms", need_pdfs=False)
        (top / "pdf").mkdir()
        page = browser.new_page()
        try:
            page.set_default_timeout(WAIT * 1000)
            page.goto((top / "offline" / "checklists" / "ouders.html").as_uri())
            (top / "pdf" / f"ouderlijst-{DEFAULT}.pdf").write_bytes(page.pdf(format="A4", tagged=True))
        finally:
            page.close()

    work = tmp_path_factory.mktemp("release")
    started = time.monotonic()
    target = release.make_release(work / "dist", build=build, epoch=EPOCH)
    print(f"\nrelease zip {target.stat().st_size:,} bytes in {time.monotonic() - started:.0f} s")
    assert target.name == f"kennisbank-{release.version()}.zip"
    out = work / "unzipped"
    with zipfile.ZipFile(target) as z:
        tops = {n.split("/", 1)[0] for n in z.namelist()}
        assert tops == {target.stem}, tops  # one top folder
        z.extractall(out)
    shutil.rmtree(work / "dist" / "release")  # what was zipped: only the unzipped copy is used below
    return out / target.stem


def test_the_release_has_its_parts_and_its_sums_hold(unzipped):
    for part in ("web/index.html", "web/brand.html", "offline/index.html", "offline/brand.html",
                 f"pdf/ouderlijst-{DEFAULT}.pdf", "LEESMIJ.txt", "README.txt", "school.example.yml", "SHA256SUMS"):
        assert (unzipped / part).is_file(), part
    assert sorted(p.name for p in (unzipped / "lms").iterdir()) and len(list((unzipped / "lms").glob("*.zip"))) == len(LANGUAGES)
    import hashlib
    lines = (unzipped / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    files = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert {ln.split("  ", 1)[1] for ln in lines} == files
    for ln in lines:
        digest, name = ln.split("  ", 1)
        assert hashlib.sha256((unzipped / name).read_bytes()).hexdigest() == digest, name


def test_no_example_org_in_any_file_of_a_release_without_site_url(unzipped):
    """Also inside the packages for a learning platform, and in the text and links of the PDFs
    (their streams are compressed: read them as a reader does)."""
    import pypdfium2
    hits = [name for name, data in _all_bytes(unzipped) if b"example.org" in data]
    assert not hits, hits[:5]
    pdfs = sorted(unzipped.rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        pdf = pypdfium2.PdfDocument(path)
        for n in range(len(pdf)):
            text = pdf[n].get_textpage().get_text_range()
            assert text.strip() and "example.org" not in text, (path.name, n)
            assert "http" not in text, (path.name, n, "an online address printed without a site_url")
        pdf.close()


def _watch(page, foreign: list, csp: list):
    """Deadlines on the page's waits; records its requests to other hosts in ``foreign``, and in
    ``csp`` what the console says about the Content Security Policy (a script, style, image or
    connection the policy refused)."""
    page.set_default_timeout(WAIT * 1000)
    page.on("request", lambda r: r.url.startswith(LOCAL) or foreign.append(r.url))
    page.on("console", lambda m: "Content Security Policy" in m.text and csp.append(m.text))
    return page


@dataclass
class Branded:
    web: str               # the nginx base URL of web/, under /kennisbank/
    offline: str           # the file:// base URL of offline/
    status: dict           # what brand.html's check said before applying, per folder ("web", "offline")
    school_json: Path      # offline/'s details, saved with brand.html's save button right after branding
    foreign: list          # requests to other hosts while branding
    csp: list              # console messages about the Content Security Policy while branding


@pytest.fixture(scope="module")
def branded(unzipped, browser, tmp_path_factory):
    """web/ and offline/ branded once each, as a coordinator does after unzipping, with the folder
    picked by a stand-in for the picker over the real folder (test_brand.py). web/ first, through its
    brand.html served by nginx under /kennisbank/ (deploy/nginx.conf.example, so its policy header
    holds for brand.html and brand.js as it does on a school's server), with the example logo;
    offline/ through brand.html opened from disk, and its details then saved as school.json for the
    next release. Yields a Branded; the tests check what was recorded."""
    from localnginx import nginx_binary, start_nginx
    if nginx_binary() is None:
        pytest.skip("no nginx; install Debian's nginx-light")
    work = tmp_path_factory.mktemp("nginx-release")
    port = _free_port()
    proc = start_nginx(unzipped / "web", port, work)  # deploy/nginx.conf.example: /kennisbank/ is web/; answers within 10 s or raises
    try:
        web = f"http://127.0.0.1:{port}/kennisbank/"
        done = Branded(web, (unzipped / "offline").as_uri() + "/", {}, work / "school.json", [], [])
        for part, url, logo in (("web", web + "brand.html", LOGO),
                                ("offline", (unzipped / "offline" / "brand.html").as_uri(), None)):
            context = browser.new_context()
            try:
                page = _watch(context.new_page(), done.foreign, done.csp)
                done.status[part] = _brand(page, unzipped / part, url, logo=logo)
                if part == "offline":  # the details of this time, to fill the form again for the next release
                    with page.expect_download(timeout=WAIT * 1000) as download:
                        page.click("#kb-save")
                    download.value.save_as(done.school_json)
            finally:
                context.close()
        yield done
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def chromium(browser):
    """A fresh context; fails the test if a page asks another host for anything or the console
    reports a refusal by the Content Security Policy."""
    context = browser.new_context()
    foreign, csp = [], []
    page = _watch(context.new_page(), foreign, csp)
    yield page
    context.close()
    assert not foreign, f"requests to other hosts: {foreign[:5]}"
    assert not csp, f"Content Security Policy: {csp[:3]}"


@pytest.mark.parametrize("part", ["web", "offline"])
def test_brand_html_names_the_languages_without_the_free_text(branded, part):
    """Before applying, the check says which languages will not show the Dutch-only free text: one
    line per free-text field (interpreter, when), each naming every other language of the site, the
    partial ones too (their parents' pages show the school's details as well)."""
    status = branded.status[part]
    lines = [ln for ln in status.splitlines() if "ontbreekt" in ln]
    named = [re.search(r"ontbreekt in: ([^.]*)\.", ln).group(1).split(", ") for ln in lines]
    assert len(lines) == 2 and all(n == [x for x in ALL_LANGUAGES if x != DEFAULT] for n in named), status


def test_branding_breaks_no_policy_and_asks_no_other_host(branded):
    """brand.html and brand.js under nginx's Content-Security-Policy header (and from disk under the
    page's own): nothing refused while checking, reading, writing the folder and saving school.json."""
    assert not branded.csp, branded.csp[:3]
    assert not branded.foreign, branded.foreign[:5]


def test_the_logo_is_written_and_shown_from_nginx(branded, unzipped, chromium):
    written = unzipped / "web" / "assets" / "school-logo.svg"
    assert written.is_file() and written.read_bytes() == LOGO.read_bytes(), "brand.js did not write the logo"
    chromium.goto(branded.web)
    logo = chromium.locator(".kb-school-bar img.kb-s-logo")
    assert logo.evaluate("i => i.complete && i.naturalWidth > 0"), "the logo does not load in the school bar"


def test_chromium_every_language_from_nginx_under_a_sub_path(branded, chromium):
    web = branded.web
    _check_every_language(chromium, web, "/")
    for lang in (DEFAULT, *RTL):
        _printed_list(chromium, f"{web}{prefix(lang)}checklists/ouders/",
                      f"{SCHOOL['site_url']}{prefix(lang)}checklists/ouders/")
    chromium.goto(f"{web}ar/checklists/ouders-tweetalig/")  # the bilingual sheet, Dutch beside Arabic
    assert SCHOOL["name"] in chromium.locator("aside.kb-school").inner_text()


def test_axe_on_a_branded_page_and_brand_html_from_nginx(branded, chromium):
    """WCAG 2.2 AA with the school's details shown (RTL), and on the form under nginx's policy."""
    for url in (f"{branded.web}ar/lezers/ouders/", f"{branded.web}brand.html"):
        chromium.goto(url)
        assert axe_violations(chromium) == [], url


def test_chromium_every_language_from_disk(branded, chromium):
    offline = branded.offline
    _check_every_language(chromium, offline, ".html")
    for lang in LANGUAGES:  # with the school's details the printed list still fits one A4, in every language
        _printed_list(chromium, f"{offline}{prefix(lang)}checklists/ouders.html",
                      f"{SCHOOL['site_url']}{prefix(lang)}checklists/ouders/")


def test_school_json_fills_in_brand_html_again(branded, unzipped, chromium):
    """The saved school.json, loaded into a fresh brand.html, gives the same details; the pages hold
    exactly them; and brand.js escapes text that would close the kb-school <script> block."""
    saved = json.loads(branded.school_json.read_text(encoding="utf-8"))
    chromium.goto(f"{branded.offline}brand.html")
    chromium.set_input_files("#kb-load", str(branded.school_json))
    chromium.wait_for_selector("#kb-result:has-text('in orde')")
    assert chromium.evaluate("KBBrand.details().data") == saved
    html = (unzipped / "offline" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kb-school">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block) == saved
    # the block stays data: text that would close the <script> is escaped by brand.js too
    block = chromium.evaluate("KBBrand.json({name: '</script><script>alert(1)</script> & co'})")
    assert "<" not in block and ">" not in block and json.loads(block)["name"].startswith("</script>")


def _school_box(driver, url: str) -> str:
    """The parents' page at ``url`` in WebKit: the text of its school box, once kb-school.js has
    filled it in with the school's name."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get(url)
    WebDriverWait(driver, WAIT).until(
        lambda d: d.current_url == url and SCHOOL["name"] in d.find_element(By.CSS_SELECTOR, "aside.kb-school").text,
        message=f"{url}: the school box does not show the school's name")
    return driver.find_element(By.CSS_SELECTOR, "aside.kb-school").text


@pytest.mark.parametrize("where", ["nginx", "disk"])
def test_webkit_parents_pages_show_the_school(branded, webkit, trap, where):  # noqa: F811
    web, offline = branded.web, branded.offline
    before = len(trap.asked)
    for lang in (DEFAULT, "ar"):
        url = f"{web}{prefix(lang)}lezers/ouders/" if where == "nginx" else f"{offline}{prefix(lang)}lezers/ouders.html"
        text = _school_box(webkit, url)
        assert SCHOOL["name"] in text and SCHOOL["contact"] in text and SCHOOL["vp"] in text, (url, text)
        if lang == DEFAULT:
            assert SCHOOL["interpreter_nl"] in text, text
        else:
            assert SCHOOL["interpreter_nl"] not in text and SCHOOL["when_nl"] not in text, text
            assert not DUTCH_WORDS.search(text), text
    time.sleep(0.2)  # a request still on its way reaches the trap
    assert not trap.asked[before:], f"requests to other hosts: {trap.asked[before:][:5]}"
