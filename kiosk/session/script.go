package session

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Script drives a session with text lines, one action each, so that a
// shell script, a test or the demo can act as a resident without a screen:
//
//	wake [touch|button|handset]   hook up|down     touch
//	start opinion|rating|vote|lookup|wall
//	topic ID      location STREET [BUILDING] | location none
//	phrase ID     text WORDS...   contact PHONE agree [NAME]
//	service ID    rate 1-4        reason ID
//	poll ID       option ID       code DIGITS
//	next  back  home  submit  done  tick
//	button 1-4    slow on|off     lang zh|en
//	wait DURATION (sleeps, then ticks)
//
// Exec returns one line describing the visit afterwards.
type Script struct {
	S *Session
	// Polls returns the open polls, for "poll ID"; nil means none.
	Polls func(ctx context.Context) ([]kiosk.Poll, error)
	// Sleep waits for "wait"; tests replace it with a clock advance.
	Sleep func(time.Duration)

	note string // said once after the action that caused it
}

// Exec runs one line. An empty line or a line starting with # does nothing.
func (sc *Script) Exec(ctx context.Context, line string) (string, error) {
	f := strings.Fields(line)
	if len(f) == 0 || strings.HasPrefix(f[0], "#") {
		return "", nil
	}
	if err := sc.exec(ctx, f[0], f[1:], line); err != nil {
		return sc.Describe(), err
	}
	return sc.Describe(), nil
}

func (sc *Script) exec(ctx context.Context, cmd string, args []string, line string) error {
	s := sc.S
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch cmd {
	case "wake":
		ch := kiosk.ChannelTouch
		if a := arg(0); a != "" {
			ch = kiosk.Channel(a)
		}
		s.Wake(ch)
	case "hook":
		switch arg(0) {
		case "up":
			s.HookUp()
		case "down":
			s.HookDown()
		default:
			return usage("hook up|down")
		}
	case "touch":
		s.Touch()
	case "start":
		return s.Start(Flow(arg(0)))
	case "topic":
		return s.ChooseTopic(arg(0))
	case "location":
		if arg(0) == "none" {
			return s.ChooseLocation("", "")
		}
		return s.ChooseLocation(arg(0), arg(1))
	case "phrase":
		return s.TogglePhrase(arg(0))
	case "text":
		return s.SetText(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "text")))
	case "contact":
		return s.SetContact(strings.Join(args[min(2, len(args)):], " "), arg(0), arg(1) == "agree")
	case "service":
		return s.ChooseService(arg(0))
	case "rate", "button":
		n, err := strconv.Atoi(arg(0))
		if err != nil {
			return usage(cmd + " 1-4")
		}
		if cmd == "rate" {
			return s.ChooseRating(kiosk.Rating(n))
		}
		out, err := s.ButtonRating(ctx, kiosk.Rating(n), kiosk.ChannelButton)
		switch {
		case err == nil && out == Ignored:
			sc.note = "press counted once (within the minimum gap)"
		case err == nil && out == Busy:
			sc.note = "press not taken: a visit is in progress"
		}
		return err
	case "reason":
		return s.ToggleReason(arg(0))
	case "poll":
		return sc.poll(ctx, arg(0))
	case "option":
		return s.ChooseOption(arg(0))
	case "code":
		return s.LookUp(ctx, strings.Join(args, ""))
	case "next":
		return s.Next()
	case "back":
		s.Back()
	case "home":
		s.GoHome()
	case "submit":
		return s.Submit(ctx)
	case "done":
		s.Done()
	case "tick":
		s.Tick()
	case "slow":
		s.SetSlow(arg(0) == "on")
	case "lang":
		return s.SetLanguage(arg(0))
	case "wait":
		d, err := time.ParseDuration(arg(0))
		if err != nil {
			return usage("wait DURATION")
		}
		sc.Sleep(d)
		s.Tick()
	default:
		return kiosk.Errorf(kiosk.EINVALID, "unknown action %q", cmd)
	}
	return nil
}

func (sc *Script) poll(ctx context.Context, id string) error {
	if err := sc.S.at(StepPoll); err != nil {
		return err
	}
	if sc.Polls == nil {
		return sc.S.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no polls are open"))
	}
	polls, err := sc.Polls(ctx)
	if err != nil {
		return sc.S.fail(err)
	}
	for _, p := range polls {
		if p.ID == id {
			return sc.S.ChoosePoll(p)
		}
	}
	return sc.S.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no open poll %q", id))
}

func usage(u string) error { return kiosk.Errorf(kiosk.EINVALID, "usage: %s", u) }

// Describe is one line about the visit: where it is, and what a resident
// would read.
func (sc *Script) Describe() string {
	v := sc.S.View()
	var b strings.Builder
	fmt.Fprintf(&b, "state=%s", v.State)
	if v.Flow != "" {
		fmt.Fprintf(&b, " flow=%s", v.Flow)
	}
	if v.Step != "" {
		fmt.Fprintf(&b, " step=%s", v.Step)
	}
	if v.Ticket != "" {
		fmt.Fprintf(&b, " ticket=%q", kiosk.FormatTicket(v.Ticket))
	}
	if v.Lookup != nil {
		fmt.Fprintf(&b, " status=%s", v.Lookup.Status)
		if v.Lookup.Reply != "" {
			fmt.Fprintf(&b, " reply=%q", v.Lookup.Reply)
		}
	}
	if v.State == Review {
		fmt.Fprintf(&b, " kind=%s", v.Draft.Kind)
		if v.Draft.Body.Text != "" {
			fmt.Fprintf(&b, " text=%q", v.Draft.Body.Text)
		}
	}
	if v.Warning {
		fmt.Fprintf(&b, " warning=%s", v.Left.Round(time.Second))
	}
	if v.Err != nil {
		fmt.Fprintf(&b, " says=%q", kiosk.PlainMessage(v.Err, v.Lang))
	}
	if sc.note != "" {
		fmt.Fprintf(&b, " note=%q", sc.note)
		sc.note = ""
	}
	return b.String()
}
