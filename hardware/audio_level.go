package hardware

import (
	"math"
	"time"
)

// RMS is the loudness of pcm, 0 (silence) to 1 (a full-scale square wave).
func RMS(pcm []int16) float64 {
	if len(pcm) == 0 {
		return 0
	}
	var sum float64
	for _, s := range pcm {
		f := float64(s) / 32768
		sum += f * f
	}
	return math.Sqrt(sum / float64(len(pcm)))
}

// Normalize returns pcm scaled so that its RMS is target (0-1), never
// clipping: the gain stops where the loudest sample reaches full scale.
// Silence comes back unchanged.
func Normalize(pcm []int16, target float64) []int16 {
	rms := RMS(pcm)
	if rms < 1e-4 {
		return pcm
	}
	peak := 0
	for _, s := range pcm {
		peak = max(peak, abs(int(s)))
	}
	gain := min(target/rms, 32767/float64(peak))
	return Gain(pcm, gain)
}

// Gain returns pcm multiplied by g, clipped to the int16 range.
func Gain(pcm []int16, g float64) []int16 {
	out := make([]int16, len(pcm))
	for i, s := range pcm {
		out[i] = int16(max(-32768, min(32767, math.Round(float64(s)*g))))
	}
	return out
}

// Tone is a sine at hz lasting n samples at SampleRate, at
// amplitude amp (0-1), faded in and out over 5 ms to avoid clicks.
func Tone(hz float64, n int, amp float64) []int16 {
	out := make([]int16, n)
	fade := 80
	for i := range out {
		a := amp
		if i < fade {
			a *= float64(i) / float64(fade)
		} else if n-i < fade {
			a *= float64(n-i) / float64(fade)
		}
		out[i] = int16(a * 32767 * math.Sin(2*math.Pi*hz*float64(i)/SampleRate))
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Speech reports whether pcm holds speech: at least min of 50 ms blocks
// whose RMS reaches level. Hiss and a click or two do not count.
func Speech(pcm []int16, level float64, min time.Duration) bool {
	const block = SampleRate / 20
	need := int(min / (50 * time.Millisecond))
	n := 0
	for i := 0; i < len(pcm); i += block {
		if RMS(pcm[i:minInt(i+block, len(pcm))]) >= level {
			n++
		}
	}
	return n > 0 && n >= need
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}
