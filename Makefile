# The two set-up commands in the README: `make run` and `make test`.
PYTHON ?= python3.11
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MEMBERS_CSV := politicians/data/uk-commons-2019-mps.csv
CHROMIUM := /usr/bin/chromium

.PHONY: run test install lint format bench eval-extract serve-production clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "Browser tests need Debian's Chromium: sudo apt-get install chromium" >&2; exit 1; fi

# Runs the app with the 650 MPs and the demo quotes on http://127.0.0.1:$(PORT).
run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py import_members $(MEMBERS_CSV)
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py demo_logins --port $(PORT)
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, browser tests included. DATABASE_URL=postgres://… runs it on PostgreSQL.
test: install node_modules/axe-core/axe.min.js $(CHROMIUM)
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-not-secret $(BIN)/pytest $(PYTEST_ARGS)

bench: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-not-secret $(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# Scores the statement extractor on its labelled development set: no database, no network.
eval-extract: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=eval-only-not-secret DATABASE_URL=sqlite://:memory: \
		$(BIN)/python -m sources.evaluation $(EVAL_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules staticfiles artifacts db.sqlite3
