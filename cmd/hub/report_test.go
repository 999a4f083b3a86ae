package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReportCommand: on a seeded store, `hub report` writes the month's
// page (A4 at 150 dpi) and workbook; `hub targets` sets a class's targets
// and refuses a first reply after closing.
func TestReportCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "hub")
	if err := seedCmd(ctx, []string{"-data", data, "-n", "300", "-days", "40"}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	month := time.Now().Format("2006-01")
	var out bytes.Buffer
	if err := reportCmd(ctx, []string{"-data", data, "-month", month, "-o", filepath.Join(dir, "r.png")}, &out); err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(out.String()); len(got) != 2 || !strings.HasSuffix(got[1], "r.xlsx") {
		t.Fatalf("files %q", got)
	}
	f, err := os.Open(filepath.Join(dir, "r.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != 1240 || img.Bounds().Dy() != 1754 {
		t.Fatalf("page %v, %v", img.Bounds(), err)
	}
	if st, err := os.Stat(filepath.Join(dir, "r.xlsx")); err != nil || st.Size() == 0 {
		t.Fatalf("workbook %v", err)
	}
	for _, name := range []string{"r.png", "r.xlsx"} {
		if st, _ := os.Stat(filepath.Join(dir, name)); st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v: the report quotes residents, 0600", name, st.Mode().Perm())
		}
	}
	if err := reportCmd(ctx, []string{"-data", data, "-month", "November"}, &out); err == nil {
		t.Fatal("a month written as a word was accepted")
	}

	out.Reset()
	if err := targetsCmd(ctx, []string{"-data", data, "-class", "small", "-reply", "2", "-close", "5"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "small    first reply   2 days   close   5 days") {
		t.Fatalf("targets:\n%s", out.String())
	}
	if err := targetsCmd(ctx, []string{"-data", data, "-class", "small", "-reply", "9", "-close", "5"}, &out); err == nil {
		t.Fatal("a first reply after closing was accepted")
	}
}
