package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/internal/freeport"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
)

// The test binary doubles as `hub` (its dispatch, as main runs it), so
// that a test can run two real hub processes and kill them with SIGKILL.
const hubChildEnv = "OW_HUB_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(hubChildEnv); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := dispatch(ctx, strings.Split(args, "\x1f"))
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "hub:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

// hubProc is a `hub run -headless` process.
type hubProc struct {
	t    *testing.T
	name string
	args []string
	cmd  *exec.Cmd
	log  *os.File
}

func startHub(t *testing.T, name string, args ...string) *hubProc {
	t.Helper()
	p := &hubProc{t: t, name: name, args: append([]string{"run", "-headless", "-listen", "127.0.0.1:0"}, args...)}
	p.start()
	t.Cleanup(p.kill)
	return p
}

func (p *hubProc) start() {
	exe, err := os.Executable()
	if err != nil {
		p.t.Fatal(err)
	}
	if p.log == nil {
		if p.log, err = os.Create(filepath.Join(p.t.TempDir(), p.name+".log")); err != nil {
			p.t.Fatal(err)
		}
	}
	p.cmd = exec.Command(exe, "-test.run=^$")
	p.cmd.Env = append(os.Environ(), hubChildEnv+"="+strings.Join(p.args, "\x1f"))
	p.cmd.Stderr = p.log
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
}

// kill sends SIGKILL and reaps the process.
func (p *hubProc) kill() {
	if p.cmd != nil && p.cmd.Process != nil {
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.cmd.Wait()
		p.cmd = nil
	}
}

func (p *hubProc) logs() string {
	b, _ := os.ReadFile(p.log.Name())
	return string(b)
}

