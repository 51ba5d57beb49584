"""Course packages per language, for a learning platform (Brightspace, Canvas, Moodle): `make lms`.

    python scripts/lms.py OFFLINE_SITE OUT_DIR

OFFLINE_SITE is the file://-capable build (mkdocs.offline.yml: links to .html files, search
without a web worker), with the reader PDFs and the students' handouts printed into it first
(scripts/reader.py OFFLINE_SITE). For each language it writes, for students:

- OUT_DIR/kennisbank-<lang>-scorm12.zip: SCORM 1.2 with one item per meeting (its student page,
  docs/studenten/) plus the reader, each a launch page that frames its page and reports
  "completed" to the platform once it is opened (lms/launch.js); imsmanifest.xml at the root.
- OUT_DIR/kennisbank-<lang>-cc11.imscc: an IMS Common Cartridge 1.1 with one module per meeting:
  the student page, its assignment and rubric as a page of its own, and the handout.

Both hold only that language's pages (the default language's without the other languages'
folders) and the shared assets, the handouts and the reader PDF; not the lecturer's guide, whose
file is replaced by a link to the student pages and whose entry leaves the search index.

A package runs on the platform's own origin, so every page in it carries the site's
Content-Security-Policy as a <meta> (the launch pages too): scripts and styles only from files.
"""
from __future__ import annotations

import html
import os
import re
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from kennisbank.config import built_languages, full_languages  # noqa: E402
from kennisbank.csp import policy  # noqa: E402

SCORM_DIR = "scorm"  # the launch page's own script and style, inside the package
SKIP = {"csp-nginx.conf", "sitemap.xml", "sitemap.xml.gz"}  # for web servers only
# Every page a package adds (launch pages, the guide's stand-in, assignment pages) carries the
# site's policy as <meta>, like the built pages: the package runs on the platform's own origin.
CSP = html.escape(policy(meta=True))

# The start of every page a package adds: language, direction and the site's policy.
PAGE_HEAD = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
"""
LAUNCH_PAGE = PAGE_HEAD + """<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{scorm}/launch.css">
<script src="{scorm}/launch.js" defer></script>
</head>
<body>
<iframe id="kb-content" src="{guide}" title="{title}" data-complete-after="{guide} {reader}"></iframe>
</body>
</html>
"""


def _page_facts(page: Path) -> tuple[str, str, str, str]:
    """(lang, dir, page title, site name) of a built page: "<title>Page - Site</title>"."""
    text = page.read_text(encoding="utf-8")
    lang = re.search(r'<html lang="([^"]+)"', text).group(1)
    direction = re.search(r'<(?:html|body)[^>]* dir="([^"]+)"', text)
    full = html.unescape(re.search(r"<title>(.*?)</title>", text, re.S).group(1)).strip()
    title, _, site_name = full.rpartition(" - ")
    return lang, direction.group(1) if direction else "ltr", title or full, site_name


def _zip(files: dict[str, bytes], target: Path) -> None:
    """Reproducible: sorted names (the manifest first), fixed timestamps; written whole, then renamed."""
    stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800))[:6]
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["imsmanifest.xml"] + sorted(n for n in files if n != "imsmanifest.xml"):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name])
    tmp.replace(target)


# ---------------------------------------------------------------------------------------------
# The students' course (issue 25): per language, one SCORM item per meeting (its student page)
# plus the reader, and an IMS Common Cartridge 1.1 with one module per meeting. Only that
# language's pages and the shared assets go in; the lecturer's guide does not.

MEETINGS = tuple(f"studenten/bijeenkomst-{n}" for n in range(1, 5))
GUIDE = "lesbrief"
STUDENT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={ident} version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="kennisbank">
    <organization identifier="kennisbank">
      <title>{site}</title>
{items}
    </organization>
  </organizations>
  <resources>
{resources}
  </resources>
</manifest>
"""
# A student package replaces the lecturer's guide with this: the menu's link to it leads to the students' pages.
GUIDE_STAND_IN = PAGE_HEAD + """<meta http-equiv="refresh" content="0; url={index}">
<title>{title}</title>
</head>
<body>
<p><a href="{index}">{title}</a></p>
</body>
</html>
"""


