package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk/update"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// updateWorld is a broker, an ops key the kiosk trusts, a releases server
// and an install directory running version 1.0.
type updateWorld struct {
	dir, url, installDir string
	ops                  *mqtt.Ops
	release              string
	plan                 update.Plan // what release says, signed by the release key
	releaseKey           ed25519.PrivateKey
	args                 []string
}

func newUpdateWorld(t *testing.T) *updateWorld {
	w := &updateWorld{dir: t.TempDir()}
	creds := &mqtt.Credentials{}
	creds.Set("wall-01", "kiosk-pass")
	creds.Set(mqtt.UserOps, "ops-pass")
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	w.url = "tcp://" + b.ListenAddr()
	trust := filepath.Join(w.dir, "trust")
	mqtt.GenerateKey(trust, "ops")
	mqtt.GenerateKey(trust, "release")
	key, _ := mqtt.LoadPrivateKey(filepath.Join(trust, "ops.key"))
	w.releaseKey, _ = mqtt.LoadPrivateKey(filepath.Join(trust, "release.key"))
	os.Rename(filepath.Join(trust, "ops.key"), filepath.Join(w.dir, "ops.key")) // only public keys in a kiosk's trust
	os.Rename(filepath.Join(trust, "release.key"), filepath.Join(w.dir, "release.key"))
	w.ops = &mqtt.Ops{Conn: mqtt.Conn{Broker: w.url, Username: mqtt.UserOps, Password: "ops-pass"}, Signer: mqtt.NewSigner(key)}
	body := []byte("#!/bin/sh\necho 1.1\n")
	srv := httptest.NewServer(http.StripPrefix("/releases/", http.FileServer(http.Dir(w.dir))))
	t.Cleanup(srv.Close)
	os.WriteFile(filepath.Join(w.dir, "kiosk-1.1"), body, 0o644)
	sum := sha256.Sum256(body)
	w.plan = update.Plan{Version: "1.1", URL: srv.URL + "/releases/kiosk-1.1", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(body))}
	w.plan.ReleaseSig = update.SignRelease(w.releaseKey, w.plan.Version, w.plan.SHA256)
	b2, _ := json.Marshal(w.plan)
	w.release = string(b2)
	w.installDir = filepath.Join(w.dir, "opt")
	os.MkdirAll(filepath.Join(w.installDir, "releases"), 0o755)
	os.WriteFile(filepath.Join(w.installDir, "releases", "kiosk-1.0"), []byte("#!/bin/sh\necho 1.0\n"), 0o755)
	os.Symlink("releases/kiosk-1.0", filepath.Join(w.installDir, "kiosk"))
	os.WriteFile(filepath.Join(w.dir, "kiosk.pass"), []byte("kiosk-pass"), 0o600)
	synced := clockSynced // the container's kernel may not say; a kiosk in the field must
	clockSynced = func() bool { return true }
	t.Cleanup(func() { clockSynced = synced })
	w.args = []string{"-config", exampleConfig(t, w.dir), "-data", filepath.Join(w.dir, "data"), "-script", "-", "-hardware", "sim",
		"-install-dir", w.installDir, "-broker", w.url, "-password-file", filepath.Join(w.dir, "kiosk.pass"), "-trust", trust}
	return w
}

// startKiosk runs the kiosk program until it stops by itself (the update
// restarts it) or ctx ends.
func (w *updateWorld) startKiosk(ctx context.Context) chan error {
	done := make(chan error, 1)
	r, wr := ioPipe()
	go func() {
		done <- runCmd(ctx, w.args, r, &syncBuffer{})
		wr.Close()
	}()
	return done
}

func (w *updateWorld) runs(t *testing.T) string {
	target, err := os.Readlink(filepath.Join(w.installDir, "kiosk"))
	if err != nil {
		t.Fatal(err)
	}
	return target
}

