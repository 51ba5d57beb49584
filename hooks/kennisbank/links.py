"""Cross-links between cards: "see also" and backlinks ("genoemd bij").

Scoring: an explicit relation (either direction) counts EXPLICIT; each shared tag
counts log(n / cards with that tag), so a rare shared tag weighs more than a
common one. Cost: candidates come from the explicit relations and, per tag, a
window of WINDOW cards around the card in that tag's id-sorted list, found by
bisection. Tags per card are capped (2 to 5), so the whole run is O(n log n).
While no tag has more than WINDOW cards the window covers the whole list and
the result is exact.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict

from .model import Card

EXPLICIT = 10.0
WINDOW = 24
MIN_LINKS, MAX_LINKS = 3, 6


class Links:
    def __init__(self, cards: dict[str, Card]):
        self.cards = cards
        order = {cid: i for i, cid in enumerate(cards)}  # cards come sorted by id
        self._order = order
        self.postings: dict[str, list[str]] = defaultdict(list)
        for c in cards.values():
            for t in c.tags:
                self.postings[t].append(c.id)
        n = max(len(cards), 1)
        self.weight = {t: math.log(n / len(ids)) + 0.1 for t, ids in self.postings.items()}
        self.backlinks: dict[str, list[str]] = defaultdict(list)
        for c in cards.values():
            for r in c.related:
                if r not in cards:
                    raise KeyError(f"card {c.id} relates to unknown card id '{r}'")
                self.backlinks[r].append(c.id)
        self._see_also = {cid: self._compute(cid) for cid in cards}

    def _candidates(self, card: Card) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        for r in set(card.related) | set(self.backlinks.get(card.id, ())):
            scores[r] += EXPLICIT
        for t in card.tags:
            ids = self.postings[t]
            pos = bisect_left(ids, self._order[card.id], key=self._order.__getitem__)
            lo, hi = max(0, pos - WINDOW // 2), min(len(ids), pos + WINDOW // 2 + 1)
            for other in ids[lo:hi]:
                if other != card.id:
                    scores[other] += self.weight[t]
        scores.pop(card.id, None)
        return scores

    def _compute(self, card_id: str) -> tuple[str, ...]:
        card = self.cards[card_id]
        scores = self._candidates(card)
        ranked = sorted(scores, key=lambda cid: (-scores[cid], self._order[cid]))
        chosen = ranked[:MAX_LINKS]
        if chosen and all(self.cards[c].section == card.section for c in chosen):
            other = next((c for c in ranked if self.cards[c].section != card.section), None)
            if other:
                chosen = chosen[: MAX_LINKS - 1] + [other]
        return tuple(chosen)

    def see_also(self, card_id: str) -> tuple[str, ...]:
        """3 to 6 related card ids, best first; ties break by id."""
        if card_id not in self.cards:
            raise KeyError(f"unknown card id '{card_id}'")
        return self._see_also[card_id]

    def mentioned_in(self, card_id: str) -> tuple[str, ...]:
        """Cards whose explicit relations point at this card, by id."""
        if card_id not in self.cards:
            raise KeyError(f"unknown card id '{card_id}'")
        return tuple(sorted(self.backlinks.get(card_id, ()), key=self._order.__getitem__))


def section_pairs(cards: dict[str, Card]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Explicit relations between cards of different sections, per pair of sections.
    Each relation is counted once, whichever card names it; pairs are sorted."""
    order = {s: i for i, s in enumerate(dict.fromkeys(c.section for c in cards.values()))}
    seen, out = set(), defaultdict(list)
    for c in cards.values():
        for r in c.related:
            a, b = sorted((c.id, r), key=lambda x: (order[cards[x].section], x))
            if cards[a].section == cards[b].section or (a, b) in seen:
                continue
            seen.add((a, b))
            out[(cards[a].section, cards[b].section)].append((a, b))
    return {k: sorted(v) for k, v in sorted(out.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))}
