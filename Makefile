# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install lint elasticsearch elasticsearch-stop production-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --if-empty
	$(BIN)/python manage.py ensure_demo_admin
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=heritage_archive.settings.test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

elasticsearch:
	bash scripts/elasticsearch.sh start

elasticsearch-stop:
	bash scripts/elasticsearch.sh stop

# Runs the site from deploy/ (nginx, gunicorn, the units' commands) on loopback
# against the local PostgreSQL, Redis and Elasticsearch, checks it, tears it down.
production-smoke: install
	$(BIN)/python scripts/production_smoke.py
