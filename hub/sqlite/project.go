package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// makeCases makes the cases of newly stored submissions, with their search
// index rows, in the caller's transaction. A voice message's case waits
// for its audio: the store makes it when the last chunk completes the
// recording (voice.go).
func (db *DB) makeCases(ctx context.Context, tx *sql.Tx, subs []*hub.Received) error {
	ready := subs[:0:0]
	for _, s := range subs {
		if s.Kind != kiosk.KindVoice {
			ready = append(ready, s)
		}
	}
	return db.insertCaseRows(ctx, tx, ready)
}

// insertCaseRows makes the cases of subs, with their search index rows,
// in the caller's transaction: caseChunk cases per statement (chunkSizes),
// then their index rows in one statement (FTS5 writes its pending terms
// to disk at each statement's savepoint: a statement per case wrote a
// segment per case, and merged them all again). The cases' row numbers
// (the index's rowids) are given here, after the largest, as SQLite would:
// the transaction holds the write lock.
func (db *DB) insertCaseRows(ctx context.Context, tx *sql.Tx, subs []*hub.Received) error {
	if len(subs) == 0 {
		return nil
	}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(n), 0) FROM cases`).Scan(&last); err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	counts := map[countKey]int{}
	search := make([]any, 0, 2*min(len(subs), searchChunk))
	args := make([]any, 0, min(len(subs), caseChunk)*(newCaseFields+1))
	for _, size := range chunkSizes(len(subs), caseChunk) {
		chunk := subs[:size]
		subs = subs[size:]
		args = args[:0]
		for _, s := range chunk {
			c := hub.NewCase(s, db.catalog())
			last++
			args = appendCaseArgs(append(args, last), &c)
			counts[countKey{string(c.Status), string(c.Kind), string(c.Matter), c.Flagged, c.Topic, c.Assignee}]++
			search = append(search, last, searchTerms(&c))
		}
		st, err := db.stmt(ctx, tx, db.sql.insertCases(size))
		if err != nil {
			return fmt.Errorf("cases: %w", err)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("cases: %w", err)
		}
		if len(search) >= 2*searchChunk {
			if err := insertSearchRows(ctx, tx, search); err != nil {
				return err
			}
			search = search[:0]
		}
	}
	if err := insertSearchRows(ctx, tx, search); err != nil {
		return err
	}
	return db.addCaseCounts(ctx, tx, counts)
}

// countKey is a row of case_counts.
type countKey struct {
	status, kind, matter string
	flagged              bool
	topic, assignee      string
}

// addCaseCounts adds the counts of a batch's new cases to the inbox's,
// at most countChunk keys per statement (chunkSizes; a trigger added them
// one case at a time).
func (db *DB) addCaseCounts(ctx context.Context, tx *sql.Tx, counts map[countKey]int) error {
	args := make([]any, 0, 7*len(counts))
	for k, n := range counts {
		args = append(args, k.status, k.kind, k.matter, k.flagged, k.topic, k.assignee, n)
	}
	for _, n := range chunkSizes(len(counts), countChunk) {
		q := `INSERT INTO case_counts (status, kind, matter, flagged, topic, assignee, n) VALUES (?, ?, ?, ?, ?, ?, ?)` +
			strings.Repeat(", (?, ?, ?, ?, ?, ?, ?)", n-1) + ` ON CONFLICT (status, kind, matter, flagged, topic, assignee) DO UPDATE SET n = case_counts.n + excluded.n`
		st, err := db.stmt(ctx, tx, q)
		if err != nil {
			return fmt.Errorf("cases: counts: %w", err)
		}
		if _, err := st.ExecContext(ctx, args[:7*n]...); err != nil {
			return fmt.Errorf("cases: counts: %w", err)
		}
		args = args[7*n:]
	}
	return nil
}

// countChunk is the most case_counts rows one statement adds to.
const countChunk = 64

// insertCases inserts n cases, with their row numbers.
func (d dialect) insertCases(n int) string {
	return d.insertOrFail + insertCase + strings.Repeat(", "+caseValues, n-1)
}

// caseChunk is the most cases one statement inserts (newCaseFields
// parameters each, under SQLite's limit of 32,766).
const caseChunk = 128

// searchChunk is the most search index rows one statement inserts.
const searchChunk = 256

// insertSearchRows inserts (rowid, terms) pairs into the search index in
// one statement.
func insertSearchRows(ctx context.Context, tx *sql.Tx, pairs []any) error {
	if len(pairs) == 0 {
		return nil
	}
	q := insertSearch + strings.Repeat(", (?, ?)", len(pairs)/2-1)
	if _, err := tx.ExecContext(ctx, q, pairs...); err != nil {
		return fmt.Errorf("cases: search: %w", err)
	}
	return nil
}

// queueCases records submissions whose cases a Projector will make.
func queueCases(ctx context.Context, tx *sql.Tx, subs []*hub.Received) error {
	if len(subs) == 0 {
		return nil
	}
	q, err := tx.PrepareContext(ctx, `INSERT INTO case_queue (id) VALUES (?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return fmt.Errorf("case queue: %w", err)
	}
	defer q.Close()
	for _, s := range subs {
		if _, err := q.ExecContext(ctx, s.ID); err != nil {
			return fmt.Errorf("case queue %s: %w", s.ID, err)
		}
	}
	return nil
}

