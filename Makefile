# giamngheo: the two commands a newcomer runs are `make demo` and `make test`.
# Every target installs what it needs and can be run again.

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: demo test bench schemas check-schemas lint rust-test setup-rust test-python test-wasm fuzz fuzz-if-nightly

# Each binding brings its own setup and test targets.
include bindings-python/make.mk
include bindings-wasm/make.mk

## make demo: classify the embedded synthetic sample, print the plan-style tables and explain a
## few households (`giamngheo demo`, the command of core/cli: see core/cli/README.md).
## `make demo CSV=households.csv [YEAR=2027] [DATE=2026-11-30] [STANDARD=nd351-2025] [FORCE=1]`
## classifies your own households (`giamngheo classify`; a .xlsx file works too, with SHEET=name)
## and writes FILE.results.csv and FILE.errors.csv beside the input, never over existing files
## unless FORCE=1: YEAR is the list year a review makes (the review at the end of 2026 makes the
## 2027 list), DATE the review day. The command builds without any dev-dependency.
demo: setup-rust
	$(CARGO) run --quiet --release -p giamngheo-cli -- \
		$(if $(CSV),classify "$(CSV)" $(if $(DATE),--date "$(DATE)") $(if $(YEAR),--list-year "$(YEAR)") \
		$(if $(STANDARD),--standard "$(STANDARD)") $(if $(SHEET),--sheet "$(SHEET)") $(if $(FORCE),--force),demo)

## make test: every test suite, the lints and the generated-file drift checks
test: setup-rust lint check-schemas fuzz-if-nightly rust-test test-python test-wasm

## make bench: the criterion benchmarks, with their figures
bench: setup-rust
	$(CARGO) bench -p giamngheo --bench classify --bench batch --bench memory --bench funding --bench eligibility
	$(CARGO) bench -p giamngheo --features arrow,parallel --bench arrow
	$(MAKE) bench-python bench-national bench-wasm

## make fuzz: each fuzz target for FUZZ_SECONDS (default 60). The grown corpus is tracked as one
## archive, core/fuzz/corpus.tar.gz: it is unpacked into core/fuzz/target/corpus/<target>/
## (ignored), grown there (with core/fuzz/regressions/<target>/, the named inputs, as read-only
## seeds), minimised with `cargo fuzz cmin` and packed again (deterministic: commit it when it
## changed). `make test` replays both on stable. cargo-fuzz needs nightly features:
## RUSTC_BOOTSTRAP=1 enables them on the stable toolchain.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := classify_json call_json standard_json batch
# Per target ($$t in the loops below): the JSON targets get the dictionary of field names, enum
# values and function names written from the code by `xtask fuzz-dict`. A crash is saved in
# core/fuzz/artifacts/<target>/ (untracked): once fixed, keep it as
# core/fuzz/regressions/<target>/regression-<what it broke>.
FUZZ_FLAGS = -timeout=10 -rss_limit_mb=2048 $$([ $$t = batch ] || echo -dict=target/json.dict)
# The corpus a run grows (the first directory) and the named inputs it starts from too.
FUZZ_DIRS = target/corpus/$$t regressions/$$t
fuzz: setup-rust
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	$(CARGO) run --quiet -p xtask -- fuzz-dict core/fuzz/target/json.dict
	$(CARGO) run --quiet -p xtask -- fuzz-corpus unpack
	cd core/fuzz && for t in $(FUZZ_TARGETS); do \
		RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run -O $$t $(FUZZ_DIRS) -- -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) && \
		RUSTC_BOOTSTRAP=1 $(CARGO) fuzz cmin -O $$t target/corpus/$$t -- -timeout=10 -rss_limit_mb=2048 || exit 1; \
	done
	$(CARGO) run --quiet -p xtask -- fuzz-corpus pack
	@git status --short core/fuzz/corpus.tar.gz 2>/dev/null || true

# In `make test`: a short fuzz pass where a nightly toolchain is installed (the saved inputs are
# replayed on stable by `cargo test` either way). It grows the ignored unpacked corpus only: the
# tracked archive changes with `make fuzz` alone.
fuzz-if-nightly:
	@if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then \
		command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked; \
		$(CARGO) run --quiet -p xtask -- fuzz-dict core/fuzz/target/json.dict || exit 1; \
		$(CARGO) run --quiet -p xtask -- fuzz-corpus unpack || exit 1; \
		cd core/fuzz && for t in $(FUZZ_TARGETS); do \
			$(CARGO) +nightly fuzz run -O $$t $(FUZZ_DIRS) -- -max_total_time=15 $(FUZZ_FLAGS) || exit 1; \
		done; \
	else echo "no nightly toolchain: fuzz inputs replayed on stable only (make fuzz runs the fuzzers)"; fi

## make schemas: regenerate the JSON Schemas in schemas/ from the Rust types
## (with the error catalog core/docs/error-catalog.md and the TypeScript types)
schemas: setup-rust
	$(CARGO) run --quiet -p xtask -- schemas
	$(CARGO) run --quiet -p xtask -- error-catalog
	$(MAKE) wasm-types

check-schemas:
	$(CARGO) run --quiet -p xtask -- check-schemas
	$(CARGO) run --quiet -p xtask -- check-error-catalog

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --quiet --workspace --all-targets -- -D warnings

# The README's blocks: Rust ones are compiled and run by core/tests/readme.rs (in cargo test);
# shell and JSON ones here, which also fails on a block no runner claims (tests/readme/snippets.py;
# Python's run in test-python, JS's in test-wasm).
rust-test:
	$(CARGO) test --workspace
	$(PYTHON3) tests/readme/snippets.py run sh json

setup-rust:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust with rustup (https://rustup.rs)"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy
