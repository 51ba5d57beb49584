"""Read every Markdown file under docs/ once, validate it, and build typed objects.

All bad input ends in one ``ContentError`` that names the file and the field.
"""
from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

from . import yamlsafe
from .course import check_questions, check_schedules
from .limits import check_limits
from .sanitise import check_text
from .model import CORE_MOMENTS, PARENTS, Card, CardText, ChecklistItem, ContentError, Page, Site, Translation, Word
from .vocab import AUDIENCES, FOLDER_TO_SECTION, REVIEWER_ROLES, SECTIONS, TAGS

CARD_FIELDS = {
    "id": str, "title": str, "summary": str, "parents": str, "section": str, "audiences": list,
    "tags": list, "checklist": list, "questions": list, "related": list, "source": str,
}
CARD_TRANSLATION_FIELDS = {
    "title": str, "summary": str, "parents": str, "checklist": list, "questions": list, "translation": dict,
}
OPTIONAL_CARD_FIELDS = {"parents"}  # required exactly where the audiences include parents
MIN_PARENT_SENTENCES, MAX_PARENT_SENTENCES = 2, 4
MAX_CORE_ITEMS = 12  # the list for preparing one conversation fits one printed A4
PAGE_FIELDS = {"title": str, "description": str, "hide": list, "search": dict}
TRANSLATION_FIELDS = {"source_hash": str, "reviewed": bool}
REVIEW_FIELDS = {"reviewed_by": str, "reviewed_on": str}  # required once reviewed is true


MIN_TAGS, MAX_TAGS = 2, 5
ID_RE = re.compile(r"[TVO][0-9]{2,3}\Z")
ITEM_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
LOCALE_RE = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?\Z")  # BCP 47: tr, ckb, zh-Hans
# Markers that pages use to have the build insert card lists (reflection questions: course.py);
# checked here, expanded by render.py.
CARDS_MARKER = re.compile(r"<!-- kb:cards ((?:\w+=[\w,-]+\s*)+)-->")
MARKER_KEYS = ("ids", "audience", "section", "view")
MAX_FILE_BYTES = 256 * 1024  # a card is a few kB; the report itself is in bron/
# The language names, each a link to a page in that language (this page, or page=...).
LANGUAGES_MARKER = re.compile(r"<!-- kb:languages(?: page=([\w/.-]+))? -->")
UNSAFE_RE = re.compile(
    r"<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript\s*:", re.IGNORECASE
)


# ---------------------------------------------------------------- small parts

def normalise(text: str) -> str:
    """Text with layout differences removed: re-wrapping a paragraph or adding blank lines
    between paragraphs is no change to translate."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def text_hash(text: str) -> str:
    """The version stamp a translation records of its Dutch source."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


def marker_args(match) -> dict[str, str]:
    """``<!-- kb:cards audience=ouders section=thema -->`` -> {"audience": "ouders", "section": "thema"}"""
    return dict(a.split("=", 1) for a in match.group(1).split())


def card_hash(text: CardText) -> str:
    """Version of a card's translatable text: its tags or links changing is no reason to re-translate."""
    parts = [text.title, text.summary, *([text.parents] if text.parents else []),
             *(f"{k}: {v}" for k, v in text.checklist.items()), *text.questions, text.body]
    return text_hash("\n\n".join(parts))


def split_front_matter(text: str, path: str) -> tuple[dict, str]:
    if text.startswith("\ufeff"):
        raise ContentError(path, "encoding", "starts with a byte order mark (BOM); save it as UTF-8 without BOM")
    if not text.strip():
        raise ContentError(path, "front matter", "the file is empty")
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        raise ContentError(path, "front matter", "the file must start with a '---' line")
    m = re.search(r"^---[ \t]*\r?$", text[4:], re.MULTILINE)
    if not m:
        raise ContentError(path, "front matter", "no closing '---' line")
    raw, body = text[4 : 4 + m.start()], text[4 + m.end():].lstrip("\r\n")
    meta = yamlsafe.load(raw, path, "front matter", line_offset=1)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError(path, "front matter", "must be a mapping of fields, not {kind}", kind=_kind(meta))
    for key in meta:
        if not isinstance(key, str):
            raise ContentError(path, str(key), "field names must be text")
    return meta, body


def _kind(value) -> str:
    return {list: Word("a list"), str: Word("text"), int: Word("a number"), float: Word("a number"),
            bool: Word("true/false"), dict: Word("a mapping"), type(None): Word("empty")}.get(type(value), type(value).__name__)


