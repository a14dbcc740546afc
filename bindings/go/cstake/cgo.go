//go:build cgo

package cstake

// The flags for the SWIG-generated cstake_wrap.c and for linking
// libstake come from pkg-config: an installed libstake.pc, or the
// uninstalled one that `make check-go` writes for the build tree.
// (A #cgo line in the generated file would not reach the wrapper: keep it
// here.)

/*
#cgo pkg-config: libstake
*/
import "C"
