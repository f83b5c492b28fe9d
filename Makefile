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

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

.PHONY: help setup check deck test snapshot-update clean

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install csplan (done automatically by every target)

check: $(STAMP) ## Validate content: make check [CUSTOMER=acme]
	@$(CSPLAN) check $(CUSTOMER)

deck: $(STAMP) ## Check and build the CS plan deck: make deck CUSTOMER=acme [LANG=pl]
	@test -n "$(CUSTOMER)" || { echo "make deck: name a customer, e.g. make deck CUSTOMER=acme" >&2; exit 2; }
	@$(CSPLAN) build $(CUSTOMER) --artifact cs-plan $(LANG_ARG)

test: $(STAMP) ## Run the test suite
	@$(BIN)/python -m pytest

snapshot-update: $(STAMP) ## Regenerate the golden snapshots after a deliberate change
	@$(BIN)/python -m pytest --snapshot-update

clean: ## Remove build outputs (keeps .venv)
	rm -rf build dist
