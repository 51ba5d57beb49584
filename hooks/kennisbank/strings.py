"""Interface strings: a gettext catalog per language, plus the glossary as data.

``hooks/locales/<lang>/LC_MESSAGES/messages.po`` holds every sentence the build writes itself.
Each message has a key (``msgctxt "card.tags"``), the Dutch text (``msgid``) and the text in the
catalog's language (``msgstr``; in nl.po the same as the msgid). A sentence with a number is a
plural message (``msgid_plural`` and one ``msgstr[i]`` per CLDR plural form of the language, six
in Arabic). Placeholders are named, Python style: ``{count}``, ``{audiences}``.

``hooks/glossary/<lang>.yml`` is the glossary: Dutch terms (they stay Dutch in every language)
with an explanation in the file's language.

A catalog that does not fit the Dutch one stops the build with one line naming the file and the
message key. Catalogs are compiled (to .mo, in memory) when the build starts, and read with
Python's own gettext.
"""
from __future__ import annotations

import gettext
import io
import string
from datetime import date
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal
from babel.plural import to_gettext

from . import sanitise, yamlsafe
from .model import ContentError

CATALOG = "locales/{lang}/LC_MESSAGES/messages.po"
GLOSSARY = "glossary/{lang}.yml"
# The categories whose word already says the number ("بطاقتان", two cards): their form may leave
# out {count}. Every other form must show it.
NUMBER_IN_WORD = {"zero", "one", "two"}
MAX_CATALOG_BYTES = 256 * 1024  # the largest catalog today is about 25 kB


# CLDR has no list pattern for Central Kurdish: Babel falls back to the root's Latin comma ("ا, ب").
# Sorani writes the Arabic comma and "و" (and), as Persian does: (two items, the last of more).
OWN_LIST_PATTERNS = {"ckb": ("{0} و {1}", "{0} و {1}")}


def babel_locale(lang: str) -> Locale:
    """The CLDR locale of a site language code. The site writes codes as HTML and static-i18n do
    (BCP 47: ``zh-Hans``), Babel with an underscore (``zh_Hans``)."""
    return Locale.parse(lang.replace("-", "_"))


def direction(lang: str) -> str:
    """"rtl" or "ltr": the language's script direction as CLDR gives it (ar, fa and ckb are "rtl")."""
    return "rtl" if babel_locale(lang).character_order == "right-to-left" else "ltr"


class Messages(dict):
    """One language's interface strings.

    ``m.t("card.tags")``                     a message; ``m.t("x", name=...)`` fills its placeholders
    ``m.n("cards.count", 24)``               a plural message, the form CLDR picks for 24
    ``m.list([...])``, ``m.number(n)``,      the language's list pattern, number and date format
    ``m.date(date)``
    ``m["card"]["tags"]``                    the same singular messages as a nested mapping
    ``m["dir"]``, ``m["language"]``          text direction (CLDR) and the language's own name (the
                                             site's name for it, else CLDR's)
    ``m["glossary"]["terms"]``               {Dutch term: explanation}
    """

    def __init__(self, lang: str, translations: gettext.GNUTranslations, keys: dict, glossary: dict):
        self.lang, self._tr, self._keys = lang, translations, keys
        locale = babel_locale(lang)
        tree: dict = {"language": locale.get_display_name(locale),
                      "dir": direction(lang)}
        for key, (msgid, plural) in keys.items():
            if plural is None:
                node = tree
                *path, last = key.split(".")
                for part in path:
                    node = node.setdefault(part, {})
                node[last] = translations.pgettext(key, msgid)
        tree.setdefault("glossary", {})["terms"] = glossary
        super().__init__(tree)

    def t(self, key: str, **values) -> str:
        msgid, plural = self._keys[key]
        if plural is not None:
            raise KeyError(f"{key} is a plural message: use n()")
        text = self._tr.pgettext(key, msgid)
        return text.format(**values) if values else text

    def n(self, key: str, count: int, **values) -> str:
        msgid, plural = self._keys[key]
        if plural is None:
            raise KeyError(f"{key} is not a plural message: use t()")
        return self._tr.npgettext(key, msgid, plural, count).format(count=self.number(count), **values)

    def list(self, items) -> str:
        items = list(items)
        if self.lang in OWN_LIST_PATTERNS and items:
            two, end = OWN_LIST_PATTERNS[self.lang]
            if len(items) == 1:
                return items[0]
            if len(items) == 2:
                return two.format(*items)
            return end.format("، ".join(items[:-1]), items[-1])
        return format_list(items, locale=babel_locale(self.lang)) if items else ""

    def number(self, n) -> str:
        return format_decimal(n, locale=babel_locale(self.lang))

    def date(self, d: date, skeleton: str = "MMMMd") -> str:
        return format_skeleton(skeleton, d, locale=babel_locale(self.lang))


