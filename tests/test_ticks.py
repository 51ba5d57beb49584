"""Ticks follow the parent (issue 23, item 5), in Chromium: a tick belongs to the item, by its
stable key ("<card id>/<item id>"), not to the language or the list. Ticked on the Arabic parents'
list, the item shows ticked on the Dutch list, on its card, on the bilingual sheet and on the
card's side-by-side page; ticks kept per language and list by earlier versions are moved in; where
the browser does not keep them, the page says so and shows no tick it did not store.

The same flows in WebKit are in test_webkit.py. Needs Debian's chromium; skips without it, unless
KB_REQUIRE_BROWSER is set (CI sets it)."""
from __future__ import annotations

import pytest

from conftest import DEFAULT, RTL, prefix
from kennisbank.checklists import build_checklists
from kennisbank.model import PARENTS
from kennisbank.urls import card_path

ARABIC = "ar"
assert ARABIC in RTL


@pytest.fixture(scope="module")
def parents(site):
    return build_checklists(site)["ouders"]


def _ticked(page) -> set:
    return set(page.locator(".kb-checklist input[data-item]").evaluate_all(
        "bs => bs.filter(b => b.checked).map(b => b.dataset.item)"))


def _ticked_rows(page) -> set:
    """The rows of a two-column sheet that show a tick in their box, as the reader sees it."""
    return set(page.locator("tr[data-item]").evaluate_all("""rs => rs.filter(r => {
        const box = r.querySelector('.kb-box');
        return box && getComputedStyle(box, '::after').content.includes('\u2713');
    }).map(r => r.dataset.item)"""))


def _switch_language(page, server, to, path):
    """With the language switcher in the header, as a reader does."""
    page.locator(".md-header__option .md-header__button, .md-select").first.hover()
    page.locator(f'.md-select a[hreflang="{to}"]').first.click()
    page.wait_for_url(f"{server}/{prefix(to)}{path}")


