package update_test

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"opinionwall/kiosk/update"
)

// install makes an install directory running "old".
func install(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "releases"), 0o755)
	os.WriteFile(filepath.Join(dir, "releases", "kiosk-1.0"), []byte("#!/bin/sh\necho old\n"), 0o755)
	if err := os.Symlink("releases/kiosk-1.0", filepath.Join(dir, "kiosk")); err != nil {
		t.Fatal(err)
	}
	return dir
}

var newBinary = []byte("#!/bin/sh\necho new\n" + strings.Repeat("#", 4000) + "\n")

// releasePub and releaseKey are the tests' release key.
var releasePub, releaseKey, _ = ed25519.GenerateKey(rand.Reader)

// plan is the update to body at url, signed by the release key.
func plan(url string, body []byte) update.Plan {
	sum := sha256.Sum256(body)
	p := update.Plan{Version: "1.1", URL: url, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(body))}
	p.ReleaseSig = update.SignRelease(releaseKey, p.Version, p.SHA256)
	return p
}

func serve(t *testing.T, body []byte) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/kiosk-1.1" {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// runs reports what the symlink runs: old or new.
func runs(t *testing.T, dir string) string {
	t.Helper()
	out, err := exec.Command(filepath.Join(dir, "kiosk")).Output()
	if err != nil {
		t.Fatalf("the kiosk does not run: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func TestStageRefusesBadDownloads(t *testing.T) {
	dir := install(t)
	url := serve(t, newBinary)
	u := &update.Updater{Dir: dir, MaxBytes: 1 << 20, ReleaseKeys: []ed25519.PublicKey{releasePub}}
	ctx := context.Background()
	good := plan(url+"/kiosk-1.1", newBinary)
	for name, p := range map[string]update.Plan{
		"wrong size":  func() update.Plan { q := good; q.Size--; return q }(),
		"wrong sha":   func() update.Plan { q := good; q.SHA256 = strings.Repeat("0", 64); return q }(),
		"not found":   func() update.Plan { q := good; q.URL = url + "/nothing"; return q }(),
		"too big":     func() update.Plan { q := good; q.Size = 2 << 20; return q }(),
		"bad version": func() update.Plan { q := good; q.Version = "../x"; return q }(),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := u.Stage(ctx, p); err == nil {
				t.Errorf("%s: staged", name)
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "releases")); len(entries) != 1 {
				t.Fatalf("%s: left %d files in releases", name, len(entries))
			}
		})
	}
	if runs(t, dir) != "old" {
		t.Fatal("a refused download changed what runs")
	}
}

func TestUpdateCommitsOrRollsBack(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name    string
		healthy bool
		starts  int
		late    bool
	}{{"healthy", true, 1, false}, {"deadline passed", false, 1, true}, {"crash loop", false, 4, false}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := install(t)
			now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
			u := &update.Updater{Dir: dir, MaxBytes: 1 << 20, MaxStarts: 3, ReleaseKeys: []ed25519.PublicKey{releasePub}, Now: func() time.Time { return now }}
			rel, err := u.Stage(ctx, plan(serve(t, newBinary)+"/kiosk-1.1", newBinary))
			if err != nil {
				t.Fatal(err)
			}
			if err := u.Switch("cid-1", "1.1", rel, 5*time.Minute); err != nil {
				t.Fatal(err)
			}
			if runs(t, dir) != "new" {
				t.Fatal("not switched")
			}
			var rolled bool
			for i := 0; i < tt.starts; i++ {
				if rolled, err = u.Guard(); err != nil {
					t.Fatal(err)
				}
			}
			if tt.late {
				now = now.Add(10 * time.Minute)
				rolled, _ = u.Guard()
			}
			if tt.healthy {
				if rolled {
					t.Fatal("rolled back a healthy start")
				}
				u.Commit()
				if st, _ := u.Pending(); st != nil || runs(t, dir) != "new" {
					t.Fatalf("after commit: %+v, runs %s", st, runs(t, dir))
				}
				return
			}
			st, _ := u.Pending()
			if !rolled || runs(t, dir) != "old" || st == nil || st.State != update.StateFailed || st.CID != "cid-1" || st.Reason == "" {
				t.Fatalf("rolled back %v, runs %s, state %+v", rolled, runs(t, dir), st)
			}
		})
	}
}

const childEnv = "OW_UPDATE_CHILD"

