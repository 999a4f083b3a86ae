package broker

import (
	"strings"

	"opinionwall/mqtt"
)

// canRetain reports whether user may publish a retained message on topic
// (docs/PROTOCOL.md, the retain column): a kiosk its own state; the hub the
// wall, the polls, its state, kiosks' configuration and the voice packs a
// lead sends from the review app (a booth's, and the fleet's: the booths
// check the operations key's signature); ops a kiosk's configuration and
// voice packs. An empty retained payload only clears what is retained,
// so whoever may write the topic may send it.
func canRetain(user, topic string, payload []byte) bool {
	if len(payload) == 0 {
		return mqtt.CanWrite(user, topic)
	}
	_, leaf, kioskTopic := mqtt.ParseKioskTopic(topic)
	switch user {
	case mqtt.UserHub:
		return topic == mqtt.TopicWall || topic == mqtt.TopicPolls || topic == mqtt.TopicHubState || topic == mqtt.TopicVoicePack ||
			kioskTopic && (leaf == mqtt.LeafConfig || leaf == mqtt.LeafVoicePack)
	case mqtt.UserOps:
		return topic == mqtt.TopicVoicePack || kioskTopic && (leaf == mqtt.LeafConfig || leaf == mqtt.LeafVoicePack)
	}
	return kioskTopic && leaf == mqtt.LeafState && mqtt.CanWrite(user, topic)
}

// clientIDAllowed binds client ids to users, so that no user can take over
// another's session: a kiosk connects as its own id; the hub as ow-hub or
// ow-hub-…; ops as ow-ops-…. Kiosk ids may not take these names
// (kiosk.ReservedKioskID).
func clientIDAllowed(user, id string) bool {
	switch user {
	case mqtt.UserHub:
		return id == "ow-hub" || strings.HasPrefix(id, "ow-hub-")
	case mqtt.UserOps:
		return strings.HasPrefix(id, "ow-ops-") && len(id) > len("ow-ops-")
	}
	return id == user
}
