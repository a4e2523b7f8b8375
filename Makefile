# perfkit — run `make help` for the list of targets.
# Every path is relative to this file's folder, the project root.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := data/raw/sample_council_2023-24.xlsx
PERIOD ?= 2023/24 Q2

.DEFAULT_GOAL := help
.PHONY: help setup demo test sample browser screenshot bench clean bytecode

help: ## List the targets with what they do
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "perfkit needs Python 3.11 or newer: run make with PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install perfkit with its dependencies

# pip writes bytecode for the packages it installs, but not for an editable install; without it
# every perfkit process (the CLI and each notebook kernel) compiles perfkit's source again.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q perfkit

demo: bytecode ## Build the sample briefing from the bundled workbook and print its path
	$(BIN)/perfkit validate $(SAMPLE)
	$(BIN)/perfkit load $(SAMPLE)
	$(BIN)/perfkit summary $(SAMPLE) --period "$(PERIOD)"
	$(BIN)/perfkit brief $(SAMPLE) --period "$(PERIOD)" --council "Northbrook District Council" --out reports/ --xlsx --force

browser: ## Install headless Chromium, pdftotext and axe-core (browser tests, brief --pdf)
	bash scripts/install_browser.sh

screenshot: $(STAMP) browser ## Regenerate docs/briefing.png from the sample briefing with headless Chromium
	bash scripts/screenshot.sh $(SAMPLE) "$(PERIOD)"

test: bytecode browser ## Run the test suite (installs what it needs first)
	$(BIN)/python -m pytest -q

sample: $(STAMP) ## Rebuild the sample workbooks in data/raw/ from scripts/make_sample.py
	$(BIN)/python scripts/make_sample.py

bench: bytecode ## Run the benchmarks in bench/ and print their ratios
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench_read.py
	$(BIN)/python bench/bench_assess.py
	$(BIN)/python bench/bench_brief.py

clean: ## Remove .venv, caches and generated outputs (never data/raw/)
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
	find perfkit tests bench scripts -name __pycache__ -prune -exec rm -rf {} +
	find data/processed reports -mindepth 1 ! -name .gitkeep -delete
