package wav_test

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"testing"

	"opinionwall/hardware"
	"opinionwall/hardware/wav"
)

func TestRoundTrip(t *testing.T) {
	pcm := hardware.Tone(440, 1600, 0.5)
	path := filepath.Join(t.TempDir(), "a.wav")
	if err := wav.WriteFile(path, pcm); err != nil {
		t.Fatal(err)
	}
	got, err := wav.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pcm) {
		t.Fatalf("got %d samples, want %d", len(got), len(pcm))
	}
	for i := range pcm {
		if got[i] != pcm[i] {
			t.Fatalf("sample %d: got %d, want %d", i, got[i], pcm[i])
		}
	}
}

// TestDecodeStereo22050: espeak-ng and sound recorders write other rates;
// they come back as 16 kHz mono of the same length in time.
func TestDecodeStereo22050(t *testing.T) {
	frames := 22050
	b := header(2, 22050, frames*4)
	for i := 0; i < frames; i++ {
		b = binary.LittleEndian.AppendUint16(b, uint16(1000))
		b = binary.LittleEndian.AppendUint16(b, uint16(3000))
	}
	got, err := wav.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 16000 {
		t.Errorf("got %d samples, want 16000", len(got))
	}
	if got[100] != 2000 {
		t.Errorf("mixed sample %d, want 2000", got[100])
	}
}

func TestDecodeRejects(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":     nil,
		"not riff":  []byte("ID3\x04 some mp3 bytes here"),
		"8 bit":     append(header8(), 1, 2, 3),
		"truncated": []byte("RIFF\x00\x00\x00\x00WAVEfmt "),
	} {
		if _, err := wav.Decode(b); !errors.Is(err, wav.ErrFormat) {
			t.Errorf("%s: got %v, want ErrFormat", name, err)
		}
	}
}

func header(channels, rate, dataLen int) []byte {
	b := []byte("RIFF")
	b = binary.LittleEndian.AppendUint32(b, uint32(36+dataLen))
	b = append(b, "WAVEfmt "...)
	b = binary.LittleEndian.AppendUint32(b, 16)
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint16(b, uint16(channels))
	b = binary.LittleEndian.AppendUint32(b, uint32(rate))
	b = binary.LittleEndian.AppendUint32(b, uint32(rate*channels*2))
	b = binary.LittleEndian.AppendUint16(b, uint16(channels*2))
	b = binary.LittleEndian.AppendUint16(b, 16)
	b = append(b, "data"...)
	return binary.LittleEndian.AppendUint32(b, uint32(dataLen))
}

func header8() []byte {
	b := header(1, 8000, 3)
	b[34] = 8
	return b
}
