"""The content checks speak Dutch to editors (issue 26, item 6): every message a ContentError can
carry is an English msgid with named placeholders in the code and has a Dutch msgstr, with the same
placeholders, in hooks/locales/nl/LC_MESSAGES/editor.po; counts use real plural forms. A refused
build prints the Dutch line by default and the English one with KB_LANG=en."""
from __future__ import annotations

import ast
import importlib.util
import os
import string

import pytest
from babel.messages.pofile import read_po

from conftest import LANGUAGES, ROOT
from test_loader import GOOD  # the same valid card
from kennisbank import editor

PO = ROOT / "hooks" / "locales" / "nl" / "LC_MESSAGES" / "editor.po"
SOURCES = sorted([*(ROOT / "hooks").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")])
# A few checks were written Dutch first, with the English in brackets; they stay f-strings.
DUTCH_FIRST = ("ten hoogste", "geen gewoon", "mag alleen")


def _name(call: ast.Call) -> str | None:
    return getattr(call.func, "id", getattr(call.func, "attr", None))


def _used() -> tuple[dict[str, str | None], list[str]]:
    """msgid -> msgid_plural (or None) for every message of the code; and the places where a
    ContentError message is built in a way no catalog can translate."""
    if "MUTANT_UNDER_TEST" in os.environ:  # make mutants: mutmut's copy of the code holds every mutant's text
        pytest.skip("reads the source, not a mutant's behaviour")
    used, untranslatable = {}, []
    for f in SOURCES:
        src = f.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(src)):
            if not isinstance(node, ast.Call):
                continue
            kw = {k.arg: k.value for k in node.keywords}
            if _name(node) == "ContentError" and len(node.args) >= 3:
                msg = node.args[2]
                if isinstance(msg, ast.Constant) and isinstance(msg.value, str):
                    plural = kw.get("plural")
                    used[msg.value] = plural.value if isinstance(plural, ast.Constant) else None
                elif not any(w in (ast.get_source_segment(src, msg) or "") for w in DUTCH_FIRST):
                    untranslatable.append(f"{f.relative_to(ROOT)}:{node.lineno}")
            elif _name(node) in ("_", "Word") and node.args and isinstance(node.args[0], ast.Constant):
                used[node.args[0].value] = None
            elif _name(node) == "ngettext" and len(node.args) >= 2 and all(
                    isinstance(a, ast.Constant) for a in node.args[:2]):
                used[node.args[0].value] = node.args[1].value
    return used, untranslatable


def _catalog():
    with PO.open("rb") as f:
        cat = read_po(f, domain="editor")
    return cat, {(m.id if isinstance(m.id, str) else m.id[0]): m for m in cat if m.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_content_message_is_a_msgid_with_named_values():
    used, untranslatable = _used()
    assert len(used) > 100, "the scan found too few messages"
    assert not untranslatable, f"ContentError messages built as text (use a msgid and named values): {untranslatable}"


def test_every_message_in_the_code_has_dutch_with_the_same_placeholders():
    cat, entries = _catalog()
    assert cat.num_plurals == 2 and cat.plural_expr.replace(" ", "") == "(n!=1)"
    used, _ = _used()
    problems = []
    for msgid, plural in sorted(used.items()):
        m = entries.get(msgid)
        if m is None:
            problems.append(f"no Dutch: {msgid!r}")
            continue
        if plural is not None:
            if not isinstance(m.id, (tuple, list)) or m.id[1] != plural:
                problems.append(f"not a plural entry with msgid_plural {plural!r}: {msgid!r}")
                continue
            forms = list(m.string)
            if len(forms) != 2:
                problems.append(f"needs 2 Dutch forms: {msgid!r}")
        else:
            forms = [m.string] if isinstance(m.string, str) else list(m.string)
        for form in forms:
            if not form:
                problems.append(f"empty Dutch: {msgid!r}")
            elif _fields(form) != _fields(msgid) | (_fields(plural) if plural else set()):
                problems.append(f"placeholders differ: {msgid!r} -> {form!r}")
    assert not problems, "\n".join(problems)




def _refusal(tmp_path, monkeypatch, text: str) -> str:
    """What hooks/site.py makes of a refused load: the PluginError line MkDocs prints."""
    spec = importlib.util.spec_from_file_location("kb_site_hook_under_test", ROOT / "hooks" / "site.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    docs = tmp_path / "docs"
    (docs / "themas").mkdir(parents=True)
    (docs / "themas" / "a.md").write_text(text, encoding="utf-8")
    from kennisbank.build import Build
    from kennisbank.model import ContentError
    with pytest.raises(ContentError) as e:
        Build(LANGUAGES, {}, None).read(str(docs))
    return str(hook.refused(e.value))


@pytest.mark.parametrize("text, dutch, english", [
    (GOOD.replace("section: thema", "section: themaa"),
     "Fout in de inhoud: themas/a.md: veld 'section': 'themaa' is geen sectie; kies uit: ",
     "Invalid content: themas/a.md: field 'section': 'themaa' is not a section: "),
    (GOOD.replace("parents: U kunt hier iets mee. Vraag het gerust.", "parents: Eén zin."),
     "Fout in de inhoud: themas/a.md: veld 'parents': heeft 1 zin; schrijf er ",
     "Invalid content: themas/a.md: field 'parents': has 1 sentence; write "),
    (GOOD.replace("title: Een titel", "title: [Een, titel]"),
     "Fout in de inhoud: themas/a.md: veld 'title': moet tekst zijn; nu is het een lijst",
     "Invalid content: themas/a.md: field 'title': must be text, not a list"),
], ids=["value", "plural", "kind"])
def test_a_refused_build_is_dutch_by_default_and_english_for_developers(tmp_path, monkeypatch, text, dutch, english):
    for name in ("KB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    line = _refusal(tmp_path / "nl", monkeypatch, text)
    assert line.startswith(dutch), line
    assert "\n" not in line
    monkeypatch.setenv("KB_LANG", "en")
    assert _refusal(tmp_path / "en", monkeypatch, text).startswith(english)


@pytest.mark.parametrize("count, dutch", [(1, "heeft 1 zin; schrijf er 2 tot 4"), (5, "heeft 5 zinnen; schrijf er 2 tot 4")])
def test_counts_take_the_dutch_plural_form(monkeypatch, count, dutch):
    from kennisbank.model import ContentError
    monkeypatch.setenv("KB_LANG", "nl")
    e = ContentError("themas/a.md", "parents", "has {count} sentence; write {least} to {most}",
                     plural="has {count} sentences; write {least} to {most}", count=count, least=2, most=4)
    assert editor.error(e) == f"themas/a.md: veld 'parents': {dutch}"
    assert e.message == ("has 1 sentence; write 2 to 4" if count == 1 else f"has {count} sentences; write 2 to 4")


def test_counted_messages_use_plural_forms_not_brackets():
    """"1 segment(s)" / "segment(en)" is how a program counts; the catalog has a form per number."""
    cat, _ = _catalog()
    bracketed = [m.id for m in cat if m.id and any(
        x in text for text in ((m.id,) if isinstance(m.id, str) else m.id) + ((m.string,) if isinstance(m.string, str) else tuple(m.string))
        for x in ("(s)", "(en)", "('s)"))]
    assert not bracketed, bracketed
