module github.com/acme/payments/ledger

go 1.19
