"""The Dutch content: every finding of the report is a card, in plain language, with valid vocabularies."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import ALL_LANGUAGES, LANGUAGES, ROOT
from kennisbank import plain
from kennisbank.vocab import SECTIONS, TAGS

REPORT = ROOT / "bron" / "verslag.md"


def report_bullets() -> dict[str, list[str]]:
    """Bullets of the project's cleaned report, per section, in order."""
    parts = REPORT.read_text(encoding="utf-8").split("\n## ")[2:]
    return {sec: [ln[2:] for ln in part.splitlines() if ln.startswith("- ")] for sec, part in zip(SECTIONS, parts)}


def test_report_has_74_findings():
    counts = {k: len(v) for k, v in report_bullets().items()}
    assert counts == {"thema": 24, "voorwaarde": 27, "organisatie": 23}


def test_every_bullet_is_cited_verbatim_by_a_card(site):
    sources = [re.sub(r"\s+", " ", c.source) for c in site.cards.values()]
    for sec, bullets in report_bullets().items():
        for i, bullet in enumerate(bullets, 1):
            assert any(bullet in s or s in bullet for s in sources), f"{sec} bullet {i} has no card: {bullet[:60]}"


def test_every_source_quote_is_in_the_report(site):
    report = re.sub(r"\s+", " ", REPORT.read_text(encoding="utf-8"))
    for card in site.cards.values():
        assert re.sub(r"\s+", " ", card.source) in report, f"{card.path}: source is not verbatim"


def test_card_ids_follow_report_order(site):
    for sec, bullets in report_bullets().items():
        prefix = SECTIONS[sec]["prefix"]
        for i, bullet in enumerate(bullets, 1):
            card = site.cards[f"{prefix}{i:02d}"]
            assert re.sub(r"\s+", " ", card.source) == bullet


def test_tags_are_used_at_least_twice(site):
    used = Counter(t for c in site.cards.values() for t in c.tags)
    assert {t for t in TAGS if used[t] < 2} == set()


def test_plain_language_per_card(site):
    too_hard = []
    for card in site.cards.values():
        f = plain.measure(plain.parent_text(card))
        if f.avg_words > plain.MAX_AVG_WORDS or f.long_share > plain.MAX_LONG_SHARE:
            too_hard.append(f"{card.path}: {f.avg_words:.1f} words/sentence, {f.long_share:.0%} long words")
    assert not too_hard, "\n".join(too_hard)


def test_measure_counts_sentences_and_long_words():
    f = plain.measure("Dit is kort. Ouderbetrokkenheidstijd is een lang woord!")
    assert (f.sentences, f.words, f.long_words) == (2, 8, 1)


def test_scaffold_makes_a_valid_card_with_the_next_free_id(project):
    import os
    import subprocess
    import sys
    from kennisbank.loader import load_site
    from kennisbank.model import ContentError
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"))
    result = subprocess.run([sys.executable, "-m", "kennisbank", "new", "voorwaarde", "Zorg voor een rustige plek"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    path = project / "docs" / "voorwaarden" / "zorg-voor-een-rustige-plek.md"
    assert path.exists() and "V28" in result.stdout
    # unfilled, the scaffold never ships (issue 26): the build names the file and the first field
    with pytest.raises(ContentError) as refused:
        load_site(project / "docs", ALL_LANGUAGES)
    assert (refused.value.path, refused.value.field) == ("voorwaarden/zorg-voor-een-rustige-plek.md", "summary")
    # filled in (a source word for word from the report), it is a whole card
    text = path.read_text(encoding="utf-8")
    for example, own in (("Eén korte zin over waar deze kaart over gaat.", "Praat op een rustige plek."),
                         ("Wat betekent dit voor u als ouder? Schrijf het hier in korte zinnen.",
                          "Een gesprek gaat beter op een rustige plek. U kunt daarom vragen."),
                         ("Een korte zin die zegt wat u kunt doen.", "Vraag om een rustige plek."),
                         ("Een vraag voor pabo-studenten om over na te denken?", "Waar praat jij met ouders?"),
                         ("De tekst uit het verslag, letterlijk overgenomen.", "En waar het rustig is, laat bijvoorbeeld iedereen zijn telefoon uitzetten aan het begin van het gesprek."),
                         ("Schrijf hier in korte zinnen wat de rondetafelgesprekken zeiden.", "Een rustige plek helpt.")):
        assert example in text
        text = text.replace(example, own)
    path.write_text(text, encoding="utf-8")
    site = load_site(project / "docs", ALL_LANGUAGES)
    card = site.cards["V28"]
    assert card.section == "voorwaarde" and card.nl.title == "Zorg voor een rustige plek" and card.checklist
    again = subprocess.run([sys.executable, "-m", "kennisbank", "new", "voorwaarde", "Zorg voor een rustige plek"],
                           cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "exists already" in again.stderr
