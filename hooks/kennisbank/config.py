"""The few settings the domain needs from mkdocs.yml, read without MkDocs."""
from __future__ import annotations

from pathlib import Path

import yaml


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
