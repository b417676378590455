# Gavah — targets are verbs. `make test` and `make demo` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CODE   := src tests benchmarks scripts

.PHONY: setup demo test lint format bench clean

## setup: create .venv and install Gavah with its test extras (re-run when pyproject changes)
setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $(STAMP)

## demo: build a demo workspace from a synthetic scenario and serve it on localhost
demo: setup
	$(BIN)/gavah demo

## test: lint, type-check, check import layers, then run every test on SQLite and PostgreSQL
test: lint
	scripts/test.sh

## lint: ruff, mypy --strict on src/, import-linter
lint: setup
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy
	$(BIN)/lint-imports

## format: apply ruff's fixes and formatting
format: setup
	$(BIN)/ruff check --fix $(CODE)
	$(BIN)/ruff format $(CODE)

## bench: speed and memory measurements (numbers go to docs/performance.md)
bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis demo-workspace .bench
