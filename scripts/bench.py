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
ratio    per page against plain Material + static-i18n on the same Markdown (issue 14).
preview  `make serve LANG=tr`: a card written, seconds until the served page shows it.
profile  (only when asked) one build under cProfile: where its CPU time goes.
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


def _profiled_build(site_dir: str, timer=None) -> tuple[cProfile.Profile, float]:
    """One full build of the project into ``site_dir`` under cProfile; the profile and its wall seconds."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        cfg = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)
        prof = cProfile.Profile(timer) if timer else cProfile.Profile()
        t = time.perf_counter()
        prof.runcall(build, cfg)
        return prof, time.perf_counter() - t
    finally:
        os.chdir(cwd)


def bench_build() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        prof, seconds = _profiled_build(tmp)
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
    for name in ("mkdocs.yml", "docs", "hooks", "bron", "overrides", "vertalen"):  # vertalen: the termbases the build checks
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
    """Wall seconds of one build in a fresh process (see _build_times)."""
    return _build_times(project, site_dir, config)[0]


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
    m = re.search(r"^  partial_languages: \[(.*)\]\n", text, re.M)
    if m:
        left = [x.strip() for x in m.group(1).split(",") if x.strip() in keep]
        text = text.replace(m.group(0), f"  partial_languages: [{', '.join(left)}]\n" if left else "")
    yml.write_text(text, encoding="utf-8")


def _interleaved_builds(sets: dict, look=None) -> tuple[dict, dict, dict]:
    """Build a copy of the project per set of languages ({n: languages}), twice, interleaved so a
    busy moment on the machine hits both: ({n: (best wall s, best CPU s)}, {n: pages},
    {n: look(site)} of the last build)."""
    best: dict = {}
    pages: dict = {}
    looked: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        for n, keep in sets.items():
            projects[n] = _copy_project(Path(tmp) / f"p{n}")
            _only_languages(projects[n], keep)
        for _ in range(2):
            for n in sets:
                site = Path(tmp) / f"site{n}"
                shutil.rmtree(site, ignore_errors=True)
                wall, cpu = _build_times(projects[n], site)
                old = best.get(n, (math.inf, math.inf))
                best[n] = (min(old[0], wall), min(old[1], cpu))
                pages[n] = sum(1 for _ in site.rglob("index.html"))
                looked[n] = look(site) if look else None
    return best, pages, looked


def bench_languages() -> None:
    """Build time with the first four languages and with all: the cost per language stays flat."""
    langs = read_languages(ROOT / "mkdocs.yml")
    sets = {4: langs[:4], len(langs): langs}
    best, pages, _ = _interleaved_builds(sets)
    best = {n: wall for n, (wall, cpu) in best.items()}
    print("## Languages: full build with four languages and with all (best of 2)\n")
    print("| languages | pages | seconds | seconds per language | ms per page |")
    print("|---|---:|---:|---:|---:|")
    for n, keep in sets.items():
        print(f"| {n} ({' '.join(keep)}) | {pages[n]} | {best[n]:.1f} | {best[n] / n:.1f} | {best[n] / pages[n] * 1000:.1f} |")
    lo, hi = min(sets), max(sets)
    added = (best[hi] - best[lo]) / (hi - lo)
    print(f"\nEach language beyond the first {lo}: {added:.1f} s (the first {lo}: {best[lo] / lo:.1f} s each); "
          f"ratio {added / (best[lo] / lo):.2f}.\n")
def bench_partial() -> None:
    """Issue 28: the full build with the seven full languages and with all fifteen (eight of them
    partial: their own pages plus light notice pages), and the first visit's HTML in each."""
    from kennisbank.config import read_partial_languages
    langs = read_languages(ROOT / "mkdocs.yml")
    partial = read_partial_languages(ROOT / "mkdocs.yml", langs)
    full = tuple(x for x in langs if x not in partial)
    sets = {len(full): full, len(langs): langs}
    best, pages, weights = _interleaved_builds(sets, lambda site: (
        {x: (site / x / "index.html").stat().st_size for x in (full[1], *partial[:2])},
        (site / partial[0] / "lesbrief" / "index.html").stat().st_size,
        (site / "lesbrief" / "index.html").stat().st_size) if (site / partial[0]).is_dir() else None)
    weight, notice, dutch = weights[len(langs)]
    print("## Partial languages: full build with the full languages and with all (best of 2)\n")
    print("| languages | pages (index.html) | wall s | CPU s |")
    print("|---|---:|---:|---:|")
    for n, keep in sets.items():
        print(f"| {n} | {pages[n]} | {best[n][0]:.1f} | {best[n][1]:.1f} |")
    lo, hi = min(sets), max(sets)
    print(f"\n{hi} against {lo} languages: {best[hi][0] / best[lo][0]:.2f}x wall, {best[hi][1] / best[lo][1]:.2f}x CPU "
          f"(the issue's limit: 1.35x).")
    print("First visit, home page HTML: " + ", ".join(f"{x} {b / 1024:.1f} KB" for x, b in weight.items()) +
          f"; a notice page ({partial[0]}/lesbrief/) {notice / 1024:.1f} KB against the Dutch page {dutch / 1024:.1f} KB.\n")


