"""The real MkDocs build: strict and clean, and bad input stops it with one clear message."""
from __future__ import annotations

import pytest

from conftest import LANGUAGES, mkdocs, prefix, refused_build


def test_strict_build_has_no_warnings(built_site):
    """The shared build of the real site (strict: a warning would have failed it) said no WARNING."""
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log, log[-3000:]
    for lang in LANGUAGES:
        assert (built_site / prefix(lang) / "index.html").exists()


BREAKS = [
    ("broken YAML", lambda t: t.replace("title:", "title: [oops", 1), "front matter", "invalid YAML"),
    ("unknown tag", lambda t: t.replace("tags: [", "tags: [kookles, ", 1), "tags[0]", "vocabulary"),
    ("script", lambda t: t + "\n<script>alert(1)</script>\n", "body", "<script"),
    ("unknown related", lambda t: t.replace("related: [", "related: [X99, ", 1).replace("related: []", "related: [V99]"),
     "related[0]", "unknown card id"),
]


@pytest.mark.parametrize("name, breaker, field, words", BREAKS, ids=[b[0] for b in BREAKS])
def test_bad_card_fails_cleanly(project, tmp_path, name, breaker, field, words):
    card = project / "docs" / "voorwaarden" / "zorg-voor-een-tolk.md"
    card.write_text(breaker(card.read_text(encoding="utf-8")), encoding="utf-8")
    error = refused_build(project, tmp_path / "site")
    assert "voorwaarden/zorg-voor-een-tolk.md" in error and f"field '{field}'" in error
    assert words in error or name == "unknown related"


def test_invalid_utf8_fails_cleanly(project, tmp_path):
    card = project / "docs" / "voorwaarden" / "zorg-voor-een-tolk.md"
    card.write_bytes(card.read_bytes() + b"\n\xc3\x28\n")
    result = mkdocs(project, site_dir=tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "zorg-voor-een-tolk.md: field 'encoding': not valid UTF-8" in result.stderr


def test_translation_without_original_fails_cleanly(project, tmp_path):
    (project / "docs" / "themas" / "bestaat-niet.en.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = mkdocs(project, site_dir=tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "themas/bestaat-niet.en.md: field 'file name': translation without a Dutch original" in result.stderr