def _fields(text: str, path: str, key: str) -> set:
    """The placeholder names in ``text``: names only. A format spec or conversion ({count:>1000000},
    {name!r}) or an attribute or index ({name.x}, {name[0]}) is refused: it can make a page of any size."""
    try:
        parts = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError as e:
        raise ContentError(path, key, "bad placeholder: {problem}", problem=e) from None
    for name, spec, conv in parts:
        if spec or conv or not name.isidentifier():
            shown = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            raise ContentError(path, key, f"placeholder {shown} mag alleen een naam zijn, zonder opmaak "
                                          f"(only a name, e.g. {{count}}, no format spec)")
    return {name for name, _, _ in parts}


def _cldr_forms(lang: str) -> tuple[int, list[str]]:
    """Number of plural forms and their CLDR categories, in gettext's order."""
    rule = babel_locale(lang).plural_form
    categories = [tag for tag in ("zero", "one", "two", "few", "many") if tag in rule.tags] + ["other"]
    return int(to_gettext(rule).split("nplurals=")[1].split(";")[0]), categories


def _read_catalog(folder: Path, lang: str):
    rel = f"hooks/{CATALOG.format(lang=lang)}"
    path = folder / CATALOG.format(lang=lang)
    if not path.exists():
        raise ContentError(rel, "file", "missing catalog for language '{lang}'", lang=lang)
    if path.stat().st_size > MAX_CATALOG_BYTES:  # before parsing: 100,000 messages took two minutes
        raise ContentError(rel, "file", f"catalogus is {path.stat().st_size:,} bytes, ten hoogste {MAX_CATALOG_BYTES:,} "
                                        f"(a catalog is at most {MAX_CATALOG_BYTES:,} bytes)")
    try:
        with path.open("rb") as f:
            catalog = read_po(f, locale=babel_locale(lang), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as e:
        raise ContentError(rel, "file", "cannot be read: {problem}", problem=str(e).splitlines()[0]) from None
    except UnknownLocaleError:
        raise ContentError(rel, "Language", "unknown language '{lang}'", lang=lang) from None
    return rel, catalog


def _check(rel: str, lang: str, catalog, template: dict) -> dict:
    """{key: (msgid, msgid_plural or None)}, after checking the catalog against the Dutch one."""
    nplurals, categories = _cldr_forms(lang)
    header = dict(catalog.mime_headers).get("Plural-Forms", "")
    if f"nplurals={nplurals};" not in header.replace(" ", ""):
        raise ContentError(rel, "Plural-Forms", "must have nplurals={nplurals} (CLDR for '{lang}'), found '{header}'", nplurals=nplurals, lang=lang, header=header)
    seen = {}
    for m in catalog:
        if not m.id:
            continue  # the header
        key = m.context
        if not key:
            raise ContentError(rel, m.id if isinstance(m.id, str) else m.id[0], "message without msgctxt (its key)")
        if key in seen:
            raise ContentError(rel, key, "message defined twice")
        msgid, plural = (m.id if isinstance(m.id, (tuple, list)) else (m.id, None))
        seen[key] = (msgid, plural)
        if template is not None:
            if key not in template:
                raise ContentError(rel, key, "unknown message (not in the Dutch catalog)")
            if (msgid, plural) != template[key]:
                raise ContentError(rel, key, "msgid differs from the Dutch catalog: translate the current Dutch text")
        forms = list(m.string) if isinstance(m.string, (tuple, list)) else [m.string]
        if plural is not None and len(forms) != nplurals:
            raise ContentError(rel, key, "needs {count} plural form ({categories}), found {found}",
                               plural="needs {count} plural forms ({categories}), found {found}", count=nplurals, categories=', '.join(categories), found=len(forms))
        wanted = _fields(msgid, rel, key) | (_fields(plural, rel, key) if plural else set())
        for i, form in enumerate(forms):
            where = f"{key}[{i}]" if plural is not None else key
            sanitise.check(form, rel, where)  # strings are content too: refused where the sanitiser would change them
            if not form:
                missing = f"plural form {i} ({categories[i]})" if plural is not None else "translation"
                raise ContentError(rel, where, "{missing} is empty", missing=missing)
            got = _fields(form, rel, where)
            if got - wanted:
                raise ContentError(rel, where, "unknown placeholder {{{name}}}", name=sorted(got - wanted)[0])
            need = wanted - ({"count"} if plural is not None and categories[i] in NUMBER_IN_WORD else set())
            if need - got:
                raise ContentError(rel, where, "missing placeholder {{{name}}}", name=sorted(need - got)[0])
    if template is not None:
        missing = [k for k in template if k not in seen]
        if missing:
            raise ContentError(rel, missing[0], "missing message (it is in the Dutch catalog)")
    return seen


def _compile(catalog) -> gettext.GNUTranslations:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def _glossary(folder: Path, lang: str, base: dict | None) -> dict:
    rel = f"hooks/{GLOSSARY.format(lang=lang)}"
    path = folder / GLOSSARY.format(lang=lang)
    if not path.exists():
        raise ContentError(rel, "file", "missing glossary for language '{lang}'", lang=lang)
    try:
        data = yamlsafe.load(path.read_text(encoding="utf-8"), rel)
    except UnicodeDecodeError as e:
        raise ContentError(rel, "file", "cannot be read: {problem}", problem=str(e).splitlines()[0]) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) and v.strip() for v in data.values()):
        raise ContentError(rel, "file", "must map each Dutch term to its explanation")
    data = {str(k): v for k, v in data.items()}
    for term, text in data.items():
        sanitise.check(text, rel, term)  # strings are content too: refused where the sanitiser would change them
    if base is not None:
        for term in base:
            if term not in data:
                raise ContentError(rel, term, "missing term (it is in the Dutch glossary)")
        for term in data:
            if term not in base:
                raise ContentError(rel, term, "unknown term (not in the Dutch glossary)")
    return data


def load_strings(folder: str | Path, languages: tuple, names: dict | None = None) -> dict[str, Messages]:
    """{lang: Messages} from ``folder`` (the hooks folder). The first language is the source:
    every other catalog must have exactly its messages, with the same Dutch msgids. ``names``:
    {lang: the language's name as the site writes it} (mkdocs.yml, e.g. "فارسی (دری)"), where it
    differs from CLDR's ("فارسی")."""
    folder = Path(folder)
    out, template, base_terms = {}, None, None
    for lang in languages:
        rel, catalog = _read_catalog(folder, lang)
        keys = _check(rel, lang, catalog, template)
        terms = _glossary(folder, lang, base_terms)
        if template is None:
            template, base_terms = keys, terms
        out[lang] = Messages(lang, _compile(catalog), keys, terms)
        if (names or {}).get(lang):
            out[lang]["language"] = names[lang]
    return out
