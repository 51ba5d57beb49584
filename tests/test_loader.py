"""Bad input is refused with one clear error naming the file and the field."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ALL_LANGUAGES as LANGUAGES
from kennisbank.loader import load_site, text_hash
from kennisbank.model import ContentError

LANGS = LANGUAGES  # the configured languages (mkdocs.yml)

GOOD = """\
---
id: T01
title: Een titel
summary: Een korte zin.
parents: U kunt hier iets mee. Vraag het gerust.
section: thema
audiences: [ouders]
tags: [taal, tolk]
checklist:
  - id: a
    for: ouders
    text: Doe iets.
questions: ["Wat vind jij?"]
related: []
source: Een zin uit het verslag.
---

Tekst.
"""


def make(tmp_path: Path, files: dict) -> Path:
    docs = tmp_path / "docs"
    for rel, content in files.items():
        p = docs / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(textwrap.dedent(content), encoding="utf-8")
    return docs


def error_for(tmp_path, files) -> ContentError:
    with pytest.raises(ContentError) as e:
        load_site(make(tmp_path, files), LANGS)
    return e.value


def test_good_card_loads(tmp_path):
    site = load_site(make(tmp_path, {"themas/a.md": GOOD}), LANGS)
    card = site.cards["T01"]
    assert card.tags == ("taal", "tolk") and card.checklist[0].key("T01") == "T01/a"
    assert card.nl.body.strip() == "Tekst."


@pytest.mark.parametrize("files, path, field, words", [
    ({"themas/a.md": GOOD.replace("title: Een titel", "title: [oops")}, "themas/a.md", "front matter", "invalid YAML"),
    ({"themas/a.md": "---\n- a\n- b\n---\nx\n"}, "themas/a.md", "front matter", "mapping"),
    ({"themas/a.md": GOOD.replace("summary: Een korte zin.\n", "")}, "themas/a.md", "summary", "missing"),
    ({"themas/a.md": GOOD.replace("related: []", "related: []\ncolour: red")}, "themas/a.md", "colour", "unknown field"),
    ({"themas/a.md": GOOD.replace("title: Een titel", "title: 12")}, "themas/a.md", "title", "must be text"),
    ({"themas/a.md": GOOD.replace("tags: [taal, tolk]", "tags: [taal, kookles]")}, "themas/a.md", "tags[1]", "vocabulary"),
    ({"themas/a.md": GOOD.replace("audiences: [ouders]", "audiences: [buren]")}, "themas/a.md", "audiences[0]", "vocabulary"),
    ({"themas/a.md": GOOD.replace("section: thema", "section: hobby")}, "themas/a.md", "section", "not a section"),
    ({"themas/a.md": GOOD.replace("    for: ouders", "    for: opa")}, "themas/a.md", "checklist[0].for", "not an audience"),
    ({"themas/a.md": GOOD, "themas/b.md": GOOD}, "themas/b.md", "id", "duplicate id 'T01'"),
    ({"themas/a.md": GOOD.replace("related: []", "related: [V99]")}, "themas/a.md", "related[0]", "unknown card id 'V99'"),
    ({"themas/a.md": ""}, "themas/a.md", "front matter", "empty"),
    ({"themas/a.md": GOOD.encode() + b"\xff\xfe broken"}, "themas/a.md", "encoding", "UTF-8"),
    ({"themas/a.md": GOOD, "themas/c.en.md": "---\ntitle: x\n---\n"}, "themas/c.en.md", "file name", "without a Dutch original"),
    ({"themas/a.md": GOOD + "\n<script>alert(1)</script>\n"}, "themas/a.md", "body", "<script"),
    ({"themas/a.md": GOOD + '\n<iframe src="x"></iframe>\n'}, "themas/a.md", "body", "<iframe"),
    ({"themas/a.md": GOOD + '\n<img src="x" onerror="go()">\n'}, "themas/a.md", "body", "onerror="),
    ({"themas/a.md": GOOD + "\n[klik](javascript:alert(1))\n"}, "themas/a.md", "body", "javascript:"),
    ({"themas/a.md": GOOD.replace("title: Een titel", "title: <script>x</script>")}, "themas/a.md", "title", "plain text"),
    ({"themas/a.md": GOOD, "themas/a.ps.md": "---\ntitle: x\n---\n"}, "themas/a.ps.md", "file name", "unknown language 'ps'"),
    ({"themas/a.md": GOOD.replace("id: T01", "id: V01")}, "themas/a.md", "id", "must be T"),
    ({"themas/a.md": GOOD.replace("tags: [taal, tolk]", "tags: [taal]")}, "themas/a.md", "tags", "at least 2"),
    ({"themas/a.md": GOOD.replace("tags: [taal, tolk]", "tags: [taal, tolk, cultuur, tijd, angst, vaders]")},
     "themas/a.md", "tags", "at most 5"),
    ({"themas/a.md": GOOD.replace("---\n\nTekst.", "\nTekst.")}, "themas/a.md", "front matter", "closing"),
    ({"index.md": "no front matter\n"}, "index.md", "front matter", "start with"),
    # the parent block: required on a card for parents, refused elsewhere, 2 to 4 sentences
    ({"themas/a.md": GOOD.replace("parents: U kunt hier iets mee. Vraag het gerust.\n", "")},
     "themas/a.md", "parents", "missing required field"),
    ({"themas/a.md": GOOD.replace("audiences: [ouders]", "audiences: [pabo]").replace("for: ouders", "for: pabo")},
     "themas/a.md", "parents", "only cards whose audiences include ouders"),
    ({"themas/a.md": GOOD.replace("U kunt hier iets mee. Vraag het gerust.", "Eén zin maar.")},
     "themas/a.md", "parents", "has 1 sentence; write 2 to 4"),
    ({"themas/a.md": GOOD.replace("U kunt hier iets mee. Vraag het gerust.", "Een. Twee. Drie. Vier. Vijf.")},
     "themas/a.md", "parents", "has 5 sentences"),
    ({"themas/a.md": GOOD.replace("U kunt hier iets mee. Vraag het gerust.", "[een, lijst]")},
     "themas/a.md", "parents", "must be text"),
    ({"themas/a.md": GOOD, "themas/a.en.md": "---\ntitle: A\nsummary: B.\nchecklist: [{id: a, text: Do.}]\n"
      "questions: [Q?]\ntranslation: {source_hash: abc, reviewed: false}\n---\nText.\n"},
     "themas/a.en.md", "parents", "missing required field"),
    # the core list: an item for parents names its moment in the conversation (tests run with KB_LANG=en)
    ({"themas/a.md": GOOD.replace("    for: ouders\n", "    for: ouders\n    core: ja\n")},
     "themas/a.md", "checklist[0].core", "'ja' is not a moment of the conversation; write voor, tijdens or einde"),
    ({"themas/a.md": GOOD.replace("    for: ouders\n", "    for: ouders\n    core: true\n")},
     "themas/a.md", "checklist[0].core", "'true' is not a moment of the conversation; write voor, tijdens or einde"),
    ({"themas/a.md": GOOD.replace("    for: ouders\n", "    for: ouders\n    core: [voor]\n")},
     "themas/a.md", "checklist[0].core", "is not a moment of the conversation"),
    ({"themas/a.md": GOOD.replace("    for: ouders\n", "    for: ouders\n    core: Voor\n")},
     "themas/a.md", "checklist[0].core", "'Voor' is not a moment"),
    ({"themas/a.md": GOOD.replace("audiences: [ouders]", "audiences: [ouders, pabo]")
      .replace("    for: ouders\n", "    for: pabo\n    core: tijdens\n")},
     "themas/a.md", "checklist[0].core", "only items for ouders"),
    ({"index.md": "---\ntitle: Home\n---\n", "index.en.md": "---\ntitle: Home\n---\n"}, "index.en.md", "translation", "missing"),
])
def test_bad_input_names_file_and_field(tmp_path, files, path, field, words):
    err = error_for(tmp_path, files)
    assert err.path == path
    assert err.field == field
    assert words in str(err)
    assert str(err).startswith(f"{path}: field '{field}':")


def test_translation_with_unknown_item(tmp_path):
    tr = """\
    ---
    title: A title
    summary: One sentence.
    checklist:
      - id: zz
        text: Do something.
    questions: ["What do you think?"]
    translation: {source_hash: abc, reviewed: false}
    ---
    Text.
    """
    err = error_for(tmp_path, {"themas/a.md": GOOD, "themas/a.en.md": tr})
    assert (err.path, err.field) == ("themas/a.en.md", "checklist[0].id")


def test_core_list_has_at_most_twelve_items(tmp_path):
    files = {}
    for n in range(1, 14):
        files[f"themas/k{n:02d}.md"] = GOOD.replace("id: T01", f"id: T{n:02d}").replace(
            "    for: ouders\n", f"    for: ouders\n    core: {('voor', 'tijdens', 'einde')[n % 3]}\n")
    err = error_for(tmp_path, files)
    assert (err.path, err.field) == ("themas/k13.md", "checklist[0].core")
    assert "13 items; at most 12" in str(err)
    del files["themas/k13.md"]
    site = load_site(make(tmp_path / "ok", files), LANGS)
    assert sum(bool(i.core) for c in site.cards.values() for i in c.checklist) == 12


def test_a_bad_moment_is_one_dutch_line_for_editors(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_LANG", "nl")
    err = error_for(tmp_path, {"themas/a.md": GOOD.replace("    for: ouders\n", "    for: ouders\n    core: true\n")})
    from kennisbank.editor import error
    assert error(err) == "themas/a.md: veld 'checklist[0].core': 'true' is geen moment van het gesprek; schrijf voor, tijdens of einde"


def test_core_item_keeps_its_moment(tmp_path):
    files = {"themas/a.md": GOOD.replace("    for: ouders\n", "    for: ouders\n    core: einde\n")}
    site = load_site(make(tmp_path, files), LANGS)
    assert site.cards["T01"].checklist[0].core == "einde"
    site = load_site(make(tmp_path / "none", {"themas/a.md": GOOD}), LANGS)
    assert not site.cards["T01"].checklist[0].core, "an item without core: is not on the core list"


def test_parent_block_is_read_in_every_language(tmp_path):
    en = ("---\ntitle: A\nsummary: B.\nparents: You can use this. Feel free to ask.\n"
          "checklist: [{id: a, text: Do.}]\nquestions: [Q?]\ntranslation: {source_hash: abc, reviewed: false}\n---\nText.\n")
    site = load_site(make(tmp_path, {"themas/a.md": GOOD, "themas/a.en.md": en}), LANGS)
    card = site.cards["T01"]
    assert card.nl.parents == "U kunt hier iets mee. Vraag het gerust."
    assert card.text("en").parents == "You can use this. Feel free to ask."


@pytest.mark.parametrize("text, n", [("Een zin. Nog een.", 2), ("Wat nu? Zo.", 2), ("هل هذا صحيح؟ نعم.", 2),
                                     ("Het vwo (de school). Klaar.", 2), ("Zeg: 'ja.' Dan.", 2), ("Eén 3.5 zin.", 1),
                                     ("ሕቶ ኣሎ ድዩ፧ እወ። ጽቡቕ እዩ።", 3),
                                     ("您可以问老师。这样很好！好吗？", 3), ("他说：“好的。”然后走了。", 2),
                                     ("第3.5页。", 1)])
def test_sentence_count(text, n):
    from kennisbank.loader import sentence_count
    assert sentence_count(text) == n


def test_hash_ignores_whitespace_only_changes():
    assert text_hash("Een zin.\n\n\nNog een.  \n") == text_hash("Een zin.\n\nNog een.")
    assert text_hash("Een lange\nzin.") == text_hash("Een lange zin.")
    assert text_hash("Een zin.\n\nTwee.") != text_hash("Een zin. Twee.")
    assert text_hash("Een zin.") != text_hash("Een andere zin.")
