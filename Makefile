# cordon — two commands on a fresh machine: `make demo` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: demo test lint unit system-deps browser-deps bench-deps bench clean i18n

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,bench,spark]"
	@touch $(STAMP)

## system-deps: ICU headers for PyICU (cross-script transliteration) and a Java 17 runtime for
## the Spark engine (pyspark 4 runs on Java 17); installed with apt when missing
system-deps:
	@pkg-config --exists icu-i18n 2>/dev/null || scripts/apt-install.sh libicu-dev pkg-config
	@command -v java >/dev/null 2>&1 || scripts/apt-install.sh openjdk-17-jre-headless

## browser-deps: Debian's chromium and Noto fonts (Arabic, CJK) for the report and web-app browser tests
browser-deps:
	@command -v chromium >/dev/null 2>&1 || scripts/apt-install.sh chromium
	@fc-list 2>/dev/null | grep -q "Noto Sans Arabic" || scripts/apt-install.sh fonts-noto-core fontconfig
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || scripts/apt-install.sh fonts-noto-cjk fontconfig

## i18n: extract every message into the .pot and merge it into each language's .po (docs/i18n.md)
i18n: $(STAMP)
	$(VENV)/bin/pybabel extract -F cordon/i18n/babel.cfg \
		--no-location --sort-output --project cordon \
		--copyright-holder "cordon contributors" -o cordon/i18n/locale/cordon.pot .
	$(VENV)/bin/pybabel update -i cordon/i18n/locale/cordon.pot -d cordon/i18n/locale -D cordon \
		--no-fuzzy-matching --ignore-obsolete -w 100

demo: $(STAMP)
	$(VENV)/bin/cordon demo

lint: $(STAMP)
	$(PY) -m ruff check cordon tests benchmarks
	$(PY) -m mypy

unit: $(STAMP)
	$(PY) -m pytest

test: $(STAMP) browser-deps lint unit

## bench-deps: wrk, the HTTP load generator of the API benchmark
bench-deps:
	@command -v wrk >/dev/null 2>&1 || scripts/apt-install.sh wrk

bench: $(STAMP) bench-deps
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
