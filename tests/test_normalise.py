"""One set of spelling rules: hooks/kennisbank/normalise.py and the browser's query (docs/assets/search.js)
write every case of tests/data/normalise_cases.json the same way, and the modules that match words use it."""
import json
import re
import shutil
import subprocess

import pytest
from conftest import ROOT
from kennisbank.normalise import fold, fold_persian, query

CASES = json.loads((ROOT / "tests" / "data" / "normalise_cases.json").read_text(encoding="utf-8"))["cases"]
SEARCH_JS = ROOT / "docs" / "assets" / "search.js"

# Runs the normalisation part of search.js in node, without a browser: the code from the line that reads
# the page's language to the end of the table of normalisers, with the page's lang attribute as the only
# "browser" it needs. It prints, per case, what the query becomes (a language without a normaliser:
# search.js leaves the query alone).
NODE = r"""
const fs = require("fs"), vm = require("vm");
const [js, table] = process.argv.slice(1);
const src = fs.readFileSync(js, "utf8");
const start = src.indexOf("var lang = "), end = src.indexOf("}[lang];", start);
if (start < 0 || end < 0) {
  console.error("search.js: the normalisers are no longer between 'var lang = ' and '}[lang];': adapt tests/test_normalise.py");
  process.exit(2);
}
const code = src.slice(start, end + "}[lang];".length) + "\nnormalise;";
const out = JSON.parse(fs.readFileSync(table, "utf8")).cases.map(function (c) {
  const context = vm.createContext({document: {documentElement: {lang: c.language}}, window: {Intl: Intl}, Intl: Intl});
  const normalise = vm.runInContext(code, context);
  return normalise ? normalise(c.input) : c.input;
});
process.stdout.write(JSON.stringify(out));
"""


def _browser_side(table=ROOT / "tests" / "data" / "normalise_cases.json", js=SEARCH_JS) -> list[str]:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed (Debian package nodejs; .ci/run installs it)")
    done = subprocess.run([node, "-e", NODE, str(js), str(table)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _label(c: dict) -> str:
    return f"{c['language']}: {c['input']!r} ({c['why']})"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['language']}-{i}" for i, c in enumerate(CASES)])
def test_python_writes_the_query_as_the_table_says(case):
    assert query(case["input"], case["language"]) == case["expected"], case["why"]


def test_search_js_writes_the_query_as_the_table_says():
    wrong = [(_label(c), got, c["expected"]) for c, got in zip(CASES, _browser_side()) if got != c["expected"]]
    assert not wrong, "search.js and the table differ (case, search.js, table):\n" + "\n".join(map(str, wrong))


def test_the_table_covers_every_language_with_rules():
    have = {c["language"] for c in CASES}
    assert {"ar", "fa", "ckb", "ro", "tr", "uk", "es", "pt", "nl"} <= have
    # every case that changes something changes it in both: the table is not all identities
    assert sum(c["input"] != c["expected"] for c in CASES) >= 25


def test_a_language_tag_with_a_region_uses_its_language():
    assert query("şcoală", "ro-RO") == "școală" and query("كودكي", "FA") == "کودکی"


def test_termbase_fold_one_character_per_character():
    assert fold("IRAK İlk", "tr") == "ırak ilk"
    assert fold("I\u0307zmir", "tr") == "izmir"  # decomposed İ (NFD) as the composed one
    assert fold("أُخرجَ إلى المدرسة", "ar") == "اخرج الي المدرسة"  # one alef; ta marbuta as written (quoted)
    assert fold("هٰذا", "ar") == "هذا"
    assert fold("مسؤول أسئلة", "ar") == "مسؤول اسئلة"
    assert fold("İlk", "nl") == "i̇lk"  # not Turkish: the default lower case


def test_plain_words_fold_persian_spellings():
    assert fold_persian("گروه\u200cهای كودكي") == "گروه های کودکی"


# The modules that match words take their spelling rules from normalise.py, not from a table of their own.
USERS = ("search.py", "glossary.py", "terms.py", "jargon.py")
OWN_RULES = re.compile(r"maketrans|unicodedata|MARKS\s*=|[İışţأإآٱىةؤئ]\"\s*:|replace\(\"[İI’ʼ\u200c]")


@pytest.mark.parametrize("name", USERS)
def test_matching_modules_have_no_spelling_rules_of_their_own(name):
    source = (ROOT / "hooks" / "kennisbank" / name).read_text(encoding="utf-8")
    assert "normalise import" in source, f"{name} does not use normalise.py"
    found = OWN_RULES.findall(source)
    assert not found, f"{name} has spelling rules of its own ({found}): move them to hooks/kennisbank/normalise.py"
