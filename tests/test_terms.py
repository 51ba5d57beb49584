"""The termbase per language: matching forbidden variants the way each language builds words,
refusing a bad termbase, and `make translations` (kennisbank status) catching a planted variant."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ALL_LANGUAGES as LANGUAGES, ROOT, ALL_TRANSLATED as TRANSLATED
from kennisbank.model import ContentError
from kennisbank.terms import Entry, Termbase, check_project, load_termbase, load_termbases


def tb(lang, *entries):
    return Termbase(lang, [Entry(t, a, tuple(f), "", tuple(al)) for t, a, f, al in entries])


def found(base, text):
    return [h.variant for h in base.hits(text, "x.md")]


# ---------------------------------------------------------------- matching, by hand-written examples

TR = tb("tr", ("jeugdzorg", "çocuk ve aile yardımı", ["gençlik yardımı"], []),
        ("ouders", "veli", ["ebeveyn"], ["ebeveynlik"]),
        ("T19", "rol kalıplarını kırmak", ["ilişkileri kır"], []))


@pytest.mark.parametrize("text", [
    "Gençlik yardımına başvurun.",          # dative suffix
    "gençlik yardımıyla görüşecek misiniz?",  # instrumental suffix
    "GENÇLİK YARDIMI",                        # Turkish capitals: İ -> i, I -> ı
    "Ebeveynlerin çoğu geldi.",
    "bir ebeveyn'e sorun",                    # suffix after an apostrophe
    "geleneksel ilişkileri kırmaya teşvik",  # verb with suffixes
    "gençlik\n  yardımı",                     # over a line break (a YAML block, a Markdown paragraph)
])
def test_turkish_variant_with_suffixes_is_found(text):
    assert found(TR, text)


@pytest.mark.parametrize("text", [
    "Bu kursların teması ebeveynliktir.",     # allowed: ebeveynlik (ouderschap)
    "çocuk ve aile yardımı",
    "sevgili ebeveynsizlik",                  # still starts with ebeveyn, but not 'ebeveynlik'
])
def test_turkish_allowed_words_and_near_misses(text):
    hits = found(TR, text)
    assert hits == (["ebeveyn"] if "sevgili" in text else [])


def test_turkish_variant_inside_another_word_is_not_found():
    assert found(TR, "altgençlik yardımı") == []
    assert found(TR, "okul ev teftişi") == []


AR = tb("ar", ("T19", "تجاوز الأدوار", ["كسر العلاقات"], []),
        ("ouders", "أولياء الأمور", ["الوالدين"], []),
        ("uithuisplaatsing", "وُضع خارج البيت", ["أخرج", "بالإجبار"], []))


@pytest.mark.parametrize("text,variant", [
    ("تشجعون الأطفال على كسر العلاقات القديمة", "كسر العلاقات"),
    ("وكسر العلاقات", "كسر العلاقات"),              # conjunction proclitic
    ("بكسرِ العلاقاتِ", "كسر العلاقات"),             # preposition, with vowel marks
    ("يمكن إشراك الوالدين", "الوالدين"),
    ("رسالة للوالدين", "الوالدين"),                  # ل + ال written لل
    ("وللوالدين", "الوالدين"),
    ("إذا أُخرج طفلهم من البيت", "أخرج"),            # hamza and damma folded
    ("إذا اخرج طفلكم", "أخرج"),                      # written without hamza
    ("من البيت بالإجبار", "بالإجبار"),
])
def test_arabic_variant_with_proclitics_and_marks_is_found(text, variant):
    assert found(AR, text) == [variant]


@pytest.mark.parametrize("text", [
    "أولياء الأمور", "استخرج المعلم الورقة", "الوالدينية", "تجاوز الأدوار التقليدية"])
def test_arabic_near_misses_are_not_found(text):
    assert found(AR, text) == []


EN = tb("en", ("tolk", "interpreter", ["translator"], []), ("zakelijk", "objectively", ["businesslike"], []))


def test_tigrinya_variant_with_an_ending_is_found():
    ti = tb("ti", ("huisbezoek", "ምብጻሕ ገዛ", ["ፍተሻ ገዛ"], []))
    assert found(ti, "ፍተሻ ገዛ ኣሎ።") == ["ፍተሻ ገዛ"]
    assert found(ti, "ብዛዕባ ፍተሻ ገዛን ተዘራሪብና።") == ["ፍተሻ ገዛ"]  # with the ending -ን
    assert found(ti, "ምብጻሕ ገዛ ጽቡቕ እዩ።") == []


def test_chinese_variant_is_found_inside_a_sentence_without_spaces():
    zh = tb("zh-Hans", ("pleegzorg", "寄养", ["领养", "收养"], []))
    assert found(zh, "孩子被领养了。") == ["领养"]
    assert found(zh, "孩子暂时住在寄养家庭。") == []


def test_english_whole_words_and_plural():
    assert found(EN, "Ask for Translators.") == ["translator"]
    assert found(EN, "in a businesslike way") == ["businesslike"]
    assert found(EN, "translatorship") == []


def test_ids_link_targets_and_stamps_are_not_text():
    base = tb("en", ("pluriform", "diverse", ["pluriform"], []))
    text = "  - id: school-pluriform\n[a diverse school](../zorg-voor-een-pluriforme-instelling.md)\n"
    assert found(base, text) == []
    assert [h.where for h in base.hits("ok\nvery pluriform\n", "x.md")] == ["2"]
    glossed = tb("en", ("pleegzorg", "pleegzorg (foster care)", [], []))
    assert [(h.where, h.variant) for h in glossed.hits("parents: >-\n  about pleegzorg\n  (a child lives elsewhere).", "x.md")] \
        == [("2", "pleegzorg (a child lives elsewhere)")]


# ---------------------------------------------------------------- a bad termbase

def write(tmp_path, text):
    p = tmp_path / "tr.yml"
    p.write_text(text, encoding="utf-8")
    return p


ENTRY = "  - term: {t}\n    approved: {a}\n    forbidden: [{f}]\n    note: n\n"


def test_duplicate_term_is_refused_naming_file_and_term(tmp_path):
    p = write(tmp_path, "terms:\n" + ENTRY.format(t="tolk", a="tercüman", f="çevirmen") * 2)
    with pytest.raises(ContentError) as e:
        load_termbase(p, "tr", "vertalen/tr.yml")
    assert str(e.value).startswith("vertalen/tr.yml:") and "duplicate term 'tolk'" in str(e.value)
    assert "\n" not in str(e.value)


def test_approved_rendering_that_is_forbidden_is_refused(tmp_path):
    p = write(tmp_path, "terms:\n" + ENTRY.format(t="jeugdzorg", a="çocuk ve gençlik yardımı", f="gençlik yardımı"))
    with pytest.raises(ContentError) as e:
        load_termbase(p, "tr", "vertalen/tr.yml")
    assert "vertalen/tr.yml" in str(e.value) and "jeugdzorg" in str(e.value) and "also forbidden" in str(e.value)


def test_approved_rendering_forbidden_by_another_entry_is_refused(tmp_path):
    p = write(tmp_path, "terms:\n" + ENTRY.format(t="ouders", a="veli", f="ebeveyn")
              + ENTRY.format(t="ouder en kind", a="ebeveyn ve çocuk", f="x"))
    with pytest.raises(ContentError, match="'ouder en kind'.*ebeveyn"):
        load_termbase(p, "tr", "vertalen/tr.yml")


@pytest.mark.parametrize("text,field", [
    ("terms: nope", "terms"),
    ("terms:\n  - term: tolk\n    approved: tercüman\n    note: n\n", "forbidden"),
    ("terms:\n  - term: tolk\n    approved: ''\n    forbidden: []\n    note: n\n", "approved"),
    ("terms:\n  - term: tolk\n    approved: t\n    forbidden: [1]\n    note: n\n", "forbidden"),
    ("terms:\n  - term: tolk\n    approved: t\n    forbidden: []\n    note: n\n    colour: red\n", "colour"),
    ("terms: [", "file"),
])
def test_malformed_termbase_names_the_field(tmp_path, text, field):
    with pytest.raises(ContentError) as e:
        load_termbase(write(tmp_path, text), "tr", "vertalen/tr.yml")
    assert e.value.path == "vertalen/tr.yml" and field in e.value.field


# ---------------------------------------------------------------- the real project

def test_real_termbases_load_and_the_content_follows_them():
    termbases = load_termbases(ROOT, LANGUAGES)
    assert set(termbases) == set(TRANSLATED), "every translated language has its termbase"
    sensitive = {"jeugdzorg", "pleegzorg", "vertrouwenspersoon", "contactouder", "leerkracht",
                 "intern begeleider", "tolk", "huisbezoek", "OR/MR"}
    for lang, base in termbases.items():
        terms = {e.term for e in base.entries}
        assert sensitive <= terms, (lang, sensitive - terms)
        assert any(t.startswith("uithuisplaatsing") for t in terms)
        assert any(t.startswith("ouders") for t in terms)
        assert "traditionele verhoudingen doorbreken" in terms
    assert [str(h) for h in check_project(ROOT, LANGUAGES, termbases)] == []


def status(project):
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"))
    return subprocess.run([sys.executable, "-m", "kennisbank", "status"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


PLANTS = {  # language: (file, text to plant, term, approved rendering)
    "en": ("docs/themas/gelijkwaardigheid-en-grenzen.en.md", "\nThey break relationships.\n",
           "traditionele verhoudingen doorbreken", "break through traditional roles"),
    "tr": ("docs/themas/hoe-gaat-het-met-de-ouder.tr.md", "\nÇocuğunuz zorla evden alındı.\n",
           "uithuisplaatsing", "ev dışına yerleştirme"),
    "ar": ("docs/themas/hoe-gaat-het-met-de-ouder.ar.md", "\nإذا أُخرج طفلكم من البيت بالإجبار.\n",
           "uithuisplaatsing", "وُضع الطفل للعيش خارج البيت"),
}


@pytest.mark.parametrize("lang", sorted(PLANTS))
def test_make_translations_catches_a_planted_variant(project, lang):
    rel, text, term, approved = PLANTS[lang]
    with open(project / rel, "a", encoding="utf-8") as f:
        f.write(text)
    result = status(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln]
    assert lines and all(ln.startswith(rel + ":") for ln in lines), lines
    assert all(term in ln and approved in ln for ln in lines)
    assert f"terminology {lang}: {len(lines)} forbidden variant(s) in 1 file(s)" in result.stdout


def test_interface_strings_and_site_name_are_checked(project):
    """Wherever the interface strings live (gettext catalogs, or YAML in older checkouts)."""
    catalog = project / "hooks" / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    if catalog.exists():
        tr_file, ar_file = catalog, project / "hooks" / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
        where = "audiences.jeugdzorg"
        text = tr_file.read_text(encoding="utf-8")
        tr_file.write_text(text.replace('msgstr "Çocuk ve aile yardımı"', 'msgstr "Gençlik yardımı"', 1), encoding="utf-8")
        ar_where = "site.name"
    else:
        tr_file, ar_file, where, ar_where = (project / "hooks" / "strings" / "tr.yml", project / "mkdocs.yml",
                                             "audiences.jeugdzorg", "ar.site_name")
        text = tr_file.read_text(encoding="utf-8")
        tr_file.write_text(text.replace("jeugdzorg: Çocuk ve aile yardımı", "jeugdzorg: Gençlik yardımı", 1), encoding="utf-8")
    ar_file.write_text(ar_file.read_text(encoding="utf-8").replace("إشراك أولياء الأمور", "إشراك الوالدين"), encoding="utf-8")
    result = status(project)
    assert result.returncode == 1
    rel = lambda p: p.relative_to(project).as_posix()  # noqa: E731
    assert f"{rel(tr_file)}:{where}: 'gençlik yardımı' for 'jeugdzorg'" in result.stderr
    assert f"{rel(ar_file)}:{ar_where}: 'الوالدين'" in result.stderr


def test_a_broken_termbase_stops_with_one_line(project):
    (project / "vertalen" / "ar.yml").write_text("terms:\n  - term: tolk\n", encoding="utf-8")
    result = status(project)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "vertalen/ar.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_dutch_term_is_always_explained_with_the_approved_gloss():
    base = tb("tr", ("jeugdzorg", "jeugdzorg (çocuk ve aile yardımı)", ["gençlik yardımı"], []),
              ("ouders", "veli (veliler)", ["ebeveyn"], []))
    assert found(base, "Jeugdzorg'a (çocuk ve aile yardımı) gidin. jeugdzorg (Çocuk ve aile yardımı)") == []
    assert found(base, "jeugdzorg (gençlik hizmetleri) ile") == ["jeugdzorg (gençlik hizmetleri)"]
    # a parent block may explain further, after the approved gloss
    assert found(base, "jeugdzorg (çocuk ve aile yardımı: büyüme ve çocuk yetiştirmede yardım)") == []
    assert found(base, "jeugdzorg (büyüme ve çocuk yetiştirmede yardım)") != []
    assert found(base, "İrtibat velisi (contactouder)") == []  # 'veli' is no Dutch term with a gloss
    ar = tb("ar", ("huisbezoek", "huisbezoek (الزيارة المنزلية)", [], []))
    assert found(ar, "في huisbezoek (زيارة منزلية)") == ["huisbezoek (زيارة منزلية)"]
    assert found(ar, "في huisbezoek (الزِّيارة المنزلية)") == []


# ---------------------------------------------------------------- Ukrainian: a forbidden variant is a word start

UK = tb("uk", ("uithuisplaatsing", "влаштування дитини поза домом", ["відібра", "забрали в батьків"], []))


@pytest.mark.parametrize("text", [
    "Вашу дитину відібрали.",          # past tense plural: the stem with its ending
    "після відібрання дитини",         # noun, genitive
    "Дітей забрали в батьків.",        # a word group, exact
    "дітей забрали в батьківської",    # the last word of a group inflected too
])
def test_ukrainian_stem_with_any_ending_is_found(text):
    assert found(UK, text)


def test_ukrainian_stem_inside_another_word_is_not_found():
    assert found(UK, "невідібраний") == []  # the stem must start the word
    assert found(UK, "влаштування дитини поза домом") == []
