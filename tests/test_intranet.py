"""Intranet and offline: sub-path hosting under nginx with security headers, file:// browsing.

The ``page`` fixture fails any test whose page asks another host for anything.
"""
from __future__ import annotations

import pytest

CARD = "voorwaarden/zorg-voor-een-tolk"


def _search(page, words):
    page.locator(".md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(words)
    for _ in range(15):  # a query typed while the index loads is dropped: type it again
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1000)
            break
        except Exception:
            box.press("End")
            box.type(" ")
            box.press("Backspace")
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")


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
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith("sitemap.xml") else None)
    response = page.goto(nginx)
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    page.locator('article a[href$="lezers/ouders/"]').first.click()
    page.wait_for_url(f"{nginx}lezers/ouders/")
    page.locator('article a[href$="checklists/ouders/"]').first.click()
    page.wait_for_url(f"{nginx}checklists/ouders/")
    assert failed == [], failed


def test_subpath_language_switcher_search_and_ticks(nginx, page):
    page.goto(f"{nginx}{CARD}/")
    page.locator(".md-select a[hreflang=ar]").first.dispatch_event("click")
    page.wait_for_url(f"{nginx}ar/{CARD}/")
    page.goto(f"{nginx}tr/")
    hrefs = _search(page, "tercüman")
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
    _search(page, "ouders") if path == "" else None
    violations += page.evaluate("window.__csp || []")
    assert violations == []


# ---------------------------------------------------------------- file://

def test_file_navigation_switcher_search_and_ticks(offline_site, page):
    root = offline_site.as_uri() + "/"
    page.goto(root + "index.html")
    page.locator('article a[href$="lezers/ouders.html"]').first.click()
    page.wait_for_url(root + "lezers/ouders.html")
    page.goto(root + f"{CARD}.html")
    page.locator(".md-select a[hreflang=tr]").first.dispatch_event("click")
    page.wait_for_url(root + f"tr/{CARD}.html")
    page.goto(root + "ar/index.html")
    page.locator(".md-select a[hreflang=nl]").first.dispatch_event("click")
    page.wait_for_url(root + "index.html")
    page.goto(root + "tr/index.html")
    hrefs = _search(page, "tercüman")
    assert any(h.startswith(root + f"tr/{CARD}.html") for h in hrefs), hrefs
    assert _tick_and_reload(page, root + "checklists/ouders.html")


def test_offline_build_links_to_html_files(offline_site):
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="lezers/ouders.html"' in html
    assert 'href="/' not in html, "absolute links break under file://"
