package display_test

import (
	"slices"
	"testing"

	"opinionwall/display"
	"opinionwall/display/displaytest"
	"opinionwall/kiosk/booth"
)

// TestBoothScreens: the booth's steps are shown while a call is on, every
// choice a button that presses its key, the sentence said shown in the
// screen's language; hanging up gives the screen back.
func TestBoothScreens(t *testing.T) {
	var keys []booth.Key
	f := displaytest.NewKiosk(t, 0, func(d *display.Deps) { d.BoothKey = func(k booth.Key) { keys = append(keys, k) } })
	f.S.HookUp()
	f.K.ShowBooth(booth.View{Step: booth.StepMenu})
	for _, label := range []string{"1 评价服务", "2 听回复墙", "3 查询回执", "4 给社区留言", "* 重听", "0 大声一点"} {
		f.Tap(label)
	}
	if want := []booth.Key{'1', '2', '3', '4', '*', booth.KeyLouder}; !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	f.K.ShowBooth(booth.View{Step: booth.StepMenu, Louder: true})
	f.Want("0 正常音量")

	keys = nil
	f.K.ShowBooth(booth.View{Step: booth.StepRate})
	f.Want(display.Tr("zh", "booth.rate"))
	f.Tap(display.Tr("zh", "rating.4"))
	f.Tap("* 返回")
	f.K.ShowBooth(booth.View{Step: booth.StepCode, Code: "1210"})
	f.Want("121 0")
	f.Tap("#")
	if want := []booth.Key{'4', '*', '#'}; !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}

	f.K.ShowBooth(booth.View{Step: booth.StepMessage, Prompt: booth.VoiceSilent, Said: booth.VoiceSilent.Text()})
	f.Want(display.Tr("zh", "booth.say.voice_silent"))
	f.S.SetLanguage("en")
	f.K.ShowBooth(booth.View{Step: booth.StepMessage, Prompt: booth.VoiceSilent, Said: booth.VoiceSilent.Text()})
	f.Want("We heard nothing, so no message was saved")
	if f.Has(booth.VoiceSilent.Text()) {
		t.Error("Chinese on the English screen")
	}

	f.K.ShowBooth(booth.View{Step: booth.StepHungUp})
	if f.Has("We heard nothing") || f.Has("Press a key") {
		t.Error("the booth's screen stayed after hanging up")
	}
}
