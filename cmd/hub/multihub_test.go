package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/deskapi"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/internal/freeport"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// The district's station in one test: three `hub run -shared -db
// postgres://…` processes (this test binary re-executed as `hub`, as
// TestEscalationSurvivesKills does) on one throw-away PostgreSQL, behind
// Debian's mosquitto with the station's ACL, and kiosks on their real
// stores sending through their relays.
const (
	mhReplied = 5 // cases per kiosk triaged and replied afterwards
	mhPIN     = "246813"
)

// shape is what a district test runs: hubs (all -shared, or one without),
// kiosks and the submissions queued at each, and the relays' window.
type shape struct {
	hubs, kiosks, each, window int
	shared                     bool
}

// theTest's district: three hubs, six kiosks with 400 queued each.
var theTest = shape{hubs: 3, kiosks: 6, each: 400, window: 32, shared: true}

// TestSeveralHubsOnePostgreSQL kills one of three hubs (SIGKILL) while the
// kiosks' backlog flows in and starts it again, then checks: every
// submission stored exactly once and acked (every kiosk's outbox empty), a
// case for each, every hub took a share of the work and not all of it,
// each ticket update reached its kiosk once (only the hub holding the
// advisory lock sends), and the review app's API and the web pages of each
// of the three hubs show the same inbox and cases.
func TestSeveralHubsOnePostgreSQL(t *testing.T) {
	s := newDistrict(t, theTest)
	ks := s.queueKiosks()
	s.startRelays(ks)
	ctx := context.Background()
	total := theTest.kiosks * theTest.each
	stored := func() int64 { n, _, _ := s.db.Count(ctx); return n }

	// Kill the second hub mid-load; what it had been handed and not acked
	// waits for the kiosks' resend (or its return); the others go on.
	waitForFast(t, 2*time.Minute, func() bool { return stored() >= int64(total/6) },
		func() string { return fmt.Sprintf("stored %d before the kill\n%s", stored(), s.hubs[1].logs()) })
	s.hubs[1].kill()
	killedAt := time.Now()
	atKill := stored()
	if atKill >= int64(total) {
		t.Fatalf("the load was over before the kill (%d stored): nothing was tested", atKill)
	}
	// What the kiosks had published and the store did not hold when the
	// hub died: some of it went to the dead hub, which will not ack it.
	var stranded []string
	for _, id := range inflight(t, ks) {
		if ok, _ := s.db.Has(ctx, id); !ok {
			stranded = append(stranded, id)
		}
	}
	waitFor(t, 2*time.Minute, func() bool { return allStored(t, s.db, stranded) },
		func() string {
			return fmt.Sprintf("what was in flight at the kill is not stored (%d of %d)", stored(), total)
		})
	flowing := time.Since(killedAt)
	t.Logf("killed hub 2 with %d of %d stored and %d submissions in flight not stored; all of those stored %s later (hub 2 still down), %d stored by then",
		atKill, total, len(stranded), flowing.Round(10*time.Millisecond), stored())
	checkLookupWhileDown(t, s.db, ks)
	s.hubs[1].start()
	s.waitReady(1)

	waitFor(t, 2*time.Minute, func() bool { return drained(t, ks) },
		func() string { return fmt.Sprintf("kiosks not drained: %s; stored %d", outboxes(t, ks), stored()) })
	checkStoredOnce(t, s.db, ks, total)
	waitFor(t, 30*time.Second, func() bool { in, _ := s.db.Inbox(ctx, hub.Filter{}); return in.Total == total },
		func() string {
			in, _ := s.db.Inbox(ctx, hub.Filter{})
			return fmt.Sprintf("%d cases for %d submissions", in.Total, total)
		})

	replied := s.replyVia([]int{0, 1, 2}, ks, 0)
	s.checkDownlinkOnce(ks, replied)
	s.checkSameEverywhere(replied)
	s.checkShares(total)
	for i, p := range s.hubs {
		if i != 1 && strings.Contains(p.logs(), "ingest: connection lost") {
			t.Errorf("hub %d lost its connection to the broker (another hub took its client id?):\n%s", i+1, p.logs())
		}
	}
	s.checkLeaderKilled(ks)
}

// district is the station: mosquitto, PostgreSQL and the hub processes.
type district struct {
	t       *testing.T
	shape   shape
	dir     string
	broker  string // tcp://… of mosquitto
	trust   *mqtt.Trust
	pg      string
	db      *hubsqlite.DB // the test's own handle on the shared store
	hubs    []*hubProc
	sockets []string // each hub's desk socket (the review app's API)
	webs    []string // each hub's web server
}

