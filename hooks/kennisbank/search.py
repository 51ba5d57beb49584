"""One search index per language, with the forms a reader types.

static-i18n merges every language into one index at the site root, so a Turkish
reader finds Dutch pages. We split it: each language gets its own index under its
own root (``tr/search/search_index.json``), with locations relative to that root.
Pages of a language point Material's search at their own root (see ``language_base``).

How Material's search matches (its worker, lunr): the text is split at white space and
hyphens and lower-cased; every query word gets a trailing wildcard and is NOT stemmed, so
a query word finds every indexed word that starts with it. A stemmer on the index side
only (lunr-languages) therefore makes things worse: "saatleri" no longer starts the
indexed stem "saat". What works is the other way round: each entry also carries the
dictionary form (lemma) of its words, in fields of its own that are indexed but not shown, which is what a reader types: Turkish
"hazırlık" for "hazırlığı", Polish "szkoła" for "szkole", Ukrainian "школа" for
"школі". A form that a word of the entry already starts with is left out: the prefix
match finds it anyway. Arabic and Persian entries also carry their words in the other
spellings a reader may type (see ``arabic_forms``, ``persian_forms``); the query is
brought to the same spelling in the browser (docs/assets/search.js).

The partial languages: Chinese is written without spaces, so its entries are cut into words with
ICU's word break rules (``segment_chinese``, a zero-width space between words, which the Chinese
index's separator splits at); the browser cuts the query with ``Intl.Segmenter``, also ICU.
Tigrinya's separator also splits at Ethiopic punctuation. Sorani entries carry their words in the
spellings of an Arabic keyboard's reader (as Persian). Spanish, Portuguese and Romanian entries
carry their words also without accents (``intérprete``: "interprete"), Romanian also with the
comma-below ș and ț for the cedilla ş and ţ of old keyboards (``romanian_forms``).
"""
from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache

from .normalise import (ARABIC_MARKS, ARABIC_PROCLITICS as PROCLITICS, UNACCENTED_LANGUAGES, ZWNJ, arabic,
                        persian, romanian, turkish_lower, ukrainian, unaccented)

# Arabic: the same word is written with or without the article and glued proclitics (السعادة, سعادة;
# كمرآة, مرآة), with or without hamza on alef, with ta marbuta or ha. Material's search matches
# the start of a word and has no Arabic stemmer, so each Arabic entry also carries its words in
# those other forms, for the search to find. The spelling rules themselves: normalise.py.
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640]+")

# Persian: Arabic keyboards type ي and ك where Persian writes ی and ک; a word with a
# zero-width non-joiner (می‌خواهم, مدرسه‌ها) is typed without it, or with a space.
_PERSIAN_WORD = re.compile(r"[\u0621-\u06ff\u200c]+")
# What a zero-width non-joiner separates from a word, and is not a word to search for on its own.
PERSIAN_AFFIXES = {"می", "نمی", "ها", "های", "هایی", "ای", "ی", "تر", "ترین", "ام", "ات", "اش", "ایم", "اید", "اند"}

# Sorani (ckb): the same spellings as Persian (ی and ک, the non-joiner), its own affixes.
SORANI_AFFIXES = {"ی", "ە", "کان", "ەکان", "ەکە", "کە", "ان", "یان", "تان", "مان", "ت", "م", "ش"}

# Chinese: runs of Han characters, cut into words (ICU) with a zero-width space between them.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
ZWSP = "\u200b"
# What each language's separator (Material's search.separator) splits at besides the default's white
# space and hyphens: Chinese the zero-width space of ``segment_chinese`` and its full-width punctuation
# (as Material's own Chinese separator); Tigrinya the Ethiopic punctuation (፡ ። ፣ ፤ ፥ ፦ ፧ ፨).
SEPARATOR_EXTRA = {"zh-Hans": "\\u200b\\u3000、。，．？！；：（）《》「」“”‘’", "ti": "\\u1361-\\u1368"}

# Words as the lemmatizer sees them: letters, with an apostrophe inside (Ukrainian здоров'я).
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_SEPARATOR = re.compile(r"[\s\-]+")  # Material's default separator (mkdocs.yml keeps it)
_TAG = re.compile(r"<[^>]+>")

# The dictionary forms (simplemma) for these languages; Arabic has its own forms above.
LEMMA_LANGUAGES = ("nl", "en", "tr", "pl", "uk", "fa")


