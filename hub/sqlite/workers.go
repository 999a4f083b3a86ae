package sqlite

import (
	"context"
	"fmt"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Workers returns the station's workers by name.
func (db *DB) Workers(ctx context.Context) ([]hub.Worker, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, role, pin_hash FROM workers ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("workers: %w", err)
	}
	defer rows.Close()
	var out []hub.Worker
	for rows.Next() {
		var w hub.Worker
		var role string
		if err := rows.Scan(&w.ID, &w.Name, &role, &w.PINHash); err != nil {
			return nil, fmt.Errorf("workers: %w", err)
		}
		w.Role = hub.Role(role)
		out = append(out, w)
	}
	return out, rows.Err()
}

// PutWorker adds or replaces a worker.
func (db *DB) PutWorker(ctx context.Context, w hub.Worker) error {
	if err := w.Validate(); err != nil {
		return err
	}
	if w.PINHash == "" {
		return kiosk.Errorf(kiosk.EINVALID, "worker %s needs a PIN", w.ID)
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO workers (id, name, role, pin_hash) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash`,
		w.ID, w.Name, string(w.Role), w.PINHash)
	if err != nil {
		return fmt.Errorf("put worker: %w", err)
	}
	return nil
}

// Buildings returns the 包楼 map.
func (db *DB) Buildings(ctx context.Context) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT building, worker FROM buildings`)
	if err != nil {
		return nil, fmt.Errorf("buildings: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var b, w string
		if err := rows.Scan(&b, &w); err != nil {
			return nil, fmt.Errorf("buildings: %w", err)
		}
		m[b] = w
	}
	return m, rows.Err()
}

// SetBuilding gives a building to a worker; an empty worker removes it.
func (db *DB) SetBuilding(ctx context.Context, building, worker string) error {
	var err error
	if worker == "" {
		_, err = db.db.ExecContext(ctx, `DELETE FROM buildings WHERE building = ?`, building)
	} else {
		_, err = db.db.ExecContext(ctx, `INSERT INTO buildings (building, worker) VALUES (?, ?)
			ON CONFLICT (building) DO UPDATE SET worker = excluded.worker`, building, worker)
	}
	if err != nil {
		return fmt.Errorf("set building: %w", err)
	}
	return nil
}
