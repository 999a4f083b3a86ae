package main

import (
	"context"
	"path/filepath"

	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
)

// openReader gives a wall kiosk with a speaker ([booth] audio_device) its
// 读给我听 button's voice: espeak-ng, cmn for Chinese screens and en for
// English ones, through the sound card. Without a card, nothing: the
// button is not shown.
func (m *Main) openReader(ctx context.Context) {
	c := m.cfg.Booth
	if m.cfg.Kiosk.Role == kiosk.RoleBooth || c.AudioDevice == "" {
		return
	}
	audio, state, closeAudio := openAudio(c, m.DataDir, m.log)
	if audio == nil {
		m.log.Warn("no speaker: 读给我听 is not shown", "audio", state)
		return
	}
	if closeAudio != nil {
		m.closers = append(m.closers, closeAudio)
	}
	cache := filepath.Join(m.DataDir, "speech")
	zh := &espeak.Espeak{Voice: c.Voice, CacheDir: cache}
	if err := zh.Check(ctx); err != nil {
		m.log.Error("no speech synthesis: 读给我听 is not shown", "err", err)
		return
	}
	m.reader = &booth.Reader{Audio: audio, Voices: map[string]*booth.Voice{
		"zh": {Synth: zh, Level: c.PromptLevel},
		"en": {Synth: &espeak.Espeak{Voice: "en", CacheDir: cache}, Level: c.PromptLevel}},
		Failed: func(err error) { m.log.Warn("read aloud", "err", err) }}
	m.closers = append(m.closers, m.reader.Close)
	m.log.Info("读给我听: the screens can be read aloud", "audio", state)
}
