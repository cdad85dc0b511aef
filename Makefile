# reportlint — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test fuzz bench train eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	-$(BIN)/reportlint check reportlint/data/sample.txt
	$(BIN)/reportlint outline reportlint/data/sample.txt

test: $(STAMP)
	$(BIN)/python -m pytest

fuzz: $(STAMP)
	FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest tests/test_fuzz.py -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

train: $(STAMP)
	$(BIN)/reportlint train

eval: $(STAMP)
	$(BIN)/reportlint eval

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
