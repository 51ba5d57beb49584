"""MkDocs hooks: thin wiring from build events to ``kennisbank`` (the domain; one ``kennisbank.build.Build``
per build) and ``hooks/engine`` (every contact with MkDocs, static-i18n and Material internals).

static-i18n builds the site once per language: the first, then the others from inside its own
``on_post_build`` with the same config object, on which the build's state hangs (engine.mkdocs.state_of).
Every event below therefore runs once per language."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# Loaded once per process (MkDocs caches hooks): `make serve` (scripts/preview.py) restarts itself
# after a change under hooks/; a plain `mkdocs serve` keeps the code it started with.
from hooks.engine import material, mkdocs as mk, static_i18n as i18n
from kennisbank import csp, foreign, render, search
from kennisbank.build import Build, check_pages, read_school
from kennisbank.editor import _, error as editor_error
from kennisbank.loader import section_of
from kennisbank.model import ContentError
from kennisbank.school import check_site_url
from kennisbank.strings import load_strings

HERE = Path(__file__).parent
log = logging.getLogger("mkdocs.hooks.kennisbank")


def refused(e: ContentError) -> PluginError:
    """The one line MkDocs prints for content the build refuses (Dutch first: kennisbank.editor)."""
    return PluginError(_("Invalid content: {error}", error=editor_error(e)))


@event_priority(100)
def on_config(config):
    """Run first, before i18n (-100) and before anything is written: read and validate all
    content of every language, so bad input stops the build with nothing half-written."""
    if config.extra.get("csp_meta", True) is not False:  # off only in the preview (live reload is inline)
        config.extra["csp_meta"] = csp.policy(meta=True)
    if i18n.is_nested_build(config):
        return config  # a nested language build: the outer build has read everything already
    mkdocs_yml = Path(config.config_file_path or "mkdocs.yml")
    try:
        languages = i18n.languages(config)
        b = Build.start(languages, i18n.language_names(config), lambda prefix, src: mk.generated_file(config, prefix, src),
                        config.extra.get("partial_languages"), mkdocs_yml.name, os.environ,
                        material.missing_interface_words(config.theme.dirs, languages))
        i18n.build_only(config, b.built)
        b.read(config.docs_dir)
        b.use_strings(load_strings(HERE, languages, b.names))
        b.school = _school(config, languages)
        b.school_json = render.school_json(b.school, config.theme.get("logo") if b.school else None)
        b.templates = render.template_env(config.theme.dirs)
        b.count_term_hits(mkdocs_yml.parent)  # for the status page
        i18n.set_site_names(config, b.site_names())
        config.extra["switcher"] = b.switcher  # overrides/partials/alternate.html
        if config.site_url:  # from mkdocs.yml or KB_SITE_URL: it reaches every page's links
            check_site_url(config.site_url, "KB_SITE_URL", "site_url")
    except ContentError as e:
        raise refused(e) from None
    mk.attach(config, b)
    return config


def _school(config, languages):
    """The school's own details (make site SCHOOL=school.yml), wired into the theme: its logo, its
    colour and its address. A school file cannot change any other setting."""
    school, notes = read_school(config.extra.get("school"), os.environ.get("KB_SCHOOL", ""),
                                config.config_file_path or "mkdocs.yml", languages)
    if school and school.logo:
        config.theme["logo"] = f"assets/school-logo{Path(school.logo).suffix.lower()}"
    if school and school.color and "assets/school.css" not in config.extra_css:
        config.extra_css.append("assets/school.css")
    if school and school.site_url:
        config.site_url = school.site_url
    for line in notes:  # one line each; the build goes on
        log.info(line)
    return school


@event_priority(-200)
def on_files(files, config):
    """After i18n (-100) has picked this language's files. Cards stay out of the sidebar (each section's
    page lists them); a partial language builds only its own pages (notice pages for the rest)."""
    b, lang = mk.state_of(config), i18n.current_language(config)
    mk.place_pages(files, lambda src: b.excluded(lang, src), lambda src: bool(section_of(b.base(src))))
    for src_uri, path, content in b.school_files(config.theme.get("logo")):
        mk.add_file(config, files, src_uri, content, path)
    own = b.own(lang)  # a partial language's own pages; None: all
    b.generated = b.generated_pages(lang, config.site_url or "", own)  # "": no address to print
    pages = {src: (md, in_nav, own is not None and src not in own) for src, (md, in_nav) in b.generated.items()}
    i18n.add_language_pages(config, files, lang, pages, {x: b.prefix(x) for x in b.built}, b.default)
    return files


def on_env(env, config, files):
    """Keep what this language's pages need to be rendered again one by one (scripts/preview.py)."""
    b = mk.state_of(config)
    b.views[i18n.current_language(config)] = mk.view(env, files, b.nav)
    return env


