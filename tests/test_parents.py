"""Parents first: the parent block on every card for parents, a short core list that prints on
one A4, plain words, ticking by the label, the side-by-side view, and the way in from the home page."""
from __future__ import annotations

import ctypes
import re
from html.parser import HTMLParser

import pytest

# The parents' layer is in every language, partial ones included (conftest: ALL_LANGUAGES).
from conftest import DEFAULT, ALL_LANGUAGES as LANGUAGES, ROOT, ALL_RTL as RTL, SAMPLE, ALL_TRANSLATED as TRANSLATED, prefix
from kennisbank.checklists import build_checklists
from kennisbank.jargon import load_jargon, problems
from kennisbank.loader import MAX_CORE_ITEMS, sentence_count

JARGON = load_jargon(ROOT / "vertalen" / "jargon.yml")


# ---------------------------------------------------------------- the card model

def test_every_card_for_parents_has_its_parent_block_in_every_language(site):
    languages = site.languages
    cards = [c for c in site.cards.values() if "ouders" in c.audiences]
    assert len(cards) >= 50
    for card in cards:
        for lang in languages[1:]:
            text = card.texts[lang].parents
            assert 2 <= sentence_count(text) <= 4, (card.id, lang, text)
        assert re.search(r"\b(u|uw)\b", card.nl.parents, re.I), f"{card.id}: the parent block speaks to the parent (u)"
    assert all(not c.nl.parents for c in site.cards.values() if "ouders" not in c.audiences)


def test_core_list_is_short_in_u_form_and_keeps_tick_ids(site):
    core = build_checklists(site)["ouders"].core()
    assert 6 <= len(core) <= MAX_CORE_ITEMS == 12
    for e in core:
        assert e.item.audience == "ouders"
        assert re.search(r"\b(u|uw)\b", e.item.text), e.item.text
    # ticks made before the core list existed keep their ids
    keys = {e.key for e in core}
    assert {"V13/tolk-vragen", "V15/iemand-meenemen", "T01/thuis-helpen"} <= keys


def test_a_card_for_parents_without_parent_items_is_gone(site):
    """O21 was meant for parents but had nothing for them to do."""
    for card in site.cards.values():
        if "ouders" in card.audiences:
            assert any(i.audience == "ouders" for i in card.checklist), card.id


# ---------------------------------------------------------------- plain words

def test_jargon_check_catches_words_and_unexplained_terms():
    assert problems("Vraag het de professionals op school.", "nl", JARGON)
    assert problems("Uw kind gaat naar het vwo.", "nl", JARGON)
    assert not problems("Uw kind gaat naar het vwo (school voor de universiteit).", "nl", JARGON)
    assert not problems("Hulp van de gemeente (jeugdzorg). Later weer jeugdzorg.", "nl", JARGON)
    assert problems("Later jeugdzorg. Eerst niet: jeugdzorg (hulp).", "nl", JARGON), "explained only at the second use"
    assert not problems("Müdürün, OR'nin (ouderraad) ve öğretmenlerin", "tr", JARGON)
    assert not problems("Do you want this or that?", "en", JARGON), "OR matches only in capitals"
    assert problems("يتحدث المهنيون مع أولياء الأمور", "ar", JARGON)
    # Chinese: no spaces between words; full-width brackets explain a term
    assert problems("孩子上vwo。", "zh-Hans", JARGON) and problems("学校的专业人员会帮助您。", "zh-Hans", JARGON)
    assert not problems("孩子上vwo（大学预科）。", "zh-Hans", JARGON)
    # Persian: a space for the zero-width non-joiner, or Arabic yeh/kaf, is the same word
    word = next(w for w in JARGON.words("fa") if "\u200c" in w)
    assert problems(f"این {word.replace(chr(0x200c), ' ')} است", "fa", JARGON)
    assert problems(f"این {word.replace(chr(0x6cc), chr(0x64a)).replace(chr(0x6a9), chr(0x643))} است", "fa", JARGON)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_parent_blocks_and_parent_items_use_plain_words(site, lang):
    found = []
    for card in site.cards.values():
        if "ouders" not in card.audiences:
            continue
        t = card.text(lang)
        # the parent block opens the card page: read it together with the parent's items below it
        items = [t.checklist.get(i.id, i.text) for i in card.checklist if i.audience == "ouders"]
        found += [f"{card.id}: {p}" for p in problems(" ".join([t.parents, *items]), lang, JARGON)]
        # each item is also read on its own, on the parents' list
        found += [f"{card.id} item: {p}" for it in items for p in problems(it, lang, JARGON)]
    assert not found, "\n".join(found)


