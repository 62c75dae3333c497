# The README's two commands: `make demo` and `make test`. Both create .venv and install into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The web pages (GraphiQL) and the exact libraries they load, built by npm and served by the app.
WEB    := web/dist/.built
# The Rapport Explorer (api/explorer): its page and the graph and chart libraries, served at /explore.
EXPLORER := api/explorer/dist/.built
# The example typed client (examples/frontend): types generated from schema.graphql, tsc --strict.
FRONTEND := examples/frontend/dist/.built

.PHONY: demo test lint typecheck audit unit test-neo4j bench bench-analytics bench-peer schema schema-check serve clean install browser frontend

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Rapport needs Python >= 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(WEB): web/package.json web/package-lock.json web/build.mjs web/src/graphiql.html web/src/rapport-ide.js
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

$(EXPLORER): api/explorer/package.json api/explorer/package-lock.json api/explorer/build.mjs \
             $(wildcard api/explorer/src/*)
	cd api/explorer && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

$(FRONTEND): schema.graphql examples/frontend/package.json examples/frontend/package-lock.json \
             examples/frontend/codegen.yml examples/frontend/tsconfig.json \
             examples/frontend/src/operations.graphql $(wildcard examples/frontend/src/*.ts) \
             $(wildcard examples/frontend/src/test/*.ts)
	cd examples/frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build
	touch $(FRONTEND)

frontend: $(FRONTEND)

# The browser tests drive Debian's chromium headless (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || \
	  { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }; }

install: $(STAMP) $(WEB) $(EXPLORER)

demo: $(STAMP) $(WEB) $(EXPLORER)
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

# What the code's schema changes against the last committed schema.graphql (graphql-inspector):
# breaking changes are listed; RAPPORT_SCHEMA_STRICT=1 makes them fail the build.
schema-check: $(STAMP) $(FRONTEND)
	@$(BIN)/strawberry export-schema api.graphql.schema:schema --output .venv/schema.now.graphql
	@git show HEAD:schema.graphql > .venv/schema.committed.graphql 2>/dev/null || \
	  cp schema.graphql .venv/schema.committed.graphql
	@cd examples/frontend && npx --no-install graphql-inspector diff \
	  ../../.venv/schema.committed.graphql ../../.venv/schema.now.graphql || \
	  { [ -z "$(RAPPORT_SCHEMA_STRICT)" ] && echo "(breaking changes reported; not enforced)"; }

serve: $(STAMP) $(WEB) $(EXPLORER)
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
unit: $(STAMP) $(WEB) $(EXPLORER) $(FRONTEND) browser
	$(BIN)/pytest -m "not neo4j_only" --durations=10

# The integration tests again on a local Neo4j Community (resolved with Maven on first use;
# needs Java 17+ and Maven), plus the local Neo4j's own lifecycle tests.
test-neo4j: $(STAMP) $(WEB) $(EXPLORER) $(FRONTEND) browser
	RAPPORT_TEST_BACKEND=neo4j $(BIN)/pytest -m "(integration or neo4j_only) and not embedded_only" --durations=10 tests

# The two engines' passes run side by side (-j2): each waits on its servers and subprocesses
# more than it computes; -O keeps each pass's output together.
test: lint typecheck audit schema-check
	$(MAKE) -j2 -O unit test-neo4j

bench: $(STAMP)
	$(BIN)/python bench/bench_writes.py

# scipy (networkx's default PageRank) and igraph are only needed to compare PageRank backends.
bench-analytics: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench_analytics.py

# Rapport beside @neo4j/graphql (bench/peer/, installed with npm) on the same local Neo4j.
bench-peer: $(STAMP)
	cd bench/peer && npm ci --no-audit --no-fund
	$(BIN)/python bench/bench_api_peer.py

clean:
	rm -rf $(VENV) .rapport .mypy_cache .ruff_cache .pytest_cache *.egg-info web/node_modules web/dist \
	  api/explorer/node_modules api/explorer/dist build/screenshots \
	  examples/frontend/node_modules examples/frontend/dist examples/frontend/src/generated \
	  bench/peer/node_modules
