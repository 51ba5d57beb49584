"""Unit tests of the domain that kill six mutants the fast tier let live (issue 29).

Each test states its expectation by hand, from what the behaviour is meant to be (a small example
worked out on paper), never from the code's own steps or constants. Each was seen failing with its
mutation applied; the mutation is named in the test's docstring.
"""
from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

from kennisbank.checklists import build_checklists
from kennisbank.links import Links
from kennisbank.model import Card, CardText, ChecklistItem, ContentError, Page, Site
from kennisbank.partial import failing
from kennisbank.render import render_side_by_side
from kennisbank.sanitise import check, clean
from kennisbank.translations import Status, summarise


# ---------------------------------------------------------------- 1. summarise (translations.py)

def test_summary_counts_a_review_only_while_the_translation_is_current():
    """Mutant: ``summarise`` counting every reviewed row, also one whose Dutch changed since."""
    rows = [
        Status("a.md", "en", "current", True),   # reviewed, still current: counts
        Status("b.md", "en", "behind", True),    # reviewed once, Dutch changed since: does not
        Status("c.md", "en", "current", False),
        Status("d.md", "en", "missing", False),
        Status("a.md", "tr", "behind", True),    # reviewed once, now behind: 0 reviewed for tr
    ]
    en, tr = summarise(rows, ("nl", "en", "tr"))
    assert (en.lang, en.total, en.current, en.behind, en.missing, en.reviewed) == ("en", 4, 2, 1, 1, 1)
    assert en.reviewed_share == 0.25
    assert (tr.lang, tr.total, tr.current, tr.behind, tr.missing, tr.reviewed) == ("tr", 1, 0, 1, 0, 0)
    assert tr.reviewed_share == 0.0


# ---------------------------------------------------------------- 2. more() (checklists.py)

def _parents_items(site):
    """A real core item for parents and a real parents' item that is not on the core list, in
    whatever form the cards mark the core list."""
    items = [i for c in site.cards.values() for i in c.checklist if i.audience == "ouders"]
    return next(i for i in items if i.core), next(i for i in items if not i.core)


def _small_site(site, cards):
    return dataclasses.replace(site, cards={c.id: c for c in cards}, pages={}, by_path={})


def test_more_questions_leave_out_the_core_list(site):
    """Mutant: ``more()`` keeping the core items (the screen would show them twice and the printed
    core list would not be the short list)."""
    core, plain = _parents_items(site)
    base = next(iter(site.cards.values()))
    cards = [
        dataclasses.replace(base, id="T01", section="thema",
                            checklist=(dataclasses.replace(core, id="kern"), dataclasses.replace(plain, id="extra"))),
        dataclasses.replace(base, id="V01", section="voorwaarde", checklist=(dataclasses.replace(core, id="kern"),)),
        dataclasses.replace(base, id="O01", section="organisatie", checklist=(dataclasses.replace(plain, id="los"),)),
    ]
    parents = build_checklists(_small_site(site, cards))["ouders"]
    assert [e.key for e in parents.core()] == ["T01/kern", "V01/kern"]
    # the voorwaarde group held only a core item: it is gone from "more"
    assert [(group, [e.key for e in es]) for group, es in parents.more()] == [
        ("thema", ["T01/extra"]), ("organisatie", ["O01/los"])]


# ---------------------------------------------------------------- 3. the style filter (sanitise.py)

@pytest.mark.parametrize("style", [
    "text-align: left;background:url(https://x.example/t.png)",
    "text-align: right; background-image: url(https://x.example/t.png)",
])
def test_a_table_cell_style_cannot_load_an_address(style):
    """Mutant: the style filter's ``fullmatch`` changed to ``match``: an allowed start would let a
    request to another host through."""
    html = f'<table><tbody><tr><td style="{style}">x</td></tr></tbody></table>'
    out = clean(html)
    assert "url(" not in out and "x.example" not in out
    with pytest.raises(ContentError) as err:
        check(html, "docs/themas/x.md", "body")
    assert "docs/themas/x.md" in str(err.value) and "body" in str(err.value)


# ---------------------------------------------------------------- 4. see-also tie-break (links.py)

def _card(cid, section):
    return Card(id=cid, slug=cid.lower(), section=section, audiences=("ouders",), tags=("taal", "tolk"),
                checklist=(), related=(), source="", path=f"x/{cid}.md", lang="nl", nl=CardText(cid, "", {}, (), ""))


def test_see_also_ties_break_in_the_sites_id_order_not_as_text():
    """Mutant: the tie-break sorting ids as text ("O01" < "T100" < "T99" < "V01"). The site orders
    cards by section (thema, voorwaarde, organisatie), then by number: T99 before T100."""
    cards = [_card("T01", "thema"), _card("T99", "thema"), _card("T100", "thema"),
             _card("V01", "voorwaarde"), _card("O01", "organisatie")]
    links = Links({c.id: c for c in cards})  # the order the loader gives: by section, then by number
    # every card shares the same two tags: all tie
    assert links.see_also("T01") == ("T99", "T100", "V01", "O01")
    assert links.see_also("O01") == ("T01", "T99", "T100", "V01")


