"""MkDocs hooks for the knowledge base: thin wiring from build events to ``kennisbank``.

static-i18n builds the whole site once per language: Dutch first, then the others
from inside its own ``on_post_build``. Every event below therefore runs once per
language; the current one is ``config.plugins["i18n"].current_language``.
"""
from __future__ import annotations

import json
import os
import re
import time
import logging
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

# MkDocs loads this file once per process (its hooks loader is cached), so the domain package is
# imported once too. `make serve LANG=..` (scripts/preview.py) restarts itself after a change under
# hooks/; a plain `mkdocs serve` keeps the code it started with.
from kennisbank import csp, foreign, render, sanitise, search
from kennisbank.checklists import build_checklists
from kennisbank.config import LANGUAGES_VARIABLE, check_partial_languages, chosen_languages
from kennisbank.editor import _, error as editor_error
from kennisbank.glossary import Glossary
from kennisbank.links import Links, section_pairs
from kennisbank.loader import language_of, load_site, section_of
from kennisbank.model import ContentError
from kennisbank.partial import PARENTS_PAGE, coverage, notice_href, own_pages
from kennisbank.school import check_site_url, read_school as load_school_file
from kennisbank.strings import load_strings
from kennisbank.terms import check_project, load_termbases
from kennisbank.translations import is_behind, translation_status
from kennisbank.vocab import TAGS

HERE = Path(__file__).parent
log = logging.getLogger("mkdocs.hooks.kennisbank")
NAV_ORDER = ["index.md", "lezers", "themas", "voorwaarden", "organisatie", "checklists", "onderwerpen",
             "overzicht.md", "lesbrief.md", "studenten", "reader.md", "woordenlijst.md", "verslag.md", "vertalingen.md"]
# Where the help block for parents (the school's own details, or whom to ask at school) shows:
# the parents' pages, the home page, the printed parents' list and the bilingual sheet.
PARENT_PAGES = ("index.md", "lezers/ouders.md", "checklists/ouders.md", "checklists/ouders-tweetalig.md")
state = SimpleNamespace(site=None, strings=None, links=None, checklists=None, generated={}, school=None, glossaries={}, not_found={},
                        term_hits={}, partial=(), nav=None, views={}, school_json="null", templates=None,
                        dutch={}, built=())


def _languages(config) -> tuple:
    langs = config.plugins["i18n"].config.languages
    return tuple([x.locale for x in langs if x.default] + [x.locale for x in langs if not x.default])


def _language_names(config) -> dict:
    return {x.locale: x.name for x in config.plugins["i18n"].config.languages}


def _lang(config) -> str:
    return config.plugins["i18n"].current_language


@event_priority(100)
def on_config(config):
    """Run first, before i18n (-100) and before anything is written: read and validate all
    content of every language, so bad input stops the build with nothing half-written."""
    if config.extra.get("csp_meta", True) is not False:  # off only in the preview (live reload is inline)
        config.extra["csp_meta"] = csp.policy(meta=True)
    if config.plugins["i18n"].building:
        return config  # a nested language build: the outer build has read everything already
    try:
        languages = _languages(config)
        state.partial = check_partial_languages(config.extra.get("partial_languages"), languages,
                                                Path(config.config_file_path or "mkdocs.yml").name)
        _check_theme_languages(config, languages)
        _preview_only(config, languages)
        _read_content(config, languages)
        state.strings = load_strings(HERE, languages, _language_names(config))
        state.glossaries = {x: Glossary(state.strings[x]["glossary"]["terms"], x, languages[0]) for x in languages}
        state.school = _school(config, languages)
        state.school_json = render.school_json(state.school, config.theme.get("logo") if state.school else None)
        state.templates = render.template_env(config.theme.dirs)
        state.term_hits = _term_hits(config, languages)
        _site_names(config)
        config.extra["switcher"] = _switcher(config)
        if config.site_url:  # from mkdocs.yml or KB_SITE_URL: it reaches every page's links
            check_site_url(config.site_url, "KB_SITE_URL", "site_url")
    except ContentError as e:
        raise PluginError(_("Invalid content: {error}", error=editor_error(e))) from None
    return config


