package voice

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// ReadWAV reads a 16-bit PCM WAV file (RIFF, format 1) and returns its
// samples, mixed down to mono, and its rate.
func ReadWAV(b []byte) ([]int16, int, error) {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, 0, fmt.Errorf("wav: not a RIFF WAVE file")
	}
	var channels, bits, format int
	var rate int
	for off := 12; off+8 <= len(b); {
		id, size := string(b[off:off+4]), int(binary.LittleEndian.Uint32(b[off+4:]))
		body := b[off+8:]
		if size > len(body) {
			size = len(body) // a recorder killed mid-write leaves the size too large
		}
		body = body[:size]
		switch id {
		case "fmt ":
			if size < 16 {
				return nil, 0, fmt.Errorf("wav: fmt chunk of %d bytes", size)
			}
			format = int(binary.LittleEndian.Uint16(body))
			channels = int(binary.LittleEndian.Uint16(body[2:]))
			rate = int(binary.LittleEndian.Uint32(body[4:]))
			bits = int(binary.LittleEndian.Uint16(body[14:]))
		case "data":
			if format != 1 && format != 0xfffe || bits != 16 || channels < 1 {
				return nil, 0, fmt.Errorf("wav: format %d, %d bits, %d channels: only 16-bit PCM", format, bits, channels)
			}
			frames := size / 2 / channels
			pcm := make([]int16, frames)
			for i := range pcm {
				var sum int
				for c := range channels {
					sum += int(int16(binary.LittleEndian.Uint16(body[(i*channels+c)*2:])))
				}
				pcm[i] = int16(sum / channels)
			}
			return pcm, rate, nil
		}
		off += 8 + size + size&1
	}
	return nil, 0, fmt.Errorf("wav: no data chunk")
}

// WAV writes mono 16-bit PCM at rate as a WAV file.
func WAV(pcm []int16, rate int) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	_ = binary.Write(&b, le, uint32(36+2*len(pcm)))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(2 * rate), uint16(2), uint16(16)} {
		_ = binary.Write(&b, le, v)
	}
	b.WriteString("data")
	_ = binary.Write(&b, le, uint32(2*len(pcm)))
	_ = binary.Write(&b, le, pcm)
	return b.Bytes()
}

// Peaks divides pcm into n equal spans and returns the largest absolute
// sample of each, from 0 to 1: the bars of a waveform.
func Peaks(pcm []int16, n int) []float64 {
	if n <= 0 || len(pcm) == 0 {
		return nil
	}
	out := make([]float64, n)
	for i := range n {
		lo, hi := i*len(pcm)/n, (i+1)*len(pcm)/n
		var m int
		for _, s := range pcm[lo:hi] {
			m = max(m, abs(int(s)))
		}
		out[i] = float64(m) / 32768
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
