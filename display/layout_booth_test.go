package display_test

import (
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
)

// boothScreens are the phone booth's screens, each shown as the booth's
// dialogue shows it (the booth's keys, not the header, lead back).
func boothScreens() []screen {
	item := kiosk.WallItem{ID: "1", Question: "大和路12栋楼下的垃圾桶每天傍晚都满出来，气味很大，希望增加清运次数",
		Reply:       "已联系环卫所，自下周一起大和路每天清运两次（早7点、晚6点），并在12栋旁加设一个分类垃圾桶。",
		ReplyEn:     "We asked the sanitation office: from next Monday the bins on Dahe Road are emptied twice a day (7 am and 6 pm).",
		PublishedAt: time.Date(2026, 11, 20, 0, 0, 0, 0, time.Local)}
	ticket := kiosk.TicketUpdate{Ticket: "121000013", Status: kiosk.StatusReplied,
		Reply: "长者饭堂下月开业，地址在文化楼一楼，欢迎您来。", ReplyEn: "The seniors' canteen opens next month on the ground floor of the culture building."}
	show := func(v booth.View) func(visit) {
		return func(vi visit) { vi.begin(); vi.K.ShowBooth(v) }
	}
	switches := []string{"nav.large", "nav.lang"}
	return []screen{
		{"booth-menu", switches, show(booth.View{Step: booth.StepMenu, Prompt: booth.Menu})},
		{"booth-rate", switches, show(booth.View{Step: booth.StepRate})},
		{"booth-thanks", switches, show(booth.View{Step: booth.StepThanks, Code: "3"})},
		{"booth-wall", switches, show(booth.View{Step: booth.StepWall, Item: &item, Index: 0, Count: 7})},
		{"booth-code", switches, show(booth.View{Step: booth.StepCode, Code: "1210"})},
		{"booth-confirm", switches, show(booth.View{Step: booth.StepConfirm, Code: "121000013"})},
		{"booth-result", switches, show(booth.View{Step: booth.StepResult, Code: "121000013", Ticket: &ticket})},
		{"booth-said", switches, show(booth.View{Step: booth.StepMessage, Prompt: booth.VoiceIntro, Said: booth.VoiceIntro.Text()})},
		{"booth-record", switches, show(booth.View{Step: booth.StepRecord, Level: 0.12})},
		{"booth-saved", switches, show(booth.View{Step: booth.StepSaved, Code: "121000014"})},
		{"booth-goodbye", switches, show(booth.View{Step: booth.StepGoodbye})},
	}
}
