"""What `make translations ALL=1` prints per language: the summary and the coverage tables, on small
examples worked out by hand (issue 29: these functions had no fast test, so no mutant of them died)."""
from __future__ import annotations

from types import SimpleNamespace

from kennisbank.model import Page, Site
from kennisbank.partial import Coverage, coverage, format_coverage
from kennisbank.translations import Status, format_summary, format_table


def test_summary_table_counts_per_language_with_terms_and_strings():
    rows = [Status("a.md", "en", "current", True), Status("b.md", "en", "behind", True),
            Status("c.md", "en", "missing", False), Status("d.md", "en", "behind", False),
            Status("a.md", "tr", "current", True), Status("b.md", "tr", "current", True),
            Status("c.md", "tr", "current", False), Status("d.md", "tr", "current", False)]
    hits = [SimpleNamespace(lang="en", path="docs/a.en.md"), SimpleNamespace(lang="en", path="docs/a.en.md"),
            SimpleNamespace(lang="en", path="docs/b.en.md")]
    out = format_summary(rows, ("nl", "en", "tr"), hits, {"en": (3, 4), "tr": (0, 0)})
    assert out.split("\n") == [
        "",
        "language  current  behind  missing  reviewed",
        "en              1       2        1     1 (25%)",
        "tr              4       0        0     2 (50%)",
        "terminology en: 3 forbidden variant(s) in 2 file(s)",
        "terminology tr: every page and string uses the termbase's renderings",
        "strings en: 3 of 4 reviewed by a human (75%)",
        "strings tr: 0 of 0 reviewed by a human (0%)",
    ]


def _page(path):
    return Page(path=path, base=path, lang="nl", meta={}, body="", source_hash="h")


def test_coverage_counts_translated_pages_and_the_gaps_in_a_partial_languages_parents_layer():
    """``ps`` is partial: only a missing page of the parents' layer (here the home page) is a gap."""
    site = Site(languages=("nl", "en", "ps"), pages={p: _page(p) for p in ("index.md", "x.md", "y.md", "z.md")},
                cards={}, by_path={})
    rows = [Status("index.md", "en", "current", False), Status("x.md", "en", "behind", False),
            Status("y.md", "en", "missing", False), Status("z.md", "en", "current", False),
            Status("index.md", "ps", "missing", False), Status("x.md", "ps", "current", False),
            Status("y.md", "ps", "missing", False), Status("z.md", "ps", "missing", False)]
    en, ps = coverage(site, rows, ("ps",))
    assert (en.lang, en.translated, en.total, en.partial, en.layer_missing) == ("en", 3, 4, False, ())
    assert en.share == 0.75
    assert (ps.lang, ps.translated, ps.total, ps.partial, ps.layer_missing) == ("ps", 1, 4, True, ("index.md",))
    assert coverage(site, rows, ())[1].layer_missing == (), "a full language has no parents' layer of its own"


def test_coverage_table_says_full_or_partial_and_names_the_gaps():
    covs = [Coverage("en", 84, 84, False, ()), Coverage("ps", 57, 84, True, ()),
            Coverage("so", 21, 84, True, ("index.md", "lezers/ouders.md")), Coverage("xx", 0, 0, False, ())]
    assert format_coverage(covs).split("\n") == [
        "",
        "language  translated   share  kind",
        "en             84/84    100%  full",
        "ps             57/84     68%  partial: parents' layer complete",
        "so             21/84     25%  partial: parents' layer misses 2 page(s): index.md, lezers/ouders.md",
        "xx               0/0      0%  full",
    ]


def test_status_table_has_a_row_per_page_and_a_column_per_language():
    rows = [Status("index.md", "en", "current", True), Status("index.md", "tr", "missing", False),
            Status("themas/a.md", "en", "current", False), Status("themas/a.md", "tr", "behind", False)]
    out = format_table(rows, ("nl", "en", "tr"))
    assert [line.rstrip() for line in out.split("\n")] == [
        "page         en                 tr",
        "-------------------------------------------------",
        "index.md     current reviewed   missing",
        "themas/a.md  current            behind",
        "",
        "2 current, 1 behind, 1 missing, 1 reviewed",
    ]


