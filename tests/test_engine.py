"""The compatibility layer (hooks/engine/): each place where the build changes or reads static-i18n,
Material or MkDocs internals has a test here that fails, naming the contact, when an upgrade
changes what it relies on. Run against the pinned versions (requirements.lock)."""
from __future__ import annotations

import hashlib
import importlib
import inspect
import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))

# static-i18n 1.3.1's ExtendedPlugin.reconfigure_files_alternates, of which
# hooks/engine/static_i18n.py holds a faster copy.
ALTERNATES_1_3_1 = "6f85e2de7342bca1e4d3e3784e41d2f45e95ef113f185bbc318ebdd81064be28"


def _upstream_source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    return open(spec.origin, encoding="utf-8").read()


def test_static_i18n_locale_pattern_still_refuses_three_letter_codes():
    """Contact: mkdocs_static_i18n.config.RE_LOCALE (and its copies in suffix, folder). When a new
    static-i18n accepts 'ckb' by itself (upstream #348), drop widen_static_i18n_locales."""
    text = _upstream_source("mkdocs_static_i18n.config")
    m = re.search(r'^RE_LOCALE = compile\(r"(.*)"\)$', text, re.M)
    assert m, "static-i18n changed: mkdocs_static_i18n.config has no RE_LOCALE = compile(...) (hooks/engine/static_i18n.py)"
    upstream = re.compile(m.group(1))
    assert not upstream.match("ckb"), "static-i18n accepts three-letter codes now: remove widen_static_i18n_locales"
    for name in ("suffix", "folder"):
        assert "from mkdocs_static_i18n.config import RE_LOCALE" in _upstream_source(f"mkdocs_static_i18n.{name}"), \
            f"static-i18n changed how mkdocs_static_i18n.{name} gets RE_LOCALE (hooks/engine/static_i18n.py)"


def test_static_i18n_alternates_are_the_version_the_copy_was_made_from():
    """Contact: ExtendedPlugin.reconfigure_files_alternates, replaced by a faster copy. A new
    static-i18n with a changed function fails here: compare the copy with it before upgrading."""
    from mkdocs_static_i18n import reconfigure
    # the upstream function as written in the installed package (our replacement may already be in place)
    text = _upstream_source("mkdocs_static_i18n.reconfigure")
    start = text.index("    def reconfigure_files_alternates(")
    end = text.index("\n    def ", start + 10)
    digest = hashlib.sha256((text[start:end].rstrip("\n") + "\n").encode()).hexdigest()
    assert digest == ALTERNATES_1_3_1, ("static-i18n changed ExtendedPlugin.reconfigure_files_alternates: compare "
                                        "hooks/engine/static_i18n.py with it, then record the new hash here")
    assert hasattr(reconfigure, "ExtendedPlugin")


def test_the_engine_module_puts_both_changes_in_place():
    from mkdocs_static_i18n import config, folder, reconfigure, suffix
    from hooks.engine import static_i18n
    for module in (config, suffix, folder):
        assert module.RE_LOCALE.match("ckb") and module.RE_LOCALE.match("zh-Hans") and module.RE_LOCALE.match("nl")
        assert not module.RE_LOCALE.match("dutch") and not module.RE_LOCALE.match("n1")
    assert reconfigure.ExtendedPlugin.reconfigure_files_alternates is static_i18n.reconfigure_files_alternates


def test_mkdocs_loads_the_engine_before_the_plugins():
    """Contact: MkDocs validates markdown_extensions before plugins (its config schema order), which
    is what lets the engine module change static-i18n before static-i18n reads its languages."""
    from mkdocs.config import defaults
    keys = list(defaults.MkDocsConfig._schema_keys) if hasattr(defaults.MkDocsConfig, "_schema_keys") else \
        [k for k, _ in defaults.MkDocsConfig._schema]
    assert keys.index("markdown_extensions") < keys.index("plugins"), \
        "MkDocs now reads plugins before Markdown extensions: hooks/engine/static_i18n.py runs too late"
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^markdown_extensions:\n(?:  #.*\n)*  - hooks\.engine\.static_i18n$", yml, re.M)
