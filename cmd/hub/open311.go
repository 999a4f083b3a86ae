package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/open311"
	"opinionwall/kiosk"
)

// openOpen311 serves GeoReport v2 on -open311-listen and runs the
// escalations' outbox (always: it sends only to bodies `hub upstream
// add` configured).
func (m *Main) openOpen311() error {
	c := m.Config
	cat := hub.NewCatalog(kiosk.Defaults())
	esc := &open311.Escalator{Store: m.db, Catalog: cat, Poll: c.open311Poll, Log: m.Log.With("part", "escalations")}
	if err := m.open(esc); err != nil {
		return err
	}
	if c.open311Listen == "" {
		return nil
	}
	srv := &open311.Serve{Addr: c.open311Listen, Log: m.Log, Handler: m.open311Handler()}
	if err := m.open(srv); err != nil {
		return fmt.Errorf("open311: %w", err)
	}
	m.Log.Info("open311 listening", "addr", srv.ListenAddr(), "base", "http://"+loopback(srv.ListenAddr())+open311.Prefix)
	return nil
}

// open311Handler is the GeoReport v2 endpoint over the store, to serve
// under open311.Prefix (its own listener, or mounted on the web server).
func (m *Main) open311Handler() http.Handler {
	g := &hub.GeoReport{Store: m.db, Config: kiosk.Defaults(), Jurisdiction: m.Config.open311Jurisdiction, Now: time.Now, Limit: &hub.RateLimit{}}
	return &open311.Server{GeoReport: g, Prefix: open311.Prefix, Log: m.Log.With("part", "open311")}
}

// apikeyCmd adds, lists and revokes the partners' API keys (the station
// administrator's: it runs on the hub's machine).
func apikeyCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("apikey: add, list or revoke\n%s", usage)
	}
	sub, args := args[0], args[1:]
	fl := flag.NewFlagSet("apikey "+sub, flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	id := fl.String("id", "", "add, revoke: the key's id (a-z, 0-9, -)")
	name := fl.String("name", "", "add: who holds it (12345热线)")
	number := fl.Int("number", 0, "add: the first two digits of its requests' receipt codes (10-99, no kiosk's)")
	rate := fl.Int("rate", hub.DefaultPerMinute, "add: requests a minute")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := openStore(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now()
	switch sub {
	case "add":
		k, secret, err := hub.NewAPIKey(*id, *name, *number, *rate, now)
		if err != nil {
			return err
		}
		a := hub.Audit{Case: "apikey:" + k.ID, Worker: "admin", At: now, Action: "apikey_add", Detail: fmt.Sprintf("%s number %d, %d a minute", k.Name, k.Number, k.PerMinute)}
		if err := db.PutAPIKey(ctx, k, a); err != nil {
			return err
		}
		fmt.Fprintf(out, "API key for %s (shown once, give it to the partner):\n%s\n", k.Name, secret)
		return nil
	case "list":
		ks, err := db.APIKeys(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tNUMBER\tPER MINUTE\tCREATED\tREVOKED")
		for _, k := range ks {
			revoked := "-"
			if !k.RevokedAt.IsZero() {
				revoked = k.RevokedAt.Local().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", k.ID, k.Name, k.Number, k.PerMinute, k.CreatedAt.Local().Format("2006-01-02 15:04"), revoked)
		}
		return tw.Flush()
	case "revoke":
		return db.RevokeAPIKey(ctx, *id, now, hub.Audit{Case: "apikey:" + *id, Worker: "admin", At: now, Action: "apikey_revoke"})
	}
	return fmt.Errorf("apikey: unknown %q (add, list, revoke)", sub)
}

// upstreamCmd configures the government bodies' Open311 endpoints 大事
// are forwarded to.
func upstreamCmd(ctx context.Context, args []string, in io.Reader, out io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("upstream: add, list or remove\n%s", usage)
	}
	sub, args := args[0], args[1:]
	fl := flag.NewFlagSet("upstream "+sub, flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	var u hub.Upstream
	fl.StringVar(&u.Body, "body", "", "the body's name as cases are routed to it (街道城管科)")
	fl.StringVar(&u.URL, "url", "", "add: its GeoReport v2 base URL, ending in / (https://district.example/open311/v2/)")
	fl.StringVar(&u.Jurisdiction, "jurisdiction", "", "add: its jurisdiction_id, if it asks for one")
	fl.StringVar(&u.ServiceCode, "service", "", "add: its service code for the station's requests (default: the case's topic)")
	fl.StringVar(&u.Area, "area", "大和社区", "add: the address sent when a case names no building")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := openStore(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "add":
		fmt.Fprintf(out, "API key %s gave the station: ", u.Body)
		key, err := bufio.NewReader(in).ReadString('\n')
		if err != nil && key == "" {
			return fmt.Errorf("upstream add: no API key on standard input")
		}
		fmt.Fprintln(out)
		u.APIKey = strings.TrimSpace(key)
		if err := db.PutUpstream(ctx, u); err != nil {
			return err
		}
		fmt.Fprintf(out, "upstream %s saved: its open 大事 are forwarded\n", u.Body)
		return nil
	case "list":
		us, err := db.Upstreams(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "BODY\tURL\tJURISDICTION\tSERVICE\tAREA")
		for _, u := range us {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Body, u.URL, u.Jurisdiction, u.ServiceCode, u.Area)
		}
		return tw.Flush()
	case "remove":
		return db.DeleteUpstream(ctx, u.Body)
	}
	return fmt.Errorf("upstream: unknown %q (add, list, remove)", sub)
}
