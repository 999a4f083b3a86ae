// Package words proposes Chinese words for typed pinyin: full syllables
// (dianti → 电梯), initials (dt → 电梯, jm → 居民) and both mixed
// (dian t → 电梯), words before single characters when they take the
// whole input, most frequent first with the community's own vocabulary
// ranked up; after a pick, the letters left stay composing; after a word is
// written, associations (联想) propose the next. Pure Go, no Fyne: the
// on-screen keyboard calls a Source per keystroke and per pick, through
// Composer.
//
// # Data and licences
//
// Words and their frequencies come from the simplified-Chinese dictionary
// shipped with github.com/go-ego/gse v0.80.3 (data/dict/zh/s_1.txt, about
// 350,000 words), itself derived from jieba's dict.txt: gse is under the
// Apache License 2.0 and jieba under the MIT licence, both of which allow
// redistributing the data (with their notices; see NOTICE in this
// directory). Readings come from github.com/mozillazg/go-pinyin (MIT), one
// character at a time: a word matches the letters through any reading of
// each of its characters. Only GB2312 characters are kept, and words of 2
// to 4 characters.
//
// A character's frequency is its frequency as a word of its own plus a
// fifth of its uses inside words. A reading other than go-pinyin's first
// ranks far lower (是 for "ti", 失 for "yi"), except the second readings
// listed in usual (地 as de, 行 as háng).
//
// # Index
//
// index.txt is generated (`go generate ./display/pinyin/words`, by
// internal/genindex, which fetches gse through the Go module cache without
// adding it to go.mod), committed and embedded; New reads it in one pass
// into one string and flat tables (see docs/BENCHMARKS.md for its time and
// heap).
//
// # Associations
//
// gse's dictionary has no word pairs. The bigrams are the dictionary's
// own words split after what was written (垃 → 圾, 电梯 → 间), and, first,
// from the community's phrases passed to New: the rest of a phrase that
// begins with what was written (房东 → 不维修), then the word that follows
// it in a phrase (segmented by longest dictionary match).
package words
