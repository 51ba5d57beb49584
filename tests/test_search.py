"""One search index per language."""
from kennisbank.search import index_files, language_base, split_index

LANGS = ("nl", "en", "tr", "ar")


def test_split_index_keeps_each_language_apart():
    merged = {"config": {"lang": ["nl", "en", "tr", "ar"], "separator": "x"}, "docs": [
        {"location": "", "title": "Thuis", "text": ""},
        {"location": "themas/a/", "title": "A", "text": ""},
        {"location": "tr/themas/a/#x", "title": "A tr", "text": ""},
        {"location": "ar/", "title": "ar", "text": ""},
        {"location": "trein/", "title": "not Turkish: no slash after tr", "text": ""},
    ]}
    out = split_index(merged, LANGS)
    assert [d["location"] for d in out["nl"]["docs"]] == ["", "themas/a/", "trein/"]
    assert [d["location"] for d in out["tr"]["docs"]] == ["themas/a/#x"]
    assert [d["location"] for d in out["ar"]["docs"]] == [""]
    assert out["en"]["docs"] == []
    assert out["tr"]["config"]["lang"] == ["tr"] and out["tr"]["config"]["separator"] == "x"


def test_index_files_for_http_and_file():
    files = index_files({"config": {}, "docs": [{"title": "ş"}]})
    assert files["search_index.js"].startswith("var __index = {") and "ş" in files["search_index.json"]


def test_language_base_ends_with_slash():
    assert language_base("../..", "tr", "nl") == "../../tr/"
    assert language_base("..", "nl", "nl") == ".."
    assert language_base(".", "ar", "nl") == "ar/"


def test_built_indexes_are_per_language(built_site):
    import json
    for lang in LANGS:
        folder = built_site / ("" if lang == "nl" else lang) / "search"
        index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        assert index["docs"], lang
        for doc in index["docs"]:
            assert not doc["location"].startswith(("en/", "tr/", "ar/")), (lang, doc["location"])
