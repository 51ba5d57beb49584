"""The students' route (issue 25): a page per meeting in every language, with what to read, what to
prepare, the meeting's questions and an assignment with a short rubric; no lecturer notes; card
ids shown where the lesson guide names them; one A4 handout per meeting, checked from the PDF."""
from __future__ import annotations

import re

import pytest

from conftest import DEFAULT, LANGUAGES, RTL, ROOT, axe_violations, prefix

DOCS = ROOT / "docs"
MEETINGS = (1, 2, 3, 4)
LEVELS = 3                      # the issue: three levels
CRITERIA = (3, 4)               # the issue: three or four criteria
GOAL = re.compile(r"(?<![0-9A-Za-z])([1-9])(?![0-9])")  # "Leerdoelen 2 en 3", "هدفا التعلّم 2 و3"
CARD_ID = re.compile(r"(?<![A-Za-z0-9])[TVO][0-9]{2}(?![0-9])")  # also "وT15" in Arabic


def _source(name: str, lang: str) -> str:
    path = DOCS / (f"{name}.md" if lang == DEFAULT else f"{name}.{lang}.md")
    return path.read_text(encoding="utf-8")


def _guide_meeting(lang: str, n: int) -> str:
    """The Markdown of meeting ``n`` in the lesson guide of ``lang``."""
    parts = re.split(r"(?m)^## ", _source("lesbrief", lang))
    return next(p for p in parts if f"{{ #bijeenkomst-{n} }}" in p.splitlines()[0])


def _markers(text: str, kind: str) -> list[str]:
    return re.findall(rf"<!-- kb:{kind} ids=(\S+) -->", text)


def _section(text: str, anchor: str) -> str:
    parts = re.split(r"(?m)^## ", text)
    return next(p for p in parts if f"{{ #{anchor} }}" in p.splitlines()[0])


def _rubric(text: str) -> list[list[str]]:
    """The rows of the assignment's table (header and rule skipped), as lists of cells."""
    rows = [ln for ln in _section(text, "opdracht").splitlines() if ln.startswith("|")]
    return [[c.strip() for c in r.strip("|").split("|")] for r in rows[2:]]


def _goals(text: str) -> int:
    """The number of learning goals: the numbered list under the page's first heading."""
    first = re.split(r"(?m)^## ", text)[1]
    return len(re.findall(r"(?m)^1\. ", first))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_meeting_has_a_student_page_in_every_language(lang):
    for name in ["studenten/index"] + [f"studenten/bijeenkomst-{n}" for n in MEETINGS]:
        text = _source(name, lang)
        assert re.search(r"(?m)^# \S", text), (lang, name)
        if lang != DEFAULT:
            assert "reviewed: true" not in text, "only a human sets reviewed: true"
    index = _source("studenten/index", lang)
    for n in MEETINGS:
        assert f"(bijeenkomst-{n}.md)" in index, (lang, n)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_student_page_holds_no_lecturer_notes(lang):
    guide = _source("lesbrief", lang)
    # the guide's notes for the lecturer: its admonitions, each line of their text
    notes = [ln.strip() for block in re.findall(r"(?ms)^!!! note.*?(?=^\S)", guide)
             for ln in block.splitlines()[1:] if len(ln.strip()) > 20]
    assert len(notes) >= 3, "the guide's lecturer notes were not found; the test reads them from the guide"
    for n in MEETINGS:
        page = _source(f"studenten/bijeenkomst-{n}", lang)
        assert "!!! " not in page, (lang, n)
        for note in notes:
            assert note not in page, (lang, n, note)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("n", MEETINGS)
def test_a_meeting_page_takes_the_guides_questions_and_cards(lang, n):
    page, guide = _source(f"studenten/bijeenkomst-{n}", lang), _guide_meeting(lang, n)
    assert _markers(page, "questions") == _markers(guide, "questions") != []
    cards = [c for m in _markers(page, "cards") for c in m.split(",")]
    assert cards, "what to read: the cards, linked"
    for marker in _markers(guide, "cards"):
        assert set(marker.split(",")) <= set(cards), (lang, n)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("n", MEETINGS)
