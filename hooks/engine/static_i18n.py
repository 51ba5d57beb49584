"""The two places where the build changes static-i18n 1.3.1 (mkdocs-static-i18n), and what the hooks
read and set on it at run time (3.), each checked by tests/test_engine.py against the installed package.

1. Language codes of three letters (ckb, Central Kurdish).

static-i18n 1.3.1 accepts only two-letter language codes (``RE_LOCALE`` in its ``config``
module, copied into ``suffix`` and ``folder``); upstream pull request ultrabug/mkdocs-static-i18n#348
widens it. Until a release has it, this module widens the pattern to BCP 47's two or three letters
with an optional script (zh-Hans) and region.

It must run before MkDocs validates the plugins' settings. MkDocs loads Markdown extensions first
(``markdown_extensions`` comes before ``plugins`` in its schema), so mkdocs.yml lists this module as
an extension that adds nothing to Markdown; importing it is the point.

2. The language alternates of every file (``ExtendedPlugin.reconfigure_files_alternates``). Upstream
makes a new File for every (build language, page, alternate file) to learn the alternate's
language, which the file's name alone decides: with fifteen languages that was a fifth of a build.
``reconfigure_files_alternates`` below is upstream's function (1.3.1) with that language read once
per file; the alternates it sets are the same objects upstream would set.
"""
from __future__ import annotations

import re

from markdown.extensions import Extension

LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")
MODULES = ("mkdocs_static_i18n.config", "mkdocs_static_i18n.suffix", "mkdocs_static_i18n.folder")


class StaticI18nChanged(ImportError):
    pass


def widen_static_i18n_locales() -> None:
    """Set static-i18n's locale pattern to ``LOCALE`` in each module that holds a copy of it."""
    import importlib
    for name in MODULES:
        module = importlib.import_module(name)
        if not isinstance(getattr(module, "RE_LOCALE", None), re.Pattern):
            raise StaticI18nChanged(f"static-i18n changed: {name}.RE_LOCALE is gone; see hooks/engine/static_i18n.py "
                                    f"(three-letter language codes such as ckb)")
        module.RE_LOCALE = LOCALE


def reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
    """Upstream's ExtendedPlugin.reconfigure_files_alternates (static-i18n 1.3.1), each alternate's
    language computed once (``language``) instead of once per build language."""
    known = {}

    def language(file):
        if file.src_uri not in known:  # decided by the file's name: the same for every build language
            known[file.src_uri] = create_i18n_file(file, self.default_language, self.default_language,
                                                   self.all_languages, mkdocs_config).locale
        return known[file.src_uri]

    for build_lang in sorted(self.build_languages):
        for i18n_src_uri, i18n_file in i18n_src_uris.items():
            if build_lang in i18n_file.alternates:
                continue
            candidates = i18n_alternate_src_uris.get(i18n_src_uri, [])
            found = next((f for f in candidates if language(f) == build_lang), None)
            if found is not None:
                i18n_file.alternates[build_lang] = create_i18n_file(
                    found, build_lang, self.default_language, self.all_languages, mkdocs_config)
                continue
            if self.config.fallback_to_default is not True:
                continue
            found = next((f for f in candidates if language(f) == self.default_language), None)
            alternate = create_i18n_file(found if found is not None else i18n_file, build_lang,
                                         self.default_language, self.all_languages, mkdocs_config)
            if alternate.locale == self.default_language:
                i18n_file.alternates[build_lang] = alternate


UPSTREAM = "mkdocs_static_i18n.reconfigure"


def use_faster_alternates() -> None:
    import importlib
    module = importlib.import_module(UPSTREAM)
    plugin = getattr(module, "ExtendedPlugin", None)
    if plugin is None or not callable(getattr(plugin, "reconfigure_files_alternates", None)):
        raise StaticI18nChanged(f"static-i18n changed: {UPSTREAM}.ExtendedPlugin.reconfigure_files_alternates is gone; "
                                f"see hooks/engine/static_i18n.py")
    plugin.reconfigure_files_alternates = reconfigure_files_alternates


widen_static_i18n_locales()
use_faster_alternates()


