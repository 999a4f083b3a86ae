package kiosk

import (
	"fmt"
	"strings"
)

// Role is where a kiosk stands.
type Role string

// The roles of a kiosk.
const (
	RoleWall  Role = "wall"  // at the residents' opinion wall (居民意见墙)
	RoleBooth Role = "booth" // in a fun phone booth (趣味电话亭), with a handset
)

// Languages the kiosk speaks.
var languages = []string{"zh", "en"}

// SupportedLanguage reports whether lang is a language the kiosk has texts for.
func SupportedLanguage(lang string) bool {
	for _, l := range languages {
		if l == lang {
			return true
		}
	}
	return false
}

// KioskSection is the kiosk's identity.
type KioskSection struct {
	ID              string   `toml:"id" json:"id"`
	Number          int      `toml:"number" json:"number"` // ticket code prefix, 10-99
	Role            Role     `toml:"role" json:"role"`
	Languages       []string `toml:"languages" json:"languages"`
	DefaultLanguage string   `toml:"default_language" json:"default_language"`
	AdminPIN        string   `toml:"admin_pin" json:"-"`
	// HandwritingModel is the Zinnia model the handwriting pad (手写)
	// recognises with; "" turns handwriting off. A file that is missing
	// is no error: the pad says so and pinyin still works.
	HandwritingModel string `toml:"handwriting_model" json:"-"`
	// HandwritingStandardModel is the supplement to HandwritingModel for
	// the characters it misses when written in the standard stroke order
	// (deploy/handwriting); "" or a missing file leaves HandwritingModel
	// alone.
	HandwritingStandardModel string `toml:"handwriting_standard_model" json:"-"`
	// Attract is what the attract screen shows: an invitation with the
	// wall's replies (AttractInvite), or a rating kiosk's question and faces
	// (AttractRating).
	Attract string `toml:"attract" json:"attract,omitempty"`
	// TicketKeyFile holds the kiosk's secret ticket key (kioskctl
	// provision writes it); "" issues the legacy codes anyone can compute
	// from the kiosk id (docs/SECURITY.md, "Receipt codes").
	TicketKeyFile string `toml:"ticket_key_file" json:"-"`
}

// The attract screens.
const (
	AttractInvite = "invite"
	AttractRating = "rating"
)

// DefaultHandwritingModel is where Debian's tegaki-zinnia-simplified-chinese
// package installs Tegaki's simplified-Chinese model.
const DefaultHandwritingModel = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"

// DefaultHandwritingStandardModel is where make deps and the Pi's setup
// install the standard-order model of deploy/handwriting.
const DefaultHandwritingStandardModel = "/usr/share/opinionwall/handwriting-zh_CN-standard-order.model"

func (k *KioskSection) validate(p *problems) {
	if !ValidKioskID(k.ID) {
		p.add("kiosk.id", "must be 1 to 32 of a-z, 0-9 and '-' (got %q)", k.ID)
	} else if ReservedKioskID(k.ID) {
		p.add("kiosk.id", "%q is reserved for the broker's roles (hub, ops, ow-hub, ow-hub-…, ow-ops-…)", k.ID)
	}
	if k.Number < MinKioskNumber || k.Number > MaxKioskNumber {
		p.add("kiosk.number", "must be between %d and %d, unique at the station (got %d)", MinKioskNumber, MaxKioskNumber, k.Number)
	}
	if k.Role != RoleWall && k.Role != RoleBooth {
		p.add("kiosk.role", "must be %q or %q (got %q)", RoleWall, RoleBooth, k.Role)
	}
	if len(k.Languages) == 0 {
		p.add("kiosk.languages", "must name at least one language")
	}
	for _, l := range k.Languages {
		if !SupportedLanguage(l) {
			p.add("kiosk.languages", "%q is not supported (supported: %s)", l, strings.Join(languages, ", "))
		}
	}
	if !contains(k.Languages, k.DefaultLanguage) {
		p.add("kiosk.default_language", "must be one of kiosk.languages (got %q)", k.DefaultLanguage)
	}
	if k.Attract != AttractInvite && k.Attract != AttractRating {
		p.add("kiosk.attract", "must be %q or %q (got %q)", AttractInvite, AttractRating, k.Attract)
	}
	if err := checkPIN(k.AdminPIN); err != "" {
		p.add("kiosk.admin_pin", "%s", err)
	}
	if k.HandwritingModel != "" && !strings.HasPrefix(k.HandwritingModel, "/") {
		p.add("kiosk.handwriting_model", "must be an absolute path, or \"\" for no handwriting (got %q)", k.HandwritingModel)
	}
	if k.HandwritingStandardModel != "" && !strings.HasPrefix(k.HandwritingStandardModel, "/") {
		p.add("kiosk.handwriting_standard_model", "must be an absolute path, or \"\" for none (got %q)", k.HandwritingStandardModel)
	}
}

// checkPIN returns why pin is not acceptable, or "".
func checkPIN(pin string) string {
	if pin == "" {
		return "must be set: 6 to 8 digits, different for every kiosk"
	}
	if len(pin) < 6 || len(pin) > 8 {
		return fmt.Sprintf("must be 6 to 8 digits (got %d characters)", len(pin))
	}
	for i := 0; i < len(pin); i++ {
		if pin[i] < '0' || pin[i] > '9' {
			return "must be digits only"
		}
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		same = same && pin[i] == pin[0]
		up = up && pin[i] == pin[i-1]+1
		down = down && pin[i] == pin[i-1]-1
	}
	if same || up || down {
		return "is too easy to guess (all one digit, or a run such as 123456)"
	}
	return ""
}
