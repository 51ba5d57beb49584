"""One search index per language."""
import pytest
from kennisbank.search import index_files, language_base, split_index

LANGS = ("nl", "en", "tr", "ar")


def test_split_index_keeps_each_language_apart():
    merged = {"config": {"lang": ["nl", "en", "tr", "ar"], "separator": "x"}, "docs": [
        {"location": "", "title": "Thuis", "text": ""},
        {"location": "themas/a/", "title": "A", "text": ""},
        {"location": "tr/themas/a/#x", "title": "A tr", "text": ""},
        {"location": "ar/", "title": "ar", "text": ""},
        {"location": "trein/", "title": "not Turkish: no slash after tr", "text": ""},
    ]}
    out = split_index(merged, LANGS)
    assert [d["location"] for d in out["nl"]["docs"]] == ["", "themas/a/", "trein/"]
    assert [d["location"] for d in out["tr"]["docs"]] == ["themas/a/#x"]
    assert [d["location"] for d in out["ar"]["docs"]] == [""]
    assert out["en"]["docs"] == []
    assert out["tr"]["config"]["lang"] == ["tr"] and out["tr"]["config"]["separator"] == "x"


def test_index_files_for_http_and_file():
    files = index_files({"config": {}, "docs": [{"title": "ş"}]})
    assert files["search_index.js"].startswith("var __index = {") and "ş" in files["search_index.json"]


def test_language_base_ends_with_slash():
    assert language_base("../..", "tr", "nl") == "../../tr/"
    assert language_base("..", "nl", "nl") == ".."
    assert language_base(".", "ar", "nl") == "ar/"


def test_built_indexes_are_per_language(built_site):
    import json
    for lang in LANGS:
        folder = built_site / ("" if lang == "nl" else lang) / "search"
        index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        assert index["docs"], lang
        for doc in index["docs"]:
            assert not doc["location"].startswith(("en/", "tr/", "ar/")), (lang, doc["location"])


# The first hit a reader should get, chosen by reading the pages: each query names what one card is about.
QUERIES = {
    "nl": [("tolk", "voorwaarden/zorg-voor-een-tolk/"), ("werktijden", "voorwaarden/let-op-de-werktijden-van-ouders/"),
           ("vooroordelen", "voorwaarden/kijk-open-zonder-vooroordelen/"), ("dromen", "themas/dromen-van-het-kind/"),
           ("gezondheid", "themas/gezondheid-van-het-kind/"), ("spiegel", "themas/gedrag-als-spiegel/"),
           ("ongeschreven regels", "themas/ongeschreven-regels-op-school/"), ("geluk", "themas/geluk-voor-ouder-en-kind/"),
           ("groepsgesprekken", "voorwaarden/groepsgesprekken-als-aanvulling/"),
           ("verdediging", "voorwaarden/minder-snel-in-de-verdediging/")],
    "en": [("arrange an interpreter", "voorwaarden/zorg-voor-een-tolk/"), ("working hours", "voorwaarden/let-op-de-werktijden-van-ouders/"),
           ("prejudice", "voorwaarden/kijk-open-zonder-vooroordelen/"), ("dream", "themas/dromen-van-het-kind/"),
           ("health", "themas/gezondheid-van-het-kind/"), ("mirror", "themas/gedrag-als-spiegel/"),
           ("unwritten rules", "themas/ongeschreven-regels-op-school/"), ("happiness", "themas/geluk-voor-ouder-en-kind/"),
           ("group conversations", "voorwaarden/groepsgesprekken-als-aanvulling/"),
           ("defensive", "voorwaarden/minder-snel-in-de-verdediging/")],
    "tr": [("tercüman", "voorwaarden/zorg-voor-een-tolk/"), ("çalışma saatleri", "voorwaarden/let-op-de-werktijden-van-ouders/"),
           ("önyargı", "voorwaarden/kijk-open-zonder-vooroordelen/"), ("hayal", "themas/dromen-van-het-kind/"),
           ("çocuğun sağlığı", "themas/gezondheid-van-het-kind/"), ("ayna", "themas/gedrag-als-spiegel/"),
           ("yazılı olmayan kurallar", "themas/ongeschreven-regels-op-school/"), ("mutluluk", "themas/geluk-voor-ouder-en-kind/"),
           ("grup görüşmeleri", "voorwaarden/groepsgesprekken-als-aanvulling/"),
           ("savunma", "voorwaarden/minder-snel-in-de-verdediging/")],
    "ar": [("مترجم", "voorwaarden/zorg-voor-een-tolk/"), ("أوقات العمل", "voorwaarden/let-op-de-werktijden-van-ouders/"),
           ("أحلام", "themas/dromen-van-het-kind/"), ("صحة", "themas/gezondheid-van-het-kind/"),
           ("السعادة", "themas/geluk-voor-ouder-en-kind/"), ("الدفاع", "voorwaarden/minder-snel-in-de-verdediging/"),
           ("القواعد غير المكتوبة", "themas/ongeschreven-regels-op-school/"),
           ("المبادرة", "voorwaarden/neem-als-ouder-zelf-het-initiatief/"),
           # the same words without the article, and alef without hamza: found through the normalised forms
           ("مكتوبة", "themas/ongeschreven-regels-op-school/"),
           ("اوقات عمل", "voorwaarden/let-op-de-werktijden-van-ouders/")],
}


@pytest.mark.parametrize("lang", LANGS)
def test_query_table_first_hits(server, page, lang):
    from urllib.parse import urlsplit
    from conftest import search_for
    root = f"{server}/{'' if lang == 'nl' else lang + '/'}"
    wrong = []
    for query, expected in QUERIES[lang]:
        page.goto(root)
        hits = search_for(page, query)
        first = urlsplit(hits[0]).path if hits else ""
        if first != urlsplit(root + expected).path:
            wrong.append((query, expected, first))
    assert not wrong, wrong


def test_arabic_forms_strip_proclitics_and_unify_letters():
    from kennisbank.search import arabic_forms
    assert {"سعادة", "سعاده"} <= arabic_forms("السعادة")
    assert "مرآة" in arabic_forms("كمرآة")
    assert "اولياء" in arabic_forms("أولياء")
    assert "قت" not in arabic_forms("وقت")  # a root letter, not a proclitic: at least three letters stay


@pytest.mark.parametrize("lang", LANGS)
def test_index_holds_article_text_only(built_site, lang):
    import json
    import re
    folder = built_site / ("" if lang == "nl" else lang) / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    for tool in ("Lees voor", "Deze pagina online", "Afdrukken", "Opnieuw beginnen", "Read aloud", "This page online",
                 "Sesli oku", "قراءة بصوت عالٍ"):
        assert not re.search(rf"(?<!\w){tool}", text), (lang, tool)
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "reader/" not in locations and "checklists/ouders-tweetalig/" not in locations
    assert "themas/dromen-van-het-kind/" in locations
