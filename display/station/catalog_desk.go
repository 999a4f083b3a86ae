package station

// deskTexts are the texts of the inbox's rows, the case pane's forms,
// confirmations, reply templates, keyboard shortcuts and relative times.
var deskTexts = map[Lang]map[string]string{
	LangZh: {
		"ph.matter": "选择分流", "ph.item": "选择事项", "ph.priority": "优先级", "ph.worker": "选择负责人",
		"ph.template": "插入常用语", "ph.filter": "请选择",
		"prio.name.0": "一般", "prio.name.1": "较急", "prio.name.2": "紧急",
		"chip.overdue": "超时", "list.sep": "、",
		"case.hist": "%s · %s · %s", "case.hist.move": "（%s → %s）",
		"channel.touch": "触摸屏", "channel.button": "按键", "channel.handset": "话筒和拨号键",
		"lang.zh": "中文", "lang.en": "英文",
		"row.triage": "分流", "row.assign": "指派", "row.reply": "回复", "row.wall": "上墙", "row.other": "其他",
		"assignee.opt":      "%s · %s · 待办 %d",
		"assignee.building": "%s · %s · 待办 %d · 包楼",

		"confirm.title":       "请确认",
		"confirm.yes":         "确定",
		"confirm.no":          "取消",
		"confirm.close":       "办结回执号 %s？\n居民在设备上会看到“已办结”，之后要改只能重新打开。",
		"confirm.unpublish":   "把回执号 %s 从回复墙撤下？\n所有设备的回复墙都不再显示它。",
		"confirm.na":          "回执号 %s 不受理？\n居民会看到“不受理”和原因。",
		"confirm.dup":         "把回执号 %s 标为 %s 的重复？\n它不再单独办理，居民会看到原回执号。",
		"confirm.pollopen":    "把投票《%s》发布到所有设备？\n从开始时间起居民可以投票，发布后议题和选项不能再改。",
		"confirm.pollclose":   "结束投票《%s》？\n设备立即停止接受投票，结束后不能再打开。",
		"confirm.pollresults": "把投票《%s》的结果公布到所有设备？",

		"tpl.edit":  "编辑常用语",
		"tpl.title": "常用语：每行一条，居民会看到原文",
		"tpl.save":  "保存",
		"tpl.saved": "常用语已保存（%d 条）",
		"what.tpl":  "常用语",

		"keys.help": "快捷键：Alt+↓ 下一条 · Alt+↑ 上一条 · Alt+T 分类 · Alt+R 写回复",

		"ago.now": "刚才", "ago.min": "%d分钟前", "ago.hour": "%d小时前", "ago.day": "%d天前",
		"dur.min": "%d分钟", "dur.hour": "%d小时", "dur.day": "%d天",
	},
	LangEn: {
		"ph.matter": "Choose the class", "ph.item": "Choose the item", "ph.priority": "Priority", "ph.worker": "Choose who",
		"ph.template": "Insert a template", "ph.filter": "Choose",
		"prio.name.0": "Normal", "prio.name.1": "High", "prio.name.2": "Urgent",
		"chip.overdue": "Overdue", "list.sep": ", ",
		"case.hist": "%s · %s · %s", "case.hist.move": " (%s → %s)",
		"channel.touch": "touchscreen", "channel.button": "buttons", "channel.handset": "handset and keypad",
		"lang.zh": "Chinese", "lang.en": "English",
		"row.triage": "Class", "row.assign": "Assign", "row.reply": "Reply", "row.wall": "Wall", "row.other": "Other",
		"assignee.opt":      "%s · %s · %d open",
		"assignee.building": "%s · %s · %d open · building",

		"confirm.title":       "Please confirm",
		"confirm.yes":         "Confirm",
		"confirm.no":          "Cancel",
		"confirm.close":       "Close ticket %s?\nThe resident sees “closed” at the kiosk; to change it later, reopen it.",
		"confirm.unpublish":   "Take ticket %s off the wall?\nNo kiosk's wall shows it any more.",
		"confirm.na":          "Do not take up ticket %s?\nThe resident sees “not taken up” and the reason.",
		"confirm.dup":         "Mark ticket %s as a duplicate of %s?\nIt is no longer worked on its own; the resident sees the other ticket.",
		"confirm.pollopen":    "Publish the poll “%s” to every kiosk?\nResidents can vote from its opening time; its title and options cannot change after.",
		"confirm.pollclose":   "Close the poll “%s”?\nKiosks stop taking votes now; it cannot be opened again.",
		"confirm.pollresults": "Publish the results of the poll “%s” to every kiosk?",

		"tpl.edit":  "Edit templates",
		"tpl.title": "Reply templates: one a line, residents read them as written",
		"tpl.save":  "Save",
		"tpl.saved": "Templates saved (%d)",
		"what.tpl":  "Templates",

		"keys.help": "Keys: Alt+↓ next · Alt+↑ previous · Alt+T triage · Alt+R write the reply",

		"ago.now": "just now", "ago.min": "%d min ago", "ago.hour": "%d h ago", "ago.day": "%d days ago",
		"dur.min": "%d min", "dur.hour": "%d h", "dur.day": "%d days",
	},
}
