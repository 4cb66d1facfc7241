# Two commands matter: `make serve` and `make test`. Everything else is a step they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := build/demo
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint typecheck demo pages build bench fuzz clean

# `make site` builds the public site into build/site-public; `make site AUDIENCE=internal` the
# internal one (personal data: serve it only behind the reviewers' login). Every link is
# relative, so the folder works from any static server under any sub-path (docs/guide/adopt.md).
AUDIENCE ?= public
SITE ?= build/site-$(AUDIENCE)
MKDOCS ?= $(BIN)/mkdocs

$(BIN)/validator: pyproject.toml $(wildcard package-lock.json)
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@# Zensical (Material's successor) is optional: its build test runs only where it installs.
	$(BIN)/pip install --quiet zensical >/dev/null 2>&1 || echo "zensical is not installable here; its test will skip"
	if [ -f package.json ] && command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; fi
	touch $@

venv: $(BIN)/validator

demo: $(BIN)/validator
	rm -rf $(DEMO)
	$(BIN)/validator demo $(DEMO)

serve: demo
	VALIDATOR_REPO=$(DEMO) VALIDATOR_AUDIENCE=internal $(BIN)/mkdocs serve -a 127.0.0.1:8000

pages: demo
	$(BIN)/validator pages --repo $(DEMO) --audience internal

build: $(BIN)/validator
	$(BIN)/mkdocs build --strict

.PHONY: site
site: $(if $(filter $(BIN)/mkdocs,$(MKDOCS)),$(BIN)/validator)
	VALIDATOR_AUDIENCE=$(AUDIENCE) $(MKDOCS) build --strict --site-dir $(SITE)

lint: $(BIN)/validator
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -n 2

# `make bench SCALE=2000`: 400 and 2000 staff side by side, with the scaling targets
bench: $(BIN)/validator
	$(BIN)/python bench/run.py $(if $(SCALE),--scale $(SCALE))

fuzz: $(BIN)/validator
	$(BIN)/pip install --quiet -e '.[fuzz]'
	$(BIN)/python tests/fuzz/fuzz_loader.py -max_total_time=120
	$(BIN)/python tests/fuzz/fuzz_archive_lines.py -max_total_time=60

# The report form's browser libraries, exactly as package-lock.json pins them (committed copies;
# the site loads nothing from a CDN). Run after changing their versions in package.json.
.PHONY: vendor
vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	cp node_modules/@json-editor/json-editor/dist/jsoneditor.js \
	   node_modules/@json-editor/json-editor/dist/jsoneditor.js.LICENSE.txt docs/assets/vendor/json-editor/
	cp node_modules/@json-editor/json-editor/LICENSE docs/assets/vendor/json-editor/LICENSE.txt
	cp node_modules/js-yaml/dist/js-yaml.min.js docs/assets/vendor/js-yaml/
	cp node_modules/js-yaml/LICENSE docs/assets/vendor/js-yaml/LICENSE.txt

clean:
	rm -rf $(VENV) site build docs/status
