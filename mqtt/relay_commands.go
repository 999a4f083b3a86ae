package mqtt

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// handleCommand verifies a command's signature and hands it to the
// command handler, which answers on res; each command runs on its own
// goroutine so a slow one (a screenshot) does not hold the relay up. A
// command whose signature fails is answered rejected, with the cid it
// claims.
func (r *Relay) handleCommand(ctx context.Context, payload []byte, retained bool) {
	if len(payload) == 0 {
		return // a retained command being cleared
	}
	reply := func(res kiosk.Result) {
		r.client.Publish(KioskTopic(r.Kiosk, LeafRes), 1, false, resultPayload(res))
	}
	c, err := r.Trust.OpenCommand(r.Kiosk, payload)
	if err != nil {
		r.refused(ctx, KioskTopic(r.Kiosk, LeafCmd), err)
		reply(kiosk.Result{CID: claimedCID(payload), Status: kiosk.ResultRejected, Detail: err.Error()})
		return
	}
	go r.Commands.HandleCommand(ctx, c, retained, reply)
}

// handleConfig applies a signed desired configuration and answers on res
// with cid "config-vVERSION": succeeded, or rejected with the reasons.
func (r *Relay) handleConfig(ctx context.Context, payload []byte) error {
	if len(payload) == 0 {
		return nil // the retained configuration was cleared
	}
	c, err := r.Trust.OpenConfig(r.Kiosk, payload)
	if err != nil {
		return err
	}
	res := ResultMsg{V: Version, CID: fmt.Sprintf("config-v%d", c.Version), Status: ResultSucceeded}
	if err := r.Config.ApplyConfig(ctx, c.Version, c.Config); err != nil {
		if kiosk.ErrorCode(err) == kiosk.ECONFLICT {
			return nil // not newer: already applied, nothing to say
		}
		res.Status, res.Detail = ResultRejected, err.Error()
	} else {
		r.sayOnline()
	}
	b, _ := json.Marshal(res)
	r.client.Publish(KioskTopic(r.Kiosk, LeafRes), 1, false, b)
	return nil
}

// Report publishes a command result that comes later than the command
// (an update's, after the restart). It waits, at most a minute, to be
// connected, and gives up when ctx ends.
func (r *Relay) Report(ctx context.Context, res kiosk.Result) error {
	limit := time.NewTimer(time.Minute)
	defer limit.Stop()
	poll := time.NewTicker(100 * time.Millisecond)
	defer poll.Stop()
wait:
	for !r.client.IsConnectionOpen() {
		select {
		case <-ctx.Done():
			return fmt.Errorf("report: %w", ctx.Err())
		case <-limit.C:
			break wait // try anyway: the publish says what is wrong
		case <-poll.C:
		}
	}
	return WaitToken(r.client.Publish(KioskTopic(r.Kiosk, LeafRes), 1, false, resultPayload(res)), 10*time.Second, "report")
}

// resultPayload is a command result as the res topic carries it.
func resultPayload(res kiosk.Result) []byte {
	b, _ := json.Marshal(ResultMsg{V: Version, CID: res.CID, Status: res.Status, Detail: res.Detail, Data: res.Data})
	return b
}

// claimedCID reads the cid of a command whose signature failed, to answer
// it; "" when even that cannot be read.
func claimedCID(payload []byte) string {
	var e Envelope
	var c struct {
		CID string `json:"cid"`
	}
	if json.Unmarshal(payload, &e) == nil && json.Unmarshal(e.Payload, &c) == nil && len(c.CID) <= 64 {
		return c.CID
	}
	return ""
}
