"""Command line: `python -m kennisbank status|hash|stamp` (run with hooks/ on PYTHONPATH).

status        print page x language translation status; exit 1 if any is missing or behind
hash FILE     print the version hash of a Dutch page, as a translation records it
stamp FILE..  write the current Dutch hash into translation files (after updating them)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .config import read_languages
from .loader import load_site
from .model import ContentError
from .translations import format_table, translation_status


def main(argv: list[str]) -> int:
    root = Path.cwd()
    try:
        languages = read_languages(root / "mkdocs.yml")
        site = load_site(root / "docs", languages)
    except ContentError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    cmd = argv[0] if argv else "status"
    if cmd == "status":
        rows = translation_status(site)
        print(format_table(rows, languages))
        return 1 if any(r.state != "current" for r in rows) else 0
    if cmd == "hash":
        for f in argv[1:]:
            print(site.pages[_rel(f)].source_hash)
        return 0
    if cmd == "stamp":
        for f in argv[1:]:
            page = site.pages[_rel(f)]
            text = Path(root / "docs" / page.path).read_text(encoding="utf-8")
            new = re.sub(r"(\n  source_hash:) *\S*", rf"\g<1> {site.pages[page.base].source_hash}", text, count=1)
            Path(root / "docs" / page.path).write_text(new, encoding="utf-8")
            print(f"stamped {page.path}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


def _rel(f: str) -> str:
    p = Path(f).resolve().relative_to((Path.cwd() / "docs").resolve())
    return p.as_posix()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
