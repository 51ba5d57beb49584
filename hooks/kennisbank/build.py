"""One build of the site: what it read, and the decisions it makes page by page, without MkDocs.

hooks/site.py makes one ``Build`` per build (in on_config of the outer build) and hands it plain
values; the addresses of pages come from ``locate``, a callable the hooks pass in (MkDocs decides
them: hooks/engine/mkdocs.py). The preview (scripts/preview.py) reads the content again and asks for
the generated pages through the same object.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import csp, render, sanitise, search, urls
from .checklists import build_checklists
from .glossary import Glossary
from .links import Links, section_pairs
from .loader import language_of, load_site
from .partial import PARENTS_PAGE, coverage, notice_href, own_pages
from .config import LANGUAGES_VARIABLE, check_partial_languages, chosen_languages
from .model import ContentError
from .school import DAYS, read_school as load_school_file
from .terms import check_project, load_termbases
from .translations import is_behind, translation_status
from .vocab import TAGS

# The menu's order: sections by folder, pages by path; anything else after them.
NAV_ORDER = ["index.md", "lezers", "themas", "voorwaarden", "organisatie", "checklists", "onderwerpen",
             "overzicht.md", "lesbrief.md", "studenten", "reader.md", "woordenlijst.md", "verslag.md", "vertalingen.md"]
# Where the help block for parents (the school's own details, or whom to ask at school) shows:
# the parents' pages, the home page, the printed parents' list and the bilingual sheet.
PARENT_PAGES = ("index.md", "lezers/ouders.md", "checklists/ouders.md", "checklists/ouders-tweetalig.md")
BANNER = "<!-- kb:banner -->"
# Languages a school may want for an interpreter, after the site's own (the brand page's list).
INTERPRETER_LANGUAGES = ["ti", "so", "ps", "ku", "es", "fr", "ru", "zh"]


@dataclass
class Build:
    """The state of one build. ``languages``: every configured language, the source first;
    ``built``: those this build writes; ``partial``: those with only the parents' layer;
    ``locate(prefix, src_uri)``: an object with the ``url`` and ``dest_uri`` of the page ``src_uri``
    under ``prefix`` ("" for the first language, "en/" for English)."""
    languages: tuple
    names: dict
    locate: Callable
    partial: tuple = ()
    built: tuple = ()
    site: object = None
    links: object = None
    checklists: dict | None = None
    strings: dict | None = None
    glossaries: dict = field(default_factory=dict)
    school: object = None
    school_json: str = "null"
    templates: object = None
    term_hits: dict = field(default_factory=dict)
    switcher: dict = field(default_factory=dict)
    generated: dict = field(default_factory=dict)  # this language's generated pages: src -> (markdown, in nav)
    not_found: dict = field(default_factory=dict)  # lang -> the 404 page
    dutch: dict = field(default_factory=dict)  # src -> (title, html, url) of the first language's pages
    views: dict = field(default_factory=dict)  # lang -> what its pages need to be rendered again
    nav: object = None

    @classmethod
    def start(cls, languages: tuple, names: dict, locate: Callable, partial_setting, config_name: str, environ,
              missing_words) -> Build:
        """A build of ``languages`` after the checks of the settings: the partial languages
        (extra.partial_languages), the theme's interface words (``missing_words``:
        engine.material.missing_interface_words) and the languages to build (``environ``)."""
        b = cls(languages, names, locate)
        b.partial = check_partial_languages(partial_setting, languages, config_name)
        check_interface_words(missing_words, config_name)
        b.built = languages_to_build(languages, environ)
        return b

    @property
    def default(self) -> str:
        return self.languages[0]

    # Reading.

    def read(self, docs_dir) -> None:
        """Read and check the content (ContentError on bad input): at the start, and again after an
        edit in the preview (catalogs, the school file and the termbases stay as they were)."""
        self.site = load_site(docs_dir, self.languages)
        self.links = Links(self.site.cards)
        self.checklists = build_checklists(self.site)

    def use_strings(self, strings: dict) -> None:
        self.strings = strings
        self.glossaries = {x: Glossary(strings[x]["glossary"]["terms"], x, self.default) for x in self.languages}
        self.switcher = {lang: {"name": strings[lang].t("switcher.partial", name=name) if lang in self.partial else name,
                                "dir": strings[lang]["dir"]} for lang, name in self.names.items()}

    def school_files(self, logo_uri: str | None) -> list[tuple[str, str | None, str | None]]:
        """(src_uri, file to copy, text) for the files the school adds: its logo, its colours."""
        out = []
        if self.school and self.school.logo:
            out.append((logo_uri, self.school.logo, None))
        if self.school and self.school.color:
            out.append(("assets/school.css", None, render.school_css(self.school.color)))
        return out

    def count_term_hits(self, project_root) -> None:
        """{lang: forbidden variants found} for the status page; `make translations` lists them."""
        hits = check_project(project_root, self.languages, load_termbases(project_root, self.languages))
        self.term_hits = {lang: sum(h.lang == lang for h in hits) for lang in self.languages[1:]}

    def site_names(self) -> dict:
        """{language: (site name, description)}, from each language's catalog."""
        return {lang: (self.strings[lang].t("site.name"), self.strings[lang].t("site.description")) for lang in self.names}

    # Addresses.

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default else f"{lang}/"

    def url(self, lang: str, src_uri: str) -> str:
        return self.locate(self.prefix(lang), src_uri).url

    def base(self, src_uri: str) -> str:
        """The docs path of the first language's original of a page ("themas/x.en.md" -> "themas/x.md")."""
        return language_of(src_uri, self.site.languages)[1] if src_uri.endswith(".md") else src_uri

    def own(self, lang: str):
        """The pages a partial language builds itself; None for a full language (all of them)."""
        return own_pages(self.site, lang) if lang in self.partial else None

    def excluded(self, lang: str, src_uri: str) -> bool:
        own = self.own(lang)
        return own is not None and self.base(src_uri) not in own

    # Generated pages.

    def generated_pages(self, lang: str, site_url: str, own=None) -> dict[str, tuple[str, bool]]:
        """src_uri -> (markdown, in nav) for the pages the build makes itself. ``own``: for a partial
        language, the pages it builds; the others are listed with no text (they are not built)."""
        pages = self.all_generated_pages(lang, site_url)
        return {src: (md() if own is None or src in own else "", in_nav) for src, (md, in_nav) in pages.items()}

    def all_generated_pages(self, lang: str, site_url: str) -> dict:
        """src_uri -> (function making its markdown, in nav)."""
        site, strings, default = self.site, self.strings, self.default

        def online(src):
            return render.online_url(site_url, self.url(lang, src)) if site_url else ""
        pages = {f"{urls.CHECKLIST_DIR}/index.md": (lambda: render.render_checklist_index(self.checklists, lang, strings), True)}
        sheet = f"{urls.CHECKLIST_DIR}/ouders-tweetalig.md"
        for cid, cl in self.checklists.items():
            src = f"{urls.CHECKLIST_DIR}/{cid}.md"
            pages[src] = (lambda cid=cid, cl=cl, src=src: render.render_checklist_page(
                cl, lang, strings, online(src), self.side_by_side(lang, src, sheet) if cid == "ouders" else None), True)
        pages[sheet] = (lambda: render.render_bilingual(self.checklists["ouders"], lang, default, strings, online(sheet),
                                                        self.side_by_side(lang, sheet, sheet)), False)
        for card in site.cards.values():
            src = urls.side_by_side_path(card)
            pages[src] = (lambda card=card, src=src: render.render_side_by_side(
                card, lang, default, strings, self.side_by_side(lang, src, src)), False)
        pages[f"{urls.TAG_DIR}/index.md"] = (lambda: render.render_tag_index(site, lang, strings), True)
        for tag in TAGS:
            pages[f"{urls.TAG_DIR}/{tag}.md"] = (lambda tag=tag: render.render_tag_page(tag, site, lang, strings), False)
        pages[render.OVERVIEW] = (lambda: render.render_overview(site, lang, strings, section_pairs(site.cards)), True)
        pages[render.READER] = (lambda: render.render_reader(
            site, lang, strings, language_name=self.names[lang], date=render.build_date(lang, self.epoch()),
            school_name=self.school.name if self.school else None), True)
        pages[urls.GLOSSARY] = (lambda: render.render_glossary(lang, strings), True)

        def status():
            rows = translation_status(site)
            return render.render_status(rows, site, lang, strings, self.term_hits, coverage(site, rows, self.partial))
        pages[render.STATUS] = (status, True)
        return pages

    @staticmethod
    def epoch() -> int:
        return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())

    def side_by_side(self, lang: str, from_src: str, to_src: str) -> dict:
        """{language: relative link} from page ``from_src`` to the side-by-side page ``to_src``: one
        link in the reader's language, or, on a first-language page, one per other language."""
        here = self.url(lang, from_src)
        langs = self.built[1:] if lang == self.default else (lang,)
        return {x: urls.relative_url(here, self.url(x, to_src)) for x in langs}

    # The menu.

    def section_key(self, folder: str):
        return NAV_ORDER.index(folder) if folder in NAV_ORDER else 99, folder

    def page_key(self, src: str):
        """Pages in NAV_ORDER, then a folder's index first, generated pages in the order they are made."""
        order = NAV_ORDER.index(self.base(src)) if self.base(src) in NAV_ORDER else 99
        generated = list(self.generated)
        return order, (0 if src.startswith(("index", "README")) or "/index." in src else 1,
                       generated.index(src) if src in self.generated else 0, src)

    # A page's Markdown.

    def page_markdown(self, markdown: str, lang: str, src_uri: str, page_url: str, site_url: str,
                      generated: bool, text_lang: str, dutch_url: Callable[[], str]) -> str:
        """Cards get their generated parts; translated and fallback pages get their notice.
        ``text_lang``: the language of the page's text (the first language's on a fallback page);
        ``dutch_url()``: the URL of the first language's version."""
        site, strings = self.site, self.strings
        base = self.base(src_uri)
        card = site.by_path.get(base)
        if card is not None:
            markdown = render.render_card(card, lang, strings, self.links, site, markdown,
                                          self.side_by_side(lang, base, urls.side_by_side_path(card)))
        else:  # card ids and sections in these markers were checked when the content was read
            up = "../" * base.count("/")
            markdown = render.expand_card_lists(markdown, site, lang, strings, up)
            markdown = render.expand_questions(markdown, site, lang, strings, up)
            markdown = render.expand_languages(markdown, lang, strings, self.built, base, lambda x, src: urls.relative_url(
                self.url(lang, base), self.url(x, src)))
        markdown = self.with_banner(markdown, lang, src_uri, page_url, generated, text_lang, dutch_url)
        if base in PARENT_PAGES:
            markdown = after_title(markdown, render.school_help(self.templates, lang, strings))
        url = render.online_url(site_url, page_url) if site_url else ""
        return after_title(markdown, render.page_tools(lang, strings, url, marked=is_fallback(generated, text_lang, lang)))

    def page_html(self, html: str, lang: str, src_uri: str, title: str, page_url: str, generated: bool,
                  text_lang: str) -> str:
        """Labelled checklist boxes; glossary terms as tooltips in the page's language; then the
        allowlist sanitiser (ContentError for what it would change). The first language's pages are
        kept for a partial language's notice pages."""
        html = self.glossaries[lang].annotate(render.label_task_lists(csp.alignment_classes(html)))
        if is_fallback(generated, text_lang, lang):  # the first language's text: say so to screen readers
            html = render.in_dutch(html, self.default, self.strings)
        html = sanitise.check(html, src_uri, "body")
        if lang == self.default and self.partial:
            self.dutch[src_uri] = (title, html, page_url)
        return html

    def with_banner(self, markdown: str, lang: str, src_uri: str, page_url: str, generated: bool, text_lang: str,
                    dutch_url: Callable[[], str]) -> str:
        """The notes a page gets under its title: partial language, untranslated, behind, unreviewed."""
        site = self.site
        if generated or lang == self.default:
            if lang in self.partial:  # a partial language says so on every page
                return after_title(markdown.replace(BANNER, ""), render.partial_mark(self.switcher[lang]["name"]))
            return markdown.replace(BANNER, "")
        dutch = urls.relative_url(page_url, dutch_url())
        this = site.pages.get(src_uri)
        if text_lang != lang and lang in self.partial:  # a partial language: point to what is translated
            parents = urls.relative_url(page_url, self.url(lang, PARENTS_PAGE))
            notes = render.banner("partial", lang, self.strings, None, parents)
        elif text_lang != lang:
            notes = render.banner("missing", lang, self.strings, None)
        else:
            notes = ""
            if this is not None and is_behind(site, this):
                notes += render.banner("stale", lang, self.strings, dutch)
            if this is not None and this.translation and not this.translation.reviewed:
                notes += render.banner("unreviewed", lang, self.strings, dutch)
            if lang in self.partial:  # a partial language says so on every page (its notice pages too)
                notes = render.partial_mark(self.switcher[lang]["name"]) + notes
        if BANNER in markdown:
            return markdown.replace(BANNER, notes)
        return after_title(markdown, notes)

    def not_found_page(self, lang: str, site_url: str | None) -> dict:
        """What the 404 page of ``lang`` says (overrides/404.html reads these from config.extra)."""
        home = (site_url or "/").rstrip("/") + "/" + self.prefix(lang)
        return {"kb_not_found": render.not_found(lang, self.strings, home),
                "kb_search_label": self.strings[lang].t("search.dialog")}

    def search_settings(self, lang: str):
        """How Material's settings of a page of ``lang`` change: its search ``base`` points at the root
        of the language (None: the first language's need no change)."""
        if lang == self.default:
            return None
        return lambda app: {**app, "base": search.language_base(app["base"], lang, self.default)}

    # After the build: the pages written beside MkDocs' own.

    def write_pages(self, root: Path, csp: str, stylesheets: list, scripts: list, favicon: str) -> None:
        """The pages MkDocs does not write itself: a 404 page per language (the first one at the
        root), brand.html, and a partial language's notice pages."""
        for lang, text in self.not_found.items():
            (root / self.prefix(lang) / "404.html").write_text(text, encoding="utf-8")
        (root / "brand.html").write_text(self.brand_page(csp), encoding="utf-8")
        for dest, text in self.notice_pages(csp, stylesheets, scripts, favicon):
            (root / dest).parent.mkdir(parents=True, exist_ok=True)
            (root / dest).write_text(text, encoding="utf-8")

    def notice_pages(self, csp: str, stylesheets: list, scripts: list, favicon: str):
        """A partial language's pages that are not translated: one light page each, at the address
        the page would have (overrides/kb-notice.html), with the notice in the language, the way to
        the first language's page, the parents' page and the other languages, and that text.
        Yields (dest_uri, html)."""
        default, names = self.default, self.switcher
        dutch_urls = {url for _, _, url in self.dutch.values()}
        template = self.templates.get_template("kb-notice.html")
        for lang in [x for x in self.partial if x in self.built]:
            own, s = own_pages(self.site, lang), self.strings[lang]
            for src, (title, article, dutch_url) in sorted(self.dutch.items()):
                if src in own:
                    continue
                url = self.url(lang, src)

                def rel(target, url=url):
                    return urls.relative_url(url, target)
                text = sanitise.relink(article, lambda v: notice_href(v, dutch_url, url, lang, dutch_urls))
                page = template.render(
                    lang=lang, dir=s["dir"], dutch_lang=default, title=title, site_name=s.t("site.name"),
                    csp=csp, school_json=self.school_json,
                    home=rel(self.url(lang, "index.md")), favicon=rel(favicon),
                    stylesheets=[rel(x) for x in stylesheets], scripts=[rel(x) for x in scripts],
                    notice=s["translation"]["partial"], dutch=rel(dutch_url), dutch_label=s["translation"]["dutch_original"],
                    parents=rel(self.url(lang, PARENTS_PAGE)), parents_label=s["translation"]["partial_parents"],
                    languages=[{"code": x, "name": names[x]["name"], "dir": names[x]["dir"], "href": rel(self.url(x, src))}
                               for x in self.site.languages if x in self.built], article=text)
                yield self.locate(self.prefix(lang), src).dest_uri, page

    def brand_page(self, csp: str) -> str:
        """brand.html: the form that brands a released site without a build (assets/brand.js)."""
        languages = [{"code": x, "name": self.names[x], "dir": self.strings[x]["dir"]} for x in self.built]  # the school's texts: built languages
        common = list(self.site.languages[1:]) + INTERPRETER_LANGUAGES
        return self.templates.get_template("kb-brand.html").render(
            csp=csp, days=list(DAYS), languages=languages, interpreter_languages=list(dict.fromkeys(common)),
            config_json=render.script_json({"languages": languages})) + "\n"


