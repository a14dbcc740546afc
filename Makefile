# libstake: plain GNU make, no configure step.
#
#   make                      build the library (BIGNUM=gmp by default)
#   make BIGNUM=tommath       ... on libtommath instead of GMP
#   make check                build and run every test for that backend
#   make check-all            both backends, then the sanitizer run
#   make bench                benchmarks, each with a same-run baseline
#   make demo                 the main job on the bundled example
#   make install / uninstall  honour DESTDIR, PREFIX, LIBDIR, INCLUDEDIR,
#                             MANDIR, PKGCONFIGDIR
#   make deps                 install the Debian packages everything needs
#
# Build products go to build/$(BIGNUM)/ (override with BUILDDIR=), so the
# two backends and the sanitizer build can sit side by side.

BIGNUM   ?= gmp
BUILDDIR ?= build/$(BIGNUM)

# The binding fragments are read before the first rule: keep `all` the default.
.DEFAULT_GOAL := all

# ---- toolchain ----------------------------------------------------------
CC      ?= cc
AR      ?= ar
INSTALL ?= install
INSTALL_DATA    ?= $(INSTALL) -m 644
INSTALL_PROGRAM ?= $(INSTALL) -m 755
PKG_CONFIG ?= pkg-config
# Debian's interpreter: the one that sees python3-pytest and friends.
PYTHON  ?= /usr/bin/python3

CFLAGS  ?= -O2 -g
WARNFLAGS = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wvla
STAKE_CFLAGS = -std=c11 $(WARNFLAGS) -Iinclude -D_POSIX_C_SOURCE=200809L
LIB_CFLAGS   = $(STAKE_CFLAGS) -fPIC -fvisibility=hidden $(BIGNUM_DEF) $(BIGNUM_CFLAGS)

# ---- backend ------------------------------------------------------------
ifeq ($(BIGNUM),gmp)
  BIGNUM_PC  = gmp
  BIGNUM_DEF = -DSTAKE_BIGNUM_GMP
else ifeq ($(BIGNUM),tommath)
  BIGNUM_PC  = libtommath
  BIGNUM_DEF = -DSTAKE_BIGNUM_TOMMATH
else
  $(error BIGNUM must be gmp or tommath, not '$(BIGNUM)')
endif
BIGNUM_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(BIGNUM_PC) 2>/dev/null)
BIGNUM_LIBS   := $(or $(shell $(PKG_CONFIG) --libs $(BIGNUM_PC) 2>/dev/null),-l$(BIGNUM:tommath=tommath))

# ---- version (read from the header, the single source) -------------------
version_part = $(shell sed -n 's/^\#define STAKE_VERSION_$(1) \([0-9]*\).*/\1/p' include/stake/version.h)
VERSION_MAJOR := $(call version_part,MAJOR)
VERSION_MINOR := $(call version_part,MINOR)
VERSION_PATCH := $(call version_part,PATCH)
VERSION := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

SONAME    = libstake.so.$(VERSION_MAJOR)
SHARED    = $(BUILDDIR)/libstake.so.$(VERSION)
STATIC    = $(BUILDDIR)/libstake.a
PCFILE    = $(BUILDDIR)/libstake.pc

# ---- install locations (zstd conventions: upper or lower case) ----------
DESTDIR  ?=
prefix   ?= /usr/local
PREFIX   ?= $(prefix)
exec_prefix ?= $(PREFIX)
libdir   ?= $(exec_prefix)/lib
LIBDIR   ?= $(libdir)
includedir ?= $(PREFIX)/include
INCLUDEDIR ?= $(includedir)
bindir   ?= $(exec_prefix)/bin
BINDIR   ?= $(bindir)
mandir   ?= $(PREFIX)/share/man
MANDIR   ?= $(mandir)
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

# ---- sources --------------------------------------------------------------
# Every lib/<module>/*.c is part of the library, except the backend that was
# not chosen.
LIB_SRCS := $(filter-out lib/bignum/%,$(wildcard lib/*/*.c)) lib/bignum/bignum_$(BIGNUM).c
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILDDIR)/%.o)
HEADERS  := include/stake.h $(wildcard include/stake/*.h)

# Debian packages for building and testing; binding fragments add theirs.
DEB_PACKAGES = build-essential pkgconf libgmp-dev libtommath-dev check mandoc groff-base

# Extra test targets that `make check` runs; binding fragments add theirs.
CHECK_EXTRA =

# ---- bindings (each has its own makefile fragment) -----------------------------------
-include bindings/python/python.mk
-include bindings/go/go.mk

.PHONY: all lib shared static pc
all: lib
lib: shared static pc
shared: $(SHARED) $(BUILDDIR)/$(SONAME) $(BUILDDIR)/libstake.so
static: $(STATIC)
pc: $(PCFILE)

$(BUILDDIR)/lib/%.o: lib/%.c $(HEADERS) $(wildcard lib/*/*.h) Makefile
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIB_CFLAGS) -c $< -o $@

