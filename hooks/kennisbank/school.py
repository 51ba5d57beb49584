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
      hours:                optional; weekdays and times, shown in each language by CLDR rules
        - days: [maandag, donderdag]
          from: "8:15"
          to: "9:00"
      when: {nl: ..., en: ...}  optional free text per language (never shown in another language)
    vertrouwenspersoon:     optional: {name, phone, email}
    interpreter_languages: [ar, tr]  optional: languages an interpreter can be arranged in (ISO 639)
    interpreter: {nl: ..., en: ...}  optional free text per language (never shown in another language)

Structured details (phone, e-mail, hours, languages) reach every language; a free-text field
shows only on the pages of the languages it is written in. ``missing_text`` names the others.

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
    hours: tuple = ()                 # ((days 1-7, ISO: 1 is Monday), "HH:MM", "HH:MM"), ...
    interpreter_languages: tuple = ()  # ISO 639 codes
    confidant: dict | None = None     # the vertrouwenspersoon: {name, phone?, email?}

    def text(self, field: dict, lang: str) -> str | None:
        """The free text in the reader's language, or None: never another language's text."""
        return field.get(lang) or None

    def missing_text(self, languages) -> dict:
        """{field: [languages without its free text]} for the free-text fields that are given."""
        out = {}
        for name, field in (("contact.when", self.when), ("interpreter", self.interpreter)):
            if any(field.values()):
                lack = [x for x in languages if not field.get(x)]
                if lack:
                    out[name] = lack
        return out

    def data(self, logo_url: str | None = None) -> dict:
        """The details as the pages carry them (the kb-school JSON block, read by kb-school.js).
        brand.html writes the same shape into a released site."""
        contact = {"role": self.role, "name": self.contact, "phone": self.phone, "email": self.email,
                   "hours": [{"days": list(d), "from": f, "to": t} for d, f, t in self.hours],
                   "when": {k: v for k, v in self.when.items() if v}}
        out = {"name": self.name, "logo": logo_url, "color": self.color, "site_url": self.site_url,
               "contact": contact, "vertrouwenspersoon": self.confidant,
               "interpreter_languages": list(self.interpreter_languages),
               "interpreter": {k: v for k, v in self.interpreter.items() if v}}
        return _without_empty(out)


def _without_empty(value):
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in (None, "", [], {})}
    return value


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
TOP = ("name", "logo", "color", "site_url", "contact", "vertrouwenspersoon", "interpreter_languages", "interpreter")
CONTACT = ("role", "name", "phone", "email", "hours", "when")
PERSON = ("name", "phone", "email")
# Weekdays as a Dutch coordinator writes them; shown in each language by the browser (Intl, CLDR).
DAYS = {"maandag": 1, "dinsdag": 2, "woensdag": 3, "donderdag": 4, "vrijdag": 5, "zaterdag": 6, "zondag": 7}


def read_school(file: str | Path, root: str | Path, languages: tuple) -> School:
    """Read and check a school file; the logo path comes back absolute, checked to be inside ``root``."""
    root = Path(root).resolve()
    file = Path(file)
    path = file.name
    full = file if file.is_absolute() else Path.cwd() / file  # pragma: no mutate (the same file either way)
    if not full.is_file():
        raise ContentError(path, "file", "not found")
    if full.stat().st_size > MAX_FILE:
        raise ContentError(path, "file", "is {size:,} bytes; at most {most:,}", size=full.stat().st_size, most=MAX_FILE)
    try:
        text = full.read_text(encoding="utf-8")  # pragma: no mutate ("UTF-8", or the locale's, which is UTF-8 here)
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
            raise ContentError(path, f, "{logo} is a symbolic link; a regular file is needed", logo=logo)
    if not target.is_file():
        raise ContentError(path, f, "file not found: {logo}", logo=logo)
    # Unreachable after the checks above (no absolute path, no "..", no link): kept as a second
    # guard, so no test can reach it and mutation testing leaves it out.
    if target.resolve().parent != (root / rel.parent).resolve() or root not in target.resolve().parents:  # pragma: no mutate block
        raise ContentError(path, f, "must be a file inside the project")
    size = target.stat().st_size
    if size > MAX_LOGO:
        raise ContentError(path, f, "{logo} is {size:,} bytes; at most {max_logo:,}", logo=logo, size=size, max_logo=MAX_LOGO)
    data = target.read_bytes()
    if target.suffix.lower() == ".png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ContentError(path, f, "{logo} is not a PNG image", logo=logo)
    if target.suffix.lower() == ".svg":
        check_svg(data, path, f, logo)  # logo.py: parsed as XML, an allowlist of SVG elements and attributes
    return target


