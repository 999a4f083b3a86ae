package web

import (
	"os"
	"regexp"
	"testing"
)

// Every key the templates use is in the catalog, in both languages.
func TestCatalogCoversTemplates(t *testing.T) {
	for k, v := range catalog {
		if v[0] == "" || v[1] == "" {
			t.Errorf("%s: missing a language", k)
		}
	}
	re := regexp.MustCompile(`\.T "([a-z._]+)"`)
	files, _ := os.ReadDir("templates")
	for _, f := range files {
		b, _ := os.ReadFile("templates/" + f.Name())
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if _, ok := catalog[m[1]]; !ok {
				t.Errorf("%s: key %s not in the catalog", f.Name(), m[1])
			}
		}
	}
	for _, s := range []string{"received", "triaged", "assigned", "in_progress", "replied", "closed", "duplicate", "not_applicable"} {
		if _, ok := catalog["status."+s]; !ok {
			t.Errorf("status %s not in the catalog", s)
		}
	}
}
