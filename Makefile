# The two set-up commands in the README: `make run` and `make test`.
PYTHON ?= python3.11
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MEMBERS_CSV := politicians/data/uk-commons-2019-mps.csv
FRONTBENCH_CSV := politicians/data/uk-frontbench-2023-03-16.csv
DEVOLVED_CSV := politicians/data/uk-devolved-2023-03-16.csv
CHROMIUM := /usr/bin/chromium
CHROMIUM_EN_GB := /usr/lib/chromium/locales/en-GB.pak
JAVA := /usr/bin/java

.PHONY: run test install lint format bench bench-queries eval-extract serve-production clean backup restore demo-code

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Test-only tools: axe-core (injected by the browser tests) and the W3C Nu HTML Checker (vnu.jar,
# run with the system's Java). --ignore-scripts: vnu-jar's install script would download a Java.
NODE_TOOLS := node_modules/axe-core/axe.min.js node_modules/vnu-jar/build/dist/vnu.jar

$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $(NODE_TOOLS)

# British English (chromium-l10n) too: a date box shows dd/mm/yyyy only in a Chromium that has it.
$(CHROMIUM) $(CHROMIUM_EN_GB):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-l10n; \
	else echo "Browser tests need Debian's Chromium: sudo apt-get install chromium chromium-l10n" >&2; exit 1; fi

$(JAVA):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless; \
	else echo "The HTML validity test needs Java: sudo apt-get install default-jre-headless" >&2; exit 1; fi

# `make run` shows the site as readers get it: debug off, so errors are the designed 400, 404
# and 500 pages. What production takes from its environment is set here for this machine only:
# a secret that signs nothing but local sessions, cookies and no HTTPS redirect over plain http,
# static files read from the app folders, and only local host names (demo_logins relies on that). The corrections
# address is left to the environment: unset, pages say how to ask for a correction instead.
RUN_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=make-run-on-this-machine-only-not-secret \
	DJANGO_SECURE_COOKIES=0 DJANGO_SECURE_SSL_REDIRECT=0 WHITENOISE_USE_FINDERS=1 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost

# Runs the app with the 650 MPs (their benches and roles on 16 March 2023), the frontbench
# peers, the members of the Scottish Parliament and the Senedd, and the demo quotes on
# http://127.0.0.1:$(PORT).
run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py import_members $(MEMBERS_CSV)
	$(RUN_ENV) $(BIN)/python manage.py import_frontbench $(FRONTBENCH_CSV)
	$(RUN_ENV) $(BIN)/python manage.py import_devolved $(DEVOLVED_CSV)
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py demo_logins --port $(PORT)
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The demo accounts' second-factor codes, for signing in to the admin of `make run`'s site.
demo-code: install
	$(RUN_ENV) $(BIN)/python manage.py demo_code

# The whole suite, browser tests included. DATABASE_URL=postgres://… runs it on PostgreSQL.
# pytest-xdist runs it in one process per core (each with its own test database, live server
# and Chromium): on the 2-core CI machine 282 s → 174 s on SQLite, 377 s → 231 s on PostgreSQL.
# PYTEST_WORKERS=0 runs it in this one process (for a debugger, or -x to stop at the first).
PYTEST_WORKERS ?= auto
test: install $(NODE_TOOLS) $(CHROMIUM) $(CHROMIUM_EN_GB) $(JAVA)
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-not-secret $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Load test as readers get it (docs/deploy.md): generated data in PostgreSQL (BENCH_DATABASE_URL,
# default postgres://postgres@127.0.0.1:5432/wts_bench, dropped and re-created), gunicorn with
# config/gunicorn.py, wrk, and Datasette on a SQLite copy. Needs wrk (apt-get install wrk).
# Not part of `make test`. BENCH_ARGS="--statements 3000 --duration 3" for a quick run.
bench: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-not-secret $(BIN)/python -m benchmarks.load $(BENCH_ARGS)

# Queries, time and memory of every public page through Django's test client (no server).
bench-queries: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-not-secret $(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# Scores the statement extractor on its labelled development set: no database, no network.
eval-extract: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=eval-only-not-secret DATABASE_URL=sqlite://:memory: \
		$(BIN)/python -m sources.evaluation $(EVAL_ARGS)

# The whole database to one file and back, for the database DATABASE_URL names (with the
# environment production runs with). `make restore` loads into an empty database; add
# RESTORE_ARGS=--replace to overwrite one.
BACKUP_FILE ?= backups/where-they-stand.backup

backup: install
	$(BIN)/python manage.py backup_database $(BACKUP_FILE)

restore: install
	$(BIN)/python manage.py restore_database $(BACKUP_FILE) $(RESTORE_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules staticfiles artifacts db.sqlite3
