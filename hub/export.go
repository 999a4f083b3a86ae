package hub

import (
	"context"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// ActExportContacts is the audit action of an export that carried
// residents' contact details; its records carry ExportAuditID as their
// case.
const ActExportContacts ActionKind = "export_contacts"

// ExportAuditID is the case of the export audit records.
const ExportAuditID = "export"

// MayExportContacts reports whether the worker may take residents'
// contact details out of the station in an export: a lead only, signed
// in with their PIN.
func (w Worker) MayExportContacts() error {
	if err := w.signedIn(); err != nil {
		return err
	}
	if w.Role != RoleLead {
		return kiosk.Errorf(kiosk.EFORBIDDEN, "only a lead may export contact details, not a %s", w.Role)
	}
	return nil
}

// ExportView is a submission as an export carries it: without contact
// details and with the free text masked (Redact), unless withContacts
// (a lead asked for them: MayExportContacts).
func ExportView(r Received, withContacts bool) Received {
	if withContacts {
		return r
	}
	r.Body.Contact = nil
	r.Body.Text = Redact(r.Body.Text)
	r.RawBody = nil
	return r
}

// Auditor keeps audit records that belong to no case (exports, purges).
type Auditor interface {
	Audit(ctx context.Context, a Audit) error
}

// ExportAudit is the record of an export with contact details: who, when,
// how many submissions, where to.
func ExportAudit(w Worker, at time.Time, rows int, dest string) Audit {
	return Audit{Case: ExportAuditID, Worker: w.ID, At: at, Action: ActExportContacts,
		Detail: fmt.Sprintf("%d submissions with contact details to %s", rows, dest)}
}
