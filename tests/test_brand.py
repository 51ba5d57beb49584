"""Branding a built site without a build (issue 22, items 2-4; issue 23, item 3).

A coordinator opens brand.html in the site, fills in the form, picks the site's folder, and every
page in every language shows the school's details; the printed parents' list shows the school
and a QR code of the school's address. Here: structured details in the school file, free text
never shown in another language, no placeholder address in a build without site_url, a site
without school details, and the form's refusals (on the session builds, no build of its own).

The branded sites themselves are checked in test_release_e2e.py, on the unzipped release: web/
branded through brand.html served by nginx under /kennisbank/ (with a logo, under nginx's policy),
offline/ from disk (school.json saved and loaded again), then every language, the printed list,
axe and the policy. It brands with the helpers below: SCHOOL, the stand-in for the folder picker
(_brand), _check_every_language and _printed_list.
"""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from conftest import DEFAULT, LANGUAGES, RTL, ROOT, prefix
from kennisbank import render
from kennisbank.model import ContentError
from kennisbank.school import load_school, read_school

# The school as a coordinator fills it in: structured details, free text in Dutch only.
SCHOOL = {
    "name": "Basisschool De Regenboog",
    "contact": "Fatima El Amrani",
    "phone": "030 123 45 67",
    "email": "contactouder@regenboog.example",
    "site_url": "https://intranet.regenboog.example/kennisbank/",
    "days": ["1", "4"], "from": "08:15", "to": "09:00",      # Monday and Thursday
    "vp": "Johan de Vries",
    "languages": ["ar", "tr"],
    "interpreter_nl": "Vraag het aan de leerkracht; de school regelt een tolk.",
    "when_nl": "Of maak een afspraak bij de balie.",
}


# ---------------------------------------------------------------- the school file (no build)

def _raw(**extra):
    raw = {"name": "De Linde", "contact": {"role": "contactouder", "name": "A. Jansen", "phone": "030 1234567",
                                           "hours": [{"days": ["maandag", "donderdag"], "from": "8.15", "to": "9:00"}]},
           "interpreter_languages": ["ar", "ti"], "interpreter": {"nl": "Vraag het de leerkracht."}}
    raw.update(extra)
    return raw


def test_structured_details_become_data_for_every_language():
    school = load_school(_raw(), "school.yml", LANGUAGES)
    data = school.data()
    assert data["contact"]["hours"] == [{"days": [1, 4], "from": "08:15", "to": "09:00"}]  # ISO weekdays
    assert data["interpreter_languages"] == ["ar", "ti"]
    # Dutch-only free text: no other language gets it, and every other one is named
    assert school.text(school.interpreter, "ar") is None and school.text(school.interpreter, "nl")
    assert school.missing_text(LANGUAGES) == {"interpreter": [x for x in LANGUAGES if x != "nl"]}


def test_example_school_file_shows_the_structured_form():
    school = read_school(ROOT / "school.example.yml", ROOT, LANGUAGES)
    assert school.hours and school.interpreter_languages and school.confidant


@pytest.mark.parametrize("edit, field", [
    (lambda r: r["contact"]["hours"][0].update(days=["maandg"]), "contact.hours[1].days"),
    (lambda r: r["contact"]["hours"][0].update(to="8:00"), "contact.hours[1].to"),
    (lambda r: r["contact"]["hours"][0].update({"from": "25:00"}), "contact.hours[1].from"),
    (lambda r: r.update(interpreter_languages=["Arabisch"]), "interpreter_languages"),
    (lambda r: r.update(vertrouwenspersoon={"name": "X", "phone": "bel mij"}), "vertrouwenspersoon.phone"),
    (lambda r: r.update(interpreter={"nl": "Bel \u202e ons"}), "interpreter.nl"),
    (lambda r: r.update(color="#ffff00"), "color"),
])
def test_bad_structured_details_are_refused_naming_the_field(edit, field):
    raw = _raw()
    edit(raw)
    with pytest.raises(ContentError) as e:
        load_school(raw, "school.yml", LANGUAGES)
    assert f"school.yml: field '{field}'" in str(e.value) and "\n" not in str(e.value)


