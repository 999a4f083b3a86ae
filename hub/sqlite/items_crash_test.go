package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/sqlite"
)

const itemCrashEnv = "OW_ITEM_CRASH_CHILD_DB"

// itemCrashChild makes items from pairs of opinions in a loop, as a
// worker at the station would, and prints each item's id once CreateItem
// returns: the parent only counts what it was told was stored.
func itemCrashChild(path string) {
	ctx := context.Background()
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(2)
	}
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	d := &hub.Desk{Store: db, Checklist: cl, Now: time.Now, Delib: db}
	w := hub.Worker{ID: "wang", Role: hub.RoleWorker}
	out := bufio.NewWriter(os.Stdout)
	// Carry on after the seqs (so the ticket codes) of the run before: the
	// hub refuses a code issued again for another submission.
	start := int64(1)
	if ks, err := db.Kiosks(ctx); err == nil && len(ks) > 0 {
		start = ks[0].LastSeq + 1
	}
	for seq := start; ; seq += 2 {
		at := time.Now()
		a, b := opinion("wall-01", seq, at, "infrastructure", "", "电梯"), opinion("wall-01", seq+1, at, "infrastructure", "", "加装电梯")
		if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{a, b}}); err != nil {
			fmt.Fprintln(os.Stderr, "child apply:", err)
			os.Exit(3)
		}
		it, err := d.CreateItem(ctx, w, hub.ItemDraft{Title: fmt.Sprintf("事项 %d", seq), Cases: []string{a.ID, b.ID}, Photo: []byte("\xff\xd8\xffjpeg")})
		if err != nil {
			fmt.Fprintln(os.Stderr, "child item:", err)
			os.Exit(4)
		}
		fmt.Fprintln(out, it.ID)
		out.Flush()
	}
}

// TestItemsSurviveKill: a process making items is killed (SIGKILL) at a
// random moment, again and again; after each kill every item it reported
// is stored, and every stored item has all its opinions linked with their
// ticket updates queued and its audit record: an item and its cases are
// saved together or not at all.
func TestItemsSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	path := storePath(t)
	reported := map[string]bool{}
	for round := 0; round < 5; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), itemCrashEnv+"="+path)
		stdout, _ := cmd.StdoutPipe()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Kill after a few items, mid-way through the next.
		want := 3 + round*2
		for n := 0; n < want; n++ {
			id, ok := <-lines
			if !ok {
				t.Fatalf("child ended: %s", stderr.String())
			}
			reported[id] = true
		}
		time.Sleep(time.Duration(round) * 3 * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for id := range lines {
			reported[id] = true
		}
		cmd.Wait()
		checkItems(t, path, reported)
	}
}

func checkItems(t *testing.T, path string, reported map[string]bool) {
	t.Helper()
	ctx := context.Background()
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	items, err := db.Items(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, it := range items {
		stored[it.ID] = true
		cases, err := db.ItemCases(ctx, it.ID)
		if err != nil || len(cases) != 2 || len(it.Cases) != 2 {
			t.Fatalf("item %s: %d cases linked, %d listed (%v)", it.ID, len(cases), len(it.Cases), err)
		}
		if hist, _ := db.History(ctx, it.AuditID()); len(hist) != 1 {
			t.Fatalf("item %s: audit %+v", it.ID, hist)
		}
		if _, err := db.Photo(ctx, it.Photo); err != nil {
			t.Fatalf("item %s: photo: %v", it.ID, err)
		}
	}
	for id := range reported {
		if !stored[id] {
			t.Fatalf("item %s was reported stored and is lost", id)
		}
	}
	pending, _ := db.PendingTickets(ctx, 100000)
	if len(pending) != 2*len(items) {
		t.Fatalf("%d ticket updates queued for %d items", len(pending), len(items))
	}
	for _, p := range pending {
		if p.Update.Item == nil {
			t.Fatalf("ticket update without its item: %+v", p.Update)
		}
	}
}
