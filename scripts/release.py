"""The release for schools: `make release` writes dist/kennisbank-<version>.zip.

    python scripts/release.py [OUT_DIR]        (version: pyproject.toml; OUT_DIR: dist)

The zip unpacks into one folder, kennisbank-<version>/, holding:

    web/        the site for a web server, under any sub-path (mkdocs.yml), with the reader PDFs
    offline/    the site for opening from disk (mkdocs.offline.yml)
    pdf/        the course reader per language, and the printable sheets: the parents' list per
                language and its bilingual sheet (Dutch beside the language)
    lms/        one SCORM 1.2 package per language, for a learning platform
    EXTRA_FILES (below): LEESMIJ.txt, README.txt, the example school file, ...
    SHA256SUMS  the checksum of every other file (sha256sum -c SHA256SUMS)

Each site is built once: the PDFs are printed from web/ and the packages made from offline/.
The same sources give the same bytes: every timestamp is SOURCE_DATE_EPOCH (the Makefile sets it
to the last commit's time), entries are sorted, permissions fixed, and the dates and document ids
Chromium writes into a PDF are replaced by ones derived from SOURCE_DATE_EPOCH and the PDF itself.
A release tag (RELEASE_TAG, as the release workflow passes it) must be v<version>.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from zipdir import ZIP_EPOCH, write_zip  # noqa: E402

# What ships beside the built parts: (file in the project, its path in the release folder).
# This is the one list to extend: a file added here is copied into every release (and checked
# by tests/test_release.py). In the files named in TEMPLATES, @VERSION@, @CSP@ (the site's
# Content-Security-Policy) and @MIMEMAPS@ (IIS's list of the site's file types) are filled in.
EXTRA_FILES = [
    ("release/LEESMIJ.txt", "LEESMIJ.txt"),
    ("release/README.txt", "README.txt"),
    ("school.example.yml", "school.example.yml"),
    ("deploy/school-example-logo.svg", "deploy/school-example-logo.svg"),  # the example file's logo
    ("deploy/nginx.conf.example", "deploy/nginx.conf.example"),
    ("release/apache.htaccess.example", "deploy/apache.htaccess.example"),
    ("release/iis.web.config.example", "deploy/iis.web.config.example"),
]
TEMPLATES = {"LEESMIJ.txt", "README.txt", "deploy/apache.htaccess.example", "deploy/iis.web.config.example"}
CRLF = {"LEESMIJ.txt", "README.txt"}  # so that Notepad on an older Windows shows the lines too

# The file types of the web site, for IIS, which serves no type it does not know. A new type in
# the site stops the release until it is added here (None: not to be served, like csp-nginx.conf).
MIME_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
    ".json": "application/json", ".webmanifest": "application/manifest+json", ".xml": "application/xml",
    ".gz": "application/gzip", ".txt": "text/plain", ".pdf": "application/pdf", ".svg": "image/svg+xml",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf",
    ".map": "application/json", ".conf": None,
}

BUILD_TIMEOUT = 1800  # seconds for one site build: a hang fails with its reason
SUMS = "SHA256SUMS"


class ReleaseError(Exception):
    """A release cannot be made; the message is one line for the person running it."""


def version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time, else 1980-01-01."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                             timeout=30).stdout.strip()
        return int(out) if out else ZIP_EPOCH
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return ZIP_EPOCH


# --- PDFs without the time they were printed -------------------------------------------------

_PDF_DATE = re.compile(rb"\((D:\d{14})([^)]*)\)")                      # /CreationDate (D:20261207003000+00'00')
_XMP_DATE = re.compile(rb"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})((?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_NODE = re.compile(rb"\(node(\d+)\)")  # tagged PDF: a table header's id, Chromium's DOM node number
_UUID = re.compile(rb"uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _same_length(new: bytes, old: bytes) -> bytes:
    """``new`` cut or padded with zeros to the length of ``old``."""
    return (new + b"0" * len(old))[:len(old)]


def reproducible_pdf(data: bytes, epoch: int) -> bytes:
    """The PDF with its print dates set to ``epoch``, its ids derived from its content, and the
    DOM node numbers of a tagged PDF counted from 1.

    Every replacement keeps the length of what it replaces, so the cross-reference offsets
    stay right and a PDF's size (shown beside its download link) does not change."""
    if not data.startswith(b"%PDF"):
        raise ReleaseError("not a PDF")
    size = len(data)
    when = time.gmtime(epoch)

    def zone(tz: bytes) -> bytes:  # "+01'00'" -> "+00'00'", ".123-05:00" -> ".000+00:00", "Z" stays
        return re.sub(rb"\d", b"0", tz).replace(b"-", b"+")

    data = _PDF_DATE.sub(lambda m: b"(" + time.strftime("D:%Y%m%d%H%M%S", when).encode() + zone(m.group(2)) + b")", data)
    data = _XMP_DATE.sub(lambda m: time.strftime("%Y-%m-%dT%H:%M:%S", when).encode() + zone(m.group(2)), data)
    # A DOM node's number counts every node the browser made before it, on any page: numbered again
    # in the order they appear, with as many digits, they depend on this document alone.
    nodes: dict[bytes, bytes] = {}
    data = _NODE.sub(lambda m: b"(node" + nodes.setdefault(
        m.group(1), str(len(nodes) + 1).zfill(len(m.group(1))).encode()) + b")", data)
    blank = _UUID.sub(b"uuid:", _PDF_ID.sub(b"/ID[]", data))
    digest = hashlib.sha256(blank).hexdigest()
    data = _PDF_ID.sub(lambda m: m.group(0).replace(m.group(1), _same_length(digest.upper().encode(), m.group(1)))
                       .replace(m.group(2), _same_length(digest.upper().encode(), m.group(2))), data)
    n = [0]

    def uuid(m):
        n[0] += 1
        h = hashlib.sha256(digest.encode() + str(n[0]).encode()).hexdigest()
        return f"uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}".encode()
    data = _UUID.sub(uuid, data)
    if len(data) != size:  # a PDF written in a way not seen before: better no release than a broken PDF
        raise ReleaseError(f"a PDF changed size ({size} -> {len(data)} bytes) while its print time was taken out")
    return data


