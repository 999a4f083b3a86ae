package mqtt

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// subAckFailure is the SUBACK return code of a refused filter.
const subAckFailure = 0x80

// SubscribeOnce subscribes c to subs (filter → QoS) and waits at most wait
// for the broker's answer. It returns the filters not granted: those the
// broker refused (SUBACK 0x80), or all of them when it did not answer or
// the connection failed (err says why).
func SubscribeOnce(c paho.Client, subs map[string]byte, wait time.Duration) (refused map[string]byte, err error) {
	tok := c.SubscribeMultiple(subs, nil)
	if err := WaitToken(tok, wait, "subscribe"); err != nil {
		return maps.Clone(subs), err
	}
	st, ok := tok.(*paho.SubscribeToken)
	if !ok {
		return nil, nil
	}
	for filter, qos := range st.Result() {
		if qos == subAckFailure {
			if refused == nil {
				refused = map[string]byte{}
			}
			refused[filter] = subs[filter]
		}
	}
	return refused, nil
}

// Resubscribe asks again for the filters the broker refused, after a
// backoff doubling from minWait to maxWait, while alive says the
// connection they were refused on is still the one in use. It reports
// whether every filter was granted.
//
// A broker refuses for good what the ACL denies, but a clustered broker
// (nats-server's MQTT gateway, docs/OPERATIONS.md "District deployment")
// also refuses a subscription whose JetStream consumer it could not make
// while a node was lost: without asking again, a kiosk would never see
// another ack on that connection.
func Resubscribe(c paho.Client, refused map[string]byte, minWait, maxWait time.Duration, alive func() bool, log *slog.Logger) bool {
	wait := minWait
	for len(refused) > 0 {
		log.Warn("the broker did not grant subscriptions; asking again", "filters", slices.Sorted(maps.Keys(refused)), "in", wait)
		time.Sleep(wait)
		if !alive() {
			return false
		}
		again, err := SubscribeOnce(c, refused, 10*time.Second)
		if err != nil {
			log.Warn("subscribe", "err", err)
		}
		refused = again
		wait = min(2*wait, maxWait)
	}
	return alive()
}

// SubscribeAll is SubscribeOnce, then Resubscribe for what was not
// granted; its error says the connection ended first.
func SubscribeAll(c paho.Client, subs map[string]byte, minWait, maxWait time.Duration, alive func() bool, log *slog.Logger) error {
	refused, err := SubscribeOnce(c, subs, 10*time.Second)
	if err != nil {
		log.Warn("subscribe", "err", err)
	}
	if len(refused) > 0 && !Resubscribe(c, refused, minWait, maxWait, alive, log) {
		return fmt.Errorf("subscribe: the connection ended before the broker granted %d of %d filters", len(refused), len(subs))
	}
	return nil
}
