package kiosk_test

import (
	"testing"

	"opinionwall/kiosk"
)

func TestValidateKioskSection(t *testing.T) {
	testBadKeys(t, []badKey{
		{"id with capitals and a space", "kiosk.id", func(c *kiosk.Config) { c.Kiosk.ID = "Wall 01" }},
		{"the hub's user name", "kiosk.id", func(c *kiosk.Config) { c.Kiosk.ID = "hub" }},
		{"the maintenance user name", "kiosk.id", func(c *kiosk.Config) { c.Kiosk.ID = "ops" }},
		{"the hub's client id", "kiosk.id", func(c *kiosk.Config) { c.Kiosk.ID = "ow-hub" }},
		{"a maintenance client id", "kiosk.id", func(c *kiosk.Config) { c.Kiosk.ID = "ow-ops-1" }},
		{"number over 99", "kiosk.number", func(c *kiosk.Config) { c.Kiosk.Number = 100 }},
		{"unknown role", "kiosk.role", func(c *kiosk.Config) { c.Kiosk.Role = "bench" }},
		{"unsupported language", "kiosk.languages", func(c *kiosk.Config) { c.Kiosk.Languages = []string{"zh", "fr"} }},
		{"default language not offered", "kiosk.default_language", func(c *kiosk.Config) { c.Kiosk.Languages = []string{"en"} }},
		{"PIN a run", "kiosk.admin_pin", func(c *kiosk.Config) { c.Kiosk.AdminPIN = "123456" }},
		{"PIN not digits", "kiosk.admin_pin", func(c *kiosk.Config) { c.Kiosk.AdminPIN = "12ab56" }},
		{"relative handwriting model", "kiosk.handwriting_model", func(c *kiosk.Config) { c.Kiosk.HandwritingModel = "models/zh.model" }},
		{"relative standard-order model", "kiosk.handwriting_standard_model", func(c *kiosk.Config) { c.Kiosk.HandwritingStandardModel = "std.model" }},
		{"unknown attract screen", "kiosk.attract", func(c *kiosk.Config) { c.Kiosk.Attract = "video" }},
	})
}
