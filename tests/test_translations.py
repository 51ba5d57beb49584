"""Translations: status, staleness, review and missing notices, glossary tooltips per language."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ALL_TRANSLATED, ALL_LANGUAGES, LANGUAGES, PARTIAL, ROOT, TRANSLATED, mkdocs, prefix
from kennisbank.loader import load_site
from kennisbank.translations import translation_status

CARD = "voorwaarden/zorg-voor-een-tolk"


def status_cmd(project):
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"))
    return subprocess.run([sys.executable, "-m", "kennisbank", "status"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_every_page_is_translated_and_current(site):
    rows = translation_status(site)
    full = [r for r in rows if r.lang not in PARTIAL]
    assert full and all(r.state == "current" for r in full), [r for r in full if r.state != "current"][:5]
    assert len(full) == (len([p for p in site.pages.values() if p.lang == "nl"])) * len(TRANSLATED)
    # a partial language: its 58 pages of the parents' layer current, the other 31 of the 89 missing
    for lang in PARTIAL:
        mine = [r.state for r in rows if r.lang == lang]
        assert (mine.count("current"), mine.count("missing"), len(mine)) == (58, 31, 89), lang


def test_status_command_passes_on_the_real_content():
    result = status_cmd(ROOT)
    assert result.returncode == 0, result.stdout[-500:]
    # 31 pages outside the parents' layer in each partial language (test above)
    assert f"0 behind, {31 * len(PARTIAL)} missing" in result.stdout


def test_changed_dutch_card_flags_exactly_its_translations(project, tmp_path):
    card = project / "docs" / f"{CARD}.md"
    card.write_text(card.read_text(encoding="utf-8").replace("Dan is een tolk nodig.", "Dan is echt een tolk nodig."),
                    encoding="utf-8")
    site = load_site(project / "docs", ALL_LANGUAGES)
    behind = sorted((r.base, r.lang) for r in translation_status(site) if r.state == "behind")
    assert behind == sorted((f"{CARD}.md", lang) for lang in ALL_TRANSLATED)

    result = status_cmd(project)
    assert result.returncode == 1 and f"{len(ALL_TRANSLATED)} behind" in result.stdout

    out = tmp_path / "site"
    # the banner in full and partial languages, both directions; not all fifteen (a minute less, issue 29)
    shown = ("tr", "ar", "ti", "ckb")
    assert mkdocs(project, site_dir=out, env_extra={"KB_LANGUAGES": ",".join(("nl", *shown))}).returncode == 0
    for lang in shown:
        assert "kb-stale" in (out / lang / CARD / "index.html").read_text(encoding="utf-8"), lang
    stale_pages = [p for p in out.rglob("index.html") if "kb-stale" in p.read_text(encoding="utf-8")]
    assert sorted(p.relative_to(out).as_posix() for p in stale_pages) == sorted(
        f"{lang}/{CARD}/index.html" for lang in shown)
    # layout-only edits (re-wrapping a line, extra blank lines) are no change
    card.write_text(card.read_text(encoding="utf-8").replace("Dan is echt een tolk nodig.", "Dan is een\ntolk nodig.")
                    .replace("\n\nNa het gesprek", "\n\n\nNa het gesprek"), encoding="utf-8")
    assert status_cmd(project).returncode == 0


def test_missing_translation_shows_dutch_with_notice_in_readers_language(project, tmp_path, strings):
    (project / "docs" / f"{CARD}.tr.md").unlink()
    assert status_cmd(project).returncode == 1
    out = tmp_path / "site"
    assert mkdocs(project, site_dir=out, env_extra={"KB_LANGUAGES": "nl,tr"}).returncode == 0  # Turkish is the one asked
    html = (out / "tr" / CARD / "index.html").read_text(encoding="utf-8")
    assert strings["tr"]["translation"]["missing"] in html
    assert "Zorg voor een tolk" in html  # the Dutch text is shown
    # the Dutch card title under a Turkish page is marked as Dutch
    assert re.search(r'<span lang="nl" dir="ltr">Zorg voor een tolk', html)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_unreviewed_notice_in_own_language_with_link_to_dutch(built_site, strings, lang):
    html = (built_site / lang / CARD / "index.html").read_text(encoding="utf-8")
    assert strings[lang]["translation"]["unreviewed"] in html
    m = re.search(r'kb-unreviewed.*?<a href="([^"]+)" hreflang="nl"', html, re.S)
    assert m and (built_site / lang / CARD / m.group(1) / "index.html").resolve() == (built_site / CARD / "index.html").resolve()


def test_no_silent_fallback_pages(built_site, site):
    """Every page under /en/, /tr/, ... is either a translation or says it is not translated."""
    for lang in TRANSLATED:
        for base in (p.base for p in site.pages.values() if p.lang == "nl"):
            rel = base[:-3]
            rel = rel[: -len("index")] if rel.endswith("index") else rel + "/"
            html = (built_site / lang / rel / "index.html").read_text(encoding="utf-8")
            translated = (base[:-3] + f".{lang}.md") in site.pages
            assert ("kb-unreviewed" in html or "kb-stale" in html) == translated, (lang, base)
            assert ("kb-missing" in html) == (not translated), (lang, base)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_in_every_language(built_site, strings, lang):
    html = (built_site / prefix(lang) / "vertalingen" / "index.html").read_text(encoding="utf-8")
    assert strings[lang]["translation"]["status_title"] in html
    assert html.count("kb-current") >= len(TRANSLATED) * 80


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_tooltips_in_the_pages_language(built_site, strings, lang):
    html = (built_site / prefix(lang) / "woordenlijst" / "index.html").read_text(encoding="utf-8")
    explanation = strings[lang]["glossary"]["terms"]["pabo"]
    assert explanation in html
    card = (built_site / prefix(lang) / "voorwaarden" / "praten-met-ouders-is-een-vak" / "index.html")
    abbrs = re.findall(r'<abbr title="([^"]+)">(?:<span lang="nl" dir="ltr">)?pabo(?:</span>)?</abbr>', card.read_text(encoding="utf-8"), re.I)
    assert abbrs and set(abbrs) == {explanation}


def test_turkish_page_explains_tien_minutengesprek_in_turkish(built_site, strings):
    html = (built_site / "tr" / "organisatie" / "vervolggesprekken-in-plaats-van-tien-minuten" / "index.html").read_text(encoding="utf-8")
    turkish = strings["tr"]["glossary"]["terms"]["tien-minutengesprek"]
    assert f'<abbr title="{turkish}"><span lang="nl" dir="ltr">tien-minutengesprek</span></abbr>' in html
    assert turkish != strings["nl"]["glossary"]["terms"]["tien-minutengesprek"]


def _cli(project, *args):
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"))
    return subprocess.run([sys.executable, "-m", "kennisbank", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_stamp_writes_a_flow_style_translation_block(project):
    f = project / "docs" / "lezers" / "ouders.en.md"
    text = f.read_text(encoding="utf-8")
    f.write_text(re.sub(r"translation:\n  source_hash: \w+\n  reviewed: false",
                        "translation: {source_hash: aaaaaaaaaaaa, reviewed: false}", text), encoding="utf-8")
    assert "behind" in status_cmd(project).stdout
    result = _cli(project, "stamp", "docs/lezers/ouders.en.md")
    assert result.returncode == 0, result.stderr
    expected = _cli(project, "hash", "docs/lezers/ouders.md").stdout.strip()
    assert f"{{source_hash: {expected}, reviewed: false}}" in f.read_text(encoding="utf-8")
    assert "ouders.en.md" not in [line for line in status_cmd(project).stdout.splitlines() if "behind" in line]


@pytest.mark.parametrize("args", [("hash", "docs/bestaat-niet.md"), ("stamp", "/etc/passwd"), ("stamp", "docs/lezers/ouders.md")])
def test_hash_and_stamp_on_a_wrong_file_say_so_in_one_line(project, args):
    result = _cli(project, *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_summarises_each_language_with_a_terminology_column(built_site, site, strings, lang):
    html = (built_site / prefix(lang) / "vertalingen" / "index.html").read_text(encoding="utf-8")
    assert strings[lang]["translation"]["summary_terms"] in html
    for other in TRANSLATED:
        row = re.search(rf'<span class="kb-lang-summary" lang="{other}">.*?</tr>', html, re.S).group(0)
        # every page current, none reviewed by a person yet, no term outside the termbase
        from babel.numbers import format_decimal, format_percent
        num = lambda x: format_decimal(x, locale=lang)  # noqa: E731
        n = num(len([p for p in site.pages.values() if p.lang == "nl"]))
        # pages translated (n of n, 100 %), current, behind, missing, reviewed, terms
        assert re.findall(r'<bdi dir="ltr">([^<]*)</bdi>', row) == [
            n, n, format_percent(1, locale=lang), n, num(0), num(0), f"{num(0)} ({format_percent(0, locale=lang)})", num(0)]
