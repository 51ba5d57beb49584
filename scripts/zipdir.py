"""Zip a folder reproducibly: sorted names, fixed timestamps. Usage: zipdir.py FOLDER ZIPFILE"""
import os
import sys
import time
import zipfile
from pathlib import Path

folder, target = Path(sys.argv[1]), Path(sys.argv[2])
stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800))[:6]  # zip starts at 1980
tmp = target.with_suffix(".tmp")
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, path.read_bytes())
tmp.replace(target)
print(f"{target}: {target.stat().st_size:,} bytes; unzip it and open index.html")
