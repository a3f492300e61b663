# Two commands for a fresh machine with Python >= 3.11 and pip:
#   make reports   build every report of every scenario into reports/
#   make test      lint, unit tests, notebook tests (nbval), browser tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The stamp names the hash of pyproject.toml, so a dependency change reinstalls.
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: reports test test-build test-hermetic docs lint format notebooks translations lab lab-venv bench \
  clean-venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask]'
	@rm -f $(VENV)/.installed-* && touch $@

reports: $(STAMP)
	$(BIN)/stargate build

# Test processes side by side (pytest-xdist; 0: one process). Each takes whole test files, and the
# files sharing a session build go together (tests/conftest.py).
TEST_PROCESSES ?= 2

test: $(STAMP)
	$(BIN)/ruff check stargate tests benchmarks notebooks
	$(BIN)/ruff format --check stargate tests benchmarks notebooks
	$(BIN)/lint-imports --no-cache
	$(BIN)/stargate validate
	$(BIN)/python -m pytest -p no:cacheprovider -n $(TEST_PROCESSES) --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

# The builder's tests only (build, kernels, fault injection, reproducibility): a quick check
# while working on stargate/build/.
test-build: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests/test_build.py tests/test_execute.py \
	  tests/test_faults.py tests/test_reproducible.py

# The suite started normally, with SIGINT ignored, and under another locale, HOME and working
# directory (RUNS=3 for three runs of each): catches tests that depend on how they were launched.
test-hermetic: $(STAMP)
	bash .ci/hermetic

# docs/parameters.md: every scenario key with unit, bounds, default and fact, from the schema.
docs: $(STAMP)
	$(BIN)/python -m stargate.present.parameter_reference > docs/parameters.md.tmp
	mv docs/parameters.md.tmp docs/parameters.md

# Translations (gettext, managed with Babel; see babel.cfg and stargate/present/i18n.py):
# extract every msgid from the package and the page templates into the template catalog,
# merge it into each language's .po (new msgids arrive untranslated: tests/test_i18n.py fails
# until they are translated), then compile the .mo files (built, never committed) with the
# project's compiler: Babel's own check misreads "100 % is" as a printf placeholder.
LOCALE := stargate/locale
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --project stargate \
	  --version 0.1.0 --copyright-holder "stargate contributors" -o $(LOCALE)/stargate.pot .
	$(BIN)/pybabel update -i $(LOCALE)/stargate.pot -d $(LOCALE) -D stargate -w 100 \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/python -c "import sys; from stargate.present import i18n; sys.exit(i18n.compile_all())"

lint: $(STAMP)
	$(BIN)/ruff check stargate tests benchmarks notebooks

format: $(STAMP)
	$(BIN)/ruff format stargate tests benchmarks notebooks
	$(BIN)/ruff check --fix stargate tests benchmarks notebooks

# Re-execute the committed notebooks in place with the base scenario (their outputs are what
# nbval compares against).
notebooks: $(STAMP)
	$(BIN)/python -m stargate.build.rerun_notebooks

# JupyterLab for editing lives in its own venv (extra "lab"): the jupyter stack adds ~1 s to
# every kernel that imports altair, so the environment that builds reports stays lean.
# tests/test_jupyterlab.py opens the notebooks in it when it exists (.ci/run makes it).
LAB_VENV ?= .venv-lab
LAB_STAMP := $(LAB_VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

$(LAB_STAMP): pyproject.toml
	@test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[lab]'
	@rm -f $(LAB_VENV)/.installed-* && touch $@

lab-venv: $(LAB_STAMP)

# JupyterLab refuses to run as root unless told; as root (containers, CI boxes) say so and pass
# --allow-root rather than stop with its one-line refusal.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(LAB_STAMP)
	@$(if $(LAB_ROOT),echo "make lab: running as root; JupyterLab gets --allow-root")
	$(LAB_VENV)/bin/jupyter lab $(LAB_ROOT) notebooks/

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean-venv:
	rm -rf $(VENV) $(LAB_VENV)
