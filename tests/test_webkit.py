"""The parents' core flows in WebKit, the engine of Safari and of every browser on an iPhone:
tick by the text and find the tick after a reload, "start again" asks first, switch language on the
list, and the side-by-side view (Dutch beside the reader's language, row by row, RTL mirrored).

Debian's WebKitGTK stands in for Safari: WebKitWebDriver drives its MiniBrowser (``--automation``)
through Selenium, on an Xvfb display this module starts and stops itself. The same flows in
Chromium are in test_parents.py and test_checklists.py. Without WebKit the tests skip, naming what
is missing; with KB_REQUIRE_BROWSER=1 (CI) they fail instead."""
from __future__ import annotations

import glob
import os
import select
import shutil
import socketserver
import subprocess
import threading
import time
from pathlib import Path

import pytest


from conftest import LANGUAGES, PARTIAL
from kennisbank.checklists import build_checklists
from kennisbank.urls import card_path
from kennisbank.strings import direction

DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"  # Debian's libwebkit2gtk-4.1-0, any architecture
DUTCH = LANGUAGES[0]
# Which languages are written right to left: CLDR's word (Babel), not the site's own list.
RTL = [x for x in LANGUAGES if direction(x) == "rtl"]
LTR_OTHERS = [x for x in LANGUAGES[1:] if x not in RTL]
# Two of the partial languages (issue 28): one written left to right, the one right to left.
WK_PARTIAL = ["es", "ckb"]
assert set(WK_PARTIAL) <= set(PARTIAL)
PHONE = (390, 844)     # an iPhone held upright (GTK widens the window to its minimum, about 450 px)
TABLET = (1180, 820)   # the side-by-side view is for a tablet in landscape or a laptop
WAIT = 15              # seconds, for every wait below

# Selenium's own WebKitGTK driver still passes an argument that Selenium itself deprecates.
pytestmark = [pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
              pytest.mark.xdist_group("webkit")]  # make test's workers: one WebKit (and its Xvfb) for test_webkit.py and test_release_e2e.py, and the release made once


def _prefix(lang: str) -> str:
    return "" if lang == DUTCH else f"{lang}/"


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (the test extra in pyproject.toml)"
    if not Path(DRIVER).exists():
        return f"no {DRIVER}; install Debian's webkit2gtk-driver"
    if not glob.glob(MINIBROWSER):
        return f"no MiniBrowser at {MINIBROWSER}; install Debian's webkit2gtk-driver"
    if not shutil.which("Xvfb"):
        return "no Xvfb; install Debian's xvfb"
    return None


class _Trap(socketserver.BaseRequestHandler):
    """Stands in for every other host: WebKit is told to send everything not on 127.0.0.1 here, by
    its proxy setting. Any connection (plain HTTP, or TLS for HTTPS) is a request to another host."""
    def handle(self):
        self.request.settimeout(2)
        try:
            first = self.request.recv(200)
        except OSError:
            first = b""
        self.server.asked.append(first.split(b"\r\n")[0].decode("latin-1") if first[:1].isalpha()
                                 else "an HTTPS connection")


@pytest.fixture(scope="session")
def trap():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Trap)
    server.daemon_threads = True
    server.asked = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _launch(start, seconds: int = 90, tries: int = 2):
    """A WebKit session, each try with a deadline: once, in a full run, WebKitWebDriver never
    brought MiniBrowser up and the session request waited forever. A try that hangs is ended by
    stopping its driver; after the last one the tests fail with the reason."""
    why = ""
    for _ in range(tries):
        service, make = start()
        box: dict = {}

        def run():
            try:
                box["driver"] = make()
            except Exception as e:  # noqa: BLE001 - reported below
                box["error"] = e
        t = threading.Thread(target=run, daemon=True)
        t.start()
        t.join(seconds)
        if "driver" in box:
            return box["driver"]
        why = repr(box["error"]) if "error" in box else f"no WebKit session within {seconds} s"
        try:
            service.stop()
        except Exception:  # noqa: BLE001 - it may never have started
            pass
        t.join(10)
    pytest.fail(f"WebKit did not start: {why}")


