"""MkDocs contacts: where the build's state lives, virtual files, the menu, and the preview's use of
MkDocs' private build and live-reload functions (mkdocs 1.6.1). Each is checked by tests/test_engine.py."""
from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

# The build's state (kennisbank.build.Build) hangs on the config object MkDocs hands every hook.
# static-i18n builds the other languages from inside its on_post_build with that same object
# (``build(config)``), so the nested builds see the state the outer build made; a new
# ``load_config`` (a new build, the preview's next full build) starts with none.
STATE = "kb_build"


def attach(config, state) -> None:
    setattr(config, STATE, state)


def state_of(config):
    """The state of this config's build, or None before on_config made one."""
    return getattr(config, STATE, None)


# Virtual pages.

def generated_file(config, dest_prefix: str, src_uri: str, content: str = "", in_nav: bool = True) -> File:
    """A page the build makes itself, its output under ``dest_prefix`` ("" or "en/")."""
    f = File.generated(config, src_uri, content=content,
                       inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV)
    f.dest_uri = dest_prefix + f.dest_uri
    return f


def add_file(config, files, src_uri: str, content: str | None = None, abs_src_path: str | None = None) -> None:
    """A file that is not in docs/ (the school's logo and colours)."""
    if abs_src_path is not None:
        files.append(File.generated(config, src_uri, abs_src_path=abs_src_path))
    else:
        files.append(File.generated(config, src_uri, content=content))


def exclude(f) -> None:
    f.inclusion = InclusionLevel.EXCLUDED


def place_pages(files, excluded, out_of_nav) -> None:
    """Each page from docs/ (by its src_uri): not built when ``excluded``, else built but left out
    of the menu when ``out_of_nav``."""
    for f in files.documentation_pages():
        if excluded(f.src_uri):
            f.inclusion = InclusionLevel.EXCLUDED
        elif out_of_nav(f.src_uri):
            f.inclusion = InclusionLevel.NOT_IN_NAV


def is_generated(f) -> bool:
    """Made by a plugin or hook (File.generated), not read from docs/."""
    return bool(getattr(f, "generated_by", None))


def remove_sitemap(root) -> None:
    """MkDocs' sitemap.xml (and .gz): it needs full addresses, which a site without site_url lacks."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (root / name).unlink(missing_ok=True)


# The menu.

def sort_nav(nav, titles: dict, section_key, page_key) -> None:
    """Sort the menu (sections by ``section_key(folder)``, pages by ``page_key(src_uri)``), title
    the sections from ``titles`` (by folder), and set previous/next again in the new order."""
    def key(item):
        if isinstance(item, Section):
            return section_key(_folder(item))
        return page_key(item.file.src_uri if isinstance(item, Page) else "")

    def walk(items):
        for item in items:
            if isinstance(item, Section):
                folder = _folder(item)
                if folder in titles:
                    item.title = titles[folder]
                item.children.sort(key=key)
                walk(item.children)
    nav.items.sort(key=key)
    walk(nav.items)
    _link_in_menu_order(nav)


def _folder(section) -> str:
    for child in section.children:
        if isinstance(child, Page):
            return child.file.src_uri.split("/")[0]
        if isinstance(child, Section):
            return _folder(child)
    return ""


def _link_in_menu_order(nav) -> None:
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


# The preview (scripts/preview.py).

def view(env, files, nav):
    """What one language's pages need to be rendered again one by one."""
    return SimpleNamespace(env=env, files=files, nav=nav)


def documentation_pages(view) -> list:
    return [f.page for f in view.files.documentation_pages() if f.page is not None]


def rebuild_page(page, config, view) -> None:
    """Render one page again and write it, as a build does (MkDocs' private _populate_page and
    _build_page: MkDocs has no public way to build one page)."""
    from mkdocs.commands.build import _build_page, _populate_page
    _populate_page(page, config, view.files)
    _build_page(page, config, view.files.documentation_pages(), view.nav, view.env)


def page_markdown_again(page, config, view) -> str:
    """The Markdown the hooks make of a page's source now, leaving the page as it was."""
    old = page.markdown
    page.read_source(config)
    new = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=view.files)
    page.markdown = old
    return new


def live_reload_server():
    """MkDocs' LiveReloadServer, with the preview's changes to its private parts: a served file for
    the reload script (``_serve_request``, ``_inject_js_into_html``), a page for a missing file
    while a save is refused (``error_handler``), and two ways to ask it from outside (``ask_again``,
    ``reload``)."""
    from mkdocs.livereload import LiveReloadServer, _timestamp

    class Server(LiveReloadServer):
        # (environ, start_response) -> (handled, body): our own files first; a handled request
        # with body None is a 404
        serve_extra = None
        inject = None  # (content bytes, epoch) -> content bytes

        def _serve_request(self, environ, start_response):
            if self.serve_extra is not None:
                handled, body = self.serve_extra(environ, start_response)
                if handled:
                    return body
            return super()._serve_request(environ, start_response)

        def _inject_js_into_html(self, content, epoch):
            return self.inject(content, epoch)

        def set_missing_page(self, page) -> None:
            """``page(code)``: the bytes of a page for a file that is not there, or None."""
            self.error_handler = page

        def epoch(self):
            return self._visible_epoch

        def ask_again(self) -> None:
            """Call the builder once more as soon as the current call returns."""
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        def reload(self) -> None:
            """Tell the browsers to load the page again."""
            with self._epoch_cond:
                self._visible_epoch = self._wanted_epoch = max(_timestamp(), self._visible_epoch + 1)
                self._epoch_cond.notify_all()

    return Server


def request_id() -> str:
    """The id MkDocs' reload script sends with each poll (its private ``_timestamp``)."""
    from mkdocs.livereload import _timestamp
    return str(_timestamp())
