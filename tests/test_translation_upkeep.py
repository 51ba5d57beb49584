"""Translation upkeep for people (issue 26): `make translations` lists only the pages that need
work and what to run next (ALL=1: the full table); `make stamp` says what to give, and
`make stamp LANG=tr` stamps the pages of that language the editor brought up to date."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ALL_TRANSLATED, ALL_LANGUAGES, LANGUAGES, TRANSLATED
from kennisbank.loader import load_site
from kennisbank.translations import translation_status

CARD = "voorwaarden/zorg-voor-een-tolk"
OTHER = "themas/hoe-gaat-het-met-de-ouder"


def _run(project, *args):
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"))
    return subprocess.run(list(args), cwd=project, env=env, capture_output=True, text=True, timeout=300)


def kb(project, *args):
    return _run(project, sys.executable, "-m", "kennisbank", *args)


def _state(project, base, lang):
    site = load_site(project / "docs", ALL_LANGUAGES)
    return next(r.state for r in translation_status(site) if r.base == base + ".md" and r.lang == lang)


def _change_dutch(project, base, old, new):
    f = project / "docs" / f"{base}.md"
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_status_lists_only_the_pages_that_need_work_and_the_next_command(project):
    _change_dutch(project, CARD, "Dan is een tolk nodig.", "Dan is echt een tolk nodig.")
    result = kb(project, "status")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    pages = [ln for ln in lines if ln.startswith("  ") and ".md" in ln]
    assert pages == [f"  {CARD}.md  behind: " + ", ".join(ALL_TRANSLATED)], lines[:10]
    assert f"make stamp FILE=docs/{CARD}.{TRANSLATED[0]}.md" in result.stdout
    assert "make translations ALL=1" in result.stdout
    assert max(len(ln) for ln in lines) < 120 and len(lines) < 40, lines
    # one short total line; the per-language summaries, terminology, strings and coverage only with ALL=1
    assert sum(" current, " in ln for ln in lines) == 1
    quiet = ("terminology ", "strings ", "language  ")
    assert not [ln for ln in lines if ln.startswith(quiet)], lines
    full = kb(project, "status", "--all")
    assert full.returncode == 1
    assert sum(".md" in ln for ln in full.stdout.splitlines()) > 80  # every page, one row each
    for start in quiet:
        assert any(ln.startswith(start) for ln in full.stdout.splitlines()), start


def test_a_termbase_hit_needs_work_so_it_shows_without_all(project):
    rel = "docs/themas/hoe-gaat-het-met-de-ouder.tr.md"
    with open(project / rel, "a", encoding="utf-8") as f:
        f.write("\nÇocuğunuz zorla evden alındı.\n")
    result = kb(project, "status")
    assert result.returncode == 1
    hits = result.stderr.splitlines()
    assert hits and all(ln.startswith(rel + ":") for ln in hits), result.stderr  # each with its file
    assert [ln for ln in result.stdout.splitlines() if ln.startswith("terminology ")] == [
        f"terminology tr: {len(hits)} forbidden variant(s) in 1 file(s)"], result.stdout


def test_stamp_says_what_to_give_and_stamps_the_pages_brought_up_to_date(project):
    result = kb(project, "stamp")
    assert result.returncode == 2 and "FILE=" in result.stderr and "LANG=" in result.stderr, result.stderr
    assert kb(project, "stamp", "--lang", "xx").returncode == 2
    git = ("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid")
    assert _run(project, "git", "init", "-q").returncode == 0
    assert _run(project, *git, "add", "-A").returncode == 0
    assert _run(project, *git, "commit", "-qm", "start").returncode == 0
    _change_dutch(project, CARD, "Dan is een tolk nodig.", "Dan is echt een tolk nodig.")
    _change_dutch(project, OTHER, "\ntitle: ", "\ntitle: Nu ")
    assert _run(project, *git, "commit", "-qam", "Dutch changed").returncode == 0
    # the editor brings the Turkish of CARD up to date; OTHER's Turkish is still behind, unchanged
    tr = project / "docs" / f"{CARD}.tr.md"
    # (any edit of the page will do: the Turkish text itself changes with every review)
    tr.write_text(tr.read_text(encoding="utf-8").rstrip("\n") + " Gerçekten.\n", encoding="utf-8")
    result = kb(project, "stamp", "--lang", "tr")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"stamped {CARD}.tr.md", result.stdout
    assert f"docs/{OTHER}.tr.md" in result.stderr and CARD not in result.stderr, result.stderr
    assert _state(project, CARD, "tr") == "current"
    assert _state(project, OTHER, "tr") == "behind"
    assert _state(project, CARD, "en") == "behind"  # another language: untouched
