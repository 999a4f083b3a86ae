//go:build cgo

package mqtt_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"opinionwall/internal/freeport"
	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
	"opinionwall/voice"
	"opinionwall/voice/opus"
)

// The voice fault tests: kill the kiosk and the hub mid-transfer, cut the
// connection, restart the broker; every stored recording must arrive once
// and byte-identical, and every text submission beside them too.

// voiceMessages is how many recordings the fault tests send: some 90
// chunks, enough that the faults land mid-transfer. The relays send them
// at 1 MiB/s (VoiceRate), eight times a booth's pace, to keep the tests short.
const voiceMessages = 30

// closely is eventually looking every millisecond: the transfer on the
// loopback is quick, and a fault must land in the middle of it.
func closely(t *testing.T, timeout time.Duration, cond func() bool, msg func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %s: %s", timeout, msg())
		}
		time.Sleep(time.Millisecond)
	}
}

// encoded codes three WAV files (20, 45 and 70 s: one to three chunks and
// a bit) with libopus once per test.
func encoded(t *testing.T) [][]byte {
	t.Helper()
	var out [][]byte
	for i, secs := range []float64{20, 45, 70} {
		b, err := os.ReadFile(wavFile(t, secs, i))
		if err != nil {
			t.Fatal(err)
		}
		pcm, rate, err := voice.ReadWAV(b)
		if err != nil {
			t.Fatal(err)
		}
		file, _, err := opus.NewEncoder().Encode(pcm, rate)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, file)
	}
	return out
}

// storeVoices stores n recordings (the files in turn) with a text
// submission after each, as a busy booth would.
func (k *kioskSide) storeVoices(t *testing.T, files [][]byte, n int, rec recordings) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		file := files[i%len(files)]
		now := time.Now()
		a := kiosk.DescribeAudio(file, 20*time.Second)
		s := &kiosk.Submission{ID: k.gen.New(now), Kiosk: k.id, Kind: kiosk.KindVoice, CreatedAt: now, ClockSynced: true,
			Body: kiosk.Body{Lang: "zh", Channel: kiosk.ChannelHandset, Voice: &a}}
		if err := k.db.SubmitVoice(ctx, s, file); err != nil {
			t.Fatal(err)
		}
		k.ids = append(k.ids, s.ID)
		rec[s.ID] = sha(file)
		k.submit(t, 1)
	}
}

func TestVoiceKioskKilledMidTransfer(t *testing.T) {
	w := newWorld(t, "booth-01")
	_, trustDir, signer, trust := keyFiles(t)
	w.signer, w.trust = signer, trust
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
	k.storeVoices(t, encoded(t), voiceMessages, rec)
	path := k.db.Path
	k.db.Close() // the child owns the store now

	c := startChild(t, "relay", url, "booth-01", "21", path, trustDir)
	var atKills []int
	for round := 1; round <= 3; round++ {
		target := 2 + 5*(round-1)
		closely(t, 60*time.Second, func() bool { return w.voicesComplete(voiceMessages) >= target },
			func() string {
				return fmt.Sprintf("round %d: %d whole, hub %+v: %s", round, w.voicesComplete(voiceMessages), voices.Stats(), c.logs.String())
			})
		c.kill()
		atKills = append(atKills, w.voicesComplete(voiceMessages))
		c.start()
	}
	if atKills[0] >= voiceMessages {
		t.Fatalf("the transfer was over before the first kill (%v): nothing was tested", atKills)
	}
	t.Logf("killed the kiosk with %v of %d recordings whole at the hub", atKills, voiceMessages)
	eventually(t, 90*time.Second, func() bool { return w.voicesComplete(voiceMessages) == voiceMessages },
		func() string {
			return fmt.Sprintf("%d whole, hub %+v: %s", w.voicesComplete(voiceMessages), voices.Stats(), c.logs.String())
		})
	db := kiosksqlite.NewDB(path)
	db.ReadOnly = true
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eventually(t, 30*time.Second, func() bool { n, _, _ := db.AudioKept(context.Background()); return n == 0 },
		func() string {
			n, _, _ := db.AudioKept(context.Background())
			return fmt.Sprintf("the kiosk keeps %d recordings", n)
		})
	w.checkExactlyOnce(k)
	w.checkVoices(db, rec)
}

