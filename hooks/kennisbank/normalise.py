"""Every spelling rule used to match words, in one place: search (``search.py``, and the query in the
browser, ``docs/assets/search.js``), the glossary's tooltips (``glossary.py``), the termbase check
(``terms.py``) and the plain-words check (``jargon.py``).

The same word reaches us in more than one spelling: Arabic with or without vowel marks, with hamza on
alef or not, with ta marbuta or ha; Persian and Sorani typed on an Arabic keyboard (ي and ك for ی and
ک), with or without the zero-width non-joiner; Turkish İ and I, which the default lower case gets wrong;
Romanian ş ţ (cedilla, old keyboards) for ș ț (comma below); Spanish, Portuguese and Romanian typed
without accents; Ukrainian with one of three apostrophes.

``query`` is what the browser does to a query (docs/assets/search.js does the same, letter for
letter: tests/data/normalise_cases.json holds the cases both must pass, tests/test_normalise.py runs
them through both). The search index carries the other spellings of its words (search.py), built
from the same rules. Cutting Chinese into words is segmentation, not spelling: it stays in search.py.
"""
from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"  # zero-width non-joiner: Persian and Sorani compounds (می‌خواهم, مدرسه‌ها)

# Arabic script. The marks: short vowels, tanwin, shadda, sukun and the rarer marks up to U+065F,
# the dagger alef (U+0670) and the tatweel (U+0640). A reader types a word without them.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# The Arabic comma, semicolon and question mark: a pasted word often brings one, and Material's
# separator splits at white space and hyphens only.
ARABIC_PUNCTUATION = re.compile("[\u060c\u061b\u061f]")
# Alef with hamza or madda, and alef wasla, are written as a bare alef; alef maqsura as yeh.
ALEF = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"}
# Arabic: the alefs, and ta marbuta as ha, hamza on waw and on yeh as the bare letter.
ARABIC_LETTERS = str.maketrans({**ALEF, "ة": "ه", "ؤ": "و", "ئ": "ي"})
# Persian and Sorani: the Persian letters for what an Arabic keyboard types, ta marbuta as ha.
PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"})
# Arabic proclitics glued to the next word: the conjunctions و and ف, the prepositions ب, ك and ل,
# the article ال, alone or combined (وال، بال، فال، لل، ...). Longest first: the first that fits is taken.
ARABIC_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ك", "ل")

# Romanian: the cedilla letters of old keyboards, as the comma-below letters of the pages.
ROMANIAN_LETTERS = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})
# Ukrainian: the typographic apostrophe and the modifier letter apostrophe, as the ASCII one.
UKRAINIAN_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
# Languages whose readers often type without accents.
UNACCENTED_LANGUAGES = ("es", "pt", "ro")

# What JavaScript's String.prototype.trim removes (Python's str.strip removes a few more, and not U+FEFF).
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000\ufeff"


def arabic(text: str) -> str:
    """Arabic without marks and with the letters unified ("أُخرجَ" -> "اخرج", "مكتوبة" -> "مكتوبه")."""
    return ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)


def persian(text: str) -> str:
    """Persian or Sorani without marks, with the Persian letters ("كودكي" -> "کودکی"). Keeps the non-joiner."""
    return ARABIC_MARKS.sub("", text).translate(PERSIAN_LETTERS)


def turkish_letters(text: str) -> str:
    """İ as i and I as ı, the rest as it was: the browser's lower case makes İ "i̇" and I "i"."""
    return text.replace("İ", "i").replace("I", "ı")


def turkish_lower(text: str) -> str:
    """Turkish lower case ("İlkokul IRAK" -> "ilkokul ırak")."""
    return turkish_letters(text).lower()


def romanian(text: str) -> str:
    """The comma-below ș ț for the cedilla ş ţ ("şcoală" -> "școală")."""
    return text.translate(ROMANIAN_LETTERS)


def ukrainian(text: str) -> str:
    """One apostrophe ("здоров’я" -> "здоров'я")."""
    return text.translate(UKRAINIAN_APOSTROPHES)


def unaccented(text: str) -> str:
    """Lower case without accents, as typed without them ("Intérprete" -> "interprete")."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def query(text: str, lang: str) -> str:
    """A search query written the way the index writes its words, as docs/assets/search.js writes it
    before Material's search (which then lower-cases it) sees it. ``lang`` as the page's ``lang``
    attribute: "zh-Hans" counts as "zh" (Chinese is cut into words, not normalised: search.py)."""
    lang = lang.lower().split("-")[0]
    if lang in ("ar", "fa", "ckb"):
        text = ARABIC_PUNCTUATION.sub(" ", text).strip(_JS_SPACE)
    if lang == "ar":
        return arabic(text)
    if lang in ("fa", "ckb"):  # Sorani is written with the Persian letters
        return persian(text).replace(ZWNJ, "")
    if lang == "ro":
        return romanian(text)
    if lang == "tr":
        return turkish_letters(text)
    if lang == "uk":
        return ukrainian(text)
    return text  # Spanish and Portuguese: the index also carries its words without accents


# The termbase check unifies the alefs only: it quotes what it finds from the folded text, and a
# translator must see ta marbuta and the hamza letters as written (terms.py, Termbase.hits).
_TERMS_ARABIC_LETTERS = str.maketrans(ALEF)


def fold(text: str, lang: str) -> str:
    """Text in the form the termbase compares in (terms.py): Unicode NFC, lower case the language's
    way, Arabic without marks and with one alef. Keeps one character per character of the (NFC)
    input except the removed marks, so a match is always on the line it reports."""
    text = unicodedata.normalize("NFC", text)
    text = turkish_lower(text) if lang == "tr" else text.lower()
    return ARABIC_MARKS.sub("", text).translate(_TERMS_ARABIC_LETTERS) if lang == "ar" else text


def fold_persian(text: str) -> str:
    """The plain-words check (jargon.py): a non-joiner read as a space ("گروه‌های" / "گروه های"), and the
    Persian letters for an Arabic keyboard's. One character per character."""
    return text.replace(ZWNJ, " ").translate(PERSIAN_LETTERS)
