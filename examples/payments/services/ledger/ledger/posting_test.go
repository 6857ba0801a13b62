package ledger

import (
	"errors"
	"testing"
)

func capture(ref string, amount int64) Entry {
	return Entry{Reference: ref, Currency: "EUR", Lines: []Line{
		{Account: "assets:card-clearing", Debit: amount},
		{Account: "liabilities:customer-funds", Credit: amount},
	}}
}

func TestPostEntryBalances(t *testing.T) {
	l := New(nil)
	if err := l.PostEntry(capture("pay_1", 2500)); err != nil {
		t.Fatal(err)
	}
	if got := l.Balance("assets:card-clearing"); got != 2500 {
		t.Fatalf("clearing balance = %d, want 2500", got)
	}
	if got := l.Balance("liabilities:customer-funds"); got != 2500 {
		t.Fatalf("customer funds = %d, want 2500", got)
	}
}

func TestRejectsUnbalancedAndDuplicates(t *testing.T) {
	l := New(nil)
	e := capture("pay_2", 100)
	e.Lines[1].Credit = 99
	if err := l.PostEntry(e); !errors.Is(err, ErrUnbalanced) {
		t.Fatalf("want ErrUnbalanced, got %v", err)
	}
	_ = l.PostEntry(capture("pay_3", 100))
	if err := l.PostEntry(capture("pay_3", 100)); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("want ErrDuplicate, got %v", err)
	}
}
