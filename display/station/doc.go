// Package station is the review app at the community station, a Fyne
// desktop window: a worker logs in with a PIN, then works the inbox and
// a case (triage, assignment, replies, the wall), runs polls, reads the
// statistics and watches the fleet of kiosks; a lead records the phone
// booths' voice pack (语音包: record, listen, keep each prompt; sign with
// the operations key; send through the station).
//
// The screens reach the station's data only through a Desk: hub.Desk in
// the service's own process, or the client of the service's local API
// (hub/deskapi) in `hub app`. It returns what the logged-in worker's role
// may see; no widget decides who may see or do what. Refusals
// (kiosk.EFORBIDDEN) are shown as such.
//
// Every label comes from the catalog (catalog.go), in one language at a
// time: Chinese by default, English with Deps.Lang = LangEn. Tabs are
// chosen by identity (Tab, App.Show), never by their label text.
//
// New builds the app in a window; station.Theme is its look with the
// bundled font. Tests drive it through display/displaytest.
package station
