"""The web build's head and Material's language selector: absolute alternates (hreflang) on the
web, relative ones from disk, and pages that ask for nothing that is not there (no sitemap.xml
under every page), nothing from another host, and log no console error. The search dialog has
a name in the page's language.

The ``page`` fixture fails any test whose page asks another host for anything.
"""
from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser

import pytest

from conftest import ALL_LANGUAGES, LANGUAGES

CARD = "voorwaarden/zorg-voor-een-tolk"


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates, self.dialogs = {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]
        if a.get("role") == "dialog":
            self.dialogs.append(a)


def _head(html: str) -> _Head:
    h = _Head()
    h.feed(html)
    return h


def _prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


# ---------------------------------------------------------------- Material's bundle

def _material_bundle() -> str:
    import material
    from pathlib import Path
    [bundle] = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    return bundle.read_text(encoding="utf-8")


def test_bundle_no_longer_looks_up_the_alternates():
    from hooks.engine import material as foreign  # Material's bundle: a contact of the engine
    bundle = _material_bundle()
    assert bundle.count("link[rel=alternate]") == 1 and 'new URL("sitemap.xml"' in bundle  # what it did
    patched = foreign.without_alternate_sitemaps(bundle)
    assert '"link[rel=alternate]"' not in patched and len(patched) - len(bundle) == len("[data-kb-never]")


@pytest.mark.parametrize("times", [0, 2])
def test_a_changed_bundle_is_refused_not_silently_left(times):
    from hooks.engine import material as foreign
    with pytest.raises(ValueError, match="integrations/alternate"):
        foreign.without_alternate_sitemaps('x;M("link[rel=alternate]");' * times)


def test_the_built_bundle_is_the_patched_one(built_site):
    [bundle] = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert '"link[rel=alternate][data-kb-never]"' in text and '"link[rel=alternate]"' not in text


# ---------------------------------------------------------------- alternates in the HTML

@pytest.mark.parametrize("path", ["", f"{CARD}/", "checklists/ouders/"])
def test_web_alternates_are_absolute_under_the_sites_address(nginx, path):
    """Built for a school's sub-path: every page names each language's version by its full address."""
    for lang in ("nl", "ar"):
        with urllib.request.urlopen(f"{nginx}{_prefix(lang)}{path}", timeout=10) as r:
            alternates = _head(r.read().decode("utf-8")).alternates
        assert alternates == {x: f"{nginx}{_prefix(x)}{path}" for x in ALL_LANGUAGES}, (lang, path)


def test_web_alternates_lead_to_the_page_in_that_language(nginx):
    with urllib.request.urlopen(f"{nginx}{CARD}/", timeout=10) as r:
        alternates = _head(r.read().decode("utf-8")).alternates
    for lang, href in alternates.items():
        with urllib.request.urlopen(href, timeout=10) as r:
            assert r.status == 200
            assert re.search(rf'<html[^>]* lang="{lang}"', r.read().decode("utf-8")), href


def test_build_without_site_url_has_relative_alternates(built_site):
    """No site_url (mkdocs.yml's default): no made-up address; each alternate is a relative link."""
    page = built_site / "ar" / CARD / "index.html"
    alternates = _head(page.read_text(encoding="utf-8")).alternates
    assert set(alternates) == set(ALL_LANGUAGES)  # a partial language too: its page or its notice page
    for lang, href in alternates.items():
        assert not re.match(r"^[a-z]+:|^/", href), href
        assert (page.parent / href / "index.html").resolve() == (built_site / _prefix(lang) / CARD / "index.html").resolve()


def test_offline_alternates_stay_relative_and_point_at_files(offline_site):
    page = offline_site / "ar" / f"{CARD}.html"
    alternates = _head(page.read_text(encoding="utf-8")).alternates
    assert set(alternates) == set(ALL_LANGUAGES)
    for lang, href in alternates.items():
        assert not re.match(r"^[a-z]+:|^/", href), href
        assert (page.parent / href).resolve() == (offline_site / _prefix(lang) / f"{CARD}.html").resolve(), href


# ---------------------------------------------------------------- in the browser

