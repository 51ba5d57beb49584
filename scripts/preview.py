"""The editors' preview: `make serve LANG=tr` (python scripts/preview.py tr [port]).

Builds Dutch (the source, and the fallback) and the one language, serves them, and after an edit
under docs/ renders again only the pages of that language the edit changes: the edited page
first, then every page whose Markdown is now different (the section lists, tag pages,
checklists, the side-by-side view, cards that link to it, the reader). Dutch pages are rendered
again only when the language is nl. A new or deleted file, or a change to mkdocs.yml, bron/ or
overrides/, builds the site again; a change under hooks/ restarts the preview (new code).
The search index is not updated between full builds.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("docs", "bron", "hooks", "overrides", "mkdocs.yml")
log = logging.getLogger("mkdocs.preview")


def snapshot(root: Path = ROOT) -> dict[str, int]:
    """{relative path: mtime in ns} of every file the build reads."""
    out = {}
    for name in WATCHED:
        p = root / name
        for f in ([p] if p.is_file() else p.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                out[f.relative_to(root).as_posix()] = f.stat().st_mtime_ns
    return out


class Preview:
    """Builds once, then renders again what an edit changes, in two calls from the server: first
    the edited pages (the server holds requests while a call runs, and reloads the browser after
    it), then, in a second call it asks for at once, the pages that list them."""

    def __init__(self, lang: str, site_dir: str, site_url: str):
        self.lang, self.site_dir, self.site_url = lang, site_dir, site_url
        self.server = None  # the LiveReloadServer, to ask for the second call
        self.pending: set[str] = set()
        self.full_build()

    def full_build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        self.seen, self.pending = snapshot(), set()
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=self.site_dir)
        config.site_url = self.site_url
        config.extra["csp_meta"] = False  # the live-reload script MkDocs injects is inline
        t = time.perf_counter()
        build(config)
        self.config = config
        log.info(f"Preview of '{self.lang}' built in {time.perf_counter() - t:.1f} s")

    def rebuild(self) -> None:
        """Called by the server after a change under a watched path (or when asked again)."""
        now = snapshot()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        if any(p.startswith("hooks/") for p in changed):
            log.info("Code under hooks/ changed: restarting the preview")
            os.execv(sys.executable, [sys.executable, *sys.argv])
        if any(not p.startswith("docs/") for p in changed) or now.keys() != self.seen.keys():
            self.full_build()
            return
        self.seen = now
        t, cpu = time.perf_counter(), time.process_time()
        if changed:
            paths = {str(ROOT / p) for p in changed}
            if not self.reread():
                return
            n = self.render(self.edited(paths))
            self.pending |= paths
            self.again()
            what = "edited"
        elif self.pending:
            n = self.render(self.listing())
            self.pending = set()
            what = "listing"
        else:
            return
        log.info(f"{n} {what} page(s) rendered again in {time.perf_counter() - t:.2f} s "
                 f"({time.process_time() - cpu:.2f} s of CPU)")

    def again(self) -> None:
        """Ask the server to call rebuild() once more as soon as this call returns."""
        if self.server is not None:
            with self.server._rebuild_cond:  # MkDocs' LiveReloadServer has no public way to ask
                self.server._want_rebuild = True
                self.server._rebuild_cond.notify_all()

    @property
    def hooks(self):
        return self.config.hooks["hooks/site.py"]

    @property
    def view(self):
        return self.hooks.state.views[self.lang]

    def reread(self) -> bool:
        from mkdocs.exceptions import PluginError
        try:
            self.hooks.reread_content(self.config)
            return True
        except PluginError as e:
            log.error(str(e))  # one line; the preview keeps the last good pages
            return False

    def pages(self) -> list:
        return [f.page for f in self.view.files.documentation_pages() if f.page is not None]

    def edited(self, paths: set[str]) -> list:
        return [p for p in self.pages() if p.file.generated_by is None and p.file.abs_src_path in paths]

    def listing(self) -> list:
        """Pages of this language whose Markdown, as the hooks make it, is now different."""
        config, files = self.config, self.view.files
        generated = self.hooks._generated_pages(config, self.lang, config.site_url or "")
        self.hooks.state.generated = generated
        out = []
        for page in self.pages():
            if page.file.generated_by is not None:
                new = generated.get(page.file.src_uri, (None,))[0]
                if new is not None and new != page.file.content_string:
                    page.file.content_string = new
                    out.append(page)
            elif page.file.abs_src_path not in self.pending:
                old = page.markdown
                page.read_source(config)
                new = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                page.markdown = old
                if new != old:
                    out.append(page)
        return sorted(out, key=lambda p: len(p.markdown or ""))

    def render(self, pages: list) -> int:
        from mkdocs.commands.build import _build_page, _populate_page
        view, doc_files = self.view, self.view.files.documentation_pages()
        for page in pages:
            _populate_page(page, self.config, view.files)
            _build_page(page, self.config, doc_files, view.nav, view.env)
        return len(pages)


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(ROOT / "hooks"))
    from kennisbank.config import read_languages
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.livereload import LiveReloadServer
    import watchdog.observers
    languages = read_languages(ROOT / "mkdocs.yml")
    if len(sys.argv) < 2 or sys.argv[1] not in languages:
        print(f"usage: make serve LANG=xx, with xx one of: {', '.join(languages)}", file=sys.stderr)
        sys.exit(2)
    lang, port = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    os.environ["KB_LANGUAGE"] = lang
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    os.chdir(ROOT)
    site_dir = tempfile.mkdtemp(prefix="kb-preview-")
    url = f"http://127.0.0.1:{port}/"
    preview = Preview(lang, site_dir, url)
    server = LiveReloadServer(builder=preview.rebuild, host="127.0.0.1", port=port, root=site_dir)
    # MkDocs polls every watched file twice a second; the system's file events (inotify) come at
    # once and cost nothing between edits.
    server.observer = watchdog.observers.Observer()
    preview.server = server
    for name in WATCHED:
        server.watch(str(ROOT / name))
    log.info(f"Preview of '{lang}': {url}{'' if lang == languages[0] else lang + '/'}")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
