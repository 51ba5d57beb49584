"""Review by a human native speaker: export a review package, import it back.

``export_package`` writes, for one language, a printable side-by-side sheet (Dutch | translation)
and one PO file per translated page (plus one for the interface strings), which any translation
tool opens. Every segment is exported as "fuzzy" (needs review); the reviewer confirms or edits it.

``import_package`` reads the PO files back. A page is updated with the reviewer's text, and once
no segment is left fuzzy it is stamped reviewed: ``reviewed_by`` (a role, never a name),
``reviewed_on`` and the hash of the Dutch text it was reviewed against. A file whose page no
longer exists, whose Dutch changed since the export, or that does not fit its page, is refused
with one line; the other files still import.
"""
from __future__ import annotations

import datetime
import hashlib
import html
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .editor import _, error as editor_error, ngettext
from .loader import check_safe, split_front_matter
from .model import ContentError, Site
from .strings import direction
from .vocab import REVIEWER_ROLES

NOT_TEXT = {"id", "section", "source", "translation"}  # front matter fields that are not translated text
PAGE_HEADER, HASH_HEADER = "X-Kennisbank-Page", "X-Kennisbank-Source-Hash"
# Blocks that are layout, not text: the build's markers and the open/close tags of a grid.
_MARKER = re.compile(r"^\s*(?:<!--.*-->|</?div[^>]*>)\s*$", re.S)


# ---------------------------------------------------------------- segments of a page

def _blocks(body: str) -> list[str]:
    return [b for b in re.split(r"\n[ \t]*\n", body.strip()) if b.strip()]


def segments(meta: dict, body: str, is_card: bool) -> dict[str, str]:
    """key -> text of every translatable part of one page, in reading order."""
    out: dict[str, str] = {}
    for key, value in meta.items():  # title, summary, description, a card's parent block, ...
        if isinstance(value, str) and key not in NOT_TEXT:
            out[key] = value
    if is_card:
        for item in meta.get("checklist") or []:
            out[f"checklist/{item['id']}"] = item["text"]
        for i, q in enumerate(meta.get("questions") or [], 1):
            out[f"questions/{i}"] = q
    for i, block in enumerate(_blocks(body), 1):
        if not _MARKER.match(block):
            out[f"body/{i}"] = block
    return out


def aligned(nl_meta: dict, nl_body: str, meta: dict, body: str, is_card: bool) -> list[tuple[str, str, str]]:
    """(key, Dutch, translation) per segment. Body blocks pair up by position when both sides
    have the same blocks; otherwise the whole body (markers included) is one segment."""
    nl, tr = segments(nl_meta, nl_body, is_card), segments(meta, body, is_card)
    rows = [(k, v, tr.get(k, "")) for k, v in nl.items() if not k.startswith("body/")]
    nl_blocks = [k for k in nl if k.startswith("body/")]
    if nl_blocks == [k for k in tr if k.startswith("body/")]:
        rows += [(k, nl[k], tr[k]) for k in nl_blocks]
    else:
        rows.append(("body", nl_body.strip(), body.strip()))
    return rows


def apply(meta: dict, body: str, edits: dict[str, str]) -> tuple[dict, str]:
    """The page with the reviewer's text of the segments in ``edits``."""
    for key, text in edits.items():
        if key.startswith("checklist/"):
            ident = key.split("/", 1)[1]
            items = meta.setdefault("checklist", [])
            item = next((i for i in items if i["id"] == ident), None)
            if item is None:
                items.append({"id": ident, "text": text})  # an item the translation did not have yet
            else:
                item["text"] = _like(item["text"], text)
        elif key.startswith("questions/"):
            n, questions = int(key.split("/", 1)[1]), meta.setdefault("questions", [])
            questions += [""] * (n - len(questions))
            questions[n - 1] = _like(questions[n - 1], text)
        elif not key.startswith("body"):
            meta[key] = _like(meta.get(key), text)  # title, summary, parent block, ...
    if "body" in edits:
        return meta, edits["body"] + "\n"
    parts = re.split(r"(\n[ \t]*\n)", body.strip())
    blocks = [i for i, p in enumerate(parts) if i % 2 == 0 and p.strip()]
    for key, text in edits.items():
        if key.startswith("body/"):
            parts[blocks[int(key.split("/", 1)[1]) - 1]] = text
    return meta, "".join(parts) + "\n"


