"""Markdown for the parts the build generates, in the reader's language.

Links point at Dutch source paths (``../themas/x.md``); static-i18n resolves them to
the page of the language being built, or to the Dutch fallback page where no
translation exists.
"""
from __future__ import annotations

import functools
import html
import json
import re
from datetime import date
from pathlib import Path

from babel.numbers import format_percent
from markupsafe import Markup

from .checklists import Checklist, Entry
from .collation import collated
from .strings import babel_locale
from .links import Links
from .course import QUESTIONS_MARKER, question_picks
from .loader import CARDS_MARKER, LANGUAGES_MARKER, marker_args
from .model import PARENTS, Card, Site
from .translations import summarise
from .urls import TAG_DIR, card_path, marker_cards
from .vocab import SECTIONS, TAGS

ROUND_TABLES = date(2000, 5, 25)  # the report gives the day, not the year: shown as day and month
STATUS = "vertalingen.md"


# One escaping rule per field (issue 27). Two ways a value can stand in a generated page:
# - "as Markdown": written into the page's Markdown as it is; Python-Markdown renders it, and the
#   page's HTML is checked by sanitise.check (on_page_content) like every page;
# - "as text": HTML-escaped (html.escape: "&", "<", ">", '"', "'"), by the autoescape of an .html template
#   (render._env; also .svg, .xml) or by "| e" in a .j2.md template. Always in an attribute, and
#   always inside raw HTML where Markdown does not run (a table, the reader's contents, the SVG,
#   a <p> a macro makes): there Markdown syntax in the value shows as written.
# Markup (markupsafe) is only the output of the build's own macros and builders (a card link, a
# checklist line), passed into another template as it is.
ESCAPING = {
    "CardText.title": "as Markdown in a heading or link; as text in raw HTML (the reader's contents) and on the "
        "side-by-side page (its table and its link back to the card)",
    "CardText.summary, .parents, .questions, ChecklistItem.text": "as Markdown on a card, checklist, reader or tag "
        "page; as text in the side-by-side and bilingual tables (kb-pages/two-columns.html)",
    "CardText.body, Card.source": "as Markdown, only on Markdown pages",
    "catalog string (hooks/locales, strings[lang])": "as Markdown on a Markdown line (some hold a [link](url)); "
        "as text in every macro of kb-macros.html and in raw HTML",
    "language name (strings[lang]['language'])": "as text (kb-macros.html language_link)",
    "href, page address, school name, build date": "as text",
}

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
MACROS = "partials/kb-macros.html"  # markup the build repeats, one Jinja macro each
PAGES = "kb-pages"  # overrides/kb-pages/: the generated pages' templates (Markdown, .j2.md)


def template_env(dirs, **options):
    """Jinja for the markup the hooks put into pages: HTML templates (.html, .svg, .xml) autoescaped,
    Markdown templates (.j2.md) not (see ESCAPING)."""
    import jinja2
    return jinja2.Environment(loader=jinja2.FileSystemLoader(list(dirs)),
                              autoescape=jinja2.select_autoescape(("html", "svg", "xml"), default_for_string=True),
                              **options)


def _text(value):
    """A value as HTML text: "&", "<", ">", '"' and "'" escaped with the standard library's
    html.escape (the rule the build's markup has always used: &quot; and &#x27;)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


@functools.lru_cache(maxsize=1)
def _env():
    """The one environment for render.py's templates (overrides/), made by template_env. In an
    autoescaped template every value is escaped by _text unless it is Markup; ``| e`` does the
    same in a Markdown template."""
    import jinja2

    @jinja2.pass_eval_context
    def finalize(ctx, value):
        return _text(value) if ctx.autoescape and isinstance(value, str) else value
    env = template_env([str(OVERRIDES)], undefined=jinja2.StrictUndefined, finalize=finalize)
    env.filters["e"] = env.filters["escape"] = _text
    return env


def _macros():
    """The macros of ``overrides/partials/kb-macros.html``."""
    return _env().get_template(MACROS).module


def _macro(template: str, name: str):
    """Macro ``name`` of ``template`` (a path under overrides/)."""
    return getattr(_env().get_template(template).module, name)


def _blocks():
    """The Markdown macros of ``overrides/kb-pages/blocks.j2.md`` (not autoescaped)."""
    return _env().get_template(f"{PAGES}/blocks.j2.md").module


def _page(name: str, **values) -> str:
    """A generated page's text from its template in overrides/kb-pages/."""
    return _env().get_template(f"{PAGES}/{name}").render(**values)


