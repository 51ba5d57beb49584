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


# Material's bundle is also changed to skip its language selector's sitemap fetch: that change
# reaches into Material's code, so it lives in hooks/engine/material.py.


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
