"""The Dutch card that `make card` (python -m kennisbank new) writes, and its placeholder texts.

The build refuses a card that still holds one of the placeholders (loader.check_cards): an
unfilled scaffold must never reach the parents' checklist.
"""
from __future__ import annotations

from functools import lru_cache

SCAFFOLD = """---
id: {id}
title: {title}
summary: Eén korte zin over waar deze kaart over gaat.
parents: >-                         # alleen als audiences ouders bevat: 2 tot 4 zinnen in u-vorm
  Wat betekent dit voor u als ouder? Schrijf het hier in korte zinnen.
section: {section}
audiences: [ouders, leerkrachten]   # ouders, leerkrachten, schoolleiders, jeugdzorg, pabo
tags: [contact, vertrouwen]         # 2 tot 5, uit hooks/kennisbank/vocab.py
checklist:
  - id: eerste-stap                 # vaste naam; verander die later niet
    for: ouders
    text: Een korte zin die zegt wat u kunt doen.
questions:
  - Een vraag voor pabo-studenten om over na te denken?
related: []                         # ids van kaarten waar het verslag zelf naar verwijst
source: >-
  De tekst uit het verslag, letterlijk overgenomen.
---

Schrijf hier in korte zinnen wat de rondetafelgesprekken zeiden.
"""


@lru_cache(maxsize=1)
def placeholders() -> tuple[str, ...]:
    """The scaffold's example sentences, whitespace-normalised: every text an author must replace."""
    from . import yamlsafe
    head, body = SCAFFOLD.split("\n---\n", 1)
    meta = yamlsafe.load(head.split("---\n", 1)[1].format(id="T99", title="x", section="thema"), "scaffold")
    texts = [meta["summary"], meta["parents"], meta["source"], *meta["questions"],
             *(item["text"] for item in meta["checklist"]), body]
    return tuple(" ".join(t.split()) for t in texts if t.strip())


def placeholder_in(text: str) -> str | None:
    """The placeholder sentence ``text`` still holds, if any."""
    flat = " ".join(text.split())
    return next((p for p in placeholders() if p in flat), None)
