# baap-kg: every task a newcomer or CI needs. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: help install run test lint typecheck pytest data check-data bench clean browser-deps screenshots eval

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH" >&2; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install baap-kg with its test tools (idempotent)

run: install ## serve the graph at http://$(HOST):$(PORT)
	$(BIN)/baap-kg serve --host $(HOST) --port $(PORT)

lint: install ## ruff
	$(BIN)/ruff check service tests

typecheck: install ## mypy --strict on service/
	$(BIN)/mypy

pytest: install ## the test suite
	$(BIN)/pytest -q

# Debian's chromium + chromedriver drive the browser tests (tests/browser/) and `make screenshots`;
# never a downloaded browser build. fonts-noto-cjk renders the Chinese pages.
browser-deps: ## install chromium, chromium-driver (and CJK fonts) with apt-get when missing
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if ! command -v apt-get >/dev/null; then \
	    echo "no apt-get: install chromium and chromedriver; the browser tests are skipped" >&2; \
	  else \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq; \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	  fi; \
	fi

test: install browser-deps lint typecheck pytest ## ruff, mypy and pytest (with the browser tests)

data: install ## regenerate data/generated and ontology/context.jsonld
	$(BIN)/baap-kg build

check-data: install ## fail when data/ differs from what the inputs generate
	$(BIN)/baap-kg build --check

BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) ## query speed vs bare pyoxigraph and rdflib-endpoint, real and 100x data (BENCH_ARGS=--help)
	$(BIN)/python -m service.bench $(BENCH_ARGS)

eval: install ## /suggest measured: cross-validation on the dataset, the new texts of tests/eval/, p50 over HTTP
	$(BIN)/python -m service.suggest.evaluate $(EVAL_ARGS)

screenshots: install browser-deps ## render the main pages into docs/screenshots/ with headless Chromium
	$(BIN)/python scripts/screenshots.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
