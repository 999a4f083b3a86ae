// Package ops is the kiosk side of maintenance: it checks each signed
// command (the target is this kiosk, it has not expired, its nonce was not
// seen, it was not delivered retained) and runs it, answering accepted,
// succeeded, failed or rejected with a reason. Commands reach the kiosk's
// parts through small interfaces, so the package has no Fyne, no SQL and
// no MQTT in it.
package ops
