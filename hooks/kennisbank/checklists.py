"""Checklists, generated from the cards' checklist items.

One checklist per audience and one per section. Items keep a stable key
("<card id>/<item id>"), so adding a card never moves someone's ticks.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import Card, ChecklistItem, Site
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


# The parents' list is for preparing a conversation: what to raise (themes) and what to
# expect or ask for (conditions). Their items on organising school life are on the
# organisation checklist. Keeping it to these two parts also keeps it on one A4 sheet.
AUDIENCE_SECTIONS = {"ouders": ("thema", "voorwaarde")}


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
    out = {aud: Checklist(aud, "audience", groups((sec, (sec, aud)) for sec in AUDIENCE_SECTIONS.get(aud, SECTIONS)))
           for aud in AUDIENCES}
    out.update({sec: Checklist(sec, "section", groups((aud, (sec, aud)) for aud in AUDIENCES)) for sec in SECTIONS})
    return out
