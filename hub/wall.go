package hub

import (
	"sort"
	"time"

	"opinionwall/kiosk"
)

// WallSize is how many replies the public wall holds: the newest published.
const WallSize = 100

// BuildWall makes the wall snapshot from published cases: the newest
// WallSize by publication time, each with its moderated question (never the
// resident's own words unmoderated, never contact details).
func BuildWall(cases []Case, version int64) kiosk.WallSnapshot {
	pub := make([]Case, 0, len(cases))
	for _, c := range cases {
		if !c.PublishedAt.IsZero() && c.Reply != "" && c.WallText != "" {
			pub = append(pub, c)
		}
	}
	sort.SliceStable(pub, func(i, j int) bool { return pub[i].PublishedAt.After(pub[j].PublishedAt) })
	if len(pub) > WallSize {
		pub = pub[:WallSize]
	}
	w := kiosk.WallSnapshot{Version: version, Items: make([]kiosk.WallItem, 0, len(pub))}
	for _, c := range pub {
		w.Items = append(w.Items, kiosk.WallItem{ID: c.ID, Topic: c.Topic, Question: c.WallText,
			Reply: c.Reply, ReplyEn: c.ReplyEn, PublishedAt: c.PublishedAt})
	}
	return w
}

// NextVersion returns the version of a new snapshot: the clock in
// milliseconds, and always above the previous one. A hub restored from an
// older backup still publishes versions the kiosks take as newer.
func NextVersion(prev int64, now time.Time) int64 {
	v := now.UnixMilli()
	if v <= prev {
		v = prev + 1
	}
	return v
}
