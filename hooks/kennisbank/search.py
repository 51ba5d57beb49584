"""One search index per language.

static-i18n merges every language into one index at the site root, so a Turkish
reader finds Dutch pages. We split it: each language gets its own index under its
own root (``tr/search/search_index.json``), with locations relative to that root
and lunr stemming for that language only. Pages of a language point Material's
search at their own root (see ``language_base``).
"""
from __future__ import annotations

import json
import re

# Arabic: the same word is written with or without the article and glued proclitics (السعادة, سعادة;
# كمرآة, مرآة), with or without hamza on alef, with ta marbuta or ha. Material's search matches
# the start of a word and has no Arabic stemmer, so each Arabic entry also carries its words in
# those other forms, hidden, for the search to find.
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640]+")
_MARKS = re.compile(r"[\u064b-\u0652\u0640]")  # vowel marks and tatweel
PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ك", "ل")
_UNIFY = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def arabic_forms(word: str) -> set[str]:
    """Other spellings of an Arabic word: without marks, without a proclitic, letters unified."""
    bare = _MARKS.sub("", word)
    forms = {bare}
    for p in PROCLITICS:
        if bare.startswith(p) and len(bare) - len(p) >= 3:
            forms.add(bare[len(p):])
            break
    forms |= {f.translate(_UNIFY) for f in forms}
    return forms - {word}


def with_arabic_forms(text: str) -> str:
    """An index entry's text with the other forms of its Arabic words added, hidden from view."""
    words = _ARABIC_WORD.findall(re.sub(r"<[^>]+>", " ", text))
    seen = set(words)
    extra = []
    for w in words:
        for f in sorted(arabic_forms(w)):
            if f not in seen:
                seen.add(f)
                extra.append(f)
    return f'{text} <span hidden>{" ".join(extra)}</span>' if extra else text


def split_index(index: dict, languages: tuple) -> dict[str, dict]:
    """{lang: index}. Entries whose location starts with '<lang>/' belong to that language."""
    default = languages[0]
    out = {lang: {"config": {**index["config"], "lang": [lang]}, "docs": []} for lang in languages}
    for doc in index["docs"]:
        lang = next((x for x in languages[1:] if doc["location"].startswith(f"{x}/")), default)
        loc = doc["location"][len(lang) + 1:] if lang != default else doc["location"]
        if lang == "ar":
            doc = {**doc, "text": with_arabic_forms(doc.get("text", ""))}
        out[lang]["docs"].append({**doc, "location": loc})
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
