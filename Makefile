# csplan: every target sets up .venv on first use, so `make deck CUSTOMER=acme`
# and `make test` work as the first commands on a fresh clone.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Variables given on the command line (CUSTOMER, LANG, PERIOD, AUDIENCE, JOBS,
# DIST, FROM, ROOT, TEMPLATE) are user text: they reach the shell only through $(call sq,NAME),
# one single-quoted word (each ' as '\''), taken with $(value) so that make
# does not expand a $(…) inside them either. csplan then refuses what is not a
# customer name, locale or period: `make deck CUSTOMER='x; touch y'` runs nothing.
sq = '$(subst ','\'',$(value $(1)))'
# The same for each word of a list of paths (FROM="dir …"), after make's own
# glob: FROM="shards/build-shard-*" names every shard, as the shell did.
sqw = $(foreach w,$(value $(1)),$(foreach p,$(or $(wildcard $(w)),$(w)),'$(subst ','\'',$(p))'))

# make would also export them to every recipe's environment, expanding a
# $(shell …) in them to do so: not these (a sub-make still gets them in MAKEFLAGS).
USER_VARS := CUSTOMER LANG PERIOD AUDIENCE JOBS DIST FROM FORCE NO_STALE ROOT TEMPLATE
unexport $(foreach v,$(USER_VARS),$(if $(filter command line,$(origin $(v))),$(v)))

# ROOT=DIR (on the command line) works on the content of another project
# folder, e.g. a separate content repository: make check ROOT=../our-content.
ifeq ($(origin ROOT),command line)
PROJECT := $(call sq,ROOT)
CSPLAN := $(BIN)/csplan --root $(call sq,ROOT)
else
PROJECT := .
CSPLAN := $(BIN)/csplan
# content/ is the team's working copy (git-ignored in csplan's own repository):
# the first command that needs it seeds it from the examples in examples/.
CONTENT := content
endif

CUSTOMER ?=
# LANG is also the shell's locale variable; only a LANG given on the make
# command line selects an output locale.
ifeq ($(origin LANG),command line)
LANG_ARG = --lang $(call sq,LANG)
endif
# AUDIENCE=internal builds the decks' internal variant (health formula, renewal, upsell, segment labels).
AUDIENCE ?=
AUDIENCE_ARG = $(if $(value AUDIENCE),--audience $(call sq,AUDIENCE))
# TEMPLATE=path/corp.pptx builds the decks into that template (its corp.yaml mapping and fonts/ beside it)
# instead of templates/pptx/default.pptx.
TEMPLATE ?=
TEMPLATE_ARG = $(if $(value TEMPLATE),--template $(call sq,TEMPLATE))

$(CONTENT):
	@cp -R examples $(CONTENT)
	@echo "created $(CONTENT)/ from examples/: your team's content starts here (see README, \"Your team's content\")"

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
	@echo "csplan is installed in $(BIN)/; to type csplan …: make shell, or source $(BIN)/activate"

.PHONY: shell
shell: $(READY) ## Open a shell with csplan on the PATH (exit to leave)
	@echo "csplan is on the PATH in this shell (csplan --help); exit to leave"
	@PATH="$(CURDIR)/$(BIN):$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" $${SHELL:-/bin/bash} -i

check: $(READY) | $(CONTENT) ## Validate the team's content/: make check [CUSTOMER=acme] [ROOT=../our-content]
	@$(CSPLAN) check $(if $(value CUSTOMER),$(call sq,CUSTOMER))

deck: $(READY) | $(CONTENT) ## Check and build the CS plan deck and the latest review deck: make deck CUSTOMER=acme [LANG=pl] [AUDIENCE=internal] [TEMPLATE=corp.pptx]
	@test -n $(call sq,CUSTOMER) || { echo "make deck: name a customer, e.g. make deck CUSTOMER=acme" >&2; exit 2; }
	@$(CSPLAN) build $(call sq,CUSTOMER) --artifact cs-plan $(LANG_ARG) $(AUDIENCE_ARG) $(TEMPLATE_ARG)
	@if compgen -G $(PROJECT)/content/$(call sq,CUSTOMER)'/reviews/*.yaml' >/dev/null; then \
	  $(CSPLAN) build $(call sq,CUSTOMER) --artifact qbr $(LANG_ARG) $(AUDIENCE_ARG) $(TEMPLATE_ARG); fi

PERIOD ?=
.PHONY: qbr
qbr: $(READY) | $(CONTENT) ## Check and build a review deck (QBR, or EBR as the review says): make qbr CUSTOMER=acme [PERIOD=2026-Q3] [LANG=pl] [TEMPLATE=corp.pptx]
	@test -n $(call sq,CUSTOMER) || { echo "make qbr: name a customer, e.g. make qbr CUSTOMER=acme" >&2; exit 2; }
	@$(CSPLAN) build $(call sq,CUSTOMER) --artifact qbr $(if $(value PERIOD),--period $(call sq,PERIOD)) $(LANG_ARG) $(AUDIENCE_ARG) $(TEMPLATE_ARG)

.PHONY: reference questionnaire
reference: $(READY) | $(CONTENT) ## Check and build a customer reference (docx): make reference CUSTOMER=acme [LANG=pl] [AUDIENCE=internal]
	@test -n $(call sq,CUSTOMER) || { echo "make reference: name a customer, e.g. make reference CUSTOMER=acme" >&2; exit 2; }
	@$(CSPLAN) build $(call sq,CUSTOMER) --artifact reference $(LANG_ARG) $(AUDIENCE_ARG)

questionnaire: $(READY) | $(CONTENT) ## Check and build the CX questionnaire with its two references (docx) [LANG=pl]
	@$(CSPLAN) build --artifact questionnaire $(LANG_ARG)

all: $(READY) | $(CONTENT) ## Build every customer × artifact × locale, skipping what is up to date [JOBS=n FORCE=1 AUDIENCE=internal TEMPLATE=corp.pptx]
	@$(CSPLAN) build --all $(if $(value JOBS),-j $(call sq,JOBS)) $(if $(value FORCE),--force) $(LANG_ARG) $(AUDIENCE_ARG) $(TEMPLATE_ARG)

.PHONY: preview
# Builds the decks first (make deck, which gets CUSTOMER and LANG from this command line), then draws them.
preview: $(READY) | $(CONTENT) ## Build the decks, then a contact sheet of each: make preview CUSTOMER=acme [LANG=pl] [TEMPLATE=corp.pptx]
	@test -n $(call sq,CUSTOMER) || { echo "make preview: name a customer, e.g. make preview CUSTOMER=acme" >&2; exit 2; }
	@$(MAKE) --no-print-directory deck
	@$(CSPLAN) preview $(call sq,CUSTOMER) $(LANG_ARG)

.PHONY: schema
schema: $(READY) ## Regenerate schemas/ (JSON Schemas for editors) and docs/content-reference.md from the model
	@$(CSPLAN) schema --reference docs/content-reference.md

.PHONY: publish
# FROM="dir …" publishes those build folders (CI shards, each with its manifest.json) instead of build/.
publish: $(READY) ## After make all: dist/ with PDFs, thumbnails, index.html [JOBS=n DIST=dir FROM=dirs NO_STALE=1]
	@$(CSPLAN) publish $(if $(value JOBS),-j $(call sq,JOBS)) $(if $(value DIST),--dist $(call sq,DIST)) $(foreach d,$(call sqw,FROM),--from $(d)) $(if $(value NO_STALE),--no-stale)

bench: $(READY) | $(CONTENT) ## Benchmark: one deck vs a bare python-pptx script, and a 200-customer batch
	@$(BIN)/python bench/bench_deck.py
	@$(BIN)/python bench/bench_batch.py

test: $(READY) ## Run the test suite (csplan on the pinned examples in examples/, never content/)
	@$(BIN)/python -m pytest

# PYTHONDONTWRITEBYTECODE is cleared so pytest keeps its assertion-rewritten test
# modules in tests/**/__pycache__ (git-ignored) instead of redoing them every run (~4 s).
test-fast: $(READY) ## Run the suite without LibreOffice, Chromium, csplan-subprocess and all-example-deck tests (under a minute)
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
