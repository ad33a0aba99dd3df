# Twinning Hub
#   make run    set everything up (first time: a few minutes) and serve http://127.0.0.1:5000
#   make test   set up the development tools and run every test, the browser tests included
#
# Needs Python 3.11+, Node 20 with npm, and apt (for Chromium) on the machine; nothing else.
# Stamp files (.venv/.installed*, .make-*) keep a second run from installing everything again.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
FLASK := $(VENV)/bin/flask --app hub
HOST ?= 127.0.0.1
PORT ?= 5000
CHROMIUM := /usr/bin/chromium
HTMX := static/vendor/htmx.min.js
AXE := node_modules/axe-core/axe.min.js
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)

.PHONY: run test install install-dev vendor translations translate-extract translate-update \
	translate-compile migrate demo chromium lint bench screenshots clean

run: install vendor translations migrate demo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install-dev vendor translations chromium
	$(VENV)/bin/pytest

# -- Python --------------------------------------------------------------------------------------

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -e '.[dev]'
	touch $@

# -- Front-end files (htmx, pinned in package.json / package-lock.json) ------------------------
# npm ci also brings axe-core (a devDependency), which the accessibility tests inject into pages.

vendor: $(HTMX) $(AXE)

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(HTMX): $(AXE)
	install -D -m 644 node_modules/htmx.org/dist/htmx.min.js $@

# -- Translations ---------------------------------------------------------------------------------

translations: .make-translations

.make-translations: $(PO_FILES) $(VENV)/.installed
	$(FLASK) translate compile
	touch $@

translate-extract: install
	$(FLASK) translate extract

translate-update: install
	$(FLASK) translate update

translate-compile: install
	$(FLASK) translate compile
	touch .make-translations

# -- Database ------------------------------------------------------------------------------------

migrate: install
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo --if-empty

# -- Tests and tools -----------------------------------------------------------------------------

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
chromium:
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else echo "$(CHROMIUM) is missing and cannot be installed without root:" \
		"run 'sudo apt-get install chromium' and try again." >&2; exit 1; fi; \
	echo "Installing Chromium for the browser tests…"; \
	$$sudo apt-get update \
		&& $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium \
		|| { echo "Could not install Chromium with apt-get; the browser tests need it." >&2; exit 1; }; \
	test -x $(CHROMIUM) || { echo "apt-get installed no $(CHROMIUM)." >&2; exit 1; }

lint: install-dev
	$(VENV)/bin/ruff check hub tests bench migrations/env.py

bench: install-dev vendor translations
	$(PY) bench/pages.py
	$(PY) bench/bench_forum.py
	$(PY) bench/bench_library.py
	$(PY) bench/bench_search.py --posts 100000 --documents 5000

# Screenshots of the main pages (desktop and phone) for the README, into docs/screenshots/.
# Flags and other emoji need a colour emoji font; fonts-noto-color-emoji is installed when apt can.
screenshots: install-dev vendor translations chromium
	@fc-list 2>/dev/null | grep -qi "color emoji" || { \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-color-emoji \
			>/dev/null 2>&1 || echo "No colour emoji font: flags show as letters." >&2; }
	$(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) node_modules static/vendor .make-* *.egg-info .pytest_cache .ruff_cache
	find translations -name '*.mo' -delete
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
	@echo "Kept instance/ (the development database and files); remove it by hand to start anew."
