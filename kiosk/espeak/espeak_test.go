package espeak_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/kiosk/espeak"
)

func TestSynthesizeMandarin(t *testing.T) {
	e := &espeak.Espeak{}
	pcm, err := e.Synthesize(context.Background(), "评价服务请按1")
	if err != nil {
		t.Fatal(err)
	}
	if d := hardware.Duration(pcm); d < 500*time.Millisecond || d > 10*time.Second {
		t.Errorf("spoke for %v", d)
	}
	if !hardware.Speech(pcm, 0.02, 300*time.Millisecond) {
		t.Error("no speech in the clip")
	}
}

// TestCacheOnDisk: a second synthesiser with the same directory says the
// same words without espeak-ng (its command is broken), and a damaged
// cache file is synthesised again instead of played.
func TestCacheOnDisk(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first := &espeak.Espeak{CacheDir: dir}
	want, err := first.Synthesize(ctx, "谢谢您的评价。")
	if err != nil {
		t.Fatal(err)
	}
	broken := &espeak.Espeak{CacheDir: dir, Command: "/nonexistent/espeak-ng"}
	got, err := broken.Synthesize(ctx, "谢谢您的评价。")
	if err != nil || len(got) != len(want) {
		t.Fatalf("from the cache: %d samples, %v; want %d", len(got), err, len(want))
	}
	if _, err := broken.Synthesize(ctx, "没有说过的话"); err == nil {
		t.Fatal("a broken espeak-ng synthesised uncached text")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.wav"))
	if len(files) != 1 {
		t.Fatalf("%d cache files", len(files))
	}
	if err := os.WriteFile(files[0], []byte("RIFF garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	again := &espeak.Espeak{CacheDir: dir}
	if again.Cached("谢谢您的评价。") {
		t.Error("a damaged cache file counts as cached")
	}
	if pcm, err := again.Synthesize(ctx, "谢谢您的评价。"); err != nil || len(pcm) != len(want) {
		t.Fatalf("after damage: %d samples, %v", len(pcm), err)
	}
}

func TestEspeakFailsClearly(t *testing.T) {
	if err := (&espeak.Espeak{}).Check(context.Background()); err != nil {
		t.Fatalf("cmn: %v", err)
	}
	if err := (&espeak.Espeak{Voice: "no-such-voice-xx"}).Check(context.Background()); err == nil {
		t.Fatal("an unknown voice passed the check")
	}
	if err := (&espeak.Espeak{Command: "/nonexistent/espeak-ng"}).Check(context.Background()); err == nil {
		t.Fatal("a missing espeak-ng passed the check")
	}
}