class _Text(HTMLParser):
    """The text of <article>, without the notices and print-only parts."""
    SKIP = ("kb-banner", "kb-print-only", "headerlink", "kb-page-tools")

    def __init__(self):
        super().__init__()
        self.parts, self.depth, self.skip = [], 0, 0
        self.stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        skip = any(k in (a.get("class") or "") for k in self.SKIP)
        self.stack.append(skip)
        self.skip += skip

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("br", "img", "input", "meta", "link", "hr") or not self.stack:
            return
        self.skip -= self.stack.pop()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def page_text(built_site, path: str) -> str:
    p = _Text()
    p.feed((built_site / path / "index.html").read_text(encoding="utf-8"))
    return " ".join("".join(p.parts).split())


@pytest.mark.parametrize("lang, path", [(x, p) for x in LANGUAGES for p in ("lezers/ouders", "checklists/ouders")]
                         + [(x, "checklists/ouders-tweetalig") for x in TRANSLATED])
def test_parents_pages_use_plain_words(built_site, lang, path):
    text = page_text(built_site, prefix(lang) + path)
    assert len(text) > 200
    assert problems(text, lang, JARGON) == []


def test_the_three_overstatements_are_gone(built_site):
    home = page_text(built_site, "")
    assert "alles wat ze zeiden" not in home and "zoal" in home
    parents = page_text(built_site, "lezers/ouders")
    assert "willen graag met u praten" not in parents
    assert "Wat mag u van de school verwachten" not in parents
    assert "adviezen aan scholen" in parents and "geen rechten" in parents


# ---------------------------------------------------------------- in the browser

def _click(page, locator):
    locator.scroll_into_view_if_needed()
    locator.click()


