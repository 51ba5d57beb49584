"""Checklists, generated from the cards' checklist items.

One checklist per audience and one per section. Items keep a stable key
("<card id>/<item id>"), so adding a card never moves someone's ticks.
"""
from __future__ import annotations

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
    out = {}
    for aud in AUDIENCES:
        groups = []
        for sec in AUDIENCE_SECTIONS.get(aud, tuple(SECTIONS)):
            es = tuple(Entry(c, i) for c in site.cards.values() if c.section == sec
                       for i in c.checklist if i.audience == aud)
            if es:
                groups.append((sec, es))
        out[aud] = Checklist(aud, "audience", tuple(groups))
    for sec in SECTIONS:
        groups = []
        for aud in AUDIENCES:
            es = tuple(Entry(c, i) for c in site.cards.values() if c.section == sec
                       for i in c.checklist if i.audience == aud)
            if es:
                groups.append((aud, es))
        out[sec] = Checklist(sec, "section", tuple(groups))
    return out
