package hub

import (
	"reflect"
	"testing"
)

func TestSearchTermsAndQuery(t *testing.T) {
	if got, want := SearchTerms("路灯不亮, Lamp 3号"), []string{"路灯", "灯不", "不亮", "亮", "lamp", "3", "号"}; !reflect.DeepEqual(got, want) {
		t.Errorf("terms %q, want %q", got, want)
	}
	for in, want := range map[string]string{
		"路灯不亮":    `"路灯 灯不 不亮"`,
		"灯":       `"灯"*`,
		"Lamp 路灯": `"lamp"* AND "路灯"`,
		" %_\"":   ``,
	} {
		if got := SearchQuery(in); got != want {
			t.Errorf("SearchQuery(%q) = %s, want %s", in, got, want)
		}
	}
}
