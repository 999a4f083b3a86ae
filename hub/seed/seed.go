package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// Kiosks are the seeded kiosks and their numbers.
var Kiosks = []struct {
	ID     string
	Number int
}{{"wall-01", 11}, {"wall-02", 12}, {"booth-03", 13}, {"booth-04", 14}}

var texts = []string{"楼下垃圾桶满了没人倒", "巷子里的路灯晚上不亮", "电动车在楼道充电很危险", "下水道堵了有臭味",
	"希望多一些儿童活动", "房东不修漏水的水管", "晚上烧烤太吵睡不着", "希望增加停车位", "公共厕所需要打扫",
	"老人想要一个活动室", "网线乱拉很不安全", "房租押金不退", ""}

var buildings = []string{"1栋", "3栋", "5栋", "7栋", "12栋", "15栋", "18栋", "21栋"}

// streets are the buildings' streets, by the building's place in buildings.
var streets = []string{"大和路", "桃源街", "南山路"}

// Workers are the seeded workers; every PIN is PIN.
var Workers = []hub.Worker{{ID: "zhang", Name: "张丽", Role: hub.RoleLead}, {ID: "wang", Name: "王刚", Role: hub.RoleWorker},
	{ID: "chen", Name: "陈芳", Role: hub.RoleWorker}, {ID: "li", Name: "李敏", Role: hub.RoleVolunteer}}

// PIN is every seeded worker's PIN.
const PIN = "246813"

// Submissions returns n submissions spread over the days before end, in
// order of time, as the ingest would receive them.
func Submissions(n int, days int, end time.Time, rng *rand.Rand) []hub.Received {
	cfg := kiosk.Defaults()
	codecs := make([]kiosk.TicketCodec, len(Kiosks))
	for i, k := range Kiosks {
		codecs[i], _ = kiosk.NewTicketCodec(k.Number, k.ID)
	}
	seqs := make([]int64, len(Kiosks))
	var gen kiosk.UUIDGen
	start := end.Add(-time.Duration(days) * 24 * time.Hour)
	step := end.Sub(start) / time.Duration(max(n, 1))
	out := make([]hub.Received, 0, n)
	for i := 0; i < n; i++ {
		ki := rng.IntN(len(Kiosks))
		seqs[ki]++
		at := start.Add(time.Duration(i)*step + time.Duration(rng.Int64N(int64(step)+1)))
		s := kiosk.Submission{ID: gen.New(at), Kiosk: Kiosks[ki].ID, Seq: seqs[ki], Ticket: codecs[ki].Code(seqs[ki]),
			CreatedAt: at, ClockSynced: rng.IntN(50) != 0}
		b := kiosk.Body{Lang: "zh", Channel: kiosk.ChannelTouch}
		switch r := rng.IntN(10); {
		case r < 6:
			s.Kind = kiosk.KindOpinion
			t := cfg.Topics[rng.IntN(len(cfg.Topics))]
			b.Topic = t.ID
			if len(t.Phrases) > 0 && rng.IntN(2) == 0 {
				b.Phrases = []string{t.Phrases[rng.IntN(len(t.Phrases))].ID}
			}
			if b.Text = texts[rng.IntN(len(texts))]; b.Text == "" && len(b.Phrases) == 0 {
				b.Text = texts[0]
			}
			if rng.IntN(3) > 0 {
				bi := rng.IntN(len(buildings))
				b.Location = &kiosk.Location{Street: streets[bi%len(streets)], Building: buildings[bi]}
			}
			if rng.IntN(5) == 0 {
				b.Contact = &kiosk.Contact{Phone: fmt.Sprintf("139%08d", rng.IntN(100000000)), Consent: true}
			}
		case r < 9:
			s.Kind = kiosk.KindRating
			b.Topic = cfg.Services[rng.IntN(len(cfg.Services))].ID
			b.Rating = kiosk.Rating(1 + rng.IntN(4))
			if Kiosks[ki].Number%2 == 1 && b.Rating < 4 && rng.IntN(2) == 0 {
				b.Rating++ // some kiosks' services do better
			}
			b.Channel = kiosk.ChannelButton
		default:
			s.Kind = kiosk.KindVote
			b.PollID, b.Option = "square-2026", fmt.Sprintf("o%d", 1+rng.IntN(3))
			b.Visit = s.ID // one vote a visit
		}
		if rng.IntN(25) == 0 {
			b.Flags = []string{kiosk.FlagProbablePlay}
		}
		s.Body = b
		recv := at.Add(time.Duration(rng.IntN(60)) * time.Second)
		if !s.ClockSynced {
			s.CreatedAt = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
		}
		out = append(out, hub.Received{Submission: s, ReceivedAt: recv})
	}
	return out
}

// SquarePoll is the poll the seeded votes are for, open over the days
// before end and two weeks after.
func SquarePoll(days int, end time.Time) (hub.Poll, error) {
	opens := end.Add(-time.Duration(days) * 24 * time.Hour)
	p, err := hub.NewPoll("square-2026", "村口空地做什么 | What to do with the square",
		[]string{"篮球场 | Basketball court", "儿童乐园 | Playground", "停车场 | Car park"}, opens, end.Add(14*24*time.Hour), Workers[0].ID, opens.Add(-time.Hour))
	p.State = hub.PollOpen
	return p, err
}

// Store is what seeding writes to.
type Store interface {
	hub.StationStore
	hub.IngestStore
}

