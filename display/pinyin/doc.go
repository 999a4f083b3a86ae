// Package pinyin is the kiosk's Chinese input without an IME: a hanzi
// dictionary keyed by toneless pinyin, candidates ranked common-first, and
// a composer that turns letter taps and candidate picks into text. Pure Go,
// no Fyne: the on-screen keyboard in package display drives it.
package pinyin
