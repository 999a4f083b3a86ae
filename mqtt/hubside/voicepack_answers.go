package hubside

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/hub"
	"opinionwall/mqtt"
)

// The booths answer each pack they are sent on their res topic (cid
// voicepack-vVERSION: succeeded, or rejected and why). VoicePacks hears
// them on a connection of its own (client id ow-hub-voicepacks, a clean
// session), so the ingest's subscriptions stay as they are, and keeps each
// booth's latest answer in memory for the review app.

// listen connects and subscribes to the booths' answers.
func (v *VoicePacks) listen() {
	conn := v.Ingest.Conn
	conn.ClientID = "ow-hub-voicepacks"
	o := conn.ClientOptions()
	o.SetCleanSession(true)
	o.SetAutoReconnect(true)
	o.SetConnectRetry(true)
	o.SetConnectRetryInterval(time.Second)
	o.SetMaxReconnectInterval(30 * time.Second)
	o.SetOnConnectHandler(func(c paho.Client) {
		c.Subscribe(mqtt.KioskFilter(mqtt.LeafRes), 1, nil)
	})
	o.SetDefaultPublishHandler(func(_ paho.Client, m paho.Message) { v.heard(m.Topic(), m.Payload()) })
	v.answering = paho.NewClient(o)
	v.answering.Connect() // with ConnectRetry it completes once connected
}

// heard keeps a booth's answer to a voice pack.
func (v *VoicePacks) heard(topic string, payload []byte) {
	k, leaf, ok := mqtt.ParseKioskTopic(topic)
	if !ok || leaf != mqtt.LeafRes {
		return
	}
	r, err := mqtt.DecodeResult(payload)
	if err != nil {
		return
	}
	rest, ok := strings.CutPrefix(r.CID, "voicepack-v")
	version, err := strconv.ParseInt(rest, 10, 64)
	if !ok || err != nil {
		return
	}
	v.answerMu.Lock()
	defer v.answerMu.Unlock()
	if v.answers == nil {
		v.answers = map[string]hub.VoicePackAnswer{}
	}
	v.answers[k] = hub.VoicePackAnswer{Kiosk: k, Version: version, Status: r.Status, Detail: r.Detail, At: time.Now()}
}

// VoicePackAnswers returns each booth's latest answer, by kiosk id.
func (v *VoicePacks) VoicePackAnswers(context.Context) ([]hub.VoicePackAnswer, error) {
	v.answerMu.Lock()
	defer v.answerMu.Unlock()
	out := make([]hub.VoicePackAnswer, 0, len(v.answers))
	for _, a := range v.answers {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kiosk < out[j].Kiosk })
	return out, nil
}
