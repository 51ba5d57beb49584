"""Input that fights back: for any text, the loader gives a valid card or one ContentError
naming the file and a field, never another exception. A fixed example budget keeps CI fast."""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LANGUAGES
from kennisbank.loader import load_site
from kennisbank.model import ContentError
from test_loader import GOOD

LANGS = LANGUAGES  # the configured languages (mkdocs.yml)
SETTINGS = settings(max_examples=int(os.environ.get("KB_FUZZ_EXAMPLES", "150")), deadline=None,
                    derandomize="KB_FUZZ_EXAMPLES" not in os.environ,  # make fuzz: a new seed, more examples
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def check(tmp_path: Path, content: bytes, name: str = "themas/a.md"):
    docs = tmp_path / "docs"
    if docs.exists():
        for p in sorted(docs.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
    (docs / "themas").mkdir(parents=True)
    (docs / name).write_bytes(content)
    try:
        site = load_site(docs, LANGS)
    except ContentError as e:
        assert e.path == name and e.field and str(e).startswith(f"{name}: field '")
        return None
    return site


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes(tmp_path, data):
    check(tmp_path, data)


@SETTINGS
@given(st.text(max_size=400))
def test_any_front_matter(tmp_path, text):
    check(tmp_path, f"---\n{text}\n---\nTekst.\n".encode("utf-8", "surrogatepass"))


_lines = GOOD.splitlines(keepends=True)


@SETTINGS
@given(st.integers(0, len(_lines) - 1), st.text(max_size=40))
def test_one_line_of_a_good_card_replaced(tmp_path, index, text):
    lines = list(_lines)
    lines[index] = text + "\n"
    site = check(tmp_path, "".join(lines).encode("utf-8", "surrogatepass"))
    if site is not None:
        card = next(iter(site.cards.values()))
        assert card.id and card.nl.title.strip() and 2 <= len(card.tags) <= 5


@SETTINGS
@given(st.sampled_from(["id", "title", "summary", "parents", "section", "audiences", "tags", "checklist", "questions",
                        "related", "source"]),
       st.one_of(st.none(), st.integers(), st.booleans(), st.lists(st.integers(), max_size=3),
                 st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2), st.text(max_size=20)))
def test_a_field_with_any_value(tmp_path, field, value):
    import yaml
    head, body = GOOD.split("---\n")[1], "Tekst.\n"
    meta = yaml.safe_load(head)
    meta[field] = value
    check(tmp_path, ("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body).encode("utf-8"))