// TestMain lets the test binary be a kiosk that updates itself and is
// killed at a step.
func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		parts := strings.SplitN(spec, "|", 3) // dir|url|step
		u := &update.Updater{Dir: parts[0], MaxBytes: 1 << 20, ReleaseKeys: []ed25519.PublicKey{releasePub}, Hook: func(step string) {
			if step == parts[2] {
				os.Stdout.WriteString("at " + step + "\n")
				time.Sleep(time.Hour) // killed here
			}
		}}
		rel, err := u.Stage(context.Background(), plan(parts[1]+"/kiosk-1.1", newBinary))
		if err == nil {
			err = u.Switch("cid-k", "1.1", rel, time.Minute)
		}
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(2)
		}
		os.Stdout.WriteString("at done\n")
		time.Sleep(time.Hour)
	}
	os.Exit(m.Run())
}

func TestKilledAtEveryStepLeavesAKioskThatBoots(t *testing.T) {
	url := serve(t, newBinary)
	exe, _ := os.Executable()
	for _, step := range []string{"downloaded", "staged", "recorded", "switched", "done"} {
		t.Run(step, func(t *testing.T) {
			dir := install(t)
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"="+dir+"|"+url+"|"+step)
			out, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(out).ReadString('\n')
			if strings.TrimSpace(line) != "at "+step {
				t.Fatalf("child said %q", line)
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			// The machine restarts the kiosk: the guard runs, then the kiosk.
			u := &update.Updater{Dir: dir, MaxStarts: 3}
			if _, err := u.Guard(); err != nil {
				t.Fatal(err)
			}
			got := runs(t, dir)
			want := "old"
			if step == "switched" || step == "done" {
				want = "new" // on trial: it must still prove healthy
			}
			if got != want {
				t.Fatalf("after a kill at %s the kiosk runs %s, want %s", step, got, want)
			}
			st, _ := u.Pending()
			if want == "new" && (st == nil || st.State != update.StateTrial) {
				t.Fatalf("on trial without a trial record: %+v", st)
			}
			if want == "old" && st != nil && st.State == update.StateTrial {
				t.Fatalf("a trial record left behind: %+v", st)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "releases", "*.part")); len(m) > 0 && want == "old" {
				// a partial download may remain after a kill; it is never run
				if runs(t, dir) != "old" {
					t.Fatal("a partial download runs")
				}
			}
		})
	}
}

// TestUnsignedReleaseRefused is the attack with the operations key alone:
// an update command, validly signed, names a file and its sha256, but the
// release key did not sign it (no signature, a signature by another key,
// the signature of another file or of another version). Nothing is
// staged and what runs is unchanged; with no release key trusted at all,
// nothing can be installed.
func TestUnsignedReleaseRefused(t *testing.T) {
	dir := install(t)
	evil := []byte("#!/bin/sh\necho evil\n")
	url := serve(t, evil)
	ctx := context.Background()
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	good := plan(url+"/kiosk-1.1", evil) // signed by the release key: the check
	sum := good.SHA256
	otherFile := sha256.Sum256(newBinary)
	for name, tc := range map[string]struct {
		sig  string
		keys []ed25519.PublicKey
	}{
		"no signature":    {"", []ed25519.PublicKey{releasePub}},
		"another key":     {update.SignRelease(otherKey, "1.1", sum), []ed25519.PublicKey{releasePub}},
		"another file":    {update.SignRelease(releaseKey, "1.1", hex.EncodeToString(otherFile[:])), []ed25519.PublicKey{releasePub}},
		"another version": {update.SignRelease(releaseKey, "1.0", sum), []ed25519.PublicKey{releasePub}},
		"garbage":         {"bm90IGEgc2lnbmF0dXJl", []ed25519.PublicKey{releasePub}},
		"no release key":  {good.ReleaseSig, nil},
	} {
		t.Run(name, func(t *testing.T) {
			u := &update.Updater{Dir: dir, MaxBytes: 1 << 20, ReleaseKeys: tc.keys}
			p := good
			p.ReleaseSig = tc.sig
			if _, err := u.Stage(ctx, p); !errors.Is(err, update.ErrUnsigned) {
				t.Fatalf("staged or refused for another reason: %v", err)
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "releases")); len(entries) != 1 {
				t.Fatalf("left %d files in releases", len(entries))
			}
		})
	}
	if runs(t, dir) != "old" {
		t.Fatal("a refused release changed what runs")
	}
	u := &update.Updater{Dir: dir, MaxBytes: 1 << 20, ReleaseKeys: []ed25519.PublicKey{releasePub}}
	if _, err := u.Stage(ctx, good); err != nil {
		t.Fatalf("the signed release: %v", err)
	}
}
