package kiosk_test

import (
	"context"
	"encoding/binary"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// rawEncoder stands in for libopus (voice/opus, cgo) in the domain's
// tests: it keeps the samples as they are, so the file's size follows the
// recording's length.
type rawEncoder struct{}

func (rawEncoder) Encode(pcm []int16, rate int) ([]byte, time.Duration, error) {
	b := make([]byte, 2*len(pcm))
	for i, s := range pcm {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	return b, time.Duration(len(pcm)) * time.Second / time.Duration(rate), nil
}

func openVoice(t *testing.T, quota int64) (*kiosk.Voice, *sqlite.DB) {
	t.Helper()
	codec, err := kiosk.NewTicketCodec(12, "booth-01")
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, db.AudioQuota = codec, quota
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &kiosk.Voice{Kiosk: "booth-01", Encoder: rawEncoder{}, Store: db}, db
}

func TestSaveVoiceGivesTheTicketOfTheStoredMessage(t *testing.T) {
	ctx := context.Background()
	v, db := openVoice(t, 0)
	stored := 0
	v.Stored = func() { stored++ }
	code, err := v.SaveVoice(ctx, make([]int16, 16000*2), 16000)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kiosk.ParseTicket(code); err != nil {
		t.Fatalf("code %q: %v", code, err)
	}
	sub, err := db.Submission(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if sub.Ticket != code || sub.Kind != kiosk.KindVoice || sub.Body.Channel != kiosk.ChannelHandset ||
		sub.Body.Voice.DurationMS != 2000 || sub.Body.Voice.Bytes != 64000 {
		t.Errorf("stored %+v, voice %+v", sub, sub.Body.Voice)
	}
	if stored != 1 {
		t.Errorf("Stored called %d times", stored)
	}
}

func TestSaveVoiceRefuses(t *testing.T) {
	ctx := context.Background()
	v, _ := openVoice(t, 100_000)
	tests := []struct {
		name string
		pcm  []int16
		rate int
		code string
	}{
		{"nothing recorded", nil, 16000, kiosk.EINVALID},
		{"no rate", make([]int16, 10), 0, kiosk.EINVALID},
		{"over three minutes", make([]int16, 8000*181), 8000, kiosk.EINVALID},
		{"over the audio quota", make([]int16, 60_000), 16000, kiosk.EFULL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := v.SaveVoice(ctx, tt.pcm, tt.rate); kiosk.ErrorCode(err) != tt.code {
				t.Fatalf("got %v, want %s", err, tt.code)
			}
		})
	}
}
