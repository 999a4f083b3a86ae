package voice_test

import (
	"encoding/binary"
	"slices"
	"testing"

	"opinionwall/voice"
)

func TestWAVRoundTrip(t *testing.T) {
	pcm := []int16{0, 1000, -1000, 32767, -32768}
	got, rate, err := voice.ReadWAV(voice.WAV(pcm, 16000))
	if err != nil || rate != 16000 || !slices.Equal(got, pcm) {
		t.Fatalf("got %v at %d, %v", got, rate, err)
	}
}

// stereo builds a 16-bit stereo WAV by hand, with a LIST chunk before
// the data as recorders write.
func stereo(frames [][2]int16, bits uint16) []byte {
	le := binary.LittleEndian
	var data []byte
	for _, f := range frames {
		data = le.AppendUint16(le.AppendUint16(data, uint16(f[0])), uint16(f[1]))
	}
	b := []byte("RIFF\x00\x00\x00\x00WAVEfmt ")
	b = le.AppendUint32(b, 16)
	b = le.AppendUint16(b, 1)
	b = le.AppendUint16(b, 2)
	b = le.AppendUint32(b, 48000)
	b = le.AppendUint32(b, 48000*4)
	b = le.AppendUint16(b, 4)
	b = le.AppendUint16(b, bits)
	b = append(b, "LIST"...)
	b = le.AppendUint32(b, 3)
	b = append(b, "abc\x00"...) // odd size: a pad byte
	b = append(b, "data"...)
	b = le.AppendUint32(b, uint32(len(data)))
	return append(b, data...)
}

func TestReadWAVMixesStereoDown(t *testing.T) {
	got, rate, err := voice.ReadWAV(stereo([][2]int16{{100, 300}, {-200, 0}}, 16))
	if err != nil || rate != 48000 || !slices.Equal(got, []int16{200, -100}) {
		t.Fatalf("got %v at %d, %v", got, rate, err)
	}
}

func TestReadWAVRefuses(t *testing.T) {
	for name, b := range map[string][]byte{
		"8-bit":     stereo([][2]int16{{1, 2}}, 8),
		"not a wav": []byte("OggS\x00\x02"),
		"no data":   voice.WAV(nil, 16000)[:36],
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := voice.ReadWAV(b); err == nil {
				t.Fatal("read")
			}
		})
	}
}

func TestPeaks(t *testing.T) {
	pcm := []int16{0, 16384, 0, 0, -32768, 0}
	got := voice.Peaks(pcm, 3)
	if want := []float64{0.5, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("peaks %v, want %v", got, want)
	}
	if voice.Peaks(nil, 3) != nil {
		t.Error("peaks of nothing")
	}
}
