//go:build cgo

package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"opinionwall/display/handwriting"
	"opinionwall/display/handwriting/zinnia"
)

// other is the name of the samples that are only negatives.
const other = "_"

func main() {
	data := flag.String("data", "", "the unpacked hanzi-writer-data npm package (its <char>.json files)")
	tegaki := flag.String("tegaki", handwriting.DefaultModel, "the Tegaki model the targets are found with")
	copies := flag.Int("copies", 8, "samples of each target: its median and copies-1 jittered copies")
	others := flag.Int("others", 3, "samples of each other character (negatives)")
	probes := flag.Int("probes", 2, "jittered copies of each character tried on the Tegaki model besides its median")
	out := flag.String("o", "train.s", "output: Zinnia S-expression samples")
	targetsOut := flag.String("targets", "targets.txt", "output: the target characters, one line")
	flag.Parse()
	if *data == "" {
		log.Fatal("genmodel: -data is required")
	}
	if err := run(*data, *tegaki, *copies, *others, *probes, *out, *targetsOut); err != nil {
		log.Fatal(err)
	}
}

func run(dir, tegaki string, copies, others, probes int, out, targetsOut string) error {
	chars := gb2312Level1()
	glyphs := make(map[string][][]handwriting.Point, len(chars))
	for _, ch := range chars {
		s, err := readMedians(filepath.Join(dir, ch+".json"))
		if err != nil {
			return fmt.Errorf("genmodel: %s: %w", ch, err)
		}
		glyphs[ch] = s
	}
	rec, err := zinnia.Open(tegaki)
	if err != nil {
		return fmt.Errorf("genmodel: %w", err)
	}
	defer rec.Close()
	var targets []string
	for i, ch := range chars {
		missed, err := missedByTegaki(rec, ch, glyphs[ch], probes)
		if err != nil {
			return fmt.Errorf("genmodel: %s: %w", ch, err)
		}
		if missed {
			targets = append(targets, ch)
		}
		if i%500 == 499 {
			log.Printf("surveyed %d of %d: %d targets", i+1, len(chars), len(targets))
		}
	}
	log.Printf("%d of %d characters are not in Tegaki's first five in the standard order", len(targets), len(chars))
	if err := os.WriteFile(targetsOut, []byte(strings.Join(targets, "")+"\n"), 0o644); err != nil {
		return fmt.Errorf("genmodel: %w", err)
	}
	return writeSamples(out, chars, glyphs, targets, copies, others)
}

// missedByTegaki reports whether ch, written in its medians and in probes
// jittered copies, is missing from Tegaki's first five at least once.
func missedByTegaki(rec handwriting.Recognizer, ch string, median [][]handwriting.Point, probes int) (bool, error) {
	r := rng(ch, 2)
	for i := 0; i <= probes; i++ {
		s := median
		if i > 0 {
			s = jitter(median, r)
		}
		got, err := rec.Recognize(densify(s, 0.02), 8)
		if err != nil {
			return false, err
		}
		got = handwriting.Rank(got)
		hit := false
		for _, c := range got[:min(5, len(got))] {
			hit = hit || c.Char == ch
		}
		if !hit {
			return true, nil
		}
	}
	return false, nil
}

func writeSamples(out string, chars []string, glyphs map[string][][]handwriting.Point, targets []string, copies, others int) error {
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("genmodel: %w", err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	isTarget := map[string]bool{}
	for _, t := range targets {
		isTarget[t] = true
	}
	for _, ch := range chars {
		name, n := other, others
		if isTarget[ch] {
			name, n = ch, copies
		}
		r := rng(ch, 1)
		for i := range n {
			s := glyphs[ch]
			if i > 0 {
				s = jitter(s, r)
			}
			writeSample(w, name, s)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("genmodel: %w", err)
	}
	return f.Close()
}

// rng is a fixed random source per character and purpose, so that the
// samples are the same on every run.
func rng(ch string, purpose uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64([]rune(ch)[0]), purpose))
}

// writeSample writes one sample on Zinnia's 1000×1000 canvas, fitted as
// the pad's recogniser fits what is written.
func writeSample(w *bufio.Writer, name string, strokes [][]handwriting.Point) {
	fit := handwriting.Fitter(strokes)
	fmt.Fprintf(w, "(character (value %s) (width 1000) (height 1000) (strokes", name)
	for _, s := range strokes {
		w.WriteString(" (")
		for _, p := range s {
			p = fit(p)
			fmt.Fprintf(w, "(%d %d)", int(p.X*1000), int(p.Y*1000))
		}
		w.WriteString(")")
	}
	w.WriteString("))\n")
}
