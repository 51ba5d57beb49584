"""What lives in the browser: accessibility, checklist ticks, print, language switcher, search.

Needs Debian's chromium; skips without it, unless KB_REQUIRE_BROWSER is set (CI sets it).
"""
from __future__ import annotations

import pytest

from conftest import DEFAULT, RTL, TRANSLATED, prefix, search_for

CARD = "voorwaarden/zorg-voor-een-tolk/"


@pytest.mark.parametrize("lang", [prefix(x) for x in (DEFAULT, *RTL)])
def test_ticks_survive_reload_and_start_again_clears(server, page, lang):
    page.goto(f"{server}/{lang}checklists/ouders/")
    boxes = page.locator(".kb-checklist input[type=checkbox]")
    assert boxes.count() >= 5
    boxes.nth(1).focus()
    page.keyboard.press("Space")
    key = boxes.nth(1).get_attribute("data-item")
    page.reload()
    box = page.locator(f'.kb-checklist input[data-item="{key}"]')
    assert box.is_checked()
    assert not boxes.nth(0).is_checked()
    # a tick belongs to the item: the same item in another language is ticked too (issue 23)
    other = prefix(RTL[0]) if lang == "" else ""
    page.goto(f"{server}/{other}checklists/ouders/")
    assert page.locator(f'.kb-checklist input[data-item="{key}"]').is_checked()
    page.goto(f"{server}/{lang}checklists/ouders/")
    page.once("dialog", lambda d: d.accept())  # "start again" asks first
    page.locator(".kb-reset").first.click()
    assert not page.locator(f'.kb-checklist input[data-item="{key}"]').is_checked()
    page.reload()
    assert not page.locator(f'.kb-checklist input[data-item="{key}"]').is_checked()


def test_ticks_are_keyed_by_item_id_not_position(server, page):
    page.goto(f"{server}/{CARD}")
    page.locator('input[data-item="V13/tolkentelefoon"]').focus()
    page.keyboard.press("Space")
    stored = page.evaluate("JSON.parse(localStorage.getItem('kb-ticks:/'))")  # one key per site
    assert stored == {"V13/tolkentelefoon": 1}


def test_checkbox_is_usable_with_the_keyboard(server, page):
    page.goto(f"{server}/{CARD}")
    box = page.locator('input[data-item="V13/tolk-regelen"]')
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()


