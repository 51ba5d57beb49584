"""Nothing half-built, in any language (issue 26): `make site` builds into site.new/ and swaps it in
only when every language built. A Turkish page the build refuses (it is read and checked before
anything is written, but its HTML only when Turkish is rendered, after Dutch) leaves site/ as it was.
Cheap: Dutch and Turkish only (KB_LANGUAGE=tr), which is enough, as Turkish is built after Dutch."""
from __future__ import annotations

import os
import shutil
import subprocess

from conftest import ROOT

CARD = "voorwaarden/zorg-voor-een-tolk"


def _listing(folder):
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes()) for p in folder.rglob("*") if p.is_file())


def test_a_bad_turkish_page_leaves_site_unchanged(project):
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    site = project / "site"
    (site / "nl-page").mkdir(parents=True)
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    (site / "nl-page" / "index.html").write_text("a page of it", encoding="utf-8")
    before = _listing(site)
    card = project / "docs" / f"{CARD}.tr.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n![resim](https://example.org/x.png)\n", encoding="utf-8")
    env = dict(os.environ, KB_LANGUAGE="tr")
    env.pop("PYTHONPATH", None)
    venv = str(ROOT / ".venv")
    # -o: the shared environment is installed already; make must not install into it
    result = subprocess.run(["make", "--no-print-directory", "-o", f"{venv}/bin/.installed", "site", f"VENV={venv}"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert errors and all(f"{CARD}.tr.md" in ln for ln in errors), result.stderr[-2000:]
    assert (project / "site" / "tr").exists() is False
    assert _listing(site) == before
    assert not (project / "site.new").exists() and not (project / "site.old").exists()
