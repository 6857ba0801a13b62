// Package ledger keeps the double-entry general ledger: journal entries whose debits and credits
// balance, posted atomically to accounts.
package ledger

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// ErrUnbalanced is returned when an entry's debits and credits differ.
var ErrUnbalanced = errors.New("entry is not balanced")

// ErrDuplicate is returned when an entry with the same reference was already posted.
var ErrDuplicate = errors.New("entry already posted")

// Line is one side of a journal entry. Exactly one of Debit and Credit is non-zero.
type Line struct {
	Account string `json:"account"`
	Debit   int64  `json:"debit,omitempty"`
	Credit  int64  `json:"credit,omitempty"`
}

// Entry is a journal entry: a reference (payment or refund id), a currency and its lines.
type Entry struct {
	Reference string    `json:"reference"`
	Currency  string    `json:"currency"`
	Lines     []Line    `json:"lines"`
	PostedAt  time.Time `json:"posted_at"`
}

// Ledger holds posted entries in memory; Store persists them.
type Ledger struct {
	mu      sync.Mutex
	entries []Entry
	seen    map[string]bool
	store   Store
}

// New returns a ledger writing through to store (nil keeps entries in memory only).
func New(store Store) *Ledger {
	return &Ledger{seen: map[string]bool{}, store: store}
}

// ValidateEntry checks that an entry has a reference, at least two lines and balances.
func ValidateEntry(e Entry) error {
	if e.Reference == "" {
		return fmt.Errorf("reference is required")
	}
	if len(e.Lines) < 2 {
		return fmt.Errorf("entry %s: need at least two lines, got %d", e.Reference, len(e.Lines))
	}
	var debits, credits int64
	for i, l := range e.Lines {
		if (l.Debit == 0) == (l.Credit == 0) {
			return fmt.Errorf("entry %s line %d: exactly one of debit and credit", e.Reference, i)
		}
		if l.Debit < 0 || l.Credit < 0 {
			return fmt.Errorf("entry %s line %d: negative amount", e.Reference, i)
		}
		debits += l.Debit
		credits += l.Credit
	}
	if debits != credits {
		return fmt.Errorf("%w: debits %d, credits %d", ErrUnbalanced, debits, credits)
	}
	return nil
}

// PostEntry validates and posts an entry; posting the same reference twice is an error so that
// retries from the payments API never double-post.
func (l *Ledger) PostEntry(e Entry) error {
	if err := ValidateEntry(e); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen[e.Reference] {
		return fmt.Errorf("%w: %s", ErrDuplicate, e.Reference)
	}
	e.PostedAt = time.Now().UTC()
	if l.store != nil {
		if err := l.store.Append(e); err != nil {
			return fmt.Errorf("persist entry %s: %w", e.Reference, err)
		}
	}
	l.entries = append(l.entries, e)
	l.seen[e.Reference] = true
	return nil
}

// Entries returns a copy of the posted entries in posting order.
func (l *Ledger) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Entry, len(l.entries))
	copy(out, l.entries)
	return out
}
