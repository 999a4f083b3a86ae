// Package sim will be the simulated backend of package hardware: a control
// socket that takes lines such as "press rate1", "hook up" or "lux 120", so
// scripts can act as a resident. Built by the hardware issue.
package sim
