package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// TestRunThenStatus drives the real program: a configuration written by
// config-example, a scripted resident through run, then status on the
// same data directory.
func TestRunThenStatus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "kiosk.toml")
	f, err := os.Create(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := configExampleCmd(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var out strings.Builder
	if err := checkConfigCmd([]string{"-config", cfgPath}, &out); err != nil || !strings.Contains(out.String(), "ok: kiosk wall-01") {
		t.Fatalf("check-config: %v %q", err, out.String())
	}

	script := strings.Join([]string{
		"wake", "start opinion", "topic safety", "next", "next", "phrase noise", "next", "next", "submit", "done",
		"button 3", "button 3", "fly away",
	}, "\n")
	out.Reset()
	data := filepath.Join(dir, "data")
	if err := runCmd(ctx, []string{"-config", cfgPath, "-data", data, "-once", "-script", "-"}, strings.NewReader(script), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	// The opinion has a ticket code; the button press's rating needs none.
	if n := len(regexp.MustCompile(`ticket="\d{3} \d{3} \d{3}"`).FindAllString(got, -1)); n != 1 {
		t.Errorf("run showed %d ticket codes, want the opinion's:\n%s", n, got)
	}
	if !strings.Contains(got, `error: invalid: unknown action "fly"`) {
		t.Errorf("a bad line is not reported:\n%s", got)
	}

	out.Reset()
	if err := statusCmd(ctx, []string{"-data", data}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pending        2\n", "acked          0\n", "last seq       2\n", "last ack       never\n", "schema         0006_voice.sql", "ticket codes   LEGACY", "disk free      ", " MiB\n", "refused        "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
}

func TestStatusWithoutStore(t *testing.T) {
	var out strings.Builder
	err := statusCmd(context.Background(), []string{"-data", t.TempDir()}, &out)
	if err == nil || !strings.Contains(err.Error(), "no store at") {
		t.Fatalf("status of an empty directory: %v", err)
	}
}

func TestRunRefusesBadConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.toml")
	os.WriteFile(path, []byte("[kiosk]\nid = \"Bad Id\"\n"), 0o600)
	var out strings.Builder
	err := runCmd(context.Background(), []string{"-config", path, "-data", t.TempDir(), "-once", "-script", "-"}, strings.NewReader(""), &out)
	if err == nil || !strings.Contains(err.Error(), "kiosk.id:") {
		t.Fatalf("bad config: %v", err)
	}
}

func TestDispatch(t *testing.T) {
	if err := dispatch(context.Background(), []string{"frobnicate"}); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("unknown command: %v", err)
	}
}

// TestHelpExitsZero: -h asks for the usage and gets it, which is success;
// an unknown command or a bad flag is not.
func TestHelpExitsZero(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"-h"}, 0},
		{[]string{"help"}, 0},
		{[]string{"status", "-h"}, 0},
		{[]string{"check-config", "-help"}, 0},
		{[]string{"frobnicate"}, 1},
		{[]string{"status", "-no-such-flag"}, 1},
	} {
		if got := exitCode(dispatch(context.Background(), c.args)); got != c.want {
			t.Errorf("kiosk %v: exit %d, want %d", c.args, got, c.want)
		}
	}
}

func TestTelemetryFromStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfgPath := exampleConfig(t, dir)
	var out strings.Builder
	data := filepath.Join(dir, "data")
	if err := runCmd(ctx, []string{"-config", cfgPath, "-data", data, "-once", "-script", "-"}, strings.NewReader("button 4\n"), &out); err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(data, "kiosk.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tel, err := telemetry(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if tel.OutboxPending != 1 || tel.LastSeq != 1 || tel.DBBytes == 0 || tel.DiskFreeBytes == 0 || tel.OldestPendingS < 0 {
		t.Errorf("telemetry %+v", tel)
	}
}

