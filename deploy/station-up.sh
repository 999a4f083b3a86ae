# shellcheck shell=bash disable=SC2154,SC2034
# (work, port and kiosks come from the script that sources this; hub_pid goes back to it.)
# Sourced by deploy/shots-resident.sh and deploy/bench-attract.sh: a hub
# with its embedded broker on $port, seeded with $seed_n submissions over
# the last $seed_days days (published replies on the wall, the month's
# figures, polls), and broker passwords for the kiosks named in $kiosks.
# Leaves $work/keys (the trust directory) and $work/<kiosk>.pass; sets
# hub_pid. Needs $work and $port.
bin/hub keygen -dir "$work/keys" >/dev/null
for k in $kiosks; do
	echo "pass-$k-$$" > "$work/$k.pass"
	bin/hub passwd -file "$work/passwd" "$k" < "$work/$k.pass" >/dev/null
done
bin/hub seed -data "$work/hub" -n "${seed_n:-400}" -days "${seed_days:-40}" >/dev/null 2>&1
bin/hub run -headless -data "$work/hub" -credentials "$work/passwd" -key "$work/keys/hub.key" \
	-listen "127.0.0.1:$port" > "$work/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 100); do
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	sleep 0.1
done
