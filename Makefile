# Freigabe: `make run` sets everything up and serves the demo; `make test` runs the suite.
VENV := .venv
PY := $(VENV)/bin/python
FREIGABE := $(VENV)/bin/freigabe
PYTHON ?= python3
export FREIGABE_DATA_DIR ?= $(CURDIR)/var

.PHONY: run install test test-sqlite test-postgres test-browser bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(FREIGABE) migrate --verbosity 0
	$(FREIGABE) load_demo
	@echo "Demo article with the widget: http://127.0.0.1:8000/widget/demo/"
	@echo "Moderation: http://127.0.0.1:8000/moderation/ (user 'redaktion', password above)"
	@echo "Background jobs run in a worker beside the server; Ctrl-C stops both."
	FREIGABE_SECURE_COOKIES=0 FREIGABE=$(FREIGABE) bash scripts/run.sh --host 127.0.0.1 --port 8000

test: install
	bash scripts/test-all.sh

test-sqlite: install
	$(PY) -m pytest -m "not browser" -n 2 --dist loadfile

test-postgres: install
	bash scripts/with-postgres.sh $(PY) -m pytest -m "not browser and not retrain" -n 2 --dist loadfile

test-browser: install
	bash scripts/ensure-chromium.sh
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
