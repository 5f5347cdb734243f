# The two commands of the README: `make run` and `make test`. Both work from a fresh
# clone: they create .venv and install what they need first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# Two workers: this machine (and CI's) has two cores. Each file's tests stay on one worker
# (the root conftest puts each in its file's xdist group; the ones that commit in a group of
# their own) and the workers take the files in the conftest's order, the tests that commit
# last (--no-loadscope-reorder keeps that order). PYTEST_ARGS adds to it (.ci/run: --create-db).
PYTEST_XDIST := -n 2 --dist loadgroup --no-loadscope-reorder
PYTEST_ARGS ?=
# The unit run leaves the browser tests out; the PostgreSQL pass of .ci/run also leaves out
# the tests that run on their own SQLite files whatever DATABASE_URL says (own_sqlite).
PYTEST_MARKS ?= not browser
# The browser tests run apart, with their own settings and databases (cms/settings/e2e.py),
# on two workers as well: each has its own live server, Chromium and database (a SQLite
# file under test-artifacts/e2e/, or <name>_e2e_gw0/_gw1 on PostgreSQL when DATABASE_URL
# is set). Most of a browser test is waiting on the page, so two at once halve the run.
BROWSER_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test lint check pytest browser messages collectstatic clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamp files: reinstall only when the requirements change.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(PY)
	$(PIP) install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime-installed $@

install: $(VENV)/.runtime-installed
install-test: $(VENV)/.test-installed

# Links in the text messages and emails of the dev server point at where it listens.
run: export PORTAL_DEV_ADDRESS = $(HOST):$(PORT)
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	@echo "The portal: http://$(HOST):$(PORT)/   the admin: http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-test lint check pytest browser

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-test
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# One invocation: each worker makes its test database once (on SQLite, a copy of the
# migrated template of cms/tests/migrated.py). Tests that commit (marked
# transactional by the root conftest) leave a flushed database behind them: they run last.
pytest: install-test
	$(VENV)/bin/pytest $(PYTEST_XDIST) $(PYTEST_ARGS) -m "$(PYTEST_MARKS)"

browser: install-test
	$(VENV)/bin/pytest $(PYTEST_XDIST) -m browser --ds=cms.settings.e2e $(BROWSER_ARGS)

# Regenerate the Persian catalogue after changing translatable strings.
messages: install-test
	$(MANAGE) makemessages -l fa --no-wrap --no-location --ignore=.venv --ignore=data --ignore=staticfiles
	$(MANAGE) compilemessages -l fa --ignore=.venv

collectstatic: install
	$(MANAGE) collectstatic --noinput

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
