"""Shared fixtures: the real content, a built site, a temporary copy of the project, a browser."""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Editors read Dutch messages (hooks/locales/nl/LC_MESSAGES/editor.po); the tests read the English
# msgids, also in every build and command they start. test_editor.py checks the Dutch.
os.environ.setdefault("KB_LANG", "en")
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

from kennisbank.config import read_i18n_languages, read_languages, read_partial_languages  # noqa: E402
from kennisbank.loader import load_site  # noqa: E402
from kennisbank.strings import direction, load_strings  # noqa: E402
from localnginx import nginx_binary, start_nginx  # noqa: E402

# Every per-language test takes its languages from here, never from a list of its own.
# ALL_LANGUAGES: every configured language; PARTIAL: those with only the parents' layer translated
# (extra.partial_languages); LANGUAGES: the full ones, every page translated. A test of a page
# outside the parents' layer takes LANGUAGES; a test of the parents' layer, the catalogs, glossaries
# and termbases takes ALL_LANGUAGES.
ALL_LANGUAGES = read_languages(ROOT / "mkdocs.yml")
PARTIAL = read_partial_languages(ROOT / "mkdocs.yml", ALL_LANGUAGES)
LANGUAGES = tuple(x for x in ALL_LANGUAGES if x not in PARTIAL)
NAMES = {x["locale"]: x["name"] for x in read_i18n_languages(ROOT / "mkdocs.yml")}  # each in its own words
DEFAULT = LANGUAGES[0]                                       # Dutch, the source, at the site's root
TRANSLATED = LANGUAGES[1:]
ALL_TRANSLATED = ALL_LANGUAGES[1:]
RTL = tuple(x for x in LANGUAGES if direction(x) == "rtl")   # from CLDR: ar, fa
ALL_RTL = tuple(x for x in ALL_LANGUAGES if direction(x) == "rtl")  # ar, fa, ckb
LTR_TRANSLATED = tuple(x for x in TRANSLATED if direction(x) == "ltr")
# Where a browser test samples to stay cheap: the first translated LTR language and every RTL one.
SAMPLE = LTR_TRANSLATED[:1] + RTL


def prefix(lang: str) -> str:
    """The language's folder in the built site: "" for Dutch, "en/" for English."""
    return "" if lang == DEFAULT else f"{lang}/"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


# The fast tier (make check, make mutants: KB_UNIT_ONLY=1) skips every test that uses one of these
# fixtures (directly or through another): each builds a site, copies the project, starts a server,
# a browser or WebKit. A test or fixture that builds without them goes through copy_project() or
# mkdocs() below, which skip it in the fast tier.
SLOW_FIXTURES = {"built_site", "server", "browser", "page", "tab", "nginx", "offline_site", "printed", "project",
                 "packages", "partial_site", "preview", "webkit", "wk", "trap"}


def unit_only() -> bool:
    return bool(os.environ.get("KB_UNIT_ONLY"))


def _skip_in_fast_tier(what: str):
    if unit_only():
        pytest.skip(f"KB_UNIT_ONLY: needs {what}")


def pytest_collection_modifyitems(config, items):
    """KB_UNIT_ONLY=1 (make check, make mutants) keeps the tests that need no build and no browser.
    The files that keep their tests on one worker (xdist_group) go first: pytest-xdist hands those
    out whole, and a long one handed out last would leave the other worker idle."""
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)
    if unit_only():
        skip = pytest.mark.skip(reason="KB_UNIT_ONLY: needs a build or a browser")
        for item in items:
            if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def languages():
    return LANGUAGES


@pytest.fixture(scope="session")
def site():
    return load_site(ROOT / "docs", ALL_LANGUAGES)


@pytest.fixture(scope="session")
def strings():
    return load_strings(ROOT / "hooks", ALL_LANGUAGES, NAMES)


# The run's shared folder (KB_SHARED): the session's builds, made once and read by every test and by
# every pytest-xdist worker (make test runs two). The first process (the controller under xdist)
# makes it before any worker starts; the workers inherit it. It also records each `mkdocs build` the
# tests start ("builds") and the servers to stop when the run ends ("pids").
SHARED = "KB_SHARED"


def _is_worker() -> bool:
    return bool(os.environ.get("PYTEST_XDIST_WORKER"))


def pytest_configure(config):
    if not _is_worker():
        os.environ[SHARED] = tempfile.mkdtemp(prefix="kb-shared-")


def pytest_unconfigure(config):
    if _is_worker() or not os.environ.get(SHARED):
        return
    root = Path(os.environ.pop(SHARED))
    pids = root / "pids"
    for pid in (pids.read_text().split() if pids.exists() else ()):
        try:
            os.kill(int(pid), signal.SIGTERM)
        except ProcessLookupError:
            pass
    shutil.rmtree(root, ignore_errors=True)


def _shared_root() -> Path:
    return Path(os.environ[SHARED])


