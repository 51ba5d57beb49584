"""The editors' preview: `make serve LANG=tr` (python scripts/preview.py tr [port] [config]) and
`make serve` (python scripts/preview.py all [port] [config]: every language).

Builds Dutch (the source, and the fallback) and the one language, serves them, and after an edit
under docs/ renders again only the pages of that language the edit changes: the edited page
first, then every page whose Markdown is now different (the section lists, tag pages,
checklists, the side-by-side view, cards that link to it, the reader). Dutch pages are rendered
again only when the language is nl. A new or deleted file, or a change to mkdocs.yml, bron/ or
overrides/, builds the site again; a change under hooks/ restarts the preview (new code).
The search index is not updated between full builds.

`make serve` (every language) checks the content at once after a save and builds every language
again in the background, into a new folder it serves when the build is done (the last good pages
stay until then).

Both keep the site's Content-Security-Policy: the live-reload script is a file the server serves
(/.kb-preview/livereload.js), not the inline script MkDocs injects. A save the build refuses shows
in the browser: every served page carries the error (file, line, message) at its top, until a save
fixes it; the terminal shows the same line.
"""
from __future__ import annotations

import html
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("docs", "bron", "hooks", "overrides", "mkdocs.yml")
log = logging.getLogger("mkdocs.preview")
ASSETS = "/.kb-preview/"
LIVERELOAD_JS = """\
// The preview's live reload (scripts/preview.py): MkDocs' own script, served as a file so the
// page's Content-Security-Policy (script-src 'self') lets it run.
(function () {
  var me = document.currentScript, epoch = parseFloat(me.dataset.epoch), id = me.dataset.request;
  var req, timer;
  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timer = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + id);
    req.send();
  }
  function stop() {
    if (req) { req.abort(); }
    if (timer) { clearTimeout(timer); }
    req = timer = undefined;
  }
  window.addEventListener("load", function () { if (document.visibilityState === "visible") { poll(); } });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); } else { stop(); }
  });
  window.addEventListener("beforeunload", stop);
}());
"""
PREVIEW_CSS = """\
.kb-preview-error { position: fixed; inset: 0 0 auto 0; z-index: 10000; max-height: 60vh; overflow: auto;
  margin: 0; padding: 1rem 1.5rem; background: #fff0f0; color: #5c0000; border-bottom: 4px solid #b00020;
  font: 16px/1.5 system-ui, sans-serif; box-shadow: 0 2px 8px rgba(0, 0, 0, .3); }
.kb-preview-error h2 { margin: 0 0 .5rem; font-size: 1.1rem; color: #5c0000; }
.kb-preview-error pre { margin: 0; white-space: pre-wrap; word-break: break-word; font: inherit;
  font-family: ui-monospace, monospace; }
"""