@event_priority(-200)
def on_nav(nav, config, files):
    """Section titles from the language's strings file, sections and generated pages in a fixed order."""
    b = mk.state_of(config)
    mk.sort_nav(nav, b.strings[i18n.current_language(config)]["nav"], b.section_key, b.page_key)
    b.nav = nav
    return nav


def on_page_markdown(markdown, page, config, files):
    """Cards get their generated parts; translated and fallback pages get their notice."""
    b, f = mk.state_of(config), page.file
    return b.page_markdown(markdown, i18n.current_language(config), f.src_uri, page.url, config.site_url or "",
                           mk.is_generated(f), i18n.file_language(f), lambda: i18n.alternate_url(f, b.default))


@event_priority(0)
def on_page_context(context, page, config, nav):
    """Run after static-i18n (50) has set this page's language switcher links: make them relative
    to the site root. The <link rel="alternate" hreflang> in the head: full addresses on the web, as
    search engines want them; relative in the file:// build (mkdocs.offline.yml), which has none."""
    i18n.relative_switcher_links(config, bool(config.site_url) and config.extra.get("absolute_alternates", True) is not False)
    b = mk.state_of(config)
    context["kb_search_label"] = b.strings[i18n.current_language(config)].t("search.dialog")
    context["kb_school_json"] = b.school_json
    return context


def on_page_content(html, page, config, files):
    """Checklist boxes labelled, glossary tooltips, then the allowlist sanitiser (kennisbank.build)."""
    f = page.file
    try:
        return mk.state_of(config).page_html(html, i18n.current_language(config), f.src_uri, page.title, page.url,
                                             mk.is_generated(f), i18n.file_language(f))
    except ContentError as e:
        raise refused(e) from None


def on_post_page(output, page, config):
    """Point Material's search (its ``base``) at the root of this page's language."""
    change = mk.state_of(config).search_settings(i18n.current_language(config))
    return output if change is None else material.rewrite_settings(output, change, csp.script_json)


@event_priority(-200)
def on_post_build(config):
    """Once, in the outer build, after static-i18n (-100) has built every language and merged their
    search entries: one index per language, the pages the build adds, every page checked, assets cleaned."""
    if i18n.is_nested_build(config):
        return
    b, root = mk.state_of(config), Path(config.site_dir)
    for lang, index in search.split_index(material.search_index(root), b.built, material.lunr_languages(root)).items():
        material.write_search_index(root, b.prefix(lang), search.index_files(index))
    b.write_pages(root, config.extra.get("csp_meta") or "", material.stylesheets(root) + list(config.extra_css),
                  [str(getattr(x, "path", x)) for x in config.extra_javascript],
                  config.theme.get("favicon") or "assets/images/favicon.png")  # 404s, brand.html, notice pages
    try:
        check_pages(root)  # no inline script, no markup in a title
        (root / "csp-nginx.conf").write_text(csp.nginx_snippet(), encoding="utf-8")
        if csp.FILE_WORKER in (config.extra.get("polyfills") or []):  # the site from disk: search in a frame
            material.beside_search_worker(root, csp.WORKER_FRAME, csp.worker_frame)
        if not config.site_url:  # a sitemap needs full addresses: none rather than a placeholder
            mk.remove_sitemap(root)
        material.clean_assets(root, foreign.neutralise)  # no source maps, no third-party addresses
    except ValueError as e:
        raise PluginError(str(e)) from None


def on_pre_build(config):
    """What the 404 page says in this build's language (overrides/404.html: rendered without a page)."""
    b = mk.state_of(config)
    if b is not None:
        config.extra.update(b.not_found_page(i18n.current_language(config), config.site_url))


def on_post_template(output, template_name, config):
    """Every language build writes 404.html to the same place; on_post_build puts each in its folder."""
    b = mk.state_of(config)
    if template_name == "404.html" and b is not None:
        b.not_found[i18n.current_language(config)] = output
    return output
