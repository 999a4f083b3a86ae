package main

import (
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestWatchdogNotifies listens where systemd would (NOTIFY_SOCKET) and
// checks what the kiosk says: READY=1, then WATCHDOG=1 no more often than a
// third of the timeout.
func TestWatchdogNotifies(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	t.Setenv("NOTIFY_SOCKET", "")
	t.Setenv("WATCHDOG_USEC", "")
	if newWatchdog(log) != nil {
		t.Fatal("a watchdog outside systemd")
	}
	var none *watchdog
	none.Pet(time.Now()) // outside systemd: nothing, and no panic

	sock := filepath.Join(t.TempDir(), "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	t.Setenv("NOTIFY_SOCKET", sock)
	t.Setenv("WATCHDOG_USEC", "3000000") // 3 s: a ping at most every second
	t.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
	dog := newWatchdog(log)
	if dog == nil || dog.every != time.Second {
		t.Fatalf("watchdog %+v", dog)
	}
	ready(log)
	t0 := time.Now()
	for _, at := range []time.Duration{0, 300 * time.Millisecond, 900 * time.Millisecond, time.Second, 1500 * time.Millisecond, 2100 * time.Millisecond} {
		dog.Pet(t0.Add(at)) // pings at 0, 1 s and 2.1 s
	}
	var got []string
	buf := make([]byte, 256)
	for {
		conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		n, err := conn.Read(buf)
		if err != nil {
			break
		}
		got = append(got, string(buf[:n]))
	}
	want := []string{"READY=1", "WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"}
	if len(got) != len(want) {
		t.Fatalf("systemd heard %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("systemd heard %q, want %q", got, want)
		}
	}
}
