# The few commands everyone uses. `make run` and `make test` are the README's two commands.
VENV    ?= .venv
PY      := $(VENV)/bin/python
PIP     := $(VENV)/bin/pip
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTHON  ?= python3

.PHONY: install pango pgclient run test test-db lint typecheck migrations-check browser messages compile bench clean screenshots

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c requirements.lock -e ".[dev,bench]"
	touch $@

install: pango pgclient $(VENV)/.installed compile  ## create .venv and install Vejviser with its dependencies

pango:  ## Debian's Pango and Cairo and a font, which WeasyPrint (PDF) and CairoSVG (plots in Word) need
	@{ ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libcairo.so.2 && fc-list 2>/dev/null | grep -q .; } || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libcairo2 fonts-dejavu-core fontconfig; }

pgclient:  ## PostgreSQL's client programs (pg_dump, pg_restore, psql), which `vejviser backup`/`restore` use on PostgreSQL
	@command -v pg_dump >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql-client; }

compile: $(VENV)/.installed  ## compile the translation catalogues (.po -> .mo; only those that changed)
	$(PY) -m vejviser.kernel.catalogues

run: install  ## set up SQLite, load content and demo, and serve on http://127.0.0.1:8000/
	$(VENV)/bin/vejviser serve

browser:  ## Debian's Chromium, which the browser tests drive
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

lint: install
	$(VENV)/bin/ruff check .

typecheck: install
	$(VENV)/bin/mypy vejviser

migrations-check: install  ## fails when a model change has no migration
	mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

test: install browser lint typecheck migrations-check  ## everything, on SQLite (or DATABASE_URL)
	$(VENV)/bin/pytest -q

test-db: install browser  ## the test suite alone, e.g. DATABASE_URL=postgres://... make test-db
	$(VENV)/bin/pytest -q

messages: install  ## extract UI strings into vejviser/locale/*/django.po (needs gettext's xgettext)
	@command -v xgettext >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext; }
	cd vejviser && ../$(PY) ../manage.py makemessages -l da -l en --no-obsolete -i "*/tests/*"
	$(PY) -m vejviser.kernel.catalogues

bench: install  ## the committed benchmarks (figures go to docs/)
	@for b in benchmarks/*/bench*.py; do echo "== $$b"; $(PY) $$b; done

clean:
	rm -rf $(VENV) var

screenshots: install browser  ## photograph the demo for the README (docs/screenshots/)
	$(PY) scripts/demo_screenshots.py --out docs/screenshots
