"""Checklists: built from the cards' items, in the reader's language, tickable, one A4 sheet."""
from __future__ import annotations

import io
import re

import pytest

from conftest import DEFAULT, RTL, TRANSLATED, prefix
from kennisbank.checklists import build_checklists, checklist_ids
from kennisbank.render import render_checklist_page
from kennisbank.vocab import AUDIENCES, SECTIONS


# The specification, written out here rather than imported from the code it checks.
CHECKLISTS = ["ouders", "leerkrachten", "schoolleiders", "jeugdzorg", "pabo", "thema", "voorwaarde", "organisatie"]
# Every audience's list has every section (issue 17: the parents' list too; what prints for
# parents is its core list, at most 12 items flagged in the cards).
SECTIONS_PER_AUDIENCE: dict = {}
ALL_SECTIONS = ("thema", "voorwaarde", "organisatie")


def test_one_checklist_per_audience_and_section(site):
    assert list(build_checklists(site)) == CHECKLISTS
    assert checklist_ids() == CHECKLISTS


def test_groups_come_in_the_fixed_order(site):
    lists = build_checklists(site)
    for sec in ALL_SECTIONS:
        present = [a for a in CHECKLISTS[:5] if any(i.audience == a for c in site.cards.values()
                                                     if c.section == sec for i in c.checklist)]
        assert [k for k, _ in lists[sec].groups] == present and len(present) > 1, sec
    for aud in CHECKLISTS[:5]:
        expected = [s for s in SECTIONS_PER_AUDIENCE.get(aud, ALL_SECTIONS)
                    if any(i.audience == aud for c in site.cards.values() if c.section == s for i in c.checklist)]
        assert [k for k, _ in lists[aud].groups] == expected, aud
    assert [k for k, _ in lists["ouders"].groups] == ["thema", "voorwaarde", "organisatie"]


def test_items_go_to_their_audience_in_card_order(site):
    """Worked out by hand on four small cards: each audience's list takes its items card by card,
    in the site's order (thema, voorwaarde, organisatie), and within a card in the author's order."""
    import dataclasses
    from kennisbank.model import ChecklistItem
    base = next(iter(site.cards.values()))

    def card(cid, section, *items):
        return dataclasses.replace(base, id=cid, section=section,
                                   checklist=tuple(ChecklistItem(i, aud, f"Punt {i}.") for i, aud in items))
    cards = [card("T01", "thema", ("a", "ouders"), ("b", "leerkrachten"), ("c", "ouders")),
             card("T02", "thema", ("d", "leerkrachten")),
             card("V01", "voorwaarde", ("e", "ouders"), ("f", "pabo")),
             card("O01", "organisatie", ("g", "jeugdzorg"), ("h", "ouders"))]
    small = dataclasses.replace(site, cards={c.id: c for c in cards}, pages={}, by_path={})
    lists = build_checklists(small)
    assert {aud: [e.key for e in lists[aud].entries()] for aud in AUDIENCES} == {
        "ouders": ["T01/a", "T01/c", "V01/e", "O01/h"],
        "leerkrachten": ["T01/b", "T02/d"],
        "schoolleiders": [],
        "jeugdzorg": ["O01/g"],
        "pabo": ["V01/f"],
    }
    assert [(g, [e.key for e in es]) for g, es in lists["thema"].groups] == [
        ("ouders", ["T01/a", "T01/c"]), ("leerkrachten", ["T01/b", "T02/d"])]
    assert [(g, [e.key for e in es]) for g, es in lists["ouders"].groups] == [
        ("thema", ["T01/a", "T01/c"]), ("voorwaarde", ["V01/e"]), ("organisatie", ["O01/h"])]


def test_every_item_is_on_its_section_checklist_once(site):
    lists = build_checklists(site)
    all_items = sorted(i.key(c.id) for c in site.cards.values() for i in c.checklist)
    on_sections = sorted(e.key for sec in SECTIONS for e in lists[sec].entries())
    assert on_sections == all_items
    assert len(set(all_items)) == len(all_items), "item keys are unique"


def test_adding_a_card_does_not_change_other_keys(site):
    import dataclasses
    from kennisbank.model import Card, ChecklistItem
    before = {e.key for e in build_checklists(site)["ouders"].entries()}
    first = next(iter(site.cards.values()))
    extra = dataclasses.replace(first, id="T00", checklist=(ChecklistItem("nieuw", "ouders", "Nieuw punt."),))
    site2 = dataclasses.replace(site, cards={"T00": extra, **site.cards})
    after = {e.key for e in build_checklists(site2)["ouders"].entries()}
    assert after == before | {"T00/nieuw"}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_checklist_page_is_in_the_readers_language(site, strings, lang):
    page = render_checklist_page(build_checklists(site)["ouders"], lang, strings, "https://x.example/")
    assert strings[lang]["checklist"]["pages"]["ouders"]["title"] in page
    for card in site.cards.values():
        for item in card.checklist:
            if item.audience == "ouders" and card.section in ("thema", "voorwaarde"):
                assert card.texts[lang].checklist[item.id] in page
                assert f">{item.text}<" not in page, f"Dutch item under {lang} headings: {item.text}"
    assert 'lang="nl"' not in page.split("kb-qr")[0], "no Dutch fallback while translations exist"


def test_untranslated_item_is_marked_dutch(site, strings):
    import dataclasses
    card = site.cards["V13"]
    texts = dict(card.texts)
    texts["tr"] = dataclasses.replace(texts["tr"], checklist={})
    card2 = dataclasses.replace(card, texts=texts)
    site2 = dataclasses.replace(site, cards={"V13": card2})
    page = render_checklist_page(build_checklists(site2)["voorwaarde"], "tr", strings, "https://x.example/")
    assert f'<span lang="nl" dir="ltr">{card.checklist[0].text}</span>' in page