@pytest.mark.parametrize("lang", SAMPLE)
def test_from_the_dutch_home_to_the_core_list_in_two_taps_on_a_phone(browser, server, lang, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/")
        page.locator(f'.kb-languages a[lang="{lang}"]').tap()  # tap 1: the language, in its own words
        page.wait_for_url(f"**/{lang}/lezers/ouders/")
        page.locator(".kb-main-action").tap()  # tap 2: the one main action
        page.wait_for_url(f"**/{lang}/checklists/ouders/")
        assert page.evaluate("document.documentElement.lang") == lang
        core = build_checklists(site)["ouders"].core()
        first = page.locator(".kb-checklist").first
        shown = first.locator("label.kb-item").all_inner_texts()
        assert shown == [e.card.texts[lang].checklist[e.item.id] for e in core]
    finally:
        context.close()


@pytest.mark.parametrize("lang", [prefix(x) for x in (DEFAULT, *RTL)])
def test_a_tap_on_the_text_ticks_the_item(server, tab, lang):
    tab.goto(f"{server}/{lang}checklists/ouders/")
    label = tab.locator(".kb-checklist label.kb-item").nth(2)
    key = label.get_attribute("data-item")
    label.click()
    box = tab.locator(f'.kb-checklist input[data-item="{key}"]')
    assert box.is_checked()
    tab.reload()
    assert tab.locator(f'.kb-checklist input[data-item="{key}"]').is_checked()
    tab.locator(f'.kb-checklist label.kb-item[data-item="{key}"]').click()
    assert not tab.locator(f'.kb-checklist input[data-item="{key}"]').is_checked()


def _luminance(rgb):
    def ch(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def _rgb(css: str):
    return tuple(int(x) for x in re.findall(r"\d+", css)[:3])


@pytest.mark.parametrize("path", ["checklists/ouders/"] + [f"{x}/voorwaarden/zorg-voor-een-tolk/" for x in RTL])
def test_targets_are_24px_and_the_box_shows_at_3_to_1(server, tab, path):
    tab.goto(f"{server}/{path}")
    control = tab.locator(".kb-checklist .task-list-control").first
    box = control.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    label = tab.locator(".kb-checklist label.kb-item").first.bounding_box()
    assert label["height"] >= 24, label
    style = tab.evaluate("""() => {
        const s = getComputedStyle(document.querySelector('.kb-checklist .task-list-indicator'), '::before');
        let el = document.querySelector('.kb-checklist'), bg = 'rgba(0, 0, 0, 0)';
        while (el && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
        return {border: s.borderTopColor, width: parseFloat(s.borderTopWidth), w: parseFloat(s.width), bg: bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bg};
    }""")
    assert style["width"] >= 1.5 and style["w"] >= 20, style
    a, b = _luminance(_rgb(style["border"])), _luminance(_rgb(style["bg"]))
    assert (max(a, b) + 0.05) / (min(a, b) + 0.05) >= 3, style


@pytest.mark.parametrize("lang", [prefix(x) for x in (DEFAULT, *RTL)])
def test_start_again_asks_first_and_stands_after_print(server, page, lang):
    page.goto(f"{server}/{lang}checklists/ouders/")
    buttons = page.locator(".kb-tools button").evaluate_all("bs => bs.map(b => b.className)")
    assert [("kb-print" in b, "kb-reset" in b) for b in buttons] == [(True, False), (False, True)]
    page.locator(".kb-checklist label.kb-item").first.click()
    box = page.locator(".kb-checklist input[data-item]").first
    assert box.is_checked()
    messages = []

    def no(dialog):
        messages.append(dialog.message)
        dialog.dismiss()
    page.once("dialog", no)
    page.locator(".kb-reset").first.click()
    assert messages and messages[0].strip(), "a question was asked"
    assert box.is_checked(), "saying no keeps the ticks"
    page.once("dialog", lambda d: d.accept())
    page.locator(".kb-reset").first.click()
    assert not box.is_checked()
    page.reload()
    assert not page.locator(".kb-checklist input[data-item]").first.is_checked()


@pytest.mark.parametrize("lang", SAMPLE)
def test_side_by_side_view_of_a_card_in_one_tap(server, tab, site, lang):
    card = site.cards["V13"]
    tab.goto(f"{server}/{lang}/voorwaarden/zorg-voor-een-tolk/")
    tab.locator(".kb-sbs a").first.click()  # one tap
    tab.wait_for_url(f"**/{lang}/naast-elkaar/zorg-voor-een-tolk/")
    rows = tab.locator("table.kb-bilingual tbody tr")
    ids = rows.evaluate_all("rs => rs.map(r => r.dataset.row)")
    assert [i for i in ids if i.startswith("item-")] == [f"item-{i.id}" for i in card.checklist]
    for item in card.checklist:
        row = tab.locator(f'tr[data-row="item-{item.id}"]')
        nl, other = row.locator("td").nth(0), row.locator("td").nth(1)
        assert nl.inner_text().strip() == item.text
        assert other.inner_text().strip() == card.texts[lang].checklist[item.id]
        assert nl.get_attribute("lang") == "nl" and other.get_attribute("lang") == lang
        assert row.locator(".kb-box").count() == 2
    parents = tab.locator('tr[data-row="parents"] td').nth(1)
    assert parents.inner_text().strip() == card.texts[lang].parents
    direction = tab.evaluate(f"getComputedStyle(document.querySelector('td[lang={lang}]')).direction")
    assert direction == ("rtl" if lang in RTL else "ltr")
    assert tab.evaluate("getComputedStyle(document.querySelector('td[lang=nl]')).direction") == "ltr"
    if lang in RTL:  # the table is mirrored: the first (Dutch) column stands on the right
        nl_x = tab.locator("td[lang=nl]").first.bounding_box()["x"]
        other_x = tab.locator(f"td[lang={lang}]").first.bounding_box()["x"]
        assert nl_x > other_x
    pdf = _pdf(tab)
    assert len(pdf) == 1


def test_side_by_side_from_a_dutch_card_offers_each_language(server, tab):
    tab.goto(f"{server}/voorwaarden/zorg-voor-een-tolk/")
    links = tab.locator(".kb-sbs a")
    assert links.evaluate_all("as => as.map(a => a.lang)") == list(TRANSLATED)
    last = TRANSLATED[-1]
    links.nth(len(TRANSLATED) - 1).click()
    tab.wait_for_url(f"**/{last}/naast-elkaar/zorg-voor-een-tolk/")


@pytest.mark.parametrize("lang", SAMPLE)
def test_side_by_side_of_the_parents_list_in_one_tap(server, tab, site, lang):
    tab.goto(f"{server}/{lang}/checklists/ouders/")
    tab.locator(".kb-sbs a").first.click()
    tab.wait_for_url(f"**/{lang}/checklists/ouders-tweetalig/")
    parents = build_checklists(site)["ouders"]
    ids = tab.locator("table.kb-bilingual tbody tr[data-row]").evaluate_all("rs => rs.map(r => r.dataset.row)")
    assert ids == [e.key for e in parents.core()]
    # each moment of the conversation heads its own row group, in both languages
    groups = tab.locator("table.kb-bilingual tbody").evaluate_all(
        "bs => bs.map(b => [b.querySelector('tr.kb-moment').id, [...b.querySelectorAll('tr[data-row]')].map(r => r.dataset.row)])")
    assert groups == [[f"gesprek-{m}", [e.key for e in es]] for m, es in parents.core_groups()]


# ---------------------------------------------------------------- on paper

def _pdf(page):
    import pypdfium2 as pdfium
    return pdfium.PdfDocument(page.pdf(format="A4"))  # the browser's defaults: no background graphics


def _type_sizes(pdf_page) -> list[float]:
    """The size of every printed character in points: the font size times the text matrix's scale."""
    import pypdfium2.raw as raw
    tp = pdf_page.get_textpage()
    sizes = []
    for i in range(tp.count_chars()):
        if not tp.get_text_range(i, 1).strip():
            continue
        m = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(tp.raw, i, ctypes.byref(m))
        sizes.append(raw.FPDFText_GetFontSize(tp.raw, i) * (m.a * m.a + m.b * m.b) ** 0.5)
    return sizes


def _objects(pdf_page):
    import pypdfium2.raw as raw
    boxes, paths, texts = [], [], []
    for o in pdf_page.get_objects(max_depth=5):
        b = o.get_bounds()
        if o.type == raw.FPDF_PAGEOBJ_TEXT:
            texts.append(b)
        elif o.type == raw.FPDF_PAGEOBJ_PATH:
            paths.append(b)
            w, h = b[2] - b[0], b[3] - b[1]
            if 7 <= w <= 25 and abs(w - h) < 1.5:  # a square of 2.5 to 9 mm: a tick box
                boxes.append(b)
    return boxes, paths, texts


def _qr_bounds(paths):
    """The QR code: Chromium draws segno's SVG as one square path of 15 to 35 mm."""
    squares = [b for b in paths if 42 <= b[2] - b[0] <= 100 and abs((b[2] - b[0]) - (b[3] - b[1])) < 2]
    assert len(squares) == 1, squares
    return squares[0]


def _one_printed_page(page, url: str):
    """The page at ``url`` printed as a user would (A4, browser defaults): it must fit one sheet, and every
    glyph on it is real: each character in an embedded font, no .notdef box (tests/test_paper_glyphs.py)."""
    import pypdfium2 as pdfium
    from test_paper_glyphs import glyph_problems
    page.goto(url)
    data = page.pdf(format="A4")  # the browser's defaults: no background graphics
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 1, f"{url} prints on {len(pdf)} pages"
    problems = glyph_problems(data)
    assert not problems, f"{url}: {problems[:5]}"
    return pdf[0]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_core_list_prints_on_one_a4_with_boxes_and_11pt(nginx, tab, site, strings, lang):
    p = _one_printed_page(tab, f"{nginx}{prefix(lang)}checklists/ouders/")  # built with its address: a QR code
    assert abs(p.get_width() - 595.3) < 1.5 and abs(p.get_height() - 841.9) < 1.5  # A4 in points
    sizes = _type_sizes(p)
    assert sizes and min(sizes) >= 11 - 0.01, min(sizes)
    boxes, paths, texts = _objects(p)
    n = len(build_checklists(site)["ouders"].core())
    assert len(boxes) == n, f"{len(boxes)} boxes for {n} items"
    text = " ".join(p.get_textpage().get_text_range().split())
    if lang not in RTL:  # Chromium writes RTL words in visual order; their count is checked by the boxes
        assert site.cards["V13"].text(lang).checklist["tolk-vragen"] in text
        first_more = build_checklists(site)["ouders"].more()[0][1][0]
        assert first_more.card.item_text(first_more.item, lang)[0] not in text, "'meer vragen' stays off the sheet"
    for other in LANGUAGES:
        assert strings[other]["checklist"]["print"] not in text, "no buttons on paper"
    qr = _qr_bounds(paths)
    assert qr and (qr[2] - qr[0]) > 40, "the QR code prints"
    assert not [t for t in texts if _overlap(qr, t)], "no text under the QR code"
    if lang in RTL:  # mirrored: the boxes stand on the right, the QR code too
        assert min(b[0] for b in boxes) > p.get_width() / 2
        assert qr[0] > p.get_width() / 2


@pytest.mark.parametrize("lang", TRANSLATED)
def test_bilingual_sheet_prints_on_one_a4_with_both_boxes_and_headers(nginx, tab, site, strings, lang):
    p = _one_printed_page(tab, f"{nginx}{lang}/checklists/ouders-tweetalig/")
    assert abs(p.get_width() - 595.3) < 1.5 and abs(p.get_height() - 841.9) < 1.5  # A4 in points
    sizes = _type_sizes(p)
    assert min(sizes) >= 11 - 0.01, min(sizes)
    boxes, paths, texts = _objects(p)
    n = len(build_checklists(site)["ouders"].core())
    assert len(boxes) == 2 * n
    text = p.get_textpage().get_text_range()
    assert strings["nl"]["language"] in text
    heading = strings[lang]["language"]
    if lang not in RTL:  # Chromium writes RTL text in visual order; the header is checked in the DOM below
        assert heading in text
    assert tab.locator("table.kb-bilingual thead th").nth(1).inner_text().strip() == heading
    qr = _qr_bounds(paths)
    assert qr and not [t for t in texts if _overlap(qr, t)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_core_list_page_one_renders(server, tab, tmp_path, lang):
    """Render page 1 to PNG (kept under the test's tmp dir for a look): ink on both halves of the
    sheet's top, none in the bottom fifth (with the three headings of issue 23, Polish and Ukrainian end at 76%)."""
    tab.goto(f"{server}/{prefix(lang)}checklists/ouders/")
    img = _pdf(tab)[0].render(scale=1).to_pil().convert("L")
    img.save(tmp_path / f"core-{lang}.png")
    w, h = img.size

    def ink(box):
        return sum(1 for v in img.crop(box).get_flattened_data() if v < 128)
    assert ink((0, 0, w, h // 3)) > 1000
    assert ink((0, 4 * h // 5, w, h)) == 0
