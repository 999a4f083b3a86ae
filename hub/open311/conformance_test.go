package open311_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Fields of the standard the station never writes, and why: a case's
// place and pictures stay in the station (docs/OPEN311.md).
var omitted = map[string]string{
	"address": "no building leaves", "address_id": "no building leaves", "zipcode": "no building leaves",
	"lat": "kiosks locate by building, not coordinates", "long": "kiosks locate by building, not coordinates",
	"media_url": "no photos leave",
	// A request is made at once: the answer has the id and the token both.
}

// resource is one answer compared with the standard's example documents.
type resource struct {
	name     string
	path     string   // GET path, or "" for the POST answer
	examples []string // testdata files (without the format's suffix)
	object   bool     // the JSON answer is an object, not a list
	dates    []string // fields holding ISO 8601 times
	nonEmpty []string // fields that must hold a value here
}

func TestConformance(t *testing.T) {
	s := newStation(t)
	z := seed(t, s)
	form := url.Values{"api_key": {s.key}, "service_code": {"sanitation"}, "description": {"楼道堆满纸箱"}, "address_string": {"9栋"}}
	_, body := post(t, s.base+"requests.json", form, "conf")
	var created []map[string]any
	if err := json.Unmarshal([]byte(body), &created); err != nil || len(created) != 1 {
		t.Fatalf("POST: %s", body)
	}
	token := created[0]["token"].(string)
	rs := []resource{
		{name: "services", path: "services", examples: []string{"services"}, nonEmpty: []string{"service_code", "service_name", "type"}},
		{name: "service definition", path: "services/sanitation", examples: []string{"service_definition"}, object: true, nonEmpty: []string{"service_code"}},
		{name: "requests", path: "requests", examples: []string{"requests"}, dates: []string{"requested_datetime", "updated_datetime"},
			nonEmpty: []string{"service_request_id", "status", "service_code", "service_name", "requested_datetime"}},
		{name: "one request", path: "requests/" + z.big.Ticket, examples: []string{"requests"}, dates: []string{"requested_datetime", "updated_datetime", "expected_datetime"},
			nonEmpty: []string{"service_request_id", "status", "agency_responsible", "expected_datetime"}},
		{name: "token", path: "tokens/" + token, examples: []string{"tokens"}, nonEmpty: []string{"service_request_id", "token"}},
		{name: "post", examples: []string{"post_request", "post_request_token"}, nonEmpty: []string{"service_request_id", "token"}},
		{name: "errors", path: "requests/000000000", examples: []string{"errors"}, nonEmpty: []string{"code", "description"}},
	}
	for _, r := range rs {
		for _, format := range []string{"json", "xml"} {
			t.Run(r.name+"."+format, func(t *testing.T) {
				var got string
				if r.path == "" {
					_, got = post(t, s.base+"requests."+format, form, "conf-"+format)
				} else {
					_, got = get(t, s.base+r.path+"."+format)
				}
				if format == "json" {
					checkJSON(t, r, got)
				} else {
					checkXML(t, r, got)
				}
			})
		}
	}
}

func readExample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// kind names a JSON value's type.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	}
	return "object"
}

// fits reports whether a value of kind got may stand where the example has want.
func fits(field, got, want string) bool {
	switch {
	case got == want, want == "null" && got == "string":
		return true
	case want == "number" && got == "string": // identifiers: the examples write both
		return field == "service_request_id" || field == "token" || strings.HasSuffix(field, "_code")
	}
	return false
}

func jsonObjects(t *testing.T, b []byte, object bool) []map[string]any {
	t.Helper()
	if object {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("not a JSON object: %v: %s", err, b)
		}
		return []map[string]any{m}
	}
	var l []map[string]any
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatalf("not a JSON list of objects: %v: %s", err, b)
	}
	return l
}

