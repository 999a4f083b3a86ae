package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.APIKeyStore = (*DB)(nil)

const apiKeyColumns = `id, name, hash, number, per_minute, created_at, revoked_at`

func scanAPIKey(r scanner) (hub.APIKey, error) {
	var k hub.APIKey
	var created string
	var revoked sql.NullString
	if err := r.Scan(&k.ID, &k.Name, &k.Hash, &k.Number, &k.PerMinute, &created, &revoked); err != nil {
		return k, err
	}
	k.CreatedAt, _ = sqlitedb.ParseTime(created)
	if revoked.Valid {
		k.RevokedAt, _ = sqlitedb.ParseTime(revoked.String)
	}
	return k, nil
}

// APIKey returns a partner's key by its id.
func (db *DB) APIKey(ctx context.Context, id string) (hub.APIKey, error) {
	k, err := scanAPIKey(db.db.QueryRowContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, kiosk.Errorf(kiosk.ENOTFOUND, "no API key %q", id)
	}
	if err != nil {
		return k, fmt.Errorf("api key: %w", err)
	}
	return k, nil
}

// APIKeys lists the partners' keys.
func (db *DB) APIKeys(ctx context.Context) ([]hub.APIKey, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("api keys: %w", err)
	}
	defer rows.Close()
	var out []hub.APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, fmt.Errorf("api keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// PutAPIKey adds a key with its audit record. An id in use, or a number
// a kiosk's receipt codes or another key's start with, is refused.
func (db *DB) PutAPIKey(ctx context.Context, k hub.APIKey, a hub.Audit) error {
	return db.inTx(ctx, "api key", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM api_keys WHERE id = ?`, k.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return kiosk.Errorf(kiosk.ECONFLICT, "an API key %q exists (revoke it and add one with another id)", k.ID)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM api_keys WHERE number = ?`, k.Number).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM submissions WHERE ticket >= ? AND ticket < ? AND kiosk <> ? LIMIT 1) AS t`,
				fmt.Sprint(k.Number), fmt.Sprint(k.Number+1), k.Kiosk()).Scan(&n)
			if err != nil {
				return err
			}
		}
		if n > 0 {
			return kiosk.Errorf(kiosk.ECONFLICT, "number %d is in use (a kiosk's or another key's receipt codes): choose another", k.Number)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO api_keys (`+apiKeyColumns+`) VALUES (?, ?, ?, ?, ?, ?, NULL)`,
			k.ID, k.Name, k.Hash, k.Number, k.PerMinute, sqlitedb.FormatTime(k.CreatedAt))
		if err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
}

// RevokeAPIKey stops a key from working from at on.
func (db *DB) RevokeAPIKey(ctx context.Context, id string, at time.Time, a hub.Audit) error {
	return db.inTx(ctx, "revoke api key", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, sqlitedb.FormatTime(at), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kiosk.Errorf(kiosk.ENOTFOUND, "no API key %q in use", id)
		}
		return insertAudit(ctx, tx, a)
	})
}

// inTx runs fn in a transaction and commits it.
func (db *DB) inTx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		if kiosk.ErrorCode(err) != kiosk.EINTERNAL {
			return err
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", what, err)
	}
	return nil
}
