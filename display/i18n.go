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
	"nav.large":             {"长辈模式", "Large text"},
	"flow.progress":         {"第%d步/共%d步", "Step %d of %d"},
	"opinion.topic":         {"您想说哪方面的事？", "What is it about?"},
	"opinion.location":      {"在哪里？", "Where is it?"},
	"opinion.noplace":       {"不涉及具体地点", "No particular place"},
	"opinion.building":      {"楼栋号", "Building"},
	"opinion.words":         {"请选择或输入您的意见", "Choose or write your opinion"},
	"opinion.write":         {"写几句", "Write a few words"},
	"opinion.contact":       {"需要工作人员联系您吗？（可不填）", "Should the station call you back? (optional)"},
	"opinion.consent":       {"可以打这个电话联系我", "You may call me"},
	"opinion.anon":          {"不留电话", "No phone number"},
	"opinion.phone":         {"电话号码", "Phone number"},
	"rating.service":        {"您想评价哪项服务？", "Which service?"},
	"rating.how":            {"您满意吗？", "How satisfied are you?"},
	"rating.1":              {"很不满意", "Very dissatisfied"},
	"rating.2":              {"不满意", "Dissatisfied"},
	"rating.3":              {"满意", "Satisfied"},
	"rating.4":              {"很满意", "Very satisfied"},
	"rating.reasons":        {"哪里不满意？（可多选）", "What went wrong? (choose any)"},
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
	"lookup.reply":          {"工作站的回复", "The station's reply"},
	"wall.reply":            {"回复：", "Reply: "},
	"lookup.reason":         {"工作站的说明", "The station's note"},
	"lookup.now":            {"现在：", "Now: "},
	"lookup.updated":        {"更新于", "Updated"},
	"lookup.asking":         {"正在问社区工作站，请稍等……", "Asking the community station, one moment…"},
	"lookup.offline":        {"现在问不到社区工作站", "The kiosk cannot ask the community station right now"},
	"lookup.later":          {"请过一会儿再查，或者打电话问：", "Please try again later, or call the station:"},
	"lookup.another":        {"查另一个回执号", "Look up another code"},
	"lookup.retry":          {"再问一次", "Ask again"},
	"lookup.nophone":        {"请过一会儿再查，或者到社区工作站问。", "Please try again later, or ask at the community station."},
	"progress.received":     {"收到", "Received"},
	"progress.triaged":      {"分类", "Sorted"},
	"progress.assigned":     {"办理", "In hand"},
	"progress.replied":      {"回复", "Replied"},
	"progress.closed":       {"办结", "Closed"},
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
	"done.next":             {"请记下回执号，在任何一台意见墙都能查回复。", "Keep this code: any opinion wall can look up the answer."},
	"done.ok":               {"完成", "Done"},
	"done.title":            {"谢谢！已收到，您的回执号是：", "Thank you! We have it. Your ticket code:"},
	"done.countdown":        {"%d 秒后回到首页", "Back to the start in %d s"},
	"done.qrurl":            {"手机扫码，随时看进度", "Scan with your phone to follow it"},
	"done.qrcode":           {"手机扫码，存下回执号", "Scan with your phone to keep the code"},
	"idle.still":            {"还在吗？", "Still there?"},
	"idle.left":             {"秒后返回首页", "seconds until the start screen"},
	"idle.yes":              {"我还在", "I'm here"},
	"kbd.space":             {"空格", "Space"},
	"kbd.digits":            {"123", "123"},
	"kbd.letters":           {"拼音", "Pinyin"},
	"kbd.english":           {"英文", "ABC"},
	"kbd.clear":             {"清除", "Clear"},
	"kbd.back":              {"删除", "Delete"},
	"kbd.done":              {"写好了", "Done writing"},
	"kbd.hand":              {"手写", "Write"},
	"hand.hint":             {"请在框里写字", "Write in the box"},
	"hand.clear":            {"重写", "Write again"},
	"hand.nomodel":          {"手写用不了\n请用拼音输入", "No handwriting here.\nPlease use pinyin."},
	"hand.failed":           {"没有认出来，请重写", "Could not read that: please write it again"},
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
