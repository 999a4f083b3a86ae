package booth_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"opinionwall/hardware/audiotest"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
)

// BenchmarkFirstPrompt: the time from the hook event (HookUp) to the first
// prompt starting to play on the fake device, with the voice prepared as
// the kiosk prepares it at start. The baseline, BenchmarkBarePlay, hands
// the same clip to a goroutine that plays it: the least any design costs.
func BenchmarkFirstPrompt(b *testing.B) {
	voice := &booth.Voice{Synth: &espeak.Espeak{CacheDir: cacheDir}, Level: kiosk.Defaults().Booth.PromptLevel}
	if _, err := voice.Prepare(context.Background()); err != nil {
		b.Fatal(err)
	}
	dev := audiotest.New()
	dev.Keep = 4
	bo := &booth.Booth{Audio: dev, Voice: voice, Config: kiosk.Defaults().Booth}
	if err := bo.Open(); err != nil {
		b.Fatal(err)
	}
	defer bo.Close()
	var lat []time.Duration
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		bo.HookUp()
		clips, err := dev.Wait(ctx, 2*i+1)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, clips[len(clips)-1].At.Sub(start))
		if _, err := dev.Wait(ctx, 2*i+2); err != nil { // the menu
			b.Fatal(err)
		}
		bo.HookDown()
	}
	b.StopTimer()
	report(b, lat)
}

func BenchmarkBarePlay(b *testing.B) {
	voice := &booth.Voice{Synth: &espeak.Espeak{CacheDir: cacheDir}, Level: kiosk.Defaults().Booth.PromptLevel}
	pcm, err := voice.Prompt(context.Background(), booth.Welcome)
	if err != nil {
		b.Fatal(err)
	}
	dev := audiotest.New()
	dev.Keep = 4
	var lat []time.Duration
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		go dev.Play(ctx, pcm)
		clips, err := dev.Wait(ctx, i+1)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, clips[len(clips)-1].At.Sub(start))
	}
	b.StopTimer()
	report(b, lat)
}

// report gives the median and the 99th percentile latency.
func report(b *testing.B, lat []time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "µs-median")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "µs-p99")
}
