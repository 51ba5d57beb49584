"""The Nu Html Checker (vnu.jar, npm vnu-jar in tests/vnu, run with Java) on built pages of every
kind in every language: no error of our own. Errors in Material's own templates are listed in
MATERIAL (and README), recognised by message and by Material's markup in the extract."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import LANGUAGES, ROOT, prefix

VNU = ROOT / "tests" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ["index.html", "lesbrief/index.html", "voorwaarden/praten-met-ouders-is-een-vak/index.html",
         "checklists/ouders/index.html", "checklists/index.html", "woordenlijst/index.html", "overzicht/index.html",
         "onderwerpen/index.html", "reader/index.html", "vertalingen/index.html", "verslag/index.html", "404.html"]
# Material 9's own templates: its hidden toggles carry autocomplete="off" on a checkbox, its
# navigation labels tabindex="", and its table-of-contents label points at a hidden checkbox.
MATERIAL = (
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'class="md-nav__title"'),
)


def _java_or_skip():
    if not VNU.is_file() or not shutil.which("java"):
        if os.environ.get("KB_REQUIRE_BROWSER"):
            pytest.fail(f"{VNU} or java is missing: npm ci in tests/vnu (make test does), apt-get install default-jre-headless")
        pytest.skip("no vnu.jar or java: npm ci in tests/vnu; apt-get install default-jre-headless")


def _errors(files) -> list[dict]:
    result = subprocess.run(["java", "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def _ours(messages) -> list[tuple]:
    return [(m.get("url", "").rsplit("/site/", 1)[-1], m["message"], m.get("extract", "")) for m in messages
            if not any(m["message"].startswith(msg) and mark in m.get("extract", "") for msg, mark in MATERIAL)]


def test_built_pages_have_no_html_error_of_our_own(built_site):
    _java_or_skip()
    files = [built_site / prefix(lang) / page for lang in LANGUAGES for page in PAGES]
    missing = [f for f in files if not f.is_file()]
    assert not missing, missing[:3]
    ours = _ours(_errors(files))
    assert not ours, ours[:5]


def test_the_checker_finds_our_own_errors(tmp_path):
    """The test above would see an error of ours: a page with one, and one of Material's."""
    _java_or_skip()
    page = tmp_path / "site" / "x.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>x</title></head><body>'
                    '<div markdown="0">x</div><input class="md-toggle" type="checkbox" autocomplete="off">'
                    "</body></html>", encoding="utf-8")
    ours = _ours(_errors([page]))
    assert len(ours) == 1 and "markdown" in ours[0][1], ours
