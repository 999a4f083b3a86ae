package pgdb

import "testing"

func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT 1`:              `SELECT 1`,
		`a = ? AND b IN (?, ?)`: `a = $1 AND b IN ($2, $3)`,
		`x = '?' AND y = ? -- why?` + "\n" + `AND z = ?`: `x = '?' AND y = $1 -- why?` + "\n" + `AND z = $2`,
		`id = ?1 AND t = ?2 AND id != ?1`:                `id = $1 AND t = $2 AND id != $1`,
		`"a?" = ?`:                                       `"a?" = $1`,
		`'it''s' || ?`:                                   `'it''s' || $1`,
	} {
		if got := Rebind(in); got != want {
			t.Errorf("Rebind(%q) = %q, want %q", in, got, want)
		}
	}
}
