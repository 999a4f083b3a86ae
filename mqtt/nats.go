package mqtt

import (
	"fmt"
	"strings"
)

// The v1 ACL for nats-server's MQTT gateway (a district's clustered broker,
// docs/OPERATIONS.md "District deployment"). nats-server maps an MQTT topic
// to a NATS subject ('/' → '.', '+' → '*', '#' → '>') and checks the user's
// NATS permissions on that subject; it has no per-user patterns (mosquitto's
// %u) in a configuration file, so every kiosk is a user of its own.

// natsQoS1Delivery is where nats-server delivers QoS 1 subscriptions.
const natsQoS1Delivery = "$MQTT.sub.>"

// natsSubject maps an MQTT topic or filter of protocol v1 to its NATS
// subject. v1 topics hold no '.' or ' ' (kiosk ids are a-z, 0-9, '-').
func natsSubject(topic string) string {
	s := strings.ReplaceAll(topic, "/", ".")
	s = strings.ReplaceAll(s, "+", "*")
	return strings.ReplaceAll(s, "#", ">")
}

// NATSPermissions are the subjects user may publish and subscribe to on
// nats-server: the rules of CanWrite and CanRead as NATS subjects. The hub
// gets no $share/ filters (nats-server has no shared subscriptions).
func NATSPermissions(user string) (publish, subscribe []string) {
	var pub, sub []string
	switch user {
	case UserHub:
		pub, sub = []string{root + "/#"}, []string{root + "/#"}
	case UserOps:
		pub = []string{KioskFilter(LeafCmd), KioskFilter(LeafConfig), KioskFilter(LeafVoicePack), TopicVoicePack}
		sub = []string{KioskFilter(LeafRes), KioskFilter(LeafState), KioskFilter(LeafTele), TopicHubState}
	default:
		for _, leaf := range []string{LeafState, LeafTele, LeafUp, LeafRes, LeafLookup, LeafVoice} {
			pub = append(pub, KioskTopic(user, leaf))
		}
		for _, leaf := range []string{LeafAck, LeafTickets, LeafCmd, LeafConfig, LeafAnswer, LeafVoiceAck, LeafVoicePack} {
			sub = append(sub, KioskTopic(user, leaf))
		}
		sub = append(sub, TopicVoicePack, TopicWall, TopicPolls, TopicHubState)
	}
	for i := range pub {
		pub[i] = natsSubject(pub[i])
	}
	for i := range sub {
		sub[i] = natsSubject(sub[i])
	}
	// nats-server delivers a QoS 1 subscription's messages from a JetStream
	// consumer on $MQTT.sub.<random>, subscribed as the user; MQTT clients
	// cannot subscribe there themselves (nats-server refuses $MQTT.sub.
	// filters; TestNATSClusterACL tries).
	return pub, append(sub, natsQoS1Delivery)
}

// NATSUser is one broker user in nats-server's configuration.
type NATSUser struct {
	Name string
	// Password is a bcrypt hash ($2a$…), or empty for a user that logs in
	// with a client certificate whose subject is CN=Name (verify_and_map:
	// nats-server then names the user by the certificate's subject).
	Password string
}

// NATSAuthorization is the authorization block of nats-server's
// configuration for users, each with its v1 permissions: a file every node
// of the cluster includes.
func NATSAuthorization(users []NATSUser) (string, error) {
	var b strings.Builder
	b.WriteString("# Opinion Wall v1 ACL for nats-server's MQTT gateway (generated: hub acl -nats; see docs/OPERATIONS.md)\n")
	b.WriteString("authorization {\n  users = [\n")
	for _, u := range users {
		if u.Name != UserHub && u.Name != UserOps && !validKioskName(u.Name) {
			return "", fmt.Errorf("nats: %q is neither a role nor a kiosk id", u.Name)
		}
		if strings.ContainsAny(u.Password, "\"\\\n") {
			return "", fmt.Errorf("nats: user %s: the password hash holds a quote, backslash or newline", u.Name)
		}
		pub, sub := NATSPermissions(u.Name)
		if u.Password != "" {
			fmt.Fprintf(&b, "    {user: %q, password: %q", u.Name, u.Password)
		} else {
			fmt.Fprintf(&b, "    {user: %q", "CN="+u.Name)
		}
		fmt.Fprintf(&b, ", permissions: {publish: {allow: %s}, subscribe: {allow: %s}}}\n", natsList(pub), natsList(sub))
	}
	b.WriteString("  ]\n}\n")
	return b.String(), nil
}

func natsList(subjects []string) string {
	q := make([]string, len(subjects))
	for i, s := range subjects {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// validKioskName is kiosk.ValidKioskID, as a topic level: 1 to 32 of a-z,
// 0-9 and '-'.
func validKioskName(id string) bool {
	_, _, ok := ParseKioskTopic(KioskTopic(id, LeafUp))
	return ok
}
