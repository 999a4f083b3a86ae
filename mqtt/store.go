package mqtt

import (
	"bytes"
	"sync"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/eclipse/paho.mqtt.golang/packets"
)

// copyStore is paho's in-memory session store, except that it keeps a copy
// of each packet and hands back a fresh copy on Get.
//
// paho's MemoryStore returns the very packet it was given. When a client
// with CleanSession=false reconnects, paho's resume sets Dup on every stored
// publish while its writer goroutine may be encoding the same packet (one
// published from the OnConnect handler, or from another goroutine as the
// connection comes up): a data race the race detector reports. With copies
// nothing is shared; paho's FileStore does the same, on disk.
//
// A publish is copied field by field (its payload is never written after
// Publish, so it is shared); the rarer packets are kept encoded.
type copyStore struct {
	mu   sync.Mutex
	open bool
	m    map[string]any // *packets.PublishPacket (a private copy) or []byte
}

var _ paho.Store = (*copyStore)(nil)

func newCopyStore() *copyStore { return &copyStore{m: map[string]any{}} }

func (s *copyStore) Open() {
	s.mu.Lock()
	s.open = true
	s.mu.Unlock()
}

// Put copies the packet. paho calls it on the goroutine that owns the packet,
// before handing it to the writer goroutine.
func (s *copyStore) Put(key string, m packets.ControlPacket) {
	var v any
	if p, ok := m.(*packets.PublishPacket); ok {
		c := *p
		v = &c
	} else {
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			return // paho's MemoryStore cannot fail either; the relay resends from the outbox
		}
		v = b.Bytes()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open {
		s.m[key] = v
	}
}

// Get decodes a fresh packet, or returns nil if there is none.
func (s *copyStore) Get(key string) packets.ControlPacket {
	s.mu.Lock()
	v := s.m[key]
	s.mu.Unlock()
	switch v := v.(type) {
	case *packets.PublishPacket:
		c := *v // the stored copy is never written, so reading it races nothing
		return &c
	case []byte:
		p, err := packets.ReadPacket(bytes.NewReader(v))
		if err != nil {
			return nil
		}
		return p
	}
	return nil
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
	s.m = map[string]any{}
	s.mu.Unlock()
}
