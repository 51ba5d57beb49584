"""The lesson guide's two checked parts: the reflection questions a meeting picks by card id,
and a meeting's timed programme.

``<!-- kb:questions ids=T01,T10.2 -->`` picks one question per entry: ``T01`` is card T01's first
question, ``T10.2`` its second. At most ``MAX_QUESTIONS`` per marker.

A programme is a table inside ``<div class="kb-schedule" data-minutes="90" markdown>``; the
first cell of each row is the activity's minutes, and they add up to the stated length.
"""
from __future__ import annotations

import re

from .model import ContentError

MAX_QUESTIONS = 8
MEETING_MINUTES = (90, 100)
QUESTIONS_MARKER = re.compile(r"<!-- kb:questions\b(.*?)-->", re.S)
_IDS_RE = re.compile(r"^\s*ids=(\S+)\s*$")
_ENTRY_RE = re.compile(r"^([TVO][0-9]{2,3})(?:\.([1-9][0-9]?))?$")
SCHEDULE_RE = re.compile(r'<div class="kb-schedule" data-minutes="([^"]*)" markdown>(.*?)</div>', re.S)
_ROW_RE = re.compile(r"^\|(.*)\|\s*$")


def question_picks(marker_args: str, path: str, cards: dict) -> list[tuple[str, int]]:
    """``" ids=T01,T10.2 "`` -> [("T01", 0), ("T10", 1)], checked against ``cards`` (id -> Card)."""
    m = _IDS_RE.match(marker_args)
    if not m:
        raise ContentError(path, "kb:questions", "expected 'ids=T01,V03,...', got '{text}'", text=marker_args.strip())
    picks = []
    for entry in m.group(1).split(","):
        e = _ENTRY_RE.match(entry)
        if not e:
            raise ContentError(path, "kb:questions", "'{entry}' is not a card id (T01) or a card's question (T01.2)", entry=entry)
        cid, n = e.group(1), int(e.group(2) or 1)
        if cid not in cards:
            raise ContentError(path, "kb:questions", "unknown card id '{cid}'", cid=cid)
        count = len(cards[cid].nl.questions)
        if n > count:
            raise ContentError(path, "kb:questions", "card {cid} has no question {n} (it has {count})",
                               plural="card {cid} has no question {n} (it has {count})", cid=cid, n=n, count=count)
        if (cid, n - 1) in picks:
            raise ContentError(path, "kb:questions", "'{entry}' is picked twice", entry=entry)
        picks.append((cid, n - 1))
    if len(picks) > MAX_QUESTIONS:
        raise ContentError(path, "kb:questions", "{count} question; a meeting has at most {max_questions}",
                           plural="{count} questions; a meeting has at most {max_questions}", count=len(picks), max_questions=MAX_QUESTIONS)
    return picks


def check_questions(body: str, path: str, cards: dict) -> None:
    for m in QUESTIONS_MARKER.finditer(body):
        question_picks(m.group(1), path, cards)


def schedule_minutes(table: str, path: str) -> list[int]:
    """The minutes of each activity row of a Markdown table (header and rule rows skipped)."""
    rows = [r.group(1) for r in map(_ROW_RE.match, table.strip().splitlines()) if r]
    minutes = []
    for i, row in enumerate(rows[2:], start=1):
        cell = row.split("|")[0].strip()
        if not cell.isdigit() or int(cell) == 0:
            raise ContentError(path, "kb-schedule", "activity {i} has no time in minutes: '{cell}'", i=i, cell=cell)
        minutes.append(int(cell))
    return minutes


def check_schedules(body: str, path: str) -> None:
    """Every programme's activities are timed and add up to its stated length."""
    for m in SCHEDULE_RE.finditer(body):
        stated = m.group(1)
        if not stated.isdigit() or int(stated) not in MEETING_MINUTES:
            raise ContentError(path, "kb-schedule", "data-minutes '{stated}' must be one of {meeting_minutes}", stated=stated, meeting_minutes=MEETING_MINUTES)
        minutes = schedule_minutes(m.group(2), path)
        if not minutes:
            raise ContentError(path, "kb-schedule", "a programme without activities")
        if sum(minutes) != int(stated):
            raise ContentError(path, "kb-schedule", "activities add up to {count} minute, not the stated {stated}",
                               plural="activities add up to {count} minutes, not the stated {stated}", count=sum(minutes), stated=stated)