def test_the_json_block_cannot_close_its_script():
    text = render.script_json({"name": "</script><script>alert(1)</script> & co"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & co"


def test_no_address_printed_without_site_url(strings):
    assert "http" not in render.page_tools("nl", strings, "") and "<svg" not in render.qr_block("", "nl", strings)


# ---------------------------------------------------------------- a build without site_url

def test_no_placeholder_address_in_a_build_without_site_url(built_site):
    """No file mentions example.org (mkdocs.yml's old default); no canonical link, no sitemap
    of made-up addresses, and the alternates are relative."""
    hits = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()
            and b"example.org" in p.read_bytes()]
    assert not hits, hits[:5]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home
    assert not (built_site / "sitemap.xml").exists()
    alternates = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang', home)
    assert alternates and not [a for a in alternates if "//" in a], alternates
    ouders = (built_site / "checklists" / "ouders" / "index.html").read_text(encoding="utf-8")
    assert "kb-qr" in ouders and "<svg" not in ouders.split("kb-qr", 1)[1].split("</div>", 1)[0]
    assert (built_site / "brand.html").is_file()


# ---------------------------------------------------------------- branding in the browser

# A stand-in for the folder picker (File System Access API) over a real folder on disk: the
# page's brand.js walks, reads and writes it through these handles, as it does in Chrome.
FAKE_PICKER = """
(() => {
  function file(path, name) {
    return { kind: "file", name,
      getFile: async () => ({ text: async () => await window.kbRead(path) }),
      createWritable: async () => {
        const parts = [];
        return { write: async (d) => { parts.push(d); },
                 close: async () => {
                   const blob = new Blob(parts);
                   const bytes = new Uint8Array(await blob.arrayBuffer());
                   let s = ""; for (const b of bytes) s += String.fromCharCode(b);
                   await window.kbWrite(path, btoa(s));
                 } };
      } };
  }
  function dir(path, name) {
    return { kind: "directory", name,
      values: async function* () {
        for (const e of await window.kbList(path)) yield e.dir ? dir(path + e.name + "/", e.name) : file(path + e.name, e.name);
      },
      getDirectoryHandle: async (n) => { if (!(await window.kbIsDir(path + n))) throw new DOMException("no", "NotFoundError"); return dir(path + n + "/", n); },
      getFileHandle: async (n, o) => { if (!(o && o.create) && !(await window.kbIsFile(path + n))) throw new DOMException("no", "NotFoundError"); return file(path + n, n); },
    };
  }
  window.showDirectoryPicker = async () => dir("", "site");
})();
"""


def _brand(page, site: Path, url: str, logo: Path | None = None):
    """Fill in brand.html as a coordinator does, and apply it to ``site``. Returns what the
    check said (before applying)."""
    def inside(path):
        p = (site / path).resolve()
        assert site.resolve() in p.parents or p == site.resolve()
        return p
    page.expose_function("kbList", lambda path: [{"name": p.name, "dir": p.is_dir()} for p in sorted(inside(path or ".").iterdir())])
    page.expose_function("kbRead", lambda path: inside(path).read_text(encoding="utf-8"))
    page.expose_function("kbWrite", lambda path, data: inside(path).write_bytes(base64.b64decode(data)) and None)
    page.expose_function("kbIsDir", lambda path: inside(path).is_dir())
    page.expose_function("kbIsFile", lambda path: inside(path).is_file())
    page.add_init_script(FAKE_PICKER)
    page.goto(url)
    page.fill("#f-name", SCHOOL["name"])
    page.fill("#f-contact", SCHOOL["contact"])
    page.fill("#f-phone", SCHOOL["phone"])
    page.fill("#f-email", SCHOOL["email"])
    page.fill("#f-site_url", SCHOOL["site_url"])
    for d in SCHOOL["days"]:
        page.check(f"input[name=days1][value='{d}']")
    page.fill("#f-from1", SCHOOL["from"])
    page.fill("#f-to1", SCHOOL["to"])
    page.fill("#f-vp-name", SCHOOL["vp"])
    for code in SCHOOL["languages"]:
        page.check(f"input[name=interpreter_languages][value={code}]")
    page.locator("details summary").click()
    page.fill("#f-interpreter-nl", SCHOOL["interpreter_nl"])
    page.fill("#f-when-nl", SCHOOL["when_nl"])
    if logo:
        page.set_input_files("#f-logo", str(logo))
    page.click("#kb-check")
    status = page.locator("#kb-result").inner_text()
    assert not page.locator("#kb-errors li").count(), page.locator("#kb-errors").inner_text()
    page.click("#kb-apply")
    page.wait_for_selector("#kb-result:has-text('aangepast'), #kb-errors li", timeout=180000)  # no eval under the CSP
    assert not page.locator("#kb-errors li").count(), page.locator("#kb-errors").inner_text()
    return status


def _check_every_language(page, base: str, ext: str):
    """Every language: the school's name in the bar and the parents' help block with the contact;
    Arabic and Persian show no Dutch free text; hours in the page's own language."""
    for lang in LANGUAGES:
        page.goto(f"{base}{prefix(lang)}{'index.html' if ext else ''}")
        assert page.locator(".kb-school-bar .kb-s-name").inner_text() == SCHOOL["name"], lang
        page.goto(f"{base}{prefix(lang)}lezers/ouders{ext}")
        box = page.locator("aside.kb-school")
        text = box.inner_text()
        assert SCHOOL["name"] in text and SCHOOL["contact"] in text and SCHOOL["vp"] in text, (lang, text)
        assert box.locator(f"a[href^='tel:']").first.get_attribute("href") == "tel:0301234567"
        assert box.locator(f"a[href='mailto:{SCHOOL['email']}']").count() == 1
        if lang == DEFAULT:
            assert SCHOOL["interpreter_nl"] in text and "maandag" in text, text
        else:
            assert SCHOOL["interpreter_nl"] not in text and SCHOOL["when_nl"] not in text, (lang, text)
        if lang in RTL:
            assert not re.search(r"\b(maandag|donderdag|Vraag|leerkracht|afspraak)\b", text), (lang, text)
            assert re.search(r"[\u0600-\u06ff]", box.locator(".kb-s-hours").inner_text()), "weekdays in the page's script"


def _printed_list(page, url: str, expected: str):
    """The printed parents' list (A4, browser defaults): one sheet, the school's name, and a QR
    code that decodes to the school's address of that list."""
    import pypdfium2
    import zxingcpp
    page.goto(url)
    page.wait_for_selector(".kb-qr svg", state="attached")
    pdf = pypdfium2.PdfDocument(page.pdf(format="A4"))
    assert len(pdf) == 1, f"{url} prints on {len(pdf)} pages"
    text = pdf[0].get_textpage().get_text_range()
    assert SCHOOL["name"] in text and SCHOOL["contact"] in text
    image = pdf[0].render(scale=3).to_pil()
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [expected]


def test_a_site_without_school_details_says_whom_to_ask(server, page, strings):
    for lang in (DEFAULT, *RTL):
        page.goto(f"{server}/{prefix(lang)}checklists/ouders/")
        box = page.locator("aside.kb-school")
        assert box.locator(".kb-s-ask").inner_text() == strings[lang]["school"]["ask"]
        assert not page.locator(".kb-school-bar").is_visible()


def test_brand_form_refuses_bad_details_one_line_each(offline_site, browser):
    """The form's rules are the school file's: contrast, plain text, bidi characters, phone,
    times. Each fault is one line naming the field; nothing is applied."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto((offline_site / "brand.html").as_uri())
    page.fill("#f-name", "De <b>Linde</b>")
    page.fill("#f-color", "#ffff00")
    page.fill("#f-contact", "A.\u202eJansen")
    page.fill("#f-phone", "bel mij")
    page.check("input[name=days1][value='1']")
    page.fill("#f-from1", "10:00")
    page.fill("#f-to1", "09:00")
    page.fill("#f-site_url", "javascript:alert(1)")
    page.click("#kb-apply")
    errors = page.locator("#kb-errors li").all_inner_texts()
    fields = [e.split(":")[0] for e in errors]
    assert fields == ["naam van de school", "kleur", "adres", "naam van de contactpersoon", "telefoon", "tijden 1"], errors
    assert "1,1 : 1" in errors[1] and "U+202E" in errors[3]
    context.close()
