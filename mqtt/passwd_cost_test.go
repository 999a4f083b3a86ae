package mqtt_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"opinionwall/mqtt"
)

// TestOpsPasswordHasARealCost: the ops password (chosen by a person) is
// hashed with HumanIterations rounds, not mosquitto_passwd's 101, and a
// hash of the old cost still verifies.
func TestOpsPasswordHasARealCost(t *testing.T) {
	var c mqtt.Credentials
	if err := c.Set(mqtt.UserOps, "correct horse"); err != nil {
		t.Fatal(err)
	}
	line := string(c.Bytes())
	if !strings.Contains(line, "$7$100000$") {
		t.Fatalf("ops hash %q: want $7$%d$", line, mqtt.HumanIterations)
	}
	var fresh mqtt.Credentials
	fresh.SetCost("x", "pw", 101)
	if !strings.Contains(string(fresh.Bytes()), "$7$101$") {
		t.Fatalf("cost 101: %q", fresh.Bytes())
	}
	if got, _ := mqtt.ParseCredentials(fresh.Bytes()); !got.Check("x", "pw") {
		t.Error("a 101-round hash no longer verifies")
	}
}

// TestRewriteKeepsThePasswordFileReadableByTheService: root rewrites the
// password file (kioskctl provision) that belongs to the service user; the
// atomic rewrite used to leave a root-owned 0600 file the hub could not read.
func TestRewriteKeepsThePasswordFileReadableByTheService(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the file another owner")
	}
	path := filepath.Join(t.TempDir(), "passwd")
	var c mqtt.Credentials
	c.Set("wall-01", "pw")
	if err := c.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("a new password file is %v, want 0600", fi.Mode().Perm())
	}
	os.Chown(path, 4321, 4322)
	os.Chmod(path, 0o644) // others' bits are dropped on the rewrite
	c.Set("wall-02", "pw")
	if err := c.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 4321 || st.Gid != 4322 || fi.Mode().Perm() != 0o640 {
		t.Errorf("after the rewrite: uid %d gid %d mode %v, want 4321 4322 0640", st.Uid, st.Gid, fi.Mode().Perm())
	}
}