def is_fallback(generated: bool, text_lang: str, lang: str) -> bool:
    """An untranslated page: the first language's text in this language's build."""
    return not generated and text_lang != lang


def after_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    at = next((i + 1 for i, ln in enumerate(lines) if ln.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", block] + lines[at:])


def check_pages(root) -> None:
    """Every written page: no inline script (never hashed: an error) and no markup in a title (from
    a template or catalog: Material's tooltip would make it markup). ValueError naming the page."""
    for page in sorted(root.rglob("*.html")):
        text, where = page.read_text(encoding="utf-8"), page.relative_to(root).as_posix()
        found = csp.inline_scripts(text)
        if found:
            raise ValueError(f"{where}: inline script not allowed: {found[0]!r}")
        titles = sanitise.markup_in_titles(text)
        if titles:
            raise ValueError(f"{where}: title met HTML (Material toont hem als HTML; a title with markup): {titles[0]!r}")


def languages_to_build(languages: tuple, environ) -> tuple:
    """The languages to build, as data: `make site LANGUAGES=nl,ar,ti` (KB_LANGUAGES) for a school's
    choice, `make serve LANG=tr` (KB_LANGUAGE=tr) for the first language (the source and fallback) and
    that one. Every language is still read and checked: links and the status page need them. The
    switcher, hreflang and sitemap (static-i18n) and the links to other languages follow them."""
    only = environ.get("KB_LANGUAGE", "").strip()
    if only and only not in languages:
        raise ContentError("KB_LANGUAGE", "LANG", "{only!r} is not one of the languages in mkdocs.yml: {languages}",
                           only=only, languages=', '.join(languages))
    return (languages[0], only) if only else chosen_languages(environ.get(LANGUAGES_VARIABLE), languages)


def read_school(in_config, name: str, config_file, languages: tuple):
    """The school's own details (make site SCHOOL=school.yml, KB_SCHOOL): a data file, read as data.
    Returns (school or None, the lines to log: fields with no text in some languages)."""
    if in_config is not None:
        raise ContentError(Path(config_file).name, "extra.school",
                           "a school's details go in their own file: make site SCHOOL=school.yml")
    name = name.strip()
    if not name:
        return None, []
    school = load_school_file(name, Path(config_file).resolve().parent, languages)
    notes = [f"{Path(name).name}: {field} heeft geen tekst in {', '.join(lack)}; op die pagina's blijft het weg "
             f"(no text in those languages: left out there, never shown in Dutch)"
             for field, lack in school.missing_text(languages).items()]
    return school, notes


def check_interface_words(missing, config_name: str) -> None:
    """Material's own interface words (search, "skip to content", ...) come from a template per
    language; for a language Material lacks (Tigrinya, Somali, ...) the project supplies one.
    ``missing``: (language, template) pairs no theme folder has."""
    for lang, rel in missing:
        raise ContentError(config_name, f"plugins.i18n.languages[{lang}]",
                           "Material has no interface words for '{lang}': add overrides/{rel} (README: Adding a language)",
                           lang=lang, rel=rel)
