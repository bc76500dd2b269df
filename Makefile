# The two commands that matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint format assets migrate demo check-services clean

run: $(VENV)/.runtime assets
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	@echo "The Smart Cities Hub runs at http://127.0.0.1:8000 (admin: /admin/)."
	@echo "Sign in as demo@example.org with the password demo-hub-2026 to see the suggested partners."
	$(MANAGE) runserver 127.0.0.1:8000

test: $(VENV)/.dev assets lint
	DJANGO_SETTINGS_MODULE=hub.settings.smoke $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=hub.settings.test $(MANAGE) check --fail-level WARNING
	$(BIN)/pytest
	DJANGO_SETTINGS_MODULE=hub.settings.smoke $(BIN)/pytest -m smoke -p no:cacheprovider

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Front-end packages come from npm, pinned by package-lock.json; only the files
# the pages use are gathered into static/vendor/ (git-ignored).
assets: static/vendor/.gathered

static/vendor/.gathered: package.json package-lock.json scripts/gather_assets.py
	npm ci --no-audit --no-fund --loglevel=error
	$(PYTHON) scripts/gather_assets.py
	touch $@

$(VENV)/.runtime: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3
