# The two commands of the README: `make run` and `make test`. Both work from a fresh
# clone: they create .venv and install what they need first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# Two workers: this machine (and CI's) has two cores. Files are kept whole per worker.
# The unit run leaves the browser tests out (pyproject.toml's addopts: -m "not browser").
PYTEST_ARGS ?= -n 2 --dist loadfile
# The browser tests run apart, in one process, with their own settings and database
# (cms/settings/e2e.py): a SQLite file under test-artifacts/e2e/, or <name>_e2e on
# PostgreSQL when DATABASE_URL is set.
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

# Tests that commit (marked transactional by the root conftest) leave a flushed database
# behind them, so they run after the others, in a second invocation.
pytest: install-test
	$(VENV)/bin/pytest $(PYTEST_ARGS) -m "not browser and not transactional"
	$(VENV)/bin/pytest $(PYTEST_ARGS) -m "transactional and not browser"

browser: install-test
	$(VENV)/bin/pytest -m browser --ds=cms.settings.e2e $(BROWSER_ARGS)

# Regenerate the Persian catalogue after changing translatable strings.
messages: install-test
	$(MANAGE) makemessages -l fa --no-wrap --no-location --ignore=.venv --ignore=data --ignore=staticfiles
	$(MANAGE) compilemessages -l fa --ignore=.venv

collectstatic: install
	$(MANAGE) collectstatic --noinput

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
