"""Where the generated pages live, and how one page links to another.

Below render.py and partial.py in the layers: both take their paths from here (partial.py never
imports render). Paths are Dutch source paths ("themas/x.md"); static-i18n resolves them to the
page of the language being built.
"""
from __future__ import annotations

import posixpath

from .model import Card, Site
from .vocab import SECTIONS

CHECKLIST_DIR = "checklists"
TAG_DIR = "onderwerpen"
SIDE_BY_SIDE_DIR = "naast-elkaar"
GLOSSARY = "woordenlijst.md"


def card_path(card: Card) -> str:
    return f"{SECTIONS[card.section]['folder']}/{card.slug}.md"


def side_by_side_path(card: Card) -> str:
    return f"{SIDE_BY_SIDE_DIR}/{card.slug}.md"


def marker_cards(site: Site, args: dict) -> list:
    """The cards a ``kb:cards`` marker lists: by ``ids``, or by ``audience`` and ``section``."""
    if "ids" in args:
        return [site.card(i) for i in args["ids"].split(",")]
    auds = set(args.get("audience", "").split(",")) - {""}
    return [c for c in site.cards.values()
            if (not auds or auds & set(c.audiences)) and args.get("section", c.section) == c.section]


def relative_url(from_url: str, to_url: str) -> str:
    """Relative link between two site-root-relative page URLs ("en/x/" or "en/x.html")."""
    def folder(u):
        u = "" if u in (".", "./") else u
        return u if u.endswith("/") or u == "" else posixpath.dirname(u) + "/"
    to = "" if to_url in (".", "./") else to_url
    rel = posixpath.relpath("/" + to, "/" + folder(from_url)) if to else posixpath.relpath("/", "/" + folder(from_url))
    if to.endswith("/") or not to:
        rel = rel.rstrip("/") + "/"
    return "./" if rel in ("./", "./.") else rel
