// Package open311 speaks Open311 GeoReport v2 for the station, in JSON
// and XML (chosen by the .json or .xml suffix, as the standard does):
// Server is the http.Handler partners and the district call (services,
// requests, tokens, POST requests with an API key), Client calls a
// government body's endpoint, and Escalator forwards the station's 大事
// to their bodies from the store's outbox and mirrors their status back
// into the case history.
//
// It only translates: what may leave, who may submit and what an
// escalation carries are hub.GeoReport's and hub.Escalation's rules.
package open311