$(SHARED): $(LIB_OBJS) lib/libstake.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=lib/libstake.map -Wl,--no-undefined \
	    -o $@ $(LIB_OBJS) $(BIGNUM_LIBS)

$(BUILDDIR)/$(SONAME): $(SHARED)
	ln -sf $(notdir $<) $@
$(BUILDDIR)/libstake.so: $(BUILDDIR)/$(SONAME)
	ln -sf $(notdir $<) $@

$(STATIC): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# Regenerated on every run so that a later PREFIX is never stale (zstd).
# Directories under the prefix are written relative to it.
.PHONY: $(PCFILE)
$(PCFILE):
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@EXEC_PREFIX@|$(patsubst $(PREFIX)%,$${prefix}%,$(exec_prefix))|' \
	    -e 's|@LIBDIR@|$(patsubst $(exec_prefix)%,$${exec_prefix}%,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)%,$${prefix}%,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@BIGNUM_PC@|$(BIGNUM_PC)|' \
	    lib/libstake.pc.in > $@

# ---- tests ------------------------------------------------------------------
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
TEST_CFLAGS   = $(STAKE_CFLAGS) -Wno-missing-prototypes -Itests/unit $(CHECK_CFLAGS)
# Tests link the shared library they are testing, found through an rpath.
TEST_LDLIBS   = -L$(BUILDDIR) -lstake -Wl,-rpath,$(abspath $(BUILDDIR)) $(CHECK_LIBS)

UNIT_SRCS := $(wildcard tests/unit/check_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILDDIR)/tests/%)
TEST_HELPERS := $(wildcard tests/unit/*.h)

$(BUILDDIR)/tests/check_%: tests/unit/check_%.c tests/unit/runner.c $(TEST_HELPERS) $(HEADERS) $(BUILDDIR)/libstake.so
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) -o $@ $< tests/unit/runner.c $(TEST_LDLIBS)

# The differential test compares the portable path and BOTH backends case by
# case, so it links the library's objects statically plus the two backends.
DIFF_BIN = $(BUILDDIR)/tests/bignum_diff
$(DIFF_BIN): tests/diff/bignum_diff.c $(STATIC) lib/bignum/bignum_gmp.c lib/bignum/bignum_tommath.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(STAKE_CFLAGS) -Ilib -DSTAKE_BIGNUM_GMP -o $@ $< \
	    lib/bignum/bignum_gmp.c lib/bignum/bignum_tommath.c $(STATIC) -lgmp -ltommath

EXAMPLE_SRCS := $(wildcard examples/c/*.c)
EXAMPLE_BINS := $(EXAMPLE_SRCS:examples/c/%.c=$(BUILDDIR)/examples/%)
$(BUILDDIR)/examples/%: examples/c/%.c $(HEADERS) $(BUILDDIR)/libstake.so
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(STAKE_CFLAGS) -o $@ $< -L$(BUILDDIR) -lstake -Wl,-rpath,$(abspath $(BUILDDIR))

.PHONY: check check-unit check-vectors check-diff check-abi check-install check-man \
        check-examples check-docs check-all check-sanitize tests examples
tests: $(UNIT_BINS) $(DIFF_BIN)
examples: $(EXAMPLE_BINS)

check: lib check-unit check-diff check-abi check-man check-examples check-docs check-cli check-install $(CHECK_EXTRA)
	@echo "make check: all tests passed ($(BIGNUM) backend)"

# Check runs each test in a forked child; the vectors are found via this
# variable so that tests can run from any directory.
check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do \
	    echo "== $$t"; STAKE_VECTORS=$(CURDIR)/tests/vectors CK_VERBOSITY=normal $$t; \
	done

DIFF_CASES ?= 1000000
check-diff: $(DIFF_BIN)
	$(DIFF_BIN) $(DIFF_CASES)

check-abi: shared
	sh tests/abi/check_exports.sh $(SHARED) $(HEADERS)

check-man: shared
	sh tests/man/lint.sh $(SHARED)

check-examples: $(EXAMPLE_BINS)
	@set -e; for e in $(EXAMPLE_BINS); do echo "== $$e"; $$e > /dev/null; done

check-docs: shared
	sh tests/docs/readme_snippets.sh $(BUILDDIR)

check-install: lib
	sh tests/install/test_install.sh $(BIGNUM) $(BUILDDIR)

# Everything a release needs: both backends, then ASan+UBSan.
check-all:
	$(MAKE) check BIGNUM=gmp
	$(MAKE) check BIGNUM=tommath
	$(MAKE) check-sanitize

SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# STAKE_NO_ASM: this build also takes the portable C paths that x86-64
# builds replace with divq and the carry intrinsics, so both are tested.
check-sanitize:
	$(MAKE) check-unit check-diff check-examples BUILDDIR=build/sanitize-$(BIGNUM) \
	    CFLAGS="-O1 -g $(SANITIZE) -DSTAKE_NO_ASM" LDFLAGS="$(SANITIZE)" DIFF_CASES=200000

# ---- fuzzing (clang's libFuzzer) ------------------------------------------------------
# make fuzz FUZZ_SECONDS=600: each target runs that long, growing its corpus
# in $(BUILDDIR)/fuzz/corpus-<target>. make check-fuzz: a short smoke run
# of each (CI runs it; not part of check, which needs no clang). The
# library is compiled once with the fuzzer's coverage, ASan and UBSan, and
# each target links it. Crashes land in $(BUILDDIR)/fuzz/.
FUZZ_CC       ?= clang
FUZZ_DEB_PACKAGES = clang libclang-rt-dev
FUZZ_SECONDS  ?= 30
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_SAN       = address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS    = -O1 -g -std=c11 -Iinclude -D_POSIX_C_SOURCE=200809L $(BIGNUM_DEF) $(BIGNUM_CFLAGS)
FUZZ_SRCS     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS     := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILDDIR)/fuzz/%)
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILDDIR)/fuzz/obj/%.o)
# fuzz_cli replays scenarios through the command-line tool's own code.
FUZZ_CLI_OBJS := $(patsubst %.c,$(BUILDDIR)/fuzz/obj/%.o,\
                   $(filter-out bindings/cli/main.c,$(wildcard bindings/cli/*.c)))
.SECONDARY: $(FUZZ_LIB_OBJS) $(FUZZ_CLI_OBJS)
$(BUILDDIR)/fuzz/obj/%.o: %.c $(HEADERS) $(wildcard lib/*/*.h) bindings/cli/cli.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -c $< -o $@
FUZZ_LIB := $(BUILDDIR)/fuzz/libstake-fuzz.a
$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^
$(BUILDDIR)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_input.h $(FUZZ_LIB) $(HEADERS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) $(FUZZ_EXTRA) \
	    -o $@ $< $(FUZZ_EXTRA_OBJS) $(FUZZ_LIB) $(BIGNUM_LIBS)
