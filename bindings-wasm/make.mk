test-wasm:
	@echo "wasm binding: no tests yet"
