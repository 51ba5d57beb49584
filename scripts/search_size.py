"""Search index bytes per language, in a built site: `python scripts/search_size.py site/`.

For each language: the bytes of its search_index.json as written, gzipped (what a web server with
gzip sends, once, when the reader opens search), and the same without the added forms
(the ``forms`` and ``title_forms`` fields, see hooks/kennisbank/search.py): the cost of the forms.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from kennisbank.config import read_languages  # noqa: E402
from kennisbank.search import index_files  # noqa: E402


def without_forms(index: dict) -> dict:
    fields = {k: v for k, v in index["config"].get("fields", {}).items() if k not in ("forms", "title_forms")}
    docs = [{k: v for k, v in d.items() if k not in ("forms", "title_forms")} for d in index["docs"]]
    return {**index, "config": {**index["config"], "fields": fields}, "docs": docs}


def sizes(text: str) -> tuple[int, int]:
    data = text.encode("utf-8")
    return len(data), len(gzip.compress(data, 6))


def main(site: Path) -> None:
    languages = read_languages(ROOT / "mkdocs.yml")
    print("| language | bytes | gzip | without forms | gzip without forms | forms add (gzip) |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang in languages:
        path = site / ("" if lang == languages[0] else lang) / "search" / "search_index.json"
        text = path.read_text(encoding="utf-8")
        raw, gz = sizes(text)
        raw0, gz0 = sizes(index_files(without_forms(json.loads(text)))["search_index.json"])
        print(f"| {lang} | {raw:,} | {gz:,} | {raw0:,} | {gz0:,} | {(gz - gz0) / gz0:+.0%} |")


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: python scripts/search_size.py SITE_DIR (a built site, e.g. site/)")
    main(Path(sys.argv[1]))