def _in_lang(text: str, text_lang: str, page_lang: str, strings: dict) -> str:
    """Mark text that is not in the page's language, so screen readers switch voice."""
    if text_lang == page_lang:
        return text
    return str(_blocks().in_lang(text, text_lang, strings[text_lang]["dir"]))


def card_id_badge(card: Card, lang: str, strings: dict) -> str:
    """The card's id as the lesson guide names it ("Kaart V06"), from the ``card_id`` macro."""
    return str(_macros().card_id(strings[lang].t("card.id", id=card.id)))


def card_link(card: Card, lang: str, strings: dict, up: str = "../") -> str:
    return f"[{_in_lang(card.text(lang).title, card.text_lang(lang), lang, strings)}]({up}{card_path(card)})"


def box_id(key: str) -> str:
    """The HTML id of an item's box ("V13/tolk-vragen" -> "kb-V13-tolk-vragen")."""
    return "kb-" + re.sub(r"[^A-Za-z0-9-]", "-", key)


def checklist_item(entry: Entry, lang: str, strings: dict, with_card: bool, up: str = "../") -> str:
    """One task-list line. Its text is a <label> of the box: a tap on the words ticks it."""
    text, text_lang = entry.card.item_text(entry.item, lang)
    note = (card_link(entry.card, lang, strings, up) if with_card
            else strings[lang].t("checklist.for." + entry.item.audience))
    return str(_blocks().checklist_line(box_id(entry.key), entry.key, _in_lang(text, text_lang, lang, strings), note))


def checklist_tools(strings: dict, lang: str) -> str:
    return str(_macros().checklist_tools(strings[lang]["checklist"]))


def _language(code: str, strings: dict) -> dict:
    """A language as the macros take it: its code, direction and name (in its own language)."""
    return {"code": code, "dir": strings[code]["dir"], "name": strings[code]["language"]}


def language_links(links: dict, strings: dict) -> list[dict]:
    """{language: href} as the language macros take them: each language's name and direction."""
    return [{**_language(c, strings), "href": h} for c, h in links.items()]


def side_by_side_links(links: dict, lang: str, strings: dict) -> str:
    """One tap to the side-by-side view: in Dutch, one link per language; elsewhere, one link."""
    s = strings[lang]["card"]
    if len(links) == 1:
        (code, href), = links.items()
        return str(_macros().side_by_side(s["side_by_side"], href=href))
    return str(_macros().side_by_side(s["side_by_side_in"], links=language_links(links, strings)))


def render_card(card: Card, lang: str, strings: dict, links: Links, site: Site, body: str,
                side_by_side: dict | None = None) -> str:
    """A card page. On a card for parents the parent's part comes first: the parent block and
    the parent's items; what the round tables said, the items for others and the pabo
    questions follow."""
    s = strings[lang]
    t, tl = card.text(lang), card.text_lang(lang)
    mine = [i for i in card.checklist if i.audience == PARENTS] if card.for_parents else []
    others = [i for i in card.checklist if i not in mine]

    def lines(items):
        return [checklist_item(Entry(card, i), lang, strings, False) for i in items]
    see, back = links.see_also(card.id), links.mentioned_in(card.id)
    return _page(
        "card.j2.md", c=s["card"], id=f"card-{card.id}", title=_in_lang(t.title, tl, lang, strings),
        badge=card_id_badge(card, lang, strings),
        parents=_in_lang(t.parents or card.nl.parents, tl, lang, strings) if card.for_parents else None,
        mine=lines(mine), others=lines(others), others_heading=s["card"]["for_others"] if mine else s["card"]["checklist"],
        side_by_side=side_by_side_links(side_by_side, lang, strings) if side_by_side else "",
        summary=_in_lang(t.summary, tl, lang, strings), body=body.strip(),
        audiences=s.list(s["audiences"][a] for a in card.audiences),
        tags=s.list(f"[{s['tags'][g]}](../{TAG_DIR}/{g}.md)" for g in card.tags),
        tools=checklist_tools(strings, lang), questions=[_in_lang(q, tl, lang, strings) for q in t.questions],
        source=card.source,
        see=[f"{card_link(site.cards[c], lang, strings)} <small>({s['sections'][site.cards[c].section]})</small>" for c in see],
        back=[card_link(site.cards[c], lang, strings) for c in back])