// TestSimSocketDrivesARating: the simulated hardware's control socket acts
// as a resident at a booth: lift the handset, choose with the buttons on
// the rating step... and at the wall a button press stores a rating.
func TestSimSocketDrivesARating(t *testing.T) {
	dir := t.TempDir()
	cfgPath := exampleConfig(t, dir)
	data, sock := filepath.Join(dir, "data"), filepath.Join(dir, "sim.sock")
	ctx, cancel := context.WithCancel(context.Background())
	stdin, stdinW := io.Pipe() // a script that says nothing and stays open
	defer stdinW.Close()
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- runCmd(ctx, []string{"-config", cfgPath, "-data", data, "-script", "-", "-hardware", "sim", "-sim-socket", sock}, stdin, &out)
	}()
	var c net.Conn
	for i := 0; i < 100; i++ {
		var err error
		if c, err = net.Dial("unix", sock); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if c == nil {
		cancel()
		t.Fatalf("no control socket: %v", <-done)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	for _, line := range []string{"motion", "click rate4"} {
		fmt.Fprintln(c, line)
		if ans, _ := r.ReadString('\n'); ans != "ok\n" {
			t.Fatalf("%q: %q", line, ans)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "(press rate4)") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(data, "kiosk.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Submission(context.Background(), 1)
	if err != nil {
		t.Fatalf("no rating stored: %v\n%s", err, out.String())
	}
	if s.Kind != kiosk.KindRating || s.Body.Rating != kiosk.RatingVerySatisfied || s.Body.Channel != kiosk.ChannelButton {
		t.Errorf("stored %+v", s)
	}
}

// syncBuffer is a strings.Builder safe for the kiosk's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestHWCheckOnSimulatedHardware(t *testing.T) {
	dir := t.TempDir()
	cfgPath := exampleConfig(t, dir)
	sock := filepath.Join(dir, "sim.sock")
	// An installer who presses every button in turn.
	go func() {
		var c net.Conn
		for i := 0; i < 200 && c == nil; i++ {
			c, _ = net.Dial("unix", sock)
			time.Sleep(10 * time.Millisecond)
		}
		if c == nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		for _, line := range []string{"click rate1", "click rate2", "click rate3", "click rate4", "click help", "motion"} {
			fmt.Fprintln(c, line) // queued in order: hwcheck takes each in turn
			r.ReadString('\n')
		}
	}()
	var out strings.Builder
	err := hwcheckCmd(context.Background(), []string{"-config", cfgPath, "-hardware", "sim", "-sim-socket", sock, "-wait", "5s"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"LED rate1", "press the rating button rate4 (GPIO19", "walk in front of the motion sensor motion (GPIO20, 5s)... ok", "sensors: light 300.0 lx", "all checks passed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	// Nobody presses anything: the check says so and fails.
	out.Reset()
	err = hwcheckCmd(context.Background(), []string{"-config", cfgPath, "-hardware", "sim", "-wait", "10ms"}, &out)
	if err == nil || !strings.Contains(out.String(), "NOTHING") {
		t.Errorf("with nobody pressing: %v\n%s", err, out.String())
	}
}

func TestBrokenHardwareFallsBackToTouch(t *testing.T) {
	dir := t.TempDir()
	cfgPath := exampleConfig(t, dir)
	var out strings.Builder
	// periph on a machine without GPIO: the pins are not found.
	err := runCmd(context.Background(), []string{"-config", cfgPath, "-data", filepath.Join(dir, "data"), "-hardware", "periph", "-script", "-", "-once"},
		strings.NewReader("wake\nstart rating\n"), &out)
	if err != nil {
		t.Fatalf("the kiosk did not go on without its hardware: %v", err)
	}
	if !strings.Contains(out.String(), "step=service") {
		t.Errorf("output:\n%s", out.String())
	}
}

// exampleConfig writes the example configuration into dir and returns its path.
func exampleConfig(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "kiosk.toml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := configExampleCmd(f); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRefusedSubmissionIsLogged: a store too small for another submission
// refuses it, and the kiosk's log says so with the free space.
func TestRefusedSubmissionIsLogged(t *testing.T) {
	ctx := context.Background()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	codec, err := kiosk.NewTicketCodec(11, "wall-01")
	if err != nil {
		t.Fatal(err)
	}
	db.Tickets, db.MaxPages = codec, 64
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var logged strings.Builder
	store := notifyingStore{DB: db, log: slog.New(slog.NewTextHandler(&logged, nil))}
	var gen kiosk.UUIDGen
	for i := 0; i < 10000; i++ {
		now := time.Now()
		s := &kiosk.Submission{ID: gen.New(now), Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: now,
			Body: kiosk.Body{Topic: "sanitation", Text: strings.Repeat("满", 500), Lang: "zh", Channel: kiosk.ChannelTouch}}
		if err := store.Submit(ctx, s); err != nil {
			if kiosk.ErrorCode(err) != kiosk.EUNAVAILABLE {
				t.Fatal(err)
			}
			break
		}
	}
	if !strings.Contains(logged.String(), "submission refused") || !strings.Contains(logged.String(), "disk_free_bytes=") {
		t.Errorf("log after a refusal: %q", logged.String())
	}
}

// TestStatusOfCorruptStore: status on a store damaged on disk says so,
// with what SQLite found, instead of printing counts read from it.
func TestStatusOfCorruptStore(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"not a database", func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("garbage "), 4096), 0o600)
		}},
		// A page status does not read: it would print counts as if all were well.
		{"a page overwritten", func(t *testing.T, path string) {
			db := sqlite.NewDB(path)
			db.Tickets, _ = kiosk.NewTicketCodec(12, "wall-01")
			if err := db.Open(); err != nil {
				t.Fatal(err)
			}
			var gen kiosk.UUIDGen
			for i := range 300 {
				now := time.Now()
				s := &kiosk.Submission{ID: gen.New(now), Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: now, ClockSynced: true,
					Body: kiosk.Body{Topic: "safety", Text: strings.Repeat("路灯坏了", 20) + strconv.Itoa(i), Lang: "zh", Channel: kiosk.ChannelTouch}}
				if err := db.Submit(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			b, err := os.ReadFile(path)
			if err != nil || len(b) < 8*4096 {
				t.Fatalf("store of %d bytes: %v", len(b), err)
			}
			for i := len(b) - 2*4096; i < len(b)-4096; i++ {
				b[i] = byte(i*7 + 3)
			}
			os.WriteFile(path, b, 0o600)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			tc.damage(t, filepath.Join(data, "kiosk.db"))
			var out strings.Builder
			err := statusCmd(ctx, []string{"-data", data}, &out)
			if err == nil || !strings.Contains(out.String(), "CORRUPT") || strings.Contains(out.String(), "pending") {
				t.Fatalf("status of a corrupt store: %v\n%s", err, out.String())
			}
		})
	}
}
