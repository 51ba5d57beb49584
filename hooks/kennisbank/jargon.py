"""Plain words for parents: professional and policy words they should not meet, and school terms
they must have explained in brackets at first use. The lists live in ``vertalen/jargon.yml``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .normalise import fold_persian

_SUFFIX = r"(?:[-'’]\w+)?"  # "vmbo-kind", Turkish "OR'nin", "Jeugdzorg'da"


@dataclass(frozen=True)
class Jargon:
    explain: tuple
    avoid: dict  # lang -> tuple of words
    anywhere: frozenset  # languages whose words match anywhere, not only at a word start

    def words(self, lang: str) -> tuple:
        return tuple(self.avoid.get(lang, ()))


def load_jargon(path: str | Path) -> Jargon:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Jargon(tuple(data["explain"]), {k: tuple(v) for k, v in data["avoid"].items()},
                  frozenset(data.get("anywhere", ())))


_LATIN = r"0-9A-Za-z\u00c0-\u024f"


def _term_re(term: str) -> re.Pattern:
    flags = 0 if term.isupper() else re.IGNORECASE
    # The terms are Dutch words: their edges are Latin letters, so a term also stands out where the
    # language writes no spaces (Chinese "上vwo（…）").
    return re.compile(rf"(?<![{_LATIN}-]){re.escape(term)}(?![{_LATIN}])", flags)


def problems(text: str, lang: str, jargon: Jargon) -> list[str]:
    """What is wrong with ``text`` (one page, or one block read on its own) for a parent."""
    out = []
    text = " ".join(text.split())
    folded = " ".join(fold_persian(text).split())
    for word in jargon.words(lang):
        start = "" if lang in jargon.anywhere else r"(?<!\w)"
        m = re.search(start + re.escape(word), text, re.IGNORECASE) or \
            re.search(start + re.escape(" ".join(fold_persian(word).split())), folded, re.IGNORECASE)
        if m:
            out.append(f"jargon '{word}' in: ...{text[max(0, m.start() - 30):m.end() + 30]}...")
    for term in jargon.explain:
        m = _term_re(term).search(text)
        if m and not explained_at(text, m.start(), m.end()):
            out.append(f"'{term}' is not explained in brackets at its first use: ...{text[max(0, m.start() - 30):m.end() + 40]}...")
    return out


def explained_at(text: str, start: int, end: int) -> bool:
    """A term is explained when brackets follow it ("vwo (...)", "vmbo-kind (...)") or it is the
    bracketed word after an explanation ("... (jeugdzorg)"). Chinese writes full-width brackets （）."""
    return bool(re.match(_SUFFIX + r"\s*[(\uff08]", text[end:])) or text[:start].rstrip().endswith(("(", "\uff08"))
