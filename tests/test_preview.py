"""The editors' preview (`make serve LANG=tr`, scripts/preview.py): it builds Dutch and the one
language, and after an edit renders again the edited page and the pages that list it."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, copy_project, mkdocs

# make test runs two workers (pytest-xdist): this file's tests stay on one, so its module-scoped fixtures are made once
pytestmark = pytest.mark.xdist_group("preview")

CARD = "voorwaarden/zorg-voor-een-tolk"
OLD_TITLE = "Tercüman bulun, çocuğu tercüman yapmayın"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:
        return 0, ""


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        status, body = _get(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    (project / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "preview.py", project / "scripts" / "preview.py")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    log = open(project / "preview.log", "w")
    proc = subprocess.Popen([sys.executable, "scripts/preview.py", "tr", str(port)], cwd=project, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        end = time.monotonic() + 600
        while _get(base + f"tr/{CARD}/")[0] != 200:
            assert proc.poll() is None, (project / "preview.log").read_text()[-3000:]
            assert time.monotonic() < end, "the preview did not start"
            time.sleep(1)
        yield project, base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_preview_builds_dutch_and_the_one_language(preview):
    _, base = preview
    assert _get(base + f"tr/{CARD}/")[0] == 200
    assert _get(base + f"{CARD}/")[0] == 200  # Dutch: the source and the fallback
    assert _get(base + f"en/{CARD}/")[0] == 404
    assert _get(base + f"ar/{CARD}/")[0] == 404


def test_an_edited_card_shows_on_its_page_and_on_the_pages_that_list_it(preview):
    project, base = preview
    card = project / "docs" / f"{CARD}.tr.md"
    text = card.read_text(encoding="utf-8")
    assert OLD_TITLE in text
    card.write_text(text.replace(OLD_TITLE, "Tercüman bulun kbpreview"), encoding="utf-8")
    _wait_for(base + f"tr/{CARD}/", "Tercüman bulun kbpreview")
    _wait_for(base + "tr/voorwaarden/", "Tercüman bulun kbpreview")  # the section lists its cards
    _wait_for(base + "tr/reader/", "Tercüman bulun kbpreview")
    status, dutch = _get(base + f"{CARD}/")
    assert status == 200 and "kbpreview" not in dutch


def test_a_bad_edit_is_refused_in_one_line_and_the_last_good_page_stays(preview):
    project, base = preview
    card = project / "docs" / f"{CARD}.tr.md"
    good = card.read_text(encoding="utf-8")
    card.write_text(good.replace("title:", "title: <b>x</b>\ntitle:", 1), encoding="utf-8")
    log = project / "preview.log"
    end = time.monotonic() + 60
    while "Invalid content" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < end, log.read_text()[-3000:]
        time.sleep(0.2)
    errors = [ln for ln in log.read_text(encoding="utf-8").splitlines() if "Invalid content" in ln]
    assert len(errors) == 1 and f"{CARD}.tr.md" in errors[0], errors
    assert "Traceback" not in log.read_text(encoding="utf-8")
    assert _get(base + f"tr/{CARD}/")[0] == 200
    card.write_text(good.replace("\ntitle: ", "\ntitle: kbfixed ", 1), encoding="utf-8")
    _wait_for(base + f"tr/{CARD}/", "kbfixed")


def test_an_unknown_language_is_refused_in_one_line(project, tmp_path):
    result = mkdocs(project, site_dir=tmp_path / "out", env_extra={"KB_LANGUAGE": "xx"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and "KB_LANGUAGE" in errors[0] and "'xx'" in errors[0], result.stderr