def _check_theme_languages(config, languages):
    """Material's own interface words (search, "skip to content", ...) come from a template per
    language; for a language Material lacks (Tigrinya, Somali, ...) the project supplies one."""
    for lang in languages:
        rel = f"partials/languages/{lang}.html"
        if not any((Path(d) / rel).is_file() for d in config.theme.dirs):
            raise ContentError(Path(config.config_file_path or "mkdocs.yml").name, f"plugins.i18n.languages[{lang}]",
                               "Material has no interface words for '{lang}': add overrides/{rel} (README: Adding a language)", lang=lang, rel=rel)


def _read_content(config, languages) -> None:
    state.site = load_site(config.docs_dir, languages)
    state.links = Links(state.site.cards)
    state.checklists = build_checklists(state.site)


def reread_content(config) -> None:
    """After an edit in the preview (scripts/preview.py): read the content again. Catalogs, the
    school file and the termbase check stay as they were (a change there restarts the preview)."""
    try:
        _read_content(config, state.site.languages)
    except ContentError as e:
        raise PluginError(_("Invalid content: {error}", error=editor_error(e))) from None


def _preview_only(config, languages) -> None:
    """The languages to build, as data: `make site LANGUAGES=nl,ar,ti` (KB_LANGUAGES) for a school's
    choice, `make serve LANG=tr` (KB_LANGUAGE=tr) for Dutch (the source and fallback) and that one.
    Every language is still read and checked: links and the status page need them. The switcher,
    hreflang and sitemap (static-i18n) and the links to other languages follow state.built."""
    only = os.environ.get("KB_LANGUAGE", "").strip()
    if only and only not in languages:
        raise ContentError("KB_LANGUAGE", "LANG", "{only!r} is not one of the languages in mkdocs.yml: {languages}", only=only, languages=', '.join(languages))
    state.built = (languages[0], only) if only else chosen_languages(os.environ.get(LANGUAGES_VARIABLE), languages)
    for lang in config.plugins["i18n"].config.languages:
        lang.build = lang.locale in state.built


def _term_hits(config, languages) -> dict:
    """{lang: forbidden variants found} for the status page; `make translations` lists them."""
    root = Path(config.config_file_path or "mkdocs.yml").parent
    hits = check_project(root, languages, load_termbases(root, languages))
    return {lang: sum(h.lang == lang for h in hits) for lang in languages[1:]}


def _switcher(config) -> dict:
    """{language: its name and direction} for the language switcher (overrides/partials/alternate.html).
    A partial language is marked as partial there, in its own words, from its own catalog."""
    return {lang: {"name": state.strings[lang].t("switcher.partial", name=name) if lang in state.partial else name,
                   "dir": state.strings[lang]["dir"]} for lang, name in _language_names(config).items()}


def _site_names(config):
    """Each language's site name (its home page title) and description come from its catalog;
    static-i18n puts them on that language's pages."""
    for lang in config.plugins["i18n"].config.languages:
        s = state.strings[lang.locale]
        lang.site_name = s.t("site.name")
        lang.site_description = s.t("site.description")
        if lang.default:
            config.site_name, config.site_description = lang.site_name, lang.site_description


def _school(config, languages):
    """The school's own details (make site SCHOOL=school.yml): a data file, read as data, with
    its logo and colour wired into the theme. A school file cannot change any other setting."""
    if config.extra.get("school") is not None:
        raise ContentError(Path(config.config_file_path or "mkdocs.yml").name, "extra.school",
                           "a school's details go in their own file: make site SCHOOL=school.yml")
    name = os.environ.get("KB_SCHOOL", "").strip()
    if not name:
        return None
    school = load_school_file(name, Path(config.config_file_path or "mkdocs.yml").resolve().parent, languages)
    if school.logo:
        config.theme["logo"] = f"assets/school-logo{Path(school.logo).suffix.lower()}"
    if school.color and "assets/school.css" not in config.extra_css:
        config.extra_css.append("assets/school.css")
    if school.site_url:
        config.site_url = school.site_url
    for field, lack in school.missing_text(languages).items():  # one line; the build goes on
        log.info(f"{Path(name).name}: {field} heeft geen tekst in {', '.join(lack)}; op die pagina's blijft het weg "
                 f"(no text in those languages: left out there, never shown in Dutch)")
    return school


