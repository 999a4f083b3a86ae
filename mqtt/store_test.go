package mqtt

import (
	"bytes"
	"slices"
	"testing"

	"github.com/eclipse/paho.mqtt.golang/packets"
)

func TestCopyStoreGivesCopies(t *testing.T) {
	s := newCopyStore()
	s.Open()
	orig := packets.NewControlPacket(packets.Publish).(*packets.PublishPacket)
	orig.TopicName, orig.Qos, orig.MessageID, orig.Retain = "ow/v1/k/k1/up", 1, 7, true
	orig.Payload = []byte(`{"v":1}`)
	s.Put("o.7", orig)

	got, ok := s.Get("o.7").(*packets.PublishPacket)
	if !ok {
		t.Fatalf("Get = %T, want a publish", s.Get("o.7"))
	}
	if got == orig {
		t.Fatal("Get returned the packet given to Put; resume would write to a packet the writer may be encoding")
	}
	if got.TopicName != orig.TopicName || got.Qos != 1 || got.MessageID != 7 || !got.Retain || !bytes.Equal(got.Payload, orig.Payload) {
		t.Fatalf("round trip changed the packet: %+v", got)
	}
	got.Dup = true // what paho's resume does
	if orig.Dup {
		t.Fatal("setting Dup on the copy changed the original")
	}
	if again := s.Get("o.7").(*packets.PublishPacket); again.Dup || again == got {
		t.Fatal("a second Get shares state with the first")
	}

	sub := packets.NewControlPacket(packets.Subscribe).(*packets.SubscribePacket)
	sub.MessageID, sub.Topics, sub.Qoss = 8, []string{"ow/v1/k/k1/cmd"}, []byte{1}
	s.Put("o.8", sub)
	if g, ok := s.Get("o.8").(*packets.SubscribePacket); !ok || g == sub || g.MessageID != 8 || !slices.Equal(g.Topics, sub.Topics) {
		t.Fatalf("subscribe round trip: %+v", s.Get("o.8"))
	}
	if keys := s.All(); !slices.Equal(sorted(keys), []string{"o.7", "o.8"}) {
		t.Fatalf("All = %v", keys)
	}
	s.Del("o.7")
	if s.Get("o.7") != nil {
		t.Fatal("Del kept the packet")
	}
	s.Close()
	s.Put("o.9", orig) // a closed store takes nothing, as paho's MemoryStore
	s.Open()
	if s.Get("o.9") != nil || s.Get("o.8") == nil {
		t.Fatal("Close/Open lost or accepted the wrong packets")
	}
	s.Reset()
	if len(s.All()) != 0 {
		t.Fatal("Reset kept packets")
	}
}

func sorted(s []string) []string { slices.Sort(s); return s }
