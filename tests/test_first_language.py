"""The site's first language is data (``site.languages[0]``), not "nl" written into the code."""
from conftest import ALL_LANGUAGES, ROOT
from kennisbank.loader import load_site
from kennisbank.model import Card, CardText, ChecklistItem


def _card(first: str) -> Card:
    item = ChecklistItem("vraag", "ouders", "Ask your question.")
    return Card(id="T01", slug="t01", section="thema", audiences=("ouders",), tags=(), checklist=(item,), related=(),
                source="", path="themas/t01.md", lang=first, nl=CardText("Title", "", {"vraag": item.text}, (), ""),
                texts={"tr": CardText("Başlık", "", {"vraag": "Sorunuzu sorun."}, (), "")})


def test_an_untranslated_card_is_in_the_first_language():
    card = _card("en")
    assert card.text_lang("pl") == "en" and card.text("pl").title == "Title"
    assert card.item_text(card.checklist[0], "pl") == ("Ask your question.", "en")
    assert card.text_lang("tr") == "tr" and card.item_text(card.checklist[0], "tr") == ("Sorunuzu sorun.", "tr")


def test_the_loader_gives_every_card_the_first_language():
    site = load_site(ROOT / "docs", ALL_LANGUAGES)
    assert {c.lang for c in site.cards.values()} == {ALL_LANGUAGES[0]}
