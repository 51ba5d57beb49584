"""The release for schools (scripts/release.py, make release): one top folder, everything a school
needs, checksums that hold, and the same bytes from the same sources. The packaging runs here on a
stub build (a few files in web/, offline/, pdf/ and lms/), so it costs no site build; the real
`make release` is measured by hand (README, DEVELOPERS.md)."""
from __future__ import annotations

import hashlib
import itertools
import os
import re
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

import release  # scripts/release.py
import zipdir   # scripts/zipdir.py

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
EPOCH_ZIP_TIME = (2023, 11, 14, 22, 13, 20)


def _pdf(created: str, ident: str, nodes=("00002872", "00002873")) -> bytes:
    """A small PDF as Chromium (Skia) writes it: the print time in its Info and XMP, a random /ID."""
    body = (b"%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R /Metadata 4 0 R>>\nendobj\n"
            b"2 0 obj\n<</Type /Pages /Kids [] /Count 0>>\nendobj\n"
            b"3 0 obj\n<</Producer (Skia/PDF m120) /CreationDate (D:" + created.encode() + b"+01'00')"
            b" /ModDate (D:" + created.encode() + b"+01'00')>>\nendobj\n"
            b"4 0 obj\n<</Type /Metadata /Subtype /XML>>\nstream\n<xmp:CreateDate>"
            + f"{created[:4]}-{created[4:6]}-{created[6:8]}T{created[8:10]}:{created[10:12]}:{created[12:14]}+01:00".encode()
            + b"</xmp:CreateDate><xmpMM:DocumentID>uuid:" + ident[:8].encode() + b"-1234-5678-9abc-"
            + ident[8:20].encode() + b"</xmpMM:DocumentID>\nendstream\nendobj\n"
            # a tagged table: the header cell's id is the DOM node's number in the browser
            b"5 0 obj\n<</Type /StructElem /S /TH /ID (node" + nodes[0].encode() + b")>>\nendobj\n"
            b"6 0 obj\n<</Type /StructElem /S /TD /A [<</O /Table /Headers [(node" + nodes[0].encode() + b")]>>]>>\nendobj\n"
            b"7 0 obj\n<</Type /StructElem /S /TH /ID (node" + nodes[1].encode() + b")>>\nendobj\n")
    return body + b"trailer\n<</Size 5 /Root 1 0 R /Info 3 0 R /ID [<" + ident.encode() + b"> <" + ident.encode() + b">]>>\n%%EOF\n"


def _stub_build(printed_at: str, ident: str, mode: int):
    """A stand-in for the two site builds, the printing and the packages. Each call writes its files
    in another order, with other permissions and timestamps, and PDFs with another print time."""
    def build(top: Path) -> None:
        files = {
            "web/index.html": b"<!doctype html><title>Kennisbank</title>",
            "web/en/index.html": b"<!doctype html><title>Knowledge base</title>",
            "web/assets/kennisbank.js": b"// script",
            "web/csp-nginx.conf": b"add_header Content-Security-Policy \"default-src 'self'\" always;\n",
            "web/reader/kennisbank-nl.pdf": _pdf(printed_at, ident),
            "offline/index.html": b"<!doctype html><title>Kennisbank</title>",
            "pdf/reader-nl.pdf": _pdf(printed_at, ident),
            "pdf/ouderlijst-nl.pdf": _pdf(printed_at, ident[::-1]),
            "lms/kennisbank-nl-scorm12.zip": b"PK\x05\x06" + b"\0" * 18,
        }
        order = sorted(files, reverse=mode == 0o600)
        for i, name in enumerate(order):
            path = top / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[name])
            path.chmod(mode)
            os.utime(path, (1_000_000_000 + i * 7919 + mode, 1_000_000_000 + i * 7919 + mode))
    return build


def _release(tmp: Path, printed_at="20261207003000", ident="A" * 32, mode=0o644, **kw) -> Path:
    return release.make_release(tmp, build=_stub_build(printed_at, ident, mode), release_version="9.9.9",
                                epoch=EPOCH, **kw)


# ----------------------------------------------------------------------------- the zip itself

