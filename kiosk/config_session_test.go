package kiosk_test

import (
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestValidateSessionSection(t *testing.T) {
	testBadKeys(t, []badKey{
		{"idle timeout too short", "session.idle_timeout", func(c *kiosk.Config) { c.Session.IdleTimeout = kiosk.Duration(time.Second) }},
		{"warning as long as the timeout", "session.idle_warning", func(c *kiosk.Config) { c.Session.IdleWarning = c.Session.IdleTimeout }},
		{"slow factor under 1", "session.slow_factor", func(c *kiosk.Config) { c.Session.SlowFactor = 0.5 }},
		{"no thanks", "session.thanks_timeout", func(c *kiosk.Config) { c.Session.ThanksTimeout = 0 }},
		{"reasons for an hour", "session.reasons_timeout", func(c *kiosk.Config) { c.Session.ReasonsTimeout = kiosk.Duration(time.Hour) }},
		{"negative rating gap", "session.rating_min_gap", func(c *kiosk.Config) { c.Session.RatingMinGap = kiosk.Duration(-time.Second) }},
		{"play burst of 1", "session.play_burst", func(c *kiosk.Config) { c.Session.PlayBurst = 1 }},
		{"play streak of 0", "session.play_streak", func(c *kiosk.Config) { c.Session.PlayStreak = 0 }},
		{"text limit over 2000", "session.text_limit", func(c *kiosk.Config) { c.Session.TextLimit = 5000 }},
	})
}

func TestValidateStoreSection(t *testing.T) {
	testBadKeys(t, []badKey{
		{"no retention", "store.retention_days", func(c *kiosk.Config) { c.Store.RetentionDays = 0 }},
		{"negative cap", "store.max_mb", func(c *kiosk.Config) { c.Store.MaxMB = -1 }},
	})
}
