package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/ledger"
	hubsqlite "opinionwall/hub/sqlite"
)

func openHubDB(data, dbURL string) (*hubsqlite.DB, error) {
	path := storePath(data, dbURL)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && dbURL == "" {
		return nil, fmt.Errorf("no hub store at %s", path)
	}
	db := hubsqlite.NewDB(path)
	return db, db.Open()
}

// exportColumns are the CSV columns, one row per submission; the last
// two only in an export with contact details.
var exportColumns = []string{"id", "kiosk", "seq", "ticket", "kind", "created_at", "clock_synced", "received_at",
	"topic", "street", "building", "phrases", "text", "rating", "reasons", "poll", "option",
	"lang", "channel", "flags", "in_stats", "contact_name", "contact_phone"}

// contactColumns is how many of exportColumns' last columns are contact details.
const contactColumns = 2

// exportCmd is `hub export`: every submission, without contact details and
// with phone and room numbers masked in the text, unless a lead asks for
// them (-contacts -worker ID, PIN on standard input); such an export is
// audited. The file is the owner's only (0600).
func exportCmd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	format := fl.String("format", "csv", "csv or json")
	outPath := fl.String("o", "-", "output file (- for standard output); made 0600")
	contacts := fl.Bool("contacts", false, "include contact details and unmasked text: a lead only, with -worker (PIN on standard input); audited")
	worker := fl.String("worker", "", "with -contacts: the lead's worker id")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("-format must be csv or json, not %q", *format)
	}
	if *contacts && *worker == "" {
		return errors.New("export: -contacts needs -worker ID (a lead; PIN on standard input)")
	}
	db, err := openHubDB(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var lead hub.Worker
	if *contacts {
		if lead, err = exportLead(ctx, *data, db, *worker, stdin); err != nil {
			return err
		}
	}
	rows, err := writeExport(ctx, db, *outPath, *format, *contacts, stdout)
	if err != nil || !*contacts {
		return err
	}
	return db.Audit(ctx, hub.ExportAudit(lead, time.Now(), rows, *outPath))
}

// exportLead signs the worker in with the PIN on stdin and checks they may
// export contact details.
func exportLead(ctx context.Context, data string, db *hubsqlite.DB, id string, stdin io.Reader) (hub.Worker, error) {
	pin, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return hub.Worker{}, err
	}
	d, err := newDesk(data, db)
	if err != nil {
		return hub.Worker{}, err
	}
	w, err := d.desk.Login(ctx, id, strings.TrimSpace(pin))
	if err != nil {
		return hub.Worker{}, fmt.Errorf("export: %w", err)
	}
	if err := w.MayExportContacts(); err != nil {
		return hub.Worker{}, fmt.Errorf("export: %w", err)
	}
	return w, nil
}