# ---------------------------------------------------------------- export

@dataclass(frozen=True)
class PageForReview:
    base: str  # Dutch docs path
    path: str  # translation docs path
    title: str
    source_hash: str
    rows: list  # (key, Dutch, translation)


def pages_for_review(site: Site, lang: str) -> list[PageForReview]:
    out = []
    for base, nl in site.pages.items():
        if nl.lang != site.languages[0]:
            continue
        t = site.pages.get(base[:-3] + f".{lang}.md")
        if t is None:
            continue
        rows = aligned(nl.meta, nl.body, t.meta, t.body, base in site.by_path)
        title = t.meta.get("title") or base
        out.append(PageForReview(base, t.path, title, nl.source_hash, rows))
    return out


def _po(lang: str, headers: dict, rows, fuzzy: bool = True) -> bytes:
    from translate.storage import po

    store = po.pofile()
    store.updateheader(add=True, Language=lang, **{k.replace("-", "_"): v for k, v in headers.items()})
    for key, nl, tr in rows:
        unit = store.addsourceunit(nl)
        unit.setcontext(key)
        unit.target = tr
        unit.markfuzzy(fuzzy)
    return bytes(store)


def _strings_po(root: Path, lang: str, interface: list) -> bytes:
    """The interface strings for review: a copy of the catalog's messages (plural forms included)
    where the project has gettext catalogs, else one message per YAML string."""
    from translate.storage import po

    catalog = _catalog(root, lang)
    if not catalog.exists():
        return _po(lang, {PAGE_HEADER: "strings"}, interface)
    store = po.pofile()
    store.updateheader(add=True, Language=lang, **{PAGE_HEADER.replace("-", "_"): "strings"})
    source = po.pofile(catalog.read_bytes())
    if "Plural-Forms" in source.parseheader():
        store.updateheader(add=True, Plural_Forms=source.parseheader()["Plural-Forms"])
    for unit in source.units:
        if not unit.isheader():
            copy = store.addunit(unit.copy()) or store.units[-1]
            copy.markfuzzy(True)
    return bytes(store)


def export_package(root: Path, site: Site, lang: str, out: Path, interface: list, names: dict) -> list[Path]:
    """Write the review package of ``lang`` into ``out``; returns the files written."""
    written = []
    pages = pages_for_review(site, lang)
    for p in pages:
        target = out / "po" / (p.base[:-3] + ".po")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_po(lang, {PAGE_HEADER: p.base, HASH_HEADER: p.source_hash}, p.rows))
        written.append(target)
    if interface:
        target = out / "strings.po"
        target.write_bytes(_strings_po(root, lang, interface))
        written.append(target)
    sheet = out / "sheet.html"
    sheet.write_text(render_sheet(pages, interface, lang, names, site.languages[0]), encoding="utf-8")
    written.append(sheet)
    return written


SHEET_CSS = """
@page { size: A4; margin: 15mm; }
body { font: 11pt/1.4 system-ui, sans-serif; color: #000; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: start; }
td p, td ul, td ol, td h1, td h2, td h3 { margin: 0 0 .4em; font-size: 11pt; } td ul { padding-inline-start: 1.2em; }
th.key, td.key { width: 16%; font-size: 9pt; }
tr { break-inside: avoid; }
.path { font-size: 9pt; font-weight: normal; }
"""


def _cell(text: str, path: str, key: str) -> str:
    """A segment as the reader sees it (Markdown rendered); the PO file keeps the Markdown.
    Through the site's own sanitiser: a reviewer opens the sheet in a browser, from disk, where no
    CSP applies. What the sanitiser would change is refused, naming the file and the segment."""
    import textwrap

    import markdown

    from . import sanitise

    text = textwrap.dedent(text)  # a list item's continuation is its own segment
    return sanitise.check(markdown.markdown(text, extensions=["attr_list", "md_in_html"]), path, key)


