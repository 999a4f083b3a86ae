package ogg

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"
)

// Stream is an Ogg Opus file taken apart: its header, the encoder's name,
// the audio packets in order, and the last granule position.
type Stream struct {
	Head    Head
	Vendor  string
	Packets [][]byte
	Granule int64 // the last page's granule position, pre-skip included
}

// Duration is the audio's length: the last granule position less the
// pre-skip, at 48 kHz.
func (s *Stream) Duration() time.Duration {
	n := max(s.Granule-int64(s.Head.PreSkip), 0)
	return time.Duration(n) * time.Second / GranuleRate
}

// Parse reads a whole Ogg Opus file of one logical stream and checks it:
// capture patterns, version, every page's checksum, page numbers in order,
// begin and end of stream, and the two Opus headers. Anything else is an
// error saying where.
func Parse(b []byte) (*Stream, error) {
	var (
		s       Stream
		packets [][]byte
		partial []byte
		serial  uint32
		pageNo  uint32
		eos     bool
	)
	for off := 0; off < len(b); pageNo++ {
		if eos {
			return nil, fmt.Errorf("ogg: data after the end of stream at byte %d", off)
		}
		pg, err := readPage(b[off:])
		if err != nil {
			return nil, fmt.Errorf("ogg: page %d at byte %d: %w", pageNo, off, err)
		}
		switch {
		case pageNo == 0 && pg.flags&0x02 == 0:
			return nil, fmt.Errorf("ogg: the first page is not marked beginning of stream")
		case pageNo == 0:
			serial = pg.serial
		case pg.serial != serial:
			return nil, fmt.Errorf("ogg: page %d of another stream (%d, not %d)", pageNo, pg.serial, serial)
		case pg.seq != pageNo:
			return nil, fmt.Errorf("ogg: page %d numbered %d (a page lost?)", pageNo, pg.seq)
		}
		if pg.flags&0x01 == 0 && len(partial) > 0 {
			return nil, fmt.Errorf("ogg: page %d drops an unfinished packet", pageNo)
		}
		body := pg.body
		for _, l := range pg.lacing {
			partial = append(partial, body[:l]...)
			body = body[l:]
			if l < 255 {
				packets = append(packets, partial)
				partial = nil
			}
		}
		if pg.granule != -1 {
			s.Granule = pg.granule
		}
		eos = pg.flags&0x04 != 0
		off += pg.size
	}
	if !eos {
		return nil, fmt.Errorf("ogg: no end-of-stream page (the file is cut short)")
	}
	if len(packets) < 2 {
		return nil, fmt.Errorf("ogg: %d packets: no Opus headers", len(packets))
	}
	if err := s.parseHead(packets[0]); err != nil {
		return nil, err
	}
	if err := s.parseTags(packets[1]); err != nil {
		return nil, err
	}
	s.Packets = packets[2:]
	return &s, nil
}

type page struct {
	flags   byte
	granule int64
	serial  uint32
	seq     uint32
	lacing  []byte
	body    []byte
	size    int
}

func readPage(b []byte) (page, error) {
	if len(b) < 27 || !bytes.Equal(b[:4], []byte("OggS")) {
		return page{}, fmt.Errorf("no OggS capture pattern")
	}
	if b[4] != 0 {
		return page{}, fmt.Errorf("version %d", b[4])
	}
	n := int(b[26])
	if len(b) < 27+n {
		return page{}, fmt.Errorf("cut short in the segment table")
	}
	pg := page{flags: b[5], granule: int64(binary.LittleEndian.Uint64(b[6:])),
		serial: binary.LittleEndian.Uint32(b[14:]), seq: binary.LittleEndian.Uint32(b[18:]),
		lacing: b[27 : 27+n]}
	size := 27 + n
	for _, l := range pg.lacing {
		size += int(l)
	}
	if len(b) < size {
		return page{}, fmt.Errorf("cut short: %d of %d bytes", len(b), size)
	}
	pg.body, pg.size = b[27+n:size], size
	want := binary.LittleEndian.Uint32(b[22:])
	cp := append([]byte(nil), b[:size]...)
	binary.LittleEndian.PutUint32(cp[22:], 0)
	if got := crc(cp); got != want {
		return page{}, fmt.Errorf("checksum %08x, page says %08x", got, want)
	}
	return pg, nil
}

func (s *Stream) parseHead(p []byte) error {
	if len(p) < 19 || !bytes.HasPrefix(p, []byte("OpusHead")) {
		return fmt.Errorf("ogg: the first packet is not OpusHead")
	}
	if p[8]>>4 != 0 {
		return fmt.Errorf("ogg: OpusHead version %d", p[8])
	}
	if p[18] != 0 || (p[9] != 1 && p[9] != 2) {
		return fmt.Errorf("ogg: %d channels, mapping family %d: only mono or stereo", p[9], p[18])
	}
	s.Head = Head{Channels: int(p[9]), PreSkip: int(binary.LittleEndian.Uint16(p[10:])),
		InputRate: int(binary.LittleEndian.Uint32(p[12:])), OutputGain: int(int16(binary.LittleEndian.Uint16(p[16:])))}
	return nil
}

func (s *Stream) parseTags(p []byte) error {
	if len(p) < 16 || !bytes.HasPrefix(p, []byte("OpusTags")) {
		return fmt.Errorf("ogg: the second packet is not OpusTags")
	}
	n := int(binary.LittleEndian.Uint32(p[8:]))
	if n > len(p)-16 {
		return fmt.Errorf("ogg: OpusTags vendor of %d bytes in a packet of %d", n, len(p))
	}
	s.Vendor = string(p[12 : 12+n])
	return nil
}
