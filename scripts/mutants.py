"""make mutants: mutation testing of hooks/kennisbank with the fast tests (KB_UNIT_ONLY=1), and the
kill rate per module.

mutmut names a mutant after its file's path (hooks/kennisbank/links.py -> "hooks.kennisbank.links"),
but the code and the tests import the package as ``kennisbank``: run in place, no mutant would ever be
switched on. So mutmut runs in a staged copy of the project, mutants/stage/, where the package sits in
src/kennisbank (mutmut drops "src.") and hooks/kennisbank points there, for the tests that import it
through hooks/ or start ``python -m kennisbank``.

    python scripts/mutants.py [module ...]     # default: every module of hooks/kennisbank
    python scripts/mutants.py --report [module ...]   # only print the table of the last run
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "mutants" / "stage"
PACKAGE = ROOT / "hooks" / "kennisbank"
# What the fast tests read, besides the package (the same list as [tool.mutmut] also_copy).
COPY = ["mkdocs.yml", "mkdocs.offline.yml", "docs", "bron", "overrides", "vertalen", "hooks", "scripts", "tests",
        "school.example.yml", "deploy", "pyproject.toml", "release", "lms", "Makefile", "README.md", "DEVELOPERS.md",
        "requirements.lock", "requirements-test.lock", ".ci", ".github"]
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # mutmut: a failing test, pytest's internal error, a timeout, type check
SURVIVED = {0, 5, 33}  # mutmut: all tests passed, or no test ran the mutated code


def modules(names: list[str]) -> list[str]:
    known = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.exit(f"unknown module(s): {', '.join(unknown)}; the modules are: {', '.join(known)}")
    return names or known


def stage(names: list[str]) -> None:
    """A fresh copy of the project for mutmut. Old results are dropped: a copy is cheap, a stale
    mutant is not."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "node_modules", "kennisbank", "*.pyc")
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, STAGE / name, ignore=ignore if name == "hooks" else shutil.ignore_patterns("__pycache__", "node_modules"))
        elif src.exists():
            shutil.copy2(src, STAGE / name)
    shutil.copytree(PACKAGE, STAGE / "src" / "kennisbank", ignore=shutil.ignore_patterns("__pycache__"))
    (STAGE / "hooks" / "kennisbank").symlink_to(Path("..") / "src" / "kennisbank")
    # mutmut writes the mutated package to mutants/src/kennisbank; the tests' hooks/ must see that one
    (STAGE / "mutants" / "hooks").mkdir(parents=True)
    (STAGE / "mutants" / "hooks" / "kennisbank").symlink_to(Path("..") / "src" / "kennisbank")
    # editor.py reads its catalogs next to the package (kennisbank/../locales): in both copies
    (STAGE / "src" / "locales").symlink_to(Path("..") / "hooks" / "locales")
    (STAGE / "mutants" / "src").mkdir()
    (STAGE / "mutants" / "src" / "locales").symlink_to(Path("..") / "hooks" / "locales")
    # only the modules asked for
    toml = STAGE / "pyproject.toml"
    only = ", ".join(f'"src/kennisbank/{m}.py"' for m in names)
    text = toml.read_text(encoding="utf-8")
    text, n = re.subn(r"^\[tool\.mutmut\]\n", f"[tool.mutmut]\nonly_mutate = [{only}]\n", text, flags=re.M)
    assert n == 1, "pyproject.toml has no [tool.mutmut]"
    toml.write_text(text, encoding="utf-8")


def run() -> int:
    env = dict(os.environ, KB_UNIT_ONLY="1", NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)  # the tests put the staged hooks/ on the path themselves
    mutmut = Path(sys.executable).parent / "mutmut"
    return subprocess.run([str(mutmut), "run", "--max-children", os.environ.get("MUTANTS_CHILDREN", "2")],
                          cwd=STAGE, env=env).returncode


def report(names: list[str]) -> str:
    rows, total = [], Counter()
    for m in names:
        meta = STAGE / "mutants" / "src" / "kennisbank" / f"{m}.py.meta"
        if not meta.exists():
            rows.append(f"{m:<14} {'(not run)':>8}")
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values()
        c = Counter("killed" if x in KILLED else "survived" if x in SURVIVED else "not checked" if x is None else "other"
                    for x in codes)
        total.update(c)
        checked = c["killed"] + c["survived"]
        rate = f"{c['killed'] / checked:.0%}" if checked else "-"
        rows.append(f"{m:<14} {sum(c.values()):>8} {c['killed']:>7} {c['survived']:>9} {c['not checked'] + c['other']:>9} {rate:>10}")
    checked = total["killed"] + total["survived"]
    rows.append(f"{'all':<14} {sum(total.values()):>8} {total['killed']:>7} {total['survived']:>9} "
                f"{total['not checked'] + total['other']:>9} {(total['killed'] / checked if checked else 0):>10.0%}")
    head = f"{'module':<14} {'mutants':>8} {'killed':>7} {'survived':>9} {'unchecked':>9} {'kill rate':>10}"
    return "\n".join([head, "-" * len(head), *rows])


def main(argv: list[str]) -> int:
    only_report = "--report" in argv
    names = modules([a for a in argv if a != "--report"])
    if not only_report:
        stage(names)
        rc = run()
        if rc not in (0, 1):  # 1: some mutants survived
            print(f"mutmut stopped (exit {rc})", file=sys.stderr)
    print(report(names))
    print("(survivors: cd mutants/stage && mutmut results; a mutant's diff: mutmut show <name>)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
