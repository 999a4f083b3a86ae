#!/usr/bin/env bash
# make bench: the figures of docs/BENCHMARKS.md, each against its baseline
# in the same run, benchmarks alternating so that drift hits both alike.
set -euo pipefail
cd "$(dirname "$0")/.."
gopath=$(go env GOPATH)
export PATH="$gopath/bin:$PATH"
command -v benchstat >/dev/null || go install golang.org/x/perf/cmd/benchstat@latest
out=${1:-bench.out}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/store.test" ./kiosk/sqlite/
go test -c -o "$tmp/mqtt.test" ./mqtt/
go test -c -o "$tmp/hub.test" ./hub/sqlite/
go build -o "$tmp/owload" ./cmd/owload
go test -c -o "$tmp/web.test" ./hub/web/
go test -c -o "$tmp/espeak.test" ./kiosk/espeak/
go test -c -o "$tmp/booth.test" ./kiosk/booth/
{
	echo "# $(date -u +%FT%TZ) $(go version) $(nproc) cores"
	echo "## durable Submit against a bare INSERT (10 alternating rounds)"
	for _ in $(seq 10); do (cd kiosk/sqlite && "$tmp/store.test" -test.run '^$' -test.bench 'Submit|BareInsert' -test.benchmem); done > "$tmp/store.txt"
	benchstat "$tmp/store.txt"
	echo "## drain of 10,000 against bare paho QoS 1 publishing (6 alternating rounds)"
	for _ in $(seq 6); do (cd mqtt && "$tmp/mqtt.test" -test.run '^$' -test.bench 'Drain|BarePaho' -test.benchtime 1x); done > "$tmp/drain.txt"
	grep Benchmark "$tmp/drain.txt"
	benchstat "$tmp/drain.txt"
	echo "## the station's inbox over 100,000 submissions (p95-ms per filter; baseline: the bare page query)"
	(cd hub/sqlite && "$tmp/hub.test" -test.run '^$' -test.bench 'Inbox|Stats' -test.benchtime 50x)
	echo "## storing submissions: deferred cases (as the hub runs), the projector, inline (per submission)"
	(cd hub/sqlite && "$tmp/hub.test" -test.run '^$' -test.bench 'Apply' -test.benchtime 20000x -test.count 3)
	echo "## the station on the web over 100,000 submissions (p95-ms; baselines: the review app's inbox, a static file; 3 alternating rounds)"
	(cd hub/web && "$tmp/web.test" -test.run '^$' -test.bench 'Pages' -test.benchtime 300x -test.count 3)
	echo "## the public page, 200 concurrent clients on loopback (req/s; baseline: a static file; 3 alternating rounds)"
	(cd hub/web && "$tmp/web.test" -test.run '^$' -test.bench 'PublicConcurrent' -test.benchtime 10000x -test.count 3)
	echo "## first loads in chromium under slow 3G (load-ms)"
	(cd hub/web && "$tmp/web.test" -test.run '^$' -test.bench 'Slow3G' -test.benchtime 3x)
	echo "## fan-in: 200 simulated kiosks into one hub (3 runs)"
	for _ in 1 2 3; do "$tmp/owload" -kiosks 200 -per-kiosk 100; done
	echo "## the booth: first prompt after the hook (fake device) and a 30-character reply synthesised (5 alternating rounds)"
	for _ in $(seq 5); do
		(cd kiosk/booth && "$tmp/booth.test" -test.run '^$' -test.bench 'FirstPrompt|BarePlay' -test.benchtime 300x)
		(cd kiosk/espeak && "$tmp/espeak.test" -test.run '^$' -test.bench 'Synth|BareEspeak' -test.benchtime 20x -test.benchmem)
	done > "$tmp/booth.txt"
	grep Benchmark "$tmp/booth.txt"
	benchstat "$tmp/booth.txt"
} | tee "$out"