def _generated_file(config, lang: str, src_uri: str, content: str = "", in_nav: bool = True) -> File:
    """A virtual page of ``lang``, placed where static-i18n places that language's pages."""
    f = File.generated(config, src_uri, content=content,
                       inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV)
    f.dest_uri = _lang_uri(lang, f.dest_uri)
    return f


def _url(config, lang: str, src_uri: str) -> str:
    return _generated_file(config, lang, src_uri).url


def _generated_pages(config, lang: str, site_url: str, own=None) -> dict[str, tuple[str, bool]]:
    """src_uri -> (markdown, in nav) for the pages the build makes itself. ``own``: for a partial
    language, the pages it builds; the others are listed with no text (they are not built)."""
    pages = _all_generated_pages(config, lang, site_url)
    return {src: (md() if own is None or src in own else "", in_nav) for src, (md, in_nav) in pages.items()}


def _all_generated_pages(config, lang: str, site_url: str) -> dict:
    """src_uri -> (function making its markdown, in nav)."""
    site, strings = state.site, state.strings
    default = site.languages[0]
    pages = {f"{render.CHECKLIST_DIR}/index.md": (lambda: render.render_checklist_index(state.checklists, lang, strings), True)}
    sheet = f"{render.CHECKLIST_DIR}/ouders-tweetalig.md"
    for cid, cl in state.checklists.items():
        src = f"{render.CHECKLIST_DIR}/{cid}.md"
        pages[src] = (lambda cid=cid, cl=cl, src=src: render.render_checklist_page(
            cl, lang, strings, render.online_url(site_url, _url(config, lang, src)) if site_url else "",
            _side_by_side(config, lang, src, sheet) if cid == "ouders" else None), True)
    pages[sheet] = (lambda: render.render_bilingual(state.checklists["ouders"], lang, default, strings, render.online_url(
        site_url, _url(config, lang, sheet)) if site_url else "", _side_by_side(config, lang, sheet, sheet)), False)
    for card in site.cards.values():
        src = render.side_by_side_path(card)
        pages[src] = (lambda card=card, src=src: render.render_side_by_side(
            card, lang, default, strings, _side_by_side(config, lang, src, src)), False)
    pages[f"{render.TAG_DIR}/index.md"] = (lambda: render.render_tag_index(site, lang, strings), True)
    for tag in TAGS:
        pages[f"{render.TAG_DIR}/{tag}.md"] = (lambda tag=tag: render.render_tag_page(tag, site, lang, strings), False)
    pages[render.OVERVIEW] = (lambda: render.render_overview(site, lang, strings, section_pairs(site.cards)), True)
    pages[render.READER] = (lambda: render.render_reader(
        site, lang, strings, language_name=_language_names(config)[lang],
        date=render.build_date(lang, int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())),
        school_name=state.school.name if state.school else None), True)
    pages[render.GLOSSARY] = (lambda: render.render_glossary(lang, strings), True)

    def status():
        rows = translation_status(site)
        return render.render_status(rows, site, lang, strings, state.term_hits, coverage(site, rows, state.partial))
    pages[render.STATUS] = (status, True)
    return pages


def _side_by_side(config, lang: str, from_src: str, to_src: str) -> dict:
    """{language: relative link} from page ``from_src`` to the side-by-side page ``to_src``: one
    link in the reader's language, or, on a Dutch page, one per other language."""
    default = state.site.languages[0]
    here = _url(config, lang, from_src)
    langs = state.built[1:] if lang == default else (lang,)
    return {x: render.relative_url(here, _url(config, x, to_src)) for x in langs}


def _lang_uri(lang: str, uri: str) -> str:
    return uri if lang == state.site.languages[0] else f"{lang}/{uri}"


