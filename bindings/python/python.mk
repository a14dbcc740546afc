# bindings/python/python.mk: the Python binding (package `stake`), included
# by the top-level Makefile. Everything goes to $(BUILDDIR)/python/:
#
#   gen/stake_typemaps.i         typemaps generated from the headers (gen_typemaps.py)
#   gen/raw_wrap.c, gen/raw.py   what SWIG generates from python.i
#   gen/_raw$(EXT_SUFFIX)        the extension, linked to $(BUILDDIR)/libstake.so
#                                with an rpath
#   stake/                       the importable package, re-assembled from
#                                bindings/python/stake/*.py and gen/ by every
#                                `make python`, so no stale file survives
#
#   make python          build the package
#   make check-python    the three below
#     check-python-unit    pytest (bindings/python/tests), PYTHONPATH=$(BUILDDIR)/python
#     check-python-docs    the ```python snippets of README.md
#     check-python-wheel   offline wheels (setuptools, --no-build-isolation) against
#                          the build tree and a staged install, each installed in a
#                          venv and tested
#   make bench-python    bindings/python/bench_python.py (also run by `make bench`)
#
# The interpreter is $(PYTHON) (Debian's /usr/bin/python3: the one that sees
# python3-pytest and python3-hypothesis); its include directory and
# EXT_SUFFIX are the ones used.

SWIG ?= swig

PY_SRC       := bindings/python
PY_BUILD      = $(BUILDDIR)/python
PY_GEN        = $(PY_BUILD)/gen
PY_PKG        = $(PY_BUILD)/stake
PY_MODULES   := $(sort $(wildcard $(PY_SRC)/stake/*.py))

# One run of the interpreter: its include directory, EXT_SUFFIX, pointer bits.
PY_CONFIG    := $(shell $(PYTHON) -c 'import struct, sysconfig; \
    print(sysconfig.get_paths()["include"], sysconfig.get_config_var("EXT_SUFFIX"), \
          8 * struct.calcsize("P"))' 2>/dev/null)
PY_INCLUDE    = $(word 1,$(PY_CONFIG))
PY_EXT_SUFFIX = $(word 2,$(PY_CONFIG))
PY_PTR_BITS   = $(word 3,$(PY_CONFIG))

PY_TYPEMAPS_I = $(PY_GEN)/stake_typemaps.i
PY_WRAP       = $(PY_GEN)/raw_wrap.c
PY_RAW_PY     = $(PY_GEN)/raw.py
PY_EXT        = $(PY_GEN)/_raw$(PY_EXT_SUFFIX)

# SWIG's output is not -Wextra clean: warnings stay warnings here.
PY_EXT_CFLAGS = -std=gnu11 -fPIC -fno-strict-aliasing -Wall -Wno-unused-function \
                -Wno-missing-field-initializers -Iinclude -I$(PY_INCLUDE) \
                -D_POSIX_C_SOURCE=200809L
# uint64_t is unsigned long on LP64 platforms: tell SWIG's stdint.i.
PY_SWIGFLAGS  = -python -Iinclude -Ibindings -I$(PY_GEN) $(if $(filter 64,$(PY_PTR_BITS)),-DSWIGWORDSIZE64)

# Tests run against the assembled package only: no bytecode or pytest cache
# written into the source tree, and -P keeps the current directory off
# sys.path.
PY_RUN = PYTHONPATH=$(abspath $(PY_BUILD)) PYTHONDONTWRITEBYTECODE=1 \
         STAKE_VECTORS=$(CURDIR)/tests/vectors STAKE_EXPECT_BACKEND=$(BIGNUM) $(PYTHON) -P

DEB_PACKAGES += swig python3-dev python3-pytest python3-hypothesis python3-setuptools \
                python3-wheel python3-venv python3-pip python3-numpy python3-nbclient python3-nbformat python3-ipykernel python3-matplotlib
CHECK_EXTRA  += check-python

.PHONY: python check-python check-python-unit check-python-thorough check-python-docs \
        bench-python check-python-wheel python-clean

$(PY_TYPEMAPS_I): $(PY_SRC)/gen_typemaps.py $(PY_SRC)/python.i $(HEADERS)
	@mkdir -p $(@D)
	$(PYTHON) $(PY_SRC)/gen_typemaps.py include $(PY_SRC)/python.i $@

$(PY_WRAP): $(PY_SRC)/python.i bindings/stake.i $(PY_TYPEMAPS_I) $(HEADERS) $(PY_SRC)/python.mk
	@test -n "$(PY_INCLUDE)" || { echo "python.mk: cannot run $(PYTHON)" >&2; exit 1; }
	$(SWIG) $(PY_SWIGFLAGS) -outdir $(@D) -o $@ $<

$(PY_RAW_PY): $(PY_WRAP)

$(PY_EXT): $(PY_WRAP) $(BUILDDIR)/libstake.so
	$(CC) $(CFLAGS) $(PY_EXT_CFLAGS) $(LDFLAGS) -shared -o $@ $(PY_WRAP) \
	    -L$(BUILDDIR) -lstake -Wl,-rpath,$(abspath $(BUILDDIR))

python: $(PY_EXT) $(PY_RAW_PY) $(PY_MODULES)
	@rm -rf $(PY_PKG).new
	@mkdir -p $(PY_PKG).new
	@cp $(PY_MODULES) $(PY_RAW_PY) $(PY_EXT) $(PY_PKG).new/
	@rm -rf $(PY_PKG) && mv $(PY_PKG).new $(PY_PKG)
	@echo "python: package stake assembled in $(PY_PKG)"

check-python: check-python-unit check-python-docs check-python-examples check-python-wheel

# The Python examples and the notebooks, executed headless (nbclient).
check-python-examples: python
	@set -e; for f in examples/python/*.py; do echo "== $$f"; $(PY_RUN) $$f > /dev/null; done
	$(PY_RUN) tests/docs/run_notebooks.py $(PY_BUILD) $(BUILDDIR)/notebooks

PY_TESTS = $(PY_RUN) -m pytest -q -p no:cacheprovider $(PY_SRC)/tests
check-python-unit: python
	$(PY_TESTS)

# Not part of check: fresh random examples, 5000 a property (tens of minutes).
check-python-thorough: python
	HYPOTHESIS_PROFILE=thorough $(PY_TESTS)

check-python-docs: python
	PYTHON=$(PYTHON) sh tests/docs/readme_python.sh $(PY_BUILD)

bench-python: python
	$(PY_RUN) $(PY_SRC)/bench_python.py

# The setuptools route a user takes, offline (see tests/wheel_install.sh).
check-python-wheel: python
	PYTHON=$(PYTHON) MAKE="$(MAKE)" sh $(PY_SRC)/tests/wheel_install.sh $(BUILDDIR) $(BIGNUM)

python-clean:
	rm -rf $(PY_BUILD)

# `make bench` runs the Python benchmark too.
bench: bench-python
