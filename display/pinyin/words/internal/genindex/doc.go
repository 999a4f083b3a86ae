// Command genindex writes the compact index package words embeds
// (index.txt): the GB2312 characters with their toneless readings from
// github.com/mozillazg/go-pinyin and their frequency, and the words of 2 to 4
// characters of the go-ego/gse v0.80.3 simplified-Chinese dictionary with
// theirs, grouped by the first letters of their characters' readings. Run by
// `go generate ./display/pinyin/words`; see that package's doc for the
// sources and their licences.
package main
