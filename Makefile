# csplan: every target sets up .venv on first use, so `make deck CUSTOMER=acme`
# and `make test` work as the first commands on a fresh clone.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CSPLAN := $(BIN)/csplan

CUSTOMER ?=
# LANG is also the shell's locale variable; only a LANG given on the make
# command line selects an output locale.
ifeq ($(origin LANG),command line)
LANG_ARG := --lang $(LANG)
endif
# AUDIENCE=internal builds the decks' internal variant (health formula, renewal, upsell, segment labels).
AUDIENCE ?=
AUDIENCE_ARG := $(if $(AUDIENCE),--audience $(AUDIENCE))

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

# Bytecode for the package, refreshed when a source changes: Python would
# otherwise compile it again on every run wherever PYTHONDONTWRITEBYTECODE is
# set (~40 ms of a one-deck build).
READY := $(VENV)/.compiled-stamp
$(READY): $(STAMP) $(wildcard pipeline/*.py pipeline/*/*.py)
	@$(BIN)/python -m compileall -q pipeline
	@touch $(READY)

POT := locales/csplan.pot
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)

.PHONY: help setup check deck all bench test test-fast snapshot-update clean i18n-extract i18n-update i18n-check

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

setup: $(READY) ## Create .venv and install csplan (done automatically by every target)

check: $(READY) ## Validate content: make check [CUSTOMER=acme]
	@$(CSPLAN) check $(CUSTOMER)

deck: $(READY) ## Check and build the CS plan deck and the latest review deck: make deck CUSTOMER=acme [LANG=pl] [AUDIENCE=internal]
	@test -n "$(CUSTOMER)" || { echo "make deck: name a customer, e.g. make deck CUSTOMER=acme" >&2; exit 2; }
	@$(CSPLAN) build $(CUSTOMER) --artifact cs-plan $(LANG_ARG) $(AUDIENCE_ARG)
	@if compgen -G 'content/$(CUSTOMER)/reviews/*.yaml' >/dev/null; then \
	  $(CSPLAN) build $(CUSTOMER) --artifact qbr $(LANG_ARG) $(AUDIENCE_ARG); fi

PERIOD ?=
.PHONY: qbr
qbr: $(READY) ## Check and build a review deck (QBR, or EBR as the review says): make qbr CUSTOMER=acme [PERIOD=2026-Q3] [LANG=pl]
	@test -n "$(CUSTOMER)" || { echo "make qbr: name a customer, e.g. make qbr CUSTOMER=acme" >&2; exit 2; }
	@$(CSPLAN) build $(CUSTOMER) --artifact qbr $(if $(PERIOD),--period $(PERIOD)) $(LANG_ARG) $(AUDIENCE_ARG)

.PHONY: reference questionnaire
reference: $(READY) ## Check and build a customer reference (docx): make reference CUSTOMER=acme [LANG=pl] [AUDIENCE=internal]
	@test -n "$(CUSTOMER)" || { echo "make reference: name a customer, e.g. make reference CUSTOMER=acme" >&2; exit 2; }
	@$(CSPLAN) build $(CUSTOMER) --artifact reference $(LANG_ARG) $(AUDIENCE_ARG)

questionnaire: $(READY) ## Check and build the CX questionnaire with its two references (docx) [LANG=pl]
	@$(CSPLAN) build --artifact questionnaire $(LANG_ARG)

all: $(READY) ## Build every customer × artifact × locale, skipping what is up to date [JOBS=n FORCE=1 AUDIENCE=internal]
	@$(CSPLAN) build --all $(if $(JOBS),-j $(JOBS)) $(if $(FORCE),--force) $(LANG_ARG) $(AUDIENCE_ARG)

.PHONY: preview
# Builds the decks first (make deck, which gets CUSTOMER and LANG from this command line), then draws them.
preview: $(READY) ## Build the decks, then a contact sheet of each: make preview CUSTOMER=acme [LANG=pl]
	@test -n "$(CUSTOMER)" || { echo "make preview: name a customer, e.g. make preview CUSTOMER=acme" >&2; exit 2; }
	@$(MAKE) --no-print-directory deck
	@$(CSPLAN) preview $(CUSTOMER) $(LANG_ARG)

.PHONY: publish
# FROM="dir …" publishes those build folders (CI shards, each with its manifest.json) instead of build/.
publish: $(READY) ## After make all: dist/ with PDFs, thumbnails, index.html [JOBS=n DIST=dir FROM=dirs]
	@$(CSPLAN) publish $(if $(JOBS),-j $(JOBS)) $(if $(DIST),--dist $(DIST)) $(foreach d,$(FROM),--from $(d))

bench: $(READY) ## Benchmark: one deck vs a bare python-pptx script, and a 200-customer batch
	@$(BIN)/python bench/bench_deck.py
	@$(BIN)/python bench/bench_batch.py

test: $(READY) ## Run the test suite
	@$(BIN)/python -m pytest

# PYTHONDONTWRITEBYTECODE is cleared so pytest keeps its assertion-rewritten test
# modules in tests/**/__pycache__ (git-ignored) instead of redoing them every run (~4 s).
test-fast: $(READY) ## Run the suite without LibreOffice, Chromium, csplan-subprocess and all-example-deck tests (under 30 s)
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -m "not libreoffice and not chromium and not cli and not examples"

snapshot-update: $(READY) ## Regenerate the golden snapshots after a deliberate change
	@$(BIN)/python -m pytest --snapshot-update

i18n-extract: $(READY) ## Refresh locales/csplan.pot from the code (babel.cfg says where)
	@$(BIN)/pybabel -q extract -F babel.cfg -o $(POT) --project csplan --version $(VERSION) \
	  --copyright-holder "the csplan authors" --sort-by-file --no-wrap .
	@echo "wrote $(POT); next: make i18n-update"

i18n-update: $(READY) ## Merge locales/csplan.pot into every .po (changed messages become fuzzy)
	@$(BIN)/pybabel -q update -D csplan -i $(POT) -d locales --no-wrap --previous --ignore-obsolete
	@echo "updated locales/*/LC_MESSAGES/csplan.po; translate what make i18n-check lists"

i18n-check: $(READY) ## Check the catalogs: missing, fuzzy, obsolete, duplicates, plurals, placeholders
	@$(CSPLAN) i18n check

clean: ## Remove build outputs (keeps .venv)
	rm -rf build dist
