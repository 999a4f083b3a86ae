package kiosk_test

import (
	"testing"

	"opinionwall/kiosk"
)

func TestValidateTopics(t *testing.T) {
	testBadKeys(t, []badKey{
		{"no topics", "topics", func(c *kiosk.Config) { c.Topics = nil }},
		{"topic id twice", "topics[1].id", func(c *kiosk.Config) { c.Topics[1].ID = c.Topics[0].ID }},
		{"topic with an unknown icon", "topics[0].icon", func(c *kiosk.Config) { c.Topics[0].Icon = "gear" }},
		{"service with an unknown icon", "services[1].icon", func(c *kiosk.Config) { c.Services[1].Icon = "Bin" }},
		{"topic with blank name", "topics[0].name.zh", func(c *kiosk.Config) { c.Topics[0].Name.Zh = " " }},
		{"phrase id with capitals", "topics[0].phrases[1].id", func(c *kiosk.Config) { c.Topics[0].Phrases[1].ID = "Bad Id" }},
		{"service without id", "services[0].id", func(c *kiosk.Config) { c.Services[0].ID = "" }},
		{"rating reason without text", "rating_reasons[0].text.zh", func(c *kiosk.Config) { c.RatingReasons[0].Text.Zh = "" }},
	})
}