def test_an_assignment_has_a_rubric_tied_to_goals_and_cards(site, lang, n):
    page = _source(f"studenten/bijeenkomst-{n}", lang)
    rows = _rubric(page)
    assert len(rows) in CRITERIA, (lang, n, len(rows))
    goals = _goals(page)
    assert goals == _goals(_source(f"studenten/bijeenkomst-{n}", DEFAULT)) >= 3
    used = {c for m in _markers(page, "cards") + _markers(page, "questions") for c in re.findall(r"[TVO][0-9]{2}", m)}
    dutch = _rubric(_source(f"studenten/bijeenkomst-{n}", DEFAULT))
    for i, row in enumerate(rows):
        assert len(row) == 1 + LEVELS and all(row), (lang, n, row)
        criterion = row[0]
        numbers = [int(x) for x in GOAL.findall(criterion)]
        assert numbers and all(1 <= x <= goals for x in numbers), f"{lang} {n}: '{criterion}' names no learning goal"
        ids = CARD_ID.findall(criterion)
        assert all(c in site.cards for c in ids)
        assert set(ids) <= used, f"{lang} {n}: '{criterion}' names a card the meeting does not use"
        # the same criteria in every language: the same goals and cards as the Dutch
        assert ids == CARD_ID.findall(dutch[i][0]), (lang, n, i)
        assert numbers == [int(x) for x in GOAL.findall(dutch[i][0])], (lang, n, i)
    assert any(CARD_ID.findall(r[0]) for r in rows)


# ---------------------------------------------------------------- the built site