def arabic_forms(word: str) -> set[str]:
    """Other spellings of an Arabic word: without marks, without a proclitic, letters unified."""
    bare = ARABIC_MARKS.sub("", word)
    forms = {bare}
    for p in PROCLITICS:
        if bare.startswith(p) and len(bare) - len(p) >= 3:
            forms.add(bare[len(p):])
            break
    forms |= {arabic(f) for f in forms}
    return forms - {word}


def _zwnj_forms(word: str, affixes) -> set[str]:
    """Persian and Sorani alike: Persian letters for an Arabic keyboard's, without marks, and a word
    with a zero-width non-joiner also without it and as its parts (the non-joiner typed as a space)."""
    bare = persian(word).strip(ZWNJ)
    forms = {bare}
    if ZWNJ in bare:
        forms.add(bare.replace(ZWNJ, ""))
        forms |= {p for p in bare.split(ZWNJ) if p not in affixes}
    return forms - {word}


def persian_forms(word: str) -> set[str]:
    """Other spellings of a Persian word (its affixes: PERSIAN_AFFIXES)."""
    return _zwnj_forms(word, PERSIAN_AFFIXES)


def sorani_forms(word: str) -> set[str]:
    """Other spellings of a Sorani word: ی and ک for ي and ك (its affixes: SORANI_AFFIXES)."""
    return _zwnj_forms(word, SORANI_AFFIXES)


def romanian_forms(word: str) -> set[str]:
    """A Romanian word with comma-below ș ț for the cedilla ş ţ, and without accents ("şcoală": "școală", "scoala")."""
    low = word.lower()
    return {romanian(low), unaccented(low)} - {word}


@lru_cache(maxsize=4)
def _word_breaker(lang: str):
    import icu
    return icu.BreakIterator.createWordInstance(icu.Locale.forLanguageTag(lang))


def chinese_words(run: str, lang: str = "zh-Hans") -> list[str]:
    """A run of Chinese text cut into words by ICU's word break rules ("请口译员" -> ["请", "口译员"]),
    as the browser's Intl.Segmenter cuts the query (docs/assets/search.js)."""
    import icu
    text = icu.UnicodeString(run)  # ICU counts UTF-16 units: slice the UTF-16 string, not the Python one
    breaker = _word_breaker(lang)
    breaker.setText(text)
    bounds = [0, *breaker]
    return [str(text[a:b]) for a, b in zip(bounds, bounds[1:]) if a < b]


def segment_chinese(text: str, lang: str = "zh-Hans") -> str:
    """The text with a zero-width space between the words of each Chinese run; the rest as it was."""
    return _HAN.sub(lambda m: ZWSP.join(chinese_words(m.group(0), lang)), text)


def separator(lang: str, default: str = r"[\s\-]+") -> str:
    """Material's search separator for a language: the default, splitting also at what the
    language's text is cut at (``SEPARATOR_EXTRA``)."""
    extra = SEPARATOR_EXTRA.get(lang)
    if not extra:
        return default
    m = re.fullmatch(r"\[(.*)\]\+", default)
    return f"[{m.group(1)}{extra}]+" if m else f"(?:{default})|[{extra}]+"


