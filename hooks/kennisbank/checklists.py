"""Checklists, generated from the cards' checklist items.

One checklist per audience and one per section. Items keep a stable key
("<card id>/<item id>"), so adding a card never moves someone's ticks.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import CORE_MOMENTS, Card, ChecklistItem, Site
from .vocab import AUDIENCES, SECTIONS


@dataclass(frozen=True)
class Entry:
    card: Card
    item: ChecklistItem

    @property
    def key(self) -> str:
        return self.item.key(self.card.id)


@dataclass(frozen=True)
class Checklist:
    id: str  # audience or section key; also the page name and the storage name
    kind: str  # "audience" | "section"
    groups: tuple  # ((group key, (Entry, ...)), ...)

    def entries(self):
        return [e for _, es in self.groups for e in es]

    def core_groups(self) -> tuple:
        """The short list for one conversation, in its order: ((moment, (Entry, ...)), ...) for the
        moments before, during and at the end of it that have items; cards in id order within one."""
        found = [(m, tuple(e for e in self.entries() if e.item.core == m)) for m in CORE_MOMENTS]
        return tuple((m, es) for m, es in found if es)

    def core(self) -> list:
        """The core items (flagged ``core`` in the cards), in the order of the conversation."""
        return [e for _, es in self.core_groups() for e in es]

    def more(self) -> tuple:
        """The groups without the core items: reachable on screen, not on the printed sheet."""
        rest = ((key, tuple(e for e in es if not e.item.core)) for key, es in self.groups)
        return tuple((key, es) for key, es in rest if es)


def checklist_ids() -> list[str]:
    return list(AUDIENCES) + list(SECTIONS)


def build_checklists(site: Site) -> dict[str, Checklist]:
    """Audience checklists are grouped by section; section checklists by audience."""
    cells: dict[tuple[str, str], list[Entry]] = defaultdict(list)  # (section, audience) -> entries
    for card in site.cards.values():  # cards come sorted by id; items keep the author's order
        for item in card.checklist:
            cells[(card.section, item.audience)].append(Entry(card, item))

    def groups(pairs) -> tuple:
        return tuple((key, tuple(cells[cell])) for key, cell in pairs if cells[cell])
    # Every audience list has every section. The parents' list prints only its core items, so
    # it stays on one A4 sheet however many items the cards give parents.
    out = {aud: Checklist(aud, "audience", groups((sec, (sec, aud)) for sec in SECTIONS)) for aud in AUDIENCES}
    out.update({sec: Checklist(sec, "section", groups((aud, (sec, aud)) for aud in AUDIENCES)) for sec in SECTIONS})
    return out
