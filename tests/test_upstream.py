"""Our copies of Material's templates and scripts, and the places where our JavaScript relies on
Material's bundle, checked against the installed mkdocs-material (issue 27). No build, no browser:
this runs in the fast tier.

COPIES is the manifest: each copy, the upstream file it was made from, the sha256 of that file at
MATERIAL, and what our copy changes on purpose. When an upgrade changes an upstream file, its test
fails naming the copy to compare. The contact tests read the contact objects at the top of
docs/assets/search.js (MATERIAL) and docs/assets/kennisbank.js (kbMaterial) and look for each in
the installed bundle, worker and templates; a failure names the contact and what to look at.
On a Material upgrade: DEVELOPERS.md, "Copies of Material and contacts with it"."""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

MATERIAL = "9.8.1"  # the version every copy below was made from, and the pin in pyproject.toml
TEMPLATES = Path(importlib.util.find_spec("material").submodule_search_locations[0]) / "templates"


@dataclass(frozen=True)
class Copy:
    ours: tuple[str, ...]  # our files made from the upstream file
    upstream: str          # under material/templates in the mkdocs-material package
    sha256: str            # of the upstream file (or of its block) at MATERIAL
    changed: str           # what our copy changes on purpose, and why, in one line
    block: str = ""        # only this {% block %} of the upstream file is copied


COPIES = (
    Copy(("overrides/main.html",), "base.html", "4289ffb14d0e997300de51ae8d7d8f1e58fa42ae83b8d455819009e48702028f",
         "every value escaped and the CSP <meta> (a title cannot break out; CSP on plain servers); an alternate may "
         "have its own href; the school's JSON block; no author, RSS links or Material version", block="site_meta"),
    Copy(("overrides/main.html",), "base.html", "e8bd9b9b29b63aca01907eb97b20151bdb9929ac1d317f7540d799e725a00b85",
         "the title parts escaped (a page title cannot break out of <title>)", block="htmltitle"),
    Copy(("overrides/404.html",), "404.html", "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
         "the message in the build's language (config.extra.kb_not_found) instead of English"),
    Copy(("overrides/partials/alternate.html",), "partials/alternate.html",
         "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
         "each language's name from config.extra.switcher, with lang and dir (a screen reader speaks it in its language)"),
    Copy(("overrides/partials/search.html",), "partials/search.html",
         "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
         "the dialog has a name in the page's language (axe: aria-dialog-name)"),
    Copy(("overrides/partials/javascripts/base.html", "docs/assets/md-scope.js"), "partials/javascripts/base.html",
         "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
         "the script as a file (the CSP allows no inline script); the scope is the site root, from the file's own address"),
    Copy(("overrides/partials/javascripts/content.html", "docs/assets/md-content.js"), "partials/javascripts/content.html",
         "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
         "the script as a file (CSP); without the content.tabs.link part, a feature the site does not switch on"),
    Copy(("overrides/partials/javascripts/palette.html", "docs/assets/md-palette.js"), "partials/javascripts/palette.html",
         "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
         "the script as a file (the CSP allows no inline script)"),
    Copy(("overrides/partials/languages/ckb.html",), "partials/languages/ku-IQ.html",
         "3ebb11630a16c8b3954bf091aeb01cd8ca828c414c9cfd1ed5289ec0360492ef",
         "Central Kurdish (Sorani) checked and completed: every key of en.html"),
    Copy(("overrides/partials/languages/ckb.html", "overrides/partials/languages/so.html",
          "overrides/partials/languages/ti.html"), "partials/languages/en.html",
         "902e36bb5ec5cb46fb41df377051591ec87cb4077e8de11e0efd8cd70fd4b2c6",
         "the keys of en.html with values in ckb, so and ti (Material has no file for them): a new key needs a translation"),
    Copy(("overrides/partials/languages/ro.html",), "partials/languages/ro.html",
         "468535105c5443f2bf191aef8d34041931d23797f41143b919f5cbc8dc789109",
         "the project's form of address; a diacritic, a typo and a plural corrected"),
    Copy(("overrides/partials/languages/zh-Hans.html",), "partials/languages/zh.html",
         "7114aa64aa8e4899b0be58a5803dc5c0e58965e7c37225e04afb043fb1637335",
         "plain words for parents"),
)
# overrides/404.html is part B's file in issue 27; its header does not name the version yet.
HEADER_PENDING = {"overrides/404.html"}


