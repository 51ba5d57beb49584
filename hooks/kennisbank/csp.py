"""Content-Security-Policy for the built site.

Material puts a few small inline scripts in every page (they differ by page depth).
The build hashes each distinct one, so the policy can allow exactly those and no
other inline script. JSON blocks (<script type="application/json">) do not run and
need no hash.
"""
from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)


def inline_script_hashes(html: str) -> set[str]:
    out = set()
    for m in _SCRIPT_RE.finditer(html):
        if "application/json" in m.group(1):
            continue
        digest = hashlib.sha256(m.group(2).encode("utf-8")).digest()
        out.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return out


def policy(hashes: set[str]) -> str:
    scripts = " ".join(f"'{h}'" for h in sorted(hashes))
    return ("default-src 'self'; "
            f"script-src 'self' {scripts}; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "worker-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'none'; frame-ancestors 'self'")


def nginx_snippet(hashes: set[str]) -> str:
    return ("# Made by the build: the Content-Security-Policy this site satisfies.\n"
            "# Include it in the server block (see deploy/nginx.conf.example).\n"
            f'add_header Content-Security-Policy "{policy(hashes)}" always;\n')
