"""Interface strings: one YAML file per language in hooks/strings/."""
from __future__ import annotations

from pathlib import Path

from . import sanitise, yamlsafe
from .model import ContentError


def _keys(d: dict, prefix: str = "") -> set:
    out = set()
    for k, v in d.items():
        out.add(prefix + str(k))
        if isinstance(v, dict) and not prefix.startswith("glossary.terms"):
            out |= _keys(v, f"{prefix}{k}.")
    return out


def _check_values(value, path: str, field: str) -> None:
    """Strings are content too: what the sanitiser would change is refused here, by key."""
    if isinstance(value, str):
        sanitise.check(value, path, field)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_values(v, path, f"{field}.{k}" if field else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_values(v, path, f"{field}[{i}]")


def load_strings(folder: str | Path, languages: tuple) -> dict:
    """{lang: strings}. Every language must have exactly the keys of the default language."""
    folder = Path(folder)
    out = {}
    for lang in languages:
        path = folder / f"{lang}.yml"
        rel = f"hooks/strings/{lang}.yml"
        if not path.exists():
            raise ContentError(rel, "file", f"missing strings file for language '{lang}'")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise ContentError(rel, "file", f"cannot be read: {str(e).splitlines()[0]}") from None
        data = yamlsafe.load(text, rel)
        if not isinstance(data, dict):
            raise ContentError(rel, "file", "must be a mapping")
        _check_values(data, rel, "")
        out[lang] = data
    base = _keys(out[languages[0]])
    for lang in languages[1:]:
        keys = _keys(out[lang])
        missing = sorted(k for k in base - keys if not k.startswith("glossary.terms."))
        extra = sorted(k for k in keys - base if not k.startswith("glossary.terms."))
        if missing:
            raise ContentError(f"hooks/strings/{lang}.yml", missing[0], "missing string")
        if extra:
            raise ContentError(f"hooks/strings/{lang}.yml", extra[0], "unknown string (not in nl.yml)")
    return out