def _two_columns(groups: list, lang: str, default: str, strings: dict, caption: str) -> str:
    """A table of Dutch beside ``lang`` (overrides/kb-pages/two-columns.html). ``groups``: row
    groups as the macro takes them; a row's ``text`` None where ``lang`` has none: the Dutch stands
    there, marked as Dutch."""
    for g in groups:
        for r in g["rows"]:
            tl = lang if r["text"] is not None else default
            r.update(text=r["dutch"] if r["text"] is None else r["text"], lang=tl, dir=strings[tl]["dir"])
    macro = _macro(f"{PAGES}/two-columns.html", "two_columns")
    return str(macro(caption, _language(default, strings), _language(lang, strings), groups))


def render_side_by_side(card: Card, lang: str, default: str, strings: dict, others: dict) -> str:
    """A card with Dutch beside the reader's language, row by row, each checklist item on the
    row of its id: for a teacher and a parent reading one screen or one sheet. In Dutch the page
    offers the view in each other language."""
    s = strings[lang]
    t, nl = card.text(lang), card.nl
    # the card itself is what search should find, not its side-by-side copy
    title = _in_lang(t.title, card.text_lang(lang), lang, strings)
    if lang == default:
        return _page("side-by-side.j2.md", title=title, lead=s["card"]["side_by_side_in"], card_path=card_path(card),
                     languages=str(_macros().language_list(language_links(others, strings))), back_title=nl.title)
    tr = card.texts.get(lang)

    def own(value):
        return value if tr is not None else None
    rows = [("title", nl.title, own(t.title)), ("summary", nl.summary, own(t.summary))]
    if card.for_parents:
        rows.append(("parents", nl.parents, own(t.parents)))
    keys = {}
    for item in card.checklist:
        text, il = card.item_text(item, lang)
        rows.append((f"item-{item.id}", item.text, text if il == lang else None))
        keys[f"item-{item.id}"] = item.key(card.id)
    for i, q in enumerate(nl.questions):
        rows.append((f"question-{i + 1}", q, t.questions[i] if tr is not None and i < len(t.questions) else None))
    table = _two_columns([{"heading": None, "rows": [{"id": rid, "key": keys.get(rid), "dutch": d, "text": x} for rid, d, x in rows]}],
                         lang, default, strings, s["card"]["side_by_side"])
    return _page("side-by-side.j2.md", title=title, card_path=card_path(card), languages="", table=table,
                 tools=str(_macros().print_tools(s["checklist"]["print"], search=False)), back_title=t.title)


def online_url(site_url: str, page_url: str) -> str:
    """The address of a page on the web server, as printed on paper and in QR codes. A build for
    file:// has "x.html" URLs; online the same page is "x/"."""
    if page_url.endswith("index.html"):
        page_url = page_url[: -len("index.html")]
    elif page_url.endswith(".html"):
        page_url = page_url[: -len(".html")] + "/"
    return site_url.rstrip("/") + "/" + ("" if page_url in (".", "./") else page_url)


def qr_block(url: str, lang: str, strings: dict) -> str:
    """Print-only: the address of this page, and a QR code of it as inline SVG. Without an address
    (no site_url) an empty slot, which kb-school.js fills where a school has branded the site
    with its address; the label comes along in the page's language."""
    label = strings[lang]["checklist"]["online"]
    if not url:
        return str(_macros().qr(label, "", ""))
    import segno
    svg = segno.make(url, error="m").svg_inline(scale=2, border=2, omitsize=False)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(f"{label}: {url}")}" ', 1)
    return str(_macros().qr(label, url, Markup(svg)))  # segno's drawing, our label escaped in it


