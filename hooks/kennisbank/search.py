"""One search index per language.

static-i18n merges every language into one index at the site root, so a Turkish
reader finds Dutch pages. We split it: each language gets its own index under its
own root (``tr/search/search_index.json``), with locations relative to that root
and lunr stemming for that language only. Pages of a language point Material's
search at their own root (see ``language_base``).
"""
from __future__ import annotations

import json


def split_index(index: dict, languages: tuple) -> dict[str, dict]:
    """{lang: index}. Entries whose location starts with '<lang>/' belong to that language."""
    default = languages[0]
    out = {lang: {"config": {**index["config"], "lang": [lang]}, "docs": []} for lang in languages}
    for doc in index["docs"]:
        lang = next((x for x in languages[1:] if doc["location"].startswith(f"{x}/")), default)
        loc = doc["location"][len(lang) + 1:] if lang != default else doc["location"]
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
