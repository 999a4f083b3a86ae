package station

import "time"

// ago says how long before now t was, as a worker reads a queue: 刚才,
// 3小时前, 2天前.
func (s *App) ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return s.t("ago.now")
	case d < time.Hour:
		return s.tf("ago.min", int(d/time.Minute))
	case d < 24*time.Hour:
		return s.tf("ago.hour", int(d/time.Hour))
	}
	return s.tf("ago.day", int(d/(24*time.Hour)))
}

// dur says a duration in the largest whole unit: 5 分钟, 3 小时, 2 天.
func (s *App) dur(d time.Duration) string {
	switch {
	case d < time.Hour:
		return s.tf("dur.min", int(d/time.Minute))
	case d < 24*time.Hour:
		return s.tf("dur.hour", int(d/time.Hour))
	}
	return s.tf("dur.day", int(d/(24*time.Hour)))
}