def test_print_hides_navigation(server, page):
    page.goto(f"{server}/checklists/ouders/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".kb-tools"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".kb-checklist input").first.is_visible() or page.locator(".task-list-indicator").first.is_visible()


@pytest.mark.parametrize("lang", RTL)
def test_rtl_language_is_right_to_left(server, tab, lang):
    tab.goto(f"{server}/{lang}/{CARD}")
    assert tab.evaluate("document.documentElement.lang") == lang
    assert tab.evaluate("document.body.dir") == "rtl"  # Material sets it on <body>
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
    # the Dutch report quote stays left-to-right inside the right-to-left page
    assert tab.evaluate("getComputedStyle(document.querySelector('.kb-source')).direction") == "ltr"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_language_switcher_keeps_the_page(server, tab, lang):
    tab.goto(f"{server}/{CARD}")
    link = tab.locator(f'.md-select a[hreflang="{lang}"]').first
    href = link.get_attribute("href")
    tab.goto(f"{server}/{CARD}")
    tab.locator(".md-header__option .md-header__button, .md-select").first.hover()
    link.click()
    tab.wait_for_url(f"**/{lang}/{CARD}")
    assert tab.url.endswith(f"/{lang}/{CARD}"), href


@pytest.mark.parametrize("lang, words, card", [
    ("tr/", "tercüman", "voorwaarden/zorg-voor-een-tolk/"),
    ("ar/", "مترجم", "voorwaarden/zorg-voor-een-tolk/"),
    ("", "tolk", "voorwaarden/zorg-voor-een-tolk/"),
])
def test_search_stays_within_the_language(server, tab, lang, words, card):
    tab.goto(f"{server}/{lang}")
    hrefs = search_for(tab, words)
    assert any(h.startswith(f"{server}/{lang}{card}") for h in hrefs), hrefs
    others = [prefix(x) for x in TRANSLATED if prefix(x) != lang]
    for h in hrefs:
        path = h[len(server) + 1:]
        assert path.startswith(lang) and not path.startswith(tuple(others)), h


def test_parent_reaches_advice_and_preparation_in_two_clicks(server, tab):
    tab.goto(f"{server}/")
    tab.locator('article .grid.cards a[href$="lezers/ouders/"]').first.click()  # click 1: "Ik ben ouder"
    tab.wait_for_url("**/lezers/ouders/")
    assert tab.locator("#wat-raden-de-gesprekken-scholen-aan").is_visible()
    advice = tab.locator("#wat-raden-de-gesprekken-scholen-aan ~ .kb-cards a").first
    assert "voorwaarden/" in advice.get_attribute("href")
    tab.locator(".kb-main-action").click()  # click 2: the one main action
    tab.wait_for_url("**/checklists/ouders/")
    assert 6 <= tab.locator(".kb-checklist").first.locator("input[data-item]").count() <= 12


def _tick(page, box):
    box.focus()
    page.keyboard.press("Space")


def _serve_two_sites(built_site, tmp_path):
    """The same site twice on one host, at /a/ and /b/ (two knowledge bases on one intranet)."""
    import os
    from reader import serve
    for name in ("a", "b"):
        os.symlink(built_site, tmp_path / name)
    return serve(tmp_path)


def test_ticks_are_kept_per_site_on_one_host(built_site, tmp_path, page):
    httpd, base = _serve_two_sites(built_site, tmp_path)
    try:
        page.goto(f"{base}a/{CARD}")
        _tick(page, page.locator('input[data-item="V13/tolkentelefoon"]'))
        page.goto(f"{base}b/{CARD}")
        assert not page.locator('input[data-item="V13/tolkentelefoon"]').is_checked()
        page.goto(f"{base}a/{CARD}")
        assert page.locator('input[data-item="V13/tolkentelefoon"]').is_checked()
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kb-ticks:'))") == ["kb-ticks:/a/"]
    finally:
        httpd.shutdown()


def test_start_again_works_when_storage_is_blocked(server, page):
    """Blocked storage: nothing throws, and "start again" still asks (issue 17); what the page says
    then, and that no box shows a tick, is in test_ticks.py."""
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e.stack or e)))
    page.add_init_script("""Object.defineProperty(window, 'localStorage',
        { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });""")
    page.goto(f"{server}/checklists/ouders/")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.locator(".kb-reset").first.click()
    assert asked
    assert not page.locator(".kb-checklist input[data-item]").first.is_checked()
    assert [e for e in errors if "kennisbank.js" in e] == []


def test_one_listener_per_box_after_navigating_back_and_forth(server, page):
    """Instant navigation runs the set-up again; a box must not get a second listener."""
    page.goto(f"{server}/checklists/ouders/")
    page.evaluate("""() => { window.__saves = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { if (k.startsWith('kb-ticks:')) window.__saves++; return set.call(this, k, v); }; }""")
    page.evaluate("document$.next(document)")  # what Material does after each instant page load
    _tick(page, page.locator(".kb-checklist input[data-item]").first)
    assert page.evaluate("window.__saves") == 1


def test_a_whole_card_is_tappable(server, tab):
    tab.goto(f"{server}/lezers/ouders/")
    card = tab.locator(".kb-cards li").nth(1)
    href = card.locator("a").first.get_attribute("href")
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    tab.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)  # a corner, far from the title
    tab.wait_for_url(lambda url: url.rstrip("/").endswith(href.strip("./")))


def test_the_kept_tab_is_as_new_after_a_test(server, _kept_tab):
    """The page the ``tab`` tests share: after a test that ticked, stored, resized and timed out
    differently, the next test meets what a new context would give it."""
    pg = _kept_tab.page
    pg.goto(f"{server}/checklists/ouders/")
    _tick(pg, pg.locator(".kb-checklist input[data-item]").first)
    pg.evaluate("sessionStorage.setItem('kb-test', '1')")
    pg.set_viewport_size({"width": 390, "height": 844})
    pg.set_default_timeout(1)
    assert pg.evaluate("localStorage.length") > 0
    _kept_tab.clean()
    assert pg.url == "about:blank"
    pg.goto(f"{server}/checklists/ouders/")  # with a time-out of 1 ms this would fail
    assert pg.locator(".kb-checklist input:checked").count() == 0
    assert pg.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    assert pg.viewport_size == {"width": 1280, "height": 720}
    _kept_tab.clean()
