"""Hostile input, kind by kind: each is refused with one line naming the file and the field,
or comes out inert. School files, content HTML, YAML shapes, files and sizes."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, mkdocs
from kennisbank import csp, sanitise
from kennisbank.loader import load_site
from kennisbank.model import ContentError
from kennisbank.school import MAX_LOGO, read_school
from test_loader import GOOD, make

LANGS = LANGUAGES  # the configured languages (mkdocs.yml)
EXAMPLE = (ROOT / "school.example.yml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- school files are data

def _school(tmp_path, text, logo_bytes=None):
    root = tmp_path / "project"
    (root / "deploy").mkdir(parents=True, exist_ok=True)
    (root / "deploy" / "school-example-logo.svg").write_bytes(
        logo_bytes if logo_bytes is not None else (ROOT / "deploy" / "school-example-logo.svg").read_bytes())
    f = root / "school.yml"
    f.write_text(text, encoding="utf-8")
    return read_school(f, root, LANGS)


def _refused(tmp_path, text, field, words, **kw):
    with pytest.raises(ContentError) as e:
        _school(tmp_path, text, **kw)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(f"school.yml: field '{field}'") and words in msg, msg
    return msg


def test_example_school_file_is_read_as_data(tmp_path):
    school = _school(tmp_path, EXAMPLE)
    assert school.name == "Basisschool De Regenboog" and school.phone == "030 123 45 67"
    assert school.site_url == "https://intranet.regenboog.example/kennisbank/"
    assert Path(school.logo).is_file()


def test_python_tag_in_a_school_file_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    text = f'name: !!python/object/apply:os.system ["touch {marker}"]\n' + EXAMPLE.split("\n", 5)[-1]
    _refused(tmp_path, text, "file", "invalid YAML")
    assert not marker.exists()


@pytest.mark.parametrize("edit, field, words", [
    (lambda t: t + "hooks:\n  - evil.py\n", "hooks", "unknown field"),
    (lambda t: "INHERIT: mkdocs.yml\n" + t, "INHERIT", "unknown field"),
    (lambda t: t + "extra:\n  analytics: x\n", "extra", "unknown field"),
    (lambda t: t.replace("  role: contactouder", "  role: contactouder\n  fax: 1"), "contact.fax", "unknown field"),
    (lambda t: t.replace("deploy/school-example-logo.svg", "/etc/passwd.svg"), "logo", "inside the project"),
    (lambda t: t.replace("deploy/school-example-logo.svg", "../../../../etc/x.svg"), "logo", "inside the project"),
    (lambda t: t.replace("Basisschool De Regenboog", "x" * 5_000), "name", "at most 120"),
    (lambda t: t.replace('"030 123 45 67"', '"030 \u202e76 54 321"'), "contact.phone", "bidi control"),
    (lambda t: t.replace("Fatima El Amrani", "Fatima \u2067El\u2069 Amrani"), "contact.name", "bidi control"),
    (lambda t: t.replace('"030 123 45 67"', '"bel ons"'), "contact.phone", "phone number"),
    (lambda t: t.replace("Fatima El Amrani", "<img src=x>"), "contact.name", "plain text"),
    (lambda t: t.replace("Fatima El Amrani", '"[klik](javascript:alert(1))"'), "contact.name", "plain text"),
    (lambda t: t.replace("https://intranet.regenboog.example/kennisbank/", "javascript:alert(1)//"), "site_url", "web address"),
    (lambda t: t.replace("https://intranet.regenboog.example/kennisbank/", 'https://x.example/"><script>'), "site_url", "web address"),
    (lambda t: t.replace("name: Basisschool", "name: &a Basisschool"), "file", "aliases are not allowed"),
    (lambda t: t + "name: Twee\n", "file", "duplicate key 'name'"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None)
def test_hostile_school_file_is_refused(tmp_path, edit, field, words):
    _refused(tmp_path, edit(EXAMPLE), field, words)


def test_symlinked_logo_is_refused(tmp_path):
    root = tmp_path / "project"
    (root / "deploy").mkdir(parents=True)
    os.symlink("/etc/passwd", root / "deploy" / "logo.svg")
    f = root / "school.yml"
    f.write_text(EXAMPLE.replace("deploy/school-example-logo.svg", "deploy/logo.svg"), encoding="utf-8")
    with pytest.raises(ContentError, match="logo.*symbolic link"):
        read_school(f, root, LANGS)


def test_huge_logo_is_refused(tmp_path):
    _refused(tmp_path, EXAMPLE, "logo", "at most", logo_bytes=b"<svg>" + b" " * MAX_LOGO + b"</svg>")


def test_logo_with_a_script_is_refused(tmp_path):
    _refused(tmp_path, EXAMPLE, "logo", "without scripts",
             logo_bytes=b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')


def test_phone_is_normalised_as_shown_and_dialled(tmp_path):
    school = _school(tmp_path, EXAMPLE.replace('"030 123 45 67"', '"(030)-123.45.67"'))
    assert school.phone == "030 123 45 67"


def test_build_with_a_hostile_school_file_stops_in_one_line(project, tmp_path):
    marker = tmp_path / "pwned"
    (project / "school.yml").write_text(
        f'name: !!python/object/apply:os.system ["touch {marker}"]\n' + EXAMPLE.split("\n", 5)[-1], encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs(project, site_dir=out, env_extra={"KB_SCHOOL": "school.yml"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "school.yml: field 'file': invalid YAML" in result.stderr, result.stderr[-800:]
    assert not marker.exists() and not out.exists()


# ---------------------------------------------------------------- content HTML: one allowlist

def _markdown():
    import markdown
    from mkdocs.config import load_config
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=cfg["markdown_extensions"], extension_configs=cfg["mdx_configs"])


PAYLOADS = {
    "svg onload": "<svg/onload=alert(1)>",
    "details ontoggle": "<details/open/ontoggle=alert(1)>x</details>",
    "attr_list handler": "## Kop {onfocus=alert(1) autofocus}",
    "attr_list on a paragraph": "Tekst.\n{: onfocus=\"alert(1)\" autofocus }",
    "entity-encoded javascript: link": "[klik](jav&#x61;script:alert(1))",
    "base href": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "form action": '<form action="https://evil.example/"><button>Ga</button></form>',
    "external image (html)": '<img src="https://evil.example/pixel.png" alt="">',
    "external image (markdown)": "![x](https://evil.example/pixel.png)",
    "protocol-relative image": '<img src="//evil.example/pixel.png" alt="">',
    "script": "<script>alert(1)</script>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style": "<style>body{display:none}</style>",
    "data: link": "[x](data:text/html,<script>alert(1)</script>)",
}


@pytest.mark.parametrize("name", PAYLOADS)
def test_each_payload_is_refused_with_one_line(name):
    html = _markdown().convert(PAYLOADS[name])
    with pytest.raises(ContentError) as e:
        sanitise.check(html, "themas/a.md", "body")
    assert str(e.value).startswith("themas/a.md: field 'body': HTML that is not allowed") and "\n" not in str(e.value)


def test_what_the_site_itself_uses_passes_unchanged():
    md = _markdown()
    for text in ["# Kop {#kop}\n\n- [ ] taak\n\n*nadruk* [link](../x.md) ![logo](../assets/x.png)",
                 '<div class="kb-checklist" data-checklist="ouders" markdown>\n\n- [x] a\n\n</div>',
                 '<svg viewBox="0 0 3 3" role="img"><title>T</title><line x1="1" y1="1" x2="2" y2="2"/></svg>',
                 '[bel](tel:0301234567) [mail](mailto:a@b.nl) [web](https://www.example.org/)',
                 '!!! note "Let op"\n    Tekst', "Tom & Jerry &lt;b&gt;"]:
        sanitise.check(md.reset().convert(text), "x.md", "body")  # raises if anything would change


def test_an_inline_script_in_the_output_is_found_never_hashed():
    assert csp.inline_scripts('<script>alert(1)</script>') and csp.inline_scripts('<svg/onload=alert(1)>')
    assert csp.inline_scripts('<div onclick="x">') and csp.inline_scripts("<details open ontoggle=x>")
    assert not csp.inline_scripts('<script src="a.js"></script><script type="application/json">{}</script>')
    assert "sha256" not in csp.policy() and "'unsafe-inline'" not in csp.policy()
    assert "frame-ancestors" not in csp.policy(meta=True)


def test_hostile_card_stops_the_build_naming_the_file(project, tmp_path):
    card = project / "docs" / "voorwaarden" / "zorg-voor-een-tolk.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n## Kop {onfocus=alert(1) autofocus}\n", encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs(project, site_dir=out)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "voorwaarden/zorg-voor-een-tolk.md: field 'body': HTML that is not allowed: <h2 autofocus onfocus>" in result.stderr, \
        result.stderr[-800:]


def test_title_and_description_are_inert_on_every_page_and_in_the_index(project, tmp_path):
    """A title or description that tries to leave its element comes out as text: in <title>,
    in <meta>, in the navigation and in the search index of each language built."""
    title = 'Tom &amp; "Jerry" &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    (project / "docs" / "proef.md").write_text(
        f"---\ntitle: '{title}'\ndescription: 'x\" http-equiv=\"refresh\" content=\"0;url=https://evil.example/'\n---\n\n# Proef\n\nTekst.\n",
        encoding="utf-8")
    for lang in LANGS[1:]:
        (project / "docs" / f"proef.{lang}.md").write_text(
            f"---\ntitle: '{title}'\ntranslation: {{source_hash: x, reviewed: false}}\n---\n\n# Proef\n", encoding="utf-8")
    out = tmp_path / "site"
    # the title passes through the same templates in every language: built here in a left-to-right and a
    # right-to-left full language and a partial one, not all fifteen (a full build costs a minute; issue 29)
    result = mkdocs(project, site_dir=out, env_extra={"KB_LANGUAGES": "nl,en,ar,ti"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert {p.parent.parent.name for p in out.glob("*/proef/index.html")} == {"en", "ar", "ti"}
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and 'http-equiv="refresh"' not in html, page
        assert not csp.inline_scripts(html), page
    head = (out / "proef" / "index.html").read_text(encoding="utf-8")
    assert "<title>Tom &amp;amp; &#34;Jerry&#34; &amp;lt;/title&amp;gt;" in head
    assert 'content="x&#34; http-equiv=&#34;refresh&#34;' in head
    for index in out.rglob("search_index.json"):
        text = index.read_text(encoding="utf-8")
        assert "<script>" not in text and 'http-equiv=\\"refresh' not in text, index


def test_title_with_markup_is_refused(tmp_path):
    from test_loader import error_for
    e = error_for(tmp_path, {"index.md": "---\ntitle: '</title><script>alert(1)</script>'\n---\n\n# x\n"})
    assert (e.path, e.field) == ("index.md", "title") and "plain text" in e.message


# ---------------------------------------------------------------- files, sizes and YAML shapes

def _card(extra_front="", body="Tekst.\n"):
    return GOOD.replace("---\n\nTekst.\n", f"{extra_front}---\n\n{body}")


@pytest.mark.parametrize("content, field, words", [
    (GOOD.replace("id: T01", 'id: "T01\\n"'), "id", "must be T"),
    (GOOD.replace("title: Een titel", "title: Een titel\ntitle: Twee"), "front matter", "duplicate key 'title'"),
    (GOOD.replace("Tekst.", "Te\x00kst."), "encoding", f"NUL byte (line {GOOD[:GOOD.index('Tekst.')].count(chr(10)) + 1})"),
    ("\ufeff" + GOOD, "encoding", "byte order mark (BOM)"),
    (GOOD.replace("tags: [taal, tolk]", "tags: &t [taal, tolk]\nx: *t"), "front matter", "aliases are not allowed"),
    (GOOD.replace("related: []", "related: " + "[" * 5000 + "]" * 5000), "front matter", "nested more than"),
    (GOOD.replace("related: []", "related: " + "[" * 100_000 + "]" * 100_000), "front matter", "nested more than"),
    (GOOD.replace("Tekst.", 'Tekst.\n\n--8<-- "../../etc/passwd"'), "body", "not a file in bron/"),
    (GOOD.replace("Tekst.", "x" * 300_000), "file", "at most"),
], ids=["id-newline", "duplicate-key", "nul", "bom", "alias", "depth-5000", "depth-100000", "snippet", "size"])
def test_bad_file_shapes_are_refused_in_one_line(tmp_path, content, field, words):
    from test_loader import error_for
    e = error_for(tmp_path, {"themas/a.md": content})
    assert (e.path, e.field) == ("themas/a.md", field) and words in e.message, str(e)


def test_alias_bomb_is_refused_before_it_expands(tmp_path):
    from test_loader import error_for
    bomb = "".join(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 12))
    e = error_for(tmp_path, {"index.md": "---\nl0: &l0 [x]\n" + bomb + "---\n"})
    assert "aliases are not allowed" in e.message


def test_misspelled_card_list_marker_is_refused(tmp_path):
    from test_loader import error_for
    e = error_for(tmp_path, {"themas/a.md": GOOD, "index.md": "---\ntitle: x\n---\n\n<!-- kb:cards audiance=ouders -->\n"})
    assert (e.path, e.field) == ("index.md", "body") and "unknown key 'audiance'" in e.message


@pytest.mark.parametrize("where", ["docs", "bron"])
def test_symlinks_under_docs_and_bron_are_refused(tmp_path, where):
    docs = make(tmp_path, {"themas/a.md": GOOD})
    folder = tmp_path / where
    folder.mkdir(exist_ok=True)
    os.symlink("/etc/passwd", folder / "passwd.md")
    with pytest.raises(ContentError) as e:
        load_site(docs, LANGS)
    assert e.value.path.endswith("passwd.md") and "symbolic link" in e.value.message


# ---------------------------------------------------------------- no third-party URL

def test_the_built_site_holds_no_loadable_third_party_url(built_site):
    from urllib.parse import urlsplit
    from kennisbank import foreign
    own = urlsplit("https://kennisbank.example.org/").hostname  # mkdocs.yml's site_url
    found = {}
    for f in built_site.rglob("*"):
        kind = {".html": "html", ".css": "css", ".js": "js", ".mjs": "js"}.get(f.suffix)
        if kind:
            urls = foreign.loadable_urls(f.read_text(encoding="utf-8", errors="replace"), kind, own)
            if urls:
                found[f.relative_to(built_site).as_posix()] = urls[:3]
    assert found == {}
    assert not list(built_site.rglob("*.map"))


def test_the_scanner_finds_what_it_claims():
    from kennisbank import foreign
    assert foreign.loadable_urls('x=_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js")', "js")
    assert foreign.loadable_urls('<img src="https://evil.example/p.png">', "html")
    assert foreign.loadable_urls('<link rel="stylesheet" href="//fonts.example/x.css">', "html")
    assert foreign.loadable_urls('a{background:url(https://evil.example/x.png)}', "css")
    assert not foreign.loadable_urls('<a href="https://www.example.org/">x</a>', "html")
    assert not foreign.loadable_urls('/*! https://github.com/x */ var ns="http://www.w3.org/2000/svg"', "js")
    assert foreign.neutralise('_t("https://unpkg.com/resize-observer-polyfill")') == '_t("")'