@event_priority(-200)
def on_files(files, config):
    """Run after i18n (-100) has picked this language's files: it rebuilds File objects from
    disk and would drop virtual ones. Generated pages get the language's URL prefix and
    alternates, so the language switcher and links stay in the reader's language."""
    lang = _lang(config)
    # Cards stay out of the sidebar: each section's page lists them. A sidebar of every card
    # made each page's HTML grow with the number of cards, and the build quadratic.
    # A partial language builds only its own pages; links to the others still resolve (to the
    # notice pages on_post_build writes at their addresses).
    own = own_pages(state.site, lang) if lang in state.partial else None
    for f in files.documentation_pages():
        if own is not None and _base(f.src_uri) not in own:
            f.inclusion = InclusionLevel.EXCLUDED
        elif section_of(_base(f.src_uri)):
            f.inclusion = InclusionLevel.NOT_IN_NAV
    school = state.school
    if school and school.logo:
        files.append(File.generated(config, config.theme["logo"], abs_src_path=school.logo))
    if school and school.color:
        files.append(File.generated(config, "assets/school.css", content=render.school_css(school.color)))
    state.generated = _generated_pages(config, lang, config.site_url or "", own)  # "": no address to print
    for src_uri, (markdown, in_nav) in state.generated.items():
        f = _generated_file(config, lang, src_uri, markdown, in_nav)
        if own is not None and src_uri not in own:
            f.inclusion = InclusionLevel.EXCLUDED
        f.locale = f.locale_alternate_of = lang
        f.localization = None if lang == state.site.languages[0] else lang
        f.alternates = {other: _generated_file(config, other, src_uri) for other in state.built}
        files.append(f)
        # static-i18n's sitemap lists the files it saw; add ours, with their alternates (hreflang).
        if f.inclusion.is_included():
            config.plugins["i18n"].i18n_files_per_language.setdefault(lang, []).append(f)
    return files


def on_env(env, config, files):
    """Keep what this language's pages need to be rendered again one by one (scripts/preview.py)."""
    state.views[_lang(config)] = SimpleNamespace(env=env, files=files, nav=state.nav)
    return env


@event_priority(-200)
def on_nav(nav, config, files):
    """Section titles from the language's strings file, sections and generated pages in a fixed order."""
    names = state.strings[_lang(config)]["nav"]
    order = {k: i for i, k in enumerate(NAV_ORDER)}
    generated = {src: i for i, src in enumerate(state.generated)}

    def key(item):
        if isinstance(item, Section):
            folder = _folder(item)
            return order.get(folder, 99), folder
        src = item.file.src_uri if isinstance(item, Page) else ""
        return order.get(_base(src), 99), (0 if src.startswith(("index", "README")) or "/index." in src else 1,
                                     generated.get(src, 0), src)

    def walk(items):
        for item in items:
            if isinstance(item, Section):
                folder = _folder(item)
                if folder in names:
                    item.title = names[folder]
                item.children.sort(key=key)
                walk(item.children)
    nav.items.sort(key=key)
    walk(nav.items)
    _link_in_menu_order(nav)
    state.nav = nav
    return nav


def _link_in_menu_order(nav):
    """MkDocs set previous/next before the menu was sorted: set them again, in menu order."""
    pages = []

    def collect(items):
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                collect(item.children)
    collect(nav.items)
    nav.pages = pages
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None


def _folder(section) -> str:
    for child in section.children:
        if isinstance(child, Page):
            return child.file.src_uri.split("/")[0]
        if isinstance(child, Section):
            return _folder(child)
    return ""


