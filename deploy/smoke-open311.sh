#!/usr/bin/env bash
# Smoke test of the station's Open311 GeoReport v2 endpoint with an
# independent client (curl and jq, no project code): `hub run` on seeded
# data with -open311-listen, a partner's API key from `hub apikey add`;
# services, requests with filters, one request, a partner's POST (resent
# with the same Idempotency-Key), its token, errors in both formats, and no
# resident's phone number in any answer. Answers kept in build/smoke-open311/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/smoke-open311
rm -rf "$out" && mkdir -p "$out"
port=${SMOKE_OPEN311_PORT:-18931}
d=$(mktemp -d)
trap 'kill ${hub_pid:-} 2>/dev/null || true; rm -rf "$d"' EXIT
fail() { echo "smoke-open311: $*" >&2; exit 1; }

bin/hub keygen -dir "$d/keys" -name hub >/dev/null
head -c 18 /dev/urandom | base64 | bin/hub passwd -file "$d/passwd" wall-01 >/dev/null
bin/hub seed -data "$d/hub" -n 300 -days 30 >/dev/null
key=$(bin/hub apikey add -data "$d/hub" -id hotline -name 12345热线 -number 98 | tail -1)
bin/hub run -headless -data "$d/hub" -credentials "$d/passwd" -key "$d/keys/hub.key" -listen 127.0.0.1:0 \
	-open311-listen "127.0.0.1:$port" -open311-jurisdiction dahe > "$out/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
base=http://127.0.0.1:$port/open311/v2

# get NAME PATH: the answer in $out/NAME, failing on an HTTP error
get() { curl -sS --fail-with-body -o "$out/$1" "$base/$2" || fail "GET $2: $(cat "$out/$1")"; }
check() { jq -e "$2" "$out/$1" >/dev/null || fail "$1: not $2: $(head -c 400 "$out/$1")"; }

get services.json services.json
check services.json 'type == "array" and length > 0 and all(.[]; (.service_code | type == "string") and .service_name != "" and .type == "realtime" and (.metadata | type == "boolean"))'
get services.xml services.xml
grep -q '^<?xml version="1.0" encoding="UTF-8"?>' "$out/services.xml" || fail "services.xml: no XML declaration"
grep -q '<services><service><service_code>' "$out/services.xml" || fail "services.xml: not <services><service>"
get definition.json services/sanitation.json
check definition.json '.service_code == "sanitation" and (.attributes | type == "array")'

get requests.json requests.json
check requests.json 'type == "array" and length > 0 and all(.[]; (.service_request_id | test("^[0-9]{9}$")) and (.status == "open" or .status == "closed") and (.requested_datetime | test("T.*[+-][0-9]{2}:[0-9]{2}$")))'
check requests.json 'any(.[]; .description != "" and .status_notes != "")'
get open.json 'requests.json?status=open&service_code=sanitation'
check open.json 'all(.[]; .status == "open" and .service_code == "sanitation")'
get closed.json 'requests.json?status=closed'
check closed.json 'all(.[]; .status == "closed")'
get window.json 'requests.json?start_date=2000-01-01T00:00:00%2B08:00&end_date=2000-01-02T00:00:00%2B08:00'
check window.json 'length == 0'
id=$(jq -r '.[0].service_request_id' "$out/requests.json")
get one.json "requests/$id.json"
check one.json "length == 1 and .[0].service_request_id == \"$id\""
get one.xml "requests/$id.xml"
grep -q "<service_requests><request><service_request_id>$id</service_request_id>" "$out/one.xml" || fail "one.xml: not the request"

# A partner's request, resent after a lost answer: the same request.
post() {
	curl -sS -o "$out/$1" -w '%{http_code}' -H "Idempotency-Key: $2" "$base/requests.json" \
		--data-urlencode "api_key=$3" --data-urlencode service_code=infrastructure --data-urlencode jurisdiction_id=dahe \
		--data-urlencode "description=路灯不亮 请回电" --data-urlencode address_string=15栋 \
		--data-urlencode first_name=四 --data-urlencode last_name=李 --data-urlencode phone=13700001111
}
[ "$(post created.json call-1 "$key")" = 200 ] || fail "POST: $(cat "$out/created.json")"
check created.json 'length == 1 and (.[0].service_request_id | test("^98[0-9]{7}$")) and (.[0].token | length > 0)'
[ "$(post again.json call-1 "$key")" = 200 ] || fail "resend: $(cat "$out/again.json")"
cmp -s "$out/created.json" "$out/again.json" || fail "the resend made another request"
new=$(jq -r '.[0].service_request_id' "$out/created.json")
token=$(jq -r '.[0].token' "$out/created.json")
get token.json "tokens/$token.json"
check token.json ".[0].service_request_id == \"$new\""
get new.json "requests/$new.json"
check new.json '.[0].status == "open" and .[0].service_code == "infrastructure" and .[0].description == ""'

# Errors: the standard's documents with the HTTP status.
[ "$(post denied.json call-2 hotline.wrong)" = 403 ] || fail "a wrong key was let in"
check denied.json '.[0].code == 403 and .[0].description != ""'
code=$(curl -sS -o "$out/missing.xml" -w '%{http_code}' "$base/requests/000000000.xml")
if [ "$code" != 404 ] || ! grep -q '<errors><error><code>404</code>' "$out/missing.xml"; then
	fail "unknown request: $code $(cat "$out/missing.xml")"
fi
code=$(curl -sS -o "$out/elsewhere.json" -w '%{http_code}' "$base/services.json?jurisdiction_id=elsewhere")
[ "$code" = 404 ] || fail "another jurisdiction: $code"

# No resident's phone number (a mobile number standing alone: not inside a
# token's hex), whole or as given to the partner, in any answer.
if grep -P -l '(?<![0-9A-Za-z-])1[3-9][0-9]{9}(?![0-9A-Za-z])|13700001111|李四' "$out"/*.json "$out"/*.xml; then
	fail "a phone number or a name left the station (files above)"
fi
echo "smoke-open311: ok ($(jq length "$out/requests.json") requests, partner request $new)"
