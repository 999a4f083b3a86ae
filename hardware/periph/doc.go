// Package periph will be the Raspberry Pi backend of package hardware on
// periph.io (GPIO buttons with an own debouncer, hook switch, motion, BH1750
// and SHT3x over I2C, sysfs backlight). Built by the hardware issue.
package periph
