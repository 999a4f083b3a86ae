package station

// settingsTexts are the texts of the settings a lead keeps on screen: the
// targets per class (statistics tab) and the referral services (议事
// settings), with the reasons the hub refuses them for.
var settingsTexts = map[Lang]map[string]string{
	LangZh: {
		"tgt.title": "办理时限（天）", "tgt.class": "分流", "tgt.reply": "首次回复（天内）", "tgt.close": "办结（天内）",
		"tgt.ph.days": "天数", "tgt.save": "保存时限", "tgt.note": "站长可改；超过时限的事项标“超时”",
		"tgt.bad":  "%s：请填写整天数，大于 0",
		"tgt.what": "办理时限", "tgt.saved": "办理时限已保存",
		"ref.title": "转介服务（私事回复时可勾选）",
		"ref.note":  "改名称后点“保存转介服务”；新服务填编号（小写字母、数字、-）和名称后点“添加”。",
		"ref.new":   "新服务", "ref.add": "添加", "ref.save": "保存转介服务",
		"ref.ph.id": "编号，如 legal", "ref.ph.zh": "中文名称", "ref.ph.en": "英文名称（可不填）",
		"ref.ph.newzh": "新服务的中文名称", "ref.ph.newen": "新服务的英文名称（可不填）",
		"ref.remove": "删除", "ref.confirmremove": "从转介服务中删除「%s」？已发出的回复不受影响。",
		"ref.what": "转介服务", "ref.saved": "转介服务已保存", "ref.added": "已添加转介服务", "ref.removed": "已删除转介服务",
		"why.targets.class":   "不认识的分流 %q",
		"why.targets.zero":    "%s：首次回复和办结都要填，大于 0 天",
		"why.targets.days":    "%s：时限按整天计",
		"why.targets.order":   "%s：首次回复（%d 天）不能晚于办结（%d 天）",
		"why.referrals.many":  "转介服务最多 %d 项，现在是 %d 项",
		"why.referral.noname": "第 %d 项：请填写中文名称",
		"why.referral.long":   "第 %d 项：名称最多 %d 个字",
	},
	LangEn: {
		"tgt.title": "Targets (days)", "tgt.class": "Class", "tgt.reply": "First reply within", "tgt.close": "Closed within",
		"tgt.ph.days": "days", "tgt.save": "Save targets", "tgt.note": "A lead sets them; cases past them are marked overdue",
		"tgt.bad":  "%s: please give whole days, above 0",
		"tgt.what": "Targets", "tgt.saved": "Targets saved",
		"ref.title": "Referral services (ticked with a private matter's reply)",
		"ref.note":  "Change a name, then Save referral services; for a new service give an id (a-z, 0-9, -) and a name, then Add.",
		"ref.new":   "New service", "ref.add": "Add", "ref.save": "Save referral services",
		"ref.ph.id": "id, e.g. legal", "ref.ph.zh": "Chinese name", "ref.ph.en": "English name (optional)",
		"ref.ph.newzh": "Chinese name", "ref.ph.newen": "English name (optional)",
		"ref.remove": "Remove", "ref.confirmremove": "Remove %s from the referral services? Replies already sent stay as they are.",
		"ref.what": "Referral services", "ref.saved": "Referral services saved", "ref.added": "Referral service added", "ref.removed": "Referral service removed",
		"why.targets.class":   "unknown class %q",
		"why.targets.zero":    "%s: give both the first reply and closing, above 0 days",
		"why.targets.days":    "%s: targets are whole days",
		"why.targets.order":   "%s: the first reply (%d days) cannot come after closing (%d days)",
		"why.referrals.many":  "at most %d referral services, not %d",
		"why.referral.noname": "service %d: a Chinese name is needed",
		"why.referral.long":   "service %d: a name of at most %d characters",
	},
}
