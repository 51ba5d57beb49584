"""`make review-import` for people (issue 26): one line per changed page plus a summary; the page's
YAML layout is kept, so `git diff` shows only the lines whose text changed; when the Dutch changed
since the export, every segment whose Dutch is unchanged is imported and the others are listed."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from translate.storage import po

OTHER = "voorwaarden/zorg-voor-een-tolk"
CARD = "themas/hoe-gaat-het-met-de-ouder"


def _run(project, *args, **kw):
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"), **kw.pop("env", {}))
    return subprocess.run(list(args), cwd=project, env=env, capture_output=True, text=True, timeout=300)


def _edit(path, changes: dict, confirm: bool = True) -> dict:
    """What a reviewer does in Poedit; returns {key: Dutch at the export}."""
    store = po.pofile(path.read_bytes())
    dutch = {}
    for unit in store.units:
        if unit.isheader():
            continue
        dutch[unit.getcontext()] = str(unit.source)
        if confirm:
            unit.markfuzzy(False)
        if unit.getcontext() in changes:
            unit.target = changes[unit.getcontext()]
    path.write_bytes(bytes(store))
    return dutch


def test_a_changed_dutch_sentence_keeps_the_rest_and_the_diff_shows_only_changed_text(project):
    git = ("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid")
    assert _run(project, "git", "init", "-q").returncode == 0
    assert _run(project, *git, "add", "-A").returncode == 0
    assert _run(project, *git, "commit", "-qm", "start").returncode == 0
    assert _run(project, sys.executable, "-m", "kennisbank", "review", "tr").returncode == 0
    folder = project / "review" / "tr" / "po"
    other_tr = project / "docs" / f"{OTHER}.tr.md"
    old_lines = other_tr.read_text(encoding="utf-8").splitlines()
    old_summary = next(ln for ln in old_lines if ln.startswith("summary: "))
    old_item = next(ln for ln in old_lines if "Odada bir tercüman" in ln)
    # the reviewer changes the summary (a quoted value), a checklist item and the body's first block
    _edit(folder / f"{OTHER}.po", {
        "summary": "Veli az Hollandaca mı konuşuyor? Bir tercüman ayarlayın.",
        "checklist/tolkentelefoon": "Tercüman odada değilse telefonla tercümanlık hizmetini kullanın.",
        "body/1": "KB-NOT-TAKEN",
    })
    # and fully reviews another page, changing one question
    old_question = next(ln for ln in (project / "docs" / f"{CARD}.tr.md").read_text(encoding="utf-8").splitlines()
                        if ln.startswith("  - ") and not ln.startswith("  - id:"))
    _edit(folder / f"{CARD}.po", {"questions/1": "KB-QUESTION"})
    # after the export, one Dutch sentence of the first page changed (its first body block)
    dutch = project / "docs" / f"{OTHER}.md"
    dutch.write_text(dutch.read_text(encoding="utf-8").replace("Dan is een tolk nodig.", "Dan is echt een tolk nodig."),
                     encoding="utf-8")
    assert _run(project, *git, "commit", "-qam", "Dutch changed").returncode == 0

    result = _run(project, sys.executable, "-m", "kennisbank", "review-import", "tr", "tolk")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1  # a segment could not be taken: said, and the exit says so
    # quiet: one line per changed page (stdout), one per page with a problem (stderr), one summary
    out, err = result.stdout.strip().splitlines(), result.stderr.strip().splitlines()
    assert len(out) == 2, out
    assert out[0].startswith(f"po/{CARD}.po: 1 segment changed; ") and "reviewed by tolk" in out[0], out
    assert out[1].startswith("2 pages changed, ") and "1 with a problem" in out[1], out
    assert len(err) == 1 and err[0].startswith(f"po/{OTHER}.po: 2 segments changed") and "body/1" in err[0], err

    text = other_tr.read_text(encoding="utf-8")
    assert "KB-NOT-TAKEN" not in text  # its Dutch changed: not taken
    assert "Bir tercüman ayarlayın." in text and "Tercüman odada değilse" in text
    assert "reviewed: false" in text  # the Dutch was not all seen: not reviewed
    # the diff shows only the changed text lines, in their old layout (the quotes stay)
    diff = _run(project, "git", "diff", "-U0", "--", f"docs/{OTHER}.tr.md").stdout.splitlines()
    removed = [ln[1:] for ln in diff if ln.startswith("-") and not ln.startswith("---")]
    added = [ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")]
    assert removed == [old_summary, old_item], diff
    assert added == ['summary: "Veli az Hollandaca mı konuşuyor? Bir tercüman ayarlayın."',
                     "    text: Tercüman odada değilse telefonla tercümanlık hizmetini kullanın."], diff
    card_diff = _run(project, "git", "diff", "-U0", "--", f"docs/{CARD}.tr.md").stdout.splitlines()
    changed = [ln for ln in card_diff if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    # the question, and the review stamp (its hash was current already): nothing else of the page moved
    assert [ln[1:] for ln in changed if ln.startswith("-")] == [old_question, "  reviewed: false"], card_diff
    assert [ln[1:] for ln in changed if ln.startswith("+")] == [
        "  - KB-QUESTION", "  reviewed: true", "  reviewed_by: tolk", f"  reviewed_on: '{date.today().isoformat()}'"], card_diff
