"""The eight partial languages (issue 28) in the built site, in Chromium: for each, the home page,
the parents' page and the parents' list in that language and its direction, with the line that
says only the parents' pages are in it; a tick that survives a reload; the language switcher
reaching the same list; a page outside the parents' layer as a notice page (the notice in the
language, the Dutch text marked as Dutch, one tap to the Dutch page); and axe-core (AXE_PAGES).
WebKit runs the list, ticks and switcher for es and ckb (test_webkit.py)."""
from __future__ import annotations

import re

import pytest

from conftest import DEFAULT, NAMES, PARTIAL, axe_violations
from kennisbank.strings import direction

PAGES = ("", "lezers/ouders/", "checklists/ouders/")
# axe-core (issue 29): every page of the layer, and the notice page, in the right-to-left language (ckb);
# in the others one page each, in turn, so that each page, and each language, is checked.
RTL_PARTIAL = tuple(x for x in PARTIAL if direction(x) == "rtl")
LTR_PARTIAL = tuple(x for x in PARTIAL if x not in RTL_PARTIAL)
AXE_PAGES = {**{x: PAGES for x in RTL_PARTIAL}, **{x: (PAGES + ("lesbrief/",))[i % 4:i % 4 + 1] for i, x in enumerate(LTR_PARTIAL)}}


def test_the_eight_languages_of_the_issue_are_partial():
    assert set(PARTIAL) == {"ti", "so", "bg", "ro", "es", "pt", "ckb", "zh-Hans"}


def test_the_axe_sample_covers_every_page_and_every_language():
    assert RTL_PARTIAL and all(len(AXE_PAGES[x]) == 1 for x in LTR_PARTIAL)
    assert set(AXE_PAGES) == set(PARTIAL)
    assert {p for x in LTR_PARTIAL for p in AXE_PAGES[x]} == set(PAGES) | {"lesbrief/"}


def _ticked(page) -> set:
    return set(page.locator(".kb-checklist input[data-item]").evaluate_all(
        "bs => bs.filter(b => b.checked).map(b => b.dataset.item)"))


@pytest.mark.parametrize("lang", PARTIAL)
def test_the_parents_layer_in_the_language(server, tab, strings, site, lang):
    s = strings[lang]
    mark = s.t("switcher.partial", name=NAMES[lang])
    for path in PAGES:
        tab.goto(f"{server}/{lang}/{path}")
        assert tab.evaluate("document.documentElement.lang") == lang, path
        assert tab.locator(".md-content").evaluate("e => getComputedStyle(e).direction") == s["dir"], path
        assert tab.locator(".kb-partial-mark").inner_text().strip() == mark, path
        assert not tab.locator(".kb-fallback").count(), f"{path}: no Dutch text on a page of the layer"
        if path in AXE_PAGES[lang]:
            assert axe_violations(tab) == [], path
    # the parents' page is this language's own translation, title and all
    tab.goto(f"{server}/{lang}/lezers/ouders/")
    title = site.pages[f"lezers/ouders.{lang}.md"].meta["title"]
    assert tab.locator("h1").first.inner_text().strip().rstrip("¶").strip() == title  # ¶: the permalink


@pytest.mark.parametrize("lang", PARTIAL)
def test_a_tick_survives_a_reload_and_the_switcher_reaches_the_same_list(server, tab, lang):
    url = f"{server}/{lang}/checklists/ouders/"
    tab.goto(url)
    labels = tab.locator(".kb-checklist label.kb-item")
    key = labels.nth(2).get_attribute("data-item")
    labels.nth(2).click()  # a tap on the words
    assert _ticked(tab) == {key}
    tab.reload()
    assert _ticked(tab) == {key}, "the tick is still there after a reload"
    items = tab.locator(".kb-checklist input[data-item]").evaluate_all("bs => bs.map(b => b.dataset.item)")
    tab.locator(".md-header__option .md-header__button, .md-select").first.hover()
    tab.locator(f'.md-select a[hreflang="{DEFAULT}"]').first.click()
    tab.wait_for_url(f"{server}/checklists/ouders/")
    assert tab.locator(".kb-checklist input[data-item]").evaluate_all("bs => bs.map(b => b.dataset.item)") == items
    assert _ticked(tab) == {key}, "the same item ticked on the Dutch list"
    tab.locator(".md-header__option .md-header__button, .md-select").first.hover()
    tab.locator(f'.md-select a[hreflang="{lang}"]').first.click()
    tab.wait_for_url(url)
    assert tab.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", PARTIAL)
def test_a_page_outside_the_layer_is_a_notice_with_the_dutch_text(server, tab, strings, lang):
    s = strings[lang]
    tab.goto(f"{server}/{lang}/lesbrief/")
    assert tab.evaluate("document.documentElement.lang") == lang
    notice = tab.locator(".kb-partial")
    assert notice.is_visible() and s["translation"]["partial"] in notice.inner_text()
    assert notice.evaluate("e => getComputedStyle(e).direction") == s["dir"]
    dutch = tab.locator('.kb-fallback[lang="nl"]')
    assert dutch.locator("h1").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert re.search(r"[Ll]esbrief", dutch.locator("h1").inner_text())
    # the list of languages leads to this page in each language; the Dutch one is its original
    assert tab.locator('.kb-notice-languages a[aria-current="page"]').get_attribute("hreflang") == lang
    if lang in RTL_PARTIAL or "lesbrief/" in AXE_PAGES[lang]:
        assert axe_violations(tab) == []
    notice.locator('a[hreflang="nl"]').click()
    tab.wait_for_url(f"{server}/lesbrief/")


def test_full_languages_carry_no_partial_mark(built_site):
    for lang in ("", "en/", "ar/"):
        assert "kb-partial-mark" not in (built_site / lang / "lezers" / "ouders" / "index.html").read_text(encoding="utf-8")