def check_fields(meta: dict, spec: dict, path: str, required: bool = True, prefix: str = "",
                 optional=frozenset()):
    for key in meta:
        if key not in spec:
            raise ContentError(path, prefix + key, "unknown field; allowed: {spec}", spec=', '.join(spec))
    for key, typ in spec.items():
        if key not in meta:
            if required and key not in optional:
                raise ContentError(path, prefix + key, "missing required field")
            continue
        value = meta[key]
        if typ is str and not isinstance(value, str):
            raise ContentError(path, prefix + key, "must be text, not {kind}", kind=_kind(value))
        if typ is bool and not isinstance(value, bool):
            raise ContentError(path, prefix + key, "must be true or false, not {kind}", kind=_kind(value))
        if typ in (list, dict) and not isinstance(value, typ):
            raise ContentError(path, prefix + key, "must be {wanted}, not {kind}", wanted=_kind(typ()), kind=_kind(value))
        if typ is str and not value.strip():
            raise ContentError(path, prefix + key, "must not be empty")


def check_safe(value, path: str, field: str):
    """Refuse raw scripts, frames, event handlers and javascript: links anywhere."""
    if isinstance(value, str):
        m = UNSAFE_RE.search(value)
        if m:
            raise ContentError(path, field, "unsafe content '{text}' is not allowed", text=m.group(0).strip())
    elif isinstance(value, dict):
        for k, v in value.items():
            check_safe(v, path, f"{field}.{k}" if field else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_safe(v, path, f"{field}[{i}]")


def _str_list(meta, key, path, vocab=None, min_len=0, max_len=None) -> tuple:
    values = meta[key]
    for i, v in enumerate(values):
        if not isinstance(v, str) or not v.strip():
            raise ContentError(path, f"{key}[{i}]", "must be text, not {kind}", kind=_kind(v))
        if vocab is not None and v not in vocab:
            raise ContentError(path, f"{key}[{i}]", "'{v}' is not in the vocabulary: {vocab}", v=v, vocab=', '.join(vocab))
    if len(values) < min_len:
        raise ContentError(path, key, "needs at least {count} entry", plural="needs at least {count} entries", count=min_len)
    if max_len is not None and len(values) > max_len:
        raise ContentError(path, key, "has {count} entry; at most {max_len}", plural="has {count} entries; at most {max_len}",
                           count=len(values), max_len=max_len)
    if len(set(values)) != len(values):
        raise ContentError(path, key, "lists the same value twice")
    return tuple(values)


def _checklist(meta, path, translated: bool):
    items = []
    spec = {"id": str, "text": str} if translated else {"id": str, "for": str, "text": str, "core": object}
    for i, raw in enumerate(meta["checklist"]):
        if not isinstance(raw, dict):
            raise ContentError(path, f"checklist[{i}]", "must be a mapping with {spec}", spec=', '.join(spec))
        check_fields(raw, spec, path, prefix=f"checklist[{i}].", optional={"core"})
        if "core" in raw and (not isinstance(raw["core"], str) or raw["core"] not in CORE_MOMENTS):
            got = str(raw["core"]).lower() if isinstance(raw["core"], bool) else raw["core"]
            raise ContentError(path, f"checklist[{i}].core",
                               "'{got}' is not a moment of the conversation; write voor, tijdens or einde", got=got)
        if raw.get("core") and raw["for"] != PARENTS:
            raise ContentError(path, f"checklist[{i}].core", "only items for {parents} can be on the core list", parents=PARENTS)
        if not ITEM_ID_RE.match(raw["id"]):
            raise ContentError(path, f"checklist[{i}].id", "use lower-case letters, digits and '-'")
        if not translated and raw["for"] not in AUDIENCES:
            raise ContentError(path, f"checklist[{i}].for",
                               "'{audience}' is not an audience: {audiences}", audience=raw['for'], audiences=', '.join(AUDIENCES))
        items.append(raw)
    ids = [r["id"] for r in items]
    dup = next((x for x in ids if ids.count(x) > 1), None)
    if dup:
        raise ContentError(path, "checklist", "item id '{dup}' is used twice", dup=dup)
    if not items:
        raise ContentError(path, "checklist", "needs at least 1 item")
    return items


_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u1362\u1367](?=[\s\"'”’»)]|$)"
                           r"|[\u3002\uff01\uff1f]+")  # Chinese: 。！？ (no space after them)


def sentence_count(text: str) -> int:
    """Sentences in a short plain text: ends of sentence followed by a space or the end.
    Counts the Arabic question mark and full stop too, the Ethiopic full stop (።) and
    question mark (፧) of Tigrinya, and Chinese 。！？ (no space follows them)."""
    return len(_SENTENCE_END.findall(" ".join(text.split())))


def _parents_block(meta: dict, path: str, for_parents: bool) -> str:
    """The parent block: required on a card for parents, refused elsewhere, 2 to 4 sentences."""
    if not for_parents:
        if "parents" in meta:
            raise ContentError(path, "parents", "only cards whose audiences include {parents} have a parent block", parents=PARENTS)
        return ""
    if "parents" not in meta:
        raise ContentError(path, "parents", "missing required field (the audiences include {parents})", parents=PARENTS)
    text = " ".join(meta["parents"].split())
    n = sentence_count(text)
    if not MIN_PARENT_SENTENCES <= n <= MAX_PARENT_SENTENCES:
        raise ContentError(path, "parents", "has {count} sentence; write {least} to {most}",
                           plural="has {count} sentences; write {least} to {most}",
                           count=n, least=MIN_PARENT_SENTENCES, most=MAX_PARENT_SENTENCES)
    return text


def _translation(meta, path, lang) -> Translation:
    t = dict(meta["translation"])
    if isinstance(t.get("reviewed_on"), datetime.date):
        t["reviewed_on"] = t["reviewed_on"].isoformat()
    check_fields({k: v for k, v in t.items() if k not in REVIEW_FIELDS}, TRANSLATION_FIELDS, path, prefix="translation.")
    check_fields({k: v for k, v in t.items() if k in REVIEW_FIELDS}, REVIEW_FIELDS, path,
                 required=t["reviewed"], prefix="translation.")
    if "reviewed_by" in t and t["reviewed_by"] not in REVIEWER_ROLES:
        raise ContentError(path, "translation.reviewed_by",
                           "'{reviewed_by}' is not a role; use one of: {reviewer_roles} (never a name)", reviewed_by=t['reviewed_by'], reviewer_roles=', '.join(REVIEWER_ROLES))
    if "reviewed_on" in t and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["reviewed_on"]):
        raise ContentError(path, "translation.reviewed_on", "must be a date, YYYY-MM-DD")
    return Translation(lang, path, t["source_hash"], t["reviewed"], t.get("reviewed_by"), t.get("reviewed_on"))


