"""Every glyph on paper is real: the printed sheets embed their fonts and draw no .notdef (a tofu box).

`glyph_problems` reads a PDF printed by Chromium. With pdfium (pypdfium2.raw), for every character of the
page's text: its Unicode (``FPDFText_GetUnicode``, ``FPDFText_HasUnicodeMapError``, skipping the spaces
pdfium adds, ``FPDFText_IsGenerated``), the font it is drawn with (``FPDFText_GetTextObject`` ->
``FPDFTextObj_GetFont``) and whether that font is embedded (``FPDFFont_GetIsEmbedded``).

The .notdef is found by its glyph id. A character no font has is drawn with glyph 0 of the first font,
and glyph 0 is the .notdef in every font. Chromium writes glyph ids as the codes of its Type 0 fonts
(Identity-H, 2 bytes) and its Type 3 fonts (CFF fonts such as Noto Sans CJK; 1 byte, code 0 is /g0), so
the page's content streams are read for code 0. pdfium gives no char codes; comparing a character's
outline (``FPDFFont_GetGlyphPath``) with the font's .notdef outline was tried and dropped: pdfium finds
the glyph through the ToUnicode map backwards, which fails for Arabic contextual forms (a real U+0628
came out as .notdef) and gives no outlines for Type 3 fonts.
"""
from __future__ import annotations

import ctypes
import re
import zlib

import pytest

def _font_name(font) -> str:
    import pypdfium2.raw as raw
    buf = ctypes.create_string_buffer(256)
    raw.FPDFFont_GetBaseFontName(font, buf, 256)
    return buf.value.decode("latin-1") or "(Type 3)"


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """The PDF's objects: number -> (dictionary, decoded stream or None). Chromium writes no object streams."""
    assert b"/ObjStm" not in data, "object streams: this reader does not follow them"
    objs = {}
    for m in re.finditer(rb"(?s)(\d+) 0 obj\s*(.*?)endobj", data):
        body, stream = m.group(2), None
        if b"stream" in body:
            head, _, rest = body.partition(b"stream")
            raw_stream = rest.lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
            body = head
            stream = zlib.decompress(raw_stream) if b"/FlateDecode" in head else raw_stream
        objs[int(m.group(1))] = (body, stream)
    return objs


_TOKEN = re.compile(rb"/ActualText\s*<[0-9A-Fa-f\s]*>|/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>")


def _notdef_in_streams(data: bytes) -> list[str]:
    """Glyph 0 shown in any page or form content stream: code 0 in a Type 0 (2 bytes) or Type 3 font."""
    objs = _objects(data)
    fonts = {}  # resource name -> (subtype, object number)
    for body, _ in objs.values():
        for block in re.findall(rb"/Font\s*<<(.*?)>>", body, re.S):
            for name, num in re.findall(rb"/([^\s/<>]+)\s+(\d+) 0 R", block):
                subtype = re.search(rb"/Subtype\s*/(\w+)", objs.get(int(num), (b"", None))[0])
                fonts[name] = (subtype.group(1).decode() if subtype else "?", int(num))
    contents = set()
    for body, _ in objs.values():
        if re.search(rb"/Type\s*/Page\b", body):
            m = re.search(rb"/Contents\s*(?:\[([^\]]*)\]|(\d+) 0 R)", body)
            if m:
                contents |= {int(n) for n in re.findall(rb"(\d+) 0 R", m.group(1))} if m.group(1) else {int(m.group(2))}
    contents |= {n for n, (body, s) in objs.items() if s is not None and re.search(rb"/Subtype\s*/Form", body)}
    found = []
    for n in sorted(contents):
        font = None
        for m in _TOKEN.finditer(objs[n][1] or b""):
            if m.group(1) is not None:
                font = fonts.get(m.group(1))
            elif m.group(2) is not None and font and font[0] in ("Type0", "Type3"):
                hexa = re.sub(rb"\s", b"", m.group(2))
                width = 4 if font[0] == "Type0" else 2
                codes = [int(hexa[i:i + width], 16) for i in range(0, len(hexa), width)]
                if 0 in codes:
                    found.append(f"glyph 0 (.notdef, a tofu box) drawn in {font[0]} font object {font[1]}")
    return found


