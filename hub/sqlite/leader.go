package sqlite

import (
	"context"
	"fmt"
)

// leaderLock is the PostgreSQL advisory lock the hub sending the
// downlink holds (pgdb.WriteLock is another key).
const leaderLock = 0x6f77_0002

// Leading reports whether this hub is the one that sends the downlink
// (ticket updates, wall and polls) of the hubs sharing the store. On
// SQLite there is one hub: always. On PostgreSQL the first hub to ask
// takes a session advisory lock on a connection it keeps; the others are
// told no until that connection ends (the hub closed, crashed or lost the
// database), when the next one to ask takes it.
func (db *DB) Leading(ctx context.Context) (bool, error) {
	if !db.sql.postgres {
		return true, nil
	}
	db.leaderMu.Lock()
	defer db.leaderMu.Unlock()
	if db.leader != nil {
		if err := db.leader.PingContext(ctx); err == nil {
			return true, nil
		}
		db.leader.Close() // the session, and with it the lock, is gone
		db.leader = nil
	}
	c, err := db.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("leader: %w", err)
	}
	var got bool
	if err := c.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(?)`, int64(leaderLock)).Scan(&got); err != nil || !got {
		c.Close()
		if err != nil {
			return false, fmt.Errorf("leader: %w", err)
		}
		return false, nil
	}
	db.leader = c
	return true, nil
}

// resign gives up the downlink, if this hub had it.
func (db *DB) resign() {
	db.leaderMu.Lock()
	defer db.leaderMu.Unlock()
	if db.leader == nil {
		return
	}
	db.leader.ExecContext(context.Background(), `SELECT pg_advisory_unlock(?)`, int64(leaderLock))
	db.leader.Close()
	db.leader = nil
}
