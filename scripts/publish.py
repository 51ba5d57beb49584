"""Publish the site safely: build into a new folder, then switch to it in one step.

    python scripts/publish.py DEST [CONFIG]     (make publish DEST=/srv/kennisbank)

It also prints the course reader of every language to PDF (scripts/reader.py, needs chromium).
DEST becomes a symbolic link to the newest release in DEST's folder (.<name>.releases/).
The switch is one rename of a link, so readers see the old site or the new one, never a
mix. A failed build leaves DEST exactly as it was. The last three releases are kept.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

KEEP = 3


def publish(dest: Path, config: str = "mkdocs.yml", root: Path = Path.cwd()) -> int:
    dest = dest.absolute()
    releases = dest.parent / f".{dest.name}.releases"
    releases.mkdir(parents=True, exist_ok=True)
    new = releases / f"{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-{os.getpid()}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                             "--site-dir", str(new)], cwd=root, env=env)
    if result.returncode != 0 or not (new / "index.html").is_file():
        shutil.rmtree(new, ignore_errors=True)
        print(f"publish: the build failed; {dest} is unchanged", file=sys.stderr)
        return 1
    try:  # the course readers as PDF, printed into the new release before it goes live
        from reader import make_readers
        make_readers(new)
    except Exception as e:  # noqa: BLE001 - any failure: keep the old site, say why in one line
        shutil.rmtree(new, ignore_errors=True)
        print(f"publish: printing the reader PDFs failed ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); "
              f"{dest} is unchanged", file=sys.stderr)
        return 1
    if dest.exists() and not dest.is_symlink():
        # first publish over a plain folder: keep it as a release, then link
        dest.rename(releases / "before-publish")
    link = dest.parent / f".{dest.name}.new-link"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(new, link)
    os.replace(link, dest)  # atomic: one rename
    for old in sorted(p for p in releases.iterdir() if p != new)[:-KEEP + 1 or None]:
        shutil.rmtree(old, ignore_errors=True)
    print(f"publish: {dest} -> {new.name}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(publish(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "mkdocs.yml"))
