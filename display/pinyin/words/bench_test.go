package words_test

import (
	"runtime"
	"strings"
	"testing"

	"opinionwall/display/pinyin"
	"opinionwall/display/pinyin/words"
)

// BenchmarkLoad: reading the embedded index and building the engine, as the
// kiosk does once at start; heap-MB is what the engine keeps afterwards.
func BenchmarkLoad(b *testing.B) {
	var e *words.Engine
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		e = mustNew(b, nil)
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "heap-MB")
	runtime.KeepAlive(e)
}

// sentences typed for the lookup benchmarks: per sentence, what the new
// keyboard is asked (each prefix of its letters, full pinyin, as typed
// without picking) and what today's is asked (each prefix of each
// syllable, since it composes one syllable at a time).
var sentences = []string{
	"ju min yi shi ri",
	"dian ti huai le san tian",
	"wo men lou xia de la ji mei ren qing li",
}

func keystrokes(perSyllable bool) []string {
	var out []string
	for _, s := range sentences {
		if perSyllable {
			for _, syl := range strings.Fields(s) {
				for i := 1; i <= len(syl); i++ {
					out = append(out, syl[:i])
				}
			}
			continue
		}
		letters := strings.ReplaceAll(s, " ", "")
		for i := 1; i <= len(letters); i++ {
			out = append(out, letters[:i])
		}
	}
	return out
}

// BenchmarkKeystroke/words: the new engine's Candidates per keystroke;
// BenchmarkKeystroke/display-pinyin: today's Dict.Candidates per keystroke,
// the baseline. Reported per keystroke.
func BenchmarkKeystroke(b *testing.B) {
	e := mustNew(b, nil)
	d := pinyin.Default()
	b.Run("words", func(b *testing.B) {
		keys := keystrokes(false)
		for b.Loop() {
			for _, k := range keys {
				_ = e.Candidates(k)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(keys)), "µs/keystroke")
	})
	b.Run("words-initials", func(b *testing.B) {
		keys := []string{"j", "jm", "jmy", "jmys", "jmysr", "d", "dt", "dth", "dthl", "dthls", "dthlst"}
		for b.Loop() {
			for _, k := range keys {
				_ = e.Candidates(k)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(keys)), "µs/keystroke")
	})
	b.Run("display-pinyin", func(b *testing.B) {
		keys := keystrokes(true)
		for b.Loop() {
			for _, k := range keys {
				_ = d.Candidates(k)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(keys)), "µs/keystroke")
	})
}

// BenchmarkAssociations: after a pick.
func BenchmarkAssociations(b *testing.B) {
	e := mustNew(b, nil)
	for b.Loop() {
		for _, w := range []string{"电梯", "垃", "居民", "我们"} {
			_ = e.Associations(w)
		}
	}
}
