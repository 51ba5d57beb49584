"""Zip a folder reproducibly. Usage: zipdir.py FOLDER ZIPFILE [TOP]

TOP: the one folder the zip unpacks into (its entries are TOP/...); without it the files sit at the
zip's root. The same files give the same bytes, whatever their order on disk, their timestamps or
their permissions: entries sorted by name, every timestamp SOURCE_DATE_EPOCH (zip starts at 1980),
files 0644 and folders 0755, made on "Unix", one compression level.
"""
from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold
FILE_MODE, DIR_MODE = 0o100644, 0o040755


def stamp(epoch: int | None = None) -> tuple:
    """The zip timestamp of SOURCE_DATE_EPOCH (or ``epoch``), at least 1980-01-01."""
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", str(ZIP_EPOCH)))
    return time.gmtime(max(epoch, ZIP_EPOCH))[:6]


def _info(name: str, when: tuple, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, when)
    info.create_system = 3  # Unix, so the mode below counts, on any machine
    info.external_attr = mode << 16
    if mode == DIR_MODE:
        info.external_attr |= 0x10  # MS-DOS directory flag
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_zip(folder: Path, target: Path, top: str | None = None, epoch: int | None = None) -> Path:
    """Zip everything under ``folder`` into ``target``; written whole, then renamed into place."""
    folder, target = Path(folder), Path(target)
    when = stamp(epoch)
    base = f"{top.strip('/')}/" if top else ""
    entries = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_dir())
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        if base:
            z.writestr(_info(base, when, DIR_MODE), b"")
        for name in entries:
            path = folder / name
            if path.is_dir():
                z.writestr(_info(base + name + "/", when, DIR_MODE), b"")
            else:
                z.writestr(_info(base + name, when, FILE_MODE), path.read_bytes(), compresslevel=9)
    tmp.replace(target)
    return target


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = write_zip(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) == 4 else None)
    where = f"{sys.argv[3]}/index.html" if len(sys.argv) == 4 else "index.html"
    print(f"{out}: {out.stat().st_size:,} bytes; unzip it and open {where}")
