package web

// Lang is a page's language: one per page, Chinese first.
type Lang string

// The languages.
const (
	Zh Lang = "zh"
	En Lang = "en"
)

// parseLang reads a language choice; anything but "en" is Chinese.
func parseLang(s string) Lang {
	if s == string(En) {
		return En
	}
	return Zh
}

// T returns the text of key in the language (the key itself when missing,
// which the catalog test forbids).
func (l Lang) T(key string) string {
	if t, ok := catalog[key]; ok {
		if l == En {
			return t[1]
		}
		return t[0]
	}
	return key
}

// catalog holds every string of the pages: {Chinese, English}.
var catalog = map[string][2]string{
	"app.title":             {"意见墙 · 网格员", "Opinion Wall · grid workers"},
	"lang.other":            {"English", "中文"},
	"login.title":           {"登录", "Log in"},
	"login.id":              {"工号", "Worker id"},
	"login.pin":             {"密码（数字）", "PIN"},
	"login.submit":          {"登录", "Log in"},
	"login.wrong":           {"工号或密码不对", "Wrong worker id or PIN"},
	"login.locked":          {"密码错误次数太多，请稍后再试：", "Too many wrong PINs. Try again after "},
	"logout":                {"退出", "Log out"},
	"my.title":              {"我的待办", "My cases"},
	"my.empty":              {"没有待办的事", "Nothing to do"},
	"my.mine":               {"分给我的", "Assigned to me"},
	"my.buildings":          {"我包的楼", "In my buildings"},
	"my.late":               {"已超时", "Overdue"},
	"case.back":             {"返回待办", "Back to my cases"},
	"case.title":            {"事项", "Case"},
	"case.ticket":           {"回执号", "Receipt"},
	"case.status":           {"状态", "Status"},
	"case.building":         {"楼栋", "Building"},
	"case.at":               {"提交时间", "Sent"},
	"case.text":             {"居民说", "The resident wrote"},
	"case.contact":          {"联系方式", "Contact"},
	"case.withheld":         {"居民留了联系方式，你的角色看不到", "The resident left contact details your role may not see"},
	"case.call":             {"一键拨号", "Call"},
	"case.noconsent":        {"居民没有同意回访电话", "The resident did not agree to be called"},
	"case.reply":            {"回复", "Reply"},
	"case.notes":            {"进展", "Progress"},
	"case.nonotes":          {"还没有进展记录", "No progress yet"},
	"case.pending":          {"待发送（没有网络，恢复后自动发送）", "Waiting to send (no signal; sent when back)"},
	"case.assignee":         {"负责人", "Assigned to"},
	"act.start":             {"开始处理", "Start"},
	"act.note":              {"记进展", "Add a note"},
	"act.note.send":         {"保存进展", "Save note"},
	"act.photo":             {"拍照上传", "Take a photo"},
	"act.photo.send":        {"上传照片", "Upload photo"},
	"act.propose":           {"建议回复（站长审核）", "Propose a reply (for the lead)"},
	"act.propose.send":      {"提交建议", "Send proposal"},
	"act.resolved":          {"已处理，请站长审核", "Resolved: for the lead's review"},
	"act.wall.on":           {"放到意见墙（处理后）", "Show on the wall (after)"},
	"act.wall.off":          {"从意见墙撤下", "Take off the wall"},
	"act.adopt":             {"采用为回复", "Send as the reply"},
	"note.note":             {"进展", "Note"},
	"note.photo":            {"照片", "Photo"},
	"note.proposal":         {"建议回复", "Proposed reply"},
	"note.resolved":         {"已处理，待审核", "Resolved, for review"},
	"note.onwall":           {"在意见墙上", "On the wall"},
	"bld.title":             {"包楼", "Buildings"},
	"bld.help":              {"每位网格员负责的楼栋，用逗号分开", "The buildings each worker looks after, separated by commas"},
	"bld.save":              {"保存", "Save"},
	"my.bld":                {"包楼分配", "Buildings"},
	"err.title":             {"出错了", "Something went wrong"},
	"err.forbidden":         {"你的角色不能做这件事", "Your role may not do this"},
	"err.notfound":          {"没有找到", "Not found"},
	"err.invalid":           {"输入有误：", "Please check: "},
	"err.conflict":          {"别人刚改过这件事，请刷新", "Someone changed this case: reload it"},
	"err.server":            {"服务器出错，请稍后再试", "Server error, try again later"},
	"err.busy":              {"请求太多，请稍后再试", "Too many requests, try again later"},
	"pub.title":             {"回执查询", "Receipt status"},
	"pub.notfound":          {"没有找到这个回执号。请核对号码；刚提交的意见要过几分钟才查得到。", "No receipt with this code. Check the number; a new one shows after a few minutes."},
	"pub.timeline":          {"进度", "Progress"},
	"pub.reply":             {"工作站的回复", "The station's reply"},
	"pub.question":          {"意见墙上的问题", "The question on the wall"},
	"pub.referrals":         {"可以找这些服务", "Services that can help"},
	"pub.item":              {"已纳入居民议事事项", "Taken into the residents' deliberation item"},
	"pub.matter":            {"分类", "Class"},
	"pub.topic":             {"主题", "Topic"},
	"pub.photo":             {"处理后", "After"},
	"status.received":       {"已收到", "Received"},
	"status.triaged":        {"已分类", "Sorted"},
	"status.assigned":       {"已派人", "Assigned"},
	"status.in_progress":    {"处理中", "In progress"},
	"status.replied":        {"已回复", "Replied"},
	"status.closed":         {"已办结", "Closed"},
	"status.duplicate":      {"与其他意见合并处理", "Handled with another"},
	"status.not_applicable": {"不予受理", "Not taken up"},
	"matter.big":            {"大事（政府主导）", "Big matter (government)"},
	"matter.small":          {"小事（社区协商）", "Small matter (community)"},
	"matter.private":        {"私事（居民自己解决）", "Private matter (residents)"},
}
