package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	"opinionwall/kiosk"
)

// Browser tests: Debian's chromium (make deps installs it) driven by
// chromedp at a phone's 390×844, screenshots into build/web-shots.

const shots = "../../build/web-shots"

// browser starts headless chromium for the test, at 390×844 as a phone.
func browser(t testing.TB) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: run make deps (deploy/deps.sh installs it)")
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(path), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.IgnoreCertErrors, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("lang", "zh-CN"))
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func run[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// shot saves the whole page as build/web-shots/name.jpg.
func shot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	b := run(t, ctx, chromedp.FullScreenshot(90))
	if err := os.WriteFile(filepath.Join(shots, name+".jpg"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// offline cuts the page's network (requests fail, navigator.onLine is
// false) or gives it back.
func offline(t testing.TB, ctx context.Context, off bool) {
	t.Helper()
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}}}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}))
}

func loginAs(t testing.TB, ctx context.Context, st *station, id string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("input[name=id]")),
		chromedp.SendKeys(chromedp.CSS("input[name=id]"), id), chromedp.SendKeys(chromedp.CSS("input[name=pin]"), seed.PIN),
		chromedp.Click(chromedp.CSS("form button")), chromedp.WaitVisible(chromedp.CSS("main ul.cases")))
}

// The grid worker's day on a phone: log in, my cases, the case, a note
// typed with no signal and sent when back, a photo whose EXIF is gone.
func TestBrowserGridWorker(t *testing.T) {
	st := newStation(t, 150, nil)
	id := firstOpinion(t, st)
	c := st.assign(t, id, "wang")
	ctx := browser(t)

	do(t, ctx, chromedp.Navigate(st.srv.URL+"/my"), chromedp.WaitVisible(chromedp.CSS("input[name=pin]")))
	shot(t, ctx, "01-login")
	loginAs(t, ctx, st, "wang")
	shot(t, ctx, "02-my-cases")
	first := run(t, ctx, chromedp.AttributeValue(chromedp.CSS("ul.cases li a"), "href"))
	if first.Value != "/c/"+id {
		t.Errorf("first of my cases: %s, want the one assigned to me /c/%s", first.Value, id)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS("ul.cases li a")), chromedp.WaitVisible(chromedp.CSS("#case")))
	shot(t, ctx, "03-case")
	if tel := run(t, ctx, chromedp.AttributeValue(chromedp.CSS("a.call"), "href")); !strings.HasPrefix(tel.Value, "tel:1") {
		t.Errorf("一键拨号: %q", tel.Value)
	}
	do(t, ctx, chromedp.Poll[chromedp.Void](`typeof htmx === "object"`)) // loaded after the page
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.sameDocument = true`))
	do(t, ctx, chromedp.Click(chromedp.CSS(`form[action$="/start"] button`)), chromedp.WaitNotPresent(chromedp.CSS(`form[action$="/start"]`)))
	if same := run(t, ctx, chromedp.Evaluate[bool](`window.sameDocument === true`)); !same {
		t.Error("start reloaded the page: htmx did not swap the case in")
	}
	if got, _, _ := st.db.Case(context.Background(), id); got.Version == c.Version {
		t.Error("start did not change the case")
	}

	// No signal: the note waits in the page.
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/c/"+id), chromedp.WaitVisible(chromedp.CSS("#case")))
	offline(t, ctx, true)
	note := "地下室水管已关阀，明天换管"
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form[data-offline] textarea[name=text]`), note),
		chromedp.Click(chromedp.CSS(`form[data-offline] button`)),
		chromedp.WaitVisible(chromedp.CSS("#pending li")), chromedp.Sleep(500*time.Millisecond))
	shot(t, ctx, "04-note-offline")
	if ns, _ := st.db.Notes(context.Background(), id); len(ns) != 0 {
		t.Fatalf("offline, yet the hub has %d notes", len(ns))
	}
	// Back online: the queue sends it, once.
	offline(t, ctx, false)
	do(t, ctx, chromedp.WaitNotPresent(chromedp.CSS("#pending li")))
	do(t, ctx, chromedp.Poll[chromedp.Void](`document.getElementById("notes").textContent.includes("`+note+`")`, chromedp.WithPollingTimeout(20*time.Second)))
	shot(t, ctx, "05-note-synced")
	ns, _ := st.db.Notes(context.Background(), id)
	if len(ns) != 1 || ns[0].Text != note || ns[0].Kind != hub.NoteProgress {
		t.Fatalf("notes after the signal came back: %+v", ns)
	}

	// A photo with GPS and device EXIF, uploaded from the file input.
	file := filepath.Join(t.TempDir(), "IMG_0001.jpg")
	if err := os.WriteFile(file, exifJPEG(t, 2400, 1800, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{file}),
		chromedp.Click(chromedp.CSS(`form[enctype] button`)), chromedp.WaitVisible(chromedp.CSS("#notes img")))
	shot(t, ctx, "06-photo")
	ns, _ = st.db.Notes(context.Background(), id)
	last := ns[len(ns)-1]
	b, err := st.db.NotePhoto(context.Background(), id, last.ID)
	if err != nil || last.Kind != hub.NotePhoto {
		t.Fatalf("photo note %+v: %v", last, err)
	}
	if hasEXIF(b) {
		t.Error("the stored photo still has EXIF")
	}
	// And what the page serves is the same clean file.
	served := run(t, ctx, chromedp.Evaluate[bool](`fetch(document.querySelector("#notes img").src).then(r => r.arrayBuffer()).then(b => !new TextDecoder("latin1").decode(b).includes("`+Phone+`"))`, chromedp.EvalAwaitPromise))
	if !served {
		t.Error("the served photo names the phone")
	}
	// A proposed reply and "resolved", for the lead.
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form[data-offline] input[value=proposal] ~ label textarea`), "水管已更换，请居民试用"),
		chromedp.Click(chromedp.CSS(`form[data-offline] input[value=proposal] ~ button`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("notes").textContent.includes("水管已更换")`, chromedp.WithPollingTimeout(20*time.Second)))

	// English: one language on the page.
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/my"), chromedp.WaitVisible(chromedp.CSS("ul.cases")),
		chromedp.Click(chromedp.CSS("a.lang")), chromedp.WaitVisible(chromedp.CSS("ul.cases")))
	shot(t, ctx, "07-my-cases-en")
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS("body"))); !strings.Contains(txt, "My cases") || strings.Contains(txt, "我的待办") {
		t.Errorf("English page: %.80q", txt)
	}
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/lang?to=zh&back=/my"), chromedp.WaitVisible(chromedp.CSS("ul.cases")))

	// The lead sees the photo and the proposal, puts the photo on the wall and sends the proposal as the reply.
	do(t, ctx, chromedp.Click(chromedp.CSS(`header form button`)), chromedp.WaitVisible(chromedp.CSS("input[name=pin]")))
	loginAs(t, ctx, st, "zhang")
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/c/"+id), chromedp.WaitVisible(chromedp.CSS("#notes img")))
	do(t, ctx, chromedp.Click(chromedp.CSS(`form[action$="/wall"] button`)), chromedp.WaitReady(chromedp.CSS(`form[action$="/wall"] input[value="0"]`)))
	shot(t, ctx, "08-lead-case")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action$="/adopt"] button`))); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.db.Case(context.Background(), id); got.Reply != "水管已更换，请居民试用" || got.Status != kiosk.StatusReplied {
		t.Errorf("after the lead adopted the proposal: %s %q", got.Status, got.Reply)
	}
}

// A volunteer sees the case without contact and without actions, and a
// start sent anyway is refused; the public page for a known code, an
// unknown code and a malformed one (the last two alike), in both languages.
func TestBrowserVolunteerAndPublic(t *testing.T) {
	st := newStation(t, 150, nil)
	id := firstOpinion(t, st)
	c := st.assign(t, id, "chen")
	ctx := browser(t)

	loginAs(t, ctx, st, "li")
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/c/"+id), chromedp.WaitVisible(chromedp.CSS("#case")))
	shot(t, ctx, "10-volunteer-case")
	html := run(t, ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if phoneRE.MatchString(html) || strings.Contains(html, "tel:") || strings.Contains(html, `action="/c/`+id+`/start"`) {
		t.Error("the volunteer's case page shows a phone or the start action")
	}
	// The volunteer posts the start form anyway (built by hand, same origin).
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const f = document.createElement("form"); f.method = "post";
		f.action = "/c/`+id+`/start"; const v = document.createElement("input"); v.name = "version"; v.value = "`+itoa(c.Version)+`";
		f.appendChild(v); document.body.appendChild(f); f.submit(); })()`), chromedp.WaitVisible(chromedp.CSS("p.err")))
	shot(t, ctx, "11-volunteer-refused")
	if msg := run(t, ctx, chromedp.Text(chromedp.CSS("p.err"))); !strings.Contains(msg, "你的角色不能做这件事") {
		t.Errorf("refusal: %q", msg)
	}
	if got, _, _ := st.db.Case(context.Background(), id); got.Version != c.Version {
		t.Error("the volunteer's start changed the case")
	}

	do(t, ctx, chromedp.Navigate(st.srv.URL+"/t/"+c.Ticket), chromedp.WaitVisible(chromedp.CSS("ol.timeline")))
	shot(t, ctx, "12-public-known")
	known := run(t, ctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(known, "已派人") || phoneRE.MatchString(known) {
		t.Errorf("public page: %q", known)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("a.lang")), chromedp.WaitVisible(chromedp.CSS("ol.timeline")))
	shot(t, ctx, "13-public-known-en")
	if en := run(t, ctx, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(en, "Assigned") || strings.Contains(en, "已派人") {
		t.Errorf("English public page: %q", en)
	}
	codec, _ := kiosk.NewTicketCodec(99, "wall-99") // a well-formed code no kiosk of the station issued
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/t/"+codec.Code(7)), chromedp.WaitVisible(chromedp.CSS("p.err")))
	shot(t, ctx, "14-public-unknown")
	unknown := run(t, ctx, chromedp.OuterHTML(chromedp.CSS("main")))
	do(t, ctx, chromedp.Navigate(st.srv.URL+"/t/12-34"), chromedp.WaitVisible(chromedp.CSS("p.err")))
	if wrong := run(t, ctx, chromedp.OuterHTML(chromedp.CSS("main"))); wrong != unknown {
		t.Errorf("a malformed code's page differs from an unknown one's:\n%s\n%s", wrong, unknown)
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// weight returns the bytes the page and what it loaded took over the
// network (performance API transferSize: headers and compressed bodies).
func weight(t testing.TB, ctx context.Context) int {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[int](`performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
		.filter(e => !e.name.includes("/photo/")).reduce((s, e) => s + e.transferSize, 0)`))
}

// noCache makes every load a first load.
func noCache(t testing.TB, ctx context.Context) {
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	}))
}

