package kiosk

import "time"

// SessionSection holds the timing of a resident's visit.
type SessionSection struct {
	IdleTimeout      Duration `toml:"idle_timeout" json:"idle_timeout"`           // no input this long ends a visit
	IdleWarning      Duration `toml:"idle_warning" json:"idle_warning"`           // countdown shown before that
	SubmittedTimeout Duration `toml:"submitted_timeout" json:"submitted_timeout"` // ticket code stays this long
	SlowFactor       float64  `toml:"slow_factor" json:"slow_factor"`             // large-text mode multiplies timeouts
	RatingMinGap     Duration `toml:"rating_min_gap" json:"rating_min_gap"`       // presses closer than this count once
	PlayBurst        int      `toml:"play_burst" json:"play_burst"`               // this many ratings...
	PlayWindow       Duration `toml:"play_window" json:"play_window"`             // ...within this window are play
	PlayStreak       int      `toml:"play_streak" json:"play_streak"`             // this many same-button ratings in a row are play
	TextLimit        int      `toml:"text_limit" json:"text_limit"`               // characters of free text
	// ThanksTimeout is how long a button press's thanks (the face, 谢谢,
	// the service) stays on screen.
	ThanksTimeout Duration `toml:"thanks_timeout" json:"thanks_timeout"`
	// ReasonsTimeout is how long the reasons offered after a dissatisfied
	// press wait for a first touch before the bare rating is stored.
	ReasonsTimeout Duration `toml:"reasons_timeout" json:"reasons_timeout"`
}

func (s *SessionSection) validate(p *problems) {
	p.durationIn("session.idle_timeout", s.IdleTimeout, 20*time.Second, 30*time.Minute)
	p.durationIn("session.idle_warning", s.IdleWarning, 3*time.Second, 2*time.Minute)
	if s.IdleWarning >= s.IdleTimeout {
		p.add("session.idle_warning", "must be shorter than session.idle_timeout")
	}
	p.durationIn("session.submitted_timeout", s.SubmittedTimeout, 5*time.Second, 10*time.Minute)
	if s.SlowFactor < 1 || s.SlowFactor > 5 {
		p.add("session.slow_factor", "must be between 1 and 5 (got %g)", s.SlowFactor)
	}
	p.durationIn("session.rating_min_gap", s.RatingMinGap, 0, time.Minute)
	if s.PlayBurst < 2 {
		p.add("session.play_burst", "must be at least 2 (got %d)", s.PlayBurst)
	}
	p.durationIn("session.play_window", s.PlayWindow, time.Second, time.Hour)
	if s.PlayStreak < 2 {
		p.add("session.play_streak", "must be at least 2 (got %d)", s.PlayStreak)
	}
	p.durationIn("session.thanks_timeout", s.ThanksTimeout, time.Second, time.Minute)
	p.durationIn("session.reasons_timeout", s.ReasonsTimeout, 3*time.Second, 2*time.Minute)
	if s.TextLimit < 10 || s.TextLimit > 2000 {
		p.add("session.text_limit", "must be between 10 and 2000 characters (got %d)", s.TextLimit)
	}
}

// StoreSection holds the local store's policy.
type StoreSection struct {
	RetentionDays int `toml:"retention_days" json:"retention_days"` // texts of acked submissions kept this long
	MaxMB         int `toml:"max_mb" json:"max_mb"`                 // cap on the database file; 0 means none
	// AudioMB caps the voice messages' audio kept on the kiosk (not yet at
	// the hub): a new message past it is refused politely (EFULL). 0 is
	// the default, 200 MiB.
	AudioMB int `toml:"audio_mb" json:"audio_mb"`
}

// AudioQuota is the audio store's cap in bytes.
func (s *StoreSection) AudioQuota() int64 {
	if s.AudioMB == 0 {
		return 200 << 20
	}
	return int64(s.AudioMB) << 20
}

func (s *StoreSection) validate(p *problems) {
	if s.RetentionDays < 1 || s.RetentionDays > 3650 {
		p.add("store.retention_days", "must be between 1 and 3650 (got %d)", s.RetentionDays)
	}
	if s.MaxMB < 0 || s.MaxMB > 1<<20 {
		p.add("store.max_mb", "must be 0 (no cap) or a size in MiB up to 1048576 (got %d)", s.MaxMB)
	}
	if s.AudioMB < 0 || s.AudioMB > 1<<20 {
		p.add("store.audio_mb", "must be 0 (the default, 200) or a size in MiB up to 1048576 (got %d)", s.AudioMB)
	}
}
