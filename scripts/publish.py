"""Publish the site safely: build into a new folder, then switch to it in one step.

    python scripts/publish.py DEST [CONFIG]     (make publish DEST=/srv/kennisbank)

It also prints the course reader of every language to PDF (scripts/reader.py, needs chromium).
DEST becomes a symbolic link to the newest release in DEST's folder (.<name>.releases/).
The switch is one rename of a link, so readers see the old site or the new one, never a
mix. A failed build leaves DEST exactly as it was. A release is built under a ".building-"
name and renamed when complete, so a killed publish leaves only a ".building-" folder, which
the next publish removes; pruning keeps the last three complete releases and never the one
DEST points to. A lock refuses a second publish while one runs. A school's details come
from KB_SCHOOL (make publish DEST=... SCHOOL=school.yml).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

KEEP = 3


# What the build reads (and the project's own folders): a DEST there would be moved aside by the
# first publish (a plain folder becomes a release) and the next build would miss it.
SOURCES = ("docs", "hooks", "overrides", "bron", "vertalen", "lms", "scripts", "tests", "deploy", ".git", ".venv")


def unsafe_dest(dest: Path, root: Path) -> str | None:
    """Why ``dest`` may not be published to, or None: the project itself, a folder that holds it,
    or anything inside its sources (make publish DEST=docs)."""
    where = Path(os.path.normpath(dest.absolute()))
    where = where.parent.resolve() / where.name  # DEST itself may be our link: not resolved
    root = root.resolve()
    if where == root or where in root.parents:
        return f"DEST {dest} is het project zelf of een map erboven (is the project or holds it)"
    for name in SOURCES:
        if where == root / name or (root / name) in where.parents:
            return f"DEST {dest} ligt in de bronnen van het project ({name}/; is inside the project's sources)"
    return None


def publish(dest: Path, config: str = "mkdocs.yml", root: Path = Path.cwd()) -> int:
    why = unsafe_dest(dest, root)
    if why:
        print(f"publish: {why}; kies een map buiten het project, bijvoorbeeld /srv/kennisbank", file=sys.stderr)
        return 2
    dest = dest.absolute()
    releases = dest.parent / f".{dest.name}.releases"
    releases.mkdir(parents=True, exist_ok=True)
    with open(releases / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"publish: another publish of {dest} is running; try again when it is done", file=sys.stderr)
            return 1
        return _publish(dest, releases, config, root)


def build(building: Path, config: str, root: Path) -> bool:
    """Build the site into ``building`` with MkDocs, strictly; True if MkDocs succeeded.
    A step of its own so the tests can publish a stub site (swap, prune and lock need no build)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                             "--site-dir", str(building)], cwd=root, env=env)
    return result.returncode == 0


def print_pdfs(building: Path) -> None:
    """Print the course readers as PDF into ``building`` (scripts/reader.py, needs chromium); raises
    if printing fails. A step of its own, like build()."""
    from reader import make_handouts, make_readers
    make_readers(building)
    make_handouts(building)  # the students' handouts, beside their pages


def _publish(dest: Path, releases: Path, config: str, root: Path) -> int:
    for partial in releases.glob(".building-*"):  # left by a killed publish (we hold the lock)
        shutil.rmtree(partial, ignore_errors=True)
    name = f"{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-{os.getpid()}"
    building, new = releases / f".building-{name}", releases / name
    if not build(building, config, root) or not (building / "index.html").is_file():
        shutil.rmtree(building, ignore_errors=True)
        print(f"publish: the build failed; {dest} is unchanged", file=sys.stderr)
        return 1
    try:  # the course readers as PDF, printed into the new release before it goes live
        print_pdfs(building)
    except Exception as e:  # noqa: BLE001 - any failure: keep the old site, say why in one line
        shutil.rmtree(building, ignore_errors=True)
        print(f"publish: printing the reader PDFs failed ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); "
              f"{dest} is unchanged", file=sys.stderr)
        return 1
    building.rename(new)  # complete: only now does it count as a release
    if dest.exists() and not dest.is_symlink():
        # first publish over a plain folder: keep it as a release, then link
        dest.rename(releases / "before-publish")
    link = dest.parent / f".{dest.name}.new-link"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(new, link)
    os.replace(link, dest)  # atomic: one rename
    complete = sorted(p for p in releases.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in complete[:-KEEP]:
        if old != new and old != dest.resolve():
            shutil.rmtree(old, ignore_errors=True)
    print(f"publish: {dest} -> {new.name}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(publish(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "mkdocs.yml"))
