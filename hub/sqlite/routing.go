package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
)

// routingJSON is the JSON of a case's deliberation title or referrals,
// or "" when it has none.
func routingJSON(v any, some bool) string {
	if !some {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "" // a kiosk.Text or []kiosk.Referral always marshals
	}
	return string(b)
}

// scanRouting reads a case's routing columns.
func scanRouting(c *hub.Case, due sql.NullString, title, refs string) error {
	if due.Valid {
		c.Due, _ = sqlitedb.ParseTime(due.String)
	}
	if title != "" {
		if err := json.Unmarshal([]byte(title), &c.DelibTitle); err != nil {
			return fmt.Errorf("case %s: item title: %w", c.ID, err)
		}
	}
	if refs != "" {
		if err := json.Unmarshal([]byte(refs), &c.Referrals); err != nil {
			return fmt.Errorf("case %s: referrals: %w", c.ID, err)
		}
	}
	return nil
}
