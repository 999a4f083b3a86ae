package mqtt

import (
	"strings"

	"opinionwall/kiosk"
)

// Broker users with roles. Every other user name is a kiosk id: a kiosk
// connects as itself. These two names are therefore not valid kiosk ids at
// a station.
const (
	UserHub = "hub" // the station's hub: everything under ow/v1
	UserOps = "ops" // maintenance: commands and configuration out, results, state and telemetry in
)

// CanWrite reports whether user may publish on topic (docs/PROTOCOL.md,
// "Broker users and ACL"): a kiosk writes only its own state, tele, up and
// res, asks the station about tickets on its own lookup topic, and sends
// voice messages' audio on its own voice topic.
func CanWrite(user, topic string) bool {
	switch user {
	case UserHub:
		return strings.HasPrefix(topic, root+"/")
	case UserOps:
		if topic == TopicVoicePack {
			return true
		}
		_, leaf, ok := ParseKioskTopic(topic)
		return ok && (leaf == LeafCmd || leaf == LeafConfig || leaf == LeafVoicePack)
	}
	k, leaf, ok := ParseKioskTopic(topic)
	if !ok || k != user {
		return false
	}
	switch leaf {
	case LeafState, LeafTele, LeafUp, LeafRes, LeafLookup, LeafVoice:
		return true
	}
	return false
}

// CanRead reports whether user may subscribe to filter: a kiosk reads only
// its own downstream topics and the shared wall, polls and hub state, and no
// wildcards.
func CanRead(user, filter string) bool {
	switch user {
	case UserHub:
		rest, shared := strings.CutPrefix(filter, "$share/")
		if shared {
			_, filter, _ = strings.Cut(rest, "/")
		}
		return strings.HasPrefix(filter, root+"/") || filter == root+"/#"
	case UserOps:
		if filter == TopicHubState {
			return true
		}
		k, leaf, ok := parseKioskFilter(filter)
		return ok && (k == "+" || kiosk.ValidKioskID(k)) && (leaf == LeafRes || leaf == LeafState || leaf == LeafTele)
	}
	switch filter {
	case TopicWall, TopicPolls, TopicHubState, TopicVoicePack:
		return true
	}
	k, leaf, ok := ParseKioskTopic(filter)
	if !ok || k != user {
		return false
	}
	switch leaf {
	case LeafAck, LeafTickets, LeafCmd, LeafConfig, LeafAnswer, LeafVoiceAck, LeafVoicePack:
		return true
	}
	return false
}

// parseKioskFilter is ParseKioskTopic that also accepts "+" for the kiosk.
func parseKioskFilter(filter string) (k, leaf string, ok bool) {
	rest, found := strings.CutPrefix(filter, root+"/kiosk/")
	if !found {
		return "", "", false
	}
	k, leaf, found = strings.Cut(rest, "/")
	if !found || leaf == "" || strings.ContainsAny(leaf, "/+#") {
		return "", "", false
	}
	return k, leaf, true
}

// MosquittoACL is the same rules as an acl_file for mosquitto 2, for
// stations that run the Debian broker.
func MosquittoACL() string {
	return `# Opinion Wall v1 ACL for mosquitto (generated; see docs/PROTOCOL.md)
# the hub: everything under ow/v1
user hub
topic readwrite ow/v1/#

# maintenance: commands and configuration out; results, presence and telemetry in
user ops
topic write ow/v1/kiosk/+/cmd
topic write ow/v1/kiosk/+/config
topic write ow/v1/kiosk/+/voicepack
topic write ow/v1/voicepack
topic read ow/v1/kiosk/+/res
topic read ow/v1/kiosk/+/state
topic read ow/v1/kiosk/+/tele
topic read ow/v1/hub/state

# every kiosk, connected as its own id (%u)
pattern write ow/v1/kiosk/%u/state
pattern write ow/v1/kiosk/%u/tele
pattern write ow/v1/kiosk/%u/up
pattern write ow/v1/kiosk/%u/res
pattern write ow/v1/kiosk/%u/lookup
pattern write ow/v1/kiosk/%u/voice
pattern read ow/v1/kiosk/%u/ack
pattern read ow/v1/kiosk/%u/tickets
pattern read ow/v1/kiosk/%u/cmd
pattern read ow/v1/kiosk/%u/config
pattern read ow/v1/kiosk/%u/answer
pattern read ow/v1/kiosk/%u/vack
pattern read ow/v1/kiosk/%u/voicepack
pattern read ow/v1/voicepack
pattern read ow/v1/wall
pattern read ow/v1/polls
pattern read ow/v1/hub/state
`
}