def shared(name: str, make) -> Path:
    """A folder made once per run and shared: the first test (of any worker) to ask runs ``make(folder)``
    under a lock; the others wait for it, then read the same folder. If ``make`` fails, the next one
    to ask tries again (and fails the same way)."""
    root = _shared_root()
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / f"{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (root / f"{name}.done").touch()
    return folder


def stop_at_the_end(pid: int) -> None:
    """A server that serves every worker: stopped when the whole run ends, not when one worker does."""
    with open(_shared_root() / "pids", "a") as f:
        f.write(f"{pid}\n")


def _record_build(project: Path | str, returncode: int) -> None:
    with open(_shared_root() / "builds", "a") as f:  # one short line, appended: safe from two workers
        f.write(f"{returncode}\t{project}\n")


def pytest_terminal_summary(terminalreporter):
    """`make test` says how many site builds it ran (guide: the suite shares its full builds)."""
    log = _shared_root() / "builds" if os.environ.get(SHARED) else None
    builds = [ln.split("\t", 1) for ln in log.read_text().splitlines()] if log and log.exists() else []
    if builds:
        refused = sum(1 for rc, _ in builds if rc != "0")
        real = sum(1 for rc, p in builds if p == str(ROOT) and rc == "0")
        terminalreporter.write_line(f"site builds: {len(builds)} ({real} of the real site, {len(builds) - real - refused} "
                                    f"of changed copies, {refused} refused on purpose); the scripts' own builds "
                                    f"(publish, release, reader) are not counted here")


def mkdocs(project: Path, *args: str, site_dir: Path | None = None, env_extra=None):
    _skip_in_fast_tier("a site build")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    env.update(env_extra or {})
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", *args]
    if site_dir is not None:
        cmd += ["--site-dir", str(site_dir)]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    _record_build(project, result.returncode)
    return result


def refused_build(project: Path, out: Path, **kw) -> str:
    """Build ``project`` into ``out`` and check it was refused cleanly: non-zero exit, no traceback,
    exactly one ERROR line, nothing written. Returns that line."""
    result = mkdocs(project, site_dir=out, **kw)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    assert not out.exists(), "a failed build must leave nothing behind"
    return errors[0]


def copy_project(dest: Path) -> Path:
    """A copy of what a build needs, to break on purpose."""
    _skip_in_fast_tier("a copy of the project")
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "hooks", "bron", "overrides", "vertalen"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site():
    """The real site, built once, strictly, in every language."""
    def make(folder: Path) -> None:
        result = mkdocs(ROOT, site_dir=folder / "site")
        assert result.returncode == 0, result.stderr[-3000:]
        (folder / "build.log").write_text(result.stderr, encoding="utf-8")  # what MkDocs said (test_build reads it)
    return shared("built", make) / "site"