def render_sheet(pages: list[PageForReview], interface: list, lang: str, names: dict, source: str) -> str:
    """A self-contained, printable HTML sheet: per page a table Dutch | translation.
    ``source``: the site's first language (Dutch), which the sheet is written in."""
    e = html.escape
    rtl = ' dir="rtl"' if direction(lang) == "rtl" else ""
    src_dir = ' dir="rtl"' if direction(source) == "rtl" else ""

    def table(rows, nl_path: str, path: str) -> str:
        head = (f'<tr><th class="key">#</th><th lang="{source}"{src_dir}>{e(names.get(source, source))}</th>'
                f'<th lang="{lang}"{rtl}>{e(names.get(lang, lang))}</th></tr>')
        body = "".join(f'<tr><td class="key">{e(k)}</td><td lang="{source}"{src_dir}>{_cell(nl, nl_path, k)}</td>'
                       f'<td lang="{lang}"{rtl}>{_cell(tr, path, k)}</td></tr>' for k, nl, tr in rows)
        return f"<table>{head}{body}</table>"

    parts = [f'<!doctype html><html lang="{source}"{src_dir}><head><meta charset="utf-8">'
             f'<title>Review: {e(names.get(lang, lang))}</title><style>{SHEET_CSS}</style></head><body>',
             f"<h1>Review: {e(names.get(source, source))} | {e(names.get(lang, lang))}</h1>"]
    for p in pages:
        parts.append(f'<h2><span lang="{lang}"{rtl}>{e(p.title)}</span> <span class="path">{e(p.base)}</span></h2>')
        parts.append(table(p.rows, p.base, p.path))
    if interface:
        parts.append('<h2>Interface <span class="path">strings</span></h2>')
        parts.append(table(interface, f"hooks/locales/{source}/LC_MESSAGES/messages.po",
                           f"hooks/locales/{lang}/LC_MESSAGES/messages.po"))
    parts.append("</body></html>\n")
    return "\n".join(parts)


# ---------------------------------------------------------------- import

@dataclass(frozen=True)
class Outcome:
    file: str
    ok: bool
    message: str
    changed: bool = False  # the page was written

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def _read_po(path: Path):
    from translate.storage import po

    try:
        store = po.pofile(path.read_bytes())
    except Exception as e:  # the parser raises several kinds; all mean "not a PO file"
        raise ValueError(f"cannot be read as a PO file ({type(e).__name__})") from None
    return store.parseheader(), [u for u in store.units if not u.isheader()]


def import_package(root: Path, site: Site, lang: str, folder: Path, role: str,
                   today: datetime.date | None = None) -> list[Outcome]:
    """Import every page PO file under ``folder/po``. One outcome per file."""
    if role not in REVIEWER_ROLES:
        raise ContentError("review-import", "role", "'{role}' is not a role; use one of: {reviewer_roles} (never a name)", role=role, reviewer_roles=', '.join(REVIEWER_ROLES))
    today = (today or datetime.date.today()).isoformat()
    outcomes = []
    if (folder / "strings.po").exists():
        try:
            outcomes.append(Outcome("strings.po", True, import_strings(root, lang, folder / "strings.po", role, today)))
        except ValueError as e:
            outcomes.append(Outcome("strings.po", False, _("refused: {reason}", reason=e)))
    for po_file in sorted((folder / "po").rglob("*.po")):
        rel = po_file.relative_to(folder).as_posix()
        try:
            o = _import_page(root, site, lang, po_file, role, today)
            outcomes.append(Outcome(rel, o.ok, o.message, o.changed))
        except ValueError as e:
            outcomes.append(Outcome(rel, False, _("refused: {reason}", reason=e)))
    return outcomes


