"""Editors see their mistakes in the browser (issue 26): with the preview running, in both modes
(`make serve LANG=tr`, and `make serve`: every language), a save with a YAML error shows in the
page within 2 s (file, line, message), and the page comes back once the file is fixed. The page
keeps its Content-Security-Policy, under which the live reload must run."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, _browser_or_skip, copy_project

CARD = "voorwaarden/zorg-voor-een-tolk"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status
    except OSError:
        return 0


@pytest.fixture(params=["tr", "all"])
def preview(request, tmp_path):
    """The preview of a copy of the project: (project, the card's URL, the card file, the log)."""
    _browser_or_skip()
    mode = request.param
    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "preview.py", project / "scripts" / "preview.py")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    log_file = project / "preview.log"
    log = open(log_file, "w")
    proc = subprocess.Popen([sys.executable, "scripts/preview.py", mode, str(port)], cwd=project, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/" + ("tr/" if mode == "tr" else "") + f"{CARD}/"
    card = project / "docs" / (f"{CARD}.tr.md" if mode == "tr" else f"{CARD}.md")
    try:
        end = time.monotonic() + 600  # every language on a busy 2-core machine: a few minutes
        while _status(url) != 200:
            assert proc.poll() is None, log_file.read_text()[-3000:]
            assert time.monotonic() < end, "the preview did not start within 600 s"
            time.sleep(1)
        yield project, url, card, log_file
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


def test_a_yaml_error_shows_in_the_page_and_goes_when_fixed(preview):
    from playwright.sync_api import sync_playwright
    project, url, card, log_file = preview
    good = card.read_text(encoding="utf-8")
    lines = good.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("title:"))
    # the title's line opens a quote that is never closed: YAML gives up only at the end of the
    # front matter, many lines further
    bad = "\n".join(lines[:at] + ['title: "' + lines[at][len("title:"):].strip()] + lines[at + 1:])
    # Its own Playwright in a thread of its own: the session's browser fixture may already run a
    # sync Playwright in this thread, and a second one inside it refuses to start.
    errors = []

    def drive():
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60000)
                try:
                    page = browser.new_page()
                    page.set_default_timeout(20000)
                    blocked = []
                    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
                    page.goto(url)
                    # the CSP is on: the page carries it, and nothing it runs was blocked
                    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
                    page.wait_for_load_state("load")
                    time.sleep(0.5)  # the reload script starts its long poll on "load"
                    card.write_text(bad, encoding="utf-8")
                    saved = time.monotonic()
                    box = page.locator(".kb-preview-error")
                    box.wait_for(state="visible", timeout=2000)
                    shown = time.monotonic() - saved
                    text = box.inner_text()
                    assert card.relative_to(project / "docs").as_posix() in text, text
                    assert f"line {at + 1}" in text, text  # where the quote opens, not where YAML gave up
                    assert shown < 2, shown
                    # the last good page is still under it; the banner comes first in <body>, so the
                    # box can show while the reloaded page below it is still being parsed
                    page.locator("h1").first.wait_for(state="attached", timeout=10000)
                    card.write_text(good, encoding="utf-8")
                    box.wait_for(state="detached", timeout=10000)
                    page.locator("h1").first.wait_for(state="visible")
                    assert not blocked, blocked
                finally:
                    browser.close()
        except BaseException as e:  # noqa: BLE001 - raised again in the test's own thread
            errors.append(e)

    worker = threading.Thread(target=drive, daemon=True)
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive(), "the browser part did not finish within 300 s"
    if errors:
        raise errors[0]
    log = log_file.read_text(encoding="utf-8")
    assert "Traceback" not in log, log[-3000:]
