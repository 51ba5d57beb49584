"""Messages editors meet (build refusals, the preview, translation upkeep, the review round trip).

They come from the gettext domain ``editor``: ``hooks/locales/nl/LC_MESSAGES/editor.po``, apart
from the interface catalogs (``messages.po``) that are the readers'. The msgid is the English text
(for developers), the msgstr the Dutch. Dutch is the default; English with ``KB_LANG=en``, or when
the locale (LC_ALL, LC_MESSAGES, LANG) is English and KB_LANG is not set.
Placeholders are named, Python style: ``{path}``, ``{count}``.
"""
from __future__ import annotations

import os
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
def _catalog(lang: str) -> dict[str, str]:
    path = Path(str(CATALOG).format(lang=lang))
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        cat = read_po(f, domain="editor")
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string}


def _(msgid: str, **values) -> str:
    """The message in the editor's language, its placeholders filled."""
    text = _catalog(language()).get(msgid, msgid) if language() != "en" else msgid
    return text.format(**values) if values else text


def error(e) -> str:
    """A ContentError as one line in the editor's language: file, field, message."""
    return _("{path}: field '{field}': {message}", path=e.path, field=e.field, message=_(e.message))
