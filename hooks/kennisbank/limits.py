"""Limits on what one content file may hold, each refused with one line naming the file and field.

The cards are a few kB each (the longest today: 3.7 kB, 5 checklist items, a 78-character title).
Without limits one file could make the build run for minutes and write pages of many MB: a 256 kB
card with 3,200 items took 93 s and 723 MB. Bidi controls (U+202A-E, U+2066-9, U+200E/F, U+061C)
can make text read differently from what it is: refused in every field and the body.
"""
from __future__ import annotations

from .model import ContentError
from .sanitise import check_bidi
from .vocab import FOLDER_TO_SECTION

MAX_CARD_BYTES = 64 * 1024          # a whole card file, front matter and body
MAX_ITEMS = 30                      # checklist items per card
MAX_QUESTIONS = 20                  # reflection questions per card
MAX_LENGTH = {                      # characters per field
    "title": 150, "description": 300, "summary": 600, "parents": 1000, "source": 3000,
    "checklist.text": 400, "questions": 400,
}


def check_limits(meta: dict, body: str, rel: str, size: int) -> None:
    """Refuse a file over a limit, or any field (at any depth) with a bidi control."""
    if rel.split("/")[0] in FOLDER_TO_SECTION and size > MAX_CARD_BYTES:
        raise ContentError(rel, "file", f"kaart is {size:,} bytes, ten hoogste {MAX_CARD_BYTES:,} "
                                        f"(a card is at most {MAX_CARD_BYTES:,} bytes)")
    for key, most in (("checklist", MAX_ITEMS), ("questions", MAX_QUESTIONS)):
        if isinstance(meta.get(key), list) and len(meta[key]) > most:
            raise ContentError(rel, key, f"{len(meta[key])} regels, ten hoogste {most} "
                                         f"({len(meta[key])} entries, at most {most})")
    for field, value in _strings(meta, ""):
        check_bidi(value, rel, field)
        kind = "checklist.text" if field.startswith("checklist[") and field.endswith(".text") else \
            "questions" if field.startswith("questions[") else field
        most = MAX_LENGTH.get(kind)
        if most is not None and len(value) > most:
            raise ContentError(rel, field, f"{len(value):,} tekens, ten hoogste {most} "
                                           f"({len(value):,} characters, at most {most})")
    check_bidi(body, rel, "body")


def _strings(value, field: str):
    """(field, text) for every string in the front matter, named as the loader names fields."""
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{field}.{k}" if field else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{field}[{i}]")
