package kiosk

import "sort"

// Pictures are the names of the pictograms the screens bundle
// (internal/assets/pictures; a test there keeps the two lists equal). A
// topic's or service's icon names one of them.
var pictures = []string{
	// Topics.
	"bin", "lamp", "rent", "extinguisher", "car", "book-ball", "neighbours", "speech",
	// Services.
	"station", "grid-worker", "social-work", "cleaning",
	// The home screen's tiles.
	"opinion", "rate", "vote", "lookup", "wall",
	// The rating faces, 1 = very dissatisfied … 4 = very satisfied.
	"face-1", "face-2", "face-3", "face-4",
	// A ticket's steps at the station.
	"status-queued", "status-received", "status-triaged", "status-assigned",
	"status-in-progress", "status-replied", "status-closed",
	// The booth's handset and the station's phone.
	"handset",
}

// iconAliases are the icon names of earlier configurations, kept so that
// their files still load: each shows the picture drawn for its meaning.
var iconAliases = map[string]string{
	"trash": "bin", "tools": "lamp", "home": "rent", "shield": "extinguisher",
	"book": "book-ball", "people": "neighbours", "chat": "speech",
	"building": "station", "person": "grid-worker", "heart": "social-work",
}

// PictureNames lists the bundled pictograms, sorted.
func PictureNames() []string {
	out := append([]string(nil), pictures...)
	sort.Strings(out)
	return out
}

// PictureFor returns the bundled picture an icon name shows (itself, or
// what an old alias stands for), or false when there is none.
func PictureFor(icon string) (string, bool) {
	if a, ok := iconAliases[icon]; ok {
		return a, true
	}
	return icon, contains(pictures, icon)
}

// defaultIcon is the picture of a topic or service configured without an
// icon: the bundled one for a default topic's or service's id, else the
// speech bubble.
func defaultIcon(id string) string {
	for _, t := range append(defaultTopics(), defaultServices()...) {
		if t.ID == id {
			return t.Icon
		}
	}
	return "speech"
}

// Picture returns the name of the pictogram the topic (or service) shows:
// its icon, or the default for its id when none is configured.
func (t Topic) Picture() string {
	if t.Icon == "" {
		return defaultIcon(t.ID)
	}
	if p, ok := PictureFor(t.Icon); ok {
		return p
	}
	return "speech"
}
