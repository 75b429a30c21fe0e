# Freigabe: `make run` sets everything up and serves the demo; `make test` runs the suite.
VENV := .venv
PY := $(VENV)/bin/python
FREIGABE := $(VENV)/bin/freigabe
PYTHON ?= python3
export FREIGABE_DATA_DIR ?= $(CURDIR)/var

.PHONY: run install lock upgrade lint test test-sqlite test-postgres test-browser test-cluster bench clean

# Every dependency pinned with its hashes: requirements/main.lock (what the server needs)
# and requirements/test.lock (that plus the test extra, same versions). The interpreter's own
# pip installs them; nothing is resolved at install time.
LOCK_MAIN := requirements/main.lock
LOCK_TEST := requirements/test.lock
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv
COMPILE = $(UV) pip compile pyproject.toml requirements/build.in --universal \
	--python-version 3.11 --generate-hashes --quiet

$(VENV)/.installed: pyproject.toml $(LOCK_MAIN) $(LOCK_TEST)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK_TEST)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

# After editing dependencies in pyproject.toml: re-lock, keeping every other pin.
lock: install
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(COMPILE) -o $(LOCK_MAIN)
	$(COMPILE) --extra test -c $(LOCK_MAIN) -o $(LOCK_TEST)
	$(MAKE) install

# The Dependabot-style upgrade: newest allowed versions of everything; then run `make test`.
upgrade: install
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(COMPILE) --upgrade -o $(LOCK_MAIN)
	$(COMPILE) --extra test -c $(LOCK_MAIN) -o $(LOCK_TEST)
	$(MAKE) install

run: install
	$(FREIGABE) migrate --verbosity 0
	$(FREIGABE) load_demo
	@echo "Demo article with the widget: http://127.0.0.1:8000/widget/demo/"
	@echo "Moderation: http://127.0.0.1:8000/moderation/ (users 'redaktion' and 'chefredaktion', passwords above;"
	@echo "  a forgotten one: $(FREIGABE) changepassword redaktion)"
	@echo "Background jobs run in a worker beside the server; Ctrl-C stops both."
	FREIGABE_SECURE_COOKIES=0 FREIGABE=$(FREIGABE) bash scripts/run.sh --host 127.0.0.1 --port 8000

# ruff (lint; the format check once the tree is formatted) and mypy on the domain modules.
lint: install
	bash scripts/lint.sh

test: install
	bash scripts/test-all.sh

test-sqlite: install
	$(PY) -m pytest -m "not browser and not cluster" -n 2 --dist loadfile

test-postgres: install
	bash scripts/with-postgres.sh $(PY) -m pytest -m "not browser and not retrain and not cluster" -n 2 --dist loadfile

# PostgreSQL, Redis, two app servers, a worker and nginx (scripts/cluster.sh), on loopback.
test-cluster: install
	$(PY) -m pytest -m cluster tests/cluster -n 0

test-browser: install
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-axe.sh
	$(PY) -m pytest -m browser

bench: install
	$(PY) bench/assess_speed.py
	$(PY) bench/read_vs_isso.py
	$(PY) bench/write_vs_isso.py
	$(PY) bench/nothing_lost.py
	$(PY) bench/queue_speed.py
	$(PY) bench/site_learning_speed.py

clean:
	rm -rf $(VENV) var
