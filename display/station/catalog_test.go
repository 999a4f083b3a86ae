package station_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"opinionwall/display/station"
	"opinionwall/hub"
)

// TestCatalogEveryKeyInBothLanguages: every text the screens name exists
// in Chinese and in English, with the same format verbs.
func TestCatalogEveryKeyInBothLanguages(t *testing.T) {
	cat := station.Catalog()
	zh, en := cat[station.LangZh], cat[station.LangEn]
	if len(zh) == 0 || len(en) == 0 {
		t.Fatalf("%d Chinese, %d English texts", len(zh), len(en))
	}
	keys := map[string]bool{}
	for k := range zh {
		keys[k] = true
	}
	for k := range en {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		t.Run(k, func(t *testing.T) {
			z, okZ := zh[k]
			e, okE := en[k]
			if !okZ || !okE || z == "" || e == "" {
				t.Fatalf("zh %q (%v), en %q (%v)", z, okZ, e, okE)
			}
			if verbs(z) != verbs(e) {
				t.Errorf("format verbs differ: zh %q, en %q", z, e)
			}
		})
	}
}

// verbs lists the format verbs of s in order.
func verbs(s string) string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			j := i + 1
			for j < len(s) && strings.ContainsRune(".0123456789", rune(s[j])) {
				j++
			}
			if j < len(s) {
				out = append(out, s[i:j+1])
			}
			i = j
		}
	}
	return strings.Join(out, " ")
}

// TestCatalogHasEveryKeyUsed: every key the code names (s.t("..."),
// s.tf("...") and the dotted keys of choices and headers) is in the
// Chinese catalog; the test above then finds it in English.
func TestCatalogHasEveryKeyUsed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`s\.tf?\("([^"]+)"|"([a-z]+\.[a-zA-Z_]+)"`)
	zh := station.Catalog()[station.LangZh]
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "catalog.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			if strings.HasPrefix(key, "opinionwall") || strings.HasPrefix(key, "fyne") {
				continue
			}
			if _, ok := zh[key]; !ok {
				t.Errorf("%s: key %q is not in the catalog", f, key)
			}
		}
	}
}

// TestCatalogWordsEveryAlert: every alert code the hub gives has a short
// name and a sentence in both languages, with the values the hub gives.
func TestCatalogWordsEveryAlert(t *testing.T) {
	cat := station.Catalog()
	for _, code := range hub.AlertCodes {
		for _, lang := range []station.Lang{station.LangZh, station.LangEn} {
			for _, key := range []string{"alert." + code, "short." + code} {
				if cat[lang][key] == "" {
					t.Errorf("%s: no %s", lang, key)
				}
			}
		}
	}
}

// TestCatalogWordsEveryReason: every reason the hub refuses with
// (refuse, refusal, because in hub/*.go) has its sentence in the
// catalog, and every field a worker types into its name.
func TestCatalogWordsEveryReason(t *testing.T) {
	files, err := filepath.Glob("../../hub/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("hub sources: %v %v", files, err)
	}
	reasons := regexp.MustCompile(`(?:refuse\(a\.Kind|refusal\(kiosk\.E[A-Z]+|because\([^"]*?\)),\s*"([a-zA-Z.]+)"`)
	fields := regexp.MustCompile(`Field[A-Za-z]+\s+Field = "([a-zA-Z]+)"`)
	zh := station.Catalog()[station.LangZh]
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range reasons.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, ok := zh["why."+m[1]]; !ok {
				t.Errorf("%s: reason %q has no why.%s", f, m[1], m[1])
			}
		}
		for _, m := range fields.FindAllStringSubmatch(string(b), -1) {
			if _, ok := zh["field."+m[1]]; !ok {
				t.Errorf("%s: field %q has no field.%s", f, m[1], m[1])
			}
		}
	}
	if n < 20 {
		t.Fatalf("found only %d reasons in hub/*.go: the pattern is stale", n)
	}
}
