package sqlite_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// clock is a fake time source for the store.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) Now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) Advance(d time.Duration) { c.ns.Add(int64(d)) }
func mustCodec(tb testing.TB) kiosk.TicketCodec {
	tb.Helper()
	c, err := kiosk.NewTicketCodec(12, "wall-01")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// MustOpenDB opens a store on a real file in a temporary directory.
func MustOpenDB(tb testing.TB, path string, clk *clock) *sqlite.DB {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "kiosk.db")
	}
	db := sqlite.NewDB(path)
	db.Tickets = mustCodec(tb)
	if clk != nil {
		db.Now = clk.Now
	}
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

var gen kiosk.UUIDGen

func newSubmission(now time.Time, text string) *kiosk.Submission {
	return &kiosk.Submission{
		ID: gen.New(now), Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Topic: "sanitation", Text: text, Lang: "zh", Channel: kiosk.ChannelTouch,
			Location: &kiosk.Location{Street: "大和路", Building: "3栋"}},
	}
}

func TestOpenSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.db")
	db := MustOpenDB(t, path, nil)
	st, err := db.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Schema, "0005_ticket_codec.sql"; got != want {
		t.Errorf("schema = %q, want %q", got, want)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening runs no migration twice and keeps WAL.
	db2 := MustOpenDB(t, path, nil)
	if _, err := db2.Status(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no WAL file beside the database: %v", err)
	}
}

func TestSubmitAssignsSeqAndTicket(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	seen := map[string]bool{}
	for i := 1; i <= 50; i++ {
		s := newSubmission(clk.Now(), "路灯坏了")
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
		if got, want := s.Seq, int64(i); got != want {
			t.Fatalf("seq = %d, want %d", got, want)
		}
		tk, err := kiosk.ParseTicket(s.Ticket)
		if err != nil {
			t.Fatalf("ticket %q: %v", s.Ticket, err)
		}
		if tk.KioskNumber != 12 || seen[s.Ticket] {
			t.Fatalf("ticket %q: kiosk %d, seen before %v", s.Ticket, tk.KioskNumber, seen[s.Ticket])
		}
		seen[s.Ticket] = true
	}
	got, err := db.Submission(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body.Text != "路灯坏了" || got.Body.Location.Building != "3栋" || got.Kind != kiosk.KindOpinion || !got.ClockSynced {
		t.Errorf("stored submission read back as %+v", got)
	}
	if _, err := db.Submission(ctx, 999); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Errorf("missing submission: err = %v, want not found", err)
	}
}

func TestSubmitDuplicateIDConflicts(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	s := newSubmission(clk.Now(), "a")
	if err := db.Submit(ctx, s); err != nil {
		t.Fatal(err)
	}
	dup := *s
	if err := db.Submit(ctx, &dup); kiosk.ErrorCode(err) != kiosk.ECONFLICT {
		t.Fatalf("duplicate id: err = %v, want conflict", err)
	}
	st, _ := db.Status(ctx)
	if st.Pending != 1 || st.LastSeq != 1 {
		t.Errorf("after a refused duplicate: pending %d, last seq %d; want 1, 1 (rolled back)", st.Pending, st.LastSeq)
	}
}

