package ledger

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// Handler serves POST /postings and GET /accounts/{id}/balance.
func Handler(l *Ledger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/postings", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var e Entry
		if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
			http.Error(w, "bad json: "+err.Error(), http.StatusBadRequest)
			return
		}
		if err := l.PostEntry(e); err != nil {
			status := http.StatusUnprocessableEntity
			if errors.Is(err, ErrDuplicate) {
				status = http.StatusConflict
			}
			http.Error(w, err.Error(), status)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("/accounts/", func(w http.ResponseWriter, r *http.Request) {
		account := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/accounts/"), "/balance")
		writeJSON(w, AccountBalance{Account: account, Balance: l.Balance(account)})
	})
	return mux
}

func writeJSON(w http.ResponseWriter, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