def _upstream_text(copy: Copy) -> str:
    text = (TEMPLATES / copy.upstream).read_text(encoding="utf-8")
    if not copy.block:
        return text
    m = re.search(r"[ \t]*\{% block " + copy.block + r" %\}.*?\{% endblock %\}", text, re.S)
    assert m, (f"Material {_installed()}'s {copy.upstream} has no block {copy.block} any more: "
               f"{copy.ours[0]} overrides a block Material no longer has")
    return m.group(0)


def _installed() -> str:
    return importlib.metadata.version("mkdocs-material")


def _what(copy: Copy) -> str:
    return f"{copy.upstream} (its {copy.block} block)" if copy.block else copy.upstream


@pytest.mark.parametrize("copy", [pytest.param(c, id=f"{c.ours[0]}:{c.upstream}:{c.block}") for c in COPIES])
def test_copy_is_made_from_the_installed_upstream_file(copy):
    digest = hashlib.sha256(_upstream_text(copy).encode("utf-8")).hexdigest()
    assert digest == copy.sha256, (
        f"Material's {_what(copy)} changed since {MATERIAL} (installed: {_installed()}): compare "
        f"{' and '.join(copy.ours)} with {TEMPLATES / copy.upstream}, carry the change over (ours changes: "
        f"{copy.changed}), then record the new sha256 in tests/test_upstream.py")


def test_the_copies_are_of_the_pinned_version():
    pin = re.search(r'"mkdocs-material==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pin and pin.group(1) == MATERIAL, (
        f"pyproject.toml pins mkdocs-material {pin and pin.group(1)}, the copies were made from {MATERIAL}: run "
        f"tests/test_upstream.py against the new version, compare each copy that fails, then set MATERIAL")
    assert _installed() == MATERIAL, f"mkdocs-material {_installed()} is installed, the pin is {MATERIAL}: make check installs the locked version"


def test_every_copy_says_why_it_differs():
    for copy in COPIES:
        assert copy.changed.strip() and "\n" not in copy.changed, f"{copy.ours[0]}: say in one line what it changes"


def test_every_override_of_a_material_template_is_in_the_manifest():
    """A new override of one of Material's files (same path under overrides/) must be listed, and
    so must every Material script we serve as a file (docs/assets/md-*.js)."""
    listed = {ours for copy in COPIES for ours in copy.ours}
    overrides = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "overrides").rglob("*.html"))
                 if (TEMPLATES / p.relative_to(ROOT / "overrides")).is_file() and p.name != "main.html"]
    scripts = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "docs" / "assets").glob("md-*.js"))]
    missing = [x for x in overrides + scripts if x not in listed]
    assert not missing, f"copies of Material not in COPIES (tests/test_upstream.py): {', '.join(missing)}"


def _header(path: str, block: str = "") -> str:
    text = (ROOT / path).read_text(encoding="utf-8")
    if path.endswith(".js"):
        return "".join(re.match(r"(?://.*\n)*", text).group(0))
    if block:  # the Jinja comment just before the block in our main.html
        m = re.search(r"\{#-?((?:(?!#\}).)*)-?#\}\s*\{% block " + block + r" %\}", text, re.S)
        return m.group(1) if m else ""
    m = re.match(r"\{#-?(.*?)-?#\}", text, re.S)
    return m.group(1) if m else ""


@pytest.mark.parametrize("copy", [pytest.param(c, id=f"{c.ours[0]}:{c.upstream}:{c.block}") for c in COPIES])
def test_copy_names_its_upstream_file_and_version(copy):
    """A template's header is a Jinja comment (nothing reaches the page). A script's header names the
    upstream file only: a version in it would change the served file, so the version is here."""
    for ours in copy.ours:
        if ours in HEADER_PENDING:
            continue
        header = " ".join(_header(ours, copy.block).split())
        name = copy.upstream.rsplit("/", 1)[-1] if "languages/" in copy.upstream else copy.upstream
        assert name in header, f"{ours}: its header comment does not name Material's {_what(copy)}"
        if not ours.endswith(".js"):
            assert f"Material {MATERIAL}" in header, f"{ours}: its header comment does not say Material {MATERIAL}"


# --- The JavaScript contacts -----------------------------------------------------------------------