class Errors(logging.Handler):
    """Collects the WARNING and ERROR lines a build logs, to show them in the browser."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage().strip())


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

    def __init__(self, lang: str, site_dir: str, site_url: str, config_file: str = "mkdocs.yml"):
        self.lang, self.site_dir, self.site_url, self.config_file = lang, site_dir, site_url, config_file
        self.server = None  # the LiveReloadServer, to ask for the second call
        self.pending: set[str] = set()
        self.error: str | None = None  # what the last save broke, shown on every served page
        self.config = None
        self.full_build()

    def full_build(self, site_dir: str | None = None) -> bool:
        """Build the site; a refused build leaves the last good pages and records the error."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        self.seen, self.pending = snapshot(), set()
        errors = Errors()
        logging.getLogger("mkdocs").addHandler(errors)
        t = time.perf_counter()
        try:
            config = load_config(str(ROOT / self.config_file), site_dir=site_dir or self.site_dir)
            config.site_url = self.site_url
            build(config)
        except (Exception, SystemExit) as e:  # noqa: BLE001 - whatever stops the build is shown, not raised
            self.fail([*errors.lines, str(e)])
            return False
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)
        self.config = config
        self.fixed()
        log.info(_("Preview of '{lang}' built in {seconds} s", lang=self.lang, seconds=f"{time.perf_counter() - t:.1f}"))
        return True

    def fail(self, lines: list[str]) -> None:
        """Show what went wrong: in the terminal (one line) and on every page the server sends."""
        lines = [ln for ln in dict.fromkeys(lines) if ln and not ln.startswith("Aborted with")] or lines[-1:]
        self.error = "\n".join(lines)
        log.error(_("Not built: {error}", error=self.error))

    def fixed(self) -> None:
        if self.error is not None:
            log.info(_("Fixed: the preview shows the new pages again"))
        self.error = None

    def rebuild(self) -> None:
        """Called by the server after a change under a watched path (or when asked again)."""
        now = snapshot()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        if any(p.startswith("hooks/") for p in changed):
            log.info(_("Code under hooks/ changed: restarting the preview"))
            os.execv(sys.executable, [sys.executable, *sys.argv])
        if self.config is None or any(not p.startswith("docs/") for p in changed) or now.keys() != self.seen.keys():
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
        timing = dict(count=n, seconds=f"{time.perf_counter() - t:.2f}", cpu=f"{time.process_time() - cpu:.2f}")
        if what == "edited":
            log.info(ngettext("{count} edited page rendered again in {seconds} s ({cpu} s of CPU)",
                              "{count} edited pages rendered again in {seconds} s ({cpu} s of CPU)", **timing))
        else:
            log.info(ngettext("{count} page that lists them rendered again in {seconds} s ({cpu} s of CPU)",
                              "{count} pages that list them rendered again in {seconds} s ({cpu} s of CPU)", **timing))

    def again(self) -> None:
        """Ask the server to call rebuild() once more as soon as this call returns."""
        if self.server is not None:
            self.server.ask_again()

    @property
    def build(self):
        """The state of the last full build (kennisbank.build.Build)."""
        from hooks.engine.mkdocs import state_of
        return state_of(self.config)

    @property
    def view(self):
        return self.build.views[self.lang]

    def reread(self) -> bool:
        from kennisbank.editor import error
        from kennisbank.model import ContentError
        try:
            self.build.read(self.config.docs_dir)
        except ContentError as e:
            self.fail([_("Invalid content: {error}", error=error(e))])  # one line; the last good pages stay
            return False
        self.fixed()
        return True

    def pages(self) -> list:
        from hooks.engine.mkdocs import documentation_pages
        return documentation_pages(self.view)

    def edited(self, paths: set[str]) -> list:
        from hooks.engine.mkdocs import is_generated
        return [p for p in self.pages() if not is_generated(p.file) and p.file.abs_src_path in paths]

    def listing(self) -> list:
        """Pages of this language whose Markdown, as the hooks make it, is now different."""
        from hooks.engine.mkdocs import is_generated, page_markdown_again
        config, build = self.config, self.build
        build.generated = generated = build.generated_pages(self.lang, config.site_url or "")
        out = []
        for page in self.pages():
            if is_generated(page.file):
                new = generated.get(page.file.src_uri, (None,))[0]
                if new is not None and new != page.file.content_string:
                    page.file.content_string = new
                    out.append(page)
            elif page.file.abs_src_path not in self.pending:
                if page_markdown_again(page, config, self.view) != page.markdown:
                    out.append(page)
        return sorted(out, key=lambda p: len(p.markdown or ""))

    def render(self, pages: list) -> int:
        from hooks.engine.mkdocs import rebuild_page
        for page in pages:
            rebuild_page(page, self.config, self.view)
        return len(pages)


class AllLanguages(Preview):
    """`make serve`: every language. A save is checked at once (the content read again, as the
    build reads it, which shows a refused save within a second); then every language is built
    again in the background, into a new folder the server switches to when the build is done."""

    def __init__(self, *args, **kw):
        self.lock, self.building, self.dirty = threading.Lock(), False, False
        self.languages: tuple = ()
        super().__init__(*args, **kw)

    def rebuild(self) -> None:
        from kennisbank.editor import error
        from kennisbank.loader import load_site
        from kennisbank.model import ContentError
        now = snapshot()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        if any(p.startswith("hooks/") for p in changed):
            log.info(_("Code under hooks/ changed: restarting the preview"))
            os.execv(sys.executable, [sys.executable, *sys.argv])
        if not changed:
            return
        self.seen = now
        if self.languages:
            try:
                load_site(ROOT / "docs", self.languages)
            except ContentError as e:
                self.fail([_("Invalid content: {error}", error=error(e))])
                return
            self.fixed()  # the browser shows the last good pages again at once; new ones follow
        self.start_build()

    def start_build(self) -> None:
        with self.lock:
            if self.building:
                self.dirty = True
                return
            self.building = True
        threading.Thread(target=self._build_in_background, daemon=True).start()

    def _build_in_background(self) -> None:
        while True:
            new_dir = tempfile.mkdtemp(prefix="kb-preview-")
            if self.full_build(new_dir):
                old, self.site_dir = self.site_dir, new_dir
                if self.server is not None:
                    self.server.root = new_dir
                shutil.rmtree(old, ignore_errors=True)
            else:
                shutil.rmtree(new_dir, ignore_errors=True)
            self.reload()
            with self.lock:
                if not self.dirty:
                    self.building = False
                    return
                self.dirty = False

    def full_build(self, site_dir: str | None = None) -> bool:
        ok = super().full_build(site_dir)
        if ok:
            self.languages = self.build.site.languages
        return ok

    def reload(self) -> None:
        """Tell the browsers to load the page again (the server does so itself after rebuild())."""
        if self.server is not None:
            self.server.reload()


