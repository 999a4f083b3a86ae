package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"opinionwall/display/station"
	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/hardware/malgo"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
	"opinionwall/voice/opus"
)

func init() { voicepack.OpusEncoder = packEncoder }

// packEncoder codes a voice pack's clips as Ogg Opus at 24 kbit/s, as
// kioskctl voicepack sign does: a whole pack is about half a megabyte.
func packEncoder(pcm []int16) ([]byte, error) {
	enc := opus.NewEncoder()
	enc.Bitrate = 24000
	b, _, err := enc.Encode(pcm, hardware.SampleRate)
	return b, err
}

// studioConfig is what `hub app`'s flags say of recording voice packs.
type studioConfig struct {
	device, dir, opsKey string
}

func (c *studioConfig) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.device, "audio-device", "default", "the station PC's sound card for recording the booths' voice pack (a part of its name, default, none, or fake: a file-backed device whose microphone plays DIR/mic.wav, for demos)")
	fs.StringVar(&c.dir, "voicepack-dir", filepath.Join(os.Getenv("HOME"), "语音包"), "where the voice pack's kept recordings are (one PROMPT.wav each; kioskctl voicepack sign reads the same folder)")
	fs.StringVar(&c.opsKey, "ops-key", "/media/usb/ops.key", "where the operations key usually is (the USB stick); the 语音包 screen asks for it")
}

// voicePack wires the 语音包 screen: the microphone the flags name (or
// why there is none) and signing with the operations key file.
func (c studioConfig) voicePack(log *slog.Logger) (*station.VoicePack, func() error) {
	audio, why, closeAudio := openStudioAudio(c.device, c.dir)
	vp := c.with(audio)
	if audio == nil {
		log.Warn("no microphone: the voice pack screen does not record", "audio_device", c.device, "why", why)
		vp.NoMic = why
		return vp, func() error { return nil }
	}
	return vp, closeAudio
}

// with is the screen's wiring over a sound card; nil records nothing.
func (c studioConfig) with(audio hardware.Audio) *station.VoicePack {
	vp := &station.VoicePack{KeyPath: c.opsKey, NothingHeard: voicepack.ErrNothingHeard,
		Sign: func(keyPath string, version int64, by string) ([]byte, error) {
			return signPack(c.dir, keyPath, version, by)
		}}
	if audio != nil {
		vp.Studio = &voicepack.Studio{Audio: audio, Dir: c.dir}
	}
	return vp
}

// openStudioAudio opens the sound card, or says why there is none.
func openStudioAudio(device, dir string) (hardware.Audio, string, func() error) {
	switch device {
	case "", "none":
		return nil, "-audio-device none", nil
	case "fake":
		d := audiotest.New()
		d.RealTime, d.MicRealTime, d.Keep, d.MicFile = true, true, 50, filepath.Join(dir, "mic.wav")
		return d, "", func() error { return nil }
	}
	d := &malgo.Device{Name: device}
	if err := d.Open(); err != nil {
		return nil, err.Error(), nil
	}
	return d, "", d.Close
}

// signPack signs the kept recordings in dir with the operations key file
// at keyPath, as kioskctl voicepack sign does.
func signPack(dir, keyPath string, version int64, by string) ([]byte, error) {
	if keyPath == "" {
		return nil, errors.New("no operations key file named")
	}
	k, err := mqtt.LoadPrivateKey(keyPath)
	if err != nil {
		return nil, err
	}
	b, _, err := voicepack.Make(mqtt.NewSigner(k), dir, version, by, time.Now(), voicepack.CodecOpus)
	return b, err
}

// openVoicePacks lets the Desk send voice packs when the station has the
// operations public key (-ops-pub); without it the 语音包 screen is told
// the station sends none.
func (m *Main) openVoicePacks(in *hubside.Ingest) error {
	path := m.Config.opsPub
	if path == "" {
		return nil
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		m.Log.Warn("no operations public key: voice packs are not sent from the review app", "ops_pub", path)
		return nil
	}
	trust, err := mqtt.LoadTrust(path)
	if err != nil {
		return err
	}
	vp := &hubside.VoicePacks{Ingest: in, Trust: trust, Dir: filepath.Join(m.Config.data, "voicepacks"), Audit: m.db, Log: m.Log.With("part", "voicepacks")}
	if err := m.open(vp); err != nil {
		return fmt.Errorf("%w (-ops-pub %s)", err, path)
	}
	m.desk.desk.VoicePacks = vp
	return nil
}
