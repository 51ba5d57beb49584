"""The school file, field by field (issue 29: mutants in school.py that the fast tier let live).

What a coordinator may write in school.yml and what comes out of it; what is refused, and with
which one line (file, field, message). Every expectation is written by hand from the documented
rules (school.py's docstring, school.example.yml, WCAG's contrast formula), never computed the way
the code computes it. No build: all of this runs in the fast tier.
"""
from __future__ import annotations

import copy
import os

import pytest

from conftest import LANGUAGES, ROOT
from kennisbank import editor
from kennisbank.model import ContentError
from kennisbank.school import School, check_site_url, contrast_with_white, load_school, read_school

F = "school.yml"
LANGS = ("nl", "en", "ar")

FULL = {
    "name": "OBS De Linde",
    "logo": "deploy/logo.svg",
    "color": "#6A1B4D",
    "site_url": "https://intranet.linde.example/kb",
    "contact": {
        "role": "vertrouwenspersoon",
        "name": "A. Jansen",
        "phone": "+31 (0)30-123.45/67",
        "email": "a.jansen@linde.example",
        "hours": [{"days": ["Donderdag", "maandag", "donderdag"], "from": "8.15", "to": "9:00"},
                  {"days": ["vrijdag"], "from": " 13:05 ", "to": "23:59"}],
        "when": {"nl": "Ook na schooltijd.", "en": ""},
    },
    "vertrouwenspersoon": {"name": "J. de Vries", "phone": 301234567, "email": "jdv@linde.example"},
    "interpreter_languages": ["ar", "tr", "ar", "zh-Hans"],
    "interpreter": {"nl": "Vraag de leerkracht.", "ar": "اسألوا المعلم."},
}


def _raw(**top):
    raw = {"name": "De Linde", "contact": {"role": "contactouder", "name": "A. Jansen"}}
    raw.update(top)
    return raw


def _contact(**fields):
    return _raw(contact={"role": "contactouder", "name": "A. Jansen", **fields})


def _refused(raw, languages=LANGS) -> str:
    with pytest.raises(ContentError) as e:
        load_school(raw, F, languages)
    assert "\n" not in str(e.value)
    return str(e.value)


# ---------------------------------------------------------------- what a full file becomes

def test_a_full_school_file_becomes_the_school_as_written():
    school = load_school(copy.deepcopy(FULL), F, LANGS)
    assert school == School(
        name="OBS De Linde", logo="deploy/logo.svg", color="#6A1B4D", role="vertrouwenspersoon",
        contact="A. Jansen", phone="+31 0 30 123 45 67", email="a.jansen@linde.example",
        when={"nl": "Ook na schooltijd.", "en": ""},
        interpreter={"nl": "Vraag de leerkracht.", "ar": "اسألوا المعلم."},
        site_url="https://intranet.linde.example/kb/",
        hours=(((1, 4), "08:15", "09:00"), ((5,), "13:05", "23:59")),
        interpreter_languages=("ar", "tr", "zh-Hans"),
        confidant={"name": "J. de Vries", "phone": "301234567", "email": "jdv@linde.example"})


def test_the_pages_data_carries_every_given_detail_and_nothing_empty():
    school = load_school(copy.deepcopy(FULL), F, LANGS)
    assert school.data("assets/logo.svg") == {
        "name": "OBS De Linde", "logo": "assets/logo.svg", "color": "#6A1B4D",
        "site_url": "https://intranet.linde.example/kb/",
        "contact": {"role": "vertrouwenspersoon", "name": "A. Jansen", "phone": "+31 0 30 123 45 67",
                    "email": "a.jansen@linde.example",
                    "hours": [{"days": [1, 4], "from": "08:15", "to": "09:00"},
                              {"days": [5], "from": "13:05", "to": "23:59"}],
                    "when": {"nl": "Ook na schooltijd."}},
        "vertrouwenspersoon": {"name": "J. de Vries", "phone": "301234567", "email": "jdv@linde.example"},
        "interpreter_languages": ["ar", "tr", "zh-Hans"],
        "interpreter": {"nl": "Vraag de leerkracht.", "ar": "اسألوا المعلم."},
    }


