"""Alphabetical order per language, from ICU's collation (CLDR tailorings): Turkish puts
Ç after C and before D, Dutch ignores case and accents first, Arabic follows its own alphabet."""
from __future__ import annotations

from functools import lru_cache

import icu


@lru_cache(maxsize=None)
def _collator(lang: str):
    return icu.Collator.createInstance(icu.Locale.forLanguageTag(lang))  # BCP 47: zh-Hans, ckb


def sort_key(lang: str):
    """A key function for sorted(): ``sorted(words, key=sort_key("tr"))``."""
    return _collator(lang).getSortKey


def collated(items, lang: str, key=lambda x: x) -> list:
    k = sort_key(lang)
    return sorted(items, key=lambda x: k(key(x)))
