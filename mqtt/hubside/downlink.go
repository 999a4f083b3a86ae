package hubside

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"opinionwall/hub"
	"opinionwall/mqtt"
)

// DownlinkStore is what the downlink reads from the hub's store.
type DownlinkStore interface {
	PendingTickets(ctx context.Context, limit int) ([]hub.OutgoingTicket, error)
	MarkTicketsSent(ctx context.Context, ids []int64, at time.Time) error
	Snapshot(ctx context.Context, name string) (int64, json.RawMessage, error)
	// ResendTickets queues again the latest update of each of the kiosk's
	// tickets that changed since the given time.
	ResendTickets(ctx context.Context, kiosk string, since time.Time) (int, error)
}

// resendWindow is how far back a kiosk that comes online is sent its
// tickets' updates again: a broker that lost the kiosk's session (the
// embedded broker restarted with the hub) dropped what came meanwhile.
const resendWindow = 7 * 24 * time.Hour

// Downlink sends what the station decided to the kiosks, signed: ticket
// updates to each kiosk's tickets topic (kept in the store until the broker
// takes them, so a broker that is down loses nothing) and the wall and
// polls snapshots, retained, whenever a newer one is stored or the hub
// reconnects. Set the fields, then Open; Close stops it. Wake and
// KioskOnline may be called before Open.
type Downlink struct {
	Ingest   *Ingest
	Store    DownlinkStore
	Signer   *mqtt.Signer
	Log      *slog.Logger     // default slog.Default()
	Interval time.Duration    // how often to look without a Wake; default 2s
	Now      func() time.Time // default time.Now
	// Leader, when set, says whether this hub sends: of several hubs
	// sharing one store, one sends the downlink (the others still queue a
	// returning kiosk's updates again). Nil: this hub always sends.
	Leader interface {
		Leading(ctx context.Context) (bool, error)
	}

	initOnce sync.Once
	wake     chan struct{}
	mu       sync.Mutex
	online   map[string]bool  // kiosks that came online since the last round
	leading  bool             // as the last round found (owned by the loop)
	sent     map[string]int64 // snapshot versions published in this epoch (owned by the loop)
	at       int64            // the ingest epoch they were published in (owned by the loop)
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

// maxTicketsPerMsg bounds one tickets message.
const maxTicketsPerMsg = 20

func (d *Downlink) init() {
	d.initOnce.Do(func() { d.wake = make(chan struct{}, 1) })
}

// Wake asks for a round now (after a worker's change).
func (d *Downlink) Wake() {
	d.init()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// KioskOnline notes a kiosk that came online (Ingest.OnOnline): the next
// round sends it its tickets' recent updates again.
func (d *Downlink) KioskOnline(kiosk string) {
	d.mu.Lock()
	if d.online == nil {
		d.online = map[string]bool{}
	}
	d.online[kiosk] = true
	d.mu.Unlock()
	d.Wake()
}

// Open starts sending: a round at once, then after every Wake and every
// Interval. Rounds that fail are logged and tried again.
func (d *Downlink) Open() error {
	if d.Ingest == nil || d.Store == nil || d.Signer == nil {
		return fmt.Errorf("downlink: needs an ingest, a store and a signer")
	}
	d.init()
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	d.Interval = mqtt.OrDefault(d.Interval, 2*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.loop(ctx)
	}()
	return nil
}

// Close stops sending, finishing the round in hand. What is not sent stays
// in the store for the next start.
func (d *Downlink) Close() error {
	if d.cancel == nil {
		return nil
	}
	d.cancel()
	d.wg.Wait()
	d.cancel = nil
	return nil
}

func (d *Downlink) loop(ctx context.Context) {
	t := time.NewTicker(d.Interval)
	defer t.Stop()
	for {
		if err := d.round(ctx); err != nil && ctx.Err() == nil {
			d.Log.Warn("downlink: will retry", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.wake:
		}
	}
}

// round publishes whatever is pending; it does nothing while the hub is
// not connected with its subscriptions granted.
func (d *Downlink) round(ctx context.Context) error {
	if !d.Ingest.Connected() || d.Ingest.subscribed() == 0 {
		return nil
	}
	if e := d.Ingest.subscribed(); e != d.at || d.sent == nil {
		d.sent, d.at = map[string]int64{}, e
	}
	lead, err := d.lead(ctx)
	if err != nil {
		return err
	}
	for _, s := range []struct{ name, typ, topic string }{{hub.SnapshotWall, mqtt.TypeWall, mqtt.TopicWall}, {hub.SnapshotPolls, mqtt.TypePolls, mqtt.TopicPolls}} {
		v, raw, err := d.Store.Snapshot(ctx, s.name)
		if err != nil {
			return err
		}
		if !lead || v == 0 || d.sent[s.name] >= v {
			continue
		}
		b, err := d.Signer.Sign(s.typ, s.topic, json.RawMessage(raw))
		if err != nil {
			return err
		}
		if err := d.Ingest.publish(ctx, s.topic, true, b); err != nil {
			return err
		}
		d.sent[s.name] = v
		d.Log.Info("downlink: published", "snapshot", s.name, "version", v)
	}
	d.mu.Lock()
	online := d.online
	d.online = nil
	d.mu.Unlock()
	for k := range online {
		n, err := d.Store.ResendTickets(ctx, k, d.Now().Add(-resendWindow))
		if err != nil {
			d.KioskOnline(k) // next round
			return err
		}
		if n > 0 {
			d.Log.Info("downlink: sending a kiosk its tickets again", "kiosk", k, "updates", n)
		}
	}
	for lead {
		pending, err := d.Store.PendingTickets(ctx, 500)
		if err != nil || len(pending) == 0 {
			return err
		}
		if err := d.sendTickets(ctx, pending); err != nil {
			return err
		}
	}
	return nil
}

// lead asks the Leader whether this hub sends, and logs a change.
func (d *Downlink) lead(ctx context.Context) (bool, error) {
	if d.Leader == nil {
		return true, nil
	}
	lead, err := d.Leader.Leading(ctx)
	if err != nil {
		return false, err
	}
	if lead != d.leading {
		if d.leading = lead; lead {
			d.sent = map[string]int64{} // what another hub published is not known here
			d.Log.Info("downlink: this hub sends it")
		} else {
			d.Log.Info("downlink: another hub sends it")
		}
	}
	return lead, nil
}

func (d *Downlink) sendTickets(ctx context.Context, pending []hub.OutgoingTicket) error {
	// Group by kiosk, keeping the order of each kiosk's updates.
	var order []string
	by := map[string][]hub.OutgoingTicket{}
	for _, o := range pending {
		if _, ok := by[o.Kiosk]; !ok {
			order = append(order, o.Kiosk)
		}
		by[o.Kiosk] = append(by[o.Kiosk], o)
	}
	for _, k := range order {
		list := by[k]
		for len(list) > 0 {
			n := min(len(list), maxTicketsPerMsg)
			msg := mqtt.TicketsMsg{Kiosk: k}
			ids := make([]int64, 0, n)
			for _, o := range list[:n] {
				msg.Updates = append(msg.Updates, o.Update)
				ids = append(ids, o.ID)
			}
			b, err := d.Signer.Sign(mqtt.TypeTickets, mqtt.KioskTopic(k, mqtt.LeafTickets), msg)
			if err != nil {
				return fmt.Errorf("downlink: %w", err)
			}
			if err := d.Ingest.publish(ctx, mqtt.KioskTopic(k, mqtt.LeafTickets), false, b); err != nil {
				return err
			}
			if err := d.Store.MarkTicketsSent(ctx, ids, d.Now()); err != nil {
				return err
			}
			list = list[n:]
		}
	}
	return nil
}
