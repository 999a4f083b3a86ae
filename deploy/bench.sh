#!/usr/bin/env bash
# make bench: the figures of docs/BENCHMARKS.md, each against its baseline
# in the same run. Candidate and baseline run in separate processes,
# alternating round by round (the order flipped each round), so that drift
# and warm caches hit both alike. Throughput figures are timed until the
# last case exists in the station's inbox. BENCH_QUICK=1 runs one round of
# each, for checking the script.
set -euo pipefail
cd "$(dirname "$0")/.."
gopath=$(go env GOPATH)
export PATH="$gopath/bin:$PATH"
command -v benchstat >/dev/null || go install golang.org/x/perf/cmd/benchstat@latest
out=${1:-bench.out}
rounds=10 drains=6 sustained=3
if [ -n "${BENCH_QUICK:-}" ]; then rounds=1 drains=1 sustained=1; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/store.test" ./kiosk/sqlite/
go test -c -o "$tmp/mqtt.test" ./mqtt/
go test -c -o "$tmp/hub.test" ./hub/sqlite/
go build -o "$tmp/owload" ./cmd/owload
go test -c -o "$tmp/web.test" ./hub/web/
go test -c -o "$tmp/espeak.test" ./kiosk/espeak/
go test -c -o "$tmp/booth.test" ./kiosk/booth/

# alternate BINARY DIR ROUNDS BENCH_A BENCH_B [test flags]: one process
# per benchmark, A then B in odd rounds, B then A in even ones.
alternate() {
	local bin=$1 dir=$2 n=$3 a=$4 b=$5
	shift 5
	for i in $(seq "$n"); do
		local first=$a second=$b
		if [ $((i % 2)) -eq 0 ]; then first=$b second=$a; fi
		for bench in "$first" "$second"; do
			(cd "$dir" && "$bin" -test.run '^$' -test.bench "^Benchmark${bench}\$" "$@")
		done
	done
}
# owloads ROUNDS ARGS...: owload as the hub runs (cases in the ingest's
# transaction) against -defer-cases (cases queued for the projector),
# alternating.
owloads() {
	local n=$1
	shift
	for i in $(seq "$n"); do
		if [ $((i % 2)) -eq 1 ]; then
			echo "### inline"; "$tmp/owload" "$@" || true
			echo "### deferred"; "$tmp/owload" -defer-cases "$@" || true
		else
			echo "### deferred"; "$tmp/owload" -defer-cases "$@" || true
			echo "### inline"; "$tmp/owload" "$@" || true
		fi
	done
}
{
	echo "# $(date -u +%FT%TZ) $(go version) $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "## durable Submit against a bare INSERT ($rounds alternating rounds, separate processes)"
	alternate "$tmp/store.test" kiosk/sqlite "$rounds" Submit BareInsert -test.benchmem > "$tmp/store.txt"
	benchstat "$tmp/store.txt"
	echo "## drain of 10,000 until the last case, against bare paho QoS 1 publishing ($drains alternating rounds)"
	alternate "$tmp/mqtt.test" mqtt "$drains" Drain BarePahoQoS1 -test.benchtime 1x > "$tmp/drain.txt"
	grep Benchmark "$tmp/drain.txt"
	benchstat "$tmp/drain.txt"
	echo "## sustained: drain of 100,000 until the last case, against bare paho ($sustained alternating rounds)"
	OW_DRAIN_N=100000 alternate "$tmp/mqtt.test" mqtt "$sustained" Drain BarePahoQoS1 -test.benchtime 1x | grep Benchmark
	# hub/sqlite's benchmarks run on SQLite, then again on a throw-away PostgreSQL with its durable
	# settings (OW_PG_DURABLE; the lines after "the same tests on PostgreSQL")
	echo "## the station's inbox over 100,000 submissions (p95-ms per filter; baseline: the bare page query; SQLite, then PostgreSQL)"
	(cd hub/sqlite && OW_PG_DURABLE=1 "$tmp/hub.test" -test.run '^$' -test.bench 'Inbox|Stats' -test.benchtime 50x 2>&1)
	echo "## storing submissions: deferred cases, the projector, inline (per submission; SQLite, then PostgreSQL)"
	(cd hub/sqlite && OW_PG_DURABLE=1 "$tmp/hub.test" -test.run '^$' -test.bench 'Apply$' -test.benchtime 20000x -test.count 3 2>&1)
	echo "## the station on the web over 100,000 submissions (p95-ms; baselines: the review app's inbox, a static file; 3 alternating rounds)"
	(cd hub/web && "$tmp/web.test" -test.run '^$' -test.bench 'Pages' -test.benchtime 300x -test.count 3)
	echo "## the public page, 200 concurrent clients on loopback (req/s; baseline: a static file; 3 alternating rounds)"
	(cd hub/web && "$tmp/web.test" -test.run '^$' -test.bench 'PublicConcurrent' -test.benchtime 10000x -test.count 3)
	echo "## first loads in chromium under slow 3G (load-ms)"
	(cd hub/web && "$tmp/web.test" -test.run '^$' -test.bench 'Slow3G' -test.benchtime 3x)
	echo "## the booth: first prompt after the hook (fake device) and a 30-character reply synthesised (5 alternating rounds)"
	for _ in $(seq 5); do
		(cd kiosk/booth && "$tmp/booth.test" -test.run '^$' -test.bench 'FirstPrompt|BarePlay' -test.benchtime 300x)
		(cd kiosk/espeak && "$tmp/espeak.test" -test.run '^$' -test.bench 'Synth|BareEspeak' -test.benchtime 20x -test.benchmem)
	done > "$tmp/booth.txt"
	grep Benchmark "$tmp/booth.txt"
	benchstat "$tmp/booth.txt"
	echo "## fan-in: 200 simulated kiosks into one hub, short and sustained"
	owloads "$sustained" -kiosks 200 -per-kiosk 100
	owloads "$sustained" -kiosks 200 -per-kiosk 300
	owloads "$sustained" -kiosks 200 -per-kiosk 1000 -timeout 10m
} 2>&1 | tee "$out"
