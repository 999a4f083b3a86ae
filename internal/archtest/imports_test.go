package archtest

import (
	"strings"
	"testing"
)

// TestDomainImportsStandardLibraryOnly: the domain packages hold the rules
// and import nothing but the standard library and the domain below them.
func TestDomainImportsStandardLibraryOnly(t *testing.T) {
	allowed := map[string][]string{
		"kiosk":         nil,
		"kiosk/session": {"kiosk"},
		"hub":           {"kiosk"},
		"hardware":      nil,
		"kiosk/booth":   {"kiosk", "hardware"},
	}
	byPath := map[string]pkg{}
	for _, p := range golist(t, "./...") {
		byPath[strings.TrimPrefix(p.ImportPath, module+"/")] = p
	}
	for name, ok := range allowed {
		t.Run(name, func(t *testing.T) {
			p, found := byPath[name]
			if !found {
				t.Fatalf("no package %s", name)
			}
			for _, imp := range p.Imports {
				if !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") && !strings.HasPrefix(imp, module) {
					continue // standard library
				}
				own := strings.TrimPrefix(imp, module+"/")
				if !contains(ok, own) {
					t.Errorf("%s imports %s; the domain imports only the standard library and %v", name, imp, ok)
				}
			}
		})
	}
}

// TestKioskLinksNoStationCode: the kiosk binary on a Pi carries neither
// the station's domain and screens nor the broker.
func TestKioskLinksNoStationCode(t *testing.T) {
	ps := golist(t, "-deps", "./cmd/kiosk", "./cmd/kioskctl")
	for _, p := range ps {
		for _, bad := range []string{module + "/hub", module + "/display/station", module + "/mqtt/broker", module + "/mqtt/hubside", "github.com/mochi-mqtt/"} {
			if p.ImportPath == bad || strings.HasPrefix(p.ImportPath, bad+"/") || (strings.HasSuffix(bad, "/") && strings.HasPrefix(p.ImportPath, bad)) {
				t.Errorf("the kiosk's tools link %s", p.ImportPath)
			}
		}
	}
}

// TestAdaptersKeepTheirPlace: nothing under hub/ imports a UI package,
// only cmd/* make Fyne windows, and nothing imports a cmd.
func TestAdaptersKeepTheirPlace(t *testing.T) {
	for _, p := range golist(t, "./...") {
		name := strings.TrimPrefix(p.ImportPath, module+"/")
		for _, imp := range p.Imports {
			switch {
			case (name == "hub" || strings.HasPrefix(name, "hub/")) && strings.HasPrefix(imp, module+"/display"):
				t.Errorf("%s imports the UI package %s", name, imp)
			case imp == "fyne.io/fyne/v2/app" && !strings.HasPrefix(name, "cmd/"):
				t.Errorf("%s imports fyne's app package; only cmd/* make windows", name)
			case strings.HasPrefix(imp, module+"/cmd/"):
				t.Errorf("%s imports the command %s", name, imp)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