@pytest.fixture(scope="session")
def webkit(trap):
    """One WebKit browser for the module, on its own Xvfb display (no screen here, nor on CI)."""
    why = _missing()
    if why:
        if os.environ.get("KB_REQUIRE_BROWSER"):
            pytest.fail(f"WebKit cannot run: {why}; but KB_REQUIRE_BROWSER is set")
        pytest.skip(f"WebKit cannot run: {why}")
    from selenium import webdriver
    from selenium.webdriver.common.proxy import Proxy, ProxyType
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service
    # -displayfd: Xvfb picks a free display itself and writes its number, so parallel runs do not clash
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        ready, _, _ = select.select([xvfb.stdout], [], [], WAIT)
        display = xvfb.stdout.readline().decode().strip() if ready else ""
        if not display.isdigit():
            pytest.fail("Xvfb did not start")
        opts = Options()
        opts.binary_location = sorted(glob.glob(MINIBROWSER))[-1]
        opts.add_argument("--automation")
        elsewhere = f"127.0.0.1:{trap.server_address[1]}"
        opts.proxy = Proxy({"proxyType": ProxyType.MANUAL, "httpProxy": elsewhere, "sslProxy": elsewhere,
                            "noProxy": ["127.0.0.1"]})
        def start():
            service = Service(executable_path=DRIVER, log_output=subprocess.DEVNULL,
                              env=dict(os.environ, DISPLAY=f":{display}"))
            return service, lambda: webdriver.WebKitGTK(options=opts, service=service)
        driver = _launch(start)
        try:
            driver.set_page_load_timeout(30)
            driver.set_script_timeout(WAIT)
            yield driver
        finally:
            driver.quit()
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


@pytest.fixture
def wk(webkit, server, trap):
    """The browser for one test; afterwards no dialog is left open and no tick is left stored, and
    the test fails if any page asked another host for anything."""
    before = len(trap.asked)
    yield webkit
    try:
        webkit.switch_to.alert.dismiss()
    except Exception:  # no dialog open: the usual case
        pass
    if webkit.current_url.startswith(server):
        webkit.execute_script("localStorage.clear()")
    time.sleep(0.2)  # a request still on its way reaches the trap
    assert not trap.asked[before:], f"requests to other hosts: {trap.asked[before:][:5]}"


# ---------------------------------------------------------------- helpers

def _open(driver, url: str):
    driver.get(url)
    _arrived(driver, url)


def _arrived(driver, url: str):
    """Wait until the browser shows ``url``, its ticks set up."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url == url and d.execute_script(
        "return document.readyState === 'complete' && (!document.querySelector('.kb-checklist input[data-item]')"
        " || !!document.querySelector('.kb-checklist input[data-kb-tick]'))"),
        message=f"the browser did not arrive at {url}, its ticks set up")


def _tap(driver, element):
    """A tap with a finger (a WebDriver touch pointer), as on a phone, not a mouse click."""
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)  # actions do not scroll
    tap = ActionBuilder(driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"))
    tap.pointer_action.move_to(element).pointer_down().pointer_up()
    tap.perform()


def _core_labels(driver) -> list:
    """The items' texts on the core list, the first list on the page ("meer vragen" follow it)."""
    return driver.find_element(*_css(".kb-checklist")).find_elements(*_css("label.kb-item"))


def _ticked(driver) -> set:
    return set(driver.execute_script(
        "return Array.from(document.querySelectorAll('.kb-checklist input[data-item]'))"
        ".filter(b => b.checked).map(b => b.dataset.item)"))


def _css(selector: str):
    from selenium.webdriver.common.by import By
    return By.CSS_SELECTOR, selector


def _visible(driver, selector: str):
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, WAIT).until(ec.visibility_of_element_located(_css(selector)),
                                         message=f"{selector} does not show")


def _item(entry, lang: str) -> str:
    """An item's text in ``lang``, from the cards (no Dutch stand-in for a missing translation)."""
    return entry.item.text if lang == DUTCH else entry.card.texts[lang].checklist[entry.item.id]


def _words(text: str) -> str:
    return " ".join(text.split())


def _open_list(driver, server: str, lang: str):
    """The parents' list at phone size: its address and the labels of its core items."""
    driver.set_window_size(*PHONE)
    url = f"{server}/{_prefix(lang)}checklists/ouders/"
    _open(driver, url)
    return url, _core_labels(driver)


@pytest.fixture(scope="module")
def core(site):
    return build_checklists(site)["ouders"].core()


# ---------------------------------------------------------------- ticking