def _card(cid, section, slug, audiences, *item_audiences):
    from kennisbank.model import Card, CardText, ChecklistItem
    items = tuple(ChecklistItem(f"i{n}", aud, "Punt.") for n, aud in enumerate(item_audiences))
    return Card(id=cid, slug=slug, section=section, audiences=audiences, tags=("taal",), checklist=items, related=(),
                source="", path="", lang="nl", nl=CardText(cid, "", {}, (), ""))


def test_parents_layer_is_home_parents_page_its_cards_and_every_card_with_a_parents_item():
    from kennisbank.partial import parents_layer
    cards = [_card("T01", "thema", "een", ("ouders",), "leerkrachten"),   # for parents, but listed nowhere
             _card("T02", "thema", "twee", ("leerkrachten",), "ouders"),  # an item for parents
             _card("T03", "thema", "drie", ("ouders",), "ouders"),        # an item for parents, but no page
             _card("V01", "voorwaarde", "vier", ("leerkrachten",)),       # listed by id on the parents' page
             _card("O01", "organisatie", "vijf", ("ouders",), "pabo")]    # listed by audience and section
    body = "Tekst.\n<!-- kb:cards ids=V01 view=grid -->\n<!-- kb:cards audience=ouders section=organisatie -->\n"
    pages = {p: _page(p) for p in ("index.md", "over.md", "themas/een.md", "themas/twee.md", "voorwaarden/vier.md",
                                   "organisatie/vijf.md")}
    pages["lezers/ouders.md"] = Page(path="lezers/ouders.md", base="lezers/ouders.md", lang="nl", meta={}, body=body,
                                     source_hash="h")
    site = Site(languages=("nl", "en"), pages=pages, cards={c.id: c for c in cards}, by_path={})
    assert parents_layer(site) == ("index.md", "lezers/ouders.md", "voorwaarden/vier.md", "organisatie/vijf.md",
                                   "themas/twee.md")
    del pages["lezers/ouders.md"]
    assert parents_layer(site) == ("index.md", "themas/twee.md")


def test_each_dutch_page_is_current_behind_or_missing_in_each_language():
    """A translation is current when it was made from the Dutch text as it is now (the same hash)."""
    from kennisbank.model import Translation
    from kennisbank.translations import is_behind, translation_status

    def tr(path, base, lang, source_hash, reviewed=False):
        return Page(path=path, base=base, lang=lang, meta={}, body="", source_hash="own",
                    translation=Translation(lang, path, source_hash, reviewed))
    pages = {"a.md": Page("a.md", "a.md", "nl", {}, "", "hash-a"),
             "b.md": Page("b.md", "b.md", "nl", {}, "", "hash-b"),
             "a.en.md": tr("a.en.md", "a.md", "en", "hash-a", reviewed=True),
             "b.en.md": tr("b.en.md", "b.md", "en", "hash-b-before", reviewed=True),
             "b.tr.md": tr("b.tr.md", "b.md", "tr", "hash-b")}
    site = Site(languages=("nl", "en", "tr"), pages=pages, cards={}, by_path={})
    assert translation_status(site) == [
        Status("a.md", "en", "current", True), Status("a.md", "tr", "missing", False),
        Status("b.md", "en", "behind", True), Status("b.md", "tr", "current", False)]
    assert is_behind(site, pages["b.en.md"]) and not is_behind(site, pages["a.en.md"])
    assert not is_behind(site, pages["a.md"]), "the Dutch page itself is not behind"


def test_without_all_only_the_languages_with_a_termbase_hit_get_a_terminology_line():
    from kennisbank.translations import format_terminology
    hit = SimpleNamespace(lang="tr", path="docs/a.tr.md")
    assert format_terminology([hit, hit], ("nl", "en", "tr"), only_hits=True) == [
        "terminology tr: 2 forbidden variant(s) in 1 file(s)"]
    assert format_terminology([], ("nl", "en", "tr"), only_hits=True) == []
    assert len(format_terminology([], ("nl", "en", "tr"))) == 2