@lru_cache(maxsize=1)
def _lemmatizer():
    """simplemma, with its dictionaries as tries cached on disk: the first build on a machine
    decodes them (slow, once per simplemma version), later builds load them in a moment."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries import TrieDictionaryFactory
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=TrieDictionaryFactory()))


def lemma(word: str, lang: str) -> str:
    """The dictionary form of a word, lower case ("hazırlığı" -> "hazırlık")."""
    low = turkish_lower(word) if lang == "tr" else word.lower()
    return _lemmatizer().lemmatize(low, lang=lang).lower().replace("_", "")  # Dutch aan_sluiten


def word_forms(lang: str):
    """A function word -> the other forms of that word a reader of ``lang`` may type."""
    cache: dict[str, set[str]] = {}

    def forms(word: str) -> set[str]:
        if word not in cache:
            out: set[str] = set()
            if lang == "ar":
                out |= arabic_forms(word)
            if lang == "fa":
                out |= persian_forms(word)
            if lang == "ckb":
                out |= sorani_forms(word)
            if lang == "ro":
                out |= romanian_forms(word)
            elif lang in UNACCENTED_LANGUAGES:
                out.add(unaccented(word))
            if lang == "tr":
                out.add(turkish_lower(word))
            if lang == "uk":
                out.add(ukrainian(word).lower())
            if lang in LEMMA_LANGUAGES:
                out |= {lemma(w, lang) for w in {word, *out}}
            if lang in ("fa", "ckb"):  # the query is written without it (docs/assets/search.js)
                out = {f for f in out if ZWNJ not in f}
            cache[word] = out - {word.lower(), ""}
        return cache[word]
    return forms


def _words(lang: str, text: str) -> list[str]:
    pattern = {"ar": _ARABIC_WORD, "fa": _PERSIAN_WORD, "ckb": _PERSIAN_WORD}.get(lang, _WORD)
    return list(dict.fromkeys(pattern.findall(text)))


def extra_forms(text: str, lang: str, forms=None) -> list[str]:
    """The other forms of the words of ``text`` that a search would not find already: a form
    is left out when a word of the text starts with it (Material matches prefixes)."""
    forms = forms or word_forms(lang)
    plain = _TAG.sub(" ", text)
    tokens = sorted({t.lower() for t in _SEPARATOR.split(plain) if t})
    extra: list[str] = []
    for w in _words(lang, plain):
        for f in sorted(forms(w)):
            i = bisect.bisect_left(tokens, f)
            if i < len(tokens) and tokens[i].startswith(f):
                continue
            bisect.insort(tokens, f)
            extra.append(f)
    return extra


def lunr_language(lang: str, supported) -> str:
    """The language Material's search worker is set up with. It loads
    ``lunr/min/lunr.<lang>.min.js`` for any language but English, and a language it has
    no file for (Polish, Ukrainian, Persian) breaks the search: those get the default."""
    return lang if lang in supported else "en"


def split_index(index: dict, languages: tuple, supported=None, forms=True) -> dict[str, dict]:
    """{lang: index}. Entries whose location starts with '<lang>/' belong to that language.
    ``supported``: the languages Material's worker has lunr files for (None: all).
    ``forms``: give each entry the other forms of its words (False: as Material wrote it).

    The forms go into two fields of their own, which Material indexes (it indexes every field
    in ``config.fields``) but does not show: ``forms`` (of the text, weighted as the text) and
    ``title_forms`` (of the title, weighted as the title, so "marzenie" finds the card titled
    "Marzenia dziecka" first)."""
    default = languages[0]
    config = dict(index["config"])
    if forms:
        fields = config.get("fields", {})
        config["fields"] = {**fields, "forms": {"boost": fields.get("text", {}).get("boost", 1.0)},
                            "title_forms": {"boost": fields.get("title", {}).get("boost", 1.0)}}
    out = {lang: {"config": {**config, "lang": [lang if supported is None else lunr_language(lang, supported)],
                             "separator": separator(lang, config.get("separator", r"[\s\-]+"))},
                  "docs": []} for lang in languages}
    makers = {lang: word_forms(lang) for lang in languages} if forms else {}
    for doc in index["docs"]:
        lang = next((x for x in languages[1:] if doc["location"].startswith(f"{x}/")), default)
        doc = {**doc, "location": doc["location"][len(lang) + 1:] if lang != default else doc["location"]}
        if lang == "zh-Hans":  # words cut apart, for the separator to split at
            doc.update({k: segment_chinese(doc[k], lang) for k in ("title", "text") if doc.get(k)})
        if forms:
            for field, source in (("forms", "text"), ("title_forms", "title")):
                extra = extra_forms(doc.get(source, ""), lang, makers[lang])
                if extra:
                    doc[field] = " ".join(extra)
        out[lang]["docs"].append(doc)
    return out


def index_files(index: dict) -> dict[str, str]:
    """The files Material reads: JSON over HTTP, and a script for file:// where fetch is refused."""
    text = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {"search_index.json": text, "search_index.js": f"var __index = {text};\n"}


def language_base(base_url: str, lang: str, default: str) -> str:
    """Material's ``base`` for a page: the root of the page's own language. The trailing
    slash matters: Material resolves "search/search_index.json" against it."""
    if lang == default:
        return base_url
    return f"{base_url.rstrip('/')}/{lang}/" if base_url not in ("", ".") else f"{lang}/"