# --- issue 14: fast for editors (make bench ratio / preview / profile) ---------------------------

def _build_times(project: Path, site_dir: Path, config: str = "mkdocs.yml", strict: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build in a fresh process. The CPU time is what the build
    itself costs; the wall time also holds the waits for the other work on a shared machine."""
    import resource
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site_dir)]
                   + (["--strict"] if strict else []), cwd=project, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _plain_config(project: Path) -> str:
    """The same Markdown, every language, built by plain Material with static-i18n: mkdocs.yml
    without the project's hooks and template overrides, not strict (the pages the hooks generate
    are missing, so links to them warn)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("\nhooks:\n  - hooks/site.py\n", "\n").replace("\nstrict: true\n", "\nstrict: false\n")
    text = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("custom_dir:"))
    assert "\n  - hooks/site.py" not in text and "custom_dir:" not in text
    # the same menu as the site's: cards, side-by-side views, tag pages and the bilingual sheet stay
    # out of it (a menu of every page makes every page longer, and the build quadratic)
    text += ("\nnot_in_nav: |\n" + "".join(f"  /{d}/*.md\n  !/{d}/index*.md\n" for d in ("themas", "voorwaarden", "organisatie", "onderwerpen"))
             + "  /naast-elkaar/\n  /checklists/ouders-tweetalig*.md\n")
    (project / "plain.yml").write_text(text + "\n", encoding="utf-8")
    return "plain.yml"


