# Secretary Studio — `make run` to try it, `make test` to check it. `make help` lists the rest.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

.DEFAULT_GOAL := help
.PHONY: help run install migrate demo serve worker beat test test-fast lint format check messages bench clean

help: ## List every target
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

install: $(BIN)/.installed ## Create .venv and install the project with its dev tools

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## Load the demo curriculum and demo accounts (safe to repeat)
	$(BIN)/python manage.py load_demo

run: demo ## Install, migrate, load the demo and serve on http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: install ## Run a Celery worker (needs REDIS_URL)
	$(BIN)/celery -A lms worker --loglevel=info

beat: install ## Run Celery beat with the database scheduler (needs REDIS_URL)
	$(BIN)/celery -A lms beat --loglevel=info

test: install ## Run the whole test suite (DATABASE_URL and REDIS_URL choose the services)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install ## Unit and integration tests only, in parallel
	$(BIN)/python -m pytest -n auto tests/unit tests/integration $(PYTEST_ARGS)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install ## Refresh zh_Hans and en translation files and compile them
	$(BIN)/python manage.py makemessages --locale zh_Hans --locale en --ignore ".venv/*" --ignore "tests/*"
	$(BIN)/python manage.py makemessages --domain djangojs --locale zh_Hans --locale en --ignore ".venv/*" --ignore "staticfiles/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"

bench: install ## Run the benchmarks under bench/
	$(BIN)/python bench/run.py

clean: ## Remove the virtual environment, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache
