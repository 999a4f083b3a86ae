package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// screener applies to the new submissions of one batch the ingest's rules
// that need the station's records (hub.CheckTicketNumber, duplicate
// tickets, hub.CheckVote and one vote per visit), within the batch's
// transaction, with the batch's stored ids and tickets read at once and
// each kiosk's number read once.
//
// A kiosk's tickets must carry its number: the registry's, else the one
// its first ticket carried. A kiosk not in the registry may not take a
// number the registry gives another; two kiosks outside it may share one
// (nothing checked their numbers before the registry), so a code repeated
// by another kiosk is theirs to share, and only a code the same kiosk
// already used for another submission is a store_reset.
type screener struct {
	tx      *sql.Tx
	stored  map[string]bool      // ids of the batch already stored, or stored earlier in it
	tickets map[ticketKey]string // (kiosk, ticket) of the batch → a stored submission with it
	numbers map[string]int       // kiosk → its number; 0: none yet
	polls   map[string]*hub.Poll // poll id → the poll, nil for none
}

// ticketKey is a ticket code as one kiosk used it.
type ticketKey struct{ kiosk, ticket string }

// screenChunk is the most ids or tickets one look-up names.
const screenChunk = 256

// newScreener reads at once which of subs are stored, and which stored
// submissions carry their tickets (two statements per screenChunk: one
// look-up per submission cost as much as storing it).
func newScreener(ctx context.Context, db *DB, tx *sql.Tx, subs []hub.Received) (*screener, error) {
	sc := &screener{tx: tx, stored: map[string]bool{}, tickets: map[ticketKey]string{},
		numbers: map[string]int{}, polls: map[string]*hub.Poll{}}
	kiosks := kiosksOf(subs)
	want := make(map[ticketKey]bool, len(subs))
	ids, tickets := make([]any, 0, min(len(subs), screenChunk)), make([]any, 0, min(len(subs), screenChunk))
	for _, n := range chunkSizes(len(subs), screenChunk) {
		chunk := subs[:n]
		subs = subs[n:]
		ids, tickets = ids[:0], tickets[:0]
		for i := range chunk {
			ids, tickets = append(ids, chunk[i].ID), append(tickets, chunk[i].Ticket)
			want[ticketKey{chunk[i].Kiosk, chunk[i].Ticket}] = true
		}
		in := ` IN (?` + strings.Repeat(", ?", n-1) + `)`
		if err := sc.read(ctx, db, `SELECT id, '', '' FROM submissions WHERE id`+in, ids, nil); err != nil {
			return nil, err
		}
		if err := sc.read(ctx, db, `SELECT id, kiosk, ticket FROM submissions WHERE ticket`+in, tickets, want); err != nil {
			return nil, err
		}
	}
	return sc, sc.readNumbers(ctx, db, kiosks)
}

