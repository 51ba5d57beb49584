"""Typed objects for the content. Built once by ``loader``; everything else reads these."""
from __future__ import annotations

from dataclasses import dataclass, field

PARENTS = "ouders"  # the audience the parent layer is for
# The moments of one conversation, in order: a parent item on the core list names the one it belongs to.
CORE_MOMENTS = ("voor", "tijdens", "einde")


class ContentError(Exception):
    """Bad input: names the file and the field, says what is wrong.

    Messages built from values keep them apart, so editor.error() can translate them: ``message`` is
    the English msgid with named placeholders, ``values`` fill them in; with ``plural`` (the English
    plural msgid) the value ``count`` picks the form. ``self.message`` is the English text.
    """

    def __init__(self, path: str, field: str, message: str, plural: str | None = None, **values):
        self.path, self.field = path, field
        self.msgid, self.plural, self.values = message, plural, values
        if plural is not None and values.get("count") != 1:
            message = plural
        self.message = message.format(**values) if values else message
        super().__init__(f"{path}: field '{field}': {self.message}")


class Word(str):
    """A value of a ContentError that is itself a word of the message (``_kind``: "a list", "text"),
    so editor.error() translates it with the message."""


@dataclass(frozen=True)
class ChecklistItem:
    id: str  # stable within its card; the tick key is "<card id>/<item id>"
    audience: str
    text: str  # Markdown on Markdown pages, escaped as text in HTML tables (render.ESCAPING)
    core: str = ""  # on the short list for one conversation (parents only): its moment, one of CORE_MOMENTS

    def key(self, card_id: str) -> str:
        return f"{card_id}/{self.id}"


@dataclass(frozen=True)
class Translation:
    """What a translated file says about itself."""

    lang: str
    path: str
    source_hash: str  # hash of the Dutch text it was translated (or last reviewed) from
    reviewed: bool  # checked by a human native speaker
    reviewed_by: str | None = None  # a role from vocab.REVIEWER_ROLES, never a name
    reviewed_on: str | None = None  # ISO date


@dataclass(frozen=True)
class CardText:
    """The parts of a card that are translated. Escaping (render.ESCAPING states each): every field is Markdown
    on Markdown pages and is escaped as text wherever it stands in HTML; ``body`` is only ever Markdown."""

    title: str
    summary: str
    checklist: dict  # item id -> text
    questions: tuple
    body: str
    parents: str = ""  # what the finding means for the parent, in u-form; on cards for parents only


@dataclass(frozen=True)
class Card:
    id: str
    slug: str  # file name without .md; may change, the id may not
    section: str
    audiences: tuple
    tags: tuple
    checklist: tuple  # of ChecklistItem, in the order the author wrote them
    related: tuple  # explicit links, as the report makes them
    source: str  # the report passage, verbatim; as Markdown, only on Markdown pages
    path: str  # docs-relative path of the Dutch file
    nl: CardText  # the text in the site's first language (Dutch), which the others translate
    lang: str  # the language of ``nl``: the site's first language
    texts: dict = field(default_factory=dict)  # lang -> CardText, translations only

    @property
    def for_parents(self) -> bool:
        return PARENTS in self.audiences

    @property
    def src_uri(self) -> str:
        return self.path

    def text(self, lang: str) -> CardText:
        """The card's text in ``lang``, or the first language's (``nl``) when there is no translation."""
        return self.texts.get(lang, self.nl)

    def text_lang(self, lang: str) -> str:
        """The language ``text(lang)`` is really in."""
        return lang if lang in self.texts else self.lang

    def item_text(self, item: ChecklistItem, lang: str) -> tuple[str, str]:
        """(text, language it is in) for one checklist item."""
        t = self.texts.get(lang)
        if t and item.id in t.checklist:
            return t.checklist[item.id], lang
        return item.text, self.lang


@dataclass
class Page:
    """Any Markdown file under docs/, card or not, in one language."""

    path: str  # docs-relative, with its language suffix
    base: str  # docs-relative path of the Dutch original
    lang: str
    meta: dict
    body: str
    source_hash: str  # hash of this file's own normalised text
    translation: Translation | None = None


@dataclass
class Site:
    languages: tuple  # default first
    pages: dict  # path -> Page
    cards: dict  # id -> Card, sorted by id
    by_path: dict  # Dutch docs path -> Card

    def card(self, card_id: str) -> Card:
        try:
            return self.cards[card_id]
        except KeyError:
            raise KeyError(f"unknown card id '{card_id}'") from None
