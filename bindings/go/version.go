package stake

import "github.com/libstake/libstake/bindings/go/cstake"

// Version is the version of the libstake library in use, "MAJOR.MINOR.PATCH".
func Version() string { return cstake.Stake_version_string() }

// VersionNumber is the library's version as MAJOR*10000 + MINOR*100 + PATCH.
func VersionNumber() int { return cstake.Stake_version_number() }

// Backend is the big-integer backend the library was built with, "gmp" or
// "tommath". Results never depend on it.
func Backend() string { return cstake.Stake_backend_name() }