def _file(root: str, name: str, ext: str) -> str:
    """The built file of page ``name`` under ``root`` ("en/"): the file:// build writes name.html."""
    return f"{root}{name}{ext}"


def language_files(site: Path, lang: str, languages: tuple) -> dict[str, bytes]:
    """The files of one language's site: its own folder (or, for the default language, the root
    without the other languages' folders) plus the shared theme assets; not the lecturer's guide,
    and not its entry in the language's search index."""
    prefix = "" if lang == languages[0] else f"{lang}/"
    files = {}
    for p in sorted(site.rglob("*")):
        rel = p.relative_to(site).as_posix()
        top = rel.split("/")[0]
        if not p.is_file() or p.name in SKIP or top in languages[1:] and top != lang:
            continue
        if prefix and not rel.startswith(prefix) and top != "assets":
            continue
        files[rel] = p.read_bytes()
    guide = _file(prefix, GUIDE, ".html")
    if guide not in files:
        raise SystemExit(f"lms: {site / guide} is missing; build with mkdocs.offline.yml first")
    lang_attr, direction, _title, _site = _page_facts(site / guide)
    index = "studenten/index.html"
    title = _page_facts(site / _file(prefix, "studenten/index", ".html"))[2]
    files[guide] = GUIDE_STAND_IN.format(lang=html.escape(lang_attr), dir=html.escape(direction), csp=CSP,
                                         index=index, title=html.escape(title)).encode("utf-8")
    for name in (f"{prefix}search/search_index.json", f"{prefix}search/search_index.js"):
        if name in files:
            files[name] = _without_guide(files[name].decode("utf-8")).encode("utf-8")
    return files


def _without_guide(text: str) -> str:
    """The search index (JSON, or the script that assigns it) without the lecturer's guide:
    its notes must not reach students."""
    import json
    start, end = text.index("{"), text.rindex("}") + 1
    index = json.loads(text[start:end])
    index["docs"] = [d for d in index["docs"] if not d["location"].split("#")[0].startswith(GUIDE)]
    return text[:start] + json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + text[end:]


def meeting_pages(site: Path, prefix: str) -> list[tuple[str, str, str]]:
    """(item id, built page, title) of the four meetings' student pages and the reader."""
    out = []
    for n, name in enumerate(MEETINGS, start=1):
        page = _file(prefix, name, ".html")
        if not (site / page).is_file():
            raise SystemExit(f"lms: {site / page} is missing: the student pages are docs/studenten/")
        out.append((f"bijeenkomst-{n}", page, _page_facts(site / page)[2]))
    reader = _file(prefix, "reader", ".html")
    out.append(("reader", reader, _page_facts(site / reader)[2]))
    return out


def pdfs(files: dict, prefix: str, lang: str) -> list[str]:
    """The handouts and the reader PDF of the language, which `make lms` prints into the site first."""
    want = [_file(prefix, f"studenten/bijeenkomst-{n}-{lang}", ".pdf") for n in range(1, 5)]
    want.append(f"{prefix}kennisbank-{lang}.pdf")
    missing = [w for w in want if w not in files]
    if missing:
        raise SystemExit(f"lms: {missing[0]} is missing: print them first (scripts/reader.py)")
    return want


