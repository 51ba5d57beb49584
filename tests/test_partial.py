"""Partial languages (issue 16): a language with only the parents' layer translated.

A fixture language, Pashto (ps, right-to-left), is added to a COPY of the project: its catalog,
glossary and termbase are the Persian ones under a new code, with the messages this feature shows
made recognisably its own, and its parents' layer is the Persian pages copied. It is never in the
shipped site.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.numbers import format_percent
from babel import Locale
from babel.messages.plurals import get_plural

from conftest import copy_project, mkdocs, refused_build
from kennisbank.strings import babel_locale, load_strings

# make test runs two workers (pytest-xdist): this file's tests stay on one, so its module-scoped fixtures are made once
pytestmark = pytest.mark.xdist_group("partial")

CODE, NAME, FROM = "ps", "پښتو", "fa"
BUILT = ("nl", "en", "fa", CODE)  # the languages partial_site builds
# The fixture's own wording of the two messages under test (no other catalog has them).
OWN = {"switcher.partial": "{name} · PS-PARTIAL-MARK", "translation.partial": "PS-PARTIAL-NOTICE: dutch text follows."}


def _front(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---", 1)[0][3:]) if text.startswith("---") else {}


def parents_layer_by_hand(docs):
    """The parents' layer as README defines it, read from the Dutch files: the home page, the
    parents' page and every card for parents (audience ouders)."""
    out = ["index.md", "lezers/ouders.md"]
    for folder in ("themas", "voorwaarden", "organisatie"):
        for f in sorted((docs / folder).glob("*.md")):
            if f.name.count(".") == 1 and f.name != "index.md" and "ouders" in _front(f).get("audiences", []):
                out.append(f"{folder}/{f.name}")
    return out


