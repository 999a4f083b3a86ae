package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"opinionwall/kiosk/update"
	"opinionwall/mqtt"
)

// TestReleaseKeyAndSignature: release-key init makes the pair, and
// sign-release writes FILE.sig that the kiosk's check accepts for that
// file and version only; update without a signature stops before it sends.
func TestReleaseKeyAndSignature(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out strings.Builder
	if err := dispatch(ctx, []string{"release-key", "init", "-dir", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, "release.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("release.key: %v", err)
	}
	trust, err := mqtt.LoadTrust(filepath.Join(dir, "release.pub"))
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "kiosk-arm64")
	os.WriteFile(bin, []byte("a kiosk binary"), 0o755)
	if err := dispatch(ctx, []string{"sign-release", bin, "-version", "1.2.0", "-key", filepath.Join(dir, "release.key")}, &out); err != nil {
		t.Fatal(err)
	}
	sig, err := os.ReadFile(bin + ".sig")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("a kiosk binary"))
	keys := trust.Keys(mqtt.RoleRelease)
	if err := update.VerifyRelease(keys, "1.2.0", hex.EncodeToString(sum[:]), string(sig)); err != nil {
		t.Errorf("the signature does not verify: %v", err)
	}
	if err := update.VerifyRelease(keys, "1.2.1", hex.EncodeToString(sum[:]), string(sig)); err == nil {
		t.Error("the signature verifies for another version")
	}

	os.Remove(bin + ".sig")
	err = dispatch(ctx, []string{"update", "wall-01", "-binary", bin, "-version", "1.2.0", "-releases", filepath.Join(dir, "rel")}, &out)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage || !strings.Contains(err.Error(), "sign-release") {
		t.Errorf("update without a signature: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "rel")); err == nil {
		t.Error("an unsigned release was published")
	}
}
