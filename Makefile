# The two commands of the README: `make demo` and `make test`.
# Everything else is set up on the way: .venv, the package (editable), the example site.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
MANAGE := cd example_site && ../$(BIN)/python manage.py

.PHONY: demo test test-browser screenshots docs install lint format messages wheel clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-docs: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $@

## Serve the example site with demo data on SQLite at http://127.0.0.1:$(PORT)
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) stadtteil_demo --base-url http://127.0.0.1:$(PORT)/
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## Run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL), one worker per core
test: install
	$(BIN)/pytest -n auto

## Run the real-browser tests (needs Debian's chromium at /usr/bin/chromium; never downloads one)
test-browser: install
	$(BIN)/pytest -m browser tests/browser

## Run the browser tests and keep their screenshots in docs/screenshots (README, docs)
screenshots: install
	STADTTEIL_SCREENSHOTS=docs/screenshots $(BIN)/pytest -m browser tests/browser

## Build the documentation into docs/_build/html; a warning (a broken link or
## reference, a missing image) fails the build
docs: $(VENV)/.installed-docs
	$(BIN)/sphinx-build -W --keep-going -n -q -b html docs docs/_build/html

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Update the message catalogs from the sources and compile them (needs GNU gettext)
messages: install
	$(BIN)/django-admin makemessages --all --no-obsolete --ignore=.venv --ignore=example_site \
		--ignore=tests --ignore=benchmarks --ignore=build --ignore=dist --ignore=scripts --ignore=docs
	$(BIN)/python scripts/english_catalog.py locale/en/LC_MESSAGES/django.po
	$(BIN)/django-admin compilemessages --ignore=.venv --ignore=example_site
	cd example_site && ../$(BIN)/django-admin makemessages --all --no-obsolete \
		--ignore=media --ignore=static_collected
	$(BIN)/python scripts/english_catalog.py example_site/locale/en/LC_MESSAGES/django.po
	cd example_site && ../$(BIN)/django-admin compilemessages

wheel: install
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) build dist docs/_build *.egg-info example_site/db.sqlite3 example_site/media
