package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"opinionwall/hardware"
)

// ErrFormat says the bytes are not a 16-bit PCM WAVE file.
var ErrFormat = errors.New("not a 16-bit PCM WAV file")

// Encode returns pcm (hardware.SampleRate, mono) as a WAV file.
func Encode(pcm []int16) []byte {
	var b bytes.Buffer
	n := uint32(len(pcm) * 2)
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, 36+n)
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(hardware.SampleRate), uint32(hardware.SampleRate * 2), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, n)
	binary.Write(&b, binary.LittleEndian, pcm)
	return b.Bytes()
}

// WriteFile writes pcm as a WAV file at path.
func WriteFile(path string, pcm []int16) error {
	if err := os.WriteFile(path, Encode(pcm), 0o644); err != nil {
		return fmt.Errorf("write wav: %w", err)
	}
	return nil
}

// ReadFile reads the WAV file at path as 16 kHz mono.
func ReadFile(path string) ([]int16, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read wav: %w", err)
	}
	pcm, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pcm, nil
}

// Decode reads a 16-bit PCM WAV file, mixes it to mono and resamples it to
// hardware.SampleRate. A data chunk whose size was never filled in (as
// when a program streams a WAV to a pipe) runs to the end of the bytes.
func Decode(b []byte) ([]int16, error) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, ErrFormat
	}
	var channels, bits uint16
	var rate uint32
	r := b[12:]
	for len(r) >= 8 {
		id, size := string(r[0:4]), binary.LittleEndian.Uint32(r[4:8])
		r = r[8:]
		switch id {
		case "fmt ":
			if size < 16 || len(r) < 16 {
				return nil, ErrFormat
			}
			if format := binary.LittleEndian.Uint16(r[0:2]); format != 1 && format != 0xFFFE {
				return nil, fmt.Errorf("%w: format %d", ErrFormat, format)
			}
			channels = binary.LittleEndian.Uint16(r[2:4])
			rate = binary.LittleEndian.Uint32(r[4:8])
			bits = binary.LittleEndian.Uint16(r[14:16])
		case "data":
			if bits != 16 || channels == 0 || rate == 0 {
				return nil, fmt.Errorf("%w: %d bits, %d channels, %d Hz", ErrFormat, bits, channels, rate)
			}
			if int64(size) > int64(len(r)) || size == 0 || size == 0xFFFFFFFF {
				size = uint32(len(r))
			}
			return convert(r[:size&^1], int(channels), int(rate)), nil
		}
		if int64(size) > int64(len(r)) {
			break
		}
		r = r[size+size&1:]
	}
	return nil, fmt.Errorf("%w: no data", ErrFormat)
}

// Read decodes a whole WAV stream.
func Read(r io.Reader) ([]int16, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read wav: %w", err)
	}
	return Decode(b)
}

// convert mixes interleaved samples to mono and resamples them linearly.
func convert(data []byte, channels, rate int) []int16 {
	frames := len(data) / 2 / channels
	mono := make([]int16, frames)
	for i := range mono {
		sum := 0
		for c := 0; c < channels; c++ {
			o := (i*channels + c) * 2
			sum += int(int16(binary.LittleEndian.Uint16(data[o:])))
		}
		mono[i] = int16(sum / channels)
	}
	return Resample(mono, rate)
}

// Resample converts mono pcm at rate to hardware.SampleRate by linear
// interpolation: good enough for speech.
func Resample(pcm []int16, rate int) []int16 {
	if rate == hardware.SampleRate || len(pcm) == 0 {
		return pcm
	}
	n := int(int64(len(pcm)) * hardware.SampleRate / int64(rate))
	out := make([]int16, n)
	for i := range out {
		pos := float64(i) * float64(rate) / hardware.SampleRate
		j := int(pos)
		if j+1 >= len(pcm) {
			out[i] = pcm[len(pcm)-1]
			continue
		}
		f := pos - float64(j)
		out[i] = int16(float64(pcm[j])*(1-f) + float64(pcm[j+1])*f)
	}
	return out
}