$(BUILDDIR)/fuzz/fuzz_cli: $(FUZZ_CLI_OBJS)
$(BUILDDIR)/fuzz/fuzz_cli: FUZZ_EXTRA = -Ibindings/cli
$(BUILDDIR)/fuzz/fuzz_cli: FUZZ_EXTRA_OBJS = $(FUZZ_CLI_OBJS)
# read-only seeds and dictionaries, per target
FUZZ_SEEDS_fuzz_cli = examples/scenarios
FUZZ_DICT_fuzz_cli  = -dict=tests/fuzz/fuzz_cli.dict
# long enough to hold a line past stake(1)'s 4096-byte limit
FUZZ_MAX_LEN_fuzz_cli = 10000
# $(call run_fuzzer,binary,seconds,corpus directory,extra flags)
run_fuzzer = mkdir -p $(3) && $(1) -max_total_time=$(2) \
    -max_len=$(or $(FUZZ_MAX_LEN_$(notdir $(1))),4096) \
    -artifact_prefix=$(BUILDDIR)/fuzz/ $(FUZZ_DICT_$(notdir $(1))) $(4) \
    $(3) $(FUZZ_SEEDS_$(notdir $(1)))

.PHONY: fuzz check-fuzz
fuzz: $(FUZZ_BINS)
	@set -e; $(foreach f,$(FUZZ_BINS),\
	    $(call run_fuzzer,$(f),$(FUZZ_SECONDS),$(BUILDDIR)/fuzz/corpus-$(notdir $(f)));)
# A fixed seed and a fresh corpus, so that a failure here reproduces.
# The log is shown whole on failure, its last lines otherwise.
check-fuzz: $(FUZZ_BINS)
	@set -e; $(foreach f,$(FUZZ_BINS),rm -rf $(BUILDDIR)/fuzz/smoke-$(notdir $(f)); \
	    echo "check-fuzz: $(notdir $(f)), $(FUZZ_SMOKE_SECONDS) s"; \
	    if $(call run_fuzzer,$(f),$(FUZZ_SMOKE_SECONDS),$(BUILDDIR)/fuzz/smoke-$(notdir $(f)),\
	        -seed=1) > $(BUILDDIR)/fuzz/smoke-$(notdir $(f)).log 2>&1; \
	    then tail -n 1 $(BUILDDIR)/fuzz/smoke-$(notdir $(f)).log; \
	    else cat $(BUILDDIR)/fuzz/smoke-$(notdir $(f)).log; exit 1; fi;)

