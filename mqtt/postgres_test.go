package mqtt_test

import (
	"testing"

	"opinionwall/internal/pgtest"
)

// onPostgres names the end-to-end tests TestOnPostgreSQL runs again with
// the hub's store on PostgreSQL: the same broker, relays and kiosk
// stores, the same checks.
var onPostgres = map[string]func(*testing.T){
	"DrainToHub":                           TestDrainToHub,
	"Presence":                             TestPresence,
	"BrokerRestartDuringDrain":             TestBrokerRestartDuringDrain,
	"ConnectionCutMidStream":               TestConnectionCutMidStream,
	"IngestKeepsBadSubmissionsAside":       TestIngestKeepsBadSubmissionsAside,
	"IngestDistrustsKioskFields":           TestIngestDistrustsKioskFields,
	"DownlinkSurvivesBrokerOutage":         TestDownlinkSurvivesBrokerOutage,
	"StoreResetKeepsCodesDistinct":         TestStoreResetKeepsCodesDistinct,
	"ForeignNumberRefusedThroughTheBroker": TestForeignNumberRefusedThroughTheBroker,
	"LookupAnyCodeAtAnyKiosk":              TestLookupAnyCodeAtAnyKiosk,
	"DownlinkOnceFromSeveralHubs":          testDownlinkOnceFromSeveralHubs,
	"HubKilledDuringIngest":                TestHubKilledDuringIngest,
	"KioskKilledDuringDrain":               TestKioskKilledDuringDrain,
}

// TestOnPostgreSQL: the station end to end (embedded broker, kiosks'
// relays on their real SQLite stores, the hub's ingest and downlink) with
// the hub's store on a throw-away PostgreSQL (internal/pgtest), a
// database per test; with the hub or a kiosk killed (SIGKILL) mid-ingest,
// every submission is stored exactly once.
func TestOnPostgreSQL(t *testing.T) {
	pgtest.RunAgain(t, onPostgres)
}
