"""Course material and print: read aloud, single-card print, lesson guide, readers."""
from __future__ import annotations

import pytest

from conftest import DEFAULT, LANGUAGES, RTL, prefix

# make test runs two workers (pytest-xdist): this file's tests stay on one, so its module-scoped fixtures are made once
pytestmark = pytest.mark.xdist_group("course")

LTR = tuple(x for x in LANGUAGES if x not in RTL)
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


@pytest.mark.parametrize("lang", RTL)
def test_read_aloud_is_hidden_without_a_voice(server, page, lang):
    page.add_init_script(STUB % "[{lang: 'en-GB', name: 'English'}]")
    page.goto(f"{server}/{lang}/{CARD}")
    assert page.locator(".kb-readaloud").is_hidden()


@pytest.mark.parametrize("lang, code", [(prefix(x), x) for x in LANGUAGES])
def test_read_aloud_reads_the_page_with_a_voice(server, page, lang, code):
    page.add_init_script(STUB % f"[{{lang: '{code}-XX', name: 'x'}}]")
    page.goto(f"{server}/{lang}{CARD}")
    button = page.locator(".kb-readaloud")
    assert button.is_visible()
    button.click()
    spoken = page.evaluate("window.__spoken")
    title = page.locator("article h1").inner_text().strip().rstrip("¶").strip()
    assert spoken and all(s["lang"] == code and s["voice"].startswith(code) for s in spoken)
    text = " ".join(s["text"] for s in spoken)
    assert title in text and "Lees voor" not in text



@pytest.mark.parametrize("lang", RTL)
@pytest.mark.parametrize("voices, quote_in", [("[{lang: '%s-XX', name: 'a'}]", None),
                                              ("[{lang: '%s-XX', name: 'a'}, {lang: 'nl-NL', name: 'n'}]", "nl")])
def test_read_aloud_reads_dutch_quote_with_dutch_voice_or_skips_it(server, page, voices, quote_in, lang):
    page.add_init_script(STUB % (voices % lang))
    page.goto(f"{server}/{lang}/{CARD}")
    quote = page.locator("blockquote.kb-source").inner_text().strip()
    page.locator(".kb-readaloud").click()
    spoken = page.evaluate("window.__spoken")
    own = " ".join(s["text"] for s in spoken if s["lang"] == lang)
    dutch = [s for s in spoken if s["lang"] == "nl"]
    assert own, "the page itself is read"
    assert quote[:40] not in own, "the Dutch quote must not be read with the page's own voice"
    if quote_in:
        assert any(quote[:40] in s["text"] and s["voice"].startswith("nl") for s in dutch)
    else:
        assert not dutch


@pytest.mark.parametrize("lang", [prefix(x) for x in (DEFAULT, *RTL)])
def test_single_card_prints_cleanly_with_quote_and_url(nginx, page, lang):
    page.goto(f"{nginx}{lang}{CARD}")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".kb-tools", ".kb-readaloud"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".kb-source").is_visible()
    url = page.locator(".kb-url")
    assert url.is_visible() and f"{nginx}{lang}{CARD}" in url.inner_text()


# lesson guide: tests/test_lesbrief.py

# ---------------------------------------------------------------- course readers (PDF)

@pytest.fixture(scope="module")
def readers(printed):
    """(the file:// build, {language: its reader PDF}), printed once for the run (conftest.printed)."""
    from reader import page_file
    return printed, {lang: page_file(printed / prefix(lang), "reader").parent / f"kennisbank-{lang}.pdf"
                     for lang in LANGUAGES}


def _outline(pdf_path):
    import pypdfium2
    doc = pypdfium2.PdfDocument(str(pdf_path))
    width = doc[0].get_width()
    entries = []
    for b in doc.get_toc():
        dest = b.get_dest()
        _, (x, y, _z) = dest.get_view()
        entries.append((b.level, b.get_title(), dest.get_index(), x, y))
    return len(doc), width, entries


