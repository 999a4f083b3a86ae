package hubside

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/hub"
	"opinionwall/kiosk"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
)

// VoicePacks carries the booths' voice packs a lead sends from the review
// app (hub.VoicePackPusher): it checks each is signed by an operations
// key the station trusts and newer than the last, keeps it in Dir (one
// file per target: fleet.signed, or KIOSK.signed) and publishes it
// retained on the fleet's topic or the booths' own, as `kioskctl
// voicepack push` does. The hub cannot sign a pack: the booths check the
// operations signature again. It publishes the kept packs again whenever
// the hub's connection is new (a restarted embedded broker keeps no
// retained message), and keeps each booth's answer to the last pack it was
// sent (voicepack_answers.go). Set the fields, then Open; Close stops it.
type VoicePacks struct {
	Ingest   *Ingest
	Trust    *mqtt.Trust // the operations keys (ops.pub)
	Dir      string
	Audit    hub.Auditor
	Log      *slog.Logger  // default slog.Default()
	Interval time.Duration // how often the connection is looked at; default 2s

	mu     sync.Mutex // one push at a time: the version check and the write
	at     int64      // the ingest epoch the kept packs were last published in
	cancel context.CancelFunc
	wg     sync.WaitGroup

	answering paho.Client // hears the booths' answers (voicepack_answers.go)
	answerMu  sync.Mutex
	answers   map[string]hub.VoicePackAnswer
}

var _ hub.VoicePackPusher = (*VoicePacks)(nil)

const fleetFile = "_fleet.signed" // "_" is in no kiosk id

func (v *VoicePacks) Open() error {
	if v.Ingest == nil || v.Trust == nil || v.Dir == "" || v.Audit == nil {
		return errors.New("voice packs: need an ingest, the operations keys, a folder and an auditor")
	}
	if len(v.Trust.Keys(mqtt.RoleOps)) == 0 {
		return errors.New("voice packs: no operations public key to check packs with")
	}
	if err := os.MkdirAll(v.Dir, 0o750); err != nil {
		return fmt.Errorf("voice packs: %w", err)
	}
	if v.Log == nil {
		v.Log = slog.Default()
	}
	v.listen()
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.wg.Add(1)
	go func() {
		defer v.wg.Done()
		t := time.NewTicker(mqtt.OrDefault(v.Interval, 2*time.Second))
		defer t.Stop()
		for {
			v.republish(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return nil
}

func (v *VoicePacks) Close() error {
	if v.cancel == nil {
		return nil
	}
	v.cancel()
	v.wg.Wait()
	v.cancel = nil
	v.answering.Disconnect(100)
	return nil
}

// OpenVoicePack checks the operations signature and reads the version.
func (v *VoicePacks) OpenVoicePack(signed []byte) (hub.VoicePackSent, error) {
	_, key, err := v.Trust.Open(voicepack.Type, voicepack.Topic, signed, voicepack.MaxBytes)
	if err != nil {
		return hub.VoicePackSent{}, err
	}
	version, by, err := voicepack.Peek(signed)
	if err != nil {
		return hub.VoicePackSent{}, err
	}
	if version < 1 {
		return hub.VoicePackSent{}, fmt.Errorf("version %d is not positive", version)
	}
	return hub.VoicePackSent{Version: version, By: by, Key: key}, nil
}

// LastVoicePack is the newest version kept, for any target.
func (v *VoicePacks) LastVoicePack(context.Context) (int64, error) {
	kept, err := v.kept()
	if err != nil {
		return 0, err
	}
	var last int64
	for _, k := range kept {
		if k.version > last {
			last = k.version
		}
	}
	return last, nil
}

// PushVoicePack checks, keeps, publishes and audits a pack.
func (v *VoicePacks) PushVoicePack(ctx context.Context, signed []byte, kiosks []string, a hub.Audit) (hub.VoicePackSent, error) {
	sent, err := v.OpenVoicePack(signed)
	if err != nil {
		return sent, kiosk.WrapError(kiosk.EINVALID, err, "voice pack")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	last, err := v.LastVoicePack(ctx)
	if err != nil {
		return sent, err
	}
	if sent.Version <= last {
		return sent, kiosk.Errorf(kiosk.ECONFLICT, "voice pack: version %d is not newer than version %d, sent before", sent.Version, last)
	}
	files := map[string]string{fleetFile: mqtt.TopicVoicePack}
	if len(kiosks) > 0 {
		files = map[string]string{}
		for _, k := range kiosks {
			files[k+".signed"] = mqtt.KioskTopic(k, mqtt.LeafVoicePack)
		}
	}
	for name := range files {
		if err := writeAtomic(filepath.Join(v.Dir, name), signed); err != nil {
			return sent, fmt.Errorf("voice pack: %w", err)
		}
	}
	for _, topic := range files {
		if err := v.Ingest.publish(ctx, topic, true, signed); err != nil {
			return sent, fmt.Errorf("voice pack v%d kept, and published again when the hub reconnects: %w", sent.Version, err)
		}
	}
	if err := v.Audit.Audit(ctx, a); err != nil {
		return sent, err
	}
	sent.Kiosks, sent.At = kiosks, a.At
	v.Log.Info("voice pack sent", "version", sent.Version, "by", sent.By, "key", sent.Key, "worker", a.Worker, "kiosks", strings.Join(kiosks, ","))
	return sent, nil
}

// keptPack is a pack kept in Dir.
type keptPack struct {
	topic   string
	version int64
	signed  []byte
}

// kept reads the packs kept in Dir, the fleet's first.
func (v *VoicePacks) kept() ([]keptPack, error) {
	names, err := filepath.Glob(filepath.Join(v.Dir, "*.signed"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []keptPack
	for _, path := range names {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("voice packs: %w", err)
		}
		version, _, err := voicepack.Peek(b)
		if err != nil {
			v.Log.Warn("voice packs: a kept pack does not read; left out", "file", path, "err", err)
			continue
		}
		name := filepath.Base(path)
		topic := mqtt.TopicVoicePack
		if name != fleetFile {
			topic = mqtt.KioskTopic(strings.TrimSuffix(name, ".signed"), mqtt.LeafVoicePack)
		}
		out = append(out, keptPack{topic: topic, version: version, signed: b})
	}
	return out, nil
}

// republish publishes the kept packs again on a new connection.
func (v *VoicePacks) republish(ctx context.Context) {
	e := v.Ingest.subscribed()
	if !v.Ingest.Connected() || e == 0 || e == v.at {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	kept, err := v.kept()
	if err != nil {
		v.Log.Warn("voice packs", "err", err)
		return
	}
	for _, k := range kept {
		if err := v.Ingest.publish(ctx, k.topic, true, k.signed); err != nil {
			v.Log.Warn("voice packs: will publish again", "err", err)
			return
		}
	}
	v.at = e
}

func writeAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
