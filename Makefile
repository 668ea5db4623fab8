# Praksis: `make run` serves the platform, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# Prints the path of a Python >= 3.12: $PYTHON if set, else python3.13/python3.12/python3
# on PATH that really run, else the newest pyenv-installed 3.12+.
define FIND_PYTHON
ok() { "$$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }; \
if [ -n "$$PYTHON" ]; then \
  if ok "$$PYTHON"; then echo "$$PYTHON"; exit 0; fi; \
  echo "PYTHON=$$PYTHON is not a working Python 3.12 or newer." >&2; exit 1; \
fi; \
for candidate in python3.13 python3.12 python3; do \
  if command -v $$candidate >/dev/null 2>&1 && ok $$candidate; then command -v $$candidate; exit 0; fi; \
done; \
for dir in $$(ls -d "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.* 2>/dev/null | sort -rV); do \
  if ok "$$dir/bin/python"; then echo "$$dir/bin/python"; exit 0; fi; \
done; \
echo "Praksis needs Python 3.12 or newer. Install one (Debian/Ubuntu: apt install python3.12 python3.12-venv; or: pyenv install 3.12) or point PYTHON at it: make run PYTHON=/path/to/python3.12" >&2; \
exit 1
endef

.PHONY: help
help:
	@echo "make run     set up, load the programmes and demo data, serve http://$(HOST):$(PORT)/"
	@echo "make test    set up, then run the whole test suite"
	@echo "make fuzz    the fuzz tests (tests/fuzz) with 2,000 examples per endpoint"
	@echo "make lint    ruff check and format check, import contracts, no import cycles"
	@echo "make format  ruff format and autofix"
	@echo "make lock    refresh requirements.lock from pyproject.toml"
	@echo "make bench    measure every page on 10,000 generated learners (build/bench.json)"
	@echo "make serve    run as in production: gunicorn, task workers, PostgreSQL, Redis"
	@echo "make loadtest Locust: the four roles against make serve: 100 users sign in, then"
	@echo "             2 minutes of all 100 signed in are measured (p95 page 500 ms, htmx 200 ms)"
	@echo "make screenshots  re-take the README's screenshots (docs/screenshots/)"

$(STAMP): requirements.lock pyproject.toml
	@set -e; \
	if ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then \
	  python="$$($(FIND_PYTHON))"; \
	  echo "Creating $(VENV) with $$python"; \
	  rm -rf $(VENV); "$$python" -m venv $(VENV); \
	fi; \
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip; \
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock; \
	rm -f $(VENV)/.installed-*; touch $@

# Front-end packages (Designsystemet, the Inter typeface, axe-core) exactly as
# package-lock.json pins them: with npm when it is installed, else with a standard-library
# fetcher that checks every tarball against the lock's integrity hash. No install scripts.
$(NODE_STAMP): package-lock.json package.json | $(STAMP)
	@set -e; \
	if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
	  echo "npm not found: fetching the packages in package-lock.json with scripts/fetch_npm_packages.py"; \
	  $(PY) scripts/fetch_npm_packages.py; \
	fi; \
	rm -f node_modules/.installed-*; touch $@

.PHONY: setup
setup: $(STAMP) $(NODE_STAMP)

.PHONY: db
db: setup
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_content
	$(PY) manage.py load_demo

.PHONY: run
run: db
	$(PY) manage.py runserver $(HOST):$(PORT)

.PHONY: test
test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Hypothesis over every input-taking endpoint with ten times the examples of `make test`
# (the profiles are in tests/fuzz/conftest.py).
.PHONY: fuzz
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q -p no:cacheprovider tests/fuzz $(PYTEST_ARGS)

# The benchmark (issue 17): a generated dataset of 10,000 learners (BENCH_SCALE scales it)
# in build/bench.sqlite3, or in DATABASE_URL's database; kept between runs. Every page is
# measured against a bare Wagtail page with the same body; the JSON goes to $BENCH_OUT.
.PHONY: bench
bench: setup
	DJANGO_SETTINGS_MODULE=cms.settings.bench $(PY) manage.py bench

# Production on one machine (issue 17): gunicorn (WEB_CONCURRENCY workers), TASK_WORKERS
# task workers, WhiteNoise, PostgreSQL (DATABASE_URL) and Redis (REDIS_URL); Ctrl-C stops
# them all. See scripts/serve.py and the README's "Running in production".
.PHONY: serve
serve: setup $(NODE_STAMP)
	$(PY) scripts/serve.py

# Locust in a venv of its own (requirements-loadtest.txt), installed only here, so
# `make setup` stays light and gevent never moves the app's pins.
LOADTEST_VENV := .venv-loadtest
LOADTEST_STAMP := $(LOADTEST_VENV)/.installed-$(shell cat requirements-loadtest.txt | cksum | cut -d' ' -f1)
LOADTEST_USERS ?= 100
LOADTEST_SPAWN_RATE ?= 10
LOADTEST_TIME ?= 2m
LOADTEST_SIGNIN_LIMIT ?= 5m

$(LOADTEST_STAMP): requirements-loadtest.txt | $(STAMP)
	@set -e; rm -rf $(LOADTEST_VENV); $(PY) -m venv $(LOADTEST_VENV); \
	$(LOADTEST_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-loadtest.txt; \
	touch $@

# `make serve` with the demo loaded (SERVE_LOAD=1), then Locust headless on loopback:
# LOADTEST_USERS users sign in (reported apart), then LOADTEST_TIME of all of them signed
# in is measured; fails when a request fails or a p95 threshold is missed in that window,
# or when signing in takes longer than LOADTEST_SIGNIN_LIMIT (loadtest/locustfile.py).
.PHONY: loadtest
loadtest: setup $(NODE_STAMP) $(LOADTEST_STAMP)
	mkdir -p build
	SERVE_LOAD=$${SERVE_LOAD:-1} $(PY) scripts/serve.py -- $(LOADTEST_VENV)/bin/locust \
	  -f loadtest/locustfile.py --headless --only-summary \
	  --users $(LOADTEST_USERS) --spawn-rate $(LOADTEST_SPAWN_RATE) \
	  --measure-time $(LOADTEST_TIME) --signin-limit $(LOADTEST_SIGNIN_LIMIT) \
	  --csv build/loadtest

# The README's screenshots: taken by the browser tests, reduced and copied to docs/.
.PHONY: screenshots
screenshots: setup
	$(PY) -m pytest -q -p no:cacheprovider tests/browser/test_roles.py tests/browser/test_role_journeys.py
	$(PY) scripts/readme_screenshots.py

# Style, then the rules of the house: the import contracts in pyproject.toml and the
# test that finds any import cycle or import hidden in a function.
.PHONY: lint
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q -p no:cacheprovider tests/test_architecture.py

.PHONY: format
format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Resolve pyproject.toml's ranges afresh in a scratch environment and pin the result.
.PHONY: lock
lock:
	@set -e; python="$$($(FIND_PYTHON))"; tmp=$$(mktemp -d); \
	"$$python" -m venv $$tmp; $$tmp/bin/pip install --quiet --upgrade pip; \
	$$tmp/bin/pip install --quiet '.[dev]'; \
	$$tmp/bin/pip freeze --exclude-editable | grep -v '^praksis' > requirements.lock; \
	rm -rf $$tmp build *.egg-info; echo "requirements.lock updated"
