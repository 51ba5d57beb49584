"""A school's own details, set in a small override file (see school.example.yml).

    extra:
      school:
        name: ...               the school's name
        logo: path/to/logo.svg  relative to the override file (svg or png)
        color: "#6a1b4d"        the main colour; must reach 4.5:1 against white (WCAG AA)
        contact:                the person parents can turn to
          role: contactouder    contactouder | vertrouwenspersoon
          name: ...
          phone: ...            optional
          email: ...            optional
          when: {nl: ..., en: ...}  optional; per language, Dutch required
        interpreter: {nl: ..., en: ...}  how to get an interpreter; per language, Dutch required
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ContentError

ROLES = ("contactouder", "vertrouwenspersoon")
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class School:
    name: str
    logo: str | None
    color: str | None
    role: str
    contact: str
    phone: str | None
    email: str | None
    when: dict
    interpreter: dict

    def text(self, field: dict, lang: str) -> tuple[str, str]:
        """(text, its language): the reader's language, or Dutch."""
        return (field[lang], lang) if lang in field else (field["nl"], "nl")


def contrast_with_white(color: str) -> float:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return 1.05 / (lum + 0.05)


def load_school(raw, path: str, languages: tuple) -> School | None:
    if raw is None:
        return None
    f = "extra.school"
    if not isinstance(raw, dict):
        raise ContentError(path, f, "must be a mapping")
    allowed = {"name", "logo", "color", "contact", "interpreter"}
    for key in raw:
        if key not in allowed:
            raise ContentError(path, f"{f}.{key}", f"unknown field; allowed: {', '.join(sorted(allowed))}")
    for key in ("name", "contact", "interpreter"):
        if key not in raw:
            raise ContentError(path, f"{f}.{key}", "missing required field")
    _text(raw["name"], path, f"{f}.name")
    color = raw.get("color")
    if color is not None:
        if not isinstance(color, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
            raise ContentError(path, f"{f}.color", "must be a colour like \"#6a1b4d\"")
        ratio = contrast_with_white(color)
        if ratio < MIN_CONTRAST:
            raise ContentError(path, f"{f}.color",
                               f"{color} has contrast {ratio:.1f}:1 against white; at least {MIN_CONTRAST}:1 is needed")
    logo = raw.get("logo")
    if logo is not None and (not isinstance(logo, str) or not logo.lower().endswith((".svg", ".png"))):
        raise ContentError(path, f"{f}.logo", "must be the path of an .svg or .png file")
    c = raw["contact"]
    if not isinstance(c, dict):
        raise ContentError(path, f"{f}.contact", "must be a mapping")
    for key in c:
        if key not in ("role", "name", "phone", "email", "when"):
            raise ContentError(path, f"{f}.contact.{key}", "unknown field; allowed: role, name, phone, email, when")
    if c.get("role") not in ROLES:
        raise ContentError(path, f"{f}.contact.role", f"must be one of: {', '.join(ROLES)}")
    _text(c.get("name"), path, f"{f}.contact.name")
    for key in ("phone", "email"):
        if key in c:
            _text(c[key], path, f"{f}.contact.{key}")
    return School(raw["name"], logo, color, c["role"], c["name"], c.get("phone"), c.get("email"),
                  _per_language(c.get("when", {"nl": ""}), path, f"{f}.contact.when", languages),
                  _per_language(raw["interpreter"], path, f"{f}.interpreter", languages))


def _text(value, path, field):
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, field, "must be text")
    if re.search(r"<|javascript\s*:", value, re.I):
        raise ContentError(path, field, "must be plain text, without HTML")


def _per_language(value, path, field, languages) -> dict:
    if not isinstance(value, dict) or "nl" not in value:
        raise ContentError(path, field, "must be a mapping per language, with at least nl")
    for lang, text in value.items():
        if lang not in languages:
            raise ContentError(path, f"{field}.{lang}", f"unknown language; configured: {', '.join(languages)}")
        if text != "":
            _text(text, path, f"{field}.{lang}")
    return dict(value)
