"""Intranet and offline: sub-path hosting under nginx with security headers, file:// browsing.

The ``page`` fixture fails any test whose page asks another host for anything.
"""
from __future__ import annotations

import os
import re
from html import escape, unescape

import pytest

from conftest import search_for

CARD = "voorwaarden/zorg-voor-een-tolk"


def _tick_and_reload(page, url):
    page.goto(url)
    box = page.locator(".kb-checklist input[data-item]").first
    box.focus()
    page.keyboard.press("Space")
    key = box.get_attribute("data-item")
    page.reload()
    return page.locator(f'.kb-checklist input[data-item="{key}"]').is_checked()


# ---------------------------------------------------------------- nginx, /kennisbank/

def test_subpath_navigation_assets_and_headers(nginx, page):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    response = page.goto(nginx)
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    page.locator('article .grid.cards a[href$="lezers/ouders/"]').first.click()
    page.wait_for_url(f"{nginx}lezers/ouders/")
    page.locator('article a[href$="checklists/ouders/"]').first.click()
    page.wait_for_url(f"{nginx}checklists/ouders/")
    assert failed == [], failed


def test_subpath_language_switcher_search_and_ticks(nginx, page):
    page.goto(f"{nginx}{CARD}/")
    page.locator(".md-select a[hreflang=ar]").first.dispatch_event("click")
    page.wait_for_url(f"{nginx}ar/{CARD}/")
    page.goto(f"{nginx}tr/")
    hrefs = search_for(page, "tercüman")
    assert any(h.startswith(f"{nginx}tr/{CARD}/") for h in hrefs), hrefs
    assert all(h.startswith(f"{nginx}tr/") for h in hrefs)
    assert _tick_and_reload(page, f"{nginx}ar/checklists/ouders/")


@pytest.mark.parametrize("path", ["", f"{CARD}/", "checklists/ouders/", "ar/checklists/ouders-tweetalig/",
                                  "ar/", "tr/overzicht/", "en/onderwerpen/tolk/", "vertalingen/"])
def test_no_csp_violations_under_the_example_config(nginx, page, path):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{nginx}{path}")
    page.evaluate("""() => new Promise(r => {
        document.addEventListener('securitypolicyviolation', e => { window.__csp = (window.__csp || []).concat(e.violatedDirective + ' ' + e.blockedURI); });
        setTimeout(r, 300); })""")
    if path == "":
        search_for(page, "ouders")  # the search worker and its results under the policy too
    violations += page.evaluate("window.__csp || []")
    assert violations == []


# ---------------------------------------------------------------- file://

def test_file_navigation_switcher_search_and_ticks(offline_site, page):
    root = offline_site.as_uri() + "/"
    page.goto(root + "index.html")
    page.locator('article .grid.cards a[href$="lezers/ouders.html"]').first.click()
    page.wait_for_url(root + "lezers/ouders.html")
    page.goto(root + f"{CARD}.html")
    page.locator(".md-select a[hreflang=tr]").first.dispatch_event("click")
    page.wait_for_url(root + f"tr/{CARD}.html")
    page.goto(root + "ar/index.html")
    page.locator(".md-select a[hreflang=nl]").first.dispatch_event("click")
    page.wait_for_url(root + "index.html")
    page.goto(root + "tr/index.html")
    hrefs = search_for(page, "tercüman")
    assert any(h.startswith(root + f"tr/{CARD}.html") for h in hrefs), hrefs
    assert _tick_and_reload(page, root + "checklists/ouders.html")


def test_offline_build_links_to_html_files(offline_site):
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="lezers/ouders.html"' in html
    assert 'href="/' not in html, "absolute links break under file://"


# ---------------------------------------------------------------- the school's own details

def _build_school(project, tmp_path, edit=None, languages=None):
    from conftest import ROOT, mkdocs
    import shutil
    shutil.copy2(ROOT / "school.example.yml", project / "school.yml")
    (project / "deploy").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "deploy" / "school-example-logo.svg", project / "deploy")
    if edit:
        text = (project / "school.yml").read_text(encoding="utf-8")
        (project / "school.yml").write_text(edit(text), encoding="utf-8")
    out = tmp_path / "site"
    env = {"KB_SCHOOL": "school.yml"} | ({"KB_LANGUAGES": ",".join(languages)} if languages else {})
    return mkdocs(project, site_dir=out, env_extra=env), out