# 3. What the hooks read and set on the plugin at run time (static-i18n 1.3.1): the languages, the
# language being built, the nested builds, and the attributes its sitemap, switcher and alternates
# read from files. Import this module as ``hooks.engine.static_i18n`` (as mkdocs.yml does), so the
# two changes above are made once.

def _plugin(config):
    return config.plugins["i18n"]


def languages(config) -> tuple:
    """The configured languages, the default (the source) first."""
    langs = _plugin(config).config.languages
    return tuple([x.locale for x in langs if x.default] + [x.locale for x in langs if not x.default])


def language_names(config) -> dict:
    return {x.locale: x.name for x in _plugin(config).config.languages}


def current_language(config) -> str:
    """The language this (outer or nested) build is making."""
    return _plugin(config).current_language


def is_nested_build(config) -> bool:
    """True inside the builds static-i18n starts from its on_post_build (every language but the
    first), false in the outer build."""
    return bool(_plugin(config).building)


def build_only(config, built) -> None:
    """Build only the languages in ``built`` (static-i18n reads ``build`` when it starts them)."""
    for lang in _plugin(config).config.languages:
        lang.build = lang.locale in built


def set_site_names(config, names: dict) -> None:
    """{language: (site name, description)}: static-i18n puts them on that language's pages; the
    default language's are the site's own."""
    for lang in _plugin(config).config.languages:
        lang.site_name, lang.site_description = names[lang.locale]
        if lang.default:
            config.site_name, config.site_description = lang.site_name, lang.site_description


def set_file_language(f, lang: str, default: str, alternates: dict) -> None:
    """A virtual file of ``lang`` as static-i18n's own files are: its language, its URL prefix and
    its versions in the other languages (the switcher and hreflang read them)."""
    f.locale = f.locale_alternate_of = lang
    f.localization = None if lang == default else lang
    f.alternates = alternates


def add_language_pages(config, files, lang: str, pages: dict, prefixes: dict, default: str) -> None:
    """The pages the build makes itself ({src_uri: (markdown, in nav, excluded)}), as pages of
    ``lang``: placed where static-i18n places that language's pages (``prefixes``: {language: URL
    prefix} of the languages built), with their language and alternates (set_file_language), and in
    static-i18n's sitemap, which lists the files it saw, when built. static-i18n rebuilds File
    objects from disk in its on_files and would drop virtual ones: call this after it."""
    from hooks.engine.mkdocs import exclude, generated_file
    for src_uri, (markdown, in_nav, excluded) in pages.items():
        f = generated_file(config, prefixes[lang], src_uri, markdown, in_nav)
        if excluded:
            exclude(f)
        set_file_language(f, lang, default, {x: generated_file(config, p, src_uri) for x, p in prefixes.items()})
        files.append(f)
        if f.inclusion.is_included():
            _plugin(config).i18n_files_per_language.setdefault(lang, []).append(f)


def file_language(f) -> str:
    """The language of a page's text: the build language, or the default's for a fallback page."""
    return f.locale


def alternate_url(f, lang: str) -> str:
    """The URL of the same page in ``lang``."""
    return f.alternates[lang].url


def relative_switcher_links(config, absolute: bool) -> None:
    """static-i18n writes the switcher links of home pages as absolute paths ("/en/"), which break
    under file:// and when a school moves the site: make every link relative to the site root, and
    set ``href`` (the hreflang link) to the full address when ``absolute``, else None."""
    from urllib.parse import urljoin, urlsplit
    prefix = urlsplit(config.site_url or "/").path
    for alt in switcher_entries(config):
        link = alt["link"]
        if link.startswith(prefix) and not link.startswith(("http:", "https:")):
            link = link[len(prefix):]
        alt["link"] = link or ("./" if config.use_directory_urls else "index.html")
        alt["href"] = urljoin(config.site_url, alt["link"]) if absolute else None


def switcher_entries(config) -> list:
    """The language entries as the templates read them (Jinja tries an attribute before an item):
    static-i18n sets ``config.extra.alternate`` as an attribute, anew for each page, which
    ``config.extra["alternate"]`` does not see."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


class _Nothing(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        pass


def makeExtension(**kwargs):  # noqa: N802 (Markdown's name)
    return _Nothing(**kwargs)
