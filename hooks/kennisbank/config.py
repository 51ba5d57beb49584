"""The few settings the domain needs from mkdocs.yml, read without MkDocs."""
from __future__ import annotations

from pathlib import Path

import yaml

from .model import ContentError


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml may carry !ENV or !!python tags; the domain only needs plain values.
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_languages(mkdocs_yml: str | Path) -> tuple:
    """Configured languages, the default (Dutch) first."""
    langs = read_i18n_languages(mkdocs_yml)
    if not langs:
        raise ValueError("mkdocs.yml has no i18n plugin with languages")
    default = [x["locale"] for x in langs if x.get("default")]
    return tuple(default + [x["locale"] for x in langs if not x.get("default")])


def read_i18n_languages(mkdocs_yml: str | Path) -> list[dict]:
    """The i18n plugin's language entries as written (locale, name, site_name, ...)."""
    cfg = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_Loader)
    for plugin in cfg.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list(plugin["i18n"]["languages"])
    return []


PARTIAL_FIELD = "extra.partial_languages"


def read_partial_languages(mkdocs_yml: str | Path, languages: tuple) -> tuple:
    """The languages declared partial (only the parents' layer translated): ``extra.partial_languages``
    in mkdocs.yml, a list of configured language codes other than the default. static-i18n refuses
    keys of its own in a language entry, so the list lives under ``extra``."""
    cfg = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_Loader) or {}
    return check_partial_languages((cfg.get("extra") or {}).get("partial_languages"), languages,
                                   Path(mkdocs_yml).name)


def check_partial_languages(value, languages: tuple, file: str = "mkdocs.yml") -> tuple:
    """Validate the ``extra.partial_languages`` value; one ContentError naming the file and field."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ContentError(file, PARTIAL_FIELD, "must be a list of language codes, e.g. [ti, so]")
    for x in value:
        if x == languages[0]:
            raise ContentError(file, PARTIAL_FIELD, "'{x}' is the default language; it cannot be partial", x=x)
        if x not in languages:
            raise ContentError(file, PARTIAL_FIELD, "'{x}' is not a language in plugins.i18n.languages", x=x)
    if len(set(value)) != len(value):
        raise ContentError(file, PARTIAL_FIELD, "a language is named twice")
    return tuple(value)


LANGUAGES_VARIABLE = "KB_LANGUAGES"  # `make site LANGUAGES=nl,ar,ti` exports it


def chosen_languages(value: str | None, languages: tuple, source: str = LANGUAGES_VARIABLE,
                     field: str = "LANGUAGES") -> tuple:
    """The languages to build: ``value`` ("nl,ar,ti") checked against the configured ``languages``
    (the default first), in the configured order; all of them when ``value`` is empty.

    Dutch, the source and the fallback of every other language, must be in the list. One
    ContentError naming ``source`` and ``field`` for a list without it or with an unknown code."""
    codes = [x.strip() for x in (value or "").replace(" ", ",").split(",") if x.strip()]
    if not codes:
        return tuple(languages)
    for code in codes:
        if code not in languages:
            raise ContentError(source, field, "'{code}' is not a language of this site; the known ones are: {known}",
                               code=code, known=", ".join(languages))
    if len(set(codes)) != len(codes):
        raise ContentError(source, field, "a language is named twice")
    if languages[0] not in codes:
        raise ContentError(source, field, "the list has no '{default}': it is the source and the fallback of every "
                                          "other language; start the list with it, e.g. {example}",
                           default=languages[0], example=",".join([languages[0]] + codes))
    return tuple(x for x in languages if x in codes)


def built_languages(mkdocs_yml: str | Path, environ=None) -> tuple:
    """The languages a build makes (KB_LANGUAGES, else every configured one), the default first:
    what the reader PDFs, the learning-platform packages and the release follow."""
    import os
    environ = os.environ if environ is None else environ
    return chosen_languages(environ.get(LANGUAGES_VARIABLE), read_languages(mkdocs_yml))


def full_languages(mkdocs_yml: str | Path, environ=None) -> tuple:
    """The built languages that have every page: the reader PDFs, the handouts and the learning-platform
    packages are made in these. A partial language has only the parents' pages (no reader, no lessons)."""
    partial = read_partial_languages(mkdocs_yml, read_languages(mkdocs_yml))
    return tuple(x for x in built_languages(mkdocs_yml, environ) if x not in partial)