def glyph_problems(data: bytes) -> list[str]:
    """What is wrong with the glyphs of page 1 of the PDF ``data``; empty when every glyph is real."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(data)
    tp = pdf[0].get_textpage()
    problems = []
    for i in range(tp.count_chars()):
        if raw.FPDFText_IsGenerated(tp.raw, i):
            continue  # a space or line break pdfium adds between words: nothing drawn
        u = raw.FPDFText_GetUnicode(tp.raw, i)
        if u and chr(u).isspace():
            continue
        where = f"character {i} ({'U+%04X' % u})"
        if u in (0, 0xFFFD, 0xFFFE) or raw.FPDFText_HasUnicodeMapError(tp.raw, i):
            problems.append(f"{where}: no Unicode in the PDF")
        obj = raw.FPDFText_GetTextObject(tp.raw, i)
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        if not font:
            problems.append(f"{where}: no font")
            continue
        if not raw.FPDFFont_GetIsEmbedded(font):
            problems.append(f"{where}: font {_font_name(font)} not embedded")
    return problems + _notdef_in_streams(data)


# ---------------------------------------------------------------- the check catches what it claims

# U+E000 (private use) and U+0378 (unassigned) have a glyph in no installed font; U+10FFFD neither.
MISSING = "&#xE000;&#x378;&#x10FFFD;"


@pytest.mark.parametrize("family, kind", [
    ("sans-serif", "Type0"), ("serif", "Type0"),  # the .notdef of a TrueType font, a Type 0 font in the PDF
    ('"Noto Sans CJK SC"', "Type3"),              # ...of a CFF font, which Chromium writes as a Type 3 font
])
def test_a_missing_glyph_is_found(page, family, kind):
    """A page that draws characters no installed font has fails the check, in the font that drew the
    .notdef; the same page without them passes, Ethiopic, Chinese, Sorani and Cyrillic included."""
    def problems(extra: str) -> list[str]:
        page.set_content(f'<!doctype html><html lang="nl"><head><style>body {{ font-family: {family}; }}</style>'
                         f"</head><body><p>Ouders ሰላም 中文 ڕێبەر {extra} Пример</p></body></html>")
        return glyph_problems(page.pdf(format="A4"))
    assert problems("") == []
    found = problems(MISSING)
    assert any(p.startswith(f"glyph 0 (.notdef, a tofu box) drawn in {kind} font") for p in found), found


# ---------------------------------------------------------------- each script in its own font

SCRIPTS = {  # language: (a test for a letter of its script, the family Debian's fonts-noto-* give it)
    "ti": (lambda c: 0x1200 <= ord(c) <= 0x139F, "Noto Sans Ethiopic"),
    "ar": (lambda c: 0x0600 <= ord(c) <= 0x06FF, "Noto Sans Arabic"),
    "fa": (lambda c: 0x0600 <= ord(c) <= 0x06FF, "Noto Sans Arabic"),
    "ckb": (lambda c: 0x0600 <= ord(c) <= 0x06FF, "Noto Sans Arabic"),
    "zh-Hans": (lambda c: 0x4E00 <= ord(c) <= 0x9FFF, "Noto Sans CJK SC"),
}


def _families(data: bytes) -> list[tuple[str, str]]:
    """(character, font family) for every drawn character; a Type 3 font has no family in pdfium: ''."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    tp = pdfium.PdfDocument(data)[0].get_textpage()
    out = []
    for i in range(tp.count_chars()):
        obj = raw.FPDFText_GetTextObject(tp.raw, i)
        u = raw.FPDFText_GetUnicode(tp.raw, i)
        if obj and u and not chr(u).isspace():
            buf = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetFamilyName(raw.FPDFTextObj_GetFont(obj), buf, 256)
            out.append((chr(u), buf.value.decode("latin-1")))
    return out


@pytest.mark.parametrize("lang", list(SCRIPTS))
def test_each_script_prints_in_its_own_font_and_latin_stays_latin(nginx, tab, lang):
    """On the parents' bilingual sheet, the letters of Tigrinya, Arabic, Persian, Sorani and Chinese are drawn
    with the font named for their script, and the Dutch column's Latin with the font of the Dutch list."""
    tab.goto(f"{nginx}checklists/ouders/")
    latin = {f for c, f in _families(tab.pdf(format="A4")) if c.isascii() and c.isalpha()}
    tab.goto(f"{nginx}{lang}/checklists/ouders-tweetalig/")
    data = tab.pdf(format="A4")
    families = _families(data)
    is_script, family = SCRIPTS[lang]
    script = [f for c, f in families if is_script(c)]
    assert len(script) > 100, f"{len(script)} letters of the script"
    if lang == "zh-Hans":  # Chromium writes Noto Sans CJK (a CFF font) as Type 3 fonts: their descriptors
        assert set(script) == {""}
        names = {v.decode() for body, _ in _objects(data).values() for v in re.findall(rb"/FontFamily \(([^)]*)\)", body)}
        assert {n for n in names if "CJK" in n} == {family}, names  # Simplified Chinese, not the Japanese forms
    else:
        assert set(script) == {family}
    assert {f for c, f in families if c.isascii() and c.isalpha()} == latin, "Latin keeps the Dutch list's font"