def _words(text):
    """Words of one script at a time: Chromium writes RTL bookmark titles in visual order and can
    glue an Arabic word to a Latin one ("عيّنواcontactouder"); the words themselves stay whole."""
    import re
    return sorted(re.findall(r"[0-9A-Za-z\u00C0-\u024F]+|[\u0400-\u04FF]+|[\u0600-\u06FF]+", text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_pdf_has_every_part_and_card(readers, site, strings, lang):
    _, pdfs = readers
    pages, width, outline = _outline(pdfs[lang])
    assert pages >= 10
    parts = [(t, page, y) for level, t, page, x, y in outline if level == 1]
    names = [strings[lang]["nav"][f] for f in ("themas", "voorwaarden", "organisatie")]
    for name in names:
        match = [p for p in parts if _words(p[0]) == _words(name)]
        assert match, f"no part '{name}' in {[p[0] for p in parts]}"
        assert match[0][2] > 760, "each part starts at the top of a new page"
    assert len({p[1] for p in parts if any(_words(p[0]) == _words(n) for n in names)}) == 3
    titles = [_words(_once(t)) for level, t, *_ in outline if level == 2]
    for card in site.cards.values():
        assert _words(card.text(lang).title) in titles, (lang, card.id)


def _once(title: str) -> str:
    """A bookmark title as Chromium may write it for a heading at the very top of a page in Arabic
    script with Noto Sans Arabic: the text twice, glued ("XX"). The page shows it once (seen in the
    PDF); the doubled bookmark is Chromium's (seen for ar T20 and fa V03 since the Noto Arabic fonts)."""
    half = len(title) // 2
    return title[:half] if len(title) % 2 == 0 and title[:half] == title[half:] else title


@pytest.mark.parametrize("lang, rtl", [(x, x in RTL) for x in LANGUAGES])
def test_reader_direction_from_the_pdf_layout(readers, lang, rtl):
    _, pdfs = readers
    _, width, outline = _outline(pdfs[lang])
    xs = [x for level, _t, _p, x, _y in outline if level == 2]
    right = sum(1 for x in xs if x > width / 2)
    assert (right / len(xs) > 0.9) if rtl else (right / len(xs) < 0.1)


@pytest.mark.parametrize("lang", (DEFAULT, *RTL))
def test_reader_page_links_its_pdf_with_size(readers, lang):
    import re
    site, pdfs = readers
    from reader import page_file
    html = page_file(site / prefix(lang), "reader").read_text(encoding="utf-8")
    m = re.search(r'<p class="kb-pdf"><a href="([^"]+)" download>.*?</a> <span dir="ltr">\(pdf, ([\d,]+) kB\)</span>', html)
    assert m and m.group(1) == pdfs[lang].name
    assert int(m.group(2).replace(",", "")) == round(pdfs[lang].stat().st_size / 1000)


def _lines(pdf_page):
    """The text of a PDF page as lines, read from each character's box (pdfium's own text order
    breaks up lines laid out with flexbox): [(y, text)], top to bottom."""
    tp = pdf_page.get_textpage()
    rows: dict[int, list] = {}
    for i in range(tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        left, bottom, right, top = tp.get_charbox(i, loose=True)  # loose: the line's box, descenders or not
        if ch.strip():
            rows.setdefault(round(bottom), []).append((left, right, top - bottom, ch))
    out = []
    for y in sorted(rows, reverse=True):
        text, last = "", None
        for left, right, height, ch in sorted(rows[y]):
            if last is not None and left - last > 0.15 * height:
                text += " "
            text += ch
            last = right
        out.append((y, text))
    return out


def _contents_pages(doc) -> range:
    """The contents: from the page of its heading to the page before the first part."""
    toc = list(doc.get_toc())  # cover title, contents, first part, ...
    return range(toc[1].get_dest().get_index(), toc[2].get_dest().get_index())


def _contents(doc):
    """(title, number) of every contents line."""
    import re
    return [(m.group(1).strip(), int(m.group(2))) for i in _contents_pages(doc) for _, t in _lines(doc[i])
            if not re.fullmatch(r"\d+ / \d+", t) and (m := re.match(r"^(.*\D)\s*(\d+)$", t))]


@pytest.mark.parametrize("lang", LTR)
def test_reader_contents_has_the_page_of_every_card(readers, site, strings, lang):
    import re
    import pypdfium2
    _, pdfs = readers
    doc = pypdfium2.PdfDocument(str(pdfs[lang]))
    total = len(doc)
    titles = {re.sub(r"\s+", " ", c.text(lang).title): c.id for c in site.cards.values()}
    parts = [strings[lang]["nav"][f] for f in ("themas", "voorwaarden", "organisatie")]
    contents = {}
    for title, number in _contents(doc):
        contents.setdefault(title, number)
    for title in list(titles) + parts:
        assert title in contents, (lang, title, list(contents)[:5])
        n = contents[title]
        assert 3 <= n <= total, (lang, title, n)
        page = [t for _, t in _lines(doc[n - 1])]
        # the title really is on that page (and the footer says the same number)
        assert any(title in t for t in page), (lang, title, n)
        assert f"{n} / {total}" in page, (lang, title, n)
        if title in parts:  # a part starts its page: the title is the page's first line
            assert page[0] == title, (lang, title, page[:2])


@pytest.mark.parametrize("lang", RTL)
def test_reader_contents_numbers_follow_the_cards_right_to_left(readers, site, lang):
    """Arabic script comes out of the PDF in visual order, so compare the numbers only: the contents
    lines, top to bottom, carry the page each bookmark (part or card) points at."""
    import re
    import pypdfium2
    _, pdfs = readers
    doc = pypdfium2.PdfDocument(str(pdfs[lang]))
    pages = [b.get_dest().get_index() + 1 for b in doc.get_toc() if b.level >= 1][1:]  # skip "contents" itself
    numbers = [int(m.group(0)) for i in _contents_pages(doc) for _, t in _lines(doc[i])
               if not re.search(r"\d+ / \d+", t) for m in [re.search(r"\d+", t)] if m]
    assert len(pages) == len(site.cards) + 3
    assert numbers == pages


def test_reader_cover_names_language_date_and_no_doubled_markers(readers, strings):
    import pypdfium2
    site, pdfs = readers
    doc = pypdfium2.PdfDocument(str(pdfs["nl"]))
    cover = " ".join(t for _, t in _lines(doc[0]))
    assert strings["nl"]["reader"]["title"] in cover and "Taal: Nederlands" in cover
    import re
    assert re.search(r"Gemaakt op \d{1,2} \w+ \d{4}", cover)
    # each contents line is "title number": no bullet or list number printed before it
    for _, t in [x for i in _contents_pages(doc) for x in _lines(doc[i])][1:]:
        assert not re.match(r"^\s*([•◦▪\-–]|\d+\.)", t), t
