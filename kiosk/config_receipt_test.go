package kiosk_test

import (
	"testing"

	"opinionwall/kiosk"
)

func TestValidateReceiptSections(t *testing.T) {
	testBadKeys(t, []badKey{
		{"phone with letters", "station.phone", func(c *kiosk.Config) { c.Station.Phone = "call us" }},
		{"panel too narrow", "screen.width_mm", func(c *kiosk.Config) { c.Screen.WidthMM = 7 }},
		{"phone too long", "station.phone", func(c *kiosk.Config) { c.Station.Phone = "0755-2345 6789 0755-23" }},
		{"public url without scheme", "station.public_url", func(c *kiosk.Config) { c.Station.PublicURL = "dahe.example.cn" }},
		{"public url with a query", "station.public_url", func(c *kiosk.Config) { c.Station.PublicURL = "https://dahe.example.cn/?x" }},
		{"url without scheme", "receipt.url", func(c *kiosk.Config) { c.Receipt.URL = "example.org/t/{code}" }},
		{"url without {code}", "receipt.url", func(c *kiosk.Config) { c.Receipt.URL = "https://example.org/t/" }},
		{"printer enabled without device", "receipt.printer.device", func(c *kiosk.Config) { c.Receipt.Printer.Enabled = true }},
		{"printer timeout zero", "receipt.printer.timeout", func(c *kiosk.Config) { c.Receipt.Printer.Timeout = 0 }},
		{"lookup timeout too long", "lookup.timeout", func(c *kiosk.Config) { c.Lookup.Timeout = kiosk.Duration(1 << 40) }},
		{"lookup per minute zero", "lookup.per_minute", func(c *kiosk.Config) { c.Lookup.PerMinute = 0 }},
	})
}

func TestReceiptURL(t *testing.T) {
	c := kiosk.Defaults()
	if got, want := c.ReceiptURL("126658404"), "126658404"; got != want {
		t.Errorf("no url: got %q, want %q", got, want)
	}
	c.Station.PublicURL = "https://hub.dahe.example.cn/"
	if got, want := c.ReceiptURL("126658404"), "https://hub.dahe.example.cn/t/126658404"; got != want {
		t.Errorf("public url: got %q, want %q", got, want)
	}
	c.Receipt.URL = "https://dahe.example.cn/t/{code}"
	if got, want := c.ReceiptURL("126658404"), "https://dahe.example.cn/t/126658404"; got != want {
		t.Errorf("url: got %q, want %q", got, want)
	}
}
