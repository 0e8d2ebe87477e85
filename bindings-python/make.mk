# Python binding: included by the root Makefile. Every target installs what it needs and can be
# run again; re-runs only rebuild what changed.
#
#   make test-python    venv + pinned tools, wheel (maturin, release), pytest (conformance cases,
#                       API, batch, stubtest, notebook, Dask, DuckDB), then every Python block of the
#                       README, each in a fresh venv with the wheel and the extras the block names
#                       (`# pip install "giamngheo[dask]"`; none: the wheel and numpy only)
#   make test-spark     the wheel inside Spark: pyspark (requirements-spark.txt) in the same venv,
#                       Java from Debian when `java` is missing, then bindings-python/tests_spark/
#                       (a local[2] session classifying households with mapInArrow)
#   make bench-python   the benchmark (bindings-python/bench/bench.py): every user path (arrays,
#                       pandas, polars, Arrow, statistics, one household) timed alternately with a
#                       hand-written numpy / pandas / polars rule, the ratios and targets printed
#   make setup-python   just the venv with the pinned tools

PY_DIR      := bindings-python
PY_VENV     := .venv
PY_BIN      := $(PY_VENV)/bin
PY_STAMP    := $(PY_VENV)/.giamngheo-requirements
PY_WHEELS   := $(PY_VENV)/wheels
PYTHON3     ?= python3
# The wheel is built in its own target directory, with x86-64-v2 code on x86_64 (POPCNT, SSE4.2:
# the baseline numpy 2 itself requires), which makes the batch path about 1.4x faster.
PY_TARGET   := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/python-wheel
PY_RUSTFLAGS := $(if $(filter x86_64,$(shell uname -m)),-C target-cpu=x86-64-v2)

.PHONY: setup-python wheel-python test-python bench-python check-python-wheel setup-java test-spark

$(PY_BIN)/python:
	@command -v $(PYTHON3) >/dev/null || { echo "python3 not found: install Python 3.9 or later"; exit 1; }
	@$(PYTHON3) -m venv $(PY_VENV) || { rm -rf $(PY_VENV); \
		echo "python3 -m venv failed: installing Debian's python3-venv"; \
		command -v apt-get >/dev/null && apt-get update -qq && apt-get install -y -qq python3-venv && \
		$(PYTHON3) -m venv $(PY_VENV); }

# Pinned tools (requirements.txt), with every transitive version fixed by requirements-lock.txt.
$(PY_STAMP): $(PY_DIR)/requirements.txt $(PY_DIR)/requirements-lock.txt | $(PY_BIN)/python
	$(PY_BIN)/python -m pip install --quiet --disable-pip-version-check \
		-r $(PY_DIR)/requirements.txt -c $(PY_DIR)/requirements-lock.txt
	@touch $@

setup-python: setup-rust $(PY_STAMP)

# The wheel (abi3, release). cargo decides what to rebuild; the install is skipped when the
# wheel is unchanged.
wheel-python: setup-python
	@rm -rf $(PY_WHEELS)/build && mkdir -p $(PY_WHEELS)/build
	cd $(PY_DIR) && RUSTFLAGS="$(PY_RUSTFLAGS) $$RUSTFLAGS" ../$(PY_BIN)/maturin build --release --quiet \
		--target-dir $(PY_TARGET) --out ../$(PY_WHEELS)/build
	@new=$$(ls $(PY_WHEELS)/build/giamngheo-*.whl) && old=$$(ls $(PY_WHEELS)/current/giamngheo-*.whl 2>/dev/null) ; \
	if [ -n "$$old" ] && cmp -s "$$new" "$$old"; then echo "wheel unchanged: $$(basename $$new)"; else \
		$(PY_BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$$new" && \
		rm -rf $(PY_WHEELS)/current && mkdir -p $(PY_WHEELS)/current && cp "$$new" $(PY_WHEELS)/current/ && \
		echo "installed $$(basename $$new)"; fi

# The README's Python blocks exactly as written, each in a fresh venv: `pip install` of the built
# wheel with the extras the block names (versions from the lock file), so a block that needs more
# than its extras bring fails (tests/readme/snippets.py).
define PY_FRESH_VENV_README
	$(PYTHON3) tests/readme/snippets.py run python --wheel $$(ls $(PY_WHEELS)/current/giamngheo-*.whl) \
		--constraints $(PY_DIR)/requirements-lock.txt
endef

# pytest exits 5 when it collects no test: that is a failure here.
test-python: wheel-python
	cd $(PY_DIR) && ../$(PY_BIN)/python -m pytest -q -p no:cacheprovider tests; rc=$$?; \
		if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc
	$(PY_FRESH_VENV_README)

# Spark: pyspark (pinned in requirements-spark.txt, with requirements-lock.txt as constraints) in the
# same venv, and a Java runtime (Spark 4 runs on Java 17 or 21), installed from Debian only when
# `java` is missing. The suite is outside tests/, so `make test` needs neither.
PY_SPARK_STAMP := $(PY_VENV)/.giamngheo-spark-requirements
$(PY_SPARK_STAMP): $(PY_DIR)/requirements-spark.txt $(PY_DIR)/requirements-lock.txt | $(PY_STAMP)
	$(PY_BIN)/python -m pip install --quiet --disable-pip-version-check \
		-r $(PY_DIR)/requirements-spark.txt -c $(PY_DIR)/requirements-lock.txt
	@touch $@

setup-java:
	@command -v java >/dev/null || { echo "java not found: installing Debian's openjdk-17-jre-headless"; \
		command -v apt-get >/dev/null || { echo "no apt-get: install Java 17 or 21"; exit 1; }; \
		apt-get update -qq && { apt-get install -y -qq openjdk-17-jre-headless || \
			apt-get install -y -qq openjdk-21-jre-headless; }; }

test-spark: wheel-python $(PY_SPARK_STAMP) setup-java
	cd $(PY_DIR) && ../$(PY_BIN)/python -m pytest -q -p no:cacheprovider tests_spark; rc=$$?; \
		if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

check-python-wheel: wheel-python
	$(PY_FRESH_VENV_README)

bench-python: wheel-python
	$(PY_BIN)/python $(PY_DIR)/bench/bench.py

## 27 million synthetic households through the batch API: time and peak memory
bench-national: wheel-python
	$(PY_BIN)/python $(PY_DIR)/bench/national.py
