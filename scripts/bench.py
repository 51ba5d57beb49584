"""Benchmarks (not tests): `make bench`. Prints one table per measurement.

links   cost of computing "see also" and backlinks over synthetic card sets of
        1x, 4x, 10x and 40x the real one (copies of the real cards with new ids
        and their relations shifted along), best of 5 runs.
build   one full strict build of all languages: seconds, pages, pages per second,
        the share of time spent in the project's hook code, and search index sizes.
"""
from __future__ import annotations

import cProfile
import dataclasses
import io
import math
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from kennisbank.config import read_languages  # noqa: E402
from kennisbank.links import Links  # noqa: E402
from kennisbank.loader import load_site  # noqa: E402


def synthetic_cards(cards: dict, factor: int) -> dict:
    out = {}
    for k in range(factor):
        for c in cards.values():
            def shift(cid):
                return f"{cid[0]}{int(cid[1:]) + 100 * k:03d}" if k else cid
            out[shift(c.id)] = dataclasses.replace(c, id=shift(c.id), related=tuple(shift(r) for r in c.related))
    order = {"T": 0, "V": 1, "O": 2}
    return dict(sorted(out.items(), key=lambda kv: (order[kv[0][0]], int(kv[0][1:]))))


def bench_links(cards: dict) -> None:
    print("## Cross-links: cost per card set (best of 5)\n")
    print("| set | cards | seconds | µs per card | µs per card / log2(n) |")
    print("|---|---:|---:|---:|---:|")
    for factor in (1, 4, 10, 40):
        cs = synthetic_cards(cards, factor)
        best = min(_time(lambda: Links(cs)) for _ in range(5))
        n = len(cs)
        print(f"| {factor}× | {n} | {best:.4f} | {best / n * 1e6:.1f} | {best / n / math.log2(n) * 1e6:.2f} |")
    print()


def _time(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_build() -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            cfg = load_config(str(ROOT / "mkdocs.yml"), site_dir=tmp)
            prof = cProfile.Profile()
            t = time.perf_counter()
            prof.runcall(build, cfg)
            seconds = time.perf_counter() - t
        finally:
            os.chdir(cwd)
        pages = sum(1 for _ in Path(tmp).rglob("index.html"))
        stats = pstats.Stats(prof, stream=io.StringIO())
        # cumulative time of the hook entry points (they never call each other), so the
        # libraries they call (YAML, segno, ...) count as hook cost too
        hook_time = sum(v[3] for k, v in stats.stats.items()
                        if k[0] == str(ROOT / "hooks" / "site.py") and k[2].startswith("on_"))
        total = stats.total_tt
        sizes = {lang: (Path(tmp) / ("" if lang == "nl" else lang) / "search" / "search_index.json").stat().st_size
                 for lang in read_languages(ROOT / "mkdocs.yml")}
    print("## Full build (under cProfile, so slower than a plain build)\n")
    print("| seconds | pages | pages/s | hook code share |")
    print("|---:|---:|---:|---:|")
    print(f"| {seconds:.1f} | {pages} | {pages / seconds:.1f} | {hook_time / total:.1%} |\n")
    print("## Search index size per language\n")
    print("| language | bytes |")
    print("|---|---:|")
    for lang, size in sizes.items():
        print(f"| {lang} | {size:,} |")
    print()


if __name__ == "__main__":
    site = load_site(ROOT / "docs", read_languages(ROOT / "mkdocs.yml"))
    what = sys.argv[1:] or ["links", "build"]
    if "links" in what:
        bench_links(site.cards)
    if "build" in what:
        bench_build()