func TestOutboxLifecycle(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	var ids []string
	for i := 0; i < 10; i++ {
		s := newSubmission(clk.Now(), "x")
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
		clk.Advance(time.Second)
	}
	batch, err := db.Claim(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(batch) != 4 {
		t.Fatalf("claimed %d, want 4", len(batch))
	}
	for i, s := range batch {
		if s.Seq != int64(i+1) {
			t.Errorf("claim[%d].Seq = %d, want %d (seq order)", i, s.Seq, i+1)
		}
	}
	st, _ := db.Status(ctx)
	if st.Pending != 6 || st.Inflight != 4 || st.Acked != 0 {
		t.Fatalf("status %d/%d/%d, want 6/4/0", st.Pending, st.Inflight, st.Acked)
	}
	if !st.OldestPending.Equal(newClock().Now()) {
		t.Errorf("oldest pending = %v, want the first submission's time", st.OldestPending)
	}

	// Ack two of the four, plus an unknown id: only the two change.
	n, err := db.Ack(ctx, []string{ids[0], ids[2], "0190b5a0-0000-7000-8000-000000000000"})
	if err != nil || n != 2 {
		t.Fatalf("ack: %d, %v; want 2", n, err)
	}
	// A replayed ack changes nothing.
	if n, _ := db.Ack(ctx, []string{ids[0]}); n != 0 {
		t.Errorf("replayed ack changed %d rows", n)
	}
	// Young inflight rows stay inflight; old ones go back to pending.
	if n, _ := db.Requeue(ctx, time.Minute); n != 0 {
		t.Errorf("requeue young rows: %d, want 0", n)
	}
	clk.Advance(2 * time.Minute)
	if n, _ := db.Requeue(ctx, time.Minute); n != 2 {
		t.Errorf("requeue old rows: %d, want 2", n)
	}
	next, _ := db.Claim(ctx, 100)
	if len(next) != 8 || next[0].Seq != 2 || next[1].Seq != 4 {
		t.Fatalf("second claim: %d rows starting %v; want 8 starting seq 2, 4", len(next), seqs(next))
	}
	if n, _ := db.Requeue(ctx, 0); n != 8 {
		t.Errorf("requeue all: %d, want 8", n)
	}
	st, _ = db.Status(ctx)
	if st.Pending != 8 || st.Inflight != 0 || st.Acked != 2 || !st.LastAck.Equal(clk.Now().Add(-2*time.Minute)) {
		t.Errorf("final status %+v", st)
	}
}

func seqs(subs []kiosk.Claimed) []int64 {
	var out []int64
	for _, s := range subs {
		out = append(out, s.Seq)
	}
	return out
}

// The store encodes claimed submissions itself (in SQL, without decoding
// the body): they must decode to exactly what was stored.
func TestClaimedJSONIsTheSubmission(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	a := newSubmission(clk.Now().Add(123456789*time.Nanosecond), "路灯坏了，\"快修\"\n谢谢")
	a.Body.Contact = &kiosk.Contact{Name: "王", Phone: "13812345678", Consent: true}
	b := newSubmission(clk.Now(), "")
	b.Kind, b.ClockSynced, b.Body.Rating, b.Body.Flags = kiosk.KindRating, false, kiosk.RatingDissatisfied, []string{kiosk.FlagProbablePlay}
	for _, s := range []*kiosk.Submission{a, b} {
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	claimed, err := db.Claim(ctx, 10)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim: %d, %v", len(claimed), err)
	}
	for i, want := range []*kiosk.Submission{a, b} {
		var got kiosk.Submission
		if err := json.Unmarshal(claimed[i].JSON, &got); err != nil {
			t.Fatalf("claimed JSON %s: %v", claimed[i].JSON, err)
		}
		wantJSON, _ := json.Marshal(want)
		gotJSON, _ := json.Marshal(&got)
		if string(gotJSON) != string(wantJSON) || claimed[i].ID != want.ID || claimed[i].Seq != want.Seq {
			t.Errorf("claimed\n %s\nstored\n %s", gotJSON, wantJSON)
		}
	}
}

func TestPurgeRemovesOldTextsOnly(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	old := newSubmission(clk.Now(), "旧的意见 13812345678")
	old.Body.Contact = &kiosk.Contact{Phone: "13812345678", Consent: true}
	pendingOld := newSubmission(clk.Now(), "还没送达")
	for _, s := range []*kiosk.Submission{old, pendingOld} {
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Ack(ctx, []string{old.ID}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(10 * 24 * time.Hour)
	recent := newSubmission(clk.Now(), "新的意见")
	if err := db.Submit(ctx, recent); err != nil {
		t.Fatal(err)
	}
	db.Ack(ctx, []string{recent.ID})

	n, err := db.Purge(ctx, 7*24*time.Hour)
	if err != nil || n != 1 {
		t.Fatalf("purge: %d, %v; want 1", n, err)
	}
	got, _ := db.Submission(ctx, old.Seq)
	if got.Body.Text != "" || got.Body.Contact != nil || got.Body.Topic != "sanitation" || got.Ticket != old.Ticket {
		t.Errorf("purged submission: %+v", got.Body)
	}
	for _, s := range []*kiosk.Submission{pendingOld, recent} {
		got, _ := db.Submission(ctx, s.Seq)
		if got.Body.Text != s.Body.Text {
			t.Errorf("seq %d text %q purged too early", s.Seq, got.Body.Text)
		}
	}
	if n, _ := db.Purge(ctx, 7*24*time.Hour); n != 0 {
		t.Errorf("second purge: %d, want 0", n)
	}
}

func TestCorruptFileIsMovedAside(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "kiosk.db")
	clk := newClock()
	db := MustOpenDB(t, path, clk)
	for i := 0; i < 20; i++ {
		if err := db.Submit(ctx, newSubmission(clk.Now(), strings.Repeat("意见", 50))); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Checkpointed on close: the data lives in the main file. Overwrite its
	// header and first pages with garbage.
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	garbage := []byte(strings.Repeat("not a database! ", 1024))
	if _, err := f.WriteAt(garbage, 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before, _ := os.ReadFile(path)

	db2 := MustOpenDB(t, path, clk)
	aside := db2.MovedAside()
	if aside == "" {
		t.Fatal("corrupt file was not moved aside")
	}
	kept, err := os.ReadFile(aside)
	if err != nil {
		t.Fatalf("the corrupt file is gone: %v", err)
	}
	if string(kept) != string(before) {
		t.Error("the file moved aside is not the corrupt file byte for byte")
	}
	st, err := db2.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.LastSeq != 0 || len(st.Events) != 1 || st.Events[0].Kind != "corrupt_moved_aside" || !strings.Contains(st.Events[0].Detail, aside) {
		t.Fatalf("fresh store status: last seq %d, events %+v", st.LastSeq, st.Events)
	}
	if err := db2.Submit(ctx, newSubmission(clk.Now(), "重新开始")); err != nil {
		t.Fatalf("submit into the fresh store: %v", err)
	}
}

func TestCorruptPageIsMovedAside(t *testing.T) {
	// Garbage inside the b-tree pages, header intact: quick_check finds it.
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	clk := newClock()
	db := MustOpenDB(t, path, clk)
	for i := 0; i < 200; i++ {
		if err := db.Submit(ctx, newSubmission(clk.Now(), strings.Repeat("意见", 60))); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	fi, _ := os.Stat(path)
	f, _ := os.OpenFile(path, os.O_WRONLY, 0)
	for off := int64(4096); off < fi.Size(); off += 4096 * 3 {
		f.WriteAt([]byte(strings.Repeat("\xff\x00garbage", 100)), off)
	}
	f.Close()
	db2 := MustOpenDB(t, path, clk)
	if db2.MovedAside() == "" {
		t.Fatal("a file with corrupt pages was not moved aside")
	}
	if st, _ := db2.Status(ctx); st.LastSeq != 0 {
		t.Errorf("fresh store has last seq %d", st.LastSeq)
	}
}

func TestTwoWritersOnOneFile(t *testing.T) {
	// Only the kiosk process writes, but if a second one ever does (a repair
	// tool), the seq trigger keeps seqs and tickets unique.
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	clk := newClock()
	a := MustOpenDB(t, path, clk)
	b := MustOpenDB(t, path, clk)
	seen := map[int64]bool{}
	for i := 0; i < 20; i++ {
		db := a
		if i%3 == 0 {
			db = b
		}
		s := newSubmission(clk.Now(), "x")
		if err := db.Submit(ctx, s); err != nil {
			t.Fatalf("submit %d: %v", i, err)
		}
		if seen[s.Seq] {
			t.Fatalf("seq %d given twice", s.Seq)
		}
		seen[s.Seq] = true
	}
	st, _ := a.Status(ctx)
	if st.LastSeq != 20 || st.Pending != 20 {
		t.Errorf("last seq %d, pending %d; want 20, 20", st.LastSeq, st.Pending)
	}
}

func TestAckAndClaimBySeqAndID(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	var subs []*kiosk.Submission
	for i := 0; i < 12; i++ {
		s := newSubmission(clk.Now(), "x")
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
		subs = append(subs, s)
	}
	claimed, _ := db.Claim(ctx, 10)
	if len(claimed) != 10 {
		t.Fatalf("claimed %d", len(claimed))
	}
	// Seqs 1-3 and 5 known to the relay, seq 7 only by id, seq 12 (never
	// claimed) by id as well: runs, a single seq and ids all count.
	acked := []kiosk.Delivered{
		{ID: subs[0].ID, Seq: 1}, {ID: subs[1].ID, Seq: 2}, {ID: subs[2].ID, Seq: 3}, {ID: subs[4].ID, Seq: 5},
		{ID: subs[6].ID}, {ID: subs[11].ID}, {ID: subs[2].ID, Seq: 3}, // a duplicate
	}
	n, next, err := db.AckAndClaim(ctx, acked, 5)
	if err != nil || n != 6 {
		t.Fatalf("acked %d, %v; want 6", n, err)
	}
	if len(next) != 1 || next[0].Seq != 11 {
		t.Fatalf("claimed next %v; want seq 11 only", seqs(next))
	}
	for _, s := range subs {
		got, _ := db.LookupTicket(ctx, s.Ticket)
		want := kiosk.StatusQueued
		switch s.Seq {
		case 1, 2, 3, 5, 7, 12:
			want = kiosk.StatusReceived
		}
		if got.Status != want {
			t.Errorf("seq %d: %s, want %s", s.Seq, got.Status, want)
		}
	}
	if n, _, _ := db.AckAndClaim(ctx, acked, 0); n != 0 {
		t.Errorf("replayed acks changed %d rows", n)
	}
}
