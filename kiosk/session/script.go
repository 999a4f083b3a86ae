package session

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// Script drives a session with text lines, one action each (ScriptHelp),
// so that a shell script, a test or the demo can act as a resident without
// a screen. Exec returns one line describing the visit afterwards.
type Script struct {
	S *Session
	// Polls returns the open polls, for "poll ID"; nil means none.
	Polls func(ctx context.Context) ([]kiosk.Poll, error)
	// Sleep waits for "wait"; tests replace it with a clock advance.
	Sleep func(time.Duration)

	note string // said once after the action that caused it
}

// ScriptHelp lists the actions a script may use, as `kiosk help` prints
// them.
const ScriptHelp = `resident actions (kiosk run -script FILE|-), one a line:
  wake [touch|button|handset]     a resident arrives
  hook up|down                    the booth's handset is lifted or hung up
  touch                           any tap (counts as activity)
  tick                            apply timeouts now
  wait DURATION                   wait (for example 30s), then apply timeouts
  slow on|off                     large text (大字) mode
  lang zh|en                      the screen's language
  start opinion|rating|vote|lookup|wall
                                  choose a flow on the home screen
  topic ID                        an opinion's topic
  location STREET [BUILDING]      where (location none: no place)
  phrase ID                       add a preset phrase
  text WORDS...                   type free text
  contact PHONE agree [NAME]      leave contact details, with consent
  service ID                      the service to rate
  rate 1-4                        tap a rating (1 very dissatisfied … 4 very satisfied)
  button 1-4                      press a physical rating button
  reason ID                       a reason after a low rating
  poll ID                         choose an open poll
  option ID                       choose a poll's option
  code DIGITS                     look up a receipt code
  next | back | home              move between steps
  submit                          submit the reviewed draft
  done                            leave the receipt screen
`

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

// exec sends one action to the group that handles it.
func (sc *Script) exec(ctx context.Context, cmd string, args []string, line string) error {
	a := scriptArgs(args)
	switch cmd {
	case "wake", "hook", "touch", "tick", "wait", "slow", "lang":
		return sc.presence(cmd, a)
	case "start", "next", "back", "home", "submit", "done":
		return sc.navigate(ctx, cmd, a)
	case "topic", "location", "phrase", "text", "contact", "service", "reason", "option":
		return sc.choose(cmd, a, line)
	case "rate", "button":
		return sc.rate(ctx, cmd, a)
	case "poll":
		return sc.poll(ctx, a.at(0))
	case "code":
		return sc.S.LookUp(ctx, strings.Join(args, ""))
	}
	return kiosk.Errorf(kiosk.EINVALID, "unknown action %q", cmd)
}

// scriptArgs are an action's words after its name.
type scriptArgs []string

// at returns the i-th word, or "" when there are fewer.
func (a scriptArgs) at(i int) string {
	if i < len(a) {
		return a[i]
	}
	return ""
}

// presence is what a resident does to the kiosk itself: wake it, lift the
// handset, touch, switch the text size or language, or walk away a while.
func (sc *Script) presence(cmd string, a scriptArgs) error {
	s := sc.S
	switch cmd {
	case "wake":
		ch := kiosk.ChannelTouch
		if a.at(0) != "" {
			ch = kiosk.Channel(a.at(0))
		}
		s.Wake(ch)
	case "hook":
		switch a.at(0) {
		case "up":
			s.HookUp()
		case "down":
			s.HookDown()
		default:
			return usage("hook up|down")
		}
	case "touch":
		s.Touch()
	case "tick":
		s.Tick()
	case "wait":
		d, err := time.ParseDuration(a.at(0))
		if err != nil {
			return usage("wait DURATION")
		}
		sc.Sleep(d)
		s.Tick()
	case "slow":
		s.SetSlow(a.at(0) == "on")
	case "lang":
		return s.SetLanguage(a.at(0))
	}
	return nil
}

// navigate moves through a flow: start one, step on or back, go home,
// submit, finish.
func (sc *Script) navigate(ctx context.Context, cmd string, a scriptArgs) error {
	s := sc.S
	switch cmd {
	case "start":
		return s.Start(Flow(a.at(0)))
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
	}
	return nil
}

// choose fills in a step of the draft.
func (sc *Script) choose(cmd string, a scriptArgs, line string) error {
	s := sc.S
	switch cmd {
	case "topic":
		return s.ChooseTopic(a.at(0))
	case "location":
		if a.at(0) == "none" {
			return s.ChooseLocation("", "")
		}
		return s.ChooseLocation(a.at(0), a.at(1))
	case "phrase":
		return s.TogglePhrase(a.at(0))
	case "text":
		return s.SetText(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "text")))
	case "contact":
		return s.SetContact(strings.Join(a[min(2, len(a)):], " "), a.at(0), a.at(1) == "agree")
	case "service":
		return s.ChooseService(a.at(0))
	case "reason":
		return s.ToggleReason(a.at(0))
	case "option":
		return s.ChooseOption(a.at(0))
	}
	return nil
}

// rate chooses a rating on the screen ("rate") or presses a rating button
// ("button"), noting a press the session did not take.
func (sc *Script) rate(ctx context.Context, cmd string, a scriptArgs) error {
	n, err := strconv.Atoi(a.at(0))
	if err != nil {
		return usage(cmd + " 1-4")
	}
	if cmd == "rate" {
		return sc.S.ChooseRating(kiosk.Rating(n))
	}
	out, err := sc.S.ButtonRating(ctx, kiosk.Rating(n), kiosk.ChannelButton)
	switch {
	case err == nil && out == Ignored:
		sc.note = "press counted once (within the minimum gap)"
	case err == nil && out == Held:
		sc.note = "rating held while the reasons are offered"
	case err == nil && out == Busy:
		sc.note = "press not taken: a visit is in progress"
	}
	return err
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