func checkJSON(t *testing.T, r resource, got string) {
	want := map[string]string{} // field → kind in the examples
	for _, ex := range r.examples {
		for _, o := range jsonObjects(t, readExample(t, ex+".json"), r.object) {
			for k, v := range o {
				if k2 := kind(v); want[k] == "" || want[k] == "null" {
					want[k] = k2
				}
			}
		}
	}
	objs := jsonObjects(t, []byte(got), r.object)
	if len(objs) == 0 {
		t.Fatalf("empty answer: %s", got)
	}
	for _, o := range objs {
		for k, v := range o {
			w, ok := want[k]
			if !ok {
				t.Errorf("field %q is not in the standard's %v", k, r.examples)
			} else if !fits(k, kind(v), w) {
				t.Errorf("field %q is a %s, the standard's a %s", k, kind(v), w)
			}
		}
		for k := range want {
			if _, ok := o[k]; !ok && omitted[k] == "" && len(r.examples) == 1 {
				t.Errorf("field %q of the standard is missing", k)
			}
		}
		for _, k := range r.nonEmpty {
			if s, _ := o[k].(string); s == "" && kind(o[k]) != "number" {
				t.Errorf("field %q is empty: %s", k, got)
			}
		}
		for _, k := range r.dates {
			if _, err := time.Parse(time.RFC3339, o[k].(string)); err != nil {
				t.Errorf("field %q: %v", k, err)
			}
		}
	}
}

// node is an XML element with its children.
type node struct {
	name     string
	text     string
	children []*node
}

func parseXML(t *testing.T, b []byte) *node {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) && !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="utf-8"?>`)) {
		t.Errorf("no XML declaration with the UTF-8 encoding: %.60s", b)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			n := &node{name: e.Name.Local}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text += strings.TrimSpace(string(e))
		}
	}
	if len(root.children) != 1 || len(stack) != 1 {
		t.Fatalf("not one well-formed XML document: %s", b)
	}
	return root.children[0]
}

func names(ns []*node) []string {
	var out []string
	for _, n := range ns {
		if !slices.Contains(out, n.name) {
			out = append(out, n.name)
		}
	}
	slices.Sort(out)
	return out
}

// fields are an element's fields: for a list's root, its items' children.
func fields(root *node, object bool) (item string, items []*node) {
	if object {
		return root.name, []*node{root}
	}
	return strings.Join(names(root.children), ","), root.children
}

func checkXML(t *testing.T, r resource, got string) {
	ex := parseXML(t, readExample(t, r.examples[0]+".xml"))
	g := parseXML(t, []byte(got))
	if g.name != ex.name {
		t.Errorf("root element <%s>, the standard's <%s>", g.name, ex.name)
	}
	exItem, exItems := fields(ex, r.object)
	gItem, gItems := fields(g, r.object)
	if gItem != exItem || len(gItems) == 0 {
		t.Fatalf("items <%s> (%d), the standard's <%s>: %s", gItem, len(gItems), exItem, got)
	}
	want := map[string]bool{}
	for _, it := range exItems {
		for _, c := range it.children {
			want[c.name] = true
		}
	}
	if r.name == "post" || r.name == "token" {
		want["token"], want["service_request_id"] = true, true
	}
	for _, it := range gItems {
		have := map[string]string{}
		for _, c := range it.children {
			if !want[c.name] {
				t.Errorf("element <%s> is not in the standard's <%s>", c.name, exItem)
			}
			have[c.name] = c.text
		}
		for k := range want {
			if _, ok := have[k]; !ok && omitted[k] == "" && r.name != "post" && r.name != "token" && !(r.object && k == "attributes") {
				t.Errorf("element <%s> of the standard is missing", k)
			}
		}
		for _, k := range r.nonEmpty {
			if have[k] == "" {
				t.Errorf("element <%s> is empty: %s", k, got)
			}
		}
	}
}

// The statuses GeoReport knows are the only ones written.
func TestGeoStatus(t *testing.T) {
	for _, st := range []kiosk.TicketStatus{kiosk.StatusReceived, kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusInProgress,
		kiosk.StatusReplied, kiosk.StatusClosed, kiosk.StatusDuplicate, kiosk.StatusNotApplicable} {
		c := hub.Case{Status: st}
		want := hub.GeoOpen
		if st == kiosk.StatusClosed || st == kiosk.StatusDuplicate || st == kiosk.StatusNotApplicable {
			want = hub.GeoClosed
		}
		if got := hub.GeoStatus(&c); got != want {
			t.Errorf("%s: %s, want %s", st, got, want)
		}
	}
}
