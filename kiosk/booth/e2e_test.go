package booth_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
)

// station is a hub with its embedded broker, ingest and lookups, and two
// kiosks: the booth, and a wall kiosk whose codes the booth looks up.
type station struct {
	hubDB       *hubsqlite.DB
	booth, wall *kiosksqlite.DB
	boothRelay  *mqtt.Relay
	wallRelay   *mqtt.Relay
	lookup      *kiosk.Lookup
	gen         kiosk.UUIDGen
}

func newStation(t *testing.T) *station {
	t.Helper()
	dir := t.TempDir()
	creds := &mqtt.Credentials{}
	for _, u := range []string{mqtt.UserHub, "booth-01", "wall-02"} {
		if err := creds.Set(u, "pw-"+u); err != nil {
			t.Fatal(err)
		}
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, trust := mqtt.NewSigner(priv), mqtt.NewTrust().Add(mqtt.RoleHub, pub)
	s := &station{hubDB: hubsqlite.NewDB(filepath.Join(dir, "hub.db"))}
	s.hubDB.DeferCases = true
	open(t, s.hubDB.Open, s.hubDB.Close)
	proj := &hubsqlite.Projector{DB: s.hubDB, OnError: func(err error) { t.Error(err) }}
	open(t, proj.Open, proj.Close)
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	open(t, b.Open, b.Close)
	url := "tcp://" + b.ListenAddr()
	lookups := &hubside.Lookups{Store: s.hubDB, Signer: signer, PerMinute: 30}
	in := &hubside.Ingest{Conn: mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: "pw-" + mqtt.UserHub, KeepAlive: 5 * time.Second},
		Store: s.hubDB, Signer: signer, OnLookup: lookups.Offer}
	open(t, in.Open, in.Close)
	lookups.Ingest = in
	open(t, lookups.Open, lookups.Close)
	s.booth, s.boothRelay = s.kiosk(t, dir, url, trust, "booth-01", 11)
	s.wall, s.wallRelay = s.kiosk(t, dir, url, trust, "wall-02", 22)
	s.lookup = &kiosk.Lookup{Number: 11, Store: s.booth, Station: s.boothRelay, Timeout: 5 * time.Second, PerMinute: 60}
	waitFor(t, func() bool { return in.Connected() && s.boothRelay.Stats().Subscribed }, "the hub and the booth connected")
	return s
}

