"""A plain-language (B1) figure for Dutch text: sentence length and long words.

Thresholds, set by the team (see README): every card's parent-facing text averages at most
MAX_AVG_WORDS words per sentence, and at most MAX_LONG_SHARE of its words have
LONG_WORD letters or more. Dutch glues words together, so "long" starts at 13 letters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_AVG_WORDS = 14.0
MAX_LONG_SHARE = 0.12
LONG_WORD = 13

_SENT_RE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ'-]+")


@dataclass(frozen=True)
class Figure:
    sentences: int
    words: int
    long_words: int

    @property
    def avg_words(self) -> float:
        return self.words / max(self.sentences, 1)

    @property
    def long_share(self) -> float:
        return self.long_words / max(self.words, 1)


def measure(text: str) -> Figure:
    text = re.sub(r"\s+", " ", re.sub(r"\n\s*\n", " \n\n ", text)).strip()
    sentences = [s for s in _SENT_RE.split(text) if _WORD_RE.search(s)]
    words = [w for s in sentences for w in _WORD_RE.findall(s)]
    return Figure(len(sentences), len(words), sum(1 for w in words if len(w.strip("'-")) >= LONG_WORD))


def parent_text(card) -> str:
    """What a parent reads on a card: the parent block, summary, body and the items addressed to parents."""
    items = [i.text for i in card.checklist if i.audience == "ouders"]
    return "\n\n".join([card.nl.parents, card.nl.summary, card.nl.body, *items])
