package sqlite_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"opinionwall/hub"
	"opinionwall/hub/sqlite"
)

// TestStoreOnlyTheServiceOpens is the volunteer at the station PC who
// opens hub.db with sqlite3 (or cat): the store the hub makes is 0600 in
// a 0700 directory, with its -wal and -shm files; a directory and file
// left by the old layout (0770 for a desktop group, 0660) are tightened
// at Open. A process of another user, in the directory's group, then
// cannot read the file (run as nobody:nogroup; needs root).
func TestStoreOnlyTheServiceOpens(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} { // t.TempDir's are 0700: let others reach the data directory
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(base, "data")
	// The old layout: a group-writable directory and database, a desktop user in the group.
	if err := os.Mkdir(data, 0o770); err != nil {
		t.Fatal(err)
	}
	os.Chmod(data, 0o770)
	path := filepath.Join(data, "hub.db")
	if err := os.WriteFile(path, nil, 0o660); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o666)
	const nobody, nogroup = 65534, 65534
	if os.Geteuid() == 0 {
		if err := os.Chown(data, 0, nogroup); err != nil {
			t.Fatal(err)
		}
		os.Chown(path, 0, nogroup)
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	w.PINHash, _ = hub.HashPIN("246813")
	if err := db.PutWorker(ctx, w); err != nil { // the WAL and its index exist now
		t.Fatal(err)
	}
	if fi, err := os.Stat(data); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("data directory: %v %v, want 0700", fi.Mode().Perm(), err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want 0600", filepath.Base(p), fi.Mode().Perm(), err)
		}
	}
	fresh := filepath.Join(base, "fresh", "hub.db")
	db2 := sqlite.NewDB(fresh)
	if err := db2.Open(); err != nil {
		t.Fatal(err)
	}
	db2.Close()
	for p, want := range map[string]os.FileMode{filepath.Dir(fresh): 0o700, fresh: 0o600} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
			t.Errorf("a new store's %s: %v %v, want %v", p, fi.Mode().Perm(), err, want)
		}
	}

	if os.Geteuid() != 0 {
		t.Skip("reading as another user needs root")
	}
	for _, p := range []string{path, path + "-wal"} {
		cmd := exec.Command("cat", p)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nogroup, Groups: []uint32{nogroup}}}
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "Permission denied") {
			t.Errorf("another user in the directory's group read %s: %v, %d bytes", filepath.Base(p), err, len(out))
		}
	}
}
