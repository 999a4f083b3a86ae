package booth

import (
	"context"
	"strings"

	"opinionwall/kiosk"
)

var (
	codeChoices    = []Choice{{KeyStar, "clear"}}
	confirmChoices = []Choice{{KeyHash, "confirm"}, {KeyStar, "retype"}}
	resultChoices  = []Choice{{'1', "repeat"}, {KeyStar, "back"}}
)

// statusWords say a ticket's status as the lookup screen does.
var statusWords = map[kiosk.TicketStatus]string{
	kiosk.StatusQueued:        "已保存在电话亭，等待送到社区工作站",
	kiosk.StatusReceived:      "工作站已收到，正在处理",
	kiosk.StatusTriaged:       "已分类，正在安排",
	kiosk.StatusAssigned:      "已安排工作人员处理",
	kiosk.StatusInProgress:    "工作人员正在办理",
	kiosk.StatusReplied:       "工作站已回复",
	kiosk.StatusClosed:        "已办结",
	kiosk.StatusDuplicate:     "与相同的意见合并办理",
	kiosk.StatusNotApplicable: "不属于社区受理范围",
}

// lookup: the caller keys the nine digits, hears them read back, confirms
// with #, and hears the status and the station's reply.
func (v *visit) lookup(ctx context.Context) error {
	if v.b.Lookup == nil {
		v.show(View{Step: StepNoService})
		return errBackAfter(v.play(ctx, say(LookupOffline)))
	}
	for {
		code, err := v.keyCode(ctx)
		if err != nil {
			return err
		}
		v.show(View{Step: StepConfirm, Choices: confirmChoices, Code: code})
		v.drain() // the code is confirmed after hearing it, not typed ahead
		k, err := v.ask(ctx, sayText("您输入的号码是："+Digits(code)+"。"), say(LookupConfirm))
		if err != nil {
			return err
		}
		if k != KeyHash {
			continue // * or any other key: type it again
		}
		return v.result(ctx, code)
	}
}

// keyCode collects nine digits; * starts again.
func (v *visit) keyCode(ctx context.Context) (string, error) {
	var code []byte
	for len(code) < 9 {
		v.show(View{Step: StepCode, Choices: codeChoices, Code: string(code)})
		var us []utterance
		if len(code) == 0 {
			us = []utterance{say(LookupAsk)}
		}
		k, err := v.ask(ctx, us...)
		switch {
		case err != nil:
			return "", err
		case k.Digit():
			code = append(code, byte(k))
		case k == KeyStar:
			code = code[:0]
		}
	}
	return string(code), nil
}

func (v *visit) result(ctx context.Context, code string) error {
	v.show(View{Step: StepMessage, Code: code})
	if err := v.play(ctx, say(LookupWait)); err != nil {
		return err
	}
	u, err := v.b.Lookup.LookupTicket(ctx, code)
	if err != nil {
		v.show(View{Step: StepMessage, Code: code})
		p := LookupOffline
		switch kiosk.ErrorCode(err) {
		case kiosk.ENOTFOUND:
			p = LookupNotFound
		case kiosk.EINVALID:
			p = LookupBad
		}
		return errBackAfter(v.play(ctx, say(p)))
	}
	v.show(View{Step: StepResult, Choices: resultChoices, Code: code, Ticket: &u})
	for {
		k, err := v.ask(ctx, sayText(TicketText(u)), say(LookupAgain))
		if err != nil {
			return err
		}
		if k != '1' {
			return errBack
		}
	}
}

// TicketText is how a ticket's state is read: its status, then the
// station's reply when there is one.
func TicketText(u kiosk.TicketUpdate) string {
	var b strings.Builder
	b.WriteString("您的意见：")
	if w, ok := statusWords[u.Status]; ok {
		b.WriteString(w)
	} else {
		b.WriteString("正在处理")
	}
	b.WriteString("。")
	if u.Reply != "" {
		b.WriteString("工作站的回复：")
		b.WriteString(u.Reply)
		if !strings.HasSuffix(u.Reply, "。") {
			b.WriteString("。")
		}
	}
	return b.String()
}

// errBackAfter returns to the menu unless playing failed (a hang-up).
func errBackAfter(err error) error {
	if err != nil {
		return err
	}
	return errBack
}