def test_a_minimal_school_has_only_its_name_and_contact_in_the_data():
    school = load_school(_raw(), F, LANGS)
    assert school.data("") == school.data(None) == school.data()  # no logo: no empty address either
    assert (school.logo, school.color, school.site_url, school.phone, school.email, school.confidant) == (None,) * 6
    assert (school.hours, school.interpreter_languages, school.when, school.interpreter) == ((), (), {}, {})
    assert school.data() == {"name": "De Linde", "contact": {"role": "contactouder", "name": "A. Jansen"}}
    assert school.missing_text(LANGS) == {}


def test_free_text_shows_only_in_its_own_language_and_the_others_are_named():
    school = load_school(copy.deepcopy(FULL), F, LANGS)
    assert school.text(school.interpreter, "ar") == "اسألوا المعلم."
    assert school.text(school.interpreter, "en") is None
    assert school.text(school.when, "en") is None  # written empty: not shown
    assert school.missing_text(LANGS) == {"contact.when": ["en", "ar"], "interpreter": ["en"]}
    assert school.missing_text(("nl",)) == {}
    only_empty = load_school(_contact(when={"nl": ""}), F, LANGS)
    assert only_empty.missing_text(LANGS) == {}  # nothing written: nothing missing


# ---------------------------------------------------------------- the colour

@pytest.mark.parametrize("color, ratio", [
    ("#000000", 21.0), ("#FFFFFF", 1.0), ("#0000ff", 8.59), ("#ff0000", 4.00), ("#008000", 5.14),
    ("#767676", 4.54), ("#777777", 4.48), ("#0a0a0a", 19.80),
])
def test_contrast_against_white_follows_wcag(color, ratio):
    assert contrast_with_white(color) == pytest.approx(ratio, abs=0.006)


def test_a_colour_must_reach_four_and_a_half_to_one():
    assert load_school(_raw(color="#767676"), F, LANGS).color == "#767676"
    assert _refused(_raw(color="#777777")) == (
        "school.yml: field 'color': #777777 has contrast 4.5:1 against white; at least 4.5:1 is needed")
    assert _refused(_raw(color="#ffff00")) == (
        "school.yml: field 'color': #ffff00 has contrast 1.1:1 against white; at least 4.5:1 is needed")


@pytest.mark.parametrize("color", ["6a1b4d", "#6a1b4", "#6a1b4dd", "#6a1b4g", "red", 0x6a1b4d, " #6a1b4d"])
def test_a_colour_is_six_hex_digits_after_a_hash(color):
    assert _refused(_raw(color=color)) == "school.yml: field 'color': must be a colour like \"#6a1b4d\""


# ---------------------------------------------------------------- the file's shape

def test_a_file_that_is_not_a_mapping_is_refused():
    for raw in (["name"], "De Linde", None):
        assert _refused(raw) == "school.yml: field 'file': must be a mapping of the school's details"


def test_unknown_and_missing_fields_are_named():
    assert _refused(_raw(colour="#6a1b4d")) == (
        "school.yml: field 'colour': unknown field; allowed: name, logo, color, site_url, contact, "
        "vertrouwenspersoon, interpreter_languages, interpreter")
    assert _refused({"contact": {"role": "contactouder", "name": "A"}}) == "school.yml: field 'name': missing required field"
    assert _refused({"name": "De Linde"}) == "school.yml: field 'contact': missing required field"
    assert _refused(_raw(contact="A. Jansen")) == "school.yml: field 'contact': must be a mapping"
    assert _refused(_contact(mobile="06")) == (
        "school.yml: field 'contact.mobile': unknown field; allowed: role, name, phone, email, hours, when")


@pytest.mark.parametrize("role", [None, "contactpersoon", "Contactouder", ""])
def test_the_contact_role_is_one_of_two(role):
    raw = _raw(contact={"name": "A. Jansen"} if role is None else {"role": role, "name": "A. Jansen"})
    assert _refused(raw) == "school.yml: field 'contact.role': must be one of: contactouder, vertrouwenspersoon"


def test_both_roles_are_accepted():
    for role in ("contactouder", "vertrouwenspersoon"):
        assert load_school(_raw(contact={"role": role, "name": "A"}), F, LANGS).role == role


@pytest.mark.parametrize("logo", ["deploy/logo.gif", "logo", 42, "logo.svg.txt"])
def test_a_logo_is_an_svg_or_png_path(logo):
    assert _refused(_raw(logo=logo)) == "school.yml: field 'logo': must be the path of an .svg or .png file"


