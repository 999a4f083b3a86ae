package display_test

// knownFailures are the layout cases (the screenshot's path under
// testdata/layout: panel/mode/screen, switch/panel/mode) that do not yet
// pass the layout rules. Each still runs: its problems are logged with
// t.Log and it is skipped, and it FAILS once it passes, so that the list
// can only shrink. Never add to it to make a change pass: fix the screen.
//
// What is left, by cause (as of the merge of r13a, r13b and r13c):
//   - 800×480 in 长辈模式 (targets 85 px, ≈ 16 mm on the 7" display): the
//     keyboard's ten keys a row are 73 px wide and the panel is too short
//     to fold them; the topic, service and reason tiles, the digit pads and
//     the wall need more than the 480 px height without scrolling.
//   - 720×1280 (Touch Display 2) in 长辈模式 (targets 135 px, ≈ 16 mm at
//     8.3 px/mm): the keyboard cannot fold to keys that wide and stay on
//     the panel; the header takes two rows, so the eight topics, the
//     digit pads and the reasons run below the fold.
//   - 800×480 normal/English: the eight English topics (three columns
//     are a few px too narrow for them), the English receipt, and the error
//     message on the words, contact and code steps push content below
//     the fold.
//   - The keyboard's word and handwriting screens (keyboard-words,
//     keyboard-hand), added to the check with the word engine and the pad,
//     fail where every other keyboard screen does: 800×480 and 720×1280 in
//     长辈模式 (the first cause above). They were never passing.
var knownFailures = map[string]bool{
	"800x480/elder/keyboard-hand":        true,
	"800x480/elder/keyboard-words":       true,
	"800x480/en-elder/keyboard-hand":     true,
	"800x480/en-elder/keyboard-words":    true,
	"720x1280/elder/keyboard-words":      true,
	"720x1280/en-elder/keyboard-words":   true,
	"720x1280/elder/code-error":          true,
	"720x1280/elder/contact":             true,
	"720x1280/elder/contact-error":       true,
	"720x1280/elder/contact-phone":       true,
	"720x1280/elder/keyboard-0":          true,
	"720x1280/elder/keyboard-1":          true,
	"720x1280/elder/keyboard-2":          true,
	"720x1280/elder/keyboard-3":          true,
	"720x1280/elder/keyboard-4":          true,
	"720x1280/elder/keyboard-5":          true,
	"720x1280/elder/keyboard-6":          true,
	"720x1280/elder/keyboard-digits":     true,
	"720x1280/elder/keyboard-english":    true,
	"720x1280/elder/reasons":             true,
	"720x1280/elder/topic":               true,
	"720x1280/en-elder/code-error":       true,
	"720x1280/en-elder/contact":          true,
	"720x1280/en-elder/contact-error":    true,
	"720x1280/en-elder/contact-phone":    true,
	"720x1280/en-elder/keyboard-0":       true,
	"720x1280/en-elder/keyboard-1":       true,
	"720x1280/en-elder/keyboard-2":       true,
	"720x1280/en-elder/keyboard-3":       true,
	"720x1280/en-elder/keyboard-4":       true,
	"720x1280/en-elder/keyboard-5":       true,
	"720x1280/en-elder/keyboard-6":       true,
	"720x1280/en-elder/keyboard-digits":  true,
	"720x1280/en-elder/keyboard-english": true,
	"720x1280/en-elder/reasons":          true,
	"720x1280/en-elder/topic":            true,
	"720x1280/en-elder/words-error":      true,
	"800x480/elder/code":                 true,
	"800x480/elder/code-error":           true,
	"800x480/elder/contact":              true,
	"800x480/elder/contact-error":        true,
	"800x480/elder/contact-phone":        true,
	"800x480/elder/home":                 true,
	"800x480/elder/keyboard-0":           true,
	"800x480/elder/keyboard-1":           true,
	"800x480/elder/keyboard-2":           true,
	"800x480/elder/keyboard-3":           true,
	"800x480/elder/keyboard-4":           true,
	"800x480/elder/keyboard-5":           true,
	"800x480/elder/keyboard-6":           true,
	"800x480/elder/keyboard-digits":      true,
	"800x480/elder/keyboard-english":     true,
	"800x480/elder/location-street":      true,
	"800x480/elder/option":               true,
	"800x480/elder/reasons":              true,
	"800x480/elder/service":              true,
	"800x480/elder/submitted":            true,
	"800x480/elder/topic":                true,
	"800x480/elder/wall":                 true,
	"800x480/elder/wall-2":               true,
	"800x480/elder/words":                true,
	"800x480/elder/words-error":          true,
	"800x480/en-elder/code":              true,
	"800x480/en-elder/code-error":        true,
	"800x480/en-elder/contact":           true,
	"800x480/en-elder/contact-error":     true,
	"800x480/en-elder/contact-phone":     true,
	"800x480/en-elder/faces":             true,
	"800x480/en-elder/home":              true,
	"800x480/en-elder/keyboard-0":        true,
	"800x480/en-elder/keyboard-1":        true,
	"800x480/en-elder/keyboard-2":        true,
	"800x480/en-elder/keyboard-3":        true,
	"800x480/en-elder/keyboard-4":        true,
	"800x480/en-elder/keyboard-5":        true,
	"800x480/en-elder/keyboard-6":        true,
	"800x480/en-elder/keyboard-digits":   true,
	"800x480/en-elder/keyboard-english":  true,
	"800x480/en-elder/location-street":   true,
	"800x480/en-elder/option":            true,
	"800x480/en-elder/reasons":           true,
	"800x480/en-elder/result":            true,
	"800x480/en-elder/service":           true,
	"800x480/en-elder/submitted":         true,
	"800x480/en-elder/topic":             true,
	"800x480/en-elder/wall":              true,
	"800x480/en-elder/wall-2":            true,
	"800x480/en-elder/words":             true,
	"800x480/en-elder/words-error":       true,
	"800x480/en/code-error":              true,
	"800x480/en/contact-error":           true,
	"800x480/en/submitted":               true,
	"800x480/en/topic":                   true,
	"800x480/en/words-error":             true,
	"switch/800x480/elder":               true,
	"switch/800x480/en-elder":            true,
}