def _export_markdown(dest: Path) -> None:
    """Build the site once and write every page's Markdown as the hooks hand it to Python-Markdown
    (generated pages, card parts, notices and all) into ``dest``: one file per page and language,
    in static-i18n's suffix layout, with its front matter, plus the assets, bron/ and plain.yml."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority
    default, *others = read_languages(ROOT / "mkdocs.yml")
    docs = dest / "docs"

    class Export(BasePlugin):
        @event_priority(-1000)  # after every other handler
        def on_page_markdown(self, markdown, page, config, files):
            from hooks.engine.static_i18n import current_language
            lang = current_language(config)
            base = page.file.src_uri
            for x in others:
                base = base.replace(f".{x}.md", ".md")
            out = docs / (base if lang == default else base[:-3] + f".{lang}.md")
            out.parent.mkdir(parents=True, exist_ok=True)
            meta = {k: v for k, v in page.meta.items() if k in ("title", "description", "search", "template")}
            front = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
            out.write_text(front + markdown, encoding="utf-8")
            return markdown
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cfg = load_config(str(ROOT / "mkdocs.yml"), site_dir=tmp)
            cfg.plugins["kb-export"] = Export()
            build(cfg)
    finally:
        os.chdir(cwd)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copytree(ROOT / "bron", dest / "bron")
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")


def bench_ratio(rounds: int = 2) -> None:
    """This site against plain Material + static-i18n, all languages, built in turns (so each sees
    the same load on the shared machine); the best of ``rounds`` each. Two plain builds: the
    Markdown the hooks produce (every page the site has, with its generated parts), and docs/ as
    it is (fewer and shorter pages: no generated pages, no card parts)."""
    langs = read_languages(ROOT / "mkdocs.yml")
    runs: dict[str, list] = {"ours": [], "export": [], "docs": []}
    pages = {}
    with tempfile.TemporaryDirectory() as tmp:
        _export_markdown(Path(tmp) / "export")
        projects = {"export": Path(tmp) / "export", "docs": _copy_project(Path(tmp) / "docs")}
        configs = {name: _plain_config(p) for name, p in projects.items()}
        for r in range(rounds):
            runs["ours"].append(_build_times(ROOT, Path(tmp) / f"ours{r}", strict=True))
            for name, project in projects.items():
                runs[name].append(_build_times(project, Path(tmp) / f"{name}{r}", configs[name]))
        for name in runs:
            pages[name] = sum(1 for _ in (Path(tmp) / f"{name}0").rglob("index.html"))
    best = {k: (min(x[0] for x in v), min(x[1] for x in v)) for k, v in runs.items()}
    labels = {"ours": "this site (strict, hooks)",
              "export": "plain Material + static-i18n, the same Markdown (as the hooks make it)",
              "docs": "plain Material + static-i18n, docs/ as it is"}
    print(f"## Full build per page against plain Material + static-i18n ({len(langs)} languages, best of {rounds})\n")
    print("| build | pages | wall s | CPU s | wall ms per page | CPU ms per page |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, (w, c) in best.items():
        print(f"| {labels[k]} | {pages[k]} | {w:.1f} | {c:.1f} | {w / pages[k] * 1000:.1f} | {c / pages[k] * 1000:.1f} |")

    def ratio(k, i):
        return (best["ours"][i] / pages["ours"]) / (best[k][i] / pages[k])
    print(f"\nper-page ratio against the same Markdown: **{ratio('export', 1):.2f}×** in CPU time, "
          f"{ratio('export', 0):.2f}× in wall time (target ≤ 1.2); against docs/ as it is: {ratio('docs', 1):.2f}× "
          f"in CPU time; load average {os.getloadavg()[0]:.1f}\n")


def bench_preview(edits: int = 3, lang: str = "tr") -> None:
    """`make serve LANG=tr`: write a card, then poll the served page over HTTP until it shows the
    edit. Runs the preview on a copy of the project."""
    import re
    import socket
    import statistics
    import urllib.request
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        project = _copy_project(Path(tmp) / "p")
        (project / "scripts").mkdir()
        shutil.copy2(ROOT / "scripts" / "preview.py", project / "scripts" / "preview.py")
        card = project / "docs" / "voorwaarden" / f"zorg-voor-een-tolk.{lang}.md"
        url = f"http://127.0.0.1:{port}/{lang}/voorwaarden/zorg-voor-een-tolk/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
        env.pop("PYTHONPATH", None)
        proc = subprocess.Popen([sys.executable, "scripts/preview.py", lang, str(port)], cwd=project, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

        def fetch():
            try:
                return urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
            except OSError:
                return ""
        try:
            t = time.perf_counter()
            while not fetch():
                if proc.poll() is not None or time.perf_counter() - t > 600:
                    raise SystemExit(f"the preview did not start: {proc.stderr.read()[-2000:]}")
                time.sleep(0.5)
            first = time.perf_counter() - t
            times = []
            for i in range(edits):
                word = f"kbedit{i}x{os.getpid()}"
                text = card.read_text(encoding="utf-8")
                t = time.perf_counter()
                card.write_text(re.sub(r"\n*$", f" {word}\n", text, count=1), encoding="utf-8")
                while word not in fetch():
                    if time.perf_counter() - t > 120:
                        raise SystemExit("the edit did not show within 120 s")
                    time.sleep(0.05)
                times.append(time.perf_counter() - t)
                time.sleep(3)  # let the preview finish the pages that list the card
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"## Editor preview: `make serve LANG={lang}`, a card edited, until the served page shows it\n")
    print("| first build, s | edits | median s | worst s |")
    print("|---:|---:|---:|---:|")
    print(f"| {first:.1f} | {edits} | {statistics.median(times):.2f} | {max(times):.2f} |")
    print(f"\nedit to refresh: **{max(times):.2f} s** at worst (target ≤ 2 s); load average {os.getloadavg()[0]:.1f}\n")


def profile_table(stats) -> list[tuple[str, float]]:
    """Where the time of a build under cProfile goes: (part, seconds): the largest parts in the
    libraries and each of the project's hooks (cumulative times; these parts do not nest)."""
    parts = {
        "Markdown to HTML (Python-Markdown)": ("markdown/core.py", "convert"),
        "page templates (Jinja)": ("jinja2/environment.py", "render"),
        "compiling the theme's templates (Jinja)": ("jinja2/environment.py", "compile"),
        "search index (Material)": ("material/plugins/search/plugin.py", "on_page_context"),
        "language files and alternates (static-i18n)": ("mkdocs_static_i18n/reconfigure.py", "reconfigure_files"),
    }
    out = []
    for label, (path, func) in parts.items():
        out.append((label, sum(v[3] for k, v in stats.stats.items() if k[0].endswith(path) and k[2] == func)))
    hooks: dict = {}
    for k, v in stats.stats.items():
        if k[0].endswith("hooks/site.py") and k[2].startswith("on_"):
            hooks[k[2]] = hooks.get(k[2], 0) + v[3]
    out += [(f"hooks: {name}", sec) for name, sec in sorted(hooks.items(), key=lambda kv: -kv[1])]
    return out


