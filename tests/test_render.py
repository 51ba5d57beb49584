"""Small rendering helpers: links that work under any sub-path and from disk, addresses for paper."""
import pytest

from conftest import TRANSLATED
from kennisbank.render import banner, label_task_lists, online_url
from kennisbank.urls import relative_url


@pytest.mark.parametrize("src, dst, expected", [
    ("en/voorwaarden/x/", "voorwaarden/x/", "../../../voorwaarden/x/"),
    ("en/", ".", "../"),
    ("en/voorwaarden/x.html", "voorwaarden/x.html", "../../voorwaarden/x.html"),
    ("index.html", "en/index.html", "en/index.html"),
    ("checklists/ouders-tweetalig/", "en/checklists/ouders-tweetalig/", "../../en/checklists/ouders-tweetalig/"),
])
def test_relative_url(src, dst, expected):
    assert relative_url(src, dst) == expected


@pytest.mark.parametrize("page, expected", [
    ("ar/checklists/ouders/", "https://s.example/kb/ar/checklists/ouders/"),
    ("ar/checklists/ouders.html", "https://s.example/kb/ar/checklists/ouders/"),
    ("tr/index.html", "https://s.example/kb/tr/"),
    (".", "https://s.example/kb/"),
])
def test_online_url_is_the_web_address_also_in_a_file_build(page, expected):
    assert online_url("https://s.example/kb/", page) == expected


def test_task_list_boxes_get_an_id_a_label_and_their_key():
    html = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox"/>'
            '<span class="task-list-indicator"></span></label> '
            '<label class="kb-item" for="kb-V13-a" id="kb-V13-a-t" data-item="V13/a">Tekst</label></li>')
    out = label_task_lists(html)
    assert '<input type="checkbox" id="kb-V13-a" data-item="V13/a" aria-labelledby="kb-V13-a-t">' in out
    assert '<label class="kb-item" for="kb-V13-a" id="kb-V13-a-t" data-item="V13/a">Tekst</label>' in out


def test_checklist_item_text_is_the_label_of_its_box(site, strings):
    from kennisbank.checklists import Entry
    from kennisbank.render import box_id, checklist_item
    card = site.cards["V13"]
    line = checklist_item(Entry(card, card.checklist[3]), "nl", strings, False)
    assert line.startswith(f'- [ ] <label class="kb-item" for="{box_id("V13/tolk-vragen")}" id="kb-V13-tolk-vragen-t"')
    assert "Vraag om een tolk" in line and "</label>" in line


def test_reader_cover_names_the_school_language_and_date(site, strings):
    from kennisbank.render import build_date, render_reader
    epoch = 1700000000  # 14 November 2023, UTC
    assert build_date("nl", epoch) == "14 november 2023" and build_date("en", epoch) == "November 14, 2023"
    cover = render_reader(site, "ar", strings, language_name="العربية", date=build_date("ar", epoch),
                          school_name="Basisschool <De Linde>").split("</div>")[0]
    assert '<p class="kb-cover-school">Basisschool &lt;De Linde&gt;</p>' in cover
    assert "العربية" in cover and "<bdi>14 نوفمبر 2023</bdi>" in cover
    assert "kb-cover-school" not in render_reader(site, "nl", strings, language_name="Nederlands", date="x")


def test_banner_link_is_escaped(strings):
    out = banner("stale", "en", strings, '../x/"><img src=x onerror=alert(1)>')
    assert 'href="../x/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"' in out
    assert "<img" not in out


def test_banner_link_is_read_in_the_readers_language(strings):
    """The link's text is in the reader's language: it points to Dutch (hreflang), it is not Dutch (lang)."""
    import re
    for lang in TRANSLATED:
        out = banner("unreviewed", lang, strings, "../x/")
        link = re.search(r"<a [^>]*>", out).group(0)
        assert 'hreflang="nl"' in link and "lang=" not in link.replace('hreflang="nl"', ""), (lang, link)


# The macros in overrides/partials/kb-macros.html (issue 27): one each for the language links,
# the print buttons and page tools, the card id badge. Every value goes in as text.
HOSTILE = "<img src=x onerror=alert(1)>"


def _language_links_everywhere(site, strings, links: dict) -> dict:
    """Every place a page links to other languages, as each renders ``links`` ({code: href})."""
    from kennisbank.checklists import build_checklists
    from kennisbank.render import expand_languages, render_bilingual, render_side_by_side, side_by_side_links
    default = site.languages[0]
    card = next(iter(site.cards.values()))
    return {
        "kb:languages": expand_languages("<!-- kb:languages -->", default, strings, (default, *links), "x.md",
                                         lambda code, src: links[code]),
        "side-by-side button line": side_by_side_links(links, default, strings),
        "side-by-side page": render_side_by_side(card, default, default, strings, links),
        "bilingual sheet": render_bilingual(build_checklists(site)["ouders"], default, default, strings, "", links),
    }


