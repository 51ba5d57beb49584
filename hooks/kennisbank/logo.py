"""A school's SVG logo, read as XML with an allowlist of SVG elements and attributes.

The logo is shown as an <img> (where an SVG runs nothing) but also ships as a file that anyone can
open directly, where an SVG runs its scripts. A search for "<script" in the text missed a UTF-16
file and a namespaced element (<s:script xmlns:s="http://www.w3.org/2000/svg">). So the file is
parsed (expat, UTF-8 only), every element must be an SVG drawing element and every attribute a
drawing attribute; no DOCTYPE, entity or processing instruction; references only inside the file.
"""
from __future__ import annotations

import re
import xml.parsers.expat

from .model import ContentError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath",
}
ATTRIBUTES = {
    "id", "class", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "fx", "fy", "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "clip-path", "clip-rule", "font-family", "font-size", "font-weight",
    "font-style", "text-anchor", "dominant-baseline", "letter-spacing", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "clipPathUnits", "preserveAspectRatio", "version",
    "role", "aria-label", "aria-hidden", "lang", "style", "href", "dx", "dy", "visibility", "display",
}
# Inside a value: an address other than "#id", a CSS escape or import, or a script.
_LOAD = re.compile(r"url\((?!\s*['\"]?#)|\\|@import|expression\(|javascript:", re.I)


class _Refused(Exception):
    pass


def check_svg(data: bytes, path: str, field: str, name: str) -> None:
    """Refuse a logo that is not a plain UTF-8 SVG drawing; one line naming the file and field."""
    try:
        _parse(data)
    except _Refused as e:
        raise ContentError(path, field, f"{name} is geen gewoon SVG-plaatje (must be a plain SVG image, without "
                                        f"scripts or links to other hosts): {e}") from None


def _parse(data: bytes) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
        raise _Refused("het logo moet UTF-8 zijn, geen UTF-16 (the logo must be UTF-8)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused("het logo moet UTF-8 zijn (the logo must be UTF-8)") from None
    head = re.match(rb"\s*(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)", data)
    if head and head.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise _Refused("het logo moet UTF-8 zijn, ook in <?xml encoding?> (the logo must be UTF-8)")
    parser = xml.parsers.expat.ParserCreate("utf-8", namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = []

    def refuse(what):
        def handler(*_):
            raise _Refused(f"{what} is niet toegestaan in een logo ({what} is not allowed in a logo)")
        return handler

    parser.StartDoctypeDeclHandler = refuse("<!DOCTYPE>")
    parser.EntityDeclHandler = refuse("<!ENTITY>")
    parser.ProcessingInstructionHandler = refuse("<?...?>")
    parser.ExternalEntityRefHandler = refuse("an external entity")

    def start(tag, attrs):
        ns, _, local = tag.rpartition(" ")
        if ns != SVG_NS or local not in ELEMENTS:
            shown = local if ns == SVG_NS else f"{{{ns}}}{local}" if ns else local
            raise _Refused(f"element <{shown}> is niet toegestaan: alleen SVG-tekenelementen "
                           f"(only SVG drawing elements)")
        if not root and local != "svg":
            raise _Refused("het bestand moet met <svg> beginnen (must start with <svg>)")
        root.append(local)
        for key, value in attrs.items():
            ans, _, name = key.rpartition(" ")
            allowed = (not ans and name in ATTRIBUTES) or (ans == XLINK_NS and name == "href") \
                or (ans == XML_NS and name in ("space", "lang"))
            if not allowed:
                raise _Refused(f"attribuut {name!r} op <{local}> is niet toegestaan (attribute not allowed)")
            if name == "href" and not value.strip().startswith("#"):
                raise _Refused(f"href op <{local}> mag alleen naar '#id' in het logo wijzen (only '#id')")
            if _LOAD.search(value):
                raise _Refused(f"{name!r} op <{local}> laadt iets of is een script: alleen url(#id) "
                               f"(only references inside the logo)")

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        raise _Refused(f"geen geldige XML: {xml.parsers.expat.ErrorString(e.code)}, regel {e.lineno} "
                       f"(not well-formed XML)") from None
    if not root:
        raise _Refused("geen <svg> gevonden (no <svg> element)")
