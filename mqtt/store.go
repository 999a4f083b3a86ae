package mqtt

import (
	"bytes"
	"sync"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/eclipse/paho.mqtt.golang/packets"
)

// copyStore is paho's in-memory session store, except that it keeps each
// packet as its encoded bytes and hands back a fresh copy on Get.
//
// paho's MemoryStore returns the very packet it was given. When a client
// with CleanSession=false reconnects, paho's resume sets Dup on every stored
// publish while its writer goroutine may be encoding the same packet (one
// published from the OnConnect handler, or from another goroutine as the
// connection comes up): a data race the race detector reports. With copies
// nothing is shared; this is what paho's FileStore does, on disk.
type copyStore struct {
	mu   sync.Mutex
	open bool
	m    map[string][]byte
}

var _ paho.Store = (*copyStore)(nil)

func newCopyStore() *copyStore { return &copyStore{m: map[string][]byte{}} }

func (s *copyStore) Open() {
	s.mu.Lock()
	s.open = true
	s.mu.Unlock()
}

// Put encodes the packet. paho calls it before the packet is handed to the
// writer goroutine, on the goroutine that owns the packet.
func (s *copyStore) Put(key string, m packets.ControlPacket) {
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		return // paho's MemoryStore cannot fail either; the relay resends from the outbox
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open {
		s.m[key] = b.Bytes()
	}
}

// Get decodes a fresh packet, or returns nil if there is none.
func (s *copyStore) Get(key string) packets.ControlPacket {
	s.mu.Lock()
	b, ok := s.m[key]
	s.mu.Unlock()
	if !ok {
		return nil
	}
	p, err := packets.ReadPacket(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	return p
}

func (s *copyStore) All() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.m))
	for k := range s.m {
		keys = append(keys, k)
	}
	return keys
}

func (s *copyStore) Del(key string) {
	s.mu.Lock()
	delete(s.m, key)
	s.mu.Unlock()
}

func (s *copyStore) Close() {
	s.mu.Lock()
	s.open = false
	s.mu.Unlock()
}

func (s *copyStore) Reset() {
	s.mu.Lock()
	s.m = map[string][]byte{}
	s.mu.Unlock()
}
