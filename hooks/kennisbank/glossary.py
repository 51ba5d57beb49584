"""Glossary terms as tooltips: every Dutch school word explained in the reader's language.

One compiled pattern per language, applied once to the text between the tags of a page, so the
cost grows linearly with the page. A term is found as a whole word, also where Arabic glues a
proclitic to it (وjeugdzorg, للOR) and where Turkish adds a suffix after an apostrophe
(OR'a, pabo'da). Terms inside links, headings, code and existing tooltips are left alone.
"""
from __future__ import annotations

import html
import re

from .model import ContentError
from .normalise import ARABIC_PROCLITICS
from .sanitise import check_text

# Limits: the glossary becomes one pattern applied to every page, and each term a tooltip.
MAX_TERMS = 500
MAX_TERM = 60
MAX_EXPLANATION = 400

# What may be glued to the front of a term: Arabic proclitics (normalise.py).
PROCLITICS = {"ar": ARABIC_PROCLITICS}
SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "title", "svg", "button"}
# Linear on any page: a comment or tag that is not closed runs to the end instead of failing.
_TOKEN = re.compile(r"(<!--(?s:.*?)(?:-->|\Z)|<[^>]*+(?:>|\Z))")
_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)")


class Glossary:
    def __init__(self, terms: dict[str, str], lang: str, default: str):
        """``default``: the site's first language, the language of the terms."""
        check_terms(terms, f"hooks/glossary/{lang}.yml")
        self.terms, self.lang, self.default = terms, lang, default
        words = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        pre = "|".join(PROCLITICS.get(lang, []))
        prefix = f"(?:{pre})?" if pre else ""
        # left: start of a word, or right after a proclitic at the start of a word; right: no letter
        # or digit follows (an apostrophe and a Turkish suffix may)
        # (not inside an address: no "/", "@", "-" or "." glued to the term)
        self.pattern = re.compile(rf"(?<![^\W_]|[/@.-])({prefix})({words})(?![^\W_]|[/@-]|\.\w)")

    def _wrap(self, m: re.Match) -> str:
        term = m.group(2)
        inner = term if self.lang == self.default else f'<span lang="{self.default}" dir="ltr">{term}</span>'
        return f'{m.group(1)}<abbr title="{html.escape(self.terms[term])}">{inner}</abbr>'

    def annotate(self, page_html: str) -> str:
        """Wrap every glossary term in the page's text (not in its tags) in a tooltip."""
        out, skip = [], []
        for i, part in enumerate(_TOKEN.split(page_html)):
            if i % 2:  # a tag or comment
                m = _TAG.match(part)
                if m and m.group(2).lower() in SKIP and not part.endswith("/>"):
                    name = m.group(2).lower()
                    if m.group(1):
                        if skip and skip[-1] == name:
                            skip.pop()
                    else:
                        skip.append(name)
                out.append(part)
            elif part and not skip:
                out.append(self.pattern.sub(self._wrap, part))
            else:
                out.append(part)
        return "".join(out)


def check_terms(terms: dict[str, str], path: str) -> None:
    """A glossary's size, and each term and explanation as plain text: the explanation becomes an
    <abbr title>, which Material's tooltip puts in the page as HTML."""
    if len(terms) > MAX_TERMS:
        raise ContentError(path, "file", f"te veel termen: {len(terms)}, ten hoogste {MAX_TERMS} "
                                         f"(too many terms, at most {MAX_TERMS})")
    for term, text in terms.items():
        if len(term) > MAX_TERM or len(text) > MAX_EXPLANATION:
            raise ContentError(path, term, f"te lang: een term ten hoogste {MAX_TERM} tekens, een uitleg ten hoogste "
                                           f"{MAX_EXPLANATION} (too long: term at most {MAX_TERM}, explanation {MAX_EXPLANATION})")
        check_text(term, path, term)
        check_text(text, path, term)