def test_a_tick_on_the_arabic_list_follows_the_item_everywhere(server, tab, parents):
    core = parents.core()
    entry = core[len(core) // 2]
    key = entry.key
    tab.goto(f"{server}/{ARABIC}/checklists/ouders/")
    tab.locator(f'.kb-checklist label.kb-item[data-item="{key}"]').click()  # a tap on the words
    assert _ticked(tab) == {key}

    _switch_language(tab, server, DEFAULT, "checklists/ouders/")
    assert tab.evaluate("document.documentElement.lang") == DEFAULT
    assert _ticked(tab) == {key}, "the Dutch list shows the tick made on the Arabic one"

    # the item's own card, from the link beside the item
    tab.locator(f'li:has(input[data-item="{key}"]) small a').first.click()
    tab.wait_for_load_state()
    assert "/checklists/" not in tab.url
    card_url = tab.url
    assert _ticked(tab) == {key}, "the card shows it too"
    tab.reload()
    assert _ticked(tab) == {key}, "and keeps it after a reload"

    # the card's side-by-side page in Arabic, and the Arabic bilingual sheet of the parents' list
    tab.locator(f'.kb-sbs a[hreflang="{ARABIC}"]').click()
    tab.wait_for_url(f"{server}/{ARABIC}/naast-elkaar/**")
    assert _ticked_rows(tab) == {key}
    tab.goto(f"{server}/{ARABIC}/checklists/ouders-tweetalig/")
    assert _ticked_rows(tab) == {key}

    # taken away on the Dutch card, it is gone from the Arabic list
    tab.goto(card_url)
    tab.locator(f'.kb-checklist label.kb-item[data-item="{key}"]').click()
    assert _ticked(tab) == set()
    tab.goto(f"{server}/{ARABIC}/checklists/ouders/")
    assert _ticked(tab) == set()


def test_an_item_further_down_the_list_follows_its_card(server, tab, parents):
    """Not only the printed core list: an item among "more questions" is the same item on its card."""
    (_, entries), *_ = parents.more()
    entry = entries[0]
    tab.goto(f"{server}/{ARABIC}/checklists/ouders/")
    tab.locator(f'.kb-more .kb-checklist label.kb-item[data-item="{entry.key}"]').click()
    tab.locator(f'.kb-more li:has(input[data-item="{entry.key}"]) small a').first.click()
    tab.wait_for_load_state()
    assert tab.url.startswith(f"{server}/{ARABIC}/") and "/checklists/" not in tab.url
    assert _ticked(tab) == {entry.key}


def test_start_again_clears_this_list_in_every_language_and_nothing_else(server, page, parents, site, strings):
    on_list = parents.core()[0].key
    card = next(c for c in site.cards.values() if any(i.audience != PARENTS for i in c.checklist))
    elsewhere = next(i for i in card.checklist if i.audience != PARENTS).key(card.id)
    assert elsewhere not in {e.key for e in parents.entries()}
    page.goto(f"{server}/{ARABIC}/checklists/ouders/")
    page.locator(f'.kb-checklist label.kb-item[data-item="{on_list}"]').click()
    page.goto(f"{server}/{card_path(card)[:-len('.md')]}/")
    page.locator(f'.kb-checklist label.kb-item[data-item="{elsewhere}"]').click()
    page.goto(f"{server}/checklists/ouders/")
    assert _ticked(page) == {on_list}
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.locator(".kb-reset").first.click()
    assert asked == [strings[DEFAULT]["checklist"]["confirm_reset"]], "it asks what it will do"
    assert _ticked(page) == set()
    page.goto(f"{server}/{ARABIC}/checklists/ouders/")
    assert _ticked(page) == set(), "gone in Arabic too: it is the same item"
    page.goto(f"{server}/{card_path(card)[:-len('.md')]}/")
    assert elsewhere in _ticked(page), "an item that is not on this list keeps its tick"


def test_a_tick_in_another_tab_shows_without_a_reload(server, page, parents):
    """The parent has the Arabic list open in one tab and the Dutch list in another."""
    key = parents.core()[0].key
    page.goto(f"{server}/checklists/ouders/")
    other = page.context.new_page()
    try:
        other.goto(f"{server}/{ARABIC}/checklists/ouders/")
        other.locator(f'.kb-checklist label.kb-item[data-item="{key}"]').click()
        page.wait_for_function("k => document.querySelector(`.kb-checklist input[data-item=\"${k}\"]`).checked",
                               arg=key, timeout=5000)
    finally:
        other.close()


# ---------------------------------------------------------------- ticks from before

def test_ticks_kept_per_language_and_list_before_are_moved_in(server, tab, parents, site):
    """Before, ticks were kept under "kb-ticks:<site>:<language>:<list id>". None is lost."""
    core = parents.core()
    tolk = site.cards["V13"]
    on_card = tolk.checklist[-1].key(tolk.id)
    tab.goto(f"{server}/404.html")
    tab.evaluate("""([a, b, c]) => {
        localStorage.setItem('kb-ticks:/:ar:ouders', JSON.stringify({[a]: 1}));
        localStorage.setItem('kb-ticks:/:nl:ouders', JSON.stringify({[b]: 1}));
        localStorage.setItem('kb-ticks:/:tr:card-V13', JSON.stringify({[c]: 1}));
        localStorage.setItem('kb-ticks:/b/:nl:ouders', JSON.stringify({[a]: 1}));  // another site
    }""", [core[0].key, core[1].key, on_card])
    tab.goto(f"{server}/checklists/ouders/")
    assert {core[0].key, core[1].key} <= _ticked(tab), "the Arabic and the Dutch ticks, on the Dutch list"
    tab.goto(f"{server}/{ARABIC}/{card_path(tolk)[:-len('.md')]}/")
    assert on_card in _ticked(tab), "the tick from the Turkish card, on the Arabic card"
    assert sorted(tab.evaluate("Object.keys(localStorage)")) == ["kb-ticks:/", "kb-ticks:/b/:nl:ouders"], \
        "moved once: the old keys are gone, another site's are not touched"
    # once moved, a tick taken away stays away
    tab.locator(f'.kb-checklist label.kb-item[data-item="{on_card}"]').click()
    tab.reload()
    assert on_card not in _ticked(tab)


# ---------------------------------------------------------------- when the browser keeps nothing

@pytest.mark.parametrize("lang", [DEFAULT, ARABIC])
def test_blocked_storage_is_said_and_no_box_shows_a_tick(server, page, strings, lang):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e.stack or e)))
    page.add_init_script("""Object.defineProperty(window, 'localStorage',
        { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });""")
    page.goto(f"{server}/{prefix(lang)}checklists/ouders/")
    note = page.locator(".kb-storage-failed")
    assert note.is_visible()
    assert note.inner_text().strip() == strings[lang]["checklist"]["storage_failed"]
    assert page.evaluate("""() => { const n = document.querySelector('.kb-storage-failed');
        return n.compareDocumentPosition(document.querySelector('.kb-checklist')) & Node.DOCUMENT_POSITION_FOLLOWING; }"""), \
        "said before the list, where the parent is ticking"
    page.locator(".kb-checklist label.kb-item").first.click(force=True)  # a tap: the box is disabled
    assert _ticked(page) == set(), "nothing is stored, so nothing shows ticked"
    assert [e for e in errors if "kennisbank.js" in e] == []


def test_a_write_that_fails_is_said_and_undone_on_screen(server, page, parents, strings):
    kept, new = parents.core()[0].key, parents.core()[1].key
    page.goto(f"{server}/checklists/ouders/")
    page.locator(f'.kb-checklist label.kb-item[data-item="{kept}"]').click()
    page.add_init_script("""Storage.prototype.setItem = Storage.prototype.removeItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""")  # reads, never writes
    page.goto(f"{server}/{ARABIC}/checklists/ouders/")
    note = page.locator(".kb-storage-failed")
    assert not note.is_visible(), "reading works: nothing to say yet"
    assert _ticked(page) == {kept}
    page.locator(f'.kb-checklist label.kb-item[data-item="{new}"]').click()
    assert _ticked(page) == {kept}, "the new tick did not hold, so it does not show"
    assert note.is_visible()
    assert note.inner_text().strip() == strings[ARABIC]["checklist"]["storage_failed"]
    page.locator(f'.kb-checklist label.kb-item[data-item="{kept}"]').click()
    assert _ticked(page) == {kept}, "taking a tick away did not hold either"
