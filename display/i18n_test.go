package display

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every key the screens ask for is in the catalog, in both languages.
func TestCatalogComplete(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	used := regexp.MustCompile(`(?:k\.t|tr\(lang,|tr\(k\.lang\(\),) ?\(?"([a-z]+\.[a-z0-9.]+)"`)
	seen := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			seen++
			if _, ok := catalog[m[1]]; !ok {
				t.Errorf("%s: key %q is not in the catalog", f, m[1])
			}
		}
	}
	if seen < 40 {
		t.Fatalf("found only %d uses of the catalog: the pattern is wrong", seen)
	}
	for key, texts := range catalog {
		if texts[0] == "" || texts[1] == "" {
			t.Errorf("key %q lacks a language", key)
		}
	}
}
