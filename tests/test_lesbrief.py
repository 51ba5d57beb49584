"""The lesson guide: four timed meetings with at most 8 picked questions each, in every language,
read from the built pages; a bad choice of questions or a programme that does not add up stops the build."""
from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, prefix, refused_build
from test_loader import GOOD, error_for

MEETINGS = 4
MAX_QUESTIONS = 8  # the limit, not the code's constant


def _meetings(html: str) -> dict[str, str]:
    """id -> HTML of each meeting (from its h2 to the next h2)."""
    parts = re.split(r'(?=<h2 id=")', html)
    return {re.match(r'<h2 id="([^"]+)"', p).group(1): p for p in parts if p.startswith('<h2 id="bijeenkomst-')}


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module", params=LANGUAGES)
def guide(request, built_site):
    lang = request.param
    path = built_site / prefix(lang) / "lesbrief" / "index.html"
    return lang, path.read_text(encoding="utf-8")


def test_every_meeting_states_its_length_and_its_activities_add_up(guide):
    lang, html = guide
    meetings = _meetings(html)
    assert len(meetings) == MEETINGS, (lang, list(meetings))
    for mid, part in meetings.items():
        schedules = re.findall(r'<div class="kb-schedule" data-minutes="(\d+)">(.*?)</div>', part, re.S)
        assert len(schedules) == 1, (lang, mid)
        stated, table = int(schedules[0][0]), schedules[0][1]
        assert stated in (90, 100), (lang, mid)
        # the length is said in words too, right under the heading, before the programme
        lead = _text(part[: part.index("kb-schedule")])
        assert re.search(rf"(?<!\d){stated}(?!\d)", lead.split("</h2>")[-1]), (lang, mid, lead[:200])
        rows = re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", table, re.S)
        assert len(rows) >= 3, (lang, mid)
        for minutes, activity in rows:
            assert re.fullmatch(r"\d+", minutes.strip()) and int(minutes) > 0, (lang, mid, minutes, activity)
            assert _text(activity).strip(), (lang, mid)
        assert sum(int(m) for m, _ in rows) == stated, (lang, mid)


def test_every_meeting_has_at_most_eight_questions_linked_to_their_cards(guide, site):
    lang, html = guide
    for mid, part in _meetings(html).items():
        questions = re.findall(r"<li>(.*?)</li>", part, re.S)
        picked = [q for q in questions if 'class="kb-question-card"' in q]
        assert 1 <= len(picked) <= MAX_QUESTIONS, (lang, mid, len(picked))
        for q in picked:
            text = _text(q.split('<span class="kb-question-card">')[0]).strip()
            link = re.search(r'href="\.\./(\w+)/([\w-]+)/"', q)
            card = next(c for c in site.cards.values() if c.path == f"{link.group(1)}/{link.group(2)}.md")
            assert text in [re.sub(r"\s+", " ", x) for x in card.text(lang).questions], (lang, mid, text)


def test_guide_has_placement_steps_and_lecturer_notes(guide):
    lang, html = guide
    part = html.split('id="stagegesprek"', 1)[1].split("<h2", 1)[0]
    assert len(re.findall(r"<ol>", part)) == 3, "permission, privacy and debrief, each as numbered steps"
    assert html.count('class="admonition note"') >= 3, "a note for the lecturer at each case that touches a stereotype"
    # the djinn case: its note points at the report's own caveats (cards V06 and T18)
    note = _meetings(html)["bijeenkomst-3"].split('class="admonition note"')[1].split("</div>")[0]
    assert "voorwaarden/kijk-open-zonder-vooroordelen/" in note and "themas/verschillende-ideeen-over-opvoeden/" in note


def test_guide_links_the_reader_and_the_reader_links_the_guide(built_site):
    for lang in LANGUAGES:
        guide = (built_site / prefix(lang) / "lesbrief" / "index.html").read_text(encoding="utf-8")
        reader = (built_site / prefix(lang) / "reader" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<article.*href="\.\./reader/"', guide, re.S), lang
        assert re.search(r'<article.*href="\.\./lesbrief/"', reader, re.S), lang


# ---------------------------------------------------------------- the build checks the choice

CARDS = {"themas/a.md": GOOD}  # one card, T01, with one question


@pytest.mark.parametrize("marker, words", [
    ("ids=T09", "unknown card id 'T09'"),
    ("ids=T01.2", "card T01 has no question 2"),
    ("ids=T01,T01", "picked twice"),
    ("section=thema", "expected 'ids="),
    ("ids=T01,x", "'x' is not a card id"),
])
def test_bad_question_choice_names_the_file(tmp_path, marker, words):
    err = error_for(tmp_path, CARDS | {"lesbrief.md": f"---\ntitle: L\n---\n<!-- kb:questions {marker} -->\n"})
    assert err.path == "lesbrief.md" and err.field == "kb:questions" and words in str(err)


def test_more_than_eight_questions_is_refused(tmp_path):
    cards = {f"themas/{i}.md": GOOD.replace("id: T01", f"id: T{i:02d}") for i in range(1, 10)}
    ids = ",".join(f"T{i:02d}" for i in range(1, 10))
    err = error_for(tmp_path, cards | {"lesbrief.md": f"---\ntitle: L\n---\n<!-- kb:questions ids={ids} -->\n"})
    assert err.path == "lesbrief.md" and "9 questions" in str(err)
    ok = ",".join(f"T{i:02d}" for i in range(1, 9))
    from kennisbank.loader import load_site
    from test_loader import LANGS, make
    load_site(make(tmp_path / "ok", cards | {"lesbrief.md": f"---\ntitle: L\n---\n<!-- kb:questions ids={ok} -->\n"}), LANGS)


SCHEDULE = '<div class="kb-schedule" data-minutes="{total}" markdown>\n\n| min | x |\n|---:|---|\n{rows}\n\n</div>\n'


@pytest.mark.parametrize("total, rows, words", [
    ("90", "| 60 | a |\n| 20 | b |", "add up to 80 minutes, not the stated 90"),
    ("90", "| 60 | a |\n| ? | b |", "activity 2 has no time"),
    ("75", "| 75 | a |", "must be one of"),
])
def test_programme_that_does_not_add_up_is_refused(tmp_path, total, rows, words):
    page = "---\ntitle: L\n---\n" + SCHEDULE.format(total=total, rows=rows)
    err = error_for(tmp_path, CARDS | {"lesbrief.md": page})
    assert err.path == "lesbrief.md" and err.field == "kb-schedule" and words in str(err)


def test_a_translation_with_too_many_questions_stops_the_build(project, tmp_path):
    guide = project / "docs" / "lesbrief.tr.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("ids=T01,T10.2", "ids=T02,T03,T01,T10.2", 1), encoding="utf-8")
    error = refused_build(project, tmp_path / "site")
    assert "lesbrief.tr.md" in error and "10 questions" in error, error
