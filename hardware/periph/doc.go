// Package periph is the Raspberry Pi (4 and 5) backend of package hardware
// on periph.io: GPIO buttons, hook switch and motion sensor through the
// hardware debouncer, LEDs with their state kept in software, the BH1750
// light and SHT3x climate sensors over I2C (written over i2c.Dev.Tx: the
// devices module is not available), the sysfs backlight with an X11 DPMS
// fallback, and the CPU temperature.
//
// Rules of the drivers: pins by gpioreg.ByName with a nil check (host.Init
// says nothing when every driver was skipped); WaitForEdge always with a
// finite positive timeout; never Read() an output. Opening pins and buses
// is the caller's (cmd/kiosk), after host.Init.
package periph