# ---- benchmarks ----------------------------------------------------------------
BENCH_SRCS := $(wildcard tests/bench/bench_*.c)
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(BUILDDIR)/bench/%)
$(BUILDDIR)/bench/%: tests/bench/%.c tests/bench/bench.h $(HEADERS) $(BUILDDIR)/libstake.so
	@mkdir -p $(@D)
	$(CC) -O2 -g $(STAKE_CFLAGS) -Itests/bench -o $@ $< -L$(BUILDDIR) -lstake \
	    -Wl,-rpath,$(abspath $(BUILDDIR)) -lgmp

.PHONY: bench
bench: $(BENCH_BINS)
	@set -e; for b in $(BENCH_BINS); do $$b; done

# ---- the command-line tool (bindings/cli) ------------------------------------------------
CLI_SRCS := $(wildcard bindings/cli/*.c)
CLI = $(BUILDDIR)/stake
$(CLI): $(CLI_SRCS) bindings/cli/cli.h $(HEADERS) $(BUILDDIR)/libstake.so
	$(CC) $(CFLAGS) $(STAKE_CFLAGS) -o $@ $(CLI_SRCS) -L$(BUILDDIR) -lstake \
	    -Wl,-rpath,$(abspath $(BUILDDIR)) $(LDFLAGS)

.PHONY: cli check-cli
cli: $(CLI)
check-cli: $(CLI)
	sh tests/cli/test_cli.sh $(CLI)

# ---- the main job -----------------------------------------------------------------
.PHONY: demo
demo: $(CLI)
	$(CLI) examples/scenarios/lido-week.txt

# ---- install ------------------------------------------------------------------------
MAN1 := $(wildcard man/man1/*.1)
MAN3 := $(wildcard man/man3/*.3)
MAN7 := $(wildcard man/man7/*.7)

.PHONY: install install-lib install-headers install-pc install-man install-bin uninstall
install: install-lib install-headers install-pc install-man install-bin

install-bin: $(CLI)
	$(INSTALL) -d $(DESTDIR)$(BINDIR)
	$(INSTALL_PROGRAM) $(CLI) $(DESTDIR)$(BINDIR)/stake

install-lib: shared static
	$(INSTALL) -d $(DESTDIR)$(LIBDIR)
	$(INSTALL_PROGRAM) $(SHARED) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHARED)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libstake.so
	$(INSTALL_DATA) $(STATIC) $(DESTDIR)$(LIBDIR)/

install-headers:
	$(INSTALL) -d $(DESTDIR)$(INCLUDEDIR)/stake
	$(INSTALL_DATA) include/stake.h $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL_DATA) $(wildcard include/stake/*.h) $(DESTDIR)$(INCLUDEDIR)/stake/

install-pc: $(PCFILE)
	$(INSTALL) -d $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL_DATA) $(PCFILE) $(DESTDIR)$(PKGCONFIGDIR)/

install-man:
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man7
	$(INSTALL_DATA) $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL_DATA) $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	$(INSTALL_DATA) $(MAN7) $(DESTDIR)$(MANDIR)/man7/

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libstake.so $(DESTDIR)$(LIBDIR)/$(SONAME) \
	      $(DESTDIR)$(LIBDIR)/$(notdir $(SHARED)) $(DESTDIR)$(LIBDIR)/libstake.a
	rm -f $(DESTDIR)$(PKGCONFIGDIR)/libstake.pc
	rm -f $(DESTDIR)$(INCLUDEDIR)/stake.h
	rm -rf $(DESTDIR)$(INCLUDEDIR)/stake
	rm -f $(DESTDIR)$(BINDIR)/stake
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(MAN7)))

# ---- environment ------------------------------------------------------------------
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: deps print-deps
deps:
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEB_PACKAGES)

print-deps:
	@echo $(DEB_PACKAGES)

# clang and its libFuzzer runtime, for make fuzz and make check-fuzz
.PHONY: deps-fuzz print-fuzz-deps
deps-fuzz:
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	    $(FUZZ_DEB_PACKAGES)

print-fuzz-deps:
	@echo $(FUZZ_DEB_PACKAGES)

.PHONY: clean
clean:
	rm -rf build
