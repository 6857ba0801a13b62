package ledger

import (
	"bufio"
	"encoding/json"
	"os"
)

// Store persists entries. FileStore appends JSON lines; production uses PostgreSQL.
type Store interface {
	Append(e Entry) error
}

// FileStore appends one JSON object per entry to a file.
type FileStore struct {
	Path string
}

// Append writes the entry and syncs the file so a crash never loses a posted entry.
func (s FileStore) Append(e Entry) error {
	f, err := os.OpenFile(s.Path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	if err := json.NewEncoder(w).Encode(e); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Sync()
}
