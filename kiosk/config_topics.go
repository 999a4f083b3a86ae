package kiosk

import (
	"fmt"
	"strings"
)

// Text is a label in each language.
type Text struct {
	Zh string `toml:"zh" json:"zh"`
	En string `toml:"en" json:"en,omitempty"`
}

// In returns the text in lang, falling back to Chinese.
func (t Text) In(lang string) string {
	if lang == "en" && t.En != "" {
		return t.En
	}
	return t.Zh
}

// Phrase is a preset phrase a resident can tap instead of typing.
type Phrase struct {
	ID   string `toml:"id" json:"id"`
	Text Text   `toml:"text" json:"text"`
}

// Topic is a category of opinion (or, in Services, a service to rate).
type Topic struct {
	ID      string   `toml:"id" json:"id"`
	Icon    string   `toml:"icon" json:"icon"`
	Name    Text     `toml:"name" json:"name"`
	Phrases []Phrase `toml:"phrases" json:"phrases,omitempty"`
	// Question is what a rating kiosk asks about a service
	// (您对社区工作站的服务满意吗？); empty asks in the catalog's words.
	Question Text `toml:"question" json:"question,omitempty"`
}

// Topic returns the opinion topic with the given id.
func (c *Config) Topic(id string) (Topic, bool) { return findTopic(c.Topics, id) }

// Service returns the rated service with the given id.
func (c *Config) Service(id string) (Topic, bool) { return findTopic(c.Services, id) }

func findTopic(ts []Topic, id string) (Topic, bool) {
	for _, t := range ts {
		if t.ID == id {
			return t, true
		}
	}
	return Topic{}, false
}

// validateTopics checks the topics (or services) listed under key.
func validateTopics(p *problems, key string, ts []Topic) {
	seen := map[string]bool{}
	for i, t := range ts {
		k := fmt.Sprintf("%s[%d]", key, i)
		if !idPattern.MatchString(t.ID) {
			p.add(k+".id", "must be 1 to 32 of a-z, 0-9, '_' and '-' (got %q)", t.ID)
		} else if seen[t.ID] {
			p.add(k+".id", "%q is listed twice", t.ID)
		}
		seen[t.ID] = true
		if _, ok := PictureFor(t.Icon); t.Icon != "" && !ok {
			p.add(k+".icon", "%q is not a bundled picture (empty for the default; one of: %s)", t.Icon, strings.Join(PictureNames(), ", "))
		}
		if strings.TrimSpace(t.Name.Zh) == "" {
			p.add(k+".name.zh", "must not be empty")
		}
		validatePhrases(p, k+".phrases", t.Phrases)
	}
}

// validatePhrases checks the preset phrases listed under key.
func validatePhrases(p *problems, key string, ps []Phrase) {
	seen := map[string]bool{}
	for i, ph := range ps {
		k := fmt.Sprintf("%s[%d]", key, i)
		if !idPattern.MatchString(ph.ID) {
			p.add(k+".id", "must be 1 to 32 of a-z, 0-9, '_' and '-' (got %q)", ph.ID)
		} else if seen[ph.ID] {
			p.add(k+".id", "%q is listed twice", ph.ID)
		}
		seen[ph.ID] = true
		if strings.TrimSpace(ph.Text.Zh) == "" {
			p.add(k+".text.zh", "must not be empty")
		}
	}
}
