"""The layers, checked by reading the sources: every contact with MkDocs, static-i18n or Material
internals is in hooks/engine/ (each with its test in tests/test_engine.py), and the domain
(hooks/kennisbank/) never imports MkDocs. A private name anywhere else fails here with file:line."""
from __future__ import annotations

import ast
import io
import re
import tokenize

from conftest import ROOT

SCANNED = ["hooks/*.py", "hooks/kennisbank/*.py", "scripts/*.py"]
# What only hooks/engine/ may say: (pattern, what it is).
PRIVATE = [
    (r"""plugins\[\s*["']i18n["']\s*\]""", "static-i18n's plugin object"),
    (r"\.current_language\b(?!\s*\()", "static-i18n: current_language"),
    (r"\.i18n_files_per_language\b", "static-i18n: i18n_files_per_language"),
    (r"\.locale_alternate_of\b|\.localization\b|\.alternates\b|\bfile\.locale\b", "static-i18n: a file attribute"),
    (r"extra\.alternate\b|getattr\(\s*config\.extra", "static-i18n: config.extra.alternate as an attribute"),
    (r"\bmkdocs\.structure\b", "MkDocs: mkdocs.structure (File, InclusionLevel, Section, Page)"),
    (r"\bInclusionLevel\b|\bFile\.generated\b|\bgenerated_by\b", "MkDocs: virtual files and their placement"),
    (r"from\s+mkdocs\.commands\.build\s+import\s+_|\b_build_page\b|\b_populate_page\b", "MkDocs: private build functions"),
    (r"\bmkdocs\.livereload\b|\b_timestamp\b", "MkDocs: the live-reload module"),
    (r"\._rebuild_cond\b|\._want_rebuild\b|\._epoch_cond\b|\._visible_epoch\b|\._wanted_epoch\b",
     "MkDocs: LiveReloadServer's private state"),
    (r"\b_inject_js_into_html\b|\b_serve_request\b|\.error_handler\b", "MkDocs: LiveReloadServer's private methods"),
    (r"__config\b", "Material: the <script id=\"__config\"> settings block"),
    (r"link\[rel=alternate\]", "Material: the bundle's language selector"),
    (r"""["']partials/languages/""", "Material: its per-language interface templates"),
    (r"""["'/]workers["'/]|lunr["'/]+min|["']search\.\*""", "Material: its search worker and lunr files"),
    (r"^\s*(from|import)\s+engine\b", "hooks/engine imported as `engine`: import it as `hooks.engine` (one module)"),
]
DOMAIN_IMPORTS = re.compile(r"^\s*(from\s+mkdocs\b|import\s+mkdocs\b|from\s+material\b|import\s+material\b|"
                            r"from\s+mkdocs_static_i18n\b|import\s+mkdocs_static_i18n\b|from\s+hooks\b|import\s+hooks\b)")


def code_lines(path) -> list[tuple[int, str]]:
    """(line number, code) of a Python file, with its comments and docstrings left out: what it does,
    not what it says about Material or MkDocs."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    skip = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                skip.update(range(first.lineno, first.end_lineno + 1))
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            lines[row - 1] = lines[row - 1][:col]
    return [(i, line) for i, line in enumerate(lines, 1) if i not in skip]


def scanned_files():
    files = sorted({p for pattern in SCANNED for p in ROOT.glob(pattern)})
    assert any(p.name == "site.py" for p in files) and any(p.name == "preview.py" for p in files)
    return files


def private_uses(files) -> list[str]:
    found = []
    for path in files:
        for number, line in code_lines(path):
            for pattern, what in PRIVATE:
                if re.search(pattern, line):
                    found.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {what}: {line.strip()}")
    return found


def test_internals_of_mkdocs_static_i18n_and_material_are_only_touched_in_hooks_engine():
    found = private_uses(scanned_files())
    assert not found, ("MkDocs/static-i18n/Material internals outside hooks/engine/ (move them into a small named "
                       "function there, with a test in tests/test_engine.py):\n" + "\n".join(found))


def test_the_domain_never_imports_mkdocs_material_or_the_engine():
    found = [f"{p.relative_to(ROOT).as_posix()}:{n}: {line.strip()}"
             for p in sorted((ROOT / "hooks" / "kennisbank").glob("*.py"))
             for n, line in code_lines(p) if DOMAIN_IMPORTS.search(line)]
    assert not found, "hooks/kennisbank/ imports MkDocs, Material, static-i18n or hooks/:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scanner itself: a private name in code is found; the same in a comment or docstring is not."""
    bad = tmp_path / "bad.py"
    bad.write_text('"""Material\'s #__config."""\nx = config.plugins["i18n"].current_language  # ok\n'
                   "# server._rebuild_cond\nfrom mkdocs.commands.build import _build_page\n", encoding="utf-8")
    found = _uses_in(bad)
    assert any("plugin object" in f for f in found) and any("private build functions" in f for f in found)
    assert not any("__config" in f or "LiveReloadServer" in f for f in found), found


def _uses_in(path) -> list[str]:
    return [f"{number}: {what}" for number, line in code_lines(path) for pattern, what in PRIVATE if re.search(pattern, line)]
