package periph

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"periph.io/x/conn/v3/i2c"
	"periph.io/x/conn/v3/i2c/i2ctest"
	"periph.io/x/conn/v3/physic"
)

func TestCRC8(t *testing.T) {
	// The Sensirion datasheet's example: 0xBEEF has CRC 0x92.
	if got := crc8([]byte{0xBE, 0xEF}); got != 0x92 {
		t.Fatalf("crc8(BEEF) = %#x, want 0x92", got)
	}
}

func TestBH1750(t *testing.T) {
	bus := &i2ctest.Playback{Ops: []i2ctest.IO{
		{Addr: BH1750Addr, W: []byte{0x01}},
		{Addr: BH1750Addr, W: []byte{0x10}},
		{Addr: BH1750Addr, R: []byte{0x01, 0x90}}, // 400 raw
		{Addr: BH1750Addr, R: []byte{0x00, 0x0C}}, // 12 raw: already started
	}}
	b := &BH1750{Dev: &i2c.Dev{Bus: bus, Addr: BH1750Addr}}
	for _, want := range []float64{400 / 1.2, 12 / 1.2} {
		got, err := b.Lux()
		if err != nil || math.Abs(got-want) > 1e-9 {
			t.Fatalf("lux %v, %v; want %v", got, err, want)
		}
	}
	if err := bus.Close(); err != nil {
		t.Fatal(err)
	}
}

func sht3xReply(temp, hum uint16) []byte {
	r := []byte{byte(temp >> 8), byte(temp), 0, byte(hum >> 8), byte(hum), 0}
	r[2], r[5] = crc8(r[0:2]), crc8(r[3:5])
	return r
}

func TestSHT3x(t *testing.T) {
	good := sht3xReply(0x6666, 0x8000) // 25.0 °C, 50 %
	bad := append([]byte(nil), good...)
	bad[2] ^= 0xFF
	bus := &i2ctest.Playback{Ops: []i2ctest.IO{
		{Addr: SHT3xAddr, W: []byte{0x24, 0x00}}, {Addr: SHT3xAddr, R: good},
		{Addr: SHT3xAddr, W: []byte{0x24, 0x00}}, {Addr: SHT3xAddr, R: bad},
	}}
	s := &SHT3x{Dev: &i2c.Dev{Bus: bus, Addr: SHT3xAddr}, Sleep: func(time.Duration) {}}
	temp, hum, err := s.Read()
	if err != nil || temp < 24.9 || temp > 25.1 || hum < 49.9 || hum > 50.1 {
		t.Fatalf("read %v °C %v %%, %v", temp, hum, err)
	}
	if _, _, err := s.Read(); err == nil || !strings.Contains(err.Error(), "CRC") {
		t.Fatalf("a corrupted reply: %v", err)
	}
}

// nackBus answers every transaction with an error, as a missing device does.
type nackBus struct{}

func (nackBus) String() string                  { return "nack" }
func (nackBus) Tx(uint16, []byte, []byte) error { return errors.New("i2c: NACK") }
func (nackBus) SetSpeed(physic.Frequency) error { return nil }

func TestMissingSensorsAreReportedNotFatal(t *testing.T) {
	dir := t.TempDir()
	thermal := filepath.Join(dir, "temp")
	os.WriteFile(thermal, []byte("52312\n"), 0o644)
	s := &Sensors{
		Light:     &BH1750{Dev: &i2c.Dev{Bus: nackBus{}, Addr: BH1750Addr}},
		Climate:   &SHT3x{Dev: &i2c.Dev{Bus: nackBus{}, Addr: SHT3xAddr}, Sleep: func(time.Duration) {}},
		ThermalFS: thermal,
	}
	r := s.Read(context.Background())
	if r.Lux != nil || r.TempC != nil || len(r.Errors) != 2 {
		t.Fatalf("reading %+v", r)
	}
	if r.CPUTempC == nil || *r.CPUTempC != 52.312 {
		t.Fatalf("cpu temperature %v", r.CPUTempC)
	}
}

func TestBacklightSysfs(t *testing.T) {
	root := t.TempDir()
	dev := filepath.Join(root, "10-0045")
	os.MkdirAll(dev, 0o755)
	os.WriteFile(filepath.Join(dev, "max_brightness"), []byte("255\n"), 0o644)
	os.WriteFile(filepath.Join(dev, "brightness"), []byte("255\n"), 0o644)
	os.WriteFile(filepath.Join(dev, "bl_power"), []byte("0\n"), 0o644)
	b, err := FindBacklight(root)
	if err != nil || b.Dir != dev {
		t.Fatalf("found %+v, %v", b, err)
	}
	if err := b.SetBrightness(40); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dev, "brightness"))
	if string(raw) != "102" {
		t.Errorf("brightness file %q, want 102 (40%% of 255)", raw)
	}
	if p, _ := brightness(b); p != 40 {
		t.Errorf("read back %d%%", p)
	}
	b.SetBrightness(150)
	if p, _ := brightness(b); p != 100 {
		t.Errorf("clamped to %d%%", p)
	}
	b.SetPower(false)
	raw, _ = os.ReadFile(filepath.Join(dev, "bl_power"))
	if string(raw) != "4" {
		t.Errorf("bl_power %q after off", raw)
	}
	none, _ := FindBacklight(t.TempDir())
	if none.Dir != "" {
		t.Error("a backlight found in an empty folder")
	}
}

// brightness reads the backlight's brightness back, in percent.
func brightness(b *Backlight) (int, error) {
	if b.Dir == "" {
		return 100, nil
	}
	v, err := readInt(filepath.Join(b.Dir, "brightness"))
	if err != nil {
		return 0, err
	}
	return (v*100 + b.max/2) / b.max, nil
}
