# The verbs a newcomer types. Every target sets up what it needs first.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYBABEL := $(VENV)/bin/pybabel

# The catalogues (docs/i18n.md): translations/<lang>/LC_MESSAGES/{messages,js}.po are the source and are
# committed; the compiled .mo are built here at set-up from them and never committed, so a .mo can never be
# older than its .po. `messages` is templates and Python, `js` the browser modules' t()/nt() strings.
TRANSLATED := cy ar
PO_FILES := $(wildcard translations/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: setup run test test-gevent lint translations bench bench-themes browser clean cluster cluster-stop cluster-packages

setup: $(VENV)/.installed static/vendor/.installed $(MO_FILES)

$(VENV)/.installed: requirements.txt requirements-test.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	touch $@

static/vendor/.installed: package.json package-lock.json scripts/vendor.mjs
	npm ci --no-audit --no-fund --loglevel=error
	node scripts/vendor.mjs
	touch $@

%.mo: %.po | $(VENV)/.installed
	$(PYBABEL) -q compile -i $< -o $@

# Extract every marked string into the templates (.pot), then merge them into each language's .po; after
# translating, `make setup` compiles. tests/i18n/test_catalogues.py fails when this has not been run.
translations: $(VENV)/.installed
	$(PYBABEL) -q extract -F babel.cfg --no-wrap --sort-by-file -k lazy_gettext -k _l -k room_text -k room_label \
	  -o translations/messages.pot .
	$(PYBABEL) -q extract -F babel-js.cfg --no-wrap --sort-by-file -k t -k nt:1,2 -k rt -k rnt:1,2 -k rtParts -k rntParts:1,2 \
	  -o translations/js.pot .
	for lang in $(TRANSLATED); do for domain in messages js; do \
	  if [ -f translations/$$lang/LC_MESSAGES/$$domain.po ]; then \
	    $(PYBABEL) -q update --no-wrap --no-fuzzy-matching -D $$domain -l $$lang -d translations \
	      -i translations/$$domain.pot; \
	  else \
	    $(PYBABEL) -q init --no-wrap -D $$domain -l $$lang -d translations -i translations/$$domain.pot; \
	  fi; done; done
	$(MAKE) --no-print-directory setup

# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) to run the browser tests"; exit 1; fi; \
	fi

run: setup
	HOST=$(HOST) PORT=$(PORT) $(PY) app.py

# Several workers behind nginx on PostgreSQL and Redis (docs/deployment.md §3). WORKERS defaults to the cores.
cluster: setup cluster-packages
	HOST=$(HOST) PORT=$(PORT) $(PY) -m facilitation.cluster start

cluster-stop:
	$(PY) -m facilitation.cluster stop

# Debian's PostgreSQL, Redis and nginx for `make cluster` (installed as root when missing).
cluster-packages:
	@need=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$$need postgresql"; \
	command -v redis-server >/dev/null || need="$$need redis-server"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need="$$need nginx"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$need >/dev/null; \
	  else echo "Install Debian's$$need (sudo apt-get install$$need) for make cluster"; exit 1; fi; \
	fi

# Everything: the browser modules, the whole Python suite (eventlet), then the realtime suite on gevent.
test: setup browser cluster-packages
	node --test tests/js/
	$(PY) -m pytest
	$(MAKE) --no-print-directory test-gevent

# The realtime suite's server processes under gevent instead of eventlet (CI runs both).
test-gevent: setup
	LIVE_ASYNC_MODE=gevent $(PY) -m pytest -q --no-cov -p no:cacheprovider tests/realtime

lint: setup
	$(VENV)/bin/ruff check facilitation tests bench app.py
	$(VENV)/bin/ruff format --check facilitation tests bench app.py
	$(VENV)/bin/lint-imports --no-cache

bench: setup browser
	$(PY) -m bench.run $(POINT)

# Themes on the laptop (issue 12) alone: clustering the demo tree at 150 and 200 notes; no browser needed.
bench-themes: setup
	$(PY) -m bench.run themes

clean:
	rm -rf $(VENV) node_modules static/vendor test-artifacts
