package voicepack_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
)

type keys struct {
	ops, hub *mqtt.Signer
	trust    *mqtt.Trust
}

func newKeys() keys {
	opsPub, opsKey, _ := ed25519.GenerateKey(rand.Reader)
	hubPub, hubKey, _ := ed25519.GenerateKey(rand.Reader)
	return keys{ops: mqtt.NewSigner(opsKey), hub: mqtt.NewSigner(hubKey),
		trust: mqtt.NewTrust().Add(mqtt.RoleOps, opsPub).Add(mqtt.RoleHub, hubPub)}
}

// recording stands in for a worker's voice: a tone per prompt, quiet, as
// a microphone records it.
func recording(hz float64) []int16 { return hardware.Tone(hz, hardware.SampleRate, 0.02) }

func sign(t *testing.T, s *mqtt.Signer, m voicepack.Manifest) []byte {
	t.Helper()
	b, err := s.Sign(voicepack.Type, voicepack.Topic, m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestInstallAndLoad(t *testing.T) {
	k := newKeys()
	path := filepath.Join(t.TempDir(), "voicepack.signed")
	if _, err := voicepack.Load(path, k.trust); err != voicepack.ErrNoPack {
		t.Fatalf("nothing installed: %v", err)
	}
	m := voicepack.Build(2, "李姐", time.Now(), map[booth.Prompt][]int16{booth.Welcome: recording(300), booth.Menu: recording(400)})
	m.Clips[string(booth.Goodbye)] = []byte("RIFF not really")
	m.Clips["no_such_prompt"] = m.Clips[string(booth.Menu)]
	p, err := voicepack.Install(path, sign(t, k.ops, m), k.trust)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Recorded(); !slices.Equal(got, []booth.Prompt{booth.Menu, booth.Welcome}) {
		t.Errorf("recorded %v", got)
	}
	if len(p.Problems) != 2 || !strings.HasPrefix(p.Problems[0], "goodbye") || !strings.HasPrefix(p.Problems[1], "no_such_prompt") {
		t.Errorf("problems %q", p.Problems)
	}
	again, err := voicepack.Load(path, k.trust)
	if err != nil || again.Version != 2 || again.By != "李姐" {
		t.Fatalf("load: %+v, %v", again, err)
	}

	// A replayed or older pack does not replace it.
	if _, err := voicepack.Install(path, sign(t, k.ops, voicepack.Build(1, "x", time.Now(), nil)), k.trust); err == nil {
		t.Error("an older pack was installed")
	}
	if _, err := voicepack.Install(path, sign(t, k.ops, m), k.trust); err == nil {
		t.Error("the same version was installed again")
	}
}

// TestRefused: only an operations key may sign a pack, for the pack's
// type and topic; a truncated file is no pack. Nothing refused is written.
func TestRefused(t *testing.T) {
	k := newKeys()
	path := filepath.Join(t.TempDir(), "voicepack.signed")
	m := voicepack.Build(1, "x", time.Now(), map[booth.Prompt][]int16{booth.Menu: recording(400)})
	good := sign(t, k.ops, m)
	byHub := sign(t, k.hub, m)
	asConfig, _ := k.ops.Sign(mqtt.TypeConfig, voicepack.Topic, m)
	var env mqtt.Envelope
	if err := json.Unmarshal(good, &env); err != nil {
		t.Fatal(err)
	}
	env.Payload = []byte(strings.Replace(string(env.Payload), `"version":1`, `"version":9`, 1))
	tampered, _ := json.Marshal(env)
	for name, b := range map[string][]byte{"hub key": byHub, "signed as config": asConfig, "truncated": good[:len(good)/2], "empty": nil, "tampered": tampered} {
		if _, err := voicepack.Install(path, b, k.trust); err == nil {
			t.Errorf("%s: installed", name)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a refused pack was written")
	}
	if err := os.WriteFile(path, good[:100], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := voicepack.Load(path, k.trust); err == nil {
		t.Error("a damaged installed pack loaded")
	}
}

// TestBoothPrefersRecordedAndFallsBack: the booth plays a pack's welcome
// and menu, normalised to the prompt level, and synthesises the prompt
// whose clip is damaged; with no pack, a damaged one or a refused one it
// synthesises everything: it is never silent.
func TestBoothPrefersRecordedAndFallsBack(t *testing.T) {
	k := newKeys()
	ctx := context.Background()
	synth := &espeak.Espeak{CacheDir: t.TempDir()}
	level := kiosk.Defaults().Booth.PromptLevel
	welcome, menu := recording(300), recording(400)
	m := voicepack.Build(3, "李姐", time.Now(), map[booth.Prompt][]int16{booth.Welcome: welcome, booth.Menu: menu})
	m.Clips[string(booth.StillThere)] = []byte("RIFF\x00\x00\x00\x00WAVEjunk")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.signed")
	if _, err := voicepack.Install(good, sign(t, k.ops, m), k.trust); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged.signed")
	b, _ := os.ReadFile(good)
	os.WriteFile(damaged, b[:len(b)-40], 0o644)
	unsigned := filepath.Join(dir, "hub.signed")
	os.WriteFile(unsigned, sign(t, k.hub, m), 0o644)

	synthWelcome, err := (&booth.Voice{Synth: synth, Level: level}).Prompt(ctx, booth.Welcome)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		path     string
		recorded bool
	}{
		{"good pack", good, true},
		{"no pack", filepath.Join(dir, "none.signed"), false},
		{"damaged pack", damaged, false},
		{"pack signed by the hub key", unsigned, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			pack, err := voicepack.Load(c.path, k.trust)
			if (err == nil) != c.recorded {
				t.Fatalf("load: %v", err)
			}
			v := &booth.Voice{Synth: synth, Level: level}
			if err == nil {
				v.Pack = pack
			}
			n, err := v.Prepare(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 2, false: 0}[c.recorded]; n != want {
				t.Errorf("%d prompts recorded, want %d", n, want)
			}
			dev := audiotest.New()
			b := &booth.Booth{Audio: dev, Voice: v, Config: kiosk.Defaults().Booth}
			if err := b.Open(); err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			b.HookUp()
			wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			clips, err := dev.Wait(wctx, 2)
			if err != nil {
				t.Fatal(err)
			}
			want := synthWelcome
			if c.recorded {
				want = hardware.Normalize(welcome, level)
			}
			if !slices.Equal(clips[0].PCM, want) {
				t.Errorf("the first prompt is not the %s welcome", map[bool]string{true: "recorded", false: "synthesised"}[c.recorded])
			}
			if r := hardware.RMS(clips[0].PCM); r < level*0.9 || r > level*1.1 {
				t.Errorf("welcome at RMS %.3f, want %.3f", r, level)
			}
			still, _ := v.Prompt(ctx, booth.StillThere)
			if !hardware.Speech(still, 0.02, 300*time.Millisecond) {
				t.Error("the damaged clip's prompt is silent")
			}
		})
	}
}

// slowSynth synthesises until its context ends, counting the calls that
// ran after stop was closed.
type slowSynth struct {
	started chan struct{}
	stop    chan struct{}
	late    atomic.Int32
}

func (s *slowSynth) Synthesize(ctx context.Context, text string) ([]int16, error) {
	select {
	case s.started <- struct{}{}:
	default:
	}
	select {
	case <-s.stop:
		s.late.Add(1)
	default:
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestInstallerCloseStopsRendering: after an install the prompts are
// rendered in the background; Close stops that and waits for it, so
// nothing renders into a kiosk that is shutting down (a test's removed
// directory, here: CI's TestRecordedVoicePackEndToEnd failed so).
func TestInstallerCloseStopsRendering(t *testing.T) {
	k := newKeys()
	synth := &slowSynth{started: make(chan struct{}, 1), stop: make(chan struct{})}
	in := &voicepack.Installer{Path: filepath.Join(t.TempDir(), "voicepack.signed"), Verifier: k.trust,
		Voice: &booth.Voice{Synth: synth}}
	m := voicepack.Build(3, "李姐", time.Now(), map[booth.Prompt][]int16{booth.Welcome: recording(300)})
	if _, err := in.InstallVoicePack(context.Background(), sign(t, k.ops, m)); err != nil {
		t.Fatal(err)
	}
	<-synth.started // rendering the prompts the pack lacks
	done := make(chan struct{})
	go func() { in.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not stop the rendering")
	}
	close(synth.stop)
	m = voicepack.Build(4, "李姐", time.Now(), map[booth.Prompt][]int16{booth.Welcome: recording(300)})
	if _, err := in.InstallVoicePack(context.Background(), sign(t, k.ops, m)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // a rendering started now would have called the synthesiser
	if n := synth.late.Load(); n != 0 {
		t.Errorf("%d prompts rendered after Close", n)
	}
}