def load_school(raw, path: str, languages: tuple) -> School:
    if not isinstance(raw, dict):
        raise ContentError(path, "file", "must be a mapping of the school's details")
    for key in raw:
        if key not in TOP:
            raise ContentError(path, str(key), "unknown field; allowed: {top}", top=', '.join(TOP))
    for key in ("name", "contact"):
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
                               "{color} has contrast {ratio:.1f}:1 against white; at least {min_contrast}:1 is needed", color=color, ratio=ratio, min_contrast=MIN_CONTRAST)
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
            raise ContentError(path, f"contact.{key}", "unknown field; allowed: {contact}", contact=', '.join(CONTACT))
    if c.get("role") not in ROLES:
        raise ContentError(path, "contact.role", "must be one of: {roles}", roles=', '.join(ROLES))
    _text(c.get("name"), path, "contact.name")
    phone = _phone(c["phone"], path) if "phone" in c else None
    email = _email(c["email"], path, "contact.email") if "email" in c else None
    return School(raw["name"], logo, color, c["role"], c["name"], phone, email,
                  _per_language(c.get("when", {}), path, "contact.when", languages),
                  _per_language(raw.get("interpreter", {}), path, "interpreter", languages), site_url,
                  hours=_hours(c.get("hours", []), path), confidant=_person(raw.get("vertrouwenspersoon"), path),
                  interpreter_languages=_languages(raw.get("interpreter_languages", []), path))


def _email(value, path: str, field: str) -> str:
    _text(value, path, field)
    if not re.fullmatch(r"[^@\s\\\"'()<>]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", value):
        raise ContentError(path, field, "must be an e-mail address like naam@school.nl")
    return value


def _person(value, path: str) -> dict | None:
    field = "vertrouwenspersoon"
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ContentError(path, field, "must be a mapping with name, phone, email")
    for key in value:
        if key not in PERSON:
            raise ContentError(path, f"{field}.{key}", "unknown field; allowed: {person}", person=', '.join(PERSON))
    _text(value.get("name"), path, f"{field}.name", LIMITS["contact.name"])
    out = {"name": value["name"]}
    if "phone" in value:
        out["phone"] = _phone(value["phone"], path, f"{field}.phone")
    if "email" in value:
        out["email"] = _email(value["email"], path, f"{field}.email")
    return out


def _time(value, path: str, field: str) -> str:
    m = re.fullmatch(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])", value.strip()) if isinstance(value, str) else None
    if not m:
        raise ContentError(path, field, "must be a time like \"8:15\" (hours:minutes, 24-hour clock)")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _hours(value, path: str) -> tuple:
    field = "contact.hours"
    if not isinstance(value, list) or len(value) > 7:
        raise ContentError(path, field, "must be a list (at most 7) of {days, from, to}")
    out = []
    for i, row in enumerate(value):
        at = f"{field}[{i + 1}]"
        if not isinstance(row, dict) or set(row) != {"days", "from", "to"}:
            raise ContentError(path, at, "must have exactly days, from and to")
        days = row["days"]
        if not isinstance(days, list) or not days or any(not isinstance(d, str) or d.lower() not in DAYS for d in days):
            raise ContentError(path, f"{at}.days", "must be a list of weekdays: {days}", days=', '.join(DAYS))
        start, end = _time(row["from"], path, f"{at}.from"), _time(row["to"], path, f"{at}.to")
        if end <= start:
            raise ContentError(path, f"{at}.to", "{end} is not after {start}", end=end, start=start)
        out.append((tuple(sorted({DAYS[d.lower()] for d in days})), start, end))
    return tuple(out)


def _languages(value, path: str) -> tuple:
    field = "interpreter_languages"
    if not isinstance(value, list) or len(value) > 40 or any(
            not isinstance(x, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Z][a-z]{3})?", x) for x in value):
        raise ContentError(path, field, "must be a list of language codes like [ar, tr, fa, ti] (ISO 639)")
    return tuple(dict.fromkeys(value))


def check_site_url(value, path: str, field: str) -> str:
    """An http(s) address of a folder, without user name, query or fragment."""
    if not isinstance(value, str) or len(value) > LIMITS["site_url"]:
        raise ContentError(path, field, "must be a web address of at most {count} character",
                           plural="must be a web address of at most {count} characters", count=LIMITS['site_url'])
    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc
            or parts.query or parts.fragment or re.search(r"[\s\"'<>\\`]", value)):
        raise ContentError(path, field, "must be a web address like https://intranet.school.nl/kennisbank/")
    return value if value.endswith("/") else value + "/"


def _phone(value, path: str, field: str = "contact.phone") -> str:
    """A phone number as shown and as dialled: digits, spaces and one leading +, nothing else."""
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
        raise ContentError(path, field, "is {count:,} character; at most {limit}",
                           plural="is {count:,} characters; at most {limit}", count=len(value), limit=limit)
    if re.search(r"javascript\s*:|[{}\[\]`*_\\]|\x00", value, re.I) and not field.endswith(".email"):
        raise ContentError(path, field, "must be plain text, without HTML or Markdown")
    check_text(value, path, field)


def _per_language(value, path, field, languages) -> dict:
    if not isinstance(value, dict):
        raise ContentError(path, field, "must be a mapping per language, like {nl: ..., en: ...}")
    for lang, text in value.items():
        if lang not in languages:
            raise ContentError(path, f"{field}.{lang}", "unknown language; configured: {languages}", languages=', '.join(languages))
        if text != "":
            _text(text, path, f"{field}.{lang}", LIMITS["per_language"])
    return dict(value)
