# reportlint — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
BASE   := $(VENV)/.installed-base
FULL   := $(VENV)/.installed-test

.PHONY: demo test test-fast fuzz bench train eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(BASE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $(BASE)

$(FULL): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(BASE) $(FULL)

demo: $(BASE)
	$(BIN)/reportlint check reportlint/data/sample.txt || echo "（示例稿本来就有问题，退出码 1 是预期的）"
	$(BIN)/reportlint outline reportlint/data/sample.txt

test: $(FULL)
	$(BIN)/python -m pytest

test-fast: $(FULL)
	$(BIN)/python -m pytest -m "not slow"

fuzz: $(FULL)
	FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest tests/test_fuzz.py -q

bench: $(FULL)
	$(BIN)/python benchmarks/run.py

train: $(FULL)
	$(BIN)/reportlint train

eval: $(FULL)
	$(BIN)/reportlint eval

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
