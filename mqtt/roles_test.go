package mqtt_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"strings"
	"testing"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// keyPair returns a fresh key's public half and signer.
func keyPair(t *testing.T) (ed25519.PublicKey, *mqtt.Signer) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, mqtt.NewSigner(priv)
}

// TestHubKeyCannotSignCommands is the attack of a stolen hub.key: it signs
// an update command, and the kiosk refuses it because only operations keys
// may sign commands and configuration; the ops key cannot sign a wall.
func TestHubKeyCannotSignCommands(t *testing.T) {
	hubPub, hubKey := keyPair(t)
	opsPub, opsKey := keyPair(t)
	trust := mqtt.NewTrust().Add(mqtt.RoleHub, hubPub).Add(mqtt.RoleOps, opsPub)
	cmdTopic := mqtt.KioskTopic("wall-01", mqtt.LeafCmd)
	update := mqtt.Command{CID: "c1", Kiosk: "wall-01", Cmd: "update", Nonce: "n1"}
	forged, _ := hubKey.Sign(mqtt.TypeCmd, cmdTopic, update)
	if _, err := trust.OpenCommand("wall-01", forged); err == nil || !strings.Contains(err.Error(), "only ops keys") {
		t.Errorf("an update signed by the hub key: %v", err)
	}
	cfg, _ := hubKey.Sign(mqtt.TypeConfig, mqtt.KioskTopic("wall-01", mqtt.LeafConfig), mqtt.ConfigMsg{Kiosk: "wall-01", Version: 9, Config: []byte(`{}`)})
	if _, err := trust.OpenConfig("wall-01", cfg); err == nil {
		t.Error("a configuration signed by the hub key was accepted")
	}
	good, _ := opsKey.Sign(mqtt.TypeCmd, cmdTopic, update)
	if _, err := trust.OpenCommand("wall-01", good); err != nil {
		t.Errorf("an update signed by the ops key: %v", err)
	}
	wall, _ := opsKey.Sign(mqtt.TypeWall, mqtt.TopicWall, kiosk.WallSnapshot{Version: 5})
	if _, err := trust.OpenWall(wall); err == nil {
		t.Error("a wall signed by the ops key was accepted")
	}
	for _, typ := range []string{mqtt.TypeAck, mqtt.TypeTickets, mqtt.TypeWall, mqtt.TypePolls, mqtt.TypeLookup} {
		if mqtt.TypeRole[typ] != mqtt.RoleHub {
			t.Errorf("%s: role %q, want hub", typ, mqtt.TypeRole[typ])
		}
	}
}

// TestSignatureBindsTypeAndTopic replays a signed wall snapshot on the polls
// topic (before envelope v2 it was accepted and emptied the kiosks' polls),
// an ack for wall-01 on wall-02's topic, and an envelope whose type and topic
// fields were rewritten: each is refused.
func TestSignatureBindsTypeAndTopic(t *testing.T) {
	hubPub, hubKey := keyPair(t)
	trust := mqtt.NewTrust().Add(mqtt.RoleHub, hubPub)
	wall, _ := hubKey.Sign(mqtt.TypeWall, mqtt.TopicWall, kiosk.WallSnapshot{Version: 7})
	if _, err := trust.OpenPolls(wall); err == nil {
		t.Error("a wall snapshot replayed on the polls topic was accepted")
	}
	// Rewriting the envelope's type and topic breaks the signature.
	relabelled := strings.Replace(strings.Replace(string(wall), `"type":"wall"`, `"type":"polls"`, 1), `/wall"`, `/polls"`, 1)
	if relabelled == string(wall) {
		t.Fatal("the envelope did not name its type and topic")
	}
	if _, err := trust.OpenPolls([]byte(relabelled)); err == nil || !strings.Contains(err.Error(), "bad signature") {
		t.Errorf("a relabelled wall snapshot: %v", err)
	}
	if _, err := trust.OpenWall(wall); err != nil {
		t.Errorf("the wall on its own topic: %v", err)
	}
	ack, _ := hubKey.Sign(mqtt.TypeAck, mqtt.KioskTopic("wall-02", mqtt.LeafAck), mqtt.AckMsg{Kiosk: "wall-01"})
	if _, err := trust.OpenAck("wall-01", ack); err == nil {
		t.Error("an ack signed for wall-02's topic was accepted by wall-01")
	}
	v1 := []byte(`{"v":1,"key":"` + hubKey.KeyID() + `","payload":"e30=","sig":"AAAA"}`)
	if _, err := trust.OpenPolls(v1); err == nil || !strings.Contains(err.Error(), "envelope version 1") {
		t.Errorf("a version 1 envelope: %v", err)
	}
}

// TestTrustFileNamesGiveRoles: hub*.pub is a hub key, ops*.pub an operations
// key, and any other name is refused rather than trusted for everything.
func TestTrustFileNamesGiveRoles(t *testing.T) {
	dir := t.TempDir()
	hubPub, _ := mqtt.GenerateKey(dir, "hub")
	opsPub, _ := mqtt.GenerateKey(dir, "ops")
	relPub, _ := mqtt.GenerateKey(dir, "release")
	trust, err := mqtt.LoadTrust(dir)
	if err != nil {
		t.Fatal(err)
	}
	if k := trust.Keys(mqtt.RoleRelease); len(k) != 1 || !k[0].Equal(relPub) {
		t.Errorf("release keys %v", k)
	}
	// A release key signs releases, not messages: a command it signs is
	// refused.
	relKey, err := mqtt.LoadPrivateKey(filepath.Join(dir, "release.key"))
	if err != nil {
		t.Fatal(err)
	}
	forged, _ := mqtt.NewSigner(relKey).Sign(mqtt.TypeCmd, mqtt.KioskTopic("wall-01", mqtt.LeafCmd), mqtt.Command{CID: "c1", Kiosk: "wall-01", Cmd: "update", Nonce: "n1"})
	if _, err := trust.OpenCommand("wall-01", forged); err == nil {
		t.Error("a command signed by the release key was accepted")
	}
	got := strings.Join(trust.KeyIDs(), " ")
	for _, want := range []string{"hub:" + mqtt.KeyID(hubPub), "ops:" + mqtt.KeyID(opsPub), "release:" + mqtt.KeyID(relPub)} {
		if !strings.Contains(got, want) {
			t.Errorf("key ids %q lack %q", got, want)
		}
	}
	other := t.TempDir()
	mqtt.GenerateKey(other, "station")
	if _, err := mqtt.LoadTrust(other); err == nil || !strings.Contains(err.Error(), "must start with hub") {
		t.Errorf("a key file of no role: %v", err)
	}
}
