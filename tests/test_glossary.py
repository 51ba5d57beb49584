"""Glossary tooltips: whole words, Arabic proclitics, Turkish suffixes, never inside links or addresses."""
from kennisbank.glossary import Glossary

TERMS = {"OR": "ouderraad", "jeugdzorg": "hulp", "pabo": "opleiding", "brede school": "samenwerkende school",
         "tien-minutengesprek": "kort gesprek"}


def _terms(html):
    import re
    return re.findall(r'<abbr title="[^"]+">(?:<span lang="nl" dir="ltr">)?([^<]+)', html)


def test_arabic_proclitics():
    g = Glossary(TERMS, "ar", "nl")
    out = g.annotate("<p>تعمل المدرسة وjeugdzorg معًا، ويشارك أولياء الأمور في الOR وبالOR ولـpabo</p>")
    assert _terms(out) == ["jeugdzorg", "OR", "OR"]
    assert "و<abbr" in out and 'ال<abbr' in out and 'بال<abbr' in out


def test_turkish_suffix_after_apostrophe_and_whole_words_only():
    g = Glossary(TERMS, "tr", "nl")
    out = g.annotate("<p>OR'a ve pabo'da; ORlar, CORE, pabos, brede school, tien-minutengesprek</p>")
    assert _terms(out) == ["OR", "pabo", "brede school", "tien-minutengesprek"]


def test_not_in_links_headings_or_addresses():
    g = Glossary(TERMS, "nl", "nl")
    out = g.annotate('<h2>pabo</h2><p><a href="x">pabo</a> <span dir="ltr">https://x.example/lezers/pabo/</span> '
                     'contactouder@pabo.example pabo.</p>')
    assert _terms(out) == ["pabo"]
    assert out.endswith('<abbr title="opleiding">pabo</abbr>.</p>')


def test_dutch_terms_are_marked_dutch_in_translated_pages():
    assert '<span lang="nl" dir="ltr">pabo</span>' in Glossary(TERMS, "ar", "nl").annotate("<p>pabo</p>")
    assert "<span" not in Glossary(TERMS, "nl", "nl").annotate("<p>pabo</p>")


def test_terms_are_marked_in_the_sites_first_language():
    """The terms are in the site's first language, whichever it is: marked as such on other pages."""
    assert '<span lang="en" dir="ltr">pabo</span>' in Glossary(TERMS, "ar", "en").annotate("<p>pabo</p>")
    assert "<span" not in Glossary(TERMS, "en", "en").annotate("<p>pabo</p>")