func TestVoiceHubKilledMidTransfer(t *testing.T) {
	w := newWorld(t, "booth-01")
	keyFile, _, signer, trust := keyFiles(t)
	w.signer, w.trust = signer, trust
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	hubPath := w.hubDB.Path
	w.stopProjector()
	w.hubDB.Close()
	h := startChild(t, "hub", url, hubPath, keyFile)
	w.hubDB = w.reopenHub(hubPath)

	k := w.newKiosk("booth-01", 21)
	rec := recordings{}
	k.storeVoices(t, encoded(t), voiceMessages, rec)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.Voice, r.VoiceRate = k.db, 1<<20; r.AckTimeout = 3 * time.Second })
	var atKills []int
	for round := 1; round <= 3; round++ {
		target := 2 + 5*(round-1)
		closely(t, 60*time.Second, func() bool { return w.voicesComplete(voiceMessages) >= target },
			func() string {
				return fmt.Sprintf("round %d: %d whole: %s", round, w.voicesComplete(voiceMessages), h.logs.String())
			})
		h.kill()
		atKills = append(atKills, w.voicesComplete(voiceMessages))
		time.Sleep(200 * time.Millisecond)
		h.start()
	}
	if atKills[0] >= voiceMessages {
		t.Fatalf("the transfer was over before the first kill (%v): nothing was tested", atKills)
	}
	t.Logf("killed the hub with %v of %d recordings whole", atKills, voiceMessages)
	eventually(t, 90*time.Second, func() bool {
		n, _, _ := k.db.AudioKept(context.Background())
		return n == 0 && k.acked(t) == 2*voiceMessages
	}, func() string {
		n, _, _ := k.db.AudioKept(context.Background())
		return fmt.Sprintf("the kiosk keeps %d recordings, %d acked, relay %+v: %s", n, k.acked(t), k.relay.Stats(), h.logs.String())
	})
	w.checkExactlyOnce(k)
	w.checkVoices(k.db, rec)
}

func TestVoiceConnectionCutAndBrokerRestart(t *testing.T) {
	w := newWorld(t, "booth-01")
	addr := freeport.Addr(t)
	url := "tcp://" + addr
	b := w.startBroker(addr)
	in := w.newIngest(url)
	voices := w.startVoices(in)
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	p := newProxy(t, addr)
	k := w.newKiosk("booth-01", 21)
	rec := recordings{}
	k.storeVoices(t, encoded(t), voiceMessages, rec)
	w.startRelay(k, "tcp://"+p.Addr(), func(r *mqtt.Relay) { r.Voice, r.VoiceRate = k.db, 1<<20; r.AckTimeout = 3 * time.Second })
	for cut := 1; cut <= 2; cut++ {
		target := 2 * cut
		closely(t, 60*time.Second, func() bool { return w.voicesComplete(voiceMessages) >= target },
			func() string {
				return fmt.Sprintf("cut %d: %d whole, hub %+v", cut, w.voicesComplete(voiceMessages), voices.Stats())
			})
		p.Cut()
	}
	closely(t, 60*time.Second, func() bool { return w.voicesComplete(voiceMessages) >= 8 },
		func() string {
			return fmt.Sprintf("%d whole, hub %+v", w.voicesComplete(voiceMessages), voices.Stats())
		})
	b.Close()
	atRestart := w.voicesComplete(voiceMessages)
	if atRestart >= voiceMessages {
		t.Fatalf("the transfer was over before the broker went down (%d): nothing was tested", atRestart)
	}
	time.Sleep(300 * time.Millisecond)
	w.startBroker(addr)
	eventually(t, 90*time.Second, func() bool {
		n, _, _ := k.db.AudioKept(context.Background())
		return n == 0 && k.acked(t) == 2*voiceMessages
	}, func() string {
		n, _, _ := k.db.AudioKept(context.Background())
		return fmt.Sprintf("the kiosk keeps %d recordings, %d acked, relay %+v, hub %+v", n, k.acked(t), k.relay.Stats(), voices.Stats())
	})
	t.Logf("broker restarted with %d of %d whole; relay %+v", atRestart, voiceMessages, k.relay.Stats())
	w.checkExactlyOnce(k)
	w.checkVoices(k.db, rec)
	if k.relay.Stats().Lost < 3 {
		t.Errorf("lost %d connections, want at least 3 (two cuts and the broker)", k.relay.Stats().Lost)
	}
}