def test_zip_is_the_same_bytes_whatever_the_disk_says(tmp_path):
    """Same files, written in another order, with other timestamps and permissions: the same zip."""
    zips = []
    for n, (mode, order) in enumerate([(0o600, ["b/c.txt", "a.txt", "b/a.txt"]), (0o755, ["a.txt", "b/a.txt", "b/c.txt"])]):
        folder = tmp_path / f"f{n}"
        for i, name in enumerate(order):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(f"content of {name}")
            (folder / name).chmod(mode)
            os.utime(folder / name, (1_500_000_000 + 1000 * n + i, 1_500_000_000 + 1000 * n + i))
        zips.append(zipdir.write_zip(folder, tmp_path / f"{n}.zip", top="kennisbank-1.0", epoch=EPOCH).read_bytes())
    assert zips[0] == zips[1]
    with zipfile.ZipFile(tmp_path / "0.zip") as z:
        infos = z.infolist()
    names = [i.filename for i in infos]
    assert names == ["kennisbank-1.0/", "kennisbank-1.0/a.txt", "kennisbank-1.0/b/", "kennisbank-1.0/b/a.txt",
                     "kennisbank-1.0/b/c.txt"]
    assert {i.date_time for i in infos} == {EPOCH_ZIP_TIME}
    assert {(i.filename, i.external_attr >> 16) for i in infos if not i.is_dir()} == \
        {(n, 0o100644) for n in names if not n.endswith("/")}
    assert {i.external_attr >> 16 for i in infos if i.is_dir()} == {0o040755}
    assert {i.create_system for i in infos} == {3}


def test_zip_time_is_source_date_epoch_and_never_before_1980(tmp_path, monkeypatch):
    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "x").write_text("x")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    with zipfile.ZipFile(zipdir.write_zip(tmp_path / "f", tmp_path / "a.zip")) as z:
        assert z.getinfo("x").date_time == EPOCH_ZIP_TIME
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # 1970: a zip cannot hold it
    with zipfile.ZipFile(zipdir.write_zip(tmp_path / "f", tmp_path / "b.zip")) as z:
        assert z.getinfo("x").date_time == (1980, 1, 1, 0, 0, 0)


# ----------------------------------------------------------------------------- PDFs

def test_pdf_print_time_and_ids_are_replaced_keeping_every_offset():
    a = _pdf("20261207003000", "0123456789ABCDEF0123456789ABCDEF")
    b = _pdf("20261208171544", "FEDCBA9876543210FEDCBA9876543210", nodes=("00000556", "00000557"))
    ra, rb = release.reproducible_pdf(a, EPOCH), release.reproducible_pdf(b, EPOCH)
    assert ra == rb
    assert len(ra) == len(a)  # the xref offsets and the size shown beside the download stay right
    assert b"(D:20231114221320+00'00')" in ra and b"2023-11-14T22:13:20+00:00" in ra
    assert b"0123456789ABCDEF" not in ra and b"uuid:01234567" not in ra
    assert re.findall(rb"\(node\d+\)", ra) == [b"(node00000001)", b"(node00000001)", b"(node00000002)"]
    # another document gets another id
    other = release.reproducible_pdf(_pdf("20261207003000", "0" * 32).replace(b"/Count 0", b"/Count 1"), EPOCH)
    assert re.search(rb"/ID \[<(\w+)>", other).group(1) != re.search(rb"/ID \[<(\w+)>", ra).group(1)


def test_a_pdf_printed_twice_by_chromium_gives_the_same_bytes(browser):
    """Chromium writes the print time, a random document id and (tagged) the numbers of the DOM nodes
    of a table's headers: two prints of one page, loaded twice, a second apart, differ until they
    pass through reproducible_pdf, and the result still opens with its pages."""
    import pypdfium2
    page = browser.new_page()
    try:
        prints = []
        for _ in range(2):  # the same page loaded again: new DOM nodes, with higher numbers
            page.set_content("<html lang='nl'><h1 id='a'>Lijst</h1><p>Vraag één.</p><h2 id='b'>Meer</h2>"
                             "<table><tr><th>Nederlands</th><th>English</th></tr>"
                             "<tr><td>Vraag</td><td>Question</td></tr></table></html>")
            prints.append(page.pdf(format="A4", tagged=True, outline=True))
            time.sleep(1.1)
    finally:
        page.close()
    assert prints[0] != prints[1]  # else this test proves nothing
    assert re.findall(rb"\(node\d+\)", prints[0]) != re.findall(rb"\(node\d+\)", prints[1])
    fixed = [release.reproducible_pdf(x, EPOCH) for x in prints]
    assert fixed[0] == fixed[1]
    doc = pypdfium2.PdfDocument(fixed[0])
    try:
        assert len(doc) == 1
        assert doc.get_metadata_value("CreationDate").startswith("D:20231114221320")
    finally:
        doc.close()