func TestUpdateEndToEnd(t *testing.T) {
	for _, healthy := range []bool{true, false} {
		name := "healthy"
		if !healthy {
			name = "rolled back"
		}
		t.Run(name, func(t *testing.T) {
			w := newUpdateWorld(t)
			ctx := context.Background()
			first := w.startKiosk(ctx)
			w.waitAnswering(t)
			results := make(chan []mqtt.Outcome, 1)
			go func() {
				outs, _ := w.ops.Send(ctx, []string{"wall-01"}, "update", jsonRaw(w.release), 30*time.Second)
				results <- outs
			}()
			// The kiosk switches and stops itself to restart.
			select {
			case err := <-first:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the kiosk did not restart for the update")
			}
			if got := w.runs(t); got != "releases/kiosk-1.1" {
				t.Fatalf("after the switch the link points at %s", got)
			}
			if !healthy {
				// The new binary never became healthy before the deadline.
				u := &update.Updater{Dir: w.installDir, Now: func() time.Time { return time.Now().Add(time.Hour) }}
				if rolled, err := u.Guard(); err != nil || !rolled {
					t.Fatalf("guard: %v %v", rolled, err)
				}
			} else if err := updateGuardCmd([]string{"-install-dir", w.installDir}, &strings.Builder{}); err != nil {
				t.Fatal(err)
			}
			ctx2, cancel := context.WithCancel(ctx)
			second := w.startKiosk(ctx2)
			outs := <-results
			cancel()
			<-second
			if len(outs) != 1 {
				t.Fatalf("outcomes %+v", outs)
			}
			oc := outs[0]
			var statuses []string
			for _, r := range oc.Results {
				statuses = append(statuses, r.Status)
			}
			want := "accepted in_progress succeeded"
			link := "releases/kiosk-1.1"
			if !healthy {
				want, link = "accepted in_progress failed", "releases/kiosk-1.0"
			}
			if strings.Join(statuses, " ") != want {
				t.Fatalf("results %v, want %s: %+v", statuses, want, oc)
			}
			if got := w.runs(t); got != link {
				t.Fatalf("the kiosk runs %s, want %s", got, link)
			}
			if st, _ := (&update.Updater{Dir: w.installDir}).Pending(); st != nil {
				t.Fatalf("update record left: %+v", st)
			}
		})
	}
}

// TestUnsignedUpdateRefusedEndToEnd is the attack of a stolen ops.key:
// a validly signed update command names a binary and its sha256, but the
// release key did not sign it (no signature; a signature by another key).
// The real kiosk program refuses it, and keeps running what it ran.
func TestUnsignedUpdateRefusedEndToEnd(t *testing.T) {
	w := newUpdateWorld(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := w.startKiosk(ctx)
	defer func() { cancel(); <-done }()
	w.waitAnswering(t)
	_, other, _ := ed25519.GenerateKey(nil)
	for name, sig := range map[string]string{
		"no release signature":      "",
		"signed by another key":     update.SignRelease(other, w.plan.Version, w.plan.SHA256),
		"signed as another version": update.SignRelease(w.releaseKey, "1.0", w.plan.SHA256),
	} {
		p := w.plan
		p.ReleaseSig = sig
		args, _ := json.Marshal(p)
		outs, err := w.ops.Send(ctx, []string{"wall-01"}, "update", json.RawMessage(args), 20*time.Second)
		if len(outs) != 1 || outs[0].Final != mqtt.ResultFailed {
			t.Fatalf("%s: outcomes %+v, %v", name, outs, err)
		}
		if detail := outs[0].Results[len(outs[0].Results)-1].Detail; !strings.Contains(detail, "not signed by a trusted release key") {
			t.Errorf("%s: detail %q", name, detail)
		}
		if got := w.runs(t); got != "releases/kiosk-1.0" {
			t.Fatalf("%s: the kiosk runs %s", name, got)
		}
		if entries, _ := os.ReadDir(filepath.Join(w.installDir, "releases")); len(entries) != 1 {
			t.Fatalf("%s: %d files in releases", name, len(entries))
		}
	}
	select {
	case err := <-done:
		t.Fatalf("the kiosk stopped: %v", err)
	default:
	}
}

func jsonRaw(s string) json.RawMessage { return json.RawMessage(s) }

func ioPipe() (*io.PipeReader, *io.PipeWriter) { return io.Pipe() }

// waitAnswering waits until the kiosk answers a status command: connected,
// and subscribed to its commands.
func (w *updateWorld) waitAnswering(t *testing.T) {
	t.Helper()
	for range 30 {
		outs, err := w.ops.Send(context.Background(), []string{"wall-01"}, "status", nil, time.Second)
		if err == nil && len(outs) == 1 && outs[0].Final == mqtt.ResultSucceeded {
			return
		}
	}
	t.Fatal("the kiosk did not answer a status command within 30 s")
}