def read_text(file: Path, rel: str) -> str:
    if file.is_symlink() or not file.is_file():
        raise ContentError(rel, "file", "must be a regular file, not a symbolic link")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise ContentError(rel, "file", "is {size:,} bytes; at most {most:,}", size=file.stat().st_size, most=MAX_FILE_BYTES)
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ContentError(rel, "encoding", "not valid UTF-8 (byte {start}, line {line})", start=e.start, line=line) from None
    if "\x00" in text:
        raise ContentError(rel, "encoding", "contains a NUL byte (line {line})", line=text[: text.index(chr(0))].count(chr(10)) + 1)
    return text


# ---------------------------------------------------------------- the site

def language_of(rel: str, languages: tuple) -> tuple[str, str]:
    """(language, Dutch base path) of a docs-relative Markdown path."""
    name = rel.rsplit("/", 1)[-1]
    parts = name.split(".")
    if len(parts) >= 3 and LOCALE_RE.match(parts[-2]):
        lang = parts[-2]
        if lang not in languages or lang == languages[0]:
            raise ContentError(rel, "file name", "unknown language '{lang}'; configured: {choices}", lang=lang, choices=', '.join(languages[1:]))
        return lang, rel[: -len(f".{lang}.md")] + ".md"
    return languages[0], rel


def section_of(rel: str) -> str | None:
    parts = rel.split("/")
    if len(parts) == 2 and parts[0] in FOLDER_TO_SECTION and not parts[1].startswith("index."):
        return FOLDER_TO_SECTION[parts[0]]
    return None