// writeExport writes the export to path (or stdout for "-") and returns
// how many submissions it holds.
func writeExport(ctx context.Context, db *hubsqlite.DB, path, format string, contacts bool, stdout io.Writer) (int, error) {
	out := stdout
	var f *os.File
	if path != "-" {
		var err error
		if f, err = createPrivate(path); err != nil {
			return 0, err
		}
		out = f
	}
	rows := 0
	each := func(fn func(hub.Received) error) error {
		return db.EachSubmission(ctx, func(r hub.Received) error {
			rows++
			return fn(hub.ExportView(r, contacts))
		})
	}
	var err error
	if format == "json" {
		err = exportJSON(each, out)
	} else {
		err = exportCSV(each, contacts, out)
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	return rows, err
}

func exportCSV(each func(func(hub.Received) error) error, contacts bool, out io.Writer) error {
	// The byte order mark makes Excel read the file as UTF-8 (Chinese text).
	if _, err := io.WriteString(out, "\ufeff"); err != nil {
		return err
	}
	cols := exportColumns
	if !contacts {
		cols = cols[:len(cols)-contactColumns]
	}
	w := csv.NewWriter(out)
	w.Write(cols)
	err := each(func(r hub.Received) error {
		b := r.Body
		var street, building, name, phone string
		if b.Location != nil {
			street, building = b.Location.Street, b.Location.Building
		}
		if b.Contact != nil {
			name, phone = b.Contact.Name, b.Contact.Phone
		}
		rating := ""
		if b.Rating != 0 {
			rating = strconv.Itoa(int(b.Rating))
		}
		row := []string{r.ID, r.Kiosk, strconv.FormatInt(r.Seq, 10), r.Ticket, string(r.Kind),
			r.CreatedAt.Format(time.RFC3339), strconv.FormatBool(r.ClockSynced), r.ReceivedAt.Format(time.RFC3339),
			b.Topic, street, building, strings.Join(b.Phrases, ";"), b.Text, rating, strings.Join(b.Reasons, ";"),
			b.PollID, b.Option, b.Lang, string(b.Channel), strings.Join(b.Flags, ";"),
			strconv.FormatBool(r.CountsInStats()), name, phone}
		row = row[:len(cols)]
		for i := range row {
			row[i] = ledger.Defuse(row[i]) // a spreadsheet reads none of it as a formula
		}
		return w.Write(row)
	})
	if err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

// exportRecord is one submission in the JSON export.
type exportRecord struct {
	hub.Received
	InStats bool `json:"in_stats"`
}

func exportJSON(each func(func(hub.Received) error) error, out io.Writer) error {
	if _, err := io.WriteString(out, "[\n"); err != nil {
		return err
	}
	first := true
	err := each(func(r hub.Received) error {
		b, err := json.Marshal(exportRecord{Received: r, InStats: r.CountsInStats()})
		if err != nil {
			return err
		}
		if !first {
			io.WriteString(out, ",\n")
		}
		first = false
		_, err = out.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(out, "\n]\n")
	return err
}

// createPrivate creates path for writing, readable by its owner only
// (0600): exports, ledgers and reports carry what residents wrote. A file
// left at that name is removed first, so its mode cannot carry over.
func createPrivate(path string) (*os.File, error) {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

func fleetCmd(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("fleet", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	asJSON := fl.Bool("json", false, "print JSON for scripts (with each kiosk's alerts)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := openHubDB(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	kiosks, err := db.Kiosks(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	if *asJSON {
		type row struct {
			hub.Kiosk
			Alerts []hub.Alert `json:"alerts"`
		}
		rows := make([]row, 0, len(kiosks))
		for _, k := range kiosks {
			a := hub.Alerts(k, now)
			if a == nil {
				a = []hub.Alert{} // [] rather than null for scripts
			}
			rows = append(rows, row{k, a})
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	fmt.Fprintf(out, "%-16s %-8s %-20s %8s %8s %6s  %s\n", "KIOSK", "STATE", "LAST SEEN", "LAST SEQ", "RECEIVED", "GAPS", "ALERTS")
	var details []string
	for _, k := range kiosks {
		seen := "-"
		if !k.LastSeen.IsZero() {
			seen = k.LastSeen.Local().Format(time.DateTime)
		}
		var codes []string
		for _, a := range hub.Alerts(k, now) {
			codes = append(codes, a.Code)
			details = append(details, fmt.Sprintf("%s %s: %s", k.ID, a.Code, a.Detail))
		}
		alerts := "-"
		if len(codes) > 0 {
			alerts = strings.Join(codes, ",")
		}
		fmt.Fprintf(out, "%-16s %-8s %-20s %8d %8d %6d  %s\n", k.ID, k.State, seen, k.LastSeq, k.Received, len(k.Gaps), alerts)
	}
	if len(details) > 0 {
		fmt.Fprintln(out)
		for _, d := range details {
			fmt.Fprintln(out, d)
		}
	}
	return nil
}

// backupCmd writes a consistent copy of the hub's store while the hub runs.
func backupCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	outPath := fl.String("o", "", "the backup file (replaced atomically if it exists)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *outPath == "" {
		return errors.New("backup: -o FILE is required")
	}
	db, err := openHubDB(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *outPath); err != nil {
		return err
	}
	st, err := os.Stat(*outPath)
	if err != nil {
		return err
	}
	rows, _, err := db.Count(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "backup: %s, %d bytes, %d submissions at the time of the backup or more\n", *outPath, st.Size(), rows)
	return err
}
