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

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from .loader import CARDS_MARKER, marker_args
from .model import PARENTS, Site
from .urls import CHECKLIST_DIR, GLOSSARY, card_path, marker_cards, side_by_side_path

HOME, PARENTS_PAGE = "index.md", "lezers/ouders.md"
# The pages the build makes that belong to the parents' layer: the parents' list, its bilingual
# sheet and the glossary (the catalog and glossary are translated in full).
LAYER_GENERATED = (f"{CHECKLIST_DIR}/ouders.md", f"{CHECKLIST_DIR}/ouders-tweetalig.md", GLOSSARY)


def parents_layer(site: Site) -> tuple:
    """Docs paths of the Dutch pages a partial language must translate, in a stable order."""
    paths = [HOME, PARENTS_PAGE]
    page = site.pages.get(PARENTS_PAGE)
    for m in CARDS_MARKER.finditer(page.body if page else ""):
        paths += [card_path(c) for c in marker_cards(site, marker_args(m))]
    paths += [card_path(c) for c in site.cards.values() if any(i.audience == PARENTS for i in c.checklist)]
    return tuple(dict.fromkeys(p for p in paths if p in site.pages))


def own_pages(site: Site, lang: str) -> frozenset:
    """Docs paths (of the Dutch originals) that a partial language builds itself: its translated
    pages, the generated pages of the parents' layer, and the side-by-side page of every card it
    translated. Every other page of the language is a light notice page pointing to the Dutch text
    (not a second copy of the Dutch site)."""
    translated = {p.base for p in site.pages.values() if p.lang == lang}
    cards = [c for c in site.cards.values() if lang in c.texts]
    return frozenset(translated | set(LAYER_GENERATED) | {side_by_side_path(c) for c in cards})


def notice_href(value: str, dutch_url: str, notice_url: str, lang: str, dutch_pages: set) -> str:
    """An address in the Dutch text of a page, as it must read on that page's notice page in a
    partial language (``lang/`` + the Dutch URL): a link to another Dutch page goes to the same
    page in ``lang`` (translated, or its notice page); anything else (an asset, another language's
    page) to where it was. Addresses with a scheme and same-page anchors stay as they are."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path:
        return value
    target = urljoin("/" + dutch_url, parts.path).lstrip("/")
    page = "" if target in ("", ".") else target  # pragma: no mutate (urljoin gives "" for the home page, never ".")
    if page in dutch_pages:
        page = f"{lang}/{page}"
    return urlunsplit(("", "", _relative(notice_url, page), parts.query, parts.fragment))


def _relative(from_url: str, to_url: str) -> str:
    # no mutate: a notice page's address is never empty, and dirname("a/b/") + "/" is "a/b/" as well
    folder = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"  # pragma: no mutate
    rel = posixpath.relpath("/" + to_url, "/" + folder)
    return rel + "/" if (to_url.endswith("/") or not to_url) and not rel.endswith("/") else rel


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
