"""One allowlist sanitiser (nh3, the Ammonia binding) for every HTML fragment the build renders.

``clean`` is what the build writes. ``check`` compares it with the fragment as written: where
the sanitiser would drop or change anything an author wrote (a tag, an attribute, a link), the
build refuses the fragment instead, naming the file and the field, so nothing is silently lost.
"""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import nh3

from .model import ContentError

_COMMON = {"class", "id", "lang", "dir", "title", "hidden", "role", "aria-hidden", "aria-label",
           "aria-labelledby", "aria-describedby", "aria-pressed"}
# "markdown" (md_in_html) is not in the list: where Python-Markdown leaves it (markdown="0" on a
# <div> inside other HTML) the sanitiser drops it, and the comparison below ignores it. Not HTML.
_SVG = {"svg", "g", "path", "rect", "circle", "line", "text", "title", "desc", "polygon", "polyline"}
_SVG_ATTRS = {"viewBox", "xmlns", "width", "height", "d", "fill", "stroke", "stroke-width", "x", "y", "x1", "y1",
              "x2", "y2", "cx", "cy", "r", "rx", "ry", "points", "transform", "text-anchor", "font-size",
              "font-weight", "shape-rendering", "version", "fill-rule", "stroke-linecap", "stroke-linejoin"}
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd",
    "label", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "aside", "cite", "bdi",
    "time",
} | _SVG
ATTRIBUTES = {
    "*": _COMMON | {"data-item", "data-checklist", "data-pdf", "data-for", "data-minutes", "data-search-exclude", "data-row"},
    "a": {"href", "hreflang", "rel", "target"},  # target: only _self (see _filter)
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "data-item"},
    "label": {"for"},
    "button": {"type", "data-confirm"},
    "details": {"open"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},  # a Markdown table's alignment arrives as a class (csp.alignment_classes)
    "th": {"colspan", "rowspan", "scope"},
    "blockquote": {"cite"},
    **{t: _SVG_ATTRS for t in _SVG},
}
SCHEMES = {"http", "https", "mailto", "tel", "data"}
_INPUT_TYPES = {"checkbox"}


# Material's own names: its settings (#__config), search, drawer and toggles (#__*), and its
# layout classes (md-*). Content that used them could replace Material's settings or its widgets.
# Two of Material's classes are meant for content: its button styles.
_RESERVED_ID = re.compile(r"__|md-", re.I)
CONTENT_CLASSES = {"md-button", "md-button--primary"}
# SVG paint: a colour, "none", or a gradient in the same SVG (url(#id)); never an address.
_PAINT = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30}|url\(#[\w-]{1,100}\)")
_DATA_IMAGE = re.compile(r"data:image/(?:png|svg\+xml|jpeg|gif|webp)[;,]", re.I)
_URL_SPACE = re.compile(r"[\t\n\r]")  # a browser drops these anywhere in an address
_C0_SPACE = "".join(map(chr, range(0x21)))  # stripped from both ends, as a browser does
LOADS = {("img", "src")}  # attributes whose address the browser fetches by itself


def url_allowed(value: str, load: bool) -> bool:
    """One rule for every address in content (entities already decoded by the parser).

    A backslash is refused outright: browsers read it as "/" ("/\\host", "\\\\host" go to
    another host). What the browser fetches by itself (``load``: an image) must stay inside the
    site: a relative address without scheme, host or leading "/" (the site may live under a
    sub-path, or on disk), or a ``data:`` image. A link may also go to http(s), mailto and tel."""
    url = _URL_SPACE.sub("", value).strip(_C0_SPACE)
    if "\\" in url or url.startswith("//"):
        return False
    try:
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    except ValueError:  # e.g. a broken IPv6 host
        return False
    if load:
        if scheme:
            return bool(_DATA_IMAGE.match(url))
        return not url.startswith("/")
    return scheme in ("", "http", "https", "mailto", "tel")


def _filter(tag: str, attr: str, value: str):
    if attr in ("href", "src", "cite"):
        if not url_allowed(value, (tag, attr) in LOADS):
            return None
    if attr == "title" and "<" in value:  # Material's tooltips put a title in the page as HTML
        return None
    if attr in ("id", "for") and _RESERVED_ID.match(value.strip()):
        return None
    if attr == "class" and any(c.lower().startswith("md-") and c not in CONTENT_CLASSES for c in value.split()):
        return None
    if attr in ("fill", "stroke") and not _PAINT.fullmatch(value.strip()):
        return None
    if attr == "target" and value != "_self":  # _self keeps Material's language switcher off our links
        return None
    if tag == "input" and attr == "type" and value not in _INPUT_TYPES:
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=_filter)


def relink(html: str, rewrite) -> str:
    """``clean``, with every address that passes the allowlist (href, src) passed through
    ``rewrite``: the Dutch text of a page, moved to another folder (partial.notice_href)."""
    def keep(tag: str, attr: str, value: str):
        value = _filter(tag, attr, value)
        return rewrite(value) if value is not None and attr in ("href", "src") else value
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=keep)


def _events(html: str) -> list[tuple[str, tuple]]:
    """Every start tag with its attributes (names and decoded values), in order. Read with the
    linear patterns below: Python's HTMLParser takes quadratic time on some broken input."""
    return [(m.group(1).lower(), _pairs(m.group(2))) for m in _TAG.finditer(_COMMENT.sub("", html))]