def test_a_logo_extension_in_capitals_is_accepted():
    assert load_school(_raw(logo="deploy/LOGO.PNG"), F, LANGS).logo == "deploy/LOGO.PNG"


# ---------------------------------------------------------------- text fields

@pytest.mark.parametrize("value", [None, "", "   ", 12, ["A"]])
def test_a_name_must_be_text(value):
    assert _refused(_raw(name=value)) == "school.yml: field 'name': must be text"
    assert _refused(_contact(name=value)) == "school.yml: field 'contact.name': must be text"


def test_names_are_at_most_120_characters():
    assert load_school(_raw(name="a" * 120), F, LANGS).name == "a" * 120
    assert _refused(_raw(name="a" * 121)) == "school.yml: field 'name': is 121 characters; at most 120"
    assert _refused(_contact(name="b" * 121)) == "school.yml: field 'contact.name': is 121 characters; at most 120"
    assert _refused(_raw(vertrouwenspersoon={"name": "c" * 121})) == (
        "school.yml: field 'vertrouwenspersoon.name': is 121 characters; at most 120")


@pytest.mark.parametrize("value", ["<b>De Linde</b>", "De Linde > De Eik"])
def test_a_name_with_markup_is_refused(value):
    assert _refused(_raw(name=value)) == "school.yml: field 'name': must be plain text, without HTML"


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JavaScript :x", "**De Linde**", "De_Linde", "De [Linde]",
                                   "De {Linde}", "`De Linde`", "De\\Linde", "De\x00Linde"])
def test_a_name_with_markdown_or_a_script_address_is_refused(value):
    assert _refused(_raw(name=value)) == "school.yml: field 'name': must be plain text, without HTML or Markdown"


def test_a_name_with_a_bidi_control_is_refused():
    assert _refused(_raw(name="De \u202eLinde")) == (
        "school.yml: field 'name': contains a bidi control character (U+202E)")


# ---------------------------------------------------------------- phone and e-mail

@pytest.mark.parametrize("written, shown", [
    ("030 1234567", "030 1234567"), ("030-123.45.67", "030 123 45 67"), ("(030) 123/4567", "030 123 4567"),
    ("+31 30 123 4567", "+31 30 123 4567"), (301234567, "301234567"), ("123456", "123456"),
    ("+31 6 1234 5678 901", "+31 6 1234 5678 901"), ("+31 6 1234 5678 9012", "+31 6 1234 5678 9012"), ("  030   1234567 ", "030 1234567"),
])
def test_a_phone_number_is_shown_with_spaces_only(written, shown):
    assert load_school(_contact(phone=written), F, LANGS).phone == shown
    assert load_school(_raw(vertrouwenspersoon={"name": "J", "phone": written}), F, LANGS).confidant["phone"] == shown


@pytest.mark.parametrize("value", ["12345", "+31 6 1234 5678 90123", "bel de school", "+ 31 30 1234567", "++31301234567",
                                   "030 1234567 toestel 2", " + 030 1234567"])
def test_a_phone_number_that_cannot_be_dialled_is_refused(value):
    assert _refused(_contact(phone=value)) == (
        "school.yml: field 'contact.phone': must be a phone number: digits and spaces, optionally starting with +")


@pytest.mark.parametrize("value", [True, None, 3.5])
def test_a_phone_number_that_is_not_text_is_refused(value):
    assert _refused(_contact(phone=value)) == "school.yml: field 'contact.phone': must be text"
    assert _refused(_raw(vertrouwenspersoon={"name": "J", "phone": value})) == (
        "school.yml: field 'vertrouwenspersoon.phone': must be text")


def test_the_contact_phone_is_at_most_40_characters():
    spaced = "030" + " " * 30 + "1234567"  # 40 characters, 10 digits
    assert load_school(_contact(phone=spaced), F, LANGS).phone == "030 1234567"
    assert _refused(_contact(phone=spaced + " ")) == "school.yml: field 'contact.phone': is 41 characters; at most 40"


@pytest.mark.parametrize("value", ["a.jansen@linde.example", "a_jansen+ouders@linde-school.nl", "X@Y.CO"])
def test_an_email_address_is_accepted(value):
    assert load_school(_contact(email=value), F, LANGS).email == value
    assert load_school(_raw(vertrouwenspersoon={"name": "J", "email": value}), F, LANGS).confidant["email"] == value