def make_pdfs_reproducible(folder: Path, epoch: int) -> list[Path]:
    pdfs = sorted(folder.rglob("*.pdf"))
    for pdf in pdfs:
        pdf.write_bytes(reproducible_pdf(pdf.read_bytes(), epoch))
    return pdfs


# --- the parts, built once each --------------------------------------------------------------

def _mkdocs(config: str, site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH="hooks")
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                                 "--site-dir", str(site_dir)], cwd=ROOT, env=env, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ReleaseError(f"the build with {config} took longer than {BUILD_TIMEOUT} s") from None
    if result.returncode != 0 or not (site_dir / "index.html").is_file():
        raise ReleaseError(f"the build with {config} failed (see above)")


def _sheets(site: Path, languages: tuple) -> list[tuple[str, str]]:
    """(page in the site, PDF name) of every printable sheet the site has."""
    out = []
    for lang in languages:
        prefix = "" if lang == languages[0] else f"{lang}/"
        out.append((f"{prefix}checklists/ouders/", f"ouderlijst-{lang}.pdf"))
        if lang != languages[0] and (site / prefix / "checklists" / "ouders-tweetalig" / "index.html").is_file():
            out.append((f"{prefix}checklists/ouders-tweetalig/", f"ouderlijst-tweetalig-{languages[0]}-{lang}.pdf"))
    return out


def print_pdfs(web: Path, pdf_dir: Path, offline: Path | None = None) -> None:
    """The reader of every language (into web/, linked there, and copied to pdf/), the students'
    handouts (beside their pages) and the sheets; with ``offline``, its readers and handouts too,
    which the learning-platform packages carry."""
    from playwright.sync_api import sync_playwright

    import reader
    from kennisbank.config import built_languages
    languages = built_languages(ROOT / "mkdocs.yml")  # make release LANGUAGES=nl,ar,ti: those only
    pdf_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=reader.CHROMIUM, args=reader.ARGS, env={**os.environ, "TZ": "UTC"},
                                    timeout=120_000)
        try:
            for lang, pdf in reader.make_readers(web, browser=browser).items():
                shutil.copyfile(pdf, pdf_dir / f"reader-{lang}.pdf")
            reader.make_handouts(web, browser=browser)
            if offline is not None:
                reader.make_readers(offline, browser=browser)
                reader.make_handouts(offline, browser=browser)
            httpd, base = reader.serve(web)
            try:
                page = browser.new_page()
                page.set_default_timeout(120_000)
                for path, name in _sheets(web, languages):
                    page.goto(base + path, wait_until="networkidle")
                    # as a parent prints it: A4, the browser's defaults; tagged for screen readers
                    (pdf_dir / name).write_bytes(page.pdf(format="A4", tagged=True))
                page.close()
            finally:
                httpd.shutdown()
        finally:
            browser.close()


