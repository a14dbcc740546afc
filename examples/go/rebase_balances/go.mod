module example/rebase_balances

go 1.19

require github.com/libstake/libstake/bindings/go v0.0.0

replace github.com/libstake/libstake/bindings/go => ../../../bindings/go