// Station seeds a whole station: workers (PIN 246813) and their buildings,
// n submissions over days, a poll on the square, and part of the opinions
// worked: triaged, assigned, replied, closed and some on the wall.
func Station(ctx context.Context, st Store, desk *hub.Desk, n, days int, end time.Time, rng *rand.Rand) error {
	for i, w := range Workers {
		w.PINHash, _ = hub.HashPIN(PIN)
		if err := st.PutWorker(ctx, w); err != nil {
			return err
		}
		if w.Role == hub.RoleWorker {
			for j := i; j < len(buildings); j += 2 {
				if err := st.SetBuilding(ctx, buildings[j], w.ID); err != nil {
					return err
				}
			}
		}
	}
	// The poll is open before its votes arrive: the hub refuses a vote
	// for a poll that is not.
	lead := Workers[0]
	p, err := SquarePoll(days, end)
	if err != nil {
		return err
	}
	p.State = hub.PollDraft
	if err := desk.CreatePoll(ctx, lead, p); err != nil {
		return err
	}
	if _, err := desk.PollAct(ctx, lead, p.ID, hub.PollActOpen); err != nil {
		return err
	}
	subs := Submissions(n, days, end, rng)
	for len(subs) > 0 {
		k := min(len(subs), 1000)
		if err := st.Apply(ctx, hub.Batch{Submissions: subs[:k]}); err != nil {
			return err
		}
		subs = subs[k:]
	}
	if err := fleet(ctx, st, end); err != nil {
		return err
	}
	return work(ctx, st, desk, end, rng)
}

// work moves part of the open opinions along, as workers would.
func work(ctx context.Context, st Store, desk *hub.Desk, end time.Time, rng *rand.Rand) error {
	in, err := st.Inbox(ctx, hub.Filter{Status: kiosk.StatusReceived, Limit: hub.MaxPage, Flagged: hub.FlagNone})
	if err != nil {
		return err
	}
	lead, grid := Workers[0], Workers[1]
	cl := desk.Checklist
	now := desk.Now
	defer func() { desk.Now = now }()
	replies := []string{"已安排处理，谢谢反映。", "网格员已到现场查看，三天内处理完毕。", "已转交街道相关部门，会尽快答复。"}
	published := 0
	for i, c := range in.Cases {
		if i%3 == 2 {
			continue // left for the inbox
		}
		at := c.ReceivedAt
		step := func(w hub.Worker, a hub.Action) (hub.Case, error) {
			if at = at.Add(time.Duration(1+rng.IntN(48)) * time.Hour); at.After(end) {
				at = end
			}
			desk.Now = func() time.Time { return at }
			cur, _, err := st.Case(ctx, c.ID)
			if err != nil {
				return cur, err
			}
			return desk.Act(ctx, w, c.ID, cur.Version, a)
		}
		class := cl.Classes[rng.IntN(len(cl.Classes))]
		if _, err := step(grid, hub.Action{Kind: hub.ActTriage, Matter: class.Matter, Item: class.Items[rng.IntN(len(class.Items))].ID, Priority: hub.Priority(rng.IntN(3))}); err != nil {
			return err
		}
		if i%3 == 1 {
			continue
		}
		if _, err := step(lead, hub.Action{Kind: hub.ActAssign, Worker: Workers[1+rng.IntN(2)].ID}); err != nil {
			return err
		}
		if _, err := step(grid, hub.Action{Kind: hub.ActReply, Reply: replies[rng.IntN(len(replies))]}); err != nil {
			return err
		}
		if published < 12 && c.Text != "" {
			published++
			if _, err := step(lead, hub.Action{Kind: hub.ActPublish, WallText: hub.Redact(c.Text)}); err != nil {
				return err
			}
		}
		if rng.IntN(2) == 0 {
			if _, err := step(grid, hub.Action{Kind: hub.ActClose}); err != nil {
				return err
			}
		}
	}
	return nil
}

// fleet gives the kiosks presence and telemetry: two well, one lost for
// twenty minutes, one hot with a growing outbox.
func fleet(ctx context.Context, st Store, end time.Time) error {
	report := func(k string, at time.Time, temp float64, outbox int) hub.TelemetryReport {
		t := kiosk.Telemetry{ClockSynced: true, DiskFreeBytes: 6 << 30, ConfigVersion: 3, Screen: "on", TempC: &temp,
			OutboxPending: outbox, Counters: map[string]int64{"cpu_temp_mc": 52_000}}
		if outbox > 0 {
			t.OldestPendingS = int64(outbox * 30)
		}
		raw, _ := json.Marshal(t) // plain values: cannot fail
		return hub.TelemetryReport{Kiosk: k, At: at, Raw: raw}
	}
	var b hub.Batch
	for i, k := range Kiosks {
		state, at := "online", end.Add(-3*time.Hour)
		if i == 2 {
			state, at = "lost", end.Add(-20*time.Minute)
		}
		b.Presence = append(b.Presence, hub.Presence{Kiosk: k.ID, State: state, Session: "s1", Version: "v0.9.0", At: at})
		b.Telemetry = append(b.Telemetry, report(k.ID, at, 31.5, 0))
	}
	// The last one is hot, and its outbox grows report after report.
	for i := 0; i <= 5; i++ {
		b.Telemetry = append(b.Telemetry, report(Kiosks[3].ID, end.Add(time.Duration(i-5)*time.Minute), 63, 85+10*i))
	}
	return st.Apply(ctx, b)
}