def build_parts(top: Path) -> None:
    """web/, offline/, pdf/ and lms/ in ``top``: two site builds, nothing built twice."""
    import lms
    _mkdocs("mkdocs.yml", top / "web")
    _mkdocs("mkdocs.offline.yml", top / "offline")
    try:
        print_pdfs(top / "web", top / "pdf", offline=top / "offline")
    except Exception as e:  # noqa: BLE001 - any failure of the browser: one line, why
        first = str(e).splitlines()[0] if str(e) else ""
        raise ReleaseError(f"printing the PDFs with Chromium (scripts/reader.py: CHROMIUM) failed ({type(e).__name__}: {first})") from None
    # The packages zip the offline site's PDFs: make those reproducible before they go in.
    make_pdfs_reproducible(top / "offline", source_date_epoch())
    lms.make_packages(top / "offline", top / "lms")


# --- the release folder and its zip ----------------------------------------------------------

def iis_mime_maps(web: Path) -> str:
    """<mimeMap> lines for every file type in ``web`` (each removed first: IIS refuses a duplicate)."""
    found = sorted({p.suffix.lower() for p in web.rglob("*") if p.is_file()})
    unknown = [x or "(no extension)" for x in found if x not in MIME_TYPES]
    if unknown:
        raise ReleaseError(f"web/ has files of a type IIS needs to be told about: {', '.join(unknown)} "
                           "(add it to MIME_TYPES in scripts/release.py)")
    return "\n".join(f'      <remove fileExtension="{x}" />\n      <mimeMap fileExtension="{x}" mimeType="{MIME_TYPES[x]}" />'
                     for x in found if MIME_TYPES[x])


def fill(text: str, release_version: str, top: Path) -> str:
    from kennisbank.csp import policy
    text = text.replace("@VERSION@", release_version).replace("@CSP@", policy())
    if "@MIMEMAPS@" in text:
        text = text.replace("@MIMEMAPS@", iis_mime_maps(top / "web"))
    return text


def copy_extra_files(top: Path, release_version: str, root: Path = ROOT, extra=None) -> None:
    for source, target in (EXTRA_FILES if extra is None else extra):
        src = root / source
        if not src.is_file():
            raise ReleaseError(f"{source}: missing (listed in EXTRA_FILES in scripts/release.py)")
        dest = top / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        if target in TEMPLATES:
            dest.write_text(fill(src.read_text(encoding="utf-8"), release_version, top), encoding="utf-8",
                            newline="\r\n" if target in CRLF else "\n")
        else:
            shutil.copyfile(src, dest)


def write_sums(top: Path) -> Path:
    """SHA256SUMS: one line per file, sorted, in the format of sha256sum (check: sha256sum -c)."""
    lines = []
    for path in sorted(p for p in top.rglob("*") if p.is_file() and p.name != SUMS):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(top).as_posix()}\n")
    (top / SUMS).write_text("".join(lines), encoding="utf-8", newline="\n")
    return top / SUMS


def make_release(out: Path, build: Callable[[Path], None] = build_parts, root: Path = ROOT,
                 release_version: str | None = None, epoch: int | None = None, extra=None) -> Path:
    """Build the release into out/release/kennisbank-<version>/ and zip it to out/kennisbank-<version>.zip."""
    release_version = release_version or version(root / "pyproject.toml")
    epoch = source_date_epoch() if epoch is None else epoch
    name = f"kennisbank-{release_version}"
    work = out / "release"
    shutil.rmtree(work, ignore_errors=True)
    top = work / name
    top.mkdir(parents=True)
    build(top)
    make_pdfs_reproducible(top, epoch)
    copy_extra_files(top, release_version, root, extra)
    write_sums(top)
    return write_zip(work / name, out / f"{name}.zip", top=name, epoch=epoch)


def _check_languages() -> None:
    """A wrong LANGUAGES= (KB_LANGUAGES) stops the release in one line, before any build."""
    from kennisbank.config import built_languages
    from kennisbank.editor import error
    from kennisbank.model import ContentError
    try:
        built_languages(ROOT / "mkdocs.yml")
    except ContentError as e:
        raise ReleaseError(error(e)) from None


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "dist"
    tag = os.environ.get("RELEASE_TAG", "").strip()
    try:
        v = version()
        if tag and tag != f"v{v}":
            raise ReleaseError(f"the tag {tag} does not match the version in pyproject.toml (v{v})")
        _check_languages()
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch()))
        started = time.monotonic()
        target = make_release(out)
    except ReleaseError as e:
        print(f"release: {e}", file=sys.stderr)
        return 1
    print(f"{target}: {target.stat().st_size:,} bytes in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
