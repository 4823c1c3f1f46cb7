# casewire: `make run` builds a release from raw/, `make test` runs the tests.
# Both set up .venv on first use; nothing else needs installing by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
RAW    ?= raw
OUTPUT ?= output
GOLD   ?= ../shared/gold
CORPUS ?= ../shared/corpus
N      ?= 2000
NPROC  ?= 1
STAGES ?= bare,flow,components
PORT   ?= 4200
CRON   ?= 0 * * * *

# Prefect runs offline in ephemeral mode, its state kept inside the checkout.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
export PREFECT_LOGGING_LEVEL ?= INFO

.PHONY: install browser run test eval bench serve lint clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install pinned dependencies

run: install  ## build a release from $(RAW) into $(OUTPUT)
	$(BIN)/casewire run --raw $(RAW) --output $(OUTPUT)

test: install browser  ## lint, then the test suite (whole-corpus runs are eval/bench)
	$(BIN)/ruff check src flows schemas tests bench gold
	$(BIN)/python -m pytest -q

# Headless Chromium renders report.html in the tests; Debian's package, installed
# when missing and we may (root with apt-get), else the report test skips.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the report test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: chromium not installed and cannot install it: the report test will skip"; fi; }

eval: install  ## score extraction against every gold file in $(GOLD) (RELEASE=dir: judged person samples against it)
	$(BIN)/python -m casewire.evaluate --gold $(GOLD) --gold gold/annotated --corpus $(CORPUS) --raw $(RAW) --json $(OUTPUT)/eval.json $(if $(BASELINE),--baseline $(BASELINE),)
	$(BIN)/python -m casewire.evaluate_entities --raw $(RAW) --gold $(GOLD) --corpus $(CORPUS) --json $(OUTPUT)/eval_entities.json $(if $(RELEASE),--release $(RELEASE),)
	# the headline figures, committed with the code they measure: every release's card quotes them
	$(BIN)/python -m casewire.publish.accuracy $(OUTPUT)/eval.json --entities $(OUTPUT)/eval_entities.json

bench: install  ## throughput: bare spaCy vs the flow, no-change rerun (N=2000|all, NPROC=2, SCALING=1)
	$(BIN)/python bench/run.py --n $(N) --n-process $(NPROC) --stages $(STAGES) --corpus $(CORPUS) $(if $(filter 1,$(SCALING)),--scaling,)

# A Prefect server (state in .prefect/serve, UI on 127.0.0.1:$(PORT)) and the build flow
# served against it on a schedule; Ctrl-C or SIGTERM stops both (flows/serve.py).
# exec: make signals the supervisor itself, not a shell that would die without it.
serve: install  ## run the build flow on a schedule (CRON, default hourly) with its own Prefect server
	exec $(BIN)/python -m flows.serve --raw $(RAW) --output $(OUTPUT) --cron "$(CRON)" --home .prefect/serve --port $(PORT)

lint: install  ## ruff: style, imports, and no Prefect inside src/casewire
	$(BIN)/ruff check src flows schemas tests bench gold
	$(BIN)/ruff format --check src flows schemas tests bench gold

clean:  ## remove releases, the extraction cache and Prefect state
	rm -rf $(OUTPUT)/releases $(OUTPUT)/latest.json $(OUTPUT)/.cache .prefect .pytest_cache