// projectQueued makes the cases of at most max queued submissions in one
// transaction and returns how many it made.
func (db *DB) projectQueued(ctx context.Context, max int) (int, error) {
	// The sweep finds the queue empty when cases are made inline: it
	// takes no write lock then.
	var queued bool
	if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM case_queue)`).Scan(&queued); err != nil || !queued {
		return 0, err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("project: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.kiosk, s.seq, s.kind, s.ticket, s.created_at, s.clock_synced, s.body, s.received_at
		FROM case_queue q `+db.sql.queueFirst+` submissions s ON s.id = q.id LIMIT ?`, max) // the queue first: it is the short one
	if err != nil {
		return 0, fmt.Errorf("project: %w", err)
	}
	var subs []*hub.Received
	var ids []any
	for rows.Next() {
		r := new(hub.Received)
		var kind, created, body, received string
		if err := rows.Scan(&r.ID, &r.Kiosk, &r.Seq, &kind, &r.Ticket, &created, &r.ClockSynced, &body, &received); err != nil {
			rows.Close()
			return 0, fmt.Errorf("project: %w", err)
		}
		r.Kind = kindOf(kind)
		r.CreatedAt, _ = sqlitedb.ParseTime(created)
		r.ReceivedAt, _ = sqlitedb.ParseTime(received)
		if err := json.Unmarshal([]byte(body), &r.Body); err != nil {
			rows.Close()
			return 0, fmt.Errorf("project %s: %w", r.ID, err)
		}
		subs = append(subs, r)
		ids = append(ids, r.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(subs) == 0 {
		return 0, err
	}
	if err := db.makeCases(ctx, tx, subs); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM case_queue WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids...); err != nil {
		return 0, fmt.Errorf("project: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("project: commit: %w", err)
	}
	return len(subs), nil
}

// Projector timing: cases are made once the ingest has been quiet for
// projectQuiet, or projectMaxLag after the first waiting submission,
// projectBatch at a time (each batch holds the write lock a few ms).
const (
	projectQuiet  = 100 * time.Millisecond
	projectMaxLag = 2 * time.Second
	projectBatch  = 256
	// projectSweep catches anything queued before a restart.
	projectSweep = time.Second
)

// Projector makes the review app's cases of the submissions a DB with
// DeferCases queued, beside the ingest. It waits for a lull in the ingest
// (bursts of submissions are acknowledged first), but never more than
// projectMaxLag. Set the fields, then Open; Close stops it. One Projector
// per DB.
type Projector struct {
	DB *DB
	// OnError is told of each round that failed (the next round tries
	// again); nil for none.
	OnError func(error)

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Open starts making cases.
func (p *Projector) Open() error {
	if p.DB == nil || p.DB.db == nil {
		return fmt.Errorf("projector: needs an open store")
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.loop(ctx)
	}()
	return nil
}

// Close stops making cases, finishing the batch in hand. Failed rounds
// were reported to OnError as they happened: Close itself has none.
func (p *Projector) Close() error {
	if p.cancel == nil {
		return nil
	}
	p.cancel()
	p.wg.Wait()
	p.cancel = nil
	return nil
}

func (p *Projector) loop(ctx context.Context) {
	tick := time.NewTicker(projectSweep)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.DB.wake:
		case <-tick.C:
		}
		if !p.waitQuiet(ctx) {
			return
		}
		p.drain(ctx)
	}
}

// waitQuiet waits until no submission was queued for projectQuiet, or
// projectMaxLag passed; false when ctx ended.
func (p *Projector) waitQuiet(ctx context.Context) bool {
	deadline := time.After(projectMaxLag)
	for {
		select {
		case <-ctx.Done():
			return false
		case <-p.DB.wake:
		case <-deadline:
			return true
		case <-time.After(projectQuiet):
			return true
		}
	}
}

// drain makes the queued cases, a batch at a time, until the queue is empty.
func (p *Projector) drain(ctx context.Context) {
	for {
		n, err := p.DB.projectQueued(ctx, projectBatch)
		if err != nil {
			if p.OnError != nil && ctx.Err() == nil {
				p.OnError(err)
			}
			return
		}
		if n < projectBatch {
			return
		}
	}
}
