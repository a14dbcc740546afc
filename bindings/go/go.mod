module github.com/libstake/libstake/bindings/go

go 1.19