# ----------------------------------------------------------------------------- the release

def test_release_unpacks_into_one_folder_with_everything_a_school_needs(tmp_path):
    target = _release(tmp_path / "out")
    assert target.name == "kennisbank-9.9.9.zip"
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        tops = {n.split("/", 1)[0] for n in names}
        assert tops == {"kennisbank-9.9.9"}, tops
        files = {n.split("/", 1)[1] for n in names if not n.endswith("/")}
        for part in ("web/index.html", "offline/index.html", "pdf/reader-nl.pdf", "pdf/ouderlijst-nl.pdf",
                     "lms/kennisbank-nl-scorm12.zip", "LEESMIJ.txt", "README.txt", "school.example.yml",
                     "SHA256SUMS"):
            assert part in files, part
        for _, inside in release.EXTRA_FILES:  # the list the lead extends: every entry ships
            assert inside in files, inside
        leesmij = z.read("kennisbank-9.9.9/LEESMIJ.txt").decode("utf-8")
        assert "9.9.9" in leesmij and "@" not in leesmij
        assert all(line.endswith("\r") or not line for line in leesmij.split("\n")[:-1])  # CRLF for Notepad
        web_config = z.read("kennisbank-9.9.9/deploy/iis.web.config.example").decode()
        assert '<mimeMap fileExtension=".pdf" mimeType="application/pdf" />' in web_config
        assert 'fileExtension=".conf"' not in web_config  # csp-nginx.conf is for nginx, not to be served
        for name in ("deploy/iis.web.config.example", "deploy/apache.htaccess.example"):
            text = z.read(f"kennisbank-9.9.9/{name}").decode()
            assert "default-src 'self'" in text and "@" not in text.replace("@VERSION", ""), name
        assert z.read("kennisbank-9.9.9/school.example.yml") == (ROOT / "school.example.yml").read_bytes()


def test_sha256sums_covers_every_other_file_and_holds(tmp_path):
    with zipfile.ZipFile(_release(tmp_path / "out")) as z:
        files = {n.split("/", 1)[1]: z.read(n) for n in z.namelist() if not n.endswith("/")}
    listed = {}
    for line in files.pop("SHA256SUMS").decode().splitlines():
        digest, name = line.split("  ", 1)  # sha256sum's own format, so `sha256sum -c` reads it
        listed[name] = digest
    assert set(listed) == set(files)
    assert {n: hashlib.sha256(b).hexdigest() for n, b in files.items()} == listed


def test_the_same_sources_give_the_same_zip(tmp_path):
    """Two releases whose builds wrote files in another order, mode and time, with PDFs printed at
    another moment with other ids: the same bytes."""
    a = _release(tmp_path / "a", printed_at="20261207003000", ident="A1" * 16, mode=0o644).read_bytes()
    b = _release(tmp_path / "b", printed_at="20261208235959", ident="B2" * 16, mode=0o600).read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a" / "kennisbank-9.9.9.zip") as z:
        assert {i.date_time for i in z.infolist()} == {EPOCH_ZIP_TIME}


def test_a_missing_extra_file_is_refused_naming_it(tmp_path):
    with pytest.raises(release.ReleaseError, match=r"^release/GONE\.txt: missing \(listed in EXTRA_FILES"):
        _release(tmp_path, extra=release.EXTRA_FILES + [("release/GONE.txt", "GONE.txt")])


