"""Messages editors meet (build refusals, the preview, translation upkeep, the review round trip).

They come from the gettext domain ``editor``: ``hooks/locales/nl/LC_MESSAGES/editor.po``, apart
from the interface catalogs (``messages.po``) that are the readers'. The msgid is the English text
(for developers), the msgstr the Dutch. Dutch is the default; English with ``KB_LANG=en``, or when
the locale (LC_ALL, LC_MESSAGES, LANG) is English and KB_LANG is not set.
Placeholders are named, Python style: ``{path}``, ``{count}``.
"""
from __future__ import annotations

import os
from gettext import c2py
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = Path(__file__).resolve().parent.parent / "locales" / "{lang}" / "LC_MESSAGES" / "editor.po"


def language() -> str:
    """"nl" or "en": KB_LANG first, then the locale; Dutch unless one of them says English."""
    chosen = os.environ.get("KB_LANG", "").strip().lower()
    if chosen:
        return "en" if chosen.startswith("en") else "nl"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "nl"
    return "nl"


@lru_cache(maxsize=None)
def _read(lang: str):
    path = Path(str(CATALOG).format(lang=lang))
    if not path.is_file():
        return None
    with path.open("rb") as f:
        return read_po(f, domain="editor")


@lru_cache(maxsize=None)
def _catalog(lang: str) -> dict[str, str]:
    cat = _read(lang)
    if cat is None:
        return {}
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string}


@lru_cache(maxsize=None)
def _plurals(lang: str) -> dict[str, tuple[str, ...]]:
    """Plural entries (msgid, msgid_plural): the singular msgid to its forms (Plural-Forms order)."""
    cat = _read(lang)
    if cat is None:
        return {}
    return {m.id[0]: tuple(m.string) for m in cat
            if isinstance(m.id, (tuple, list)) and isinstance(m.string, (tuple, list)) and all(m.string)}


def _(msgid: str, **values) -> str:
    """The message in the editor's language, its placeholders filled."""
    text = _catalog(language()).get(msgid, msgid) if language() != "en" else msgid
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, count: int, **values) -> str:
    """The message for ``count`` in the editor's language (its Plural-Forms), placeholders filled;
    ``count`` is one of the values."""
    values = {"count": count, **values}
    lang = language()
    forms = _plurals(lang).get(singular) if lang != "en" else None
    if forms:
        text = forms[min(_plural_index(lang, count), len(forms) - 1)]
    else:
        text = singular if count == 1 else plural
    return text.format(**values)


@lru_cache(maxsize=None)
def _plural_rule(lang: str):
    """The catalog's own Plural-Forms formula (Dutch: n != 1), as a function of n."""
    return c2py(_read(lang).plural_expr)


def _plural_index(lang: str, count: int) -> int:
    return int(_plural_rule(lang)(int(count)))


def error(e) -> str:
    """A ContentError as one line in the editor's language: file, field, message.

    The message is translated from its English msgid with its values (see ContentError)."""
    msgid, plural, values = getattr(e, "msgid", e.message), getattr(e, "plural", None), getattr(e, "values", {})
    from .model import Word
    values = {k: _(v) if isinstance(v, Word) else v for k, v in values.items()}
    if plural is not None:
        values = dict(values)
        message = ngettext(msgid, plural, values.pop("count"), **values)
    else:
        message = _(msgid, **values)
    return _("{path}: field '{field}': {message}", path=e.path, field=e.field, message=message)
