package hub

import (
	"context"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Field work: what grid workers (网格员) do on their phones, walking the
// buildings they look after (包楼). They add notes to a case — progress,
// photos, a reply proposed for a lead's review, "resolved" for a lead to
// check — each sent once even when the phone resends it.

// NoteKind names what a worker adds to a case from the field.
type NoteKind string

// The kinds of note.
const (
	NoteProgress NoteKind = "note"     // a progress note
	NotePhoto    NoteKind = "photo"    // a photo taken on the spot (re-encoded: no EXIF)
	NoteProposal NoteKind = "proposal" // a reply proposed for a lead's review
	NoteResolved NoteKind = "resolved" // done on the spot, for a lead's review
)

// The audit actions of field work (not case transitions: they leave the
// case's status as it is).
const (
	ActNote      ActionKind = "note"
	ActWallPhoto ActionKind = "wall_photo" // a lead shows a photo on the wall (处理后) or takes it off
)

// Limits of field work.
const (
	MaxFieldNoteRunes = 500
	MaxNoteKeyLen     = 64
	MaxPhotosPerCase  = 12
	MaxMyCases        = 50
)

// Note is one thing a worker added to a case.
type Note struct {
	ID     int64
	Case   string
	Kind   NoteKind
	Worker string
	At     time.Time
	Text   string
	// Key is the client's idempotency key: a resend with the same key is
	// the same note.
	Key   string
	Photo string // the stored photo's name, NotePhoto only
	// OnWall: a lead chose the photo for the kiosk wall (处理后).
	OnWall bool
}

// NoteDraft is a note as a worker sends it.
type NoteDraft struct {
	Kind NoteKind
	Text string
	Key  string
	// Photo is a JPEG the adapter has already resized and re-encoded
	// (which drops EXIF: GPS, device); NotePhoto only.
	Photo []byte
}

// WorkStore keeps the field work: the 包楼 lists, the notes and their photos.
type WorkStore interface {
	// MyCases returns the cases assigned to the worker that still need
	// work (received to in progress: a replied case waits for a lead),
	// oldest first, then the other such cases in their buildings, oldest
	// first; at most limit.
	MyCases(ctx context.Context, worker string, limit int) ([]Case, error)
	WorkerBuildings(ctx context.Context, worker string) ([]string, error)
	// SetWorkerBuildings makes buildings the worker's whole list.
	SetWorkerBuildings(ctx context.Context, worker string, buildings []string, a Audit) error
	// AddNote stores the note (and its photo) with its audit record once
	// per (case, key); a resend returns the stored note and false.
	AddNote(ctx context.Context, n Note, photo []byte, a Audit) (Note, bool, error)
	Notes(ctx context.Context, caseID string) ([]Note, error)
	NotePhoto(ctx context.Context, caseID string, id int64) ([]byte, error)
	SetNoteOnWall(ctx context.Context, caseID string, id int64, on bool, a Audit) error
	// WallPhotos returns, per case, the photo a lead chose for the wall.
	WallPhotos(ctx context.Context, cases []string) (map[string]string, error)
	// WallPhoto returns a photo on the wall by name (ENOTFOUND for any other).
	WallPhoto(ctx context.Context, name string) ([]byte, error)
}

// WorkItem is a case in 我的待办.
type WorkItem struct {
	Case
	Mine bool // assigned to the worker (else: in one of their buildings)
	Late bool // past its class's target or its due date
}

// work returns the store's field work, or refuses.
func (d *Desk) work() (WorkStore, error) {
	if ws, ok := d.Store.(WorkStore); ok {
		return ws, nil
	}
	return nil, kiosk.Errorf(kiosk.EUNAVAILABLE, "this station keeps no field work")
}

// MyCases returns 我的待办: the cases assigned to the worker, then the open
// cases in their buildings (包楼), oldest first, late ones marked, as the
// worker may see them.
func (d *Desk) MyCases(ctx context.Context, w Worker) ([]WorkItem, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	st, err := d.work()
	if err != nil {
		return nil, err
	}
	tg, err := d.Targets(ctx, w)
	if err != nil {
		return nil, err
	}
	cs, err := st.MyCases(ctx, w.ID, MaxMyCases)
	if err != nil {
		return nil, err
	}
	if err := d.shapeCases(ctx, w.Role, cs); err != nil {
		return nil, err
	}
	now := d.Now()
	out := make([]WorkItem, len(cs))
	for i := range cs {
		out[i] = WorkItem{Case: cs[i], Mine: cs[i].Assignee == w.ID, Late: tg.Late(&cs[i], now)}
	}
	return out, nil
}

// WorkerBuildings returns a worker's buildings (包楼).
func (d *Desk) WorkerBuildings(ctx context.Context, w Worker, worker string) ([]string, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	st, err := d.work()
	if err != nil {
		return nil, err
	}
	return st.WorkerBuildings(ctx, worker)
}

// SetWorkerBuildings gives a worker their buildings (a lead's).
func (d *Desk) SetWorkerBuildings(ctx context.Context, lead Worker, worker string, buildings []string) error {
	if err := lead.mayRunPolls("set a worker's buildings"); err != nil {
		return err
	}
	st, err := d.work()
	if err != nil {
		return err
	}
	ws, err := d.workerMap(ctx)
	if err != nil {
		return err
	}
	if _, ok := ws[worker]; !ok {
		return refusal(kiosk.EINVALID, "worker.unknown", "no worker %q", worker)
	}
	clean := make([]string, 0, len(buildings))
	for _, b := range buildings {
		if b = strings.TrimSpace(b); b != "" {
			clean = append(clean, b)
		}
	}
	a := Audit{Case: "worker:" + worker, Worker: lead.ID, At: d.Now(), Action: "buildings", Detail: strings.Join(clean, ", ")}
	return st.SetWorkerBuildings(ctx, worker, clean, a)
}

// CallNumber is the phone number to call the resident back on (一键拨号):
// only when they agreed to be called and the view carries their contact
// (a role that may see it); "" otherwise.
func (v CaseView) CallNumber() string {
	if c := v.Body.Contact; c != nil && c.Consent && c.Phone != "" {
		return c.Phone
	}
	return ""
}
