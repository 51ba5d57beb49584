"""Material for MkDocs contacts (9.8.1): its per-language interface templates, the settings block
``<script id="__config">`` of every page, the files it writes (search index, lunr languages,
search worker, bundle, styles) and the one change made to its bundle. Each is checked by
tests/test_engine.py against the installed package."""
from __future__ import annotations

import json
import re
from pathlib import Path

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def interface_words(lang: str) -> str:
    """The theme template with Material's own words (search, "skip to content", ...) for ``lang``."""
    return f"partials/languages/{lang}.html"


def missing_interface_words(theme_dirs, languages) -> list[tuple[str, str]]:
    """(language, template) for each language no theme folder (Material's, overrides/) has words for."""
    return [(lang, interface_words(lang)) for lang in languages
            if not any((Path(d) / interface_words(lang)).is_file() for d in theme_dirs)]


def rewrite_settings(html: str, change, to_json) -> str:
    """The page with Material's settings block (``<script id="__config">``, read by its bundle at
    start-up) as ``change(settings)`` returns it, written back by ``to_json``."""
    def repl(m):
        return m.group(1) + to_json(change(json.loads(m.group(2)))) + m.group(3)
    return CONFIG_SCRIPT.sub(repl, html, count=1)


# Files Material (and MkDocs' search plugin, whose index Material's worker reads) writes.

def search_index(root: Path) -> dict:
    """The search index of every language, as MkDocs' search plugin writes it and static-i18n merges it."""
    return json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))


def write_search_index(root: Path, prefix: str, files: dict) -> None:
    """{name: text} into the folder where the search of the language at ``prefix`` ("" or "en/")
    looks for its index: Material's worker asks ``<base>/search/search_index.json``."""
    folder = root / prefix / "search"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def lunr_languages(root: Path) -> set[str]:
    """The languages Material ships a lunr stemmer for (assets/javascripts/lunr/min/lunr.xx.min.js)."""
    return {p.name.split(".")[1] for p in (root / "assets" / "javascripts" / "lunr" / "min").glob("lunr.*.min.js")}


def search_worker(root: Path) -> Path:
    """Material's one search worker (assets/javascripts/workers/search.*.min.js); ValueError otherwise."""
    workers = sorted((root / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise ValueError(f"assets/javascripts/workers: {len(workers)} search workers (search.*.min.js), expected 1")
    return workers[0]


def beside_search_worker(root: Path, name: str, make) -> None:
    """Write ``make(worker file name)`` as ``name`` in the search worker's folder."""
    worker = search_worker(root)
    (worker.parent / name).write_text(make(worker.name), encoding="utf-8")


def stylesheets(root: Path) -> list[str]:
    """Material's main stylesheet(s), relative to the site root."""
    return [p.relative_to(root).as_posix() for p in sorted((root / "assets" / "stylesheets").glob("main.*.min.css"))]


# Material's language selector (integrations/alternate) fetches "sitemap.xml" under the address of
# every <link rel="alternate"> in the page, to map the current page onto another language. Here each
# selector link already is the current page in that language (static-i18n), so the map adds nothing,
# and the fetch asks <page>/sitemap.xml (404 on every page, a CORS error under file://) or, with the
# web build's absolute alternates, whatever host site_url names (the public one, from an intranet
# copy). A selector that matches no element leaves the selector's links to plain navigation.
ALTERNATES = '"link[rel=alternate]"'
NO_ALTERNATES = '"link[rel=alternate][data-kb-never]"'


def without_alternate_sitemaps(bundle: str) -> str:
    """Material's bundle with its alternate sitemap fetch switched off; ValueError when the bundle
    no longer has that lookup exactly once (Material changed: look at integrations/alternate again)."""
    if bundle.count(ALTERNATES) != 1:
        raise ValueError(f"Material's bundle has {bundle.count(ALTERNATES)} times {ALTERNATES}, expected 1: "
                         "check how its language selector uses alternates (integrations/alternate)")
    return bundle.replace(ALTERNATES, NO_ALTERNATES)


def clean_assets(root: Path, neutralise) -> None:
    """Material's scripts and styles as shipped: no source maps, the bundle without its alternate
    sitemap fetch, and every file through ``neutralise`` (kennisbank.foreign: no third-party
    address). ValueError naming the file when the bundle is not the one this was written for."""
    bundles = 0
    for folder in ("javascripts", "stylesheets"):
        for f in sorted((root / "assets" / folder).rglob("*")):
            if f.suffix == ".map":
                f.unlink()
            elif f.suffix in (".js", ".css"):
                text = new = f.read_text(encoding="utf-8")
                if f.parent.name == "javascripts" and f.name.startswith("bundle.") and f.suffix == ".js":
                    bundles += 1
                    try:
                        new = without_alternate_sitemaps(new)
                    except ValueError as e:
                        raise ValueError(f"{f.relative_to(root).as_posix()}: {e}") from None
                new = neutralise(new)
                if new != text:
                    f.write_text(new, encoding="utf-8")
    if bundles != 1:
        raise ValueError(f"assets/javascripts: {bundles} Material bundles (bundle.*.js), expected 1")
