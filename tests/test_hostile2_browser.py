"""Issue 24 in a real browser, after Material's scripts ran: the CSP of the site from disk and of
a SCORM package (no violation on our own pages, one as soon as an inline script is injected),
search from disk under that policy, and tooltips that stay text when a reader hovers the term."""
from __future__ import annotations

import sys
import zipfile

import pytest

from conftest import DEFAULT, ROOT, RTL, mkdocs, search_for
from kennisbank import csp

# make test runs two workers (pytest-xdist): this file's tests stay on one, so its module-scoped fixtures are made once
pytestmark = pytest.mark.xdist_group("scorm")

# Every violation, in every frame: the event, and Chromium's own console line.
RECORD = ("window.__csp = [];"
          "document.addEventListener('securitypolicyviolation', e => window.__csp.push("
          "[e.violatedDirective, e.blockedURI, (e.sourceFile || '') + ':' + e.lineNumber, e.sample]));")
INJECT = ("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
          " document.body.appendChild(s); return window.__ran === 1; }")


def _watch(page) -> list:
    console = []
    page.add_init_script(RECORD)
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return console


def _violations(page, console) -> list:
    found = list(console)
    for frame in page.frames:
        try:
            found += frame.evaluate("window.__csp || []")
        except Exception:  # noqa: BLE001 - a frame that went away meanwhile
            pass
    return found


def _hover_a_term(page) -> str:
    """Hover the first glossary term in the article; the tooltip Material made from its title."""
    term = page.locator("article abbr[title]").first
    title = term.get_attribute("title")
    term.hover()
    tip = page.locator(".md-tooltip2__inner").last
    tip.wait_for(state="attached")
    assert tip.evaluate("e => e.children.length") == 0, "a tooltip must be text only"
    assert tip.inner_text().strip() == title.strip()
    return title


def test_every_page_from_disk_carries_the_policy(offline_site):
    import re
    from html import unescape
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

    def policy(page):
        found = meta.findall(page.read_text(encoding="utf-8"))
        return unescape(found[0]) if len(found) == 1 else None
    pages = sorted(offline_site.rglob("*.html"))
    missing = [p.relative_to(offline_site).as_posix() for p in pages if policy(p) != csp.policy(meta=True)]
    assert len(pages) > 100 and not missing, missing[:5]
    assert not (offline_site / "assets" / "vendor" / "iframe-worker-shim.js").exists()


@pytest.mark.parametrize("lang", [DEFAULT, *RTL[:1]])
def test_site_from_disk_has_no_csp_violation_and_search_works(offline_site, page, lang):
    console = _watch(page)
    root = offline_site.as_uri() + "/" + ("" if lang == DEFAULT else f"{lang}/")
    for path in ("index.html", "lesbrief.html", "woordenlijst.html", "checklists/ouders.html", "reader.html"):
        page.goto(root + path)
        page.wait_for_load_state("load")
    page.goto(root + "voorwaarden/praten-met-ouders-is-een-vak.html")
    _hover_a_term(page)
    hrefs = search_for(page, "tolk" if lang == DEFAULT else "ترجمه" if lang == "fa" else "مترجم")
    assert hrefs and all(h.startswith(offline_site.as_uri()) for h in hrefs), hrefs
    assert _violations(page, console) == []
    assert not page.evaluate(INJECT), "an injected inline script ran"
    assert any("script-src" in str(v) for v in _violations(page, console))


@pytest.fixture(scope="module")
def scorm(offline_site, tmp_path_factory):
    """The Dutch and Arabic students' packages, unpacked, served over HTTP as a learning platform would."""
    from kennisbank.config import read_languages
    from reader import serve
    out = tmp_path_factory.mktemp("scorm")
    sys.path.insert(0, str(ROOT / "scripts"))
    from lms import student_package
    languages = read_languages(ROOT / "mkdocs.yml")
    for lang in (DEFAULT, "ar"):
        z = student_package(offline_site, lang, languages, out, need_pdfs=False)  # no PDFs printed here
        with zipfile.ZipFile(z) as f:
            f.extractall(out / lang)
    httpd, base = serve(out)
    yield base.rstrip("/") + "/"
    httpd.shutdown()


@pytest.mark.parametrize("lang", [DEFAULT, "ar"])
def test_scorm_package_has_no_csp_violation_and_refuses_inline_script(scorm, page, lang):
    console = _watch(page)
    page.goto(scorm + f"{lang}/scorm-bijeenkomst-1.html")  # the first meeting's item
    frame = page.frame_locator("#kb-content")
    frame.locator("article h1").first.wait_for()
    page.wait_for_timeout(500)
    assert _violations(page, console) == []
    assert not page.evaluate(INJECT), "an injected inline script ran on the launch page"
    content = page.frame(url=lambda u: "bijeenkomst-1" in u and not u.endswith("scorm-bijeenkomst-1.html"))
    assert not content.evaluate(INJECT), "an injected inline script ran in the package's page"
    assert len([v for v in _violations(page, console) if "script-src" in str(v)]) >= 2


# ---------------------------------------------------------------- the KBMETA probe of the issue

def test_kbmeta_probe_is_refused_before_any_page_is_written(project, tmp_path):
    """The issue's probe: an abbreviation line whose text is markup, and the word in the text.
    On the old code the build passed, and hovering the word sent the tab to another host."""
    card = project / "docs" / "voorwaarden" / "zorg-voor-een-tolk.md"
    card.write_text(card.read_text(encoding="utf-8") + "\nKBMETA staat hier.\n\n"
                    '*[KBMETA]: <meta http-equiv="refresh" content="0;url=http://127.0.0.2:8765/x">\n', encoding="utf-8")
    result = mkdocs(project, site_dir=tmp_path / "site")  # MkDocs adds its own "Error reading page" line
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "voorwaarden/zorg-voor-een-tolk.md: field 'body': HTML that is not allowed: <abbr title>" in result.stderr, \
        result.stderr[-800:]


def test_tooltips_on_the_web_stay_text_after_materials_scripts(server, page):
    """Material's tooltip puts a title into the page as HTML: on our pages it is text only, and
    hovering a term leaves the reader where they are."""
    console = _watch(page)
    url = server + "/voorwaarden/praten-met-ouders-is-een-vak/"
    page.goto(url)
    _hover_a_term(page)
    page.wait_for_timeout(300)
    assert page.url == url and _violations(page, console) == []


@pytest.mark.parametrize("path", ["lesbrief/", "ar/lesbrief/"])
def test_the_lesson_guide_tables_need_no_blocked_style(server, page, path):
    """The build wrote style="text-align: ..." into the lesson guide's tables, which the policy
    blocked (175 times per build); now a class aligns them, and the minutes still stand right."""
    console = _watch(page)
    page.goto(f"{server}/{path}")
    cell = page.locator(".kb-schedule td").first
    assert cell.evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert _violations(page, console) == []