def test_backlinks_come_in_the_sites_id_order_and_an_unknown_id_is_named():
    named = [_card("T01", "thema"), _card("T99", "thema"), _card("T100", "thema"), _card("V01", "voorwaarde"),
             _card("O01", "organisatie")]
    cards = {c.id: dataclasses.replace(c, related=("T01",)) if c.id != "T01" else c for c in named}
    links = Links(cards)
    assert links.mentioned_in("T01") == ("T99", "T100", "V01", "O01")
    with pytest.raises(KeyError, match="unknown card id 'T7'"):
        links.mentioned_in("T7")


def test_section_pairs_count_each_cross_section_relation_once_in_section_order():
    """Relations within a section are left out; a relation named from both ends counts once; pairs
    and sections come in the report's order (thema, voorwaarde, organisatie), not as text."""
    def rel(cid, section, *related):
        return dataclasses.replace(_card(cid, section), related=related)
    cards = [rel("T01", "thema", "T02", "O02", "V01"), rel("T02", "thema", "T01"), rel("T10", "thema", "O01"),
             rel("V01", "voorwaarde", "T01", "O01"), rel("O01", "organisatie", "V01"), rel("O02", "organisatie")]
    from kennisbank.links import section_pairs
    assert section_pairs({c.id: c for c in cards}) == {
        ("thema", "voorwaarde"): [("T01", "V01")],
        ("thema", "organisatie"): [("T01", "O02"), ("T10", "O01")],
        ("voorwaarde", "organisatie"): [("V01", "O01")],
    }
    assert list(section_pairs({c.id: c for c in cards})) == [("thema", "voorwaarde"), ("thema", "organisatie"),
                                                             ("voorwaarde", "organisatie")]


# ---------------------------------------------------------------- 5. side-by-side cells (render.py)

class _Cells(HTMLParser):
    """{row id: [(lang, text) of each cell]} of the side-by-side table."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-row" in a:
            self._row = a["data-row"]
            self.rows[self._row] = []
        elif tag == "td" and self._row:
            self._cell = [a.get("lang"), ""]

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[self._row].append(tuple(self._cell))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data


def _cells(page: str) -> dict:
    p = _Cells()
    p.feed(page)
    return p.rows


def _sbs_card(texts):
    items = (ChecklistItem("vraag", "ouders", "Stel uw vraag."), ChecklistItem("tolk", "ouders", "Vraag een tolk."))
    return Card(id="T01", slug="t01", section="thema", audiences=("ouders",), tags=("taal",), checklist=items,
                related=(), source="", path="themas/t01.md",
                lang="nl", nl=CardText("Titel", "Samenvatting.", {"vraag": "Stel uw vraag.", "tolk": "Vraag een tolk."},
                            ("Wat vindt u?",), "", "Voor u."),
                texts=texts)


def test_an_untranslated_side_by_side_cell_is_marked_dutch(strings):
    """Mutant: an untranslated cell of the side-by-side view marked as the reader's language (a
    screen reader would read the Dutch text with English rules)."""
    en = CardText("Title", "Summary.", {"vraag": "Ask your question."}, ("What do you think?",), "", "For you.")
    rows = _cells(render_side_by_side(_sbs_card({"en": en}), "en", "nl", strings, {}))
    assert rows["title"] == [("nl", "Titel"), ("en", "Title")]
    assert rows["item-vraag"] == [("nl", "Stel uw vraag."), ("en", "Ask your question.")]
    # the item without an English text: Dutch in both columns, and marked Dutch
    assert rows["item-tolk"] == [("nl", "Vraag een tolk."), ("nl", "Vraag een tolk.")]


def test_a_card_without_translation_is_dutch_in_both_columns(strings):
    """Same mutant, for a card with no English text at all."""
    rows = _cells(render_side_by_side(_sbs_card({}), "en", "nl", strings, {}))
    assert rows["summary"] == [("nl", "Samenvatting."), ("nl", "Samenvatting.")]
    assert rows["question-1"] == [("nl", "Wat vindt u?"), ("nl", "Wat vindt u?")]
    assert rows["item-tolk"] == [("nl", "Vraag een tolk."), ("nl", "Vraag een tolk.")]


# ---------------------------------------------------------------- 6. "behind" fails (partial.py)

def _page(path, lang):
    return Page(path=path, base=path.split(".")[0] + ".md", lang=lang, meta={}, body="", source_hash="h")


def test_a_translation_behind_its_dutch_fails_the_status_in_every_kind_of_language():
    """Mutant: "behind" no longer failing ``make translations``. ``ps`` is partial; ``x.md`` is
    outside its parents' layer (the home page is in it)."""
    site = Site(languages=("nl", "en", "ps"), pages={"index.md": _page("index.md", "nl"), "x.md": _page("x.md", "nl")},
                cards={}, by_path={})
    rows = [
        Status("index.md", "en", "current", False),
        Status("x.md", "en", "behind", False),        # fails: behind
        Status("index.md", "ps", "behind", True),     # fails: behind, even reviewed
        Status("x.md", "ps", "missing", False),       # partial, outside the layer: fine
    ]
    assert failing(rows, site, ("ps",)) == [rows[1], rows[2]]
    # all current, one page outside the layer missing in the partial language: nothing fails
    ok = [Status("index.md", "en", "current", False), Status("x.md", "en", "current", True),
          Status("index.md", "ps", "current", False), rows[3]]
    assert failing(ok, site, ("ps",)) == []
    # the same gap in a full language fails
    assert failing(ok, site, ()) == [rows[3]]
