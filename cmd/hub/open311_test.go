package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAPIKeyAndUpstreamCommands: the administrator's commands add, list
// and revoke partners' keys and configure upstream bodies; no secret is
// listed.
func TestAPIKeyAndUpstreamCommands(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "hub")
	var out strings.Builder
	if err := apikeyCmd(ctx, []string{"add", "-data", data, "-id", "hotline", "-name", "12345热线", "-number", "98"}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	secret := lines[len(lines)-1]
	if !strings.HasPrefix(secret, "hotline.") || len(secret) < 30 {
		t.Fatalf("key %q", secret)
	}
	for _, bad := range [][]string{
		{"add", "-data", data, "-id", "hotline", "-name", "again", "-number", "97"},
		{"add", "-data", data, "-id", "other", "-name", "same number", "-number", "98"},
		{"add", "-data", data, "-id", "x", "-name", "no number"},
		{"revoke", "-data", data, "-id", "nobody"},
	} {
		if err := apikeyCmd(ctx, bad, &out); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
	out.Reset()
	if err := apikeyCmd(ctx, []string{"revoke", "-data", data, "-id", "hotline"}, &out); err != nil {
		t.Fatal(err)
	}
	if err := apikeyCmd(ctx, []string{"list", "-data", data}, &out); err != nil {
		t.Fatal(err)
	}
	_, sec, _ := strings.Cut(secret, ".")
	if l := out.String(); !strings.Contains(l, "hotline") || !strings.Contains(l, "12345热线") || strings.Contains(l, sec) || strings.Count(l, time.Now().Format("2006-01-02")) != 2 || strings.Count(l, "\n") != 2 {
		t.Errorf("list:\n%s", l)
	}

	up := []string{"add", "-data", data, "-body", "街道安监办", "-url", "https://open311.example/v2/", "-jurisdiction", "longhua"}
	if err := upstreamCmd(ctx, up, strings.NewReader("their-key\n"), &out); err != nil {
		t.Fatal(err)
	}
	if err := upstreamCmd(ctx, []string{"add", "-data", data, "-body", "区住建局", "-url", "ftp://x/"}, strings.NewReader("k\n"), &out); err == nil {
		t.Error("an ftp URL was accepted")
	}
	out.Reset()
	if err := upstreamCmd(ctx, []string{"list", "-data", data}, nil, &out); err != nil {
		t.Fatal(err)
	}
	if l := out.String(); !strings.Contains(l, "街道安监办") || !strings.Contains(l, "https://open311.example/v2/") || strings.Contains(l, "their-key") {
		t.Errorf("upstream list:\n%s", l)
	}
	if err := upstreamCmd(ctx, []string{"remove", "-data", data, "-body", "街道安监办"}, nil, &out); err != nil {
		t.Fatal(err)
	}
	if err := upstreamCmd(ctx, []string{"remove", "-data", data, "-body", "街道安监办"}, nil, &out); err == nil {
		t.Error("removed twice")
	}
}