def render_checklist_page(cl: Checklist, lang: str, strings: dict, url: str, side_by_side: dict | None = None) -> str:
    """A checklist page. A list with core items (the parents') shows those first, as the sheet
    that prints; its other items follow on screen only, as "more questions"."""
    s = strings[lang]
    c = s["checklist"]
    page = c["pages"][cl.id]
    names = s["sections"] if cl.kind == "audience" else s["audiences"]

    def groups(groups, names, anchor=lambda key: key):
        return [{"heading": names[key], "anchor": anchor(key),
                 "lines": [checklist_item(e, lang, strings, True) for e in entries]} for key, entries in groups]
    core = bool(cl.core())
    # the core list in the order of the conversation: a heading for before, during and at the end of it
    shown = (groups(cl.core_groups(), c["moments"], lambda m: f"gesprek-{m}") if core
             else groups(cl.groups, names))
    return _page("checklist.j2.md", page=page, c=c, id=cl.id, core=core, groups=shown,
                 more=groups(cl.more(), names) if core else [],
                 tools=checklist_tools(strings, lang), qr=qr_block(url, lang, strings),
                 side_by_side=side_by_side_links(side_by_side, lang, strings) if side_by_side else "")


def render_bilingual(cl: Checklist, lang: str, default: str, strings: dict, url: str, others: dict) -> str:
    """Dutch beside the reader's language, one row per item, for one printed sheet that teacher
    and parent read together: the core list where there is one. In Dutch, the page offers the
    sheet in each other language."""
    s = strings[lang]
    title = s["checklist"]["pages"][cl.id]["title"]
    page = {"title": title, "lead": s["checklist"]["print_bilingual"]}
    if lang == default:  # with dir and escaped since issue 27, as every language link
        return _page("bilingual.j2.md", **page, languages=str(_macros().language_list(language_links(others, strings))))

    def rows(entries):
        out = []
        for e in entries:
            text, text_lang = e.card.item_text(e.item, lang)
            out.append({"id": e.key, "key": e.key, "dutch": e.item.text, "text": text if text_lang == lang else None})
        return out
    if cl.core():  # the core list under its headings: before, during and at the end of the conversation
        dutch, moments = strings[default]["checklist"]["moments"], s["checklist"]["moments"]
        groups = [{"heading": {"anchor": f"gesprek-{m}", "dutch": dutch[m], "text": moments[m]}, "rows": rows(es)}
                  for m, es in cl.core_groups()]
    else:
        groups = [{"heading": None, "rows": rows(cl.entries())}]
    return _page("bilingual.j2.md", **page, languages="", table=_two_columns(groups, lang, default, strings, title),
                 tools=str(_macros().print_tools(s["checklist"]["print"])), qr=qr_block(url, lang, strings))


def render_checklist_index(checklists: dict, lang: str, strings: dict) -> str:
    s = strings[lang]
    c = s["checklist"]
    return _page("index.j2.md", title=c["index_title"], intro=c["index_intro"], entries=[
        {"title": c["pages"][k]["title"], "href": f"{k}.md", "count": s.n("checklist.count", len(v.entries()))}
        for k, v in checklists.items()])


def render_tag_page(tag: str, site: Site, lang: str, strings: dict) -> str:
    s = strings[lang]
    cards = [c for c in site.cards.values() if tag in c.tags]
    groups = [{"heading": s["sections"][sec], "anchor": sec,
               "cards": [(card_link(c, lang, strings), _in_lang(c.text(lang).summary, c.text_lang(lang), lang, strings))
                         for c in cards if c.section == sec]} for sec in SECTIONS]
    return _page("tag.j2.md", title=s["tags"][tag], groups=[g for g in groups if g["cards"]])


def render_tag_index(site: Site, lang: str, strings: dict) -> str:
    s = strings[lang]
    return _page("index.j2.md", title=s["tagpages"]["index_title"], intro=s["tagpages"]["index_intro"], entries=[
        {"title": s["tags"][tag], "href": f"{tag}.md", "count": s.n("cards.count", sum(1 for c in site.cards.values() if tag in c.tags))}
        for tag in collated(TAGS, lang, key=lambda g: s["tags"][g])])


def render_glossary(lang: str, strings: dict) -> str:
    g = strings[lang]["glossary"]
    return _page("glossary.j2.md", g=g, terms=[(term, g["terms"][term]) for term in collated(g["terms"], lang)])


