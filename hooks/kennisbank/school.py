"""A school's own details: a small data file (see school.example.yml), never an MkDocs config.

    make site SCHOOL=school.yml

    name: ...               the school's name
    logo: path/to/logo.svg  a regular file inside the project (svg or png, at most 512 kB)
    color: "#6a1b4d"        the main colour; must reach 4.5:1 against white (WCAG AA)
    site_url: https://...   where the site is published (optional)
    contact:                the person parents can turn to
      role: contactouder    contactouder | vertrouwenspersoon
      name: ...
      phone: ...            optional
      email: ...            optional
      when: {nl: ..., en: ...}  optional; per language, Dutch required
    interpreter: {nl: ..., en: ...}  how to get an interpreter; per language, Dutch required

The file is read as plain data (kennisbank.yamlsafe) and checked field by field; it cannot
change any other setting of the build.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import yamlsafe
from .model import ContentError
from .logo import check_svg
from .sanitise import check_text

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
    site_url: str | None = None

    def text(self, field: dict, lang: str) -> tuple[str, str]:
        """(text, its language): the reader's language, or Dutch."""
        return (field[lang], lang) if lang in field else (field["nl"], "nl")


def contrast_with_white(color: str) -> float:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return 1.05 / (lum + 0.05)


MAX_FILE = 64 * 1024
MAX_LOGO = 512 * 1024
LIMITS = {"name": 120, "contact.name": 120, "contact.phone": 40, "contact.email": 254, "site_url": 300,
          "per_language": 600}
TOP = ("name", "logo", "color", "site_url", "contact", "interpreter")
CONTACT = ("role", "name", "phone", "email", "when")


def read_school(file: str | Path, root: str | Path, languages: tuple) -> School:
    """Read and check a school file; the logo path comes back absolute, checked to be inside ``root``."""
    root = Path(root).resolve()
    file = Path(file)
    path = file.name
    full = file if file.is_absolute() else Path.cwd() / file
    if not full.is_file():
        raise ContentError(path, "file", "not found")
    if full.stat().st_size > MAX_FILE:
        raise ContentError(path, "file", f"is {full.stat().st_size:,} bytes; at most {MAX_FILE:,}")
    try:
        text = full.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "file", "not valid UTF-8") from None
    if text.startswith("\ufeff"):
        raise ContentError(path, "file", "starts with a byte order mark (BOM); save it as UTF-8 without BOM")
    school = load_school(yamlsafe.load(text, path), path, languages)
    if school.logo:
        school = dataclasses.replace(school, logo=str(_logo(school.logo, root, path)))
    return school


def _logo(logo: str, root: Path, path: str) -> Path:
    f = "logo"
    rel = Path(logo)
    if rel.is_absolute() or ".." in rel.parts:
        raise ContentError(path, f, "must be a path inside the project, like deploy/logo.svg")
    target = root / rel
    probe = root
    for part in rel.parts:  # no symbolic link anywhere on the way
        probe = probe / part
        if probe.is_symlink():
            raise ContentError(path, f, f"{logo} is a symbolic link; a regular file is needed")
    if not target.is_file():
        raise ContentError(path, f, f"file not found: {logo}")
    if target.resolve().parent != (root / rel.parent).resolve() or root not in target.resolve().parents:
        raise ContentError(path, f, "must be a file inside the project")
    size = target.stat().st_size
    if size > MAX_LOGO:
        raise ContentError(path, f, f"{logo} is {size:,} bytes; at most {MAX_LOGO:,}")
    data = target.read_bytes()
    if target.suffix.lower() == ".png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ContentError(path, f, f"{logo} is not a PNG image")
    if target.suffix.lower() == ".svg":
        check_svg(data, path, f, logo)  # logo.py: parsed as XML, an allowlist of SVG elements and attributes
    return target


