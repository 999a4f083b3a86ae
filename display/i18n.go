package display

// catalogLanguages are the languages of the catalog, in the order of each
// entry's texts.
var catalogLanguages = [2]string{"zh", "en"}

// catalog holds every label of the resident screens and the admin screen,
// in Chinese and English; widget code names a key, never the text.
// Switching the language redraws the screen from it at once.
var catalog = map[string][2]string{ // key -> {zh, en}
	"attract.call":          {"点我说两句", "Tap to have your say"},
	"attract.sub":           {"意见、评价、投票、查询，都在这里", "Opinions, ratings, votes and answers: all here"},
	"attract.wall":          {"你说我办", "You said, we did"},
	"attract.figures":       {"本月 收到 %d 条 · 已回复 %d 条", "This month: %d received · %d answered"},
	"attract.polls":         {"正在投票，欢迎参与", "Open for voting: have your say"},
	"attract.phone":         {"工作站电话", "Station phone"},
	"attract.handset":       {"拿起话筒", "Pick up the handset"},
	"attract.handsetsub":    {"说说您的意见，或按按钮评价服务", "Tell us what you think, or press a button to rate"},
	"attract.press":         {"按下面的按钮，或点一下表情", "Press a button below, or tap a face"},
	"home.title":            {"请选择", "What would you like to do?"},
	"home.opinion":          {"提意见", "Give an opinion"},
	"home.rating":           {"评服务", "Rate a service"},
	"home.vote":             {"议事投票", "Vote on an item"},
	"home.lookup":           {"查回复", "Check my ticket"},
	"home.wall":             {"看回复墙", "Read the wall"},
	"nav.back":              {"返回", "Back"},
	"nav.home":              {"首页", "Home"},
	"nav.next":              {"下一步", "Next"},
	"nav.lang":              {"English", "中文"},
	"nav.large":             {"大字", "Large text"},
	"nav.normal":            {"正常字", "Normal text"},
	"opinion.topic":         {"您想说哪方面的事？", "What is it about?"},
	"opinion.location":      {"在哪里？", "Where is it?"},
	"opinion.noplace":       {"不涉及具体地点", "No particular place"},
	"opinion.building":      {"楼栋号", "Building"},
	"opinion.words":         {"请选择或输入您的意见", "Choose or write your opinion"},
	"opinion.write":         {"写几句", "Write a few words"},
	"opinion.contact":       {"需要工作人员联系您吗？（可不填）", "Should the station call you back? (optional)"},
	"opinion.consent":       {"我同意工作站用这个号码联系我", "I agree that the station may call me on this number"},
	"opinion.anon":          {"匿名提交", "Stay anonymous"},
	"opinion.phone":         {"电话号码", "Phone number"},
	"rating.service":        {"您想评价哪项服务？", "Which service?"},
	"rating.how":            {"您满意吗？", "How satisfied are you?"},
	"rating.1":              {"很不满意", "Very dissatisfied"},
	"rating.2":              {"不满意", "Dissatisfied"},
	"rating.3":              {"满意", "Satisfied"},
	"rating.4":              {"很满意", "Very satisfied"},
	"rating.reasons":        {"哪里不满意？（可多选）", "What went wrong? (choose any)"},
	"rating.question":       {"您对%s的服务满意吗？", "Are you satisfied with the service: %s?"},
	"rating.thanks":         {"谢谢！", "Thank you!"},
	"rating.got":            {"您的评价已收到", "We have your rating"},
	"vote.polls":            {"正在投票的议事事项", "Items open for voting"},
	"vote.none":             {"现在没有正在投票的事项", "No items are open for voting now"},
	"vote.option":           {"请选择", "Choose one"},
	"vote.closes":           {"截止", "Closes"},
	"vote.votes":            {"票", "votes"},
	"vote.results":          {"投票结果", "results"},
	"lookup.code":           {"请输入回执号（9位数字）", "Type your ticket code (9 digits)"},
	"lookup.find":           {"查询", "Look up"},
	"lookup.queued":         {"已保存在本机，等待送到社区工作站", "Saved on this kiosk, waiting to reach the community station"},
	"lookup.received":       {"工作站已收到，正在处理", "The station has it and is working on it"},
	"lookup.triaged":        {"已分类，正在安排", "Sorted, being arranged"},
	"lookup.assigned":       {"已安排工作人员处理", "A worker is on it"},
	"lookup.replied":        {"工作站已回复", "The station has replied"},
	"lookup.closed":         {"已办结", "Closed"},
	"lookup.in_progress":    {"工作人员正在办理", "A worker is working on it"},
	"lookup.duplicate":      {"与相同的意见合并办理", "Handled together with the same opinion"},
	"lookup.not_applicable": {"不属于社区受理范围，请看说明", "Not something the community station takes up: see the note"},
	"lookup.reply":          {"回复：", "Reply: "},
	"wall.title":            {"你说我办 · 回复墙", "You said, we did: the wall"},
	"wall.empty":            {"还没有公开的回复", "No published replies yet"},
	"wall.prev":             {"上一页", "Previous"},
	"wall.next":             {"下一页", "Next"},
	"review.title":          {"请确认", "Please check"},
	"review.submit":         {"确认提交", "Submit"},
	"review.contact":        {"联系电话", "Phone"},
	"review.anon":           {"匿名", "Anonymous"},
	"done.thanks":           {"谢谢！已收到", "Thank you! We have it"},
	"done.ticket":           {"您的回执号", "Your ticket code"},
	"done.next":             {"请记下回执号，稍后可在这里查询回复。", "Keep this code: you can look up the answer here later."},
	"done.ok":               {"完成", "Done"},
	"idle.still":            {"还在吗？", "Still there?"},
	"idle.left":             {"秒后返回首页", "seconds until the start screen"},
	"idle.yes":              {"我还在", "I'm here"},
	"kbd.space":             {"空格", "Space"},
	"kbd.digits":            {"123", "123"},
	"kbd.letters":           {"拼音", "Pinyin"},
	"kbd.english":           {"英文", "English"},
	"kbd.clear":             {"清除", "Clear"},
	"kbd.back":              {"删除", "Delete"},
	"kbd.done":              {"写好了", "Done writing"},
	"admin.pin":             {"维护密码", "Maintenance PIN"},
	"admin.title":           {"维护", "Maintenance"},
	"admin.close":           {"关闭", "Close"},
	"admin.wrong":           {"密码不对", "Wrong PIN"},
	"admin.restart":         {"重启程序", "Restart"},
	"admin.hwtest":          {"硬件测试", "Hardware test"},
	"admin.kiosk":           {"本机", "Kiosk"},
}

// tr returns the text of key in lang, the key itself when missing (a test
// checks none is).
func tr(lang, key string) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	for i, l := range catalogLanguages {
		if l == lang {
			return m[i]
		}
	}
	return m[0]
}
