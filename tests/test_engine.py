"""The compatibility layer (hooks/engine/): each place where the build changes or reads static-i18n,
Material or MkDocs internals has a test here that fails, naming the contact, when an upgrade
changes what it relies on. Run against the pinned versions (requirements.lock)."""
from __future__ import annotations

import hashlib
import importlib
import inspect
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))

# static-i18n 1.3.1's ExtendedPlugin.reconfigure_files_alternates, of which
# hooks/engine/static_i18n.py holds a faster copy.
ALTERNATES_1_3_1 = "6f85e2de7342bca1e4d3e3784e41d2f45e95ef113f185bbc318ebdd81064be28"


def _upstream_source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    return open(spec.origin, encoding="utf-8").read()


def test_static_i18n_locale_pattern_still_refuses_three_letter_codes():
    """Contact: mkdocs_static_i18n.config.RE_LOCALE (and its copies in suffix, folder). When a new
    static-i18n accepts 'ckb' by itself (upstream #348), drop widen_static_i18n_locales."""
    text = _upstream_source("mkdocs_static_i18n.config")
    m = re.search(r'^RE_LOCALE = compile\(r"(.*)"\)$', text, re.M)
    assert m, "static-i18n changed: mkdocs_static_i18n.config has no RE_LOCALE = compile(...) (hooks/engine/static_i18n.py)"
    upstream = re.compile(m.group(1))
    assert not upstream.match("ckb"), "static-i18n accepts three-letter codes now: remove widen_static_i18n_locales"
    for name in ("suffix", "folder"):
        assert "from mkdocs_static_i18n.config import RE_LOCALE" in _upstream_source(f"mkdocs_static_i18n.{name}"), \
            f"static-i18n changed how mkdocs_static_i18n.{name} gets RE_LOCALE (hooks/engine/static_i18n.py)"


def test_static_i18n_alternates_are_the_version_the_copy_was_made_from():
    """Contact: ExtendedPlugin.reconfigure_files_alternates, replaced by a faster copy. A new
    static-i18n with a changed function fails here: compare the copy with it before upgrading."""
    from mkdocs_static_i18n import reconfigure
    # the upstream function as written in the installed package (our replacement may already be in place)
    text = _upstream_source("mkdocs_static_i18n.reconfigure")
    start = text.index("    def reconfigure_files_alternates(")
    end = text.index("\n    def ", start + 10)
    digest = hashlib.sha256((text[start:end].rstrip("\n") + "\n").encode()).hexdigest()
    assert digest == ALTERNATES_1_3_1, ("static-i18n changed ExtendedPlugin.reconfigure_files_alternates: compare "
                                        "hooks/engine/static_i18n.py with it, then record the new hash here")
    assert hasattr(reconfigure, "ExtendedPlugin")


def test_the_engine_module_puts_both_changes_in_place():
    from mkdocs_static_i18n import config, folder, reconfigure, suffix
    from hooks.engine import static_i18n
    for module in (config, suffix, folder):
        assert module.RE_LOCALE.match("ckb") and module.RE_LOCALE.match("zh-Hans") and module.RE_LOCALE.match("nl")
        assert not module.RE_LOCALE.match("dutch") and not module.RE_LOCALE.match("n1")
    assert reconfigure.ExtendedPlugin.reconfigure_files_alternates is static_i18n.reconfigure_files_alternates


