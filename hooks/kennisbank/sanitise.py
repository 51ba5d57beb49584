"""One allowlist sanitiser (nh3, the Ammonia binding) for every HTML fragment the build renders.

``clean`` is what the build writes. ``check`` compares it with the fragment as written: where
the sanitiser would drop or change anything an author wrote (a tag, an attribute, a link), the
build refuses the fragment instead, naming the file and the field, so nothing is silently lost.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from .model import ContentError

_COMMON = {"class", "id", "lang", "dir", "title", "hidden", "role", "aria-hidden", "aria-label",
           "aria-labelledby", "aria-describedby", "aria-pressed", "markdown"}
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
    "td": {"colspan", "rowspan", "align", "style"},  # style: only a Markdown table's alignment
    "th": {"colspan", "rowspan", "scope", "align", "style"},
    "blockquote": {"cite"},
    **{t: _SVG_ATTRS for t in _SVG},
}
SCHEMES = {"http", "https", "mailto", "tel", "data"}
_INPUT_TYPES = {"checkbox"}


def _filter(tag: str, attr: str, value: str):
    if attr in ("href", "src", "cite"):
        scheme = urlsplit(value.strip()).scheme.lower()
        if value.strip().startswith("//"):
            return None  # protocol-relative: another host
        if tag == "img" and attr == "src":
            # an image is a request: only our own files, or inline raster/svg data
            if scheme and not (scheme == "data" and re.match(r"data:image/(png|svg\+xml|jpeg|gif|webp)[;,]", value)):
                return None
        elif scheme == "data":
            return None
    if attr == "target" and value != "_self":  # _self keeps Material's language switcher off our links
        return None
    if tag == "input" and attr == "type" and value not in _INPUT_TYPES:
        return None
    if attr == "style" and not re.fullmatch(r"text-align: (left|right|center);", value.strip()):
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=_filter)


class _Events(HTMLParser):
    """Start tags with their attributes, and the text between them, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted((k, (v or "").strip()) for k, v in attrs
                                            if k not in ("markdown",)))))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def _events(html: str) -> _Events:
    p = _Events()
    p.feed(html)
    p.close()
    return p


def _describe(tag: str, attrs: tuple, kept: tuple | None) -> str:
    if kept is None:
        return f"<{tag}>"
    lost = [k for k, v in attrs if (k, v) not in kept]
    return f"<{tag} {' '.join(lost)}>" if lost else f"<{tag}>"


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"""<([a-zA-Z][\w:-]*)((?:[^>"']+|"[^"]*"|'[^']*')*)>""")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_ATTR = re.compile(r"(?:^|[\s/])([a-zA-Z_:][-\w:.]*)(?:\s*=\s*[^\s>]*)?")


_NAMES: dict[str, tuple] = {}  # a tag's attribute text -> its attribute names: most tags repeat


def _names(attrs: str) -> tuple:
    names = _NAMES.get(attrs)
    if names is None:
        names = tuple(sorted(n.lower() for n in _ATTR.findall(_QUOTED.sub("\"\"", attrs)) if n.lower() != "markdown"))
        if len(_NAMES) > 100_000:
            _NAMES.clear()
        _NAMES[attrs] = names
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
    if before.tags != after.tags:
        for i, (tag, attrs) in enumerate(before.tags):
            kept = after.tags[i] if i < len(after.tags) else None
            if kept != (tag, attrs):
                same_tag = kept is not None and kept[0] == tag
                raise ContentError(path, field, "HTML that is not allowed: "
                                   + _describe(tag, attrs, kept[1] if same_tag else None))
    raise ContentError(path, field, "HTML that is not allowed (the sanitiser would change it)")


def check_text(value: str, path: str, field: str) -> None:
    """A text value that is shown as plain text: no markup, no bidi controls."""
    if re.search(r"[<>]", value):
        raise ContentError(path, field, "must be plain text, without HTML")
    check_bidi(value, path, field)


BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def check_bidi(value: str, path: str, field: str) -> None:
    m = BIDI_RE.search(value)
    if m:
        raise ContentError(path, field, f"contains a bidi control character (U+{ord(m.group(0)):04X})")
