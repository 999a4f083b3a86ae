package hub

import (
	"image"
	"sort"
	"time"

	"opinionwall/kiosk"
)

// Point is one value of a series at a week.
type Point struct {
	Week  time.Time // Monday 00:00 of the week, station time
	Value float64
}

// Series is a named line or set of bars.
type Series struct {
	Name   string
	Points []Point
}

// Stats is what the statistics screen draws. Probable play is left out.
type Stats struct {
	From, To time.Time
	// TopicWeeks: opinions per topic per week.
	TopicWeeks []Series
	// Satisfaction: per kiosk, the weekly satisfaction index: the mean
	// rating mapped to 0 (all 很不满意) .. 100 (all 很满意).
	Satisfaction []Series
	// ReplyHours: per week of receipt, the median hours from receipt to
	// the first reply, over the cases replied to.
	ReplyHours Series
	// OpenByClass: open cases by 三事分流 class (Untriaged for none yet).
	OpenByClass map[kiosk.Matter]int
	// Cases: each opinion received in the period, with when it was first
	// answered and closed (see ClassTimes).
	Cases []CaseTimes
	// OpenPlaces: the open opinions (of any date) by street and topic
	// (see OpenHeat).
	OpenPlaces []PlaceCount
	// Ratings: the period's ratings per service (see ServiceScores).
	Ratings []RatingCount
}

// SatisfactionIndex maps a mean rating (1..4) to 0..100.
func SatisfactionIndex(mean float64) float64 { return (mean - 1) / 3 * 100 }

// WeekOf returns Monday 00:00 of t's week in t's location.
func WeekOf(t time.Time) time.Time {
	d := int(t.Weekday()+6) % 7 // days since Monday
	y, m, day := t.Date()
	return time.Date(y, m, day-d, 0, 0, 0, 0, t.Location())
}

// Median returns the median of xs (0 for none). xs is sorted in place.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// Chart is one statistics chart as drawn (by hub/charts) for the screen and
// for saving.
type Chart struct {
	Name  string // file name stem: topics-per-week
	Image image.Image
	PNG   []byte
}
