package display

// boothCatalog holds the phone booth's screens (booth.go): the same steps
// the handset speaks, for those who can read them. Merged into catalog.
var boothCatalog = map[string][2]string{ // key -> {zh, en}
	"booth.menu":                 {"请按键，或点一下", "Press a key, or tap"},
	"booth.menu.1":               {"评价服务", "Rate a service"},
	"booth.menu.2":               {"听回复墙", "Hear the replies"},
	"booth.menu.3":               {"查询回执", "Look up a receipt"},
	"booth.menu.4":               {"给社区留言", "Leave a message"},
	"booth.key.repeat":           {"重听", "Hear again"},
	"booth.key.louder":           {"大声一点", "Louder"},
	"booth.key.softer":           {"正常音量", "Normal volume"},
	"booth.key.back":             {"返回", "Back"},
	"booth.rate":                 {"您对社区的服务满意吗？", "Are you satisfied with the community's service?"},
	"booth.thanks":               {"谢谢您的评价", "Thank you for your rating"},
	"booth.wall.count":           {"第%d条，共%d条", "Reply %d of %d"},
	"booth.wall.question":        {"居民反映", "A resident said"},
	"booth.wall.reply":           {"社区回复", "The community's reply"},
	"booth.wall.next":            {"下一条", "Next"},
	"booth.code":                 {"请输入回执上的九位号码", "Type the nine digits on your receipt"},
	"booth.code.clear":           {"重新输入", "Start again"},
	"booth.confirm":              {"您输入的号码是", "The number you typed is"},
	"booth.confirm.ok":           {"对，查询", "Yes, look it up"},
	"booth.result":               {"查询结果", "What the station says"},
	"booth.record":               {"请说话", "Speak now"},
	"booth.record.how":           {"说完请挂机，或按#键", "Hang up or press # when you are done"},
	"booth.record.done":          {"说完了", "Done"},
	"booth.saved":                {"留言已保存，回执号码", "Message saved. Your receipt number"},
	"booth.goodbye":              {"再见，欢迎再来", "Goodbye, come again"},
	"booth.say.invalid":          {"这个按键没有用，请再按一次", "That key does nothing here. Please press another"},
	"booth.say.still_there":      {"还在吗？", "Are you still there?"},
	"booth.say.louder":           {"已调大音量", "Louder now"},
	"booth.say.normal":           {"已恢复正常音量", "Normal volume again"},
	"booth.say.rate_failed":      {"评价没有保存成功，请稍后再试", "The rating was not saved. Please try again later"},
	"booth.say.wall_intro":       {"下面为您读回复墙", "Here are the replies"},
	"booth.say.wall_empty":       {"回复墙上暂时没有回复", "There are no replies on the wall yet"},
	"booth.say.wall_end":         {"回复已经读完了", "That was the last reply"},
	"booth.say.lookup_wait":      {"正在查询，请稍候", "Looking it up, one moment"},
	"booth.say.lookup_bad":       {"这个号码不对，请核对回执后重新输入", "That number is not right. Please check your receipt"},
	"booth.say.lookup_not_found": {"没有找到这个号码，请核对回执", "That number was not found. Please check your receipt"},
	"booth.say.lookup_offline":   {"现在查不到这个号码，请稍后再试", "The number cannot be looked up now. Please try later"},
	"booth.say.voice_intro":      {"请在嘀声后说出您的意见", "After the beep, say what you think"},
	"booth.say.voice_silent":     {"没有听到您的声音，留言没有保存", "We heard nothing, so no message was saved"},
	"booth.say.voice_short":      {"留言太短，没有保存", "The message was too short and was not saved"},
	"booth.say.voice_failed":     {"留言没有保存成功，请稍后再试", "The message was not saved. Please try again later"},
	"booth.say.voice_off":        {"这个电话亭暂时不能留言", "This booth cannot take messages now"},
}

func init() {
	for k, v := range boothCatalog {
		catalog[k] = v
	}
}