@pytest.mark.parametrize("value", ["a.jansen", "a@linde", "a@linde.n", "a b@linde.nl", "a@@linde.nl", "\"a\"@linde.nl",
                                   "a(b)@linde.nl", "a@lin_de.nl", "a@linde.nl ", "a\\b@linde.nl", "a@linde.nl1"])
def test_an_email_address_that_is_not_one_is_refused(value):
    assert _refused(_contact(email=value)) in (
        "school.yml: field 'contact.email': must be an e-mail address like naam@school.nl",
        "school.yml: field 'contact.email': must be plain text, without HTML or Markdown")
    assert _refused(_raw(vertrouwenspersoon={"name": "J", "email": value})).startswith(
        "school.yml: field 'vertrouwenspersoon.email': must be ")


def test_an_email_address_is_checked_as_an_address_not_as_a_name():
    """An underscore is plain text in an address (not Markdown), for the contact and the vertrouwenspersoon."""
    for raw in (_contact(email="j_de_vries@linde.nl"), _raw(vertrouwenspersoon={"name": "J", "email": "j_de_vries@linde.nl"})):
        assert load_school(raw, F, LANGS).data()["contact" if "email" in raw["contact"] else "vertrouwenspersoon"]["email"] == "j_de_vries@linde.nl"
    assert _refused(_contact(email="<a@linde.nl>")) == "school.yml: field 'contact.email': must be plain text, without HTML"
    assert _refused(_contact(email=42)) == "school.yml: field 'contact.email': must be text"


def test_an_email_address_is_at_most_254_characters():
    local = "a" * 64
    ok = f"{local}@{'b' * 186}.nl"  # 254 characters
    assert load_school(_contact(email=ok), F, LANGS).email == ok
    assert _refused(_contact(email=f"{local}@{'b' * 187}.nl")) == (
        "school.yml: field 'contact.email': is 255 characters; at most 254")


# ---------------------------------------------------------------- the vertrouwenspersoon

def test_the_vertrouwenspersoon_is_a_mapping_of_name_phone_email():
    assert load_school(_raw(vertrouwenspersoon={"name": "J. de Vries"}), F, LANGS).confidant == {"name": "J. de Vries"}
    assert _refused(_raw(vertrouwenspersoon="J. de Vries")) == (
        "school.yml: field 'vertrouwenspersoon': must be a mapping with name, phone, email")
    assert _refused(_raw(vertrouwenspersoon={"name": "J", "role": "x"})) == (
        "school.yml: field 'vertrouwenspersoon.role': unknown field; allowed: name, phone, email")
    assert _refused(_raw(vertrouwenspersoon={"phone": "030 1234567"})) == (
        "school.yml: field 'vertrouwenspersoon.name': must be text")


# ---------------------------------------------------------------- hours

def _hours(*rows):
    return _contact(hours=list(rows))


def test_hours_become_iso_weekdays_and_24_hour_times():
    school = load_school(_hours({"days": ["ZONDAG", "zaterdag", "dinsdag", "woensdag"], "from": "0:00", "to": "0.01"},
                                {"days": ["vrijdag"], "from": "19:59", "to": "20:00"}), F, LANGS)
    assert school.hours == (((2, 3, 6, 7), "00:00", "00:01"), ((5,), "19:59", "20:00"))


def test_at_most_seven_rows_of_hours():
    row = {"days": ["maandag"], "from": "8:00", "to": "9:00"}
    assert len(load_school(_hours(*[dict(row)] * 7), F, LANGS).hours) == 7
    assert _refused(_hours(*[dict(row)] * 8)) == (
        "school.yml: field 'contact.hours': must be a list (at most 7) of {days, from, to}")
    assert _refused(_contact(hours=row)) == (
        "school.yml: field 'contact.hours': must be a list (at most 7) of {days, from, to}")


@pytest.mark.parametrize("row", [
    "maandag 8:00-9:00", {"days": ["maandag"], "from": "8:00"},
    {"days": ["maandag"], "from": "8:00", "to": "9:00", "note": "x"},
])
def test_a_row_of_hours_has_exactly_days_from_and_to(row):
    ok = {"days": ["maandag"], "from": "8:00", "to": "9:00"}
    assert _refused(_hours(ok, row)) == "school.yml: field 'contact.hours[2]': must have exactly days, from and to"


