package mqtt_test

import (
	"fmt"
	"testing"
	"time"
)

func TestDrainToHub(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	w.startIngest(url)
	a, c := w.newKiosk("wall-01", 11), w.newKiosk("wall-02", 12)
	a.submit(t, 300)
	w.startRelay(a, url, nil)
	w.startRelay(c, url, nil)
	c.submit(t, 200)
	a.submit(t, 50)
	eventually(t, 30*time.Second, func() bool { return a.acked(t) == 350 && c.acked(t) == 200 },
		func() string { return fmt.Sprintf("acked %d/350 and %d/200", a.acked(t), c.acked(t)) })
	w.checkExactlyOnce(a, c)
}
