//go:build cgo

package mqtt_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
	"opinionwall/voice"
	"opinionwall/voice/opus"
)

// wavFile makes a WAV file of a voice-like sound at test time: with sox
// when it is installed (deploy/deps.sh), else synthesised here. seed
// varies the pitch so that recordings differ.
func wavFile(t testing.TB, seconds float64, seed int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("voice-%d.wav", seed))
	if sox, err := exec.LookPath("sox"); err == nil {
		f0 := 120 + 20*seed
		args := []string{"-n", "-r", "16000", "-c", "1", "-b", "16", path, "synth", fmt.Sprint(seconds),
			"sine", fmt.Sprintf("%d-%d", f0, 3*f0), "sine", fmt.Sprintf("%d-%d", 2*f0, 5*f0), "tremolo", "2.5", "80", "vol", "0.4"}
		if out, err := exec.Command(sox, args...).CombinedOutput(); err != nil {
			t.Fatalf("sox: %v: %s", err, out)
		}
		return path
	}
	pcm := make([]int16, int(seconds*16000))
	for i := range pcm {
		x := float64(i) / 16000
		f0 := 120 + 20*float64(seed) + 40*math.Sin(2*math.Pi*0.5*x)
		pcm[i] = int16(6000 * math.Max(0, math.Sin(2*math.Pi*2.5*x)) * (math.Sin(2*math.Pi*f0*x) + 0.5*math.Sin(4*math.Pi*f0*x)))
	}
	if err := os.WriteFile(path, voice.WAV(pcm, 16000), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// recordings are what residents said at one kiosk: submission id → the
// SHA-256 of the Ogg file the kiosk stored.
type recordings map[string]string

// saveVoice leaves the WAV file's sound as a voice message at the kiosk,
// through the booth's call (kiosk.Voice.SaveVoice with libopus), and
// notes the SHA-256 of the file the kiosk stored.
func (k *kioskSide) saveVoice(t testing.TB, wav string, rec recordings) {
	t.Helper()
	ctx := context.Background()
	b, err := os.ReadFile(wav)
	if err != nil {
		t.Fatal(err)
	}
	pcm, rate, err := voice.ReadWAV(b)
	if err != nil {
		t.Fatal(err)
	}
	v := &kiosk.Voice{Kiosk: k.id, Encoder: opus.NewEncoder(), Store: k.db}
	code, err := v.SaveVoice(ctx, pcm, rate)
	if err != nil {
		t.Fatal(err)
	}
	st, err := k.db.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s, err := k.db.Submission(ctx, st.LastSeq)
	if err != nil || s.Ticket != code {
		t.Fatalf("the voice submission: %+v, %v", s, err)
	}
	file, err := k.db.VoiceAudio(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec[s.ID] = sha(file)
	k.ids = append(k.ids, s.ID)
	if k.relay != nil {
		k.relay.Notify()
	}
}

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// startVoices takes the kiosks' chunks beside the ingest; call before the
// ingest's Open.
func (w *world) startVoices(in *hubside.Ingest) *hubside.Voices {
	w.t.Helper()
	v := &hubside.Voices{Ingest: in, Store: w.hubDB, Signer: w.signer, Log: testLog(w.t)}
	in.OnVoice = v.Offer
	if err := v.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { v.Close() })
	return v
}

// voicesComplete counts the recordings the hub holds whole.
func (w *world) voicesComplete(int) int {
	n, _, err := w.hubDB.VoiceKept(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

// checkVoices checks that every recording stored at the kiosk is at the
// hub once, byte-identical (SHA-256 of the kiosk's file and of the hub's),
// with its case, and that the kiosk purged its copy.
func (w *world) checkVoices(db interface {
	VoiceAudio(context.Context, string) ([]byte, error)
}, rec recordings) {
	w.t.Helper()
	ctx := context.Background()
	for id, want := range rec {
		b, err := w.hubDB.VoiceAudio(ctx, id)
		if err != nil {
			w.t.Fatalf("recording %s is not at the hub: %v", id, err)
		}
		if got := sha(b); got != want {
			w.t.Fatalf("recording %s: the hub's sha256 %s, the kiosk's %s", id, got, want)
		}
		c, _, err := w.hubDB.Case(ctx, id)
		if err != nil || c.Kind != kiosk.KindVoice || c.VoiceMS <= 0 {
			w.t.Fatalf("the case of %s: %+v, %v", id, c, err)
		}
		if _, err := db.VoiceAudio(ctx, id); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
			w.t.Errorf("the kiosk still keeps %s: %v", id, err)
		}
	}
}

func opusinfo(t testing.TB, file []byte) string {
	t.Helper()
	bin, err := exec.LookPath("opusinfo")
	if err != nil {
		t.Skip("no opusinfo (Debian opus-tools; deploy/deps.sh installs it)")
	}
	path := filepath.Join(t.TempDir(), "voice.opus")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, path).CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") {
		t.Fatalf("opusinfo refuses the hub's file (%v):\n%s", err, out)
	}
	return string(out)
}

func TestVoiceMessageFromWAVReachesTheHub(t *testing.T) {
	w := newWorld(t, "booth-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	in := w.newIngest(url)
	voices := w.startVoices(in)
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	k := w.newKiosk("booth-01", 21)
	rec := recordings{}
	k.saveVoice(t, wavFile(t, 70, 1), rec) // 70 s: four chunks
	k.submit(t, 1)                         // a text after it, as residents go on
	w.startRelay(k, url, func(r *mqtt.Relay) { r.Voice = k.db })
	eventually(t, 30*time.Second, func() bool { return w.voicesComplete(1) == 1 && k.relay.Stats().VoiceDelivered == 1 },
		func() string { return fmt.Sprintf("relay %+v, hub %+v", k.relay.Stats(), voices.Stats()) })
	w.checkExactlyOnce(k)
	w.checkVoices(k.db, rec)
	for id := range rec {
		file, _ := w.hubDB.VoiceAudio(context.Background(), id)
		if len(file) <= 3*kiosk.ChunkBytes {
			t.Errorf("%d bytes: the test wants a recording of several chunks", len(file))
		}
		info := opusinfo(t, file)
		if !strings.Contains(info, "Playback length: 1m:10") {
			t.Errorf("opusinfo on the hub's file:\n%s", info)
		}
	}
	if st := voices.Stats(); st.Completed != 1 || st.Rejected != 0 {
		t.Errorf("hub voice stats %+v", st)
	}
}

// TestVoiceOnMosquitto: a station on Debian's broker with the generated
// ACL (the voice and vack lines) takes a booth's recording.
func TestVoiceOnMosquitto(t *testing.T) {
	w := newWorld(t, "booth-01")
	url := startMosquitto(t, w)
	in := w.newIngest(url)
	w.startVoices(in)
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected to mosquitto" })
	k := w.newKiosk("booth-01", 21)
	rec := recordings{}
	k.saveVoice(t, wavFile(t, 40, 2), rec)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.Voice = k.db })
	eventually(t, 30*time.Second, func() bool { return w.voicesComplete(1) == 1 && k.relay.Stats().VoiceDelivered == 1 },
		func() string { return fmt.Sprintf("relay %+v", k.relay.Stats()) })
	w.checkExactlyOnce(k)
	w.checkVoices(k.db, rec)
}
