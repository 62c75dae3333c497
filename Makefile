# The README's two commands: `make demo` and `make test`. Both create .venv and install into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The web pages (GraphiQL) and the exact libraries they load, built by npm and served by the app.
WEB    := web/dist/.built

.PHONY: demo test lint typecheck audit unit test-neo4j bench bench-analytics schema serve clean install browser

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Rapport needs Python >= 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(WEB): web/package.json web/package-lock.json web/build.mjs web/src/graphiql.html web/src/rapport-ide.js
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

# The browser tests drive Debian's chromium headless (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || \
	  { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }; }

install: $(STAMP) $(WEB)

demo: $(STAMP) $(WEB)
	$(BIN)/rapport init
	test -f sample/truth.json || $(BIN)/rapport generate --customers 2000 --seed 7 --out sample
	$(BIN)/rapport import sample
	$(BIN)/rapport analyze
	$(BIN)/rapport db status
	$(BIN)/rapport alerts list --first 3
	$(BIN)/rapport serve --session-key writer

# schema.graphql is exported from the code; a test fails when it is stale.
schema: $(STAMP)
	$(BIN)/strawberry export-schema api.graphql.schema:schema --output schema.graphql

serve: $(STAMP) $(WEB)
	$(BIN)/rapport serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Known vulnerabilities in the installed dependencies (PyPI's advisory data); fails on a finding.
audit: $(STAMP)
	@$(BIN)/pip-audit --progress-spinner off --skip-editable > .venv/audit.log 2>&1; status=$$?; \
	  grep -v "could not be audited" .venv/audit.log; exit $$status

# Unit tests, doctests and the integration tests on the embedded database.
unit: $(STAMP) $(WEB) browser
	$(BIN)/pytest -m "not neo4j_only"

# The integration tests again on a local Neo4j Community (resolved with Maven on first use;
# needs Java 17+ and Maven), plus the local Neo4j's own lifecycle tests.
test-neo4j: $(STAMP) $(WEB) browser
	RAPPORT_TEST_BACKEND=neo4j $(BIN)/pytest -m "(integration or neo4j_only) and not embedded_only" tests

test: lint typecheck audit unit test-neo4j

bench: $(STAMP)
	$(BIN)/python bench/bench_writes.py

# scipy (networkx's default PageRank) and igraph are only needed to compare PageRank backends.
bench-analytics: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench_analytics.py

clean:
	rm -rf $(VENV) .rapport .mypy_cache .ruff_cache .pytest_cache *.egg-info web/node_modules web/dist