def bench_profile(path: str | None = None) -> None:
    """One full build under cProfile (or a saved profile), as the table of where its time goes."""
    if path:
        stats = pstats.Stats(path, stream=io.StringIO())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            prof, _ = _profiled_build(tmp, time.process_time)  # CPU time: the other work on the machine aside
        stats = pstats.Stats(prof, stream=io.StringIO())
    total = stats.total_tt
    print("## Where a full build's time goes (CPU seconds under cProfile)\n")
    print("| part | seconds | share |")
    print("|---|---:|---:|")
    for label, sec in profile_table(stats):
        print(f"| {label} | {sec:.1f} | {sec / total:.1%} |")
    print(f"| whole build | {total:.1f} | 100% |\n")


if __name__ == "__main__":
    site = load_site(ROOT / "docs", read_languages(ROOT / "mkdocs.yml"))
    what = sys.argv[1:] or ["links", "glossary", "build", "ratio", "preview", "scaling", "weight", "lcp", "languages",
                            "partial"]
    if "links" in what:
        bench_links(site.cards)
    if "glossary" in what:
        bench_glossary()
    if "build" in what:
        bench_build()
    if "profile" in what:  # not by default: a second full build, under the profiler
        bench_profile(os.environ.get("KB_PROFILE"))
    if "ratio" in what:
        bench_ratio(int(os.environ.get("KB_BENCH_ROUNDS", "2")))
    if "preview" in what:
        bench_preview()
    if "scaling" in what:
        bench_scaling()
    if "weight" in what:
        bench_weight()
    if "lcp" in what:
        bench_lcp()
    if "languages" in what:
        bench_languages()
    if "partial" in what:
        bench_partial()