def test_strings_have_every_checklist_title(strings):
    for lang, s in strings.items():
        for cid in checklist_ids():
            assert s["checklist"]["pages"][cid]["title"].strip(), (lang, cid)
        if lang != "nl":
            assert s["checklist"]["pages"]["ouders"]["title"] != strings["nl"]["checklist"]["pages"]["ouders"]["title"]


# ---------------------------------------------------------------- in the browser

def _pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", [f"{prefix(x)}checklists/ouders/" for x in (DEFAULT, *RTL)]
                         + [f"{x}/checklists/ouders-tweetalig/" for x in TRANSLATED])
def test_parents_checklist_prints_on_one_a4(server, tab, path):
    tab.goto(f"{server}/{path}")
    pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert _pages_in(pdf) == 1
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert round(float(box.group(1))) == 595 and round(float(box.group(2))) == 842  # A4 in points


@pytest.mark.parametrize("lang", RTL)
def test_bilingual_sheet_has_dutch_beside_the_rtl_language(server, tab, site, lang):
    tab.goto(f"{server}/{lang}/checklists/ouders-tweetalig/")
    row = tab.locator("table.kb-bilingual tbody tr[data-row]").first
    cells = row.locator("td")
    assert cells.nth(0).get_attribute("lang") == "nl" and cells.nth(0).get_attribute("dir") == "ltr"
    assert cells.nth(1).get_attribute("lang") == lang and cells.nth(1).get_attribute("dir") == "rtl"
    assert tab.evaluate(f"getComputedStyle(document.querySelector('table.kb-bilingual td[lang={lang}]')).direction") == "rtl"
    assert tab.evaluate("getComputedStyle(document.querySelector('table.kb-bilingual td[lang=nl]')).direction") == "ltr"


@pytest.mark.parametrize("lang", [prefix(x) for x in (DEFAULT, *RTL)])
def test_qr_code_decodes_to_this_checklist_online(nginx, page, lang):
    """Built with its address (KB_SITE_URL); without one there is no QR code (tests/test_brand.py)."""
    import zxingcpp
    from PIL import Image
    page.goto(f"{nginx}{lang}checklists/ouders/")
    page.emulate_media(media="print")
    png = page.locator(".kb-qr svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [b.text for b in found] == [f"{nginx}{lang}checklists/ouders/"]


# The parents' core list follows one conversation (issue 23): before it, during it, at the end.
MOMENTS = ["voor", "tijdens", "einde"]


def test_core_list_runs_in_the_order_of_a_conversation(site):
    parents = build_checklists(site)["ouders"]
    groups = parents.core_groups()
    assert [m for m, _ in groups] == MOMENTS, "all three moments have items, in the order of a conversation"
    order = list(site.cards)
    for moment, entries in groups:
        assert all(e.item.core == moment for e in entries)
        assert [order.index(e.card.id) for e in entries] == sorted(order.index(e.card.id) for e in entries)
    assert parents.core() == [e for _, es in groups for e in es]
    flagged = {i.key(c.id) for c in site.cards.values() for i in c.checklist if i.core}
    assert {e.key for e in parents.core()} == flagged


def test_core_list_has_an_item_for_a_talk_with_youth_care(site):
    core = build_checklists(site)["ouders"].core()
    assert any("jeugdzorg" in e.card.audiences and "hulpverlener" in e.item.text for e in core)


def _heading_of_each_item(page: str, headings: dict) -> dict:
    """{item key: the moment heading it stands under} on a rendered parents' list (core part only)."""
    core_part = page.split('class="kb-tools"')[0]
    current, out = None, {}
    for line in core_part.splitlines():
        m = re.match(r"## (.+?) \{ #gesprek-(\w+) \}$", line)
        if m:
            assert headings[m.group(2)] == m.group(1)
            current = m.group(2)
        for key in re.findall(r'data-item="([^"]+)"', line):
            out[key] = current
    return out


@pytest.mark.parametrize("lang", [DEFAULT, *TRANSLATED])
def test_each_core_item_stands_under_its_moment(site, strings, lang):
    parents = build_checklists(site)["ouders"]
    page = render_checklist_page(parents, lang, strings, "https://x.example/")
    headings = strings[lang]["checklist"]["moments"]
    assert [page.index(f"## {headings[m]} ") for m in MOMENTS] == sorted(page.index(f"## {headings[m]} ") for m in MOMENTS)
    under = _heading_of_each_item(page, headings)
    assert under == {e.key: e.item.core for e in parents.core()}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_bilingual_sheet_has_the_three_headings_in_both_languages(site, strings, lang):
    from kennisbank.render import render_bilingual
    parents = build_checklists(site)["ouders"]
    page = render_bilingual(parents, lang, DEFAULT, strings, "https://x.example/", {})
    rows = re.findall(r'<tr class="kb-moment" id="gesprek-(\w+)"><th scope="rowgroup" lang="nl" dir="ltr">([^<]+)</th>'
                      r'<th scope="rowgroup" lang="(\w+)" dir="(\w+)">([^<]+)</th></tr>', page)
    assert [r[0] for r in rows] == MOMENTS
    for moment, dutch, code, direction, text in rows:
        assert dutch == strings[DEFAULT]["checklist"]["moments"][moment]
        assert (code, direction, text) == (lang, "rtl" if lang in RTL else "ltr", strings[lang]["checklist"]["moments"][moment])
    # each moment is its own row group, its items below its heading
    for moment, entries in parents.core_groups():
        group = page.split(f'id="gesprek-{moment}"')[1].split("</tbody>")[0]
        assert re.findall(r'data-row="([^"]+)"', group) == [e.key for e in entries]
