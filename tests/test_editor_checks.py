"""What an editor gets wrong is refused in one line that names the file (issue 26): YAML errors at
the line where the problem starts, a card still holding `make card`'s example text, a `source`
that is not word for word in the report, and a build refused in any language leaves site/ as it
was. Messages are Dutch unless KB_LANG=en (or an English locale)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ALL_LANGUAGES, LANGUAGES, ROOT, refused_build
from kennisbank import editor, yamlsafe
from kennisbank.loader import load_site
from kennisbank.model import ContentError

CARD = "voorwaarden/zorg-voor-een-tolk"


def _yaml_error(text: str) -> str:
    with pytest.raises(ContentError) as e:
        yamlsafe.load(text, "themas/a.md", "front matter", line_offset=1)
    return str(e.value)


@pytest.mark.parametrize("text, line", [
    # an unclosed quote, the next line's quote closes it: YAML stops a line later
    ('id: T01\ntitle: "Een titel\nsummary: "Een zin."\ntags: [a, b]\n', 3),
    # an unclosed quote that runs to the end: YAML stops at the end of the front matter
    ('id: T01\ntitle: "Een titel\nsummary: Een zin.\ntags: [a, b]\nquestions: []\n', 3),
    # an unclosed bracket
    ('id: T01\ntags: [a, b\nsummary: Een zin.\nquestions: []\n', 3),
    # the key whose value is wrong
    ('id: T01\ntitle: Een: titel\nsummary: Een zin.\n', 3),
    # a valid quoted value over two lines before an error elsewhere is not blamed
    ('id: T01\nsummary: "Een\n  zin."\ntitle: Een: titel\n', 5),
])
def test_yaml_errors_name_the_line_where_the_problem_starts(text, line):
    message = _yaml_error(text)
    assert message.startswith("themas/a.md: field 'front matter': invalid YAML"), message
    assert re.findall(r"line (\d+)", message) == [str(line)], message


def _project(tmp_path: Path) -> Path:
    """One Dutch card of the real project (its links to others dropped) and the report: fast."""
    (tmp_path / "docs" / "voorwaarden").mkdir(parents=True)
    text = (ROOT / "docs" / f"{CARD}.md").read_text(encoding="utf-8")
    (tmp_path / "docs" / f"{CARD}.md").write_text(re.sub(r"^related: .*$", "related: []", text, flags=re.M),
                                                  encoding="utf-8")
    (tmp_path / "bron").mkdir()
    shutil.copy2(ROOT / "bron" / "verslag.md", tmp_path / "bron" / "verslag.md")
    return tmp_path


def _refused(tmp_path: Path) -> str:
    with pytest.raises(ContentError) as e:
        load_site(tmp_path / "docs", ALL_LANGUAGES)
    return str(e.value)


def test_a_source_not_word_for_word_in_the_report_is_refused(tmp_path):
    project = _project(tmp_path)
    card = project / "docs" / f"{CARD}.md"
    load_site(project / "docs", ALL_LANGUAGES)  # as it is: word for word
    text = card.read_text(encoding="utf-8")
    source = re.search(r"^source: (?:>-?\n)?((?:  .*\n)+|.*\n)", text, re.M)
    words = source.group(1).split()
    # re-wrapping the quote is no change ...
    card.write_text(text.replace(source.group(1), "  " + "\n  ".join(words) + "\n"), encoding="utf-8")
    load_site(project / "docs", ALL_LANGUAGES)
    # ... a changed word is
    changed = " ".join(words[:3] + [words[3] + "x"] + words[4:])
    card.write_text(text.replace(source.group(1), "  " + changed + "\n"), encoding="utf-8")
    message = _refused(project)
    assert message.startswith(f"{CARD}.md: field 'source': is not word for word in bron/verslag.md"), message


def test_a_card_that_still_holds_make_cards_example_text_is_refused(tmp_path):
    project = _project(tmp_path)
    card = project / "docs" / f"{CARD}.md"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("\nquestions:\n", "\nquestions:\n  - Een vraag voor pabo-studenten om over na\n"
                                 "    te denken?\n", 1), encoding="utf-8")
    message = _refused(project)
    assert message.startswith(f"{CARD}.md: field 'questions[0]': still holds the example text"), message


def _kennisbank(project: Path, *args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kennisbank", *args], cwd=project, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(project / "hooks"), **env})


def test_make_site_refuses_an_unfilled_scaffold_in_one_line(project, tmp_path):
    made = _kennisbank(project, "new", "thema", "Een nieuwe kaart")
    assert made.returncode == 0, made.stderr
    error = refused_build(project, tmp_path / "site")
    assert "themas/een-nieuwe-kaart.md" in error and "example text of 'make card'" in error, error


def test_messages_are_dutch_unless_english_is_asked_for(monkeypatch):
    e = ContentError("themas/a.md", "source", "is not word for word in bron/verslag.md; copy the sentence from the report")
    for name in ("KB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    dutch = editor.error(e)
    assert dutch.startswith("themas/a.md: veld 'source': ") and "verslag" in dutch and "report" not in dutch, dutch
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert editor.error(e) == str(e)
    monkeypatch.setenv("KB_LANG", "nl")
    assert editor.error(e) == dutch
    monkeypatch.setenv("KB_LANG", "en")
    assert editor.error(e) == str(e)


def test_every_editor_message_in_the_code_has_its_dutch():
    """Every _("...") in the code the editors run has a Dutch msgstr in the editor catalog."""
    catalog = editor._catalog("nl")
    sources = [*(ROOT / "hooks").rglob("*.py"), ROOT / "scripts" / "preview.py"]
    used = set()
    for f in sources:
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r'\b_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', text):
            used.add("".join(eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1))))  # noqa: S307
    assert used, "no editor messages found"
    missing = sorted(u for u in used if not catalog.get(u))
    assert not missing, missing