def _browser_or_skip():
    if not Path(CHROMIUM).exists():
        if os.environ.get("KB_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing but KB_REQUIRE_BROWSER is set")
        pytest.skip(f"no browser at {CHROMIUM}; install Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        if os.environ.get("KB_REQUIRE_BROWSER"):
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")


@pytest.fixture(scope="session")
def browser():
    _browser_or_skip()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server(built_site):
    """The built site over HTTP on a loopback port, at the root."""
    from reader import serve
    httpd, base = serve(built_site)
    yield base.rstrip("/")
    httpd.shutdown()


LOCAL = ("http://127.0.0.1:", "file:", "data:", "blob:", "about:")  # what a page may ask for; anything else is another host
TIMEOUT_MS = 15000  # every wait of a test's page (page, tab)


@pytest.fixture
def page(browser):
    """A fresh browser context; fails the test if the page asks any other host for anything."""
    context = browser.new_context()
    pg = context.new_page()
    foreign = []
    pg.on("request", lambda request: None if request.url.startswith(LOCAL) else foreign.append(request.url))
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()
    assert not foreign, f"requests to other hosts: {foreign[:5]}"


class _KeptTab:
    """One page kept open for a whole worker (see ``tab``): the requests it made and the origins it saw."""

    def __init__(self, browser):
        self.browser = browser
        self.open()

    def open(self) -> None:
        self.context = self.browser.new_context()
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.foreign, self.origins = [], set()
        self.page.on("request", self.record)

    def record(self, request) -> None:
        url = request.url
        if not url.startswith(LOCAL):
            self.foreign.append(url)
        elif url.startswith("http"):
            self.origins.add("/".join(url.split("/", 3)[:3]))

    def clean(self) -> None:
        """As a new context would be: on about:blank, no storage in any origin it visited (ticks, Material's
        own keys), the viewport and time-out as they were."""
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.goto("about:blank")
        for origin in sorted(self.origins):
            self.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self.origins.clear()
        self.page.set_viewport_size({"width": 1280, "height": 720})  # Playwright's default for a new context


@pytest.fixture(scope="session")
def _kept_tab(browser):
    kept = _KeptTab(browser)
    yield kept
    kept.context.close()


@pytest.fixture
def tab(_kept_tab):
    """A page for tests that only go to pages of the local server, read them, tick and type: one page
    kept open per worker, cleaned after each test (storage of every origin cleared). A new context per
    test costs Chromium about a second of CPU (a renderer started, Material's scripts compiled again),
    on about 220 tests a run (issue 29). Fails the test if the page asks any other host for anything.
    A test that adds a listener, an init script, a route or emulation, opens a second page or uses
    file:// storage takes ``page``, a context of its own."""
    kept = _kept_tab
    kept.foreign.clear()
    yield kept.page
    foreign = list(kept.foreign)
    try:
        kept.clean()
    except Exception:  # the page crashed or a test closed it: the next test gets a new one
        kept.context.close()
        kept.open()
    assert not foreign, f"requests to other hosts: {foreign[:5]}"


def axe_violations(pg) -> list:
    from axe_playwright_python.sync_playwright import Axe
    # WCAG 2.2 AA, the project's standard: 2.2 adds target-size (wcag22aa) to the 2.0 and 2.1 rules
    # resultTypes: passes and the like come back without their nodes (violations in full): on the
    # longest pages (reader, translation status) half the time
    result = Axe().run(pg, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                                          "wcag22aa"]},
                                    "resultTypes": ["violations"]})
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]]


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def nginx():
    """The site built for /kennisbank/, served by nginx with deploy/nginx.conf.example, for the whole
    run. Yields the base URL, e.g. http://127.0.0.1:PORT/kennisbank/."""
    if nginx_binary() is None:
        if os.environ.get("KB_REQUIRE_BROWSER"):
            pytest.fail("nginx is missing but KB_REQUIRE_BROWSER is set")
        pytest.skip("no nginx; install Debian's nginx-light")

    def make(work: Path) -> None:
        port = _free_port()
        base = f"http://127.0.0.1:{port}/kennisbank/"
        site = work / "srv" / "kennisbank"
        result = mkdocs(ROOT, site_dir=site, env_extra={"KB_SITE_URL": base})
        assert result.returncode == 0, result.stderr[-2000:]
        try:
            proc = start_nginx(site, port, work)
        except RuntimeError as e:
            pytest.fail(str(e))
        stop_at_the_end(proc.pid)
        (work / "base").write_text(base, encoding="utf-8")
    return (shared("nginx", make) / "base").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def offline_site():
    """The file:// variant (mkdocs.offline.yml), built once."""
    def make(folder: Path) -> None:
        result = mkdocs(ROOT, "-f", "mkdocs.offline.yml", site_dir=folder / "site")
        assert result.returncode == 0, result.stderr[-2000:]
    return shared("offline", make) / "site"


@pytest.fixture(scope="session")
def printed(offline_site, browser):
    """`make lms` up to its packages, once per run: a copy of the file:// build with the course readers
    and the students' handouts printed into it (scripts/reader.py). test_lms packs it; test_course and
    test_studenten read its PDFs. Printing into the web build: test_intranet's publish."""
    def make(folder: Path) -> None:
        from reader import make_handouts, make_readers
        shutil.copytree(offline_site, folder / "site", copy_function=shutil.copy)
        make_readers(folder / "site", browser)
        make_handouts(folder / "site", browser)
    return shared("printed", make) / "site"


SEARCH_ANSWERED = """() => {
  const t = JSON.parse(document.getElementById("__config").textContent).translations || {};
  const meta = document.querySelector(".md-search-result__meta");
  const said = meta ? meta.textContent.trim() : "";
  const [before, after] = (t["search.result.other"] || "#").split("#");
  const middle = said.slice(before.length, said.length - after.length);
  const counted = said === t["search.result.one"] ||
    (said.length > before.length + after.length && said.startsWith(before) && said.endsWith(after) && /^\\p{Nd}+$/u.test(middle));
  return said === t["search.result.none"] || (counted && document.querySelector(".md-search-result__item") !== null);
}"""


SEARCH_CLEARED = """() => {
  const t = JSON.parse(document.getElementById("__config").textContent).translations || {};
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() === t["search.result.placeholder"] &&
    document.querySelector(".md-search-result__item") === null;
}"""


def search_for(page, words) -> list[str]:
    """Type into Material's search and return the result links. Another query on the same page
    (no reload: the search worker keeps its index) first clears the box and waits until Material
    has cleared its results too, so that what is read below answers this query."""
    page.locator(".md-search__input").first.click()
    box = page.locator("input.md-search__input")
    if box.input_value():
        box.fill("")
        page.wait_for_function(SEARCH_CLEARED, timeout=10000)
    box.fill(words)
    for _ in range(15):  # a query typed while the worker still loads its index is dropped: type again
        try:
            # Material answered the query: its result line says how many matched, "none" included
            # (not its "initialising" or "type to start" line), so a query without hits costs no wait
            page.wait_for_function(SEARCH_ANSWERED, timeout=1000)
            break
        except Exception:
            box.press("End")
            box.type(" ")
            box.press("Backspace")
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
