"""Partial languages: a language with only the parents' layer translated (for example Tigrinya or
Somali, by a human translator). Declared in mkdocs.yml as ``extra.partial_languages`` (see
config.read_partial_languages); every other page of such a language shows the Dutch text.

The parents' layer is what a parent reaches in two taps from the home page, in the parent's
language: the home page, the parents' page (``lezers/ouders.md``), every card the parents' page
lists, and every card with a checklist item for parents (they make the parents' checklist and its
bilingual sheet, which the build generates from the cards). The interface catalog, the glossary and
the termbase belong to it too; the build and ``make translations`` require them for every language.
"""
from __future__ import annotations

from dataclasses import dataclass

from .loader import CARDS_MARKER, marker_args
from .model import PARENTS, Site
from .render import card_path, marker_cards

HOME, PARENTS_PAGE = "index.md", "lezers/ouders.md"


def parents_layer(site: Site) -> tuple:
    """Docs paths of the Dutch pages a partial language must translate, in a stable order."""
    paths = [HOME, PARENTS_PAGE]
    page = site.pages.get(PARENTS_PAGE)
    for m in CARDS_MARKER.finditer(page.body if page else ""):
        paths += [card_path(c) for c in marker_cards(site, marker_args(m))]
    paths += [card_path(c) for c in site.cards.values() if any(i.audience == PARENTS for i in c.checklist)]
    return tuple(dict.fromkeys(p for p in paths if p in site.pages))


@dataclass(frozen=True)
class Coverage:
    lang: str
    translated: int  # Dutch pages with a translation in this language (current or behind)
    total: int  # Dutch pages
    partial: bool
    layer_missing: tuple  # pages of the parents' layer without a translation

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 0.0


def coverage(site: Site, rows: list, partial: tuple) -> list[Coverage]:
    """Per translated language: how many pages are translated, and for a partial language which
    pages of the parents' layer are still missing."""
    layer = set(parents_layer(site))
    out = []
    for lang in site.languages[1:]:
        mine = [r for r in rows if r.lang == lang]
        missing = tuple(r.base for r in mine if r.state == "missing" and r.base in layer)
        out.append(Coverage(lang, sum(r.state != "missing" for r in mine), len(mine), lang in partial,
                            missing if lang in partial else ()))
    return out


def failing(rows: list, site: Site, partial: tuple) -> list:
    """The status rows that make ``make translations`` fail: anything behind, anything missing in
    a full language, and in a partial language what is missing from the parents' layer."""
    layer = set(parents_layer(site))
    return [r for r in rows if r.state == "behind" or
            (r.state == "missing" and (r.lang not in partial or r.base in layer))]


def format_coverage(covs: list[Coverage]) -> str:
    """For `make translations`: per language, pages translated (count and share); for a partial
    language, whether its parents' layer is complete."""
    lines = ["", "language  translated   share  kind"]
    for c in covs:
        kind = "full"
        if c.partial:
            kind = ("partial: parents' layer complete" if not c.layer_missing else
                    f"partial: parents' layer misses {len(c.layer_missing)} page(s): {', '.join(c.layer_missing)}")
        lines.append(f"{c.lang:<8}  {f'{c.translated}/{c.total}':>10}  {c.share:>6.0%}  {kind}")
    return "\n".join(lines)