def on_page_markdown(markdown, page, config, files):
    """Cards get their generated parts; translated and fallback pages get their notice;
    (the glossary of its language becomes tooltips in on_page_content)."""
    lang = _lang(config)
    site, strings = state.site, state.strings
    base = _base(page.file.src_uri)
    card = site.by_path.get(base)
    if card is not None:
        markdown = render.render_card(card, lang, strings, state.links, site, markdown,
                                      _side_by_side(config, lang, base, render.side_by_side_path(card)))
    else:  # card ids and sections in these markers were checked when the content was read
        up = "../" * base.count("/")
        markdown = render.expand_card_lists(markdown, site, lang, strings, up)
        markdown = render.expand_questions(markdown, site, lang, strings, up)
        markdown = render.expand_languages(markdown, lang, strings, state.built, base, lambda x, src: render.relative_url(
            _url(config, lang, base), _url(config, x, src)))
    markdown = _with_banner(markdown, page, config, lang, base)
    if base in PARENT_PAGES:
        markdown = _after_title(markdown, render.school_help(state.templates, lang, strings))
    url = render.online_url(config.site_url, page.url) if config.site_url else ""
    markdown = _after_title(markdown, render.page_tools(lang, strings, url, marked=_is_fallback(page, lang)))
    return markdown


def _is_fallback(page, lang: str) -> bool:
    """An untranslated page: static-i18n shows the Dutch file in this language's build."""
    return not getattr(page.file, "generated_by", None) and page.file.locale != lang


def _base(src_uri: str) -> str:
    """The docs path of the Dutch original of a page ("themas/x.en.md" -> "themas/x.md")."""
    return language_of(src_uri, state.site.languages)[1] if src_uri.endswith(".md") else src_uri


