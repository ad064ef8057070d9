# Two entry points (see README): `make demo` and `make test`. Both install what is missing,
# Debian packages included, then run.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-tha fonts-thai-tlwg chromium libpango-1.0-0 libpangoft2-1.0-0 postgresql-client
# The demo's key is public on purpose: real deployments set their own secret.
DEMO_KEY := eagle-eye-demo-key-not-a-secret

export PYTHAINLP_READ_ONLY := 1
export PYTHAINLP_OFFLINE := 1

.PHONY: demo test setup system-deps samples bench accuracy clean

demo: setup
	@EAGLE_EYE_FINGERPRINT_KEY=$(DEMO_KEY) $(BIN)/python seeds/demo.py

# Parallel test processes (pytest-xdist). More than the 2 cores of this machine kind: while one
# test waits on a crawl, a server or a subprocess, the others use the CPU. `pytest path` alone
# runs serially.
TEST_PROCESSES ?= 4

test: setup
	$(BIN)/python -m pytest -q -n $(TEST_PROCESSES)

setup: system-deps $(VENV)/.installed

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "== installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

# The figures in the README: accuracy on the labelled corpus, detector and PDF throughput.
# Presidio goes in its own venv (it pulls spaCy); if it does not install, it is left out.
PRESIDIO_VENV := .venv-presidio
accuracy: setup
	$(BIN)/python benchmarks/accuracy.py --out benchmarks/out/accuracy.md

bench: setup accuracy
	@[ -x $(PRESIDIO_VENV)/bin/python ] || { $(PYTHON) -m venv $(PRESIDIO_VENV) && \
	  $(PRESIDIO_VENV)/bin/pip install -q presidio-analyzer || rm -rf $(PRESIDIO_VENV); }
	$(BIN)/python benchmarks/detector_speed.py --mix site \
	  $$([ -x $(PRESIDIO_VENV)/bin/python ] && echo --presidio-python $(PRESIDIO_VENV)/bin/python)
	$(BIN)/python benchmarks/detector_speed.py --mix dense
	$(BIN)/python benchmarks/detector_speed.py --mix lists
	$(BIN)/python benchmarks/pdf_speed.py

# Regenerate the bundled sample documents and websites (fake people, deterministic).
samples: setup
	$(BIN)/python seeds/make_samples.py seeds/samples
	$(BIN)/python seeds/make_sites.py seeds/sites

clean:
	rm -rf $(VENV) $(PRESIDIO_VENV) .pytest_cache .hypothesis
