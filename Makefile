# Two commands: `make run` and `make test`. Each sets everything up on a machine with only Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)
# lint-imports, with this package found first: the standard `platform` module shares its name.
LINT_IMPORTS := $(BIN)/python -c 'import sys; sys.modules.pop("platform", None); sys.path.insert(0, "."); \
	from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())'

.PHONY: run test lint format setup catalogs translations clean

## run: set up, migrate, add demo data to an empty database, serve on http://127.0.0.1:5000
run: setup
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	@echo ""
	@echo "The platform is served on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	@echo ""
	$(FLASK) run --host $(HOST) --port $(PORT)

## test: set up, then run the whole suite (on PostgreSQL too when TEST_DATABASE_URL is set)
test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lint: ruff's checks and formatting, and the layers (import-linter, contracts in pyproject.toml)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(LINT_IMPORTS)

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

setup: $(VENV)/.installed catalogs

catalogs: $(COMPILED)

# The virtual environment, remade when the requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Compiled catalogs are built here, never committed.
translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -l $* -i $< -o $@

## translations: extract new messages and merge them into the catalogs
translations: $(VENV)/.installed
	$(FLASK) translate update

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find translations -name '*.mo' -delete
