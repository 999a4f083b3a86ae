package sqlite_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

// voiceSub is a voice submission from kiosk k describing audio.
func voiceSub(k string, seq int64, at time.Time, audio []byte) hub.Received {
	r := received(k, seq, at)
	a := kiosk.DescribeAudio(audio, 45*time.Second)
	r.Kind = kiosk.KindVoice
	r.Body = kiosk.Body{Lang: "zh", Channel: kiosk.ChannelHandset, Voice: &a}
	return r
}

// recording is audio of n chunks and a bit.
func recording(n int, b byte) []byte {
	return bytes.Repeat([]byte{b, b + 1, b + 2}, (n*kiosk.ChunkBytes+500)/3)
}

func chunk(audio []byte, i int) []byte {
	return audio[i*kiosk.ChunkBytes : min((i+1)*kiosk.ChunkBytes, len(audio))]
}

func TestVoiceCaseAppearsWhenTheAudioIsWhole(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	audio := recording(2, 1) // three chunks
	r := voiceSub("booth-01", 1, s.now, audio)
	if _, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, 0, chunk(audio, 0)); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("a chunk before its submission: %v, want %s", err, kiosk.ENOTFOUND)
	}
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{r}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.db.Case(ctx, r.ID); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("the case is there before its audio: %v", err)
	}
	if _, err := s.db.PutVoiceChunk(ctx, "booth-02", r.ID, 0, chunk(audio, 0)); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Errorf("another kiosk's chunk: %v, want %s", err, kiosk.EINVALID)
	}
	if _, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, 1, chunk(audio, 1)[1:]); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Errorf("a short chunk: %v, want %s", err, kiosk.EINVALID)
	}
	// Out of order and twice: the hub counts what it holds in a row.
	for _, step := range []struct{ i, have int }{{2, 0}, {0, 1}, {0, 1}} {
		p, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, step.i, chunk(audio, step.i))
		if err != nil || p.Have != step.have || p.Done {
			t.Fatalf("chunk %d: %+v, %v; want have %d", step.i, p, err, step.have)
		}
	}
	p, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, 1, chunk(audio, 1))
	if err != nil || !p.Done || p.Have != 3 {
		t.Fatalf("the last chunk: %+v, %v", p, err)
	}
	got, err := s.db.VoiceAudio(ctx, r.ID)
	if err != nil || !bytes.Equal(got, audio) {
		t.Fatalf("audio back: %d bytes, %v", len(got), err)
	}
	c, _, err := s.db.Case(ctx, r.ID)
	if err != nil || c.Kind != kiosk.KindVoice || c.Status != kiosk.StatusReceived || c.VoiceDuration() != 45*time.Second {
		t.Fatalf("case %+v, %v", c, err)
	}
	// A late resend of a chunk: done again, nothing doubled.
	if p, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, 0, chunk(audio, 0)); err != nil || !p.Done {
		t.Errorf("a resent chunk after the whole: %+v, %v", p, err)
	}
	if n, size, err := s.db.VoiceKept(ctx); err != nil || n != 1 || size != int64(len(audio)) {
		t.Errorf("kept %d (%d bytes), %v", n, size, err)
	}
}

func TestVoiceThatDoesNotMatchStartsAgain(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	audio := recording(1, 5)
	r := voiceSub("booth-01", 1, s.now, audio)
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{r}}); err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(chunk(audio, 1))
	bad[0] ^= 0xff
	if _, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, 0, chunk(audio, 0)); err != nil {
		t.Fatal(err)
	}
	p, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, 1, bad)
	if err != nil || !p.Restarted || p.Have != 0 || p.Done {
		t.Fatalf("a whole that does not match: %+v, %v", p, err)
	}
	if _, _, err := s.db.Case(ctx, r.ID); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Errorf("a case from audio that does not match: %v", err)
	}
	for i := range 2 {
		p, err = s.db.PutVoiceChunk(ctx, "booth-01", r.ID, i, chunk(audio, i))
	}
	if err != nil || !p.Done {
		t.Fatalf("sent again: %+v, %v", p, err)
	}
}

