"""Content-Security-Policy for the built site.

The site runs no inline script: Material's two small start-up scripts are moved to files
(overrides/partials/javascripts/), so the policy allows scripts from the site itself only.
It holds no hash at all, hence it is the same for every build and survives a publish that
adds pages or depths. ``inline_scripts`` finds any inline script that would still reach the
output (from content, strings or a template change); the build refuses it, never hashes it.
JSON blocks (<script type="application/json">) do not run and are allowed.
"""
from __future__ import annotations

import json
import re

# Linear on any page: nothing nested, and what is not closed runs to the end instead of failing.
_SCRIPT_RE = re.compile(r"<script\b([^>]*+)(?:>|\Z)((?s:.*?))(?:</script\s*+>|\Z)", re.I)
_SRC_RE = re.compile(r"\bsrc\s*=", re.I)
_JSON_RE = re.compile(r"""\btype\s*=\s*["']?application/json""", re.I)
_START_TAG_RE = re.compile(r"<[a-z][^>]*+", re.I)
_HANDLER_RE = re.compile(r"[\s/\"']on[a-z]++\s*+=", re.I)

_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}


def inline_scripts(html: str) -> list[str]:
    """The start of every inline script or event handler in ``html`` that would run."""
    out = [m.group(0)[:60] for m in _SCRIPT_RE.finditer(html)
           if not _SRC_RE.search(m.group(1)) and not _JSON_RE.search(m.group(1))]
    out += [m.group(0)[:60] for m in _START_TAG_RE.finditer(_SCRIPT_RE.sub("", html)) if _HANDLER_RE.search(m.group(0))]
    return out


def policy(meta: bool = False) -> str:
    """The policy. As a <meta> tag, frame-ancestors is not allowed (browsers ignore it, loudly)."""
    items = dict(_POLICY) if meta else {**_POLICY, "frame-ancestors": "'self'"}
    return "; ".join(f"{k} {v}" for k, v in items.items())


def nginx_snippet() -> str:
    return ("# Made by the build: the Content-Security-Policy this site satisfies. It holds no hash\n"
            "# and is the same for every build. Include it in the server block (deploy/nginx.conf.example).\n"
            f'add_header Content-Security-Policy "{policy()}" always;\n')


# Python-Markdown writes a table column's alignment (|---:|) as an inline style, which this policy
# blocks (style-src 'self'): the build writes a class instead (docs/assets/kennisbank.css).
_ALIGN_RE = re.compile(r'<(t[dh]) style="text-align: (left|right|center);">')


def alignment_classes(html: str) -> str:
    """Table cells aligned by a class, not by an inline style the policy would block."""
    return _ALIGN_RE.sub(r'<\1 class="kb-align-\2">', html)


def script_json(value) -> str:
    """JSON to write inside a <script> element (Material's #__config), escaped as Jinja's tojson
    escapes it: no "<", ">" or "&" that could end the element ("</script>") or open a comment."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# The site from disk (mkdocs.offline.yml) runs Material's search worker in a frame, since browsers
# refuse workers from file:// (docs/assets/vendor/file-worker.js). The frame is a file the build
# writes next to the worker, with both script addresses fixed: no inline script, no address made
# at run time, and the same policy as every page.
FILE_WORKER = "assets/vendor/file-worker.js"
WORKER_FRAME = "search-frame.html"


def worker_frame(worker_file: str) -> str:
    """The frame page for Material's search worker ``worker_file`` (a name in the same folder)."""
    if not re.fullmatch(r"search\.[0-9a-f]{8}\.min\.js", worker_file):
        raise ValueError(f"unexpected name of Material's search worker: {worker_file!r}")
    return ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{policy(meta=True)}">'
            '<title>Search</title></head><body>'
            '<script src="../../vendor/file-worker-frame.js"></script>'
            f'<script src="{worker_file}"></script></body></html>\n')
