"""No third-party URL in anything the browser may load or run.

Material's bundle holds two on-demand loaders that would fetch a script from unpkg.com: a
ResizeObserver polyfill (every supported browser has ResizeObserver) and mermaid (this site
has no diagrams), and calls to the GitHub/GitLab APIs. ``neutralise`` swaps their addresses
for an empty one, which a browser refuses at once without a request to another host; the
source map, which repeats them, is not shipped.
"""
from __future__ import annotations

import re

# Every address literal in the bundle: the unpkg loaders, and the GitHub/GitLab API calls for a
# repository's facts (only made when repo_url is set, which this site never sets).
LOADERS = re.compile(r"""(["'`])https?://(?!www\.w3\.org/)[^"'`]*\1""")
SOURCE_MAP = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")
# Addresses that are names, not requests: XML namespaces.
INERT = ("http://www.w3.org/",)
URL = re.compile(r"""(?:https?:)?//([a-z0-9.-]+\.[a-z]{2,})[^\s"'()<>\\]*""", re.I)


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


def neutralise(js: str) -> str:
    return SOURCE_MAP.sub("", LOADERS.sub(lambda m: m.group(1) * 2, js))


def loadable_urls(text: str, kind: str, own_host: str = "") -> list[str]:
    """Addresses on other hosts that a browser could load from this HTML, CSS or JS text:
    in HTML the src/srcset/poster/data attributes, link hrefs and inline styles; in CSS url()
    and @import; in JS every string literal (comments aside). Plain links (<a href>) are not loads."""
    found = []
    if kind == "html":
        for m in re.finditer(r"""<(?!a\b)[a-z][^>]*?\b(?:src|srcset|poster|data|href|action|formaction|content)\s*=\s*["']?([^"'\s>]+)""", text, re.I):
            found.append(m.group(1))
        found += re.findall(r"""url\(\s*["']?([^"')]+)""", text)
    elif kind == "css":
        found += re.findall(r"""url\(\s*["']?([^"')]+)""", text)
        found += re.findall(r"""@import\s+["']([^"']+)""", text)
    else:
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        found += re.findall(r"""["'`]((?:https?:)?//[^"'`\s]+)""", code)
    out = []
    for url in found:
        m = URL.match(url.strip())
        if m and not url.startswith(INERT) and m.group(1).lower() != own_host.lower():
            out.append(url)
    return out