def partial_mark(label: str) -> str:
    """The line on every page of a partial language that says only the parents' pages are in it
    (overrides/partials/kb-macros.html); ``label``: the catalog's switcher.partial with the name."""
    return str(_macros().partial_mark(label)) + "\n"


def banner(kind: str, lang: str, strings: dict, dutch_url: str | None, parents_url: str | None = None) -> str:
    """An admonition in the reader's language (marked as such: on an untranslated page it sits in
    Dutch text). ``kind``: unreviewed, stale, missing, or partial (an untranslated page of a
    partial language, with a link to its parents' page)."""
    tr = strings[lang]["translation"]
    level = {"unreviewed": "info", "stale": "warning", "missing": "warning", "partial": "warning"}[kind]
    return str(_blocks().banner(
        kind, level, lang, strings[lang]["dir"], tr[kind], dutch_url, tr["dutch_original"], parents_url, tr["partial_parents"]))


def in_dutch(page_html: str, default: str, strings: dict) -> str:
    """An untranslated page's Dutch text, marked with its language and direction."""
    return str(_macros().in_language(default, strings[default]["dir"], Markup(page_html)))



_TASK_RE = re.compile(
    r'<li class="task-list-item"><label class="task-list-control"><input type="checkbox"( checked)?/?>'
    r'<span class="task-list-indicator"></span></label>\s*<label class="kb-item" for="([^"]+)" id="[^"]+" data-item="([^"]+)">')


def label_task_lists(page_html: str) -> str:
    """Give every generated checklist box the id its text label points at, its stable key,
    and its name (axe rule 'label')."""
    def repl(m):
        ident, key = m.group(2), m.group(3)
        return (f'<li class="task-list-item"><label class="task-list-control">'
                f'<input type="checkbox" id="{ident}" data-item="{key}" aria-labelledby="{ident}-t"{m.group(1) or ""}>'
                f'<span class="task-list-indicator"></span></label> '
                f'<label class="kb-item" for="{ident}" id="{ident}-t" data-item="{key}">')
    return _TASK_RE.sub(repl, page_html)


def render_status(rows, site: Site, lang: str, strings: dict, term_hits: dict | None = None,
                  coverage: list | None = None) -> str:
    """The status page: per language a summary (pages translated, current, behind, missing,
    reviewed, terms outside the termbase; a partial language says so), then every page in every
    language. ``coverage``: partial.Coverage per language."""
    s = strings[lang]
    tr = s["translation"]
    langs = site.languages[1:]
    cov = {c.lang: c for c in coverage or ()}

    def ltr(text):
        return f'<bdi dir="ltr">{text}</bdi>'
    summary = []
    for sm in summarise(rows, site.languages):
        c = cov.get(sm.lang)
        share = f"{s.number(sm.reviewed)} ({format_percent(sm.reviewed_share, locale=babel_locale(lang))})"
        summary.append({
            "lang": sm.lang, "name": strings[sm.lang]["language"], "partial": c is not None and c.partial,
            "coverage": "" if c is None else s.t(
                "translation.coverage_cell", count=ltr(s.number(c.translated)), total=ltr(s.number(c.total)),
                share=ltr(format_percent(c.share, locale=babel_locale(lang)))),
            "cells": [ltr(s.number(v)) for v in (sm.current, sm.behind, sm.missing)]
            + [ltr(share), ltr(s.number((term_hits or {}).get(sm.lang, 0)))]})
    by_base: dict = {}
    for r in rows:
        by_base.setdefault(r.base, {})[r.lang] = r

    def word(r):
        w = tr["missing_state"] if r.state == "missing" else tr[r.state]
        if r.state == "missing":
            return w
        return s.t("translation.state_with_review", state=w, review=tr["reviewed"] if r.reviewed else tr["not_reviewed"])
    pages = [{"base": base, "states": [{"state": st[x].state, "word": word(st[x])} for x in langs]}
             for base, st in by_base.items()]
    return _page("status.j2.md", tr=tr, summary=summary, names=[strings[x]["language"] for x in langs], pages=pages)


