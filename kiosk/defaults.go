package kiosk

import "time"

// Defaults returns the configuration every file is loaded over. The kiosk's
// id, number and admin PIN have no default: each kiosk must be given its own.
func Defaults() Config {
	return Config{
		Kiosk: KioskSection{
			Role:                     RoleWall,
			Languages:                []string{"zh", "en"},
			DefaultLanguage:          "zh",
			HandwritingModel:         DefaultHandwritingModel,
			HandwritingStandardModel: DefaultHandwritingStandardModel,
			Attract:                  AttractInvite,
		},
		Session: SessionSection{
			IdleTimeout:      Duration(90 * time.Second),
			IdleWarning:      Duration(15 * time.Second),
			SubmittedTimeout: Duration(30 * time.Second),
			SlowFactor:       2,
			RatingMinGap:     Duration(3 * time.Second),
			PlayBurst:        8,
			PlayWindow:       Duration(30 * time.Second),
			PlayStreak:       6,
			TextLimit:        DefaultTextLimit,
			ThanksTimeout:    Duration(3 * time.Second),
			ReasonsTimeout:   Duration(20 * time.Second),
		},
		Store: StoreSection{RetentionDays: 30, AudioMB: 200},
		Hardware: HardwareSection{
			RatePins: []string{"GPIO5", "GPIO6", "GPIO13", "GPIO19"}, HelpPin: "GPIO26", HookPin: "GPIO21", MotionPin: "GPIO20",
			LEDPins: []string{"GPIO12", "GPIO16", "GPIO17", "GPIO27"}, StatusLED: "GPIO25", I2CBus: "1",
			Debounce: Duration(30 * time.Millisecond), LongPress: Duration(2 * time.Second), SensorEvery: Duration(time.Minute),
			DimAfter: Duration(5 * time.Minute), OffAfter: Duration(15 * time.Minute), MinBright: 10, MaxBright: 100,
			ButtonsOrder: DissatisfiedFirst,
		},
		Receipt:       ReceiptSection{Printer: PrinterSection{Timeout: Duration(10 * time.Second)}},
		Lookup:        LookupSection{Timeout: Duration(5 * time.Second), PerMinute: 4, WrongPerVisit: 3, WrongPerMinute: 5, WrongPerHour: 30},
		Booth:         defaultBooth(),
		Topics:        defaultTopics(),
		Services:      defaultServices(),
		RatingReasons: defaultRatingReasons(),
		Brightness: []BrightnessStep{
			{From: "06:30", Level: 80},
			{From: "19:00", Level: 100},
			{From: "23:00", Level: 40},
		},
	}
}

// The default topics follow what Dahe community collects opinions on:
// sanitation, infrastructure, renting, education and culture, public order,
// fire safety, parking and traffic (see shared/context). A station replaces
// them in its configuration.

func phrase(id, zh, en string) Phrase { return Phrase{ID: id, Text: Text{Zh: zh, En: en}} }

func defaultTopics() []Topic {
	return []Topic{
		{ID: "sanitation", Icon: "bin", Name: Text{"环境卫生", "Sanitation"}, Phrases: []Phrase{
			phrase("garbage-piled", "垃圾没有及时清运", "Garbage is not collected in time"),
			phrase("smell", "有异味", "There is a bad smell"),
			phrase("mosquitoes", "蚊虫老鼠多", "Many mosquitoes or rats"),
			phrase("sewer", "下水道堵塞", "The drain is blocked"),
		}},
		{ID: "infrastructure", Icon: "lamp", Name: Text{"基础设施", "Infrastructure"}, Phrases: []Phrase{
			phrase("streetlight", "路灯不亮", "A street light is out"),
			phrase("road-damaged", "路面破损", "The road is damaged"),
			phrase("water-power", "停水停电", "Water or power is cut"),
			phrase("cables", "电线网线杂乱", "Cables hang in a mess"),
		}},
		{ID: "renting", Icon: "rent", Name: Text{"房屋租赁", "Renting"}, Phrases: []Phrase{
			phrase("rent-dispute", "房租押金纠纷", "A rent or deposit dispute"),
			phrase("repairs", "房东不维修", "The landlord does not repair"),
			phrase("utility-price", "水电费过高", "Water and power prices are too high"),
		}},
		{ID: "safety", Icon: "extinguisher", Name: Text{"消防治安", "Fire and public safety"}, Phrases: []Phrase{
			phrase("ebike-charging", "电动车违规充电", "E-bikes are charged unsafely"),
			phrase("exit-blocked", "消防通道被堵", "A fire exit is blocked"),
			phrase("noise", "夜间噪音扰民", "Noise at night"),
		}},
		{ID: "traffic", Icon: "car", Name: Text{"交通停车", "Traffic and parking"}, Phrases: []Phrase{
			phrase("parking", "乱停车", "Cars park anywhere"),
			phrase("crossing", "路口不安全", "A crossing is unsafe"),
		}},
		{ID: "culture", Icon: "book-ball", Name: Text{"教育文体", "Education and culture"}, Phrases: []Phrase{
			phrase("kids-activities", "希望多办儿童活动", "More activities for children, please"),
			phrase("elderly-activities", "希望多办老人活动", "More activities for the elderly, please"),
			phrase("reading", "希望有更多读书空间", "More places to read, please"),
		}},
		{ID: "neighbours", Icon: "neighbours", Name: Text{"邻里关系", "Neighbours"}, Phrases: []Phrase{
			phrase("noise-neighbour", "邻居太吵", "Noisy neighbours"),
			phrase("shared-space", "公共区域被占用", "Shared space is taken over"),
			phrase("pets", "宠物扰民", "Pets disturb others"),
		}},
		{ID: "other", Icon: "speech", Name: Text{"其他建议", "Other"}},
	}
}

func defaultServices() []Topic {
	return []Topic{
		{ID: "station", Icon: "station", Name: Text{"社区工作站", "Community station"},
			Question: Text{"您对社区工作站的服务满意吗？", "Are you satisfied with the community station's service?"}},
		{ID: "grid-worker", Icon: "grid-worker", Name: Text{"网格员", "Grid worker"}},
		{ID: "social-work", Icon: "social-work", Name: Text{"社工服务", "Social work service"}},
		{ID: "cleaning", Icon: "cleaning", Name: Text{"环卫保洁", "Street cleaning"}},
	}
}

func defaultRatingReasons() []Phrase {
	return []Phrase{
		phrase("slow", "办事太慢", "Too slow"),
		phrase("attitude", "态度不好", "Unfriendly"),
		phrase("unclear", "说得不清楚", "Not explained clearly"),
		phrase("unsolved", "问题没解决", "The problem was not solved"),
		phrase("hard-to-find", "找不到人", "Could not find anyone"),
	}
}
