// Package toml loads a kiosk's configuration from a TOML file over the
// domain's defaults (github.com/BurntSushi/toml), refusing unknown keys and
// invalid values with messages that name the key. Example returns a
// commented configuration file that loads as it is.
package toml