// kiosksOf names the kiosks of subs, once each.
func kiosksOf(subs []hub.Received) []any {
	seen := map[string]bool{}
	var out []any
	for i := range subs {
		if k := subs[i].Kiosk; !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// readNumbers reads the numbers of kiosks, at most screenChunk per
// statement: a kiosk without one has 0 (none yet).
func (sc *screener) readNumbers(ctx context.Context, db *DB, kiosks []any) error {
	for _, n := range chunkSizes(len(kiosks), screenChunk) {
		for _, k := range kiosks[:n] {
			sc.numbers[k.(string)] = 0
		}
		st, err := db.stmt(ctx, sc.tx, `SELECT kiosk, number FROM kiosk_numbers WHERE kiosk IN (?`+strings.Repeat(", ?", n-1)+`)`)
		if err != nil {
			return fmt.Errorf("apply: kiosk numbers: %w", err)
		}
		rows, err := st.QueryContext(ctx, kiosks[:n]...)
		if err != nil {
			return fmt.Errorf("apply: kiosk numbers: %w", err)
		}
		for rows.Next() {
			var k string
			var number int
			if err := rows.Scan(&k, &number); err != nil {
				rows.Close()
				return fmt.Errorf("apply: kiosk numbers: %w", err)
			}
			sc.numbers[k] = number
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("apply: kiosk numbers: %w", err)
		}
		kiosks = kiosks[n:]
	}
	return nil
}

// read runs a look-up of newScreener: with want nil, the ids it returns
// are stored; else the tickets it returns that want names are taken.
func (sc *screener) read(ctx context.Context, db *DB, q string, args []any, want map[ticketKey]bool) error {
	st, err := db.stmt(ctx, sc.tx, q)
	if err != nil {
		return fmt.Errorf("apply: screen: %w", err)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("apply: screen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var k ticketKey
		if err := rows.Scan(&id, &k.kiosk, &k.ticket); err != nil {
			return fmt.Errorf("apply: screen: %w", err)
		}
		if want == nil {
			sc.stored[id] = true
		} else if _, seen := sc.tickets[k]; want[k] && !seen {
			sc.tickets[k] = id
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("apply: screen: %w", err)
	}
	return nil
}

// keep records that s, screened, is stored in this batch: a later
// submission of the batch with its id is a resend, one with its ticket a
// store reset.
func (sc *screener) keep(s *hub.Received) {
	sc.stored[s.ID] = true
	if k := (ticketKey{s.Kiosk, s.Ticket}); sc.tickets[k] == "" {
		sc.tickets[k] = s.ID
	}
}

// screen returns the refusal of s, or nil to store it (a resend of a
// submission stored before is not screened again).
func (sc *screener) screen(ctx context.Context, s *hub.Received) (*hub.ScreenError, error) {
	if sc.stored[s.ID] {
		return nil, nil
	}
	if e, err := sc.number(ctx, s); e != nil || err != nil {
		return e, err
	}
	if other := sc.tickets[ticketKey{s.Kiosk, s.Ticket}]; other != "" {
		return &hub.ScreenError{Code: hub.RefusedStoreReset,
			Detail: fmt.Sprintf("ticket %s of submission %s was already received for submission %s", kiosk.FormatTicket(s.Ticket), s.ID, other)}, nil
	}
	if s.Kind == kiosk.KindVote {
		return sc.vote(ctx, s)
	}
	return nil, nil
}

// number checks s's ticket number against its kiosk's, which the first
// ticket of a kiosk outside the registry sets.
func (sc *screener) number(ctx context.Context, s *hub.Received) (*hub.ScreenError, error) {
	number, known := sc.numbers[s.Kiosk]
	if !known {
		err := sc.tx.QueryRowContext(ctx, `SELECT number FROM kiosk_numbers WHERE kiosk = ?`, s.Kiosk).Scan(&number)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("apply: kiosk number of %s: %w", s.Kiosk, err)
		}
		sc.numbers[s.Kiosk] = number
	}
	var owner string
	if number == 0 {
		err := sc.tx.QueryRowContext(ctx, `SELECT kiosk FROM kiosk_numbers WHERE number = ? AND source = 'provisioned'`, hub.TicketNumber(s.Ticket)).Scan(&owner)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("apply: kiosk number of %s: %w", s.Kiosk, err)
		}
	}
	if e := hub.CheckTicketNumber(s.Kiosk, s.Ticket, number, owner); e != nil {
		return e, nil
	}
	if number == 0 {
		// A kiosk not in the registry: the number it used first is its.
		if _, err := sc.tx.ExecContext(ctx, `INSERT INTO kiosk_numbers (kiosk, number, source) VALUES (?, ?, 'first_seen')`,
			s.Kiosk, hub.TicketNumber(s.Ticket)); err != nil {
			return nil, fmt.Errorf("apply: kiosk number of %s: %w", s.Kiosk, err)
		}
		sc.numbers[s.Kiosk] = hub.TicketNumber(s.Ticket)
	}
	return nil, nil
}

// vote refuses a vote for a poll not open at the receive time, for an
// option the poll does not have, or the second in a visit.
func (sc *screener) vote(ctx context.Context, s *hub.Received) (*hub.ScreenError, error) {
	tx := sc.tx
	p, ok := sc.polls[s.Body.PollID]
	if !ok {
		var err error
		if p, err = pollTx(ctx, tx, s.Body.PollID); err != nil {
			return nil, err
		}
		sc.polls[s.Body.PollID] = p
	}
	if e := hub.CheckVote(p, s.Body.PollID, s.Body.Option, s.Body.Visit, s.ReceivedAt); e != nil {
		return e, nil
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO vote_visits (poll, kiosk, visit) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		s.Body.PollID, s.Kiosk, s.Body.Visit)
	if err != nil {
		return nil, fmt.Errorf("apply: vote visit: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &hub.ScreenError{Code: hub.RefusedVoteTwice,
			Detail: fmt.Sprintf("visit %s at %s already voted in poll %s", s.Body.Visit, s.Kiosk, s.Body.PollID)}, nil
	}
	return nil, nil
}

// pollTx returns the poll with the given id, or nil.
func pollTx(ctx context.Context, tx *sql.Tx, id string) (*hub.Poll, error) {
	p := hub.Poll{ID: id}
	var body, opens, closes, state string
	err := tx.QueryRowContext(ctx, `SELECT body, opens, closes, state FROM polls WHERE id = ?`, id).Scan(&body, &opens, &closes, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("apply: poll %s: %w", id, err)
	}
	var b pollBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return nil, fmt.Errorf("apply: poll %s: %w", id, err)
	}
	p.Title, p.Options, p.State = b.Title, b.Options, hub.PollState(state)
	p.Opens, _ = sqlitedb.ParseTime(opens)
	p.Closes, _ = sqlitedb.ParseTime(closes)
	return &p, nil
}

// refuse keeps s aside with its refusal and raises the refusal's flag.
func refuse(ctx context.Context, tx *sql.Tx, s *hub.Received, e *hub.ScreenError) (hub.Rejected, error) {
	raw, _ := json.Marshal(&s.Submission)
	r := hub.Rejected{ID: s.ID, Kiosk: s.Kiosk, Raw: raw, Reason: e.Error(), ReceivedAt: s.ReceivedAt}
	if !e.Raises() {
		return r, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO kiosk_flags (kiosk, code, detail, at, count) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (kiosk, code) DO UPDATE SET detail = excluded.detail, at = excluded.at, count = kiosk_flags.count + 1`,
		s.Kiosk, e.Code, e.Detail, sqlitedb.FormatTime(s.ReceivedAt)); err != nil {
		return r, fmt.Errorf("apply: flag %s: %w", e.Code, err)
	}
	return r, nil
}

// RegisterKiosks loads the station's kiosk number registry (kioskctl
// provision's file): each kiosk's tickets must carry its number from now
// on. A number a kiosk not in the registry took first goes to the kiosk the
// registry gives it to; kiosks no longer in it keep theirs (their tickets
// are still at the station).
func (db *DB) RegisterKiosks(ctx context.Context, r kiosk.Registry) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("register kiosks: %w", err)
	}
	defer tx.Rollback()
	for id, n := range r {
		if _, err := tx.ExecContext(ctx, `DELETE FROM kiosk_numbers WHERE kiosk = ? OR number = ?`, id, n); err != nil {
			return fmt.Errorf("register kiosks: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO kiosk_numbers (kiosk, number, source) VALUES (?, ?, 'provisioned')`, id, n); err != nil {
			return fmt.Errorf("register kiosks: %s: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("register kiosks: %w", err)
	}
	return nil
}

// flags returns the kiosk's flags raised at ingest.
func (db *DB) flags(ctx context.Context, k string) ([]hub.Flag, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT code, detail, at, count FROM kiosk_flags WHERE kiosk = ? ORDER BY code`, k)
	if err != nil {
		return nil, fmt.Errorf("flags of %s: %w", k, err)
	}
	defer rows.Close()
	var out []hub.Flag
	for rows.Next() {
		var f hub.Flag
		var at string
		if err := rows.Scan(&f.Code, &f.Detail, &at, &f.Count); err != nil {
			return nil, fmt.Errorf("flags of %s: %w", k, err)
		}
		f.At, _ = sqlitedb.ParseTime(at)
		out = append(out, f)
	}
	return out, rows.Err()
}