def student_package(site: Path, lang: str, languages: tuple, out: Path, need_pdfs: bool = True) -> Path:
    """The SCORM 1.2 zip of one language for students: five SCOs (four meetings, the reader),
    each a launch page that frames its page and reports "completed" once it is opened."""
    prefix = "" if lang == languages[0] else f"{lang}/"
    files = language_files(site, lang, languages)
    if need_pdfs:
        pdfs(files, prefix, lang)
    shared = sorted(files)
    items, resources = [], []
    for ident, page, title in meeting_pages(site, prefix):
        launch = f"scorm-{ident}.html"
        page_lang, direction, _t, _s = _page_facts(site / page)
        files[launch] = LAUNCH_PAGE.format(lang=html.escape(page_lang), dir=html.escape(direction), csp=CSP,
                                           title=html.escape(title), scorm=SCORM_DIR, guide=page,
                                           reader=page).encode("utf-8")
        items.append(f'      <item identifier="item-{ident}" identifierref="sco-{ident}" isvisible="true">\n'
                     f'        <title>{html.escape(title)}</title>\n      </item>')
        resources.append(f'    <resource identifier="sco-{ident}" type="webcontent" adlcp:scormtype="sco" href="{launch}">\n'
                         f'      <file href={quoteattr(launch)}/>\n      <dependency identifierref="content"/>\n    </resource>')
    for name in ("launch.js", "launch.css"):
        files[f"{SCORM_DIR}/{name}"] = (ROOT / "lms" / name).read_bytes()
        shared.append(f"{SCORM_DIR}/{name}")
    listed = "\n".join(f"      <file href={quoteattr(name)}/>" for name in sorted(shared))
    resources.append(f'    <resource identifier="content" type="webcontent" adlcp:scormtype="asset">\n{listed}\n    </resource>')
    site_name = _page_facts(site / meeting_pages(site, prefix)[0][1])[3]
    manifest = STUDENT_MANIFEST.format(ident=quoteattr(f"kennisbank-{lang}-studenten"), site=html.escape(site_name),
                                       items="\n".join(items), resources="\n".join(resources))
    files = {"imsmanifest.xml": manifest.encode("utf-8"), **files}
    target = out / f"kennisbank-{lang}-scorm12.zip"
    _zip(files, target)
    return target


CC_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CC_LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
CC_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={ident}
          xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
          xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd">
  <metadata>
    <schema>IMS Common Cartridge</schema>
    <schemaversion>1.1.0</schemaversion>
    <lomimscc:lom>
      <lomimscc:general>
        <lomimscc:title><lomimscc:string language={lang}>{site}</lomimscc:string></lomimscc:title>
      </lomimscc:general>
    </lomimscc:lom>
  </metadata>
  <organizations>
    <organization identifier="kennisbank" structure="rooted-hierarchy">
      <item identifier="root">
{modules}
      </item>
    </organization>
  </organizations>
  <resources>
{resources}
  </resources>
