package display

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"opinionwall/kiosk"
)

// Every catalog language is one the kiosk speaks, and every key has a text
// in every language.
func TestCatalogHasEveryLanguage(t *testing.T) {
	for _, lang := range catalogLanguages {
		if !kiosk.SupportedLanguage(lang) {
			t.Errorf("catalog language %q is not one the kiosk supports", lang)
		}
	}
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			for key := range catalog {
				if got := tr(lang, key); strings.TrimSpace(got) == "" {
					t.Errorf("key %q has no %s text", key, lang)
				}
			}
		})
	}
}

// Every key the screens name, as a literal or built from a rating or a
// ticket status (every status a ticket can have), is in the catalog.
func TestCatalogComplete(t *testing.T) {
	prefixes := map[string]bool{}
	for key := range catalog {
		prefixes[key[:strings.IndexByte(key, '.')]] = true
	}
	files, _ := filepath.Glob("*.go")
	literal := regexp.MustCompile(`"([a-z]+)\.([a-z0-9_.]+)"`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "i18n.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !prefixes[m[1]] {
				continue
			}
			seen++
			if _, ok := catalog[m[1]+"."+m[2]]; !ok {
				t.Errorf("%s: key %q is not in the catalog", f, m[1]+"."+m[2])
			}
		}
	}
	if seen < 40 {
		t.Fatalf("found only %d uses of the catalog: the pattern is wrong", seen)
	}
	var built []string
	for r := 1; r <= 4; r++ {
		built = append(built, "rating."+strconv.Itoa(r))
	}
	statuses := append([]kiosk.TicketStatus{kiosk.StatusInProgress, kiosk.StatusDuplicate, kiosk.StatusNotApplicable}, statusSteps...)
	for _, st := range statuses {
		built = append(built, "lookup."+string(st))
	}
	for _, key := range built {
		if _, ok := catalog[key]; !ok {
			t.Errorf("key %q, built by a screen, is not in the catalog", key)
		}
	}
}
