"""The compatibility layer: where the build touches the internals of static-i18n, Material or
MkDocs. Each contact has a test in tests/test_engine.py that names it when an upgrade changes it."""
