"""One SCORM 1.2 package per language, for a learning platform (Brightspace, Canvas, Moodle): `make lms`.

    python scripts/lms.py OFFLINE_SITE OUT_DIR

OFFLINE_SITE is the file://-capable build (mkdocs.offline.yml: links to .html files, search
without a web worker). Each package, OUT_DIR/kennisbank-<lang>-scorm12.zip, holds that whole
build, so the lesson guide, the reader, every card and the language switcher work inside the
platform's frame with no request to another host; plus a launch page (scorm.html) that shows
the language's lesson guide and reports to the platform through the SCORM 1.2 API
(lms/launch.js), and imsmanifest.xml at the root listing every file.

A package runs on the platform's own origin, so every page in it carries the site's
Content-Security-Policy as a <meta> (the launch page too): scripts and styles only from files.
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
from kennisbank.config import read_languages  # noqa: E402
from kennisbank.csp import policy  # noqa: E402

LAUNCH = "scorm.html"
SCORM_DIR = "scorm"  # the launch page's own script and style, inside the package
SKIP = {"csp-nginx.conf", "sitemap.xml", "sitemap.xml.gz"}  # for web servers only

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
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
      <item identifier="lesbrief" identifierref="sco" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="{launch}">
{files}
    </resource>
  </resources>
</manifest>
"""

LAUNCH_PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
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


def package(site: Path, lang: str, prefix: str, out: Path) -> Path:
    """Write the SCORM 1.2 zip of one language; ``prefix`` is its folder in the site ("" or "en/")."""
    guide, reader = f"{prefix}lesbrief.html", f"{prefix}reader.html"
    for need in (guide, reader):
        if not (site / need).is_file():
            raise SystemExit(f"lms: {site / need} is missing; build with mkdocs.offline.yml first")
    page_lang, direction, title, site_name = _page_facts(site / guide)
    launch = LAUNCH_PAGE.format(lang=html.escape(page_lang), dir=html.escape(direction), title=html.escape(title),
                                scorm=SCORM_DIR, guide=guide, reader=reader, csp=html.escape(policy(meta=True)))
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
             if p.is_file() and p.name not in SKIP}
    files[LAUNCH] = launch.encode("utf-8")
    for name in ("launch.js", "launch.css"):
        files[f"{SCORM_DIR}/{name}"] = (ROOT / "lms" / name).read_bytes()
    listed = "\n".join(f"      <file href={quoteattr(name)}/>" for name in sorted(files))
    manifest = MANIFEST.format(ident=quoteattr(f"kennisbank-{lang}"), site=html.escape(site_name),
                               title=html.escape(title), launch=LAUNCH, files=listed)
    files = {"imsmanifest.xml": manifest.encode("utf-8"), **files}
    target = out / f"kennisbank-{lang}-scorm12.zip"
    _zip(files, target)
    return target


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


def make_packages(site: Path, out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    languages = read_languages(ROOT / "mkdocs.yml")
    return {lang: package(site, lang, "" if lang == languages[0] else f"{lang}/", out) for lang in languages}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for lang, path in make_packages(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{lang}: {path} ({path.stat().st_size:,} bytes)")
