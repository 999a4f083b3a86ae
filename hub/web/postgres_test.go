package web_test

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

// TestOnPostgreSQL runs the pages' tests that write through the store
// again with the station's store on PostgreSQL.
func TestOnPostgreSQL(t *testing.T) {
	pgtest.RunAgain(t, map[string]func(*testing.T){
		"PINLockoutSharedWithReviewApp": TestPINLockoutSharedWithReviewApp,
		"NoteResendIsTheSameNote":       TestNoteResendIsTheSameNote,
		"MyCasesOrder":                  TestMyCasesOrder,
		"LeadSetsBuildings":             TestLeadSetsBuildings,
		"WallPhoto":                     TestWallPhoto,
		"PublicPageReferralsAndItem":    TestPublicPageReferralsAndItem,
		"NoContactForVolunteerOrPublic": TestNoContactForVolunteerOrPublic,
	})
}
