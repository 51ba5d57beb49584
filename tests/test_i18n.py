"""Generated text is grammatical in every language: catalogs with CLDR plural forms, the
language's own list pattern, dates, collation and direction. Expected values are written by hand."""
from __future__ import annotations

import re
from html import escape as html_escape
import shutil
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from conftest import ALL_LANGUAGES as LANGUAGES, PARTIAL, ROOT, ALL_RTL as RTL, ALL_TRANSLATED as TRANSLATED, prefix, refused_build
from kennisbank.collation import collated
from kennisbank.model import ContentError
from kennisbank.strings import load_strings

CARD = "voorwaarden/zorg-voor-een-tolk"
ARABIC = "\u0600-\u06ff"


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", html))


# ---------------------------------------------------------------- plural forms (CLDR)

ARABIC_CARDS = {  # Arabic counted nouns, by hand: 1 and 2 in the word, 3-10 plural, 11-99 accusative singular
    0: "لا بطاقات", 1: "بطاقة واحدة", 2: "بطاقتان", 3: "3 بطاقات", 10: "10 بطاقات",
    11: "11 بطاقةً", 24: "24 بطاقةً", 99: "99 بطاقةً", 100: "100 بطاقة", 103: "103 بطاقات",
}


@pytest.mark.parametrize("n, expected", ARABIC_CARDS.items())
def test_arabic_count_agrees_with_noun(strings, n, expected):
    assert strings["ar"].n("cards.count", n) == expected


def test_counts_in_other_languages(strings):
    assert [strings["nl"].n("cards.count", n) for n in (1, 2, 24)] == ["1 kaart", "2 kaarten", "24 kaarten"]
    assert [strings["en"].n("cards.count", n) for n in (1, 24)] == ["1 card", "24 cards"]
    # Turkish keeps the noun singular after a number
    assert [strings["tr"].n("cards.count", n) for n in (1, 24)] == ["1 kart", "24 kart"]
    # Polish and Ukrainian: one, few (2-4, 22-24, not 12-14), many; 21 is "many" in Polish, "one" in Ukrainian
    assert ([strings["pl"].n("cards.count", n) for n in (1, 2, 5, 12, 21, 22)]
            == ["1 karta", "2 karty", "5 kart", "12 kart", "21 kart", "22 karty"])
    assert ([strings["uk"].n("cards.count", n) for n in (1, 2, 5, 12, 21, 22)]
            == ["1 картка", "2 картки", "5 карток", "12 карток", "21 картка", "22 картки"])
    # Persian, like Turkish, keeps the noun singular after a number
    assert [strings["fa"].n("cards.count", n) for n in (1, 24)] == ["1 کارت", "24 کارت"]


def test_list_pattern_per_language(strings):
    assert strings["nl"].list(["ouders", "leerkrachten", "pabo"]) == "ouders, leerkrachten en pabo"
    assert strings["en"].list(["parents", "teachers", "pabo"]) == "parents, teachers, and pabo"
    assert strings["tr"].list(["ebeveynler", "öğretmenler"]) == "ebeveynler ve öğretmenler"
    ar = strings["ar"].list(["أولياء الأمور", "المعلمون", "مديرو المدارس"])
    assert "," not in ar and ar == "أولياء الأمور والمعلمون ومديرو المدارس"
    assert strings["pl"].list(["rodzice", "nauczyciele", "pabo"]) == "rodzice, nauczyciele i pabo"
    assert strings["uk"].list(["батьки", "вчителі", "pabo"]) == "батьки, вчителі і pabo"
    fa = strings["fa"].list(["والدین", "معلمان", "مدیران"])
    assert "," not in fa and "،" in fa and fa.endswith(" و مدیران")
    # Sorani: CLDR has no pattern (its root gives a Latin comma); the Arabic comma and "و" instead
    assert strings["ckb"].list(["دایک و باوکان", "مامۆستایان", "بەڕێوەبەران"]) == "دایک و باوکان، مامۆستایان و بەڕێوەبەران"
    assert strings["ckb"].list(["دایک و باوکان", "مامۆستایان"]) == "دایک و باوکان و مامۆستایان"
    assert strings["es"].list(["padres", "maestros", "pabo"]) == "padres, maestros y pabo"
    assert strings["zh-Hans"].list(["家长", "老师", "pabo"]) == "家长、老师和pabo"


