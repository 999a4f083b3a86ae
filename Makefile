# Opinion Wall (意见墙). `make demo` runs it, `make test` tests it; both
# install what is missing first (see deploy/deps.sh).

GOBIN := $(shell go env GOPATH)/bin
export PATH := $(GOBIN):$(PATH)

.PHONY: vendor-htmx
.PHONY: all deps build handwriting-model release release-check demo test vet lint fmt-check tidy-check unit smoke units bench bench-idle soak-window clean

all: build

## deps: install the Debian packages and Go tools needed to build and test (only those missing)
deps:
	./deploy/deps.sh

## build: build every command into bin/
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

build:
	go build -ldflags "$(LDFLAGS)" -o bin/ ./cmd/...

## handwriting-model: retrain the handwriting pad's standard-order model in deploy/handwriting (committed; minutes of CPU) from hanzi-writer-data
handwriting-model: deps
	./deploy/handwriting/build.sh

## release: kiosk for linux/arm64 and hub for amd64 and arm64 (cgo, arm64 through Debian multiarch), kioskctl for both (pure Go), in dist/VERSION
release: deps
	VERSION=$(VERSION) ./deploy/release.sh

## demo: run the whole system as far as it exists, on this machine
demo: deps build
	./deploy/demo.sh

## test: formatting, vet, staticcheck, every test with the race detector, and the
## smoke test of the real kiosk window under Xvfb
test: deps fmt-check tidy-check vet lint unit smoke units release-check

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt would change: $$bad"; exit 1; fi

## tidy-check: go mod tidy would change nothing (no missing, unused or wrongly indirect modules)
tidy-check:
	go mod tidy -diff

vet:
	go vet ./...

lint:
	staticcheck ./...
	shellcheck deploy/*.sh deploy/*/*.sh .ci/run

unit:
	go test -race -count=1 -timeout 25m ./...
	# the layout check and the tests whose screens change through fyne.Do, which skip themselves under -race
	CGO_ENABLED=0 go test -count=1 -timeout 20m -run '^TestLayout|^TestKeyboardHandwriting|^TestLookupAnotherKiosksCode|^TestLookupStationUnreachable|^TestKeypadTapCounts' ./display/
	CGO_ENABLED=0 go test -count=1 -run '^TestVoiceCaseThroughTheScreens$$' ./display/station/
	# the recorded voice pack end to end: the 语音包 screen, a real hub (cgo: libopus) and a booth
	go test -count=1 -run '^TestRecordedVoicePackEndToEnd$$' ./cmd/hub/

## release-check: the arm64 kiosk and hub link (cgo), and file says they are aarch64 executables
release-check:
	VERSION=$(VERSION) ./deploy/release.sh -check

## units: systemd-analyze verify on the units in deploy/systemd; the Pi setup script run twice into a scratch root
units: build
	./deploy/systemd/verify.sh
	./deploy/pi/test-setup.sh

## smoke: the kiosk binary under Xvfb, driven with xdotool (build/smoke; and in 长辈模式 on the 7" 800×480 panel, typing on the keypad: build/smoke-elder-7in), the hub review app on seeded data touring its screens (build/smoke-hub), the resident flows that need a station — a code looked up at another kiosk, ratings by button and touch, a vote, its own code, the wall, 长辈模式 — (build/smoke-lookup), the handwriting pad written in with mouse drags (build/smoke-handpad), the Open311 endpoint checked with curl and jq (build/smoke-open311), and the phone booth driven by its keys alone (build/smoke-booth)
smoke: build
	./deploy/smoke.sh
	SMOKE_WINDOWED=800x480 SMOKE_LARGE=1 SMOKE_OUT=build/smoke-elder-7in ./deploy/smoke.sh
	./deploy/smoke-hub.sh
	./deploy/smoke-lookup.sh
	./deploy/smoke-handpad.sh
	./deploy/smoke-open311.sh
	./deploy/smoke-booth.sh

## bench: the figures of docs/BENCHMARKS.md, each with its baseline, into bench.out
bench:
	./deploy/bench.sh bench.out

## bench-idle: CPU and memory of a connected, idle kiosk over 120 s (no display needed)
bench-idle: build
	./deploy/bench-idle.sh 120

## vendor-htmx: htmx.org from npm (npm pack), its minified build and licence copied into hub/web/static (committed, embedded: no CDN)
HTMX_VERSION := 2.0.11
vendor-htmx:
	tmp=$$(mktemp -d) && (cd "$$tmp" && npm pack --silent htmx.org@$(HTMX_VERSION) >/dev/null && tar xzf htmx.org-$(HTMX_VERSION).tgz) && \
	cp "$$tmp/package/dist/htmx.min.js" hub/web/static/htmx.min.js && cp "$$tmp/package/LICENSE" hub/web/static/htmx.LICENSE && \
	echo "htmx.org $(HTMX_VERSION)" > hub/web/static/htmx.VERSION; rm -rf "$$tmp"

## soak-window: 1,000 clicked visits through the real kiosk window under Xvfb, RSS growth
soak-window: build
	./deploy/soak-window.sh 1000

clean:
	rm -rf bin demo-data bench.out build
