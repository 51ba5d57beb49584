"""Choosing languages is data (issue 28, item 6): `make site LANGUAGES=nl,ar,ti` (KB_LANGUAGES).

One build of a subset (Dutch, a right-to-left full language, a partial one), reused by every test
here: only those languages are built, and the switcher, hreflang, sitemap, the home page's list of
languages, the notice pages, the reader PDFs and the learning-platform packages name no other one.
A list without Dutch, or with a code the site does not have, is refused in one line."""
from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ALL_LANGUAGES, DEFAULT, NAMES, PARTIAL, ROOT, RTL, mkdocs, prefix, refused_build
from kennisbank.config import built_languages, chosen_languages
from kennisbank.model import ContentError

# make test runs two workers (pytest-xdist): this file's tests stay on one, so its module-scoped fixtures are made once
pytestmark = pytest.mark.xdist_group("subset")

SUBSET = (DEFAULT, RTL[0], PARTIAL[0])            # nl, ar, ti
FULL = tuple(x for x in SUBSET if x not in PARTIAL)  # nl, ar: a partial language has no reader or lessons
LEFT_OUT = tuple(x for x in ALL_LANGUAGES if x not in SUBSET)
SITE_URL = "https://school.example/kennisbank/"  # so that the build writes a sitemap and full hreflang addresses
ENV = {"KB_LANGUAGES": ",".join(SUBSET), "KB_SITE_URL": SITE_URL}
ATTR = re.compile(r'\s(?:href|src)="([^"]*)"')
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
SWITCHER = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)"[^>]*class="md-select__link">\s*(.*?)\s*</a>', re.S)