def test_mkdocs_loads_the_engine_before_the_plugins():
    """Contact: MkDocs validates markdown_extensions before plugins (its config schema order), which
    is what lets the engine module change static-i18n before static-i18n reads its languages."""
    from mkdocs.config import defaults
    keys = list(defaults.MkDocsConfig._schema_keys) if hasattr(defaults.MkDocsConfig, "_schema_keys") else \
        [k for k, _ in defaults.MkDocsConfig._schema]
    assert keys.index("markdown_extensions") < keys.index("plugins"), \
        "MkDocs now reads plugins before Markdown extensions: hooks/engine/static_i18n.py runs too late"
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^markdown_extensions:\n(?:  #.*\n)*  - hooks\.engine\.static_i18n$", yml, re.M)


# Upstream functions the engine relies on, as written in the pinned versions (requirements.lock):
# {function: (sha256 of its source, what relies on it)}. A new version with any of them changed
# fails here, naming the contact: read the new function, check the engine module named, then
# record the new hash.
RELIED_ON = {
    "mkdocs_static_i18n.plugin.I18n.on_post_build": (
        "e70db1f72973bb706c219b3f442b8b7b2df2cb7d110c882f9a59559779372e0d",
        "static-i18n: the nested per-language builds (building, current_language, build(config) with the same "
        "config, on which the build's state hangs); see hooks/engine/static_i18n.py is_nested_build and "
        "hooks/engine/mkdocs.py attach"),
    "mkdocs_static_i18n.plugin.I18n.on_files": (
        "c1e8f9905802ed2c8519afcc95cb4ee344a2b52ca004e8aeb19112c12e3830c7",
        "static-i18n: i18n_files_per_language (its sitemap's files); see hooks/engine/static_i18n.py add_language_pages"),
    "mkdocs_static_i18n.plugin.I18n.on_page_context": (
        "f75f89475855ac63fffc1e0bb2260a172a54215bfff7e280f92d5465083d16a7",
        "static-i18n: page.file.locale and i18n_alternates read per page; see hooks/engine/static_i18n.py set_file_language"),
    "mkdocs_static_i18n.reconfigure.ExtendedPlugin.reconfigure_page_context": (
        "5ffa45c81df76fed2f1ca4b079a913a4b28dd1ce5121cbb9723985a0cc55ce1b",
        "static-i18n: config.extra.alternate set as an attribute, file.alternates and locale_alternate_of read; "
        "see hooks/engine/static_i18n.py switcher_entries, relative_switcher_links, set_file_language"),
    "mkdocs_static_i18n.reconfigure.ExtendedPlugin.build_languages": (
        "1f1e57477ac37e124113d287875e09ddeaefd8f001651e007633b9af5b4ddf84",
        "static-i18n: languages[].build read when the other languages are built; see hooks/engine/static_i18n.py build_only"),
    "mkdocs_static_i18n.reconfigure.ExtendedPlugin.apply_user_overrides": (
        "5f78f8a4fc599df3369d6a39fa011428bf5c05f2ef93093c62b5278fffb14d37",
        "static-i18n: languages[].site_name/site_description applied per language; see hooks/engine/static_i18n.py set_site_names"),
    "mkdocs_static_i18n.suffix.create_i18n_file": (
        "27e8221529f342fb6be31f64f7099bd4060f57f68fc553bfc97fddf0ba7a2f98",
        "static-i18n: the file attributes locale, locale_alternate_of, localization, alternates (the engine sets "
        "the same on virtual pages); see hooks/engine/static_i18n.py set_file_language"),
    "mkdocs.commands.build._populate_page": (
        "31a70ea4caef1e127a9d65a0f346ee322bad00d673ef824d82acf807e61d91c2",
        "MkDocs: the preview renders one page again with the private _populate_page; see hooks/engine/mkdocs.py rebuild_page"),
    "mkdocs.commands.build._build_page": (
        "adcdbd14b236112697cafec9171bd281981f15a776e0d2f941a62e7bffd9a0d5",
        "MkDocs: the preview writes one page again with the private _build_page; see hooks/engine/mkdocs.py rebuild_page"),
    "mkdocs.livereload.LiveReloadServer.__init__": (
        "e79efeb939bfe4b4bbf5d2f11b320778194229b1fd3f9c061e2a5c66e0df43a2",
        "MkDocs live reload: _rebuild_cond, _want_rebuild, _epoch_cond, _visible_epoch, _wanted_epoch, error_handler; "
        "see hooks/engine/mkdocs.py live_reload_server"),
    "mkdocs.livereload.LiveReloadServer._build_loop": (
        "0bea1402bb4a41bfd626e0532bc254a1c5e3eafac07b73eef5bceef484852e31",
        "MkDocs live reload: _want_rebuild under _rebuild_cond calls the builder again (ask_again); "
        "see hooks/engine/mkdocs.py live_reload_server"),
    "mkdocs.livereload.LiveReloadServer.serve_request": (
        "b8e218789f78fdbcd1c99847c7e6cab9f1cf7fe9a94757f7ae1ec048f9a941e2",
        "MkDocs live reload: error_handler(code) for a missing file; see hooks/engine/mkdocs.py set_missing_page"),
    "mkdocs.livereload.LiveReloadServer._serve_request": (
        "3b1515c96f563d1797a9cdb3116be3946f654f34ffcfbf982d9ce616daf9cb00",
        "MkDocs live reload: _serve_request (overridden for the preview's own files) and the _inject_js_into_html "
        "call it makes; see hooks/engine/mkdocs.py live_reload_server"),
    "mkdocs.livereload.LiveReloadServer._inject_js_into_html": (
        "3f6d2f64c23ebcdf4afcca021f8d9107528e3b8136217e168d087d58ec5ec94c",
        "MkDocs live reload: the inline script the preview replaces by a file (CSP); see hooks/engine/mkdocs.py "
        "live_reload_server and scripts/preview.py LIVERELOAD_JS"),
    "mkdocs.livereload._timestamp": (
        "4d949b23adc97ea8262b5ea92333c181feca5ba3e07407f03c364ba5e75aa1cd",
        "MkDocs live reload: the epoch and request ids; see hooks/engine/mkdocs.py request_id and reload"),
}


def _upstream(dotted: str):
    """The object at ``dotted`` (module, then attributes); a property's getter."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = inspect.getattr_static(obj, attr) if isinstance(obj, type) else getattr(obj, attr)
        return obj.fget if isinstance(obj, property) else obj
    raise ImportError(dotted)


@pytest.mark.parametrize("dotted", sorted(RELIED_ON))
def test_an_upstream_function_the_engine_relies_on_is_the_pinned_one(dotted):
    digest, contact = RELIED_ON[dotted]
    try:
        obj = _upstream(dotted)
    except (ImportError, AttributeError):
        pytest.fail(f"{dotted} is gone. Contact: {contact}")
    found = hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()
    assert found == digest, f"{dotted} changed upstream. Contact: {contact}; then record its new hash in tests/test_engine.py"


@pytest.fixture(scope="module")
def config():
    """mkdocs.yml as MkDocs reads it (plugins and hooks loaded, nothing built), as inside an event
    (File.generated names the plugin running)."""
    from mkdocs.config import load_config
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "hooks/site.py"
    return config


def test_static_i18n_plugin_attributes_the_hooks_read_and_set(config):
    """Contact: config.plugins["i18n"] (.building, .current_language, .config.languages with locale,
    name, default, build, site_name, site_description; .i18n_files_per_language)."""
    from hooks.engine import static_i18n as i18n
    plugin = config.plugins["i18n"]
    where = "see hooks/engine/static_i18n.py"
    for name in ("building", "current_language", "i18n_files_per_language"):
        assert hasattr(plugin, name), f"static-i18n: plugin attribute `{name}` missing; {where}"
    for name in ("locale", "name", "default", "build", "site_name", "site_description"):
        assert all(hasattr(x, name) for x in plugin.config.languages), \
            f"static-i18n: language setting `{name}` missing (plugins.i18n.languages[]); {where}"
    langs = i18n.languages(config)
    assert langs[0] == "nl" and set(langs) == set(i18n.language_names(config)), f"static-i18n: languages; {where}"
    assert i18n.is_nested_build(config) is False, f"static-i18n: `building` is not False before a build; {where}"
    i18n.build_only(config, ("nl", "ar"))
    assert plugin.build_languages == ["nl", "ar"], f"static-i18n: `build` no longer decides build_languages; {where}"
    i18n.set_site_names(config, {x: (f"name {x}", f"about {x}") for x in langs})
    assert config.site_name == "name nl" and plugin.get_language_config("ar").site_name == "name ar"


def test_the_build_state_hangs_on_the_config_object(config):
    """Contact: an attribute on MkDocs' config object, which static-i18n passes unchanged to its nested
    builds (build(config) in on_post_build, hashed above)."""
    from mkdocs.config import load_config
    from hooks.engine import mkdocs as mk
    state = object()
    mk.attach(config, state)
    assert mk.state_of(config) is state, "MkDocs: the config object no longer keeps an attribute; see hooks/engine/mkdocs.py attach"
    assert mk.state_of(load_config(str(ROOT / "mkdocs.yml"))) is None, "a new config must start with no build state"
    source = inspect.getsource(_upstream("mkdocs_static_i18n.plugin.I18n.on_post_build"))
    assert "build(config, dirty=dirty)" in source, \
        "static-i18n no longer builds the other languages with the same config: see hooks/engine/mkdocs.py attach"


def test_virtual_pages_are_placed_with_their_language(config):
    """Contact: File.generated, InclusionLevel, File.dest_uri/url, and the file attributes static-i18n
    reads (locale, locale_alternate_of, localization, alternates); i18n_files_per_language."""
    from mkdocs.structure.files import Files
    from hooks.engine import mkdocs as mk, static_i18n as i18n
    where = "see hooks/engine/mkdocs.py generated_file"
    f = mk.generated_file(config, "en/", "checklists/ouders.md", "# x")
    assert f.dest_uri == "en/checklists/ouders/index.html" and f.url == "en/checklists/ouders/", \
        f"MkDocs: a generated file's url no longer follows its dest_uri ({f.dest_uri}, {f.url}); {where}"
    assert mk.is_generated(f) and f.content_string == "# x", f"MkDocs: File.generated changed; {where}"
    assert not mk.generated_file(config, "", "a.md", in_nav=False).inclusion.is_in_nav()
    files = Files([])
    i18n.add_language_pages(config, files, "en", {"a.md": ("# a", True, False), "b.md": ("# b", True, True)},
                            {"nl": "", "en": "en/"}, "nl")
    a, b = files.get_file_from_path("a.md"), files.get_file_from_path("b.md")
    assert (a.locale, a.locale_alternate_of, a.localization) == ("en", "en", "en")
    assert a.alternates["nl"].url == "a/" and a.alternates["en"].url == "en/a/"
    assert not b.inclusion.is_included(), f"MkDocs: InclusionLevel.EXCLUDED; {where}"
    assert a in config.plugins["i18n"].i18n_files_per_language["en"] and \
        b not in config.plugins["i18n"].i18n_files_per_language["en"], "static-i18n: i18n_files_per_language"
    assert i18n.file_language(a) == "en" and i18n.alternate_url(a, "nl") == "a/"


def test_the_menu_is_sorted_and_linked_in_its_new_order(config):
    """Contact: mkdocs.structure.nav Section/Page, Navigation.pages and previous/next."""
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation, Section
    from mkdocs.structure.pages import Page
    from hooks.engine import mkdocs as mk

    def page(src):
        return Page(None, File.generated(config, src, content="# x"), config)
    b, a, x = page("themas/b.md"), page("themas/a.md"), page("index.md")
    nav = Navigation([Section("themas", [b, a]), x], [b, a, x])
    mk.sort_nav(nav, {"themas": "Thema's"}, lambda folder: (1, folder), lambda src: (0 if src == "index.md" else 2, src))
    assert nav.items[0] is x and nav.items[1].title == "Thema's" and nav.items[1].children == [a, b]
    assert nav.pages == [x, a, b] and a.previous_page is x and a.next_page is b and b.next_page is None, \
        "MkDocs: the menu's previous/next links; see hooks/engine/mkdocs.py sort_nav"


def test_the_live_reload_server_parts_the_preview_uses(tmp_path):
    """Contact: LiveReloadServer._serve_request, _inject_js_into_html, error_handler, _rebuild_cond,
    _want_rebuild, _epoch_cond, _visible_epoch, _wanted_epoch (hashed above: their use)."""
    from hooks.engine import mkdocs as mk
    (tmp_path / "index.html").write_bytes(b"<html><head></head><body>x</body></html>")
    server = mk.live_reload_server()(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        server.serve_extra = lambda environ, start: (True, [b"ours"]) if environ["PATH_INFO"] == "/x" else (False, None)
        server.inject = lambda content, epoch: content.replace(b"x", b"injected")
        server.set_missing_page(lambda code: b"missing %d" % code)
        seen = []

        def get(path):
            return b"".join(server.serve_request({"PATH_INFO": path, "REQUEST_METHOD": "GET"},
                                                 lambda status, headers: seen.append(status)))
        where = "see hooks/engine/mkdocs.py live_reload_server"
        assert get("/x") == b"ours", f"MkDocs live reload: _serve_request is not asked first; {where}"
        assert b"injected" in get("/"), f"MkDocs live reload: _inject_js_into_html is not how scripts get into pages; {where}"
        assert get("/nothing") == b"missing 404", f"MkDocs live reload: error_handler; {where}"
        before = server.epoch()
        server.reload()
        assert server.epoch() > before and server._visible_epoch == server._wanted_epoch
        server.ask_again()
        assert server._want_rebuild is True, f"MkDocs live reload: _want_rebuild; {where}"
        assert mk.request_id().isdigit()
    finally:
        server.server_close()


def test_material_files_and_settings_the_build_reads():
    """Contact: Material's per-language interface templates, the <script id="__config"> block with its
    "base", its search worker, lunr languages and main stylesheet, and the search index path."""
    import material
    from hooks.engine import material as m
    from kennisbank.csp import script_json
    theme = Path(material.__file__).parent / "templates"
    where = "see hooks/engine/material.py"
    assert (theme / m.interface_words("nl")).is_file(), f"Material: partials/languages/<lang>.html moved; {where}"
    assert m.missing_interface_words([str(theme)], ("nl", "ti")) == [("ti", "partials/languages/ti.html")]
    base = (theme / "base.html").read_text(encoding="utf-8")
    assert '<script id="__config" type="application/json">' in base and '"base": base_url' in base, \
        f"Material: the settings block <script id=\"__config\"> or its \"base\" changed; {where} rewrite_settings"
    page = '<p><script id="__config" type="application/json">{"base": "..", "x": 1}</script>'
    assert m.rewrite_settings(page, lambda app: {**app, "base": "../.."}, script_json) == \
        '<p><script id="__config" type="application/json">{"base": "../..", "x": 1}</script>'
    assert m.search_worker(theme).name.startswith("search."), f"Material: its search worker; {where} search_worker"
    assert "de" in m.lunr_languages(theme) and m.stylesheets(theme), f"Material: lunr languages, main stylesheet; {where}"
    search = Path(material.__file__).parent / "plugins" / "search" / "plugin.py"
    assert 'os.path.join(base, "search_index.json")' in search.read_text(encoding="utf-8") and \
        'os.path.join(config.site_dir, "search")' in search.read_text(encoding="utf-8"), \
        f"Material: the search index is no longer search/search_index.json; {where} search_index"


def test_material_bundle_still_has_the_one_alternate_lookup_the_engine_switches_off():
    """Contact: Material's bundle, integrations/alternate (fetches sitemap.xml per alternate link)."""
    import material
    from hooks.engine import material as m
    [bundle] = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    try:
        patched = m.without_alternate_sitemaps(text)
    except ValueError as e:
        pytest.fail(f"Material's bundle changed: {e}; see hooks/engine/material.py without_alternate_sitemaps")
    assert m.NO_ALTERNATES in patched
