# One entry point for people and CI. `make site` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The Nu Html Checker (npm's vnu-jar, run with Java) for the accessibility tests.
TOOLS := tests/tools/node_modules/.installed

.PHONY: site test preview lint bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/portal build

preview: $(STAMP)
	$(BIN)/portal serve

$(TOOLS): tests/tools/package.json tests/tools/package-lock.json
	cd tests/tools && npm ci --no-audit --no-fund --loglevel=error
	touch $(TOOLS)

test: $(STAMP) $(TOOLS)
	$(BIN)/ruff check portal tests scripts
	$(BIN)/ruff format --check portal tests scripts
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .site.staging .site.fresh .site.old .pytest_cache .ruff_cache
