package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/hub/deskapi"
	"opinionwall/kiosk"
)

// appCmd opens the review app alone, on a desktop beside the hub that
// runs as a service (`hub run -headless -desk-socket …`): it is a client
// of the service's local API and never opens the store, which is the
// service user's alone. What workers do goes through the service's Desk,
// and its downlink sends it to the kiosks within seconds.
func appCmd(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("app", flag.ContinueOnError)
	socket := fl.String("socket", deskapi.DefaultSocket, "the station service's local API (hub run -desk-socket)")
	data := fl.String("data", "", "no longer used: the app reaches the store through the service (-socket)")
	exportDir := fl.String("export-dir", filepath.Join(os.Getenv("HOME"), "意见墙导出"), "where ledgers and charts are saved")
	lang := fl.String("lang", string(station.LangZh), "the screens' language: zh or en")
	var sc studioConfig
	sc.flags(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *data != "" {
		return fmt.Errorf("app: -data: the review app no longer opens the store; it talks to the service on -socket (default %s)", deskapi.DefaultSocket)
	}
	if l := station.Lang(*lang); l != station.LangZh && l != station.LangEn {
		return fmt.Errorf("app: -lang %q: use zh or en", *lang)
	}
	c := &deskapi.Client{Path: *socket}
	if err := c.Open(); err != nil {
		return err
	}
	defer c.Close()
	st := clientDesk(c)
	st.lang = station.Lang(*lang)
	vp, closeAudio := sc.voicePack(slog.Default())
	defer closeAudio()
	st.voicePack = vp
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st.showWindow(ctx, cancel, *exportDir, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	return nil
}

// clientDesk is the review app's wiring over a client of the service.
func clientDesk(c *deskapi.Client) *desk {
	return &desk{api: c, checklist: c.Checklist, catalog: hub.NewCatalog(kiosk.Defaults())}
}
