package booth_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
)

// cacheDir keeps espeak-ng's clips between the tests of one run: each test
// still synthesises with the real espeak-ng, once per sentence.
var cacheDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "booth-test-espeak-")
	if err != nil {
		panic(err)
	}
	cacheDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func newVoice(t testing.TB, pack booth.Pack) *booth.Voice {
	t.Helper()
	v := &booth.Voice{Synth: &espeak.Espeak{CacheDir: cacheDir}, Pack: pack, Level: kiosk.Defaults().Booth.PromptLevel}
	if _, err := v.Prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	return v
}

// ear turns the clips the fake device played back into the words they
// say, by rendering each candidate sentence with the booth's own voice.
type ear struct {
	t     testing.TB
	dev   *audiotest.Device
	voice *booth.Voice
	known map[[32]byte]string
	seen  int // clips already checked
}

func newEar(t testing.TB, dev *audiotest.Device, v *booth.Voice) *ear {
	e := &ear{t: t, dev: dev, voice: v, known: map[[32]byte]string{}}
	e.learnPCM("嘀", booth.Beep)
	for _, p := range booth.Prompts {
		pcm, err := v.Prompt(context.Background(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.learnPCM(p.Text, pcm)
	}
	return e
}

func (e *ear) learnPCM(words string, pcm []int16) {
	e.known[hash(pcm)] = words
	e.known[hash(hardware.Gain(pcm, kiosk.Defaults().Booth.LouderGain))] = "(大声)" + words
}

// learn teaches the ear a dynamic sentence.
func (e *ear) learn(text string) string {
	e.t.Helper()
	pcm, err := e.voice.Say(context.Background(), text)
	if err != nil {
		e.t.Fatal(err)
	}
	e.learnPCM(text, pcm)
	return text
}

func hash(pcm []int16) [32]byte {
	b := make([]byte, 2*len(pcm))
	for i, s := range pcm {
		b[2*i], b[2*i+1] = byte(s), byte(s>>8)
	}
	return sha256.Sum256(b)
}

func (e *ear) words(c audiotest.Clip) string {
	if w, ok := e.known[hash(c.PCM)]; ok {
		return w
	}
	return fmt.Sprintf("?(%d samples)", len(c.PCM))
}

// expect waits for the next len(want) clips and checks they say want, in
// order.
func (e *ear) expect(want ...string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	clips, err := e.dev.Wait(ctx, e.seen+len(want))
	got := make([]string, 0, len(want))
	for _, c := range clips[e.seen:] {
		got = append(got, e.words(c))
	}
	if err != nil || !slices.Equal(got[:min(len(got), len(want))], want) {
		e.t.Fatalf("heard (from clip %d):\n  %s\nwant:\n  %s\n(%v)", e.seen+1, strings.Join(got, "\n  "), strings.Join(want, "\n  "), err)
	}
	e.seen += len(want)
}

// quiet checks nothing more was played within d.
func (e *ear) quiet(d time.Duration) {
	e.t.Helper()
	time.Sleep(d)
	if clips := e.dev.Played(); len(clips) > e.seen {
		e.t.Fatalf("played %q after the visit ended", e.words(clips[e.seen]))
	}
}

// screens records every view the booth showed.
type screens struct {
	mu    sync.Mutex
	views []booth.View
}

func (s *screens) show(v booth.View) {
	s.mu.Lock()
	s.views = append(s.views, v)
	s.mu.Unlock()
}

func (s *screens) steps() []booth.Step {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []booth.Step
	for _, v := range s.views {
		if len(out) == 0 || out[len(out)-1] != v.Step {
			out = append(out, v.Step)
		}
	}
	return out
}

// loudest is the highest level the meter showed.
func (s *screens) loudest() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := 0.0
	for _, v := range s.views {
		l = max(l, v.Level)
	}
	return l
}

func (s *screens) last() booth.View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.views[len(s.views)-1]
}

// press sends keys one by one.
func press(b *booth.Booth, keys string) {
	for _, k := range keys {
		b.Press(booth.Key(k))
	}
}

// voiceFolder stands in for the kiosk's voice store (built beside this
// package): it keeps each message in memory and stores a real
// submission in the kiosk's store for its receipt code.
type voiceFolder struct {
	store interface {
		Submit(ctx context.Context, s *kiosk.Submission) error
	}
	mu    sync.Mutex
	saved [][]int16
	gen   kiosk.UUIDGen
}

func (f *voiceFolder) SaveVoice(ctx context.Context, pcm []int16, rate int) (string, error) {
	now := time.Now()
	s := &kiosk.Submission{ID: f.gen.New(now), Kiosk: "booth-01", Kind: kiosk.KindOpinion, CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Topic: "other", Text: fmt.Sprintf("语音留言 %.1f 秒", float64(len(pcm))/float64(rate)), Lang: "zh", Channel: kiosk.ChannelHandset}}
	if err := f.store.Submit(ctx, s); err != nil {
		return "", err
	}
	f.mu.Lock()
	f.saved = append(f.saved, pcm)
	f.mu.Unlock()
	return s.Ticket, nil
}

func (f *voiceFolder) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.saved)
}
