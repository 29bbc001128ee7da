# clausecheck: `make demo` checks the bundled example contract; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME_STAMP := $(VENV)/.installed-runtime

.PHONY: setup system-deps demo test bench model clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The demo needs only the runtime (no test tools, browsers, Dask or OCR).
$(RUNTIME_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME_STAMP)

setup: $(STAMP)

demo: $(RUNTIME_STAMP)
	$(BIN)/clausecheck check examples/hotel-counterproposal.txt --format text --fail-on never

system-deps:
	scripts/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

# Every speed and memory figure as a ratio against its floor measured in the same run, appended
# with its date to benchmarks/RESULTS-speed.md (about 10 minutes on 2 cores). The older scripts in
# benchmarks/ (per-sample ingestion, batch sweeps) still run on their own.
bench: $(STAMP)
	$(BIN)/python benchmarks/speed_bench.py

model: $(STAMP)
	$(BIN)/python -m checker.train

clean:
	rm -rf $(VENV) build dist *.egg-info
