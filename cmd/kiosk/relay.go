package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// version is stamped at build time: go build -ldflags "-X main.version=V"
// (make build and make release take it from git describe).
var version = "dev"

// relayFlags are the kiosk's connection to the station.
type relayFlags struct {
	broker, user, passwordFile, trust, tlsCA, tlsCert, tlsKey, version string
}

func (f *relayFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.broker, "broker", "", "station broker URL (tcp://host:1883 or ssl://host:8883); empty: store only, relay nothing")
	fs.StringVar(&f.user, "user", "", "broker user name (default: the kiosk id)")
	fs.StringVar(&f.passwordFile, "password-file", "", "file holding the broker password")
	fs.StringVar(&f.trust, "trust", "/etc/opinionwall/trust", "directory (or file) of the hub's public keys (*.pub)")
	fs.StringVar(&f.tlsCA, "tls-ca", "", "CA file for ssl:// (default: system roots)")
	fs.StringVar(&f.tlsCert, "tls-cert", "", "client certificate file for ssl://")
	fs.StringVar(&f.tlsKey, "tls-key", "", "client key file for ssl://")
	f.version = version
}

// newRelay makes the connection to the station, not yet open, or leaves
// m.relay nil when no broker is configured.
func (m *Main) newRelay() error {
	f := m.Relay
	if f.broker == "" {
		m.log.Warn("no -broker: submissions are stored on the kiosk and not relayed")
		return nil
	}
	trust, err := mqtt.LoadTrust(f.trust)
	if err != nil {
		return err
	}
	if m.updater != nil {
		// Updates install only releases a trusted release key signed.
		m.updater.ReleaseKeys = trust.Keys(mqtt.RoleRelease)
		if len(m.updater.ReleaseKeys) == 0 {
			m.log.Warn("no release key in -trust (release*.pub): software updates are refused", "trust", f.trust)
		}
	}
	conn, err := f.conn(m.cfg.Kiosk.ID)
	if err != nil {
		return err
	}
	m.relay = &mqtt.Relay{Conn: conn, Kiosk: m.cfg.Kiosk.ID, Outbox: m.db, Downstream: m.db, Voice: m.db, Trust: trust,
		Config: m.live, ConfigVersion: m.live.Version,
		Version: f.version, BootID: bootID(), Log: m.log.With("part", "relay"),
		Telemetry: m.telemetry}
	return nil
}

// conn is the broker connection the flags describe; the user name defaults
// to the kiosk id.
func (f relayFlags) conn(kioskID string) (mqtt.Conn, error) {
	user := f.user
	if user == "" {
		user = kioskID
	}
	return mqtt.ConnFromFiles(f.broker, user, mqtt.ConnFiles{Password: f.passwordFile, CA: f.tlsCA, Cert: f.tlsCert, Key: f.tlsKey})
}

// openRelay gives the relay its command handler, then opens it: both are
// made before either runs, so neither reaches for the other under a lock.
func (m *Main) openRelay(commands *ops.Handler) error {
	m.ops = commands
	if m.relay == nil {
		return nil
	}
	m.relay.Commands = commands
	if err := m.relay.Open(); err != nil {
		return err
	}
	m.closers = append(m.closers, m.relay.Close)
	m.log.Info("relaying to the station", "broker", m.Relay.broker, "trusted_keys", strings.Join(m.relay.Trust.KeyIDs(), ","))
	return nil
}

