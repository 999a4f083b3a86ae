package ogg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// GranuleRate is the rate of Ogg Opus granule positions: 48 kHz samples,
// whatever the input's rate (RFC 7845 §4).
const GranuleRate = 48000

// Head is what the OpusHead packet says of a mono or stereo stream.
type Head struct {
	Channels   int // 1 or 2
	PreSkip    int // samples at 48 kHz the decoder drops at the start
	InputRate  int // the original rate, for information (16000 here)
	OutputGain int // Q7.8 dB; 0 leaves the level alone
}

// Writer writes Opus packets as one Ogg logical stream: the OpusHead and
// OpusTags pages, then the audio on pages of about a second each, the
// last one marked end of stream. Close must be called.
type Writer struct {
	w       io.Writer
	serial  uint32
	seq     uint32
	head    Head
	granule int64 // at 48 kHz: the samples the packets taken decode to, pre-skip included
	lacing  []byte
	body    []byte
	onPage  int   // packets on the page being filled
	written int64 // bytes written
	closed  bool
}

// pagePackets is how many packets a page holds (50 × 20 ms = 1 s): fewer
// pages cost fewer 27-byte headers, and a second is fine for seeking.
const pagePackets = 50

// NewWriter writes the two header pages and returns the writer for the
// audio. vendor names the encoder in OpusTags.
func NewWriter(w io.Writer, h Head, vendor string, serial uint32) (*Writer, error) {
	if h.Channels != 1 && h.Channels != 2 {
		return nil, fmt.Errorf("ogg: %d channels: only mono or stereo", h.Channels)
	}
	if h.PreSkip < 0 || h.PreSkip > 0xffff {
		return nil, fmt.Errorf("ogg: pre-skip %d out of range", h.PreSkip)
	}
	ow := &Writer{w: w, serial: serial, head: h}
	if err := ow.page([][]byte{headPacket(h)}, 0x02, 0); err != nil {
		return nil, err
	}
	if err := ow.page([][]byte{tagsPacket(vendor)}, 0, 0); err != nil {
		return nil, err
	}
	return ow, nil
}

func headPacket(h Head) []byte {
	p := make([]byte, 19)
	copy(p, "OpusHead")
	p[8] = 1 // version
	p[9] = byte(h.Channels)
	binary.LittleEndian.PutUint16(p[10:], uint16(h.PreSkip))
	binary.LittleEndian.PutUint32(p[12:], uint32(h.InputRate))
	binary.LittleEndian.PutUint16(p[16:], uint16(int16(h.OutputGain)))
	p[18] = 0 // channel mapping family 0: mono or stereo, no table
	return p
}

func tagsPacket(vendor string) []byte {
	p := make([]byte, 0, 16+len(vendor))
	p = append(p, "OpusTags"...)
	p = binary.LittleEndian.AppendUint32(p, uint32(len(vendor)))
	p = append(p, vendor...)
	return binary.LittleEndian.AppendUint32(p, 0) // no user comments
}

// WritePacket adds one Opus packet that decodes to samples48 samples at
// 48 kHz (960 for a 20 ms frame).
func (w *Writer) WritePacket(p []byte, samples48 int) error {
	if w.closed {
		return errors.New("ogg: write after close")
	}
	if len(p) == 0 || samples48 <= 0 {
		return fmt.Errorf("ogg: empty packet or duration")
	}
	// A full page is written when the next packet comes, so that Close
	// always has packets for the end-of-stream page.
	if lace := len(p)/255 + 1; len(w.lacing)+lace > 255 || w.onPage >= pagePackets {
		if err := w.flush(0); err != nil {
			return err
		}
	}
	for n := len(p); ; n -= 255 {
		if n < 255 {
			w.lacing = append(w.lacing, byte(n))
			break
		}
		w.lacing = append(w.lacing, 255)
	}
	w.body = append(w.body, p...)
	w.granule += int64(samples48)
	w.onPage++
	return nil
}

// Close writes the last page, marked end of stream. length is the audio's
// real length at 48 kHz: the packets must cover the pre-skip and length
// (the encoder's delay pushes the end of the audio into later packets);
// when they cover more, the last granule position says so and decoders
// drop the padding (RFC 7845 §4.4). 0 keeps the packets' whole length.
func (w *Writer) Close(length int64) error {
	if w.closed {
		return nil
	}
	w.closed = true
	if end := int64(w.head.PreSkip) + length; length > 0 && end < w.granule {
		w.granule = end
	} else if length > 0 && end > w.granule {
		return fmt.Errorf("ogg: %d samples of packets cannot hold %d of audio after a pre-skip of %d", w.granule, length, w.head.PreSkip)
	}
	return w.flush(0x04)
}

// Written is the number of bytes written so far.
func (w *Writer) Written() int64 { return w.written }

func (w *Writer) flush(flags byte) error {
	if len(w.lacing) == 0 && flags&0x04 == 0 {
		return nil
	}
	err := w.writePage(w.lacing, w.body, flags, w.granule)
	w.lacing, w.body, w.onPage = w.lacing[:0], w.body[:0], 0
	return err
}

// page writes whole packets (headers) on a page of their own.
func (w *Writer) page(packets [][]byte, flags byte, granule int64) error {
	var lacing, body []byte
	for _, p := range packets {
		for n := len(p); ; n -= 255 {
			if n < 255 {
				lacing = append(lacing, byte(n))
				break
			}
			lacing = append(lacing, 255)
		}
		body = append(body, p...)
	}
	return w.writePage(lacing, body, flags, granule)
}

func (w *Writer) writePage(lacing, body []byte, flags byte, granule int64) error {
	hdr := make([]byte, 27, 27+len(lacing)+len(body))
	copy(hdr, "OggS")
	hdr[4] = 0 // version
	hdr[5] = flags
	binary.LittleEndian.PutUint64(hdr[6:], uint64(granule))
	binary.LittleEndian.PutUint32(hdr[14:], w.serial)
	binary.LittleEndian.PutUint32(hdr[18:], w.seq)
	hdr[26] = byte(len(lacing))
	pg := append(append(hdr, lacing...), body...)
	binary.LittleEndian.PutUint32(pg[22:], crc(pg))
	w.seq++
	n, err := w.w.Write(pg)
	w.written += int64(n)
	if err != nil {
		return fmt.Errorf("ogg: write page: %w", err)
	}
	return nil
}
