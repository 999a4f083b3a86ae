package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
)

func openHubDB(data string) (*hubsqlite.DB, error) {
	path := filepath.Join(data, "hub.db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no hub store at %s", path)
	}
	db := hubsqlite.NewDB(path)
	return db, db.Open()
}

// exportColumns are the CSV columns, one row per submission.
var exportColumns = []string{"id", "kiosk", "seq", "ticket", "kind", "created_at", "clock_synced", "received_at",
	"topic", "street", "building", "phrases", "text", "rating", "reasons", "poll", "option",
	"contact_name", "contact_phone", "lang", "channel", "flags", "in_stats"}

func exportCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	format := fl.String("format", "csv", "csv or json")
	outPath := fl.String("o", "-", "output file (- for standard output)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("-format must be csv or json, not %q", *format)
	}
	db, err := openHubDB(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	out := stdout
	if *outPath != "-" {
		f, err := os.Create(*outPath)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	if *format == "json" {
		return exportJSON(ctx, db, out)
	}
	return exportCSV(ctx, db, out)
}

func exportCSV(ctx context.Context, db *hubsqlite.DB, out io.Writer) error {
	// The byte order mark makes Excel read the file as UTF-8 (Chinese text).
	if _, err := io.WriteString(out, "\ufeff"); err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.Write(exportColumns)
	err := db.EachSubmission(ctx, func(r hub.Received) error {
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
		return w.Write([]string{r.ID, r.Kiosk, strconv.FormatInt(r.Seq, 10), r.Ticket, string(r.Kind),
			r.CreatedAt.Format(time.RFC3339), strconv.FormatBool(r.ClockSynced), r.ReceivedAt.Format(time.RFC3339),
			b.Topic, street, building, strings.Join(b.Phrases, ";"), b.Text, rating, strings.Join(b.Reasons, ";"),
			b.PollID, b.Option, name, phone, b.Lang, string(b.Channel), strings.Join(b.Flags, ";"),
			strconv.FormatBool(r.CountsInStats())})
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

func exportJSON(ctx context.Context, db *hubsqlite.DB, out io.Writer) error {
	if _, err := io.WriteString(out, "[\n"); err != nil {
		return err
	}
	first := true
	err := db.EachSubmission(ctx, func(r hub.Received) error {
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

func fleetCmd(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("fleet", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	asJSON := fl.Bool("json", false, "print JSON for scripts (with each kiosk's alerts)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := openHubDB(*data)
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
	outPath := fl.String("o", "", "the backup file (replaced atomically if it exists)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *outPath == "" {
		return errors.New("backup: -o FILE is required")
	}
	db, err := openHubDB(*data)
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