def _(msgid: str, **values) -> str:
    from kennisbank.editor import _ as translate
    return translate(msgid, **values)


def ngettext(singular: str, plural: str, count: int, **values) -> str:
    from kennisbank.editor import ngettext as translate
    return translate(singular, plural, count, **values)


def banner(error: str | None) -> bytes:
    """The error of the last save, at the top of every page, or nothing."""
    if error is None:
        return b""
    from kennisbank.editor import language
    title = _("The preview could not build your last save. The page shows the last good version; "
              "fix the file and save it again.")
    return (f'<div class="kb-preview-error" role="alert" lang="{language()}"><h2>{html.escape(title)}</h2>'
            f"<pre>{html.escape(error)}</pre></div>").encode()


def make_server(preview: Preview, port: int, site_dir: str):
    """MkDocs' live-reload server, with the reload script as a file (the CSP allows no inline
    script) and the last error on every page."""
    from kennisbank import csp
    from hooks.engine.mkdocs import live_reload_server, request_id

    assets = {"livereload.js": (LIVERELOAD_JS, "application/javascript"), "preview.css": (PREVIEW_CSS, "text/css")}

    def tags(epoch) -> tuple[bytes, bytes]:
        head = f'<link rel="stylesheet" href="{ASSETS}preview.css">'.encode()
        script = (f'<script src="{ASSETS}livereload.js" data-epoch="{epoch}" '
                  f'data-request="{request_id()}"></script>').encode()
        return head, script

    def serve_extra(environ, start_response):
        path = environ["PATH_INFO"]
        if not path.startswith(ASSETS):
            return False, None
        body, kind = assets.get(path[len(ASSETS):], (None, None))
        if body is None:
            return True, None
        data = body.encode("utf-8")
        start_response("200 OK", [("Content-Type", f"{kind}; charset=utf-8"),
                                  ("Content-Length", str(len(data))), ("Cache-Control", "no-store")])
        return True, [data]

    def inject(content, epoch):
        head, script = tags(epoch)
        at = content.find(b"</head>")
        if at >= 0:
            content = content[:at] + head + content[at:]
        body = content.find(b"<body")
        start = content.find(b">", body) + 1 if body >= 0 else 0
        content = content[:start] + banner(preview.error) + content[start:]
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + script + content[end:]

    def error_page(code: int):
        """A page that does not exist, while a save is refused: the error, and the reload script
        (a new card whose first save was refused has no page yet)."""
        if preview.error is None:
            return None
        head, script = tags(server.epoch())
        return (b'<!doctype html><html><head><meta charset="utf-8">'
                b'<meta http-equiv="Content-Security-Policy" content="' + csp.policy(meta=True).encode() + b'">'
                b"<title>Preview</title>" + head + b"</head><body>" + banner(preview.error)
                + b"<main><p>" + str(code).encode() + b"</p></main>" + script + b"</body></html>")

    server = live_reload_server()(builder=preview.rebuild, host="127.0.0.1", port=port, root=site_dir)
    server.serve_extra, server.inject = serve_extra, inject
    server.set_missing_page(error_page)
    return server


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(ROOT / "hooks"))
    sys.path.insert(0, str(ROOT))  # mkdocs.yml loads hooks.engine.static_i18n
    from kennisbank.config import read_languages
    from mkdocs.__main__ import ColorFormatter
    import watchdog.observers
    config_file = sys.argv[3] if len(sys.argv) > 3 else "mkdocs.yml"
    languages = read_languages(ROOT / config_file)
    if len(sys.argv) < 2 or sys.argv[1] not in (*languages, "all"):
        print(_("usage: make serve (every language) or make serve LANG=xx, with xx one of: {languages}",
                languages=", ".join(languages)), file=sys.stderr)
        sys.exit(2)
    lang, port = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    if lang != "all":
        os.environ["KB_LANGUAGE"] = lang
    else:
        os.environ.pop("KB_LANGUAGE", None)
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    os.chdir(ROOT)
    site_dir = tempfile.mkdtemp(prefix="kb-preview-")
    url = f"http://127.0.0.1:{port}/"
    preview = (AllLanguages if lang == "all" else Preview)(lang, site_dir, url, config_file)
    server = make_server(preview, port, site_dir)
    # MkDocs polls every watched file twice a second; the system's file events (inotify) come at
    # once and cost nothing between edits.
    server.observer = watchdog.observers.Observer()
    preview.server = server
    for name in WATCHED:
        server.watch(str(ROOT / name))
    log.info(_("Preview: {url}", url=url + ("" if lang in ("all", languages[0]) else lang + "/")))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(preview.site_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
