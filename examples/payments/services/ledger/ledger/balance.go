package ledger

import "sort"

// Normal balance side of an account, from its type prefix.
func isDebitNormal(account string) bool {
	for _, prefix := range []string{"assets:", "expenses:"} {
		if len(account) >= len(prefix) && account[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

// Balance returns the balance of one account in minor units, signed by its normal side.
func (l *Ledger) Balance(account string) int64 {
	var total int64
	for _, e := range l.Entries() {
		for _, line := range e.Lines {
			if line.Account != account {
				continue
			}
			total += line.Debit - line.Credit
		}
	}
	if !isDebitNormal(account) {
		total = -total
	}
	return total
}

// TrialBalance returns every account's balance, sorted by account name; debits equal credits
// over the whole ledger, so the signed sum is always zero.
func (l *Ledger) TrialBalance() []AccountBalance {
	accounts := map[string]bool{}
	for _, e := range l.Entries() {
		for _, line := range e.Lines {
			accounts[line.Account] = true
		}
	}
	names := make([]string, 0, len(accounts))
	for name := range accounts {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]AccountBalance, 0, len(names))
	for _, name := range names {
		out = append(out, AccountBalance{Account: name, Balance: l.Balance(name)})
	}
	return out
}

// AccountBalance is one row of the trial balance.
type AccountBalance struct {
	Account string `json:"account"`
	Balance int64  `json:"balance"`
}