func TestStalledVoiceAndPurge(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	s.db.Now = func() time.Time { return s.now }
	whole, stuck := recording(1, 1), recording(1, 9)
	a, b := voiceSub("booth-01", 1, s.now, whole), voiceSub("booth-01", 2, s.now, stuck)
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{a, b}}); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, err := s.db.PutVoiceChunk(ctx, "booth-01", a.ID, i, chunk(whole, i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.PutVoiceChunk(ctx, "booth-01", b.ID, 0, chunk(stuck, 0)); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.db.StalledVoice(ctx, s.now.Add(-hub.VoiceStalledAfter)); len(st) != 0 {
		t.Errorf("stalled at once: %v", st)
	}
	s.now = s.now.Add(25 * time.Hour)
	fleet, err := s.db.Kiosks(ctx)
	if err != nil || len(fleet) != 1 || fleet[0].VoiceStalled != 1 {
		t.Fatalf("fleet %+v, %v", fleet, err)
	}
	if codes := alertList(hub.Alerts(fleet[0], s.now)); !strings.Contains(codes, "voice_stalled") {
		t.Errorf("alerts %s", codes)
	}

	start := s.now.Add(-25 * time.Hour)
	s.now = start.Add(hub.DefaultVoiceRetention - time.Hour)
	if n, err := s.db.PurgeVoice(ctx, s.now.Add(-hub.DefaultVoiceRetention)); err != nil || n != 0 {
		t.Fatalf("purged %d before the retention, %v", n, err)
	}
	s.now = start.Add(hub.DefaultVoiceRetention + time.Hour)
	if n, err := s.db.PurgeVoice(ctx, s.now.Add(-hub.DefaultVoiceRetention)); err != nil || n != 1 {
		t.Fatalf("purged %d after the retention, %v", n, err)
	}
	if _, err := s.db.VoiceAudio(ctx, a.ID); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Errorf("audio still there: %v", err)
	}
	hist, err := s.db.History(ctx, a.ID)
	if err != nil || len(hist) != 1 || hist[0].Action != sqlite.ActPurgeVoice || hist[0].Worker != "system" {
		t.Errorf("the purge's audit: %+v, %v", hist, err)
	}
	if _, _, err := s.db.Case(ctx, a.ID); err != nil {
		t.Errorf("the case went with the audio: %v", err)
	}
}

func alertList(as []hub.Alert) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Code)
	}
	return strings.Join(out, " ")
}

// TestVoiceCaseAtTheDesk: the worker's summary and transcript are the
// case's text and searched; the wall gets the moderated summary only,
// never the recording; a volunteer may not listen.
func TestVoiceCaseAtTheDesk(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	s.desk.Voice = s.db
	audio := recording(0, 3)
	r := voiceSub("booth-01", 1, s.now, audio)
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{r}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.PutVoiceChunk(ctx, "booth-01", r.ID, 0, audio); err != nil {
		t.Fatal(err)
	}
	if b, err := s.desk.VoiceAudio(ctx, s.grid, r.ID); err != nil || !bytes.Equal(b, audio) {
		t.Fatalf("a worker listens: %d bytes, %v", len(b), err)
	}
	vol := hub.Worker{ID: "li", Name: "李", Role: hub.RoleVolunteer}
	vol.PINHash, _ = hub.HashPIN("246813")
	if err := s.db.PutWorker(ctx, vol); err != nil {
		t.Fatal(err)
	}
	vol, _ = s.desk.Login(ctx, "li", "246813")
	if _, err := s.desk.VoiceAudio(ctx, vol, r.ID); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Errorf("a volunteer listens: %v", err)
	}

	s.act(t, s.grid, r.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall, Item: "garbage"})
	s.act(t, s.lead, r.ID, hub.Action{Kind: hub.ActReply, Reply: "已通知物业修理楼道灯"})
	c, _, _ := s.db.Case(ctx, r.ID)
	s.now = s.now.Add(time.Minute)
	_, err := s.desk.Act(ctx, s.lead, r.ID, c.Version, hub.Action{Kind: hub.ActPublish, WallText: "楼道灯坏了"})
	if why, _ := hub.ReasonOf(err); why.Key != "voice.summary.wall" {
		t.Fatalf("published without a summary: %v", err)
	}
	c = s.act(t, s.grid, r.ID, hub.Action{Kind: hub.ActTranscribe, Summary: "3栋楼道灯坏了一个星期",
		Transcript: "喂，我是3栋的，楼道的灯坏了一个星期了，晚上老人上下楼很危险，电话13812345678"})
	if c.Text != "3栋楼道灯坏了一个星期" {
		t.Errorf("the case's text %q, want the summary", c.Text)
	}
	in, err := s.desk.Inbox(ctx, s.grid, hub.Filter{Search: "上下楼"})
	if err != nil || in.Total != 1 {
		t.Fatalf("search in the transcript: %d, %v", in.Total, err)
	}
	if in, _ := s.desk.Inbox(ctx, vol, hub.Filter{Search: "上下楼"}); in.Total != 1 || strings.Contains(in.Cases[0].Transcript, "13812345678") {
		t.Errorf("a volunteer's inbox: %+v", in.Cases)
	}
	s.act(t, s.lead, r.ID, hub.Action{Kind: hub.ActPublish, WallText: "3栋楼道灯坏了"})
	_, wall, err := s.db.Snapshot(ctx, hub.SnapshotWall)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(wall), "3栋楼道灯坏了") || strings.Contains(string(wall), "OggS") ||
		strings.Contains(string(wall), "voice") || strings.Contains(string(wall), "13812345678") {
		t.Errorf("the wall: %s", wall)
	}
	if _, err := s.desk.Act(ctx, s.grid, r.ID, c.Version, hub.Action{Kind: hub.ActTranscribe}); err == nil {
		t.Error("an empty summary taken")
	}
}