def _after_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    at = next((i + 1 for i, ln in enumerate(lines) if ln.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", block] + lines[at:])


def _with_banner(markdown: str, page, config, lang: str, base: str) -> str:
    site = state.site
    if getattr(page.file, "generated_by", None) or lang == site.languages[0]:
        if lang in state.partial:  # a partial language says so on every page
            return _after_title(markdown.replace("<!-- kb:banner -->", ""), render.partial_mark(config.extra["switcher"][lang]["name"]))
        return markdown.replace("<!-- kb:banner -->", "")
    dutch_url = render.relative_url(page.url, page.file.alternates[site.languages[0]].url)
    this = site.pages.get(page.file.src_uri)
    if page.file.locale != lang and lang in state.partial:  # a partial language: point to what is translated
        parents = render.relative_url(page.url, _url(config, lang, PARENTS_PAGE))
        notes = render.banner("partial", lang, state.strings, None, parents)
    elif page.file.locale != lang:
        notes = render.banner("missing", lang, state.strings, None)
    else:
        notes = ""
        if this is not None and is_behind(site, this):
            notes += render.banner("stale", lang, state.strings, dutch_url)
        if this is not None and this.translation and not this.translation.reviewed:
            notes += render.banner("unreviewed", lang, state.strings, dutch_url)
        if lang in state.partial:  # a partial language says so on every page (its notice pages too)
            notes = render.partial_mark(config.extra["switcher"][lang]["name"]) + notes
    if "<!-- kb:banner -->" in markdown:
        return markdown.replace("<!-- kb:banner -->", notes)
    return _after_title(markdown, notes)


@event_priority(0)
def on_page_context(context, page, config, nav):
    """Run after static-i18n (50) has set this page's language switcher links. It writes the
    links of home pages as absolute paths ("/en/"), which break under file:// and when a
    school moves the site: make every switcher link relative to the site root instead."""
    prefix = urlsplit(config.site_url or "/").path
    # The <link rel="alternate" hreflang> in the head: full addresses on the web, as search engines
    # want them; relative in the file:// build (mkdocs.offline.yml), which has no address.
    absolute = bool(config.site_url) and config.extra.get("absolute_alternates", True) is not False
    for alt in _alternates(config):
        link = alt["link"]
        if link.startswith(prefix) and not link.startswith(("http:", "https:")):
            link = link[len(prefix):]
        alt["link"] = link or ("./" if config.use_directory_urls else "index.html")
        alt["href"] = urljoin(config.site_url, alt["link"]) if absolute else None
    context["kb_search_label"] = state.strings[_lang(config)].t("search.dialog")
    context["kb_school_json"] = state.school_json
    return context


def _alternates(config) -> list:
    """The language entries as the templates read them (Jinja tries an attribute before an item):
    static-i18n sets ``config.extra.alternate`` as an attribute, anew for each page, which
    ``config.extra["alternate"]`` does not see."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def on_page_content(html, page, config, files):
    """Labelled checklist boxes; glossary terms as tooltips in the page's language; then every
    page's HTML through the allowlist sanitiser: what it would change is refused."""
    try:
        lang = _lang(config)
        html = state.glossaries[lang].annotate(render.label_task_lists(csp.alignment_classes(html)))
        if _is_fallback(page, lang):  # Dutch text on a page of another language: say so to screen readers
            html = render.in_dutch(html, state.site.languages[0], state.strings)
        html = sanitise.check(html, page.file.src_uri, "body")
        if lang == state.site.languages[0] and state.partial:  # the Dutch text of a partial language's notice pages
            state.dutch[page.file.src_uri] = (page.title, html, page.url)
        return html
    except ContentError as e:
        raise PluginError(_("Invalid content: {error}", error=editor_error(e))) from None


_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def on_post_page(output, page, config):
    """Point Material's search (its ``base``) at the root of this page's language."""
    lang, default = _lang(config), state.site.languages[0]
    if lang == default:
        return output

    def repl(m):
        app = json.loads(m.group(2))
        app["base"] = search.language_base(app["base"], lang, default)
        return m.group(1) + csp.script_json(app) + m.group(3)
    return _CONFIG_RE.sub(repl, output, count=1)


@event_priority(-200)
def on_post_build(config):
    """After static-i18n (-100) has built every language and merged their search entries,
    split the merged index into one index per language. Runs once, in the outer build."""
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    root = Path(config.site_dir)
    for lang, text in state.not_found.items():  # a 404 page per language; the Dutch one at the root
        (root / ("" if lang == state.site.languages[0] else lang) / "404.html").write_text(text, encoding="utf-8")
    merged = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    lunr = {p.name.split(".")[1] for p in (root / "assets" / "javascripts" / "lunr" / "min").glob("lunr.*.min.js")}
    for lang, index in search.split_index(merged, state.built, lunr).items():
        folder = root / ("" if lang == state.site.languages[0] else lang) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in search.index_files(index).items():
            (folder / name).write_text(text, encoding="utf-8")
    (root / "brand.html").write_text(_brand_page(config), encoding="utf-8")  # checked below with every page
    _write_notice_pages(config, root)
    for page in sorted(root.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = csp.inline_scripts(text)
        if found:  # never hashed: an inline script in the output is an error
            raise PluginError(f"{page.relative_to(root).as_posix()}: inline script not allowed: {found[0]!r}")
        titles = sanitise.markup_in_titles(text)
        if titles:  # from a template or catalog: Material's tooltip would make it markup
            raise PluginError(f"{page.relative_to(root).as_posix()}: title met HTML (Material toont hem als HTML; "
                              f"a title with markup): {titles[0]!r}")
    (root / "csp-nginx.conf").write_text(csp.nginx_snippet(), encoding="utf-8")
    if csp.FILE_WORKER in (config.extra.get("polyfills") or []):  # the site from disk: search in a frame
        workers = sorted((root / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        try:
            if len(workers) != 1:
                raise ValueError(f"{len(workers)} search workers (search.*.min.js), expected 1")
            (workers[0].parent / csp.WORKER_FRAME).write_text(csp.worker_frame(workers[0].name), encoding="utf-8")
        except ValueError as e:
            raise PluginError(f"assets/javascripts/workers: {e}") from None
    if not config.site_url:  # a sitemap needs full addresses: none rather than a placeholder
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (root / name).unlink(missing_ok=True)
    bundles = 0
    for folder in ("javascripts", "stylesheets"):  # Material's unpkg loaders and source maps
        for f in sorted((root / "assets" / folder).rglob("*")):
            if f.suffix == ".map":
                f.unlink()
            elif f.suffix in (".js", ".css"):
                text = new = f.read_text(encoding="utf-8")
                if f.parent.name == "javascripts" and f.name.startswith("bundle.") and f.suffix == ".js":
                    bundles += 1
                    try:
                        new = foreign.without_alternate_sitemaps(new)
                    except ValueError as e:
                        raise PluginError(f"{f.relative_to(root).as_posix()}: {e}") from None
                new = foreign.neutralise(new)
                if new != text:
                    f.write_text(new, encoding="utf-8")
    if bundles != 1:
        raise PluginError(f"assets/javascripts: {bundles} Material bundles (bundle.*.js), expected 1")


def _write_notice_pages(config, root: Path) -> None:
    """A partial language's pages that are not translated: one light page each, at the address
    the page would have (overrides/kb-notice.html), with the notice in the language, the way to
    the Dutch page, the parents' page and the other languages, and the Dutch text."""
    built = [x.locale for x in config.plugins["i18n"].config.languages if x.build]
    default = state.site.languages[0]
    dutch_urls = {url for _, _, url in state.dutch.values()}
    template = state.templates.get_template("kb-notice.html")
    names = config.extra["switcher"]  # set once in on_config
    css = [p.relative_to(root).as_posix() for p in sorted((root / "assets" / "stylesheets").glob("main.*.min.css"))]
    css += [x for x in config.extra_css]
    for lang in [x for x in state.partial if x in built]:
        own, s = own_pages(state.site, lang), state.strings[lang]
        for src, (title, article, dutch_url) in sorted(state.dutch.items()):
            if src in own:
                continue
            url = _url(config, lang, src)
            rel = lambda target: render.relative_url(url, target)
            text = sanitise.relink(article, lambda v: notice_href(v, dutch_url, url, lang, dutch_urls))
            page = template.render(
                lang=lang, dir=s["dir"], dutch_lang=default, title=title, site_name=s.t("site.name"),
                csp=config.extra.get("csp_meta") or "", school_json=state.school_json,
                home=rel(_url(config, lang, "index.md")), favicon=rel(config.theme.get("favicon") or "assets/images/favicon.png"),
                stylesheets=[rel(x) for x in css], scripts=[rel(str(getattr(x, "path", x))) for x in config.extra_javascript],
                notice=s["translation"]["partial"], dutch=rel(dutch_url), dutch_label=s["translation"]["dutch_original"],
                parents=rel(_url(config, lang, PARENTS_PAGE)), parents_label=s["translation"]["partial_parents"],
                languages=[{"code": x, "name": names[x]["name"], "dir": names[x]["dir"], "href": rel(_url(config, x, src))}
                           for x in state.site.languages if x in built], article=text)
            out = root / _generated_file(config, lang, src).dest_uri
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(page, encoding="utf-8")


def _brand_page(config) -> str:
    """brand.html: the form that brands a released site without a build (assets/brand.js)."""
    from kennisbank.school import DAYS
    names = _language_names(config)
    languages = [{"code": x, "name": names[x], "dir": state.strings[x]["dir"]} for x in state.built]  # the school's texts: built languages
    common = [x for x in state.site.languages[1:]] + ["ti", "so", "ps", "ku", "es", "fr", "ru", "zh"]
    return state.templates.get_template("kb-brand.html").render(
        csp=config.extra.get("csp_meta") or "", days=list(DAYS), languages=languages,
        interpreter_languages=list(dict.fromkeys(common)),
        config_json=render.script_json({"languages": languages})) + "\n"


def on_pre_build(config):
    """What the 404 page says, in the language of this build (overrides/404.html): it is a theme
    template, rendered without a page, so it reads these from the config."""
    if state.strings is None:
        return
    lang = _lang(config)
    home = (config.site_url or "/").rstrip("/") + "/" + ("" if lang == state.site.languages[0] else f"{lang}/")
    config.extra["kb_not_found"] = render.not_found(lang, state.strings, home)
    config.extra["kb_search_label"] = state.strings[lang].t("search.dialog")


def on_post_template(output, template_name, config):
    """Every language build writes 404.html to the same place; on_post_build puts each in its folder."""
    if template_name == "404.html" and state.strings is not None:
        state.not_found[_lang(config)] = output
    return output
