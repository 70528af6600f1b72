# Secretary Studio — `make run` to try it, `make test` to check it. `make help` lists the rest.
#
# Needs only Python >= 3.11 (with its venv module) and make. The virtual environment is built
# once and rebuilt only when pyproject.toml or requirements.lock change (the stamp file
# .venv/.installed), so a second `make run` starts in seconds.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# Unit and integration tests run in parallel (pytest-xdist, one worker per core); the services
# and browser tests, which time real workers and a real browser, run after them one at a time.
TEST_WORKERS ?= auto
# manage.py picks the development settings by itself; Celery's default is production (see
# lms/celery.py), so the worker and beat targets name development unless told otherwise.
DEV_SETTINGS := DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-lms.settings.dev}
# pytest-django prefers DJANGO_SETTINGS_MODULE from the environment over pyproject.toml: pin it.
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=lms.settings.test

.DEFAULT_GOAL := help
.PHONY: help run install migrate demo serve worker beat test test-fast lint format check messages messages-check bench vendor clean

help: ## List every target
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "Python 3.11 or newer is needed as '$(PYTHON)'; try: make $(MAKECMDGOALS) PYTHON=python3.12" >&2; \
		exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

install: $(BIN)/.installed ## Create .venv and install the project with its dev tools (pinned by requirements.lock)

migrate: install ## Apply database migrations (SQLite db.sqlite3 unless DATABASE_URL says otherwise)
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## Load the demo curriculum and demo accounts (development only; safe to repeat)
	$(BIN)/python manage.py load_demo

serve: migrate ## Serve on http://127.0.0.1:PORT (default 8000) without loading the demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

run: demo ## Install, migrate, load the demo and serve on http://127.0.0.1:PORT (default 8000)
	@echo "Secretary Studio: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: install ## Run a Celery worker (needs REDIS_URL; without it tasks run inside the web process)
	@test -n "$$REDIS_URL" || grep -qs '^REDIS_URL=.' .env || { \
		echo "REDIS_URL is not set (environment or .env): without a broker there is nothing for a worker to do." >&2; \
		exit 1; }
	$(DEV_SETTINGS) $(BIN)/celery -A lms worker --loglevel=info

beat: install ## Run Celery beat with the database scheduler (needs REDIS_URL)
	@test -n "$$REDIS_URL" || grep -qs '^REDIS_URL=.' .env || { \
		echo "REDIS_URL is not set (environment or .env): beat needs a broker to send to." >&2; \
		exit 1; }
	$(DEV_SETTINGS) $(BIN)/celery -A lms beat --loglevel=info

test: install ## Run the whole test suite (DATABASE_URL and REDIS_URL choose the services; CI=true fails on missing ones)
	status=0; \
	$(TEST_SETTINGS) $(BIN)/python -m pytest -n $(TEST_WORKERS) tests/unit tests/integration $(PYTEST_ARGS) || status=$$?; \
	$(TEST_SETTINGS) $(BIN)/python -m pytest tests/services tests/browser $(PYTEST_ARGS) || status=$$?; \
	exit $$status

test-fast: install ## Unit and integration tests only, in parallel
	$(TEST_SETTINGS) $(BIN)/python -m pytest -n $(TEST_WORKERS) tests/unit tests/integration $(PYTEST_ARGS)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

MAKEMESSAGES := $(BIN)/python manage.py makemessages --locale zh_Hans --no-location --no-obsolete \
	--ignore "tests/*" --ignore "bench/*" --ignore "lms/static/vendor/*" --ignore "staticfiles/*" --ignore "media/*"

messages: install ## Refresh the zh_Hans catalogues (each app's locale/, lms in ./locale) and compile them (needs gettext)
	$(MAKEMESSAGES)
	$(MAKEMESSAGES) --domain djangojs
	$(BIN)/python manage.py compilemessages --locale zh_Hans --ignore ".venv/*"

messages-check: messages ## Fail when the catalogues are not up to date with the code
	@git diff --exit-code --stat -I '^"POT-Creation-Date' -- '*.po' '*.mo' || { \
		echo "Translation catalogues are out of date: run make messages, translate, commit." >&2; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- '*.po' '*.mo'); test -z "$$untracked" || { \
		echo "New catalogues not in git: $$untracked (translate and commit, or ignore their sources)" >&2; exit 1; }

vendor: ## Re-fetch the front-end libraries of lms/vendor/packages.json from the npm registry (needs npm)
	$(PYTHON) lms/vendor/fetch.py

bench: install ## Run the benchmarks under bench/
	$(BIN)/python bench/run.py

clean: ## Remove the virtual environment, the SQLite database, collected static and test leftovers
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache .test-media test-results
