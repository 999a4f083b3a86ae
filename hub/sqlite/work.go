package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.WorkStore = (*DB)(nil)

// workStatuses are the statuses of a case that still needs field work
// (a replied case waits for the lead, not the worker), as a list the
// status indexes can serve.
const workStatuses = `('received', 'triaged', 'assigned', 'in_progress')`

// MyCases returns the cases assigned to the worker that still need work,
// oldest first, then the other such cases in their buildings (包楼). Each
// building is read in the order of its index, at most limit rows, and the
// lists are merged: no sort of every open case of the buildings.
func (db *DB) MyCases(ctx context.Context, worker string, limit int) ([]hub.Case, error) {
	mine, err := db.caseList(ctx, `SELECT `+caseColumns+` FROM cases WHERE assignee = ? AND assignee <> '' AND status IN `+workStatuses+
		` ORDER BY at, id LIMIT ?`, worker, limit)
	if err != nil || len(mine) >= limit {
		return mine, err
	}
	bs, err := db.WorkerBuildings(ctx, worker)
	if err != nil {
		return nil, err
	}
	var theirs []hub.Case
	for _, b := range bs {
		cs, err := db.caseList(ctx, `SELECT `+caseColumns+` FROM cases`+db.sql.workByBuilding+`
			WHERE building = ? AND building <> '' AND status IN `+workStatuses+` AND assignee <> ? ORDER BY at, id LIMIT ?`, b, worker, limit-len(mine))
		if err != nil {
			return nil, err
		}
		theirs = append(theirs, cs...)
	}
	sort.Slice(theirs, func(i, j int) bool {
		if !theirs[i].At.Equal(theirs[j].At) {
			return theirs[i].At.Before(theirs[j].At)
		}
		return theirs[i].ID < theirs[j].ID
	})
	return append(mine, theirs[:min(len(theirs), limit-len(mine))]...), nil
}

func (db *DB) caseList(ctx context.Context, q string, args ...any) ([]hub.Case, error) {
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("my cases: %w", err)
	}
	defer rows.Close()
	var out []hub.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("my cases: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// WorkerBuildings returns the buildings a worker looks after, by name.
func (db *DB) WorkerBuildings(ctx context.Context, worker string) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT building FROM buildings WHERE worker = ? ORDER BY building`, worker)
	if err != nil {
		return nil, fmt.Errorf("worker buildings: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("worker buildings: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// SetWorkerBuildings makes buildings the worker's whole list (a building
// another worker had moves to this one), with its audit record.
func (db *DB) SetWorkerBuildings(ctx context.Context, worker string, buildings []string, a hub.Audit) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set worker buildings: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM buildings WHERE worker = ?`, worker); err != nil {
		return fmt.Errorf("set worker buildings: %w", err)
	}
	for _, b := range buildings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO buildings (building, worker) VALUES (?, ?)
			ON CONFLICT (building) DO UPDATE SET worker = excluded.worker`, b, worker); err != nil {
			return fmt.Errorf("set worker buildings: %w", err)
		}
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	return tx.Commit()
}

const noteColumns = `id, case_id, kind, worker, at, text, key, photo_name, on_wall`

func scanNote(r scanner) (hub.Note, error) {
	var n hub.Note
	var kind, at string
	if err := r.Scan(&n.ID, &n.Case, &kind, &n.Worker, &at, &n.Text, &n.Key, &n.Photo, &n.OnWall); err != nil {
		return n, err
	}
	n.Kind = hub.NoteKind(kind)
	n.At, _ = sqlitedb.ParseTime(at)
	return n, nil
}

// AddNote stores a note with its photo and audit record, once per (case,
// key): a resend returns the stored note and false.
func (db *DB) AddNote(ctx context.Context, n hub.Note, photo []byte, a hub.Audit) (hub.Note, bool, error) {
	if len(photo) > MaxPhotoBytes {
		return n, false, kiosk.Errorf(kiosk.EINVALID, "a photo has at most %d MB", MaxPhotoBytes>>20)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return n, false, fmt.Errorf("add note: %w", err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `INSERT INTO case_notes (case_id, kind, worker, at, text, key, photo_name, photo)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, key) DO NOTHING RETURNING id`,
		n.Case, string(n.Kind), n.Worker, sqlitedb.FormatTime(n.At), n.Text, n.Key, n.Photo, nullBytes(photo)).Scan(&n.ID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return n, false, fmt.Errorf("add note: %w", err)
	}
	if errors.Is(err, sql.ErrNoRows) { // a resend: the note stored before
		old, err := scanNote(tx.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM case_notes WHERE case_id = ? AND key = ?`, n.Case, n.Key))
		if err != nil {
			return n, false, fmt.Errorf("add note: %w", err)
		}
		return old, false, nil
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return n, false, err
	}
	if err := tx.Commit(); err != nil {
		return n, false, fmt.Errorf("add note: commit: %w", err)
	}
	return n, true, nil
}