@pytest.fixture(scope="module")
def subset(tmp_path_factory):
    out = tmp_path_factory.mktemp("subset") / "site"
    result = mkdocs(ROOT, site_dir=out, env_extra=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _pages(site: Path):
    return sorted(site.rglob("*.html"))


def _target(site: Path, page: Path, link: str) -> Path | None:
    """The file a link from ``page`` opens, or None when it leaves the site."""
    if link.startswith(SITE_URL):
        path, base = link[len(SITE_URL):], site
    else:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith(("/", "#")) or not parts.path:
            return None
        path, base = link, page.parent
    target = (base / unquote(urlsplit(path).path)).resolve()
    return target / "index.html" if target.is_dir() else target


# ------------------------------------------------------------------ what is built

def test_only_the_chosen_languages_are_built(subset):
    for lang in SUBSET:
        assert (subset / prefix(lang) / "index.html").is_file(), lang
        assert (subset / prefix(lang) / "search" / "search_index.json").is_file(), lang
    for lang in LEFT_OUT:
        assert not (subset / lang).exists(), f"{lang}/ was written, though {lang} was not chosen"


def test_the_switcher_lists_the_built_languages_and_a_partial_one_keeps_its_mark(subset):
    pages = [subset / prefix(x) / "index.html" for x in SUBSET] + [
        subset / prefix(PARTIAL[0]) / "lesbrief" / "index.html"]  # a notice page of the partial language
    for page in pages:
        entries = {lang: html.unescape(name) for _href, lang, name in SWITCHER.findall(page.read_text(encoding="utf-8"))}
        if not entries:  # the notice page has its own list of languages
            text = page.read_text(encoding="utf-8")
            entries = {m.group(1): html.unescape(m.group(2)).strip() for m in re.finditer(
                r'<li><a href="[^"]*" hreflang="([^"]*)"[^>]*>([^<]*)</a>', text)}
        assert list(entries) == list(SUBSET), (page, entries)
        for lang, name in entries.items():
            if lang in PARTIAL:
                assert name.startswith(NAMES[lang]) and len(name) > len(NAMES[lang]), (page, name)
            else:
                assert name == NAMES[lang], (page, name)


def test_hreflang_names_only_built_languages(subset):
    seen = set()
    for page in _pages(subset):
        text = page.read_text(encoding="utf-8")
        langs = set(re.findall(r'hreflang="([^"]*)"', text))
        assert langs <= set(SUBSET), (page.relative_to(subset), langs - set(SUBSET))
        alternates = ALTERNATE.findall(text)
        if alternates:
            assert [lang for _h, lang in alternates] == list(SUBSET), page.relative_to(subset)
            seen.add(page)
    assert len(seen) > 100  # every page of the three languages carries them
    card = subset / prefix(RTL[0]) / "themas" / "angsten-en-onzekerheden" / "index.html"
    alternates = dict((lang, href) for href, lang in ALTERNATE.findall(card.read_text(encoding="utf-8")))
    assert alternates == {x: f"{SITE_URL}{prefix(x)}themas/angsten-en-onzekerheden/" for x in SUBSET}


def test_the_sitemap_names_only_built_languages(subset):
    text = (subset / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", text)
    assert locs and all(x.startswith(SITE_URL) for x in locs)
    assert {x.split("/")[4] if x.split("/")[4] in ALL_LANGUAGES else DEFAULT for x in locs} == set(SUBSET)
    assert set(re.findall(r'hreflang="([^"]*)"', text)) == set(SUBSET)
    for lang in LEFT_OUT:
        assert f"{SITE_URL}{lang}/" not in text, lang


def test_the_home_page_lists_only_the_other_built_languages(subset):
    for lang in SUBSET:
        text = (subset / prefix(lang) / "index.html").read_text(encoding="utf-8")
        nav = re.search(r'<nav class="kb-languages"[^>]*>(.*?)</nav>', text, re.S)
        assert nav, lang
        assert re.findall(r'hreflang="([^"]*)"', nav.group(1)) == [x for x in SUBSET if x != lang]


def test_the_branding_form_asks_for_texts_in_the_built_languages_only(subset):
    text = (subset / "brand.html").read_text(encoding="utf-8")
    assert set(re.findall(r'\slang="([^"]*)"', text)) == set(SUBSET)


def test_every_link_of_the_subset_opens_a_file_that_was_built(subset):
    broken, checked = {}, 0
    for page in _pages(subset):
        for link in ATTR.findall(page.read_text(encoding="utf-8")):
            target = _target(subset, page, html.unescape(link))
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.setdefault(link, page.relative_to(subset).as_posix())
    assert checked > 10_000
    assert not broken, f"{len(broken)} links lead nowhere, e.g. {list(broken.items())[:5]}"


# ------------------------------------------------------------------ refused lists

def test_a_list_without_dutch_is_refused_in_one_line(tmp_path):
    line = refused_build(ROOT, tmp_path / "out", env_extra={"KB_LANGUAGES": ",".join(SUBSET[1:])})
    assert "KB_LANGUAGES" in line and "LANGUAGES" in line and f"'{DEFAULT}'" in line, line


def test_an_unknown_code_is_refused_in_one_line_naming_the_known_ones(tmp_path):
    line = refused_build(ROOT, tmp_path / "out", env_extra={"KB_LANGUAGES": f"{DEFAULT},xx"})
    assert "KB_LANGUAGES" in line and "'xx'" in line, line
    assert all(x in line for x in ALL_LANGUAGES), line


# ------------------------------------------------------------------ the choice itself (fast)

def test_the_choice_keeps_the_configured_order_and_empty_means_all():
    assert chosen_languages(f"{PARTIAL[0]}, {DEFAULT},{RTL[0]}", ALL_LANGUAGES) == SUBSET
    assert chosen_languages("", ALL_LANGUAGES) == ALL_LANGUAGES
    assert chosen_languages(None, ALL_LANGUAGES) == ALL_LANGUAGES
    assert built_languages(ROOT / "mkdocs.yml", {"KB_LANGUAGES": ",".join(SUBSET)}) == SUBSET
    assert built_languages(ROOT / "mkdocs.yml", {}) == ALL_LANGUAGES


@pytest.mark.parametrize("value, word", [(",".join(SUBSET[1:]), f"'{DEFAULT}'"), (f"{DEFAULT},xx", "'xx'"),
                                         (f"{DEFAULT},{RTL[0]},{RTL[0]}", "twice"), (f"{DEFAULT},{RTL[0].upper()}", f"'{RTL[0].upper()}'")])
def test_a_wrong_choice_names_the_variable_and_what_is_wrong(value, word):
    with pytest.raises(ContentError) as e:
        chosen_languages(value, ALL_LANGUAGES)
    assert e.value.path == "KB_LANGUAGES" and e.value.field == "LANGUAGES" and word in str(e.value)


def test_a_wrong_choice_stops_the_release_before_any_build(tmp_path, monkeypatch, capsys):
    import release
    monkeypatch.setenv("KB_LANGUAGES", ",".join(SUBSET[1:]))
    monkeypatch.setattr(release, "make_release", lambda out: pytest.fail("the release was built"))
    assert release.main(["release.py", str(tmp_path / "dist")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "KB_LANGUAGES" in err and f"'{DEFAULT}'" in err, err
    assert not (tmp_path / "dist").exists()


def test_the_learning_platform_packages_follow_the_choice(tmp_path, monkeypatch):
    import lms
    monkeypatch.setenv("KB_LANGUAGES", ",".join(SUBSET))
    made = {"scorm": [], "cc": []}
    monkeypatch.setattr(lms, "student_package", lambda site, lang, languages, out, need: made["scorm"].append(lang))
    monkeypatch.setattr(lms, "cartridge", lambda site, lang, languages, out, need: made["cc"].append(lang))
    lms.make_packages(tmp_path, tmp_path / "lms")
    lms.make_cartridges(tmp_path, tmp_path / "lms")
    assert made == {"scorm": list(FULL), "cc": list(FULL)}


# ------------------------------------------------------------------ the reader follows (a stand-in browser)

class _Page:
    def goto(self, url, **kw):
        self.url = url

    def emulate_media(self, **kw):
        pass

    def evaluate(self, *a):
        return []

    def pdf(self, **kw):
        return b"%PDF-1.4 stand-in"

    def close(self):
        pass


class _Browser:
    def new_page(self):
        return _Page()


def test_the_reader_and_handouts_are_printed_for_the_built_languages_only(subset, tmp_path, monkeypatch):
    import reader
    site = tmp_path / "site"
    shutil.copytree(subset, site)
    monkeypatch.setenv("KB_LANGUAGES", ",".join(SUBSET))
    monkeypatch.setattr(reader, "print_numbered", lambda page: b"%PDF-1.4 stand-in")
    readers = reader.make_readers(site, browser=_Browser())
    assert list(readers) == list(FULL)
    handouts = reader.make_handouts(site, browser=_Browser())
    assert sorted({p.stem.split("-", 2)[2] for p in handouts}) == sorted(FULL)  # bijeenkomst-N-<lang>.pdf
    tops = {p.relative_to(site).parts[0] for p in site.rglob("*.pdf")}
    assert tops & set(SUBSET[1:]) == set(FULL[1:]) and not tops & set(LEFT_OUT), tops
