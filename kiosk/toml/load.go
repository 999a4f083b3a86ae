package toml

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	btoml "github.com/BurntSushi/toml"

	"opinionwall/kiosk"
)

// Load reads the configuration file at path over kiosk.Defaults and
// validates the result. A missing file is kiosk.ErrNoConfig; an unknown key,
// a value of the wrong type or an invalid value is an error naming the key.
func Load(path string) (kiosk.Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return kiosk.Config{}, fmt.Errorf("%s: %w", path, kiosk.ErrNoConfig)
	}
	if err != nil {
		return kiosk.Config{}, fmt.Errorf("read config: %w", err)
	}
	c, err := Parse(string(data))
	if err != nil {
		return kiosk.Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse reads configuration text over kiosk.Defaults and validates it.
func Parse(text string) (kiosk.Config, error) {
	c := kiosk.Defaults()
	md, err := btoml.Decode(text, &c)
	if err != nil {
		var pe btoml.ParseError
		if errors.As(err, &pe) {
			if pe.LastKey != "" {
				return kiosk.Config{}, fmt.Errorf("config: line %d, key %s: %s", pe.Position.Line, pe.LastKey, pe.Message)
			}
			return kiosk.Config{}, fmt.Errorf("config: line %d: %s", pe.Position.Line, pe.Message)
		}
		return kiosk.Config{}, fmt.Errorf("config: %w", err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		keys := make([]string, len(undecoded))
		for i, k := range undecoded {
			keys[i] = k.String() + ": unknown key"
		}
		sort.Strings(keys)
		return kiosk.Config{}, &kiosk.ConfigError{Problems: keys}
	}
	if err := c.Validate(); err != nil {
		return kiosk.Config{}, err
	}
	return c, nil
}

// Example is a commented configuration file, for `kiosk config-example`
// and docs.
func Example() string {
	return strings.TrimLeft(example, "\n")
}
