package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

// TestExportContactsOnlyForALead: `hub export` used to write every
// resident's name and phone, and the phone numbers in their text, into a
// world-readable file that Excel would run formulas from. Now contact
// details and unmasked text come out only for a lead who signs in with
// their PIN, and that export is audited; the file is 0600 even over an
// older 0644 file; a cell starting with a tab and = is not a formula.
func TestExportContactsOnlyForALead(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	db := hubsqlite.NewDB(filepath.Join(data, "hub.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	const phone = "13812345678"
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	var g kiosk.UUIDGen
	sub := hub.Received{ReceivedAt: now, Submission: kiosk.Submission{ID: g.New(now), Kiosk: "wall-01", Seq: 1, Kind: kiosk.KindOpinion,
		Ticket: codec.Code(1), CreatedAt: now, Body: kiosk.Body{Topic: "sanitation", Text: "我住502室，电话" + phone, Lang: "zh", Channel: kiosk.ChannelTouch,
			Contact: &kiosk.Contact{Name: "王秀英", Phone: phone, Consent: true}, Phrases: []string{"\t=cmd|' /C calc'!A0"}}}}
	if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{sub}}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []hub.Worker{{ID: "zhang", Name: "张丽", Role: hub.RoleLead}, {ID: "wang", Name: "王刚", Role: hub.RoleWorker}} {
		w.PINHash, _ = hub.HashPIN("246810")
		if err := db.PutWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	file := filepath.Join(t.TempDir(), "export.csv")
	export := func(pin string, args ...string) (string, error) {
		os.WriteFile(file, []byte("an older export"), 0o644)
		err := exportCmd(ctx, append([]string{"-data", data, "-o", file}, args...), strings.NewReader(pin+"\n"), &bytes.Buffer{})
		b, _ := os.ReadFile(file)
		return string(b), err
	}
	out, err := export("")
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
		t.Errorf("export file mode %v, want 0600", st.Mode().Perm())
	}
	if strings.Contains(out, phone) || strings.Contains(out, "王秀英") || strings.Contains(out, "contact_phone") || strings.Contains(out, "502室") {
		t.Errorf("a plain export carries personal data:\n%s", out)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][11] != "'\t=cmd|' /C calc'!A0" {
		t.Errorf("the phrases cell is not defused: %q %v", rows, err)
	}
	if out, _ := export("", "-format", "json"); strings.Contains(out, phone) || strings.Contains(out, `"contact"`) {
		t.Errorf("a plain JSON export carries personal data:\n%s", out)
	}
	for _, c := range []struct {
		pin  string
		args []string
		want string
	}{
		{"246810", []string{"-contacts"}, "needs -worker"},
		{"246810", []string{"-contacts", "-worker", "wang"}, "only a lead"},
		{"135790", []string{"-contacts", "-worker", "zhang"}, "PIN"},
	} {
		if _, err := export(c.pin, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
	out, err = export("246810", "-contacts", "-worker", "zhang")
	if err != nil || !strings.Contains(out, "contact_phone") || strings.Count(out, phone) != 2 {
		t.Fatalf("the lead's export: %v\n%s", err, out)
	}
	db = hubsqlite.NewDB(filepath.Join(data, "hub.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hist, _ := db.History(ctx, hub.ExportAuditID)
	if len(hist) != 1 || hist[0].Worker != "zhang" || hist[0].Action != hub.ActExportContacts || !strings.Contains(hist[0].Detail, "1 submissions") {
		t.Errorf("audit %+v", hist)
	}
}
