"""Benchmarks (not tests): `make bench`. Prints one table per measurement.

links    cost of computing "see also" and backlinks over synthetic card sets of
         1x, 4x, 10x and 40x the real one (copies of the real cards with new ids
         and their relations shifted along), best of 5 runs.
build    one full strict build of all languages: seconds, pages, pages per second,
         the share of time spent in the project's hook code, and search index sizes.
scaling  full builds of synthetic sites with 1x, 4x and 10x the cards (all languages):
         seconds per page.
weight   median bytes per page over the wire (HTML + its CSS and JS, gzip), against a
         plain Material site built from the same Dutch Markdown.
lcp      Largest Contentful Paint of a card page in Chromium on loopback, CPU 4x slower.
languages  full builds of the site with its first four languages and with all of them (copies of
         the project, same machine, same run, best of 2): seconds per language, so one sees
         whether each added language costs the same.
"""
from __future__ import annotations

import cProfile
import dataclasses
import io
import math
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

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


def _copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "hooks", "bron", "overrides"):
        src = ROOT / name
        (shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__")) if src.is_dir()
         else shutil.copy2(src, dest / name))
    return dest


def _multiply_cards(docs: Path, factor: int) -> None:
    """Add factor-1 copies of every card (Dutch and translations) with new ids and slugs."""
    import re
    originals = [f for folder in ("themas", "voorwaarden", "organisatie")
                 for f in sorted((docs / folder).glob("*.md")) if not f.name.startswith("index.")]
    for k in range(1, factor):
        for f in originals:
            stem, _, rest = f.name.partition(".")
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"\b([TVO])(\d{2})\b", lambda m: f"{m.group(1)}{int(m.group(2)) + 100 * k:03d}", text)
            (f.parent / f"{stem}-{k}.{rest}").write_text(text, encoding="utf-8")


def _build_seconds(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site_dir)],
                   cwd=project, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def bench_scaling() -> None:
    print("## Build scaling: synthetic card sets, all languages\n")
    print("| set | cards | pages | seconds | ms per page | vs 1× |")
    print("|---|---:|---:|---:|---:|---:|")
    first = None
    for factor in (1, 4, 10):
        with tempfile.TemporaryDirectory() as tmp:
            project = _copy_project(Path(tmp) / "p")
            _multiply_cards(project / "docs", factor)
            seconds = _build_seconds(project, Path(tmp) / "site")
            pages = sum(1 for _ in (Path(tmp) / "site").rglob("index.html"))
        per = seconds / pages * 1000
        first = first or per
        print(f"| {factor}× | {74 * factor} | {pages} | {seconds:.1f} | {per:.1f} | {per / first:.2f}× |")
    print()


def _page_weights(site: Path) -> list[int]:
    """Bytes over the wire per page: its HTML plus the CSS and JS it loads, each gzipped."""
    import gzip
    import re
    cache: dict[Path, int] = {}

    def gz(path: Path) -> int:
        if path not in cache:
            cache[path] = len(gzip.compress(path.read_bytes(), 6))
        return cache[path]
    out = []
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        total = gz(page)
        for ref in re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', html):
            target = (page.parent / ref.split("?")[0]).resolve()
            if target.is_file():
                total += gz(target)
        out.append(total)
    return out


def bench_weight() -> None:
    import statistics
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "ours"
        _build_seconds(ROOT, ours)
        plain_project = _copy_project(Path(tmp) / "plain")
        for f in (plain_project / "docs").rglob("*.*.md"):
            f.unlink()  # the plain site: Dutch Markdown only
        (plain_project / "plain.yml").write_text(
            "site_name: plain\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
            "plugins:\n  - search\nmarkdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, "
            "pymdownx.details, pymdownx.superfences, pymdownx.tasklist]\n", encoding="utf-8")
        _build_seconds(plain_project, Path(tmp) / "plainsite", "plain.yml")
        ours_w = statistics.median(_page_weights(ours))
        plain_w = statistics.median(_page_weights(Path(tmp) / "plainsite"))
    print("## Page weight: median bytes per page over the wire (HTML + CSS + JS, gzip)\n")
    print("| this site | plain Material, same Markdown | ratio |")
    print("|---:|---:|---:|")
    print(f"| {ours_w:,.0f} | {plain_w:,.0f} | {ours_w / plain_w:.2f}× |\n")