def _watch(page):
    """Every failed response, sitemap request and console error of ``page``."""
    seen = {"failed": [], "sitemap": [], "errors": []}
    page.on("response", lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # net::ERR_ABORTED: the browser dropping a load (the search worker's) when the reader moves on
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.failure} {r.url}")
            if r.failure != "net::ERR_ABORTED" else None)
    page.on("request", lambda r: seen["sitemap"].append(r.url) if "sitemap" in r.url else None)
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def _switch(page, lang: str):
    """Use the language selector as a reader does: point at it, click the language."""
    page.locator(".md-select").first.hover()
    page.locator(f'.md-select a[hreflang="{lang}"]').first.click()


def _settle(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(400)  # Material's alternate handler fetches right after DOMContentLoaded


def _walk(page, root: str, ext: str):
    """nl card -> ar by the selector -> nl home -> ar home -> nl by the selector."""
    seen = _watch(page)
    page.goto(f"{root}{CARD}{ext}")
    _settle(page)
    _switch(page, "ar")
    page.wait_for_url(f"{root}ar/{CARD}{ext}")
    _settle(page)
    assert page.evaluate("document.body.dir") == "rtl"
    for path in ("" if ext == "/" else "index.html", "ar/" if ext == "/" else "ar/index.html"):
        page.goto(root + path)
        _settle(page)
    _switch(page, "nl")
    page.wait_for_url(root if ext == "/" else f"{root}index.html")
    _settle(page)
    return seen


def test_selector_over_http_with_the_default_site_url(server, page):
    """Served somewhere else than the site_url it was built with (alternates name the public
    host): Material must not fetch from the alternates, or it would ask that host."""
    seen = _walk(page, f"{server}/", "/")
    assert seen == {"failed": [], "sitemap": [], "errors": []}


def test_selector_under_a_sub_path_on_nginx(nginx, page):
    seen = _walk(page, nginx, "/")
    assert seen == {"failed": [], "sitemap": [], "errors": []}


def test_selector_from_disk(offline_site, page):
    seen = _walk(page, offline_site.as_uri() + "/", ".html")
    assert seen == {"failed": [], "sitemap": [], "errors": []}


# ---------------------------------------------------------------- the search dialog's name

def test_search_dialog_has_its_name_in_every_language(built_site, strings):
    for lang in ALL_LANGUAGES:  # the card is in the parents' layer: a page of every language
        html = (built_site / _prefix(lang) / CARD / "index.html").read_text(encoding="utf-8")
        dialogs = _head(html).dialogs
        assert [d.get("aria-label") for d in dialogs] == [strings[lang].t("search.dialog")], lang
    names = {strings[x].t("search.dialog") for x in ALL_LANGUAGES}
    assert len(names) == len(ALL_LANGUAGES), "each language names it in its own words"


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_open_search_dialog_is_named_for_assistive_technology(server, tab, strings, lang):
    from axe_playwright_python.sync_playwright import Axe
    tab.goto(f"{server}/{_prefix(lang)}{CARD}/")
    tab.locator(".md-search__input").first.click()
    name = strings[lang].t("search.dialog")
    assert tab.get_by_role("dialog", name=name, exact=True).count() == 1
    result = Axe().run(tab, options={"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}})
    assert result.response["violations"] == []
    assert result.response["passes"], "axe found the dialog and checked it"


# ---------------------------------------------------------------- no sideways jump on a phone

PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("path", ["", f"{CARD}/", "ar/", f"ar/{CARD}/", f"fa/{CARD}/"])
def test_page_is_no_wider_than_a_phone_before_scripts_run(browser, server, path):
    """What a phone lays out first, before Material's script: nothing may stick out past the screen,
    or the page is laid out wider and shrinks back (a sideways jump in right-to-left pages; Lighthouse
    measured a layout shift of 0.1 on Arabic pages. The shift itself depends on when a frame is
    painted, so it is not a reliable test; the width it comes from is)."""
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        pg = context.new_page()
        pg.goto(f"{server}/{path}")
        assert pg.evaluate("[document.documentElement.scrollWidth, innerWidth]") == [412, 412], path
    finally:
        context.close()

