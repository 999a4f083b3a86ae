package mqtt

import (
	"context"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// handleBurst handles m and whatever else has arrived meanwhile. Acks are
// verified one by one but marked in the store together, with one fill of
// the window after them: one transaction instead of one per ack message.
func (r *Relay) handleBurst(ctx context.Context, m paho.Message) {
	var acked []string
	for more := true; more; {
		if m.Topic() == KioskTopic(r.Kiosk, LeafAck) {
			ack, err := r.Trust.OpenAck(r.Kiosk, m.Payload())
			if err != nil {
				r.refused(ctx, m.Topic(), err)
			} else {
				acked = append(acked, ack.IDs...)
			}
		} else {
			r.handle(ctx, m)
		}
		if len(acked) >= 4*r.Window {
			break
		}
		select {
		case m = <-r.msgs:
		default:
			more = false
		}
	}
	if len(acked) > 0 {
		r.markAcked(ctx, acked)
		r.sendAudio(ctx) // a voice submission acked: its audio may go
	}
}

// handle acts on one downstream message other than an ack; anything not
// properly signed for this kiosk is refused and counted.
func (r *Relay) handle(ctx context.Context, m paho.Message) {
	topic, payload := m.Topic(), m.Payload()
	var err error
	switch topic {
	case KioskTopic(r.Kiosk, LeafTickets):
		err = r.handleTickets(ctx, payload)
	case TopicWall:
		err = r.handleWall(ctx, payload)
	case TopicPolls:
		err = r.handlePolls(ctx, payload)
	case KioskTopic(r.Kiosk, LeafCmd):
		r.handleCommand(ctx, payload, m.Retained())
	case KioskTopic(r.Kiosk, LeafConfig):
		err = r.handleConfig(ctx, payload)
	case KioskTopic(r.Kiosk, LeafAnswer):
		err = r.handleAnswer(payload)
	case KioskTopic(r.Kiosk, LeafVoiceAck):
		err = r.handleVoiceAck(ctx, payload)
	case KioskTopic(r.Kiosk, LeafVoicePack), TopicVoicePack:
		err = r.handleVoicePack(ctx, payload, m.Retained())
	case TopicHubState:
		err = r.handleHubState(ctx, payload, m.Retained())
	default:
		err = invalid("relay", "unexpected topic %q", topic)
	}
	if err != nil {
		r.refused(ctx, topic, err)
	}
}

// handleHubState takes the hub's pace (relay_pace.go) and resends
// everything unacknowledged, spread, when the hub comes back. The retained state arrives with every subscription; connecting
// already resent everything. Only the hub coming back counts: a change to
// online, or a live (not retained) online, which the hub says once its
// subscriptions are granted: what was published before that reached nobody.
func (r *Relay) handleHubState(ctx context.Context, payload []byte, retained bool) error {
	st, err := DecodeState(payload)
	if err != nil {
		return err
	}
	back := st.State == StateOnline && r.hubState != StateOnline && (r.hubState != "" || !retained)
	r.hubState = st.State
	r.hubGone.Store(st.State != StateOnline)
	if st.State == StateOnline {
		r.setPace(st)
		r.paceSeen(ctx)
	}
	if back && r.connected {
		r.resendSpread(ctx, "hub online")
	}
	return nil
}

// refused counts a downstream message that was not properly signed for
// this kiosk, or not understood.
func (r *Relay) refused(ctx context.Context, topic string, err error) {
	r.stats.rejected.Add(1)
	r.Log.Warn("relay: refused a message", "topic", topic, "err", err)
	if r.Downstream != nil {
		r.Downstream.AddCounter(ctx, "rejected_downstream", 1)
	}
}

func (r *Relay) handleTickets(ctx context.Context, payload []byte) error {
	msg, err := r.Trust.OpenTickets(r.Kiosk, payload)
	if err != nil || r.Downstream == nil {
		return err
	}
	for _, u := range msg.Updates {
		if err := r.Downstream.PutTicketUpdate(ctx, u); err != nil {
			r.Log.Warn("relay: ticket update", "ticket", u.Ticket, "err", err)
		}
	}
	return nil
}

func (r *Relay) handleWall(ctx context.Context, payload []byte) error {
	w, err := r.Trust.OpenWall(payload)
	if err != nil || r.Downstream == nil {
		return err
	}
	if _, err := r.Downstream.PutWall(ctx, w); err != nil {
		r.Log.Warn("relay: wall", "err", err)
	}
	return nil
}

func (r *Relay) handlePolls(ctx context.Context, payload []byte) error {
	p, err := r.Trust.OpenPolls(payload)
	if err != nil || r.Downstream == nil {
		return err
	}
	if _, err := r.Downstream.PutPolls(ctx, p); err != nil {
		r.Log.Warn("relay: polls", "err", err)
	}
	return nil
}
