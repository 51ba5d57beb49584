"""Print the course reader of every built language (LANGUAGES=nl,ar,ti: those) to PDF with headless Chromium: `make reader`.

    python scripts/reader.py SITE_DIR

It also prints the students' handouts: one A4 PDF per meeting and language, from the meeting's
student page (docs/studenten/bijeenkomst-N.md: reading, preparation, questions, assignment and
rubric), written next to the page as bijeenkomst-N-<lang>.pdf (make_handouts).

For each language it opens <lang>/reader/ from SITE_DIR over a loopback HTTP server,
prints it on A4 with page numbers (also in its contents), writes kennisbank-<lang>.pdf next to the page, and
turns the hidden download line on that page into a link with the file's size.
Chromium lays out Arabic right-to-left correctly, which WeasyPrint does not.
"""
from __future__ import annotations

import functools
import html
import http.server
import os
import re
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from kennisbank.config import built_languages, full_languages  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#333">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
_PDF_RE = re.compile(r'<p class="kb-pdf" hidden(?:="")? data-pdf="([^"]+)">(.*?)</p>', re.S)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A static server for ``folder`` on a free loopback port, in a thread: (server, base URL)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _printing(site: Path, browser, work):
    """Serve ``site`` and run ``work(browser, base)`` in ``browser`` (a Playwright Chromium already
    running) or, without one, in a Chromium of its own; the server and that browser stop after."""
    httpd, base = serve(site)
    try:
        if browser is not None:
            return work(browser, base)
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            own = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                return work(own, base)
            finally:
                own.close()
    finally:
        httpd.shutdown()


def make_readers(site: Path, browser=None) -> dict[str, Path]:
    """PDFs for every language; ``browser``: a Playwright Chromium already running, if any."""
    languages = full_languages(ROOT / "mkdocs.yml")  # make reader LANGUAGES=nl,ar,ti: those only; no partial one
    return _printing(site, browser, lambda b, base: _print_all(b, site, base, languages))


def _print_all(browser, site: Path, base: str, languages: tuple) -> dict[str, Path]:
    out = {}
    page = browser.new_page()
    for lang in languages:
        built = page_file(site / ("" if lang == languages[0] else lang), "reader")
        page.goto(base + built.relative_to(site).as_posix(), wait_until="networkidle")
        pdf = built.parent / f"kennisbank-{lang}.pdf"
        pdf.write_bytes(print_numbered(page))
        _link(built, pdf)
        out[lang] = pdf
    page.close()
    return out


HANDOUTS = tuple(f"studenten/bijeenkomst-{n}" for n in range(1, 5))


def page_file(root: Path, name: str) -> Path:
    """The built file of page ``name`` ("reader"): name/index.html, or name.html in the file:// build."""
    folder = root / name / "index.html"
    return folder if folder.is_file() else root / f"{name}.html"


def handout_files(site: Path, languages: tuple) -> list[tuple[str, Path, Path]]:
    """(language, built student page, its handout PDF) for every meeting of every language."""
    out = []
    for lang in languages:
        root = site / ("" if lang == languages[0] else lang)
        for name in HANDOUTS:
            page = page_file(root, name)
            out.append((lang, page, page.parent / f"{Path(name).name}-{lang}.pdf"))
    return out


def make_handouts(site: Path, browser=None) -> list[Path]:
    """The handout PDFs of every language; ``browser``: a Playwright Chromium already running, if any."""
    files = handout_files(site, full_languages(ROOT / "mkdocs.yml"))
    return _printing(site, browser, lambda b, base: _print_handouts(b, site, base, files))


def _print_handouts(browser, site: Path, base: str, files) -> list[Path]:
    page = browser.new_page()
    try:
        for _lang, html_file, pdf in files:
            if not html_file.is_file():
                raise SystemExit(f"reader: {html_file} is missing: the student pages are docs/studenten/")
            page.goto(base + html_file.relative_to(site).as_posix(), wait_until="networkidle")
            page.emulate_media(media="print")
            if not os.environ.get("KB_SITE_URL"):
                # Without a real address the page would print the placeholder site_url of mkdocs.yml.
                page.evaluate("document.querySelectorAll('.kb-url').forEach(e => e.remove())")
            pdf.write_bytes(page.pdf(format="A4", display_header_footer=True, tagged=True,
                                     header_template="<span></span>", footer_template=FOOTER,
                                     margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}))
    finally:
        page.close()
    return [pdf for _l, _h, pdf in files]


def _pdf(page) -> bytes:
    # outline: the PDF gets bookmarks for every part and card; tagged: readable by screen readers
    return page.pdf(format="A4", print_background=True, display_header_footer=True, outline=True, tagged=True,
                    header_template="<span></span>", footer_template=FOOTER,
                    margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})


def print_numbered(page, tries: int = 4) -> bytes:
    """Print the reader with the page number of each part and card in its contents.

    Chromium has no target-counter(), so: print with placeholders, read on which page each
    heading landed (the PDF's bookmarks, in the order of the headings), write those numbers
    into the contents and print again, until the numbers no longer move."""
    page.emulate_media(media="print")
    ids = page.evaluate("Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))"
                        ".filter(h => h.getClientRects().length).map(h => h.id)")
    numbers = {a: "00" for a in page.evaluate(
        "Array.from(document.querySelectorAll('.kb-toc-page')).map(e => e.dataset.for)")}
    for _ in range(tries):
        page.evaluate("n => document.querySelectorAll('.kb-toc-page').forEach(e => { e.textContent = n[e.dataset.for]; })",
                      numbers)
        data = _pdf(page)
        found = _heading_pages(data, ids)
        landed = {a: str(found[a]) for a in numbers}
        if landed == numbers:
            return data
        numbers = landed
    raise RuntimeError("the reader's contents page numbers did not settle")


def _heading_pages(data: bytes, ids: list[str]) -> dict[str, int]:
    """Heading id -> the 1-based page it is printed on, from the PDF's bookmarks."""
    import pypdfium2
    doc = pypdfium2.PdfDocument(data)
    try:
        pages = [b.get_dest().get_index() + 1 for b in doc.get_toc()]
    finally:
        doc.close()
    if len(pages) != len(ids):
        raise RuntimeError(f"the PDF has {len(pages)} bookmarks for {len(ids)} headings")
    return dict(zip(ids, pages))


def _link(page: Path, pdf: Path) -> None:
    size = f"{round(pdf.stat().st_size / 1000):,} kB"
    text = page.read_text(encoding="utf-8")
    text = _PDF_RE.sub(lambda m: f'<p class="kb-pdf"><a href="{m.group(1)}" download>{m.group(2)}</a> '
                                 f'<span dir="ltr">(pdf, {html.escape(size)})</span></p>', text, count=1)
    page.write_text(text, encoding="utf-8")


def check_languages(tool: str) -> None:
    """A wrong LANGUAGES= (KB_LANGUAGES) stops the tool in one line, before any work."""
    from kennisbank.editor import error
    from kennisbank.model import ContentError
    try:
        built_languages(ROOT / "mkdocs.yml")
    except ContentError as e:
        raise SystemExit(f"{tool}: {error(e)}") from None


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    check_languages("reader")
    for lang, path in make_readers(target).items():
        print(f"{lang}: {path} ({path.stat().st_size:,} bytes)")
    for path in make_handouts(target):
        print(f"{path} ({path.stat().st_size:,} bytes)")