def _page(built_site, lang: str, name: str) -> str:
    return (built_site / prefix(lang) / name / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_the_menu_and_the_pabo_page_lead_to_the_student_pages(built_site, strings, lang):
    guide = _page(built_site, lang, "lesbrief")
    pabo = _page(built_site, lang, "lezers/pabo")
    article = re.search(r"<article.*?</article>", pabo, re.S).group(0)
    assert 'href="../../studenten/"' in article and 'href="../../lesbrief/"' in article
    # the menu (on any page): a section in the language's words, with the four meetings
    assert strings[lang]["nav"]["studenten"] in pabo
    for n in MEETINGS:
        assert f'href="../studenten/bijeenkomst-{n}/"' in guide, (lang, n)
        assert f'<a href="../../studenten/bijeenkomst-{n}/" class="md-nav__link">' in pabo, (lang, n)
        page = _page(built_site, lang, f"studenten/bijeenkomst-{n}")
        assert page.count('class="kb-question-card"') == 8, "the meeting's eight questions"


def _card_ids_the_guide_names() -> set[str]:
    text = _source("lesbrief", DEFAULT)
    return set(re.findall(r"[Kk]aart ([TVO][0-9]{2})\b", text)) | \
        {c for m in _markers(text, "cards") for c in m.split(",")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_card_id_the_guide_names_shows_on_the_card_and_in_the_reader(built_site, site, strings, lang):
    named = _card_ids_the_guide_names()
    assert "V06" in named and "T18" in named  # "kaart V06", "kaart T18" in the guide's notes
    reader = _page(built_site, lang, "reader")
    for cid in sorted(named):
        card = site.cards[cid]
        html = _page(built_site, lang, card.path[:-3])
        label = strings[lang].t("card.id", id=cid)
        assert f'<p class="kb-card-id">{label}</p>' in html, (lang, cid)
        # in the reader: right under the card's own heading
        m = re.search(rf'<h3 id="{cid}">.*?</h3>\s*<p class="kb-card-id">([^<]*)</p>', reader, re.S)
        assert m and m.group(1) == label, (lang, cid)


@pytest.mark.parametrize("lang", [DEFAULT, *RTL])
def test_student_pages_pass_axe(server, tab, lang):
    for name in ["studenten"] + [f"studenten/bijeenkomst-{n}" for n in MEETINGS]:
        tab.goto(f"{server}/{prefix(lang)}{name}/", wait_until="load")
        assert axe_violations(tab) == [], (lang, name)


# ---------------------------------------------------------------- handouts (PDF)

MIN_POINTS = 9.0        # body text on a handout: the reader's 10 pt, nothing much smaller
FOOTER_MM = 16          # the page-number footer lies in the bottom margin


@pytest.fixture(scope="module")
def handouts(printed):
    """{(language, PDF name): path} of the handouts, printed once for the run (conftest.printed)."""
    from reader import handout_files
    return {(lang, pdf.name): pdf for lang, _page, pdf in handout_files(printed, LANGUAGES)}


def _pdf_facts(path):
    """(page count, smallest type size in pt above the footer, text of each page)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw
    doc = pypdfium2.PdfDocument(str(path))
    smallest, texts = 99.0, []
    try:
        for page in doc:
            footer = FOOTER_MM / 25.4 * 72
            tp = page.get_textpage()
            texts.append(tp.get_text_range())
            for i in range(tp.count_chars()):
                ch = raw.FPDFText_GetUnicode(tp, i)
                if chr(ch).isspace():
                    continue
                left, right, bottom, top = (ctypes.c_double() for _ in range(4))
                raw.FPDFText_GetCharBox(tp, i, left, right, bottom, top)
                if bottom.value < footer:
                    continue
                m = raw.FS_MATRIX()
                raw.FPDFText_GetMatrix(tp, i, m)
                scale = (m.a * m.a + m.b * m.b) ** 0.5 or 1.0
                smallest = min(smallest, raw.FPDFText_GetFontSize(tp, i) * scale)
        return len(doc), smallest, texts
    finally:
        doc.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_handout_per_meeting_on_one_a4_sheet(handouts, lang):
    found = handouts
    for n in MEETINGS:
        path = found[(lang, f"bijeenkomst-{n}-{lang}.pdf")]
        pages, smallest, texts = _pdf_facts(path)
        assert 1 <= pages <= 2, f"{path.name}: {pages} pages, one A4 sheet has two sides"
        assert smallest >= MIN_POINTS, f"{path.name}: type of {smallest:.1f} pt"
        assert "example.org" not in "".join(texts), "no placeholder address on paper"
        # the rubric is never cut: the card ids of its first and of its last criterion are on one page
        rows = _rubric(_source(f"studenten/bijeenkomst-{n}", lang))
        first, last = set(CARD_ID.findall(rows[0][0])), set(CARD_ID.findall(rows[-1][0]) or CARD_ID.findall(rows[-2][0]))
        on = [i for i, t in enumerate(texts) if first | last <= _pdf_ids(t)]
        assert on, f"{path.name}: the rubric is split across pages"


def _pdf_ids(text: str) -> set[str]:
    """Card ids in a PDF page's text; in a right-to-left line Chromium writes "T01" as "01T", and
    "T01،" as "01،T"."""
    found = re.findall(r"(?<![A-Za-z0-9])(?:([TVO])([0-9]{2})|([0-9]{2})[،,]?([TVO]))(?![A-Za-z0-9])", text)
    return {(a or d) + (b or c) for a, b, c, d in found}


def _tables_per_page(data: bytes) -> list[int]:
    """The number of tables (tagged-PDF structure elements "Table") that each page shows part of."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw
    doc = pypdfium2.PdfDocument(data)
    counts = []
    try:
        for page in doc:
            tree = raw.FPDF_StructTree_GetForPage(page)
            n = 0

            def walk(elem):
                nonlocal n
                buf = ctypes.create_string_buffer(64)
                size = raw.FPDF_StructElement_GetType(elem, buf, 64)
                if buf.raw[:size].decode("utf-16-le").rstrip("\x00") == "Table":
                    n += 1
                for i in range(raw.FPDF_StructElement_CountChildren(elem)):
                    child = raw.FPDF_StructElement_GetChildAtIndex(elem, i)
                    if child:
                        walk(child)
            for i in range(raw.FPDF_StructTree_CountChildren(tree)):
                walk(raw.FPDF_StructTree_GetChildAtIndex(tree, i))
            raw.FPDF_StructTree_Close(tree)
            counts.append(n)
    finally:
        doc.close()
    return counts


@pytest.mark.parametrize("lang", [DEFAULT, *RTL])
def test_the_guides_programmes_do_not_split_across_pages(server, browser, lang):
    pg = browser.new_page()
    try:
        pg.goto(f"{server}/{prefix(lang)}lesbrief/", wait_until="networkidle")
        tables = pg.locator("article table").count()
        assert tables == 4, "one programme per meeting"
        pg.emulate_media(media="print")
        counts = _tables_per_page(pg.pdf(format="A4", tagged=True))
    finally:
        pg.close()
    assert len(counts) > 1
    assert sum(counts) == tables, f"a programme is split across pages: tables per page {counts}"