@pytest.mark.parametrize("days", [[], "maandag", ["maandag", "mandag"], ["monday"], [1], None])
def test_days_are_dutch_weekdays(days):
    assert _refused(_hours({"days": days, "from": "8:00", "to": "9:00"})) == (
        "school.yml: field 'contact.hours[1].days': must be a list of weekdays: "
        "maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag")


@pytest.mark.parametrize("value", ["24:00", "8:60", "8", "08:15:00", "8h15", "", 815, None, "x8:15", "8:15x", "123:00"])
def test_a_time_is_hours_and_minutes(value):
    assert _refused(_hours({"days": ["maandag"], "from": value, "to": "23:00"})) == (
        "school.yml: field 'contact.hours[1].from': must be a time like \"8:15\" (hours:minutes, 24-hour clock)")
    assert _refused(_hours({"days": ["maandag"], "from": "0:00", "to": value})) == (
        "school.yml: field 'contact.hours[1].to': must be a time like \"8:15\" (hours:minutes, 24-hour clock)")


@pytest.mark.parametrize("start, end", [("9:00", "9:00"), ("9:00", "8:59"), ("10:00", "9:30"), ("12:00", "09:00")])
def test_the_end_must_come_after_the_start(start, end):
    message = _refused(_hours({"days": ["maandag"], "from": start, "to": end}))
    assert message.startswith("school.yml: field 'contact.hours[1].to': ") and " is not after " in message


def test_the_end_is_named_with_the_start():
    assert _refused(_hours({"days": ["maandag"], "from": "9.30", "to": "9:00"})) == (
        "school.yml: field 'contact.hours[1].to': 09:00 is not after 09:30")


def test_times_compare_as_times_not_as_written():
    assert load_school(_hours({"days": ["maandag"], "from": "8:00", "to": "10:00"}), F, LANGS).hours == (
        ((1,), "08:00", "10:00"),)


# ---------------------------------------------------------------- interpreter languages

def test_interpreter_languages_are_iso_codes_each_once():
    codes = ["ar", "tr", "fa", "ckb", "zh-Hans", "ar"]
    assert load_school(_raw(interpreter_languages=codes), F, LANGS).interpreter_languages == (
        "ar", "tr", "fa", "ckb", "zh-Hans")
    forty = [a + b for a in "abcdefgh" for b in "abcde"]
    assert len(load_school(_raw(interpreter_languages=forty), F, LANGS).interpreter_languages) == 40


@pytest.mark.parametrize("value", [["Arabisch"], ["AR"], ["a"], ["arab"], ["zh-hans"], ["zh-HANS"], ["zh-Hans-CN"],
                                   ["zh_Hans"], [1], "ar", {"ar": 1},
                                   [a + b for a in "abcdefgh" for b in "abcde"] + ["ti"]])
def test_other_interpreter_languages_are_refused(value):
    assert _refused(_raw(interpreter_languages=value)) == (
        "school.yml: field 'interpreter_languages': must be a list of language codes like [ar, tr, fa, ti] (ISO 639)")


# ---------------------------------------------------------------- free text per language

def test_free_text_per_language():
    school = load_school(_raw(interpreter={"nl": "x" * 600, "en": ""}), F, LANGS)
    assert school.interpreter == {"nl": "x" * 600, "en": ""}
    assert _refused(_raw(interpreter={"nl": "x" * 601})) == (
        "school.yml: field 'interpreter.nl': is 601 characters; at most 600")
    assert _refused(_contact(when={"tr": "Salı"})) == (
        "school.yml: field 'contact.when.tr': unknown language; configured: nl, en, ar")
    assert _refused(_raw(interpreter="Vraag de leerkracht.")) == (
        "school.yml: field 'interpreter': must be a mapping per language, like {nl: ..., en: ...}")
    assert _refused(_contact(when=["nl"])) == (
        "school.yml: field 'contact.when': must be a mapping per language, like {nl: ..., en: ...}")
    assert _refused(_raw(interpreter={"en": "*Ask*"})) == (
        "school.yml: field 'interpreter.en': must be plain text, without HTML or Markdown")
    assert _refused(_raw(interpreter={"en": None})) == "school.yml: field 'interpreter.en': must be text"


def test_a_partial_language_may_have_free_text():
    school = load_school(_raw(interpreter={"zh-Hans": "请问老师。"}), F, ("nl", "en", "zh-Hans"))
    assert school.text(school.interpreter, "zh-Hans") == "请问老师。"


# ---------------------------------------------------------------- the site's address