func newDistrict(t *testing.T, sh shape) *district {
	t.Helper()
	if !pgtest.Available() {
		t.Skip(pgtest.ErrNotInstalled)
	}
	bin, err := exec.LookPath("mosquitto")
	if err != nil {
		if _, err := os.Stat("/usr/sbin/mosquitto"); err != nil {
			t.Skip("mosquitto is not installed (make deps installs it)")
		}
		bin = "/usr/sbin/mosquitto"
	}
	s := &district{t: t, shape: sh, dir: t.TempDir(), pg: pgtest.Database(t)}
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", s.dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	if s.trust, err = mqtt.LoadTrust(s.dir); err != nil {
		t.Fatal(err)
	}
	s.broker = startMosquitto(t, bin, s.dir, sh.kiosks)
	// The test's handle makes the tables and the workers before the hubs start.
	s.db = hubsqlite.NewDB(s.pg)
	if err := s.db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.db.Close() })
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	lead.PINHash, _ = hub.HashPIN(mhPIN)
	if err := s.db.PutWorker(context.Background(), lead); err != nil {
		t.Fatal(err)
	}
	for i := range sh.hubs {
		s.startHub(i)
	}
	for i := range sh.hubs {
		s.waitReady(i)
	}
	return s
}

// startMosquitto runs Debian's mosquitto on a free loopback port with the
// station's password file (the hub and every kiosk) and generated ACL.
func startMosquitto(t *testing.T, bin, dir string, kiosks int) string {
	t.Helper()
	creds := &mqtt.Credentials{}
	creds.Set(mqtt.UserHub, "hub-secret")
	for i := range kiosks {
		creds.Set(kioskID(i), "kiosk-secret")
	}
	os.WriteFile(filepath.Join(dir, "passwd"), creds.Bytes(), 0o600)
	os.WriteFile(filepath.Join(dir, "acl"), []byte(mqtt.MosquittoACL()), 0o600)
	os.WriteFile(filepath.Join(dir, "hub.pass"), []byte("hub-secret\n"), 0o600)
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	addr := freeport.Addr(t)
	host, port, _ := net.SplitHostPort(addr)
	conf := fmt.Sprintf("user %s\nper_listener_settings false\nallow_anonymous false\npassword_file %s\nacl_file %s\npersistence false\nlistener %s %s\nlog_dest stderr\n",
		me.Username, filepath.Join(dir, "passwd"), filepath.Join(dir, "acl"), port, host)
	cfg := filepath.Join(dir, "mosquitto.conf")
	os.WriteFile(cfg, []byte(conf), 0o600)
	cmd := exec.Command(bin, "-c", cfg)
	var logs strings.Builder
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() || os.Getenv("OW_MH_LOGS") != "" {
			t.Logf("mosquitto:\n%s", logs.String())
		}
	})
	waitFor(t, 10*time.Second, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, func() string { return "mosquitto did not start" })
	return "tcp://" + addr
}

func kioskID(i int) string { return fmt.Sprintf("wall-%02d", i+1) }

// startHub starts hub i as the district's unit runs it (docs/OPERATIONS.md).
func (s *district) startHub(i int) {
	data := filepath.Join(s.dir, fmt.Sprintf("hub%d", i+1))
	sock := filepath.Join(s.dir, fmt.Sprintf("desk%d.sock", i+1))
	web := freeport.Addr(s.t)
	s.sockets, s.webs = append(s.sockets, sock), append(s.webs, web)
	s.hubs = append(s.hubs, startHub(s.t, fmt.Sprintf("hub%d", i+1), "-data", data, "-db", s.pg, "-key", filepath.Join(s.dir, "hub.key"),
		"-broker", s.broker, "-broker-password-file", filepath.Join(s.dir, "hub.pass"), fmt.Sprintf("-shared=%v", s.shape.shared),
		"-client-id", fmt.Sprintf("ow-hub-%d", i+1), "-desk-socket", sock, "-web-listen", web, "-web-pages", "-web-public",
		"-web-session-key", filepath.Join(s.dir, "web-session.key"), "-kiosks", filepath.Join(s.dir, "no-registry")))
}

// waitReady waits until hub i answers on its desk socket (it opens after
// the store and the MQTT parts).
func (s *district) waitReady(i int) {
	s.t.Helper()
	waitFor(s.t, 60*time.Second, func() bool {
		c := &deskapi.Client{Path: s.sockets[i], Timeout: time.Second}
		if err := c.Open(); err != nil {
			return false
		}
		c.Close()
		return true
	}, func() string { return fmt.Sprintf("hub %d not ready:\n%s", i+1, s.hubs[i].logs()) })
}

