//go:build !race

package station_test

// raceDetector is true in a test binary built with -race.
const raceDetector = false
