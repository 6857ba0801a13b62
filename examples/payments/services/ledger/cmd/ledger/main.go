// Command ledger serves the ledger API.
package main

import (
	"log"
	"net/http"
	"os"

	"github.com/acme/payments/ledger/ledger"
)

func main() {
	addr := os.Getenv("LEDGER_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	l := ledger.New(ledger.FileStore{Path: "ledger.jsonl"})
	log.Printf("ledger listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, ledger.Handler(l)))
}
