# reportlint — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
BASE   := $(VENV)/.installed-base
FULL   := $(VENV)/.installed-test

.PHONY: demo test test-fast fuzz bench train eval realdev clean setup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The compiled scoring core and DUP002/DUP004's pair loops (native/, a C extension) are optional:
# when they cannot be built the pure-Python twins give the same results, only slower.
NATIVE_NOTE := "注意：未能编译 C 核心 native/（需要 gcc 和 Python 头文件），改用纯 Python 实现：结果完全相同，只是批量检查慢一些。"
define install_native
	$(BIN)/python -m pip install -q ./native || echo $(NATIVE_NOTE)
endef

$(BASE): pyproject.toml native/pyproject.toml native/src/reportlint_native/_core.c native/src/reportlint_native/_pairs.c native/src/reportlint_native/__init__.py | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	$(install_native)
	touch $(BASE)

$(FULL): pyproject.toml native/pyproject.toml native/src/reportlint_native/_core.c native/src/reportlint_native/_pairs.c native/src/reportlint_native/__init__.py | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	$(install_native)
	touch $(BASE) $(FULL)

demo: $(BASE)
	$(BIN)/reportlint check reportlint/data/sample.txt || echo "（示例稿本来就有问题，退出码 1 是预期的）"
	$(BIN)/reportlint outline reportlint/data/sample.txt

# System tools the tests need (Chromium, CJK fonts, LibreOffice): installed by .ci/setup when missing.
setup:
	bash .ci/setup

test: setup $(FULL)
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

# The real-report development set (../shared/realdev, never committed): rebuilt into .realdev/ from a
# snapshot fetched beforehand (MIRROR=…/the folder holding tangyixiao+Shaoxingyizhong), then scored:
# paragraph roles (content-only and decoded, per label, per genre and file) and check's findings
# per 2,000 characters and recall on the listed defects.
REALDEV ?= ../shared/realdev
realdev: $(FULL)
	@test -d $(REALDEV) || { echo "找不到开发集 $(REALDEV)"; exit 2; }
	@if [ ! -d .realdev ]; then \
	  test -n "$(MIRROR)" || { echo "请先取得快照并指定 MIRROR=…（见 $(REALDEV)/README.md）"; exit 2; }; \
	  $(PYTHON) $(REALDEV)/rebuild.py $(MIRROR) .realdev; fi
	$(BIN)/reportlint eval --real .realdev --gold $(REALDEV)/labels.tsv
	$(PYTHON) $(REALDEV)/score.py .realdev $(BIN)/reportlint

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