def load_site(docs_dir: str | Path, languages: tuple) -> Site:
    """Read and validate every Markdown file. ``languages`` starts with the default (Dutch)."""
    docs = Path(docs_dir)
    refuse_symlinks(docs, docs)
    if (docs.parent / "bron").is_dir():
        refuse_symlinks(docs.parent / "bron", docs.parent)
    pages: dict[str, Page] = {}
    for file in sorted(docs.rglob("*.md")):
        rel = file.relative_to(docs).as_posix()
        lang, base = language_of(rel, languages)
        meta, body, digest = _read_page(file, rel)
        _check_snippets(body, rel, docs.parent / "bron")
        pages[rel] = Page(rel, base, lang, meta, body, digest)

    for page in pages.values():
        if page.lang != languages[0] and page.base not in pages:
            raise ContentError(page.path, "file name", "translation without a Dutch original '{base}'", base=page.base)

    cards: dict[str, Card] = {}
    for page in pages.values():
        if page.lang == languages[0] and section_of(page.path):
            card = _card(page, pages, languages)
            if card.id in cards:
                raise ContentError(page.path, "id", "duplicate id '{id}', also used by {other}", id=card.id, other=cards[card.id].path)
            cards[card.id] = card
        elif not section_of(page.base):
            check_fields(page.meta, PAGE_FIELDS | ({"translation": dict} if page.lang != languages[0] else {}),
                         page.path, required=False)
            if page.lang != languages[0]:
                if "translation" not in page.meta:
                    raise ContentError(page.path, "translation", "missing required field")
                page.translation = _translation(page.meta, page.path, page.lang)

    for card in cards.values():
        for i, rid in enumerate(card.related):
            if rid not in cards:
                raise ContentError(card.path, f"related[{i}]", "unknown card id '{rid}'", rid=rid)
            if rid == card.id:
                raise ContentError(card.path, f"related[{i}]", "a card cannot relate to itself")
    for page in pages.values():
        check_questions(page.body, page.path, cards)
        check_schedules(page.body, page.path)
        for m in LANGUAGES_MARKER.finditer(page.body):
            if m.group(1) and m.group(1) not in pages:
                raise ContentError(page.path, "body", "language links name unknown page '{text}'", text=m.group(1))
        for m in CARDS_MARKER.finditer(page.body):
            args = marker_args(m)
            for key in args:
                if key not in MARKER_KEYS:
                    raise ContentError(page.path, "body", "card list marker has unknown key '{key}'; allowed: {marker_keys}", key=key, marker_keys=', '.join(MARKER_KEYS))
            for cid in args.get("ids", "").split(","):
                if cid and cid not in cards:
                    raise ContentError(page.path, "body", "card list names unknown card id '{cid}'", cid=cid)
    check_cards(cards, docs.parent / "bron" / "verslag.md")
    ordered = dict(sorted(cards.items(), key=lambda kv: _id_key(kv[0])))
    core = [(c, i) for c in ordered.values() for i, item in enumerate(c.checklist) if item.core]
    if len(core) > MAX_CORE_ITEMS:
        card, i = core[MAX_CORE_ITEMS]
        raise ContentError(card.path, f"checklist[{i}].core",
                           "the core list would have {count} item; at most {max_core_items}",
                           plural="the core list would have {count} items; at most {max_core_items}", count=len(core), max_core_items=MAX_CORE_ITEMS)
    return Site(tuple(languages), pages, ordered, {c.path: c for c in ordered.values()})


# (file, mtime, size) -> (meta, body, hash) of a file read and checked before: the preview
# (scripts/preview.py) reads all content again after each edit, and most of it has not changed.
_READ: dict = {}


def _read_page(file: Path, rel: str) -> tuple[dict, str, str]:
    stat = file.lstat()
    key = (str(file), stat.st_mtime_ns, stat.st_size)
    if key not in _READ:
        text = read_text(file, rel)
        meta, body = split_front_matter(text, rel)
        for field in ("title", "description"):  # shown as plain text: in <title>, <meta>, the nav
            if isinstance(meta.get(field), str):
                check_text(meta[field], rel, field)
        check_safe(meta, rel, "")
        check_safe(body, rel, "body")
        check_limits(meta, body, rel, len(text.encode("utf-8")))
        _READ[key] = (meta, body, text_hash(text))
    return _READ[key]


SNIPPET_RE = re.compile(r'^\s*-+8<-+\s+"([^"]*)"', re.M)


def _check_snippets(body: str, rel: str, bron: Path) -> None:
    """``--8<-- "file:3:200"`` includes part of a file from bron/: it must be there."""
    for m in SNIPPET_RE.finditer(body):
        name = re.sub(r"(:-?[0-9]*)+$", "", m.group(1))
        target = bron / name
        if not name or Path(name).is_absolute() or ".." in Path(name).parts or not target.is_file():
            raise ContentError(rel, "body", "snippet '{text}' is not a file in bron/", text=m.group(1))