# The school's details pass through the same templates in every language: built here in Dutch, English (whose
# text the test takes out), a right-to-left and a partial language, not all fifteen (a full build costs a
# minute; issue 29). A branded release is checked in every language: tests/test_release_e2e.py.
SCHOOL_BUILT = ("nl", "en", "ar", "ti")


def test_school_override_shows_on_parents_pages_in_each_kind_of_language(project, tmp_path):
    """make site SCHOOL=...: every page carries the school's details as the kb-school data block
    (shown by kb-school.js, as in a site branded with brand.html: tests/test_release_e2e.py), the
    parents' pages carry the help block, and the build names the languages a free text lacks."""
    import json
    import yaml
    result, out = _build_school(project, tmp_path, lambda t: t.replace("\n  en: Ask the teacher", "\n  # en: Ask"),
                                SCHOOL_BUILT)
    assert result.returncode == 0, result.stderr[-2000:]
    school = yaml.safe_load((project / "school.yml").read_text(encoding="utf-8"))
    from conftest import ALL_LANGUAGES, LANGUAGES
    lines = [ln for ln in result.stderr.splitlines() if "interpreter" in ln and "school.yml" in ln]
    # one line naming the languages without the text: en (taken out above), and those the example has none for
    lacking = [x for x in ALL_LANGUAGES if x == "en" or x not in school["interpreter"]]
    assert len(lines) == 1 and f"geen tekst in {', '.join(lacking)};" in lines[0], lines
    assert sorted(p.name for p in out.iterdir() if p.name in ALL_LANGUAGES) == sorted(SCHOOL_BUILT[1:])
    for lang in SCHOOL_BUILT:
        prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
        for page in ("", "lezers/ouders", "checklists/ouders", "themas"):
            raw = (out / prefix / page / "index.html").read_text(encoding="utf-8")
            block = re.search(r'<script type="application/json" id="kb-school">(.*?)</script>', raw, re.S).group(1)
            data = json.loads(block)
            assert data["name"] == school["name"] and data["contact"]["name"] == school["contact"]["name"]
            assert data["contact"]["hours"] == [{"days": [1, 4], "from": "08:15", "to": "09:00"}]
            assert data["logo"] == "assets/school-logo.svg" and "en" not in data["interpreter"]
            assert ('class="admonition note kb-school"' in raw) == (page != "themas"), (lang, page)
        if lang not in LANGUAGES:
            continue  # a partial language's reader is a notice with the Dutch text
        reader = (out / prefix / "reader" / "index.html").read_text(encoding="utf-8")  # the reader's cover
        assert re.search(r'<p class="kb-cover-school">([^<]*)</p>', reader).group(1) == escape(school["name"]), lang
    assert (out / "assets" / "school-logo.svg").is_file()
    assert "#6a1b4d" in (out / "assets" / "school.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit, field, words", [
    (lambda t: t.replace('color: "#6a1b4d"', 'color: "#ffcc00"'), "color", "contrast 1.5:1"),
    (lambda t: t.replace("role: contactouder ", "role: directeur "), "contact.role", "one of"),
    (lambda t: t.replace("name: Basisschool De Regenboog\n", ""), "name", "missing"),
    (lambda t: t.replace("school-example-logo.svg", "missing.svg"), "logo", "not found"),
    (lambda t: t.replace("  nl: Vraag het", "  xx: Vraag het"), "interpreter.xx", "unknown language"),
    (lambda t: t.replace("days: [maandag, donderdag]", "days: [maandag, dondertag]"), "contact.hours[1].days", "weekdays"),
])
def test_bad_school_override_fails_cleanly(project, tmp_path, edit, field, words):
    result, out = _build_school(project, tmp_path, edit)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"school.yml: field '{field}'" in result.stderr and words in result.stderr, result.stderr[-600:]
    assert not out.exists()


