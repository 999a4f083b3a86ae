package hub_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestVolunteerTextMaskedWhenResidentConsented: a resident who left their
// contact details (consent) has their text kept whole by the kiosk, and
// it repeats their name, their phone with dots between the groups, the
// phone in Chinese numerals and an e-mail address. A volunteer, who may
// not see contact details, read all of these in the case, the inbox and
// the ledger (Redact masked only plain phone numbers and rooms); now none
// of them. Workers and the lead read the text whole.
func TestVolunteerTextMaskedWhenResidentConsented(t *testing.T) {
	ctx := context.Background()
	const text = "我是王秀英，电话138.1234.5678，也可以打一三九零零零零一一一一，邮箱wangxy@qq.com，住502室"
	secrets := []string{"王秀英", "1234", "零零零零一一", "wangxy", "502"}
	for _, w := range roles {
		t.Run(string(w.Role), func(t *testing.T) {
			d, st := newDesk(t, kiosk.StatusReceived)
			c := st.cases["c1"]
			c.Text = text
			st.cases["c1"] = c
			r := st.received["c1"]
			r.Body.Text = text
			r.Body.Contact = &kiosk.Contact{Name: "王秀英", Phone: "13812345678", Consent: true}
			st.received["c1"] = r
			v, err := d.Case(ctx, w, "c1")
			if err != nil {
				t.Fatal(err)
			}
			in, err := d.Inbox(ctx, w, hub.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			seen := []string{v.Text, v.Body.Text, v.WallDraft}
			for _, c := range in.Cases {
				seen = append(seen, c.Text)
			}
			d.EachCase(ctx, w, hub.Filter{}, func(c hub.Case) error { seen = append(seen, c.Text); return nil })
			all := fmt.Sprint(seen)
			for _, s := range secrets {
				if got, want := strings.Contains(all, s), w.Role.SeesContact(); got != want {
					t.Errorf("%q in what a %s reads: %v, want %v\n%s", s, w.Role, got, want, all)
				}
			}
		})
	}
}

func TestRedactFor(t *testing.T) {
	c := &kiosk.Contact{Name: "李秀兰", Phone: "139-0000-1111", Consent: true}
	for in, want := range map[string]string{
		"李秀兰反映：楼道灯坏了":         "***反映：楼道灯坏了",
		"打139，0000，1111找我":    "打139，****，**11找我",
		"一三八一二三四五六七八":         "*********七八",
		"邮箱 lxl.2020@163.com": "邮箱 ********@163.com",
		"2026.11.29 停水":       "202*.**.29 停水",
		"票号 123456789 的事":     "票号 123456789 的事",
		"陈先生说":                "陈先生说",
	} {
		if got := hub.RedactFor(in, c); got != want {
			t.Errorf("RedactFor(%q) = %q, want %q", in, got, want)
		}
	}
	if got := hub.RedactFor("王五 13812345678", nil); got != hub.Redact("王五 13812345678") {
		t.Errorf("without contact: %q", got)
	}
}
