package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

const crashChildEnv = "OW_CRASH_CHILD_DB"

// TestMain lets the test binary act as the child process of the crash test.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path)
		return
	}
	os.Exit(m.Run())
}

// crashChild submits in a loop, like a kiosk with an endless queue of
// residents, and also claims, acks and requeues like the relay. After each
// Submit returns it prints "seq id" on stdout: the parent only counts what
// it was told was stored.
func crashChild(path string) {
	ctx := context.Background()
	db := sqlite.NewDB(path)
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	db.Tickets = codec
	if err := db.Open(); err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		s := newSubmission(time.Now(), "意见 "+strconv.Itoa(i))
		if err := db.Submit(ctx, s); err != nil {
			fmt.Fprintln(os.Stderr, "child submit:", err)
			os.Exit(3)
		}
		fmt.Fprintf(out, "%d %s\n", s.Seq, s.ID)
		out.Flush()
		switch i % 7 {
		case 3:
			batch, err := db.Claim(ctx, 5)
			if err != nil {
				fmt.Fprintln(os.Stderr, "child claim:", err)
				os.Exit(4)
			}
			var ids []string
			for j, b := range batch {
				if j%2 == 0 {
					ids = append(ids, b.ID)
				}
			}
			if _, err := db.Ack(ctx, ids); err != nil {
				fmt.Fprintln(os.Stderr, "child ack:", err)
				os.Exit(5)
			}
		case 6:
			if _, err := db.Requeue(ctx, 0); err != nil {
				fmt.Fprintln(os.Stderr, "child requeue:", err)
				os.Exit(6)
			}
		}
	}
}

func TestCrashLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	path := filepath.Join(t.TempDir(), "kiosk.db")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	reported := map[int64]string{}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	const kills = 25
	for round := 0; round < kills; round++ {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it run a random while (including while it is still opening),
		// then kill it without warning.
		time.Sleep(time.Duration(5+rng.IntN(300)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		for line := range lines {
			var seq int64
			var id string
			if _, err := fmt.Sscanf(line, "%d %s", &seq, &id); err != nil {
				t.Fatalf("child said %q", line)
			}
			if prev, ok := reported[seq]; ok && prev != id {
				t.Fatalf("seq %d reused: %s then %s", seq, prev, id)
			}
			reported[seq] = id
		}
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: child ended by itself: %v; stderr: %s", round, err, stderr.String())
		}
	}
	// A child under -race on a loaded machine may be killed before its
	// first submission in some rounds; in half of them it must have stored
	// something, or the test tested nothing.
	if len(reported) < kills/2 {
		t.Fatalf("only %d submissions in %d rounds: the child barely ran", len(reported), kills)
	}
	t.Logf("%d kills, %d submissions reported stored", kills, len(reported))

	// Every submission whose Submit returned is there, under its seq.
	db := MustOpenDB(t, path, nil)
	ctx := context.Background()
	for seq, id := range reported {
		got, err := db.Submission(ctx, seq)
		if err != nil {
			t.Fatalf("seq %d (%s) lost after a crash: %v", seq, id, err)
		}
		if got.ID != id {
			t.Fatalf("seq %d is %s, want %s", seq, got.ID, id)
		}
	}
	checkConsistent(t, path)
}

// checkConsistent looks at the file with plain SQL: one outbox row for each
// submission and no other, seqs without holes, the counter at the last seq,
// acked rows with an ack time.
func checkConsistent(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var subs, outbox, orphans, missing, maxSeq, counter, badAcks, badStates int64
	err = raw.QueryRow(`SELECT
		(SELECT count(*) FROM submissions),
		(SELECT count(*) FROM outbox),
		(SELECT count(*) FROM outbox WHERE seq NOT IN (SELECT seq FROM submissions)),
		(SELECT count(*) FROM submissions WHERE seq NOT IN (SELECT seq FROM outbox)),
		(SELECT coalesce(max(seq), 0) FROM submissions),
		(SELECT value FROM sequence),
		(SELECT count(*) FROM outbox WHERE (state = 'acked') != (acked_at IS NOT NULL)),
		(SELECT count(*) FROM outbox WHERE state != 'pending' AND attempts = 0)`).
		Scan(&subs, &outbox, &orphans, &missing, &maxSeq, &counter, &badAcks, &badStates)
	if err != nil {
		t.Fatal(err)
	}
	if subs != outbox || orphans != 0 || missing != 0 {
		t.Errorf("%d submissions, %d outbox rows, %d orphan rows, %d without a row", subs, outbox, orphans, missing)
	}
	if maxSeq != subs || counter != maxSeq {
		t.Errorf("seqs have holes or the counter is off: %d rows, max seq %d, counter %d", subs, maxSeq, counter)
	}
	if badAcks != 0 || badStates != 0 {
		t.Errorf("%d acked rows without an ack time (or the reverse), %d claimed rows with no attempt", badAcks, badStates)
	}
	var ic string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ic); err != nil || ic != "ok" {
		t.Errorf("integrity_check: %q %v", ic, err)
	}
}
