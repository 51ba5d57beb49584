"""A partial language's own pages and the addresses on its notice pages, without a build (issue 29:
own_pages and notice_href had only full-build tests, so no mutant of them died in the fast tier).
Every expectation is worked out by hand from the page addresses."""
from __future__ import annotations

import pytest

from kennisbank.model import Card, CardText, Page, Site
from kennisbank.partial import notice_href, own_pages


def _page(base, lang="nl"):
    path = base if lang == "nl" else base.replace(".md", f".{lang}.md")
    return Page(path=path, base=base, lang=lang, meta={}, body="", source_hash="h")


def _card(cid, slug, *langs):
    text = CardText(cid, "", {}, (), "")
    return Card(id=cid, slug=slug, section="thema", audiences=("ouders",), tags=(), checklist=(), related=(),
                source="", path=f"themas/{slug}.md", lang="nl", nl=text, texts={lang: text for lang in langs})


def test_a_partial_language_builds_its_translations_the_layers_lists_and_its_side_by_side_pages():
    pages = [_page("index.md"), _page("index.md", "ti"), _page("themas/twee.md"), _page("themas/twee.md", "ti"),
             _page("themas/drie.md"), _page("over.md"), _page("over.md", "so")]
    site = Site(languages=("nl", "ti", "so"), pages={p.path: p for p in pages},
                cards={"T02": _card("T02", "twee", "ti"), "T03": _card("T03", "drie", "so")}, by_path={})
    layer = {"checklists/ouders.md", "checklists/ouders-tweetalig.md", "woordenlijst.md"}
    assert own_pages(site, "ti") == frozenset({"index.md", "themas/twee.md", "naast-elkaar/twee.md"} | layer)
    assert own_pages(site, "so") == frozenset({"over.md", "naast-elkaar/drie.md"} | layer)
    assert own_pages(site, "bg") == frozenset(layer)


DUTCH = {"", "themas/een/", "themas/twee/", "lezers/ouders/"}


@pytest.mark.parametrize("value, expected", [
    ("../twee/", "../twee/"),                                        # a Dutch page: the same page in ti
    ("../twee/#stap-2", "../twee/#stap-2"),
    ("../../lezers/ouders/", "../../lezers/ouders/"),
    ("../../", "../../"),                                            # the home page: ti's home
    ("../../assets/images/a.png", "../../../assets/images/a.png"),  # an asset: where it was
    ("../../assets/a.pdf?v=2#p3", "../../../assets/a.pdf?v=2#p3"),
    ("../../Xenia.pdf", "../../../Xenia.pdf"),                      # a name is kept as it is written
    ("../../en/themas/twee/", "../../../en/themas/twee/"),          # another language's page: where it was
    ("../onbekend/", "../../../themas/onbekend/"),                  # not a Dutch page: where it was
    ("https://www.rijksoverheid.nl/", "https://www.rijksoverheid.nl/"),
    ("mailto:info@school.nl", "mailto:info@school.nl"),
    ("//host.example/x", "//host.example/x"),
    ("#stap-2", "#stap-2"),
    ("?q=1", "?q=1"),
])
def test_an_address_on_a_notice_page_in_a_folder(value, expected):
    assert notice_href(value, "themas/een/", "ti/themas/een/", "ti", DUTCH) == expected


@pytest.mark.parametrize("value, expected", [
    ("themas/een/", "themas/een/"),
    ("lezers/ouders/#lijst", "lezers/ouders/#lijst"),
    ("./", "./"),
    ("assets/stylesheets/kb.css", "../assets/stylesheets/kb.css"),
    ("en/", "../en/"),
])
def test_an_address_on_the_home_pages_notice(value, expected):
    assert notice_href(value, "", "ti/", "ti", DUTCH) == expected


@pytest.mark.parametrize("value, expected", [
    ("twee.html", "twee.html"),
    ("../index.html", "../index.html"),
    ("../assets/a.png", "../../assets/a.png"),
    ("drie.html", "../../themas/drie.html"),
])
def test_an_address_on_a_notice_page_of_the_offline_build(value, expected):
    """The offline build names files (themas/een.html), not folders."""
    dutch = {"index.html", "themas/een.html", "themas/twee.html"}
    assert notice_href(value, "themas/een.html", "zh-Hans/themas/een.html", "zh-Hans", dutch) == expected
