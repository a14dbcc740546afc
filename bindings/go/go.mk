# bindings/go/go.mk: the Go module (bindings/go), included by the top-level
# Makefile, which defines BUILDDIR, SHARED, VERSION, BIGNUM_PC, HEADERS...
#
#   make go-generate   regenerate the committed SWIG wrappers (cstake/) and
#                      the generated tables (cstake/zfuncs.go, zcodes.go)
#   make go            build the Go packages against the library in BUILDDIR
#   make check-go      gofmt, go vet and go test -race against that library,
#                      the freshness of the generated files and the Go
#                      snippets of README.md (part of `make check`)
#   make bench-go      Go batch conversion and single call, each against a
#                      same-run math/big baseline
#
# Go runs offline (GOPROXY=off, standard library only), with its caches in
# $(BUILDDIR)/go and libstake found through an uninstalled libstake.pc in
# $(BUILDDIR)/pkgconfig-uninstalled, whose -L and rpath point at BUILDDIR.


GO    ?= go
SWIG  ?= swig
GOFMT ?= gofmt

GO_DIR   = bindings/go
GO_BUILD = $(abspath $(BUILDDIR))/go
GO_PCDIR = $(abspath $(BUILDDIR))/pkgconfig-uninstalled
GO_PC    = $(GO_PCDIR)/libstake.pc
GO_EXPORTS = $(GO_BUILD)/exports.txt

# The whole environment of every go command: nothing from the user's go env
# file, HOME or network.
GO_ENV = env GOCACHE=$(GO_BUILD)/cache GOPATH=$(GO_BUILD)/path GOMODCACHE=$(GO_BUILD)/path/pkg/mod \
         GOPROXY=off GOSUMDB=off GONOSUMDB= GOPRIVATE= GOFLAGS= GOWORK=off GO111MODULE=on GOENV=off \
         CGO_ENABLED=1 CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" PKG_CONFIG_PATH=$(GO_PCDIR) \
         STAKE_VECTORS=$(CURDIR)/tests/vectors STAKE_BACKEND=$(BIGNUM) \
         STAKE_EXPORTS=$(GO_EXPORTS)

CHECK_EXTRA  += check-go
DEB_PACKAGES += golang-go swig pkgconf

# libstake as built in BUILDDIR, for cgo: the headers of the tree, the
# library of BUILDDIR and an rpath to it, so that test binaries run without
# LD_LIBRARY_PATH. Regenerated on every run, like libstake.pc.
.PHONY: $(GO_PC)
$(GO_PC):
	@mkdir -p $(@D)
	@printf '%s\n' \
	    '# libstake in the build tree $(abspath $(BUILDDIR)), not installed: for the Go tests.' \
	    'Name: libstake' \
	    'Description: Exact share/asset accounting for liquid staking tokens (build tree)' \
	    'Version: $(VERSION)' \
	    'Requires.private: $(BIGNUM_PC)' \
	    'Libs: -L$(abspath $(BUILDDIR)) -Wl,-rpath,$(abspath $(BUILDDIR)) -lstake' \
	    'Cflags: -I$(CURDIR)/include' > $@

# The functions the built library exports, for the test that checks each
# has a Go wrapper.
$(GO_EXPORTS): $(SHARED)
	@mkdir -p $(@D)
	nm -D --defined-only $(SHARED) | awk '$$2 == "T" { sub(/@.*/, "", $$3); print $$3 }' | sort -u > $@

.PHONY: go go-generate check-go check-go-generated bench-go
go: shared $(GO_PC)
	cd $(GO_DIR) && $(GO_ENV) $(GO) build ./...

go-generate: shared $(GO_PC)
	GO="$(GO_ENV) $(GO)" SWIG="$(SWIG)" GOFMT="$(GOFMT)" sh $(GO_DIR)/generate.sh $(GO_DIR)

# Fails when the committed wrappers no longer match the headers and the .i
# files (a function added to a header, a typemap changed): run go-generate.
check-go-generated: shared $(GO_PC)
	GO="$(GO_ENV) $(GO)" SWIG="$(SWIG)" GOFMT="$(GOFMT)" sh $(GO_DIR)/generate.sh --check $(GO_BUILD)/fresh

# go vet runs on the hand-written packages only: SWIG's generated file
# trips the unsafeptr check (swigCopyString).
check-go: shared $(GO_PC) $(GO_EXPORTS) check-go-generated
	@unformatted=$$(cd $(GO_DIR) && $(GOFMT) -l .); \
	    if [ -n "$$unformatted" ]; then echo "check-go: not gofmt'ed: $$unformatted" >&2; exit 1; fi
	cd $(GO_DIR) && $(GO_ENV) $(GO) vet . ./internal/...
	cd $(GO_DIR) && $(GO_ENV) $(GO) test -race -count=1 ./...
	$(GO_ENV) GO="$(GO)" sh tests/docs/readme_go.sh README.md
	@set -e; for d in examples/go/*/; do echo "== $$d"; (cd $$d && $(GO_ENV) $(GO) run . > /dev/null); done
	@echo "check-go: Go bindings passed ($(BIGNUM) backend)"

GO_BENCH_ROUNDS ?= 7
bench-go: shared $(GO_PC)
	cd $(GO_DIR) && $(GO_ENV) $(GO) run ./internal/stakebench -rounds $(GO_BENCH_ROUNDS)

# `make bench` runs the Go benchmark too (as the Python fragment does).
bench: bench-go