def _import_page(root: Path, site: Site, lang: str, po_file: Path, role: str, today: str) -> Outcome | str:
    header, units = _read_po(po_file)
    base, exported_hash = header.get(PAGE_HEADER), header.get(HASH_HEADER)
    if header.get("Language") != lang or not base or not exported_hash:
        raise ValueError(_("not a review file of this project for '{lang}' (header {headers})",
                           lang=lang, headers=f"{PAGE_HEADER}/{HASH_HEADER}/Language"))
    path = base[:-3] + f".{lang}.md"
    if base not in site.pages or path not in site.pages:
        raise ValueError(_("the page {page} no longer exists; nothing imported", page=base))
    # The Dutch changed since the export: take every segment whose Dutch is still the same, list
    # the others, and leave the page unreviewed (its Dutch was not all seen by the reviewer).
    dutch_changed = site.pages[base].source_hash != exported_hash
    file = root / "docs" / path
    text = file.read_text(encoding="utf-8")
    meta, body = split_front_matter(text, path)
    nl = site.pages[base]
    rows = aligned(nl.meta, nl.body, meta, body, base in site.by_path)
    current = {k: tr for k, _nl, tr in rows}
    dutch_now = {k: d for k, d, _tr in rows}
    seen, fuzzy, edits, not_taken = set(), 0, {}, []
    for unit in units:
        key = unit.getcontext()
        if key in seen:
            raise ValueError(_("segment '{key}' appears twice", key=key))
        seen.add(key)
        if dutch_changed and (key not in current or str(unit.source).strip() != dutch_now[key].strip()):
            not_taken.append(key)
            continue
        if key not in current:
            raise ValueError(_("segment '{key}' is not a segment of {path}", key=key, path=path))
        new = str(unit.target or "").strip()
        if not new:
            raise ValueError(_("segment '{key}' has no text", key=key))
        if new != current[key].strip():
            edits[key] = new
        fuzzy += bool(unit.isfuzzy())
    missing = set(current) - seen
    if missing and not dutch_changed:
        raise ValueError(_("segment '{key}' is missing from the file", key=sorted(missing)[0]))
    not_taken += sorted(missing) if dutch_changed else []
    reviewed = fuzzy == 0 and not dutch_changed
    if edits or reviewed:
        _write_page(file, path, text, edits, exported_hash, role, today, reviewed)
    what = ngettext("{count} segment changed", "{count} segments changed", len(edits))
    if not_taken:
        return Outcome(po_file.name, False, _("{what}; not taken, their Dutch changed since the export: {keys}; "
                                              "export the page again to review them", what=what,
                                              keys=", ".join(not_taken)), changed=bool(edits))
    if reviewed:
        return Outcome("", True, _("{what}; {path} marked reviewed by {role} on {today}",
                                   what=what, path=path, role=role, today=today), changed=True)
    if not edits:
        return Outcome("", True, ngettext("nothing changed; {count} segment still marked fuzzy (needs review)",
                                          "nothing changed; {count} segments still marked fuzzy (needs review)",
                                          fuzzy), changed=False)
    return Outcome("", True, ngettext("{what}; {count} segment still marked fuzzy (needs review), so {path} is "
                                      "not marked reviewed",
                                      "{what}; {count} segments still marked fuzzy (needs review), so {path} is "
                                      "not marked reviewed", fuzzy, what=what, path=path), changed=True)


def _write_page(file: Path, path: str, text: str, edits: dict, source_hash: str, role: str, today: str,
                reviewed: bool) -> None:
    """Write the reviewer's text into the page, keeping its YAML layout: the front matter is read
    and written round-trip (ruamel.yaml), so quotes, block scalars, flow lists and comments stay
    and `git diff` shows only the lines whose text changed."""
    end = re.search(r"^---[ \t]*\r?$", text[4:], re.MULTILINE)
    raw, body = text[4:4 + end.start()], text[4 + end.end():]
    lead = body[: len(body) - len(body.lstrip("\r\n"))]
    rt = _round_trip()
    meta = rt.load(raw)
    meta, new_body = apply(meta, body.lstrip("\r\n"), edits)
    if reviewed:
        stamp = meta.get("translation")
        if stamp is None:
            meta["translation"] = stamp = {}
        stamp["source_hash"], stamp["reviewed"] = source_hash, True
        stamp["reviewed_by"], stamp["reviewed_on"] = role, today
    out = io.StringIO()
    rt.dump(meta, out)
    body_text = new_body if any(k.startswith("body") for k in edits) else body.lstrip("\r\n")
    new_text = "---\n" + out.getvalue() + "---" + text[4 + end.start() + 3: 4 + end.end()] + lead + body_text
    try:
        check_safe(split_front_matter(new_text, path)[0], path, "")
        check_safe(body_text, path, "body")
    except ContentError as e:
        raise ValueError(editor_error(e)) from None  # the editor's language, like every refusal
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(new_text, encoding="utf-8")
    os.replace(tmp, file)


def _round_trip():
    """ruamel.yaml set to the project's layout: list items indented under their key, long lines kept."""
    from ruamel.yaml import YAML
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def _like(old, new: str):
    """``new`` in the style of the value it replaces: a folded or literal block stays one, a quoted
    value keeps its quotes."""
    from ruamel.yaml.scalarstring import ScalarString
    if isinstance(old, ScalarString):
        return type(old)(new)
    return new


# ---------------------------------------------------------------- interface strings

