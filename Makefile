# Both targets set up everything on a fresh machine: a .venv installed from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test static demo lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The review store is tested against SQLite and a real PostgreSQL, which
# tools/pg-test-server.sh installs (Debian's package) and starts when it can.
# The tests, then the fuzz seeds (mangled files; marked "fuzz"): two runs, two counts.
test: static
	BRANDVOICE_TEST_POSTGRES_URL="$${BRANDVOICE_TEST_POSTGRES_URL:-$$(tools/pg-test-server.sh)}" \
		$(BIN)/python -m pytest -q -m "not fuzz"
	@echo "fuzz seeds:"
	$(BIN)/python -m pytest -q -m fuzz

# The linter and the type checker, before the tests: a few seconds, and CI fails on either.
static: $(STAMP)
	$(BIN)/ruff check brandvoice tests benchmarks tools
	$(BIN)/mypy --strict brandvoice

demo: $(STAMP)
	$(BIN)/python tools/demo.py

lint: $(STAMP)
	$(BIN)/brandvoice lint voices/ playbooks/

clean:
	rm -rf $(VENV) build *.egg-info