// telemetry is what the relay reports every minute: the store's state, the
// hardware's readings and the commands' counts.
func (m *Main) telemetry(ctx context.Context) (kiosk.Telemetry, error) {
	t, err := telemetry(ctx, m.db)
	r := m.hw.Reading()
	t.Lux, t.TempC, t.Humidity, t.Hardware = r.Lux, r.TempC, r.Humidity, m.hw.backend
	t.ConfigError = m.live.LastError()
	if t.Counters == nil { // the store did not answer
		t.Counters = map[string]int64{}
	}
	for k, v := range m.ops.Counts() {
		t.Counters[k] = v
	}
	if r.CPUTempC != nil {
		t.Counters["cpu_temp_mc"] = int64(*r.CPUTempC * 1000)
	}
	t.Counters["sensor_errors"] = int64(len(r.Errors))
	if m.phone != nil {
		t.Audio = m.phone.audio
		t.VoicePack, t.VoicePackVersion = m.phone.packState()
	}
	if m.printer != nil {
		t.Printer = m.printer.State()
		for k, v := range m.printer.Counters() {
			t.Counters[k] = v
		}
	}
	return t, err
}

// telemetry gathers what the kiosk reports every minute.
func telemetry(ctx context.Context, db *sqlite.DB) (kiosk.Telemetry, error) {
	st, err := db.Status(ctx)
	if err != nil {
		return kiosk.Telemetry{}, err
	}
	t := kiosk.Telemetry{
		OutboxPending: st.Pending, OutboxInflight: st.Inflight, OutboxAcked: st.Acked, LastSeq: st.LastSeq,
		DBBytes: st.SizeBytes, ClockSynced: clockSynced(), ConfigVersion: st.ConfigVersion,
		WallVersion: st.WallVersion, PollsVersion: st.PollsVersion, Unavailable: st.Unavailable, ReadOnly: st.ReadOnly,
	}
	if !st.OldestPending.IsZero() {
		t.OldestPendingS = int64(time.Since(st.OldestPending).Seconds())
	}
	for _, e := range st.Events {
		t.StoreEvents = append(t.StoreEvents, e.Kind+": "+e.Detail)
	}
	t.DiskFreeBytes = diskFree(db.Path)
	if t.Counters, err = db.Counters(ctx); err != nil {
		return t, err
	}
	return t, nil
}

// bootID is the kernel's id of this boot, so the hub can tell a restart of
// the program from a reboot of the Pi.
func bootID() string {
	b, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// notifyingStore tells the relay about each stored submission.
type notifyingStore struct {
	*sqlite.DB
	relay *mqtt.Relay
	log   *slog.Logger
}

// Submit stores sub and wakes the relay. A submission the store cannot
// take (a full card, a read-only one) is logged: the resident is told on
// the screen, the maintainer reads it here and in the refused count of
// telemetry and the hub's alert.
func (s notifyingStore) Submit(ctx context.Context, sub *kiosk.Submission) error {
	if err := s.DB.Submit(ctx, sub); err != nil {
		if kiosk.ErrorCode(err) == kiosk.EUNAVAILABLE && s.log != nil {
			st, _ := s.DB.Status(ctx)
			s.log.Error("submission refused: the store cannot write", "err", err, "kind", sub.Kind,
				"refused_since_start", st.Unavailable, "disk_free_bytes", diskFree(s.DB.Path))
		}
		return err
	}
	if s.relay != nil {
		s.relay.Notify()
	}
	return nil
}

// lookup finds the codes residents type: this kiosk's own in the store,
// another kiosk's asked of the station through the relay (none without
// -broker: the resident is told the station cannot be asked).
func (m *Main) lookup() *kiosk.Lookup {
	l := &kiosk.Lookup{Number: m.cfg.Kiosk.Number, Store: m.db, Timeout: m.cfg.Lookup.Timeout.D(), PerMinute: m.cfg.Lookup.PerMinute,
		WrongPerMinute: m.cfg.Lookup.WrongPerMinute, WrongPerHour: m.cfg.Lookup.WrongPerHour}
	if m.relay != nil {
		l.Station = m.relay
	}
	return l
}

// diskFree is the space free to the kiosk beside the store at path; -1
// when unknown, so that a full card (0) is told apart.
func diskFree(path string) int64 {
	var fs syscall.Statfs_t
	if syscall.Statfs(filepath.Dir(path), &fs) != nil {
		return -1
	}
	return int64(fs.Bavail) * int64(fs.Bsize)
}
