package espeak_test

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"unicode/utf8"

	"opinionwall/kiosk/espeak"
)

// reply is a station's reply of 30 characters, as the booth reads it.
const reply = "已联系环卫所，自下周一起每天清运两次，并在楼旁加设分类垃圾桶。"

// BenchmarkSynthCold: a reply never said before (a new text each time):
// espeak-ng runs, its WAV is decoded and resampled, and written to the
// disk cache.
func BenchmarkSynthCold(b *testing.B) {
	if n := utf8.RuneCountInString(reply); n < 30 {
		b.Fatalf("the reply has %d characters", n)
	}
	e := &espeak.Espeak{CacheDir: b.TempDir()}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if _, err := e.Synthesize(ctx, fmt.Sprintf("%s第%d条。", reply, i)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSynthCached: the same reply again (a second caller, or 重听):
// from the memory cache.
func BenchmarkSynthCached(b *testing.B) {
	e := &espeak.Espeak{CacheDir: b.TempDir()}
	ctx := context.Background()
	if _, err := e.Synthesize(ctx, reply); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Synthesize(ctx, reply); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSynthDisk: the reply said before the kiosk restarted: from the
// disk cache (a new synthesiser on the same directory each time).
func BenchmarkSynthDisk(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	if _, err := (&espeak.Espeak{CacheDir: dir}).Synthesize(ctx, reply); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := (&espeak.Espeak{CacheDir: dir}).Synthesize(ctx, reply); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareEspeak is the baseline: the espeak-ng command alone on the
// same new texts, its output thrown away.
func BenchmarkBareEspeak(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if err := exec.Command("espeak-ng", "-v", "cmn", "--stdout", "--", fmt.Sprintf("%s第%d条。", reply, i)).Run(); err != nil {
			b.Fatal(err)
		}
	}
}
