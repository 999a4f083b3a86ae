package mqtt

import (
	"context"
	"encoding/json"

	"opinionwall/kiosk"
)

func (r *Relay) sendTelemetry(ctx context.Context) {
	if !r.connected {
		return
	}
	var t kiosk.Telemetry
	if r.Telemetry != nil {
		var err error
		if t, err = r.Telemetry(ctx); err != nil {
			r.Log.Warn("relay: telemetry", "err", err)
		}
	}
	st := r.Stats()
	if t.Counters == nil {
		t.Counters = map[string]int64{}
	}
	t.Counters["relay_published"] = st.Published
	t.Counters["relay_acked"] = st.Acked
	t.Counters["relay_resent"] = st.Resent
	t.Counters["relay_rejected"] = st.Rejected
	t.Counters["relay_dropped"] = st.Dropped
	t.Counters["relay_connects"] = st.Connects
	payload, err := json.Marshal(TeleMsg{V: Version, Kiosk: r.Kiosk, TS: r.Now(), Telemetry: t})
	if err != nil {
		return
	}
	r.client.Publish(KioskTopic(r.Kiosk, LeafTele), 0, false, payload)
}
