package main

import (
	"fmt"
	"io"
	"sort"
	"time"

	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
)

// result is what a load run measured and found.
type result struct {
	kiosks, total int
	// acked is the time until the last ack; elapsed until the last case
	// exists in the station's inbox (zero when the run did not finish).
	acked, elapsed time.Duration
	cpu            time.Duration // the process's CPU time until the last case
	latencies      []time.Duration
	cases          int64 // cases the inbox counts
	ingest         hubside.IngestStats
	broker         broker.Stats

	incomplete []string // "kiosk acked/sent" of the kiosks that did not finish
	dupAcks    int64    // ids acked that were not in flight
	// What the id check found: ids sent but not stored (or without a
	// case), stored more than once, stored but never sent.
	missing, missingCases, duplicated, stray int
}

func (r result) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.total) / r.elapsed.Seconds()
}

func (r result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p * float64(len(r.latencies)-1))
	return r.latencies[i]
}

// collect gathers the kiosks' latencies and what they left unfinished.
func (r *result) collect(sims []*sim) {
	for _, s := range sims {
		s.mu.Lock()
		r.latencies = append(r.latencies, s.latencies...)
		s.mu.Unlock()
		r.dupAcks += s.dupAcks.Load()
		if a := s.acked.Load(); a < int64(s.n) {
			r.incomplete = append(r.incomplete, fmt.Sprintf("%s %d/%d", s.id, a, s.n))
		}
	}
	sort.Slice(r.latencies, func(i, j int) bool { return r.latencies[i] < r.latencies[j] })
}

// verify checks every id the kiosks published against what the hub
// stored: once as a submission and once as a case, and nothing else.
func (r *result) verify(sims []*sim, subs, cases map[string]int) {
	sent := map[string]bool{}
	for _, s := range sims {
		s.mu.Lock()
		for _, id := range s.ids {
			sent[id] = true
		}
		s.mu.Unlock()
	}
	for id := range sent {
		switch n := subs[id]; {
		case n == 0:
			r.missing++
		case n > 1:
			r.duplicated++
		}
		switch n := cases[id]; {
		case n == 0:
			r.missingCases++
		case n > 1:
			r.duplicated++
		}
	}
	for id := range subs {
		if !sent[id] {
			r.stray++
		}
	}
	for id := range cases {
		if !sent[id] {
			r.stray++
		}
	}
}

// check is an error when any id was not exactly once in the hub, or the
// hub acked an id twice.
func (r result) check() error {
	if r.missing+r.missingCases+r.duplicated+r.stray > 0 || r.dupAcks > 0 {
		return fmt.Errorf("not exactly once: %d missing, %d without a case, %d duplicated, %d stray, %d acked twice",
			r.missing, r.missingCases, r.duplicated, r.stray, r.dupAcks)
	}
	return nil
}

func (r result) print(w io.Writer) {
	ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	fmt.Fprintf(w, "kiosks %d, submissions %d: last ack after %s, last case in the inbox after %s\n",
		r.kiosks, r.total, ms(r.acked), ms(r.elapsed))
	fmt.Fprintf(w, "throughput %.0f submissions/s (until the last case); CPU %.1f µs per submission (kiosks, broker and hub)\n",
		r.rate(), float64(r.cpu.Microseconds())/float64(max(r.total, 1)))
	fmt.Fprintf(w, "publish to ack: p50 %s  p90 %s  p99 %s  max %s\n", ms(r.percentile(.5)),
		ms(r.percentile(.9)), ms(r.percentile(.99)), ms(r.percentile(1)))
	fmt.Fprintf(w, "exactly once: %v (%d missing, %d without a case, %d duplicated, %d stray, %d acked twice); cases %d\n",
		r.check() == nil, r.missing, r.missingCases, r.duplicated, r.stray, r.dupAcks, r.cases)
	fmt.Fprintf(w, "ingest %+v\nbroker %+v\n", r.ingest, r.broker)
	if len(r.incomplete) > 0 {
		fmt.Fprintf(w, "incomplete kiosks (%d, acked/sent):", len(r.incomplete))
		printList(w, r.incomplete)
	}
}