def test_round_table_day_per_language(strings):
    day = date(2000, 5, 25)
    expected = {"nl": "25 mei", "en": "May 25", "tr": "25 Mayıs", "ar": "25 مايو",
                "pl": "25 maja", "uk": "25 травня", "fa": "25 مه",
                "es": "25 de mayo", "pt": "25 de maio", "zh-Hans": "5月25日", "ro": "25 mai", "bg": "25 май",
                "so": "Maayo 25", "ti": "25 ጉንበት", "ckb": "ئایار 25"}
    assert {x: strings[x].date(day) for x in LANGUAGES} == {x: expected[x] for x in LANGUAGES}


def test_language_names_from_the_config_and_direction_from_cldr(strings):
    # as the issue names them: Persian is "فارسی (دری)", so that Dari readers see their language too
    names = {"nl": "Nederlands", "en": "English", "tr": "Türkçe", "ar": "العربية",
             "pl": "Polski", "uk": "Українська", "fa": "فارسی (دری)",
             "es": "Español", "pt": "Português", "zh-Hans": "简体中文", "ro": "Română", "bg": "Български",
             "so": "Soomaali", "ti": "ትግርኛ", "ckb": "کوردیی ناوەندی"}
    assert {x: strings[x]["language"] for x in LANGUAGES} == {x: names[x] for x in LANGUAGES}
    # without the site's names: CLDR's
    assert load_strings(ROOT / "hooks", ("nl", "fa"))["fa"]["language"] == "فارسی"
    # the issue: Arabic, Persian and Sorani are written right to left, every other language left to right
    assert {x: strings[x]["dir"] for x in LANGUAGES} == {x: "rtl" if x in ("ar", "fa", "ckb") else "ltr" for x in LANGUAGES}
    assert set(RTL) == {"ar", "fa", "ckb"} & set(LANGUAGES)


# ---------------------------------------------------------------- collation (ICU)

def test_turkish_collation_puts_c_cedilla_after_c():
    words = ["Zaman", "Çay", "Dede", "Cep", "Çiçek", "Cadı", "İnek", "Işık", "Öykü", "Oda"]
    assert collated(words, "tr") == ["Cadı", "Cep", "Çay", "Çiçek", "Dede", "Işık", "İnek", "Oda", "Öykü", "Zaman"]


def test_dutch_collation_ignores_case_first():
    assert collated(["vwo", "OR", "brede school", "MR", "CAO"], "nl") == ["brede school", "CAO", "MR", "OR", "vwo"]


# ---------------------------------------------------------------- bad catalogs

