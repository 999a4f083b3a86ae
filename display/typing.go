package display

import (
	"fyne.io/fyne/v2"

	"opinionwall/display/pinyin"
	"opinionwall/display/pinyin/words"
	"opinionwall/kiosk"
)

// Vocabulary is the community's own words for the word engine: the names
// and phrases of the topics and services, the rating reasons, the streets
// and their buildings.
func Vocabulary(cfg *kiosk.Config) []string {
	var v []string
	for _, list := range [][]kiosk.Topic{cfg.Topics, cfg.Services} {
		for _, t := range list {
			v = append(v, t.Name.Zh)
			for _, p := range t.Phrases {
				v = append(v, p.Text.Zh)
			}
		}
	}
	for _, p := range cfg.RatingReasons {
		v = append(v, p.Text.Zh)
	}
	for _, st := range cfg.Streets {
		v = append(v, st.Name)
		v = append(v, st.Buildings...)
	}
	return v
}

// startWords gives the keyboard its word engine: d.Words when given, or
// else one loaded in the background from the config's vocabulary (tens of
// milliseconds, more on a Pi: not before the first frame). Until it is
// ready, the keyboard proposes single characters (charSource).
func (k *Kiosk) startWords() {
	if k.d.Words != nil {
		k.comp.Source, k.engine = k.d.Words, k.d.Words
		return
	}
	k.comp.Source = charSource{pinyin.Default()}
	k.engine = k.comp.Source
	vocab := Vocabulary(k.d.Config)
	ready := make(chan words.Source, 1)
	k.wordsReady = ready
	go func() {
		e, err := words.New(vocab)
		if err != nil {
			return // the embedded index is checked by its tests; keep the fallback
		}
		ready <- e
		fyne.Do(func() {
			if k.useWords() && k.typing {
				k.Refresh()
			}
		})
	}()
}

// useWords switches to the word engine once it is loaded; it reports
// whether it switched just now.
func (k *Kiosk) useWords() bool {
	select {
	case e := <-k.wordsReady:
		k.comp.Source, k.engine, k.t9 = e, e, nil
		k.wordsReady = nil
		if in := k.comp.Input(); in != "" {
			k.comp.SetText(k.comp.Text()) // candidates of the old source: type again
		}
		return true
	default:
		return false
	}
}

// charSource proposes single characters from the small built-in
// dictionary, one syllable at a time: the keyboard's words until the
// engine is loaded.
type charSource struct{ d *pinyin.Dict }

func (s charSource) Candidates(in string) []words.Candidate {
	var out []words.Candidate
	for _, r := range s.d.Candidates(in) {
		out = append(out, words.Candidate{Text: string(r), Letters: len(in)})
	}
	return out
}

func (s charSource) Associations(string) []words.Candidate { return nil }

func (s charSource) Valid(in string) bool { return s.d.Valid(in) }

// handPad is the visit's handwriting pad, made the first time it is
// shown: its characters go into the text, the word engine proposes what
// follows them, and the keyboard's candidate row shows what it proposes.
func (k *Kiosk) handPad(lang string, changed func()) *HandPad {
	if k.hand == nil {
		var rec = k.d.Handwriting
		k.hand = NewHandPad(lang, rec, 2*minTarget) // Square grows it to fit
		k.hand.OnCommit = func(text string) {
			for _, r := range text {
				k.comp.Put(r)
			}
		}
		k.hand.Associate = func(text string) []string {
			var out []string
			for _, c := range k.engine.Associations(text) {
				out = append(out, c.Text)
			}
			return out
		}
	}
	k.hand.OnCandidates = func([]string) { k.d.Session.Touch(); changed() }
	if k.hand.lang != lang {
		k.hand.SetLang(lang)
	}
	return k.hand
}
