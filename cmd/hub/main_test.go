package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

func TestKeygenAndPasswd(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	if _, err := mqtt.LoadPrivateKey(filepath.Join(dir, "hub.key")); err != nil {
		t.Fatal(err)
	}
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err == nil {
		t.Error("keygen overwrote a key")
	}
	pw := filepath.Join(dir, "passwd")
	for _, u := range []string{"wall-01", "booth-02", "wall-01"} {
		if err := passwdCmd([]string{"-file", pw, u}, strings.NewReader("secret-"+u+"\n"), &out); err != nil {
			t.Fatal(err)
		}
	}
	if err := passwdCmd([]string{"-file", pw, "wall-03"}, strings.NewReader("short\n"), &out); err == nil {
		t.Error("a short password was accepted")
	}
	c, err := mqtt.LoadCredentials(pw)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Users()) != 2 || !c.Check("booth-02", "secret-booth-02") {
		t.Errorf("users %v", c.Users())
	}
	if fi, _ := os.Stat(pw); fi.Mode().Perm() != 0o600 {
		t.Errorf("password file mode %v", fi.Mode())
	}
}

func seedHub(t *testing.T) string {
	data := t.TempDir()
	db := hubsqlite.NewDB(filepath.Join(data, "hub.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var g kiosk.UUIDGen
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	subs := []hub.Received{
		{ReceivedAt: now, Submission: kiosk.Submission{ID: g.New(now), Kiosk: "wall-01", Seq: 1, Kind: kiosk.KindOpinion, Ticket: codec.Code(1), CreatedAt: now,
			Body: kiosk.Body{Topic: "sanitation", Text: "垃圾站, \"很臭\"\n第二行", Location: &kiosk.Location{Street: "大和路", Building: "3栋"}, Lang: "zh", Channel: kiosk.ChannelTouch}}},
		{ReceivedAt: now, Submission: kiosk.Submission{ID: g.New(now), Kiosk: "wall-01", Seq: 2, Kind: kiosk.KindRating, Ticket: codec.Code(2), CreatedAt: now,
			Body: kiosk.Body{Topic: "station", Rating: 4, Lang: "zh", Channel: kiosk.ChannelButton, Flags: []string{kiosk.FlagProbablePlay}}}},
	}
	if err := db.Apply(context.Background(), hub.Batch{Submissions: subs}); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestExportCSV(t *testing.T) {
	data := seedHub(t)
	var out bytes.Buffer
	if err := exportCmd(context.Background(), []string{"-data", data, "-format", "csv"}, nil, &out); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 byte order mark: Excel would garble the Chinese")
	}
	rows, err := csv.NewReader(bytes.NewReader(out.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || len(rows[0]) != len(exportColumns)-contactColumns {
		t.Fatalf("%d rows", len(rows))
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	if got := rows[1][col["text"]]; got != "垃圾站, \"很臭\"\n第二行" {
		t.Errorf("text read back as %q", got)
	}
	if rows[1][col["building"]] != "3栋" || rows[2][col["rating"]] != "4" || rows[2][col["in_stats"]] != "false" {
		t.Errorf("rows %v", rows[1:])
	}
}

func TestExportJSON(t *testing.T) {
	data := seedHub(t)
	var out bytes.Buffer
	if err := exportCmd(context.Background(), []string{"-data", data, "-format", "json"}, nil, &out); err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &recs); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if len(recs) != 2 || recs[0]["kiosk"] != "wall-01" || recs[1]["in_stats"] != false || recs[0]["received_at"] == nil {
		t.Errorf("records %v", recs)
	}
	for _, r := range recs {
		if _, twice := r["ReceivedAt"]; twice {
			t.Errorf("a record has both received_at and ReceivedAt: %v", r)
		}
	}
	if err := exportCmd(context.Background(), []string{"-data", data, "-format", "xml"}, nil, &out); err == nil {
		t.Error("format xml accepted")
	}
	if err := exportCmd(context.Background(), []string{"-data", t.TempDir()}, nil, &out); err == nil || !strings.Contains(err.Error(), "no hub store") {
		t.Errorf("empty data dir: %v", err)
	}
}

func TestFleet(t *testing.T) {
	data := seedHub(t)
	var out strings.Builder
	if err := fleetCmd(context.Background(), []string{"-data", data}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wall-01") || !strings.Contains(out.String(), "       2        2") || !strings.Contains(out.String(), "ALERTS") {
		t.Errorf("fleet:\n%s", out.String())
	}
	var js strings.Builder
	if err := fleetCmd(context.Background(), []string{"-data", data, "-json"}, &js); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		ID     string
		Alerts []struct{ Code, Detail string }
	}
	if err := json.Unmarshal([]byte(js.String()), &rows); err != nil || len(rows) != 1 || rows[0].ID != "wall-01" || rows[0].Alerts == nil {
		t.Errorf("fleet -json (%v):\n%s", err, js.String())
	}
}

func TestLoopback(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"any IPv6", "[::]:1883", "127.0.0.1:1883"},
		{"any IPv4", "0.0.0.0:1883", "127.0.0.1:1883"},
		{"a host", "127.0.0.1:5", "127.0.0.1:5"},
		{"no host", ":1883", "127.0.0.1:1883"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := loopback(c.in); got != c.want {
				t.Errorf("loopback(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestBackupAndRestore backs up, restores as docs/OPERATIONS.md says (the
// backup copied to hub.db in an empty data directory) and compares exports.
func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	data := seedHub(t)
	file := filepath.Join(t.TempDir(), "hub-2026-11-29.db")
	var out strings.Builder
	if err := backupCmd(ctx, []string{"-data", data, "-o", file}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2 submissions") {
		t.Errorf("backup said %q", out.String())
	}
	restored := t.TempDir()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(restored, "hub.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	var want, got bytes.Buffer
	if err := exportCmd(ctx, []string{"-data", data, "-format", "json"}, nil, &want); err != nil {
		t.Fatal(err)
	}
	if err := exportCmd(ctx, []string{"-data", restored, "-format", "json"}, nil, &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() || !strings.Contains(got.String(), "wall-01") {
		t.Errorf("restored export differs:\n%s\nwant\n%s", got.String(), want.String())
	}
	if err := backupCmd(ctx, []string{"-data", data}, &out); err == nil {
		t.Error("backup without -o accepted")
	}
}
