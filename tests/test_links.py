"""Cross-links: "see also", backlinks, the overview, and a link check over the whole built site."""
from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from conftest import LANGUAGES, ROOT, TRANSLATED, prefix
from kennisbank.links import MAX_LINKS, MIN_LINKS, Links, section_pairs
from kennisbank.model import Card, CardText

# make test runs two workers (pytest-xdist): this file's tests stay on one, so its module-scoped fixtures are made once
pytestmark = pytest.mark.xdist_group("links")


def card(cid, section, tags, related=()):
    return Card(id=cid, slug=cid.lower(), section=section, audiences=("ouders",), tags=tuple(tags), checklist=(),
                related=tuple(related), source="", path=f"x/{cid}.md", lang="nl", nl=CardText(cid, "", {}, (), ""))


def cards(*cs):
    return {c.id: c for c in cs}


def test_explicit_relation_counts_both_ways():
    cs = cards(card("T01", "thema", ["taal", "tolk"], ["O01"]), card("T02", "thema", ["taal", "tolk"]),
               card("O01", "organisatie", ["beleid", "vaders"]))
    links = Links(cs)
    assert links.see_also("O01")[0] == "T01"
    assert links.see_also("T01")[0] == "O01"
    assert links.mentioned_in("O01") == ("T01",) and links.mentioned_in("T01") == ()


def test_rare_shared_tag_weighs_more_than_common_one():
    # the rare partner has the highest id: with flat tag weights every candidate ties and the
    # lowest id (T02) would come first
    common = [card(f"T{i:02d}", "thema", ["contact", f"x{i}"]) for i in range(2, 8)]
    cs = cards(card("T01", "thema", ["contact", "vaders"]), *common, card("T09", "thema", ["vaders", "y"]))
    assert Links(cs).see_also("T01")[0] == "T09"


def test_another_section_is_included_when_related():
    same = [card(f"T{i:02d}", "thema", ["taal", "tolk"]) for i in range(2, 10)]
    other = card("V01", "voorwaarde", ["tolk", "z"])
    cs = cards(card("T01", "thema", ["taal", "tolk"]), *same, other)
    see = Links(cs).see_also("T01")
    assert len(see) == MAX_LINKS and "V01" in see


def test_order_is_deterministic_and_ties_break_by_id():
    cs = cards(*(card(f"T{i:02d}", "thema", ["taal", "tolk"]) for i in range(1, 10)))
    first = Links(cs).see_also("T05")
    assert first == ("T01", "T02", "T03", "T04", "T06", "T07")  # all tie: lowest ids, ascending
    # the order in which a card lists its tags changes no score and no tie-break
    flipped = {cid: dataclasses.replace(c, tags=tuple(reversed(c.tags))) for cid, c in cs.items()}
    assert Links(flipped).see_also("T05") == first


def test_unknown_id_gives_a_clear_error():
    links = Links(cards(card("T01", "thema", ["taal", "tolk"])))
    with pytest.raises(KeyError, match="unknown card id 'T99'"):
        links.see_also("T99")
    with pytest.raises(KeyError, match="unknown card id 'V99'"):
        Links(cards(card("T01", "thema", ["taal", "tolk"], ["V99"])))


def test_real_cards_have_three_to_six_see_also(site):
    links = Links(site.cards)
    for cid, c in site.cards.items():
        see = links.see_also(cid)
        assert MIN_LINKS <= len(see) <= MAX_LINKS, cid
        assert cid not in see
        assert any(site.cards[x].section != c.section for x in see), f"{cid}: no card from another section"
        for r in c.related:
            assert r in see or len(set(c.related) | set(links.mentioned_in(cid))) > MAX_LINKS, (cid, r)


def test_issue_example_interpreter_links_letters(site):
    see = Links(site.cards).see_also("V13")
    assert "O21" in see  # "Zorg voor een tolk" -> letters in several languages


def test_section_pairs_count_each_relation_once(site):
    pairs = section_pairs(site.cards)
    flat = [p for links in pairs.values() for p in links]
    assert len(flat) == len(set(flat))
    for a, b in flat:
        assert b in site.cards[a].related or a in site.cards[b].related


# ---------------------------------------------------------------- the built site

class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.links.append((tag, key, a[key], a.get("hreflang")))


def _parse(path: Path) -> _Collect:
    c = _Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


@pytest.fixture(scope="module")
def parsed(built_site):
    return {p: _parse(p) for p in sorted(built_site.rglob("*.html"))}