def load_school(raw, path: str, languages: tuple) -> School:
    if not isinstance(raw, dict):
        raise ContentError(path, "file", "must be a mapping of the school's details")
    for key in raw:
        if key not in TOP:
            raise ContentError(path, str(key), f"unknown field; allowed: {', '.join(TOP)}")
    for key in ("name", "contact", "interpreter"):
        if key not in raw:
            raise ContentError(path, key, "missing required field")
    _text(raw["name"], path, "name")
    color = raw.get("color")
    if color is not None:
        if not isinstance(color, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
            raise ContentError(path, "color", "must be a colour like \"#6a1b4d\"")
        ratio = contrast_with_white(color)
        if ratio < MIN_CONTRAST:
            raise ContentError(path, "color",
                               f"{color} has contrast {ratio:.1f}:1 against white; at least {MIN_CONTRAST}:1 is needed")
    logo = raw.get("logo")
    if logo is not None and (not isinstance(logo, str) or not logo.lower().endswith((".svg", ".png"))):
        raise ContentError(path, "logo", "must be the path of an .svg or .png file")
    site_url = raw.get("site_url")
    if site_url is not None:
        site_url = check_site_url(site_url, path, "site_url")
    c = raw["contact"]
    if not isinstance(c, dict):
        raise ContentError(path, "contact", "must be a mapping")
    for key in c:
        if key not in CONTACT:
            raise ContentError(path, f"contact.{key}", f"unknown field; allowed: {', '.join(CONTACT)}")
    if c.get("role") not in ROLES:
        raise ContentError(path, "contact.role", f"must be one of: {', '.join(ROLES)}")
    _text(c.get("name"), path, "contact.name")
    phone = _phone(c["phone"], path) if "phone" in c else None
    email = c.get("email")
    if email is not None:
        _text(email, path, "contact.email")
        if not re.fullmatch(r"[^@\s\\\"'()<>]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", email):
            raise ContentError(path, "contact.email", "must be an e-mail address like naam@school.nl")
    return School(raw["name"], logo, color, c["role"], c["name"], phone, email,
                  _per_language(c.get("when", {"nl": ""}), path, "contact.when", languages),
                  _per_language(raw["interpreter"], path, "interpreter", languages), site_url)


def check_site_url(value, path: str, field: str) -> str:
    """An http(s) address of a folder, without user name, query or fragment."""
    if not isinstance(value, str) or len(value) > LIMITS["site_url"]:
        raise ContentError(path, field, f"must be a web address of at most {LIMITS['site_url']} characters")
    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc
            or parts.query or parts.fragment or re.search(r"[\s\"'<>\\`]", value)):
        raise ContentError(path, field, "must be a web address like https://intranet.school.nl/kennisbank/")
    return value if value.endswith("/") else value + "/"


def _phone(value, path: str) -> str:
    """A phone number as shown and as dialled: digits, spaces and one leading +, nothing else."""
    field = "contact.phone"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    _text(value, path, field)
    shown = " ".join(re.sub(r"[-.()/]", " ", value).split())
    if not re.fullmatch(r"\+?[0-9][0-9 ]{5,}", shown) or len(re.sub(r"\D", "", shown)) > 15:
        raise ContentError(path, field, "must be a phone number: digits and spaces, optionally starting with +")
    return shown


def _text(value, path, field, limit=None):
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, field, "must be text")
    limit = limit or LIMITS.get(field, LIMITS["per_language"])
    if len(value) > limit:
        raise ContentError(path, field, f"is {len(value):,} characters; at most {limit}")
    if re.search(r"javascript\s*:|[{}\[\]`*_\\]|\x00", value, re.I) and field != "contact.email":
        raise ContentError(path, field, "must be plain text, without HTML or Markdown")
    check_text(value, path, field)


def _per_language(value, path, field, languages) -> dict:
    if not isinstance(value, dict) or "nl" not in value:
        raise ContentError(path, field, "must be a mapping per language, with at least nl")
    for lang, text in value.items():
        if lang not in languages:
            raise ContentError(path, f"{field}.{lang}", f"unknown language; configured: {', '.join(languages)}")
        if text != "":
            _text(text, path, f"{field}.{lang}", LIMITS["per_language"])
    return dict(value)
