#!/usr/bin/env bash
# The fan-in curve of docs/BENCHMARKS.md ("Fan-in without collapse"): owload
# at 200/350/500/700/1,000 kiosks × 100 queued submissions, the hub before
# (BEFORE, an owload binary built from the commit before the change; skipped
# when unset) and after, against the bare brokers fed by the same number of
# plain paho clients (owload -raw mochi|mosquitto), alternating the order
# round by round. Each run takes /work/wt/bench.lock (or $BENCH_LOCK) on its
# own, so that measurements on a shared machine do not overlap; the load
# average is printed after each.
#   BEFORE=/tmp/owload-before ROUNDS=3 deploy/bench-fanin.sh > fanin.out
set -euo pipefail
cd "$(dirname "$0")/.."
lock=${BENCH_LOCK:-/work/wt/bench.lock}
rounds=${ROUNDS:-3}
sizes=${SIZES:-200 350 500 700 1000}
# The hub before the change stalls for good once its broker drops (its
# kiosks never resend): a minute shows that; the hub after gets longer.
timeout_before=${TIMEOUT_BEFORE:-60s}
timeout=${TIMEOUT:-180s}
after=$(mktemp -d)/owload
trap 'rm -rf "$(dirname "$after")"' EXIT
go build -o "$after" ./cmd/owload
one() { # NAME COMMAND...
	local name=$1
	shift
	echo "### $name"
	flock "$lock" "$@" 2>&1 | grep -v '^owload: load-' || true
	echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "# $(date -u +%FT%TZ) $(go version) $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
	for n in $sizes; do
		runs=("after" "mochi" "mosquitto")
		if [ -n "${BEFORE:-}" ]; then runs=("before" "${runs[@]}"); fi
		if [ $((r % 2)) -eq 0 ]; then
			for ((i = 0, j = ${#runs[@]} - 1; i < j; i++, j--)); do
				t=${runs[i]} runs[i]=${runs[j]} runs[j]=$t
			done
		fi
		for what in "${runs[@]}"; do
			case $what in
			before) one "round $r, $n kiosks: before" "$BEFORE" -kiosks "$n" -per-kiosk 100 -timeout "$timeout_before" ;;
			after) one "round $r, $n kiosks: after" "$after" -kiosks "$n" -per-kiosk 100 -timeout "$timeout" ;;
			*) one "round $r, $n kiosks: raw $what" "$after" -raw "$what" -kiosks "$n" -per-kiosk 100 ;;
			esac
		done
	done
done
