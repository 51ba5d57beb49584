"""Language codes of three letters (ckb, Central Kurdish) for static-i18n.

static-i18n 1.3.1 accepts only two-letter language codes (``RE_LOCALE`` in its ``config``
module, copied into ``suffix`` and ``folder``); upstream pull request ultrabug/mkdocs-static-i18n#348
widens it. Until a release has it, this module widens the pattern to BCP 47's two or three letters
with an optional script (zh-Hans) and region.

It must run before MkDocs validates the plugins' settings. MkDocs loads Markdown extensions first
(``markdown_extensions`` comes before ``plugins`` in its schema), so mkdocs.yml lists this module as
an extension that adds nothing to Markdown; importing it is the point.
"""
from __future__ import annotations

import re

from markdown.extensions import Extension

LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")
MODULES = ("mkdocs_static_i18n.config", "mkdocs_static_i18n.suffix", "mkdocs_static_i18n.folder")


class StaticI18nChanged(ImportError):
    pass


def widen_static_i18n_locales() -> None:
    """Set static-i18n's locale pattern to ``LOCALE`` in each module that holds a copy of it."""
    import importlib
    for name in MODULES:
        module = importlib.import_module(name)
        if not isinstance(getattr(module, "RE_LOCALE", None), re.Pattern):
            raise StaticI18nChanged(f"static-i18n changed: {name}.RE_LOCALE is gone; see hooks/engine/locales.py "
                                    f"(three-letter language codes such as ckb)")
        module.RE_LOCALE = LOCALE


widen_static_i18n_locales()


class _Nothing(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        pass


def makeExtension(**kwargs):  # noqa: N802 (Markdown's name)
    return _Nothing(**kwargs)
