package open311_test

import (
	"os"
	"testing"

	"opinionwall/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

// TestOnPostgreSQL runs the GeoReport and escalation tests
// again with the station's store on PostgreSQL.
func TestOnPostgreSQL(t *testing.T) {
	pgtest.RunAgain(t, map[string]func(*testing.T){
		"Conformance":          TestConformance,
		"EscalateAndMirror":    TestEscalateAndMirror,
		"EscalateAnswerLost":   TestEscalateAnswerLost,
		"EscalateOnlyOpenBig":  TestEscalateOnlyOpenBig,
		"NothingPrivateLeaves": TestNothingPrivateLeaves,
		"RequestsFilters":      TestRequestsFilters,
		"PartnerPost":          TestPartnerPost,
		"Routing":              TestRouting,
	})
}