@pytest.mark.parametrize("lang", [DUTCH, *RTL, *WK_PARTIAL])
def test_a_tap_on_the_text_ticks_and_the_tick_stays_after_a_reload(wk, server, core, lang):
    url, labels = _open_list(wk, server, lang)
    assert [_words(x.text) for x in labels] == [_words(_item(e, lang)) for e in core]
    assert _ticked(wk) == set()
    key = labels[2].get_attribute("data-item")
    _tap(wk, labels[2])  # a tap on the words, not on the box
    assert _ticked(wk) == {key}
    wk.refresh()
    _arrived(wk, url)
    assert _ticked(wk) == {key}, "the tick is still there after a reload"
    _tap(wk, wk.find_element(*_css(f'.kb-checklist label.kb-item[data-item="{key}"]')))
    assert _ticked(wk) == set(), "a second tap takes the tick away"
    wk.refresh()
    _arrived(wk, url)
    assert _ticked(wk) == set(), "and it stays away after a reload"


@pytest.mark.parametrize("lang", [DUTCH, *RTL])
def test_start_again_asks_first(wk, server, strings, lang):
    url, labels = _open_list(wk, server, lang)
    _tap(wk, labels[0])
    _tap(wk, labels[1])
    ticked = _ticked(wk)
    assert len(ticked) == 2
    reset = wk.find_element(*_css(".kb-reset"))
    _tap(wk, reset)
    question = wk.switch_to.alert
    assert question.text == strings[lang]["checklist"]["confirm_reset"], "asked, in the reader's language"
    question.dismiss()
    assert _ticked(wk) == ticked, "saying no keeps the ticks"
    _tap(wk, reset)
    wk.switch_to.alert.accept()
    assert _ticked(wk) == set()
    wk.refresh()
    _arrived(wk, url)
    assert _ticked(wk) == set(), "gone for good, also after a reload"


# ---------------------------------------------------------------- switching language

@pytest.mark.parametrize("start, to", [(DUTCH, x) for x in RTL + WK_PARTIAL] + [(RTL[0], DUTCH), ("ckb", DUTCH)])
def test_the_language_switcher_on_the_list_arrives_on_the_same_list(wk, server, core, start, to):
    wk.set_window_size(*PHONE)
    _open(wk, f"{server}/{_prefix(start)}checklists/ouders/")
    _tap(wk, wk.find_element(*_css(".md-select .md-header__button")))  # the language button
    _tap(wk, _visible(wk, f'.md-select a[hreflang="{to}"]'))  # the list of languages opened
    _arrived(wk, f"{server}/{_prefix(to)}checklists/ouders/")
    assert wk.execute_script("return document.documentElement.lang") == to
    assert wk.execute_script("return getComputedStyle(document.querySelector('.md-content')).direction") == \
        direction(to)
    labels = _core_labels(wk)
    assert [x.get_attribute("data-item") for x in labels] == [e.key for e in core], "the same list"
    assert [_words(x.text) for x in labels] == [_words(_item(e, to)) for e in core], "in the other language"


# ---------------------------------------------------------------- ticks follow the parent (issue 23)

def _label(driver, key: str):
    return driver.find_element(*_css(f'.kb-checklist label.kb-item[data-item="{key}"]'))


