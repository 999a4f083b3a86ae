package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestACLForNATS: hub acl -nats makes a user for hub, ops and each kiosk
// of the registry, by certificate; a bad registry is an error, not a file
// that lets someone in.
func TestACLForNATS(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "kiosks")
	os.WriteFile(reg, []byte("wall-02 12\n# a comment\nwall-01 11\n"), 0o600)
	var out strings.Builder
	if err := aclCmd([]string{"-nats", "-kiosks", reg}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{`{user: "CN=hub"`, `{user: "CN=ops"`, `{user: "CN=wall-01"`, `{user: "CN=wall-02"`,
		`publish: {allow: ["ow.v1.kiosk.wall-01.state", `, `"$MQTT.sub.>"`} {
		if !strings.Contains(text, want) {
			t.Errorf("no %s in:\n%s", want, text)
		}
	}
	if strings.Index(text, "wall-01") > strings.Index(text, "wall-02") {
		t.Error("kiosks not in order")
	}
	os.WriteFile(reg, []byte("Wall 01 11\n"), 0o600)
	out.Reset()
	if err := aclCmd([]string{"-nats", "-kiosks", reg}, &out); err == nil || out.Len() != 0 {
		t.Errorf("a bad registry: %v, printed %q", err, out.String())
	}
	out.Reset()
	if err := aclCmd(nil, &out); err != nil || !strings.Contains(out.String(), "pattern write ow/v1/kiosk/%u/up") {
		t.Errorf("mosquitto's acl: %v %q", err, out.String())
	}
}