def _bundle(kind: str = "bundle") -> tuple[Path, str]:
    folder = TEMPLATES / "assets" / "javascripts" / ("workers" if kind == "search" else "")
    found = sorted(folder.glob(f"{kind}.*.min.js"))
    assert len(found) == 1, f"Material {_installed()}: {len(found)} files {folder}/{kind}.*.min.js, expected 1"
    return found[0], found[0].read_text(encoding="utf-8")


def _contacts(path: str, name: str, end: str) -> dict[str, str]:
    """The contact object `var <name> = {...}` at the top of one of our scripts: key -> value as written."""
    text = (ROOT / path).read_text(encoding="utf-8")
    m = re.search(r"var " + re.escape(name) + r" = \{\n(.*?)\n" + re.escape(end), text, re.S)
    assert m, f"{path}: no contact object `var {name} = {{...}}` (tests/test_upstream.py reads it)"
    found = {}
    for key, value in re.findall(r'^\s*(\w+): (/(?:\\.|[^/\\\n])+/|"[^"]*"|\d+|function)', m.group(1), re.M):
        found[key] = value.strip('"')
    found["__text__"] = m.group(1)
    return found


def search_js() -> dict[str, str]:
    return _contacts("docs/assets/search.js", "MATERIAL", "  };")


def kennisbank_js() -> dict[str, str]:
    return _contacts("docs/assets/kennisbank.js", "kbMaterial", "};")


def _function(bundle: str, name: str) -> str:
    m = re.search(r"function " + re.escape(name) + r"\((.*?)(?=function \w+\()", bundle, re.S)
    return m.group(0) if m else ""


def test_search_js_contact_index_is_fetched_by_xmlhttprequest():
    """search.js MATERIAL.index: the bundle fetches search/search_index.json with XMLHttpRequest, so
    search.js can hold the request back until search is opened."""
    search = search_js()
    where, bundle = _bundle()
    hint = (f"search.js contact MATERIAL.index: Material {_installed()}'s bundle no longer fetches the index "
            f"the way search.js holds it back; look at new URL(\"search/search_index.json\", ...) in {where}")
    m = re.search(r"(\w+)\(new URL\(\"search/search_index\.json\"", bundle)
    assert m, hint + " (not found)"
    index = re.compile(search["index"][1:-1].replace("\\/", "/"))
    assert index.search("https://school.example/kennisbank/search/search_index.json"), \
        hint + f": MATERIAL.index {search['index']} does not match the address"
    # the fetcher, or a function it calls, opens an XMLHttpRequest (minified names change: follow them)
    seen, todo = set(), [m.group(1)]
    for _ in range(3):
        bodies = [_function(bundle, n) for n in todo if n not in seen]
        seen.update(todo)
        if any("new XMLHttpRequest" in b for b in bodies):
            break
        todo = [c for b in bodies for c in re.findall(r"(\w+)\(", b[b.find("{"):])]
    else:
        raise AssertionError(hint + ": no XMLHttpRequest behind it (fetch() would pass search.js by)")


def test_search_js_contact_toggle_opens_search_with_a_change_event():
    """search.js MATERIAL.toggle: the checkbox that opens search; the bundle switches it with click(),
    so the "change" event search.js waits for fires also when a key opens search."""
    search = search_js()
    where, bundle = _bundle()
    hint = f"search.js contact MATERIAL.toggle ({search['toggle']}): Material {_installed()} changed"
    assert f'"{search["toggle"]}"' in bundle, hint + f": the bundle ({where}) does not look up {search['toggle']}"
    attr = re.fullmatch(r"\[([\w-]+)=([\w-]+)\]", search["toggle"])
    assert attr and f'{attr.group(1)}="{attr.group(2)}"' in (TEMPLATES / "base.html").read_text(encoding="utf-8"), \
        hint + ": base.html has no such checkbox"
    assert re.search(r"\.checked!==\w+&&\w+\[\w+\]\.click\(\)", bundle), \
        hint + f": the bundle no longer switches its toggles with click() (look for .checked in {where}); " \
               "search.js would miss a search opened by a key"


