"""Termbase per language (``vertalen/<lang>.yml``) and the check of translated text against it.

An entry names a Dutch term, its one approved rendering, the variants that must not be used,
and a note for the translator. A forbidden variant is matched as a word, the way the language
builds words: Turkish glues suffixes to the end ("gençlik yardımına"), Arabic glues proclitics
to the front and pronoun suffixes to the end ("بكسر العلاقات", "طفلكم"), English adds a plural.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import ContentError
from .normalise import fold

ENTRY_FIELDS = {"term": str, "approved": str, "forbidden": list, "note": str, "allowed": list}
REQUIRED = ("term", "approved", "forbidden", "note")

# What may stand before and after a forbidden variant and still make it the same word.
_AR_PROCLITICS = r"(?:[وف]?(?:[بلك]|س)?)"
_AR_SUFFIXES = r"(?:ه|ها|هم|هما|هن|ك|كم|كما|كن|ي|نا|ات|ون|ين|ان|ة|تم|وا)?"
AFFIXES = {
    "tr": ("", r"(?:['’]?\w*)"),  # every suffix, also after an apostrophe (Ede'de)
    "ar": (_AR_PROCLITICS, _AR_SUFFIXES),
    "en": ("", r"(?:s|es|'s|’s)?"),
    "uk": ("", r"\w*"),  # a forbidden variant is a word start: every case and number ending (vertalen/uk.yml)
    "ti": ("", r"\w*"),  # Tigrinya writes its endings onto the word (ፍተሻ, ፍተሻን): a variant is a word start
}
# Languages written without spaces between words: a forbidden variant matches anywhere in the text.
NO_WORD_SPACES = {"zh-Hans"}
# Lines and parts of lines that are not text a reader sees: ids, stamps, link targets, markers.
_NOT_TEXT_LINE = re.compile(r"^\s*(?:-\s*)?(?:id|source_hash|reviewed\w*):")
_NOT_TEXT = re.compile(r"\]\([^)]*\)|<!--.*?-->")
# An approved rendering that keeps the Dutch term and explains it: "huisbezoek (ev ziyareti)".
_GLOSSED = re.compile(r"^([A-Za-z][\w'/-]*) \(([^()]+)\)$")


@dataclass(frozen=True)
class Entry:
    term: str
    approved: str
    forbidden: tuple
    note: str
    allowed: tuple = ()  # words that contain a forbidden variant but are right (ebeveynlik)


@dataclass(frozen=True)
class Hit:
    path: str
    where: str  # line number or key
    variant: str
    entry: Entry
    lang: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.where}: '{self.variant}' for '{self.entry.term}'; "
                f"use '{self.entry.approved}'")


class Termbase:
    def __init__(self, lang: str, entries: list[Entry], path: str = ""):
        self.lang, self.entries, self.path = lang, entries, path
        pre, post = AFFIXES.get(lang, ("", ""))
        self._patterns = []
        self._glosses = []  # (entry, Dutch term, approved gloss): "jeugdzorg (çocuk ve aile yardımı)"
        for e in entries:
            m = _GLOSSED.match(e.approved)
            if m and e.term.split()[0].lower() == m.group(1).lower():  # the Dutch term itself, explained
                self._glosses.append((e, m.group(1), fold(m.group(2), lang),
                                      re.compile(rf"(?<!\w){re.escape(fold(m.group(1), lang))}['’\w]*\s*\(([^)]*)\)")))
            allowed = tuple(fold(a, lang) for a in e.allowed)
            for v in e.forbidden:
                self._patterns.append((e, v, self._pattern(v, pre, post), allowed, self._literal(v)))

    def _literal(self, variant: str) -> str:
        """A piece of text every match of the variant's pattern contains: a text without it is
        not searched (most texts hold none of the variants; the check runs on every build)."""
        words = fold(variant, self.lang).split()
        if self.lang == "ar":  # the article may be written ل (للوالدين)
            words = [w[2:] if w.startswith("ال") else w for w in words]
        return max(words, key=len, default="")

    def _pattern(self, variant: str, pre: str, post: str):
        body = r"\s+".join(re.escape(w) for w in fold(variant, self.lang).split())
        if self.lang == "ar" and body.startswith("ال"):
            # ل + ال is written لل: للوالدين
            body = f"(?:{body}|ل{body[1:]})"
        elif self.lang == "ar":
            pre = pre + "(?:ال)?"
        if self.lang in NO_WORD_SPACES:
            return re.compile(body)
        return re.compile(rf"(?<!\w){pre}{body}{post}(?!\w)")

    def hits(self, text: str, path: str, where: str = "") -> list[Hit]:
        """Forbidden variants in ``text``. ``where`` names the place; empty: by line number.
        A variant may run over a line break: Markdown paragraphs and YAML blocks join lines."""
        lines = ["" if _NOT_TEXT_LINE.match(ln) else _NOT_TEXT.sub("]", ln) for ln in text.split("\n")]
        folded = fold("\n".join(lines), self.lang)
        found = []
        for entry, dutch, gloss, pattern in self._glosses:
            for m in pattern.finditer(folded):
                said = " ".join(m.group(1).split())
                if not said.startswith(gloss):  # "(gloss)" or "(gloss: a longer explanation)"
                    found.append((m.start(), f"{dutch} ({said})", entry))
        for entry, variant, pattern, allowed, literal in self._patterns:
            if literal not in folded:
                continue
            for m in pattern.finditer(folded):
                if not m.group(0).startswith(allowed):
                    found.append((m.start(), variant, entry))
        return [Hit(path, where or str(folded.count("\n", 0, at) + 1), variant, entry, self.lang)
                for at, variant, entry in sorted(found, key=lambda f: f[0])]


def load_termbase(path: Path, lang: str, rel: str | None = None) -> Termbase:
    """Read and validate one termbase. Bad input: ``ContentError`` naming the file and term."""
    rel = rel or path.as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ContentError(rel, "file", "cannot be read: {problem}", problem=str(e).splitlines()[0]) from None
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ContentError(rel, "terms", "the file must have a list 'terms'")
    entries, seen = [], set()
    for i, raw in enumerate(data["terms"]):
        name = raw.get("term") if isinstance(raw, dict) else None
        label = f"terms[{i}]" + (f" ({name})" if isinstance(name, str) else "")
        if not isinstance(raw, dict):
            raise ContentError(rel, label, "must be a mapping with {fields}", fields=", ".join(REQUIRED))
        for key in raw:
            if key not in ENTRY_FIELDS:
                raise ContentError(rel, f"{label}.{key}", "unknown field; allowed: {entry_fields}", entry_fields=', '.join(ENTRY_FIELDS))
        for key in REQUIRED:
            if key not in raw:
                raise ContentError(rel, f"{label}.{key}", "missing required field")
        for key, typ in ENTRY_FIELDS.items():
            value = raw.get(key, [] if typ is list else "")
            if typ is str and (not isinstance(value, str) or (key != "note" and not value.strip())):
                raise ContentError(rel, f"{label}.{key}", "must be text")
            if typ is list and not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
                raise ContentError(rel, f"{label}.{key}", "must be a list of text")
        if name in seen:
            raise ContentError(rel, label, "duplicate term '{name}'", name=name)
        seen.add(name)
        entries.append(Entry(name, raw["approved"], tuple(raw["forbidden"]), raw["note"], tuple(raw.get("allowed", []))))
    base = Termbase(lang, entries, rel)
    for e in entries:
        clash = base.hits(e.approved, rel)
        if clash:
            raise ContentError(rel, f"term '{e.term}'",
                               "approved rendering '{approved}' is also forbidden ('{variant}' of '{term}')", approved=e.approved, variant=clash[0].variant, term=clash[0].entry.term)
    return base


def load_termbases(root: Path, languages: tuple) -> dict[str, Termbase]:
    """{lang: Termbase} for every translated language; each must have its file."""
    out = {}
    for lang in languages[1:]:
        path = root / "vertalen" / f"{lang}.yml"
        if not path.exists():
            raise ContentError(f"vertalen/{lang}.yml", "file", "missing termbase for language '{lang}'", lang=lang)
        out[lang] = load_termbase(path, lang, f"vertalen/{lang}.yml")
    return out


# ---------------------------------------------------------------- the project's translated text

def _walk(value, key: str = ""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{key}[{i}]")
    elif isinstance(value, str):
        yield key, value


def translated_texts(root: Path, languages: tuple):
    """(lang, file, where, text) for everything a reader sees in a translated language:
    pages, interface strings (YAML or gettext catalogs) and the language's settings in mkdocs.yml.
    ``where`` is empty for whole files (hits then name the line)."""
    from .config import read_i18n_languages

    docs = root / "docs"
    for lang in languages[1:]:
        for f in sorted(docs.rglob(f"*.{lang}.md")):
            yield lang, f.relative_to(root).as_posix(), "", f.read_text(encoding="utf-8")
        for data in sorted((root / "hooks").glob(f"*/{lang}.yml")):  # strings, glossary
            rel = data.relative_to(root).as_posix()
            for key, text in _walk(yaml.safe_load(data.read_text(encoding="utf-8"))):
                yield lang, rel, key, text
        for po in sorted((root / "hooks" / "locales" / lang).rglob("*.po")):
            yield from _po_texts(po, root, lang)
    for entry in read_i18n_languages(root / "mkdocs.yml"):
        if entry.get("locale") in languages[1:]:
            for key, text in _walk({k: v for k, v in entry.items() if k not in ("locale", "name")}):
                yield entry["locale"], "mkdocs.yml", f"{entry['locale']}.{key}", text


def _po_texts(po: Path, root: Path, lang: str):
    from translate.storage import po as pofile

    rel = po.relative_to(root).as_posix()
    for unit in pofile.pofile(po.read_bytes()).units:
        if unit.isheader() or not unit.target:
            continue
        targets = unit.target.strings if hasattr(unit.target, "strings") else [unit.target]
        for text in targets:
            yield lang, rel, unit.getcontext() or f"msgid '{unit.source}'"[:60], str(text)


def check_project(root: Path, languages: tuple, termbases: dict[str, Termbase]) -> list[Hit]:
    out = []
    for lang, rel, where, text in translated_texts(root, languages):
        out += termbases[lang].hits(text, rel, where)
    return out