def test_a_tick_on_the_arabic_list_shows_on_the_dutch_list_and_on_its_card(wk, server, core):
    arabic = RTL[0]
    entry = core[len(core) // 2]
    key = entry.key
    _open_list(wk, server, arabic)
    _tap(wk, _label(wk, key))
    assert _ticked(wk) == {key}
    _tap(wk, wk.find_element(*_css(".md-select .md-header__button")))  # the language button
    _tap(wk, _visible(wk, f'.md-select a[hreflang="{DUTCH}"]'))
    _arrived(wk, f"{server}/checklists/ouders/")
    assert wk.execute_script("return document.documentElement.lang") == DUTCH
    assert _ticked(wk) == {key}, "the tick made in Arabic, on the Dutch list"
    # the item's card, from the link beside the item
    _tap(wk, _label(wk, key).find_element("xpath", "./ancestor::li[1]//small//a"))
    card = f"{server}/{card_path(entry.card)[:-len('.md')]}/"
    _arrived(wk, card)
    assert _ticked(wk) == {key}, "and on its card"
    wk.refresh()
    _arrived(wk, card)
    assert _ticked(wk) == {key}, "still there after a reload"


def test_a_tick_that_cannot_be_stored_is_said_and_not_shown(wk, server, strings, core):
    arabic = RTL[0]
    _open_list(wk, server, arabic)
    assert not wk.find_element(*_css(".kb-storage-failed")).is_displayed()
    # the browser refuses every write from now on, as a full or locked-down storage does
    wk.execute_script("""Storage.prototype.setItem = Storage.prototype.removeItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""")
    _tap(wk, _label(wk, core[0].key))
    assert _ticked(wk) == set(), "not stored, so not shown ticked"
    note = _visible(wk, ".kb-storage-failed")
    assert _words(note.text) == _words(strings[arabic]["checklist"]["storage_failed"]), "said in the reader's language"


# ---------------------------------------------------------------- side by side

def _rows(driver, selector: str) -> list[dict]:
    """Each row of the side-by-side table as the browser lays it out (one round trip, not one per cell)."""
    return driver.execute_script("""
        const box = el => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width}; };
        return Array.from(document.querySelectorAll(arguments[0])).map(tr => ({
            id: tr.dataset.row,
            cells: Array.from(tr.querySelectorAll('td')).map(td => {
                const b = td.querySelector('.kb-box');
                return {lang: td.lang, text: td.innerText, dir: getComputedStyle(td).direction,
                        rect: box(td), box: b && box(b)};
            })}));""", selector)


def _check_row(row: dict, texts: tuple, langs: tuple, rtl: bool):
    """Dutch and the reader's language in one row: the right texts, each with its box, both boxes on one
    line (aligned), each column in its own direction, the Dutch column on the right when mirrored."""
    nl, other = row["cells"]
    where = row["id"]
    assert (nl["lang"], other["lang"]) == langs, where
    assert (_words(nl["text"]), _words(other["text"])) == tuple(_words(t) for t in texts), where
    assert nl["box"] and other["box"], f"{where}: a box in each column"
    assert abs(nl["box"]["y"] - other["box"]["y"]) <= 2, f"{where}: the two texts start on one line"
    assert (nl["dir"], other["dir"]) == ("ltr", "rtl" if rtl else "ltr"), where
    if rtl:  # mirrored: the first (Dutch) column stands on the right
        assert nl["rect"]["x"] >= other["rect"]["x"] + other["rect"]["w"] - 1, where
    else:
        assert other["rect"]["x"] >= nl["rect"]["x"] + nl["rect"]["w"] - 1, where


@pytest.mark.parametrize("start, to", [(DUTCH, RTL[0]), (DUTCH, LTR_OTHERS[0])] + [(x, x) for x in RTL])
def test_side_by_side_view_of_the_list_is_aligned_by_id_and_mirrored(wk, server, core, strings, start, to):
    wk.set_window_size(*TABLET)
    _open(wk, f"{server}/{_prefix(start)}checklists/ouders/")
    # one tap: on the Dutch list a link per language, on the reader's list the one button
    link = f'.kb-sbs a[hreflang="{to}"]' if start == DUTCH else ".kb-sbs a"
    _tap(wk, wk.find_element(*_css(link)))
    _arrived(wk, f"{server}/{to}/checklists/ouders-tweetalig/")
    heads = wk.find_elements(*_css("table.kb-bilingual thead th"))
    assert [_words(h.text) for h in heads] == [strings[DUTCH]["language"], strings[to]["language"]]
    rows = _rows(wk, "table.kb-bilingual tbody tr[data-row]")  # item rows; the moment headings are rows too
    assert [r["id"] for r in rows] == [e.key for e in core], "row by row, by id"
    for row, entry in zip(rows, core):
        _check_row(row, (entry.item.text, _item(entry, to)), (DUTCH, to), to in RTL)


@pytest.mark.parametrize("lang", RTL)
def test_side_by_side_view_of_a_card_in_one_tap(wk, server, site, lang):
    card = site.cards["V13"]
    wk.set_window_size(*TABLET)
    _open(wk, f"{server}/{lang}/voorwaarden/zorg-voor-een-tolk/")
    _tap(wk, wk.find_element(*_css(".kb-sbs a")))
    _arrived(wk, f"{server}/{lang}/naast-elkaar/zorg-voor-een-tolk/")
    rows = _rows(wk, 'table.kb-bilingual tbody tr[data-row^="item-"]')
    assert [r["id"] for r in rows] == [f"item-{i.id}" for i in card.checklist]
    for row, item in zip(rows, card.checklist):
        _check_row(row, (item.text, card.texts[lang].checklist[item.id]), (DUTCH, lang), True)
