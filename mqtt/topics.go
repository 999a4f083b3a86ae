package mqtt

import (
	"strings"

	"opinionwall/kiosk"
)

// root is the prefix of every topic of protocol v1.
const root = "ow/v1"

// Leaves of a kiosk's topics ow/v1/kiosk/{k}/{leaf}.
const (
	LeafState   = "state"   // kiosk → all, retained: online/offline/lost
	LeafTele    = "tele"    // kiosk → hub, QoS 0: telemetry
	LeafUp      = "up"      // kiosk → hub: submissions
	LeafAck     = "ack"     // hub → kiosk, signed: ids committed
	LeafTickets = "tickets" // hub → kiosk, signed: ticket updates
	LeafCmd     = "cmd"     // ops → kiosk, signed: commands
	LeafRes     = "res"     // kiosk → ops: command results
	LeafConfig  = "config"  // hub → kiosk, signed, retained: desired config
	// LeafVoicePack is ops → one booth, signed by an operations key,
	// retained: a voice pack tried on that booth first (kiosk/voicepack).
	LeafVoicePack = "voicepack"
)

// Shared topics.
const (
	TopicWall     = root + "/wall"      // hub → kiosks, signed, retained
	TopicPolls    = root + "/polls"     // hub → kiosks, signed, retained
	TopicHubState = root + "/hub/state" // hub → all, retained: online/lost
	// TopicVoicePack is ops → every booth, signed by an operations key,
	// retained: the fleet's voice pack. It is also the topic every pack's
	// signature names, wherever it is delivered.
	TopicVoicePack = root + "/voicepack"
)

// KioskTopic returns ow/v1/kiosk/{k}/{leaf}.
func KioskTopic(k, leaf string) string { return root + "/kiosk/" + k + "/" + leaf }

// KioskFilter returns ow/v1/kiosk/+/{leaf}, every kiosk's topic of a leaf.
func KioskFilter(leaf string) string { return root + "/kiosk/+/" + leaf }

// ParseKioskTopic splits ow/v1/kiosk/{k}/{leaf}; ok is false for any other
// topic or a kiosk id that breaks the id rule.
func ParseKioskTopic(topic string) (k, leaf string, ok bool) {
	rest, found := strings.CutPrefix(topic, root+"/kiosk/")
	if !found {
		return "", "", false
	}
	k, leaf, found = strings.Cut(rest, "/")
	if !found || !kiosk.ValidKioskID(k) || leaf == "" || strings.Contains(leaf, "/") {
		return "", "", false
	}
	return k, leaf, true
}