@pytest.mark.parametrize("value, kept", [
    ("https://intranet.school.nl/kennisbank/", "https://intranet.school.nl/kennisbank/"),
    ("http://school.nl", "http://school.nl/"),
    ("https://school.nl:8443/kb", "https://school.nl:8443/kb/"),
])
def test_a_site_address_is_a_folder(value, kept):
    assert check_site_url(value, F, "site_url") == kept
    assert load_school(_raw(site_url=value), F, LANGS).site_url == kept


@pytest.mark.parametrize("value", [
    "ftp://school.nl/", "school.nl/kb/", "https:///kb/", "https://user@school.nl/", "https://school.nl/?a=1",
    "https://school.nl/#top", "https://school.nl/k b/", "https://school.nl/\"x", "https://school.nl/'x",
    "https://school.nl/<x>", "https://school.nl/\\x", "https://school.nl/`x`", "javascript:alert(1)//",
])
def test_other_site_addresses_are_refused(value):
    assert _refused(_raw(site_url=value)) == (
        "school.yml: field 'site_url': must be a web address like https://intranet.school.nl/kennisbank/")


def test_a_site_address_is_at_most_300_characters():
    base = "https://school.nl/"
    ok = base + "k" * (300 - len(base))
    assert check_site_url(ok, F, "site_url") == ok + "/"
    for value in (ok + "k", 42, None):
        with pytest.raises(ContentError) as e:
            check_site_url(value, F, "site_url")
        assert str(e.value) == "school.yml: field 'site_url': must be a web address of at most 300 characters"


# ---------------------------------------------------------------- the file itself and its logo

def _file(tmp_path, text: str | bytes, name="school.yml"):
    f = tmp_path / name
    f.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return f


def _read_refused(file, root) -> str:
    with pytest.raises(ContentError) as e:
        read_school(file, root, LANGS)
    assert "\n" not in str(e.value)
    return str(e.value)


SMALL = "name: De Linde\ncontact: {role: contactouder, name: A. Jansen}\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_school_file_is_read_from_an_absolute_or_a_relative_path(tmp_path, monkeypatch):
    f = _file(tmp_path, SMALL)
    assert read_school(f, tmp_path, LANGS).name == "De Linde"
    monkeypatch.chdir(tmp_path)
    assert read_school("school.yml", tmp_path, LANGS).contact == "A. Jansen"


def test_a_missing_file_is_named(tmp_path):
    assert _read_refused(tmp_path / "scool.yml", tmp_path) == "scool.yml: field 'file': not found"
    assert _read_refused(tmp_path, tmp_path).endswith(": field 'file': not found")  # a folder


def test_the_file_is_at_most_64_kb(tmp_path):
    pad = "#" * (64 * 1024 - len(SMALL) - 1) + "\n"
    assert read_school(_file(tmp_path, SMALL + pad), tmp_path, LANGS).name == "De Linde"  # 65,536 bytes
    assert _read_refused(_file(tmp_path, SMALL + pad + "\n"), tmp_path) == (
        "school.yml: field 'file': is 65,537 bytes; at most 65,536")


def test_the_file_is_utf8_without_bom(tmp_path):
    assert _read_refused(_file(tmp_path, SMALL.encode("utf-16")), tmp_path) == "school.yml: field 'file': not valid UTF-8"
    assert _read_refused(_file(tmp_path, "\ufeff" + SMALL), tmp_path) == (
        "school.yml: field 'file': starts with a byte order mark (BOM); save it as UTF-8 without BOM")


def test_the_logo_comes_back_as_an_absolute_path_inside_the_project(tmp_path):
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "logo.png").write_bytes(PNG)
    school = read_school(_file(tmp_path, SMALL + "logo: deploy/logo.png\n"), tmp_path, LANGS)
    assert school.logo == str((tmp_path / "deploy" / "logo.png").resolve())
    example = read_school(ROOT / "school.example.yml", ROOT, LANGUAGES)
    assert example.logo == str(ROOT.resolve() / "deploy" / "school-example-logo.svg")


def test_a_logo_outside_the_project_is_refused(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "logo.png").write_bytes(PNG)
    for logo in ("../logo.png", str(tmp_path / "logo.png"), "deploy/../../logo.png"):
        assert _read_refused(_file(root, SMALL + f"logo: {logo}\n"), root) == (
            "school.yml: field 'logo': must be a path inside the project, like deploy/logo.svg")