// countingDown counts the ticket updates a kiosk takes in.
type countingDown struct {
	kiosk.Downstream
	updates atomic.Int64
}

func (c *countingDown) PutTicketUpdate(ctx context.Context, u kiosk.TicketUpdate) error {
	c.updates.Add(1)
	return c.Downstream.PutTicketUpdate(ctx, u)
}

// kioskSide is a kiosk: its store, what it queued and its relay.
type kioskSide struct {
	id    string
	db    *kiosksqlite.DB
	ids   []string
	down  *countingDown
	relay *mqtt.Relay
	want  int64 // ticket updates it should have taken in
}

// queueKiosks queues the shape's submissions at each kiosk.
func (s *district) queueKiosks() []*kioskSide {
	t := s.t
	ctx := context.Background()
	var ks []*kioskSide
	var gen kiosk.UUIDGen
	for i := range s.shape.kiosks {
		k := &kioskSide{id: kioskID(i), db: kiosksqlite.NewDB(filepath.Join(s.dir, kioskID(i), "kiosk.db"))}
		k.db.Tickets, _ = kiosk.NewTicketCodec(11+i, k.id)
		if err := k.db.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { k.db.Close() })
		for n := range s.shape.each {
			sub := &kiosk.Submission{ID: gen.New(time.Now()), Kiosk: k.id, Kind: kiosk.KindOpinion, CreatedAt: time.Now(), ClockSynced: true,
				Body: kiosk.Body{Topic: "lights", Text: fmt.Sprintf("%s 第%d号楼路灯不亮", k.id, n), Lang: "zh", Channel: kiosk.ChannelTouch}}
			if err := k.db.Submit(ctx, sub); err != nil {
				t.Fatal(err)
			}
			k.ids = append(k.ids, sub.ID)
		}
		k.down = &countingDown{Downstream: k.db}
		ks = append(ks, k)
	}
	return ks
}

// startRelays starts the kiosks' relays together, as after an outage.
func (s *district) startRelays(ks []*kioskSide) {
	t := s.t
	for _, k := range ks {
		// A long keepalive: no reconnect (which has the hubs queue a
		// kiosk's recent updates again, on purpose) while updates are counted.
		r := &mqtt.Relay{Conn: mqtt.Conn{Broker: s.broker, Username: k.id, Password: "kiosk-secret", KeepAlive: 30 * time.Second},
			Kiosk: k.id, Outbox: k.db, Downstream: k.down, Trust: s.trust, Window: s.shape.window,
			AckTimeout: 5 * time.Second, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}
		if err := r.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		k.relay = r
	}
}

// checkLookupWhileDown: with one hub dead, a kiosk's question about
// another kiosk's ticket is answered. (The dead hub's will says the
// station is lost; kiosks refuse lookups at once while it stands.)
func checkLookupWhileDown(t *testing.T, db *hubsqlite.DB, ks []*kioskSide) {
	t.Helper()
	ctx := context.Background()
	var other hub.Case
	waitFor(t, 10*time.Second, func() bool { c, _, err := db.Case(ctx, ks[1].ids[0]); other = c; return err == nil },
		func() string { return "no case for wall-02's first submission" })
	var err error
	waitFor(t, 10*time.Second, func() bool {
		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		_, err = ks[0].relay.AskTicket(actx, other.Ticket)
		return err == nil
	}, func() string { return fmt.Sprintf("wall-01 asking about %s with hub 2 down: %v", other.Ticket, err) })
}

