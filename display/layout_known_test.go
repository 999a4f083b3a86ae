package display_test

// knownFailures are the layout cases (the screenshot's path under
// testdata/layout: panel/mode/screen, switch/panel/mode) that do not yet
// pass the layout rules. Each still runs: its problems are logged with
// t.Log and it is skipped, and it FAILS once it passes, so that the list
// can only shrink. Never add to it to make a change pass: fix the screen.
//
// None is left: the keypad (九宫格), paged tiles, short-panel pads and the
// split wall of 2026-11-30 took the last 96 cases off. Keep it empty.
var knownFailures = map[string]bool{}