def add_partial_language(project, declare=True):
    """Pashto in the copy: config entry, catalog, glossary, termbase, guide, its parents' layer."""
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    text = text.replace("\nmarkdown_extensions:", f"        - locale: {CODE}\n          name: {NAME}\n"
                        "          build: true\n\nmarkdown_extensions:", 1)
    if declare:  # added to the project's own list of partial languages
        text, n = re.subn(r"^(  partial_languages: \[)(.*)\]", rf"\1\2, {CODE}]", text, count=1, flags=re.M)
        assert n == 1
    yml.write_text(text, encoding="utf-8")
    po = (project / f"hooks/locales/{FROM}/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    n, expr = get_plural(CODE)
    po = re.sub(r'"Language: [^\\]*\\n"', f'"Language: {CODE}\\\\n"', po, count=1)
    po = re.sub(r'"Plural-Forms: [^\\]*\\n"', f'"Plural-Forms: nplurals={n}; plural={expr};\\\\n"', po, count=1)
    for key, own in OWN.items():
        po, k = re.subn(rf'(msgctxt "{re.escape(key)}"\nmsgid "[^"]*"\nmsgstr )"[^"]*"', rf'\1"{own}"', po)
        assert k == 1, key
    (project / f"hooks/locales/{CODE}/LC_MESSAGES").mkdir(parents=True)
    (project / f"hooks/locales/{CODE}/LC_MESSAGES/messages.po").write_text(po, encoding="utf-8")
    shutil.copy(project / f"hooks/glossary/{FROM}.yml", project / f"hooks/glossary/{CODE}.yml")
    for ext in ("yml", "md"):
        shutil.copy(project / f"vertalen/{FROM}.{ext}", project / f"vertalen/{CODE}.{ext}")
    # Material has no interface words for ps: the project supplies them (here the Persian ones)
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
    (project / "overrides" / "partials" / "languages").mkdir(parents=True, exist_ok=True)
    (project / f"overrides/partials/languages/{CODE}.html").write_text(
        (material / f"{FROM}.html").read_text(encoding="utf-8").replace(f'"language": "{FROM}"', f'"language": "{CODE}"'),
        encoding="utf-8")
    layer = parents_layer_by_hand(project / "docs")
    for base in layer:
        src = project / "docs" / (base[:-3] + f".{FROM}.md")
        shutil.copy(src, project / "docs" / (base[:-3] + f".{CODE}.md"))
    return layer


def status_cmd(project, *args):
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"))
    return subprocess.run([sys.executable, "-m", "kennisbank", "status", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def partial_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("partial")
    project = copy_project(root / "project")
    layer = add_partial_language(project)
    out = root / "site"
    # the fixture language beside Dutch, a left-to-right and a right-to-left full language: a partial language's
    # pages and links do not depend on the others, and sixteen languages cost a minute (issue 29)
    result = mkdocs(project, site_dir=out, env_extra={"KB_LANGUAGES": ",".join(BUILT)})
    assert result.returncode == 0, result.stderr[-3000:]
    strings = load_strings(project / "hooks", BUILT)
    return project, out, strings, layer


def _read(out, rel):
    return (out / rel / "index.html").read_text(encoding="utf-8")


def _switcher(html):
    """{hreflang: (lang, dir, link text)} of the language switcher."""
    return {m.group(1): (m.group(2), m.group(3), re.sub(r"\s+", " ", m.group(4)).strip()) for m in re.finditer(
        r'<a href="[^"]*" hreflang="([^"]+)" lang="([^"]+)" dir="([^"]+)" class="md-select__link">(.*?)</a>', html, re.S)}


def test_fixture_language_is_right_to_left_with_its_own_messages(partial_site):
    _, _, strings, _ = partial_site
    assert strings[CODE]["dir"] == "rtl" and babel_locale(CODE).character_order == "right-to-left"
    assert strings[CODE]["translation"]["partial"] == OWN["translation.partial"]


def _notice_languages(html):
    """{hreflang: (lang, dir, link text)} of a notice page's list of languages."""
    ul = re.search(r'<ul class="kb-notice-languages">(.*?)</ul>', html, re.S)
    return {m.group(1): (m.group(2), m.group(3), m.group(4).strip()) for m in re.finditer(
        r'<a href="[^"]*" hreflang="([^"]+)" lang="([^"]+)" dir="([^"]+)"[^>]*>(.*?)</a>', ul.group(1) if ul else "", re.S)}


@pytest.mark.parametrize("where", ["", f"{CODE}/", "en/lesbrief/", f"{CODE}/lesbrief/"])
def test_switcher_marks_the_partial_language_only(partial_site, where):
    _, out, strings, _ = partial_site
    html = _read(out, where)
    # an untranslated page of the partial language is a notice page: its list of languages
    links = _notice_languages(html) if where == f"{CODE}/lesbrief/" else _switcher(html)
    assert set(links) == set(BUILT)  # the languages built, the fixture's among them
    # the mark is part of the link's text, so it is seen and read out, in the language's own voice
    assert links[CODE] == (CODE, "rtl", OWN["switcher.partial"].format(name=NAME))
    assert links["fa"] == ("fa", "rtl", "فارسی (دری)") and links["nl"] == ("nl", "ltr", "Nederlands")
    assert sum("PS-PARTIAL-MARK" in v[2] for v in links.values()) == 1


def test_untranslated_page_is_dutch_with_a_notice_in_the_partial_language(partial_site):
    _, out, strings, _ = partial_site
    html = _read(out, f"{CODE}/lesbrief")
    assert re.search(rf'<html lang="{CODE}" dir="rtl"', html) and '<body dir="rtl"' in html
    notice = re.search(r'<div class="admonition warning kb-banner kb-partial"([^>]*)>(.*?)</div>', html, re.S)
    assert notice and OWN["translation.partial"] in notice.group(2)
    for lang in ("nl", "en", "fa"):  # the notice is the partial language's own, not a neighbour's
        assert strings[lang]["translation"]["partial"] not in html
        assert strings[lang]["translation"]["missing"] not in html
    link = re.search(r'<a href="([^"]+)">' + re.escape(strings[CODE]["translation"]["partial_parents"]), notice.group(2))
    assert link and (out / CODE / "lesbrief" / link.group(1) / "index.html").resolve() == \
        (out / CODE / "lezers" / "ouders" / "index.html").resolve()
    dutch = re.search(r'<a href="([^"]+)" hreflang="nl">', notice.group(2))
    assert dutch and (out / CODE / "lesbrief" / dutch.group(1) / "index.html").resolve() == (out / "lesbrief" / "index.html")
    # the Dutch text, marked as Dutch and left-to-right, after the notice
    body = re.search(r'<div class="kb-fallback" lang="nl" dir="ltr">(.*)</div>', html, re.S)
    assert body and "<h1" in body.group(1) and "Lesbrief" in body.group(1) and body.start() > notice.end()
    assert "kb-missing" not in html and "kb-unreviewed" not in html


def _links(html):
    return [m.group(1) for m in re.finditer(r'<a [^>]*?href="([^"#:]+)(?:#[^"]*)?"', html)]


def test_a_partial_language_builds_its_own_pages_and_light_notices_for_the_rest(partial_site):
    """Only the parents' layer (and the parents' list, sheet, side-by-side pages and glossary) is
    built with Material; the other pages are notice pages, and every link from either kind of
    page reaches a file: to a page in the same language where there is one, else to the Dutch."""
    project, out, strings, layer = partial_site
    pages = sorted((out / CODE).rglob("index.html"))
    dutch = sorted(p for p in out.rglob("index.html") if p.relative_to(out).parts[0] not in BUILT[1:])
    assert len(pages) == len(dutch)  # every Dutch page has an address in the partial language
    material = [p for p in pages if 'class="md-header' in p.read_text(encoding="utf-8")]
    notices = [p for p in pages if 'class="kb-notice-page"' in p.read_text(encoding="utf-8")]
    assert len(material) + len(notices) == len(pages)
    built = {p.parent.relative_to(out / CODE).as_posix() for p in material}
    # by hand: the 58 pages of the layer, the parents' list and its sheet, the glossary, and a
    # side-by-side page for each of the 56 cards
    assert len(built) == 58 + 3 + 56, len(built)
    assert {"lezers/ouders", ".", "checklists/ouders", "checklists/ouders-tweetalig", "woordenlijst",
            "naast-elkaar/zorg-voor-een-tolk"} <= built
    assert not {"lesbrief", "reader", "overzicht", "checklists/leerkrachten", "vertalingen"} & built
    for p in material[:40] + notices[:40] + [out / CODE / "index.html", out / CODE / "lesbrief/index.html"]:
        for href in _links(p.read_text(encoding="utf-8")):
            target = (p.parent / href)
            target = target / "index.html" if href.endswith("/") or target.is_dir() else target
            assert target.resolve().is_file(), f"{p.relative_to(out)} -> {href}"
    # its search index holds its own pages only
    index = json.loads((out / CODE / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0].rstrip("/") or "." for d in index["docs"]}  # relative to ps/
    assert "lezers/ouders" in locations and locations <= built and "lesbrief" not in locations


def test_parents_layer_is_in_the_partial_language(partial_site):
    _, out, strings, layer = partial_site
    for base in ("lezers/ouders", "", "voorwaarden/zorg-voor-een-tolk"):
        html = _read(out, f"{CODE}/{base}")
        assert "kb-banner kb-partial" not in html and "kb-fallback" not in html and "kb-missing" not in html, base
        assert "kb-unreviewed" in html  # its copied translation says it is not reviewed, as any other
        assert '<p class="kb-partial-mark">' + OWN["switcher.partial"].format(name=NAME) + "</p>" in html, base
    # the parents' list: every item in the partial language, none left in Dutch
    html = _read(out, f"{CODE}/checklists/ouders")
    items = re.findall(r'<label class="kb-item"[^>]*>(.*?)</label>', html, re.S)
    assert len(items) > 12 and not [i for i in items if i.startswith('<span lang="nl"')]
    # the bilingual sheet: Dutch beside the partial language on every row
    html = _read(out, f"{CODE}/checklists/ouders-tweetalig")
    cells = re.findall(r'<tr data-row="[^"]+"[^>]*><td lang="nl" dir="ltr">.*?</td><td lang="(\w+)" dir="(\w+)">', html, re.S)
    assert len(cells) >= 10 and set(cells) == {(CODE, "rtl")}


def test_other_full_languages_are_untouched(partial_site):
    _, out, strings, _ = partial_site
    html = _read(out, "fa/lesbrief")
    assert "kb-partial" not in html and "kb-fallback" not in html


def test_status_page_shows_coverage_and_partial(partial_site):
    project, out, strings, layer = partial_site
    total = sum(1 for f in (project / "docs").rglob("*.md") if f.name.count(".") == 1)
    assert len(layer) == 58 and total == 89  # by hand from the content: 56 cards for parents (V10 since issue 23) + 2 pages; 89 Dutch pages (5 of them studenten/)
    html = _read(out, "vertalingen")
    rows = {m.group(1): m.group(0) for m in re.finditer(
        r'<tr>\s*<td><span class="kb-lang-summary" lang="(\w+)">.*?</tr>', html, re.S)}
    ps = re.sub(r"<[^>]+>", "", rows[CODE])
    assert f"{len(layer)} van {total} ({format_percent(len(layer) / total, locale='nl')})" in ps
    assert strings["nl"]["translation"]["partial_language"] in ps
    fa = re.sub(r"<[^>]+>", "", rows["fa"])
    assert f"{total} van {total} (100%)" in fa and strings["nl"]["translation"]["partial_language"] not in fa
    # the status page is for editors: in the partial language it is a notice page with the Dutch text
    own = _read(out, f"{CODE}/vertalingen")
    assert 'class="kb-notice-page"' in own and strings["nl"]["translation"]["partial_language"] in own


def test_make_translations_accepts_a_partial_language_but_not_a_gap_in_its_parents_layer(tmp_path):
    project = copy_project(tmp_path / "project")
    layer = add_partial_language(project)
    result = status_cmd(project, "--all")  # the coverage table is behind make translations ALL=1
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith(f"{CODE} ") and "/" in ln)
    assert f"{len(layer)}/89" in line and "65%" in line and "partial: parents' layer complete" in line  # 58/89 = 65.2 %
    # a card for parents missing: fails, and says which
    card = "voorwaarden/zorg-voor-een-tolk"
    (project / "docs" / f"{card}.{CODE}.md").unlink()
    result = status_cmd(project)
    assert result.returncode == 1 and f"  {card}.md  missing: {CODE}" in result.stdout.splitlines(), result.stdout
    assert f"misses 1 page(s): {card}.md" in status_cmd(project, "--all").stdout
    # the same content, not declared partial: the pages outside the parents' layer count as missing
    shutil.copy(project / "docs" / f"{card}.{FROM}.md", project / "docs" / f"{card}.{CODE}.md")
    assert status_cmd(project).returncode == 0
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert f", {CODE}]" in text
    yml.write_text(text.replace(f", {CODE}]", "]"), encoding="utf-8")
    assert status_cmd(project).returncode == 1


@pytest.mark.parametrize("value, message", [
    ("[xx]", "'xx' is not a language in plugins.i18n.languages"),
    ("[nl]", "'nl' is the default language"),
    ("ps", "must be a list of language codes"),
])
def test_a_bad_declaration_is_refused_in_one_line(tmp_path, value, message):
    project = copy_project(tmp_path / "project")
    add_partial_language(project)
    yml = project / "mkdocs.yml"
    yml.write_text(re.sub(r"partial_languages: \[.*\]", f"partial_languages: {value}", yml.read_text(encoding="utf-8"), count=1),
                   encoding="utf-8")
    line = refused_build(project, tmp_path / "out")
    assert "mkdocs.yml: field 'extra.partial_languages'" in line and message in line
    result = status_cmd(project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"Error: mkdocs.yml: field 'extra.partial_languages': {message}" or \
        message in result.stderr.strip().splitlines()[0]


def test_a_language_material_lacks_is_refused_in_one_line_until_its_words_are_supplied(tmp_path):
    project = copy_project(tmp_path / "project")
    add_partial_language(project)
    (project / f"overrides/partials/languages/{CODE}.html").unlink()
    line = refused_build(project, tmp_path / "out")
    assert f"mkdocs.yml: field 'plugins.i18n.languages[{CODE}]'" in line
    assert f"add overrides/partials/languages/{CODE}.html" in line


def test_in_chromium_the_mark_shows_and_the_pages_pass_axe(partial_site, page):
    """The mark is text, not drawn by CSS: it shows in the opened switcher; the Dutch page under a
    right-to-left notice and the partial language's status page have no axe (WCAG 2.2 AA) violations."""
    from conftest import axe_violations
    from reader import serve
    _, out, strings, _ = partial_site
    httpd, base = serve(out)
    try:
        page.goto(f"{base}{CODE}/lezers/ouders/")
        page.locator(".md-header__option .md-select").first.hover()
        entry = page.locator(f'.md-select__link[hreflang="{CODE}"]')
        entry.wait_for(state="visible")
        assert entry.inner_text().strip() == OWN["switcher.partial"].format(name=NAME)
        assert axe_violations(page) == []
        page.goto(f"{base}{CODE}/lesbrief/")  # a notice page
        assert page.evaluate("document.documentElement.lang") == CODE
        notice = page.locator(".kb-partial")
        assert notice.is_visible() and notice.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert page.locator(".kb-fallback h1").evaluate("e => getComputedStyle(e).direction") == "ltr"
        # styled by the site's stylesheets (they loaded): Material's typography, the notice's colours
        assert page.locator(".kb-fallback h1").evaluate("e => getComputedStyle(e).fontWeight") != "700"
        assert axe_violations(page) == []
        page.locator(f'.kb-notice-languages a[hreflang="nl"]').click()
        page.wait_for_url(f"{base}lesbrief/")
    finally:
        httpd.shutdown()
