package web_test

import (
	"os"
	"path/filepath"
	"strings"
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
	if !pgtest.Available() {
		t.Skip(pgtest.ErrNotInstalled)
	}
	for name, test := range map[string]func(*testing.T){
		"PINLockoutSharedWithReviewApp": TestPINLockoutSharedWithReviewApp,
		"NoteResendIsTheSameNote":       TestNoteResendIsTheSameNote,
		"MyCasesOrder":                  TestMyCasesOrder,
		"LeadSetsBuildings":             TestLeadSetsBuildings,
		"WallPhoto":                     TestWallPhoto,
		"PublicPageReferralsAndItem":    TestPublicPageReferralsAndItem,
		"NoContactForVolunteerOrPublic": TestNoContactForVolunteerOrPublic,
	} {
		t.Run(name, test)
	}
}

// storePath is a test's store: a file, or under TestOnPostgreSQL a new
// database.
func storePath(t testing.TB) string {
	if strings.HasPrefix(t.Name(), "TestOnPostgreSQL/") {
		return pgtest.Database(t)
	}
	return filepath.Join(t.TempDir(), "hub.db")
}
