//go:build !cgo

package cstake

// libstake's Go bindings call the C library through cgo. Without cgo
// (CGO_ENABLED=0, or no C compiler for a cross build) every file of this
// package would be excluded and the build would "succeed" with an empty
// package; this reference to an undefined name makes it fail here, with a
// name that says what to do.
var _ = libstake_Go_bindings_require_cgo__set_CGO_ENABLED_1_and_install_a_C_compiler_and_pkg_config
