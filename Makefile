# `make run` and `make test` do everything on a fresh machine: venv, install, translations, then serve / test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# `make run PORT=8101` serves on another port (links in e-mails follow it unless SITE_URL is set).
PORT ?= 8000

.PHONY: install messages run test lint pytest lock bench bench-load bench-faults screenshot clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(STAMP) messages

messages: $(STAMP)
	$(BIN)/innochallenge compile-translations

run: install
	$(BIN)/innochallenge serve --demo --port $(PORT)

# What pre-commit runs on each commit (.pre-commit-config.yaml), plus the type check of the layers that
# hold the rules (mypy with django-stubs; which files: [tool.mypy] in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/innochallenge makemigrations --check --dry-run
	$(BIN)/mypy

# The suite runs on DATABASE_URL when it is set; otherwise on SQLite, then again on the local
# PostgreSQL when one answers on 127.0.0.1:5432. pytest-xdist spreads it over the cores (`auto`: one
# worker a core), each worker with its own test database, each test with its own var/ folders;
# `make test TEST_WORKERS=0` runs it in one process. Tests marked xdist_group(name) share one worker.
TEST_WORKERS ?= auto
PYTEST_PARALLEL := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup
test: lint
	$(PYTEST_PARALLEL)
	@if [ -z "$$DATABASE_URL" ] && $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
		echo "== the suite again on PostgreSQL ($(PG_URL)) =="; \
		DATABASE_URL=$(PG_URL) $(PYTEST_PARALLEL); \
	fi

# Regenerate the pinned versions after changing dependencies in pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .venv-lock

# Regenerate the dashboard screenshot shown in README.md (needs Debian's chromium).
screenshot: install
	$(BIN)/python scripts/screenshot.py docs/dashboard.png

bench: install
	@mkdir -p bench/results
	@for b in bench/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# 200 enterprises filing through gunicorn on the local PostgreSQL, driven by locust (issue 11); fails when
# an acknowledged save is lost or duplicated. Figures in bench/results/load_submissions.json.
bench-load: install
	$(BIN)/python bench/load/run.py

# A worker killed mid-import and mid-push, PostgreSQL restarted under load (restarts the local cluster:
# needs root and pg_ctlcluster). Figures in bench/results/faults.json.
bench-faults: install
	$(BIN)/python bench/load/faults.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