def test_search_js_contact_query_message_type():
    """search.js MATERIAL.query: the bundle posts the query to its worker as {type: 2, data: "<query>"}
    through Worker.prototype.postMessage, and the worker searches on that type."""
    search = search_js()
    where, bundle = _bundle()
    wwhere, worker = _bundle("search")
    query = int(search["query"])
    hint = f"search.js contact MATERIAL.query (worker message type {query}): Material {_installed()} changed"
    sent = {int(x) for x in re.findall(r"\.next\(\{type:(\d+),data:\w+\}\)", bundle)}
    assert sent == {query}, hint + f": the bundle sends a plain value as type {sorted(sent)} (look for " \
                                   f"{{type:N,data:...}} in {where})"
    handled = re.search(r"case (\d+):[^}]{0,60}\.search\(", worker)
    assert handled and int(handled.group(1)) == query, \
        hint + f": the worker searches on type {handled and handled.group(1)} (look for case N: in {wwhere})"
    assert "new Worker(" in bundle and ".postMessage(" in bundle, \
        hint + f": the bundle no longer talks to a Worker by postMessage ({where})"


def _element(selector: str) -> re.Pattern:
    """A start tag in a template that the simple selector `tag.class[attr=value]` selects."""
    m = re.fullmatch(r"(\w*)((?:\.[\w-]+)*)((?:\[[\w-]+=[\w-]+\])*)", selector)
    assert m, f"not a simple selector: {selector}"
    tests = [r'(?=[^>]*\bclass="(?:[^"]*\s)?' + re.escape(c) + r'(?:\s[^"]*)?")' for c in m.group(2).split(".")[1:]]
    tests += [r'(?=[^>]*\b' + re.escape(a) + r'="' + re.escape(v) + '")'
              for a, v in re.findall(r"\[([\w-]+)=([\w-]+)\]", m.group(3))]
    return re.compile("<" + (re.escape(m.group(1)) or r"\w+") + r"\b" + "".join(tests) + r"[^>]*>")


# kennisbank.js's contacts: in which Material template the selector must select an element.
KENNISBANK_TEMPLATES = {
    "searchInput": "partials/search.html",
    "searchDialog": "partials/search.html",
    "article": "base.html",
    "pageButtons": "partials/actions.html",
}


@pytest.mark.parametrize("contact", sorted(KENNISBANK_TEMPLATES))
def test_kennisbank_js_contact_selects_an_element_of_material(contact):
    kb = kennisbank_js()
    template = KENNISBANK_TEMPLATES[contact]
    selector = kb[contact]
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    assert _element(selector).search(text), (
        f"kennisbank.js contact kbMaterial.{contact} ({selector}): Material {_installed()}'s {template} has no "
        f"such element any more; look at {TEMPLATES / template} and change the selector in kennisbank.js")


def test_kennisbank_js_contact_search_input_searches_on_keyup():
    """kbMaterial.searchInput: the bundle starts a search on a key release in the field only;
    kennisbank.js sends one on every input (a pasted or dictated word)."""
    where, bundle = _bundle()
    assert re.search(r'"keyup"\)[^;]{0,40}=>\w+\.value', bundle), (
        f"kennisbank.js contact kbMaterial.searchInput: Material {_installed()}'s bundle no longer reads the "
        f"search field on \"keyup\" (look for \"keyup\" in {where}): check that a pasted word still searches")


def test_kennisbank_js_contact_each_page_is_material_document_observable():
    kb = kennisbank_js()
    where, bundle = _bundle()
    assert "window.document$" in kb["__text__"], "kennisbank.js: kbMaterial.eachPage no longer uses document$"
    assert re.search(r"window\.document\$=\w+", bundle), (
        f"kennisbank.js contact kbMaterial.eachPage: Material {_installed()}'s bundle no longer sets "
        f"window.document$ (look in {where}); kennisbank.js would set up each page once only")


def test_kennisbank_js_contact_table_scroll_wrapper():
    kb = kennisbank_js()
    where, bundle = _bundle()
    cls = kb["tableScroll"].lstrip(".")
    assert f'{{class:"{cls}"}}' in bundle, (
        f"kennisbank.js contact kbMaterial.tableScroll: Material {_installed()}'s bundle no longer wraps tables in "
        f"div.{cls} (look for md-typeset__ in {where}); a wide table would not get a tabindex")


def test_every_contact_in_the_scripts_is_checked():
    """A contact added to search.js or kennisbank.js needs its test here."""
    search = search_js()
    kb = kennisbank_js()
    assert set(search) - {"__text__"} == {"index", "toggle", "query"}, "search.js: a new contact in MATERIAL needs a test"
    checked = set(KENNISBANK_TEMPLATES) | {"eachPage", "tableScroll"}
    assert set(kb) - {"__text__"} == checked, "kennisbank.js: a new contact in kbMaterial needs a test"
