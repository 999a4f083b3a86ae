//go:build cgo

package opus_test

import (
	"fmt"
	"testing"
	"time"

	"opinionwall/voice"
	"opinionwall/voice/opus"
)

// BenchmarkEncodeMinute codes a minute of voice-like sound at 16 kHz:
// the booth's setting (complexity 5) against libopus's default (10) as
// the baseline, and keeping the samples as a WAV (the cost of touching
// the audio at all). Reported: CPU per second of audio, bytes per minute.
func BenchmarkEncodeMinute(b *testing.B) {
	pcm := speech(60, 16000)
	for _, c := range []int{2, 5, 10} {
		b.Run(fmt.Sprintf("complexity%d", c), func(b *testing.B) {
			enc := opus.NewEncoder()
			enc.Complexity = c
			var size int
			start := time.Now()
			for b.Loop() {
				file, _, err := enc.Encode(pcm, 16000)
				if err != nil {
					b.Fatal(err)
				}
				size = len(file)
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N)/60, "µs/audio-s")
			b.ReportMetric(float64(size), "B/min")
		})
	}
	b.Run("wav", func(b *testing.B) {
		var size int
		start := time.Now()
		for b.Loop() {
			size = len(voice.WAV(pcm, 16000))
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N)/60, "µs/audio-s")
		b.ReportMetric(float64(size), "B/min")
	})
}

// BenchmarkDecodeMinute is the station's side: a minute back to PCM.
func BenchmarkDecodeMinute(b *testing.B) {
	file, _, err := opus.NewEncoder().Encode(speech(60, 16000), 16000)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for b.Loop() {
		if _, err := opus.Decode(file, 16000); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N)/60, "µs/audio-s")
}