def test_a_logo_behind_a_symbolic_link_is_refused(tmp_path):
    root = tmp_path / "project"
    (root / "real").mkdir(parents=True)
    (root / "real" / "logo.png").write_bytes(PNG)
    os.symlink(root / "real", root / "deploy")
    os.symlink(root / "real" / "logo.png", root / "logo.png")
    assert _read_refused(_file(root, SMALL + "logo: deploy/logo.png\n"), root) == (
        "school.yml: field 'logo': deploy/logo.png is a symbolic link; a regular file is needed")
    assert _read_refused(_file(root, SMALL + "logo: logo.png\n"), root) == (
        "school.yml: field 'logo': logo.png is a symbolic link; a regular file is needed")
    assert read_school(_file(root, SMALL + "logo: real/logo.png\n"), root, LANGS).logo.endswith("logo.png")


def test_a_missing_logo_is_named(tmp_path):
    (tmp_path / "deploy.png").mkdir()
    assert _read_refused(_file(tmp_path, SMALL + "logo: deploy/logo.png\n"), tmp_path) == (
        "school.yml: field 'logo': file not found: deploy/logo.png")
    assert _read_refused(_file(tmp_path, SMALL + "logo: deploy.png\n"), tmp_path) == (
        "school.yml: field 'logo': file not found: deploy.png")  # a folder


def test_a_logo_is_at_most_512_kb(tmp_path):
    (tmp_path / "ok.png").write_bytes(PNG + b"\x00" * (512 * 1024 - len(PNG)))
    assert read_school(_file(tmp_path, SMALL + "logo: ok.png\n"), tmp_path, LANGS).logo
    (tmp_path / "big.png").write_bytes(PNG + b"\x00" * (512 * 1024 - len(PNG) + 1))
    assert _read_refused(_file(tmp_path, SMALL + "logo: big.png\n"), tmp_path) == (
        "school.yml: field 'logo': big.png is 524,289 bytes; at most 524,288")


def test_a_png_logo_must_be_a_png_image(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"GIF89a" + b"\x00" * 32)
    assert _read_refused(_file(tmp_path, SMALL + "logo: logo.png\n"), tmp_path) == (
        "school.yml: field 'logo': logo.png is not a PNG image")
    (tmp_path / "LOGO.PNG").write_bytes(b"<svg/>")
    assert _read_refused(_file(tmp_path, SMALL + "logo: LOGO.PNG\n"), tmp_path) == (
        "school.yml: field 'logo': LOGO.PNG is not a PNG image")


def test_an_svg_logo_is_checked_as_svg(tmp_path):
    (tmp_path / "logo.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (tmp_path / "LOGO.SVG").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    for name in ("logo.svg", "LOGO.SVG"):
        message = _read_refused(_file(tmp_path, SMALL + f"logo: {name}\n"), tmp_path)
        assert message.startswith(f"school.yml: field 'logo': {name} is geen gewoon SVG-plaatje") and "<script>" in message
    (tmp_path / "ok.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    assert read_school(_file(tmp_path, SMALL + "logo: ok.svg\n"), tmp_path, LANGS).logo.endswith("ok.svg")


def test_a_too_long_site_address_is_told_in_dutch(monkeypatch):
    monkeypatch.setenv("KB_LANG", "nl")
    with pytest.raises(ContentError) as e:
        check_site_url("https://school.nl/" + "k" * 300, F, "site_url")
    assert editor.error(e.value) == "school.yml: veld 'site_url': moet een webadres zijn van ten hoogste 300 tekens"


def test_too_long_text_and_an_unknown_language_are_told_in_dutch(monkeypatch):
    monkeypatch.setenv("KB_LANG", "nl")
    for raw, line in (
        (_raw(name="a" * 121), "school.yml: veld 'name': is 121 tekens; ten hoogste 120. Maak de tekst korter"),
        (_raw(interpreter={"nl": "x" * 601}), "school.yml: veld 'interpreter.nl': is 601 tekens; ten hoogste 600. Maak de tekst korter"),
        (_raw(interpreter={"so": "x"}), "school.yml: veld 'interpreter.so': onbekende taal; ingesteld zijn: nl, en, ar"),
    ):
        with pytest.raises(ContentError) as e:
            load_school(raw, F, LANGS)
        assert editor.error(e.value) == line
