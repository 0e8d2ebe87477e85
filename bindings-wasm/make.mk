# WebAssembly binding (included by the root Makefile; paths are relative to the repository root).
#
#   make test-wasm    build the npm package, check the TypeScript types, run the node tests
#                     (every conformance case through the .wasm), the browser test and the
#                     README's JS blocks as written (in node and headless Chromium)
#   make bench-wasm   the budgets: .wasm size gzipped, median validate-and-classify call in node
#   make wasm-build   only build bindings-wasm/pkg/ (npm package) and bindings-wasm/www/pkg/
#   make wasm-types   regenerate bindings-wasm/types/ from schemas/ (after `make schemas`)
#   make setup-wasm   install what the above need; each step is skipped when already done:
#                     the wasm32 standard library (see WASM_STD), wasm-bindgen-cli at the version
#                     in Cargo.lock (into .tools/), the npm tools from bindings-wasm/package-lock.json
#                     (binaryen's wasm-opt, playwright-core, typescript) and Debian's chromium (apt-get).
#
# WASM_STD says where the wasm32 standard library comes from:
#   rustup   rustup's wasm32-unknown-unknown target (`rustup target add`; the default where that
#            target is already installed)
#   debian   built from source with -Zbuild-std by Debian's rustc-web, from its rust-web-src and
#            cargo-web packages (apt-get), linked with Debian's lld (the default otherwise: the
#            project's machines reach Debian and crates.io but not rustup's servers). The build
#            goes to target/wasm-std-debian/; the first one takes ~6 minutes (std itself).

CARGO ?= cargo
WASM_DIR := bindings-wasm
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3; exit }' Cargo.lock)
WASM_BINDGEN := $(CURDIR)/.tools/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/wasm-bindgen
WASM_NODE_STAMP := $(WASM_DIR)/node_modules/.package-lock.json
WASM_CHROMIUM ?= /usr/bin/chromium
# Every node test stops by itself; this is only the last guard against a hung browser.
WASM_TEST_TIMEOUT ?= 600

WASM_STD ?= $(shell rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && echo rustup || echo debian)
# apt-get install as root, or through sudo
WASM_APT = if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "not root and no sudo: install Debian's $(1) by hand (apt-get install $(1))"; exit 1; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1)

.PHONY: setup-wasm wasm-rust-target wasm-chromium wasm-build wasm-types test-wasm bench-wasm

setup-wasm: wasm-rust-target $(WASM_BINDGEN) $(WASM_NODE_STAMP) wasm-chromium

wasm-rust-target:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust with rustup (https://rustup.rs)"; exit 1; }
	@command -v node >/dev/null || { echo "node not found: install Node.js 20 or later"; exit 1; }
ifeq ($(WASM_STD),rustup)
	@rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
else ifeq ($(WASM_STD),debian)
	@dpkg -s rustc-web cargo-web rust-web-src >/dev/null 2>&1 || { $(call WASM_APT,rustc-web cargo-web rust-web-src); }
	@# rust-lld is Debian's link to its lld-NN, which no package pulls in
	@[ -x /usr/bin/rust-lld ] && [ -e "$$(readlink -f /usr/bin/rust-lld)" ] \
		|| { lld=$$(basename "$$(readlink /usr/bin/rust-lld)"); $(call WASM_APT,$$lld); }
else
	@echo "WASM_STD must be rustup or debian, not '$(WASM_STD)'"; exit 1
endif

# The CLI must be the very version of the wasm-bindgen crate in Cargo.lock. Not --locked: its own
# lockfile pins a webpki-roots version the registry mirror lacks (so `cargo install --locked` fails here).
# --debug: it compiles in ~45 s instead of 2-3 min, and writes the same output (0.4 s a run, not 0.1).
$(WASM_BINDGEN):
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "no wasm-bindgen in Cargo.lock"; exit 1; }
	$(CARGO) install --debug wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root $(CURDIR)/.tools/wasm-bindgen-$(WASM_BINDGEN_VERSION)

$(WASM_NODE_STAMP): $(WASM_DIR)/package.json $(WASM_DIR)/package-lock.json
	cd $(WASM_DIR) && npm ci --no-audit --no-fund
	@touch $@

# Debian's chromium (never a downloaded browser: playwright-core downloads none).
wasm-chromium:
	@if [ ! -x $(WASM_CHROMIUM) ]; then $(call WASM_APT,chromium); fi

wasm-build: wasm-rust-target $(WASM_BINDGEN) $(WASM_NODE_STAMP)
	CARGO="$(CARGO)" WASM_BINDGEN="$(WASM_BINDGEN)" WASM_STD="$(WASM_STD)" $(WASM_DIR)/scripts/build.sh

wasm-types: $(WASM_NODE_STAMP)
	node $(WASM_DIR)/scripts/schema-to-ts.mjs

test-wasm: setup-wasm wasm-build
	cd $(WASM_DIR) && node_modules/.bin/tsc --noEmit -p tests/tsconfig.json
	cd $(WASM_DIR) && WASM_CHROMIUM=$(WASM_CHROMIUM) timeout -k 10 $(WASM_TEST_TIMEOUT) \
		node --test --test-timeout=300000 --test-reporter=spec \
		tests/api.test.mjs tests/conformance.test.mjs tests/robustness.test.mjs tests/properties.test.mjs \
		tests/browser.test.mjs tests/readme.test.mjs

bench-wasm: wasm-build
	node $(WASM_DIR)/scripts/bench.mjs