</manifest>
"""
CC_DIR = "web_resources/"  # where a cartridge keeps its web content
ASSIGNMENT_PAGE = PAGE_HEAD + """<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{styles}
</head>
<body>
<article class="md-content__inner md-typeset">
{section}
</article>
</body>
</html>
"""
_ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_ASSIGNMENT_RE = re.compile(r'(<h2 id="opdracht">.*?)(?=<h2 |$)', re.S)
_STYLES_RE = re.compile(r'<link rel="stylesheet" href="[^"]+">')


def assignment_page(page_html: str) -> tuple[str, str]:
    """(title, standalone page) of a student page's assignment: its section from the heading
    with id "opdracht" on, with the page's own stylesheets. The page lies beside the student
    page, so every relative link in it still holds."""
    article = _ARTICLE_RE.search(page_html)
    section = _ASSIGNMENT_RE.search(article.group(1) if article else "")
    if not section:
        raise SystemExit("lms: a student page without its assignment (a heading with { #opdracht })")
    title = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h2[^>]*>(.*?)</h2>", section.group(1), re.S).group(1))).strip()
    title = title.rstrip("¶").strip()
    lang = re.search(r'<html lang="([^"]+)"', page_html).group(1)
    direction = re.search(r'<(?:html|body)[^>]* dir="([^"]+)"', page_html)
    page = ASSIGNMENT_PAGE.format(lang=html.escape(lang), dir=html.escape(direction.group(1) if direction else "ltr"), csp=CSP,
                                  title=html.escape(title), styles="\n".join(_STYLES_RE.findall(page_html)),
                                  section=section.group(1).strip())
    return title, page


def cartridge(site: Path, lang: str, languages: tuple, out: Path, need_pdfs: bool = True) -> Path:
    """The IMS Common Cartridge 1.1 of one language: one module per meeting, with the meeting's
    student page, its assignment as a page of its own, and its handout; the language's pages
    and assets as web content beside them."""
    prefix = "" if lang == languages[0] else f"{lang}/"
    site_files = language_files(site, lang, languages)
    handouts = pdfs(site_files, prefix, lang)[:4] if need_pdfs else []
    files = {CC_DIR + name: data for name, data in site_files.items()}
    modules, resources, own = [], [], set()
    for n, (ident, page, title) in enumerate(meeting_pages(site, prefix)[:4], start=1):
        task_title, task = assignment_page((site / page).read_text(encoding="utf-8"))
        task_file = CC_DIR + page[: -len(".html")] + "-opdracht.html"
        files[task_file] = task.encode("utf-8")
        entries = [("page", CC_DIR + page, title), ("opdracht", task_file, task_title)]
        if handouts:
            entries.append(("handout", CC_DIR + handouts[n - 1], f"{title} (pdf)"))
        children = []
        for kind, href, label in entries:
            rid = f"r-{ident}-{kind}"
            own.add(href)
            children.append(f'          <item identifier="i-{ident}-{kind}" identifierref="{rid}">'
                            f'<title>{html.escape(label)}</title></item>')
            resources.append(f'    <resource identifier="{rid}" type="webcontent" href={quoteattr(href)}>\n'
                             f'      <file href={quoteattr(href)}/>\n      <dependency identifierref="r-site"/>\n    </resource>')
        modules.append(f'        <item identifier="m-{ident}">\n          <title>{html.escape(title)}</title>\n'
                       + "\n".join(children) + "\n        </item>")
    listed = "\n".join(f"      <file href={quoteattr(name)}/>" for name in sorted(files) if name not in own)
    resources.append(f'    <resource identifier="r-site" type="webcontent">\n{listed}\n    </resource>')
    site_name = _page_facts(site / meeting_pages(site, prefix)[0][1])[3]
    manifest = CC_MANIFEST.format(ident=quoteattr(f"kennisbank-{lang}-cc"), lang=quoteattr(lang),
                                  site=html.escape(site_name), modules="\n".join(modules),
                                  resources="\n".join(resources))
    files = {"imsmanifest.xml": manifest.encode("utf-8"), **files}
    target = out / f"kennisbank-{lang}-cc11.imscc"
    _zip(files, target)
    return target


def make_cartridges(site: Path, out: Path, need_pdfs: bool = True) -> dict[str, Path]:
    """The Common Cartridge of every language."""
    out.mkdir(parents=True, exist_ok=True)
    languages = built_languages(ROOT / "mkdocs.yml")  # make lms LANGUAGES=nl,ar,ti: those only
    return {lang: cartridge(site, lang, languages, out, need_pdfs) for lang in full_languages(ROOT / "mkdocs.yml")}


def make_packages(site: Path, out: Path, need_pdfs: bool = True) -> dict[str, Path]:
    """The students' SCORM package of every language."""
    out.mkdir(parents=True, exist_ok=True)
    languages = built_languages(ROOT / "mkdocs.yml")  # make lms LANGUAGES=nl,ar,ti: those only
    # a partial language has no lessons: its packages would hold notice pages
    return {lang: student_package(site, lang, languages, out, need_pdfs) for lang in full_languages(ROOT / "mkdocs.yml")}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.path.insert(0, str(ROOT / "scripts"))
    from reader import check_languages
    check_languages("lms")
    for lang, path in make_packages(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{lang}: {path} ({path.stat().st_size:,} bytes)")
    for lang, path in make_cartridges(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{lang}: {path} ({path.stat().st_size:,} bytes)")
