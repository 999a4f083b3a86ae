package station

import (
	"fmt"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// pollStateKeys name the poll states in the catalog.
var pollStateKeys = map[hub.PollState]string{hub.PollDraft: "poll.draft", hub.PollOpen: "poll.live", hub.PollClosed: "poll.closed"}

// reason words why the station refused, with its values in the app's
// language (a reason the catalog lacks shows its key and values).
func (s *App) reason(r hub.Reason) string {
	key := "why." + r.Key
	if s.t(key) == key {
		return fmt.Sprint(r.Key, r.Args)
	}
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		switch x := a.(type) {
		case kiosk.TicketStatus:
			args[i] = s.statusName(x)
		case hub.PollState:
			args[i] = s.t(pollStateKeys[x])
		case hub.ItemStage:
			args[i] = s.stageName(x)
		case kiosk.Matter:
			args[i] = s.className(x)
		case hub.Role:
			args[i] = s.roleName(x)
		case hub.Field:
			args[i] = s.named("field." + string(x))
		case time.Time:
			args[i] = x.Local().Format("15:04")
		case hub.PackVersion:
			args[i] = s.packVersion(int64(x))
		default:
			args[i] = x
		}
	}
	return s.tf(key, args...)
}
