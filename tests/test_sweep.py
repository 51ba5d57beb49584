"""Every page type, in Dutch and the right-to-left languages, and in turn in the other languages:
zero axe violations (WCAG 2.2 A/AA) and zero requests to other hosts (the ``page`` fixture fails a
test on any). Plus keyboard-only use."""
from __future__ import annotations

import pytest

from conftest import DEFAULT, LANGUAGES, RTL, TRANSLATED, axe_violations, prefix, search_for

PAGE_TYPES = {
    "home": "",
    "audience": "lezers/ouders/",
    "section": "voorwaarden/",
    "card": "voorwaarden/zorg-voor-een-tolk/",
    "checklist": "checklists/ouders/",
    "bilingual sheet": "checklists/ouders-tweetalig/",
    "side by side": "naast-elkaar/zorg-voor-een-tolk/",
    "card for professionals": "voorwaarden/praten-met-ouders-is-een-vak/",
    "tag": "onderwerpen/tolk/",
    "tag index": "onderwerpen/",
    "overview": "overzicht/",
    "glossary": "woordenlijst/",
    "translation status": "vertalingen/",
    "report": "verslag/",
    "reader": "reader/",
    "lesson guide": "lesbrief/",
    "student page": "studenten/bijeenkomst-3/",
}


def test_the_axe_check_holds_pages_to_wcag_2_2(page):
    """Targets too small and too close (2.5.8, new in WCAG 2.2) count as a violation."""
    page.set_content('<html lang="nl"><head><title>t</title></head><body><main><p>'
                     '<button style="width:12px;height:12px;padding:0;margin:0;border:0">a</button>'
                     '<button style="width:12px;height:12px;padding:0;margin:0;border:0">b</button></p></main></body></html>')
    assert [v[0] for v in axe_violations(page)] == ["target-size"]


# Every page type in Dutch (left to right) and in every right-to-left language; in the other full
# languages one page per type, taken in turn, so each of them still has pages checked (issue 29).
# They share these templates and differ in text only; the parents' pages of the partial languages
# have their own axe checks (test_partial_languages.py).
EVERY_TYPE = (DEFAULT,) + RTL
IN_TURN = tuple(x for x in LANGUAGES if x not in EVERY_TYPE)
AXE_CASES = ([(lang, kind) for lang in EVERY_TYPE for kind in PAGE_TYPES]
             + [(IN_TURN[i % len(IN_TURN)], kind) for i, kind in enumerate(PAGE_TYPES)])


# Two states of a page, taken the same way: the list with ticks, and search with its results open.
TICKED, SEARCHED = (EVERY_TYPE + (IN_TURN[(len(PAGE_TYPES) + i) % len(IN_TURN)],) for i in range(2))


def test_the_axe_sample_covers_every_type_and_every_language():
    assert {kind for lang, kind in AXE_CASES if lang in RTL} == set(PAGE_TYPES)
    assert {kind for lang, kind in AXE_CASES if lang not in RTL} == set(PAGE_TYPES)
    assert {lang for lang, _ in AXE_CASES} == set(LANGUAGES)
    for state in (TICKED, SEARCHED):
        assert set(RTL) < set(state) and DEFAULT in state and len(state) == len(EVERY_TYPE) + 1


@pytest.mark.parametrize("lang,kind", AXE_CASES)
def test_page_type_has_no_axe_violations(server, tab, lang, kind):
    tab.goto(f"{server}/{prefix(lang)}{PAGE_TYPES[kind]}")
    assert axe_violations(tab) == []


@pytest.mark.parametrize("lang", TICKED)
def test_ticked_checklist_has_no_axe_violations(server, tab, lang):
    tab.goto(f"{server}/{prefix(lang)}checklists/ouders/")
    for i in range(3):
        tab.locator(".kb-checklist input[data-item]").nth(i).focus()
        tab.keyboard.press("Space")
    assert tab.locator(".kb-checklist input:checked").count() == 3
    assert axe_violations(tab) == []


@pytest.mark.parametrize("lang", SEARCHED)
def test_search_with_results_open_has_no_axe_violations(server, tab, site, lang):
    words = max(site.cards["V13"].text(lang).title.split(), key=len)  # a word of "Zorg voor een tolk", as written there
    tab.goto(f"{server}/{prefix(lang)}")
    assert search_for(tab, words), words
    assert axe_violations(tab) == []


def test_checklist_with_the_keyboard_only(server, page):
    page.goto(f"{server}/checklists/ouders/")
    first = page.locator(".kb-checklist input[data-item]").first
    for _ in range(200):  # Tab from the top of the page until the first box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.matches('.kb-checklist input[data-item]')"):
            break
    assert first.evaluate("e => e === document.activeElement")
    page.keyboard.press("Space")
    assert first.is_checked()
    for _ in range(400):  # on to "start again"
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.classList.contains('kb-reset')"):
            break
    page.once("dialog", lambda d: d.accept())  # "start again" asks first
    page.keyboard.press("Enter")
    assert not first.is_checked()


def test_language_switcher_with_the_keyboard_only(server, tab):
    last = TRANSLATED[-1]  # the furthest link of the switcher
    tab.goto(f"{server}/voorwaarden/zorg-voor-een-tolk/")
    for _ in range(60):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"document.activeElement && document.activeElement.getAttribute('hreflang') === '{last}'"):
            break
    else:
        pytest.fail(f"the {last} link of the language switcher is not reachable with Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/{last}/voorwaarden/zorg-voor-een-tolk/")