// inflight reads the ids each kiosk has published and not had acked.
func inflight(t *testing.T, ks []*kioskSide) []string {
	t.Helper()
	var ids []string
	for _, k := range ks {
		db, err := sql.Open("sqlite", "file:"+k.db.Path+"?mode=ro&_pragma=busy_timeout(5000)")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query(`SELECT s.id FROM outbox o JOIN submissions s ON s.seq = o.seq WHERE o.state = 'inflight'`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		db.Close()
	}
	return ids
}

func allStored(t *testing.T, db *hubsqlite.DB, ids []string) bool {
	for _, id := range ids {
		if ok, err := db.Has(context.Background(), id); err != nil || !ok {
			return false
		}
	}
	return true
}

func drained(t *testing.T, ks []*kioskSide) bool {
	for _, k := range ks {
		st, err := k.db.Status(context.Background())
		if err != nil || st.Acked != len(k.ids) || st.Pending+st.Inflight != 0 {
			return false
		}
	}
	return true
}

func outboxes(t *testing.T, ks []*kioskSide) string {
	var b strings.Builder
	for _, k := range ks {
		st, _ := k.db.Status(context.Background())
		fmt.Fprintf(&b, "%s %d/%d/%d ", k.id, st.Pending, st.Inflight, st.Acked)
	}
	return b.String()
}

// checkStoredOnce: every kiosk's submission is in the store, once.
func checkStoredOnce(t *testing.T, db *hubsqlite.DB, ks []*kioskSide, total int) {
	t.Helper()
	for _, k := range ks {
		for _, id := range k.ids {
			if ok, err := db.Has(context.Background(), id); err != nil || !ok {
				t.Fatalf("%s's submission %s is not stored (%v)", k.id, id, err)
			}
		}
	}
	rows, distinct, err := db.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rows != int64(total) || distinct != rows {
		t.Fatalf("the store holds %d rows (%d distinct kiosk/seq) for %d submissions", rows, distinct, total)
	}
}

// replyVia triages and replies to the mhReplied cases of each kiosk of
// the given round through the desk sockets of the hubs in via in turn,
// as review apps connected to different hubs do (each action wakes the
// downlink of the hub it went through), and returns them.
func (s *district) replyVia(via []int, ks []*kioskSide, round int) []string {
	t := s.t
	ctx := context.Background()
	var desks []*deskapi.Client
	var mes []hub.Worker
	for _, i := range via {
		c := &deskapi.Client{Path: s.sockets[i]}
		if err := c.Open(); err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		me, err := c.Login(ctx, "zhang", mhPIN)
		if err != nil {
			t.Fatal(err)
		}
		desks, mes = append(desks, c), append(mes, me)
	}
	var ids []string
	n := 0
	act := func(id string, a hub.Action) {
		t.Helper()
		c, me := desks[n%len(desks)], mes[n%len(desks)]
		n++
		v, err := c.Case(ctx, me, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Act(ctx, me, id, v.Version, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range ks {
		for _, id := range k.ids[round*mhReplied : (round+1)*mhReplied] {
			act(id, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
			act(id, hub.Action{Kind: hub.ActReply, Reply: "已修好路灯 " + id[len(id)-6:]})
			ids = append(ids, id)
			k.want += 2
		}
	}
	return ids
}

// checkLeaderKilled SIGKILLs the downlink's leader: hubs 1 and 3 first
// (hub 2 leads after), the cases of round 1 acted on through hub 2; then
// hub 2, the leader, with 1 and 3 back, round 2's cases acted on through
// hubs 1 and 3, one of which takes the lead. Each update reaches its
// kiosk once.
func (s *district) checkLeaderKilled(ks []*kioskSide) {
	for i, p := range s.hubs {
		if p.cmd == nil {
			p.start()
		}
		s.waitReady(i)
	}
	s.hubs[0].kill()
	s.hubs[2].kill()
	s.checkDownlinkOnce(ks, s.replyVia([]int{1}, ks, 1))
	s.hubs[0].start()
	s.hubs[2].start()
	s.waitReady(0)
	s.waitReady(2)
	// Hub 2, alone a moment ago, holds the lock: this kills the leader.
	leads := func() int {
		return strings.Count(s.hubs[0].logs()+s.hubs[2].logs(), "downlink: this hub sends it")
	}
	time.Sleep(3 * time.Second) // a round (2 s) of 1's and 3's downlinks, as followers
	before := leads()
	killed := time.Now()
	s.hubs[1].kill()
	done := s.checkDownlinkOnce(ks, s.replyVia([]int{0, 2}, ks, 2))
	s.t.Logf("the leader killed: %d updates acted on after the kill all delivered %s after it", 2*mhReplied*len(ks),
		done.Sub(killed).Round(10*time.Millisecond))
	if leads() != before+1 {
		s.t.Errorf("after the leader's kill, hubs 1 and 3 took the lead %d times", leads()-before)
	}
}

// checkDownlinkOnce: each kiosk took in two updates (triaged, replied)
// for each of its cases acted on so far, not more, although every hub
// runs a downlink.
func (s *district) checkDownlinkOnce(ks []*kioskSide, replied []string) (delivered time.Time) {
	t := s.t
	ctx := context.Background()
	waitFor(t, 60*time.Second, func() bool {
		for _, id := range replied {
			c, _, err := s.db.Case(ctx, id)
			if err != nil {
				return false
			}
			for _, k := range ks {
				if c.Kiosk == k.id {
					if u, err := k.db.LookupTicket(ctx, c.Ticket); err != nil || u.Status != kiosk.StatusReplied {
						return false
					}
				}
			}
		}
		return true
	}, func() string {
		p, _ := s.db.PendingTickets(ctx, 1000)
		return fmt.Sprintf("%d updates pending", len(p))
	})
	delivered = time.Now()
	time.Sleep(2 * time.Second) // many rounds of every hub's downlink
	for _, k := range ks {
		if n := k.down.updates.Load(); n != k.want {
			t.Errorf("%s took in %d ticket updates for %d cases triaged and replied: want %d, each once", k.id, n, k.want/2, k.want)
		}
	}
	return delivered
}

// checkSameEverywhere asks each hub, through its desk socket and its web
// pages, for the inbox and the cases replied to: the same from each.
func (s *district) checkSameEverywhere(replied []string) {
	t := s.t
	ctx := context.Background()
	var first string
	for i := range s.hubs {
		c := &deskapi.Client{Path: s.sockets[i]}
		if err := c.Open(); err != nil {
			t.Fatal(err)
		}
		me, err := c.Login(ctx, "zhang", mhPIN)
		if err != nil {
			t.Fatal(err)
		}
		in, err := c.Inbox(ctx, me, hub.Filter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "total %d, by status %v:", in.Total, in.ByStatus)
		for _, cs := range in.Cases {
			fmt.Fprintf(&b, " %s/%s/%d", cs.ID, cs.Status, cs.Version)
		}
		for _, id := range replied {
			v, err := c.Case(ctx, me, id)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, " %s:%s:%q:%s", v.Ticket, v.Status, v.Reply, v.Body.Text)
		}
		c.Close()
		if i == 0 {
			first = b.String()
		} else if b.String() != first {
			t.Errorf("hub %d's review app sees\n%s\nhub 1's\n%s", i+1, b.String(), first)
		}
	}
	if !strings.Contains(first, fmt.Sprintf("total %d,", s.shape.kiosks*s.shape.each)) || !strings.Contains(first, "已修好路灯") {
		t.Errorf("the inbox: %.300s", first)
	}
	s.checkWebEverywhere(replied)
}

// checkWebEverywhere: a grid worker logged in at hub 1's web server is
// logged in at the others (the same -web-session-key), and each hub's
// case page and public /t/{code} page show the reply.
func (s *district) checkWebEverywhere(replied []string) {
	t := s.t
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 10 * time.Second}
	resp, err := noRedirect.PostForm("http://"+s.webs[0]+"/login", url.Values{"id": {"zhang"}, "pin": {mhPIN}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "__Host-ow_session" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if resp.StatusCode != http.StatusSeeOther || cookie == "" {
		t.Fatalf("web log-in at hub 1: %s, cookie %q", resp.Status, cookie)
	}
	cs, _, err := s.db.Case(context.Background(), replied[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, web := range s.webs {
		for path, want := range map[string]string{"/c/" + cs.ID: cs.Reply, "/t/" + cs.Ticket: cs.Reply} {
			req, _ := http.NewRequest("GET", "http://"+web+path, nil)
			req.Header.Set("Cookie", cookie)
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), want) {
				t.Errorf("hub %d's %s: %s, want %q in it", i+1, path, resp.Status, want)
			}
		}
	}
}

var statsRE = regexp.MustCompile(`Received:\d+ Stored:(\d+)`)

// checkShares stops the hubs (SIGTERM: each logs what its ingest did) and
// checks that each stored a share of the kiosks' submissions, and that
// they were shared: with every hub subscribed alone, each gets them all.
func (s *district) checkShares(total int) {
	t := s.t
	var stored []int
	sum := 0
	for i, p := range s.hubs {
		p.cmd.Process.Signal(syscall.SIGTERM)
		p.cmd.Wait()
		p.cmd = nil
		m := statsRE.FindAllStringSubmatch(p.logs(), -1)
		if len(m) == 0 {
			t.Fatalf("hub %d logged no stats:\n%s", i+1, p.logs())
		}
		n, _ := strconv.Atoi(m[len(m)-1][1])
		stored = append(stored, n)
		sum += n
	}
	t.Logf("submissions each hub stored (its last run; resent ones included): %v", stored)
	if os.Getenv("OW_MH_LOGS") != "" {
		for _, p := range s.hubs {
			t.Log(p.logs())
		}
	}
	for i, n := range stored {
		if n == 0 {
			t.Errorf("hub %d stored nothing: %v", i+1, stored)
		}
	}
	// With resends, somewhat more than the submissions when shared; three
	// times them when each hub gets everything.
	if sum > 2*total {
		t.Errorf("the hubs stored %v for %d submissions: each got everything, not a share", stored, total)
	}
}