def expand_languages(markdown: str, lang: str, strings: dict, languages: tuple, base: str, link) -> str:
    """Replace ``<!-- kb:languages -->`` with the names of the other languages, each in its own
    language and script, linking to this page (or ``page=``) in that language. ``link(lang, src)``
    gives the relative link. Links into another language carry ``target="_self"``: Material takes a
    click on any other link into a language's folder for its language switcher, and goes to the
    current page in that language instead (integrations/alternate)."""
    def repl(m):
        target = m.group(1) or base
        links = language_links({x: link(x, target) for x in languages if x != lang}, strings)
        label = strings[lang]["page"]["languages" if target == base else "languages_parents"]
        return str(_macros().language_nav(label, links))
    return LANGUAGES_MARKER.sub(repl, markdown)


def expand_card_lists(markdown: str, site: Site, lang: str, strings: dict, up: str) -> str:
    """Replace ``<!-- kb:cards ids=V01,V13 -->`` or ``<!-- kb:cards audience=ouders section=thema -->``
    with a list of card links in the reader's language. Unknown ids are an error."""
    def repl(m):
        args = marker_args(m)
        cards = marker_cards(site, args)
        if args.get("view") == "grid":
            return "\n".join(['<div class="grid cards kb-cards" markdown>', "", *(_grid_card(c, lang, strings, up) for c in cards),
                              "</div>"])
        return "\n".join(f"- {card_link(c, lang, strings, up)}" for c in cards)
    return CARDS_MARKER.sub(repl, markdown)


def first_sentence(text: str) -> str:
    m = re.search(r"^.*?[.!?\u061f](?=\s|$)", text)
    return m.group(0) if m else text


def _grid_card(card: Card, lang: str, strings: dict, up: str) -> str:
    """A card in a grid: its title as the one link (CSS stretches it over the whole card), and the
    first sentence of what it means for the parent (or the summary on other cards)."""
    t, tl = card.text(lang), card.text_lang(lang)
    lead = first_sentence(t.parents) if card.for_parents and t.parents else t.summary
    return str(_blocks().grid_card(card_link(card, lang, strings, up), _in_lang(lead, tl, lang, strings)))


OVERVIEW = "overzicht.md"


def render_overview(site: Site, lang: str, strings: dict, pairs: dict) -> str:
    """The three parts of the report and the links the report makes between them:
    an SVG drawn here (no script), and the same links as text."""
    s = strings[lang]
    o = s["overview"]
    secs = list(SECTIONS)
    pos = {secs[0]: (160, 60), secs[1]: (60, 230), secs[2]: (260, 230)}
    counts = {sec: sum(1 for c in site.cards.values() if c.section == sec) for sec in secs}
    edges = []
    for (a, b), links in pairs.items():
        (x1, y1), (x2, y2) = pos[a], pos[b]
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        edges.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "width": f"{1 + len(links) / 2:.1f}",
                      "mx": mx, "my": my, "ty": my + 5, "count": len(links)})
    boxes = [{"x": pos[sec][0], "y": pos[sec][1], "name": s["nav"][SECTIONS[sec]["folder"]],
              "cards": s.n("cards.count", counts[sec])} for sec in secs]
    groups = [{"heading": f"{s['nav'][SECTIONS[a]['folder']]} – {s['nav'][SECTIONS[b]['folder']]} ({s.number(len(links))})",
               "anchor": f"{a}-{b}",
               "links": [(card_link(site.cards[x], lang, strings, ''), card_link(site.cards[y], lang, strings, ''))
                         for x, y in links]} for (a, b), links in pairs.items()]
    return _page("overview.j2.md", o=o, svg_title=o["svg_title"], edges=edges, boxes=boxes, groups=groups)


def school_help(env, lang: str, strings: dict) -> str:
    """The help block for parents (overrides/partials/kb-school-help.html), labels in ``lang``."""
    return env.get_template("partials/kb-school-help.html").render(s=strings[lang]["school"]).strip() + "\n"


def school_json(school, logo: str | None) -> str:
    """The school's details as the kb-school JSON block, safe inside <script>: "<", ">" and "&"
    are escaped, so no text can close the block. "null" without a school."""
    return "null" if school is None else script_json(school.data(logo))


