"""Command line: `python -m kennisbank status|hash|stamp` (run with hooks/ on PYTHONPATH).

status        print page x language translation status, coverage and the termbase check;
              exit 1 if a translation is missing or behind, or uses a forbidden variant
              (a partial language only fails on a missing page of its parents' layer)
hash FILE     print the version hash of a Dutch page, as a translation records it
stamp FILE..  write the current Dutch hash into translation files (after updating them)
new SECTIE TITEL  scaffold a Dutch card with the next free id and every field
review LANG [DIR]             write a review package for a native speaker (default review/LANG)
review-import LANG ROLE [DIR] read it back: update pages, stamp reviewed by ROLE (tolk, ...)
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from .config import read_languages, read_partial_languages
from .loader import load_site
from .review import strings_reviewed
from .model import ContentError
from .scaffold import SCAFFOLD
from .editor import _, error as editor_error, ngettext
from .partial import coverage, failing, format_coverage
from .vocab import SECTIONS
from .terms import check_project, load_termbases
from .translations import format_summary, format_table, format_terminology, format_todo, translation_status


def main(argv: list[str]) -> int:
    root = Path.cwd()
    try:
        languages = read_languages(root / "mkdocs.yml")
        partial = read_partial_languages(root / "mkdocs.yml", languages)
        site = load_site(root / "docs", languages)
        termbases = load_termbases(root, languages) if (argv[:1] or ["status"])[0] == "status" else {}
    except ContentError as e:
        print(_("Error: {error}", error=editor_error(e)), file=sys.stderr)
        return 2
    cmd = argv[0] if argv else "status"
    if cmd == "status":
        rows = translation_status(site)
        try:
            hits = check_project(root, languages, termbases)
        except ContentError as e:
            print(_("Error: {error}", error=editor_error(e)), file=sys.stderr)
            return 2
        if "--all" in argv[1:]:  # the full table, the per-language summaries and the coverage
            print(format_table(rows, languages))
            strings = {lang: strings_reviewed(root, lang) for lang in languages[1:]}
            print(format_summary(rows, languages, hits, strings))
            print(format_coverage(coverage(site, rows, partial)))
        else:  # only what needs work: the pages, the next command, the languages with a termbase hit
            print(format_todo(rows, failing(rows, site, partial)))
            for line in format_terminology(hits, languages, only_hits=True):
                print(line)
        for hit in hits:  # each with its file
            print(hit, file=sys.stderr)
        # a partial language need not have the pages outside the parents' layer
        return 1 if hits or failing(rows, site, partial) else 0
    if cmd == "stamp" and not argv[1:]:
        print(_("Say which translation you checked: make stamp FILE=docs/themas/x.tr.md, or make stamp LANG=tr "
                "for every page of that language you changed since the last commit"), file=sys.stderr)
        return 2
    if cmd == "stamp" and argv[1] == "--lang":
        return _stamp_language(site, root, languages, argv[2] if len(argv) > 2 else "")
    if cmd in ("hash", "stamp"):
        pages = []
        for f in argv[1:]:
            rel = _rel(f)
            if rel not in site.pages:
                print(_("Error: {file}: not a Markdown page under docs/", file=f), file=sys.stderr)
                return 2
            pages.append(site.pages[rel])
        if cmd == "hash":
            for page in pages:
                print(page.source_hash)
            return 0
        for page in pages:
            if page.translation is None:
                print(_("Error: {path}: field 'translation': not a translation (no translation block)", path=page.path),
                      file=sys.stderr)
                return 2
            file = root / "docs" / page.path
            text = file.read_text(encoding="utf-8")
            end = text.index("\n---", 3)  # the front matter only
            # block style (source_hash: x) or flow style ({source_hash: x, reviewed: false})
            head, n = re.subn(r"(\bsource_hash:[ \t]*)[^\s,}]*", rf"\g<1>{site.pages[page.base].source_hash}",
                              text[:end], count=1)
            if n != 1:
                print(_("Error: {path}: field 'translation.source_hash': not found", path=page.path), file=sys.stderr)
                return 2
            file.write_text(head + text[end:], encoding="utf-8")
            print(_("stamped {path}", path=page.path))
        return 0
    if cmd == "new":
        return _new(site, root, *argv[1:3])
    if cmd in ("review", "review-import"):
        return _review(cmd, site, root, languages, argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


def _stamp_language(site, root: Path, languages: tuple, lang: str) -> int:
    """`make stamp LANG=tr`: stamp every translation of ``lang`` that is behind its Dutch and that
    was changed since the last commit (git): the pages the editor brought up to date. A page behind
    but not changed is listed, not stamped: it still needs its update."""
    import subprocess
    from .translations import is_behind
    if lang not in languages[1:]:
        print(_("Usage: make stamp LANG=<{languages}> or make stamp FILE=docs/...", languages="|".join(languages[1:])),
              file=sys.stderr)
        return 2
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", "docs"], cwd=root,
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        print(_("make stamp LANG=... needs git to see which pages you changed; use make stamp FILE=docs/..."),
              file=sys.stderr)
        return 2
    changed = {line[3:].strip().strip('"').split(" -> ")[-1] for line in out.splitlines()}
    behind = [p for p in site.pages.values() if p.lang == lang and is_behind(site, p)]
    todo = [p for p in behind if f"docs/{p.path}" in changed]
    rest = [p for p in behind if f"docs/{p.path}" not in changed]
    code = main(["stamp", *(str(root / "docs" / p.path) for p in todo)]) if todo else 0
    for p in rest:
        print(_("not stamped, behind and not changed since the last commit: docs/{path}", path=p.path), file=sys.stderr)
    if not todo and not rest:
        print(_("Nothing to stamp: every {lang} translation is up to date", lang=lang))
    return code


def _review(cmd: str, site, root: Path, languages: tuple, args: list) -> int:
    from .config import read_i18n_languages
    from .review import export_package, import_package, interface_pairs

    lang = args[0] if args else ""
    if lang not in languages[1:]:
        print(_("Usage: make {cmd} LANG=<{languages}>", cmd=cmd, languages="|".join(languages[1:]))
              + (" ROLE=tolk" if cmd != "review" else ""), file=sys.stderr)
        return 2
    if cmd == "review":
        out = Path(args[1]) if len(args) > 1 else root / "review" / lang
        names = {x["locale"]: x.get("name", x["locale"]) for x in read_i18n_languages(root / "mkdocs.yml")}
        files = export_package(root, site, lang, out, interface_pairs(root, languages, lang), names)
        print(_("{count} files in {folder}: sheet.html to print, po/ to open in a translation tool.",
                count=len(files), folder=out))
        return 0
    role = args[1] if len(args) > 1 else ""
    folder = Path(args[2]) if len(args) > 2 else root / "review" / lang
    try:
        outcomes = import_package(root, site, lang, folder, role)
    except ContentError as e:
        print(_("Error: {error}", error=editor_error(e)), file=sys.stderr)
        return 2
    if not outcomes:
        print(_("Error: no review files in {folder}", folder=folder / "po"), file=sys.stderr)
        return 2
    # one line per page that changed or could not be (fully) taken; the unchanged ones only counted
    for o in outcomes:
        if not o.ok:
            print(o, file=sys.stderr)
        elif o.changed:
            print(o)
    changed, refused = sum(o.changed for o in outcomes), sum(not o.ok for o in outcomes)
    print(ngettext("{count} page changed, {unchanged} unchanged, {refused} with a problem (listed above)",
                   "{count} pages changed, {unchanged} unchanged, {refused} with a problem (listed above)",
                   changed, unchanged=sum(o.ok and not o.changed for o in outcomes), refused=refused))
    return 0 if all(o.ok for o in outcomes) else 1


def _new(site, root: Path, section: str = "", title: str = "") -> int:
    if section not in SECTIONS or not title.strip():
        print(_("Usage: make card SECTIE=<{sections}> TITEL=\"Korte titel\"", sections="|".join(SECTIONS)), file=sys.stderr)
        return 2
    card_id = next_id(site, section)
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()).strip("-")
    path = root / "docs" / SECTIONS[section]["folder"] / f"{slug}.md"
    if path.exists():
        print(_("Error: {path} exists already", path=path.relative_to(root)), file=sys.stderr)
        return 2
    path.write_text(SCAFFOLD.format(id=card_id, title=title.strip(), section=section), encoding="utf-8")
    print(_("{path}: new card {id}. Fill in every field; 'make site' checks them.", path=path.relative_to(root),
            id=card_id))
    return 0


def next_id(site, section: str) -> str:
    prefix = SECTIONS[section]["prefix"]
    used = [int(c[1:]) for c in site.cards if c.startswith(prefix)]
    return f"{prefix}{max(used, default=0) + 1:02d}"




def _rel(f: str) -> str:
    try:
        return Path(f).resolve().relative_to((Path.cwd() / "docs").resolve()).as_posix()
    except ValueError:
        return f  # outside docs/: not a page, which the caller reports


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
