package hub

import (
	"context"
	"fmt"

	"opinionwall/kiosk"
)

// AddNote adds a worker's note to an open case: a progress note, a photo,
// a proposed reply or "resolved" for a lead's review. Volunteers only
// read. A resend with the same key returns the note already stored, and
// nothing changes.
func (d *Desk) AddNote(ctx context.Context, w Worker, caseID string, dr NoteDraft) (Note, error) {
	if err := w.mayAct(ActNote); err != nil {
		return Note{}, err
	}
	st, err := d.work()
	if err != nil {
		return Note{}, err
	}
	if err := checkNoteKey(dr.Key); err != nil {
		return Note{}, err
	}
	c, _, err := d.Store.Case(ctx, caseID)
	if err != nil {
		return Note{}, err
	}
	n := Note{Case: c.ID, Kind: dr.Kind, Worker: w.ID, At: d.Now(), Key: dr.Key}
	if n.Text, err = noteText(dr); err != nil {
		return Note{}, err
	}
	if dr.Kind == NotePhoto {
		if _, err := PhotoExt(dr.Photo); err != nil || len(dr.Photo) == 0 {
			return Note{}, refusal(kiosk.EINVALID, "photo.type", "the photo is not a JPEG picture")
		}
		n.Photo = fmt.Sprintf("case-%s-%s.jpg", c.ID, dr.Key)
	}
	prev, err := st.Notes(ctx, c.ID)
	if err != nil {
		return Note{}, err
	}
	if old, ok := noteWithKey(prev, dr.Key); ok {
		return old, nil // a resend: the same note
	}
	if !c.Open() {
		return Note{}, refuse(ActNote, "case.status", "the case is %s", c.Status)
	}
	if dr.Kind == NotePhoto && countPhotos(prev) >= MaxPhotosPerCase {
		return Note{}, refusal(kiosk.EINVALID, "photo.many", "a case keeps at most %d photos", MaxPhotosPerCase)
	}
	a := Audit{Case: c.ID, Worker: w.ID, At: n.At, Action: ActNote, From: c.Status, To: c.Status, Detail: string(n.Kind) + ": " + n.Text}
	n, _, err = st.AddNote(ctx, n, dr.Photo, a)
	return n, err
}

// noteText checks the note's kind and cleans its text: progress notes and
// proposals need one, photos and "resolved" may have one.
func noteText(dr NoteDraft) (string, error) {
	switch dr.Kind {
	case NoteProgress, NoteProposal:
		return workerText(FieldNote, dr.Text, MaxFieldNoteRunes, true)
	case NotePhoto, NoteResolved:
		return workerText(FieldNote, dr.Text, MaxFieldNoteRunes, false)
	}
	return "", refusal(kiosk.EINVALID, "note.kind", "no kind of note %q", dr.Kind)
}

// checkNoteKey refuses a key that is empty, long, or not of A-Z a-z 0-9 - _.
func checkNoteKey(k string) error {
	if k == "" || len(k) > MaxNoteKeyLen {
		return refusal(kiosk.EINVALID, "note.key", "a note needs a key of 1-%d characters", MaxNoteKeyLen)
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return refusal(kiosk.EINVALID, "note.key", "a note's key is of A-Z, a-z, 0-9, - and _")
		}
	}
	return nil
}

func noteWithKey(ns []Note, key string) (Note, bool) {
	for _, n := range ns {
		if n.Key == key {
			return n, true
		}
	}
	return Note{}, false
}

func countPhotos(ns []Note) int {
	k := 0
	for _, n := range ns {
		if n.Kind == NotePhoto {
			k++
		}
	}
	return k
}

// Notes returns a case's notes, oldest first, as the worker may see them:
// a volunteer gets the text masked and no photos.
func (d *Desk) Notes(ctx context.Context, w Worker, caseID string) ([]Note, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	st, err := d.work()
	if err != nil {
		return nil, err
	}
	ns, err := st.Notes(ctx, caseID)
	if err != nil || w.Role.SeesContact() {
		return ns, err
	}
	out := ns[:0]
	for _, n := range ns {
		if n.Kind == NotePhoto {
			continue
		}
		n.Text = Redact(n.Text)
		out = append(out, n)
	}
	return out, nil
}

// NotePhoto returns a photo of a case, for the workers who may see it.
func (d *Desk) NotePhoto(ctx context.Context, w Worker, caseID string, id int64) ([]byte, error) {
	if err := w.mayAct(ActNote); err != nil {
		return nil, err
	}
	st, err := d.work()
	if err != nil {
		return nil, err
	}
	return st.NotePhoto(ctx, caseID, id)
}

// ShowPhotoOnWall puts a case's photo on the kiosk wall as 处理后 (on) or
// takes it off (a lead's); the wall shows at most one per case.
func (d *Desk) ShowPhotoOnWall(ctx context.Context, lead Worker, caseID string, id int64, on bool) error {
	if err := lead.mayAct(ActPublish); err != nil {
		return err
	}
	st, err := d.work()
	if err != nil {
		return err
	}
	c, _, err := d.Store.Case(ctx, caseID)
	if err != nil {
		return err
	}
	a := Audit{Case: c.ID, Worker: lead.ID, At: d.Now(), Action: ActWallPhoto, From: c.Status, To: c.Status, Detail: fmt.Sprintf("%d %v", id, on)}
	if err := st.SetNoteOnWall(ctx, c.ID, id, on, a); err != nil {
		return err
	}
	if c.PublishedAt.IsZero() {
		return nil
	}
	return d.RefreshWall(ctx)
}

// wallPhotos sets the wall items' photo references (处理后) where a lead
// chose one, and their small pictures for the kiosks' wall, newest items
// first, up to WallPicturesSize in all.
func (d *Desk) wallPhotos(ctx context.Context, w *kiosk.WallSnapshot) error {
	st, err := d.work()
	if err != nil || len(w.Items) == 0 {
		return nil // a store without field work: no photos
	}
	ids := make([]string, len(w.Items))
	for i, it := range w.Items {
		ids[i] = it.ID
	}
	m, err := st.WallPhotos(ctx, ids)
	if err != nil {
		return fmt.Errorf("wall photos: %w", err)
	}
	size := 0
	for i := range w.Items {
		it := &w.Items[i]
		if it.Photo = m[it.ID]; it.Photo == "" || size >= WallPicturesSize {
			continue
		}
		photo, err := st.WallPhoto(ctx, it.Photo)
		if err != nil {
			return fmt.Errorf("wall photo %s: %w", it.Photo, err)
		}
		if it.Picture, err = Thumbnail(photo, WallPictureSide); err != nil {
			it.Picture = nil // a photo that does not decode: the web page still has it
			continue
		}
		size += len(it.Picture)
	}
	return nil
}