func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// Notes returns a case's notes, oldest first.
func (db *DB) Notes(ctx context.Context, caseID string) ([]hub.Note, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+noteColumns+` FROM case_notes WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	defer rows.Close()
	var out []hub.Note
	for rows.Next() {
		n, err := scanNote(rows)
		if err != nil {
			return nil, fmt.Errorf("notes: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// NotePhoto returns the photo of a case's note.
func (db *DB) NotePhoto(ctx context.Context, caseID string, id int64) ([]byte, error) {
	var b []byte
	err := db.db.QueryRowContext(ctx, `SELECT photo FROM case_notes WHERE case_id = ? AND id = ? AND photo IS NOT NULL`, caseID, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no photo %d of case %s", id, caseID)
	}
	if err != nil {
		return nil, fmt.Errorf("note photo: %w", err)
	}
	return b, nil
}

// SetNoteOnWall shows a case's photo on the wall or takes it off; showing
// one takes the case's other photos off.
func (db *DB) SetNoteOnWall(ctx context.Context, caseID string, id int64, on bool, a hub.Audit) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("wall photo: %w", err)
	}
	defer tx.Rollback()
	if on {
		if _, err := tx.ExecContext(ctx, `UPDATE case_notes SET on_wall = 0 WHERE case_id = ? AND on_wall = 1`, caseID); err != nil {
			return fmt.Errorf("wall photo: %w", err)
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE case_notes SET on_wall = ? WHERE case_id = ? AND id = ? AND photo IS NOT NULL`, on, caseID, id)
	if err != nil {
		return fmt.Errorf("wall photo: %w", err)
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return kiosk.Errorf(kiosk.ENOTFOUND, "no photo %d of case %s", id, caseID)
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	return tx.Commit()
}

// WallPhotos returns, per case, the name of the photo shown on the wall.
func (db *DB) WallPhotos(ctx context.Context, cases []string) (map[string]string, error) {
	out := map[string]string{}
	if len(cases) == 0 {
		return out, nil
	}
	args := make([]any, len(cases))
	for i, c := range cases {
		args[i] = c
	}
	rows, err := db.db.QueryContext(ctx, `SELECT case_id, photo_name FROM case_notes WHERE on_wall = 1 AND case_id IN (?`+
		strings.Repeat(", ?", len(cases)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("wall photos: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, name string
		if err := rows.Scan(&c, &name); err != nil {
			return nil, fmt.Errorf("wall photos: %w", err)
		}
		out[c] = name
	}
	return out, rows.Err()
}

// WallPhoto returns a photo shown on the wall, by name (the public page
// serves these and no others).
func (db *DB) WallPhoto(ctx context.Context, name string) ([]byte, error) {
	var b []byte
	err := db.db.QueryRowContext(ctx, `SELECT photo FROM case_notes WHERE photo_name = ? AND on_wall = 1`, name).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no wall photo %s", name)
	}
	if err != nil {
		return nil, fmt.Errorf("wall photo: %w", err)
	}
	return b, nil
}