def _hooks(tmp_path) -> Path:
    dest = tmp_path / "hooks"
    shutil.copytree(ROOT / "hooks", dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _edit(hooks: Path, lang: str, old: str, new: str):
    po = hooks / "locales" / lang / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert old in text, old
    po.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_CATALOGS = [
    ("missing plural form", "ar", 'msgstr[5] "{count} بطاقة"\n', "", "cards.count[5]", "plural form 5 (other) is empty"),
    ("empty plural form", "ar", 'msgstr[2] "بطاقتان"', 'msgstr[2] ""', "cards.count[2]", "plural form 2 (two) is empty"),
    ("missing placeholder", "ar", 'msgstr[3] "{count} بطاقات"', 'msgstr[3] "بطاقات"', "cards.count[3]",
     "missing placeholder {count}"),
    ("unknown placeholder", "tr", 'msgstr "{state}, {review}"', 'msgstr "{state}, {reviewed}"',
     "translation.state_with_review", "unknown placeholder {reviewed}"),
    ("missing placeholder (singular)", "en", 'msgstr "{state}, {review}"', 'msgstr "{state}"',
     "translation.state_with_review", "missing placeholder {review}"),
    ("missing message", "en", 'msgctxt "card.see_also"\nmsgid "Zie ook"\nmsgstr "See also"\n', "",
     "card.see_also", "missing message"),
    ("unknown message", "tr", 'msgctxt "card.see_also"', 'msgctxt "card.see_also_typo"', "card.see_also_typo",
     "unknown message"),
    ("old Dutch msgid", "tr", 'msgctxt "card.see_also"\nmsgid "Zie ook"', 'msgctxt "card.see_also"\nmsgid "Zie ook eens"',
     "card.see_also", "msgid differs"),
    ("too few plural forms in header", "ar", "nplurals=6;", "nplurals=2;", "file", "more translations than num_plurals"),
    ("wrong plural forms in header", "ar", "nplurals=6;", "nplurals=7;", "Plural-Forms", "must have nplurals=6"),
    ("broken syntax", "en", 'msgstr "See also"', 'msgstrr "See also"', "file", "cannot be read"),
]


@pytest.mark.parametrize("name, lang, old, new, key, words", BAD_CATALOGS, ids=[b[0] for b in BAD_CATALOGS])
def test_bad_catalog_names_file_and_message(tmp_path, name, lang, old, new, key, words):
    hooks = _hooks(tmp_path)
    _edit(hooks, lang, old, new)
    with pytest.raises(ContentError) as e:
        load_strings(hooks, LANGUAGES)
    msg = str(e.value)
    assert f"hooks/locales/{lang}/LC_MESSAGES/messages.po: field '{key}'" in msg, msg
    assert words in msg, msg


def test_real_catalogs_are_complete(strings):
    """Every catalog has every message of the Dutch one (load_strings refuses otherwise)."""
    assert strings["ar"].t("card.see_also") != strings["nl"].t("card.see_also")


def test_bad_catalog_fails_the_build_in_one_line(project, tmp_path):
    _edit(project / "hooks", "ar", 'msgstr[5] "{count} بطاقة"\n', "")
    error = refused_build(project, tmp_path / "site")
    assert "hooks/locales/ar/LC_MESSAGES/messages.po: field 'cards.count[5]': plural form 5 (other)" in error


# ---------------------------------------------------------------- the built site, every language

def _ar_pages(built_site):
    return sorted((built_site / "ar").rglob("*.html"))


@pytest.mark.parametrize("lang", RTL)
def test_no_latin_comma_between_arabic_script_words(built_site, lang):
    bad = []
    for path in sorted((built_site / lang).rglob("*.html")):
        text = _text(path.read_text(encoding="utf-8"))
        for m in re.finditer(rf"[{ARABIC}][)\]»]?\s*,\s*[(«]?[{ARABIC}]", text):
            bad.append((str(path.relative_to(built_site)), text[max(0, m.start() - 20): m.end() + 20]))
    assert not bad, bad[:10]


def _article(html: str) -> str:
    """The page's own text, without the header (its language switcher names "فارسی (دری)")."""
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def _counts(html: str, noun_re: str):
    return re.findall(rf"\((\d+) ({noun_re})\)", _text(html))


def test_counts_agree_with_noun_on_topic_index(built_site):
    nl = (built_site / "onderwerpen" / "index.html").read_text(encoding="utf-8")
    found = _counts(nl, "kaarten|kaart")
    assert found and all((n == "1") == (w == "kaart") for n, w in found), found
    en = (built_site / "en" / "onderwerpen" / "index.html").read_text(encoding="utf-8")
    found = _counts(en, "cards|card")
    assert found and all((n == "1") == (w == "card") for n, w in found), found
    tr = _text((built_site / "tr" / "onderwerpen" / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"\(\d+ kart\)", tr) and not re.search(r"\(\d+ kartlar\)", tr)
    ar = _text(_article((built_site / "ar" / "onderwerpen" / "index.html").read_text(encoding="utf-8")))
    found = re.findall(rf"\(((\d+) )?([{ARABIC}]+)( واحدة)?\)", ar)
    assert len(found) == 22, found
    for _, n, noun, one in found:
        if not n:
            assert noun in ("بطاقة", "بطاقتان") and (noun == "بطاقتان" or one), (noun, one)
        elif 3 <= int(n) % 100 <= 10:
            assert noun == "بطاقات", (n, noun)
        elif 11 <= int(n) % 100 <= 99:
            assert noun == "بطاقةً", (n, noun)
        else:
            assert noun == "بطاقة", (n, noun)
    assert "24 بطاقات" not in ar and "2 بطاقات" not in ar


def _slavic_form(n: int, lang: str) -> str:
    """CLDR's rule for Polish and Ukrainian, written out by hand: one, few, many."""
    if n == 1 or (lang == "uk" and n % 10 == 1 and n % 100 != 11):
        return "one"
    return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"


@pytest.mark.parametrize("lang, nouns", [("pl", {"one": "karta", "few": "karty", "many": "kart"}),
                                         ("uk", {"one": "картка", "few": "картки", "many": "карток"})])
def test_slavic_counts_agree_with_noun_on_topic_index(built_site, lang, nouns):
    found = _counts((built_site / lang / "onderwerpen" / "index.html").read_text(encoding="utf-8"), "|".join(nouns.values()))
    assert len(found) == 22, found
    assert {nouns[_slavic_form(int(n), lang)] == w for n, w in found} == {True}, found


def test_no_glued_phrases(built_site):
    tr = _text((built_site / "tr" / CARD / "index.html").read_text(encoding="utf-8"))
    assert "kimin için:" not in tr and "(öğretmenler için)" in tr and "(veliler için)" in tr
    ar = (built_site / "ar" / CARD / "index.html").read_text(encoding="utf-8")
    assert "(للمعلمين)" in _text(ar) and "(لأولياء الأمور)" in _text(ar) and "موجّه إلى المعلمون" not in _text(ar)
    for path in _ar_pages(built_site):
        text = _text(path.read_text(encoding="utf-8"))
        # a preposition followed by a nominative plural is a case error
        assert not re.search(r"(إلى|على|في) (المعلمون|مديرو|أولياء الأمور المعلمون)", text), path


def test_card_meta_lists_in_the_languages_pattern(built_site):
    path = f"{CARD}/index.html"
    ar = _text((built_site / "ar" / path).read_text(encoding="utf-8"))
    assert "المعنيون بهذه البطاقة: أولياء الأمور والمعلمون ورعاية الأطفال والشباب ومديرو المدارس" in ar
    assert "الموضوعات: المترجم الفوري واللغة وإشراك الطفل" in ar
    nl = _text((built_site / path).read_text(encoding="utf-8"))
    assert "Voor wie: Ouders, Leerkrachten, Jeugdzorg en Schoolleiders" in nl


EXPECTED_TR_TOPICS = ["Babalar", "Beklentiler", "Bilgi vermek", "Çocuğu sürece katmak", "Çocuk ve aile yardımı", "Çocuk yetiştirme", "Dil", "Din",
                      "Eşitlik", "Ev ziyareti", "Görüşme teknikleri", "Güven", "İletişim", "İş birliği",
                      "Katılmak", "Korku ve endişeler", "Kültür", "Olumlu konuşmak", "Politika", "Sağlık", "Tercüman", "Zaman"]


def test_turkish_topic_index_in_turkish_order(built_site):
    html = (built_site / "tr" / "onderwerpen" / "index.html").read_text(encoding="utf-8")
    article = html.split('<article', 1)[1]
    names = re.findall(r'<li><a href="[^"]+/">([^<]+)</a>', article)
    assert names == EXPECTED_TR_TOPICS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_name_is_home_title_and_description_is_in_language(built_site, strings, lang):
    home = (built_site / prefix(lang) / "index.html").read_text(encoding="utf-8")
    h1 = _text(re.search(r"<h1[^>]*>(.*?)</h1>", home, re.S).group(1)).strip().rstrip("¶").strip()
    header = _text(re.search(r'<span class="md-ellipsis">(.*?)</span>', home.split('md-header__topic', 1)[1], re.S).group(1)).strip()
    assert header == h1
    card = (built_site / prefix(lang) / CARD / "index.html").read_text(encoding="utf-8")
    desc = re.search(r'<meta name="description" content="([^"]*)"', card).group(1)
    dutch = strings["nl"].t("site.description")
    assert (desc == dutch) == (lang == "nl"), desc


@pytest.mark.parametrize("lang", TRANSLATED)
def test_menu_and_footer_in_language(built_site, lang):
    # a partial language has no section pages: its parents' page has the menu
    page = "lezers/ouders" if lang in PARTIAL else "themas"
    html = (built_site / lang / page / "index.html").read_text(encoding="utf-8")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    labels = {x.strip() for x in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)}
    for dutch in ("Onderwerpen", "Reader", "Cursusreader", "Woordenlijst", "Checklists", "Overzicht"):
        assert dutch not in labels or lang == "en" and dutch == "Checklists", (lang, dutch, labels)
    assert "Made with" not in html and "Material for MkDocs" not in _text(html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_per_language(built_site, strings, lang):
    page = built_site / prefix(lang) / "404.html"
    html = page.read_text(encoding="utf-8")
    assert f'lang="{lang}"' in html[:300]
    assert strings[lang].t("notfound.title") in _text(html)
    assert "404 - Not found" not in html
    # the search dialog has a name in the language here too (the 404 page has no page context)
    assert f'role="dialog" aria-label="{html_escape(strings[lang].t("search.dialog"))}"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_is_a_definition_list_in_collation_order(built_site, lang):
    html = (built_site / prefix(lang) / "woordenlijst" / "index.html").read_text(encoding="utf-8")
    assert "<dl>" in html and '<dt><span lang="nl" dir="ltr">' in html
    assert "<p>:" not in html
    terms = [_text(t) for t in re.findall(r"<dt>(.*?)</dt>", html)]
    # hand order: case is ignored first (ICU), so "brede school" comes before "CAO"
    assert terms[:3] == ["brede school", "CAO", "contactouder"], terms


def test_dutch_source_quote_is_marked_dutch(built_site):
    for lang in TRANSLATED:
        html = (built_site / lang / CARD / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<blockquote class=\"kb-source\"[^>]*\blang=\"nl\"", html), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_previous_and_next_follow_the_menu(built_site, lang):
    import posixpath
    root = built_site / prefix(lang)

    def resolve(page_url, href):
        return posixpath.normpath(posixpath.join(posixpath.dirname(page_url) or ".", href)).lstrip("./") + "/"

    home = (root / "index.html").read_text(encoding="utf-8")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1]
    menu = []
    for href in re.findall(r'<a href="([^"#]+)" class="md-nav__link', nav):
        url = resolve("index.html", href).replace("//", "/")
        url = "" if url in ("/", "./") else url
        if url not in menu:
            menu.append(url)
    chain, url = [""], ""
    for _ in range(len(menu) + 2):
        html = (root / url / "index.html").read_text(encoding="utf-8")
        m = re.search(r'href="([^"]+)" class="md-footer__link md-footer__link--next"', html)
        if not m:
            break
        url = resolve(url + "index.html", m.group(1))
        chain.append(url)
    assert chain == menu, (chain, menu)

