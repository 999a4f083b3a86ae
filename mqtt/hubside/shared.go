package hubside

import (
	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
)

// What an ingest does differently when several hubs share the work
// (Ingest.Shared): one store, one broker, each hub its own client id.

// sharedOptions: a hub sharing the work keeps no session at the broker.
// mosquitto 2.0 goes on handing a dead hub's persistent session its share
// of the kiosks' messages (and of their resends), where they wait for the
// hub's return or each kiosk's ack timeout. With a clean session the
// hub's subscription ends with its connection and the other hubs get
// everything; what it held unacked the kiosks send again.
func (in *Ingest) sharedOptions(o *paho.ClientOptions) {
	if in.Shared {
		o.SetCleanSession(true)
	}
}

// sharedSubs subscribes a sharing hub to the station's state (not shared:
// every hub hears it), handled by onHubState.
func (in *Ingest) sharedSubs(c paho.Client) {
	if in.Shared {
		c.Subscribe(mqtt.TopicHubState, 1, in.onHubState)
	}
}

// onHubState answers another hub's "lost": a hub that dies leaves its
// will (lost, retained) on the station's state, and kiosks would take the
// whole station for gone (refusing ticket lookups) while the other hubs
// run. A live hub that hears anything but online says online again; the
// kiosks, hearing the station back, resend what is unacked at once.
func (in *Ingest) onHubState(c paho.Client, m paho.Message) {
	st, err := mqtt.DecodeState(m.Payload())
	if err != nil || st.State == mqtt.StateOnline || in.closing.Load() {
		return
	}
	in.Log.Warn("ingest: another hub left the station's state as lost: saying online", "state", st.State)
	in.sayOnline(c) // with this hub's pace
}