def script_json(value) -> str:
    """JSON to stand inside <script type="application/json">: "<", ">" and "&" escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def school_css(color: str) -> str:
    """The school's colour as Material's primary colour (its contrast is checked on load)."""
    return (":root, [data-md-color-primary] {\n"
            f"  --md-primary-fg-color: {color};\n  --md-primary-fg-color--light: {color};\n"
            f"  --md-primary-fg-color--dark: {color};\n  --md-typeset-a-color: {color};\n}}\n"
            f".md-nav__link--active, .md-nav__link:hover, .kb-source {{ color: {color}; border-color: {color}; }}\n")


def page_tools(lang: str, strings: dict, url: str, marked: bool = False) -> str:
    """Under every page title: the read-aloud button (hidden until a voice is found), and,
    on paper only, the address of this page. ``marked``: with their language and direction,
    for a page whose text is in another language (an untranslated page)."""
    return str(_macros().page_tools(strings[lang]["page"], url, lang if marked else None, strings[lang]["dir"]))


def expand_questions(markdown: str, site: Site, lang: str, strings: dict, up: str, path: str = "") -> str:
    """Replace ``<!-- kb:questions ids=T01,T10.2 -->`` with the questions it picks, each with
    a link to its card, from the card model in the reader's language (the lesson guide)."""
    def repl(m):
        out = []
        for cid, n in question_picks(m.group(1), path, site.cards):
            c = site.cards[cid]
            t, tl = c.text(lang), c.text_lang(lang)
            q, ql = (t.questions[n], tl) if n < len(t.questions) else (c.nl.questions[n], site.languages[0])
            out.append(f'1. {_in_lang(q, ql, lang, strings)} <span class="kb-question-card">({card_link(c, lang, strings, up)})</span>')
        return "\n".join(out)
    return QUESTIONS_MARKER.sub(repl, markdown)


READER = "reader.md"


def build_date(lang: str, epoch: int) -> str:
    """The build date in the language's own long form (Babel, CLDR)."""
    import datetime

    from babel.dates import format_date
    return format_date(datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date(), "long", locale=babel_locale(lang))


def render_reader(site: Site, lang: str, strings: dict, language_name: str = "", date: str = "",
                  school_name: str | None = None, guide_url: str = "lesbrief.md") -> str:
    """Every card on one printable page: cover, contents, one part per section.
    ``make reader`` prints it to a PDF per language, fills in the contents' page numbers
    (the empty ``.kb-toc-page`` spans) and the download link."""
    s, r = strings[lang], strings[lang]["reader"]

    def card(c):
        t, tl = c.text(lang), c.text_lang(lang)
        return {"id": c.id, "title": _in_lang(t.title, tl, lang, strings),
                "toc_title": _in_lang(html.escape(t.title), tl, lang, strings),
                "badge": card_id_badge(c, lang, strings), "summary": _in_lang(t.summary, tl, lang, strings),
                "body": t.body.strip(), "source": c.source,
                "checklist": [_in_lang(*c.item_text(item, lang), lang, strings) for item in c.checklist],
                "questions": [_in_lang(q, tl, lang, strings) for q in t.questions]}
    parts = [{"anchor": sec, "name": s["nav"][meta["folder"]], "cards": [card(c) for c in site.cards.values() if c.section == sec]}
             for sec, meta in SECTIONS.items()]
    return _page("reader.j2.md", lang=lang, r=r, nav_title=json.dumps(r["nav"], ensure_ascii=False), school_name=school_name,
                 subtitle=s.t("reader.subtitle", date=s.date(ROUND_TABLES)),
                 language_line=s.t("reader.language", language=language_name),
                 built=s.t("reader.built", date=f"<bdi>{html.escape(date)}</bdi>"),
                 guide=s.t("reader.guide", url=guide_url), parts=parts,
                 checklist_label=s["card"]["checklist"], questions_label=s["card"]["questions"])


def not_found(lang: str, strings: dict, home: str) -> str:
    """The body of the 404 page (HTML: the page is a template, not Markdown), from the not_found
    macro: the catalog's sentence with its one Markdown link "[label](url)" made an HTML link."""
    s = strings[lang]
    text = s.t("notfound.text", home=home)
    m = re.search(r"\[([^\]]+)\]\(([^)]+)\)", text)
    if not m:
        return str(_macros().not_found(s.t("notfound.title"), text))
    return str(_macros().not_found(s.t("notfound.title"), text[:m.start()], m.group(2), m.group(1), text[m.end():]))
