package display_test

// knownFailures are the layout cases (the screenshot's path under
// testdata/layout: panel/mode/screen, switch/panel/mode) that do not yet
// pass the layout rules. Each still runs: its problems are logged with
// t.Log and it is skipped, and it FAILS once it passes, so that the list
// can only shrink. Never add to it to make a change pass: fix the screen.
//
// What is left, by cause (after the keypad, paged tiles and short-panel
// pads of 2026-11-30 took 75 cases off):
//   - 800×480 in English+长辈模式: the English words are wider than the
//     Chinese at 32 px — the question over the rating faces, the digit
//     pad's Clear/Delete keys beside the value, the receipt's sentences.
//   - The receipt (submitted) on 800×480: its two sentences and the QR
//     code need more than the height the code and 完成 leave.
//   - 720×1280 (Touch Display 2) in 长辈模式 (targets 135 px): the contact
//     and code steps with an error or the consent need more than the
//     height the two-row header leaves above the pad.
var knownFailures = map[string]bool{
	"720x1280/elder/code-error":       true,
	"720x1280/elder/contact":          true,
	"720x1280/elder/contact-error":    true,
	"720x1280/elder/contact-phone":    true,
	"720x1280/en-elder/code-error":    true,
	"720x1280/en-elder/contact":       true,
	"720x1280/en-elder/contact-error": true,
	"720x1280/en-elder/contact-phone": true,
	"800x480/elder/submitted":         true,
	"800x480/en-elder/code-error":     true,
	"800x480/en-elder/contact":        true,
	"800x480/en-elder/contact-error":  true,
	"800x480/en-elder/contact-phone":  true,
	"800x480/en-elder/faces":          true,
	"800x480/en-elder/option":         true,
	"800x480/en-elder/submitted":      true,
	"800x480/en-elder/wall":           true,
	"800x480/en-elder/wall-2":         true,
	"800x480/en-elder/words":          true,
	"800x480/en-elder/words-error":    true,
	"800x480/en/submitted":            true,
}
