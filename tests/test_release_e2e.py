"""A release as a school gets it, end to end (issue 22, "Done when"): unzip it, brand it with a school
file of structured details and Dutch-only free text (brand.html, no build), and open it in Chromium
and in WebKit, from disk (offline/) and from nginx under /kennisbank/ (web/). Every language shows
the school's name and contact; no Arabic or Persian page shows the Dutch free text; the printed
parents' list shows the school and a QR code that decodes to the school's address. And: no
example.org in any file of a release built without a site_url.

Kept affordable: the zip is made by scripts/release.py's own make_release (layout, extra files,
SHA256SUMS, zip) around the session's two site builds (built_site: without site_url; offline_site),
the real learning-platform packages, and one printed sheet for pdf/ instead of every reader. The
whole `make release` is measured by hand (DEVELOPERS.md).
"""
from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from conftest import DEFAULT, LANGUAGES, RTL, _free_port, prefix
from test_brand import SCHOOL, _brand, _check_every_language, _printed_list
from test_webkit import trap, webkit  # noqa: F401 - WebKit on its own Xvfb, and the stand-in for other hosts

import release  # scripts/release.py

# Selenium's own WebKitGTK driver still passes an argument that Selenium itself deprecates.
pytestmark = [pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
              pytest.mark.xdist_group("webkit")]  # make test's workers: one WebKit (and its Xvfb) for test_webkit.py and test_release_e2e.py, and the release made once

EPOCH = 1700000000
WAIT = 20  # seconds, for every wait in a browser
LOCAL = ("http://127.0.0.1:", "file:", "data:", "blob:", "about:")
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


@pytest.fixture(scope="module")
def branded(unzipped, browser, tmp_path_factory):
    """web/ and offline/ branded as a coordinator does after unzipping: brand.html opened from disk
    in each, the folder picked (a stand-in for the picker over the real folder, test_brand.py).
    Yields (nginx base URL of web/ under /kennisbank/, file:// base URL of offline/)."""
    from localnginx import nginx_binary, start_nginx
    for part in ("web", "offline"):
        site = unzipped / part
        context = browser.new_context()
        try:
            page = context.new_page()
            page.set_default_timeout(WAIT * 1000)
            status = _brand(page, site, (site / "brand.html").as_uri())
            # the brand step names the languages without the free text, once per field
            others = ", ".join(x for x in LANGUAGES if x != DEFAULT)
            assert len([ln for ln in status.splitlines() if "ontbreekt" in ln and others in ln]) == 2, status
        finally:
            context.close()
    if nginx_binary() is None:
        pytest.skip("no nginx; install Debian's nginx-light")
    work = tmp_path_factory.mktemp("nginx-release")
    port = _free_port()
    proc = start_nginx(unzipped / "web", port, work)  # deploy/nginx.conf.example: /kennisbank/ is web/  # answers within 10 s or raises
    try:
        yield f"http://127.0.0.1:{port}/kennisbank/", (unzipped / "offline").as_uri() + "/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def chromium(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(WAIT * 1000)
    foreign = []
    page.on("request", lambda r: r.url.startswith(LOCAL) or foreign.append(r.url))
    yield page
    context.close()
    assert not foreign, f"requests to other hosts: {foreign[:5]}"


def test_chromium_every_language_from_nginx_under_a_sub_path(branded, chromium):
    web, _ = branded
    _check_every_language(chromium, web, "/")
    for lang in (DEFAULT, *RTL):
        _printed_list(chromium, f"{web}{prefix(lang)}checklists/ouders/",
                      f"{SCHOOL['site_url']}{prefix(lang)}checklists/ouders/")


def test_chromium_every_language_from_disk(branded, chromium):
    _, offline = branded
    _check_every_language(chromium, offline, ".html")
    for lang in (DEFAULT, *RTL):
        _printed_list(chromium, f"{offline}{prefix(lang)}checklists/ouders.html",
                      f"{SCHOOL['site_url']}{prefix(lang)}checklists/ouders/")


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
    web, offline = branded
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