def test_language_links_escape_a_hostile_name_and_address(site, strings):
    hostile = dict(strings, xx={"dir": "ltr", "language": HOSTILE})
    for where, out in _language_links_everywhere(site, hostile, {"xx": '../x/"><script>', "ar": "../ar/"}).items():
        assert "<img" not in out and "<script" not in out, where
        assert "&lt;img src=x onerror=alert(1)&gt;" in out and 'href="../x/&quot;&gt;&lt;script&gt;"' in out, where


def test_every_language_link_has_its_language_and_direction(site, strings):
    """Each name is in its own language and script: lang and dir on the link, so an Arabic or
    Persian name keeps its direction, isolated from the text around it (dir isolates)."""
    import re
    from kennisbank.strings import direction
    links = {x: f"../{x}/" for x in site.languages[1:]}
    for where, out in _language_links_everywhere(site, strings, links).items():
        found = re.findall(r'<a href="[^"]*" target="_self" hreflang="([^"]+)"([^>]*)>([^<]*)</a>', out)
        assert {code for code, _, _ in found} == set(links), where
        for code, attrs, name in found:
            assert f' lang="{code}" dir="{direction(code)}"' in attrs, (where, code, attrs)
            assert name == strings[code]["language"], (where, code)
    assert any(direction(x) == "rtl" for x in links)  # the check above met a right-to-left name


def test_page_tools_and_print_buttons_escape_their_text(strings):
    from kennisbank.render import _macros, page_tools
    out = page_tools("ar", strings, 'https://x/"><img src=x>', marked=True)
    assert 'lang="ar" dir="rtl"' in out and "<img" not in out and "https://x/&quot;&gt;&lt;img src=x&gt;" in out
    assert 'hidden data-search-exclude>' in page_tools("nl", strings, "")  # no address: the label only, hidden
    m = _macros()
    assert "<img" not in str(m.print_tools(HOSTILE)) and "&lt;img" in str(m.print_tools(HOSTILE))
    c = dict(strings["nl"]["checklist"], confirm_reset='"><img src=x>', start_again=HOSTILE)
    tools = str(m.checklist_tools(c))
    assert "<img" not in tools and 'data-confirm="&quot;&gt;&lt;img src=x&gt;"' in tools


def test_card_id_badge_is_text(site, strings):
    from kennisbank.render import _macros, card_id_badge
    assert str(_macros().card_id(HOSTILE)) == '<p class="kb-card-id">&lt;img src=x onerror=alert(1)&gt;</p>'
    card = site.cards["V13"]
    assert card_id_badge(card, "nl", strings) == f'<p class="kb-card-id">{strings["nl"].t("card.id", id="V13")}</p>'


def test_overview_names_are_text_in_the_drawing(site, strings):
    """The drawing is raw HTML (Markdown does not run there): the part names are escaped, the same
    names stand as Markdown in the headings of the text version."""
    from kennisbank.links import section_pairs
    from kennisbank.render import render_overview
    import copy
    hostile = dict(strings, nl=copy.copy(strings["nl"]))
    hostile["nl"]["nav"] = dict(strings["nl"]["nav"], themas=HOSTILE)
    out = render_overview(site, "nl", hostile, section_pairs(site.cards))
    svg = out.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<img" not in svg and ">&lt;img src=x onerror=alert(1)&gt;</text>" in svg
    assert svg.count("<line ") == len(section_pairs(site.cards))


def test_partial_does_not_import_render():
    """The layers: partial.py is below render.py (both take paths from urls.py)."""
    import ast
    from pathlib import Path
    import kennisbank.partial as partial
    tree = ast.parse(Path(partial.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "render" not in imported and "kennisbank.render" not in imported


def test_a_site_in_one_language_offers_no_other_language_and_still_renders(site, strings):
    """KB_LANGUAGES=nl: the Dutch side-by-side page and bilingual sheet have no language to offer; they
    render their title and no link to another language (they once reached for a table they had not)."""
    for where, out in _language_links_everywhere(site, strings, {}).items():
        assert "hreflang" not in out, where
        if where.endswith(("page", "sheet")):
            assert out.count("\n# ") == 1 and "<table" not in out, where
