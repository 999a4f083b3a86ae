package opus

import (
	"bytes"
	"fmt"
	"time"

	"gopkg.in/hraban/opus.v2"

	"opinionwall/voice/ogg"
)

// Rates are the input rates libopus takes as they are; another rate is
// refused (the booth records at 16 kHz).
var Rates = []int{8000, 12000, 16000, 24000, 48000}

// frame is 20 ms, Opus's usual frame for speech.
const frame = 20 * time.Millisecond

// preSkip is the encoder's look-ahead at 48 kHz for the VoIP application
// at 16 kHz: 2.5 ms + 4 ms = 6.5 ms = 312 samples (what opusenc writes).
const preSkip = 312

// Encoder codes PCM into Ogg Opus. The zero value is not usable: use
// NewEncoder. Safe for use by one goroutine at a time.
type Encoder struct {
	Bitrate    int // bits per second; default 16000
	Complexity int // 0-10; default 5 (a Pi 4's share of a core, see docs/BENCHMARKS.md)
}

// NewEncoder returns an encoder with the voice messages' settings.
func NewEncoder() *Encoder { return &Encoder{Bitrate: 16000, Complexity: 5} }

// Encode codes mono pcm recorded at rate into an Ogg Opus file and says
// how long the audio is.
func (e *Encoder) Encode(pcm []int16, rate int) ([]byte, time.Duration, error) {
	if !supported(rate) {
		return nil, 0, fmt.Errorf("opus: sample rate %d Hz: libopus takes %v", rate, Rates)
	}
	if len(pcm) == 0 {
		return nil, 0, fmt.Errorf("opus: no audio")
	}
	enc, err := opus.NewEncoder(rate, 1, opus.AppVoIP)
	if err != nil {
		return nil, 0, fmt.Errorf("opus: new encoder: %w", err)
	}
	if err := enc.SetBitrate(e.Bitrate); err != nil {
		return nil, 0, fmt.Errorf("opus: bitrate %d: %w", e.Bitrate, err)
	}
	if err := enc.SetComplexity(e.Complexity); err != nil {
		return nil, 0, fmt.Errorf("opus: complexity %d: %w", e.Complexity, err)
	}
	if err := enc.SetMaxBandwidth(opus.Wideband); err != nil {
		return nil, 0, fmt.Errorf("opus: bandwidth: %w", err)
	}
	var buf bytes.Buffer
	w, err := ogg.NewWriter(&buf, ogg.Head{Channels: 1, PreSkip: preSkip, InputRate: rate}, "opinionwall libopus", 0x6f77)
	if err != nil {
		return nil, 0, err
	}
	n := rate * int(frame/time.Millisecond) / 1000
	in := make([]int16, n)
	out := make([]byte, 1500)
	// The encoder's delay holds back the end of the audio: feed silence
	// until the packets cover the pre-skip and the whole message.
	total := len(pcm) + preSkip*rate/ogg.GranuleRate + 1
	for off := 0; off < total; off += n {
		clear(in)
		if off < len(pcm) {
			copy(in, pcm[off:]) // the last frame padded with silence
		}
		m, err := enc.Encode(in, out)
		if err != nil {
			return nil, 0, fmt.Errorf("opus: encode: %w", err)
		}
		if err := w.WritePacket(out[:m], ogg.GranuleRate*int(frame/time.Millisecond)/1000); err != nil {
			return nil, 0, err
		}
	}
	length := int64(len(pcm)) * ogg.GranuleRate / int64(rate)
	if err := w.Close(length); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), time.Duration(length) * time.Second / ogg.GranuleRate, nil
}

// Decode turns an Ogg Opus file into mono PCM at rate (one of Rates), the
// pre-skip and the end's padding dropped.
func Decode(file []byte, rate int) ([]int16, error) {
	if !supported(rate) {
		return nil, fmt.Errorf("opus: sample rate %d Hz: libopus gives %v", rate, Rates)
	}
	s, err := ogg.Parse(file)
	if err != nil {
		return nil, err
	}
	dec, err := opus.NewDecoder(rate, 1)
	if err != nil {
		return nil, fmt.Errorf("opus: new decoder: %w", err)
	}
	pcm := make([]int16, 0, int(s.Duration().Seconds()*float64(rate))+rate)
	buf := make([]int16, rate*120/1000*s.Head.Channels) // the longest packet: 120 ms
	for i, p := range s.Packets {
		n, err := dec.Decode(p, buf)
		if err != nil {
			return nil, fmt.Errorf("opus: decode packet %d: %w", i, err)
		}
		pcm = append(pcm, buf[:n]...)
	}
	skip := s.Head.PreSkip * rate / ogg.GranuleRate
	end := int(max(s.Granule, 0) * int64(rate) / ogg.GranuleRate)
	end = min(end, len(pcm))
	if skip > end {
		return nil, nil
	}
	return pcm[skip:end], nil
}

func supported(rate int) bool {
	for _, r := range Rates {
		if r == rate {
			return true
		}
	}
	return false
}