func (s *station) kiosk(t *testing.T, dir, url string, trust *mqtt.Trust, id string, number int) (*kiosksqlite.DB, *mqtt.Relay) {
	db := kiosksqlite.NewDB(filepath.Join(dir, id, "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(number, id)
	open(t, db.Open, db.Close)
	r := &mqtt.Relay{Conn: mqtt.Conn{Broker: url, Username: id, Password: "pw-" + id, KeepAlive: 2 * time.Second, ConnectTimeout: 2 * time.Second},
		Kiosk: id, Outbox: db, Downstream: db, Trust: trust, AckTimeout: 5 * time.Second, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}
	open(t, r.Open, r.Close)
	return db, r
}

func open(t *testing.T, o func() error, c func() error) {
	t.Helper()
	if err := o(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c() })
}

// waitFor keeps a broken test from hanging; it measures no speed.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

type rig struct {
	booth  *booth.Booth
	dev    *audiotest.Device
	ear    *ear
	screen *screens
	sink   *voiceFolder
	events chan string
}

func newRig(t *testing.T, st *station, tune func(*booth.Booth)) *rig {
	t.Helper()
	dev := audiotest.New()
	voice := newVoice(t, nil)
	cfg := kiosk.Defaults().Booth
	cfg.KeyTimeout = kiosk.Duration(5 * time.Second)
	cfg.MaxMessage = kiosk.Duration(3 * time.Second)
	r := &rig{dev: dev, ear: newEar(t, dev, voice), screen: &screens{}, events: make(chan string, 100)}
	r.booth = &booth.Booth{Audio: dev, Voice: voice, Config: cfg, KioskID: "booth-01", Service: "station",
		Show: r.screen.show, Event: func(e string) { r.events <- e }}
	if st != nil {
		r.sink = &voiceFolder{store: st.booth}
		r.booth.Store, r.booth.Lookup, r.booth.Wall, r.booth.Sink = st.booth, st.lookup, st.booth, r.sink
	}
	if tune != nil {
		tune(r.booth)
	}
	open(t, r.booth.Open, r.booth.Close)
	return r
}

var (
	welcome = booth.Welcome.Text()
	menu    = booth.Menu.Text()
)

// TestRateByKeys: handset up, 1, 3: the rating reaches the hub through the
// relay, with the handset as its channel.
func TestRateByKeys(t *testing.T) {
	st := newStation(t)
	r := newRig(t, st, nil)
	r.booth.HookUp()
	r.ear.expect(welcome, menu)
	press(r.booth, "1")
	r.ear.expect(booth.RateQuestion.Text(), booth.RateAnswers.Text())
	press(r.booth, "3")
	r.ear.expect(booth.RateThanks.Text(), menu)
	if e := <-r.events; e != "rated" {
		t.Fatalf("event %q", e)
	}
	sub, err := st.booth.Submission(context.Background(), 1)
	if err != nil || sub.Kind != kiosk.KindRating || sub.Body.Rating != kiosk.RatingSatisfied || sub.Body.Channel != kiosk.ChannelHandset {
		t.Fatalf("stored %+v, %v", sub, err)
	}
	waitFor(t, func() bool { ok, _ := st.hubDB.Has(context.Background(), sub.ID); return ok }, "the rating at the hub")
}

// TestWallByKeys: 2 reads the first reply; 2 again repeats it; 1 reads the
// next; 1 past the last says so; back at the menu.
func TestWallByKeys(t *testing.T) {
	st := newStation(t)
	items := []kiosk.WallItem{
		{ID: "w1", Topic: "sanitation", Question: "垃圾站太臭", Reply: "已经每天清洗两次", PublishedAt: time.Now()},
		{ID: "w2", Topic: "traffic", Question: "路口没有红绿灯", Reply: "交警下个月安装", PublishedAt: time.Now()},
	}
	if _, err := st.booth.PutWall(context.Background(), kiosk.WallSnapshot{Version: 1, Items: items}); err != nil {
		t.Fatal(err)
	}
	r := newRig(t, st, nil)
	first, second := r.ear.learn(booth.WallText(0, items[0])), r.ear.learn(booth.WallText(1, items[1]))
	keys := booth.WallKeys.Text()
	r.booth.HookUp()
	r.ear.expect(welcome, menu)
	press(r.booth, "2")
	r.ear.expect(booth.WallIntro.Text(), first, keys)
	press(r.booth, "2")
	r.ear.expect(first, keys)
	press(r.booth, "1")
	r.ear.expect(second, keys)
	press(r.booth, "1")
	r.ear.expect(booth.WallEnd.Text(), menu)
	press(r.booth, "2")
	r.ear.expect(booth.WallIntro.Text(), first, keys)
	press(r.booth, "*")
	r.ear.expect(menu)
	if v := r.screen.steps(); !containsAll(v, booth.StepMenu, booth.StepWall, booth.StepMessage) {
		t.Errorf("screens %v", v)
	}
}

// TestLookupByKeys: a code issued at the wall kiosk, keyed at the booth,
// read back, asked of the station through the broker; then the booth's own
// code with the station's reply; then a mistyped code.
func TestLookupByKeys(t *testing.T) {
	st := newStation(t)
	ctx := context.Background()
	now := time.Now()
	other := &kiosk.Submission{ID: st.gen.New(now), Kiosk: "wall-02", Kind: kiosk.KindOpinion, CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Topic: "sanitation", Text: "楼道灯坏了", Lang: "zh", Channel: kiosk.ChannelTouch}}
	if err := st.wall.Submit(ctx, other); err != nil {
		t.Fatal(err)
	}
	st.wallRelay.Notify()
	waitFor(t, func() bool { _, err := st.hubDB.CaseByTicket(ctx, other.Ticket); return err == nil }, "the wall kiosk's case at the hub")

	r := newRig(t, st, nil)
	readBack := r.ear.learn("您输入的号码是：" + booth.Digits(other.Ticket) + "。")
	status := r.ear.learn(booth.TicketText(kiosk.TicketUpdate{Status: kiosk.StatusReceived}))
	r.booth.HookUp()
	r.ear.expect(welcome, menu)
	press(r.booth, "3")
	r.ear.expect(booth.LookupAsk.Text())
	press(r.booth, "12*") // a slip: * starts again
	r.ear.expect(booth.LookupAsk.Text())
	press(r.booth, other.Ticket)
	r.ear.expect(readBack, booth.LookupConfirm.Text())
	press(r.booth, "#")
	r.ear.expect(booth.LookupWait.Text(), status, booth.LookupAgain.Text())
	if v := r.screen.last(); v.Step != booth.StepResult || v.Ticket == nil || v.Ticket.Status != kiosk.StatusReceived {
		t.Fatalf("screen %+v", v)
	}
	press(r.booth, "*")
	r.ear.expect(menu)

	// The booth's own opinion, answered by the station.
	mine := &kiosk.Submission{ID: st.gen.New(now), Kiosk: "booth-01", Kind: kiosk.KindOpinion, CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Topic: "other", Text: "想要老人食堂", Lang: "zh", Channel: kiosk.ChannelTouch}}
	if err := st.booth.Submit(ctx, mine); err != nil {
		t.Fatal(err)
	}
	u := kiosk.TicketUpdate{Ticket: mine.Ticket, SubmissionID: mine.ID, Status: kiosk.StatusReplied, Reply: "长者饭堂下月开业，地址在文化楼一楼", UpdatedAt: now}
	if err := st.booth.PutTicketUpdate(ctx, u); err != nil {
		t.Fatal(err)
	}
	readBack = r.ear.learn("您输入的号码是：" + booth.Digits(mine.Ticket) + "。")
	reply := r.ear.learn(booth.TicketText(u))
	press(r.booth, "3")
	r.ear.expect(booth.LookupAsk.Text())
	press(r.booth, mine.Ticket)
	r.ear.expect(readBack, booth.LookupConfirm.Text())
	press(r.booth, "#")
	r.ear.expect(booth.LookupWait.Text(), reply, booth.LookupAgain.Text())
	press(r.booth, "1")
	r.ear.expect(reply, booth.LookupAgain.Text())
	press(r.booth, "*")
	r.ear.expect(menu)

	// A code whose check digit is wrong.
	bad := []byte(mine.Ticket)
	bad[8] = '0' + (bad[8]-'0'+1)%10
	readBack = r.ear.learn("您输入的号码是：" + booth.Digits(string(bad)) + "。")
	press(r.booth, "3")
	r.ear.expect(booth.LookupAsk.Text())
	press(r.booth, string(bad))
	r.ear.expect(readBack, booth.LookupConfirm.Text())
	press(r.booth, "#")
	r.ear.expect(booth.LookupWait.Text(), booth.LookupBad.Text(), menu)
}