// fits checks a phone's page: nothing wider than the screen, every
// target (link, button, field) at least 44 px high.
func fits(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	small := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a, button, input:not([type=hidden]), textarea"))
		.filter(e => e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80))`))
	if len(small) > 0 {
		t.Errorf("%s: targets under 44 px: %q", name, small)
	}
	if w := run(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("%s: %d px wide on a 390 px screen", name, w)
	}
}

// Every page weighs at most 100 KB on a first load, photos apart, fits
// the phone's width and has targets of at least 44 px.
func TestBrowserPageWeight(t *testing.T) {
	st := newStation(t, 150, nil)
	id := firstOpinion(t, st)
	c := st.assign(t, id, "wang")
	ctx := browser(t)
	noCache(t, ctx)
	pages := []struct{ name, path, ready string }{
		{"public", "/t/" + c.Ticket, "ol.timeline"}, {"login", "/login", "input[name=pin]"},
	}
	for _, p := range pages {
		do(t, ctx, chromedp.Navigate(st.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)), chromedp.Sleep(200*time.Millisecond))
		w := weight(t, ctx)
		fits(t, ctx, p.name)
		t.Logf("%s: %d bytes", p.name, w)
		if w > 100*1024 {
			t.Errorf("%s weighs %d bytes", p.name, w)
		}
	}
	loginAs(t, ctx, st, "wang")
	for _, p := range []struct{ name, path, ready string }{{"my-cases", "/my", "ul.cases"}, {"case", "/c/" + id, "#case"}} {
		do(t, ctx, chromedp.Navigate(st.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)), chromedp.Sleep(300*time.Millisecond))
		w := weight(t, ctx)
		fits(t, ctx, p.name)
		t.Logf("%s: %d bytes", p.name, w)
		if w > 100*1024 {
			t.Errorf("%s weighs %d bytes", p.name, w)
		}
	}
}

// BenchmarkSlow3GFirstLoad: the first load (no cache) of the public page
// and of 我的待办 under DevTools' slow-3G profile (2 s latency, 50 kB/s
// down and up), from navigation to the load event, in ms.
func BenchmarkSlow3GFirstLoad(b *testing.B) {
	st := newStation(b, 400, nil)
	id := firstOpinion(b, st)
	c := st.assign(b, id, "wang")
	ctx := browser(b)
	loginAs(b, ctx, st, "wang")
	noCache(b, ctx)
	do(b, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: 2000, DownloadThroughput: 50_000, UploadThroughput: 50_000}}})
		return err
	}))
	for _, p := range []struct{ name, path, ready string }{{"public", "/t/" + c.Ticket, "ol.timeline"}, {"my-cases", "/my", "ul.cases"}} {
		b.Run(p.name, func(b *testing.B) {
			var total float64
			for b.Loop() {
				do(b, ctx, chromedp.Navigate(st.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)))
				ms := run(b, ctx, chromedp.Poll[float64](`(() => { const n = performance.getEntriesByType("navigation")[0]; return n && n.loadEventEnd > 0 ? n.loadEventEnd : false })()`))
				total += ms
			}
			b.ReportMetric(total/float64(b.N), "load-ms")
		})
	}
}