def bench_lcp() -> None:
    import statistics
    from playwright.sync_api import sync_playwright
    from reader import ARGS, CHROMIUM, serve
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _build_seconds(ROOT, site)
        httpd, base = serve(site)
        url = f"{base}voorwaarden/zorg-voor-een-tolk/"
        results = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(5):
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.goto(url, wait_until="load")
                lcp = page.evaluate("""() => new Promise(r => new PerformanceObserver(l => {
                    const e = l.getEntries(); r(e[e.length - 1].startTime); }).observe({type: 'largest-contentful-paint', buffered: true}))""")
                results.append(lcp)
                context.close()
            browser.close()
        httpd.shutdown()
    print("## Largest Contentful Paint, card page, CPU throttled 4× (5 cold loads)\n")
    print("| median ms | worst ms |")
    print("|---:|---:|")
    print(f"| {statistics.median(results):.0f} | {max(results):.0f} |\n")


def bench_glossary() -> None:
    """Glossary tooltips on one very large page: the cost must grow linearly with the page."""
    from kennisbank.glossary import Glossary
    from kennisbank.strings import load_strings
    strings = load_strings(ROOT / "hooks", read_languages(ROOT / "mkdocs.yml"))
    print("## Glossary tooltips: one page of growing size, Arabic (best of 3)\n")
    print("| page | seconds | µs per KB | vs 0.6 MB |")
    print("|---:|---:|---:|---:|")
    g = Glossary(strings["ar"]["glossary"]["terms"], "ar")
    para = "<p>يتحدث أولياء الأمور مع الOR ووjeugdzorg عن الطفل في الـ tien-minutengesprek، و<a href='x'>pabo</a>.</p>\n"
    base = None
    for mb in (0.6, 2, 6):
        page = para * int(mb * 1_000_000 / len(para.encode()))
        import gc
        gc.disable()  # the collector's pauses grow with the heap, not with this code
        seconds = min(_time(lambda: g.annotate(page)) for _ in range(3))
        gc.enable()
        per_kb = seconds * 1e6 / (len(page.encode()) / 1000)
        base = base or per_kb
        print(f"| {mb} MB | {seconds:.2f} | {per_kb:.1f} | {per_kb / base:.2f}× |")
    print()


def _only_languages(project: Path, keep: tuple) -> None:
    """Drop every language but ``keep`` from the copy: its mkdocs.yml entry and its pages."""
    import re
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    for lang in read_languages(yml):
        if lang in keep:
            continue
        text, n = re.subn(rf"^(\s*)- locale: {lang}\n(?:\1  .*\n)*", "", text, flags=re.M)
        if n != 1:
            raise SystemExit(f"mkdocs.yml: cannot find the entry of language '{lang}'")
        for f in (project / "docs").rglob(f"*.{lang}.md"):
            f.unlink()
    yml.write_text(text, encoding="utf-8")


def bench_languages() -> None:
    """Build time with the first four languages and with all: the cost per language stays flat."""
    langs = read_languages(ROOT / "mkdocs.yml")
    sets = {4: langs[:4], len(langs): langs}
    best: dict = {}
    pages: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        for n, keep in sets.items():
            projects[n] = _copy_project(Path(tmp) / f"p{n}")
            shutil.copytree(ROOT / "vertalen", projects[n] / "vertalen")  # the termbases the build checks
            _only_languages(projects[n], keep)
        for _ in range(2):  # interleaved, so a busy moment on the machine hits both
            for n in sets:
                site = Path(tmp) / f"site{n}"
                shutil.rmtree(site, ignore_errors=True)
                best[n] = min(best.get(n, math.inf), _build_seconds(projects[n], site))
                pages[n] = sum(1 for _ in site.rglob("index.html"))
    print("## Languages: full build with four languages and with all (best of 2)\n")
    print("| languages | pages | seconds | seconds per language | ms per page |")
    print("|---|---:|---:|---:|---:|")
    for n, keep in sets.items():
        print(f"| {n} ({' '.join(keep)}) | {pages[n]} | {best[n]:.1f} | {best[n] / n:.1f} | {best[n] / pages[n] * 1000:.1f} |")
    lo, hi = min(sets), max(sets)
    added = (best[hi] - best[lo]) / (hi - lo)
    print(f"\nEach language beyond the first {lo}: {added:.1f} s (the first {lo}: {best[lo] / lo:.1f} s each); "
          f"ratio {added / (best[lo] / lo):.2f}.\n")


if __name__ == "__main__":
    site = load_site(ROOT / "docs", read_languages(ROOT / "mkdocs.yml"))
    what = sys.argv[1:] or ["links", "glossary", "build", "scaling", "weight", "lcp", "languages"]
    if "links" in what:
        bench_links(site.cards)
    if "glossary" in what:
        bench_glossary()
    if "build" in what:
        bench_build()
    if "scaling" in what:
        bench_scaling()
    if "weight" in what:
        bench_weight()
    if "lcp" in what:
        bench_lcp()
    if "languages" in what:
        bench_languages()