// TestVoiceMessageByKeys: 4, the caller speaks (a tone standing in for a
// voice) and presses #: the message is stored and its code read twice.
// Then silence is discarded and said so, and a 4 hung up at once keeps
// nothing.
func TestVoiceMessageByKeys(t *testing.T) {
	st := newStation(t)
	r := newRig(t, st, nil)
	r.booth.HookUp()
	r.ear.expect(welcome, menu)
	r.dev.Speak(speech(2500 * time.Millisecond))
	press(r.booth, "4")
	r.ear.expect(booth.VoiceIntro.Text(), "嘀")
	waitFor(t, func() bool { return r.screen.loudest() > 0.1 }, "the level meter")
	press(r.booth, "#")
	waitFor(t, func() bool { return r.sink.count() == 1 }, "the message stored")
	sub, err := st.booth.Submission(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	code := r.ear.learn("您的回执号码是：" + booth.Digits(sub.Ticket) + "。")
	r.ear.expect(booth.VoiceSaved.Text(), code, booth.VoiceAgain.Text(), code, menu)
	if v := r.screen.steps(); !containsAll(v, booth.StepRecord, booth.StepSaved) {
		t.Errorf("screens %v", v)
	}
	if got := hardware.Duration(r.sink.saved[0]); got < 2500*time.Millisecond {
		t.Errorf("kept %v of a 2.5 s message", got)
	}

	// Silence until the limit: discarded, and the caller told.
	press(r.booth, "4")
	r.ear.expect(booth.VoiceIntro.Text(), "嘀", booth.VoiceSilent.Text(), menu)
	if e := lastEvent(r.events); e != "voice_discarded_silence" {
		t.Errorf("event %q", e)
	}
	// Speech but # within 2 s: too short.
	r.dev.Speak(speech(time.Second))
	press(r.booth, "4")
	r.ear.expect(booth.VoiceIntro.Text(), "嘀")
	press(r.booth, "#")
	r.ear.expect(booth.VoiceShort.Text(), menu)
	// A hang-up within 2 s: nothing kept.
	press(r.booth, "4")
	r.ear.expect(booth.VoiceIntro.Text(), "嘀")
	r.booth.HookDown()
	r.ear.quiet(300 * time.Millisecond)
	if r.sink.count() != 1 {
		t.Fatalf("%d messages kept, want 1", r.sink.count())
	}

	// Speaking, then hanging up without # (说完请挂机): kept.
	r2 := newRig(t, st, func(b *booth.Booth) { b.Config.MaxMessage = kiosk.Duration(time.Minute) })
	r2.booth.HookUp()
	r2.ear.expect(welcome, menu)
	r2.dev.Speak(speech(2500 * time.Millisecond))
	press(r2.booth, "4")
	r2.ear.expect(booth.VoiceIntro.Text(), "嘀")
	waitFor(t, func() bool { return r2.screen.loudest() > 0.1 }, "the recording")
	r2.booth.HookDown()
	waitFor(t, func() bool { return r2.sink.count() == 1 }, "the message kept after hanging up")
	r2.ear.quiet(300 * time.Millisecond)
	if got := hardware.Duration(r2.sink.saved[0]); got < 2500*time.Millisecond {
		t.Errorf("kept %v of a 2.5 s message", got)
	}
}

// speech is a stand-in for a voice: a tone at speaking loudness.
func speech(d time.Duration) []int16 {
	return hardware.Tone(220, int(d*hardware.SampleRate/time.Second), 0.25)
}

func lastEvent(ch chan string) string {
	last := ""
	for {
		select {
		case e := <-ch:
			last = e
		default:
			return last
		}
	}
}

func containsAll(steps []booth.Step, want ...booth.Step) bool {
	for _, w := range want {
		found := false
		for _, s := range steps {
			found = found || s == w
		}
		if !found {
			return false
		}
	}
	return true
}