def refuse_symlinks(folder: Path, root: Path) -> None:
    """A symbolic link under docs/ or bron/ would publish a file from outside the project."""
    if folder.is_symlink():
        raise ContentError(folder.relative_to(root).as_posix() or folder.name, "file", "is a symbolic link; not allowed")
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            raise ContentError(p.relative_to(root).as_posix(), "file", "is a symbolic link; not allowed")


def _id_key(card_id: str):
    order = {v["prefix"]: i for i, v in enumerate(SECTIONS.values())}
    return order[card_id[0]], int(card_id[1:])


def _card(page: Page, pages: dict, languages: tuple) -> Card:
    meta, path = page.meta, page.path
    check_fields(meta, CARD_FIELDS, path, optional=OPTIONAL_CARD_FIELDS)
    section = meta["section"]
    if section not in SECTIONS:
        raise ContentError(path, "section", "'{section}' is not a section: {sections}", section=section, sections=', '.join(SECTIONS))
    if section != section_of(path):
        raise ContentError(path, "section", "'{section}' does not match the folder '{folder}'", section=section, folder=path.split('/')[0])
    if not ID_RE.match(meta["id"]) or meta["id"][0] != SECTIONS[section]["prefix"]:
        raise ContentError(path, "id", "'{id}' must be {prefix} and two or three digits, e.g. {prefix}07", id=meta['id'], prefix=SECTIONS[section]['prefix'])
    audiences = _str_list(meta, "audiences", path, AUDIENCES, min_len=1)
    items = _checklist(meta, path, translated=False)
    nl = CardText(meta["title"], meta["summary"], {i["id"]: i["text"] for i in items},
                  _str_list(meta, "questions", path, min_len=1), page.body,
                  _parents_block(meta, path, PARENTS in audiences))
    texts = {}
    for lang in languages[1:]:
        tpath = path[:-3] + f".{lang}.md"
        if tpath in pages:
            texts[lang] = _card_translation(pages[tpath], {i["id"] for i in items}, PARENTS in audiences)
    page.source_hash = card_hash(nl)
    return Card(
        id=meta["id"], slug=path.rsplit("/", 1)[-1][:-3], section=section,
        audiences=audiences,
        tags=_str_list(meta, "tags", path, TAGS, MIN_TAGS, MAX_TAGS),
        checklist=tuple(ChecklistItem(i["id"], i["for"], i["text"], i.get("core", "")) for i in items),
        related=_str_list(meta, "related", path), source=meta["source"].strip(),
        path=path, nl=nl, lang=languages[0], texts=texts,
    )


def _card_translation(page: Page, item_ids: set, for_parents: bool) -> CardText:
    meta, path = page.meta, page.path
    check_fields(meta, CARD_TRANSLATION_FIELDS, path, optional=OPTIONAL_CARD_FIELDS)
    page.translation = _translation(meta, path, page.lang)
    items = _checklist(meta, path, translated=True)
    for i, item in enumerate(items):
        if item["id"] not in item_ids:
            raise ContentError(path, f"checklist[{i}].id", "'{id}' is not an item of the Dutch card", id=item['id'])
    return CardText(meta["title"], meta["summary"], {i["id"]: i["text"] for i in items},
                    _str_list(meta, "questions", path), page.body, _parents_block(meta, path, for_parents))


# ---------------------------------------------------------------- placeholders and quotes

def check_cards(cards: dict, report: Path) -> None:
    """A card still holding a placeholder of `make card`, or a ``source`` that is not word for word
    in the report (whitespace aside), is refused. Without bron/verslag.md (a test project) only
    the placeholders are checked."""
    from .scaffold import placeholder_in
    flat_report = " ".join(report.read_text(encoding="utf-8").split()) if report.is_file() else None
    for card in cards.values():
        text = card.nl
        fields = [("summary", text.summary), ("parents", text.parents or ""), ("source", card.source),
                  *((f"questions[{i}]", q) for i, q in enumerate(text.questions)),
                  *((f"checklist[{i}].text", item.text) for i, item in enumerate(card.checklist)),
                  ("body", text.body)]
        for field, value in fields:
            found = placeholder_in(value)
            if found:
                raise ContentError(card.path, field, "still holds the example text of 'make card' "
                                                     "(\"{text}\"); write your own", text=found)
        if flat_report is not None and " ".join(card.source.split()) not in flat_report:
            raise ContentError(card.path, "source", "is not word for word in bron/verslag.md; "
                                                    "copy the sentence from the report")
