"""Small rendering helpers: links that work under any sub-path and from disk, addresses for paper."""
import pytest

from conftest import TRANSLATED
from kennisbank.render import banner, label_task_lists, online_url, relative_url


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
