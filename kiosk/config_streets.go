package kiosk

import (
	"fmt"
	"strings"
)

// Street is a street or lane of the community with its buildings.
type Street struct {
	Name      string   `toml:"name" json:"name"`
	Buildings []string `toml:"buildings" json:"buildings"`
}

// HasLocation reports whether the street and building are configured; a
// street with no buildings listed accepts any building name.
func (c *Config) HasLocation(l Location) bool {
	for _, st := range c.Streets {
		if st.Name == l.Street {
			return l.Building == "" || len(st.Buildings) == 0 || contains(st.Buildings, l.Building)
		}
	}
	return false
}

// validateStreets checks that streets, and buildings within a street, are
// named and named once.
func validateStreets(p *problems, streets []Street) {
	names := map[string]bool{}
	for i, st := range streets {
		key := fmt.Sprintf("streets[%d]", i)
		if strings.TrimSpace(st.Name) == "" {
			p.add(key+".name", "must not be empty")
		} else if names[st.Name] {
			p.add(key+".name", "%q is listed twice", st.Name)
		}
		names[st.Name] = true
		seen := map[string]bool{}
		for j, b := range st.Buildings {
			if strings.TrimSpace(b) == "" || seen[b] {
				p.add(fmt.Sprintf("%s.buildings[%d]", key, j), "must be a name given once (got %q)", b)
			}
			seen[b] = true
		}
	}
}
