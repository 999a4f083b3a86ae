package hub

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"opinionwall/kiosk"
)

// Checklist is the community's 三事分流 list: three classes (big, small and
// private matters), each with its sub-items. The station edits it as a JSON
// file (DefaultChecklist is what ships).
type Checklist struct {
	Version int              `json:"version"`
	Classes []ChecklistClass `json:"classes"`
}

// ChecklistClass is one of the three matters and its items.
type ChecklistClass struct {
	Matter kiosk.Matter    `json:"matter"`
	Name   kiosk.Text      `json:"name"`
	Items  []ChecklistItem `json:"items"`
}

// ChecklistItem is one sub-item, such as 消防安全隐患 under big matters.
type ChecklistItem struct {
	ID   string     `json:"id"`
	Name kiosk.Text `json:"name"`
}

//go:embed checklist_default.json
var defaultChecklist []byte

// DefaultChecklist returns the checklist that ships: 3 classes, 48 items.
func DefaultChecklist() []byte { return bytes.Clone(defaultChecklist) }

// ParseChecklist reads and checks a checklist file: each of the three
// matters once, item ids unique and valid, every name given in Chinese.
func ParseChecklist(b []byte) (*Checklist, error) {
	var c Checklist
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, kiosk.WrapError(kiosk.EINVALID, err, "checklist")
	}
	if c.Version != 1 {
		return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: version %d is not 1", c.Version)
	}
	seen := map[kiosk.Matter]bool{}
	ids := map[string]bool{}
	for _, cl := range c.Classes {
		switch cl.Matter {
		case kiosk.MatterBig, kiosk.MatterSmall, kiosk.MatterPrivate:
		default:
			return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: unknown matter %q", cl.Matter)
		}
		if seen[cl.Matter] {
			return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: matter %q twice", cl.Matter)
		}
		seen[cl.Matter] = true
		if cl.Name.Zh == "" {
			return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: matter %q has no Chinese name", cl.Matter)
		}
		for _, it := range cl.Items {
			if !kiosk.ValidKioskID(it.ID) {
				return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: item id %q: use 1-32 of a-z, 0-9 and -", it.ID)
			}
			if ids[it.ID] {
				return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: item %q twice", it.ID)
			}
			ids[it.ID] = true
			if it.Name.Zh == "" {
				return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: item %q has no Chinese name", it.ID)
			}
		}
	}
	if len(seen) != 3 {
		return nil, kiosk.Errorf(kiosk.EINVALID, "checklist: needs the three matters big, small and private, has %d", len(seen))
	}
	return &c, nil
}

// Class returns the class of a matter.
func (c *Checklist) Class(m kiosk.Matter) (ChecklistClass, bool) {
	for _, cl := range c.Classes {
		if cl.Matter == m {
			return cl, true
		}
	}
	return ChecklistClass{}, false
}

// Check reports whether item (empty for none) belongs to matter m.
func (c *Checklist) Check(m kiosk.Matter, item string) error {
	cl, ok := c.Class(m)
	if !ok {
		return kiosk.Errorf(kiosk.EINVALID, "triage: %q is not big, small or private", m)
	}
	if item == "" {
		return nil
	}
	for _, it := range cl.Items {
		if it.ID == item {
			return nil
		}
	}
	return kiosk.Errorf(kiosk.EINVALID, "triage: %q is not an item of %s matters", item, m)
}

// ItemName returns the Chinese name of an item, or its id if unknown.
func (c *Checklist) ItemName(id string) string {
	for _, cl := range c.Classes {
		for _, it := range cl.Items {
			if it.ID == id {
				return it.Name.Zh
			}
		}
	}
	return id
}

// ItemNameIn returns the name of an item in lang ("zh" or "en", falling
// back to Chinese), or its id if unknown.
func (c *Checklist) ItemNameIn(id, lang string) string {
	for _, cl := range c.Classes {
		for _, it := range cl.Items {
			if it.ID == id {
				return it.Name.In(lang)
			}
		}
	}
	return id
}

// Len returns the number of items.
func (c *Checklist) Len() int {
	n := 0
	for _, cl := range c.Classes {
		n += len(cl.Items)
	}
	return n
}

// String describes the checklist for logs.
func (c *Checklist) String() string {
	return fmt.Sprintf("checklist v%d: %d classes, %d items", c.Version, len(c.Classes), c.Len())
}