def _pairs(attrs: str) -> tuple:
    out = {}
    for m in _ATTR_VALUE.finditer(attrs):
        name = m.group(1).lower()
        if name != "markdown" and name not in out:
            value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4) or ""
            out[name] = unescape(value).strip()
    return tuple(sorted(out.items()))


def _describe(tag: str, attrs: tuple, kept: tuple | None) -> str:
    if kept is None:
        return f"<{tag}>"
    lost = [k for k, v in attrs if (k, v) not in kept]
    return f"<{tag} {' '.join(lost)}>" if lost else f"<{tag}>"


# Linear time on any input (the sanitiser sees untrusted text): no quantifier nested in another
# that could match the same text two ways (possessive ones never give back), and a tag or comment
# that is not closed runs to the end of the text instead of failing, so no start is scanned twice.
_COMMENT = re.compile(r"<!--(?s:.*?)(?:-->|\Z)")
_TAG = re.compile(r"""<([a-zA-Z][\w:-]*+)((?:[^>"']++|"[^"]*+"|'[^']*+'|["'])*+)(?:>|\Z)""")
_ATTR_VALUE = re.compile(r"""(?:^|[\s/])([^\s/>="']++)(?:\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s>]*+)))?""")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_ATTR = re.compile(r"(?:^|[\s/])([a-zA-Z_:][-\w:.]*)(?:\s*=\s*[^\s>]*)?")


_NAMES: dict[str, tuple] = {}  # a tag's attribute text -> its attribute names: most tags repeat


def _names(attrs: str) -> tuple:
    names = _NAMES.get(attrs)  # pragma: no mutate (a cache: a miss only costs time)
    if names is None:
        names = tuple(sorted(n.lower() for n in _ATTR.findall(_QUOTED.sub("\"\"", attrs)) if n.lower() != "markdown"))
        if len(_NAMES) > 100_000:  # pragma: no mutate (the cache's bound: memory, not behaviour)
            _NAMES.clear()
        _NAMES[attrs] = names  # pragma: no mutate (a cache)
    return names


def _shape(html: str) -> list:
    """Every start tag with the names of its attributes: what cleaning may drop. A regular
    expression, not a parser: fast enough for every page of every build."""
    return [(m.group(1).lower(), _names(m.group(2))) for m in _TAG.finditer(_COMMENT.sub("", html))]


def check(html: str, path: str, field: str) -> str:
    """The cleaned fragment, or ContentError if cleaning would change what the author wrote."""
    out = clean(html)
    if _shape(out) == _shape(html):  # the common case: nothing dropped
        return out
    before, after = _events(html), _events(out)
    if before != after:
        for i, (tag, attrs) in enumerate(before):
            kept = after[i] if i < len(after) else None
            if kept != (tag, attrs):
                same_tag = kept is not None and kept[0] == tag
                lost = {k for k, v in attrs if not same_tag or (k, v) not in kept[1]}
                why = "".join(f" ({_WHY[k]})" for k in sorted(lost & set(_WHY)))
                raise ContentError(path, field, "HTML that is not allowed: {html}{why}",
                                   html=_describe(tag, attrs, kept[1] if same_tag else None), why=why)
    raise ContentError(path, field, "HTML that is not allowed (the sanitiser would change it)")


# Why an attribute an editor may write was refused: Dutch first, for the editor.
_WHY = {
    "title": "een title wordt een tooltip die Material als HTML toont: alleen platte tekst, zonder < "
             "/ a title becomes a tooltip Material shows as HTML: plain text only",
    "id": "namen die met __ of md- beginnen zijn van Material / ids starting with __ or md- are Material's",
    "for": "namen die met __ of md- beginnen zijn van Material / ids starting with __ or md- are Material's",
    "class": "klassen md-* zijn van Material, behalve md-button / md-* classes are Material's",
    "src": "een afbeelding alleen uit de site zelf (relatief adres) of als data:image / images only from the site itself",
    "href": "geen adres met \\ of // vooraan, geen data: of javascript: / no backslash, protocol-relative, data: or javascript: address",
    "fill": "alleen een kleur of url(#id) / only a colour or url(#id)",
    "stroke": "alleen een kleur of url(#id) / only a colour or url(#id)",
}


def markup_in_titles(page_html: str) -> list[str]:
    """Every title attribute in a whole page (templates and catalogs included) whose text holds
    a "<": Material's tooltip would make it markup. Linear: a quoted value has no nested quantifier."""
    return [v[:60] for v in _TITLE.findall(page_html) if "<" in unescape(v)]


_TITLE = re.compile(r"[\s\"']title\s*+=\s*+\"([^\"]*+)\"", re.I)


def check_text(value: str, path: str, field: str) -> None:
    """A text value that is shown as plain text: no markup, no bidi controls."""
    if re.search(r"[<>]", value):
        raise ContentError(path, field, "must be plain text, without HTML")
    check_bidi(value, path, field)


BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def check_bidi(value: str, path: str, field: str) -> None:
    m = BIDI_RE.search(value)
    if m:
        raise ContentError(path, field, "contains a bidi control character (U+{code:04X})", code=ord(m.group(0)))
