package update_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
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

func plan(url string, body []byte) update.Plan {
	sum := sha256.Sum256(body)
	return update.Plan{Version: "1.1", URL: url, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(body))}
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
	u := &update.Updater{Dir: dir, MaxBytes: 1 << 20}
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
			u := &update.Updater{Dir: dir, MaxBytes: 1 << 20, MaxStarts: 3, Now: func() time.Time { return now }}
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
		u := &update.Updater{Dir: parts[0], MaxBytes: 1 << 20, Hook: func(step string) {
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
