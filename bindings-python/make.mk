test-python:
	@echo "python binding: no tests yet"