# ---------------------------------------------------------------- reproducible, safe publishing

def test_two_builds_are_byte_identical(project, tmp_path):
    import subprocess
    import sys
    from conftest import ROOT, mkdocs
    # the languages with their own paths (right to left with search forms, partial with notice pages, Chinese
    # cut into words), not all fifteen: two full builds cost two minutes (issue 29)
    env = {"SOURCE_DATE_EPOCH": "1700000000", "KB_LANGUAGES": "nl,ar,ti,zh-Hans"}
    a, b = tmp_path / "a", tmp_path / "b"
    assert mkdocs(project, site_dir=a, env_extra=env).returncode == 0
    assert mkdocs(project, site_dir=b, env_extra=env).returncode == 0
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert {f.parts[0] for f in files_a} >= {"ar", "ti", "zh-Hans"}
    different = [str(f) for f in files_a if (a / f).read_bytes() != (b / f).read_bytes()]
    assert different == []
    zips = []
    for name in ("a.zip", "b.zip"):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "zipdir.py"), str(a), str(tmp_path / name)],
                       check=True, capture_output=True, env={"SOURCE_DATE_EPOCH": "1700000000"})
        zips.append((tmp_path / name).read_bytes())
    assert zips[0] == zips[1]


# Publishing builds the site and prints a reader per full language: four languages (left to right and right to
# left, full and partial) instead of fifteen take a third of the time (issue 29). One real publish; swap, prune
# and lock do not depend on the build, the test after it publishes stub sites.
PUBLISHED = ("nl", "tr", "ar", "ti")
PUBLISH_ENV = dict(os.environ, KB_LANGUAGES=",".join(PUBLISHED))


