package mqtt

import (
	"time"

	"opinionwall/kiosk"
)

// Voice messages' audio travels apart from the submission that describes
// it: once the hub acknowledged the submission, the kiosk sends the Ogg
// Opus file in chunks of at most kiosk.ChunkBytes on its voice topic, and
// the hub acknowledges every chunk, signed, on the kiosk's vack topic with
// how many chunks it holds; a transfer cut anywhere resumes from there.
// The hub checks the whole against the submission's size and SHA-256.
const (
	LeafVoice    = "voice" // kiosk → hub, QoS 1: one chunk of a voice message's audio
	LeafVoiceAck = "vack"  // hub → kiosk, signed, QoS 1: chunks held, or the whole checked
)

// TypeVoiceAck is the signed type of a VoiceAckMsg.
const TypeVoiceAck = "vack"

// VoiceChunkMsg is chunk I of the audio of the voice submission ID. Data
// is at most kiosk.ChunkBytes (standard base64 in JSON).
type VoiceChunkMsg struct {
	V    int    `json:"v"`
	ID   string `json:"id"`
	I    int    `json:"i"`
	Data []byte `json:"data"`
}

// VoiceAckMsg is the hub's answer to a chunk: Have is how many chunks from
// the first it holds in a row; Done says it holds the whole audio, checked
// against the submission's SHA-256, and the kiosk may purge it. Have 0
// after chunks were sent means the hub threw them away (the whole did not
// match) and the kiosk starts again.
type VoiceAckMsg struct {
	Kiosk string    `json:"kiosk"`
	ID    string    `json:"id"`
	Have  int       `json:"have"`
	Done  bool      `json:"done,omitempty"`
	TS    time.Time `json:"ts"`
}

// maxChunkPayload bounds a chunk message: 32 KiB in base64 and the fields.
const maxChunkPayload = kiosk.ChunkBytes*4/3 + 1024

// DecodeVoiceChunk checks a chunk message.
func DecodeVoiceChunk(b []byte) (VoiceChunkMsg, error) {
	var m VoiceChunkMsg
	if err := decodeJSON("voice", b, maxChunkPayload, &m); err != nil {
		return m, err
	}
	if err := checkVersion("voice", m.V); err != nil {
		return m, err
	}
	if !kiosk.ValidUUID(m.ID) {
		return m, invalid("voice", "id %q is not a UUIDv7", m.ID)
	}
	if m.I < 0 || m.I >= kiosk.MaxAudioBytes/kiosk.ChunkBytes {
		return m, invalid("voice", "chunk %d out of range", m.I)
	}
	if len(m.Data) == 0 || len(m.Data) > kiosk.ChunkBytes {
		return m, invalid("voice", "chunk of %d bytes: 1 to %d", len(m.Data), kiosk.ChunkBytes)
	}
	return m, nil
}

// OpenVoiceAck checks a signed chunk ack meant for kiosk self.
func (t *Trust) OpenVoiceAck(self string, b []byte) (VoiceAckMsg, error) {
	var m VoiceAckMsg
	if err := t.open(TypeVoiceAck, KioskTopic(self, LeafVoiceAck), b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if m.Kiosk != self {
		return m, invalid("vack", "meant for kiosk %q, not %q", m.Kiosk, self)
	}
	if !kiosk.ValidUUID(m.ID) || m.Have < 0 {
		return m, invalid("vack", "id %q, have %d", m.ID, m.Have)
	}
	return m, nil
}