def _target(built_site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    url, frag = urldefrag(href)
    if not url:
        return page, frag
    path = unquote(urlsplit(url).path)
    # site_url has no sub-path here, so an absolute path starts at the site root
    t = ((built_site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)).resolve()
    if t.is_dir():
        t = t / "index.html"
    return (t if t.exists() else None), frag


def test_no_broken_internal_link_or_anchor(built_site, parsed):
    broken = []
    for page, c in parsed.items():
        for tag, key, href, _ in c.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
                continue
            target, frag = _target(built_site, page, href)
            if target is None:
                broken.append(f"{page.relative_to(built_site)}: {key}={href}")
            elif frag and target.suffix == ".html" and frag not in parsed[target].ids:
                broken.append(f"{page.relative_to(built_site)}: {href} (no #{frag})")
    assert broken == [], f"{len(broken)} broken, e.g. {broken[:10]}"


def test_generated_links_stay_in_the_readers_language(built_site, parsed):
    leaks = []
    for lang in TRANSLATED:
        for page, c in parsed.items():
            rel = page.relative_to(built_site).as_posix()
            if not rel.startswith(f"{lang}/"):
                continue
            for tag, key, href, hreflang in c.links:
                if tag != "a" or hreflang or re.match(r"^[a-z]+:", href):
                    continue
                target, _ = _target(built_site, page, href)
                if target is None or target.suffix != ".html":
                    continue
                trel = target.relative_to(built_site).as_posix()
                if not trel.startswith(f"{lang}/"):
                    leaks.append(f"{rel}: {href}")
    assert leaks == [], f"{len(leaks)} links leave the language, e.g. {leaks[:10]}"


def _front_matter_relations() -> tuple[dict, dict]:
    """From the Dutch card files themselves, not from the code: {built folder: id} and
    {id: ids of the cards whose ``related`` names it}."""
    import yaml
    ids, named_by = {}, {}
    for folder in ("themas", "voorwaarden", "organisatie"):
        for f in sorted((ROOT / "docs" / folder).glob("*.md")):
            if f.stem.count(".") or f.stem == "index":
                continue  # a translation or the section's index
            meta = yaml.safe_load(f.read_text(encoding="utf-8").split("---\n")[1])
            ids[f"{folder}/{f.stem}"] = meta["id"]
            for r in meta.get("related") or ():
                named_by.setdefault(r, []).append(meta["id"])
    return ids, named_by


def _site_order(card_id: str):
    """The site's id order, as the report's sections come: thema, voorwaarde, organisatie; then by number."""
    return "TVO".index(card_id[0]), int(card_id[1:])


def _section_links(html: str, anchor: str) -> list[str] | None:
    """The hrefs of the list under the heading ``anchor``, or None when there is no such heading."""
    m = re.search(rf'<h2 id="{anchor}">.*?</h2>\s*<ul>(.*?)</ul>', html, re.S)
    return None if m is None else re.findall(r'<a href="([^"]+)"', m.group(1))


@pytest.mark.parametrize("lang", [prefix(x) for x in LANGUAGES])
def test_every_card_shows_see_also_and_backlinks(built_site, lang):
    """Each card page in each language: "zie ook" with 3 to 6 other cards of the same language;
    "genoemd bij" exactly when another card's front matter names it, listing those cards by id."""
    ids, named_by = _front_matter_relations()
    assert len(ids) >= 70 and named_by["O21"], "the report's cards, and V13 names O21 (issue example)"
    for folder, cid in ids.items():
        page = built_site / lang / folder / "index.html"
        html = page.read_text(encoding="utf-8")

        def targets(hrefs):
            """Card ids; anything else (another language's page, not a card) as its path."""
            home = (built_site / lang).resolve()
            out = []
            for href in hrefs:
                t = (page.parent / href).resolve()
                rel = t.relative_to(home).as_posix() if t.is_relative_to(home) else t.as_posix()
                out.append(ids.get(rel, rel))
            return out
        see = targets(_section_links(html, "zie-ook") or [])
        assert 3 <= len(see) <= 6 and cid not in see and set(see) <= set(ids.values()), (lang, cid, see)
        back = _section_links(html, "genoemd-bij")
        if cid in named_by:
            assert back is not None, (lang, cid)
            assert targets(back) == sorted(named_by[cid], key=_site_order), (lang, cid)
        else:
            assert back is None, (lang, cid)


@pytest.mark.parametrize("lang", [prefix(x) for x in LANGUAGES])
def test_tag_and_overview_pages_exist(built_site, lang, strings):
    from kennisbank.vocab import TAGS
    for tag in TAGS:
        assert (built_site / lang / "onderwerpen" / tag / "index.html").exists()
    html = (built_site / lang / "overzicht" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in html and 'role="img"' in html and "↔" in html
    code = lang.strip("/") or LANGUAGES[0]
    assert strings[code]["tags"]["tolk"] in (built_site / lang / "onderwerpen" / "tolk" / "index.html").read_text(encoding="utf-8")