def test_publish_swaps_atomically_and_survives_a_broken_build(project, tmp_path, page):
    """A real publish: the site with its readers' PDFs; the CSP policy file holds no hash, and pages at
    every depth run under it; a broken build leaves the published site as it was."""
    import subprocess
    import sys
    from conftest import ROOT, _browser_or_skip
    from kennisbank import csp
    from reader import serve
    _browser_or_skip()  # publishing prints the readers with chromium
    dest = tmp_path / "srv" / "kennisbank"

    def publish():
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "publish.py"), str(dest)], cwd=project,
                              capture_output=True, text=True, timeout=600, env=PUBLISH_ENV)
    assert publish().returncode == 0
    assert dest.is_symlink() and (dest / "index.html").is_file()
    from conftest import LANGUAGES, prefix
    assert not (dest / "en").exists()
    for code in [x for x in LANGUAGES if x in PUBLISHED]:  # the readers' PDFs are published too, and linked
        pdf = dest / prefix(code) / "reader" / f"kennisbank-{code}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF"), pdf
        assert f'href="{pdf.name}" download' in (pdf.parent / "index.html").read_text(encoding="utf-8")
    policy = (dest / "csp-nginx.conf").read_text(encoding="utf-8")
    # the same for every build (a publish never needs an nginx reload): what the build writes, fixed
    assert policy == csp.nginx_snippet() and "sha256" not in policy
    before_target = dest.resolve()
    before = {p.relative_to(dest): p.read_bytes() for p in dest.rglob("*") if p.is_file()}

    card = project / "docs" / "voorwaarden" / "zorg-voor-een-tolk.md"
    card.write_text(card.read_text(encoding="utf-8").replace("tags: [", "tags: [kookles, "), encoding="utf-8")
    broken = publish()
    assert broken.returncode != 0 and "unchanged" in broken.stderr
    assert dest.resolve() == before_target
    after = {p.relative_to(dest): p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    assert after == before, "the old site is still complete"
    releases = [p for p in (dest.parent / ".kennisbank.releases").iterdir() if p.name != ".lock"]
    assert releases == [before_target], "the failed build left nothing behind"

    httpd, base = serve(dest)
    try:
        page.add_init_script("""document.addEventListener('securitypolicyviolation',
            e => { window.__csp = (window.__csp || []).concat(e.violatedDirective + ' ' + e.blockedURI); });""")
        for path in ("", "themas/", f"{CARD}/", "ar/checklists/ouders-tweetalig/", "tr/overzicht/"):
            page.goto(base + path)
            page.wait_for_timeout(200)
            assert page.evaluate("window.__csp || []") == [], path
            assert page.evaluate("typeof __md_scope") == "object", path  # Material's start-up ran
        page.goto(base)
        assert search_for(page, "ouders")
        assert page.evaluate("window.__csp || []") == []
    finally:
        httpd.shutdown()


def test_publish_twice_prunes_safely_and_refuses_a_publish_while_one_runs(tmp_path, monkeypatch, capsys):
    """A killed publish's partial release is removed, never a complete one, nor the one DEST points to;
    a second publish while one runs is refused and changes nothing; the next switches DEST. In process,
    with a stub build and stub printing (no MkDocs, no browser): the fast tier runs it."""
    import fcntl
    import time
    from types import SimpleNamespace
    import publish
    from conftest import ROOT
    built = []

    def build(building, config, root):  # a tiny complete site, numbered
        building.mkdir(parents=True)
        built.append(building)
        (building / "index.html").write_text(f"release {len(built)}", encoding="utf-8")
        (building / "csp-nginx.conf").write_text("add_header Content-Security-Policy \"default-src 'self'\" always;\n",
                                                 encoding="utf-8")
        return True
    monkeypatch.setattr(publish, "build", build)
    monkeypatch.setattr(publish, "print_pdfs", lambda building: (building / "kennisbank.pdf").write_bytes(b"%PDF"))
    # a release is named by the second and the process id; in one process, each publish gets a second of its own
    seconds = iter(range(1_700_000_000, 1_700_000_100))
    monkeypatch.setattr(publish, "time", SimpleNamespace(strftime=time.strftime,
                                                         gmtime=lambda: time.gmtime(next(seconds))))
    dest = tmp_path / "srv" / "kennisbank"
    releases = dest.parent / ".kennisbank.releases"

    def listing():
        return sorted(p.name for p in releases.iterdir() if p.name != ".lock")
    assert publish.publish(dest, root=ROOT) == 0
    first = dest.resolve()
    assert dest.is_symlink() and (dest / "index.html").read_text(encoding="utf-8") == "release 1"
    partial = releases / ".building-99999999-000000-1"  # what a killed publish leaves
    (partial / "themas").mkdir(parents=True)
    for old in ("20000101-000000-1", "20000102-000000-1", "20000103-000000-1"):  # older, complete
        (releases / old).mkdir()
        (releases / old / "index.html").write_text("old", encoding="utf-8")
    waiting = listing()
    capsys.readouterr()
    with open(releases / ".lock", "w") as lock:  # another open file: flock refuses it as it would another process
        fcntl.flock(lock, fcntl.LOCK_EX)
        busy = publish.publish(dest, root=ROOT)
    assert busy == 1 and "another publish" in capsys.readouterr().err and dest.resolve() == first
    assert listing() == waiting and len(built) == 1, "a refused publish builds, removes and prunes nothing"
    assert publish.publish(dest, root=ROOT) == 0
    second = dest.resolve()
    kept = listing()
    assert not partial.exists() and second != first
    assert kept == sorted(["20000103-000000-1", first.name, second.name]), kept
    assert (dest / "index.html").read_text(encoding="utf-8") == "release 2"

    # releases named later than the new one (made while the clock was ahead): the new one is among the
    # oldest by name, and pruned all the same would leave DEST pointing at nothing
    for later in ("20991231-000000-1", "20991231-000000-2", "20991231-000000-3"):
        (releases / later).mkdir()
        (releases / later / "index.html").write_text("later", encoding="utf-8")
    assert publish.publish(dest, root=ROOT) == 0
    third = dest.resolve()
    assert listing() == sorted([third.name, "20991231-000000-1", "20991231-000000-2", "20991231-000000-3"])
    assert (dest / "index.html").read_text(encoding="utf-8") == "release 3"
