package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	"opinionwall/kiosk"
)

// cpuTime is the process's CPU time so far (user and system): the figure
// that others' load on a shared machine changes least.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkApply stores submissions as the ingest does, in batches of 256:
// deferred (cases queued), then making the queued cases (the projector's
// work), and inline (cases in the same transaction, as the hub runs).
func BenchmarkApply(b *testing.B) {
	for _, mode := range []string{"deferred", "project", "inline"} {
		b.Run(mode, func(b *testing.B) {
			end := time.Now()
			subs := seed.Submissions(b.N, 30, end, rand.New(rand.NewPCG(1, 1)))
			db := MustOpenDB(b)
			db.DeferCases = mode != "inline"
			ctx := context.Background()
			// The votes' poll, open: the hub refuses votes for a poll that is not.
			p, _ := seed.SquarePoll(30, end)
			if err := db.PutPoll(ctx, p, hub.Audit{Case: "poll:" + p.ID, Worker: p.CreatedBy, At: p.CreatedAt, Action: "poll_create"}); err != nil {
				b.Fatal(err)
			}
			apply := func() {
				for s := subs; len(s) > 0; {
					n := min(len(s), 256)
					if err := db.Apply(ctx, hub.Batch{Submissions: s[:n]}); err != nil {
						b.Fatal(err)
					}
					s = s[n:]
				}
			}
			if mode == "project" {
				apply()
			}
			b.ResetTimer()
			cpu0 := cpuTime()
			defer func() {
				b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/1e3/float64(b.N), "cpu-µs/submission")
			}()
			if mode != "project" {
				apply()
				return
			}
			for made := 0; made < b.N; {
				n, err := db.ProjectQueued(ctx, 256)
				if err != nil || n == 0 {
					b.Fatalf("%d made, %v", made, err)
				}
				made += n
			}
		})
	}
}

// BenchmarkApplySeeded stores b.N new submissions as the hub runs (cases
// in the ingest's transactions, batches of 256) into the benchmark store,
// which already holds OW_BENCH_N: the ingest's rate at that size. The new
// submissions come from kiosks of their own (the seeded kiosks' ids with a
// prefix), so none is refused as a resend.
func BenchmarkApplySeeded(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	subs := seed.Submissions(b.N, 1, benchEnd, rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5)))
	prefix := fmt.Sprintf("b%d-", time.Now().UnixNano()%1_000_000_000)
	codecs := map[string]kiosk.TicketCodec{}
	for _, k := range seed.Kiosks {
		codecs[k.ID], _ = kiosk.NewTicketCodec(k.Number, prefix+k.ID)
	}
	for i := range subs {
		s := &subs[i]
		s.Ticket = codecs[s.Kiosk].Code(s.Seq)
		s.Kiosk = prefix + s.Kiosk
	}
	b.ResetTimer()
	for s := subs; len(s) > 0; {
		n := min(len(s), 256)
		if err := db.Apply(ctx, hub.Batch{Submissions: s[:n]}); err != nil {
			b.Fatal(err)
		}
		s = s[n:]
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "subs/s")
}
