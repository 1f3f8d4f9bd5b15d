# The verbs a newcomer types. Every target sets up what it needs first.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: setup run test lint bench browser clean

setup: $(VENV)/.installed static/vendor/.installed

$(VENV)/.installed: requirements.txt requirements-test.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	touch $@

static/vendor/.installed: package.json package-lock.json scripts/vendor.mjs
	npm ci --no-audit --no-fund --loglevel=error
	node scripts/vendor.mjs
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) to run the browser tests"; exit 1; fi; \
	fi

run: setup
	HOST=$(HOST) PORT=$(PORT) $(PY) app.py

test: setup browser
	node --test tests/js/
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check facilitation tests bench app.py
	$(VENV)/bin/ruff format --check facilitation tests bench app.py
	$(VENV)/bin/lint-imports --no-cache

bench: setup browser
	$(PY) -m bench.run $(POINT)

clean:
	rm -rf $(VENV) node_modules static/vendor test-artifacts