func openDB(t *testing.T, data string) *hubsqlite.DB {
	t.Helper()
	db := hubsqlite.NewDB(filepath.Join(data, "hub.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// killBig is how many 大事 the kill test escalates.
const killBig = 30

// TestEscalationSurvivesKills escalates 大事 from one hub process to a
// second acting as the district (both `hub run`, the district with its
// Open311 listener and an API key for the first), kills each with SIGKILL
// while requests and then statuses are on their way, restarts them, and
// checks exactly one request per case at the district and every status
// and reply mirrored back into the first hub's case history.
func TestEscalationSurvivesKills(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(dir, "passwd")
	if err := passwdCmd([]string{"-file", pw, "wall-01"}, strings.NewReader("kiosk-secret\n"), &out); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "hub.key")
	ctx := context.Background()
	districtData, originData := filepath.Join(dir, "district"), filepath.Join(dir, "origin")
	out.Reset()
	if err := apikeyCmd(ctx, []string{"add", "-data", districtData, "-id", "dahe", "-name", "大和社区工作站", "-number", "95", "-rate", "6000"}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	secret := lines[len(lines)-1]
	addr := freeport.Addr(t)
	upArgs := []string{"add", "-data", originData, "-body", "街道安监办", "-url", "http://" + addr + "/open311/v2/", "-jurisdiction", "longhua"}
	if err := upstreamCmd(ctx, upArgs, strings.NewReader(secret+"\n"), &out); err != nil {
		t.Fatal(err)
	}
	district := startHub(t, "district", "-data", districtData, "-credentials", pw, "-key", key, "-open311-listen", addr, "-open311-jurisdiction", "longhua")
	origin := startHub(t, "origin", "-data", originData, "-credentials", pw, "-key", key, "-open311-poll", "1s")
	odb, ddb := openDB(t, originData), openDB(t, districtData)
	cases := seedBig(t, odb)

	// Kill the origin while it sends, then the district.
	killWhen(t, origin, func() bool { n := districtCount(t, ddb); return n >= 3 && n < killBig }, "origin, sending")
	origin.start()
	from := districtCount(t, ddb)
	killWhen(t, district, func() bool { return districtCount(t, ddb) >= from+2 }, "district, receiving")
	time.Sleep(300 * time.Millisecond) // the origin's next POSTs fail: it backs off
	district.start()
	waitFor(t, 2*time.Minute, func() bool { return countState(t, odb, cases, hub.EscSent) == killBig },
		func() string {
			return fmt.Sprintf("sent %d of %d\n%s", countState(t, odb, cases, hub.EscSent), killBig, origin.logs())
		})
	checkOnce(t, odb, ddb, cases)

	// The district answers; kill each while the statuses come back.
	replyAll(t, ddb)
	killWhen(t, origin, func() bool { n := countState(t, odb, cases, hub.EscClosed); return n >= 1 }, "origin, polling")
	origin.start()
	killWhen(t, district, func() bool { return countState(t, odb, cases, hub.EscClosed) >= killBig/2 }, "district, polled")
	time.Sleep(300 * time.Millisecond)
	district.start()
	waitFor(t, 2*time.Minute, func() bool { return countState(t, odb, cases, hub.EscClosed) == killBig },
		func() string {
			return fmt.Sprintf("closed %d of %d\n%s", countState(t, odb, cases, hub.EscClosed), killBig, origin.logs())
		})
	checkOnce(t, odb, ddb, cases)
	checkMirrored(t, odb, cases)
}

// seedBig stores killBig opinions at the origin and routes each as a 大事
// to the district's body, as a lead at the desk would.
func seedBig(t *testing.T, db *hubsqlite.DB) []string {
	ctx := context.Background()
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: db, Checklist: cl, Now: time.Now}
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	lead.PINHash, _ = hub.HashPIN("246813")
	if err := db.PutWorker(ctx, lead); err != nil {
		t.Fatal(err)
	}
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	var gen kiosk.UUIDGen
	var subs []hub.Received
	for i := range killBig {
		now := time.Now()
		subs = append(subs, hub.Received{ReceivedAt: now, Submission: kiosk.Submission{ID: gen.New(now), Kiosk: "wall-01", Seq: int64(i + 1),
			Kind: kiosk.KindOpinion, Ticket: codec.Code(int64(i + 1)), CreatedAt: now, ClockSynced: true,
			Body: kiosk.Body{Topic: "safety", Text: fmt.Sprintf("%d栋 消防通道堵塞 13812345678", i+1), Lang: "zh", Channel: kiosk.ChannelTouch}}})
	}
	if err := db.Apply(ctx, hub.Batch{Submissions: subs}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range subs {
		waitFor(t, 10*time.Second, func() bool { _, _, err := db.Case(ctx, s.ID); return err == nil }, func() string { return "no case made" })
		for _, a := range []hub.Action{{Kind: hub.ActTriage, Matter: kiosk.MatterBig, Item: "fire-safety"},
			{Kind: hub.ActRoute, Route: hub.Routing{GovBody: "街道安监办", Due: time.Now().AddDate(0, 0, 7)}}} {
			c, _, _ := db.Case(ctx, s.ID)
			if _, err := desk.Act(ctx, lead, s.ID, c.Version, a); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, s.ID)
	}
	return ids
}

// killWhen polls cond every few milliseconds and kills p when it holds.
func killWhen(t *testing.T, p *hubProc, cond func() bool, what string) {
	t.Helper()
	waitForFast(t, 2*time.Minute, cond, func() string { return "never the moment to kill the " + what + "\n" + p.logs() })
	p.kill()
	t.Logf("killed the %s", what)
}

func waitForFast(t *testing.T, d time.Duration, cond func() bool, what func() string) {
	t.Helper()
	for deadline := time.Now().Add(d); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(what())
		}
	}
}

// districtCases are the district's cases from the origin's key.
func districtCases(t *testing.T, db *hubsqlite.DB) []hub.Case {
	var out []hub.Case
	err := db.EachCase(context.Background(), hub.Filter{}, func(c hub.Case) error {
		if c.Kiosk == "partner-dahe" {
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func districtCount(t *testing.T, db *hubsqlite.DB) int { return len(districtCases(t, db)) }

func countState(t *testing.T, db *hubsqlite.DB, cases []string, state string) int {
	n := 0
	for _, id := range cases {
		es, err := db.Escalations(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == 1 && es[0].State == state {
			n++
		}
	}
	return n
}

// checkOnce: one request at the district per case, each the case's.
func checkOnce(t *testing.T, odb, ddb *hubsqlite.DB, cases []string) {
	t.Helper()
	up := map[string]hub.Case{}
	for _, c := range districtCases(t, ddb) {
		up[c.Ticket] = c
	}
	if len(up) != killBig {
		t.Errorf("the district holds %d requests for %d cases", len(up), killBig)
	}
	for _, id := range cases {
		es, _ := odb.Escalations(context.Background(), id)
		c, _, _ := odb.Case(context.Background(), id)
		u, ok := up[es[0].UpstreamID]
		if !ok || !strings.Contains(u.Text, kiosk.FormatTicket(c.Ticket)) || strings.Contains(u.Text, "13812345678") {
			t.Errorf("case %s: upstream %s is %+v", c.Ticket, es[0].UpstreamID, u)
		}
	}
}

// replyAll works every request at the district to the end with a
// published reply naming its receipt code.
func replyAll(t *testing.T, db *hubsqlite.DB) {
	ctx := context.Background()
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: db, Checklist: cl, Now: time.Now}
	lead := hub.Worker{ID: "chen", Name: "陈科长", Role: hub.RoleLead}
	for _, c := range districtCases(t, db) {
		for _, a := range []hub.Action{{Kind: hub.ActTriage, Matter: kiosk.MatterBig, Item: "fire-safety"},
			{Kind: hub.ActReply, Reply: "已清理通道 " + c.Ticket}, {Kind: hub.ActPublish, WallText: "消防通道堵塞"}, {Kind: hub.ActClose}} {
			now, _, _ := db.Case(ctx, c.ID)
			if _, err := desk.Act(ctx, lead, c.ID, now.Version, a); err != nil {
				t.Fatalf("district %s: %v", a.Kind, err)
			}
		}
	}
}

// checkMirrored: each case's history holds the forwarding once and the
// district's closing with its reply once; the case itself is unchanged.
func checkMirrored(t *testing.T, db *hubsqlite.DB, cases []string) {
	t.Helper()
	for _, id := range cases {
		es, _ := db.Escalations(context.Background(), id)
		hist, _ := db.History(context.Background(), id)
		var forwarded, closed int
		for _, a := range hist {
			if a.Action != hub.ActUpstream {
				continue
			}
			if strings.HasPrefix(a.Detail, "forwarded to 街道安监办 as "+es[0].UpstreamID) {
				forwarded++
			}
			if strings.HasSuffix(a.Detail, "closed: 已清理通道 "+es[0].UpstreamID) {
				closed++
			}
		}
		c, _, _ := db.Case(context.Background(), id)
		if forwarded != 1 || closed != 1 || es[0].Notes != "已清理通道 "+es[0].UpstreamID || c.Reply != "" || c.Status != kiosk.StatusTriaged {
			t.Errorf("case %s: forwarded %d, closed %d, %+v, case %s %q", c.Ticket, forwarded, closed, es[0], c.Status, c.Reply)
		}
	}
}
