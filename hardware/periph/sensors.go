package periph

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"periph.io/x/conn/v3/i2c"

	"opinionwall/hardware"
)

// BH1750 is the ambient light sensor.
type BH1750 struct {
	Dev *i2c.Dev // address 0x23 (ADDR low) or 0x5C
	on  bool
}

// BH1750 commands.
const (
	bh1750PowerOn       = 0x01
	bh1750ContinuousHi  = 0x10 // 1 lx resolution, 120 ms a measurement
	BH1750Addr          = 0x23
	SHT3xAddr           = 0x44
	sht3xMeasureHiMSB   = 0x24 // single shot, high repeatability, no clock stretching
	sht3xMeasureHiLSB   = 0x00
	sht3xMeasurementDur = 16 * time.Millisecond
)

// Lux reads the light level in lux.
func (b *BH1750) Lux() (float64, error) {
	if !b.on {
		if err := b.Dev.Tx([]byte{bh1750PowerOn}, nil); err != nil {
			return 0, fmt.Errorf("bh1750: power on: %w", err)
		}
		if err := b.Dev.Tx([]byte{bh1750ContinuousHi}, nil); err != nil {
			return 0, fmt.Errorf("bh1750: start: %w", err)
		}
		b.on = true
	}
	var r [2]byte
	if err := b.Dev.Tx(nil, r[:]); err != nil {
		b.on = false // start again next time: the sensor may have been replugged
		return 0, fmt.Errorf("bh1750: read: %w", err)
	}
	return float64(uint16(r[0])<<8|uint16(r[1])) / 1.2, nil
}

// SHT3x is the temperature and humidity sensor.
type SHT3x struct {
	Dev   *i2c.Dev // address 0x44 (ADDR low) or 0x45
	Sleep func(time.Duration)
}

// Read measures once and returns the temperature (°C) and relative
// humidity (%). A reply whose CRC does not match is an error.
func (s *SHT3x) Read() (tempC, humidity float64, err error) {
	if err := s.Dev.Tx([]byte{sht3xMeasureHiMSB, sht3xMeasureHiLSB}, nil); err != nil {
		return 0, 0, fmt.Errorf("sht3x: measure: %w", err)
	}
	sleep := s.Sleep
	if sleep == nil {
		sleep = time.Sleep
	}
	sleep(sht3xMeasurementDur)
	var r [6]byte
	if err := s.Dev.Tx(nil, r[:]); err != nil {
		return 0, 0, fmt.Errorf("sht3x: read: %w", err)
	}
	if crc8(r[0:2]) != r[2] || crc8(r[3:5]) != r[5] {
		return 0, 0, fmt.Errorf("sht3x: CRC mismatch in % x", r)
	}
	t := uint16(r[0])<<8 | uint16(r[1])
	h := uint16(r[3])<<8 | uint16(r[4])
	return -45 + 175*float64(t)/65535, 100 * float64(h) / 65535, nil
}

// crc8 is the Sensirion CRC: polynomial 0x31, initial value 0xFF.
func crc8(b []byte) byte {
	crc := byte(0xFF)
	for _, x := range b {
		crc ^= x
		for i := 0; i < 8; i++ {
			if crc&0x80 != 0 {
				crc = crc<<1 ^ 0x31
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// Sensors reads whatever sensors are present: a missing or failing one is
// reported in the reading's errors, and the others go on.
type Sensors struct {
	Light     *BH1750 // nil when absent
	Climate   *SHT3x  // nil when absent
	ThermalFS string  // the thermal zone file, /sys/class/thermal/thermal_zone0/temp
}

var _ hardware.Sensors = (*Sensors)(nil)

// Read reads every sensor once.
func (s *Sensors) Read(context.Context) hardware.Reading {
	var r hardware.Reading
	if s.Light != nil {
		if lux, err := s.Light.Lux(); err != nil {
			r.Errors = append(r.Errors, err.Error())
		} else {
			r.Lux = &lux
		}
	}
	if s.Climate != nil {
		if t, h, err := s.Climate.Read(); err != nil {
			r.Errors = append(r.Errors, err.Error())
		} else {
			r.TempC, r.Humidity = &t, &h
		}
	}
	if s.ThermalFS != "" {
		if c, err := cpuTemp(s.ThermalFS); err != nil {
			r.Errors = append(r.Errors, err.Error())
		} else {
			r.CPUTempC = &c
		}
	}
	return r
}

// cpuTemp reads a thermal zone file (millidegrees Celsius).
func cpuTemp(path string) (float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("cpu temperature: %w", err)
	}
	m, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return 0, fmt.Errorf("cpu temperature: %q: %w", b, err)
	}
	return float64(m) / 1000, nil
}
