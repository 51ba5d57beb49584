"""Translation status: which translation is current, behind its Dutch source, or missing."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Page, Site


@dataclass(frozen=True)
class Status:
    base: str  # docs path of the Dutch page
    lang: str
    state: str  # "current" | "behind" | "missing"
    reviewed: bool


def is_behind(site: Site, page: Page) -> bool:
    """True when a translation was made from an older version of its Dutch source."""
    if page.translation is None:
        return False
    return page.translation.source_hash != site.pages[page.base].source_hash


def translation_status(site: Site) -> list[Status]:
    rows = []
    for base, page in site.pages.items():
        if page.lang != site.languages[0]:
            continue
        for lang in site.languages[1:]:
            t = site.pages.get(base[:-3] + f".{lang}.md")
            if t is None:
                rows.append(Status(base, lang, "missing", False))
            else:
                rows.append(Status(base, lang, "behind" if is_behind(site, t) else "current",
                                   t.translation.reviewed))
    return rows


def format_table(rows: list[Status], languages: tuple) -> str:
    by_base: dict[str, dict[str, Status]] = {}
    for r in rows:
        by_base.setdefault(r.base, {})[r.lang] = r
    width = max([len(b) for b in by_base] + [4])
    head = "page".ljust(width) + "".join(f"  {lang:<17}" for lang in languages[1:])
    lines = [head, "-" * len(head)]
    for base, st in by_base.items():
        cells = []
        for lang in languages[1:]:
            s = st[lang]
            cells.append(f"  {s.state + (' reviewed' if s.reviewed else ''):<17}")
        lines.append(base.ljust(width) + "".join(cells))
    counts = {s: sum(1 for r in rows if r.state == s) for s in ("current", "behind", "missing")}
    lines.append(f"\n{counts['current']} current, {counts['behind']} behind, {counts['missing']} missing, "
                 f"{sum(r.reviewed for r in rows)} reviewed")
    return "\n".join(lines)


@dataclass(frozen=True)
class LanguageSummary:
    lang: str
    total: int
    current: int
    behind: int
    missing: int
    reviewed: int  # reviewed and still current

    @property
    def reviewed_share(self) -> float:
        return self.reviewed / self.total if self.total else 0.0


def summarise(rows: list[Status], languages: tuple) -> list[LanguageSummary]:
    """Per translated language: how many pages are current, behind, missing and reviewed."""
    out = []
    for lang in languages[1:]:
        mine = [r for r in rows if r.lang == lang]
        out.append(LanguageSummary(
            lang, len(mine), *(sum(r.state == s for r in mine) for s in ("current", "behind", "missing")),
            sum(r.reviewed and r.state == "current" for r in mine)))
    return out


def format_summary(rows: list[Status], languages: tuple, hits: list, strings: dict | None = None) -> str:
    """Per language: one line of counts, one terminology line (forbidden variants found) and, given
    ``strings`` ({lang: (reviewed, total)}), one line on the review of its interface strings."""
    lines = ["", "language  current  behind  missing  reviewed"]
    for s in summarise(rows, languages):
        lines.append(f"{s.lang:<8}  {s.current:>7}  {s.behind:>6}  {s.missing:>7}  "
                     f"{s.reviewed:>4} ({s.reviewed_share:.0%})")
    lines += format_terminology(hits, languages)
    for lang, (done, total) in (strings or {}).items():
        lines.append(f"strings {lang}: {done} of {total} reviewed by a human ({done / total if total else 0:.0%})")
    return "\n".join(lines)


def format_terminology(hits: list, languages: tuple, only_hits: bool = False) -> list[str]:
    """One line per translated language on its forbidden variants; ``only_hits``: only the languages
    that have some (`make translations` without ALL=1: a hit needs work)."""
    lines = []
    for lang in languages[1:]:
        mine = [h for h in hits if h.lang == lang]
        if only_hits and not mine:
            continue
        files = len({h.path for h in mine})
        lines.append(f"terminology {lang}: " + (f"{len(mine)} forbidden variant(s) in {files} file(s)" if mine
                                               else "every page and string uses the termbase's renderings"))
    return lines


def format_todo(rows: list[Status], need_work: list[Status]) -> str:
    """`make translations`: only the pages that need work, one line each (the languages that are
    behind or missing), the counts, and the command to run next. ``need_work`` are the rows that
    count (partial.failing: a partial language's pages outside the parents' layer do not)."""
    from .editor import _, ngettext
    by_base: dict[str, list[Status]] = {}
    for r in need_work:
        by_base.setdefault(r.base, []).append(r)
    counts = {s: sum(1 for r in rows if r.state == s) for s in ("current", "behind", "missing")}
    lines = [_("{current} current, {behind} behind, {missing} missing, {reviewed} reviewed",
               reviewed=sum(r.reviewed for r in rows), **counts)]
    if not by_base:
        lines.append(_("Every translation is up to date. The full table: make translations ALL=1"))
        return "\n".join(lines)
    lines.append(ngettext("{count} page needs work:", "{count} pages need work:", len(by_base)))
    width = max(len(b) for b in by_base)
    state = {"behind": _("behind"), "missing": _("missing")}
    for base, mine in by_base.items():  # one line a page, the languages grouped by state (fifteen fit)
        groups = {s: [r.lang for r in mine if r.state == s] for s in state}
        lines.append("  " + base.ljust(width) + "  " + "; ".join(f"{state[s]}: {', '.join(langs)}"
                                                                  for s, langs in groups.items() if langs))
    first = next((r for r in need_work if r.state == "behind"), None)
    if first is not None:
        lines.append(_("Next: update the translation to the new Dutch, then stamp it: make stamp FILE=docs/{file}",
                       file=first.base[:-3] + f".{first.lang}.md"))
    else:
        r = need_work[0]
        lines.append(_("Next: write the translation docs/{file} (a copy of the Dutch page, translated)",
                       file=r.base[:-3] + f".{r.lang}.md"))
    lines.append(_("The full table: make translations ALL=1"))
    return "\n".join(lines)
