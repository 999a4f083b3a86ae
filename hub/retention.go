package hub

import (
	"context"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// Personal data at the station (PIPL): what identifies a resident, their
// contact details and their free text, is kept while their case is worked
// and for RetentionDays after it closes; then it is erased. What is left
// (kind, topic, phrases and reasons picked, rating, building, dates, the
// worker's reply, the moderated wall text) keeps the statistics, the
// ledger and ticket lookups working. Refused submissions, kept only for
// diagnosis, are deleted after the same period from their receipt.

// DefaultRetentionDays is how long after a case closes the station keeps
// its resident's contact details and free text.
const DefaultRetentionDays = 180

// ActPurge is the audit action of the retention purge; its records carry
// RetentionAuditID as their case.
const ActPurge ActionKind = "purge"

// The case and the worker of the purge's audit records.
const (
	RetentionAuditID = "retention"
	RetentionWorker  = "station"
)

// RetentionCutoff is the moment before which closed cases lose their
// personal data.
func RetentionCutoff(now time.Time, days int) (time.Time, error) {
	if days < 1 {
		return time.Time{}, kiosk.Errorf(kiosk.EINVALID, "retention must be at least 1 day, not %d", days)
	}
	return now.AddDate(0, 0, -days), nil
}

// ClosedStatuses are the statuses of a case no longer worked.
func ClosedStatuses() []kiosk.TicketStatus {
	return []kiosk.TicketStatus{kiosk.StatusClosed, kiosk.StatusDuplicate, kiosk.StatusNotApplicable}
}

// PurgeDue reports whether the case's personal data is due for erasure:
// it is closed and last changed (its closing or later) before cutoff.
func PurgeDue(c Case, cutoff time.Time) bool {
	return !c.Open() && c.UpdatedAt.Before(cutoff)
}

// Anonymise returns the body without what identifies the resident: free
// text and contact details. Picked phrases, reasons, rating, topic and
// place stay for the statistics.
func Anonymise(b kiosk.Body) kiosk.Body {
	b.Text, b.Contact = "", nil
	return b
}

// HasPersonalData reports whether a body still holds free text or contact
// details.
func HasPersonalData(b kiosk.Body) bool { return b.Text != "" || b.Contact != nil }

// PurgeReport is what a purge erased, or would erase on a dry run.
type PurgeReport struct {
	At      time.Time
	Cutoff  time.Time
	Cases   int // closed cases whose text and contact details were erased
	Refused int // refused submissions deleted
	DryRun  bool
}

// String says what the purge did, for the log and the audit.
func (r PurgeReport) String() string {
	verb := "erased"
	if r.DryRun {
		verb = "would erase"
	}
	return fmt.Sprintf("%s the free text and contact details of %d cases closed before %s, and %d refused submissions received before then",
		verb, r.Cases, r.Cutoff.UTC().Format(time.DateOnly), r.Refused)
}

// Audits are the audit records of a purge that ran: what, how many, when.
func (r PurgeReport) Audits() []Audit {
	return []Audit{
		{Case: RetentionAuditID, Worker: RetentionWorker, At: r.At, Action: ActPurge,
			Detail: fmt.Sprintf("cases: %d (free text and contact details of cases closed before %s)", r.Cases, r.Cutoff.UTC().Format(time.RFC3339))},
		{Case: RetentionAuditID, Worker: RetentionWorker, At: r.At, Action: ActPurge,
			Detail: fmt.Sprintf("refused submissions: %d (received before %s)", r.Refused, r.Cutoff.UTC().Format(time.RFC3339))},
	}
}

// RetentionStore erases personal data due for erasure.
type RetentionStore interface {
	// PurgePersonalData erases the free text and contact details of the
	// cases PurgeDue selects at cutoff and deletes refused submissions
	// received before it, and stores the report's Audits, in one
	// transaction; with dryRun it only counts.
	PurgePersonalData(ctx context.Context, cutoff, at time.Time, dryRun bool) (PurgeReport, error)
}

// Purge applies the retention rule of days at now.
func Purge(ctx context.Context, st RetentionStore, days int, now time.Time, dryRun bool) (PurgeReport, error) {
	cutoff, err := RetentionCutoff(now, days)
	if err != nil {
		return PurgeReport{}, err
	}
	return st.PurgePersonalData(ctx, cutoff, now, dryRun)
}
