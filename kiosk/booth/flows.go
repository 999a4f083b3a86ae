package booth

import (
	"context"
	"fmt"

	"opinionwall/kiosk"
)

var rateChoices = []Choice{{'1', "rating1"}, {'2', "rating2"}, {'3', "rating3"}, {'4', "rating4"}, {KeyStar, "back"}}

// rate: the question and four answers read out; a key records the rating.
func (v *visit) rate(ctx context.Context) error {
	v.show(View{Step: StepRate, Choices: rateChoices})
	for {
		k, err := v.ask(ctx, say(RateQuestion), say(RateAnswers))
		if err != nil {
			return err
		}
		if k == KeyStar {
			return errBack
		}
		if k < '1' || k > '4' {
			if err := v.play(ctx, say(Invalid)); err != nil {
				return err
			}
			continue
		}
		v.show(View{Step: StepThanks, Code: string(k)})
		if err := v.submitRating(ctx, kiosk.Rating(k-'0')); err != nil {
			v.b.event("rate_failed")
			return v.play(ctx, say(RateFailed))
		}
		v.b.event("rated")
		return v.play(ctx, say(RateThanks))
	}
}

func (v *visit) submitRating(ctx context.Context, r kiosk.Rating) error {
	b := v.b
	now := b.Now()
	sub := kiosk.Submission{
		ID: b.ids.New(now), Kiosk: b.KioskID, Kind: kiosk.KindRating, CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Topic: b.Service, Rating: r, Lang: "zh", Channel: kiosk.ChannelHandset},
	}
	if err := sub.Validate(kiosk.DefaultTextLimit); err != nil {
		return err
	}
	// The caller has pressed: the rating is stored even if they hang up now.
	return b.Store.Submit(context.WithoutCancel(ctx), &sub)
}

var wallChoices = []Choice{{'1', "next"}, {'2', "repeat"}, {KeyStar, "back"}}

// wall reads the published replies one by one: the opinion, then the
// station's answer; 1 next, 2 again, * back.
func (v *visit) wall(ctx context.Context) error {
	var items []kiosk.WallItem
	if v.b.Wall != nil {
		w, err := v.b.Wall.Wall(ctx)
		if err == nil {
			items = w.Items
		}
	}
	if len(items) == 0 {
		v.show(View{Step: StepMessage})
		if err := v.play(ctx, say(WallEmpty)); err != nil {
			return err
		}
		return errBack
	}
	intro := []utterance{say(WallIntro)}
	for i := 0; i < len(items); {
		it := items[i]
		v.show(View{Step: StepWall, Choices: wallChoices, Item: &it, Index: i, Count: len(items)})
		k, err := v.ask(ctx, append(intro, sayText(WallText(i, it)), say(WallKeys))...)
		intro = nil
		switch {
		case err != nil:
			return err
		case k == '1':
			i++
		case k == '2':
		case k == KeyStar:
			return errBack
		default:
			if err := v.play(ctx, say(Invalid)); err != nil {
				return err
			}
		}
	}
	v.show(View{Step: StepMessage})
	if err := v.play(ctx, say(WallEnd)); err != nil {
		return err
	}
	return errBack
}

// WallText is how one wall item is read: its number, the opinion, the reply.
func WallText(i int, it kiosk.WallItem) string {
	return fmt.Sprintf("第%d条。居民反映：%s。社区回复：%s。", i+1, it.Question, it.Reply)
}
