// Package ops is the kiosk side of maintenance: the Handler checks each
// signed command (the target is this kiosk, it has not expired, its nonce
// was not seen, it was not delivered retained) and runs it, answering
// accepted, succeeded, failed or rejected with a reason.
//
// RegisterStandard registers the commands of protocol v1 from a table, one
// method each (commands.go); LiveConfig applies the hub's desired
// configuration to the running kiosk; Ring keeps the last log lines for the
// logs command. Commands reach the kiosk's parts through Deps, functions
// and small interfaces, so the package has no Fyne, no SQL and no MQTT in
// it.
package ops