def test_a_file_type_iis_does_not_know_stops_the_release(tmp_path):
    def build(top):
        _stub_build("20261207003000", "A" * 32, 0o644)(top)
        (top / "web" / "school.yml").write_text("name: x")
    with pytest.raises(release.ReleaseError, match=r"\.yml .*MIME_TYPES"):
        release.make_release(tmp_path, build=build, release_version="9.9.9", epoch=EPOCH)


def test_a_tag_that_is_not_the_version_is_refused_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("RELEASE_TAG", "v0.0.1-not-it")
    assert release.main(["release.py", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert err == f"release: the tag v0.0.1-not-it does not match the version in pyproject.toml (v{version})\n"
    assert not any(tmp_path.iterdir())  # nothing built


# ----------------------------------------------------------------------------- ICU without a compiler

def test_exactly_one_icu_package_is_installed_on_every_platform():
    """pyicu-wheels where it has a wheel (CPython 3.11-3.14, Linux x86_64/aarch64, 64-bit Windows),
    PyICU everywhere else: never both (two copies of module icu), never neither."""
    from packaging.requirements import Requirement
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    icu = [Requirement(d) for d in project["dependencies"] if Requirement(d).name.lower() in ("pyicu", "pyicu-wheels")]
    wheels = {("CPython", py, "linux", m) for py in ("3.11", "3.12", "3.13", "3.14") for m in ("x86_64", "aarch64")} | \
             {("CPython", py, "win32", "AMD64") for py in ("3.11", "3.12", "3.13", "3.14")}
    for env in itertools.product(("CPython", "PyPy"), ("3.11", "3.12", "3.13", "3.14", "3.15"),
                                 ("linux", "win32", "darwin"), ("x86_64", "aarch64", "AMD64", "arm64", "armv7l")):
        marker_env = dict(zip(("platform_python_implementation", "python_version", "sys_platform", "platform_machine"), env))
        chosen = [r.name.lower() for r in icu if r.marker.evaluate(marker_env)]
        assert chosen == (["pyicu-wheels"] if env in wheels else ["pyicu"]), env


def test_both_locks_pin_both_icu_packages_with_hashes():
    """pip-compile keeps only what this machine installs; make lock adds the other platforms' ICU."""
    for lock in ("requirements.lock", "requirements-test.lock"):
        text = (ROOT / lock).read_text()
        for name in ("pyicu-wheels==", "pyicu=="):
            entry = re.search(rf"^{re.escape(name)}[^\n]* ; [^\n]*\\\n\s+--hash=sha256:[0-9a-f]{{64}}", text, re.M)
            assert entry, f"{lock}: no {name} with a marker and a hash"


def test_printable_sheets_are_the_parents_list_per_language_and_the_bilingual_sheet_per_translation(tmp_path):
    """The bilingual sheet is Dutch beside another language: none for Dutch itself (its page
    exists, to choose a language), and one only where the site has the page."""
    for folder in ("checklists/ouders", "checklists/ouders-tweetalig", "en/checklists/ouders",
                   "en/checklists/ouders-tweetalig", "ti/checklists/ouders"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "index.html").write_text("<!doctype html>")
    assert release._sheets(tmp_path, ("nl", "en", "ti")) == [
        ("checklists/ouders/", "ouderlijst-nl.pdf"),
        ("en/checklists/ouders/", "ouderlijst-en.pdf"),
        ("en/checklists/ouders-tweetalig/", "ouderlijst-tweetalig-nl-en.pdf"),
        ("ti/checklists/ouders/", "ouderlijst-ti.pdf"),
    ]


def test_a_browser_failure_while_printing_is_one_line(tmp_path, monkeypatch):
    built = []
    monkeypatch.setattr(release, "_mkdocs", lambda config, site_dir: built.append(config))

    def crash(web, pdf_dir, offline=None):
        raise RuntimeError("Browser closed.\n==== logs ====\nmany lines")
    monkeypatch.setattr(release, "print_pdfs", crash)
    with pytest.raises(release.ReleaseError) as e:
        release.build_parts(tmp_path)
    assert str(e.value) == ("printing the PDFs with Chromium (scripts/reader.py: CHROMIUM) failed "
                            "(RuntimeError: Browser closed.)")
    assert built == ["mkdocs.yml", "mkdocs.offline.yml"]  # stopped there: no packages
    assert not (tmp_path / "lms").exists()
