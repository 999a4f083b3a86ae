package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// newVoice makes a voice submission for audio (any bytes: the store does
// not read the Ogg file).
func newVoice(now time.Time, audio []byte) *kiosk.Submission {
	a := kiosk.DescribeAudio(audio, 3*time.Second)
	return &kiosk.Submission{ID: gen.New(now), Kiosk: "wall-01", Kind: kiosk.KindVoice, CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Lang: "zh", Channel: kiosk.ChannelHandset, Voice: &a}}
}

func TestSubmitVoiceKeepsAudioWithTheTicket(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	db := MustOpenDB(t, path, clk)
	audio := bytes.Repeat([]byte("OggS voice "), 4000)
	s := newVoice(clk.Now(), audio)
	if err := db.SubmitVoice(ctx, s, audio); err != nil {
		t.Fatal(err)
	}
	if s.Seq != 1 || s.Ticket == "" {
		t.Fatalf("seq %d ticket %q", s.Seq, s.Ticket)
	}
	db.Close()
	db = MustOpenDB(t, path, clk) // on disk, not in a cache
	got, err := db.VoiceAudio(ctx, s.ID)
	if err != nil || !bytes.Equal(got, audio) {
		t.Fatalf("audio back: %d bytes, %v", len(got), err)
	}
	claimed, err := db.Claim(ctx, 10)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %d, %v", len(claimed), err)
	}
	var relayed kiosk.Submission
	if err := json.Unmarshal(claimed[0].JSON, &relayed); err != nil {
		t.Fatal(err)
	}
	if relayed.Kind != kiosk.KindVoice || relayed.Body.Voice == nil || *relayed.Body.Voice != *s.Body.Voice {
		t.Errorf("relayed %+v, want the voice description %+v", relayed.Body.Voice, s.Body.Voice)
	}
}

func TestAudioIsSentAfterItsSubmissionAndPurgedWhenDelivered(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	audio := bytes.Repeat([]byte{7}, 70_000) // three chunks
	s := newVoice(clk.Now(), audio)
	if err := db.SubmitVoice(ctx, s, audio); err != nil {
		t.Fatal(err)
	}
	if p, err := db.PendingAudio(ctx, 10); err != nil || len(p) != 0 {
		t.Fatalf("audio pending before the hub has the submission: %d, %v", len(p), err)
	}
	if _, err := db.Ack(ctx, []string{s.ID}); err != nil {
		t.Fatal(err)
	}
	p, err := db.PendingAudio(ctx, 10)
	if err != nil || len(p) != 1 {
		t.Fatalf("pending %d, %v", len(p), err)
	}
	if p[0].ID != s.ID || p[0].Acked != 0 || !bytes.Equal(p[0].Data, audio) || p[0].Audio.Chunks() != 3 {
		t.Errorf("pending %+v", p[0].Audio)
	}
	if err := db.AudioProgress(ctx, s.ID, 2); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.PendingAudio(ctx, 10); len(p) != 1 || p[0].Acked != 2 {
		t.Fatalf("after progress: %+v", p)
	}
	if err := db.AudioDelivered(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.PendingAudio(ctx, 10); len(p) != 0 {
		t.Errorf("still pending after delivery: %d", len(p))
	}
	if _, err := db.VoiceAudio(ctx, s.ID); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Errorf("audio kept after delivery: %v", err)
	}
	if n, b, err := db.AudioKept(ctx); err != nil || n != 0 || b != 0 {
		t.Errorf("kept %d messages, %d bytes, %v", n, b, err)
	}
}

func TestAudioQuotaRefusesPolitelyAndLosesNothing(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, db.Now, db.AudioQuota = mustCodec(t), clk.Now, 100_000
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := bytes.Repeat([]byte{1}, 60_000)
	s1 := newVoice(clk.Now(), first)
	if err := db.SubmitVoice(ctx, s1, first); err != nil {
		t.Fatal(err)
	}
	second := bytes.Repeat([]byte{2}, 60_000)
	err := db.SubmitVoice(ctx, newVoice(clk.Now(), second), second)
	if kiosk.ErrorCode(err) != kiosk.EFULL {
		t.Fatalf("over the quota: %v, want %s", err, kiosk.EFULL)
	}
	// Nothing of the refused message is stored; the next submission takes seq 2.
	text := newSubmission(clk.Now(), "路灯坏了")
	if err := db.Submit(ctx, text); err != nil || text.Seq != 2 {
		t.Fatalf("text after a refusal: seq %d, %v", text.Seq, err)
	}
	// The hub takes the first: room again.
	if _, err := db.Ack(ctx, []string{s1.ID}); err != nil {
		t.Fatal(err)
	}
	if err := db.AudioDelivered(ctx, s1.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SubmitVoice(ctx, newVoice(clk.Now(), second), second); err != nil {
		t.Fatalf("after the hub took the first: %v", err)
	}
}

func TestSubmitVoiceRefusesAudioItDoesNotDescribe(t *testing.T) {
	db := MustOpenDB(t, "", nil)
	s := newVoice(time.Now(), []byte("one recording"))
	err := db.SubmitVoice(context.Background(), s, []byte("another recording"))
	if kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("got %v, want %s", err, kiosk.EINVALID)
	}
	if n, _, _ := db.AudioKept(context.Background()); n != 0 {
		t.Errorf("%d kept", n)
	}
}

// TestVoiceMigrationKeepsEverything: a store made before voice messages
// (migrations up to 0004, a submission pending in the outbox) takes the
// voice migration without losing the outbox row (a rebuilt table would
// have cascaded into it), and the kind check still refuses unknown kinds.
func TestVoiceMigrationKeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	old, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"0001_init.sql", "0002_reply_en.sql", "0003_deliberation.sql", "0004_key_issued.sql"} {
		text, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.Exec(string(text)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := old.Exec(`INSERT INTO schema_migrations VALUES (?, '2026-11-01T00:00:00Z')`, name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := old.Exec(`INSERT INTO submissions (seq, id, kiosk, kind, ticket, created_at, clock_synced, body)
		VALUES (1, '019ace1b-9e30-7c4a-9d2e-6f1a2b3c4d5e', 'wall-01', 'opinion', '129417825', '2026-11-29T09:30:00Z', 1, '{"topic":"x","text":"y","lang":"zh","channel":"touch"}')`); err != nil {
		t.Fatal(err)
	}
	old.Close()

	db := MustOpenDB(t, path, nil)
	claimed, err := db.Claim(ctx, 10)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("the old submission's outbox row: claimed %d, %v", len(claimed), err)
	}
	audio := []byte("a recording")
	if err := db.SubmitVoice(ctx, newVoice(time.Now(), audio), audio); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO submissions (seq, id, kiosk, kind, ticket, created_at, clock_synced, body)
		VALUES (3, 'x', 'wall-01', 'gossip', 't3', '2026-11-29T09:30:00Z', 1, '{}')`); err == nil {
		t.Error("the kind check lets an unknown kind in")
	}
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %s, %v", check, err)
	}
}
