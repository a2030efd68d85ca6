# mkdocs-pgm developer tasks. GNU make; recipes are POSIX sh.
# On a fresh Debian machine only python3 and make are needed: missing system
# packages (python3-venv, graphviz, chromium) are installed with apt-get,
# through sudo when you are not root.

SHELL := /bin/sh
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test
# A separate environment with Backstage's mkdocs-techdocs-core (it pins mkdocs-material and
# more, so it cannot share .venv) and the npm packages of tests/node (DOMPurify, jsdom):
# tests/test_techdocs.py needs both.
TECHDOCS_VENV  := .venv-techdocs
TECHDOCS_STAMP := $(TECHDOCS_VENV)/.installed
NODE_DIR       := tests/node
NODE_STAMP     := $(NODE_DIR)/node_modules/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
CHROMIUM := /usr/bin/chromium
# Extra arguments for pytest: make test PYTEST_ARGS='-k browser -x'
PYTEST_ARGS ?=
# Material 9.7+ prints a long notice about MkDocs 2 on every build; it is not about this project.
export NO_MKDOCS_2_WARNING := 1

# $(call apt_ensure,TEST,PACKAGES): run TEST (a shell condition); when it fails,
# install PACKAGES with apt-get, as root or through sudo.
define apt_ensure
if $(1); then :; else \
	if [ "$$(id -u)" -eq 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "error: '$(2)' is missing and you are neither root nor have sudo." >&2; \
	     echo "       Install it as root (apt-get install $(2)) and run make again." >&2; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	     echo "error: '$(2)' is missing and apt-get is not available: install $(2) with your package manager." >&2; exit 1; fi; \
	echo ">>> installing $(2) with apt-get"; \
	$$SUDO apt-get update && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(2); \
fi
endef

.PHONY: help install graphviz chromium techdocs-env node-deps demo site serve test lint check package clean distclean

help: ## List the targets
	@echo "Usage: make <target>"
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z-]*:.*## / { printf "  %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo
	@echo "Variables: HOST=$(HOST) PORT=$(PORT) PYTHON=$(PYTHON) PYTEST_ARGS='$(PYTEST_ARGS)'"

demo: site ## Install everything, build the example site in docs/ and serve it on http://127.0.0.1:8000
	$(BIN)/mkdocs serve -a $(HOST):$(PORT)

site: install graphviz ## Build the example site into site/ (mkdocs build --strict)
	$(BIN)/mkdocs build --strict

test: install lint graphviz chromium techdocs-env node-deps ## Install test dependencies, lint, install Graphviz and Chromium, then run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## Run ruff and mypy (configured in pyproject.toml)
	$(BIN)/ruff check mkdocs_pgm tests benchmarks
	$(BIN)/mypy

package: install ## Build the sdist and wheel into dist/ and check them with twine
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

check: install ## Validate the front matter of docs/ and its sources (mkdocs-pgm check --sources docs)
	$(BIN)/mkdocs-pgm check --sources docs

install: $(STAMP) ## Create .venv and install the package with its test extras (editable)

graphviz: ## Install Graphviz (dot) with apt-get when it is not on PATH
	@$(call apt_ensure,command -v dot >/dev/null 2>&1,graphviz)

chromium: ## Install Debian's chromium with apt-get when /usr/bin/chromium is missing
	@$(call apt_ensure,[ -x $(CHROMIUM) ],chromium)

techdocs-env: $(TECHDOCS_STAMP) ## Create .venv-techdocs: mkdocs-techdocs-core and the plugin (editable), for the TechDocs tests

node-deps: $(NODE_STAMP) ## Install the npm packages of tests/node (DOMPurify, jsdom) with Debian's node and npm

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf site build dist test-results .pytest_cache .hypothesis .cache .mypy_cache .ruff_cache
	find . \( -path ./$(VENV) -o -path ./$(TECHDOCS_VENV) \) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean ## clean, and remove .venv, .venv-techdocs and tests/node/node_modules too
	rm -rf $(VENV) $(TECHDOCS_VENV) $(NODE_DIR)/node_modules *.egg-info

# The virtual environment. Debian ships venv/ensurepip separately (python3-venv).
$(BIN)/python:
	@$(call apt_ensure,$(PYTHON) -c 'import ensurepip' >/dev/null 2>&1,python3-venv)
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

# Reinstalled only when pyproject.toml changes (or .venv is recreated).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[test]'
	touch $@

# Backstage's TechDocs builder: its own environment, remade when pyproject.toml changes.
$(TECHDOCS_VENV)/bin/python:
	@$(call apt_ensure,$(PYTHON) -c 'import ensurepip' >/dev/null 2>&1,python3-venv)
	$(PYTHON) -m venv $(TECHDOCS_VENV) || { rm -rf $(TECHDOCS_VENV); exit 1; }

$(TECHDOCS_STAMP): pyproject.toml | $(TECHDOCS_VENV)/bin/python
	$(TECHDOCS_VENV)/bin/pip install mkdocs-techdocs-core -e .
	touch $@

# npm ci installs exactly what package-lock.json says; again when the lock file changes.
$(NODE_STAMP): $(NODE_DIR)/package-lock.json
	@$(call apt_ensure,command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1,nodejs npm)
	npm ci --prefix $(NODE_DIR) --no-audit --no-fund
	touch $@
