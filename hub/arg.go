package hub

import (
	"encoding/json"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// Arg is one value of a Reason or an Alert in JSON, with its type, so that
// a screen across the desk socket words it as one in the service's own
// process does (a status by its name, a time as a clock, a duration as
// minutes). An int64 comes back an int.
type Arg struct {
	Kind  string          `json:"kind"`
	Value json.RawMessage `json:"value"`
}

// The kinds of Arg.
const (
	ArgStatus   = "status"
	ArgPoll     = "poll_state"
	ArgStage    = "stage"
	ArgMatter   = "matter"
	ArgField    = "field"
	ArgTime     = "time"
	ArgDuration = "duration" // nanoseconds
	ArgPack     = "pack_version"
	ArgInt      = "int"
	ArgFloat    = "float"
	ArgString   = "string"
)

// EncodeArg is v with its type; a type not listed goes as its text.
func EncodeArg(v any) Arg {
	kind, x := ArgString, any(fmt.Sprint(v))
	switch t := v.(type) {
	case kiosk.TicketStatus:
		kind, x = ArgStatus, string(t)
	case PollState:
		kind, x = ArgPoll, string(t)
	case ItemStage:
		kind, x = ArgStage, string(t)
	case kiosk.Matter:
		kind, x = ArgMatter, string(t)
	case Field:
		kind, x = ArgField, string(t)
	case time.Time:
		kind, x = ArgTime, t
	case time.Duration:
		kind, x = ArgDuration, int64(t)
	case PackVersion:
		kind, x = ArgPack, int64(t)
	case int, int64, int32:
		kind, x = ArgInt, t
	case float64, float32:
		kind, x = ArgFloat, t
	case string:
		x = t
	}
	b, _ := json.Marshal(x)
	return Arg{Kind: kind, Value: b}
}

// DecodeArg is the value a was made of; false when its kind is not one of
// Arg's or its value does not fit it (the value's text is returned then).
func DecodeArg(a Arg) (any, bool) {
	var n int64
	switch a.Kind {
	case ArgTime:
		var t time.Time
		if json.Unmarshal(a.Value, &t) == nil {
			return t, true
		}
	case ArgInt:
		if json.Unmarshal(a.Value, &n) == nil {
			return int(n), true
		}
	case ArgDuration:
		if json.Unmarshal(a.Value, &n) == nil {
			return time.Duration(n), true
		}
	case ArgPack:
		if json.Unmarshal(a.Value, &n) == nil {
			return PackVersion(n), true
		}
	case ArgFloat:
		var f float64
		if json.Unmarshal(a.Value, &f) == nil {
			return f, true
		}
	}
	var s string
	ok := json.Unmarshal(a.Value, &s) == nil
	switch a.Kind {
	case ArgStatus:
		return kiosk.TicketStatus(s), ok
	case ArgPoll:
		return PollState(s), ok
	case ArgStage:
		return ItemStage(s), ok
	case ArgMatter:
		return kiosk.Matter(s), ok
	case ArgField:
		return Field(s), ok
	case ArgString:
		return s, ok
	}
	if !ok {
		s = string(a.Value)
	}
	return s, false
}
