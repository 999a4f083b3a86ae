// Package pinyin is a hanzi dictionary keyed by toneless pinyin, candidates
// ranked common-first. Pure Go, no Fyne. The keyboard proposes words
// through display/pinyin/words; this dictionary is its single-character
// fallback while the word engine loads at start.
package pinyin
