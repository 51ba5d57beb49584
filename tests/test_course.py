"""Course material and print: read aloud, single-card print, lesson guide, readers."""
from __future__ import annotations

import pytest

CARD = "voorwaarden/zorg-voor-een-tolk/"

STUB = """
(() => {
  const voices = %s;
  window.__spoken = [];
  const synth = {
    speaking: false,
    getVoices: () => voices,
    speak: (u) => { window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}); },
    cancel: () => {},
    addEventListener: () => {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_read_aloud_is_hidden_without_a_voice(server, page):
    page.add_init_script(STUB % "[{lang: 'en-GB', name: 'English'}]")
    page.goto(f"{server}/ar/{CARD}")
    assert page.locator(".kb-readaloud").is_hidden()


@pytest.mark.parametrize("lang, code", [("", "nl"), ("ar/", "ar")])
def test_read_aloud_reads_the_page_with_a_voice(server, page, lang, code):
    page.add_init_script(STUB % f"[{{lang: '{code}-XX', name: 'x'}}]")
    page.goto(f"{server}/{lang}{CARD}")
    button = page.locator(".kb-readaloud")
    assert button.is_visible()
    button.click()
    spoken = page.evaluate("window.__spoken")
    title = page.locator("article h1").inner_text().strip().rstrip("¶").strip()
    assert len(spoken) == 1 and spoken[0]["lang"] == code and spoken[0]["voice"].startswith(code)
    assert title in spoken[0]["text"] and "Lees voor" not in spoken[0]["text"]


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_single_card_prints_cleanly_with_quote_and_url(server, page, lang):
    page.goto(f"{server}/{lang}{CARD}")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".kb-tools", ".kb-readaloud"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".kb-source").is_visible()
    url = page.locator(".kb-url")
    assert url.is_visible() and f"https://kennisbank.example.org/{lang}{CARD}" in url.inner_text()