def interface_pairs(root: Path, languages: tuple, lang: str) -> list[tuple[str, str, str]]:
    """(key, Dutch, translation) of every interface string: from the gettext catalogs where the
    project has them, else from the YAML strings files."""
    from .terms import _walk

    catalog = _catalog(root, lang)
    if catalog.exists():
        _header, units = _read_po(catalog)
        return [(u.getcontext() or "", str(u.source), str(u.target or "")) for u in units]
    folder = root / "hooks" / "strings"
    nl = dict(_walk(yaml.safe_load((folder / f"{languages[0]}.yml").read_text(encoding="utf-8"))))
    tr = dict(_walk(yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8"))))
    return [(k, v, tr.get(k, "")) for k, v in nl.items() if k in tr and k not in ("language", "dir")]


def _catalog(root: Path, lang: str) -> Path:
    return root / "hooks" / "locales" / lang / "LC_MESSAGES" / "messages.po"


def _digest(unit) -> str:
    """The Dutch a message was reviewed against (msgid and plural msgid), short."""
    return hashlib.sha256("\x00".join(unit.source.strings if unit.hasplural() else [str(unit.source)])
                          .encode("utf-8")).hexdigest()[:12]


STAMP = re.compile(r"^reviewed: (\S+) (\d{4}-\d\d-\d\d) ([0-9a-f]{12})$")


def _stamp(unit, role: str, today: str) -> None:
    """Mark one catalog message reviewed: a translator comment that names the role, the date and
    the Dutch it was reviewed against (other translator comments are kept)."""
    notes = [n for n in unit.getnotes("translator").splitlines() if n.strip() and not STAMP.match(n.strip())]
    unit.removenotes()
    for n in notes + [f"reviewed: {role} {today} {_digest(unit)}"]:
        unit.addnote(n, origin="translator")


def _unstamp(unit) -> None:
    notes = [n for n in unit.getnotes("translator").splitlines() if n.strip() and not STAMP.match(n.strip())]
    unit.removenotes()
    for n in notes:
        unit.addnote(n, origin="translator")


def strings_reviewed(root: Path, lang: str) -> tuple[int, int]:
    """(reviewed, total) messages of the language's catalog. A message counts as reviewed only
    while its Dutch is the Dutch it was reviewed against."""
    from translate.storage import po

    path = _catalog(root, lang)
    if not path.exists():
        return 0, 0
    units = [u for u in po.pofile(path.read_bytes()).units if not u.isheader()]
    ok = 0
    for u in units:
        m = [STAMP.match(n.strip()) for n in u.getnotes("translator").splitlines()]
        ok += any(x and x.group(3) == _digest(u) for x in m)
    return ok, len(units)


def import_strings(root: Path, lang: str, reviewed: Path, role: str = "", today: str = "") -> str:
    """Write the reviewer's interface strings into the language's gettext catalog. Every message
    must still have the Dutch text it had at the export; otherwise nothing is written. A message
    the reviewer confirmed (not left "needs work") is stamped reviewed by ``role`` on ``today``;
    one changed but left unconfirmed loses any earlier stamp."""
    from translate.storage import po

    header, units = _read_po(reviewed)
    if header.get("Language") != lang or header.get(PAGE_HEADER) != "strings":
        raise ValueError(f"not a review file of the interface strings for '{lang}'")
    path = _catalog(root, lang)
    if not path.exists():
        return "not imported: this project keeps its interface strings in YAML (hooks/strings); edit them there"
    store = po.pofile(path.read_bytes())
    by_key = {u.getcontext(): u for u in store.units if not u.isheader()}
    changed = stamped = 0
    for unit in units:
        key = unit.getcontext()
        target = by_key.get(key)
        if target is None:
            raise ValueError(f"message '{key}' is no longer in {path.relative_to(root).as_posix()}")
        if target.source != unit.source:
            raise ValueError(f"the Dutch of message '{key}' changed since the export; export again")
        if not str(unit.target or "").strip():
            raise ValueError(f"message '{key}' has no text")
        if target.target != unit.target:
            target.target = unit.target
            changed += 1
            if unit.isfuzzy():
                _unstamp(target)
        if role and not unit.isfuzzy():
            _stamp(target, role, today)
            stamped += 1
    if changed or stamped:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(bytes(store))
        os.replace(tmp, path)
    return f"{changed} interface string(s) changed, {stamped} marked reviewed" + (f" by {role} on {today}" if stamped else "")
